"""What every quality gate shares: the headline figures of a scored gold set, and floors pinned for them.

A gate holds facts and events F1 overall and per document group (the id up to its
first ``-``), and the two evidence figures. Floors are the figures measured when
pinned, rounded down to two decimals; they are raised when extraction improves and
never lowered to pass. Each gate's module prints the figures to pin when run as a
script.
"""
from __future__ import annotations

import json
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from sitrep.evaluate import EvalReport


def figure_names(groups: tuple[str, ...], *, overall_events: bool = True) -> list[str]:
    """The names of the figures a gate over these groups holds, as its baseline file writes them."""
    return (["facts_f1"] + (["events_f1"] if overall_events else [])
            + [f"{g}.facts_f1" for g in groups] + [f"{g}.events_f1" for g in groups]
            + ["evidence.spans_valid", "evidence.numbers_supported"])


def headline_figures(report: EvalReport, groups: tuple[str, ...] = ()) -> dict[str, float]:
    """Facts and events F1, overall and per group, and the evidence shares of one report."""
    figures = {"facts_f1": report.facts.f1, "events_f1": report.events.f1,
               # No predictions at all leaves the shares undefined: that holds nothing up.
               "evidence.spans_valid": report.evidence.spans_valid or 0.0,
               "evidence.numbers_supported": report.evidence.numbers_supported or 0.0}
    by_group = report.by_group()
    for g in groups:
        group = by_group.get(g)
        figures[f"{g}.facts_f1"] = group.facts.f1 if group else 0.0
        figures[f"{g}.events_f1"] = group.events.f1 if group else 0.0
    return figures


def floors(baseline: Path) -> dict[str, float]:
    return json.loads(baseline.read_text(encoding="utf-8"))["floors"]


def assert_holds(measured: dict[str, float], baseline: Path, figure: str, gold: Path) -> None:
    """Fail when ``figure`` fell below its floor in ``baseline``, saying how to look into it."""
    floor = floors(baseline)[figure]
    assert measured[figure] >= floor, (
        f"{figure} fell to {measured[figure]:.4f}, below its floor {floor:.2f} in {baseline}: "
        f"fix the regression (see `sitrep eval {gold} --by-prefix`); floors are never lowered")


def below_floors(measured: dict[str, float], pinned: dict[str, float]) -> dict[str, tuple[float, float]]:
    """The figures that fell below their floors: name -> (measured, floor)."""
    return {k: (round(measured.get(k, 0.0), 4), floor) for k, floor in pinned.items()
            if measured.get(k, 0.0) < floor}


def print_pins(measured: dict[str, float], names: list[str]) -> None:
    """Print the figures and the floors to pin for them."""
    print("measured:", json.dumps({k: round(measured[k], 4) for k in names}, indent=1))
    # Rounded down through the decimal text, so that 0.29 does not become 0.28 by binary float error.
    pin = {k: float(Decimal(str(measured[k])).quantize(Decimal("0.01"), ROUND_FLOOR)) for k in names}
    print("floors to pin:", json.dumps(pin, indent=1))
