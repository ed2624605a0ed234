#!/usr/bin/env python3
"""Geoparsing speed: gazetteer load time, peak memory, and short texts per second on one core.

    taskset -c 0 .venv/bin/python bench/geoparse_speed.py

Measured 2026-11-26 on the 2-core dev machine (shared with other jobs, load ~2.3;
CPU time of the best of five passes), command above, two runs (figures in bench/README.md):
    gazetteer + actor KB load 0.30-0.46 s (+0.3 s importing sitrep); misspelling index 0.2-0.3 s
    peak RSS 46 MB after loading, 51 MB after the runs
    short texts (places dev, one line each): 5,600-7,900 texts/s with geoparse (places + unresolved)
    dev documents (news length, ~1,400 chars): 530-770 texts/s
Targets: load < 1 s, < 300 MB, >= 500 short texts/s.

Short texts are the places dev set's one-line event descriptions (read from
../shared at run time, never copied); news-length texts are the dev documents.
"""
from __future__ import annotations

import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT / "src"))


TARGETS = "load < 1 s, peak RSS < 300 MB, >= 500 short texts/s on one core"


def main() -> int:
    import json
    import os
    import shlex

    # The command first, so that a pasted result says how it was made.
    pinned = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    pin = f"taskset -c {min(pinned)} " if pinned and len(pinned) == 1 else ""
    print(f"command: {pin}{shlex.join([sys.executable, *sys.argv])} (cores allowed: {len(pinned) if pinned else '?'})")

    t0 = time.perf_counter()
    from sitrep.normalize.actors import actor_by_name
    from sitrep.normalize.gazetteer import load_gazetteer
    from sitrep.normalize.places import geoparse

    t1 = time.perf_counter()
    g = load_gazetteer()
    t2 = time.perf_counter()
    actor_by_name("Zelensky")  # the actor knowledge base is read on first use
    t3 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = t3 - t1
    print(f"gazetteer: {len(g.places):,} places, {len(g.names) + len(g.alts):,} names, load {t2 - t1:.3f} s; "
          f"actor KB load {t3 - t2:.3f} s; together {load:.3f} s "
          f"(+ {t1 - t0:.3f} s importing the sitrep package)")
    print(f"peak RSS after loading: {rss_mb:.0f} MB")

    short = [json.loads(x)["text"] for x in (SHARED / "places" / "dev.jsonl").read_text().splitlines() if x.strip()]
    docs = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "dev").glob("*.txt"))]
    t4 = time.perf_counter()
    g.skeletons  # built on the first misspelt name: timed apart, as part of loading
    print(f"misspelling index: {len(g.skeletons):,} skeletons, built in {time.perf_counter() - t4:.3f} s")
    gc.disable()
    rates = {}
    for label, texts, rounds in (("short texts", short, 5), ("dev documents", docs, 5)):
        geoparse(texts[0])  # warm
        # CPU time of the best pass: on a shared machine, waits for the core are not the code's.
        best = float("inf")
        found = unresolved = 0
        for _ in range(rounds):
            t = time.process_time()
            results = [geoparse(text) for text in texts]
            best = min(best, time.process_time() - t)
            found = sum(len(r.places) for r in results)
            unresolved = sum(len(r.unresolved) for r in results)
        chars = sum(map(len, texts))
        rates[label] = len(texts) / best
        print(f"{label} ({len(texts)}): {rates[label]:,.0f} texts/s ({chars / best / 1e6:.2f} M chars/s; "
              f"{found} places, {unresolved} unresolved a pass)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS after runs: {peak:.0f} MB")
    ok = load < 1.0 and peak < 300 and rates["short texts"] >= 500
    print(f"targets ({TARGETS}): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
