"""Score extracted events against gold files: the measuring stick of extraction.

A gold folder holds ``<id>.json`` (``{"document_id", "events": [...], "exhaustive"}``)
with the document's text beside it as ``<id>.txt``. The definitions are the
team's (``../shared/eval/README.md``); they are restated here in sitrep's own
code so that ``sitrep eval`` gives the same figures as ``score.py`` without
reading ``../shared`` at run time:

- Each predicted event is assigned to the gold event of its type that it agrees
  with most (most true facts), once the two share a *key*: a place, a weapon
  with the same launched or intercepted count, a participant, a speaker, a donor
  or amount, an authority. Several predictions assigned to one gold event are
  merged; where they disagree on a number, that fact is wrong.
- Every scored field is a fact. A missed gold event loses all its facts; a
  prediction assigned to nothing counts all its facts as false. ``date`` and
  ``location.*`` are scored only where the gold gives them.
- Partial gold (``"exhaustive": false``) scores only what it annotates:
  unassigned predictions and fields (or weapons) the gold leaves out are not
  counted.
- ``"optional": true`` gold events are neither required nor penalised; one with
  ``"alternative_of": N`` is another accepted reading of required event N.
- A place named only by a country ("Ukraine") is the country, not a place.
- Evidence: every prediction must carry spans inside the text, and every number
  it states must be written (digits or words) inside them.
- Names are compared after folding case, accents and an alias table
  (``sitrep/data/eval_aliases.json``, or ``--aliases FILE``); a surname alone
  matches the full name.

Gold and predicted events are kept as the JSON objects they are, not turned into
:class:`~sitrep.model.Event`: a scorer must judge exactly what a file says, a
malformed value included, and a prediction file need not come from sitrep.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import DataError, InputError, SitrepError, UsageError

RawEvent = dict[str, Any]
Tally = Counter[tuple[str, str]]  # (slot or type, outcome) -> count

# ---------------------------------------------------------------- the alias table


@dataclass(frozen=True)
class AliasTable:
    """Folded spelling -> canonical key, for names, places and countries.

    ``generic_name_tails`` are words that never match a longer name on their own
    ("ministry" is not "Russian ministry of defence").
    """

    names: Mapping[str, str]
    places: Mapping[str, str]
    countries: Mapping[str, str]
    generic_name_tails: frozenset[str]

    @classmethod
    def load(cls, path: str | Path | None = None) -> AliasTable:
        """The table shipped with sitrep, or the one in ``path`` (same JSON shape).

        >>> AliasTable.load().countries["washington"]
        'US'
        """
        error: type[SitrepError]
        if path is None:
            try:
                raw = (resources.files("sitrep") / "data" / "eval_aliases.json").read_text(encoding="utf-8")
            except OSError as exc:
                raise DataError(f"sitrep's alias table is missing ({exc}); reinstall sitrep") from None
            where, error = "sitrep/data/eval_aliases.json", DataError
        else:
            try:
                raw = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot read the alias table {path}: {exc.strerror}") from None
            where, error = str(path), UsageError
        try:
            data = json.loads(raw)
            return cls(names=dict(data["names"]), places=dict(data["places"]),
                       countries=dict(data["countries"]),
                       generic_name_tails=frozenset(data["generic_name_tails"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise error(f"{where} is not an alias table (needs names, places, countries, "
                        f"generic_name_tails): {exc}") from None


# ---------------------------------------------------------------- comparing values

_APOSTROPHES = re.compile(r"[’'`ʼ]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"[A-Z]{2}|NATO|EU")  # an ISO code, or a bloc that stands for itself
_DOUBLE_Y_END = re.compile(r"yy\b")  # Zelenskyy = Zelensky, Syrskyy = Syrsky
# Words that say what kind of place a name is, not which place.
_PLACE_KIND_WORDS = frozenset({"city", "oblast", "region", "province", "krai", "republic", "district",
                               "raion", "the", "of", "municipality", "county"})


def fold(value: object) -> str:
    """``value`` as text with accents, case, apostrophes and punctuation folded away.

    >>> fold("Zaporizhzhia Oblast's  Énerhodar")
    'zaporizhzhia oblasts enerhodar'
    """
    decomposed = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    text = _APOSTROPHES.sub("", text)
    return _NOT_ALNUM.sub(" ", text).strip()


class NameMatcher:
    """Decides whether two names, places, countries or values are the same, given an alias table."""

    def __init__(self, aliases: AliasTable) -> None:
        self.aliases = aliases

    def name_key(self, name: object) -> str:
        key = fold(name)
        key = self.aliases.names.get(key, key)
        return _DOUBLE_Y_END.sub("y", key)

    def place_key(self, place: object) -> str:
        key = " ".join(w for w in fold(place).split() if w not in _PLACE_KIND_WORDS)
        return self.aliases.places.get(key, key)

    def country_key(self, country: object) -> str:
        if isinstance(country, str) and _CODE.fullmatch(country):
            return country
        key = fold(country)
        # Unknown names are upper-cased, so that "fr" and "FR" still agree.
        return self.aliases.countries.get(key, key.upper())

    def is_country(self, name: object) -> bool:
        return bool(name) and (bool(_CODE.fullmatch(str(name))) or fold(name) in self.aliases.countries)

    def same_name(self, a: object, b: object) -> bool:
        """Same person, body or country; a surname (or a name's tail) alone matches the full name.

        >>> m = NameMatcher(AliasTable.load())
        >>> m.same_name("Zelenskyy", "Volodymyr Zelensky"), m.same_name("Ministry", "Defence Ministry")
        (True, False)
        """
        key_a, key_b = self.name_key(a), self.name_key(b)
        if not key_a or not key_b:
            return False
        if key_a == key_b:
            return True
        if self.is_country(a) and self.is_country(b):
            return self.country_key(a) == self.country_key(b)
        short, long_ = sorted((key_a.split(), key_b.split()), key=len)
        return (long_[-len(short):] == short and " ".join(short) not in self.aliases.generic_name_tails
                and len(short) < len(long_))

    def same_place(self, a: object, b: object) -> bool:
        return bool(a) and bool(b) and self.place_key(a) == self.place_key(b)

    def country_level(self, event: RawEvent) -> RawEvent:
        """The event with a location named only by a country ("Ukraine", no admin1) read as that
        country, not as a place."""
        location = event.get("location")
        if (isinstance(location, dict) and location.get("name") and self.is_country(location["name"])
                and not location.get("admin1")):
            country = location.get("country") or self.country_key(location["name"])
            return {**event, "location": {**location, "name": None, "country": country}}
        return event

    def same_value(self, kind: str, gold: Any, pred: Any) -> bool:
        """Whether a predicted value states the gold fact; ``kind`` is the slot's kind (see ``SLOTS``)."""
        if kind == "int":
            return _is_number(pred) and int(pred) == int(gold)
        if kind == "minutes":  # "nearly an hour" may be written 50 or 60
            return _is_number(pred) and abs(pred - gold) <= 10
        if kind == "money":  # conversions and rounding: within 1%
            return _is_number(pred) and abs(pred - gold) <= 0.01 * abs(gold)
        if kind == "country":
            return self.country_key(pred) == self.country_key(gold)
        if kind == "name":
            return self.same_name(gold, pred)
        if kind == "place":
            return self.same_place(gold, pred)
        if kind == "quote":  # a fragment of the quote, or the quote with more around it
            a, b = fold(gold), fold(pred)
            return bool(a) and bool(b) and (a in b or b in a)
        return fold(gold) == fold(pred)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float))


