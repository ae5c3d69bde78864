"""The feed monitor's own state (`sitrep watch`): the sources it follows and the pages it fetched.

Two tables of migration 6, and nothing else: `watch_sources` (per source: the validators of the last
response, for conditional requests; the last success and error; the backoff) and `watch_pages` (per link: its
canonical URL, the stored article of its current text, its language, what the English pipeline made of it).
Articles, events and their history stay where they are: the monitor stores them with `EventStore.ingest`
like every other reader, so an article whose text changed is a new report of the same events.

Every function takes the store first (either backend: it works through `store.db`, the `Database`) and
writes one row in one transaction of its own, so that a watcher killed at any point leaves each row either as
it was or as it should be. Times are unix seconds.
"""

from __future__ import annotations

__all__ = [
    "SourceState",
    "PageState",
    "SourceStatus",
    "sync_source",
    "source_state",
    "record_source_success",
    "record_source_failure",
    "page_state",
    "page_by_canonical",
    "record_page",
    "pages_due",
    "source_status",
]

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.store.contract import EventStore


@dataclass(frozen=True)
class SourceState:
    """One row of `watch_sources`."""

    name: str
    url: str
    country: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetch_at: int | None = None
    last_success_at: int | None = None
    last_error: str | None = None
    last_error_at: int | None = None
    failures: int = 0
    next_fetch_at: int = 0


@dataclass(frozen=True)
class PageState:
    """One row of `watch_pages`: a link the monitor fetched, and what became of it."""

    url: str
    source: str
    status: str  # coded, not_english, no_text, error
    first_seen_at: int
    checked_at: int
    canonical_url: str | None = None
    article_id: str | None = None
    language: str | None = None
    events: int = 0
    versions: int = 0
    etag: str | None = None
    last_modified: str | None = None
    published_at: int | None = None
    stored_at: int | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class SourceStatus:
    """What `sitrep sources` and the desk's panel show for one source."""

    name: str
    url: str
    last_success_at: int | None
    last_error: str | None
    last_error_at: int | None
    failures: int
    next_fetch_at: int
    articles: int  # pages whose text is stored
    events: int  # live events that cite them
    not_english: int  # stored, but not coded by the English pipeline
    no_text: int  # pages without article text (nothing stored)
    updated: int  # pages whose text changed after it was first stored
    median_delay_s: float | None  # publication -> first stored, over pages that gave events

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_SOURCE_COLUMNS = tuple(f.name for f in fields(SourceState))
_PAGE_COLUMNS = tuple(f.name for f in fields(PageState))


def sync_source(store: EventStore, name: str, url: str, country: str | None) -> None:
    """Add a source of the sources file, or update its URL and country (its fetch state is kept).

    A source whose URL changed starts afresh: its validators belong to the old URL.
    """
    with store.db.transaction(f"cannot keep the source {name!r}"):
        store.db.execute(
            "INSERT INTO watch_sources (name, url, country) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "etag = CASE WHEN watch_sources.url = excluded.url THEN watch_sources.etag END, "
            "last_modified = CASE WHEN watch_sources.url = excluded.url THEN watch_sources.last_modified END, "
            "url = excluded.url, country = excluded.country",
            (name, url, country),
        )


