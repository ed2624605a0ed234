"""Stale facts: titles and candidacies a text gives people, checked against the knowledge base at its date.

A text written (or re-published) from old material calls a sitting president "former", a
replaced minister by his old title, a new president "a leading candidate". The check reads

- a title before a known person's name ("Former U.S. President Donald Trump", "Ukraine's
  Defense Minister Rustem Umerov", "the newly appointed U.S. Defense Secretary, Pete Hegseth"),
  or in apposition after it ("Sergei Shoigu, Russia's defence minister,");
- a candidacy claim ("a leading candidate in the upcoming presidential election") and a
  "not holding office" claim, about the known person named last before it;

and compares each with the person's dated offices in ``data/actors.json`` on the document's
reference date. A finding is made only where the knowledge base clearly says otherwise: the
office called "former" was held that day, the office given was not (yet, or any more) held
that day, or another person held it and the knowledge base lists none such for this one.
Titles the parser does not read in full ("Deputy Defence Minister", "acting", "then-"),
people the knowledge base lacks and sentences that name an earlier year are left alone.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitrep.model import Document
from sitrep.normalize.actors import Actor, Office, find_actors, holder_of
from sitrep.normalize.countries import country_code

__all__ = ["StaleFinding", "check_document", "find_stale_facts"]


@dataclass(frozen=True, slots=True)
class StaleFinding:
    """A claim in a text that the knowledge base contradicts at the text's date.

    ``start``/``end`` are offsets into the text checked (``text`` is that slice); ``person`` is
    the knowledge-base name; ``rule`` says which check found it (``title``, ``former``,
    ``elect``, ``new``, ``candidacy``, ``no_office``).
    """

    start: int
    end: int
    text: str
    reason: str
    person: str
    rule: str

    def to_record(self) -> dict[str, object]:
        """The document record's form: ``{"code", "start", "end", "text", "reason"}``.

        ``code`` ("stale_fact") tells these apart from the reader's warnings about a record's fields.
        """
        return {"code": "stale_fact", "start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


# ---------------------------------------------------------------- title vocabulary

# Title words -> the knowledge base's role. Offices of places (mayor, governor) take a place as anchor.
_ROLE_WORDS: list[tuple[str, str]] = [
    (r"vice[- ]president", "vice_president"),
    (r"president", "president"),
    (r"prime\s+minister|premier|PM", "prime_minister"),
    (r"defen[cs]e\s+(?:minister|secretary)|(?:minister|secretary)\s+of\s+defen[cs]e|war\s+secretary"
     r"|secretary\s+of\s+war", "defence_minister"),
    # (Not "top diplomat": China's is the party's foreign-affairs chief, the EU's its foreign-policy chief.)
    (r"foreign\s+(?:minister|secretary)|minister\s+(?:of|for)\s+foreign\s+affairs|secretary\s+of\s+state",
     "foreign_minister"),
    (r"interior\s+minister|minister\s+of\s+(?:the\s+)?interior", "interior_minister"),
    (r"chancellor", "chancellor"),
    (r"national\s+security\s+advis[eo]r", "national_security_adviser"),
    (r"secretary[- ]general", "secretary_general"),
    (r"mayor", "mayor"),
    (r"(?:regional\s+)?governor", "governor"),
]
_PLACE_ROLES = {"mayor", "governor"}
# A word that every role of _ROLE_WORDS holds, matched as the titles are (ignoring case).
_ROLE_HINT = re.compile(r"president|minister|premier|pm|secretary|chancellor|advis|mayor|governor", re.I)
_ROLE_ALT = "|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(_ROLE_WORDS))
# Words before a title that change what it means: only "former"/"ex-", "-elect" and "new" are judged.
_MOD = (r"(?P<mod>former|ex-|ex\s|then-|then\s|newly[- ]appointed|newly[- ]elected|new|incoming|outgoing|acting"
        r"|interim|late|caretaker|previous|future|would-be|one-time|longtime|long-time)")
_MOD2 = _MOD.replace("?P<mod>", "?P<mod2>")  # after the anchor: "Russia's former defence minister"
# Who the office is of: "U.S.", "Ukraine's", "Russian", "Kharkiv", "NATO".
_ANCHOR = (r"(?P<anchor>U\.S\.|U\.K\.|US|UK|NATO|UN|EU|(?!(?:Regional|Former|New|Acting|Deputy|The)\b)"
           r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:['’]s)?)")
_OF = r"(?:\s+of\s+(?:the\s+)?(?P<of>U\.S\.|U\.K\.|US|UK|NATO|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))"
# A title right before a name, anchored at the name: "[the] [former] [U.S.] President [of X][,] ".
_TITLE_BEFORE = re.compile(
    rf"(?<![\w.'’-])(?:(?i:the)\s+)?(?:(?i:{_MOD})\s*)?(?:{_ANCHOR}\s+)?(?:(?i:{_MOD2})\s*)?(?i:{_ROLE_ALT})"
    rf"(?P<elect>-elect)?{_OF}?\s*,?\s+$")
# The same in apposition after a name: ", Russia's former defence minister," / ", the president of Ukraine,".
_TITLE_AFTER = re.compile(
    rf",\s+(?:(?i:the|a)\s+)?(?:(?i:{_MOD})\s*)?(?:{_ANCHOR}\s+)?(?:(?i:{_MOD2})\s*)?(?i:{_ROLE_ALT})"
    rf"(?P<elect>-elect)?{_OF}?(?=\s*[,.;:)]|\s+(?:said|says|told|who|has|had|was|is|on|in|at)\b)")
# Words that, standing right before a title, make it another office ("deputy defence minister").
_BLOCK_BEFORE = re.compile(r"(?i:\b(?:deputy|vice|first|assistant|shadow|junior|state|opposition|senior|under|"
                           r"self-proclaimed|self-declared|installed|appointed|elected|named|designated|as|"
                           r"of|for|and|&)\s+)$")
_JUDGED_MODS = {"former": "former", "ex-": "former", "ex": "former", "newly-appointed": "new",
                "newly appointed": "new", "newly-elected": "new", "newly elected": "new", "new": "new"}

# Candidacy for a presidency: "a leading candidate in the upcoming U.S. presidential election".
_CANDIDACY_LEAD = (r"(?:(?:a|the)\s+)?(?:(?:leading|likely|presumptive|main|top|possible|potential|prospective"
                   r"|Republican|Democratic|frontrunning)\s+)*")
_CANDIDACY = re.compile(
    rf"\b{_CANDIDACY_LEAD}(?:candidate|nominee|front-?runner|contender|hopeful)"
    r"\s+(?:in|for)\s+(?:the\s+)?(?:(?:upcoming|next|forthcoming|coming|approaching)\s+)?"
    r"(?:(?P<anchor>U\.S\.|US|[A-Z][a-z]+)\s+)?(?:presidential\s+(?:election|race|vote|nomination|poll)|presidency"
    r"|president|the\s+White\s+House)\b"
    rf"|\b{_CANDIDACY_LEAD}presidential\s+(?:candidate|nominee|hopeful|contender|front-?runner)\b"
    r"|\brunning\s+for\s+(?:re-?election\s+as\s+)?(?:president|the\s+presidency|the\s+White\s+House)\b")
# Words one of which every match of _CANDIDACY holds, as it writes them ("front-runner" and "frontrunner" share "front").
_CANDIDACY_WORDS = ("candidate", "nominee", "front", "contender", "hopeful", "running")
# A claim that the person held no office; _OFFICE is the word every match holds, with the same flag.
_OFFICE = re.compile("office", re.I)
_NO_OFFICE = re.compile(r"\b(?:not|never|without)\s+(?:currently\s+|yet\s+)?(?:holding|holds?|held|having)\s+"
                        r"(?:any\s+)?(?:an?\s+)?(?:official\s+|public\s+|elected\s+|government\s+|formal\s+)*office\b",
                        re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# A full stop ends a sentence unless it ends an initial or an abbreviation ("U.S. presidential", "Lt. Gen.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b(?:Gen|Col|Mrs|Sgt|Rep|Sen|Adm|Maj|Gov|Ave))(?<!\bCapt)"
                           r"[.!?](?=\s)|\n")
# A presidency taken this recently means the election before it is over, not upcoming.
_RECENT_TERM = dt.timedelta(days=730)
# How long a text may lag its date: a contradiction must hold this many days earlier too.
_GRACE = dt.timedelta(days=3)
# Longer in office than this is not "newly appointed".
_NEW_FOR = dt.timedelta(days=365)


def _role_of(m: re.Match[str]) -> str:
    return next(_ROLE_WORDS[int(k[1:])][1] for k, v in m.groupdict().items()
                if v is not None and k.startswith("r") and k[1:].isdigit())


def _iso(word: str | None) -> str | None:
    """ISO code (or NATO/EU/UN) of a country word, None for anything else."""
    if not word:
        return None
    w = re.sub(r"['’]s$", "", word.strip())
    if w.upper().rstrip(".") in ("NATO", "EU", "UN"):
        return w.upper().rstrip(".")
    if w in ("US", "U.S.", "U.S"):
        return "US"
    if w in ("UK", "U.K.", "U.K"):
        return "GB"
    return country_code(w)


def _place_key(s: str) -> str:
    s = re.sub(r"['’]s$", "", s.strip().lower())
    s = re.sub(r"\b(?:oblast|region|province|regional|city|the|of)\b", " ", s)
    return " ".join(s.split())


def _same_of(office_of: str, of: str, role: str) -> bool:
    if role in _PLACE_ROLES:
        return _place_key(office_of) == _place_key(of)
    return office_of == of


def _fmt(day: dt.date | None) -> str:
    return day.isoformat() if day else "an unknown date"


# ---------------------------------------------------------------- the check

@dataclass(slots=True)
class _Title:
    start: int
    end: int
    role: str
    of: str | None  # ISO code, bloc, or place name; None where the text leaves it to the person's side
    mod: str | None  # former | new | elect | None; an unjudged modifier stops the check before this
    actor: Actor


def find_stale_facts(text: str, date: dt.date | None) -> list[StaleFinding]:
    """Claims about people in ``text`` that the knowledge base contradicts on ``date``.

    No date, no findings: the check is always relative to the day a text speaks from.
    >>> [f.text for f in find_stale_facts("Former U.S. President Donald Trump spoke.", dt.date(2025, 2, 12))]
    ['Former U.S. President Donald Trump']
    """
    if date is None:
        return []
    people = [m for m in find_actors(text, date=date)
              if m.kind == "person" and m.actor is not None and m.rule in ("kb.alias", "kb.surname")]
    out: list[StaleFinding] = []
    for m in people:
        title = _title_of(text, m.start, m.end, m.actor)
        if title is None:
            continue
        reason = _judge_title(title, date)
        # A text dated a day or two after a change of office may have been written before it; a
        # sentence naming an earlier year may speak of that time (asked last: it costs the most).
        if reason and _judge_title(title, date - _GRACE) and not _earlier_year(text, title.start, date):
            out.append(StaleFinding(title.start, title.end, text[title.start:title.end], reason, m.actor.name,
                                    title.mod or "title"))
    out.extend(_claims(text, date, people))
    out.sort(key=lambda f: (f.start, f.end))
    for f in out:
        assert text[f.start:f.end] == f.text
    return out


def check_document(doc: Document) -> list[StaleFinding]:
    """Stale facts of a document at its reference date, leaving out its site chrome (boilerplate)."""
    found = find_stale_facts(doc.text, doc.reference_date)
    return [f for f in found if not any(b.start <= f.start < b.end for b in doc.boilerplate)]


def _title_of(text: str, s: int, e: int, actor: Actor) -> _Title | None:
    """The title the text gives the person named at ``text[s:e]``, read before the name, else after it."""
    line_start = max(text.rfind("\n", 0, s) + 1, s - 120)
    # the full pattern only where a title word is: most names have none before them
    m = _TITLE_BEFORE.search(text, line_start, s) if _ROLE_HINT.search(text, line_start, s) else None
    if m is not None and not _BLOCK_BEFORE.search(text, max(0, m.start() - 40), m.start()) \
            and not _capitalised_before(text, m.start()):
        t = _title(m, actor, m.start(), e)
        if t is not None:
            return t
    m = _TITLE_AFTER.match(text, e, min(len(text), e + 120))
    if m is not None and "\n" not in m.group(0):
        return _title(m, actor, s, m.end())
    return None


def _capitalised_before(text: str, pos: int) -> bool:
    """A capitalised word right before the title, not opening a sentence: "European Council President"."""
    m = re.search(r"([A-Za-z][\w.'’-]*)\s+$", text[max(0, pos - 40):pos])
    if m is None or not m.group(1)[0].isupper():
        return False
    before = text[max(0, pos - 40):pos][:m.start(1)]
    return not (before.strip() == "" and pos - 40 <= 0 or re.search(r"(?:[.!?:;\"“(]|\n)\s*$", before))


def _title(m: re.Match[str], actor: Actor, start: int, end: int) -> _Title | None:
    role = _role_of(m)
    if m.group("mod") and m.group("mod2"):
        return None
    mod_raw = (m.group("mod") or m.group("mod2") or "").strip().lower()
    mod: str | None = None
    if mod_raw:
        if mod_raw not in _JUDGED_MODS:
            return None  # "then-", "acting", "outgoing"...: the title is not about the date
        mod = _JUDGED_MODS[mod_raw]
    if m.group("elect"):
        if mod is not None:
            return None
        mod = "elect"
    anchor, of = m.group("anchor"), m.group("of")
    if anchor and of:
        return None  # "U.S. President of X": not a title the parser reads
    where = anchor or of
    if role in _PLACE_ROLES:
        if not where:
            return None  # "Governor X": of which region, the text does not say
        key: str | None = re.sub(r"['’]s$", "", where)
    else:
        key = _iso(where) if where else None
        if where and key is None:
            return None  # "Commission President", "Security Council Secretary": another office
    return _Title(start, end, role, key, mod, actor)


def _earlier_year(text: str, pos: int, date: dt.date) -> bool:
    """Whether the sentence around ``pos`` names a year before the date's: it may speak of that time."""
    a = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos)), default=max(0, pos - 400))
    b_m = _SENTENCE_END.search(text, pos)
    b = b_m.start() if b_m else len(text)
    return any(int(y) < date.year for y in _YEAR.findall(text, a, b))


