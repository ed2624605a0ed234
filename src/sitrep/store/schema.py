"""The store's tables as they are now (SQLAlchemy Core), for the queries of :mod:`sitrep.store`.

Tables are created and changed only by the versioned migrations in
:mod:`sitrep.store.migrations`; a test checks that migrating an empty database gives
exactly these tables, columns and indexes, so the two cannot drift apart.

Contract JSON is kept as text (not a JSON column type) so that it comes back byte for
byte, key order included, on SQLite and PostgreSQL alike. Dates are ISO strings
("YYYY-MM-DD"), so ranges compare as text on every backend.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Column, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Table, Text, UniqueConstraint)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", String(300), primary_key=True),
    Column("source", Text),  # the path or record it was read from
    Column("sha256", String(64), unique=True),  # of the UTF-8 text; NULL for failures
    Column("text", Text),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", String(200)),
    Column("published", String(10)),
    Column("reference_date", String(10)),
    Column("reference_date_source", String(20)),
    Column("year_hint", Integer),
    Column("language", String(20)),
    Column("boilerplate", Text),  # JSON list of [start, end]
    Column("warnings", Text),  # JSON list, as Document.warnings
    Column("status", String(10), nullable=False),  # 'ok' | 'failed'
    Column("reason", Text),  # why it failed
    Column("duplicate_of", String(300), ForeignKey("documents.id")),  # near-duplicate of an earlier one
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_reference_date", "reference_date"),
    Index("ix_documents_status", "status"),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(300), ForeignKey("documents.id"), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the document, so events() is stable
    Column("type", String(40), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(10)),
    Column("contract", Text, nullable=False),  # event_to_contract(), as written
    Column("evidence", Text, nullable=False),  # JSON: spans with their text, provenance of each value
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_date", "date"),
    Index("ix_events_document", "document_id", "seq"),
)

fused_events = Table(
    "fused_events", metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("date", String(10)),
    Column("body", Text, nullable=False),  # the contract's fused-event JSON
    Index("ix_fused_events_type_date", "type", "date"),
    Index("ix_fused_events_date", "date"),
)

fusion_links = Table(
    "fusion_links", metadata,
    Column("fused_event_id", String(40), ForeignKey("fused_events.id"), primary_key=True),
    Column("event_id", String(40), ForeignKey("events.id"), primary_key=True),
    Column("claimed_by", Text, nullable=False),  # JSON list, as the contract's sources[].claimed_by
    Index("ix_fusion_links_event", "event_id"),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject_id", String(300), nullable=False),  # an event, fused event or document id
    Column("document_id", String(300), ForeignKey("documents.id")),  # the document it came with, if any
    Column("code", String(80), nullable=False),
    Column("message", Text, nullable=False),
    UniqueConstraint("subject_id", "code", "message", name="uq_findings_subject_code_message"),
    Index("ix_findings_subject", "subject_id"),
    Index("ix_findings_document", "document_id"),
)

# Near-duplicate detection (sitrep.ingest.neardup): one MinHash signature per stored document,
# and its LSH band keys, looked up to find the stored documents a new one may be a copy of.
document_signatures = Table(
    "document_signatures", metadata,
    Column("document_id", String(300), ForeignKey("documents.id"), primary_key=True),
    Column("scheme", String(60), nullable=False),  # how it was made (sitrep.ingest.neardup.SCHEME)
    Column("shingles", Integer, nullable=False),  # how many distinct shingles the body has
    Column("signature", LargeBinary, nullable=False),  # MinHash values, little-endian unsigned 32-bit
)

signature_bands = Table(
    "signature_bands", metadata,
    Column("band_key", BigInteger, primary_key=True, autoincrement=False),
    Column("document_id", String(300), ForeignKey("documents.id"), primary_key=True),
)
