"""sitrep ingest's pipeline: skip, link, extract, check, store, fuse; failures recorded; re-runs change nothing."""
from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import sitrep.extract
import sitrep.pipeline
from sitrep.cli import main
from sitrep.pipeline import IngestSummary, Progress, ingest_paths
from sitrep.store import Store, open_store, schema

REPO = Path(__file__).resolve().parents[1]
FUSION_DOCS = REPO / "tests" / "fusion" / "docs"

# Texts written for these tests.
DRONES = ("KYIV, March 4, 2025 (Desk Wire) - Russia launched 20 attack drones at Ukraine overnight, the air force "
          "said on Tuesday. Air defence shot down 18 of them and 5 more were lost to electronic warfare, it said.")
CALL = ("March 5, 2025. Former U.S. President Donald Trump spoke with Russian President Vladimir Putin by phone on "
        "Wednesday, the Kremlin said.")
WIRE = """Russian missiles and drones hit energy sites across Ukraine overnight

KYIV, March 7, 2025 (Desk Wire) - Russia fired 67 missiles and 194 drones at Ukraine overnight, striking gas
production and power plants in several regions and forcing grid operators to cut electricity across the
country, Ukrainian officials said on Friday.

Ukraine's air force said its air defence units shot down 34 of the missiles and 100 of the drones, while
another 86 drones were lost to electronic jamming and did not reach their targets. The attack was the
largest on the energy system since the start of the year, the energy minister said.

In the Ternopil region, two people were injured when debris from a downed missile fell on a residential
street, the regional governor said. In Kharkiv, a drone hit a warehouse and started a fire that firefighters
put out by morning.

State grid operator Ukrenergo said emergency power cuts would remain in place in most regions until the
evening while engineers repaired damaged substations.
"""


def copy_of(text: str, outlet: str = "Eastern Front Monitor") -> str:
    """A syndicated copy: another headline, the outlet's header and footer, a few words edited."""
    body = text.split("\n", 2)[2].replace("air defence units", "air defense units").replace("said on Friday",
                                                                                             "said Friday")
    return (f"Overnight barrage knocks out power across Ukraine\n\n{outlet} | Staff and wires\n\n{body}\n"
            f"This story was first published by Desk Wire and is republished by {outlet} with permission.\n")


