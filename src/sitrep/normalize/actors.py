"""Actors of the war and its diplomacy: people, offices, organisations and countries named in a text.

The knowledge base (``data/actors.json``) lists people with the offices they held (and when),
organisations with their usual names, and every alias a journalist uses for them. Lookup walks
the text's tokens through a dictionary keyed by the first token of each alias, so its cost grows
with the length of the text, not with the size of the knowledge base.

Beyond the knowledge base, :func:`find_actors` also finds

- offices named instead of a person ("Ukraine's president", "Kyiv's mayor"), resolved to whoever
  held the office on the given date;
- people it does not know, where the text names them next to a title or a speech verb
  ("Moldovan President Maia Sandu", "Celeste Wallander, an assistant secretary of defence");
- a surname alone after its full name earlier in the same text.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.normalize.countries import _table as _country_table
from sitrep.normalize.countries import country_code

__all__ = ["Actor", "ActorMention", "Office", "actor_by_name", "find_actors", "holder_of", "resolve_actor"]


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person held: ``role`` (``president``, ``mayor``...), of what (ISO code, bloc,
    city or region), its title, and the dates (``None`` where open or not known)."""

    role: str
    of: str
    title: str
    start: dt.date | None = None
    end: dt.date | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation or country. ``side`` is an ISO code (or ``NATO``/``EU``), None if neutral."""

    name: str
    kind: str  # person | organization | country
    side: str | None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()

    def offices_on(self, day: dt.date | None) -> list[Office]:
        """Offices held on ``day`` (all still-open offices when ``day`` is None)."""
        if day is None:
            return [o for o in self.offices if o.end is None]
        return [o for o in self.offices if o.held_on(day)]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text. ``start``/``end`` are offsets into the text searched;
    ``name`` is the canonical full name (an ISO code for a country); ``actor`` is the
    knowledge-base entry, None for people found only by the pattern rules."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    side: str | None
    actor: Actor | None = field(default=None, compare=False)
    rule: str = "kb.alias"


# ---------------------------------------------------------------- loading

def fold(s: str) -> str:
    """Lower case without accents, curly apostrophes made straight: the key every alias is stored under."""
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


_TOKEN = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=1 << 16)
def _key(tok: str) -> str:
    k = fold(tok)
    if k.endswith("'s"):
        k = k[:-2]
    k = k.rstrip("'")
    # transliteration variants of one name meet: Zelenskyy/Zelenskiy/Zelenskii, Nebenzya/Nebenzia, Sergey/Sergei
    if "y" in k or "ii" in k:
        k = k.replace("yy", "y").replace("ii", "y").replace("ya", "ia")
        if k.endswith("iy"):
            k = k[:-2] + "y"
        elif k.endswith("ey"):
            k = k[:-2] + "ei"
    return k


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


# Surnames that are also ordinary words, places or first names: never read alone as the person.
_SURNAME_STOP = {"costa", "pavel", "harris", "brink", "cooper", "michel", "karis", "lula", "xi"}


@dataclass(slots=True)
class _Entry:
    keys: tuple[str, ...]
    name: str
    kind: str
    side: str | None
    actor: Actor | None
    exact: str | None  # all-caps alias: the text must match it case and all
    surname: bool = False


@dataclass(slots=True)
class _KB:
    actors: dict[str, Actor]
    by_first: dict[str, list[_Entry]]
    roles: dict[tuple[str, str], list[tuple[Office, Actor]]]
    # by_first[k] again, by alias length (longest first) and then by the alias's keys, the entries in
    # by_first's order: the scan looks up the text's words of each length instead of trying every entry.
    by_length: dict[str, list[tuple[int, dict[tuple[str, ...], list[_Entry]]]]] = field(default_factory=dict)


def _add(by_first: dict[str, list[_Entry]], alias: str, entry_for) -> None:
    alias = re.sub(r"^(?:the|The)\s+", "", alias.strip())
    toks = _TOKEN.findall(alias)
    if not toks:
        return
    keys = tuple(_key(t) for t in toks)
    exact = alias if re.fullmatch(r"[A-Z][A-Z0-9.]+", alias) else None
    e = entry_for(keys, exact)
    lst = by_first.setdefault(keys[0], [])
    if any(x.keys == keys and x.name == e.name for x in lst):
        return
    lst.append(e)


def _place_key(s: str) -> str:
    """Key of a city or region an office is "of": ``"Kharkiv Oblast"`` and ``"Kharkiv region"`` are ``kharkiv``."""
    s = fold(s)
    s = re.sub(r"\b(?:oblast|region|province|regional|city|the|of|'s)\b", " ", s)
    return " ".join(s.replace("'s", " ").split())


# A plain path in the package folder, as the gazetteer's: importlib.resources costs start-up time.
_DATA = Path(__file__).resolve().parents[1] / "data" / "actors.json"


@functools.cache
def _kb() -> _KB:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    actors: dict[str, Actor] = {}
    by_first: dict[str, list[_Entry]] = {}
    roles: dict[tuple[str, str], list[tuple[Office, Actor]]] = {}
    surnames: dict[str, list[Actor]] = {}
    for a in raw["actors"]:
        offices = tuple(Office(o["role"], o["of"], o["title"], _date(o.get("start")), _date(o.get("end")))
                        for o in a.get("offices", []))
        actor = Actor(a["name"], a["kind"], a.get("side"), tuple(a.get("aliases", [])), offices)
        actors[fold(actor.name)] = actor
        for alias in (actor.name, *actor.aliases):
            _add(by_first, alias, lambda k, x, actor=actor: _Entry(k, actor.name, actor.kind, actor.side, actor, x))
        for o in offices:
            of = o.of if re.fullmatch(r"[A-Z]{2}|NATO|EU|UN|IAEA|ICC", o.of) else _place_key(o.of)
            roles.setdefault((o.role, of), []).append((o, actor))
        if actor.kind == "person" and not a.get("no_surname"):
            last = _key(actor.name.split()[-1])
            if last not in _SURNAME_STOP and len(last) > 2:
                surnames.setdefault(last, []).append(actor)
    for last, people in surnames.items():
        for actor in people:
            lst = by_first.setdefault(last, [])
            if not any(x.keys == (last,) and x.actor is actor for x in lst):
                lst.append(_Entry((last,), actor.name, "person", actor.side, actor, None, surname=True))
    # Countries, capitals and metonyms speak as their ISO code.
    for word, iso in _country_table().items():
        if len(word) < 3 and word not in ("uk",):
            continue
        _add(by_first, word, lambda k, x, iso=iso: _Entry(k, iso, "country", iso, None, x))
    for word, iso in (("US", "US"), ("UK", "GB"), ("U.S.", "US"), ("U.K.", "GB"), ("EU", "EU")):
        _add(by_first, word, lambda k, x, iso=iso: _Entry(k, iso, "country" if iso not in ("EU",) else "organization",
                                                          iso, None, x))
    by_length: dict[str, list[tuple[int, dict[tuple[str, ...], list[_Entry]]]]] = {}
    for first, lst in by_first.items():
        lst.sort(key=lambda e: (-len(e.keys), e.surname))
        groups: dict[int, dict[tuple[str, ...], list[_Entry]]] = {}
        for e in lst:
            groups.setdefault(len(e.keys), {}).setdefault(e.keys, []).append(e)
        by_length[first] = sorted(groups.items(), reverse=True)
    return _KB(actors, by_first, roles, by_length)


def actor_by_name(name: str) -> Actor | None:
    """The knowledge-base entry whose canonical name is ``name`` (case and accents ignored)."""
    return _kb().actors.get(fold(name))


# ---------------------------------------------------------------- offices named instead of people

# Words for an office, read after a country or place word ("Ukraine's president", "Kyiv's mayor");
# several roles are tried in order where a country may have either ("leader": a president, else a PM).
_ROLE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (r"foreign\s+ministry\s+spokes(?:wo)?(?:man|person)", ("foreign_ministry_spokesperson",)),
    (r"(?:defen[cs]e\s+ministry|military)\s+spokes(?:wo)?(?:man|person)", ("defence_ministry_spokesperson",)),
    (r"air\s+force\s+spokes(?:wo)?(?:man|person)", ("air_force_spokesperson",)),
    (r"air\s+force\s+(?:commander|chief)", ("air_force_commander",)),
    (r"(?:deputy\s+)?prime\s+minister|premier|PM", ("prime_minister",)),
    (r"foreign\s+(?:minister|secretary)|top\s+diplomat|secretary\s+of\s+state", ("foreign_minister",)),
    (r"defen[cs]e\s+(?:minister|secretary|chief)|secretary\s+of\s+defen[cs]e", ("defence_minister",)),
    (r"interior\s+minister", ("interior_minister",)),
    (r"(?:army|military|armed\s+forces|top)\s+(?:chief|commander|general)|commander[-\s]in[-\s]chief",
     ("commander_in_chief", "chief_of_general_staff")),
    (r"(?:military\s+)?(?:spy|intelligence)\s+chief", ("intelligence_chief",)),
    (r"chancellor", ("chancellor",)),
    (r"president|leader|head\s+of\s+state", ("chancellor", "president", "prime_minister")),
    (r"mayor", ("mayor", "military_administration_head")),
    (r"(?:regional\s+)?governor|regional\s+(?:head|chief)", ("governor", "installed_governor")),
    (r"spokes(?:wo)?(?:man|person)|press\s+secretary", ("spokesperson", "press_secretary")),
    (r"secretary[-\s]general|chief", ("secretary_general", "director_general")),
    (r"(?:human\s+rights\s+)?ombudsman|human\s+rights\s+commissioner", ("ombudsman",)),
]
_ROLE_ALT = "|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(_ROLE_WORDS))
# "<anchor>('s)? [regional] <role>": the anchor is read backwards from the role word.
_ROLE_RE = re.compile(rf"\b(?:{_ROLE_ALT})\b(?!\s+(?:of|to|for)\b)", re.I)
_ROLE_OF_RE = re.compile(rf"\b(?:the\s+)?(?:{_ROLE_ALT})\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
                         r"(?:\s+(?:region|oblast|province))?", re.I)
_ANCHOR_BEFORE = re.compile(r"(?:^|[\s(“\"])(?P<a>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)(?:['’]s)?"
                            r"(?:\s+(?:regional|region(?:['’]s)?|oblast(?:['’]s)?|city(?:['’]s)?|newly[-\s]appointed|new|former|acting|own))*\s+$")
_ROLE_KIND = {i: roles for i, (_, roles) in enumerate(_ROLE_WORDS)}


def holder_of(role: str, of: str, day: dt.date | None = None) -> Actor | None:
    """Who held an office on ``day`` (today's holder when ``day`` is None).

    ``of`` is an ISO code, ``NATO``/``EU``/``UN``, or a city/region name.
    >>> holder_of("president", "UA", dt.date(2025, 2, 12)).name
    'Volodymyr Zelenskyy'
    """
    key = of if re.fullmatch(r"[A-Z]{2}|NATO|EU|UN|IAEA|ICC", of) else _place_key(of)
    found = [(o, a) for o, a in _kb().roles.get((role, key), []) if (o.held_on(day) if day else o.end is None)]
    if not found:
        return None
    found.sort(key=lambda oa: oa[0].start or dt.date.min, reverse=True)
    return found[0][1]


def _anchor_keys(anchor: str) -> list[str]:
    """What a role is "of": the place itself (for mayors and governors), then its country code."""
    a = re.sub(r"^the\s+", "", anchor.strip(), flags=re.I)
    a = re.sub(r"['’]s$", "", a)
    keys = [_place_key(a)] if a else []
    for cand in (a, a.split()[-1] if a else "", a.split("-")[0] if a else ""):
        iso = country_code(cand) if cand else None
        if iso is None and cand.upper() in ("UN", "NATO", "EU", "IAEA"):
            iso = cand.upper()
        if iso is None and fold(cand) in ("nato", "un", "u.n", "united nations", "iaea"):
            iso = {"nato": "NATO", "un": "UN", "u.n": "UN", "united nations": "UN", "iaea": "IAEA"}[fold(cand)]
        if iso and iso not in keys:
            keys.append(iso)
    return keys


# The knowledge base does not change during a run: who holds an office named by the same words on the
# same day is looked up once (offices are named again and again in a text and across texts).
@functools.lru_cache(maxsize=4096)
def _resolve_role(roles: tuple[str, ...], anchor: str, day: dt.date | None) -> Actor | None:
    for key in _anchor_keys(anchor):
        for role in roles:
            a = holder_of(role, key, day)
            if a is not None:
                return a
    return None


def _role_index(m: re.Match) -> int:
    return next(int(k[1:]) for k, v in m.groupdict().items() if v is not None and k.startswith("r"))


# ---------------------------------------------------------------- people not in the knowledge base

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_LOW = "a-zß-öø-ÿā-žʼ'’"
_NAME_TOK = rf"[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)?"
_NAME = rf"{_NAME_TOK}(?:\s+(?:bin|al|de|van|von|der|da|di|le|la)\b)*(?:\s+{_NAME_TOK}){{1,2}}"
_TITLE = (r"(?:president|prime\s+minister|premier|chancellor|(?:deputy\s+)?(?:foreign|defen[cs]e|interior|economy|energy"
          r"|finance|justice|health|digital|infrastructure|first\s+deputy|deputy)?\s*minister(?:\s+of\s+[\w ]{3,30}?)?"
          r"|secretary(?:\s+of\s+(?:state|defen[cs]e))?|secretary[- ]general|governor|mayor|general|gen\.|lt\.\s+gen\."
          r"|admiral|colonel|col\.|commander|chief|spokes(?:wo)?(?:man|person)|press\s+secretary|ambassador|commissioner"
          r"|speaker|senator|sen\.|rep\.|representative|crown\s+prince|king|queen|emir|pope|advis[eo]r|envoy|director"
          r"|chair(?:man|woman)?|head|official|leader|prosecutor(?:\s+general)?|ombudsman|negotiator|aide|founder"
          r"|journalist|blogger|activist|feminist|citizen|entrepreneur|businessman|teacher|national|lawmaker|mp"
          r"|analyst|expert|researcher|commentator|dissident|opposition\s+(?:leader|figure|politician)|politician|counterpart)")

_NOT_NAME = {fold(w) for w in """
the a an in on at of and or but for with from by to as after before during since while this that these those
here there when where what who meanwhile however according also ukraine russia russian ukrainian ministry defence defense
council security service services forces force air army navy military oblast region regional city house office staff
general president minister prime foreign state secretary governor mayor national armed federal union european united
nations black sea fleet republic people people's kremlin white oval news agency independent telegram facebook twitter
fighting politics diplomacy nuclear power plant station bridge street square district day week month year war
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december north south east west northern southern eastern western central new old great saint st
international world global committee court department agency bureau directorate command intelligence guard police
emergency border media mr mrs ms dr reuters associated press afp ap tass ria interfax cnn bbc times post journal
crimea donbas donbass kyiv kharkiv odesa lviv dnipro zaporizhzhia kherson mykolaiv sumy chernihiv poltava donetsk
luhansk belgorod kursk bryansk moscow washington london paris berlin brussels warsaw beijing minsk istanbul ankara
prime defence kyivs moscows zelensky zelenskyy putin trump biden hall summit conference photo photograph video
""".split()}


def _valid_name(name: str) -> bool:
    toks = name.split()
    if len(toks) < 2:
        return False
    for t in toks:
        k = _key(t)
        if k in _NOT_NAME or (len(k) > 2 and country_code(k) is not None):
            return False
    return True


def _side_in(phrase: str) -> str | None:
    """The country a title phrase names ("Moldovan President", "the governor of Russia's Belgorod region")."""
    for tok in _TOKEN.findall(phrase):
        for part in (tok, tok.split("-")[0]):
            if part[:1].isupper():
                iso = country_code(_key(part)) if len(_key(part)) > 2 or part in ("US", "UK") else None
                if iso is None and part in ("US", "U.S", "UK", "U.K"):
                    iso = "US" if part.startswith("U.S") or part == "US" else "GB"
                if iso:
                    return iso
    return None


# ---------------------------------------------------------------- the scan

def find_actors(text: str, start: int = 0, end: int | None = None, *, date: dt.date | None = None) -> list[ActorMention]:
    """Actors named in ``text[start:end]``, in text order, with offsets into ``text``.

    The whole text is read once (and cached), so that a surname resolves to a full name
    given earlier in the text; ``date`` picks who held an office named without a name.
    >>> [(m.text, m.name) for m in find_actors("Ukraine's leader met Kyiv's mayor.", date=dt.date(2025, 2, 12))]
    [("Ukraine's leader", 'Volodymyr Zelenskyy'), ("Kyiv's mayor", 'Vitali Klitschko')]
    """
    end = len(text) if end is None else end
    found = _scan(text, date)
    # The mentions are in text order and never overlap, so their ends rise with their starts: a binary
    # search finds the first, and the first one ending past ``end`` closes the run (no pass over them all
    # for every sentence).
    out: list[ActorMention] = []
    for k in range(bisect.bisect_left(_scan_starts(text, date), start), len(found)):
        m = found[k]
        if m.end > end:
            break
        out.append(m)
    return out


@functools.lru_cache(maxsize=32)
def _scan_starts(text: str, date: dt.date | None) -> list[int]:
    return [m.start for m in _scan(text, date)]


@functools.lru_cache(maxsize=32)
def _scan(text: str, date: dt.date | None) -> tuple[ActorMention, ...]:
    kb = _kb()
    toks = [(*m.span(), m[0]) for m in _TOKEN.finditer(text)]  # (start, end, word)
    keys = list(map(_key, [t for _, _, t in toks]))
    found: list[ActorMention] = []
    seen_full: dict[str, str] = {}  # folded surname -> full name met earlier in this text
    by_first, by_length = kb.by_first, kb.by_length
    # Only a capitalised token that begins some known name can start a match: the loop visits those alone.
    starts = [j for j, t in enumerate(toks) if t[2][:1].isupper() and by_first.get(keys[j])]
    done = 0  # tokens before this index belong to a name already found
    for i in starts:
        if i < done:
            continue
        s, e, tok = toks[i]
        hit = _match_at(by_length[keys[i]], toks, keys, i, seen_full, date)
        if hit is None:
            continue
        n = len(hit.keys)
        e = toks[i + n - 1][1]
        if e < len(text) and text[e] == "." and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", text[s:e]):
            e += 1  # "U.S." keeps its last full stop
        surface = _POSSESSIVE.sub("", text[s:e]) if text[s:e].endswith(("'s", "’s")) else text[s:e]
        found.append(ActorMention(s, s + len(surface), surface, hit.name, hit.kind, hit.side, hit.actor,
                                  "kb.surname" if hit.surname else "kb.alias"))
        if hit.kind == "person" and not hit.surname:
            seen_full[_key(hit.name.split()[-1])] = hit.name
        done = i + n
    found.extend(_unknown_people(text, found, toks, keys))
    found.extend(_roles(text, _role_starts(toks, keys), found, date))
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[ActorMention] = []
    last_end = -1
    for m in found:
        if m.start < last_end:
            continue
        out.append(m)
        last_end = m.end
    return tuple(out)


def _match_at(by_length: list[tuple[int, dict[tuple[str, ...], list[_Entry]]]], toks: list[tuple[int, int, str]],
              keys: list[str], i: int, seen_full: dict[str, str], date: dt.date | None) -> _Entry | None:
    """The entry named from token ``i``: the longest alias the text's words spell, in the knowledge base's order.

    ``by_length`` holds the entries whose alias begins with token ``i``'s key (see ``_KB.by_length``).
    """
    tok = toks[i][2]
    for n, groups in by_length:
        cands = groups.get(tuple(keys[i:i + n]))
        if cands is None:
            continue
        for cand in cands:
            if cand.exact is not None and _POSSESSIVE.sub("", tok).rstrip(".") != cand.exact.rstrip("."):
                continue
            if cand.surname and not _surname_ok(toks, i):
                continue
            if cand.surname:
                full = seen_full.get(keys[i])
                same = [c for c in cands if c.surname]
                if len(same) > 1:  # several known people share the surname: the one named in full earlier
                    pick = next((c for c in same if c.name == full), None) or _in_office(same, date)
                    if pick is None:
                        return None
                    cand = pick
            return cand
    return None


def _surname_ok(toks: list[tuple[int, int, str]], i: int) -> bool:
    """A surname alone is that person unless it is part of another name ("Pavel Durov")."""
    if i + 1 < len(toks):
        nxt = toks[i + 1]
        if nxt[0] - toks[i][1] <= 1 and nxt[2][:1].isupper() and nxt[2] not in ("I",):
            return False
    return True


def _in_office(cands: list[_Entry], date: dt.date | None) -> _Entry | None:
    live = [c for c in cands if c.actor is not None and c.actor.offices_on(date)]
    return live[0] if len(live) == 1 else None


# a capitalised run, titles included; _trim_name cuts it down to the name
_NAME_RE = re.compile(rf"{_NAME_TOK}(?:\s+(?:bin|al|de|van|von|der|da|di|le|la)\b)*(?:\s+{_NAME_TOK}){{1,5}}")
# Context tests run on short windows around a capitalised name, anchored, so their cost does not grow with the text.
_TITLE_END = re.compile(rf"(?i:\b{_TITLE}|\b(?:identified|named)\s+as)\.?\s+$")
_APPOS_AFTER_AT = re.compile(rf",\s+(?P<desc>(?:the|a|an|[A-Z][\w’'-]*)\s+(?:[\w’'-]+\s+){{0,6}}?(?i:{_TITLE})\b)")
_APPOS_BEFORE_END = re.compile(rf"(?i:\b{_TITLE})(?:\s+(?:of|for|to|at)\s+[\w’' -]{{2,40}}?)?,\s+$")
_APPOS_BEFORE_NEXT = re.compile(r"[,.;:)]|\s+(?:said|says|told|has|had|was|is|who)\b")
_SPEECH_AFTER_AT = re.compile(r"\s+(?:has\s+|had\s+|also\s+)?(?:said|says|told|added|wrote|warned|stated|claimed"
                              r"|announced|urged|called|insisted|argued|noted|dismissed|denied|accused|condemned|praised"
                              r"|welcomed|rejected|proposed|demanded|threatened)\b")
_SPEECH_BEFORE_END = re.compile(r"\b(?:said|says|told|added|wrote)\s+$")
_LEAD_WORDS = {fold(w) for w in "president prime minister premier chancellor foreign defence defense interior secretary general "
               "governor mayor chief commander spokesman spokeswoman ambassador head deputy crown prince king queen "
               "emir pope envoy director chairman speaker senator regional acting former new the".split()}


def _trim_name(text: str, s: int, e: int) -> tuple[int, str] | None:
    """Drop title and country words a capitalised run starts with ("Moldovan President Ana Popescu")."""
    name = text[s:e]
    toks = name.split()
    while toks and ((k := _key(toks[0])) in _LEAD_WORDS or (len(k) > 2 and country_code(k) is not None)):
        s = text.index(toks[1], s + len(toks[0])) if len(toks) > 1 else e
        toks = toks[1:]
    if len(toks) < 2 or len(toks) > 4:
        return None
    name = text[s:e]
    return (s, name) if _valid_name(name) else None


def _unknown_people(text: str, known: list[ActorMention], toks: list[tuple[int, int, str]],
                    keys: list[str]) -> list[ActorMention]:
    """People the knowledge base lacks, named next to a title or a speech verb, then their surnames.

    ``toks`` and ``keys`` are the text's tokens and their keys, as the scan has them.
    """
    taken = sorted((m.start, m.end) for m in known)

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in taken)

    people: dict[str, tuple[str | None, str]] = {}  # full name -> (side, rule)
    out: list[ActorMention] = []
    for m in _NAME_RE.finditer(text):
        if "\n" in m.group(0):
            continue  # a name never runs into the next line
        trimmed = _trim_name(text, m.start(), m.end())
        if trimmed is None:
            continue
        s, name = trimmed
        e = s + len(name)
        if not free(s, e):
            continue
        before = text[max(0, s - 70):s]
        side: str | None = None
        rule = None
        if _TITLE_END.search(before):
            rule = "pattern.title"
            side = _side_in(before.split("\n")[-1][-40:])
        elif (ap := _APPOS_AFTER_AT.match(text, e, min(len(text), e + 120))) is not None:
            rule = "pattern.appositive"
            # "X, the governor of Russia's Belgorod region, said": the country follows the title
            side = _side_in(re.split(r",|\bsaid\b|\bsays\b", text[ap.start("desc"):ap.start("desc") + 80])[0])
        elif _APPOS_BEFORE_END.search(before) and _APPOS_BEFORE_NEXT.match(text, e):
            rule = "pattern.appositive"
            side = _side_in(before.split("\n")[-1])
        elif _SPEECH_AFTER_AT.match(text, e) or _SPEECH_BEFORE_END.search(before):
            rule = "pattern.speech"
            side = _side_in(before.split("\n")[-1][-30:])
        if rule is None:
            continue
        if name not in people or (people[name][0] is None and side):
            people[name] = (side, rule)
        out.append(ActorMention(s, e, name, name, "person", side, None, rule))
        taken.append((s, e))
    if not people:
        return out
    # later mentions: the full name again, or the surname alone after the full name
    by_surname = {_key(n.split()[-1]): n for n in people}
    first_at = {n: min(x.start for x in out if x.name == n) for n in people}
    for (s, end, tok), k in zip(toks, keys):
        name = by_surname.get(k)
        if name is None or not tok[:1].isupper() or s <= first_at[name]:
            continue
        e = s + len(_POSSESSIVE.sub("", tok)) if tok.endswith(("'s", "’s")) else end
        if not free(s, e):
            continue
        side, _ = people[name]
        out.append(ActorMention(s, e, text[s:e], name, "person", side, None, "doc.surname"))
        taken.append((s, e))
    return out


_ROLE_FIRST = {fold(p) for p in (
    "foreign defence defense military air deputy prime premier pm top interior army armed commander spy intelligence "
    "chancellor president leader head mayor regional governor spokesman spokeswoman spokesperson press secretary "
    "secretary-general chief human ombudsman the").split()}


def _role_starts(toks: list[tuple[int, int, str]], keys: list[str]) -> list[int]:
    """Offsets of the tokens an office may be named from: a word in ``_ROLE_FIRST``.

    "the" opens an office only before a role word ("the president of X"); the common "the" before
    anything else is left out here, so that the role patterns are not tried at every "the".
    """
    out: list[int] = []
    last = len(keys) - 1
    for j in [j for j, k in enumerate(keys) if k in _ROLE_FIRST]:
        if keys[j] == "the" and j < last:
            nxt = keys[j + 1]
            # A word outside ASCII may fold otherwise than the patterns' case-blind match: kept, to be sure.
            if toks[j + 1][2].isascii() and nxt not in _ROLE_FIRST and nxt.split("-", 1)[0] not in _ROLE_FIRST:
                continue
        out.append(toks[j][0])
    return out


def _roles(text: str, starts: list[int], known: list[ActorMention], date: dt.date | None) -> list[ActorMention]:
    """Offices named without a name ("Ukraine's president"), resolved to their holder on ``date``.

    ``starts`` are the offsets of the tokens whose key is in ``_ROLE_FIRST`` (the scan has tokenised the text already).
    """
    people = sorted((m.start, m.end) for m in known if m.kind == "person")
    out: list[ActorMention] = []
    for start in starts:
        m = _ROLE_OF_RE.match(text, start)
        if m is not None:
            roles = _ROLE_KIND[_role_index(m)]
            actor = _resolve_role(roles, m.group("of"), date)
            if actor is not None and not _named_beside(text, people, m.start(), m.end()):
                out.append(ActorMention(m.start(), m.end(), m.group(0), actor.name, actor.kind, actor.side, actor, "kb.role"))
            continue
        m = _ROLE_RE.match(text, start)
        if m is None:
            continue
        roles = _ROLE_KIND[_role_index(m)]
        a = _ANCHOR_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if a is None:
            continue
        actor = _resolve_role(roles, a.group("a"), date)
        if actor is None or _named_beside(text, people, a.start("a"), m.end()):
            continue
        out.append(ActorMention(a.start("a"), m.end(), text[a.start("a"):m.end()], actor.name, actor.kind,
                                actor.side, actor, "kb.role"))
    return out


def _named_beside(text: str, people: list[tuple[int, int]], s: int, e: int) -> bool:
    """True where the office is in apposition to a name ("Kyiv's mayor, Vitali Klitschko"):
    the name is the mention then, not the office."""
    for a, b in people:
        if e <= a <= e + 4 and re.fullmatch(r"[\s,]*", text[e:a]):
            return True
        if s - 4 <= b <= s and re.fullmatch(r"[\s,]*", text[b:s]):
            return True
    return False


def resolve_actor(surface: str, *, date: dt.date | None = None) -> Actor | None:
    """The knowledge-base actor a name, alias, surname or office phrase stands for, or None.

    >>> resolve_actor("Zelenskiy").name, resolve_actor("SBU").name
    ('Volodymyr Zelenskyy', 'Security Service of Ukraine')
    """
    s = surface.strip()
    hit = actor_by_name(s)
    if hit is not None:
        return hit
    for m in _scan(s, date):
        if m.start == 0 and m.end >= len(_POSSESSIVE.sub("", s).rstrip(".")) - 1 and m.actor is not None:
            return m.actor
    return None
