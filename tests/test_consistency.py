"""Consistency checks: impossible figures and dates are reported, with what each report said."""
from __future__ import annotations

import datetime as dt

from sitrep.consistency import check_event, check_fused


def attack(eid: str, doc: str, **fields: object) -> dict[str, object]:
    return {"id": eid, "document_id": doc, "type": "aerial_attack", "date": "2025-02-12", **fields}


def drones(launched: int | None, intercepted: int | None, suppressed: int | None) -> list[dict[str, object]]:
    return [{"category": "attack_drone", "model": "Shahed", "launched": launched,
             "intercepted": intercepted, "suppressed": suppressed}]


def test_intercepted_plus_suppressed_within_launched_is_fine() -> None:
    assert check_event(attack("e", "d", weapons=drones(123, 71, 40)), "2025-02-12") == []
    assert check_event(attack("e", "d", weapons=drones(None, 71, 40)), "2025-02-12") == []


def test_more_downed_than_launched_is_found_with_the_figures() -> None:
    [f] = check_event(attack("e", "d", weapons=drones(100, 71, 40)), "2025-02-12")
    assert (f.subject_id, f.code, f.document_id) == ("e", "intercepted_exceeds_launched", "d")
    assert "71 intercepted + 40 suppressed = 111" in f.message and "100 launched" in f.message


def test_event_after_its_document() -> None:
    [f] = check_event(attack("e", "d"), dt.date(2025, 2, 11))
    assert f.code == "date_after_document" and "2025-02-11" in f.message
    assert check_event(attack("e", "d"), None) == []
    planned = {"id": "c", "document_id": "d", "type": "diplomatic_contact", "date": "2025-03-01",
               "status": "planned"}
    assert check_event(planned, "2025-02-11") == []
    held = dict(planned, status="held")
    assert [f.code for f in check_event(held, "2025-02-11")] == ["date_after_document"]


def test_casualties_that_shrink_between_reports() -> None:
    events = {"a": attack("a", "d1", killed=5, injured=20), "b": attack("b", "d2", killed=3, injured=25),
              "c": attack("c", "d3", killed=3)}
    fused = {"id": "F", "sources": [{"document_id": "d2", "event_id": "b"}, {"document_id": "d1", "event_id": "a"},
                                    {"document_id": "d3", "event_id": "c"}]}
    dates = {"d1": "2025-02-12", "d2": "2025-02-13", "d3": "2025-02-13"}
    [f] = check_fused(fused, events, dates)
    assert (f.subject_id, f.code) == ("F", "casualties_shrink")
    assert f.message == "killed: 5 in d1 (2025-02-12), then 3 in d2 (2025-02-13)"
    # Rising tolls, same-day differences and undated reports are not findings.
    assert check_fused(fused, events, {"d1": "2025-02-13", "d2": "2025-02-13", "d3": None}) == []
