"""Site chrome inside a text: spans that are not the story and must yield no events.

Line based and conservative: a pattern either matches a whole line that is chrome
(short lines only, so a paragraph of reporting is never swallowed), or one
self-contained sentence of chrome inside a line ("Reuters could not independently
verify the report."). Real reporting that merely mentions Telegram or a photo stays.
"""
from __future__ import annotations

import re

from sitrep.ingest.dates import FULL_DATE, WEEKDAY
from sitrep.model import Span

_SHORT = 200  # a whole-line pattern applies only to lines up to this long

# Whole lines that are chrome. Each is matched against the stripped line, in full.
_LINE_PATTERNS = [
    r"(?:skip to (?:main )?content|skip to navigation|jump to (?:main )?content)+",
    r"this article is more than \w+ (?:day|week|month|year)s? old",
    r"accessibility links",
    r"this audio is created with ai assistance",
    r"(?:advertisement|advert|sponsored(?: content)?|ad)(?:\s*:)?(?:\s+advertisement)?",
    r"(?:read|see) (?:more|also)\s*[:.]?.*",  # "Read more: <another headline>" links elsewhere
    r"(?:related|recommended)(?: (?:articles?|stories|news|content))?\s*:.*",
    r"learn more|show more|load more|more stories|i subscribe|subscribe(?: now)?|sign (?:up|in)|log ?in",
    r"(?:share|share this(?: article| story| page)?|share on \w+|copy link|print|tweet|email)"
    r"(?:\s*[|/,•]?\s*(?:facebook|twitter|x|whatsapp|telegram|email|linkedin|reddit|viber|messenger|copy link|print))*",
    r"(?:facebook|twitter|x|whatsapp|telegram|email|linkedin|reddit|viber|pinterest|copy link)"
    r"(?:\s*[|/,•]?\s*(?:facebook|twitter|x|whatsapp|telegram|email|linkedin|reddit|viber|pinterest|copy link)){2,}",
    r"\d+\s*(?:min(?:ute)?s?|sec(?:ond)?s?|hours?|hrs?|days?)\s+(?:read|ago)",
    r"\d+\s*minutes?(?: read)?",
    r"(?:updated|published|posted|last updated)",
    r"(?:get|read|follow) the latest (?:updates|news)\b.*",
    r"read the original article on .+",
    r"\(?with inputs? from (?:agencies|[a-z ,]+)\.?\)?\.?",
    r"with (?:afp|reuters|ap|dpa|agencies)(?:(?:,| and) (?:afp|reuters|ap|dpa|agencies))*\.?",
    r"some information (?:for|in) this report came from .+",
    r"(?:photo|photograph|image|picture|credit)\s*:\s*[^.!?]{1,80}",  # not "Source:", which names a claimant
    r".{0,20}\b\d+ members? on board",
    r"support (?:the |us|our )?[\w .'’-]{0,40}!",
    r"support independent journalism\b.*",
    r"become (?:a|our) (?:member|patron|subscriber|supporter|secret santa)\b.*",
    r".*\b(?:on patreon|one-time donation|become a patron)\b.*",
    r".*\bchose to be part of\b.*\bcommunity\b.*",
    r".*\b(?:we use cookies|cookie (?:policy|settings|preferences|notice)|accept (?:all )?cookies)\b.*",
    r".*\b(?:sign up|subscribe)\b.{0,60}\bnewsletters?\b.*",
    r".*\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|inbox)\b.*",
    r"(?:take|get) .{0,40}\bdownload the .{1,40}\bapp\b.*|download the .{1,40}\bapp\b.*",
    # page stamps and bylines: "August 19, 2023 — 01:31 am EDT", "by A. Writer November 25, 2023 10:20 AM 2 min read",
    # "AFP Published 23 Nov, 2023 03:19am", "Reuters | Kyiv | Updated: 15-12-2023 12:13 IST | Created: ..."
    rf"(?:by [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}}\s+|[A-Z]{{2,}}\s+)?(?:(?:published|updated|posted)(?: on)?:?\s+)?"
    rf"(?:{WEEKDAY},?\s+)?{FULL_DATE}(?:\s*[—–|,-]?\s*(?:at\s+)?\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?"
    rf"(?:\s*[A-Z]{{2,4}})?(?:\s+\d+\s*min(?:ute)?s?\s+read)?",
    rf"[\w .]{{1,30}}(?:\s*\|\s*[\w .]{{1,30}})*\s*\|\s*(?:updated|published|created|posted)\s*:?.*",
]
_WHOLE_LINE = re.compile(r"(?:" + "|".join(f"(?:{p})" for p in _LINE_PATTERNS) + r")\s*", re.I)

