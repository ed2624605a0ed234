"""`sitrep extract` over a folder with good and bad documents: one stderr line per bad one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.cli import main

STORY = ("Air defence units shot down nine of twelve drones launched at the southern regions overnight, "
         "the air force said on Tuesday.\n")


def _bad_files(folder: Path) -> list[Path]:
    empty = folder / "empty.txt"
    empty.write_text("\n")
    binary = folder / "binary.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01" * 30)
    latin = folder / "latin.txt"
    latin.write_bytes("Odesa caf\xe9".encode("latin-1"))
    page = folder / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    records = folder / "wire.jsonl"
    records.write_text("{not json\n" + json.dumps({"id": "no-text"}) + "\n")
    return [empty, binary, latin, page, records]


def test_extract_reports_each_bad_document_and_succeeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY)
    _bad_files(folder)
    docs = tmp_path / "docs.jsonl"
    status = main(["extract", str(folder), "-o", str(tmp_path / "events.jsonl"), "--documents", str(docs)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 0
    assert len(err) == 6  # empty, binary, latin, menu, and two bad JSONL lines
    for name in ["empty.txt", "binary.txt", "latin.txt", "menu.html", "wire.jsonl:1", "wire.jsonl:2"]:
        assert sum(name in line for line in err) == 1, (name, err)
    assert all(line.startswith("sitrep: skipped ") for line in err)
    records = [json.loads(line) for line in docs.read_text().splitlines()]
    assert [r["id"] for r in records] == ["good"]


def test_extract_fails_when_no_document_can_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _bad_files(folder)
    status = main(["extract", str(folder), "-o", str(tmp_path / "events.jsonl")])
    err = capsys.readouterr().err
    assert status == 1
    assert "no document could be read" in err
    assert err.count("sitrep: skipped ") == 6
