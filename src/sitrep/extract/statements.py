"""Statements: a named speaker taking a clear stance (proposing, rejecting, condemning, demanding...).

A sentence is a statement only where a named speaker (a person, a body, or a country speaking
as such) is the subject of a speech or stance verb. Reports of facts ("X said its forces
captured Y") are not statements: they belong to the event they report, so a plain "said"
followed by casualties, strikes, captures or arrests gives nothing here.
"""
from __future__ import annotations

import re

from sitrep.extract.political import PoliticalContext, Quote, actor_value
from sitrep.extract.text import Sentence, folded, lower_twin
from sitrep.model import Event, Span
from sitrep.normalize.actors import ActorMention

# Explicit stance verbs, strongest first; (pattern, stance).
_STANCE_VERBS: list[tuple[str, str]] = [
    (r"threaten(?:ed|s|ing)?", "threaten"),
    # "called the detention unacceptable", "calling Russia a threat to the whole world"
    (r"call(?:ed|s|ing)\s+(?:the|it|this|that|them|these|those|his|her|their|its|[A-Z][\w’'-]+)\s+(?:[\w’'-]+\s+){0,3}?"
     r"(?:(?:a|an)\s+)?(?:[\w-]+\s+){0,2}(?:unacceptable|outrageous|barbaric|barbarism|provocation|crime|criminal|disgrace(?:ful)?"
     r"|shameful|cynical|terrorism|terrorist|threat|atrocity|atrocities|abhorrent|horrific|monstrous|inhumane|illegal|illegitimate)\b",
     "condemn"),
    (r"condemn(?:ed|s|ing)?|denounc(?:ed|es|ing)|decr(?:ied|ies|ying)|slamm?(?:ed|s|ing)|lambast(?:ed|s|ing)"
     r"|criticis(?:ed|es|ing)|criticiz(?:ed|es|ing)|deplor(?:ed|es|ing)", "condemn"),
    # "refused to pay in roubles" is an act, not words: refusing is a stance only towards talk, terms or a plan
    (r"dismiss(?:ed|es|ing)|reject(?:ed|s|ing)|rul(?:ed|es|ing)\s+out|rebuff(?:ed|s|ing)"
     r"|refus(?:ed|es|ing)(?!\s+to\s+(?!accept|agree|recogni[sz]e|negotiate|sign|discuss|consider|endorse|back|support|join|engage"
     r"|talk|meet|comment|confirm|say|rule|give|cede|withdraw|recall|hand)[a-z])", "reject"),
    (r"accus(?:ed|es|ing)|blam(?:ed|es|ing)|pointed\s+the\s+finger", "accuse"),
    (r"urg(?:ed|es|ing)|call(?:ed|s|ing)\s+(?:on|for|upon)|demand(?:ed|s|ing)|appeal(?:ed|s|ing)\s+(?:to|for)"
     r"|press(?:ed|es|ing)\s+(?:for|on)|insist(?:ed|s|ing)\s+on", "demand"),
    (r"den(?:ied|ies|ying)", "deny"),
    (r"propos(?:ed|es|ing)|put\s+forward|suggest(?:ed|s|ing)|offer(?:ed|s|ing)\s+to", "propose"),
    (r"warn(?:ed|s|ing)", "warn"),
    (r"describ(?:ed|es|ing)", "assess"),
    # owning up to something the speaker had kept quiet about
    (r"acknowledg(?:ed|es|ing)|admitt?(?:ed|s|ing)", "confirm"),
    # praise and thanks have no stance of their own: "other"
    (r"prais(?:ed|es|ing)|hail(?:ed|s|ing)|welcom(?:ed|es|ing)|thank(?:ed|s|ing)|congratulat(?:ed|es|ing)", "other"),
]
# all of them in one pass: group vN is the N-th stance
_STANCE_ONE = re.compile("|".join(rf"\b(?P<v{i}>{p})\b" for i, (p, _) in enumerate(_STANCE_VERBS)), re.I)
_SPEECH_RE = re.compile(r"\b(?:made\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:statement|remarks?|comments?)"
                        r"|called\s+(?:the|it|them|this|that|his|her|their|its|a|an)\b(?=[^.“\"]{0,60}[“\"])|said|says|told|added|stated|wrote|noted|stressed|emphasi[sz]ed|reiterated"
                        r"|argued|claimed|saying|declared\s+that|explained|believes|thinks|expects|vow(?:ed|s))\b", re.I)
_PASSIVE_BY = re.compile(r"\b(?:dismissed|rejected|condemned|criticised|criticized|denounced|slammed)\s+by\s+$", re.I)

