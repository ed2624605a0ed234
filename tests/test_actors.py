"""The actor knowledge base and actor lookup in running text (fixtures written for these tests)."""
import datetime as dt

from sitrep.normalize.actors import find_actors, holder_of, resolve_actor

D2025 = dt.date(2025, 2, 12)


def names(text, date=D2025, kind=None):
    return [(m.text, m.name) for m in find_actors(text, date=date) if kind is None or m.kind == kind]


def test_transliterations_fold_to_one_name():
    for spelling in ("Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelensky"):
        assert resolve_actor(spelling).name == "Volodymyr Zelenskyy"
    for spelling in ("Syrskyi", "Syrskii", "Syrskyii"):
        assert resolve_actor(spelling).name == "Oleksandr Syrskyi"


def test_organisations_use_scorer_canonical_names():
    assert resolve_actor("SBU").name == "Security Service of Ukraine"
    assert resolve_actor("FSB").name == "Federal Security Service"
    assert resolve_actor("Russia's Defence Ministry").name == "Russian Ministry of Defence"
    assert resolve_actor("Britain's Ministry of Defence").name == "UK Ministry of Defence"
    assert resolve_actor("IAEA").name == "International Atomic Energy Agency"
    assert resolve_actor("Nobody Atall") is None


def test_offsets_point_into_text():
    text = "Yesterday the SBU said that Peskov’s remarks were false."
    for m in find_actors(text):
        assert text[m.start:m.end] == m.text
    assert names(text, kind="person") == [("Peskov", "Dmitry Peskov")]
    assert ("SBU", "Security Service of Ukraine") in names(text)


def test_office_resolved_at_document_date():
    assert names("Ukraine’s leader spoke to Kyiv’s mayor.", kind="person") == [
        ("Ukraine’s leader", "Volodymyr Zelenskyy"), ("Kyiv’s mayor", "Vitali Klitschko")]
    assert holder_of("defence_minister", "UA", dt.date(2023, 1, 1)).name == "Oleksii Reznikov"
    assert holder_of("defence_minister", "UA", dt.date(2024, 1, 1)).name == "Rustem Umerov"
    assert holder_of("president", "US", dt.date(2023, 6, 1)).name == "Joe Biden"


def test_office_in_apposition_gives_the_name_only():
    people = names("The blaze was put out, said Kyiv's mayor, Vitali Klitschko.", kind="person")
    assert people == [("Vitali Klitschko", "Vitali Klitschko")]


def test_unknown_person_next_to_title_with_side():
    ms = [m for m in find_actors("Moldovan President Ana Popescu said the debris fell. Popescu added more.")
          if m.kind == "person"]
    assert [(m.name, m.side) for m in ms] == [("Ana Popescu", "MD"), ("Ana Popescu", "MD")]
    assert ms[1].text == "Popescu"


def test_unknown_person_in_apposition():
    ms = [m for m in find_actors("Ivan Petrenko, the governor of Russia’s Tambov region, said a man died.")
          if m.kind == "person"]
    assert [(m.name, m.side) for m in ms] == [("Ivan Petrenko", "RU")]


def test_surname_shared_by_two_people_follows_full_name():
    text = "Oleksii Kuleba visited Kharkiv. Later Kuleba said repairs had begun."
    assert names(text, kind="person")[-1] == ("Kuleba", "Oleksii Kuleba")


def test_surname_not_read_inside_another_name():
    assert names("Pavel Durov said nothing.", kind="person") != [("Pavel", "Petr Pavel")]


def test_countries_speak_as_iso_codes():
    assert ("the Kremlin", "RU") in names("A statement from the Kremlin followed.") or \
        ("Kremlin", "RU") in names("A statement from the Kremlin followed.")
    assert ("Washington", "US") in names("Washington said it would respond.")


def test_canonical_names_fold_to_ascii():
    import json
    import unicodedata
    from importlib import resources
    data = json.loads(resources.files("sitrep").joinpath("data/actors.json").read_text(encoding="utf-8"))
    for a in data["actors"]:
        folded = "".join(c for c in unicodedata.normalize("NFKD", a["name"]) if not unicodedata.combining(c))
        assert folded.isascii(), a["name"]
    assert resolve_actor("Radosław Sikorski").name == "Radoslaw Sikorski"


def test_offices_have_ordered_dates():
    import json
    from importlib import resources
    data = json.loads(resources.files("sitrep").joinpath("data/actors.json").read_text(encoding="utf-8"))
    for a in data["actors"]:
        for o in a.get("offices", []):
            if o["start"] and o["end"]:
                assert o["start"] < o["end"], (a["name"], o)


def test_transliteration_variants_meet():
    from sitrep.normalize.actors import find_actors
    for text, name in (("Dmitriy Peskov spoke.", "Dmitry Peskov"), ("Andrii Yermak spoke.", "Andriy Yermak"),
                       ("Vasily Nebenzia spoke.", "Vassily Nebenzia")):
        assert [m.name for m in find_actors(text)][:1] == [name]
