"""Weapons in a sentence: what was fired and how many were launched, intercepted or suppressed.

Reads the counts that air-force reports and news digests give ("shot down 21 of 59 drones",
"24 others veered off course", "all 14 drones", "six out of seven ballistic missiles") and the
kinds named without a count ("Russian glide bombs struck..."). Categories and models come
from the shipped catalogue ``sitrep/data/weapons.json``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sitrep.extract.text import NUMBER, folded, lower_twin, parse_count

FAMILY_OF = {
    "ballistic_missile": "missile", "cruise_missile": "missile", "hypersonic_missile": "missile",
    "guided_missile": "missile", "missile": "missile", "attack_drone": "drone", "decoy_drone": "drone",
    "drone": "drone", "guided_bomb": "bomb", "aircraft": "aircraft",
}

# Head nouns of a weapon phrase, with the family they name.
_HEADS = {
    "drone": r"drones?|uavs?|unmanned\s+aerial\s+vehicles?|unmanned\s+aircraft|shaheds|loitering\s+munitions?"
             r"|drone-simulators?|kamikaze\s+drones?|decoys|decoy\s+drones?",
    "missile": r"missiles?|rockets?|ballistics",
    "bomb": r"bombs?",
    "aircraft": r"fighter\s+jets?|jets|warplanes?|helicopters?|bombers?",
}
# Words that refer back to weapons already named ("26 of the aircraft", "24 others").
_ANAPHOR_HEADS = r"aircraft|devices|targets|aerial\s+targets|air\s+targets|objects|ones"

_HEAD_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{fam}>{pat})" for fam, pat in _HEADS.items()) + r")\b", re.I)

# A model name alone can head the phrase ("16 Shaheds", "a Kh-59").
_QUAL = (r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|up\s+to|some|approximately|roughly"
         r"|another|an\s+additional|additional|a\s+further|further|all(?:\s+of\s+the)?|only|just|a\s+total\s+of|total\s+of)\s+)")
_APPROX = re.compile(r"more\s+than|over|nearly|almost|about|around|up\s+to|some|approximately|roughly", re.I)
_COUNT_RE = re.compile(
    rf"(?<![\w\-/.:,])(?P<q>{_QUAL}*)(?P<n>{NUMBER}|both|an?)(?![\w\-/:%])(?!\s*(?:%|percent|per\s+cent))",
    re.I)

# Words that cannot sit between a count and its head noun: the count belongs to something else.
_NP_STOP = re.compile(
    r"\b(?:were|was|is|are|have|has|had|been|be|in|on|at|from|over|by|to|into|across|near|within|during|after"
    r"|before|launched|fired|destroyed|shot|downed|intercepted|which|that|while|said|people|civilians|regions?"
    r"|oblasts?|locations?|settlements?|villages?|times|hours|minutes|km|kilometres|kilometers|miles|days?"
    r"|percent|waves?|attacks|strikes|homes|buildings|houses|persons|residents|soldiers|troops|with|per|the"
    r"|wounded|injured|killed|dead|hurt|when|as|where)\b",
    re.I)

_INTERCEPT = (r"shot\s+down|shoot(?:s|ing)?\s+down|downed|downing|downs?(?=\s+(?:\d|all\b|both\b|\w+\s+(?:out\s+)?of\b))"
              r"|destroy(?:ed|ing|s)?|intercept(?:ed|ing|s|ions?)?|neutrali[sz](?:ed|ing|es|e)|brought\s+down"
              r"|taken\s+down|eliminated|repelled")
_SUPPRESS = (r"locationally\s+lost|locally\s+lost|lost\s+(?:in\s+)?location|lost\s+locationally|lost\s+(?:track|trace)\s+of"
             r"|lost\s+(?:from|on)\s+(?:the\s+)?radars?|went\s+missing|vanished\s+from|disappeared"
             r"|disappeared\s+from\s+(?:the\s+)?radars?|veered\s+off|went\s+off\s+course|diverted|redirected"
             r"|fail(?:ed|s)?\s+to\s+reach|did\s+not\s+reach|didn['’]t\s+reach|did\s+not\s+hit|jammed|suppressed"
             r"|lost\s+due\s+to|were\s+lost|was\s+lost|have\s+been\s+lost|had\s+been\s+lost")
_LAUNCH = (r"(?:struck|hit|attacked|targeted|pounded|pounds|bombarded|bombards|barraged|shelled|battered|batters)\s+(?:[\w'’-]+\s+){0,4}?with|among\s+(?:the\s+[\w-]+|them)\s+(?:were|was)|launch(?:ed|ing|es)?|fired|dropped|dropping|firing|attacked|attacking|deployed|used|using|sent|unleashed|involving"
           r"|detected|recorded\s+launches\s+of")
_COMBO = r"(?:shot\s+down|downed|intercepted|destroyed)\s*(?:or|and|/)\s*(?:jammed|suppressed|neutrali[sz]ed)"
_CUE_RE = re.compile(rf"\b(?:(?P<combo>{_COMBO})|(?P<sup>{_SUPPRESS})|(?P<int>{_INTERCEPT})|(?P<lau>{_LAUNCH}))\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|n['’]t)\s+(?:been\s+|yet\s+)?$", re.I)
_EW = re.compile(r"electronic|counter-?measures|jamming|\bEW\b|e-warfare|radar", re.I)
# After the phrase: auxiliaries and adverbs, then the verb of a passive ("73 drones were shot down").
_FORWARD = re.compile(
    r"^[\s,]*(?:\([^)]{{0,60}}\)[\s,]*)?[“\"‘']?(?:(?:which|that|were|was|have|has|had|been|are|is|be|to|also|likely|reportedly"
    r"|then|later|successfully|all|confirmed|subsequently|eventually|allegedly|probably|either)\s+)*[“\"‘']?"
    r"(?:(?P<combo>{c})|(?P<sup>{s}|lost)|(?P<int>{i})|(?P<lau>{l}))\b".format(
        c=_COMBO, s=_SUPPRESS, i=_INTERCEPT, l=_LAUNCH), re.I)
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|plus\s+)?|and\s+|as\s+well\s+as\s+|plus\s+|along\s+with\s+"
                        r"|[:–—-]\s*(?:including\s+)?|,?\s*including\s+|\(\s*)$", re.I)
# A total of mixed weapons ("151 aerial attack weapons – 63 drones and 88 missiles"): it lends its role
# to the list after it but is no weapon entry itself.
_TOTAL_HEAD = re.compile(r"\s+(?:(?:air|aerial|airborne)[\s-]+(?:attack\s+)?(?:weapons|assets|vehicles|means|targets)"
                         r"|air\s+targets|weapons|targets|means\s+of\s+(?:air\s+)?attack)\b", re.I)
_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|\bbut\b|—|–|\. ", re.I)


@dataclass(frozen=True, slots=True)
class Kind:
    """A weapon category and model named in a phrase."""

    category: str
    model: str | None = None
    recon: bool = False
    mixed: bool = False  # "missiles of various types": a kind named later does not narrow it


@dataclass(slots=True)
class Figure:
    """One count of one weapon kind in a sentence; offsets are within the sentence."""

    kind: Kind | None  # None: refers back to the weapons already named
    role: str  # launched, intercepted, suppressed; "intercepted_all": every one launched was downed
    value: int
    start: int
    end: int
    approx: bool = False


# Patterns built from the shared pieces above, compiled once rather than on every call.
# a month, "day" or "No." right before a number: "March 3", "day 3", "No. 3" are no counts
_DATE_BEFORE = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October"
                          r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*$|\bday\s*$|\bNo\.\s*$", re.I)
_OUT_OF = re.compile(rf"\s+(?:out\s+)?of\s+(?:the\s+)?(?P<n>{NUMBER})(?![\w\-/:%])", re.I)
_OF_THEM = re.compile(rf"\s*(?:of\s+(?:them|which|those|these)\b|more\b(?!\s+than)|others\b|other\s+(?:{_ANAPHOR_HEADS})\b"
                      rf"|of\s+the\s+(?:[\w\-]+\s+){{0,2}}(?:{_ANAPHOR_HEADS})\b)", re.I)
_INTERCEPT_OR_SUPPRESS = re.compile(rf"{_INTERCEPT}|{_SUPPRESS}", re.I)
_ROLE_VERB_END = re.compile(rf"(?:{_INTERCEPT}|{_LAUNCH}|{_SUPPRESS})\s*$", re.I)


@functools.cache
def _data() -> dict:
    # read by path (as the gazetteer is): importlib.resources costs start-up time for nothing here
    return json.loads((Path(__file__).resolve().parents[1] / "data" / "weapons.json").read_text(encoding="utf-8"))


@functools.cache
def _catalogue() -> tuple[list[tuple[re.Pattern[str], str | None, str]], list[tuple[re.Pattern[str], str]]]:
    data = _data()
    models = [(re.compile(rf"(?<![\w-])(?:{m['alias']})(?![\w-])", re.I), m["model"], m["category"])
              for m in data["models"]]
    kinds = [(re.compile(rf"\b(?:{k['alias']})\b", re.I), k["category"]) for k in data["kinds"]]
    return models, kinds


@functools.cache
def _model_re() -> re.Pattern[str]:
    """Every catalogued model in one pattern: one test before finding which it was."""
    return re.compile("(?<![\\w-])(?:" + "|".join(m["alias"] for m in _data()["models"]) + ")(?![\\w-])", re.I)


@functools.cache
def _model_re_lower() -> re.Pattern[str]:
    return lower_twin(_model_re())


@functools.lru_cache(maxsize=4096)  # the same phrases recur sentence after sentence; a Kind is frozen, so it can be shared
def kind_of(phrase: str, family: str | None) -> Kind:
    """The weapon kind a phrase names: a catalogued model first, then a kind word fitting the head noun.

    >>> k = kind_of("38 Shahed attack drones", "drone")
    >>> (k.category, k.model)
    ('attack_drone', 'Shahed-136/131')
    """
    models, kinds = _catalogue()
    if _model_re().search(phrase):  # one combined test before finding which model it was
        for rx, model, category in models:
            if rx.search(phrase) and (family is None or family == FAMILY_OF[category]
                                       or (family == "missile" and category == "guided_missile")):
                return Kind(category, model, recon=category == "drone")
    if family == "bomb":
        return Kind("guided_bomb")
    if family == "aircraft":
        return Kind("aircraft")
    named = [category for rx, category in kinds
             if (family is None or FAMILY_OF[category] == family) and rx.search(phrase)]
    if len(set(named)) > 1 and family == "missile":
        return Kind("missile", mixed=True)  # "ballistic and cruise missiles": one count, several kinds
    if named:
        return Kind(named[0], recon=named[0] == "drone")
    if family == "drone" and re.search(r"\bshaheds?\b|kamikaze|loitering", phrase, re.I):
        return Kind("attack_drone", "Shahed-136/131")
    if family == "missile" and re.search(r"\bballistics\b", phrase, re.I):
        return Kind("ballistic_missile")
    return Kind(family or "drone")


_MIXED_TAIL = re.compile(r"(?:\s+and\s+(?:decoy|imitat\w+|simulator|other|various)\s+(?:[\w-]+\s+){0,2}?(?:drones?|uavs?)\b)?"
                         r"\s+of\s+(?:various|different|several|multiple|all|many|mixed|other)\s+(?:types?|kinds?)\b"
                         r"|\s+and\s+(?:decoys|imitators|simulators|drone\s+decoys)\b", re.I)


# Precompiled: _head_at runs for every count of every sentence.
_HEAD_RE_L = lower_twin(_HEAD_RE)  # for the lower-cased window (text.folded): the same matches, faster
_MODIFIER_WORDS = re.compile(r"\b(?:types?|kinds?)\s+of\s+(?:the\s+)?|[\w/]+(?:-[\w/]+)+", re.I)
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[\w\-/'’]+")
_AND = re.compile(r"\band\b")
_AND_OTHER = re.compile(r"\band\s+(?:other|various)\b", re.I)
_DECOY_WORDS = re.compile(r"\b(?:decoy|attack|strike|imitat\w+|simulator)\b", re.I)


def _head_at(text: str, pos: int) -> tuple[int, str | None] | None:
    """End offset and family of the head noun of the phrase starting at ``pos`` (a count's end),
    if one follows within a few words; a model name alone can head it ("16 Shaheds")."""
    window = text[pos:pos + 90]
    low = folded(window)
    for m in (_HEAD_RE.finditer(window) if low is None else _HEAD_RE_L.finditer(low)):
        between = window[:m.start()]
        plain = _MODIFIER_WORDS.sub(" ", between)
        if _NP_STOP.search(plain) or _DIGIT.search(plain):
            return None
        if len(_WORDS.findall(between)) > 7:
            return None
        if _AND.search(between) and not _AND_OTHER.search(between) \
                and not (_model_re().search(between) or _DECOY_WORDS.search(between)):
            return None  # "23 drones and a missile" is two phrases; "120 Shahed and decoy drones" is one
        return pos + m.end(), next(k for k, v in m.groupdict().items() if v)
    lead = len(window) - len(window.lstrip())
    mm = _model_re().match(window, lead)
    if mm:
        return pos + mm.end(), None
    return None


def _cue_role(m: re.Match[str], after: str) -> str | None:
    if m.group("combo"):
        return "intercepted"
    if m.group("sup"):
        return "suppressed"
    if m.group("int"):
        if re.match(r"neutrali", m.group("int"), re.I) and _EW.search(after[:80]):
            return "suppressed"
        return "intercepted"
    if m.group("lau"):
        return "launched"
    return None


@dataclass(slots=True)
class _Count:
    value: int
    start: int
    end: int  # end of the whole phrase
    kind: Kind | None
    approx: bool
    all_: bool
    weak: bool  # "a"/"an": a count only inside a list of counts
    of_total: tuple[int, int, int] | None  # (value, start, end) of "of M"
    bare: bool
    total: bool = False  # "151 air attack weapons": a mixed total, no entry of its own
    copula: bool = False  # "73 of them were Shaheds": a part of the count before, its kind after "were"


_COPULA_KIND = re.compile(r"(?:\s+of\s+(?:them|these|those))?\s+(?:were|was)\s+(?:(?:(?-i:[A-Z])[\w/-]*|[\w-]+-type|attack|strike|kamikaze"
                          r"|cruise|ballistic|guided|hypersonic|decoy|imitator|simulator|jet-powered)\s+){0,3}?"
                          r"(?:(?P<d>drones?|uavs?|decoys?|imitators?|simulators?|shaheds?|gerberas?)|(?P<m>missiles?))\b", re.I)


_COUNT_RE_L = lower_twin(_COUNT_RE)
_ORDINAL_OR_TIME = re.compile(r"\s*(?:st|nd|rd|th)\b|\s*(?:a\.m|p\.m|am\b|pm\b|gmt|:)", re.I)


def _counts(s: str) -> list[_Count]:
    out: list[_Count] = []
    low = folded(s)
    # over the lower-cased sentence where it can be (text.folded): the same matches, faster; the number's
    # words are read lower-cased either way
    for m in (_COUNT_RE.finditer(s) if low is None else _COUNT_RE_L.finditer(low)):
        if out and m.start() < out[-1].end:
            continue
        word = m.group("n").lower()
        # only the tail can hold a match: its longest part before the spaces is "September." (10 characters),
        # and ``\b`` still sees the characters before ``pos``
        if m.start() > 0 and _DATE_BEFORE.search(s, max(0, len(s[:m.start()].rstrip()) - 10), m.start()):
            continue
        if _ORDINAL_OR_TIME.match(s, m.end()):
            continue
        value = 2 if word == "both" else 1 if word in ("a", "an") else parse_count(m.group("n"))
        if value is None:
            continue
        q = (m.group("q") or "").lower()
        pos = m.end()
        of_total = None
        mo = _OUT_OF.match(s[pos:])
        if mo and word not in ("a", "an", "both"):
            tv = parse_count(mo.group("n"))
            if tv is not None and tv >= value:
                of_total = (tv, pos + mo.start("n"), pos + mo.end("n"))
                pos += mo.end()
        head = _head_at(s, pos)
        kind: Kind | None
        bare = False
        if head is not None and head[1] == "bomb" and not _AIR_BOMB.search(s[max(0, m.start() - 40):head[0] + 30]):
            head = None
        if head is not None:
            end, fam = head
            phrase = s[m.start():end]
            tail = re.match(r"\s*(?:of\s+the\s+[\w\-/]+(?:-type|\s+type)|\([^)]{0,40}\))", s[end:])
            if tail:
                phrase += tail.group(0)
            kind = kind_of(phrase, fam)
            mixed = _MIXED_TAIL.match(s[end:])
            if mixed:
                end += mixed.end()
                kind = Kind(FAMILY_OF[kind.category] if kind.model is None and not kind.recon else kind.category,
                            kind.model, kind.recon, mixed=True)
        elif (mof := re.match(r"\s+of\s+(?:the|these|those)\s+", s[pos:], re.I)) and (hof := _head_at(s, pos + mof.end())):
            end, fam = hof  # "18 of the drones"
            kind = kind_of(s[m.start():end], fam)
        elif (tot := _TOTAL_HEAD.match(s, pos)) is not None and word not in ("a", "an"):
            end, kind = tot.end(), None
            out.append(_Count(value, m.start(), end, kind, bool(_APPROX.search(q)), q.startswith("all"), False,
                              of_total, False, total=True))
            continue
        elif word not in ("a", "an") and (cop := _COPULA_KIND.match(s, pos)) is not None:
            # "73 of them were Shahed attack drones and the remaining 47 were Gerbera-type decoys"
            out.append(_Count(value, m.start(), cop.end(), kind_of(cop.group(0), "drone" if cop.group("d") else "missile"),
                              bool(_APPROX.search(q)), False, False, None, False, copula=True))
            continue
        else:
            if word in ("a", "an"):
                continue
            ma = _OF_THEM.match(s[pos:])
            # "26 out of 31 launched": no head noun but an "of M"
            if ma:
                end = pos + ma.end()
                head_m = _HEAD_RE.search(ma.group(0))
                kind = kind_of(ma.group(0), next(k for k, v in head_m.groupdict().items() if v)) if head_m else None
            elif of_total is not None or re.match(r"\s*(?:[.,;:)\"”]|$|\s+(?:in|over|across|within|on)\b)", s[pos:]) \
                    or _FORWARD.match(s[pos:]):
                end = pos
                region = _REGION_TAIL.match(s, pos)
                if region:
                    end = region.end()  # "48 over the Kursk region": the list goes on after the region
                kind = None
                bare = True
            else:
                continue
        out.append(_Count(value, m.start(), end, kind, bool(_APPROX.search(q)), q.startswith("all"),
                          word in ("a", "an"), of_total, bare))
    return out


# "64 of the 145 drones fired at Ukraine had been shot down": the participle describes the weapons,
# the passive after it gives the count's role.
_PARTICIPLE_SKIP = re.compile(r"^\s*(?:fired|launched|sent|used|aimed)\s+(?:at|by|from|towards?|into|against|on|over)\s+"
                              r"(?:[\w'’-]+\s+){0,4}?(?=(?:had|have|has|were|was|are)\s)", re.I)


def _forward(c: _Count, s: str, nxt: int) -> tuple[str | None, bool]:
    """Role from the verb right after the phrase, and whether it is a full passive ("were shot
    down") rather than a bare participle ("drones launched by Russia")."""
    ps = _PARTICIPLE_SKIP.match(s[c.end:nxt])
    if ps:
        fm2 = _FORWARD.match(s[c.end + ps.end():nxt])
        if fm2 and (fm2.group("int") or fm2.group("sup") or fm2.group("combo")):
            return _cue_role(fm2, s[c.end + ps.end() + fm2.end():]), True
    fm = _FORWARD.match(s[c.end:nxt])
    if not fm:
        return None, False
    role = _cue_role(fm, s[c.end + fm.end():])
    aux = bool(re.search(r"\b(?:were|was|have|has|had|been|are|is|which|that)\b", s[c.end:c.end + fm.start("combo") if fm.group("combo") else c.end + (fm.start("sup") if fm.group("sup") else fm.start("int") if fm.group("int") else fm.start("lau"))], re.I))
    if role == "launched" and c.of_total is not None:
        return None, False  # "21 of 59 drones launched": the launch is the 59's
    return role, aux or role != "launched"


_REGION_TAIL = re.compile(r"\s+(?:over|in|above)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s+(?:region|oblast|province|Oblast))?")
# "125 drones overnight: 48 over the Kursk region, ...": a breakdown after a colon
_TIME_COLON = re.compile(r"\s*(?:overnight|on\s+\w+|yesterday|during\s+the\s+night)?\s*[:–—]\s*", re.I)
_LIST_TAIL = re.compile(r"(?:,\s*(?:and\s+|as\s+well\s+as\s+|plus\s+)|\s+and\s+|\s+as\s+well\s+as\s+)$", re.I)
# "10 missiles fired from the Caspian Sea, 23 drones...": a participle of the previous item, then the list goes on
_PARTICIPLE_JOIN = re.compile(r"^\s*(?:(?:fired|launched|sent)\s+)?(?:from|by|at|over|towards?)\b[^,;.]{0,60}?(?:,\s*(?:and\s+)?|\s+and\s+)$", re.I)


def _backward(c: _Count, s: str, prev_end: int) -> str | None:
    """Role from the nearest active verb before the count, within its clause: "destroyed 42 drones"."""
    left = s[prev_end:c.start]
    brk = None
    for brk in _CLAUSE_BREAK.finditer(left):
        pass
    lo = brk.end() if brk else 0
    last = None
    for cm in _CUE_RE.finditer(left, lo):
        if prev_end and not left[:cm.start()].strip(" ,") and cm.group("lau"):
            continue  # "10 missiles fired from...": the participle belongs to the item before
        if _NEGATED.search(left[:cm.start()]):
            last = None
            continue
        last = cm
    if last is not None and len(left) - last.end() <= 80:
        return _cue_role(last, s[c.start:])
    return None


# After a phrase, a verb that is not a cue ("two more returned to Russia"): the count has its own
# predicate, so no verb before it and no list can lend it a role.
_OWN_VERB = re.compile(r"^\s+(?:\w+ly\s+)?(?P<v>[a-z]+ed|remain(?:s|ed)?|flew|fell|hit|struck|crashed|left|went|came)\b")


_INCLUDED_BEFORE = re.compile(r"\b(?:missiles|drones|uavs|weapons|attack|strike|barrage|wave)\s+(?:launched\s+)?(?:\w+\s+)?"
                              r"(?:included|includes|comprised|consisted\s+of|were)\s*:?\s*$", re.I)
_STRUCK_AFTER = re.compile(r"\s+(?:(?:\w+ly|later|also|then|again|reportedly)\s+)?(?:hit|struck|slammed\s+into|targeted|attacked)\b", re.I)


def _has_own_verb(s: str, end: int) -> bool:
    m = _OWN_VERB.match(s[end:])
    return bool(m) and not _CUE_RE.match(s, end + m.start("v"))


_ALL_HEAD = "|".join(_HEADS.values()) + r"|(?<=of\s)them|(?<=all\s)of\s+them"
_ALL_DOWN = re.compile(
    rf"\b(?:{_INTERCEPT})\s+all\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_ALL_HEAD})\b(?!\s+(?:and|but)\s+\d)"
    rf"|\ball\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_ALL_HEAD})(?:\s+and\s+[^.;]{{0,40}}?)?\s+"
    rf"(?:were|was|have\s+been|had\s+been)\s+"
    rf"(?:\w+ly\s+)?(?:{_INTERCEPT})", re.I)


_WHICH_DOWNED = re.compile(rf"[^,;.]{{0,40}}?,\s*(?:which|that)\s+(?:was|were)\s+(?:\w+ly\s+|also\s+)?(?:{_INTERCEPT})", re.I)


def figures(s: str) -> list[Figure]:
    """Every weapon count of a sentence with its role, in text order.

    >>> [(f.role, f.value) for f in figures("Air defence shot down 21 of 59 drones.")]
    [('intercepted', 21), ('launched', 59)]
    """
    counts = _counts(s)
    roles: list[str | None] = []
    for i, c in enumerate(counts):
        prev_end = counts[i - 1].end if i else 0
        nxt = counts[i + 1].start if i + 1 < len(counts) else len(s)
        role, strong = _forward(c, s, nxt)
        if (role is None or not strong) and not _has_own_verb(s, c.end):
            weak_role = role
            role = _backward(c, s, prev_end)
            if role == "launched" and i and roles[i - 1] in ("intercepted", "suppressed") \
                    and _LIST_TAIL.search(s[prev_end:c.start]):
                role = None  # "destroyed 29 of the 33 drones Russia sent, as well as two missiles": the list goes on
            if role is None and i and roles[i - 1] is not None and (
                    _LIST_JOIN.match(s[prev_end:c.start]) or _PARTICIPLE_JOIN.match(s[prev_end:c.start])
                    or _LIST_TAIL.search(s[prev_end:c.start]) or _TIME_COLON.fullmatch(s[prev_end:c.start])):
                role = roles[i - 1]
            if role is None:
                role = weak_role
        if role is None and c.kind is None and i and roles[i - 1] in ("intercepted", "suppressed") \
                and re.match(r"[\w,.-]+\s+of\s+(?:them|which)\s+(?:were\s+)?(?:over|above|in)\b", s[c.start:], re.I) \
                and re.fullmatch(r"\s*(?:overnight|on\s+\w+)?\s*,\s*", s[counts[i - 1].end:c.start], re.I):
            role = roles[i - 1]  # "destroyed 337 drones overnight, 91 of them over the Moscow region": a part by region
        if role is None and c.copula and i:
            role = roles[i - 1] or (next((r for r in reversed(roles) if r is not None), None))  # the parts share the total's verb
        if role is None and c.kind is not None and re.search(r"\b(?:along|together)\s+with\s+$", s[:c.start], re.I):
            # "launched 188 drones at Ukraine overnight, the air force said, along with four Iskanders"
            role = next((r for r, p in zip(reversed(roles), reversed(counts[:i])) if r is not None and not p.bare), None)
        if role is None and c.kind is not None and re.match(r"\s*Of\s+(?:the|these|those)\s+(?:[\w-]+\s+){0,2}?(?:missiles|drones|weapons)\b,", s) \
                and not _INTERCEPT_OR_SUPPRESS.search(s[:c.start]):
            role = "launched"  # "Of the missiles, the air force listed 40 Kh-101s, ...": the parts of the launch
        if role is None and re.search(r"(?:^|[,;:—–-]\s*)(?:of|out\s+of)\s+(?:the\s+|these\s+|those\s+)?$", s[:c.start], re.I):
            role = "launched"  # "Of the 80 drones, 50 were destroyed"
        if role is None and i == 0 and _INCLUDED_BEFORE.search(s[:c.start]):
            role = "launched"  # "The missiles included 35 Kh-101s, ...": the parts of the launch told before
        if role is None and c.kind is not None and _STRUCK_AFTER.match(s, c.end):
            role = "launched"  # "two cruise missiles struck a factory": as many were fired
        roles.append(role)
    # a subject list takes the verb that follows it: "43 missiles and 13 drones were shot down"
    for i in range(len(counts) - 2, -1, -1):
        c = counts[i]
        if roles[i] is None and roles[i + 1] is not None and _LIST_JOIN.match(s[c.end:counts[i + 1].start]):
            roles[i] = roles[i + 1]
    out: list[Figure] = []
    for m in _ALL_DOWN.finditer(s):
        # "downed all the drones": as many as were launched, which the event may state elsewhere
        head = _HEAD_RE.search(m.group(0))
        head_end = m.start() + (head.end() if head else len(m.group(0)))
        if any(m.start() <= c.start < head_end and not c.weak for c in counts):
            continue  # "all 14 drones" has its number
        fam = next(k for k, v in head.groupdict().items() if v) if head else None
        out.append(Figure(kind_of(m.group(0), fam) if head else None, "intercepted_all", 0, m.start(), m.end()))
    downed = re.search(r"\bshot\s+down|\bdowned\b|\bdowning\b", s, re.I)
    for i, (c, role) in enumerate(zip(counts, roles)):
        if role is None or c.total:
            continue
        if c.kind is not None and c.kind.category == "aircraft" and not downed:
            continue  # "destroyed nine warplanes" at an airfield: targets, not an air raid
        if c.weak and not ((i and _LIST_JOIN.match(s[counts[i - 1].end:c.start]))
                           or (i + 1 < len(counts) and _LIST_JOIN.match(s[c.end:counts[i + 1].start]))):
            continue
        listed = i > 0 and c.bare and _REGION_TAIL.match(s, c.start + len(re.match(r"[\w,.-]+", s[c.start:]).group(0))) and (
            _LIST_JOIN.match(s[counts[i - 1].end:c.start]) or _TIME_COLON.fullmatch(s[counts[i - 1].end:c.start]))
        if c.bare and c.of_total is None and not listed \
                and not _ROLE_VERB_END.search(s[:c.start]) \
                and not _FORWARD.match(s[c.end:]):
            continue  # a bare number counts only right after its verb, or in a list by region ("..., 27 over Bryansk")
        if role in ("intercepted", "suppressed") and i + 1 < len(counts) and roles[i + 1] is not None \
                and any(r is not None and r != role for r in roles[i + 1:]) and re.match(r"\s*(?:overnight|in\s+total)?\s*[:–—]", s[c.end:counts[i + 1].start]):
            continue  # "neutralised 120 drones: 80 shot down and 40 lost": a total of both roles, given part by part
        if role == "launched" and c.bare and i >= 2 and re.search(r"\b(?:out\s+of|of)\s+(?:the\s+|a\s+total\s+of\s+)?$", s[:c.start], re.I) \
                and _LIST_JOIN.match(s[counts[i - 2].end:counts[i - 1].start]):
            continue  # "28 missiles and 16 drones out of the 44 launched": the list's total, no kind's own
        if c.kind is not None and c.kind.category in ("drone", "missile") and not c.copula and i + 1 < len(counts) \
                and counts[i + 1].copula and counts[i + 1].value < c.value:
            continue  # "120 drones: 73 of them were Shaheds and 47 decoys": the parts are the weapons
        kind = c.kind
        if kind is None and c.bare and i and not _LIST_JOIN.match(s[counts[i - 1].end:c.start]):
            # "84 missiles, Kyiv says 43 were shot down": a bare count is of the kind counted before it
            prev = counts[i - 1].kind
            kind = prev if prev is not None and not prev.mixed else None
        out.append(Figure(kind, role, c.value, c.start, c.end, c.approx))
        if role == "intercepted" and c.kind is not None and _WHICH_DOWNED.match(s, c.end) \
                and _backward(c, s, counts[i - 1].end if i else 0) == "launched":
            # "launched one Kh-59, which was shot down": as many were fired as were downed
            out.append(Figure(c.kind, "launched", c.value, c.start, c.end, c.approx))
        if c.of_total is not None and role in ("intercepted", "suppressed"):
            out.append(Figure(c.kind, "launched", c.of_total[0], c.of_total[1], c.of_total[2]))
        elif c.all_ and role == "intercepted":
            out.append(Figure(c.kind, "launched", c.value, c.start, c.end, c.approx))
        elif role == "intercepted" and i > 0 and (counts[i - 1].of_total is not None or counts[i - 1].all_) \
                and _LIST_JOIN.match(s[counts[i - 1].end:c.start]) and re.match(r"\s+(?:launched|fired)\b", s[c.end:]):
            # "downed nine of the 10 drones and one missile launched by Russia": all of that one was downed
            out.append(Figure(c.kind, "launched", c.value, c.start, c.end, c.approx))
    return out


# A bomb set off on the ground: "a car bomb", "a bomb hidden in a scooter", "planting the bomb".
_PLANTED_BOMB = re.compile(r"\b(?:car|truck|scooter|roadside|letter|parcel|pipe|suicide|time|improvised|booby-trapped|home-?made)[\s-]+bombs?\b"
                           r"|\bbombs?\s+(?:was\s+|had\s+been\s+)?(?:hidden|planted|placed|attached|concealed|rigged)\b"
                           r"|\b(?:plant(?:ed|ing)?|hid(?:den|ing)?|plac(?:ed|ing))\s+(?:a|the|an)\s+(?:\w+\s+)?bombs?\b", re.I)
_AIR_BOMB = re.compile(r"guided|glide|gliding|aerial|air-dropped|dropped|\bair\b|kabs?\b|umpk|fab-|gbu|jets?\b|aircraft|plane", re.I)


# Weapons named without a count; defensive systems ("anti-aircraft missile units") are not attacks.
_DEFENSIVE_AFTER = re.compile(r"^[\s-]*(?:units?|troops|forces|systems?|defen[cs]es?|operators?|teams?|groups?|factor(?:y|ies)"
                              r"|plants?|production|producers?|manufactur\w*|crews?|brigades?|regiments?|shield|programs?|interceptors?|warfare)\b", re.I)
_DEFENSIVE_BEFORE = re.compile(r"(?:anti-|counter-|air[\s-]defen[cs]e\s+|surface-to-air\s+|interceptor\s+|anti\s+)$", re.I)


_DEFENSIVE_AFTER_L, _DEFENSIVE_BEFORE_L = lower_twin(_DEFENSIVE_AFTER), lower_twin(_DEFENSIVE_BEFORE)


def kinds_named(s: str) -> list[tuple[Kind, int, int]]:
    """Weapon kinds a sentence names as the means of an attack, with their offsets.

    >>> [k.category for k, _, _ in kinds_named("Russian glide bombs struck Kharkiv.")]
    ['guided_bomb']
    """
    out: list[tuple[Kind, int, int]] = []
    low = folded(s)  # the scans run over the lower-cased sentence where they can: the same matches, faster
    for m in (_HEAD_RE.finditer(s) if low is None else _HEAD_RE_L.finditer(low)):
        head = s[m.start():m.end()]
        fam = next(k for k, v in m.groupdict().items() if v)
        if fam == "aircraft" or (fam == "bomb" and (not _AIR_BOMB.search(s[max(0, m.start() - 40):m.end() + 30])
                                                    or _PLANTED_BOMB.search(s[max(0, m.start() - 40):m.end() + 40]))):
            continue  # a bomb planted under a car is no air strike
        if low is None:
            if _DEFENSIVE_AFTER.match(s[m.end():]) or _DEFENSIVE_BEFORE.search(s[:m.start()]):
                continue
        elif _DEFENSIVE_AFTER_L.match(low[m.end():]) or _DEFENSIVE_BEFORE_L.search(low[:m.start()]):
            continue
        if fam == "missile" and re.match(r"rockets?", head, re.I) and re.search(
                r"multiple|launchers?|grad|mlrs|himars|uragan|smerch|rockets?\s+fire|artillery", s[max(0, m.start() - 30):m.end() + 20], re.I):
            continue
        lo = max(0, m.start() - 40)
        pre = s[lo:m.start()]
        # modifiers of the head: the words right before it, back to a stop word
        words = re.findall(r"[\w\-/]+", pre)[-4:]
        phrase = " ".join(words) + " " + head
        out.append((kind_of(phrase, fam), m.start(), m.end()))
    for m in (_model_re().finditer(s) if low is None else _model_re_lower().finditer(low)):
        model = s[m.start():m.end()]
        near = next((j for j, (k, a, b) in enumerate(out) if a <= m.start() < b + 12), None)
        if near is not None:
            k, a, b = out[near]
            mk = kind_of(model, None)
            if k.model is None and mk.model is not None and FAMILY_OF[mk.category] == FAMILY_OF[k.category] \
                    and re.fullmatch(r"\s*[,(–—-]\s*(?:the\s+|a\s+)?", s[b:m.start()]):
                out[near] = (mk, a, b)  # "a new ballistic missile, Oreshnik,": the model in apposition
            continue
        if any(m.start() <= a <= m.end() + 15 for _, a, _ in out):
            continue
        if re.match(r"\s+(?:[\w-]+\s+){0,2}?(?:systems?|batter(?:y|ies)|launchers?|complex(?:es)?|radars?|units?)\b", s[m.end():], re.I):
            continue  # "an S-400 air defence system" was hit, it fired nothing
        k = kind_of(model, None)
        if k.category != "aircraft":
            out.append((k, m.start(), m.end()))
    return out


__all__ = ["FAMILY_OF", "Figure", "Kind", "figures", "kind_of", "kinds_named"]
