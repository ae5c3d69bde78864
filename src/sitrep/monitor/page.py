"""A fetched web page -> an Article: decoded by what the server or the page declares, then read as any saved
page is (`read.read_html_page`: trafilatura for the main text, title, date and canonical URL)."""

from __future__ import annotations

__all__ = ["page_article", "decode_page", "MIN_TEXT_CHARS"]

import codecs
import re
from dataclasses import replace

from charset_normalizer import from_bytes

from sitrep.errors import EmptyInput
from sitrep.model import Article
from sitrep.read import read_html_page

# Less main text than this is a menu, a teaser or an error page, not an article (a short news brief has more).
MIN_TEXT_CHARS = 120
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def decode_page(data: bytes, declared: str | None) -> str:
    """The page as text: the charset of the Content-Type header, else of a <meta> tag, else UTF-8, else the
    best guess of charset-normalizer (a page that declares nothing and is not UTF-8 is rare but exists).
    """
    candidates = [declared]
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii"))
    candidates.append("utf-8")
    for name in candidates:
        if not name:
            continue
        try:
            codecs.lookup(name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    guess = from_bytes(data).best()
    return str(guess) if guess is not None else data.decode("utf-8", errors="replace")


def page_article(data: bytes, *, url: str, charset: str | None, source: str | None) -> Article:
    """Read one fetched page.

    Args:
        data: the body (perhaps cut at the size limit).
        url: the URL it came from, after redirects (the canonical URL when the page names none).
        charset: what the Content-Type header declared, if anything.
        source: the source's name, which becomes the article's `source` (None: the site name the page gives).

    Returns:
        The Article: its id the hash of the main text; url the canonical URL; path the fetched URL.

    Raises:
        EmptyInput: no article text on the page, or too little to be an article (MIN_TEXT_CHARS).
    """
    article = read_html_page(decode_page(data, charset))
    if len(article.text) < MIN_TEXT_CHARS:
        raise EmptyInput(
            url, f"only {len(article.text)} characters of main text (an article has {MIN_TEXT_CHARS} or more)"
        )
    return replace(article, url=article.url or url, path=url, source=source or article.source)
