"""Names the gazetteer does not hold, or holds only weakly: telling them from other words, and reporting them.

:mod:`sitrep.normalize.places` finds the names the gazetteer holds. What it asks when the gazetteer's
answer alone does not settle a name is here: whether a name it holds is meant as a place at this spot
(:func:`_plausible`: not a common word, a person, a title, an outlet's name), the surnames a text gives
people (:func:`_person_names`), a misspelt town (:func:`_fuzzy`), a village the gazetteer lacks but the
text places in a division (:func:`_unknown_placed`), and the report of place-like names left unresolved
(:func:`_report_unknown`, :func:`_report_small`, :class:`UnresolvedPlace`). Kept apart so that
places.py reads as the scan and the resolution.

This module sits below places.py: the word lists these readers test names against (stop words, given
names, surnames, titles...), the raw name record (:class:`_Raw`) and the few token helpers that both
modules use are defined here, and nothing here imports places.py.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitrep.normalize.countries import country_code
from sitrep.normalize.gazetteer import Gazetteer, fold, skeleton

# The rest is private to sitrep.normalize: places.py imports by name the helpers it shares with this module.
__all__ = ["UnresolvedPlace"]


@dataclass(frozen=True, slots=True)
class UnresolvedPlace:
    """A name the text presents as a place that the finder did not resolve, and why.

    ``reason`` is "not in the gazetteer", "ambiguous: N candidates, no context" or
    "too small to accept without context". ``start``/``end`` are offsets into the text.
    """

    start: int
    end: int
    text: str
    reason: str


class _Raw:
    """A name found in the text before it is resolved."""

    __slots__ = ("start", "end", "surface", "cands", "admin", "rule", "local_admin", "admin_row")

    def __init__(self, start: int, end: int, surface: str, cands: list[tuple[int, bool]], admin: bool, rule: str):
        self.start, self.end, self.surface, self.cands, self.admin, self.rule = start, end, surface, cands, admin, rule
        self.local_admin: str | None = None  # the admin1 named right after it ("X, Donetsk Oblast")
        self.admin_row: int | None = None  # that admin1's gazetteer row


_POSSESSIVE = re.compile(r"['’ʼ`]s$")
# What may stand between two words of one name.
_JOINERS = {" ", "-", "–", " - ", ". ", "."}
_ADMIN_SUFFIX = {"oblast", "region", "province", "krai", "kray", "oblasts", "regions", "provinces",
                 "republic", "governorate", "territory"}
_SETTLEMENT_SUFFIX = {"city", "town", "village", "district", "raion", "hromada", "settlement", "municipality"}

# Capitalised words that are village names somewhere but, in English reporting, mean something else.
_STOP = set("""
a an the and or of in on at to for from by with as is it its this that these those he she they we you i
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december spring summer autumn winter
president minister mayor governor general colonel major captain sergeant commander chief head deputy
prime secretary senator chancellor ambassador spokesman spokeswoman spokesperson mr mrs ms dr sir lord
army navy air force forces military ministry defense defence security service council office government
state union parliament congress senate court police guard command staff center centre central north
south east west northern southern eastern western upper lower new old great little big first second
victory peace bridge most mir pobeda progress freedom liberty independence hero glory hope unity
national international united republic federation kingdom people popular red black white green blue
sea river lake island mountain port bay cape gulf strait
news times post press reuters tass interfax ukrinform report reports reported media
telegram twitter facebook youtube x
russian ukrainian american european nato eu un
christmas easter orthodox catholic saint st azov moskva pravda dnieper nordic baltic
oblast region province district raion city town village community
""".split())
# Given names: a place name right before or after one of these is part of a person's name.
_GIVEN = set("""
vladimir volodymyr oleksandr alexander aleksandr alexandr sergei sergey serhiy serhii dmitry dmitri dmytro
mykola nikolai nikolay ivan andriy andrii andrei andrey yuri yuriy yurii oleg oleh mikhail mykhailo
pavlo pavel petro pyotr peter igor ihor viktor victor vitali vitaliy vitalii valery valeriy yevgeny
yevhen evgeny denys denis kirill kyrylo roman ruslan rustem maxim maksym anton artem artyom boris
leonid vasyl vasily vadim vadym gennady hennadiy konstantin kostiantyn stanislav anatoly anatoliy
olena elena yulia yuliia iryna irina natalia nataliya olga olha tetiana tatiana svetlana svitlana
maria mariia anna oksana ludmila lyudmila liudmyla galina halyna vera nadia nadiya sofia lesia
donald joe joseph kamala mike michael john james robert david richard thomas william jake marco
antony tony lloyd pete keith steve steven mark jens emmanuel olaf boris rishi keir ursula kaja
recep viktor andrzej giorgia friedrich mohammed muhammad xi kim narendra ali sergio luiz
jack peter paul martin george charles henry edward francis lawrence eugene norman
""".split())
# Surnames war reporting uses alone, which GeoNames also lists as villages.
_SURNAMES = set("""
putin zelensky zelenskyy zelenskiy trump biden shoigu lavrov peskov medvedev klitschko syrskyi
zaluzhnyi budanov erdogan macron scholz stoltenberg rutte orban witkoff kellogg rubio hegseth vance
umerov yermak sybiha kuleba shmyhal lukashenko prigozhin kadyrov gerasimov belousov nebenzya
zakharova kuzmin kotov tymoshenko poroshenko yanukovych pushilin saldo balitsky pasechnik
""".split())
# Words that make the name before them part of an outlet's or an organisation's name.
_NOT_A_PLACE_AFTER = {"independent", "post", "times", "journal", "herald", "daily", "news", "based",
                      "backed", "appointed", "installed", "controlled", "held", "led", "dynamo", "shakhtar",
                      "river", "reservoir", "warship", "cruiser", "battalion", "regiment", "brigade",
                      # Buildings and formats named after a place: "Lancaster House", "Normandy format".
                      "house", "palace", "hall", "hotel", "castle", "club", "college", "institute", "academy",
                      "accords", "protocol", "format"}
# Capitalised words that may follow a place's name in the name of a part of it ("Kherson Airport").
_PLACE_PARTS = {"airport", "airbase", "airfield", "base", "station", "railway", "port", "bridge", "dam", "plant",
                "mall", "market", "hospital", "school", "stadium", "street", "avenue", "highway", "road",
                "direction", "front", "axis", "sector", "cathedral", "church", "university", "square",
                "refinery", "depot", "terminal", "harbour", "harbor", "bay", "district", "raion", "hromada",
                "community", "checkpoint", "crossing", "park", "factory", "works", "tower"}
_ADJECTIVE_COMPOUND = re.compile(r"-(?:based|backed|born|led|installed|appointed|friendly|leaning|bound)\b", re.I)
_ADJECTIVE = re.compile(r"(?:skyi|skyy|skiy|sky|tskyi|zkyi|ska|ske)$")
# Words before a name that make it a ship's or a unit's name.
_NOT_A_PLACE_BEFORE = {"warship", "cruiser", "flagship", "ship", "vessel", "frigate", "submarine", "corvette"}
_TITLES = {"president", "minister", "mr", "mrs", "ms", "dr", "gen", "general", "colonel", "col",
           "governor", "mayor", "senator", "chancellor", "secretary", "ambassador", "spokesman",
           "premier", "king", "queen", "prince", "pope", "lt", "sgt", "capt", "maj", "adm", "admiral"}

# Words before a name that make it a place: "in X", "near X", "the village of X".
_LOCATIVE = re.compile(r"\b(?:in|near|outside|at|from|to|around|towards?|into|through|across|"
                       r"(?:villages?|towns?|city|cities|settlements?|outskirts|suburbs?|centre|center|(?:north|south|east|west)\w*"
                       r"|shelling|bombardment|bombing|attacks?|strikes?|capture|liberation|occupation|defen[cs]e"
                       r"|battle|fighting|residents|mayor|head|evacuation|encirclement) of)"
                       r"\s+(?:the\s+)?$", re.I)


# Word endings of English words rather than of Ukrainian or Russian place names.
_ENGLISH_ENDING = re.compile(r"(?:ing|tion|ment|ness|ed|ly|ers|ism|ist|ian|ians|ese|ity|ous|ful|less|able)$")


# Asked for most capitalised words of every text, and pure on the word: kept per word.
@functools.lru_cache(maxsize=1 << 15)
def _common_key(key: str) -> bool:
    """Whether a folded word is never read as an unknown or misspelt place's name: a stop word, a given
    name or a surname, an English word by its ending, or not one plain word (digits, several words)."""
    return (" " in key or key in _STOP or key in _GIVEN or key in _SURNAMES
            or _ENGLISH_ENDING.search(key) is not None or not key.isalpha())


_NOT_IN_GAZETTEER = "not in the gazetteer"
# Words before a name that present it as a place, for reporting a name the gazetteer lacks. Narrower than
# _LOCATIVE ("at", "from", "to" also lead in people, outlets and dates): a report should name places only.
_REPORT_LEAD_IN = re.compile(
    r"(?:\b(?:in|near|outside|around|close to|not far from)"
    r"|\b(?:villages?|towns?|city|settlements?|hamlet|outskirts|suburbs?|(?:north|south|east|west)\w*) of)\s+$",
    re.I)
# A division word right after a name: "Foo Oblast", "the Foo region".
_REPORT_REGION_AFTER = re.compile(r"\s+(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Kk]rai)\b")
# Verbs of war reporting that take a place as object: a small village after one is worth a report
# even though the finder does not accept it on that evidence alone.
_REPORT_VERB_BEFORE = re.compile(
    r"\b(?:captured?|took|seized?|liberated?|retook|recaptured?|entered|shelled|struck|hit|attacked|stormed"
    r"|bombed|pounded|advanced on|past)\s+$", re.I)
_LEAD_IN_LAST = {"in", "near", "outside", "around", "to", "from", "of"}  # last words of _REPORT_LEAD_IN
_REGION_HINT = re.compile(r"(?i)oblast|region|province|krai")
_REGION_WORDS = ("oblast", "region", "province", "krai")


def _region_hint(text: str, at: int) -> bool:
    """Whether a division word ("Oblast", "region") comes within 40 characters after ``at``.

    Asked for most capitalised words a text has: ASCII text (nearly all) is lower-cased and looked up
    by substring (C speed, the same answer); other text goes to the case-blind pattern.
    """
    window = text[at:at + 40]
    if window.isascii():
        low = window.lower()
        return any(w in low for w in _REGION_WORDS)
    return _REGION_HINT.search(window) is not None


def _adjective_compound(text: str, at: int) -> bool:
    """Whether ``-based``, ``-backed``... follows at ``at`` ("Kyiv-based"); the hyphen tested first."""
    return text.startswith("-", at) and _ADJECTIVE_COMPOUND.match(text, at) is not None
_NAME_JOINERS = (" ", "-")
# Words after a name that make it the name of a building, a street or a facility.
_FEATURES = (_PLACE_PARTS - {"district", "raion", "hromada", "community"}) | {"st", "facility", "facilities", "lane"} \
    | {"vehicle", "vehicles", "tank", "tanks", "jet", "jets", "missile", "missiles", "system", "systems", "drone",
       "drones", "rocket", "rockets", "launchers", "helicopters"}  # "in Bradley vehicles": a weapon's name
# Unions the per-name tests ask about, made once rather than on every call.
_NOT_A_PLACE_OR_FEATURE = frozenset(_NOT_A_PLACE_AFTER | _FEATURES)
_GIVEN_OR_NOT_A_PLACE_BEFORE = frozenset(_GIVEN | _NOT_A_PLACE_BEFORE)
_STOP_OR_SETTLEMENT_SUFFIX = frozenset(_STOP | _SETTLEMENT_SUFFIX)
# Words before "in" that make the name after it a publication's: "writing in Foreign Affairs".
_PUBLISHED_IN = re.compile(r"\b(?:writing|wrote|written|published|report|reported|article|column|interview|op-ed"
                           r"|essay|piece|quoted|cited|editorial|told|posted|podcast|broadcast)\s+in\s+$", re.I)


def _common_word(text: str, key: str) -> bool:
    """Whether the text also writes the word in lower case ("in Conflict Studies" ... "the conflict"):
    a common word, then, not a place's name (run only for names about to be reported)."""
    return re.search(rf"(?<![\w'’-]){re.escape(key)}(?![\w'’-])", text) is not None


