"""The whole path for a batch: read, skip what is stored, link copies, extract, check, store, fuse.

:func:`ingest_paths` is what ``sitrep ingest`` runs. For each document read (the same inputs
as ``sitrep extract``: files, folders, ``.txt``/``.html``/``.jsonl``):

1. a document that cannot be read is recorded as a failure with its reason, and the batch
   goes on;
2. a document whose text is stored already (same content hash) is skipped, not extracted
   again: re-ingesting a folder costs its reading only, and changes nothing;
3. a near-duplicate (a syndicated copy, :mod:`sitrep.ingest.neardup`) of a stored document is
   linked to its original (``duplicate_of``, the copy stored first). It is still extracted
   and its events stored: an updated copy may carry a new figure, and fusion puts its events
   with the original's;
4. its events are extracted and checked (:func:`sitrep.consistency.check_event`, and stale
   facts by :func:`sitrep.check.check_document`); the document, its events and the findings
   are stored with the other new documents of its batch (:data:`BATCH`) in one transaction,
   so a killed run leaves no document half-written, and the next run stores what it lost;
5. :func:`sitrep.fuse.fuse_store` fuses every event not fused yet: at the end, and every
   :data:`FUSE_EVERY` new documents on the way. Fusing in batches (not per document) keeps
   ingest fast; the batches bound the memory fusion needs, however many documents a run
   reads. Fusion is incremental and order-free, so the batches change nothing in the result,
   and a run killed before fusing leaves its documents to be fused by the next run.

Findings are stored as found, never "fixed".
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TextIO

from sitrep.errors import InputError
from sitrep.fuse import FuseResult, fuse_store
from sitrep.ingest.neardup import Fingerprint, compare, estimate_jaccard, fingerprint
from sitrep.model import Document, Finding, event_to_contract
from sitrep.store import NewDocument, Store, content_sha256
from sitrep.store import signatures

__all__ = ["BATCH", "BATCH_SECONDS", "FUSE_EVERY", "Failure", "IngestSummary", "Progress", "count_inputs",
           "find_original", "findings_of", "ingest_paths"]

# Candidates whose signatures agree in fewer bins than this, or promise less containment, are not
# worth reading back (the full test asks for Jaccard 0.3 and containment 0.8).
MIN_ESTIMATE = 0.2
MIN_ESTIMATED_CONTAINMENT = 0.6
# At most this many candidates (the most similar first) are compared in full with a new document.
MAX_COMPARED = 3
# Fuse after this many new documents (and at the end): fusion's memory grows with the events it
# fuses at once, and so does its time, as a pass re-fuses every stored event of a type that the new
# events are a quarter or more of. Fusing 2,000 news-length documents (14,000 events) in one pass
# instead of two saves 2.8 ms a document, and the ingest's peak memory stays as it was (162 MB).
FUSE_EVERY = 2000
# New documents are stored this many at a time, in one transaction, or those read in this many
# seconds where fewer: a commit per document cost more than storing it.
BATCH = 50
BATCH_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input) that could not be read or processed, and why."""

    source: str
    reason: str


