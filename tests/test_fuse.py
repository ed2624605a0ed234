"""Fusion (sitrep.fuse): which reports are one event, how their fields are reconciled, stable ids, and
the store's incremental fusion equal to fusing everything at once in any order."""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from sitrep.extract import extract_events
from sitrep.fuse import fuse, fuse_store, fused_id
from sitrep.ingest import read_documents
from sitrep.model import Document, Event
from sitrep.store import open_store

FUSION_DOCS = Path(__file__).resolve().parent / "fusion" / "docs"
BLIND_DOCS = Path(__file__).resolve().parent / "fusion_blind" / "docs"
BLIND2_DOCS = Path(__file__).resolve().parent / "fusion_blind2" / "docs"

DOCS = {d: {"id": d, "reference_date": r, "outlet": o} for d, r, o in [
    ("kyiv-am", "2025-02-12", "Kyiv Desk"), ("moscow", "2025-02-12", "North Wire"),
    ("recap", "2025-02-13", "Digest"), ("kharkiv", "2025-02-12", "East Line"),
    ("other-day", "2025-02-15", "East Line"), ("undated", None, "Wire"), ("undated2", None, "Wire"),
    ("swap-a", "2025-05-23", None), ("swap-b", "2025-05-24", None)]}


def ev(eid: str, doc: str, type: str = "aerial_attack", date: str | None = "2025-02-12", **fields: Any) -> dict:
    base: dict[str, Any] = {"id": eid, "document_id": doc, "type": type, "date": date,
                            "date_precision": "day" if date else None, "location": None, "claimed_by": [],
                            "evidence": [{"start": 0, "end": 10}], "confidence": 0.5}
    own = {"aerial_attack": {"attacker": "RU", "weapons": [], "killed": None, "injured": None, "tags": []},
           "prisoner_exchange": {"parties": ["RU", "UA"], "released": []},
           "diplomatic_contact": {"mode": "call", "status": "held", "participants": [], "mediator": None,
                                  "duration_minutes": None},
           "aid_pledge": {"donor": None, "recipient": None, "amount": None, "amount_usd": None, "items": [],
                          "aid_kind": None},
           "sanctions": {"imposer": [], "target": []}, "agreement": {"parties": [], "topic": None}}[type]
    base.update(own)
    base.update(fields)
    return base


def drones(launched: int | None, intercepted: int | None, category: str = "attack_drone") -> list[dict]:
    return [{"category": category, "model": None, "launched": launched, "intercepted": intercepted,
             "suppressed": None}]


COUNTRY = {"name": None, "admin1": None, "country": "UA", "lat": None, "lon": None, "precision": "country"}
KHARKIV = {"name": "Kharkiv", "admin1": "Kharkiv", "country": "UA", "lat": 49.98, "lon": 36.25,
           "precision": "settlement"}
KHARKIV_OBL = {"name": "Kharkiv Oblast", "admin1": "Kharkiv", "country": "UA", "lat": 49.5, "lon": 36.5,
               "precision": "admin1"}
SUMY = {"name": "Sumy", "admin1": "Sumy", "country": "UA", "lat": 50.9, "lon": 34.8, "precision": "settlement"}


def groups(fused: list[dict]) -> set[frozenset[str]]:
    return {frozenset(s["event_id"] for s in f["sources"]) for f in fused}


def test_figures_that_differ_are_a_conflict_not_a_split() -> None:
    kyiv = ev("e1", "kyiv-am", location=COUNTRY, weapons=drones(123, 71), claimed_by=["Ukrainian Air Force"])
    moscow = ev("e2", "moscow", location=COUNTRY, weapons=drones(None, 123),
                claimed_by=["Russian Ministry of Defence"])
    [f] = fuse([kyiv, moscow], DOCS)
    assert [s["event_id"] for s in f["sources"]] == ["e1", "e2"]
    conflict = {c["field"]: c for c in f["conflicts"]}["weapons.attack_drone.intercepted"]
    assert [(v["value"], v["document_id"], v["claimed_by"]) for v in conflict["values"]] == [
        (71, "kyiv-am", ["Ukrainian Air Force"]), (123, "moscow", ["Russian Ministry of Defence"])]
    assert f["id"] == fused_id(["e2", "e1"]) and f["fusion"]
    assert "evidence" in f["sources"][0] and "document_id" not in f


def test_two_events_of_one_document_never_fuse() -> None:
    a = ev("e1", "kyiv-am", location=KHARKIV, killed=3)
    b = ev("e2", "kyiv-am", location=KHARKIV, killed=3)
    assert groups(fuse([a, b], DOCS)) == {frozenset({"e1"}), frozenset({"e2"})}


