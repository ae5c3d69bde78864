import pytest

from sitrep.pipeline.detect import detect


@pytest.mark.parametrize(
    "text",
    [
        "The group vowed to carry out more bombings against the army.",
        "Officials denied that soldiers had shelled the village.",
        "The minister condemned the attack on the convoy.",
        "If talks fail, the rebels could launch an offensive on the city.",
        "Activists marked the anniversary of the massacre in the town.",
        "A bomb threat forced the airliner to land in the city.",
        "Air-raid sirens sounded across the city on Sunday evening.",
        "The bombers carried out four mock cruise missile launches and 200 mock bombings during the exercise.",
        "The governor beat back a primary challenge from the former judge on Tuesday.",
        "Firefighters battled the blaze for six hours before it was contained.",
        "The government vowed to fight against corruption in the ports.",
        "Security had been tightened since Friday, when the army received warnings of an attack.",
        "A rebel commander said on Sunday that his fighters were ready to storm the army base if the soldiers stayed.",
        "The visitors stormed into a two-goal lead before half-time and never looked back.",
    ],
)
def test_detect_statements_threats_and_anniversaries_are_not_events(annotated, text):
    assert detect(annotated(text)) == ()


def test_detect_finds_attack_with_weapon(annotated):
    ms = detect(annotated("A roadside bomb struck a police vehicle in Kandahar on Tuesday, killing three officers."))
    assert len(ms) == 1
    assert any(c.label.startswith("weapon:Remote explosive") for c in ms[0].cues)


def test_detect_reference_to_another_event_is_its_own_scope(annotated):
    text = "The operation was launched in response to the March 3 attack in Kunduz that killed 12 people."
    ms = detect(annotated(text))
    assert len(ms) == 1 and ms[0].reference
    assert "Kunduz" in ms[0].sentence.text and "operation" not in ms[0].sentence.text


def test_detect_aggregate_and_anaphora(annotated):
    text = (
        "The group claimed two coordinated attacks on Monday.\n\n"
        "Gunmen ambushed a convoy near Garissa. Two more soldiers were killed in this attack."
    )
    ms = detect(annotated(text))
    assert ms[0].aggregate
    assert ms[-1].anaphoric
    assert not ms[1].aggregate and not ms[1].anaphoric


def test_detect_unit_names_are_not_cues(annotated):
    ms = detect(annotated("The Bomb Disposal Squad inspected the road near the market."))
    assert ms == ()


def test_detect_generic_plural_is_not_an_event(annotated):
    ms = detect(annotated("Residents say strikes on villages have become routine."))
    assert ms == ()


def test_detect_weapons_carried_do_not_make_the_event_but_the_verb_still_does(annotated):
    ms = detect(
        annotated("Militants armed with rocket launchers and grenades attacked the police station at midnight.")
    )
    assert len(ms) == 1
    assert not any(c.kind == "weapon" for c in ms[0].cues)  # what they carried, not how they struck
    assert ms[0].trigger.text == "attacked"


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb exploded near the market, killing five people.",
        "Soldiers and rebels traded fire near the bridge for two hours.",
        "The army beat back an assault on the base on Tuesday.",
        "A man wearing a fake suicide vest began stabbing shoppers in the street, killing one.",
        "A bomb exploded near the league headquarters before the championship on Monday.",
        "Hundreds marched through the capital demanding the death penalty for the attackers.",
        "Hunger strikers marched to the parliament on Tuesday.",
    ],
)
def test_detect_violence_told_beside_such_words_is_found(annotated, text):
    assert detect(annotated(text)) != ()
