"""Arrests (detentions and charges) and prisoner exchanges."""
from __future__ import annotations

import re

from sitrep.extract.political import PoliticalContext, actor_value
from sitrep.extract.text import Sentence, folded, lower_twin, parse_count
from sitrep.model import Event, Location, Released, Span
from sitrep.normalize.actors import ActorMention

# ---------------------------------------------------------------- arrests

_ARREST = re.compile(
    r"\b(?:detain(?:ed|ing)|arrest(?:ed|ing)|(?:detains|arrests)\s+(?=(?-i:[A-Z0-9])|an?\s|two\s|three\s|four\s)|taken\s+into\s+custody|apprehended|charged\s+with|wanted\s+list"
    r"|pre-trial\s+detention|(?:was|were)\s+accused\s+of|accus(?:ed|es)\s+(?:the|a|an)\s+(?:\w+\s+){0,2}(?:suspect|man|woman|resident|citizen)s?\s+of"
    r"|made\s+(?:a|an)\s+(?:[\w-]+\s+)?arrest|under\s+(?:house\s+)?arrest|detention|opened\s+(?:a\s+)?criminal\s+(?:case|proceedings)\s+against"
    r"|criminal\s+case\s+(?:was\s+|has\s+been\s+)?opened\s+against|charged\s+(?:[\w’'-]+\s+){1,6}?(?:in\s+absentia\s+)?with"
    r"|sentenced\s+(?:[\w’'-]+\s+){0,8}?to\s+(?:[\w-]+\s+){0,3}(?:years?|life|months?)|jailed\s+(?:[\w’'-]+\s+){0,6}?for"
    # the custody ruling and Ukraine's formal charge: "ordered him held in custody", "remanded for two months",
    # "was served a notice of suspicion", "served X with suspicion"
    r"|(?:held|kept|placed|remanded)\s+in\s+custody|remanded\s+(?:him|her|them\s+)?(?:for|until|pending)"
    r"|ordered\s+(?:him|her|them|(?-i:[A-Z][\w’'-]+\s+){1,3})\s*remanded|(?:was|were|been)\s+served\s+(?:with\s+)?(?:a\s+)?(?:notice\s+of\s+)?suspicion"
    r"|served\s+(?-i:(?:[A-Z][\w’'-]+\s+){1,3})with\s+(?:a\s+)?(?:notice\s+of\s+)?suspicion)\b", re.I)
# "sentenced US citizen Gordon Black": a named detainee the actor list does not know
_NAMED_DETAINEE = re.compile(r"\b(?:detained|arrested|sentenced|jailed)\s+(?:(?:[a-z][\w-]*|[A-Z]{2,})\s+){0,3}?"
                             r"(?P<n>[A-Z][a-z][\w’'-]+\s+(?:[A-Z][a-z][\w’'-]+\s+)?[A-Z][a-z][\w’'-]+)(?=[\s,.;]|$)")
# a follow-up sentence refers back to someone already detained
_REFERS_BACK = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|him|her|them|[Tt]he\s+(?:\w+\s+){0,2}(?:man|woman|suspects?|detainees?|individuals"
                          r"|people|pair|two|three|four|official|resident|soldier|ex-soldier|journalist|agent|agents|spy|spies))\b")
_HABITUAL = re.compile(r"\b(?:regularly|often|frequently|increasingly|near-daily|routinely|repeatedly|have\s+been\s+arresting"
                       r"|dozens\s+of|hundreds\s+of|thousands\s+of|since\s+the\s+start)\b", re.I)
_ANAPHOR = re.compile(r"\b(?:the|these|those)\s+(?:\w+\s+)?(?:detained|arrested|accused)\s+(?:individuals|people|men|suspects|persons)\b"
                      r"|\bThe\s+(?:alleged\s+)?(?:spies|suspects|pair)\b", re.I)
# A charge named as such outranks one read from the suspicion.
_CHARGE_NAMED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:high|state)\s+treason|\btreason\b", re.I), "treason"),
    (re.compile(r"\bterroris[tm]|terrorist\s+organi[sz]ation", re.I), "terrorism"),
    (re.compile(r"\bespionage\b", re.I), "espionage"),
    (re.compile(r"\bsabotage\b", re.I), "sabotage"),
    (re.compile(r"\bcollaborat(?:ion|ing|or)", re.I), "collaboration"),
    (re.compile(r"\bcorruption|\bbrib(?:e|es|ery|ing)\b|\bembezzl|\bkickbacks?\b", re.I), "corruption"),
    (re.compile(r"\bextremis[tm]", re.I), "extremism"),
    (re.compile(r"\btortur", re.I), "torture"),
    (re.compile(r"\bfraud\b", re.I), "fraud"),
]
_CHARGE_SUSPECTED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\barson|\bsabot|\bblow(?:ing)?\s+up|\bderail", re.I), "sabotage"),
    (re.compile(r"\bspy(?:ing)?\b|\bspies\b|\bintelligence\b|\bspott(?:ing|er)\b|\bcoordinates\b|\btargets\s+for\b|\bcollected\s+information|\bsharing\s+information"
                r"|\bpassing\s+(?:on\s+)?information|\bhandlers?\b|\bagents?\s+of\b", re.I), "espionage"),
    (re.compile(r"\bbrib(?:e|es|ery|ing)\b|\bkickbacks?\b|\bembezzl", re.I), "corruption"),
    (re.compile(r"\bsending\s+money|\bdonat|\bfinancial\s+help|\bwiring\b|\btransferr?ing\s+money|\bfund(?:ing|ed)\b", re.I),
     "treason"),
    (re.compile(r"\bjoin\s+(?:combat|the\s+fight)|\bfight\s+for\b", re.I), "treason"),
]
_CHARGE_CONTEXT = re.compile(r"\b(?:charges?|charged|case|cases|suspicion|suspected|accus\w*|allegations?|faces?|facing"
                             r"|for\s+(?:high\s+)?treason|on\s+suspicion)\b", re.I)
