"""Readers: files, folders, HTML and JSONL -> :class:`~sitrep.model.Document`.

``read_documents`` never raises for one bad document: it yields an
:class:`~sitrep.errors.InputError` in its place, so a batch always goes on.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import EmptyDocument, InputError, NotText
from sitrep.model import Document


def read_documents(paths: Iterable[str | Path], *, reference_date: dt.date | None = None
                   ) -> Iterator[Document | InputError]:
    """Documents of the given files and folders, in a stable order; bad ones as errors."""
    for path in paths:
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                raw = f.read_bytes()
                if not raw.strip():
                    raise EmptyDocument(str(f), "empty file")
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise NotText(str(f), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
                yield Document(id=f.stem, text=text, source=str(f), reference_date=reference_date,
                               reference_date_source="option" if reference_date else None)
            except InputError as err:
                yield err
