"""Floors on the blind held-out set (tests/heldout/gold): sitrep's extraction scored with
sitrep.evaluate.evaluate must not fall below tests/heldout/baseline.json.

The set was written without looking at the extractors and stayed blind until 09:52 UTC on
2026-11-26 (facts F1 0.804 then); extraction has been tuned on it since, so it now guards
against regressions, and tests/heldout2 is the blind set. Print the current figures with: .venv/bin/python tests/test_heldout.py
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gates
from sitrep.evaluate import EvalReport, evaluate

HERE = Path(__file__).resolve().parent
GOLD = HERE / "heldout" / "gold"
BASELINE = HERE / "heldout" / "baseline.json"


GROUPS = ("hf", "hk", "hs")
FIGURES = gates.figure_names(GROUPS)


@pytest.fixture(scope="module")
def report() -> EvalReport:
    rep, failed = evaluate([GOLD])
    assert not failed, f"unreadable held-out texts: {failed}"
    return rep


def test_heldout_set_is_complete() -> None:
    # 18 af-style, 15 ke-style, 3 seed-style documents, each text beside its gold
    ids = sorted(p.stem for p in GOLD.glob("*.json"))
    assert [i.split("-")[0] for i in ids].count("hf") == 18
    assert [i.split("-")[0] for i in ids].count("hk") == 15
    assert [i.split("-")[0] for i in ids].count("hs") == 3
    assert all((GOLD / f"{i}.txt").exists() for i in ids)


def test_heldout_floors(report: EvalReport) -> None:
    below = gates.below_floors(gates.headline_figures(report, GROUPS), gates.floors(BASELINE))
    assert not below, f"held-out figures below their floors (got, floor): {below}"


if __name__ == "__main__":
    gates.print_pins(gates.headline_figures(evaluate([GOLD])[0], GROUPS), FIGURES)
