"""Text primitives every extractor shares: sentences with offsets, and numbers in words or digits."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.model import Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document, with its offsets into the document text."""

    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def sub(self, start: int, end: int) -> Span:
        """Span of ``self.text[start:end]`` in document coordinates."""
        return Span(self.start + start, self.start + end)


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {"u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
           "st", "no", "vs", "e.g", "i.e", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "approx",
           "gov", "sen", "rep", "prof", "inc", "corp", "co", "ltd", "jr", "sr", "adm", "brig", "a.m", "p.m",
           "d.c", "u.s.a", "e.u", "fig", "est", "dept", "min", "max"}
_BOUNDARY = re.compile(r"""[.!?]+["”’')\]]*(?=\s+["“‘(\[]?[A-Z0-9•\-–—])|\n\s*\n|\n(?=\s*(?:[-•*–—]|\d{1,2}[.:)]\s|[A-Z“"]))""")


_WORD_BEFORE = re.compile(r"[\w.]+$")
_INITIAL = re.compile(r"[A-Z]")


def split_sentences(text: str, skip: tuple[Span, ...] = ()) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets; spans in ``skip`` (boilerplate) are cut out.

    >>> [s.text for s in split_sentences("Kyiv was hit. Two died.\\nMore later.")]
    ['Kyiv was hit.', 'Two died.', 'More later.']
    """
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group(0).strip() else m.start()
        if m.group(0).startswith("."):
            # The word before the full stop, read from a short window: abbreviations are short, and a
            # longer word cut by the window is neither one of them nor a single capital.
            word = _WORD_BEFORE.search(text, max(pos, m.start() - 12), m.start())
            if word and (word.group(0).lower() in _ABBREV or _INITIAL.fullmatch(word.group(0))):
                continue
        _add(text, pos, end, out)
        pos = m.end()
    _add(text, pos, len(text), out)
    if skip:
        out = [piece for s in out for piece in _cut(text, s, skip)]
    return out


def _cut(text: str, s: Sentence, skip: tuple[Span, ...]) -> list[Sentence]:
    """What is left of a sentence once the boilerplate inside it is cut away.

    A page-date line or a credit can share a line with the lead sentence; the sentence stays.
    """
    pieces = [(s.start, s.end)]
    for b in skip:
        if b.start >= s.end or b.end <= s.start:
            continue
        pieces = [p for a, z in pieces for p in ((a, min(z, b.start)), (max(a, b.end), z)) if p[0] < p[1]]
    out: list[Sentence] = []
    for a, z in pieces:
        if (a, z) == (s.start, s.end):
            out.append(s)
        elif len(text[a:z].strip()) >= 20:  # a scrap of a few characters is not a sentence
            _add(text, a, z, out)
    return out


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        s = start + lead
        out.append(Sentence(s, s + len(chunk), chunk))


# Case folding for speed. A case-insensitive scan is several times slower than a case-sensitive one;
# over a lower-cased copy of the text, the case-sensitive twin of the pattern finds the very same matches
# at the same offsets, except where the text holds a character that re.IGNORECASE pairs with a letter
# other than its lower case ("ı" and "ſ" with "i" and "s", "ς" with "σ") or that lower-cases to two
# characters ("İ"), or whose lower case depends on its neighbours ("Σ"): the characters of CPython's sre extra
# case table and the capital sigma, checked by tests/test_extract_fold.py.
_CASE_ODD = re.compile("[\u00b5\u0130\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1"
                       "\u03a3\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441\u0442"
                       "\u044a\u0463\u1c80-\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06]")


def folded(text: str) -> str | None:
    """``text.lower()``, over which a :func:`lower_twin` finds what its pattern finds over ``text``
    (same matches, same offsets); None where the text holds a character for which that fails."""
    return None if _CASE_ODD.search(text) else text.lower()


_PATTERN_TOKEN = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux-]+[:)]|.", re.S)


def lower_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of a case-insensitive pattern, for text that :func:`folded` lower-cased:
    its letters lower-cased (escapes and group names kept). A pattern with inline flags or a letter
    without a one-letter lower case is refused: its twin could find something else."""
    if not rx.flags & re.IGNORECASE:
        raise ValueError(f"not a case-insensitive pattern: {rx.pattern[:40]!r}")
    out: list[str] = []
    for tok in _PATTERN_TOKEN.findall(rx.pattern):
        if tok.startswith("(?") and not tok.startswith(("(?P<", "(?P=")):
            raise ValueError(f"inline flags in {rx.pattern[:40]!r}")
        if tok[:2] in ("\\x", "\\u", "\\U", "\\N"):
            raise ValueError(f"character escape in {rx.pattern[:40]!r}")
        if len(tok) == 1:
            if len(tok.lower()) != 1:
                raise ValueError(f"{tok!r} in {rx.pattern[:40]!r}")
            tok = tok.lower()
        out.append(tok)
    return re.compile("".join(out), rx.flags & ~re.IGNORECASE)


