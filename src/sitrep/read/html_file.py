"""Saved web pages: trafilatura finds the article's main text and its metadata, offline.

(Named html_file, not html, so that it cannot be mistaken for the standard library module.)
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator

import trafilatura

from sitrep.errors import EmptyInput, UndecodableFile
from sitrep.model import Article
from sitrep.read._dates import parse_date
from sitrep.read._source import ReadContext, Source, make_article, normalize_newlines

__all__ = ["blocks_to_paragraphs", "read_html"]

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">.
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_html(source: Source, ctx: ReadContext) -> Iterator[Article]:
    """Read one saved HTML page (never fetches anything: trafilatura gets the string, not a URL).

    Args:
        source: the loaded file.
        ctx: read options; `default_date` is used when the page's markup declares no date.

    Returns:
        An iterator over the single Article: text = the main text with comments, navigation and
        boilerplate removed, one paragraph per block separated by blank lines; title, date, site name and
        canonical URL from the page's metadata.

    Raises:
        EmptyInput: trafilatura finds no main text.
        UndecodableFile: neither UTF-8 nor the charset the page declares.
    """
    html = _decode(source)
    extracted = trafilatura.extract(html, include_comments=False)
    if not extracted or not extracted.strip():
        raise EmptyInput(source.where, "no article text found in the HTML page")
    # extensive=False: dates only from markup (meta tags, <time>, the URL); the extensive search reads
    # dates out of the body, and in conflict news those are event dates, not the publication date.
    meta = trafilatura.extract_metadata(html, extensive=False)
    published = ctx.default_date
    if meta.date:
        # htmldate hands back dates already normalised; a malformed one counts as absent.
        with contextlib.suppress(ValueError):
            published = parse_date(meta.date)
    yield make_article(
        blocks_to_paragraphs(extracted),
        title=meta.title,
        published=published,
        source=meta.sitename,
        url=meta.url,
        path=source.where,
    )


def blocks_to_paragraphs(extracted: str) -> str:
    """Join extracted blocks with blank lines, which is how the pipeline finds paragraphs.

    Args:
        extracted: text with one block (paragraph, heading, list item) per line.

    Returns:
        The blocks, trimmed, separated by `\\n\\n`.
    """
    return "\n\n".join(line.strip() for line in extracted.splitlines() if line.strip())


def _decode(source: Source) -> str:
    """UTF-8, or else the charset the page itself declares (a declaration, not a guess)."""
    try:
        return source.text()
    except UndecodableFile:
        match = _META_CHARSET.search(source.data[:4096])
        if match is None:
            raise
        name = match.group(1).decode("ascii")
        try:
            codecs.lookup(name)
            text = normalize_newlines(source.data.decode(name))
        except (LookupError, UnicodeDecodeError):
            raise UndecodableFile(source.where, f"not valid UTF-8 nor the declared charset {name!r}") from None
        if not text.strip():
            raise EmptyInput(source.where, "the file is empty or holds only whitespace") from None
        return text
