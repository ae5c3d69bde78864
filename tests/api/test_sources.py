"""/api/sources: the feed monitor's sources, as `sitrep sources` shows them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from monitor_state import PUBLISHED, watch_two_sources
from sample_desk import Loaded
from sitrep.store import open_store


def test_sources_is_empty_when_nothing_is_watched(client: TestClient) -> None:
    assert client.get("/api/sources").json() == []


def test_sources_lists_each_source_with_its_counts_errors_and_delay(
    client: TestClient, db_url: str, loaded: Loaded
) -> None:
    article_id = next(iter(loaded.articles.values()))
    with open_store(db_url) as store:
        watch_two_sources(store, article_id)
    body = client.get("/api/sources").json()
    assert [s["name"] for s in body] == ["Broken feed", "Example desk"]
    broken, desk = body
    assert broken["last_error"] == "http://broken.example/rss: HTTP 500" and broken["failures"] == 1
    assert broken["last_success_at"] is None and broken["articles"] == 0
    assert desk["last_success_at"] == PUBLISHED + 600 and desk["last_error"] is None
    assert desk["articles"] == 1 and desk["events"] >= 1
    assert desk["median_delay_s"] == 600.0
