#!/usr/bin/env python3
"""Geoparsing speed: gazetteer load time, peak memory, and short texts per second on one core.

    taskset -c 0 .venv/bin/python bench/geoparse_speed.py

Measured 2026-11-26 on the 2-core dev machine (shared with other jobs, so the
spread of three runs is given), command above:
    gazetteer: 43,278 places, 70,257 names; load 0.26-0.31 s (+0.1-0.3 s importing sitrep)
    peak RSS 52 MB after loading, 72 MB after the runs
    short texts (places dev, one line each): 5,400-8,900 texts/s
    dev documents (news length, ~2,000 chars): 520-810 texts/s
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


def main() -> int:
    import json

    t0 = time.perf_counter()
    from sitrep.normalize.gazetteer import load_gazetteer
    from sitrep.normalize.places import find_places

    t1 = time.perf_counter()
    g = load_gazetteer()
    t2 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer: {len(g.places)} places, {len(g.names) + len(g.alts)} names; load {t2 - t1:.3f} s "
          f"(+ {t1 - t0:.3f} s importing the sitrep package); peak RSS {rss_mb:.0f} MB")

    short = [json.loads(x)["text"] for x in (SHARED / "places" / "dev.jsonl").read_text().splitlines() if x.strip()]
    docs = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "dev").glob("*.txt"))]
    gc.disable()
    for label, texts, rounds in (("short texts", short, 5), ("dev documents", docs, 3)):
        find_places(texts[0])  # warm
        t = time.perf_counter()
        n = found = 0
        for _ in range(rounds):
            for text in texts:
                found += len(find_places(text))
                n += 1
        dt = time.perf_counter() - t
        chars = sum(map(len, texts)) * rounds
        print(f"{label}: {n / dt:,.0f} texts/s ({chars / dt / 1e6:.2f} M chars/s, {found // rounds} places a pass)")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS after runs: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
