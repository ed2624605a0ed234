"""The store's side of near-duplicate detection: signatures and band keys, written and looked up.

A stored document has one row in ``document_signatures`` (its MinHash signature, see
:mod:`sitrep.ingest.neardup`) and, when it is long enough to be linked, one row per LSH band
in ``signature_bands``. A new document's candidates are the documents sharing a band key with
it: one indexed lookup, however many documents are stored.

A signature is derived data: it is written after its document, in batches
(:class:`SignatureIndex`). A run killed before a batch is written leaves documents without a
signature; :func:`missing` finds such documents (and those
stored before signatures existed, or whose signature :func:`purge_other_schemes` removed as
made by another scheme), and the pipeline signs them before it reads anything new, so no
document is ever compared against an incomplete index.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select

from sitrep.ingest.neardup import SCHEME, Fingerprint, pack, unpack
from sitrep.store import _MARKS, Store, insert_many
from sitrep.store.schema import document_signatures as t_signatures
from sitrep.store.schema import documents as t_documents
from sitrep.store.schema import signature_bands as t_bands

__all__ = ["Candidate", "SignatureIndex", "candidates", "fetch_bands", "missing", "originals", "purge_other_schemes", "save"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored document sharing at least one band key with a new one, with its signature."""

    document_id: str
    shingles: int
    signature: tuple[int, ...]


# Band keys per IN (...) list: far under every driver's limit on bound parameters.
_KEYS_CHUNK = 500


def save(store: Store, fingerprints: Iterable[tuple[str, Fingerprint]]) -> int:
    """Store new documents' fingerprints, band keys included, in one transaction; how many.

    The documents must have no signature yet (:func:`purge_other_schemes` removes outdated ones).
    """
    sig_rows: list[tuple[object, ...]] = []
    band_rows: list[tuple[object, ...]] = []
    for document_id, fp in fingerprints:
        sig_rows.append((document_id, SCHEME, fp.shingles, pack(fp.signature)))
        band_rows.extend((k, document_id) for k in sorted(set(fp.bands)))
    if sig_rows:
        with store.engine.begin() as conn:
            insert_many(conn, t_signatures, ("document_id", "scheme", "shingles", "signature"), sig_rows)
            insert_many(conn, t_bands, ("band_key", "document_id"), band_rows)
    return len(sig_rows)


class SignatureIndex:
    """The band index of a store, with this run's newest fingerprints held back and written in batches.

    A signature is derived data (made again from the stored text whenever it is missing), so
    it need not share its document's transaction: the caller writes them by :meth:`flush`, a
    batch at a time, once their documents are stored. Until written they are looked up here,
    so a copy later in the same run is still found. Call :meth:`flush` at the end too (a
    killed run loses only unwritten signatures, which the next run makes again: :func:`missing`).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: dict[str, Fingerprint] = {}
        self._pending_keys: dict[int, list[str]] = {}
        self._fetched: dict[int, list[Candidate]] = {}  # band key -> stored documents with it (prefetch)

    def prefetch(self, fps: Iterable[Fingerprint]) -> None:
        """Read the stored candidates of these fingerprints' band keys in one query (a chunk of new
        documents at a time, instead of a query each); :meth:`candidates` then answers from memory
        for them. Documents written by :meth:`flush` are added, so the answer stays the store's."""
        keys = sorted({k for fp in fps for k in fp.bands})
        self._fetched = {k: [] for k in keys}
        if keys:
            for key, cand in fetch_bands(self.store, keys):
                self._fetched[key].append(cand)

    def add(self, document_id: str, fp: Fingerprint) -> None:
        """Index a document's fingerprint (written by the next :meth:`flush`, after its document)."""
        self._pending[document_id] = fp
        for k in fp.bands:
            self._pending_keys.setdefault(k, []).append(document_id)

    def held(self, document_id: str) -> bool:
        """Whether this document's fingerprint is held back, not written yet."""
        return document_id in self._pending

    def discard(self, document_id: str) -> None:
        """Forget a held-back fingerprint (its document was not stored after all)."""
        fp = self._pending.pop(document_id, None)
        if fp is not None:
            for k in fp.bands:
                ids = self._pending_keys.get(k, [])
                if document_id in ids:
                    ids.remove(document_id)

    def flush(self) -> None:
        """Write the fingerprints held back (their documents must be stored)."""
        save(self.store, self._pending.items())
        for doc_id, fp in self._pending.items():
            for k in fp.bands:
                if k in self._fetched:
                    self._fetched[k].append(Candidate(doc_id, fp.shingles, fp.signature))
        self._pending.clear()
        self._pending_keys.clear()

    def candidates(self, fp: Fingerprint) -> list[Candidate]:
        """Documents, stored or held back, that share a band key with this fingerprint, by id."""
        if all(k in self._fetched for k in fp.bands):
            found = {c.document_id: c for k in fp.bands for c in self._fetched[k]}
        else:
            found = {c.document_id: c for c in candidates(self.store, fp)}
        if self._pending_keys:
            for k in fp.bands:
                for doc_id in self._pending_keys.get(k, ()):
                    if doc_id not in found:
                        p = self._pending[doc_id]
                        found[doc_id] = Candidate(doc_id, p.shingles, p.signature)
        return [found[k] for k in sorted(found)]


