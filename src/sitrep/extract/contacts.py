"""Diplomatic contacts: calls, meetings, visits and talks, held or planned."""
from __future__ import annotations

import re

from sitrep.extract.political import PoliticalContext, actor_value
from sitrep.extract.text import Sentence, parse_count
from sitrep.model import Event, Location, Span
from sitrep.normalize.actors import ActorMention

_MODES: list[tuple[str, re.Pattern[str]]] = [
    ("call", re.compile(
        r"\b(?:(?:tele)?phone\s+(?:call|conversation|talks?)|phone\s+with|call\s+with|spoke\s+(?:by\s+phone\s+)?(?:with|to)\b"
        r"|(?:spoken|talked)\s+(?:directly\s+)?(?:by\s+phone\s+)?(?:with|to)\b|(?:held|had)\s+(?:a\s+)?(?:\w+[- ])?"
        r"(?:hour[- ]long\s+|minute\s+)?(?:call|conversation)|conversation\s+with|leaders\s+spoke|spoke\s+by\s+phone"
        r"|(?:tele)?phoned\s+(?=(?-i:[A-Z]))|\b(?:in|during)\s+a\s+(?:phone\s+|telephone\s+|video\s+)?call\b|call(?:ed|s)\s+(?=(?-i:(?:[A-Z][\w’'-]+\s+){1,4})))", re.I)),
    ("visit", re.compile(r"\bvisit(?:ed|s|ing)?\s+(?:to\s+)?(?=(?-i:[A-Z]))|\b(?:visit|trip)\s+to\b|\barrived\s+in\b"
                         r"|\bvisit(?:ed|ing)\b|\btravel(?:led|ed|s)?\s+to\s+(?=(?-i:[A-Z]))", re.I)),
    ("talks", re.compile(r"\b(?:held|hold|holding|began|begin|resumed?|opened|host(?:ed|s)?)\s+(?:\w+\s+){0,5}"
                         r"(?:talks|negotiations)\b|\b(?:talks|negotiations)\s+(?:between|with)\b"
                         r"|\bpeace\s+talks\b|\bround\s+of\s+talks\b", re.I)),
    ("meeting", re.compile(r"\bmet\b|\bmeeting\s+(?:with|between)\b|\b(?:held|had|hold|holds|holding)\s+(?:a|an|his|her|their|its)\s+"
                           r"(?:[\w-]+\s+){0,2}meeting\b|\bmeet(?:s|ing)?\s+(?:with\s+)?(?=(?-i:[A-Z]))"
                           r"|\bto\s+meet\b|\bwill\s+meet\b|\b(?:hold|held|holding|host(?:ed|s|ing)?)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}summit\b|\b(?:hosted|received|welcomed)\s+(?=(?-i:[A-Z]))|\b(?:at|during)\s+(?:a|their)\s+meeting\b(?!\s+of)|\bsummit\s+(?:with|between)\b"
                           r"|\b(?:Oval\s+Office|White\s+House|bilateral|face-to-face)\s+meeting\b", re.I)),
]
_PLANNED = re.compile(r"\b(?:will|would|shall|plan(?:s|ned)?\s+to|to\s+meet|expected|set\s+to|upcoming|due\s+to|prepar(?:es|ing)\s+to"
                      r"|scheduled|is\s+to|are\s+to|next\s+(?:week|month)|could|may|might|intend)\b", re.I)
_NEGATED = re.compile(r"\b(?:invit(?:ed|es|ation)|discuss(?:ed)?\s+visiting|no\s+plans?|refused\s+to|will\s+not|won['’]t|did\s+not|didn['’]t|declined\s+to|cancel+ed"
                      r"|ruled\s+out|open\s+to|if\b|ready\s+to|any\s+(?:talks|meeting|negotiations))", re.I)
