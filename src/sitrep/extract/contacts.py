"""Diplomatic contacts: calls, meetings, visits and talks, held or planned."""
from __future__ import annotations

import re

from sitrep.extract.political import PoliticalContext, actor_value, dateline_end
from sitrep.extract.text import Sentence, folded, parse_count
from sitrep.model import Event, Location, Span
from sitrep.normalize.actors import ActorMention

_MODES: list[tuple[str, re.Pattern[str]]] = [
    ("call", re.compile(
        r"\b(?:(?:tele)?phone\s+(?:call|conversation|talks?)|phone\s+with|call\s+with|spoke\s+(?:separately\s+)?(?:by\s+phone\s+)?(?:with|to)\b"
        r"|(?:spoken|talked)\s+(?:directly\s+)?(?:by\s+phone\s+)?(?:with|to)\b|(?:spoke|spoken|talked)\s+by\s+(?:tele)?phone\b"
        r"|\bspeak\s+(?:by\s+(?:tele)?phone\s+)?(?:with|to)\b|\b(?:spoke|spoken|talked)\s+(?=for\s+(?:about\s+|more\s+than\s+|nearly\s+|almost\s+|over\s+)?\w+(?:\s+and\s+a\s+half)?\s+(?:hours?|minutes?)|on\s+\w+day\b|again\b)|\b(?:will|would|to|plans\s+to)\s+(?:tele)?(?:phone|call)\s+(?=(?-i:[A-Z]))|(?:held|had)\s+(?:a\s+)?(?:\w+[- ])?"
        r"(?:hour[- ]long\s+|minute\s+)?(?:call|conversation)\b|(?:conversation|call)\s+(?:with|between)|leaders\s+spoke|spoke\s+by\s+phone"
        r"|(?-i:\b[A-Z][\w’']+)[-–](?-i:[A-Z][\w’']+)\s+(?:(?:tele)?phone\s+|video\s+)?(?:call|conversation)\b"
        r"|(?:tele)?phoned\s+(?=(?-i:[A-Z]))|\b(?:in|during)\s+a\s+(?:phone\s+|telephone\s+|video\s+)?call\b|call(?:ed|s)\s+(?=(?-i:(?:[A-Z][\w’'-]+\s+){1,4})))", re.I)),
    ("visit", re.compile(r"\bvisit(?:ed|s|ing)?\s+(?:to\s+)?(?=(?-i:[A-Z]))|\b(?:visit|trip)\s+to\b|\barrived\s+(?:by\s+\w+\s+)?(?:in|to\s+meet)\b"
                         r"|\bvisit(?:ed|ing)\b|\btravel(?:led|ed|s)?\s+to\s+(?=(?-i:[A-Z]))", re.I)),
    ("talks", re.compile(r"\b(?:held|hold|holding|began|begin|resumed?|opened|host(?:ed|s)?)\s+(?:[\"“]?[\w-]+[\"”]?\s+){0,5}"
                         r"(?:talks|negotiations)\b|\b(?:talks|negotiations)\s+(?:(?:in|at)\s+(?-i:(?:[A-Z][\w’'-]+\s+){1,3}))?(?:between|with)\b"
                         r"|\bpeace\s+talks\b|\bround\s+of\s+talks\b", re.I)),
    ("meeting", re.compile(r"\bmet\b|\bmeeting\s+(?:with|between)\b|\b(?:held|had|hold|holds|holding)\s+(?:a|an|his|her|their|its)\s+"
                           r"(?:[\w-]+\s+){0,2}meeting\b|\bmeet(?:s|ing)?\s+(?:with\s+)?(?=(?-i:[A-Z]))"
                           r"|\bto\s+meet\b|\bwill\s+meet\b|\b(?:hold|held|holding|host(?:ed|s|ing)?)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}summit\b|\b(?:hosted|received|welcomed)\s+(?=(?-i:[A-Z]))|\b(?:at|during)\s+(?:a|their)\s+meeting\b(?!\s+of)|\bsummit\s+(?:(?:in|at)\s+(?-i:(?:[A-Z][\w’'-]+\s+){1,3}))?(?:with|between)\b"
                           r"|['’]s\s+(?:[\w-]+\s+){0,2}summit\b|\bmeeting\s+(?:in|at)\s+(?-i:(?:[A-Z][\w’'-]+\s+){1,3})(?:with|between)\b"
                           r"|\b(?:ended|concluded|wrapped\s+up|opened|began|started|closed)\s+(?:a|an|the|their|his|her)\s+(?:[\w-]+\s+){0,2}summit\b"
                           r"|\b(?:Oval\s+Office|White\s+House|bilateral|face-to-face)\s+meeting\b|\bhosting\s+(?=(?:[\w-]+\s+){0,3}(?-i:[A-Z]))"
                           r"|\b(?:was|were)\s+(?:received|greeted|welcomed)\s+by\b"
                           r"|(?-i:\b[A-Z][\w’']+)[-–](?-i:[A-Z][\w’']+)\s+(?:summit|meeting)\b|\bmet\s+(?:in|at|for)\b"
                           # "the meeting of Donald Trump with ...": a meeting named by its host
                           r"|\bmeeting\s+of\s+(?=(?-i:(?:[A-Z][\w’'-]+\s+){1,3})with\b)", re.I)),
]
_DUE = re.compile(r"[^.;]{0,80}?\b(?:was|were|is|are)\s+(?:due|expected|set|scheduled|planned)\s+to\b", re.I)
_PLANNED = re.compile(r"\b(?:will|would|shall|plan(?:s|ned)?\s+to|to\s+meet|expected|set\s+to|upcoming|due\s+to|prepar(?:es|ing)\s+to"
                      r"|scheduled|is\s+to|are\s+to|next\s+(?:week|month)|could|may|might|intend)\b", re.I)
