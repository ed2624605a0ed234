"""Money figures in text: "£150 million ($186.6 million)", "$61bn", "€5 billion", "2.5 billion euros"."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Money", "find_money"]

_SYMBOL = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR",
           "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD", "¥": "JPY", "jpy": "JPY", "₴": "UAH", "uah": "UAH",
           "chf": "CHF", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN", "rub": "RUB"}
_WORD = {"canadian dollars": "CAD", "australian dollars": "AUD", "dollar": "USD", "dollars": "USD", "us dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
         "pounds": "GBP", "pounds sterling": "GBP", "hryvnia": "UAH", "hryvnias": "UAH", "hryvnas": "UAH",
         "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "yen": "JPY", "kroner": "NOK",
         "kronor": "SEK", "zloty": "PLN", "swiss francs": "CHF", "francs": "CHF",
         "swedish kronor": "SEK", "swedish crowns": "SEK", "norwegian kroner": "NOK", "norwegian crowns": "NOK",
         "danish kroner": "DKK", "danish crowns": "DKK", "zlotys": "PLN", "polish zlotys": "PLN", "yuan": "CNY"}
_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mln": 1e6, "m": 1e6,
          "mn": 1e6, "thousand": 1e3, "k": 1e3}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SC = r"trillion|billion|million|thousand|bn|tn|mln|mn|m|b|k"
_BEFORE = re.compile(rf"(?P<cur>US\$|C\$|A\$|[$£€¥₴]|\b(?:USD|EUR|GBP|UAH|CAD|AUD|JPY|CHF|SEK|NOK|DKK|PLN|RUB)\b)\s?"
                     rf"(?P<num>{_NUM})(?:\s?(?P<scale>{_SC})\b)?", re.I)
_AFTER = re.compile(rf"\b(?P<num>{_NUM})(?:\s?(?P<scale>{_SC})\b)?\s+(?P<cur>{'|'.join(sorted(_WORD, key=len, reverse=True))}"
                    r"|USD|EUR|GBP|UAH)\b", re.I)


@dataclass(frozen=True, slots=True)
class Money:
    """A sum of money at ``[start, end)`` of the text searched."""

    start: int
    end: int
    value: float
    currency: str


def _value(num: str, scale: str | None) -> float:
    return float(num.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)


# Every figure has a digit: a text without one (half the sentences asked about) has no sum of money.
_DIGIT = re.compile(r"\d")


def find_money(text: str) -> list[Money]:
    """Every sum of money in ``text``, in order.

    >>> [(m.value, m.currency) for m in find_money("£150 million ($186.6 million)")]
    [(150000000.0, 'GBP'), (186600000.0, 'USD')]
    """
    return list(_money_in(text))


# Several extractors ask about the same sentence: the answer depends on the text alone, so it is kept
# per text (callers get a fresh list of the frozen Money items).
@functools.lru_cache(maxsize=1024)
def _money_in(text: str) -> tuple[Money, ...]:
    if _DIGIT.search(text) is None:
        return ()
    found: list[Money] = []
    for m in _BEFORE.finditer(text):
        cur = m.group("cur").lower()
        found.append(Money(m.start(), m.end(), _value(m.group("num"), m.group("scale")), _SYMBOL.get(cur, cur.upper())))
    for m in _AFTER.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        cur = m.group("cur").lower()
        found.append(Money(m.start(), m.end(), _value(m.group("num"), m.group("scale")), _WORD.get(cur, cur.upper())))
    found.sort(key=lambda x: x.start)
    return tuple(found)


def paired_usd(text: str, money: Money) -> float | None:
    """The dollar figure the text gives beside a sum in another currency: "£150 million ($186.6 million)"."""
    if money.currency == "USD":
        return money.value
    tail = text[money.end:money.end + 40]
    m = re.match(r"\s*[(\[,]\s*(?:about|around|roughly|some|approximately|nearly|~)?\s*", tail)
    if not m:
        return None
    for other in find_money(tail[m.end():]):
        if other.start == 0 and other.currency == "USD":
            return other.value
    return None
