import pytest

from sitrep.pipeline.reach import reach, subject_phrase


def verb_and_victims(annotated, text):
    doc = annotated(text).doc
    verb = next(t for t in doc if t.lemma_ in ("kill", "leave"))
    noun = next(t for t in doc if t.like_num and t.dep_ == "nummod").head
    return verb, noun


@pytest.mark.parametrize(
    "text,want",
    [
        ("Gunmen killed nine villagers in the market on Monday.", None),
        ("The insurgency has killed more than 3,000 people since 2015.", "running"),
        ("Floods and fighting have killed 400 people in the province so far this year.", "running"),
        ("Militants killed 40 soldiers in years of attacks on the border.", "running"),
        ("Two separate attacks across the north killed 24 people on Sunday.", "shared"),
        ("It was the deadliest attack since 2015, when gunmen killed 40 soldiers.", None),
    ],
)
def test_reach(annotated, text, want):
    verb, noun = verb_and_victims(annotated, text)
    assert reach(verb, noun) == want


def test_subject_phrase_goes_through_a_relative_clause(annotated):
    doc = annotated("The bombing was one of a string of attacks that killed 26 people.").doc
    verb = next(t for t in doc if t.lemma_ == "kill")
    assert "string" in {t.lower_ for t in subject_phrase(verb)}