_WORKING_FOR = re.compile(
    r"\b(?:for|on\s+behalf\s+of|to|by|with|(?:on\s+)?the\s+(?:instructions|orders)\s+of)\s+(?:the\s+)?(?P<c>Russia|Russian|Ukraine|Ukrainian|Kyiv|Moscow"
    r"|Kyiv['’]s|Moscow['’]s|Belarus|Belarusian|China|Chinese|Iran|Iranian|American|United\s+States|US|U\.S\.|Washington|British|Britain"
    r"|Polish|Poland|Georgian|Georgia)\b", re.I)
_SPIES_OF = re.compile(r"\b(?P<c>Russian|Ukrainian|Belarusian|Chinese)\s+(?:spies|spy|agents?|intelligence|handlers?|special\s+services)\b", re.I)
_AUTHORITY_WORDS = re.compile(r"Security Service|Federal Security|Investigative Committee|Police|Prosecutor|Interior|Guard"
                              r"|Intelligence|Rosgvardia|Court|Bureau", re.I)
_DETAINEE = re.compile(
    r"\b(?:detained|arrested|detaining)\s+(?P<d>(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+[^,.;]{2,60}?)"
    r"(?=\s+(?:in|on|for|who|suspected|accused|after|while|over|saying|working|spying|acting)\b|[,.;]|$)", re.I)


# "Two men were detained by Polish police": the detainee before a passive verb
_DETAINEE_PASSIVE = re.compile(
    r"^(?:[^,;]*?,\s*)?(?P<d>(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|\d+)\s+(?:[\w-]+\s+){0,4}?(?:men|women|man|woman|people|suspects?"
    r"|residents?|citizens?|officers?|soldiers?|officials?|nationals?|students?|teenagers?|employees?|workers?))"
    r"\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:detained|arrested)\b")


_SABOTAGE_PLOT = re.compile(r"\b(?:sabotage|arson|set(?:ting)?\s+fire|blow(?:ing)?\s+up|derail\w*|plot(?:ting|ted)?\s+(?:an?\s+)?(?:attacks?|bombing|explosion))\b", re.I)


_CHARGE_CONTEXT_T = lower_twin(_CHARGE_CONTEXT)


def extract_arrests(pc: PoliticalContext) -> list[Event]:
    """Detentions and charges, with the authority, the charge and whom the detainee is accused of serving."""
    events: list[tuple[int, Event, bool]] = []  # (sentence, event, authority stated in the sentence)
    named_charges: list[tuple[int, str]] = []
    last_authority: ActorMention | None = None
    for i, s in enumerate(pc.sentences):
        t = s.text
        if not pc.has(i, _ARREST_KEYS):
            continue
        low = folded(t)  # for the twins of the case-insensitive triggers: the same matches, faster
        charged = _CHARGE_CONTEXT.search(t) if low is None else _CHARGE_CONTEXT_T.search(low)
        named = _charge(t, _CHARGE_NAMED) if charged else None
        if named and (not _ARREST.search(t) or re.search(r"\bsentenced\b", t)) and _REFERS_BACK.search(t):  # "they could face charges of treason"
            named_charges.append((i, named))
        ms = pc.mentions[i]
        auth = _authority(t, s, ms)
        if auth is not None and auth.kind != "country":
            last_authority = auth
        trig = _ARREST.search(t)
        if trig is None or _HABITUAL.search(t) or _ANAPHOR.search(t):
            continue
        if re.search(r"\b(?:released|freed|swap|exchange|release)\b", t, re.I):
            continue
        stated = auth is not None
        if auth is None and events and i - events[-1][0] <= 2 and not re.search(
                r"\b(?:police|authorities|prosecutors|investigators|guards?)\b", t, re.I):
            auth = last_authority
        ahead: Sentence | None = None
        if auth is None and _NAMED_ARREST.search(t):
            # "The detention of Timur Ivanov on Tuesday ... The FSB said Ivanov had ...": the body told next
            for j in range(i + 1, min(i + 3, len(pc.sentences))):
                nxt = _authority(pc.sentences[j].text, pc.sentences[j], pc.mentions[j])
                if nxt is not None and nxt.kind == "organization":
                    auth, stated, ahead = nxt, True, pc.sentences[j]
                    break
        if auth is None:
            auth = _court_of_place(pc, s, trig)
            stated = auth is not None
        if auth is None:
            continue
        ev = pc.event("arrest", s, "arrest.trigger", report_day=False)
        _arrest_day(pc, s, trig, ev)
        if ahead is not None:
            ev.evidence.append(ahead.span)
        if auth is not None:
            ev.set("authority", actor_value(auth), Span(auth.start, auth.end) if stated else None, "arrest.authority")
        charge = named or _charge(t, _CHARGE_SUSPECTED)
        if charge == "espionage" and _SABOTAGE_PLOT.search(t):
            charge = "sabotage"  # "charged with espionage over a plot to set fire to ...": the plot is the act
        if charge:
            ev.set("charge", charge, s.span, "arrest.charge.named" if named else "arrest.charge.suspected")
        wf = _working_for(t, auth)
        if wf is not None:
            ev.set("accused_of_working_for", wf, s.span, "arrest.working_for")
        dm = _DETAINEE.search(t) or _DETAINEE_PASSIVE.search(t)
        if dm:
            ev.set("detainee", re.sub(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)$", "",
                                      dm.group("d").strip()), s.sub(dm.start("d"), dm.end("d")), "arrest.detainee.phrase")
        if ev.detainee is None:
            nm = _NAMED_DETAINEE.search(t)
            if nm and not any(p.start < s.start + nm.end("n") and s.start + nm.start("n") < p.end for p in pc.places(s)) \
                    and not any(m.start < s.start + nm.end("n") and s.start + nm.start("n") < m.end for m in ms):
                ev.set("detainee", nm.group("n"), s.sub(nm.start("n"), nm.end("n")), "arrest.detainee.name")
        person = next((m for m in ms if m.kind == "person" and m.start - s.start > trig.start() - 80
                       and not re.search(r"\b(?:President|Putin)\b", m.name)), None)
        if person is not None and ev.detainee is None and re.search(r"wanted\s+list|detained|arrested|charged|sentenced|jailed|(?:detention|arrest)\s+of|under\s+(?:house\s+)?arrest", t, re.I):
            ev.set("detainee", person.name, Span(person.start, person.end), "arrest.detainee.person")
        loc = _where(pc, s, auth)
        if loc is not None:
            ev.set("location", loc, s.span, "arrest.location")
        ev.confidence = 0.65
        events.append((i, ev, stated))
    # "X, acting on the instructions of the American side, ...": whom the detainee served, said just after
    for i, ev, _ in events:
        if ev.accused_of_working_for is not None:
            continue
        for j in range(i + 1, min(i + 3, len(pc.sentences))):
            sj = pc.sentences[j]
            names_him = ev.detainee is not None and ev.detainee.split()[-1] in sj.text
            if names_him or _REFERS_BACK.search(sj.text):
                wf = _working_for(sj.text, None)
                if wf is not None and wf != _side_of_authority(ev.authority):
                    ev.set("accused_of_working_for", wf, sj.span, "arrest.working_for.next_sentence")
                    ev.evidence.append(sj.span)
                    break
    # a charge named in a later sentence ("could face charges of high treason") applies to the arrests before it
    for i, ev, _ in events:
        later = [(j, c) for j, c in named_charges if j > i and j - i <= 8] or \
            [(j, c) for j, c in reversed(named_charges) if i - 2 <= j < i]
        if later and (ev.provenance.get("charge") is None or ev.provenance["charge"].rule != "arrest.charge.named"):
            ev.set("charge", later[0][1], pc.sentences[later[0][0]].span, "arrest.charge.later")
        if ev.accused_of_working_for is None and ev.charge in ("espionage", "treason", "sabotage", "collaboration"):
            other = _other_side(ev.authority)
            # only where the text names that side at all: a foreigner held as a spy may serve a third country
            said = " ".join(pc.text[sp.start:sp.end] for sp in ev.evidence)
            if other and re.search({"UA": r"\bUkrain|\bKyiv", "RU": r"\bRussia|\bMoscow|\bKremlin|\boccupiers|\boccupation"}[other], said):
                ev.set("accused_of_working_for", other, ev.evidence[0], "arrest.working_for.other_side")
    back = {i for i, _, _ in events if _DETAIL_BACK.search(pc.sentences[i].text)}
    return _merge_arrests([(i, ev, stated) for i, ev, stated in events], back)


