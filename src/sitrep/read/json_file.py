"""JSON documents: one article object, a list of them, or {"articles": [...]}.

(Named json_file, not json, so that it cannot be mistaken for the standard library module.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sitrep.errors import BadRecord, EmptyInput
from sitrep.model import Article
from sitrep.read._records import record_to_article
from sitrep.read._source import ReadContext, Source

__all__ = ["read_json"]


def read_json(source: Source, ctx: ReadContext) -> Iterator[Article]:
    """Read one .json file.

    Args:
        source: the loaded file.
        ctx: read options; bad records go to `ctx.report` and the others are still read.

    Returns:
        An iterator over the Articles. Path: the file for a single object, `file#INDEX` (0-based, as in
        jq's `.[INDEX]`) for an element of a list.

    Raises:
        BadRecord: the document does not parse or has the wrong shape (nothing can be read from it);
            through `ctx.report` for each bad element of a list.
        UndecodableFile, EmptyInput: the file is not UTF-8 text, holds only whitespace or an empty list.
    """
    doc = _load(source)
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        items: list[Any] = doc["articles"]
    elif isinstance(doc, list):
        items = doc
    elif isinstance(doc, dict):
        yield record_to_article(doc, source.where, default_date=ctx.default_date)
        return
    else:
        raise BadRecord(
            source.where, f'expected an object, a list of objects or {{"articles": [...]}}, got {type(doc).__name__}'
        )
    if not items:
        raise EmptyInput(source.where, "the JSON list holds no records")
    for index, item in enumerate(items):
        where = f"{source.where}#{index}"
        try:
            if not isinstance(item, dict):
                raise BadRecord(where, f"expected a JSON object, got {type(item).__name__}")
            yield record_to_article(item, where, default_date=ctx.default_date)
        except BadRecord as exc:
            ctx.report(exc)


def _load(source: Source) -> Any:
    try:
        return json.loads(source.text())
    except json.JSONDecodeError as exc:
        # The usual cause of "Extra data" on line 2 is JSON Lines saved as .json.
        hint = "one object per line is JSON Lines: name the file .jsonl" if exc.msg == "Extra data" else None
        raise BadRecord(
            f"{source.where}:{exc.lineno}", f"not valid JSON: {exc.msg} at column {exc.colno}", hint=hint
        ) from None
