"""Prisoner exchanges: counts with their releasing side, stages on other days, no death tolls, no hypotheticals."""
from __future__ import annotations

from sitrep.extract import extract_events
from sitrep.model import Document


def _exchanges(text: str) -> list[set[tuple[int | None, str | None]]]:
    return [{(r.count, r.released_by) for r in e.released}
            for e in extract_events(Document("t", text)) if e.type == "prisoner_exchange"]


def test_each_side_released_the_same_count():
    assert _exchanges("Kyiv and Moscow each released 150 prisoners in a swap.") == [{(150, "UA"), (150, "RU")}]


def test_counts_named_by_nationality():
    assert _exchanges("The swap went ahead, with 95 Ukrainians and 80 Russians released.") == [{(95, "RU"), (80, "UA")}]


def test_a_breakdown_of_a_stated_count_is_not_another_release():
    got = _exchanges("Russia and Ukraine each freed 200 people, in a prisoner swap. "
                     "The 200 Ukrainians who came home included 150 soldiers and 50 civilians, officials said.")
    assert got and (150, "RU") not in got[0] and (200, "RU") in got[0]


def test_its_own_soldiers_were_released_by_the_other_side():
    got = _exchanges("Ukraine brought home 40 prisoners of war in a swap; Russia said 40 of its soldiers were also returned.")
    assert got == [{(40, "RU"), (40, "UA")}]


def test_a_death_toll_is_never_a_release_count():
    got = _exchanges("Ukraine brought home 60 soldiers in a prisoner exchange, hours after a missile attack killed at least 9 people.")
    assert got == [{(60, "RU")}]


def test_a_second_stage_on_another_day_is_its_own_exchange():
    text = ("KYIV, Friday, May 23, 2025 — Russia and Ukraine each freed 100 prisoners on Friday in an exchange. "
            "A second stage followed on Saturday, with 80 Ukrainians and 80 Russians released.")
    doc = Document("t", text, reference_date=__import__("datetime").date(2025, 5, 24))
    got = [(e.date, {(r.count, r.released_by) for r in e.released})
           for e in extract_events(doc) if e.type == "prisoner_exchange"]
    assert ("2025-05-24", {(80, "RU"), (80, "UA")}) in got and len(got) == 2


def test_a_suggested_swap_releases_nobody():
    got = _exchanges("Captured foreign fighters could be exchanged for Ukrainians held in Russia, suggesting the swap to Kim Jong Un.")
    assert all(c is None or c[0] is not None for ex in got for c in ex)
    assert not any(e.released and e.released[0].name for e in extract_events(Document("t",
        "Captured foreign fighters could be exchanged for Ukrainians, he said, suggesting the swap to Kim Jong Un.")) if e.type == "prisoner_exchange")


def test_swapped_n_each():
    assert _exchanges("Ukraine and Russia swapped 95 prisoners each on Sunday, officials said.") == [{(95, "UA"), (95, "RU")}]


def _named(text: str):
    return [{(r.name, r.released_by) for r in e.released}
            for e in extract_events(Document("t", text)) if e.type == "prisoner_exchange"]


def test_a_person_a_swap_was_proposed_to_is_not_freed():
    assert all(not ex for ex in _named("The swap was proposed to Kim Jong Un by Zelenskyy."))


def test_a_freed_person_outside_the_actor_list():
    assert _named("Ukraine secured the release of Mariupol defender Dmytro Kozatskyi in a prisoner swap.") == \
        [{("Dmytro Kozatskyi", "RU")}]


def test_the_freeing_side_is_the_subject():
    assert _named("Russia freed American journalist Evan Gershkovich in a prisoner swap with the United States.") == \
        [{("Evan Gershkovich", "RU")}]


def test_each_side_of_a_named_swap():
    got = _exchanges("Kyiv and Moscow carried out another prisoner swap on Monday. Each side released 150 prisoners of war, "
                     "the mediators said.")
    assert got == [{(150, "RU"), (150, "UA")}]


