"""sitrep export: every format read back by an independent reader (pandas, pyarrow, geojson).

The store is built from real pipeline output: the seed and a few fusion-corpus reports are
read, extracted and stored, then fused (:func:`sitrep.fuse.fuse_store`): the picked reports
include several that tell one event with differing tolls, so some fused events have two or
more sources and conflicts.
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import geojson
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.cli import main
from sitrep.errors import SitrepError, UsageError
from sitrep.extract import extract_events
from sitrep.fuse import fuse_store
from sitrep.ingest import read_documents
from sitrep.report.acled import acled_event_ids, acled_interaction, acled_row, acled_taxonomy, source_scale
from sitrep.report import export
from sitrep.report.export import CSV_COLUMNS, write_export
from sitrep.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
FUSION_DOCS = ROOT / "tests" / "fusion" / "docs"
PICKED = ("sumy-first", "sumy-mod", "sumy-final", "kyiv0731-night", "kyiv0731-final", "avdiivka-a", "swap0523-a",
          "okh-af", "okh-morning", "xmas24-af", "may25-af", "kramatorsk-a", "kramatorsk-b", "ivanov-a", "alaska-a")

# ACLED's columns, written out here from ACLED's codebook (not imported from the code under test).
ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
         "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
         "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
         "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
# ACLED's taxonomy: event type -> its sub-event types, by disorder type.
ACLED_TAXONOMY = {
    ("Political violence", "Battles"): {"Armed clash", "Government regains territory",
                                        "Non-state actor overtakes territory"},
    ("Political violence", "Explosions/Remote violence"): {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                                           "Shelling/artillery/missile attack",
                                                           "Remote explosive/landmine/IED", "Grenade"},
    ("Political violence", "Violence against civilians"): {"Sexual violence", "Attack",
                                                           "Abduction/forced disappearance"},
    ("Strategic developments", "Strategic developments"): {"Agreement", "Arrests", "Change to group/activity",
                                                           "Disrupted weapons use", "Headquarters or base established",
                                                           "Looting/property destruction",
                                                           "Non-violent transfer of territory", "Other"},
}
ISO3 = {804: "UKR", 643: "RUS", 112: "BLR", 840: "USA", 682: "SAU"}


# Wire copies with outlets and links (the .txt reports have neither): two outlets on one strike
# with tolls that differ, and a night whose drones were all shot down.
WIRES = [
    {"id": "wire-odesa-1", "outlet": "Reuters", "published": "2025-03-08",
     "url": "https://www.reuters.com/world/europe/odesa-port-drone-attack-2025-03-08/",
     "text": "Russian drones struck the port of Odesa overnight, killing two people and injuring five, regional "
             "governor Oleh Kiper said on Saturday. Ukraine's air force said it shot down 40 of the 60 Shahed "
             "drones launched at the country overnight."},
    {"id": "wire-odesa-2", "outlet": "Kyiv Independent", "published": "2025-03-08",
     "url": "https://kyivindependent.com/odesa-port-drone-attack/",
     "text": "Three people were killed and five injured when Russian drones attacked the port of Odesa "
             "overnight, Governor Oleh Kiper said on March 8."},
    {"id": "wire-kharkiv-1", "outlet": "Suspilne", "published": "2025-03-10",
     "url": "https://suspilne.media/kharkiv-drones-night/",
     "text": "Russia launched 12 Shahed drones at Kharkiv overnight, and air defence shot down all 12 of them, "
             "regional governor Oleh Syniehubov said on Monday. No one was hurt."},
]


def _inputs(folder: Path) -> list[Path]:
    wires = folder / "wires.jsonl"
    wires.write_text("".join(json.dumps(w) + "\n" for w in WIRES), encoding="utf-8")
    return sorted(SEED.glob("*.txt")) + [FUSION_DOCS / f"{name}.txt" for name in PICKED] + [wires]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    path = folder / "sitrep.db"
    with open_store(path) as store:
        for doc in read_documents(_inputs(folder)):
            assert not isinstance(doc, Exception), doc
            store.add_document(doc, extract_events(doc))
        fuse_store(store)
    return path


@pytest.fixture
def store(db: Path) -> Store:
    s = open_store(db)
    yield s
    s.close()


@pytest.fixture
def empty(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "empty.db")
    yield s
    s.close()


def _export(store: Store, fmt: str, path: Path, **kw: Any) -> tuple[int, Path]:
    return write_export(store, fmt, str(path), **kw), path


# -- jsonl ------------------------------------------------------------------------------------

def test_jsonl_round_trips_the_stored_fused_events(store: Store, tmp_path: Path) -> None:
    n, out = _export(store, "jsonl", tmp_path / "fused.jsonl")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == len(store.fused_events()) > 20
    assert [json.loads(line) for line in lines] == store.fused_events()
    told_twice = [json.loads(line) for line in lines if line.count('"event_id"') >= 2]
    assert told_twice and any(rec["conflicts"] for rec in told_twice)


def test_stdout_is_the_default_output(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    for output in (None, "-"):
        n = write_export(store, "jsonl", output)
        out = capsys.readouterr().out
        assert len(out.splitlines()) == n and out.endswith("\n")


# -- csv --------------------------------------------------------------------------------------

def test_csv_has_one_flat_row_per_fused_event(store: Store, tmp_path: Path) -> None:
    n, out = _export(store, "csv", tmp_path / "fused.csv")
    raw = out.read_bytes()
    assert b"\r\n" in raw and raw.count(b"\r\n") >= n + 1  # RFC 4180 line ends
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    fused = store.fused_events()
    assert list(df.columns) == list(CSV_COLUMNS) and n == len(df) == len(fused)
    assert list(df["id"]) == [r["id"] for r in fused]
    rows = {r["id"]: r for r in df.to_dict("records")}
    odesa = next(r for r in rows.values() if r["source_outlets"] == "Reuters; Kyiv Independent")
    assert odesa["source_urls"] == "; ".join(w["url"] for w in WIRES[:2])
    assert odesa["first_reported"] == odesa["last_reported"] == "2025-03-08"
    for rec in fused:
        row = rows[rec["id"]]
        assert row["type"] == rec["type"] and row["date"] == (rec["date"] or "")
        assert int(row["n_sources"]) == len(rec["sources"])
        assert row["claimed_by"].split("; ") == (rec["claimed_by"] or [""])
        assert row["killed"] == ("" if rec.get("killed") is None else str(rec["killed"]))
        for w in rec.get("weapons") or []:
            assert w["category"] in row["weapons"]
        if rec.get("weapons") and any(w["launched"] is not None for w in rec["weapons"]):
            assert int(row["weapons_launched"]) == sum(w["launched"] or 0 for w in rec["weapons"])
        assert int(row["n_conflicts"]) == len(rec["conflicts"])
        assert row["conflict_fields"] == "; ".join(dict.fromkeys(c["field"] for c in rec["conflicts"]))
        assert row["sources"].split("; ") == list(dict.fromkeys(s["document_id"] for s in rec["sources"]))
        assert row["source_events"].split("; ") == [s["event_id"] for s in rec["sources"]]
        for c in rec["conflicts"]:
            for v in c["values"]:
                said = v["value"] if isinstance(v["value"], str) else json.dumps(v["value"], ensure_ascii=False)
                assert f"{said} (" in row["conflicts"]
    # The csv module reads back the same rows (quoting of commas, quotes and newlines).
    assert list(csv.reader(io.StringIO(raw.decode("utf-8"))))[1][0] == fused[0]["id"]


# -- acled-csv --------------------------------------------------------------------------------

def test_acled_csv_opens_in_pandas_with_exactly_acleds_columns(store: Store, tmp_path: Path) -> None:
    n, out = _export(store, "acled-csv", tmp_path / "acled.csv")
    df = pd.read_csv(out)
    assert list(df.columns) == ACLED
    assert len(df) == n >= 8
    dates = pd.to_datetime(df["event_date"], format="%Y-%m-%d")
    assert (dates.dt.year == df["year"]).all()
    assert pd.api.types.is_integer_dtype(df["fatalities"]) and (df["fatalities"] >= 0).all()
    assert pd.api.types.is_integer_dtype(df["iso"]) and set(df["iso"]) <= set(ISO3)
    assert pd.api.types.is_integer_dtype(df["timestamp"])
    assert pd.api.types.is_numeric_dtype(df["latitude"]) and pd.api.types.is_numeric_dtype(df["longitude"])
    located = df.dropna(subset=["latitude"])
    assert len(located) >= n // 2
    assert located["latitude"].between(-90, 90).all() and located["longitude"].between(-180, 180).all()
    assert set(df["time_precision"]) <= {1, 2, 3} and set(df["geo_precision"]) <= {1, 2, 3}
    assert df["event_id_cnty"].is_unique
    for row in df.to_dict("records"):
        assert row["sub_event_type"] in ACLED_TAXONOMY[(row["disorder_type"], row["event_type"])], row
        assert re.fullmatch(r"[A-Z]{3}\d{9}", row["event_id_cnty"]) and row["event_id_cnty"][:3] == ISO3[row["iso"]]
        codes = sorted(int(c) for c in (row["inter1"], row["inter2"]) if not pd.isna(c))
        assert set(codes) <= {1, 2, 3, 4, 5, 6, 7, 8}
        expected = codes[0] * 10 + (codes[1] if len(codes) == 2 else 0) if codes else None
        assert (pd.isna(row["interaction"]) and expected is None) or int(row["interaction"]) == expected, row
        assert row["region"] == "Europe" and row["country"] in ("Ukraine", "Russia")
        assert row["notes"].startswith("On ") and row["source"]
        day = dt.datetime.fromtimestamp(row["timestamp"], dt.timezone.utc)
        assert (day.hour, day.minute) == (0, 0) and day.date() >= dt.date.fromisoformat(row["event_date"])
    # Every placed, violent or strategic fused event with a day (its own, or its first report's) has its row.
    expected_rows = [r for r in store.fused_events() if _first_day(store, r) and (r["location"] or {}).get("country")
                     and r["type"] not in ("statement", "diplomatic_contact", "aid_pledge", "sanctions")]
    assert n == len(expected_rows)


def _first_day(store: Store, rec: dict[str, Any]) -> str | None:
    """The fused event's day, else the day of its first dated report."""
    docs = {d["id"]: d for d in store.documents()}
    reported = sorted(filter(None, (docs[s["document_id"]]["reference_date"] for s in rec["sources"])))
    return rec["date"] or (reported[0] if reported else None)