# anywhere in the sentence, these say the contact did not or will not happen
_NEGATED = re.compile(r"\b(?:no\s+one|no\s+plans?|refused\s+to|den(?:ied|ies|y)\s+(?:that|reports?)|will\s+not|won['’]t|did\s+not|didn['’]t|declined\s+to|cancel+ed"
                      r"|called\s+off|ruled\s+out|any\s+(?:talks|meeting|negotiations))", re.I)
# near the trigger only, these make it an offer or a condition: "ready to meet", "if talks go ahead"
_NEGATED_NEAR = re.compile(r"\b(?:with\s+(?:phone\s+)?calls|offer(?:ed|s|ing)?\s+to|(?:would|could)\s+host|invit(?:ed|es|ation)|discuss(?:ed)?\s+visiting|open\s+to|if\b"
                           r"|ready\s+to|ready\s+for\s+(?:\w+\s+){0,2}(?:talks|negotiations|meetings?|dialogue)|call(?:ed|s|ing)?\s+for|push(?:ed|es|ing)?\s+for|urg(?:ed|es|ing)\s+(?:\w+\s+){0,3}to\s+(?:enter|start|begin|join|open))", re.I)
_SETTING = re.compile(r"^\s*(?:At|During|On\s+the\s+sidelines\s+of)\s+(?:a|an|the)\s+[^,]{0,60}?(?:meeting|summit|conference)[^,]{0,40},", re.I)
# "invited Trump to Moscow during their telephone conversation": the contact in which the offer was made, held
_SETTING_OF = re.compile(r"\b(?:during|in\s+the\s+course\s+of)\s+(?:their|a|the|his|her)\s+$", re.I)
_ANAPHORIC = re.compile(r"\b(?:the|this|that)\s+(?:conversation|call|discussion|meeting|talks)\b(?!\s+(?:with|between))", re.I)
_BOTH_LEADERS = re.compile(r"\b(?:both|the\s+two)\s+(?:leaders|presidents|sides|men)\b", re.I)
_DURATION = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|forty-five"
    r"|fifty|sixty|ninety)(?P<half1>\s+and\s+a\s+half)?[- ](?P<u>hours?|minutes?)(?P<half2>\s+and\s+a\s+half)?(?:[- ]long)?\b"
    r"|\b(?P<halfhour>half[- ]an[- ]hour)\b|\bhour[- ]long\b", re.I)
# how long a contact lasted, said in a sentence of its own: "the meeting lasted three hours"
_LASTED = re.compile(r"\b(?:lasted|went\s+on\s+for|ran\s+for)\b", re.I)
_MEDIATOR = re.compile(r"\bmediat(?:or|e|ed|es|ing|ion)\b|\bbrokered\s+by\b|\bhosted\s+by\b", re.I)
# "spoken with both A and B", "held separate phone calls with A and B": one contact with each
_WITH_BOTH = re.compile(r"\bwith\s+both\s+|\bseparate(?:ly)?\s+(?:[\w-]+\s+){0,2}(?:calls|talks|meetings|conversations)\s+with\s+"
                        r"|\b(?:spoke|talked|met)\s+separately\s+with\s+", re.I)


