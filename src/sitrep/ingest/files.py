"""Finding input files and reading their bytes safely: size limit, binary and encoding checks.

Offsets: a document's ``text`` is the file decoded as UTF-8 with a leading byte order
mark removed, and nothing else changed (line ends stay as they are), so character
offsets count from the first character after the BOM.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import EmptyDocument, InputError, NotFound, NotText, TooLarge, Unreadable, Unsupported

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused before they are read

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Met inside a folder these are plainly not documents (gold files, images, archives, code),
# so they are passed over without a word; any other unknown kind is reported.
_NOT_DOCUMENTS = frozenset({
    ".json", ".csv", ".tsv", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".lock", ".log",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff",
    ".mp3", ".mp4", ".wav", ".webm", ".mov",
    ".zip", ".gz", ".bz2", ".xz", ".tar", ".tgz", ".7z",
    ".py", ".pyc", ".pyo", ".js", ".css", ".map", ".sh", ".db", ".sqlite", ".sqlite3", ".bak", ".tmp", ".swp",
    # A SQLite store's own side files: `sitrep ingest .` with the store in the folder it reads.
    ".db-wal", ".db-shm", ".db-journal", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal",
})
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})
# A folder's own notes ("README.md", "LICENSE") are not documents of the batch.
_NOTES = re.compile(r"(?:readme|licen[cs]e|notice|changelog|copying|authors)(?:\.\w+)?", re.I)

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0/C1 control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """The files to read, in a stable order: each path given, folders walked recursively and sorted.

    A file given explicitly is always returned, whatever its extension; inside a folder, hidden
    files and plain non-documents (``.json``, images, archives) are skipped silently and other
    unknown kinds come back as :class:`~sitrep.errors.Unsupported`.

    >>> list(iter_input_files(["/no/such/file.txt"]))[0].reason
    'no such file or folder'
    """
    for given in paths:
        p = Path(given)
        if p.is_dir():
            yield from _walk(p)
        elif p.exists():
            yield p
        elif p.is_symlink():
            yield NotFound(str(p), "broken symbolic link")
        else:
            yield NotFound(str(p), "no such file or folder")


def _walk(root: Path) -> Iterator[Path | InputError]:
    found: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirs, files in os.walk(root, onerror=None):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS]
        for name in files:
            if name.startswith(".") or name.endswith("~") or _NOTES.fullmatch(name):
                continue
            path = Path(folder, name)
            found.append((path.relative_to(root).parts, path))
    # Sorting on path parts (not on the joined string) keeps "a/b" before "a-b/c" on every platform.
    for _, path in sorted(found, key=lambda item: item[0]):
        suffix = path.suffix.lower()
        if suffix in READABLE_SUFFIXES:
            yield path
        elif suffix in _NOT_DOCUMENTS:
            continue
        else:
            yield Unsupported(str(path), f"no reader for {suffix or 'files without an extension'} "
                                         "(give the file explicitly to read it as text)")


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``path``; raises an :class:`InputError` if it is too large, unreadable or empty.

    The size is checked before reading, and at most ``limit + 1`` bytes are ever read, so a huge
    file costs no memory.
    """
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise Unreadable(str(path), "not a regular file")
        if size > limit:
            raise TooLarge(str(path), f"{size / 1_048_576:.1f} MB is over the {limit // 1_048_576} MB limit "
                                      "for one document; split it or give the article alone")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise NotFound(str(path), "no such file or folder") from None
    except PermissionError:
        raise Unreadable(str(path), "permission denied") from None
    except OSError as exc:
        raise Unreadable(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:  # grew while we looked
        raise TooLarge(str(path), f"over the {limit // 1_048_576} MB limit for one document")
    if not raw.strip():
        raise EmptyDocument(str(path), "empty file")
    return raw


def decode_text(raw: bytes, name: str) -> str:
    """``raw`` decoded as UTF-8 without its byte order mark; raises :class:`NotText` for binary data.

    >>> decode_text(b"\\xef\\xbb\\xbfKyiv", "a.txt")
    'Kyiv'
    """
    if raw.startswith(_UTF16_BOMS):
        raise NotText(name, "UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise NotText(name, "binary file (contains NUL bytes)")
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(name, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                            "convert it to UTF-8") from None
    if _mostly_controls(text):
        raise NotText(name, "binary file (mostly control characters)")
    if not text.strip():
        raise EmptyDocument(name, "no text")
    return text


def _mostly_controls(text: str) -> bool:
    sample = text[:20_000]
    return len(_CONTROL.findall(sample)) > 0.05 * len(sample)
