"""Readers: .txt, .html, .jsonl and folders -> Documents; bad input -> one InputError each."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from sitrep.errors import (BadRecord, DuplicateDocument, EmptyDocument, InputError, NoArticle, NotFound, NotText,
                           TooLarge, Unreadable, Unsupported)
from sitrep.ingest import find_boilerplate, find_reference_date, guess_language, outlet_in_text, read_documents
from sitrep.ingest.files import MAX_BYTES
from sitrep.model import Document, date_of_war_day

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

STORY = ("Air defence units shot down nine of twelve drones launched at the southern regions overnight, "
         "the air force said on Tuesday. Debris damaged a school roof in one village; nobody was hurt.\n")


def _read(*paths: Path, **kw: object) -> list[Document | InputError]:
    return list(read_documents(list(paths), **kw))


def _docs(items: list[Document | InputError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# ---------------------------------------------------------------- plain text

def test_txt_document_is_named_by_its_stem_and_keeps_the_text(tmp_path: Path) -> None:
    f = tmp_path / "night-raid.txt"
    f.write_text(STORY, encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.id == "night-raid"
    assert doc.text == STORY
    assert doc.source == str(f)
    assert doc.language == "en"


def test_bom_is_removed_and_offsets_count_from_the_first_character_after_it(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + "Skip to main content\r\n".encode() + STORY.encode())
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert not doc.text.startswith("\ufeff")
    assert "\r\n" in doc.text  # line ends are left as they are
    [chrome] = doc.boilerplate
    assert doc.text[chrome.start:chrome.end] == "Skip to main content"


def test_a_file_given_explicitly_with_an_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    f = tmp_path / "bulletin.news"
    f.write_text(STORY, encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, Document) and doc.id == "bulletin"


# ---------------------------------------------------------------- HTML

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Nine drones downed in the south | The Harbour Courier</title>
<meta property="og:title" content="Nine drones downed in the south">
<meta property="og:site_name" content="The Harbour Courier">
<meta property="og:url" content="https://harbour-courier.example/news/nine-drones">
<meta property="article:published_time" content="2024-03-05T07:40:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Nine drones downed in the south</h1>
<p>Air defence units shot down nine of twelve drones launched at the southern regions overnight,
the air force said on Tuesday morning in its regular update.</p>
<p>Debris damaged a school roof in one village, the regional governor wrote, adding that nobody
had been hurt and that repair crews were already at work on the building.</p>
</article><footer>© The Harbour Courier. Cookie settings.</footer></body></html>"""


def test_html_gives_the_article_text_and_the_page_metadata(tmp_path: Path) -> None:
    f = tmp_path / "courier.html"
    f.write_text(PAGE, encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.id == "courier"
    assert "nine of twelve drones" in doc.text
    assert "Cookie settings" not in doc.text and "Home" not in doc.text.split("\n")[0]
    assert doc.title == "Nine drones downed in the south"
    assert doc.url == "https://harbour-courier.example/news/nine-drones"
    assert doc.outlet == "The Harbour Courier"
    assert doc.published == dt.date(2024, 3, 5)
    assert (doc.reference_date, doc.reference_date_source) == (dt.date(2024, 3, 5), "html")


def test_html_without_an_article_is_no_article(tmp_path: Path) -> None:
    f = tmp_path / "menu.htm"
    f.write_text("<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>")
    [err] = _read(f)
    assert isinstance(err, NoArticle)
    assert err.document == str(f)


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "legacy.html"
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    page = page.replace("nobody\nhad been hurt", "nobody (нікого) had been hurt")
    f.write_bytes(page.encode("windows-1251"))
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert "нікого" in doc.text


def test_html_date_beats_a_date_in_the_text(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE.replace("the air force said", "as the war enters its 700th day, the air force said"))
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.reference_date == dt.date(2024, 3, 5)


# ---------------------------------------------------------------- JSON Lines

def _jsonl(path: Path, *lines: object) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_gives_one_document_a_record_with_its_fields(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "wire.jsonl",
               {"id": "w-1", "text": STORY, "published": "2023-10-02", "url": "https://wire.example/1",
                "title": "Drones downed", "outlet": "Wire Service"},
               {"id": "w-2", "text": "A second short report about shelling near the river crossing."})
    first, second = _read(f)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.title, first.url, first.outlet) == ("w-1", "Drones downed", "https://wire.example/1",
                                                                "Wire Service")
    assert (first.reference_date, first.reference_date_source) == (dt.date(2023, 10, 2), "record")
    assert first.published == dt.date(2023, 10, 2)
    assert first.text == STORY
    assert second.id == "w-2" and second.reference_date is None


