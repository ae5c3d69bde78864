"""An analyst's corrections are final: the fields they set are locked against every later rewrite.

Each field an analyst corrects on the desk (`store.desk`) joins the event's `locked_fields`; `respect_locks`,
which the store's one write path (`records.write_event`) calls for every write of an event (ingest matching
a new source, re-clustering, undo), puts the analyst's values back. Rewriting a stored event also bumps its
`version`, the API's ETag, so an analyst holding an older version is told that the event changed.
"""

from __future__ import annotations

__all__ = ["EDITABLE_FIELDS", "respect_locks", "apply_locks"]

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sitrep.model import EventRecord, Evidence, event_fields

if TYPE_CHECKING:
    from sitrep.store.database import Database

# EventRecord's scalar fields an analyst may correct: not the id, the lists (merge and split change those),
# nor what the store keeps (the change time, the merge flags); declared on the record (`model.event_fields`).
EDITABLE_FIELDS: frozenset[str] = frozenset(f.name for f in event_fields() if f.editable)


def respect_locks(db: Database, event: EventRecord) -> EventRecord:
    """The write-path hook: keep an analyst's corrections when a stored event is rewritten.

    `records.write_event` calls it inside its write transaction, before the upsert. Rewriting a stored
    event also bumps its version, so an ETag a client holds no longer matches.

    Args:
        db: the store's database, inside the write transaction.
        event: the record about to be written.

    Returns:
        `event` with each locked field (and the evidence for it) replaced by the stored value; `event`
        itself when the event is new or nothing is locked.
    """
    row = db.one(
        "UPDATE events SET version = version + 1 WHERE event_id = ? RETURNING locked_fields", (event.event_id,)
    )
    if row is None:
        return event
    locked = json.loads(row[0] or "[]")
    if not locked:
        return event
    stored = db.scalar("SELECT record FROM event_records WHERE event_id = ?", (event.event_id,))
    return apply_locks(event, json.loads(stored), locked)


def apply_locks(event: EventRecord, stored: Mapping[str, Any], locked: Sequence[str]) -> EventRecord:
    """`event` with the analyst's locked fields (and their evidence) taken from the stored record.

    The pure part of `respect_locks`, for writers that read the stored rows in bulk (re-clustering);
    they bump the version themselves.

    Args:
        event: the record about to be written.
        stored: the record the row holds now (its to_dict()).
        locked: the row's locked_fields.

    Returns:
        `event` itself when nothing is locked.
    """
    values = {f: stored[f] for f in locked if f in EDITABLE_FIELDS and f in stored}
    if not values:
        return event
    kept = [e for e in event.evidence if e.field not in values]
    kept += [Evidence(**e) for e in stored.get("evidence", []) if e["field"] in values]
    return replace(event, **values, evidence=kept)