# "The detention of Timur Ivanov", "the arrest of X": a named person's arrest, told as a noun
_NAMED_ARREST = re.compile(r"\b(?:detention|arrest)\s+of\s+(?:[a-z][\w-]*\s+){0,3}(?-i:[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)", re.I)
_WEEKDAY_ON = re.compile(r"\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _arrest_day(pc: PoliticalContext, s: Sentence, trig: re.Match, ev: Event) -> None:
    """The day of the detention: a weekday right after the arrest words ("detained on Tuesday") over another
    day of the sentence ("a court on Wednesday ordered that X, detained on Tuesday, ..."); with none in the
    sentence, the day a report says it ("the SBU said on Tuesday it had detained ...")."""
    from sitrep.extract.dates import find_date
    if pc.ref is None:
        return
    near = _WEEKDAY_ON.search(s.text, trig.end(), trig.end() + 80)
    if near is not None and not re.search(r"\b(?:said|says|announced|reported|told)\s*$", s.text[:near.start()]):
        cue = find_date(near.group(0), pc.ref)
        if cue is not None and cue.date.isoformat() != ev.date:
            ev.date, ev.date_precision = cue.date.isoformat(), cue.precision
            ev.note("date", s.sub(near.start(), near.end()), "arrest.date.weekday_after")
        return
    if ev.date is None:
        ev.date, ev.date_precision = pc.date(s)
        if ev.date is not None:
            ev.note("date", s.span, "arrest.date.report_day")


# "The two detained colonels were charged ...": a detail of an arrest told before
_DETAIL_BACK = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Tt]hose)\s+(?:\w+\s+){0,2}(?:detained|arrested|suspected|suspects?|detainees?)\b")


def _side_of_authority(authority: str | None) -> str | None:
    other = _other_side(authority)
    return {"UA": "RU", "RU": "UA"}.get(other or "")


_ARREST_KEYS = ("detain", "arrest", "remand", "served", "sentenced", "jailed", "custody", "apprehend", "charge", "wanted", "accus", "detention", "case", "suspic",
                "suspect", "treason", "espionage", "spy", "spies", "terror", "sabotage", "faces", "facing", "security service",
                "fsb", "sbu", "police", "investigat", "prosecut")


def _charge(t: str, table) -> str | None:
    for rx, word in table:
        if rx.search(t):
            return word
    return None


def _authority(t: str, s: Sentence, ms: list[ActorMention]) -> ActorMention | None:
    bodies = [m for m in ms if m.kind == "organization" and _AUTHORITY_WORDS.search(m.name)]
    if bodies:
        # "Estonia's Internal Security Service": a generic body name owned by another country is that country's
        owner = next((c for c in ms if c.kind == "country" and c.end <= bodies[0].start and c.side != bodies[0].side
                      and re.fullmatch(r"['’]s\s+(?:[A-Z][\w-]*\s+){0,2}", t[c.end - s.start:bodies[0].start - s.start])), None)
        return owner or bodies[0]
    m = re.search(r"\b(?:Russia|Ukraine|Moscow|Kyiv|Belarus)\s+(?:has\s+|also\s+)?(?:arrested|detained|put|placed|charged)\b", t)
    if m:
        return next((x for x in ms if x.start - s.start == m.start()), None)
    # "Police in Poland", "Russian authorities": the country whose officers made the arrest
    g = re.search(r"\b(?i:police|authorities|prosecutors|investigators|border\s+guards?|security\s+services?|(?:a\s+)?court)\s+in\s+(?P<c>[A-Z][\w-]+)"
                  r"|\b(?P<d>[A-Z][\w-]+)\s+(?i:police|authorities|prosecutors|investigators|border\s+guards?|security\s+services?"
                  r"|(?:military\s+|regional\s+|district\s+|city\s+)?court)\b", t)
    if g:
        word = g.group("c") or g.group("d")
        hit = next((x for x in ms if x.kind == "country" and x.text.startswith(word)), None)
        if hit is not None:
            return hit
        # "a court in Rostov-on-Don": the country the place lies in
        iso = next((p.country for p in _places_named(t, s, word)), None)
        if iso is not None:
            return ActorMention(s.start + g.start(), s.start + g.end(), g.group(0), iso, "country", iso, None, "arrest.court_place")
    return None


