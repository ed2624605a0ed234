"""A night's wave of air strikes: the wave told as a whole, its main target, the strikes on cities inside it,
and the side a draft's words give (which the wave's strikes share).

Split from ``violence`` (which reads sentences into mentions and joins them into events): these rules
decide what belongs to the wave once the drafts are made, or mark a sentence as telling the wave.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract.assembly import Draft, harm_fits, same_place
from sitrep.extract.attribution import OTHER_SIDE, attacker_of, side_votes
from sitrep.extract.places_pick import PlacePick
from sitrep.extract.text import folded, lower_twin

if TYPE_CHECKING:
    from sitrep.extract import DocContext
    from sitrep.extract.text import Sentence


# A strike told as a whole, without a place: "carried out a massive strike with long-range precision weapons"
# (a defence ministry's summary of a night's wave); the attacked side's country is where it fell.
MASS_STRIKE = re.compile(r"\b(?:massive|massed|mass|group|combined|large-scale)\s+(?:[\w-]+\s+){0,3}?(?:strikes?|attacks?)\b"
                         r"|\b(?:high-)?precision\s+(?:[\w-]+\s+){0,3}?weapons\b", re.I)


def mass_strike(d: Draft) -> bool:
    """An air attack told as a massive or massed strike in any of its sentences."""
    return d.type == "aerial_attack" and any(MASS_STRIKE.search(m.sentence.text) for m in d.mentions)


# "Lutsk the main target", "Kyiv was the main target", "the main direction of the attack was the city of Lutsk"
_MAIN_BEFORE = re.compile(r"\s*(?:,\s*)?(?:was\s+|is\s+|were\s+|became\s+)?(?:the\s+)?(?:main|primary|principal|chief)\s+target", re.I)
_MAIN_AFTER = re.compile(r"\b(?:main|primary|principal|chief)\s+(?:target|direction|focus|thrust)(?:\s+of\s+the\s+(?:\w+\s+)?(?:attack|strikes?))?"
                         r"\s+(?:was|were|is)\s+(?:the\s+)?(?:(?:city|town|region|port)\s+of\s+)?$", re.I)


def main_target(ctx: DocContext, s: Sentence) -> PlacePick | None:
    """The settlement a sentence names as the main target of the wave it counts, or None."""
    for p in ctx.places_in(s.start, s.end):
        if p.kind != "settlement":
            continue
        if _MAIN_BEFORE.match(ctx.text, p.end, s.end) or _MAIN_AFTER.search(ctx.text, max(s.start, p.start - 80), p.start):
            return PlacePick(p.location(), True, p.start, p.end)
    return None


# The clause that sets a city's strike inside a wave: ", as Russia fired...", ", part of a barrage...".
WAVE_CLAUSE = re.compile(r"[,;]\s*(?:as|while|when|amid|during|part\s+of)\b", re.I)
# "Dnipro, Sloviansk and Kramatorsk were also hit.": the reach of the wave, no strike of their own
ALSO_HIT = re.compile(r"^[\w\s,’'-]{0,80}\b(?:were|was)\s+also\s+(?:hit|struck|targeted|attacked)\W*$", re.I)


# Violence of another kind than fire from the air: these keep an "attack" an attack.
_NOT_AIR = re.compile(r"\b(?:sabotage|arson|shootings?|gunfire|gunm[ae]n|shot\s+dead|grenades?|explosive\s+devices?|IEDs?|assassinat\w*"
                      r"|(?:car|truck|scooter|roadside|parcel)[\s-]+bombs?|bombs?\s+(?:was\s+|had\s+been\s+)?(?:hidden|planted|placed)"
                      r"|mines?|landmines?|stabb\w*|knife|hostages?|partisans?|saboteurs?|railway|train|derail\w*|artillery|shell\w*)\b", re.I)
_NOT_AIR_T = lower_twin(_NOT_AIR)


def _not_air(text: str) -> bool:
    """``_NOT_AIR`` in ``text``, looked for by its twin over the lower-cased text where it can be (text.folded)."""
    low = folded(text)
    return bool(_NOT_AIR.search(text) if low is None else _NOT_AIR_T.search(low))


def air_strikes_of_the_wave(drafts: list[Draft]) -> list[Draft]:
    """In a story that tells an air attack, an "attack" or "strike" of unstated kind on a named place, by the
    same side on the same country, is one of its strikes ("the toll from Thursday's Russian strike on Kyiv"):
    an air attack, and the same event as an air attack the story tells at that very place."""
    air = [d for d in drafts if d.type == "aerial_attack"]
    if not air:
        return drafts
    sides = {side_of(d) for d in air} - {None}
    hit = {d.place.location.country for d in air if d.place is not None and d.place.location.country}
    hit |= {OTHER_SIDE[a] for a in sides if a in OTHER_SIDE}
    out: list[Draft] = []
    for d in drafts:
        if d.type != "attack" or any(_not_air(m.sentence.text) for m in d.mentions):
            out.append(d)
            continue
        side = side_of(d)
        if d.place is None or not d.place.specific or side is None or side not in sides \
                or d.place.location.country not in hit:
            out.append(d)
            continue
        d.type = "aerial_attack"
        for m in d.mentions:
            m.type = "aerial_attack"
        same = next((x for x in drafts if x.type == "aerial_attack" and x is not d and x.place is not None and d.place is not None
                     and x.place.specific and d.place.specific and same_place(x.place, d.place)
                     and all(harm_fits(x, m) for m in d.mentions)), None)
        if same is None:
            out.append(d)
            continue
        same.mentions = sorted(same.mentions + d.mentions, key=lambda m: m.index)
        same.attacker = same.attacker or d.attacker
    return out


def side_of(d: Draft) -> str | None:
    """The attacking side a draft's words give, else the other side of the country its place is in."""
    votes: dict[str, int] = {}
    for m in d.mentions:
        for k, v in (side_votes(m.sentence.text) if m.clause_votes is None else m.clause_votes).items():
            votes[k] = votes.get(k, 0) + v
    side = attacker_of(votes) or d.attacker
    loc = d.place.location if d.place is not None else None
    if side is None and loc is not None and loc.country in OTHER_SIDE:
        side = OTHER_SIDE[loc.country]
        if loc.country == "UA" and _occupied(d):
            side = "UA"  # "shelling of Russian-occupied Donetsk": the place is held by the side it was fired at
    return side


_OCCUPIED_BEFORE = re.compile(r"\b(?:Russian-|Moscow-)?(?:occupied|held|controlled)\s+(?:[\w’'-]+\s+){0,3}$", re.I)


def _occupied(d: Draft) -> bool:
    """The event's place is written as held by Russia ("the Russian-occupied city of Donetsk")."""
    p = d.place
    for m in d.mentions:
        s = m.sentence
        if p is not None and s.start <= p.start < s.end:
            before = s.text[max(0, p.start - s.start - 50):p.start - s.start]
            return bool(_OCCUPIED_BEFORE.search(before)) and not re.search(r"\bUkrainian-(?:held|controlled)", before, re.I)
    return False


__all__ = ["ALSO_HIT", "MASS_STRIKE", "WAVE_CLAUSE", "air_strikes_of_the_wave", "main_target", "mass_strike", "side_of"]