def test_acled_dates_an_undated_event_by_its_first_report(store: Store, tmp_path: Path) -> None:
    _, out = _export(store, "acled-csv", tmp_path / "acled.csv")
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    numbers = acled_event_ids(r["id"] for r in store.fused_events())
    by_number = {int(k[3:]): r for k, r in zip(df["event_id_cnty"], df.to_dict("records"))}
    undated = [r for r in store.fused_events() if not r["date"] and numbers[r["id"]] in by_number]
    assert len(undated) >= 3
    for rec in undated:
        row = by_number[numbers[rec["id"]]]
        assert row["event_date"] == _first_day(store, rec) and row["time_precision"] == "2"
        assert row["notes"].startswith(f"On or shortly before {_long(row['event_date'])}, ")
    dated = df[~df["notes"].str.startswith("On or shortly before")]
    assert len(dated) >= 8 and set(dated["time_precision"]) == {"1"}


def _long(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d:%B} {d.year}"


def test_acled_rows_speak_acleds_language(store: Store, tmp_path: Path) -> None:
    _, out = _export(store, "acled-csv", tmp_path / "acled.csv")
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    rows = {r["event_id_cnty"]: r for r in df.to_dict("records")}
    numbers = acled_event_ids(r["id"] for r in store.fused_events())
    by_number = {int(k[3:]): r for k, r in rows.items()}
    disputed = [rec for rec in store.fused_events() if numbers[rec["id"]] in by_number
                and any(c["field"] == "killed" for c in rec["conflicts"])]
    assert disputed
    for rec in disputed:
        row = by_number[numbers[rec["id"]]]
        assert row["fatalities"] == str(rec["killed"])  # the fused figure; the other claims are in the notes
        claims = next(c for c in rec["conflicts"] if c["field"] == "killed")["values"]
        assert "Reports differ on killed: " in row["notes"]
        assert all(f"{v['value']} per " in row["notes"] for v in claims)
        latest = max(d["reference_date"] for d in store.documents()
                     if d["id"] in {s["document_id"] for s in rec["sources"]})
        assert dt.datetime.fromtimestamp(int(row["timestamp"]), dt.timezone.utc).date().isoformat() == latest
        assert len(row["source"].split("; ")) >= 1
    strikes = [r for r in rows.values() if r["event_type"] == "Explosions/Remote violence"]
    assert any(r["actor1"] == "Military Forces of Russia (2000-)" and r["inter1"] == "8" for r in strikes)
    civilian = [r for r in strikes if r["actor2"].startswith("Civilians (")]
    assert civilian and all(r["civilian_targeting"] == "Civilian targeting" and r["inter2"] == "7"
                            for r in civilian)
    kyiv = next(r for r in strikes if r["notes"].startswith("On 12 February 2025") and "Kyiv" in r["location"])
    assert "123 attack drones" in kyiv["notes"] and "71 attack drones shot down" in kyiv["notes"]
    assert "Vitali Klitschko" in kyiv["notes"]


