"""The ``sitrep`` command: a thin face over the library."""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from sitrep.errors import InputError, SitrepError, UsageError
from sitrep.model import Document, PlaceMention


def _date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {s!r}") from None


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None or path == "-":
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            yield fh


def _line(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": ")) + "\n"


class _Readable:
    """The documents of the given paths; each one that cannot be read gets one line on stderr, and the
    batch goes on. ``read`` counts the good ones: a command fails only when none could be read."""

    def __init__(self, paths: list[str], reference_date: dt.date | None = None) -> None:
        self.paths, self.reference_date = paths, reference_date
        self.read = self.failed = 0

    def __iter__(self) -> Iterator[Document]:
        from sitrep.ingest import read_documents

        for item in read_documents(self.paths, reference_date=self.reference_date):
            if isinstance(item, InputError):
                self.failed += 1
                print(f"sitrep: skipped {item.document}: {item.reason}", file=sys.stderr)
                continue
            self.read += 1
            yield item

    def status(self) -> int:
        if self.read == 0:
            print(f"sitrep: no document could be read ({self.failed} failed)", file=sys.stderr)
            return 1
        return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from sitrep.check import check_document
    from sitrep.extract import extract_events
    from sitrep.model import event_to_contract

    docs = _Readable(args.paths, args.reference_date)
    docs_out = open(args.documents, "w", encoding="utf-8", newline="\n") if args.documents else None
    try:
        with _output(args.output) as out:
            for doc in docs:
                for event in extract_events(doc):
                    out.write(_line(event_to_contract(event)))
                if docs_out:
                    doc.warnings.extend(f.to_record() for f in check_document(doc))
                    docs_out.write(_line(doc.to_record()))
    finally:
        if docs_out:
            docs_out.close()
    return docs.status()


def _place_record(m: PlaceMention) -> dict[str, object]:
    return {"name": m.name, "start": m.start, "end": m.end, "admin1": m.admin1, "admin2": m.admin2,
            "country": m.country, "lat": m.lat, "lon": m.lon, "precision": m.precision,
            "geonameid": m.geonameid, "relation": m.relation}


def cmd_geoparse(args: argparse.Namespace) -> int:
    from sitrep.normalize.places import geoparse

    docs = _Readable(args.paths)
    with _output(args.output) as out:
        for doc in docs:
            # The same function extraction uses, over the whole text (site chrome included: a
            # geoparser reports every place the text names).
            found = geoparse(doc.text)
            places = [_place_record(m) for m in found.places]
            # Place-like names left unresolved, with the reason: reported, never dropped silently.
            unresolved = [{"text": u.text, "start": u.start, "end": u.end, "reason": u.reason}
                          for u in found.unresolved]
            out.write(_line({"id": doc.id, "places": places, "unresolved": unresolved}))
    return docs.status()


def cmd_check(args: argparse.Namespace) -> int:
    from sitrep.check import check_document

    docs = _Readable(args.paths, args.reference_date)
    with _output(args.output) as out:
        for doc in docs:
            if doc.reference_date is None:
                print(f"sitrep: {doc.id}: no reference date (give --reference-date): not checked", file=sys.stderr)
                continue
            for f in check_document(doc):
                text = " ".join(f.text.split())
                out.write(f"{doc.id}\t{f.start}-{f.end}\t{text}\t{f.reason}\n")
    return docs.status()


def cmd_eval(args: argparse.Namespace) -> int:
    from sitrep.evaluate import AliasTable, evaluate

    aliases = AliasTable.load(args.aliases)
    report, failed = evaluate(args.gold_dirs, args.pred, aliases=aliases)
    for err in failed:
        print(f"sitrep: skipped {err.document}: {err.reason}", file=sys.stderr)
    if args.json:
        body = report.to_dict()
        if args.by_prefix:
            body["by_prefix"] = {g: {k: v for k, v in r.to_dict().items() if k not in ("by_type", "by_slot", "misses")}
                                 for g, r in report.by_group().items()}
        sys.stdout.write(json.dumps(body, indent=2) + "\n")
    else:
        sys.stdout.write(report.format_text())
        if args.by_prefix:
            sys.stdout.write(report.format_groups())
    return 0


def _open_store(args: argparse.Namespace):  # -> sitrep.store.Store, imported lazily for start-up time
    from sitrep.store import default_db_path, open_store

    return open_store(default_db_path(args.db))


def cmd_ingest(args: argparse.Namespace) -> int:
    from sitrep.pipeline import ingest_paths

    progress = sys.stderr if sys.stderr.isatty() and not args.quiet else None
    with _open_store(args) as store:
        summary = ingest_paths(store, args.paths, reference_date=args.reference_date, progress=progress)
    print(summary.format(), file=sys.stderr)
    return summary.exit_status()


