"""HTML pages: the main text through trafilatura, title/url/outlet/date from the page's metadata."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sitrep.errors import NoArticle, NotText
from sitrep.ingest.dates import parse_date_value
from sitrep.ingest.document import make_document
from sitrep.model import Document

MIN_WORDS = 8  # fewer words than this is a menu or an error page, not an article
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
# No date read from the running text or guessed: only the page's own metadata (and its URL).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def decode_html(raw: bytes, name: str) -> str:
    """The page as text: UTF-8 (BOM removed) or the charset its ``<meta>`` declares."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(raw[:4096])
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    raise NotText(name, "HTML that is neither UTF-8 nor in the charset it declares")


def read_html(path: Path, raw: bytes, *, option_date: dt.date | None = None) -> Document:
    """A :class:`Document` of one saved HTML page; raises :class:`NoArticle` where it holds no article.

    ``text`` is trafilatura's plain-text extraction, so offsets point into that text.
    """
    from trafilatura import bare_extraction  # imported here: it is slow to load and only HTML needs it

    name = str(path)
    if b"\x00" in raw:
        raise NotText(name, "binary file (contains NUL bytes)")
    page = decode_html(raw, name)
    try:
        result = bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True,
                                 date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # trafilatura raises many kinds on broken markup; any is "no article"
        raise NoArticle(name, f"the page could not be parsed ({type(exc).__name__})") from None
    text = (getattr(result, "text", None) or "") if result is not None else ""
    if len(text.split()) < MIN_WORDS:
        raise NoArticle(name, "no article text found in the page")
    published, year = parse_date_value(result.date) if result.date else (None, None)
    return make_document(
        path.stem, text, source=name, title=result.title or None, url=result.url or None,
        outlet=result.sitename or None, published=published, published_year=year,
        published_source="html", option_date=option_date)
