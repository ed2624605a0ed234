"""Fusion: per-document events that tell one real-world event become one fused event.

:func:`fuse` is pure: contract dicts of per-document events (as
:func:`~sitrep.model.event_to_contract` writes them) and the document records by id in,
fused events in the contract's "Fused events" shape out. :func:`fuse_store` does the same
incrementally on a :class:`~sitrep.store.Store`, re-fusing only the part of the store that
new events can change.

**One event or two.** Two events of different documents are compared pairwise
(:func:`_compare`): a *veto* keeps them apart whatever else holds; otherwise each piece of
agreement adds to a score, and a pair scoring :data:`THRESHOLD` or more is an *edge*.

- Type: the same, always.
- Date: the same day; a day apart only with evidence beyond type and place (equal figures,
  participants, detainee; for a captured settlement, the settlement) and no figure that
  disagrees (two nights' waves, two stages of a swap). An event without a date in a dated
  document counts as of its document's day. An event with no date in a document with no date
  (a wire copy without a year) joins only on strong figures (two equal tallies, one of ten or
  more) and only when every dated event it matches lies within one day: otherwise it is
  ambiguous and stays alone.
- Place: the same settlement (or within :data:`NEAR_KM`), a settlement and its oblast, the
  same oblast; two settlements, oblasts or countries are a veto. A country-wide wave (no place,
  or a country, with national tallies of ten or more) and a local strike sharing none of its
  figures are a veto: the nationwide wave and its regional breakdown stay apart.
- Figures: equal weapon figures (by category group: missiles, drones, guided bombs, aircraft),
  equal killed or injured add to the score; figures that differ are a conflict, not a veto (Kyiv's
  "71 shot down" beside Moscow's "all destroyed"), except a day apart.
- Actors and weapons: weapon groups that share nothing (a guided bomb and a missile) are a veto;
  a differing attacker costs a point. Contacts need the same mode family (a call is not a
  meeting) and participants of one inside the other's; statements the same speaker and stance
  and the same quote or topic; arrests the same detainee; exchanges a count in common; aid the
  same donor, recipient and amount.

**Clustering** is order-free: the edges, sorted by score then by the two ids, are taken in turn
(Kruskal); two groups are joined only if no two of their events come from one document and no
pair across them is a veto. Everything depends on the events' content alone, never on input
order, so fusing the same events in any order gives byte-identical output. The groups joined by
an edge form the components that :func:`fuse_store` re-fuses when an event arrives.

**Reconciliation** (:func:`reconcile`): each scalar field takes the value most sources give;
ties go to the latest report (its document's date), then to the most specific value. Casualty
tolls rise as bodies are found: killed and injured take the figure of the latest-dated report
(the highest of that day), leaving aside claims made by the attacker's own side where another
source gives a figure. Weapons are reconciled per category. Lists (claimed_by, tags, participants,
parties, items, targets) are the union. Every field on which the sources disagree is listed in
``conflicts`` with each value, its document and who said it (the source event's
``claimed_by``, else the document's outlet). The location is the one most sources give, ties to
the most specific.

**Evidence.** Character offsets only make sense in their own document, so a fused event keeps
no ``evidence`` or ``document_id`` of its own: each entry of ``sources`` carries its event's
``evidence`` spans beside ``document_id``, ``event_id`` and ``claimed_by``.

**Ids** are ``"fus-"`` and the SHA-1 of the sorted member event ids: the same reports give the
same id in any order and on every run.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.consistency import check_fused
from sitrep.fuse.compare import (NEAR_KM, STRONG_FIGURE, THRESHOLD, WINDOW_DAYS, Clusterer, EventView, candidates,
                                 components, view)
from sitrep.fuse.reconcile import fused_id, reconcile
from sitrep.model import Finding

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["FuseResult", "NEAR_KM", "THRESHOLD", "fuse", "fuse_store", "fused_id"]


@dataclass(frozen=True, slots=True)
class FuseResult:
    """What :func:`fuse_store` did: events newly fused, fused events written and removed, findings."""

    new_events: int = 0
    affected_events: int = 0
    written: int = 0
    removed: int = 0
    findings: int = 0
    seconds: float = 0.0

    def format(self) -> str:
        return (f"fused {self.new_events} new events ({self.affected_events} re-fused): "
                f"{self.written} fused events written, {self.removed} removed, {self.findings} findings")


# ------------------------------------------------------------------------------------------------
# Public entry points.


def _records(groups: Iterable[tuple[list[EventView], list[str]]],
             documents: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = [reconcile(members, reasons if len(members) > 1 else [], documents) for members, reasons in groups]
    out.sort(key=lambda r: (r["date"] or "", r["type"], r["id"]))
    return out


def _fuse_views(views: list[EventView], documents: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    clusterer = Clusterer(views)
    return _records((([views[i] for i in m], r) for m, r in clusterer.groups(candidates(views))), documents)


def _sorted_views(events: Sequence[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]]) -> list[EventView]:
    unique = {e["id"]: e for e in events}
    return [view(unique[k], documents) for k in sorted(unique)]


def fuse(events: Sequence[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Fused events of these per-document events (contract dicts), every event in exactly one.

    ``documents`` maps document ids to their records (``reference_date`` and ``outlet`` are read).
    The output is sorted by date, type and id, and is the same for the same events in any order.

    >>> docs = {"a": {"reference_date": "2025-02-12", "outlet": "Wire"}, "b": {"reference_date": "2025-02-12"}}
    >>> ev = lambda i, d, k: {"id": i, "document_id": d, "type": "aerial_attack", "date": "2025-02-12",
    ...     "date_precision": "day", "location": None, "claimed_by": [], "evidence": [], "confidence": 0.5,
    ...     "attacker": "RU", "weapons": [{"category": "attack_drone", "model": None, "launched": 123,
    ...     "intercepted": k, "suppressed": None}], "killed": None, "injured": None, "tags": []}
    >>> [f["conflicts"][0]["field"] for f in fuse([ev("e1", "a", 71), ev("e2", "b", 123)], docs)]
    ['weapons.attack_drone.intercepted']
    """
    return _fuse_views(_sorted_views(events, documents), documents)