def extract_contacts(pc: PoliticalContext) -> list[Event]:
    """Calls, meetings, visits and talks, with their participants, status and duration."""
    out: list[tuple[int, Event]] = []
    for i, s in enumerate(pc.sentences):
        t = s.text
        if not pc.has(i, _CONTACT_KEYS):
            continue
        dl = s.start + dateline_end(t)
        ms = _with_paired_people(pc, s, [m for m in pc.mentions[i] if m.start >= dl])
        # "The talks, hosted by X, lasted about 90 minutes": the duration before the mediator, which ends the sentence
        lasted = _LASTED.search(t) if out and i - out[-1][0] <= 2 and out[-1][1].duration_minutes is None else None
        own = _trigger(t) if lasted else None
        # "Unlike the summit with X on Friday, which lasted three hours": the sentence's own contact lasted
        if lasted and (own is None or own[1].start() > lasted.start()) \
                and re.search(r"\b(?:meeting|talks|call|conversation|negotiations|discussions?|they|it)\b", t, re.I):
            dur = _duration(t[_LASTED.search(t).end():])
            if dur is not None:
                out[-1][1].set("duration_minutes", dur, s.span, "contact.duration.later_sentence")
                out[-1][1].evidence.append(s.span)
        if _MEDIATOR.search(t) and out and i - out[-1][0] <= 2:
            med = next((m for m in ms if m.kind == "person"), None)
            trig = _trigger(t)
            if med is not None and (trig is None or re.search(r"\bmediat", t, re.I)):
                prev = out[-1][1]
                prev.set("mediator", med.name, Span(med.start, med.end), "contact.mediator")
                prev.evidence.append(s.span)
                prev.participants = [p for p in prev.participants if p != med.name]
                continue
        if out and i - out[-1][0] <= 4 and out[-1][1].mode == "talks" and _DELEGATION.search(t):
            _delegates(out[-1][1], s, ms)
            continue
        trig = _trigger(t)
        if trig is None:
            continue
        mode, tm = trig
        if _SETTING.search(t) and tm.start() < _SETTING.search(t).end():
            continue
        if _NEGATED.search(t) or (_NEGATED_NEAR.search(t[max(0, tm.start() - 60):tm.end() + 60])
                                  and not _SETTING_OF.search(t, 0, tm.start())):
            continue
        if mode == "meeting" and re.match(r"met\s+(?:in|at|on|for)\b", t[tm.start():]) and not any(
                m.start - s.start < tm.start() for m in ms if m.kind in ("person", "country", "organization")):
            continue  # "Families of prisoners met in Kyiv": "met in" has its parties before it, and none is named
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
            if mode == "meeting" and re.search(r"\bdelegations?\b", t, re.I) and re.search(r"\b(?:talks|negotiations)\b", t, re.I):
                mode = "talks"  # "the delegations met in Istanbul for direct talks"
            if mode == "visit" and len(parts) == 1:
                # "Zelenskyy visited the city", "the president's trip to Mykolaiv region": a leader at home is no diplomacy
                where = _where(pc, s, mode, tm.start())
                if where is None or where.country == _side(parts[0]):
                    continue
            ev = pc.event("diplomatic_contact", s, f"contact.{mode}", at=tm.start())
            ev.set("mode", mode, s.sub(tm.start(), tm.end()), "contact.mode")
            after = t[tm.end():tm.end() + 30]
            after = after[:re.search(r"\bthat\b|$", after).start()]  # "told X in a call that the UK would send": reported words
            planned = _PLANNED.search(t[max(0, tm.start() - 40):tm.start()] + t[tm.start():tm.end()] + " " + after) \
                if not re.match(r"arrived\b", t[tm.start():]) else None
            if planned is None:  # "Technical talks between the US, Ukraine and Russia were due to follow"
                planned = _DUE.match(t, tm.end())
            ev.set("status", "planned" if planned else "held", s.span, "contact.status")
            if planned and ev.date is not None:
                _next_weekday(pc, s, ev)
            elif not planned:
                _possessive_day(pc, s, tm, ev)
            ev.participants = parts
            _note_participants(ev, ms)
            dur = _duration(t)
            if dur is not None:
                ev.set("duration_minutes", dur, s.span, "contact.duration")
            loc = _where(pc, s, mode, tm.start())
            if loc is not None:
                ev.set("location", loc, s.span, "contact.location")
            ev.confidence = 0.65
            out.append((i, ev))
    return _merge(_people_of_talks(out))


