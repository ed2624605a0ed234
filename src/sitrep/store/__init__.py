"""The store: documents, their events, fused events and findings, in SQLite (or PostgreSQL).

Through SQLAlchemy 2 Core, so that a PostgreSQL URL works through the same code.
:func:`open_store` applies pending migrations (:mod:`sitrep.store.migrations`) and returns a
:class:`Store`. Every write is one transaction: a document is stored with all its events
and findings or not at all, so an interrupted run leaves nothing half-written and running
it again finishes the work.

>>> store = open_store(":memory:")
>>> store.schema_version() >= 1
True
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, Table, and_, bindparam, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.pool import StaticPool

from sitrep.errors import UsageError
from sitrep.model import Document, Event, Finding, Span, event_to_contract
from sitrep.store import schema
from sitrep.store.migrations import LATEST, current_version, migrate
from sitrep.store.schema import documents as t_documents
from sitrep.store.schema import events as t_events
from sitrep.store.schema import findings as t_findings
from sitrep.store.schema import fused_events as t_fused
from sitrep.store.schema import fusion_links as t_links

__all__ = [
    "AddResult", "DEFAULT_DB", "Finding", "LATEST", "NewDocument", "Store", "content_sha256", "database_url",
    "default_db_path", "insert_many", "open_store", "schema",
]

DEFAULT_DB = "sitrep.db"
ENV_DB = "SITREP_DB"

DateLike = dt.date | str | None
# Values per IN (...) list: far under every driver's limit on bound parameters.
_IN_CHUNK = 500
# Statements run for every document, built once (building a SQLAlchemy expression costs more than running it).
_BY_HASH = select(t_documents.c.id).where(t_documents.c.sha256 == bindparam("sha"))
_BEFORE_ADD = select(t_documents.c.id, t_documents.c.sha256, t_documents.c.status, t_documents.c.source).where(or_(
    t_documents.c.sha256 == bindparam("sha"), t_documents.c.id == bindparam("id"),
    and_(t_documents.c.status == "failed",
         or_(t_documents.c.id == bindparam("id"), t_documents.c.source == bindparam("source")))))
_INSERT_DOCUMENT = insert(t_documents)
_INSERT_EVENTS = insert(t_events)
_INSERT_FINDINGS = insert(t_findings)
_DELETE_LINKS = delete(t_links).where(t_links.c.fused_event_id.in_(bindparam("ids", expanding=True)))
_DELETE_FUSED = delete(t_fused).where(t_fused.c.id.in_(bindparam("ids", expanding=True)))
_DELETE_FINDINGS = delete(t_findings).where(t_findings.c.subject_id.in_(bindparam("ids", expanding=True)))


def default_db_path(explicit: str | None) -> str:
    """The database to use: ``--db PATH`` if given, else ``$SITREP_DB``, else ``sitrep.db`` here.

    An empty value counts as not given.

    >>> default_db_path("x.db")
    'x.db'
    """
    if explicit:
        return explicit
    return os.environ.get(ENV_DB) or DEFAULT_DB


def database_url(url_or_path: str | Path) -> str:
    """A SQLAlchemy URL: URLs (``postgresql+psycopg://...``) pass through, a path becomes SQLite.

    >>> database_url("postgresql://u@h/db")
    'postgresql://u@h/db'
    >>> database_url(":memory:")
    'sqlite://'
    """
    text = str(url_or_path)
    if "://" in text:
        return text
    if text == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def content_sha256(text: str) -> str:
    """The content hash a document is known by: SHA-256 of its text in UTF-8, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_document` did.

    ``status`` is ``"added"``; ``"duplicate"`` when a document of the same content hash is
    stored already (``duplicate_of`` names it, nothing is written); or ``"conflict"`` when
    another text is stored under the same id (nothing is written).
    """

    status: Literal["added", "duplicate", "conflict"]
    document_id: str
    events: int = 0
    findings: int = 0
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document to store (:meth:`Store.add_documents`) with its events, their contract dicts where
    the caller has them (built otherwise), its findings and the original it is a copy of, if any.

    ``ingested_at`` is when it counts as stored (now, if None): a caller holding documents back
    to write them together gives the time each was taken, so that "the first stored" of several
    copies stays the first one read.
    """

    doc: Document
    events: Sequence[Event]
    contracts: Sequence[dict[str, Any]] | None = None
    findings: Sequence[Finding] = ()
    duplicate_of: str | None = None
    ingested_at: dt.datetime | None = None


def _iso(value: DateLike) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dumps(value: Any) -> str:
    # Key order kept (the contract's order is fixed): byte-stable output on every backend.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _sqlite_engine(url: str) -> Engine:
    kwargs: dict[str, Any] = {}
    if url == "sqlite://":  # one in-memory database shared by every use of this engine
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **kwargs)

    # pysqlite starts transactions lazily and not before DDL; take over so that a migration
    # and a document's writes are each one real transaction (SQLAlchemy's documented recipe).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        # WAL: readers do not block the writer, and a commit costs no full sync. With
        # synchronous=NORMAL a killed process loses nothing committed (only a power cut may
        # lose the last commits, never leaving a half-written one).
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def open_store(url_or_path: str | Path) -> Store:
    """Open (creating if need be) the store at a path or SQLAlchemy URL, migrated to the latest version."""
    url = database_url(url_or_path)
    if url.startswith("sqlite:///"):
        parent = Path(url.removeprefix("sqlite:///")).parent
        if not parent.is_dir():
            raise UsageError(f"cannot create the database: no folder {parent}")
    engine = _sqlite_engine(url) if url.startswith("sqlite") else create_engine(url)
    try:
        migrate(engine)
    except DatabaseError as exc:  # not a database at all (a text file given as --db), or unreachable
        engine.dispose()
        raise UsageError(f"cannot open the store {url_or_path}: {exc.orig}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


# Placeholders of the DBAPI parameter styles that take a sequence (SQLite's qmark, psycopg's format).
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_many(conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[object, ...]]) -> None:
    """Insert many rows of plain values (text, numbers, bytes: no type SQLAlchemy converts) through the
    driver's own executemany: building a parameter dictionary per row, and SQLAlchemy's work on
    each, costs more than the insert for thousands of rows. Drivers of an unusual parameter style
    go through SQLAlchemy's insert."""
    if not rows:
        return
    mark = _MARKS.get(conn.dialect.paramstyle)
    if mark is None:
        conn.execute(insert(table), [dict(zip(columns, row)) for row in rows])
        return
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) "
                         f"VALUES ({', '.join([mark] * len(columns))})", rows)


def _evidence_json(e: Event, text: str) -> str:
    spans = sorted(set(e.evidence), key=lambda s: (s.start, s.end))
    return _dumps({
        "spans": [{"start": s.start, "end": s.end, "text": s.text(text)} for s in spans],
        "provenance": {path: {"start": p.span.start, "end": p.span.end, "rule": p.rule}
                       for path, p in sorted(e.provenance.items())},
    })


class Store:
    """Documents, per-document events, fused events and findings. Build it with :func:`open_store`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        """The version the database is migrated to."""
        with self.engine.connect() as conn:
            return current_version(conn)

    # -- documents -------------------------------------------------------------------------

    def has_hash(self, sha: str) -> bool:
        """Whether a document of this content hash (:func:`content_sha256`) is stored."""
        with self.engine.connect() as conn:
            return conn.execute(_BY_HASH, {"sha": sha}).first() is not None

    def stored_of(self, shas: Iterable[str], ids: Iterable[str]) -> tuple[set[str], set[str]]:
        """Which of these content hashes are stored, and which of these ids are stored documents:
        what :meth:`add_document` would find, asked for many documents in one query."""
        shas, ids = sorted(set(shas)), sorted(set(ids))
        d = t_documents.c
        found_shas: set[str] = set()
        found_ids: set[str] = set()
        with self.engine.connect() as conn:
            for k in range(0, max(len(shas), len(ids)), _IN_CHUNK):
                q = select(d.id, d.sha256).where(d.status == "ok", or_(
                    d.sha256.in_(shas[k:k + _IN_CHUNK]), d.id.in_(ids[k:k + _IN_CHUNK])))
                for r in conn.execute(q):
                    found_ids.add(r.id)
                    found_shas.add(r.sha256)
        return found_shas & set(shas), found_ids & set(ids)

    def add_document(self, doc: Document, events: Sequence[Event], *, findings: Iterable[Finding] = (),
                     duplicate_of: str | None = None, contracts: Sequence[dict[str, Any]] | None = None) -> AddResult:
        """Store a document with its events and findings in one transaction: all or nothing.

        ``contracts`` are the events' contract dicts (:func:`~sitrep.model.event_to_contract`), one
        per event, where the caller has them already; they are built here otherwise.

        A document whose content hash is stored already is a no-op reporting ``"duplicate"``.
        ``duplicate_of`` links a near-duplicate (a syndicated copy) to its stored original.
        A failure recorded earlier for the same source is replaced.
        """
        return self.add_documents([NewDocument(doc, events, contracts, tuple(findings), duplicate_of)])[0]

    def add_documents(self, items: Sequence[NewDocument]) -> list[AddResult]:
        """Store several documents, each with its events and findings, in one transaction: all or nothing.

        The result is what :meth:`add_document` of each in turn would give (a later copy of an
        earlier text is a duplicate of it), for one transaction instead of one per document: a
        batch of ingested documents costs one commit, and an interrupted run leaves every
        document of a batch stored or none. If another writer stores one of the texts meanwhile,
        the documents are stored again one by one.
        """
        items = list(items)
        if not items:
            return []
        alias: dict[str, str] = {}
        try:
            with self.engine.begin() as conn:
                return self._add_all(conn, items, alias)
        except IntegrityError as exc:
            if len(items) > 1:
                return [self._add_alone(it, alias) for it in items]
            return self._stored_meanwhile(items[0], alias, exc)

    def _add_alone(self, item: NewDocument, alias: dict[str, str]) -> AddResult:
        """One document in its own transaction."""
        try:
            with self.engine.begin() as conn:
                return self._add_all(conn, [item], alias)[0]
        except IntegrityError as exc:
            return self._stored_meanwhile(item, alias, exc)

    def _stored_meanwhile(self, item: NewDocument, alias: dict[str, str], exc: IntegrityError) -> AddResult:
        """A duplicate, where another writer stored the same text between our check and our insert."""
        with self.engine.connect() as conn:
            existing = conn.execute(_BY_HASH, {"sha": content_sha256(item.doc.text)}).scalar()
        if existing is None:
            raise exc
        alias[item.doc.id] = existing
        return AddResult("duplicate", item.doc.id, duplicate_of=existing)

    def _add_all(self, conn: Connection, items: Sequence[NewDocument], alias: dict[str, str]) -> list[AddResult]:
        """The writes of :meth:`add_documents` within ``conn``'s transaction.

        ``alias`` maps a document found to be a duplicate to the stored one, so that a later copy
        linked to it is linked to the text stored under another id instead.
        """
        shas = [content_sha256(it.doc.text) for it in items]
        # One look-up for all this needs to know: stored texts of the same hashes, documents under
        # the same ids, and failures recorded before for these documents or sources.
        stored_sha: dict[str, str] = {}
        ok_ids: set[str] = set()
        failed: dict[str, str | None] = {}  # failure id -> its source
        for r in self._before_add(conn, shas, [it.doc.id for it in items],
                                  [it.doc.source for it in items if it.doc.source is not None]):
            if r.status == "failed":
                failed[r.id] = r.source
            else:
                ok_ids.add(r.id)
                if r.sha256 is not None:
                    stored_sha[r.sha256] = r.id
        results: list[AddResult] = []
        doc_rows: list[dict[str, Any]] = []
        event_rows: list[dict[str, Any]] = []
        finding_groups: list[tuple[Sequence[Finding], str | None]] = []
        added: list[int] = []  # indexes in results of the documents written
        drop: list[str] = []
        for it, sha in zip(items, shas):
            doc = it.doc
            existing = stored_sha.get(sha)
            if existing is not None:
                alias[doc.id] = existing
                results.append(AddResult("duplicate", doc.id, duplicate_of=existing))
                continue
            if doc.id in ok_ids:
                results.append(AddResult("conflict", doc.id))
                continue
            # A retry that now succeeds: the failure recorded before is no longer true.
            # (A None source matches nothing, as SQL's NULL = NULL is not true.)
            gone = [fid for fid, src in failed.items() if fid == doc.id or (src is not None and src == doc.source)]
            for fid in gone:
                del failed[fid]
            drop.extend(gone)
            stored_sha[sha] = doc.id
            ok_ids.add(doc.id)
            duplicate_of = alias.get(it.duplicate_of, it.duplicate_of) if it.duplicate_of else None
            doc_rows.append(self._document_row(doc, sha, duplicate_of, it.ingested_at))
            n_events = self._event_rows(event_rows, doc, it.events, it.contracts)
            finding_groups.append((it.findings, doc.id))
            added.append(len(results))
            results.append(AddResult("added", doc.id, n_events, 0, duplicate_of))
        for i in range(0, len(drop), _IN_CHUNK):
            conn.execute(delete(t_documents).where(t_documents.c.status == "failed",
                                                   t_documents.c.id.in_(drop[i:i + _IN_CHUNK])))
        if doc_rows:
            conn.execute(_INSERT_DOCUMENT, doc_rows)
        if event_rows:  # one statement, many rows: far cheaper than one insert per event
            conn.execute(_INSERT_EVENTS, event_rows)
        for i, n in zip(added, self._insert_findings_of(conn, finding_groups)):
            r = results[i]
            results[i] = AddResult(r.status, r.document_id, r.events, n, r.duplicate_of)
        return results

    @staticmethod
    def _before_add(conn: Connection, shas: Sequence[str], ids: Sequence[str], sources: Sequence[str]) -> list[Any]:
        """Stored rows sharing a hash or an id with the documents to add, and failures of their ids or sources."""
        if len(shas) == 1:  # the usual single document: one statement compiled once
            return conn.execute(_BEFORE_ADD, {"sha": shas[0], "id": ids[0],
                                              "source": sources[0] if sources else None}).all()
        d = t_documents.c
        rows: dict[str, Any] = {}
        for k in range(0, len(shas), _IN_CHUNK):
            chunk = slice(k, k + _IN_CHUNK)
            q = select(d.id, d.sha256, d.status, d.source).where(or_(
                d.sha256.in_(shas[chunk]), d.id.in_(ids[chunk]),
                and_(d.status == "failed", d.source.in_(sources[chunk]))))
            rows.update((r.id, r) for r in conn.execute(q))
        return list(rows.values())

    @staticmethod
    def _document_row(doc: Document, sha: str, duplicate_of: str | None,
                      ingested_at: dt.datetime | None = None) -> dict[str, Any]:
        return {
            "id": doc.id, "source": doc.source, "sha256": sha, "text": doc.text, "title": doc.title,
            "url": doc.url, "outlet": doc.outlet, "published": _iso(doc.published),
            "reference_date": _iso(doc.reference_date), "reference_date_source": doc.reference_date_source,
            "year_hint": doc.year_hint, "language": doc.language,
            "boilerplate": _dumps([[s.start, s.end] for s in doc.boilerplate]),
            "warnings": _dumps(doc.warnings), "status": "ok", "reason": None,
            "duplicate_of": duplicate_of, "ingested_at": ingested_at or _now(),
        }

    @staticmethod
    def _event_rows(out: list[dict[str, Any]], doc: Document, events: Sequence[Event],
                    contracts: Sequence[dict[str, Any]] | None) -> int:
        """Add the rows of a document's events to ``out``; how many (an event said twice is one row)."""
        if contracts is None:
            contracts = [event_to_contract(e) for e in events]
        elif len(contracts) != len(events):
            raise ValueError(f"{len(contracts)} contracts given for {len(events)} events")
        seen: set[str] = set()
        for seq, (e, contract) in enumerate(zip(events, contracts)):
            if e.document_id != doc.id:
                raise ValueError(f"event of document {e.document_id!r} given with document {doc.id!r}")
            if contract["id"] in seen:  # the same event said twice: one record
                continue
            seen.add(contract["id"])
            out.append({
                "id": contract["id"], "document_id": doc.id, "seq": seq, "type": e.type,
                "date": contract["date"], "date_precision": contract["date_precision"],
                "contract": _dumps(contract), "evidence": _evidence_json(e, doc.text)})
        return len(seen)

    @classmethod
    def _insert_findings(cls, conn: Connection, findings: Iterable[Finding], document_id: str | None) -> int:
        """Insert the findings not stored yet (``document_id`` for those that name none); how many."""
        return cls._insert_findings_of(conn, [(list(findings), document_id)])[0]

    @staticmethod
    def _insert_findings_of(conn: Connection, groups: Sequence[tuple[Sequence[Finding], str | None]]) -> list[int]:
        """Insert the findings not stored yet (a finding is a fact about its subject: stored once), group
        by group, each group's findings that name no document given its ``document_id``; how many of each.

        The stored ones are read in one query per chunk of subjects, the new ones written in one statement.
        """
        counts = [0] * len(groups)
        subjects = sorted({f.subject_id for findings, _ in groups for f in findings})
        if not subjects:
            return counts
        present: set[tuple[str, str, str]] = set()
        for k in range(0, len(subjects), _IN_CHUNK):
            present.update(tuple(r) for r in conn.execute(
                select(t_findings.c.subject_id, t_findings.c.code, t_findings.c.message)
                .where(t_findings.c.subject_id.in_(subjects[k:k + _IN_CHUNK]))))
        rows = []
        for g, (findings, document_id) in enumerate(groups):
            for f in findings:
                key = (f.subject_id, f.code, f.message)
                if key in present:
                    continue
                present.add(key)
                counts[g] += 1
                rows.append({"subject_id": f.subject_id, "document_id": f.document_id or document_id,
                             "code": f.code, "message": f.message})
        if rows:
            conn.execute(_INSERT_FINDINGS, rows)
        return counts

    def add_failure(self, source: str, reason: str) -> None:
        """Record that ``source`` could not be read or processed, and why (recorded again: the reason is updated)."""
        fid = "failed-" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]
        with self.engine.begin() as conn:
            if conn.execute(select(t_documents.c.id).where(t_documents.c.id == fid)).first() is not None:
                conn.execute(update(t_documents).where(t_documents.c.id == fid).values(reason=reason))
                return
            conn.execute(insert(t_documents).values(id=fid, source=source, status="failed", reason=reason,
                                                    ingested_at=_now()))

    def add_findings(self, findings: Iterable[Finding]) -> int:
        """Store findings not tied to one new document (about fused events, say); returns how many were new."""
        with self.engine.begin() as conn:
            return self._insert_findings(conn, findings, None)

    # -- reading ---------------------------------------------------------------------------

    @staticmethod
    def _row_document(row: Any) -> Document:
        return Document(
            id=row.id, text=row.text, title=row.title, url=row.url, outlet=row.outlet,
            published=_date(row.published), reference_date=_date(row.reference_date),
            reference_date_source=row.reference_date_source, year_hint=row.year_hint,
            language=row.language or "en", source=row.source,
            boilerplate=tuple(Span(a, b) for a, b in json.loads(row.boilerplate or "[]")),
            warnings=json.loads(row.warnings or "[]"))

    def get_document(self, document_id: str) -> Document | None:
        """The stored document of this id, as a :class:`~sitrep.model.Document` (None if absent or failed)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t_documents).where(t_documents.c.id == document_id,
                                                         t_documents.c.status == "ok")).first()
        return None if row is None else self._row_document(row)

    def documents(self) -> list[dict[str, Any]]:
        """Stored documents, by id: the contract's document record, with ``source``, ``sha256``, ``duplicate_of``."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t_documents).where(t_documents.c.status == "ok")
                                .order_by(t_documents.c.id)).all()
        out = []
        for row in rows:
            rec = self._row_document(row).to_record()
            rec.update(source=row.source, sha256=row.sha256, duplicate_of=row.duplicate_of)
            out.append(rec)
        return out

    def failures(self) -> list[dict[str, Any]]:
        """Recorded failures, by source: ``{"source", "reason"}``."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t_documents.c.source, t_documents.c.reason)
                                .where(t_documents.c.status == "failed").order_by(t_documents.c.source)).all()
        return [{"source": r.source, "reason": r.reason} for r in rows]

    def events(self, type: str | None = None, date_from: DateLike = None, date_to: DateLike = None, *,
               document_id: str | None = None) -> list[dict[str, Any]]:
        """Per-document events as contract dicts, by document then order of extraction.

        ``date_from``/``date_to`` bound the event's date, both inclusive; an event with no date
        is left out when either is given.
        """
        q = select(t_events.c.contract).order_by(t_events.c.document_id, t_events.c.seq)
        if type is not None:
            q = q.where(t_events.c.type == type)
        if date_from is not None:
            q = q.where(t_events.c.date >= _iso(date_from))
        if date_to is not None:
            q = q.where(t_events.c.date <= _iso(date_to))
        if document_id is not None:
            q = q.where(t_events.c.document_id == document_id)
        with self.engine.connect() as conn:
            return [json.loads(c) for c in conn.execute(q).scalars()]

    def evidence(self, event_id: str) -> dict[str, Any] | None:
        """An event's evidence: ``{"spans": [{"start", "end", "text"}], "provenance": {path: {...}}}``."""
        with self.engine.connect() as conn:
            raw = conn.execute(select(t_events.c.evidence).where(t_events.c.id == event_id)).scalar()
        return None if raw is None else json.loads(raw)

    def findings(self, subject_id: str | None = None) -> list[dict[str, Any]]:
        """Stored findings ``{"subject_id", "document_id", "code", "message"}``, in the order stored."""
        q = select(t_findings).order_by(t_findings.c.id)
        if subject_id is not None:
            q = q.where(t_findings.c.subject_id == subject_id)
        with self.engine.connect() as conn:
            return [{"subject_id": r.subject_id, "document_id": r.document_id, "code": r.code,
                     "message": r.message} for r in conn.execute(q)]

    # -- fused events ----------------------------------------------------------------------

    def save_fused(self, records: Iterable[dict[str, Any]], *, replace_all: bool = False) -> int:
        """Store fused events (the contract's shape, with ``sources``) and their links, in one transaction.

        A record whose id is stored already replaces it. ``replace_all`` first removes every
        fused event, for a pass that fuses the whole store again. Returns how many were written.
        """
        n = 0
        with self.engine.begin() as conn:
            if replace_all:
                conn.execute(delete(t_links))
                conn.execute(delete(t_fused))
            for rec in records:
                fid = rec["id"]
                conn.execute(delete(t_links).where(t_links.c.fused_event_id == fid))
                conn.execute(delete(t_fused).where(t_fused.c.id == fid))
                conn.execute(insert(t_fused).values(id=fid, type=rec["type"], date=rec.get("date"),
                                                    body=_dumps(rec)))
                for src in rec.get("sources", []):
                    conn.execute(insert(t_links).values(fused_event_id=fid, event_id=src["event_id"],
                                                        claimed_by=_dumps(list(src.get("claimed_by") or []))))
                n += 1
        return n

    def fused_events(self, type: str | None = None, date_from: DateLike = None,
                     date_to: DateLike = None) -> list[dict[str, Any]]:
        """Fused events as stored, undated first, then by date and id; the date bounds are inclusive."""
        return [json.loads(b) for b in self.fused_bodies(type, date_from, date_to)]

    def fused_bodies(self, type: str | None = None, date_from: DateLike = None,
                     date_to: DateLike = None, *, batch: int = 1000) -> Iterator[str]:
        """The stored JSON text of each fused event, in :meth:`fused_events`' order and bounds.

        Read ``batch`` rows at a time, so that an export of a large store streams. Undated events
        come first on every backend (SQLite sorts NULL first, PostgreSQL only when told) and fall
        outside any date bound.
        """
        q = select(t_fused.c.body).order_by(t_fused.c.date.nulls_first(), t_fused.c.id)
        if type is not None:
            q = q.where(t_fused.c.type == type)
        if date_from is not None:
            q = q.where(t_fused.c.date >= _iso(date_from))
        if date_to is not None:
            q = q.where(t_fused.c.date <= _iso(date_to))
        with self.engine.connect() as conn:
            yield from conn.execution_options(yield_per=batch).execute(q).scalars()

    def fused_ids(self) -> list[str]:
        """Every fused event's id."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(t_fused.c.id)).scalars())

    def fused_of(self, event_id: str) -> str | None:
        """The id of the fused event a per-document event belongs to, if any."""
        with self.engine.connect() as conn:
            return conn.execute(select(t_links.c.fused_event_id).where(t_links.c.event_id == event_id)).scalar()

    # -- what fusion reads and writes (sitrep.fuse.fuse_store) -------------------------------

    def unfused_events(self, parsed: Mapping[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Per-document events (contract dicts) that no fused event holds yet, by id.

        ``parsed`` holds contract dicts the caller has already (as stored: those it has just
        written), by id: given back as they are instead of parsing their JSON."""
        parsed = parsed or {}
        q = (select(t_events.c.id, t_events.c.contract).outerjoin(t_links, t_links.c.event_id == t_events.c.id)
             .where(t_links.c.event_id.is_(None)).order_by(t_events.c.id))
        with self.engine.connect() as conn:
            return [parsed[i] if i in parsed else json.loads(c) for i, c in conn.execute(q)]

    def events_for_fusion(self, type: str, date_from: DateLike = None, date_to: DateLike = None, *,
                          undated: bool = False, parsed: Mapping[str, dict[str, Any]] | None = None
                          ) -> list[dict[str, Any]]:
        """Events of one type, by id, that fusion may compare: with ``date_from`` and ``date_to``,
        those counted as of a day in that range (dated to the day in it, or with no day-precise
        date in a document whose reference date is in it); with ``undated``, those with no
        day-precise date in a document with no date; with neither, every event of the type.

        ``parsed`` holds contract dicts the caller has read already, by id: given back as they
        are instead of parsing their JSON again."""
        if undated and (date_from is not None or date_to is not None):
            raise ValueError("events_for_fusion: undated events have no day to bound")
        parsed = parsed or {}

        def contracts(rows: Iterable[Any]) -> list[dict[str, Any]]:
            return [parsed[i] if i in parsed else json.loads(c) for i, c in rows]

        e, d = t_events, t_documents
        no_day = or_(e.c.date.is_(None), and_(e.c.date_precision.is_not(None), e.c.date_precision != "day"))
        q = select(e.c.id, e.c.contract).join(d, d.c.id == e.c.document_id).where(e.c.type == type)
        if undated:
            q = q.where(no_day, d.c.reference_date.is_(None))
        if date_from is not None and date_to is not None:
            # Two queries, each on its index (events by type and date; documents by reference date),
            # rather than one OR that reads every event of the type.
            lo, hi = _iso(date_from), _iso(date_to)
            dated = q.where(e.c.date >= lo, e.c.date <= hi,
                            or_(e.c.date_precision.is_(None), e.c.date_precision == "day"))
            in_docs = select(d.c.id).where(d.c.reference_date >= lo, d.c.reference_date <= hi)
            # the type compared through an expression, so that SQLite starts from the documents' dates
            by_doc = select(e.c.id, e.c.contract).where(e.c.document_id.in_(in_docs), no_day,
                                                        func.coalesce(e.c.type, "") == type)
            with self.engine.connect() as conn:
                rows = list(conn.execute(dated)) + list(conn.execute(by_doc))
            return sorted(contracts(rows), key=lambda c: c["id"])
        with self.engine.connect() as conn:
            return contracts(conn.execute(q.order_by(e.c.id)))

    def counts_by_type(self) -> dict[str, int]:
        """How many per-document events of each type are stored."""
        with self.engine.connect() as conn:
            return {t: n for t, n in conn.execute(select(t_events.c.type, func.count()).group_by(t_events.c.type))}

    def document_meta(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Document records without their text (what fusion and reports cite), by id; all when ``ids`` is None."""
        d = t_documents
        q = select(d.c.id, d.c.title, d.c.url, d.c.outlet, d.c.published, d.c.reference_date).where(d.c.status == "ok")
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            if ids is None:
                rows = list(conn.execute(q))
            else:
                wanted, rows = sorted(set(ids)), []
                q = q.where(d.c.id.in_(bindparam("ids", expanding=True)))  # compiled once, cached
                for i in range(0, len(wanted), 500):
                    rows.extend(conn.execute(q, {"ids": wanted[i:i + 500]}))
        for r in rows:
            out[r.id] = {"id": r.id, "title": r.title, "url": r.url, "outlet": r.outlet,
                         "published": r.published, "reference_date": r.reference_date}
        return out

    def fused_ids_of(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The fused event of each of these per-document events that has one: event id -> fused id."""
        wanted, out = sorted(set(event_ids)), {}
        q = select(t_links.c.event_id, t_links.c.fused_event_id).where(
            t_links.c.event_id.in_(bindparam("ids", expanding=True)))
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                out.update({r.event_id: r.fused_event_id for r in conn.execute(q, {"ids": wanted[i:i + 500]})})
        return out

    def replace_fused(self, remove: Iterable[str], records: Iterable[dict[str, Any]],
                      findings: Iterable[Finding] = ()) -> int:
        """In one transaction: drop the fused events ``remove`` (their links and the findings about
        them), store ``records`` (replacing any of the same id) and ``findings``. Returns how many
        records were written."""
        gone = sorted(set(remove))
        rows = list(records)
        n = 0
        with self.engine.begin() as conn:
            for i in range(0, len(gone), _IN_CHUNK):
                chunk = {"ids": gone[i:i + _IN_CHUNK]}
                conn.execute(_DELETE_LINKS, chunk)
                conn.execute(_DELETE_FUSED, chunk)
                conn.execute(_DELETE_FINDINGS, chunk)
            ids = [r["id"] for r in rows]
            for i in range(0, len(ids), _IN_CHUNK):
                chunk = {"ids": ids[i:i + _IN_CHUNK]}
                conn.execute(_DELETE_LINKS, chunk)
                conn.execute(_DELETE_FUSED, chunk)
            if rows:
                insert_many(conn, t_fused, ("id", "type", "date", "body"),
                            [(r["id"], r["type"], r.get("date"), _dumps(r)) for r in rows])
                insert_many(conn, t_links, ("fused_event_id", "event_id", "claimed_by"),
                            [(r["id"], src["event_id"], _dumps(list(src.get("claimed_by") or [])))
                             for r in rows for src in r.get("sources", [])])
                n = len(rows)
            self._insert_findings(conn, findings, None)
        return n

    def counts(self) -> dict[str, int]:
        """How many documents (ok, failed, near-duplicate), events, fused events and findings are stored."""
        with self.engine.connect() as conn:
            def count(table: Any, *where: Any) -> int:
                return conn.execute(select(func.count()).select_from(table).where(*where)).scalar() or 0
            return {
                "documents": count(t_documents, t_documents.c.status == "ok"),
                "failed": count(t_documents, t_documents.c.status == "failed"),
                "near_duplicates": count(t_documents, t_documents.c.duplicate_of.is_not(None)),
                "events": count(t_events),
                "fused_events": count(t_fused),
                "findings": count(t_findings),
            }
