"""Matching and per-field scoring on hand-built gold/prediction pairs."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.evaluate.gold import EvalItem, GoldEvent
from sitrep.evaluate.metrics import (
    Detection,
    classify_item,
    date_distance,
    match_events,
    score_item,
    score_pair,
    summarise,
)
from sitrep.model import Article

from .builders import LAHORE, TURBAT, gold_event, record_from_gold


def _report(gold, preds):
    return summarise("test", [score_item(gold, preds)])


def test_metrics_perfect_prediction_scores_one_everywhere():
    report = _report([TURBAT, LAHORE], [record_from_gold(LAHORE), record_from_gold(TURBAT)])
    for label, n, value in report.rows():
        if label == "spurious events per text" or label == "extractor errors":
            assert value == 0
        else:
            assert n and value == 1.0, label
    expected = {
        "event_type", "event_family", "sub_event_type", "actor1", "actor2", "country", "admin1",
        "location_km", "location_coords", "location_name", "event_date", "fatalities_exact", "fatalities_10pct",
    }  # fmt: skip
    assert set(report.fields) == expected
    assert report.fields["actor1"].n == 2


def test_metrics_matching_pairs_each_prediction_with_its_own_gold():
    matches, missed, spurious = match_events([TURBAT, LAHORE], [record_from_gold(LAHORE), record_from_gold(TURBAT)])
    assert [(g, p) for g, p, _ in matches] == [(0, 1), (1, 0)]
    assert missed == [] and spurious == []


def test_metrics_wrong_type_is_a_wrong_field_not_a_miss():
    pred = record_from_gold(TURBAT, event_type="Battles", sub_event_type="Armed clash")
    result = score_item([TURBAT], [pred])
    assert len(result.matches) == 1 and not result.missed and not result.spurious
    assert result.matches[0].wrong == ["event_type", "event_family", "sub_event_type"]


def test_metrics_wrong_type_with_nothing_else_in_common_is_miss_plus_spurious():
    pred = record_from_gold(
        LAHORE,
        event_type="Battles",
        event_date="2021-05-30",
        actor1="Taliban",
        latitude=34.5,
        longitude=69.2,
        location="Kabul",
    )
    result = score_item([LAHORE], [pred])
    assert result.matches == [] and result.missed == [LAHORE] and result.spurious == [pred]
    report = summarise("test", [result])
    assert report.detection == Detection(tp=0, fp=1, fn=1)
    assert report.value("events: recall") == 0.0
    assert report.spurious_per_item == 1.0


def test_metrics_date_off_by_two_days_is_wrong_date_but_still_matched():
    result = score_item([TURBAT], [record_from_gold(TURBAT, event_date="2021-03-06")])
    assert len(result.matches) == 1
    assert result.matches[0].fields["event_date"] is False
    assert result.matches[0].wrong == ["event_date"]


@pytest.mark.parametrize(("pred_day", "ok"), [("2021-03-03", True), ("2021-03-05", True), ("2021-03-02", False)])
def test_metrics_date_within_one_day(pred_day, ok):
    fields = score_pair(TURBAT, record_from_gold(TURBAT, event_date=pred_day))
    assert fields["event_date"] is ok


def test_metrics_date_range_gold_scores_inside_range():
    ranged = gold_event(event_date=date(2021, 3, 1), event_date_end=date(2021, 3, 4), time_precision=2)
    assert date_distance(ranged, record_from_gold(TURBAT, event_date="2021-03-02")) == 0
    assert score_pair(ranged, record_from_gold(TURBAT, event_date="2021-03-05"))["event_date"] is True
    assert score_pair(ranged, record_from_gold(TURBAT, event_date="2021-03-07"))["event_date"] is False


def test_metrics_week_precision_gold_date_is_not_scored():
    weekly = gold_event(time_precision=2)
    assert "event_date" not in score_pair(weekly, record_from_gold(weekly, event_date="2021-03-09"))


@pytest.mark.parametrize(
    ("gold", "pred", "exact", "close"),
    [(30, 30, True, True), (30, 33, False, True), (30, 27, False, True), (30, 34, False, False), (0, 1, False, False)],
)
def test_metrics_fatalities_exact_and_within_ten_percent(gold, pred, exact, close):
    g = gold_event(fatalities=gold)
    fields = score_pair(g, record_from_gold(g, fatalities=pred))
    assert (fields["fatalities_exact"], fields["fatalities_10pct"]) == (exact, close)


def test_metrics_fatalities_not_scored_when_gold_has_no_number():
    g = gold_event(fatalities=None)
    assert "fatalities_exact" not in score_pair(g, record_from_gold(g, fatalities=4))


def test_metrics_spurious_predictions_are_counted_per_text():
    extra = record_from_gold(LAHORE, event_id="extra")
    results = [
        score_item([TURBAT], [record_from_gold(TURBAT), extra]),
        score_item([LAHORE], [record_from_gold(LAHORE)]),
        score_item([], [record_from_gold(TURBAT)]),
    ]
    report = summarise("test", results)
    assert report.detection == Detection(tp=2, fp=2, fn=0)
    assert report.spurious == 2 and report.spurious_per_item == pytest.approx(2 / 3)
    assert report.value("events: precision") == 0.5
    assert report.value("events: recall") == 1.0


@pytest.mark.parametrize(
    ("gold_actor", "pred_actor"),
    [
        ("TTP: Tehrik-i-Taliban Pakistan", "TTP: Tehrik-i-Taliban"),
        ("TTP: Tehrik-i-Taliban Pakistan", "Tehrik-e-Taliban Pakistan (TTP)"),
        ("Unidentified Armed Group (Pakistan)", "unidentified armed group (pakistan)"),
        ("Military Forces of Pakistan (2018-)", "Military Forces of Pakistan (2013-2018)"),
    ],
)
def test_metrics_actor1_acronym_and_case_normalisation(gold_actor, pred_actor):
    g = gold_event(actor1=gold_actor)
    assert score_pair(g, record_from_gold(g, actor1=pred_actor))["actor1"] is True


def test_metrics_actor_mismatch_is_wrong():
    g = gold_event(actor1="TTP: Tehrik-i-Taliban Pakistan")
    assert score_pair(g, record_from_gold(g, actor1="Taliban"))["actor1"] is False


def test_metrics_empty_gold_actor2_wants_empty_prediction():
    assert score_pair(LAHORE, record_from_gold(LAHORE))["actor2"] is True
    assert score_pair(LAHORE, record_from_gold(LAHORE, actor2="Police Forces of Pakistan (2018-)"))["actor2"] is False


def test_metrics_unordered_sides_accept_either_order():
    g = gold_event(actor1="Government of Pakistan", actor2="TTP", actors_ordered=False)
    pred = record_from_gold(g, actor1="TTP: Tehrik-i-Taliban Pakistan", actor2="Military Forces of Pakistan (2018-)")
    fields = score_pair(g, pred)
    assert fields["actor1"] and fields["actor2"]


def test_metrics_unordered_side_may_list_allies():
    g = gold_event(actor1="Government of Mali", actor2="GATIA, MSA", actors_ordered=False)
    assert score_pair(g, record_from_gold(g, actor1="MSA", actor2="Military Forces of Mali (2021-)"))["actor1"]


def test_metrics_location_within_25_km():
    near = record_from_gold(TURBAT, latitude=26.10, longitude=63.10)  # about 12 km away
    far = record_from_gold(TURBAT, latitude=25.12, longitude=62.32, location="Gwadar")
    assert score_pair(TURBAT, near)["location_km"] is True
    assert score_pair(TURBAT, far)["location_km"] is False


def test_metrics_missing_predicted_coordinates_count_as_not_geocoded():
    fields = score_pair(TURBAT, record_from_gold(TURBAT, latitude=None, longitude=None))
    assert "location_km" not in fields
    assert fields["location_coords"] is False


def test_metrics_region_precision_gold_location_is_not_scored():
    regional = gold_event(geo_precision=3)
    fields = score_pair(regional, record_from_gold(regional, location="Elsewhere", latitude=0.0, longitude=0.0))
    assert not {"location_km", "location_name", "location_coords"} & set(fields)


def test_metrics_admin1_variants_are_equal():
    g = gold_event(admin1="Baluchistan")
    assert score_pair(g, record_from_gold(g, admin1="Balochistan"))["admin1"] is True


def test_metrics_family_gold_scores_family_not_type():
    g = gold_event(event_type=None, sub_event_type=None, event_types=frozenset({"Protests", "Riots"}))
    fields = score_pair(g, record_from_gold(g, event_type="Riots", sub_event_type="Mob violence"))
    assert fields["event_family"] is True
    assert "event_type" not in fields and "sub_event_type" not in fields


def _case_item(gold: list[GoldEvent], unseen: bool = False) -> EvalItem:
    return EvalItem(Article(id="case:x", text="snippet"), gold, "tune", "case", "x", {"unseen": unseen})


def test_metrics_classification_takes_most_confident_event():
    gold = gold_event(event_date=None, actor1=None, country=None, admin1=None, location=None, fatalities=None)
    low = record_from_gold(TURBAT, sub_event_type="Grenade", confidence=0.3)
    high = record_from_gold(TURBAT, confidence=0.9)
    result = classify_item(_case_item([gold]), [low, high])
    assert result.extra == {"detected": True, "sub_event_type_any": True, "event_type": True, "sub_event_type": True}
    result = classify_item(_case_item([gold]), [record_from_gold(TURBAT, sub_event_type="Grenade")])
    assert result.extra["sub_event_type"] is False and result.extra["event_type"] is True


def test_metrics_classification_unseen_type_wants_nothing():
    assert classify_item(_case_item([], unseen=True), []).extra == {"unseen_rejected": True}
    result = classify_item(_case_item([], unseen=True), [record_from_gold(TURBAT)])
    assert result.extra == {"unseen_rejected": False} and len(result.spurious) == 1


def test_metrics_classification_summary_has_per_type_rows():
    gold = gold_event(event_date=None)
    items = [_case_item([gold]), _case_item([], unseen=True)]
    results = [classify_item(items[0], [record_from_gold(TURBAT)]), classify_item(items[1], [])]
    report = summarise("case", results, task="classify", items=items)
    assert report.value("sub_event_type") == 1.0
    assert report.value("unseen_rejected") == 1.0
    assert ("  sub_event_type | Explosions/Remote violence", 1, 1.0) in report.rows()


@pytest.mark.parametrize(
    ("country", "gold_admin1", "pred_admin1", "same"),
    [
        ("Cameroon", "Extreme-Nord", "Far North", True),  # ACLED's French name, GeoNames' English one
        ("Syria", "Ar-Raqqa", "Raqqa", True),
        ("Somalia", "Lower Shabelle", "Shabeellaha Hoose", True),
        ("Democratic Republic of Congo", "Sud-Kivu", "South Kivu", True),
        ("Somalia", "Lower Shabelle", "Middle Shabelle", False),
        ("Somalia", "Lower Shabelle", "Shabeellaha Dhexe", False),
        ("Pakistan", "Punjab", "Sindh", False),
        ("India", "Punjab", "Punjab", True),
    ],
)
def test_metrics_admin1_by_name_or_gazetteer_unit(country, gold_admin1, pred_admin1, same):
    from sitrep.evaluate.metrics import same_admin1

    gold = gold_event(country=country, admin1=gold_admin1)
    assert same_admin1(gold, record_from_gold(gold, admin1=pred_admin1)) is same
    assert score_pair(gold, record_from_gold(gold, admin1=pred_admin1))["admin1"] is same
