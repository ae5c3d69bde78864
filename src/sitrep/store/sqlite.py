"""SQLite, the default backend: one file, no server (the standard library's sqlite3).

`SQLiteDatabase` is the `Database` over one file; `SQLiteStore` is the store on it. The connection runs in
autocommit mode and every write opens its own `BEGIN IMMEDIATE` transaction, so readers (WAL) never block,
and writers in several processes queue on the busy timeout instead of failing half-way.

Usage:
    with SQLiteStore("sitrep.db") as store:
        store.ingest(article, events)
        recent = store.events(country="Pakistan", since="2025-05-01")
"""

from __future__ import annotations

__all__ = ["SQLiteDatabase", "SQLiteStore", "BUSY_TIMEOUT_MS"]

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.store.base import Store
from sitrep.store.database import Cursor, Database
from sitrep.store.dialect import SQLITE
from sitrep.store.migrations import split_statements

# Writers wait this long for another process's write lock before failing with "database is locked";
# long enough for a batch ingest running beside the web API.
BUSY_TIMEOUT_MS = 10_000
# SQLite's page cache while migrating or re-clustering (the default is 2 MiB): it holds the indexes that
# every batch updates, so that they are not read back from the WAL again and again.
_BULK_CACHE_KIB = 1_048_576
_MIGRATION_CACHE_KIB = 262_144  # copying a table of a million events


class SQLiteDatabase(Database):
    """A connection to one SQLite file (or ":memory:") in WAL mode with foreign keys on.

    Args:
        path: the database file (created if missing; its folder must exist), or ":memory:".
        clock: unix time now (seconds).

    Raises:
        StoreError: the file cannot be opened or is not a SQLite database.
    """

    def __init__(self, path: str | Path, clock: Callable[[], float] = time.time) -> None:
        super().__init__(str(path), SQLITE, clock)
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                # We issue BEGIN/COMMIT ourselves; Python's implicit transactions would commit DDL
                # early and hide where a transaction starts.
                isolation_level=None,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        try:
            self._configure()
        except BaseException:
            self.conn.close()
            raise

    def _configure(self) -> None:
        """Set the connection pragmas; the first statement also proves the file is a database."""
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = self._switch_to_wal()
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        # ":memory:" databases cannot use WAL and report "memory"; any other refusal is a real problem.
        if str(mode).lower() not in ("wal", "memory"):
            raise StoreError(f"{self.path}: cannot switch the database to WAL mode (got {mode!r})")

    def _switch_to_wal(self) -> str:
        """Switch a file to WAL mode and return the journal mode SQLite reports.

        While several processes open a new file at once, the switch can fail at once with "database is
        locked": SQLite does not call the busy handler for it. It is retried here for as long as the busy
        timeout would have waited.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.005
        while True:
            try:
                return str(self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    @property
    def journal_mode(self) -> str:
        """SQLite's journal mode for this connection: "wal" for files, "memory" for ":memory:"."""
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    # -- statements --------------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.name}: {exc}") from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.name}: {exc}") from exc

    def insert_id(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self.execute(sql + " RETURNING id", params).fetchone()[0])

    def batches(self, sql: str, params: Sequence[Any] = (), size: int = 20_000) -> Iterator[list[Any]]:
        cursor = self.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield batch

    def execute_script(self, script: str) -> None:
        # `executescript` would commit the open transaction first: statement by statement instead.
        for statement in split_statements(script):
            self.execute(statement)

    # -- transactions ------------------------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock now (waiting up to the busy timeout), so a transaction never
        # fails half-way because another process started writing after it read.
        self.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        if self.conn.in_transaction:  # SQLite may have rolled back already (a disk I/O error)
            self.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def is_driver_error(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.Error)

    # -- what SQLite does differently --------------------------------------------------------------

    def table_exists(self, name: str) -> bool:
        return self.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    @contextmanager
    def migrating(self) -> Iterator[None]:
        """Foreign keys off (SQLite's procedure for changing a table: dropping one would cascade to its
        children; `check_foreign_keys` runs before the commit) and a bigger page cache."""
        cache = self.scalar("PRAGMA cache_size")
        self.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before BEGIN
        self.execute(f"PRAGMA cache_size = -{_MIGRATION_CACHE_KIB}")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")

    def check_foreign_keys(self) -> list[tuple[Any, ...]]:
        return [tuple(row[:3]) for row in self.execute("PRAGMA foreign_key_check").fetchmany(3)]

    @contextmanager
    def bulk_writing(self) -> Iterator[None]:
        saved = {name: self.scalar(f"PRAGMA {name}") for name in ("cache_size", "synchronous")}
        self.execute(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
        # In WAL mode, NORMAL syncs at checkpoints instead of at every commit: a crash or power cut can lose
        # this transaction, never corrupt the file; the one commit would otherwise wait for gigabytes of WAL.
        self.execute(f"PRAGMA synchronous = {min(int(saved['synchronous']), 1)}")
        try:
            yield
        finally:
            for name, value in saved.items():
                self.conn.execute(f"PRAGMA {name} = {int(value)}")

    def churned_indexes(self, table: str, columns: frozenset[str]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for kind, name, sql in self.all(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
            "AND (type = 'index' OR name = 'events_fts_update') ORDER BY name",
            (table,),
        ):
            # The text index's update trigger costs as much as an index: it goes too, and the text index
            # is rebuilt whole afterwards (`after_bulk_rewrite`).
            if kind == "trigger" or columns & {row[2] for row in self.execute(f'PRAGMA index_info("{name}")')}:
                found.append((f'DROP {kind.upper()} "{name}"', sql))
        return found

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.execute(f'PRAGMA table_info("{table}")')]

    def before_index_builds(self) -> None:
        pass  # SQLite builds an index with deferred foreign-key checks pending (they run at the commit)

    def sync_id_sequence(self, table: str, column: str = "id") -> None:
        pass  # an INTEGER PRIMARY KEY (or rowid) takes the largest one + 1 by itself

    def after_bulk_rewrite(self) -> None:
        self.execute("INSERT INTO events_fts (events_fts) VALUES ('rebuild')")

    def after_bulk_load(self, tables: Sequence[str]) -> None:
        self.execute("ANALYZE")  # the statistics the query planner reads (sqlite_stat1)

    def close(self) -> None:
        self.conn.close()

    def __repr__(self) -> str:
        return f"SQLiteDatabase({self.path!r})"


class SQLiteStore(Store):
    """The store in one SQLite file (see `base.Store` for every operation).

    Args:
        path: the database file (created if missing; its folder must exist), or ":memory:".
        clock: unix time now (seconds); event timestamps and history rows use it. Tests pass a fake.

    Raises:
        StoreError: the file cannot be opened, is not a SQLite database, or has a schema newer than
            this version of sitrep.
    """

    db: SQLiteDatabase

    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(SQLiteDatabase(path, clock))
        self.path = str(path)

    @property
    def journal_mode(self) -> str:
        """SQLite's journal mode for this connection: "wal" for files, "memory" for ":memory:"."""
        return self.db.journal_mode

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"
