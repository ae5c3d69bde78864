"""The event history: one row per change of an event (who, when, from which article, what changed).

Every change bumps the event's `timestamp` and writes an `event_history` row: the old and new values of
the fields that differ (the full record for a new event), and in `detail` what `undo` needs to put the
reports back (the event's reports and flags before and after). Evidence is not repeated in the history:
it is the union of the reports' evidence. Rows of one operation (an ingest's update, a re-clustering's
merge, a desk split) share `group_id`, the id of their first row, which `undo` reverses as one.
"""

from __future__ import annotations

__all__ = [
    "HistoryEntry",
    "EventState",
    "NO_STATE",
    "snapshot",
    "diff",
    "log_change",
    "HistoryBatch",
    "read_history",
]

import json
from dataclasses import dataclass
from typing import Any

from sitrep.store.database import Database
from sitrep.store.records import RECORD_COLUMNS, record_dict
from sitrep.store.reports import report_ids

_HISTORY_BATCH = 5_000  # rows per INSERT batch of a HistoryBatch
_HISTORY_COLUMNS = (
    "id",
    "event_id",
    "changed_at",
    "actor",
    "article_id",
    "action",
    "before",
    "after",
    "group_id",
    "detail",
)
# Left out of the history's before/after: evidence follows the reports, which `detail` records.
_NOT_LOGGED = frozenset({"evidence"})
# Compact JSON, as readers need no spaces: hundreds of thousands of rows are written by a re-clustering.
_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode


@dataclass(frozen=True)
class HistoryEntry:
    """One row of `event_history`: what happened to which event, when, by whom, from which article."""

    id: int
    event_id: str
    changed_at: int  # unix seconds
    actor: str
    action: str
    article_id: str | None
    before: Any
    after: Any
    group_id: int | None

    def to_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready dict."""
        return {
            "id": self.id,
            "event_id": self.event_id,
            "changed_at": self.changed_at,
            "actor": self.actor,
            "action": self.action,
            "article_id": self.article_id,
            "before": self.before,
            "after": self.after,
            "group_id": self.group_id,
        }


@dataclass
class EventState:
    """An event as `undo` needs it: its record, reports and deleted flag."""

    record: dict[str, Any]
    reports: list[str]
    deleted: bool
    merged_into: str

    def detail(self, prefix: str) -> dict[str, Any]:
        """This state as the `detail` keys of a history row ("before" or "after")."""
        return {
            f"reports_{prefix}": self.reports,
            f"deleted_{prefix}": self.deleted,
            f"merged_into_{prefix}": self.merged_into,
        }


# The "before" detail of an event that did not exist.
NO_STATE: dict[str, Any] = {"reports_before": [], "deleted_before": False, "merged_into_before": ""}


def snapshot(db: Database, event_id: str) -> EventState | None:
    """The event's current state (record, reports, deleted), or None if it is not stored."""
    row = db.one(f"SELECT {RECORD_COLUMNS} FROM events WHERE event_id = ?", (event_id,))
    if row is None:
        return None
    return EventState(record_dict(row), report_ids(db, event_id), bool(row[1]), row[2] or "")


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """What changed between two records: (the old values, the new values) of the fields that differ.

    Evidence is left out: it is the union of the event's reports' evidence, and `detail` records which
    reports the event had before and after (`undo` rebuilds it from them).
    """
    keys = [k for k in after if k not in _NOT_LOGGED and before.get(k) != after[k]]
    keys += [k for k in before if k not in after and k not in _NOT_LOGGED]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def log_change(
    db: Database,
    event_id: str,
    *,
    now: int,
    actor: str,
    action: str,
    article_id: str | None,
    before: Any,
    after: Any,
    detail: dict[str, Any] | None,
    group: int | None,
) -> int:
    """Write one history row (inside a write transaction); the first row of an operation (group None)
    becomes its group. Returns the group id."""
    row_id = db.insert_id(
        "INSERT INTO event_history (event_id, changed_at, actor, article_id, action, before, after, group_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event_id,
            now,
            actor,
            article_id,
            action,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
            group,
            None if detail is None else json.dumps(detail, ensure_ascii=False),
        ),
    )
    if group is None:
        db.execute("UPDATE event_history SET group_id = ? WHERE id = ?", (row_id, row_id))
        group = row_id
    return group


class HistoryBatch:
    """History rows written in batches, ids given up front (a re-clustering logs one row per event changed).

    Only for use inside a write transaction, which keeps other writers out while ids are handed out.
    Call `flush` at the end.
    """

    def __init__(self, db: Database, batch: int = _HISTORY_BATCH) -> None:
        self.db = db
        self.batch = batch
        self.next_id = int(db.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM event_history"))
        self.rows: list[tuple[Any, ...]] = []
        self.wrote = False

    def log(
        self,
        event_id: str,
        *,
        now: int,
        actor: str,
        action: str,
        before: Any,
        after: Any,
        detail: dict[str, Any],
        group: int | None,
    ) -> int:
        """Queue one row (no article: re-clustering reads no article); the first of an operation is its group."""
        row_id = self.next_id
        self.next_id += 1
        group = row_id if group is None else group
        self.rows.append((row_id, event_id, now, actor, None, action, None if before is None else _dumps(before),
                          _dumps(after), group, _dumps(detail)))  # fmt: skip
        if len(self.rows) >= self.batch:
            self.flush()
        return group

    def flush(self) -> None:
        """Write the queued rows."""
        if self.rows:
            self.db.bulk_insert("event_history", _HISTORY_COLUMNS, self.rows)
            self.rows.clear()
            self.wrote = True
        if self.wrote:
            self.db.sync_id_sequence("event_history")


def read_history(
    db: Database, event_id: str | None = None, *, since: int | None = None, group_id: int | None = None
) -> list[HistoryEntry]:
    """History rows, oldest first, for one event, from a time on and/or of one operation."""
    where: list[str] = []
    params: list[Any] = []
    if event_id is not None:
        where.append("event_id = ?")
        params.append(event_id)
    if since is not None:
        where.append("changed_at >= ?")
        params.append(since)
    if group_id is not None:
        where.append("group_id = ?")
        params.append(group_id)
    sql = "SELECT id, event_id, changed_at, actor, action, article_id, before, after, group_id FROM event_history"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id"
    return [
        HistoryEntry(
            id=r[0],
            event_id=r[1],
            changed_at=int(r[2]),
            actor=r[3] or "",
            action=r[4],
            article_id=r[5],
            before=json.loads(r[6]) if r[6] else None,
            after=json.loads(r[7]) if r[7] else None,
            group_id=r[8],
        )
        for r in db.execute(sql, params)
    ]