def test_handed_over_in_return():
    got = _exchanges("Sixty Ukrainian soldiers came home in a swap brokered by Qatar, Kyiv said. Moscow said 60 Russian "
                     "troops had been handed over in return.")
    assert got == [{(60, "RU"), (60, "UA")}]


def test_a_count_to_each_side():
    got = _exchanges("The swap of 500 captives for 500 ended on Tuesday with the return of 120 people to each side, "
                     "Kyiv and Moscow said.")
    assert got == [{(120, "RU"), (120, "UA")}]


def test_a_count_from_each_side():
    got = _exchanges("Qatar said it had helped arrange an exchange of 160 detainees between Russia and Ukraine, 80 from each side.")
    assert got == [{(80, "RU"), (80, "UA")}]


def test_the_same_number_in_return():
    got = _exchanges("Buses brought back 212 Ukrainian soldiers freed by Russia on Monday. "
                     "Moscow got the same number of its own troops in return, officials said.")
    assert got == [{(212, "RU"), (212, "UA")}]


def test_an_earlier_stage_told_after_keeps_the_sides():
    import datetime as dt
    text = ("Crowds met 150 Ukrainian captives freed by Russia on Thursday, officials in Kyiv said. "
            "On Wednesday, 75 people were exchanged by each side.")
    doc = Document("t", text, reference_date=dt.date(2024, 6, 14))
    got = sorted((e.date, frozenset((r.count, r.released_by) for r in e.released))
                 for e in extract_events(doc) if e.type == "prisoner_exchange")
    assert got[0] == ("2024-06-12", frozenset({(75, "RU"), (75, "UA")}))
    assert got[1][0] == "2024-06-13" and (150, "RU") in got[1][1]


def test_returned_to_each_side_without_an_auxiliary():
    got = _exchanges("Kyiv and Moscow carried out a swap, with 64 soldiers returned to each side.")
    assert got == [{(64, "UA"), (64, "RU")}]


def test_came_home_and_got_back():
    assert _exchanges("Some 52 Ukrainians came home in an exchange mediated by Qatar.") == [{(52, "RU")}]
    assert _exchanges("In its latest exchange, Ukraine got back 133 defenders.") == [{(133, "RU")}]


def test_an_exchange_agreed_for_later_is_no_exchange():
    assert _exchanges("The two presidents agreed that Russia and Ukraine would exchange 120 prisoners each on Friday.") == []
    assert _exchanges("The talks between Ukraine and Russia ended with an agreement to exchange prisoners.") == []


def test_a_possessive_weekday_dates_the_exchange():
    import datetime as dt
    doc = Document("t", "Relatives gathered in Kyiv on Friday to welcome news of Thursday's exchange, in which 140 Ukrainians "
                        "and 150 Russians were released.", reference_date=dt.date(2024, 2, 9))
    got = [e.date for e in extract_events(doc) if e.type == "prisoner_exchange"]
    assert got == ["2024-02-08"]


def test_a_count_in_words_with_hundreds():
    assert _exchanges("Two hundred and twelve Russian soldiers were returned on Friday in a swap, "
                      "and in return 212 prisoners of war of the armed forces of Ukraine were handed over.") == [{(212, "UA"), (212, "RU")}]


def test_a_running_total_is_not_the_swap():
    got = _exchanges("Ukraine brought home 95 soldiers from Russian captivity on Sunday in a prisoner exchange. "
                     "Some 4,100 Ukrainians have been returned since the start of the invasion, officials said.")
    assert got == [{(95, "RU")}]


def test_the_release_of_counts_by_demonym():
    got = _exchanges("Qatar said on Tuesday its mediation had secured the release of 80 prisoners held by Russia and Ukraine, "
                     "35 Russians and 45 Ukrainians.")
    assert got == [{(35, "UA"), (45, "RU")}]


def test_the_largest_swap_since_the_invasion_keeps_its_counts():
    got = _exchanges("Ukraine and Russia carried out their largest prisoner exchange since the start of the invasion on Friday, "
                     "with 120 Ukrainians returning home.")
    assert got == [{(120, "RU")}]
