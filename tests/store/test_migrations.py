"""Schema versioning: fresh and v0 files are migrated, newer files are refused, failures roll back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.store import SQLiteStore, migrations

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