def test_bad_jsonl_lines_are_named_by_file_and_line_and_the_rest_is_read(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "mixed.jsonl",
               {"id": "ok-1", "text": STORY},
               "{this is not json",
               {"id": "no-text"},
               {"id": "blank-text", "text": "   "},
               "",
               {"id": "ok-1", "text": "Another report that reuses an id already read above."},
               {"id": "ok-2", "text": STORY})
    items = _read(f)
    assert [d.id for d in _docs(items)] == ["ok-1", "ok-2"]
    errors = _errors(items)
    assert [type(e) for e in errors] == [BadRecord, BadRecord, BadRecord, DuplicateDocument]
    assert [e.document for e in errors] == [f"{f}:2", f"{f}:3", f"{f}:4", f"{f}:6"]
    assert "not JSON" in errors[0].reason
    assert '"text"' in errors[1].reason and "empty" in errors[2].reason


def test_jsonl_year_month_published_is_a_year_hint_only(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "a.jsonl", {"id": "m", "text": STORY, "published": "2023-09"})
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.reference_date is None and doc.year_hint == 2023


def test_jsonl_unparseable_published_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    f = _jsonl(tmp_path / "a.jsonl", {"id": "m", "text": STORY, "published": "last Tuesday"})
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.reference_date is None
    assert doc.warnings and doc.warnings[0]["field"] == "published"


# ---------------------------------------------------------------- folders

def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "z.txt").write_text(STORY)
    (tmp_path / "a" / "deep" / "y.txt").write_text(STORY)
    (tmp_path / "a" / "x.txt").write_text(STORY)
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "rec", "text": STORY}) + "\n")
    ids = [d.id for d in _docs(_read(tmp_path))]
    assert ids == ["y", "x", "z", "rec"]  # by path: a/deep/y, a/x, b/z, c.jsonl
    assert ids == [d.id for d in _docs(_read(tmp_path))]  # stable


def test_folders_skip_hidden_files_and_non_documents_but_report_unknown_kinds(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / ".notes.txt").write_text(STORY)
    (tmp_path / "story.json").write_text("{}")  # gold files sit beside texts
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    (tmp_path / "README.md").write_text("how this folder is laid out")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 \x00")
    for name in ("sitrep.db", "sitrep.db-wal", "sitrep.db-shm"):  # the store, kept in the folder read
        (tmp_path / name).write_bytes(b"SQLite format 3\x00")
    items = _read(tmp_path)
    assert [d.id for d in _docs(items)] == ["story"]
    [err] = _errors(items)
    assert isinstance(err, Unsupported) and err.document.endswith("report.pdf")


def test_the_same_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(STORY)
    assert [d.id for d in _docs(_read(tmp_path, f))] == ["story"]


def test_two_files_with_the_same_id_give_a_duplicate_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(STORY)
    (tmp_path / "b" / "same.txt").write_text(STORY)
    items = _read(tmp_path)
    assert len(_docs(items)) == 1
    [err] = _errors(items)
    assert isinstance(err, DuplicateDocument) and "same" in err.reason


# ---------------------------------------------------------------- bad input

def test_each_bad_file_yields_one_error_naming_it_and_the_rest_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x02\x00\x00" * 20)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Kyiv café report".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: the size is checked, the bytes are never read
        fh.truncate(MAX_BYTES + 1)
    missing = tmp_path / "missing.txt"
    items = _read(empty, binary, good, latin, huge, missing)
    assert [d.id for d in _docs(items)] == ["good"]
    errors = _errors(items)
    assert [type(e) for e in errors] == [EmptyDocument, NotText, NotText, TooLarge, NotFound]
    assert [e.document for e in errors] == [str(p) for p in (empty, binary, latin, huge, missing)]
    assert "NUL" in errors[1].reason
    assert "UTF-8" in errors[2].reason
    assert "20 MB" in errors[3].reason


def test_mostly_control_characters_is_not_text(tmp_path: Path) -> None:
    f = tmp_path / "noise.txt"
    f.write_bytes(bytes(range(1, 9)) * 50)
    [err] = _read(f)
    assert isinstance(err, NotText)


def test_utf16_is_refused_with_advice(tmp_path: Path) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes(STORY.encode("utf-16"))
    [err] = _read(f)
    assert isinstance(err, NotText) and "UTF-16" in err.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read a file without permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "locked.txt"
    f.write_text(STORY)
    f.chmod(0)
    try:
        [err] = _read(f)
    finally:
        f.chmod(0o644)
    assert isinstance(err, Unreadable) and "permission" in err.reason


