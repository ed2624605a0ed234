"""Issue 4: storing and fusing all of ../shared/eval/dev gives one fused air attack per night of the af-*
documents (wire copies relaying the same overnight Ukrainian Air Force report), each with its sources.

The nights come from the gold (af-*.json), never from what sitrep extracts: a document's night is its
gold country-wide aerial_attack, known by its weapon tallies (category, launched, intercepted) and its
date. Documents whose gold tallies are equal and dated the same day are one night; an undated document
(its text gives no year) belongs to the one dated night with its tallies, or, where no dated document
has them, to the night of the undated documents with the same tallies; where two dated nights share its
tallies it is ambiguous and left out. sitrep then sees only the texts.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from sitrep.extract import extract_events
from sitrep.fuse import fuse_store
from sitrep.ingest import read_documents
from sitrep.model import Document
from sitrep.store import Store, open_store

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"no dev gold at {DEV}")

Tally = frozenset[tuple[str, int, int | None]]


def _wave(gold: dict[str, Any]) -> tuple[Tally, str | None] | None:
    """The gold country-wide wave of an af document: its tallies and its date (None: undated)."""
    for e in gold["events"]:
        loc = e.get("location") or {}
        if e["type"] != "aerial_attack" or loc.get("name") or loc.get("admin1"):
            continue
        tally = frozenset((w["category"], w["launched"], w.get("intercepted"))
                          for w in e.get("weapons") or [] if w.get("launched") is not None)
        if tally:
            return tally, e.get("date") or gold.get("reference_date")
    return None


def gold_nights() -> list[list[str]]:
    """The nights of the af documents, each as its sorted document ids (single-document nights too)."""
    waves = {}
    for path in sorted(DEV.glob("af-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        wave = _wave(gold)
        if wave:
            waves[gold["document_id"]] = wave
    nights: dict[tuple[Tally, str | None], list[str]] = defaultdict(list)
    for doc, (tally, day) in waves.items():
        if day is not None:
            nights[(tally, day)].append(doc)
    for doc, (tally, day) in waves.items():
        if day is not None:
            continue
        days = {d for (t, d) in nights if t == tally and d is not None}
        if len(days) == 1:
            nights[(tally, days.pop())].append(doc)
        elif not days:
            nights[(tally, None)].append(doc)
    return sorted(sorted(docs) for docs in nights.values())


@pytest.fixture(scope="module", params=["ingest_paths", "add_document"])
def dev_store(request: pytest.FixtureRequest) -> Store:
    """All of dev stored and fused: through ``sitrep ingest``'s pipeline (copies linked, checks run),
    and, apart from it, document by document with ``Store.add_document`` then ``fuse_store``."""
    store = open_store(":memory:")
    if request.param == "ingest_paths":
        from sitrep.pipeline import ingest_paths
        ingest_paths(store, [DEV])
        return store
    for doc in read_documents(DEV):
        if isinstance(doc, Document):
            store.add_document(doc, extract_events(doc))
    fuse_store(store)
    return store


def _figures(event: dict[str, Any]) -> set[int]:
    return {w[k] for w in event.get("weapons") or [] for k in ("launched", "intercepted") if w.get(k) is not None}


def test_the_gold_has_nights_told_by_several_documents() -> None:
    nights = gold_nights()
    assert sum(len(n) >= 2 for n in nights) >= 5
    assert sum(len(n) for n in nights) >= 40


def test_one_fused_air_attack_per_night_with_its_sources(dev_store: Store) -> None:
    nights = gold_nights()
    waves = {}
    for path in sorted(DEV.glob("af-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if _wave(gold):
            waves[gold["document_id"]] = {v for c, la, i in _wave(gold)[0] for v in (la, i) if v is not None}
    events = {e["id"]: e for e in dev_store.events("aerial_attack")}
    fused = dev_store.fused_events("aerial_attack")
    # The fused events holding a document's report of its night: a source of the document that repeats
    # one of the night's tallies.
    holding: dict[str, set[str]] = defaultdict(set)
    for f in fused:
        for s in f["sources"]:
            doc = s["document_id"]
            if doc in waves and _figures(events[s["event_id"]]) & waves[doc]:
                holding[doc].add(f["id"])
    chosen: dict[str, list[str]] = {}
    for night in nights:
        common = set.intersection(*(holding[d] for d in night))
        found = {d: sorted(holding[d]) for d in night}
        assert common, f"night {night}: no one fused event holds all its documents ({found})"
        chosen[min(common)] = night
    assert len(chosen) == len(nights), "two nights share one fused event"
    by_id = {f["id"]: f for f in fused}
    night_of = {d: i for i, n in enumerate(nights) for d in n}
    for fid, night in chosen.items():
        docs = {s["document_id"] for s in by_id[fid]["sources"]}
        assert set(night) <= docs
        assert {night_of[d] for d in docs if d in night_of} == {night_of[night[0]]}, (fid, sorted(docs))
