"""places on hand-made toponyms over a real parse (no gazetteer needed)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sitrep.geoparse.roles import role_of
from sitrep.model import Place, Span
from sitrep.pipeline.detect import detect
from sitrep.pipeline.places import article_focus, places


@dataclass(frozen=True)
class FakeCandidate:
    feature: str


@dataclass(frozen=True)
class Top:
    span: Span
    place: Place | None
    candidate: FakeCandidate | None
    container: Span | None = None
    resolved_via: str | None = "name"
    role: str = "scene"
    pattern: str | None = None
    text: str = ""
    held: Place | None = None


@dataclass(frozen=True)
class ModifierTop(Top):
    pattern: str | None = "modifier"
    role: str = "whose"


def cast(annotated, tops: list[Top]) -> list[Top]:
    """The toponyms with the role the geoparser's roles phase reads from the words around each (no dateline)."""
    return [replace(t, role=role_of(annotated.doc, t)) for t in tops]


def top(text: str, name: str, feature: str, admin1: str = "Punjab", country: str = "Pakistan", **kw) -> Top:
    start = text.index(name)
    span = Span(start, start + len(name), name)
    return Top(
        span,
        Place(name, country=country, admin1=admin1, gazetteer_id=name, feature_class="P", span=span, geo_precision=1),
        FakeCandidate(feature),
        text=name,
        **kw,
    )


def scene_of(annotated, text: str, towns: dict[str, str], country: str) -> list[str]:
    """The place names kept for the one event of `text`, given its towns (name -> admin1) as resolved."""
    a = annotated(text)
    tops = [top(text, name, "city", admin1=admin1, country=country) for name, admin1 in towns.items()]
    [m] = places(a, detect(a), cast(a, tops))
    return [p.name for p in m.places]


def test_places_listed_places_are_kept_and_describing_places_are_not(annotated):
    text = "Indian jets struck camps in Muridke and Bahawalpur, damaging a Lahore-based company's depot."
    a = annotated(text)
    tops = [top(text, "Muridke", "city"), top(text, "Bahawalpur", "city"), top(text, "Lahore", "city")]
    m = places(a, detect(a), cast(a, tops))[0]
    assert [p.name for p in m.places] == ["Muridke", "Bahawalpur"]


def test_places_container_name_is_not_a_second_place(annotated):
    text = "Militants detonated an IED in Kech's Kulag Tigran area."
    a = annotated(text)
    kech = top(text, "Kech", "admin2", admin1="Balochistan")
    kulag = top(text, "Kulag Tigran", "city", admin1="Balochistan", container=kech.span, resolved_via="container")
    m = places(a, detect(a), cast(a, [kech, kulag]))[0]
    assert [p.admin3 for p in m.places] == ["Kulag Tigran"]  # unknown village kept as a named place
    assert m.places[0].feature_class == "named"


def test_places_possessive_country_is_not_the_scene(annotated):
    text = "Pakistan's military shelled villages in Rajouri on Wednesday."
    a = annotated(text)
    tops = [
        top(text, "Pakistan", "country"),
        top(text, "Rajouri", "admin2", admin1="Jammu and Kashmir", country="India"),
    ]
    m = places(a, detect(a), cast(a, tops))[0]
    assert [p.name for p in m.places] == ["Rajouri"]


def test_places_focus_is_the_most_named_region():
    text = "Balochistan ... Balochistan ... Punjab"
    tops = [top(text, "Balochistan", "admin1", admin1="Balochistan"), top(text, "Punjab", "admin1")]
    tops.append(Top(Span(16, 27, "Balochistan"), tops[0].place, FakeCandidate("admin1")))
    focus = article_focus(tops)
    assert focus is not None and focus.admin1 == "Balochistan" and focus.geo_precision == 3


