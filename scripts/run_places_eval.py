#!/usr/bin/env python3
"""Geoparse the places dev set and write predictions for ``score_places.py``.

    .venv/bin/python scripts/run_places_eval.py [--gold ../shared/eval/places/dev.jsonl] [--out places.jsonl]
    python3 ../shared/eval/score_places.py --gold ../shared/eval/places/dev.jsonl --pred places.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from sitrep.normalize.places import geoparse  # noqa: E402


def predict(gold_path: Path) -> list[dict]:
    """One prediction row per gold row: every place found in its text, and the place-like names left
    unresolved with the reason (``score_places.py`` reads only ``places``)."""
    out = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        found = geoparse(row["text"])
        places = [{"name": p.name, "start": p.start, "end": p.end, "admin1": p.admin1, "admin2": p.admin2,
                   "country": p.country, "lat": p.lat, "lon": p.lon, "precision": p.precision,
                   "geonameid": p.geonameid} for p in found.places]
        unresolved = [{"text": u.text, "start": u.start, "end": u.end, "reason": u.reason} for u in found.unresolved]
        out.append({"id": row["id"], "places": places, "unresolved": unresolved})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "places" / "dev.jsonl")
    ap.add_argument("--out", type=Path, default=Path("places.jsonl"))
    a = ap.parse_args()
    rows = predict(a.gold)
    a.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows -> {a.out}; {sum(not r['places'] for r in rows)} with no place found, "
          f"{sum(bool(r['unresolved']) for r in rows)} with a place-like name reported unresolved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
