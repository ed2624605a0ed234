"""Place finding and resolution against the shipped gazetteer (fixtures in our own words)."""
from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from sitrep.normalize.gazetteer import fold, load_gazetteer
from sitrep.normalize.places import find_places, geoparse, resolve_place

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PLACES_DEV = SHARED / "eval" / "places" / "dev.jsonl"
EVENTS_DEV = SHARED / "eval" / "dev"
# Floors measured on the places dev set (see scripts/run_places_eval.py); a drop below fails.
FLOORS = {"place_found": 0.97, "admin1": 0.96, "within_25km": 0.935}  # measured 0.975, 0.967, 0.940


def names(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(p.name, p.admin1, p.country, p.precision) for p in find_places(text)]


def by_text(text: str) -> dict[str, object]:
    return {p.text: p for p in find_places(text)}


def test_fold_spellings():
    assert fold("Kup’yans’k") == "kupyansk"
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"
    assert fold("Zaporízhzhia") == "zaporizhzhia"


def test_offsets_point_into_text():
    text = "Drones hit Odesa and then Kharkiv's north overnight."
    for p in find_places(text):
        assert text[p.start:p.end] == p.text
    assert [p.text for p in find_places(text)] == ["Odesa", "Kharkiv"]


def test_window_offsets_are_into_whole_text():
    text = "Intro about Lviv. Later, shelling hit Kherson."
    found = find_places(text, 18)
    assert [(p.text, p.start) for p in found] == [("Kherson", text.index("Kherson"))]


def test_city_versus_oblast():
    city, = find_places("A strike on Kyiv at dawn.")
    assert (city.name, city.admin1, city.precision) == ("Kyiv", "Kyiv City", "settlement")
    oblast, = find_places("Drones over the Kyiv region at dawn.")
    assert (oblast.name, oblast.admin1, oblast.precision) == ("Kyiv Oblast", "Kyiv", "admin1")
    ru, = find_places("Air defence worked over Belgorod Oblast.")
    assert (ru.name, ru.admin1, ru.country) == ("Belgorod Oblast", "Belgorod", "RU")


def test_spelling_variants_resolve_to_one_place():
    for spelling in ("Kharkov", "Kharkiv"):
        p, = find_places(f"Blasts in {spelling} today.")
        assert p.geonameid == 706483 and p.admin1 == "Kharkiv"
    a, = find_places("Fighting near Kupyansk went on.")
    b, = find_places("Fighting near Kupiansk went on.")
    assert a.geonameid == b.geonameid and a.admin1 == "Kharkiv"
    assert a.name == "Kupyansk"  # the text's own spelling


def test_possessive_and_relation():
    p = by_text("Guns fired on the outskirts of Kherson’s port.")["Kherson"]
    assert p.relation == "outskirts of"
    q = by_text("Troops dug in 10 km south of Bakhmut.")["Bakhmut"]
    assert q.relation == "south of" and q.admin1 == "Donetsk"
    r = by_text("A convoy was seen near Izyum.")["Izyum"]
    assert r.relation == "near"
    assert by_text("Assaults on the Pokrovsk direction went on.")["Pokrovsk"].relation == "direction"
    assert by_text("Columns moved towards Kramatorsk.")["Kramatorsk"].relation == "direction"
    assert by_text("Shelling hit Kramatorsk.")["Kramatorsk"].relation is None


def test_possessive_inside_a_name():
    p, = find_places("Officials of the Donetsk People's Republic said so.")
    assert (p.precision, p.admin1) == ("admin1", "Donetsk")


def test_admin_context_steers_ambiguous_village():
    p = find_places("Shells fell on Pavlivka, Sumy Oblast, overnight.")[0]
    assert (p.name, p.admin1) == ("Pavlivka", "Sumy")
    q = find_places("Rockets hit Pavlivka, Sumy, before dawn.")
    assert q[0].admin1 == "Sumy" and (q[1].name, q[1].precision) == ("Sumy Oblast", "admin1")


def test_village_missing_from_gazetteer_keeps_its_division():
    p = find_places("Troops pulled back past Zzyzxivka, Donetsk Oblast, at night.")[0]
    assert (p.name, p.admin1, p.country, p.lat) == ("Zzyzxivka", "Donetsk", "UA", None)
    q = find_places("Drones hit Novopetrovka in the Belgorod region.")[0]
    assert (q.admin1, q.country, q.precision) == ("Belgorod", "RU", "settlement")
    r = find_places("The governor of the Belgorod region said shells hit the village of Novopetrovka.")[1]
    assert (r.name, r.admin1, r.country, r.lat) == ("Novopetrovka", "Belgorod", "RU", None)


