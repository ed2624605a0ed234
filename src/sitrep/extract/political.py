"""What the political extractors share: actor mentions per sentence, quotations, dates and places.

Built once per document from the pipeline's :class:`~sitrep.extract.DocContext`, so that every
political extractor reads the same actors and the same quotations.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.dates import find_date
from sitrep.extract.text import Sentence
from sitrep.model import Event, Location, PlaceMention, Span
from sitrep.normalize.actors import ActorMention, find_actors

if TYPE_CHECKING:
    from sitrep.extract import DocContext

# Multinational bodies stand for themselves as donors, imposers and parties.
BLOCS = {"NATO": "NATO", "EU": "EU"}

_SAME_DAY = re.compile(r"\b(?:the|that)\s+same\s+day\b", re.I)
_OPEN = "“\"«„"
_CLOSE = "”\"»“"
_REPORT_DAY = re.compile(r"\b(?:said|says|reported|announced|told|stated|claimed|wrote|added|confirmed)"
                         r"(?=\s+(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))", re.I)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words inside quotation marks: ``[start, end)`` excludes the marks."""

    start: int
    end: int
    text: str


_CAPWORD = re.compile(r"\b(?-i:[A-Z])[a-z][\w’'-]{2,}\b")
_OPENER = re.compile(r"(?:(?<=^)|(?<=[\s(\[{:—–\-‘']))[“\"«„](?=\S)")
_CLOSER = re.compile(r"[”\"»“](?!\w)")


def find_quotes(text: str) -> list[Quote]:
    """Quotations in ``text``. An opening mark follows a space, a bracket or a colon; a quotation
    left open at the end of a truncated text runs to its end."""
    out: list[Quote] = []
    pos = 0
    n = len(text)
    while True:
        m = _OPENER.search(text, pos)
        if m is None:
            return out
        i = m.start()
        line_end = text.find("\n", i)
        if line_end < 0:
            line_end = n
        c = _CLOSER.search(text, i + 2, line_end)
        if c is not None:
            j = c.start()
        elif not text[line_end:].strip():
            j = line_end  # cut off by the end of the text
        else:
            pos = i + 1
            continue
        body = text[i + 1:j].rstrip(" ,.;:")
        if body.strip():
            out.append(Quote(i + 1, i + 1 + len(body), body))
        pos = j + 1


# the dash may be a spaced hyphen: "JEDDAH/MOSCOW, March 12, 2025 - "
_DATELINE = re.compile(r"^\s*(?:[-•*]\s*)?[A-Z][A-Z.’'/ -]{2,40}(?:,[^—–\n]{0,60}?)?\s*(?:\([^)]{0,40}\)\s*)?(?:[—–]|(?<=\s)-(?=\s))\s*")


