"""Contacts: durations, delegations, summits of a body, planned calls, calls held, no generic calls, no reporters."""
from __future__ import annotations

import pytest

from sitrep.extract import extract_events
from sitrep.extract.contacts import _duration
from sitrep.model import Document


def _contacts(text: str):
    return [e for e in extract_events(Document("t", text)) if e.type == "diplomatic_contact"]


@pytest.mark.parametrize("text, minutes", [
    ("the talks lasted about eight hours", 480),
    ("they spoke for almost an hour and a half", 90),
    ("the meeting lasted three hours", 180),
    ("a call of less than two hours", 120),
    ("spoke for about 90 minutes", 90),
    ("a two and a half hour meeting", 150),
])
def test_duration(text, minutes):
    assert _duration(text) == minutes


def test_duration_in_a_later_sentence():
    got = _contacts("Steve Witkoff met Vladimir Putin in Moscow. Yuri Ushakov said the meeting lasted two hours.")
    assert got and got[0].duration_minutes == 120


def test_the_reporter_of_a_call_is_not_in_it():
    got = _contacts("Yuri Ushakov told reporters that Vladimir Putin and Donald Trump had spoken by telephone for an hour.")
    assert got and set(got[0].participants) == {"Vladimir Putin", "Donald Trump"} and got[0].duration_minutes == 60


def test_delegations_named_after_the_talks():
    got = _contacts("Ukraine and the United States held talks in Jeddah. "
                    "The US delegation was led by Marco Rubio. Ukraine was represented by Andriy Yermak.")
    assert got and set(got[0].participants) == {"Marco Rubio", "Andriy Yermak"}


def test_a_body_summit():
    got = _contacts("Leaders of the G7 countries met in the Alps for a summit.")
    assert got and got[0].participants == ["G7"] and got[0].status == "held"


def test_a_planned_call():
    got = _contacts("Recep Tayyip Erdogan said he would speak to Putin by phone, which Ankara agreed with the United Nations.")
    assert got and got[0].status == "planned" and set(got[0].participants) == {"Recep Tayyip Erdogan", "Vladimir Putin"} \
        or set(got[0].participants) == {"Recep Tayyip Erdoğan", "Vladimir Putin"}


def test_a_call_held_though_its_content_is_future():
    got = _contacts("Rishi Sunak told Zelenskyy in a call on Saturday that Britain would send tanks.")
    assert got and got[0].status == "held" and got[0].mode == "call"


def test_generic_phone_calls_are_no_contact():
    assert _contacts('Donald Tusk said: "No one will stop Putin with phone calls."') == []


def test_arrival_to_meet_is_a_visit_held():
    got = _contacts("In Kyiv, European leaders, including Ursula von der Leyen, arrived by train to meet Volodymyr Zelenskyy.")
    assert got and got[0].mode == "visit" and got[0].status == "held"


def test_a_dateline_country_is_not_a_participant():
    got = _contacts("RIYADH, Saudi Arabia (Wire) — Officials said talks between Marco Rubio and Andriy Yermak in Jeddah lasted six hours.")
    assert got and "SA" not in got[0].participants and got[0].location.name == "Jeddah"


def test_a_counterpart_named_by_nationality():
    got = _contacts("Rustem Umerov and his Turkish counterpart spoke by phone for 40 minutes.")
    assert got and got[0].participants == ["Rustem Umerov", "TR"] and got[0].duration_minutes == 40


def test_background_contact_is_not_the_contact():
    got = _contacts("Viktor Orban met Chinese President Xi Jinping in Beijing on Monday, days after visiting Putin in Moscow.")
    assert got and got[0].mode == "meeting" and got[0].participants == ["Viktor Orbán", "Xi Jinping"]


def test_a_body_meets_at_the_request_of_others():
    got = _contacts("The UN Security Council will hold an emergency meeting on Tuesday at the request of Britain and France.")
    assert got and got[0].participants == ["UN Security Council"] and got[0].status == "planned"


