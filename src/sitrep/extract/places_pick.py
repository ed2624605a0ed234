"""Which of the places a sentence names is where its violent event happened.

The attacked place, not the launch area ("launched from the Orel area"), not the seat of
the official who reports it ("the governor of the Odesa region said"), not a capital
standing for its government ("Kyiv said", "Moscow's forces"), and not a landmark that only
gives a bearing ("south of Sochi"). Two or more regions make the event country-wide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.text import folded, lower_twin
from sitrep.model import Location, PlaceMention

if TYPE_CHECKING:
    from sitrep.extract import DocContext
    from sitrep.extract.text import Sentence


@dataclass(frozen=True, slots=True)
class PlacePick:
    """The location chosen for a mention; ``specific`` is False for a country-level location;
    ``broad`` marks a region above the oblasts ("Donbas"), which a more precise place may refine."""

    location: Location
    specific: bool
    start: int
    end: int
    broad: bool = False
    spread: bool = False  # country-level because the text names places in several regions
    parts: tuple[PlacePick, ...] = ()  # the cities of a spread ("fired missiles at Kyiv and Kharkiv")


_FROM_LIST = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:area|areas|direction|directions|region|regions|territory|side)\s*(?:of|:)\s+(?:the\s+)?)?"
                        r"(?P<gap>[^;.]{0,160})$", re.I)
_FROM_GAP_BREAK = re.compile(r"\b(?:launched|attacked|struck|hit|said|at|on|against|towards?|over|into|targeting|were|was|had"
                             r"|have|shot|destroyed|downed|reported|with|including|in\s+the\s+(?!direction))\b", re.I)
_CLAIMANT_BEFORE = re.compile(r"(?:governor|mayor|head|administration|authorities|officials?|chief|police|spokesperson|emergency\s+services?"
                              r"|prosecutor(?:'s|’s)?\s+office|council)\s+(?:of|in|for)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
_CLAIMANT_AFTER = re.compile(r"^\s*(?:['’]s\s+)?(?:regional\s+|oblast\s+|city\s+|military\s+|region\s+|local\s+)*(?:governor|mayor"
                             r"|administration|authorities|officials|head|police|prosecutor|council)\b", re.I)
_METONYM_AFTER = re.compile(r"^(?:['’]s\s+(?:air\s+force|military|forces|troops|army|government|leadership|allies|defen[cs]e"
                            r"|claims?|statements?|figures|account|version|officials|position|request|response)\b"
                            r"|\s+(?:said|says|claimed|claims|has\s+said|accused|rejected|denied|will|would|reported|confirmed|declared|announced"
                            r"|urged|demanded|insisted)\b)", re.I)
_BEARING = re.compile(r"\bacross\s+the\s+(?:river|border|street|bay|water|lake|reservoir)\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east"
                      r"|south-west)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|\b\d+\s*(?:km|kilometres|kilometers|miles)\s+"
                      r"(?:\([^)]*\)\s+)?(?:from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$|\bborder\s+with\s+$|\bborders?\s+$", re.I)
_TARGET_BEFORE = re.compile(r"(?:\bon|\bagainst|\bacross|\bover|\bin|\binto|\binside|\bthroughout|\btargeting|\bat|\bhit|\bstruck"
                            r"|\bhitting)\s+(?:the\s+)?(?:territory\s+of\s+)?"
                            r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$", re.I)


# Where people met or spoke is not where the violence was.
_NOT_TARGET_BEFORE = re.compile(r"\b(?:talks|meeting|met|meet|meets|summit|conference|negotiations|visit\w*|trip|speech|address"
                                r"|ceremony|forum|embassy|signed|signing|gathered|convened|spoke|speaking|hosted|held|arrived|flew"
                                r"|activity|activities|drills|exercises|build-?up|manoeuvres|maneuvers)"
                                r"\s+(?:[\w’'-]+\s+){0,5}?(?:in|at|to|near|around)\s+(?:the\s+)?$", re.I)
_NOT_TARGET_AFTER = re.compile(r"^\s+(?:Security\s+Conference|conference|summit|talks|format|process|agreements?|accords?"
                               r"|memorandum|declaration|meeting|forum|Palace|office|Convention|Stadium|Street|Avenue|Ave|Square"
                               r"|Park|Hospital|School|Boulevard|Prospekt|Lane|Embankment)\b", re.I)
# "pressure on Russia", "sanctions against Russia": a country as the object of policy, not of fire.
_ABSTRACT_BEFORE = re.compile(r"\b(?:pressure|sanctions|influence|peace|deal|talks|focus|dependence|reliance|views?|position|stance"
                              r"|impact|policy|trust|war|relations|embargo|tariffs?|ban)\s+(?:\w+\s+)?(?:on|against|with|in|over)\s+(?:the\s+)?$", re.I)
# "the Ukrainian capital": a place written without its name.
_CAPITAL = re.compile(r"\b(?:[Tt]he\s+(?P<a>Ukrainian|Russian)\s+capital|(?P<b>Ukraine|Russia)['’]s\s+capital"
                      r"|(?P<bare>[Tt]he\s+capital)(?!\s+(?:of|city\s+of)\b))\b")
# Where a person is named by the same word elsewhere ("General Igor Kirillov ... Kirillov's assistant"), that
# word is a surname, not the town of that name.
# A rank or title, then perhaps a given name: "Lieutenant General Igor Kirillov", "Mr Kirillov".
_GIVEN_NAME = (r"\b(?:General|Colonel|Major|Lieutenant|Captain|Admiral|Sergeant|Mr|Mrs|Ms|Dr|President|Minister|Governor|Mayor"
               r"|Commander|Chief)\.?\s+(?:[A-Z][a-z]+\s+){0,2}")
_TITLED = re.compile(_GIVEN_NAME + r"([A-Z][\w'’-]+)\b")
_PERSON_AFTER = re.compile(r"^(?:['’]s\s+(?:\w+\s+)?(?:assistant|aide|driver|bodyguard|wife|husband|son|daughter|family|deputy|lawyer"
                           r"|death|killing|murder|body|car|funeral|spokes\w+)"
                           r"|\s+(?:was|had\s+been|has\s+been)\s+(?:killed|shot|arrested|detained|born|appointed))\b", re.I)
_surname_cache: dict[int, tuple[str, frozenset[str]]] = {}


def _surnames(ctx: DocContext) -> frozenset[str]:
    """Settlement names the document also uses as a person's name (after a given name or a rank)."""
    hit = _surname_cache.get(id(ctx))
    if hit is not None and hit[0] is ctx.text:
        return hit[1]
    text = ctx.text
    titled = {m.group(1) for m in _TITLED.finditer(text)}
    names = frozenset(p.text for p in ctx.places if p.kind == "settlement" and (
        p.text in titled or _NAME_BEFORE.search(text[max(0, p.start - 30):p.start])
        or _PERSON_AFTER.match(text[p.end:p.end + 40])))
    _surname_cache.clear()
    _surname_cache[id(ctx)] = (text, names)
    return names