def test_places_focus_on_a_region_at_its_own_point_is_its_main_town():
    # Balochistan named at a point inside its outline; as the region holding an event that names no place of
    # its own it stands for its main town, where ACLED codes such an event
    own = Place(
        "Balochistan", "Pakistan", admin1="Balochistan", latitude=27.5, longitude=65.6, gazetteer_id="B",
        feature_class="A", geo_precision=3,
    )  # fmt: skip
    town = replace(own, name="Quetta", latitude=30.2, longitude=67.0, gazetteer_id="Q", feature_class="P")
    tops = [
        Top(Span(0, 11, "Balochistan"), own, FakeCandidate("admin1"), held=town),
        Top(Span(16, 27, "Balochistan"), own, FakeCandidate("admin1"), held=town),
    ]
    focus = article_focus(tops)
    assert focus is not None
    assert (focus.name, focus.latitude, focus.gazetteer_id, focus.geo_precision) == ("Quetta", 30.2, "Q", 3)
    assert focus.feature_class == "admin1"  # still the region, for merge: no town of the story
    plain = article_focus([replace(t, held=None) for t in tops])  # a region coded to its main town already
    assert plain is not None and (plain.name, plain.latitude) == ("Balochistan", 27.5)


def test_places_a_report_naming_no_place_keeps_the_town_told_just_before(annotated):
    text = (
        "On 27 April, in Coxilha, police seized a ton of marijuana at a checkpoint. Three people were arrested.\n\n"
        "Elsewhere, police arrested two men."
    )
    a = annotated(text)
    ms = places(a, detect(a), cast(a, [top(text, "Coxilha", "city")]))
    arrests = [m for m in ms if "arrested" in m.trigger.text]
    assert len(arrests) == 2
    first, other_paragraph = arrests
    assert first.places == () and first.place_before is not None
    assert first.place_before.name == "Coxilha" and first.place_before.geo_precision == 2  # told, not stated
    assert other_paragraph.place_before is None  # a new paragraph is not "just before"


def test_places_focus_leaves_out_names_that_qualify_a_noun():
    # "US military forces struck a compound in Kandahar.": Kandahar unknown to this gazetteer, US a modifier
    us = Top(
        Span(0, 2, "US"),
        Place("Washington", country="United States", admin1="District of Columbia", feature_class="P", geo_precision=3),
        FakeCandidate("country"),
    )
    assert article_focus([us]) is not None
    modifier = ModifierTop(us.span, us.place, us.candidate)
    assert article_focus([modifier]) is None  # "US military forces" says whose, not where


def test_places_a_placeless_report_takes_the_town_of_the_next_sentence_when_it_tells_no_event(annotated):
    text = (
        "Border guards on Wednesday detained the former leader as he tried to leave for Armenia.\n\n"
        "He was stopped at a checkpoint in Lachin and taken to Baku."
    )
    a = annotated(text)
    tops = [
        top(text, "Armenia", "country", admin1=None, country="Armenia"),
        top(text, "Lachin", "city", admin1="Lachin", country="Azerbaijan"),
    ]
    [m] = places(a, detect(a), cast(a, tops))
    assert m.places == ()  # where he was heading is not where he was detained
    assert m.place_before is not None and (m.place_before.name, m.place_before.geo_precision) == ("Lachin", 2)


def test_places_the_next_sentence_keeps_its_town_when_it_tells_its_own_event(annotated):
    text = "Police arrested three men on Monday. In Lachin, a bomb killed two soldiers."
    a = annotated(text)
    ms = places(a, detect(a), cast(a, [top(text, "Lachin", "city", admin1="Lachin", country="Azerbaijan")]))
    arrest = next(m for m in ms if "arrested" in m.trigger.text)
    assert arrest.place_before is None


def test_places_a_place_hanging_from_its_own_event_word_in_another_province_is_another_scene(annotated):
    text = "Thousands marched in Mombasa, and a large march in Kisumu passed off peacefully."
    towns = {"Mombasa": "Mombasa", "Kisumu": "Kisumu"}
    assert scene_of(annotated, text, towns, "Kenya") == ["Mombasa", "Kisumu"]


def test_places_a_place_in_the_same_province_after_in_is_no_second_scene(annotated):
    text = "Regime forces shelled Qoqfin in Idleb using artillery fire."
    assert scene_of(annotated, text, {"Qoqfin": "Idlib", "Idleb": "Idlib"}, "Syria") == ["Qoqfin"]


def test_places_the_post_of_whoever_speaks_is_not_the_scene(annotated):
    text = "The UN's top humanitarian official in Sudan said the attacks on the camp had killed 100 people."
    a = annotated(text)
    ms = places(a, detect(a), cast(a, [top(text, "Sudan", "country", admin1=None, country="Sudan")]))
    assert ms and all(m.places == () for m in ms)