def _reportable(key: str, surface: str) -> bool:
    """Whether a word may be reported as an unknown place: not a common word, a person, a title,
    an acronym or a demonym ("in French", "in NATO", "in Zelensky's")."""
    return not (len(key) < 3 or _common_key(key) or key in _TITLES or key in _ADMIN_SUFFIX
                or (surface.isupper() and len(surface) <= 5) or country_code(surface) is not None)


def _report_unknown(g: Gazetteer, text: str, toks: list[tuple[int, int]], i: int, fk,
                    report: list[UnresolvedPlace]) -> None:
    """Report the capitalised name at token ``i`` (and the capitalised words joined to it) as missing from
    the gazetteer, where a lead-in or a division word after it presents it as a place."""
    key, poss = fk(i)
    s0, e0 = toks[i]
    # The common case settled first, by a set lookup and one short search: a capitalised word that
    # neither a lead-in word nor a division word near it presents as a place.
    lead_in = i > 0 and text[toks[i - 1][0]:toks[i - 1][1]].lower() in _LEAD_IN_LAST \
        and _REPORT_LEAD_IN.search(text, max(0, s0 - 30), s0) is not None
    if not lead_in and not _region_hint(text, e0):
        return
    if not _reportable(key, text[s0:e0 - 2] if poss else text[s0:e0]):
        return
    j = i
    # "near Velyki Zarichky": the name goes on over capitalised words (three at most), not into "Oblast".
    while not poss and j + 1 < len(toks) and j - i < 2 and text[toks[j][1]:toks[j + 1][0]] in _NAME_JOINERS:
        w = text[toks[j + 1][0]:toks[j + 1][1]]
        k2, p2 = fk(j + 1)
        if not w[0].isupper() or k2 in _STOP or k2 in _ADMIN_SUFFIX or k2 in _PLACE_PARTS:
            break
        j += 1
        poss = p2
    end = toks[j][1] - 2 if poss else toks[j][1]
    nxt = _next_word(text, toks, j)
    if nxt is not None and nxt[2].lower() in _NOT_A_PLACE_OR_FEATURE or _adjective_compound(text, toks[j][1]):
        return  # "near Ilyich plant", "on Heroiv Pratsi St": a building or a street, not a settlement
    if not (lead_in or not poss and _REPORT_REGION_AFTER.match(text, end)) or _common_word(text, key) \
            or _PUBLISHED_IN.search(text, max(0, s0 - 30), s0):
        return
    report.append(UnresolvedPlace(s0, end, text[s0:end], _NOT_IN_GAZETTEER))


