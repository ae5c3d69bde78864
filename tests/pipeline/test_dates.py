from datetime import date

from sitrep.model import Article
from sitrep.pipeline.actors import actors
from sitrep.pipeline.dates import dates, default_date, story_day
from sitrep.pipeline.detect import detect

PUB = date(2025, 5, 8)  # a Thursday


def test_story_day_is_the_dateline_day_when_the_article_date_is_later_or_missing():
    archived = Article("a", "KABUL, Nov 3 (Reuters) - A bomb exploded.", published=date(2025, 11, 10))
    found = story_day(archived)
    assert found is not None and (found.day, found.basis) == (date(2025, 11, 3), "dateline")
    assert story_day(Article("a", "KABUL, Nov 3, 2025 (Reuters) - A bomb exploded.")).day == date(2025, 11, 3)
    # A dateline day a year before the article's date is not its filing day.
    assert story_day(Article("a", "KABUL, Nov 3 (Reuters) - A bomb.", published=date(2025, 10, 1))).day == date(
        2025, 10, 1
    )
    assert story_day(Article("a", "A bomb exploded on Sunday.")) is None


def test_default_date_is_the_day_before_the_story_day_at_week_precision():
    found = default_date(Article("a", "A bomb exploded in the city.", published=PUB))
    assert found is not None
    assert (found.day, found.time_precision, found.basis, found.span) == (date(2025, 5, 7), 2, "publication", None)
    assert default_date(Article("a", "A bomb exploded in the city.")) is None
    # From a dateline's day, the record cites it.
    filed = default_date(Article("a", "KANO, June 9 (Reuters) - A bomb exploded.", published=date(2025, 6, 12)))
    assert filed is not None and filed.day == date(2025, 6, 8) and filed.span is not None
    assert filed.span.text == "June 9"


def run(annotated, text):
    a = annotated(text, PUB)
    return dates(a, actors(a, detect(a)))


def test_dates_event_date_comes_from_the_event_clause(annotated):
    ms = run(annotated, "The army on Thursday withdrew its claim that the girls abducted on Monday had been freed.")
    assert ms and ms[0].date.day == date(2025, 5, 5)


def test_dates_history_and_plans_are_dropped(annotated):
    assert run(annotated, "In 2017 a truck bomb killed 500 people in the city.") == ()
    assert run(annotated, "Protesters will march on May 20 in the capital.") == ()


def test_dates_gap_to_another_event_is_a_relation(annotated):
    ms = run(annotated, "A day after the militants' twin attacks, India launched air strikes on the camps.")
    ref = next(m for m in ms if m.reference)
    assert ref.relative_to == (-1, "Military Forces of India")


def test_dates_a_relative_clause_about_the_group_does_not_date_the_attack(annotated):
    ms = run(
        annotated, "Police suspected the TTP, which ended its ceasefire with the government last month, of the attack."
    )
    assert ms and all(m.date is None for m in ms)


def test_dates_hours_earlier_points_at_the_event_told_before(annotated):
    from sitrep.model import PREVIOUS_EVENT

    text = (
        "On Sunday, prisoners seized a police compound in the city.\n\n"
        "A few hours earlier, gunmen attacked a police station in a nearby village, killing four officers."
    )
    ms = run(annotated, text)
    later = [m for m in ms if "gunmen" in m.sentence.text]
    assert later and later[0].relative_to == (0, PREVIOUS_EVENT)


def test_dates_a_past_event_beside_the_news_does_not_date_it(annotated):
    # The older event is told in a relative clause, an appositive or after "since": the news keeps its day.
    for text in (
        "Gunmen killed 12 people in the town on Sunday, the worst attack there since a bombing in 2014.",
        "A car bomb killed nine soldiers near the base on Tuesday, where militants had killed 30 recruits in 2019.",
        "The commander, who survived a drone attack in 2019, was shot dead by gunmen on Monday.",
        "Rebels ambushed a convoy on Wednesday, six years after they overran the same valley.",
        "Gunmen attacked the village, scene of a massacre last year, on Sunday, killing four farmers.",
        "The blast, the second this month, killed five people at the market on Sunday.",
        "Gunfire at a protest against the judge investigating 2019's port explosion killed seven people on Sunday.",
    ):
        ms = run(annotated, text)
        dated = [m.date for m in ms if m.date is not None and not m.reference]
        assert dated and dated[0].day in (date(2025, 5, 4), date(2025, 5, 6), date(2025, 5, 5), date(2025, 5, 7)), text


def test_dates_background_told_by_its_date_is_dated_there(annotated):
    # Dated more than a year back: history, dropped here; "last October": its month, for background to judge.
    assert run(annotated, "Six years ago, militants stormed the school, killing 140 pupils.") == ()
    assert run(annotated, "In 2019 he survived a drone attack that killed his driver.") == ()
    # A court's day is not the day of the killing it sentences: that is the killing's year.
    assert run(annotated, "A jury on Tuesday sentenced the gunman to death for killing nine shoppers in 2018.") == ()
    ms = run(annotated, "Last October, gunmen killed 20 miners at the site.")
    assert ms and ms[0].date is not None
    assert (ms[0].date.day, ms[0].date.time_precision) == (date(2024, 10, 15), 3)
    assert ms[0].date.days_before == (PUB - date(2024, 10, 15)).days


