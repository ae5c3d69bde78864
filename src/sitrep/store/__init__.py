"""Where events and their articles are kept: one contract, `EventStore`, and two backends.

SQLite (`SQLiteStore`, one file, no server) is the default; PostgreSQL (`PostgresStore`) is for a desk of
several analysts, a feed monitor and the web app on one database. Callers (CLI, API, engines, importers)
type against `EventStore` and get a store from `open_store`, so the backend is a configuration choice:

    with open_store("sitrep.db") as store:                        # or "postgresql://user@host/sitrep"
        store.ingest(article, events)

How the package is built (each module imports only the ones above it in this list):

    dialect     the SQL that differs between SQLite and PostgreSQL, in one place
    database    `Database`: the connection, `transaction()` (one writer at a time), the clock
    migrations  the schema as numbered migrations, each with a script per dialect; `migrate(db)`
    postgres_schema  PostgreSQL's whole schema at version 4 (migration 4's script there)
    locks       an analyst's corrected fields win over every rewrite
    records     articles, events, evidence, mentions: the one write path of an event, and the reads
    reports     what each article said about an event (an event is rebuilt from its reports)
    history     one row per change of an event
    pins        an analyst's merges and splits, kept by re-clustering
    matching    ingest: a new article's records join the stored events they report
    recluster   `sitrep dedup`: every report matched again, ids kept stable
    undo        reverse one operation of the history
    desk        the analyst's corrections, reviews, merges and splits (`Desk(store)`)
    query       the desk's filtered, sorted, paged reads, map points and sums
    tokens      API tokens (only a hash is kept)
    monitor     the feed monitor's state (`sitrep watch`): watched sources and fetched pages
    contract    `EventStore`, the Protocol
    base        `Store`, its one implementation, over any `Database`
    sqlite      `SQLiteDatabase`, `SQLiteStore`
    postgres    `PostgresDatabase`, `PostgresStore` (psycopg 3)
    copy        `copy_store`: a whole store from one backend to the other (`sitrep db copy`)

Extending it:

* A new operation on events: a function in the module it belongs to, taking the `Database` first and
  running inside `db.transaction()` if it writes; a method on `EventStore` and `base.Store` if callers
  need it; a test in tests/store, which runs on both backends.
* New tables or columns: append a `migrations.Migration` with a script for each dialect (never edit one
  that shipped); `copy.TABLES` lists what `sitrep db copy` moves, so add the table there too.
* SQL that cannot be written once for both: a method on `dialect.Dialect`, not an `if` in the caller.

docs/store.md has the same in prose, with the PostgreSQL set-up.
"""

from __future__ import annotations

__all__ = [
    "EventStore",
    "Store",
    "SQLiteStore",
    "PostgresStore",
    "Desk",
    "StoredEvent",
    "SplitPart",
    "EDITABLE_FIELDS",
    "REVIEW_STATES",
    "HistoryEntry",
    "IngestResult",
    "DedupReport",
    "open_store",
    "is_postgres_url",
    "unix_seconds",
]

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.errors import StoreError
from sitrep.store.base import Store
from sitrep.store.contract import EventStore
from sitrep.store.desk import Desk, SplitPart
from sitrep.store.history import HistoryEntry
from sitrep.store.locks import EDITABLE_FIELDS
from sitrep.store.matching import IngestResult
from sitrep.store.recluster import DedupReport
from sitrep.store.records import REVIEW_STATES, StoredEvent, unix_seconds
from sitrep.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from sitrep.store.postgres import PostgresStore

_SQLITE_PREFIX = "sqlite://"
_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_postgres_url(url_or_path: str | Path) -> bool:
    """Whether a --db value names a PostgreSQL database (a postgresql:// URL) rather than a SQLite file."""
    if isinstance(url_or_path, Path) or "://" not in str(url_or_path):
        return False
    return str(url_or_path).strip().split("://", 1)[0].lower() in _POSTGRES_SCHEMES


def open_store(url_or_path: str | Path, *, clock: Callable[[], float] = time.time) -> EventStore:
    """Open the store a --db value names.

    Args:
        url_or_path: a file path ("sitrep.db"), ":memory:", or a URL: "sqlite:///relative.db",
            "sqlite:////absolute/path.db", "sqlite://" or "sqlite:///:memory:" (in memory), following
            SQLAlchemy's convention; or "postgresql://user:password@host:port/name" (libpq's URL;
            "postgresql://" alone takes everything from the PG* environment variables).
        clock: unix time now (seconds), for event timestamps and history rows; tests pass a fake.

    Returns:
        An open store; use it as a context manager or call close().

    Raises:
        StoreError: the URL's scheme is not supported, or the database cannot be opened or migrated.
    """
    if isinstance(url_or_path, Path):
        return SQLiteStore(url_or_path, clock=clock)
    text = url_or_path.strip()
    if text.startswith(_SQLITE_PREFIX):
        rest = text[len(_SQLITE_PREFIX) :]
        if rest in ("", "/"):
            return SQLiteStore(":memory:", clock=clock)
        if not rest.startswith("/"):
            raise StoreError(
                f"{text}: a SQLite URL has three slashes before the path",
                hint="use sqlite:///relative/file.db or sqlite:////absolute/file.db",
            )
        return SQLiteStore(rest[1:], clock=clock)
    if is_postgres_url(text):
        from sitrep.store.postgres import PostgresStore  # psycopg takes 0.1-0.7 s to import: only when needed

        return PostgresStore(text, clock=clock)
    if "://" in text:
        # Name only the scheme: the rest of a server URL may hold a password.
        scheme = text.split("://", 1)[0].lower()
        raise StoreError(
            f"{scheme}://...: unknown database scheme {scheme!r}",
            hint="use a file path, sqlite:///path/to/file.db or postgresql://user@host/name",
        )
    return SQLiteStore(text, clock=clock)


def __getattr__(name: str) -> object:
    # `from sitrep.store import PostgresStore` loads psycopg only when it is asked for.
    if name == "PostgresStore":
        from sitrep.store.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