def _report_small(g: Gazetteer, text: str, toks: list[tuple[int, int]], i: int,
                  small: tuple[int, str, tuple[tuple[int, bool], ...]], fk, report: list[UnresolvedPlace]) -> None:
    """Report a name that only small villages bear, rejected for want of context ("troops took Xivka"),
    where a verb of war reporting before it presents it as a place."""
    j, key, cands = small
    s0 = toks[i][0]
    _, poss = fk(j)
    end = toks[j][1] - 2 if poss else toks[j][1]
    if not _reportable(key.replace(" ", ""), text[s0:end]) or not _REPORT_VERB_BEFORE.search(
            text, max(0, s0 - 20), s0):
        return
    n = len({g.places[c].id for c, _ in cands})
    reason = f"ambiguous: {n} candidates, no context" if n > 1 else "too small to accept without context"
    report.append(UnresolvedPlace(s0, end, text[s0:end], reason))


def _person_names(text: str, toks: list[tuple[int, int]], starts: list[int], fk) -> frozenset[str]:
    """Folded surnames that the text writes after a first name or a title ("Igor Kirillov",
    "governor Vyacheslav Chaus", "General Kirillov"): the same word alone later names the person too."""
    out: set[str] = set()
    for i in starts:
        if i == 0 or text[toks[i - 1][1]:toks[i][0]] not in (" ", ". "):
            continue
        prev = text[toks[i - 1][0]:toks[i - 1][1]].lower()
        if prev in _GIVEN and text[toks[i - 1][0]].isupper() or prev in _TITLES:
            key, _ = fk(i)
            if key not in _GIVEN and key not in _TITLES:
                out.add(key)
    return frozenset(out)