def source_state(store: EventStore, name: str) -> SourceState | None:
    """The stored state of one source, or None before its first round."""
    row = store.db.one(f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM watch_sources WHERE name = ?", (name,))
    return None if row is None else SourceState(*row)


def record_source_success(
    store: EventStore,
    name: str,
    *,
    now: int,
    next_fetch_at: int,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """A fetch of the source worked (a 200 or a 304): failures reset; new validators kept when given."""
    with store.db.transaction(f"cannot record the fetch of {name!r}"):
        store.db.execute(
            "UPDATE watch_sources SET last_fetch_at = ?, last_success_at = ?, failures = 0, next_fetch_at = ?, "
            "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE name = ?",
            (now, now, next_fetch_at, etag, last_modified, name),
        )


def record_source_failure(store: EventStore, name: str, error: str, *, now: int, next_fetch_at: int) -> None:
    """A fetch of the source failed: the error is kept, failures counted, the next try pushed back."""
    with store.db.transaction(f"cannot record the failure of {name!r}"):
        store.db.execute(
            "UPDATE watch_sources SET last_fetch_at = ?, last_error = ?, last_error_at = ?, failures = failures + 1, "
            "next_fetch_at = ? WHERE name = ?",
            (now, error, now, next_fetch_at, name),
        )


def page_state(store: EventStore, url: str) -> PageState | None:
    """The stored state of one link, or None if the monitor never fetched it."""
    row = store.db.one(f"SELECT {', '.join(_PAGE_COLUMNS)} FROM watch_pages WHERE url = ?", (url,))
    return None if row is None else PageState(*row)


def page_by_canonical(store: EventStore, canonical_url: str) -> PageState | None:
    """The link most recently stored under this canonical URL (another link to the same page), or None."""
    row = store.db.one(
        f"SELECT {', '.join(_PAGE_COLUMNS)} FROM watch_pages WHERE canonical_url = ? AND article_id IS NOT NULL "
        "ORDER BY stored_at DESC, url LIMIT 1",
        (canonical_url,),
    )
    return None if row is None else PageState(*row)


def record_page(store: EventStore, page: PageState) -> None:
    """Insert or replace the row of `page.url` (one statement: a killed watcher leaves the old row or the new)."""
    with store.db.transaction(f"cannot keep the state of {page.url}"):
        store.db.execute(
            f"INSERT INTO watch_pages ({', '.join(_PAGE_COLUMNS)}) VALUES ({', '.join('?' * len(_PAGE_COLUMNS))}) "
            f"ON CONFLICT (url) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _PAGE_COLUMNS[1:])}",
            tuple(getattr(page, c) for c in _PAGE_COLUMNS),
        )


def source_status(store: EventStore, names: Sequence[str] | None = None) -> list[SourceStatus]:
    """Per source (all, or those named, by name): last success and error, counts, and sitrep's latency.

    `events` counts the live events that cite an article stored from the source; `median_delay_s` is the
    median time from a page's publication (the feed item's date, else the page's) to its first storing,
    over the pages whose text gave events.
    """
    db = store.db
    rows = db.all(f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM watch_sources ORDER BY name")
    out = []
    for row in rows:
        src = SourceState(*row)
        if names is not None and src.name not in names:
            continue
        counts = dict(db.all("SELECT status, COUNT(*) FROM watch_pages WHERE source = ? GROUP BY status", (src.name,)))
        articles, updated = db.one(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN versions > 1 THEN 1 ELSE 0 END), 0) FROM watch_pages "
            "WHERE source = ? AND article_id IS NOT NULL",
            (src.name,),
        )
        events = db.scalar(
            "SELECT COUNT(DISTINCT ea.event_id) FROM event_articles ea JOIN events e ON e.event_id = ea.event_id "
            "WHERE e.deleted = 0 AND ea.article_id IN "
            "(SELECT article_id FROM watch_pages WHERE source = ? AND article_id IS NOT NULL)",
            (src.name,),
        )
        delays = [
            r[0]
            for r in db.all(
                "SELECT stored_at - published_at FROM watch_pages WHERE source = ? AND events > 0 "
                "AND published_at IS NOT NULL AND stored_at IS NOT NULL",
                (src.name,),
            )
        ]
        out.append(
            SourceStatus(
                name=src.name,
                url=src.url,
                last_success_at=src.last_success_at,
                last_error=src.last_error,
                last_error_at=src.last_error_at,
                failures=src.failures,
                next_fetch_at=src.next_fetch_at,
                articles=int(articles),
                events=int(events),
                not_english=counts.get("not_english", 0),
                no_text=counts.get("no_text", 0),
                updated=int(updated),
                median_delay_s=float(statistics.median(delays)) if delays else None,
            )
        )
    return out


def pages_due(store: EventStore, source: str, *, checked_before: int, seen_after: int) -> list[str]:
    """Links of a source whose text is stored, last checked at or before `checked_before` and first seen after
    `seen_after`: the pages to fetch again for changes, whether or not the feed still lists them."""
    rows = store.db.all(
        "SELECT url FROM watch_pages WHERE source = ? AND article_id IS NOT NULL AND checked_at <= ? "
        "AND first_seen_at > ? ORDER BY first_seen_at, url",
        (source, checked_before, seen_after),
    )
    return [r[0] for r in rows]
