"""store.query: the desk's filtered reads (pages, map points, stats) and the text-search query builder."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date

import pytest

from factories import article, event
from sample_desk import fill_store
from sitrep.errors import ConfigError
from sitrep.store import EventStore
from sitrep.store.desk import Desk
from sitrep.store.query import EventFilter, event_points, event_stats, fts_query, query_events


@pytest.fixture
def store(open_db: Callable[..., EventStore]):
    with open_db() as s:
        fill_store(s)
        yield s


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lido", '"Lido"*'),
        ("rapid support", '"rapid"* AND "support"*'),
        ('x" OR NEAR(a b)', '"x"* AND "OR"* AND "NEAR"* AND "a"* AND "b"*'),
        ("%%", '""'),
    ],
)
def test_query_fts_query_quotes_every_word(text: str, expected: str) -> None:
    assert fts_query(text) == expected


@pytest.mark.parametrize(
    ("q", "locations"),
    [
        ("shabaab mogad", {"Mogadishu - Lido Beach", "Mogadishu"}),  # words and word starts, any order
        ("ménaka", set()),
        ("fasher", {"Abu Shouk Camp", "Zamzam Camp"}),
        ("DISPLACEMENT", set()),  # the article's words are not indexed, the event's are
        ("OR", set()),
    ],
)
def test_query_text_search(store: EventStore, q: str, locations: set[str]) -> None:
    got = {e.record.location for e in query_events(store, EventFilter(q=q), limit=None).items}
    assert got == locations


def test_query_text_search_follows_corrections(store: EventStore) -> None:
    (event,) = query_events(store, EventFilter(q="Zamzam"), limit=None).items
    Desk(store).edit(event.record.event_id, {"location": "Zamzam IDP camp", "notes": "Camp overrun by the RSF"},
                     who="amina", version=None)  # fmt: skip
    assert query_events(store, EventFilter(q="overrun"), limit=None).total == 1
    assert query_events(store, EventFilter(q="IDP"), limit=None).total == 1


def test_query_points_keep_the_deadliest_in_order_with_their_columns_in_line(open_db) -> None:
    # Many rows with ties on fatalities and dates, stored in shuffled order: the arrays follow the subquery's
    # order (fatalities, then day, descending; id ascending) on both backends, each column in step with the ids.
    rng = random.Random(7)
    records = [
        event(f"p{k:03d}", fatalities=rng.randrange(6), event_date=f"2024-06-{rng.randrange(1, 4):02d}",
              latitude=float(k), longitude=float(-k), event_type=rng.choice(["Battles", "Riots", "Protests"]))
        for k in range(300)
    ]  # fmt: skip
    rng.shuffle(records)
    with open_db() as store:
        store.add_article(article("Points in many places."), records)
        points = json.loads(event_points(store, EventFilter(), limit=250))
        everything = json.loads(event_points(store, EventFilter(), limit=1000))
    by_id = {r.event_id: r for r in records}
    expected = sorted(
        records, key=lambda r: (-r.fatalities, "".join(chr(255 - ord(c)) for c in r.event_date), r.event_id)
    )
    assert points["id"] == [r.event_id for r in expected[:250]]
    assert points["total"] == 300 and points["truncated"] is True
    assert everything["total"] == 300 and everything["truncated"] is False and len(everything["id"]) == 300
    for k, event_id in enumerate(points["id"]):
        record = by_id[event_id]
        assert (points["lat"][k], points["lon"][k]) == (record.latitude, record.longitude)
        assert (points["type"][k], points["fatalities"][k], points["date"][k]) == (
            record.event_type, record.fatalities, record.event_date,
        )  # fmt: skip


def test_query_pages_and_totals(store: EventStore) -> None:
    page = query_events(store, EventFilter(country="Somalia"), sort="fatalities", limit=2, offset=1)
    assert page.total == 3 and [e.record.fatalities for e in page.items] == [32, 37]
    assert query_events(store, EventFilter(), limit=None, with_total=False).total == -1
    with pytest.raises(ConfigError):
        query_events(store, EventFilter(), sort="colour")
    with pytest.raises(ConfigError):
        query_events(store, EventFilter(review_state="maybe"))
    with pytest.raises(ConfigError):
        query_events(store, EventFilter(), limit=-1)


def test_query_points_are_json_arrays(store: EventStore) -> None:
    points = json.loads(event_points(store, EventFilter(min_fatalities=70), limit=2))
    assert points["total"] == 3 and points["truncated"] is True
    assert points["fatalities"] == [400, 81] and points["type"] == ["Battles", "Violence against civilians"]
    empty = json.loads(event_points(store, EventFilter(country="Atlantis")))
    assert empty == {
        "total": 0,
        "truncated": False,
        "id": [],
        "lat": [],
        "lon": [],
        "type": [],
        "fatalities": [],
        "date": [],
    }


def test_query_stats_bins_weeks_from_monday(store: EventStore) -> None:
    stats = event_stats(store, EventFilter(since=date(2025, 4, 1)), bin="week")
    # 2025-04-11 is a Friday and 2025-04-13 a Sunday: both in the week of Monday 2025-04-07.
    assert {b["period"] for b in stats["timeline"]} == {"2025-04-07"}
    assert stats["events"] == 2 and stats["fatalities"] == 414
    assert stats["admin1_timeline"] == [{"period": "2025-04-07", "admin1": "North Darfur", "fatalities": 414}]
    assert event_stats(store, EventFilter())["bin"] == "week"  # ten months of events
    with pytest.raises(ConfigError):
        event_stats(store, EventFilter(), bin="year")


@pytest.mark.parametrize("q", ["menaka", "Ménaka", "MÉNAKA", "ménak"])
def test_query_text_search_ignores_case_and_accents(store: EventStore, q: str) -> None:
    (event,) = query_events(store, EventFilter(q="Zamzam"), limit=None).items
    Desk(store).edit(event.record.event_id, {"location": "Ménaka"}, who="amina", version=event.version)
    assert [e.record.event_id for e in query_events(store, EventFilter(q=q), limit=None).items] == [
        event.record.event_id
    ]


@pytest.mark.parametrize(("admin1", "found"), [("north darfur", True), ("NORTH DARFUR", True), ("North Darfu", False)])
def test_query_names_compare_in_any_ascii_case(store: EventStore, admin1: str, found: bool) -> None:
    assert (query_events(store, EventFilter(admin1=admin1), limit=None).total > 0) is found