def _fuzzy(g: Gazetteer, text: str, toks: list[tuple[int, int]], i: int, folded: tuple[str, bool],
           after_place: bool, report: list[UnresolvedPlace] | None = None) -> _Raw | None:
    """A misspelt town after "in"/"near" or in a list of places ("in Popsana", "Rubizhne and Severdonetsk").

    Only a town of 5,000 people or more within one or two edits (a swap counts as one) is taken,
    and only where no other town is as close.
    """
    key, poss = folded
    if len(key) < 6 or _common_key(key):
        return None
    s0 = toks[i][0]
    if not after_place and not _LOCATIVE.search(text, max(0, s0 - 40), s0):
        return None
    nxt = _next_word(text, toks, i)
    if nxt is not None and nxt[2].lower() in _NOT_A_PLACE_AFTER:
        return None
    near = [(_edits(key, k), i) for k, i in g.skeletons.get(skeleton(key), ())]
    near = [(d, i) for d, i in near if d <= (1 if len(key) < 8 else 2)]
    if not near:
        return None
    best = min(d for d, _ in near)
    rows = {i for d, i in near if d == best}
    end = toks[i][1] - 2 if poss else toks[i][1]
    towns = len({g.places[i].geonameid or g.places[i].id for i in rows})
    if towns != 1:
        if report is not None and text[end:end + 1] != "-":  # two towns equally close: no guess, but said
            report.append(UnresolvedPlace(s0, end, text[s0:end], f"ambiguous: {towns} candidates, no context"))
        return None
    return _Raw(s0, end, text[s0:end], [(min(rows), True)], False, "gazetteer:fuzzy")


