"""candidates: the Readings of one name on the fictional world (tests/fictional.py), before any context."""

from __future__ import annotations

import dataclasses

import pytest

from fictional import fictional_gazetteer, make_annotated
from sitrep.gazetteer.index import MemoryGazetteer
from sitrep.geoparse.candidates import candidates, expand_abbreviations, readings_of
from sitrep.geoparse.link import link
from sitrep.geoparse.mention import Link, Mention, PlaceName, Readings


@pytest.fixture(scope="module")
def gaz() -> MemoryGazetteer:
    return fictional_gazetteer()


def read(text: str, name: str, gaz: MemoryGazetteer, **fields: object) -> tuple[PlaceName, Link, Readings]:
    """The name (written once in `text`), its Link and its Readings."""
    annotated = make_annotated(text)
    at = text.index(name)
    names = [dataclasses.replace(PlaceName(at, at + len(name), name, "ner:GPE", name), **fields)]
    links = link(annotated.doc, names, annotated.paragraph_of)
    return names[0], links[0], candidates(text, names, links, gaz)[0]


def test_readings_a_unit_named_after_its_main_town_folds_into_the_town(gaz: MemoryGazetteer) -> None:
    _, _, got = read("Shells hit Punia on Monday.", "Punia", gaz)
    ids = {c.gazetteer_id for c in got.cands}
    assert "131" in ids and "130" not in ids  # the town Punia stands for the district Punia (130)
    assert got.collapsed == {"131": "admin2"}


def test_readings_a_unit_word_keeps_the_units(gaz: MemoryGazetteer) -> None:
    _, lk, got = read("Shells hit Punia district on Monday.", "Punia", gaz)
    assert lk.unit_hint == "district"
    assert {"130", "131"} <= {c.gazetteer_id for c in got.cands} and got.collapsed == {}


def test_readings_an_unknown_name_reads_the_place_named_inside_it(gaz: MemoryGazetteer) -> None:
    _, _, got = read("A bomb went off at Marbat Cathedral.", "Marbat Cathedral", gaz)
    assert got.embedded and not got.embedded_loose
    # only a place big enough to be meant without its own name: the 200k Marbat, not the 5k village
    assert {(c.name, c.iso2) for c in got.cands} == {("Marbat", "XC")}
    name, lk, _ = read("A bomb went off at Marbat Cathedral.", "Marbat Cathedral", gaz)
    assert Mention(name, lk, got).pattern == "embedded"


def test_readings_the_rest_of_a_longer_name_may_be_no_generic_word(gaz: MemoryGazetteer) -> None:
    _, _, got = read("A bomb went off at Lake Marbat.", "Lake Marbat", gaz)
    assert got.embedded and got.embedded_loose


def test_readings_a_known_name_is_not_embedded(gaz: MemoryGazetteer) -> None:
    _, _, got = read("Shells hit Qalat on Monday.", "Qalat", gaz)
    assert not got.embedded and {c.iso2 for c in got.cands} == {"XA", "XB"}


def test_readings_the_country_filter_keeps_one_country(gaz: MemoryGazetteer) -> None:
    _, _, got = read("Shells hit Qalat on Monday.", "Qalat", gaz, country_filter="XB")
    assert {c.iso2 for c in got.cands} == {"XB"}


def test_readings_an_abbreviation_expands_to_the_one_province_of_the_focus(gaz: MemoryGazetteer) -> None:
    name, lk, got = read("Troops left Balur. on Friday.", "Balur.", gaz)
    assert got.abbreviation and not got.expanded
    [after] = expand_abbreviations([Mention(name, lk, got)], gaz, {"XB": 1.0})
    assert after.readings.expanded and [(c.name, c.match) for c in after.readings.cands] == [("Baluria", "alias")]
    [elsewhere] = expand_abbreviations([Mention(name, lk, got)], gaz, {"XA": 1.0})
    assert not elsewhere.readings.expanded  # Avaria has no province starting so


def test_readings_a_given_demonym_reads_as_its_country() -> None:
    from sitrep.gazetteer import Gazetteer

    real = Gazetteer.open()
    name = PlaceName(0, 9, "Pakistani", "given", "Pakistani")
    empty = link(make_annotated("Pakistani").doc, [name], lambda _: 0)[0]
    assert [(c.name, c.feature) for c in readings_of(name, empty, real).cands] == [("Pakistan", "country")]
