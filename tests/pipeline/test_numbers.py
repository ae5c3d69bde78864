import pytest

from sitrep.pipeline.numbers import counts_in


def counts(annotated, text):
    a = annotated(text)
    killed, injured = counts_in(a, tuple(range(len(a.doc))))
    return [(c.value, c.is_total, c.additive, c.running) for c in killed], [c.value for c in injured]


@pytest.mark.parametrize(
    "text,killed,injured",
    [
        ("Gunmen killed five villagers and wounded twelve others on Sunday.", [(5, False, False, False)], [12]),
        (
            "At least 23 people were killed and 40 injured when a bomber struck a market.",
            [(23, False, False, False)],
            [40],
        ),
        ("The attack left two policemen dead and three wounded.", [(2, False, False, False)], [3]),
        ("Twenty-five soldiers died in the ambush.", [(25, False, False, False)], []),
        ("A convoy was hit by a roadside bomb, killing all 12 soldiers on board.", [(12, False, False, False)], []),
        ("Three attackers were also killed in the exchange of fire.", [(3, False, True, False)], []),
        ("The death toll from the blast rose to 30 on Tuesday.", [(30, True, False, False)], []),
        (
            "Two more soldiers were killed, bringing the total fatalities to 14.",
            [(2, False, True, False), (14, True, False, True)],
            [],
        ),
        ("The blast caused 15 casualties.", [], []),
        ("The shooting left one dead and two wounded.", [(1, False, False, False)], [2]),
        # a headline's bare "several dead" gives no figure (the story gives the exact one)
        ("Bombing leaves several dead in border town", [], []),
        # casualties told as one figure are not deaths
        ("More than 40 people were killed or wounded in the blast.", [], []),
        ("The raid left 14 villagers dead or injured.", [], []),
        (
            "At least 9 people were wounded, two of them critically, and one later died.",
            [(1, False, False, False)],
            [9],
        ),
        ("No one was killed in the explosion.", [], []),
        ("The militia controls nine villages and 40 checkpoints.", [], []),
    ],
)
def test_numbers_deaths_and_injuries(annotated, text, killed, injured):
    assert counts(annotated, text) == (killed, injured)


def roles(annotated, text):
    """(value, roles) of each death figure: T toll, r revised, R running, s shared, p part, a additive,
    S superseded."""
    a = annotated(text)
    killed, _ = counts_in(a, tuple(range(len(a.doc))))
    flags = (("T", "is_total"), ("r", "revised"), ("R", "running"), ("s", "shared"), ("p", "part"),
             ("a", "additive"), ("S", "superseded"))  # fmt: skip
    return [(c.value, "".join(f for f, name in flags if getattr(c, name))) for c in killed]


@pytest.mark.parametrize(
    "text,want",
    [
        # hedges, words and digits, ranges (the lower end), vague counts
        ("Dozens of people were killed when gunmen opened fire on a minibus.", [(12, "")]),
        ("Some 45 people were killed when the bridge was blown up.", [(45, "")]),
        ("Some 30-35 herders were killed in the raid, elders said.", [(30, "")]),
        ("Between 18 and 25 people were killed in the raid.", [(18, "")]),
        ("Twelve to fifteen people died in the assault on the camp.", [(12, "")]),
        ("The blast killed at least one hundred and four people.", [(104, "")]),
        ("Gunmen killed 1,450 villagers over two days, the report said.", [(1450, "")]),
        # the toll as such, and a toll that moved
        ("The death toll from the ambush stood at 19 on Monday.", [(19, "T")]),
        ("The toll from Friday's bombing has climbed to fifty-two, the ministry said.", [(52, "Tr")]),
        ("Officials later revised the death toll down to 17.", [(17, "Tr")]),
        ("The number of people killed in the raid rose to 24 on Wednesday.", [(24, "Tr")]),
        ("A provisional toll of 21 dead was given by the army.", [(21, "TS")]),
        ("The provincial health office had put the toll at 63 on Tuesday.", [(63, "TS")]),
        ("By Saturday the death toll had climbed to 27, a spokesman said.", [(27, "Tr")]),
        # a toll beside a clause about the wounded stays a death toll
        ("The governor put the toll at 40 and said scores more were wounded.", [(40, "T")]),
        # parts of a toll
        ("A car bomb killed 30 people, including 12 children, at a market.", [(30, ""), (12, "p")]),
        ("The strike killed eleven people, among them four women.", [(11, ""), (4, "p")]),
        ("Among the dead were 16 students and two teachers.", [(16, "p"), (2, "p")]),
        # more victims on top
        ("Two of the wounded later died in hospital.", [(2, "a")]),
        ("Four more bodies were pulled from the rubble on Tuesday.", [(4, "a")]),
        # cumulative and background tolls
        ("Rights groups say more than 300 people have been killed in the region since April.", [(300, "R")]),
        ("The war has killed thousands of people.", [(1000, "R")]),
        ("Nearly 500 people have been killed in the province so far this year, the UN says.", [(500, "R")]),
        ("The insurgency has claimed more than 35,000 lives since 2009.", [(35000, "R")]),
        ("The bombing was one of three attacks across the country that left 26 people dead.", [(26, "s")]),
        # thresholds and boasts are not tolls
        ("The law treats as a massacre any attack in which four or more people are killed.", []),
        ("The group claimed to have killed 65 soldiers, which the army denied.", []),
    ],
)
def test_numbers_roles(annotated, text, want):
    assert roles(annotated, text) == want