def dateline_end(text: str) -> int:
    """Where the dateline of a sentence ends ("BRUSSELS (Agency) — ", "JEDDAH, Saudi Arabia, March 11 — "), 0 without
    one: the places named there say where the report was filed, not who acted."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


class PoliticalContext:
    """One document's sentences with their actors, quotations and political dates."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.doc_id = ctx.doc.id
        self.sentences: list[Sentence] = ctx.sentences
        self.ref = ctx.doc.reference_date
        self.quotes = find_quotes(self.text)
        self.lower = [s.text.lower() for s in self.sentences]

    def has(self, i: int, words: tuple[str, ...]) -> bool:
        """Cheap keyword test on sentence ``i`` before any regex runs on it."""
        low = self.lower[i]
        for w in words:  # a plain loop: no generator to build on every call
            if w in low:
                return True
        return False

    @functools.cached_property
    def mentions(self) -> list[list[ActorMention]]:
        """Actors of each sentence; a surname alone ("Witkoff said") is the person named in full earlier."""
        out: list[list[ActorMention]] = []
        known: dict[str, ActorMention] = {}
        for s in self.sentences:
            ms = find_actors(self.text, s.start, s.end, date=self.ref)
            if known:
                extra = []
                for w in _CAPWORD.finditer(s.text):
                    full = known.get(w.group(0))
                    a, b = s.start + w.start(), s.start + w.end()
                    if full is not None and not any(m.start < b and a < m.end for m in ms):
                        extra.append(ActorMention(a, b, w.group(0), full.name, "person", full.side, full.actor, "doc.surname"))
                if extra:
                    ms = sorted(ms + extra, key=lambda m: m.start)
            for m in ms:
                if m.kind == "person" and " " in m.name and m.rule != "doc.surname":
                    last = m.name.split()[-1]
                    if len(last) >= 4 and last[0].isupper():
                        known[last] = m
            out.append(ms)
        return out

    def quotes_in(self, s: Sentence) -> list[Quote]:
        return [q for q in self.quotes if q.start < s.end and s.start < q.end]

    def date(self, s: Sentence, report_day: bool = True, at: int | None = None) -> tuple[str | None, str | None]:
        """The day a political event happened: "X said on Thursday" dates what X said or did on Thursday
        (``report_day``); for an arrest it dates only the report. ``at``: where in the sentence the event's
        words are, where the extractor knows."""
        cue = self.ctx.date_of(s)
        if cue is not None and cue.rule == "date.day_after":
            end = _clause_end(s.text, cue.end)
            if at is None or not cue.start <= at < end:
                # "X and Y spoke on Wednesday, a day after the call with Z": the day after dates Z's event, not
                # this sentence's own; the sentence keeps the day its words around that clause give (an event
                # told inside the clause, "a day after the talks in Istanbul", is the day before)
                cue = find_date(s.text[:cue.start] + s.text[end:], self.ref)
        if cue is None and report_day and self.ref is not None and _REPORT_DAY.search(s.text):
            cue = find_date(_REPORT_DAY.sub("xx", s.text), self.ref)
        if cue is None and self.ref is not None and _SAME_DAY.search(s.text):
            return self._day_told_before(s)
        if cue is None:
            return None, None
        return cue.date.isoformat(), cue.precision

    def _day_told_before(self, s: Sentence) -> tuple[str | None, str | None]:
        """"The same day, ...": the day of the sentences just before, the day a report there was made ("Zakharova
        said on Tuesday, commenting on the package adopted on Monday") before any other day they name."""
        k = self.ctx.sentence_index(s.start)
        for j in range(k - 1, max(-1, k - 4), -1):
            prev = self.sentences[j]
            said = _REPORT_DAY.search(prev.text)
            if said is not None:
                cue = find_date(prev.text[said.end():said.end() + 30], self.ref)
                if cue is not None:
                    return cue.date.isoformat(), cue.precision
            cue = self.ctx.date_of(prev)
            if cue is not None:
                return cue.date.isoformat(), cue.precision
        return None, None

    def places(self, s: Sentence) -> list[PlaceMention]:
        return self.ctx.places_in(s.start, s.end)

    def place_after(self, s: Sentence, words: str = r"in|at|to", end: int | None = None) -> Location | None:
        """The place a sentence puts its event at: the first place after "in"/"at"/"to" (before ``end``, an
        offset into the sentence, where given); a settlement before the country it lies in ("in Riga, Latvia")."""
        best: PlaceMention | None = None
        for p in self.places(s):
            if end is not None and p.start - s.start >= end:
                continue
            before = self.text[max(s.start, p.start - 40):p.start]
            if not re.search(rf"\b(?:{words})\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}$", before, re.I):
                continue
            if re.search(r"\b(?:up|down|due|thanks|according|close|next)\s+to\s+(?:the\s+)?$", before, re.I):
                continue  # "it was now up to the United States": a party named, not a place
            if best is None:
                best = p
            elif best.kind == "country" and p.kind != "country":
                best = p
        return best.location() if best else None

    def event(self, etype: str, s: Sentence, rule: str, confidence: float = 0.6, report_day: bool = True,
              at: int | None = None) -> Event:
        """A new event of this document evidenced by sentence ``s``, dated from it (``at``: where its words are)."""
        date, precision = self.date(s, report_day, at)
        e = Event(self.doc_id, etype, [s.span], date=date, date_precision=precision, confidence=confidence)
        e.provenance["type"] = _prov(s.span, rule)
        return e


def _clause_end(text: str, at: int) -> int:
    """Where the clause that runs on from ``at`` ends: the next comma, semicolon or the sentence's end."""
    m = re.compile(r"[,;]").search(text, at)
    return m.start() if m else len(text)


def _prov(span: Span, rule: str):
    from sitrep.model import Provenance
    return Provenance(span, rule)


def actor_value(m: ActorMention) -> str:
    """How an actor is written in an event: a person or body by full name, a country by ISO code."""
    return m.name if m.kind != "country" else m.side or m.name


def country_value(m: ActorMention) -> str | None:
    """The country (or bloc) an actor stands for: a country itself, a government body's side,
    a multinational body by its own code."""
    if m.kind == "country":
        return m.side
    if m.name in BLOCS:
        return BLOCS[m.name]
    return m.side
