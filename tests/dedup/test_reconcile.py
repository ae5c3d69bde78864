"""reconcile: ACLED's rules for tolls (conservative, revised official figures supersede), place, actors, sources."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

import factories
from sample_reports import garowe_article, garowe_event, reuters_article, reuters_event, sonna_article, sonna_event
from sitrep.dedup.reconcile import REVISION_CUES, credible_toll, fatality_reports_of, is_revised, reconcile
from sitrep.model import EventRecord, FatalityReport


def test_reconcile_two_reports_lower_toll_and_both_sources() -> None:
    garowe, reuters = garowe_event(), reuters_event()
    event = reconcile([garowe, reuters], event_id=garowe.event_id)
    assert event.event_id == garowe.event_id
    assert event.fatalities == 9  # the most conservative credible figure
    assert (event.fatalities_low, event.fatalities_high) == (9, 12)
    assert [(r.value, r.source, r.date) for r in event.fatality_reports] == [
        (12, "Garowe Online", "2024-03-15"),
        (9, "Reuters", "2024-03-16"),
    ]
    assert [a.id for a in event.articles] == [garowe_article().id, reuters_article().id]
    assert {e.article_id for e in event.evidence} == {garowe_article().id, reuters_article().id}
    assert len(event.evidence) == len(garowe.evidence) + len(reuters.evidence)
    assert event.source == "Garowe Online; Reuters"
    assert event.source_scale == "International; National"
    assert "9 killed" in event.notes and "Reported by 2 sources" in event.notes


def test_reconcile_most_specific_place_and_named_actor() -> None:
    event = reconcile([reuters_event(), garowe_event()])
    # Garowe names the district (admin3) and the perpetrator; Reuters only the city and no one.
    assert (event.location, event.admin3, event.latitude) == ("Mogadishu - Hodan", "Hodan", 2.0333)
    assert event.actor1 == "Al Shabaab" and event.claimed_by == "Al Shabaab"
    assert event.injuries == 20  # only Reuters counted the wounded


def test_reconcile_follow_up_revised_toll_supersedes() -> None:
    event = reconcile([garowe_event(), reuters_event(), sonna_event()])
    assert event.fatalities == 30
    assert (event.fatalities_low, event.fatalities_high) == (30, 30)
    assert [r.value for r in event.fatality_reports] == [12, 9, 30]
    assert [r.revised for r in event.fatality_reports] == [False, False, True]
    assert sonna_article().id in {a.id for a in event.articles}


def test_reconcile_is_order_independent() -> None:
    records = [garowe_event(), reuters_event(), sonna_event()]
    results = {repr(reconcile(list(p), event_id="SOM-1").to_dict()) for p in itertools.permutations(records)}
    assert len(results) == 1


def test_reconcile_single_record_only_gains_fatality_fields() -> None:
    garowe = garowe_event()
    event = reconcile([garowe])
    assert replace(event, fatality_reports=[], fatalities_low=None, fatalities_high=None) == garowe
    assert [r.value for r in event.fatality_reports] == [12]


def test_reconcile_again_is_stable() -> None:
    once = reconcile([garowe_event(), reuters_event()])
    assert reconcile([once]).to_dict() == once.to_dict()


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ([], (0, None, None)),
        ([(12, "2024-03-15", False), (9, "2024-03-16", False)], (9, 9, 12)),
        ([(12, "2024-03-15", False), (30, "2024-03-17", True)], (30, 30, 30)),
        # A revised toll can also go down.
        ([(40, "2024-03-15", False), (31, "2024-03-18", True)], (31, 31, 31)),
        # A later outlet repeating the stale first count is not credible next to the official figure...
        ([(12, "2024-03-15", False), (30, "2024-03-17", True), (12, "2024-03-18", False)], (30, 30, 30)),
        # ...but a later higher count widens the range.
        ([(12, "2024-03-15", False), (30, "2024-03-17", True), (33, "2024-03-19", False)], (30, 30, 33)),
        # Two revisions: the latest wins.
        ([(12, "2024-03-15", True), (30, "2024-03-17", True)], (30, 30, 30)),
        ([(0, "2024-03-15", False)], (0, None, None)),
    ],
)
def test_reconcile_credible_toll(figures: list[tuple[int, str, bool]], expected: tuple) -> None:
    reports = [
        FatalityReport(value=v, article_id=f"a{k}", source="x", date=d, revised=r)
        for k, (v, d, r) in enumerate(figures)
    ]
    assert credible_toll(reports) == expected


@pytest.mark.parametrize(
    ("sentence", "revised"),
    [
        ("The death toll from Thursday's bombing has risen to 30, officials said.", True),
        ("The toll rose to 17 overnight.", True),
        ("The number of dead climbed to 41 on Sunday.", True),
        ("Three of the wounded have since died of their injuries.", True),
        ("Two more victims succumbed to their wounds in hospital.", True),
        ("An official death toll released on Monday put the figure at 22.", True),
        ("At least 12 people were killed when a car bomb exploded.", False),
        ("Prices rose sharply after the attack.", False),
    ],
)
def test_reconcile_revision_cues(sentence: str, revised: bool) -> None:
    assert is_revised(factories.event("a", fatalities=5, notes=sentence)) is revised
    # the quick word test folds case
    assert is_revised(factories.event("a", fatalities=5, notes=sentence.upper())) is revised


def test_reconcile_revision_cue_words_cover_every_cue() -> None:
    # `is_revised` looks for these words before running the regex: every alternative of it needs one.
    from sitrep.dedup.revision import CUE_WORDS

    alternatives = REVISION_CUES.pattern.split("\n    |")
    assert len(alternatives) == 5
    assert all(any(word in alternative for word in CUE_WORDS) for alternative in alternatives)


def test_reconcile_no_figure_is_no_report() -> None:
    assert fatality_reports_of(factories.event("a", fatalities=0)) == []
    event = reconcile([factories.event("a", fatalities=0), factories.event("b", fatalities=0)])
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (0, None, None)


def test_reconcile_needs_a_record() -> None:
    with pytest.raises(ValueError):
        reconcile([])


def test_reconcile_round_trips_through_to_dict() -> None:
    event = reconcile([garowe_event(), reuters_event(), sonna_event()])
    assert EventRecord.from_dict(event.to_dict()) == event
