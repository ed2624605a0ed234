"""Floors on the blind held-out set (tests/heldout/gold): sitrep's extraction scored with
sitrep.evaluate.evaluate must not fall below tests/heldout/baseline.json.

The set was written without looking at the extractors and is meant to stay unseen by whoever
tunes them: a failure here is a regression to investigate in general terms, not by reading the
held-out texts. Print the current figures with: .venv/bin/python tests/test_heldout.py
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from sitrep.evaluate import EvalReport, evaluate

HERE = Path(__file__).resolve().parent
GOLD = HERE / "heldout" / "gold"
BASELINE = HERE / "heldout" / "baseline.json"


def measured(report: EvalReport) -> dict[str, float]:
    """The figures the baseline pins, keyed as in baseline.json's ``floors``."""
    out = {"facts_f1": report.facts.f1, "events_f1": report.events.f1,
           "evidence.spans_valid": report.evidence.spans_valid or 0.0,
           "evidence.numbers_supported": report.evidence.numbers_supported or 0.0}
    for group, sub in report.by_group().items():
        out[f"{group}.facts_f1"] = sub.facts.f1
        out[f"{group}.events_f1"] = sub.events.f1
    return out


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
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    got = measured(report)
    below = {k: (round(got.get(k, 0.0), 4), v) for k, v in floors.items() if got.get(k, 0.0) + 1e-9 < v}
    assert not below, f"held-out figures below their floors (got, floor): {below}"


if __name__ == "__main__":
    rep, _ = evaluate([GOLD])
    for key, value in sorted(measured(rep).items()):
        print(f"{key:32s} {value:.4f}  floor {math.floor(value * 100) / 100:.2f}")
