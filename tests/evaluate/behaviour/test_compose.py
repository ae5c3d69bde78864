"""The templates' shared parts: seeded choices, numbers as news writes them, an incident sentence, datelines,
and expand(), which gives every case a stable id and points perturbed cases at their base."""

from __future__ import annotations

from datetime import date

from sitrep.evaluate.behaviour import load_words
from sitrep.evaluate.behaviour.cases import Expectation
from sitrep.evaluate.behaviour.compose import Draft, Draw, Template, dateline, expand, far_towns, make_incident
from sitrep.evaluate.behaviour.words import WEEKDAYS, distance_km, number_words

WORDS = load_words()


def test_compose_draw_is_the_same_for_the_same_seed():
    one, two = Draw("place:plain_town:3"), Draw("place:plain_town:3")
    assert [one.count(1, 1000) for _ in range(5)] == [two.count(1, 1000) for _ in range(5)]
    assert Draw("a").published() != Draw("b").published() or Draw("a").count(1, 10**6) != Draw("b").count(1, 10**6)


def test_compose_number_is_words_at_a_sentence_start_and_digits_from_100():
    draw = Draw("numbers")
    assert draw.number(23, start=True) == "Twenty-three"
    assert draw.number(140) == "140"
    forms = {draw.number(37) for _ in range(40)}
    assert forms == {"37", number_words(37)}  # both forms occur


def test_compose_incident_names_its_town_day_and_toll():
    town = WORDS.place("Gao")
    incident = make_incident(Draw("incident"), town, low=5, high=5)
    assert "Gao" in incident.sentence and f"on {incident.weekday}" in incident.sentence
    assert incident.killed == 5 and ("five" in incident.sentence.lower() or " 5 " in incident.sentence)
    assert WEEKDAYS[incident.day.weekday()] == incident.weekday
    assert 1 <= (incident.published - incident.day).days <= 2


def test_compose_incident_with_a_group_names_its_members_and_acled_name():
    group = next(g for g in WORDS.groups if g.name == "al-Shabaab")
    incident = make_incident(Draw("group"), WORDS.place("Baidoa"), group=group, source="police said")
    assert incident.sentence.startswith("Al-Shabaab fighters") and incident.sentence.endswith(", police said.")
    assert incident.actor1 == ("Al Shabaab",)


def test_compose_dateline_forms():
    draw = Draw("dateline")
    assert dateline(draw, WORDS.place("Nairobi")).startswith("NAIROBI, Kenya (")
    assert dateline(draw, WORDS.place("Kabul"), day=date(2025, 5, 14)).startswith("KABUL, May 14 (")


def test_compose_far_towns_are_far():
    quetta = WORDS.place("Quetta")
    towns = far_towns(WORDS, quetta, country="Pakistan", km=100)
    assert towns and all(t.country == "Pakistan" for t in towns)
    assert all(distance_km(t.latitude, t.longitude, quetta.latitude, quetta.longitude) >= 100 for t in towns)


def test_compose_expand_numbers_cases_and_links_perturbations_to_their_base():
    def pair(draw: Draw, words) -> list[Draft]:
        day = draw.published()
        return [Draft("MFT", "base", day, Expectation(violent=1)), Draft("DIR", "changed", day, Expectation(violent=0))]

    cases = expand("demo", [Template("pair", 3, pair, "a pair")], WORDS)
    assert [c.id for c in cases] == [f"demo.pair.00{i}{s}" for i in range(3) for s in "ab"]
    assert [c.base for c in cases[:2]] == [None, "demo.pair.000a"]
    assert cases[0].note == "a pair" and cases[1].kind == "DIR"
    assert [c.published for c in cases] == [c.published for c in expand("demo", [Template("pair", 3, pair)], WORDS)]
