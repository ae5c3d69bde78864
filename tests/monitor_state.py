"""A store's monitor state as `sitrep watch` leaves it, for the tests of what shows it (store, API, web desk):
one working source with one coded page published ten minutes before it was stored, one failing source."""

from __future__ import annotations

from sitrep.store import EventStore
from sitrep.store import monitor as state

__all__ = ["PUBLISHED", "watch_two_sources"]

PUBLISHED = 1_764_576_000  # 2025-12-01T08:00:00Z


def watch_two_sources(store: EventStore, article_id: str) -> None:
    """`Example desk` stored `article_id` (its events are the article's); `Broken feed` fails with HTTP 500."""
    state.sync_source(store, "Example desk", "http://desk.example/feed.xml", "Somalia")
    state.record_source_success(store, "Example desk", now=PUBLISHED + 600, next_fetch_at=PUBLISHED + 1200, etag='"1"')
    state.record_page(
        store,
        state.PageState(
            url="http://desk.example/a.html",
            source="Example desk",
            status="coded",
            first_seen_at=PUBLISHED + 300,
            checked_at=PUBLISHED + 600,
            canonical_url="http://desk.example/a.html",
            article_id=article_id,
            language="en",
            events=1,
            versions=1,
            published_at=PUBLISHED,
            stored_at=PUBLISHED + 600,
        ),
    )
    state.sync_source(store, "Broken feed", "http://broken.example/rss", None)
    state.record_source_failure(
        store, "Broken feed", "http://broken.example/rss: HTTP 500", now=PUBLISHED + 700, next_fetch_at=PUBLISHED + 760
    )
