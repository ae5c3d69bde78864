"""blocking: candidate pairs by date window, grid cell and neighbours, admin1, type family."""

from __future__ import annotations

import random

import numpy as np
import pytest

from factories import event
from sitrep.dedup.blocking import candidate_pairs
from sitrep.dedup.config import DedupConfig
from sitrep.dedup.frame import frame_from_records
from sitrep.dedup.score import haversine_km


def _pairs(records, config=DedupConfig()) -> set[tuple[str, str]]:
    i, j = candidate_pairs(frame_from_records(records), config)
    return {(records[a].event_id, records[b].event_id) for a, b in zip(i.tolist(), j.tolist(), strict=True)}


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ({}, True),
        ({"event_date": "2024-07-01"}, True),  # two days later: inside the window
        ({"event_date": "2024-07-02"}, False),  # three days later
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, True),  # same family (political violence)
        ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, False),
        ({"latitude": 11.8464, "longitude": 13.40}, True),  # 26 km east: the neighbouring grid cell
        ({"latitude": 11.8464, "longitude": 14.20}, False),  # 113 km east
        ({"latitude": None, "longitude": None}, True),  # not located: same admin1
        ({"latitude": None, "longitude": None, "admin1": "Yobe"}, False),
        ({"geo_precision": 3}, True),  # only the region: blocked by admin1
        ({"event_date": ""}, False),  # no date: never matched
    ],
)
def test_blocking_pair_found_or_not(other: dict, expected: bool) -> None:
    assert (_pairs([event("a"), event("b", **other)]) == {("a", "b")}) is expected


def test_blocking_placeless_record_meets_same_named_perpetrator() -> None:
    named = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    placeless = {
        "country": "",
        "admin1": "",
        "admin2": "",
        "location": "",
        "latitude": None,
        "longitude": None,
        "geo_precision": 3,
    }
    records = [event("a", actor1=named), event("b", actor1=named, **placeless), event("c", **placeless)]
    assert _pairs(records) == {("a", "b")}


def test_blocking_pairs_are_unique_and_ordered() -> None:
    records = [event(str(k)) for k in range(5)] + [event(f"n{k}", latitude=None, longitude=None) for k in range(3)]
    i, j = candidate_pairs(frame_from_records(records))
    assert (i < j).all()
    assert len(set(zip(i.tolist(), j.tolist(), strict=True))) == len(i) == 8 * 7 // 2
    assert list(zip(i, j, strict=True)) == sorted(zip(i, j, strict=True))


def test_blocking_finds_every_close_pair_brute_force() -> None:
    """Against a quadratic scan: every pair of located records within 25 km and 2 days is a candidate."""
    rng = random.Random(7)
    records = [
        event(
            str(k),
            event_date=f"2024-06-{rng.randint(1, 20):02d}",
            latitude=10 + rng.random() * 2,
            longitude=12 + rng.random() * 2,
            geo_precision=rng.choice([1, 2]),
        )
        for k in range(400)
    ]
    frame = frame_from_records(records)
    i, j = candidate_pairs(frame, DedupConfig())
    found = set(zip(i.tolist(), j.tolist(), strict=True))
    a, b = np.triu_indices(len(records), k=1)
    close = (np.abs(frame.day[a] - frame.day[b]) <= 2) & (
        haversine_km(frame.lat[a], frame.lon[a], frame.lat[b], frame.lon[b]) <= 25
    )
    expected = set(zip(a[close].tolist(), b[close].tolist(), strict=True))
    assert expected <= found
    assert len(found) < len(a) / 5  # and blocking did prune


def test_blocking_empty() -> None:
    i, j = candidate_pairs(frame_from_records([]))
    assert i.size == j.size == 0