def _people_of_talks(out: list[tuple[int, Event]]) -> list[Event]:
    """"Ukraine and the US held eight hours of talks ... Rubio and Waltz met a Ukrainian delegation led by Yermak":
    the states' talks are the people's meeting told next; the people take the states' place."""
    from sitrep.normalize.actors import actor_by_name
    drop: set[int] = set()
    for k, (i, ev) in enumerate(out):
        if ev.mode != "talks" or not ev.participants or any(len(p) != 2 for p in ev.participants):
            continue
        for k2 in range(k + 1, len(out)):
            j, ev2 = out[k2]
            if j - i > 2:
                break
            if ev2.mode not in ("meeting", "talks") or ev2.status != ev.status or len(ev2.participants) < 2:
                continue
            actors = [actor_by_name(p) for p in ev2.participants]
            if any(a is None or a.kind != "person" for a in actors):
                continue
            if {a.side for a in actors} == set(ev.participants):
                ev.participants = list(ev2.participants)
                for key in [key for key in ev.provenance if key.startswith("participants")]:
                    del ev.provenance[key]
                for key, prov in ev2.provenance.items():
                    if key.startswith("participants"):
                        ev.provenance[key] = prov
                ev.evidence.extend(ev2.evidence)
                drop.add(k2)
                break
    return [e for k, (_, e) in enumerate(out) if k not in drop]


_CONTACT_KEYS = ("call", "phone", "spoke", "spoken", "talk", "conversation", "met", "meet", "visit", "arrived", "trip",
                 "negotiat", "summit", "mediat", "broker", "hosted", "hosting", "delegat", "represented", "lasted", "received",
                 "travel", "speak", "greeted", "welcomed")


def _next_weekday(pc: PoliticalContext, s: Sentence, ev: Event) -> None:
    """"will meet on Friday": a planned contact's weekday lies ahead of the reference date, not behind it."""
    import datetime as dt
    cue = pc.ctx.date_of(s)
    if cue is None or cue.rule != "date.weekday" or pc.ref is None:
        return
    day = dt.date.fromisoformat(ev.date)
    if day < pc.ref:
        ev.date = (day + dt.timedelta(days=7)).isoformat()


_OWN_CONTACT = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}(?:meeting|talks|summit|call|conversation|visit|trip)\b", re.I)
_POSSESSIVE_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\s+(?:[\w-]+\s+){0,2}$")


def _possessive_day(pc: PoliticalContext, s: Sentence, tm: re.Match, ev: Event) -> None:
    """"in Tuesday's phone call": the weekday owning the contact dates it, whatever else the sentence dates
    ("..., Russia launched drones overnight")."""
    from sitrep.extract.dates import find_date
    m = _POSSESSIVE_DAY.search(s.text, max(0, tm.start() - 40), tm.start())
    cue = find_date(m.group(0), pc.ref) if m and pc.ref is not None else None
    if cue is not None and cue.date.isoformat() != ev.date:
        ev.date, ev.date_precision = cue.date.isoformat(), cue.precision
        ev.note("date", s.sub(m.start(), m.end()), "contact.date.possessive_weekday")


# "the American and Russian presidents", "the French and German leaders": the holders of the two offices
_OFFICE_PAIR = re.compile(r"\b(?P<a>[A-Z][a-z]+|U\.?S\.?|U\.?K\.?)\s+and\s+(?P<b>[A-Z][a-z]+|U\.?S\.?|U\.?K\.?)\s+(?P<role>presidents|leaders|heads\s+of\s+state"
                          r"|prime\s+ministers|foreign\s+ministers|defen[cs]e\s+ministers)\b")
_INITIALS = {"US": "US", "UK": "GB"}
_PAIR_ROLES = {"presidents": ("president",), "leaders": ("chancellor", "president", "prime_minister"),
               "prime": ("prime_minister",), "foreign": ("foreign_minister",), "defence": ("defence_minister",),
               "defense": ("defence_minister",), "heads": ("president",)}
# "the Trump-Putin call": two people named by surname before the contact
_NAME_PAIR = re.compile(r"\b(?P<a>[A-Z][\w’']+)[-–](?P<b>[A-Z][\w’']+)\s+(?:(?:tele)?phone\s+|video\s+)?"
                        r"(?:call|conversation|summit|meeting|talks)\b")


def _with_paired_people(pc: PoliticalContext, s: Sentence, ms: list[ActorMention]) -> list[ActorMention]:
    """The sentence's actors, plus the people a pair of offices or a pair of surnames names; the country
    words of an office pair ("American", "Russian") give way to the people holding the offices."""
    t = s.text
    if "-" not in t and "–" not in t and " and " not in t:
        return ms
    from sitrep.normalize.actors import holder_of, resolve_actor
    from sitrep.normalize.countries import country_code
    extra: list[ActorMention] = []
    for m in _OFFICE_PAIR.finditer(t):
        roles = _PAIR_ROLES.get(m.group("role").split()[0].lower(), ())
        for g in ("a", "b"):
            iso = _INITIALS.get(m.group(g).replace(".", "")) or country_code(m.group(g))
            holder = next((h for h in (holder_of(r, iso, pc.ref) for r in roles) if h is not None), None) if iso else None
            if holder is None:
                break
            a, b = s.start + m.start(g), s.start + m.end(g)
            extra.append(ActorMention(a, b, m.group(g), holder.name, "person", holder.side, holder, "contact.office_pair"))
    for m in _NAME_PAIR.finditer(t):
        found = [(g, resolve_actor(m.group(g), date=pc.ref)) for g in ("a", "b")]
        if all(act is not None and act.kind == "person" for _, act in found):
            for g, act in found:
                a, b = s.start + m.start(g), s.start + m.end(g)
                extra.append(ActorMention(a, b, m.group(g), act.name, "person", act.side, act, "contact.name_pair"))
    if not extra:
        return ms
    kept = [m for m in ms if not any(x.start < m.end and m.start < x.end for x in extra)]
    return sorted(kept + extra, key=lambda m: m.start)


