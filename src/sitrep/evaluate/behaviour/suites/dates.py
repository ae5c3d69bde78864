"""Dates: the day of the incident, read against the day the story was published (or its dateline's day).

"On Tuesday" in a story published on a Thursday is two days before it, and on the day itself in a story
published on a Tuesday; "late on Tuesday", "on Monday night", "before dawn on Friday" keep their weekday;
"overnight" is the night before publication (either of its two days is accepted); "last week" is the middle of
the previous Monday-Sunday week (Wednesday or Thursday) at time_precision 2; "on December 30" in a story of 4
January is the previous year. A dated dateline ("KABUL, May 14 (Reuters) -") gives the day the weekdays count
back from when the article's own date is missing or later.
"""

from __future__ import annotations

from datetime import date, timedelta

from sitrep.evaluate.behaviour.cases import Expectation
from sitrep.evaluate.behaviour.compose import (
    ASSAULTS,
    SITES,
    SOURCES,
    Draft,
    Draw,
    Template,
    capitalise,
    dateline,
    incident_town,
)
from sitrep.evaluate.behaviour.words import WEEKDAYS, Town, WordLists, last_weekday, week_middle

__all__ = ["TEMPLATES"]


def _report(draw: Draw, words: WordLists, town: Town, when: str) -> str:
    """A one-sentence incident report with its time phrase `when` ("on Tuesday", "late on Monday")."""
    n = draw.count(2, 25)
    if draw.chance(0.5):
        verb, target, victims = draw.pick(ASSAULTS)
        return (
            f"{draw.pick(('Gunmen', 'Militants', 'Suspected rebels'))} {verb} {target} in {town.name} {when}, "
            f"killing {draw.number(n)} {victims}, {draw.pick(SOURCES)}."
        )
    weapon = draw.pick(words.weapons)
    site, victims = draw.pick(SITES)
    return (
        f"{capitalise(weapon.phrase)} {weapon.verb} {site} in {town.name} {when}, killing {draw.number(n)} "
        f"{victims}, {draw.pick(SOURCES)}."
    )


def _on_day(expect_day: date, precision: int | None = None, *extra: date) -> Expectation:
    days = tuple(d.isoformat() for d in (expect_day, *extra))
    return Expectation(violent=1, event_date=days, time_precision=precision)


def weekday(draw: Draw, words: WordLists) -> list[Draft]:
    """ "on Tuesday", 0-6 days before publication."""
    published = draw.published()
    back = draw.count(0, 6)
    day = published - timedelta(days=back)
    name = WEEKDAYS[day.weekday()]
    when = draw.pick((f"on {name}", f"on {name} morning", f"on {name} afternoon"))
    text = _report(draw, words, incident_town(draw, words), when)
    return [Draft("MFT", text, published, _on_day(day), f"{name} in a {WEEKDAYS[published.weekday()]} story")]


_PARTS = (
    "late on {day}",
    "early on {day}",
    "on {day} night",
    "on {day} evening",
    "before dawn on {day}",
    "in the early hours of {day}",
    "shortly after midnight on {day}",
    "at around 9 p.m. on {day}",
)


def weekday_part(draw: Draw, words: WordLists) -> list[Draft]:
    """A part of a day: still that day."""
    published = draw.published()
    back = draw.count(1, 5)
    day = published - timedelta(days=back)
    when = draw.pick(_PARTS).format(day=WEEKDAYS[day.weekday()])
    text = _report(draw, words, incident_town(draw, words), when)
    return [Draft("MFT", text, published, _on_day(day), when)]


def overnight(draw: Draw, words: WordLists) -> list[Draft]:
    """ "overnight": the night before publication, so either of its two days."""
    published = draw.published()
    when = draw.pick(
        (
            "overnight",
            f"overnight into {WEEKDAYS[published.weekday()]}",
            f"overnight on {WEEKDAYS[(published.weekday() - 1) % 7]}",
        )
    )
    text = _report(draw, words, incident_town(draw, words), when)
    return [Draft("MFT", text, published, _on_day(published - timedelta(days=1), None, published), when)]


def yesterday(draw: Draw, words: WordLists) -> list[Draft]:
    published = draw.published()
    text = _report(draw, words, incident_town(draw, words), draw.pick(("yesterday", "yesterday evening")))
    return [Draft("MFT", text, published, _on_day(published - timedelta(days=1)), "yesterday")]


