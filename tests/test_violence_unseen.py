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


def _roles(s: str) -> list[tuple[str, int, str]]:
    from sitrep.extract.weapons import figures
    return [(f.role, f.value, f.kind.category if f.kind else "?") for f in figures(s)]


def test_relative_clause_after_a_launch_gives_both_counts() -> None:
    got = _roles("The enemy also fired one Kh-59 guided missile, which was downed over the south.")
    assert ("launched", 1, "guided_missile") in got and ("intercepted", 1, "guided_missile") in got


def test_along_with_takes_the_verb_of_the_sentence() -> None:
    got = _roles("Russia launched 150 drones at Ukraine overnight, the military said on Monday, along with three Iskander-M missiles.")
    assert ("launched", 3, "ballistic_missile") in got


def test_a_total_told_part_by_part_by_copula() -> None:
    got = _roles("Russia sent 90 drones overnight: 60 of them were Shahed attack drones and the remaining 30 were Gerbera decoys.")
    assert got == [("launched", 60, "attack_drone"), ("launched", 30, "decoy_drone")]
    got = _roles("Air defence shot down 50 of the Shaheds, while 25 of the decoys were lost to jamming.")
    assert ("suppressed", 25, "decoy_drone") in got


def test_parts_listed_after_of_the_missiles() -> None:
    got = _roles("Of the missiles, the military named 20 Kh-101 cruise missiles and four Kinzhal missiles.")
    assert [r for r, _, _ in got] == ["launched", "launched"]


def test_a_family_told_kind_by_kind_keeps_its_total_apart() -> None:
    from sitrep.extract import build_context
    from sitrep.extract.violence import extract
    from sitrep.model import Document
    text = ("Russia launched 50 drones and 6 missiles at Ukraine overnight. Air defence shot down 40 Shahed drones "
            "and two Kh-59 guided missiles. The missiles launched also included four Iskander-M ballistic missiles.")
    ev = [e for e in extract(build_context(Document("t", text))) if e.type == "aerial_attack"]
    ws = {(w.category, w.model): w for e in ev for w in (e.weapons or [])}
    kh59 = next(w for (c, m), w in ws.items() if c == "guided_missile")
    assert kh59.intercepted == 2 and kh59.launched is None


def _violent(text: str) -> list:
    from sitrep.extract import build_context
    from sitrep.extract.violence import extract
    from sitrep.model import Document
    return extract(build_context(Document("t", text)))


def test_shot_down_over_a_ukrainian_region_is_no_target() -> None:
    ev = _violent("Russia attacked Ukraine with 12 Shahed drones and a Kh-59 missile overnight, the air force said. "
                  "All 12 drones were destroyed, and the missile was shot down over the Poltava region.")
    air = [e for e in ev if e.type == "aerial_attack"]
    assert len(air) == 1 and air[0].location is not None and air[0].location.admin1 is None


def test_the_nights_tally_is_not_the_citys_event() -> None:
    ev = _violent("- Russian drones struck the port of Reni in the Odesa region overnight, injuring three workers, "
                  "officials said. Ukraine's air force said it had downed 25 of 30 Shahed drones launched.")
    air = [e for e in ev if e.type == "aerial_attack"]
    city = [e for e in air if e.location is not None and e.location.name == "Reni"]
    wave = [e for e in air if e.location is not None and e.location.name is None]
    assert city and wave and not any(w.launched for w in city[0].weapons or [])


def test_casualties_before_a_weapon_are_no_weapon_count() -> None:
    assert _roles("Twelve people were killed and 40 wounded when a Russian Iskander missile hit the station.") == []


def test_a_drone_tally_beside_a_missile_strike_on_a_city() -> None:
    ev = _violent("Two Russian Iskander-M missiles struck the centre of Poltava on Sunday morning, killing 12 people. "
                  "Overnight, Russia also launched 60 drones at Ukraine, of which 40 were shot down, the air force said.")
    air = [e for e in ev if e.type == "aerial_attack"]
    city = next(e for e in air if e.location is not None and e.location.name == "Poltava")
    assert all(w.category != "drone" and w.category != "attack_drone" for w in city.weapons or [])
    assert any(e is not city and any(w.launched == 60 for w in e.weapons or []) for e in air)


def test_each_clause_of_a_headline_has_its_own_side() -> None:
    ev = _violent("Ukrainian troops push deeper into Russia's Belgorod region; missile strike on a market in Kherson kills five people")
    kherson = [e for e in ev if e.location is not None and e.location.name == "Kherson"]
    assert kherson and all(e.attacker != "UA" for e in kherson)


def _taken(text: str) -> list[tuple[str, str | None]]:
    return [(e.location.name, e.taken_by) for e in _violent(text) if e.type == "territory_change"]


