"""Political events: statements, contacts, arrests, exchanges, aid, sanctions, agreements.

Each kind has its own module; they share one :class:`~sitrep.extract.political.PoliticalContext`
per document (actor mentions, quotations, dates), built here.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract.aid import extract_agreements, extract_aid, extract_sanctions
from sitrep.extract.contacts import extract_contacts
from sitrep.extract.justice import extract_arrests, extract_exchanges
from sitrep.extract.political import PoliticalContext
from sitrep.extract.statements import extract_statements
from sitrep.model import TYPE_FIELDS, Event, Span

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
        fill_provenance(e, pc.text)
    return events


def _paths(e: Event) -> list[tuple[str, object]]:
    """(provenance path, value) of every non-empty field of the event's type, plus its location."""
    out: list[tuple[str, object]] = []
    if e.location is not None:
        out.append(("location", e.location.name or e.location.country))
    for name in TYPE_FIELDS[e.type]:
        v = getattr(e, name)
        if v is None or v == []:
            continue
        if name == "released":
            for i, r in enumerate(v):
                for k in ("name", "count", "released_by"):
                    if getattr(r, k) is not None:
                        out.append((f"released[{i}].{k}", getattr(r, k)))
        elif isinstance(v, list):
            out.extend((f"{name}[{i}]", x) for i, x in enumerate(v))
        else:
            out.append((name, v))
    return out


def _has(e: Event, path: str) -> bool:
    # a list's provenance may be kept for the whole list ("participants") or per member ("participants[0]")
    return path in e.provenance or path.split("[", 1)[0] in e.provenance


def fill_provenance(e: Event, text: str) -> None:
    """Give every non-empty field a provenance: where the extractor recorded none, the place in the
    evidence where the value is written (rule ``<type>.<field>.written``), else the evidence sentence
    the value was read from (rule ``<type>.<field>.evidence``)."""
    for path, value in _paths(e):
        if _has(e, path):
            continue
        field_name = re.sub(r"\[\d+\]", "", path)
        span = _written(value, text, e.evidence) if isinstance(value, str) and len(value) > 2 else None
        if span is not None:
            e.note(path, span, f"{e.type}.{field_name}.written")
        else:
            e.note(path, e.evidence[0], f"{e.type}.{field_name}.evidence")


def _written(value: str, text: str, spans: list[Span]) -> Span | None:
    low = value.lower()
    for sp in spans:
        j = text[sp.start:sp.end].lower().find(low)
        if j >= 0:
            return Span(sp.start + j, sp.start + j + len(value))
    return None
