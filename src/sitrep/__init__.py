"""sitrep: war reporting in, verifiable structured events out.

>>> import sitrep
>>> docs = sitrep.read_documents(["report.txt"])          # doctest: +SKIP
>>> events = [sitrep.extract_events(d) for d in docs]     # doctest: +SKIP
"""
from sitrep.check import check_document
from sitrep.errors import InputError, SitrepError
from sitrep.evaluate import evaluate
from sitrep.extract import extract_events
from sitrep.ingest import read_documents
from sitrep.model import Document, Event, Location, PlaceMention, Span, Weapon, event_to_contract
from sitrep.normalize.places import find_places, geoparse

__version__ = "0.1.0"
__all__ = ["Document", "Event", "InputError", "Location", "PlaceMention", "SitrepError", "Span", "Weapon",
           "check_document", "evaluate", "event_to_contract", "extract_events", "find_places", "geoparse",
           "read_documents", "__version__"]
