"""Every non-empty field of every violent event knows its span and the rule that set it.

Run over the dev texts (../shared/eval/dev) and the demo corpus (src/sitrep/demo); a
similar test for the political types lives beside this one."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.extract import build_context, extract_events, violence
from sitrep.ingest import read_documents
from sitrep.errors import InputError
from sitrep.model import Document, Event

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
DEMO = ROOT / "src" / "sitrep" / "demo"
VIOLENT = {"aerial_attack", "shelling", "ground_combat", "attack", "territory_change"}
FIELDS = ("date", "date_precision", "location", "claimed_by", "confidence", "attacker", "killed", "injured",
          "tags", "taken_by")


def paths_to_check(e: Event) -> list[str]:
    """The field paths of an event that hold a value."""
    paths = [f for f in FIELDS if getattr(e, f) not in (None, [], "")]
    paths += [f"claimed_by[{i}]" for i in range(len(e.claimed_by))] + [f"tags[{i}]" for i in range(len(e.tags))]
    for i, w in enumerate(e.weapons):
        paths += [f"weapons[{i}]"] + [f"weapons[{i}].{k}" for k in ("category", "model", "launched", "intercepted",
                                                                     "suppressed") if getattr(w, k) is not None]
    return paths


def missing_provenance(doc: Document) -> list[str]:
    """'doc: type path' for each violent value without a provenance whose span lies inside the text."""
    out = []
    for e in extract_events(doc):
        if e.type not in VIOLENT:
            continue
        for path in paths_to_check(e):
            p = e.provenance.get(path)
            if p is None or not (0 <= p.span.start < p.span.end <= len(doc.text)) or not p.rule:
                out.append(f"{doc.id}: {e.type} {path}")
    return out


def documents(where: Path) -> list[Document]:
    return [d for d in read_documents([where]) if not isinstance(d, InputError)]


def test_every_violent_value_of_the_dev_texts_has_provenance():
    if not DEV.is_dir():
        pytest.fail(f"needs the dev set at {DEV}")
    docs = documents(DEV)
    assert len(docs) >= 60
    missing = [m for d in docs for m in missing_provenance(d)]
    assert not missing, missing[:20]


def test_every_violent_value_of_the_demo_corpus_has_provenance():
    docs = documents(DEMO)
    assert len(docs) >= 20
    missing = [m for d in docs for m in missing_provenance(d)]
    assert not missing, missing[:20]


def test_the_check_can_fail():
    doc = Document("t", "Russia launched 40 drones at Odesa overnight, the air force said.")
    events = violence.extract(build_context(doc))
    assert events and missing_provenance(doc) == []
    e = events[0]
    e.provenance.pop("weapons[0].category")
    assert "weapons[0].category" in paths_to_check(e)


def test_weapon_kind_tag_and_claimant_spans_point_at_their_words():
    text = ("A Russian Iskander-M missile hit an apartment block in Kharkiv on Monday, "
            "regional governor Oleh Syniehubov said.")
    doc = Document("t", text, reference_date=dt.date(2025, 2, 12))
    e = next(e for e in violence.extract(build_context(doc)) if e.type == "aerial_attack")
    span = lambda path: e.provenance[path].span.text(text)  # noqa: E731
    assert "Iskander" in span("weapons[0].model")
    assert span("tags[0]").lower() in ("apartment", "residential")
    assert "Syniehubov" in span("claimed_by[0]")
    assert "Monday" in span("date")


def test_the_attackers_rule_says_how_the_side_was_read():
    doc = Document("t", "A Russian drone hit a bus in Kherson.", reference_date=dt.date(2025, 2, 12))
    (e,) = violence.extract(build_context(doc))
    assert e.provenance["attacker"].rule == "attacker.votes"
    doc = Document("t", "Shelling hit a bus in Kherson, killing two.", reference_date=dt.date(2025, 2, 12))
    (e,) = violence.extract(build_context(doc))
    assert e.attacker == "RU" and e.provenance["attacker"].rule == "attacker.other_side_of_place"