_A_COURT = re.compile(r"\b(?:a|the)\s+(?:(?-i:[A-Z][\w-]+)\s+)?(?:district\s+|city\s+|regional\s+|appeals?\s+)?court\b", re.I)


def _court_of_place(pc: PoliticalContext, s: Sentence, trig: re.Match) -> ActorMention | None:
    """"a court on Saturday ordered him remanded ... in a Kyiv detention centre": a custody ruling by a court
    the text does not name belongs to the country of the place the sentence names (the court sits there)."""
    if not re.search(r"\b(?:custody|remand\w*)\b", s.text, re.I):
        return None
    court = _A_COURT.search(s.text)
    if court is None:
        return None
    iso = next((p.country for p in pc.places(s) if p.country), None)
    if iso is None:
        return None
    return ActorMention(s.start + court.start(), s.start + court.end(), court.group(0), iso, "country", iso, None, "arrest.court_country")


def _places_named(t: str, s: Sentence, word: str):
    from sitrep.normalize.places import find_places
    return [p for p in find_places(s.text) if p.text.startswith(word)]


def _working_for(t: str, auth: ActorMention | None) -> str | None:
    from sitrep.normalize.countries import country_code
    for rx in (_SPIES_OF, _WORKING_FOR):
        for m in rx.finditer(t):
            iso = country_code(m.group("c"))
            if iso and (auth is None or iso != (auth.side or "")):
                ctx = t[max(0, m.start() - 60):m.end() + 30]
                if rx is _SPIES_OF or re.search(r"\b(?:work|spy|spies|spying|espionage|behalf|instructions|orders|money|paid|fight|join|handlers?"
                                                r"|help|donat|intelligence|army|military|armed|forces|collaborat)", ctx, re.I):
                    return iso
    return None


def _other_side(authority: str | None) -> str | None:
    if authority is None:
        return None
    from sitrep.normalize.actors import actor_by_name
    a = actor_by_name(authority)
    side = a.side if a else authority if len(authority) == 2 else None
    return {"UA": "RU", "RU": "UA"}.get(side or "")


def _where(pc: PoliticalContext, s: Sentence, auth: ActorMention | None) -> Location | None:
    t = pc.text
    # "Kyiv's ranks", "on behalf of Kyiv": a capital standing for its government is not where it happened
    from sitrep.extract.political import dateline_end
    dl = s.start + dateline_end(s.text)
    people = [m for m in pc.mentions[pc.ctx.sentence_index(s.start)] if m.kind == "person"]
    places = [p for p in pc.places(s) if p.kind != "country" and not _metonym(t, p) and p.start >= dl
              and not t.startswith("-", p.end)  # "the Moscow-linked church": a qualifier, not a place
              and not any(m.start < p.end and p.start < m.end for m in people)]  # "Timur Ivanov" is no town
    # "detained X ... in the city of Yekaterinburg": the place the detention is put at
    near = [p for p in places if re.search(r"\b(?:in|at)\s+(?:the\s+(?:city|town|village|region)\s+of\s+)?$", t[max(s.start, p.start - 30):p.start])]
    if len(near) == 1 and len(places) > 1:
        return near[0].location()
    if len(places) == 1 or (places and len({p.admin1 for p in places}) == 1):
        return places[0].location()
    if auth is not None and auth.side in ("UA", "RU"):
        return Location(country=auth.side, precision="country")
    return None


def _metonym(t: str, p) -> bool:
    """"Kyiv's ranks", "on behalf of Kyiv", "Moscow also put...": a capital standing for its government."""
    from sitrep.normalize.countries import country_code
    if country_code(t[p.start:p.end]) is None:
        return False
    return (t.startswith(("'s", "’s"), p.end) or bool(re.search(r"\b(?:for|of|to|join|with|against)\s+$", t[max(0, p.start - 12):p.start]))
            or bool(re.match(r"\s+(?:also\s+|has\s+|had\s+)?[a-z]+ed\b", t[p.end:p.end + 30])))