def test_acled_rows_name_outlets_and_code_a_night_shot_down_as_disrupted(store: Store, tmp_path: Path) -> None:
    _, out = _export(store, "acled-csv", tmp_path / "acled.csv")
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    odesa = df[(df["location"] == "Odesa") & (df["event_date"] == "2025-03-08")].to_dict("records")
    assert len(odesa) == 1  # two outlets, one event
    row = odesa[0]
    assert row["source"] == "Reuters; Kyiv Independent" and row["source_scale"] == "National-International"
    assert row["sub_event_type"] == "Air/drone strike" and row["fatalities"] == "3"
    assert "Reports differ on killed: 2 per Oleh Kiper, Ukrainian Air Force (Reuters); " \
        "3 per Oleh Kiper (Kyiv Independent)." in row["notes"]
    assert row["actor2"] == "Civilians (Ukraine)" and row["interaction"] == "78"
    kharkiv = df[df["location"] == "Kharkiv"].to_dict("records")
    assert len(kharkiv) == 1
    row = kharkiv[0]
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == \
        ("Strategic developments", "Strategic developments", "Disrupted weapons use")
    assert (row["actor1"], row["actor2"]) == ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "1", "18")
    assert "12 attack drones shot down" in row["notes"] and row["fatalities"] == "0"
    assert row["source"] == "Suspilne" and row["source_scale"] == "National"
    assert row["timestamp"] == str(int(dt.datetime(2025, 3, 10, tzinfo=dt.timezone.utc).timestamp()))