def purge_other_schemes(store: Store) -> int:
    """Remove signatures (and their band keys) made by another scheme than :data:`SCHEME`; how many.

    They cannot be compared with new ones; :func:`missing` then lists their documents for signing again.
    """
    old = select(t_signatures.c.document_id).where(t_signatures.c.scheme != SCHEME)
    with store.engine.begin() as conn:
        if conn.execute(old.limit(1)).first() is None:  # the usual case: no pass over the band index
            return 0
        conn.execute(delete(t_bands).where(t_bands.c.document_id.in_(old)))
        return conn.execute(delete(t_signatures).where(t_signatures.c.scheme != SCHEME)).rowcount or 0


_CANDIDATES = (
    select(t_signatures.c.document_id, t_signatures.c.shingles, t_signatures.c.signature)
    .where(t_signatures.c.document_id.in_(
        select(t_bands.c.document_id).where(t_bands.c.band_key.in_(bindparam("keys", expanding=True)))))
    .order_by(t_signatures.c.document_id))


def candidates(store: Store, fp: Fingerprint) -> list[Candidate]:
    """Stored documents sharing a band key with this fingerprint, by id (none for a text too short to link).

    Asked once per new document: through the driver where its parameter style is known (the
    statement is the same text every time), else through SQLAlchemy.
    """
    if not fp.bands:
        return []
    with store.engine.connect() as conn:
        mark = _MARKS.get(conn.dialect.paramstyle)
        if mark is None:
            rows = conn.execute(_CANDIDATES, {"keys": list(fp.bands)}).all()
        else:
            rows = conn.exec_driver_sql(
                f"SELECT document_id, shingles, signature FROM {t_signatures.name} WHERE document_id IN "
                f"(SELECT document_id FROM {t_bands.name} WHERE band_key IN ({', '.join([mark] * len(fp.bands))})) "
                "ORDER BY document_id", tuple(fp.bands)).all()
    return [Candidate(r[0], r[1], unpack(bytes(r[2]))) for r in rows]


def fetch_bands(store: Store, keys: Sequence[int]) -> list[tuple[int, Candidate]]:
    """Each stored document having one of these band keys, with the key: (key, candidate) pairs."""
    out: list[tuple[int, Candidate]] = []
    made: dict[str, Candidate] = {}  # a document sharing several keys is unpacked once
    q = (select(t_bands.c.band_key, t_signatures.c.document_id, t_signatures.c.shingles, t_signatures.c.signature)
         .join(t_signatures, t_signatures.c.document_id == t_bands.c.document_id)
         .where(t_bands.c.band_key.in_(bindparam("keys", expanding=True))))
    with store.engine.connect() as conn:
        for i in range(0, len(keys), _KEYS_CHUNK):
            for key, doc_id, shingles, sig in conn.execute(q, {"keys": list(keys[i:i + _KEYS_CHUNK])}):
                cand = made.get(doc_id)
                if cand is None:
                    cand = made[doc_id] = Candidate(doc_id, shingles, unpack(bytes(sig)))
                out.append((key, cand))
    return out


def originals(store: Store, document_ids: Iterable[str]) -> list[str]:
    """The originals of these documents (a near-duplicate's ``duplicate_of``, else itself), the first stored first.

    "First stored" is the order of ``ingested_at``, ties broken by id, so that one copy of a
    story is the original of every other.
    """
    ids = sorted(set(document_ids))
    if not ids:
        return []
    d = t_documents.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(d.id, d.duplicate_of).where(d.id.in_(ids))).all()
        roots = sorted({r.duplicate_of or r.id for r in rows})
        if not roots:
            return []
        order = conn.execute(select(d.id, d.ingested_at).where(d.id.in_(roots))).all()
    stamp: dict[str, dt.datetime] = {r.id: r.ingested_at for r in order}
    return sorted(stamp, key=lambda i: (stamp[i], i))


def missing(store: Store, *, batch: int = 500) -> Iterable[Sequence[str]]:
    """Ids of stored documents with no signature, a batch at a time, by id."""
    d, s = t_documents.c, t_signatures.c
    after = ""
    while True:
        q = (select(d.id).outerjoin(t_signatures, s.document_id == d.id)
             .where(d.status == "ok", s.document_id.is_(None), d.id > after).order_by(d.id).limit(batch))
        with store.engine.connect() as conn:
            ids = list(conn.execute(q).scalars())
        if not ids:
            return
        yield ids
        after = ids[-1]
