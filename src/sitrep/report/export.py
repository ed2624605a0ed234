"""Fused events out of the store, as JSON Lines, flat CSV, ACLED-style CSV, GeoJSON or Parquet.

:func:`write_export` is the one entry point (``sitrep export`` calls it). Every format reads
the fused events the store holds in the store's order (undated first, then date and id, as
:meth:`sitrep.store.Store.fused_bodies` streams them), in batches, and writes them one at a
time, so the output is the same bytes for the same store and a large store streams. A file
is written to a temporary name beside it and renamed at the end: an export that fails
leaves no half-written file.

* ``jsonl``: the contract's "Fused events" records exactly as stored (the stored JSON text), one a line.
* ``csv``: one flat row per fused event (lists joined with ``"; "``), RFC 4180.
* ``acled-csv``: ACLED's 31 columns in ACLED's order, sitrep's types mapped to ACLED's
  event taxonomy as ACLED's codebook codes them (:mod:`sitrep.report.acled`; the table is
  in ``docs/export.md``).
* ``geojson``: an RFC 7946 FeatureCollection, one Point feature per fused event that has
  coordinates.
* ``parquet``: one typed row per fused event (dates as ``date32``, counts as nullable
  ``int64``, lists as ``list<string>``, weapons as ``list<struct>``).

>>> from sitrep.store import open_store
>>> import io, contextlib
>>> with open_store(":memory:") as store, contextlib.redirect_stdout(io.StringIO()) as out:
...     n = write_export(store, "csv", None)
>>> n, out.getvalue().split(",")[:3]
(0, ['id', 'type', 'date'])
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any


from sitrep.errors import SitrepError, UsageError
from sitrep.report.acled import ACLED_COLUMNS, acled_event_ids, acled_row, claim_text, document_day, outlet_of

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "ExportContext", "flat_row", "write_export"]

FORMATS = ("jsonl", "csv", "acled-csv", "geojson", "parquet")
_BATCH = 1000  # fused events read from the database at a time

# The flat CSV's columns and their kinds; Parquet types them ("str", "date", "int", "float",
# "list": list<string>, "weapons"/"released"/"sources"/"conflicts": list<struct>).
_FLAT: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("type", "str"), ("date", "date"), ("date_precision", "str"),
    ("location_name", "str"), ("admin1", "str"), ("country", "str"), ("lat", "float"), ("lon", "float"),
    ("location_precision", "str"), ("claimed_by", "list"), ("confidence", "float"),
    ("attacker", "str"), ("taken_by", "str"), ("killed", "int"), ("injured", "int"), ("weapons", "weapons"),
    ("weapons_launched", "int"), ("weapons_intercepted", "int"), ("weapons_suppressed", "int"), ("tags", "list"),
    ("authority", "str"), ("detainee", "str"), ("charge", "str"), ("accused_of_working_for", "str"),
    ("parties", "list"), ("released", "released"), ("donor", "str"), ("recipient", "str"),
    ("amount", "float"), ("amount_currency", "str"), ("amount_usd", "float"), ("items", "list"),
    ("aid_kind", "str"), ("imposer", "list"), ("target", "list"), ("mode", "str"), ("status", "str"),
    ("participants", "list"), ("mediator", "str"), ("duration_minutes", "int"), ("speaker", "str"),
    ("stance", "str"), ("topic", "str"), ("quote", "str"),
    ("n_sources", "int"), ("sources", "sources"), ("source_events", "list"), ("source_outlets", "list"),
    ("source_urls", "list"), ("first_reported", "date"), ("last_reported", "date"),
    ("conflicts", "conflicts"), ("n_conflicts", "int"), ("conflict_fields", "list"), ("fusion", "list"),
    ("findings", "list"),
)
CSV_COLUMNS = tuple(name for name, _ in _FLAT)

_STRING_FIELDS = ("attacker", "taken_by", "authority", "detainee", "charge", "accused_of_working_for", "donor",
                  "recipient", "aid_kind", "mode", "status", "mediator", "speaker", "stance", "topic", "quote")
_LIST_FIELDS = ("claimed_by", "tags", "parties", "imposer", "target", "participants", "items", "fusion")
_INT_FIELDS = ("killed", "injured", "duration_minutes")


# -- what every format reads beside the fused events ----------------------------------------

@dataclass(slots=True)
class ExportContext:
    """The source documents and findings the fused events point to, read once per export.

    ``documents``: document id -> its record (``outlet``, ``url``, ``published``,
    ``reference_date``); ``findings``: subject id (fused event or per-document event) ->
    ``"code: message"`` lines.
    """

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> ExportContext:
        findings: dict[str, list[str]] = {}
        for f in store.findings():
            findings.setdefault(f["subject_id"], []).append(f"{f['code']}: {f['message']}")
        return cls({d["id"]: d for d in store.documents()}, findings)

    def source_docs(self, rec: dict[str, Any]) -> list[dict[str, Any]]:
        """The stored documents of a fused event's sources, once each, in source order."""
        seen: dict[str, dict[str, Any]] = {}
        for s in rec.get("sources") or ():
            doc = self.documents.get(s.get("document_id"))
            if doc is not None:
                seen.setdefault(doc["id"], doc)
        return list(seen.values())


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None and v != ""))


