"""A source's response -> the items it lists."""

from __future__ import annotations

import pytest
from tests.monitor.pages import article_html, rss, sitemap

from sitrep.monitor.discover import MalformedSource, list_items

BASE = "http://desk.example/world/feed.xml"


def test_a_feed_lists_its_entries_with_absolute_links_and_dates():
    listing = list_items(rss([("a", "/news/a.html"), ("b", "b.html"), ("c", "http://other.example/c")]).encode(), BASE)
    assert listing.kind == "feed"
    assert [i.url for i in listing.items] == [
        "http://desk.example/news/a.html",
        "http://desk.example/world/b.html",
        "http://other.example/c",
    ]
    assert {i.published_at for i in listing.items} == {1796110200}  # Tue, 01 Dec 2026 07:30:00 GMT


def test_an_atom_feed_is_a_feed():
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        '<entry><title>x</title><link href="/x.html"/><updated>2026-12-01T10:00:00Z</updated></entry></feed>'
    )
    listing = list_items(atom.encode(), BASE)
    assert [(i.url, i.published_at) for i in listing.items] == [("http://desk.example/x.html", 1796119200)]


def test_a_feed_without_readable_entries_is_malformed():
    with pytest.raises(MalformedSource, match="not a readable RSS/Atom feed"):
        list_items(b'<?xml version="1.0"?><rss><channel><title>Half', BASE)


def test_a_sitemap_lists_its_locations():
    listing = list_items(sitemap(["http://desk.example/a.html", "/b.html"]).encode(), BASE)
    assert listing.kind == "urlset"
    assert [i.url for i in listing.items] == ["http://desk.example/a.html", "http://desk.example/b.html"]


def test_a_broken_sitemap_is_malformed():
    with pytest.raises(MalformedSource, match="not a well-formed sitemap"):
        list_items(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x', BASE)


def test_anything_else_is_the_page_itself():
    listing = list_items(article_html("t", ("p",)).encode(), "http://desk.example/a.html")
    assert listing.kind == "page" and [i.url for i in listing.items] == ["http://desk.example/a.html"]
