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


THU = dt.date(2025, 2, 13)


def test_a_part_of_a_named_weekday_is_that_weekday():
    assert d("Drones flew in during the early hours of Thursday.", ref=THU) == THU
    assert d("Blasts shook the city on the morning of Tuesday.", ref=THU) == dt.date(2025, 2, 11)


def test_a_night_from_one_day_to_the_next_is_the_second_day():
    assert d("Drones came on the night of December 27 to 28.", ref=THU) == dt.date(2024, 12, 28)
    assert d("Sirens sounded through the night of 3 to 4 February.", ref=THU) == dt.date(2025, 2, 4)


def test_an_attack_starting_in_the_evening_is_dated_by_the_morning_it_ends():
    assert d("The wave lasted from 19:00 on January 1 until dawn.", ref=THU) == dt.date(2025, 1, 2)
    assert d("Since 8 p.m. on Sunday, the enemy sent 90 drones.", ref=THU) == dt.date(2025, 2, 10)
    assert d("From 10:00 on January 1 the city was shelled.", ref=THU) == dt.date(2025, 1, 1)


def test_a_possessive_weekday_looks_back():
    assert d("Tuesday's strike left three dead.", ref=THU) == dt.date(2025, 2, 11)


def test_weekdays_resolve_back_across_month_and_year_ends():
    assert d("A missile hit the port on Saturday.", ref=dt.date(2025, 1, 2)) == dt.date(2024, 12, 28)
    assert d("A missile hit the port on Friday.", ref=dt.date(2025, 3, 1)) == dt.date(2025, 2, 28)
    assert d("The depot burned last Friday.", ref=dt.date(2025, 3, 7)) == dt.date(2025, 2, 28)


def test_the_last_24_hours_is_the_reference_day():
    assert d("Shelling grew heavier over the last 24 hours.", ref=THU) == THU


def test_no_cue_no_date():
    assert d("A drone struck a car near the border.", ref=THU) is None


def test_a_lead_framing_one_day_dates_that_day():
    from sitrep.extract.dates import day_frame
    cue = day_frame("The day was marked by shelling. A drone hit a car.", THU)
    assert cue is not None and cue.date == THU
    assert day_frame("Drones hit a car. Officials spoke.", THU) is None


def test_a_possessive_weekday_after_from_is_still_that_day():
    assert d("The toll from Tuesday's strike on Sumy rose to nine.", ref=THU) == dt.date(2025, 2, 11)
    assert d("Shelling has gone on since Tuesday.", ref=THU) is None


def test_overnight_into_a_weekday_is_that_weekday_and_dawn_is_the_reference():
    assert d("Drones hit the city overnight into Tuesday.", ref=THU) == dt.date(2025, 2, 11)
    assert d("A missile struck before dawn.", ref=THU) == THU


def test_a_datelines_day_is_no_event_cue():
    assert d("ODESA, Thursday, Feb. 13, 2025 (Some Wire) — Drones hit the port overnight.", ref=THU) == THU
    assert d("LVIV, Feb. 12 (Some Wire) - Officials counted the damage.", ref=THU) is None
    assert d("Drones hit the port on Feb. 11, officials said.", ref=THU) == dt.date(2025, 2, 11)


def test_a_day_after_looks_back_one_day_from_the_sentences_day():
    assert d("People were mourning on Thursday, a day after the strike.", ref=THU) == dt.date(2025, 2, 12)
    assert d("A day after the blast, the city was quiet.", ref=THU) == dt.date(2025, 2, 12)


def test_a_night_from_one_weekday_to_the_next_and_days_ago():
    assert d("Shelling went on through the night of Monday to Tuesday.", ref=THU) == dt.date(2025, 2, 11)
    assert d("Two days ago a missile hit a school.", ref=THU) == dt.date(2025, 2, 11)


def test_a_weekday_as_a_deadline_or_the_future_is_no_cue():
    assert d("Residents were told to leave by Friday.", ref=THU) is None
    assert d("Talks are due next Monday.", ref=THU) is None
    assert d("The toll from Monday's strike rose.", ref=THU) == dt.date(2025, 2, 10)


def test_a_weekday_night_is_dated_by_the_morning_it_ends():
    # REF is a Wednesday: "Monday night" ended on Tuesday morning
    assert d("On Monday night the enemy sent 120 drones against the north.") == dt.date(2025, 2, 11)
    assert d("Drones were shot down on Sunday night, barely a day after the last raid.") == dt.date(2025, 2, 10)
    assert d("The governor said on Monday night that the fires were out.") is None


def test_a_span_from_one_evening_to_the_next_morning_is_that_morning():
    assert d("Missiles were fired between late Monday and Tuesday morning.") == dt.date(2025, 2, 11)
    assert d("The raid lasted from Sunday evening until early Monday.") == dt.date(2025, 2, 10)
    assert d("The raid went on from late on Monday until after dawn.") == dt.date(2025, 2, 11)
    assert d("It lasted from Tuesday evening to the next morning.") == REF


def test_overnight_with_words_between_still_names_its_morning():
    assert d("The overnight raid into Monday damaged a depot.") == dt.date(2025, 2, 10)
