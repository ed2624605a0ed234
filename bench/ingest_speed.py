"""Ingest speed and memory on one core: read, extract, check, store and fuse into a fresh SQLite file.

    .venv/bin/python bench/ingest_speed.py
    .venv/bin/python bench/ingest_speed.py --docs 2000 --min-chars 1500 --max-chars 2500 --repeat 1

Builds a JSON Lines corpus of 2,000 distinct news-length documents at run time, each made of
sentences drawn at random from the dev texts (../shared/eval/dev, read in place, never
copied into the repository), the demo corpus (src/sitrep/demo) and the fusion test corpus
(tests/fusion/docs), in paragraphs of two to four, until it is between ``--min-chars`` and
``--max-chars`` long, with its own publication date. No two share more than a sentence or
two, so none is a duplicate or a near-duplicate of another: every document is extracted and
stored. Then it measures:

- the command line: ``taskset -c 0 sitrep ingest corpus.jsonl --db fresh.db -q`` in a
  subprocess, wall time from launch to exit (start-up, imports, data loading, fusion
  included), and its peak resident memory (wait4 rusage); the median of ``--repeat`` runs,
  each into a fresh database;
- re-ingest: the same command again on the filled database (every document a duplicate);
- extraction alone: ``sitrep extract`` of the same corpus, the baseline that ingest adds to;
- where the time goes: the same ingest in this process, pinned to core 0, into another fresh
  database, with the pipeline's own stage timings (reading, near-duplicates, extraction,
  checks, store writes, fusion).

Target (issue 4): >= 40 documents/second on one core, start-up included. The exit status is 1
when it is missed, or when the store does not hold every document.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO.parent / "shared" / "eval" / "dev", REPO / "src" / "sitrep" / "demo", REPO / "tests" / "fusion" / "docs"]
TARGET_DOCS_PER_S = 40.0
OUTLETS = ["Desk Wire", "North Wire", "Kyiv Desk", "Eastern Front Monitor", "Atlantic Bureau", "Capital Ledger"]

sys.path.insert(0, str(REPO / "bench"))
from extract_speed import machine, pinned  # noqa: E402  (the same helpers)


@dataclass(frozen=True)
class Run:
    """One measured command: documents, wall and CPU seconds, the most memory it held."""

    label: str
    documents: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")

    @property
    def docs_per_cpu_s(self) -> float:
        return self.documents / self.cpu_seconds if self.cpu_seconds else float("inf")


def run_command(label: str, cmd: list[str], documents: int) -> Run:
    """Run ``cmd`` to the end: wall time, the child's CPU time (user + system) and peak RSS (wait4 rusage).

    On a machine that others share, CPU time says what the wall time would be on an idle core.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{err[-2000:]}")
    return Run(label, documents, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“(])")


def sentences() -> list[str]:
    """Distinct sentences (40 characters or more) of the source texts' paragraphs, in a fixed order."""
    seen: dict[str, None] = {}
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
                for sentence in _SENTENCE_END.split(" ".join(para.split())):
                    if len(sentence) >= 40:
                        seen.setdefault(sentence)
    if len(seen) < 500:
        sys.exit(f"bench: only {len(seen)} sentences found in {', '.join(map(str, SOURCES))}: "
                 "the shared folder must sit beside the repository")
    return list(seen)


def build_corpus(path: Path, n_docs: int, min_chars: int, max_chars: int, seed: int = 4) -> tuple[int, int]:
    """Write ``n_docs`` documents of random sentences, each ``min_chars``-``max_chars`` long; (documents, characters).

    Sentences, not whole paragraphs: the sources have about 400 paragraphs, so 2,000 documents
    of paragraphs would each share whole paragraphs with dozens of others, far more than news
    does, and the near-duplicate check would compare them in full again and again. Drawn from
    about 1,000 sentences, two documents share a sentence or two at most.
    """
    pool = sentences()
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_docs):
            rng = random.Random(seed * 1_000_003 + i)
            target = rng.randint(min_chars, max_chars)
            paragraphs: list[str] = []
            size = 0
            picks = iter(rng.sample(pool, len(pool)))
            while size < target:
                para = []
                for sentence in picks:
                    if size + len(sentence) > max_chars:
                        continue
                    para.append(sentence)
                    size += len(sentence) + 1
                    if len(para) >= rng.randint(2, 4) or size >= target:
                        break
                else:
                    break
                paragraphs.append(" ".join(para))
                size += 1
            text = "\n\n".join(paragraphs)
            chars += len(text)
            published = dt.date(2023, 1, 1) + dt.timedelta(days=(i * 37) % 1000)
            out.write(json.dumps({"id": f"bench-{i:05d}", "published": published.isoformat(),
                                  "outlet": OUTLETS[i % len(OUTLETS)], "text": text}, ensure_ascii=False) + "\n")
    return n_docs, chars


def stored(db: Path) -> dict[str, int]:
    from sitrep.store import open_store

    with open_store(db) as store:
        return store.counts()


