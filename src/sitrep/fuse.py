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

**Reconciliation** (:func:`_reconcile`): each scalar field takes the value most sources give;
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
import functools
import hashlib
import json
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep.consistency import check_fused
from sitrep.model import TYPE_FIELDS, Finding

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["FuseResult", "NEAR_KM", "THRESHOLD", "fuse", "fuse_store", "fused_id"]

THRESHOLD = 2.0  # a pair scoring this much (and not vetoed) is an edge
NEAR_KM = 15.0  # two settlements this close are one place (a city and its districts)
WINDOW_DAYS = 2  # events further apart than this are never compared
STRONG_FIGURE = 10  # a tally this big says "national wave", and is distinctive when equal

_VIOLENT = {"aerial_attack", "shelling", "ground_combat", "attack"}
_GROUPS = {"ballistic_missile": "missile", "cruise_missile": "missile", "hypersonic_missile": "missile",
           "guided_missile": "missile", "missile": "missile", "attack_drone": "drone",
           "decoy_drone": "drone", "drone": "drone", "guided_bomb": "guided_bomb", "aircraft": "aircraft"}
_GENERIC = {"missile", "drone"}
_CATEGORY_ORDER = list(_GROUPS)
_FIGURES = ("launched", "intercepted", "suppressed")
_LEVEL = {"facility": 3, "settlement": 3, "admin1": 2, "country": 1}
_CALL_MODES = {"call"}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at", "by", "that", "is", "was",
         "be", "had", "has", "have", "it", "its", "he", "she", "they", "said", "would", "from", "as"}


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


