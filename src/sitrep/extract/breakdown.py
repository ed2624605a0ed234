"""Figures given part by part: a casualty total and its share by place, a wave and its regions.

"Six were killed, including two in the Kherson region"; "killing five in the capital and two in
Kharkiv"; "killed 31 people across the country"; "125 drones: 48 over the Kursk region, ...".
Each part becomes an event of its own place beside the total (the annotation convention for a
wave broken down by city).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract.casualties import Casualties
from sitrep.extract.places_pick import PlacePick
from sitrep.extract.text import NUMBER, parse_count

if TYPE_CHECKING:
    from sitrep.extract import DocContext
    from sitrep.extract.text import Sentence
    from sitrep.extract.weapons import Figure


_WIDE_AFTER = re.compile(r"\s*(?:\w+\s+){0,2}?(?:across\s+(?:the\s+country|Ukraine|Russia)|nationwide|in\s+total|throughout\s+the\s+country)\b", re.I)


_OVER_PLACE = re.compile(r"\s*(?:of\s+(?:them|which|these)\s+)?(?:were\s+)?(?:destroyed\s+|shot\s+down\s+|downed\s+|intercepted\s+)?(?:over|in|above|near)\s+(?:the\s+)?$", re.I)


def regional_figures(ctx: DocContext, s: Sentence, figs: list[Figure]) -> list[tuple[Figure, PlacePick]]:
    """Counts given region by region after a total: "48 over the Kursk region, 27 over the Bryansk region"."""
    places = ctx.places_in(s.start, s.end)
    out = []
    for f in figs[1:]:
        number = re.match(r"[\w,.-]+", s.text[f.start:])
        after = s.start + f.start + (number.end() if number else 0)
        hit = next((p for p in places if after <= p.start <= after + 40 and _OVER_PLACE.fullmatch(ctx.text[after:p.start])
                    and p.kind in ("admin1", "settlement", "region")), None)
        if hit is not None and f.value < figs[0].value:
            out.append((f, PlacePick(hit.location(), True, hit.start, hit.end)))
    return out if len(out) >= 1 and all(f.role == out[0][0].role for f, _ in out) else []


def wide_harm(t: str, harm: Casualties) -> Casualties | None:
    """Casualties told as the country's total ("killed 31 people across the country"), or None."""
    k = harm.killed_span is not None and _WIDE_AFTER.match(t, harm.killed_span[1])
    j = harm.injured_span is not None and _WIDE_AFTER.match(t, harm.injured_span[1])
    if not (k or j):
        return None
    return Casualties(harm.killed if k else None, harm.killed_span if k else None,
                      harm.injured if j else None, harm.injured_span if j else None)


_INCLUDING = re.compile(rf"\b(?:including|among\s+them|of\s+whom)\s+(?P<n>{NUMBER})\s+(?:(?:people|civilians|residents|children)\s+)?"
                        r"(?:were\s+)?(?:in|from)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:city|town|village|port|region|oblast)\s+of\s+)?", re.I)
_AND_MORE = re.compile(rf"(?:\s+(?:area|region|oblast|province|district|city))?\s*(?:,\s*)?(?:and\s+)?(?P<n>{NUMBER})\s+(?:(?:people|civilians|residents|children)\s+)?(?:in|from)\s+(?:the\s+)?", re.I)


_CITY_HARM = re.compile(rf"\b(?:killing|killed|injuring|injured|wounding|wounded)\s+(?:at\s+least\s+)?(?P<n>{NUMBER})\s+"
                        r"(?:(?:people|civilians|residents|persons)\s+)?in\s+(?:the\s+)?", re.I)


def city_harm(ctx: DocContext, s: Sentence, harm: Casualties, cities: tuple[PlacePick, ...]) -> dict[str, Casualties]:
    """Casualties given city by city: "killing at least five people in the capital and two in Kharkiv"."""
    m = _CITY_HARM.search(s.text)
    if m is None:
        return {}
    killed = m.group(0).lower().startswith("kill")
    out: dict[str, Casualties] = {}
    pos, n = m.end(), m.group("n")
    capital = {"capital": "Kyiv", "city": None}
    while True:
        value = parse_count(n)
        rest = s.text[pos:]
        name = None
        for c in cities:
            if c.start == s.start + pos:
                name = c.location.name
        word = re.match(r"(capital)\b", rest)
        if name is None and word:
            name = capital[word.group(1)]
        if name is None or value is None or name not in {c.location.name for c in cities}:
            break
        span = (m.start(), pos + len(rest) - len(rest.lstrip()) + 1)
        out[name] = Casualties(killed=value, killed_span=span) if killed else Casualties(injured=value, injured_span=span)
        nxt = _AND_MORE.match(s.text, pos + (len(name) if not word else len(word.group(0))))
        if nxt is None:
            break
        pos, n = nxt.end(), nxt.group("n")
    return out


def casualty_parts(ctx: DocContext, s: Sentence, harm: Casualties) -> list[tuple[PlacePick, Casualties]]:
    """The parts of a casualty total given by place: "..., including 14 in the Donetsk region and 14 in Kherson"."""
    m = _INCLUDING.search(s.text)
    if m is None:
        return []
    killed = harm.killed_span is not None and harm.killed_span[0] < m.start() and (
        harm.injured_span is None or harm.injured_span[0] < harm.killed_span[0] or harm.injured_span[0] > m.start())
    out: list[tuple[PlacePick, Casualties]] = []
    pos = m.end()
    n = m.group("n")
    while True:
        places = [p for p in ctx.places_in(s.start + pos, min(s.end, s.start + pos + 40)) if p.start == s.start + pos]
        value = parse_count(n)
        if not places or value is None:
            break
        p = places[0]
        span = (m.start(), p.end - s.start)
        part = Casualties(killed=value, killed_span=span) if killed else Casualties(injured=value, injured_span=span)
        out.append((PlacePick(p.location(), True, p.start, p.end), part))
        nxt = _AND_MORE.match(s.text, p.end - s.start)
        if nxt is None:
            break
        pos, n = nxt.end(), nxt.group("n")
    return out


__all__ = ["casualty_parts", "city_harm", "regional_figures", "wide_harm"]
