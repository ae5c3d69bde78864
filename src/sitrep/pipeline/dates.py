"""Stage 5, dates: the day each mention happened, relative to the article's publication date.

Explicit dates ("April 22", "on 5 May 2020"), weekdays ("on Tuesday" = the last Tuesday on or before
publication), "yesterday", "last week" (time_precision 2), "earlier this month" (3). A reference to another
event with a stated gap ("a day after the twin offensives, India launched ...") becomes `relative_to`, which
`merge` resolves once it knows the other event's day. Mentions dated after publication (plans, calls for
protests) or more than a year before it (history, anniversaries) are dropped: they are not new events.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sitrep.model import PREVIOUS_EVENT, EventDate, Mention, Span
from sitrep.pipeline.actors import resolve_phrase
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.lexicon import cue_heads, word_number

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["dates", "parse_date_expression", "HISTORY_DAYS"]

HISTORY_DAYS = 365
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
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
        ],
        1,
    )
}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_UNIT_DAYS = {"hour": 0, "hours": 0, "minute": 0, "minutes": 0, "day": 1, "days": 1, "week": 7, "weeks": 7, "night": 1}
_RELATIVE = [
    (re.compile(r"\b(today|this morning|this afternoon|this evening|tonight|earlier today)\b"), 0, 1),
    (re.compile(r"\b(yesterday|last night|overnight)\b"), 1, 1),
    (re.compile(r"\bday before yesterday\b"), 2, 1),
    (re.compile(r"\b(last|past) week(end)?\b"), 7, 2),
    (re.compile(r"\b(earlier|late|early) this week\b"), 2, 2),
    (re.compile(r"\b(earlier|early|late) this month|this month\b"), 0, 3),
]


def _month_day(text: str, published: date | None) -> date | None:
    """'April 22', '22 April', 'April 22, 2025', '5 May 2020' -> date (year from publication if absent)."""
    low = text.lower()
    m = re.search(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", low)
    if m and m.group(1) in _MONTHS:
        month, day_, year = _MONTHS[m.group(1)], int(m.group(2)), m.group(3)
    else:
        m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?(?:,?\s+(\d{4}))?\b", low)
        if not (m and m.group(2) in _MONTHS):
            return None
        month, day_, year = _MONTHS[m.group(2)], int(m.group(1)), m.group(3)
    try:
        if year:
            return date(int(year), month, day_)
        if published is None:
            return None
        guess = date(published.year, month, day_)
        # "December 30" in a January article is last year's.
        return guess if guess <= published + timedelta(days=1) else date(published.year - 1, month, day_)
    except ValueError:
        return None


def parse_date_expression(text: str, published: date | None) -> tuple[date, int] | None:
    """(day, time_precision) for a date expression relative to the publication date, or None."""
    low = text.lower().strip()
    explicit = _month_day(low, published)
    if explicit:
        return explicit, 1
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), 1
        except ValueError:
            return None
    if published is None:
        return None
    for i, wd in enumerate(_WEEKDAYS):
        if re.search(rf"\b{wd}\b", low):
            back = (published.weekday() - i) % 7
            if "last" in low.split() and back == 0:
                back = 7
            return published - timedelta(days=back), 1
    if re.search(r"\blast month\b", low):
        # The previous calendar month: its 5th, 15th or 25th as the text says early, (mid) or late.
        first_of_this = published.replace(day=1)
        prev = first_of_this - timedelta(days=1)
        day_of = 5 if "early" in low else 25 if "late" in low or "end of" in low else 15
        return prev.replace(day=day_of), 3
    for pattern, back, precision in _RELATIVE:
        if pattern.search(low):
            day = published - timedelta(days=back)
            if precision == 3 and back == 0:
                day = published.replace(day=min(15, published.day))
            return day, precision
    m = re.search(r"\b(\w+(?:-\w+)?)\s+(days?|weeks?)\s+ago\b", low)
    if m:
        n = word_number(m.group(1).replace("-", " ").split()) or (1 if m.group(1) in ("a", "one") else None)
        if n is not None:
            return published - timedelta(days=n * _UNIT_DAYS[m.group(2)]), 1 if m.group(2).startswith("day") else 2
    month_year = re.search(r"\b(?:in\s+)?(?:early\s+|late\s+|mid-?)?([a-z]{3,9})\.?,?\s+((?:19|20)\d\d)\b", low)
    if month_year and month_year.group(1) in _MONTHS:
        return date(int(month_year.group(2)), _MONTHS[month_year.group(1)], 15), 3
    last_month = re.search(r"(?:\b(?:in|last|this|early|late|mid-?)\s*|^)([a-z]{3,9})\b", low)
    if last_month and last_month.group(1) in _MONTHS and len(last_month.group(1)) > 3:
        month = _MONTHS[last_month.group(1)]
        year_ = published.year if month <= published.month else published.year - 1
        return date(year_, month, 15), 3
    year = re.fullmatch(r"(?:in\s+)?((?:19|20)\d\d)", low)
    if year:
        return date(int(year.group(1)), 7, 1), 3
    return None


def _gap_days(prep: Token) -> int | None:
    """Days between the events in 'a day after', 'two days before', 'hours after', 'within hours of'."""
    for tok in [*prep.children, *prep.lefts, prep.head] + list(prep.head.children):
        if tok.lower_ in _UNIT_DAYS and tok.i < prep.i:
            words = [t.text for t in tok.lefts if t.dep_ in ("nummod", "det", "quantmod")]
            n = word_number(words) if words else None
            if n is None:
                n = 1 if any(w.lower() in ("a", "one", "the") for w in words) or not words else None
            if n is None:
                return None
            return n * _UNIT_DAYS[tok.lower_]
    return None


# "A few hours earlier, militants attacked ...", "Later that day", "That night": the day of the event told just
# before (a stated gap with its own object, "hours after the blast", is handled by the parse below).
_SAME_DAY_AS_BEFORE = re.compile(
    r"\s*(?:(?:a\s+few|several|some|a\s+couple\s+of|\w+)\s+(?:hours|minutes)|hours|minutes|moments)\s+(?:earlier|later)\b"
    r"|\s*(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)\b"
    r"|\s*(?:on\s+)?the\s+same\s+day\b"
    r"|\s*that\s+(?:night|evening|afternoon|morning)\b",
    re.IGNORECASE,
)


def _relation(mention: Mention, annotated: AnnotatedArticle) -> tuple[int, str] | None:
    """(offset days, anchor actor) when this mention is a dated reference to another event."""
    if _SAME_DAY_AS_BEFORE.match(mention.sentence.text):
        return 0, PREVIOUS_EVENT
    doc = annotated.doc
    scope = [doc[i] for i in mention.scope]
    preps = [
        t
        for t in scope
        if t.lower_ in ("after", "before", "of")
        and t.dep_ == "prep"
        and {x.i for x in t.subtree} >= set(mention.scope) - {t.i for t in t.lefts}
    ]
    if not preps:
        return None
    prep = preps[0]
    gap = _gap_days(prep)
    if gap is None:
        return None
    offset = -gap if prep.lower_ in ("after", "of") else gap
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and (ref := resolve_phrase(child)):
            return offset, ref.name
    return None


_REPORTING = {
    "say",
    "tell",
    "report",
    "announce",
    "confirm",
    "withdraw",
    "retract",
    "claim",
    "state",
    "add",
    "deny",
    "accuse",
    "blame",
    "describe",
    "call",
    "warn",
    "insist",
    "allege",
    "reveal",
    "admit",
}


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a token sits in (the token itself if it is a verb)."""
    return next((t for t in (tok, *tok.ancestors) if t.pos_ in ("VERB", "AUX")), None)


