"""Typed objects that flow through the pipeline: documents, spans, events.

Every value an extractor sets on an event can carry its provenance (the
character span it was read from and the rule that produced it); the contract
JSON of ``../shared/spec/events.md`` is written by :func:`event_to_contract`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = (
    "aerial_attack", "shelling", "ground_combat", "territory_change", "attack", "arrest",
    "prisoner_exchange", "aid_pledge", "sanctions", "diplomatic_contact", "statement", "agreement",
)

# The type's own fields, in the order the contract lists them.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "aerial_attack": ("attacker", "weapons", "killed", "injured", "tags"),
    "shelling": ("attacker", "killed", "injured", "tags"),
    "ground_combat": ("attacker", "killed", "injured", "tags"),
    "territory_change": ("taken_by",),
    "attack": ("attacker", "killed", "injured", "tags"),
    "arrest": ("authority", "detainee", "charge", "accused_of_working_for"),
    "prisoner_exchange": ("parties", "released"),
    "aid_pledge": ("donor", "recipient", "amount", "amount_usd", "items", "aid_kind"),
    "sanctions": ("imposer", "target"),
    "diplomatic_contact": ("mode", "status", "participants", "mediator", "duration_minutes"),
    "statement": ("speaker", "stance", "topic", "quote"),
    "agreement": ("parties", "topic"),
}

WAR_START = dt.date(2022, 2, 24)  # day 1 of the full-scale invasion


def war_day_of(day: dt.date) -> int:
    """Day of the war, 24 February 2022 being day 1. ``war_day_of(date(2025, 2, 12)) == 1085``."""
    return (day - WAR_START).days + 1


def date_of_war_day(n: int) -> dt.date:
    """Inverse of :func:`war_day_of`. ``date_of_war_day(1085) == date(2025, 2, 12)``."""
    return WAR_START + dt.timedelta(days=n - 1)


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def text(self, source: str) -> str:
        return source[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value came from: its span in the text and the rule (or model) that produced it."""

    span: Span
    rule: str


@dataclass(slots=True)
class Document:
    """One input document. ``text`` is exactly what offsets point into."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    reference_date: dt.date | None = None
    reference_date_source: str | None = None  # "record", "html", "text", "option"
    year_hint: int | None = None  # the year alone, where the text gives no full date ("date 2023-09")
    language: str = "en"
    source: str | None = None  # path the document was read from
    boilerplate: tuple[Span, ...] = ()  # site chrome inside ``text``: yields no events
    warnings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def war_day(self) -> int | None:
        if self.reference_date is None or self.reference_date < WAR_START:
            return None
        return war_day_of(self.reference_date)

    def to_record(self) -> dict[str, Any]:
        """The document record of the contract's "Documents" section."""
        rec: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "war_day": self.war_day,
            "language": self.language,
        }
        if self.warnings:
            rec["warnings"] = self.warnings
        return rec


@dataclass(frozen=True, slots=True)
class Finding:
    """A consistency check's or stale-fact warning's result about one subject.

    ``subject_id`` is an event, fused event or document id; ``code`` is short and stable
    (``"intercepted_exceeds_launched"``), ``message`` says it to a reader.
    """

    subject_id: str
    code: str
    message: str
    document_id: str | None = None


@dataclass(slots=True)
class Location:
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # facility, settlement, admin1, country

    def to_contract(self) -> dict[str, Any]:
        return {"name": self.name, "admin1": self.admin1, "country": self.country,
                "lat": None if self.lat is None else round(self.lat, 5),
                "lon": None if self.lon is None else round(self.lon, 5),
                "precision": self.precision}


@dataclass(slots=True)
class Weapon:
    category: str
    model: str | None = None
    launched: int | None = None
    intercepted: int | None = None
    suppressed: int | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"category": self.category, "model": self.model, "launched": self.launched,
                "intercepted": self.intercepted, "suppressed": self.suppressed}


@dataclass(slots=True)
class Amount:
    value: float
    currency: str

    def to_contract(self) -> dict[str, Any]:
        return {"value": _num(self.value), "currency": self.currency}


@dataclass(slots=True)
class Released:
    name: str | None = None
    count: int | None = None
    released_by: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count, "released_by": self.released_by}


