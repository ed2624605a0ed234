"""The outlet a plain text names for itself: a dateline "(Reuters)", "(MENAFN- UkrinForm)",
"Ukrinform reports." A citation ("according to Ukrinform") is not its outlet."""
from __future__ import annotations

import re

# (pattern, outlet); the first to match in the text wins. Datelines and sign-offs only.
_MARKERS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, f), name) for p, f, name in [
    (r"\(MENAFN\s*-\s*Ukrinform\)", re.I, "Ukrinform"),
    (r"\(Ukrinform\)|(?<!according to )(?<!to )\bUkrinform reports\b", re.I, "Ukrinform"),
    (r"\(Reuters\)|^Reuters\s*\||\((?:Reporting|Writing) by [^)]*\)", re.M, "Reuters"),
    (r"\((?:AP|The Associated Press)\)\s*[—–-]", 0, "Associated Press"),
    (r"\(AFP\)|^AFP\s+(?:Published|Updated)\b", re.M, "AFP"),
    (r"\b(?:writes|reports)\s+UNN\b|\bUNN reports\b", 0, "UNN"),
    (r"\breported by Censor\.NET\b", 0, "Censor.NET"),
    (r"\(Interfax-Ukraine\)", 0, "Interfax-Ukraine"),
    (r"\(Interfax\)", 0, "Interfax"),
    (r"\(UNIAN\)|\bUNIAN reports\b", 0, "UNIAN"),
    (r"\(Bloomberg\)\s*[—–-]", 0, "Bloomberg"),
    (r"\(dpa\)", 0, "dpa"),
    (r"\bUkrainska Pravda reports\b|^Support Ukrainska Pravda\b", re.M, "Ukrainska Pravda"),
    (r"^Support The Moscow Times!?$", re.M, "The Moscow Times"),
    (r"^Read the original article on (?P<name>[A-Z][\w .'’-]{1,60}?)\.?$", re.M, ""),
    # any other dateline naming its source: "KYIV, Friday, Feb. 14 (Kyiv Desk) —"
    (r"\A\s*(?:date\s+[\d-]+\s+)?[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Za-z.'’ -]{1,30}){0,3}(?:,?\s+\d{1,2}|,?\s+(?:19|20)\d\d)*"
     r"\s*\((?P<name>[A-Z][\w .&'’-]{1,40})\)\s*[—–-]", 0, ""),
]]


def outlet_in_text(text: str) -> str | None:
    """The outlet that ``text`` plainly names as its own, or None.

    >>> outlet_in_text("KYIV, May 3 (Reuters) - Drones struck the port.")
    'Reuters'
    """
    for pattern, name in _MARKERS:
        m = pattern.search(text)
        if m:
            return name or m.group("name").strip()
    return None
