"""PostgreSQL, the backend for a team: several analysts, a feed monitor and the web app on one database.

`PostgresDatabase` is the `Database` over one psycopg 3 connection (autocommit, so every read sees the
latest commit and a write transaction is exactly what `Database.transaction` opens); `PostgresStore` is the
store on it. A URL names the database: `postgresql://user:password@host:port/name` (libpq's URL, so
`?sslmode=require`, `?options=-csearch_path%3Dsitrep` and the PG* environment variables work as usual;
`postgresql://` alone takes everything from the environment).

Writers are serialised by a transaction-level advisory lock (`pg_advisory_xact_lock`), one per schema, taken
first in every write transaction and released by its commit: matching a new article sees every report
stored before it, a desk action's version check and its write are one step, and two processes running the
migrations at once cannot race. Readers take no lock. A writer waits up to `LOCK_WAIT_S` for the lock.

What psycopg needs that sqlite3 does not: `?` placeholders become `%s` (and a literal `%` becomes `%%`),
Python booleans are sent as integers (the schema keeps SQLite's 0/1 columns), large scans use a server-side
cursor, and explicit ids (a re-clustering's history rows, `sitrep db copy`) move the id sequence on.

Usage:
    with PostgresStore("postgresql://sitrep@db.example.org/sitrep") as store:
        store.ingest(article, events)
"""

from __future__ import annotations

__all__ = ["PostgresDatabase", "PostgresStore", "LOCK_WAIT_S", "display_url"]

import contextlib
import functools
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import TransactionStatus

from sitrep.errors import InputError, SitrepError, StoreError
from sitrep.store.base import Store
from sitrep.store.database import Cursor, Database
from sitrep.store.dialect import POSTGRESQL

# How long a writer waits for another writer's transaction (a re-clustering of a million events holds the
# lock for minutes; an ingest for milliseconds) before giving up with a StoreError.
LOCK_WAIT_S = 600
# What a StoreError from the server suggests (the default one speaks of SQLite files).
_HINT = "the PostgreSQL server refused it; its log says more"
# The first key of sitrep's advisory lock ("SITR"); the second is a hash of the schema, so that stores in
# different schemas of one database do not wait for each other.
_LOCK_CLASS = 0x53495452
_cursor_names = itertools.count()


def _refused(name: str, exc: psycopg.Error) -> SitrepError:
    """The error to raise for a statement PostgreSQL (or psycopg before sending it) refused. Text holding a
    NUL character is the caller's input, which SQLite stores and PostgreSQL cannot: an InputError (the API
    answers 422), not a server failure."""
    if isinstance(exc, psycopg.DataError) and "NUL" in str(exc):
        return InputError(name, "text with a NUL character (0x00), which PostgreSQL cannot store")
    return StoreError(f"{name}: {str(exc).strip()}", hint=_HINT)