# Generic weapon categories and the specific ones they cover: "missile" is never
# wrong for a cruise missile, but a cruise missile is not a ballistic one.
WEAPON_FAMILIES: dict[str, frozenset[str]] = {
    "missile": frozenset({"ballistic_missile", "cruise_missile", "hypersonic_missile", "guided_missile"}),
    "drone": frozenset({"attack_drone", "decoy_drone"}),
}
WEAPON_COUNTS = ("launched", "intercepted", "suppressed")


def same_category(a: str, b: str) -> bool:
    """Equal categories, or a generic one and a specific one of its family.

    >>> same_category("missile", "cruise_missile"), same_category("cruise_missile", "guided_missile")
    (True, False)
    """
    if a == b:
        return True
    return any({a, b} <= family | {generic} and generic in (a, b) for generic, family in WEAPON_FAMILIES.items())


# ---------------------------------------------------------------- what is scored

VIOLENT_TYPES = frozenset({"aerial_attack", "shelling", "ground_combat", "attack"})
# The facts of each type: (field path, kind of comparison).
SLOTS: dict[str, list[tuple[str, str]]] = {
    "aerial_attack": [("attacker", "country"), ("killed", "int"), ("injured", "int"), ("weapons", "weapons")],
    "shelling": [("attacker", "country"), ("killed", "int"), ("injured", "int")],
    "ground_combat": [("attacker", "country"), ("killed", "int"), ("injured", "int")],
    "attack": [("attacker", "country"), ("killed", "int"), ("injured", "int")],
    "territory_change": [("taken_by", "country")],
    "arrest": [("authority", "name"), ("charge", "word"), ("accused_of_working_for", "country")],
    "prisoner_exchange": [("parties", "names"), ("released", "released")],
    "aid_pledge": [("donor", "name"), ("recipient", "country"), ("amount.value", "money"),
                   ("amount.currency", "word"), ("amount_usd", "money"), ("aid_kind", "word")],
    "sanctions": [("imposer", "names"), ("target", "names")],
    "diplomatic_contact": [("mode", "word"), ("status", "word"), ("participants", "names"),
                           ("mediator", "name"), ("duration_minutes", "minutes")],
    "statement": [("speaker", "name"), ("stance", "word"), ("quote", "quote")],
    "agreement": [("parties", "names")],
}
# Facts every event has; scored only where the gold gives them.
COMMON_SLOTS: list[tuple[str, str]] = [("date", "word"), ("location.name", "place"),
                                       ("location.admin1", "place"), ("location.country", "country")]
