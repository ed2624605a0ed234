"""Joining the mentions of violence in a document into events.

A mention is what one sentence says; an event is what the document tells of one real-world
happening. A strike told over several sentences (the attack, its interception figures, its
casualties) is one event; a nationwide wave and a city's own figures are two. The rules:
same type and side, no contradicting figure or casualty count, and a place that agrees (or
none, inside the same digest item).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.extract.casualties import Casualties
from sitrep.extract.places_pick import PlacePick
from sitrep.extract.weapons import FAMILY_OF, Figure, Kind
from sitrep.model import Weapon

if TYPE_CHECKING:
    from sitrep.extract import DocContext
    from sitrep.extract.text import Sentence


@dataclass
class Mention:
    """What one sentence says about one violent event."""

    type: str
    index: int  # sentence index
    sentence: Sentence
    figures: list[Figure] = field(default_factory=list)
    kinds: list[Kind] = field(default_factory=list)
    harm: Casualties = field(default_factory=Casualties)
    place: PlacePick | None = None
    attacker: str | None = None
    anaphoric: bool = False
    taken_by: str | None = None
    attack_word: bool = False  # the sentence says "attack", "strike", "explosion"...
    weapon_word: bool = False  # the sentence names a weapon
    fresh: bool = False  # "In a separate strike", "Meanwhile, ...": a new event, whatever came before
    day: object = None  # the day a weekday or a month and day in the sentence names (a datetime.date)
    parts: list[Kind] = field(default_factory=list)  # kinds named as a part of a count ("including Kinzhals")
    clause_votes: dict[str, int] | None = None  # side votes of its own clause, where a ";" joins two stories
    own_place: bool = False  # a wave's main target: its own event, never the wave placed better
    wave: bool = False  # a wave told as a whole ("a massive strike with precision weapons"): no city is it placed better


@dataclass
class Draft:
    """An event being assembled from its mentions."""

    type: str
    mentions: list[Mention]
    block: int
    place: PlacePick | None = None
    attacker: str | None = None

    def slots(self) -> dict[tuple[str, str], tuple[int, bool]]:
        """(family, role) -> (value, approx) of the figures so far; the first exact value wins."""
        out: dict[tuple[str, str], tuple[int, bool]] = {}
        last: Kind | None = None
        for m in self.mentions:
            for f in m.figures:
                kind = f.kind or last
                if f.kind is not None:
                    last = f.kind
                fam = FAMILY_OF[kind.category] if kind else "drone"
                if kind is not None and kind.recon:
                    fam = "recon"
                elif kind is not None and kind.category not in ("drone", "missile") and FAMILY_OF[kind.category] == "missile":
                    # "35 Kh-101s" is a part of "67 missiles", not a second count of them
                    fam = kind.category
                key = (fam, f.role)
                if key not in out or (out[key][1] and not f.approx):
                    out[key] = (f.value, f.approx)
        return out


_MAIN_TARGET = re.compile(r"\b(?:main|primary|principal)\s+targets?\b", re.I)
_BULLET = re.compile(r"\n\s*(?:[-•*–—]|\d{1,2}[.)])\s*$|^\s*(?:[-•*–—])")


def blocks(ctx: DocContext) -> list[int]:
    """Item number of each sentence: a digest's bullets are separate items; plain paragraphs go on
    telling the same story, so only a bullet (or a blank-line gap before a dash) starts a new one."""
    out, block = [], 0
    for i, s in enumerate(ctx.sentences):
        if i:
            gap = ctx.text[ctx.sentences[i - 1].end:s.start]
            if "\n" in gap and (_BULLET.search(gap) or _BULLET.match(s.text)):
                block += 1
        out.append(block)
    return out


def compatible(d: Draft, m: Mention, same_block: bool) -> bool:
    """Whether a mention can be told of the event being drafted."""
    if d.type != m.type:
        return False
    if d.attacker and m.attacker and d.attacker != m.attacker:
        return False
    if not harm_fits(d, m):
        return False
    if m.day is not None and any(x.day is not None and x.day != m.day for x in d.mentions):
        return False  # "struck the city again on Wednesday": another day, another event
    if m.place is not None and d.place is not None and m.place.location.country and d.place.location.country \
            and m.place.location.country != d.place.location.country:
        return False  # a strike deep inside Russia and one on a Ukrainian village are two events
    if m.place is not None and m.place.specific:
        if (d.place is None or not d.place.specific) and (m.own_place or any(x.wave for x in d.mentions)):
            return False
        if d.place is None or not d.place.specific:
            fd, fm = _families(d.mentions), _families([m])
            if fd and fm and not fd & fm and d.type == "aerial_attack":
                return False  # a missile strike told without a place, then drones on a named region: two strikes
            return same_block and not d.slots() and not (m.figures and d.place is not None)
        if same_block and (d.place.broad or m.place.broad) and d.place.location.country == m.place.location.country:
            return True  # "in the Donbas" ... "near the Udachne railway station": the same strike, placed better
        return same_place(d.place, m.place)
    if m.place is not None and d.place is not None and d.place.specific and not same_block and m.figures:
        return False
    if m.place is not None and d.place is not None and m.place.location.country != d.place.location.country:
        return False
    if d.type == "aerial_attack" and (m.place is None or not m.place.specific) and d.place is not None and d.place.specific \
            and _nationwide_tally(m) \
            and (_ACROSS.search(m.sentence.text) or (not d.slots() and not _combined_same(d, m))
                 or not (_families([m]) & _families(d.mentions))):
        return False  # "the air force said it downed 32 of 44 drones": the night's tally over the country, not the city's
    mine = mention_slots(m)
    theirs = d.slots()
    for key, (v, approx) in mine.items():
        if key in theirs and theirs[key][0] != v and not (approx or theirs[key][1]):
            return False
    if not same_block:
        if m.anaphoric and m.place is None and not mine and d.type in ("ground_combat", "shelling"):
            return True  # "...as a result of the fighting": the fighting told in the item before
        return bool(theirs) and (bool(mine) or m.anaphoric)
    return True


# "Across Ukraine, Russia launched 13 missiles and 29 drones", "fired 13 missiles at Ukraine": the tally
# says itself it is the country's
_ACROSS = re.compile(r"\b(?:at|on|against|across|throughout|all\s+over)\s+(?:the\s+(?:whole\s+)?country|Ukraine)\b|\bnationwide\b", re.I)
_TALLY_SOURCE = re.compile(r"\bair\s*force|\bair\s+defen[cs]es?\b|\b(?:at|against|across|over)\s+(?:the\s+)?(?:whole\s+)?(?:Ukraine|country)\b", re.I)


def _nationwide_tally(m: Mention) -> bool:
    """A count of weapons downed or launched that an air force gives for the whole night."""
    return any(f.role in ("launched", "intercepted", "suppressed") and f.value >= 5 for f in m.figures) \
        and bool(_TALLY_SOURCE.search(m.sentence.text))


def _families(ms: list[Mention]) -> set[str]:
    return {FAMILY_OF[k.category] for x in ms for k in [*x.kinds, *(f.kind for f in x.figures if f.kind is not None)]}


def _combined_same(d: Draft, m: Mention) -> bool:
    """A city's "missile and drone attack" whose tally counts those very families: the city was the
    wave's main target, told as one event."""
    fd = _families(d.mentions)
    return len(fd) >= 2 and fd <= _families([m])


