"""Migration 2: near-duplicate signatures (MinHash) and their LSH band keys.

Frozen: this file keeps the tables as they were at version 2, whatever ``schema.py`` becomes.
Documents stored before this version have no signature; ``sitrep ingest`` computes the missing
ones before it reads anything new (:func:`sitrep.store.signatures.missing`).
"""
from __future__ import annotations

from sqlalchemy import BigInteger, Column, Connection, ForeignKey, Integer, LargeBinary, MetaData, String, Table

NAME = "near-duplicate signatures"


def upgrade(conn: Connection) -> None:
    """Create ``document_signatures`` (one MinHash signature per stored document) and
    ``signature_bands`` (its band keys, looked up to find candidate copies)."""
    metadata = MetaData()
    # The referenced table, as migration 1 left it (only its key is needed for the foreign keys).
    Table("documents", metadata, Column("id", String(300), primary_key=True))
    Table(
        "document_signatures", metadata,
        Column("document_id", String(300), ForeignKey("documents.id"), primary_key=True),
        Column("scheme", String(60), nullable=False),  # how it was made (sitrep.ingest.neardup.SCHEME)
        Column("shingles", Integer, nullable=False),  # how many distinct shingles the body has
        Column("signature", LargeBinary, nullable=False),  # MinHash values, little-endian unsigned 32-bit
    )
    Table(
        "signature_bands", metadata,
        Column("band_key", BigInteger, primary_key=True, autoincrement=False),
        Column("document_id", String(300), ForeignKey("documents.id"), primary_key=True),
    )
    metadata.create_all(conn, tables=[metadata.tables["document_signatures"], metadata.tables["signature_bands"]])
