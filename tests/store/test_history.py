"""Stable ids over time: incremental ingest, re-clustering, history rows, undo, changed-since."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sample_reports import (
    garowe_article,
    garowe_event,
    kabul_mosque_article,
    kabul_mosque_event,
    kabul_police_article,
    kabul_police_event,
    reuters_article,
    reuters_event,
    sonna_article,
    sonna_event,
)
from sitrep.dedup.config import DedupConfig
from sitrep.errors import ConfigError, InvalidEdit
from sitrep.model import Article, EventRecord
from sitrep.store import EventStore, SQLiteStore, migrations, open_store, unix_seconds

T0 = 1_710_500_000  # 2024-03-15 10:53 UTC


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: int = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: int = 60) -> int:
        self.now += seconds
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(open_db: Callable[..., EventStore], clock: Clock):
    with open_db(clock=clock) as s:
        yield s


def _mogadishu() -> list[tuple[Article, EventRecord]]:
    pairs = []
    for make_article, make_event in ((garowe_article, garowe_event), (reuters_article, reuters_event)):
        article = make_article()
        pairs.append((article, make_event(article)))
    return pairs


def _kabul() -> list[tuple[Article, EventRecord]]:
    pairs = []
    for make_article, make_event in (
        (kabul_mosque_article, kabul_mosque_event),
        (kabul_police_article, kabul_police_event),
    ):
        article = make_article()
        pairs.append((article, make_event(article)))
    return pairs


def _dicts(store: EventStore) -> list[dict]:
    return [e.to_dict() for e in store.events()]


# -- incremental ingest --------------------------------------------------------------------------------


def test_history_two_reports_become_one_event_with_lower_toll(store: EventStore, clock: Clock) -> None:
    (garowe, g_event), (reuters, r_event) = _mogadishu()
    first = store.ingest(garowe, [g_event])
    assert first is not None and first.created == (g_event.event_id,)
    clock.tick()
    second = store.ingest(reuters, [r_event])
    assert second is not None and second.created == () and second.updated == (g_event.event_id,)
    (event,) = store.events()
    assert event.event_id == g_event.event_id  # the first stored id stays
    assert event.fatalities == 9
    assert [(r.value, r.source) for r in event.fatality_reports] == [(12, "Garowe Online"), (9, "Reuters")]
    assert {a.id for a in event.articles} == {garowe.id, reuters.id}
    assert event.timestamp == clock.now  # bumped by the change
    assert [r.event_id for r in store.reports(event.event_id)] == [g_event.event_id, r_event.event_id]
    assert store.counts()["events"] == 1


def test_history_rows_say_what_changed_and_from_which_article(store: EventStore, clock: Clock) -> None:
    (garowe, g_event), (reuters, r_event) = _mogadishu()
    store.ingest(garowe, [g_event])
    clock.tick()
    store.ingest(reuters, [r_event])
    rows = store.history(g_event.event_id)
    assert [(h.action, h.article_id, h.changed_at) for h in rows] == [
        ("create", garowe.id, T0),
        ("update", reuters.id, T0 + 60),
    ]
    assert rows[0].before is None and rows[0].after["fatalities"] == 12
    assert rows[1].before["fatalities"] == 12 and rows[1].after["fatalities"] == 9
    assert rows[1].group_id == rows[1].id


def test_history_follow_up_supersedes_toll(store: EventStore, clock: Clock) -> None:
    for article, event in _mogadishu():
        store.ingest(article, [event])
    clock.tick()
    sonna = sonna_article()
    store.ingest(sonna, [sonna_event(sonna)])
    (event,) = store.events()
    assert event.fatalities == 30
    assert (event.fatalities_low, event.fatalities_high) == (30, 30)
    assert [r.value for r in event.fatality_reports] == [12, 9, 30]


def test_history_two_attacks_same_city_same_day_stay_apart(store: EventStore) -> None:
    for article, event in _kabul():
        store.ingest(article, [event])
    assert sorted(e.fatalities for e in store.events()) == [2, 12]


def test_history_two_runs_equal_one_run(db_url: str, other_db_url: str) -> None:
    reports = [*_mogadishu(), *_kabul(), (sonna_article(), sonna_event(sonna_article()))]
    # Run by run: each article in its own process-like session (the store closed in between).
    separate = db_url
    for article, event in reports:
        with open_store(separate, clock=Clock()) as s:
            s.ingest(article, [event])
    with open_store(other_db_url, clock=Clock()) as together:
        for article, event in reports:
            together.ingest(article, [event])
        with open_store(separate, clock=Clock()) as s:
            assert _dicts(s) == _dicts(together)
            assert len(_dicts(s)) == 3


def test_history_ingest_same_article_twice_changes_nothing(store: EventStore, clock: Clock) -> None:
    (garowe, g_event), _ = _mogadishu()
    store.ingest(garowe, [g_event])
    before = (_dicts(store), store.history())
    clock.tick()
    assert store.ingest(garowe, [g_event]) is None
    assert (_dicts(store), store.history()) == before


def test_history_events_of_one_article_never_merge_each_other(store: EventStore) -> None:
    (garowe, g_event), _ = _mogadishu()
    twin = EventRecord.from_dict({**g_event.to_dict(), "event_id": "SOM-twin", "fatalities": 11})
    result = store.ingest(garowe, [g_event, twin])
    assert result is not None and len(result.created) == 2


def test_history_add_article_keeps_records_as_given_and_logs_them(store: EventStore) -> None:
    (garowe, g_event), _ = _mogadishu()
    assert store.add_article(garowe, [g_event])
    assert store.event(g_event.event_id) == g_event  # the low-level write: no reconciliation, no new timestamp
    (row,) = store.history()
    assert (row.action, row.article_id, row.after["event_id"]) == ("create", garowe.id, g_event.event_id)
    assert store.reports(g_event.event_id) == [g_event]


# -- re-clustering, stable ids, deletions --------------------------------------------------------------


def _stored_without_matching(store: EventStore, clock: Clock) -> tuple[str, str]:
    """Both Mogadishu reports stored as two events, as add_article (no matching) leaves them."""
    (garowe, g_event), (reuters, r_event) = _mogadishu()
    store.add_article(garowe, [g_event])
    clock.tick()
    store.add_article(reuters, [r_event])
    return g_event.event_id, r_event.event_id


def test_history_dedup_merges_into_older_id_and_marks_the_other_deleted(store: EventStore, clock: Clock) -> None:
    older, newer = _stored_without_matching(store, clock)
    clock.tick()
    report = store.dedup()
    assert (report.merged, report.split, report.events_before, report.events_after) == (1, 0, 2, 1)
    (event,) = store.events()
    assert event.event_id == older and event.fatalities == 9 and len(event.articles) == 2
    gone = store.event(newer)
    assert gone is not None and gone.deleted and gone.merged_into == older
    assert [h.action for h in store.history(newer)] == ["create", "merged_into"]
    assert store.history(newer)[-1].after == {"deleted": True, "merged_into": older}
    assert store.counts()["events"] == 2  # nothing vanishes
    # Running it again finds nothing left to do.
    assert store.dedup().changed == 0


def test_history_changed_since_returns_deletions(store: EventStore, clock: Clock) -> None:
    older, newer = _stored_without_matching(store, clock)
    assert {e.event_id for e in store.events(changed_since=T0 + 60)} == {newer}
    merged_at = clock.tick(3600)
    store.dedup()
    changed = {e.event_id: e for e in store.events(changed_since=merged_at)}
    assert set(changed) == {older, newer}
    assert changed[newer].deleted and changed[newer].merged_into == older
    assert not changed[older].deleted
    # The same moment written as ISO 8601 text or a datetime.
    iso = datetime.fromtimestamp(merged_at, tz=UTC).isoformat()
    assert {e.event_id for e in store.events(changed_since=iso)} == {older, newer}
    assert {e.event_id for e in store.events(changed_since=datetime.fromtimestamp(merged_at, tz=UTC))} == {
        older,
        newer,
    }
    assert store.events(changed_since=merged_at + 1) == []
    assert [e.event_id for e in store.events()] == [older]  # the default listing leaves deletions out
    assert {e.event_id for e in store.events(include_deleted=True)} == {older, newer}


def test_history_undo_a_merge(store: EventStore, clock: Clock) -> None:
    older, newer = _stored_without_matching(store, clock)
    before = {e.event_id: e.to_dict() for e in store.events()}
    clock.tick()
    (group,) = store.dedup().history_groups
    clock.tick()
    touched = store.undo(group)
    assert set(touched) == {older, newer}
    after = {e.event_id: e.to_dict() for e in store.events()}
    assert set(after) == {older, newer}
    for event_id, record in after.items():
        assert record["timestamp"] == clock.now
        assert {**record, "timestamp": 0} == {**before[event_id], "timestamp": 0}
    assert [r.event_id for r in store.reports(newer)] == [newer]
    assert store.history(newer)[-1].action == "undo"
    assert {e.event_id for e in store.events(changed_since=clock.now)} == {older, newer}


def test_history_undo_adding_a_source(store: EventStore, clock: Clock) -> None:
    (garowe, g_event), (reuters, r_event) = _mogadishu()
    store.ingest(garowe, [g_event])
    clock.tick()
    store.ingest(reuters, [r_event])
    update = store.history(g_event.event_id)[-1]
    store.undo(update.id)
    by_id = {e.event_id: e for e in store.events()}
    assert set(by_id) == {g_event.event_id, r_event.event_id}  # the wire report becomes its own event
    assert by_id[g_event.event_id].fatalities == 12
    assert [a.id for a in by_id[r_event.event_id].articles] == [reuters.id]


def test_history_dedup_splits_a_wrong_merge_and_undo_joins_it_again(store: EventStore, clock: Clock) -> None:
    # A careless rule (threshold near zero) joined the two Kabul attacks; the default rules split them.
    (mosque, m_event), (police, p_event) = _kabul()
    loose = DedupConfig(threshold=0.01)
    store.ingest(mosque, [m_event], config=loose)
    store.ingest(police, [p_event], config=loose)
    assert len(store.events()) == 1
    clock.tick()
    report = store.dedup()
    assert (report.merged, report.split, report.events_after) == (0, 1, 2)
    by_id = {e.event_id: e for e in store.events()}
    assert set(by_id) == {m_event.event_id, p_event.event_id}  # the split part gets its report's own id
    assert by_id[m_event.event_id].fatalities == 12 and by_id[p_event.event_id].fatalities == 2
    assert [h.action for h in store.history(p_event.event_id)] == ["split_from"]
    split_row = store.history(m_event.event_id)[-1]
    assert split_row.action == "split" and split_row.after["split_into"] == [p_event.event_id]
    clock.tick()
    store.undo(split_row.id)
    (joined,) = store.events()
    assert joined.event_id == m_event.event_id and len(joined.articles) == 2
    gone = store.event(p_event.event_id)
    assert gone is not None and gone.deleted and gone.merged_into == m_event.event_id


def test_history_undo_refuses_when_changed_since(store: EventStore, clock: Clock) -> None:
    for article, event in _mogadishu():
        store.ingest(article, [event])
    first_update = store.history()[-1]
    sonna = sonna_article()
    store.ingest(sonna, [sonna_event(sonna)])
    with pytest.raises(InvalidEdit, match="changed after history entry"):
        store.undo(first_update.id)


def test_history_undo_refuses_creates_and_unknown_rows(store: EventStore) -> None:
    (garowe, g_event), _ = _mogadishu()
    store.ingest(garowe, [g_event])
    (create,) = store.history()
    with pytest.raises(InvalidEdit, match="created an event"):
        store.undo(create.id)
    with pytest.raises(InvalidEdit, match="no history entry 999"):
        store.undo(999)


# -- schema ----------------------------------------------------------------------------------------


def test_history_migration_2_backfills_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v1.db"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        SQLiteStore(path).close()
    # Two reports of one bombing, written by a version-1 sitrep (one event each, no matching).
    conn = sqlite3.connect(path)
    for article, event in _mogadishu():
        conn.execute(
            "INSERT INTO articles (id, text, published, ingested_at) VALUES (?, ?, ?, '2024-03-16T00:00:00+00:00')",
            (article.id, article.text, article.published.isoformat() if article.published else None),
        )
        d = event.to_dict()
        for key in ("fatality_reports", "fatalities_low", "fatalities_high", "deleted", "merged_into"):
            d.pop(key)
        conn.execute(
            "INSERT INTO events (event_id, event_date, year, time_precision, event_type, sub_event_type, actor1, "
            "inter1, actor2, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, notes, "
            "record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.event_id,
                event.event_date,
                event.year,
                1,
                event.event_type,
                event.sub_event_type,
                event.actor1,
                event.inter1,
                event.actor2,
                event.country,
                event.admin1,
                event.admin2,
                event.location,
                event.latitude,
                event.longitude,
                event.geo_precision,
                event.fatalities,
                event.notes,
                json.dumps(d),
            ),
        )
        conn.execute("INSERT INTO event_articles VALUES (?, ?)", (event.event_id, article.id))
    conn.commit()
    conn.close()
    with SQLiteStore(path, clock=Clock()) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
        assert len(store.events()) == 2 and not any(e.deleted for e in store.events())
        assert [r.fatalities for r in store.reports(garowe_event().event_id)] == [12]
        assert store.dedup().merged == 1
        (event,) = store.events()
        assert event.fatalities == 9


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (T0, T0),
        (str(T0), T0),
        ("2024-03-15T10:53:20Z", T0),
        ("2024-03-15T11:53:20+01:00", T0),
        ("2024-03-15T10:53:20", T0),  # naive: UTC
        (datetime(2024, 3, 15, 10, 53, 20, tzinfo=UTC), T0),
        ("2024-03-15", 1_710_460_800),
    ],
)
def test_history_unix_seconds(value: object, expected: int) -> None:
    assert unix_seconds(value) == expected  # type: ignore[arg-type]


def test_history_unix_seconds_rejects_text() -> None:
    with pytest.raises(ConfigError, match="not a time"):
        unix_seconds("last tuesday")
