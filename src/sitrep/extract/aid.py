"""Aid pledges, sanctions and agreements: what states give, impose and sign."""
from __future__ import annotations

import re

from sitrep.extract.political import PoliticalContext, actor_value, country_value, dateline_end
from sitrep.extract.text import Sentence, folded, lower_twin
from sitrep.model import Amount, Event, Span
from sitrep.normalize.actors import ActorMention
from sitrep.normalize.money import find_money, paired_usd

# ---------------------------------------------------------------- aid

_AID_NOUN = re.compile(r"\b(?:aid|assistance|support|package|tranche|funding|loan|grant|weapons|tanks|ammunition|rounds"
                       r"|missiles|air\s+defen[cs]e|artillery|drones?|equipment|shells|jets|systems?|vehicles|munitions|(?:land)?mines"
                       r"|howitzers|rockets|launchers|mortars|radars|(?:emergency|humanitarian|medical|relief)\s+supplies)\b", re.I)
_AID_VERB = re.compile(r"\b(?:announc(?:ed|es|ing)|pledg(?:ed|es|ing)|promis(?:ed|es|ing)|will\s+(?:send|supply|provide|give|deliver|expand|allocate)"
                       r"|to\s+(?:send|supply|provide|give|deliver)|sen(?:d|ds|t)|suppl(?:y|ied)|provid(?:e|ed|es|ing)|hand(?:ed|s)?\s+over|(?:will|would|to)\s+fund|fund(?:s|ed)\b"
                       r"|deliver(?:ed|s)?|allocat(?:ed|es|ion)|donat(?:ed|es)|approv(?:ed|es)|unveil(?:ed|s)|expand"
                       r"|set\s+to\s+announce|agreed|sign(?:ed|s)\s+(?=(?:[\w$£€.,-]+\s+){0,6}(?:aid|package|loan|assistance)\b(?!\s+bill))"
                       r"|(?<=\d\s)(?:\w+\s+)?(?:loan|grant)s?\s+(?:to|for)\s+(?=Ukraine|Kyiv)"
                       r"|(?:will|would)\s+(?:allow|let)\s+(?:Ukraine|Kyiv)\s+(?:to\s+)?use|disburs(?:ed|es|ement)|(?:has\s+|have\s+)?received|(?:will|is\s+to|is\s+set\s+to)\s+receive|intention\s+to\s+supply|transferr?(?:ed|s)"
                       # "would resume military aid"; "said it had given Ukraine its S-300s"
                       r"|(?<!was\s)(?<!is\s)(?<!are\s)(?<!were\s)(?<!remains\s)(?<!remained\s)(?<!stays\s)commit(?:ted|s)\s+(?=(?:[\w$£€.,-]+\s+){0,5}(?:to|for)\b)|(?:will|would|to|jointly)\s+financ(?:e|es)|financ(?:ed|es)\b"
                       r"|resum(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,2}(?:aid|assistance|deliveries|supplies|shipments)|(?:has|have|had)\s+given|gave)\b", re.I)
_AID_NOT = re.compile(r"\b(?:bill|vote|tied\s+up|blocked|stalled|compensate|request(?:ed|s)?|asked\s+for|appeal(?:ed|ing)|urg(?:ed|es)"
                      r"|call(?:ed|s)\s+(?:on|for)|needs?|if\b|bill\s+that\s+would|not|never|no\s+longer|stop(?:ped|s)?|halt(?:ed|s)?|refus\w*"
                      r"|suspend\w*|consider\w*)\b", re.I)
_MILITARY = re.compile(r"\b(?:IRIS-T|NASAMS|Leopards?|Abrams|F-16s?|ATACMS|Storm\s+Shadows?|Taurus|Bradleys?|Gepards?|military|defen[cs]e|security\s+assistance|weapons?|arms|tanks?|artillery|ammunition|missiles?|munitions|(?:land)?mines"
                       r"|air\s+defen[cs]e|drones?|HIMARS|Patriot|jets?|howitzers?|armou?red|rounds|shells)\b", re.I)
_FINANCIAL = re.compile(r"\b(?:financial|budget(?:ary)?|loans?|grants?|macro-financial|disbursements?|tranche"
                        r"|economic\s+(?:aid|support|assistance))\b", re.I)
_HUMANITARIAN = re.compile(r"\b(?:humanitarian|food|medical\s+aid|medicine|generators|shelter|winter\s+aid"
                           r"|(?:emergency|relief)\s+supplies|water\s+filters)\b", re.I)
_ITEMS = re.compile(r"\b(?:includ(?:es|ing|e)|consist(?:s|ing)\s+of|comprising)\s*:?\s*(?P<list>[^.;]{3,200})", re.I)
_PACKAGE_LIST = re.compile(r"\bpackage\s+includes\s*:\s*$", re.I)


def extract_aid(pc: PoliticalContext) -> list[Event]:
    """Aid announced or delivered: donor, recipient, amount (and its dollar figure as stated), kind."""
    events: list[Event] = []
    for i, s0 in enumerate(pc.sentences):
        if not pc.has(i, _AID_KEYS):
            continue
        for s in _clauses(s0):
            _aid_clause(pc, i, s0, s, events)
    return events


# "France pledged 3 billion euros, while Germany announced a package worth 1.1 billion euros": a pledge each
_NEXT_GIVER = re.compile(r",\s+(?:and|while|whereas|with)\s+(?=(?:the\s+)?(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+){0,3}\s+"
                         r"(?:said|says|pledged|announced|promised|will|would|has|have|is|sent|offered|committed|approved|plans"
                         r"|gave|handed|unveiled|allocated|added)\b)")


_SHARE_OF_OLD = re.compile(r"\b(?:share|part|portion)\s+of\s+(?:a|an|the)\s+[^.;]{0,50}?\b(?:package|plan|programme|program|scheme|facility"
                           r"|initiative|fund)\b[^.;]{0,40}?\b(?:agreed|announced|approved|adopted|launched|pledged)\s+(?:last\s+(?:year|month)"
                           r"|in\s+(?:\w+\s+)?\d{4}|earlier|previously|before)\b", re.I)


def _clauses(s: Sentence) -> list[Sentence]:
    """The sentence cut where a second giver takes over."""
    cuts = list(_NEXT_GIVER.finditer(s.text))
    if not cuts:
        return [s]
    starts = [0] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [len(s.text)]
    return [Sentence(s.start + a, s.start + b, s.text[a:b]) for a, b in zip(starts, ends)]


