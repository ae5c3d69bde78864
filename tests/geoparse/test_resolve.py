"""resolve: the country an article's source covers (`Article.country_hint`) as weak prior evidence, on the real
gazetteer and model. Sentences written here; every name has namesakes in several countries."""

from __future__ import annotations

import pytest

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.index import SqliteGazetteer
from sitrep.geoparse import geoparse
from sitrep.model import Article
from sitrep.text.annotate import annotate


@pytest.fixture(scope="module")
def real_gaz() -> SqliteGazetteer:
    return Gazetteer.open()


def country_of(text: str, name: str, gazetteer: SqliteGazetteer, nlp, hint: str | None = None) -> str | None:
    """The country the name (its first mention) resolves to, with the article's source covering `hint`."""
    toponyms = geoparse(annotate(Article.from_text(text, country_hint=hint), nlp), gazetteer)
    found = next(t for t in toponyms if t.text == name)
    return found.candidate.iso2 if found.candidate is not None else None


# (sentence, name, where it resolves with no hint, the countries whose namesake a hint picks)
SILENT = [
    ("Gunmen attacked a police station in Hyderabad on Monday, killing three officers.", "Hyderabad", "IN", ("PK",)),
    ("Protesters blocked roads in Córdoba on Tuesday and police fired tear gas.", "Córdoba", "AR", ("ES",)),
    ("Police clashed with rioters in Valencia on Friday.", "Valencia", "ES", ("VE",)),
    ("A bomb exploded in a market in Jalalabad, killing two shoppers.", "Jalalabad", "AF", ("IN",)),
    ("Rioters set cars alight in Birmingham overnight.", "Birmingham", "GB", ("US",)),
    ("Herders and farmers clashed near Ibi on Sunday, leaving six dead.", "Ibi", "NG", ("ES", "JP")),
    ("Gunmen killed four worshippers in Bama on Friday.", "Bama", "NG", ("BF",)),
]


@pytest.mark.parametrize(("text", "name", "unhinted", "hinted"), SILENT)
def test_a_hint_picks_the_hinted_namesake_when_the_text_names_no_country(real_gaz, nlp, text, name, unhinted, hinted):
    assert country_of(text, name, real_gaz, nlp) == unhinted
    assert country_of(text, name, real_gaz, nlp, unhinted) == unhinted
    for iso2 in hinted:
        assert country_of(text, name, real_gaz, nlp, iso2) == iso2


@pytest.mark.parametrize(
    ("text", "name", "hint", "expected"),
    [
        # a country named with the place
        ("Troops clashed with militants in Hyderabad, Pakistan, on Monday.", "Hyderabad", "IN", "PK"),
        ("Police fired tear gas at protesters in Córdoba, Argentina, on Friday.", "Córdoba", "ES", "AR"),
        ("Police clashed with rioters in Valencia, Spain, on Friday.", "Valencia", "VE", "ES"),
        # a province that holds it
        ("Gunmen attacked a police station in Hyderabad in India's Telangana state on Monday.", "Hyderabad", "PK",
         "IN"),
        # a demonym
        ("Spanish police fired tear gas at protesters in Córdoba on Friday.", "Córdoba", "AR", "ES"),
        ("Venezuelan troops clashed with protesters in Valencia on Friday.", "Valencia", "ES", "VE"),
        # another place of the story, which has one reading
        ("Gunmen attacked shops in Hyderabad and Karachi on Monday.", "Hyderabad", "IN", "PK"),
        ("Gunmen attacked shops in Hyderabad and Secunderabad on Monday.", "Hyderabad", "PK", "IN"),
    ],
)  # fmt: skip
def test_what_the_text_says_beats_the_hint(real_gaz, nlp, text, name, hint, expected):
    assert country_of(text, name, real_gaz, nlp) == expected
    assert country_of(text, name, real_gaz, nlp, hint) == expected


@pytest.mark.parametrize(
    ("text", "name", "hint", "expected"),
    [
        ("Gunmen killed five villagers near Maiduguri on Sunday.", "Maiduguri", "PK", "NG"),
        ("Soldiers repelled an attack on Kandahar on Saturday.", "Kandahar", "NG", "AF"),
    ],
)
def test_a_hint_never_moves_a_name_that_has_no_namesake_there(real_gaz, nlp, text, name, hint, expected):
    assert country_of(text, name, real_gaz, nlp, hint) == expected
