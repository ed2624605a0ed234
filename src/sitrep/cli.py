"""The ``sitrep`` command: a thin face over the library."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from sitrep.errors import InputError, SitrepError, UsageError
from sitrep.model import PlaceMention


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


def cmd_extract(args: argparse.Namespace) -> int:
    from sitrep.extract import extract_events
    from sitrep.ingest import read_documents
    from sitrep.model import event_to_contract

    read = failed = 0
    docs_out = open(args.documents, "w", encoding="utf-8", newline="\n") if args.documents else None
    try:
        with _output(args.output) as out:
            for item in read_documents(args.paths, reference_date=args.reference_date):
                if isinstance(item, InputError):
                    failed += 1
                    print(f"sitrep: skipped {item.document}: {item.reason}", file=sys.stderr)
                    continue
                read += 1
                for event in extract_events(item):
                    out.write(_line(event_to_contract(event)))
                if docs_out:
                    from sitrep.check import check_document

                    item.warnings.extend(f.to_record() for f in check_document(item))
                    docs_out.write(_line(item.to_record()))
    finally:
        if docs_out:
            docs_out.close()
    if read == 0:
        print(f"sitrep: no document could be read ({failed} failed)", file=sys.stderr)
        return 1
    return 0


def _place_record(m: PlaceMention) -> dict[str, object]:
    return {"name": m.name, "start": m.start, "end": m.end, "admin1": m.admin1, "admin2": m.admin2,
            "country": m.country, "lat": m.lat, "lon": m.lon, "precision": m.precision,
            "geonameid": m.geonameid, "relation": m.relation}


def cmd_geoparse(args: argparse.Namespace) -> int:
    from sitrep.ingest import read_documents
    from sitrep.normalize.places import geoparse

    read = failed = 0
    with _output(args.output) as out:
        for item in read_documents(args.paths):
            if isinstance(item, InputError):
                failed += 1
                print(f"sitrep: skipped {item.document}: {item.reason}", file=sys.stderr)
                continue
            read += 1
            # The same function extraction uses, over the whole text (site chrome included: a
            # geoparser reports every place the text names).
            found = geoparse(item.text)
            places = [_place_record(m) for m in found.places]
            # Place-like names left unresolved, with the reason: reported, never dropped silently.
            unresolved = [{"text": u.text, "start": u.start, "end": u.end, "reason": u.reason}
                          for u in found.unresolved]
            out.write(_line({"id": item.id, "places": places, "unresolved": unresolved}))
    if read == 0:
        print(f"sitrep: no document could be read ({failed} failed)", file=sys.stderr)
        return 1
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from sitrep.check import check_document
    from sitrep.ingest import read_documents

    read = failed = 0
    with _output(args.output) as out:
        for item in read_documents(args.paths, reference_date=args.reference_date):
            if isinstance(item, InputError):
                failed += 1
                print(f"sitrep: skipped {item.document}: {item.reason}", file=sys.stderr)
                continue
            read += 1
            if item.reference_date is None:
                print(f"sitrep: {item.id}: no reference date (give --reference-date): not checked", file=sys.stderr)
                continue
            for f in check_document(item):
                text = " ".join(f.text.split())
                out.write(f"{item.id}\t{f.start}-{f.end}\t{text}\t{f.reason}\n")
    if read == 0:
        print(f"sitrep: no document could be read ({failed} failed)", file=sys.stderr)
        return 1
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
