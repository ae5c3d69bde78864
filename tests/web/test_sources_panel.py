"""The desk's panel of watched sources (`sitrep watch`), in headless Chromium against a real server."""

from __future__ import annotations

from typing import Any

from tests.web.test_e2e import Desk, _open, browser, desk, page  # noqa: F401 - fixtures

from monitor_state import watch_two_sources
from sitrep.store import SQLiteStore

pytestmark = __import__("tests.web.test_e2e", fromlist=["pytestmark"]).pytestmark


def test_e2e_sources_panel_is_hidden_when_nothing_is_watched(desk: Desk, page: Any) -> None:  # noqa: F811
    _open(page, desk.url)
    assert page.locator("#sources-box").is_hidden()
    assert page.errors == []


def test_e2e_sources_panel_shows_each_source(desk: Desk, page: Any) -> None:  # noqa: F811
    with SQLiteStore(desk.db) as store:
        watch_two_sources(store, next(iter(desk.loaded.articles.values())))
    _open(page, desk.url)
    assert page.locator("#sources-box").is_visible()
    rows = page.eval_on_selector_all(
        "#sources-table tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )
    assert [r[0] for r in rows] == ["Broken feed", "Example desk"]
    broken, ok = rows
    assert "HTTP 500" in broken[2] and "(1 in a row)" in broken[2] and broken[1] == "never"
    assert ok[1] == "2025-12-01 08:10 UTC" and ok[3] == "1" and ok[8] == "10 min"
    assert page.errors == []
