"""Casualty figures of a sentence: how many were killed and how many injured.

Follows the annotation conventions: "at least N" is N, "a dozen" is 12, "between five and
seven" is 5, "dozens" and "no casualties" say nothing, and totals are never summed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.text import NUMBER, folded, lower_twin, parse_count

_QUAL = (r"(?:(?:at\s+least|more\s+than|over|nearly|almost|some|about|around|up\s+to|as\s+many\s+as|a\s+further"
         r"|another|an\s+additional|a\s+total\s+of|between)\s+)*")
_COUNT = rf"(?P<q>{_QUAL})(?P<n>{NUMBER}|an?|another)(?:\s+(?:to|and|or)\s+{NUMBER})?"
_PERSON = (r"(?:people|persons?|civilians?|residents?|children|child|kids?|others?|men|man|women|woman|girls?|boys?"
           r"|teenagers?|teens?|soldiers?|servicem[ae]n|troops|officers?|workers?|rescuers?|firefighters?|police\w*"
           r"|employees?|passengers?|pensioners?|journalists?|individuals?|infants?|bab(?:y|ies)|villagers?"
           r"|drivers?|volunteers?|medics?|doctors?|citizens?|locals?|adults?|minors?|staff|members?|personnel|farmers?|teachers?"
           r"|nurses?|guards?|miners?|fishermen|fisherman|students?|patients?|couple|family|residents?|elderly|priests?"
           r"|guests?|shoppers?|commuters?|sailors?|crew\s+members?|energy\s+workers?|paramedics?)")
_MODS = r"(?:[\w\-’']+\s+){0,3}?"
_KILL = r"killed|dead|died|perished|lost\s+(?:their|his|her)\s+li(?:ves|fe)"
_HURT = r"injured|wounded|hurt|injuries|hospitali[sz]ed"
_AUX = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|had|have|has|are|is|reportedly|also|later|all)\s+)*"
_PAREN = r"(?:,\s*(?:including|among\s+them|among\s+whom)[^,.;]{1,60},)?"

# "18 people were killed", "four others wounded", "Three people, including a child, died"
_PASSIVE = re.compile(
    rf"(?<![\w\-])(?:{_COUNT})\s+(?:{_MODS}{_PERSON}(?:\s+(?:in|from|at|of|near|on)\s+[^,.;:]{{0,60}}?)?\s*)?{_PAREN}\s*{_AUX}"
    rf"(?P<v>{_KILL}|{_HURT})\b", re.I)
# "killing three civilians", "injured at least 35 people", "killed a 16-year-old girl"
_ACTIVE = re.compile(
    rf"\b(?P<v>killing|killed|kills|injuring|injured|injures|wounding|wounded|wounds|hurting)\s+(?:{_COUNT})"
    rf"(?:\s+{_MODS}{_PERSON}\b|(?=\s*(?:[.,;]|$|\s+(?:and|in|on|at|across|after|over|during|since|as|overnight|yesterday|last"
    rf"|this|when|while|by|from|near|including)\b)))", re.I)
# "left one person dead and four others wounded"
_LEFT = re.compile(rf"\bleft\s+(?:{_COUNT})\s+{_MODS}{_PERSON}\s+(?P<v>dead|injured|wounded)\b", re.I)
# "the death toll ... has risen to 14", "the number of people killed by ... rose to 41"; "the death of a woman"
_TOLL = re.compile(rf"\b(?:death\s+toll|number\s+of\s+(?:people\s+|those\s+|civilians\s+)?(?:killed|dead))\b[^.;]{{0,80}}?\b(?:risen|rose|climbed|increased|reached|grew|jumped|stands|stood)\s+(?:to|at)\s+(?:{_COUNT})", re.I)
_DEATH_OF = re.compile(rf"\bdeaths?\s+of\s+(?:{_COUNT})\s+{_MODS}{_PERSON}\b", re.I)
# "the dead included three children", "among the injured were two medics"
_AMONG = (re.compile(rf"\b(?P<v>dead|killed|injured|wounded)\s+(?:included|includes|include)\s+(?:{_COUNT})\s+{_MODS}{_PERSON}\b", re.I),
          re.compile(rf"\bamong\s+the\s+(?P<v>dead|killed|injured|wounded)\s+(?:were|are)\s+(?:{_COUNT})\s+{_MODS}{_PERSON}\b", re.I))
# "injured her husband", "killed his son": one kin of the person just named
_KIN = re.compile(r"\b(?P<v>killing|killed|injuring|injured|wounding|wounded)\s+(?:his|her|their)\s+(?:husband|wife|son|daughter"
                  r"|mother|father|brother|sister|grandmother|grandfather|neighbou?r|friend)\b", re.I)
# "31 wounded Ukrainian soldiers": the verb is an adjective of the people after it
_ATTRIBUTIVE = re.compile(rf"\s+(?:[A-Z][\w-]*\s+|Ukrainian\s+|Russian\s+)?{_PERSON}\b")
# a day of the month right before the count: "on Oct. 20 killed two" says nothing of 20 dead
_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.I)
_MONTH_AFTER = re.compile(r"\s+(?:January|February|March|April|June|July|August|September|October|November|December"
                          r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s|,|$)")
# "One person was killed and another injured"
_ANOTHER = re.compile(rf"\band\s+another\s+(?:{_PERSON}\s+)?(?:was\s+|were\s+)?(?P<v>{_HURT}|{_KILL})\b", re.I)


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and injured of one sentence, with their offsets in the sentence."""

    killed: int | None = None
    killed_span: tuple[int, int] | None = None
    injured: int | None = None
    injured_span: tuple[int, int] | None = None


