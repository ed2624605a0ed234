"""One place where a text and what is known about it become a :class:`~sitrep.model.Document`."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sitrep.ingest.boilerplate import find_boilerplate
from sitrep.ingest.dates import find_reference_date
from sitrep.ingest.language import guess_language
from sitrep.ingest.outlets import outlet_in_text
from sitrep.model import Document


def make_document(doc_id: str, text: str, *, source: str | None = None, title: str | None = None,
                  url: str | None = None, outlet: str | None = None, published: dt.date | None = None,
                  published_year: int | None = None, published_source: str | None = None,
                  option_date: dt.date | None = None, warnings: list[dict[str, Any]] | None = None) -> Document:
    """A document with its boilerplate, language, outlet and reference date worked out.

    The reference date comes, in this order, from ``published`` (a record's or the HTML
    metadata's date, ``published_source`` saying which), the text itself
    (:func:`~sitrep.ingest.dates.find_reference_date`), then ``option_date``; where none
    gives a full date, ``year_hint`` keeps a year that is known alone.

    >>> make_document("a", "As the war enters its 100th day, fighting goes on.").reference_date
    datetime.date(2022, 6, 3)
    """
    ref, ref_source, year_hint = None, None, None
    if published is not None:
        ref, ref_source = published, published_source
    else:
        found = find_reference_date(text, year_hint=published_year)
        if found and found.date:
            ref, ref_source = found.date, "text"
            if found.rule in ("marker", "stamp") and published is None:
                published = found.date  # the page's own date, printed on it
        elif found and found.year:
            year_hint = found.year
    if ref is None and option_date is not None:
        ref, ref_source = option_date, "option"
    return Document(
        id=doc_id, text=text, title=title, url=url,
        outlet=outlet or outlet_in_text(text[:20_000]),
        published=published, reference_date=ref, reference_date_source=ref_source,
        year_hint=year_hint if ref is None else None,
        language=guess_language(text), source=source, boilerplate=find_boilerplate(text),
        warnings=list(warnings or []),
    )
