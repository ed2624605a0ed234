"""Places named in a text, resolved offline against the shipped gazetteer.

The scan visits capitalised words (and lower-case ones right after "in",
"near"...) and looks up the folded sequence of the next words in the
gazetteer's dict indexes, longest first, growing a sequence only while it is
the beginning of a known name: its cost grows with the text, not with the
gazetteer. A name followed by "region"/"oblast"/"province" (or preceded by
"the region of", or followed by "governor") is the first-level division
("Kharkiv region" -> Kharkiv Oblast), as is each name of a list of oblasts.

Ambiguous names are settled by the division named right after them ("X,
Donetsk Oblast"), the divisions and places the same text names, the oblasts
where war reporting happens, country (Ukraine, Russia first) and population.
Names that are also English words, villages of unknown size and small places
known only by an alternate name need context ("in", "near", a list, a
division after them). A village missing from the gazetteer but placed by the
text ("past Brusino, Donetsk Oblast") is kept with that division and no
coordinates; a misspelt town after "in"/"near" is matched when one town of
5,000 people or more is within two edits of it.

What is not resolved is reported, not dropped silently (:func:`geoparse`): a
name that a lead-in ("in", "near", "the village of", "outskirts of") or a
division word ("X Oblast") presents as a place but the gazetteer lacks, a
misspelling two towns are equally close to, and a name that only small
villages bear, after a verb such as "captured", with nothing to choose or
accept one by. Each comes with its span and reason; the other places of the
text are found as before.

The readers of names the gazetteer lacks or holds only weakly (common words,
people's names, misspellings, unknown villages, the report) are in
:mod:`sitrep.normalize.places_unknown`.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import re
from dataclasses import dataclass, field

from sitrep.model import PlaceMention
from sitrep.normalize.gazetteer import Gazetteer, Place, fold, load_gazetteer
from sitrep.normalize.places_unknown import (
    _ADMIN_SUFFIX,
    _GIVEN,
    _JOINERS,
    _LOCATIVE,
    _NOT_IN_GAZETTEER,
    _POSSESSIVE,
    _SETTLEMENT_SUFFIX,
    _STOP,
    _SURNAMES,
    UnresolvedPlace,
    _Raw,
    _common_key,
    _fuzzy,
    _next_word,
    _person_names,
    _plausible,
    _report_small,
    _report_unknown,
    _unknown_placed,
)

__all__ = ["GeoparseResult", "UnresolvedPlace", "find_places", "geoparse", "resolve_place"]


@dataclass(slots=True)
class GeoparseResult:
    """What :func:`geoparse` found: resolved ``places`` and the place-like names left ``unresolved``."""

    places: list[PlaceMention] = field(default_factory=list)
    unresolved: list[UnresolvedPlace] = field(default_factory=list)

# A word: letters/digits with inner apostrophes ("Mar'inka", "Kyiv's").
_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_POSSESSIVE_ENDINGS = frozenset(("'s", "’s", "ʼs", "`s"))
_FIRST = operator.itemgetter(0)  # a token's start

_PLURAL_SUFFIX = {"oblasts", "regions", "provinces"}
# ("southern Donetsk" stays ambiguous: "eastern Kyiv" and "central Kharkiv" are parts of the cities.)
_ADMIN_PREFIX = re.compile(r"\b(?:region|oblast|province) of\s+$", re.I)
# Lower-case words after a division's name that show it is the division: "the Kursk governor".
_ADMIN_HEADS = {"governor", "governor's", "governorate", "oblast's", "region's"}

# Lower-case words read as a name only right after one of these, and only for places of Ukraine/Russia.
_LOWER_OK_AFTER = {"in", "near", "of", "at", "from", "to", "on", "outside", "around"}

# (Five letters at least: shorter lower-case words are never read as names, and "the" is the commonest.)
# (The look-ahead at the words' first letters only spares the search trying every word at every character.)
_LOWER_NAME = re.compile(r"(?=(?i:[inoaft]))\b(?i:in|near|of|at|from|to|on|outside|around)\s+([^\W\d_A-Z][\w'’ʼ`]{4,})")
_RELATION = re.compile(
    r"(?:\b(?P<outskirts>(?:on |in )?(?:the )?outskirts of)"
    r"|\b(?P<near>near(?:by)?|close to|outside(?: of)?|around|in the vicinity of|not far from)"
    r"|\b(?P<toward>in the direction of|towards?|on the approach(?:es)? to)"
    r"|\b(?P<dir>(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest"
    r"|southeast|southwest)(?:ern)?) (?:of|from))"
    r"\s+(?:the\s+)?(?:(?:city|town|village|settlement|port|region|oblast) of\s+)?$",
    re.I,
)
# Every alternative of _RELATION contains one of these.
_RELATION_HINTS = ("outskirts", "near", "close to", "outside", "around", "vicinity", "far from", "direction",
                   "toward", "approach", "north", "south", "east", "west")
# Any of them in a lower-cased text: one search (it skips letters no hint begins with), not fourteen.
_RELATION_HINT = re.compile("|".join(map(re.escape, _RELATION_HINTS)))
# Text between a place and the division that places it: "X, Donetsk Oblast", "X village in the Kyiv region".
_ADMIN_AFTER = re.compile(r",\s*|\s+\(|(?:\s+(?:village|town|city|settlement|district))?\s+in\s+(?:the\s+)?"
                          r"(?:\w+\s+)?|\s*,\s*in\s+(?:the\s+)?")
_DIRECTION_AFTER = re.compile(r"\s+(?:direction|axis|sector|front|salient)\b", re.I)
_COUNTRY_BONUS = {"UA": 3.0, "RU": 2.5, "BY": 1.0, "MD": 1.0}


def resolve_place(name: str, *, admin1: str | None = None, country: str | None = None) -> Place | None:
    """The gazetteer place best fitting ``name`` (a settlement, region, country or facility).

    ``resolve_place("Enerhodar").admin1 == "Zaporizhzhia"``; ``admin1``/``country`` steer
    ambiguous names. "Kharkiv Oblast" and "Kharkiv region" resolve to the admin1.
    """
    g = load_gazetteer()
    words = fold(name).split()
    if len(words) > 1 and words[-1] in _ADMIN_SUFFIX:
        rows = g.stems.get(" ".join(words[:-1]))
        if rows:
            return g.places[rows[0]]
    if len(words) > 1 and words[-1] in _SETTLEMENT_SUFFIX and " ".join(words[:-1]) in g.names:
        words = words[:-1]
    key = " ".join(words)
    cands = [(i, True) for i in g.names.get(key, [])] + [(i, False) for i in g.alts.get(key, [])]
    if not cands:
        return None
    admins = {admin1} if admin1 else set()
    best = max(cands, key=lambda c: _score(g.places[c[0]], c[1], admins, set(), None, country))
    return g.places[best[0]]


# Where war reporting happens: an ambiguous village name most likely means the one in these oblasts.
_WAR_ZONE = {"Donetsk": 1.5, "Luhansk": 1.5, "Kharkiv": 1.5, "Zaporizhzhia": 1.5, "Kherson": 1.5,
             "Crimea": 1.0, "Kyiv": 1.0, "Chernihiv": 1.0, "Sumy": 1.0, "Mykolaiv": 1.0, "Dnipropetrovsk": 1.0,
             "Belgorod": 1.0, "Kursk": 1.0, "Bryansk": 0.5, "Rostov": 0.5, "Voronezh": 0.5, "Krasnodar": 0.5}


def _score(p: Place, primary: bool, doc_admins: set[str], near_admins: set[str],
           local_admin: str | None, country: str | None, anchors: list[Place] | None = None) -> float:
    s = math.log10(p.population + 10)
    # A large city is what a bare name means, whatever villages share it.
    # (Only by its own name: "Pokrovsk" is also an old name of Engels, a city of 220,000.)
    s += 4.0 if p.population >= 100_000 and primary else 0.0
    s += 1.0 if primary else 0.0
    s += _COUNTRY_BONUS.get(p.country, 0.0)
    if p.kind in ("country", "admin1", "region", "facility"):
        s += 6.0  # a country or region beats a village of the same name
    if p.admin1:
        if p.country in ("UA", "RU"):
            s += _WAR_ZONE.get(p.admin1, 0.0)
        if local_admin and p.admin1 == local_admin:
            s += 12.0
        elif p.admin1 in doc_admins:
            s += 4.0
        elif p.admin1 in near_admins:
            s += 2.0
    if country and p.country == country:
        s += 5.0
    if anchors and p.lat is not None:
        d = min(_km(p, a) for a in anchors)
        s += 3.0 if d < 40 else 1.5 if d < 100 else 0.0
    return s


def _km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None:
        return 1e9
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, x)))


_REPUBLIC = re.compile(r"(?=[DL])\b(?:DPR|DNR|LPR|LNR|Donetsk People['’]s Republic|Luhansk People['’]s Republic)\b")


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Places named in ``text[start:end]``, resolved, with offsets into ``text``.

    ``find_places("Shelling near Kupiansk, Kharkiv Oblast")`` gives Kupiansk (relation
    "near", admin1 Kharkiv) and Kharkiv Oblast (precision admin1). The places of
    :func:`geoparse`, without its report of unresolved names.
    """
    return geoparse(text, start, end).places