_DELEGATION = re.compile(r"\bdelegation\s+(?:was|is|were)\s+(?:led|headed)\s+by\b|\b(?:was|were)\s+represented\s+by\b"
                         r"|\bdelegation\s+(?:included|comprised)\b", re.I)


def _delegates(ev: Event, s: Sentence, ms: list[ActorMention]) -> None:
    """"The US delegation was led by A and B. Ukraine was represented by C": the people at the talks."""
    people = [m for m in ms if m.kind == "person"]
    if not people:
        return
    if ev.provenance.get("participants", None) is None or ev.provenance["participants"].rule != "contact.delegates":
        ev.participants = []
        for k in [k for k in ev.provenance if k.startswith("participants")]:
            del ev.provenance[k]
    for m in people:
        if m.name not in ev.participants:
            ev.participants.append(m.name)
            ev.note(f"participants[{len(ev.participants) - 1}]", Span(m.start, m.end), "contact.delegates")
    ev.provenance["participants"] = ev.provenance["participants[0]"].__class__(s.span, "contact.delegates")
    ev.evidence.append(s.span)


def _note_participants(ev: Event, ms: list[ActorMention]) -> None:
    """Provenance of each participant: the mention that names it."""
    for k, name in enumerate(ev.participants):
        m = next((m for m in ms if actor_value(m) == name), None)
        if m is not None:
            ev.note(f"participants[{k}]", Span(m.start, m.end), "contact.participant")


def _is_body(pc: PoliticalContext, i: int, parts: list[str]) -> bool:
    """A body meeting as such ("The UN Security Council will hold an emergency meeting")."""
    return any(m.kind == "organization" and m.name == parts[0] for m in pc.mentions[i])


# Every alternative of a mode's pattern holds one of its words: where the lower-cased sentence (text.folded)
# holds none, the pattern cannot match and is not run.
_MODE_WORDS = {
    "call": ("phone", "call", "spoke", "talked", "speak", "conversation"),
    "visit": ("visit", "trip", "arrived", "travel"),
    "talks": ("talks", "negotiations"),
    "meeting": ("met", "meet", "summit", "host", "received", "welcomed", "greeted"),
}


def _mode_search(mode: str, rx: re.Pattern[str], t: str, low: str | None) -> re.Match[str] | None:
    if low is not None and not any(w in low for w in _MODE_WORDS[mode]):
        return None
    return rx.search(t)


def _trigger(t: str) -> tuple[str, re.Match] | None:
    best: tuple[str, re.Match] | None = None
    low = folded(t)
    for mode, rx in _MODES:
        m = _mode_search(mode, rx, t, low)
        if m is None:
            continue
        if re.search(r"\b(?:after|before|since|following)\s+(?:\w+\s+){0,1}$", t[:m.start()]) and any(
                _mode_search(md2, rx2, t, low) for md2, rx2 in _MODES if md2 != mode):
            continue  # "met Xi in Beijing, days after visiting Putin": the contact is the meeting
        lo = max(0, m.start() - 12)
        ana = _ANAPHORIC.search(t, lo, m.end() + 1)
        # "the call" names a contact told before; "interrupted the meeting to phone Putin" is a contact of its own
        if ana is not None and ana.end() > m.start() and not re.match(r"meeting\s+of\b", m.group(0)) \
                and not re.search(r"\b(?:with|between)\b", t[m.start():m.end() + 12]):
            continue
        if best is None:
            best = (mode, m)
    return best


