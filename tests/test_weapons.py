"""Weapon counts and kinds read from single sentences written for these tests."""
from __future__ import annotations

import pytest

from sitrep.extract.weapons import figures, kind_of, kinds_named


def roles(sentence: str) -> list[tuple[str | None, str, int]]:
    return [(f.kind.category if f.kind else None, f.role, f.value) for f in figures(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("Air defence units brought down 21 of 59 drones.", [("drone", "intercepted", 21), ("drone", "launched", 59)]),
    ("Defenders intercepted six out of seven ballistic missiles fired at the city.",
     [("ballistic_missile", "intercepted", 6), ("ballistic_missile", "launched", 7)]),
    ("The army shot down all 23 drones sent over the region.",
     [("drone", "intercepted", 23), ("drone", "launched", 23)]),
    ("The enemy attacked with 40 Shahed drones, 30 of which were destroyed.",
     [("attack_drone", "launched", 40), (None, "intercepted", 30)]),
    ("Another 12 drones were locationally lost.", [("drone", "suppressed", 12)]),
    ("Seventeen decoy drones disappeared from radar.", [("decoy_drone", "suppressed", 17)]),
    ("Crews downed 50 drones, while 9 others veered off course.",
     [("drone", "intercepted", 50), (None, "suppressed", 9)]),
    ("Moscow fired 80 drones and both cruise missiles were downed.",
     [("drone", "launched", 80), ("cruise_missile", "intercepted", 2)]),
    ("Gunners destroyed 5 drones and two Kh-59 missiles.",
     [("drone", "intercepted", 5), ("guided_missile", "intercepted", 2)]),
    ("A further 40 were likely neutralised by electronic warfare.", [(None, "suppressed", 40)]),
    ("Air defence shot down or jammed 60 drones over the south.", [("drone", "intercepted", 60)]),
    ("The army launched 70 Shahed and decoy drones.", [("attack_drone", "launched", 70)]),
    ("By morning, 44 were shot down and 9 were lost in location.", [(None, "intercepted", 44), (None, "suppressed", 9)]),
    ("Of the 80 drones, 50 were destroyed and 25 went missing from radars.",
     [("drone", "launched", 80), (None, "intercepted", 50), (None, "suppressed", 25)]),
])
def test_roles_of_counts(sentence: str, expected: list) -> None:
    assert roles(sentence) == expected


def test_all_without_a_number_takes_the_launched_count() -> None:
    found = [(f.kind.category if f.kind else None, f.role) for f in figures("All drones and five missiles were destroyed.")]
    assert ("drone", "intercepted_all") in found and ("missile", "intercepted") in found


def test_negated_verb_gives_no_role() -> None:
    assert roles("It is unclear what happened to the three drones not shot down.") == []


def test_other_numbers_are_not_weapon_counts() -> None:
    assert roles("As of 08:30 on May 2, air defence was active in 12 regions.") == []


def test_approximate_count_is_marked() -> None:
    (f,) = figures("The enemy launched more than a dozen drones at the port.")
    assert (f.value, f.approx) == (12, True)


def test_returning_drones_are_not_suppressed() -> None:
    assert roles("Two drones were lost to jamming, and two more returned to Russia.") == [("drone", "suppressed", 2)]


def test_kinds_of_models_and_words() -> None:
    assert kind_of("Iskander-M", None).category == "ballistic_missile"
    assert kind_of("a Kh-59 cruise missile", "missile").category == "guided_missile"
    assert kind_of("glide bombs", "bomb").category == "guided_bomb"
    assert kind_of("Orlan reconnaissance drones", "drone").recon


def test_defensive_systems_are_not_attack_weapons() -> None:
    named = [k.category for k, _, _ in kinds_named("Anti-aircraft missile units and drone units repelled a missile strike.")]
    assert named == ["missile"]


def test_weapons_that_struck_were_launched():
    assert [(f.role, f.value) for f in figures("Two cruise missiles struck a factory in Mukachevo.")] == [("launched", 2)]
    assert [(f.role, f.value) for f in figures("Three drones hit power lines near Sumy.")] == [("launched", 3)]
    assert [(f.role, f.value) for f in figures("Two guided bombs later hit a depot.")] == [("launched", 2)]


def test_a_participle_between_a_count_and_its_passive_is_skipped():
    got = [(f.role, f.value) for f in figures("40 of the 60 drones sent against Ukraine were shot down.")]
    assert got == [("intercepted", 40), ("launched", 60)]


def test_a_ground_planted_bomb_is_no_weapon_of_an_air_strike():
    assert kinds_named("A car bomb exploded near the air base.") == []
    assert kinds_named("Investigators said the bomb had been planted under a car.") == []


def test_the_total_of_a_list_is_no_kinds_own_launch_count():
    got = [(f.role, f.value) for f in figures("Air defence downed 20 cruise missiles and 11 Shahed drones out of the "
                                              "35 launched.")]
    assert got == [("intercepted", 20), ("intercepted", 11)]


def test_a_model_in_apposition_names_the_head_and_new_models_are_known():
    got = [(k.category, k.model) for k, _, _ in kinds_named("Russia fired a new ballistic missile, Oreshnik, at Dnipro.")]
    assert got == [("ballistic_missile", "Oreshnik")]
    assert [(k.category, k.model) for k, _, _ in kinds_named("Ukraine struck the depot with Liutyi drones.")] \
        == [("attack_drone", "Liutyi")]


def test_a_neutralised_total_broken_down_after_a_colon_is_no_count_of_its_own():
    got = [(f.role, f.value) for f in figures("Air defence neutralised 120 drones: 80 were shot down and 40 were "
                                              "locationally lost due to electronic warfare.")]
    assert got == [("intercepted", 80), ("suppressed", 40)]


def test_a_weapon_listed_after_a_fully_counted_one_and_launched_was_all_downed():
    got = [(f.role, f.value) for f in figures("Air defence downed seven of the 8 drones and one Kh-59 missile "
                                              "launched by Russia.")]
    assert got == [("intercepted", 7), ("launched", 8), ("intercepted", 1), ("launched", 1)]
    got = [(f.role, f.value) for f in figures("They shot down 12 missiles fired from the sea and 20 drones.")]
    assert ("launched", 12) not in got
