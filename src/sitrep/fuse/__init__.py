"""Fusion: per-document events that tell one real-world event become one fused event.

:func:`fuse` is pure: contract dicts of per-document events (as
:func:`~sitrep.model.event_to_contract` writes them) and the document records by id in,
fused events in the contract's "Fused events" shape out. :func:`fuse_store` does the same
incrementally on a :class:`~sitrep.store.Store`, re-fusing only the part of the store that
new events can change.

**One event or two.** Two events of different documents are compared pairwise
(:mod:`sitrep.fuse.compare`): a *veto* keeps them apart whatever else holds; otherwise each
piece of agreement adds to a score, and a pair scoring :data:`THRESHOLD` (2) or more is an *edge*.

- Type: the same, always. Two events of one document are no edge (but a strike's placeless reading and
  its placed one: see Clustering); they share a fused event only where reports of other documents join
  them and they agree as an edge would (one strike read twice from one report, its toll in one sentence
  and its weapons in another).
- Date: the same day (1 point; ¾ where one is undated in a document of that day). An undated event
  counts as of its document's day, or of the day before where the document dates its other events of the
  type to that day and none to its own (a morning wire on "Sunday's attack" tells Sunday's damage in the
  Odesa region, not Monday's strike on Odesa). A day apart is *near* when the later report is undated or
  dated to its own document's day (yesterday's event told today, an overnight attack dated by the
  evening it began): half a point, and it needs some agreement in content (an equal figure or toll, a
  participant, the detainee; in one city, a killed toll that rises from the earlier report to the later,
  bodies being found overnight, or a later report undated and with nothing of its own, the aftermath of
  the strike told the day before, or an earlier one told live on its document's day with nothing of its
  own, the attack under way that the next day's report gives a toll for, or, for a city told live, the
  night's national tally that counts every weapon the live report names). Two dates a day apart
  otherwise disagree (*gap*): no points, and a full point of such agreement is needed. Either way, a
  figure that differs a day apart is a veto (two nights' waves, two stages of a swap); more than a day
  apart is a veto. An event with no date in a document with no date (a wire copy without a year) joins
  only on strong figures (two equal tallies, one of ten or more, or one of a hundred) and only when
  every dated event it matches lies within one day: otherwise it is ambiguous and stays alone.
- Place: the same settlement (or within :data:`NEAR_KM`), a settlement and its oblast (a city that is a
  region of its own and the region named after it: Moscow and Moscow Oblast), the same oblast; two
  settlements, oblasts or countries are a veto (the Russian wave on Ukraine and the Ukrainian drones
  over Russia of one night), unless two air attacks within a day in two countries give the same tallies
  (two equal, one of ten or more, or one of a hundred) and none that differ: then a report misread the
  country or the side, not the world (two cities of one country with the nation's tallies stay apart). A
  country-wide wave (no place, or a country, with national tallies of ten or more) and a local strike
  sharing none of its figures, where the local report has figures or a toll of its own, are a veto: the
  nationwide wave and its regional breakdown stay apart. A city's report with a toll of its own that
  repeats the nation's tallies ("the air force said Russia fired 440 drones") is the city's strike, not
  the wave: a veto too, unless a toll agrees. Two country-wide air attacks of one day score 1.5 (½ where
  one gives a toll and no tally and the other no toll: a placeless toll is a strike's whose place went
  unread); a country-level report with no figure and no toll beside an oblast's (not a city's: a city's
  strike is an event of its own) by the same attacker scores 1 (it tells that night's attack on the
  regions), any other country beside a region ½. A city's strike and a report of the country, or of no
  place, with no figure and no toll (the attacker's "massive strike, all targets hit") are one event
  only on an equal figure: that claim is the wave's; a claim with its own toll is a strike's.
- Figures: equal weapon figures (by category group: missiles, drones, guided bombs, aircraft; 1.5 points
  for a tally of ten or more, less for small ones), an equal killed or injured toll (1 point, half for
  under five) add to the score; figures that differ are a conflict, not a veto (Kyiv's "71 shot down"
  beside Moscow's "all destroyed"), except a day apart.
- Actors and weapons: weapon groups that share nothing (a guided bomb and a missile) are a veto; a
  differing attacker costs half a point where both name a region or a city (extraction mistakes the side
  of a claim of enemy losses; the place says more), and is a veto where one names no place below the
  country (unless the same tallies say a copy misread the side). Contacts need compatible modes (a call
  is not a meeting; "talks" may be either) and participants of one inside the other's; two or more in
  common add a point, the same mode half. A call of two leaders and one of three are two calls (a leader
  calls one, then the other) unless their lengths agree. Agreements need a common topic: the parties add
  a quarter point each (two at most), the topic's words in common up to 1.5 (one visit brings several
  agreements between the same two). Statements need the same speaker and stance and the same quote or
  topic, or, whatever stance each report read, the same words quoted (a fragment of three words or more
  found whole in both quotes); arrests the same detainee. Events that one pair of actors makes rarely twice in a day count
  their actors: exchanges between the same two sides (1 point; a count released in common 2, counts that
  differ a veto a day apart, the stages of a swap, and a conflict on one day, where each side counts its
  own), aid from one donor to one recipient (1 point; an amount within 5% in the currency both state, or
  in dollars, 10% where one was converted, 2 points; amounts that differ a veto), sanctions of one
  imposer (1 point; targets in common add, two different target countries a veto, targets told in words
  that differ do not; a country is an upper-case code, not a pronoun read as one).

**Clustering** is order-free: the edges, sorted by score then by the two ids, are taken in turn
(Kruskal). First come a document's two readings of one strike, one naming no place and giving no tally,
the other a region or a city with the same toll, that it tells as one (below): the placeless reading is
the placed one's and joins no other strike by its toll (unless it matches two placed readings of its
document, then neither). Two groups are joined only if every two of their events from one document are
one event told twice (above) and no pair across them is a veto. A veto between two air attacks on their
countries (and sides) alone is lifted where one of the two is a misread copy: the only member of the
joined group giving its country, whose tallies two members of the other country give (a wire copy that
put the Russian wave in Russia does not keep the Russian ministry's claim of that wave out of it).
Everything depends on the events' content alone, never on input order, so fusing the same events in any
order gives byte-identical output. The groups joined by an edge form the components that
:func:`fuse_store` re-fuses when an event arrives.

**Undated reports** of documents with no date join each other on strong figures too: wire copies
of one night's report without a year become one event. Two such copies of different nights with
the same tallies cannot be told apart and are fused; nothing in the texts says otherwise.

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
from sitrep.fuse.compare import (GROUPS, NEAR_KM, STRONG_FIGURE, THRESHOLD, WINDOW_DAYS, Clusterer, EventView,
                                 candidates, day_of, view)
from sitrep.fuse.compare import compare as compare_pair
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
    told: dict[tuple[str, str], set[dt.date]] = defaultdict(set)
    for e in unique.values():
        d = day_of(e)
        if d is not None:
            told[(e["document_id"], e["type"])].add(d)
    return [view(unique[k], documents, told.get((unique[k]["document_id"], unique[k]["type"]), ()))
            for k in sorted(unique)]


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


def _values(e: Mapping[str, Any]) -> set[int]:
    """The tallies of ten or more an event's weapons carry (each group's sums too), as undated
    reports are matched by: cheaper than a full view."""
    out: set[int] = set()
    sums: dict[tuple[str, str], list[int]] = defaultdict(list)
    for w in e.get("weapons") or []:
        for f in ("launched", "intercepted", "suppressed"):
            v = w.get(f)
            if isinstance(v, int):
                sums[(GROUPS.get(w.get("category"), ""), f)].append(v)
    for vals in sums.values():
        out.update(vals)
        if len(vals) > 1:
            out.add(sum(vals))
    return {v for v in out if v >= STRONG_FIGURE}


class _Reach:
    """Walks the edges from new events through the stored events of one type, reading the store
    only where the walk goes: a few days around each dated event reached, the undated reports of
    undated documents that share a tally with it, and for an undated report every event sharing
    one of its tallies (it may join any day). An undated event of a dated document is placed only
    once the dated events of its document's day and the day before are known (read if need be), so
    that it counts as of the same day as in :func:`fuse`."""

    CHUNK = dt.timedelta(days=WINDOW_DAYS + 1)

    def __init__(self, store: Store, type: str, docs: dict[str, dict[str, Any]] | None = None) -> None:
        self.store, self.type = store, type
        self.docs: dict[str, dict[str, Any]] = {} if docs is None else docs  # records read, shared by types
        self.views: dict[str, EventView] = {}
        self.by_day: dict[dt.date, list[EventView]] = defaultdict(list)
        self.days: set[dt.date] = set()  # days read from the store
        self.undated: dict[int, list[EventView]] | None = None  # tally -> undated reports with it
        self.everything: dict[int, list[EventView]] | None = None  # tally -> events with it
        self.verdicts: dict[tuple[str, str], bool] = {}
        self.told: dict[str, set[dt.date]] = defaultdict(set)  # document -> days its dated events have
        self.told_days: set[dt.date] = set()  # days whose dated events of the type are all in told
        self.complete = False  # every event of the type read: told is whole

    def _tell(self, events: Iterable[Mapping[str, Any]]) -> None:
        for e in events:
            d = day_of(e)
            if d is not None:
                self.told[e["document_id"]].add(d)

    def _told_of(self, days: set[dt.date]) -> None:
        """Reads the days of the dated events of these days (their documents' other events place
        the undated ones: :func:`~sitrep.fuse.compare.story_day`)."""
        days -= self.told_days
        if not days or self.complete:
            return
        self._tell(self.store.events(self.type, min(days), max(days)))
        lo, hi = min(days), max(days)
        self.told_days.update(lo + dt.timedelta(days=n) for n in range((hi - lo).days + 1))

    def add(self, events: Iterable[Mapping[str, Any]]) -> list[EventView]:
        events = [e for e in events]
        missing = {e["document_id"] for e in events} - self.docs.keys()
        if missing:
            self.docs.update(self.store.document_meta(missing))
        self._tell(events)
        need: set[dt.date] = set()
        for e in events:
            if e["id"] not in self.views and day_of(e) is None:
                ref = self.docs.get(e["document_id"], {}).get("reference_date")
                if ref:
                    day = dt.date.fromisoformat(str(ref)[:10])
                    need.update((day - dt.timedelta(days=1), day))
        self._told_of(need)
        out = []
        for e in events:
            v = self.views.get(e["id"])
            if v is None:
                v = self.views[e["id"]] = view(e, self.docs, self.told.get(e["document_id"], ()))
                if v.key is not None:
                    self.by_day[v.key].append(v)
            out.append(v)
        return out

    def _read_days(self, day: dt.date) -> None:
        if day in self.days:
            return
        lo, hi = day - self.CHUNK, day + self.CHUNK
        span = {lo + dt.timedelta(days=n) for n in range((hi - lo).days + 1)}
        events = self.store.events_for_fusion(self.type, lo, hi)
        self._tell(events)
        self.told_days |= span  # every event dated to a day of the span was read
        self.add(events)
        self.days |= span

    def _index(self, events: Iterable[Mapping[str, Any]]) -> dict[int, list[EventView]]:
        events = list(events)
        index: dict[int, list[EventView]] = defaultdict(list)
        for e, v in zip(events, self.add(events)):
            for value in _values(e):
                index[value].append(v)
        return index

    def neighbours(self, v: EventView) -> list[EventView]:
        values = {x for vs in v.figures.values() for x in vs if x >= STRONG_FIGURE}
        out: list[EventView] = []
        if v.key is not None:
            for d in (v.key - dt.timedelta(days=1), v.key, v.key + dt.timedelta(days=1)):
                self._read_days(d)
                out.extend(self.by_day.get(d, ()))
            if values:
                if self.undated is None:
                    self.undated = self._index(self.store.events_for_fusion(self.type, undated=True))
                for x in sorted(values):
                    out.extend(self.undated.get(x, ()))
        elif values:
            if self.everything is None:
                self.everything = self._index(self.store.events_for_fusion(self.type))
            for x in sorted(values):
                out.extend(self.everything.get(x, ()))
        return out

    def edge(self, a: EventView, b: EventView) -> bool:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        got = self.verdicts.get(key)
        if got is None:
            v = compare_pair(a, b)
            got = self.verdicts[key] = not v.veto and v.score >= THRESHOLD
        return got

    def walk(self, seeds: Sequence[Mapping[str, Any]]) -> list[EventView]:
        todo = self.add(seeds)
        seen = {v.id for v in todo}
        while todo:
            v = todo.pop()
            for u in self.neighbours(v):
                if u.id not in seen and u.id != v.id and self.edge(v, u):
                    seen.add(u.id)
                    todo.append(u)
        return sorted((self.views[i] for i in seen), key=lambda x: x.id)


def _closure(store: Store, type: str, seeds: Sequence[dict[str, Any]], *, whole: bool = False,
             docs: dict[str, dict[str, Any]] | None = None
             ) -> tuple[list[tuple[list[EventView], list[str]]], dict[str, dict[str, Any]]]:
    """The stored events of one type that new events ``seeds`` can reach by edges, whole, clustered
    (each group: its events and the reasons that joined them), with their documents' records.

    Edges are context-free, so the events reached are whole components of the store's edge graph,
    and clustering them alone is clustering them within the whole store. ``whole`` reads every
    event of the type at once (cheaper when most of them are new). ``docs`` are document records
    read already (for another type), added to as more are read."""
    reach = _Reach(store, type, docs)
    if whole:
        reach.complete = True
        reach.add(store.events_for_fusion(type, parsed={e["id"]: e for e in seeds}))  # the seeds not parsed again
        reach.add(seeds)
        members = sorted(reach.views.values(), key=lambda v: v.id)
    else:
        members = reach.walk(seeds)
    clusterer = Clusterer(members)
    groups = clusterer.groups(candidates(members))
    return [([members[i] for i in m], r) for m, r in groups], reach.docs


def fuse_store(store: Store, *, parsed: Mapping[str, dict[str, Any]] | None = None) -> FuseResult:
    """Fuse the events of ``store`` that no fused event holds yet, re-fusing only what they touch.

    For each type of the new events, the stored events they reach by edges (:func:`_closure`)
    are fused again; fused events that no longer exist are removed with the findings about them,
    the new ones written with their ``casualties_shrink`` findings, all in one transaction. The
    store ends as :func:`fuse` of all its events would leave it, whatever the order and batches
    in which the documents came. ``parsed`` holds contract dicts of new events that the caller
    has just stored, by id (read from the store otherwise).
    """
    started = time.perf_counter()
    new = store.unfused_events(parsed)
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
    read: dict[str, dict[str, Any]] = {}  # document records, read once for every type
    for t in sorted(by_type):
        groups, docs = _closure(store, t, by_type[t], whole=len(by_type[t]) * 4 >= stored.get(t, 0), docs=read)
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