def test_an_offer_to_host_talks_is_no_contact():
    assert _contacts("Recep Tayyip Erdogan offered to host talks between Russia and Ukraine.") == []


def test_two_leaders_spoke_for_hours_is_a_call():
    got = _contacts("Donald Trump and Vladimir Putin spoke for more than two hours on Monday.")
    assert got and got[0].mode == "call" and got[0].duration_minutes == 120


def test_delegations_meeting_for_talks_and_officials_to_meet():
    got = _contacts("Ukrainian and Russian delegations met in Istanbul for their first direct talks in years.")
    assert got and got[0].mode == "talks" and set(got[0].participants) == {"UA", "RU"}
    got = _contacts("US and Russian officials will meet in Riyadh next week.")
    assert got and got[0].status == "planned" and set(got[0].participants) == {"US", "RU"}


def test_separate_calls_are_one_contact_each():
    got = _contacts("The Indian prime minister Narendra Modi held separate phone calls with Volodymyr Zelenskyy and "
                    "Vladimir Putin on Tuesday.")
    assert sorted(tuple(e.participants) for e in got) == [("Narendra Modi", "Vladimir Putin"),
                                                          ("Narendra Modi", "Volodymyr Zelenskyy")]


def test_a_name_inside_quoted_words_takes_no_part():
    got = _contacts("Olaf Scholz visited Irpin on Monday, where he said he had seen \"what Putin's soldiers left behind\".")
    assert [e.participants for e in got] == [["Olaf Scholz"]]


def test_a_summit_that_ended():
    got = _contacts("Donald Trump and Vladimir Putin closed their summit in Helsinki after talks that lasted about two hours.")
    assert [(e.mode, e.status, e.participants, e.duration_minutes) for e in got] == [
        ("meeting", "held", ["Donald Trump", "Vladimir Putin"], 120)]


def test_a_planned_trip_and_a_clause_about_someone_else():
    got = _contacts("India's foreign minister Subrahmanyam Jaishankar will travel to Kyiv next week, his office said, "
                    "as Antony Blinken warned of new sanctions.")
    assert [(e.mode, e.status, e.participants) for e in got] == [("visit", "planned", ["Subrahmanyam Jaishankar"])]


def test_envoys_from_countries_take_part():
    got = _contacts("Turkey will host talks in Istanbul next week, with officials from Ukraine and Russia invited.")
    assert [sorted(e.participants) for e in got] == [["RU", "TR", "UA"]]


def test_a_duration_after_a_host():
    got = _contacts("Russian and Ukrainian delegations met in Istanbul on Friday for peace talks. The talks, hosted by "
                    "Turkish Foreign Minister Hakan Fidan, lasted about two hours.")
    assert [(e.mode, e.duration_minutes) for e in got] == [("talks", 120)]


def test_the_people_of_talks_between_states():
    got = _contacts("Ukrainian and American officials held nine hours of talks in Jeddah on Tuesday. "
                    "Marco Rubio told reporters after the meeting, where he met Andriy Yermak, that the ball was in Moscow's court.")
    assert [(e.mode, sorted(e.participants), e.duration_minutes) for e in got] == [
        ("talks", ["Andriy Yermak", "Marco Rubio"], 540)]


def test_spoke_separately_with_two():
    got = _contacts("Norway's foreign minister Espen Barth Eide spoke separately with Andrii Sybiha and Sergey Lavrov.")
    assert len(got) == 2 and all(e.mode == "call" for e in got)


def test_a_planned_call_said_with_speak():
    got = _contacts("Donald Trump said he would speak with Vladimir Putin on Tuesday.")
    assert [(e.mode, e.status) for e in got] == [("call", "planned")]


def test_had_spoken_for_a_time_is_a_call():
    got = _contacts("The Kremlin said Vladimir Putin and Donald Trump had spoken for two and a half hours.")
    assert [(e.mode, e.duration_minutes) for e in got] == [("call", 150)]


