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
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pytest

from sitrep.evaluate import EvalReport, evaluate

GOLD = Path(__file__).resolve().parent / "heldout2" / "gold"
BASELINE = Path(__file__).resolve().parent / "heldout2" / "baseline.json"
GROUPS = ("gf", "gk", "gs")
# Every figure this set holds: the floors file must pin each of them.
FIGURES = (["facts_f1", "events_f1"] + [f"{g}.facts_f1" for g in GROUPS] + [f"{g}.events_f1" for g in GROUPS]
           + ["evidence.spans_valid", "evidence.numbers_supported"])


def heldout_figures(report: EvalReport) -> dict[str, float]:
    """The figures heldout2 holds, by the names baseline.json uses."""
    figures = {"facts_f1": report.facts.f1, "events_f1": report.events.f1,
               # No predictions at all leaves the shares undefined: that holds nothing up.
               "evidence.spans_valid": report.evidence.spans_valid or 0.0,
               "evidence.numbers_supported": report.evidence.numbers_supported or 0.0}
    groups = report.by_group()
    for g in GROUPS:
        group = groups.get(g)
        figures[f"{g}.facts_f1"] = group.facts.f1 if group else 0.0
        figures[f"{g}.events_f1"] = group.events.f1 if group else 0.0
    return figures


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    report, failed = evaluate([GOLD])
    assert not failed, f"heldout2 texts that could not be read: {[str(e) for e in failed]}"
    assert report.documents == 30, "the heldout2 set looks truncated"
    return heldout_figures(report)


def floors() -> dict[str, float]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]


def test_every_figure_has_a_floor() -> None:
    assert sorted(floors()) == sorted(FIGURES)


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_holds_its_floor(measured: dict[str, float], figure: str) -> None:
    floor = floors()[figure]
    assert measured[figure] >= floor, (f"heldout2 {figure} fell to {measured[figure]:.3f}, below its floor "
                                       f"{floor:.2f}: a regression on unseen texts")


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
    report, _ = evaluate([GOLD])
    pinned = {k: float(Decimal(str(v)).quantize(Decimal("0.01"), rounding=ROUND_FLOOR))
              for k, v in heldout_figures(report).items()}
    print(json.dumps({"floors": pinned}, indent=1, sort_keys=True))
