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
        ("No one was killed in the explosion.", [], []),
        ("The militia controls nine villages and 40 checkpoints.", [], []),
    ],
)
def test_numbers_deaths_and_injuries(annotated, text, killed, injured):
    assert counts(annotated, text) == (killed, injured)
