"""Store, on both backends: round-trip, idempotent ingest, filters, rollback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from sitrep.errors import ConfigError, StoreError
from sitrep.model import Mention, Span
from sitrep.store import EventStore

from .samples import (
    all_samples,
    bolan_article,
    bolan_event,
    kech_article,
    kech_event,
    menaka_article,
    menaka_event,
)


@pytest.fixture
def store(open_db: Callable[..., EventStore]):
    with open_db() as s:
        yield s


@pytest.fixture
def filled(store: EventStore) -> EventStore:
    for article, events in all_samples():
        assert store.add_article(article, events)
    return store


@pytest.fixture
def rows(open_db: Callable[..., EventStore]) -> Callable[[str], list[tuple]]:
    """Rows of a query on a second, independent connection: what another process would see after commit."""

    def query(sql: str) -> list[tuple]:
        with open_db() as other:
            return [tuple(row) for row in other.db.all(sql)]

    return query


def test_store_satisfies_event_store_protocol(store: EventStore) -> None:
    assert isinstance(store, EventStore)


def test_store_roundtrip_event_equals_stored(store: EventStore) -> None:
    article = kech_article()
    event = kech_event(article)
    assert store.add_article(article, [event]) is True
    back = store.event(event.event_id)
    assert back is not None
    assert back.to_dict() == event.to_dict()
    assert back == event
    assert store.events()[0].to_dict() == event.to_dict()


def test_store_roundtrip_unicode_and_missing_coordinates(store: EventStore) -> None:
    article = menaka_article()
    event = menaka_event(article)
    store.add_article(article, [event])
    back = store.event(event.event_id)
    assert back is not None and back.to_dict() == event.to_dict()
    assert back.admin1 == "Ménaka" and back.latitude is None
    assert store.article(article.id) == article


def test_store_roundtrip_article(store: EventStore) -> None:
    article = kech_article()
    store.add_article(article, [])
    assert store.has_article(article.id)
    assert store.article(article.id) == article
    assert store.article("0000000000000000") is None
    assert not store.has_article("0000000000000000")
    assert store.event("no-such-event") is None


def test_store_columns_mirror_record(store: EventStore, rows: Callable[[str], list[tuple]]) -> None:
    article = kech_article()
    event = kech_event(article)
    store.add_article(article, [event])
    row = rows(
        "SELECT event_date, year, country, admin1, actor1, fatalities, latitude, longitude, weapon FROM events",
    )
    assert row == [
        ("2025-05-06", 2025, "Pakistan", "Balochistan", "BLA: Baloch Liberation Army", 2, 26.0, 63.05, "IED")
    ]
    evidence = rows('SELECT field, article_id, start, "end", text FROM evidence ORDER BY start')
    assert len(evidence) == len(event.evidence)
    for _field, article_id, start, end, text in evidence:
        assert article.text[start:end] == text
        assert article_id == article.id
    assert rows("SELECT event_id, article_id FROM event_articles") == [(event.event_id, article.id)]


def test_store_add_twice_is_noop(store: EventStore, rows: Callable[[str], list[tuple]]) -> None:
    article = kech_article()
    event = kech_event(article)
    assert store.add_article(article, [event]) is True
    before_counts = store.counts()
    before_rows = rows("SELECT * FROM articles")
    # Different events for the same article must not sneak in either.
    assert store.add_article(article, [replace(event, fatalities=99), bolan_event()]) is False
    assert store.counts() == before_counts
    assert rows("SELECT * FROM articles") == before_rows  # ingested_at included
    assert store.event(event.event_id) == event


def test_store_counts(filled: EventStore) -> None:
    evidence_rows = sum(len(events[0].evidence) for _, events in all_samples())
    assert filled.counts() == {"articles": 4, "events": 4, "evidence": evidence_rows, "mentions": 0}


def test_store_events_sorted_by_date_then_id(filled: EventStore) -> None:
    events = filled.events()
    keys = [(e.event_date, e.event_id) for e in events]
    assert keys == sorted(keys)
    assert [e.event_date for e in events] == ["2025-03-03", "2025-04-22", "2025-05-06", "2025-05-06"]


@pytest.mark.parametrize("country", ["Pakistan", "pakistan", "PAKISTAN"])
def test_store_filter_country_ignores_case(filled: EventStore, country: str) -> None:
    events = filled.events(country=country)
    assert {e.location for e in events} == {"Kulag Tigran", "Shorkand"}


def test_store_filter_country_exact_not_substring(filled: EventStore) -> None:
    assert filled.events(country="Pak") == []


@pytest.mark.parametrize(
    ("since", "until", "locations"),
    [
        ("2025-05-06", None, {"Kulag Tigran", "Shorkand"}),
        (date(2025, 4, 22), None, {"Pahalgam", "Kulag Tigran", "Shorkand"}),
        (None, "2025-04-22", {"Ménaka", "Pahalgam"}),
        (None, date(2025, 4, 21), {"Ménaka"}),
        ("2025-04-22", "2025-04-22", {"Pahalgam"}),
        ("2025-05-07", None, set()),
    ],
)
def test_store_filter_dates_inclusive(filled: EventStore, since, until, locations) -> None:
    assert {e.location for e in filled.events(since=since, until=until)} == locations


@pytest.mark.parametrize(
    ("event_type", "locations"),
    [
        ("Explosions/Remote violence", {"Kulag Tigran", "Shorkand"}),
        ("explosions/remote violence", {"Kulag Tigran", "Shorkand"}),
        ("Remote explosive/landmine/IED", {"Kulag Tigran", "Shorkand"}),
        ("attack", {"Pahalgam"}),
        ("Battles", {"Ménaka"}),
        ("armed clash", {"Ménaka"}),
        ("Riots", set()),
    ],
)
def test_store_filter_event_type_or_sub_type(filled: EventStore, event_type: str, locations: set[str]) -> None:
    assert {e.location for e in filled.events(event_type=event_type)} == locations


@pytest.mark.parametrize(
    ("actor", "locations"),
    [
        ("baloch", {"Kulag Tigran", "Shorkand"}),  # actor1
        ("military forces of pakistan", {"Kulag Tigran", "Shorkand"}),  # actor2
        ("CIVILIANS", {"Pahalgam"}),
        ("wagner", {"Ménaka"}),  # assoc_actor_1
        ("Military Forces", {"Kulag Tigran", "Shorkand", "Ménaka"}),
        ("%", set()),  # LIKE wildcards are literal
        ("_", set()),
    ],
)
def test_store_filter_actor_substring(filled: EventStore, actor: str, locations: set[str]) -> None:
    assert {e.location for e in filled.events(actor=actor)} == locations


def test_store_filters_combine(filled: EventStore) -> None:
    events = filled.events(
        country="pakistan", event_type="Remote explosive/landmine/IED", actor="BLA", since="2025-05-01"
    )
    assert len(events) == 2
    assert filled.events(country="India", actor="BLA") == []


def test_store_limit_takes_earliest(filled: EventStore) -> None:
    assert [e.location for e in filled.events(limit=2)] == ["Ménaka", "Pahalgam"]
    assert filled.events(limit=0) == []


@pytest.mark.parametrize("kwargs", [{"since": "6 May 2025"}, {"until": "2025-13-01"}, {"limit": -1}])
def test_store_filter_bad_values_raise_config_error(filled: EventStore, kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        filled.events(**kwargs)


def test_store_rollback_on_serialization_failure(store: EventStore, rows: Callable[[str], list[tuple]]) -> None:
    article = kech_article()
    good = kech_event(article)
    # object() is not JSON-serialisable: fails after the article row and the first event are written.
    bad = replace(bolan_event(), related=[{"ref": object()}])
    mention = {
        "sentence": Span(0, 24, "Two soldiers were killed"),
        "trigger": Span(18, 24, "killed"),
        "event_type": good.event_type,
        "sub_event_type": good.sub_event_type,
    }
    with pytest.raises(TypeError):
        store.add_article(article, [good, bad], [mention])
    assert store.counts() == {"articles": 0, "events": 0, "evidence": 0, "mentions": 0}
    assert not store.has_article(article.id)
    for table in ("articles", "events", "evidence", "event_articles", "mentions"):
        assert rows(f"SELECT COUNT(*) FROM {table}") == [(0,)]
    # Nothing remembers the failed attempt: the article can be ingested once fixed.
    assert store.add_article(article, [good]) is True


def test_store_rollback_on_constraint_failure(store: EventStore) -> None:
    article = kech_article()
    orphan = {
        "sentence": Span(0, 24, "Two soldiers were killed"),
        "trigger": Span(18, 24, "killed"),
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "event_id": "not-an-event",  # foreign keys are on, so this must fail
    }
    with pytest.raises(StoreError, match=article.id):
        store.add_article(article, [kech_event(article)], [orphan])
    assert store.counts() == {"articles": 0, "events": 0, "evidence": 0, "mentions": 0}


def test_store_mentions_from_dataclasses_and_dicts(store: EventStore, rows: Callable[[str], list[tuple]]) -> None:
    article = kech_article()
    event = kech_event(article)
    first_end = article.text.index(". The") + 1
    second_start = first_end + 1
    trigger_start = article.text.index("responsibility")
    mention = Mention(
        article_id=article.id,
        sentence=Span(0, first_end, article.text[:first_end]),
        trigger=Span(18, 24, "killed"),
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
    )
    as_dict = {
        "sentence": {"start": second_start, "end": len(article.text), "text": article.text[second_start:]},
        "trigger": {"start": trigger_start, "end": trigger_start + 14, "text": "responsibility"},
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "event_id": event.event_id,
    }
    assert article.text[18:24] == "killed"
    assert store.add_article(article, [event], [mention, as_dict])
    rows = rows(
        "SELECT article_id, event_id, sentence_start, sentence_end, trigger_text, sub_event_type "
        "FROM mentions ORDER BY id",
    )
    assert rows == [
        (article.id, None, 0, first_end, "killed", "Remote explosive/landmine/IED"),
        (
            article.id,
            event.event_id,
            second_start,
            len(article.text),
            "responsibility",
            "Remote explosive/landmine/IED",
        ),
    ]
    assert store.counts()["mentions"] == 2


def test_store_same_event_from_second_source_is_updated_and_linked(
    store: EventStore, rows: Callable[[str], list[tuple]]
) -> None:
    first = kech_article()
    event = kech_event(first)
    store.add_article(first, [event])
    second = bolan_article()  # stands in for another outlet reporting the Kech blast
    merged = replace(event, fatalities=3, articles=[*event.articles], evidence=event.evidence[:1])
    assert store.add_article(second, [merged]) is True
    assert store.event(event.event_id) == merged
    assert store.counts()["events"] == 1
    assert store.counts()["evidence"] == 1  # replaced, not appended
    links = rows("SELECT article_id FROM event_articles ORDER BY article_id")
    assert sorted(r[0] for r in links) == sorted([first.id, second.id])


def test_store_persists_across_reopen(open_db: Callable[..., EventStore]) -> None:
    article, events = all_samples()[0]
    with open_db() as s:
        s.add_article(article, events)
    with open_db() as s:
        assert s.has_article(article.id)
        assert [e.to_dict() for e in s.events()] == [e.to_dict() for e in events]
        assert s.add_article(article, events) is False


def test_store_close_is_idempotent(open_db: Callable[..., EventStore]) -> None:
    s = open_db()
    s.close()
    s.close()
