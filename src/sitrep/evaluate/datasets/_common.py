"""What every loader needs: reading the file, parsing messy cells, and grouping rows into items."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, UnreadableFile
from sitrep.evaluate.gold import EvalItem, GoldEvent, check_split, split_of
from sitrep.model import Article

__all__ = [
    "parsed_rows",
    "ParsedRow",
    "read_rows",
    "cell",
    "to_int",
    "to_float",
    "to_date",
    "build_items",
    "require_columns",
]

# ACLED notes and GTD summaries can be long; the csv module's default limit (128 KiB) is for safety, not for us.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_MISSING = frozenset({"", ".", "NA", "N/A", "nan", "None"})


@dataclass
class ParsedRow:
    """One dataset row, parsed: the text to read, its dates and source, and its gold event (if any)."""

    row_id: str
    text: str
    published: date | None
    gold: GoldEvent | None
    source: str | None = None
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def read_rows(path: Path, *, delimiter: str = ",") -> Iterator[dict[str, str]]:
    """The rows of a CSV/TSV file as dicts (header names unchanged).

    Raises:
        UnreadableFile: the file is missing or cannot be opened.
    """
    try:
        handle = open(path, newline="", encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise UnreadableFile(str(path), f"cannot open: {exc.strerror or exc}") from exc
    with handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def cell(row: Mapping[str, str | None], *names: str) -> str | None:
    """The first non-missing value among `names` (stripped), or None. Missing: empty, '.', 'NA'."""
    for name in names:
        value = row.get(name)
        if value is None:
            continue
        value = value.strip()
        if value not in _MISSING:
            return value
    return None


def to_int(value: str | None, *, unknown: Iterable[int] = (-99, -9)) -> int | None:
    """An integer count, or None when missing, a GTD unknown code, or not a whole number ("1.3333")."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if number != number or not number.is_integer():  # NaN or a fraction (GTD splits kills across events)
        return None
    result = int(number)
    return None if result in set(unknown) or result < 0 else result


def to_float(value: str | None) -> float | None:
    """A float, or None when missing or not a number."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return None if number != number else number


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%b-%y", "%d-%B-%Y", "%d %B %Y", "%m/%d/%Y")


def to_date(value: str | None) -> date | None:
    """A date in any of the formats the datasets use (ISO, `9-May-20`, `01-January-2015`), or None."""
    if not value:
        return None
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def build_items(
    dataset: str,
    rows: Iterable[ParsedRow],
    *,
    limit: int | None = None,
    split: str = "all",
) -> list[EvalItem]:
    """Group parsed rows into items (rows with the same text are one article reporting several events).

    The item id is its first row's id; the split is decided by that id. The article's published date is the
    latest of its rows' (so it is on or after every event it reports).

    Args:
        dataset: the dataset name, part of every article id and of the split hash.
        rows: parsed rows in file order.
        limit: keep the first `limit` items (after the split filter), in file order.
        split: tune, held or all.
    """
    check_split(split)
    groups: dict[str, list[ParsedRow]] = {}
    for row in rows:
        if not row.text.strip():
            continue
        groups.setdefault(" ".join(row.text.split()), []).append(row)
    items: list[EvalItem] = []
    for members in groups.values():
        first = members[0]
        item_split = split_of(dataset, first.row_id)
        if split != "all" and item_split != split:
            continue
        published = max((m.published for m in members if m.published), default=None)
        article = Article(
            id=f"{dataset}:{first.row_id}",
            text=first.text,
            title=first.title,
            published=published,
            source=first.source,
        )
        meta = dict(first.meta)
        if len(members) > 1:
            meta["row_ids"] = [m.row_id for m in members]
        gold = [m.gold for m in members if m.gold is not None]
        items.append(
            EvalItem(article=article, gold=gold, split=item_split, dataset=dataset, id=first.row_id, meta=meta)
        )
        if limit is not None and len(items) >= limit:
            break
    return items


def require_columns(path: Path, header: Iterable[str], needed: Iterable[str]) -> None:
    """Raise InputError naming the missing columns when a file is not in the layout its loader expects."""
    missing = sorted(set(needed) - set(header))
    if missing:
        raise InputError(
            str(path), f"missing columns {', '.join(missing)}", hint="is this the right file for the dataset?"
        )


def parsed_rows(
    path: Path,
    needed: Iterable[str],
    parse_row: Callable[[dict[str, str]], ParsedRow | None],
    *,
    delimiter: str = ",",
    header: Callable[[dict[str, str]], Iterable[str]] = lambda row: row.keys(),
) -> Iterator[ParsedRow]:
    """Rows of a dataset file parsed in file order, after checking the first row has the needed columns.

    Rows the parser rejects (no text) are skipped; `header` maps a raw row to its column names.
    """
    first = True
    for raw in read_rows(path, delimiter=delimiter):
        if first:
            require_columns(path, header(raw), tuple(needed))
            first = False
        parsed = parse_row(raw)
        if parsed is not None:
            yield parsed