def test_one_strike_read_twice_from_one_report_is_not_split_by_it() -> None:
    """A report whose strike came out as two events (a toll in one sentence, a missile in another):
    another report joins both, and a second city of the same report stays apart."""
    toll = ev("e1", "kyiv-am", location=KHARKIV, killed=20, weapons=drones(None, None, "ballistic_missile"))
    again = ev("e2", "kyiv-am", date=None, location=KHARKIV, killed=7, weapons=[])
    sumy = ev("e3", "kyiv-am", location=SUMY, killed=2)
    other = ev("e4", "moscow", location=KHARKIV, killed=20, weapons=drones(None, None, "ballistic_missile"))
    third = ev("e5", "recap", date="2025-02-12", location=KHARKIV, killed=7)
    assert groups(fuse([toll, again, sumy, other, third], DOCS)) == {
        frozenset({"e1", "e2", "e4", "e5"}), frozenset({"e3"})}


def test_city_and_its_oblast_fuse_other_city_or_day_does_not() -> None:
    city = ev("e1", "kyiv-am", location=KHARKIV, killed=4, weapons=drones(None, None, "guided_bomb"))
    oblast = ev("e2", "kharkiv", location=KHARKIV_OBL, killed=4, weapons=drones(None, None, "guided_bomb"))
    other_city = ev("e3", "moscow", location=SUMY, killed=4)
    other_day = ev("e4", "other-day", date="2025-02-15", location=KHARKIV, killed=4)
    fused = fuse([city, oblast, other_city, other_day], DOCS)
    assert groups(fused) == {frozenset({"e1", "e2"}), frozenset({"e3"}), frozenset({"e4"})}
    [pair] = [f for f in fused if len(f["sources"]) == 2]
    assert "Kharkiv within Kharkiv Oblast" in pair["fusion"]
    assert pair["location"]["precision"] == "settlement"  # a tie goes to the most specific place


def test_country_wide_wave_and_its_regional_breakdown_stay_apart() -> None:
    wave = ev("e1", "kyiv-am", location=COUNTRY, weapons=drones(140, 120))
    wave2 = ev("e2", "moscow", location=COUNTRY, weapons=drones(140, 120))
    city = ev("e3", "kharkiv", location=KHARKIV, injured=6, weapons=drones(None, None, "ballistic_missile"))
    assert groups(fuse([wave, wave2, city], DOCS)) == {frozenset({"e1", "e2"}), frozenset({"e3"})}


def test_overnight_attack_told_next_morning_with_the_same_figures() -> None:
    night = ev("e1", "kyiv-am", location=COUNTRY, weapons=drones(298, 266))
    morning = ev("e2", "recap", date="2025-02-13", location=COUNTRY, weapons=drones(298, 266))
    other_night = ev("e3", "recap", date="2025-02-13", location=COUNTRY, weapons=drones(50, 41))
    fused = fuse([night, morning, other_night], DOCS)
    assert groups(fused) == {frozenset({"e1", "e2"}), frozenset({"e3"})}
    # A day apart with figures that disagree: two nights, not one.
    assert len(fuse([night, ev("e4", "recap", date="2025-02-13", location=COUNTRY, weapons=drones(80, 60))],
                    DOCS)) == 2


def test_undated_report_joins_the_night_whose_figures_it_repeats_only_when_unambiguous() -> None:
    dated = ev("e1", "kyiv-am", location=COUNTRY, weapons=drones(38, 26))
    undated = ev("e2", "undated", date=None, location=COUNTRY, weapons=drones(38, 26))
    assert groups(fuse([dated, undated], DOCS)) == {frozenset({"e1", "e2"})}
    # The same figures on another night too: the undated report could be either, and joins neither.
    again = ev("e3", "other-day", date="2025-02-15", location=COUNTRY, weapons=drones(38, 26))
    assert groups(fuse([dated, undated, again], DOCS)) == {frozenset({"e1"}), frozenset({"e2"}), frozenset({"e3"})}
    # Weak evidence (one small figure) is not enough for an undated report.
    weak = ev("e4", "undated2", date=None, location=COUNTRY, weapons=drones(4, None))
    assert groups(fuse([dated, weak], DOCS)) == {frozenset({"e1"}), frozenset({"e4"})}


def test_stages_of_a_swap_on_consecutive_days_stay_apart() -> None:
    def rel(n: int) -> list[dict]:
        return [{"name": None, "count": n, "released_by": "RU"}, {"name": None, "count": n, "released_by": "UA"}]
    a = ev("e1", "swap-a", "prisoner_exchange", "2025-05-23", released=rel(390))
    b = ev("e2", "swap-b", "prisoner_exchange", "2025-05-24", released=rel(307))
    c = ev("e3", "swap-b", "prisoner_exchange", "2025-05-23", released=rel(390)[:1])
    assert groups(fuse([a, b, c], DOCS)) == {frozenset({"e1", "e3"}), frozenset({"e2"})}


