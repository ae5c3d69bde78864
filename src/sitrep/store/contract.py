"""`EventStore`: the contract every store backend satisfies, and that every caller types against.

The CLI, the API, the engines and the importers use a store only through this Protocol (and get one from
`sitrep.store.open_store`), so the backend is a configuration choice: SQLite (`SQLiteStore`) or PostgreSQL
(`PostgresStore`), both the same `base.Store` over a different `database.Database`. The desk
(`store.desk.Desk`), the desk's reads (`store.query`) and the API tokens (`store.tokens`) work on any
EventStore through its `db`.

A new backend is a new `Database` subclass (connection, transactions, the catalog hooks) and a `Dialect`
(the SQL that differs); a new operation is a method here, implemented once in `base.Store` on top of the
store's modules, and tested on both backends (tests/store: the `store` fixture is parametrised).
"""

from __future__ import annotations

__all__ = ["EventStore"]

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

from sitrep.dedup.config import DedupConfig
from sitrep.model import Article, EventRecord
from sitrep.store.database import Database
from sitrep.store.history import HistoryEntry
from sitrep.store.matching import IngestResult
from sitrep.store.recluster import DedupReport


@runtime_checkable
class EventStore(Protocol):
    """What every store backend provides. `base.Store` documents each method in full."""

    db: Database  # the connection the store's modules (desk, query, tokens) work through

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the database (after opening: the code's version)."""
        ...

    def add_article(self, article: Article, events: Sequence[EventRecord], mentions: Iterable[Any] = ()) -> bool:
        """Store an article with its events exactly as given, in one transaction; False (and no change)
        if it is already stored."""
        ...

    def ingest(
        self,
        article: Article,
        events: Sequence[EventRecord],
        mentions: Iterable[Any] = (),
        *,
        config: DedupConfig | None = None,
        actor: str = "sitrep",
    ) -> IngestResult | None:
        """Store an article, merging its events into the stored events they report; None if already stored."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        ...

    def event(self, event_id: str) -> EventRecord | None:
        """The stored event (a merged-away one too, flagged), or None."""
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

    def reports(self, event_id: str) -> list[EventRecord]:
        """The per-article records an event was built from, in the order they were stored."""
        ...

    def dedup(self, *, config: DedupConfig | None = None, actor: str = "sitrep") -> DedupReport:
        """Re-cluster every stored report; merged events are marked deleted, ids stay stable."""
        ...

    def undo(self, history_id: int, *, actor: str = "sitrep") -> list[str]:
        """Reverse the merge or split logged in history row `history_id`; the ids of events changed."""
        ...

    def history(
        self, event_id: str | None = None, *, since: int | float | datetime | str | None = None
    ) -> list[HistoryEntry]:
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