def test_dates_overnight_counts_from_the_day_the_source_spoke(annotated):
    a = annotated("Gunmen killed four villagers overnight, police said on Tuesday.", date(2025, 5, 8))
    ms = dates(a, actors(a, detect(a)))
    assert ms and ms[0].date is not None
    assert (ms[0].date.day, ms[0].date.counted_from) == (date(2025, 5, 5), "statement")


def test_dates_a_day_on_a_reporting_verb_is_not_the_event_day(annotated):
    ms = run(annotated, "Police said on Wednesday that gunmen had killed four villagers in the district.")
    assert ms and all(m.date is None or m.date.day != date(2025, 5, 7) for m in ms)


def test_dates_a_day_after_since_or_until_is_not_the_event_day(annotated):
    ms = run(annotated, "Fighting between the army and rebels has raged in the district since Friday.")
    assert all(m.date is None or m.date.day != date(2025, 5, 2) for m in ms)


def test_dates_a_later_sentence_gives_the_incident_its_day(annotated):
    text = (
        "Gunmen killed 22 villagers in an overnight attack in the north.\n\n"
        "The attackers entered the villages late on Tuesday, the administrator said."
    )
    ms = run(annotated, text)
    first = next(m for m in ms if "22 villagers" in m.sentence.text)
    assert first.date is not None and first.date.day == date(2025, 5, 6)


def test_dates_weekdays_count_back_from_the_dateline_day(annotated):
    a = annotated("KANO, May 2 (Reuters) - Gunmen killed six traders at a market on Wednesday, police said.", PUB)
    ms = dates(a, actors(a, detect(a)))
    assert ms and ms[0].date is not None
    assert (ms[0].date.day, ms[0].date.counted_from) == (date(2025, 4, 30), "dateline")
    # The dateline's own day dates no event.
    assert ms[0].date.span is not None and ms[0].date.span.text.endswith("Wednesday")


def test_dates_an_event_recalled_across_a_distance_is_dated_there_or_dropped(annotated):
    # "two months after a raid": the raid is dated two months before the news, at month precision.
    ms = run(annotated, "Gunmen attacked a village near the town on Tuesday, two months after a raid that killed 12.")
    news = next(m for m in ms if not m.reference)
    recalled = next(m for m in ms if m.reference)
    assert news.date is not None and news.date.day == date(2025, 5, 6)
    assert recalled.date is not None and (recalled.date.day, recalled.date.time_precision) == (date(2025, 3, 7), 3)
    # A year or more back: an anniversary's event, history.
    for text in (
        "Hundreds of relatives gathered in the town on Sunday, a year after the massacre in which gunmen killed 30.",
        "Six years after the bombing of the market, the city held a memorial on Monday.",
    ):
        assert all(not m.reference for m in run(annotated, text)), text


def test_dates_a_long_past_year_beside_the_report_never_dates_it(annotated):
    text = (
        "On Tuesday morning, militants set off a bomb hidden in a motorcycle outside a petrol station.\n\n"
        "The blast damaged the station. No group claimed responsibility, but the attacks came on the anniversary "
        "of the 2004 crackdown on a protest in a neighbouring province."
    )
    ms = run(annotated, text)
    assert ms and all(m.date is None or m.date.day >= date(2025, 5, 1) for m in ms)


def test_dates_the_day_a_toll_rose_is_not_the_event_day(annotated):
    # PUB is a Thursday: Monday is 5 May, Wednesday (the day the toll rose) 7 May.
    for text in (
        (
            "On Monday morning, a gunman shot shoppers at a store in the city, with the death toll rising to 22 people "
            "on Wednesday, reported officials."
        ),
        (
            "Militants ambushed a convoy near the town on Monday, killing 12 soldiers, with the toll reaching "
            "31 dead on Wednesday, the army said."
        ),
        (
            "A car bomb exploded at a market in the town on Monday, killing nine traders, and the death toll "
            "rose to 30 people on Wednesday, officials said."
        ),
    ):
        ms = run(annotated, text)
        assert ms and {m.date.day for m in ms if m.date is not None} == {date(2025, 5, 5)}, text


def test_dates_a_killing_told_years_back_from_the_news_is_history(annotated):
    for text in (
        "Aid agencies reopened their offices in the town on Thursday, two years after gunmen killed 39 workers.",
        "Monday marked fourteen years since gunmen stormed a school in the city and killed 140 pupils.",
    ):
        assert run(annotated, text) == (), text
    # Months back, within the year, the recalled event keeps a date at month precision.
    ms = run(annotated, "Aid agencies reopened their offices on Thursday, two months after gunmen killed 39 workers.")
    assert ms and all(m.date is not None and m.date.time_precision == 3 for m in ms)
