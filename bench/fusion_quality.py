"""Fusion quality on the fusion test corpus, and fusion speed on real and synthetic stores.

    .venv/bin/python bench/fusion_quality.py            # quality + speed
    .venv/bin/python bench/fusion_quality.py --docs 2000 --skip-real

Quality, on tests/fusion and the blind corpora tests/fusion_blind, _blind2 and _blind3: every
document of the corpus is extracted and the events fused with ``sitrep.fuse.fuse``; each fused event's sources are mapped to gold
clusters as tests/fusion/README.md says ("Scoring fusion"), and pairwise precision, recall and F1
are printed, with the fusion recall (gold pairs whose two reports both yield an event of the
cluster: what fusion can reach once extraction has missed what it missed).

Speed: ``fuse_store`` on a SQLite store holding all of ../shared/eval/dev, tests/fusion/docs and
the demo corpus (fused at once, then again adding the documents in batches of 25), and on a
synthetic store of ``--docs`` documents: copies of those documents, each copy's events moved by
a few days so that the store spans years, like a real archive. Times are per document.
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from sitrep.extract import extract_events  # noqa: E402
from sitrep.fuse import fuse_store  # noqa: E402
from sitrep.ingest import read_documents  # noqa: E402
from sitrep.model import Document, Event  # noqa: E402
from sitrep.store import open_store  # noqa: E402
from test_fusion_corpus import fuse_corpus, fusion_figures, load_gold  # noqa: E402

SOURCES = [REPO.parent / "shared" / "eval" / "dev", REPO / "tests" / "fusion" / "docs", REPO / "src" / "sitrep" / "demo"]


CORPORA = {"fusion corpus": REPO / "tests" / "fusion", "blind fusion corpus": REPO / "tests" / "fusion_blind",
           "second blind fusion corpus": REPO / "tests" / "fusion_blind2",
           "third blind fusion corpus": REPO / "tests" / "fusion_blind3"}


def quality() -> None:
    from sitrep.fuse import fuse
    for name, root in CORPORA.items():
        started = time.perf_counter()
        fused, events = fuse_corpus(root / "docs")
        took = time.perf_counter() - started
        docs_start = time.perf_counter()
        # fuse alone, on the events already extracted (the documents' records are read again: cheap)
        docs = {d.id: d.to_record() for d in read_documents(root / "docs") if isinstance(d, Document)}
        t0 = time.perf_counter()
        again = fuse(list(events.values()), docs)
        fuse_ms = (time.perf_counter() - t0) * 1000
        assert again == fused
        f = fusion_figures(load_gold(root), fused, events)
        p, r = f["precision"], f["recall"]
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name}: {len(docs)} documents, {len(events)} events -> {len(fused)} fused events "
              f"(extract + fuse {took:.2f} s; documents read {t0 - docs_start:.2f} s)")
        print(f"  pairwise precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  "
              f"(gold pairs {f['gold_pairs']}, reachable after extraction {f['reachable_pairs']})")
        print(f"  fusion recall (reachable pairs) {f['fusion_recall']:.4f}")
        print(f"  fuse time {fuse_ms:.1f} ms for {len(events)} events")


def _extracted() -> list[tuple[Document, list[Event]]]:
    out = []
    for path in SOURCES:
        for doc in read_documents(path):
            if isinstance(doc, Document):
                out.append((doc, extract_events(doc)))
    return out


def _shifted(doc: Document, events: list[Event], n: int) -> tuple[Document, list[Event]]:
    days = dt.timedelta(days=3 * n)
    new = dataclasses.replace(doc, id=f"{doc.id}-c{n}", text=f"{doc.text}\n\n(copy {n})",
                              reference_date=doc.reference_date + days if doc.reference_date else None)
    moved = []
    for e in events:
        e2 = copy.deepcopy(e)
        e2.document_id = new.id
        if e2.date:
            e2.date = (dt.date.fromisoformat(e2.date) + days).isoformat()
        moved.append(e2)
    return new, moved


def speed(n_docs: int, skip_real: bool) -> None:
    base = _extracted()
    with tempfile.TemporaryDirectory() as tmp:
        if not skip_real:
            store = open_store(Path(tmp) / "real.db")
            for doc, events in base:
                store.add_document(doc, events)
            t0 = time.perf_counter()
            res = fuse_store(store)
            took = time.perf_counter() - t0
            c = store.counts()
            print(f"real corpora ({c['documents']} documents, {c['events']} events) fused at once: {took * 1000:.0f} ms, "
                  f"{took * 1000 / c['documents']:.2f} ms per document -> {c['fused_events']} fused events")
            store.close()
            store = open_store(Path(tmp) / "batches.db")
            took = 0.0
            for i in range(0, len(base), 25):
                for doc, events in base[i:i + 25]:
                    store.add_document(doc, events)
                t0 = time.perf_counter()
                fuse_store(store)
                took += time.perf_counter() - t0
            print(f"same, added and fused in batches of 25: {took * 1000:.0f} ms in all, "
                  f"{took * 1000 / len(base):.2f} ms per document; {res.format()}")
            store.close()
        store = open_store(Path(tmp) / "synthetic.db")
        n = 0
        copies = 0
        while n < n_docs:
            for doc, events in base:
                if n >= n_docs:
                    break
                d, evs = _shifted(doc, events, copies)
                store.add_document(d, evs)
                n += 1
            copies += 1
        c = store.counts()
        t0 = time.perf_counter()
        res = fuse_store(store)
        took = time.perf_counter() - t0
        print(f"synthetic store ({c['documents']} documents, {c['events']} events) fused at once: {took:.2f} s, "
              f"{took * 1000 / c['documents']:.2f} ms per document -> {store.counts()['fused_events']} fused events")
        extra = [_shifted(doc, events, copies + 1) for doc, events in base[:25]]
        for d, evs in extra:
            store.add_document(d, evs)
        t0 = time.perf_counter()
        res = fuse_store(store)
        took = time.perf_counter() - t0
        print(f"then 25 more documents fused incrementally: {took * 1000:.0f} ms, {took * 1000 / 25:.2f} ms per document "
              f"({res.affected_events} events re-fused)")
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="documents in the synthetic store (default 2000)")
    ap.add_argument("--skip-real", action="store_true", help="skip the store of the real corpora")
    ap.add_argument("--quality-only", action="store_true")
    args = ap.parse_args()
    quality()
    if not args.quality_only:
        speed(args.docs, args.skip_real)


if __name__ == "__main__":
    main()
