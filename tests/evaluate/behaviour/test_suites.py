"""The suites: deterministic, hundreds of cases per capability, every template expanding into well-formed cases
whose expectations follow from their text, and a stable sample for --limit."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from sitrep.errors import ConfigError
from sitrep.evaluate.behaviour import CAPABILITIES, KINDS, SUITES, generate_cases, load_words
from sitrep.evaluate.behaviour.compose import Draw
from sitrep.evaluate.behaviour.suites import fatalities, place
from sitrep.evaluate.behaviour.words import WEEKDAYS, fold, number_words

WORDS = load_words()
ALL = generate_cases()
BY_CAPABILITY = {c: [case for case in ALL if case.capability == c] for c in CAPABILITIES}
TEMPLATES = [(capability, t.name) for capability, templates in SUITES.items() for t in templates]


def test_suites_generation_is_deterministic():
    again = generate_cases()
    assert [(c.id, c.text, c.published, c.expect) for c in again] == [
        (c.id, c.text, c.published, c.expect) for c in ALL
    ]


def test_suites_hundreds_of_cases_per_capability_with_unique_ids():
    assert len({c.id for c in ALL}) == len(ALL)
    for capability, cases in BY_CAPABILITY.items():
        assert 200 <= len(cases) <= 450, (capability, len(cases))
        assert {c.kind for c in cases} <= set(KINDS) and len({c.kind for c in cases}) >= 2, capability


def test_suites_fatalities_has_forty_or_more_phrasings():
    assert len(fatalities.PHRASINGS) >= 40


def test_suites_every_base_is_a_case_of_the_same_template():
    ids = {c.id: c for c in ALL}
    for case in ALL:
        if case.base is not None:
            assert ids[case.base].template == case.template and case.kind in ("INV", "DIR"), case.id


def _mentions(text: str, name: str) -> bool:
    return fold(name) in fold(text)


@pytest.mark.parametrize(("capability", "template"), TEMPLATES)
def test_suites_template_expands_into_well_formed_cases(capability, template):
    cases = [c for c in BY_CAPABILITY[capability] if c.template == template]
    assert cases, template
    for case in cases:
        text = case.text
        assert not re.search(r"[{}]", text), (case.id, text)  # no placeholder left unfilled
        assert "  " not in text and " ," not in text and ".." not in text.replace("...", ""), (case.id, text)
        assert text[0].isupper() or text[0].isdigit() or text[0] == '"', (case.id, text)
        assert case.expect.to_dict(), case.id  # every case checks something
        for target in case.expect.places:
            if target.latitude is not None:  # a town: the text names it (a dateline names it in capitals)
                assert _mentions(text, target.name), (case.id, target.name)
        for avoid in case.expect.avoid:  # a named distractor; for a village, also its province's seat
            assert _mentions(text, avoid.name.split(" ")[0]) or template == "unknown_village", (case.id, avoid.name)
        if case.expect.event_date:
            anchor = case.published or date.fromisoformat(case.expect.event_date[0]) + timedelta(days=7)
            for day in case.expect.event_date:
                assert 0 <= (anchor - date.fromisoformat(day)).days <= 40, (case.id, day)


def test_suites_place_targets_come_from_the_word_lists():
    towns = {t.name for t in WORDS.towns}
    for case in BY_CAPABILITY["place"] + BY_CAPABILITY["records"]:
        for target in case.expect.places:
            assert target.latitude is None or target.name in towns, case.id


def test_suites_actor_expectations_are_acled_names_from_the_word_lists():
    names = {n for g in WORDS.groups for n in g.acled} | {n for f in WORDS.state_forces for n in f.acled}
    names |= {"Unidentified Armed Group"}
    for case in BY_CAPABILITY["actors"]:
        assert case.expect.actor1 and set(case.expect.actor1) <= names, case.id


def test_suites_nonevent_cases_expect_no_violent_record_unless_they_are_controls():
    for case in BY_CAPABILITY["nonevents"]:
        if case.template in ("event_with_background", "report_to_nonevent", "accident_or_landmine"):
            continue
        assert case.expect.violent == 0, case.id


def test_suites_subset_phrasing_expects_the_total_not_the_sum():
    text, killed = fatalities.subset_including(Draw("t"), WORDS, WORDS.place("Gao"), "Monday")
    total, part = re.match(r"(\w[\w-]*) people were killed, including (\w[\w-]*) ", text).groups()
    assert killed == _as_number(total) and _as_number(part) < killed


def test_suites_sum_phrasing_expects_the_sum_when_no_total_is_given():
    text, killed = fatalities.dead_included_sum(Draw("t"), WORDS, WORDS.place("Gao"), "Monday")
    soldiers, civilians = re.search(r"included (\S+) soldiers and (\S+) civilians", text).groups()
    assert killed == _as_number(soldiers) + _as_number(civilians)


def test_suites_weekday_case_expects_the_named_weekday_on_or_before_publication():
    for case in (c for c in BY_CAPABILITY["dates"] if c.template == "weekday"):
        day = date.fromisoformat(case.expect.event_date[0])
        assert f"on {WEEKDAYS[day.weekday()]}" in case.text
        assert 0 <= (case.published - day).days <= 6


def test_suites_last_week_expects_the_middle_of_the_week_before():
    for case in (c for c in BY_CAPABILITY["dates"] if c.template == "last_week"):
        days = [date.fromisoformat(d) for d in case.expect.event_date]
        assert [d.weekday() for d in days] == [2, 3] and case.expect.time_precision == 2
        assert 3 <= (case.published - days[0]).days <= 11


def test_suites_unknown_village_expects_its_district_at_precision_two():
    draws = [place.unknown_village(Draw(f"v{i}"), WORDS)[0] for i in range(10)]
    villages = {v.name for v in WORDS.villages}
    for draft in draws:
        (target,) = draft.expect.places
        assert target.geo_precision == 2 and target.admin2 and _mentions(draft.text, target.admin2)
        assert any(v in draft.text for v in villages)


def test_suites_dated_dateline_counts_back_from_the_dateline_day():
    months = {date(2025, m, 1).strftime("%B"): m for m in range(1, 13)}
    for case in (c for c in BY_CAPABILITY["dates"] if c.template == "dated_dateline"):
        month, day, year = re.match(r"[A-Z' -]+, (\w+) (\d+)(?:, (\d{4}))? \(", case.text).groups()
        expected = date.fromisoformat(case.expect.event_date[0])
        filed = date(expected.year, months[month], int(day))
        if filed < expected:  # filed in January about late December
            filed = date(expected.year + 1, months[month], int(day))
        assert 0 <= (filed - expected).days <= 6 and f"on {WEEKDAYS[expected.weekday()]}" in case.text
        assert case.published is None or case.published > filed
        # With no date of its own, only the dateline's year can date the story.
        assert (year is not None) == (case.published is None)
        assert year is None or int(year) == filed.year


def test_suites_limit_takes_a_stable_mixed_sample():
    sample = generate_cases(["fatalities", "dates"], limit=30)
    assert sample == generate_cases(["fatalities", "dates"], limit=30)
    assert len(sample) == 60 and {c.id for c in sample} <= {c.id for c in ALL}
    assert len({c.template for c in sample if c.capability == "fatalities"}) >= 15


def test_suites_unknown_capability_is_a_config_error():
    with pytest.raises(ConfigError, match="no behavioural suite called 'plaec'"):
        generate_cases(["plaec"])


def _as_number(word: str) -> int:
    if word.isdigit():
        return int(word)
    return next(n for n in range(100) if number_words(n) == word.lower())
