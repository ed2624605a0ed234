import json

import pytest

from sitrep.extract import check_evidence
from sitrep.model import Document, Event, Span, Weapon, event_to_contract


def test_contract_shape_writes_only_the_types_own_fields():
    e = Event("doc", "aerial_attack", [Span(0, 10)], attacker="RU",
              weapons=[Weapon("ballistic_missile", launched=7, intercepted=6)])
    out = event_to_contract(e)
    assert list(out)[:9] == ["id", "document_id", "type", "date", "date_precision", "location", "claimed_by",
                             "evidence", "confidence"]
    assert "speaker" not in out and out["weapons"][0]["launched"] == 7
    json.dumps(out)


def test_ids_are_content_hashes():
    a = Event("doc", "statement", [Span(0, 5)], speaker="Dmitry Medvedev", stance="reject")
    b = Event("doc", "statement", [Span(0, 5)], speaker="Dmitry Medvedev", stance="reject")
    c = Event("doc", "statement", [Span(0, 5)], speaker="Dmitry Medvedev", stance="assess")
    assert a.id == b.id != c.id


def test_unknown_type_is_refused():
    with pytest.raises(ValueError):
        Event("doc", "riot", [Span(0, 1)])


def test_evidence_gains_the_span_a_number_came_from():
    text = "Drones attacked Kyiv. Air defence shot down 71 of them."
    e = Event("d", "aerial_attack", [Span(0, 21)], weapons=[Weapon("drone")])
    e.weapons[0].intercepted = 71
    e.note("weapons[0].intercepted", Span(22, len(text)), "test")
    check_evidence(e, text)
    assert Span(22, len(text)) in e.evidence and e.weapons[0].intercepted == 71


def test_unsupported_numbers_are_dropped_not_reported():
    text = "Drones attacked Kyiv."
    e = Event("d", "aerial_attack", [Span(0, len(text))], killed=3)
    check_evidence(e, text)
    assert e.killed is None


def test_context_gives_the_places_inside_a_range_and_one_date_per_sentence() -> None:
    import datetime as dt

    from sitrep.extract import build_context

    text = "Drones hit Kharkiv and Sumy on Monday. Shelling of Kherson followed on Tuesday."
    ctx = build_context(Document("ctx", text, reference_date=dt.date(2025, 2, 13)))
    first, second = ctx.sentences
    assert [p.text for p in ctx.places_in(first.start, first.end)] == ["Kharkiv", "Sumy"]
    assert [p.text for p in ctx.places_in(second.start, second.end)] == ["Kherson"]
    # A range that cuts a name in two holds no part of it.
    k = text.index("Kharkiv")
    assert ctx.places_in(k, k + 4) == []
    assert ctx.date_of(first).date == dt.date(2025, 2, 10)
    assert ctx.date_of(second).date == dt.date(2025, 2, 11)
    assert ctx.date_of(first) is ctx.date_of(first)