# the trigger scans run on the lower-cased clause where they can be (text.folded): the same matches, faster
_AID_NOUN_L, _AID_VERB_L = lower_twin(_AID_NOUN), lower_twin(_AID_VERB)


def _aid_clause(pc: PoliticalContext, i: int, s0: Sentence, s: Sentence, events: list[Event]) -> None:
    """One giver's clause of sentence ``s0``: a new pledge, or more about the last one."""
    t = s.text
    # an aid noun or a sum first: both cheaper than the long verb pattern, which runs only where one is found
    # (searched once: the clause needs its start several times)
    low = folded(t)
    noun = _AID_NOUN.search(t) if low is None else _AID_NOUN_L.search(low)
    sums = None if noun else find_money(t)
    verb = (_AID_VERB.search(t) if low is None else _AID_VERB_L.search(low)) if sums is None or sums else None
    if not verb:
        money = find_money(t) if sums is None else sums
        if money and events and re.search(r"\b(?:aid|assistance|package|support)\b", t, re.I) and events[-1].amount is None:
            _amount(events[-1], t, s, money[0])
            events[-1].evidence.append(s.span)
        return
    if re.search(r"\b(?:destroyed|struck|hit|captured|seized|intercepted|fired|launched|attack(?:ed|s)?|across\s+the\s+border"
                 r"|shot\s+down|discuss(?:ed)?|overnight)\b", t, re.I):
        return
    sanc = re.search(r"\bsanction", t, re.I)
    # "announced $500 million in aid ... and said more sanctions would follow": the sanctions are another clause
    if _AID_NOT.search(t[:verb.start()]) or (sanc and not (
            verb.start() < sanc.start()
            and re.search(r",\s+and\s+(?:said|announced|added|warned|promised)\b|;", t[:sanc.start()]))):
        return
    dl = s.start + dateline_end(t)
    ms = [m for m in pc.mentions[i] if m.start >= dl and s.start <= m.start < s.end]
    donor = _donor(t, s, ms, verb.start())
    if donor is None and i > 0 and re.match(r"\s*(?:[Hh]e|[Ss]he)\b", t[:verb.start()].split(",")[-1]):
        donor = next((m for m in pc.mentions[i - 1] if m.kind == "person"), None) or \
                next((m for m in pc.mentions[i] if m.kind == "person"), None)
    money = find_money(t) if sums is None else sums
    if donor is None and not (money and re.search(r"\b(?:aid|assistance|package|tranche|funding|support|loan|grant)\b", t, re.I)):
        return
    if donor is not None and country_value(donor) == "RU" and not re.search(r"\b(?:to|for)\s+(?!Ukraine|Kyiv)(?-i:[A-Z])", t):
        return  # "Russia sent almost 600 drones": the attacker gives Ukraine no aid
    if re.search(r"\b(?:treason|charged|charges|detained|arrested|investigators|court|sentenced|prosecutors)\b", t, re.I):
        return  # money a suspect sent is evidence in a case, not aid
    if re.search(r"\b(?:to|for)\s+(?:Israel|Taiwan|Gaza|Syria|Armenia|Moldova)\b", t):
        return
    if _SHARE_OF_OLD.search(t):
        return  # "the loan is Britain's share of a $50 billion package agreed last year": an old pledge, recalled
    money = _for_ukraine_first(t, money)
    ev = _same_aid(events, donor)
    if ev is not None and donor is not None and money and ev.amount is not None \
            and all(abs(m.value - ev.amount.value) > 1 for m in money):
        ev = None  # the same donor's second package, with its own sum
    inherited = None
    if ev is not None and donor is None and money and ev.amount is not None \
            and all(abs(m.value - ev.amount.value) > 1 for m in money):
        inherited, ev = ev, None  # "on top of a £2 billion loan": another pledge by the same donor
    new = ev is None
    if new:
        ev = pc.event("aid_pledge", s0, "aid.trigger")
        ev.confidence = 0.65
        ev.set("recipient", "UA", s.span, "aid.recipient.default")
    else:
        ev.evidence.append(s.span)
        if ev.date is None:  # a headline names the pledge; the body's sentence dates it ("..., the ministry said on Saturday")
            ev.date, ev.date_precision = pc.date(s0)
            if ev.date is not None:
                ev.note("date", s0.span, "aid.date.later_sentence")
    if donor is not None and ev.donor is None:
        ev.set("donor", country_value(donor) or actor_value(donor), Span(donor.start, donor.end), "aid.donor")
    elif inherited is not None and inherited.donor is not None and ev.donor is None:
        prov = inherited.provenance.get("donor")
        ev.set("donor", inherited.donor, prov.span if prov else inherited.evidence[0], "aid.donor.previous_pledge")
    if money and ev.amount is None:
        _amount(ev, t, s, money[0])
    # background after the pledge ("..., ending a deadlock that had starved the army of ammunition") says no kind
    bg = re.search(r",\s+(?:ending|after|which|while|as|amid|following)\b|\bthat\s+had\b", t)
    kind = _kind(t[:bg.start()] if bg else t)
    if kind and ev.aid_kind is None:
        ev.set("aid_kind", kind, s.span, "aid.kind")
    vm = re.search(r"\bvisit(?:s|ed|ing)?\s+(?:to\s+|in\s+)?", t, re.I) if new else None
    if vm:  # "said during a visit to Laos": the place right after the visit, not "to Ukraine" before it
        loc = next((p.location() for p in pc.places(s) if p.start - s.start == vm.end()), None)
        if loc is not None:
            ev.set("location", loc, s.span, "aid.location.visit")
    events.append(ev) if new else None
    # "The package includes drones, tanks..." in the next sentence, or a list below "includes:"
    _items(pc, i, ev, s)


_AID_KEYS = ("$", "£", "€", "euro", "dollar", "pound", "disburse", "aid", "assistance", "support", "package", "tranche", "funding", "loan", "grant", "weapon", "tank", "ammunition",
             "round", "missile", "defen", "artillery", "drone", "equipment", "shell", "jet", "system", "vehicle", "munition", "mines",
             "howitzer", "rocket", "launcher", "mortar", "radar", "supplies",
             "commit", "financ")


def _amount(ev: Event, t: str, s: Sentence, m0) -> None:
    ev.set("amount", Amount(m0.value, m0.currency), s.sub(m0.start, m0.end), "aid.amount")
    usd = paired_usd(t, m0)
    if usd is not None:
        ev.set("amount_usd", usd, s.span, "aid.amount_usd")