def test_quoted_liberated_and_a_list_of_villages() -> None:
    got = _taken('Russia\'s defence ministry claimed its troops had "liberated" the villages of Vovchansk and Lyptsi in the Kharkiv region.')
    assert ("Vovchansk", "RU") in got and ("Lyptsi", "RU") in got


def test_flag_raised_over_a_town() -> None:
    assert _taken("Ukrainian soldiers raised their flag over Izium on Saturday, photographs showed.") == [("Izium", "UA")]


def test_place_before_a_passive_liberated() -> None:
    got = _taken('Russia\'s defence ministry said the city of Soledar was now "completely liberated".')
    assert got == [("Soledar", "RU")]


def test_two_fights_joined_by_while() -> None:
    ev = _violent("Ukrainian forces have made gains near Robotyne, the general staff said, "
                  "while Russian troops continued to attack in the direction of Lyman.")
    got = {(e.location.name, e.attacker) for e in ev if e.type == "ground_combat"}
    assert got == {("Robotyne", "UA"), ("Lyman", "RU")}
    assert not [e for e in ev if e.type == "attack"]


def test_attacked_n_times_near_a_town_is_fighting() -> None:
    ev = _violent("Russian forces attacked 41 times near Pokrovsk over the past day, the general staff said.")
    assert [e.type for e in ev] == ["ground_combat"]


def test_wounded_as_an_adjective_is_no_toll() -> None:
    assert casualties("Moscow also returned 20 wounded Ukrainian soldiers.").injured is None
    assert casualties("Twenty were wounded in the strike.").injured == 20


def test_aid_announced_at_a_meeting_is_no_attack() -> None:
    ev = _violent("Meanwhile, Britain announced new military support for Ukraine at a meeting in Brussels on Friday, "
                  "including radars and thousands of drones.")
    assert ev == []


def test_an_aerial_assault_is_no_ground_fighting() -> None:
    ev = _violent("The city suffered one of the heaviest aerial assaults on Odesa this year as a Russian missile hit the port.")
    assert "ground_combat" not in [e.type for e in ev]


def test_a_drone_strike_on_a_region_does_not_join_a_placeless_missile_strike() -> None:
    ev = _violent("A Kh-101 missile struck a children's clinic, killing three people. "
                  "Ukrainian drones attacked a fuel depot in Russia's Bryansk region overnight, the governor said.")
    bry = [e for e in ev if e.location is not None and e.location.admin1 == "Bryansk"]
    assert bry and bry[0].killed is None


def test_summaries_and_outages_are_no_events() -> None:
    assert _violent("The week brought new claims of Russian advances and fresh debate among allies.") == []
    assert _violent("Power outages hit Odesa and several other regions after the grid operator cut supplies.") == []


def test_a_comment_on_the_strike_is_no_new_attack() -> None:
    ev = _violent("A Russian missile hit the bus station in Sloviansk on Monday, killing seven people. "
                  "Donetsk regional governor Vadym Filashkin said the strike was deliberate.")
    assert len(ev) == 1 and ev[0].location.name == "Sloviansk"


def test_regions_among_those_targeted_belong_to_the_wave() -> None:
    ev = _violent("Russia launched 60 drones and five missiles at Ukraine overnight, the air force said. "
                  "Kyiv Oblast, Sumy Oblast and Poltava Oblast were among the regions targeted, the air force said.")
    assert [e.type for e in ev] == ["aerial_attack"]


def test_a_headline_count_takes_the_kind_counted_before() -> None:
    got = _roles("Russia pounds Ukraine with 70 missiles, air force says 51 were shot down")
    assert got == [("launched", 70, "missile"), ("intercepted", 51, "missile")]


def test_evacuating_from_a_town_is_no_launch_area() -> None:
    ev = _violent("A Russian drone struck a minibus evacuating residents from the town of Vovchansk on Sunday, killing four people.")
    assert ev and ev[0].location.name == "Vovchansk"


def test_the_reach_of_a_blackout_is_not_the_target() -> None:
    ev = _violent("Russian missiles struck a thermal power plant in Kharkiv on Sunday, causing a blackout across the Kharkiv "
                  "and Poltava regions.")
    assert ev and ev[0].location.name == "Kharkiv"


def test_a_toll_since_the_attack_began_goes_on_the_incursion() -> None:
    ev = _violent("- Ukrainian forces kept up their incursion into Russia's Kursk region on Saturday. Russia's acting governor said "
                  "nine civilians had been killed and 40 injured since the attack began.")
    assert [e.type for e in ev] == ["ground_combat"] and ev[0].killed == 9


