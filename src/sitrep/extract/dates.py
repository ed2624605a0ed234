"""Event dates from the cues a sentence gives ("overnight", "on Tuesday", "on May 28"),
resolved against the document's reference date. No cue, or no reference: no date."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitrep.model import WAR_START

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# "night of 15-16 April", "night of April 15-16", "overnight into September 20"
_NIGHT_RANGE = re.compile(
    rf"\bnight\s+(?:of|to|into)\s+(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–/]|to|into)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–/]|to|into)\s*(?P<d4>\d{{1,2}}))", re.I)
# "the early hours of Thursday", "the night of Saturday": that weekday, even where "early hours" alone means the reference
_PART_OF_WEEKDAY = re.compile(rf"\b(?:(?:early\s+hours|morning|night|evening|afternoon)\s+of\s+(?:last\s+)?"
                              rf"(?:{_WEEKDAY}\s+(?:to|into)\s+)?"
                              rf"|(?:overnight|night)\s+(?:[\w-]+\s+){{0,2}}?(?:into|to)\s+)(?P<wd>{_WEEKDAY})\b", re.I)
# "on Wednesday night", "late Saturday night": the night that ends on the next morning, which dates it
_WEEKDAY_NIGHT = re.compile(rf"\b(?P<wd>{_WEEKDAY})\s+night\b(?!\s+(?:into|to)\b)", re.I)
# "between late Wednesday and Thursday morning", "from Saturday evening until Sunday morning": the morning it ended
# "from late on Wednesday until after dawn": the next morning
_NIGHT_SPAN = re.compile(rf"\b(?:between|from)\s+(?:late\s+(?:on\s+)?)?(?P<wd1>{_WEEKDAY})(?:\s+(?:night|evening))?\s+(?:and|to|until|till|into)\s+"
                         rf"(?:(?:early\s+)?(?P<wd>{_WEEKDAY})(?:\s+morning)?|(?:after\s+|before\s+|just\s+after\s+)?(?:dawn|daybreak|sunrise"
                         rf"|the\s+(?:next\s+|following\s+)?morning))\b", re.I)
# "two days ago", "three days earlier"
_DAYS_AGO = re.compile(r"\b(?P<n>two|three|four|five|six|2|3|4|5|6)\s+days\s+ago\b", re.I)
# "from 19:00 on January 1", "starting at 6 p.m. on Sunday": an overnight attack is dated by the morning it ends
_EVENING_START = re.compile(r"\b(?:starting|beginning|from|since)\s+(?:at\s+)?(?P<h>\d{1,2})(?:[:.]\d\d)?\s*(?P<pm>p\.?m\.?)?\s+"
                            r"(?:on\s+)?(?:the\s+)?(?:\w+day,?\s+)?$", re.I)
_MONTH_DAY = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}))"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b")
# "on Monday", "last Friday", "Wednesday's attack" (a possessive weekday is that day, looking back)
_WEEKDAY_RE = re.compile(rf"\b(?P<pre>(?:on|early|late|last|overnight|since|from|until|till|by|before|next|this\s+coming)\s+(?:the\s+)?)?(?P<wd>{_WEEKDAY})\b", re.I)
_REPORT_VERB = re.compile(r"\b(?:said|says|reported|announced|told|stated|claimed|wrote|added|confirmed)\s+(?:on\s+|late\s+|early\s+)?$", re.I)
_OVERNIGHT = re.compile(r"\b(?:overnight|last night|during the night|at night|in the early hours|early hours|"
                        r"early (?:this|on) morning|this morning|earlier today|today|tonight"
                        r"|(?:over|in|during)\s+the\s+(?:last|past)\s+(?:24\s+hours|day|night)|before\s+dawn|at\s+dawn|pre-dawn)\b", re.I)
# A lead that frames the whole text as one day's news: "The day was marked by strikes", "What happened today".
DAY_FRAME = re.compile(r"\b(?:the\s+day\s+was\s+marked\s+by|what\s+happened\s+today|today['’]s\s+(?:main\s+)?(?:events|developments)"
                       r"|(?:events|developments)\s+of\s+the\s+day)\b", re.I)
# A dateline: "KYIV, Thursday, Feb. 13, 2025 (Kyiv Desk) —", "MOSCOW, May 23 (Reuters) -"
_DATELINE_AFTER = re.compile(r"(?:,?\s*(?:19|20)\d\d)?\s*(?:\([^)]{1,40}\))?\s*[—–-]\s")
_DATELINE_BEFORE = re.compile(r"^\W*[A-Z][A-Z'’./ -]{2,40},\s+(?:[A-Z][a-z]+day,\s+)?$")
# "On the 724th day of the war", "on day 899 of the invasion"
_WAR_DAY_CUE = re.compile(r"\b[Oo]n\s+(?:the\s+(?=\d)|day\s+)(?P<n>\d{1,2},?\d{3}|\d{2,4})(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the\s+)?"
                          r"(?:full-scale\s+)?(?:war|invasion)\b")
# "a day after the attack": the event the sentence looks back to
_DAY_AFTER = re.compile(r"\b(?:a|one)\s+day\s+after\b", re.I)
_YESTERDAY = re.compile(r"\byesterday\b", re.I)


@dataclass(frozen=True, slots=True)
class DateCue:
    date: dt.date
    precision: str  # "day"
    start: int  # offsets within the sentence
    end: int
    rule: str


# Built from the pieces above, compiled once rather than on every call.
_WEEKDAY_END = re.compile(rf"({_WEEKDAY}),?\s*$", re.I)
_MONTH_NEXT = re.compile(rf",\s+{_MONTH}\s+\d")
_DIGIT = re.compile(r"\d")


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _in_war(d: dt.date, ref: dt.date | None) -> bool:
    return d >= WAR_START - dt.timedelta(days=30) and (ref is None or d <= ref + dt.timedelta(days=1))


def _with_year(month: int, day: int, ref: dt.date | None, year_hint: int | None) -> dt.date | None:
    year = ref.year if ref else year_hint
    if year is None:
        return None
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    if ref is not None and d > ref + dt.timedelta(days=7):  # "December 30" read in January
        try:
            d = dt.date(year - 1, month, day)
        except ValueError:
            return None
    return d


def day_frame(text: str, ref: dt.date | None, lead: int = 600) -> DateCue | None:
    """The reference day, where the text's lead frames it as one day's news; offsets are the text's.

    >>> day_frame("The day was marked by strikes. Drones hit Sumy.", dt.date(2025, 2, 12)).rule
    'date.day_frame'
    """
    m = DAY_FRAME.search(text, 0, lead) if ref is not None else None
    return DateCue(ref, "day", m.start(), m.end(), "date.day_frame") if m else None


def _evening(m: re.Match[str]) -> bool:
    """An hour from 17:00 on (or any p.m. hour past 4) starts a night that ends the next morning."""
    h = int(m.group("h"))
    return h >= 17 or (m.group("pm") is not None and 5 <= h < 12)


def find_date(sentence: str, ref: dt.date | None, year_hint: int | None = None) -> DateCue | None:
    """The date a sentence gives its event, or None where it gives no cue or none can be worked out.

    >>> find_date("Russia attacked overnight.", dt.date(2025, 2, 12)).date
    datetime.date(2025, 2, 12)
    """
    # Each pattern below needs a digit or one of a few words, all tested at once first: a sentence with
    # none of them is passed over, and a pattern whose word or digit is missing is not tried.
    # (The words hold no letter that IGNORECASE matches beyond ``lower()`` but "i", matched by "ı" and "İ" too.)
    low = sentence.lower()
    has_day = "day" in low  # the weekdays, "today", "yesterday", "days ago", "a day after"
    digit = _DIGIT.search(sentence) is not None
    if not (has_day or digit or "night" in low or "hour" in low or "morning" in low or "dawn" in low
            or "ı" in sentence or "İ" in sentence):
        return None
    m = _NIGHT_RANGE.search(sentence) if digit else None
    if m:
        month = _month(m.group("m1") or m.group("m2"))
        day = int(m.group("d2") or m.group("d4"))
        d = _with_year(month, day, ref, year_hint)
        if d and _in_war(d, ref):
            return DateCue(d, "day", m.start(), m.end(), "date.night_range")
    for m in _MONTH_DAY.finditer(sentence) if digit else ():
        month = _month(m.group("m1") or m.group("m2"))
        day = int(m.group("d1") or m.group("d2"))
        if m.group("y"):
            try:
                d = dt.date(int(m.group("y")), month, day)
            except ValueError:
                continue
        else:
            d = _with_year(month, day, ref, year_hint)
            wd = _WEEKDAY_END.search(sentence[max(0, m.start() - 12):m.start()])
            if d is None and wd:  # "Wednesday, October 11" with no year: the weekday fixes it
                d = year_by_weekday(month, day, WEEKDAYS[wd.group(1).lower()])
        if d is None or not _in_war(d, ref):
            continue
        before = sentence[:m.start()]
        if _DATELINE_AFTER.match(sentence, m.end()) or _DATELINE_BEFORE.search(before):
            continue  # "KYIV, Thursday, Feb. 13, 2025 (Kyiv Desk) —": the day of the page, not of an event
        ev = _EVENING_START.search(before)
        if ev and _evening(ev):
            return DateCue(d + dt.timedelta(days=1), "day", ev.start(), m.end(), "date.evening_start")
        if re.search(r"\bnight of\s*$", before, re.I) or re.search(r"\b(?:into|to)\s*$", before):
            return DateCue(d, "day", m.start(), m.end(), "date.night_of")
        if re.search(r"\b(?:since|from|until|by|as of|before|after)\s+(?:the\s+)?(?:evening\s+of\s+)?(?:\w+,?\s+)?$", before, re.I):
            continue
        return DateCue(d, "day", m.start(), m.end(), "date.month_day")
    m = _WAR_DAY_CUE.search(sentence) if digit else None
    if m:  # "on the 724th day of the war": that day, whatever the reference
        d = WAR_START + dt.timedelta(days=int(m.group("n").replace(",", "")) - 1)
        if _in_war(d, ref):
            return DateCue(d, "day", m.start(), m.end(), "date.war_day")
    if ref is None:
        return None
    m = _PART_OF_WEEKDAY.search(sentence) if has_day else None
    if m:
        back = (ref.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
        return DateCue(ref - dt.timedelta(days=back), "day", m.start(), m.end(), "date.part_of_weekday")
    m = _NIGHT_SPAN.search(sentence) if has_day else None
    if m:
        if m.group("wd"):
            back = (ref.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
        else:
            back = (ref.weekday() - WEEKDAYS[m.group("wd1").lower()]) % 7 - 1
        return DateCue(ref - dt.timedelta(days=back), "day", m.start(), m.end(), "date.night_span")
    m = _WEEKDAY_NIGHT.search(sentence) if has_day else None
    if m and not _REPORT_VERB.search(sentence[:m.start()]) and not re.search(r"\b(?:since|until|till|by|before|next)\s+$",
                                                                              sentence[:m.start()], re.I):
        back = (ref.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
        return DateCue(ref - dt.timedelta(days=back - 1), "day", m.start(), m.end(), "date.weekday_night")
    m = _OVERNIGHT.search(sentence)
    if m:
        return DateCue(ref, "day", m.start(), m.end(), "date.overnight")
    if not has_day:
        return None  # the cues left all hold "day"
    m = _DAYS_AGO.search(sentence)
    if m:
        n = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get(m.group("n").lower()) or int(m.group("n"))
        return DateCue(ref - dt.timedelta(days=n), "day", m.start(), m.end(), "date.days_ago")
    m = _DAY_AFTER.search(sentence)
    if m:
        # "clearing up on Thursday, a day after the attack": the attack is the day before
        base = find_date(sentence[:m.start()], ref)
        day = (base.date if base is not None and base.rule == "date.weekday" else ref) - dt.timedelta(days=1)
        return DateCue(day, "day", m.start(), m.end(), "date.day_after")
    for m in _WEEKDAY_RE.finditer(sentence):
        if _DATELINE_BEFORE.search(sentence[:m.start()]) or _MONTH_NEXT.match(sentence[m.end():]):
            continue  # the dateline's weekday
        if _REPORT_VERB.search(sentence[:m.start()]):
            continue  # "X said on Thursday": the day of the report, not of the event
        pre = (m.group("pre") or "").lower().strip()
        possessive = sentence.startswith(("'s", "’s"), m.end())
        if pre in ("since", "from", "until", "till", "by", "before", "next", "this coming") and not possessive:
            continue  # "since Monday" spans days; "the toll from Monday's strike" is Monday's
        wd = WEEKDAYS[m.group("wd").lower()]
        back = (ref.weekday() - wd) % 7
        if pre == "last" and back == 0:
            back = 7
        ev = _EVENING_START.search(sentence[:m.start()])
        if ev and _evening(ev) and back > 0:
            return DateCue(ref - dt.timedelta(days=back - 1), "day", ev.start(), m.end(), "date.evening_start")
        return DateCue(ref - dt.timedelta(days=back), "day", m.start(), m.end(), "date.weekday")
    m = _YESTERDAY.search(sentence)
    if m:
        return DateCue(ref - dt.timedelta(days=1), "day", m.start(), m.end(), "date.yesterday")
    return None


# The reference day a text gives without a full date, for texts whose ingest found none:
# "day 899" / "its 1,145th day" of the war, or a weekday beside a month and day ("Wednesday, October 11").
_WAR_DAY = re.compile(r"\b(?:on\s+)?day\s+(?P<a>\d{1,2},?\d{3}|\d{2,4})\b(?!\s*(?:of\s+(?:the\s+)?(?:talks|summit|visit|trial)))"
                      r"|\b(?P<b>\d{1,2},?\d{3}|\d{2,4})(?:st|nd|rd|th)\s+day\b", re.I)
_WEEKDAY_MONTH_DAY = re.compile(
    rf"\b(?P<wd>{_WEEKDAY}),?\s+(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH}))(?!\d|,?\s+(?:19|20)\d\d)"
    rf"|\b(?P<m3>{_MONTH})\s+(?P<d3>\d{{1,2}})(?!\d|,?\s+(?:19|20)\d\d)(?=[^.]{{0,300}}?\b(?:on|early|late|last)\s+(?P<wd2>{_WEEKDAY})\b)", re.I)
_LAST_WAR_YEAR = 2026  # the latest year a text in scope may speak from


def year_by_weekday(month: int, day: int, weekday: int) -> dt.date | None:
    """The one date inside the war's span on which this month and day fall on this weekday, or None
    where none or several do.

    >>> year_by_weekday(10, 11, 2)  # a Wednesday, October 11
    datetime.date(2023, 10, 11)
    """
    hits = []
    for y in range(WAR_START.year, _LAST_WAR_YEAR + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d.weekday() == weekday and d >= WAR_START - dt.timedelta(days=30):
            hits.append(d)
    return hits[0] if len(hits) == 1 else None


def infer_reference(text: str, lead: int = 1500) -> dt.date | None:
    """A reference day from the lead of a text that has no full date: the war's day count or a
    weekday that fixes the year of a month and day. None where the lead gives neither.

    >>> infer_reference("What we know on day 899 of the war.")
    datetime.date(2024, 8, 10)
    >>> infer_reference("The air force said on Wednesday, October 11, that drones were downed.")
    datetime.date(2023, 10, 11)
    """
    head = text[:lead]
    m = _WAR_DAY.search(head)
    if m and re.search(r"\bwar\b|invasion|conflict", head[max(0, m.start() - 120):m.end() + 60], re.I):
        n = int((m.group("a") or m.group("b")).replace(",", ""))
        if 1 <= n <= 2000:
            return WAR_START + dt.timedelta(days=n - 1)
    for m in _WEEKDAY_MONTH_DAY.finditer(head):
        month = _month(m.group("m1") or m.group("m2") or m.group("m3"))
        day = int(m.group("d1") or m.group("d2") or m.group("d3"))
        d = year_by_weekday(month, day, WEEKDAYS[(m.group("wd") or m.group("wd2")).lower()])
        if d is not None:
            return d
    return None
