import pytest

from sitrep.pipeline.named_dead import implicit_counts


def named(annotated, text, violent=True):
    a = annotated(text)
    return [(c.value, c.additive, c.part) for c in implicit_counts(a, tuple(range(len(a.doc))), violent)]


@pytest.mark.parametrize(
    "text,want",
    [
        ("Gunmen killed a village headman and his wife on Sunday.", [(2, False, False)]),
        ("A constable was killed when the bomb went off.", [(1, False, False)]),
        ("Militants shot dead Imran Qureshi outside his shop.", [(1, False, False)]),
        # a relative clause: the pronoun stands for the man it hangs on
        ("The convoy carried Farid Osmani, who was also killed in the strike.", [(1, True, False)]),
        ("The mayor, who was shot dead outside his home, had received threats.", [(1, False, False)]),
        # more victims on top of a toll, and victims named inside a toll
        ("Other victims included a district judge and his bodyguard.", [(2, True, False)]),
        ("The dead included a district judge and his bodyguard.", [(2, False, True)]),
        # a death without violence of its own is not counted outside a violent report
        ("A former minister has died.", []),
        ("The driver died in the crash.", []),
    ],
)
def test_implicit_counts(annotated, text, want):
    assert named(annotated, text, violent="minister" not in text) == want