def geoparse(text: str, start: int = 0, end: int | None = None) -> GeoparseResult:
    """Places named in ``text[start:end]``, and the place-like names that could not be resolved.

    A name is reported unresolved (never dropped silently, never stopping the other places)
    where a lead-in ("in", "near", "the village of", "outskirts of") or a division word
    after it ("Oblast", "region") presents it as a place and the gazetteer lacks it, or it
    names only small villages that the text gives no context to choose or accept:
    ``geoparse("Shelling near Zarichkivtsi.").unresolved[0].reason == "not in the gazetteer"``.
    Offsets are into ``text``.
    """
    g = load_gazetteer()
    end = len(text) if end is None else end
    toks = [m.span() for m in _TOKEN.finditer(text, start, end)]
    unresolved: list[UnresolvedPlace] = []
    raws = _scan(g, text, toks, unresolved)
    if not raws:
        return GeoparseResult([], _tidy(unresolved))
    _region_lists(g, text, raws)
    _link_context(g, text, raws)
    raws = _drop_modifiers(g, text, raws)
    doc_admins = {g.places[r.cands[0][0]].admin1 for r in raws if r.admin and r.cands}
    # "DPR shelling of X": the self-proclaimed republics' forces name their oblast as well.
    # (Each of those names holds "PR", "NR" or "People": most texts have none, and the pattern is not tried.)
    hinted = "PR" in text or "NR" in text or "People" in text
    for m in _REPUBLIC.finditer(text, start, end) if hinted else ():
        doc_admins.add("Donetsk" if m.group(0)[0] == "D" else "Luhansk")
    # Admin1s of places that are named unambiguously lend weight to their neighbours.
    near_admins = {g.places[r.cands[0][0]].admin1 for r in raws
                   if len(r.cands) == 1 and g.places[r.cands[0][0]].kind == "settlement"}
    chosen: list[Place | None] = []
    for r in raws:
        if not r.cands:
            chosen.append(None)
            continue
        i, _ = max(r.cands, key=lambda c: _score(g.places[c[0]], c[1], doc_admins, near_admins, r.local_admin, None))
        chosen.append(g.places[i])
    # Second look at ambiguous names: prefer the one near the other settlements the text names.
    anchors = [p for r, p in zip(raws, chosen) if p is not None and p.kind == "settlement" and len(r.cands) == 1]
    _sentence_admin(g, text, raws, chosen)
    out: list[PlaceMention] = []
    for r, p in zip(raws, chosen):
        if r.admin_row is not None and (p is None or p.kind == "settlement" and p.admin1 != r.local_admin):
            # "Novopetrovka, Belgorod Oblast" where the gazetteer knows no such village there: the text's
            # division is surer than a namesake elsewhere, so the place is kept without coordinates.
            out.append(_unlisted(text, r, g.places[r.admin_row]))
            continue
        if p is None:
            # A name the gazetteer lacks whose division could not be tied to it after all.
            unresolved.append(UnresolvedPlace(r.start, r.end, text[r.start:r.end], _NOT_IN_GAZETTEER))
            continue
        if len(r.cands) > 1 and anchors and p.kind == "settlement" and p.population < 20_000:
            others = [a for a in anchors if a is not p]
            if others:
                i, _ = max(r.cands, key=lambda c: _score(g.places[c[0]], c[1], doc_admins, near_admins,
                                                         r.local_admin, None, others))
                p = g.places[i]
        out.append(_mention(text, r, p))
    return GeoparseResult(out, _tidy(unresolved, out))