def _merge_arrests(events: list[tuple[int, Event, bool]], back: set[int] = frozenset()) -> list[Event]:
    """Headline, lead and detail sentences about one arrest are one event; a country named as the
    authority in a summary gives way to the body named in the details; a detail sentence referring back
    ("The two detained colonels were charged with treason") completes the arrest it follows."""
    bodies = {ev.authority for _, ev, _ in events if ev.authority and len(ev.authority) > 3}
    out: list[Event] = []
    last: dict[int, int] = {}  # id(event in out) -> sentence of its latest mention
    for i, ev, _ in events:
        near = next((o for o in reversed(out) if i in back and i - last[id(o)] <= 6 and o.authority == ev.authority
                     and (o.charge is None or ev.charge is None or o.charge == ev.charge)
                     and (o.accused_of_working_for is None or ev.accused_of_working_for is None
                          or o.accused_of_working_for == ev.accused_of_working_for)
                     and (o.detainee is None or ev.detainee is None)
                     and ((o.detainee is None) != (ev.detainee is None) or o.charge is None or ev.charge is None)), None)
        if near is not None:
            if ev.location is not None and ev.location.name and (near.location is None or not near.location.name):
                near.set("location", ev.location, ev.provenance["location"].span if "location" in ev.provenance else ev.evidence[0],
                         "arrest.location.detail")
            for f in ("charge", "accused_of_working_for", "detainee"):
                if getattr(near, f) is None and getattr(ev, f) is not None:
                    near.set(f, getattr(ev, f), ev.provenance[f].span if f in ev.provenance else ev.evidence[0],
                             ev.provenance[f].rule if f in ev.provenance else f"arrest.{f}")
            near.evidence.extend(ev.evidence)
            last[id(near)] = i
            continue
        named_person = ev.detainee is not None and re.fullmatch(r"(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+", ev.detainee)
        # only a body of that same country takes its place: "German police" stays beside the FSB of another story
        if ev.authority and len(ev.authority) == 2 and not named_person and any(
                _side_of_authority(b) in (ev.authority, None) for b in bodies):
            continue
        same = next((o for o in out if o.authority == ev.authority and o.charge == ev.charge
                     and o.accused_of_working_for == ev.accused_of_working_for
                     and (o.location is None or ev.location is None or o.location.name is None
                          or ev.location.name is None or o.location.name == ev.location.name)
                     and (o.detainee is None or ev.detainee is None or o.detainee == ev.detainee)), None)
        if same is None:
            out.append(ev)
            last[id(ev)] = i
            continue
        same.evidence.extend(ev.evidence)
        last[id(same)] = i
        if ev.location is not None and (same.location is None or same.location.name is None):
            same.set("location", ev.location, ev.provenance["location"].span if "location" in ev.provenance else ev.evidence[0],
                     "arrest.location.detail")
        if same.detainee is None and ev.detainee is not None:
            same.set("detainee", ev.detainee, ev.provenance["detainee"].span if "detainee" in ev.provenance else ev.evidence[0],
                     "arrest.detainee.detail")
    return out


# ---------------------------------------------------------------- prisoner exchanges

_EXCHANGE = re.compile(r"\b(?:prisoner\s+(?:exchange|swap)|swap(?:ped)?\b|exchang(?:ed|e)\s+(?:[\w,]+\s+){0,3}"
                       r"(?:prisoners|POWs|captives|detainees)|prisoners?\s+of\s+war\s+(?:were\s+)?(?:returned|released|freed)"
                       r"|secured\s+the\s+release|(?:returned|brought|came)\s+home|(?:got|brought|won)\s+back\s+(?:\w+\s+){0,2}\d+|released\s+from\s+(?:Russian|Ukrainian)\s+captivity"
                       r"|(?:were|was|had\s+been|have\s+been)\s+(?:returned|released|freed|handed\s+over|exchanged|swapped)|in\s+exchange"
                       r"|(?:returned|released|freed|handed\s+over)\s+in\s+return|(?:received|got|took\s+back)\s+(?:[\w’'-]+\s+){1,8}in\s+return"
                       r"|\beach(?:\s+(?:side|country|party))?\s+(?:released|freed|returned|handed\s+over)"
                       r"|(?:released|freed|returned|handed\s+over)\s+(?:\w+\s+){0,3}(?:prisoners|POWs|captives|servicemen|soldiers)"
                       r"|(?:Ukrainians|Russians|prisoners|POWs|captives|servicemen|soldiers)\s+(?:were\s+|had\s+been\s+)?(?:released|freed|going\s+home))\b", re.I)
# "One hundred and fifty", "two hundred": counts written out in words, as a text's first word must be
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_HUNDREDS = (r"(?:a|" + _UNITS[3:-1] + r")\s+hundred(?:\s+and\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
             r"(?:-" + _UNITS + r")?|ten|eleven|twelve|[a-z]+teen|" + _UNITS[3:-1] + r"))?")
_EXCHANGE_NOT = re.compile(r"\b(?:cancel+ed|did\s+not|didn['’]t|no\s+(?:exchange|swap)|bodies|remains|postponed|called\s+off)\b", re.I)
_COUNTED = re.compile(r"\b(?P<n>\d[\d,]*|" + _HUNDREDS + r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+-[a-z]+|twenty|thirty"
                      r"|forty|fifty|sixty|seventy|eighty|ninety)\s+(?:\w+\s+){0,2}?(?:service\s*(?:men|members|personnel|women)"
                      r"|soldiers|servicemen|civilians|prisoners(?:\s+of\s+war)?|POWs|defenders|people|troops|fighters"
                      r"|captives|citizens|children|marines|officers|Ukrainians|Russians)\b", re.I)


