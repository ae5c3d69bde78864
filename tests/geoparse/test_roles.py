"""roles: what each place name does in the story, read from the words around it (spaCy's parse of sentences we
wrote; the names are the fictional world's, so nothing here depends on a real place)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from fictional import fictional_gazetteer
from sitrep.geoparse.mention import Toponym
from sitrep.geoparse.roles import ROLES, SCENE, assign_roles, role_of, story_dateline, story_puts_event_at_dateline
from sitrep.model import Article, Place, Span
from sitrep.text import annotate

GAZ = fictional_gazetteer()


def toponym(text: str, name: str, nth: int = 0) -> Toponym:
    """A Toponym at the `nth` occurrence of `name`, with the fictional gazetteer's best reading of it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    cands = GAZ.lookup(name)
    return Toponym(
        span=Span(start, start + len(name), name), text=name, place=None, candidate=cands[0] if cands else None
    )


def role(text: str, name: str, nth: int = 0) -> str:
    """The role `assign_roles` gives the `nth` occurrence of `name` in `text`."""
    annotated = annotate(Article.from_text(text))
    t = toponym(text, name, nth)
    return next(r.role for r in assign_roles(annotated, [t], GAZ) if r.span == t.span)


def test_role_of_without_a_dateline_reads_the_sentence() -> None:
    text = "Szohod condemned the attack on Qettar."
    doc = annotate(Article.from_text(text)).doc
    assert (role_of(doc, toponym(text, "Szohod")), role_of(doc, toponym(text, "Qettar"))) == ("actor", SCENE)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # scenes, in many phrasings
        ("Gunmen killed nine people at a market in Qettar on Tuesday.", "Qettar", SCENE),
        ("A bomb exploded near a checkpoint outside Turbin, police said.", "Turbin", SCENE),
        ("Rebels seized Punia after two days of fighting.", "Punia", SCENE),
        ("Three girls were abducted from Rajorgarh overnight.", "Rajorgarh", SCENE),
        ("Shells landed in a village 8 km from Qalat on Sunday.", "Qalat", SCENE),
        ("Police in Turbin said the attackers fled on motorbikes.", "Turbin", "source"),
        # where someone spoke or reported from
        ("The interior minister, speaking at a news conference in Szohod, condemned the attack.", "Szohod", "speaker"),
        ("The government spokesman in Avagrad told reporters the army would respond.", "Avagrad", "speaker"),
        ("A correspondent in Szohod reported heavy gunfire in the hills.", "Szohod", "speaker"),
        ("In Avagrad, the prime minister condemned the bombing.", "Avagrad", "speaker"),
        # a capital or a country standing for its government
        ("Szohod condemned the strike and summoned the ambassador.", "Szohod", "actor"),
        ("Avaria accused its neighbour of arming the rebels.", "Avaria", "actor"),
        # where people are from
        ("Militants killed seven labourers from Baluria in the attack.", "Baluria", "home"),
        ("The victim, a native of Punia, had moved to the city last year.", "Punia", "home"),
        ("The dead included a Qettar-born teacher.", "Qettar", "home"),
        # where they were going or came from
        ("The bus was heading to Qettar when it was ambushed.", "Qettar", "destination"),
        ("The convoy was bound for Avagrad when the mine went off.", "Avagrad", "destination"),
        ("Thousands of families fled to Borduria after the clashes.", "Borduria", "destination"),
        ("A bus travelling from Turbin was stopped by armed men.", "Turbin", "origin"),
        # whose: a name that qualifies something
        ("A Szohod-based analyst said the group was weakening.", "Szohod", "whose"),
        ("Borduria's army said it had repelled the raid.", "Borduria", "whose"),
        ("A battalion based in Punia was sent to the front.", "Punia", "whose"),
        ("Protesters blocked the Qettar-Turbin highway near the bridge.", "Qettar", "road"),
        ("Protesters blocked the Qettar-Turbin highway near the bridge.", "Turbin", "road"),
        ("Journalists and media workers protested in Qettar against the arrest.", "Qettar", SCENE),
    ],
)
def test_role_of_reads_the_words_around_a_name(text: str, name: str, expected: str) -> None:
    assert role(text, name) == expected


def test_role_of_the_dateline_city_and_country() -> None:
    text = "SZOHOD, Borduria (Wirenews) - Gunmen killed four people in Qettar on Monday, officials said."
    assert (role(text, "SZOHOD"), role(text, "Borduria"), role(text, "Qettar")) == ("dateline", "dateline", SCENE)


def test_role_of_the_agency_named_again_is_the_dateline() -> None:
    text = "AVAGRAD (Punia) - Troops clashed with rebels in Rajorgarh, Punia reported."
    assert role(text, "Punia", nth=1) == "dateline"


