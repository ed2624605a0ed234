"""Political events: statements, contacts, arrests, exchanges, aid, sanctions, agreements."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.model import Event

if TYPE_CHECKING:
    from sitrep.extract import DocContext


def extract(ctx: DocContext) -> list[Event]:
    return []