def _number(v: Any) -> str:
    return "" if v is None else str(v)


# -- the flat row (csv, parquet, geojson properties) ------------------------------------------

def flat_row(rec: dict[str, Any], ctx: ExportContext) -> dict[str, Any]:
    """One fused event as a flat record with typed values, keyed by :data:`CSV_COLUMNS`.

    Nested values stay nested (``weapons``, ``released``, ``sources``, ``conflicts`` are lists
    of dicts; conflict values are written as JSON text, their type varying by field); the CSV
    writer joins them into text, Parquet types them.

    >>> flat_row({"id": "f1", "type": "shelling", "killed": 2, "sources": []}, ExportContext())["killed"]
    2
    """
    loc = rec.get("location") or {}
    weapons = [{"category": w.get("category"), "model": w.get("model"), "launched": w.get("launched"),
                "intercepted": w.get("intercepted"), "suppressed": w.get("suppressed")}
               for w in rec.get("weapons") or ()]
    amount = rec.get("amount") or {}
    sources = [{"document_id": s.get("document_id"), "event_id": s.get("event_id"),
                "claimed_by": list(s.get("claimed_by") or []),
                "evidence": [{"start": e.get("start"), "end": e.get("end")} for e in s.get("evidence") or ()]}
               for s in rec.get("sources") or ()]
    docs = ctx.source_docs(rec)
    days = sorted(d for d in map(document_day, docs) if d)
    conflicts = [{"field": c.get("field"),
                  "values": [{"value": json.dumps(v.get("value"), ensure_ascii=False),
                              "document_id": v.get("document_id"), "claimed_by": list(v.get("claimed_by") or [])}
                             for v in c.get("values") or ()]}
                 for c in rec.get("conflicts") or ()]
    subjects = [rec.get("id"), *(s["event_id"] for s in sources)]
    row: dict[str, Any] = {
        "id": rec.get("id"), "type": rec.get("type"), "date": rec.get("date"),
        "date_precision": rec.get("date_precision"),
        "location_name": loc.get("name"), "admin1": loc.get("admin1"), "country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "location_precision": loc.get("precision"),
        "confidence": rec.get("confidence"),
        "weapons": weapons,
        "weapons_launched": _total(w["launched"] for w in weapons),
        "weapons_intercepted": _total(w["intercepted"] for w in weapons),
        "weapons_suppressed": _total(w["suppressed"] for w in weapons),
        "released": [{"name": r.get("name"), "count": r.get("count"), "released_by": r.get("released_by")}
                     for r in rec.get("released") or ()],
        "amount": amount.get("value"), "amount_currency": amount.get("currency"),
        "amount_usd": rec.get("amount_usd"),
        "n_sources": len(sources), "sources": sources,
        "source_events": _unique(s["event_id"] for s in sources),
        "source_outlets": _unique(map(outlet_of, docs)), "source_urls": _unique(d.get("url") for d in docs),
        "first_reported": days[0] if days else None, "last_reported": days[-1] if days else None,
        "conflicts": conflicts, "n_conflicts": len(conflicts),
        "conflict_fields": _unique(c["field"] for c in conflicts),
        "findings": _unique(line for s in subjects for line in ctx.findings.get(s, ())),
    }
    for name in _STRING_FIELDS:
        row[name] = rec.get(name)
    for name in _INT_FIELDS:
        row[name] = rec.get(name)
    for name in _LIST_FIELDS:
        row[name] = [str(v) for v in rec.get(name) or ()]
    return {name: row[name] for name in CSV_COLUMNS}


