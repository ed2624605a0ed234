"""Near-duplicates: syndicated copies of one text (a wire story with another outlet's header,
a changed headline, a few words edited), told apart from texts that merely share a template.

Two steps, so that the cost per document stays small however large the store grows:

1. **Candidates** by MinHash locality-sensitive hashing. A document's body (its text with the
   boilerplate spans cut out) is lower-cased and split into words; every run of
   :data:`SHINGLE` words is a shingle, hashed to 32 bits (CRC-32, then a multiplicative mix:
   stable across runs and machines, since signatures are stored, and cheap: a tenth of a
   millisecond for a news article). One-permutation MinHash keeps the least hash
   of each of :data:`BINS` bins (a hash's low bits choose its bin), empty bins filled by
   rotation (Shrivastava and Li, 2014), so that two signatures agree in a bin with
   probability close to the Jaccard similarity of the two shingle sets. The signature is cut
   into :data:`BANDS` bands of :data:`ROWS` bins; documents sharing one band's key are
   candidates. With 42 bands of 3 rows a pair of Jaccard 0.45 is a candidate 97 times in 100,
   an unrelated pair (Jaccard under 0.05) about once in 200.
2. **Verification** of the best few candidates (estimated Jaccard first) on their texts, by
   :func:`compare`: a copy shares nearly all of the shorter text's shingles (containment),
   states the same figures, and speaks from about the same day. Daily reports written from
   one template (the Air Force's "launched N drones, M shot down") share much of their wording,
   but not their figures or their day, and are not linked.

Everything here is pure: the store keeps the signatures and band keys
(:mod:`sitrep.store.signatures`), the pipeline decides what to link.

>>> a = body_of("Russia launched 40 drones at Sumy overnight; air defence downed 31 of them, the governor said.")
>>> len(signature(shingle_hashes(a))) == BINS
True
"""
from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from sitrep.model import Document, Span

__all__ = [
    "BANDS", "BINS", "MIN_SHINGLES", "ROWS", "SCHEME", "SHINGLE", "Comparison", "Fingerprint",
    "band_keys", "body_of", "compare", "estimate_jaccard", "fingerprint", "figures_of", "pack",
    "shingle_hashes", "shingles", "signature", "unpack",
]

SHINGLE = 5  # words per shingle
BINS = 128  # one-permutation MinHash bins (a power of two: a hash's low bits pick the bin)
ROWS = 3  # bins per LSH band
BANDS = 42  # bands: 126 of the 128 bins; a band matches for a pair of Jaccard J with probability J**3
# The scheme a stored signature was made with: one made otherwise is made again, not compared.
SCHEME = f"oph-crc32mix-w{SHINGLE}-b{BINS}-r{ROWS}x{BANDS}-v2"

MIN_SHINGLES = 8  # a shorter text is too little to tell a copy from a coincidence: never linked
MIN_CONTAINMENT = 0.8  # share of the shorter text's shingles found in the longer one
MIN_JACCARD = 0.3  # the longer text is not mostly other material (a digest quoting the story)
MIN_FIGURES = 0.7  # share of the shorter text's figures that the longer one states too
MAX_DAYS_APART = 3  # a copy is published about when its original was

_BIN_BITS = BINS.bit_length() - 1
_BIN_MASK = BINS - 1
_HASH_BITS = 32
_VALUE_BITS = _HASH_BITS - _BIN_BITS  # what is left of a hash once its bin is chosen
_EMPTY = 1 << _HASH_BITS  # above every value a bin can hold: marks an empty bin before filling
_MIX = 0x9E3779B1  # Knuth's multiplicative constant: spreads CRC-32's linear structure over all bits
_MASK = (1 << _HASH_BITS) - 1
_M64 = (1 << 64) - 1
_K0, _K1, _K2 = 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB  # SplitMix64's constants
_WORD = re.compile(r"\w+")
# A figure standing alone: "31", "1,200", "3.5"; not the number of a model ("Shahed-136/131",
# "S-300", "Kh-101") or of a date or time written with dashes or colons ("2023-11-23", "03:19am").
_FIGURE = re.compile(r"(?<![\w/:.,-])\d+(?:[.,]\d+)*(?![\w/:-])")