def extract_exchanges(pc: PoliticalContext) -> list[Event]:
    """Prisoner exchanges of the document, with their parties and who was released by whom. A stage
    on another day ("a second stage followed on Saturday") is an exchange of its own."""
    events: list[Event] = []
    ev: Event | None = None
    for i, s in enumerate(pc.sentences):
        t = s.text
        if not pc.has(i, ("swap", "exchang", "prisoner", "releas", "freed", "return", "home", "captiv", "handed")):
            continue
        low = folded(t)  # for the twins of the case-insensitive triggers: the same matches, faster
        if low is None:
            if not _EXCHANGE.search(t) or _EXCHANGE_NOT.search(t) or _EXCHANGE_HYPOTHETICAL.search(t):
                continue
        elif not _EXCHANGE_T.search(low) or _EXCHANGE_NOT_T.search(low) or _EXCHANGE_HYPOTHETICAL_T.search(low):
            continue
        ms = pc.mentions[i]
        countries = [m for m in ms if m.kind == "country"]
        people = [m for m in ms if m.kind == "person" and _released_person(t, s, m)]
        counts = _release_counts(t) if _RELEASE_WORD.search(t) else []
        stage_before: Event | None = None
        if ev is not None and counts and ev.released and ev.date is not None:
            date, _ = pc.date(s, report_day=False)
            if date is not None and date != ev.date and not re.search(r"\bsaid\s+on\s+\w+day\b", t):
                stage_before, ev = ev, None  # another stage, on another day
        if ev is None:
            if not (countries or people or counts):
                continue
            ev = pc.event("prisoner_exchange", s, "exchange.trigger", report_day=False)
            ev.confidence = 0.65
            events.append(ev)
            own = _OWN_DAY.search(t)
            if own is not None and pc.ref is not None:  # "to welcome news of Wednesday's exchange": Wednesday's
                from sitrep.extract.dates import find_date
                cue = find_date(own.group("wd") + "'s", pc.ref)
                if cue is not None:
                    ev.date, ev.date_precision = cue.date.isoformat(), cue.precision
                    ev.note("date", s.sub(own.start(), own.end()), "exchange.date.possessive_weekday")
            if stage_before is not None:  # "On Friday, 390 were exchanged by each side": the sides of the stage told before
                for k, side in enumerate(stage_before.parties):
                    ev.parties.append(side)
                    prov = stage_before.provenance.get(f"parties[{k}]")
                    ev.note(f"parties[{k}]", prov.span if prov else stage_before.evidence[0], "exchange.party.earlier_stage")
                    if prov is not None and prov.span not in ev.evidence:
                        ev.evidence.append(prov.span)
        else:
            ev.evidence.append(s.span)
            if ev.date is None:  # a headline names the swap; the body's first sentence dates it
                ev.date, ev.date_precision = pc.date(s, report_day=False)
        for m in _party_mentions(t, s, countries):
            if m.side not in ev.parties:
                ev.parties.append(m.side)
                ev.note(f"parties[{len(ev.parties) - 1}]", Span(m.start, m.end), "exchange.party")
        for m in people:
            by = _freed_by(t[:m.start - s.start]) or _held_by(t, s, m, ev.parties)
            if not any(r.name == m.name for r in ev.released):
                ev.released.append(Released(name=m.name, released_by=by))
                ev.note(f"released[{len(ev.released) - 1}].name", Span(m.start, m.end), "exchange.person")
        for fm in _FREED_NAME.finditer(t):
            a, b = s.start + fm.start("name"), s.start + fm.end("name")
            if any(m.start < b and a < m.end for m in ms) or any(p.start < b and a < p.end for p in pc.places(s)):
                continue  # a known actor (handled above) or a place
            name = fm.group("name")
            if re.search(r"\b(?:Ukrainians?|Russians?|Soldiers|Prisoners|Forces|Ministry|Service|Army)\b", name):
                continue
            if not any(r.name == name for r in ev.released):
                side = ev.parties[0] if len(ev.parties) == 1 else None
                by = _freed_by(t[:fm.start("name")]) or ({"UA": "RU", "RU": "UA"}.get(side or "")
                                                          if re.search(r"\b(?:secured|won|obtained)\s+the\s+release\b", t) else None)
                ev.released.append(Released(name=name, released_by=by))
                ev.note(f"released[{len(ev.released) - 1}].name", Span(a, b), "exchange.named_person")
        by, by_span = _released_by(t, s, ms)
        each = _EACH.search(t)
        if each:  # "Ukraine and Russia each released 390 prisoners": the same count from both sides
            g = "n" if each.group("n") else "n2" if each.group("n2") else "n3"
            n = _count_value(each.group(g))
            # "Each side released 246 prisoners": the sides of this exchange, named before
            for side in _party_sides(t[:each.start()]) or (ev.parties if len(ev.parties) == 2 else []) or _party_sides(t):
                _add_count(ev, n, side, s.sub(each.start(g), each.end(g)), s.sub(0, each.start()))
            counts = []
        added: list[tuple[int, str]] = []
        for c in counts:
            n = _count_value(c.group("n"))
            side = _side_of_count(t, c, ms, s) or by
            if n is None or side is None:
                continue
            added.append((n, side))
        for side in {sd for _, sd in added}:
            parts = [n for n, sd in added if sd == side]
            # a breakdown ("270 servicemen and 120 civilians") of a count already stated for that side
            if len(parts) > 1 and any(r.count == sum(parts) and r.released_by == side for r in ev.released):
                added = [(n, sd) for n, sd in added if sd != side]
        for c in counts:
            n = _count_value(c.group("n"))
            side = _side_of_count(t, c, ms, s) or by
            if (n, side) in added:
                _add_count(ev, n, side, s.sub(c.start("n"), c.end("n")), by_span or s.sub(c.start(), c.end()))
        if _SAME_NUMBER.search(t):
            _mirror_count(ev, s.sub(_SAME_NUMBER.search(t).start(), _SAME_NUMBER.search(t).end()))
        for r in ev.released:
            if r.released_by is not None and r.released_by not in ev.parties:
                ev.parties.append(r.released_by)
                ev.note(f"parties[{len(ev.parties) - 1}]", s.span, "exchange.party.releasing_side")
            other = {"RU": "UA", "UA": "RU"}.get(r.released_by or "") if r.count is not None else None
            if other and other not in ev.parties and re.search(r"\bUkrain|\bRussia", t):
                ev.parties.append(other)
                ev.note(f"parties[{len(ev.parties) - 1}]", s.span, "exchange.party.receiving_side")
    return [e for e in events if e.parties or e.released]


_OWN_DAY = re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\s+(?:[\w-]+\s+){0,2}(?:exchange|swap)\b")
_RELEASE_WORD = re.compile(r"\b(?:returned|released|release\s+of|freed|home|brought|handed\s+over|going\s+home|exchanged|swapped|(?:got|won)\s+back)\b", re.I)
_EXCHANGE_HYPOTHETICAL = re.compile(r"\b(?:could|might|may)\s+be\s+(?:exchanged|swapped|released)|\bagreed\s+to\s+(?:swap|exchange)"
                                    # "agreed that Russia and Ukraine would exchange 175 prisoners", "an agreement to exchange"
                                    r"|\b(?:would|will)\s+(?:swap|exchange)\b|\b(?:agreement|deal|plans?)\s+to\s+(?:swap|exchange)\b"
                                    r"|\bpreparing\s+(?:a\s+)?(?:new\s+)?(?:exchange|swap)|\bsuggest(?:ed|ing)\b|\b(?:was|were)\s+(?:proposed|offered)\b", re.I)
