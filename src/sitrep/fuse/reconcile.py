"""Reconciling the fields of the reports of one event into a fused record, every disagreement kept in
``conflicts``. The rules are told in :mod:`sitrep.fuse`."""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.fuse.compare import CATEGORY_ORDER, FIGURES, GENERIC, GROUPS, LEVEL, EventView, side_of
from sitrep.model import TYPE_FIELDS

__all__ = ["fused_id", "reconcile", "single"]


def fused_id(event_ids: Iterable[str]) -> str:
    """The id of the fused event of these per-document events: order-free and stable.

    >>> fused_id(["ev-b", "ev-a"]) == fused_id(["ev-a", "ev-b"])
    True
    """
    return "fus-" + hashlib.sha1("\n".join(sorted(event_ids)).encode("utf-8")).hexdigest()[:16]


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
        return LEVEL.get(value.get("precision") or "", 0), len(json.dumps(value, sort_keys=True))
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
           and all(side_of(n) == attacker for n in c[1].claimed_by)]
    pool = [c for c in claims if c not in own] or list(claims)
    return max(pool, key=lambda c: (c[1].when, c[0]))[0]


def _weapons(srcs: Sequence[_Src], conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Weapons reconciled per category; a generic and one specific category of a group are one entry
    where every source gives at most one entry of that group."""
    by_group: dict[str, list[tuple[dict[str, Any], _Src]]] = defaultdict(list)
    for s in srcs:
        for w in s.ev.get("weapons") or []:
            if w.get("category") in GROUPS:
                by_group[GROUPS[w["category"]]].append((w, s))
    out: list[dict[str, Any]] = []
    for g in sorted(by_group, key=lambda g: CATEGORY_ORDER.index(g)):
        entries = by_group[g]
        specifics = {w["category"] for w, _ in entries if w["category"] not in GENERIC}
        per_source = Counter(s.doc for _, s in entries)
        if len(specifics) <= 1 and max(per_source.values()) == 1:
            cats = {(next(iter(specifics)) if specifics else g): entries}
        else:
            cats = defaultdict(list)
            for w, s in entries:
                cats[w["category"]].append((w, s))
            for generic in sorted(GENERIC & set(cats)):  # a generic entry joins the one specific
                keep = []                                 # category whose figures it repeats
                for w, s in cats.pop(generic):
                    fits = sorted({c for c, ws in cats.items() if c not in GENERIC and per_source[s.doc] == 1
                                   and any(w2.get(f) is not None and w2.get(f) == w.get(f)
                                           for w2, _ in ws for f in FIGURES)})
                    (cats[fits[0]] if len(fits) == 1 else keep).append((w, s))
                if keep:
                    cats[generic] = keep
        for cat in sorted(cats, key=CATEGORY_ORDER.index):
            ws = cats[cat]
            rec: dict[str, Any] = {"category": cat,
                                   "model": _pick([(w["model"], s) for w, s in ws if w.get("model")])}
            for f in FIGURES:
                claims = [(w[f], s) for w, s in ws if w.get(f) is not None]
                rec[f] = _pick(claims)
                c = _conflict(f"weapons.{cat}.{f}", claims)
                if c:
                    conflicts.append(c)
            out.append(rec)
    return out


def single(v: EventView) -> dict[str, Any]:
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


def reconcile(views: Sequence[EventView], reasons: Sequence[str],
               documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    if len(views) == 1:
        return single(views[0])
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
        by_level[LEVEL.get(loc.get("precision") or "", 0)].append((loc, s))
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
