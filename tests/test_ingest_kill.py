"""Killing ``sitrep ingest`` (SIGKILL) midway and running it again gives the store an uninterrupted run gives.

500 distinct documents are made at test time from the dev texts (read in place from
../shared/eval/dev, never copied into the repository), the demo corpus and the fusion test
corpus: each text as it is, with its paragraphs in another order, and with a correction
appended (a near-duplicate of the first, to be linked), plus a few files that cannot be read.
One ``sitrep ingest`` is killed once the store holds 150 documents, then run again to the end;
another runs uninterrupted into a second database. Every table must then hold the same rows
(``ingested_at`` and the findings' row numbers aside): documents with their links, events,
evidence, findings, fused events and their links, signatures.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev"
SOURCES = [DEV, REPO / "src" / "sitrep" / "demo", REPO / "tests" / "fusion" / "docs"]
N_DOCS = 500
KILL_AT = 150
SITREP = Path(sys.executable).with_name("sitrep")
TIMES = {("documents", "ingested_at"), ("schema_version", "applied_at"), ("findings", "id")}


def head(text: str, limit: int = 1200) -> str:
    """The text's first paragraphs, up to about ``limit`` characters (at least one): the test needs
    many documents, not long ones."""
    out: list[str] = []
    for para in text.split("\n\n"):
        if out and sum(map(len, out)) + len(para) > limit:
            break
        out.append(para)
    return "\n\n".join(out)


def make_corpus(folder: Path) -> int:
    """Write N_DOCS distinct documents (and three unreadable files) to ``folder``; how many documents."""
    texts = [head(p.read_text(encoding="utf-8")) for src in SOURCES for p in sorted(src.glob("*.txt"))]
    folder.mkdir()
    seen: set[str] = set()
    i = 0
    variant = 0
    while len(seen) < N_DOCS:
        for base in texts:
            if len(seen) >= N_DOCS:
                break
            paras = [p for p in base.split("\n\n") if p.strip()]
            if variant == 0:
                text = base
            elif variant == 1:
                text = "\n\n".join(paras[::-1]) + f"\n\n(Desk copy {i}: paragraphs rearranged.)\n"
            else:
                text = base + f"\n\nCorrection {variant}-{i}: an earlier version of this report misspelt a name.\n"
            if text in seen:
                continue
            seen.add(text)
            (folder / f"doc-{i:04d}.txt").write_text(text, encoding="utf-8")
            i += 1
        variant += 1
    (folder / "zz-empty.txt").write_text("", encoding="utf-8")
    (folder / "zz-binary.txt").write_bytes(b"\x00\xff" * 100)
    (folder / "zz-records.jsonl").write_text('{"id": "ok-record", "text": "Kyiv was shelled on Monday."}\n{oops\n',
                                             encoding="utf-8")
    return len(seen) + 1


def stored_documents(db: Path) -> int:
    """How many documents the store holds, read without disturbing the writer (0 before it exists)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.OperationalError:
        return 0
    try:
        return conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        conn.close()


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without the columns that only say when."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for t in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if (t, r[1]) not in TIMES]
            out[t] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
        return out
    finally:
        conn.close()


def ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    cmd = [str(SITREP)] if SITREP.exists() else [sys.executable, "-m", "sitrep.cli"]
    return subprocess.Popen([*cmd, "ingest", str(folder), "--db", str(db), "-q"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev not present")
def test_a_killed_ingest_run_again_gives_the_uninterrupted_store(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    n_docs = make_corpus(folder)
    killed_db, whole_db = tmp_path / "killed.db", tmp_path / "whole.db"

    victim = ingest(folder, killed_db)
    whole = ingest(folder, whole_db)  # meanwhile, on the other core
    deadline = time.monotonic() + 120
    while stored_documents(killed_db) < KILL_AT:
        assert victim.poll() is None, f"finished before it could be killed: {victim.stderr.read()}"
        assert time.monotonic() < deadline, "too slow to reach the kill point"
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL
    at_kill = stored_documents(killed_db)
    assert KILL_AT <= at_kill < n_docs

    again = ingest(folder, killed_db)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"duplicate (stored already, skipped): {at_kill}" in err
    assert f"new: {n_docs - at_kill}" in err
    _, whole_err = whole.communicate(timeout=300)
    assert whole.returncode == 0, whole_err
    assert f"new: {n_docs}" in whole_err and "failed: 3" in whole_err

    killed, uninterrupted = dump(killed_db), dump(whole_db)
    assert killed.keys() == uninterrupted.keys()
    for table in uninterrupted:
        assert killed[table] == uninterrupted[table], f"{table} differs"
    # The run did what it should: documents, near-duplicates linked, events fused, failures kept.
    assert uninterrupted["events"] and uninterrupted["fused_events"] and uninterrupted["fusion_links"]
    assert len(uninterrupted["document_signatures"]) == n_docs
    conn = sqlite3.connect(whole_db)
    try:
        ok = conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
        linked = conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0]
        failed = conn.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0]
        unfused = conn.execute("SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM fusion_links)"
                               ).fetchone()[0]
    finally:
        conn.close()
    assert ok == n_docs and linked >= 50 and failed == 3 and unfused == 0
