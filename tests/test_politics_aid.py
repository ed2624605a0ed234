"""Aid: the sum for Ukraine, loans, export finance, items bought, a second pledge, no donor from a dateline."""
from __future__ import annotations

from sitrep.extract import extract_events
from sitrep.model import Document


def _aid(text: str):
    return [e for e in extract_events(Document("t", text)) if e.type == "aid_pledge"]


def test_the_sum_for_ukraine_out_of_a_larger_bill():
    got = _aid("President Joe Biden signed a $40 billion foreign aid package, including about $12 billion for Ukraine.")
    assert got and got[0].amount.value == 12e9 and got[0].donor == "US"


def test_export_finance_with_items_bought():
    got = _aid("Britain will allow Ukraine to use £900 million ($1.1 billion) of export finance to buy 3,000 air defence missiles.")
    assert got and got[0].donor == "GB" and got[0].amount.value == 9e8 and got[0].amount_usd == 1.1e9
    assert got[0].items == ["air defence missiles"]


def test_a_second_sum_is_a_second_pledge_by_the_same_donor():
    got = _aid("Germany pledged €500 million in military aid to Ukraine. "
               "The pledge comes on top of a €1.2 billion loan to Ukraine, signed last month.")
    assert [(e.donor, e.amount.value) for e in got] == [("DE", 5e8), ("DE", 1.2e9)]
    assert got[1].aid_kind == "financial"


def test_same_donor_two_packages():
    got = _aid("The United States announced $300 million in aid for Ukraine. "
               "Later, the Pentagon announced a further package for Ukraine worth $200 million.")
    assert sorted(e.amount.value for e in got) == [2e8, 3e8]


def test_a_dateline_country_is_not_a_donor():
    got = _aid("RIYADH, Saudi Arabia (Wire) — Kyiv said it would accept the truce, and the United States agreed to "
               "resume security assistance to Kyiv.")
    assert [e.donor for e in got] == ["US"]


def test_a_money_sum_is_not_an_item():
    got = _aid("The Pentagon announced a $2 billion aid package, including $500 million for air defence.")
    assert got and all("$" not in i for i in got[0].items)


def test_a_host_is_not_a_donor():
    assert [e.donor for e in _aid("In talks hosted by Saudi Arabia, the United States agreed to resume military aid to Ukraine.")] == ["US"]
    assert [e.donor for e in _aid("Saudi Arabia hosted the meeting, and the United States agreed to resume security assistance to Kyiv.")] == ["US"]
    assert [e.donor for e in _aid("Saudi Arabia pledged $400 million in humanitarian aid to Ukraine.")] == ["SA"]


def test_background_words_give_no_kind():
    got = _aid("Joe Biden signed a $40 billion aid package, including $10 billion for Ukraine, "
               "ending a deadlock that had starved Kyiv's army of ammunition.")
    assert got and got[0].aid_kind is None


def test_two_givers_in_one_sentence_are_two_pledges():
    got = _aid("Sweden pledged 2 billion kronor in military aid, while Finland announced a package worth 100 million "
               "euros, including artillery shells.")
    assert [(e.donor, e.amount.currency, e.aid_kind) for e in got] == [("SE", "SEK", "military"), ("FI", "EUR", "military")]


def test_a_summit_named_first_is_not_the_giver():
    got = _aid("Ahead of the EU summit in Brussels, Denmark said it would send more artillery shells to Ukraine.")
    assert [e.donor for e in got] == ["DK"]


def test_sanctions_in_a_later_clause_leave_the_pledge():
    got = _aid("Joe Biden announced $300 million in military aid for Ukraine, and said new sanctions on Moscow would follow.")
    assert [(e.donor, e.amount_usd) for e in got] == [("US", 300000000)]


def test_an_attribution_ends_the_item_list():
    got = _aid("The US announced a $200m package of military aid for Ukraine, including mortars and radars, the Pentagon said.")
    assert got[0].items == ["mortars", "radars"]


def test_pledges_named_by_the_weapon_alone():
    assert [(e.donor, e.aid_kind) for e in _aid("Oslo said it would deliver 2,000 loitering munitions to Ukraine.")] == [("NO", "military")]
    assert [(e.donor, e.aid_kind) for e in _aid("Portugal said it had given Ukraine its old howitzers.")] == [("PT", "military")]


def test_resumed_aid_is_a_pledge():
    got = _aid("After the talks, Washington said it would resume military aid to Kyiv.")
    assert [(e.donor, e.aid_kind) for e in got] == [("US", "military")]


def test_the_place_of_a_visit_is_the_one_after_it():
    got = _aid("Britain approved the transfer of more mortars to Ukraine, its defence minister said during a visit to Poland.")
    assert [(e.donor, e.location.country if e.location else None) for e in got] == [("GB", "PL")]


def test_an_offer_of_emergency_supplies_is_aid_not_a_proposal():
    doc = "Japan said it was ready to send emergency supplies to the flooded towns, with generators due next week."
    got = extract_events(Document("t", doc))
    assert [(e.type, e.donor, e.aid_kind) for e in got if e.type in ("aid_pledge", "statement")] == [
        ("aid_pledge", "JP", "humanitarian")]


def test_a_named_system_handed_over_is_military_aid():
    assert [(e.donor, e.aid_kind) for e in _aid("Germany has handed over a fifth IRIS-T system to Ukraine.")] == [("DE", "military")]


def test_committed_and_financed_sums_are_pledges():
    assert [e.donor for e in _aid("The Netherlands committed 400 million euros to a fund for Ukrainian drones.")] == ["NL"]
    assert [e.donor for e in _aid("Sweden will finance 100 million euros of shells for Ukraine.")] == ["SE"]


def test_being_committed_to_support_is_no_pledge():
    assert _aid("Annalena Baerbock said Berlin was committed to its support for Ukraine despite a 2 billion euro cut.") == []


def test_aid_ukraine_will_receive_names_its_donor_by_the_adjective():
    import datetime as dt
    doc = Document("t", "After a long stalemate, Ukraine will receive some $8 billion in Canadian support under the law passed "
                        "on Thursday.", reference_date=dt.date(2024, 3, 9))
    got = [e for e in extract_events(doc) if e.type == "aid_pledge"]
    assert [(e.donor, e.amount.value, e.date) for e in got] == [("CA", 8e9, "2024-03-07")]


def test_a_headline_pledge_takes_the_day_the_body_gives():
    import datetime as dt
    doc = Document("t", "Norway unveils record package for Ukraine, worth 7 billion crowns\n\n"
                        "Norway will send Ukraine air defence systems worth 7 billion crowns, the government in Oslo said on "
                        "Tuesday.", reference_date=dt.date(2024, 2, 14))
    got = [e for e in extract_events(doc) if e.type == "aid_pledge"]
    assert [(e.donor, e.date) for e in got] == [("NO", "2024-02-13")]


def test_the_attacker_sending_drones_gives_no_aid():
    assert _aid("Air Force: Russia sent almost 400 drones and 20 missiles overnight, Lviv the main target") == []
    assert _aid("Russia sent 300 drones at Ukrainian cities, the military said.") == []


def test_the_state_an_aid_package_is_named_after_gives_it():
    got = _aid("Kyiv welcomed the $3 billion in Dutch military aid announced on Friday.")
    assert [(e.donor, e.amount.value) for e in got] == [("NL", 3e9)]


def test_a_share_of_an_old_package_is_no_new_pledge():
    got = _aid("Canada signed a C$1 billion loan to Ukraine on Friday. The loan is Canada's part of a $40 billion "
               "allied facility agreed in June 2024.")
    assert len(got) == 1
