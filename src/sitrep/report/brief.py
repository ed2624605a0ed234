"""The daily brief: one day of the store on one page, as a desk editor reads it.

:func:`build_brief` reads the day's fused events and gives a typed :class:`Brief`: the title
with the war day, the night's air-attack tally by weapon category, casualties by region,
then the day's events under Fighting, Strikes, Diplomacy, Aid and sanctions and Justice. Each
line is a sentence built from the fused event's fields, with its sources cited by outlet and
link, the figures the sources disagree on (who said what), the consistency findings and the
stale-fact warnings about its sources. :func:`render_markdown` and :func:`render_html` write
it out; the HTML is one self-contained file (inline CSS, nothing fetched).

A daily brief is the day's reporting: it holds the fused events dated that day, and also
those reported by the day's documents (reference date = the day) but dated another day
(yesterday's strike in today's report, a meeting planned for next week) or not dated at all.
An event dated another day shows its own date, and stays out of the tally and the casualty
table (they count what happened that day). Events that no fused event holds yet (a store that
was never fused) are briefed as fused events of one source. Only the day's rows are read, so a
brief takes milliseconds whatever the size of the store; the queries are plain SQLAlchemy Core
and run on PostgreSQL as on SQLite.

>>> from sitrep.store import open_store
>>> brief = build_brief(open_store(":memory:"), dt.date(2025, 2, 12))
>>> brief.title, brief.empty
('Day 1,085 — Wednesday 12 February 2025', True)
"""
from __future__ import annotations

import ast
import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import desc, exists, func, or_, select

from sitrep.model import WAR_START, war_day_of
from sitrep.report.sentences import (VIOLENT_TYPES, field_label, long_date, number, party_name, place_name,
                                     sentence, short_date, value_text, weapon_label)
from sitrep.store import Store, schema

__all__ = [
    "Brief", "CasualtyRow", "Citation", "DocumentRef", "Item", "Note", "SECTIONS", "Section", "SourceWarning",
    "TallyRow", "brief_title", "build_brief", "busiest_day", "render_html", "render_markdown",
]

# The brief's sections, in the order a desk reads them, with the event types each holds.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Fighting", ("ground_combat", "shelling", "territory_change", "attack")),
    ("Strikes", ("aerial_attack",)),
    ("Diplomacy", ("diplomatic_contact", "statement", "agreement")),
    ("Aid and sanctions", ("aid_pledge", "sanctions")),
    ("Justice", ("arrest", "prisoner_exchange")),
)
_TYPE_ORDER = {t: i for i, t in enumerate(t for _, types in SECTIONS for t in types)}

# Consistency findings as a reader names them.
_FINDING_WORDS = {
    "intercepted_exceeds_launched": "figures do not add up",
    "date_after_document": "dated after its report",
    "casualties_shrink": "toll falls between reports",
}
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)


# ---------------------------------------------------------------- the brief's objects