def _total(values: Iterable[int | None]) -> int | None:
    """The sum of the figures given; None when none is."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _csv_cell(name: str, kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "list":
        return "; ".join(value)
    if kind == "weapons":
        return "; ".join(_weapon_text(w) for w in value)
    if kind == "released":
        return "; ".join(" ".join(p for p in (_number(r["count"]), r["name"] or "") if p)
                         + (f" (released by {r['released_by']})" if r["released_by"] else "") for r in value)
    if kind == "sources":  # the documents; their events are in source_events
        return "; ".join(_unique(s["document_id"] for s in value))
    if kind == "conflicts":
        return "; ".join(f"{c['field']}: " + " | ".join(
            f"{claim_text(json.loads(v['value']))} ({', '.join(v['claimed_by']) or v['document_id']})"
            for v in c["values"]) for c in value)
    if isinstance(value, float) and value.is_integer() and name == "amount":
        return str(int(value))
    return str(value)


def _weapon_text(w: dict[str, Any]) -> str:
    """``attack_drone (Shahed): 123 launched, 71 intercepted, 40 suppressed`` (figures not said left out)."""
    head = w["category"] + (f" ({w['model']})" if w["model"] else "")
    figures = [f"{w[k]} {k}" for k in ("launched", "intercepted", "suppressed") if w[k] is not None]
    return f"{head}: {', '.join(figures)}" if figures else head


# -- writers ----------------------------------------------------------------------------------

def _write_jsonl(bodies: Iterable[str], out: IO[str]) -> int:
    n = 0
    for body in bodies:  # the stored JSON itself, one line each: nothing parsed, nothing re-encoded
        out.write(body + "\n")
        n += 1
    return n


def _write_csv(records: Iterable[dict[str, Any]], out: IO[str], ctx: ExportContext) -> int:
    writer = csv.writer(out)  # RFC 4180: CRLF line ends, quotes doubled
    writer.writerow(CSV_COLUMNS)
    n = 0
    for rec in records:
        row = flat_row(rec, ctx)
        writer.writerow([_csv_cell(name, kind, row[name]) for name, kind in _FLAT])
        n += 1
    return n


def _write_acled(records: Iterable[dict[str, Any]], out: IO[str], ctx: ExportContext, *,
                 numbers: dict[str, int], include_other: bool) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for rec in records:
        if rec["id"] not in numbers:  # fused by a run that committed while this export read the ids
            numbers = acled_event_ids([*numbers, rec["id"]])
        row = acled_row(rec, ctx.source_docs(rec), numbers[rec["id"]], include_other=include_other)
        if row is not None:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            n += 1
    return n


def _point(loc: dict[str, Any]) -> list[float] | None:
    lat, lon = loc.get("lat"), loc.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [round(float(lon), 6), round(float(lat), 6)]  # RFC 7946: longitude first


def _feature_properties(rec: dict[str, Any], ctx: ExportContext) -> dict[str, Any]:
    row = flat_row(rec, ctx)
    for name in ("lat", "lon", "conflicts"):  # the geometry has the coordinates; conflicts as stored
        row.pop(name)
    row["conflicts"] = rec.get("conflicts") or []
    return row


def _write_geojson(records: Iterable[dict[str, Any]], out: IO[str], ctx: ExportContext) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for rec in records:
        point = _point(rec.get("location") or {})
        if point is None:
            continue
        feature = {"type": "Feature", "id": rec.get("id"), "geometry": {"type": "Point", "coordinates": point},
                   "properties": _feature_properties(rec, ctx)}
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        n += 1
    out.write("\n]}\n")
    return n


def _arrow_schema() -> Any:
    import pyarrow as pa

    s = pa.string()
    claims = pa.list_(s)
    kinds = {
        "str": s, "date": pa.date32(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(s),
        "weapons": pa.list_(pa.struct([("category", s), ("model", s), ("launched", pa.int64()),
                                       ("intercepted", pa.int64()), ("suppressed", pa.int64())])),
        "released": pa.list_(pa.struct([("name", s), ("count", pa.int64()), ("released_by", s)])),
        "sources": pa.list_(pa.struct([("document_id", s), ("event_id", s), ("claimed_by", claims),
                                       ("evidence", pa.list_(pa.struct([("start", pa.int64()),
                                                                        ("end", pa.int64())])))])),
        "conflicts": pa.list_(pa.struct([("field", s), ("values", pa.list_(pa.struct(
            [("value", s), ("document_id", s), ("claimed_by", claims)])))])),
    }
    return pa.schema([(name, kinds[kind]) for name, kind in _FLAT])


def _parquet_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "float":
        return float(value)
    return value


def _write_parquet(records: Iterable[dict[str, Any]], out: IO[bytes], ctx: ExportContext,
                   batch_size: int = 2048) -> int:  # one row group per batch
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            row = flat_row(rec, ctx)
            batch.append({name: _parquet_value(kind, row[name]) for name, kind in _FLAT})
            n += 1
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:  # an empty export is still a file with the schema
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


# -- output -----------------------------------------------------------------------------------

@contextmanager
def _open_output(output: str | None, binary: bool) -> Iterator[IO[Any]]:
    """Stdout for None or ``"-"``; else a temporary file beside ``output``, renamed onto it on success."""
    if output is None or output == "-":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"cannot write the export to {output}: it is a folder (give a file name)")
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write the export to {output}: no folder {folder}")
    tmp = folder / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies, as for open()
    except OSError as exc:
        raise UsageError(f"cannot write the export to {output}: {exc.strerror}") from exc
    fh: IO[Any] = os.fdopen(fd, "wb") if binary else io.open(fd, "w", encoding="utf-8", newline="")
    try:
        with fh:
            yield fh
        os.replace(tmp, target)
    except OSError as exc:  # a full disk, say: one clear line, not a traceback
        tmp.unlink(missing_ok=True)
        raise SitrepError(f"cannot write the export to {output}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _as_date(value: dt.date | str | None, option: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: not a date (YYYY-MM-DD): {value!r}") from None


def write_export(store: Store, fmt: str, output: str | None, *, date_from: dt.date | str | None = None,
                 date_to: dt.date | str | None = None, acled_include_other: bool = False) -> int:
    """Write the store's fused events in ``fmt`` to ``output`` (a path; None or ``"-"``: stdout).

    ``date_from``/``date_to`` bound the fused event's date, both inclusive; events with no
    date are left out when either is given. Returns how many fused events were written:
    for ``geojson`` those with coordinates, for ``acled-csv`` those ACLED would record
    (``acled_include_other`` adds statements, contacts, aid and sanctions as "Strategic
    developments / Other").

    >>> from sitrep.store import open_store
    >>> write_export(open_store(":memory:"), "xml", None)
    Traceback (most recent call last):
    ...
    sitrep.errors.UsageError: unknown export format 'xml' (one of jsonl, csv, acled-csv, geojson, parquet)
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    first, last = _as_date(date_from, "--from"), _as_date(date_to, "--to")
    if first is not None and last is not None and first > last:
        raise UsageError(f"--from {first} is after --to {last}: no day lies between")
    binary = fmt == "parquet"
    if binary and (output is None or output == "-") and sys.stdout.isatty():
        raise UsageError("parquet is binary and stdout is a terminal: give -o FILE (or pipe the output)")
    bodies = store.fused_bodies(date_from=first, date_to=last, batch=_BATCH)
    if fmt == "jsonl":
        with _open_output(output, binary) as out:
            return _write_jsonl(bodies, out)
    records = (json.loads(body) for body in bodies)
    ctx = ExportContext.from_store(store)
    with _open_output(output, binary) as out:
        if fmt == "csv":
            return _write_csv(records, out, ctx)
        if fmt == "geojson":
            return _write_geojson(records, out, ctx)
        if fmt == "parquet":
            return _write_parquet(records, out, ctx)
        numbers = acled_event_ids(store.fused_ids())
        return _write_acled(records, out, ctx, numbers=numbers, include_other=acled_include_other)