@dataclass
class IngestSummary:
    """What one ingest run did, for the person who ran it.

    ``read`` counts documents read (new, duplicate or not); ``new`` those stored by this run,
    ``near_duplicate`` of them linked to an original; ``duplicate`` those skipped because their
    text was stored already; ``failed`` lists what could not be read or processed. ``events``
    and ``findings`` are what this run stored with its documents. ``fused_events`` is the
    store's count after fusing (``fused_before``, before the run); ``fusion`` what this run's
    fusion passes did, summed (events newly fused, fused events written and replaced, their
    findings). ``signed`` counts stored documents whose missing near-duplicate
    signature was made again (a run killed before writing them). ``timings`` splits the wall
    time by stage (seconds).
    """

    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: list[Failure] = field(default_factory=list)
    events: int = 0
    findings: int = 0
    fused_events: int = 0
    fused_before: int = 0
    fusion: FuseResult = field(default_factory=FuseResult)
    signed: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def exit_status(self) -> int:
        """0, unless no document at all could be read (1): the rule of ``sitrep extract``."""
        return 1 if self.read == 0 else 0

    def format(self) -> str:
        """The summary as a few lines of text (failures listed with their reasons)."""
        rate = f" ({self.read / self.seconds:,.1f} a second)" if self.seconds > 0 and self.read else ""
        lines = [f"sitrep: {_n(self.read, 'document')} read in {self.seconds:,.1f} s{rate}"]
        near = f" ({self.near_duplicate:,} of them near-duplicates, linked to their original)" \
            if self.near_duplicate else ""
        lines.append(f"  new: {self.new:,}{near}")
        lines.append(f"  duplicate (stored already, skipped): {self.duplicate:,}")
        lines.append(f"  failed: {len(self.failed):,}")
        lines.extend(f"    {f.source}: {f.reason}" for f in self.failed)
        lines.append(f"  events stored: {self.events:,}; findings: {self.findings:,}")
        fu = self.fusion
        lines.append(f"  fused events in the store: {self.fused_events:,} ({self.fused_events - self.fused_before:+,}; "
                     f"this run fused {_n(fu.new_events, 'new event')}: {_n(fu.written, 'fused event')} written, "
                     f"{fu.removed:,} replaced; findings: {fu.findings:,})")
        if self.read == 0:
            lines.append(f"sitrep: no document could be read ({len(self.failed)} failed)")
        return "\n".join(lines)


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class Progress:
    """A one-line progress bar on a terminal stream: count, rate and time left, redrawn in place.

    Redrawn at most ten times a second (a terminal write costs more than a small document);
    :meth:`close` clears the line so that the summary starts on a clean one.
    """

    INTERVAL = 0.1
    WIDTH = 24

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.started = time.perf_counter()
        self._drawn = 0.0
        self._width = 0

    def step(self, n: int = 1) -> None:
        """Count ``n`` more items done; redraw if the last drawing is old enough."""
        self.done += n
        now = time.perf_counter()
        if now - self._drawn >= self.INTERVAL:
            self._drawn = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line as drawn: ``[#####-----] 120/500 documents  38.2/s  0:10 left``."""
        now = time.perf_counter() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        total = max(self.total or 0, self.done)
        if self.total:
            filled = int(self.WIDTH * self.done / total)
            bar = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {self.done:,}/{total:,}"
            left = (total - self.done) / rate if rate > 0 else None
            eta = f"  {_clock(left)} left" if left is not None else ""
        else:
            bar, eta = f"{self.done:,}", ""
        return f"{bar} documents  {rate:,.1f}/s{eta}"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        pad = " " * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()

    def close(self) -> None:
        """Clear the line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def count_inputs(paths: Iterable[str | Path]) -> int:
    """About how many items :func:`~sitrep.ingest.read_documents` will yield: one a file, one a JSONL line.

    For the progress bar's total only (a cheap pass: JSONL files are counted, not parsed).
    """
    from sitrep.ingest.files import JSONL_SUFFIXES, iter_input_files

    n = 0
    for item in iter_input_files(paths):
        if isinstance(item, Path) and item.suffix.lower() in JSONL_SUFFIXES:
            try:
                with item.open("rb") as fh:
                    n += sum(1 for line in fh if line.strip()) or 1
            except OSError:
                n += 1
        else:
            n += 1
    return n


def findings_of(doc: Document, contracts: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """The consistency findings of a document's events (their contract dicts), then its stale facts."""
    from sitrep.check import check_document
    from sitrep.consistency import check_event

    out: list[Finding] = []
    for c in contracts:
        out.extend(check_event(c, doc.reference_date))
    for f in check_document(doc):
        out.append(Finding(doc.id, "stale_fact", f"{f.text!r}: {f.reason}", doc.id))
    return out


def find_original(index: signatures.SignatureIndex, doc: Document, fp: Fingerprint, *,
                  flush: Callable[[], None] | None = None) -> str | None:
    """The stored document ``doc`` is a copy of (the original of its copies, the first stored), or None.

    Candidates come from the band index; those whose signatures promise enough overlap are
    read back, the most similar first, and compared in full (:func:`~sitrep.ingest.neardup.compare`).
    ``flush`` stores the documents held back, called before reading back one of them.
    """
    ranked = []
    for c in index.candidates(fp):
        if c.document_id == doc.id:
            continue
        jaccard = estimate_jaccard(fp.signature, c.signature)
        if jaccard >= MIN_ESTIMATE and _containment(jaccard, fp.shingles, c.shingles) >= MIN_ESTIMATED_CONTAINMENT:
            ranked.append((jaccard, c.document_id))
    ranked.sort(key=lambda p: (-p[0], p[1]))
    top = ranked[:MAX_COMPARED]
    if flush is not None and any(index.held(cid) for _, cid in top):
        flush()
    matches = []
    for _, cid in top:
        other = index.store.get_document(cid)
        if other is not None and compare(doc, other).duplicate:
            matches.append(cid)
    if not matches:
        return None
    return signatures.originals(index.store, matches)[0]


def _containment(jaccard: float, a: int, b: int) -> float:
    """The share of the smaller set inside the larger, from their Jaccard similarity and sizes."""
    if min(a, b) == 0:
        return 0.0
    return jaccard * (a + b) / (1 + jaccard) / min(a, b)


def _sign_missing(store: Store) -> int:
    """Sign stored documents that have no signature yet (a run killed before writing them, or older stores)."""
    signatures.purge_other_schemes(store)
    n = 0
    for ids in signatures.missing(store):
        batch = []
        for doc_id in ids:
            doc = store.get_document(doc_id)
            if doc is not None:
                batch.append((doc_id, fingerprint(doc)))
        n += signatures.save(store, batch)
    return n


class _Clock:
    """Seconds spent per stage, summed over the run."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.totals[stage] = self.totals.get(stage, 0.0) + now - self._last
        self._last = now


def _timed(items: Iterator[Any], clock: _Clock, stage: str) -> Iterator[Any]:
    """Items of ``items``, the time spent producing each booked to ``stage``."""
    while True:
        try:
            item = next(items)
        except StopIteration:
            clock.lap(stage)
            return
        clock.lap(stage)
        yield item


def ingest_paths(store: Store, paths: Iterable[str | Path] | str | Path, *, reference_date: dt.date | None = None,
                 progress: TextIO | None = None) -> IngestSummary:
    """Read, extract, check, store and fuse the documents of ``paths``; what was done, as a summary.

    ``reference_date`` is the date texts speak from where neither record, page nor text gives
    one. ``progress`` is a terminal stream for a progress bar (None: no bar).
    """
    from sitrep.extract import extract_events
    from sitrep.ingest import read_documents

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    started = time.perf_counter()
    summary = IngestSummary()
    clock = _Clock()
    summary.signed = _sign_missing(store)
    summary.fused_before = summary.fused_events = store.counts()["fused_events"]
    clock.lap("sign_missing")
    bar = Progress(progress, count_inputs(paths)) if progress is not None else None
    clock.lap("count_inputs")
    index = signatures.SignatureIndex(store)
    batch = _Batch(index, summary)
    fused_at = 0  # summary.new at the last fusion
    try:
        for chunk in _chunks(_timed(read_documents(paths, reference_date=reference_date), clock, "read"), BATCH):
            known = _Known.of(store, [d for d in chunk if not isinstance(d, InputError)])
            clock.lap("store")
            # the new documents' fingerprints, and their candidates read in one query
            fps = {id(d): fingerprint(d) for d in chunk
                   if not isinstance(d, InputError) and content_sha256(d.text) not in known.hashes}
            index.prefetch(fps.values())
            clock.lap("near_duplicates")
            for item in chunk:
                if isinstance(item, InputError):
                    batch.fail(item.document, item.reason)
                else:
                    _ingest_one(index, batch, known, item, fps.get(id(item)), summary, clock, extract_events)
                if batch.due():
                    batch.flush()
                clock.lap("store")
                if summary.new - fused_at >= FUSE_EVERY:
                    _fuse(store, summary, batch.stored)
                    fused_at = summary.new
                    clock.lap("fuse")
                if bar is not None:
                    bar.step()
            batch.flush()
            clock.lap("store")
    finally:
        if bar is not None:
            bar.close()
        batch.flush()  # what was read whole is kept, whatever stopped the run
        clock.lap("store")
    _fuse(store, summary, batch.stored)
    clock.lap("fuse")
    summary.seconds = time.perf_counter() - started
    summary.timings = clock.totals
    return summary


def _chunks(items: Iterator[Any], n: int) -> Iterator[list[Any]]:
    """Lists of ``n`` items (the last one shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class _Known:
    """Content hashes and ids taken already (stored, or held back to be), looked up a chunk of
    documents at a time: one query where one per document cost more than the check."""

    hashes: set[str]
    ids: set[str]

    @classmethod
    def of(cls, store: Store, docs: list[Document]) -> _Known:
        hashes, ids = store.stored_of([content_sha256(d.text) for d in docs], [d.id for d in docs])
        return cls(hashes, ids)


class _Batch:
    """New documents held back to be stored together (:meth:`~sitrep.store.Store.add_documents`).

    One transaction (one commit) for :data:`BATCH` documents, or those read in
    :data:`BATCH_SECONDS`, instead of one each: all of a batch is stored or none of it, so a
    killed run still leaves no document half-written and the next run stores what it lost. Their
    fingerprints are written after them (:class:`~sitrep.store.signatures.SignatureIndex`), and
    a failure is recorded only after the documents read before it, as one at a time would.
    """

    def __init__(self, index: signatures.SignatureIndex, summary: IngestSummary) -> None:
        self.index, self.store, self.summary = index, index.store, summary
        self.items: list[NewDocument] = []
        self.started = 0.0
        self.stored: dict[str, dict[str, Any]] = {}  # contract dicts of the events stored since fusing, by id

    def add(self, item: NewDocument) -> None:
        if not self.items:
            self.started = time.perf_counter()
        self.items.append(item)

    def due(self) -> bool:
        return len(self.items) >= BATCH or bool(self.items) and time.perf_counter() - self.started >= BATCH_SECONDS

    def flush(self) -> None:
        """Store the documents held back, then their fingerprints; count them in the summary."""
        items, self.items = self.items, []
        summary = self.summary
        try:
            results = self.store.add_documents(items)
        except BaseException:  # nothing of the batch is stored: neither are its fingerprints
            for item in items:
                self.index.discard(item.doc.id)
            raise
        for item, result in zip(items, results):
            if result.status == "added":
                self.stored.update((c["id"], c) for c in item.contracts or ())
                summary.new += 1
                summary.near_duplicate += result.duplicate_of is not None
                summary.events += result.events
                summary.findings += result.findings
                continue
            # stored meanwhile by another writer (or under its id): not the document that was indexed
            self.index.discard(result.document_id)
            if result.status == "duplicate":
                summary.duplicate += 1
            else:
                self.fail(item.doc.source or item.doc.id, _conflict(item.doc.id))
        self.index.flush()

    def fail(self, source: str, reason: str) -> None:
        """Record a failure, after the documents held back."""
        if self.items:
            self.flush()
        self.store.add_failure(source, reason)
        self.summary.failed.append(Failure(source, reason))


def _conflict(document_id: str) -> str:
    return f"another text is stored under the id {document_id!r} (has the document changed since it was ingested?)"


def _ingest_one(index: signatures.SignatureIndex, batch: _Batch, known: _Known, doc: Document,
                fp: Fingerprint | None, summary: IngestSummary, clock: _Clock, extract: Any) -> None:
    summary.read += 1
    sha = content_sha256(doc.text)
    if sha in known.hashes:
        summary.duplicate += 1
        return
    clock.lap("store")
    if fp is None:
        fp = fingerprint(doc)
    original = find_original(index, doc, fp, flush=batch.flush)
    clock.lap("near_duplicates")
    try:
        events = extract(doc)
        clock.lap("extract")
        contracts = [event_to_contract(e) for e in events]  # built once: ids, checks and store all read them
        findings = findings_of(doc, contracts)
        clock.lap("check")
    except Exception as exc:  # one document's failure never stops the batch; it is recorded with its reason
        clock.lap("extract")
        batch.fail(doc.source or doc.id, f"extraction failed ({type(exc).__name__}: {exc})")
        return
    if doc.id in known.ids:
        batch.fail(doc.source or doc.id, _conflict(doc.id))
        return
    known.hashes.add(sha)
    known.ids.add(doc.id)
    batch.add(NewDocument(doc, events, contracts, findings, original, dt.datetime.now(dt.timezone.utc)))
    index.add(doc.id, fp)
    clock.lap("near_duplicates")


def _fuse(store: Store, summary: IngestSummary, stored: dict[str, dict[str, Any]]) -> None:
    """Fuse every event not fused yet, and add the counts to the summary. ``stored`` holds the
    contract dicts this run has stored since it last fused: fusion takes them instead of parsing
    the JSON just written (emptied here)."""
    done = fuse_store(store, parsed=stored)
    stored.clear()
    summary.fusion = FuseResult(**{f.name: getattr(summary.fusion, f.name) + getattr(done, f.name)
                                   for f in fields(FuseResult)})
    summary.fused_events = store.counts()["fused_events"]
