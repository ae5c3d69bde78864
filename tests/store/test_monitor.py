"""store.monitor: the feed monitor's sources and pages (migration 6), on both backends."""

from __future__ import annotations

from dataclasses import replace

from tests.factories import article, event

from monitor_state import PUBLISHED, watch_two_sources
from sitrep.store import monitor as state
from sitrep.store import open_store


def test_a_source_keeps_its_validators_until_its_url_changes(db_url):
    with open_store(db_url) as store:
        state.sync_source(store, "A", "http://a.example/feed", None)
        state.record_source_success(store, "A", now=10, next_fetch_at=70, etag='"v1"', last_modified="then")
        state.record_source_success(store, "A", now=80, next_fetch_at=140)  # a 304: validators kept
        kept = state.source_state(store, "A")
        assert (kept.etag, kept.last_modified, kept.last_success_at, kept.next_fetch_at) == ('"v1"', "then", 80, 140)
        state.sync_source(store, "A", "http://a.example/feed", "Mali")
        assert state.source_state(store, "A").etag == '"v1"'
        state.sync_source(store, "A", "http://a.example/other", "Mali")
        moved = state.source_state(store, "A")
        assert (moved.url, moved.etag, moved.last_modified, moved.country) == (
            "http://a.example/other",
            None,
            None,
            "Mali",
        )


def test_failures_count_up_and_a_success_resets_them(db_url):
    with open_store(db_url) as store:
        state.sync_source(store, "A", "http://a.example/feed", None)
        state.record_source_failure(store, "A", "HTTP 500", now=10, next_fetch_at=70)
        state.record_source_failure(store, "A", "HTTP 502", now=70, next_fetch_at=190)
        failing = state.source_state(store, "A")
        assert (failing.failures, failing.last_error, failing.next_fetch_at) == (2, "HTTP 502", 190)
        state.record_source_success(store, "A", now=200, next_fetch_at=260)
        assert state.source_state(store, "A").failures == 0


def test_pages_are_found_by_link_and_canonical_url_and_rechecked_while_young(db_url):
    with open_store(db_url) as store:
        page = state.PageState("http://a.example/x?utm=1", "A", "coded", first_seen_at=100, checked_at=100,
                               canonical_url="http://a.example/x", article_id="abc", stored_at=100)  # fmt: skip
        state.record_page(store, page)
        assert state.page_state(store, page.url) == page
        assert state.page_by_canonical(store, "http://a.example/x") == page
        assert state.pages_due(store, "A", checked_before=100, seen_after=50) == [page.url]
        assert state.pages_due(store, "A", checked_before=99, seen_after=50) == []  # checked since
        assert state.pages_due(store, "A", checked_before=100, seen_after=100) == []  # too old to recheck
        state.record_page(store, replace(page, checked_at=300, versions=2))
        assert state.page_state(store, page.url).versions == 2


def test_status_counts_articles_events_and_the_median_delay(db_url):
    with open_store(db_url) as store:
        stored = article("Gunmen attacked a market in Maiduguri on Tuesday, killing four traders.")
        store.add_article(stored, [event("E1")])
        watch_two_sources(store, stored.id)
        broken, desk = state.source_status(store)
    assert (broken.name, broken.failures, broken.articles, broken.median_delay_s) == ("Broken feed", 1, 0, None)
    assert (desk.articles, desk.events, desk.not_english, desk.no_text, desk.updated) == (1, 1, 0, 0, 0)
    assert desk.median_delay_s == 600.0 and desk.last_success_at == PUBLISHED + 600
