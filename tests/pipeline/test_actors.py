import pytest

from sitrep.pipeline.actors import actors, generic_name
from sitrep.pipeline.detect import detect


def first(annotated_article):
    return actors(annotated_article, detect(annotated_article))[0]


def test_actors_named_group_is_normalised(annotated):
    m = first(annotated("Al-Shabaab fighters detonated a car bomb outside a hotel in Mogadishu."))
    assert m.actor1.name == "Al Shabaab"
    assert m.actor1.inter == 2


def test_actors_state_forces_take_the_country_of_their_adjective(annotated):
    m = first(annotated("A Russian cruise missile hit an apartment block in Uman before dawn."))
    assert m.actor1.name == "Military Forces of Russia"


def test_actors_possessive_group_is_the_doer(annotated):
    m = first(annotated("The TTP's fighters attacked a police station in Bannu, killing four policemen."))
    assert m.actor1.name == "TTP: Tehrik-i-Taliban Pakistan"
    assert m.actor2.name.startswith("Police Forces")


def test_actors_passive_agent_and_victims(annotated):
    m = first(annotated("Five villagers were killed by gunmen in Zamfara on Sunday."))
    assert m.actor1.name.startswith("Unidentified Armed Group")
    assert [v.name for v in m.victims] == ["Civilians"]


def test_actors_claim_is_recorded_apart_from_the_doer(annotated):
    m = first(
        annotated("The Baloch Liberation Army claimed responsibility for the IED attack that killed two soldiers.")
    )
    assert m.claimed_by is not None and m.claimed_by.name == "BLA: Baloch Liberation Army"


def test_actors_unknown_group_is_kept_as_written(annotated):
    m = first(annotated("The Northern Valley Defence Committee attacked a convoy of soldiers with rockets."))
    assert m.actor1 is not None
    assert "Northern Valley Defence Committee" in m.actor1.name


def test_actors_police_who_disperse_protesters_stay_the_doer(annotated):
    m = first(annotated("Police fired tear gas at protesters who blocked the highway in Nairobi."))
    assert m.actor1.name.startswith("Police Forces")
    assert m.actor2.name.startswith("Protesters")


def test_actors_crowd_is_the_doer_of_its_own_protest(annotated):
    m = first(annotated("Thousands of protesters marched through Nairobi on Tuesday."))
    assert m.actor1.name.startswith("Protesters")


def test_actors_anti_groups_are_not_the_group(annotated):
    m = first(annotated("Anti-Houthi forces attacked the town of Hays, killing four fighters."))
    assert m.actor1 is None or m.actor1.name != "Ansar Allah"


def test_actors_a_facility_owned_by_a_facility_does_not_loop(annotated):
    # "the Central Security Camp's headquarters": a camp owning a building once sent resolve_phrase round forever
    m = first(
        annotated("Unknown gunmen attacked the Central Security Camp's headquarters in Ataq, wounding six soldiers.")
    )
    assert m.actor1 is not None and m.actor1.name.startswith("Unidentified Armed Group")


def test_actors_a_group_fighting_in_several_countries_names_none(annotated):
    # JNIM fights in Mali, Burkina Faso and Niger: its name says nothing of where this ambush was.
    m = first(annotated("JNIM fighters ambushed an army convoy on Monday, killing twelve soldiers."))
    assert m.actor1.name.startswith("JNIM") and m.actor1.country is None
    m = first(annotated("Boko Haram fighters ambushed an army convoy on Monday, killing twelve soldiers."))
    assert m.actor1.country == "NG"  # a group of one country still says which


def test_actors_unknown_group_is_named_without_its_apposition(annotated):
    text = "The Federation of Hazara Traders, a group formed last year, held a protest in Quetta on Monday."
    names = [
        a.name for m in actors(annotated(text), detect(annotated(text))) for a in (m.actor1, *m.assoc_actor_1) if a
    ]
    assert "Federation of Hazara Traders" in names
    assert not [n for n in names if "formed" in n or n.endswith(",")]


def all_mentions(annotated_article):
    return actors(annotated_article, detect(annotated_article))


