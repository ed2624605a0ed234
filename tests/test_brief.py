"""The daily brief: what it lists (the seed's day in full), notes, selection of the day, HTML that stands alone.

Stores are built by ``sitrep ingest``'s own pipeline (read, extract, check, store, fuse). Texts
other than the seed are written here.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.extract import extract_events
from sitrep.ingest import read_documents
from sitrep.model import event_to_contract
from sitrep.pipeline import ingest_paths
from sitrep.report.brief import Brief, build_brief, busiest_day, render_html, render_markdown
from sitrep.report.sentences import sentence
from sitrep.store import Store, open_store

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_0b43b82d869bb76b.txt"
SEED_DAY = dt.date(2025, 2, 12)

# Reports of my own: two sides' figures for one night, the next days' reports of its toll (which rises, then
# falls), and figures that do not add up.
REPORTS = [
    {"id": "kd-0305", "published": "2025-03-05", "outlet": 'Kyiv <Desk> & "Co"',
     "url": "https://kyiv-desk.example/2025/03/05/night", "title": "Night of drones over Odesa",
     "text": "Russia launched 90 attack drones and 4 cruise missiles at Ukraine overnight, the Ukrainian Air "
             "Force said on Wednesday. Air defence destroyed 60 drones and 3 missiles. In the Odesa region, two "
             "people were killed and five injured, governor Oleh Kiper said."},
    {"id": "nw-0305", "published": "2025-03-05", "outlet": "North | Wire", "url": "javascript:alert(1)",
     "title": "Strike on energy sites",
     "text": "The Russian Defence Ministry said on Wednesday that Russian forces had launched 90 drones at Ukraine "
             "overnight and that air defence shot down only 20 of them."},
    {"id": "kd-0306", "published": "2025-03-06", "outlet": 'Kyiv <Desk> & "Co"',
     "url": "https://kyiv-desk.example/2025/03/06/toll", "title": "Odesa toll rises",
     "text": "The death toll from Wednesday's drone attack on Odesa rose to three, with seven injured, governor "
             "Oleh Kiper said on Thursday. On Thursday, the Security Service of Ukraine detained a man in Kharkiv "
             "accused of spotting targets for Russia."},
    {"id": "ow-0307", "published": "2025-03-07", "outlet": "Odesa Wire", "url": "https://odesa-wire.example/0307",
     "title": "Odesa attack",
     "text": "Two people were killed and seven injured in Wednesday's drone attack on Odesa, the regional "
             "administration said on Friday. Separately, Russia launched 12 drones at the Sumy region overnight and "
             "air defence shot down 14 of them, the governor said."},
]


def extracted(paths: list[Path]) -> list[dict]:
    """What sitrep extracts from these documents, read and extracted apart from the store."""
    events: list[dict] = []
    for doc in read_documents(paths):
        assert not isinstance(doc, InputError), doc
        events += [event_to_contract(e) for e in extract_events(doc)]
    return events


def ingest(store: Store, paths: list[Path]) -> list[dict]:
    """``sitrep ingest``'s pipeline (read, extract, check, store, fuse); returns the events it extracted."""
    summary = ingest_paths(store, paths)
    assert summary.exit_status() == 0
    return extracted(paths)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list[dict]]]:
    """The seed ingested into a store (once: the tests only read it)."""
    store = open_store(tmp_path_factory.mktemp("seed") / "seed.db")
    events = ingest(store, [SEED])
    yield store, events
    store.close()


@pytest.fixture
def reports(tmp_path: Path) -> Iterator[tuple[Store, list[dict]]]:
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    store = open_store(tmp_path / "reports.db")
    events = ingest(store, [path])
    yield store, events
    store.close()


def figures(ev: dict) -> list[str]:
    """Every figure an event states, as the brief writes numbers (thousands separated)."""
    nums = [ev.get(k) for k in ("killed", "injured", "duration_minutes")]
    for w in ev.get("weapons") or []:
        nums += [w.get(k) for k in ("launched", "intercepted", "suppressed")]
    nums += [r.get("count") for r in ev.get("released") or []]
    return [f"{n:,}" for n in nums if n is not None]


def line_of(markdown: str, text: str) -> str:
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if text in line:
            notes = []
            for note in lines[i + 1:]:
                if not note.startswith("  - "):
                    break
                notes.append(note)
            return "\n".join([line] + notes)
    raise AssertionError(f"not in the brief: {text}")


