"""Comparing two per-document events: a veto, or a score with its reasons; and the order-free
clustering of a set of events by those scores. The rules are told in :mod:`sitrep.fuse`."""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CATEGORY_ORDER", "Clusterer", "EventView", "FIGURES", "GENERIC", "GROUPS", "LEVEL", "NEAR_KM",
    "STRONG_FIGURE", "THRESHOLD", "WINDOW_DAYS", "candidates", "compare", "components", "day_of", "side_of",
    "story_day", "told_twice", "view",
]

THRESHOLD = 2.0  # a pair scoring this much (and not vetoed) is an edge
NEAR_KM = 15.0  # two settlements this close are one place (a city and its districts)
WINDOW_DAYS = 2  # fuse_store loads this many days around what it reaches (pairs differ by a day at most)
STRONG_FIGURE = 10  # a tally this big says "national wave", and is distinctive when equal

_VIOLENT = {"aerial_attack", "shelling", "ground_combat", "attack"}
GROUPS = {"ballistic_missile": "missile", "cruise_missile": "missile", "hypersonic_missile": "missile",
           "guided_missile": "missile", "missile": "missile", "attack_drone": "drone",
           "decoy_drone": "drone", "drone": "drone", "guided_bomb": "guided_bomb", "aircraft": "aircraft"}
GENERIC = {"missile", "drone"}
CATEGORY_ORDER = list(GROUPS)
FIGURES = ("launched", "intercepted", "suppressed")
LEVEL = {"facility": 3, "settlement": 3, "admin1": 2, "country": 1}
_CALL_MODES = {"call"}
_EITHER_MODES = {"talks"}  # talks by telephone or face to face
_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at", "by", "that", "is", "was",
         "be", "had", "has", "have", "it", "its", "he", "she", "they", "said", "would", "from", "as"}

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
class EventView:
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

    @property
    def bare(self) -> bool:
        """No weapon figure and no toll: a report that the attack happened, little more."""
        return not self.figures and self.raw.get("killed") is None and self.raw.get("injured") is None


def day_of(e: Mapping[str, Any]) -> dt.date | None:
    """An event's own day: its date where it is precise to the day."""
    return _day(e.get("date")) if e.get("date_precision") in (None, "day") else None


def story_day(ref: dt.date | None, told: Iterable[dt.date]) -> dt.date | None:
    """The day an undated event of a document counts as: the day before the document's where the
    document dates its other events of that type to that day and none to its own (a morning wire on
    "Sunday's attack" tells Sunday's damage in the Odesa region too), else the document's day.

    ``told`` is the days of the document's events of the type that are dated to the day (only those
    of the day before and of the day itself matter)."""
    if ref is None:
        return None
    days = set(told)
    before = ref - dt.timedelta(days=1)
    return before if before in days and ref not in days else ref


def view(e: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]],
         told: Iterable[dt.date] = ()) -> EventView:
    """The view of one event; ``told`` is the days its document dates its other events of the type
    to (see :func:`story_day`), which place an undated event."""
    doc = documents.get(e["document_id"]) or {}
    ref = _day(doc.get("reference_date"))
    day = day_of(e)
    loc = e.get("location") or None
    level = LEVEL.get((loc or {}).get("precision") or "", 0) if loc else 0
    if loc and level == 0:
        level = 1 if loc.get("country") and not loc.get("name") else 3
    v = EventView(id=e["id"], doc=e["document_id"], type=e["type"], raw=e, day=day, ref=ref,
            key=day or story_day(ref, told), dated=day is not None, loc=loc, level=level)
    if e["type"] == "aerial_attack":
        figs: dict[tuple[str, str], set[int]] = defaultdict(set)
        sums: dict[tuple[str, str], list[int]] = defaultdict(list)
        groups, specific = set(), set()
        for w in e.get("weapons") or []:
            cat = w.get("category")
            g = GROUPS.get(cat)
            if g is None:
                continue
            groups.add(g)
            if cat not in GENERIC:
                specific.add(cat)
            for f in FIGURES:
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
    soft: bool = False  # a veto on the countries alone (air attacks): a misread copy may explain it
    misread: bool = False  # an edge across two countries, on the same tallies


