"""End-to-end: the desk in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a
real server on localhost: load, filter by the timeline, open an event, correct it, see it persist; and a
hostile article that must render as text.

Set SITREP_SCREENSHOT=docs/screenshot.png to also refresh the README's screenshot.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sample_desk import Loaded, fill_store
from sitrep.api import Settings, create_app
from sitrep.store import SQLiteStore
from sitrep.store.tokens import create_token

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Desk:
    """A served desk: its URL, the samples' ids and an analyst's token."""

    def __init__(self, url: str, loaded: Loaded, token: str, db: Path) -> None:
        self.url = url
        self.loaded = loaded
        self.token = token
        self.db = db


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    import uvicorn

    db = tmp_path / "e2e.db"
    with SQLiteStore(db) as store:
        loaded = fill_store(store)
        token = create_token(store, "amina")
    port = _free_port()
    app = create_app(Settings(db=str(db)))
    if app.state.settings.vendor_dir is None:
        pytest.skip("node_modules is missing: run `make install` (npm ci)")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield Desk(f"http://127.0.0.1:{port}", loaded, token, db)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # bypass_csp: Playwright's waits evaluate strings, which the page's CSP forbids; it also means the XSS
    # test proves the escaping itself, not the CSP (which tests/api/test_web.py checks on its own).
    context = browser.new_context(viewport={"width": 1500, "height": 950}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors
    yield page
    context.close()


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("html[data-ready='1']", timeout=15_000)


def _rows(page: Any) -> list[str]:
    return page.eval_on_selector_all("#events-table tbody tr", "rows => rows.map(r => r.dataset.id)")


def test_e2e_page_renders_map_timeline_charts_and_table(desk: Desk, page: Any) -> None:
    _open(page, desk.url)
    assert len(_rows(page)) == 10
    assert page.locator("#timeline rect").count() >= 10
    assert page.locator("#chart-types rect").count() >= 5 and page.locator("#chart-admin1 polyline").count() >= 3
    assert page.locator(".leaflet-overlay-pane canvas, .leaflet-marker-icon").count() > 0
    assert "10 events" in page.locator("#summary").inner_text()
    assert page.locator("#status").inner_text() == ""
    assert page.errors == []


def test_e2e_timeline_brush_filters_map_and_table(desk: Desk, page: Any) -> None:
    _open(page, desk.url)
    box = page.locator("#timeline").bounding_box()
    # Drag over the first third of the timeline: May to September 2024.
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.2, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.33, y, steps=5)
    page.mouse.up()
    page.wait_for_function("document.querySelector('#brush-label').textContent.length > 0")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length < 10")
    since, until = page.locator("#brush-label").inner_text().split(" – ")
    dates = page.eval_on_selector_all("#events-table tbody tr td:first-child", "cells => cells.map(c => c.textContent)")
    assert dates and all(since <= d <= until for d in dates)
    assert since.startswith("2024-05") and until < "2024-11-01"
    shown = int(page.locator("#summary").inner_text().split()[0])
    assert shown == len(dates)  # the map shows the same events as the table
    assert "since=" + since in page.get_attribute("#export-csv", "href")
    page.click("#brush-clear")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 10")


def test_e2e_correct_fatalities_and_see_it_persist(desk: Desk, page: Any, tmp_path: Path) -> None:
    event_id = desk.loaded.events["lido_reuters"]
    _open(page, desk.url)
    page.fill("#token", desk.token)
    page.click("#token-form button")
    page.wait_for_function("document.querySelector('#whoami').textContent.includes('amina')")
    page.click(f"tr[data-id='{event_id}']")
    page.wait_for_selector("#panel .article-text")
    assert page.locator("#panel mark", has_text="At least 32 people were killed").count() == 1
    assert page.input_value("#f-fatalities") == "32"
    page.fill("#f-fatalities", "37")
    page.click("#p-save")
    page.wait_for_function("document.querySelector('#p-message').textContent.startsWith('Saved')")
    assert "corrected" in page.locator("label[for='f-fatalities']").inner_text()
    page.screenshot(path=str(tmp_path / "desk.png"))
    assert (tmp_path / "desk.png").stat().st_size > 10_000
    # A fresh page (no state kept in the browser but the token) shows the stored value and its history.
    page.goto(f"{desk.url}/#event={event_id}")
    page.wait_for_selector("html[data-ready='1']")
    page.wait_for_selector("#panel:not([hidden]) #f-fatalities")
    assert page.input_value("#f-fatalities") == "37"
    assert "edit by amina" in page.locator("#p-history").inner_text()
    assert "fatalities: 32 → 37" in page.locator("#p-history").inner_text()
    row = page.locator(f"tr[data-id='{event_id}'] td.num").inner_text()
    assert row == "37"
    with SQLiteStore(desk.db) as store:
        assert store.event(event_id).fatalities == 37
    assert page.errors == []
    target = os.environ.get("SITREP_SCREENSHOT")
    if target:  # the README's picture: map, timeline and the evidence of the corrected event
        page.evaluate("document.querySelector('#work').scrollTop = 0")
        page.evaluate("document.querySelector('#panel').scrollTop = document.querySelector('#p-save').offsetTop - 60")
        page.wait_for_timeout(300)
        page.screenshot(path=target)


def test_e2e_review_and_stale_edit(desk: Desk, page: Any) -> None:
    event_id = desk.loaded.events["goma"]
    _open(page, f"{desk.url}/#event={event_id}")
    page.fill("#token", desk.token)
    page.click("#token-form button")
    page.wait_for_function("document.querySelector('#whoami').textContent.includes('amina')")
    page.wait_for_selector("#panel:not([hidden])")
    page.click("#p-review button[data-state='confirmed']")
    page.wait_for_function("document.querySelector('#p-state').textContent === 'confirmed'")
    # Someone else edits the event meanwhile: this page's ETag is now stale.
    import httpx

    etag = httpx.get(f"{desk.url}/api/events/{event_id}").headers["etag"]
    httpx.patch(
        f"{desk.url}/api/events/{event_id}",
        json={"fatalities": 18},
        headers={"Authorization": f"Bearer {desk.token}", "If-Match": etag},
    ).raise_for_status()
    page.fill("#f-fatalities", "20")
    page.click("#p-save")
    page.wait_for_function("document.querySelector('#p-message').textContent.includes('Someone else changed')")
    assert page.input_value("#f-fatalities") == "18"  # reloaded, the other analyst's value is not lost


def test_e2e_filters_and_sorting(desk: Desk, page: Any) -> None:
    _open(page, desk.url)
    page.fill("#filter-form [name=country]", "Sudan")
    page.click("#filter-form button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 2")
    page.click("#events-table th[data-sort='fatalities']")
    page.wait_for_function(
        "document.querySelector('#events-table th[data-sort=fatalities]').getAttribute('aria-sort') === 'descending'"
    )
    assert page.locator("#events-table tbody tr td.num").all_inner_texts() == ["400", "14"]
    page.fill("#filter-form [name=since]", "2025-04-12")
    page.fill("#filter-form [name=until]", "2025-04-01")
    page.click("#filter-form button[type=submit]")
    page.wait_for_function("document.querySelector('#filter-error').textContent.includes('until')")
    assert page.get_attribute("#filter-form [name=until]", "aria-invalid") == "true"


def test_e2e_hostile_article_renders_as_text(desk: Desk, page: Any) -> None:
    event_id = desk.loaded.events["hostile"]
    _open(page, desk.url)
    row = page.locator(f"tr[data-id='{event_id}']")
    assert "<script>window.__xss = 6</script>Al Shabaab" in row.inner_text()
    row.click()
    page.wait_for_selector("#panel .article-text")
    text = page.locator("#panel .article-text").inner_text()
    assert "<script>window.__xss = 1;</script>" in text and '<a href="javascript:window.__xss = 2">' in text
    assert page.locator("#panel mark", has_text="<script>").count() == 1
    for selector in (
        "#panel script",
        "#panel img",
        "#panel a[href^='javascript']",
        "#events-table img",
        "a[href^='javascript']",
    ):
        assert page.locator(selector).count() == 0, selector
    assert page.locator("#panel .unsafe-url").inner_text() == "javascript:window.__xss = 5"
    assert '<img src=x onerror="window.__xss = 4">' in page.locator("#panel .source-head").inner_text()
    page.locator("#panel mark", has_text="Click for the video").click()
    page.locator("#f-location").hover()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.errors == []


def _use_token(page: Any, token: str) -> None:
    page.fill("#token", token)
    page.click("#token-form button")
    page.wait_for_function("document.querySelector('#whoami').textContent.includes('amina')")


def _open_event(page: Any, event_id: str) -> None:
    page.click(f"tr[data-id='{event_id}']")
    page.wait_for_function(f"document.querySelector('#p-sub').textContent.endsWith({event_id!r})")


def _merge_list(page: Any) -> list[str]:
    return page.eval_on_selector_all("#merge-items li", "items => items.map(i => i.dataset.id)")


def test_e2e_merge_two_reports_of_one_bombing(desk: Desk, page: Any) -> None:
    keep, other = desk.loaded.events["lido_reuters"], desk.loaded.events["lido_local"]
    _open(page, desk.url)
    _use_token(page, desk.token)
    assert page.locator("#merge-bar").is_hidden()
    _open_event(page, keep)
    page.click("#p-merge-add")
    assert _merge_list(page) == [keep] and page.is_disabled("#merge-go")
    assert page.locator("#p-merge-add").inner_text() == "Remove from merge list"
    _open_event(page, other)
    page.click("#p-merge-add")
    assert _merge_list(page) == [keep, other]
    bar = page.locator("#merge-bar").inner_text()
    assert "first listed event is kept" in bar and "2024-08-02 · Mogadishu, Somalia" in bar
    assert page.locator("#merge-items li").first.locator(".kept").count() == 1
    page.click("#merge-go")
    page.wait_for_function("document.querySelector('#p-message').textContent.startsWith('Merged')")
    assert page.locator("#p-message").inner_text() == f"Merged {other} into this event."
    assert page.locator("#p-sub").inner_text().endswith(keep)  # the survivor is open
    page.wait_for_function(f"!document.querySelector(\"tr[data-id='{other}']\")")
    rows = _rows(page)
    assert keep in rows and other not in rows and len(rows) == 9
    assert page.locator("#merge-bar").is_hidden() and page.evaluate("sessionStorage.getItem('sitrep.merge')") == "[]"
    history = page.locator("#p-history").inner_text()
    assert "merge by amina" in history and f"absorbed {other}" in history
    assert page.locator("#p-sources .source").count() == 2  # both articles now back the one event
    assert "9 events" in page.locator("#summary").inner_text()
    with SQLiteStore(desk.db) as store:
        gone = store.event(other)
        assert gone is not None and gone.deleted and gone.merged_into == keep
        both = {desk.loaded.articles["lido_reuters"], desk.loaded.articles["lido_local"]}
        assert {a.id for a in store.event(keep).articles} == both
    assert page.errors == []


def test_e2e_merge_without_a_token_shows_the_token_error(desk: Desk, page: Any) -> None:
    keep, other = desk.loaded.events["lido_reuters"], desk.loaded.events["lido_local"]
    _open(page, desk.url)
    # By keyboard: Enter opens a row, the panel's and the bar's controls are buttons.
    for event_id in (keep, other):
        page.focus(f"tr[data-id='{event_id}']")
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelector('#p-sub').textContent.endsWith({event_id!r})")
        page.focus("#p-merge-add")
        page.keyboard.press("Enter")
    assert _merge_list(page) == [keep, other]
    page.focus("#merge-go")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#merge-message').textContent.length > 0")
    assert page.locator("#merge-message").inner_text() == "Enter your API token (top right) to make changes."
    assert page.get_attribute("#merge-message", "class") == "error"
    assert _merge_list(page) == [keep, other]  # kept for a retry with a token
    with SQLiteStore(desk.db) as store:
        assert not store.event(other).deleted
    # The remove control takes an event off the list, and the focus stays in the bar.
    page.focus(f"#merge-items li[data-id='{other}'] .remove")
    page.keyboard.press("Enter")
    assert _merge_list(page) == [keep]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Remove {keep} from the merge list"
    page.click("#merge-clear")
    assert page.locator("#merge-bar").is_hidden()
    assert page.errors == []


def test_e2e_merge_after_a_concurrent_edit_asks_to_check_then_merges(desk: Desk, page: Any) -> None:
    import httpx

    keep, other = desk.loaded.events["lido_reuters"], desk.loaded.events["lido_local"]
    _open(page, desk.url)
    _use_token(page, desk.token)
    for event_id in (keep, other):
        _open_event(page, event_id)
        page.click("#p-merge-add")
    etag = httpx.get(f"{desk.url}/api/events/{other}").headers["etag"]
    httpx.patch(
        f"{desk.url}/api/events/{other}",
        json={"location": "Mogadishu - Lido Beach"},
        headers={"Authorization": f"Bearer {desk.token}", "If-Match": etag},
    ).raise_for_status()
    page.click("#merge-go")
    page.wait_for_function("document.querySelector('#merge-message').textContent.includes('Someone else changed')")
    assert "Mogadishu - Lido Beach, Somalia" in page.locator(f"#merge-items li[data-id='{other}']").inner_text()
    with SQLiteStore(desk.db) as store:
        assert not store.event(other).deleted
    page.click("#merge-go")  # the list now holds the versions the analyst can see
    page.wait_for_function("document.querySelector('#p-message').textContent.startsWith('Merged')")
    with SQLiteStore(desk.db) as store:
        assert store.event(other).merged_into == keep


def test_e2e_merge_list_flags_an_event_merged_away_elsewhere(desk: Desk, page: Any) -> None:
    import httpx

    keep, other, goma = (desk.loaded.events[k] for k in ("lido_reuters", "lido_local", "goma"))
    _open(page, desk.url)
    _use_token(page, desk.token)
    for event_id in (goma, other):
        _open_event(page, event_id)
        page.click("#p-merge-add")
    # Another analyst merges the Lido reports meanwhile: `other` is gone.
    httpx.post(
        f"{desk.url}/api/events/merge",
        json={"event_ids": [keep, other]},
        headers={"Authorization": f"Bearer {desk.token}"},
    ).raise_for_status()
    page.click("#merge-go")
    page.wait_for_function("document.querySelector('#merge-message').textContent.length > 0")
    message = page.locator("#merge-message").inner_text()
    assert message.startswith(f"An event on the list no longer exists (no event {other!r}") and "remove it" in message
    assert "no longer exists" in page.locator(f"#merge-items li[data-id='{other}']").inner_text()
    # The list is kept in the tab across a reload, and checked again then.
    page.reload()
    page.wait_for_selector("html[data-ready='1']")
    assert _merge_list(page) == [goma, other]
    assert page.get_attribute(f"#merge-items li[data-id='{other}']", "class") == "error"
    with SQLiteStore(desk.db) as store:
        assert not store.event(goma).deleted


def test_e2e_split_an_event_by_source(desk: Desk, page: Any) -> None:
    import httpx

    keep, other = desk.loaded.events["lido_reuters"], desk.loaded.events["lido_local"]
    reuters, local = desk.loaded.articles["lido_reuters"], desk.loaded.articles["lido_local"]
    httpx.post(
        f"{desk.url}/api/events/merge",
        json={"event_ids": [keep, other]},
        headers={"Authorization": f"Bearer {desk.token}"},
    ).raise_for_status()
    _open(page, f"{desk.url}/#event={keep}")
    _use_token(page, desk.token)
    page.wait_for_selector("#p-split[open] input[data-article]")
    assert page.locator("#p-split-title").text_content() == "Split by source"
    assert page.locator("#p-split-list .split-source").count() == 2
    page.check(f"#p-split-list input[data-article='{local}']")
    # Checking the source checks each of its evidence items.
    items = f"#p-split-list ul[data-article='{local}'] input"
    assert page.eval_on_selector_all(items, "xs => xs.length === 3 && xs.every(x => x.checked)")
    page.click("text=Move checked sources to a new event")
    page.wait_for_function("document.querySelector('#p-message').textContent.startsWith('Split')")
    created = f"{keep}-s1"
    assert f"now event {created}" in page.locator("#p-message").inner_text()
    assert page.locator("#p-sub").inner_text().endswith(keep)  # the original stays open
    assert "split off " + created in page.locator("#p-history").inner_text()
    page.wait_for_selector(f"tr[data-id='{created}']")
    assert keep in _rows(page) and len(_rows(page)) == 10
    with SQLiteStore(desk.db) as store:
        first, second = store.event(keep), store.event(created)
        assert first is not None and second is not None and not first.deleted and not second.deleted
        assert {a.id for a in first.articles} == {reuters} and {e.article_id for e in first.evidence} == {reuters}
        assert {a.id for a in second.articles} == {local} and {e.article_id for e in second.evidence} == {local}
    page.click("#p-open-new")  # the message's button opens the new event
    page.wait_for_function(f"document.querySelector('#p-sub').textContent.endsWith({created!r})")
    assert page.locator("#p-sources .source").count() == 1
    assert "Hiiraan Online" in page.locator("#p-sources .source-head").inner_text()
    assert "split from " + keep in page.locator("#p-history").inner_text()
    assert page.errors == []


def test_e2e_split_one_article_telling_two_strikes_by_evidence(desk: Desk, page: Any) -> None:
    event_id = desk.loaded.events["kharkiv"]
    _open(page, f"{desk.url}/#event={event_id}")
    _use_token(page, desk.token)
    page.wait_for_selector("#p-split:not([hidden]) summary")
    assert page.locator("#p-split-title").text_content() == "Split by evidence"
    assert not page.is_visible("#p-split-go")  # folded away on one-source events
    page.click("#p-split summary")
    page.click("#p-split-go")  # nothing checked: nothing to move
    assert "but not all of them" in page.locator("#p-message").inner_text()
    # Evidence: 0 hypermarket, 1 "killing 19", 2 Zolochiv village, 3 "killing two", 4 guided bombs.
    page.check("#p-split-list input[data-index='2']")
    page.check("#p-split-list input[data-index='3']")
    page.click("text=Move checked evidence to a new event")
    page.wait_for_function("document.querySelector('#p-message').textContent.startsWith('Split')")
    with SQLiteStore(desk.db) as store:
        first, second = store.event(event_id), store.event(f"{event_id}-s1")
        assert [e.text for e in first.evidence] == ["hypermarket in Kharkiv", "killing 19 people", "guided bombs"]
        assert [e.text for e in second.evidence] == ["a village near Zolochiv", "killing two residents"]
    assert page.errors == []


# Reads a PNG (base64) in a blank page and returns, for each pixel row of the box (x, y, width, height), the
# longest run of pixels that are neither the map's sea (#cfe0ea) nor its land (#f1eee6): outlines, markers,
# anything drawn. Chromium decodes the PNG, so the test needs no image library.
_LONGEST_DRAWN_RUNS = """async ([png, box]) => {
  const bitmap = await createImageBitmap(await (await fetch('data:image/png;base64,' + png)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(box.x, box.y, box.width, box.height);
  const runs = [];
  for (let y = 0; y < box.height; y++) {
    let run = 0, longest = 0;
    for (let x = 0; x < box.width; x++) {
      const i = 4 * (y * box.width + x);
      const off = (r, g, b) =>
        Math.max(Math.abs(data[i] - r), Math.abs(data[i + 1] - g), Math.abs(data[i + 2] - b)) > 8;
      run = off(0xcf, 0xe0, 0xea) && off(0xf1, 0xee, 0xe6) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    runs.push(longest);
  }
  return runs;
}"""


def _drawn_runs(browser: Any, png: bytes, box: dict[str, float]) -> list[int]:
    import base64

    # The box without its border.
    inner = {k: int(box[k]) + (2 if k in ("x", "y") else -4) for k in ("x", "y", "width", "height")}
    context = browser.new_context()
    try:
        blank = context.new_page()
        return list(blank.evaluate(_LONGEST_DRAWN_RUNS, [base64.b64encode(png).decode(), inner]))
    finally:
        context.close()


def _longest_line(browser: Any, page: Any, shot: Path) -> tuple[int, int, float]:
    """(longest run of drawn pixels in one row of the map, its row, the map's width) in a screenshot of the desk."""
    png = page.screenshot(path=str(shot))
    box = page.locator("#map").bounding_box()
    runs = _drawn_runs(browser, png, box)
    return max(runs), runs.index(max(runs)), box["width"]


def test_e2e_offline_basemap_draws_no_line_across_the_world(
    desk: Desk, page: Any, browser: Any, tmp_path: Path
) -> None:
    # Russia, Fiji and Antarctica cross the antimeridian: drawn the long way round, each of their edges that
    # steps from 180E to 180W is a straight line across the whole world (at about 65-71N, 16S and 85S).
    _open(page, desk.url)
    while "leaflet-disabled" not in (page.get_attribute(".leaflet-control-zoom-out", "class") or ""):
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(300)
    page.wait_for_function("performance.getEntriesByName('sitrep:basemap').length > 0")
    page.wait_for_timeout(400)
    longest, row, width = _longest_line(browser, page, tmp_path / "desk-world.png")
    # A row crosses coasts, borders and markers, never a third of the world in one stroke.
    assert longest < width / 4, f"a straight line across the map at its pixel row {row} ({longest} px long)"
    # The south, with Antarctica: drag the map up.
    box = page.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - box["height"] * 0.6, steps=8)
    page.mouse.up()
    page.wait_for_timeout(400)
    longest, row, width = _longest_line(browser, page, tmp_path / "desk-south.png")
    assert longest < width / 4, f"a straight line across the map at its pixel row {row} ({longest} px long)"
    assert page.errors == []


def test_e2e_event_of_unknown_day_is_shown(desk: Desk, page: Any) -> None:
    from sitrep.model import UNKNOWN_TIME_PRECISION, Article, ArticleRef, EventRecord

    text = "Gunmen killed four guards at a police post in Garowe on Monday, residents said."
    article = Article.from_text(text, title="Garowe post attacked")
    record = EventRecord(
        event_id="SOM-undated-1", event_date="", time_precision=UNKNOWN_TIME_PRECISION, event_type="Battles",
        sub_event_type="Armed clash", actor1="Unidentified Armed Group (Somalia)", inter1=3, country="Somalia",
        admin1="Nugaal", location="Garowe", latitude=8.4054, longitude=48.4845, geo_precision=1, fatalities=4,
        articles=[ArticleRef(article.id, None, None, article.title, None, None)],
    )  # fmt: skip
    with SQLiteStore(desk.db) as store:
        store.add_article(article, [record])
    _open(page, desk.url)
    assert len(_rows(page)) == 11
    assert "11 events" in page.locator("#summary").inner_text()
    assert page.locator("#timeline text.undated").text_content() == "1 of unknown date, not on the timeline"
    page.click("#events-table th[data-sort='event_date']")  # oldest first: the unknown day leads
    page.wait_for_function("document.querySelector('#events-table tbody tr').dataset.id === 'SOM-undated-1'")
    assert page.locator("#events-table tbody tr td").first.inner_text() == "unknown"
    page.click("tr[data-id='SOM-undated-1']")
    page.wait_for_function("document.querySelector('#p-sub').textContent.startsWith('date unknown · Garowe')")
    assert page.input_value("#f-event_date") == "" and page.input_value("#f-time_precision") == "4"
    assert page.errors == []