def test_acled_taxonomy_follows_acleds_codebook() -> None:
    full = {"type": "aerial_attack", "weapons": [{"category": "attack_drone", "launched": 40, "intercepted": 31,
                                                  "suppressed": 9}]}
    partial = copy.deepcopy(full)
    partial["weapons"][0]["suppressed"] = 2
    hurt = copy.deepcopy(full) | {"injured": 2}
    strategic = ("Strategic developments", "Strategic developments")
    assert acled_taxonomy(full) == (*strategic, "Disrupted weapons use")
    assert acled_taxonomy(partial)[2] == acled_taxonomy(hurt)[2] == "Air/drone strike"
    iskander = {"type": "aerial_attack", "weapons": [{"category": "ballistic_missile", "model": "Iskander-M"}]}
    kh101 = {"type": "aerial_attack", "weapons": [{"category": "cruise_missile", "model": "Kh-101"}]}
    assert acled_taxonomy(iskander)[2] == "Shelling/artillery/missile attack"  # ground-launched
    assert acled_taxonomy(kh101)[2] == "Air/drone strike"  # launched from bombers
    where = {"country": "UA"}
    assert acled_taxonomy({"type": "territory_change", "taken_by": "RU", "location": where})[2] \
        == "Non-state actor overtakes territory"
    assert acled_taxonomy({"type": "territory_change", "taken_by": "UA", "location": where})[2] \
        == "Government regains territory"
    assert acled_taxonomy({"type": "arrest"}) == (*strategic, "Arrests")
    assert acled_taxonomy({"type": "prisoner_exchange"}) == (*strategic, "Agreement")
    assert acled_taxonomy({"type": "statement"}) == (*strategic, "Other")
    assert acled_interaction(8, 7) == 78 and acled_interaction(1, 8) == 18 and acled_interaction(8, None) == 80
    assert source_scale(["Kyiv Independent"]) == "National" and source_scale(["Northern Ledger"]) == "Other"


