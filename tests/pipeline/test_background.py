"""background: what a story recalls (accumulated tolls, events under trial or inquiry, old events) against what
it reports. Sentences are ours; each rule is shown on several phrasings."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.model import EventDate
from sitrep.pipeline.background import BACKGROUND_DAYS, background, is_background, recalled_by_time
from sitrep.pipeline.detect import detect

ACCUMULATED = [
    "At least 40 civilians have been killed in attacks in the province since April.",
    "More than 300 people have been killed in the region so far this year.",
    "The insurgency has killed thousands of people in the north-east.",
    "Dozens of soldiers have been killed in ambushes in the past six months.",
    "The war has claimed more than 8,000 lives, according to the United Nations.",
]
PROCEEDINGS = [
    "A court sentenced the man to life in prison for the murder of a local reporter.",
    "Prosecutors charged two brothers with the killing of a shopkeeper.",
    "Police said they were investigating the shooting.",
    "He was convicted of the bombing of a bus station.",
]
REPORTED = [
    "Gunmen killed five villagers in an attack on Sunday, officials said.",
    "A roadside bomb killed three soldiers on a patrol near the border on Tuesday.",
    "Police shot dead two suspects during a raid on a hideout on Monday.",
    "Protesters clashed with police outside the parliament on Friday.",
    "An air strike hit a market on Thursday, killing at least 12 people.",
]


def _recalled(annotated, sentence: str, reason: str) -> None:
    """No mention of the sentence survives, and each one detect found is dropped for `reason` (a sentence
    whose words detect does not take for an event at all is background already)."""
    doc = annotated(sentence)
    mentions = detect(doc)
    assert background(doc, mentions) == ()
    assert {is_background(doc, m) for m in mentions} <= {reason}


@pytest.mark.parametrize("sentence", ACCUMULATED)
def test_tolls_summed_over_time_are_background(annotated, sentence):
    _recalled(annotated, sentence, "accumulation")


@pytest.mark.parametrize("sentence", PROCEEDINGS)
def test_events_under_trial_or_inquiry_are_background(annotated, sentence):
    _recalled(annotated, sentence, "proceedings")


@pytest.mark.parametrize("sentence", REPORTED)
def test_the_story_s_own_events_stay(annotated, sentence):
    doc = annotated(sentence)
    mentions = detect(doc)
    assert mentions
    assert background(doc, mentions) == mentions


def test_a_story_keeps_its_incident_and_drops_the_toll_it_recalls(annotated):
    doc = annotated(
        "Gunmen killed seven people at a wedding in the village on Saturday, police said. "
        "More than 2,000 people have been killed in the state since 2019."
    )
    kept = background(doc, detect(doc))
    assert kept
    assert all(m.sentence.text.startswith("Gunmen") for m in kept)


PUBLISHED = date(2024, 6, 30)


@pytest.mark.parametrize(
    ("day", "precision", "basis", "recalled"),
    [
        (date(2024, 3, 1), 3, "explicit", True),  # "in March": months before publication
        (date(2021, 1, 1), 3, "explicit", True),  # "in 2021"
        (date(2024, 6, 1), 3, "explicit", True),  # "earlier this month", more than BACKGROUND_DAYS back
        (date(2024, 6, 25), 3, "explicit", False),  # within the window
        (date(2024, 3, 1), 1, "explicit", False),  # an old event dated to the day can be coded
        (date(2024, 6, 1), 3, "publication", False),  # no date in the text: never called history
    ],
)
def test_recalled_by_time(day, precision, basis, recalled):
    assert recalled_by_time(EventDate(day, precision, None, basis), PUBLISHED) is recalled


def test_recalled_by_time_needs_a_publication_day():
    assert not recalled_by_time(EventDate(date(2001, 1, 1), 3), None)
    assert BACKGROUND_DAYS >= 7