@functools.lru_cache(maxsize=2048)
def _psycopg_sql(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (the store's SQL never has a `?` or `%` inside a literal)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _BoolAsInteger(Dumper):
    """Python booleans as 0 and 1: the schema's flags are integers, as on SQLite."""

    oid = psycopg.adapters.types["int4"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        params = psycopg.conninfo.conninfo_to_dict(_libpq_url(url))
    except psycopg.ProgrammingError:
        return url.split("://", 1)[0] + "://..."
    user = params.get("user")
    host = params.get("host")
    port = params.get("port")
    name = params.get("dbname")
    if not (user or host or port or name):
        return "postgresql://"
    where = (host or "") + (f":{port}" if port else "")
    return f"postgresql://{f'{user}@' if user else ''}{where}/{name or ''}"


def _libpq_url(url: str) -> str:
    """SQLAlchemy's spellings of the scheme ("postgresql+psycopg://", "postgres://") as libpq's."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in ("postgres", "postgresql+psycopg", "postgresql+psycopg2"):
        return "postgresql://" + rest
    return url


class PostgresDatabase(Database):
    """A connection to one PostgreSQL database (and schema), in autocommit mode.

    Args:
        url: a libpq URL ("postgresql://user@host:5432/sitrep"); "postgresql://" uses the PG* environment.
        clock: unix time now (seconds).

    Raises:
        StoreError: the server cannot be reached or refuses the connection.
    """

    def __init__(self, url: str, clock: Callable[[], float] = time.time) -> None:
        super().__init__(display_url(url), POSTGRESQL, clock)
        try:
            self.conn = psycopg.connect(_libpq_url(url), autocommit=True, application_name="sitrep")
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.name}: cannot connect: {str(exc).strip()}",
                hint="check the URL (postgresql://user:password@host:port/name) and that the server is running",
            ) from exc
        self.conn.adapters.register_dumper(bool, _BoolAsInteger)
        info = self.conn.info
        self.name = f"postgresql://{info.user}@{info.host}:{info.port}/{info.dbname}"
        try:
            self.execute(f"SET lock_timeout = '{LOCK_WAIT_S}s'")
            self.lock_key = int(self.scalar("SELECT hashtext(COALESCE(current_schema(), ''))"))
        except BaseException:
            self.conn.close()
            raise

    # -- statements --------------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            return self.conn.execute(_psycopg_sql(sql), tuple(params))
        except psycopg.Error as exc:
            raise _refused(self.name, exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            with self.conn.cursor() as cursor:
                cursor.executemany(_psycopg_sql(sql), rows)  # pipelined by psycopg
        except psycopg.Error as exc:
            raise _refused(self.name, exc) from exc

    def insert_id(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self.execute(sql + " RETURNING id", params).fetchone()[0])

    def batches(self, sql: str, params: Sequence[Any] = (), size: int = 20_000) -> Iterator[list[Any]]:
        if not self.in_transaction:  # a server-side cursor lives in a transaction
            cursor = self.execute(sql, params)
            while batch := cursor.fetchmany(size):
                yield batch
            return
        try:
            with self.conn.cursor(name=f"sitrep_scan_{next(_cursor_names)}") as cursor:
                cursor.itersize = size
                cursor.execute(_psycopg_sql(sql), tuple(params))
                while batch := cursor.fetchmany(size):
                    yield batch
        except psycopg.Error as exc:
            raise _refused(self.name, exc) from exc

    def execute_script(self, script: str) -> None:
        try:
            self.conn.execute(script.encode("utf-8"))  # no parameters: several statements in one go
        except psycopg.Error as exc:
            raise _refused(self.name, exc) from exc

    # -- transactions ------------------------------------------------------------------------------

    _begin_snapshot_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def _begin(self) -> None:
        # One round trip: the keys are integers of our own, written into the SQL.
        try:
            self.execute_script(f"BEGIN; SELECT pg_advisory_xact_lock({_LOCK_CLASS}, {int(self.lock_key)})")
        except BaseException:
            self._rollback()
            raise

    def _commit(self) -> None:
        self.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.closed or not self.in_transaction:
            return
        with contextlib.suppress(psycopg.Error):  # the connection is gone: the server rolled back already
            self.conn.execute("ROLLBACK")

    def is_driver_error(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.Error)

    # -- what PostgreSQL does differently ----------------------------------------------------------

    def table_exists(self, name: str) -> bool:
        return bool(self.scalar("SELECT to_regclass(?) IS NOT NULL", (name,)))

    @contextmanager
    def bulk_writing(self) -> Iterator[None]:
        # A re-clustering is one long transaction: its commit need not wait for the WAL to reach the disk
        # (a crash may lose it, never corrupt anything), and its index builds and sorts get more memory.
        settings = {"synchronous_commit": "off", "maintenance_work_mem": "512MB", "work_mem": "64MB"}
        for name, value in settings.items():
            self.execute(f"SET {name} = '{value}'")
        try:
            yield
        finally:
            if not self.conn.closed:
                for name in settings:
                    self.conn.execute(f"RESET {name}")

    def churned_indexes(self, table: str, columns: frozenset[str]) -> list[tuple[str, str]]:
        # An update that changes an indexed column writes a new entry into every index of the row (no HOT
        # update), so every secondary index of the table is churned, whatever its columns. The indexes that
        # enforce a key stay: the writes look rows up by them.
        rows = self.all(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE i.indrelid = to_regclass(?) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY c.relname",
            (table,),
        )
        return [(f"DROP INDEX {name}", definition) for name, definition in rows]

    def before_index_builds(self) -> None:
        # The reports' moves queued deferred foreign-key checks, and PostgreSQL builds no index on a table
        # with checks pending: run them now.
        self.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def after_bulk_rewrite(self) -> None:
        # The planner's statistics describe the table before most of its rows changed.
        self.execute("ANALYZE events")

    def after_bulk_load(self, tables: Sequence[str]) -> None:
        # VACUUM marks the new pages all-visible, which index-only scans need (the desk's counts and map points
        # read only indexes then); autovacuum would do it later, and the first requests would pay meanwhile.
        for table in tables:
            self.execute(f"VACUUM (ANALYZE) {table}")  # autocommit: VACUUM runs outside a transaction

    def sync_id_sequence(self, table: str, column: str = "id") -> None:
        self.execute(
            f"SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)",
            (table, column),
        )

    def columns(self, table: str) -> list[str]:
        return [
            row[0]
            for row in self.execute(
                # Generated columns (events.search) are computed by the database, never written.
                "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 "
                "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                (table,),
            )
        ]

    def bulk_update(
        self, table: str, key: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], also: str = ""
    ) -> None:
        # One statement instead of one per row: the rows go into a temporary table by COPY, then one
        # UPDATE ... FROM joins it (a re-clustering updates hundreds of thousands of rows).
        if not rows:
            return
        scratch = f"sitrep_update_{next(_cursor_names)}"
        names = [*columns, key]
        quoted = ", ".join(f'"{c}"' for c in names)
        self.execute(f"CREATE TEMPORARY TABLE {scratch} ON COMMIT DROP AS SELECT {quoted} FROM {table} LIMIT 0")
        self.bulk_insert(scratch, names, rows)
        self.execute(f"ANALYZE {scratch}")  # so that the join looks rows up by key rather than scanning the table
        sets = [f'"{c}" = u."{c}"' for c in columns] + ([also] if also else [])
        self.execute(f'UPDATE {table} SET {", ".join(sets)} FROM {scratch} AS u WHERE {table}."{key}" = u."{key}"')
        self.execute(f"DROP TABLE {scratch}")

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        try:
            with self.conn.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise _refused(self.name, exc) from exc

    def close(self) -> None:
        self.conn.close()

    def __repr__(self) -> str:
        return f"PostgresDatabase({self.name!r})"


class PostgresStore(Store):
    """The store in one PostgreSQL database (see `base.Store` for every operation).

    Args:
        url: a libpq URL ("postgresql://user:password@host:5432/sitrep").
        clock: unix time now (seconds); event timestamps and history rows use it. Tests pass a fake.

    Raises:
        StoreError: the server cannot be reached, or the schema is newer than this version of sitrep.
    """

    db: PostgresDatabase

    def __init__(self, url: str, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(PostgresDatabase(url, clock))
        self.url = url
