"""JSON Lines: one document a line, ``{"id", "text"}`` plus optional ``published``, ``url``, ``title``, ``outlet``."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.errors import BadRecord, InputError, NotFound, NotText, TooLarge, Unreadable
from sitrep.ingest.dates import parse_date_value
from sitrep.ingest.document import make_document
from sitrep.ingest.files import MAX_BYTES
from sitrep.model import Document

_OPTIONAL_TEXT = ("url", "title", "outlet")


def read_jsonl(path: Path, *, option_date: dt.date | None = None) -> Iterator[Document | InputError]:
    """The documents of a JSON Lines file, one a line; a bad line is a :class:`BadRecord` naming ``file:line``.

    The file is streamed, so its size is not limited; one record is (``MAX_BYTES``).
    Blank lines are skipped. ``text`` is the record's "text" exactly as decoded.
    """
    name = str(path)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        yield NotFound(name, "no such file or folder")
        return
    except PermissionError:
        yield Unreadable(name, "permission denied")
        return
    except OSError as exc:
        yield Unreadable(name, f"cannot be read ({exc.strerror or exc})")
        return
    records = 0
    with fh:
        for number, raw in enumerate(_lines(fh), 1):
            where = f"{name}:{number}"
            if len(raw) > MAX_BYTES:
                yield TooLarge(where, f"record over the {MAX_BYTES // 1_048_576} MB limit")
                continue
            if not raw.strip():
                continue
            records += 1
            try:
                yield _record(raw, where, number, option_date)
            except InputError as err:
                yield err
    if records == 0:
        yield BadRecord(name, "no records (the file is empty)")


def _lines(fh: Any) -> Iterator[bytes]:
    # Reading in bounded pieces keeps a single enormous line from filling memory.
    while True:
        line = fh.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                rest = fh.readline(MAX_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _record(raw: bytes, where: str, number: int, option_date: dt.date | None) -> Document:
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(where, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); convert the file to UTF-8") from None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(where, f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise BadRecord(where, f"a JSON {type(rec).__name__}, not an object with \"id\" and \"text\"")
    text = rec.get("text")
    if text is None:
        raise BadRecord(where, 'no "text"')
    if not isinstance(text, str):
        raise BadRecord(where, f'"text" is a {type(text).__name__}, not a string')
    if not text.strip():
        raise BadRecord(where, '"text" is empty')
    doc_id = rec.get("id")
    if isinstance(doc_id, (int, float)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise BadRecord(where, 'no "id" (a non-empty string)')
    warnings: list[dict[str, Any]] = []
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_TEXT:
        value = rec.get(key)
        if value is not None and not isinstance(value, str):
            warnings.append({"code": "ignored_field", "field": key, "reason": "not a string"})
            value = None
        fields[key] = (value.strip() or None) if isinstance(value, str) else None
    published, year = None, None
    if rec.get("published") is not None:
        value = rec["published"]
        published, year = parse_date_value(value) if isinstance(value, str) else (None, None)
        if published is None and year is None:
            warnings.append({"code": "ignored_field", "field": "published",
                             "reason": f"not an ISO date: {str(value)[:40]!r}"})
    return make_document(doc_id.strip(), text, source=where, title=fields["title"], url=fields["url"],
                         outlet=fields["outlet"], published=published, published_year=year,
                         published_source="record", option_date=option_date, warnings=warnings)