def test_calls_with_other_counterparts_stay_apart() -> None:
    a = ev("e1", "kyiv-am", "diplomatic_contact", participants=["Donald Trump", "Vladimir Putin"])
    b = ev("e2", "moscow", "diplomatic_contact", participants=["Vladimir Putin", "Donald Trump"], duration_minutes=90)
    c = ev("e3", "kharkiv", "diplomatic_contact", participants=["Donald Trump", "Volodymyr Zelenskyy"])
    d = ev("e4", "recap", "diplomatic_contact", date="2025-02-12", mode="meeting",
           participants=["Donald Trump", "Vladimir Putin"])
    assert groups(fuse([a, b, c, d], DOCS)) == {frozenset({"e1", "e2"}), frozenset({"e3"}), frozenset({"e4"})}


RUSSIA = {"name": None, "admin1": None, "country": "RU", "lat": None, "lon": None, "precision": "country"}
KRASNODAR = {"name": "Krasnodar Krai", "admin1": "Krasnodar", "country": "RU", "lat": 45.0, "lon": 39.0,
             "precision": "admin1"}


def test_opposite_attackers_apart_unless_the_tallies_say_one_report_misread_the_side() -> None:
    wave = ev("e1", "kyiv-am", location=COUNTRY, weapons=drones(598, 563))
    ukrainian = ev("e2", "moscow", location=RUSSIA, attacker="UA", weapons=drones(None, None))
    region = ev("e3", "kharkiv", location=KRASNODAR, attacker="UA", weapons=drones(None, 102))
    # The copy that put the Russian wave in Russia: the same two tallies, on the same night.
    misread = ev("e4", "recap", date="2025-02-12", location=RUSSIA, attacker="UA", weapons=drones(598, 563))
    fused = fuse([wave, ukrainian, region, misread], DOCS)
    assert groups(fused) == {frozenset({"e1", "e4"}), frozenset({"e2", "e3"})}
    # The attacker's figureless claim of the wave joins it past the misread copy once two reports
    # against one say which country the tallies are of; the other side's drones still stay out.
    again = ev("e9", "other-day", date="2025-02-12", location=COUNTRY, weapons=drones(598, 563))
    claim = ev("e10", "undated2", date="2025-02-12", location=COUNTRY, weapons=drones(None, None),
               claimed_by=["Russian Ministry of Defence"])
    fused = fuse([wave, ukrainian, region, misread, again, claim], {**DOCS, "other-day": DOCS["kyiv-am"],
                                                                    "undated2": DOCS["kyiv-am"]})
    assert groups(fused) == {frozenset({"e1", "e4", "e9", "e10"}), frozenset({"e2", "e3"})}
    # One report against one cannot say which misread: the claim stays out.
    fused = fuse([wave, misread, claim], {**DOCS, "undated2": DOCS["kyiv-am"]})
    assert frozenset({"e10"}) in groups(fused)
    # No place on either side to say the side was misread: the two sides' attacks stay two.
    nowhere = ev("e11", "kharkiv", location=None, attacker="UA", weapons=drones(None, None))
    assert groups(fuse([wave, nowhere], DOCS)) == {frozenset({"e1"}), frozenset({"e11"})}
    # Two cities of one country with the nation's tallies pinned on each stay two strikes.
    sumy = ev("e7", "moscow", location=SUMY, weapons=drones(598, 563))
    kharkiv = ev("e8", "kharkiv", location=KHARKIV, weapons=drones(598, 563))
    assert groups(fuse([sumy, kharkiv], DOCS)) == {frozenset({"e7"}), frozenset({"e8"})}
    # One equal tally under a hundred is not enough to doubt the country.
    small = ev("e5", "kyiv-am", location=COUNTRY, weapons=drones(98, 63))
    weak = ev("e6", "recap", date="2025-02-12", location=RUSSIA, attacker="UA", weapons=drones(None, 63))
    assert groups(fuse([small, weak], DOCS)) == {frozenset({"e5"}), frozenset({"e6"})}