_VETO = _Verdict(0.0, (), True)
_COUNTRIES = _Verdict(0.0, (), True, soft=True)


def _km(a: Mapping[str, Any], b: Mapping[str, Any]) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _place_name(loc: Mapping[str, Any]) -> str:
    return str(loc.get("name") or loc.get("admin1") or loc.get("country") or "?")


def _bare_name(name: Any) -> str:
    words = str(name or "").split()
    return " ".join(w for w in words if w not in ("Oblast", "City", "Region", "Krai")).casefold()


def _region_of_city(city: Mapping[str, Any], region: Mapping[str, Any]) -> bool:
    """A city that is a region of its own (Kyiv, Moscow) and the region named after it that surrounds
    it (Kyiv Oblast, Moscow Oblast): a raid on "the Moscow region" is the raid on Moscow."""
    own = _bare_name(city.get("admin1"))
    return bool(own) and own == _bare_name(city.get("name")) \
        and own in (_bare_name(region.get("admin1")), _bare_name(region.get("name")))


def _place(a: EventView, b: EventView) -> tuple[float, str | None] | None:
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
        if a.level != b.level:
            small, big = (la, lb) if a.level > b.level else (lb, la)
            if _region_of_city(small, big):
                return 1.5, f"{_place_name(small)} and the region around it"
        return None
    if a.level <= 1 and b.level <= 1:
        if a.type != "aerial_attack":
            return 0.5, None
        if any(_toll(x) and not x.figures and not _toll(y) for x, y in ((a, b), (b, a))):
            # A toll with no tally and no place is a strike's whose place went unread, not the
            # wave's that another report tells by its tallies alone.
            return 0.5, None
        return 1.5, "both country-wide"
    return 0.5, None


def _figures(a: EventView, b: EventView) -> tuple[list[tuple[str, str, int]], int]:
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


def _amounts(ra: Mapping[str, Any], rb: Mapping[str, Any]) -> tuple[float, float, str, float] | None:
    """Two aid amounts to compare, their unit and the relative difference that still makes them
    one: in the currency both texts state (5%), else in dollars as stated (5%) or converted at a
    day's rate (10%: "about $2.95 billion" beside 2.7 billion euros); None when one has none."""
    aa, ab = ra.get("amount") or {}, rb.get("amount") or {}
    if aa.get("value") and ab.get("value") and aa.get("currency") and aa.get("currency") == ab.get("currency"):
        return float(aa["value"]), float(ab["value"]), str(aa["currency"]), 0.05

    def usd(r: Mapping[str, Any]) -> tuple[float | None, bool]:
        if r.get("amount_usd"):
            return float(r["amount_usd"]), False
        conv = r.get("amount_usd_converted")
        return (float(conv["value"]), True) if isinstance(conv, Mapping) and conv.get("value") else (None, False)

    (ua, ca), (ub, cb) = usd(ra), usd(rb)
    return (ua, ub, "USD", 0.1 if ca or cb else 0.05) if ua and ub else None


def _told_live(v: EventView) -> bool:
    """Dated to its own document's day and telling nothing but the attack: a report written as it
    happened, before any tally or toll."""
    return v.dated and v.key == v.ref and v.bare


def _toll(v: EventView) -> bool:
    """Whether an event gives a killed or injured toll."""
    return v.raw.get("killed") is not None or v.raw.get("injured") is not None


def _same_toll(a: EventView, b: EventView) -> bool:
    """Whether two events give an equal killed or injured toll."""
    return any(isinstance(a.raw.get(f), int) and a.raw.get(f) == b.raw.get(f) for f in ("killed", "injured"))


