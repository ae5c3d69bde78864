"""score: match probabilities from date, place, type, actors, tolls and text; vetoes that nothing outweighs."""

from __future__ import annotations

import numpy as np
import pytest

from factories import event
from sample_reports import garowe_event, kabul_mosque_event, kabul_police_event, reuters_event, sonna_event
from sitrep.dedup.config import DedupConfig
from sitrep.dedup.frame import frame_from_records
from sitrep.dedup.score import explain, score_pairs

BOKO = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
ISWAP = "Islamic State West Africa Province"


def test_score_two_outlets_same_bombing_match() -> None:
    result = explain(garowe_event(), reuters_event())
    assert result.matched and result.score > 0.8
    assert result.features["type"] > 0 and result.features["toll"] > 0  # same sub-type; 12 vs 9 agree
    assert result.distance_km is not None and result.distance_km < 5


def test_score_follow_up_with_higher_revised_toll_matches() -> None:
    result = explain(garowe_event(), sonna_event())
    assert result.matched
    assert result.features["toll"] == 0.0  # 12 vs 30 is no conflict: the later figure is a revised toll


def test_score_two_attacks_same_city_same_day_do_not_match() -> None:
    # Both coded to the city of Kabul on the same day: type, perpetrator and toll tell them apart.
    result = explain(kabul_mosque_event(), kabul_police_event())
    assert not result.matched and result.score < 0.2
    assert result.features["place"] == 1.5 and result.features["date"] == 1.0


@pytest.mark.parametrize(
    ("change", "veto"),
    [
        ({"event_date": "2024-07-03"}, "date"),
        ({"actor1": ISWAP}, "actor1"),
        ({"latitude": 12.30, "longitude": 13.16}, "place"),  # 50 km north: beyond 10 km for two towns
        ({"latitude": None, "longitude": None, "admin1": "Adamawa"}, "place"),
        ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, "type"),
    ],
)
def test_score_vetoes(change: dict, veto: str) -> None:
    result = explain(event("a", actor1=BOKO), event("b", **{"actor1": BOKO, **change}))
    assert veto in result.vetoed_by and not result.matched and result.score < 1e-6


def test_score_battle_sides_in_either_order() -> None:
    a = event(
        "a",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Nigeria (2023-)",
        actor2=BOKO,
        fatalities=8,
    )
    b = event(
        "b",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=BOKO,
        actor2="Military Forces of Nigeria (2023-)",
        fatalities=10,
    )
    assert explain(a, b).matched


def test_score_battle_sides_must_not_conflict() -> None:
    # One side in common (the army) but the other sides are two different named groups: two battles.
    army = "Military Forces of Nigeria (2023-)"
    a = event("a", event_type="Battles", sub_event_type="Armed clash", actor1=BOKO, actor2=army)
    b = event("b", event_type="Battles", sub_event_type="Armed clash", actor1=army, actor2=ISWAP)
    assert "actor1" in explain(a, b).vetoed_by


def test_score_toll_rising_within_reason() -> None:
    first = event("a", fatalities=12, notes="A bomb killed 12 people at the market.")
    later = event(
        "b", fatalities=30, published="2024-07-02", notes="The death toll from the market bombing rose to 30."
    )
    far = event("c", fatalities=63, published="2024-07-02", notes="The death toll from the market bombing rose to 63.")
    assert explain(first, later).features["toll"] == 0.0
    assert explain(event("d", fatalities=1), far).features["toll"] == -1.5


def test_score_is_symmetric_and_vectorised() -> None:
    records = [garowe_event(), reuters_event(), sonna_event(), kabul_mosque_event(), kabul_police_event()]
    frame = frame_from_records(records)
    i, j = np.triu_indices(len(records), k=1)
    forward = score_pairs(frame, i, j, all_text=True)
    backward = score_pairs(frame, j, i, all_text=True)
    np.testing.assert_allclose(forward, backward)
    assert ((forward >= 0) & (forward <= 1)).all()


def test_score_threshold_is_configurable() -> None:
    a, b = kabul_mosque_event(), kabul_police_event()
    assert explain(a, b, DedupConfig(threshold=0.01)).matched