def mention_slots(m: Mention) -> dict[tuple[str, str], tuple[int, bool]]:
    """The figures of one mention, keyed as :meth:`Draft.slots` keys them."""
    return Draft(m.type, [m], 0).slots()


def harm_fits(d: Draft, m: Mention) -> bool:
    """No casualty figure of the mention contradicts one the event already has."""
    for name in ("killed", "injured"):
        a = getattr(m.harm, name)
        b = next((getattr(x.harm, name) for x in d.mentions if getattr(x.harm, name) is not None), None)
        if a is not None and b is not None and a != b:
            return False
    return True


def same_place(a: PlacePick, b: PlacePick) -> bool:
    """Same settlement, or a settlement and its own oblast (a region named for its capital city)."""
    la, lb = a.location, b.location
    if la.name and lb.name and la.name == lb.name:
        return True
    return la.admin1 is not None and la.admin1 == lb.admin1 and (la.precision == "admin1" or lb.precision == "admin1")


def group(mentions: list[Mention], blocks: list[int]) -> list[Draft]:
    """Join the mentions, in text order, into drafts of events: each goes on the most recent
    compatible draft (a wave with figures first, for place-less figures) or starts its own."""
    drafts: list[Draft] = []
    bulleted = len(set(blocks)) > 1  # a digest of items, not one story told in paragraphs
    for m in mentions:
        block = blocks[m.index]
        item = [d for d in drafts if d.type == "aerial_attack" and d.block == block]
        if m.type == "attack" and drafts and _MAIN_TARGET.search(m.sentence.text) and m.place is not None \
                and max(drafts, key=lambda d: d.mentions[-1].index).type == "aerial_attack":
            m.type, m.fresh = "aerial_attack", True  # "Lutsk was the main target": of the air strike just told
        if m.type == "attack" and not m.attack_word and m.place is not None and m.place.specific and item and not bulleted \
                and any(d.slots() and (d.place is None or not d.place.specific or d.place.location.precision == "admin1")
                        and (d.place is None or d.place.location.country == m.place.location.country) for d in item):
            m.type, m.anaphoric, m.fresh = "aerial_attack", False, True  # "In Chornomorsk, two were injured": a city of the wave
        elif m.type == "attack" and not m.anaphoric and item and bulleted:
            # an attack of unstated kind inside an item about air strikes: one of them, by the same weapons
            m.type = "aerial_attack"
            families = {FAMILY_OF[k.category] for x in item[-1].mentions for k in
                        [*x.kinds, *(f.kind for f in x.figures if f.kind is not None)]}
            m.kinds = [Kind(f) for f in sorted(families) if f in ("drone", "missile")]
        if m.type == "attack" and (m.place is None or not m.place.specific) and m.harm.killed is None and m.harm.injured is None \
                and not m.figures and any(d.slots() for d in item):
            # "three oblasts were among the regions targeted, the air force said": the regions of the wave told
            m.type, m.anaphoric = "aerial_attack", True
        target = None
        order = sorted(drafts, key=lambda d: -d.mentions[-1].index)
        if m.figures and (m.place is None or not m.place.specific):
            # interception figures without a place go on with the wave that has figures already
            order = [d for d in order if d.slots()] + [d for d in order if not d.slots()]
        if m.type == "attack" and m.place is not None and not m.place.specific:
            # "20 were killed nationwide": the country-wide wave before the city told beside it
            order = [d for d in order if d.place is None or not d.place.specific] + [d for d in order if d.place is not None
                                                                                     and d.place.specific]
        if m.fresh and not m.anaphoric:
            order = []
        for d in order:
            if d.type != m.type and not (m.type == "attack" and (m.anaphoric or m.place is None)):
                continue
            same_block = d.block == block
            if m.type == "attack" and (m.anaphoric or m.place is None) and same_block and not m.figures and (
                    m.place is None or d.place is None or same_place(d.place, m.place)
                    or (not m.place.specific and m.place.location.country == d.place.location.country)) and harm_fits(d, m):
                target = d
                break
            if compatible(d, m, same_block):
                target = d
                break
            if same_block and d.type == m.type and m.place is None and not m.figures:
                break
        if target is None and m.type == "aerial_attack" and m.figures and all(f.kind is None for f in m.figures) \
                and not m.kinds and not m.weapon_word:
            continue  # bare counts ("98 were shot down") only go on a wave already told
        if target is None and m.type == "attack" and m.place is not None and m.place.specific and not m.figures:
            # an attack of unstated kind at a place an event was already told at is that event
            same = [d for d in drafts if d.place is not None and d.place.specific and same_place(d.place, m.place)
                    and harm_fits(d, m) and d.type != "territory_change"]
            if same:
                target = max(same, key=lambda d: d.mentions[-1].index)
        if target is None and m.type == "attack" and m.anaphoric and m.place is None and not m.attack_word:
            continue  # casualties alone that fit no event told before: a detail of one we cannot place
        if target is None:
            place = m.place
            if place is None and m.type != "aerial_attack":
                # a digest item goes on about the place it named: "Two civilians killed by shelling."
                recent = [d for d in drafts if d.block == block and d.place is not None and d.place.specific]
                if recent:
                    place = max(recent, key=lambda d: d.mentions[-1].index).place
            drafts.append(Draft(m.type, [m], block, place, m.attacker))
            continue
        target.mentions.append(m)
        target.block = block
        if m.type == "attack" and m.anaphoric and (m.place is None or not m.place.specific):
            pass  # "the attack showed that pressure on Russia...": a reference back places nothing
        elif target.place is None or (m.place is not None and m.place.specific and (
                not target.place.specific or (target.place.broad and not m.place.broad))):
            target.place = m.place
        target.attacker = target.attacker or m.attacker
    return drafts


