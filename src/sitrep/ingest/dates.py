"""The date a text speaks from, where the text itself states it.

Cues, strongest first (the first that gives a date wins):

1. ``marker``      a leading `` date 2025-03-01 `` line (the page's own date; ``date 2023-09``
                   gives the year alone);
2. ``stamp``       a page stamp: "Published On 15 Feb 2024", "Updated: 15-12-2023 12:13 IST",
                   "August 19, 2023 — 01:31 am EDT";
3. ``situation``   the digest's own day: "Here is the situation on Thursday, February 15, 2024",
                   "What happened today, Wednesday, March 30?" (a missing year is taken from a
                   war-day count, the year marker, or the one war year whose calendar has that
                   weekday on that day);
4. ``dateline``    "KYIV, Feb 12 (Reuters) -", with its year from the year marker or the one
                   year the text mentions;
5. ``war_day``     "enters its 1,085th day", "day 110 of the invasion"; a titled "key events,
                   day N" last, because titles lag the count by a day or two;
6. ``lead_date``   the latest full calendar date with its year in the lead ("overnight into
                   August 23, 2023"), which in a news item is the day reported on.

A calendar date is preferred to a day number. Nothing is guessed: no cue, no date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitrep.model import WAR_START, date_of_war_day

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"

# A calendar date with its year, in the shapes news pages use; each shape has its own groups.
FULL_DATE = (
    rf"(?:(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{MONTH}),?\s+(?P<y1>{_YEAR})"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
    rf"|(?P<d4>\d{{1,2}})[-.](?P<m4>\d{{1,2}})[-.](?P<y4>20\d\d))(?![\d-])"
)
_FULL_DATE = re.compile(rf"\b{FULL_DATE}")
_CLOCK = r"\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?"

_MARKER = re.compile(r"\A\s*date\s+(?P<y>\d{4})-(?P<m>\d\d)(?:-(?P<d>\d\d))?(?=\s|\Z)")
_STAMP_LABELLED = re.compile(
    rf"\b(?P<label>first\s+published|published|posted|created|last\s+updated|updated)(?:\s+on)?\s*:?\s*"
    rf"(?:{WEEKDAY},?\s+)?{FULL_DATE}", re.I)
_STAMP_TIMED = re.compile(rf"\b{FULL_DATE}\s*(?:[—–|,-]|at)?\s*{_CLOCK}")
_STAMP_LINE = re.compile(rf"^[ \t]*(?:{WEEKDAY},?\s+)?{FULL_DATE}[ \t]*$", re.M)
_SITUATION = re.compile(
    rf"\b(?:here\s+(?:is|are)\s+(?:the\s+situation|how\s+things\s+stand|the\s+(?:key|main)\s+(?:events|developments)"
    rf"|what\s+we\s+know)|what\s+happened\s+(?:today|on)|the\s+situation)"
    rf"(?:\s+(?:so\s+far|as\s+it\s+stands|as\s+of\s+now|today))*[\s,]+(?:on\s+)?(?P<wd>{WEEKDAY}),?\s+"
    rf"(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH})){_ORD}(?:,?\s+(?P<y>{_YEAR}))?\b",
    re.I)
_AGENCY = r"(?:Reuters|AP|AFP|Bloomberg|Interfax[^)]*|UNIAN|Ukrinform|dpa|Xinhua|TASS)"
# "KYIV, Feb 12 (Reuters) -", "KYIV, Friday, Feb. 14 (Kyiv Desk) —", "Aug 19 (Reuters) -"
_DATELINE = re.compile(
    rf"^[ \t]*(?:[A-Z][A-Za-z.'’ -]{{1,40}},\s*)*?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?\s*(?:\({_AGENCY}\)|\([A-Z][\w .&'’-]{{1,40}}\)\s*[—–-])", re.M)
_WAR_DAY = re.compile(
    rf"\benters\s+(?:its|the)\s+(?P<n1>{_COUNT})(?:st|nd|rd|th)\s+day\b"
    rf"|\bday\s+(?P<n2>{_COUNT})\s+of\s+(?:the\s+)?(?:Russia['’]s\s+|Russian\s+|full[- ]scale\s+)*(?:war|invasion)\b"
    rf"|\b(?P<n3>{_COUNT})(?:st|nd|rd|th)\s+day\s+of\s+(?:the\s+)?(?:Russia['’]s\s+|Russian\s+|full[- ]scale\s+)*(?:war|invasion)\b",
    re.I)
# Titles: "List of key events, day 1,101", "Russia-Ukraine war, day 900:", "war at a glance – day 300"
_WAR_DAY_TITLE = re.compile(rf"\b(?:key\s+(?:events|developments)|war(?:\s+at\s+a\s+glance)?)\s*[-–—:,]?\s*"
                            rf"day\s+(?P<n>{_COUNT})\b", re.I)
_YEAR_MENTION = re.compile(r"\b(20[2-9]\d)\b")
# Words before a date or year that make it the edge of a span or a plan, not the day reported on.
_NOT_REPORT_DAY = re.compile(r"\b(?:since|from|until|till|through|by|before|after|between|in|and|to|next|"
                             r"scheduled|expires?|born)\b\s*(?:\w+,?\s+)?$", re.I)

# Before a year mention: the war's start ("invaded in February 2022") or a span or plan ("by 2030").
_HISTORY_OR_PLAN = re.compile(r"(?:\b(?:invasion|invaded|began|begun|started|launched|annex\w*|since|from|until|till|"
                              r"through|by|before|after|between|next|to)\b[^.!?\n]{0,40}|[-–])$", re.I)

HEAD = 3000  # characters searched for stamps, digests' own day and war-day counts
LEAD = 1500  # characters searched for a dateline or a lead date


@dataclass(frozen=True, slots=True)
class DateFinding:
    """The date a text gives itself: ``date`` where a full date is known, else ``year`` alone.

    ``rule`` names the cue (``marker``, ``stamp``, ``situation``, ``dateline``, ``war_day``,
    ``lead_date``); ``start``/``end`` are its offsets in the text.
    """

    date: dt.date | None
    year: int | None
    rule: str
    start: int
    end: int


def month_number(name: str) -> int:
    """``month_number("Sept.") == 9``."""
    return _MONTHS[name.lower().rstrip(".")]


def full_date(m: re.Match[str]) -> dt.date | None:
    """The date of a match of :data:`FULL_DATE` (None where the numbers are no real date)."""
    g = m.groupdict()
    try:
        if g.get("y1"):
            return dt.date(int(g["y1"]), month_number(g["m1"]), int(g["d1"]))
        if g.get("y2"):
            return dt.date(int(g["y2"]), month_number(g["m2"]), int(g["d2"]))
        if g.get("y3"):
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g.get("y4"):  # 15-12-2023, 15.12.2023: day first, as outside the US
            return dt.date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    except ValueError:
        return None
    return None


def parse_date_value(value: str) -> tuple[dt.date | None, int | None]:
    """A record's date string as ``(date, year)``: ISO dates and datetimes give a date,
    ``"2023-09"`` or ``"2023"`` the year alone; anything else ``(None, None)``.

    >>> parse_date_value("2025-02-12T08:30:00Z")
    (datetime.date(2025, 2, 12), 2025)
    """
    value = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?", value)
    if m:
        if m.group(2) and not 1 <= int(m.group(2)) <= 12:
            return None, None
        return None, int(m.group(1))
    try:
        day = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return None, None
    return day, day.year


def find_reference_date(text: str, *, year_hint: int | None = None,
                        latest_year: int | None = None) -> DateFinding | None:
    """The date ``text`` says it speaks from, or None where it says none.

    ``year_hint`` is a year known from elsewhere (a record's "2023-09"); ``latest_year`` bounds
    the years a weekday can resolve to (default: this year).

    >>> find_reference_date("As the war enters its 1,085th day, talks go on.").date
    datetime.date(2025, 2, 12)
    """
    marker = _MARKER.match(text)
    if marker:
        year = int(marker.group("y"))
        if marker.group("d"):
            try:
                day = dt.date(year, int(marker.group("m")), int(marker.group("d")))
                return DateFinding(day, year, "marker", marker.start("y") - 5, marker.end())
            except ValueError:
                pass
        year_hint = year_hint or year
    head = text[:HEAD]
    found = (_stamp(head) or _situation(head, year_hint, latest_year) or _dateline(text, year_hint, latest_year)
             or _war_day(head) or _lead_date(text[:LEAD]))
    if found is None and marker and year_hint:
        return DateFinding(None, year_hint, "marker", marker.start("y") - 5, marker.end())
    if found is None and year_hint:
        return DateFinding(None, year_hint, "year", 0, 0)
    return found


def _short_line(text: str, start: int, end: int, limit: int = 160) -> bool:
    """Whether the match lies on a line short enough to be a byline, not a sentence of the story."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return (len(text) if line_end < 0 else line_end) - line_start <= limit


def _stamp(head: str) -> DateFinding | None:
    best: tuple[int, int, DateFinding] | None = None
    for m in _STAMP_LABELLED.finditer(head):
        day = full_date(m)
        if day and _short_line(head, m.start(), m.end()):
            rank = 2 if "updated" in m.group("label").lower() else 0
            cand = (rank, m.start(), DateFinding(day, day.year, "stamp", m.start(), m.end()))
            best = min(best, cand, key=lambda c: c[:2]) if best else cand
    for pattern in (_STAMP_TIMED, _STAMP_LINE):
        for m in pattern.finditer(head):
            day = full_date(m)
            if day and _short_line(head, m.start(), m.end(), 120):
                cand = (1, m.start(), DateFinding(day, day.year, "stamp", m.start(), m.end()))
                best = min(best, cand, key=lambda c: c[:2]) if best else cand
                break
    return best[2] if best else None


def _situation(head: str, year_hint: int | None, latest_year: int | None) -> DateFinding | None:
    m = _SITUATION.search(head)
    if not m:
        return None
    month = month_number(m.group("m1") or m.group("m2"))
    day = int(m.group("d1") or m.group("d2"))
    weekday = _WEEKDAYS[m.group("wd").lower()]
    if m.group("y"):
        try:
            found = dt.date(int(m.group("y")), month, day)
        except ValueError:
            return None
        return DateFinding(found, found.year, "situation", m.start(), m.end())
    years: list[int]
    counted = _war_day(head)
    if counted and counted.date:
        # the day count fixes the year; take the year that puts the date nearest the count
        near = counted.date
        years = sorted((y for y in (near.year - 1, near.year, near.year + 1) if _valid(y, month, day)),
                       key=lambda y: abs((dt.date(y, month, day) - near).days))[:1]
        if years and abs((dt.date(years[0], month, day) - near).days) > 7:
            years = []
    elif year_hint:
        years = [year_hint] if _valid(year_hint, month, day) else []
    else:
        years = _years_with_weekday(month, day, weekday, latest_year)
    if len(years) != 1:
        return None
    found = dt.date(years[0], month, day)
    return DateFinding(found, found.year, "situation", m.start(), m.end())


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _dateline(text: str, year_hint: int | None, latest_year: int | None) -> DateFinding | None:
    m = _DATELINE.search(text[:LEAD])
    if not m:
        return None
    month, day = month_number(m.group("m")), int(m.group("d"))
    if m.group("y"):
        year: int | None = int(m.group("y"))
    elif year_hint:
        year = year_hint
    elif m.group("wd"):
        years = _years_with_weekday(month, day, _WEEKDAYS[m.group("wd").lower()], latest_year)
        year = years[0] if len(years) == 1 else None
    else:
        # "with a year somewhere": only when the text names exactly one plausible year
        years = {int(y.group(1)) for y in _YEAR_MENTION.finditer(text)
                 if not _HISTORY_OR_PLAN.search(text[max(0, y.start() - 60):y.start()])}
        year = years.pop() if len(years) == 1 else None
    if year is None or not _valid(year, month, day):
        return None
    found = dt.date(year, month, day)
    return DateFinding(found, year, "dateline", m.start("m"), m.end())


def _years_with_weekday(month: int, day: int, weekday: int, latest_year: int | None) -> list[int]:
    """The war years in which ``month``/``day`` falls on ``weekday`` (one, or the date is ambiguous)."""
    last = latest_year or dt.date.today().year
    return [y for y in range(WAR_START.year, last + 1)
            if _valid(y, month, day) and dt.date(y, month, day) >= WAR_START
            and dt.date(y, month, day).weekday() == weekday]


def _war_day(head: str) -> DateFinding | None:
    for pattern, groups in ((_WAR_DAY, ("n1", "n2", "n3")), (_WAR_DAY_TITLE, ("n",))):
        for m in pattern.finditer(head):
            n = int(next(m.group(g) for g in groups if m.group(g)).replace(",", ""))
            if 1 <= n <= 20_000:
                day = date_of_war_day(n)
                return DateFinding(day, day.year, "war_day", m.start(), m.end())
    return None


def _lead_date(lead: str) -> DateFinding | None:
    best: DateFinding | None = None
    for m in _FULL_DATE.finditer(lead):
        day = full_date(m)
        if day is None or day <= WAR_START:  # the invasion's own date is history, not the news
            continue
        if _NOT_REPORT_DAY.search(lead[max(0, m.start() - 30):m.start()]):
            continue
        if best is None or best.date is None or day > best.date:
            best = DateFinding(day, day.year, "lead_date", m.start(), m.end())
    return best