def test_places_where_a_unit_is_based_is_not_where_it_was_hit(annotated):
    text = "A soldier from a battalion based in Tarkan district was shot dead at a market in Selvi district on Monday."
    assert scene_of(annotated, text, {"Tarkan": "Narathiwat", "Selvi": "Narathiwat"}, "Thailand") == ["Selvi"]
    text = "Gunmen attacked the police station in Selvi, killing two officers based at the post."
    assert scene_of(annotated, text, {"Selvi": "Narathiwat"}, "Thailand") == ["Selvi"]


def test_places_towns_naming_a_road_are_not_its_scene(annotated):
    text = "Residents blocked the Quba-Baku highway in Sumqayit to protest against water cuts."
    towns = {"Quba": "Quba", "Baku": "Baku", "Sumqayit": "Sumqayit"}
    assert scene_of(annotated, text, towns, "Azerbaijan") == ["Sumqayit"]


def test_places_a_name_known_only_as_far_as_its_country_is_no_second_scene(annotated):
    # Maguindanao is not in this gazetteer: coded to the Philippines (precision 3), it says only the region.
    text = "A roadside bomb exploded on a highway in Buluan, Maguindanao, Philippines, on Thursday."
    a = annotated(text)
    start = text.index("Maguindanao")
    span = Span(start, start + len("Maguindanao"), "Maguindanao")
    vague = Top(
        span,
        Place(
            "Manila", country="Philippines", admin1="National Capital", feature_class="P", span=span, geo_precision=3
        ),
        FakeCandidate("country"),
        resolved_via="container",
    )
    tops = [top(text, "Buluan", "city", admin1="Maguindanao", country="Philippines"), vague]
    [m] = places(a, detect(a), cast(a, tops))
    assert [p.name for p in m.places if p.feature_class in ("city", "named")] == ["Buluan"]


def test_places_a_district_known_only_by_name_is_no_second_scene(annotated):
    # A GADM district in the bracket is coded to its province's point (precision 3): it says only the region.
    text = "Traders protested against new market fees in Misserete (Akpro-Misserete, Oueme) on Monday."
    a = annotated(text)
    start = text.index("Akpro-Misserete")
    span = Span(start, start + len("Akpro-Misserete"), "Akpro-Misserete")
    district = Top(
        span,
        Place(
            "Akpro-Misserete",
            country="Benin",
            admin1="Oueme",
            admin2="Akpro-Misserete",
            feature_class="A",
            span=span,
            geo_precision=3,
        ),
        FakeCandidate("admin2"),
    )
    tops = [top(text, "Misserete", "city", admin1="Oueme", country="Benin"), district]
    [m] = places(a, detect(a), cast(a, tops))
    assert [p.name for p in m.places] == ["Misserete"]
    # a district we know with its seat (precision 2) listed with the town is still a place of the event
    text_list = text.replace(" (Akpro-Misserete, Oueme)", " and Akpro-Misserete")
    a = annotated(text_list)
    start = text_list.index("Akpro-Misserete")
    span = Span(start, start + len("Akpro-Misserete"), "Akpro-Misserete")
    known_place = replace(district.place, geo_precision=2, span=span)  # type: ignore[arg-type]
    known = Top(span, known_place, FakeCandidate("admin2"))
    [m] = places(a, detect(a), cast(a, [top(text_list, "Misserete", "city", admin1="Oueme", country="Benin"), known]))
    assert [p.name for p in m.places] == ["Misserete", "Akpro-Misserete"]


def test_places_two_places_each_with_its_bracket_are_a_list(annotated):
    text = "Resistance forces took control of Al Amir (As Sawmaah, Al Bayda) and Dhirwah (Mukayras, Al Bayda) areas."
    towns = {"Al Amir": "Al Bayda", "Dhirwah": "Al Bayda"}
    assert scene_of(annotated, text, towns, "Yemen") == ["Al Amir", "Dhirwah"]


def test_places_a_town_named_like_its_province_after_a_comma_names_the_province(annotated):
    text = "On 3 May, in Limeira, Sao Paulo, a motorcade of protesters drove through the centre."
    assert scene_of(annotated, text, {"Limeira": "Sao Paulo", "Sao Paulo": "Sao Paulo"}, "Brazil") == ["Limeira"]
    # a list of towns goes on after it: each is a place of the event
    text = "On 3 May, protesters marched in Limeira, Sao Paulo and Campinas."
    towns = {"Limeira": "Sao Paulo", "Sao Paulo": "Sao Paulo", "Campinas": "Sao Paulo"}
    assert "Sao Paulo" in scene_of(annotated, text, towns, "Brazil")


