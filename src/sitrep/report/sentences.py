"""Fused events in words: the sentences, places, figures and dates the brief writes.

Kept apart from :mod:`sitrep.report.brief` (which reads the store and lays out the page) so
that other reports can say an event the same way.

>>> sentence({"type": "diplomatic_contact", "mode": "call", "status": "held",
...           "participants": ["Donald Trump", "Vladimir Putin"], "duration_minutes": 60})
'Donald Trump and Vladimir Putin held a call (60 minutes).'
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.normalize.countries import country_name

__all__ = [
    "VIOLENT_TYPES", "and_list", "field_label", "long_date", "money", "number", "party_name", "place_name",
    "sentence", "short_date", "value_text", "weapon_label",
]

# Types that kill and injure: their figures go to the casualty table.
VIOLENT_TYPES = ("aerial_attack", "shelling", "ground_combat", "attack")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Weapon categories as a reader says them (singular, plural).
_WEAPON_WORDS = {
    "ballistic_missile": ("ballistic missile", "ballistic missiles"),
    "cruise_missile": ("cruise missile", "cruise missiles"),
    "hypersonic_missile": ("hypersonic missile", "hypersonic missiles"),
    "guided_missile": ("guided missile", "guided missiles"),
    "missile": ("missile", "missiles"),
    "attack_drone": ("attack drone", "attack drones"),
    "decoy_drone": ("decoy drone", "decoy drones"),
    "drone": ("drone", "drones"),
    "guided_bomb": ("guided bomb", "guided bombs"),
    "aircraft": ("aircraft", "aircraft"),
}
_TAG_WORDS = {
    "civilians": "civilians hit", "children": "children among the victims", "residential": "homes hit",
    "energy_infrastructure": "energy infrastructure hit", "nuclear_site": "at a nuclear site",
    "cross_border": "across the border", "military_target": "military target",
}
_STANCE_VERBS = {
    "propose": "proposed", "reject": "rejected", "condemn": "condemned", "demand": "demanded",
    "assess": "assessed", "confirm": "confirmed", "deny": "denied", "accuse": "accused",
    "threaten": "threatened", "agree": "agreed", "other": "said",
}
_MODE_WORDS = {"call": "a call", "meeting": "a meeting", "visit": "a visit", "talks": "talks"}
_CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}


def long_date(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def party_name(value: Any) -> str:
    """A party as a reader names it: ISO codes become country names (``RU`` -> ``Russia``)."""
    text = str(value)
    if len(text) == 2 and text.isupper():
        return country_name(text) or text
    return text


def and_list(names: Iterable[Any]) -> str:
    words = [party_name(n) for n in names if n]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def number(n: Any) -> str:
    if isinstance(n, bool) or not isinstance(n, (int, float)):
        return str(n)
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,}"
    return f"{int(n):,}"


def money(value: Any, currency: str | None) -> str:
    """``150000000, "GBP"`` -> ``£150 million``; small sums in full (``€5,000``)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return f"{value} {currency or ''}".strip()
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= size:
            figure = f"{v / size:,.2f}".rstrip("0").rstrip(".")
            break
    else:
        figure, word = number(int(v) if v.is_integer() else v), ""
    amount = f"{figure} {word}".strip()
    sign = _CURRENCY_SIGNS.get(currency or "")
    return f"{sign}{amount}" if sign else f"{amount} {currency or ''}".strip()


def place_name(loc: Mapping[str, Any] | None) -> str | None:
    """``Kyiv, Ukraine``; ``Enerhodar, Zaporizhzhia, Ukraine``; a country-wide event: its country."""
    if not loc:
        return None
    name, admin1, code = loc.get("name"), loc.get("admin1"), loc.get("country")
    country = party_name(code) if code else None
    if not name:
        return admin1 or country
    if loc.get("precision") == "country":
        return name
    parts = [name]
    if admin1 and not (admin1.startswith(name) or name.startswith(admin1)):
        parts.append(admin1)
    if country and country not in parts:
        parts.append(country)
    return ", ".join(parts)


def weapon_label(w: Mapping[str, Any], plural: bool = True) -> str:
    one, many = _WEAPON_WORDS.get(str(w.get("category")), (str(w.get("category") or "weapon"),) * 2)
    label = many if plural else one
    return f"{label} ({w['model']})" if w.get("model") else label


def _weapon_phrase(w: Mapping[str, Any]) -> str:
    launched = w.get("launched")
    head = f"{number(launched)} {weapon_label(w, launched != 1)}" if launched is not None else weapon_label(w)
    figures = []
    if w.get("intercepted") is not None:
        figures.append(f"{number(w['intercepted'])} intercepted")
    if w.get("suppressed") is not None:
        figures.append(f"{number(w['suppressed'])} lost to electronic warfare")
    return f"{head} ({', '.join(figures)})" if figures else head


def _harm(ev: Mapping[str, Any]) -> str:
    parts = []
    if ev.get("killed") is not None:
        parts.append(f"{number(ev['killed'])} killed")
    if ev.get("injured") is not None:
        parts.append(f"{number(ev['injured'])} injured")
    tags = [_TAG_WORDS.get(t, str(t).replace("_", " ")) for t in ev.get("tags") or []]
    out = ", ".join(parts)
    if tags:
        out = f"{out}; {', '.join(tags)}" if out else ", ".join(tags)
    return out