def test_jsonl_that_does_not_exist_or_has_no_records(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    items = _read(tmp_path / "nope.jsonl", empty)
    assert [type(e) for e in items] == [NotFound, BadRecord]


# ---------------------------------------------------------------- reference dates

@pytest.mark.parametrize("text, expected", [
    (" date 2025-03-01 Shelling hit the port overnight.", dt.date(2025, 3, 1)),
    ("ODESA, Feb 12 (Reuters) - Drones hit the port. Officials said in 2025 that repairs would take weeks.",
     dt.date(2025, 2, 12)),
    ("Port struck again\nPublished On 15 Feb 2024\nDrones hit the port.", dt.date(2024, 2, 15)),
    ("Wire | Odesa | Updated: 15-12-2023 12:13 IST\nDrones hit the port.", dt.date(2023, 12, 15)),
    ("Drones hit the port on day 1,085 of the war.", date_of_war_day(1085)),
    ("As the war enters its 1,085th day, drones hit the port.", date_of_war_day(1085)),
    ("Russia-Ukraine war: what we know on day 110 of the invasion", date_of_war_day(110)),
    ("Here is the situation on Thursday, February 15, 2024.", dt.date(2024, 2, 15)),
    ("Here are the main events so far on Monday, May 30.\nFighting went on.", dt.date(2022, 5, 30)),
    ("Overnight into August 23, 2023, drones were launched at the south.", dt.date(2023, 8, 23)),
    ("Russia-Ukraine war: list of key events, day 900\nShelling went on.", date_of_war_day(900)),
    ("LVIV, Friday, Feb. 14 (Lviv Ledger) — A drone hit a warehouse.", dt.date(2025, 2, 14)),
    ("Wed 12 Feb 2025 06.00 GMT\nA drone hit a warehouse.", dt.date(2025, 2, 12)),
])
def test_text_states_its_own_date(text: str, expected: dt.date) -> None:
    found = find_reference_date(text, latest_year=2025)
    assert found is not None and found.date == expected


@pytest.mark.parametrize("text", [
    "Drones hit the port overnight, the governor said on Tuesday.",
    "ODESA, Feb 12 (Reuters) - Drones hit the port.",  # no year anywhere
    "Here is the situation on Sunday, February 29.",  # no war year has that weekday on that day
    "The full-scale invasion began on February 24, 2022, and fighting goes on.",
    "Talks are scheduled for March 3, 2025 in the capital.",
])
def test_no_date_is_guessed(text: str) -> None:
    found = find_reference_date(text, latest_year=2025)
    assert found is None or found.date is None


def test_year_month_marker_gives_a_year_hint_and_no_date(tmp_path: Path) -> None:
    f = tmp_path / "m.txt"
    f.write_text(" date 2023-09 Drones were downed overnight into September 20.\n")
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.reference_date is None and doc.year_hint == 2023


def test_calendar_date_beats_a_lagging_day_number() -> None:
    text = ("Russia-Ukraine war: List of key events, day 1,100\n"
            "Here is the situation on Saturday, March 1:\nFighting went on.")
    found = find_reference_date(text, latest_year=2025)
    assert found is not None and found.date == dt.date(2025, 3, 1)
    assert date_of_war_day(1100) != found.date


def test_reference_date_order_record_text_option(tmp_path: Path) -> None:
    marker_text = " date 2024-06-01 Drones hit the port.\n"
    f = _jsonl(tmp_path / "a.jsonl",
               {"id": "rec", "text": marker_text, "published": "2024-06-02"},
               {"id": "txt", "text": marker_text},
               {"id": "opt", "text": STORY})
    option = dt.date(2020, 1, 1)
    rec, txt, opt = _read(f, reference_date=option)
    assert isinstance(rec, Document) and isinstance(txt, Document) and isinstance(opt, Document)
    assert (rec.reference_date, rec.reference_date_source) == (dt.date(2024, 6, 2), "record")
    assert (txt.reference_date, txt.reference_date_source) == (dt.date(2024, 6, 1), "text")
    assert (opt.reference_date, opt.reference_date_source) == (option, "option")


def _gold_dev() -> list[tuple[Path, dict]]:
    dev = SHARED / "eval" / "dev"
    return [(t, json.loads(t.with_suffix(".json").read_text(encoding="utf-8"))) for t in sorted(dev.glob("*.txt"))]


@pytest.mark.skipif(not (SHARED / "eval" / "dev").is_dir(), reason="../shared/eval/dev is not checked out")
def test_reference_dates_agree_with_the_dev_gold() -> None:
    """Never a wrong date; where the gold's date is scored (the text gives it), nearly always found."""
    gold = {t.stem: g for t, g in _gold_dev()}
    docs = _docs(_read(SHARED / "eval" / "dev"))
    assert len(docs) == len(gold)
    wrong, scored, found = [], 0, 0
    for doc in docs:
        g = gold[doc.id]
        expected = dt.date.fromisoformat(g["reference_date"]) if g.get("reference_date") else None
        if doc.reference_date is not None and doc.reference_date != expected:
            wrong.append((doc.id, doc.reference_date, expected))
        unscored = any("no year" in n for n in g.get("notes", []))
        if expected and not unscored:
            scored += 1
            found += doc.reference_date == expected
    assert wrong == []
    assert found / scored >= 0.95, (found, scored)


# ---------------------------------------------------------------- boilerplate

def _chrome(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_boilerplate(text)]


def test_boilerplate_lines_and_sentences_are_found() -> None:
    text = (" date 2024-05-01 Skip to main content\n"
            "This article is more than 3 months old\n"
            "Drones struck a depot near the border, officials said. Reuters could not independently verify the claim.\n"
            "Firefighters at the depot on Wednesday. Photograph: Jane Doe/Getty Images\n"
            "This audio is created with AI assistance\n"
            "Read more: Five things to know about air defence\n"
            "Keep up with events as they unfold. Join us on WhatsApp or Telegram for live updates. "
            "Got a tip? Send it to desk@paper.example.\n"
            "Follow us on X for more\n"
            "Share this article\n"
            "We use cookies to improve your experience.\n"
            "Sign up for our morning newsletter\n"
            "Photo: Regional Military Administration\n")
    chrome = _chrome(text)
    assert chrome[0] == "date 2024-05-01 Skip to main content"
    for part in ["This article is more than 3 months old", "Reuters could not independently verify the claim.",
                 "Firefighters at the depot on Wednesday. Photograph: Jane Doe/Getty Images",
                 "This audio is created with AI assistance", "Read more: Five things to know about air defence",
                 "Join us on WhatsApp or Telegram for live updates.", "Send it to desk@paper.example.",
                 "Follow us on X for more", "Share this article", "We use cookies to improve your experience.",
                 "Sign up for our morning newsletter", "Photo: Regional Military Administration"]:
        assert part in chrome, part
    assert not any("Drones struck a depot" in c for c in chrome)
    assert not any("Keep up with events" in c for c in chrome)


def test_boilerplate_leaves_reporting_that_mentions_the_same_words() -> None:
    text = ("The air force said on Telegram that 30 drones were shot down.\n"
            "Source: the air force on Telegram\n"
            "Officials shared photos of the damaged school and said they would read more reports later.\n"
            "Russia launched the drones from the area (Kursk/Bryansk).\n"
            "“Support us with air defence,” the minister said. He urged allies to follow us on this path.\n")
    assert _chrome(text) == []


def test_date_marker_alone_is_boilerplate_and_the_words_after_it_are_not() -> None:
    text = " date 2024-02-25 KYIV: Air defence destroyed 16 drones overnight."
    [span] = find_boilerplate(text)
    assert text[span.start:span.end].strip() == "date 2024-02-25"


# ---------------------------------------------------------------- language and outlet

@pytest.mark.parametrize("text, lang", [
    (STORY, "en"),
    ("Уночі ворог атакував Україну ударними дронами, повідомили у Повітряних силах. Їх збили над півднем.", "uk"),
    ("Ночью российские военные атаковали город беспилотниками, сообщили в местной администрации. Пострадавших нет.",
     "ru"),
    ("Die Luftwaffe hat in der Nacht neun Drohnen abgeschossen, teilte das Militär mit. Es gab keine Verletzten.",
     "de"),
])
def test_language(text: str, lang: str) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize("text, outlet", [
    ("KYIV, March 3 (Reuters) - Drones were downed.", "Reuters"),
    ("(MENAFN- UkrinForm) Air defence shot down 11 drones.", "Ukrinform"),
    ("Air defence shot down 11 drones. The air force said this on Telegram, Ukrinform reports.", "Ukrinform"),
    ("KYIV, Ukraine (AP) — Drones were downed overnight.", "Associated Press"),
    ("LVIV, Friday, May 2 (Lviv Ledger) — Drones were downed.", "Lviv Ledger"),
    ("According to Ukrinform, the air force reported eleven drones downed.", None),
    (STORY, None),
])
def test_outlet_from_text(text: str, outlet: str | None) -> None:
    assert outlet_in_text(text) == outlet


def test_txt_outlet_is_filled_from_the_text_and_metadata_wins(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("KYIV, March 3 (Reuters) - " + STORY)
    g = _jsonl(tmp_path / "b.jsonl", {"id": "b", "text": "KYIV, March 3 (Reuters) - " + STORY, "outlet": "Daily Sheet"})
    [a] = _read(f)
    [b] = _read(g)
    assert isinstance(a, Document) and isinstance(b, Document)
    assert (a.outlet, b.outlet) == ("Reuters", "Daily Sheet")
