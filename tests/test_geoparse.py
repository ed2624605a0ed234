"""``sitrep geoparse``: one line of resolved places per document, bad input reported, the gold bars held."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from sitrep.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PLACES_DEV = SHARED / "eval" / "places" / "dev.jsonl"
SCORER = SHARED / "eval" / "score_places.py"
PLACE_KEYS = {"name", "start", "end", "admin1", "admin2", "country", "lat", "lon", "precision", "geonameid", "relation"}


def lines_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_text_file_gives_one_line_with_resolved_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Shelling hit the outskirts of Kupiansk, Kharkiv Oblast, and a village near Zaporizhzhia."
    (tmp_path / "shelling.txt").write_text(text, encoding="utf-8")
    assert main(["geoparse", str(tmp_path / "shelling.txt")]) == 0
    [rec] = lines_of(capsys.readouterr().out)
    assert rec["id"] == "shelling"
    assert all(set(p) == PLACE_KEYS for p in rec["places"])
    by_name = {p["name"]: p for p in rec["places"]}
    kup = by_name["Kupiansk"]
    assert text[kup["start"]:kup["end"]] == "Kupiansk"
    assert (kup["admin1"], kup["country"], kup["precision"]) == ("Kharkiv", "UA", "settlement")
    assert 49.5 < kup["lat"] < 50.0 and 37.4 < kup["lon"] < 37.8
    assert isinstance(kup["geonameid"], int)
    assert by_name["Kharkiv Oblast"]["precision"] == "admin1"


def test_jsonl_records_and_a_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Drones struck Odesa overnight."}) + "\n"
                    + "{not json\n"
                    + json.dumps({"id": "b", "text": "Nothing happened here."}) + "\n", encoding="utf-8")
    assert main(["geoparse", str(path)]) == 0
    captured = capsys.readouterr()
    recs = lines_of(captured.out)
    assert [r["id"] for r in recs] == ["a", "b"]
    assert [p["name"] for p in recs[0]["places"]] == ["Odesa"]
    assert recs[1]["places"] == []
    errors = [line for line in captured.err.splitlines() if line]
    assert len(errors) == 1 and "batch.jsonl:2" in errors[0]


def test_nothing_readable_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geoparse", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


@pytest.mark.skipif(not (PLACES_DEV.exists() and SCORER.exists()), reason="../shared/eval/places not present")
def test_places_dev_meets_the_bars(tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    assert main(["geoparse", str(PLACES_DEV), "-o", str(out)]) == 0
    spec = importlib.util.spec_from_file_location("score_places", SCORER)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    rep = scorer.score(PLACES_DEV, out)
    assert rep["place_found"] >= 0.95, rep["misses"][:10]
    assert rep["admin1"] >= 0.95, rep["misses"][:10]
    assert rep["within_25km"] >= 0.90, rep["misses"][:10]


def test_relative_phrases_say_where_the_place_was_named_from(tmp_path, capsys):
    (tmp_path / "front.txt").write_text("Fighting raged south of Kupiansk and on the outskirts of Pokrovsk.",
                                        encoding="utf-8")
    assert main(["geoparse", str(tmp_path / "front.txt")]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert {p["name"]: p["relation"] for p in rec["places"]} == {"Kupiansk": "south of", "Pokrovsk": "outskirts of"}
