"""Violent events: aerial attacks, shelling, ground combat, territory changes, other attacks.

Each sentence that passes a cheap keyword filter is read into *mentions*: what kind of
violence it tells (weapon counts, weapons named, shelling, fighting, a captured place),
where, by whom, with what casualties. Mentions are then joined into events, one per
real-world event of the document: a strike told over several sentences (the attack, its
interception figures, its casualties) is one event; a nationwide wave and a city's own
figures are two.

The readers live beside this module: ``weapons`` (counts and their roles, kinds, the catalogue
in ``data/weapons.json``), ``casualties``, ``attribution`` (attacking side, sources),
``places_pick`` (which named place was hit), ``breakdown`` (figures given part by part),
``assembly`` (joining mentions into events), ``wave`` (a night's wave of strikes as a whole)
and ``territory`` (the places a change of hands names, and who took them).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sitrep.extract.attribution import OTHER_SIDE, attacker_of, claimant_spans, side_votes
from sitrep.extract.breakdown import casualty_parts, city_harm, regional_figures, wide_harm
from sitrep.extract.casualties import Casualties, casualties
from sitrep.extract.dates import DateCue, day_frame, find_date, infer_reference
from sitrep.extract.assembly import Draft, Mention, blocks, group, weapon_entries
from sitrep.extract.places_pick import PlacePick, pick_place
from sitrep.extract.text import folded, lower_twin, search_folded
from sitrep.extract.territory import TERRITORY_AND, TERRITORY_HINT, changes_of_hands
from sitrep.extract.wave import ALSO_HIT, MASS_STRIKE, WAVE_CLAUSE, air_strikes_of_the_wave, main_target, mass_strike, side_of
from sitrep.extract.weapons import FAMILY_OF, Kind, figures, kinds_named
from sitrep.model import Event, Location, Span

if TYPE_CHECKING:
    from sitrep.extract import DocContext
    from sitrep.extract.text import Sentence

# Cheap test run on every sentence before any heavier pattern.
_PREFILTER = re.compile(
    r"drone|uav|missile|rocket|bomb|shell|artiller|mortar|strike|struck|attack|shot|down|intercept|destroy|kill|injur"
    r"|wound|dead|died|death|fight|clash|assault|offensive|advanc|captur|liberat|retak|retook|seiz|control|withdr"
    r"|abandon|storm|explo|blast|hit|shahed|fire|bombard|raid|incursion|repel|battle|casualt|neutrali|lost|jamm"
    r"|suppress|veered|radar|launch|troops|forces|moving|holding|push|encircl|counter|front|besieg|siege|target|flag", re.I)

_WEAPON_WORDS = re.compile(r"drone|uav|missile|rocket|bomb|shahed|geran|iskander|kinzhal|kalibr|kh-|х-|\bx-\d|s-[34]00|kabs?\b|umpk|fab-"
                           r"|unmanned|loitering|aircraft|jets?\b|helicopter|warplane|neptune|atacms|storm shadow|lancet|orlan"
                           r"|zala|gerbera|ballistics", re.I)
_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                        r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
                        r"|dozen|both|a|an)\b", re.I)
_HARM_WORDS = re.compile(r"kill|dead|died|death|injur|wound|hurt|hospitali|perish|lives", re.I)
_NO_HARM = Casualties()
# Shells as supplies, not fire: "ran short of artillery shells", "deliveries of 155mm shells".
_SUPPLY_BEFORE = re.compile(r"\b(?:short(?:age)?s?\s+of|supplies\s+of|supply\s+of|stocks?\s+of|deliver(?:y|ies)\s+of|production\s+of"
                            r"|rounds\s+of|need\s+for|lack\s+of|ammunition|million|thousands?\s+of|\d[\d,.]*(?:mm)?)\s+(?:[\w-]+\s+){0,2}$"
                            r"|\b(?:deliver(?:y|ies)|supplies|supply|shipments?)\s+of\s+(?:[\w-]+\s+){1,4}and\s+(?:[\w-]+\s+){0,2}$", re.I)
_COUNTER_BLAME = re.compile(r"\b(?:blamed|blames|accused|accuses|denied|denies)\b", re.I)
# The text says the attacker is unknown or disputed: no attacker however the words lean.
_NO_ATTACKER = re.compile(r"\b(?:did\s+not\s+say|didn['’]t\s+say|not\s+(?:clear|known)|unclear|no\s+one\s+(?:has\s+)?claimed"
                          r"|without\s+(?:saying|naming)|blam\w+\s+each\s+other|each\s+(?:side\s+)?blam\w+\s+the\s+other"
                          r"|traded\s+blame|which\s+denied|denied\s+(?:any\s+)?(?:responsibility|involvement))\b"
                          r"(?:[^.]{0,40}\bwho\b)?", re.I)
_PART_OF = re.compile(r"\b(?:including|among\s+them|among\s+which|of\s+which)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
# Verbs of interception and loss: "98 were shot down and 42 were lost" needs no weapon word to go on a wave.
_FIGURE_CUES_L = re.compile(r"\b(?:shot\s+down|downed|intercepted|destroyed|neutrali[sz]ed|locationally|lost\s+(?:in\s+)?location"
                            r"|disappeared\s+from|veered|jammed|suppressed)")
_GROUND_STRONG = re.compile(r"\b(?:troops|infantry|soldiers|ground|(?<!aerial\s)(?<!air\s)(?<!missile\s)(?<!drone\s)assaults?|storm\w*|street\s+fighting|counteroffensive)\b", re.I)
_CAPTION = re.compile(r"\[[^\]]*/[^\]]*\]\s*$|\bphotograph:|\bphoto:|\(illustrative photo\)|\bpicture:|^\s*(?:photo|image)\b"
                      r"|\bREUTERS/|/AFP\b|\bvia\s+REUTERS\b|\(Press service", re.I)
# Background told in passing: another time than the news.
_BACKGROUND = re.compile(
    r"\b(?:in\s+late\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|earlier\s+this\s+(?:year|month)|last\s+(?:year|month|winter|summer|spring|autumn)|a\s+year\s+ago"
    r"|package|will\s+(?:send|supply|provide|deliver)|rounds\s+of\s+(?:artillery\s+)?ammunition"
    r"|in\s+recent\s+(?:months|weeks)|in\s+the\s+past\s+(?:weeks|months|years)"
    r"|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:week|month|year)|so\s+far\s+this"
    r"|since\s+the\s+beginning\s+of)\b", re.I)
# "the largest attack since the start of the war": a superlative of the news, not background.
# Habits, threats, plans: not an event that happened, unless the sentence also gives its figures.
_NOT_EVENT = re.compile(
    r"\b(?:usually|regularly|regular\s+target|frequent\s+target|often|frequently|routinely|typically|every\s+(?:night|day)"
    r"|increasingly|(?:has|have)\s+(?:long\s+)?been\s+(?:a\s+)?(?:\w+\s+)?targets?"
    r"|detained|arrested|charged\s+with|accus\w+\s+(?:\w+\s+)?of|suspected\s+of|on\s+\w+\s+charges"
    r"|threat\s+of|threatens?|threatened|plans?\s+to|planning\s+to|preparing\s+to|is\s+expected|are\s+expected"
    r"|in\s+preparation\s+for"
    r"|counting\s+on|in\s+an?\s+(?:attempt|effort)\s+to|(?:could|would|might|should)(?!\s+(?:not\s+)?be\s+(?:heard|seen"
    r"|(?:\w+ly\s+)?(?:verified|confirmed|checked)))"
    r"|will\s+(?:be|launch|strike|attack)"
    r"|blam(?:ed|es|ing)\s+(?:\w+\s+){0,2}?(?:for|shelling|strikes?|attacks?|forces|troops|sabotage)"
    r"|(?:has|have|had)\s+been\s+\w+ing\b[^.]{0,80}?\bfor\s+(?:several\s+|many\s+)?(?:months|weeks|years)"
    r"|bracing\s+for|warn(?:s|ed|ing)?\s+(?:of|that)|(?:was|were)\s+marked\s+by"
    r"|fac(?:es|ing|ed)\s+(?:continued|continuing|ongoing|constant|daily|nightly|further)"
    r"|(?:military|financial|defen[cs]e)\s+(?:support|aid|assistance)|(?:aid|support|assistance)\s+package|pledged"
    r"|(?:would|will|to)\s+(?:send|supply|provide|deliver|donate)"
    r"|[Tt]he\s+(?:day|week|night|weekend)\s+(?:brought|saw)|(?:outages?|blackouts?|power\s+cuts?)\s+(?:hit|struck)"
    r"|(?:strikes|attacks|shelling)\s+continued\s+(?:across|along|throughout))\b")
_AERIAL_WORDS = re.compile(r"\b(?:air\s*strikes?|airstrikes?|air\s+(?:attacks?|raids?|assault)|aerial\s+(?:attacks?|bombardment|assault)"
                           r"|(?:high-)?precision\s+(?:[\w-]+\s+){0,3}?weapons"  # a defence ministry's "long-range precision weapons"
                           r"|bombing\s+raids?)\b", re.I)
_EVENT_VERB = re.compile(
    r"\b(?:attack(?:s|ed|ing)?|strikes?|struck|striking|hit(?:s|ting)?|launch(?:ed|es|ing)?|fired|kill(?:ed|ing|s)?|injur\w*"
    r"|wound\w*|dead|died|damag\w*|destroy\w*|shot\s+down|shoot\s+down|down(?:ed|ing|s)|intercept\w*|target\w*|explo\w*"
    r"|debris|bombard\w*|pound\w*|neutrali\w*|jammed|veered|disappeared|barrage|wave|crash\w*|sank|sunk|raid|landed"
    r"|fell|rained)\b", re.I)
_SHELLING = re.compile(
    r"\b(?:shell(?:ing|ed|s)?|artillery|mortars?|mlrs|multiple[\s-]+(?:launch\s+)?rocket|rocket\s+launchers?|grad\b|smerch"
    r"|uragan|himars|tank\s+fire|rocket\s+fire|fired\s+on\s+(?:\d+|\w+)\s+(?:communities|settlements|towns|villages|localities)"
    r"|cluster\s+munitions)", re.I)
_GROUND = re.compile(
    r"\b(?:fighting|fought|(?:heavy|fierce|intense|border|armed)\s+clash(?:es)?"
    r"|clash(?:es|ed)?\s+(?:with|between)\s+(?:\w+\s+)?(?:troops|forces|units|fighters|soldiers)"
    r"|(?<!aerial\s)(?<!air\s)(?<!missile\s)(?<!drone\s)assaults?|storm(?:ing|ed|s)?|offensive|counter-?offensive|counter-?attacks?"
    r"|advanc(?:e|ed|es|ing)|push(?:ed|ing)?\s+(?:[\w’'-]+\s+){0,3}?back|repel(?:led|s)?\s+(?:\d+|\w+)\s+(?:\w+\s+)?attacks"
    r"|(?:halted|stopped|thwarted|repulsed|repelled|beat\s+back|fended\s+off)\s+(?:[\w’'-]+\s+){0,2}?(?:attacks|assaults|attempts\s+to\s+advance)|battles?\s+for|closing\s+in\s+on"
    r"|holding\s+on\s+to|retain\s+control|encircl\w+|moving\s+deeper|incursion|ground\s+attacks?|street\s+fighting"
    r"|attacking\s+(?:near|towards?|around)|assaulting|attack(?:ed|ing|s)?\s+(?:\w+\s+)?(?:positions|trenches|defen[cs]es|lines)|pressing\s+(?:on|towards?)|broken\s+through|breaking\s+through"
    r"|break\s+through|broke\s+through|infantry|made\s+(?:\w+\s+)?gains|making\s+(?:\w+\s+)?gains|gained\s+ground"
    r"|(?:continued|continue|continues|continuing|kept\s+up)\s+(?:to\s+)?attack\w*|attack(?:ed|ing|s)?\s+in\s+the\s+direction\s+of"
    r"|attacked\s+(?:\d+|\w+)\s+times)\b", re.I)
_TERRITORY = re.compile(
    r"\b(?P<verb>captur(?:ed|ing|e)|took\s+control\s+of|taken\s+control\s+of|taking\s+control\s+of|(?:had|has|have)\s+taken|took|seiz(?:ed|ing)|liberat(?:ed|ing)"
    r"|recaptur(?:ed|ing)|retak(?:en|ing)|retook|abandon(?:ed|ing)?|withdr(?:ew|awn|aws|awing)\s+(?:\w+\s+){0,3}?from"
    r"|retreat(?:ed|ing|s)?\s+from"
    r"|withdrawal\s+(?:of\s+\w+\s+)?from|pull(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:out\s+of|back\s+from)|fell\s+to|fall\s+of"
    r"|(?:troops|forces|soldiers|units|army|marines|paratroopers)\s+(?:have\s+|had\s+|has\s+)?(?:\w+\s+)?entered"
    r"|(?:took|taken|taking|takes)\s+back|overr(?:an|un|unning)|reclaim(?:ed|ing)"
    r"|(?:pushed|drove|driven|forced|pushing|driving)\s+(?:[\w’'-]+\s+){0,3}?out\s+of"
    r"|raised\s+(?:their|its|the|a)\s+(?:[\w-]+\s+)?flags?\s+(?:over|above|in)"
    r"|control\s+of)\b", re.I)
# "took X after weeks of fighting": the fighting that led to the change is not news of its own
_FIGHT_BEFORE = re.compile(r"\b(?:after|following|in)\s+(?:\w+\s+){0,3}?(?:of\s+)?(?:(?:heavy|fierce|intense|street)\s+)?"
                           r"(?:fighting|battles?|assaults?|clashes)\b", re.I)
# Fighting itself, beside a change of hands ("withdrew ... to avoid encirclement" is only the change).
_FIGHT_WORDS = re.compile(r"\b(?:fighting|fought|clash\w*|assaults?|storm\w*|battle|offensive|counter-?offensive|attacks)\b", re.I)
_EFFECT_VERB = re.compile(r"\b(?:damaged|destroyed|hit|struck|killed|killing|injured|injuring|wounded|targeted|attacked|shelled"
                          r"|launched|fired|pounded|bombarded)\b", re.I)
# "This was reported by the Air Force", "the Air Force said this on Telegram": the source of what came before
_THIS_REPORT = re.compile(r"\b(?:reported|said|announced|stated|wrote)\s+this\b|\bthis\s+(?:was|is)\s+reported\b"
                          r"|\bthis\s+follows\s+from\b", re.I)
_SOURCE_LINE = re.compile(r"\baccording\s+to\b|\b(?:said|says|reported|wrote|follows\s+from)\b")
# Openers that start another story.
_FRESH = re.compile(r"\W*(?:meanwhile|separately|elsewhere|in\s+a\s+separate\b|in\s+another\s+(?:attack|strike|incident)"
                    r"|in\s+a\s+different\b)", re.I)
_ATTACK = re.compile(
    r"\b(?:(?:main|primary|principal)\s+targets?|(?:was|were)\s+targeted|attack(?:s|ed|ing)?|struck|strikes?|hit|explosions?|blasts?|sabotage|arson|bombard\w*|blown\s+up|shootings?"
    r"|gunfire|targeted|explod(?:ed|es|ing)|detonat(?:ed|ing|ion)|blew\s+up|(?:car|truck|scooter|roadside|parcel)[\s-]+bombs?"
    r"|(?:improvised\s+)?explosive\s+devices?|IEDs?|bombings?|(?:planted|hidden|placed)\s+(?:a|the)\s+bomb|planting\s+(?:a|the)\s+bomb"
    r"|(?:was|were|been)\s+(?:\w+ly\s+)?destroyed(?:\s+by|(?=\s+(?:early|late|overnight|on|in\s+an?\s+(?:attack|strike|blast|explosion))))|destroyed\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:bridge|dam|building|school"
    r"|hospital|depot|plant|station|facility|warehouse|factory|substation|refinery|church|market))\b", re.I)
# Definite references back to an event already told ("the attack", "the strikes left...").
_ANAPHOR = re.compile(r"\b(?:the|that|this|these|those)\s+(?:\w+\s+)?(?:attacks?|strikes?|shelling|fighting|blasts?|explosions?"
                      r"|bombardment|raid|assault|incident)\b|\bas\s+a\s+result\s+of\s+the\s+(?:\w+\s+)?(?:attack|strikes?|fighting|shelling)"
                      r"|\b(?:in|after|from)\s+the\s+(?:\w+\s+)?(?:attack|strikes?|shelling)\b", re.I)
_COUNTRY_WIDE = re.compile(r"\b(?:across|throughout|all\s+over)\s+(?:the\s+country|Ukraine|Russia)|\b(?:\d+|several|multiple|many|various"
                           r"|eight|seven|six|five|four|three|nine|ten|eleven|twelve)\s+(?:(?P<adj>Ukrainian|Russian)\s+)?(?:border\s+|frontline\s+|southern\s+"
                           r"|eastern\s+|northern\s+|western\s+|central\s+)?(?:regions|oblasts)\b"
                           r"|\bnationwide\b|\bcountry-wide\b|\bmajor\s+cities\b"
                           r"|\b(?:missile\s+and\s+drone\s+|drone\s+and\s+missile\s+)attacks?\s+on\s+(?:Ukraine|Russia)\b", re.I)
_TAGS = (
    ("children", re.compile(r"\b(?:child|children|kids?|girl|boy|teenager|infant|baby|minors?)\b", re.I)),
    ("civilians", re.compile(r"\b(?:civilians?|woman|women|man|men|residents?|people|persons?|pensioner|passers?-by)\b", re.I)),
    ("residential", re.compile(r"\b(?:residential|apartment|homes?|houses?|high-rise|dormitory|housing)\b", re.I)),
    ("energy_infrastructure", re.compile(r"\b(?:energy|power\s+(?:plant|station|line|grid|facilit\w+)|substation|oil\s+(?:terminal"
                                         r"|refinery|depot)|refinery|gas\s+\w+|thermal|CHPP|electric\w*|blackout|fuel)\b", re.I)),
    ("nuclear_site", re.compile(r"\bnuclear\s+(?:power\s+)?(?:plant|station|site|facility)\b", re.I)),
    ("military_target", re.compile(r"\b(?:military\s+(?:airfield|base|target|facilit\w+|unit)|airfield|air\s+base|warship|cruiser"
                                   r"|landing\s+ship|arsenal|ammunition\s+depot|command\s+post|headquarters)\b", re.I)),
)


def _fast(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The same words, anchored at a word start and matched on lower-cased text: several times
    faster than a case-insensitive scan, for the yes/no triggers run on every sentence."""
    return re.compile(r"\b(?:" + rx.pattern + ")")