def search_folded(rx: re.Pattern[str], twin: re.Pattern[str], text: str, low: str | None) -> re.Match[str] | None:
    """``rx.search(text)``, looked for by its :func:`lower_twin` over ``low`` (``folded(text)``) where there is
    one: the same match object, read from ``text`` at the place the twin found."""
    if low is None:
        return rx.search(text)
    m = twin.search(low)
    return None if m is None else rx.match(text, m.start())


UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000, "m": 1_000_000,
          "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000, "k": 1_000,
          "trillion": 1_000_000_000_000}

_WORD = "|".join(sorted(list(UNITS) + list(TENS), key=len, reverse=True))
# A count: "123", "1,085", "6.5", "six", "twenty-one", "a dozen", "dozen"
NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
          r"|a\s+dozen|dozen|a\s+hundred|one\s+hundred)")
NUMBER_RE = re.compile(rf"\b{NUMBER}\b", re.IGNORECASE)


_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_A_DOZEN = re.compile(r"^(?:a|an|one)\s+(dozen|hundred)$")
_WORD_SPLIT = re.compile(r"[- ]+")


def parse_number(s: str) -> float | None:
    """A number written in digits or words. ``parse_number("twenty-one") == 21``; ``"1,085"`` is 1085.

    Returns None when ``s`` is not a number.
    """
    t = s.strip().lower().replace(",", "")
    if not t:
        return None
    if _PLAIN_NUMBER.fullmatch(t):
        v = float(t)
        return int(v) if v.is_integer() else v
    t = _A_DOZEN.sub(r"\1", t)
    if t == "dozen":
        return 12
    if t == "hundred":
        return 100
    parts = _WORD_SPLIT.split(t)
    total = 0
    for p in parts:
        if p in UNITS:
            total += UNITS[p]
        elif p in TENS:
            total += TENS[p]
        else:
            return None
    return total


def parse_count(s: str) -> int | None:
    """Like :func:`parse_number` but only whole counts."""
    v = parse_number(s)
    if v is None or (isinstance(v, float) and not v.is_integer()):
        return None
    return int(v)


_AMOUNT_RE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<scale>trillion|billion|million|thousand|bn|mln|m|b|k)?\b",
    re.IGNORECASE)


def parse_amount(s: str) -> float | None:
    """A money figure: ``"150 million"`` is 150e6, ``"1.5bn"`` is 1.5e9, ``"61bn"`` is 61e9."""
    m = _AMOUNT_RE.search(s)
    if not m:
        return None
    v = float(m.group("num").replace(",", ""))
    scale = (m.group("scale") or "").lower()
    return v * SCALES.get(scale, 1)


_SCORE_WORDS = dict(UNITS, **TENS, hundred=100, dozen=12)
_SCORE_WORDS.update({"a dozen": 12, "a": 1, "an": 1})
_SCORE_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mln": 1e6, "bn": 1e9, "m": 1e6, "k": 1e3}


def numbers_in(text: str) -> set[int]:
    """Every number a reader finds in ``text``, written as digits or words, with scales applied.

    It reads numbers as the evaluation does, so an event's evidence is checked the way it is judged.
    >>> sorted(numbers_in("six out of 7, and £1.5bn"))
    [2, 6, 7, 1500000000]
    """
    found: set[int] = set()
    t = text.lower().replace(",", "")
    for num, scale in _DIGITS_RE.findall(t):
        v = float(num)
        found.add(round(v * _SCORE_SCALE.get(scale, 1)))
        found.add(round(v))
    for w in _SCORE_WORD_RE.findall(t):
        found.add(_SCORE_WORDS[w])
        if w == "a dozen":
            found.add(1)  # the "a" of "a dozen" is a word of its own too
    if "ty" in t:  # every tens word ends so: most texts skip the compound pass
        for tens, unit in _COMPOUND_RE.findall(t):
            found.add(TENS[tens] + UNITS[unit])
    return found


_DIGITS_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|mln|bn|m|k)?\b")


# One pass for all number words; "a dozen" before "a" so that the longer reading is also found.
_SCORE_WORD_RE = re.compile(r"\b(?:%s)\b" % "|".join(sorted((re.escape(w) for w in _SCORE_WORDS), key=len, reverse=True)))
_COMPOUND_RE = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)\b")