_NAMED_AID = re.compile(r"\s+(?:(?:new|military|financial|economic|humanitarian|security)\s+){0,2}(?:aid|assistance|package|funding|weapons)\b", re.I)


def _donor(t: str, s: Sentence, ms: list[ActorMention], vstart: int) -> ActorMention | None:
    if re.match(r"(?:has\s+|have\s+|will\s+|is\s+(?:set\s+)?to\s+)?receive", t[vstart:]):
        # "Ukraine has received the first F-16s from Denmark": the giver follows "from";
        # "Ukraine will receive $5 billion in Japanese support": the giver qualifies the aid
        return next((m for m in ms if m.start - s.start > vstart and m.side not in (None, "UA")
                     and (re.search(r"\bfrom\s+(?:the\s+)?$", t[:m.start - s.start])
                          or re.match(r"\s+(?:military\s+|financial\s+|economic\s+)?(?:aid|support|assistance|funding|weapons)\b",
                                      t[m.end - s.start:]))), None)
    before = [m for m in ms if m.end - s.start <= vstart and (m.side not in (None, "UA") or m.kind == "organization" and m.side is None)
              and not re.search(r"\b(?:in|at|to|from|into|on|against|with|by|between)\s+(?:the\s+)?$", t[:m.start - s.start])
              and not re.match(r"\s+(?:hosted|mediated|brokered|summit|meeting|conference|talks)\b", t[m.end - s.start:])]
    if before:
        return before[0]
    # "..., Prime Minister Rishi Sunak's office said" / "... foreign minister Eli Cohen said"
    for m in ms:
        if m.side not in (None, "UA") and re.match(r"(?:['’]s\s+\w+\s+)?\s*(?:said|announced|says)\b", t[m.end - s.start:]):
            return m
    # "Kyiv welcomed the $2 billion in US military aid": the state the aid is named after
    return next((m for m in ms if m.side not in (None, "UA", "RU") and m.kind == "country" and _NAMED_AID.match(t, m.end - s.start)), None)


def _same_aid(events: list[Event], donor: ActorMention | None) -> Event | None:
    if not events:
        return None
    if donor is None:
        return events[-1]
    val = country_value(donor) or actor_value(donor)
    return next((e for e in events if e.donor == val), None)


def _kind(t: str) -> str | None:
    if _MILITARY.search(t):
        return "military"
    if _HUMANITARIAN.search(t):
        return "humanitarian"
    if _FINANCIAL.search(t):
        return "financial"
    return None


_BUY_ITEMS = re.compile(r"\b(?:to\s+(?:buy|purchase|produce|procure|make)|package\s+of)\s+(?:more\s+than\s+|up\s+to\s+|about\s+|some\s+)?"
                        r"(?:[\d,]+\s+)?(?P<item>(?:[\w-]+\s+){0,3}?(?:missiles|drones|shells|weapons|ammunition|vehicles|tanks|jets"
                        r"|systems|rounds|interceptors))\b", re.I)


def _for_ukraine_first(t: str, money: list) -> list:
    """"a $95 billion package, including about $61 billion for Ukraine": the sum for Ukraine comes first."""
    for m in money:
        if re.match(r"\s+(?:in\s+[\w-]+\s+(?:aid|assistance)\s+)?(?:for|to)\s+(?:Ukraine|Kyiv)\b", t[m.end:]):
            return [m] + [x for x in money if x is not m]
    return money


def _items(pc: PoliticalContext, i: int, ev: Event, clause: Sentence | None = None) -> None:
    s0 = clause or pc.sentences[i]
    b = _BUY_ITEMS.search(s0.text)
    if b and not _ITEMS.search(s0.text):
        w = b.group("item").strip()
        if w not in ev.items:
            ev.items.append(w)
            ev.note(f"items[{len(ev.items) - 1}]", s0.sub(b.start("item"), b.end("item")), "aid.items.bought")
        return
    for j in (i, i + 1):
        if j >= len(pc.sentences):
            return
        t = s0.text if j == i else pc.sentences[j].text
        m = _ITEMS.search(t)
        if m and (re.search(r"\bpackage|\baid|\bassistance|\bsupport", t, re.I)
                  or (j == i + 1 and re.match(r"\s*(?:It|This|The\s+(?:package|tranche|aid))\s+(?:also\s+)?includ", t))):
            for part in re.split(r",\s+|\s+and\s+", m.group("list")):
                w = part.strip(" .")
                if re.search(r"\b(?:said|says|announced|added)\b", w):
                    break  # ", the Pentagon said": the list has ended
                if w and len(w) < 60 and w not in ev.items and not find_money(w):
                    ev.items.append(w)
            if j != i and pc.sentences[j].span not in ev.evidence:
                ev.evidence.append(pc.sentences[j].span)
            return


# ---------------------------------------------------------------- sanctions

_SANCTION = re.compile(r"\bsanction(?:s|ed|ing)?\b", re.I)
_IMPOSE = re.compile(r"\b(?:impos(?:ed|es|ing|e)|slapp?(?:ed|s|ing)?|adopt(?:ed|s|ing)?|approv(?:ed|es|ing)|announc(?:ed|es|ing)"
                     r"|introduc(?:ed|es|ing)|unveil(?:ed|s)|lift(?:ed|s|ing)?|extend(?:ed|s)|new\s+sanctions|sanctioned"
                     r"|(?:package|round)\s+of\s+sanctions|sanctions\s+package|sanctions\s+(?=(?-i:[A-Z])(?!Act\b))"
                     r"|ban(?:s|ned|ning)?\s+(?:on\s+)?(?:the\s+)?(?:imports?\s+of\s+)?(?=Russian\s)"
                     # "added 150 people and companies to its sanctions list"; "banned entry to 963 Americans"
                     r"|added\s+(?:[\w,-]+\s+){0,7}?to\s+(?:its|the|their|a)\s+sanctions?\s+(?:list|blacklist)"
                     r"|ban(?:s|ned|ning)?\s+entry\s+(?:to|for|of)|blacklist(?:ed|s|ing))", re.I)
