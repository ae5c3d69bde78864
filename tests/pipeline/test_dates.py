from datetime import date

import pytest

from sitrep.pipeline.actors import actors
from sitrep.pipeline.dates import dates, parse_date_expression
from sitrep.pipeline.detect import detect

PUB = date(2025, 5, 8)  # a Thursday


@pytest.mark.parametrize(
    "expr,expected,precision",
    [
        ("April 22", date(2025, 4, 22), 1),
        ("on Tuesday", date(2025, 5, 6), 1),
        ("Thursday", date(2025, 5, 8), 1),
        ("yesterday", date(2025, 5, 7), 1),
        ("last week", date(2025, 5, 1), 2),
        ("earlier this month", date(2025, 5, 8), 3),
        ("two days ago", date(2025, 5, 6), 1),
        ("December 30", date(2024, 12, 30), 1),
        ("5 May 2020", date(2020, 5, 5), 1),
        ("April 2023", date(2023, 4, 15), 3),
    ],
)
def test_dates_expressions_relative_to_publication(expr, expected, precision):
    assert parse_date_expression(expr, PUB) == (expected, precision)


def test_dates_unparseable_is_none():
    assert parse_date_expression("a long time", PUB) is None


def run(annotated, text):
    a = annotated(text, PUB)
    return dates(a, actors(a, detect(a)))


def test_dates_event_date_comes_from_the_event_clause(annotated):
    ms = run(annotated, "The army on Thursday withdrew its claim that the girls abducted on Monday had been freed.")
    assert ms and ms[0].date.day == date(2025, 5, 5)


def test_dates_history_and_plans_are_dropped(annotated):
    assert run(annotated, "In 2017 a truck bomb killed 500 people in the city.") == ()
    assert run(annotated, "Protesters will march on May 20 in the capital.") == ()


def test_dates_gap_to_another_event_is_a_relation(annotated):
    ms = run(annotated, "A day after the militants' twin attacks, India launched air strikes on the camps.")
    ref = next(m for m in ms if m.reference)
    assert ref.relative_to == (-1, "Military Forces of India")


def test_dates_a_relative_clause_about_the_group_does_not_date_the_attack(annotated):
    ms = run(
        annotated, "Police suspected the TTP, which ended its ceasefire with the government last month, of the attack."
    )
    assert ms and all(m.date is None for m in ms)


def test_dates_hours_earlier_points_at_the_event_told_before(annotated):
    from sitrep.model import PREVIOUS_EVENT

    text = (
        "On Sunday, prisoners seized a police compound in the city.\n\n"
        "A few hours earlier, gunmen attacked a police station in a nearby village, killing four officers."
    )
    ms = run(annotated, text)
    later = [m for m in ms if "gunmen" in m.sentence.text]
    assert later and later[0].relative_to == (0, PREVIOUS_EVENT)