def _participants(pc: PoliticalContext, i: int, s: Sentence, ms: list[ActorMention], tm: re.Match,
                  prev: list[tuple[int, Event]]) -> list[list[str]]:
    t = s.text
    both = _BOTH_LEADERS.search(t)
    if both and prev and i - prev[-1][0] <= 3:
        # "the two leaders" are the people of the last contact of people, not the states of talks told since
        if re.search(r"leaders|presidents|men", both.group(0), re.I):
            people = [ev for j, ev in prev if i - j <= 4 and ev.participants and all(_is_person(p) for p in ev.participants)]
            if people:
                return [list(people[-1].participants)]
        return [list(prev[-1][1].participants)]
    rel = re.search(r",\s*(?:which|who)\b", t[tm.end():])  # "..., which Ankara brokered with the UN": background
    cut = tm.end() + rel.start() if rel else len(t)
    # "days after visiting Putin", "at the request of France": not in this contact
    bg = re.search(r"(?:,\s*|\s)(?:(?:days|weeks|hours|a\s+day|a\s+week|shortly|soon|just)\s+)?(?:after|before)\s+(?:\w+ing|meeting|talks|a|his|her)\b"
                   r"|\bat\s+the\s+request\s+of\b|\brequested\s+by\b"
                   r"|,\s*(?:days|weeks|hours|a\s+day|a\s+week|shortly|soon|just|two\s+days|a\s+month)\s+(?:after|before)\b"
                   # "..., as Blinken warned Beijing": a clause of its own, about something else
                   r"|,\s+as\s+(?!well\b|part\b|a\b|an\b|the\s+first\b)"
                   # "ended with talk of a possible meeting between A and B": another contact, only spoken of
                   r"|\b(?:possible|potential|future|proposed|further|another)\s+(?:[\w-]+\s+)?(?:meeting|summit|talks|call)\b", t[tm.end():])
    hard = tm.end() + bg.start() if bg else len(t)
    quoted = [(q.start, q.end) for q in pc.quotes_in(s)]
    # "said the world had seen 'the cruel face of Putin's army'": a name inside quoted words takes no part
    usable = [m for m in ms if not _is_place_role(t, s, m) and not _is_source(t, s, m)
              and not any(a <= m.start < b for a, b in quoted)
              # "discussed Putin's threats": a person in a possessive is talked about, not talked to
              # ("Zelenskyy's meeting with Biden", "Biden and Putin's summit": the owner of the contact takes part)
              and not (m.kind == "person" and re.match(r"['’]s\s+(?!office|team|envoy|aide|adviser|chief)", t[m.end - s.start:])
                       and not re.match(_OWN_CONTACT, t[m.end - s.start:]))
              and (m.start - s.start < cut or m.kind == "person") and m.start - s.start < hard]
    # "between X and Y"
    bm = re.search(r"\bbetween\s+(.{3,120}?)(?=\s+(?:in|at|on|over|about|devolved|ended|took|was|were|has|have|had)\b|[,.;]|$)",
                   t[tm.start():])
    # "between" belongs to the nearest contact word before it: "the meeting of A with B ended with talk of a
    # meeting between C and D" names C and D for the second meeting only
    if bm and re.search(r"\b(?:meeting|summit|talks|call|conversation|negotiations)\b", t[tm.end():tm.start() + bm.start()], re.I):
        bm = None
    if bm:
        a, b = tm.start() + bm.start(1), tm.start() + bm.end(1)
        inside = [m for m in usable if a <= m.start - s.start < b]
        if any(m.kind == "person" for m in inside):
            inside = [m for m in inside if m.kind == "person"]
        parts = _names(inside)
        if len(parts) >= 2:
            return [parts]
    # "Ukraine said it was ready ..., after eight hours of talks with American officials": the sentence's subject
    # held the talks with those named after them, though it also reports them
    aft = re.search(r",\s*after\s+(?:[\w-]+\s+){0,6}$", t[:tm.start()]) if re.match(r"(?:talks|negotiations|meeting)\s+with\b", t[tm.start():]) else None
    if aft is not None:
        subj = [m for m in ms if m.kind in ("country", "person", "organization") and m.start - s.start < 25 + dateline_end(t)
                and m.start - s.start < aft.start()][:1]
        objs = [m for m in usable if m.start - s.start >= tm.end() and m.kind in ("country", "person", "organization")]
        parts = _names(subj + objs)
        if subj and objs and len(parts) >= 2:
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
    # the one reporting the contact ("Ushakov told reporters that Putin and Trump had spoken") is not in it,
    # unless "he" in what he said makes him a party ("Zelenskyy said he had spoken with Macron")
    speakers = [m for m in people if re.match(
        r"\s*(?:,[^,]{1,80},\s*)?,?\s*(?:has\s+|had\s+|also\s+|later\s+)?(?:told|said|says|announced|confirmed)\b", t[m.end - s.start:])
        and (m.start - s.start > tm.end()  # "..., communications director Steven Cheung said"
             or m.end - s.start < tm.start() and not re.search(r"\b(?:he|she)\b", t[m.end - s.start:tm.start()], re.I))]
    if speakers and len(people) - len(speakers) >= 2:
        people = [m for m in people if m not in speakers]
    elif speakers and len(people) == len(speakers) and all(m.start - s.start > tm.end() for m in speakers) and len(_names(
            [m for m in usable if m.kind == "country" and not _is_source(t, s, m)])) >= 2:
        # "The Ukrainian delegation held talks with the United States, Yermak said": the states' talks, told by him
        people = []
    # "A and B signed the deal after C welcomed D": the contact is the clause after the conjunction
    conj = _CLAUSE_BEFORE.search(t[:tm.start()])
    if conj is not None and sum(m.start - s.start > conj.start() for m in people) >= 2:
        people = [m for m in people if m.start - s.start > conj.start()]
    # "A criticised B for his call with C": the one judging the contact is not in it
    judge = _JUDGED.search(t[:tm.start()])
    if judge is not None and sum(m.start - s.start > judge.start() for m in people) >= 2:
        people = [m for m in people if m.start - s.start > judge.start()]
    # a body taking part ("G7 leaders will hold a meeting"), not one qualifying a person ("NATO chief Mark Rutte")
    bodies_in = [m for m in usable if m.kind == "organization" and not re.match(
        r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,3}(?-i:[A-Z])", t[m.end - s.start:]) and not _is_source(t, s, m)]
    # "Umerov and his Turkish counterpart": the counterpart's country takes part
    counterparts = [m for m in ms if m.kind == "country" and re.match(r"\s+counterpart\b(?!\s+(?-i:[A-Z]))", t[m.end - s.start:])
                    and re.search(r"\b(?:his|her|their)\s+$", t[:m.start - s.start])]
    if people:
        parts = _names(bodies_in + people) if bodies_in else _names(people)
        parts += [v for v in _names(counterparts) if v not in parts]
        if len(parts) == 1 and re.match(r"\s*(?:[Hh]e|[Ss]he)\b", t[:tm.start()].split(",")[-1] or "") is not None:
            pass
        said_by = [m for m in ms if m.kind == "person" and m.end - s.start < tm.start()
                   and re.match(r"\s*(?:,[^,]{1,80},\s*)?(?:said|says|told)\b", t[m.end - s.start:])]
        subj_pron = not said_by and re.search(r"\b(?:[Hh]e|[Ss]he)\s+(?:had|has|also|later|then|will|would|(?:is|was)\s+(?:due|expected|set|scheduled)(?:\s+to)?)?\s*$",
                              t[:tm.start()])
        if subj_pron:
            src = _source_person(pc, i, s, ms)
            if src and src not in parts:
                parts.insert(0, src)
        role = _ROLE_SUBJECT.match(t)
        if role and len(parts) == 1 and not any(m.start - s.start < tm.start() for m in people):
            # "The chancellor also ... spoke with President X": the chancellor named in the sentences before
            src = _holder_before(pc, i, role.group("role"))
            if src and src not in parts:
                parts.insert(0, src)
        return [parts]
    bodies = [m for m in usable if m.kind in ("country", "organization")]
    if bodies and re.search(r"\b(?:talks|negotiations|delegations|leaders|officials|met|meet|meeting|summit)\b", t, re.I):
        parts = _names(bodies)
        if len(parts) >= 2:
            return [parts]
        lead = [m for m in bodies if m.kind == "organization" and (
            re.search(r"\bleaders\s+of\s+(?:the\s+)?$", t[:m.start - s.start], re.I)
            or re.match(r"\s+(?:countries\s+)?leaders\b", t[m.end - s.start:]))]
        if lead:  # "Leaders of the G7 countries met": the body's summit
            return [_names(lead[:1])]
        own = [m for m in bodies if m.kind == "organization" and m.start - s.start < tm.start()]
        if len(_names(own)) == 1 and re.search(r"\b(?:hold|held|holds|holding|convene[sd]?)\s+(?:an?\s+|its\s+)?(?:[\w-]+\s+){0,2}(?:meeting|session|summit)\b",
                                               t[tm.start() - 40 if tm.start() > 40 else 0:tm.end() + 10], re.I):
            return [_names(own)]  # "The UN Security Council will hold an emergency meeting": the body meets
    return []


_CLAUSE_BEFORE = re.compile(r"\s(?:after|before|when|once|while)\s+(?=(?:[\w’'-]+\s+){1,5}$)", re.I)
_JUDGED = re.compile(r"\b(?:criticis|criticiz|condemn|praised|prais|slamm|rebuk|blast|fault|thank|attack|chid|lambast|denounc|commend|hail)\w*"
                     r"\s+[^.;]{0,80}?\s+for\s+(?:his|her|their|its|the)\s+(?:[\w-]+\s+){0,3}$", re.I)


_ROLE_SUBJECT = re.compile(r"\s*The\s+(?P<role>chancellor|president|prime\s+minister|premier|foreign\s+minister|defen[cs]e\s+minister"
                           r"|secretary[-\s]general)\b(?!\s+(?:of|and)\b)")


def _holder_before(pc: PoliticalContext, i: int, role: str) -> str | None:
    """The person of the last three sentences holding ``role`` on the report day: whom "the chancellor" means."""
    want = {"premier": "prime_minister", "secretary general": "secretary_general", "secretary-general": "secretary_general",
            "defense minister": "defence_minister"}.get(role.lower(), re.sub(r"\s+", "_", role.lower()))
    for j in range(i - 1, max(-1, i - 4), -1):
        for m in reversed(pc.mentions[j]):
            if m.kind == "person" and m.actor is not None and any(
                    o.role == want for o in (m.actor.offices_on(pc.ref) if pc.ref else m.actor.offices)):
                return m.name
    return None


def _side(name: str) -> str | None:
    from sitrep.normalize.actors import actor_by_name
    a = actor_by_name(name)
    return a.side if a is not None else name if len(name) == 2 else None


def _is_person(name: str) -> bool:
    from sitrep.normalize.actors import actor_by_name
    a = actor_by_name(name)
    return a.kind == "person" if a is not None else (" " in name and not name.isupper())


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
    if re.search(r"\b(?:advisers|officials|delegations?|representatives|envoys|diplomats|negotiators|ministers)\s+from\s+(?:[^,;.]{0,60}?,\s*)?(?:the\s+)?$", before, re.I):
        return False  # "with national security advisers from Ukraine, the United States": they take part
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
    """Minutes a contact lasted: "about 90 minutes", "almost an hour and a half" (90), "eight hours" (480),
    "less than two hours" (120), "a two-and-a-half-hour call"."""
    m = _DURATION.search(t)
    if not m:
        return None
    if m.group("halfhour"):
        return 30
    if not m.group("n"):
        return 60
    raw = m.group("n").lower()
    n = 1.0 if raw in ("a", "an") else float(raw) if raw[0].isdigit() else parse_count(raw.replace("-", " "))
    if n is None:
        return None
    if m.group("half1") or m.group("half2"):
        n += 0.5
    return round(n * 60) if m.group("u").lower().startswith("hour") else round(n)


def _where(pc: PoliticalContext, s: Sentence, mode: str, at: int = 0) -> Location | None:
    if mode == "call":
        return None  # a call has two ends and no place
    # "talks between the two delegations in Jeddah": the first place named right after the trigger
    for p in pc.places(s) if mode == "talks" else ():
        if at <= p.start - s.start <= at + 80 and re.search(r"\b(?:in|at)\s+(?:the\s+)?$", pc.text[max(s.start, p.start - 8):p.start]):
            return p.location()
    # "X, who had met Y a day earlier, said ... up to the US to convince Russia": the place lies inside the clause
    rel = re.search(r",\s*(?:who|which)\b[^,]*$", s.text[:at])
    end = s.text.find(",", at) if rel is not None else -1
    loc = pc.place_after(s, r"in|at|to|visited|visiting|visits" if mode == "visit" else r"in|at|to", end if end >= 0 else None)
    if loc is not None:
        return loc
    return _seat_location(s.text, at)


# seats of government named for their city: "welcomed Zelenskyy to Downing Street" is a meeting in London
_SEATS = {"downing street": ("London", "GB"), "elysee palace": ("Paris", "FR")}
_SEAT = re.compile(r"\bOval\s+Office\b|\b(?:at|in)\s+the\s+White\s+House\b|\bDowning\s+Street\b|\b[EÉ]lys[eé]e\s+Palace\b")


def _seat_location(t: str, at: int) -> Location | None:
    """The seat of government the contact sits in, the first after the trigger (else before it); none where a
    background clause ("a day after his clash in the Oval Office") stands between the trigger and the seat."""
    m = _SEAT.search(t, at) or _SEAT.search(t)
    if m is None or (m.start() > at and re.search(r"\b(?:after|before|since|following)\b", t[at:m.start()], re.I)):
        return None
    key = re.sub(r"\s+", " ", m.group(0).lower()).replace("é", "e")
    if key not in _SEATS:
        return Location(country="US", precision="country")
    from sitrep.normalize.places import resolve_place
    city, iso = _SEATS[key]
    p = resolve_place(city, country=iso)
    return Location(p.name, p.admin1, p.country, p.lat, p.lon, "settlement") if p is not None else None


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