def report(day: int, weekday: str, drones: int, down: int, lost: int) -> str:
    """A daily air-force report from one template."""
    return (f"On the night of {day} March 2025, the enemy attacked with {drones} Shahed-type attack drones, "
            f"Ukraine's Air Force said on {weekday}. As of 09:00, air defence had shot down {down} attack drones "
            f"over the north, east and south of the country, and {lost} decoy drones were lost from location "
            "owing to the active countermeasures of electronic warfare. The air attack was repelled by aviation, "
            "anti-aircraft missile troops, electronic warfare units and mobile fire groups of the Defence Forces "
            "of Ukraine. Residents are urged to stay in shelters during air raid alerts and to follow the "
            "instructions of the local military administration.")


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def dump(store: Store, *, with_times: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order (``ingested_at`` and finding ids left out on request)."""
    out = {}
    with store.engine.connect() as conn:
        for name, table in schema.metadata.tables.items():
            cols = [c for c in table.columns
                    if with_times or (c.name not in ("ingested_at", "applied_at") and (name, c.name) != ("findings", "id"))]
            out[name] = sorted(tuple(r) for r in conn.execute(select(*cols)))
    return out


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "ingest.db")
    yield s
    s.close()


def test_documents_events_and_findings_are_stored_and_fused(tmp_path: Path, store: Store) -> None:
    folder = write(tmp_path / "in", {"drones.txt": DRONES, "call.txt": CALL})
    summary = ingest_paths(store, [folder])
    assert (summary.read, summary.new, summary.duplicate, summary.near_duplicate) == (2, 2, 0, 0)
    assert summary.failed == [] and summary.exit_status() == 0
    counts = store.counts()
    assert counts["documents"] == 2 and summary.events == counts["events"] >= 2
    codes = {(f["subject_id"] == "call", f["code"]) for f in store.findings()}
    assert (False, "intercepted_exceeds_launched") in codes  # about the drone event
    assert (True, "stale_fact") in codes  # about the document that calls Trump "former" in 2025
    stale = store.findings("call")[0]
    assert stale["message"].startswith("'Former U.S. President Donald Trump': ") and stale["document_id"] == "call"
    assert summary.findings == len(store.findings())
    # Every event is fused, a lone report into a fused event of its own.
    assert summary.fused_events == counts["fused_events"] >= 2
    assert summary.fusion.new_events == counts["events"]
    for e in store.events():
        assert store.fused_of(e["id"]) is not None


def test_unreadable_documents_are_recorded_and_the_batch_goes_on(tmp_path: Path, store: Store) -> None:
    folder = write(tmp_path / "in", {"a-empty.txt": "", "b-binary.txt": b"\x00\x01\x02" * 50, "c-drones.txt": DRONES,
                                     "d-records.jsonl": '{"id": "r1", "text": "' + CALL + '"}\nnot json\n'})
    summary = ingest_paths(store, [folder, tmp_path / "missing.txt"])
    assert summary.new == 2 and summary.exit_status() == 0
    reasons = {Path(f.source).name: f.reason for f in summary.failed}
    assert set(reasons) == {"a-empty.txt", "b-binary.txt", "d-records.jsonl:2", "missing.txt"}
    assert "NUL" in reasons["b-binary.txt"] and "not JSON" in reasons["d-records.jsonl:2"]
    assert {Path(f["source"]).name: f["reason"] for f in store.failures()} == reasons
    text = summary.format()
    assert "failed: 4" in text and f"b-binary.txt: {reasons['b-binary.txt']}" in text


def test_nothing_readable_exits_1(tmp_path: Path, store: Store) -> None:
    folder = write(tmp_path / "in", {"empty.txt": "  \n"})
    summary = ingest_paths(store, [folder])
    assert summary.read == 0 and summary.exit_status() == 1
    assert "no document could be read (1 failed)" in summary.format()


def test_reingesting_changes_nothing_and_extracts_nothing(tmp_path: Path, store: Store,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write(tmp_path / "in", {"drones.txt": DRONES, "call.txt": CALL, "wire.txt": WIRE,
                                     "copy.txt": copy_of(WIRE), "bad.txt": b"\x00" * 10})
    first = ingest_paths(store, [folder])
    before = dump(store)

    def no_extraction(doc: Any) -> Any:
        raise AssertionError(f"{doc.id} extracted again")

    monkeypatch.setattr(sitrep.extract, "extract_events", no_extraction)
    again = ingest_paths(store, [folder])
    assert dump(store) == before  # ingested_at and the failure's row included
    assert (again.read, again.new, again.duplicate, again.near_duplicate) == (first.read, 0, first.read, 0)
    assert again.events == 0 and again.fusion.written == 0 and again.fused_events == first.fused_events
    assert [f.reason for f in again.failed] == [f.reason for f in first.failed]
    assert "duplicate (stored already, skipped): 4" in again.format()


def test_a_syndicated_copy_is_linked_to_its_original_and_still_extracted(tmp_path: Path, store: Store) -> None:
    folder = write(tmp_path / "in", {"a-wire.txt": WIRE, "b-copy.txt": copy_of(WIRE),
                                     "c-report.txt": report(10, "Tuesday", 126, 79, 39),
                                     "d-report.txt": report(11, "Wednesday", 147, 97, 25)})
    summary = ingest_paths(store, [folder])
    assert summary.new == 4 and summary.near_duplicate == 1
    docs = {d["id"]: d for d in store.documents()}
    assert docs["b-copy"]["duplicate_of"] == "a-wire"
    assert docs["d-report"]["duplicate_of"] is None and docs["c-report"]["duplicate_of"] is None
    assert store.events(document_id="b-copy"), "a near-duplicate's events are stored"
    assert "1 of them near-duplicates" in summary.format()

    # Later copies, in another run, link to the first stored: a copy of the copy too.
    later = write(tmp_path / "later", {"e-copy.txt": copy_of(WIRE, "Capital Ledger"),
                                       "f-copy.txt": copy_of(WIRE, "Atlantic Bureau") + "Editing by the night desk.\n"})
    summary = ingest_paths(store, [later])
    assert summary.near_duplicate == 2
    docs = {d["id"]: d for d in store.documents()}
    assert docs["e-copy"]["duplicate_of"] == docs["f-copy"]["duplicate_of"] == "a-wire"
    assert store.counts()["near_duplicates"] == 3


def test_missing_signatures_are_made_again(tmp_path: Path, store: Store) -> None:
    folder = write(tmp_path / "in", {"a-wire.txt": WIRE, "drones.txt": DRONES})
    ingest_paths(store, [folder])
    before = dump(store)
    with store.engine.begin() as conn:  # as a run killed before writing its signatures leaves it
        conn.execute(schema.signature_bands.delete())
        conn.execute(schema.document_signatures.delete())
    summary = ingest_paths(store, [write(tmp_path / "more", {"copy.txt": copy_of(WIRE)})])
    assert summary.signed == 2
    assert summary.near_duplicate == 1 and store.get_document("copy") is not None
    after = dump(store)
    for table in ("document_signatures", "signature_bands"):
        assert set(before[table]) <= set(after[table])


def _failing_on(doc_id: str) -> Any:
    """sitrep's extraction, failing on the document ``doc_id`` as a broken extractor would."""
    real = sitrep.extract.extract_events

    def extract(doc: Any) -> Any:
        if doc.id == doc_id:
            raise ValueError("cannot read this one")
        return real(doc)
    return extract


def test_a_document_whose_extraction_fails_is_recorded(tmp_path: Path, store: Store,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitrep.extract, "extract_events", _failing_on("call"))
    summary = ingest_paths(store, [write(tmp_path / "in", {"call.txt": CALL, "drones.txt": DRONES})])
    assert summary.new == 1 and [f.reason for f in summary.failed] == [
        "extraction failed (ValueError: cannot read this one)"]
    assert store.get_document("call") is None and store.failures()[0]["source"].endswith("call.txt")
    monkeypatch.undo()
    summary = ingest_paths(store, [tmp_path / "in"])  # fixed: the retry stores it, the failure goes
    assert summary.new == 1 and store.failures() == []


def test_another_text_under_a_stored_id_is_a_failure(tmp_path: Path, store: Store) -> None:
    ingest_paths(store, [write(tmp_path / "in", {"drones.txt": DRONES})])
    summary = ingest_paths(store, [write(tmp_path / "edited", {"drones.txt": DRONES.replace("20", "25")})])
    assert summary.new == 0 and "another text is stored under the id 'drones'" in summary.failed[0].reason


def test_documents_stored_in_batches_give_the_store_of_one_at_a_time(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Within one batch: a text twice under two ids, syndicated copies (one after a failure stored
    # the batch so far), failures between documents held back, and a document whose extraction fails.
    folder = write(tmp_path / "in", {
        "a-drones.txt": DRONES, "b-same.txt": DRONES, "c-wire.txt": WIRE, "i-empty.txt": "",
        "e-copy.txt": copy_of(WIRE), "f-records.jsonl": '{"id": "c-wire", "text": "' + CALL + '"}\nnot json\n'
                                                        '{"id": "r2", "text": "' + CALL + '"}\n',
        "g-fails.txt": CALL + " Again.", "h-last.txt": report(5, "Wednesday", 40, 30, 5),
        "j-copy.txt": copy_of(WIRE, "Kyiv Daily")})
    monkeypatch.setattr(sitrep.extract, "extract_events", _failing_on("g-fails"))
    runs = {}
    for size in (1, 50):
        monkeypatch.setattr(sitrep.pipeline, "BATCH", size)
        store = open_store(tmp_path / f"batch{size}.db")
        summary = ingest_paths(store, [folder])
        # and a second run: another text under a stored id, among new documents
        again = ingest_paths(store, [write(tmp_path / "edited", {
            "a-new.txt": report(6, "Thursday", 50, 45, 2), "c-wire.txt": WIRE.replace("67 missiles", "68 missiles"),
            "d-new.txt": report(7, "Friday", 30, 20, 1)})])
        runs[size] = (dump(store, with_times=False), store.findings(),
                      [s.format().split("\n")[1:] for s in (summary, again)])
        store.close()
    assert runs[1] == runs[50]
    first, second = runs[50][2]
    assert "  new: 6 (2 of them near-duplicates, linked to their original)" in first
    assert "  duplicate (stored already, skipped): 1" in first and "  failed: 4" in first
    assert "  new: 2" in second and "another text is stored under the id 'c-wire'" in second[3]


def test_order_does_not_change_fused_ids_or_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(FUSION_DOCS.glob("*.txt"))[:24]
    stores = []
    for name, order in (("forward", files), ("backward", files[::-1])):
        store = open_store(tmp_path / f"{name}.db")
        # In two runs of half each, so that the second run's events join stored fused events.
        half = len(order) // 2
        ingest_paths(store, order[:half])
        ingest_paths(store, order[half:])
        stores.append(store)
    a, b = stores
    assert a.counts() == b.counts()
    assert [f["id"] for f in a.fused_events()] == [f["id"] for f in b.fused_events()]
    assert dump(a, with_times=False)["fused_events"] == dump(b, with_times=False)["fused_events"]
    one = open_store(tmp_path / "one-run.db")
    ingest_paths(one, files)
    assert [f["id"] for f in one.fused_events()] == [f["id"] for f in a.fused_events()]
    # Fusing every few documents on the way (as long runs do) gives the same fused events.
    monkeypatch.setattr(sitrep.pipeline, "FUSE_EVERY", 5)
    monkeypatch.setattr(sitrep.pipeline, "BATCH", 2)
    batched = open_store(tmp_path / "batched.db")
    summary = ingest_paths(batched, files)
    assert dump(batched, with_times=False)["fused_events"] == dump(one, with_times=False)["fused_events"]
    assert summary.fused_events == one.counts()["fused_events"] and summary.fusion.new_events == summary.events
    for s in (a, b, one, batched):
        s.close()


def test_progress_bar_redraws_in_place_and_clears(tmp_path: Path, store: Store) -> None:
    stream = io.StringIO()
    bar = Progress(stream, 4)
    bar.step()
    assert stream.getvalue().startswith("\r[")
    assert "1/4 documents" in stream.getvalue() and "left" in stream.getvalue()
    for _ in range(1000):  # redrawn at most ten times a second, not once per step
        bar.step()
    assert stream.getvalue().count("\r") <= 3
    bar.close()
    assert stream.getvalue().endswith("\r") and stream.getvalue().rsplit("\r", 2)[-2].strip() == ""

    stream = io.StringIO()
    ingest_paths(store, [write(tmp_path / "in", {"drones.txt": DRONES})], progress=stream)
    assert "1/1 documents" in stream.getvalue() and stream.getvalue().endswith("\r")


def test_progress_line_counts_rate_and_time_left() -> None:
    bar = Progress(io.StringIO(), 200)
    bar.done = 50
    line = bar.line(bar.started + 10.0)
    assert "50/200 documents" in line and "5.0/s" in line and "0:30 left" in line
    assert Progress(io.StringIO(), None).line().startswith("0 documents")


def test_summary_format_lists_everything() -> None:
    s = IngestSummary(read=3, new=2, duplicate=1, near_duplicate=1, events=7, findings=1, fused_events=5,
                      seconds=2.0)
    text = s.format()
    assert text.splitlines()[0] == "sitrep: 3 documents read in 2.0 s (1.5 a second)"
    for part in ("new: 2 (1 of them near-duplicates, linked to their original)",
                 "duplicate (stored already, skipped): 1", "failed: 0", "events stored: 7; findings: 1",
                 "fused events in the store: 5"):
        assert part in text


def test_cli_ingest_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write(tmp_path / "in", {"drones.txt": DRONES})
    db = tmp_path / "cli.db"
    assert main(["ingest", str(folder), "--db", str(db), "-q"]) == 0
    err = capsys.readouterr().err
    assert "1 document read" in err and "new: 1" in err
    assert main(["ingest", str(tmp_path / "nothing-here"), "--db", str(db)]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    shutil.rmtree(folder)


def test_signatures_of_another_scheme_are_made_again(tmp_path: Path, store: Store) -> None:
    folder = write(tmp_path / "in", {"a-wire.txt": WIRE, "drones.txt": DRONES})
    ingest_paths(store, [folder])
    before = dump(store)
    with store.engine.begin() as conn:  # as an older sitrep, hashing otherwise, would have left them
        conn.execute(schema.document_signatures.update().values(scheme="older-scheme"))
    summary = ingest_paths(store, [folder])
    assert summary.signed == 2 and dump(store) == before


# -- PostgreSQL, through the same code (runs where SITREP_TEST_PG_URL names a database the test may wipe) --

def test_ingest_into_postgresql(tmp_path: Path, pg_url: str) -> None:
    url = pg_url
    folder = write(tmp_path / "in", {"a-wire.txt": WIRE, "b-copy.txt": copy_of(WIRE), "drones.txt": DRONES})
    with open_store(url) as store:
        summary = ingest_paths(store, [folder])
        assert (summary.new, summary.near_duplicate) == (3, 1)
        assert {d["id"]: d["duplicate_of"] for d in store.documents()}["b-copy"] == "a-wire"
        again = ingest_paths(store, [folder, write(tmp_path / "later", {"c-copy.txt": copy_of(WIRE, "Kyiv Desk")})])
        assert (again.duplicate, again.new, again.near_duplicate) == (3, 1, 1)
    sqlite = open_store(tmp_path / "same.db")
    ingest_paths(sqlite, [folder])
    ingest_paths(sqlite, [folder, tmp_path / "later"])
    with open_store(url) as store:  # the same rows as SQLite gives
        pg_rows, sqlite_rows = dump(store, with_times=False), dump(sqlite, with_times=False)
    for table in ("documents", "events", "fused_events", "fusion_links", "document_signatures", "signature_bands"):
        assert pg_rows[table] == sqlite_rows[table], table
    sqlite.close()
