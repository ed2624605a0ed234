"""Agreements: other signatories after 'with', the ceremony's place, provenance of parties."""
from __future__ import annotations

from sitrep.extract import extract_events
from sitrep.model import Document


def _agreements(text: str):
    return [e for e in extract_events(Document("t", text)) if e.type == "agreement"]


def test_separate_agreements_with_other_signatories():
    got = _agreements("Russia and Ukraine on Friday signed separate agreements with Turkey and the United Nations to ship grain.")
    assert got and got[0].parties == ["RU", "UA", "TR", "United Nations"]
    assert all(f"parties[{k}]" in got[0].provenance for k in range(4))


def test_the_ceremony_gives_the_place():
    got = _agreements("Moldova and Romania signed an agreement on power lines. "
                      "At a ceremony in Istanbul, the two ministers signed the documents.")
    assert got and got[0].location is not None and got[0].location.name == "Istanbul"


def test_a_joint_statement_is_an_agreement():
    got = _agreements("Kyiv and Washington issued a joint statement after the talks in Jeddah.")
    assert got and got[0].parties == ["UA", "US"]


def test_a_joint_statement_after_talks_has_the_sides_of_the_talks():
    text = ("RIYADH (Wire) — Ukraine said on Tuesday it would accept a truce with Russia, and the United States agreed "
            "to resume aid, after talks in Jeddah. A joint statement issued after the talks set out the terms.")
    got = _agreements(text)
    assert got and got[0].parties == ["UA", "US"] and got[0].location.name == "Jeddah"


def test_the_two_sides_of_the_talks_agreed():
    got = _agreements("Russian and Ukrainian negotiators held talks in Geneva on Tuesday. The two sides agreed to swap "
                      "500 prisoners each, officials said.")
    assert [sorted(e.parties) for e in got] == [["RU", "UA"]]


def test_agreements_with_one_and_with_another_are_two():
    got = _agreements("Zelenskyy signed security agreements with Dutch Prime Minister Mark Rutte in The Hague and with "
                      "Italian Prime Minister Giorgia Meloni in Rome.")
    assert [sorted(e.parties) for e in got] == [["NL", "UA"], ["IT", "UA"]]
