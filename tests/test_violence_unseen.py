"""Rules found on unseen texts: each fixture is written in our own words."""
from __future__ import annotations

import datetime as dt

from sitrep.extract.casualties import casualties
from sitrep.extract.dates import find_date, infer_reference, year_by_weekday


def test_day_of_month_is_no_casualty_count() -> None:
    c = casualties("Shelling of the town on Nov. 14 killed three people and wounded six.")
    assert (c.killed, c.injured) == (3, 6)
    c = casualties("A strike on the evening of May 9 killed a 71-year-old woman.")
    assert c.killed == 1


def test_kin_counts_as_one_person() -> None:
    c = casualties("The shell killed a farmer and wounded his wife near the village.")
    assert (c.killed, c.injured) == (1, 1)


def test_weekday_fixes_the_year() -> None:
    assert year_by_weekday(10, 11, 2) == dt.date(2023, 10, 11)
    cue = find_date("Drones were downed, the air force said on Wednesday, October 11.", None)
    assert cue is not None and cue.date == dt.date(2023, 10, 11)


def test_reference_from_the_lead() -> None:
    assert infer_reference("Ukraine war briefing: what happened on day 899 of the war") == dt.date(2024, 8, 10)
    assert infer_reference("As the invasion enters its 1,145th day, diplomacy stalls.") == dt.date(2025, 4, 13)
    assert infer_reference("ODESA, April 8 - A missile hit the port on Friday, officials said.") == dt.date(2022, 4, 8)
    assert infer_reference("Leaders met for day 3 of the summit.") is None


def test_past_night_is_overnight() -> None:
    cue = find_date("Over the past night the enemy launched 40 drones.", dt.date(2024, 3, 2))
    assert cue is not None and cue.date == dt.date(2024, 3, 2)