def test_the_war_day_dates_its_sentence() -> None:
    cue = find_date("On the 500th day of the war, troops withdrew from the village.", None)
    assert cue is not None and cue.date == dt.date(2023, 7, 8)


def test_shells_delivered_are_no_shelling() -> None:
    ev = _violent("He urged allies to speed up deliveries of air defence systems and artillery shells to the front near Kupiansk.")
    assert "shelling" not in [e.type for e in ev]


def test_a_summary_line_is_no_fighting() -> None:
    assert _violent("The day brought new claims of Russian advances near Kharkiv and fresh debate among allies.") == []


def test_a_part_of_them_over_a_region_is_that_regions_event() -> None:
    ev = _violent("Ukraine launched a large drone attack on the Kursk region overnight. Russia's defence ministry said its air "
                  "defences had destroyed 120 Ukrainian drones overnight, 40 of them over the Kursk region.")
    air = [e for e in ev if e.type == "aerial_attack"]
    counts = sorted((e.location.admin1 or "-", w.intercepted) for e in air for w in e.weapons or [] if w.intercepted)
    assert counts == [("-", 120), ("Kursk", 40)]


def test_a_tally_without_a_day_takes_the_night_of_the_strike_before() -> None:
    from sitrep.model import Document
    from sitrep.extract import build_context
    from sitrep.extract.violence import extract
    doc = Document("t", "- Russian drones hit the port of Reni overnight into Tuesday, injuring two workers. "
                        "The air force said it had downed 20 of 26 Shahed drones launched.",
                   reference_date=dt.date(2024, 5, 7))
    wave = [e for e in extract(build_context(doc)) if e.type == "aerial_attack" and e.location.name is None]
    assert wave and wave[0].date == "2024-05-07"


def test_towns_also_hit_are_the_reach_of_the_wave() -> None:
    ev = _violent("A missile strike on a factory in Zaporizhzhia killed four people on Monday. "
                  "Poltava, Sumy and Chernihiv were also hit.")
    assert [e.location.name for e in ev] == ["Zaporizhzhia"]


def test_mobile_fire_groups_are_the_defenders() -> None:
    from sitrep.extract.attribution import attacker_of, side_votes
    assert attacker_of(side_votes("Ukrainian mobile fire groups destroyed 12 of the 15 Shahed drones launched overnight.")) == "RU"


def test_a_settlement_in_its_named_region_is_one_place() -> None:
    ev = _violent("Ukraine struck the Sevastopol shipyard in occupied Crimea early on Wednesday with cruise missiles, "
                  "injuring 20 people.")
    assert ev and (ev[0].location.name, ev[0].location.admin1, ev[0].location.country) == ("Sevastopol", "Crimea", "UA")


def test_a_day_before_its_month_is_no_toll() -> None:
    assert casualties("On 14 March, five people were killed in the shelling.").killed == 5
    assert casualties("Shelling on 14 March killed a 63-year-old woman.").killed == 1
    assert casualties("On 14 March 2 people were injured.").injured != 14


def test_the_number_killed_rising_is_a_toll() -> None:
    c = casualties("The number of people killed by Monday's missile attack on several cities rose to 41, officials said.")
    assert c.killed == 41
    assert casualties("The number of those dead in the strike has risen to 12.").killed == 12


def test_a_tally_the_text_calls_the_countrys_is_the_wave_not_the_city() -> None:
    """A city strike with its toll, then the night's tally told "across Ukraine" or "at Ukraine": the wave and
    the city, two events (the eval's conventions: one event per city with its own figures, and the wave)."""
    for tally in ("Across Ukraine, Russia launched 13 missiles and 29 attack drones overnight, the air force said.",
                  "Overnight, Russia fired 13 missiles and 29 attack drones at Ukraine, the air force said."):
        ev = _violent("Russian missiles and drones struck the city of Lviv early on Wednesday, killing seven people. "
                      + tally + " Air defences shot down seven missiles and 22 drones.")
        air = sorted((e.location.name or "-", e.killed, sorted((w.launched, w.intercepted) for w in e.weapons or []
                                                               if w.launched))
                     for e in ev if e.type == "aerial_attack")
        assert air == [("-", None, [(13, 7), (29, 22)]), ("Lviv", 7, [])], tally


def test_a_missile_and_drone_attack_on_the_country_is_the_wave() -> None:
    ev = _violent("The number of people killed in Russia's massive missile and drone attack on Ukraine on Friday rose to "
                  "39, as rescuers in Kyiv kept digging through the ruins.")
    air = [(e.location.name if e.location else None, e.location.country if e.location else None, e.killed)
           for e in ev if e.type == "aerial_attack"]
    assert air == [(None, "UA", 39)]