def _toll_rises(a: EventView, b: EventView) -> bool:
    """Both give a killed toll, the later report (by day, then by document day) the higher one, and
    their weapon groups (where both say) are the same: one strike whose toll grew overnight."""
    early, late = sorted((a, b), key=lambda v: (v.key, v.ref or v.key, v.id))
    ke, kl = early.raw.get("killed"), late.raw.get("killed")
    if not (isinstance(ke, int) and isinstance(kl, int) and 1 <= ke < kl):
        return False
    if early.ref and late.ref and late.ref < early.ref:
        return False
    return not (early.groups and late.groups and early.groups != late.groups)


def _toll_say(a: EventView, b: EventView) -> str:
    lo, hi = sorted((a.raw["killed"], b.raw["killed"]))
    return f"{lo} then {hi} killed"


@functools.lru_cache(maxsize=4096)
def side_of(name: str) -> str | None:
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


def _shared_quote(qa: Any, qb: Any) -> str | None:
    """Words both quotes give: the whole quote where they are equal, else a fragment of one (of three
    words or more; fragments are joined by " ... ") found whole in the other, after folding case and
    punctuation. None when they share none."""
    fa, fb = _fold(qa), _fold(qb)
    if not fa or not fb:
        return None
    if fa == fb:
        return str(qa).strip()  # the same quote, however short ("Stop!")
    for frag in sorted((f for q in (qa, qb) for f in str(q).split("...")), key=len, reverse=True):
        f = _fold(frag)
        if len(f.split()) >= 3 and f" {f} " in f" {fa} " and f" {f} " in f" {fb} ":
            return frag.strip()
    return None


def _same_length(ra: Mapping[str, Any], rb: Mapping[str, Any]) -> bool:
    return bool(ra.get("duration_minutes")) and ra.get("duration_minutes") == rb.get("duration_minutes")


def _codes(names: Any) -> set[str]:
    """The country codes ("RU", "BY") among a list of names; a pronoun read as a target ("it") is none."""
    return {x for x in names or [] if isinstance(x, str) and len(x) == 2 and x.isupper()}


def _names_compatible(a: Sequence[str], b: Sequence[str]) -> tuple[bool, int]:
    """Whether one list of names lies inside the other (both given), and how many they share."""
    sa, sb = {_fold(x) for x in a}, {_fold(x) for x in b}
    if not sa or not sb:
        return True, 0
    shared = len(sa & sb)
    return (sa <= sb or sb <= sa), shared


def compare(a: EventView, b: EventView) -> _Verdict:
    """Veto, or score and reasons, of two events of different documents being one event.

    A veto of two air attacks on their countries alone is *soft* (nothing else keeps them apart):
    :class:`Clusterer` lifts it where one of them is a copy that misread the country of its group."""
    if a.doc == b.doc:
        return _SIBLING if _siblings(a, b) else _VETO
    return _judged(a, b)


_SIBLING = _Verdict(2 * THRESHOLD, ("one report's strike, told with its place and without",))


def _siblings(a: EventView, b: EventView) -> bool:
    """Two events of one document, one naming no place below the country and giving no tally, the
    other a region or a city, with an equal toll, that the document tells as one (:func:`told_twice`):
    the vague reading is the placed one's ("nine killed" in a Kyiv report, read once with Kyiv and
    once without), and joins no other strike. See :meth:`Clusterer.edges` for a vague reading with
    two such partners."""
    if a.type not in _VIOLENT or a.type != b.type:
        return False
    vague, placed = (a, b) if a.level < b.level else (b, a)
    if vague.level > 1 or placed.level < 2 or vague.figures or not _same_toll(a, b):
        return False
    return told_twice(a, b)


def told_twice(a: EventView, b: EventView) -> bool:
    """Two events of one document that it tells as one (the same strike read from two sentences):
    they agree as an edge between two documents would."""
    v = _judged(a, b)
    return not v.veto and v.score >= THRESHOLD