def _judge_title(t: _Title, date: dt.date) -> str | None:
    """Why the knowledge base contradicts the title on ``date``, or None."""
    a = t.actor
    # A title without its country ("President X") is matched against the role in any country.
    of = t.of
    same = [o for o in a.offices if o.role == t.role and (of is None or _same_of(o.of, of, t.role))]
    held = [o for o in same if o.held_on(date)]
    if t.mod == "former":
        if held:
            o = held[0]
            return (f"called former {o.title}, but {a.name} held that office on {date.isoformat()} "
                    f"(since {_fmt(o.start)})")
        return None
    if t.mod == "elect":
        if held and held[0].start is not None and held[0].start < date:
            o = held[0]
            return (f"called {t.role.replace('_', ' ')}-elect, but {a.name} had taken office as {o.title} "
                    f"on {o.start.isoformat()}")
        return None
    if held:
        o = held[0]
        if t.mod == "new" and o.start is not None and date - o.start > _NEW_FOR:
            return f"called newly appointed, but {a.name} had been {o.title} since {o.start.isoformat()}"
        return None
    now = _current(a, date)
    if same:
        if all(o.end is not None and o.end <= date for o in same):
            last = max(same, key=lambda o: o.end or dt.date.min)
            successor = holder_of(t.role, last.of, date)
            tail = f"; {successor.name} held it on {date.isoformat()}" if successor and successor is not a else ""
            return f"{a.name} left the office of {last.title} on {_fmt(last.end)}{tail}{now}"
        if all(o.start is not None and o.start > date for o in same):
            first = min(same, key=lambda o: o.start or dt.date.max)
            return f"{a.name} became {first.title} only on {_fmt(first.start)}, after {date.isoformat()}{now}"
        return None
    if of is None or not a.offices:
        # Without the country in the text, another holder proves nothing ("President X" of a body the
        # knowledge base files under another role); without offices, the knowledge base has no data.
        return None
    other = holder_of(t.role, of, date)
    if other is None or other is a:
        return None
    title = next((o.title for o in other.offices if o.role == t.role and o.held_on(date)), t.role.replace("_", " "))
    return f"{other.name} was {title} on {date.isoformat()}, not {a.name}{now}"