def last_week(draw: Draw, words: WordLists) -> list[Draft]:
    """ "last week": the middle of the previous week, time_precision 2."""
    published = draw.published()
    wednesday, thursday = week_middle(published)
    text = _report(draw, words, incident_town(draw, words), "last week")
    return [Draft("MFT", text, published, _on_day(wednesday, 2, thursday), "last week")]


def _absolute_phrase(draw: Draw, day: date, *, year: bool) -> str:
    month = day.strftime("%B")
    form = draw.count(0, 2)
    if form == 0:
        text = f"on {month} {day.day}" + (f", {day.year}" if year else "")
    elif form == 1:
        text = f"on {day.day} {month}" + (f" {day.year}" if year else "")
    else:
        text = f"on {WEEKDAYS[day.weekday()]}, {month} {day.day}"
    return text


def absolute(draw: Draw, words: WordLists) -> list[Draft]:
    """An explicit date a few days to a few weeks before publication."""
    published = draw.published()
    day = published - timedelta(days=draw.count(1, 20))
    when = _absolute_phrase(draw, day, year=draw.chance(0.3))
    text = _report(draw, words, incident_town(draw, words), when)
    return [Draft("MFT", text, published, _on_day(day), when)]


def year_turn(draw: Draw, words: WordLists) -> list[Draft]:
    """A late-December date in an early-January story: the year before."""
    year = draw.count(2023, 2025)
    published = date(year, 1, draw.count(2, 9))
    day = date(year - 1, 12, draw.count(24, 31))
    month_day = draw.pick((f"on December {day.day}", f"on {day.day} December"))
    text = _report(draw, words, incident_town(draw, words), month_day)
    return [Draft("MFT", text, published, _on_day(day), "December date in a January story")]


def dated_dateline(draw: Draw, words: WordLists) -> list[Draft]:
    """ "KABUL, May 14 (Reuters) -" and "on Tuesday": counted back from the dateline's day.

    The article's own date is missing (a plain text file: then only a dateline that gives its year can date
    the story, "KABUL, May 14, 2024 (Reuters) -"; without one no year would be a guess) or is the later day an
    archive collected it.
    """
    town = incident_town(draw, words)
    filed = draw.published()
    back = draw.count(0, 4)
    day = filed - timedelta(days=back)
    # No date of its own (a plain text file), or the day an archive collected it, about a week later.
    published = None if draw.chance(0.6) else filed + timedelta(days=draw.count(5, 8))
    text = dateline(draw, town, day=filed, year=published is None) + _report(
        draw, words, town, f"on {WEEKDAYS[day.weekday()]}"
    ).replace(f" in {town.name} ", " in the city ", 1)
    note = "dated dateline with its year, no article date" if published is None else "dated dateline, archived later"
    return [Draft("MFT", text, published, _on_day(day), note)]


def weekday_shift(draw: Draw, words: WordLists) -> list[Draft]:
    """The same story published one day later: the event's day does not move (invariance)."""
    published = draw.published()
    back = draw.count(1, 4)
    day = published - timedelta(days=back)
    text = _report(draw, words, incident_town(draw, words), f"on {WEEKDAYS[day.weekday()]}")
    later = published + timedelta(days=1)
    return [
        Draft("MFT", text, published, _on_day(day), "weekday"),
        Draft("INV", text, later, _on_day(day), "the same story published a day later"),
    ]


_LATER_PARAGRAPHS = (
    "On {other}, the governor visited the wounded in hospital and promised compensation to the families.",
    "The funerals were held on {other}, when shops in the town stayed closed.",
    "Security had been tightened in the area since {other}, when the army received warnings of an attack.",
    "Talks between community leaders, first planned for {other}, were put off.",
)


def later_paragraph(draw: Draw, words: WordLists) -> list[Draft]:
    """Another weekday in a later paragraph, about something that is not the incident."""
    published = draw.published()
    back = draw.count(1, 3)
    day = published - timedelta(days=back)
    town = incident_town(draw, words)
    text = _report(draw, words, town, f"on {WEEKDAYS[day.weekday()]}")
    other = last_weekday(published, draw.pick([w for w in WEEKDAYS if w != WEEKDAYS[day.weekday()]]))
    tail = draw.pick(_LATER_PARAGRAPHS).format(other=WEEKDAYS[other.weekday()])
    return [
        Draft("MFT", text, published, _on_day(day), "the report"),
        Draft("INV", text + "\n\n" + tail, published, _on_day(day), "another day named later, for another thing"),
    ]