_PREFILTER_L, _WEAPON_WORDS_L, _NUMBERISH_L, _HARM_WORDS_L = map(_fast, (_PREFILTER, _WEAPON_WORDS, _NUMBERISH, _HARM_WORDS))
_EVENT_VERB_L, _AERIAL_WORDS_L, _SHELLING_L, _GROUND_L, _GROUND_STRONG_L, _ATTACK_L = map(
    _fast, (_EVENT_VERB, _AERIAL_WORDS, _SHELLING, _GROUND, _GROUND_STRONG, _ATTACK))
_CAPTION_L = re.compile(r"\[[^\]/]*/[^\]]*\]\s*$|\bphotograph:|\bphoto:|\(illustrative photo\)|\bpicture:|^\s*(?:photo|image)\b"
                        r"|\breuters/|/afp\b|\bvia\s+reuters\b|\(press service")
# Case-insensitive patterns run on whole sentences, with their twins for the lower-cased sentence
# (text.folded): the same matches, several times faster.
_BACKGROUND_T, _COUNTRY_WIDE_T, _ANAPHOR_T, _TERRITORY_T, _NO_ATTACKER_T, _EFFECT_VERB_T = map(
    lower_twin, (_BACKGROUND, _COUNTRY_WIDE, _ANAPHOR, _TERRITORY, _NO_ATTACKER, _EFFECT_VERB))


