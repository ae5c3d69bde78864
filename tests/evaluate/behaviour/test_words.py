"""The word lists: they load, refer to one another consistently, spread over many countries and conflicts, and
every entry is read by sitrep the way the suites expect when it is named plainly (else it is left out)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from sitrep.evaluate.behaviour import check_cases, load_words
from sitrep.evaluate.behaviour.verify import missing_references, plain_cases
from sitrep.evaluate.behaviour.words import fold, last_weekday, number_words, ordinal_words, week_middle
from sitrep.evaluate.runner import default_extractor, predict

WORDS = load_words()


def test_words_every_list_loads():
    assert len(WORDS.towns) >= 150
    assert len(WORDS.districts) >= 25 and len(WORDS.regions) >= 50
    assert len(WORDS.villages) >= 40 and len(WORDS.groups) >= 30 and len(WORDS.state_forces) >= 15
    assert WORDS.place("Quetta").admin1 == "Balochistan"
    assert WORDS.capital_of("Somalia").name == "Mogadishu"


def test_words_lists_refer_to_one_another():
    assert missing_references(WORDS) == []


def test_words_names_are_unique_within_a_list():
    for names in (
        [(t.name, t.country) for t in WORDS.towns],
        [(d.name, d.country) for d in WORDS.districts],
        [(r.name, r.country) for r in WORDS.regions],
        [v.name for v in WORDS.villages],
        [g.name for g in WORDS.groups],
    ):
        assert [n for n, c in Counter(names).items() if c > 1] == []


def test_words_places_and_actors_spread_over_many_countries():
    towns = Counter(t.country for t in WORDS.towns)
    assert len(towns) >= 25
    assert max(towns.values()) / len(WORDS.towns) < 0.1  # no country dominates
    assert len({d.country for d in WORDS.districts}) >= 10
    assert len({c for g in WORDS.groups for c in g.countries}) >= 20
    assert len({c for f in WORDS.state_forces for c in f.theatres}) >= 15


@pytest.fixture(scope="module")
def gazetteer():
    from sitrep.pipeline import default_gazetteer

    return default_gazetteer()


def test_words_made_up_villages_are_unknown_to_the_gazetteer(gazetteer):
    known = {v.name: [c.name for c in gazetteer.lookup(v.name)[:3]] for v in WORDS.villages}
    assert {name: found for name, found in known.items() if found} == {}


def test_words_place_name_traps_are_places_in_the_gazetteer(gazetteer):
    assert [t.word for t in WORDS.commons if not gazetteer.lookup(t.word, respell=False)] == []


def test_words_each_entry_named_plainly_is_read_as_the_suites_expect():
    """ "A bomb exploded in <place> on Monday, killing two people." gives that place (town within 30 km, district
    at geo_precision 2 away from its province's seat, region at 3); "<members> killed two soldiers" gives the
    group's ACLED name. An entry sitrep cannot read plainly is moved to the list's "Left out" comment."""
    cases = plain_cases(WORDS)
    extractor, many = default_extractor()
    results = check_cases(cases, predict([c.article() for c in cases], extractor=extractor, extract_many=many))
    assert {r.case.id: r.failures or r.error for r in results if not r.passed} == {}
    assert len(cases) == len(WORDS.towns) + len(WORDS.districts) + len(WORDS.named_regions) + len(WORDS.groups) + len(
        WORDS.state_forces
    )


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (7, "seven"), (12, "twelve"), (20, "twenty"), (23, "twenty-three"), (140, "one hundred and forty")],
)
def test_words_number_words(n, words):
    assert number_words(n) == words


def test_words_number_words_refuses_what_it_cannot_spell():
    with pytest.raises(ValueError):
        number_words(1000)


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "first"), (2, "second"), (5, "fifth"), (12, "twelfth"), (20, "twentieth"), (23, "twenty-third")],
)
def test_words_ordinal_words(n, words):
    assert ordinal_words(n) == words


def test_words_last_weekday_counts_back_from_publication():
    thursday = date(2025, 5, 8)
    assert last_weekday(thursday, "Tuesday") == date(2025, 5, 6)
    assert last_weekday(thursday, "Thursday") == thursday  # "on Thursday" in a Thursday story: that day
    assert last_weekday(thursday, "Friday") == date(2025, 5, 2)


def test_words_week_middle_is_wednesday_and_thursday_of_the_week_before():
    assert week_middle(date(2025, 5, 8)) == (date(2025, 4, 30), date(2025, 5, 1))
    assert week_middle(date(2025, 5, 4)) == (date(2025, 4, 23), date(2025, 4, 24))  # a Sunday


def test_words_fold_compares_names_loosely():
    assert fold("Democratic Republic of the Congo") == fold("Democratic Republic of Congo")
    assert fold("Nad 'Ali") == fold("Nad Ali")
    assert fold("Ta`izz") == fold("Taizz")
    assert fold("Kech") != fold("Kalat")