def test_acled_actors_of_deals_swaps_and_arrests() -> None:
    istanbul = {"name": "Istanbul", "admin1": "Istanbul", "country": "TR", "lat": 41.01, "lon": 28.95,
                "precision": "settlement"}
    deal = acled_row({"id": "f1", "type": "agreement", "date": "2022-07-22", "parties": ["RU", "UA", "TR"],
                      "topic": "grain exports", "location": istanbul}, [], 1)
    assert (deal["actor1"], deal["actor2"], deal["assoc_actor_2"]) == \
        ("Government of Russia (2000-)", "Government of Ukraine (2019-)", "Government of Turkey")
    assert (deal["inter1"], deal["inter2"], deal["interaction"]) == (8, 8, 88)  # two states abroad
    assert deal["region"] == "Middle East" and deal["iso"] == 792 and deal["event_id_cnty"].startswith("TUR")
    assert deal["notes"] == "On 22 July 2022, Russia, Ukraine and Turkey reached an agreement: grain exports."
    swap = acled_row({"id": "f2", "type": "prisoner_exchange", "date": "2025-05-23", "parties": ["UA", "RU"],
                      "released": [{"name": "prisoners of war", "count": 390, "released_by": "RU"}],
                      "location": {"name": None, "admin1": None, "country": "UA", "lat": None, "lon": None,
                                   "precision": "country"}}, [], 2)
    assert (swap["actor1"], swap["inter1"], swap["actor2"], swap["inter2"], swap["interaction"]) == \
        ("Military Forces of Ukraine (2019-)", 1, "Military Forces of Russia (2000-)", 8, 18)
    assert (swap["latitude"], swap["geo_precision"], swap["location"]) == ("", 3, "Ukraine")
    assert "390 prisoners of war (released by Russia)" in swap["notes"]
    us = acled_row({"id": "f3", "type": "agreement", "date": "2025-04-30", "parties": ["US", "UA"],
                    "location": {"name": "Washington", "country": "US", "lat": 38.9, "lon": -77.04,
                                 "precision": "settlement"}}, [], 3)
    assert us["actor1"] == "Government of the United States" and us["region"] == "North America"
    arrest = acled_row({"id": "f4", "type": "arrest", "date": "2023-12-07", "authority": "Federal Security Service",
                        "detainee": "two people", "charge": "sabotage", "accused_of_working_for": "UA",
                        "location": {"name": "Kaliningrad", "admin1": "Kaliningrad", "country": "RU",
                                     "lat": 54.7, "lon": 20.5, "precision": "settlement"}}, [], 4)
    assert (arrest["actor1"], arrest["assoc_actor_1"], arrest["actor2"], arrest["interaction"]) == \
        ("Police Forces of Russia (2000-)", "Federal Security Service", "Civilians (Russia)", 17)
    assert acled_row({"id": "f5", "type": "shelling", "date": None, "location": istanbul}, [], 5) is None
    assert acled_row({"id": "f6", "type": "shelling", "date": "2025-01-01", "location": None}, [], 6) is None
    assert acled_row({"id": "f7", "type": "statement", "date": "2025-01-01", "location": istanbul}, [], 7) is None
    assert acled_row({"id": "f7", "type": "statement", "date": "2025-01-01", "location": istanbul}, [], 7,
                     include_other=True)["sub_event_type"] == "Other"