def _found(rx: re.Pattern[str], twin: re.Pattern[str], text: str) -> bool:
    """Whether ``rx`` occurs in ``text``, looked for by its twin over the lower-cased text where it can be."""
    low = folded(text)
    return bool(rx.search(text) if low is None else twin.search(low))


# Every caption alternative needs one of these strings: one cheap scan before the full pattern.
_CAPTION_HINT = re.compile(r"\[|photo|image|picture:|reuters|/afp|\(press service")


def _kinds_named(ctx: DocContext, text: str) -> list[tuple[Kind, int, int]]:
    """``weapons.kinds_named`` of a sentence, read once per document: the reader and the
    weapon provenance of each event ask for the same sentences."""
    seen: dict[str, list[tuple[Kind, int, int]]] = ctx.memo.setdefault("violence.kinds_named", {})  # type: ignore[assignment]
    hit = seen.get(text)
    if hit is None:
        hit = seen[text] = kinds_named(text)
    return list(hit)  # a copy: the cached list stays as read


def _read(ctx: DocContext, i: int, s: Sentence) -> list[Mention]:
    """The mentions of violence in one sentence."""
    t = s.text
    low = t.lower()
    if not _PREFILTER_L.search(low) or len(t.split()) < 4 or (
            _CAPTION_HINT.search(low) and _CAPTION_L.search(low)):
        return []
    tf = folded(t)  # for the twins of the case-insensitive patterns (``low`` may be cut short below)
    bg = search_folded(_BACKGROUND, _BACKGROUND_T, t, tf)
    if bg:
        comma = t.rfind(", ", 0, bg.start())
        if bg.start() < len(t) / 2 or comma < 0:
            return []  # told as background: "In late January, Russia launched..."
        low = low[:comma]  # a trailing aside ("..., which it recaptured last month") is not the news
    # cheap triggers first; the heavier readers run only where their words occur
    weaponry = _WEAPON_WORDS_L.search(low)
    figs = figures(t) if (weaponry or _FIGURE_CUES_L.search(low)) and _NUMBERISH_L.search(low) else []
    if not weaponry and any(f.kind is not None for f in figs):
        figs = []
    harm = casualties(t) if _HARM_WORDS_L.search(low) else _NO_HARM
    # a kind named as a part of a count ("70 missiles, including KN-23s") does not rename the count
    named = _kinds_named(ctx, t) if weaponry else []
    kinds = [k for k, a, _ in named if not _PART_OF.search(t, max(0, a - 40), a)]
    part_kinds = [k for k, a, _ in named if _PART_OF.search(t, max(0, a - 40), a)]
    aerial = bool(figs) or (bool(kinds) and bool(_EVENT_VERB_L.search(low))) or bool(_AERIAL_WORDS_L.search(low))
    shelling = bool(_SHELLING_L.search(low)) and any(
        not _SUPPLY_BEFORE.search(t, max(0, m.start() - 70), m.start()) for m in _SHELLING.finditer(t))
    ground = bool(_GROUND_L.search(low)) and not (aerial and not _GROUND_STRONG_L.search(low))
    territory = (_TERRITORY.search(t, 0, len(low)) if tf is None else _TERRITORY_T.search(tf, 0, len(low))) \
        if ("control" in low or TERRITORY_HINT.search(low)) else None
    attack = bool(_ATTACK_L.search(low))
    hurt = harm.killed is not None or harm.injured is not None
    if not (aerial or shelling or ground or territory or attack or hurt) or _caption_line(ctx, s):
        return []
    if not figs and not hurt and _NOT_EVENT.search(t):
        return []
    if not figs and not hurt and ALSO_HIT.search(t) and len(ctx.places_in(s.start, s.end)) >= 3:
        return []  # "Dnipro, Sloviansk and Kramatorsk were also hit.": the reach of the wave told, no strike of their own
    votes = side_votes(t)
    clause_votes = None
    if ";" in t and len(votes) > 0:
        # "Kyiv's troops push into Kursk; missile strike on a supermarket kills 14": each clause its own side
        pl = pick_place(ctx, s)
        if pl is not None and s.start <= pl.start < s.end:
            at = pl.start - s.start
            a, b = t.rfind(";", 0, at) + 1, t.find(";", at)
            clause = side_votes(t[a:b if b >= 0 else len(t)])
            votes = clause_votes = clause  # a clause that names no side leaves the side open, whatever its neighbour says
    attacker = attacker_of(votes)
    out: list[Mention] = []
    cue = _date_cue(ctx, s)
    day = cue[0] if cue is not None and cue[3] in ("date.weekday", "date.month_day", "date.part_of_weekday") else None
    base = dict(index=i, sentence=s, attacker=attacker, clause_votes=clause_votes, attack_word=attack, weapon_word=bool(weaponry),
                fresh=bool(_FRESH.match(t)), day=day)
    place = pick_place(ctx, s)
    ground_place = pick_place(ctx, s, launch_areas=False) if (ground or territory or shelling) else place
    wide = search_folded(_COUNTRY_WIDE, _COUNTRY_WIDE_T, t, tf)
    if wide and place is None and re.search(r"Russia|Ukrain", wide.group(0)):
        # "over several Russian border regions": the country they lie in
        code = "RU" if "Russia" in wide.group(0) else "UA"
        place = PlacePick(Location(country=code, precision="country"), False, s.start + wide.start(), s.start + wide.end())
    if wide and not figs and place is not None and place.specific and place.start > s.start + wide.start():
        # "a wave of attacks across Ukraine, ... destroying a building in Dnipro": the wave is country-wide
        place = PlacePick(Location(country=place.location.country, precision="country"), False, place.start, place.end)
    if hurt and place is not None and place.spread:
        # "three children were killed in the Zhytomyr region, and people died in two other regions": the figure's own place
        hs = harm.killed_span or harm.injured_span
        own = next((q for q in ctx.places_in(s.start + hs[1], min(s.end, s.start + hs[1] + 40))
                    if q.kind in ("settlement", "admin1") and re.fullmatch(r"\s+(?:in|near|at)\s+(?:the\s+)?",
                                                                           ctx.text[s.start + hs[1]:q.start])), None)
        if own is not None:
            place = PlacePick(own.location(), True, own.start, own.end)
    parts = casualty_parts(ctx, s, harm) if hurt else []
    if parts:
        # "Six were killed, including two in the Kherson region": the total is the country's, the part the region's
        sub = {p.location.name for p, _ in parts}
        if place is not None and place.location.name in sub:
            place = PlacePick(Location(country=place.location.country, precision="country"), False, place.start, place.end)
        if ground_place is not None and ground_place.location.name in sub:
            ground_place = place
    anaphoric = bool(_ANAPHOR.search(t) if tf is None else _ANAPHOR_T.search(tf))
    regional = regional_figures(ctx, s, figs) if len(figs) > 1 else []
    if regional:
        # "destroyed 125 drones: 48 over the Kursk region, 27 over Bryansk": the wave, and each region with its own
        taken = {id(f) for f, _ in regional}
        figs = [f for f in figs if id(f) not in taken]
        if place is not None and place.specific and place.start in {p.start for _, p in regional}:
            place = PlacePick(Location(country=place.location.country, precision="country"), False, place.start, place.end)
    main = main_target(ctx, s) if aerial and (figs or kinds or wide) and "main" in low else None
    if main is not None:
        # "Record attack: 728 drones and 13 missiles, Lutsk the main target": the night's wave, and its main target
        place = PlacePick(Location(country=main.location.country, precision="country"), False, main.start, main.end)
    mass = aerial and place is None and attacker in OTHER_SIDE and bool(MASS_STRIKE.search(t))
    if mass:
        # "its forces carried out a massive strike with precision weapons": the wave on the other side, as a whole
        place = PlacePick(Location(country=OTHER_SIDE[attacker], precision="country"), False, s.start, s.end)
    if aerial:
        out.append(Mention("aerial_attack", figures=figs, kinds=kinds, place=place, anaphoric=anaphoric, parts=part_kinds,
                           wave=mass, **base))
        if main is not None:
            out.append(Mention("aerial_attack", kinds=list(kinds), place=main, own_place=True, **base))
        for f, p in regional:
            out.append(Mention("aerial_attack", figures=[f], kinds=[f.kind] if f.kind else list(kinds), place=p,
                               fresh=True, **{k: v for k, v in base.items() if k != "fresh"}))
        if wide and not figs and place is not None and place.specific and place.end < s.start + wide.start() \
                and WAVE_CLAUSE.search(t, place.end - s.start, wide.start()) and wide_harm(t, harm) is None:
            # "a missile struck a hospital in Kyiv, as Russia fired dozens of missiles across the country": the city and the
            # wave (a wave told by its toll, "part of a barrage that killed 31 across the country", is made below)
            country = PlacePick(Location(country=place.location.country, precision="country"), False,
                                s.start + wide.start(), s.start + wide.end())
            out.append(Mention("aerial_attack", kinds=list(kinds), place=country, fresh=True,
                               **{k: v for k, v in base.items() if k != "fresh"}))
    if shelling:
        out.append(Mention("shelling", place=ground_place, anaphoric=anaphoric, **base))
    tc: list[Mention] = []
    if territory:
        # each verb its own places: "liberated X and recaptured Y"
        for tm in _TERRITORY.finditer(t, 0, len(low)):
            tc.extend(x for x in changes_of_hands(ctx, s, tm, votes) if all(x.place.start != y.place.start for y in tc))
    if tc and ground:
        # "captured X, and halted attacks in the Kursk region": the fighting is elsewhere than the capture
        taken = {m.place.start for m in tc}
        for m in tc:
            # "captured Kostiantynivka near Vuhledar": the landmark of the capture is not where the fighting was
            taken.update(q.start for q in ctx.places_in(m.place.end, min(s.end, m.place.end + 40))
                         if re.fullmatch(r"\s*,?\s*(?:near|outside|close\s+to|south\s+of|north\s+of|east\s+of|west\s+of)\s+(?:the\s+)?",
                                         ctx.text[m.place.end:q.start], re.I))
        ground_place = pick_place(ctx, s, launch_areas=False, exclude=frozenset(taken)) or ground_place
    clauses = _fighting_clauses(ctx, s) if ground and not tc else []
    if clauses:
        # "Ukrainian forces made gains near X, while Russian troops attacked towards Y": two fights, each its side
        for cp, cv in clauses:
            out.append(Mention("ground_combat", place=cp, anaphoric=anaphoric,
                               **{**base, "attacker": attacker_of(cv), "clause_votes": cv}))
    elif ground and not (tc and (not _FIGHT_WORDS.search(t) or _FIGHT_BEFORE.search(t))):
        out.append(Mention("ground_combat", place=ground_place, anaphoric=anaphoric, **base))
        # "repelled assaults near Bakhmut and Avdiivka": fighting at each
        out.extend(Mention("ground_combat", place=p, anaphoric=anaphoric, **base) for p in _listed_after(ctx, s, ground_place))
    out.extend(tc)
    if not out and attack:
        out.append(Mention("attack", place=place, anaphoric=anaphoric, **base))
    if not out and (harm.killed is not None or harm.injured is not None):
        out.append(Mention("attack", place=place, anaphoric=True, **base))
    country_harm = wide_harm(t, harm)
    if country_harm is not None and out and place is not None and place.specific and not parts:
        # "hit a hospital in Kyiv, part of a barrage that killed 31 people across the country"
        head = out[0]
        country = PlacePick(Location(country=place.location.country, precision="country"), False, place.start, place.end)
        out.append(Mention(head.type, index=i, sentence=s, kinds=list(head.kinds), harm=country_harm, place=country,
                           attacker=attacker, attack_word=attack, weapon_word=bool(weaponry), fresh=True, day=day))
        harm = _NO_HARM
    _give_harm(out[:1] if country_harm is not None and harm is _NO_HARM else out, harm, t)
    spread = place.parts if place is not None else ()
    if spread and out and out[0].type in ("aerial_attack", "shelling", "attack") and not parts:
        # "fired missiles at Kyiv and Kharkiv": one event per city; the wave itself only where it has figures
        head = out[0]
        split = city_harm(ctx, s, harm, spread)
        for pick in spread:
            out.append(Mention(head.type, index=i, sentence=s, kinds=list(head.kinds), place=pick,
                               harm=split.get(pick.location.name, _NO_HARM), attacker=attacker,
                               attack_word=attack, weapon_word=bool(weaponry), day=day))
        if split:
            head.harm = _NO_HARM  # the text gives only the cities' figures
        if not head.figures and head.harm is _NO_HARM:
            out.remove(head)
    if parts and out:
        head = next((m for m in out if m.harm is harm), out[0])
        for pick, part in parts:
            out.append(Mention(head.type, index=i, sentence=s, kinds=list(head.kinds), harm=part, place=pick,
                               attacker=attacker, attack_word=attack, weapon_word=bool(weaponry), day=day))
    return out


