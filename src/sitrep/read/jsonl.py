"""JSON Lines: one article object per line; a bad line costs that line only."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sitrep.errors import BadRecord, InputError, UndecodableFile
from sitrep.model import Article
from sitrep.read._records import record_to_article
from sitrep.read._source import ReadContext, Source, decode, normalize_newlines

__all__ = ["read_jsonl"]


def read_jsonl(source: Source, ctx: ReadContext) -> Iterator[Article]:
    """Read one .jsonl file, an Article per object line (blank lines are skipped).

    Args:
        source: the loaded file.
        ctx: read options; bad lines go to `ctx.report` and reading goes on.

    Returns:
        An iterator over the Articles, each with path `file:LINE` (1-based).

    Raises:
        EmptyInput: the file holds only whitespace.
        BadRecord, UndecodableFile: through `ctx.report`, once per bad line.
    """
    for number, line in _lines(source, ctx):
        if not line.strip():
            continue
        where = f"{source.where}:{number}"
        try:
            yield _parse_line(line, where, ctx)
        except InputError as exc:
            ctx.report(exc)


def _parse_line(line: str, where: str, ctx: ReadContext) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(where, f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(record, dict):
        raise BadRecord(where, f"expected a JSON object, got {type(record).__name__}")
    return record_to_article(record, where, default_date=ctx.default_date)


def _lines(source: Source, ctx: ReadContext) -> Iterator[tuple[int, str]]:
    """Numbered lines of the file; if it is not valid UTF-8, decode line by line and report bad lines."""
    try:
        text = source.text()
    except UndecodableFile:
        # JSON strings cannot hold a raw newline, so each line decodes on its own: one bad byte costs
        # one record, not the file.
        for number, raw in enumerate(source.data.split(b"\n"), start=1):
            try:
                yield number, normalize_newlines(decode(raw, source.where, first_line=number))
            except UndecodableFile as exc:
                ctx.report(exc)
        return
    yield from enumerate(text.split("\n"), start=1)
