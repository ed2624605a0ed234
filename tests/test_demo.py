"""The bundled demo corpus (src/sitrep/demo): it reads cleanly, extracts, and its boilerplate stays silent.

The corpus is original text written for the project; these tests read it in place.
"""
import datetime as dt
import json
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.ingest import read_documents
from sitrep.model import Document

DEMO = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "demo"
DOCUMENT_SUFFIXES = {".txt", ".html", ".jsonl"}

# Site chrome planted in the demo files. None of it is news: no event may rest on it.
PLANTED_BOILERPLATE = (
    "Share this article",
    "Subscribe to our Telegram channel for breaking updates from Kyiv.",
    "Subscribe to our Telegram channel for breaking updates.",
    "Send tips to news@kyivdesk.example",
    "We use cookies to improve your experience. By continuing to browse you accept our cookie policy.",
    "Support independent reporting from 5 euros a month — become a member today.",
    "© 2025 Capital Ledger. All rights reserved.",
    "© 2024 Brussels Note. All rights reserved.",
    "Follow Eastern Front Monitor on X, Facebook and Telegram.",
    "Download the North Wire app for push alerts.",
    "Sign up for the Aid Tracker newsletter. Unsubscribe at any time.",
    "Sign up for the Brussels Note newsletter. Unsubscribe at any time.",
    "Sign up for the Security Brief newsletter. Unsubscribe at any time.",
    "Sign up for the Atlantic Bureau morning newsletter. Unsubscribe at any time.",
    "Send tips to desk@southbulletin.example",
    "Follow South Bulletin on Telegram for air-raid alerts.",
    "Follow Gulf Desk on X for updates from the region.",
    "Send tips to news@washingtonline.example",
    "Send tips to tips@atlantic-bureau.example",
    "Send tips to news@brussels-note.example",
)


def demo_files() -> list[Path]:
    return sorted(p for p in DEMO.iterdir() if p.suffix in DOCUMENT_SUFFIXES)


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    docs = {}
    for item in read_documents([DEMO]):
        if isinstance(item, InputError):
            # The folder's README is not a document; anything else failing is a bug.
            assert Path(item.document).suffix not in DOCUMENT_SUFFIXES, str(item)
            continue
        docs[item.id] = item
    return docs


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("demo")
    rc = main(["extract", str(DEMO), "-o", str(out / "events.jsonl"),
               "--documents", str(out / "documents.jsonl")])
    assert rc == 0
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert len(records) >= 20
    return [json.loads(line) for line in (out / "events.jsonl").read_text("utf-8").splitlines()]


def test_demo_has_enough_documents(documents):
    assert len(documents) >= 20
    kinds = {p.suffix for p in demo_files()}
    assert kinds == DOCUMENT_SUFFIXES


def test_every_demo_file_reads_without_error():
    for path in demo_files():
        items = list(read_documents([path]))
        errors = [i for i in items if isinstance(i, InputError)]
        assert not errors, errors
        assert items, path.name
        for doc in items:
            assert doc.text.strip(), doc.id


def test_demo_stays_small():
    assert sum(p.stat().st_size for p in DEMO.iterdir()) < 200_000


def test_every_planted_boilerplate_line_is_in_the_corpus():
    # Keeps the list above honest: a line renamed in a file must be renamed here too.
    raw = "\n".join(json.loads(line)["text"] if p.suffix == ".jsonl" else line
                    for p in demo_files() for line in p.read_text("utf-8").splitlines())
    missing = [b for b in PLANTED_BOILERPLATE if b not in raw]
    assert not missing


def test_extract_over_demo_writes_checked_events(events, documents):
    for ev in events:
        doc = documents[ev["document_id"]]
        assert ev["evidence"], ev
        for span in ev["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(doc.text)


def test_most_demo_documents_yield_an_event(events, documents):
    # Every demo document reports at least one event; allow for a few misses, not for silence.
    with_events = {ev["document_id"] for ev in events}
    assert len(with_events) >= len(documents) // 2


def test_demo_yields_air_force_counts(events):
    # The Kyiv reports of 12 February 2025 give "six of the seven", "71 of the 123" and the like.
    counted = [w for ev in events if ev["type"] == "aerial_attack" for w in ev.get("weapons") or []
               if w.get("launched") is not None and w.get("intercepted") is not None]
    assert counted


def test_no_evidence_rests_on_planted_boilerplate(events, documents):
    for ev in events:
        text = documents[ev["document_id"]].text
        for line in PLANTED_BOILERPLATE:
            start = text.find(line)
            while start != -1:
                end = start + len(line)
                for span in ev["evidence"]:
                    assert span["end"] <= start or span["start"] >= end, (ev["document_id"], ev["type"], line)
                start = text.find(line, end)


def test_the_main_command_path_on_the_demo(tmp_path, capsys):
    """What `make demo` runs: ingest the demo into a store, brief its busiest day, export the fused events."""
    db = str(tmp_path / "demo.db")
    assert main(["ingest", str(DEMO), "--db", db, "-q"]) == 0
    summary = capsys.readouterr().err
    assert "failed: 0" in summary
    assert main(["brief", "--busiest", "--db", db, "-o", str(tmp_path / "brief.md")]) == 0
    assert main(["brief", "--busiest", "--db", db, "--format", "html", "-o", str(tmp_path / "brief.html")]) == 0
    assert main(["export", "--format", "jsonl", "--db", db, "-o", str(tmp_path / "fused.jsonl")]) == 0
    fused = [json.loads(line) for line in (tmp_path / "fused.jsonl").read_text("utf-8").splitlines()]
    brief = (tmp_path / "brief.md").read_text("utf-8")
    # The busiest day is the day with the most fused events, and its brief cites what it lists.
    days: dict[str, int] = {}
    for f in fused:
        if f["date"]:
            days[f["date"]] = days.get(f["date"], 0) + 1
    top = max(days.values())
    busiest = max(d for d, n in days.items() if n == top)
    assert brief.startswith("# Day ") and "Sources:" in brief
    day = dt.date.fromisoformat(busiest)
    assert f"{day:%A} {day.day} {day:%B %Y}" in brief.splitlines()[0]
    assert (tmp_path / "brief.html").read_text("utf-8").lstrip().lower().startswith("<!doctype html>")
    # Several outlets' reports of one event became one fused event.
    assert any(len({s["document_id"] for s in f["sources"]}) >= 3 for f in fused)