def _listed_after(ctx: DocContext, s: Sentence, pick: PlacePick | None) -> list[PlacePick]:
    """Settlements joined to the picked one by "and" or commas ("near Bakhmut and Avdiivka")."""
    if pick is None or not pick.specific or pick.location.precision != "settlement":
        return []
    out: list[PlacePick] = []
    last = pick.end
    for q in ctx.places_in(pick.end, s.end):
        if q.start < last:
            continue
        if q.kind == "settlement" and TERRITORY_AND.fullmatch(ctx.text, last, q.start):
            out.append(PlacePick(q.location(), True, q.start, q.end))
            last = q.end
            continue
        break
    return out


def _caption_line(ctx: DocContext, s: Sentence) -> bool:
    """A photo caption: a line of its own whose next line repeats it or credits a photographer."""
    nl = ctx.text.find("\n", s.end)
    if nl < 0 or ctx.text[s.end:nl].strip():
        return False
    nxt = ctx.text[nl:nl + 400].lstrip("\n").split("\n", 1)[0]
    return bool(re.search(r"\[[^\]]*/[^\]]*\]\s*$|Photograph:|Photo:", nxt)) and "\n" in ctx.text[max(0, s.start - 2):s.start + 1]


def _give_harm(mentions: list[Mention], harm: Casualties, t: str) -> None:
    """Casualties go to the mention whose cue words lie nearest to them ("killed in shelling")."""
    if harm.killed is None and harm.injured is None:
        return
    cands = [m for m in mentions if m.type != "territory_change"]
    if not cands:
        return
    if len(cands) == 1:
        cands[0].harm = harm
        return
    pos = (harm.killed_span or harm.injured_span)[0]
    cue = {"aerial_attack": re.compile(r"drone|missile|bomb|air|strike", re.I), "shelling": _SHELLING,
           "ground_combat": _GROUND, "attack": _ATTACK}

    def dist(m: Mention) -> int:
        hits = [abs(x.start() - pos) for x in cue[m.type].finditer(t)]
        return min(hits) if hits else 10_000

    min(cands, key=dist).harm = harm