def _tallies(e: Mapping[str, Any]) -> set[tuple[str, int]]:
    return {(f, v) for (_, f), vs in view(e, {}).figures.items() for v in vs if v >= STRONG_FIGURE}


def _closure(store: Store, type: str, seeds: Sequence[Mapping[str, Any]], *, whole: bool = False
             ) -> tuple[list[tuple[list[EventView], list[str]]], dict[str, dict[str, Any]]]:
    """The stored events of one type that new events ``seeds`` can reach by edges, whole, clustered
    (each group: its events and the reasons that joined them), with their documents' records.

    Loaded: the events of a date window around the reached ones (widened until no reached event
    lies near its edge); undated reports of undated documents that repeat a tally of a reached
    event; and, for a reached undated report, every event repeating one of its tallies (it may
    join any day). ``whole`` loads every event of the type at once (cheaper when most are new)."""
    pad = dt.timedelta(days=WINDOW_DAYS + 1)
    seed_ids = {e["id"] for e in seeds}
    docs: dict[str, dict[str, Any]] = {}

    def meta(ids: Iterable[str]) -> None:
        missing = set(ids) - docs.keys()
        if missing:
            docs.update(store.document_meta(missing))

    meta(e["document_id"] for e in seeds)
    keys = [v.key for v in (view(e, docs) for e in seeds) if v.key is not None]
    lo, hi = (min(keys) - pad, max(keys) + pad) if keys else (None, None)
    dated_tallies: set[tuple[str, int]] = set()
    floating_tallies: set[tuple[str, int]] = set()
    undated: list[dict[str, Any]] | None = None  # undated reports of undated documents: few, read once
    while True:
        if whole:
            loaded = store.events_for_fusion(type)
        else:
            loaded = store.events_for_fusion(type, lo, hi) if lo is not None and hi is not None else []
            if dated_tallies:
                if undated is None:
                    undated = store.events_for_fusion(type, undated=True)
                loaded += [e for e in undated if _tallies(e) & dated_tallies]
            if floating_tallies:
                loaded += store.events_for_fusion(type, figures=floating_tallies)
        pool = {e["id"]: e for e in loaded}
        pool.update({e["id"]: dict(e) for e in seeds})
        meta(e["document_id"] for e in pool.values())
        views = _sorted_views(list(pool.values()), docs)
        clusterer = Clusterer(views)
        pairs = candidates(views)
        if whole:
            reached = set(range(len(views)))
        else:
            reached = {i for c in components(views, pairs, clusterer) if any(views[j].id in seed_ids for j in c)
                       for i in c}
        members = [views[i] for i in sorted(reached)]
        grown = False
        for m in members:
            tallies = {(f, v) for (_, f), vs in m.figures.items() for v in vs if v >= STRONG_FIGURE}
            into = floating_tallies if m.key is None else dated_tallies
            if not tallies <= into:
                into |= tallies
                grown = True
        keys = [v.key for v in members if v.key is not None]
        if keys:
            if lo is None or hi is None:
                lo, hi = min(keys) - pad, max(keys) + pad
                grown = True
            elif min(keys) - lo < pad or hi - max(keys) < pad:
                lo, hi = min(lo, min(keys) - pad), max(hi, max(keys) + pad)
                grown = True
        if whole or not grown:
            # Whole components: clustering them alone is clustering them within the whole store.
            groups = clusterer.groups([(i, j) for i, j in pairs if i in reached and j in reached])
            return [([views[i] for i in m], r) for m, r in groups if m[0] in reached], docs


def fuse_store(store: Store) -> FuseResult:
    """Fuse the events of ``store`` that no fused event holds yet, re-fusing only what they touch.

    For each type of the new events, the stored events they reach by edges (:func:`_closure`)
    are fused again; fused events that no longer exist are removed with the findings about them,
    the new ones written with their ``casualties_shrink`` findings, all in one transaction. The
    store ends as :func:`fuse` of all its events would leave it, whatever the order and batches
    in which the documents came.
    """
    started = time.perf_counter()
    new = store.unfused_events()
    if not new:
        return FuseResult(seconds=time.perf_counter() - started)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in new:
        by_type[e["type"]].append(e)
    remove: set[str] = set()
    write: list[dict[str, Any]] = []
    findings: list[Finding] = []
    affected = 0
    stored = store.counts_by_type()
    for t in sorted(by_type):
        groups, docs = _closure(store, t, by_type[t], whole=len(by_type[t]) * 4 >= stored.get(t, 0))
        members = [v for m, _ in groups for v in m]
        affected += len(members)
        old = set(store.fused_ids_of(v.id for v in members).values())
        records = _records(groups, docs)
        fresh = {r["id"] for r in records}
        remove |= old - fresh
        by_id = {v.id: v.raw for v in members}
        refs = {d: (m.get("reference_date") or None) for d, m in docs.items()}
        for r in records:
            if r["id"] in old:
                continue  # the same members: the same record, stored already
            write.append(r)
            if len(r["sources"]) > 1:
                findings.extend(check_fused(r, by_id, refs))
    written = store.replace_fused(remove, write, findings)
    return FuseResult(new_events=len(new), affected_events=affected, written=written, removed=len(remove),
                      findings=len(findings), seconds=time.perf_counter() - started)
