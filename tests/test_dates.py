import datetime as dt

from sitrep.extract.dates import find_date
from sitrep.model import date_of_war_day, war_day_of

REF = dt.date(2025, 2, 12)  # a Wednesday


def d(sentence, ref=REF, year=None):
    cue = find_date(sentence, ref, year)
    return cue.date if cue else None


def test_war_day_counts_the_invasion_day_as_one():
    assert war_day_of(dt.date(2022, 2, 24)) == 1
    assert war_day_of(dt.date(2025, 2, 12)) == 1085
    assert date_of_war_day(1085) == dt.date(2025, 2, 12)


def test_overnight_is_the_morning_it_ends():
    assert d("Russia launched drones overnight.") == REF


def test_weekday_resolves_backwards_from_the_reference():
    assert d("Drones struck Odesa on Monday.") == dt.date(2025, 2, 10)
    assert d("Drones struck Odesa early Wednesday.") == REF


def test_weekday_after_a_speech_verb_dates_the_report_not_the_event():
    assert d("The army said on Monday it had captured the village.") is None


def test_month_day_takes_the_year_of_the_reference():
    assert d("On the night of February 2, drones attacked.") == dt.date(2025, 2, 2)
    assert d("On May 28 a missile hit Kharkiv.", ref=dt.date(2024, 6, 1)) == dt.date(2024, 5, 28)
    assert d("Strikes on December 30 hit Kyiv.", ref=dt.date(2025, 1, 2)) == dt.date(2024, 12, 30)


def test_night_ranges_end_on_their_second_day():
    assert d("Drones attacked on the night of 15-16 April.", ref=dt.date(2025, 4, 16)) == dt.date(2025, 4, 16)
    assert d("Drones were launched overnight into September 20.", ref=None, year=2023) == dt.date(2023, 9, 20)


def test_no_reference_no_relative_date():
    assert d("Russia attacked overnight.", ref=None) is None
