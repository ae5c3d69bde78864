"""link: each pattern between names, as the Link values it returns (names given by hand, no gazetteer)."""

from __future__ import annotations

import dataclasses

import pytest

from fictional import make_annotated
from sitrep.geoparse.link import link
from sitrep.geoparse.mention import Link, PlaceName


def links(text: str, *names: str) -> dict[str, Link]:
    """The Link of each name (each written once in `text`), by name."""
    annotated = make_annotated(text)
    found = sorted(
        (PlaceName(text.index(n), text.index(n) + len(n), n, "ner:GPE", n) for n in names), key=lambda n: n.start
    )
    return {n.text: lk for n, lk in zip(found, link(annotated.doc, found, annotated.paragraph_of), strict=True)}


def index_of(text: str, names: tuple[str, ...], name: str) -> int:
    """The index of `name` among `names` in text order, as a Link refers to it."""
    return sorted(names, key=text.index).index(name)


def test_link_possessive_area_lies_in_its_owner() -> None:
    text = "Gunmen struck in Kesh's Kulag Tigran area on Monday."
    got = links(text, "Kesh", "Kulag Tigran")
    area, owner = got["Kulag Tigran"], got["Kesh"]
    assert (area.container, area.pattern, area.containers) == (0, "possessive_area", ((0, "hard"),))
    assert owner.is_container and owner.contains == (1,)


def test_link_possessive_without_an_area_word_is_the_place_itself() -> None:
    got = links("Shells fell on Borduria's Qettar overnight.", "Borduria", "Qettar")
    assert (got["Qettar"].container, got["Qettar"].pattern) == (0, "possessive")


def test_link_possessive_is_no_container_across_a_preposition() -> None:
    got = links("Avaria's talks in Szohod went on.", "Avaria", "Szohod")
    assert got["Szohod"].container is None


def test_link_region_of() -> None:
    got = links("The first strike hit the Shorkand region of Bolana.", "Shorkand", "Bolana")
    assert (got["Shorkand"].container, got["Shorkand"].pattern) == (1, "region_of")
    assert got["Bolana"].is_container


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Shells hit Qalat city (Baluria) at dawn.", "paren"),
        ("Shells hit Qalat district, Baluria at dawn.", "in"),  # a unit word before the comma says "in"
        ("Shells hit Qalat, Baluria at dawn.", "comma"),  # a bare comma may also separate list items
        ("Shells hit Qalat in Baluria at dawn.", "in"),
        ("Shells hit Qalat in the western countryside of Baluria at dawn.", "in"),
        ("Shells hit Qalat, Old Kerot, Baluria at dawn.", "comma"),  # over a name the gazetteer does not know
        ("Shells hit Qalat, the crowded camp outside Baluria, at dawn.", "near"),
        ("Shells hit Qalat, a small village in Baluria, at dawn.", "in"),
    ],
)
def test_link_soft_containers(text: str, kind: str) -> None:
    got = links(text, "Qalat", "Baluria")
    assert (got["Qalat"].soft_container, got["Qalat"].soft_kind, got["Qalat"].containers) == (1, kind, ((1, kind),))
    assert got["Qalat"].container is None
    assert got["Baluria"].contains == (0,) and not got["Baluria"].is_container


def test_link_a_name_between_the_place_and_its_container_stops_the_comma_pattern() -> None:
    got = links("Shells hit Qalat, Old Kerot, Baluria at dawn.", "Qalat", "Old Kerot", "Baluria")
    assert got["Qalat"].soft_container == 1  # the known name after the comma, not the one after it


def test_link_village_in_a_town() -> None:
    got = links("Troops raided Ramban village in Sheohar.", "Ramban", "Sheohar")
    assert got["Ramban"].village_in and got["Ramban"].soft_kind == "in"
    assert not links("Troops raided Ramban in Sheohar.", "Ramban", "Sheohar")["Ramban"].village_in


def test_link_a_plain_container_keeps_soft_patterns_away() -> None:
    text = "They fought in the Shorkand region of Bolana in Avaria."
    got = links(text, "Shorkand", "Bolana", "Avaria")
    assert (got["Shorkand"].container, got["Shorkand"].soft_container) == (1, None)
    assert got["Bolana"].soft_container == 2


@pytest.mark.parametrize(
    ("text", "relation", "pattern"),
    [
        ("Rockets landed near Marbat on Friday.", "near", "near"),
        ("Rockets landed close to the town of Marbat on Friday.", "near", "near"),
        ("Rockets landed on the outskirts of Marbat on Friday.", "self", "outskirts"),
        ("Rockets landed on Marbat's outskirts on Friday.", "self", "outskirts"),
        ("Rockets landed in Marbat.", "self", None),
    ],
)
def test_link_near_and_outskirts(text: str, relation: str, pattern: str | None) -> None:
    got = links(text, "Marbat")["Marbat"]
    assert (got.relation, got.pattern) == (relation, pattern)


def test_link_unit_word_after_the_name() -> None:
    got = links("Curfew in Kesh district and Qettar city.", "Kesh", "Qettar")
    assert (got["Kesh"].unit_hint, got["Kesh"].pattern) == ("district", "unit_word")
    assert (got["Qettar"].unit_hint, got["Qettar"].pattern) == (None, None)  # a town is the place itself


def test_link_a_name_before_a_noun_qualifies_it() -> None:
    got = links("The Avaria dinar fell while Borduria troops moved.", "Avaria", "Borduria")
    assert (got["Avaria"].pattern, got["Avaria"].money) == ("modifier", True)
    assert (got["Borduria"].pattern, got["Borduria"].money) == ("modifier", False)


@pytest.mark.parametrize(
    "text", ["Clashes in Kholapara upazila left two dead.", "Clashes in upazila Kholapara left two dead."]
)
def test_link_a_unit_word_only_one_country_has(text: str) -> None:
    assert links(text, "Kholapara")["Kholapara"].unit_country == "BD"


def test_link_lists_are_siblings_within_a_sentence() -> None:
    text = "Raids hit Rajor, Qalat and Punia. Marbat was calm."
    got = links(text, "Rajor", "Qalat", "Punia", "Marbat")
    assert got["Rajor"].siblings == {1}
    assert got["Qalat"].siblings == {0, 2}
    assert got["Punia"].siblings == {1}
    assert got["Marbat"].siblings == frozenset() and got["Marbat"].sentence == 1


def test_link_the_place_after_a_list_of_villages_holds_them_all() -> None:
    text = "Fighting reached Kalma and Kass villages in Darfa on Sunday."
    names = ("Kalma", "Kass", "Darfa")
    got = links(text, *names)
    darfa = index_of(text, names, "Darfa")
    assert got["Kass"].soft_container == got["Kalma"].soft_container == darfa
    assert got["Kalma"].soft_kind == "in"
    assert set(got["Darfa"].contains) == {0, 1}


def test_link_paragraph_and_sentence() -> None:
    text = "Avaria\n\nShells hit Qettar. Troops left Marbat.\n\nLater, Szohod."
    got = links(text, "Avaria", "Qettar", "Marbat", "Szohod")
    assert [got[n].paragraph for n in ("Avaria", "Qettar", "Marbat", "Szohod")] == [0, 1, 1, 2]
    sentences = [got[n].sentence for n in ("Avaria", "Qettar", "Marbat", "Szohod")]
    assert sentences == sorted(set(sentences))  # each name in a sentence of its own, in text order


def test_link_values_are_frozen() -> None:
    got = links("Shells hit Qalat in Baluria.", "Qalat", "Baluria")["Qalat"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.soft_container = None  # type: ignore[misc]