def _current(a: Actor, date: dt.date) -> str:
    """ "; on <date> <name> was <title>" for the offices the person held that day, else ""."""
    titles = [o.title for o in a.offices_on(date)]
    return f" (on {date.isoformat()}: {', '.join(titles)})" if titles else ""


def _claims(text: str, date: dt.date, people: list) -> list[StaleFinding]:
    """Candidacy and "not holding office" claims, about the known person named last before them."""
    out: list[StaleFinding] = []
    # Most texts make neither kind of claim: a look for a word each needs (C speed) spares the full searches.
    for m in (_CANDIDACY.finditer(text) if any(w in text for w in _CANDIDACY_WORDS) else ()):
        if _earlier_year(text, m.start(), date):
            continue
        person = _subject(text, people, m.start(), m.end())
        if person is None:
            continue
        iso = _iso(m.group("anchor")) if m.group("anchor") else None
        terms = [o for o in person.offices_on(date) if o.role == "president" and (iso is None or o.of == iso)]
        term = next((o for o in terms if o.start is not None and date - o.start < _RECENT_TERM), None)
        if term is None:
            continue
        out.append(StaleFinding(m.start(), m.end(), m.group(0),
                                f"a candidacy claimed for {person.name}, who had taken office as {term.title} on "
                                f"{term.start.isoformat()}: that election was over on {date.isoformat()}",
                                person.name, "candidacy"))
    for m in (_NO_OFFICE.finditer(text) if _OFFICE.search(text) else ()):
        if _earlier_year(text, m.start(), date):
            continue
        person = _subject(text, people, m.start(), m.end())
        if person is None:
            continue
        held: list[Office] = [o for o in person.offices_on(date) if o.held_on(date - _GRACE)]
        if not held:
            continue
        o = held[0]
        out.append(StaleFinding(m.start(), m.end(), m.group(0),
                                f"{person.name} was {o.title} on {date.isoformat()} (since {_fmt(o.start)})",
                                person.name, "no_office"))
    return out


