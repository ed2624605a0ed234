"""Consistency checks: figures and dates that cannot all be true, found and reported, never "fixed".

Three checks, each giving :class:`~sitrep.model.Finding` records that the store keeps beside
the events and the brief shows:

- ``intercepted_exceeds_launched``: a weapon entry whose intercepted plus suppressed count is
  more than the launched count ("123 drones, 71 shot down, 60 lost to jamming");
- ``date_after_document``: an event dated after the day its document speaks from (a held
  meeting, a strike). Planned contacts are about the future and are left alone;
- ``casualties_shrink``: reports of one fused event whose killed or injured figure goes
  down from an earlier report to a later one (a toll is revised up as bodies are found; one
  that falls says that a report is wrong, or that two events were fused).

The per-event checks read the contract's JSON (as :func:`~sitrep.model.event_to_contract`
writes it), so they run on stored events as well as on fresh ones.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.model import Finding

__all__ = ["check_event", "check_fused"]


def _weapon_name(w: Mapping[str, Any]) -> str:
    category = str(w.get("category") or "weapon").replace("_", " ")
    return f"{category} ({w['model']})" if w.get("model") else category


def check_event(event: Mapping[str, Any], reference_date: dt.date | str | None) -> list[Finding]:
    """Findings about one per-document event (a contract dict) against its document's reference date.

    >>> ev = {"id": "e1", "document_id": "d", "type": "aerial_attack", "date": "2025-02-12",
    ...       "weapons": [{"category": "attack_drone", "model": None, "launched": 10,
    ...                    "intercepted": 8, "suppressed": 5}]}
    >>> [f.code for f in check_event(ev, "2025-02-11")]
    ['intercepted_exceeds_launched', 'date_after_document']
    """
    out: list[Finding] = []
    eid, doc = str(event["id"]), event.get("document_id")
    for w in event.get("weapons") or []:
        launched = w.get("launched")
        down = (w.get("intercepted") or 0) + (w.get("suppressed") or 0)
        if launched is not None and down > launched:
            parts = [f"{w[k]} {label}" for k, label in (("intercepted", "intercepted"),
                                                         ("suppressed", "suppressed"))
                     if w.get(k) is not None]
            out.append(Finding(eid, "intercepted_exceeds_launched",
                               f"{_weapon_name(w)}: {' + '.join(parts)} = {down}, more than the "
                               f"{launched} launched", doc))
    ref = reference_date.isoformat() if isinstance(reference_date, dt.date) else reference_date
    date = event.get("date")
    if ref and date and date > ref and not (event.get("type") == "diplomatic_contact"
                                            and event.get("status") == "planned"):
        out.append(Finding(eid, "date_after_document",
                           f"dated {date}, after its document's date {ref}", doc))
    return out


def check_fused(fused: Mapping[str, Any], events: Mapping[str, Mapping[str, Any]],
                reference_dates: Mapping[str, str | None]) -> list[Finding]:
    """Killed or injured figures that shrink between reports of one fused event.

    ``events`` maps event ids to the per-document contract dicts of ``fused["sources"]``;
    ``reference_dates`` maps document ids to their reference dates (ISO). Reports are taken in
    the order of their documents' dates; a report of the same day as another is not "later".
    Undated documents are left out: their order is not known.
    """
    out: list[Finding] = []
    reports: list[tuple[str, str, Mapping[str, Any]]] = []
    for src in fused.get("sources") or []:
        ev = events.get(src["event_id"])
        day = reference_dates.get(src["document_id"])
        if ev is not None and day:
            reports.append((day, src["document_id"], ev))
    reports.sort(key=lambda r: (r[0], r[1]))
    for field in ("killed", "injured"):
        finding = _first_shrink(field, [(day, doc, ev[field]) for day, doc, ev in reports
                                        if ev.get(field) is not None])
        if finding:
            out.append(Finding(str(fused["id"]), "casualties_shrink", finding[0], finding[1]))
    return out


def _first_shrink(field: str, figures: list[tuple[str, str, int]]) -> tuple[str, str] | None:
    """The first figure lower than one of an earlier day, said as a message, with its document: once
    per field, the rest of a falling series being the same news."""
    for i, (day, doc, value) in enumerate(figures):
        for before_day, before_doc, before in figures[:i]:
            if before_day < day and value < before:
                return f"{field}: {before} in {before_doc} ({before_day}), then {value} in {doc} ({day})", doc
    return None