_WHILE = re.compile(r",\s*(?:while|whereas)\s+|;\s+", re.I)


def _fighting_clauses(ctx: DocContext, s: Sentence) -> list[tuple[PlacePick | None, dict[str, int]]]:
    """Two clauses of one sentence that each tell of fighting by a named side at a place of their own
    ("..., while Russian troops attacked towards Y"); empty where the sentence is one story."""
    from sitrep.extract.text import Sentence as _S
    t = s.text
    cut = _WHILE.search(t)
    if cut is None:
        return []
    out = []
    for a, b in ((0, cut.start()), (cut.end(), len(t))):
        ct = t[a:b]
        if not _GROUND.search(ct):
            return []
        votes = side_votes(ct)
        place = pick_place(ctx, _S(s.start + a, s.start + b, ct), launch_areas=False)
        if not votes or place is None or not place.specific:
            return []
        out.append((place, votes))
    return out if out[0][0].location.name != out[1][0].location.name else []


def _event(ctx: DocContext, d: Draft, doc_side: str | None) -> Event:
    doc = ctx.doc
    spans = [m.sentence.span for m in d.mentions]
    e = Event(doc.id, d.type, spans)
    first = d.mentions[0]
    # date: the first cue among its sentences; no cue, no date (the convention of the gold)
    for m in d.mentions:
        cue = _date_cue(ctx, m.sentence, report_day=d.type == "aerial_attack" and bool(d.slots()))
        if cue is not None:
            e.set("date", cue[0].isoformat(), m.sentence.sub(cue[1], cue[2]), cue[3])
            e.date_precision = "day"
            e.note("date_precision", m.sentence.sub(cue[1], cue[2]), cue[3])
            break
    else:
        prev = _item_day(ctx, d)
        frame = day_frame(ctx.text, _reference(ctx)) if prev is None else None
        if prev is not None:
            e.set("date", prev[0].isoformat(), prev[1], "date.item_before")
            e.date_precision = "day"
            e.note("date_precision", prev[1], "date.item_before")
        if frame is not None and d.type != "territory_change":
            e.set("date", frame.date.isoformat(), Span(frame.start, frame.end), frame.rule)
            e.date_precision = "day"
            e.note("date_precision", Span(frame.start, frame.end), frame.rule)
    attacker = side_of(d)
    attacker_rule = _side_rule(d)
    if d.type == "attack" and _planted(d):
        # a bombing or shooting far from the front: the side only where the text says who did it
        attacker, attacker_rule = _responsible(ctx, d), "attacker.claim_of_responsibility"
    unsure = next((m for m in d.mentions if _found(_NO_ATTACKER, _NO_ATTACKER_T, m.sentence.text) and re.search(
        r"\bwho\b|blam|claimed|responsib|involvement", m.sentence.text, re.I)), None)
    if unsure is None and d.type == "attack":
        # "Ukraine said Russian forces blew it up; Moscow blamed Ukrainian shelling": each side blames the other
        last = d.mentions[-1]
        nxt = ctx.sentences[last.index + 1] if last.index + 1 < len(ctx.sentences) else None
        if nxt is not None and _COUNTER_BLAME.search(nxt.text) and len(side_votes(nxt.text)) == 2:
            unsure = last
    if unsure is not None:
        attacker = None  # "the agency did not say who launched the drone"; "each side blamed the other"
    loc = d.place.location if d.place is not None else None
    if attacker is None and d.type == "aerial_attack" and loc is None and unsure is None:
        attacker = doc_side
        attacker_rule = "attacker.document_side"
    loc_rule = "location.pick"
    if loc is None and d.type in ("aerial_attack", "attack", "shelling") and attacker in OTHER_SIDE and _slots_any(d):
        loc = Location(country=OTHER_SIDE[attacker], precision="country")
        loc_rule = "location.attacked_side"
    if loc is not None and loc.name is None and loc.admin1 is None and attacker in OTHER_SIDE and loc.country == attacker \
            and d.type in ("aerial_attack", "shelling"):
        # a wave "at Ukraine" that the text also sets beside "strikes deep inside Russia": the attacked side's country
        loc = Location(country=OTHER_SIDE[attacker], precision="country")
        loc_rule = "location.attacked_side"
    if loc is not None:
        e.set("location", loc, Span(d.place.start, d.place.end) if d.place else first.sentence.span, loc_rule)
    if d.type == "territory_change":
        e.set("taken_by", first.taken_by, first.sentence.span, "territory.side")
    else:
        if attacker is not None:
            e.set("attacker", attacker, first.sentence.span, attacker_rule)
        for m in d.mentions:
            if e.killed is None and m.harm.killed is not None:
                e.set("killed", m.harm.killed, m.sentence.sub(*m.harm.killed_span), "casualties.killed")
            if e.injured is None and m.harm.injured is not None:
                e.set("injured", m.harm.injured, m.sentence.sub(*m.harm.injured_span), "casualties.injured")
        _tag(ctx, e, d)
        if d.type == "aerial_attack":
            e.weapons = weapon_entries(d)
            _weapon_provenance(ctx, e, d)
            figs = [(f, m) for m in d.mentions for f in m.figures]
            for i, w in enumerate(e.weapons):
                for role in ("launched", "intercepted", "suppressed"):
                    value = getattr(w, role)
                    hit = next(((f, m) for f, m in figs if f.role == role and f.value == value), None)
                    if hit is not None:
                        e.note(f"weapons[{i}].{role}", hit[1].sentence.sub(hit[0].start, hit[0].end), "weapons.figures")
    names: list[str] = []
    for m in d.mentions:
        spans = [(m.sentence.start, m.sentence.end)]
        nxt = ctx.sentences[m.index + 1] if m.index + 1 < len(ctx.sentences) else None
        if nxt is not None and _SOURCE_LINE.search(nxt.text) and (
                "\n" not in ctx.text[m.sentence.end:nxt.start] or _THIS_REPORT.search(nxt.text)):
            spans.append((nxt.start, nxt.end))  # "..., according to Kyiv's mayor, Vitali Klitschko." right after
        for a, b in spans:
            for n, ns, ne, rule in claimant_spans(ctx.text, a, b, doc.reference_date):
                if n not in names:
                    e.note(f"claimed_by[{len(names)}]", Span(ns, ne), rule)
                    if not names:
                        e.note("claimed_by", Span(ns, ne), rule)
                    names.append(n)
    e.claimed_by = names
    e.set("confidence", min(0.9, 0.5 + 0.1 * len(d.mentions) + (0.1 if loc is not None else 0)),
          Span(first.sentence.start, d.mentions[-1].sentence.end), "confidence.mentions")
    return e


