"""RSS and Atom files: each entry with a summary or content becomes an Article.

feedparser gets the file's bytes in a stream, never a string: given a string it may treat it as a URL
or a file name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from sitrep.errors import BadRecord, EmptyInput, InputError
from sitrep.model import Article
from sitrep.read._dates import parse_date
from sitrep.read._source import ReadContext, Source, make_article

__all__ = ["html_fragment_to_text", "is_feed", "read_feed"]

# An optional XML prolog, comments or a doctype, then the root element's name.
_ROOT = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^>]*>|<\?[^>]*\?>)\s*)*<([\w:.-]+)", re.DOTALL)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr")
_SPACES = re.compile(r"\s+")


def is_feed(head: str) -> bool:
    """Whether text starts like an RSS/Atom document (optional XML prolog, root <rss>, <feed> or <rdf:RDF>).

    Args:
        head: the start of the file, decoded.

    Returns:
        True for a feed.
    """
    match = _ROOT.match(head.lstrip("\ufeff"))
    return match is not None and match.group(1).lower() in _FEED_ROOTS


def read_feed(source: Source, ctx: ReadContext) -> Iterator[Article]:
    """Read one RSS/Atom file.

    Args:
        source: the loaded file.
        ctx: read options; entries without text go to `ctx.report`; `default_date` dates undated entries.

    Returns:
        An iterator over the Articles, each with path `file#INDEX` (0-based entry index), url = the
        entry's link, source = the feed's title, text = the entry's content (or summary) without markup.

    Raises:
        BadRecord: the file is not a feed feedparser can read.
        EmptyInput: a well-formed feed without entries.
    """
    parsed = feedparser.parse(io.BytesIO(source.data))
    if not parsed.entries:
        if parsed.get("bozo"):
            raise BadRecord(
                source.where, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}", hint="check the XML"
            )
        raise EmptyInput(source.where, "the feed has no entries")
    feed_title = _plain(parsed.feed.get("title_detail")) or parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        where = f"{source.where}#{index}"
        try:
            yield _entry_to_article(entry, where, feed_title, ctx)
        except InputError as exc:
            ctx.report(exc)


def _entry_to_article(entry: Any, where: str, feed_title: str | None, ctx: ReadContext) -> Article:
    # Full content beats the summary, which is often a teaser of the same text.
    details = [*entry.get("content", []), entry.get("summary_detail")]
    text = next((t for t in (_plain(d) for d in details if d) if t and t.strip()), None)
    if text is None:
        raise BadRecord(where, "feed entry has no summary or content", hint="the entry carries no article text")
    raw_date = entry.get("published") or entry.get("updated")
    published = ctx.default_date
    if raw_date:
        try:
            # The date as written, not feedparser's *_parsed (converted to UTC, which can change the day).
            published = parse_date(raw_date)
        except ValueError as exc:
            raise BadRecord(where, f"bad date: {exc}") from None
    return make_article(
        text,
        title=_plain(entry.get("title_detail")) or entry.get("title"),
        published=published,
        source=feed_title,
        url=entry.get("link"),
        path=where,
    )


def _plain(detail: Any) -> str | None:
    """The text of a feedparser detail dict ({"type": ..., "value": ...}), markup removed for HTML."""
    if not detail or not detail.get("value"):
        return None
    value: str = detail["value"]
    if "html" in (detail.get("type") or ""):
        return html_fragment_to_text(value)
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment, block elements as blank-line separated paragraphs, <br> as a newline.

    Args:
        fragment: HTML such as an entry's content ("<p>...</p><p>...</p>").

    Returns:
        The text, whitespace inside each line collapsed (it is source formatting, not content).
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(fragment.split())
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter():
        # Collapse source whitespace first, so the only newlines left are the ones markup implies.
        el.text = _SPACES.sub(" ", el.text) if el.text else el.text
        el.tail = _SPACES.sub(" ", el.tail) if el.tail else el.tail
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_BLOCKS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    raw = root.text_content()
    paragraphs = []
    for block in re.split(r"\n[ ]*\n", raw):
        lines = [line.strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
