"""Checking extracted records against a case's expectation, one check at a time, on records built by hand."""

from __future__ import annotations

from datetime import date

from sitrep.evaluate.behaviour.cases import Avoid, Case, Expectation, PlaceTarget, failed_checks, failures
from sitrep.model import EventRecord

QUETTA = PlaceTarget("Quetta", "Pakistan", 30.18, 67.00)


def record(**fields) -> EventRecord:
    base = {
        "event_id": "e1",
        "event_date": "2025-05-06",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "actor1": "Unidentified Armed Group (Pakistan)",
        "inter1": 3,
        "country": "Pakistan",
        "admin1": "Balochistan",
        "admin2": "Quetta",
        "location": "Quetta",
        "latitude": 30.19,
        "longitude": 67.01,
        "geo_precision": 1,
        "fatalities": 2,
    }
    return EventRecord(**{**base, **fields})


def test_cases_all_checks_pass_on_a_matching_record():
    expect = Expectation(
        violent=1,
        places=(QUETTA,),
        avoid=(Avoid("Islamabad", 33.69, 73.06),),
        country="Pakistan",
        fatalities=2,
        actor1=("Unidentified Armed Group",),
        not_actor1=("Police Forces of",),
        event_date=("2025-05-06",),
        time_precision=1,
    )
    assert failures(expect, [record()]) == []


def test_cases_violent_count_ignores_other_event_types():
    strategic = record(event_type="Strategic developments", sub_event_type="Other")
    assert failures(Expectation(violent=1), [record(), strategic]) == []
    lines = failures(Expectation(violent=0), [record()])
    assert failed_checks(lines) == ["violent records"]


def test_cases_place_fails_beyond_the_radius_and_names_the_distance():
    far = record(location="Karachi", latitude=24.86, longitude=67.01)
    (line,) = failures(Expectation(violent=1, places=(QUETTA,)), [far])
    assert line.startswith("place: Quetta") and "km from Quetta" in line


def test_cases_place_fails_in_another_country():
    abroad = record(country="Jordan", latitude=31.0, longitude=35.7)
    assert failed_checks(failures(Expectation(places=(QUETTA,)), [abroad])) == ["place"]


def test_cases_country_names_compare_loosely():
    drc = PlaceTarget("Goma", "Democratic Republic of Congo", -1.68, 29.23)
    goma = record(country="Democratic Republic of the Congo", latitude=-1.67, longitude=29.23)
    assert failures(Expectation(places=(drc,), country="Democratic Republic of Congo"), [goma]) == []


def test_cases_each_place_needs_its_own_record():
    gao = PlaceTarget("Gao", "Mali", 16.27, -0.04)
    expect = Expectation(violent=2, places=(QUETTA, gao))
    assert failed_checks(failures(expect, [record(), record()])) == ["place"]  # two records, both at Quetta
    gao_record = record(country="Mali", latitude=16.27, longitude=-0.05, location="Gao")
    assert failures(expect, [record(), gao_record]) == []


def test_cases_district_target_checks_admin_units_and_precision():
    kech = PlaceTarget(
        "Kech district", "Pakistan", admin1=("Balochistan", "Baluchistan"), admin2="Kech", geo_precision=2
    )
    turbat = record(location="Turbat", admin2="Kech District", latitude=26.0, longitude=63.05, geo_precision=2)
    assert failures(Expectation(places=(kech,)), [turbat]) == []
    town_level = record(location="Turbat", admin2="Kech", latitude=26.0, longitude=63.05, geo_precision=1)
    assert "geo_precision 1, want 2" in failures(Expectation(places=(kech,)), [town_level])[0]
    other = record(admin2="Panjgur", geo_precision=2)
    assert "admin2" in failures(Expectation(places=(kech,)), [other])[0]


def test_cases_avoid_catches_any_record_type_near_the_named_place():
    at_capital = record(event_type="Protests", location="Islamabad", latitude=33.7, longitude=73.05)
    lines = failures(Expectation(avoid=(Avoid("Islamabad", 33.69, 73.06),)), [record(), at_capital])
    assert failed_checks(lines) == ["avoided place"]


def test_cases_avoid_by_province_catches_records_in_it():
    punjab = Avoid("Punjab province", admin1=("Punjab",))
    assert failures(Expectation(avoid=(punjab,)), [record()]) == []
    assert failed_checks(failures(Expectation(avoid=(punjab,)), [record(admin1="Punjab")])) == ["avoided place"]


def test_cases_fatalities_actor_and_date_checks():
    rec = record(fatalities=42, actor1="Police Forces of Pakistan (2018-)", event_date="2025-05-07")
    expect = Expectation(
        fatalities=30,
        actor1=("BLA: Baloch Liberation Army",),
        not_actor1=("Police Forces of",),
        event_date=("2025-05-06",),
    )
    assert failed_checks(failures(expect, [rec])) == ["fatalities", "actor1", "not actor1", "event_date"]


def test_cases_field_checks_need_a_violent_record():
    lines = failures(Expectation(fatalities=3), [])
    assert lines == ["violent records: none, want one to check its fields"]


def test_cases_absent_types_and_time_precision():
    protest = record(event_type="Protests", sub_event_type="Peaceful protest")
    assert failed_checks(failures(Expectation(absent_types=("Protests",)), [protest])) == ["event type"]
    assert failed_checks(failures(Expectation(time_precision=2), [record()])) == ["time_precision"]


def test_cases_case_builds_its_article_and_dict():
    case = Case(
        "place.x.000", "place", "INV", "x", "Text.", date(2025, 5, 8), Expectation(violent=1), base="place.x.000a"
    )
    article = case.article()
    assert article.text == "Text." and article.published == date(2025, 5, 8)
    assert case.to_dict()["expect"] == {"violent": 1}
    undated = Case("dates.y.000", "dates", "MFT", "y", "Text.", None, Expectation(violent=1))
    assert undated.article().published is None and undated.to_dict()["published"] is None
