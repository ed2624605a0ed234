"""Changes of hands: the settlements a capture, liberation or withdrawal names, and the side that took them.

Split from ``violence``, which finds the verb of a change of hands in a sentence (its ``_TERRITORY``
pattern) and hands the match here: the places after the verb (or before a passive "was liberated"),
settlements the gazetteer does not know where they stand in a list, and the side that took them.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract.assembly import Mention
from sitrep.extract.attribution import OTHER_SIDE, attacker_of, side_votes
from sitrep.extract.places_pick import PlacePick
from sitrep.model import PlaceMention
from sitrep.normalize.places import resolve_place

if TYPE_CHECKING:
    from sitrep.extract import DocContext
    from sitrep.extract.text import Sentence

# A side named in the sentence: the subject of a change of hands is the one named last before its verb.
_SIDE_WORD = re.compile(r"\b(?:(?P<r>Russia|Russian|Russians|Moscow|Kremlin|Wagner|DNR|LNR|DPR|LPR)|(?P<u>Ukraine|Ukrainian|Ukrainians|Kyiv))\b")
# Between the verb and the place: only "the (eastern) town of", "full control of" and the like.
_TERRITORY_GAP = re.compile(r"^\s*[\"“”'’]?\s*(?:of\s+)?(?:full\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?(?:the\s+(?:town|city|village|settlement)"
                            r"(?:\s+itself)?(?:\s*,\s*|\s+)and\s+)?(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:town|city|village"
                            r"|settlement|hamlet|district|port|outskirts|center|centre|area|suburb)s?\s+of\s+)?(?:the\s+)?$", re.I)
# Between two settlements that changed hands together.
TERRITORY_AND = re.compile(r"\s*(?:region|oblast|district)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:of\s+)?(?:the\s+)?(?:(?:nearby|neighbouring"
                           r"|neighboring|adjacent|small|large)\s+)?(?:(?:village|town|city|settlement|hamlet)s?\s+of\s+)?", re.I)
# "took X, Moscow said": the last name is the speaker, not a second place taken
_SPEAKS_AFTER = re.compile(r"\s+(?:also\s+)?(?:said|says|claimed|claims|reported|announced|confirmed|added|insisted)\b")
# Words of a change of hands: a cheap test before the full pattern.
TERRITORY_HINT = re.compile(r"captur|took|taken|taking|seiz|liberat|recaptur|retak|retook|abandon|withdr|pull|retreat|fell\s+to|fall\s+of"
                            r"|entered|overr[au]n|reclaim|out\s+of|flag")


def changes_of_hands(ctx: DocContext, s: Sentence, m: re.Match[str], votes: dict[str, int]) -> list[Mention]:
    """Settlements captured, liberated or given up: the first must be named right after the verb, the
    others joined to it ("the villages of Sukhetske and Pankivka", "X in the Y region and Z")."""
    t = s.text
    passive = _PASSIVE_TAKEN.search(t, 0, m.start())
    if passive is not None and m.group("verb").lower().startswith(("liberat", "captur", "seiz", "taken")):
        return _taken_before(ctx, s, m, passive)
    after_start = s.start + m.end()
    found = _with_unknown_names(ctx, after_start, s.end)
    places = [p for p in found if p.kind in ("settlement", "facility") and p.start < after_start + 60]
    if not places:
        return []
    p = places[0]
    gap = ctx.text[after_start:p.start]
    if not _TERRITORY_GAP.match(gap):
        return []  # "abandoned Russian tanks in X" is no change of hands
    verb = m.group("verb").lower()
    if verb.startswith("control of") and not re.search(r"\b(?:took|taken|taking|seized|gained|regained|established|restored"
                                                       r"|retook|retaken)\s+(?:full\s+|complete\s+)?$",
                                                       t[:m.start()], re.I):
        return []
    taken = [p]
    last_end = p.end
    for q in found:
        if q.start < last_end:
            continue
        between = ctx.text[last_end:q.start]
        if q.kind in ("admin1", "region", "country") and re.fullmatch(r"\s*,?\s*(?:in|of)\s+(?:the\s+|Ukraine['’]s\s+|Russia['’]s\s+)?", between):
            last_end = q.end  # "... in the Donetsk region": where the last one lies
            continue
        if q.kind in ("settlement", "facility") and TERRITORY_AND.fullmatch(between) and not _SPEAKS_AFTER.match(ctx.text, q.end):
            taken.append(q)
            last_end = q.end
            continue
        break
    # the side named last before the verb is its subject: "Russia's ministry said its troops took X",
    # "the Ukrainian army has withdrawn from X", "Moscow was forced to abandon X"
    subject = None
    for subject in _SIDE_WORD.finditer(t, 0, m.start()):
        pass
    giving_up = verb.startswith(("abandon", "withdr", "pull", "fell", "retreat"))
    if subject is not None:
        code = "RU" if subject.group("r") else "UA"
        side = OTHER_SIDE[code] if giving_up and not verb.startswith("fell") else code
    else:
        side = attacker_of(votes)
        index = ctx.sentence_index(s.start)
        if side is None and not votes and index > 0:
            # "It said its units had also taken X": the side of the sentence before
            side = attacker_of(side_votes(ctx.sentences[index - 1].text))
        if side is None and verb.startswith(("liberat", "recaptur", "retak", "retook")):
            side = "UA"
    index = ctx.sentence_index(s.start)
    return [Mention("territory_change", index=index, sentence=s, place=PlacePick(q.location(), True, q.start, q.end), taken_by=side)
            for q in taken]


# "the city of X was now 'completely liberated'": the place before a passive change of hands
_PASSIVE_TAKEN = re.compile(r"\b(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+(?:now\s+|also\s+|officially\s+)?[\"“'‘]?\s*"
                            r"(?:completely\s+|fully\s+|entirely\s+)?[\"“'‘]?\s*$", re.I)


def _taken_before(ctx: DocContext, s: Sentence, m: re.Match[str], passive: re.Match[str]) -> list[Mention]:
    """Settlements named right before "was/were (completely) liberated|captured": the side is the one
    whose forces or ministry the sentence names first (the claimant of the change)."""
    end = s.start + passive.start()
    near = [p for p in ctx.places_in(max(s.start, end - 80), end) if p.kind in ("settlement", "facility")]
    if not near or not re.fullmatch(r"[\s\w’'-]{0,25}", ctx.text[near[-1].end:end]):
        return []
    taken = [near[-1]]
    for q in reversed(near[:-1]):
        if TERRITORY_AND.fullmatch(ctx.text, q.end, taken[0].start) or re.fullmatch(
                r"\s*(?:,\s*|\s+and\s+)(?:the\s+)?(?:(?:plant|city|town|village|port)\s+(?:and\s+the\s+)?)*(?:(?:city|town|village)\s+of\s+)?",
                ctx.text[q.end:taken[0].start]):
            taken.insert(0, q)
        else:
            break
    first = _SIDE_WORD.search(s.text, 0, m.start())
    side = None if first is None else ("RU" if first.group("r") else "UA")
    if side is None and m.group("verb").lower().startswith("liberat"):
        side = "UA"
    index = ctx.sentence_index(s.start)
    return [Mention("territory_change", index=index, sentence=s, place=PlacePick(q.location(), True, q.start, q.end), taken_by=side)
            for q in taken]


# A name the gazetteer does not know, in a list of settlements that changed hands ("the villages of
# Sukhetske and Pankivka"): capitalised, not a month, weekday or side word.
_NAME = re.compile(r"(?!(?:The|A|An|On|In|At|And|But|After|Before|Since|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
                   r"|January|February|March|April|May|June|July|August|September|October|November|December|Russia\w*"
                   r"|Ukrain\w*|Moscow|Kyiv)\b)[A-Z][a-zа-яіїєґ'’-]{3,}(?:\s+[A-Z][a-z'’-]+)?")
_LIST_HEAD = re.compile(r"\s*[\"“”'’]?\s*(?:of\s+)?(?:full\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?(?:the\s+(?:town|city|village|settlement)"
                        r"(?:\s+itself)?(?:\s*,\s*|\s+)and\s+)?(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?"
                        r"(?:town|city|village|settlement|hamlet)s?\s+of\s+)?(?:the\s+)?")
_AFTER_LIST = re.compile(r"\s*,?\s*(?:in|of)\s+(?:the\s+)?$")


def _with_unknown_names(ctx: DocContext, start: int, end: int) -> list[PlaceMention]:
    """The places from ``start`` to ``end``, with settlements the gazetteer does not know added where
    they stand in a list right after a change-of-hands verb, placed in the region named after the list."""
    found = list(ctx.places_in(start, end))
    text = ctx.text
    gap = _LIST_HEAD.match(text, start, end)
    pos = gap.end() if gap else start
    names: list[re.Match[str]] = []
    while pos < end:
        n = _NAME.match(text, pos)
        if n is None or n.end() > end:
            break
        if names and _SPEAKS_AFTER.match(text, n.end()):
            break
        names.append(n)
        join = TERRITORY_AND.match(text, n.end(), end)
        if join is None or join.end() == n.end():
            break
        pos = join.end()
    if not names:
        return found
    last = names[-1]
    region = next((p for p in found if p.kind == "admin1" and p.start >= last.end()
                   and _AFTER_LIST.fullmatch(text, last.end(), p.start)), None)
    told = region is not None  # the region is named right after the list
    if region is None:
        # the region the text has just spoken of: "... in the Kursk region. It also took the villages of X and Y";
        # only from a sentence that itself told of a change of hands, this one or the one before
        index = ctx.sentence_index(start)
        lo = ctx.sentences[index - 1].start if index > 0 and TERRITORY_HINT.search(ctx.sentences[index - 1].text) \
            else ctx.sentences[index].start
        region = next((p for p in reversed(ctx.places) if p.kind == "admin1" and lo <= p.start < start), None)
        if region is None:
            return found  # no region to place them in: a capitalised word alone is no proof of a village
    out: list[PlaceMention] = []
    for p in found:
        if any(n.start() == p.start for n in names) and p.kind == "settlement" and p.admin1 != region.admin1 \
                and (told or p.country != region.country):
            # a name shared by places in several regions: the one in the region spoken of
            other = resolve_place(p.text, admin1=region.admin1, country=region.country)
            if other is not None and other.admin1 == region.admin1:
                p = PlaceMention(p.start, p.end, p.text, other.name, other.country, other.admin1, lat=other.lat, lon=other.lon,
                                 precision="settlement", kind="settlement", rule="territory.region_context")
            else:
                p = PlaceMention(p.start, p.end, p.text, p.text, region.country, region.admin1, precision="settlement",
                                 kind="settlement", rule="territory.unknown_name")
        out.append(p)
    covered = [(p.start, p.end) for p in out]
    out += [PlaceMention(n.start(), n.end(), n.group(0), n.group(0), region.country, region.admin1,
                         precision="settlement", kind="settlement", rule="territory.unknown_name")
            for n in names if not any(a <= n.start() < b for a, b in covered)]
    return sorted(out, key=lambda p: p.start)


__all__ = ["TERRITORY_AND", "TERRITORY_HINT", "changes_of_hands"]
