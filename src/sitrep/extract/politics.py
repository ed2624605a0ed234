"""Political events: statements, contacts, arrests, exchanges, aid, sanctions, agreements.

Each kind has its own module; they share one :class:`~sitrep.extract.political.PoliticalContext`
per document (actor mentions, quotations, dates), built here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.extract.aid import extract_agreements, extract_aid, extract_sanctions
from sitrep.extract.contacts import extract_contacts
from sitrep.extract.justice import extract_arrests, extract_exchanges
from sitrep.extract.political import PoliticalContext
from sitrep.extract.statements import extract_statements
from sitrep.model import Event

if TYPE_CHECKING:
    from sitrep.extract import DocContext

_EXTRACTORS = (extract_statements, extract_contacts, extract_arrests, extract_exchanges, extract_aid,
               extract_sanctions, extract_agreements)


def extract(ctx: DocContext) -> list[Event]:
    """Political events of one document.

    >>> from sitrep.extract import build_context
    >>> from sitrep.model import Document
    >>> [e.type for e in extract(build_context(Document("d", "Joe Biden called Volodymyr Zelenskyy.")))]
    ['diplomatic_contact']
    """
    pc = PoliticalContext(ctx)
    events: list[Event] = []
    for ex in _EXTRACTORS:
        events.extend(ex(pc))
    for e in events:
        e.evidence = sorted(set(e.evidence), key=lambda sp: (sp.start, sp.end))
    return events