_SANCTION_NOT = re.compile(r"\b(?:sanctions\s+(?:have|had)\s+not\s+worked|(?:discuss|consider|weigh|mull|debat|prepar)\w*\s+(?:\w+\s+){0,5}sanctions|sanctions\s+evasion|(?:evade|evading|circumvent\w*)\s+(?:\w+\s+)?sanctions"
                           r"|despite\s+(?:\w+\s+)?sanctions|under\s+sanctions|if\b|threat(?:en\w*)?\s+(?:\w+\s+)?sanctions"
                           # "suggested new sanctions on Russia", "called for tougher sanctions": not imposed
                           r"|(?:suggest\w*|propos\w*|urg\w*|call(?:ed|s|ing)?\s+for)\s+(?:\w+\s+){0,3}sanctions"
                           # a warning of sanctions to come is a threat, not sanctions
                           r"|warn(?:ed|s|ing)?\s+(?:that\s+)?[^.;]{0,80}?(?:impose|sanctions)|not\s+hesitate)\b", re.I)
_TARGET = re.compile(r"\b(?:sanctions?\s+(?:(?:announced|imposed|adopted|approved)\s+)?(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?(?:on|against|targeting)|sanctioned|blacklisted|ban(?:s|ned|ning)?\s+entry\s+(?:to|for|of)"
                     r"|sanctions\s+(?=(?-i:[A-Z]))"
                     r"|ban(?:s|ned|ning)?\s+(?:on\s+)?(?:the\s+)?(?:imports?\s+of\s+)?(?=Russian\s))\s*(?P<t>[^.;]{2,100}?)"
                     r"(?=\s+(?:who|which|that|over|for|in\s+time|as|accused|would|will|were|was|are|is|could|may|suspected|linked|involved|tied|on\s+\w+day|(?:it|they)\s+(?:said|says)"
                     r"|its\s+(?:[\w-]+\s+){0,3}(?:said|says))\b|[,.;]|$)", re.I)
# ", Rosneft and Lukoil," right after a described target names it
_APPOSITIVE_NAMES = re.compile(r"\s*,\s*(?P<n>(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})(?:\s*,\s*(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))*"
                               r"\s+and\s+(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))\s*(?:,|$|\.)")


def extract_sanctions(pc: PoliticalContext) -> list[Event]:
    """Sanctions imposed or lifted: who imposes them, on whom."""
    out: list[Event] = []
    last_sanctions = last_event = -10
    for i, s in enumerate(pc.sentences):
        t = s.text
        if "sanction" in pc.lower[i]:
            last_sanctions = i
        elif i - last_sanctions <= 3 and _MEASURES.search(t):
            # "Britain announced its own measures, targeting 107 individuals": sanctions by another name
            ev = _measures(pc, i, s)
            if ev is not None:
                out.append(ev)
            continue
        if "access" in pc.lower[i] and "sanction" not in pc.lower[i]:
            ev = _blocking(pc, i, s)
            if ev is not None:
                out.append(ev)
                continue
        if "sanction" not in pc.lower[i] and " ban" not in pc.lower[i] and "blacklist" not in pc.lower[i]:
            continue
        if not (_SANCTION.search(t) or re.search(r"\bban(?:s|ned|ning)?\b|\bblacklist", t)) or not _IMPOSE.search(t) or _SANCTION_NOT.search(t):
            continue
        if out and i - last_event <= 2 and "sanction" not in pc.lower[i] and _DETAIL.match(t):
            out[-1].evidence.append(s.span)  # "The package ... includes a ban on Russian aluminium": what it holds
            continue
        ms = pc.mentions[i]
        imposer = _imposer(pc, i, t, s, ms)
        if not imposer:
            continue
        last_event = i
        ev = pc.event("sanctions", s, "sanctions.trigger")
        ev.set("imposer", [v for v, _ in imposer], imposer[0][1], "sanctions.imposer")
        tm = _TARGET.search(t)
        listed = _LISTED.search(t)
        tg = _TARGETING.search(t)
        if listed:  # "added 150 companies to its sanctions list, including Turkish firms": the ones named
            items = [x.strip(" ,") for x in re.split(r",\s*|\s+and\s+", listed.group("t")) if x.strip(" ,")]
            off = listed.start("t")
            names: list[str] = []
            for x in items:  # each named one by its known name: "Secretary of State Antony Blinken" is Antony Blinken
                at = listed.group("t").find(x) + off
                m = next((m for m in ms if m.kind == "person" and at <= m.start - s.start < at + len(x)), None)
                names.append(actor_value(m) if m else x)
            if not all(re.match(r"(?-i:[A-Z])", x) for x in items):
                names = [listed.group("t").strip(" ,")]  # "Turkish firms accused of ...": one description
            ev.set("target", names, s.sub(listed.start("t"), listed.end("t")), "sanctions.target.included")
        elif tm and tg and _target(tm.group("t"), ms, s, tm.start("t")) in ("RU", "Russia", "Moscow"):
            # "sanctions against Russia, targeting its shadow fleet": the narrower aim is the target
            ev.set("target", [_so_called(_target(tg.group("t"), ms, s, tg.start("t")))], s.sub(tg.start("t"), tg.end("t")),
                   "sanctions.target.targeting")
        elif tm:
            ap = _APPOSITIVE_NAMES.match(t, tm.end("t"))
            if ap and re.search(r"\b(?:in|from)\s+\S+$", tm.group("t")):
                # "entities in Russia, China and Turkey": the list goes on naming where they are
                phrase = _target(tm.group("t"), ms, s, tm.start("t")) + t[tm.end("t"):ap.end("n")]
                ev.set("target", [phrase], s.sub(tm.start("t"), ap.end("n")), "sanctions.target")
            elif ap and re.search(r"\b(?:companies|firms|banks|producers|groups|individuals|entities)\b", tm.group("t"), re.I):
                names = [n.strip() for n in re.split(r"\s*,\s*|\s+and\s+", ap.group("n")) if n.strip()]
                ev.set("target", names, s.sub(ap.start("n"), ap.end("n")), "sanctions.target.named")
            else:
                end = tm.end("t")
                more = _CLASS_LIST.match(t, end) if _CLASS.fullmatch(tm.group("t")) else None
                if more is not None:  # "107 individuals, companies and vessels": the whole list of classes
                    end = more.end()
                ev.set("target", _targets(_target(t[tm.start("t"):end], ms, s, tm.start("t"))), s.sub(tm.start("t"), end),
                       "sanctions.target")
        ev.confidence = 0.6
        out.append(ev)
    return _merge_sanctions(out)


