"""Schema versioning, on both backends: fresh and v0 databases are migrated, newer ones refused, failures
roll back, and several processes opening a new database at once migrate it once."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import factories
from sample_reports import (
    garowe_article,
    garowe_event,
    kabul_mosque_article,
    kabul_mosque_event,
    kabul_police_article,
    kabul_police_event,
    reuters_article,
    reuters_event,
)
from sitrep.errors import StoreError
from sitrep.model import UNKNOWN_TIME_PRECISION, Article, EventRecord
from sitrep.store import EventStore, SQLiteStore, is_postgres_url, migrations, monitor, open_store, pins
from sitrep.store.desk import Desk
from sitrep.store.query import EventFilter, query_events

from .samples import kech_article, kech_event

TABLES = {"schema_version", "articles", "events", "event_articles", "evidence", "mentions"}


def _raw(db_url: str, *statements: str) -> list[tuple]:
    """Run statements on the database itself, as another program (or an older sitrep) would; the last
    one's rows."""
    rows: list[tuple] = []
    if is_postgres_url(db_url):
        import psycopg

        with psycopg.connect(db_url, autocommit=True) as conn:
            for statement in statements:
                cursor = conn.execute(statement)
                rows = [tuple(r) for r in cursor.fetchall()] if cursor.description else []
        return rows
    conn = sqlite3.connect(db_url)
    try:
        for statement in statements:
            rows = [tuple(r) for r in conn.execute(statement).fetchall()]
        conn.commit()
    finally:
        conn.close()
    return rows


