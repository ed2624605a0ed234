"""The store: migrations, transactional writes, duplicates, round-trips (SQLite in tmp_path)."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, inspect, select, text

import sitrep.store.migrations as migrations
from sitrep.errors import UsageError
from sitrep.model import Document, Event, Location, Span, Weapon, event_to_contract
from sitrep.store import (Finding, Store, content_sha256, database_url, default_db_path, open_store, schema)

TEXT = ("Overnight the invaders sent 40 drones at the region of Sumy; air defence brought down 31 of them. "
        "A warehouse burned and two guards were hurt, the governor said on Saturday.")


def make_doc(doc_id: str = "d1", text: str = TEXT, source: str | None = None) -> Document:
    return Document(id=doc_id, text=text, title="Night of drones", outlet="Desk Wire",
                    published=dt.date(2025, 3, 1), reference_date=dt.date(2025, 3, 1),
                    reference_date_source="record", source=source or f"in/{doc_id}.txt",
                    boilerplate=(Span(0, 9),), warnings=[{"code": "note", "message": "own words"}])


def make_events(doc_id: str = "d1") -> list[Event]:
    air = Event(document_id=doc_id, type="aerial_attack", evidence=[Span(0, 97)], date="2025-03-01",
                date_precision="day", location=Location("Sumy Oblast", "Sumy Oblast", "UA", 50.9, 34.8, "admin1"),
                claimed_by=["UA"], confidence=0.8, attacker="RU",
                weapons=[Weapon("attack_drone", None, 40, 31, None)])
    air.note("weapons[0].launched", Span(28, 30), "count.launched")
    hurt = Event(document_id=doc_id, type="attack", evidence=[Span(98, len(TEXT))], date="2025-03-01",
                 date_precision="day", injured=2)
    hurt.set("injured", 2, Span(125, 128), "count.injured")
    return [air, hurt]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "t.db")
    yield s
    s.close()


def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


# -- migrations ------------------------------------------------------------------------------

def test_migrations_create_the_schema_and_record_the_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = open_store(path)
    assert store.schema_version() == migrations.LATEST >= 1
    assert table_names(f"sqlite:///{path}") == set(schema.metadata.tables)
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.schema_version)).all()
    assert [r.version for r in rows] == [v for v, _ in migrations.MIGRATIONS]
    store.close()


def test_migrated_database_matches_schema_module(store: Store) -> None:
    """The migrations and schema.py describe the same tables, columns and indexes."""
    insp = inspect(store.engine)
    for name, table in schema.metadata.tables.items():
        assert {c["name"] for c in insp.get_columns(name)} == {c.name for c in table.columns}, name
        assert {i["name"] for i in insp.get_indexes(name)} >= {i.name for i in table.indexes}, name
    assert any(i["column_names"] == ["type", "date"] for i in insp.get_indexes("events"))


def test_reopening_does_not_rerun_migrations(tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    open_store(path).close()
    engine = create_engine(database_url(path))
    with engine.connect() as conn:
        first = conn.execute(select(schema.schema_version)).all()
    assert migrations.migrate(engine) == []
    with engine.connect() as conn:
        assert conn.execute(select(schema.schema_version)).all() == first
    engine.dispose()
    store = open_store(path)  # and the data written before is still there
    store.add_document(make_doc(), make_events())
    store.close()
    assert open_store(path).counts()["events"] == 2


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.db"
    open_store(path).close()
    latest, nxt = migrations.LATEST, migrations.LATEST + 1

    def upgrade(conn) -> None:
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError(f"crash in the middle of migration {nxt}")

    broken = SimpleNamespace(NAME="broken", upgrade=upgrade)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + ((nxt, broken),))
    monkeypatch.setattr(migrations, "LATEST", nxt)
    with pytest.raises(RuntimeError):
        open_store(path)
    assert "half_done" not in table_names(f"sqlite:///{path}")
    monkeypatch.undo()
    assert open_store(path).schema_version() == latest


def test_open_store_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        open_store(tmp_path / "no" / "such" / "x.db")


def test_open_store_refuses_what_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("these are notes, not a database " * 200)
    with pytest.raises(UsageError):
        open_store(notes)


def test_open_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    store = open_store(path)
    with store.engine.begin() as conn:
        conn.execute(schema.schema_version.insert().values(version=migrations.LATEST + 1, name="from the future",
                                                           applied_at=dt.datetime.now(dt.timezone.utc)))
    store.close()
    with pytest.raises(UsageError, match="upgrade sitrep"):
        open_store(path)


def test_database_url() -> None:
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("/tmp/a.db") == "sqlite:////tmp/a.db"


# -- writes ----------------------------------------------------------------------------------

def test_add_document_is_all_or_nothing(store: Store) -> None:
    doc = make_doc()
    events = make_events()
    bad = make_events()[1]
    bad.injured = 3
    bad.amount_usd_converted = object()  # no to_contract(): serialising this event fails
    findings = [Finding("d1", "date_after_document", "an event dated after its document")]
    with pytest.raises(AttributeError):
        store.add_document(doc, [events[0], bad], findings=findings)
    assert store.counts() == {"documents": 0, "failed": 0, "near_duplicates": 0, "events": 0,
                              "fused_events": 0, "findings": 0}
    assert not store.has_hash(content_sha256(TEXT))
    # Running it again with good input finishes the work.
    result = store.add_document(doc, events, findings=findings)
    assert (result.status, result.events, result.findings) == ("added", 2, 1)
    assert store.has_hash(content_sha256(TEXT))


KILLED_MIDWAY = """
import os, signal, sys
sys.path.insert(0, {tests!r})
from test_store import make_doc, make_events
from sitrep.store import Store, open_store
store = open_store({db!r})
store.add_document(make_doc("kept"), make_events("kept"))
def die(*args):  # the document row and its events are written, its findings not yet: SIGKILL now
    os.kill(os.getpid(), signal.SIGKILL)
