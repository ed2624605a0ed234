"""Sanctions: imposer never from a dateline, targets as named entities, bans on Russian goods."""
from __future__ import annotations

from sitrep.extract import extract_events
from sitrep.model import Document


def _sanctions(text: str):
    return [(e.imposer, e.target) for e in extract_events(Document("t", text)) if e.type == "sanctions"]


def test_a_dateline_city_does_not_impose():
    got = _sanctions("BRUSSELS (Wire) — The European Union adopted a new package of sanctions against Russia on Tuesday.")
    assert got == [(["EU"], ["RU"])]


def test_target_named_after_its_description():
    got = _sanctions("Canada imposed sanctions on Russia's two biggest banks, Sberbank and VTB, on Friday.")
    assert got == [(["CA"], ["Sberbank", "VTB"])]


def test_headline_verb_and_name_list():
    assert _sanctions("Japan sanctions Gazprom and Novatek over the war") == [(["JP"], ["Gazprom", "Novatek"])]


def test_quoted_name_is_the_target():
    got = _sanctions('Britain imposed sanctions on 30 vessels of the so-called "dark fleet", officials said.')
    assert got == [(["GB"], ["dark fleet"])]


def test_target_stops_before_it_said():
    got = _sanctions("Australia imposed sanctions on 12 people it said had helped deport children.")
    assert got == [(["AU"], ["people"])]


def test_a_ban_on_russian_goods():
    got = _sanctions("Canada said it would ban imports of Russian aluminium.")
    assert got == [(["CA"], ["Russian aluminium"])]


def test_the_group_imposes():
    got = _sanctions("Leaders of the G7 met in Bavaria. Joe Biden said the group would ban imports of Russian gold.")
    assert got == [(["G7"], ["Russian gold"])]


def test_measures_right_after_sanctions_are_sanctions():
    text = ("The EU adopted a new package of sanctions against Russia. "
            "Canada announced its own measures, targeting 40 people and firms. "
            "They included the head of a Russian arms maker, Ivan Petrovsky, and several shipping firms.")
    got = _sanctions(text)
    assert (["CA"], ["Ivan Petrovsky"]) in got


def test_measures_without_sanctions_nearby_are_not_sanctions():
    assert _sanctions("Canada announced its own measures to cut energy use this winter.") == []


def test_names_after_a_description_and_talk_of_sanctions():
    assert _sanctions("Washington announced sanctions against Russian oil producers Gazprom Neft and Surgutneftegas.") == \
        [(["US"], ["Gazprom Neft", "Surgutneftegas"])]
    assert _sanctions("EU foreign ministers will discuss new sanctions next week.") == []


def test_the_narrower_aim_after_targeting():
    got = _sanctions("The European Union adopted new sanctions against Russia, targeting dozens of ships of its "
                     "so-called shadow fleet of tankers.")
    assert got == [(["EU"], ["shadow fleet"])]


def test_added_to_a_sanctions_list_including():
    got = _sanctions("The UK added 50 people and entities to its sanctions list, including Chinese suppliers accused of "
                     "shipping drone parts.")
    assert got == [(["GB"], ["Chinese suppliers"])]


def test_an_entry_ban_names_its_targets():
    got = _sanctions("Russia banned entry to 500 Americans, including Barack Obama and Joe Biden, in response to US sanctions.")
    assert got == [(["RU"], ["Barack Obama", "Joe Biden"])]


def test_a_warning_of_sanctions_is_not_sanctions():
    assert _sanctions("Antony Blinken warned that Washington would not hesitate to impose new sanctions on Tehran.") == []


def test_planned_sanctions_target_stops_before_the_verb():
    got = _sanctions("The US said more sanctions on Russian banks would be announced on Friday.")
    assert [t for _, t in got] in ([], [["Russian banks"]])


def test_preparing_or_discussing_a_package_is_not_sanctions():
    assert _sanctions("Kaja Kallas said the bloc was ready to discuss a new package of sanctions.") == []


def test_blacklisting_is_sanctions_and_keeps_its_place_list():
    got = _sanctions("Washington blacklisted more than 200 entities in Russia, China and India.")
    assert got == [(["US"], ["entities in Russia, China and India"])]


def test_an_entry_ban_on_citizens():
    assert _sanctions("Moscow responded by banning entry to 400 Canadian citizens.") == [(["RU"], ["Canadian citizens"])]


def _sanctions_on(text: str, ref: str):
    import datetime as dt
    return [e for e in extract_events(Document("t", text, reference_date=dt.date.fromisoformat(ref))) if e.type == "sanctions"]


def test_the_owner_of_a_welcomed_package_imposes_it():
    got = _sanctions_on("Prime Minister Denys Shmyhal welcomed on Friday Japan's new package of sanctions against Russia.",
                        "2024-03-02")
    assert [(e.imposer, e.target, e.date) for e in got] == [(["JP"], ["RU"], "2024-03-01")]


def test_a_target_after_the_weekday():
    got = _sanctions_on("Belarus imposed sanctions on Thursday on 40 Polish officials, the ministry said.", "2024-03-02")
    assert [(e.imposer, e.target) for e in got] == [(["BY"], ["Polish officials"])]


def test_a_headline_package_is_the_package_the_body_tells():
    got = _sanctions_on("Canada adopts new sanctions package\n\nCanada imposed sanctions against Russia on Tuesday, "
                        "adding 30 people to its list.", "2024-03-06")
    assert [(e.imposer, e.date) for e in got] == [(["CA"], "2024-03-05")]
    assert len(got[0].evidence) == 2


def test_blocking_access_to_media_the_same_day():
    got = _sanctions_on("A spokeswoman for the ministry said on Wednesday that the measures were unlawful. The same day, "
                        "the ministry said Russia was blocking access to 46 media outlets from EU countries.", "2024-03-08")
    assert [(e.imposer, e.target, e.date) for e in got] == [(["RU"], ["media outlets from EU countries"], "2024-03-06")]


def test_sanctions_suggested_are_not_imposed():
    assert _sanctions("Donald Trump wrote that Putin might be tapping him along, and suggested new sanctions on Russia.") == []
    assert _sanctions("Kaja Kallas called for tougher sanctions against Russia on Monday.") == []


def test_sanctions_named_after_a_state_or_imposed_by_it():
    assert _sanctions("Kyiv welcomed the new British sanctions announced on Friday against Russian banks.") == \
        [(["GB"], ["Russian banks"])]
    assert _sanctions("Moscow condemned the sanctions imposed by the EU on Friday and promised a response.") == [(["EU"], [])]


def test_a_round_of_sanctions_welcomed_is_owned_by_its_imposer():
    got = _sanctions("Ukraine's prime minister welcomed Japan's ninth round of sanctions against Russia on Friday.")
    assert got == [(["JP"], ["RU"])]


def test_what_the_package_holds_is_no_second_sanctions_event():
    got = _sanctions("The European Union adopted a new package of sanctions against Russia on Tuesday. "
                     "The package, agreed by EU ministers in Luxembourg, includes a ban on Russian steel pipes and listings of "
                     "several oil traders.")
    assert got == [(["EU"], ["RU"])]


def test_sanctions_against_it_target_the_country_speaking():
    got = _sanctions("Belarus said on Wednesday that the European Union's new sanctions against it were unlawful.")
    assert got == [(["EU"], ["BY"])]


def test_a_list_of_target_classes_is_kept_whole():
    got = _sanctions("Canada imposed sanctions on 76 individuals, banks and tankers on Friday.")
    assert got == [(["CA"], ["individuals, banks and tankers"])]