# ---------------------------------------------------------------- the seed's day

def test_seed_brief_lists_every_seed_event_with_its_figures(seed_store: tuple[Store, list[dict]]) -> None:
    store, events = seed_store
    assert len(events) >= 10
    brief = build_brief(store, SEED_DAY)
    assert brief.title == "Day 1,085 — Wednesday 12 February 2025" and brief.war_day == 1085
    listed = {eid: item for item in brief.items for eid in item.event_ids}
    assert set(listed) == {e["id"] for e in events}
    md = render_markdown(brief)
    for ev in events:
        item = listed[ev["id"]]
        assert item.sources[0].document.id == SEED.stem
        line = line_of(md, item.text)
        for figure in figures(ev):
            assert re.search(rf"(?<![\d,]){re.escape(figure)}(?![\d,])", line), (figure, line)
        for name in ev.get("participants") or []:
            assert name in line
    # The aid pledge with both of its sums; the night's figures in the tally.
    assert "£150 million ($186.6 million)" in md
    rows = {(r.weapon, r.launched, r.intercepted, r.suppressed) for r in brief.tally}
    assert ("Ballistic missiles", 7, 6, None) in rows and ("Attack drones", 123, 71, 40) in rows
    assert "| Kyiv City, Ukraine | 1 | 4 | 1 |" in md


def test_seed_brief_shows_the_stale_title_warning(seed_store: tuple[Store, list[dict]]) -> None:
    store, _ = seed_store
    brief = build_brief(store, SEED_DAY)
    assert any("Former U.S. President Donald Trump" in w.text for w in brief.warnings)
    md, page = render_markdown(brief), render_html(brief)
    assert "## Warnings about the sources" in md and "'Former U.S. President Donald Trump'" in md
    assert "Former U.S. President Donald Trump" in page
    # Noted on the lines about Donald Trump, not on the others.
    call = line_of(md, "Donald Trump and Vladimir Putin held a call")
    assert "Stale fact" in call and "“Former U.S. President Donald Trump”" in call
    assert "Stale fact" not in line_of(md, "Rustem Umerov and Pete Hegseth held a meeting")


def test_seed_brief_sections(seed_store: tuple[Store, list[dict]]) -> None:
    store, _ = seed_store
    brief = build_brief(store, SEED_DAY)
    titles = [s.title for s in brief.sections]
    assert titles == ["Strikes", "Diplomacy", "Aid and sanctions", "Justice"]
    by_title = {s.title: {i.type for i in s.items} for s in brief.sections}
    assert by_title["Justice"] == {"arrest", "prisoner_exchange"}
    assert by_title["Diplomacy"] <= {"diplomatic_contact", "statement", "agreement"}


# ---------------------------------------------------------------- notes, days, citations

def test_conflicts_and_findings_are_noted(reports: tuple[Store, list[dict]]) -> None:
    store, _ = reports
    brief = build_brief(store, dt.date(2025, 3, 5))
    md, page = render_markdown(brief), render_html(brief)
    fused = {r["id"]: r for r in store.fused_events()}
    disputed = [(item, c) for item in brief.items for c in fused[item.fused_id]["conflicts"]]
    assert disputed  # the two sides' figures of the night, the rising toll
    for item, conflict in disputed:
        noted = [n.text for n in item.notes if n.kind == "conflict"]
        assert any(all(str(v["value"]) in text for v in conflict["values"]) for text in noted), (conflict, noted)
    # Who said what, on the line and under the tally.
    night = next(i for i in brief.items if {c.document.id for c in i.sources} >= {"kd-0305", "nw-0305"})
    said = line_of(md, night.text)
    assert "Russian Ministry of Defence: 20" in said and "Ukrainian Air Force" in said
    assert "Ukraine (country-wide): attack drones intercepted — Ukrainian Air Force" in md
    assert "Russian Ministry of Defence: 20" in page
    # A toll that falls between reports, found when the reports were fused.
    odesa = next(i for i in brief.items if "ow-0307" in {c.document.id for c in i.sources})
    assert "Check: toll falls between reports: killed: 3 in kd-0306" in line_of(md, odesa.text)
    # Figures that do not add up, found when the report was stored.
    friday = render_markdown(build_brief(store, dt.date(2025, 3, 7)))
    assert "Check: figures do not add up: drone: 14 intercepted = 14, more than the 12 launched" in friday


