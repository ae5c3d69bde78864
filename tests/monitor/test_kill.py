"""A watcher killed with SIGKILL mid-round, then started again: every article once, nothing lost or doubled; and
Ctrl-C (SIGINT), which stops after the current article(s): the pages fetched so far are stored, no more fetched."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from tests.monitor.pages import BRIDGE_CLASH, CLINIC_SHELLING, FRENCH, MARKET_ATTACK, PROTEST, article_html, rss
from tests.monitor.server import LocalSite

from sitrep.store import SQLiteStore
from sitrep.store import monitor as state

ARTICLES = {
    "/p1.html": ("Market attacked", MARKET_ATTACK),
    "/p2.html": ("Students protest", PROTEST),
    "/p3.html": ("Clinic shelled", CLINIC_SHELLING),
    "/p4.html": ("Clash near Gao", BRIDGE_CLASH),
    "/p5.html": ("Attaque d'un marché", FRENCH),
}


@pytest.fixture
def site():
    s = LocalSite()
    yield s
    s.close()


def _serve(site: LocalSite, tmp_path):
    """Serve the five articles and their feed; the sources file naming it, and a database path."""
    for path, (title, paragraphs) in ARTICLES.items():
        site.page(path, article_html(title, paragraphs, lang="fr" if paragraphs is FRENCH else "en"))
    feed = rss([(t, site.url(p)) for p, (t, _) in ARTICLES.items()])
    site.page("/feed.xml", feed, content_type="application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Example desk"\nurl = "{site.url("/feed.xml")}"\ninterval = "0s"\n')
    return sources, tmp_path / "watch.db"


def _watch(sources_file, db, *options: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "sitrep.cli",
        "watch",
        str(sources_file),
        "--db",
        str(db),
        "--once",
        "--host-delay",
        "0s",
        "--timeout",
        "60s",
        *options,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, what: str, process: subprocess.Popen, limit: float = 300) -> None:
    """Wait until `condition()` (a safety limit, not a timing check: the test asserts nothing about time)."""
    end = time.monotonic() + limit
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the watcher exited ({process.returncode}) before {what}: {process.stderr.read()}")
        if time.monotonic() > end:
            process.kill()
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


@pytest.mark.parametrize("batch", [1, 16])
def test_a_watcher_killed_mid_round_and_restarted_leaves_every_article_once(site, tmp_path, batch):
    sources, db = _serve(site, tmp_path)
    site.hang("/p3.html")  # the first run is killed while it waits for this page

    first = _watch(sources, db, "--batch", str(batch))
    _wait_for(lambda: "/p3.html" in site.paths(), "the request for /p3.html", first)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    first.stdout.close()
    first.stderr.close()
    assert first.returncode == -signal.SIGKILL
    with SQLiteStore(db) as store:
        # One at a time, p1 and p2 were stored before the kill; in a batch they were fetched and waited for p3,
        # and the kill lost them with no trace in the store (no page row either): the restart fetches them again.
        assert store.counts()["articles"] == (2 if batch == 1 else 0)
        assert (state.page_state(store, site.url("/p1.html")) is None) == (batch > 1)

    title, paragraphs = ARTICLES["/p3.html"]
    site.page("/p3.html", article_html(title, paragraphs))
    second = _watch(sources, db, "--batch", str(batch))
    _, err = second.communicate(timeout=600)
    assert second.returncode == 0, err

    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    doubled = connection.execute(
        "SELECT article_id, event_id, COUNT(*) FROM event_reports GROUP BY article_id, event_id HAVING COUNT(*) > 1"
    ).fetchall()
    connection.close()
    assert doubled == []
    with SQLiteStore(db) as store:
        assert store.counts()["articles"] == 5
        pages = [state.page_state(store, site.url(p)) for p in ARTICLES]
        assert all(p is not None and p.article_id and store.has_article(p.article_id) for p in pages)
        assert len({p.article_id for p in pages}) == 5
        assert [p.status for p in pages].count("not_english") == 1
        # The restart stored what the kill left unstored, and (one at a time) re-read p1 and p2 without storing
        # them again.
        assert state.source_status(store)[0].articles == 5
    assert ("/p1.html: new" in err) == (batch > 1) and "/p3.html: new" in err


def test_ctrl_c_stops_after_the_current_article(site, tmp_path):
    sources, db = _serve(site, tmp_path)
    title, paragraphs = ARTICLES["/p3.html"]
    opened = site.gate("/p3.html", article_html(title, paragraphs))

    watcher = _watch(sources, db)
    _wait_for(lambda: "/p3.html" in site.paths(), "the request for /p3.html", watcher)
    watcher.send_signal(signal.SIGINT)  # while p3 is being fetched
    opened.set()
    _, err = watcher.communicate(timeout=600)
    assert watcher.returncode == 0, err
    assert "stopping after the current article" in err
    assert "/p3.html: new" in err  # the current article was finished and stored
    assert "/p4.html" not in site.paths() and "/p5.html" not in site.paths()
    with SQLiteStore(db) as store:
        assert store.counts()["articles"] == 3
        # The round did not finish: the listing is read again (not skipped as done) at the next start.
        assert state.source_state(store, "Example desk").last_success_at is None
