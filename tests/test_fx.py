import datetime as dt

from sitrep.normalize.fx import to_usd, usd_rate


def test_pounds_at_the_rate_of_the_day():
    c = to_usd(150_000_000, "GBP", dt.date(2025, 2, 12))
    assert abs(c.value - 186_600_000) < 0.005 * 186_600_000  # the figure reporters gave that day
    assert c.rate_date == dt.date(2025, 2, 12) and c.currency == "GBP"


def test_a_weekend_takes_the_last_working_days_rate_and_says_so():
    saturday = dt.date(2025, 2, 15)
    rate, day = usd_rate("EUR", saturday)
    assert day == dt.date(2025, 2, 14)
    assert rate == usd_rate("EUR", day)[0]


def test_dollars_stay_dollars():
    c = to_usd(61e9, "usd", dt.date(2024, 4, 24))
    assert c.value == 61e9 and c.rate == 1.0


def test_no_date_or_no_rate_is_no_conversion():
    assert to_usd(1e6, "GBP", None) is None
    assert to_usd(1e6, "XYZ", dt.date(2024, 1, 5)) is None
    assert to_usd(1e6, "RUB", dt.date(2024, 1, 5)) is None  # the ECB stopped publishing the rouble in 2022


def test_extraction_adds_the_conversion_beside_the_stated_amount():
    from sitrep.extract import extract_events
    from sitrep.model import Document, event_to_contract

    text = "Britain pledged a new £150 million military aid package for Ukraine on Wednesday."
    doc = Document("d", text, reference_date=dt.date(2025, 2, 12))
    aid = [e for e in extract_events(doc) if e.type == "aid_pledge"]
    assert aid, "the pledge is extracted"
    out = event_to_contract(aid[0])
    assert out["amount_usd"] is None  # the text states no dollar figure
    conv = out["amount_usd_converted"]
    assert conv["currency"] == "GBP" and conv["rate_date"] == "2025-02-12"
    assert abs(conv["value"] - 186.6e6) < 0.01 * 186.6e6
    assert "amount_usd_converted" in aid[0].provenance