# A whole line that is a picture caption ending with its credit: "... [Sergey Bobok/AFP]",
# "... Photograph: Anadolu Agency/Getty Images", "... (Press service/Handout via REUTERS)".
_CAPTION = re.compile(
    r".*(?:\[[^\[\]\d]{2,80}/[^\[\]\d]{2,80}\]"
    r"|\((?:[A-Z][^()\d]{1,80}/[^()\d]{0,40}\b(?:reuters|afp|ap|getty|epa|handout|telegram|facebook|press service|photo|via)\b[^()\d]{0,40}"
    r"|(?:photo|source|credit|file)\s*:[^()]{1,80}|illustrative (?:photo|image)|photo(?: illustration)?)\)"
    r"|\b(?:photograph|photo|picture|image)\s*:\s*[^.!?]{1,80}"
    r"|\bPHOTO:\s*[A-Z][A-Z ]+)\s*\.?\s*", re.I)

# Sentences of chrome inside a line; each runs to the end of its sentence (or line).
_SENTENCE_OPENERS = [
    r"reuters could not (?:immediately )?(?:independently )?verify",
    r"stay (?:ahead|up to date|informed) with (?:the latest|our)",
    r"join us on (?:whatsapp|telegram|viber|facebook|x\b|twitter)",
    r"(?:please )?follow us on (?:x\b|twitter|telegram|facebook|instagram|whatsapp|google news|linkedin)",
    r"for more news and in-depth stories\b[^.!?\n]*\bfollow us",
    r"subscribe to (?:our|the) (?:telegram|whatsapp|youtube|newsletter|channel)",
    r"have a (?:story|report|tip|news tip|article)(?: or (?:an )?(?:article|story|tip))?\?",
    r"send (?:it|them|your \w+) to [\w.+-]+@",
    r"(?:we[’']re|we are) bringing the voice of\b",
    r"\((?:reporting|writing|editing|additional reporting) by [^)]*\)",
    r"support us with\b",
]
_SENTENCE = re.compile(
    # only at the start of a line or of a sentence, never inside a quotation or a clause
    r"(?:(?<![^\n])|(?<=\n[ \t])|(?<=[.!?”\")] )|(?<=[.!?”\")]  ))(?:" + "|".join(_SENTENCE_OPENERS) + r")(?:(?<=[)?])|[^\n]*?(?:[.!?](?=[\s\"”’)]|$)|(?=\n)|$))",
    re.I)

_MARKER = re.compile(r"\A\s*date\s+\d{4}-\d\d(?:-\d\d)?(?=\s|\Z)[ \t]*")
_LINE = re.compile(r"[^\n]+")


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """Spans of site chrome in ``text``, sorted and not overlapping.

    >>> t = "Skip to main content\\nKyiv was hit overnight."
    >>> [t[s.start:s.end] for s in find_boilerplate(t)]
    ['Skip to main content']
    """
    spans: list[tuple[int, int]] = []
    marker = _MARKER.match(text)
    if marker:
        start = len(text) - len(text.lstrip())
        spans.append((start, marker.end()))
    for line in _LINE.finditer(text):
        raw = line.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if not body:
            continue
        start = line.start() + lead
        if marker and line.start() < marker.end():
            # the marker shares its line with the first words of the page
            start = max(start, marker.end())
            body = text[start:line.end()].strip()
            if not body:
                continue
        end = start + len(body)
        if len(body) <= _SHORT and (_WHOLE_LINE.fullmatch(body) or _CAPTION.fullmatch(body)):
            spans.append((start, end))
            continue
        for m in _SENTENCE.finditer(text, start, end):
            spans.append((m.start(), m.end()))
    return tuple(Span(s, e) for s, e in _merge(spans))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
