"""One toll per event from the roles `numbers` gives each figure (tolls.fatalities), on figures we write."""

from dataclasses import replace

from sitrep.model import Count, Mention, Span
from sitrep.pipeline.tolls import fatalities

_TEXT_END = 10_000


def mention(start: int, *counts: Count) -> Mention:
    """A mention whose sentence starts at `start` (100 characters long) and states `counts`."""
    sentence = Span(start, start + 100, "")
    return Mention("a", sentence, sentence, "Violence against civilians", "Attack", killed=counts)


def count(value: int, at: int, **role) -> Count:
    return Count(value, "killed", Span(at, at + 2, str(value)), **role)


def test_lowest_statement_per_group_and_groups_add():
    # "police said five were killed" / "a witness said ten": five; "three soldiers" is another group.
    mentions = [
        mention(0, count(5, 10, who="people")),
        mention(200, count(10, 210, who="people")),
        mention(400, count(3, 410, who="soldiers")),
    ]
    assert fatalities(mentions, "killed")[0] == 8


def test_parts_do_not_add_to_the_figure_they_itemise():
    # "30 people were killed, including 12 children"
    mentions = [mention(0, count(30, 5, who="people"), count(12, 40, who="children", part=True))]
    value, used = fatalities(mentions, "killed")
    assert value == 30
    assert [c.value for c in used] == [30]


def test_parts_count_when_nothing_else_does():
    # "The dead included seven soldiers and four civilians."
    mentions = [mention(0, count(7, 20, who="soldiers", part=True), count(4, 40, who="civilians", part=True))]
    assert fatalities(mentions, "killed")[0] == 11


def test_a_revised_toll_supersedes_the_first_figure():
    # "at least 11 were killed" ... "the toll later rose to 37"
    mentions = [mention(0, count(11, 10, who="people")), mention(300, count(37, 320, is_total=True, revised=True))]
    value, used = fatalities(mentions, "killed")
    assert value == 37
    assert used[0].span.start == 320


def test_the_latest_of_several_revisions_counts():
    mentions = [
        mention(0, count(9, 10)),
        mention(200, count(14, 220, is_total=True, revised=True)),
        mention(400, count(21, 420, is_total=True, revised=True)),
    ]
    assert fatalities(mentions, "killed")[0] == 21


def test_victims_added_after_a_revision_count_on_top():
    mentions = [
        mention(0, count(20, 10, is_total=True, revised=True)),
        mention(300, count(2, 310, additive=True, who="soldiers")),
    ]
    assert fatalities(mentions, "killed")[0] == 22


def test_running_totals_never_count():
    # "... killing four" / "the insurgency has killed more than 3,000 since 2015"
    mentions = [mention(0, count(4, 10)), mention(200, count(3000, 230, running=True))]
    assert fatalities(mentions, "killed")[0] == 4
    assert fatalities([mention(0, count(3000, 30, running=True))], "killed") == (0, [])


def test_a_toll_as_such_beats_a_higher_sum_of_statements():
    # "police put the toll at nine" against "12 people were killed" told elsewhere: the lower one
    mentions = [mention(0, count(12, 10)), mention(200, count(9, 220, is_total=True))]
    assert fatalities(mentions, "killed")[0] == 9


def test_a_toll_counts_everyone_when_the_statements_name_only_combatants():
    # "six soldiers were killed" / "the death toll stood at 15"
    mentions = [mention(0, count(6, 10, who="soldiers")), mention(200, count(15, 220, is_total=True))]
    assert fatalities(mentions, "killed")[0] == 15


def test_a_shared_toll_counts_only_without_a_figure_of_its_own():
    # "one of three attacks that left 26 dead" against "the bomb killed eight"
    shared = count(26, 50, shared=True)
    assert fatalities([mention(0, shared), mention(200, count(8, 210))], "killed")[0] == 8
    assert fatalities([mention(0, shared)], "killed")[0] == 26


def test_a_superseded_figure_gives_way_to_a_current_one():
    # "an earlier count of 18" against "officials said 15 people died"
    mentions = [mention(0, count(18, 10, superseded=True)), mention(200, count(15, 210))]
    assert fatalities(mentions, "killed")[0] == 15
    assert fatalities([mention(0, count(18, 10, superseded=True))], "killed")[0] == 18


def test_two_sources_in_one_sentence_are_two_statements():
    # "police said 12 were killed, while witnesses said 35"
    mentions = [mention(0, count(12, 10, source=3), count(35, 60, source=12))]
    assert fatalities(mentions, "killed")[0] == 12


def test_injuries_are_counted_apart():
    hurt = Count(40, "injured", Span(30, 32, "40"))
    m = Mention("a", Span(0, 100, ""), Span(0, 5, ""), "Explosions/Remote violence", "Suicide bomb",
                killed=(count(5, 10),), injured=(hurt,))  # fmt: skip
    assert fatalities([m], "killed")[0] == 5
    assert fatalities([m], "injured")[0] == 40


def test_a_toll_counts_everyone_when_the_statements_name_one_group_of_victims():
    # "six foreign nationals were killed" / "the death toll stood at 22": the nationals are some of the dead
    mentions = [mention(0, count(6, 10, who="national")), mention(200, count(22, 220, is_total=True))]
    assert fatalities(mentions, "killed")[0] == 22


def test_a_higher_toll_from_another_source_does_not_beat_a_count_of_everyone():
    # "police said 12 people were killed, while witnesses put the toll at 35": ACLED's lower figure
    mentions = [mention(0, count(12, 10, who="people", source=1), count(35, 60, is_total=True, source=9))]
    assert fatalities(mentions, "killed")[0] == 12


def test_an_exact_figure_beats_a_vague_one():
    # "dozens of people were killed" / "43 people died, the hospital said"
    mentions = [mention(0, count(12, 10, vague=True)), mention(200, count(43, 210))]
    assert fatalities(mentions, "killed")[0] == 43
    assert fatalities([mention(0, count(3, 10, vague=True))], "killed")[0] == 3


def test_a_headline_figure_counts_only_when_the_body_gives_none():
    # "Attack kills 16" over "Sixteen policemen were killed": the headline sums up the body, it adds nothing.
    headline = Mention("a", Span(0, 20, ""), Span(0, 6, ""), "Violence against civilians", "Attack", headline=True)
    headline = replace(headline, killed=(count(16, 13),))
    body = mention(100, count(16, 110, who="policemen"))
    assert fatalities([headline, body], "killed")[0] == 16
    assert fatalities([headline, mention(100)], "killed")[0] == 16