def _tidy(unresolved: list[UnresolvedPlace], places: list[PlaceMention] = ()) -> list[UnresolvedPlace]:
    """Unresolved names in text order, once each, none overlapping a resolved place."""
    out: list[UnresolvedPlace] = []
    for u in sorted(unresolved, key=lambda u: (u.start, -u.end)):
        if out and u.start < out[-1].end:
            continue
        if any(p.start < u.end and u.start < p.end for p in places):
            continue
        out.append(u)
    return out


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# A region's name used as an adjective of the settlement after it: "the Donbas city of Sievierodonetsk".
_MODIFIER_GAP = re.compile(r"\s+(?:city|town|village|settlement|port)(?:\s+of)?\s+(?:the\s+)?", re.I)


def _drop_modifiers(g: Gazetteer, text: str, raws: list[_Raw]) -> list[_Raw]:
    """Leave out a division or region that only describes the next place ("the Donbas city of X",
    "the Kharkiv region town of Y"); the place keeps that division as its own where it is an oblast."""
    out: list[_Raw] = []
    for k, r in enumerate(raws):
        nxt = raws[k + 1] if k + 1 < len(raws) else None
        if nxt is not None and r.cands and _MODIFIER_GAP.fullmatch(text, r.end, nxt.start) \
                and g.places[r.cands[0][0]].kind in ("admin1", "region"):
            row = g.places[r.cands[0][0]]
            if row.kind == "admin1" and nxt.local_admin is None:
                nxt.local_admin, nxt.admin_row = row.admin1, r.cands[0][0]
            continue
        out.append(r)
    return out


