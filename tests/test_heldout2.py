"""heldout2: a blind held-out set, scored against the floors of tests/heldout2/baseline.json.

BLIND SET: extractor engineers must not read tests/heldout2/ (texts or gold) nor
tune rules to it; it exists to report honestly how extraction does on texts nobody
tuned on. Its 30 documents were written by the team in their own words in the
style of real outlets and annotated by the conventions of ../shared/eval/README.md
before sitrep was run on them.

Floors are the figures measured when they were pinned, rounded down to two
decimals. They are raised when extraction gets better, never lowered. To see the
figures to pin:

    .venv/bin/python tests/test_heldout2.py
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import gates
from sitrep.evaluate import evaluate

GOLD = Path(__file__).resolve().parent / "heldout2" / "gold"
BASELINE = Path(__file__).resolve().parent / "heldout2" / "baseline.json"
GROUPS = ("gf", "gk", "gs")
FIGURES = gates.figure_names(GROUPS)


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    report, failed = evaluate([GOLD])
    assert not failed, f"heldout2 texts that could not be read: {[str(e) for e in failed]}"
    assert report.documents == 30, "the heldout2 set looks truncated"
    return gates.headline_figures(report, GROUPS)


def test_every_figure_has_a_floor() -> None:
    assert sorted(gates.floors(BASELINE)) == sorted(FIGURES)


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_holds_its_floor(measured: dict[str, float], figure: str) -> None:
    gates.assert_holds(measured, BASELINE, figure, GOLD)


def test_gold_is_well_formed() -> None:
    """Every text has its gold, and every alternative points at a required event of the same document."""
    texts = sorted(p.stem for p in GOLD.glob("*.txt"))
    golds = sorted(p.stem for p in GOLD.glob("*.json"))
    assert texts == golds and len(texts) == 30
    for path in GOLD.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["document_id"] == path.stem
        for event in doc["events"]:
            if "alternative_of" in event:
                assert event.get("optional") is True
                assert not doc["events"][event["alternative_of"]].get("optional")


if __name__ == "__main__":
    gates.print_pins(gates.headline_figures(evaluate([GOLD])[0], GROUPS), FIGURES)
