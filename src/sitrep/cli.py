"""The ``sitrep`` command: a thin face over the library."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from sitrep.errors import InputError, SitrepError, UsageError


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
                    docs_out.write(_line(item.to_record()))
    finally:
        if docs_out:
            docs_out.close()
    if read == 0:
        print(f"sitrep: no document could be read ({failed} failed)", file=sys.stderr)
        return 1
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