def _edits(a: str, b: str) -> int:
    """Edit distance counting a swap of two letters as one edit ("Popsana" ~ "Popasna"); short names only."""
    d = [[x + y if x * y == 0 else 0 for y in range(len(b) + 1)] for x in range(len(a) + 1)]
    for x in range(1, len(a) + 1):
        for y in range(1, len(b) + 1):
            d[x][y] = min(d[x - 1][y] + 1, d[x][y - 1] + 1, d[x - 1][y - 1] + (a[x - 1] != b[y - 1]))
            if x > 1 and y > 1 and a[x - 1] == b[y - 2] and a[x - 2] == b[y - 1]:
                d[x][y] = min(d[x][y], d[x - 2][y - 2] + 1)
    return d[-1][-1]


_UNKNOWN_PLACED = re.compile(r"(?:,\s*|\s+(?:village\s+)?in\s+|,\s+in\s+)(?:the\s+)?"
                             r"(?:(?:Russia|Ukraine|Belarus)['’]s\s+(?:\w+ern\s+)?)?([A-Z][\w'’-]+)\s+"
                             r"(?:Oblast|oblast|[Rr]egion|[Pp]rovince|[Kk]rai)\b")


def _unknown_placed(g: Gazetteer, text: str, toks: list[tuple[int, int]], i: int,
                    folded: tuple[str, bool]) -> _Raw | None:
    """A name the gazetteer lacks, placed by the division after it: "past Brusino, Donetsk Oblast".

    Kept (without coordinates) only where a word such as "in"/"near" comes before it.
    """
    key, poss = folded
    if poss or len(key) < 5 or _common_key(key):
        return None
    s0, e0 = toks[i]
    m = _UNKNOWN_PLACED.match(text, e0)
    if not m or fold(m.group(1)) not in g.stems:
        return None
    if not re.search(r"\b(?:in|near|outside|at|from|to|around|towards?|into|past|of|by)\s+(?:the\s+)?$",
                     text[max(0, s0 - 30):s0], re.I):
        return None
    return _Raw(s0, e0, text[s0:e0], [], False, "gazetteer")


