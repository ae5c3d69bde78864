"""CSV export in ACLED's column order, then sitrep's extra columns.

Opening our CSV next to an ACLED download lines the columns up. The extras that are lists (evidence,
articles, related) are written as compact JSON strings so one event stays one row.
"""

from __future__ import annotations

__all__ = ["write_csv", "CSV_COLUMNS", "EXTRA_COLUMNS"]

# Absolute import: this module's own name does not shadow the standard library's csv.
import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.model import ACLED_COLUMNS, EventRecord

# sitrep's fields beyond ACLED, in this order after ACLED's.
EXTRA_COLUMNS: list[str] = [
    "confidence", "weapon", "claimed_by", "injuries", "evidence", "articles", "related",
    "fatality_reports", "fatalities_low", "fatalities_high", "deleted", "merged_into",
]  # fmt: skip
CSV_COLUMNS: list[str] = [*ACLED_COLUMNS, *EXTRA_COLUMNS]


def write_csv(events: Iterable[EventRecord], out: TextIO) -> int:
    """Write a header row and one row per event.

    The header is written even for zero events, so an empty result is still a well-formed file.
    Rows end in "\\n" (not RFC 4180's "\\r\\n") so output piped to a terminal or a Unix tool reads
    cleanly; every CSV reader accepts both. Missing values (None) are empty cells.

    Args:
        events: the events, in the order to write them.
        out: a text stream; when it is a file, open it with newline="" and encoding="utf-8".

    Returns:
        The number of events written (not counting the header).
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    count = 0
    for event in events:
        record = event.to_dict()
        writer.writerow({column: _cell(record[column]) for column in CSV_COLUMNS})
        count += 1
    return count


def _cell(value: Any) -> Any:
    """One CSV cell: lists and dicts as compact JSON, None as empty, scalars unchanged."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value
