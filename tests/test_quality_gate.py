"""The quality gate: extraction of the dev set may not fall below the floors of eval_baseline.json.

Floors are the figures measured when they were pinned, rounded down to two
decimals. They are raised when extraction gets better, never lowered: a change
that costs a figure is a regression to fix, not a floor to move. To see the
figures to pin:

    .venv/bin/python tests/test_quality_gate.py
"""
from __future__ import annotations

import json
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pytest

from sitrep.evaluate import EvalReport, evaluate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "dev"
BASELINE = Path(__file__).with_name("eval_baseline.json")
GROUPS = ("seed", "af", "ke")
# Every headline figure the gate holds: the floors file must pin each of them.
FIGURES = (["facts_f1"] + [f"{g}.facts_f1" for g in GROUPS] + [f"{g}.events_f1" for g in GROUPS]
           + ["evidence.spans_valid", "evidence.numbers_supported"])


def headline_figures(report: EvalReport) -> dict[str, float]:
    """The figures the gate holds, by the names eval_baseline.json uses."""
    figures = {"facts_f1": report.facts.f1,
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
    if not DEV.is_dir():
        pytest.fail(f"the quality gate needs the dev set at {DEV} (the shared folder beside the repository); "
                    f"it is never skipped")
    report, failed = evaluate([DEV])
    assert not failed, f"dev texts that could not be read: {[str(e) for e in failed]}"
    assert report.documents >= 60, "the dev set looks truncated"
    return headline_figures(report)


def floors() -> dict[str, float]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]


def test_every_headline_figure_has_a_floor() -> None:
    pinned = floors()
    assert sorted(pinned) == sorted(FIGURES)
    assert all(0.0 <= v <= 1.0 for v in pinned.values())


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_holds_its_floor(measured: dict[str, float], figure: str) -> None:
    floor = floors()[figure]
    assert measured[figure] >= floor, (
        f"{figure} fell to {measured[figure]:.4f}, below its floor {floor:.2f} in {BASELINE.name}: "
        f"fix the regression (see `sitrep eval {DEV} --by-prefix`); floors are never lowered")


if __name__ == "__main__":
    report, _ = evaluate([DEV])
    now = headline_figures(report)
    print("measured:", json.dumps({k: round(now[k], 4) for k in FIGURES}, indent=1))
    # Rounded down through the decimal text, so that 0.29 does not become 0.28 by binary float error.
    pin = {k: float(Decimal(str(now[k])).quantize(Decimal("0.01"), ROUND_FLOOR)) for k in FIGURES}
    print("floors to pin:", json.dumps(pin, indent=1))