_SETTING = re.compile(r"^\s*(?:At|During|On\s+the\s+sidelines\s+of)\s+(?:a|an|the)\s+[^,]{0,60}?(?:meeting|summit|conference)[^,]{0,40},", re.I)
_ANAPHORIC = re.compile(r"\b(?:the|this|that)\s+(?:conversation|call|discussion|meeting|talks)\b(?!\s+(?:with|between))", re.I)
_BOTH_LEADERS = re.compile(r"\b(?:both|the\s+two)\s+(?:leaders|presidents|sides|men)\b", re.I)
_DURATION = re.compile(r"\b(?:(?P<n>\d+|one|two|three|four|five|ninety|sixty|thirty|forty|forty-five|twenty)"
                       r"[- ](?P<u>hour|minute)s?[- ]?(?:long)?|(?P<half>half[- ]an[- ]hour)|(?:an|nearly\s+an|about\s+an|almost\s+an|over\s+an)\s+hour"
                       r"|(?:nearly|almost|about)\s+hour[- ]long|hour[- ]long)\b", re.I)
_MEDIATOR = re.compile(r"\bmediat(?:or|e|ed|es|ing|ion)\b|\bbrokered\s+by\b|\bhosted\s+by\b", re.I)
_WITH_BOTH = re.compile(r"\bwith\s+both\s+", re.I)


def extract_contacts(pc: PoliticalContext) -> list[Event]:
    """Calls, meetings, visits and talks, with their participants, status and duration."""
    out: list[tuple[int, Event]] = []
    for i, s in enumerate(pc.sentences):
        t = s.text
        if not pc.has(i, _CONTACT_KEYS):
            continue
        ms = pc.mentions[i]
        if _MEDIATOR.search(t) and out and i - out[-1][0] <= 2:
            med = next((m for m in ms if m.kind == "person"), None)
            trig = _trigger(t)
            if med is not None and (trig is None or re.search(r"\bmediat", t, re.I)):
                prev = out[-1][1]
                prev.set("mediator", med.name, Span(med.start, med.end), "contact.mediator")
                prev.evidence.append(s.span)
                prev.participants = [p for p in prev.participants if p != med.name]
                continue
        trig = _trigger(t)
        if trig is None:
            continue
        mode, tm = trig
        if _SETTING.search(t) and tm.start() < _SETTING.search(t).end():
            continue
        if _NEGATED.search(t):
            continue
        if mode == "visit" and (re.search(r"\b(?:troops|front(?:line)?|positions|command\s+post|units|brigades?|soldiers|wounded|hospital)\b",
                                          t[tm.end():tm.end() + 60], re.I) or re.search(r",\s*who\s+(?:had\s+)?$", t[:tm.start()])):
            continue  # a leader among his own troops is not diplomacy; "X, who visited Y last week" is background
        groups = _participants(pc, i, s, ms, tm, out)
        for parts in groups:
            if not parts or (len(parts) < 2 and mode in ("call", "talks")):
                continue
            if len(parts) < 2 and mode == "meeting" and not _is_body(pc, i, parts) and not re.search(
                    r"\b(?:counterparts?|leaders|officials|delegation|ministers|president|chancellor)\b", t[tm.end():], re.I):
                continue
            ev = pc.event("diplomatic_contact", s, f"contact.{mode}")
            ev.set("mode", mode, s.sub(tm.start(), tm.end()), "contact.mode")
            planned = _PLANNED.search(t[max(0, tm.start() - 40):tm.end() + 30])
            ev.set("status", "planned" if planned else "held", s.span, "contact.status")
            if planned and ev.date is not None:
                _next_weekday(pc, s, ev)
            ev.participants = parts
            dur = _duration(t)
            if dur is not None:
                ev.set("duration_minutes", dur, s.span, "contact.duration")
            ev.location = _where(pc, s, mode)
            ev.confidence = 0.65
            out.append((i, ev))
    return _merge([e for _, e in out])


