"""SQLiteStore's own behaviour: WAL, foreign keys, busy timeout, in-memory stores, files that are not stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.store import SQLiteStore

from .samples import pahalgam_article, pahalgam_event


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sitrep.db"


def test_sqlite_wal_mode_and_foreign_keys(db_path: Path) -> None:
    with SQLiteStore(db_path) as store:
        assert store.journal_mode == "wal"
        # WAL is a property of the file: a fresh connection sees it too.
        conn = sqlite3.connect(db_path)
        try:
            assert conn.execute("PRAGMA journal_mode").fetchall() == [("wal",)]
        finally:
            conn.close()
        assert store.db.one("PRAGMA foreign_keys") == (1,)
        assert store.db.scalar("PRAGMA busy_timeout") > 0


def test_sqlite_in_memory() -> None:
    with SQLiteStore(":memory:") as s:
        assert s.journal_mode == "memory"
        assert s.add_article(pahalgam_article(), [pahalgam_event()])
        assert s.counts()["events"] == 1


def test_sqlite_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just a text file that happens to end in .db\n" * 20)
    with pytest.raises(StoreError, match=r"notes\.db"):
        SQLiteStore(path)


def test_sqlite_missing_folder_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(tmp_path / "no" / "such" / "dir" / "sitrep.db")


def test_sqlite_a_writer_waits_for_another_processes_write_lock(db_path: Path) -> None:
    # Another process holds the write lock for a moment: the store's write waits for it (busy timeout)
    # instead of failing with "database is locked".
    import threading

    SQLiteStore(db_path).close()
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    released.start()
    try:
        with SQLiteStore(db_path) as store:
            assert store.add_article(pahalgam_article(), [pahalgam_event()])
    finally:
        released.join()
        other.close()


class _LockedAtFirst:
    """A sqlite3 connection whose first switches to WAL fail with "database is locked" at once.

    That is what SQLite does (without calling the busy handler) when several connections switch a new
    file to WAL together.
    """

    def __init__(self, conn: sqlite3.Connection, refusals: int) -> None:
        self._conn = conn
        self.refusals = refusals

    def execute(self, sql: str, params: object = ()) -> sqlite3.Cursor:
        if "journal_mode = WAL" in sql and self.refusals:
            self.refusals -= 1
            raise sqlite3.OperationalError("database is locked")
        return self._conn.execute(sql, params)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_sqlite_opening_retries_the_switch_to_wal_while_another_opener_holds_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[_LockedAtFirst] = []
    connect = sqlite3.connect

    def locked_connect(*args: object, **kwargs: object) -> _LockedAtFirst:
        opened.append(_LockedAtFirst(connect(*args, **kwargs), refusals=3))  # type: ignore[arg-type]
        return opened[-1]

    monkeypatch.setattr(sqlite3, "connect", locked_connect)
    with SQLiteStore(db_path) as store:
        assert store.journal_mode == "wal"
        assert store.add_article(pahalgam_article(), [pahalgam_event()])
    assert opened and opened[0].refusals == 0


def test_sqlite_opening_gives_up_on_a_lock_that_outlasts_the_busy_timeout(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitrep.store.sqlite as sqlite_backend

    connect = sqlite3.connect
    monkeypatch.setattr(sqlite_backend, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(
        sqlite3,
        "connect",
        lambda *a, **k: _LockedAtFirst(connect(*a, **k), refusals=10**6),  # type: ignore[arg-type]
    )
    with pytest.raises(StoreError, match="database is locked"):
        SQLiteStore(db_path)