# Twins of the exchange triggers for the lower-cased sentence (text.folded): the same matches, faster.
_EXCHANGE_T, _EXCHANGE_NOT_T, _EXCHANGE_HYPOTHETICAL_T = map(lower_twin, (_EXCHANGE, _EXCHANGE_NOT, _EXCHANGE_HYPOTHETICAL))
# "secured the release of Mariupol defender Dmytro Kozatskyi": a freed person the actor list does not know
_FREED_NAME = re.compile(r"\b(?:release\s+of|freed|released)\s+(?:(?:[A-Z][\w-]+\s+)?(?:[a-z][\w-]+\s+){1,3})?"
                         r"(?P<name>[A-Z][a-z][\w’'-]+(?:\s+[A-Z][a-z][\w’'-]+){1,2})(?=[\s,.;]|$)")
_EACH = re.compile(r"\beach(?:\s+(?:side|country|party))?\s+(?:released|freed|returned|handed\s+over|swapped|exchanged)\s+(?P<n>\d[\d,]*|[a-z]+)\s+"
                   r"(?:\w+\s+){0,2}?(?:prisoners|people|soldiers|servicemen|captives|POWs|detainees|civilians)\b"
                   r"|\b(?:released|freed|returned|handed\s+over|swapped|exchanged)\s+(?P<n2>\d[\d,]*)\s+(?:\w+\s+){0,2}?"
                   r"(?:prisoners|people|soldiers|servicemen|captives|POWs|detainees|civilians)(?:\s+of\s+war)?\s+each\b"
                   # "390 people were exchanged by each side", "the return of 303 people to each side", "95 from each side"
                   r"|\b(?P<n3>\d[\d,]*)\s+(?:(?:\w+\s+){0,2}?(?:prisoners|people|soldiers|servicemen|captives|POWs|detainees|civilians)"
                   r"(?:\s+of\s+war)?\s+)?(?:(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:exchanged|swapped|released|freed|returned"
                   r"|handed\s+over)\s+)?(?:to|from|by|for)\s+each\s+(?:side|country|party)\b", re.I)
# "in exchange for the same number of Ukrainian prisoners": the one count stated holds for the other side too
_SAME_NUMBER = re.compile(r"\b(?:the\s+same\s+number|an\s+equal\s+number)\b", re.I)
_KILLED_BEFORE = re.compile(r"\b(?:killed|killing|kills|injured|injuring|wounded|wounding|dead|died|lost)\s+"
                            r"(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+|some\s+)?$", re.I)
_BREAKDOWN_BEFORE = re.compile(r"\b(?:among\s+them|including|of\s+them|of\s+whom)\s+(?:[\w,]+\s+){0,6}$", re.I)
_DEMONYM_SIDE = {"ukrainian": "RU", "ukrainians": "RU", "russian": "UA", "russians": "UA"}


def _count_value(raw: str) -> int | None:
    """The number a count says: "189", "1,000", "fifty", "one hundred and fifty" (150)."""
    if raw[:1].isdigit():
        return parse_count(raw.replace(",", ""))
    m = re.fullmatch(r"(?P<h>[a-z]+)\s+hundred(?:\s+and\s+(?P<rest>[a-z-]+))?", raw.lower())
    if m is None:
        return parse_count(raw)
    h = 1 if m.group("h") in ("a", "one") else parse_count(m.group("h"))
    rest = parse_count(m.group("rest").replace("-", " ")) if m.group("rest") else 0
    return h * 100 + rest if h is not None and rest is not None else None


def _release_counts(t: str) -> list[re.Match[str]]:
    """Counts of released people: never a death toll ("killed at least 12 people")."""
    if _CUMULATIVE.search(t):
        return []  # "3,900 have been returned since the start of the invasion": a running total, not this swap
    return [c for c in _COUNTED.finditer(t) if not _KILLED_BEFORE.search(t[:c.start()])
            and not re.match(r"[\d,]*-for-", t[c.start():])]


# a perfect tense running to now ("have been returned since the start of the invasion"), a running total
_CUMULATIVE = re.compile(r"\b(?:have|has)\s+(?:been\s+)?(?:returned|released|freed|brought\s+(?:back|home)|exchanged|swapped)\b"
                         r"[^.;]{0,80}?(?:\bsince\b|\bso\s+far\b|\bto\s+date\b|\bin\s+(?:all|total)\b)"
                         r"|\bbringing\s+the\s+(?:total|number)\b", re.I)


def _side_of_count(t: str, c: re.Match[str], ms: list[ActorMention], s: Sentence) -> str | None:
    """The side that released the people of one count: "307 Ukrainians" were freed by Russia; "25 of its
    soldiers", said by Russia, were freed by Ukraine."""
    dm = re.search(r"\b(Ukrainians?|Russians?)\b", c.group(0))
    if dm:
        return _DEMONYM_SIDE[dm.group(1).lower()]
    owner = re.match(r"\s+of\s+(?:the\s+)?(?:(?:armed\s+forces|army|military)\s+of\s+(?:the\s+)?)?(Ukraine|Russia)\b", t[c.end():])
    if owner:
        return {"Ukraine": "RU", "Russia": "UA"}[owner.group(1)]
    if re.match(r"\S+\s+of\s+(?:its|their)\b", c.group(0)):
        owner = [m for m in ms if m.kind == "country" and m.end - s.start <= c.start()
                 and re.match(r"\s+(?:has\s+|also\s+)?said\b", t[m.end - s.start:])]
        if owner and owner[-1].side in ("RU", "UA"):
            return {"RU": "UA", "UA": "RU"}[owner[-1].side]
    return None


def _mirror_count(ev: Event, span: Span) -> None:
    """"freed by Russia; Russia received the same number in return": one count, stated for one side
    only, holds for the other side of a two-sided swap too."""
    counted = [r for r in ev.released if r.count is not None and r.released_by in ("RU", "UA")]
    if len(counted) != 1:
        return
    r = counted[0]
    other = {"RU": "UA", "UA": "RU"}[r.released_by]
    k = ev.released.index(r)
    _add_count(ev, r.count, other, ev.provenance[f"released[{k}].count"].span, span)