def body_of(text: str, boilerplate: Sequence[Span] = ()) -> str:
    """The text with its boilerplate spans (site chrome) cut out: what copies are compared on."""
    if not boilerplate:
        return text
    parts, pos = [], 0
    for span in sorted(boilerplate, key=lambda s: s.start):
        if span.start > pos:
            parts.append(text[pos:span.start])
        pos = max(pos, span.end)
    parts.append(text[pos:])
    return "\n".join(parts)


def shingles(body: str) -> set[str]:
    """The set of runs of :data:`SHINGLE` lower-cased words (one shingle for a shorter text, none for no words).

    >>> sorted(shingles("One two three four five six"))
    ['one two three four five', 'two three four five six']
    """
    words = _WORD.findall(body.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def shingle_hashes(body: str) -> list[int]:
    """32-bit hashes of the body's distinct shingles (stable across runs, machines and Python versions).

    The shingles of :func:`shingles`, hashed as they are made (no set of strings in between):
    the words are joined and encoded once, and each shingle's UTF-8 bytes are a slice of that,
    from the start of its first word to the space after its last.
    """
    words = _WORD.findall(body.lower())
    crc, mix, mask = zlib.crc32, _MIX, _MASK
    if len(words) <= SHINGLE:
        return [(crc(" ".join(words).encode("utf-8")) * mix) & mask] if words else []
    encoded = [w.encode("utf-8") for w in words]
    joined = b" ".join(encoded) + b" "
    starts = [0, *accumulate(len(w) + 1 for w in encoded)]  # where each word starts in joined
    return list({(crc(joined[a:b - 1]) * mix) & mask for a, b in zip(starts, starts[SHINGLE:])})


def signature(hashes: Iterable[int]) -> tuple[int, ...]:
    """One-permutation MinHash of a set of 32-bit hashes: :data:`BINS` values, empty bins filled.

    A hash's low bits choose its bin, the rest is its value; each bin keeps its least value.
    An empty bin takes the value of the next non-empty bin to its right (circularly), offset
    by the distance, so two signatures agree in a bin about as often as their sets overlap
    (Jaccard), however short the text. A set with no hashes gives all zeros.
    """
    bins = [_EMPTY] * BINS
    for h in hashes:
        b = h & _BIN_MASK
        v = h >> _BIN_BITS
        if v < bins[b]:
            bins[b] = v
    if _EMPTY not in bins:
        return tuple(bins)
    if all(v == _EMPTY for v in bins):
        return (0,) * BINS
    # Rotation: walk twice round from the right, carrying the last non-empty value and its distance.
    filled = list(bins)
    carry, distance = None, 0
    for i in range(2 * BINS - 1, -1, -1):
        j = i % BINS
        if bins[j] != _EMPTY:
            carry, distance = bins[j], 0
        elif carry is not None:
            distance += 1
            # distance < BINS, and values are < 2**_VALUE_BITS: the sum stays within 32 bits.
            filled[j] = carry + (distance << _VALUE_BITS)
    return tuple(filled)


def band_keys(sig: Sequence[int]) -> list[int]:
    """One key per band (signed 64-bit, as databases store integers): documents sharing one are candidates.

    A band's values and its number are mixed into 64 bits by multiply-xorshift steps (as in
    SplitMix64): distinct bands collide about once in 2**64, and a collision costs only a
    candidate that its signature then turns away.
    """
    keys = []
    m64, top = _M64, 1 << 63
    for band in range(BANDS):
        h = (band + 1) * _K0 & m64
        for v in sig[band * ROWS:(band + 1) * ROWS]:
            h = ((h ^ v) * _K1) & m64
            h ^= h >> 31
        h = (h * _K2) & m64
        h ^= h >> 29
        keys.append(h - (top << 1) if h >= top else h)
    return keys


def estimate_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of bins in which two signatures agree: an estimate of their Jaccard similarity."""
    return sum(1 for x, y in zip(a, b) if x == y) / BINS


def pack(sig: Sequence[int]) -> bytes:
    """A signature as bytes for the store (little-endian unsigned 32-bit values)."""
    return struct.pack(f"<{BINS}I", *sig)


def unpack(raw: bytes) -> tuple[int, ...]:
    """The signature :func:`pack` wrote."""
    return struct.unpack(f"<{BINS}I", raw)


def figures_of(body: str) -> set[str]:
    """The figures a text states, commas dropped ("1,200" -> "1200"); numbers inside names and dates left out.

    >>> sorted(figures_of("Of 1,200 Shahed-136/131 drones launched on 2023-11-23, 31 were downed."))
    ['1200', '31']
    """
    return {m.group(0).replace(",", "") for m in _FIGURE.finditer(body)}


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What near-duplicate detection knows of one document: its shingles' count, MinHash signature
    and band keys (none for a text too short to be linked, which is then never a candidate)."""

    shingles: int
    signature: tuple[int, ...]
    bands: tuple[int, ...] = ()

    @property
    def indexed(self) -> bool:
        """Whether the document is long enough to be linked (and so to be found through its band keys)."""
        return self.shingles >= MIN_SHINGLES


def fingerprint(doc: Document) -> Fingerprint:
    """The fingerprint of a document's body."""
    hashes = shingle_hashes(body_of(doc.text, doc.boilerplate))
    sig = signature(hashes)
    return Fingerprint(len(hashes), sig, tuple(band_keys(sig)) if len(hashes) >= MIN_SHINGLES else ())


@dataclass(frozen=True, slots=True)
class Comparison:
    """How one text compares with another: is it a copy (``duplicate``), and the figures that said so."""

    duplicate: bool
    jaccard: float
    containment: float
    figures: float
    days_apart: int | None
    reason: str


def compare(a: Document, b: Document) -> Comparison:
    """Whether ``a`` and ``b`` are copies of one text: the exact test behind a candidate pair.

    Copies share nearly all of the shorter body's shingles (>= :data:`MIN_CONTAINMENT`), the
    longer is not mostly other material (Jaccard >= :data:`MIN_JACCARD`), the longer states most
    of the shorter one's figures (>= :data:`MIN_FIGURES`: an updated copy may change one), and
    their reference dates, where both are known, are at most :data:`MAX_DAYS_APART` days apart.
    """
    body_a, body_b = body_of(a.text, a.boilerplate), body_of(b.text, b.boilerplate)
    sa, sb = shingles(body_a), shingles(body_b)
    if len(sa) > len(sb) or (len(sa) == len(sb) and body_a > body_b):
        body_a, body_b, sa, sb = body_b, body_a, sb, sa
    common = len(sa & sb)
    union = len(sa) + len(sb) - common
    jaccard = common / union if union else 0.0
    containment = common / len(sa) if sa else 0.0
    fa, fb = figures_of(body_a), figures_of(body_b)
    figures = len(fa & fb) / len(fa) if fa else 1.0
    days = (abs((a.reference_date - b.reference_date).days)
            if isinstance(a.reference_date, dt.date) and isinstance(b.reference_date, dt.date) else None)
    if len(sa) < MIN_SHINGLES:
        reason = f"too short to tell ({len(sa)} shingles)"
    elif containment < MIN_CONTAINMENT:
        reason = f"wording differs ({containment:.0%} of the shorter text shared)"
    elif jaccard < MIN_JACCARD:
        reason = f"the longer text is mostly other material (Jaccard {jaccard:.2f})"
    elif figures < MIN_FIGURES:
        reason = f"figures differ ({figures:.0%} of the shorter text's figures in the other)"
    elif days is not None and days > MAX_DAYS_APART:
        reason = f"{days} days apart"
    else:
        return Comparison(True, jaccard, containment, figures, days, "copy")
    return Comparison(False, jaccard, containment, figures, days, reason)
