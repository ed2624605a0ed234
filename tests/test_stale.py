"""Stale-fact check: titles and claims against the knowledge base's dated offices."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sitrep.check import StaleFinding, check_document, find_stale_facts
from sitrep.cli import main
from sitrep.ingest import make_document

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev" / "seed-day-1085.txt"

BEFORE_UA = dt.date(2023, 6, 1)  # Reznikov still Ukraine's defence minister
AFTER_UA = dt.date(2024, 3, 1)  # Umerov in office since 2023-09-06
BEFORE_RU = dt.date(2024, 3, 1)  # Shoigu still Russia's defence minister
AFTER_RU = dt.date(2024, 6, 1)  # Belousov in office since 2024-05-14


def found(text: str, day: dt.date | None) -> list[StaleFinding]:
    out = find_stale_facts(text, day)
    for f in out:
        assert text[f.start:f.end] == f.text
    return out


@pytest.mark.skipif(not SEED.exists(), reason="../shared/eval/dev not present")
def test_seed_reports_the_former_president_title_and_the_candidacy() -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = make_document("seed-day-1085", text, source=str(SEED))
    assert doc.reference_date == dt.date(2025, 2, 12)
    findings = check_document(doc)
    by_rule = {f.rule: f for f in findings}
    former = by_rule["former"]
    assert former.text.startswith("Former U.S. President") and former.person == "Donald Trump"
    assert "2025-01-20" in former.reason
    assert "presidential election" in by_rule["candidacy"].text
    # Correct titles in the same text raise nothing: Umerov, Hegseth, Zelenskyy, Putin.
    assert {f.person for f in findings} == {"Donald Trump"}


@pytest.mark.parametrize("day,text", [
    (BEFORE_UA, "Defence Minister Oleksii Reznikov toured a training ground on Monday."),
    (BEFORE_UA, "Ukraine's defence minister, Oleksii Reznikov, said the tanks had arrived."),
    (AFTER_UA, "Ukrainian Defence Minister Rustem Umerov met his Polish counterpart."),
    (AFTER_UA, "The former defence minister Oleksii Reznikov spoke at a conference."),
    (AFTER_UA, "Rustem Umerov, Ukraine's defence minister, said the deliveries were late."),
    (BEFORE_RU, "Russian Defence Minister Sergei Shoigu inspected troops in the south."),
    (AFTER_RU, "Russia's new defence minister Andrei Belousov chaired his first board meeting."),
    (AFTER_RU, "Sergei Shoigu, the former defence minister, now runs the Security Council."),
])
def test_correct_titles_before_and_after_a_reshuffle_raise_nothing(day: dt.date, text: str) -> None:
    assert found(text, day) == []


@pytest.mark.parametrize("day,text,span,words", [
    (AFTER_UA, "Defence Minister Oleksii Reznikov toured a training ground on Monday.",
     "Defence Minister Oleksii Reznikov", ["2023-09-05", "Rustem Umerov"]),
    (BEFORE_UA, "Ukrainian Defence Minister Rustem Umerov met his Polish counterpart.",
     "Ukrainian Defence Minister Rustem Umerov", ["2023-09-06"]),
    (AFTER_RU, "Sergei Shoigu, Russia's defence minister, said the offensive was going to plan.",
     "Sergei Shoigu, Russia's defence minister", ["2024-05-12", "Andrei Belousov"]),
    (AFTER_RU, "Russia's former defence minister Andrei Belousov chaired a board meeting.",
     "Russia's former defence minister Andrei Belousov", ["former", "2024-05-14"]),
    (BEFORE_UA, "Ukrainian Defence Minister Dmytro Kuleba flew to Brussels.",
     "Ukrainian Defence Minister Dmytro Kuleba", ["Oleksii Reznikov"]),
    (dt.date(2025, 8, 1), "Rustem Umerov, the defence minister of Ukraine, said the plan was ready.",
     "Rustem Umerov, the defence minister of Ukraine", ["2025-07-17"]),
    (dt.date(2025, 2, 12), "The former president of the United States, Donald Trump, gave a speech.",
     "The former president of the United States, Donald Trump", ["former", "2025-01-20"]),
    (dt.date(2025, 2, 12), "Talks with ex-President Donald Trump were planned.",
     "ex-President Donald Trump", ["former"]),
])
def test_a_wrong_title_is_reported(day: dt.date, text: str, span: str, words: list[str]) -> None:
    [f] = found(text, day)
    assert f.text == span
    for w in words:
        assert w in f.reason


@pytest.mark.parametrize("day,text", [
    (AFTER_RU, "Deputy Defence Minister Sergei Shoigu opened the session."),  # another office
    (AFTER_RU, "The then-defence minister Sergei Shoigu had promised a quick win."),
    (AFTER_RU, "In 2023, Defence Minister Sergei Shoigu visited the front."),  # the sentence speaks of 2023
    (AFTER_RU, "Defence Minister Ivan Petrenkov gave an interview."),  # not in the knowledge base
    (None, "Former U.S. President Donald Trump gave an interview."),  # no date, nothing to compare with
    (dt.date(2024, 3, 1), "Joe Biden, a candidate in the upcoming presidential election, spoke."),
])
def test_no_finding_without_a_clear_contradiction(day: dt.date | None, text: str) -> None:
    assert found(text, day) == []


def test_candidacy_and_elect_claims_after_taking_office() -> None:
    day = dt.date(2025, 3, 1)
    [f] = found("Donald Trump is the Republican presidential candidate.", day)
    assert f.rule == "candidacy" and f.text == "the Republican presidential candidate"
    [f] = found("President-elect Donald Trump named his cabinet.", day)
    assert f.rule == "elect"
    assert found("President-elect Donald Trump named his cabinet.", dt.date(2024, 12, 1)) == []


def test_extract_documents_carries_warnings_and_check_prints_them(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Kyiv, 1 June 2024. Russian Defence Minister Sergei Shoigu said on Friday that troops had "
            "advanced near Kharkiv. Ukraine's Defence Minister Rustem Umerov called for more air defence.")
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    plain, with_docs, docs = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "docs.jsonl"
    assert main(["extract", str(path), "-o", str(plain), "--reference-date", "2024-06-01"]) == 0
    assert main(["extract", str(path), "-o", str(with_docs), "--documents", str(docs),
                 "--reference-date", "2024-06-01"]) == 0
    assert plain.read_text(encoding="utf-8") == with_docs.read_text(encoding="utf-8")  # events unchanged
    [rec] = [json.loads(x) for x in docs.read_text(encoding="utf-8").splitlines()]
    [w] = rec["warnings"]
    assert set(w) == {"code", "start", "end", "text", "reason"} and w["code"] == "stale_fact"
    assert text[w["start"]:w["end"]] == w["text"] == "Russian Defence Minister Sergei Shoigu"
    capsys.readouterr()
    assert main(["check", str(path), "--reference-date", "2024-06-01"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    doc_id, offsets, span, reason = line.split("\t")
    assert (doc_id, offsets, span) == ("brief", f"{w['start']}-{w['end']}", w["text"])
    assert "Andrei Belousov" in reason


def test_check_without_findings_prints_nothing_and_exits_zero(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("Russian Defence Minister Andrei Belousov visited a factory.", encoding="utf-8")
    assert main(["check", str(path), "--reference-date", "2024-06-01"]) == 0
    assert capsys.readouterr().out == ""
