"""The one database object every module of the store works through: a connection, its transactions, a clock.

`Database` is what the store's lower modules (records, reports, history, matching, recluster, desk, query,
tokens) take as their first argument; they never see a driver. Two subclasses connect it:
`sqlite.SQLiteDatabase` (the standard library's sqlite3) and `postgres.PostgresDatabase` (psycopg 3). SQL
is written once with `?` placeholders; the SQL fragments that differ come from `dialect` (`db.dialect`).

Writers are serialised by the database, so that matching a new article always sees every report stored
before it and a desk action's version check and its write are one step: `transaction()` takes SQLite's
write lock (BEGIN IMMEDIATE, waiting up to the busy timeout) or a PostgreSQL advisory lock held to the
end of the transaction. Readers are never blocked (SQLite's WAL, PostgreSQL's MVCC).

Usage:
    with db.transaction():
        db.execute("UPDATE events SET review_state = ? WHERE event_id = ?", ("confirmed", event_id))
"""

from __future__ import annotations

__all__ = ["Database", "Cursor"]

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from sitrep.errors import StoreError
from sitrep.store.dialect import Dialect


class Cursor(Protocol):
    """What `Database.execute` returns: the part that sqlite3's and psycopg's cursors share."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(ABC):
    """A connection to one store's database, with its dialect, its write transactions and its clock.

    Args:
        name: how messages name the database (a file path, or a URL without its password).
        dialect: the SQL that differs (`dialect.SQLITE` or `dialect.POSTGRESQL`).
        clock: unix time now (seconds); event timestamps and history rows use it. Tests pass a fake.
    """

    def __init__(self, name: str, dialect: Dialect, clock: Callable[[], float] = time.time) -> None:
        self.name = name
        self.dialect = dialect
        self.clock = clock

    def now(self) -> int:
        """Unix seconds, from the database's clock."""
        return int(self.clock())

    # -- statements --------------------------------------------------------------------------------

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement (`?` placeholders).

        Raises:
            StoreError: the database refused it (the driver's error is its cause).
        """

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters (batched or pipelined by the driver)."""

    @abstractmethod
    def insert_id(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT into a table with an integer key `id` and return the new row's id."""

    @abstractmethod
    def batches(self, sql: str, params: Sequence[Any] = (), size: int = 20_000) -> Iterator[list[Any]]:
        """The rows of a query in lists of `size`, without holding the whole result in memory at once."""

    @abstractmethod
    def execute_script(self, script: str) -> None:
        """Run a script of several `;`-separated statements (migrations), inside the current transaction."""

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first row of a query, or None."""
        return self.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Every row of a query."""
        return list(self.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row of a query (None when there is no row)."""
        row = self.one(sql, params)
        return None if row is None else row[0]

    # -- transactions ------------------------------------------------------------------------------

    @contextmanager
    def transaction(self, failure: str = "the change was not saved") -> Iterator[None]:
        """A write transaction: committed when the body ends, rolled back when it raises.

        Only one write transaction runs at a time per store (see the module docstring). Nesting is not
        supported: the store's functions open one at their entry point and the lower ones run inside it.

        Args:
            failure: what the StoreError says went wrong, after the database's name.

        Raises:
            StoreError: the database refused the change (nothing of it is kept); any other exception from
                the body propagates unchanged after the rollback.
        """
        try:
            self._begin()
        except StoreError as exc:
            raise StoreError(
                f"{self.name}: cannot start a write transaction: {exc.__cause__ or exc}", hint=exc.hint
            ) from exc
        try:
            yield
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, StoreError) and exc.__cause__ is not None and self.is_driver_error(exc.__cause__):
                raise StoreError(f"{self.name}: {failure}: {exc.__cause__}", hint=exc.hint) from exc.__cause__
            raise
        try:
            self._commit()
        except StoreError as exc:
            self._rollback()
            raise StoreError(f"{self.name}: {failure}: {exc.__cause__ or exc}", hint=exc.hint) from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read-only transaction: every query in the body sees the database as it was when it began,
        whatever other processes commit meanwhile (for reads that must agree across tables: a copy)."""
        self.execute(self._begin_snapshot_sql)
        try:
            yield
        finally:
            self._rollback()

    _begin_snapshot_sql = "BEGIN"

    @property
    @abstractmethod
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the connection."""

    @abstractmethod
    def _begin(self) -> None:
        """Open a write transaction holding the store's write lock."""

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None:
        """Roll back the open transaction, if there is one (never raises for a lost connection)."""

    @abstractmethod
    def is_driver_error(self, exc: BaseException) -> bool:
        """Whether `exc` is an error of this database's driver."""

    # -- what the backends do differently (beyond SQL: see `dialect`) --------------------------------

    @abstractmethod
    def table_exists(self, name: str) -> bool:
        """Whether the store has a table of this name."""

    @contextmanager
    def migrating(self) -> Iterator[None]:
        """Connection settings around a schema migration (SQLite turns foreign keys off; see `migrations`)."""
        yield

    def check_foreign_keys(self) -> list[tuple[Any, ...]]:
        """Rows whose foreign keys point nowhere, after a migration that could not enforce them (at most 3)."""
        return []

    @contextmanager
    def bulk_writing(self) -> Iterator[None]:
        """Session settings for one very large write transaction (re-clustering a million events)."""
        yield

    @abstractmethod
    def churned_indexes(self, table: str, columns: frozenset[str]) -> list[tuple[str, str]]:
        """(DROP statement, CREATE statement) of the secondary indexes on `table` that a bulk rewrite of
        `columns` updates for every row it writes, and so are cheaper to build again afterwards than to update."""

    @abstractmethod
    def before_index_builds(self) -> None:
        """Settle what must be settled before indexes are built again inside the transaction."""

    @abstractmethod
    def after_bulk_rewrite(self) -> None:
        """Bring derived indexes up to date after `churned_indexes` were dropped and built again."""

    @abstractmethod
    def after_bulk_load(self, tables: Sequence[str]) -> None:
        """After a whole store was loaded into these tables (and committed): bring the planner's statistics
        and the database's bookkeeping up to date, so the first queries run as they will on a settled store."""

    @abstractmethod
    def sync_id_sequence(self, table: str, column: str = "id") -> None:
        """After rows were inserted with explicit ids, make the next generated id follow the largest one."""

    @abstractmethod
    def columns(self, table: str) -> list[str]:
        """The table's column names, in order (SQLite's implicit rowid is not one of them, nor PostgreSQL's
        generated columns, which are never written)."""

    def bulk_update(
        self, table: str, key: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], also: str = ""
    ) -> None:
        """Update many rows of `table` (inside a write transaction), each found by its `key`.

        Args:
            table: the table.
            key: the column that finds a row (unique).
            columns: the columns set from each row's values.
            rows: (value of each column..., key value) per row.
            also: more assignments for every row, as SQL ("version = version + 1").
        """
        sets = [f'"{c}" = ?' for c in columns] + ([also] if also else [])
        self.executemany(f"UPDATE {table} SET {', '.join(sets)} WHERE {key} = ?", rows)

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows into `table` (inside a write transaction): batched INSERTs, or COPY on PostgreSQL."""
        names = ", ".join(f'"{c}"' for c in columns)
        self.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in columns)})", rows)

    @abstractmethod
    def close(self) -> None:
        """Close the connection; calling it twice is harmless."""
