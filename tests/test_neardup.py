"""Near-duplicates: syndicated copies are found, template-sharing daily reports are not."""
from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys

from sitrep.ingest import make_document
from sitrep.ingest.neardup import (BANDS, BINS, MIN_SHINGLES, band_keys, body_of, compare, estimate_jaccard,
                                   figures_of, fingerprint, pack, shingle_hashes, shingles, signature, unpack)
from sitrep.model import Document, Span

# A wire story (written for this test) and what other outlets made of it.
WIRE = """Russian missiles and drones hit energy sites across Ukraine overnight

KYIV, March 7 (Desk Wire) - Russia fired 67 missiles and 194 drones at Ukraine overnight, striking gas
production and power plants in several regions and forcing grid operators to cut electricity across the
country, Ukrainian officials said on Friday.

Ukraine's air force said its air defence units shot down 34 of the missiles and 100 of the drones, while
another 86 drones were lost to electronic jamming and did not reach their targets. The attack was the
largest on the energy system since the start of the year, Energy Minister Herman Halushchenko said.

In the Ternopil region, two people were injured when debris from a downed missile fell on a residential
street, the regional governor said. In Kharkiv, a drone hit a warehouse and started a fire that firefighters
put out by morning.

State grid operator Ukrenergo said emergency power cuts would remain in place in most regions until the
evening while engineers repaired damaged substations. Private energy company DTEK said its thermal power
plants had been damaged, the eighth such attack on its facilities since October.

President Volodymyr Zelenskiy called on Western partners to speed up deliveries of air defence systems,
saying the strike showed that Moscow had no interest in a ceasefire.
"""


def syndicated(text: str) -> str:
    """Another outlet's copy: its own headline, header and footer, a few words edited."""
    body = text.split("\n", 2)[2]
    body = (body.replace("air defence units", "air defense units")
                .replace("said on Friday", "said Friday")
                .replace("(Desk Wire) - ", "(Desk Wire) — "))
    return ("Overnight barrage knocks out power across Ukraine\n\nEastern Front Monitor | Staff and wires\n\n"
            + body + "\nThis story was first published by Desk Wire and is republished with permission.\n")


def daily_report(day: int, weekday: str, drones: int, down: int, lost: int, hits: int, sites: str) -> str:
    """A daily air-force report from one template (written for this test)."""
    return (f"On the night of {day} March, the enemy attacked with {drones} Shahed-type attack drones and decoy "
            f"drones of various types, launched from {sites}, Ukraine's Air Force said on {weekday}. As of 09:00, "
            f"air defence had shot down {down} attack drones over the north, east and south of the country, and "
            f"{lost} decoy drones were lost from location owing to the active countermeasures of electronic "
            f"warfare. Hits by the attack drones were recorded in {hits} locations. The air attack was repelled by "
            "aviation, anti-aircraft missile troops, electronic warfare and unmanned systems units, and mobile "
            "fire groups of the Defence Forces of Ukraine.")


def doc(doc_id: str, text: str, day: dt.date | None = dt.date(2025, 3, 7)) -> Document:
    return Document(doc_id, text, reference_date=day)


def test_a_syndicated_copy_is_a_duplicate() -> None:
    result = compare(doc("wire", WIRE), doc("copy", syndicated(WIRE), dt.date(2025, 3, 8)))
    assert result.duplicate, result
    assert result.containment >= 0.8


def test_a_truncated_copy_with_an_updated_figure_is_a_duplicate() -> None:
    short = WIRE.split("State grid operator")[0].replace("two people were injured", "three people were injured")
    assert compare(doc("wire", WIRE), doc("short", short)).duplicate


def test_daily_reports_from_one_template_are_not_duplicates() -> None:
    tuesday = daily_report(10, "Tuesday", 126, 79, 39, 4, "Kursk, Oryol, Millerovo and Primorsko-Akhtarsk")
    wednesday = daily_report(11, "Wednesday", 147, 97, 25, 3, "Kursk, Oryol, Millerovo and Primorsko-Akhtarsk")
    a, b = doc("af-1", tuesday, dt.date(2025, 3, 11)), doc("af-2", wednesday, dt.date(2025, 3, 12))
    result = compare(a, b)
    assert not result.duplicate
    assert result.jaccard > 0.4 and result.figures == 0.0  # much wording in common, no figure
    # With the template's standing advice after it, the wording alone would pass for a copy:
    # the figures still tell the two days apart.
    advice = ("\n\nThe Air Force reminds residents that during an air raid alert they should stay in shelters, "
              "follow the instructions of the local military administration, avoid windows, and not film or "
              "publish the work of air defence, the movement of equipment or the places of hits, as this helps "
              "the enemy to adjust its next strikes against Ukrainian cities and critical infrastructure.")
    a2, b2 = doc("af-3", tuesday + advice, a.reference_date), doc("af-4", wednesday + advice, b.reference_date)
    result = compare(a2, b2)
    assert result.containment >= 0.8 and not result.duplicate
    assert "figures differ" in result.reason


