"""merge on hand-made mentions: no model, no gazetteer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep import taxonomy
from sitrep.model import ActorRef, Article, Count, Cue, EventDate, Mention, Place, Span
from sitrep.pipeline.merge import merge

TEXT = "x" * 2000
ARTICLE = Article(id="a1", text=TEXT, published=date(2025, 5, 8), title="t")
BLA = ActorRef("BLA: Baloch Liberation Army", 2, "PK", Span(0, 3, "BLA"), "BLA", "dictionary")
SOLDIERS = ActorRef("Military Forces", 1, "PK", Span(4, 12, "soldiers"), "soldiers")


def place(name: str, gid: str, admin2: str, feature: str = "city", precision: int = 1) -> Place:
    return Place(
        name,
        country="Pakistan",
        iso=586,
        iso2="PK",
        admin1="Balochistan",
        admin2=admin2,
        latitude=26.0,
        longitude=63.0,
        geo_precision=precision,
        gazetteer_id=gid,
        feature_class=feature,
        span=Span(50, 55, name),
    )


def mention(start: int, sub: str, paragraph: int = 0, **kw) -> Mention:
    defaults = {
        "article_id": "a1",
        "sentence": Span(start, start + 40, TEXT[start : start + 40]),
        "trigger": Span(start, start + 5, "xxxxx"),
        "event_type": taxonomy.event_type_of(sub) if sub else "",
        "sub_event_type": sub,
        "paragraph": paragraph,
        "cues": (Cue(f"weapon:{sub}", start, start + 1, 85),) if sub else (Cue("kill", start, start + 1, 15),),
    }
    defaults.update(kw)
    return Mention(**defaults)


IED = "Remote explosive/landmine/IED"
TURBAT = place("Turbat", "1", "Kech District")
MACH = place("Mach", "2", "Kachhi District")


def test_merge_mentions_of_one_event_in_a_paragraph_become_one_record():
    ms = (
        mention(0, IED, actor1=BLA, places=(TURBAT,)),
        mention(
            100, "", killed=(Count(12, "killed", Span(110, 121, "12 soldiers"), who="soldier"),), victims=(SOLDIERS,)
        ),
    )
    events = merge(ARTICLE, ms)
    assert len(events) == 1
    e = events[0]
    assert (e.sub_event_type, e.actor1, e.fatalities, e.location) == (IED, "BLA: Baloch Liberation Army", 12, "Turbat")
    assert e.actor2.startswith("Military Forces of Pakistan")
    assert {ev.field for ev in e.evidence} >= {"event_type", "actor1", "location", "fatalities"}


def test_merge_separate_marker_and_other_place_give_two_events():
    ms = (mention(0, IED, actor1=BLA, places=(MACH,)), mention(100, IED, actor1=BLA, places=(TURBAT,), separate=True))
    assert [e.location for e in merge(ARTICLE, ms)] == ["Mach", "Turbat"]


def test_merge_running_total_adds_no_deaths_and_additions_add():
    ms = (
        mention(0, IED, actor1=BLA, places=(TURBAT,)),
        mention(
            100,
            "",
            anaphoric=True,
            killed=(
                Count(2, "killed", Span(100, 110, "Two more"), additive=True),
                Count(14, "killed", Span(120, 130, "total 14"), is_total=True, running=True),
            ),
        ),
    )
    assert merge(ARTICLE, ms)[0].fatalities == 2


def test_merge_summary_lends_its_claim_but_is_no_event():
    summary = mention(0, IED, aggregate=True, claimed_by=BLA, actor1=BLA)
    ms = (summary, mention(100, IED, paragraph=1, places=(TURBAT,)))
    events = merge(ARTICLE, ms)
    assert len(events) == 1
    assert events[0].claimed_by == "BLA: Baloch Liberation Army"


def test_merge_event_told_at_listed_places_is_split_per_place():
    ms = (mention(0, "Shelling/artillery/missile attack", places=(TURBAT, MACH)),)
    events = merge(ARTICLE, ms)
    assert sorted(e.location for e in events) == ["Mach", "Turbat"]
    assert len({e.event_id for e in events}) == 2


def test_merge_a_reference_to_the_event_adds_only_the_places_that_fit_it():
    # "... in Turbat. The attack was carried out by militants operating in Mach and Turbat."
    ms = (mention(0, IED, actor1=BLA, places=(TURBAT,)), mention(100, IED, anaphoric=True, places=(MACH, TURBAT)))
    assert [e.location for e in merge(ARTICLE, ms)] == ["Turbat"]


def test_merge_unknown_names_coded_to_one_place_are_one_event():
    # "near Mong Wi and Loi Hsam villages in Muse township": neither village is known, both are coded to Muse
    kech = place("Kech", "3", "Kech District", feature="admin2", precision=2)
    first, second = (replace(kech, name=n, admin3=n, feature_class="named") for n in ("Kulag", "Tigran"))
    events = merge(ARTICLE, (mention(0, IED, actor1=BLA, places=(first, second)),))
    assert [(e.location, e.geo_precision) for e in events] == [("Kulag", 2)]
    elsewhere = replace(second, latitude=27.0)  # two unknown names coded to two places stay two events
    assert len(merge(ARTICLE, (mention(0, IED, actor1=BLA, places=(first, elsewhere)),))) == 2


def test_merge_relative_date_resolves_against_the_anchor_event():
    india = ActorRef("Military Forces of India", 1, "IN", None, "India")
    ms = (
        mention(0, "Air/drone strike", actor1=india, places=(MACH,), paragraph=0),
        mention(100, IED, actor1=BLA, places=(TURBAT,), paragraph=1, relative_to=(-1, "Military Forces of India")),
    )
    days = {e.location: (e.event_date, e.time_precision) for e in merge(ARTICLE, ms)}
    assert days["Mach"] == ("2025-05-07", 2)  # no date in the text: the day before publication, week precision
    assert days["Turbat"] == ("2025-05-06", 2)


def test_merge_explicit_date_and_precision_codes():
    ms = (
        mention(0, IED, actor1=BLA, places=(TURBAT,), date=EventDate(date(2025, 4, 22), 1, Span(60, 68, "April 22"))),
    )
    e = merge(ARTICLE, ms)[0]
    assert (e.event_date, e.time_precision, e.geo_precision) == ("2025-04-22", 1, 1)


def test_merge_unknown_doer_of_violence_against_civilians_is_coded_as_acled_does():
    ms = (
        mention(
            0,
            "Attack",
            places=(TURBAT,),
            victims=(ActorRef("Civilians", 7, None, Span(0, 5, "people"), "people"),),
            cues=(Cue("vac:Attack", 0, 1, 30),),
        ),
    )
    e = merge(ARTICLE, ms)[0]
    assert e.actor1 == "Unidentified Armed Group (Pakistan)"
    assert e.actor2 == "Civilians (Pakistan)"
    assert e.civilian_targeting == "Civilian targeting"
    assert e.interaction == 27


def test_merge_an_event_without_a_place_uses_the_town_told_before_it():
    before = replace(TURBAT, geo_precision=2)
    ms = (mention(0, IED, actor1=BLA, place_before=before),)
    [rec] = merge(ARTICLE, ms)
    assert (rec.location, rec.geo_precision) == ("Turbat", 2)


def test_merge_an_article_naming_no_place_gets_its_actors_country_and_no_coordinates():
    [rec] = merge(ARTICLE, (mention(0, IED, actor1=BLA),))
    assert (rec.country, rec.location, rec.latitude, rec.longitude, rec.geo_precision) == (
        "Pakistan",
        "",
        None,
        None,
        3,
    )
    country_evidence = [e for e in rec.evidence if e.field == "country"]
    assert [e.text for e in country_evidence] == ["BLA"]  # the actor says which country
    assert not [e for e in rec.evidence if e.field in ("location", "latitude", "longitude")]


def test_merge_a_placeless_event_without_actor_countries_takes_a_country_its_report_names():
    text = "Nine militants were killed in clashes with security forces in the Afghan south."
    article = Article(id="a2", text=text, published=date(2025, 5, 8))
    armed = ActorRef("Unidentified Armed Group", 2, None, Span(5, 14, "militants"), "militants")
    m = Mention(
        article_id="a2",
        sentence=Span(0, len(text), text),
        trigger=Span(31, 38, "clashes"),
        event_type=taxonomy.BATTLES,
        sub_event_type="Armed clash",
        actor1=armed,
        cues=(Cue("battle", 31, 38, 50),),
    )
    [rec] = merge(article, (m,))
    assert (rec.country, rec.latitude, rec.geo_precision) == ("Afghanistan", None, 3)
    assert [e.text for e in rec.evidence if e.field == "country"] == ["Afghan"]


def test_merge_hours_earlier_takes_the_day_of_the_event_told_before():
    from sitrep.model import PREVIOUS_EVENT

    sunday = EventDate(date(2022, 12, 18), 1, Span(0, 6, "Sunday"), "explicit")
    ms = (
        mention(0, IED, actor1=BLA, places=(TURBAT,), date=sunday),
        mention(200, "Armed clash", paragraph=1, places=(MACH,), relative_to=(0, PREVIOUS_EVENT)),
    )
    _first, later = merge(ARTICLE, ms)
    assert later.event_date == "2022-12-18" and later.time_precision == 1


def test_merge_an_undated_event_takes_the_day_of_another_at_the_same_town():
    monday = EventDate(date(2025, 5, 5), 1, Span(300, 306, "Monday"), "explicit")
    ms = (
        mention(0, "Abduction/forced disappearance", actor1=BLA, places=(TURBAT,)),
        mention(300, "Armed clash", paragraph=1, actor1=BLA, places=(TURBAT,), date=monday),
    )
    abduction, _clash = merge(ARTICLE, ms)
    assert abduction.event_date == "2025-05-05" and abduction.time_precision == 1
    assert [e.text for e in abduction.evidence if e.field == "event_date"] == ["Monday"]


def test_merge_an_undated_event_elsewhere_keeps_the_publication_default():
    monday = EventDate(date(2025, 5, 5), 1, Span(300, 306, "Monday"), "explicit")
    ms = (
        mention(0, "Abduction/forced disappearance", actor1=BLA, places=(TURBAT,)),
        mention(300, "Armed clash", paragraph=1, actor1=BLA, places=(MACH,), date=monday),
    )
    abduction, _ = merge(ARTICLE, ms)
    assert abduction.event_date == "2025-05-07" and abduction.time_precision == 2


def test_merge_a_currency_is_no_country_for_a_placeless_event():
    text = "Rioters angry at the high US dollar exchange rate blocked a road in Dbayeh with burning tyres."
    article = Article(id="a3", text=text, published=date(2020, 4, 28))
    rioters = ActorRef("Rioters", 5, None, Span(0, 7, "Rioters"), "rioters")
    m = Mention(
        article_id="a3",
        sentence=Span(0, len(text), text),
        trigger=Span(50, 57, "blocked"),
        event_type=taxonomy.RIOTS,
        sub_event_type="Violent demonstration",
        actor1=rioters,
        cues=(Cue("riot", 50, 57, 50),),
    )
    [rec] = merge(article, (m,))
    assert rec.country == ""  # not the United States: Dbayeh is unknown and nothing else says where


def test_merge_associated_actors_are_named_as_acled_names_actors():
    strike = "Air/drone strike"
    offensive = ActorRef("Military Forces", 1, "IN", Span(0, 20, "The Indian offensive"), "The Indian offensive")
    army = ActorRef("Military Forces", 1, None, Span(40, 48, "the Army"), "the Army")
    police = ActorRef("Police Forces", 1, None, Span(50, 60, "the police"), "the police")
    # "The Indian offensive, executed by the Army, ...": the Army is part of actor1, not a bare "Military Forces".
    [rec] = merge(ARTICLE, (mention(0, strike, actor1=offensive, assoc_actor_1=(army,), places=(TURBAT,)),))
    assert rec.actor1.startswith("Military Forces of India") and rec.assoc_actor_1 == ""
    # Another kind of force gets its country and period, as actor1 does.
    soldiers = replace(SOLDIERS, country=None)
    [rec] = merge(ARTICLE, (mention(0, IED, actor1=soldiers, assoc_actor_1=(police,), places=(TURBAT,)),))
    assert rec.actor1.startswith("Military Forces of Pakistan (")
    assert rec.assoc_actor_1.startswith("Police Forces of Pakistan (")


def test_merge_notes_name_the_event_in_plain_english():
    [rec] = merge(ARTICLE, (mention(0, IED, actor1=BLA, victims=(SOLDIERS,), places=(TURBAT,)),))
    assert rec.notes.startswith("On ")
    assert "carried out a remote explosive/landmine/IED attack against Military Forces of Pakistan" in rec.notes
    assert " event" not in rec.notes and "Turbat, Balochistan, Pakistan" in rec.notes


def test_merge_a_quoted_event_word_never_starts_an_event():
    # '"They will bomb the bridge in Turbat," a commander warned.'
    assert merge(ARTICLE, (mention(0, IED, places=(TURBAT,), quoted=True),)) == []


def test_merge_a_quoted_report_joins_the_event_the_story_tells():
    ms = (
        mention(0, IED, actor1=BLA, places=(TURBAT,)),
        mention(100, IED, quoted=True, killed=(Count(3, "killed", Span(110, 117, "3 men"), who="man"),)),
    )
    events = merge(ARTICLE, ms)
    assert len(events) == 1
    assert (events[0].location, events[0].fatalities) == ("Turbat", 3)


def test_merge_a_story_on_a_page_of_briefs_takes_no_place_from_the_story_before():
    # Brief 1 is about an attack in Turbat; brief 2's attack names no place, so it stays at country level
    # rather than borrowing Turbat from a story it has nothing to do with.
    ms = (
        mention(0, IED, actor1=BLA, places=(TURBAT,), section=0),
        mention(600, "Armed clash", paragraph=3, section=1),
    )
    events = merge(ARTICLE, ms)
    assert [e.location for e in events] == ["Turbat", ""]
    assert events[1].geo_precision == 3
    # On a one-story page the same two mentions share the place.
    one_story = (replace(ms[0], section=0), replace(ms[1], section=0, paragraph=1))
    assert [e.location for e in merge(ARTICLE, one_story)] == ["Turbat", "Turbat"]


def test_merge_an_event_dated_only_to_a_month_long_before_publication_is_history():
    march = EventDate(date(2025, 3, 1), 3, Span(60, 68, "in March"))
    ms = (mention(0, IED, actor1=BLA, places=(TURBAT,), date=march),)
    assert merge(ARTICLE, ms) == []
    april_22 = EventDate(date(2025, 4, 22), 1, Span(60, 68, "April 22"))
    assert len(merge(ARTICLE, (replace(ms[0], date=april_22),))) == 1


def _province(name: str) -> Place:
    # A province named as the place, coded (as ACLED codes it) to its main town's point.
    return replace(place(name, "9", "Quetta District", precision=3), admin1="Balochistan")


def test_merge_a_headline_event_joins_the_event_its_body_tells():
    # "Attack kills 12 in Balochistan" over "A roadside bomb struck a convoy in Turbat on Monday, killing 12
    # soldiers": one incident, at the body's town, with the body's type and toll.
    monday = EventDate(date(2025, 5, 5), 1, Span(120, 129, "on Monday"))
    ms = (
        mention(0, "Attack", headline=True, places=(_province("Quetta"),), killed=(Count(12, "killed"),)),
        mention(
            100,
            IED,
            paragraph=1,
            places=(TURBAT,),
            date=monday,
            killed=(Count(12, "killed", Span(140, 151, "12 soldiers"), who="soldier"),),
        ),
    )
    events = merge(ARTICLE, ms)
    assert [(e.sub_event_type, e.location, e.fatalities, e.event_date) for e in events] == [
        (IED, "Turbat", 12, "2025-05-05")
    ]


def test_merge_a_headline_with_nothing_to_join_in_its_body_stays_an_event():
    ms = (
        mention(0, IED, headline=True, places=(TURBAT,)),
        mention(100, "Peaceful protest", paragraph=1, places=(MACH,)),
    )
    assert sorted(e.sub_event_type for e in merge(ARTICLE, ms)) == sorted([IED, "Peaceful protest"])


def test_merge_a_headline_in_another_province_is_another_event():
    elsewhere = replace(place("Peshawar", "7", "Peshawar District"), admin1="Khyber Pakhtunkhwa")
    ms = (mention(0, IED, headline=True, places=(elsewhere,)), mention(100, IED, paragraph=1, places=(TURBAT,)))
    assert sorted(e.location for e in merge(ARTICLE, ms)) == ["Peshawar", "Turbat"]


def test_merge_a_later_toll_update_joins_the_body_event_not_the_headline():
    # "Militants kill 23 in Balochistan" / "Gunmen ambushed a convoy in Turbat on Friday, killing 23 soldiers"
    # / "On Saturday officials raised the toll from the attack to 28 ... in hospital in Mach".
    friday = EventDate(date(2025, 5, 2), 1, Span(120, 129, "on Friday"))
    saturday = EventDate(date(2025, 5, 3), 1, Span(210, 221, "On Saturday"))
    ms = (
        mention(0, "Attack", headline=True, places=(_province("Quetta"),), killed=(Count(23, "killed"),)),
        mention(100, "Armed clash", paragraph=1, places=(TURBAT,), date=friday, killed=(Count(23, "killed"),)),
        mention(
            200,
            "Attack",
            paragraph=2,
            anaphoric=True,
            places=(MACH,),
            date=saturday,
            cues=(Cue("attack", 200, 201, 50),),
            killed=(Count(28, "killed", is_total=True, revised=True),),
        ),
    )
    events = merge(ARTICLE, ms)
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Turbat", "2025-05-02", 28)]


def test_merge_a_country_in_the_headline_gives_way_to_the_town_the_body_names():
    # "Fighting continues, 100 dead in Pakistan" over "Turbat has seen four days of fighting. Almost 100 people
    # died in the clashes.": the event is at Turbat, not somewhere in the country.
    country = replace(place("", "pk", "", feature="country", precision=3), admin1=None)
    ms = (
        mention(0, "Attack", headline=True, places=(country,), killed=(Count(100, "killed"),)),
        mention(100, "Armed clash", paragraph=1, place_before=TURBAT, killed=(Count(100, "killed"),)),
    )
    events = merge(ARTICLE, ms)
    assert [(e.location, e.fatalities) for e in events] == [("Turbat", 100)]


def test_merge_a_summary_places_the_events_its_paragraph_told_without_a_town():
    # "Two suicide bombings killed 30 people in Balochistan. The two explosions hit a camp near Turbat.": one
    # record, at Turbat, of the kind and toll the report gives.
    province = replace(place("Balochistan", "bl", "", feature="admin1", precision=3), admin2=None)
    ms = (
        mention(0, "Suicide bomb", places=(province,), killed=(Count(30, "killed"),)),
        mention(100, IED, aggregate=True, places=(TURBAT,)),
    )
    events = merge(ARTICLE, ms)
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [("Suicide bomb", "Turbat", 30)]


def test_merge_arrests_at_a_protest_are_part_of_the_protest():
    # "Thousands marched in Turbat on Monday ... Police arrested 40 marchers in Turbat on Monday.": one
    # record, a protest; a defused bomb beside a blast in the same town is part of the blast too.
    monday = EventDate(date(2025, 5, 5), 1, Span(120, 129, "on Monday"))
    ms = (
        mention(0, "Peaceful protest", places=(TURBAT,), date=monday),
        mention(100, "Arrests", paragraph=1, places=(TURBAT,), date=monday),
    )
    assert [e.sub_event_type for e in merge(ARTICLE, ms)] == ["Peaceful protest"]
    ms = (
        mention(0, IED, places=(TURBAT,), date=monday, killed=(Count(4, "killed"),)),
        mention(100, "Disrupted weapons use", paragraph=1, places=(TURBAT,), date=monday),
    )
    assert [(e.sub_event_type, e.fatalities) for e in merge(ARTICLE, ms)] == [(IED, 4)]
    # Arrests in another town are an event of their own.
    ms = (
        mention(0, "Peaceful protest", places=(TURBAT,), date=monday),
        mention(100, "Arrests", paragraph=1, places=(MACH,), date=monday),
    )
    assert sorted(e.sub_event_type for e in merge(ARTICLE, ms)) == ["Arrests", "Peaceful protest"]
