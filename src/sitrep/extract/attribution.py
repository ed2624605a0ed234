"""Who did it and who says so: the attacking side of a violent event, and the sources it is claimed by.

The side comes from the words that carry it in war reporting, strongest first: a side
adjective on the weapon ("Russian drones", "a Ukrainian drone attack"), the agent of a
launch verb ("Russia launched", "launched by Russia"), and the defender that shot the
weapons down ("Ukraine's air defence destroyed..." makes the attacker Russia).
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from sitrep.extract.text import folded, lower_twin
from sitrep.normalize.actors import find_actors

OTHER_SIDE = {"RU": "UA", "UA": "RU"}

# Words Ukrainian sources use for the Russian side, and Russian sources for the Ukrainian one.
_SIDE_WORDS = re.compile(
    r"\b(?P<ru>(?:the\s+)?enemy|occupiers|occupying\s+forces|invaders|aggressors?|(?:the\s+)?russians|rashists?|wagner|kadyrovites"
    r"|dnr|lnr|dpr|lpr)\b"
    r"|\b(?P<ua>kyiv\s+regime|(?:the\s+)?ukrainians)\b", re.I)
_MOD = r"(?:(?!(?:with|by|of|from|at|on|in|and|to|over|against|for|said|says)\b)[\w-]+\s+)"
_WEAPON_AFTER = re.compile(
    rf"^(?:['’]s)?[\s-]*{_MOD}{{0,2}}?(?:drones?|missiles?|uavs?|shelling|shells|attacks?|strikes?|airstrikes?"
    r"|air\s+(?:attacks?|strikes?|raids?|assault)|artillery|bombs?|rockets?|shaheds?|launched|fire|bombardment|offensive"
    r"|counteroffensive|counterattack|incursion|assaults?|aggression|occupiers|invaders|barrage|onslaught|warplanes?"
    r"|jets?|aircraft|helicopters?)\b", re.I)
_FORCES_AFTER = re.compile(rf"^(?:['’]s)?[\s-]*{_MOD}{{0,2}}?(?:forces|troops|army|military|infantry|soldiers|units|partisans"
                           r"|saboteurs|fighters|special\s+services|intelligence)\b(?!['’]|-industrial)", re.I)
_INTERCEPT_VERB = re.compile(r"^[\s,]*(?:\w+\s+){0,3}?(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?(?:shot|shoot|downed|destroyed|intercepted"
                             r"|neutrali[sz]ed|repelled)\b", re.I)
_NOT_ATTACKER_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]*(?:installed|backed|occupied|controlled|held|led|appointed|annexed|border|region|oblast"
    r"|territory|soil|air\s+defen[cs]es?|defen[cs]es?|anti-aircraft|ministry|defen[cs]e\s+ministry|governor|president"
    r"|officials?|authorities|media|news|state|general\s+staff|navy|landing|warship|ship|cruiser|vessel|airfields?"
    r"|(?:military|army|defen[cs]e|armed\s+forces)\s+(?:officials?|spokes\w+|sources|intelligence|command|commanders?|chief"
    r"|leadership|analysts?|bloggers?|experts?|said|says|reported|claimed))\b", re.I)
_DEFENDER_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:air\s+defen[cs]es?|air\s+forces?|anti-aircraft|defen[cs]e\s+forces|air\s+defen[cs]e\s+forces"
    r"|mobile\s+fire\s+(?:groups?|teams?|units?)|anti-drone\s+(?:units?|teams?))\b"
    r"|^(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:said|says|reported|claimed)\s+(?:that\s+)?(?:it|its\s+(?:forces|units|air\s+defen[cs]es?)"
    r"|(?:the\s+|its\s+)?air\s+defen[cs]es?(?:\s+(?:systems|units|forces|assets))?)\s+"
    r"(?:had\s+|have\s+)?(?:\w+ly\s+)?(?:shot|shoot|downed|destroyed|intercepted|repelled|neutrali)", re.I)
_AGENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:also\s+|has\s+|have\s+|had\s+|again\s+)*(?:(?!(?:was|were|is|are|been|being)\b)[\w-]+\s+){0,1}?"
    r"(?:launched|fired|attacked|struck|targeted|hit|shelled"
    r"|bombarded|deployed|unleashed|pounded|used|sent|carried\s+out|staged|stormed|captured|seized)\b", re.I)
# "Russia's defence ministry said its forces had carried out a strike": the claimant's side struck.
_CLAIMED_AGENT = re.compile(
    r"^(?:['’]s)?\s+(?:\w+\s+){0,2}?(?:\([\w\s]{1,12}\)\s+)?(?:said|says|claimed)\s+(?:\w+\s+){0,3}?(?:that\s+)?(?:it|its\s+(?:[\w-]+\s+)?(?:forces|troops|army|units|missiles|drones|aircraft|warplanes|jets|artillery"
    r"|air\s+force|strikes?|weapons|navy))\s+"
    r"(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?"
    r"(?:damaged|struck|hit|attacked|launched|targeted|sank|captured|took|taken|seized|liberated|recaptured|retook|retaken"
    r"|carried\s+out|conducted|delivered|destroyed\s+(?:a|the)\b)", re.I)
# What one side owns and the other strikes.
_TARGET_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]*(?:[\w-]+\s+){0,1}?(?:air\s*bases?|airbases?|military\s+bases?|bases|airfields?|positions|ammunition\s+depots?"
    r"|fuel\s+depots?|oil\s+depots?|depots?|warehouses?|headquarters|warships?|landing\s+ships?|ships?|vessels?|cruisers?"
    r"|submarines?|command\s+posts?|refinery|refineries|convoys?|columns?|military\s+(?:facilities|facility|targets?)"
    r"|barracks|radar\s+stations?|air\s+defen[cs]e\s+systems?|Black\s+Sea\s+Fleet"
    r"|military[-\s]industrial\s+(?:complex|facilities|enterprises|sites|plants)|defen[cs]e[-\s]industr(?:y|ial)\s+(?:enterprises|facilities"
    r"|plants|sites)|(?:military\s+)?air\s*fields?|critical\s+(?:energy\s+)?infrastructure)\b", re.I)
# "Ukraine was hit", "Russia came under attack": the side attacked.
_PASSIVE_HIT_AFTER = re.compile(r"^\s+(?:was|were|has\s+been|had\s+been|is\s+being)\s+(?:\w+ly\s+|again\s+)?(?:hit|attacked|struck|targeted"
                                r"|shelled|bombarded|pounded)\b(?!\s+back\b)|^\s+(?:came|comes)\s+under\s+(?:\w+\s+){0,3}?(?:attack|fire)\b", re.I)
# A side pulling its own troops out: the other side is the one pressing.
_RETREAT_AFTER = re.compile(r"^(?:['’]s)?\s+(?:\w+\s+){0,2}?(?:pull(?:s|ed)?\s+(?:\w+\s+)?(?:out|back)|withdr(?:ew|awn|aws)|retreat\w*"
                            r"|has\s+withdrawn|abandon\w*)\b", re.I)
# What air defence brings down: a destruction "by" a side of these is an interception.
_AIR_WEAPON = re.compile(r"drones?|missiles?|uavs?|rockets?|shaheds?|aircraft|helicopters?|jets?|targets|bombs?", re.I)
_BY_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$", re.I)


# Only the two sides can be attackers here; a short pattern keeps this cheap on every sentence.
_SIDES = re.compile(r"\b(?:(?P<r>Russia|Russian|Russians|Moscow|Kremlin|Russian-|Russia-)|(?P<u>Ukraine|Ukrainian|Ukrainians|Kyiv|Kiev))"
                    r"(?=['’\s,.;:-]|$)", re.I)
_SIDES_L, _SIDE_WORDS_L = lower_twin(_SIDES), lower_twin(_SIDE_WORDS)
# Before a side word (precompiled: side_votes tries them on every side word of every sentence):
# "according to Ukrainian...", "held by Russian..."
_SOURCE_OR_HOLDER_BEFORE = re.compile(r"according\s+to\s+(?:the\s+)?$|(?:controlled|held|occupied|run|seized|retaken|liberated|captured"
                                      r"|fortified|defended)\s+by\s+(?:the\s+)?$", re.I)
# "pushed back Russian troops", "an attack on Russian positions"
_OBJECT_BEFORE = re.compile(r"\b(?:pushed\s+back|pushed|pushing|drove|driving|repelled|repel|repelling|against|targeting|fighting|on|at|with|to|supported|supporting"
                            r"|supplied|supplying|helping|helped|aiding|aided|for|defeat\s+of|sent\s+to"
                            r"|(?:unit|units|positions?|bases?|headquarters|convoy|column|depot|facility|facilities|lines?)\s+of)"
                            r"\s+(?:the\s+)?$", re.I)


@functools.lru_cache(maxsize=4096)
def side_votes(text: str) -> dict[str, int]:
    """Votes for the attacking side that the words of ``text`` (one sentence) give, by ISO code.

    >>> side_votes("Ukraine's air defence destroyed 42 Russian drones.")
    {'RU': 5}
    """
    votes: dict[str, int] = {}

    def vote(code: str | None, w: int) -> None:
        if code in ("RU", "UA"):
            votes[code] = votes.get(code, 0) + w

    hits: list[tuple[int, int, str]] = []
    low = folded(text)  # the side words are found over the lower-cased sentence where they can be: the same, faster
    for m in (_SIDES.finditer(text) if low is None else _SIDES_L.finditer(low)):
        hits.append((m.start(), m.end(), "RU" if m.group("r") else "UA"))
    for m in (_SIDE_WORDS.finditer(text) if low is None else _SIDE_WORDS_L.finditer(low)):
        hits.append((m.start(), m.end(), "RU" if m.group("ru") else "UA"))
    for start, end, code in hits:
        after = text[end:end + 80]
        before = text[max(0, start - 25):start]
        if text[start:end].lower() in ("kyiv", "kiev", "moscow") and not (
                after[:2] in ("'s", "’s") or _AGENT_AFTER.match(after) or _CLAIMED_AGENT.match(after)):
            continue  # a city where things happen; a side only as "Kyiv's forces" or "Moscow launched"
        if _SOURCE_OR_HOLDER_BEFORE.search(before):
            continue
        if _OBJECT_BEFORE.search(before):
            continue  # the side is the object: "pushed back Russian troops", "an attack on Russian positions"
        if (re.search(r"(?:destroyed|shot\s+down|downed|intercepted|repelled|neutrali[sz]ed)\s+by\s+(?:the\s+)?$", before, re.I)
                and (_AIR_WEAPON.search(text, max(0, start - 90), start) or not re.search(r"destroyed\s+by\s+(?:the\s+)?$", before, re.I))) or (
                re.search(r"\bby\s+(?:the\s+)?$", before, re.I) and re.match(
                    r"^(?:['’]s)?\s+(?:electronic\s+warfare|air\s+defen[cs]es?|anti-aircraft|mobile\s+fire|air\s+force"
                    r"|defen[cs]e\s+forces|countermeasures)", after, re.I)):
            vote(OTHER_SIDE.get(code), 2)  # "drones downed by Ukrainian forces"
            continue
        if _PASSIVE_HIT_AFTER.match(after):
            vote(OTHER_SIDE.get(code), 2)  # "Ukraine was hit overnight": the side struck, not the striker
            continue
        if _RETREAT_AFTER.match(after):
            vote(OTHER_SIDE.get(code), 2)
            continue
        if _TARGET_AFTER.match(after):
            vote(OTHER_SIDE.get(code), 2)  # "an explosion at a Russian air base": the other side struck
            continue
        if _CLAIMED_AGENT.match(after):
            vote(code, 3)
            continue
        if _DEFENDER_AFTER.match(after):
            vote(OTHER_SIDE.get(code), 2)
        elif _NOT_ATTACKER_AFTER.match(after):
            continue
        elif _WEAPON_AFTER.match(after) or re.match(r"^[-‐](?:launched|made)\b", after):
            vote(code, 3)
        elif (fm := _FORCES_AFTER.match(after)):
            if re.search(r"(?:partisans|saboteurs|fighters|special\s+services|intelligence)$", after[:fm.end()], re.I):
                vote(code, 3)  # irregulars and spies report their own deeds
            elif re.match(r"^[\s,]*(?:\w+\s+)?(?:said|says|reported|claimed|announced|wrote|told|added|stated)\b", after[fm.end():], re.I):
                vote(OTHER_SIDE.get(code), 1)  # "Ukraine's military said": a report of the other side's attack
            elif re.match(r"^[\s,]*(?:are\s+|is\s+|were\s+|(?:have|has|had)\s+been\s+|had\s+|continue\s+to\s+)?(?:still\s+)?(?:holding|hold|held|defending"
                          r"|defend|repell?(?:ing|ed)?|fighting\s+to\s+(?:retain|hold|keep)|battl\w+\s+to\s+hold|retain"
                          r"|stationed|based|deployed|concentrated|quartered)\b",
                          after[fm.end():], re.I):
                vote(OTHER_SIDE.get(code), 2)  # the defenders, or troops where they stand: the attack is the other side's
            elif (iv := _INTERCEPT_VERB.match(after[fm.end():])) and not (
                    re.match(r"^[\s,]*(?:\w+\s+){0,3}?(?:had\s+|have\s+|has\s+)?destroyed\b", after[fm.end():], re.I)
                    and not _AIR_WEAPON.search(after[fm.end() + iv.end():fm.end() + iv.end() + 60])):
                vote(OTHER_SIDE.get(code), 2)  # "Ukrainian forces had downed 47 drones"; "destroyed a bridge" is their own act
            else:
                vote(code, 3)
        elif _BY_BEFORE.search(before) and not re.search(r"\bfrom\s+(?:the\s+)?$|(?:controlled|held|occupied|run|seized|retaken|liberated|captured|fortified|defended)\s+by\s+(?:the\s+)?$", before, re.I):
            vote(code, 3)
        elif _AGENT_AFTER.match(after):
            vote(code, 3)
    if not votes:
        # "the Air Force said": with no side named, the air force that reports interceptions is Ukraine's
        af = re.search(r"\b(?:the\s+)?air\s+force(?:\s+command)?\b", text, re.I)
        if af and not re.search(r"(?:russia|russian|belarus\w*)['’]?s?\s+(?:\w+\s+)?$", text[:af.start()], re.I):
            vote("RU", 1)
    return votes


def attacker_of(votes: dict[str, int]) -> str | None:
    """The side with most votes, or None where there are none or they tie."""
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


_MEDIA = re.compile(r"^(?:TASS|RIA(?:\s+Novosti)?|Interfax(?:-Ukraine)?|Ukrinform|Reuters|AFP|Agence\s+France-Presse|AP|Associated\s+Press"
                    r"|(?:The\s+)?Kyiv\s+Independent|UNN|Ukrainska\s+Pravda|BBC|CNN|Suspilne|RBC(?:-Ukraine)?|Censor\.NET|Al\s+Jazeera"
                    r"|Bloomberg|The\s+Guardian|(?:The\s+)?New\s+York\s+Times|Kommersant|Meduza|NV|New\s+Voice\s+of\s+Ukraine)$", re.I)
_SPEECH_AFTER = re.compile(r"^[\s,]*(?:[\w-]+\s+){0,2}?(?:said|says|reported|announced|wrote|claimed|told|added|stated"
                           r"|confirmed|noted|warned|posted)\b", re.I)
_SPEECH_BEFORE = re.compile(r"(?:according\s+to|reported\s+by|said|says|cited|citing|quoting|from)\s+(?:the\s+)?"
                            r"(?:[\w’'-]+\s+){0,4}?(?:[\w’'-]+,\s+)?$", re.I)


def claimants(text: str, start: int, end: int, day: dt.date | None) -> list[str]:
    """Full names of the people and institutions that ``text[start:end]`` attributes a report to.

    >>> claimants("Russia launched 20 drones, Ukraine's air force said.", 0, 52, None)
    ['Ukrainian Air Force']
    """
    return [name for name, _, _, _ in claimant_spans(text, start, end, day)]


def claimant_spans(text: str, start: int, end: int, day: dt.date | None) -> list[tuple[str, int, int, str]]:
    """The claimants of :func:`claimants` with where each is named in ``text`` and the rule that found it:
    (name, start, end, rule)."""
    out: list[tuple[str, int, int, str]] = []
    for m in find_actors(text, start, end, date=day):
        if m.kind not in ("person", "organization") or _MEDIA.search(m.name):
            continue  # an outlet relaying the report is not its source
        after = text[m.end:min(end, m.end + 60)]
        before = text[max(start, m.start - 60):m.start]
        if _SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before) or re.match(r"^[\s,]+(?:the\s+)?[\w\s]{0,40}?(?:said|says)\b", after):
            if all(m.name != n for n, _, _, _ in out):
                out.append((m.name, m.start, m.end, "claimed_by.speech"))
    if not out:
        # institutions named bare ("the Air Force said"), which the actor base needs a country to resolve
        chunk = text[start:end]
        for rx, name in _BARE_CLAIMANTS:
            m2 = rx.search(chunk)
            if m2 and not re.search(r"russia\w*['’]?s?\s+(?:\w+\s+)?$", chunk[:m2.start()], re.I):
                out.append((name, start + m2.start(), start + m2.end(), "claimed_by.bare_institution"))
    return out


_BARE_CLAIMANTS = (
    (re.compile(r"\b(?:the\s+)?air\s+force\b(?:\s+command)?[^.]{0,40}?\b(?:said|says|reported|wrote|announced|added)\b"
                r"|\b(?:according\s+to|reported\s+by)\s+(?:the\s+)?(?:command\s+of\s+the\s+)?air\s+force\b", re.I), "Ukrainian Air Force"),
    (re.compile(r"\b(?:the\s+)?general\s+staff\b[^.]{0,40}?\b(?:said|says|reported)\b", re.I), "General Staff of Ukraine"),
)


__all__ = ["OTHER_SIDE", "attacker_of", "claimant_spans", "claimants", "side_votes"]
