"""The fusion test corpus (tests/fusion): whole, consistent with its gold, and readable by extraction.

Fusion itself is judged later against this gold; here we check that the corpus can carry that judgement:
enough documents and events, every document placed in the gold, distractor pairs really apart, and
``sitrep extract`` finding, for most reports of each event, an event of the event's type.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from sitrep.cli import main

FUSION = Path(__file__).resolve().parent / "fusion"
DOCS = FUSION / "docs"
TYPES = {"aerial_attack", "shelling", "ground_combat", "territory_change", "attack", "arrest",
         "prisoner_exchange", "aid_pledge", "sanctions", "diplomatic_contact", "statement", "agreement"}
# A leading " date YYYY-MM-DD " marker, or a dateline such as "KYIV, April 4 (Outlet) —" / "MOSCOW —".
_DATED = re.compile(r"\A\s*date\s+\d{4}-\d\d-\d\d\s|\A\s*[A-Z][A-Z ]+(?:,[^\n]{0,30})?\s+—")

# Extraction coverage measured on 2026-11-26: see test_extraction_covers_most_reports.
COVERAGE_FLOOR = 0.98


def load_gold(root: Path | None = None) -> dict:
    """The gold of a corpus (default tests/fusion), as written in its clusters.json."""
    return json.loads(((root or FUSION) / "clusters.json").read_text(encoding="utf-8"))


def gold_units(gold: dict) -> dict[tuple[str, int], int]:
    """Every scored report as a unit ``(document_id, cluster_index)`` -> its cluster index.

    Mentions (a document only referring back to an event) are not units: they are neither required nor
    penalised."""
    return {(r["document_id"], i): i for i, c in enumerate(gold["clusters"]) for r in c["reports"]}


def pairwise_scores(gold: dict, fused: list[list[tuple[str, int | None]]]) -> tuple[float, float]:
    """Pairwise precision and recall of predicted fused events against the gold.

    ``fused`` is the predicted fused events, each a list of its per-document events already mapped to
    ``(document_id, cluster_index)``, the index being None for an event of no gold cluster (see README).
    Gold pairs: two units of different documents in one cluster. Predicted pairs: two per-document
    events of different documents in one fused event; one is right when both map to the same cluster.
    Pairs touching a mention (a document in a cluster's ``mentions`` but not its reports) are ignored.
    """
    units = gold_units(gold)
    mentions = {(m["document_id"], i) for i, c in enumerate(gold["clusters"]) for m in c.get("mentions", [])}
    gold_pairs = {frozenset(p) for c in _by_cluster(units).values() for p in combinations(c, 2)
                  if p[0][0] != p[1][0]}
    predicted: set[frozenset] = set()
    for group in fused:
        for a, b in combinations(group, 2):
            if a[0] == b[0] or (a in mentions and a not in units) or (b in mentions and b not in units):
                continue
            predicted.add(frozenset((a, b)))
    right = len(predicted & gold_pairs)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(gold_pairs) if gold_pairs else 1.0
    return precision, recall


def _by_cluster(units: dict[tuple[str, int], int]) -> dict[int, list[tuple[str, int]]]:
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for unit, i in units.items():
        out[i].append(unit)
    return out


def test_corpus_is_big_enough_and_dated() -> None:
    docs = sorted(DOCS.glob("*.txt"))
    assert len(docs) >= 60
    for path in docs:
        text = path.read_text(encoding="utf-8")
        assert _DATED.match(text), f"{path.name} has no date line or dateline"
        assert 80 <= len(text.split()) <= 250, f"{path.name}: {len(text.split())} words"


def test_gold_is_whole_and_consistent() -> None:
    gold = load_gold()
    clusters = gold["clusters"]
    docs = {p.stem for p in DOCS.glob("*.txt")}
    assert sum(len(c["reports"]) >= 2 for c in clusters) >= 15
    placed = {r["document_id"] for c in clusters for r in c["reports"]} | set(gold.get("pure_distractors", []))
    assert docs <= placed, f"documents in no cluster: {sorted(docs - placed)}"
    for c in clusters:
        assert c["type"] in TYPES, c["event"]
        dt.date.fromisoformat(c["date"])
        ids = [r["document_id"] for r in c["reports"]] + [m["document_id"] for m in c.get("mentions", [])]
        assert set(ids) <= docs, f"{c['event']}: unknown documents {sorted(set(ids) - docs)}"
        assert len(ids) == len(set(ids)), f"{c['event']}: a document listed twice"
        assert all(r["note"] for r in c["reports"])
    # Distractor pairs exist and share no cluster as reports: a fuser joining them is wrong.
    together = {frozenset((a["document_id"], b["document_id"]))
                for c in clusters for a, b in combinations(c["reports"], 2)}
    assert len(gold["must_not_fuse"]) >= 10
    for a, b, reason in gold["must_not_fuse"]:
        assert {a, b} <= docs and reason
        assert frozenset((a, b)) not in together, f"{a} and {b} are both in one cluster"


def test_distinct_real_events_and_days() -> None:
    gold = load_gold()
    multi = [c for c in gold["clusters"] if len(c["reports"]) >= 2]
    assert len({c["event"] for c in multi}) == len(multi)
    assert len({c["date"] for c in multi}) >= 15  # events on many different days, 2022-2025
    assert {c["date"][:4] for c in multi} >= {"2022", "2023", "2024", "2025"}


def test_pairwise_scores_of_gold_and_of_no_fusion() -> None:
    gold = load_gold()
    perfect = [list(c) for c in _by_cluster(gold_units(gold)).values()]
    assert pairwise_scores(gold, perfect) == (1.0, 1.0)
    singletons = [[u] for group in perfect for u in group]
    assert pairwise_scores(gold, singletons) == (1.0, 0.0)
    # Joining the two stages of one swap is a false fusion: precision drops below 1.
    stage = {c["date"]: i for i, c in enumerate(gold["clusters"]) if c["type"] == "prisoner_exchange"}
    merged = [u for group in perfect for u in group if u[1] in (stage["2025-05-23"], stage["2025-05-24"])]
    rest = [g for g in perfect if g[0][1] not in (stage["2025-05-23"], stage["2025-05-24"])]
    precision, recall = pairwise_scores(gold, rest + [merged])
    assert precision < 1.0 and recall == 1.0


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, set[str]], set[str]]:
    """Types of the events extracted per document, and the ids of the documents read."""
    out = tmp_path_factory.mktemp("fusion")
    events, documents = out / "events.jsonl", out / "documents.jsonl"
    assert main(["extract", str(DOCS), "-o", str(events), "--documents", str(documents)]) == 0
    types: dict[str, set[str]] = defaultdict(set)
    for line in events.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        types[event["document_id"]].add(event["type"])
    read = {json.loads(line)["id"] for line in documents.read_text(encoding="utf-8").splitlines()}
    return types, read


def test_extract_reads_every_document(extracted: tuple[dict[str, set[str]], set[str]]) -> None:
    _, read = extracted
    assert read == {p.stem for p in DOCS.glob("*.txt")}


def test_extraction_covers_most_reports(extracted: tuple[dict[str, set[str]], set[str]]) -> None:
    """Share of the reports of multi-report events whose document yields an event of the cluster's type
    (measured 79 of 80 = 0.9875 at 13:05 UTC), and every such event found in at least one of its reports. The misses
    are listed in tests/fusion/README.md."""
    types, _ = extracted
    gold = load_gold()
    hit = total = 0
    for c in gold["clusters"]:
        if len(c["reports"]) < 2:
            continue
        found = [c["type"] in types.get(r["document_id"], set()) for r in c["reports"]]
        hit, total = hit + sum(found), total + len(found)
        assert any(found), f"{c['event']}: none of its {len(found)} reports extracted"
    assert hit / total >= COVERAGE_FLOOR, f"coverage {hit}/{total}"


# ---------------------------------------------------------------------------------------------------
# Fusion scored against the gold (issue 4): extract every document, fuse, map each per-document event
# to a gold unit (README, "Scoring fusion"), count pairs.

# Measured 2026-11-26 15:45 UTC (`.venv/bin/python bench/fusion_quality.py`, session 3): precision 80/80 = 1.0,
# fusion recall 80/80 = 1.0 (gold pairs whose two reports both yield an event of the cluster), end-to-end recall
# 80/82 = 0.9756 (the two pairs missed: kramatorsk-c, Russia's denial, yields a statement, no attack). Until
# 3ff6620 the gold counted a city named only in a list of places hit as a report (87 pairs); on that gold the
# same run gives 82/87 = 0.943. Floors are the measured figures rounded down (precision and fusion recall to
# 0.99: one wrong or missed pair fails them); raised when fusion or extraction improves, never lowered to pass.
FUSION_FLOORS = {"precision": 0.99, "fusion_recall": 0.99, "recall": 0.97}


def map_event(gold: dict, event: dict) -> int | None:
    """The gold cluster a per-document event stands for, or None (a unit of its own), as the README says.

    Candidates: the clusters listing the event's document (reports or mentions) with its type; a dated
    event keeps those dated within a day of it, the nearest. Several left (the wave and a city of one
    day): the one whose description names the event's place (a country-wide event: the one called
    nationwide or a wave), the contact's mode (call or not) and its participants; still tied, a cluster
    the document reports over one it only mentions. None when no single cluster is left."""
    doc = event["document_id"]
    cands: list[tuple[bool, int]] = []
    for i, c in enumerate(gold["clusters"]):
        reports = [r["document_id"] for r in c["reports"]]
        if c["type"] == event["type"] and (doc in reports or doc in [m["document_id"] for m in c.get("mentions", [])]):
            cands.append((doc in reports, i))
    if event.get("date"):
        day = dt.date.fromisoformat(event["date"])
        gaps = [(abs((dt.date.fromisoformat(gold["clusters"][i]["date"]) - day).days), r, i) for r, i in cands]
        near = [g for g in gaps if g[0] <= 1]
        cands = [(r, i) for g, r, i in near if g == min(x[0] for x in near)] if near else []
    if len(cands) > 1:
        loc = event.get("location") or {}
        names = [n.replace(" Oblast", "").replace(" City", "") for n in (loc.get("name"), loc.get("admin1")) if n]
        scored = []
        for report, i in cands:
            text = gold["clusters"][i]["event"]
            score = 2 * any(n in text for n in names)
            if loc.get("precision") in (None, "country") and ("nationwide" in text or "wave" in text):
                score += 1
            if event.get("mode"):
                score += ("call" in text) == (event["mode"] == "call")
            score += sum(p.split()[-1] in text for p in event.get("participants") or [])
            scored.append((score, report, i))
        top = max(s for s, _, _ in scored)
        best = [(r, i) for s, r, i in scored if s == top]
        if len(best) > 1 and any(r for r, _ in best):
            best = [(r, i) for r, i in best if r]
        cands = best
    return cands[0][1] if len(cands) == 1 else None


def fusion_figures(gold: dict, fused: list[dict], events: dict[str, dict]) -> dict[str, float]:
    """Pairwise precision and recall of fused events (their sources mapped by :func:`map_event`), and the
    fusion recall: the recall over gold pairs whose two reports both yield an event mapped to the cluster
    (what fusion can reach; the rest are extraction misses)."""
    groups = [[(s["document_id"], map_event(gold, events[s["event_id"]])) for s in f["sources"]] for f in fused]
    precision, recall = pairwise_scores(gold, groups)
    reached = {u for g in groups for u in g}
    units = gold_units(gold)
    gold_pairs = [p for c in _by_cluster(units).values() for p in combinations(c, 2) if p[0][0] != p[1][0]]
    reachable = [p for p in gold_pairs if p[0] in reached and p[1] in reached]
    found = {frozenset((a, b)) for g in groups for a, b in combinations(g, 2) if a[0] != b[0]}
    fusion_recall = sum(frozenset(p) in found for p in reachable) / len(reachable) if reachable else 1.0
    return {"precision": precision, "recall": recall, "fusion_recall": fusion_recall,
            "gold_pairs": len(gold_pairs), "reachable_pairs": len(reachable)}


def fuse_corpus(docs_dir: Path | None = None) -> tuple[list[dict], dict[str, dict]]:
    """Extract every document of a corpus (default tests/fusion/docs) and fuse: the fused events and
    the events by id."""
    from sitrep.extract import extract_events
    from sitrep.fuse import fuse
    from sitrep.ingest import read_documents
    from sitrep.model import Document, event_to_contract

    docs: dict[str, dict] = {}
    events: dict[str, dict] = {}
    for doc in read_documents(docs_dir or DOCS):
        assert isinstance(doc, Document), doc
        docs[doc.id] = doc.to_record()
        for e in extract_events(doc):
            c = event_to_contract(e)
            events[c["id"]] = c
    return fuse(list(events.values()), docs), events


def distractors_fused(gold: dict, fused: list[dict], events: dict[str, dict]) -> list[tuple[str, str, str]]:
    """The ``must_not_fuse`` pairs of documents that some fused event joins wrongly: an event of each,
    the two not mapped to one gold cluster (an event that only mentions the other's is no fault)."""
    out = []
    for a, b, reason in gold["must_not_fuse"]:
        for f in fused:
            mine = [map_event(gold, events[s["event_id"]]) for s in f["sources"] if s["document_id"] == a]
            theirs = [map_event(gold, events[s["event_id"]]) for s in f["sources"] if s["document_id"] == b]
            if any(x is None or x != y for x in mine for y in theirs):
                out.append((a, b, reason))
                break
    return out


@pytest.fixture(scope="module")
def fused_corpus() -> tuple[list[dict], dict[str, dict]]:
    return fuse_corpus()


def test_fusion_pairwise_precision_and_recall(fused_corpus: tuple[list[dict], dict[str, dict]]) -> None:
    fused, events = fused_corpus
    figures = fusion_figures(load_gold(), fused, events)
    assert sorted(s["event_id"] for f in fused for s in f["sources"]) == sorted(events)
    for name, floor in FUSION_FLOORS.items():
        assert figures[name] >= floor, f"fusion {name} fell to {figures[name]:.4f}, below its floor {floor}"


def test_fusion_keeps_the_distractors_apart(fused_corpus: tuple[list[dict], dict[str, dict]]) -> None:
    fused, events = fused_corpus
    assert distractors_fused(load_gold(), fused, events) == []


def test_map_event_follows_the_readme() -> None:
    gold = load_gold()
    okh = {"document_id": "okh-af", "type": "aerial_attack", "date": None}
    wave = map_event(gold, {**okh, "location": {"name": None, "country": "UA", "precision": "country"}})
    kyiv = map_event(gold, {**okh, "location": {"name": "Kyiv", "admin1": "Kyiv City", "precision": "settlement"}})
    assert wave is not None and kyiv is not None and wave != kyiv
    assert "nationwide" in gold["clusters"][wave]["event"] and "Kyiv" in gold["clusters"][kyiv]["event"]
    assert map_event(gold, {"document_id": "okh-af", "type": "arrest", "date": None}) is None