def test_a_bare_country_report_tells_the_regional_one_but_a_bare_city_is_not_the_wave() -> None:
    region = ev("e1", "kharkiv", location=KRASNODAR, attacker="UA", weapons=drones(None, 102, "drone"))
    bare = ev("e2", "moscow", location=RUSSIA, attacker="UA", weapons=drones(None, None, "drone"))
    assert groups(fuse([region, bare], DOCS)) == {frozenset({"e1", "e2"})}
    wave = ev("e3", "kyiv-am", location=COUNTRY, weapons=drones(122, 87))
    city = ev("e4", "kharkiv", location=KHARKIV, weapons=[])
    assert groups(fuse([wave, city], DOCS)) == {frozenset({"e3"}), frozenset({"e4"})}
    # The attacker's "massive strike on Ukraine", no figure: the wave's, never a city's strike.
    claim = ev("e5", "moscow", location=None, weapons=drones(None, None, "drone"),
               claimed_by=["Russian Ministry of Defence"])
    assert groups(fuse([wave, city, claim], DOCS)) == {frozenset({"e3", "e5"}), frozenset({"e4"})}
    assert groups(fuse([city, claim], DOCS)) == {frozenset({"e4"}), frozenset({"e5"})}
    # Even where the claim and the city's strike name the same kind of weapon.
    ballistic = drones(None, None, "ballistic_missile")
    struck = ev("e6", "kharkiv", location=KHARKIV, killed=20, weapons=drones(2, None, "ballistic_missile"))
    massive = ev("e7", "moscow", location=COUNTRY, weapons=ballistic, claimed_by=["Russian Ministry of Defence"])
    assert groups(fuse([struck, massive], DOCS)) == {frozenset({"e6"}), frozenset({"e7"})}
    # A claim with a toll of its own is about one strike: the city's.
    toll = ev("e8", "moscow", location=COUNTRY, killed=60, weapons=ballistic, claimed_by=["Russian Ministry of Defence"])
    assert groups(fuse([struck, toll], DOCS)) == {frozenset({"e6", "e8"})}


def test_a_toll_that_rises_the_next_day_is_the_same_strike_one_that_falls_is_not() -> None:
    first = ev("e1", "kharkiv", location=KHARKIV, killed=4, weapons=drones(None, None, "ballistic_missile"))
    mourning = ev("e2", "recap", date="2025-02-13", location=KHARKIV, killed=25,
                  weapons=drones(None, None, "ballistic_missile"))
    assert groups(fuse([first, mourning], DOCS)) == {frozenset({"e1", "e2"})}
    fewer = ev("e3", "recap", date="2025-02-13", location=KHARKIV, killed=2,
               weapons=drones(None, None, "ballistic_missile"))
    assert groups(fuse([first, fewer], DOCS)) == {frozenset({"e1"}), frozenset({"e3"})}
    # Undated in the next day's report with nothing of its own: yesterday's strike again. With a toll,
    # or a date, of its own it is no aftermath.
    aftermath = ev("e5", "recap", date=None, location=KHARKIV, weapons=[])
    assert groups(fuse([first, aftermath], DOCS)) == {frozenset({"e1", "e5"})}
    dated = ev("e6", "recap", date="2025-02-13", location=KHARKIV, weapons=[])
    assert groups(fuse([first, dated], DOCS)) == {frozenset({"e1"}), frozenset({"e6"})}
    # Another city the next day, even with a higher toll: two strikes.
    sumy = ev("e4", "recap", date="2025-02-13", location=SUMY, killed=25,
              weapons=drones(None, None, "ballistic_missile"))
    assert groups(fuse([first, sumy], DOCS)) == {frozenset({"e1"}), frozenset({"e4"})}


def test_an_attack_told_live_the_evening_it_began_is_the_next_days_toll() -> None:
    live = ev("e1", "kharkiv", location=KHARKIV, weapons=drones(None, None))
    morning = ev("e2", "recap", date="2025-02-13", location=KHARKIV, killed=6, weapons=drones(309, 288))
    assert groups(fuse([live, morning], DOCS)) == {frozenset({"e1", "e2"})}
    # Dated the day before in a later document: no live report, and nothing ties the two.
    told_late = ev("e3", "recap", date="2025-02-12", location=KHARKIV, weapons=drones(None, None))
    next_day = ev("e4", "other-day", date="2025-02-13", location=KHARKIV, killed=6, weapons=drones(309, 288))
    docs = {**DOCS, "other-day": {"id": "other-day", "reference_date": "2025-02-13", "outlet": "East Line"}}
    assert groups(fuse([told_late, next_day], docs)) == {frozenset({"e3"}), frozenset({"e4"})}
    # Another city the next day: two strikes.
    assert groups(fuse([live, dict(morning, location=SUMY)], DOCS)) == {frozenset({"e1"}), frozenset({"e2"})}


def test_talks_may_be_a_call_a_call_is_not_a_meeting() -> None:
    leaders = ["Volodymyr Zelenskyy", "Xi Jinping"]
    call = ev("e1", "kyiv-am", "diplomatic_contact", participants=leaders)
    talks = ev("e2", "moscow", "diplomatic_contact", mode="talks", participants=leaders[::-1])
    meeting = ev("e3", "kharkiv", "diplomatic_contact", mode="meeting", participants=leaders)
    assert groups(fuse([call, talks], DOCS)) == {frozenset({"e1", "e2"})}
    assert groups(fuse([talks, meeting], DOCS)) == {frozenset({"e2", "e3"})}
    assert groups(fuse([call, meeting], DOCS)) == {frozenset({"e1"}), frozenset({"e3"})}