@dataclass(slots=True)
class Event:
    """One event of one document. Fields not of its ``type`` stay None and are not written."""

    document_id: str
    type: str
    evidence: list[Span]
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    claimed_by: list[str] = field(default_factory=list)
    confidence: float = 0.5
    # violent events
    attacker: str | None = None
    weapons: list[Weapon] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    tags: list[str] = field(default_factory=list)
    taken_by: str | None = None
    # arrest
    authority: str | None = None
    detainee: str | None = None
    charge: str | None = None
    accused_of_working_for: str | None = None
    # exchanges, agreements, sanctions
    parties: list[str] = field(default_factory=list)
    released: list[Released] = field(default_factory=list)
    imposer: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    # aid
    donor: str | None = None
    recipient: str | None = None
    amount: Amount | None = None
    amount_usd: float | None = None  # as the text states it
    # Where the text states no dollar figure: the amount at the ECB rate of the document's day
    # (sitrep.normalize.fx.Conversion). Written beside the contract's fields, never into amount_usd,
    # because every number of an event must be written in its evidence.
    amount_usd_converted: Any = None
    items: list[str] = field(default_factory=list)
    aid_kind: str | None = None
    # contacts and statements
    mode: str | None = None
    status: str | None = None
    participants: list[str] = field(default_factory=list)
    mediator: str | None = None
    duration_minutes: int | None = None
    speaker: str | None = None
    stance: str | None = None
    topic: str | None = None
    quote: str | None = None
    # where each value came from: field path ("killed", "weapons[0].launched") -> provenance
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in TYPE_FIELDS:
            raise ValueError(f"unknown event type {self.type!r}")

    def set(self, name: str, value: Any, span: Span | None, rule: str) -> None:
        """Set a field and record where the value came from."""
        setattr(self, name, value)
        if span is not None:
            self.provenance[name] = Provenance(span, rule)

    def note(self, path: str, span: Span | None, rule: str) -> None:
        """Record provenance for a nested value, such as ``weapons[0].launched``."""
        if span is not None:
            self.provenance[path] = Provenance(span, rule)

    @property
    def id(self) -> str:
        """Content hash of what the event says: the same input gives the same id on every run."""
        return _content_id(event_to_contract(self, with_id=False))


def _content_id(body: dict[str, Any]) -> str:
    """An event's id from its contract without the id (:attr:`Event.id`)."""
    digest = hashlib.sha1(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return f"ev-{digest[:16]}"


def _num(v: float | int | None) -> float | int | None:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _value(v: Any) -> Any:
    if hasattr(v, "to_contract"):
        return v.to_contract()
    if isinstance(v, (list, tuple)):  # a list either way, as JSON gives it back: a stored contract reads the same
        return [_value(x) for x in v]
    if isinstance(v, float):
        return _num(v)
    return v


def event_to_contract(e: Event, *, with_id: bool = True) -> dict[str, Any]:
    """The contract JSON object of one event (key order fixed, so output is byte-stable).

    The id is the hash of the rest of the object, which is built once for both.
    """
    out: dict[str, Any] = {
        "document_id": e.document_id,
        "type": e.type,
        "date": e.date,
        "date_precision": e.date_precision,
        "location": e.location.to_contract() if e.location else None,
        "claimed_by": list(e.claimed_by),
        "evidence": [{"start": s.start, "end": s.end} for s in sorted(set(e.evidence), key=lambda s: (s.start, s.end))],
        "confidence": round(e.confidence, 3),
    }
    for name in TYPE_FIELDS[e.type]:
        out[name] = _value(getattr(e, name))
    if e.amount_usd_converted is not None:
        out["amount_usd_converted"] = e.amount_usd_converted.to_contract()
    return {"id": _content_id(out), **out} if with_id else out


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text, resolved against the gazetteer.

    ``start``/``end`` are offsets into the text it was found in; ``kind`` is what the
    name denotes (``settlement``, ``admin1``, ``country``, ``facility``, ``region``).
    ``relation`` keeps a relative phrase ("near", "outskirts of", "south of").
    """

    start: int
    end: int
    text: str
    name: str
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    kind: str = "settlement"
    geonameid: int | None = None
    relation: str | None = None
    rule: str = "gazetteer"

    def location(self) -> Location:
        return Location(self.name, self.admin1, self.country, self.lat, self.lon, self.precision)
