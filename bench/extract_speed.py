"""Extraction speed and memory on one core.

    .venv/bin/python bench/extract_speed.py                    # or: make bench
    .venv/bin/python bench/extract_speed.py --docs 3000 --repeat 3 --min-chars 4000

Builds a JSON Lines corpus of at least 1,500 documents from the dev texts
(../shared/eval/dev, read in place, never copied into the repository), each copy
under its own id, and measures:

- the command line: ``taskset -c 0 sitrep extract corpus.jsonl -o ...`` in a
  subprocess, wall time from launch to exit (interpreter start-up, imports and
  data loading included), and the subprocess's peak resident memory (wait4
  rusage);
- the steady state: the same reading, extraction and JSON writing in this
  process, pinned to core 0, after one warm-up document, so start-up is left out;
- start-up alone: ``sitrep extract`` of one short document.

Targets (the issue's): >= 50 documents/second on one core, peak RSS < 1 GB. The
exit status is 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
TARGET_DOCS_PER_S = 50.0
TARGET_RSS_MB = 1024.0


@dataclass(frozen=True)
class Run:
    """One measured run: how many documents, how long, and the most memory it held."""

    label: str
    documents: int
    seconds: float
    peak_rss_mb: float | None

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")


def build_corpus(path: Path, n_docs: int, min_chars: int) -> tuple[int, int]:
    """Write ``n_docs`` documents made of the dev texts (joined until ``min_chars`` long) to ``path``.

    Returns (documents, total characters)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    if not texts:
        sys.exit(f"bench: no dev texts in {DEV}: the shared folder must sit beside the repository")
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        k = 0
        for i in range(n_docs):
            parts = [texts[k % len(texts)]]
            k += 1
            while sum(map(len, parts)) < min_chars:
                parts.append(texts[k % len(texts)])
                k += 1
            text = "\n\n".join(parts)
            chars += len(text)
            out.write(json.dumps({"id": f"bench-{i:05d}", "text": text}) + "\n")
    return n_docs, chars


def pinned(cmd: list[str]) -> tuple[list[str], str]:
    """The command pinned to core 0, and how it was pinned."""
    taskset = shutil.which("taskset")
    if taskset:
        return [taskset, "-c", "0", *cmd], "taskset -c 0"
    return cmd, "not pinned (no taskset)"


def run_command(label: str, cmd: list[str], documents: int) -> Run:
    """Run ``cmd`` to the end; wall time and the child's own peak RSS (kilobytes on Linux)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return Run(label, documents, seconds, usage.ru_maxrss / 1024)


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def steady_state(corpus: Path, documents: int) -> tuple[Run, int]:
    """Read, extract and serialise the corpus in this process after a warm-up; (run, events)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    from sitrep.extract import extract_events
    from sitrep.ingest import read_documents
    from sitrep.model import Document, event_to_contract

    # Warm-up: imports, gazetteers and patterns load on first use, as they would at start-up.
    extract_events(Document("warm-up", "Russia launched 12 drones at Kharkiv overnight; 10 were shot down."))
    sink = io.StringIO()
    events = 0
    start = time.perf_counter()
    for doc in read_documents([corpus]):
        if isinstance(doc, Document):
            for event in extract_events(doc):
                sink.write(json.dumps(event_to_contract(event), ensure_ascii=False) + "\n")
                events += 1
    seconds = time.perf_counter() - start
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run("in-process steady state", documents, seconds, peak), events


def machine() -> str:
    model = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1500, help="documents in the corpus (default 1500)")
    ap.add_argument("--min-chars", type=int, default=0,
                    help="join dev texts until each document has this many characters (default: one text each)")
    ap.add_argument("--repeat", type=int, default=3, help="command-line runs; the median is reported (default 3)")
    args = ap.parse_args()
    sitrep = Path(sys.executable).with_name("sitrep")
    base = [str(sitrep)] if sitrep.exists() else [sys.executable, "-m", "sitrep.cli"]

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        corpus, events_out, docs_out = Path(tmp, "corpus.jsonl"), Path(tmp, "events.jsonl"), Path(tmp, "docs.jsonl")
        n_docs, n_chars = build_corpus(corpus, args.docs, args.min_chars)
        cmd, how = pinned([*base, "extract", str(corpus), "-o", str(events_out), "--documents", str(docs_out)])
        print(f"$ {' '.join(cmd)}")
        runs = [run_command("command line (start-up included)", cmd, n_docs) for _ in range(max(1, args.repeat))]
        read = count_lines(docs_out)
        n_events = count_lines(events_out)
        if read != n_docs:
            print(f"warning: {read} of {n_docs} documents were read", file=sys.stderr)
        cli = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]

        short = Path(tmp, "short.txt")
        short.write_text("Russia launched 12 drones at Kharkiv overnight; 10 were shot down.", encoding="utf-8")
        startup_cmd, _ = pinned([*base, "extract", str(short), "-o", str(Path(tmp, "short.jsonl"))])
        startup = run_command("start-up: one short document", startup_cmd, 1)
        steady, steady_events = steady_state(corpus, n_docs)

    print(f"\nsitrep extract, {n_docs:,} documents from the dev texts (mean {n_chars / n_docs:,.0f} characters), "
          f"{n_events:,} events; {how}")
    print(f"{dt.date.today().isoformat()}, {machine()}\n")
    print(f"{'':36}{'docs/s':>9}{'chars/s':>11}{'wall s':>9}{'peak RSS MB':>13}")
    for r in (cli, steady):
        print(f"{r.label:36}{r.docs_per_s:9.1f}{n_chars / r.seconds:11,.0f}{r.seconds:9.2f}{r.peak_rss_mb:13.0f}")
    print(f"{startup.label:36}{'':9}{'':11}{startup.seconds:9.2f}{startup.peak_rss_mb:13.0f}")
    if len(runs) > 1:
        print(f"command-line runs (s): {', '.join(f'{r.seconds:.2f}' for r in runs)}; "
              f"spread {statistics.pstdev(r.seconds for r in runs):.2f}")
    if steady_events != n_events:
        print(f"warning: the in-process loop found {steady_events} events, the command {n_events}", file=sys.stderr)
    peak = max(cli.peak_rss_mb or 0, steady.peak_rss_mb or 0)
    ok_speed, ok_memory = cli.docs_per_s >= TARGET_DOCS_PER_S, peak < TARGET_RSS_MB
    print(f"\ntargets: >= {TARGET_DOCS_PER_S:.0f} docs/s on one core: {'met' if ok_speed else 'MISSED'} "
          f"({cli.docs_per_s:.1f}, start-up included); peak RSS < 1 GB: {'met' if ok_memory else 'MISSED'} "
          f"({peak:.0f} MB)")
    return 0 if ok_speed and ok_memory else 1


if __name__ == "__main__":
    sys.exit(main())