_TAGS_T = tuple((tag, rx, lower_twin(rx)) for tag, rx in _TAGS)


def _tag(ctx: DocContext, e: Event, d: Draft) -> None:
    """Tags from the words of the event's sentences, each with the words that gave it."""
    tags: list[str] = []
    # a sentence is often in several events: each tag's words are looked for once per sentence
    seen: dict[tuple[str, str], tuple[int, int] | None] = ctx.memo.setdefault("violence.tag_hits", {})  # type: ignore[assignment]
    lows: dict[str, str | None] = {}
    for tag, rx, twin in _TAGS_T:
        for m in d.mentions:
            key = (tag, m.sentence.text)
            if key in seen:
                hit = seen[key]
            else:
                t = m.sentence.text
                low = lows[t] if t in lows else lows.setdefault(t, folded(t))
                found = rx.search(t) if low is None else twin.search(low)  # the twin: same offsets, faster
                hit = seen[key] = None if found is None else (found.start(), found.end())
            if hit is not None:
                span = m.sentence.sub(hit[0], hit[1])
                e.note(f"tags[{len(tags)}]", span, f"tags.{tag}")
                if not tags:
                    e.note("tags", span, f"tags.{tag}")
                tags.append(tag)
                break
    e.tags = tags


def _weapon_provenance(ctx: DocContext, e: Event, d: Draft) -> None:
    """Where each weapon's category and model were read: a kind named in the event's sentences, else
    the count it was given (a bare count of "drones" or of what came before)."""
    named = [(k, m.sentence.sub(a, b)) for m in d.mentions for k, a, b in _kinds_named(ctx, m.sentence.text)]
    counted = [(f, m.sentence.sub(f.start, f.end)) for m in d.mentions for f in m.figures]
    for i, w in enumerate(e.weapons):
        if w.model is not None:
            # the model as written ("Iskander-M missile": the head word is "missile", the model before it)
            written = next(((m, x) for m in d.mentions for x in [re.search(re.escape(w.model), m.sentence.text, re.I)] if x), None)
            span = (written[0].sentence.sub(written[1].start(), written[1].end()) if written else None) \
                or next((sp for k, sp in named if k.model == w.model), None) \
                or next((sp for f, sp in counted if f.kind is not None and f.kind.model == w.model), None)
            e.note(f"weapons[{i}].model", span or d.mentions[0].sentence.span, "weapons.model")
        span = next((sp for k, sp in named if k.category == w.category), None) \
            or next((sp for f, sp in counted if f.kind is not None and f.kind.category == w.category), None)
        rule = "weapons.kind_named"
        if span is None:
            span = next((sp for f, sp in counted if f.kind is None or FAMILY_OF.get(f.kind.category) == FAMILY_OF.get(w.category)),
                        None) or d.mentions[0].sentence.span
            rule = "weapons.counted"
        e.note(f"weapons[{i}]", span, rule)
        e.note(f"weapons[{i}].category", span, rule)


