"""The quality gate: extraction of the dev set may not fall below the floors of eval_baseline.json.

Floors are the figures measured when they were pinned, rounded down to two
decimals. They are raised when extraction gets better, never lowered: a change
that costs a figure is a regression to fix, not a floor to move. To see the
figures to pin:

    .venv/bin/python tests/test_quality_gate.py
"""
from __future__ import annotations

from pathlib import Path

import pytest

import gates
from sitrep.evaluate import evaluate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "dev"
BASELINE = Path(__file__).with_name("eval_baseline.json")
GROUPS = ("seed", "af", "ke")
FIGURES = gates.figure_names(GROUPS, overall_events=False)


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    if not DEV.is_dir():
        pytest.fail(f"the quality gate needs the dev set at {DEV} (the shared folder beside the repository); "
                    f"it is never skipped")
    report, failed = evaluate([DEV])
    assert not failed, f"dev texts that could not be read: {[str(e) for e in failed]}"
    assert report.documents >= 60, "the dev set looks truncated"
    return gates.headline_figures(report, GROUPS)


def test_every_headline_figure_has_a_floor() -> None:
    pinned = gates.floors(BASELINE)
    assert sorted(pinned) == sorted(FIGURES)
    assert all(0.0 <= v <= 1.0 for v in pinned.values())


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_holds_its_floor(measured: dict[str, float], figure: str) -> None:
    gates.assert_holds(measured, BASELINE, figure, DEV)


if __name__ == "__main__":
    gates.print_pins(gates.headline_figures(evaluate([DEV])[0], GROUPS), FIGURES)