def test_tally_claimant_is_who_gives_the_figure(reports: tuple[Store, list[dict]]) -> None:
    store, _ = reports
    brief = build_brief(store, dt.date(2025, 3, 5))
    drones = next(r for r in brief.tally if r.weapon == "Attack drones")
    assert (drones.launched, drones.intercepted) == (90, 60)
    assert "Ukrainian Air Force" in drones.claimed_by and "Russian Ministry of Defence" not in drones.claimed_by
    assert [c.document.id for c in drones.sources] == ["kd-0305"]


def test_the_days_reports_of_earlier_events_show_their_date(reports: tuple[Store, list[dict]]) -> None:
    store, events = reports
    brief = build_brief(store, dt.date(2025, 3, 6))
    late = next(e for e in events if e["document_id"] == "kd-0306" and e["type"] == "aerial_attack")
    assert late["date"] == "2025-03-05"
    item = next(i for i in brief.items if late["id"] in i.event_ids)
    assert item.other_day and item.date == dt.date(2025, 3, 5)
    md = render_markdown(brief)
    assert line_of(md, item.text).startswith("- **5 March 2025:** ")
    # It happened the day before: not in this day's tally or casualty table.
    assert not brief.tally and not brief.casualties
    assert "Security Service of Ukraine detained a man in Kharkiv" in md
    # The brief of 5 March has the Odesa toll as fused, once; the next day's arrest is not in it.
    march5 = build_brief(store, dt.date(2025, 3, 5))
    odesa = next(r for r in store.fused_events(date_from="2025-03-05", date_to="2025-03-05")
                 if late["id"] in {s["event_id"] for s in r["sources"]})
    row = next(c for c in march5.casualties if c.region == "Odesa, Ukraine")
    assert (row.killed, row.injured, row.events) == (odesa["killed"], odesa["injured"], 1)
    assert not any(i.type == "arrest" for i in march5.items)


def test_citations_escape_what_the_documents_say(reports: tuple[Store, list[dict]]) -> None:
    store, _ = reports
    brief = build_brief(store, dt.date(2025, 3, 5))
    md, page = render_markdown(brief), render_html(brief)
    assert "[Kyiv \\<Desk\\> & \"Co\"](https://kyiv-desk.example/2025/03/05/night)" in md
    assert "North \\| Wire" in md and "javascript:" not in md
    assert '<a href="https://kyiv-desk.example/2025/03/05/night">Kyiv &lt;Desk&gt; &amp; &quot;Co&quot;</a>' in page
    assert "North | Wire" in page and "javascript:" not in page and "<Desk>" not in page


def test_documents_of_one_outlet_are_told_apart(reports: tuple[Store, list[dict]]) -> None:
    store, _ = reports
    brief = build_brief(store, dt.date(2025, 3, 5))
    names = {d.id: d.name for d in brief.documents}
    assert names == {"kd-0305": 'Kyiv <Desk> & "Co", 5 March', "kd-0306": 'Kyiv <Desk> & "Co", 6 March',
                     "nw-0305": "North | Wire", "ow-0307": "Odesa Wire"}
    odesa = next(c for c in brief.casualties if c.region == "Odesa, Ukraine")
    assert {c.document.id for c in odesa.sources} == {"kd-0305", "kd-0306", "ow-0307"}
    assert '[Kyiv \\<Desk\\> & "Co", 6 March](https://kyiv-desk.example/2025/03/06/toll)' in render_markdown(brief)


def test_documents_of_one_outlet_and_day_are_told_apart_by_title() -> None:
    from sitrep.report.brief import DocumentRef, _named

    day = dt.date(2025, 2, 12)
    docs = {d.id: d for d in (
        DocumentRef("a", "Wire", "Kyiv hit by ballistic missiles and drones overnight", None, day),
        DocumentRef("b", "Wire", "Trump and Putin talk", None, day),
        DocumentRef("c", "Wire", None, None, day), DocumentRef("d", None, None, None, day))}
    assert [d.name for d in _named(docs).values()] == [
        "Wire: Kyiv hit by ballistic missiles and…", "Wire: Trump and Putin talk", "Wire, c", "d"]


