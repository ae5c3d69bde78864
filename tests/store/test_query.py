"""store.query: the desk's filtered reads (pages, map points, stats) and the text-search query builder."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest

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