def _violence(ev: Mapping[str, Any]) -> str:
    kind, place = ev["type"], place_name(ev.get("location"))
    attacker = party_name(ev["attacker"]) if ev.get("attacker") else None
    if kind == "aerial_attack":
        weapons = [_weapon_phrase(w) for w in ev.get("weapons") or []]
        if attacker:
            head = f"{attacker} struck {place}" if place else f"{attacker} launched an air attack"
        else:
            head = f"Air attack on {place}" if place else "Air attack"
        if weapons:
            head += " with " + (", ".join(weapons[:-1]) + " and " + weapons[-1] if len(weapons) > 1 else weapons[0])
    elif kind == "shelling":
        if attacker:
            head = f"{attacker} shelled {place}" if place else f"Shelling by {attacker}"
        else:
            head = f"Shelling of {place}" if place else "Shelling"
    elif kind == "ground_combat":
        head = f"Ground fighting at {place}" if place else "Ground fighting"
        if attacker:
            head += f", {attacker} attacking"
    else:
        head = f"Attack at {place}" if place else "Attack"
        if attacker:
            head += f" by {attacker}"
    harm = _harm(ev)
    return f"{head}: {harm}" if harm else head


def sentence(ev: Mapping[str, Any]) -> str:
    """A readable sentence from a (fused or per-document) event's fields: who, what, where, figures.

    >>> sentence({"type": "aid_pledge", "donor": "GB", "recipient": "UA", "aid_kind": "military",
    ...           "amount": {"value": 150000000, "currency": "GBP"}, "amount_usd": 186600000})
    'United Kingdom pledged military aid to Ukraine: £150 million ($186.6 million).'
    """
    kind = ev.get("type")
    place = place_name(ev.get("location"))
    if kind in VIOLENT_TYPES:
        text = _violence(ev)
    elif kind == "territory_change":
        where = place or "a settlement"
        text = f"{where} taken by {party_name(ev['taken_by'])}" if ev.get("taken_by") else f"Control of {where} changed"
    elif kind == "arrest":
        text = f"{party_name(ev.get('authority') or 'The authorities')} detained {ev.get('detainee') or 'a suspect'}"
        if place:
            text += f" in {place}"
        if ev.get("charge"):
            text += f" on a charge of {ev['charge']}"
        if ev.get("accused_of_working_for"):
            text += f", accused of working for {party_name(ev['accused_of_working_for'])}"
    elif kind == "prisoner_exchange":
        parties = and_list(ev.get("parties") or [])
        text = f"Prisoner exchange between {parties}" if parties else "Prisoner exchange"
        releases = []
        for r in ev.get("released") or []:
            who = r.get("name") or (f"{number(r['count'])} prisoners" if r.get("count") is not None else "prisoners")
            if r.get("name") and r.get("count") is not None:
                who = f"{r['name']} ({number(r['count'])})"
            by = r.get("released_by")
            releases.append(f"{party_name(by)} released {who}" if by else f"{who} released")
        if releases:
            text += ": " + "; ".join(releases)
    elif kind == "aid_pledge":
        kind_word = f"{ev['aid_kind']} aid" if ev.get("aid_kind") else "aid"
        text = f"{party_name(ev.get('donor') or 'A donor')} pledged {kind_word}"
        if ev.get("recipient"):
            text += f" to {party_name(ev['recipient'])}"
        amount = ev.get("amount") or {}
        figures = []
        if amount.get("value") is not None:
            figures.append(money(amount["value"], amount.get("currency")))
        if ev.get("amount_usd") is not None and amount.get("currency") != "USD":
            usd = money(ev["amount_usd"], "USD")
            figures.append(f"({usd})" if figures else usd)
        if figures:
            text += ": " + " ".join(figures)
        if ev.get("items"):
            text += "; items: " + ", ".join(str(i) for i in ev["items"])
    elif kind == "sanctions":
        text = f"Sanctions by {and_list(ev.get('imposer') or []) or 'unnamed imposers'}"
        if ev.get("target"):
            text += f" on {and_list(ev['target'])}"
    elif kind == "diplomatic_contact":
        who = and_list(ev.get("participants") or []) or "Unnamed parties"
        what = _MODE_WORDS.get(str(ev.get("mode")), "a contact")
        verb = "planned" if ev.get("status") == "planned" else "held"
        text = f"{who} {verb} {what}"
        if place:
            text += f" in {place}"
        if ev.get("duration_minutes") is not None:
            text += f" ({number(ev['duration_minutes'])} minutes)"
        if ev.get("mediator"):
            text += f", mediated by {party_name(ev['mediator'])}"
    elif kind == "statement":
        text = f"{party_name(ev.get('speaker') or 'A speaker')} {_STANCE_VERBS.get(str(ev.get('stance')), 'said')}"
        if ev.get("topic"):
            text += f": {ev['topic']}"
        if ev.get("quote"):
            text += f" — “{ev['quote']}”"
        if place:
            text += f" ({place})"
    elif kind == "agreement":
        text = f"{and_list(ev.get('parties') or []) or 'Unnamed parties'} signed an agreement"
        if ev.get("topic"):
            text += f" on {ev['topic']}"
    else:
        text = f"{str(kind).replace('_', ' ').capitalize()}" + (f" in {place}" if place else "")
    return text.rstrip(".") + "."


def field_label(field: str) -> str:
    """``weapons.attack_drone.intercepted`` -> ``attack drones intercepted``."""
    parts = field.split(".")
    if parts[0] == "weapons" and len(parts) == 3:
        return f"{_WEAPON_WORDS.get(parts[1], (parts[1].replace('_', ' '),) * 2)[1]} {parts[2]}"
    return " ".join(p.replace("_", " ") for p in parts)


def value_text(value: Any) -> str:
    if value is None:
        return "not said"
    if isinstance(value, Mapping):
        if "name" in value or "country" in value:
            return place_name(value) or "not said"
        if "value" in value and "currency" in value:
            return money(value["value"], value["currency"])
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value) or "none"
    if isinstance(value, str) and len(value) == 2 and value.isupper():
        return party_name(value)
    return number(value)
