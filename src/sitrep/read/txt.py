"""Plain text files: the whole content is the article; the date comes from the caller (`--date`)."""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.model import Article
from sitrep.read._source import ReadContext, Source, make_article, title_from_text

__all__ = ["read_txt"]


def read_txt(source: Source, ctx: ReadContext) -> Iterator[Article]:
    """Read one plain text file.

    Args:
        source: the loaded file.
        ctx: read options; `default_date` becomes the publication date (None: unknown).

    Returns:
        An iterator over the single Article: text = the file's content (line endings normalised and the
        final newline dropped, nothing else changed, so offsets are offsets into the file); title = its
        first non-empty line.

    Raises:
        UndecodableFile: the file is not valid UTF-8.
        EmptyInput: the file holds only whitespace.
    """
    text = source.text()
    yield make_article(text, title=title_from_text(text), published=ctx.default_date, path=source.where)