def test_division_behind_a_country_or_in_apposition():
    p = find_places("A drone killed a man in the village of Zzyzxivka, in Russia’s Kursk region, on Sunday.")[0]
    assert (p.name, p.admin1, p.country) == ("Zzyzxivka", "Kursk", "RU")
    q = find_places("Troops pushed back in Kherson – the only region fully held by Russia.")[0]
    assert (q.name, q.precision) == ("Kherson Oblast", "admin1")


def test_division_read_from_words_around_it():
    p = find_places("Russian troops pressed on in the region of Donetsk.")[0]
    assert (p.name, p.precision) == ("Donetsk Oblast", "admin1")
    assert find_places("A rocket hit a depot in eastern Kyiv.")[0].precision == "settlement"
    q = find_places("A fire broke out, the Krasnodar governor said.")[0]
    assert (q.name, q.country) == ("Krasnodar Krai", "RU")
    assert find_places("Strikes hit the Kyivskyi district.") == []
    assert find_places("Belgorod Governor Vyacheslav Gladkov spoke.")[0].precision == "admin1"
    assert find_places("Fighting raged near Pokrovsk.")[0].admin1 == "Donetsk"  # not Engels, once Pokrovsk


def test_city_district_keeps_city():
    found = find_places("Homes burned in Saltivka, Kharkiv, last night.")
    assert found[1].precision == "settlement" and found[1].name == "Kharkiv"


def test_coordinated_regions():
    found = names("Attacks hit the Donetsk, Luhansk and Kherson regions.")
    assert [(n, a) for n, a, _, _ in found] == [("Donetsk Oblast", "Donetsk"), ("Luhansk Oblast", "Luhansk"),
                                               ("Kherson Oblast", "Kherson")]


def test_countries_capitals_regions_facilities():
    found = by_text("Envoys met in Jeddah, Saudi Arabia, while Washington and Brussels waited.")
    assert found["Saudi Arabia"].precision == "country" and found["Saudi Arabia"].country == "SA"
    assert found["Jeddah"].country == "SA" and found["Washington"].country == "US"
    assert found["Brussels"].country == "BE"
    crimea = by_text("Missiles launched from Crimea.")["Crimea"]
    assert (crimea.country, crimea.admin1) == ("UA", "Crimea")
    plant = find_places("Shelling near the Zaporizhzhia nuclear power plant again.")[0]
    assert (plant.precision, plant.admin1) == ("facility", "Zaporizhzhia")
    donbas = by_text("The war in the Donbas goes on.")["Donbas"]
    assert donbas.country == "UA"


def test_misspelt_town_after_preposition():
    p, = find_places("Tanks rolled into Popasnaa on Monday.")
    assert (p.admin1, p.rule) == ("Luhansk", "gazetteer:fuzzy")
    q = find_places("Fighting between Rubizhne and Severdonetsk")[1]
    assert q.admin1 == "Luhansk" and q.name == "Severdonetsk"
    assert find_places("Popasnaa officials said so.") == []  # no "in"/"near": no guess


def test_country_abbreviations():
    assert [p.country for p in find_places("The US and the U.S. Congress, the UK too.")] == ["US", "US", "GB"]
    assert find_places("Tell us about it.") == []


def test_people_and_words_are_not_places():
    assert names("Vitali Klitschko said Vladimir Putin was lying.") == []
    assert names("The Victory Day parade and a Peace plan were discussed by the Mayor.") == []
    assert names("Ukrainian and Russian officials spoke.") == []
    assert names("The Kyiv Independent reported it first.") == []
    assert names("A Moscow-backed official and a Kyiv-based analyst spoke.") == []


def test_resolve_place_for_event_locations():
    cases = {"Enerhodar": ("Zaporizhzhia", "UA"), "Udachne": ("Donetsk", "UA"), "Selydove": ("Donetsk", "UA"),
             "Adler": ("Krasnodar", "RU"), "Irpin": ("Kyiv", "UA"), "Sievierodonetsk": ("Luhansk", "UA"),
             "Kharkiv Oblast": ("Kharkiv", "UA"), "Kyiv": ("Kyiv City", "UA")}
    for name, (admin1, country) in cases.items():
        p = resolve_place(name)
        assert p is not None and (p.admin1, p.country) == (admin1, country), name
    assert resolve_place("Sirius").country == "RU"
    assert resolve_place("Nowhere-on-Earth-Town") is None


