"""ACLED's taxonomy as data: every sub-event type has an event type, a disorder type and a phrase for notes."""

from __future__ import annotations

import pytest

from sitrep import taxonomy


@pytest.mark.parametrize("sub", list(taxonomy.SUB_EVENT_TYPES))
def test_taxonomy_every_sub_event_type_has_a_phrase_in_lower_case(sub: str) -> None:
    phrase = taxonomy.SUB_EVENT_PHRASES[sub]
    # Lower case but for acronyms, and "a"/"an" as the next word sounds.
    assert phrase == phrase[0].lower() + phrase[1:] and "Ied" not in phrase
    first, _, rest = phrase.partition(" ")
    if first in ("a", "an"):
        assert (first == "an") == (rest[0] in "aeiou")
    assert taxonomy.disorder_type(sub)


@pytest.mark.parametrize(
    ("sub", "target", "expected"),
    [
        ("Air/drone strike", "Al Shabaab", "carried out an air/drone strike against Al Shabaab"),
        ("Remote explosive/landmine/IED", "", "carried out a remote explosive/landmine/IED attack"),
        ("Arrests", "Protesters (Kenya)", "carried out arrests against Protesters (Kenya)"),
        ("Peaceful protest", "", "held a peaceful protest"),
        ("Protest with intervention", "Police Forces of Kenya",
         "held a protest, met with intervention by Police Forces of Kenya"),
        ("Not a type", "", "carried out not a type"),
    ],
)  # fmt: skip
def test_taxonomy_event_phrase(sub: str, target: str, expected: str) -> None:
    assert taxonomy.event_phrase(sub, target) == expected
