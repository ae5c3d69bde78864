"""Undo: reverse one operation of the history (a merge, a split, a source added by ingest, a desk action).

Every row of the operation's history group is reversed: reports go back to the events they were in,
records and deleted flags are restored, events the operation created are marked deleted, and a record a
new article brought in becomes an event of its own. An analyst's desk merge or split is pinned
(`store.pins`) under its group id: the pin goes with it. The undo is itself logged (action "undo").
"""

from __future__ import annotations

__all__ = ["undo"]

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sitrep.dedup.reconcile import reconcile
from sitrep.errors import InvalidEdit
from sitrep.model import EventRecord
from sitrep.store import pins
from sitrep.store.database import Database
from sitrep.store.history import NO_STATE, diff, log_change, snapshot
from sitrep.store.reports import chunks, free_event_id, load_reports, marks, save_event


def _set_flags(db: Database, event_id: str, *, deleted: bool, merged_into: str, now: int) -> None:
    """Change only an event's deleted flag, survivor pointer and timestamp.

    A merged-away event keeps its record, evidence and links as they were, for the record; these three
    columns are the truth for those fields (readers put them over the record's, see `records.RECORD_COLUMNS`).
    """
    db.execute(
        "UPDATE events SET deleted = ?, merged_into = ?, timestamp = ? WHERE event_id = ?",
        (int(deleted), merged_into, now, event_id),
    )


def undo(db: Database, history_id: int, *, actor: str = "sitrep") -> list[str]:
    """Reverse the merge, split or update that wrote history row `history_id` (see `Store.undo`).

    Works for sitrep's own operations (ingest, re-clustering) and for an analyst's desk merge or split,
    whose pin it removes; an analyst's edit or review carries no undo detail and is refused.

    Returns:
        The ids of the events the undo changed.

    Raises:
        InvalidEdit: no such row, an edit or review, an operation that only created events, or one whose
            events changed since.
        StoreError: the database refused the write; nothing is changed.
    """
    with db.transaction():
        row = db.one("SELECT group_id FROM event_history WHERE id = ?", (history_id,))
        if row is None:
            raise InvalidEdit(
                f"no history entry {history_id}", field="history_id", hint="list them with store.history()"
            )
        group_id = row[0]
        rows = db.all(
            "SELECT id, event_id, action, before, detail, after FROM event_history WHERE group_id = ? ORDER BY id",
            (group_id,),
        )
        if group_id is None or any(r[4] is None for r in rows):
            raise InvalidEdit(
                f"history entry {history_id} is an analyst's edit or review, which undo does not reverse",
                field="history_id",
                hint="correct the event again on the desk",
            )
        if all(r[2] == "create" for r in rows):
            raise InvalidEdit(
                f"history entry {history_id} created an event; there is no merge or split to undo", field="history_id"
            )
        return _undo_group(db, group_id, history_id, rows, actor)