def in_process(corpus: Path, db: Path) -> tuple[float, float, dict[str, float]]:
    """The same ingest in this process on core 0: (wall seconds, CPU seconds, stage timings)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    from sitrep.pipeline import ingest_paths
    from sitrep.store import open_store

    with open_store(db) as store:
        start, cpu = time.perf_counter(), time.process_time()
        summary = ingest_paths(store, [corpus])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu, dict(summary.timings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000, help="documents in the corpus (default 2000)")
    ap.add_argument("--min-chars", type=int, default=1500, help="shortest document (default 1500 characters)")
    ap.add_argument("--max-chars", type=int, default=2500, help="longest document, about (default 2500)")
    ap.add_argument("--repeat", type=int, default=1, help="command-line runs; the median is reported (default 1)")
    ap.add_argument("--no-split", action="store_true", help="skip the in-process run that splits the time by stage")
    args = ap.parse_args()
    sitrep = Path(sys.executable).with_name("sitrep")
    base = [str(sitrep)] if sitrep.exists() else [sys.executable, "-m", "sitrep.cli"]

    with tempfile.TemporaryDirectory(prefix="sitrep-ingest-bench-") as tmp:
        corpus = Path(tmp, "corpus.jsonl")
        n_docs, n_chars = build_corpus(corpus, args.docs, args.min_chars, args.max_chars)
        runs: list[Run] = []
        for k in range(max(1, args.repeat)):
            db = Path(tmp, f"fresh-{k}.db")
            cmd, how = pinned([*base, "ingest", str(corpus), "--db", str(db), "-q"])
            if k == 0:
                print(f"$ {' '.join(cmd)}")
            runs.append(run_command("command line (start-up included)", cmd, n_docs))
        counts = stored(Path(tmp, "fresh-0.db"))
        extract_cmd, _ = pinned([*base, "extract", str(corpus), "-o", str(Path(tmp, "events.jsonl"))])
        extract_only = run_command("sitrep extract alone (same corpus)", extract_cmd, n_docs)
        again_cmd, _ = pinned([*base, "ingest", str(corpus), "--db", str(Path(tmp, "fresh-0.db")), "-q"])
        again = run_command("re-ingest (all stored already)", again_cmd, n_docs)
        split = None if args.no_split else in_process(corpus, Path(tmp, "split.db"))

    cli = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    print(f"\nsitrep ingest, {n_docs:,} documents (mean {n_chars / n_docs:,.0f} characters, "
          f"{args.min_chars:,}-{args.max_chars:,}) into a fresh SQLite file; {how}")
    print(f"{dt.date.today().isoformat()}, {machine()}\n")
    print(f"stored: {counts['documents']:,} documents ({counts['near_duplicates']} near-duplicates, "
          f"{counts['failed']} failed), {counts['events']:,} events, {counts['fused_events']:,} fused events, "
          f"{counts['findings']:,} findings\n")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{'':36}{'docs/s':>9}{'chars/s':>11}{'wall s':>9}{'CPU s':>8}{'docs/CPU s':>12}{'peak RSS MB':>13}")
    for r in (cli, again, extract_only):
        print(f"{r.label:36}{r.docs_per_s:9.1f}{n_chars / r.seconds:11,.0f}{r.seconds:9.2f}{r.cpu_seconds:8.2f}"
              f"{r.docs_per_cpu_s:12.1f}{r.peak_rss_mb:13.0f}")
    if len(runs) > 1:
        print(f"command-line runs (s): {', '.join(f'{r.seconds:.2f}' for r in runs)}; "
              f"spread {statistics.pstdev(r.seconds for r in runs):.2f}")
    print(f"load average at the end: {load:.2f} (on a shared machine, wall time above CPU time is time spent waiting "
          "for the core)")
    if split is not None:
        seconds, cpu, timings = split
        print(f"\nin-process, core 0, start-up left out: {n_docs / seconds:.1f} docs/s ({seconds:.2f} s wall, "
              f"{cpu:.2f} s CPU: {n_docs / cpu:.1f} docs per CPU second); by stage (wall):")
        stages = [k for k in ("read", "near_duplicates", "extract", "check", "store", "fuse", "sign_missing",
                              "count_inputs") if k in timings]
        for k in stages:
            print(f"  {k:18}{timings[k]:8.2f} s {100 * timings[k] / seconds:5.1f}%  "
                  f"{1000 * timings[k] / n_docs:6.2f} ms/doc")
    ok_speed = cli.docs_per_s >= TARGET_DOCS_PER_S
    ok_store = counts["documents"] == n_docs and counts["near_duplicates"] == 0
    print(f"\ntarget: >= {TARGET_DOCS_PER_S:.0f} docs/s on one core, start-up included: "
          f"{'met' if ok_speed else 'MISSED'} ({cli.docs_per_s:.1f}; {cli.docs_per_cpu_s:.1f} per CPU second); "
          "every document stored, none linked: "
          f"{'yes' if ok_store else 'NO'}")
    return 0 if ok_speed and ok_store else 1


if __name__ == "__main__":
    sys.exit(main())