# Content that makes a plain "said" a stance.
_CONTENT_CUES: list[tuple[re.Pattern[str], str]] = [
    # acceptance before proposal: "agreed with the proposal" is agreeing, not proposing
    (re.compile(r"\bready\s+to\s+(?:accept|agree|sign|support)|(?<!not\s)\bagree[ds]?\s+(?:with|to)\s+(?:the|a|an|this|that|its|their)\b"
                r"|(?<!not\s)\baccept(?:ed|s)?\s+(?:the|a|an|this|that|its|their)\s+(?:[\w-]+\s+){0,3}(?:proposal|plan|offer|ceasefire|truce|deal|terms)", re.I),
     "agree"),
    (re.compile(r"\bopen\s+to\b|\b(?:ready|willing)\s+(?:to|for)\b|\b(?:is|was|are|were|stands?|stood)\s+prepared\s+to\b|\bpropos(?!als?\b)"
                r"|\b(?:put\s+forward|present(?:ed)?|submit(?:ted)?|made|make|its|his|her|their|own)\s+(?:a\s+|an\s+)?(?:new\s+|peace\s+)?proposals?\b|\bdraft\s+(?:memorandum|plan|proposal|resolution|agreement|treaty|deal)\b"
                r"|\b(?:would|will)\s+(?:hand|send|present|submit|pass)\s+(?:[\w’'-]+\s+){0,3}(?:a\s+)?(?:memorandum|plan|proposals?)\b"
                r"|\b(?:would|will)\s+(?:form|set\s+up|create|establish|draw\s+up|present|submit)\s+(?:a|an)\b|\bin\s+favou?r\s+of\s+\w+ing\b", re.I), "propose"),
    (re.compile(r"\b(?:would|will)\s+respond\b|\bescalation\b|\b(?:worthy|noticeable|strong|harsh|decisive|tough)\s+response|\bresponse\s+to\s+the\s+enemy"
                r"|\bnew\s+stage\s+of\s+(?:escalation|the\s+conflict|confrontation|the\s+war)\b|\b(?:would|will)\s+(?:regard|treat|consider)\s+(?:[\w’'-]+\s+){0,8}?as\s+(?:potential\s+|legitimate\s+)?"
                r"(?:targets?|carriers\s+of\s+military|parties\s+to\s+the\s+conflict|enemy|hostile)|\bretaliat|\brevenge\b|\bretribution\b|\b(?:will|would)\s+not\s+hesitate\b|\bpunish|\bface\s+(?:the\s+)?consequences|\bwill\s+pay\b|\bwould\s+take\s+measures\b|\bmeasures\s+in\s+response", re.I),
     "threaten"),
    (re.compile(r"\b(?:does|do|did)\s+not\s+(?:hit|target|strike|attack|shell)|\bexaggerat|\bnot\s+true\b|\bfake\b"
                r"|\bno\s+(?:damage|casualties)\b|\bgroundless\b|\bbaseless\b", re.I), "deny"),
    (re.compile(r"\b(?:Russia|Moscow|the\s+Kremlin|the\s+enemy|the\s+occupiers?|Putin|Russians)\s+(?:is|are|was|were|keeps?|has\s+been|have\s+been)\s+"
                r"(?:\w+\s+){0,2}(?:killing|destroying|terrori[sz]ing|bombing|shelling|targeting|attacking|murdering)\b|\blies\b|\blying\b|\bcrimes?\s+against\s+humanity\b|\bcaught\s+red-handed\b|\bcaught\s+(?:in\s+the\s+act|spying)\b|\b\w+,\s+not\s+[\w’'-]+(?:\s+[\w’'-]+)?,\s+(?:was|is|were|are|had|has)\b"
                r"|\b(?:was|is|were|are)\s+(?:deliberately\s+)?(?:blocking|sabotaging|undermining|stalling|dragging\s+out)\b|\bweapons\s+of\s+mass\s+destruction|\bwar\s+crimes?\b|\bgenocide\b"
                r"|\balleged(?:ly)?\b|\bextortion\b|\bdeliberate(?:ly)?\s+(?:target|attack|strik|destr|sabotage|block|shell|kill)\w*|\bterroris[tm]\b|\bresponsible\s+for\b", re.I), "accuse"),
    (re.compile(r"\bnonsense\b|\babsurd\b|\b(?:firmly\s+|strongly\s+)?oppos(?:es|ed\s+to|e)\b|\bnot\s+plann(?:ing|ed)\b|\bnothing\s+new\b|\bno\s+plans?\b|\bno\s+basis\b|\buntrue\b"
                r"|\bno\s+\w+\s+planned\b|\b(?:(?:will|would)\s+not|(?:will|would)\s+never|never)\s+(?:accept|agree|negotiate|sit|trade|give\s+up|recogni[sz]e"
                r"|allow|surrender|cede)", re.I), "reject"),
    (re.compile(r"\bshock(?:ed|ing)\b|\bappall|\bhorrif|\bcruel|\b(?:pure|sheer|outright|naked|acts?\s+of)\s+terror\b|\bbrutal(?:ity)?\b|\boutrag|\bbarbar|\bdevastating\b|\bnot\s+happy\b|\bunhappy\b"
                r"|\bdisappoint|\bunacceptable\b|\boutrageous\b|\billegitimate\b", re.I), "condemn"),
    (re.compile(r"\b(?:must|has\s+to|have\s+to|had\s+to|should)\b|\bexpect(?:s|ed)?\s+\w+\s+to\b|\bonly\s+if\b"
                r"|\bneed(?:s|ed)?\s+(?:real|more|additional|stronger|further|reliable|firm|security|air\s+defen[cs]e|weapons|guarantees)"
                r"|(?<!when\s)\bask(?:ed|s|ing)\s+(?!to\s+comment|about|whether|if\b|by\b)(?:\w+\s+){0,3}?(?:for|to)\b|\burg(?:ed|es|ing)\b|\bcall(?:ed|s|ing)\s+(?:on|for)\b"
                r"|\bfor\s+(?:partners|allies|the\s+West|the\s+world|Europe)\s+to\b|\b(?:now\s+is|it\s+is|it['’]s)\s+(?:the\s+|high\s+)?time\s+(?:to|for)\b"
                r"|\b(?:his|her|its|their|a)\s+(?:renewed\s+)?(?:demand|call|appeal|plea)s?\s+(?:that|for|to)\b", re.I), "demand"),
    # evaluative words make a plain "said" an assessment even when it also reports a fact
    (re.compile(r"\b(?:constructive|productive|meaningful|substantive|useful|fruitful|positive|historic|frank)\b", re.I), "assess"),
]
_THREATEN_CUE = next(k for k, (_, st) in enumerate(_CONTENT_CUES) if st == "threaten")
_HEDGE = re.compile(r"\b(?:likely|probably|almost\s+certainly|assess(?:es|ed)?)\b", re.I)
# Plain "said" about these is a report of fact: it belongs to that event, not to a statement.
_FACT = re.compile(
    r"\b(?:target\s+of\s+the\s+(?:strike|attack)|debris|(?:started|sparked|triggered|triggering)\s+(?:\w+\s+){0,2}(?:fires?|blaze|detonations?)|drones?\s+(?:strike|attack)s?\s+on|attacked|fires?\s+broke\s+out|emergency\s+(?:crews|services)|rescuers|firefighters"
    r"|responding\s+to|residential|brok(?:e|en)\s+through|pushed\s+back|shelling|air\s+defen[cs]es?\s+(?:systems?\s+|units?\s+)?(?:was|were|is|are|had\s+been)\s+(?:working|active|operating|engaged)"
    r"|explosions?|air[- ]raid\s+(?:alert|sirens?)|(?:would|will)\s+(?:call|phone|meet|visit|speak\s+(?:to|with)|travel|fly|go|head)\s|killed|killing|wounded|wounding|injur(?:ed|ing|ies)|dead|died|deaths?|bodies|launched|shot\s+down|downed"
    r"|intercepted|destroyed|damaged|captured|seized|took\s+control|taken\s+control|liberated|recaptured|retook|retaken"
    r"|repelled|struck|hit|shelled|fired\s+on|evacuated|recovered|returned|released|freed|swapped|exchanged"
    r"|detained|arrested|custody|suspects?|treason|espionage|spying|criminal|blackout|controls|advanced"
    r"|(?:expand(?:s|ed)?|send|sends|sent|provid(?:e|es|ed|ing)|suppl(?:y|ies|ied)|deliver(?:s|ed)?|allocat(?:e|es|ed)"
    r"|pledg(?:e|es|ed)|announc(?:e|es|ed))\s+(?:[\w-]+\s+){0,7}(?:aid|assistance|package|weapons|systems|tanks|jets"
    r"|ammunition|shells)|imposed\s+sanctions|new\s+sanctions|(?:has|have|had)\s+given|lifted\s+sanctions|sanctions\s+on|sanctioned|signed|delivered|scrambled|sq\s*km"
    r"|square\s+kilometres|blown\s+up|loss\s+of|settlements|pull(?:ed)?\s+back|withdr[ae]w(?:al)?|retreat(?:ed)?|advance"
    r"|stopped|halted|hits|storming|blackouts?|lost\s+power|power\s+cuts?|without\s+power|outages?|prisoners|hand(?:ed)?\s+over|locationally\s+lost|lost\s+(?:to|through)\s+(?:electronic|jamming)|had\s+spoken|spoke\s+by|by\s+(?:tele)?phone|phone\s+call|had\s+met|lasted|state\s+of\s+emergency|power\s+(?:has\s+been\s+|was\s+)?restored)\b", re.I)
