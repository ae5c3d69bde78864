"""An analyst's merges and splits, pinned so that re-clustering never undoes them.

A desk merge or split (`store.desk.Desk`) records a pin: the partition of reports that the analyst
decided, one part per resulting event. Re-clustering (`store.recluster`) turns the pins into
`dedup.Constraints`: reports of one part stay in one event, reports of different parts never share one,
and reports no analyst looked at may still join either side. Where two pins disagree (a merge later split
again) the newest wins. A pin's id is the history group of the desk action that set it, so undoing that
action (`Store.undo`) removes exactly its pin.

Pins name reports (`event_reports.report_id`), not events: report ids never change, while event ids come
and go as events merge.
"""

from __future__ import annotations

__all__ = ["Pin", "add_pin", "remove_pin", "pins", "constraints_for"]

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sitrep.dedup.cluster import Constraints

if TYPE_CHECKING:
    from sitrep.store.database import Database


@dataclass(frozen=True)
class Pin:
    """One analyst decision: its id (the desk action's history group), who made it, and its parts."""

    id: int
    action: str  # "merge" or "split"
    actor: str
    created_at: int  # unix seconds
    parts: tuple[tuple[str, ...], ...]  # report ids, one tuple per resulting event


def add_pin(db: Database, pin_id: int, *, action: str, actor: str, now: int, parts: Sequence[Sequence[str]]) -> None:
    """Record a desk action's decision (inside its transaction).

    Args:
        db: the store's database, in a write transaction.
        pin_id: the history group of the desk action.
        action: "merge" or "split".
        actor: the analyst.
        now: unix seconds.
        parts: report ids of each resulting event.
    """
    db.execute(
        "INSERT INTO event_pins (id, action, actor, created_at) VALUES (?, ?, ?, ?)", (pin_id, action, actor, now)
    )
    db.executemany(
        "INSERT INTO event_pin_reports (pin_id, report_id, part) VALUES (?, ?, ?)",
        [(pin_id, report_id, k) for k, part in enumerate(parts) for report_id in part],
    )


def remove_pin(db: Database, pin_id: int) -> bool:
    """Delete a pin and its reports (when its desk action is undone); False if there was none."""
    db.execute("DELETE FROM event_pin_reports WHERE pin_id = ?", (pin_id,))
    return db.execute("DELETE FROM event_pins WHERE id = ?", (pin_id,)).rowcount > 0


def pins(db: Database) -> list[Pin]:
    """Every pin, newest first."""
    parts: dict[int, dict[int, list[str]]] = {}
    for pin_id, part, report_id in db.execute(
        "SELECT pin_id, part, report_id FROM event_pin_reports ORDER BY pin_id, part, report_id"
    ):
        parts.setdefault(pin_id, {}).setdefault(part, []).append(report_id)
    out = []
    for pin_id, action, actor, created_at in db.execute(
        "SELECT id, action, actor, created_at FROM event_pins ORDER BY id DESC"
    ):
        by_part = parts.get(pin_id, {})
        out.append(Pin(pin_id, action, actor, created_at, tuple(tuple(by_part[k]) for k in sorted(by_part))))
    return out


def constraints_for(db: Database, rowids: Sequence[int] | np.ndarray) -> tuple[Constraints, int]:
    """The pins as constraints on the rows of a re-clustering frame.

    Args:
        db: the store's database.
        rowids: the `event_reports` id of each frame row, ascending (the order re-clustering reads).

    Returns:
        (constraints, pins that bear on at least two of the rows). Reports that are not in the frame (of
        events no longer live) drop out of their pins.
    """
    sorted_rowids = np.asarray(rowids, dtype=np.int64)
    decisions: dict[int, dict[int, list[int]]] = {}
    for pin_id, part, rowid in db.execute(
        "SELECT p.pin_id, p.part, r.id FROM event_pin_reports p JOIN event_reports r ON r.report_id = p.report_id"
    ):
        k = int(np.searchsorted(sorted_rowids, rowid))
        if k < len(sorted_rowids) and sorted_rowids[k] == rowid:
            decisions.setdefault(pin_id, {}).setdefault(part, []).append(k)
    useful = {
        pin_id: [sorted(rows) for _, rows in sorted(parts.items())]
        for pin_id, parts in decisions.items()
        if sum(len(rows) for rows in parts.values()) > 1
    }
    newest_first = [useful[pin_id] for pin_id in sorted(useful, reverse=True)]
    return Constraints.from_decisions(newest_first), len(newest_first)