def test_same_template_same_figures_a_week_apart_is_not_a_duplicate() -> None:
    text = daily_report(10, "Tuesday", 126, 79, 39, 4, "Kursk and Oryol")
    later = text.replace("10 March", "17 March")
    result = compare(doc("a", text, dt.date(2025, 3, 11)), doc("b", later, dt.date(2025, 3, 18)))
    assert not result.duplicate and "days apart" in result.reason


def test_a_digest_quoting_the_story_is_not_its_copy() -> None:
    other = " ".join(f"In other news on day {i}, officials in region number {i} reported on local matters "
                     f"and on the harvest of crop {i}." for i in range(60))
    result = compare(doc("wire", WIRE), doc("digest", other + "\n\n" + WIRE))
    assert result.containment > 0.9 and not result.duplicate


def test_unrelated_reports_are_not_duplicates() -> None:
    report = daily_report(10, "Tuesday", 126, 79, 39, 4, "Kursk and Oryol")
    assert not compare(doc("wire", WIRE), doc("af", report)).duplicate


def test_very_short_texts_are_never_linked() -> None:
    a, b = doc("a", "Kyiv was hit again."), doc("b", "Kyiv was hit again!")
    assert not compare(a, b).duplicate
    assert not fingerprint(a).indexed and fingerprint(a).bands == ()


def test_boilerplate_is_left_out_of_the_comparison() -> None:
    text = "Read more: an unrelated headline\n" + WIRE
    d = Document("x", text, boilerplate=(Span(0, 32),))
    assert body_of(d.text, d.boilerplate).strip() == WIRE.strip()
    assert fingerprint(d).signature == fingerprint(doc("y", WIRE)).signature


def test_figures_leave_out_model_numbers_and_dates() -> None:
    assert figures_of("67 missiles, 1,200 Shahed-136/131 drones, S-300, on 2025-03-07 at 03:19, 3.5 km") == \
        {"67", "1200", "3.5"}


def test_copies_share_band_keys_and_an_estimate_near_their_jaccard() -> None:
    a, b = fingerprint(doc("wire", WIRE)), fingerprint(doc("copy", syndicated(WIRE)))
    assert len(a.signature) == BINS and len(a.bands) == BANDS
    assert set(a.bands) & set(b.bands)
    sa, sb = shingles(body_of(WIRE)), shingles(body_of(syndicated(WIRE)))
    exact = len(sa & sb) / len(sa | sb)
    assert abs(estimate_jaccard(a.signature, b.signature) - exact) < 0.15


def test_the_estimate_tracks_the_jaccard_of_random_sets() -> None:
    rng = random.Random(7)
    errors = []
    for overlap in (0.1, 0.3, 0.5, 0.7, 0.9):
        common = [rng.getrandbits(32) for _ in range(int(300 * overlap))]
        a = common + [rng.getrandbits(32) for _ in range(300 - len(common))]
        b = common + [rng.getrandbits(32) for _ in range(300 - len(common))]
        exact = len(set(a) & set(b)) / len(set(a) | set(b))
        errors.append(abs(estimate_jaccard(signature(a), signature(b)) - exact))
    assert max(errors) < 0.12


def test_empty_bins_are_filled_so_short_texts_still_compare() -> None:
    sig = signature([5, 5 + BINS * 3])  # both in bin 5
    assert sig[5] == 0 and all(v > 0 for i, v in enumerate(sig) if i != 5)
    assert signature([]) == (0,) * BINS
    text = "Russia launched 20 drones at Sumy overnight and air defence downed 15 of them."
    fp = fingerprint(doc("s", text))
    assert fp.shingles >= MIN_SHINGLES and fp.signature == fingerprint(doc("t", text)).signature


def test_pack_round_trips() -> None:
    sig = fingerprint(doc("wire", WIRE)).signature
    assert unpack(pack(sig)) == sig and len(pack(sig)) == BINS * 4


def test_signatures_do_not_depend_on_the_interpreter_s_hash_seed() -> None:
    """Signatures are stored: the same text must give the same one in every process."""
    code = ("from sitrep.ingest.neardup import shingle_hashes, band_keys, signature;"
            "h = shingle_hashes('Russia fired 67 missiles and 194 drones at Ukraine overnight, striking gas "
            "production'); print(sorted(h)[:3], band_keys(signature(h))[:2])")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert len(outs) == 1
    h = shingle_hashes("Russia fired 67 missiles and 194 drones at Ukraine overnight, striking gas production")
    assert outs.pop().strip() == f"{sorted(h)[:3]} {band_keys(signature(h))[:2]}"


def test_compare_reads_documents_as_the_readers_make_them() -> None:
    a = make_document("wire", WIRE)
    b = make_document("copy", syndicated(WIRE))
    assert compare(a, b).duplicate
