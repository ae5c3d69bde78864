from datetime import date

import pytest

from sitrep.pipeline.actors import actors
from sitrep.pipeline.classify import classify
from sitrep.pipeline.detect import detect
from sitrep.pipeline.numbers import numbers


def typed(annotated, text):
    a = annotated(text, date(2024, 6, 26))
    return [m.sub_event_type for m in classify(a, numbers(a, actors(a, detect(a)))) if m.sub_event_type]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu, killing 12 people.", "Suicide bomb"),
        ("Militants attacked an army post in Bannu, killing three soldiers.", "Armed clash"),
        ("Gunmen stormed a village in Zamfara and killed 20 villagers.", "Attack"),
        ("Soldiers and rebels clashed near the town, leaving five fighters dead.", "Armed clash"),
        ("Russian artillery shelled the town of Kupiansk overnight.", "Shelling/artillery/missile attack"),
        ("Armed men kidnapped 30 students from a school in Kaduna.", "Abduction/forced disappearance"),
        ("The army recaptured the town of Wad Madani from the RSF.", "Government regains territory"),
        ("RSF fighters seized the town of El Geneina after days of fighting.", "Non-state actor overtakes territory"),
        ("Thousands of teachers staged a peaceful protest outside parliament in Nairobi.", "Peaceful protest"),
        ("Police fired tear gas to disperse protesters in Mombasa.", "Protest with intervention"),
        (
            "Police opened fire on protesters in Nairobi, killing five demonstrators.",
            "Excessive force against protesters",
        ),
        ("Rioters torched cars and pelted police with stones in Eldoret.", "Violent demonstration"),
        ("A mob lynched a man accused of theft in the market.", "Mob violence"),
        ("The two sides signed a ceasefire agreement in Doha on Tuesday.", "Agreement"),
        ("Police arrested 14 opposition activists in Dhaka.", "Arrests"),
        ("Air defences shot down 11 drones over Kyiv overnight.", "Disrupted weapons use"),
        ("Bomb disposal experts defused an IED planted on the highway.", "Disrupted weapons use"),
        ("Bomb disposal experts safely detonated an old shell found by farmers.", "Disrupted weapons use"),
        ("Army sappers detonated a landmine found beside the road near the bridge.", "Disrupted weapons use"),
        ("The military bombed a village gathering in Sagaing, killing 100 people.", "Air/drone strike"),
    ],
)
def test_classify_acled_sub_event_types(annotated, text, expected):
    assert typed(annotated, text)[:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Morocco beat Portugal 1-0 to reach the semi-finals.",
        "The goalkeeper shot out a hand to deny the striker.",
        "The tourism industry has been fighting to win back visitors.",
        "It was a bruising battle in the capital, where the visitors bombed out of the cup after a penalty shoot-out.",
        "Okafor's strike in the 78th minute gave the home side a 2-1 win over the champions on Tuesday.",
    ],
)
def test_classify_sport_and_metaphor_are_not_events(annotated, text):
    assert typed(annotated, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ten people died when a crowded bus plunged into a ravine near the town on Friday.",
        "Five workers were killed when a boiler exploded at a textile factory on Tuesday.",
        "A gas cylinder exploded in a house in a village on Saturday, killing six children.",
        "Three passengers died when a ferry capsized in the river overnight.",
        "More than 150 beached whales died on a remote beach on Sunday.",
        "Forty cattle were killed in the village on Sunday.",
        "A fuel tanker overturned and caught fire on the highway on Saturday, killing 12 people.",
        "A fuel tanker exploded on the highway, killing 12 people who had gathered to collect petrol.",
    ],
)
def test_classify_accidents_are_not_political_violence(annotated, text):
    assert typed(annotated, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A car exploded outside the police station on Friday, killing four officers.",
        "Gunmen opened fire on a bus near the town, killing ten passengers, before the bus overturned.",
        "Fans clashed with police after the cup final, leaving two people dead.",
        "A fuel tanker packed with explosives exploded at the checkpoint, killing 30 people.",
    ],
)
def test_classify_violence_beside_accident_and_sports_words_is_still_violence(annotated, text):
    assert typed(annotated, text) != []


@pytest.mark.parametrize(
    "text,weapon",
    [
        ("Militants detonated a roadside bomb near a police van in Quetta, killing three officers.", "roadside bomb"),
        ("Landmine blasts killed two shepherds near Kandahar.", "Landmine"),
        ("Two IEDs exploded under an army truck near Kunduz, killing four soldiers.", "IEDs"),
        # A verb names the act, not the device.
        ("The village was shelled overnight, killing two children.", None),
    ],
)
def test_classify_explosion_weapon_is_the_device_the_report_names(annotated, text, weapon):
    a = annotated(text, date(2024, 6, 26))
    found = [m for m in classify(a, numbers(a, actors(a, detect(a)))) if m.event_type == "Explosions/Remote violence"]
    assert found and found[0].weapon == weapon
    if weapon:
        span = found[0].weapon_span
        assert a.article.text[span.start : span.end] == weapon
