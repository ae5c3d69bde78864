"""confidence: the signals each record carries, the shipped model, and the threshold policy."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from factories import event, evidence
from sitrep.pipeline.confidence import (
    LOW_CONFIDENCE_TAG,
    SIGNALS,
    ConfidenceModel,
    ConfidencePolicy,
    confidence,
    load_model,
    record_signals,
)

STORY = (
    "KANO, Nigeria (Wire) - Gunmen killed nine farmers in the village of Dansadau on Sunday, police said.\n\n"
    "The attackers arrived on motorcycles at dawn and set fire to houses, residents said.\n\n"
    "Troops were sent to the area on Monday and a curfew was imposed on nearby villages.\n\n"
    "\u201cThey will attack again in the market,\u201d a local leader warned.\n"
)


def _records(annotated):
    doc = annotated(STORY, published=date(2024, 3, 11))
    art = doc.article
    lede = replace(
        event("lede", location="Dansadau", geo_precision=1, fatalities=9, event_date="2024-03-10"),
        evidence=[
            evidence(art, "notes", "Gunmen killed nine farmers in the village of Dansadau on Sunday, police said."),
            evidence(art, "location", "Dansadau"),
            evidence(art, "event_date", "Sunday"),
        ],
    )
    at_dateline = replace(
        event("kano", location="Kano", geo_precision=1, fatalities=0, event_date="2024-03-11", actor1=""),
        evidence=[
            evidence(art, "notes", "They will attack again in the market,"),
            evidence(art, "location", "KANO"),
        ],
    )
    return doc, [lede, at_dateline]


def test_signals_read_the_lede_the_dateline_and_the_quote(annotated):
    doc, records = _records(annotated)
    lede, kano = record_signals(doc, (), records)
    assert set(lede) == set(SIGNALS) == set(kano)
    assert lede["lede"] == 1.0 and kano["lede"] == 0.0
    assert lede["place_own"] == 1.0 and lede["place_dateline"] == 0.0
    assert kano["place_dateline"] == 1.0 and kano["place_own"] == 0.0
    assert lede["date_own"] == 1.0 and kano["date_written"] == 0.0
    assert lede["days_back"] == pytest.approx(math.log1p(1))
    assert lede["killed"] == 1.0 and kano["killed"] == 0.0
    assert kano["actor_named"] == 0.0
    assert lede["records"] == pytest.approx(math.log(2))
    assert (lede["rank"], kano["rank"]) == (0.0, pytest.approx(math.log1p(1)))
    # The Kano record has no day and its place is not its own, beside a record of its kind that has both.
    assert kano["echo"] == 1.0 and lede["echo"] == 0.0


def test_the_policy_drops_or_tags_what_falls_below_the_threshold(annotated):
    doc, records = _records(annotated)
    model = ConfidenceModel({"place_dateline": -4.0, "lede": 2.0}, 0.0, 0.5)
    kept = confidence(doc, (), records, ConfidencePolicy(model=model))
    assert [r.event_id for r in kept] == ["lede"]
    assert kept[0].confidence == pytest.approx(1 / (1 + math.exp(-2)), abs=1e-3)
    both = confidence(doc, (), records, ConfidencePolicy(model=model, keep_low=True))
    assert [r.event_id for r in both] == ["lede", "kano"]
    assert LOW_CONFIDENCE_TAG in both[1].tags and LOW_CONFIDENCE_TAG not in both[0].tags
    everything = confidence(doc, (), records, ConfidencePolicy(model=model, min_confidence=0.0))
    assert len(everything) == 2


def test_the_shipped_model_is_fitted_and_knows_every_signal():
    model = load_model()
    assert 0.0 <= model.threshold < 1.0
    assert set(model.weights) == set(SIGNALS)
    assert any(w != 0 for w in model.weights.values())
    assert "tune" in model.fitted_on


def test_a_model_naming_an_unknown_signal_is_refused():
    data = load_model().to_dict()
    data["weights"]["moon_phase"] = 1.0
    with pytest.raises(ValueError, match="moon_phase"):
        ConfidenceModel.from_dict(data)


@pytest.mark.parametrize("words", ["in the centre of the city", "at the town's main market", "near the capital's port"])
def test_a_dateline_city_the_event_points_back_to_is_not_held_against_it(annotated, words):
    text = f"MOPTI, Mali (Wire) - A bomb exploded {words} on Friday, killing four people, officials said.\n"
    doc = annotated(text, published=date(2024, 3, 11))
    art = doc.article
    rec = replace(
        event("m", location="Mopti", geo_precision=1, event_date="2024-03-08"),
        evidence=[evidence(art, "notes", text.split(" - ")[1].strip()), evidence(art, "location", "MOPTI")],
    )
    (signals,) = record_signals(doc, (), [rec])
    assert signals["place_dateline"] == 0.0