# The list each type shares a key through, for types not keyed by place, name or amount.
_KEY_LISTS = {"prisoner_exchange": "parties", "sanctions": "imposer", "diplomatic_contact": "participants",
              "agreement": "parties"}


def field_value(event: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path ("amount.value"); empty strings, lists and objects are None."""
    value: Any = event
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return None if value in ("", [], {}) else value


def released_members(released: Iterable[Any]) -> list[Any]:
    """Released prisoners as comparable members: the name, else "<count> by <side>"."""
    return [r.get("name") or f"{r.get('count')} by {r.get('released_by')}" for r in released if isinstance(r, dict)]


def _members(kind: str, value: Iterable[Any]) -> list[Any]:
    if kind == "released":
        return released_members(value)
    return [x for x in value if x]


def weapons_by_category(weapons: Iterable[Any] | None) -> dict[str, dict[str, Any]]:
    """Weapon entries folded per category, the first count given for each of launched/intercepted/suppressed."""
    out: dict[str, dict[str, Any]] = {}
    for w in weapons or []:
        if isinstance(w, dict) and w.get("category"):
            counts = out.setdefault(w["category"], {})
            for k in WEAPON_COUNTS:
                if counts.get(k) is None and w.get(k) is not None:
                    counts[k] = w[k]
    return out


def places_of(event: Mapping[str, Any]) -> list[Any]:
    location = event.get("location") or {}
    return [x for x in (location.get("name"), location.get("admin1")) if x]


def merge_predictions(preds: Sequence[RawEvent]) -> RawEvent:
    """Several predictions for one gold event as one: the first value of a field wins,
    lists are united, weapons pooled, locations filled in; numbers that disagree
    become a conflict, which matches no gold value."""
    if len(preds) == 1:
        return preds[0]
    merged: RawEvent = {}
    for pred in preds:
        for key, value in pred.items():
            if key == "weapons":
                merged["weapons"] = (merged.get("weapons") or []) + (value or [])
            elif key == "location":
                known = {k: v for k, v in (merged.get("location") or {}).items() if v is not None}
                merged["location"] = {**(value or {}), **known}
            elif merged.get(key) is None:
                merged[key] = value
            elif value is not None and value != merged[key] and _is_number(value):
                merged[key] = {"conflict": [merged[key], value]}
            elif isinstance(value, list) and isinstance(merged[key], list):
                merged[key] = merged[key] + [x for x in value if x not in merged[key]]
    return merged


# ---------------------------------------------------------------- evidence

_SMALL_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                  "fifteen sixteen seventeen eighteen nineteen twenty").split()
_NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL_NUMBERS)}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "a": 1, "an": 1})
_NUMBER_WORD_RES = [(re.compile(rf"\b{w}\b"), v) for w, v in _NUMBER_WORDS.items()]
_TENS_UNITS = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
                         r"(one|two|three|four|five|six|seven|eight|nine)\b")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mln": 1e6, "bn": 1e9, "m": 1e6, "k": 1e3}
_DIGITS = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|mln|bn|m|k)?\b")


def numbers_written(text: str) -> set[int]:
    """Every number ``text`` writes, in digits ("1,200", "2.5bn") or words ("twenty-one").

    Deliberately the scorer's own reading, generous and independent of the extractors'.

    >>> sorted(numbers_written("Of 21 drones, twenty-one... 1.5 million"))[-3:]
    [20, 21, 1500000]
    """
    found: set[int] = set()
    lowered = text.lower().replace(",", "")
    for m in _DIGITS.finditer(lowered):
        found.add(round(float(m.group(1)) * _SCALES.get(m.group(2) or "", 1)))
        found.add(round(float(m.group(1))))
    for pattern, value in _NUMBER_WORD_RES:
        if pattern.search(lowered):
            found.add(value)
    for m in _TENS_UNITS.finditer(lowered):
        found.add(_NUMBER_WORDS[m.group(1)] + _NUMBER_WORDS[m.group(2)])
    return found


def stated_numbers(event: Mapping[str, Any]) -> list[int | float]:
    """The numbers an event states: casualties, amounts and weapon counts."""
    numbers = [event.get("killed"), event.get("injured"), field_value(event, "amount.value"),
               event.get("amount_usd")]
    for w in event.get("weapons") or []:
        if isinstance(w, dict):
            numbers += [w.get(k) for k in WEAPON_COUNTS]
    return [n for n in numbers if _is_number(n) and not isinstance(n, bool)]


def check_evidence(event: Mapping[str, Any], text: str) -> tuple[bool, bool]:
    """(spans valid, numbers supported): every span lies inside ``text``, and every
    number the event states is written inside its spans.

    >>> check_evidence({"killed": 3, "evidence": [{"start": 0, "end": 12}]}, "Three died. 4 hurt.")
    (True, True)
    """
    spans = event.get("evidence") or []
    valid = bool(spans) and all(isinstance(s, dict) and isinstance(s.get("start"), int)
                                and isinstance(s.get("end"), int) and 0 <= s["start"] < s["end"] <= len(text)
                                for s in spans)
    if not valid:
        return False, False
    written = numbers_written(" ".join(text[s["start"]:s["end"]] for s in spans))
    return True, all(round(n) in written for n in stated_numbers(event))


# ---------------------------------------------------------------- gold and predictions


@dataclass
class GoldDocument:
    """One gold file: its events, whether they are all of the text's events, and its text."""

    id: str
    events: list[RawEvent]
    exhaustive: bool = True
    text: str | None = None
    text_path: Path | None = None


def document_group(document_id: str) -> str:
    """The group a document belongs to: its id up to the first '-' (``"af-1d93" -> "af"``)."""
    return document_id.split("-", 1)[0]


def load_gold(gold_dirs: Sequence[str | Path]) -> dict[str, GoldDocument]:
    """Gold documents of the folders, keyed by document id; a later folder overrides an earlier one."""
    gold: dict[str, GoldDocument] = {}
    for folder in map(Path, gold_dirs):
        if not folder.is_dir():
            raise UsageError(f"gold folder not found: {folder}")
        for path in sorted(folder.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                doc_id, events = data["document_id"], data["events"]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise UsageError(f"{path} is not a gold file (needs document_id and events): {exc}") from None
            before = gold.get(doc_id)
            txt = path.with_suffix(".txt")
            has_text = txt.exists()
            gold[doc_id] = GoldDocument(
                id=doc_id,
                events=list(events),
                exhaustive=data.get("exhaustive") is not False,
                text=txt.read_text(encoding="utf-8") if has_text else (before.text if before else None),
                text_path=txt if has_text else (before.text_path if before else None))
    return gold


def read_predictions(path: str | Path) -> tuple[list[RawEvent], int]:
    """Events of a JSON Lines file, and the number of lines that are not JSON."""
    try:
        return parse_predictions(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read predictions {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"predictions {path} are not UTF-8 text") from None


def parse_predictions(jsonl: str) -> tuple[list[RawEvent], int]:
    """Events of JSON Lines text, and the number of lines that are not JSON.

    Lines are split as ``str.splitlines`` does, as the team's scorer reads them.
    """
    events: list[RawEvent] = []
    unreadable = 0
    for line in jsonl.splitlines():
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            unreadable += 1
    return events, unreadable


def extract_predictions(gold: Mapping[str, GoldDocument]) -> tuple[list[RawEvent], list[InputError]]:
    """Extract the gold texts with sitrep: their events as contract JSON, and the texts that could not be read."""
    from sitrep.extract import extract_events
    from sitrep.ingest import read_documents
    from sitrep.model import event_to_contract

    paths = [doc.text_path for doc in gold.values() if doc.text_path is not None]
    lines: list[str] = []
    failed: list[InputError] = []
    for item in read_documents(paths):
        if isinstance(item, InputError):
            failed.append(item)
            continue
        lines.extend(json.dumps(event_to_contract(e), ensure_ascii=False) for e in extract_events(item))
    # Written and read back as `sitrep extract` output would be, so that scoring sees exactly that.
    events, _ = parse_predictions("\n".join(lines))
    return events, failed


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Scores:
    """Counts of true positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4) if self.precision + self.recall else 0.0}


@dataclass
class DocumentScore:
    """What scoring one gold document found; reports add these up."""

    document_id: str
    predictions: int = 0
    facts: Tally = field(default_factory=Counter)  # (slot, outcome)
    types: Tally = field(default_factory=Counter)  # (event type, outcome)
    evidence_checked: int = 0
    spans_valid: int = 0
    numbers_supported: int = 0
    misses: list[str] = field(default_factory=list)


def _brief(event: Mapping[str, Any], leave_out: tuple[str, ...]) -> str:
    return json.dumps({k: v for k, v in event.items() if k not in leave_out})[:160]


class Scorer:
    """Scores predictions against gold documents under one alias table."""

    def __init__(self, aliases: AliasTable | None = None) -> None:
        self.match = NameMatcher(aliases or AliasTable.load())

    # -- facts
    def compare(self, gold: RawEvent | None, pred: RawEvent | None, etype: str, partial: bool = False) -> Tally:
        """Fact outcomes of one gold event against one (merged) prediction; either may be None.

        ``partial``: the gold annotates only some of what the text says, so only the fields it gives count.
        """
        out: Tally = Counter()
        g, p = gold or {}, pred or {}
        for path, kind in COMMON_SLOTS + SLOTS.get(etype, []):
            g_value, p_value = field_value(g, path), field_value(p, path)
            common = (path, kind) in COMMON_SLOTS
            slot = path if common else f"{etype}.{path}"
            if kind == "weapons":
                self._compare_weapons(g_value, p_value, out, f"{etype}.", partial)
            elif kind in ("names", "released"):
                self._compare_sets(_members(kind, g_value or []), _members(kind, p_value or []), slot, out)
            else:
                # Date and place count against a prediction only where the gold gives them,
                # or where there is no gold event at all.
                strict = not partial and (not common or not g)
                self._compare_one(kind, g_value, p_value, slot, out, strict)
        return out

    def _compare_one(self, kind: str, gold: Any, pred: Any, slot: str, out: Tally, strict: bool) -> None:
        if gold is None:
            if pred is not None and strict:
                out[(slot, "fp")] += 1
            return
        if pred is None:
            out[(slot, "fn")] += 1
        elif self.match.same_value(kind, gold, pred):
            out[(slot, "tp")] += 1
        else:  # a wrong value is both a false fact and a missed one
            out[(slot, "fp")] += 1
            out[(slot, "fn")] += 1

    def _compare_sets(self, gold: list[Any], pred: list[Any], slot: str, out: Tally) -> None:
        unmatched = list(pred)
        for member in gold:
            hit = next((x for x in unmatched if self.match.same_name(member, x)), None)
            if hit is None:
                out[(slot, "fn")] += 1
            else:
                out[(slot, "tp")] += 1
                unmatched.remove(hit)
        out[(slot, "fp")] += len(unmatched)

    def _compare_weapons(self, gold: Any, pred: Any, out: Tally, prefix: str, partial: bool) -> None:
        gold_w, unmatched = weapons_by_category(gold), dict(weapons_by_category(pred))
        for category, g_counts in gold_w.items():
            # The same category first, else the generic or specific one of its family.
            hit = (next((c for c in unmatched if c == category), None)
                   or next((c for c in unmatched if same_category(category, c)), None))
            p_counts = unmatched.pop(hit) if hit else None
            out[(f"{prefix}weapons[]", "tp" if p_counts is not None else "fn")] += 1
            for k in WEAPON_COUNTS:
                self._compare_one("int", g_counts.get(k), None if p_counts is None else p_counts.get(k),
                                  f"{prefix}weapons[].{k}", out, not partial)
        if partial:  # weapons the partial gold leaves out are not scored
            return
        for p_counts in unmatched.values():
            out[(f"{prefix}weapons[]", "fp")] += 1
            for k in WEAPON_COUNTS:
                if p_counts.get(k) is not None:
                    out[(f"{prefix}weapons[].{k}", "fp")] += 1

    # -- assignment
    def keys_agree(self, gold: RawEvent, pred: RawEvent) -> bool:
        """Whether a prediction may be the gold event at all: they share a key for the type."""
        etype = gold["type"]
        m = self.match
        if etype in VIOLENT_TYPES or etype == "territory_change":
            g_places, p_places = places_of(gold), places_of(pred)
            if any(m.same_place(a, b) for a in g_places for b in p_places):
                return True
            g_weapons, p_weapons = weapons_by_category(gold.get("weapons")), weapons_by_category(pred.get("weapons"))
            for a, g_counts in g_weapons.items():
                for b, p_counts in p_weapons.items():
                    if same_category(a, b) and any(g_counts.get(k) is not None and g_counts.get(k) == p_counts.get(k)
                                                   for k in ("launched", "intercepted")):
                        return True
            if g_places:
                return False
            # The gold event is country-wide or has no place.
            g_country = field_value(gold, "location.country")
            if not g_weapons and g_country is None:
                return True
            return (not p_places and g_country is not None
                    and m.country_key(g_country) == m.country_key(field_value(pred, "location.country") or "?"))
        if etype == "arrest":
            # Note: two arrests that both leave out accused_of_working_for share that (empty) key.
            return (m.same_name(gold.get("authority") or "", pred.get("authority") or "")
                    or m.country_key(gold.get("accused_of_working_for") or "?")
                    == m.country_key(pred.get("accused_of_working_for") or "!"))
        if etype == "aid_pledge":
            if m.same_name(gold.get("donor") or "", pred.get("donor") or ""):
                return True
            return any(field_value(gold, k) is not None and field_value(pred, k) is not None
                       and m.same_value("money", field_value(gold, k), field_value(pred, k))
                       for k in ("amount.value", "amount_usd"))
        if etype == "statement":
            return m.same_name(gold.get("speaker") or "", pred.get("speaker") or "")
        key_list = _KEY_LISTS.get(etype)
        if key_list is None:
            return False
        g_names, p_names = gold.get(key_list) or [], pred.get(key_list) or []
        if etype == "prisoner_exchange":
            g_names = g_names + released_members(gold.get("released") or [])
            p_names = p_names + released_members(pred.get("released") or [])
        return any(m.same_name(a, b) for a in g_names for b in p_names)

    def _best_gold(self, gold: Sequence[RawEvent], pred: RawEvent, partial: bool) -> int | None:
        """Index of the gold event of the prediction's type that shares a key and agrees on most facts."""
        best, best_agreed = None, -1
        for i, g in enumerate(gold):
            if g.get("type") != pred.get("type") or not self.keys_agree(g, pred):
                continue
            outcomes = self.compare(g, pred, g["type"], partial)
            agreed = sum(n for (_, outcome), n in outcomes.items() if outcome == "tp")
            if agreed > best_agreed:
                best, best_agreed = i, agreed
        return best

    def score_document(self, doc: GoldDocument, preds: Sequence[RawEvent]) -> DocumentScore:
        """Score the predictions of one document against its gold."""
        score = DocumentScore(doc.id, predictions=len(preds))
        gold = [self.match.country_level(e) for e in doc.events]
        partial = not doc.exhaustive
        assigned: dict[int, list[RawEvent]] = defaultdict(list)
        for pred in preds:
            if doc.text is not None:
                spans_ok, numbers_ok = check_evidence(pred, doc.text)
                score.evidence_checked += 1
                score.spans_valid += spans_ok
                score.numbers_supported += numbers_ok
            best = self._best_gold(gold, pred, partial)
            if best is not None:
                assigned[best].append(pred)
            elif not partial:  # partial gold cannot say a prediction is false
                etype = pred.get("type", "?")
                score.types[(etype, "fp")] += 1
                score.facts.update(self.compare(None, pred, etype))
                score.misses.append(f"{doc.id}: unmatched prediction {etype} "
                                    f"{_brief(pred, ('evidence', 'id', 'document_id'))}")
        # Optional readings of a required event: finding one of them finds the event.
        alternatives: dict[int, list[int]] = defaultdict(list)
        for i, g in enumerate(gold):
            if g.get("optional") and isinstance(g.get("alternative_of"), int):
                alternatives[g["alternative_of"]].append(i)
        for i, g in enumerate(gold):
            if g.get("optional"):
                continue
            found = assigned.get(i)
            for alt in alternatives.get(i, []):
                if not found and assigned.get(alt):
                    g, found = gold[alt], assigned[alt]
            score.types[(g["type"], "tp" if found else "fn")] += 1
            score.facts.update(self.compare(g, merge_predictions(found) if found else None, g["type"], partial))
            if not found:
                score.misses.append(f"{doc.id}: missed {g['type']} {_brief(g, ('type',))}")
        return score

    def score(self, gold: Mapping[str, GoldDocument], predictions: Iterable[RawEvent],
              unreadable_lines: int = 0) -> EvalReport:
        """Score predictions (of any documents; those without gold are ignored) against the gold."""
        by_document: dict[str, list[RawEvent]] = defaultdict(list)
        for pred in predictions:
            doc_id = pred.get("document_id") if isinstance(pred, dict) else None
            if isinstance(doc_id, str) and doc_id in gold:
                by_document[doc_id].append(self.match.country_level(pred))
        scores = [self.score_document(doc, by_document.get(doc_id, [])) for doc_id, doc in gold.items()]
        return EvalReport.of(scores, unreadable_lines)


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class EvidenceScores:
    checked: int
    spans_valid: float | None  # share of predictions whose spans lie inside the text
    numbers_supported: float | None  # share whose every number is written inside its spans

    def to_dict(self) -> dict[str, Any]:
        return {"checked": self.checked, "spans_valid": self.spans_valid, "numbers_supported": self.numbers_supported}


@dataclass
class EvalReport:
    """Figures of one evaluation, in the shape of ``score.py --json`` (:meth:`to_dict`)."""

    documents: int
    predictions: int
    unreadable_lines: int
    facts: Scores
    events: Scores
    evidence: EvidenceScores
    by_type: dict[str, Scores]
    by_slot: dict[str, Scores]
    misses: list[str]
    document_scores: list[DocumentScore] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, scores: Sequence[DocumentScore], unreadable_lines: int = 0) -> EvalReport:
        """Add up document scores."""
        facts: Tally = Counter()
        types: Tally = Counter()
        for s in scores:
            facts.update(s.facts)
            types.update(s.types)
        checked = sum(s.evidence_checked for s in scores)

        def share(n: int) -> float | None:
            return round(n / checked, 4) if checked else None

        def scores_of(tally: Tally, name: str) -> Scores:
            return Scores(tally[(name, "tp")], tally[(name, "fp")], tally[(name, "fn")])

        def total(tally: Tally) -> Scores:
            sums: Counter[str] = Counter()
            for (_, outcome), n in tally.items():
                sums[outcome] += n
            return Scores(sums["tp"], sums["fp"], sums["fn"])

        return cls(
            documents=len(scores),
            predictions=sum(s.predictions for s in scores),
            unreadable_lines=unreadable_lines,
            facts=total(facts),
            events=total(types),
            evidence=EvidenceScores(checked, share(sum(s.spans_valid for s in scores)),
                                    share(sum(s.numbers_supported for s in scores))),
            by_type={t: scores_of(types, t) for t in sorted({t for t, _ in types}, key=str)},
            by_slot={s: scores_of(facts, s) for s in sorted({s for s, _ in facts}, key=str)},
            misses=[m for s in scores for m in s.misses],
            document_scores=list(scores),
        )

    def by_group(self) -> dict[str, EvalReport]:
        """The report of each document group (id prefix: ``seed``, ``af``, ``ke``), in sorted order."""
        groups: dict[str, list[DocumentScore]] = defaultdict(list)
        for s in self.document_scores:
            groups[document_group(s.document_id)].append(s)
        return {g: EvalReport.of(groups[g]) for g in sorted(groups)}

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON, key for key that of ``score.py --json``."""
        return {
            "documents": self.documents, "predictions": self.predictions,
            "unreadable_lines": self.unreadable_lines,
            "facts": self.facts.to_dict(), "events": self.events.to_dict(),
            "evidence": self.evidence.to_dict(),
            "by_type": {t: v.to_dict() for t, v in self.by_type.items()},
            "by_slot": {s: v.to_dict() for s, v in self.by_slot.items()},
            "misses": list(self.misses),
        }

    def format_text(self, max_misses: int = 40) -> str:
        """The report as ``score.py`` prints it."""
        header, facts, events, evidence = self._headline()
        lines = [f"documents {self.documents}  predictions {self.predictions}  "
                 f"unreadable lines {self.unreadable_lines}", header, facts, events]
        lines += [_row(f"  type {t}", v) for t, v in self.by_type.items()]
        lines += [_row(f"  slot {s}", v) for s, v in self.by_slot.items()]
        lines.append(evidence)
        lines += ["  " + m for m in self.misses[:max_misses]]
        return "\n".join(lines) + "\n"

    def format_groups(self) -> str:
        """The headline lines of each document group (``--by-prefix``)."""
        lines: list[str] = []
        for group, r in self.by_group().items():
            lines += [f"group {group}: documents {r.documents}  predictions {r.predictions}", *r._headline()]
        return "\n".join(lines) + "\n"

    def _headline(self) -> list[str]:
        e = self.evidence
        return [f"{'':40}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}",
                _row("FACTS (headline)", self.facts), _row("events", self.events),
                f"evidence: {e.checked} checked, spans valid {e.spans_valid}, "
                f"numbers supported {e.numbers_supported}"]


def _row(name: str, s: Scores) -> str:
    d = s.to_dict()
    return f"{name[:40]:40}{d['precision']:7.3f}{d['recall']:7.3f}{d['f1']:7.3f}{s.tp:6}{s.fp:6}{s.fn:6}"


def evaluate(gold_dirs: Sequence[str | Path], predictions: str | Path | None = None, *,
             aliases: AliasTable | None = None) -> tuple[EvalReport, list[InputError]]:
    """Score the events of ``predictions`` (a JSON Lines file) against the gold folders, or,
    without one, extract the gold texts with sitrep and score that.

    Returns the report and the gold texts that could not be read.

    >>> report, failed = evaluate(["../shared/eval/dev"])  # doctest: +SKIP
    >>> report.facts.f1  # doctest: +SKIP
    0.61
    """
    gold = load_gold(gold_dirs)
    if not gold:
        raise UsageError(f"no gold files (*.json) in {', '.join(map(str, gold_dirs))}")
    if predictions is None:
        events, failed = extract_predictions(gold)
        unreadable = 0
    else:
        (events, unreadable), failed = read_predictions(predictions), []
    return Scorer(aliases).score(gold, events, unreadable), failed


__all__ = ["AliasTable", "DocumentScore", "EvalReport", "GoldDocument", "NameMatcher", "Scorer", "Scores",
           "check_evidence", "document_group", "evaluate", "extract_predictions", "fold", "load_gold",
           "merge_predictions", "numbers_written", "parse_predictions", "read_predictions"]