def _add_count(ev: Event, n: int | None, side: str | None, span: Span, by_span: Span) -> None:
    if n is None or side is None or any(r.count == n and r.released_by == side for r in ev.released):
        return
    ev.released.append(Released(count=n, released_by=side))
    k = len(ev.released) - 1
    ev.note(f"released[{k}].count", span, "exchange.count")
    ev.note(f"released[{k}].released_by", by_span, "exchange.released_by")


def _party_sides(t: str) -> list[str]:
    out = []
    for m in re.finditer(r"\b(Ukraine|Russia|Kyiv|Moscow)\b", t):
        side = {"ukraine": "UA", "kyiv": "UA", "russia": "RU", "moscow": "RU"}[m.group(1).lower()]
        if side not in out:
            out.append(side)
    return out


def _released_by(t: str, s: Sentence, ms: list[ActorMention]) -> tuple[str | None, Span | None]:
    """The side a sentence says released the people it counts, and the words that say so."""
    to = re.search(r"\b(?:returned|brought|came|handed\s+over)\s+(?:home\s+)?(?:to\s+)?(?P<c>Ukraine|Russia|home)\b", t)
    frm = re.search(r"\bfrom\s+(?P<c>Russian|Ukrainian)(?:\s+captivity|-(?:controlled|held))|\b(?P<d>Russia|Ukraine|Moscow|Kyiv)"
                    r"\s+(?:has\s+)?(?:freed|released|handed\s+over)\b|\bfrom\s+territory\s+(?:controlled|held)\s+by\s+(?P<e>Kyiv|Moscow|Ukraine|Russia)", t)
    home = re.search(r"\b(?P<d>Ukraine|Russia|Kyiv|Moscow)\s+(?:has\s+)?(?:(?:brought|got|secured)\s+(?:back\s+)?home|(?:got|brought|won)\s+back)\b", t)
    if home:
        return {"ukraine": "RU", "kyiv": "RU", "russia": "UA", "moscow": "UA"}[home.group("d").lower()], s.sub(home.start(), home.end())
    if frm:
        c = (frm.group("c") or frm.group("d") or frm.group("e")).lower()
        return {"russian": "RU", "ukrainian": "UA", "russia": "RU", "ukraine": "UA", "moscow": "RU", "kyiv": "UA"}[c], \
            s.sub(frm.start(), frm.end())
    if to and to.group("c") != "home":
        return {"Ukraine": "RU", "Russia": "UA"}[to.group("c")], s.sub(to.start(), to.end())
    if to or _RELEASE_WORD.search(t):  # "90 Ukrainian soldiers returned home": released by the other side
        dm = re.search(r"\b(?P<c>Ukrainian|Russian)\s+(?:\w+\s+){0,2}(?:soldiers|servicemen|service\s*members|prisoners|POWs"
                       r"|civilians|defenders|troops|citizens)", t)
        if dm:
            return {"Ukrainian": "RU", "Russian": "UA"}[dm.group("c")], s.sub(dm.start(), dm.end())
    return None, None


def _party_mentions(t: str, s: Sentence, countries: list[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    for m in countries:
        before = t[:m.start - s.start]
        after = t[m.end - s.start:]
        subject = re.match(r"\s+(?:and|have|has|had|secured|swapped|exchanged|confirmed|freed|released|brought|returned"
                           r"|received|handed|got)\b", after)
        between = re.search(r"\b(?:between|and|with)\s+(?:the\s+)?$", before)
        if (subject or between) and not re.search(r"\b(?:in|to|from|of)\s+(?:the\s+)?$", before):
            if m.side and all(o.side != m.side for o in out):
                out.append(m)
    return out


def _released_person(t: str, s: Sentence, m: ActorMention) -> bool:
    before = t[max(0, m.start - s.start - 40):m.start - s.start]
    after = t[m.end - s.start:m.end - s.start + 140]
    released = re.search(r"\b(?:release|freed|free|freeing|swap(?:ped)?|exchang(?:ed|e)\s+for|return)\s+(?:of\s+)?(?:[\w-]+\s+){0,4}$",
                         before, re.I) or re.match(r"(?:[^.;]|\.(?!\s)){0,120}?\b(?:was|were|has\s+been|had\s+been|is\s+being)\s+"
                                                   r"(?:released|freed|returned|swapped|exchanged)", after)
    if released and re.search(r"\b(?:to|with|by|from)\s+$", before):
        return False  # "the swap was proposed to Kim Jong Un": not the one freed
    if released and not released.re.pattern.startswith(r"\b") and re.match(
            r"(?:\s*,[^,]{0,80},)?[\s,]*(?:has\s+|had\s+)?(?:said|says|told|announced|added|stated|confirmed|wrote)\b", after):
        return False  # "Yermak said 45 soldiers had been returned": the speaker, not the freed
    return bool(released) and \
        not re.search(r"\b(?:President|Minister|Secretary)\b", t[max(0, m.start - s.start - 20):m.start - s.start])


def _freed_by(before: str) -> str | None:
    """"Russia freed journalist X": the side named as freeing the person."""
    fm = re.search(r"\b(?P<d>Russia|Moscow|Ukraine|Kyiv|Belarus|Minsk|(?:the\s+)?United\s+States|Washington)\s+(?:has\s+|had\s+)?"
                   r"(?:freed|released|handed\s+over)\s+(?:[\w’'-]+\s+){0,4}$", before)
    if fm is None:
        return None
    from sitrep.normalize.countries import country_code
    return country_code(re.sub(r"^the\s+", "", fm.group("d")))


def _held_by(t: str, s: Sentence, m: ActorMention, parties: list[str]) -> str | None:
    after = t[m.end - s.start:]
    held = re.search(r"\b(?:imprisoned|detained|held|jailed|arrested)\s+in\s+(?:the\s+)?(?P<c>[A-Z][\w.]+)", after)
    if held:
        from sitrep.normalize.countries import country_code
        iso = country_code(held.group("c"))
        if iso:
            return iso
    if m.side and len(parties) == 2 and m.side in parties:
        return next(p for p in parties if p != m.side)
    return None