def test_one_exchange_of_the_same_sides_a_day_stages_apart() -> None:
    def rel(n: int, by: str) -> list[dict]:
        return [{"name": None, "count": n, "released_by": by}]
    ua = ev("e1", "swap-a", "prisoner_exchange", "2025-05-23", released=rel(95, "RU"))
    ru = ev("e2", "kyiv-am", "prisoner_exchange", "2025-05-23", parties=["UA", "RU"], released=rel(95, "UA"))
    mediator = ev("e3", "moscow", "prisoner_exchange", "2025-05-23")
    next_stage = ev("e4", "swap-b", "prisoner_exchange", "2025-05-24")
    assert groups(fuse([ua, ru, mediator, next_stage], DOCS)) == {frozenset({"e1", "e2", "e3"}), frozenset({"e4"})}


def test_aid_amounts_compared_in_the_currency_stated_and_packages_of_one_donor_apart() -> None:
    eur = {"value": 2_700_000_000, "currency": "EUR"}
    donor = ev("e1", "kyiv-am", "aid_pledge", None, donor="DE", recipient="UA", amount=eur)
    recipient = ev("e2", "moscow", "aid_pledge", donor="DE", recipient="UA", amount=eur,
                   amount_usd_converted={"value": 2_940_000_000, "rate": 1.09})
    dollars = ev("e3", "recap", "aid_pledge", donor="DE", recipient="UA", amount_usd=2_950_000_000)
    other = ev("e4", "kharkiv", "aid_pledge", donor="DE", recipient="UA", amount_usd=400_000_000)
    fused = groups(fuse([donor, recipient, dollars, other], DOCS))
    assert frozenset({"e1", "e2", "e3"}) in fused and frozenset({"e4"}) in fused


def test_one_imposers_package_told_with_different_words_for_its_targets() -> None:
    council = ev("e1", "kyiv-am", "sanctions", imposer=["EU"], target=["its liquefied natural gas"])
    moscow = ev("e2", "recap", "sanctions", imposer=["EU"], target=["RU"])
    belarus = ev("e3", "kharkiv", "sanctions", imposer=["EU"], target=["BY"])
    counter = ev("e4", "moscow", "sanctions", imposer=["RU"], target=["EU"])
    fused = groups(fuse([council, moscow, belarus, counter], DOCS))
    assert frozenset({"e1", "e2"}) in fused or frozenset({"e1", "e3"}) in fused
    assert not any({"e2", "e3"} <= g or "e4" in g and len(g) > 1 for g in fused)


def test_toll_rises_latest_report_wins_attackers_own_claim_kept_as_conflict() -> None:
    first = ev("e1", "kyiv-am", location=KHARKIV, killed=20, weapons=drones(2, None, "ballistic_missile"))
    later = ev("e2", "recap", date="2025-02-12", location=KHARKIV, killed=34,
               weapons=drones(2, None, "ballistic_missile"))
    claim = ev("e3", "moscow", location=KHARKIV, killed=60, claimed_by=["Russian Ministry of Defence"],
               weapons=drones(None, None, "ballistic_missile"))
    [f] = fuse([first, later, claim], DOCS)
    assert f["killed"] == 34
    killed = {c["field"]: c for c in f["conflicts"]}["killed"]
    assert sorted(v["value"] for v in killed["values"]) == [20, 34, 60]


def test_output_is_the_same_in_any_order() -> None:
    events = [ev("e1", "kyiv-am", location=COUNTRY, weapons=drones(123, 71)),
              ev("e2", "moscow", location=COUNTRY, weapons=drones(None, 123)),
              ev("e3", "undated", date=None, location=COUNTRY, weapons=drones(123, 71)),
              ev("e4", "kharkiv", location=KHARKIV, killed=2), ev("e5", "recap", location=KHARKIV_OBL, killed=2)]
    want = json.dumps(fuse(events, DOCS))
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert json.dumps(fuse(shuffled, DOCS)) == want


KYIV = {"name": "Kyiv", "admin1": "Kyiv City", "country": "UA", "lat": 50.45, "lon": 30.52, "precision": "settlement"}
ODESA = {"name": "Odesa", "admin1": "Odesa", "country": "UA", "lat": 46.49, "lon": 30.74, "precision": "settlement"}
ODESA_OBL = {"name": "Odesa Oblast", "admin1": "Odesa", "country": "UA", "lat": 46.73, "lon": 29.88,
             "precision": "admin1"}
MOSCOW = {"name": "Moscow", "admin1": "Moscow", "country": "RU", "lat": 55.75, "lon": 37.62, "precision": "settlement"}
MOSCOW_OBL = {"name": "Moscow Oblast", "admin1": "Moscow Oblast", "country": "RU", "lat": 55.76, "lon": 37.77,
              "precision": "admin1"}