@pytest.mark.parametrize("text, people", [
    ("Olaf Scholz visited Kyiv on Tuesday, where he discussed Putin's threats with Zelenskyy.",
     ["Olaf Scholz", "Volodymyr Zelenskyy"]),
    ("Volodymyr Zelenskyy met Joe Biden at the White House, days after Biden spoke with Xi Jinping.",
     ["Joe Biden", "Volodymyr Zelenskyy"]),
])
def test_people_talked_about_take_no_part(text: str, people: list[str]) -> None:
    assert [sorted(e.participants) for e in _contacts(text)][:1] == [people]


def _dated(text: str, ref: str):
    import datetime as dt
    doc = Document("t", text, reference_date=dt.date.fromisoformat(ref))
    return [e for e in extract_events(doc) if e.type == "diplomatic_contact"]


def test_a_conversation_between_two_people():
    got = _dated("The conversation between Emmanuel Macron and Xi Jinping on Thursday went on for an hour, aides said.", "2024-05-10")
    assert [(e.mode, set(e.participants), e.date) for e in got] == \
        [("call", {"Emmanuel Macron", "Xi Jinping"}, "2024-05-09")]


def test_a_day_after_dates_the_other_event_not_this_one():
    got = _dated("Keir Starmer and Volodymyr Zelenskyy spoke by phone on Friday, a day after the summit in Paris.", "2025-03-08")
    assert [e.date for e in got] == ["2025-03-07"]


def test_a_possessive_weekday_dates_the_call_told_with_an_overnight_attack():
    got = _dated("Despite Monday's phone call between the French and Ukrainian presidents, Russia struck Odesa overnight, "
                 "officials said.", "2024-03-12")
    assert [(e.date, set(e.participants)) for e in got] == [("2024-03-11", {"Emmanuel Macron", "Volodymyr Zelenskyy"})]


def test_two_surnames_joined_by_a_hyphen_name_the_call():
    got = _dated("Markets rose after the Biden-Xi call, traders said.", "2023-11-20")
    assert [(e.mode, set(e.participants)) for e in got] == [("call", {"Joe Biden", "Xi Jinping"})]


def test_greeted_on_arrival_is_a_meeting():
    got = _dated("Viktor Orban landed in Beijing on Monday and was greeted by Xi Jinping at the airport.", "2024-07-08")
    assert [(e.mode, set(e.participants), e.date) for e in got] == [("meeting", {"Viktor Orbán", "Xi Jinping"}, "2024-07-08")]


def test_a_call_made_during_a_meeting_is_its_own_contact():
    got = _dated("Emmanuel Macron left the meeting to phone Vladimir Putin.", "2023-02-01")
    assert [(e.mode, set(e.participants)) for e in got] == [("call", {"Emmanuel Macron", "Vladimir Putin"})]


def test_a_possible_later_meeting_takes_no_part_in_the_meeting_held():
    got = _dated("The meeting of Olaf Scholz with Volodymyr Zelenskyy in Berlin on Tuesday ended with talk of a possible "
                 "meeting between Zelenskyy and Xi Jinping.", "2024-02-14")
    assert [(e.status, set(e.participants)) for e in got] == [("held", {"Olaf Scholz", "Volodymyr Zelenskyy"})]


def test_a_sentence_with_its_own_contact_keeps_its_own_length():
    got = _dated("Joe Biden met Volodymyr Zelenskyy in Kyiv on Monday. Unlike the summit with the Chinese president on Friday, "
                 "which lasted four hours, the talks were short.", "2023-02-20")
    first = next(e for e in got if "Volodymyr Zelenskyy" in e.participants)
    assert first.duration_minutes is None