def doers(annotated_article) -> list[str]:
    return [m.actor1.name for m in all_mentions(annotated_article) if m.actor1 is not None]


# --- who tells is not who did it ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead a village elder in Kano on Sunday, police spokesman Abdullahi Haruna said.",
        "According to the police, gunmen shot dead a village elder in Kano on Sunday.",
        "Police in Kano said gunmen had shot dead a village elder on Sunday.",
        "Citing police sources, the paper said gunmen shot dead a village elder in Kano on Sunday.",
    ],
)
def test_actors_the_police_who_tell_are_not_the_doer(annotated, text):
    assert doers(annotated(text))[0].startswith("Unidentified Armed Group")


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. military said in a statement that a soldier had been killed by a roadside bomb on patrol.",
        (
            "Bilal Khan, a spokesman for the provincial police, confirmed that two suspects were arrested after a "
            "grenade attack on the minister's car."
        ),
        "The army said in a statement that a roadside bomb had killed three of its soldiers near Wana.",
    ],
)
def test_actors_a_speaker_is_not_the_doer_of_what_they_report(annotated, text):
    names = doers(annotated(text))
    assert not any(n.startswith(("Military Forces", "Police Forces")) for n in names), names


# --- targets, victims and bystanders are not doers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_doer"),
    [
        ("The explosion hit the airfield and a compound giving logistical help to NATO troops.", "NATO"),
        ("A United Nations convoy was hit by a roadside bomb in Idlib on Tuesday.", "United Nations"),
        ("Fuad Ali, a senior member of al-Shabaab, was inside the mosque when the two bombs exploded.", "Al Shabaab"),
        ("Militants fired on Hezbollah positions near the border on Friday, killing two fighters.", "Hezbollah"),
    ],
)
def test_actors_a_target_or_bystander_is_not_the_doer(annotated, text, not_doer):
    assert not any(n.startswith(not_doer) for n in doers(annotated(text)))


@pytest.mark.parametrize(
    "text",
    [
        "More than 2,000 soldiers have died in the province since the insurgency began.",
        "Almost 100 people died and 200 were wounded in the clashes, health officials said.",
    ],
)
def test_actors_those_who_died_are_victims_not_doers(annotated, text):
    m = first(annotated(text))
    assert m.actor1 is None or not m.actor1.surface or "died" not in m.actor1.surface
    assert m.actor1 is None, m.actor1


@pytest.mark.parametrize(
    "text",
    [
        "Nabil Hasan al-Quaety, a freelance journalist, died after gunmen opened fire on his car in Aden.",
        "Gunmen opened fire on Nabil Hasan's car in Aden on Sunday, killing him.",
        "Nabil Hasan's killing by gunmen in Aden on Sunday was condemned by his colleagues.",
    ],
)
def test_actors_a_victim_named_by_name_or_possessive_is_not_the_doer(annotated, text):
    for m in all_mentions(annotated(text)):
        assert m.actor1 is None or "Nabil" not in (m.actor1.surface or ""), m.actor1


def test_actors_the_target_of_a_bombing_is_not_its_doer(annotated):
    m = first(annotated("The former minister was the target of a bombing that killed 20 people, including police."))
    assert m.actor1 is None or not m.actor1.name.startswith("Police Forces"), m.actor1


def test_actors_finders_of_bodies_did_not_shoot(annotated):
    m = first(annotated("Police found the bodies of five men who had been shot and dumped in a field."))
    assert m.actor1 is None or not m.actor1.name.startswith("Police Forces"), m.actor1


# --- state forces named by a demonym and a weapon ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Russian shelling killed four civilians in Kherson on Tuesday.", "Military Forces of Russia"),
        ("Three people were killed by Burkinabe mortar fire in Kaya on Sunday.", "Military Forces of Burkina Faso"),
        ("A Turkish drone struck a car near Qamishli on Thursday, killing two men.", "Military Forces of Turkey"),
        ("Pakistani warplanes bombed hideouts in the Tirah valley on Monday.", "Military Forces of Pakistan"),
        ("A U.S. drone strike killed three men in a car near Jilib.", "Military Forces of the United States"),
        ("Israeli jets struck a house in Khan Younis overnight, killing six people.", "Military Forces of Israel"),
        ("Myanmar military shelling killed four villagers in Myitkyina.", "Military Forces of Myanmar"),
        ("Turkish airstrikes hit villages near Duhok on Friday.", "Military Forces of Turkey"),
    ],
)
def test_actors_state_forces_named_by_demonym_and_weapon(annotated, text, name):
    assert first(annotated(text)).actor1.name == name