def test_markdown_tables_are_well_formed(reports: tuple[Store, list[dict]],
                                         seed_store: tuple[Store, list[dict]]) -> None:
    for store, day in ((reports[0], dt.date(2025, 3, 5)), (seed_store[0], SEED_DAY)):
        md = render_markdown(build_brief(store, day))
        table: list[int] = []
        for line in md.splitlines() + [""]:
            if line.startswith("|"):
                table.append(len(re.findall(r"(?<!\\)\|", line)))
            elif table:
                assert len(set(table)) == 1 and len(table) >= 3, table
                table = []
        assert "\n\n\n" not in md and md.endswith("\n")


def test_an_empty_day_says_so(seed_store: tuple[Store, list[dict]]) -> None:
    store, _ = seed_store
    brief = build_brief(store, dt.date(2025, 2, 20))
    assert brief.empty and brief.war_day == 1093
    assert "Nothing was recorded for this day" in render_markdown(brief)
    assert "Nothing was recorded for this day" in render_html(brief)


def test_a_day_before_the_war_has_no_war_day(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        brief = build_brief(store, dt.date(2022, 2, 23))
    assert brief.war_day is None and brief.title == "Wednesday 23 February 2022"
    assert "Day " not in render_markdown(brief)
    assert build_brief(open_store(":memory:"), dt.date(2022, 2, 24)).title.startswith("Day 1 — Thursday")


def test_events_not_yet_fused_are_still_briefed(reports: tuple[Store, list[dict]]) -> None:
    store, events = reports
    store.save_fused([], replace_all=True)  # as a store would be if fusion had not run
    brief = build_brief(store, dt.date(2025, 3, 5))
    listed = {eid for i in brief.items for eid in i.event_ids}
    # The day's reports and the events dated that day (the next days' reports of the night included).
    assert listed == {e["id"] for e in events
                      if e["document_id"] in ("kd-0305", "nw-0305") or e["date"] == "2025-03-05"}
    assert len(listed) == len(events) - 2


def test_the_brief_reads_postgresql_through_the_same_code(reports: tuple[Store, list[dict]],
                                                         tmp_path: Path, pg_url: str) -> None:
    url = pg_url
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    with open_store(url) as pg:
        ingest(pg, [path])
        for day in (dt.date(2025, 3, 5), dt.date(2025, 3, 6), dt.date(2025, 3, 7)):
            assert render_markdown(build_brief(pg, day)) == render_markdown(build_brief(reports[0], day))
        assert busiest_day(pg) == busiest_day(reports[0])


def test_busiest_day_is_the_day_with_most_fused_events_latest_on_ties(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        assert busiest_day(store) is None
        def rec(i: int, day: str | None) -> dict:
            return {"id": f"fe-{i}", "type": "statement", "date": day, "sources": [], "conflicts": [], "fusion": []}
        store.save_fused([rec(1, "2025-01-01"), rec(2, "2025-01-01"), rec(3, "2025-01-03"), rec(4, None),
                          rec(5, None), rec(6, None)])
        assert busiest_day(store) == dt.date(2025, 1, 1)
        store.save_fused([rec(7, "2025-01-03")])
        assert busiest_day(store) == dt.date(2025, 1, 3)


def test_sentences_read_the_fields() -> None:
    assert sentence({"type": "diplomatic_contact", "mode": "call", "status": "held",
                     "participants": ["Donald Trump", "Vladimir Putin"], "duration_minutes": 90}) == \
        "Donald Trump and Vladimir Putin held a call (90 minutes)."
    avdiivka = {"name": "Avdiivka", "admin1": "Donetsk", "country": "UA", "precision": "settlement"}
    assert sentence({"type": "territory_change", "taken_by": "RU", "location": avdiivka}) == \
        "Avdiivka, Donetsk, Ukraine taken by Russia."
    assert sentence({"type": "prisoner_exchange", "parties": ["UA", "RU"],
                     "released": [{"name": None, "count": 390, "released_by": "RU"}]}) == \
        "Prisoner exchange between Ukraine and Russia: Russia released 390 prisoners."
    assert sentence({"type": "sanctions", "imposer": ["EU"], "target": ["Rosneft", "Lukoil"]}) == \
        "Sanctions by EU on Rosneft and Lukoil."


# ---------------------------------------------------------------- HTML on its own

class _Resources(HTMLParser):
    """Everything in a page that would make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: set[str] = set()
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "srcset", "poster", "data", "background") or name.startswith("on"):
                self.fetches.append(f"{tag} {name}={value}")
            if name == "href" and tag != "a":
                self.fetches.append(f"{tag} href={value}")
            if name == "style":
                self.styles.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def test_html_loads_nothing_from_elsewhere(seed_store: tuple[Store, list[dict]],
                                           reports: tuple[Store, list[dict]]) -> None:
    for store, day in ((seed_store[0], SEED_DAY), (reports[0], dt.date(2025, 3, 5))):
        page = render_html(build_brief(store, day))
        parser = _Resources()
        parser.feed(page)
        assert parser.fetches == []
        assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source"}
        css = "\n".join(parser.styles)
        assert css and "@import" not in css and "url(" not in css and "@font-face" not in css
        assert all(h.startswith("https://") for h in re.findall(r'href="([^"]*)"', page))
    assert '<a href="https://kyiv-desk.example/2025/03/05/night">' in page  # links to sources are kept


def _browser() -> str:
    path = os.environ.get("SITREP_TEST_BROWSER") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    if not path:
        pytest.fail("no browser to render the brief: run `bash scripts/test_browser.sh` (it installs chromium) "
                    "and set SITREP_TEST_BROWSER to the path it prints (make test does)")
    return path


def _headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # No network: every request goes to a proxy that is not there and every name fails to resolve.
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
           "--disable-extensions", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
           "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    except OSError as exc:
        pytest.fail(f"the browser {browser} could not be started: {exc}")
    if done.returncode != 0:
        pytest.fail(f"the browser failed ({done.returncode}): {done.stderr[-2000:]}")
    return done


def _png_has_ink(path: Path) -> bool:
    """Whether a PNG shows something drawn: a blank page filters down to a handful of byte values
    (white, zeros, the row filter types), anti-aliased text to many."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) > 32


def test_html_brief_renders_in_a_browser_without_network(seed_store: tuple[Store, list[dict]],
                                                         tmp_path: Path) -> None:
    store, _ = seed_store
    brief = build_brief(store, SEED_DAY)
    page = tmp_path / "brief.html"
    page.write_text(render_html(brief), encoding="utf-8")
    browser = _browser()
    dom = _headless(browser, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert "<h1>Day 1,085 — Wednesday 12 February 2025</h1>" in dom
    assert len(re.findall(r'<li id="', dom)) == len(brief.items)
    assert "Former U.S. President Donald Trump" in dom
    shot = tmp_path / "brief.png"
    _headless(browser, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1000,1600",
              "--hide-scrollbars", page.as_uri())
    assert shot.stat().st_size > 10_000 and _png_has_ink(shot)
    pdf = tmp_path / "brief.pdf"  # and it prints
    _headless(browser, tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


# ---------------------------------------------------------------- the command

def test_cli_brief_by_date_day_and_busiest(seed_store: tuple[Store, list[dict]], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    store, _ = seed_store
    db = store.engine.url.database
    assert main(["brief", "--date", "2025-02-12", "--db", db]) == 0
    by_date = capsys.readouterr().out
    assert by_date.startswith("# Day 1,085 — Wednesday 12 February 2025\n")
    assert main(["brief", "--day", "1085", "--db", db]) == 0
    assert capsys.readouterr().out == by_date
    assert main(["brief", "--busiest", "--db", db]) == 0
    assert capsys.readouterr().out == by_date
    out = tmp_path / "brief.html"
    assert main(["brief", "--day", "1085", "--format", "html", "-o", str(out), "--db", db]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_brief_of_an_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "empty.db")
    assert main(["brief", "--busiest", "--db", db]) == 2
    assert "nothing to brief" in capsys.readouterr().err
    assert main(["brief", "--date", "2025-02-12", "--db", db]) == 0
    assert "Nothing was recorded for this day" in capsys.readouterr().out


def test_brief_is_a_typed_object(seed_store: tuple[Store, list[dict]]) -> None:
    brief = build_brief(seed_store[0], SEED_DAY)
    assert isinstance(brief, Brief) and brief.documents[0].id == SEED.stem
    assert all(isinstance(i.date, (dt.date, type(None))) for i in brief.items)