def test_acled_leaves_out_types_acled_does_not_record_unless_asked(store: Store, tmp_path: Path) -> None:
    n_default, out = _export(store, "acled-csv", tmp_path / "a.csv")
    assert "Other" not in set(pd.read_csv(out)["sub_event_type"])
    n_all, out = _export(store, "acled-csv", tmp_path / "b.csv", acled_include_other=True)
    df = pd.read_csv(out)
    others = df[df["sub_event_type"] == "Other"]
    optional = [r for r in store.fused_events() if _first_day(store, r) and (r["location"] or {}).get("country")
                and r["type"] in ("statement", "diplomatic_contact", "aid_pledge", "sanctions")]
    assert len(optional) >= 1 and len(others) == len(optional) == n_all - n_default


def test_acled_event_ids_are_distinct_whatever_the_order() -> None:
    ids = [f"fus-{i:04d}" for i in range(50)]
    small = acled_event_ids(ids, space=64)  # collisions forced: 50 ids in 64 numbers
    assert len(set(small.values())) == 50 and all(0 <= v < 64 for v in small.values())
    assert acled_event_ids(reversed(ids), space=64) == small
    with pytest.raises(ValueError):
        acled_event_ids(ids, space=10)


def test_acled_ids_do_not_change_with_the_date_filter(store: Store, tmp_path: Path) -> None:
    _, out = _export(store, "acled-csv", tmp_path / "all.csv")
    everything = pd.read_csv(out, dtype=str).set_index("notes")["event_id_cnty"].to_dict()
    _, out = _export(store, "acled-csv", tmp_path / "day.csv", date_from="2025-02-12", date_to="2025-02-12")
    day = pd.read_csv(out, dtype=str)
    assert len(day) >= 3 and set(day["event_date"]) == {"2025-02-12"}
    for row in day.to_dict("records"):
        assert everything[row["notes"]] == row["event_id_cnty"]


# -- geojson ----------------------------------------------------------------------------------