def statement_day(draw: Draw, words: WordLists) -> list[Draft]:
    """ "overnight", "yesterday" in a report a source gave on a named day: counted from the day it spoke."""
    published = draw.published()
    spoke = published - timedelta(days=draw.count(0, 2))
    verb, target, victims = draw.pick(ASSAULTS)
    when = draw.pick(("overnight", "yesterday", "late last night"))
    source = draw.pick(("police said on", "officials said on", "the army said in a statement on"))
    text = (
        f"{draw.pick(('Gunmen', 'Militants', 'Suspected rebels'))} {verb} {target} in "
        f"{incident_town(draw, words).name} {when}, killing {draw.number(draw.count(2, 25))} {victims}, "
        f"{source} {WEEKDAYS[spoke.weekday()]}."
    )
    extra = (spoke,) if when == "overnight" else ()
    return [Draft("MFT", text, published, _on_day(spoke - timedelta(days=1), None, *extra), f"{when}, said on a day")]


_TOLL_DAY = (
    ", with the death toll rising to {total} people on {later}",
    ", and the death toll rose to {total} people on {later}",
    ", with the toll reaching {total} dead on {later}",
    ", with the number of people killed climbing to {total} on {later}",
)


def toll_day(draw: Draw, words: WordLists) -> list[Draft]:
    """The day a toll rose ("..., with the death toll rising to 22 on Monday") is not the day of the incident."""
    published = draw.published()
    day = published - timedelta(days=draw.count(2, 5))
    later = day + timedelta(days=draw.count(1, (published - day).days))
    report = _report(draw, words, incident_town(draw, words), f"on {WEEKDAYS[day.weekday()]}")
    aside = draw.pick(_TOLL_DAY).format(total=draw.count(30, 60), later=WEEKDAYS[later.weekday()])
    # The toll goes after the victims, before the source: "..., killing 12 soldiers, <toll>, police said."
    head, _, source = report.rstrip(".").rpartition(", ")
    text = f"{head}{aside}, {source}."
    return [Draft("MFT", text, published, _on_day(day), "a later day on which the toll rose")]


_PAST_BESIDE = (
    ", the deadliest attack in the area since a bombing in {year}",
    ", {gap} years after militants killed {m} people in the same town",
    ", where a car bomb killed {m} people in {year}",
    ", the worst violence there since an uprising in {year} left {m} dead",
)


def past_beside(draw: Draw, words: WordLists) -> list[Draft]:
    """A past event told beside the news, in an appositive or a clause ("since a bombing in 2016", "six years
    after ..."): it neither dates the news nor becomes an event of this story."""
    published = draw.published()
    day = published - timedelta(days=draw.count(0, 4))
    gap = draw.count(2, 9)
    aside = draw.pick(_PAST_BESIDE).format(
        year=published.year - gap, gap=draw.number(gap), m=draw.number(draw.count(10, 90))
    )
    report = _report(draw, words, incident_town(draw, words), f"on {WEEKDAYS[day.weekday()]}")
    # The aside goes after the victims, before the source: "..., killing 12 soldiers, <aside>, police said."
    head, _, source = report.rstrip(".").rpartition(", ")
    text = f"{head}{aside}, {source}."
    return [Draft("MFT", text, published, _on_day(day), "a past event beside the news")]


TEMPLATES = (
    Template("weekday", 70, weekday, "weekday against publication day"),
    Template("weekday_part", 45, weekday_part, "part of a day"),
    Template("overnight", 20, overnight, "overnight"),
    Template("yesterday", 10, yesterday, "yesterday"),
    Template("last_week", 20, last_week, "last week"),
    Template("absolute", 35, absolute, "absolute date"),
    Template("year_turn", 12, year_turn, "date across the new year"),
    Template("dated_dateline", 35, dated_dateline, "dateline with a date"),
    Template("weekday_shift", 15, weekday_shift, "publication a day later"),
    Template("later_paragraph", 20, later_paragraph, "another weekday for another thing"),
    Template("statement_day", 20, statement_day, "overnight or yesterday, counted from the day a source spoke"),
    Template("past_beside", 30, past_beside, "a past event told beside the news"),
    Template("toll_day", 30, toll_day, "the day a toll rose, after the incident"),
)
