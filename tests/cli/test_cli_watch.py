"""`sitrep watch`, `sitrep fetch` and `sitrep sources` against a real local server, into either backend."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tests.monitor.pages import MARKET_ATTACK, PROTEST, article_html, rss
from tests.monitor.server import LocalSite, Route

from sitrep.cli import main


@pytest.fixture
def site():
    s = LocalSite()
    s.page("/news/market.html", article_html("Market attacked", MARKET_ATTACK))
    s.page("/news/protest.html", article_html("Students protest", PROTEST))
    s.page("/feed.xml", rss([("m", s.url("/news/market.html"))]), content_type="application/rss+xml")
    s.route("/down.xml", Route(500))
    yield s
    s.close()


def _sources(tmp_path, site):
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nname = "Example desk"\nurl = "{site.url("/feed.xml")}"\ninterval = "0s"\n'
        f'[[source]]\nname = "Down"\nurl = "{site.url("/down.xml")}"\n'
    )
    return path


def test_watch_once_prints_new_events_and_sources_shows_them(tmp_path, site, db_url):
    db = db_url
    runner = CliRunner()
    result = runner.invoke(main, ["watch", str(_sources(tmp_path, site)), "--db", db, "--once", "--host-delay", "0s"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("new ") and site.url("/news/market.html") in result.stdout
    assert "Down: failed, retry in" in result.stderr and "HTTP 500" in result.stderr
    listed = runner.invoke(main, ["sources", "--db", db, "--format", "json"])
    rows = {r["name"]: r for r in json.loads(listed.stdout)}
    assert rows["Example desk"]["articles"] == 1 and rows["Example desk"]["events"] >= 1
    assert rows["Down"]["failures"] == 1 and rows["Example desk"]["last_error"] is None
    table = runner.invoke(main, ["sources", "--db", db])
    assert table.exit_code == 0 and "Example desk" in table.stdout and "HTTP 500" in table.stdout


def test_fetch_stores_pages_once_and_fails_on_a_bad_one(site, db_url):
    db = db_url
    runner = CliRunner()
    first = runner.invoke(main, ["fetch", site.url("/news/protest.html"), "--db", db])
    assert first.exit_code == 0, first.output
    assert "/news/protest.html: new: stored" in first.stderr
    again = runner.invoke(main, ["fetch", site.url("/news/protest.html"), site.url("/missing.html"), "--db", db])
    assert again.exit_code == 1
    assert "/news/protest.html: not_modified" in again.stderr and "/missing.html: error: " in again.stderr
    assert "HTTP 404" in again.stderr and "Traceback" not in again.output


def test_a_bad_sources_file_is_one_line_without_a_traceback(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nname = "A"\nurl = "file:///etc/passwd"\n')
    result = CliRunner().invoke(main, ["watch", str(path), "--db", str(tmp_path / "x.db"), "--once"])
    assert result.exit_code == 1
    assert "source 1: url must be an http(s) address" in result.stderr and "Traceback" not in result.output


def test_sources_on_a_missing_database_says_how_to_start(tmp_path):
    result = CliRunner().invoke(main, ["sources", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "sitrep watch SOURCES.toml" in result.stderr