def _capital_of(ctx: DocContext) -> str:
    """The capital "the capital" means: Kyiv, unless the document's places are mostly Russian."""
    ru = sum(1 for p in ctx.places if p.country == "RU")
    ua = sum(1 for p in ctx.places if p.country == "UA")
    return "Moscow" if ru > 2 * ua else "Kyiv"
# Between two places, a new target phrase: each place has its own ("a refinery in A and a depot in B").
_OWN_TARGET = re.compile(r"\band\s+(?:an?|another|the)\s+(?:[\w-]+\s+){0,3}?(?:in|at|near|on)\b", re.I)
# Rivers that share a name with a city or region: "the Dnipro" (with its article) is the river.
_RIVER_NAMES = re.compile(r"(?:Dnipro|Dnieper|Don|Donets|Siverskyi\s+Donets|Desna|Oskil|Inhulets|Southern\s+Bug|Vorskla|Psel|Seym"
                          r"|Kalmius|Sula)$")
# "Kyiv came under attack", "Moscow was hit": the capital as the target, not its government.
_UNDER_FIRE_AFTER = re.compile(r"^\s+(?:(?:again|once\s+again|also)\s+)?(?:came|comes|coming)\s+under\b|^\s+(?:was|were|is|has\s+been|had\s+been)\s+"
                               r"(?:\w+ly\s+|again\s+)?(?:hit|attacked|targeted|struck|shelled|rocked|shaken|pounded|bombarded)\b"
                               r"|^\s+(?:suffered|endured|faced|woke\s+to)\b"
                               r"|^\s+(?:was|were|is|became|remained)\s+(?:again\s+|once\s+again\s+)?(?:the\s+)?(?:main|primary|principal|chief|key)\s+"
                               r"(?:target|focus)", re.I)
