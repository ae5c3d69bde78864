"""Time expressions read against the story's own day: weekdays, parts of days, overnight, weeks, months."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.text.timex import find_time_expressions, month_day, publication_line, read_time

THURSDAY = date(2025, 5, 8)


@pytest.mark.parametrize(
    ("expression", "day", "precision", "kind"),
    [
        ("April 22", date(2025, 4, 22), 1, "date"),
        ("5 May 2020", date(2020, 5, 5), 1, "date"),
        ("December 30", date(2024, 12, 30), 1, "date"),  # last year's: the story is in May
        ("on Tuesday", date(2025, 5, 6), 1, "weekday"),
        ("late on Tuesday", date(2025, 5, 6), 1, "weekday"),
        ("before dawn on Monday", date(2025, 5, 5), 1, "weekday"),
        ("Thursday", THURSDAY, 1, "weekday"),  # the story's own weekday is that day
        ("last Thursday", date(2025, 5, 1), 1, "weekday"),  # ... unless the text says "last"
        ("on Friday last week", date(2025, 5, 2), 1, "weekday"),
        ("yesterday", date(2025, 5, 7), 1, "deictic"),
        ("late last night", date(2025, 5, 7), 1, "deictic"),
        ("this morning", THURSDAY, 1, "deictic"),
        ("overnight", date(2025, 5, 7), 1, "overnight"),
        ("overnight into Wednesday", date(2025, 5, 7), 1, "weekday"),
        ("two days ago", date(2025, 5, 6), 1, "ago"),
        ("three weeks ago", date(2025, 4, 17), 2, "ago"),
        ("six years ago", date(2019, 5, 8), 3, "ago"),
        ("last week", date(2025, 5, 1), 2, "week"),  # the middle of the previous Monday-Sunday week
        ("earlier this week", date(2025, 5, 6), 2, "week"),
        ("last month", date(2025, 4, 15), 3, "month"),
        ("late last month", date(2025, 4, 25), 3, "month"),
        ("in October", date(2024, 10, 15), 3, "month"),  # the latest October before the story
        ("April 2023", date(2023, 4, 15), 3, "month"),
        ("in 2019", date(2019, 7, 1), 3, "year"),
        ("last year", date(2024, 7, 1), 3, "year"),
        ("late last year", date(2024, 10, 1), 3, "year"),
        ("earlier this year", date(2025, 3, 5), 3, "year"),
        ("on the 3rd", date(2025, 5, 3), 1, "date"),
        ("on the 28th", date(2025, 4, 28), 1, "date"),  # still to come this month: last month's
    ],
)
def test_read_time_counts_from_the_story_day(expression: str, day: date, precision: int, kind: str) -> None:
    reading = read_time(expression, THURSDAY)
    assert reading is not None
    assert (reading.day, reading.precision, reading.kind) == (day, precision, kind)
    assert not reading.future


@pytest.mark.parametrize(
    "expression", ["tomorrow", "next Tuesday", "next week", "later this month", "later this year", "next year"]
)
def test_read_time_marks_what_points_forward(expression: str) -> None:
    reading = read_time(expression, THURSDAY)
    assert reading is not None and reading.future and reading.day > THURSDAY


def test_read_time_without_a_reference_day_reads_only_full_dates() -> None:
    assert read_time("on Tuesday", None) is None
    assert read_time("May 5", None) is None
    reading = read_time("on 5 May 2020", None)
    assert reading is not None and reading.day == date(2020, 5, 5)
    assert read_time("a long time", THURSDAY) is None


def test_month_day_takes_the_latest_such_day_on_or_before_the_reference() -> None:
    assert month_day("January 3", date(2025, 1, 10)) == date(2025, 1, 3)
    assert month_day("December 29", date(2025, 1, 2)) == date(2024, 12, 29)
    assert month_day("the 4th of March, 2019", None) == date(2019, 3, 4)
    assert month_day("February 30", date(2025, 3, 1)) is None
    assert month_day("Aug. 4 last year", date(2021, 10, 15)) == date(2020, 8, 4)


def test_publication_line_is_a_date_on_a_line_of_its_own() -> None:
    text = "Sunday, October 6, 2024\n\nMilitants attacked a checkpoint on Saturday, killing four soldiers."
    found = publication_line(text)
    assert found is not None and found[0] == date(2024, 10, 6)
    assert text[found[1][0] : found[1][1]] == "Sunday, October 6, 2024"


def test_publication_line_is_never_an_event_sentence() -> None:
    assert publication_line("On Sunday, October 6, 2024, militants attacked a checkpoint.") is None


def test_find_time_expressions_joins_untagged_day_words(annotated) -> None:
    a = annotated("Rebels shelled the camp overnight into Friday and again late on Saturday, officials said.")
    found = [s.text for s in find_time_expressions(a.doc, 0, len(a.doc))]
    assert "overnight into Friday" in found
    assert any("Saturday" in s for s in found)