_CONTACT_KEYS = ("call", "phone", "spoke", "spoken", "talk", "conversation", "met", "meet", "visit", "arrived", "trip",
                 "negotiat", "summit", "mediat", "broker", "hosted")


def _next_weekday(pc: PoliticalContext, s: Sentence, ev: Event) -> None:
    """"will meet on Friday": a planned contact's weekday lies ahead of the reference date, not behind it."""
    import datetime as dt
    cue = pc.ctx.date_of(s)
    if cue is None or cue.rule != "date.weekday" or pc.ref is None:
        return
    day = dt.date.fromisoformat(ev.date)
    if day < pc.ref:
        ev.date = (day + dt.timedelta(days=7)).isoformat()


def _is_body(pc: PoliticalContext, i: int, parts: list[str]) -> bool:
    """A body meeting as such ("The UN Security Council will hold an emergency meeting")."""
    return any(m.kind == "organization" and m.name == parts[0] for m in pc.mentions[i])


def _trigger(t: str) -> tuple[str, re.Match] | None:
    best: tuple[str, re.Match] | None = None
    for mode, rx in _MODES:
        m = rx.search(t)
        if m is None:
            continue
        if _ANAPHORIC.search(t[max(0, m.start() - 12):m.end() + 1]) and not re.search(r"\b(?:with|between)\b", t[m.start():m.end() + 12]):
            continue
        if best is None:
            best = (mode, m)
    return best


