"""A cheap language guess: enough to tell English from Cyrillic-script and other European texts."""
from __future__ import annotations

import re
from collections import Counter

# The commonest short words of each language; their share among a text's words identifies it.
_STOPWORDS = {
    "en": frozenset("the of and to in a is that for on was with said by as it from at are has have were be his "
                    "its an this which not after they but had their been will who".split()),
    "de": frozenset("der die das und ist nicht mit den von zu im auf ein eine sich des dem für wurde auch".split()),
    "fr": frozenset("le la les et des est une un du dans pour qui que sur pas au par avec il ont été".split()),
    "es": frozenset("el la los las y de que en un una es por con para del se al fue su sus".split()),
    "it": frozenset("il di che la e le un una per non sono del della con si gli è ha nel".split()),
    "pl": frozenset("i w na nie z się do to że jest o jak po przez od za ale".split()),
    "pt": frozenset("o a os as e de que em um uma do da para com não por foi se".split()),
    "nl": frozenset("de het een en van is dat op in te niet met zijn voor er werd".split()),
}
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = frozenset("ыэъёЫЭЪЁ")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UKRAINIAN = re.compile(f"[{''.join(sorted(_UKRAINIAN_LETTERS))}]")
_RUSSIAN = re.compile(f"[{''.join(sorted(_RUSSIAN_LETTERS))}]")
_SAMPLE = 6000


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language: "en", "uk", "ru", "de", …; "und" where unclear.

    >>> guess_language("Russia launched 40 drones at Ukraine overnight, the air force said.")
    'en'
    >>> guess_language("Уночі росіяни атакували Україну дронами, повідомили у Повітряних силах.")
    'uk'
    """
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample)
    if not words:
        return "und"
    letters = "".join(words)
    cyrillic = len(_CYRILLIC.findall(letters))
    if cyrillic > 0.5 * len(letters):
        uk = len(_UKRAINIAN.findall(sample))
        ru = len(_RUSSIAN.findall(sample))
        return "uk" if uk >= ru and uk > 0 else "ru" if ru > 0 else "uk" if uk else "ru"
    # each distinct word looked up once in each list, weighted by how often it occurs
    counts = Counter(map(str.lower, words))
    shares = {lang: sum(n for w, n in counts.items() if w in stop) / len(words) for lang, stop in _STOPWORDS.items()}
    best = max(shares, key=lambda lang: shares[lang])
    if shares[best] >= 0.08 and (best == "en" or shares[best] > 1.5 * shares["en"]):
        return best
    if len(words) < 12:  # a headline or a few words: too little to tell; most input is English
        return "en"
    return "und"
