"""CSV files with a header row naming the same fields as JSON records (text|body, title, date, ...).

(Named csv_file, not csv, so that it cannot be mistaken for the standard library module.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sitrep.errors import BadRecord, EmptyInput
from sitrep.model import Article
from sitrep.read._records import FIELDS, record_to_article
from sitrep.read._source import ReadContext, Source

__all__ = ["read_csv"]


def read_csv(source: Source, ctx: ReadContext) -> Iterator[Article]:
    """Read one .csv file, an Article per data row.

    Args:
        source: the loaded file.
        ctx: read options; bad rows go to `ctx.report` and the others are still read.

    Returns:
        An iterator over the Articles, each with path `file:ROWLINE`, the line the row starts on (a
        quoted field may span several lines).

    Raises:
        BadRecord: no header with a text/body column; a row the csv module cannot parse (the rest of the
            file cannot be trusted after it, so reading stops there); through `ctx.report` for a row
            without text, with a bad date or with more fields than the header.
        UndecodableFile, EmptyInput: the file is not UTF-8 text, or holds only whitespace or only a header.
    """
    # newline="" lets the csv module see newlines inside quoted fields.
    reader = csv.reader(io.StringIO(source.text(), newline=""))
    header: list[str] | None = None
    rows = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            if rows == 0:  # else a file of blank rows would be skipped without a word
                raise EmptyInput(source.where, "the CSV file has no data rows under its header") from None
            return
        except csv.Error as exc:
            raise BadRecord(f"{source.where}:{start}", f"CSV does not parse: {exc}") from None
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip().lower() for name in row]
            if not set(header) & set(FIELDS["text"]):
                raise BadRecord(
                    f"{source.where}:{start}", f"header has no 'text' or 'body' column (columns: {', '.join(row)})"
                )
            continue
        where = f"{source.where}:{start}"
        rows += 1
        try:
            if len(row) > len(header):
                # Usually an unquoted comma in the text: the columns after it would be misread.
                raise BadRecord(where, f"row has {len(row)} fields but the header has {len(header)}")
            yield record_to_article(dict(zip(header, row, strict=False)), where, default_date=ctx.default_date)
        except BadRecord as exc:
            ctx.report(exc)
