"""Extraction of a document depends only on that document: nothing carries over from the one before.

Document B is extracted alone in a fresh interpreter (no cache warm) and, in this
process, after document A, which names in full the people and places B names
only in part, repeats B's sentences word for word (so that every per-sentence
cache holds an entry when B comes) and sets a different reference date. The
events must be identical, ids included.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from sitrep.extract import extract_events
from sitrep.model import Document, event_to_contract

# Fixtures in our own words.
_SHARED = ("Russian forces launched 40 drones at the Kharkiv region overnight; 31 were shot down, "
           "the air force said. ")
A = Document(
    "iso-a",
    "Kharkiv governor Oleh Syniehubov said two people were injured in Kupiansk. " + _SHARED
    + "Ukrainian troops struck a depot near Pokrovsk, Donetsk Oblast, on Tuesday.",
    reference_date=dt.date(2024, 3, 5),
)
B = Document(
    "iso-b",
    _SHARED + "Syniehubov said a woman was killed in Pokrovsk on Tuesday. "
    "Shelling of Kupiansk wounded three men, he added.",
    reference_date=dt.date(2025, 1, 14),
)


def _events(doc: Document) -> list[str]:
    return [json.dumps(event_to_contract(e), sort_keys=True) for e in extract_events(doc)]


def _alone_in_fresh_process(doc: Document) -> list[str]:
    code = (
        "import datetime as dt, json, sys\n"
        "from sitrep.extract import extract_events\n"
        "from sitrep.model import Document, event_to_contract\n"
        "d = json.load(sys.stdin)\n"
        "doc = Document(d['id'], d['text'], reference_date=dt.date.fromisoformat(d['ref']))\n"
        "print(json.dumps([json.dumps(event_to_contract(e), sort_keys=True) for e in extract_events(doc)]))\n"
    )
    payload = json.dumps({"id": doc.id, "text": doc.text, "ref": doc.reference_date.isoformat()})
    done = subprocess.run([sys.executable, "-c", code], input=payload, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_fixture_yields_events() -> None:
    # The check below means something only if B gives events at all.
    assert _events(B)


def test_document_after_another_equals_document_alone() -> None:
    alone = _alone_in_fresh_process(B)
    _events(A)
    after_a = _events(B)
    assert after_a == alone
    # And again after B itself and A once more: no state builds up either.
    _events(B)
    _events(A)
    assert _events(B) == alone


def test_earlier_document_unchanged_by_later_one() -> None:
    first = _events(A)
    _events(B)
    assert _events(A) == first
