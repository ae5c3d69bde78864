"""Schema versioning: fresh and v0 files are migrated, newer files are refused, failures roll back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.model import Article, EventRecord
from sitrep.store import SQLiteStore, migrations, pins
from sitrep.store.query import EventFilter, query_events
from sitrep.store.review import Desk

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

from .samples import kech_article, kech_event

TABLES = {"schema_version", "articles", "events", "event_articles", "evidence", "mentions"}


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _versions(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    finally:
        conn.close()


def test_migrations_fresh_file_gets_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with SQLiteStore(path) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION == len(migrations.MIGRATIONS)
    assert TABLES <= _tables(path)
    assert _versions(path) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_migrations_v0_database_is_upgraded(tmp_path: Path) -> None:
    # A v0 file: a valid SQLite database holding someone's table but no schema_version.
    path = tmp_path / "v0.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('kept')")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
        assert store.add_article(kech_article(), [kech_event()])
    assert TABLES | {"notes"} <= _tables(path)


def test_migrations_reopen_does_not_rerun(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.db"
    SQLiteStore(path).close()
    SQLiteStore(path).close()
    assert _versions(path) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_migrations_missing_ones_are_applied_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sitrep.db"
    with SQLiteStore(path) as store:
        store.add_article(kech_article(), [kech_event()])
    upgraded = [
        *migrations.MIGRATIONS,
        "ALTER TABLE events ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;",
        "CREATE INDEX events_reviewed ON events (reviewed); -- a comment; with a semicolon",
    ]
    monkeypatch.setattr(migrations, "MIGRATIONS", upgraded)
    with SQLiteStore(path) as store:
        assert store.schema_version == len(upgraded)
        assert store.counts()["events"] == 1  # data survives the upgrade
        assert store._conn.execute("SELECT reviewed FROM events").fetchall() == [(0,)]
    assert _versions(path) == list(range(1, len(upgraded) + 1))


def test_migrations_failure_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sitrep.db"
    SQLiteStore(path).close()
    broken = [*migrations.MIGRATIONS, "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);"]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(StoreError, match="migrate"):
        SQLiteStore(path)
    assert "half_done" not in _tables(path)
    assert _versions(path) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_migrations_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"schema version 99 is newer") as info:
        SQLiteStore(path)
    assert "upgrade sitrep" in str(info.value)
    assert info.value.code == "E301"
    # Refusing must not touch the file.
    assert _versions(path)[-1] == 99


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
    statements = migrations.split_statements(migrations.MIGRATIONS[0])
    assert sum(s.lstrip().startswith(("CREATE TABLE", "--")) for s in statements) >= 5
    assert all(sqlite3.complete_statement(s) for s in statements)


def _store_as_version_3(conn: sqlite3.Connection, article: Article, event: EventRecord) -> None:
    """What a version-3 sitrep wrote for one article with one event: the JSON records inside the rows."""
    from sitrep.dedup.frame import match_text
    from sitrep.store.sqlite import _EVENT_COLUMNS

    record = event.to_dict()
    conn.execute("INSERT INTO articles (id, text, published, source, ingested_at) VALUES (?, ?, ?, ?, '2024-03-16T00:00:00+00:00')",
                 (article.id, article.text, article.published.isoformat() if article.published else None, article.source))  # fmt: skip
    conn.execute(f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}, record) VALUES ({', '.join('?' * (len(_EVENT_COLUMNS) + 1))})",
                 (*(record[c] for c in _EVENT_COLUMNS), json.dumps(record)))  # fmt: skip
    conn.executemany('INSERT INTO evidence (event_id, field, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                     [(event.event_id, e.field, e.article_id, e.start, e.end, e.text) for e in event.evidence])  # fmt: skip
    conn.execute("INSERT INTO event_articles VALUES (?, ?)", (event.event_id, article.id))
    conn.execute(
        "INSERT INTO event_reports (report_id, event_id, article_id, added_at, event_date, event_type, sub_event_type, "
        "actor1, actor2, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, published, "
        "text, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event.event_id, event.event_id, article.id, 1_710_500_000, event.event_date, event.event_type, event.sub_event_type,
         event.actor1, event.actor2, event.country, event.admin1, event.admin2, event.location, event.latitude,
         event.longitude, event.geo_precision, event.fatalities, article.published.isoformat() if article.published else None,
         match_text(event), json.dumps(record)),
    )  # fmt: skip


def test_migrations_4_moves_records_aside_and_keeps_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v3.db"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        SQLiteStore(path).close()
    # The two Kabul attacks and both Mogadishu reports, one event each, as version 3 stored them.
    pairs = [(make(), event) for make, event in ((kabul_mosque_article, kabul_mosque_event), (kabul_police_article, kabul_police_event),
                                                 (garowe_article, garowe_event), (reuters_article, reuters_event))]  # fmt: skip
    records = [make_event(article) for article, make_event in pairs]
    conn = sqlite3.connect(path)
    for (article, _), record in zip(pairs, records):
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
        columns = {row[1] for row in store._conn.execute("PRAGMA table_info(event_reports)")}
        assert "record" not in columns and "text" not in columns
        assert pins.pins(store._conn) == []
        # The desk's text search (events_fts, keyed by the rowids the copy kept) still finds them.
        page = query_events(store, EventFilter(q="Kabul"))
        assert {e.record.event_id for e in page.items} == {records[0].event_id, records[1].event_id}
        mosque_id, police_id = records[0].event_id, records[1].event_id
        Desk(store).merge([mosque_id, police_id], who="amina")
        report = store.dedup()
        assert (report.merged, report.pins, report.events_after) == (1, 1, 2)  # Mogadishu merged, Kabul kept as merged
