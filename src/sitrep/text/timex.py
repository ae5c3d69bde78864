"""Time expressions in news text, read against the story's own day ("on Tuesday", "late last night", "May 5").

News dates events relative to the day it is written: "on Tuesday" in a Thursday story is two days before it,
"yesterday" the day before, "last week" the week before. `read_time` turns one expression into a day and
ACLED's time_precision (1 day, 2 week, 3 month) given that reference day; `find_time_expressions` finds the
expressions in a stretch of an annotated Doc (spaCy's DATE and TIME entities, and the day words spaCy leaves
untagged, such as "overnight" and "on the 5th"); `publication_line` finds the line some sites open an
article with that spells out its own date ("Monday, September 23, 2019"), which is the publication day and
never an event's day.

The conventions (ACLED's where it has one, docs/suites.md):
- A weekday is the latest such day on or before the reference day; the reference day's own weekday is that
  day, unless the text says "last" ("last Tuesday" in a Tuesday story is a week earlier).
- "overnight" is the night before the reference day and is dated to its first day; "overnight into Friday"
  is Friday, "overnight on Thursday" Thursday.
- "last week" is the middle (Thursday) of the previous Monday-Sunday week, time_precision 2; "earlier this
  week" the middle of the days of this week before the reference day.
- "earlier this month" is the middle of the month's days before the reference day, "last month" the 15th
  of the previous month (the 5th if "early", the 25th if "late"), time_precision 3.
- A day and month without a year is the latest one on or before the reference day (a day's slack for time
  zones): "December 30" in a January story is last year's.
- Words that point forward ("tomorrow", "next week", "on Tuesday" after "next") are read as such, and marked
  `future`: they date plans, not events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sitrep.text.lexicon import word_number

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["TimeReading", "read_time", "find_time_expressions", "publication_line", "month_day", "WEEKDAYS"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}


@dataclass(frozen=True)
class TimeReading:
    """One time expression read against a reference day.

    kind: "date" (a day and month), "weekday", "deictic" (today, yesterday, last night), "overnight" (the
    night before: the reference day's eve, or the night into a named day), "ago" ("three days ago"), "week",
    "month", "year" ("ago" covers "three days ago" to "six years ago"). `future` marks words that point forward (plans).
    """

    day: date
    precision: int
    kind: str
    future: bool = False


def month_day(text: str, reference: date | None) -> date | None:
    """'April 22', '22 April', 'April 22nd, 2025', '5 May 2020', 'the 5th of May' -> the day.

    Without a year, the latest such day on or before `reference` (one day's slack); None without either.
    """
    low = text.lower()
    m = re.search(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", low)
    if m:
        month, day_, year = _MONTHS[m.group(1)], int(m.group(2)), m.group(3)
    else:
        m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?", low)
        if m is None:
            return None
        month, day_, year = _MONTHS[m.group(2)], int(m.group(1)), m.group(3)
    try:
        if year:
            return date(int(year), month, day_)
        if reference is None:
            return None
        guess = date(reference.year, month, day_)
        if guess > reference + timedelta(days=1):
            guess = date(reference.year - 1, month, day_)
        # "Aug. 4 last year": the one before that.
        return guess.replace(year=guess.year - 1) if re.search(r"\blast\s+year\b", low) else guess
    except ValueError:
        return None


def _weekday(low: str, reference: date) -> TimeReading | None:
    into = re.search(rf"\binto\s+({_WEEKDAY_RE})\b", low)
    named = into or re.search(rf"\b({_WEEKDAY_RE})\b", low)
    if named is None:
        return None
    target = WEEKDAYS.index(named.group(1))
    words = set(re.findall(r"[a-z]+", low))
    if "next" in words or "coming" in words:
        ahead = (target - reference.weekday()) % 7 or 7
        return TimeReading(reference + timedelta(days=ahead), 1, "weekday", future=True)
    if re.search(r"\b(?:last|previous|past)\s+week\b|\ba\s+week\s+ago\b", low):
        # "on Tuesday last week": the Tuesday of the previous Monday-Sunday week.
        monday = reference - timedelta(days=reference.weekday() + 7)
        return TimeReading(monday + timedelta(days=target), 1, "weekday")
    back = (reference.weekday() - target) % 7
    if back == 0 and ("last" in words or "previous" in words or "past" in words):
        back = 7
    return TimeReading(reference - timedelta(days=back), 1, "weekday")


def _middle(first: date, last: date) -> date:
    return first + timedelta(days=max(0, (last - first).days) // 2)


def _week_or_month(low: str, reference: date) -> TimeReading | None:
    monday = reference - timedelta(days=reference.weekday())
    if re.search(r"\b(?:next|coming)\s+(?:week|month)\b|\blater\s+this\s+(?:week|month)\b", low):
        return TimeReading(reference + timedelta(days=7), 2, "week", future=True)
    if re.search(r"\b(?:last|past|previous)\s+weekend\b", low):
        return TimeReading(monday - timedelta(days=2), 2, "week")
    if re.search(r"\b(?:last|previous)\s+week\b|\bthe\s+past\s+week\b|\bpast\s+week\b", low):
        prev = monday - timedelta(days=7)
        offset = 1 if re.search(r"\bearly\b", low) else 4 if re.search(r"\blate\b", low) else 3
        return TimeReading(prev + timedelta(days=offset), 2, "week")
    if re.search(r"\bthis\s+week\b", low):
        return TimeReading(_middle(monday, reference - timedelta(days=1)), 2, "week")
    if re.search(r"\b(?:last|previous|past)\s+month\b", low):
        prev = reference.replace(day=1) - timedelta(days=1)
        day_of = 5 if re.search(r"\bearly\b", low) else 25 if re.search(r"\blate\b|\bend\s+of\b", low) else 15
        return TimeReading(prev.replace(day=day_of), 3, "month")
    if re.search(r"\bthis\s+month\b", low):
        return TimeReading(_middle(reference.replace(day=1), reference - timedelta(days=1)), 3, "month")
    return None


_DEICTIC = (
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b"), 2),
    (re.compile(r"\byesterday\b|\blast\s+night\b|\bthe\s+previous\s+(?:day|night|evening)\b"), 1),
    (re.compile(r"\btoday\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b"), 0),
)


def _deictic(low: str, reference: date) -> TimeReading | None:
    if re.search(r"\btomorrow\b", low):
        return TimeReading(reference + timedelta(days=1), 1, "deictic", future=True)
    for pattern, back in _DEICTIC:
        if pattern.search(low):
            return TimeReading(reference - timedelta(days=back), 1, "deictic")
    if re.search(r"\bovernight\b", low):
        return TimeReading(reference - timedelta(days=1), 1, "overnight")
    return None


def _ago(low: str, reference: date) -> TimeReading | None:
    m = re.search(r"\b([\w-]+(?:\s+[\w-]+)?)\s+(days?|weeks?|months?|years?)\s+ago\b", low)
    if m is None:
        return None
    words = m.group(1).replace("-", " ").split()
    n = 1 if words[-1] in ("a", "one") else word_number(words[-2:]) or word_number(words[-1:])
    if n is None:
        return None
    unit = m.group(2)
    if unit.startswith("year"):
        # The same day n years back (the 28th for a 29 February): month precision, as ACLED's coarsest.
        day = reference.replace(year=reference.year - n, day=min(reference.day, 28 if reference.month == 2 else 31))
        return TimeReading(day, 3, "ago")
    precision = 1 if unit.startswith("day") else 2 if unit.startswith("week") else 3
    return TimeReading(reference - timedelta(days=n * _UNIT_DAYS[unit]), precision, "ago")


def _month_or_year(low: str, reference: date | None) -> TimeReading | None:
    m = re.search(rf"\b(?:(early|late|mid)[\s-]+)?({_MONTH_RE})\.?,?\s+((?:19|20)\d\d)\b", low)
    if m:
        day_of = {"early": 5, "late": 25}.get(m.group(1) or "", 15)
        return TimeReading(date(int(m.group(3)), _MONTHS[m.group(2)], day_of), 3, "month")
    m = re.search(r"(?:\b(in|last|this|early|late|mid)[\s-]*|^)([a-z]{4,9})\b", low)
    if m and m.group(2) in _MONTHS and reference is not None:
        month = _MONTHS[m.group(2)]
        year = reference.year if month <= reference.month else reference.year - 1
        if (m.group(1) == "last" and month == reference.month) or re.search(r"\blast\s+year\b", low):
            year = reference.year - 1
        if (year, month) == (reference.year, reference.month):
            return TimeReading(_middle(reference.replace(day=1), reference - timedelta(days=1)), 3, "month")
        day_of = {"early": 5, "late": 25}.get(m.group(1) or "", 15)
        return TimeReading(date(year, month, day_of), 3, "month")
    m = re.fullmatch(r"(?:in\s+|since\s+)?((?:19|20)\d\d)", low)
    if m:
        return TimeReading(date(int(m.group(1)), 7, 1), 3, "year")
    if reference is not None and re.search(r"\b(?:last|previous|past)\s+year\b", low):
        # "last year": its middle, at ACLED's coarsest precision (a month); "early" and "late" its halves.
        month = 3 if re.search(r"\bearly\b", low) else 10 if re.search(r"\blate\b", low) else 7
        return TimeReading(date(reference.year - 1, month, 1), 3, "year")
    if reference is not None and re.search(r"\b(?:later|next)\s+(?:this\s+)?year\b", low):
        return TimeReading(date(reference.year, 12, 31), 3, "year", future=True)
    if reference is not None and re.search(r"\b(?:earlier\s+)?this\s+year\b", low):
        return TimeReading(_middle(reference.replace(month=1, day=1), reference - timedelta(days=1)), 3, "year")
    return None


_ORDINAL_DAY = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b")


def read_time(text: str, reference: date | None) -> TimeReading | None:
    """The day an expression names, read against `reference` (the story's own day), or None.

    Example:
        >>> read_time("late on Tuesday", date(2025, 5, 8))
        TimeReading(day=datetime.date(2025, 5, 6), precision=1, kind='weekday', future=False)
    """
    low = " ".join(text.lower().split())
    day = month_day(low, reference)
    if day is not None:
        return TimeReading(day, 1, "date")
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if iso:
        try:
            return TimeReading(date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), 1, "date")
        except ValueError:
            return None
    if reference is None:
        return _month_or_year(low, None)
    ordinal = _ORDINAL_DAY.search(low)
    if ordinal and 1 <= int(ordinal.group(1)) <= 31:
        return _ordinal_day(int(ordinal.group(1)), reference)
    for reader in (_weekday, _deictic, _week_or_month, _ago):
        found = reader(low, reference)
        if found is not None:
            return found
    return _month_or_year(low, reference)


def _ordinal_day(n: int, reference: date) -> TimeReading | None:
    """'on the 5th': the 5th of the reference month, or of the month before when that is still to come."""
    month_start = reference.replace(day=1)
    for start in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
        try:
            day = start.replace(day=n)
        except ValueError:
            continue
        if day <= reference + timedelta(days=1):
            return TimeReading(day, 1, "date")
    return None


# Day words spaCy's NER often leaves untagged; the longest forms first, so "overnight into Friday" is one.
_UNTAGGED = re.compile(
    rf"\b(?:(?:late|early)\s+)?(?:on\s+)?(?:overnight|(?:the\s+)?night)\s+(?:into|on|to|of)\s+{_WEEKDAY_RE}\b"
    rf"|\b(?:last|next|this|on|late|early)?\s*{_WEEKDAY_RE}(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\bovernight\b|\b(?:late\s+)?last\s+night\b|\byesterday\b|\btoday\b|\btonight\b|\btomorrow\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b"
    r"|\bon\s+the\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s*[a-z])",
    re.IGNORECASE,
)


# A distance at the end of an entity, after a comma: ", two months", ", a year", ", 10 days".
_TRAILING_GAP = re.compile(
    r",\s+((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|some|\d+)\s+"
    r"(?:days?|weeks?|months?|years?))$",
    re.IGNORECASE,
)


def find_time_expressions(doc: Doc, start: int, end: int) -> list[SpacySpan]:
    """The time expressions among tokens [start, end) of `doc`, in text order, as Doc spans.

    spaCy's DATE and TIME entities, joined with the day words it leaves untagged ("overnight", "on the 5th")
    where they overlap, so "overnight into Friday" is one expression.
    """
    if start >= end:
        return []
    found: list[tuple[int, int]] = []
    for e in doc.ents:
        if e.label_ not in ("DATE", "TIME") or not start <= e.start < end:
            continue
        # spaCy runs a day and the gap after it into one entity ("Tuesday, two months" in "on Tuesday, two
        # months after a raid"): two expressions, the day and a distance between events.
        gap = _TRAILING_GAP.search(e.text)
        if gap is not None and gap.start() > 0:
            found += [(e.start_char, e.start_char + gap.start()), (e.start_char + gap.start(1), e.end_char)]
        else:
            found.append((e.start_char, e.end_char))
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    for m in _UNTAGGED.finditer(doc.text, first, last):
        a = m.start() + len(m.group()) - len(m.group().lstrip())
        found.append((a, m.end()))
    found.sort()
    merged: list[list[int]] = []
    for a, b in found:
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    spans = []
    for a, b in merged:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


_PUBLICATION_LINE = re.compile(
    rf"\b{_WEEKDAY_RE},?\s+(?:({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"({_MONTH_RE})\.?),?\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def publication_line(text: str, within: int = 400) -> tuple[date, tuple[int, int]] | None:
    """The day an article states as its own near its start, and where: "Monday, September 23, 2019" on a
    line of its own, or "this is the Wikinews brief for Saturday, May 1st, 2010".

    A date written with its weekday and year at the head of the article is the day it was published (news
    writes an event's day as "on Monday" or "on September 23"); it is never an event's day.
    """
    for m in _PUBLICATION_LINE.finditer(text[:within]):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        # A line that is only the date, or the date a page says it is "for"; never "On Monday, May 6, 2019,
        # gunmen attacked ...", which dates an event.
        if line.strip().rstrip(".") == m.group() or _FOR.search(text[line_start : m.start()]):
            return _line_day(m)
    return None


_FOR = re.compile(r"\b(?:for|of)\s+$", re.IGNORECASE)


def _line_day(m: re.Match[str]) -> tuple[date, tuple[int, int]] | None:
    month = m.group(1) or m.group(4)
    day_ = m.group(2) or m.group(3)
    try:
        return date(int(m.group(5)), _MONTHS[month.lower()], int(day_)), (m.start(), m.end())
    except ValueError:
        return None
