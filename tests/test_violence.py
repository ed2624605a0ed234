"""Violent events from short reports written for these tests (not copied from any outlet)."""
from __future__ import annotations

import datetime as dt

from sitrep.extract import build_context, check_evidence
from sitrep.extract.casualties import casualties
from sitrep.extract.violence import extract
from sitrep.model import Document, Event

DAY = dt.date(2025, 3, 4)  # a Tuesday


def events(text: str, ref: dt.date | None = DAY) -> list[Event]:
    doc = Document("t", text, reference_date=ref)
    return [e for e in (check_evidence(e, text) for e in extract(build_context(doc))) if e is not None]


def weapons(e: Event) -> dict[str, tuple[int | None, int | None, int | None]]:
    return {w.category: (w.launched, w.intercepted, w.suppressed) for w in e.weapons}


# ---------------------------------------------------------------- air attacks

def test_wave_told_over_several_sentences_is_one_event() -> None:
    text = ("Russia sent 90 drones and five ballistic missiles against Ukraine overnight, the air force said.\n\n"
            "Air defence units shot down 61 of the drones and three of the missiles.\n\n"
            "A further 20 drones were locationally lost, it added.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.attacker == "RU"
    assert e.location is not None and e.location.country == "UA" and e.location.name is None
    assert weapons(e) == {"drone": (90, 61, 20), "ballistic_missile": (5, 3, None)}
    assert e.date == "2025-03-04"


def test_strike_on_a_city_with_interception_and_casualties() -> None:
    text = ("Russia hit the city of Dnipro with missiles on Monday. "
            "Defenders intercepted four out of six cruise missiles. "
            "The strike killed two people and wounded nine others, the regional governor said.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.location is not None and e.location.name == "Dnipro"
    assert weapons(e) == {"cruise_missile": (6, 4, None)}
    assert (e.killed, e.injured) == (2, 9)
    assert e.date == "2025-03-03"


def test_bare_counts_go_on_the_wave_and_kinds_stay_apart() -> None:
    text = "Overnight, Russia launched 50 drones at Ukraine.\n\nBy morning, 41 were shot down, the air force said."
    (e,) = events(text)
    assert weapons(e) == {"drone": (50, 41, None)}
    assert events("By morning, 41 were shot down, the air force said.") == []
    (e,) = events("Overnight, Russia launched 3 Kh-101 cruise missiles and 2 Kinzhal missiles at Ukraine.")
    assert weapons(e) == {"cruise_missile": (3, None, None), "hypersonic_missile": (2, None, None)}


def test_overnight_tally_is_dated_by_the_morning_it_is_given() -> None:
    (e,) = events("Russia launched 30 drones at Ukraine, 25 of which were shot down, the air force said on Monday.")
    assert e.date == "2025-03-03"
    (e,) = events("Russia launched 30 drones at Ukraine in the early hours of Sunday, the air force said.")
    assert e.date == "2025-03-02"


def test_all_shot_down_equals_the_launched() -> None:
    (e,) = events("Russia launched 18 Shahed drones overnight; the air force said all of them were shot down.\n\n"
                  "Russia launched 18 drones. All drones were destroyed.")
    assert weapons(e) == {"attack_drone": (18, 18, None)}


def test_a_total_and_its_breakdown_by_kind() -> None:
    text = ("Russia attacked with 150 air attack assets: 120 Shahed drones and decoy drones of various types and 30 missiles. "
            "Among the missiles were 20 Kh-101 cruise missiles and 10 Iskander-M ballistic missiles.")
    w = {k: v for e in events(text) for k, v in weapons(e).items()}
    assert w["attack_drone"] == (120, None, None) and w["missile"] == (30, None, None)
    assert w["cruise_missile"] == (20, None, None) and w["ballistic_missile"] == (10, None, None)


def test_every_number_lies_inside_the_evidence() -> None:
    text = ("Russia sent 90 drones against Ukraine overnight.\n\n"
            "Air defence units shot down 61 of them, and 20 were lost to jamming.")
    for e in events(text):
        joined = " ".join(text[s.start:s.end] for s in e.evidence)
        for w in e.weapons:
            for v in (w.launched, w.intercepted, w.suppressed):
                assert v is None or str(v) in joined


def test_provenance_points_at_the_figures() -> None:
    text = "Russia launched 40 drones at Ukraine overnight. Air defence shot down 31 of them."
    (e,) = events(text)
    assert e.provenance["weapons[0].launched"].span.text(text) == "40 drones"
    assert e.provenance["weapons[0].intercepted"].span.text(text) == "31 of them"


def test_wave_broken_down_by_region() -> None:
    text = ("Russia's defence ministry said air defences destroyed 60 Ukrainian drones overnight: "
            "35 over the Bryansk region and 25 over the Kursk region.")
    found = sorted(((e.location.name or "") if e.location else "", weapons(e)["drone"][1]) for e in events(text))
    assert found == [("", 60), ("Bryansk Oblast", 35), ("Kursk Oblast", 25)]


def test_drones_over_russian_regions_are_a_ukrainian_attack() -> None:
    text = "Russia's defence ministry said air defences destroyed 14 drones over the Belgorod region overnight."
    (e,) = events(text)
    assert e.attacker == "UA"
    assert e.location is not None and e.location.country == "RU"
    assert weapons(e) == {"drone": (None, 14, None)}


def test_launch_area_is_not_the_location() -> None:
    text = "The enemy launched 40 Shahed drones from the Kursk and Bryansk areas; 31 were shot down over Ukraine."
    (e,) = events(text)
    assert e.location is not None and e.location.country == "UA"
    assert weapons(e) == {"attack_drone": (40, 31, None)}


def test_attacker_from_the_place_when_no_side_is_named() -> None:
    text = "- A drone attack on the port of Odesa killed one man and injured three people, officials said."
    (e,) = events(text)
    assert (e.attacker, e.killed, e.injured) == ("RU", 1, 3)
    assert weapons(e) == {"drone": (None, None, None)}


def test_two_cities_with_their_own_figures_are_two_events() -> None:
    text = ("- Russian missiles killed four people in Kharkiv.\n"
            "- A Russian drone strike injured two people in Sumy.")
    found = sorted((e.location.name, e.killed, e.injured) for e in events(text) if e.location)
    assert found == [("Kharkiv", 4, None), ("Sumy", None, 2)]


def test_claimed_by_names_the_source() -> None:
    text = "Russia launched 30 drones at Ukraine overnight, Ukraine's air force said."
    (e,) = events(text)
    assert e.claimed_by == ["Ukrainian Air Force"]


def test_source_named_in_the_next_sentence() -> None:
    text = ("Russian missiles hit Kyiv overnight, killing two people. "
            "Several buildings caught fire, according to the city's mayor, Vitali Klitschko.")
    (e,) = events(text)
    assert e.claimed_by == ["Vitali Klitschko"]


# ---------------------------------------------------------------- other violence

def test_shelling_with_casualties() -> None:
    text = "- Russian shelling of the town of Nikopol killed a woman and wounded two men on Sunday."
    (e,) = events(text)
    assert (e.type, e.attacker, e.killed, e.injured) == ("shelling", "RU", 1, 2)
    assert e.location is not None and e.location.name == "Nikopol"


def test_ground_fighting_and_the_defenders_side() -> None:
    text = "- Ukrainian troops are holding on to the town of Pokrovsk despite heavy assaults."
    (e,) = events(text)
    assert (e.type, e.attacker) == ("ground_combat", "RU")


def test_captured_village_changes_hands() -> None:
    text = "- Russia's defence ministry said its forces captured the village of Andriivka in the Donetsk region."
    found = [e for e in events(text) if e.type == "territory_change"]
    assert [(e.taken_by, e.location.name) for e in found] == [("RU", "Andriivka")]


def test_total_and_its_parts_by_place() -> None:
    text = "- Russian attacks killed nine people across Ukraine, including four in the Sumy region and two in Kherson."
    found = sorted(((e.location.name or "") if e.location else "", e.killed) for e in events(text))
    assert found == [("", 9), ("Kherson", 2), ("Sumy Oblast", 4)]


def test_country_total_beside_a_city_strike() -> None:
    text = "- A Russian missile hit a school in Sumy, part of a barrage that killed 20 people across the country."
    found = sorted(((e.location.name or "") if e.location else "", e.killed) for e in events(text))
    assert found == [("", 20), ("Sumy", None)]


def test_attack_of_unstated_kind() -> None:
    text = "- Russia attacked the Zhytomyr region overnight, injuring five people."
    (e,) = events(text)
    assert (e.type, e.injured, e.attacker) == ("attack", 5, "RU")


# ---------------------------------------------------------------- what is not an event

def test_habits_and_threats_are_not_events() -> None:
    assert events("Russia regularly launches drones at Kharkiv.") == []
    assert events("Officials warned that Russia could strike Kyiv with missiles.") == []


def test_background_from_another_time_is_not_an_event() -> None:
    assert events("In late January, Russia launched 100 drones at Ukraine.") == []


def test_photo_caption_is_not_an_event() -> None:
    text = "Rescuers at a building hit by a Russian missile in Kyiv [Jane Roe/Agency]\n\nTalks continued on Tuesday."
    assert events(text) == []


def test_no_casualties_is_not_zero() -> None:
    (e,) = events("Russia launched 12 drones at Ukraine overnight; no casualties were reported.")
    assert (e.killed, e.injured) == (None, None)


# ---------------------------------------------------------------- casualty phrases

def test_casualty_phrases() -> None:
    assert (casualties("At least 11 people were killed and more than 40 injured.").killed, 40) == (11, 40)
    assert casualties("The blast left one person dead and six others wounded.").injured == 6
    assert casualties("Three people, including a boy, died in the fire.").killed == 3
    assert casualties("Dozens of residents were injured.").injured is None
    assert casualties("a woman and a man were killed").killed is None
    assert casualties("injuring between four and six people").injured == 4
    assert casualties("A drone struck a car and killed a woman.").killed == 1


# ---------------------------------------------------------------- generalisation rules (second pass)

def test_a_bomb_set_off_on_the_ground_is_an_attack_not_an_air_strike() -> None:
    for text in ("A senior colonel died on Monday when a car bomb went off and exploded in Balashikha.",
                 "Investigators said a bomb hidden in a scooter exploded outside a block of flats in Moscow."):
        evs = events(text)
        assert [e.type for e in evs] == ["attack"], text
        assert not evs[0].weapons


def test_a_name_used_for_a_person_is_not_the_town_of_that_name() -> None:
    text = ("General Igor Kirillov died when a bomb exploded in south-east Moscow.\n\n"
            "Kirillov's driver also died in the blast, investigators said.")
    names = {e.location.name for e in events(text) if e.location is not None}
    assert "Kirillov" not in names and "Moscow" in names


def test_counts_split_by_kind_after_a_participle() -> None:
    (e,) = [e for e in events("The air force said 30 of the 40 missiles and 50 of the 90 drones fired at Ukraine "
                                "had been shot down.") if e.type == "aerial_attack"]
    assert weapons(e) == {"missile": (40, 30, None), "drone": (90, 50, None)}


def test_a_named_part_does_not_rename_the_total() -> None:
    (e,) = [e for e in events("Air defence downed all 20 missiles fired at Kyiv overnight, including four Kinzhal "
                                "hypersonic missiles.") if e.type == "aerial_attack"]
    assert weapons(e)["missile"] == (20, 20, None)


def test_rocket_artillery_on_a_town_is_shelling_only() -> None:
    for text in ("Russian rocket fire on Kherson killed a man on Tuesday.",
                 "Russian troops hit Nikopol with Grad rockets, wounding two."):
        assert [e.type for e in events(text)] == ["shelling"], text


def test_troops_entering_a_city_change_its_hands() -> None:
    (e,) = events("Ukrainian troops entered Kherson on Friday to cheering crowds.")
    assert (e.type, e.location.name, e.taken_by) == ("territory_change", "Kherson", "UA")


def test_each_settlement_of_a_list_is_its_own_change_even_if_unknown_to_the_gazetteer() -> None:
    evs = events("Russia's army said it had captured the villages of Zorianivka and Pankivka in the Donetsk region.")
    got = sorted((e.location.name, e.location.admin1, e.taken_by) for e in evs if e.type == "territory_change")
    assert got == [("Pankivka", "Donetsk", "RU"), ("Zorianivka", "Donetsk", "RU")]


def test_each_verb_of_a_sentence_takes_its_own_place() -> None:
    evs = events("Ukraine's forces liberated Andriivka and recaptured Pokrovsk, the army said.")
    assert sorted(e.location.name for e in evs if e.type == "territory_change") == ["Andriivka", "Pokrovsk"]


def test_the_capital_is_kyiv_in_a_text_about_ukraine() -> None:
    (e,) = [e for e in events("Drones attacked Odesa and Kharkiv on Monday.\n\nOn Tuesday a missile hit the capital, "
                                "injuring four people.") if e.injured == 4]
    assert e.location.name == "Kyiv"


def test_villages_taken_in_a_follow_up_sentence_lie_in_the_region_just_named() -> None:
    text = ("Russian forces recaptured Sudzha in the Kursk region, the ministry said. "
            "It said units had liberated the town and the nearby villages of Zorino and Podol in the course of an offensive.")
    got = sorted((e.location.name, e.location.admin1, e.location.country, e.taken_by) for e in events(text)
                 if e.type == "territory_change")
    assert got == [("Podol", "Kursk", "RU", "RU"), ("Sudzha", "Kursk", "RU", "RU"), ("Zorino", "Kursk", "RU", "RU")]


def test_a_country_wide_wave_lies_in_the_attacked_country() -> None:
    text = ("Russia fired 100 missiles and 80 drones at Ukraine's power grid overnight. "
            "The president again asked allies to let Kyiv strike deep inside Russia.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.location.country == "UA"


def test_shells_as_supplies_are_no_shelling() -> None:
    assert not [e for e in events("Commanders said their brigades had run short of artillery shells near Bakhmut.")
                if e.type == "shelling"]
    assert [e.type for e in events("Russian artillery shelled Nikopol on Monday, wounding two.")] == ["shelling"]


def test_military_activity_near_a_plant_is_not_where_a_strike_hit() -> None:
    evs = events("The watchdog said the strike and military drills near the Zaporizhzhia nuclear power plant raised risks.")
    assert not [e for e in evs if e.location is not None and e.location.name and "Zaporizhzhia" in e.location.name]


def test_an_attacker_the_text_says_is_unknown_stays_empty() -> None:
    text = ("A Russian-made drone hit the roof of a hospital in Sumy overnight. "
            "Officials did not say who had launched the drone.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.attacker is None and [w.category for w in e.weapons] == ["drone"]


def test_drones_downed_over_several_russian_regions_lie_in_russia() -> None:
    (e,) = events("Russia's air defence destroyed Ukrainian drones over several Russian border regions during the night.")
    assert (e.type, e.location.country, e.attacker) == ("aerial_attack", "RU", "UA")


def test_the_dead_included_gives_a_killed_figure() -> None:
    c = casualties("The dead included two teenagers, officials said.")
    assert c.killed == 2
    assert casualties("Among the wounded were four rescuers.").injured == 4


def test_the_capital_coming_under_attack_is_the_target() -> None:
    (e,) = events("Kyiv came under a combined missile and drone attack overnight into Saturday.")
    assert (e.type, e.location.name, e.date) == ("aerial_attack", "Kyiv", "2025-03-01")


def test_a_woman_had_died_is_one_killed() -> None:
    assert casualties("The governor said a woman had died after the drone hit her car.").killed == 1


def test_moscow_claiming_its_own_strike_is_the_attacker() -> None:
    (e,) = events("Russia's defence ministry said its missiles hit energy facilities in the Odesa region overnight.")
    assert e.attacker == "RU" and e.location.country == "UA"


def test_strikes_in_two_countries_in_one_item_are_two_events() -> None:
    text = ("Ukraine's Security Service (SBU) said it had struck three airfields across Russia with drones. "
            "In the Zaporizhzhia region, a Russian drone struck a car near Orikhiv, killing two men.")
    got = sorted((e.location.country, e.attacker) for e in events(text) if e.type == "aerial_attack")
    assert got == [("RU", "UA"), ("UA", "RU")]


def test_a_target_in_each_of_two_regions_is_two_events() -> None:
    evs = events("Ukrainian drones struck an oil refinery in the Kaluga region and an oil depot in Bashkortostan.")
    assert sorted(e.location.admin1 for e in evs if e.type == "aerial_attack") == ["Bashkortostan", "Kaluga"]


def test_fighting_near_two_towns_is_fighting_at_each() -> None:
    evs = events("Ukrainian forces repelled Russian assaults near Bakhmut and Avdiivka, the General Staff said.")
    assert sorted(e.location.name for e in evs if e.type == "ground_combat") == ["Avdiivka", "Bakhmut"]


def test_fighting_that_led_to_a_capture_is_not_an_event_of_its_own() -> None:
    evs = events("Russia said its forces had taken full control of Sievierodonetsk after weeks of fighting.")
    assert [e.type for e in evs] == ["territory_change"]


def test_a_kinds_interception_goes_on_that_kind_not_on_the_total() -> None:
    text = ("Overnight Russia attacked with 200 drones as well as 30 missiles: 26 Kh-101 cruise missiles and four "
            "Iskander-M ballistic missiles. Air defence destroyed 180 drones and 20 Kh-101 cruise missiles.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    got = {(w.category, w.model): (w.launched, w.intercepted) for w in e.weapons}
    assert got[("missile", None)] == (30, None)
    assert got[("cruise_missile", "Kh-101")] == (26, 20)


def test_a_kind_named_inside_a_mixed_total_is_its_own_uncounted_weapon() -> None:
    (e,) = [e for e in events("The air force said Russia fired 40 missiles of various types, including Kinzhal "
                                "hypersonic missiles, at Ukraine overnight.") if e.type == "aerial_attack"]
    got = {(w.category, w.launched) for w in e.weapons}
    assert got == {("missile", 40), ("hypersonic_missile", None)}


def test_a_river_named_like_a_city_is_not_the_city() -> None:
    assert not [e for e in events("Retreating troops blew up the bridges over the Dnipro behind them.")
                if e.location is not None and e.location.name == "Dnipro"]
    (e,) = events("The toll from the strike on the Dnipro apartment block rose to 14 killed.")
    assert e.location.name == "Dnipro"


def test_a_regions_own_toll_in_a_wave_is_its_own_event() -> None:
    text = ("Overnight, Russia launched 200 drones and 40 missiles, the air force said. "
            "The dead included two children in the Zhytomyr region, and people were also hurt in the Kyiv and Sumy regions.")
    evs = [e for e in events(text) if e.type == "aerial_attack"]
    assert ("Zhytomyr", 2) in {(e.location.admin1, e.killed) for e in evs}


def test_other_ways_of_saying_a_place_changed_hands() -> None:
    cases = {"Ukrainian troops took back the village of Robotyne, the army said.": ("Robotyne", "UA"),
             "Ukraine regained control of Kupiansk after a long push.": ("Kupiansk", "UA"),
             "Russian forces overran the village of Novomykhailivka.": ("Novomykhailivka", "RU")}
    for text, want in cases.items():
        got = [(e.location.name, e.taken_by) for e in events(text) if e.type == "territory_change"]
        assert got == [want], text


def test_the_speaker_after_a_captured_place_is_not_captured() -> None:
    got = [e.location.name for e in events("Russian forces have gained control of Pokrovsk, Moscow said.")
           if e.type == "territory_change"]
    assert got == ["Pokrovsk"]


def test_a_farmer_killed_is_one_killed() -> None:
    assert casualties("Russian mortar fire killed a farmer near the border.").killed == 1


def test_a_building_destroyed_by_a_side_is_that_sides_attack() -> None:
    (e,) = events("The kindergarten in Sloviansk was destroyed by the Russian occupiers.")
    assert (e.type, e.attacker) == ("attack", "RU")
    (e,) = events("Russian troops destroyed a bridge near Izium on Tuesday.")
    assert (e.type, e.attacker, e.location.name) == ("attack", "RU", "Izium")
    (e,) = events("Ukrainian forces destroyed 20 Russian drones over Odesa overnight.")
    assert (e.type, e.attacker) == ("aerial_attack", "RU")


def test_a_claim_that_could_not_be_verified_is_still_told() -> None:
    evs = events("Russian forces captured the village of Kotliarivka in the Donetsk region, the ministry said, "
                 "a claim that could not be independently verified.")
    assert [(e.type, e.location.name) for e in evs] == [("territory_change", "Kotliarivka")]
    assert not events("Russia could launch a new offensive near Kupiansk in the spring, analysts said.")


def test_a_region_named_for_another_story_does_not_place_a_captured_village() -> None:
    text = ("Ukrainian drones attacked an oil refinery in Russia's Saratov region overnight. "
            "The Ukrainian army said its forces had withdrawn from the village of Velyka Novosilka.")
    (e,) = [e for e in events(text) if e.type == "territory_change"]
    assert (e.location.admin1, e.location.country, e.taken_by) == ("Donetsk", "UA", "RU")


def test_troops_attacking_positions_is_ground_combat() -> None:
    (e,) = events("Russian troops attacked Ukrainian positions near Toretsk 15 times over the past day.")
    assert (e.type, e.location.name, e.attacker) == ("ground_combat", "Toretsk", "RU")


def test_a_breakdown_of_the_missiles_in_a_later_sentence_goes_on_the_wave() -> None:
    text = ("Overnight the enemy attacked with 50 missiles of various types and 120 drones. Air defence shot down "
            "30 missiles and 90 drones. The missiles included 20 Kh-101 cruise missiles and 5 Iskander-M ballistic missiles.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    got = {(w.category, w.model): (w.launched, w.intercepted) for w in e.weapons}
    assert got[("missile", None)] == (50, 30)
    assert got[("cruise_missile", "Kh-101")] == (20, None)
    assert got[("ballistic_missile", "Iskander-M")] == (5, None)


def test_a_months_long_effort_is_background() -> None:
    assert not events("The Russian army has been trying to encircle Pokrovsk for months.")
    assert [e.type for e in events("Russian forces have been advancing on Pokrovsk, the army said.")] == ["ground_combat"]


def test_infrastructure_destroyed_with_each_side_blaming_the_other() -> None:
    text = ("The Kakhovka dam in the Kherson region was destroyed early on Tuesday, flooding villages downstream. "
            "Ukraine said Russian troops blew it up; Moscow blamed Ukrainian shelling.")
    (e,) = events(text)
    assert (e.type, e.location.name, e.attacker) == ("attack", "Kakhovka dam", None)


def test_the_landmark_of_a_capture_is_not_where_other_fighting_was() -> None:
    evs = events("Russia's defence ministry said its forces had captured the village of Kostiantynivka near Vuhledar, "
                 "and had halted Ukrainian attacks in the Kursk region, where Ukraine began an incursion in August.")
    fights = [e.location for e in evs if e.type == "ground_combat"]
    assert fights and fights[0].admin1 == "Kursk"


def test_attacks_halted_or_repulsed_are_ground_combat_of_the_attacking_side() -> None:
    (e,) = events("Russia's defence ministry said its forces had halted Ukrainian attacks in the Kursk region.")
    assert (e.type, e.location.admin1, e.attacker) == ("ground_combat", "Kursk", "UA")


def test_a_bombing_far_from_the_front_has_a_side_only_when_someone_claims_it() -> None:
    text = "A colonel was killed on Friday when a car bomb exploded in Balashikha outside Moscow, investigators said."
    (e,) = events(text)
    assert (e.type, e.attacker) == ("attack", None)
    (e,) = events(text + " A source said the blast was an SBU operation.")
    assert e.attacker == "UA"


def test_taken_alone_is_a_change_of_hands_but_took_place_is_not() -> None:
    evs = events("Russia's Ministry of Defence said its forces had taken the settlement of Andriivka in the Donetsk region.")
    assert [(e.type, e.location.name, e.taken_by) for e in evs] == [("territory_change", "Andriivka", "RU")]
    assert not [e for e in events("The meeting took place in Kyiv on Monday.") if e.type == "territory_change"]


def test_several_kinds_named_for_one_count_keep_the_count_generic() -> None:
    text = ("A massive attack on Kyiv early Wednesday involved ballistic and cruise missiles and dozens of drones. "
            "The air force said its units shot down four missiles and 37 drones. Officials said they intercepted ballistics.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert weapons(e) == {"missile": (None, 4, None), "drone": (None, 37, None)}


def test_fire_on_a_place_held_by_russia_is_ukraines() -> None:
    (e,) = events("Shelling of the Russian-occupied city of Donetsk killed three people, the Russian-installed mayor said.")
    assert (e.type, e.attacker) == ("shelling", "UA")
    (e,) = events("Shelling of the Ukrainian-held town of Kurakhove killed two people.")
    assert e.attacker == "RU"


# ---------------------------------------------------------------- reaching the city a report is about

def test_a_byline_on_the_line_before_does_not_make_the_city_a_surname() -> None:
    text = ("Night of fires in Odesa\nBy Marta Kovalenko, Harbour Bulletin\n"
            "Odesa came under a heavy attack by Russian drones overnight, with blasts heard in the port.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.location is not None and e.location.name == "Odesa"


def test_a_defence_ministrys_mass_strike_with_precision_weapons_is_a_wave_on_the_other_side() -> None:
    text = ("The defence ministry in Moscow said on Tuesday that Russian forces had delivered a combined strike overnight "
            "with long-range high-precision weapons on Ukraine's military-industrial facilities and fuel depots. "
            "\"All assigned targets were hit,\" it said.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.attacker == "RU"
    assert e.location is not None and e.location.country == "UA" and e.location.precision == "country"
    assert e.date == "2025-03-04"


def test_troops_where_they_are_stationed_are_the_target_not_the_attacker() -> None:
    text = ("Russia's army said its missiles and attack drones struck depots and places where Ukrainian units were "
            "stationed in a massive strike overnight.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.attacker == "RU"


def test_a_capitals_claim_is_its_government_not_the_place_hit() -> None:
    text = ("Russian forces carried out a massive strike with precision weapons and attack drones on energy facilities "
            "in Ukraine, the ministry said. It did not comment on Kyiv's claim that most of the drones had been downed.")
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.location is not None and e.location.name is None and e.location.country == "UA"


def test_a_strike_of_unstated_kind_on_a_city_in_a_story_of_an_air_attack_is_an_air_attack() -> None:
    text = ("Rescuers in Poltava ended their search on Wednesday: nine people were killed in Monday's Russian strike on Poltava. "
            "Russia's defence ministry said its missiles had hit military targets in Poltava.")
    (e,) = [e for e in events(text) if e.type in ("aerial_attack", "attack")]
    assert e.type == "aerial_attack" and e.location is not None and e.location.name == "Poltava"
    assert e.killed == 9 and e.date == "2025-03-03"


def test_a_bombing_in_a_story_of_an_air_attack_stays_an_attack() -> None:
    text = ("Russian drones hit Odesa overnight. Separately, a car bomb killed a Russian officer in Melitopol, "
            "Ukrainian intelligence said.")
    assert {e.type for e in events(text)} >= {"aerial_attack", "attack"}


def test_the_main_target_named_after_a_nights_tally_is_its_own_strike() -> None:
    text = ("Russia launched 210 drones and 9 missiles at Ukraine overnight, the air force said. "
            "Air defence destroyed 190 drones and all 9 missiles. Kharkiv was the main target.")
    placed = [e for e in events(text) if e.type == "aerial_attack" and e.location is not None and e.location.name]
    assert [e.location.name for e in placed] == ["Kharkiv"]


def test_the_capital_at_a_sentence_start_and_districts_of_kyiv_are_the_city() -> None:
    text = ("Russia fired 40 drones at Ukraine overnight, the air force said, downing 35. "
            "The capital was the main target, with homes damaged in two districts of Kyiv.")
    assert any(e.type == "aerial_attack" and e.location is not None and e.location.name == "Kyiv" for e in events(text))


def test_places_of_an_earlier_attack_the_sentence_looks_back_to_are_not_its_own() -> None:
    text = "Russia sent 150 drones against Ukraine overnight, only two days after a heavy strike on Sumy, the air force said."
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.location is not None and e.location.name is None and e.location.country == "UA"


def test_a_city_strike_told_inside_a_country_wide_wave_is_two_events_with_their_tolls() -> None:
    text = ("A Russian missile hit a school in Zaporizhzhia on Monday, as Russia launched dozens of missiles at cities "
            "across the country. At least 15 people were killed nationwide, including four in Zaporizhzhia.")
    air = {(e.location.name if e.location else None): e for e in events(text) if e.type == "aerial_attack"}
    assert set(air) == {"Zaporizhzhia", None}
    assert air["Zaporizhzhia"].killed == 4 and air[None].killed == 15
    assert air[None].location is not None and air[None].location.country == "UA"


def test_the_main_target_named_in_a_headline_count_is_apart_from_the_wave() -> None:
    text = ("Night of 300 drones, Dnipro the main target\n\n"
            "Russia launched 300 drones and 12 missiles at Ukraine overnight, the air force said. "
            "Air defence shot down 280 of the drones.")
    air = sorted((e.location.name or "" for e in events(text) if e.type == "aerial_attack" and e.location))
    assert air == ["", "Dnipro"]


def test_kyiv_declaring_mourning_is_no_place_of_the_attack() -> None:
    text = "Russian missiles struck across the country on Sunday, killing 12 people, as Kyiv declared a day of mourning."
    (e,) = [e for e in events(text) if e.type == "aerial_attack"]
    assert e.killed == 12 and e.location is not None and e.location.name is None and e.location.country == "UA"


def test_a_ministrys_mass_strike_keeps_apart_from_the_city_it_blames_on_air_defence() -> None:
    text = ("Russia's defence ministry said its forces had carried out a group strike with high-precision weapons on "
            "military-industrial facilities. It said a building in Kharkiv had been hit by a Ukrainian anti-aircraft missile.")
    air = sorted(e.location.name or "" for e in events(text) if e.type == "aerial_attack" and e.location)
    assert air == ["", "Kharkiv"]


def test_the_side_that_was_hit_is_not_the_attacker() -> None:
    text = ("Ukraine was hit overnight by a massive combined air attack, with Russia firing 300 drones and 20 missiles, "
            "the air force said. In Kharkiv, four people were killed.")
    air = {(e.location.name if e.location else None): e for e in events(text) if e.type == "aerial_attack"}
    assert air[None].attacker == "RU" and air[None].location is not None and air[None].location.country == "UA"
    assert air["Kharkiv"].killed == 4
