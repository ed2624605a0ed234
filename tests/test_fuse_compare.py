"""Pairwise rules of sitrep.fuse.compare: a city told live the evening an attack began and the next
morning's national tally; one statement whose reports read its quoted words with different stances."""
from __future__ import annotations

from typing import Any

from sitrep.fuse import fuse
from test_fuse import COUNTRY, ev, groups

KYIV = {"name": "Kyiv", "admin1": "Kyiv City", "country": "UA", "lat": 50.45, "lon": 30.52, "precision": "settlement"}
DOCS = {d: {"id": d, "reference_date": r, "outlet": o} for d, r, o in [
    ("live", "2025-05-24", "Evening Post"), ("tally", "2025-05-25", "Air Desk"),
    ("a", "2024-08-07", "Wire A"), ("b", "2024-08-07", "Wire B")]}


def weapons(*cats: tuple[str, int | None, int | None]) -> list[dict]:
    return [{"category": c, "model": None, "launched": n, "intercepted": i, "suppressed": None} for c, n, i in cats]


def statement(eid: str, doc: str, stance: str, quote: str | None, speaker: str = "Vladimir Putin") -> dict[str, Any]:
    return {"id": eid, "document_id": doc, "type": "statement", "date": "2024-08-07", "date_precision": "day",
            "location": None, "claimed_by": [], "evidence": [{"start": 0, "end": 10}], "confidence": 0.5,
            "speaker": speaker, "stance": stance, "topic": "the incursion", "quote": quote}


def test_city_told_live_joins_the_night_tally_counting_its_weapons() -> None:
    live = ev("e1", "live", date="2025-05-24", location=KYIV, weapons=weapons(("attack_drone", None, None),
                                                                             ("missile", None, None)))
    tally = ev("e2", "tally", date="2025-05-25", location=COUNTRY,
               weapons=weapons(("drone", 298, 266), ("missile", 69, 45)))
    assert groups(fuse([live, tally], DOCS)) == {frozenset({"e1", "e2"})}
    # The tally counts no missile: the city's evening missile strike is not the night's drone wave.
    drones_only = {**tally, "weapons": weapons(("drone", 298, 266))}
    assert len(fuse([live, drones_only], DOCS)) == 2
    # A city report with a toll of its own is not "told live": it stays apart from the wave.
    hurt = {**live, "killed": 3}
    assert len(fuse([hurt, tally], DOCS)) == 2


def test_same_quoted_words_make_one_statement_whatever_the_stance() -> None:
    a = statement("s1", "a", "accuse", "another large-scale provocation ... indiscriminate fire")
    b = statement("s2", "b", "assess", "another large-scale provocation")
    assert groups(fuse([a, b], DOCS)) == {frozenset({"s1", "s2"})}
    # Two stances and no words in common: two statements.
    c = statement("s3", "b", "assess", "we will respond")
    assert len(fuse([a, c], DOCS)) == 2
    # Two words in common are not a quotation; another speaker never joins.
    d = statement("s4", "b", "assess", "large-scale exercises")
    e = statement("s5", "b", "accuse", "another large-scale provocation", speaker="Dmitry Peskov")
    assert len(fuse([a, d], DOCS)) == 2 and len(fuse([a, e], DOCS)) == 2
    # The same short quote, whole, is still the same words.
    f = {**statement("s6", "a", "demand", "Stop!"), "topic": None}
    g = {**statement("s7", "b", "demand", "stop"), "topic": None}
    assert groups(fuse([f, g], DOCS)) == {frozenset({"s6", "s7"})}