# Bodies whose "said" reports their operations; they make statements only with a stance verb.
_REPORTING_BODIES = re.compile(r"Security Service|Federal Security|Investigative Committee|Police|Prosecutor|Interior"
                               r"|Air Force|General Staff|Ministry of Defence|Armed Forces|Navy|Emergency|TASS|RIA|Interfax"
                               r"|Independent|Ukrinform|Guard|Fleet|GRU|Intelligence|Ukrenergo|Naftogaz|DTEK|Energoatom|Railways|Coordination", re.I)
_AUX = re.compile(r"(?:\s*,?\s*(?:was\s+quoted\s+as|has|have|had|also|later|then|quickly|again|repeatedly|previously|earlier|once|each"
                  r"|publicly|openly|strongly|sharply|firmly|reportedly|angrily|meanwhile|however|in\s+turn|on\s+\w+day"
                  r"|in\s+a\s+statement|in\s+a\s+post(?:\s+on\s+\w+)?|\w+ly)\s*,?)*\s*$", re.I)
_ORG_TAIL = re.compile(r"(?:['’]s\s+)?(?P<org>(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w-]*\s+){0,4}"
                       r"(?:Corps|Brigade|Command|Ministry|Service|Agency|Council|Committee|Office|Directorate|Guard"
                       r"|Battalion|Regiment|Group|Fleet|Embassy|Parliament|Government|Cabinet|Administration))\s*$")
