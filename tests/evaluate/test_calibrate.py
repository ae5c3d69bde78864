"""calibrate: fitting the confidence model and choosing its threshold, on records and gold we make here."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from factories import article
from sitrep.evaluate.calibrate import (
    LabelledRecord,
    article_scores,
    brier_score,
    choose_threshold,
    cross_validated,
    fit_model,
    probabilities,
    reliability,
)
from sitrep.evaluate.gold import EvalItem
from sitrep.evaluate.news_gold import NewsGold, NewsGoldEvent
from sitrep.pipeline.confidence import SIGNALS, ConfidenceModel

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
AMBUSH = NewsGoldEvent(
    id="ambush",
    dates=(date(2023, 9, 2),),
    event_types=("Battles",),
    sub_event_types=("Armed clash",),
    actor1=("unidentified",),
    countries=("Mali",),
    admin1=("mopti",),
    locations=("djenne",),
    latitude=13.906,
    longitude=-4.555,
    radius_km=30,
    fatalities=(4,),
)


def signals(**values: float) -> dict[str, float]:
    return {name: values.get(name, 0.0) for name in SIGNALS}


def record(**changes: Any) -> dict[str, Any]:
    base = {
        "event_date": "2023-09-02",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Unidentified Armed Group (Mali)",
        "country": "Mali",
        "admin1": "Mopti",
        "location": "Djenne",
        "latitude": 13.906,
        "longitude": -4.555,
        "fatalities": 4,
    }
    base.update(changes)
    return base


# A record at the capital, 450 km away: the kind of false positive a dateline makes.
AT_THE_CAPITAL = record(location="Bamako", admin1="Bamako", latitude=12.65, longitude=-8.0)


def test_fit_learns_which_signal_tells_events_apart():
    rng = random.Random(7)
    rows = []
    for i in range(300):
        dateline = rng.random() < 0.4
        label = int(not dateline) if rng.random() < 0.9 else int(dateline)
        rows.append(LabelledRecord(f"a{i}", signals(place_dateline=float(dateline), lede=rng.random()), label, {}))
    weights, bias = fit_model(rows)
    assert weights["place_dateline"] < -2  # 90% of dateline records are false: a strongly negative weight
    assert abs(weights["lede"]) < 1  # noise stays small
    model = ConfidenceModel(weights, bias, 0.5)
    assert model.probability(signals(place_dateline=1.0)) < 0.2 < 0.8 < model.probability(signals())
    assert brier_score(rows, probabilities(rows, model)) < 0.12  # about 0.9 * 0.1 from the 10% label noise


def test_fit_refuses_one_label_only():
    with pytest.raises(ValueError, match="both labels"):
        fit_model([LabelledRecord("a", signals(), 1, {}), LabelledRecord("b", signals(), 1, {})])


def _items_and_rows() -> tuple[list[LabelledRecord], dict[str, EvalItem]]:
    gold = NewsGold(events=(AMBUSH,), violent_types=VIOLENT)
    item = EvalItem(article=article("Gunmen attacked a post near Djenne."), gold=[], split="tune", news_gold=gold)
    rows = [
        LabelledRecord("t/1", signals(lede=1.0, place_point=1.0), 1, record()),
        LabelledRecord("t/1", signals(place_dateline=1.0), 0, AT_THE_CAPITAL),
    ]
    return rows, {"t/1": item}


def test_the_threshold_drops_a_false_positive_and_keeps_the_event():
    rows, items = _items_and_rows()
    model = ConfidenceModel({"lede": 2.0, "place_dateline": -2.0}, 0.0, 0.0)
    confidences = probabilities(rows, model)
    assert article_scores(rows, items, confidences, 0.0)["t/1"] == pytest.approx(0.95)  # one false positive
    assert article_scores(rows, items, confidences, 0.5)["t/1"] == pytest.approx(1.0)
    confidences = probabilities(rows, model)
    best, means = choose_threshold(rows, items, confidences, candidates=(0.0, 0.3, 0.5, 0.95))
    assert best == 0.3  # the lowest threshold that reaches the best score
    assert means[0.95] < means[0.3]  # dropping the event too costs the whole incident


def test_reliability_counts_records_per_bin():
    rows, _ = _items_and_rows()
    model = ConfidenceModel({"lede": 2.0, "place_dateline": -2.0}, 0.0, 0.0)
    bins = reliability(rows, probabilities(rows, model), bins=2)
    assert [(n, rate) for _, _, n, rate in bins] == [(1, 0.0), (1, 1.0)]


def test_no_threshold_unless_it_gains_more_than_noise():
    rows, items = _items_and_rows()
    # Both records equally likely: any threshold drops the event with the false positive.
    flat = [0.5, 0.5]
    assert choose_threshold(rows, items, flat, candidates=(0.0, 0.3, 0.6))[0] == 0.0


def test_cross_validated_confidences_come_from_models_that_did_not_see_the_article():
    rng = random.Random(3)
    rows = [LabelledRecord(f"a{i}", signals(place_point=float(i % 2), lede=rng.random()), i % 2, {}) for i in range(40)]
    out = cross_validated(rows, l2=1.0, folds=4)
    assert len(out) == 40
    assert all(p > 0.5 for p, r in zip(out, rows, strict=True) if r.label) and all(
        p < 0.5 for p, r in zip(out, rows, strict=True) if not r.label
    )