def test_a_citys_own_toll_beside_the_nations_tallies_is_the_citys_strike() -> None:
    national = [*drones(440, None), *drones(32, None, "cruise_missile")]
    wave = ev("e1", "kyiv-am", location=COUNTRY, weapons=national)
    city = ev("e2", "moscow", location=KYIV, killed=15, weapons=[])
    paper = ev("e3", "recap", date="2025-02-12", location=KYIV, killed=28, injured=130, weapons=national)
    assert groups(fuse([wave, city, paper], DOCS)) == {frozenset({"e1"}), frozenset({"e2", "e3"})}
    # The same tallies and no toll of its own: the wave, its place misread.
    placed = ev("e4", "recap", date="2025-02-12", location=KYIV, weapons=national)
    assert groups(fuse([wave, placed], DOCS)) == {frozenset({"e1", "e4"})}


def test_a_toll_with_no_place_is_no_waves_and_stays_with_its_own_reports_city() -> None:
    wave = ev("e1", "kyiv-am", location=COUNTRY, weapons=[*drones(145, 64), *drones(70, 48, "missile")])
    vague = ev("e2", "moscow", date=None, location=COUNTRY, killed=9, weapons=drones(None, None, "drone"))
    placed = ev("e3", "moscow", location=KYIV, killed=9, injured=63, weapons=[])
    kyiv = ev("e4", "kharkiv", location=KYIV, injured=87, weapons=[])
    # A strike elsewhere the day before, with the same toll.
    bus = ev("e5", "other-day", date="2025-02-11", location=SUMY, killed=9, weapons=drones(None, None, "drone"))
    docs = {**DOCS, "other-day": {"id": "other-day", "reference_date": "2025-02-11", "outlet": "East Line"}}
    assert groups(fuse([wave, vague, placed, kyiv, bus], docs)) == {
        frozenset({"e1"}), frozenset({"e2", "e3", "e4"}), frozenset({"e5"})}
    assert groups(fuse([wave, vague], DOCS)) == {frozenset({"e1"}), frozenset({"e2"})}


def test_a_call_of_two_leaders_and_one_of_three_are_two_calls() -> None:
    two = ["Olaf Scholz", "Vladimir Putin"]
    berlin = ev("e1", "kyiv-am", "diplomatic_contact", participants=two)
    kremlin = ev("e2", "moscow", "diplomatic_contact", participants=two[::-1])
    kyiv = ev("e3", "kharkiv", "diplomatic_contact", participants=["Volodymyr Zelenskyy", *two])
    assert groups(fuse([berlin, kremlin, kyiv], DOCS)) == {frozenset({"e1", "e2"}), frozenset({"e3"})}
    # The same length says it is one call, whoever else a report names.
    timed = [dict(berlin, duration_minutes=60), dict(kyiv, duration_minutes=60)]
    assert groups(fuse(timed, DOCS)) == {frozenset({"e1", "e3"})}


def test_agreements_of_the_same_parties_on_one_day_need_a_common_topic() -> None:
    loan = ev("e1", "kyiv-am", "agreement", parties=["GB", "UA"], topic="loan backed by frozen Russian assets")
    bare = ev("e2", "moscow", "agreement", parties=["GB", "UA"], topic=None)
    same = ev("e3", "kharkiv", "agreement", parties=["UA", "GB"], topic="loan backed by frozen assets")
    assert groups(fuse([loan, bare], DOCS)) == {frozenset({"e1"}), frozenset({"e2"})}
    assert groups(fuse([loan, same], DOCS)) == {frozenset({"e1", "e3"})}


def test_an_undated_event_counts_as_of_the_day_its_document_tells() -> None:
    docs = {**DOCS, "wire": {"id": "wire", "reference_date": "2025-02-13", "outlet": "Wire"}}
    # A morning wire on the night before: its wave dated that night, its Odesa-region damage undated.
    wave = ev("e1", "wire", date="2025-02-12", location=COUNTRY, weapons=drones(90, 42))
    region = ev("e2", "wire", date=None, location=ODESA_OBL, killed=7, weapons=[])
    # The next afternoon's missile on Odesa, told that day.
    odesa = ev("e3", "recap", date="2025-02-13", location=ODESA, killed=8, injured=18,
               weapons=drones(None, None, "ballistic_missile"))
    assert groups(fuse([wave, region, odesa], docs)) == {frozenset({"e1"}), frozenset({"e2"}), frozenset({"e3"})}
    # With no dated event of the day before, the undated one counts as of its document's day.
    assert groups(fuse([region, odesa], docs)) == {frozenset({"e2", "e3"})}