_PRONOUN = re.compile(r"(?:^|[,;:“”\"]\s*|\b(?:where|when|and|but)\s+)(?P<p>[Hh]e|[Ss]he|[Ii]t)\s+(?:has\s+|had\s+|also\s+|then\s+)?"
                      r"(?:said|says|told|added|wrote|stressed|warned|argued|noted)\b")
_NOT_STATEMENT = re.compile(r"\baccording\s+to\b|\bquoted\b(?!\s+as\s+saying)|\bcited\b", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|should)\s+(?:[\w’'-]+\s+){0,4}$", re.I)
_SPEECH_BETWEEN = re.compile(r"\b(?:said|says|told|stated|added|wrote)\b[^,;]{0,200}\s(?:and|but)\s+$", re.I)
_PREP_BEFORE = re.compile(r"\b(?:to|in|of|from|at|against|with|on|for|by|into|over|about|than|near|and)\s+(?:the\s+)?$", re.I)


def extract_statements(pc: PoliticalContext) -> list[Event]:
    """Statements of the document, one per speaker and stance, quotes joined across sentences."""
    found: list[tuple[int, Event, bool]] = []  # (sentence index, event, stance explicit)
    last_speaker: tuple[int, ActorMention] | None = None
    for i, s in enumerate(pc.sentences):
        ms = pc.mentions[i]
        got = _statements(pc, i, s, ms, last_speaker)
        for ev, explicit, speaker in got:
            found.append((i, ev, explicit))
            last_speaker = (i, speaker)
        if not got:
            people = [m for m in ms if m.kind == "person"]
            if people:
                last_speaker = (i, people[0])
            elif last_speaker is not None and i - last_speaker[0] > 2:
                last_speaker = None
            if found and _continues_quote(pc, i, s, found[-1][0], found[-1][1].speaker):
                _append_quotes(pc, found[-1][1], s)
                found[-1] = (i, found[-1][1], found[-1][2])
    return _merge(found)


def _statements(pc: PoliticalContext, i: int, s: Sentence, ms: list[ActorMention],
                last: tuple[int, ActorMention] | None) -> list[tuple[Event, bool, ActorMention]]:
    out: list[tuple[Event, bool, ActorMention]] = []
    seen: set[str] = set()
    if not pc.mentions[i] and not _PRONOUN.search(s.text):
        return out
    quoted: set[str] = set()
    for verb in sorted(_verbs(s.text), key=lambda v: (v[2] is None or v[2] in ("assess", "other"), v[0])):
        got = _statement(pc, i, s, ms, last, verb)
        if got is not None and got[2].name in seen and got[0].stance not in ("assess", "other"):
            # "X thanked Denmark and said Kyiv needed more air defence": the demand outweighs the thanks
            weak = next((g for g in out if g[2].name == got[2].name and g[0].stance == "other"), None)
            if weak is not None:
                out.remove(weak)
                seen.discard(got[2].name)
        if got is None or got[2].name in seen:
            continue
        if got[0].quote and got[0].quote in quoted and got[2].kind != "person":
            continue  # "X said he was 'not happy', the White House said": the quote is X's
        seen.add(got[2].name)
        if got[0].quote:
            quoted.add(got[0].quote)
        out.append(got)
    # "X spoke to Y, urging him to ..., the Elysee said": the office relays its own leader's words
    people_sides = {g[2].side for g in out if g[2].kind == "person" and g[2].side}
    out = [g for g in out if g[2].kind == "person" or g[1] or (g[2].side or g[2].name) not in people_sides]
    out.sort(key=lambda g: g[0].provenance["speaker"].span.start if "speaker" in g[0].provenance else 0)
    return out


# Precompiled: tried for every verb of every sentence with an actor.
_ACCUSED_OF = re.compile(r"accus\w*\s+of\b")
_GAP_TO_VERB = re.compile(r"(?:['’]s)?[\s,)]*")


def _statement(pc: PoliticalContext, i: int, s: Sentence, ms: list[ActorMention],
               last: tuple[int, ActorMention] | None, verb: tuple[int, int, str | None]
               ) -> tuple[Event, bool, ActorMention] | None:
    t = s.text
    quotes = pc.quotes_in(s)
    vstart, vend, stance = verb
    if _ACCUSED_OF.match(t, vstart) and re.search(r"(?:,|\b(?:was|were|is|are|been|being))\s*$", t[:vstart]):
        return None  # "Vinnik, accused of laundering": an accusation against him, not by him
    explicit = stance is not None
    if stance == "accuse" and re.search(r"\b(?:arrest|detain|custody|charged|suspect|wanted\s+list|treason)", t, re.I):
        return None  # the accusation of an arrest belongs to the arrest
    speaker = _passive_speaker(t, s, ms, vstart) if explicit else None
    if speaker is None:
        speaker = _speaker_before(t, s, ms, vstart)
    if speaker is None and not explicit:
        speaker = _speaker_after(t, s, ms, vend)
    if speaker is None:
        pm = _PRONOUN.search(t)
        own = [m for m in ms if m.kind == "person" and pm and m.end - s.start < pm.start("p")] \
            if pm and pm.group("p").lower() in ("he", "she") and abs(pm.start("p") - vstart) < 12 else []
        if own and re.search(r"\b(?:where|when|and|but)\s+$", t[:pm.start("p")]):
            speaker = own[0]  # "X visited Bucha, where she said ...": the sentence's subject speaks
        elif pm and last is not None and i - last[0] <= 2 and abs(pm.start("p") - vstart) < 12:
            want_person = pm.group("p").lower() in ("he", "she")
            if (last[1].kind == "person") == want_person:
                speaker = last[1]
    if speaker is None:
        speaker = _surname_speaker(pc, i, s, vstart)
    if speaker is None:
        return None
    if explicit and _CONDITIONAL.search(t[:vstart]):
        return None  # "if Russia rejected the plan": a condition, not a rejection
    if stance == "threaten" and speaker.end - s.start < vstart and _SPEECH_BETWEEN.search(t[speaker.end - s.start:vstart]):
        return None  # "X said the strikes were unacceptable and threatened food security": not X's verb
    if _NOT_STATEMENT.search(t[:vstart]) and not explicit:
        return None
    if speaker.kind == "organization" and _REPORTING_BODIES.search(speaker.name) and not (explicit or quotes) \
            and not (_CONTENT_CUES[_THREATEN_CUE][0].search(t[vend:]) and re.search(r"\b(?:would|will|shall)\b", t[vend:])):
        return None  # a body reporting its operations, unless it threatens
    if speaker.kind == "organization" and speaker.name in ("Security Service of Ukraine", "Federal Security Service",
                                                          "Investigative Committee of Russia", "TASS", "RIA Novosti",
                                                          "Interfax", "Kyiv Independent"):
        return None
    # what was said: the clause after the verb, or before it for "..., the governor said"; not the
    # words describing the speaker ("Svyrydenko, who signed the deal, said")
    rel_sp = speaker.start - s.start
    end_attribution = rel_sp > 15 and re.match(
        r"\s*(?:on\s+\w+day\b|in\s+a\s|in\s+an\s|during\b|at\s+a\s|,|\.|$|to\s+(?:reporters|journalists)|on\s+(?:social|Telegram|X\b|Facebook)"
        r"|late\b|earlier\b|later\b|this\b|yesterday\b|today\b)", t[vend:])
    if end_attribution and re.match(r"\s*(?:on|late|early)\s+\w+day\s+(?:that\s+)?"
                                     r"(?!(?:during|at|in|after|before|while|when|as|on|from|to|via|through|with)\b)[a-zA-Z]", t[vend:]):
        end_attribution = None  # "JEDDAH — Ukraine said on Tuesday it was ready ...": what follows is what was said
    said = t[:rel_sp] if end_attribution else t[vend:]
    if rel_sp > vend:  # "..., said governor X": what was said comes before the verb
        said = t[:vstart]
    if re.match(r"\s+(?:this|so)\s*(?:on\b|in\b|to\b|at\b|,|\.|$)", t[vend:]) and not quotes:
        return None  # "X said this on Telegram": the words are in another sentence, a report relayed
    if not end_attribution and rel_sp <= vend:
        # "X said 12 were killed, and Moscow declared a 'counter-terrorist operation'": the words after a new
        # subject are that subject's, not X's
        other = _NEW_SUBJECT.search(said)
        if other is not None:
            said = said[:other.start()]
            quotes = [q for q in quotes if q.start - s.start < vend + other.start()]
    content = said + " " + " ".join(q.text for q in quotes)
    if stance == "warn":
        stance = "threaten" if re.search(r"\bretaliat|\brespon|\bconsequences|\bmeasures\b|\bstrike\s+back|\banswer\b|\bprice\b"
                                         r"|\bescalat|\bretribution|\bwill\s+pay\b|\bblown\s+up\b|\bsanctions\b|\bnot\s+hesitate\b|\bat\s+war\b|\bnuclear\b", content, re.I) else "assess"
        explicit = stance == "threaten"
    if stance is None or stance == "assess":
        cue = _content_cue(content)
        if cue is None and (any(_HEDGE.search(q.text) for q in quotes) or (speaker.side not in ("UA", "RU") and _HEDGE.search(t))):
            cue = "assess"  # an outside assessment ("Russia had 'likely' ordered a withdrawal"), not a report
        if cue is None and (_has_fact(content) or (not quotes and re.search(r"\d", t))):
            return None
        if speaker.kind == "country" and cue is None and not quotes:
            return None  # "Kyiv said ...": a report, not a stance
        stance = cue or "assess"
        if stance == "propose" and not quotes and re.search(r"\b(?:ready|willing|prepared)\s+to\s+(?:send|provide|supply|deliver|give|donate)\b", content):
            return None  # "the EU said it was ready to send emergency supplies": an offer of aid, told as aid
    if stance == "other" and not quotes and re.search(r"\b(?:(?:phone\s+)?call|spoke|talks|met|meeting|visit(?:ed)?)\b", t[:vstart], re.I):
        return None  # "held a call with Rutte, thanking him for ...": the thanks belong to the contact
    ev = pc.event("statement", s, f"statement.{stance}")
    ev.set("speaker", actor_value(speaker), Span(speaker.start, speaker.end), "statement.speaker")
    ev.set("stance", stance, s.span, "statement.stance")
    topic = _topic(t, vend)
    if topic is not None:
        ev.set("topic", topic, s.sub(vend, len(t)), "statement.topic.after_verb")
    ev.confidence = 0.7 if explicit else 0.55
    if quotes:
        ev.set("quote", " ... ".join(q.text for q in quotes), Span(quotes[0].start, quotes[-1].end), "statement.quote")
    loc = _setting(pc, s)
    if loc is not None:
        ev.set("location", loc, s.span, "statement.setting")
    return ev, explicit, speaker


_NEW_SUBJECT = re.compile(r",\s+(?:and|while|but|whereas)\s+(?=(?:the\s+)?(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+){0,2}\s+"
                          r"(?:has\s+|had\s+)?(?:declared|announced|said|says|accused|called|claimed|insisted|denied|warned|ordered)\b)")


_FACT_L = lower_twin(_FACT)


def _has_fact(content: str) -> bool:
    """Whether the words report a fact (``_FACT``), scanned lower-cased where that finds the same."""
    low = folded(content)
    return bool(_FACT.search(content) if low is None else _FACT_L.search(low))


# the cue scans run on the lower-cased words where they can be (text.folded): the same matches, faster
_CONTENT_CUES_L = [(lower_twin(rx), stance) for rx, stance in _CONTENT_CUES]
_IN_CONDITION = re.compile(r"\b(?:if|unless)\b[^,;]*$", re.I)


def _content_cue(content: str) -> str | None:
    """The stance the words of a statement carry; words inside a condition ("if Moscow would not accept ...")
    carry none, except a demand's "only if"."""
    low = folded(content)
    for rx, stance in (_CONTENT_CUES if low is None else _CONTENT_CUES_L):
        for m in rx.finditer(content if low is None else low):
            if stance != "demand" and _IN_CONDITION.search(content[:m.start()]):
                continue
            return stance
    return None


# the verb scans run on the lower-cased sentence where it can be (text.folded): the same matches, faster
_STANCE_ONE_L, _SPEECH_RE_L = lower_twin(_STANCE_ONE), lower_twin(_SPEECH_RE)


def _verbs(t: str) -> list[tuple[int, int, str | None]]:
    """Stance and speech verbs of a sentence, in text order."""
    found: list[tuple[int, int, str | None]] = []
    low = folded(t)
    for m in (_STANCE_ONE.finditer(t) if low is None else _STANCE_ONE_L.finditer(low)):
        found.append((m.start(), m.end(), _STANCE_VERBS[int(m.lastgroup[1:])][1]))
    for m in (_SPEECH_RE.finditer(t) if low is None else _SPEECH_RE_L.finditer(low)):
        found.append((m.start(), m.end(), None))
    found.sort(key=lambda v: (v[0], v[2] is None))
    return found


def _passive_speaker(t: str, s: Sentence, ms: list[ActorMention], vstart: int) -> ActorMention | None:
    """"dismissed by Russian Security Council Deputy Chairman Dmitry Medvedev": the person after "by"."""
    by = re.match(r"\w+\s+by\s+", t[vstart:])
    if by is None:
        return None
    after = [m for m in ms if vstart + by.end() <= m.start - s.start <= vstart + by.end() + 80]
    return next((m for m in after if m.kind == "person"), None) or next((m for m in after if m.kind != "country"), None)


# How every word of an _AUX match ends, or a superset: "has", "quoted", "in" (of "in turn"), "-ly", "Sunday", ...
_AUX_ENDS = ("as", "ave", "ad", "lso", "ter", "hen", "ly", "ain", "ier", "nce", "ach", "ile", "ver", "in", "on", "day", "a",
             "ted", "urn", "ent", "ost")


def _aux_floor(pre: str) -> int:
    """A position no match of ``_AUX`` in ``pre`` starts before. A match ends at the end and holds only
    word characters, spaces and commas, and each of its whole words ends as one of ``_AUX_ENDS`` (the word
    after "in a post on" excepted): the last character or word that cannot be in one bounds it."""
    i = len(pre)
    while i > 0:
        c = pre[i - 1]
        if c.isspace() or c == ",":
            i -= 1
            continue
        if not (c.isalnum() or c == "_"):
            return i
        j = i - 1
        while j > 0 and (pre[j - 1].isalnum() or pre[j - 1] == "_"):
            j -= 1
        word = pre[j:i]
        if word.isascii() and not word.lower().endswith(_AUX_ENDS):  # "ſ" and "K" match "s" and "k" too
            k = j
            while k > 0 and pre[k - 1].isspace():
                k -= 1
            if k == j or pre[k - 2:k].lower() != "on":  # "in a post on Telegram": any word after "on"
                return j
        i = j
    return 0


def _speaker_before(t: str, s: Sentence, ms: list[ActorMention], vstart: int) -> ActorMention | None:
    """The subject of the verb at ``vstart``: the actor just before it, or the one before an
    appositive or relative clause ("Syrskyi, who was accompanied by Umerov, said")."""
    pre = t[:vstart]
    aux = _AUX.search(pre, _aux_floor(pre))  # searched once, and only from where a match can start
    pre = pre[:len(pre) - len(aux.group(0))] if aux else pre
    before = [m for m in ms if m.end - s.start <= len(pre)]
    if not before:
        return None
    rel = re.search(r",\s*who\s*$", pre)
    if rel:  # "Trump, who had earlier said ...": the one before "who"
        m = next((x for x in reversed(before) if x.end - s.start <= rel.start() + 1), None)
        if m is not None and m.kind != "country" and re.fullmatch(r"[\s,]*", pre[m.end - s.start:rel.start()]):
            return m
    # Both clause tests below need "..., <clause>," right before the verb: a cheap test first, so that
    # the backtracking patterns run only where they can match.
    comma_end = pre.rstrip().endswith(",")
    for m in before:  # "Syrskyi, who was accompanied by Umerov, said": the one before "who"
        # also a participle or "where" clause: "Zelenskyy, speaking in Warsaw where he met Tusk, said"
        if comma_end and pre.count(",", m.end - s.start) == 2 and re.match(r"\s*,\s*(?:who|which|where|(?:while\s+|after\s+)?[a-z]+ing)\b[^,;“”\"]{2,160},\s*$", pre[m.end - s.start:]) \
                and m.kind != "country" and not _PREP_BEFORE.search(t[:m.start - s.start]):
            return m
    last = before[-1]
    gap = pre[last.end - s.start:]
    chain = last.start
    for m in reversed(before[:-1]):  # "the United States Pentagon": the phrase starts at its first actor
        if re.fullmatch(r"\s*", t[m.end - s.start:chain - s.start]):
            chain = m.start
        else:
            break
    lead = t[:chain - s.start]
    participle = t[vstart:vstart + 30].split(" ")[0].endswith("ing")
    if _GAP_TO_VERB.fullmatch(gap) and not _demonym(last) and (
            not _PREP_BEFORE.search(lead) or (participle and re.search(r"\b(?:with|while)\s+$", lead))):
        return last
    said_it = re.search(r"\b(?:said|says|added|stated)\s+(?:that\s+)?(?:it|he|she|they)\s*$", pre)
    if said_it:  # "The newspaper said it vehemently denied ...": the one who said it
        sayer = [m for m in ms if m.end - s.start <= said_it.start()
                 and re.fullmatch(r"(?:['’]s)?[\s,]*", t[m.end - s.start:said_it.start()])]
        if sayer and not _demonym(sayer[-1]):
            return sayer[-1]
    said_comma = re.search(r"\b(?:said|says|wrote|added)(?:\s+(?:on|late|early)\s+\w+|\s+in\s+a\s+\w+(?:\s+\w+)?)?\s*,?\s*$", pre) \
        if re.search(r",\s*$", t[:vstart]) else None
    if participle and said_comma:  # "..., Zelenskyy said on Friday, calling Russia a threat": who said it
        sayer = [m for m in ms if m.end - s.start <= said_comma.start()
                 and re.fullmatch(r"(?:['’]s)?[\s,]*", t[m.end - s.start:said_comma.start()])]
        if sayer and not _demonym(sayer[-1]):
            return sayer[-1]
    who = list(re.finditer(r",\s*who\b", pre))
    if who and re.search(r"\b(?:and|but)\s*$", pre) and not re.search(r"[;]", pre[who[-1].end():]):
        # "Zelenskyy met Harris, who said ... and called on Congress": the one before "who" goes on speaking
        m = next((x for x in reversed(before) if x.end - s.start <= who[-1].start() + 1), None)
        if m is not None and m.kind != "country" and re.fullmatch(r"[\s,]*", pre[m.end - s.start:who[-1].start()]):
            return m
    if (re.search(r"\b(?:and|but)\s*$", pre) and len(gap) >= 4) or (participle and re.search(r",\s*$", t[:vstart])):
        # "Syrskyi visited troops ... and described it as ...": the subject of the sentence
        # after "and" a person is the likelier subject; before a participle, the sentence's first subject
        coord = bool(re.search(r"\b(?:and|but)\s*$", pre))
        first = next((m for m in (sorted(ms, key=lambda x: x.kind != "person") if coord else ms)
                      if (m.kind in ("person", "organization") or (m.start - s.start < 25 and not _demonym(m)))
                      and re.match(r"\s*(?:,[^,]{1,160},\s*)?(?:has\s+|had\s+|also\s+)?(?!and\b|who\b|which\b|of\b|the\b)[a-z]+\b",
                                   t[m.end - s.start:])), None)
        if first is not None and first.start - s.start < 100:
            return first
    m = re.fullmatch(r"\s+(?:and|along\s+with|together\s+with)\s+[\w\s-]{1,40}?", gap)
    if m and last.kind != "country":
        return last
    org = _ORG_TAIL.search(pre)
    if org and org.start("org") >= last.start - s.start and last.kind == "country":
        name = org.group("org").strip()
        return ActorMention(s.start + org.start("org"), s.start + org.start("org") + len(name), name, name,
                            "organization", last.side, None, "statement.org")
    # one appositive or relative clause between the actor and the verb
    for m in reversed(before):
        gap = pre[m.end - s.start:]
        if comma_end and gap.count(",") == 2 and re.fullmatch(r"(?:['’]s)?\s*,[^,;“”\"]{2,120},\s*", gap) and m.kind != "country" \
                and not _PREP_BEFORE.search(t[:m.start - s.start]):
            return m
    return None


def _surname_speaker(pc: PoliticalContext, i: int, s: Sentence, vstart: int) -> ActorMention | None:
    """"..., Harris said": a surname alone, right before the verb, names the person the document named in full before."""
    m = re.search(r"(?:^|[\s,”\"])(?P<n>(?-i:[A-Z])[a-z][\w’'-]+)\s*$", s.text[:vstart])
    if m is None:
        return None
    name = m.group("n")
    for j in range(i - 1, max(-1, i - 12), -1):
        for x in pc.mentions[j]:
            if x.kind == "person" and " " in x.name and x.name.split()[-1] == name:
                a = s.start + m.start("n")
                return ActorMention(a, a + len(name), name, x.name, "person", x.side, x.actor, "statement.surname")
    return None


def _speaker_after(t: str, s: Sentence, ms: list[ActorMention], vend: int) -> ActorMention | None:
    """Inverted attribution: "..., said Ukrainian President Volodymyr Zelenskyy"."""
    if not re.search(r"\b(?:said|says|added|wrote)$", t[:vend]):
        return None
    for m in ms:
        rel = m.start - s.start
        if vend <= rel <= vend + 60 and m.kind == "person":
            if _TITLE_WORDS.fullmatch(t[vend:rel]):
                return m
    return None


# Only a title may stand between "said" and the name it introduces: "said Kyiv Mayor Vitali Klitschko".
_TITLE_WORDS = re.compile(r"\s*(?:(?:[A-Z][\w.’'-]*|the|of|for|deputy|prime|foreign|defen[cs]e|minister|president|mayor"
                          r"|governor|head|chief|spokes(?:wo)?(?:man|person)|secretary|adviser|aide|general|commander|regional"
                          r"|city|military|administration|ambassador|envoy)[\s,]+)*")


def _demonym(m: ActorMention) -> bool:
    """"Russian nationalists": a demonym qualifies a noun; it does not speak."""
    return m.kind == "country" and bool(re.search(r"(?:ian|ese|ish|ic|ch|i)$", m.text)) and \
        m.text not in ("Kremlin", "Washington", "Helsinki", "Tbilisi", "Delhi")


def _topic(t: str, vend: int) -> str | None:
    words = re.findall(r"[\w’'-]+", t[vend:])
    words = [w for w in words if w.lower() not in ("that", "the", "a", "an", "on", "of")][:6]
    return " ".join(words) or None


def _setting(pc: PoliticalContext, s: Sentence):
    """Where a statement was made: "At a NATO meeting in Brussels, ..."."""
    if not re.search(r"\b(?:meeting|summit|conference|visit|speaking|address|forum)\b", s.text, re.I):
        return None
    return pc.place_after(s, r"in|at")


def _continues_quote(pc: PoliticalContext, i: int, s: Sentence, prev_i: int, prev_speaker: str | None = None) -> bool:
    """A quotation with no speaker of its own, right after a statement, goes on with it; so does one the
    same speaker is said to have said ("'...,' he wrote"; "'...,' Harris said")."""
    if i - prev_i != 1:
        return False
    qs = pc.quotes_in(s)
    if not qs:
        return False
    t = s.text.strip()
    if t[:1] not in "“\"«":
        return False
    rest = t.replace(qs[0].text, "")
    if not _SPEECH_RE.search(rest):
        return True
    surname = prev_speaker.split()[-1] if prev_speaker and " " in prev_speaker else None
    who = r"he|she" + (f"|{re.escape(surname)}" if surname else "")
    return bool(re.match(rf"^\W*(?:{who})\s+(?:said|wrote|added|told\s+\w+|says)\b[^“\"]*$", rest.lstrip("“\"«”,. ")))


def _append_quotes(pc: PoliticalContext, ev: Event, s: Sentence) -> None:
    new = [q.text for q in pc.quotes_in(s) if not ev.quote or q.text not in ev.quote]
    if not new:
        return
    ev.quote = " ... ".join(([ev.quote] if ev.quote else []) + new)
    ev.evidence.append(s.span)


def _merge(found: list[tuple[int, Event, bool]]) -> list[Event]:
    """One statement per run of sentences by one speaker: "Syrskyi described it as X ... said Y"."""
    out: list[tuple[int, Event, bool]] = []
    for i, ev, explicit in found:
        if out:
            pi, prev, pexplicit = out[-1]
            if i - pi <= 1 and prev.speaker == ev.speaker and (prev.stance == ev.stance or not explicit):
                if ev.quote:
                    prev.quote = ev.quote if not prev.quote else f"{prev.quote} ... {ev.quote}"
                prev.evidence.extend(ev.evidence)
                out[-1] = (i, prev, pexplicit)
                continue
            # "Russia has warned X that ... Medvedev said: '...'": the country's stance is the person's
            if i - pi == 1 and prev.speaker and len(prev.speaker) == 2 and not explicit \
                    and pexplicit and _side_of(ev.speaker) == prev.speaker:
                ev.stance = prev.stance
                ev.evidence = prev.evidence + ev.evidence
                out[-1] = (i, ev, True)
                continue
        out.append((i, ev, explicit))
    return [ev for _, ev, _ in out]


def _side_of(name: str | None) -> str | None:
    from sitrep.normalize.actors import actor_by_name
    a = actor_by_name(name) if name else None
    return a.side if a else None


def quote_texts(quotes: list[Quote]) -> str | None:
    return " ... ".join(q.text for q in quotes) or None
