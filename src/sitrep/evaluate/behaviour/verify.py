"""The word lists checked against sitrep itself: each entry named plainly must be read the way the suites expect.

The suites measure reading articles, not gazetteer coverage, so every place, district, region, group and state
force must first pass in the plainest sentence we can write ("A bomb exploded in Gao on Monday, killing two
people."); an entry that does not is left out of the word lists (tests/evaluate/behaviour/test_words.py runs
these cases). Made-up villages must be unknown to the gazetteer, and each place-name trap known to it.
"""

from __future__ import annotations

from datetime import date

from sitrep.evaluate.behaviour.cases import Avoid, Case, Expectation, PlaceTarget
from sitrep.evaluate.behaviour.compose import avoid_town, town_target
from sitrep.evaluate.behaviour.words import WordLists

__all__ = ["PLAIN_PUBLISHED", "plain_cases", "missing_references"]

# A Thursday: "on Monday" is three days before it.
PLAIN_PUBLISHED = date(2025, 5, 8)


def _case(kind: str, name: str, text: str, expect: Expectation) -> Case:
    return Case(f"words.{kind}.{name}", "words", "MFT", kind, text, PLAIN_PUBLISHED, expect)


def plain_cases(words: WordLists) -> list[Case]:
    """One plain sentence per town, district, region, group and state force, with what it must give."""
    cases = []
    for town in words.towns:
        text = f"A bomb exploded in {town.name} on Monday, killing two people."
        cases.append(_case("town", town.name, text, Expectation(violent=1, places=(town_target(town),))))
    for district in words.districts:
        region = words.region(district.admin1, district.country)
        target = PlaceTarget(
            district.named,
            district.country,
            admin1=region.all_spellings if region else (district.admin1,),
            admin2=district.name,
            geo_precision=2,
        )
        avoid: tuple[Avoid, ...] = (avoid_town(words.place(district.seat)),) if district.seat else ()
        text = f"A bomb exploded in {district.named} on Monday, killing two people."
        cases.append(_case("district", district.name, text, Expectation(violent=1, places=(target,), avoid=avoid)))
    for region in words.named_regions:
        target = PlaceTarget(region.named, region.country, admin1=region.all_spellings, geo_precision=3)
        text = f"A bomb exploded in {region.named} on Monday, killing two people."
        cases.append(_case("region", region.name, text, Expectation(violent=1, places=(target,))))
    for group in words.groups:
        town = next(t for t in words.towns if t.country in group.countries and t.capital != "country")
        text = f"{group.members[0].upper()}{group.members[1:]} killed two soldiers in {town.name} on Monday."
        cases.append(_case("group", group.name, text, Expectation(violent=1, actor1=group.acled)))
    for force in words.state_forces:
        town = next(t for t in words.towns if t.country in force.theatres and t.capital != "country")
        text = (
            f"{force.adjective[0].upper()}{force.adjective[1:]} jets bombed {town.name} on Monday, killing two people."
        )
        cases.append(_case("state", force.adjective, text, Expectation(violent=1, actor1=force.acled)))
    return cases


def missing_references(words: WordLists) -> list[str]:
    """Names one list uses that another does not define (a hub, a seat, a country, a group's country)."""
    towns = {t.name for t in words.towns}
    countries = {c.name for c in words.countries}
    problems = []
    for country in words.countries:
        problems += [
            f"countries.tsv: hub {h!r} of {country.name} is not in places.tsv" for h in country.hubs if h not in towns
        ]
    for town in words.towns:
        if town.country not in countries:
            problems.append(f"places.tsv: {town.name}'s country {town.country!r} is not in countries.tsv")
    for district in words.districts:
        if district.seat and district.seat not in towns:
            problems.append(f"districts.tsv: seat {district.seat!r} of {district.name} is not in places.tsv")
        if words.region(district.admin1, district.country) is None:
            problems.append(f"districts.tsv: {district.name}'s admin1 {district.admin1!r} is not in regions.tsv")
    for region in words.regions:
        if region.seat and region.seat not in towns:
            problems.append(f"regions.tsv: seat {region.seat!r} of {region.name} is not in places.tsv")
    for group in words.groups:
        if not any(t.country in group.countries and t.capital != "country" for t in words.towns):
            problems.append(f"groups.tsv: no town of places.tsv lies in {group.name}'s countries")
    for force in words.state_forces:
        if not any(t.country in force.theatres and t.capital != "country" for t in words.towns):
            problems.append(f"state_forces.tsv: no town of places.tsv lies in {force.adjective}'s theatres")
    return problems