def test_actors_a_country_that_made_or_backs_a_weapon_is_not_its_user(annotated):
    m = first(annotated("An Iranian-made drone hit a tanker off the coast on Sunday."))
    assert m.actor1 is None or "Iran" not in m.actor1.name


def test_actors_its_jets_belong_to_the_military_that_speaks(annotated):
    m = first(annotated("The Turkish military said its jets struck militant positions near Kirkuk on Monday."))
    assert m.actor1.name == "Military Forces of Turkey"


def test_actors_a_spokesman_speaks_for_his_group(annotated):
    text = "Houthi military spokesman Yahya Sarea said the group fired two missiles at a cargo ship on Monday."
    m = first(annotated(text))
    assert m.actor1.name == "Ansar Allah"
    assert m.actor1.surface == "Houthi"


def test_actors_officers_alone_are_police(annotated):
    assert first(annotated("Officers shot the attacker dead outside a shop.")).actor1.name.startswith("Police")
    m = first(annotated("Army officers shot two smugglers dead near the border."))
    assert m.actor1.name.startswith("Military Forces")


def test_actors_the_dateline_is_no_part_of_the_doer(annotated):
    m = first(annotated("QUETTA, Pakistan - Pakistani troops killed five militants in a raid on Monday."))
    assert m.actor1.name == "Military Forces of Pakistan"
    assert m.actor1.surface == "Pakistani troops"
    m = first(annotated("KYIV - Russian shelling killed two civilians in Kherson on Tuesday."))
    assert "KYIV" not in (m.actor1.surface or "")
    text = "MANILA, Philippines - The Islamic State group claimed responsibility on Monday for a bomb that killed four."
    m = first(annotated(text))
    assert m.actor1.name == "Islamic State" and m.claimed_by == m.actor1


# --- claims ------------------------------------------------------------------------------------------------


CLAIMED = "Gunmen stormed an army post in Turbat on Thursday, killing four soldiers, police said. "


@pytest.mark.parametrize(
    "claim",
    [
        "Hours later, the Baloch Liberation Army said it was behind the attack.",
        "In a statement, the Baloch Liberation Army said its fighters had carried out the attack.",
        "The Baloch Liberation Army claimed responsibility for the attack.",
        "The Baloch Liberation Army later claimed the attack in an email to reporters.",
        "The Baloch Liberation Army contacted reporters, confirming that they were responsible for the attack.",
    ],
)
def test_actors_a_claim_names_the_doer_and_the_claimant(annotated, claim):
    m = first(annotated(CLAIMED + claim))
    assert m.claimed_by is not None and m.claimed_by.name == "BLA: Baloch Liberation Army"
    assert m.actor1.name == "BLA: Baloch Liberation Army"


@pytest.mark.parametrize(
    "claim",
    [
        "No group has claimed responsibility for the attack.",
        "The Baloch Liberation Army, which has claimed previous attacks in the area, did not comment.",
        "The Baloch Liberation Army denied that it was behind the attack.",
        "Officials blamed the Baloch Liberation Army for the attack.",
        "The government accused the Baloch Liberation Army of carrying out the attack.",
    ],
)
def test_actors_no_claim_blame_or_denial_names_no_doer(annotated, claim):
    m = first(annotated(CLAIMED + claim))
    assert m.claimed_by is None
    assert m.actor1.name.startswith("Unidentified Armed Group")


def test_actors_an_accusation_is_not_a_claim(annotated):
    m = first(annotated("Washington blamed Iran for the drone attack on the tanker, which killed two sailors."))
    assert m.claimed_by is None
    assert m.actor1 is None or "Iran" not in m.actor1.name