def _sentence_admin(g: Gazetteer, text: str, raws: list[_Raw], chosen: list[Place | None]) -> None:
    """ "Russia's Belgorod region ... the village of Novopetrovka": a small place whose namesake lies
    elsewhere belongs to the one division its sentence names (kept without coordinates)."""
    admins = [r for r in raws if r.admin and r.cands]
    if not admins:
        return
    for r, p in zip(raws, chosen):
        if r.admin or r.admin_row is not None or p is None or p.kind != "settlement" or p.population >= 20_000:
            continue
        same = set()
        for a in admins:
            lo, hi = (a.end, r.start) if a.end <= r.start else (r.end, a.start)
            if hi - lo < 250 and not _SENTENCE_END.search(text, lo, hi):
                same.add(a.cands[0][0])
        if len(same) == 1:
            row = same.pop()
            admin = g.places[row]
            if admin.admin1 and admin.admin1 != p.admin1 and not any(
                    g.places[c].admin1 == admin.admin1 for c, _ in r.cands):
                r.local_admin, r.admin_row = admin.admin1, row


def _unlisted(text: str, r: _Raw, admin: Place) -> PlaceMention:
    surface = text[r.start:r.end]
    name = _POSSESSIVE.sub("", surface.title() if surface.islower() or surface.isupper() else surface)
    return PlaceMention(r.start, r.end, surface, name, admin.country, admin.admin1, None, None, None,
                        "settlement", "settlement", None, _relation(text, r, None), r.rule + ":unlisted")


def _mention(text: str, r: _Raw, p: Place) -> PlaceMention:
    surface = text[r.start:r.end]
    if p.kind == "settlement":
        # The text's own spelling, as the contract's gold writes it ("Severodonetsk", "Kupyansk").
        name = surface.title() if surface.islower() or surface.isupper() else surface
        name = _POSSESSIVE.sub("", name)
    else:
        name = p.name
    return PlaceMention(r.start, r.end, surface, name, p.country, p.admin1, p.admin2, p.lat, p.lon,
                        p.precision, p.kind, p.geonameid, _relation(text, r, p), r.rule)


def _relation(text: str, r: _Raw, p: Place | None) -> str | None:
    """The relative phrase before (or "direction" after) a name: "near", "outskirts of", "south of"."""
    rel = None
    lo = max(0, r.start - 60)
    window = text[lo:r.start].lower()
    # A plain search for the hint words first: most names have none of the relation words before them.
    m = _RELATION.search(text, lo, r.start) if _RELATION_HINT.search(window) else None
    if m:
        if m.group("outskirts"):
            rel = "outskirts of"
        elif m.group("near"):
            rel = "near"
        elif m.group("toward"):
            rel = "direction"
        else:
            rel = m.group("dir").lower().replace("-", "").replace("ern", "") + " of"
    elif (p is None or p.kind == "settlement") and _DIRECTION_AFTER.match(text, r.end):
        rel = "direction"  # "the Pokrovsk direction": the front around the town, not the town
    return rel