# "several districts of Kyiv": the city itself, not its government.
_PART_OF_CITY_BEFORE = re.compile(r"\b(?:districts?|neighbou?rhoods?|cent(?:re|er)|streets|residents"
                                  r"|residential\s+areas?)\s+of\s+(?:the\s+)?$", re.I)
# An earlier event the sentence measures its own against: "a day after", "two weeks after", "hours after".
_OTHER_EVENT_AFTER = re.compile(r",\s*(?:(?:barely|just|only|less\s+than|more\s+than)\s+)?(?:a|one|two|three|four|five|six|several|a\s+few|\d+)"
                                r"\s+(?:days?|nights?|weeks?|hours?|months?)\s+after\b", re.I)
# A ship named for a place ("the cruiser Moskva") is not the place.
_SHIP_BEFORE = re.compile(r"\b(?:warship|cruiser|flagship|ship|vessel|frigate|corvette|submarine|boat)\s+(?:the\s+)?$", re.I)


# A capitalised word right before, on the same line: a given name, unless it is a direction or a sentence opener.
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?!(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Northeastern"
                          r"|Northwestern|Southeastern|Southwestern|Greater|Upper|Lower|Old|New|Black|The|In|On|At|Near|From"
                          r"|Occupied|Russian|Ukrainian)\b)[A-Z][a-z]+[ \t]+$")  # on one line: a byline's last word is no given name


_FROM_WORD = re.compile(r"\bfrom\b", re.I)
_FROM_WORD_T = lower_twin(_FROM_WORD)
_LEFT_FROM = re.compile(r"\b(?:evacuat\w*|fle(?:e|d|eing|es)|escap\w*|rescu\w*|relocat\w*|displaced|return\w*)\s+(?:[\w’'-]+\s+){0,3}$",
                        re.I)


def _is_origin(text: str, s_start: int, p: PlaceMention, low: str | None) -> bool:
    """A launch area: the place ends a list that starts with "from" ("from Kursk, Millerovo and Chauda").
    ``low``: the text lower-cased (text.folded), or None."""
    a = max(s_start, p.start - 200)
    window = text[a:p.start]
    last = None
    for last in (_FROM_WORD.finditer(window) if low is None else _FROM_WORD_T.finditer(low[a:p.start])):
        pass
    if last is None:
        return False
    if _LEFT_FROM.search(window[:last.start()]):
        return False  # "a bus evacuating civilians from Bilopillia": where people left, not where weapons came from
    m = _FROM_LIST.match(window, last.start())
    return bool(m) and not _FROM_GAP_BREAK.search(m.group("gap"))


_DOWNED_OVER = re.compile(r"\b(?:(?:shot|brought)\s+down|downed|intercepted|destroyed|neutrali[sz]ed|(?:most|many|some|all|several)\s+of\s+them)"
                          r"\s+(?:\w+\s+){0,2}?(?:over|above)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?$", re.I)


_IN_REGION = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:in|of)\s+(?:the\s+)?(?:(?:Russian-|Russia-)?(?:occupied|annexed)\s+)?", re.I)
_CONSEQUENCE = re.compile(r",\s*(?:causing|leaving|cutting\s+(?:off\s+)?power|knocking\s+out\s+power|plunging)\b", re.I)


# A sentence that only comments on an event told before: who said what about "the strike".
_ONLY_CLAIM = re.compile(r"\b(?:said|says|called|described)\s+(?:that\s+)?(?:the|this|that)\s+(?:\w+\s+)?(?:strike|attack|shelling|blast)"
                         r"\s+(?:was|had\s+been|as)\b", re.I)


# The patterns read on the words before a place, with their twins for the lower-cased words (text.folded):
# the same matches, faster; pick_place tries them on every place of every sentence.
_TWINS = {id(rx): lower_twin(rx) for rx in (_TARGET_BEFORE, _NOT_TARGET_BEFORE, _ABSTRACT_BEFORE, _SHIP_BEFORE, _DOWNED_OVER,
                                          _CLAIMANT_BEFORE, _BEARING, _PART_OF_CITY_BEFORE)}


