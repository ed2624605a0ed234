"""Places named in a text, resolved offline against the shipped gazetteer (in progress)."""
from __future__ import annotations

from sitrep.model import PlaceMention


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Places named in ``text[start:end]``, with offsets into ``text``."""
    return []