def _check_feature_collection(text: str) -> dict[str, Any]:
    obj = geojson.loads(text)
    assert obj.is_valid, obj.errors()
    raw = json.loads(text)
    assert raw["type"] == "FeatureCollection" and "crs" not in raw
    for f in raw["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert all(len(repr(float(c)).split(".")[1]) <= 6 for c in (lon, lat))
    return raw


def test_geojson_is_valid_rfc7946_with_one_feature_per_located_event(store: Store, tmp_path: Path) -> None:
    n, out = _export(store, "geojson", tmp_path / "fused.geojson")
    raw = _check_feature_collection(out.read_text(encoding="utf-8"))
    fused = {r["id"]: r for r in store.fused_events()}
    located = [r for r in fused.values() if (r["location"] or {}).get("lat") is not None]
    assert n == len(raw["features"]) == len(located) > 5
    for f in raw["features"]:
        rec = fused[f["id"]]
        assert f["geometry"]["coordinates"] == [round(rec["location"]["lon"], 6), round(rec["location"]["lat"], 6)]
        props = f["properties"]
        assert props["id"] == rec["id"] and props["type"] == rec["type"] and props["date"] == rec["date"]
        assert props["location_name"] == rec["location"]["name"] and props["n_sources"] == len(rec["sources"])
        assert props["conflicts"] == rec["conflicts"]
        if "weapons" in rec:
            assert [w["category"] for w in props["weapons"]] == [w["category"] for w in rec["weapons"]]
    kyiv = next(f for f in raw["features"] if f["properties"]["location_name"] == "Kyiv")
    lon, lat = kyiv["geometry"]["coordinates"]
    assert 30 < lon < 31 and 50 < lat < 51  # longitude first


# -- parquet ----------------------------------------------------------------------------------

def test_parquet_reads_back_with_typed_columns(store: Store, tmp_path: Path) -> None:
    n, out = _export(store, "parquet", tmp_path / "fused.parquet")
    table = pq.read_table(out)
    fused = store.fused_events()
    assert n == table.num_rows == len(fused)
    schema = table.schema
    assert schema.field("date").type == pa.date32() and schema.field("first_reported").type == pa.date32()
    assert schema.field("killed").type == pa.int64() and schema.field("n_sources").type == pa.int64()
    assert schema.field("claimed_by").type == pa.list_(pa.string())
    weapons = schema.field("weapons").type
    assert pa.types.is_list(weapons) and pa.types.is_struct(weapons.value_type)
    assert weapons.value_type.field("launched").type == pa.int64()
    df = pd.read_parquet(out)
    assert list(df["id"]) == [r["id"] for r in fused]
    rows = table.to_pylist()
    for rec, row in zip(fused, rows):
        assert row["date"] == (dt.date.fromisoformat(rec["date"]) if rec["date"] else None)
        assert row["killed"] == rec.get("killed") and row["claimed_by"] == rec["claimed_by"]
        assert [w["launched"] for w in row["weapons"]] == [w["launched"] for w in rec.get("weapons") or []]
        assert [s["event_id"] for s in row["sources"]] == [s["event_id"] for s in rec["sources"]]


def test_parquet_refuses_a_terminal_and_writes_to_a_pipe(db: Path, store: Store,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(UsageError, match="-o FILE"):
        write_export(store, "parquet", None)
    monkeypatch.undo()
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "export", "--format", "parquet", "--db", str(db)],
                          capture_output=True, check=True)
    assert done.stdout[:4] == b"PAR1"
    assert pq.read_table(pa.BufferReader(done.stdout)).num_rows == len(store.fused_events())


# -- filters, files, the command --------------------------------------------------------------

def test_from_and_to_are_inclusive_and_leave_out_undated_events(store: Store, tmp_path: Path) -> None:
    fused = store.fused_events()
    days = sorted({r["date"] for r in fused if r["date"]})
    assert len(days) >= 3 and any(r["date"] is None for r in fused)
    first, last = days[1], days[-2]
    n, out = _export(store, "jsonl", tmp_path / "f.jsonl", date_from=first, date_to=last)
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got == [r for r in fused if r["date"] and first <= r["date"] <= last] and n == len(got)
    assert {r["date"] for r in got} >= {first, last}
    n, out = _export(store, "csv", tmp_path / "f.csv", date_from=dt.date.fromisoformat(last))
    assert n == len(pd.read_csv(out)) == sum(1 for r in fused if r["date"] and r["date"] >= last)
    with pytest.raises(UsageError, match="after"):
        write_export(store, "csv", str(tmp_path / "x.csv"), date_from=last, date_to=first)