def _slots_any(d: Draft) -> bool:
    return bool(d.slots()) or any(m.harm.killed is not None or m.harm.injured is not None for m in d.mentions) \
        or any(_found(_COUNTRY_WIDE, _COUNTRY_WIDE_T, m.sentence.text) for m in d.mentions) or mass_strike(d)


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_REPORT_DAY = re.compile(r"\b(?:said|says|reported|announced|wrote)\s+(?:on\s+|early\s+|late\s+)?(?P<wd>Monday|Tuesday|Wednesday"
                         r"|Thursday|Friday|Saturday|Sunday)\b(?!\s+(?:night|evening))")


_AIR_WORDS = re.compile(r"\b(?:drones?|missiles?|shaheds?|air\s+(?:strike|attack|raid)s?)\b", re.I)


def _item_day(ctx: DocContext, d: Draft) -> tuple[dt.date, Span] | None:
    """For a night's tally told without a day ("the air force said it downed 32 of 44 drones"): the night
    cue of the air attack told in the sentence right before it, in the same item."""
    first = d.mentions[0]
    if d.type != "aerial_attack" or not d.slots() or first.index == 0:
        return None
    item_of = ctx.memo.get("violence.blocks")
    if item_of is None:
        item_of = ctx.memo["violence.blocks"] = blocks(ctx)
    if item_of[first.index - 1] != item_of[first.index]:  # type: ignore[index]
        return None
    before = ctx.sentences[first.index - 1]
    if not _AIR_WORDS.search(before.text):
        return None
    cue = _date_cue(ctx, before)
    if cue is None or cue[3] not in ("date.overnight", "date.part_of_weekday", "date.night_range", "date.night_of"):
        return None
    return cue[0], before.sub(cue[1], cue[2])