Store._insert_findings_of = staticmethod(die)
store.add_document(make_doc("lost", "Another text of my own."), make_events("lost"))
"""


def test_a_killed_writer_leaves_nothing_half_written(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    code = KILLED_MIDWAY.format(tests=str(Path(__file__).parent), db=str(db))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    store = open_store(db)
    assert [d["id"] for d in store.documents()] == ["kept"]
    assert {e["document_id"] for e in store.events()} == {"kept"}
    # and running it again finishes the work
    assert store.add_document(make_doc("lost", "Another text of my own."), make_events("lost")).status == "added"


def test_event_of_another_document_is_refused_and_nothing_written(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_document(make_doc("d1"), make_events("d1") + make_events("d2"))
    assert store.documents() == [] and store.events() == []


def test_same_content_hash_is_a_noop_reporting_duplicate(store: Store) -> None:
    assert store.add_document(make_doc("d1"), make_events("d1")).status == "added"
    before = store.counts()
    again = store.add_document(make_doc("d1"), make_events("d1"))
    copy = store.add_document(make_doc("copy-of-d1"), make_events("copy-of-d1"))
    assert (again.status, again.duplicate_of) == ("duplicate", "d1")
    assert (copy.status, copy.duplicate_of, copy.events) == ("duplicate", "d1", 0)
    assert store.counts() == before


def test_same_id_with_another_text_is_a_conflict(store: Store) -> None:
    store.add_document(make_doc("d1"), make_events("d1"))
    result = store.add_document(make_doc("d1", TEXT + " Updated."), [])
    assert result.status == "conflict"
    assert [d["sha256"] for d in store.documents()] == [content_sha256(TEXT)]


def test_near_duplicate_is_linked_to_its_original(store: Store) -> None:
    store.add_document(make_doc("d1"), make_events("d1"))
    result = store.add_document(make_doc("d2", TEXT + " (syndicated)"), [], duplicate_of="d1")
    assert result.duplicate_of == "d1"
    assert {d["id"]: d["duplicate_of"] for d in store.documents()} == {"d1": None, "d2": "d1"}


def test_failures_are_recorded_and_replaced_by_a_later_success(store: Store) -> None:
    store.add_failure("in/d1.txt", "not UTF-8")
    store.add_failure("in/d1.txt", "empty")  # recorded again: the reason is updated, one row
    store.add_failure("in/other.pdf", "unsupported")
    assert store.failures() == [{"source": "in/d1.txt", "reason": "empty"},
                                {"source": "in/other.pdf", "reason": "unsupported"}]
    store.add_document(make_doc("d1", source="in/d1.txt"), [])
    assert store.failures() == [{"source": "in/other.pdf", "reason": "unsupported"}]
    assert store.counts()["failed"] == 1


# -- reads -----------------------------------------------------------------------------------

def test_events_round_trip_to_the_same_contract_json(store: Store) -> None:
    events = make_events()
    store.add_document(make_doc(), events)
    expected = [event_to_contract(e) for e in events]
    stored = store.events()
    assert stored == expected
    assert [json.dumps(e) for e in stored] == [json.dumps(e) for e in expected]  # key order too
    assert store.events(type="attack") == [expected[1]]
    assert store.events(date_from="2025-03-01", date_to=dt.date(2025, 3, 1)) == expected
    assert store.events(date_from=dt.date(2025, 3, 2)) == []
    ev = store.evidence(expected[0]["id"])
    assert ev["spans"][0]["text"] == TEXT[:97]
    assert ev["provenance"]["weapons[0].launched"] == {"start": 28, "end": 30, "rule": "count.launched"}


def test_documents_round_trip(store: Store) -> None:
    doc = make_doc()
    store.add_document(doc, [])
    [rec] = store.documents()
    assert {k: rec[k] for k in doc.to_record()} == doc.to_record()
    assert rec["source"] == "in/d1.txt" and rec["sha256"] == content_sha256(TEXT)
    back = store.get_document("d1")
    assert back is not None
    assert (back.text, back.boilerplate, back.warnings, back.reference_date_source) == \
        (doc.text, doc.boilerplate, doc.warnings, "record")
    assert store.get_document("nope") is None


def test_fused_events_and_links(store: Store) -> None:
    store.add_document(make_doc(), make_events())
    [air, hurt] = store.events()
    fused = {"id": "fe-1", "type": "aerial_attack", "date": "2025-03-01",
             "sources": [{"document_id": "d1", "event_id": air["id"], "claimed_by": ["UA"]}],
             "conflicts": [], "fusion": ["one source"]}
    assert store.save_fused([fused]) == 1
    assert store.save_fused([fused]) == 1  # saved again: replaced, not doubled
    assert store.fused_events() == [fused]
    assert store.fused_events(type="attack") == []
    assert store.fused_of(air["id"]) == "fe-1" and store.fused_of(hurt["id"]) is None
    store.save_fused([], replace_all=True)
    assert store.counts()["fused_events"] == 0 and store.fused_of(air["id"]) is None


def test_findings_are_stored_once(store: Store) -> None:
    store.add_document(make_doc(), [], findings=[Finding("d1", "stale_title", "title older than text")])
    assert store.add_findings([Finding("d1", "stale_title", "title older than text"),
                               Finding("fe-9", "shrinking_toll", "killed 5 then 3")]) == 1
    assert [f["code"] for f in store.findings()] == ["stale_title", "shrinking_toll"]
    assert store.findings("d1")[0]["document_id"] == "d1"


# -- settings --------------------------------------------------------------------------------

def test_default_db_path_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_DB", "/data/env.db")
    assert default_db_path("cli.db") == "cli.db"
    assert default_db_path(None) == "/data/env.db"
    monkeypatch.setenv("SITREP_DB", "")
    assert default_db_path(None) == "sitrep.db"
    monkeypatch.delenv("SITREP_DB")
    assert default_db_path(None) == "sitrep.db"


# -- PostgreSQL, through the same code (runs where SITREP_TEST_PG_URL names an empty database) --

def test_postgresql_through_the_same_code(pg_url: str) -> None:
    url = pg_url
    store = open_store(url)
    assert store.schema_version() == migrations.LATEST
    bad = make_events()[1]
    bad.amount_usd_converted = object()
    with pytest.raises(AttributeError):
        store.add_document(make_doc(), [make_events()[0], bad])
    assert store.documents() == []
    events = make_events()
    assert store.add_document(make_doc(), events, findings=[Finding("d1", "c", "m")]).status == "added"
    assert store.add_document(make_doc("copy"), []).status == "duplicate"
    assert store.events() == [event_to_contract(e) for e in events]
    assert store.events(type="attack", date_from="2025-03-01", date_to="2025-03-01") == \
        [event_to_contract(events[1])]
    fused = {"id": "fe-1", "type": "attack", "date": "2025-03-01",
             "sources": [{"document_id": "d1", "event_id": events[1].id, "claimed_by": []}]}
    store.save_fused([fused])
    assert store.fused_events() == [fused]
    store.close()
    again = open_store(url)
    assert again.counts() == {"documents": 1, "failed": 0, "near_duplicates": 0, "events": 2,
                              "fused_events": 1, "findings": 1}
    again.close()
