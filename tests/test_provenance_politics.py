"""Every value a political extractor sets knows where it came from.

Over the dev texts (read from ../shared) and the demo corpus, each non-empty field of every
political event must have a provenance entry whose span lies inside the text and names a rule.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract import extract_events
from sitrep.extract.politics import _paths
from sitrep.ingest import read_documents
from sitrep.model import Document, Event

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
DEMO = ROOT / "src" / "sitrep" / "demo"
POLITICAL = {"statement", "diplomatic_contact", "arrest", "prisoner_exchange", "aid_pledge", "sanctions", "agreement"}


def _documents(paths: list[Path]) -> list[Document]:
    return [d for d in read_documents(paths) if isinstance(d, Document)]


def _unprovenanced(e: Event, text: str) -> list[str]:
    bad = []
    for path, _ in _paths(e):
        prov = e.provenance.get(path) or e.provenance.get(path.split("[", 1)[0])
        if prov is None or not prov.rule:
            bad.append(f"{path}: none")
        elif not (0 <= prov.span.start < prov.span.end <= len(text)):
            bad.append(f"{path}: span {prov.span} outside the text")
    return bad


def _check(docs: list[Document]) -> int:
    n = 0
    for doc in docs:
        for e in extract_events(doc):
            if e.type not in POLITICAL:
                continue
            n += 1
            bad = _unprovenanced(e, doc.text)
            assert not bad, f"{doc.id} {e.type}: {bad}"
    return n


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev not present")
def test_every_political_value_of_the_dev_texts_has_provenance():
    assert _check(_documents(sorted(DEV.glob("*.txt")))) > 20


def test_every_political_value_of_the_demo_corpus_has_provenance():
    assert _check(_documents(sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".html", ".jsonl")))) > 20


def test_inline_values_point_at_their_words():
    text = ("Britain pledged £50 million in military aid to Ukraine, including drones and radars, on Monday. "
            "Canada imposed sanctions on Rosneft. Keir Starmer met Volodymyr Zelenskyy in London.")
    events = [e for e in extract_events(Document("t", text)) if e.type in POLITICAL]
    assert {e.type for e in events} >= {"aid_pledge", "sanctions", "diplomatic_contact"}
    for e in events:
        assert not _unprovenanced(e, text)
    contact = next(e for e in events if e.type == "diplomatic_contact")
    prov = contact.provenance.get("participants[0]") or contact.provenance["participants"]
    assert "Starmer" in prov.span.text(text) or "Zelenskyy" in prov.span.text(text)