def weapon_entries(d: Draft) -> list[Weapon]:
    """The weapon entries of an event: one per category, counts merged, named kinds without a count kept."""
    entries: list[Weapon] = []
    recon: set[int] = set()
    last: Kind | None = None

    def entry_for(kind: Kind, role: str | None = None, value: int | None = None) -> Weapon:
        fam = FAMILY_OF[kind.category]
        for i, w in enumerate(entries):
            # the entry of this very kind first: "18 Kh-101s were destroyed" goes on the 28 Kh-101s, not on the 32 missiles
            if kind.recon == (i in recon) and w.category == kind.category and not (w.model and kind.model and w.model != kind.model):
                return w
        for i, w in enumerate(entries):
            if kind.recon != (i in recon):
                continue
            taken = role in ("launched", "intercepted", "suppressed") and getattr(w, role) not in (None, value) \
                and (id(w), role) not in rough  # "more than a dozen" yields to "all 14"
            if FAMILY_OF[w.category] == fam and not kind.recon and kind.category != "decoy_drone" and w.category != "decoy_drone" \
                    and (w.category in ("drone", "missile") or kind.category in ("drone", "missile")) and not taken \
                    and fam not in split_families:
                # a generic count and a named kind are one weapon, unless they give two counts: a total and its part
                if w.category in ("drone", "missile") and kind.category not in ("drone", "missile"):
                    w.category, w.model = kind.category, kind.model
                return w
        entries.append(Weapon(kind.category, kind.model))
        if kind.recon:
            recon.add(len(entries) - 1)
        return entries[-1]

    # a family whose count is given kind by kind ("7 missiles": three Kh-59s downed, four Iskanders fired):
    # its generic count is the total, not the count of whichever kind is named first
    counted_kinds: dict[str, set[str]] = {}
    for m in d.mentions:
        for f in m.figures:
            if f.kind is not None and f.kind.category not in ("drone", "missile", "decoy_drone") and not f.kind.recon:
                counted_kinds.setdefault(FAMILY_OF[f.kind.category], set()).add(f.kind.category)
    split_families = {fam for fam, ks in counted_kinds.items() if len(ks) >= 2}
    mixed: set[int] = set()  # entries counted as "of various types"
    all_down: set[int] = set()  # entries of which "all" were shot down
    rough: set[tuple[int, str]] = set()  # (entry id, role) holding an approximate value
    # kinds named without a count narrow a generic count only where they are of one kind
    named = [k for m in d.mentions for k in m.kinds
             if not k.recon and k.category not in ("drone", "missile", "decoy_drone")]
    for m in d.mentions:
        for f in m.figures:
            kind = f.kind or last or Kind("drone")
            if f.kind is not None:
                last = f.kind
            w = entry_for(kind, f.role, f.value)
            if kind.mixed:
                mixed.add(id(w))
            if f.role == "intercepted_all":
                all_down.add(id(w))
                continue
            if getattr(w, f.role) is None or ((id(w), f.role) in rough and not f.approx):
                setattr(w, f.role, f.value)
                rough.discard((id(w), f.role))
                if f.approx:
                    rough.add((id(w), f.role))
        for k in m.kinds:
            if not any(FAMILY_OF[w.category] == FAMILY_OF[k.category] for w in entries):
                entry_for(k)
            elif not k.recon and k.category not in ("drone", "missile", "decoy_drone") and not any(
                    x.mixed and FAMILY_OF[x.category] == FAMILY_OF[k.category] for y in d.mentions for x in y.kinds) and not any(
                    w.category == k.category and w.model == k.model for w in entries) and len(
                    {x.category for x in named if FAMILY_OF[x.category] == FAMILY_OF[k.category]}) == 1:
                for w in entries:
                    if w.category in ("drone", "missile") and FAMILY_OF[w.category] == FAMILY_OF[k.category] \
                            and id(w) not in mixed and entries.index(w) not in recon:
                        w.category, w.model = k.category, k.model
    for w in entries:
        if id(w) in all_down and w.intercepted is None and w.launched is not None and (id(w), "launched") not in rough:
            w.intercepted = w.launched
    # decoys reported only as lost go with the main drone count they were part of
    main = next((w for w in entries if w.category in ("attack_drone", "drone") and entries.index(w) not in recon), None)
    for w in list(entries):
        if w.category == "decoy_drone" and w.launched is None and main is not None and main.suppressed is None:
            main.suppressed = w.suppressed
            main.intercepted = main.intercepted if main.intercepted is not None else w.intercepted
            entries.remove(w)
    # a named kind without a count adds nothing beside a counted weapon of its family
    counted = {FAMILY_OF[w.category] for w in entries if (w.launched, w.intercepted, w.suppressed) != (None, None, None)}
    out = [w for w in entries if (w.launched, w.intercepted, w.suppressed) != (None, None, None)
           or FAMILY_OF[w.category] not in counted]
    # "38 missiles of various types, including Kinzhals": the part is a weapon of its own, without the total's count
    # (a plain count, "60 drones, including Shaheds", is of that kind and was narrowed above)
    for k in (k for m in d.mentions for k in m.parts):
        if not k.recon and k.category not in ("drone", "missile") and not any(
                w.category == k.category and (w.model == k.model or k.model is None) for w in out) and all(
                id(w) in mixed for w in out if FAMILY_OF[w.category] == FAMILY_OF[k.category]):
            out.append(Weapon(k.category, k.model))
    return out


__all__ = ["Draft", "Mention", "blocks", "group", "weapon_entries"]
