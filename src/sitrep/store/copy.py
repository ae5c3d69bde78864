"""`sitrep db copy`: a whole store from one database into another, SQLite or PostgreSQL, ids and all.

Every table is copied row for row with its keys (event ids, report and history ids, the order events were
stored in), so the copy behaves exactly as the original: the same events and history, the same undo, the
same tokens (only their hashes exist anyway), and re-clustering keeps the same ids. The target must be an
empty store (freshly created, or migrated but never written); the copy is one transaction on the target,
so it is whole or absent. PostgreSQL targets are written with COPY.

A table added by a later migration must be added to `TABLES` (a test fails until it is).
"""

from __future__ import annotations

__all__ = ["TABLES", "copy_store"]

from collections.abc import Callable
from typing import TYPE_CHECKING

from sitrep.errors import StoreError

if TYPE_CHECKING:
    from sitrep.store.contract import EventStore

# Every table of the schema, parents before children (foreign keys), with the key that orders its rows.
# `rowid` of events and evidence is SQLite's implicit one and PostgreSQL's identity column: copied too.
TABLES: tuple[tuple[str, str], ...] = (
    ("articles", "id"),
    ("events", "rowid"),
    ("event_records", "event_id"),
    ("event_articles", "event_id, article_id"),
    ("evidence", "rowid"),
    ("mentions", "id"),
    ("event_history", "id"),
    ("event_reports", "id"),
    ("report_records", "id"),
    ("api_tokens", "name"),
    ("event_pins", "id"),
    ("event_pin_reports", "pin_id, report_id"),
    ("watch_sources", "name"),  # the feed monitor's state (store.monitor): a copied store watches on
    ("watch_pages", "url"),
)
# Tables whose key the database generates, and its column: the target's next id must follow the copy's.
_GENERATED = {"events": "rowid", "evidence": "rowid", "mentions": "id", "event_history": "id", "event_reports": "id"}
# Tables whose key is SQLite's implicit rowid (not listed among its columns).
_IMPLICIT_ROWID = ("events", "evidence")
# The tables whose rows say a store has been written to.
_CONTENT = ("articles", "events", "event_history", "api_tokens", "watch_sources", "watch_pages")


def copy_store(
    source: EventStore, target: EventStore, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row of `source` into the empty store `target`, in one transaction on the target.

    Args:
        source: the store to read (not changed).
        target: an empty store at the same schema version (both were opened, so both are current).
        progress: called with (table, rows copied) after each table.

    Returns:
        Rows copied, by table.

    Raises:
        StoreError: the target already holds data, or a database refused a read or a write (then nothing
            of the copy is kept in the target).
    """
    src, dst = source.db, target.db
    if source.schema_version != target.schema_version:
        raise StoreError(
            f"{src.name} is at schema version {source.schema_version}, {dst.name} at {target.schema_version}"
        )
    used = [table for table in _CONTENT if dst.scalar(f"SELECT COUNT(*) FROM {table}")]
    if used:
        raise StoreError(
            f"{dst.name} is not empty (it holds {', '.join(used)})",
            hint="copy into a new SQLite file or an empty PostgreSQL database",
        )
    copied: dict[str, int] = {}
    # One snapshot of the source, so that a store in use is copied as it was at one moment.
    with src.snapshot(), dst.bulk_writing(), dst.transaction("the copy was not saved"):
        for table, order in TABLES:
            columns = [c for c in dst.columns(table) if c != "rowid"]
            if table in _IMPLICIT_ROWID:
                columns.insert(0, "rowid")
            names = ", ".join(f'"{c}"' for c in columns)
            counter = _Counter()
            rows = (
                row for batch in src.batches(f"SELECT {names} FROM {table} ORDER BY {order}") for row in counter(batch)
            )
            dst.bulk_insert(table, columns, rows)
            if table in _GENERATED:
                dst.sync_id_sequence(table, _GENERATED[table])
            copied[table] = counter.rows
            if progress is not None:
                progress(table, counter.rows)
    dst.after_bulk_load([table for table, _ in TABLES])
    return copied


class _Counter:
    """Counts the rows that pass through it."""

    def __init__(self) -> None:
        self.rows = 0

    def __call__(self, batch: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        self.rows += len(batch)
        return batch