# "107 individuals", then ", companies and vessels": classes of targets listed one after another
_CLASS = re.compile(r"(?:(?:more\s+than\s+|nearly\s+|about\s+|some\s+)?[\d,]+\s+)?[a-z]+(?:ies|s)")
_CLASS_LIST = re.compile(r"(?:\s*,\s*[a-z]+(?:ies|s)\b)*\s*,?\s+and\s+[a-z]+(?:ies|s)\b")
# a sentence telling what the sanctions just reported hold: their detail, no sanctions of their own
_DETAIL = re.compile(r"\s*(?:The|This|That|These|Its)\s+(?:new\s+|latest\s+|\w+\s+)?(?:package|measures|round|listings?)\b")


def _merge_sanctions(events: list[Event]) -> list[Event]:
    """A headline naming the sanctions with neither target nor day ("EU adopts 14th sanctions package") is the
    package the body tells next with its day and targets: one event, the body's."""
    keep: list[Event] = []
    for k, ev in enumerate(events):
        later = next((o for o in events[k + 1:] if o.imposer == ev.imposer), None) if not ev.target and ev.date is None else None
        if later is not None:
            later.evidence.extend(ev.evidence)
            continue
        keep.append(ev)
    return keep


# "Russia was blocking access to the websites of 81 media outlets": sanctions on the media by another name
_BLOCKING = re.compile(r"\b(?:block(?:ed|s|ing)|restrict(?:ed|s|ing))\s+access\s+to\s+(?:the\s+(?:websites?|sites?|broadcasts?|pages?)\s+of\s+)?"
                       r"(?P<t>[^,.;]{3,80}?)(?=[,.;]|$|\s+(?:in|as|over|for|after|because)\s)", re.I)
_MEDIA = re.compile(r"\b(?:media|outlets|websites?|sites|platforms?|broadcasters?|news|channels|newspapers|networks)\b", re.I)


def _blocking(pc: PoliticalContext, i: int, s: Sentence) -> Event | None:
    """A state blocking access to media outlets: sanctions, its imposer the state named just before the verb."""
    t = s.text
    b = _BLOCKING.search(t)
    if b is None or not _MEDIA.search(b.group("t")):
        return None
    dl = s.start + dateline_end(t)
    subj = [m for m in pc.mentions[i] if dl <= m.start and m.end - s.start <= b.start() and m.kind == "country" and country_value(m)
            and re.fullmatch(r"\s+(?:(?:was|is|has|had|have|were|are)\s+(?:been\s+)?)?(?:also\s+)?", t[m.end - s.start:b.start()])]
    if not subj:
        return None
    ev = pc.event("sanctions", s, "sanctions.blocking")
    ev.set("imposer", [country_value(subj[-1])], Span(subj[-1].start, subj[-1].end), "sanctions.imposer")
    ev.set("target", [_target(b.group("t"), pc.mentions[i], s, b.start("t"))], s.sub(b.start("t"), b.end("t")), "sanctions.target.blocked")
    ev.confidence = 0.55
    return ev


_MEASURES = re.compile(r"\b(?:announc(?:ed|es)|impos(?:ed|es)|unveil(?:ed|s)|adopt(?:ed|s))\s+(?:its|their)\s+own\s+(?:measures|restrictions|penalties)"
                       r"|\b(?:announc(?:ed|es)|impos(?:ed|es)|unveil(?:ed|s)|adopt(?:ed|s))\s+(?:new|further|fresh)\s+(?:measures|restrictions|penalties)\s+(?:on|against|targeting)\b",
                       re.I)
_TARGETING = re.compile(r"\btargeting\s+(?P<t>[^.;]{3,80}?)(?=[.;]|$|,\s+(?:including|among))", re.I)
_INCLUDED = re.compile(r"^\s*(?:They|These|Those\s+targeted|The\s+targets)\s+(?:also\s+)?include[ds]?\b")


_LISTED = re.compile(r"\b(?:sanctions?\s+(?:list|blacklist)|ban(?:s|ned|ning)?\s+entry\s+(?:to|for|of)\s+[^,.;]{2,60}),\s+including\s+"
                     r"(?P<t>[^.;]{3,120}?)(?=\s+(?:accused|suspected|linked|who|which|that|for|over|in\s+(?:a\s+)?response)\b|[.;]|$)", re.I)


def _so_called(phrase: str) -> str:
    """"vessels of Moscow's so-called shadow fleet of oil tankers": the name after "so-called"."""
    m = re.search(r"\bso-called\s+[“\"]?(?P<n>[\w -]{3,40}?)[”\"]?(?=\s+(?:of|that|which)\b|$)", phrase)
    return m.group("n") if m else phrase


def _measures(pc: PoliticalContext, i: int, s: Sentence) -> Event | None:
    """Sanctions called measures just after sanctions were reported: their imposer, and as target the one
    named in a following "They included X, ..." sentence, else the phrase after "targeting"."""
    t = s.text
    ms = pc.mentions[i]
    dl = s.start + dateline_end(t)
    vstart = _MEASURES.search(t).start()
    imp = next((m for m in ms if m.start >= dl and m.end - s.start <= vstart and country_value(m)), None)
    if imp is None:
        return None
    ev = pc.event("sanctions", s, "sanctions.measures")
    ev.set("imposer", [country_value(imp)], Span(imp.start, imp.end), "sanctions.imposer")
    if i + 1 < len(pc.sentences) and _INCLUDED.match(pc.sentences[i + 1].text):
        nxt = pc.sentences[i + 1]
        nm = re.search(r",\s+(?P<n>(?-i:[A-Z][\w’'-]+)(?:\s+(?-i:[A-Z][\w’'-]+)){1,3}),", nxt.text)
        named = [m for m in pc.mentions[i + 1] if m.kind in ("person", "organization")]
        if nm:
            ev.set("target", [nm.group("n")], nxt.sub(nm.start("n"), nm.end("n")), "sanctions.target.included")
        elif named:
            ev.set("target", [actor_value(named[0])], Span(named[0].start, named[0].end), "sanctions.target.included")
        if ev.target:
            ev.evidence.append(nxt.span)
    if not ev.target:
        tg = _TARGETING.search(t)
        if tg:
            ev.set("target", [_target(tg.group("t"), ms, s, tg.start("t"))], s.sub(tg.start("t"), tg.end("t")), "sanctions.target")
    ev.confidence = 0.55
    return ev


