"""What a source's response lists: the items of an RSS/Atom feed, the pages of a sitemap, or the page itself.

Links are made absolute against the URL the response came from (after redirects), so a feed with relative
links works. A feed that feedparser cannot read at all, or a sitemap that is not XML, is an error of the source;
a feed with some broken markup but readable entries is used (feedparser's "bozo" feeds are common).
"""

from __future__ import annotations

__all__ = ["Item", "Listing", "list_items", "MalformedSource"]

import calendar
import io
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

from sitrep.errors import SitrepError
from sitrep.read.feed import is_feed

_SITEMAP_ROOT = re.compile(rb"<(?:[\w.-]+:)?(urlset|sitemapindex)[\s>]")
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class MalformedSource(SitrepError):
    """A source's response is not a feed, sitemap or page sitrep can read."""

    code = "E602"


@dataclass(frozen=True)
class Item:
    """One link a source lists, with its publication time when the listing gives one (unix seconds)."""

    url: str
    published_at: int | None = None


@dataclass(frozen=True)
class Listing:
    """What a source's response is (`feed`, `sitemap`, `sitemapindex` or `page`) and the items it lists."""

    kind: str
    items: tuple[Item, ...]
    note: str = ""  # e.g. feedparser's complaint about a feed it could still read


def list_items(data: bytes, base_url: str, content_type: str = "") -> Listing:
    """The items of a source's response.

    Args:
        data: the response body.
        base_url: the URL it came from (after redirects): relative links resolve against it.
        content_type: the response's media type, which feedparser weighs when it decodes a feed.

    Returns:
        A feed's entries with links, a sitemap's <loc>s (a sitemap index's too, as kind `sitemapindex`),
        or, for anything else, the page itself as the only item.

    Raises:
        MalformedSource: a feed without readable entries, or a sitemap that is not well-formed XML.
    """
    head = data[:4096].decode("utf-8", errors="replace")
    if is_feed(head):
        return _feed_items(data, base_url, content_type)
    match = _SITEMAP_ROOT.search(data[:4096])
    if match:
        return _sitemap_items(data, base_url, kind=match.group(1).decode())
    return Listing("page", (Item(base_url),))


def _feed_items(data: bytes, base_url: str, content_type: str) -> Listing:
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", []) if x.get("rel") == "alternate"), None
        )
        if not link:
            continue
        url = urljoin(base_url, link.strip())
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(Item(url, calendar.timegm(when) if when else None))
    note = str(parsed.get("bozo_exception") or "") if parsed.get("bozo") else ""
    if not items:
        if note:
            raise MalformedSource(f"{base_url}: not a readable RSS/Atom feed: {note}")
        return Listing("feed", (), "the feed lists no entries with links")
    return Listing("feed", tuple(items), note)


def _sitemap_items(data: bytes, base_url: str, *, kind: str) -> Listing:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedSource(f"{base_url}: not a well-formed sitemap: {exc}") from None
    items = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = node.findtext(f"{_SITEMAP_NS}loc") or node.findtext("loc")
        if not loc or not loc.strip():
            continue
        lastmod = node.findtext(f"{_SITEMAP_NS}lastmod") or node.findtext("lastmod")
        items.append(Item(urljoin(base_url, loc.strip()), _iso_seconds(lastmod)))
    return Listing(kind, tuple(items))


def _iso_seconds(text: str | None) -> int | None:
    """Unix seconds of a W3C datetime ("2026-12-07", "2026-12-07T10:00:00+00:00"); None if absent or bad."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return calendar.timegm(value.timetuple())
    return int(value.timestamp())