def test_the_call_between_two_people_is_no_anaphor():
    got = _dated("The call between Keir Starmer and Donald Trump lasted about 45 minutes.", "2025-03-01")
    assert [(e.mode, set(e.participants), e.duration_minutes) for e in got] == [("call", {"Keir Starmer", "Donald Trump"}, 45)]


def test_the_us_and_russian_presidents():
    got = _dated("The US and Russian presidents spoke by phone on Tuesday.", "2024-01-10")
    assert [set(e.participants) for e in got] == [{"Joe Biden", "Vladimir Putin"}]


def test_the_owner_of_a_meeting_takes_part():
    got = _dated("Olaf Scholz's meeting with Volodymyr Zelenskyy in Berlin on Monday lasted an hour.", "2024-02-14")
    assert [(e.mode, set(e.participants), e.duration_minutes) for e in got] == \
        [("meeting", {"Olaf Scholz", "Volodymyr Zelenskyy"}, 60)]
    got = _dated("Joe Biden and Xi Jinping's summit near San Francisco on Wednesday lasted four hours.", "2023-11-16")
    assert [(e.mode, set(e.participants)) for e in got] == [("meeting", {"Joe Biden", "Xi Jinping"})]


def test_a_place_between_the_summit_and_its_parties():
    got = _dated("The summit in Helsinki between Donald Trump and Vladimir Putin on Monday ended without a deal.", "2018-07-17")
    assert [(e.mode, set(e.participants)) for e in got] == [("meeting", {"Donald Trump", "Vladimir Putin"})]
    got = _dated("The talks in Riyadh between the American and Russian delegations lasted four hours.", "2025-02-19")
    assert [(e.mode, set(e.participants), e.duration_minutes) for e in got] == [("talks", {"US", "RU"}, 240)]


def test_talks_inside_a_day_after_clause_are_the_day_before():
    got = _dated("The shelling came a day after the first talks between Armenia and Azerbaijan in a year ended in Geneva.",
                 "2024-04-20")
    assert [(e.mode, e.date) for e in got] == [("talks", "2024-04-19")]


def test_talks_due_to_follow_are_planned():
    got = _dated("Further talks between Moldova, Romania and Ukraine were due to follow in Chisinau.", "2024-04-20")
    assert [e.status for e in got] == ["planned"]


def test_the_two_leaders_are_the_people_of_the_last_call():
    got = _dated("Keir Starmer said on Friday that his Thursday phone call with Donald Trump had been warm. Talks between "
                 "Britain and the US on trade were due to follow. It was the first conversation between the two leaders "
                 "since January.", "2025-03-07")
    calls = [e for e in got if e.mode == "call"]
    assert [set(e.participants) for e in calls] == [{"Keir Starmer", "Donald Trump"}]


def test_people_met_in_a_city_need_a_named_party_before_met():
    got = _dated("Relatives of missing soldiers met in Lviv on Friday to welcome news of Thursday's exchange, in which "
                 "140 Ukrainians and 150 Russians were released.", "2024-04-20")
    assert not [e for e in got if e.mode == "meeting"]


def test_the_one_saying_it_after_the_meeting_takes_no_part():
    got = _dated("Joe Biden met Olaf Scholz in Berlin on Friday, German government spokesman Steffen Hebestreit said.",
                 "2024-10-19")
    assert [set(e.participants) for e in got] == [{"Joe Biden", "Olaf Scholz"}]


def test_a_leader_visiting_his_own_country_is_no_contact():
    assert _dated("President Volodymyr Zelenskyy visited the city and called for more air defence.", "2024-04-20") == []
    assert _dated("The agent was tasked with learning the dates of the president's trip to Odesa region, "
                  "where Volodymyr Zelenskyy was expected.", "2024-04-20") == []
    got = _dated("Volodymyr Zelenskyy visited Oslo on Friday.", "2024-04-20")
    assert [(e.mode, e.participants) for e in got] == [("visit", ["Volodymyr Zelenskyy"])]


