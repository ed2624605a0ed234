"""Readers: files, folders, HTML and JSONL -> :class:`~sitrep.model.Document`.

``read_documents`` never raises for one bad document: it yields an
:class:`~sitrep.errors.InputError` in its place, so a batch always goes on.

Offsets: ``Document.text`` is exactly what offsets point into. For ``.txt`` files and
JSONL records it is the text as decoded from UTF-8, a leading byte order mark
removed and nothing else changed; for HTML it is trafilatura's extracted text.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import DuplicateDocument, InputError
from sitrep.ingest.boilerplate import find_boilerplate
from sitrep.ingest.dates import DateFinding, find_reference_date
from sitrep.ingest.document import make_document
from sitrep.ingest.files import (HTML_SUFFIXES, JSONL_SUFFIXES, MAX_BYTES, decode_text, iter_input_files,
                                 read_bytes)
from sitrep.ingest.html import read_html
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.language import guess_language
from sitrep.ingest.outlets import outlet_in_text
from sitrep.model import Document

__all__ = [
    "DateFinding", "MAX_BYTES", "find_boilerplate", "find_reference_date", "guess_language",
    "make_document", "outlet_in_text", "read_documents", "read_file",
]


def read_documents(paths: Iterable[str | Path] | str | Path, *, reference_date: dt.date | None = None
                   ) -> Iterator[Document | InputError]:
    """Documents of the given files and folders, in a stable order; bad ones as errors.

    Folders are read recursively in sorted order. ``.txt`` gives one document named by the
    file's stem, ``.html``/``.htm`` one document of the page's article, ``.jsonl`` one document
    a line named by its "id". A file given explicitly with another extension is read as text.
    ``reference_date`` is used only where neither record, page nor text gives a date.
    A second document with an id already read is yielded as a :class:`DuplicateDocument`.

    >>> [d.id for d in read_documents([])]
    []
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: dict[str, str] = {}
    files_read: set[Path] = set()
    for item in iter_input_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        resolved = item.resolve()
        if resolved in files_read:  # the same file reached twice (a folder and a file in it): read once
            continue
        files_read.add(resolved)
        for doc in read_file(item, reference_date=reference_date):
            if isinstance(doc, Document):
                first = seen.setdefault(doc.id, doc.source or doc.id)
                if first != (doc.source or doc.id):
                    yield DuplicateDocument(doc.source or doc.id, f"id {doc.id!r} already used by {first}")
                    continue
            yield doc


def read_file(path: str | Path, *, reference_date: dt.date | None = None) -> Iterator[Document | InputError]:
    """The documents of one file, chosen by its extension (anything unknown is read as text)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, option_date=reference_date)
        return
    try:
        raw = read_bytes(path)
        if suffix in HTML_SUFFIXES:
            yield read_html(path, raw, option_date=reference_date)
        else:
            text = decode_text(raw, str(path))
            yield make_document(path.stem, text, source=str(path), option_date=reference_date)
    except InputError as err:
        yield err