def _date_of(mention: Mention, annotated: AnnotatedArticle) -> EventDate | bool | None:
    """The mention's date; False when the mention is dated outside the window of news (drop it).

    Of the dates in the mention's scope, the one in the clause of the event word wins; a date that belongs
    to a reporting verb ("on Thursday withdrew its statement that ... girls abducted") is not the event's.
    """
    doc = annotated.doc
    published = annotated.article.published
    scope = set(mention.scope)
    cue_verbs = {v.i for _, t in cue_heads(doc, mention.cues) if (v := _clause_verb(t)) is not None}
    cue_positions = [t.i for _, t in cue_heads(doc, mention.cues)] or [mention.scope[0]]
    found: list[tuple[int, EventDate]] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or ent.start not in scope:
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if (
            nxt is not None
            and nxt.lower_ in ("after", "before", "later", "earlier")
            and ent.label_ == "DATE"
            and not _month_day(ent.text, published)
        ):
            continue  # "a day after X": a gap, not a date
        parsed = parse_date_expression(ent.text, published)
        if parsed is None:
            continue
        day, precision = parsed
        if published is not None and (published - day).days > HISTORY_DAYS:
            return False  # "a truck bomb it was blamed for in 2017": history, whichever verb holds the year
        verb = _clause_verb(ent.root)
        if verb is not None and verb.i not in cue_verbs and verb.lemma_.lower() in _REPORTING:
            continue
        if verb is not None and verb.i not in cue_verbs and verb.dep_ == "relcl":
            # "police suspected the TTP, which ended its ceasefire last month": the group's past, not the attack's day
            continue
        if published is not None and day > published + timedelta(days=1):
            return False
        span = Span(ent.start_char, ent.end_char, annotated.article.text[ent.start_char : ent.end_char])
        rank = (0 if verb is not None and verb.i in cue_verbs else 1) * 1000 + min(
            abs(ent.start - p) for p in cue_positions
        )
        found.append((rank, EventDate(day, precision, span, "explicit")))
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1].time_precision))[1]


def dates(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Date every mention from its own words; drop mentions dated in the future or in history."""
    out = []
    for m in mentions:
        found = _date_of(m, annotated)
        if found is False:
            continue
        out.append(replace(m, date=found or None, relative_to=_relation(m, annotated)))
    return tuple(out)
