"""The exception tree. Every error sitrep raises is a :class:`SitrepError`.

    SitrepError
    ├── InputError          a document could not be read (the batch goes on)
    │   ├── EmptyDocument
    │   ├── NotText         binary, or not UTF-8
    │   ├── TooLarge
    │   ├── BadRecord       a JSONL line that is not JSON or lacks "text"
    │   │   └── DuplicateDocument  a second document with an id already read
    │   ├── NoArticle       an HTML page with no main text
    │   ├── NotFound        a path that does not exist
    │   ├── Unreadable      a file that cannot be opened (permissions, not a regular file)
    │   └── Unsupported     a file in a folder whose kind sitrep cannot read (.pdf, .docx)
    ├── DataError           shipped data missing or corrupt (reinstall sitrep)
    └── UsageError          bad options or arguments
"""
from __future__ import annotations


class SitrepError(Exception):
    """Base class of every error sitrep raises."""


class InputError(SitrepError):
    """A document could not be read. ``document`` names it; the message says why."""

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"{document}: {reason}")
        self.document = document
        self.reason = reason


class EmptyDocument(InputError):
    pass


class NotText(InputError):
    pass


class TooLarge(InputError):
    pass


class BadRecord(InputError):
    pass


class NoArticle(InputError):
    pass


class DuplicateDocument(BadRecord):
    """A document whose id was already used by an earlier document of the same batch."""


class NotFound(InputError):
    """A path given to read that does not exist."""


class Unreadable(InputError):
    """A file that exists but cannot be read (permissions, a device or pipe)."""


class Unsupported(InputError):
    """A file met inside a folder whose kind has no reader; give it explicitly to read it as text."""


class DataError(SitrepError):
    """Data shipped with the package is missing or corrupt."""


class UsageError(SitrepError):
    """The options or arguments given make no sense."""