_IMPOSED_BY = re.compile(r"\b(?:imposed|adopted|announced|introduced|approved|unveiled)\s+(?:on\s+\w+day\s+)?by\s+(?:the\s+)?", re.I)
_NAMED_SANCTIONS = re.compile(r"\s+(?:(?:new|fresh|latest|tougher|further)\s+)?sanctions\b", re.I)
_OWNED_SANCTIONS = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}(?:(?:package|round)\s+of\s+sanctions|sanctions)\b", re.I)


def _imposer(pc: PoliticalContext, i: int, t: str, s: Sentence, ms: list[ActorMention]) -> list[tuple[str, Span]]:
    """Who imposes the sanctions, each with the words that name it; never a dateline ("BRUSSELS —")."""
    dl = s.start + dateline_end(t)
    ms = [m for m in ms if m.start >= dl]
    out: list[tuple[str, Span]] = []
    if re.search(r"\bwe\s+are\b|\bwe\s+(?:have|will)\b", t, re.I):
        # "we are imposing ...", the US president added: the speaker's country
        speaker = next((m for m in ms if re.match(r"\s*(?:president|prime\s+minister|chancellor|leader)?\s*(?:added|said)\b",
                                                   t[m.end - s.start:], re.I)), None)
        if speaker is None:
            m = re.search(r"\bthe\s+(?P<c>US|U\.S\.|UK|British|American|EU|German|French|Japanese|Canadian)\s+"
                          r"(?:president|prime\s+minister|chancellor|leader|government)", t)
            if m:
                from sitrep.normalize.countries import country_code
                c = country_code(m.group("c")) or m.group("c").replace(".", "")
                return [(c, s.sub(m.start("c"), m.end("c")))]
        if speaker is not None and country_value(speaker):
            return [(country_value(speaker), Span(speaker.start, speaker.end))]
    for m in ms:  # "welcomed the European Union's 14th package of sanctions": the owner of the sanctions
        if country_value(m) and _OWNED_SANCTIONS.match(t, m.end - s.start):
            return [(country_value(m), Span(m.start, m.end))]
    by = _IMPOSED_BY.search(t)
    if by is not None:  # "Moscow condemned the sanctions imposed by the EU": the agent imposes them
        m = next((m for m in ms if m.start - s.start == by.end() and country_value(m)), None)
        if m is not None:
            return [(country_value(m), Span(m.start, m.end))]
    for m in ms:  # "Kyiv welcomed the new US sanctions": the state the sanctions are named after
        if country_value(m) not in (None, "RU") and _NAMED_SANCTIONS.match(t, m.end - s.start) and \
                re.search(r"\b(?:the|new|fresh|latest|its|their)\s+$", t[:m.start - s.start], re.I):
            return [(country_value(m), Span(m.start, m.end))]
    vstart = _IMPOSE.search(t).start()
    group = re.search(r"\bthe\s+(?:group|bloc|alliance|grouping|club)\b", t[:vstart])
    if group:  # "Biden said the group would ban ...": the body named just before
        for j in range(i, max(-1, i - 3), -1):
            body = next((m for m in reversed(pc.mentions[j]) if m.kind == "organization" and m.start < s.start + group.start()), None)
            if body is not None:
                return [(actor_value(body), s.sub(group.start(), group.end()))]
    for m in ms:
        if m.end - s.start <= vstart + 12 and m.side and country_value(m) and not re.search(
                r"\b(?:on|against|targeting)\s+(?:the\s+)?$", t[:m.start - s.start]):
            v = country_value(m)
            if v == "RU" and re.search(r"\bagainst\s+(?:Russia|Moscow)", t):
                continue
            if all(v != o for o, _ in out):
                out.append((v, Span(m.start, m.end)))
            break
    return out


def _targets(phrase: str) -> list[str]:
    """One target phrase as its named members: "Rosneft and Lukoil" is two; a quoted name ("so-called 'shadow
    fleet'") is the name itself."""
    q = re.search(r"[“\"]([^”\"]{3,60})[”\"]", phrase)
    if q:
        return [q.group(1)]
    if re.search(r"\b(?:in|from|based\s+in)\s+(?-i:[A-Z])", phrase):
        return [phrase]  # "entities in Russia, China and Turkey": the entities, not the countries
    names = r"(?P<n>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}(?:\s*,\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})*(?:\s+and\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?)"
    # "Rosneft and Lukoil"; "Russian oil producers Gazprom Neft and Surgutneftegas": the names after the description
    m = re.fullmatch(rf"(?:(?:[A-Z][\w-]*\s+)?(?:[a-z][\w-]*\s+)*?(?:companies|firms|producers?|banks?|groups?|company|firm|giants?|majors?|exporters?)\s+)?{names}",
                     phrase)
    if m and (" and " in m.group("n") or m.group("n") != phrase):
        return [n for n in re.split(r"\s*,\s*|\s+and\s+", m.group("n")) if n]
    return [phrase]


def _target(phrase: str, ms: list[ActorMention], s: Sentence, off: int) -> str:
    inside = [m for m in ms if off <= m.start - s.start < off + len(phrase)]
    bare = re.sub(r"^(?:the\s+)", "", phrase.strip(), flags=re.I)
    if bare.lower() in ("it", "them", "us"):
        # "Russia said the EU's sanctions against it were illegitimate": the country speaking, not the sanctions' owner
        dl = s.start + dateline_end(s.text)
        subj = next((m for m in ms if m.kind == "country" and dl <= m.start and m.start - s.start < off
                     and not re.match(r"['’]s\b", s.text[m.end - s.start:])), None)
        if subj is not None:
            return subj.side or subj.name
    if inside and inside[0].kind == "country" and bare.rstrip(".") in (inside[0].text, inside[0].text + "'s"):
        return inside[0].side or inside[0].name
    phrase = re.sub(r"^(?:nearly|about|around|more\s+than|over|some|at\s+least)\s+", "", phrase.strip(), flags=re.I)
    phrase = re.sub(r"^(?:[\d,]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens\s+of|hundreds\s+of)\s+",
                    "", phrase, flags=re.I)
    return phrase


# ---------------------------------------------------------------- agreements