def _judged(a: EventView, b: EventView) -> _Verdict:
    v = _compare(a, b, False)
    if v is _COUNTRIES:
        return _COUNTRIES if not _compare(a, b, True).veto else _VETO
    return v


def _compare(a: EventView, b: EventView, waive_countries: bool) -> _Verdict:
    if a.type != b.type:
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
            score += 1.0 if a.dated and b.dated else 0.75
            reasons.append(f"same day ({a.key.isoformat()})")
        else:
            # The later one told on its document's own day, or undated in it: yesterday's event told
            # today is the usual case ("near"); else two dates that disagree ("gap").
            later = a if a.key > b.key else b
            date_kind = "near" if (not later.dated or later.key == later.ref) else "gap"
            score += 0.5 if date_kind == "near" else 0.0
            reasons.append(f"dates a day apart ({min(a.key, b.key).isoformat()}, {max(a.key, b.key).isoformat()})")
    t = a.type
    ra, rb = a.raw, b.raw
    same_figs: list[tuple[str, str, int]] = []
    differ = 0
    if t == "aerial_attack":
        same_figs, differ = _figures(a, b)
    # -- place and attacker. Two countries, or two attackers, are two events (the Russian wave on
    # Ukraine and the Ukrainian drones over Russia of one night), unless the two reports give the
    # same tallies (none differing) within the day: then one misread the country or the side.
    place = _place(a, b)
    countries = (a.loc or {}).get("country"), (b.loc or {}).get("country")
    misread = (t == "aerial_attack" and date_kind != "floating" and not differ and _strong(same_figs)
               and (place is not None or countries[0] != countries[1]))  # two cities of one country stay two
    attackers = ra.get("attacker"), rb.get("attacker")
    across = t == "aerial_attack" and bool(countries[0] and countries[1] and countries[0] != countries[1])
    if t in _VIOLENT and attackers[0] and attackers[1] and attackers[0] != attackers[1] and not misread:
        if min(a.level, b.level) >= 2:
            score -= 0.5  # in one place, extraction mistakes the side (a claim of enemy losses)
        elif not across:
            return _VETO  # no shared place to say the side was misread: the two sides' attacks
        elif not waive_countries:
            return _COUNTRIES  # the side and the country both: a copy may have misread the two
    if place is None:
        if misread:
            place = (0.0, "countries told differently, the same tallies")
        elif across:
            if not waive_countries:
                return _COUNTRIES
            place = (0.0, None)
        else:
            return _VETO
    elif place[0] == 0.5 and t == "aerial_attack" and attackers[0] and attackers[0] == attackers[1] \
            and any(v.level <= 1 and v.bare for v in (a, b)) and max(a.level, b.level) == 2:
        # A report naming no place below the country and giving no figure, beside one of a region
        # (not a city: a city's strike is an event of its own) by the same side: the vague one tells
        # the same night's attack on the regions.
        place = (1.0, None)
    if a.type in _VIOLENT or a.type == "territory_change" or (a.level == 3 and b.level == 3):
        score += place[0]
    if place[1]:
        reasons.append(place[1])
    if t in _VIOLENT:
        if t == "aerial_attack":
            if a.groups and b.groups and not (a.groups & b.groups):
                return _VETO
            if a.wave != b.wave and min(a.level, b.level) <= 1 and max(a.level, b.level) >= 2:
                local, wave = (a, b) if a.level >= 2 else (b, a)
                if not same_figs and (local.figures or _toll(local)):
                    return _VETO  # the country-wide wave and a local strike with its own figures: apart
                if same_figs and local.level == 3 and _toll(local) and not _same_toll(local, wave):
                    # A city's own toll beside the nation's tallies: the report tells the city's strike
                    # and repeats the wave's figures ("the air force said Russia fired 440 drones").
                    return _VETO
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
        if date_kind == "near" and a.level == 3 and b.level == 3 and _toll_rises(a, b):
            # Tolls rise as bodies are found: yesterday's strike told today with a higher toll.
            evidence += 0.5
            reasons.append(f"toll rising: {_toll_say(a, b)}")
        elif date_kind == "near" and a.level == 3 and b.level == 3 and place[0] >= 2.0:
            later = a if a.key > b.key else b  # type: ignore[operator]
            if not later.dated and later.bare and not (a.bare and b.bare):
                # Undated, with nothing of its own, in the next day's report: the aftermath of the
                # strike told the day before (a new strike comes with its own day or toll).
                evidence += 0.5
                reasons.append("told the day after, nothing new")
            else:
                earlier = b if later is a else a
                if _told_live(earlier) and not later.bare:
                    # Told live on the evening it began, with nothing yet but the attack ("Kyiv under
                    # attack tonight"), beside the next day's toll or tally: the night's one attack.
                    evidence += 0.5
                    reasons.append("told the evening it began")
        elif date_kind == "near" and t == "aerial_attack" and {a.level, b.level} == {1, 3}:
            earlier, later = (a, b) if a.key < b.key else (b, a)  # type: ignore[operator]
            if earlier.level == 3 and _told_live(earlier) and later.wave and earlier.groups \
                    and earlier.groups <= {g for g, _ in later.figures}:
                # The same, beside the next morning's national tally counting every weapon it names:
                # the city told live ("explosions in Kyiv as Russia launches drones and missiles")
                # was under the night's wave.
                evidence += 1.0
                reasons.append("told the evening it began, its weapons in the night's national tally")
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
        if ca and cb and not ca & cb:
            if date_kind != "same":
                return _VETO  # the stages of one swap come on consecutive days, each its own count
            # The same sides on one day: each side counts its own (189 Ukrainians home, 150 handed
            # over in Moscow's statement), a conflict of one exchange.
        elif ca and cb:
            evidence += 2.0
            reasons.append("same numbers released: " + ", ".join(str(c) for c in sorted(ca & cb)))
        if ok and shared >= 2:
            # The same two sides on one day: exchanges come days apart, their stages too.
            score += 1.0
            reasons.append("same sides: " + ", ".join(sorted(set(ra["parties"]) & set(rb["parties"]))))
        elif shared:
            score += 0.5
    elif t == "aid_pledge":
        for f in ("donor", "recipient", "aid_kind"):
            if ra.get(f) and rb.get(f) and ra[f] != rb[f]:
                return _VETO
        amounts = _amounts(ra, rb)
        if amounts:
            ua, ub, unit, slack = amounts
            if abs(ua - ub) > slack * max(ua, ub):
                return _VETO
            evidence += 2.0
            reasons.append(f"same amount: {ua:,.0f} {unit}")
        if ra.get("donor") and ra.get("donor") == rb.get("donor"):
            # One donor to one recipient on one day is one package unless the amounts differ.
            score += 1.0 if ra.get("recipient") and ra.get("recipient") == rb.get("recipient") else 0.5
        if set(ra.get("items") or []) & set(rb.get("items") or []):
            score += 0.5
    elif t == "sanctions":
        ok, shared = _names_compatible(ra.get("imposer") or [], rb.get("imposer") or [])
        if ra.get("imposer") and rb.get("imposer") and not shared:
            return _VETO
        ta, tb = {_fold(x) for x in ra.get("target") or []}, {_fold(x) for x in rb.get("target") or []}
        if ta & tb:
            evidence += 1.0 + min(1.0, 0.5 * len(ta & tb))
            reasons.append("same targets")
        elif _codes(ra.get("target")) and _codes(rb.get("target")):
            return _VETO  # sanctions on two different countries; targets told in words may still agree
        if ok and shared:
            # One imposer's package of one day: packages of one imposer come weeks apart.
            score += 1.0
            reasons.append("same imposer: " + ", ".join(sorted(set(ra["imposer"]) & set(rb["imposer"]))))
    elif t == "diplomatic_contact":
        ma, mb = ra.get("mode"), rb.get("mode")
        if ma and mb and ma not in _EITHER_MODES and mb not in _EITHER_MODES \
                and (ma in _CALL_MODES) != (mb in _CALL_MODES):
            return _VETO  # a call is not a meeting; "talks" may be either
        ok, shared = _names_compatible(ra.get("participants") or [], rb.get("participants") or [])
        if not ok:
            return _VETO
        if ma in _CALL_MODES and mb in _CALL_MODES and shared >= 2 and not _same_length(ra, rb) \
                and len({_fold(x) for x in ra.get("participants") or []}) \
                != len({_fold(x) for x in rb.get("participants") or []}):
            # Two leaders on the phone and three: a leader calls one, then the other ("Scholz spoke with
            # Zelenskyy before the call" with Putin); only the call's length says it is one call.
            return _VETO
        if shared:
            evidence += 1.0 if shared >= 2 else 0.5
            reasons.append("same participants: " + ", ".join(sorted(
                set(ra.get("participants") or []) & set(rb.get("participants") or []))))
        if shared >= 2 and ma and ma == mb:
            score += 0.5  # the same leaders in the same kind of contact: told a day later, still one
            reasons.append(f"both a {ma}")
        if ra.get("mediator") and rb.get("mediator") and _fold(ra["mediator"]) != _fold(rb["mediator"]):
            return _VETO
        if ra.get("duration_minutes") and ra.get("duration_minutes") == rb.get("duration_minutes"):
            evidence += 1.0
            reasons.append(f"same length: {ra['duration_minutes']} minutes")
    elif t == "statement":
        if _fold(ra.get("speaker")) != _fold(rb.get("speaker")) or not ra.get("speaker"):
            return _VETO
        quoted = _shared_quote(ra.get("quote"), rb.get("quote"))
        if ra.get("stance") != rb.get("stance") and not quoted:
            # Two stances are two statements, unless both report the same words: the stance is each
            # report's reading of them ("another large-scale provocation": an accusation, an assessment).
            return _VETO
        if quoted:
            evidence += 2.0
            reasons.append(f"same words quoted from {ra['speaker']}: \"{quoted}\"")
        else:
            j = _jaccard(_words(ra.get("topic")), _words(rb.get("topic")))
            if j >= 0.5:
                evidence += 2.0 * j
                reasons.append(f"{ra['speaker']} on the same topic")
    elif t == "agreement":
        ok, shared = _names_compatible(ra.get("parties") or [], rb.get("parties") or [])
        if not ok:
            return _VETO
        # One visit brings several agreements between the same two parties (a loan, a security
        # pact, a deal on arms): the parties alone do not make two reports one; the topic must.
        evidence += 0.25 * min(shared, 2)
        j = _jaccard(_words(ra.get("topic")), _words(rb.get("topic")))
        evidence += 1.5 * j
    # -- a city's strike and a report of the whole country (or of no place) giving no figure and no
    # toll (the attacker's "massive strike, all targets hit") are one event only on an equal figure:
    # such a claim is the nationwide wave's, not the city's. A claim with a toll of its own ("more
    # than 60 servicemen killed") is about one strike, the city's.
    if t in _VIOLENT and date_kind != "floating" and max(a.level, b.level) == 3 and evidence < 0.5 \
            and any(v.level <= 1 and v.bare for v in (a, b)):
        return _Verdict(0.0, ())
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
    if date_kind in ("gap", "near"):
        if differ:
            return _VETO
        if evidence < (1.0 if date_kind == "gap" else 0.5):
            return _Verdict(0.0, ())
    return _Verdict(score + evidence, tuple(reasons), misread=misread and countries[0] != countries[1])