_PERSON_WORD = re.compile(rf"\b{_PERSON}\b", re.I)  # compiled once, not on every call


# Each pattern with its lower-case twin (text.lower_twin), for the folded sentence.
_TWINS = {rx: (rx, lower_twin(rx)) for rx in (_PASSIVE, _ACTIVE, _LEFT, _TOLL, _DEATH_OF, *_AMONG, _KIN, _ANOTHER)}
_PASSIVE_ACTIVE_LEFT = (_TWINS[_PASSIVE], _TWINS[_ACTIVE], _TWINS[_LEFT])


def _value(m: re.Match[str]) -> int | None:
    n = m.group("n").lower()
    if n in ("a", "an", "another"):
        return 1
    return parse_count(n)


def casualties(s: str) -> Casualties:
    """Killed and injured figures that a sentence states.

    >>> c = casualties("At least two people were killed and four others injured.")
    >>> (c.killed, c.injured)
    (2, 4)
    """
    killed = injured = None
    kspan = ispan = None
    hits: list[tuple[int, int, int, str]] = []
    # the patterns run over the lower-cased sentence where they can (text.folded): the same matches, faster;
    # what is read from a match (its number, its verb) is read lower-cased either way
    low = folded(s)
    t, k = (s, 0) if low is None else (low, 1)
    for rx, twin in _PASSIVE_ACTIVE_LEFT:
        for m in (rx, twin)[k].finditer(t):
            v = _value(m)
            if v is None:
                continue
            if _MONTH_BEFORE.search(s, max(0, m.start("n") - 12), m.start("n")) or _MONTH_AFTER.match(s, m.end("n")):
                continue  # the number is a day of a date: "on Oct. 20 killed two", "on 12 March 3 people were killed"
            if rx is _PASSIVE and _ATTRIBUTIVE.match(s, m.end()) and not _PERSON_WORD.search(m.group(0)):
                continue  # "handed over 31 wounded soldiers": the wounded are who was handed over, not a toll
            if m.group("n").lower() in ("a", "an") and re.search(r"\bwere\b", m.group(0), re.I):
                continue  # "a woman and a man were killed": the total is not written
            hits.append((m.start(), m.end(), v, m.group("v").lower()))
    for m in _TWINS[_TOLL][k].finditer(t):
        v = _value(m)
        if v is not None:
            hits.append((m.start(), m.end(), v, "killed"))
    for m in _TWINS[_DEATH_OF][k].finditer(t):
        v = _value(m)
        if v is not None:
            hits.append((m.start(), m.end(), v, "killed"))
    for m in (m for rx in _AMONG for m in _TWINS[rx][k].finditer(t)):
        v = _value(m)
        if v is not None:
            hits.append((m.start(), m.end(), v, m.group("v").lower()))
    for m in _TWINS[_KIN][k].finditer(t):
        hits.append((m.start(), m.end(), 1, m.group("v").lower()))
    for m in _TWINS[_ANOTHER][k].finditer(t):
        hits.append((m.start(), m.end(), 1, m.group("v").lower()))
    for start, end, v, verb in sorted(hits):
        if re.match(r"kill|dead|died|perish|lost", verb):
            if killed is None:
                killed, kspan = v, (start, end)
        elif injured is None:
            injured, ispan = v, (start, end)
    return Casualties(killed, kspan, injured, ispan)


__all__ = ["Casualties", "casualties"]