_DEAL = r"(?:deal|agreement|accord|memorandum|treaty|ceasefire|truce|pact|declaration)"
_SIGNED = re.compile(rf"\b(?:sign(?:ed|s|ing)?|reach(?:ed|es)?|conclud(?:ed|es)|ratif(?:y|ied|ies)|struck|seal(?:ed|s)?|agree(?:d|s)\s+(?:on|to)\s+(?:a|an|the)\s+(?:\w+\s+){{0,2}}{_DEAL})\b", re.I)
_AGREEMENT = re.compile(rf"\b{_DEAL}s?\b", re.I)
# "Minsk and Moscow had agreed to deploy a joint grouping": two states agreeing on a course
_AGREED_TO = re.compile(r"(?P<a>\b[A-Z][\w.]+)\s+and\s+(?P<b>[A-Z][\w.]+)\s+(?:have\s+|had\s+|has\s+)?agreed\s+(?:to|on)\s+(?P<t>[^,.;]{3,80})")
# "Kyiv and Washington issued a joint statement": a text both sides put their names to
_JOINT = re.compile(r"(?P<a>\b[A-Z][\w.]+)\s+and\s+(?P<b>[A-Z][\w.]+)\s+(?:have\s+|had\s+|has\s+)?(?:issued|released|adopted|signed|published|agreed)"
                    r"\s+(?:a|an)\s+(?P<j>joint\s+(?:statement|declaration|communiqu[eé]))")
# "A joint statement issued after the talks said ...": the sides of those talks
_JOINT_BARE = re.compile(r"\b(?P<j>joint\s+(?:statement|declaration|communiqu[eé]))\s+(?:was\s+)?(?:issued|released|published|adopted)\s+after\s+the\s+(?:talks|meeting)", re.I)
_SIDE_VERB = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:said|agreed|announced|accepted|pledged|offered|committed)\b")


def _joint_after_talks(pc: PoliticalContext, i: int, s: Sentence, jm: re.Match[str]) -> Event | None:
    """The parties of a joint statement issued after talks told just before: the states acting as subjects there."""
    for j in range(i - 1, max(-1, i - 4), -1):
        sj = pc.sentences[j]
        if not re.search(r"\btalks\b", sj.text):
            continue
        dl = sj.start + dateline_end(sj.text)
        sides: list[tuple[str, Span]] = []
        for m in pc.mentions[j]:
            if m.start >= dl and m.kind == "country" and m.side and _SIDE_VERB.match(pc.text, m.end) \
                    and all(m.side != v for v, _ in sides):
                sides.append((m.side, Span(m.start, m.end)))
        if len(sides) < 2:
            return None
        ev = pc.event("agreement", s, "agreement.joint_statement_after_talks")
        ev.set("parties", [v for v, _ in sides], sides[0][1], "agreement.joint_statement_after_talks")
        for k, (_, sp) in enumerate(sides):
            ev.note(f"parties[{k}]", sp, "agreement.party")
        ev.set("topic", "joint statement", s.sub(jm.start("j"), jm.end("j")), "agreement.joint_statement")
        tp = re.search(r"\btalks\b", sj.text)
        loc = next((p.location() for p in pc.places(sj) if p.start - sj.start > tp.start()
                    and re.search(r"\b(?:in|at)\s+$", pc.text[max(sj.start, p.start - 5):p.start])), None)
        if loc is not None:
            ev.set("location", loc, sj.span, "agreement.location.talks")
        if ev.date is None and sj is not s:
            date, precision = pc.date(sj)
            ev.date, ev.date_precision = date, precision
        ev.evidence.append(sj.span)
        ev.confidence = 0.5
        return ev
    return None


# "The two sides agreed to exchange 1,000 prisoners each": the sides of the talks just told
_SIDES_AGREED = re.compile(r"\b(?:the\s+two|both)\s+(?:sides|delegations|countries|governments|parties)\s+(?:have\s+|had\s+|also\s+)?"
                           r"agreed\s+(?:to|on)\s+(?P<t>[^,.;]{3,80})", re.I)


def _sides_agreed(pc: PoliticalContext, i: int, s: Sentence, sa: re.Match[str]) -> Event | None:
    """An agreement of "the two sides": the two states of the talks or meeting in this or the three sentences before."""
    for j in range(i, max(-1, i - 4), -1):
        sj = pc.sentences[j]
        if not re.search(r"\b(?:talks|negotiations|delegations?|met|meeting|summit)\b", sj.text, re.I):
            continue
        dl = sj.start + dateline_end(sj.text)
        sides: list[tuple[str, Span]] = []
        for m in pc.mentions[j]:
            v = country_value(m)
            if m.start >= dl and m.kind == "country" and v and all(v != o for o, _ in sides) \
                    and not re.search(r"\b(?:in|at|to|from)\s+(?:the\s+)?$", pc.text[max(sj.start, m.start - 8):m.start]):
                sides.append((v, Span(m.start, m.end)))
        if len(sides) != 2:
            continue
        ev = pc.event("agreement", s, "agreement.sides_agreed")
        ev.set("parties", [v for v, _ in sides], sides[0][1], "agreement.sides_of_talks")
        for k, (_, sp) in enumerate(sides):
            ev.note(f"parties[{k}]", sp, "agreement.party")
        ev.set("topic", sa.group("t").strip(), s.sub(sa.start("t"), sa.end("t")), "agreement.topic")
        if sj is not s:
            ev.evidence.append(sj.span)
        ev.confidence = 0.55
        return ev
    return None


_AGREEMENT_NOT = re.compile(r"\b(?:far\s+off|no\s+(?:deal|agreement)|failed|refus|would\s+sign|if\b|could|seems|unlikely|potential"
                            r"|possible|future)\b", re.I)