def test_actors_a_group_called_by_its_name(annotated):
    text = (
        "Five foreign workers were kidnapped from a gas plant in the delta on Tuesday. A group called the "
        "Movement for the Freedom of the Creeks is claiming responsibility for the attack."
    )
    m = first(annotated(text))
    assert m.claimed_by is not None and "Movement for the Freedom of the Creeks" in m.claimed_by.name
    assert m.actor1 == m.claimed_by


def test_actors_fighting_between_two_sides(annotated):
    m = first(annotated("Fighting between the Islamic Courts Union and the Alliance for Peace killed 20 people."))
    assert m.actor1 is not None and "Islamic Courts Union" in m.actor1.name
    assert m.actor2 is not None and "Alliance for Peace" in m.actor2.name


# --- names as ACLED writes them -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "iso2", "name"),
    [
        ("military", "US", "Military Forces of the United States"),
        ("police", "GB", "Police Forces of the United Kingdom"),
        ("military", "CD", "Military Forces of the Democratic Republic of Congo"),
        ("military", "PH", "Military Forces of the Philippines"),
        ("military", "PK", "Military Forces of Pakistan"),
        ("civilians", "CD", "Civilians (Democratic Republic of Congo)"),
        ("armed", "US", "Unidentified Armed Group (United States)"),
    ],
)
def test_actors_generic_names_read_as_acled_writes_them(kind, iso2, name):
    assert generic_name(kind, iso2) == name


@pytest.mark.parametrize(
    "suspicion",
    [
        "No group claimed responsibility, but Boko Haram militants are suspected.",
        "No group claimed responsibility, but it is believed that Boko Haram was responsible for the attack.",
        "No group claimed responsibility, although Boko Haram was thought to be behind the attack.",
        "Police suspect Boko Haram of the attack.",
    ],
)
def test_actors_a_suspected_group_is_the_doer_but_not_a_claimant(annotated, suspicion):
    text = "Gunmen on motorcycles shot dead a policeman in Maiduguri on Monday. " + suspicion
    m = first(annotated(text))
    assert m.actor1.name == "Boko Haram - JAS"
    assert m.claimed_by is None


@pytest.mark.parametrize(
    ("text", "doer", "hit"),
    [
        (
            "Afghan troops came under fire from Taliban fighters near Ghazni on Monday, and four soldiers died.",
            "Taliban",
            "Military Forces of Afghanistan",
        ),
        (
            "A police patrol came under attack from gunmen outside Kano on Friday, leaving two officers dead.",
            "Unidentified Armed Group",
            "Police Forces of Nigeria",
        ),
        (
            "Nigerian soldiers were attacked by Boko Haram insurgents near Bama on Tuesday, killing five of them.",
            "Boko Haram",
            "Military Forces of Nigeria",
        ),
        (
            "A convoy of Malian soldiers came under attack by jihadists near Mopti, and three soldiers were killed.",
            "Unidentified Armed Group",
            "Military Forces of Mali",
        ),
    ],
)
def test_actors_troops_under_fire_are_the_target(annotated, text, doer, hit):
    m = first(annotated(text))
    assert m.actor1 is not None and m.actor1.name.startswith(doer), m.actor1
    assert m.actor2 is not None and m.actor2.name.startswith(hit.split(" of ")[0]), m.actor2


@pytest.mark.parametrize(
    "suspicion",
    [
        "No group claimed responsibility, but the Islamist group Boko Haram was believed to be behind the killing.",
        "Nobody has claimed the attack, but the militant group Boko Haram is thought to be responsible for it.",
        "The jihadist movement Boko Haram is suspected of carrying out the killing.",
    ],
)
def test_actors_a_suspected_group_named_after_its_kind(annotated, suspicion):
    text = "Gunmen shot dead a trader in a market in Maiduguri on Monday. " + suspicion
    assert first(annotated(text)).actor1.name == "Boko Haram - JAS"