def test_a_failed_export_leaves_the_old_file_and_no_half_file(store: Store, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = export.flat_row

    def failing(rec: dict[str, Any], ctx: Any) -> dict[str, Any]:
        calls["n"] += 1
        if calls["n"] % 4 == 0:  # midway through every export
            raise RuntimeError("disk on fire")
        return real(rec, ctx)

    monkeypatch.setattr(export, "flat_row", failing)
    out = tmp_path / "fused.csv"
    out.write_text("the old export\n", encoding="utf-8")
    for fmt in ("csv", "parquet", "geojson"):
        with pytest.raises(RuntimeError):
            write_export(store, fmt, str(out))
        assert out.read_text(encoding="utf-8") == "the old export\n"
        assert [p.name for p in tmp_path.iterdir()] == ["fused.csv"]
    monkeypatch.undo()

    def full_disk(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_csv", full_disk)
    with pytest.raises(SitrepError, match="No space left on device"):
        write_export(store, "csv", str(out))
    assert [p.name for p in tmp_path.iterdir()] == ["fused.csv"]
    with pytest.raises(UsageError, match="no folder"):
        write_export(store, "csv", str(tmp_path / "missing" / "x.csv"))
    with pytest.raises(UsageError, match="unknown export format"):
        write_export(store, "xlsx", str(out))


def test_cli_export_writes_the_file_and_says_how_many(db: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "acled.csv"
    assert main(["export", "--format", "acled-csv", "--db", str(db), "-o", str(out)]) == 0
    n = len(pd.read_csv(out))
    assert f"{n} fused events written to {out}" in capsys.readouterr().err
    assert main(["export", "--format", "geojson", "--db", str(db), "--from", "2025-02-12", "--to", "2025-02-12"]) == 0
    raw = _check_feature_collection(capsys.readouterr().out)
    assert raw["features"] and {f["properties"]["date"] for f in raw["features"]} == {"2025-02-12"}
    assert main(["export", "--format", "csv", "--db", str(db), "--from", "2025-03-01", "--to", "2025-02-01"]) == 2


def test_an_empty_store_gives_valid_empty_outputs(empty: Store, tmp_path: Path) -> None:
    assert _export(empty, "jsonl", tmp_path / "e.jsonl")[1].read_bytes() == b""
    n, out = _export(empty, "csv", tmp_path / "e.csv")
    assert n == 0 and list(pd.read_csv(out).columns) == list(CSV_COLUMNS) and len(pd.read_csv(out)) == 0
    n, out = _export(empty, "acled-csv", tmp_path / "e-acled.csv")
    assert n == 0 and out.read_bytes() == (",".join(ACLED) + "\r\n").encode()
    n, out = _export(empty, "geojson", tmp_path / "e.geojson")
    assert n == 0 and _check_feature_collection(out.read_text(encoding="utf-8"))["features"] == []
    n, out = _export(empty, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(out)
    assert n == table.num_rows == 0 and table.schema.field("date").type == pa.date32()


# -- PostgreSQL, through the same code (runs where SITREP_TEST_PG_URL names a database the test may wipe) --

def test_postgresql_exports_the_same_bytes_as_sqlite(db: Path, tmp_path: Path, pg_url: str) -> None:
    url = pg_url
    with open_store(db) as sqlite, open_store(url) as pg:
        for doc in read_documents(_inputs(tmp_path)):
            pg.add_document(doc, extract_events(doc))
        fuse_store(pg)
        assert pg.counts()["fused_events"] == sqlite.counts()["fused_events"]
        for fmt in ("jsonl", "csv", "acled-csv", "geojson"):
            a, b = tmp_path / f"sqlite.{fmt}", tmp_path / f"pg.{fmt}"
            assert write_export(sqlite, fmt, str(a)) == write_export(pg, fmt, str(b))
            assert a.read_bytes() == b.read_bytes(), fmt
        write_export(sqlite, "parquet", str(tmp_path / "sqlite.parquet"))
        write_export(pg, "parquet", str(tmp_path / "pg.parquet"))
        assert pq.read_table(tmp_path / "sqlite.parquet").equals(pq.read_table(tmp_path / "pg.parquet"))