# ------------------------------------------------------------------------------------------------
# Clustering.


def candidates(views: Sequence[EventView]) -> list[tuple[int, int]]:
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


class Clusterer:
    """Order-free constrained single link over the edges of one set of events of one type."""

    def __init__(self, views: Sequence[EventView]) -> None:
        self.views = views
        self.cache: dict[tuple[int, int], _Verdict] = {}
        self.blocked: set[tuple[int, int]] = set()  # edges an ambiguity rule took away
        self.twice: dict[tuple[int, int], bool] = {}  # pairs of one document: told twice?

    def verdict(self, i: int, j: int) -> _Verdict:
        key = (i, j) if i < j else (j, i)
        got = self.cache.get(key)
        if got is None:
            a, b = self.views[key[0]], self.views[key[1]]
            if a.key is not None and b.key is not None and abs((a.key - b.key).days) > 1:
                got = _VETO
            else:
                got = compare(a, b)
            self.cache[key] = got
        return got

    def vetoed(self, i: int, j: int) -> bool:
        """A veto no group can lift (a soft one, on countries alone, is :meth:`explained` or not)."""
        v = self.verdict(i, j)
        return (v.veto and not v.soft) or ((i, j) if i < j else (j, i)) in self.blocked

    def one_per_document(self, mi: Sequence[int], mj: Sequence[int]) -> bool:
        """Whether two groups hold no two events of one document, but events that document tells
        twice (:func:`told_twice`): its two readings of one strike may not split the strike."""
        docs: dict[str, list[int]] = defaultdict(list)
        for x in mi:
            docs[self.views[x].doc].append(x)
        for y in mj:
            for x in docs.get(self.views[y].doc, ()):
                key = (x, y) if x < y else (y, x)
                got = self.twice.get(key)
                if got is None:
                    got = self.twice[key] = told_twice(self.views[key[0]], self.views[key[1]])
                if not got:
                    return False
        return True

    def _country(self, i: int) -> str | None:
        return (self.views[i].loc or {}).get("country")

    def explained(self, members: Sequence[int], soft: Sequence[tuple[int, int]]) -> bool:
        """Whether every soft veto between members of one would-be group is a misread copy's: of
        the two, one is the only member giving its country, and two members of the other's give
        its tallies (misread edges: two reports against one). A wire copy that put the Russian
        wave in Russia then no longer keeps the Russian ministry's report of that wave out of it,
        while the Ukrainian drones over Russia of that night stay out (the wave's copy is not
        alone in Russia then, and no tally ties those drones to the wave)."""
        counts: dict[str | None, int] = defaultdict(int)
        for m in members:
            counts[self._country(m)] += 1
        for x, y in soft:
            cx, cy = counts[self._country(x)], counts[self._country(y)]
            if min(cx, cy) != 1 or cx == cy:
                return False
            odd, usual = (x, y) if cx < cy else (y, x)
            country = self._country(usual)
            if sum(self.verdict(odd, m).misread for m in members if self._country(m) == country) < 2:
                return False
        return True

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
        # A document's reading with no place bound to two of its placed readings: bound to neither.
        for i, near in partners.items():
            twins = [j for j in near
                     if self.views[j].doc == self.views[i].doc and self.views[j].level > 1 >= self.views[i].level]
            if len(twins) > 1:
                for j in twins:
                    key = (min(i, j), max(i, j))
                    found.pop(key, None)
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
            if not self.one_per_document(mi, mj):
                continue
            if any(self.vetoed(x, y) for x in mi for y in mj if self.views[x].doc != self.views[y].doc):
                continue
            soft = [(x, y) for x in mi for y in mj if self.verdict(x, y).soft]
            if soft and not self.explained(mi + mj, soft):
                continue
            keep, gone = (ri, rj) if ri < rj else (rj, ri)
            parent[gone] = keep
            members[keep] = mi + mj
            merged = reasons[ri] + reasons[rj] + list(self.verdict(i, j).reasons)
            reasons[keep] = list(dict.fromkeys(merged))
            del members[gone], reasons[gone]
        return [(sorted(m, key=lambda x: self.views[x].id), reasons[r]) for r, m in members.items()]


def components(views: Sequence[EventView], pairs: Iterable[tuple[int, int]], clusterer: Clusterer) -> list[set[int]]:
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