def _tables(db_url: str) -> set[str]:
    if is_postgres_url(db_url):
        return {r[0] for r in _raw(db_url, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    return {r[0] for r in _raw(db_url, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def _versions(db_url: str) -> list[int]:
    return [r[0] for r in _raw(db_url, "SELECT version FROM schema_version ORDER BY version")]


def _added(version: int, sql: str) -> migrations.Migration:
    """A migration whose script is the same on both backends."""
    return migrations.Migration(version, "test", sqlite=sql, postgresql=sql)


def test_migrations_fresh_database_gets_latest_schema(open_db: Callable[..., EventStore], db_url: str) -> None:
    with open_db() as store:
        assert store.schema_version == migrations.SCHEMA_VERSION == len(migrations.MIGRATIONS)
    assert _tables(db_url) >= TABLES
    assert _versions(db_url) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in migrations.MIGRATIONS] == list(range(1, len(migrations.MIGRATIONS) + 1))
    # SQLite runs every version from 1, PostgreSQL from 4 (its whole schema then); a later one may concern one
    # dialect only (7: PostgreSQL's stored search column), but none is empty for both.
    assert all(m.sqlite.strip() for m in migrations.MIGRATIONS[:6])
    assert all(m.sqlite.strip() or m.postgresql.strip() for m in migrations.MIGRATIONS)


def test_migrations_v0_database_is_upgraded(db_url: str) -> None:
    # A v0 database: valid, holding someone's table but no schema_version.
    _raw(db_url, "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('kept')")
    with open_store(db_url) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
        assert store.add_article(kech_article(), [kech_event()])
    assert TABLES | {"notes"} <= _tables(db_url)


def test_migrations_reopen_does_not_rerun(open_db: Callable[..., EventStore], db_url: str) -> None:
    open_db().close()
    open_db().close()
    assert _versions(db_url) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_migrations_missing_ones_are_applied_in_order(
    open_db: Callable[..., EventStore], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_db() as store:
        store.add_article(kech_article(), [kech_event()])
    n = len(migrations.MIGRATIONS)
    upgraded = [
        *migrations.MIGRATIONS,
        _added(n + 1, "ALTER TABLE events ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;"),
        _added(n + 2, "CREATE INDEX events_reviewed ON events (reviewed); -- a comment; with a semicolon"),
    ]
    monkeypatch.setattr(migrations, "MIGRATIONS", upgraded)
    with open_db() as store:
        assert store.schema_version == len(upgraded)
        assert store.counts()["events"] == 1  # data survives the upgrade
        assert [tuple(r) for r in store.db.all("SELECT reviewed FROM events")] == [(0,)]
    assert _versions(db_url) == list(range(1, len(upgraded) + 1))


def test_migrations_failure_rolls_back(
    open_db: Callable[..., EventStore], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_db().close()
    broken = [
        *migrations.MIGRATIONS,
        _added(
            len(migrations.MIGRATIONS) + 1, "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);"
        ),
    ]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(StoreError, match="migrate"):
        open_db()
    assert "half_done" not in _tables(db_url)
    assert _versions(db_url) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_migrations_newer_database_is_refused(open_db: Callable[..., EventStore], db_url: str) -> None:
    open_db().close()
    _raw(db_url, "INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00+00:00')")
    with pytest.raises(StoreError, match=r"schema version 99 is newer") as info:
        open_db()
    assert "upgrade sitrep" in str(info.value)
    assert info.value.code == "E301"
    # Refusing must not touch the database.
    assert _versions(db_url)[-1] == 99


def test_migrations_processes_opening_a_new_database_at_once_migrate_it_once(db_url: str) -> None:
    # Four connections open the same new database together; the write lock lets one migrate, the others
    # find it done. (Threads, each with its own connection, stand in for processes.)
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def opener() -> None:
        start.wait()
        try:
            open_store(db_url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _versions(db_url) == list(range(1, migrations.SCHEMA_VERSION + 1))


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("CREATE TABLE a (x);\nCREATE TABLE b (y);", ["CREATE TABLE a (x);", "CREATE TABLE b (y);"]),
        ("INSERT INTO a VALUES ('x;y');", ["INSERT INTO a VALUES ('x;y');"]),
        ("-- only a comment; really\n", []),
        ("", []),
        (
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END;",
            ["CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END;"],
        ),
    ],
)
def test_migrations_split_statements(script: str, expected: list[str]) -> None:
    assert migrations.split_statements(script) == expected


def test_migrations_split_statements_rejects_unterminated() -> None:
    with pytest.raises(ValueError, match="unterminated"):
        migrations.split_statements("CREATE TABLE a (x)")


def test_migrations_v1_splits_cleanly() -> None:
    statements = migrations.split_statements(migrations.MIGRATIONS[0].sqlite)
    assert sum(s.lstrip().startswith(("CREATE TABLE", "--")) for s in statements) >= 5
    assert all(sqlite3.complete_statement(s) for s in statements)


def _store_as_version_3(conn: sqlite3.Connection, article: Article, event: EventRecord) -> None:
    """What a version-3 sitrep wrote for one article with one event: the JSON records inside the rows."""
    from sitrep.dedup.frame import match_text
    from sitrep.store.records import EVENT_COLUMNS as _EVENT_COLUMNS

    record = event.to_dict()
    conn.execute(
        "INSERT INTO articles (id, text, published, source, ingested_at) "
        "VALUES (?, ?, ?, ?, '2024-03-16T00:00:00+00:00')",
        (article.id, article.text, article.published.isoformat() if article.published else None, article.source),
    )
    conn.execute(
        f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}, record) "
        f"VALUES ({', '.join('?' * (len(_EVENT_COLUMNS) + 1))})",
        (*(record[c] for c in _EVENT_COLUMNS), json.dumps(record)),
    )
    conn.executemany(
        'INSERT INTO evidence (event_id, field, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
        [(event.event_id, e.field, e.article_id, e.start, e.end, e.text) for e in event.evidence],
    )
    conn.execute("INSERT INTO event_articles VALUES (?, ?)", (event.event_id, article.id))
    conn.execute(
        "INSERT INTO event_reports (report_id, event_id, article_id, added_at, event_date, event_type, sub_event_type, "
        "actor1, actor2, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, published, "
        "text, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.event_id,
            event.event_id,
            article.id,
            1_710_500_000,
            event.event_date,
            event.event_type,
            event.sub_event_type,
            event.actor1,
            event.actor2,
            event.country,
            event.admin1,
            event.admin2,
            event.location,
            event.latitude,
            event.longitude,
            event.geo_precision,
            event.fatalities,
            article.published.isoformat() if article.published else None,
            match_text(event),
            json.dumps(record),
        ),
    )


def test_migrations_4_moves_records_aside_and_keeps_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v3.db"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        SQLiteStore(path).close()
    # The two Kabul attacks and both Mogadishu reports, one event each, as version 3 stored them.
    pairs = [
        (make(), event)
        for make, event in (
            (kabul_mosque_article, kabul_mosque_event),
            (kabul_police_article, kabul_police_event),
            (garowe_article, garowe_event),
            (reuters_article, reuters_event),
        )
    ]
    records = [make_event(article) for article, make_event in pairs]
    conn = sqlite3.connect(path)
    for (article, _), record in zip(pairs, records, strict=True):
        _store_as_version_3(conn, article, record)
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
        # Everything reads back as it was written: the records moved to their side tables.
        assert [e.to_dict() for e in store.events()] == sorted(
            (r.to_dict() for r in records), key=lambda d: (d["event_date"], d["event_id"])
        )
        assert [store.reports(r.event_id) for r in records] == [[r] for r in records]
        assert store.counts()["evidence"] == sum(len(r.evidence) for r in records)
        columns = set(store.db.columns("event_reports"))
        assert "record" not in columns and "text" not in columns
        assert pins.pins(store.db) == []
        # The desk's text search (events_fts, keyed by the rowids the copy kept) still finds them.
        page = query_events(store, EventFilter(q="Kabul"))
        assert {e.record.event_id for e in page.items} == {records[0].event_id, records[1].event_id}
        mosque_id, police_id = records[0].event_id, records[1].event_id
        Desk(store).merge([mosque_id, police_id], who="amina")
        report = store.dedup()
        assert (report.merged, report.pins, report.events_after) == (1, 1, 2)  # Mogadishu merged, Kabul kept as merged


def test_migrations_5_lets_a_version_4_store_keep_events_of_unknown_day(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A store that version 4 made (its `year` NOT NULL) with one dated event.
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        with open_store(db_url) as store:
            assert store.add_article(kech_article(), [kech_event()])
    dated = kech_event()
    undated_article = Article.from_text("Gunmen killed two guards at a checkpoint near Maiduguri, officials said.")
    undated = factories.event(
        "NGA-undated-1",
        event_date="",
        time_precision=UNKNOWN_TIME_PRECISION,
        article=undated_article.id,
        published=None,
        evidence=[factories.evidence(undated_article, "fatalities", "killed two guards")],
    )
    with open_store(db_url) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
        assert store.add_article(undated_article, [undated])
        assert {e.event_id: (e.event_date, e.year) for e in store.events()} == {
            dated.event_id: (dated.event_date, dated.year),
            undated.event_id: ("", None),
        }
    # The column itself: the dated event's year kept (SQLite refilled it from event_date), the other NULL.
    rows = _raw(db_url, "SELECT event_id, year FROM events ORDER BY event_id")
    assert sorted(rows) == sorted([(dated.event_id, dated.year), (undated.event_id, None)])


def test_migrations_6_adds_the_monitor_tables_to_a_version_5_store(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A store that version 5 made, with one event, then opened by the code that knows the feed monitor.
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
        with open_store(db_url) as store:
            assert store.add_article(kech_article(), [kech_event()])
    assert not {"watch_sources", "watch_pages"} & _tables(db_url)
    with open_store(db_url) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
        assert [e.event_id for e in store.events()] == [kech_event().event_id]
        # Unix seconds past 2038 fit (BIGINT on PostgreSQL, INTEGER on SQLite).
        later = 2**31 + 5
        monitor.sync_source(store, "A", "http://a.example/feed", None)
        monitor.record_source_success(store, "A", now=later, next_fetch_at=later + 60)
        assert monitor.source_state(store, "A").next_fetch_at == later + 60
    assert {"watch_sources", "watch_pages"} <= _tables(db_url)


def test_migrations_7_keeps_the_text_search_of_a_version_6_store(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A store that version 6 made (PostgreSQL: search by an expression index), then opened by the code whose
    # search reads the stored column (PostgreSQL) or, on SQLite, the FTS5 table as before.
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])
        with open_store(db_url) as store:
            assert store.add_article(kech_article(), [kech_event()])
    with open_store(db_url) as store:
        assert store.schema_version == 7
        (found,) = query_events(store, EventFilter(q=kech_event().location[:4])).items
        assert found.record.event_id == kech_event().event_id
        Desk(store).edit(found.record.event_id, {"notes": "Convoy ambushed at dawn"}, who="amina", version=None)
        assert query_events(store, EventFilter(q="ambush")).total == 1  # the column follows the edit