@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A document the brief cites: what names it to a reader (outlet, title, link) and its date.

    ``url`` is kept only where it is an http(s) link, so that a document's record cannot put a
    ``javascript:`` link in the brief. ``stale`` counts its stale-fact warnings. ``name`` is what
    the brief cites it by: its :attr:`label`, with its day (or id) where cited documents share one.
    """

    id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    reference_date: dt.date | None = None
    stale: int = 0
    name: str = ""

    @property
    def label(self) -> str:
        """The outlet, else the title, else the document id: the name a citation shows."""
        return self.outlet or self.title or self.id


@dataclass(frozen=True, slots=True)
class Citation:
    """One source of one event: the document, and whom it attributes the report to."""

    document: DocumentRef
    claimed_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader must know about a line: a ``conflict`` between sources, a consistency
    ``finding``, or a ``stale_fact`` in one of its sources."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """One fused event as a line of the brief.

    ``date`` is the event's own date; ``other_day`` says it differs from the brief's day (an
    earlier event in the day's reporting), so the line shows it. ``event_ids`` are the
    per-document events fused into it.
    """

    fused_id: str
    type: str
    text: str
    date: dt.date | None
    other_day: bool
    sources: tuple[Citation, ...]
    event_ids: tuple[str, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the brief (``Fighting``...) and its lines."""

    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class TallyRow:
    """One weapon category of one air attack of the day: launched, intercepted, suppressed, who says so."""

    where: str
    attacker: str | None
    weapon: str
    launched: int | None
    intercepted: int | None
    suppressed: int | None
    claimed_by: tuple[str, ...]
    fused_id: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class CasualtyRow:
    """Killed and injured in one region (``location.admin1``) over the day's events there."""

    region: str
    killed: int | None
    injured: int | None
    events: int
    sources: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class SourceWarning:
    """A stale-fact warning about a cited document (a title or claim its own date contradicts)."""

    document: DocumentRef
    text: str


@dataclass(frozen=True, slots=True)
class Brief:
    """The day's brief. ``war_day`` is None before the war; ``empty`` when nothing was recorded."""

    day: dt.date
    war_day: int | None
    title: str
    tally: tuple[TallyRow, ...]
    tally_notes: tuple[Note, ...]
    casualties: tuple[CasualtyRow, ...]
    sections: tuple[Section, ...]
    warnings: tuple[SourceWarning, ...]
    documents: tuple[DocumentRef, ...]

    @property
    def items(self) -> list[Item]:
        """Every line of every section."""
        return [item for section in self.sections for item in section.items]

    @property
    def empty(self) -> bool:
        return not self.sections


# ---------------------------------------------------------------- words

def brief_title(day: dt.date) -> str:
    """The brief's title: the war day and the date, or the date alone before the war.

    >>> brief_title(dt.date(2025, 2, 12))
    'Day 1,085 — Wednesday 12 February 2025'
    >>> brief_title(dt.date(2022, 2, 23))
    'Wednesday 23 February 2022'
    """
    if day < WAR_START:
        return long_date(day)
    return f"Day {war_day_of(day):,} — {long_date(day)}"


# ---------------------------------------------------------------- reading the day

def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _day_records(store: Store, day: dt.date) -> list[dict[str, Any]]:
    """Fused events dated ``day`` or reported by a document of that day; per-document events of the
    day that no fused event holds yet (a store not fused) come as fused events of one source."""
    iso = day.isoformat()
    d, e, f, links = schema.documents, schema.events, schema.fused_events, schema.fusion_links
    day_docs = select(d.c.id).where(d.c.reference_date == iso, d.c.status == "ok")
    reported = select(links.c.fused_event_id).join(e, e.c.id == links.c.event_id).where(
        e.c.document_id.in_(day_docs))
    fused_q = select(f.c.body).where(or_(f.c.date == iso, f.c.id.in_(reported)))
    unfused_q = select(e.c.id, e.c.contract).where(
        or_(e.c.date == iso, e.c.document_id.in_(day_docs)),
        ~exists().where(links.c.event_id == e.c.id))
    with store.engine.connect() as conn:
        records = [json.loads(b) for b in conn.execute(fused_q).scalars()]
        for row in conn.execute(unfused_q):
            ev = json.loads(row.contract)
            ev.update(sources=[{"document_id": ev["document_id"], "event_id": row.id,
                                "claimed_by": list(ev.get("claimed_by") or [])}], conflicts=[], fusion=[])
            records.append(ev)
    return records


def _findings(store: Store, subjects: Sequence[str]) -> dict[str, list[dict[str, str]]]:
    t = schema.findings
    out: dict[str, list[dict[str, str]]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(subjects):
            q = select(t.c.subject_id, t.c.code, t.c.message).where(t.c.subject_id.in_(chunk)).order_by(t.c.id)
            for row in conn.execute(q):
                out.setdefault(row.subject_id, []).append({"code": row.code, "message": row.message})
    return out


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def busiest_day(store: Store) -> dt.date | None:
    """The day with the most fused events (ties: the latest such day); None when none is dated."""
    f = schema.fused_events
    n = func.count().label("n")
    q = (select(f.c.date, n).where(f.c.date.is_not(None)).group_by(f.c.date)
         .order_by(desc(n), desc(f.c.date)).limit(1))
    with store.engine.connect() as conn:
        row = conn.execute(q).first()
    return None if row is None else _parse_date(row.date)


# ---------------------------------------------------------------- building

def _people(ev: Mapping[str, Any], sources: Sequence[Citation]) -> set[str]:
    """Names of people and bodies a line is about: stale facts about them concern it."""
    names: set[str] = set()
    for key in ("speaker", "authority", "detainee", "donor", "mediator"):
        if isinstance(ev.get(key), str):
            names.add(ev[key])
    for key in ("participants", "parties", "imposer", "claimed_by"):
        names.update(x for x in ev.get(key) or [] if isinstance(x, str))
    names.update(r["name"] for r in ev.get("released") or [] if isinstance(r, Mapping) and r.get("name"))
    for c in sources:
        names.update(c.claimed_by)
    return {n for n in names if len(n) > 3}  # not ISO codes, not "EU"


_QUOTED = re.compile(r"""^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"): """)


def _stale_quote(message: str) -> str:
    """The words a stale-fact finding quotes (its message is ``f"{text!r}: {reason}"``), else the message."""
    m = _QUOTED.match(message)
    if m is None:
        return message
    try:
        return " ".join(str(ast.literal_eval(m.group(1))).split())
    except (ValueError, SyntaxError):
        return message


def _who(value: Mapping[str, Any], docs: Mapping[str, DocumentRef]) -> str:
    claimed = [str(c) for c in value.get("claimed_by") or []]
    if claimed:
        return ", ".join(claimed)
    doc = docs.get(str(value.get("document_id")))
    return doc.name if doc else str(value.get("document_id") or "unattributed")


def _claims(values: Sequence[Mapping[str, Any]], docs: Mapping[str, DocumentRef]) -> str:
    """``Kyiv: 71; Moscow: 123``; a claimant heard in two documents is told apart by the document."""
    who = [_who(v, docs) for v in values]
    out = []
    for name, v in zip(who, values):
        doc = docs.get(str(v.get("document_id")))
        if who.count(name) > 1 and doc is not None and doc.name != name:
            name = f"{name} ({doc.name})"
        out.append(f"{name}: {value_text(v.get('value'))}")
    return "; ".join(out)


def _conflict_notes(ev: Mapping[str, Any], docs: Mapping[str, DocumentRef], prefix: str = "") -> list[Note]:
    """The fields the sources disagree on (those starting with ``prefix``), each value with who said it."""
    notes = []
    for c in ev.get("conflicts") or []:
        if not str(c.get("field")).startswith(prefix):
            continue
        claims = _claims(c.get("values") or [], docs)
        notes.append(Note("conflict", f"{field_label(str(c.get('field')))} — {claims}"))
    return notes


_FIGURES = ("launched", "intercepted", "suppressed")


def _source_events(store: Store, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    e = schema.events
    out: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(ids):
            for row in conn.execute(select(e.c.id, e.c.contract).where(e.c.id.in_(chunk))):
                out[row.id] = json.loads(row.contract)
    return out


def _weapon_claim(w: Mapping[str, Any], ev: Mapping[str, Any], reports: Mapping[str, Mapping[str, Any]],
                  cites: Sequence[Citation]) -> tuple[tuple[str, ...], tuple[Citation, ...]]:
    """Who gives a fused weapon entry's figures, and in which documents: the reports of that weapon
    category with a figure equal to the fused one, else every report of the category."""
    fused = {k: w.get(k) for k in _FIGURES if w.get(k) is not None}
    agree: list[tuple[list[str], str]] = []
    same_kind: list[tuple[list[str], str]] = []
    for src in ev.get("sources") or []:
        report = reports.get(str(src.get("event_id")))
        doc_id = str(src.get("document_id"))
        for rw in (report or {}).get("weapons") or []:
            if rw.get("category") != w.get("category"):
                continue
            who = list(src.get("claimed_by") or report.get("claimed_by") or [])
            same_kind.append((who, doc_id))
            if any(rw.get(k) == v for k, v in fused.items()):
                agree.append((who, doc_id))
    chosen = agree or same_kind
    if not chosen:
        return tuple(ev.get("claimed_by") or ()), tuple(cites)
    names = tuple(dict.fromkeys(n for who, _ in chosen for n in who))
    docs = {d for _, d in chosen}
    return names, tuple(c for c in cites if c.document.id in docs) or tuple(cites)


def _tally(records: Sequence[tuple[dict[str, Any], tuple[Citation, ...]]], docs: Mapping[str, DocumentRef],
           reports: Mapping[str, Mapping[str, Any]]) -> tuple[list[TallyRow], list[Note]]:
    rows: list[TallyRow] = []
    notes: list[Note] = []
    # Country-wide waves first (the air force's nightly figures), then attacks on one place.
    ordered = sorted(records, key=lambda r: ((r[0].get("location") or {}).get("precision") != "country",
                                             place_name(r[0].get("location")) or "", r[0]["id"]))
    for ev, cites in ordered:
        weapons = [w for w in ev.get("weapons") or [] if any(w.get(k) is not None for k in _FIGURES)]
        if not weapons:
            continue
        loc = ev.get("location") or {}
        where = place_name(loc) or "not said"
        if loc.get("precision") == "country" or not loc:
            where = f"{where} (country-wide)" if loc else "country-wide"
        for w in weapons:
            claimed, sources = _weapon_claim(w, ev, reports, cites)
            rows.append(TallyRow(where, party_name(ev["attacker"]) if ev.get("attacker") else None,
                                 weapon_label(w).capitalize(), w.get("launched"), w.get("intercepted"),
                                 w.get("suppressed"), claimed, str(ev["id"]), sources))
        notes.extend(Note("conflict", f"{where}: {n.text}") for n in _conflict_notes(ev, docs, "weapons."))
    return rows, notes


def _casualties(records: Sequence[tuple[dict[str, Any], tuple[Citation, ...]]]) -> list[CasualtyRow]:
    by_region: dict[str, list[tuple[dict[str, Any], tuple[Citation, ...]]]] = {}
    for ev, cites in records:
        if ev.get("type") not in VIOLENT_TYPES or (ev.get("killed") is None and ev.get("injured") is None):
            continue
        loc = ev.get("location") or {}
        country = party_name(loc["country"]) if loc.get("country") else None
        region = loc.get("admin1") or (place_name(loc) if loc.get("name") else None)
        label = ", ".join(x for x in (region, country) if x) or "place not said"
        if region is None and country:
            label = f"{country} (region not said)"
        by_region.setdefault(label, []).append((ev, cites))
    rows = []
    for label, group in by_region.items():
        killed = [ev["killed"] for ev, _ in group if ev.get("killed") is not None]
        injured = [ev["injured"] for ev, _ in group if ev.get("injured") is not None]
        cites: dict[str, Citation] = {}
        for _, cs in group:
            for c in cs:
                cites.setdefault(c.document.id, Citation(c.document))
        rows.append(CasualtyRow(label, sum(killed) if killed else None, sum(injured) if injured else None,
                                len(group), tuple(cites.values())))
    rows.sort(key=lambda r: (-(r.killed or 0), -(r.injured or 0), r.region))
    return rows


def _short_title(title: str, words: int = 6) -> str:
    parts = title.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _named(docs: dict[str, DocumentRef]) -> dict[str, DocumentRef]:
    """Each document with the name the brief cites it by, told apart where outlets repeat:
    "Kyiv Desk, 13 February"; where the day is shared too, the outlet and the title's first words
    (else the id)."""
    by_label: dict[str, list[DocumentRef]] = {}
    for d in docs.values():
        by_label.setdefault(d.label, []).append(d)
    out = {}
    for label, group in by_label.items():
        days = [d.reference_date for d in group]
        for d in group:
            if len(group) == 1:
                name = label
            elif d.reference_date is not None and days.count(d.reference_date) == 1:
                name = f"{label}, {d.reference_date.day} {short_date(d.reference_date).split()[1]}"
            elif d.title and d.title != label:
                name = f"{label}: {_short_title(d.title)}"
            else:
                name = f"{label}, {d.id}" if label != d.id else label
            out[d.id] = replace(d, name=name)
    return {k: out[k] for k in docs}


def build_brief(store: Store, day: dt.date) -> Brief:
    """The brief of ``day`` from the store: see the module's docstring for what it holds."""
    records = _day_records(store, day)
    doc_ids = sorted({str(s["document_id"]) for r in records for s in r.get("sources") or []})
    doc_rows = store.document_meta(doc_ids)
    event_ids = [str(s["event_id"]) for r in records for s in r.get("sources") or []]
    found = _findings(store, sorted(set(doc_ids) | set(event_ids) | {str(r["id"]) for r in records}))

    docs: dict[str, DocumentRef] = {}
    for doc_id in doc_ids:
        row = doc_rows.get(doc_id, {})
        url = row.get("url")
        stale = [f for f in found.get(doc_id, []) if f["code"] == "stale_fact"]
        docs[doc_id] = DocumentRef(doc_id, row.get("outlet"), row.get("title"),
                                   url if url and _SAFE_URL.match(url) else None,
                                   _parse_date(row.get("reference_date")), len(stale))
    docs = _named(docs)

    own: list[tuple[dict[str, Any], tuple[Citation, ...]]] = []
    items: list[Item] = []
    for ev in records:
        cites: dict[tuple[str, tuple[str, ...]], Citation] = {}
        for s in ev.get("sources") or []:
            doc = docs.get(str(s["document_id"])) or DocumentRef(str(s["document_id"]))
            key = (doc.id, tuple(s.get("claimed_by") or ()))
            cites.setdefault(key, Citation(doc, key[1]))
        citations = tuple(sorted(cites.values(), key=lambda c: (c.document.reference_date or dt.date.max,
                                                                  c.document.label, c.document.id)))
        date = _parse_date(ev.get("date"))
        other_day = date is not None and date != day
        if not other_day:
            own.append((ev, citations))
        notes = _conflict_notes(ev, docs)
        subjects = [str(ev["id"])] + [str(s["event_id"]) for s in ev.get("sources") or []]
        seen: set[str] = set()
        for subject in subjects:
            for f in found.get(subject, []):
                text = f"{_FINDING_WORDS.get(f['code'], f['code'].replace('_', ' '))}: {f['message']}"
                if text not in seen:
                    seen.add(text)
                    notes.append(Note("finding", text))
        people = _people(ev, citations)
        for c in citations:
            quotes = [_stale_quote(f["message"]) for f in found.get(c.document.id, [])
                      if f["code"] == "stale_fact" and any(p in f["message"] for p in people)]
            text = (f"{c.document.name} says {', '.join(f'“{q}”' for q in quotes)}, which its own date "
                    "contradicts (see Warnings about the sources)")
            if quotes and text not in seen:
                seen.add(text)
                notes.append(Note("stale_fact", text))
        items.append(Item(str(ev["id"]), str(ev.get("type")), sentence(ev), date, other_day, citations,
                          tuple(str(s["event_id"]) for s in ev.get("sources") or []), tuple(notes)))

    items.sort(key=lambda i: (i.other_day, i.date or day, _TYPE_ORDER.get(i.type, 99), -len(i.sources),
                              i.text, i.fused_id))
    sections = tuple(Section(title, tuple(i for i in items if i.type in types))
                     for title, types in SECTIONS)
    air = [r for r in own if r[0].get("type") == "aerial_attack" and any(
        w.get(k) is not None for w in r[0].get("weapons") or [] for k in _FIGURES)]
    reports = _source_events(store, sorted({str(s["event_id"]) for ev, _ in air for s in ev.get("sources") or []}))
    tally, tally_notes = _tally(air, docs, reports)
    warnings = tuple(SourceWarning(docs[d], f["message"]) for d in doc_ids for f in found.get(d, [])
                     if f["code"] == "stale_fact")
    cited = sorted(docs.values(), key=lambda d: (d.reference_date or dt.date.max, d.label, d.id))
    return Brief(day, war_day_of(day) if day >= WAR_START else None, brief_title(day), tuple(tally),
                 tuple(tally_notes), tuple(_casualties(own)), tuple(s for s in sections if s.items),
                 warnings, tuple(cited))


# ---------------------------------------------------------------- Markdown

_NOTE_LABELS = {"conflict": "Sources disagree", "finding": "Check", "stale_fact": "Stale fact"}
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def _md(text: Any) -> str:
    """Text made literal in Markdown (emphasis, links, HTML and table pipes escaped), on one line."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), flat)


def _md_url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def _md_doc(doc: DocumentRef, text: str | None = None) -> str:
    text = _md(text or doc.name)
    return f"[{text}]({_md_url(doc.url)})" if doc.url else text


def _md_citation(c: Citation) -> str:
    text = _md_doc(c.document)
    if c.claimed_by:
        text += f" (citing {_md(', '.join(c.claimed_by))})"
    return text


def _dash(n: int | None) -> str:
    return "–" if n is None else number(n)


def _intro(brief: Brief) -> str:
    n_items, n_docs = len(brief.items), len(brief.documents)
    return (f"{n_items:,} event{'s' if n_items != 1 else ''} from {n_docs:,} source document"
            f"{'s' if n_docs != 1 else ''}: the events of the day, and the day's reports of earlier ones "
            f"(shown with their own date).")


def render_markdown(brief: Brief) -> str:
    """The brief as one Markdown page (CommonMark with GitHub tables)."""
    out = [f"# {_md(brief.title)}", ""]
    if brief.empty:
        out += ["Nothing was recorded for this day: the store holds no event dated "
                f"{short_date(brief.day)} and no report of that day.", ""]
        return "\n".join(out)
    out += [f"*{_md(_intro(brief))}*", ""]
    if brief.tally:
        out += ["## Air attacks", "",
                "| Where | By | Weapon | Launched | Intercepted | Suppressed | Claimed by | Sources |",
                "|---|---|---|---:|---:|---:|---|---|"]
        for r in brief.tally:
            out.append(f"| {_md(r.where)} | {_md(r.attacker or '–')} | {_md(r.weapon)} | {_dash(r.launched)} | "
                       f"{_dash(r.intercepted)} | {_dash(r.suppressed)} | {_md(', '.join(r.claimed_by) or '–')} | "
                       f"{'; '.join(_md_doc(c.document) for c in r.sources)} |")
        out.append("")
        if brief.tally_notes:
            out += ["Disputed figures:", ""] + [f"- {_md(n.text)}" for n in brief.tally_notes] + [""]
    if brief.casualties:
        out += ["## Casualties by region", "", "| Region | Killed | Injured | Events | Sources |",
                "|---|---:|---:|---:|---|"]
        for c in brief.casualties:
            out.append(f"| {_md(c.region)} | {_dash(c.killed)} | {_dash(c.injured)} | {c.events} | "
                       f"{'; '.join(_md_doc(x.document) for x in c.sources)} |")
        out.append("")
    for section in brief.sections:
        out += [f"## {_md(section.title)}", ""]
        for item in section.items:
            when = f"**{short_date(item.date)}:** " if item.other_day and item.date else ""
            cites = "; ".join(_md_citation(c) for c in item.sources)
            out.append(f"- {when}{_md(item.text)} Sources: {cites}.")
            out += [f"  - {_NOTE_LABELS.get(n.kind, n.kind)}: {_md(n.text)}" for n in item.notes]
        out.append("")
    if brief.warnings:
        out += ["## Warnings about the sources", ""]
        out += [f"- {_md_doc(w.document)}: stale fact, {_md(w.text)}" for w in brief.warnings]
        out.append("")
    out += ["## Sources", ""]
    for d in brief.documents:
        extra = [x for x in (d.title if d.title and d.title != d.label else None,
                             d.reference_date.isoformat() if d.reference_date else None) if x]
        line = f"- {_md_doc(d, d.label)}" + "".join(f", {_md(x)}" for x in extra)
        if d.label != d.id:
            line += f" (`{d.id.replace('`', '')}`)"
        out.append(line)
    out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; border-bottom: 3px solid #1a1a1a; padding-bottom: .3rem; }
h2 { font: 600 1.05rem/1.3 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .05em;
     margin: 1.8rem 0 .6rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
p.intro { color: #555; font-style: italic; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font: .9rem/1.35 system-ui, sans-serif; margin-bottom: .6rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items > li { margin: 0 0 .8rem; padding-left: .8rem; border-left: 3px solid #ccc; break-inside: avoid; }
.when { font-weight: bold; }
.sources { display: block; font: .82rem/1.4 system-ui, sans-serif; color: #444; }
ul.notes { margin: .2rem 0 0; padding-left: 1.1rem; font: .82rem/1.4 system-ui, sans-serif; }
ul.notes li.conflict { color: #8a4b00; }
ul.notes li.finding { color: #9b1c1c; }
ul.notes li.stale_fact { color: #6b3fa0; }
.label { font-weight: 600; }
a { color: #0b4f8a; }
code { font-size: .85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " <" attr(href) ">"; font-size: .8em; color: #555; word-break: break-all; }
  h2 { break-after: avoid; }
  tr, ul.items > li { break-inside: avoid; }
}
"""


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _h_doc(doc: DocumentRef, text: str | None = None) -> str:
    text = _h(text or doc.name)
    return f'<a href="{_h(doc.url)}">{text}</a>' if doc.url else text


def _h_citation(c: Citation) -> str:
    text = _h_doc(c.document)
    if c.claimed_by:
        text += f" (citing {_h(', '.join(c.claimed_by))})"
    return text


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page: inline CSS, no script, nothing loaded from elsewhere
    (a Content-Security-Policy forbids it), readable on screen and printable."""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_h(brief.title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f"<h1>{_h(brief.title)}</h1>"]
    if brief.empty:
        out += [f'<p class="intro">Nothing was recorded for this day: the store holds no event dated '
                f"{_h(short_date(brief.day))} and no report of that day.</p>", "</body>", "</html>", ""]
        return "\n".join(out)
    out.append(f'<p class="intro">{_h(_intro(brief))}</p>')
    if brief.tally:
        out += ["<section>", "<h2>Air attacks</h2>", "<table>",
                '<thead><tr><th>Where</th><th>By</th><th>Weapon</th><th class="n">Launched</th>'
                '<th class="n">Intercepted</th><th class="n">Suppressed</th><th>Claimed by</th><th>Sources</th>'
                "</tr></thead>", "<tbody>"]
        for r in brief.tally:
            out.append(f"<tr><td>{_h(r.where)}</td><td>{_h(r.attacker or '–')}</td><td>{_h(r.weapon)}</td>"
                       f'<td class="n">{_dash(r.launched)}</td><td class="n">{_dash(r.intercepted)}</td>'
                       f'<td class="n">{_dash(r.suppressed)}</td><td>{_h(", ".join(r.claimed_by) or "–")}</td>'
                       f"<td>{'; '.join(_h_doc(c.document) for c in r.sources)}</td></tr>")
        out += ["</tbody>", "</table>"]
        if brief.tally_notes:
            out += ['<ul class="notes">']
            out += [f'<li class="conflict"><span class="label">Disputed:</span> {_h(n.text)}</li>'
                    for n in brief.tally_notes]
            out.append("</ul>")
        out.append("</section>")
    if brief.casualties:
        out += ["<section>", "<h2>Casualties by region</h2>", "<table>",
                '<thead><tr><th>Region</th><th class="n">Killed</th><th class="n">Injured</th>'
                '<th class="n">Events</th><th>Sources</th></tr></thead>', "<tbody>"]
        for c in brief.casualties:
            out.append(f'<tr><td>{_h(c.region)}</td><td class="n">{_dash(c.killed)}</td>'
                       f'<td class="n">{_dash(c.injured)}</td><td class="n">{c.events}</td>'
                       f"<td>{'; '.join(_h_doc(x.document) for x in c.sources)}</td></tr>")
        out += ["</tbody>", "</table>", "</section>"]
    for section in brief.sections:
        out += ["<section>", f"<h2>{_h(section.title)}</h2>", '<ul class="items">']
        for item in section.items:
            when = (f'<span class="when">{_h(short_date(item.date))}:</span> '
                    if item.other_day and item.date else "")
            cites = "; ".join(_h_citation(c) for c in item.sources)
            line = f'<li id="{_h(item.fused_id)}">{when}{_h(item.text)} <span class="sources">Sources: {cites}</span>'
            if item.notes:
                line += '<ul class="notes">' + "".join(
                    f'<li class="{_h(n.kind)}"><span class="label">{_h(_NOTE_LABELS.get(n.kind, n.kind))}:</span> '
                    f"{_h(n.text)}</li>" for n in item.notes) + "</ul>"
            out.append(line + "</li>")
        out += ["</ul>", "</section>"]
    if brief.warnings:
        out += ["<section>", "<h2>Warnings about the sources</h2>", '<ul class="notes">']
        out += [f'<li class="stale_fact">{_h_doc(w.document)}: stale fact, {_h(w.text)}</li>' for w in brief.warnings]
        out += ["</ul>", "</section>"]
    out += ["<section>", "<h2>Sources</h2>", "<ul>"]
    for d in brief.documents:
        extra = [x for x in (d.title if d.title and d.title != d.label else None,
                             d.reference_date.isoformat() if d.reference_date else None) if x]
        line = f"<li>{_h_doc(d, d.label)}" + "".join(f", {_h(x)}" for x in extra)
        if d.label != d.id:
            line += f" (<code>{_h(d.id)}</code>)"
        out.append(line + "</li>")
    out += ["</ul>", "</section>", "</body>", "</html>", ""]
    return "\n".join(out)
