"""Layout: the stories of a page of briefs, and the words inside quotation marks."""

from __future__ import annotations

import pytest

from sitrep.text import paragraph_starts
from sitrep.text.layout import in_spans, is_heading, quote_spans, section_starts

BRIEFS = (
    "News in brief\n\n"
    "Gunmen raid a market in the north\n\n"
    "Armed men on motorbikes opened fire on traders at a weekly market on Saturday, killing six people and "
    "wounding nine others, a district official told reporters by telephone.\n\n"
    "Port workers stop work over pay\n\n"
    "Several hundred dock workers walked off the job on Sunday morning, demanding the back pay they say they "
    "have been owed since the spring, and blocked the main gate of the harbour for hours.\n"
)

ONE_STORY = (
    "Police disperse crowd outside court\n\n"
    "Officers fired tear gas at supporters of a jailed opposition leader who had gathered outside the high "
    "court on Tuesday, witnesses said, and at least a dozen people were detained.\n\n"
    "The leader's lawyers said they would appeal the ruling, which they called political, before the end of "
    "the month, and urged supporters to stay calm while the appeal is heard.\n"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Gunmen raid a market in the north", True),
        ("2 soldiers killed at checkpoint", True),
        ("Armed men opened fire on traders on Saturday.", False),  # ends like a sentence
        ("the mayor said nothing", False),  # starts in lower case
        (
            " ".join(f"word{k}" for k in range(17)).capitalize(),
            False,
        ),  # too long for a headline
        ("", False),
    ],
)
def test_is_heading(line, expected):
    assert is_heading(line) is expected


def test_a_page_of_briefs_splits_at_each_headline_that_leads_into_a_story():
    # The page's own title sits on the first story's headline: both open section 0.
    starts = section_starts(BRIEFS, paragraph_starts(BRIEFS))
    assert starts == (0, BRIEFS.index("Port workers"))


def test_a_story_with_one_headline_stays_one_section():
    assert section_starts(ONE_STORY, paragraph_starts(ONE_STORY)) == (0,)


def test_quotes_are_paired_within_a_paragraph_and_an_unclosed_one_runs_to_its_end():
    text = (
        'The governor said: "We will not let them win." Troops were sent.\n\n'
        "\u201cThe fighting will go on until they leave the valley,\u201d a commander said.\n\n"
        '"They came at night and burned everything\n\n'
        "Nobody was hurt.\n"
    )
    spans = quote_spans(text, paragraph_starts(text))
    quoted = [text[a:b] for a, b in spans]
    assert quoted[0] == "We will not let them win."
    assert quoted[1].startswith("The fighting will go on")
    assert quoted[2].startswith("They came at night and burned everything")
    assert "Nobody" not in "".join(quoted)
    assert in_spans(text.index("win"), spans)
    assert not in_spans(text.index("Troops"), spans)
    assert not in_spans(text.index("Nobody"), spans)