def test_places_a_scene_named_only_as_countries_is_one_event_in_the_first_with_no_pin(annotated):
    for text in (
        "Gunmen killed four soldiers in a raid in Avaria on Monday.",
        "Air strikes in Avaria and Borduria killed twelve fighters overnight.",
        "Twelve fighters were killed in air strikes across Avaria and Borduria.",
    ):
        a = annotated(text)
        tops = [top(text, "Avaria", "country", admin1="Capital Region", country="Avaria")]
        if "Borduria" in text:
            tops.append(top(text, "Borduria", "country", admin1="Szohod Region", country="Borduria"))
        [m] = [m for m in places(a, detect(a), cast(a, tops)) if m.places]
        [p] = m.places
        assert (p.country, p.name, p.admin1, p.latitude, p.geo_precision) == ("Avaria", "", None, None, 3)


def test_places_a_country_with_a_town_named_elsewhere_in_the_story_is_the_story_s_event_there(annotated):
    for later_sentence in (
        "The army said militants had carried out another bombing in Borduria the same day.",
        "Bombings in Borduria have killed dozens this month, the army said.",
    ):
        text = f"A bomb killed three soldiers at a checkpoint in Qettar on Monday.\n\n{later_sentence}"
        a = annotated(text)
        tops = [
            top(text, "Qettar", "city", admin1="Baluria", country="Borduria"),
            top(text, "Borduria", "country", admin1="Szohod Region", country="Borduria"),
        ]
        later = [m for m in places(a, detect(a), cast(a, tops)) if m.paragraph == 1 and m.places]
        assert later and all([(p.name, p.geo_precision) for p in m.places] == [("Qettar", 2)] for m in later)


def test_places_focus_on_a_country_is_its_most_named_region_never_its_capital():
    # "Qettar ... Qettar ... Borduria ... Borduria ... Borduria"; the country's place carries its capital's pin
    borduria = Place("Szohod", country="Borduria", admin1="Szohod Region", feature_class="P", geo_precision=3,
                     gazetteer_id="XB", latitude=1.0, longitude=2.0)  # fmt: skip
    qettar = Place("Qettar", country="Borduria", admin1="Baluria", feature_class="P", geo_precision=1,
                   gazetteer_id="Q1", latitude=5.0, longitude=6.0)  # fmt: skip
    tops = [Top(Span(i, i + 6, "Qettar"), qettar, FakeCandidate("city")) for i in (0, 11)]
    tops += [Top(Span(i, i + 8, "Borduria"), borduria, FakeCandidate("country")) for i in (22, 35, 48)]
    focus = article_focus(tops)
    assert focus is not None and (focus.name, focus.admin1, focus.geo_precision) == ("Qettar", "Baluria", 3)
    only_country = article_focus(tops[2:])
    assert only_country is not None
    assert (only_country.country, only_country.name, only_country.latitude, only_country.admin1) == (
        "Borduria", "", None, None,
    )  # fmt: skip


def test_places_focus_leaves_out_the_dateline_and_where_officials_spoke():
    # "Szohod ... Qettar"
    szohod = Place("Szohod", country="Borduria", admin1="Szohod Region", feature_class="P", geo_precision=1)
    qettar = Place("Qettar", country="Avaria", admin1="Baluria", feature_class="P", geo_precision=1)
    tops = [
        Top(Span(0, 6, "Szohod"), szohod, FakeCandidate("city"), role="dateline"),
        Top(Span(11, 17, "Qettar"), qettar, FakeCandidate("city")),
    ]
    focus = article_focus(tops)
    assert focus is not None and focus.country == "Avaria"
    assert article_focus(tops[:1]) is None  # a dateline abroad over a village the gazetteer does not know


def test_places_a_road_named_after_towns_is_the_scene_only_when_nothing_else_is(annotated):
    text = "Rioters blocked the Quba-Baku highway with burning tyres and stones."
    towns = {"Quba": "Quba", "Baku": "Baku"}
    a = annotated(text)
    tops = [top(text, name, "city", admin1=admin1, country="Azerbaijan") for name, admin1 in towns.items()]
    [m] = places(a, detect(a), cast(a, tops))
    assert [(p.name, p.geo_precision) for p in m.places] == [("Quba", 2)]  # somewhere on the road
