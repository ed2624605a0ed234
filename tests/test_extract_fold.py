"""text.folded / text.lower_twin: a lower-cased scan finds exactly what the case-insensitive one finds."""
from __future__ import annotations

import re
import sys

import _sre
import pytest

from sitrep.extract import text as T


def _odd_characters() -> set[str]:
    """Characters whose case-insensitive match is not their str.lower(): sre's extra cases, and any
    character whose lower case is not the one-character lower case sre compares."""
    from re import _compiler  # the table CPython's sre builds case-insensitive patterns from

    odd = set()
    for k, v in _compiler._EXTRA_CASES.items():
        odd.update(chr(c) for c in (k, *v))
    for c in range(sys.maxunicode + 1):
        lo = chr(c).lower()
        if len(lo) != 1 or ord(lo) != _sre.unicode_tolower(c):
            odd.add(chr(c))
    return odd


def test_guard_covers_every_odd_character():
    missing = sorted(c for c in _odd_characters() if c not in ("i", "s") and T.folded(c) is not None)
    assert missing == []
    assert T.folded("Kyiv, İzmir") is None and T.folded("Kyiv said") == "kyiv said"
    assert T.folded("ΟΔΥΣΣΕΑΣ") is None  # the capital sigma lower-cases by its neighbours: a slice would differ


_RX = re.compile(r"\b(?:Russia|Kyiv)\s+(?P<v>launched|struck)\b|(?<![\w-])Kh-\d+|[A-Z]\w+\s+(?:said|says)", re.I)


@pytest.mark.parametrize("text", [
    "RUSSIA LAUNCHED 40 drones; Kyiv struck back, the ministry Said.",
    "A Kh-101 and a KH-59 hit Odesa, Governor Kiper says",
    "Ukraine's air force said: Kyiv STRUCK nothing.",
    "Kyiv struck the Kelvin-sign word \u212aharkiv, officials said",
])
def test_twin_finds_the_same_matches(text):
    low = T.folded(text)
    assert low is not None and len(low) == len(text)
    twin = T.lower_twin(_RX)
    assert [(m.span(), m.lastgroup) for m in _RX.finditer(text)] == [(m.span(), m.lastgroup) for m in twin.finditer(low)]


def test_twin_refuses_what_it_cannot_mirror():
    with pytest.raises(ValueError):
        T.lower_twin(re.compile(r"said(?-i:[A-Z])", re.I))
    with pytest.raises(ValueError):
        T.lower_twin(re.compile(r"said"))
    assert T.lower_twin(re.compile(r"(?P<Who>[A-Z]\w+)\s+SAID\b", re.I)).pattern == r"(?P<Who>[a-z]\w+)\s+said\b"


def _sentences() -> list[str]:
    """Sentences of the dev set and the held-out sets: real news, read at test time."""
    from pathlib import Path

    from sitrep.extract.text import split_sentences

    root = Path(__file__).resolve().parent
    folders = [root.parent.parent / "shared" / "eval" / "dev", root / "heldout" / "gold", root / "challenge" / "gold"]
    return [s.text for d in folders if d.is_dir() for f in sorted(d.glob("*.txt"))
            for s in split_sentences(f.read_text(encoding="utf-8"))]


def test_contact_mode_words_never_skip_a_match():
    from sitrep.extract import contacts

    sentences = _sentences()
    assert len(sentences) > 500
    for t in sentences:
        low = T.folded(t)
        for mode, rx in contacts._MODES:
            m = rx.search(t)
            assert (m is None) == (contacts._mode_search(mode, rx, t, low) is None), (mode, t)