@pytest.mark.parametrize(
    "claim",
    [
        (
            "A man identifying himself as Karim, a spokesman for the Baloch Liberation Army, called reporters and "
            "claimed responsibility for the attack."
        ),
        (
            "Police said a man who introduced himself as a member of the Baloch Liberation Army phoned the local press "
            "club and claimed the killing."
        ),
        "A caller who said he belonged to the Baloch Liberation Army claimed the killing.",
    ],
)
def test_actors_a_caller_claims_for_the_group_he_names(annotated, claim):
    m = first(annotated("Gunmen shot dead a professor in Quetta on Wednesday. " + claim))
    assert m.actor1.name == "BLA: Baloch Liberation Army"
    assert m.claimed_by is not None and m.claimed_by.name == "BLA: Baloch Liberation Army"


def test_actors_a_bodyguard_named_as_police_is_police(annotated):
    m = first(annotated("Gunmen shot dead the mayor's bodyguards, two police agents, outside his house in Zacapa."))
    assert m.actor2 is not None and m.actor2.name.startswith("Police Forces"), m.actor2


@pytest.mark.parametrize(
    "text",
    [
        "A drug suspect was shot dead during a police raid in a village near Malolos on Friday.",
        "Police shot dead two robbery suspects at a checkpoint outside Cebu on Monday.",
    ],
)
def test_actors_a_suspect_the_police_kill_is_a_civilian(annotated, text):
    m = first(annotated(text))
    assert m.actor1.name.startswith("Police Forces")
    assert m.actor2 is not None and m.actor2.name.startswith("Civilians"), m.actor2


def test_actors_a_suspect_who_opens_fire_is_an_armed_doer(annotated):
    m = first(annotated("A suspect opened fire on officers at a checkpoint in Cebu on Monday, wounding two."))
    assert m.actor1.name.startswith("Unidentified Armed Group"), m.actor1


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Twelve militants were killed in clashes with security forces in the Kurram district on Sunday.", "Military"),
        ("Nine rebels died during fighting with Colombian troops near the border, the army said.", "Military"),
        ("Eight soldiers were killed in a gunfight with Maoist rebels in a forest in Chhattisgarh.", "CPI (Maoist)"),
    ],
)
def test_actors_killed_in_clashes_with_the_other_side(annotated, text, doer):
    assert first(annotated(text)).actor1.name.startswith(doer)


@pytest.mark.parametrize(
    "blame",
    [
        "A local medical charity blamed the Baloch Liberation Army for the attack.",
        "Residents accused the Baloch Liberation Army of carrying out the killings.",
        "Witnesses blamed the attack on the Baloch Liberation Army.",
    ],
)
def test_actors_blame_by_a_bystander_names_the_doer_but_no_claimant(annotated, blame):
    m = first(annotated(CLAIMED + blame))
    assert m.actor1.name == "BLA: Baloch Liberation Army"
    assert m.claimed_by is None


def test_actors_an_arrest_told_by_a_sheriff_is_no_claim(annotated):
    text = (
        "Nobody tried to storm the base on Friday. Sheriff Kerry Lee said they arrested one man for trespassing "
        "and another for drunkenness."
    )
    for m in all_mentions(annotated(text)):
        assert m.claimed_by is None
        assert m.actor1 is None or "Lee" not in m.actor1.name


def test_actors_a_named_victims_murder_is_not_his_deed(annotated):
    text = 'Gunmen shot dead a reporter in Aden on Sunday. "Nabil\'s murder is a blow to journalism," a colleague said.'
    for m in all_mentions(annotated(text)):
        assert m.actor1 is None or "Nabil" not in m.actor1.name, m.actor1


def test_actors_an_office_holder_claims_nothing(annotated):
    text = (
        "Rioters attacked a mosque in Southport on Tuesday. Prime Minister Keir Starmer condemned what he called "
        'the "thuggery" of the rioters, saying they had hijacked the vigil, and promised they would be punished.'
    )
    for m in all_mentions(annotated(text)):
        assert m.claimed_by is None
        assert m.actor1 is None or "Starmer" not in m.actor1.name, m.actor1


def test_actors_a_group_we_do_not_know_may_say_it_did_it(annotated):
    text = (
        "Suicide bombers attacked the governor's compound in Zaranj on Monday, killing four people. The Taleban "
        "contacted reporters, confirming that they were responsible for the attack."
    )
    m = first(annotated(text))
    assert m.actor1.name == "Taleban" and m.claimed_by == m.actor1
