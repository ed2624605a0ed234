"""The ``sitrep`` command: files in, contract JSON Lines out, clear errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import main

EVENT_KEYS = {"id", "document_id", "type", "date", "date_precision", "location", "claimed_by", "evidence",
              "confidence"}
DOCUMENT_KEYS = {"id", "title", "url", "outlet", "published", "reference_date", "war_day", "language"}

RAID = ("Russia launched 35 drones at Sumy overnight, and Ukraine's air force said 30 of them were shot down. "
        "Three people were injured in the city.")
TALKS = "The foreign ministers of Ukraine and Poland met in Warsaw on Tuesday to discuss air defence."


@pytest.fixture
def texts(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    raid, talks = folder / "raid.txt", folder / "talks.txt"
    raid.write_text(RAID, encoding="utf-8")
    talks.write_text(TALKS, encoding="utf-8")
    return [raid, talks]


def lines_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_extract_writes_contract_events_to_stdout(texts: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", *map(str, texts)]) == 0
    events = lines_of(capsys.readouterr().out)
    for event in events:
        assert EVENT_KEYS <= set(event)
        assert event["document_id"] in {"raid", "talks"}  # the file name without its extension
        source = RAID if event["document_id"] == "raid" else TALKS
        assert all(0 <= s["start"] < s["end"] <= len(source) for s in event["evidence"])


def test_extract_to_a_file_leaves_stdout_empty(texts: list[Path], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.jsonl"
    assert main(["extract", *map(str, texts), "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.exists()
    written = out.read_text(encoding="utf-8")
    assert written == "" or written.endswith("\n")
    assert main(["extract", *map(str, texts)]) == 0
    assert capsys.readouterr().out == written  # the same bytes as on stdout


def test_documents_file_has_one_record_per_document(texts: list[Path], tmp_path: Path) -> None:
    docs = tmp_path / "documents.jsonl"
    assert main(["extract", str(texts[0].parent), "-o", str(tmp_path / "ev.jsonl"), "--documents", str(docs)]) == 0
    records = lines_of(docs.read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["raid", "talks"]  # a folder is read in a stable order
    assert all(DOCUMENT_KEYS <= set(r) for r in records)


def test_reference_date_is_the_date_texts_speak_from(texts: list[Path], tmp_path: Path) -> None:
    docs = tmp_path / "documents.jsonl"
    assert main(["extract", str(texts[0]), "-o", str(tmp_path / "ev.jsonl"), "--documents", str(docs),
                 "--reference-date", "2025-02-12"]) == 0
    (record,) = lines_of(docs.read_text(encoding="utf-8"))
    assert record["reference_date"] == "2025-02-12" and record["war_day"] == 1085


@pytest.mark.parametrize("bad", ["12/02/2025", "2025-02-30", "yesterday", ""])
def test_a_bad_reference_date_is_a_usage_error(texts: list[Path], bad: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(texts[0]), "--reference-date", bad])
    assert exit_.value.code == 2
    assert "not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_a_bad_document_is_reported_and_the_batch_goes_on(texts: list[Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["extract", str(empty), *map(str, texts), "--documents", str(tmp_path / "d.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().err
    assert len(lines_of((tmp_path / "d.jsonl").read_text(encoding="utf-8"))) == 2


def test_nothing_readable_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81 not text")
    assert main(["extract", str(binary)]) == 1
    assert "no document could be read" in capsys.readouterr().err


def test_extract_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract"])
    assert exit_.value.code == 2


def test_the_installed_command_runs(texts: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", *map(str, texts), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert main(["extract", *map(str, texts), "-o", str(tmp_path / "again.jsonl")]) == 0
    assert out.read_bytes() == (tmp_path / "again.jsonl").read_bytes()


def test_eval_is_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    help_text = capsys.readouterr().out
    assert "--pred" in help_text and "--by-prefix" in help_text and "--aliases" in help_text


def test_the_command_tunes_the_collector_and_main_leaves_it(texts: list[Path], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """``sitrep`` (cli.entry) raises the collector's thresholds for its batch; main() called as a library
    leaves the caller's settings alone."""
    import gc

    from sitrep.cli import GC_THRESHOLDS, entry
    before = gc.get_threshold()
    try:
        assert main(["extract", str(texts[0]), "-o", str(tmp_path / "a.jsonl")]) == 0
        assert gc.get_threshold() == before
        monkeypatch.setattr(sys, "argv", ["sitrep", "extract", str(texts[0]), "-o", str(tmp_path / "b.jsonl")])
        assert entry() == 0
        assert gc.get_threshold() == GC_THRESHOLDS
        assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    finally:
        gc.set_threshold(*before)