def extract_agreements(pc: PoliticalContext) -> list[Event]:
    """Deals, ceasefires and memoranda signed, with their parties."""
    out: list[Event] = []
    for i, s in enumerate(pc.sentences):
        t = s.text
        if not pc.has(i, ("deal", "agreement", "accord", "memorand", "treaty", "ceasefire", "truce", "pact", "declaration", "agreed",
                          "signed", "joint")):
            continue
        sa = _SIDES_AGREED.search(t)
        if sa and not _AGREEMENT_NOT.search(t[:sa.end()]):
            ev = _sides_agreed(pc, i, s, sa)
            if ev is not None:
                out.append(ev)
                continue
        ag = _AGREED_TO.search(t)
        if ag and not _AGREEMENT_NOT.search(t[:ag.end()]):
            from sitrep.normalize.countries import country_code
            a, b = country_code(ag.group("a")), country_code(ag.group("b"))
            if a and b and a != b:
                ev = pc.event("agreement", s, "agreement.agreed_to")
                ev.set("parties", [a, b], s.sub(ag.start("a"), ag.end("b")), "agreement.agreed_to")
                ev.set("topic", ag.group("t").strip(), s.sub(ag.start("t"), ag.end("t")), "agreement.topic")
                ev.confidence = 0.55
                out.append(ev)
                continue
        if out and i - pc.ctx.sentence_index(out[-1].evidence[-1].start) <= 2 and out[-1].location is None \
                and re.search(r"\bsigned\s+the\s+(?:documents?|texts?|papers)\b", t):
            # "At a ceremony in Istanbul, the ministers signed the documents": where the deal was signed
            loc = pc.place_after(s, r"in|at")
            if loc is not None:
                out[-1].set("location", loc, s.span, "agreement.location.ceremony")
                out[-1].evidence.append(s.span)
            continue
        if _JOINT_BARE.search(t) and not _JOINT.search(t):
            ev = _joint_after_talks(pc, i, s, _JOINT_BARE.search(t))
            if ev is not None:
                out.append(ev)
                continue
        js = _JOINT.search(t)
        if js and not _AGREEMENT_NOT.search(t[:js.end()]):
            from sitrep.normalize.countries import country_code
            a, b = country_code(js.group("a")), country_code(js.group("b"))
            if a and b and a != b:
                ev = pc.event("agreement", s, "agreement.joint_statement")
                ev.set("parties", [a, b], s.sub(js.start("a"), js.end("b")), "agreement.joint_statement")
                ev.set("topic", "joint statement", s.sub(js.start("j"), js.end("j")), "agreement.joint_statement")
                loc = pc.place_after(s, r"in|at")
                if loc is not None:
                    ev.set("location", loc, s.span, "agreement.location")
                ev.confidence = 0.55
                out.append(ev)
                continue
        sm = _SIGNED.search(t) if _AGREEMENT.search(t) else None
        if sm is None or _AGREEMENT_NOT.search(t[:sm.end() + 30]):
            continue
        ms = pc.mentions[i]
        parties = _agreement_parties(t, s, ms)
        anaphoric = re.search(rf"\b(?:The|the|this|This)\s+(?:\w+\s+){{0,2}}{_DEAL}\b", t) and not parties
        if anaphoric and out and i - out[-1].evidence[-1].start < 10_000:
            prev = out[-1]
            prev.evidence.append(s.span)
            if prev.location is None:
                loc = pc.place_after(s, r"in|at")
                if loc is not None:
                    prev.set("location", loc, s.span, "agreement.location.later")
            continue
        aw = re.search(r"\s+and\s+(?:also\s+)?with\s+", t[sm.end():])
        if aw and len(parties) >= 2:
            # "signed agreements with Scholz in Berlin and with Macron in Paris": one agreement each
            cut = s.start + sm.end() + aw.start()
            subj = [(v, sp) for v, sp in parties if sp.start < s.start + sm.start()]
            first = [(v, sp) for v, sp in parties if (v, sp) not in subj and sp.start < cut]
            nxt = next((m for m in ms if m.start >= s.start + sm.end() + aw.end() and m.kind in ("person", "country")
                        and not re.search(r"\b(?:in|to|from|of|for|at)\s+(?:the\s+)?$", t[:m.start - s.start])), None)
            later = [(country_value(nxt), Span(nxt.start, nxt.end))] if nxt is not None and country_value(nxt) else []
            later = [(v, sp) for v, sp in later if all(v != o for o, _ in subj + first)]
            if subj and first and later:
                for group, a, b in ((subj + first, 0, sm.end() + aw.start()), (subj + later, sm.end() + aw.end(), len(t))):
                    ev = pc.event("agreement", s, "agreement.signed.each_with")
                    ev.set("parties", [v for v, _ in group], group[0][1], "agreement.parties")
                    for k, (_, sp) in enumerate(group):
                        ev.note(f"parties[{k}]", sp, "agreement.party")
                    place = next((p for p in pc.places(s) if a <= p.start - s.start < b
                                  and re.search(r"\b(?:in|at)\s+$", t[:p.start - s.start])), None)
                    if place is not None:
                        ev.set("location", place.location(), s.span, "agreement.location")
                    ev.confidence = 0.55
                    out.append(ev)
                continue
        if len(parties) < 2:
            continue
        ev = pc.event("agreement", s, "agreement.signed")
        ev.set("parties", [v for v, _ in parties], parties[0][1], "agreement.parties")
        for k, (_, sp) in enumerate(parties):
            ev.note(f"parties[{k}]", sp, "agreement.party")
        tm = re.search(rf"{_DEAL}\s+(?:on|to|for|over)\s+(?P<t>[^,.;]{{3,80}})", t, re.I)
        if tm:
            ev.set("topic", tm.group("t").strip(), s.sub(tm.start("t"), tm.end("t")), "agreement.topic")
        loc = pc.place_after(s, r"in|at")
        if loc is not None:
            ev.set("location", loc, s.span, "agreement.location")
        ev.confidence = 0.6
        out.append(ev)
    return out


def _agreement_parties(t: str, s: Sentence, ms: list[ActorMention]) -> list[tuple[str, Span]]:
    """The signatories of a deal, each with the mention that names it."""
    out: list[tuple[str, Span]] = []
    sm = _SIGNED.search(t)
    bm = re.search(r"\bbetween\s+(.{3,80}?)(?=[,.;]|\s+(?:that|which|to|on|in)\b|$)", t)
    for m in ms:
        rel = m.start - s.start
        in_between = bm is not None and bm.start(1) <= rel < bm.end(1)
        subject = rel < sm.start() and re.match(r"\s*(?:['’]s\s+)?(?:on\s+\w+day\s+|also\s+|formally\s+)?(?:and|have|has|had|signed|announced|,)",
                                                t[m.end - s.start:])
        # "signed separate agreements with Turkey and the UN": the other signatories
        with_ = rel > sm.end() and re.search(rf"{_DEAL}s?\s+with\s+(?:[\w’'-]+\s+){{0,6}}?$", t[sm.end():rel]) and \
            re.fullmatch(r"(?:[\s,]|\band\b|\bthe\b|[A-Z][\w’'-]*)*", t[sm.end():rel].split(" with ", 1)[-1])
        if not (in_between or subject or with_):
            continue
        if re.search(r"\b(?:in|to|from|of|for)\s+(?:the\s+)?$", t[:rel]):
            continue
        # states sign: a head of state or government signs for the country
        v = country_value(m) if m.kind in ("country", "person") else actor_value(m)
        if v and all(v != o for o, _ in out):
            out.append((v, Span(m.start, m.end)))
    return out