def fused_id(event_ids: Iterable[str]) -> str:
    """The id of the fused event of these per-document events: order-free and stable.

    >>> fused_id(["ev-b", "ev-a"]) == fused_id(["ev-a", "ev-b"])
    True
    """
    return "fus-" + hashlib.sha1("\n".join(sorted(event_ids)).encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------------------------------------
# The view of one event that comparison needs, computed once.


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(slots=True)
class _Ev:
    id: str
    doc: str
    type: str
    raw: Mapping[str, Any]
    day: dt.date | None  # the event's own date (day precision)
    ref: dt.date | None  # its document's reference date
    key: dt.date | None  # the day it counts as: its date, else its document's; None: floating
    dated: bool  # its own date
    loc: Mapping[str, Any] | None
    level: int  # 0 no place, 1 country, 2 admin1, 3 settlement
    figures: dict[tuple[str, str], frozenset[int]] = field(default_factory=dict)
    groups: frozenset[str] = frozenset()
    specific: frozenset[str] = frozenset()

    @property
    def floating(self) -> bool:
        return self.key is None

    @property
    def wave(self) -> bool:
        """A country-wide report: no place below the country, with a national tally."""
        return self.level <= 1 and any(v >= STRONG_FIGURE for vs in self.figures.values() for v in vs)


def _view(e: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> _Ev:
    doc = documents.get(e["document_id"]) or {}
    ref = _day(doc.get("reference_date"))
    day = _day(e.get("date")) if e.get("date_precision") in (None, "day") else None
    loc = e.get("location") or None
    level = _LEVEL.get((loc or {}).get("precision") or "", 0) if loc else 0
    if loc and level == 0:
        level = 1 if loc.get("country") and not loc.get("name") else 3
    v = _Ev(id=e["id"], doc=e["document_id"], type=e["type"], raw=e, day=day, ref=ref,
            key=day or ref, dated=day is not None, loc=loc, level=level)
    if e["type"] == "aerial_attack":
        figs: dict[tuple[str, str], set[int]] = defaultdict(set)
        sums: dict[tuple[str, str], list[int]] = defaultdict(list)
        groups, specific = set(), set()
        for w in e.get("weapons") or []:
            cat = w.get("category")
            g = _GROUPS.get(cat)
            if g is None:
                continue
            groups.add(g)
            if cat not in _GENERIC:
                specific.add(cat)
            for f in _FIGURES:
                if isinstance(w.get(f), int):
                    figs[(g, f)].add(w[f])
                    sums[(g, f)].append(w[f])
        for k, vals in sums.items():
            if len(vals) > 1:
                figs[k].add(sum(vals))
        v.figures = {k: frozenset(s) for k, s in figs.items()}
        v.groups, v.specific = frozenset(groups), frozenset(specific)
    return v


# ------------------------------------------------------------------------------------------------
# Comparing two events.


@dataclass(frozen=True, slots=True)
class _Verdict:
    score: float
    reasons: tuple[str, ...]
    veto: bool = False


_VETO = _Verdict(0.0, (), True)


def _km(a: Mapping[str, Any], b: Mapping[str, Any]) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _place_name(loc: Mapping[str, Any]) -> str:
    return str(loc.get("name") or loc.get("admin1") or loc.get("country") or "?")


def _place(a: _Ev, b: _Ev) -> tuple[float, str | None] | None:
    """Score and reason of two places, or None when they cannot be one event's."""
    la, lb = a.loc or {}, b.loc or {}
    if la.get("country") and lb.get("country") and la["country"] != lb["country"]:
        return None
    if a.level >= 2 and b.level >= 2:
        if a.level == 3 and b.level == 3:
            km = _km(la, lb)
            same = (la.get("name") == lb.get("name")) or (km is not None and km <= NEAR_KM)
            return (2.0, f"same place: {_place_name(la)}") if same else None
        if la.get("admin1") and la.get("admin1") == lb.get("admin1"):
            if a.level == b.level:
                return 2.0, f"same oblast: {_place_name(la)}"
            small, big = (la, lb) if a.level > b.level else (lb, la)
            return 1.5, f"{_place_name(small)} within {_place_name(big)}"
        return None
    if a.level <= 1 and b.level <= 1:
        return (1.5, "both country-wide") if a.type == "aerial_attack" else (0.5, None)
    return 0.5, None


def _figures(a: _Ev, b: _Ev) -> tuple[list[tuple[str, str, int]], int]:
    """Equal weapon figures (group, figure, value) and the number of figures that disagree."""
    same: list[tuple[str, str, int]] = []
    differ = 0
    for k in sorted(a.figures.keys() & b.figures.keys()):
        common = a.figures[k] & b.figures[k]
        if common:
            same.append((k[0], k[1], max(common)))
        else:
            differ += 1
    return same, differ


def _figure_weight(v: int) -> float:
    return 1.5 if v >= STRONG_FIGURE else 0.5 if v >= 2 else 0.25


def _strong(same: Sequence[tuple[str, str, int]]) -> bool:
    values = [v for _, _, v in same]
    return (len(values) >= 2 and max(values) >= STRONG_FIGURE) or any(v >= 100 for v in values)


def _say_figures(same: Sequence[tuple[str, str, int]]) -> str:
    return ", ".join(f"{g.replace('_', ' ')}s {v} {f}" for g, f, v in same)


@functools.lru_cache(maxsize=4096)
def _side(name: str) -> str | None:
    if len(name) == 2 and name.isupper():
        return name
    from sitrep.normalize.actors import actor_by_name
    actor = actor_by_name(name)
    return actor.side if actor else None


def _words(text: Any) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(str(text or "").lower()) if w not in _STOP)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _fold(name: Any) -> str:
    return " ".join(_WORD.findall(str(name or "").lower()))


def _names_compatible(a: Sequence[str], b: Sequence[str]) -> tuple[bool, int]:
    """Whether one list of names lies inside the other (both given), and how many they share."""
    sa, sb = {_fold(x) for x in a}, {_fold(x) for x in b}
    if not sa or not sb:
        return True, 0
    shared = len(sa & sb)
    return (sa <= sb or sb <= sa), shared


def _compare(a: _Ev, b: _Ev) -> _Verdict:
    """Veto, or score and reasons, of two events of different documents being one event."""
    if a.doc == b.doc or a.type != b.type:
        return _VETO
    reasons: list[str] = []
    score = 0.0
    evidence = 0.0  # agreement beyond type, date and place: what lets a day's gap pass
    # -- date
    gap: int | None = None
    if a.floating or b.floating:
        date_kind = "floating"
    else:
        assert a.key is not None and b.key is not None
        gap = abs((a.key - b.key).days)
        if gap > 1:
            return _VETO
        if gap == 0:
            date_kind = "same"
            score += 1.0 if a.dated and b.dated else 0.5
            reasons.append(f"same day ({a.key.isoformat()})")
        else:
            date_kind = "gap"
            reasons.append(f"dates a day apart ({min(a.key, b.key).isoformat()}, {max(a.key, b.key).isoformat()})")
    # -- place
    place = _place(a, b)
    if place is None:
        return _VETO
    if a.type in _VIOLENT or a.type == "territory_change" or (a.level == 3 and b.level == 3):
        score += place[0]
    if place[1]:
        reasons.append(place[1])
    t = a.type
    ra, rb = a.raw, b.raw
    same_figs: list[tuple[str, str, int]] = []
    differ = 0
    if t in _VIOLENT:
        if t == "aerial_attack":
            if a.groups and b.groups and not (a.groups & b.groups):
                return _VETO
            same_figs, differ = _figures(a, b)
            if a.wave != b.wave and min(a.level, b.level) <= 1 and max(a.level, b.level) >= 2 and not same_figs:
                local = a if a.level >= 2 else b
                if local.figures or local.raw.get("killed") is not None or local.raw.get("injured") is not None:
                    return _VETO  # the country-wide wave and a local strike with its own figures: apart
            if a.specific & b.specific:
                score += 0.5
            for _, _, v in same_figs:
                evidence += _figure_weight(v)
            if same_figs:
                reasons.append("same figures: " + _say_figures(same_figs))
        for f in ("killed", "injured"):
            va, vb = ra.get(f), rb.get(f)
            if isinstance(va, int) and va == vb and va >= 1:
                evidence += 1.0 if va >= 5 else 0.5
                reasons.append(f"same toll: {va} {f}")
        if ra.get("attacker") and rb.get("attacker") and ra["attacker"] != rb["attacker"]:
            score -= 0.5
    elif t == "territory_change":
        if ra.get("taken_by") and rb.get("taken_by") and ra["taken_by"] != rb["taken_by"]:
            return _VETO
        if a.level == 3 and b.level == 3:
            evidence += 1.0
        if ra.get("taken_by") and ra.get("taken_by") == rb.get("taken_by"):
            score += 0.5
    elif t == "arrest":
        da, db = _fold(ra.get("detainee")), _fold(rb.get("detainee"))
        if da and db:
            if not (da == db or set(da.split()) <= set(db.split()) or set(db.split()) <= set(da.split())):
                return _VETO
            evidence += 2.0
            reasons.append(f"same detainee: {ra.get('detainee') if len(da) >= len(db) else rb.get('detainee')}")
        elif not (a.level == 3 and b.level == 3 and date_kind == "same" and ra.get("charge") == rb.get("charge")):
            return _VETO
        if ra.get("charge") and ra.get("charge") == rb.get("charge"):
            score += 0.5
    elif t == "prisoner_exchange":
        ok, shared = _names_compatible(ra.get("parties") or [], rb.get("parties") or [])
        if shared == 0 and ra.get("parties") and rb.get("parties"):
            return _VETO
        ca = {r.get("count") for r in ra.get("released") or [] if r.get("count")}
        cb = {r.get("count") for r in rb.get("released") or [] if r.get("count")}
        if ca and cb:
            if not ca & cb:
                return _VETO
            evidence += 2.0
            reasons.append("same numbers released: " + ", ".join(str(c) for c in sorted(ca & cb)))
        score += 0.5 if shared else 0.0
    elif t == "aid_pledge":
        for f in ("donor", "recipient", "aid_kind"):
            if ra.get(f) and rb.get(f) and ra[f] != rb[f]:
                return _VETO
        ua, ub = ra.get("amount_usd"), rb.get("amount_usd")
        if ua and ub:
            if abs(ua - ub) > 0.05 * max(ua, ub):
                return _VETO
            evidence += 2.0
            reasons.append(f"same amount: ${ua:,.0f}")
        if ra.get("donor") and ra.get("donor") == rb.get("donor"):
            score += 0.5
        if set(ra.get("items") or []) & set(rb.get("items") or []):
            score += 0.5
    elif t == "sanctions":
        ok, shared = _names_compatible(ra.get("imposer") or [], rb.get("imposer") or [])
        if ra.get("imposer") and rb.get("imposer") and not shared:
            return _VETO
        ta, tb = {_fold(x) for x in ra.get("target") or []}, {_fold(x) for x in rb.get("target") or []}
        if ta and tb:
            if not ta & tb:
                return _VETO
            evidence += 1.0 + min(1.0, 0.5 * len(ta & tb))
            reasons.append("same targets")
        score += 0.5 if shared else 0.0
    elif t == "diplomatic_contact":
        ma, mb = ra.get("mode"), rb.get("mode")
        if ma and mb and ((ma in _CALL_MODES) != (mb in _CALL_MODES)):
            return _VETO
        ok, shared = _names_compatible(ra.get("participants") or [], rb.get("participants") or [])
        if not ok:
            return _VETO
        if shared:
            evidence += 1.0 if shared >= 2 else 0.5
            reasons.append("same participants: " + ", ".join(sorted(
                set(ra.get("participants") or []) & set(rb.get("participants") or []))))
        if ra.get("mediator") and rb.get("mediator") and _fold(ra["mediator"]) != _fold(rb["mediator"]):
            return _VETO
        if ra.get("duration_minutes") and ra.get("duration_minutes") == rb.get("duration_minutes"):
            evidence += 1.0
            reasons.append(f"same length: {ra['duration_minutes']} minutes")
    elif t == "statement":
        if _fold(ra.get("speaker")) != _fold(rb.get("speaker")) or not ra.get("speaker"):
            return _VETO
        if ra.get("stance") != rb.get("stance"):
            return _VETO
        qa, qb = _fold(ra.get("quote")), _fold(rb.get("quote"))
        if qa and qa == qb:
            evidence += 2.0
            reasons.append(f"same quote from {ra['speaker']}")
        else:
            j = _jaccard(_words(ra.get("topic")), _words(rb.get("topic")))
            if j >= 0.5:
                evidence += 2.0 * j
                reasons.append(f"{ra['speaker']} on the same topic")
    elif t == "agreement":
        ok, shared = _names_compatible(ra.get("parties") or [], rb.get("parties") or [])
        if not ok:
            return _VETO
        evidence += 0.5 * min(shared, 2)
        j = _jaccard(_words(ra.get("topic")), _words(rb.get("topic")))
        evidence += 1.5 * j
    # -- what a gap of a day, or no date at all, asks for
    # Figures that disagree a day apart, or in an undated report, say two events: a veto. Too little
    # agreement is no veto: the pair is just no edge (another report may still join them).
    if date_kind == "floating":
        if differ:
            return _VETO
        if not _strong(same_figs):
            return _Verdict(0.0, ())
        reasons.insert(0, "undated report with the same figures")
        return _Verdict(max(score + evidence, THRESHOLD), tuple(reasons))
    if date_kind == "gap":
        if differ:
            return _VETO
        if evidence < 1.0:
            return _Verdict(0.0, ())
    return _Verdict(score + evidence, tuple(reasons))


# ------------------------------------------------------------------------------------------------
# Clustering.


def _candidates(views: Sequence[_Ev]) -> list[tuple[int, int]]:
    """Index pairs worth comparing: same type, days at most a day apart; floating ones with all."""
    out: list[tuple[int, int]] = []
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        by_type[v.type].append(i)
    for idx in by_type.values():
        keyed = sorted((i for i in idx if views[i].key is not None), key=lambda i: (views[i].key, views[i].id))
        floating = [i for i in idx if views[i].key is None]
        for n, i in enumerate(keyed):
            ki = views[i].key
            for j in keyed[n + 1:]:
                if (views[j].key - ki).days > 1:  # type: ignore[operator]
                    break
                out.append((i, j))
        if floating:
            figs: dict[int, set[int]] = defaultdict(set)  # a tally value -> events that carry it
            for i in idx:
                for vs in views[i].figures.values():
                    for val in vs:
                        if val >= STRONG_FIGURE:
                            figs[val].add(i)
            for i in floating:
                near: set[int] = set()
                for vs in views[i].figures.values():
                    for val in vs:
                        near |= figs.get(val, set())
                out.extend((min(i, j), max(i, j)) for j in near if j != i and (views[j].key is not None or j > i))
    return sorted(set(out))


class _Clusterer:
    """Order-free constrained single link over the edges of one set of events of one type."""

    def __init__(self, views: Sequence[_Ev]) -> None:
        self.views = views
        self.cache: dict[tuple[int, int], _Verdict] = {}
        self.blocked: set[tuple[int, int]] = set()  # edges an ambiguity rule took away

    def verdict(self, i: int, j: int) -> _Verdict:
        key = (i, j) if i < j else (j, i)
        got = self.cache.get(key)
        if got is None:
            a, b = self.views[key[0]], self.views[key[1]]
            if a.key is not None and b.key is not None and abs((a.key - b.key).days) > 1:
                got = _VETO
            else:
                got = _compare(a, b)
            self.cache[key] = got
        return got

    def vetoed(self, i: int, j: int) -> bool:
        return self.verdict(i, j).veto or ((i, j) if i < j else (j, i)) in self.blocked

    def edges(self, pairs: Iterable[tuple[int, int]]) -> list[tuple[float, str, str, int, int]]:
        found: dict[tuple[int, int], _Verdict] = {}
        for i, j in pairs:
            v = self.verdict(i, j)
            if not v.veto and v.score >= THRESHOLD:
                found[(i, j)] = v
        # A floating event matching dated events of different days is ambiguous: it joins none.
        partners: dict[int, set[int]] = defaultdict(set)
        for i, j in found:
            partners[i].add(j)
            partners[j].add(i)
        for i, near in partners.items():
            if self.views[i].key is not None:
                continue
            days = {self.views[j].key for j in near if self.views[j].key is not None}
            if days and (max(days) - min(days)).days > 1:  # type: ignore[operator]
                for j in near:
                    if self.views[j].key is not None:
                        key = (min(i, j), max(i, j))
                        found.pop(key, None)
                        self.blocked.add(key)
        return sorted(((-v.score, self.views[i].id, self.views[j].id, i, j) for (i, j), v in found.items()))

    def groups(self, pairs: Iterable[tuple[int, int]]) -> list[tuple[list[int], list[str]]]:
        parent = list(range(len(self.views)))
        members: dict[int, list[int]] = {i: [i] for i in range(len(self.views))}
        reasons: dict[int, list[str]] = {i: [] for i in range(len(self.views))}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for _, _, _, i, j in self.edges(pairs):
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            mi, mj = members[ri], members[rj]
            if {self.views[x].doc for x in mi} & {self.views[x].doc for x in mj}:
                continue
            if any(self.vetoed(x, y) for x in mi for y in mj):
                continue
            keep, gone = (ri, rj) if ri < rj else (rj, ri)
            parent[gone] = keep
            members[keep] = mi + mj
            merged = reasons[ri] + reasons[rj] + list(self.verdict(i, j).reasons)
            reasons[keep] = list(dict.fromkeys(merged))
            del members[gone], reasons[gone]
        return [(sorted(m, key=lambda x: self.views[x].id), reasons[r]) for r, m in members.items()]


def _components(views: Sequence[_Ev], pairs: Iterable[tuple[int, int]], clusterer: _Clusterer) -> list[set[int]]:
    """Events linked by edges (before any ambiguity rule): the units re-fused together."""
    parent = list(range(len(views)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        v = clusterer.verdict(i, j)
        if not v.veto and v.score >= THRESHOLD:
            parent[find(i)] = find(j)
    out: dict[int, set[int]] = defaultdict(set)
    for i in range(len(views)):
        out[find(i)].add(i)
    return list(out.values())


# ------------------------------------------------------------------------------------------------
# Reconciling the fields of a group of events.


@dataclass(frozen=True, slots=True)
class _Src:
    ev: Mapping[str, Any]
    doc: str
    when: tuple[str, str]  # document date, then event date: "later" reports sort last
    claimed_by: tuple[str, ...]


def _who(e: Mapping[str, Any], doc: Mapping[str, Any]) -> tuple[str, ...]:
    if e.get("claimed_by"):
        return tuple(e["claimed_by"])
    return (doc["outlet"],) if doc.get("outlet") else ()


def _specificity(value: Any) -> tuple[int, int]:
    if isinstance(value, Mapping):  # a location
        return _LEVEL.get(value.get("precision") or "", 0), len(json.dumps(value, sort_keys=True))
    return 0, len(json.dumps(value, sort_keys=True, ensure_ascii=False))


def _key(v: Any) -> str:
    if isinstance(v, str):
        return "s" + v
    if v is None or isinstance(v, (int, float, bool)):
        return "n" + repr(v)
    return "j" + json.dumps(v, sort_keys=True, ensure_ascii=False)


def _pick(claims: Sequence[tuple[Any, _Src]]) -> Any:
    """The value most sources give; ties to the latest report, then the most specific value."""
    if not claims:
        return None
    if len(claims) == 1:
        return claims[0][0]
    counts: Counter[str] = Counter()
    latest: dict[str, tuple[str, str]] = {}
    value: dict[str, Any] = {}
    for v, s in claims:
        k = _key(v)
        counts[k] += 1
        value.setdefault(k, v)
        latest[k] = max(latest.get(k, ("", "")), s.when)
    if len(counts) == 1:
        return claims[0][0]
    best = max(counts, key=lambda k: (counts[k], latest[k], _specificity(value[k]), k))
    return value[best]


def _conflict(path: str, claims: Sequence[tuple[Any, _Src]]) -> dict[str, Any] | None:
    if len(claims) < 2 or len({_key(v) for v, _ in claims}) < 2:
        return None
    return {"field": path, "values": [{"value": v, "document_id": s.doc, "claimed_by": list(s.claimed_by)}
                                      for v, s in claims]}


def _union(lists: Iterable[Iterable[Any]]) -> list[Any]:
    out: list[Any] = []
    seen: set[str] = set()
    for items in lists:
        for x in items or []:
            k = _key(x)
            if k not in seen:
                seen.add(k)
                out.append(x)
    return out


def _toll(claims: Sequence[tuple[Any, _Src]], attacker: str | None) -> Any:
    """Killed or injured: the latest report's figure (the highest of that day): tolls rise. A figure
    claimed only by the attacker's own side (losses it says it inflicted) is chosen only when no
    other source gives one."""
    if not claims:
        return None
    own = [c for c in claims if attacker and c[1].claimed_by
           and all(_side(n) == attacker for n in c[1].claimed_by)]
    pool = [c for c in claims if c not in own] or list(claims)
    return max(pool, key=lambda c: (c[1].when, c[0]))[0]


def _weapons(srcs: Sequence[_Src], conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Weapons reconciled per category; a generic and one specific category of a group are one entry
    where every source gives at most one entry of that group."""
    by_group: dict[str, list[tuple[dict[str, Any], _Src]]] = defaultdict(list)
    for s in srcs:
        for w in s.ev.get("weapons") or []:
            if w.get("category") in _GROUPS:
                by_group[_GROUPS[w["category"]]].append((w, s))
    out: list[dict[str, Any]] = []
    for g in sorted(by_group, key=lambda g: _CATEGORY_ORDER.index(g)):
        entries = by_group[g]
        specifics = {w["category"] for w, _ in entries if w["category"] not in _GENERIC}
        per_source = Counter(s.doc for _, s in entries)
        if len(specifics) <= 1 and max(per_source.values()) == 1:
            cats = {(next(iter(specifics)) if specifics else g): entries}
        else:
            cats = defaultdict(list)
            for w, s in entries:
                cats[w["category"]].append((w, s))
            for generic in sorted(_GENERIC & set(cats)):  # a generic entry joins the one specific
                keep = []                                 # category whose figures it repeats
                for w, s in cats.pop(generic):
                    fits = sorted({c for c, ws in cats.items() if c not in _GENERIC and per_source[s.doc] == 1
                                   and any(w2.get(f) is not None and w2.get(f) == w.get(f)
                                           for w2, _ in ws for f in _FIGURES)})
                    (cats[fits[0]] if len(fits) == 1 else keep).append((w, s))
                if keep:
                    cats[generic] = keep
        for cat in sorted(cats, key=_CATEGORY_ORDER.index):
            ws = cats[cat]
            rec: dict[str, Any] = {"category": cat,
                                   "model": _pick([(w["model"], s) for w, s in ws if w.get("model")])}
            for f in _FIGURES:
                claims = [(w[f], s) for w, s in ws if w.get(f) is not None]
                rec[f] = _pick(claims)
                c = _conflict(f"weapons.{cat}.{f}", claims)
                if c:
                    conflicts.append(c)
            out.append(rec)
    return out


def _single(v: _Ev) -> dict[str, Any]:
    """The fused record of a lone report: its own fields, nothing to reconcile."""
    e = v.raw
    rec: dict[str, Any] = {"id": fused_id([v.id]), "type": v.type, "date": e.get("date"),
                           "date_precision": e.get("date_precision"), "location": e.get("location"),
                           "claimed_by": list(e.get("claimed_by") or []), "confidence": e.get("confidence")}
    for name in TYPE_FIELDS[v.type]:
        value = e.get(name)
        rec[name] = sorted(set(value or [])) if name == "tags" else value
    rec["sources"] = [{"document_id": v.doc, "event_id": v.id, "claimed_by": list(e.get("claimed_by") or []),
                       "evidence": list(e.get("evidence") or [])}]
    rec["conflicts"] = []
    rec["fusion"] = []
    return rec


def _reconcile(views: Sequence[_Ev], reasons: Sequence[str],
               documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    if len(views) == 1:
        return _single(views[0])
    srcs = []
    for v in views:
        doc = documents.get(v.doc) or {}
        srcs.append(_Src(v.raw, v.doc, (str(doc.get("reference_date") or ""), str(v.raw.get("date") or "")),
                         _who(v.raw, doc)))
    srcs.sort(key=lambda s: (s.when, s.doc, s.ev["id"]))
    t = views[0].type
    conflicts: list[dict[str, Any]] = []

    def claims(name: str) -> list[tuple[Any, _Src]]:
        return [(s.ev.get(name), s) for s in srcs if s.ev.get(name) not in (None, [], "")]

    def scalar(name: str) -> Any:
        cl = claims(name)
        c = _conflict(name, cl)
        if c:
            conflicts.append(c)
        return _pick(cl)

    dated = claims("date")
    date = _pick(dated)
    c = _conflict("date", dated)
    if c:
        conflicts.append(c)
    precision = _pick([(s.ev.get("date_precision"), s) for d, s in dated if d == date]) if date else None
    locs = claims("location")
    location = _pick(locs)
    by_level: dict[int, list[tuple[Any, _Src]]] = defaultdict(list)
    for loc, s in locs:
        by_level[_LEVEL.get(loc.get("precision") or "", 0)].append((loc, s))
    for level in sorted(by_level):  # two places at one level (two cities) is a disagreement
        named = [(loc.get("name"), s) for loc, s in by_level[level] if loc.get("name")]
        c = _conflict("location.name", named)
        if c:
            conflicts.append(c)
    rec: dict[str, Any] = {
        "id": fused_id(v.id for v in views),
        "type": t,
        "date": date,
        "date_precision": precision,
        "location": location,
        "claimed_by": _union(s.ev.get("claimed_by") or [] for s in srcs),
        "confidence": max(float(s.ev.get("confidence") or 0.0) for s in srcs),
    }
    for name in TYPE_FIELDS[t]:
        if name == "weapons":
            rec[name] = _weapons(srcs, conflicts)
        elif name in ("killed", "injured"):
            cl = claims(name)
            c = _conflict(name, cl)
            if c:
                conflicts.append(c)
            rec[name] = _toll(cl, rec.get("attacker"))
        elif name in ("tags",):
            rec[name] = sorted(set(_union(s.ev.get(name) or [] for s in srcs)))
        elif name in ("claimed_by", "parties", "participants", "items", "imposer", "target"):
            rec[name] = _union(s.ev.get(name) or [] for s in srcs)
        elif name == "released":
            rec[name] = _released(srcs, conflicts)
        elif name == "status":  # a meeting announced and then held: held
            values = {s.ev.get("status") for s in srcs}
            rec[name] = "held" if "held" in values else scalar(name)
        else:
            rec[name] = scalar(name)
    rec["sources"] = [{"document_id": s.doc, "event_id": s.ev["id"], "claimed_by": list(s.ev.get("claimed_by") or []),
                       "evidence": list(s.ev.get("evidence") or [])} for s in srcs]
    rec["conflicts"] = conflicts
    rec["fusion"] = list(reasons)
    return rec


def _released(srcs: Sequence[_Src], conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_side: dict[str, list[tuple[dict[str, Any], _Src]]] = defaultdict(list)
    for s in srcs:
        for r in s.ev.get("released") or []:
            by_side[str(r.get("released_by") or "") + "|" + str(r.get("name") or "")].append((r, s))
    out = []
    for key in sorted(by_side):
        rs = by_side[key]
        counts = [(r["count"], s) for r, s in rs if r.get("count") is not None]
        c = _conflict(f"released.{key.split('|')[0] or 'unknown'}.count", counts)
        if c:
            conflicts.append(c)
        first = rs[0][0]
        out.append({"name": first.get("name"), "count": _pick(counts), "released_by": first.get("released_by")})
    return out


# ------------------------------------------------------------------------------------------------
# Public entry points.


def _fuse_views(views: list[_Ev], documents: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    clusterer = _Clusterer(views)
    out = []
    for members, reasons in clusterer.groups(_candidates(views)):
        out.append(_reconcile([views[i] for i in members], reasons if len(members) > 1 else [], documents))
    out.sort(key=lambda r: (r["date"] or "", r["type"], r["id"]))
    return out


def _sorted_views(events: Sequence[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]]) -> list[_Ev]:
    unique = {e["id"]: e for e in events}
    return [_view(unique[k], documents) for k in sorted(unique)]


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


def _closure(store: Store, type: str, seeds: Sequence[Mapping[str, Any]]
             ) -> tuple[list[_Ev], dict[str, dict[str, Any]]]:
    """The stored events of one type that new events ``seeds`` can reach by edges, whole.

    Loaded: the events of a date window around the reached ones (widened until no reached event
    lies near its edge), the undated reports of undated documents, and the events carrying a tally
    of an undated report reached (which may join any day)."""
    pad = dt.timedelta(days=WINDOW_DAYS + 1)
    seed_ids = {e["id"] for e in seeds}
    docs = store.document_meta({e["document_id"] for e in seeds})
    views = [_view(e, docs) for e in seeds]
    keys = [v.key for v in views if v.key is not None]
    lo, hi = (min(keys) - pad, max(keys) + pad) if keys else (None, None)
    tallies: set[tuple[str, int]] = set()
    floating = store.events_for_fusion(type, undated=True)
    while True:
        loaded = list(floating)
        if lo is not None and hi is not None:
            loaded += store.events_for_fusion(type, lo, hi)
        if tallies:
            loaded += store.events_for_fusion(type, figures=tallies)
        pool = {e["id"]: e for e in loaded}
        pool.update({e["id"]: dict(e) for e in seeds})
        docs = store.document_meta({e["document_id"] for e in pool.values()})
        views = _sorted_views(list(pool.values()), docs)
        clusterer = _Clusterer(views)
        reached = [c for c in _components(views, _candidates(views), clusterer)
                   if any(views[i].id in seed_ids for i in c)]
        members = [views[i] for c in reached for i in c]
        grown = False
        wanted = {(f, v) for m in members if m.key is None
                  for (_, f), vs in m.figures.items() for v in vs if v >= STRONG_FIGURE}
        if not wanted <= tallies:
            tallies |= wanted
            grown = True
        keys = [v.key for v in members if v.key is not None]
        if keys:
            if lo is None or hi is None:
                lo, hi = min(keys) - pad, max(keys) + pad
                grown = True
            elif min(keys) - lo < pad or hi - max(keys) < pad:
                lo, hi = min(lo, min(keys) - pad), max(hi, max(keys) + pad)
                grown = True
        if not grown:
            return members, docs


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
    for t in sorted(by_type):
        members, docs = _closure(store, t, by_type[t])
        affected += len(members)
        old = set(store.fused_ids_of(v.id for v in members).values())
        records = _fuse_views(sorted(members, key=lambda v: v.id), docs)
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
