"""Money figures in text (fixtures written for these tests)."""
from sitrep.normalize.money import find_money, paired_usd


def test_symbols_scales_and_words():
    got = [(m.value, m.currency) for m in find_money("a $61bn bill, €2.5 billion, 300 million euros and £40m")]
    assert got == [(61e9, "USD"), (2.5e9, "EUR"), (300e6, "EUR"), (40e6, "GBP")]


def test_offsets_cover_the_figure():
    text = "It pledged $125 million on Friday."
    (m,) = find_money(text)
    assert text[m.start:m.end] == "$125 million"


def test_dollar_figure_beside_another_currency():
    text = "a package worth £150 million ($186.6 million)"
    first = find_money(text)[0]
    assert paired_usd(text, first) == 186.6e6
    assert paired_usd("a package worth £150 million for Kyiv", find_money("a package worth £150 million for Kyiv")[0]) is None


def test_counts_are_not_money():
    assert find_money("14 tanks and 3 million shells") == []


def test_currency_named_with_its_country():
    from sitrep.normalize.money import find_money
    assert [(m.value, m.currency) for m in find_money("a 7.1 billion Swedish kronor package")] == [(7.1e9, "SEK")]
    assert [(m.value, m.currency) for m in find_money("2 billion Norwegian kroner and 300 million Danish kroner")] == \
        [(2e9, "NOK"), (3e8, "DKK")]