def cmd_brief(args: argparse.Namespace) -> int:
    from sitrep.model import date_of_war_day
    from sitrep.report.brief import build_brief, busiest_day, render_html, render_markdown

    with _open_store(args) as store:
        if args.busiest:
            day = busiest_day(store)
            if day is None:
                raise UsageError("the store holds no dated event: nothing to brief (run sitrep ingest first)")
        else:
            day = args.date if args.date is not None else date_of_war_day(args.day)
        brief = build_brief(store, day)
    text = render_html(brief) if args.format == "html" else render_markdown(brief)
    with _output(args.output) as out:
        out.write(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sitrep.report.export import write_export

    with _open_store(args) as store:
        n = write_export(store, args.format, args.output, date_from=args.date_from, date_to=args.date_to)
    if args.output not in (None, "-"):
        print(f"sitrep: {n} fused events written to {args.output}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sitrep", description="War reporting in, verifiable events out.")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract contract events (JSON Lines) from documents")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html or .jsonl files, or folders of them")
    p.add_argument("-o", "--output", metavar="FILE", help="write events here instead of stdout")
    p.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD",
                   help="the date texts speak from, where neither record nor text gives one")
    p.add_argument("--documents", metavar="FILE", help="also write one document record a line here")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("geoparse", help="places each document names, resolved (JSON Lines)",
                       description="One line per document: {\"id\", \"places\": [{\"name\", \"start\", \"end\", "
                                   "\"admin1\", \"admin2\", \"country\", \"lat\", \"lon\", \"precision\", "
                                   "\"geonameid\", \"relation\"}] (relation: \"near\", \"south of\"... where the "
                                   "text places it relative to the place), \"unresolved\": [{\"text\", \"start\", \"end\", "
                                   "\"reason\"}]}: place-like names the gazetteer could not resolve, and why.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=".txt, .html or .jsonl ({\"id\", \"text\"}) files, or folders of them")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=cmd_geoparse)

    p = sub.add_parser("check", help="stale titles and claims, against the knowledge base at each document's date",
                       description="One line per finding: document id, start-end offsets, the text, the reason "
                                   "(tab-separated). Exit 0 whether or not anything is found.")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html or .jsonl files, or folders of them")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD",
                   help="the date texts speak from, where neither record nor text gives one")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("eval", help="score extraction against gold folders (the figures of score.py)",
                       description="Extract the gold texts (GOLD_DIR/<id>.txt beside <id>.json), or read "
                                   "--pred, and score the events against the gold.")
    p.add_argument("gold_dirs", nargs="+", metavar="GOLD_DIR", help="folders of <id>.json gold with <id>.txt")
    p.add_argument("--pred", metavar="FILE", help="score these events (JSON Lines) instead of extracting")
    p.add_argument("--json", action="store_true", help="print the whole report as JSON")
    p.add_argument("--aliases", metavar="FILE", help="name alias table to use instead of sitrep's own")
    p.add_argument("--by-prefix", action="store_true",
                   help="also print the headline figures per document group (id up to the first '-')")
    p.set_defaults(func=cmd_eval)

    db_help = "the store: a SQLite file or a SQLAlchemy URL (default: $SITREP_DB, else sitrep.db here)"
    p = sub.add_parser("ingest", help="read, extract, store and fuse documents (skips those already stored)",
                       description="Read documents, skip those stored already (same content hash), link "
                                   "near-duplicates to their original, extract, store and fuse. Prints a "
                                   "summary; documents that cannot be read are recorded with the reason.")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html or .jsonl files, or folders of them")
    p.add_argument("--db", metavar="PATH", help=db_help)
    p.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD",
                   help="the date texts speak from, where neither record nor text gives one")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("brief", help="the daily brief of one day, from the store (Markdown or HTML)")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the day to brief")
    when.add_argument("--day", type=int, metavar="N", help="the day of the war (24 February 2022 is day 1)")
    when.add_argument("--busiest", action="store_true", help="the day with the most events in the store")
    p.add_argument("--format", choices=("md", "html"), default="md", help="Markdown (default) or one HTML file")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--db", metavar="PATH", help=db_help)
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("export", help="fused events from the store, as JSONL, CSV, ACLED-style CSV, GeoJSON or Parquet")
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "acled-csv", "geojson", "parquet"))
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help="first day (inclusive)")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help="last day (inclusive)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--db", metavar="PATH", help=db_help)
    p.set_defaults(func=cmd_export)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as err:
        print(f"sitrep: {err}", file=sys.stderr)
        return 2
    except SitrepError as err:
        print(f"sitrep: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


# The cyclic collector's thresholds for a run of the command: a batch allocates millions of short-lived
# objects beside a large heap that lives for the whole run (gazetteer, knowledge base, patterns), and at
# Python's default (700, 10, 10) every few hundred documents a full collection walks that heap again: 1.4 s
# of CPU in 1,000 documents ingested, 0.4 s at these thresholds (measured with gc.callbacks). Cycles are
# still collected, later.
GC_THRESHOLDS = (20_000, 20, 50)


def entry() -> int:
    """The ``sitrep`` command: :func:`main` with the collector tuned for a batch (:data:`GC_THRESHOLDS`).
    Set here, not in :func:`main`, so that code calling :func:`main` keeps its own collector settings."""
    gc.set_threshold(*GC_THRESHOLDS)
    return main()


if __name__ == "__main__":
    sys.exit(entry())