def _participants(pc: PoliticalContext, i: int, s: Sentence, ms: list[ActorMention], tm: re.Match,
                  prev: list[tuple[int, Event]]) -> list[list[str]]:
    t = s.text
    if _BOTH_LEADERS.search(t) and prev and i - prev[-1][0] <= 3:
        return [list(prev[-1][1].participants)]
    usable = [m for m in ms if not _is_place_role(t, s, m) and not _is_source(t, s, m)]
    # "between X and Y"
    bm = re.search(r"\bbetween\s+(.{3,120}?)(?=\s+(?:in|at|on|over|about|devolved|ended|took|was|were|has|have|had)\b|[,.;]|$)",
                   t[tm.start():])
    if bm:
        a, b = tm.start() + bm.start(1), tm.start() + bm.end(1)
        inside = [m for m in usable if a <= m.start - s.start < b]
        if any(m.kind == "person" for m in inside):
            inside = [m for m in inside if m.kind == "person"]
        parts = _names(inside)
        if len(parts) >= 2:
            return [parts]
    # "spoken with both A and B": one contact with each
    wb = _WITH_BOTH.search(t)
    if wb:
        subj = _names([m for m in usable if m.start - s.start < tm.start() and m.kind == "person"][-1:])
        if not subj and prev:
            subj = []
        objs = [m for m in usable if m.start - s.start >= wb.end() and m.kind == "person"]
        if subj and len(objs) >= 2:
            return [[subj[0], actor_value(o)] for o in objs]
    people = [m for m in usable if m.kind == "person"]
    # a body taking part ("G7 leaders will hold a meeting"), not one qualifying a person ("NATO chief Mark Rutte")
    bodies_in = [m for m in usable if m.kind == "organization" and not re.match(
        r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,3}(?-i:[A-Z])", t[m.end - s.start:]) and not _is_source(t, s, m)]
    if people:
        parts = _names(bodies_in + people) if bodies_in else _names(people)
        if len(parts) == 1 and re.match(r"\s*(?:[Hh]e|[Ss]he)\b", t[:tm.start()].split(",")[-1] or "") is not None:
            pass
        subj_pron = re.search(r"\b(?:[Hh]e|[Ss]he)\s+(?:had|has|also|later|then|will|would)?\s*$", t[:tm.start()])
        if subj_pron:
            src = _source_person(pc, i, s, ms)
            if src and src not in parts:
                parts.insert(0, src)
        return [parts]
    bodies = [m for m in usable if m.kind in ("country", "organization")]
    if bodies and re.search(r"\b(?:talks|negotiations|delegations|leaders|met|meeting|summit)\b", t, re.I):
        parts = _names(bodies)
        if len(parts) >= 2:
            return [parts]
    return []


def _source_person(pc: PoliticalContext, i: int, s: Sentence, ms: list[ActorMention]) -> str | None:
    m = re.match(r"\s*According\s+to\s+", s.text)
    if m:
        first = next((x for x in ms if x.kind == "person"), None)
        return first.name if first else None
    for j in range(i - 1, max(-1, i - 3), -1):
        people = [x for x in pc.mentions[j] if x.kind == "person"]
        if people:
            return people[0].name
    return None


def _names(ms: list[ActorMention]) -> list[str]:
    out: list[str] = []
    for m in ms:
        v = actor_value(m)
        if v and v not in out:
            out.append(v)
    return out


def _is_place_role(t: str, s: Sentence, m: ActorMention) -> bool:
    """"in Saudi Arabia", "to Kyiv", "the Ukrainian border": places and qualifiers, not participants."""
    if m.kind == "person":
        return False
    before = t[:m.start - s.start]
    after = t[m.end - s.start:]
    if re.search(r"\b(?:leaders|presidents|heads|ministers|delegations|representatives|officials|envoys)\s+(?:of|from)\s+(?:the\s+)?$",
                 before, re.I):
        return False  # "the leaders of France, Germany and Poland met"
    if re.search(r"\b(?:in|to|at|from|on|across|inside|near|of|for|over|against)\s+(?:the\s+)?$", before, re.I):
        return True
    demonym = bool(re.search(r"(?:ian|ese|ish|ic|ch|i)$", m.text)) and m.text not in ("Kremlin", "Helsinki", "Tbilisi")
    if m.kind == "country" and demonym and re.match(r"\s+[a-z]", after) and not re.match(r"\s+(?:and|delegations?|officials)\b", after):
        return True  # "Russian shelling"
    if m.kind == "country" and re.match(r"['’]s\s", after):
        return True
    return False


def _is_source(t: str, s: Sentence, m: ActorMention) -> bool:
    """The one reporting a contact ("The Kremlin later confirmed that...") is not in it."""
    after = t[m.end - s.start:m.end - s.start + 40]
    return m.kind != "person" and bool(re.match(r"\s+(?:later\s+|also\s+|has\s+)?(?:confirmed|said|announced|reported|stated)\b", after))


def _duration(t: str) -> int | None:
    m = _DURATION.search(t)
    if not m:
        return None
    if m.group("half"):
        return 30
    if m.group("n"):
        n = parse_count(m.group("n").replace("-", " ")) if not m.group("n").isdigit() else int(m.group("n"))
        if n is None:
            return None
        return n * 60 if m.group("u").lower() == "hour" else n
    return 60


def _where(pc: PoliticalContext, s: Sentence, mode: str) -> Location | None:
    if mode == "call":
        return None  # a call has two ends and no place
    loc = pc.place_after(s, r"in|at|to|visited|visiting|visits" if mode == "visit" else r"in|at|to")
    if loc is None and re.search(r"\bOval\s+Office\b|\b(?:at|in)\s+the\s+White\s+House\b", s.text):
        return Location(country="US", precision="country")
    return loc


def _merge(events: list[Event]) -> list[Event]:
    """Mentions of one contact (the same mode, status and people) are one event."""
    out: list[Event] = []
    for ev in events:
        same = next((o for o in out if o.mode == ev.mode and o.status == ev.status
                     and set(o.participants) == set(ev.participants)), None)
        if same is None:
            out.append(ev)
            continue
        same.evidence.extend(ev.evidence)
        for f in ("duration_minutes", "mediator", "date", "date_precision", "location"):
            if getattr(same, f) is None and getattr(ev, f) is not None:
                setattr(same, f, getattr(ev, f))
    return out
