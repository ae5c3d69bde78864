"""One JSON object or CSV row -> Article: the field names and checks that .json, .jsonl and .csv share."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sitrep.errors import BadRecord
from sitrep.model import Article
from sitrep.read._dates import parse_date
from sitrep.read._source import make_article

__all__ = ["FIELDS", "record_to_article"]

# Accepted names for each Article field, first match wins. Kept as data so docs and errors can list them.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body"),
    "title": ("title",),
    "published": ("date", "published"),
    "url": ("url",),
    "source": ("source", "publisher"),
}


def record_to_article(record: Mapping[str, Any], where: str, *, default_date: date | None) -> Article:
    """Turn one record into an Article.

    Args:
        record: a JSON object or a CSV row (keys already lower-cased for CSV). Empty strings and nulls
            count as absent.
        where: `file:LINE` or `file#INDEX`, used as the Article's path and in errors.
        default_date: the publication date when the record has none.

    Returns:
        The Article.

    Raises:
        BadRecord: no non-empty text/body, a field of the wrong type, or a date that does not parse
            (the record is skipped rather than dated by a guess).
    """
    text = _field(record, "text", where)
    if text is None or not text.strip():
        raise BadRecord(where, "record has no 'text' or 'body' field with article text")
    raw_date = _field(record, "published", where)
    published = default_date
    if raw_date is not None:
        try:
            published = parse_date(raw_date)
        except ValueError as exc:
            raise BadRecord(where, f"bad date: {exc}") from None
    return make_article(
        text,
        title=_field(record, "title", where),
        published=published,
        source=_field(record, "source", where),
        url=_field(record, "url", where),
        path=where,
    )


def _field(record: Mapping[str, Any], name: str, where: str) -> str | None:
    """The first present, non-empty value among a field's names, checked to be a string."""
    for key in FIELDS[name]:
        value = record.get(key)
        # News APIs often nest the publisher as {"id": ..., "name": "Dawn"}.
        if name == "source" and isinstance(value, Mapping):
            value = value.get("name")
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise BadRecord(where, f"field '{key}' must be a string, got {type(value).__name__}")
        return value
    return None
