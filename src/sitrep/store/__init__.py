"""Where events and their articles are kept: one interface, `EventStore`, and its backends.

SQLite (`SQLiteStore`) is the default and needs no server; PostgreSQL will sit behind the same Protocol.
Callers (CLI, API, engines) should type against `EventStore` and get a store from `open_store`, so the
backend is a configuration choice and tests can pass an in-memory SQLite store or a fake.

Usage:
    with open_store("sitrep.db") as store:
        store.add_article(article, events)
"""

from __future__ import annotations

__all__ = ["EventStore", "SQLiteStore", "open_store"]

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from sitrep.errors import StoreError
from sitrep.model import Article, EventRecord

if TYPE_CHECKING:
    from sitrep.store.history import DedupReport, HistoryEntry, IngestResult


@runtime_checkable
class EventStore(Protocol):
    """What every store backend provides. See `SQLiteStore` for the full contract of each method."""

    def add_article(self, article: Article, events: Sequence[EventRecord], mentions: Iterable[Any] = ()) -> bool:
        """Store an article with its events in one transaction; False (and no change) if already stored."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        ...

    def event(self, event_id: str) -> EventRecord | None:
        """The stored event, or None."""
        ...

    def events(
        self,
        *,
        country: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
        changed_since: int | float | datetime | str | None = None,
        include_deleted: bool = False,
    ) -> list[EventRecord]:
        """Events matching every filter given, by event_date then event_id (with changed_since: deletions too)."""
        ...

    def ingest(
        self, article: Article, events: Sequence[EventRecord], mentions: Iterable[Any] = ()
    ) -> IngestResult | None:
        """Store an article, merging its events into the stored events they report; None if already stored."""
        ...

    def dedup(self) -> DedupReport:
        """Re-cluster every stored report; merged events are marked deleted, ids stay stable."""
        ...

    def undo(self, history_id: int) -> list[str]:
        """Reverse the merge or split logged in history row `history_id`; the ids of events changed."""
        ...

    def history(self, event_id: str | None = None) -> list[HistoryEntry]:
        """History rows (create, update, merge, split, undo, ...), oldest first."""
        ...

    def counts(self) -> dict[str, int]:
        """Row counts: articles, events, evidence, mentions."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...

    def __enter__(self) -> EventStore: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


# Imported after EventStore is defined: sqlite.py imports nothing from here but the migrations module.
from sitrep.store.sqlite import SQLiteStore  # noqa: E402

_SQLITE_PREFIX = "sqlite://"
_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def open_store(url_or_path: str | Path) -> EventStore:
    """Open the store a --db value names.

    Args:
        url_or_path: a file path ("sitrep.db"), ":memory:", or a URL: "sqlite:///relative.db",
            "sqlite:////absolute/path.db", "sqlite://" or "sqlite:///:memory:" (in memory), following
            SQLAlchemy's convention.

    Returns:
        An open store; use it as a context manager or call close().

    Raises:
        StoreError: the URL's scheme is not supported, or the database cannot be opened or migrated.
    """
    if isinstance(url_or_path, Path):
        return SQLiteStore(url_or_path)
    text = url_or_path.strip()
    if text.startswith(_SQLITE_PREFIX):
        rest = text[len(_SQLITE_PREFIX) :]
        if rest in ("", "/"):
            return SQLiteStore(":memory:")
        if not rest.startswith("/"):
            raise StoreError(
                f"{text}: a SQLite URL has three slashes before the path",
                hint="use sqlite:///relative/file.db or sqlite:////absolute/file.db",
            )
        return SQLiteStore(rest[1:])
    if "://" in text:
        # Name only the scheme: the rest of a server URL may hold a password.
        scheme = text.split("://", 1)[0].lower()
        if scheme in _POSTGRES_SCHEMES:
            raise StoreError(
                f"{scheme}://...: PostgreSQL is not supported yet",
                hint="use a SQLite file path or sqlite:///path/to/file.db",
            )
        raise StoreError(
            f"{scheme}://...: unknown database scheme {scheme!r}",
            hint="use a file path or sqlite:///path/to/file.db",
        )
    return SQLiteStore(text)