def _scan(g: Gazetteer, text: str, toks: list[tuple[int, int]],
          report: list[UnresolvedPlace] | None = None) -> list[_Raw]:
    """Names found in the text, before resolution; place-like names left unresolved go to ``report``."""
    raws: list[_Raw] = []
    n = len(toks)
    names, alts, stems, prefixes = g.names, g.alts, g.stems, g.prefixes
    folded: dict[int, tuple[str, bool]] = {}

    def fk(j: int) -> tuple[str, bool]:
        """Folded token ``j`` without a possessive ending, and whether it had one."""
        got = folded.get(j)
        if got is None:
            got = folded[j] = _fold_token(text[toks[j][0]:toks[j][1]])
        return got

    # Where a name may start: a capitalised word, or a lower-case one right after "in", "near"...
    # (found by list comprehensions and one regex, so that the loop below sees few tokens).
    # (The indices of the tokens whose first letter is a capital, picked at C speed: there are many tokens.)
    starts = list(itertools.compress(range(n), map(str.isupper, map(text.__getitem__, map(_FIRST, toks)))))
    lower = _LOWER_NAME.finditer(text, toks[0][0], toks[-1][1]) if toks else ()
    lower_at = {m.start(1) for m in lower if m.group(1).lower() not in _STOP}
    if lower_at:
        # The tokens those names begin: a binary search each (there are few), not a pass over every token.
        at = [bisect.bisect_left(toks, (s,)) for s in lower_at]
        starts = sorted(starts + [k for k, s in zip(at, lower_at) if k < n and toks[k][0] == s])
    persons = _person_names(text, toks, starts, fk)
    done = 0  # tokens before this index belong to a name already found
    for i in starts:
        if i < done:
            continue
        s0, e0 = toks[i]
        lower_start = not text[s0].isupper()
        first = fk(i)
        if _inert(g, first):
            continue  # most capitalised words: nothing below would come of them
        key, poss = first
        # Every sequence from token i that names something, or may still grow into a name.
        spans: list[tuple[int, str, bool]] = []
        j = i
        while True:
            if key in names or key in alts or key in stems:
                spans.append((j, key, poss))
            if poss:
                # "Donetsk People's Republic": the possessive may sit inside a longer name.
                whole = f"{key}s"
                if whole not in prefixes:
                    break
                key, poss = whole, False
            if key not in prefixes or j + 1 >= n or text[toks[j][1]:toks[j + 1][0]] not in _JOINERS:
                break
            j += 1
            w, poss = fk(j)
            key = f"{key} {w}"
        hit = None
        jump = i + 1
        small: tuple[int, str, tuple[tuple[int, bool], ...]] | None = None  # a village rejected for want of context
        # (A common word, most capitalised words, is no unknown or misspelt place: _fuzzy, _unknown_placed
        # and _report_unknown would each turn it down.)
        if not spans and not lower_start and not _common_key(first[0]):
            after_place = bool(raws) and s0 - raws[-1].end <= 6 and text[raws[-1].end:s0] in (" and ", ", ", ", and ", " or ")
            hit = _fuzzy(g, text, toks, i, first, after_place, report) or _unknown_placed(g, text, toks, i, first)
            if hit is None and report is not None:
                _report_unknown(g, text, toks, i, fk, report)
        # Longest sequence first: "Nova Kakhovka" before "Nova".
        for j, key, poss in reversed(spans):
            e = toks[j][1]
            core_end = e - 2 if poss else e
            nxt = _next_word(text, toks, j)
            if key in stems:
                # "X region", "X Oblast", "the region of X": the first-level division.
                if nxt is not None and not poss and nxt[2].lower() in _ADMIN_SUFFIX:
                    hit = _Raw(s0, nxt[1], text[s0:nxt[1]], [(k, True) for k in stems[key]], True,
                               "gazetteer:admin")
                    jump = nxt[3] + 1
                    if nxt[2].lower() in _PLURAL_SUFFIX:
                        raws.extend(_coordinated(g, text, toks, i))
                    break
                # "the region of X", "the Krasnodar governor": the division too.
                if _ADMIN_PREFIX.search(text, max(0, s0 - 24), s0) or (
                        nxt is not None and nxt[2].lower() in _ADMIN_HEADS and not poss):
                    hit = _Raw(s0, core_end, text[s0:core_end], [(k, True) for k in stems[key]], True,
                               "gazetteer:admin")
                    jump = j + 1
                    break
            named = _named(g, key)
            cands, weak, unknown = list(named.cands), named.weak, named.unknown
            if (weak or unknown) and (lower_start or not (_LOCATIVE.search(text, max(0, s0 - 40), s0)
                                          or _placed_after(text, core_end)
                                          or _oblast_after(g, text, core_end, cands)
                                          or _list_ahead(g, text, toks, j, cands)
                                          or raws and _LIST_SEP.fullmatch(text[raws[-1].end:s0]))):
                # A name that is also a common English word ("Human", "Progress"), or of a village
                # of unknown size, needs "in"/"near" before it, a division after it, or a list around it.
                kept = [c for c in cands if c not in weak and c not in unknown]
                if not kept and small is None and unknown and not weak:
                    small = (j, key, unknown)
                cands = kept
            if not cands or not _plausible(g, text, toks, i, j, key, cands, lower_start, nxt, persons):
                continue
            if len(cands) < len(named.cands):  # some left out above
                admin = {g.places[c].kind for c, _ in cands} == {"admin1"}
            else:
                admin = named.admin1
            hit = _Raw(s0, core_end, text[s0:core_end], cands, admin,
                       "gazetteer:lower" if lower_start else "gazetteer")
            jump = j + 1
            break
        if hit is not None:
            raws.append(hit)
            done = jump
        elif small is not None and report is not None and not lower_start:
            _report_small(g, text, toks, i, small, fk, report)
    raws.sort(key=lambda r: (r.start, not r.admin))
    # Plural suffixes may add the same mention twice.
    dedup: list[_Raw] = []
    for r in raws:
        if dedup and dedup[-1].start == r.start:
            continue
        dedup.append(r)
    return dedup