def test_a_city_that_is_its_own_region_lies_within_the_region_named_after_it() -> None:
    city = ev("e1", "moscow", date=None, location=MOSCOW, attacker="UA", weapons=drones(None, None, "drone"))
    region = ev("e2", "kyiv-am", location=MOSCOW_OBL, attacker="UA", killed=3, weapons=drones(None, None, "drone"))
    fused = fuse([city, region], DOCS)
    assert groups(fused) == {frozenset({"e1", "e2"})}
    assert "Moscow and the region around it" in fused[0]["fusion"]
    assert groups(fuse([dict(city, location=KYIV, attacker="RU"), dict(region, attacker="RU")], DOCS)) == {
        frozenset({"e1"}), frozenset({"e2"})}


def test_each_side_counts_its_own_released_in_one_days_exchange() -> None:
    def rel(n: int, by: str) -> list[dict]:
        return [{"name": None, "count": n, "released_by": by}]
    ua = ev("e1", "swap-a", "prisoner_exchange", "2025-05-23", released=rel(189, "RU"))
    ru = ev("e2", "kyiv-am", "prisoner_exchange", "2025-05-23", released=rel(150, "RU"))
    later = ev("e3", "swap-b", "prisoner_exchange", "2025-05-24", released=rel(303, "RU"))
    assert groups(fuse([ua, ru, later], DOCS)) == {frozenset({"e1", "e2"}), frozenset({"e3"})}


def test_a_pronoun_read_as_a_sanctions_target_is_no_country() -> None:
    council = ev("e1", "kyiv-am", "sanctions", imposer=["EU"], target=["RU"])
    moscow = ev("e2", "moscow", "sanctions", imposer=["EU"], target=["it"])
    assert groups(fuse([council, moscow], DOCS)) == {frozenset({"e1", "e2"})}


# ---------------------------------------------------------------------------------------------------
# The store: incremental fusion equals fusing everything at once, in any order and batches.


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Document, list[Event]]]:
    docs = [d for path in (FUSION_DOCS, BLIND_DOCS, BLIND2_DOCS) for d in read_documents(path)
            if isinstance(d, Document)]
    return [(d, extract_events(d)) for d in docs]


def _store_of(pairs: list[tuple[Document, list[Event]]], batch: int) -> Any:
    store = open_store(":memory:")
    for i in range(0, len(pairs), batch):
        for doc, events in pairs[i:i + batch]:
            store.add_document(doc, events)
        fuse_store(store)
    return store


def _dump(store: Any) -> str:
    return json.dumps(sorted(store.fused_events(), key=lambda r: r["id"]), sort_keys=True)


def test_store_fusion_in_batches_and_orders_equals_fusing_all(corpus: list[tuple[Document, list[Event]]]) -> None:
    whole = _store_of(corpus, len(corpus))
    want = _dump(whole)
    everything = fuse(whole.events(), {d["id"]: d for d in whole.documents()})
    assert json.dumps(sorted(everything, key=lambda r: r["id"]), sort_keys=True) == want
    # every event in exactly one fused event
    linked = [s["event_id"] for f in whole.fused_events() for s in f["sources"]]
    assert sorted(linked) == sorted(e["id"] for e in whole.events())
    for seed, batch in ((1, 9), (2, 1)):
        shuffled = corpus[:]
        random.Random(seed).shuffle(shuffled)
        other = _store_of(shuffled, batch)
        assert _dump(other) == want
        assert other.counts() == whole.counts()
    # Fusing again finds nothing to do and changes nothing.
    result = fuse_store(whole)
    assert result.new_events == 0 and _dump(whole) == want


def test_store_fusion_replaces_fused_events_and_their_findings(corpus: list[tuple[Document, list[Event]]]) -> None:
    by_id = {d.id: (d, e) for d, e in corpus}
    store = open_store(":memory:")
    for name in ("sumy-first", "sumy-evening"):
        store.add_document(*by_id[name])
    fuse_store(store)
    before = {f["id"] for f in store.fused_events("aerial_attack")}
    store.add_document(*by_id["sumy-final"])
    result = fuse_store(store)
    after = {f["id"] for f in store.fused_events("aerial_attack")}
    assert result.removed >= 1 and before - after
    joined = [f for f in store.fused_events("aerial_attack") if len(f["sources"]) == 3]
    assert len(joined) == 1
    assert all(store.fused_of(s["event_id"]) == joined[0]["id"] for s in joined[0]["sources"])
    gone = before - after
    assert not [f for f in store.findings() if f["subject_id"] in gone]


