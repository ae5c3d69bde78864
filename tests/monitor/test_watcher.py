"""The watcher against a real HTTP server on 127.0.0.1: every case of issue 18, each with its log line.

The English pipeline is the real one; the store is a real SQLite file. Nothing here reaches the network.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from click.testing import CliRunner
from tests.monitor.pages import (
    BRIDGE_CLASH,
    CLINIC_SHELLING,
    FRENCH,
    HYDERABAD_PROTEST,
    HYDERABAD_RAID,
    MARKET_ATTACK,
    MARKET_ATTACK_OTHER_OUTLET,
    MARKET_ATTACK_UPDATED,
    PROTEST,
    article_html,
    rss,
    sitemap,
)
from tests.monitor.server import LocalSite, Route

from sitrep.cli import main
from sitrep.monitor import SourceConfig, Watcher, WatchSettings
from sitrep.pipeline import Extraction
from sitrep.store import SQLiteStore, open_store
from sitrep.store import monitor as state
from sitrep.store.desk import Desk

# No waiting between requests, a fetch of every source at every round, and short limits for the bad cases.
FAST = WatchSettings(interval=0, host_delay=0, timeout=2, deadline=10, max_bytes=1_000_000, recheck=3600)


@pytest.fixture
def site():
    s = LocalSite()
    yield s
    s.close()


@pytest.fixture
def store(db_url):
    with open_store(db_url) as s:
        yield s


@pytest.fixture
def watcher(store):
    w = Watcher(store, FAST)
    yield w
    w.fetcher.close()


def _source(site: LocalSite, path: str, name: str = "Example desk") -> SourceConfig:
    return SourceConfig(name=name, url=site.url(path), interval=0)


def _lines(caplog: pytest.LogCaptureFixture, needle: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "sitrep.monitor" and needle in r.getMessage()]


def _two_article_feed(site: LocalSite) -> None:
    site.page("/news/market.html", article_html("Market attacked", MARKET_ATTACK))
    site.page("/news/protest.html", article_html("Students protest", PROTEST))
    site.page(
        "/feed.xml",
        rss([("Market attacked", site.url("/news/market.html")), ("Students protest", site.url("/news/protest.html"))]),
        content_type="application/rss+xml",
    )


def test_a_normal_feed_stores_each_article_once_and_its_events(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    _two_article_feed(site)
    source = _source(site, "/feed.xml")
    first = watcher.run([source], once=True)
    assert first.pages["new"] == 2
    assert first.events_created >= 2
    assert len(_lines(caplog, "feed with 2 item(s)")) == 1
    assert len(_lines(caplog, "/news/market.html: new: stored")) == 1
    counts = store.counts()
    second = watcher.run([source], once=True)  # the feed answers 304; the pages are not due again
    assert second.pages["new"] == 0 and second.events_created == 0
    assert store.counts() == counts
    assert counts["articles"] == 2
    status = state.source_status(store)[0]
    assert (status.articles, status.events, status.not_english) == (2, first.events_created, 0)
    assert status.last_success_at is not None and status.last_error is None
    assert status.median_delay_s is not None and status.median_delay_s > 0
    # The articles carry the source's name and the page's canonical URL, and sitrep names itself.
    market = state.page_state(store, site.url("/news/market.html"))
    stored = store.article(market.article_id)
    assert stored.source == "Example desk" and stored.url == site.url("/news/market.html")
    assert all(h["User-Agent"].startswith("sitrep/") for _, _, h in site.requests)


def test_a_feed_answering_304_is_not_read_again(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    _two_article_feed(site)
    source = _source(site, "/feed.xml")
    watcher.run([source], once=True)
    watcher.run([source], once=True)
    feed_requests = [h for _, p, h in site.requests if p == "/feed.xml"]
    assert "If-None-Match" not in feed_requests[0] and feed_requests[1]["If-None-Match"]
    assert len(_lines(caplog, "Example desk: not modified (304)")) == 1
    assert site.paths().count("/news/market.html") == 1


def test_a_feed_with_relative_links_resolves_them_against_the_feed(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page("/world/clash.html", article_html("Clash near Gao", BRIDGE_CLASH))
    site.page("/world/feed.xml", rss([("Clash near Gao", "clash.html")]), content_type="application/rss+xml")
    report = watcher.run([_source(site, "/world/feed.xml")], once=True)
    assert report.pages["new"] == 1
    assert len(_lines(caplog, f"{site.url('/world/clash.html')}: new")) == 1


def test_a_malformed_feed_fails_its_source_with_backoff_and_not_the_others(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page(
        "/broken.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Half',
        content_type="application/rss+xml",
    )
    _two_article_feed(site)
    report = watcher.run([_source(site, "/broken.xml", "Broken"), _source(site, "/feed.xml")], once=True)
    assert report.sources_failed == 1 and report.pages["new"] == 2
    (line,) = _lines(caplog, "Broken: failed, retry in")
    assert "not a readable RSS/Atom feed" in line
    broken = state.source_state(store, "Broken")
    assert broken.failures == 1 and broken.last_error and broken.next_fetch_at > broken.last_fetch_at
    again = watcher.run([_source(site, "/broken.xml", "Broken")], once=True)  # backing off: not fetched
    assert again.sources_fetched == again.sources_failed == 0
    assert site.paths().count("/broken.xml") == 1


def test_a_sitemap_lists_the_pages_to_fetch(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page("/a.html", article_html("Market attacked", MARKET_ATTACK))
    site.page("/b.html", article_html("Clash near Gao", BRIDGE_CLASH))
    site.page("/sitemap.xml", sitemap([site.url("/a.html"), site.url("/b.html")]), content_type="application/xml")
    report = watcher.run([_source(site, "/sitemap.xml")], once=True)
    assert report.pages["new"] == 2
    assert len(_lines(caplog, "Example desk: urlset with 2 item(s)")) == 1


def test_a_page_without_article_text_is_logged_and_nothing_is_stored(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page(
        "/empty.html", "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    report = watcher.run([_source(site, "/empty.html")], once=True)
    assert report.pages["no_text"] == 1
    assert len(_lines(caplog, "/empty.html: no_text: no article text on the page")) == 1
    assert store.counts()["articles"] == 0
    assert state.source_status(store)[0].no_text == 1


def test_a_50_mb_page_is_read_only_up_to_the_size_limit(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    html = article_html("Clash near Gao", BRIDGE_CLASH).replace("</body></html>", "")
    site.endless("/huge.html", html)
    outcome = watcher.fetch_page(site.url("/huge.html"), source="Example desk")
    assert outcome.status == "new"
    assert len(_lines(caplog, f"(cut at {FAST.max_bytes} bytes)")) == 1
    # The client hung up at the limit: the server wrote a small part of the 50 MB.
    assert site.sent["/huge.html"] < 10 * 1024 * 1024
    assert "Gao" in store.article(outcome.article_id).text


def test_a_page_in_a_legacy_charset_is_decoded_by_its_header(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    paragraphs = (
        BRIDGE_CLASH[0].replace("Gao, Mali", "Ménaka, Mali"),
        *BRIDGE_CLASH[1:],
    )
    # The header declares latin-1 and the page's own <meta> says nothing of it.
    html = article_html("Clash near Ménaka", paragraphs).replace('<meta charset="utf-8">', "")
    site.page("/latin1.html", html, charset="iso-8859-1")
    outcome = watcher.fetch_page(site.url("/latin1.html"), source="Example desk")
    assert outcome.status == "new"
    assert "Ménaka" in store.article(outcome.article_id).text
    assert len(_lines(caplog, "/latin1.html: new")) == 1


def test_a_redirect_loop_is_named_and_nothing_is_stored(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.route("/loop-a", Route(302, headers={"Location": "/loop-b"}))
    site.route("/loop-b", Route(302, headers={"Location": "/loop-a"}))
    outcome = watcher.fetch_page(site.url("/loop-a"), source="Example desk")
    assert outcome.status == "error"
    assert len(_lines(caplog, "/loop-a: error: ")) == 1
    assert "redirect loop" in outcome.message
    assert store.counts()["articles"] == 0


def test_a_hanging_server_times_out(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.hang("/slow.html")
    outcome = watcher.fetch_page(site.url("/slow.html"), source="Example desk")
    assert outcome.status == "error" and "timed out" in outcome.message
    assert len(_lines(caplog, "/slow.html: error: ")) == 1
    assert state.page_state(store, site.url("/slow.html")).last_error == outcome.message


def test_a_server_error_fails_the_source_and_is_kept_for_status(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.route("/feed.xml", Route(500, b"oops", {"Content-Type": "text/plain"}))
    report = watcher.run([_source(site, "/feed.xml")], once=True)
    assert report.sources_failed == 1
    (line,) = _lines(caplog, "Example desk: failed, retry in")
    assert "HTTP 500" in line
    status = state.source_status(store)[0]
    assert "HTTP 500" in status.last_error and status.failures == 1 and status.last_success_at is None


def test_robots_txt_forbidding_a_path_is_honoured(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page("/robots.txt", "User-agent: sitrep\nDisallow: /private/\n", content_type="text/plain")
    site.page("/private/secret.html", article_html("Market attacked", MARKET_ATTACK))
    site.page("/open.html", article_html("Students protest", PROTEST))
    site.page(
        "/feed.xml",
        rss([("a", site.url("/private/secret.html")), ("b", site.url("/open.html"))]),
        content_type="application/rss+xml",
    )
    report = watcher.run([_source(site, "/feed.xml")], once=True)
    assert report.pages["new"] == 1 and report.pages["error"] == 1
    assert "/private/secret.html" not in site.paths()
    assert len(_lines(caplog, "robots.txt forbids fetching it")) == 1
    assert site.paths().count("/robots.txt") == 1  # asked once per host


def test_an_article_updated_in_place_updates_its_event_and_keeps_the_old_evidence(site, store, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page("/news/market.html", article_html("Market attacked", MARKET_ATTACK))
    site.page(
        "/feed.xml", rss([("Market attacked", site.url("/news/market.html"))]), content_type="application/rss+xml"
    )
    source = _source(site, "/feed.xml")
    recheck_now = WatchSettings(interval=0, host_delay=0, timeout=2, recheck=0)
    with Watcher(store, recheck_now) as watcher:
        first = watcher.run([source], once=True)
        assert first.pages["new"] == 1
        (event_id,) = [e.event_id for e in store.events()]
        old_article = state.page_state(store, site.url("/news/market.html")).article_id
        # An analyst corrects the event's notes before the page changes.
        desk = Desk(store)
        desk.edit(
            event_id, {"notes": "Checked with the local police."}, who="amina", version=desk.get(event_id).version
        )
        unchanged = watcher.run([source], once=True)  # same text: nothing stored
        assert unchanged.pages["unchanged"] + unchanged.pages["not_modified"] == 1
        site.page("/news/market.html", article_html("Market attacked", MARKET_ATTACK_UPDATED))
        second = watcher.run([source], once=True)
    assert second.pages["updated"] == 1
    assert second.events_updated == 1 and second.events_created == 0
    assert len(_lines(caplog, "/news/market.html: updated: text changed: stored as version 2")) == 1
    page = state.page_state(store, site.url("/news/market.html"))
    assert page.versions == 2 and page.article_id != old_article
    event = store.event(event_id)
    assert {e.article_id for e in event.evidence} == {old_article, page.article_id}  # old evidence kept
    # Both versions' tolls are kept as the event's reports; the event's figure follows the reconciliation rule.
    tolls = {(r.article_id, r.value) for r in event.fatality_reports}
    assert {(old_article, 4), (page.article_id, 7)} <= tolls
    assert event.notes == "Checked with the local police."  # the analyst's correction stands
    actions = [(h.action, h.article_id) for h in store.history(event_id) if h.actor == "sitrep"]
    assert actions[0] == ("create", old_article) and actions[-1] == ("update", page.article_id)
    assert store.counts()["articles"] == 2
    assert state.source_status(store)[0].updated == 1


def test_a_non_english_article_is_stored_and_counted_not_coded(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page("/fr/marche.html", article_html("Attaque d'un marché", FRENCH, lang="fr"))
    site.page("/fr/feed.xml", rss([("Attaque", site.url("/fr/marche.html"))]), content_type="application/rss+xml")
    report = watcher.run([_source(site, "/fr/feed.xml")], once=True)
    assert report.pages["not_english"] == 1 and report.events_created == 0
    assert len(_lines(caplog, "stored, not coded: language 'fr'")) == 1
    page = state.page_state(store, site.url("/fr/marche.html"))
    assert page.language == "fr" and store.has_article(page.article_id)
    assert state.source_status(store)[0].not_english == 1


def test_the_same_text_under_another_link_is_not_stored_twice(site, store, watcher, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    html = article_html("Market attacked", MARKET_ATTACK, canonical="/news/market.html")
    site.page("/news/market.html", html)
    site.page("/amp/market.html", html)
    site.page(
        "/feed.xml",
        rss([("a", site.url("/news/market.html")), ("b", site.url("/amp/market.html?utm=feed"))]),
        content_type="application/rss+xml",
    )
    report = watcher.run([_source(site, "/feed.xml")], once=True)
    assert report.pages["new"] == 1 and report.pages["unchanged"] + report.pages["duplicate"] == 1
    assert store.counts()["articles"] == 1
    assert len(_lines(caplog, "/amp/market.html?utm=feed: ")) == 1


def test_a_stored_page_that_loses_its_text_keeps_its_article(site, store, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    site.page("/a.html", article_html("Clash near Gao", BRIDGE_CLASH))
    with Watcher(store, WatchSettings(host_delay=0, timeout=2, recheck=0)) as watcher:
        first = watcher.fetch_page(site.url("/a.html"))
        site.page("/a.html", "<html><body><p>Service unavailable</p></body></html>")
        second = watcher.fetch_page(site.url("/a.html"))
    assert (first.status, second.status) == ("new", "no_text")
    page = state.page_state(store, site.url("/a.html"))
    assert page.article_id == first.article_id and page.status == "coded" and "characters" in page.last_error
    assert len(_lines(caplog, "/a.html: no_text: no article text on the page")) == 1


def _feed_of(site: LocalSite, pages: dict[str, tuple[str, tuple[str, ...]]], path: str = "/feed.xml") -> None:
    for page, (title, paragraphs) in pages.items():
        site.page(page, article_html(title, paragraphs))
    site.page(path, rss([(t, site.url(p)) for p, (t, _) in pages.items()]), content_type="application/rss+xml")


def _countries_of(store, site: LocalSite, page: str) -> set[str]:
    article_id = state.page_state(store, site.url(page)).article_id
    return {e.record.country for e in Desk(store).events_of_article(article_id)}


def test_a_sources_country_resolves_the_place_names_its_text_leaves_ambiguous(site, store, watcher):
    _feed_of(site, {"/pk/raid.html": ("Police station attacked", HYDERABAD_RAID)}, "/pk/feed.xml")
    _feed_of(site, {"/any/protest.html": ("Traders protest", HYDERABAD_PROTEST)}, "/any/feed.xml")
    sources = [
        SourceConfig("Desk in Pakistan", site.url("/pk/feed.xml"), "Pakistan", interval=0),
        SourceConfig("Desk anywhere", site.url("/any/feed.xml"), interval=0),
    ]
    report = watcher.run(sources, once=True)
    assert report.pages["new"] == 2
    assert _countries_of(store, site, "/pk/raid.html") == {"Pakistan"}
    assert _countries_of(store, site, "/any/protest.html") == {"India"}  # no hint: the bigger Hyderabad
    # `sitrep fetch --country`: the same hint for a one-off page
    site.page("/one.html", article_html("Police station attacked", HYDERABAD_RAID[:1] + HYDERABAD_PROTEST[1:]))
    outcome = watcher.fetch_page(site.url("/one.html"), country_hint="PK")
    assert outcome.status == "new" and _countries_of(store, site, "/one.html") == {"Pakistan"}


def test_new_articles_are_extracted_in_batches_and_stored_in_feed_order(site, store, caplog):
    caplog.set_level(logging.INFO, logger="sitrep.monitor")
    texts = [MARKET_ATTACK, PROTEST, BRIDGE_CLASH, CLINIC_SHELLING, HYDERABAD_RAID]
    _feed_of(site, {f"/p{k}.html": (f"Report {k}", t) for k, t in enumerate(texts)})
    batches: list[list[str]] = []

    def extract(articles):
        batches.append([a.title for a in articles])
        return [Extraction(a, [], ()) for a in articles]

    with Watcher(store, replace(FAST, batch=2), extract=extract) as watcher:
        report = watcher.run([_source(site, "/feed.xml")], once=True)
    assert report.pages["new"] == 5
    assert batches == [["Report 0", "Report 1"], ["Report 2", "Report 3"], ["Report 4"]]
    stored = [r.getMessage().split(": new: ")[0] for r in caplog.records if ": new: stored" in r.getMessage()]
    assert stored == [site.url(f"/p{k}.html") for k in range(5)]
    assert all(state.page_state(store, site.url(f"/p{k}.html")).article_id for k in range(5))


def _signature(store) -> list[tuple]:
    """Each live event by what it says and which articles (by text) it was built from."""
    return sorted(
        (e.event_date, e.event_type, e.sub_event_type, e.country, e.location, e.fatalities,
         tuple(sorted({a.id for a in e.articles})))
        for e in store.events()
    )  # fmt: skip


def test_the_same_pages_give_the_same_events_through_watch_and_through_ingest(site, store, tmp_path):
    # Two outlets' reports of one attack (matched into one event), and a place only the hint settles.
    pages = {
        "/a1.html": ("Market attacked", MARKET_ATTACK),
        "/a2.html": ("Students protest", PROTEST),
        "/a3.html": ("Traders killed in Maiduguri", MARKET_ATTACK_OTHER_OUTLET),
        "/a4.html": ("Police station attacked", HYDERABAD_RAID),
    }
    _feed_of(site, pages)
    # The source's name shares words with the texts: how an article arrived must not change what it is compared on.
    source = SourceConfig("Cattle Market Traders Desk", site.url("/feed.xml"), "PK", 0)
    with Watcher(store, FAST) as watcher:
        assert watcher.run([source], once=True).pages["new"] == 4
    folder = tmp_path / "pages"
    folder.mkdir()
    for k, (page, (title, paragraphs)) in enumerate(pages.items()):
        (folder / f"{k}{page.strip('/')}").write_text(article_html(title, paragraphs), encoding="utf-8")
    db = tmp_path / "ingest.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--country", "PK", "--quiet"])
    assert result.exit_code == 0, result.stderr
    with SQLiteStore(db) as ingested:
        assert store.counts()["articles"] == ingested.counts()["articles"] == 4
        watched = _signature(store)
        assert watched == _signature(ingested)
    assert any(len(articles) == 2 for *_, articles in watched)  # the two reports of the attack are one event
    assert any(country == "Pakistan" for _, _, _, country, *_ in watched)