def test_assign_roles_adds_a_dateline_city_recognition_missed() -> None:
    text = "QETTAR, Borduria (Wirenews) - A bomb killed two soldiers in Turbin on Sunday."
    annotated = annotate(Article.from_text(text))
    got = assign_roles(annotated, [toponym(text, "Turbin")], GAZ)
    assert [(t.text, t.role, t.place is not None and t.place.name) for t in got] == [
        ("QETTAR", "dateline", "Qettar"),
        ("Turbin", SCENE, False),
    ]
    assert all(t.role in ROLES for t in got)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two bombs went off in the city centre on Monday.", True),
        ("Fighting broke out here late on Sunday.", True),
        ("The town's main market was set on fire.", True),
        ("Two bombs went off in Turbin on Monday.", False),
        ("The army said the situation was calm.", False),
    ],
)
def test_story_puts_event_at_dateline(sentence: str, expected: bool) -> None:
    assert story_puts_event_at_dateline(sentence) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("A Borduria counterterrorism operation killed the commander.", "Borduria", "whose"),
        ("Avaria President Marko Tal said the talks had failed.", "Avaria", "whose"),
        ("The commander was killed in the Avaria border region last week.", "Avaria", SCENE),
        ("The commander was killed in a raid in Borduria last week.", "Borduria", SCENE),
    ],
)
def test_role_of_a_country_before_a_noun_says_whose(text: str, name: str, expected: str) -> None:
    assert role(text, name) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Marko Tal, a resident of Punia, was charged on Friday.", "Punia", "home"),
        ("Residents of Punia fled the shelling overnight.", "Punia", SCENE),
        ("Qettar reported that the convoy had been attacked.", "Qettar", "actor"),
    ],
)
def test_role_of_residents_and_names_that_speak(text: str, name: str, expected: str) -> None:
    assert role(text, name) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The rebels blamed both Avaria and Borduria for the attack.", "Avaria", "actor"),
        ("The rebels blamed both Avaria and Borduria for the attack.", "Borduria", "actor"),
        ("The minister accused Szohod of arming the militia.", "Szohod", "actor"),
        ("The minister condemned the attack in Qettar.", "Qettar", SCENE),
    ],
)
def test_role_of_a_name_blamed_or_accused_is_an_actor(text: str, name: str, expected: str) -> None:
    assert role(text, name) == expected


@pytest.mark.parametrize(
    ("sentence", "capital", "expected"),
    [
        ("The worst street violence in the capital for a decade killed seven people.", True, True),
        ("Gunmen stormed a hotel in the capital on Sunday.", True, True),
        ("Gunmen stormed a hotel in the capital on Sunday.", False, False),
        ("The capital's main market was shelled.", True, True),
    ],
)
def test_story_puts_event_at_a_capital_dateline(sentence: str, capital: bool, expected: bool) -> None:
    assert story_puts_event_at_dateline(sentence, capital=capital) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "The county commissioner told reporters in Rajorgarh that the raiders came from the north.",
            "Rajorgarh",
            "speaker",
        ),
        ("The army said in a statement issued in Qettar that the drone had been shot down.", "Qettar", "speaker"),
        ("The Qettar Department of Health said six people had died.", "Qettar", "whose"),
        ("Gunmen killed six villagers in the Kesh department on Sunday.", "Kesh", SCENE),
        ("Szohod was hit by a barrage of missiles overnight.", "Szohod", SCENE),
    ],
)
def test_role_of_speakers_and_bodies(text: str, name: str, expected: str) -> None:
    assert role(text, name) == expected


def test_story_dateline_after_a_headline() -> None:
    text = "Two attacks kill 20 in Borduria\n\nSZOHOD, Borduria (Wirenews) - A bomb killed nine people in Qettar."
    found = story_dateline(text)
    assert found is not None and text[found.city.start : found.city.end] == "SZOHOD"
    assert story_dateline("A bomb killed nine people in Qettar on Monday. SZOHOD said nothing.") is None


@pytest.mark.parametrize(
    ("text", "located", "landmark"),
    [
        ("Two women were shot dead in Punia, 60 miles north of Avagrad, witnesses said.", "Punia", "Avagrad"),
        ("The town of Turbin, about 300 km (190 miles) north-east of Qalat, was shelled.", "Turbin", "Qalat"),
        ("Rebels attacked Rajorgarh, some 20 kilometres outside Szohod, at dawn.", "Rajorgarh", "Szohod"),
    ],
)
def test_assign_roles_a_place_another_is_located_from_is_a_landmark(text: str, located: str, landmark: str) -> None:
    annotated = annotate(Article.from_text(text))
    known = replace(toponym(text, located), place=Place(located, country="Borduria"), resolved_via="name")
    roles = {t.text: t.role for t in assign_roles(annotated, [known, toponym(text, landmark)], GAZ)}
    assert roles == {located: SCENE, landmark: "landmark"}
    # When the located name is unknown, the landmark is all the story gives: the scene lies near it.
    unknown = replace(known, place=None, resolved_via=None)
    roles = {t.text: t.role for t in assign_roles(annotated, [unknown, toponym(text, landmark)], GAZ)}
    assert roles[landmark] == SCENE


def test_assign_roles_a_town_in_brackets_after_its_country_names_which_country() -> None:
    # "Borduria (Avagrad)" names the country by its capital, as "Congo (Kinshasa)" does; Qettar is the scene.
    text = "Troops of the Borduria (Avagrad) army clashed with rebels in Qettar on Friday."
    annotated = annotate(Article.from_text(text))
    country = toponym(text, "Borduria")
    assert country.candidate is not None and country.candidate.feature == "country"
    roles = {
        t.text: t.role
        for t in assign_roles(annotated, [country, toponym(text, "Avagrad"), toponym(text, "Qettar")], GAZ)
    }
    assert roles["Avagrad"] == "whose" and roles["Qettar"] == SCENE