def test_the_critic_of_a_call_takes_no_part_in_it():
    got = _contacts("President Andrzej Duda criticised President Emmanuel Macron on Tuesday for his phone call with Vladimir Putin.")
    assert [set(e.participants) for e in got] == [{"Emmanuel Macron", "Vladimir Putin"}]


def test_the_chancellor_of_the_sentence_before_is_the_subject():
    got = _contacts("Chancellor Friedrich Merz spoke by phone with Donald Trump on Monday. The chancellor also thanked Denmark "
                    "for its support and spoke with President Volodymyr Zelenskyy afterwards.")
    assert [set(e.participants) for e in got] == [{"Friedrich Merz", "Donald Trump"}, {"Friedrich Merz", "Volodymyr Zelenskyy"}]


def test_urging_readiness_for_negotiations_is_no_talks():
    assert _contacts("Macron urged Putin to withdraw his troops and to be ready for negotiations with Ukraine.") == []


def test_talks_of_states_told_by_a_person_who_said_so():
    got = _contacts('The Ukrainian delegation held "productive" talks with Turkey in Ankara on Monday, Foreign Minister Andrii Sybiha said.')
    assert len(got) == 1 and got[0].mode == "talks" and set(got[0].participants) == {"UA", "TR"}


def test_after_hours_of_talks_the_subject_held_them():
    got = _contacts("Ukraine said on Friday it would back the plan, after six hours of talks with American officials in Riyadh.")
    assert len(got) == 1 and set(got[0].participants) == {"UA", "US"}


def test_the_contact_is_the_clause_after_the_conjunction_and_its_seat_is_a_city():
    got = _contacts("Ministers Rachel Reeves and Serhii Marchenko signed the loan after Prime Minister Keir Starmer welcomed "
                    "President Volodymyr Zelenskyy to Downing Street.")
    assert len(got) == 1 and set(got[0].participants) == {"Keir Starmer", "Volodymyr Zelenskyy"}
    assert got[0].location.name == "London" and got[0].location.country == "GB"


def test_a_seat_named_in_a_background_clause_places_nothing():
    got = _contacts("Macron welcomed Zelenskyy on Sunday, two days after his row in the Oval Office.")
    assert got and all(e.location is None or e.location.country != "US" for e in got)


def test_up_to_a_country_is_no_place_of_the_meeting():
    got = _contacts("Zelenskyy met Prime Minister Keir Starmer on Monday and said it was now up to the United States to persuade Russia.")
    assert got and all(e.location is None or e.location.country != "US" for e in got)


def test_a_meeting_in_a_relative_clause_takes_no_place_from_the_main_clause():
    got = _contacts("President Volodymyr Zelenskyy, who had met Emmanuel Macron a day earlier, said it was time for the allies "
                    "to press Russia.")
    assert got and all(e.location is None for e in got)


def test_due_to_travel_to_a_city_keeps_the_city():
    got = _contacts("Zelenskyy is due to travel to the Vienna Forum, which opens on Monday, where he is expected to meet "
                    "US Secretary of State Marco Rubio.")
    assert got and got[0].location is not None and got[0].location.name == "Vienna"


def test_not_ready_for_a_ceasefire_after_a_call_keeps_the_call():
    got = _contacts("Macron said on Monday that the Biden-Putin call had shown that Russia was not ready for a ceasefire.")
    assert [set(e.participants) for e in got] == [{"Joe Biden", "Vladimir Putin"}]


def test_an_offer_made_during_a_call_leaves_the_call_held():
    got = _contacts("Vladimir Putin invited Donald Trump to visit Moscow during their telephone conversation on "
                    "Wednesday, which lasted nearly an hour and a half, the Kremlin said.")
    assert [(e.mode, e.status, e.duration_minutes) for e in got] == [("call", "held", 90)]
    # The invitation itself is still no contact: "invited X to talks" is an offer.
    assert _contacts("Vladimir Putin invited Donald Trump to hold talks in Moscow, the Kremlin said.") == []