def _next_word(text: str, toks: list[tuple[int, int]], j: int) -> tuple[int, int, str, int] | None:
    """The word after token ``j`` when only a space separates them: (start, end, word, index)."""
    if j + 1 < len(toks) and text[toks[j][1]:toks[j + 1][0]] == " ":
        s, e = toks[j + 1]
        w = text[s:e]
        if _POSSESSIVE.search(w):
            w = w[:-2]
            e -= 2
        return s, e, w, j + 1
    return None


def _plausible(g: Gazetteer, text: str, toks: list[tuple[int, int]], i: int, j: int, key: str,
               cands: list[tuple[int, bool]], lower_start: bool, nxt: tuple[int, int, str, int] | None,
               persons: frozenset[str] = frozenset()) -> bool:
    """Whether a name found in the gazetteer is meant as a place here.

    ``persons`` are the surnames the same text gives after a first name or a title.
    """
    places = [g.places[c] for c, _ in cands]
    big = max(p.population for p in places)
    strong = any(p.kind != "settlement" for p in places) or big >= 100_000
    single = i == j
    if single and (key in _STOP or key in _SURNAMES):
        return False
    if single and not strong and key in persons:
        return False  # "General Igor Kirillov ... Kirillov said": the man, not the town of Kirillov
    if lower_start:
        # Lower-case names only for places of Ukraine/Russia known by that primary name.
        if not any(prim and g.places[c].country in ("UA", "RU") for c, prim in cands) or len(key) < 5:
            return False
    surface = text[toks[i][0]:toks[j][1]]
    if single and (len(key) < 3 or len(key) == 3 and big < 500_000):
        # Only "US", "UK"... written in capitals, as countries.
        if not (surface.isupper() and any(p.kind == "country" for p in places)):
            return False
    if nxt is not None and nxt[2].lower() in _NOT_A_PLACE_AFTER:
        return False
    if _adjective_compound(text, toks[j][1]):
        return False  # "Kyiv-based", "Moscow-backed": describes something else
    words = key.split(" ")
    if (words[-1] in ("district", "raion") and len(words) > 1 and _ADJECTIVE.search(words[-2])) or (
            nxt is not None and nxt[2].lower() in ("district", "raion") and _ADJECTIVE.search(words[-1])):
        return False  # "the Kyivskyi district" of a city: a district named for a place, not a settlement
    prev = text[toks[i - 1][0]:toks[i - 1][1]] if i > 0 else ""
    prev_gap = text[toks[i - 1][1]:toks[i][0]] if i > 0 else ""
    if prev:
        if prev_gap in (" ", ". ") and prev.lower().rstrip(".") in _TITLES:
            return False
        if prev_gap == " " and prev.lower() in _GIVEN_OR_NOT_A_PLACE_BEFORE:
            return False
    if single and key in _GIVEN and nxt is not None and nxt[2][:1].isupper():
        return False
    if single and not strong and not _title_case(text, toks, i):
        # A small place's name next to another capitalised word is most likely part of a longer name
        # ("Ukrainska Pravda", "Nariman El-Mofty", "Governor Viacheslav Chaus").
        if prev and prev_gap == " " and prev[0].isupper() and prev.lower() not in _STOP \
                and fold(_POSSESSIVE.sub("", prev)) not in g.names and not _sentence_start(text, toks, i - 1):
            return False
        if nxt is not None and nxt[2][:1].isupper() and nxt[2].lower() not in _STOP_OR_SETTLEMENT_SUFFIX \
                and nxt[2].lower() not in _PLACE_PARTS and fold(nxt[2]) not in g.names:
            return False
    return True


def _title_case(text: str, toks: list[tuple[int, int]], i: int) -> bool:
    """Whether the words around token ``i`` are mostly capitalised, as in a headline.

    Words that open a sentence say nothing about it and are left out.
    """
    around = [text[toks[k][0]] for k in range(max(0, i - 3), min(len(toks), i + 4))
              if k != i and not _sentence_start(text, toks, k)]
    return len(around) >= 3 and sum(c.isupper() for c in around) * 2 > len(around)


def _sentence_start(text: str, toks: list[tuple[int, int]], i: int) -> bool:
    """Whether token ``i`` opens a sentence or a line."""
    if i == 0:
        return True
    gap = text[toks[i - 1][1]:toks[i][0]]
    return any(c in gap for c in ".!?\n:;\"“")