def _subject(text: str, people: list, s: int, e: int) -> Actor | None:
    """The known person a claim is about: one named right after it ("presidential candidate X"), else
    the subject of its sentence, else, where the sentence opens with "he"/"his", of the sentence before."""
    after = next((m for m in people if e <= m.start <= e + 3), None)
    if after is not None:
        return after.actor
    pos = s
    for _ in range(3):
        a = _sentence_start(text, pos)
        head = next((m for m in people if a <= m.start < pos and _SUBJECT_LEAD.fullmatch(text, a, m.start)), None)
        if head is not None:
            return head.actor
        if not _PRONOUN.match(text, a) or a == 0:
            return None
        pos = a
        while pos > 0 and text[pos - 1].isspace():
            pos -= 1
        pos -= 1  # before the full stop that ends the sentence before
    return None


# What may come before a sentence's subject: an adverb and a comma, a title ("Former U.S. President").
_SUBJECT_LEAD = re.compile(r"[\s\"“‘'(]*(?:[A-Z]\w+,\s+)?(?:(?:the\s+)?[A-Z][\w.'’-]*\s+){0,4}")
_PRONOUN = re.compile(r"[\s\"“‘'(]*(?:He|His|She|Her)\b")


def _sentence_start(text: str, pos: int) -> int:
    """Offset of the start of the sentence holding ``pos`` (a line break ends a sentence too)."""
    lo = max(0, pos - 500)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, pos)]
    a = ends[-1] if ends else lo
    while a < pos and text[a].isspace():
        a += 1
    return a
