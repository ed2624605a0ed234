"""The same input gives the same output, byte for byte, and the same event ids, on every run.

The dev set is extracted in this process and by the ``sitrep`` command in fresh
interpreters with different hash seeds (so that no set or dict order of one run
leaks into the output), and document by document in two orders (so that no
state carries from one document to the next).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.extract import extract_events
from sitrep.ingest import read_documents
from sitrep.model import Document, event_to_contract

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="module")
def dev_texts() -> list[str]:
    if not DEV.is_dir():
        pytest.fail(f"the determinism test needs the dev set at {DEV} (the shared folder beside the repository)")
    return sorted(str(p) for p in DEV.glob("*.txt"))


def run_cli(texts: list[str], out: Path, docs: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", *texts, "-o", str(out),
                           "--documents", str(docs)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


def test_in_process_and_command_line_runs_are_byte_identical(dev_texts: list[str], tmp_path: Path) -> None:
    assert main(["extract", *dev_texts, "-o", str(tmp_path / "a.jsonl"), "--documents", str(tmp_path / "a.docs")]) == 0
    run_cli(dev_texts, tmp_path / "b.jsonl", tmp_path / "b.docs", "1")
    run_cli(dev_texts, tmp_path / "c.jsonl", tmp_path / "c.docs", "4242")
    first = (tmp_path / "a.jsonl").read_bytes()
    assert first == (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "c.jsonl").read_bytes()
    assert ((tmp_path / "a.docs").read_bytes() == (tmp_path / "b.docs").read_bytes()
            == (tmp_path / "c.docs").read_bytes())


def dev_documents(texts: list[str]) -> list[Document]:
    docs = [d for d in read_documents(texts) if isinstance(d, Document)]
    assert len(docs) == len(texts)
    return docs


def test_documents_do_not_influence_each_other(dev_texts: list[str]) -> None:
    forward = {d.id: [event_to_contract(e) for e in extract_events(d)] for d in dev_documents(dev_texts)}
    backward = {d.id: [event_to_contract(e) for e in extract_events(d)]
                for d in reversed(dev_documents(dev_texts))}
    assert forward == backward


def test_event_ids_are_unique_in_their_document(dev_texts: list[str]) -> None:
    for doc in dev_documents(dev_texts):
        ids = [event_to_contract(e)["id"] for e in extract_events(doc)]
        assert len(ids) == len(set(ids)), doc.id


def test_an_event_id_does_not_change_between_runs() -> None:
    # An inline text of our own: its id must not depend on the run, the process or the hash seed.
    text = "Russia launched 20 drones at Odesa overnight; 18 were shot down, the air force said."
    code = ("import sys; from sitrep.extract import extract_events; from sitrep.model import Document;"
            f"print([e.id for e in extract_events(Document('own', {text!r}))])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("0", "7")}
    here = str([e.id for e in extract_events(Document("own", text))]) + "\n"
    assert runs == {here}