@dataclass(frozen=True, slots=True)
class _Named:
    """What the gazetteer holds for a folded name: its candidate rows (primary names first), those
    for which the name is also a common English word, and those of villages too small or unknown
    to accept without context; ``admin1`` where every candidate is a first-level division."""

    cands: tuple[tuple[int, bool], ...]
    weak: tuple[tuple[int, bool], ...]
    unknown: tuple[tuple[int, bool], ...]
    admin1: bool


# The same names come up in text after text, and what the gazetteer holds for one depends on the name alone.
@functools.lru_cache(maxsize=1 << 14)
def _named(g: Gazetteer, key: str) -> _Named:
    cands = [(k, True) for k in g.names.get(key, ())] + [(k, False) for k in g.alts.get(key, ())]
    weak = [c for c in cands if (key, c[0]) in g.weak]
    # Villages known only from the codifier (no population) are many and small.
    unknown = [c for c in cands if not g.places[c[0]].population and g.places[c[0]].kind == "settlement"]
    if not any(prim for _, prim in cands):
        # A small place known only by an alternate name ("Nariman" for Narimanov) is weak evidence.
        unknown += [c for c in cands if g.places[c[0]].kind == "settlement" and g.places[c[0]].population < 20_000]
    admin1 = {g.places[c].kind for c, _ in cands} == {"admin1"}
    return _Named(tuple(cands), tuple(weak), tuple(unknown), admin1)


# Folding a word depends on the word alone, and texts share most of their capitalised words: kept per word.
@functools.lru_cache(maxsize=1 << 16)
def _fold_token(w: str) -> tuple[str, bool]:
    """A token folded without its possessive ending, and whether it had one."""
    poss = w[-2:] in _POSSESSIVE_ENDINGS  # what _POSSESSIVE finds, without a regex call
    return fold(w[:-2] if poss else w), poss


# Asked for every capitalised word of every text, and pure on the word and the gazetteer: kept per word.
@functools.lru_cache(maxsize=1 << 16)
def _inert(g: Gazetteer, folded: tuple[str, bool]) -> bool:
    """Whether a folded token (and its possessive flag) neither names a place, nor begins a longer
    name, nor may be an unknown or misspelt place's name: the scan has nothing to do at it."""
    key, poss = folded
    if key in g.names or key in g.alts or key in g.stems or (f"{key}s" if poss else key) in g.prefixes:
        return False
    return _common_key(key)