def _undo_group(db: Database, group_id: int, history_id: int, rows: Sequence[Any], actor: str) -> list[str]:
    now = db.now()
    touched: list[str] = []
    steps = [
        (r[1], json.loads(r[3]) if r[3] else None, json.loads(r[4]), json.loads(r[5]) if r[5] else {}) for r in rows
    ]
    # Refuse when anything changed since: undo would throw that change away.
    final: dict[str, dict[str, Any]] = {}
    for event_id, _, detail, _ in steps:
        final[event_id] = detail
    for event_id, detail in final.items():
        current = snapshot(db, event_id)
        if current is None or current.reports != detail["reports_after"] or current.deleted != detail["deleted_after"]:
            raise InvalidEdit(
                f"event {event_id} changed after history entry {history_id}; undo the later change first",
                field="history_id",
            )
    first_state: dict[str, tuple[Any, dict[str, Any], dict[str, Any]]] = {}
    for event_id, before, detail, after in steps:
        first_state.setdefault(event_id, (before, detail, after))
    restored_reports = {r for _, detail, _ in first_state.values() for r in detail["reports_before"]}
    # A desk merge or split is pinned under its group id: the pin goes with it.
    unpinned = pins.remove_pin(db, group_id)
    # Reports the operation made up (a desk split's part that no article's report went with) go too.
    made_up = [r for _, _, detail, _ in steps for r in detail.get("reports_created", [])]
    for chunk in chunks(made_up):
        db.execute(f"DELETE FROM event_reports WHERE report_id IN ({marks(len(chunk))})", chunk)
    group: int | None = None
    # Put every report (and mention) back where it was, then the events' records and flags.
    for event_id, (_, detail, _) in first_state.items():
        for chunk in chunks(detail["reports_before"]):
            db.execute(
                f"UPDATE event_reports SET event_id = ? WHERE report_id IN ({marks(len(chunk))})", (event_id, *chunk)
            )
        for chunk in chunks(detail.get("mentions_before", [])):
            db.execute(f"UPDATE mentions SET event_id = ? WHERE id IN ({marks(len(chunk))})", (event_id, *chunk))
    orphans = [
        r
        for detail in final.values()
        for r in detail["reports_after"]
        if r not in restored_reports and r not in made_up
    ]
    for event_id, (before, detail, after) in first_state.items():
        old = snapshot(db, event_id)
        assert old is not None
        if "locked_before" in detail:
            # A desk split locked the fields it set: the event gets back the locks it had.
            db.execute("UPDATE events SET locked_fields = ? WHERE event_id = ?",
                       (json.dumps(sorted(detail["locked_before"])), event_id))  # fmt: skip
        if before is None:
            # Created by the operation: it goes, its reports having gone back where they came from.
            home = _home_of(db, [r for r in detail["reports_after"] if r not in made_up]) or after.get("split_from", "")
            _set_flags(db, event_id, deleted=True, merged_into=home, now=now)
        elif set(before) <= {"deleted", "merged_into"}:
            # Only its flags changed (a merged-away event): put them back.
            _set_flags(
                db, event_id, deleted=detail["deleted_before"], merged_into=detail["merged_into_before"], now=now
            )
        else:
            # `before` holds the old values of what the operation changed (a desk action's: the whole
            # record): put them back; sitrep's rows leave evidence out, which is that of the reports.
            restored = {**old.record, **before}
            if detail["reports_before"] and "evidence" not in before:
                restored["evidence"] = [
                    e.to_dict() for e in reconcile(load_reports(db, detail["reports_before"])).evidence
                ]
            record = EventRecord.from_dict(restored)
            record = replace(record, deleted=detail["deleted_before"], merged_into=detail["merged_into_before"],
                             timestamp=now)  # fmt: skip
            save_event(db, record, None, stored=old.record)
        new = snapshot(db, event_id)
        assert new is not None
        was, now_is = diff(old.record, new.record)
        extra = {"undoes": group_id, **({"unpins": group_id} if unpinned else {})}
        group = log_change(db, event_id, now=now, actor=actor, action="undo", article_id=None, before=was,
                           after={**now_is, **extra}, group=group,
                           detail={**old.detail("before"), **new.detail("after")})  # fmt: skip
        touched.append(event_id)
    # Reports the operation brought in (a new article's record added to an event) become events of their own.
    for report_id in dict.fromkeys(orphans):
        (record,) = load_reports(db, [report_id])
        event_id = free_event_id(db, report_id)
        db.execute("UPDATE event_reports SET event_id = ? WHERE report_id = ?", (event_id, report_id))
        rebuilt = replace(reconcile([record], event_id=event_id), timestamp=now)
        save_event(db, rebuilt, None)
        new = snapshot(db, event_id)
        assert new is not None
        group = log_change(db, event_id, now=now, actor=actor, action="undo", article_id=None, before=None,
                           after={**new.record, "undoes": group_id}, group=group,
                           detail={**NO_STATE, **new.detail("after")})  # fmt: skip
        touched.append(event_id)
    return touched


def _home_of(db: Database, report_ids: Sequence[str]) -> str | None:
    """The event that now holds most of these reports."""
    if not report_ids:
        return None
    row = db.one(
        f"SELECT event_id FROM event_reports WHERE report_id IN ({marks(len(report_ids))}) "
        "GROUP BY event_id ORDER BY COUNT(*) DESC, MIN(id) LIMIT 1",
        list(report_ids),
    )
    return row[0] if row else None
