"""The seed text format: `date YYYY-MM-DD TITLE` on line 1, a blank line, then the article body.

The body is kept exactly as written (only trailing newlines are dropped) because gold annotations give
character offsets into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from sitrep.errors import BadDateLine, EmptyInput
from sitrep.model import Article
from sitrep.read._source import ReadContext, Source, make_article, title_from_text

__all__ = ["is_seed", "read_seed"]

# Leading whitespace is tolerated: some seed files were written with a space before `date`.
_MARKER = re.compile(r"\s*date(?:\s|$)")
_DATE_LINE = re.compile(r"\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+(?P<title>.*?))?\s*")


def is_seed(first_line: str) -> bool:
    """Whether a text file's first line claims the seed format (starts with the word `date`).

    Args:
        first_line: line 1 of the file, without its newline.

    Returns:
        True when the file must be read (and validated) as a seed file.
    """
    return _MARKER.match(first_line) is not None


def read_seed(source: Source, ctx: ReadContext) -> Iterator[Article]:
    """Read one seed file.

    Args:
        source: the loaded file.
        ctx: read options (the default date is not used: the date line is authoritative).

    Returns:
        An iterator over the single Article: text = the body, published = the date line's date.

    Raises:
        BadDateLine: line 1 lacks a date, or names an impossible day (`date 2025-13-45 ...`).
        EmptyInput: nothing follows the date line.
        UndecodableFile: the file is not valid UTF-8.
    """
    text = source.text()
    first, _, rest = text.partition("\n")
    match = _DATE_LINE.fullmatch(first)
    if match is None:
        raise BadDateLine(
            f"{source.where}:1", f"expected 'date YYYY-MM-DD TITLE' on line 1, got {first.strip()[:80]!r}"
        )
    try:
        published = date.fromisoformat(match["date"])
    except ValueError as exc:
        raise BadDateLine(f"{source.where}:1", f"impossible date {match['date']!r} on line 1 ({exc})") from None
    # The body starts after one blank separator line; a missing separator is tolerated, not an error.
    second, newline, after = rest.partition("\n")
    body, body_line = (after, 3) if newline and not second.strip() else (rest, 2)
    if not body.strip():
        raise EmptyInput(f"{source.where}:{body_line}", "no article text after the date line")
    yield make_article(
        body,
        title=match["title"] or title_from_text(body),
        published=published,
        path=source.where,
    )
