"""The held-out challenge set: extraction of tests/challenge/gold may not fall below the floors of baseline.json.

tests/challenge/gold holds documents written by the team in its own words, in the
genres of the dev set but never seen while tuning extraction (``cf-``: air-force
overnight counts, ``ck-``: key-events digests and roundups, ``cs-``: long daily
summaries), each with gold annotated by ../shared/eval/README.md's conventions.
Its figures show whether the extraction rules generalise beyond dev. Floors are
the figures measured when pinned, rounded down to two decimals; raise them when
extraction improves, never lower them. To see the figures to pin:

    .venv/bin/python tests/test_challenge.py
"""
from __future__ import annotations

from pathlib import Path

import pytest

import gates
from sitrep.evaluate import evaluate, load_gold

CHALLENGE = Path(__file__).with_name("challenge")
GOLD = CHALLENGE / "gold"
BASELINE = CHALLENGE / "baseline.json"
GROUPS = ("cf", "ck", "cs")
FIGURES = gates.figure_names(GROUPS)


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    report, failed = evaluate([GOLD])
    assert not failed, f"challenge texts that could not be read: {[str(e) for e in failed]}"
    return gates.headline_figures(report, GROUPS)


def test_the_set_is_whole() -> None:
    gold = load_gold([GOLD])
    by_group = {g: [d for d in gold if d.startswith(g + "-")] for g in GROUPS}
    assert len(by_group["cf"]) >= 25 and len(by_group["ck"]) >= 15 and len(by_group["cs"]) >= 2, by_group
    assert all(doc.text is not None for doc in gold.values()), "every gold file needs its text beside it"
    # af-style gold holds the night's figures only, as in dev
    assert all(not gold[d].exhaustive for d in by_group["cf"])


def test_alternatives_point_at_required_events() -> None:
    for doc in load_gold([GOLD]).values():
        for e in doc.events:
            if "alternative_of" in e:
                target = doc.events[e["alternative_of"]]
                assert e.get("optional") and not target.get("optional"), doc.id


def test_every_headline_figure_has_a_floor() -> None:
    pinned = gates.floors(BASELINE)
    assert sorted(pinned) == sorted(FIGURES)
    assert all(0.0 <= v <= 1.0 for v in pinned.values())


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_holds_its_floor(measured: dict[str, float], figure: str) -> None:
    gates.assert_holds(measured, BASELINE, figure, GOLD)


if __name__ == "__main__":
    gates.print_pins(gates.headline_figures(evaluate([GOLD])[0], GROUPS), FIGURES)