def test_store_fusion_on_postgresql_equals_sqlite(corpus: list[tuple[Document, list[Event]]], pg_url: str) -> None:
    """fuse_store's queries (windows on indexes, figures, links) through PostgreSQL give the same store."""
    url = pg_url
    pg = open_store(url)
    try:
        shuffled = corpus[:]
        random.Random(3).shuffle(shuffled)
        for i in range(0, len(shuffled), 20):
            for doc, events in shuffled[i:i + 20]:
                pg.add_document(doc, events)
            fuse_store(pg)
        assert _dump(pg) == _dump(_store_of(corpus, len(corpus)))
    finally:
        pg.close()


def test_a_new_night_with_the_same_tallies_takes_an_undated_report_back(tmp_path: Path) -> None:
    """Incremental fusion re-decides what new events make ambiguous: an undated wire copy joined the
    one night whose tallies it repeats; a second night with the same tallies arrives, and the copy
    stands alone again, as fusing everything at once would leave it."""
    import datetime as dt

    from sitrep.model import Location, Weapon

    def report(doc_id: str, day: str | None) -> tuple[Document, list[Event]]:
        ref = dt.date.fromisoformat(day) if day else None
        doc = Document(id=doc_id, text=f"{doc_id}: 38 drones launched, 26 shot down.", reference_date=ref)
        e = Event(document_id=doc_id, type="aerial_attack", evidence=[], date=day,
                  date_precision="day" if day else None, location=Location(country="UA", precision="country"),
                  attacker="RU", weapons=[Weapon("attack_drone", None, 38, 26, None)])
        return doc, [e]

    store = open_store(tmp_path / "nights.db")
    for doc, events in (report("night-a", "2023-09-26"), report("copy", None)):
        store.add_document(doc, events)
    fuse_store(store)
    assert sorted(len(f["sources"]) for f in store.fused_events()) == [2]
    store.add_document(*report("night-b", "2024-03-02"))
    result = fuse_store(store)
    assert result.removed == 1
    assert sorted(len(f["sources"]) for f in store.fused_events()) == [1, 1, 1]
    assert _dump(store) == json.dumps(sorted(fuse(store.events(), {d["id"]: d for d in store.documents()}),
                                             key=lambda r: r["id"]), sort_keys=True)


def test_store_places_an_undated_event_by_its_documents_other_events_as_fuse_does(tmp_path: Path) -> None:
    """An undated event counts as of the day before its document's where the document dates its other
    events of the type to that day. The store reads that day's events to know it, even where the walk
    brings the undated event into view from days later (the first day of what it reads), so that the
    next afternoon's strike in the same city does not take it, as fusing all at once would not."""
    import datetime as dt

    from sitrep.model import Location, Weapon

    odesa_obl = Location(name="Odesa Oblast", admin1="Odesa", country="UA", lat=46.73, lon=29.88, precision="admin1")
    odesa = Location(name="Odesa", admin1="Odesa", country="UA", lat=46.49, lon=30.74, precision="settlement")
    country = Location(country="UA", precision="country")

    def doc(doc_id: str, day: str, *events: tuple[str | None, Location, dict[str, Any]]) -> tuple[Document, list[Event]]:
        d = Document(id=doc_id, text=f"{doc_id}: a report.", reference_date=dt.date.fromisoformat(day))
        return d, [Event(document_id=doc_id, type="aerial_attack", evidence=[], date=when,
                         date_precision="day" if when else None, location=where, attacker="RU", **more)
                   for when, where, more in events]

    wire = doc("wire", "2024-11-18", ("2024-11-17", country, {"weapons": [Weapon("attack_drone", None, 90, 42, None)]}),
               (None, odesa_obl, {"killed": 7}))
    # Four days on (their walk reads from the wire's own day), and other months to keep the store big.
    later = [doc(f"later{n}", "2024-11-22", ("2024-11-22", odesa, {"killed": n})) for n in range(1, 5)]
    # The walk starts from the new event of the greatest id: a report of the strike whose id sorts
    # before a later one's, so that the later day is walked first.
    strike = next(s for s in (doc("strike", "2024-11-18", ("2024-11-18", odesa, {"killed": 8, "injured": n}))
                              for n in range(18, 60)) if s[1][0].id < max(e.id for _, [e] in later))
    filler = [doc(f"old{n}", f"2023-{n % 12 + 1:02d}-{n // 12 + 10}", (f"2023-{n % 12 + 1:02d}-{n // 12 + 10}", odesa, {}))
              for n in range(30)]
    store = open_store(tmp_path / "story.db")
    for d, events in [wire, *filler]:
        store.add_document(d, events)
    fuse_store(store)
    for d, events in [strike, *later]:
        store.add_document(d, events)
    fuse_store(store)
    assert not [f for f in store.fused_events() if {"wire", "strike"} <= {s["document_id"] for s in f["sources"]}]
    assert _dump(store) == json.dumps(sorted(fuse(store.events(), {d["id"]: d for d in store.documents()}),
                                             key=lambda r: r["id"]), sort_keys=True)
