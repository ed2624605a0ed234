"""Document -> per-document events with evidence.

The pipeline splits the text into sentences (boilerplate left out), finds the
places once, runs every extractor over the shared :class:`DocContext`, then
checks each event's evidence: every span must lie inside the text, and every
number the event states must be written inside its evidence, or the number is
dropped rather than reported without support.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sitrep.extract.dates import DateCue, find_date
from sitrep.extract.text import Sentence, numbers_in, split_sentences
from sitrep.model import Document, Event, PlaceMention, Provenance, Span
from sitrep.normalize.fx import to_usd


@dataclass
class DocContext:
    """What every extractor of one document shares: its sentences, places and dates."""

    doc: Document
    sentences: list[Sentence]
    places: list[PlaceMention]
    _starts: list[int] = field(default_factory=list, repr=False)
    _place_starts: list[int] = field(default_factory=list, repr=False)
    # Date cues by sentence offsets: several extractors ask for the same sentence. The cache lives
    # and dies with this document's context, so nothing carries over to the next document.
    _dates: dict[tuple[int, int], DateCue | None] = field(default_factory=dict, repr=False)
    # Per-document scratch space for extractors' caches (keyed by the extractor's own names): it dies
    # with the context, unlike a module-level cache, so no document can see another's results.
    memo: dict[str, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]
        self.places.sort(key=lambda p: p.start)
        self._place_starts = [p.start for p in self.places]

    @property
    def text(self) -> str:
        return self.doc.text

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        """Places lying wholly inside ``[start, end)``, in text order."""
        places = self.places
        i = bisect.bisect_left(self._place_starts, start)
        out: list[PlaceMention] = []
        while i < len(places) and places[i].start < end:
            if places[i].end <= end:
                out.append(places[i])
            i += 1
        return out

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def date_of(self, sentence: Sentence) -> DateCue | None:
        """The date cue of a sentence against the document's reference date (or year), once per sentence."""
        key = (sentence.start, sentence.end)
        if key in self._dates:
            return self._dates[key]
        ref = self.doc.reference_date
        cue = self._dates[key] = find_date(sentence.text, ref, self.doc.year_hint if ref is None else None)
        return cue


Extractor = Callable[[DocContext], list[Event]]


def _extractors() -> list[Extractor]:
    from sitrep.extract import politics, violence
    return [violence.extract, politics.extract]


def build_context(doc: Document) -> DocContext:
    from sitrep.normalize.places import find_places

    sentences = split_sentences(doc.text, doc.boilerplate)
    places = [p for s in _blocks(sentences) for p in find_places(doc.text, s.start, s.end)]
    return DocContext(doc, sentences, places)


def _blocks(sentences: list[Sentence]) -> Iterable[Span]:
    """Runs of adjacent sentences, so that place search never reads boilerplate."""
    start = end = None
    for s in sentences:
        if start is None:
            start, end = s.start, s.end
        elif s.start - end <= 3:
            end = s.end
        else:
            yield Span(start, end)
            start, end = s.start, s.end
    if start is not None:
        yield Span(start, end)


def extract_events(doc: Document) -> list[Event]:
    """All events of one document, checked and in text order.

    >>> from sitrep.model import Document
    >>> [e.type for e in extract_events(Document("d", "Russia launched 20 drones overnight."))][:1]
    ['aerial_attack']
    """
    ctx = build_context(doc)
    events: list[Event] = []
    for extractor in _extractors():
        events.extend(extractor(ctx))
    checked = [e for e in (check_evidence(e, doc.text) for e in events) if e is not None]
    for e in checked:
        convert_amount(e, doc)
    seen: set[str] = set()
    out: list[Event] = []
    for e in sorted(checked, key=lambda e: (min(s.start for s in e.evidence), e.type)):
        eid = e.id  # a content hash of the whole event: computed once here, not twice
        if eid not in seen:
            seen.add(eid)
            out.append(e)
    return out


def _numbers(e: Event) -> list[tuple[str, float]]:
    """(provenance path, value) of every number the event states."""
    nums: list[tuple[str, float]] = []
    for name in ("killed", "injured", "amount_usd"):
        v = getattr(e, name)
        if v is not None:
            nums.append((name, v))
    if e.amount is not None:
        nums.append(("amount", e.amount.value))
    for i, w in enumerate(e.weapons):
        for k in ("launched", "intercepted", "suppressed"):
            v = getattr(w, k)
            if v is not None:
                nums.append((f"weapons[{i}].{k}", v))
    return nums


def _drop(e: Event, path: str) -> None:
    if path.startswith("weapons["):
        i, k = path[len("weapons["):].split("].")
        setattr(e.weapons[int(i)], k, None)
    elif path == "amount":
        e.amount = None
    else:
        setattr(e, path, None)
    e.provenance.pop(path, None)


def check_evidence(e: Event, text: str) -> Event | None:
    """Make the evidence cover every number the event states: add the span the number came
    from, or drop a number that no span supports. An event without valid evidence is dropped."""
    spans = [s for s in e.evidence if 0 <= s.start < s.end <= len(text)]
    if not spans:
        return None
    e.evidence = spans
    nums = _numbers(e)
    if not nums:
        return e
    # The numbers the evidence writes, read once and grown only when a span is added.
    said = numbers_in(" ".join(text[s.start:s.end] for s in e.evidence))
    for path, value in nums:
        if round(value) in said:
            continue
        prov = e.provenance.get(path)
        if prov is not None and prov.span.end <= len(text) and round(value) in numbers_in(prov.span.text(text)):
            e.evidence.append(prov.span)
            said = numbers_in(" ".join(text[s.start:s.end] for s in e.evidence))
            continue
        _drop(e, path)
    return e


def convert_amount(e: Event, doc: Document) -> None:
    """Give an amount the text states in another currency its value in US dollars, at the ECB rate
    of the event's day (else the document's). A dollar figure the text states wins: nothing is added."""
    if e.amount is None or e.amount_usd is not None or e.amount.currency == "USD":
        return
    day = dt.date.fromisoformat(e.date) if e.date else doc.reference_date
    conversion = to_usd(e.amount.value, e.amount.currency, day)
    if conversion is None:
        return
    e.amount_usd_converted = conversion
    source = e.provenance.get("amount")
    e.provenance["amount_usd_converted"] = Provenance(source.span if source else e.evidence[0], "fx.ecb_rate_of_the_day")


__all__ = ["DocContext", "build_context", "check_evidence", "extract_events"]