def _ends(rx: re.Pattern[str], before: str, low: str | None) -> bool:
    """Whether ``rx`` is found in ``before``, by its twin over ``low`` (``before`` lower-cased) where there is one."""
    return bool(rx.search(before) if low is None else _TWINS[id(rx)].search(low))


# Precompiled: tried on every place of every sentence.
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")
_SHIP_AFTER = re.compile(r"^\s+(?:warship|cruiser|flagship)\b", re.I)


def _folded_text(ctx: DocContext) -> str | None:
    """The document's text lower-cased (text.folded), once per document."""
    if "places_pick.folded" not in ctx.memo:
        ctx.memo["places_pick.folded"] = folded(ctx.text)
    return ctx.memo["places_pick.folded"]  # type: ignore[return-value]


def pick_place(ctx: DocContext, s: Sentence, *, launch_areas: bool = True, exclude: frozenset[int] = frozenset()) -> PlacePick | None:
    """The location of the event a sentence tells, or None where it names none.

    A settlement beats its region, a target beats a reporter's seat; places in two or more
    regions give the country they share. ``launch_areas``: leave out the places weapons were
    launched from (air strikes); troops advancing "from Kharkiv" are still fighting there.
    ``exclude``: start offsets of places already told of (a village taken in the same sentence).
    """
    text = ctx.text
    low = _folded_text(ctx)
    scored: list[tuple[float, PlaceMention]] = []
    countries: list[PlaceMention] = []
    found = [p for p in ctx.places_in(s.start, s.end) if p.start not in exclude]
    effect = _CONSEQUENCE.search(s.text)
    if effect is not None and any(p.start < s.start + effect.start() for p in found):
        # "struck the Kharkiv power plant, causing a blackout across the Kharkiv and Poltava regions": the outcome's reach
        found = [p for p in found if p.start < s.start + effect.start()]
    other = _OTHER_EVENT_AFTER.search(s.text)
    if other is not None:
        # "..., barely a day after a record attack on Lutsk": the places of the earlier event are not this one's
        found = [p for p in found if p.start < s.start + other.start()]
    starts = {p.start for p in found}
    for p in found:
        of = _OF_AFTER.match(text[p.end:p.end + 12])
        if of and p.end + of.end() in starts and p.kind != "admin1":
            continue  # "the Donbas city of Severodonetsk": the name after "of" is the place
        before = text[max(s.start, p.start - 60):p.start]
        lb = None if low is None else low[max(s.start, p.start - 60):p.start]  # ``before`` lower-cased, for the twins
        after = text[p.end:min(s.end, p.end + 40)]
        if _NOT_TARGET_AFTER.match(after) or (p.country not in ("UA", "RU") and not _ends(_TARGET_BEFORE, before, lb)):
            continue  # "the Munich Security Conference"; a foreign capital is seldom the target
        if (launch_areas and _is_origin(text, s.start, p, low)) or _ends(_NOT_TARGET_BEFORE, before, lb) \
                or _ends(_ABSTRACT_BEFORE, before, lb) or _ends(_SHIP_BEFORE, before, lb) \
                or _SHIP_AFTER.match(after):
            continue
        if p.country == "UA" and _ends(_DOWNED_OVER, before, lb):
            # "the missile was shot down over the Mykolaiv region": where Ukraine's air defence met it, not what it
            # struck (Russia's tallies "over the Kursk region" are the convention's events region by region)
            continue
        if p.text.isupper() and len(p.text) > 3 and re.match(r"^\s*(?:[,:(–—/-]|\s+\()", after):
            continue  # a dateline: "KYIV (Reuters) –"
        if _RIVER_NAMES.match(p.text) and (re.match(r"^\s+river\b", after, re.I) or (
                re.search(r"\b(?:over|across|along|crossing|crossed|bank\s+of|banks\s+of|of)\s+the\s+$", before, re.I)
                and re.match(r"^\s*(?:[,.;:)]|behind\b|and\b|in\b|near\b|to\b|into\b|$)", after))):
            continue  # "crossings over the Dnipro": the river, not the city
        if p.kind == "country":
            if _ends(_TARGET_BEFORE, before, lb) and not re.match(r"^['’]s\b", after) and not _ends(_ABSTRACT_BEFORE, before, lb):
                countries.append(p)
            continue
        if p.kind == "settlement" and (_NAME_BEFORE.search(before) or p.text in _surnames(ctx)) \
                and not re.match(r"^\s*(?:region|oblast|city|district)", after, re.I):
            continue  # a surname that is also a village: "Governor Viacheslav Chaus"
        if p.name in ("Kyiv", "Moscow") and (_METONYM_AFTER.match(after) or not (
                _ends(_TARGET_BEFORE, before, lb) or re.search(r"\bcapital(?:\s+city)?,?\s*$", before, re.I)
                or re.match(r"^\s*(?:residents|region|oblast|city|district)", after, re.I) or _UNDER_FIRE_AFTER.match(after)
                or _ends(_PART_OF_CITY_BEFORE, before, lb))):
            continue  # the capital standing for its government: "a snub to Moscow", "Kyiv said"
        score = {"settlement": 3.0, "facility": 3.0, "admin1": 2.0, "region": 1.5}.get(p.kind, 1.0)
        if _ends(_CLAIMANT_BEFORE, before, lb) or _CLAIMANT_AFTER.match(after):
            score -= 3
        if _ends(_BEARING, before, lb):
            score -= 3  # "south of Sochi": only a bearing; "near Avdiivka" is still Avdiivka
        scored.append((score, p))
    good = [(sc, p) for sc, p in scored if sc > 0]
    # "the Sevastopol shipyard in occupied Crimea": the region after a settlement says where that settlement lies
    own_region: dict[int, PlaceMention] = {}
    for _, a in good:
        for _, b in good:
            if a.kind == "settlement" and b.kind == "admin1" and a.country == b.country and b.start > a.end \
                    and _IN_REGION.fullmatch(text, a.end, b.start):
                own_region[a.start] = b
    if own_region:
        drop = {b.start for b in own_region.values()}
        good = [(sc, p) for sc, p in good if p.start not in drop]
        scored = [(sc, p) for sc, p in scored if p.start not in drop]
    admins = {p.admin1 or p.name for _, p in good if p.kind != "region"}  # "Donbas" spans oblasts
    if len(admins) >= 2:
        codes = {p.country for _, p in good if p.country}
        if len(codes) == 1:
            code = codes.pop()
            first = min(good, key=lambda x: x[1].start)[1]
            cities = [p for _, p in good if p.kind == "settlement"]
            parts = tuple(PlacePick(p.location(), True, p.start, p.end) for p in cities) \
                if 2 <= len(cities) <= 3 and len(cities) == len(good) else ()
            if not parts and 2 <= len(good) <= 3 and all(p.kind in ("settlement", "admin1") for _, p in good):
                # "an oil refinery in the Kaluga region and an oil depot in Bashkortostan": a target in each
                ordered = sorted((p for _, p in good), key=lambda p: p.start)
                if all(_OWN_TARGET.search(text, a.end, b.start) for a, b in zip(ordered, ordered[1:])):
                    parts = tuple(PlacePick(p.location(), True, p.start, p.end) for p in ordered)
            return PlacePick(Location(country=code, precision="country"), False, first.start, first.end, spread=True,
                             parts=parts)
    if scored:
        best = max(scored, key=lambda x: (x[0], -x[1].start))[1]
        region = own_region.get(best.start)
        if region is not None and region.admin1 and region.admin1 != best.admin1:
            loc = best.location()
            return PlacePick(Location(loc.name, region.admin1, loc.country, loc.lat, loc.lon, loc.precision), True, best.start, best.end)
        if not good and not countries and _ONLY_CLAIM.search(s.text):
            return None  # "the regional governor said the strike was deliberate": the seat of the speaker only
        if good or not countries:
            return PlacePick(best.location(), True, best.start, best.end, best.kind == "region")
    cap = _CAPITAL.search(text, s.start, s.end)
    if cap:
        from sitrep.normalize.places import resolve_place
        named = cap.group("a") or cap.group("b")
        city = resolve_place(_capital_of(ctx) if named is None else "Kyiv" if named.startswith("Ukrain") else "Moscow")
        if city is not None:
            loc = Location(city.name, city.admin1, city.country, city.lat, city.lon, "settlement")
            return PlacePick(loc, True, cap.start(), cap.end())
    if countries:
        c = countries[0]
        return PlacePick(Location(country=c.country, precision="country"), False, c.start, c.end)
    return None


__all__ = ["PlacePick", "pick_place"]