def _coordinated(g: Gazetteer, text: str, toks: list[tuple[int, int]], i: int) -> list[_Raw]:
    """In "the Donetsk, Luhansk and Kherson regions", the names before the last one."""
    out: list[_Raw] = []
    # Walk back over "X, " / "X and " / "X, and " chunks of one or two words.
    pos = toks[i][0]
    k = i - 1
    while k >= 0:
        between = text[toks[k][1]:pos]
        if between not in (", ", " and ", ", and ", " & "):
            if between == " " and text[toks[k][0]:toks[k][1]] == "and":
                k -= 1
                continue
            break
        found = None
        for w in (2, 1):
            a = k - w + 1
            if a < 0:
                continue
            if w == 2 and text[toks[a][1]:toks[k][0]] not in _JOINERS:
                continue
            key = fold(text[toks[a][0]:toks[k][1]])
            if key in g.stems:
                found = (a, key)
                break
        if not found:
            break
        a, key = found
        out.append(_Raw(toks[a][0], toks[k][1], text[toks[a][0]:toks[k][1]], [(x, True) for x in g.stems[key]],
                        True, "gazetteer:admin"))
        pos = toks[a][0]
        k = a - 1
    return out


_LIST_SEP = re.compile(r",\s*|\s+and\s+|,\s+and\s+|\s*&\s*|\s+or\s+|,\s+or\s+")
_REGION_WORD_BEFORE = re.compile(r"\b(?:regions?|oblasts?|provinces?)\b[^.\n]*$", re.I)
_REGION_WORD_AFTER = re.compile(r"\s*(?:regions|oblasts|provinces|areas)\b", re.I)


def _region_lists(g: Gazetteer, text: str, raws: list[_Raw]) -> None:
    """In "12 regions: Odesa, Mykolaiv, Kherson" or "Kyiv, Dnipropetrovsk and Sumy", every name is an oblast.

    A run of names joined by commas/"and" that all name oblasts is read as oblasts when one of them can
    only be an oblast (Dnipropetrovsk), or "region(s)"/"oblasts" stands before it in the sentence or after it.
    """
    runs: list[list[_Raw]] = []
    for r in raws:
        ok = fold(r.surface.split(" ")[0] if r.admin else r.surface) in g.stems or r.admin
        if not ok:
            runs.append([])
            continue
        if runs and runs[-1] and _LIST_SEP.fullmatch(text[runs[-1][-1].end:r.start]):
            runs[-1].append(r)
        else:
            runs.append([r])
    for run in runs:
        if len(run) < 2:
            continue
        before = text[max(0, run[0].start - 100):run[0].start]
        # "Kupiansk, Kharkiv Oblast": a singular "Oblast" names only its own list item.
        bare_admin = any(r.admin and fold(r.surface).split(" ")[-1] not in _ADMIN_SUFFIX for r in run)
        if not (bare_admin or _REGION_WORD_BEFORE.search(before)
                or _REGION_WORD_AFTER.match(text, run[-1].end)):
            continue
        for r in run:
            if r.admin:
                continue
            stems = g.stems.get(fold(r.surface))
            if stems:
                r.cands = [(k, True) for k in stems]
                r.admin = True
                r.rule = "gazetteer:admin-list"


_PLACED_AFTER = re.compile(r",?\s+(?:(?:village|town|city|settlement)\s+)?(?:in\s+)?(?:the\s+)?[A-Z][\w'’-]+\s+"
                           r"(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Rr]aion)\b"
                           r"|,\s+[A-Z][\w'’-]+,|\s+(?:village|town|settlement|hromada)\b")


def _placed_after(text: str, end: int) -> bool:
    """Whether a division follows the name: "X, Donetsk Oblast", "X in the Kharkiv region"."""
    return _PLACED_AFTER.match(text, end) is not None


_OBLAST_AFTER = re.compile(r"(?:,\s*|\s+in\s+(?:the\s+)?)([A-Z][\w'’-]+)\b")


