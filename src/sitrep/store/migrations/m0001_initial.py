"""Migration 1: the first schema (documents, events, fused events, their links, findings).

Frozen: this file keeps the tables as they were at version 1, whatever ``schema.py``
becomes; a later change is a new migration that alters these tables.
"""
from __future__ import annotations

from sqlalchemy import (Column, Connection, DateTime, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, UniqueConstraint)

NAME = "initial schema"


def upgrade(conn: Connection) -> None:
    """Create the version-1 tables and indexes (schema_version is the runner's own)."""
    metadata = MetaData()
    Table(
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

    Table(
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

    Table(
        "fused_events", metadata,
        Column("id", String(40), primary_key=True),
        Column("type", String(40), nullable=False),
        Column("date", String(10)),
        Column("body", Text, nullable=False),  # the contract's fused-event JSON
        Index("ix_fused_events_type_date", "type", "date"),
        Index("ix_fused_events_date", "date"),
    )

    Table(
        "fusion_links", metadata,
        Column("fused_event_id", String(40), ForeignKey("fused_events.id"), primary_key=True),
        Column("event_id", String(40), ForeignKey("events.id"), primary_key=True),
        Column("claimed_by", Text, nullable=False),  # JSON list, as the contract's sources[].claimed_by
        Index("ix_fusion_links_event", "event_id"),
    )

    Table(
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
    metadata.create_all(conn)
