"""sitrep: war reporting in, verifiable structured events out."""
from sitrep.errors import InputError, SitrepError
from sitrep.extract import extract_events
from sitrep.ingest import read_documents
from sitrep.model import Document, Event, Location, Span, Weapon, event_to_contract

__version__ = "0.1.0"
__all__ = ["Document", "Event", "InputError", "Location", "SitrepError", "Span", "Weapon",
           "event_to_contract", "extract_events", "read_documents", "__version__"]