def _oblast_after(g: Gazetteer, text: str, end: int, cands: list[tuple[int, bool]]) -> bool:
    """Whether a bare oblast name that one of the candidates lies in follows: "Vremivka in Donetsk"."""
    m = _OBLAST_AFTER.match(text, end)
    if not m:
        return False
    stems = g.stems.get(fold(m.group(1)))
    if not stems:
        return False
    admins = {g.places[k].admin1 for k in stems}
    return any(g.places[c].admin1 in admins for c, _ in cands)


_LIST_AHEAD = re.compile(r"(?:,\s*|\s+and\s+|,\s+and\s+)([A-Z][\w'’-]+)(?=[\s,.;:)]|$)")


def _list_ahead(g: Gazetteer, text: str, toks: list[tuple[int, int]], j: int, cands: list[tuple[int, bool]]) -> bool:
    """Whether the next list item is a settlement of the same oblast as one of the candidates:
    "Sukhetske, Pankivka and Vremivka came under fire" reads as a list of villages from its first name."""
    m = _LIST_AHEAD.match(text, toks[j][1])
    if not m:
        return False
    admins = {g.places[c].admin1 for c, _ in cands if g.places[c].admin1}
    if not admins:
        return False
    key = fold(m.group(1))
    if key in _STOP or key in _GIVEN or key in _SURNAMES:
        return False
    return any(g.places[k].kind == "settlement" and g.places[k].admin1 in admins for k in g.names.get(key, ()))


_VIA_COUNTRY = re.compile(r",?\s+(?:(?:village|town|city)\s+)?in\s+(?:the\s+)?(?:Russia|Ukraine|Belarus)['’]s"
                          r"(?:\s+\w+ern)?\s+")
_REGION_APPOSITION = re.compile(r"\s*[,–—]\s*(?:the|a)\s+(?:[\w-]+\s+){0,3}(?:region|oblast|province)\b")


# "Pavlivka, Sumy", "Pavlivka (Sumy", "Vremivka in Donetsk": what may stand between a village and its oblast.
_CITY_AS_OBLAST_GAP = re.compile(r",\s*|\s+\(|\s+in\s+(?:the\s+)?")


def _link_context(g: Gazetteer, text: str, raws: list[_Raw]) -> None:
    """ "X, Donetsk Oblast" / "X in the Donetsk region" / "X, Sumy": the division right after a name steers it.

    In "Pavlivka, Sumy" the bare "Sumy" names the oblast, so it becomes the admin1 mention.
    """
    for k, (a, b) in enumerate(zip(raws, raws[1:])):
        between = text[a.end:b.start]
        if not a.admin and k + 2 < len(raws) and raws[k + 2].admin and b.cands \
                and g.places[b.cands[0][0]].kind == "country" \
                and _VIA_COUNTRY.fullmatch(text, a.end, raws[k + 2].start):
            # "Belitsa, in Russia's Kursk region": the country's name stands between.
            c = raws[k + 2]
            a.local_admin, a.admin_row = g.places[c.cands[0][0]].admin1, c.cands[0][0]
            continue
        if not a.admin and not b.admin and a.cands and _REGION_APPOSITION.match(text, a.end):
            # "in Kherson – the only region fully held": the name is the region's.
            stems = g.stems.get(fold(a.surface))
            if stems:
                a.cands, a.admin, a.rule = [(x, True) for x in stems], True, "gazetteer:admin-apposition"
                continue
        if b.admin:
            if _ADMIN_AFTER.fullmatch(between) and not a.admin:
                a.local_admin = g.places[b.cands[0][0]].admin1
                a.admin_row = b.cands[0][0]
            continue
        if a.admin or not _CITY_AS_OBLAST_GAP.fullmatch(between):
            continue
        stems = g.stems.get(fold(b.surface))
        if not stems or g.places[stems[0]].country not in ("UA", "RU"):
            continue
        admin = g.places[stems[0]].admin1
        city = max((g.places[c] for c, _ in b.cands), key=lambda p: p.population)
        inside = [g.places[c] for c, _ in a.cands if g.places[c].admin1 == admin]
        # "Saltivka, Kharkiv": a district of the city, so "Kharkiv" stays the city.
        if inside and all(p.kind == "settlement" for p in inside) and min(_km(p, city) for p in inside) > 20:
            a.local_admin = admin
            b.cands = [(k, True) for k in stems]
            b.admin = True
            b.rule = "gazetteer:admin-context"