def _reference(ctx: DocContext) -> dt.date | None:
    """The document's reference day, or where ingest found none, the one its lead implies
    (the war's day count, a weekday beside a month and day); once per document."""
    if ctx.doc.reference_date is not None:
        return ctx.doc.reference_date
    if "violence.reference" not in ctx.memo:
        ctx.memo["violence.reference"] = infer_reference(ctx.text)
    return ctx.memo["violence.reference"]  # type: ignore[return-value]


def _date_cue(ctx: DocContext, s: Sentence, *, report_day: bool = False) -> tuple[dt.date, int, int, str] | None:
    """The sentence's date cue (``dates.find_date``), as (date, start, end, rule) within the sentence.

    ``report_day``: an air force's overnight tally is dated by the morning it is given, so
    "launched 30 drones, the air force said Wednesday" is Wednesday's."""
    ref = _reference(ctx)
    if ctx.doc.reference_date is not None:
        cue = ctx.date_of(s)
    else:
        # the same sentence is asked for again by each mention and event: its cue is read once per document
        cues: dict[tuple[int, int, str], DateCue | None] = ctx.memo.setdefault("violence.date_cues", {})  # type: ignore[assignment]
        key = (s.start, s.end, s.text)
        if key in cues:
            cue = cues[key]
        else:
            cue = cues[key] = find_date(s.text, ref, ctx.doc.year_hint if ref is None else None)
    r = _REPORT_DAY.search(s.text) if report_day and ref is not None else None
    if r and (cue is None or cue.rule == "date.overnight"):
        back = (ref.weekday() - _WEEKDAYS.index(r.group("wd").lower())) % 7
        return ref - dt.timedelta(days=back), r.start("wd"), r.end("wd"), "date.report_day"
    if cue is None:
        return None
    if cue.rule == "date.weekday" and ref is not None:
        own = _STRIKE_OF_WEEKDAY.search(s.text)
        if own is not None and own.start() != cue.start:
            # "mourning on Friday for the victims of Thursday's strike": the strike's own day
            back = (ref.weekday() - _WEEKDAYS.index(own.group("wd").lower())) % 7
            return ref - dt.timedelta(days=back), own.start(), own.end("wd"), "date.weekday_of_strike"
    return cue.date, cue.start, cue.end, cue.rule


_STRIKE_OF_WEEKDAY = re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\s+(?:[\w-]+\s+){0,5}?"
                                r"(?:strikes?|attacks?|barrage|bombardment|shelling|raids?|wave|assaults?|blasts?|explosions?)\b")


def extract(ctx: DocContext) -> list[Event]:
    """Violent events of one document (aerial attacks, shelling, ground combat, territory changes, attacks).

    >>> from sitrep.extract import build_context
    >>> from sitrep.model import Document
    >>> [e.type for e in extract(build_context(Document("d", "Russia launched 20 drones at Ukraine overnight.")))]
    ['aerial_attack']
    """
    item_of = blocks(ctx)
    mentions: list[Mention] = []
    for i, s in enumerate(ctx.sentences):
        mentions.extend(_read(ctx, i, s))
    drafts = [d for d in group(mentions, item_of) if _worth(d)]
    if len(set(item_of)) == 1:
        drafts = air_strikes_of_the_wave(drafts)  # one story told in paragraphs, not a digest of items
    # the side most of the document's violence comes from, for events whose own words name none
    tally: dict[str, int] = {}
    for d in drafts:
        side = side_of(d)
        if side is not None and d.type != "territory_change":
            tally[side] = tally.get(side, 0) + 1
    doc_side = attacker_of(tally)
    return [_event(ctx, d, doc_side) for d in drafts]


_PLANTED = re.compile(r"\b(?:car|truck|scooter|roadside|parcel)[\s-]+bombs?|\bbombs?\s+(?:was\s+|had\s+been\s+)?(?:hidden|planted|placed)"
                      r"|explosive\s+device|\bIEDs?\b|\bgrenade|\bshot\s+dead|\bgunm[ae]n|assassinat", re.I)
_RESPONSIBLE = re.compile(
    r"\b(?:was|were)\s+(?:an?\s+)?(?P<a>SBU|HUR|GUR|FSB|Ukrainian|Russian)\s+(?:special\s+|intelligence\s+)?operation"
    r"|\b(?P<b>SBU|HUR|GUR|FSB|Ukraine|Russia|Kyiv|Moscow)(?:['’]s\s+[\w\s]{0,30}?)?\s+(?:has\s+|had\s+)?(?:claimed\s+responsibility"
    r"|(?:was|were)\s+behind)", re.I)


def _planted(d: Draft) -> bool:
    return any(_PLANTED.search(m.sentence.text) for m in d.mentions)


def _responsible(ctx: DocContext, d: Draft) -> str | None:
    """The side a claim of responsibility names, in the event's sentences or the few after them."""
    last = d.mentions[-1].index
    for s in [m.sentence for m in d.mentions] + ctx.sentences[last + 1:last + 4]:
        for m in _RESPONSIBLE.finditer(s.text):
            who = (m.group("a") or m.group("b")).lower()
            if who in ("sbu", "hur", "gur", "ukrainian", "ukraine", "kyiv"):
                return "UA"
            return "RU"
    return None


def _side_rule(d: Draft) -> str:
    """Which reading gave :func:`side_of` its answer, for the attacker's provenance."""
    if any(side_votes(m.sentence.text) if m.clause_votes is None else m.clause_votes for m in d.mentions) or d.attacker is not None:
        return "attacker.votes"
    return "attacker.other_side_of_place"


def _worth(d: Draft) -> bool:
    """An event needs something to stand on: a place, a count, casualties or a named side."""
    if d.type == "territory_change":
        return d.place is not None
    has_numbers = bool(d.slots()) or any(m.harm.killed is not None or m.harm.injured is not None for m in d.mentions)
    if d.place is not None and d.place.specific:
        return True
    if has_numbers:
        return True
    if d.place is not None and d.place.spread and d.attacker is not None and any(
            _found(_EFFECT_VERB, _EFFECT_VERB_T, m.sentence.text) for m in d.mentions):
        return True  # "strikes damaged power facilities in the Odesa and Mykolaiv regions"
    if (d.place is None or not d.place.specific) and mass_strike(d) and side_of(d) is not None:
        return True  # "its forces carried out a massive strike with precision weapons": the wave, told by the side that struck
    return d.type in ("aerial_attack", "shelling", "attack") and d.place is not None and d.attacker is not None \
        and any(_found(_COUNTRY_WIDE, _COUNTRY_WIDE_T, m.sentence.text) for m in d.mentions)


__all__ = ["extract"]