def test_gazetteer_loads_and_indexes():
    g = load_gazetteer()
    assert len(g.places) > 20000
    assert g.lookup("Zaporozhye")[0].admin1 == "Zaporizhzhia"
    assert g.admin1_of("Kharkiv")[0].name == "Kharkiv Oblast"


def test_gazetteer_header_names_its_build():
    ref = resources.files("sitrep") / "data" / "gazetteer.tsv.gz"
    first = gzip.decompress(ref.read_bytes()).split(b"\n", 1)[0]
    assert first.startswith(b"# sitrep gazetteer") and b"build_gazetteer.py" in first


@pytest.mark.skipif(not PLACES_DEV.exists(), reason="../shared/eval/places/dev.jsonl not present")
def test_places_dev_floors(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from run_places_eval import predict

    sys.path.insert(0, str(SHARED / "eval"))
    from score_places import score

    pred = tmp_path / "places.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in predict(PLACES_DEV)), encoding="utf-8")
    rep = score(PLACES_DEV, pred)
    for k, floor in FLOORS.items():
        assert rep[k] >= floor, (k, rep[k])


@pytest.mark.skipif(not EVENTS_DEV.exists(), reason="../shared/eval/dev not present")
def test_event_gold_locations_resolve():
    sys.path.insert(0, str(SHARED / "eval"))
    from score import place_eq

    checked = wrong = wrong_hinted = 0
    for f in sorted(EVENTS_DEV.glob("*.json")):
        for e in json.loads(f.read_text(encoding="utf-8"))["events"]:
            loc = e.get("location") or {}
            if not loc.get("name") or loc.get("country") not in ("UA", "RU"):
                continue
            p = resolve_place(loc["name"])
            checked += 1
            ok = p is not None and p.country == loc["country"] and (
                not loc.get("admin1") or place_eq(p.admin1 or "", loc["admin1"]))
            wrong += not ok
            # With the oblast the text names, only villages missing from the gazetteer stay wrong.
            h = resolve_place(loc["name"], admin1=loc.get("admin1"), country=loc["country"])
            wrong_hinted += h is None or h.country != loc["country"] or (
                bool(loc.get("admin1")) and not place_eq(h.admin1 or "", loc["admin1"]))
    # Measured: 3 of 93 wrong without context, 2 with it (small Russian villages GeoNames lacks).
    assert checked > 30 and wrong <= 3 and wrong_hinted <= 2, (checked, wrong, wrong_hinted)


def test_surname_given_in_full_is_a_person_later_in_the_text() -> None:
    text = "A car bomb killed Lieutenant General Pavel Kirillov in Moscow. Kirillov had led the unit since 2017."
    assert "Kirillov" not in by_text(text)
    assert by_text(text)["Moscow"].country == "RU"
    # Without the full name first, the town is still found after "in".
    assert by_text("Drones were seen over Kirillov in the north.")["Kirillov"].country == "RU"


def test_buildings_named_for_a_place_are_not_the_place() -> None:
    found = by_text("Ministers gathered at Lancaster House in London on Sunday.")
    assert "Lancaster" not in found and found["London"].country == "GB"


def test_saint_spellings_prefer_the_russian_city() -> None:
    for spelling in ("St Petersburg", "St. Petersburg", "Saint Petersburg"):
        p = by_text(f"The two leaders met in {spelling} on Friday.")[spelling]
        assert (p.country, p.admin1) == ("RU", "Saint Petersburg"), spelling


def test_federal_territory_has_no_admin1() -> None:
    p = by_text("Drones were shot down over Sirius, near Sochi.")["Sirius"]
    assert (p.country, p.admin1) == ("RU", None)


def test_region_used_as_adjective_of_a_city_is_left_out() -> None:
    found = by_text("Troops pushed into the Donbas city of Bakhmut.")
    assert "Donbas" not in found and found["Bakhmut"].admin1 == "Donetsk"


def test_plural_village_lead_in_and_bare_oblast_after() -> None:
    found = by_text("Shelling hit the villages of Sukhetske and Pankivka north of Pokrovsk.")
    assert found["Sukhetske"].admin1 == "Donetsk" and found["Pankivka"].admin1 == "Donetsk"
    found = by_text("Moscow claimed the capture of Vremivka in Donetsk.")
    assert found["Vremivka"].admin1 == "Donetsk"
    assert found["Donetsk"].precision == "admin1"


def test_compass_word_before_a_city_that_is_also_an_oblast() -> None:
    assert by_text("Fighting raged in southern Donetsk region.")["Donetsk region"].precision == "admin1"
    assert by_text("Explosions shook eastern Kyiv at night.")["Kyiv"].precision == "settlement"


def test_list_of_small_villages_of_one_oblast_needs_no_lead_in() -> None:
    found = by_text("Sukhetske, Pankivka and Vremivka came under artillery fire.")
    assert {k: p.admin1 for k, p in found.items()} == {"Sukhetske": "Donetsk", "Pankivka": "Donetsk",
                                                       "Vremivka": "Donetsk"}


def test_separatist_republic_named_steers_an_ambiguous_village() -> None:
    # Pisky: a village of the Donetsk codifier (no population) and larger namesakes elsewhere.
    assert by_text("DPR troops shelled a school in Pisky.")["Pisky"].admin1 == "Donetsk"


# --- Unresolved names: reported with their span and reason, never dropped silently ---

def unresolved(text: str) -> list[tuple[str, str]]:
    found = geoparse(text)
    for u in found.unresolved:
        assert text[u.start:u.end] == u.text
    return [(u.text, u.reason) for u in found.unresolved]


def test_made_up_village_after_near_is_reported_and_others_still_found() -> None:
    text = "Shelling near Zarichkivtsi overnight, and drones over Kharkiv."
    found = geoparse(text)
    assert [(u.text, u.reason) for u in found.unresolved] == [("Zarichkivtsi", "not in the gazetteer")]
    u, = found.unresolved
    assert (u.start, u.end) == (text.index("Zarichkivtsi"), text.index("Zarichkivtsi") + len("Zarichkivtsi"))
    assert [p.text for p in found.places] == ["Kharkiv"]
    assert found.places == find_places(text)  # find_places is geoparse's places


def test_unknown_names_after_other_lead_ins_and_before_a_division_word() -> None:
    assert unresolved("Troops dug in on the outskirts of Velyki Zarichky.") == [("Velyki Zarichky", "not in the gazetteer")]
    assert unresolved("Guns fell silent in the village of Brodzynka.") == [("Brodzynka", "not in the gazetteer")]
    assert unresolved("Sirens sounded across the Foozlia Oblast.") == [("Foozlia", "not in the gazetteer")]


def test_ambiguous_or_small_village_with_no_context_is_reported_not_guessed() -> None:
    # Several villages bear the name, none with a known population, and nothing says which.
    text = "Russian troops captured Abrykosivka on Tuesday, the general staff said."
    assert geoparse(text).places == []
    (name, reason), = unresolved(text)
    assert name == "Abrykosivka" and reason.startswith("ambiguous: ") and reason.endswith(" candidates, no context")
    assert int(reason.split()[1]) > 1
    # With a lead-in the same name is accepted (resolved to one of them), so nothing is reported.
    assert unresolved("Fighting went on near Abrykosivka.") == []


def test_only_place_like_names_are_reported() -> None:
    # Capitalised words with no lead-in or division word, people, demonyms, acronyms, common words.
    assert unresolved("Brodzynka Holdings posted record results, Zelenko said.") == []
    assert unresolved("He spoke in French and in Zelensky's name, in NATO's view.") == []
    assert unresolved("A fire broke out near Ilyich plant; the plant burned.") == []
    assert unresolved("She studied in Conflict Studies, a course on conflict.") == []
    assert unresolved("Writing in Frontline Quarterly, he said crews in Bradley vehicles held.") == []


def test_cli_geoparse_writes_unresolved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sitrep.cli import main

    text = "A shell landed near Zarichkivtsi and in Kherson."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    assert main(["geoparse", str(tmp_path / "doc.txt")]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in rec["places"]] == ["Kherson"]
    start = text.index("Zarichkivtsi")
    assert rec["unresolved"] == [{"text": "Zarichkivtsi", "start": start, "end": start + 12,
                                  "reason": "not in the gazetteer"}]


def test_misspelling_two_towns_are_equally_close_to_is_reported_as_ambiguous() -> None:
    # "Shchykino" is one letter from both Shchukino (Moscow Oblast) and Shchekino (Tula Oblast): no guess.
    text = "Debris fell in Shchykino overnight and drones flew over Kursk."
    found = geoparse(text)
    assert [(u.text, u.reason) for u in found.unresolved] == [("Shchykino", "ambiguous: 2 candidates, no context")]
    assert [p.text for p in found.places] == ["Kursk"]
