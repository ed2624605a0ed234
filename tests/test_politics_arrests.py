"""Arrests: whom the detainee served (said just after), bribery, sentencing, one event per arrest, place after 'in'."""
from __future__ import annotations

from sitrep.extract import extract_events
from sitrep.model import Document


def _arrests(text: str):
    return [e for e in extract_events(Document("t", text)) if e.type == "arrest"]


def test_working_for_said_in_the_next_sentence():
    got = _arrests("Russia's Federal Security Service said it had detained John Miller in the city of Kazan on suspicion of espionage. "
                   "The FSB said Miller, acting on the instructions of the American side, had gathered secrets.")
    assert len(got) == 1 and got[0].accused_of_working_for == "US" and got[0].location.name == "Kazan"


def test_bribery_is_corruption():
    got = _arrests("Ukraine's Security Service detained a deputy minister suspected of taking bribes.")
    assert got and got[0].charge == "corruption"


def test_a_sentence_by_a_court_is_an_arrest_with_its_charge():
    got = _arrests("A Russian court sentenced a Ukrainian woman to 12 years in prison for treason.")
    assert got and got[0].charge == "treason"


def test_a_detail_sentence_completes_the_arrest():
    text = ("Ukraine's Security Service said it had detained two officers of the guard who were plotting for Russia. "
            "The plot was run from Moscow. It targeted senior officials. "
            "The two detained officers were charged with high treason, the SBU said.")
    got = _arrests(text)
    assert len(got) == 1 and got[0].charge == "treason" and got[0].detainee == "two officers of the guard"


def test_arson_for_foreign_intelligence_is_sabotage():
    got = _arrests("Police in Poland arrested a Ukrainian man suspected of plotting arson attacks on behalf of Russian intelligence.")
    assert got and got[0].charge == "sabotage" and got[0].accused_of_working_for == "RU"


def test_a_qualifier_place_is_not_where_and_a_named_detainee():
    got = _arrests("Ukraine's SBU arrested a priest of the Moscow-linked church on charges of collaboration.")
    assert got and (got[0].location is None or got[0].location.name != "Moscow")
    got = _arrests("A court in Moscow sentenced US citizen Gordon Black to nearly four years in prison.")
    assert got and got[0].detainee == "Gordon Black"


def test_a_foreign_police_arrest_beside_an_fsb_story():
    text = ("- The FSB said it had detained a man in Kursk suspected of spying for Ukraine.\n"
            "- Czech police arrested two men suspected of plotting sabotage attacks for Russian intelligence.")
    assert sorted(e.authority for e in _arrests(text)) == ["CZ", "Federal Security Service"]


def test_espionage_over_an_arson_plot_is_sabotage():
    got = _arrests("Lithuanian prosecutors charged a Ukrainian with espionage over a plot to set fire to a warehouse.")
    assert [e.charge for e in got] == ["sabotage"]


def _arrests_on(text: str, ref: str):
    import datetime as dt
    return [e for e in extract_events(Document("t", text, reference_date=dt.date.fromisoformat(ref))) if e.type == "arrest"]


def test_the_day_right_after_the_arrest_words_dates_it():
    got = _arrests_on("A Kyiv court on Friday ordered that former minister Ivan Hrytsenko, detained on Wednesday, be held "
                      "for sixty days, the SBU said.", "2024-10-12")
    assert [e.date for e in got] == ["2024-10-09"]


def test_a_report_day_dates_an_arrest_with_no_other_day():
    got = _arrests_on("Ukraine's Security Service said on Monday it had detained a railway worker suspected of spying for Russia.",
                      "2024-10-15")
    assert [e.date for e in got] == ["2024-10-14"]


def test_the_detention_of_a_named_person_takes_the_body_told_next():
    got = _arrests_on("The detention of Oleg Petrenko, a regional official, on Thursday on bribery charges shocked the city. "
                      "The FSB said Petrenko had taken money from builders.", "2024-06-15")
    assert [(e.authority, e.detainee, e.date, e.charge) for e in got] == \
        [("Federal Security Service", "Oleg Petrenko", "2024-06-13", "corruption")]


def test_a_surname_that_is_also_a_town_is_no_place():
    got = _arrests_on("Russia's Investigative Committee said on Tuesday that Deputy Defence Minister Pavel Ivanov had been "
                      "detained on suspicion of taking a bribe. Ivanov, who ran the ministry's building projects, is the most "
                      "senior official to be arrested this year.", "2024-06-15")
    assert got and all(e.location is None or e.location.name != "Ivanov" for e in got)


def test_the_suspects_charged_next_are_the_ones_detained():
    got = _arrests_on("Ukraine's Security Service said on Monday it had detained two officers of a border unit working for Russia. "
                      "The two suspects were charged with treason, the SBU said.", "2024-05-14")
    assert [(e.detainee, e.charge) for e in got] == [("two officers of a border unit", "treason")]


def test_placed_under_arrest_on_fraud_charges():
    got = _arrests_on("A court in Kazan on Tuesday placed former colonel Pavel Orlov under arrest on fraud charges.", "2024-05-15")
    assert [(e.authority, e.detainee, e.charge, e.date) for e in got] == [("RU", "Pavel Orlov", "fraud", "2024-05-14")]


def test_the_detainee_before_a_passive_verb():
    got = _arrests_on("Three women were detained by Latvian police on Monday on suspicion of spying for Russia.", "2024-05-15")
    assert [(e.authority, e.detainee, e.charge) for e in got] == [("LV", "Three women", "espionage")]


def test_accused_of_a_terrorist_attack_is_terrorism():
    got = _arrests_on("The FSB said it had detained a man in Bryansk accused of preparing a terrorist attack.", "2024-05-15")
    assert [e.charge for e in got] == ["terrorism"]


def test_a_security_service_of_another_country():
    got = _arrests_on("Latvia's Security Service said on Monday it had detained a man suspected of spying for Moscow.", "2024-05-15")
    assert [e.authority for e in got] == ["LV"]


def test_custody_ruling_of_a_court_is_an_arrest():
    got = _arrests("A court in Lviv on Tuesday ordered the former mayor held in custody for sixty days on bribery charges.")
    assert len(got) == 1 and got[0].authority == "UA" and got[0].charge == "corruption"


def test_remanded_by_an_unnamed_court_sits_where_the_sentence_says():
    got = _arrests("The banker spent the night in an Odesa detention centre after a court on Monday ordered him remanded "
                   "for two months on fraud charges.")
    assert len(got) == 1 and got[0].authority == "UA" and got[0].charge == "fraud"


def test_served_a_notice_of_suspicion_is_a_charge():
    got = _arrests("Ukraine's Security Service said a regional deputy was served a notice of suspicion of treason on Friday.")
    assert len(got) == 1 and got[0].charge == "treason"
