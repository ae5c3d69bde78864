"""The analyst's desk on top of the SQLite store: review states, corrections, merges, splits, history.

An analyst's correction is final: each field an analyst set is added to the event's `locked_fields`, and
`respect_locks` (called by `SQLiteStore` whenever it writes an event, e.g. when dedup or re-extraction
rewrites it) puts the analyst's values back. Every action is one transaction that checks the event's
`version` (the API's ETag) first, so two analysts editing one event never silently overwrite each other,
and writes a row of `event_history` (who, when, before, after).

Usage:
    with SQLiteStore("sitrep.db") as store:
        desk = Desk(store)
        current = desk.get("3f2a9c-1")
        desk.edit(current.record.event_id, {"fatalities": 4}, who="amina", version=current.version)
"""

from __future__ import annotations

__all__ = [
    "REVIEW_STATES",
    "EDITABLE_FIELDS",
    "StoredEvent",
    "Change",
    "SplitPart",
    "Desk",
    "respect_locks",
]

import json
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sitrep import taxonomy
from sitrep.errors import EventNotFound, InvalidEdit, StaleVersion, StoreError
from sitrep.model import EventRecord, Evidence

if TYPE_CHECKING:
    from sitrep.store.sqlite import SQLiteStore

# "unreviewed" is what extraction writes; the other three are the analyst's verdicts.
REVIEW_STATES: tuple[str, ...] = ("unreviewed", "confirmed", "rejected", "needs_check")

# EventRecord's scalar fields an analyst may correct (not the id, nor the lists, which merge/split change).
_SCALAR_TYPES: dict[str, str] = {
    f.name: str(f.type)
    for f in fields(EventRecord)
    if f.name != "event_id" and not str(f.type).startswith("list")
}
EDITABLE_FIELDS: frozenset[str] = frozenset(_SCALAR_TYPES)

_RANGES: dict[str, tuple[float, float]] = {
    "time_precision": (1, 3),
    "geo_precision": (1, 3),
    "inter1": (0, 8),
    "inter2": (0, 8),
    "fatalities": (0, 1_000_000),
    "injuries": (0, 1_000_000),
    "latitude": (-90, 90),
    "longitude": (-180, 180),
    "confidence": (0, 1),
    "iso": (0, 999),
    "interaction": (0, 88),
    "timestamp": (0, 2**53),
}


@dataclass(frozen=True)
class StoredEvent:
    """An event as the desk sees it: the record plus its review state, locked fields and version."""

    record: EventRecord
    review_state: str = "unreviewed"
    locked_fields: tuple[str, ...] = ()
    version: int = 1

    @property
    def etag(self) -> str:
        """The HTTP entity tag for this version (a strong validator)."""
        return f'"{self.version}"'

    def to_dict(self) -> dict[str, Any]:
        """The record's to_dict() with review_state, locked_fields and version added."""
        d = self.record.to_dict()
        d["review_state"] = self.review_state
        d["locked_fields"] = list(self.locked_fields)
        d["version"] = self.version
        return d


@dataclass(frozen=True)
class Change:
    """One row of the audit history."""

    id: int
    event_id: str
    changed_at: int  # unix seconds
    actor: str
    action: str
    before: Any
    after: Any
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_id": self.event_id,
            "changed_at": self.changed_at,
            "actor": self.actor,
            "action": self.action,
            "article_id": self.article_id,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class SplitPart:
    """One event a split produces: which of the original's evidence it keeps, and fields to set."""

    evidence: tuple[int, ...] = ()
    set: Mapping[str, Any] = field(default_factory=dict)


def respect_locks(conn: sqlite3.Connection, event: EventRecord) -> EventRecord:
    """The write-path hook: keep an analyst's corrections when an already stored event is rewritten.

    Called by `SQLiteStore` inside its write transaction, before it upserts `event`. A rewrite of a
    stored event also bumps its version, so an ETag a client holds no longer matches.

    Args:
        conn: the store's connection, inside the write transaction.
        event: the record about to be written.

    Returns:
        `event` with every locked field (and the evidence for it) replaced by the stored value; `event`
        itself when the event is new or nothing is locked.
    """
    row = conn.execute("SELECT record, locked_fields FROM events WHERE event_id = ?", (event.event_id,)).fetchone()
    if row is None:
        return event
    conn.execute("UPDATE events SET version = version + 1 WHERE event_id = ?", (event.event_id,))
    locked = [f for f in json.loads(row[1] or "[]") if f in EDITABLE_FIELDS]
    if not locked:
        return event
    stored = json.loads(row[0])
    values = {f: stored[f] for f in locked if f in stored}
    kept = [e for e in event.evidence if e.field not in values]
    kept += [Evidence(**e) for e in stored.get("evidence", []) if e["field"] in values]
    return replace(event, **values, evidence=kept)


class Desk:
    """Analyst actions on a SQLiteStore's events. Every method that writes runs one transaction.

    Args:
        store: an open SQLiteStore (schema with migrations 2 and 3: event_history, deleted, review_state,
            locked_fields, version).
    """

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        # The store package's own connection: the desk is part of the store, not a client of it.
        self._conn: sqlite3.Connection = store._conn
        cols = [r[1] for r in self._conn.execute("PRAGMA table_info(events)")]
        self._columns = [c for c in cols if c in EDITABLE_FIELDS or c == "year"]

    # -- reading -----------------------------------------------------------------------------------

    def get(self, event_id: str) -> StoredEvent:
        """The live (not merged-away) event with this id.

        Raises:
            EventNotFound: there is none.
        """
        found = self._load(event_id)
        if found is None:
            raise EventNotFound(f"no event {event_id!r}", field="event_id")
        return found

    def find(self, event_ids: Iterable[str]) -> dict[str, StoredEvent]:
        """The live events among `event_ids`, by id (missing ones are left out)."""
        out: dict[str, StoredEvent] = {}
        for event_id in event_ids:
            found = self._load(event_id)
            if found is not None:
                out[event_id] = found
        return out

    def history(self, event_id: str) -> list[Change]:
        """The event's audit history, oldest first."""
        rows = self._conn.execute(
            "SELECT id, event_id, changed_at, actor, action, before, after, article_id FROM event_history "
            "WHERE event_id = ? ORDER BY changed_at, id",
            (event_id,),
        ).fetchall()
        return [
            Change(
                id=r[0],
                event_id=r[1],
                changed_at=int(r[2]),
                actor=r[3] or "",
                action=r[4],
                before=json.loads(r[5]) if r[5] else None,
                after=json.loads(r[6]) if r[6] else None,
                article_id=r[7],
            )
            for r in rows
        ]

    def linked_articles(self, event_id: str) -> list[str]:
        """Ids of the stored articles linked to the event, in id order."""
        rows = self._conn.execute(
            "SELECT article_id FROM event_articles WHERE event_id = ? ORDER BY article_id", (event_id,)
        ).fetchall()
        return [r[0] for r in rows]

    def events_of_article(self, article_id: str) -> list[StoredEvent]:
        """Live events that cite the article (linked to it, or with evidence in it), by date and id."""
        rows = self._conn.execute(
            "SELECT event_id FROM events WHERE deleted = 0 AND ("
            " event_id IN (SELECT event_id FROM event_articles WHERE article_id = ?)"
            " OR event_id IN (SELECT event_id FROM evidence WHERE article_id = ?)"
            ") ORDER BY event_date, event_id",
            (article_id, article_id),
        ).fetchall()
        return list(self.find(r[0] for r in rows).values())

    # -- writing -----------------------------------------------------------------------------------

    def edit(self, event_id: str, changes: Mapping[str, Any], *, who: str, version: int | None) -> StoredEvent:
        """Correct fields of an event; they become locked against re-extraction.

        Changing sub_event_type alone also sets its event_type and disorder_type (ACLED's taxonomy).

        Args:
            event_id: the event.
            changes: field name -> new value (see EDITABLE_FIELDS); values are checked and coerced.
            who: the analyst (token name), recorded in the history.
            version: the version the analyst edited (from the ETag); None skips the check.

        Returns:
            The event after the change (unchanged, with no history row, if every value was the same).

        Raises:
            EventNotFound: no live event with this id.
            StaleVersion: the event's version is not `version`.
            InvalidEdit: an unknown field, a value of the wrong type or out of range; `field` names it.
        """
        if not changes:
            raise InvalidEdit("no fields to change", field=None, hint="send at least one field")
        clean = {name: _coerce(name, value) for name, value in changes.items()}
        with self._write():
            current = self._current(event_id, version)
            clean = _with_taxonomy(current.record, clean)
            before = {k: getattr(current.record, k) for k in clean}
            diff = {k: v for k, v in clean.items() if before[k] != v}
            if not diff:
                return current
            record = replace(current.record, **diff)
            locked = tuple(sorted(set(current.locked_fields) | set(diff)))
            self._save(record, locked=locked)
            self._log(event_id, who, "edit", {k: before[k] for k in diff}, diff)
            return self._require(event_id)

    def review(self, event_id: str, state: str, *, who: str, version: int | None, note: str | None = None) -> StoredEvent:
        """Set the event's review state (confirmed, rejected, needs_check, or back to unreviewed).

        Raises:
            EventNotFound, StaleVersion: as for `edit`.
            InvalidEdit: `state` is not one of REVIEW_STATES.
        """
        if state not in REVIEW_STATES:
            raise InvalidEdit(f"unknown review state {state!r}; use one of {', '.join(REVIEW_STATES)}", field="state")
        with self._write():
            current = self._current(event_id, version)
            self._conn.execute(
                "UPDATE events SET review_state = ?, version = version + 1 WHERE event_id = ?", (state, event_id)
            )
            after: dict[str, Any] = {"review_state": state}
            if note:
                after["note"] = note
            self._log(event_id, who, "review", {"review_state": current.review_state}, after)
            return self._require(event_id)

    def merge(
        self,
        event_ids: Sequence[str],
        *,
        who: str,
        keep: str | None = None,
        versions: Mapping[str, int] | None = None,
    ) -> StoredEvent:
        """Merge events that report the same incident into one.

        The kept event gains the others' evidence, articles and mentions, and its empty fields take the
        first non-empty value among the others; the others are marked deleted (kept for the history).

        Args:
            event_ids: two or more distinct live events.
            who: the analyst.
            keep: the event that survives (default: the first of `event_ids`).
            versions: event_id -> expected version, checked for each id given.

        Returns:
            The merged event.

        Raises:
            EventNotFound: one of the ids is not a live event.
            StaleVersion: a version does not match.
            InvalidEdit: fewer than two distinct ids, or `keep` is not among them.
        """
        ids = list(dict.fromkeys(event_ids))
        if len(ids) < 2:
            raise InvalidEdit("a merge needs at least two different events", field="event_ids")
        keep = keep or ids[0]
        if keep not in ids:
            raise InvalidEdit(f"keep {keep!r} is not among the merged events", field="keep")
        versions = versions or {}
        with self._write():
            events = {i: self._current(i, versions.get(i)) for i in ids}
            kept = events[keep]
            others = [events[i] for i in ids if i != keep]
            record = kept.record
            evidence = list(record.evidence)
            articles = {a.id: a for a in record.articles}
            fill: dict[str, Any] = {}
            for other in others:
                evidence += [e for e in other.record.evidence if e not in evidence]
                for ref in other.record.articles:
                    articles.setdefault(ref.id, ref)
                for name in EDITABLE_FIELDS - set(kept.locked_fields) - set(fill):
                    if getattr(record, name) in ("", None) and getattr(other.record, name) not in ("", None):
                        fill[name] = getattr(other.record, name)
            merged = replace(record, **fill, evidence=evidence, articles=list(articles.values()))
            self._save(merged, locked=kept.locked_fields)
            moved = [o.record.event_id for o in others]
            marks = ",".join("?" for _ in moved)
            self._conn.execute(
                f"INSERT INTO event_articles (event_id, article_id) SELECT ?, article_id FROM event_articles "
                f"WHERE event_id IN ({marks}) ON CONFLICT DO NOTHING",
                (keep, *moved),
            )
            self._conn.execute(f"UPDATE mentions SET event_id = ? WHERE event_id IN ({marks})", (keep, *moved))
            self._conn.execute(
                f"UPDATE events SET deleted = 1, version = version + 1 WHERE event_id IN ({marks})", moved
            )
            for other in others:
                self._log(other.record.event_id, who, "merged_into", other.to_dict(), {"merged_into": keep})
            self._log(keep, who, "merge", kept.to_dict(), {**merged.to_dict(), "merged_from": moved})
            return self._require(keep)

    def split(
        self, event_id: str, parts: Sequence[SplitPart], *, who: str, version: int | None
    ) -> list[StoredEvent]:
        """Split an event that mixes several incidents into one event per part.

        The first part stays under the original id; each further part becomes a new event
        ("<id>-s1", "<id>-s2", ...). Each part keeps the original's evidence it names (evidence named by
        no part stays with the first), the articles that evidence cites, and the fields it sets, which
        become locked.

        Args:
            event_id: the event to split.
            parts: two or more parts.
            who: the analyst.
            version: the expected version of the event, or None.

        Returns:
            The events after the split, the original first.

        Raises:
            EventNotFound, StaleVersion: as for `edit`.
            InvalidEdit: fewer than two parts, an evidence index out of range or used twice, or a bad
                field value; `field` names it ("parts.1.evidence", "parts.0.set.fatalities").
        """
        if len(parts) < 2:
            raise InvalidEdit("a split needs at least two parts", field="parts")
        with self._write():
            current = self._current(event_id, version)
            original = current.record
            n = len(original.evidence)
            owner: dict[int, int] = {}
            for p, part in enumerate(parts):
                for i in part.evidence:
                    if not 0 <= i < n:
                        raise InvalidEdit(f"evidence index {i} out of range (0..{n - 1})", field=f"parts.{p}.evidence")
                    if i in owner:
                        raise InvalidEdit(f"evidence {i} is in parts {owner[i]} and {p}", field=f"parts.{p}.evidence")
                    owner[i] = p
            out_ids: list[str] = []
            records: list[tuple[EventRecord, tuple[str, ...]]] = []
            for p, part in enumerate(parts):
                try:
                    values = {k: _coerce(k, v) for k, v in part.set.items()}
                    values = _with_taxonomy(original, values)
                except InvalidEdit as exc:
                    raise InvalidEdit(exc.message, field=f"parts.{p}.set.{exc.field}") from None
                evidence = [e for i, e in enumerate(original.evidence) if owner.get(i, 0) == p]
                cited = {e.article_id for e in evidence}
                articles = [a for a in original.articles if a.id in cited] or list(original.articles)
                new_id = event_id if p == 0 else self._free_id(event_id)
                record = replace(original, event_id=new_id, evidence=evidence, articles=articles, **values)
                locked = tuple(sorted(set(current.locked_fields) | set(values)))
                records.append((record, locked))
                out_ids.append(new_id)
                if p == 0:
                    self._save(record, locked=locked)
                else:
                    self._insert(record, locked, review_state=current.review_state)
                    self._link(new_id, [a.id for a in articles])
            for new_id, (record, _) in zip(out_ids[1:], records[1:]):
                self._log(new_id, who, "split_from", None, {**record.to_dict(), "split_from": event_id})
            self._log(event_id, who, "split", current.to_dict(), {**records[0][0].to_dict(), "split_into": out_ids[1:]})
            return [self._require(i) for i in out_ids]

    def log_ingest(self, article_id: str, event_ids: Sequence[str], *, who: str) -> None:
        """Record that an analyst's upload (POST /api/articles) created or updated these events."""
        with self._write():
            for event_id in event_ids:
                found = self._load(event_id)
                after = found.to_dict() if found else None
                self._log(event_id, who, "ingest", None, after, article_id=article_id)

    # -- internals ---------------------------------------------------------------------------------

    def _write(self) -> _Transaction:
        return _Transaction(self._conn, self.store.path)

    def _load(self, event_id: str) -> StoredEvent | None:
        row = self._conn.execute(
            "SELECT record, review_state, locked_fields, version FROM events WHERE event_id = ? AND deleted = 0",
            (event_id,),
        ).fetchone()
        if row is None:
            return None
        return StoredEvent(
            record=EventRecord.from_dict(json.loads(row[0])),
            review_state=row[1],
            locked_fields=tuple(json.loads(row[2] or "[]")),
            version=int(row[3]),
        )

    def _require(self, event_id: str) -> StoredEvent:
        found = self._load(event_id)
        if found is None:  # pragma: no cover - only inside a transaction that just wrote it
            raise EventNotFound(f"no event {event_id!r}", field="event_id")
        return found

    def _current(self, event_id: str, version: int | None) -> StoredEvent:
        current = self._load(event_id)
        if current is None:
            raise EventNotFound(f"no event {event_id!r}", field="event_id")
        if version is not None and current.version != version:
            raise StaleVersion(
                f"event {event_id!r} is at version {current.version}, not {version}: someone changed it",
                field="If-Match",
            )
        return current

    def _save(self, record: EventRecord, *, locked: Sequence[str]) -> None:
        """Rewrite an existing event's columns, record, evidence rows and lock set; bump its version."""
        d = record.to_dict()
        sets = ", ".join(f"{c} = ?" for c in self._columns)
        self._conn.execute(
            f"UPDATE events SET {sets}, record = ?, locked_fields = ?, version = version + 1 WHERE event_id = ?",
            (*(d[c] for c in self._columns), json.dumps(d, ensure_ascii=False), json.dumps(list(locked)), record.event_id),
        )
        self._write_evidence(record)

    def _insert(self, record: EventRecord, locked: Sequence[str], *, review_state: str) -> None:
        d = record.to_dict()
        cols = ["event_id", *self._columns, "record", "locked_fields", "review_state"]
        values = (record.event_id, *(d[c] for c in self._columns), json.dumps(d, ensure_ascii=False),
                  json.dumps(list(locked)), review_state)  # fmt: skip
        self._conn.execute(
            f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", values
        )
        self._write_evidence(record)

    def _write_evidence(self, record: EventRecord) -> None:
        self._conn.execute("DELETE FROM evidence WHERE event_id = ?", (record.event_id,))
        self._conn.executemany(
            'INSERT INTO evidence (event_id, field, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
            [(record.event_id, e.field, e.article_id, e.start, e.end, e.text) for e in record.evidence],
        )

    def _link(self, event_id: str, article_ids: Iterable[str]) -> None:
        # Only articles stored here can be linked (event_articles has a foreign key to articles).
        self._conn.executemany(
            "INSERT INTO event_articles (event_id, article_id) SELECT ?, id FROM articles WHERE id = ? "
            "ON CONFLICT DO NOTHING",
            [(event_id, a) for a in article_ids],
        )

    def _free_id(self, base: str) -> str:
        k = 1
        while self._conn.execute("SELECT 1 FROM events WHERE event_id = ?", (f"{base}-s{k}",)).fetchone():
            k += 1
        return f"{base}-s{k}"

    def _log(self, event_id: str, who: str, action: str, before: Any, after: Any, *, article_id: str | None = None) -> None:
        self._conn.execute(
            "INSERT INTO event_history (event_id, changed_at, actor, article_id, action, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                event_id,
                int(time.time()),
                who,
                article_id,
                action,
                None if before is None else json.dumps(before, ensure_ascii=False),
                json.dumps(after, ensure_ascii=False),
            ),
        )


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; SQLite errors become StoreError."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    def __enter__(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot start a write transaction: {exc}") from exc

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error as error:
                exc = error
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{self.path}: the change was not saved: {exc}") from exc


def _coerce(name: str, value: Any) -> Any:
    """Check one corrected value against EventRecord's field type and ACLED's ranges."""
    kind = _SCALAR_TYPES.get(name)
    if kind is None:
        raise InvalidEdit(f"{name!r} is not a field an analyst can change", field=name,
                          hint="editable: " + ", ".join(sorted(EDITABLE_FIELDS)))  # fmt: skip
    optional = "None" in kind
    if value is None:
        if optional:
            return None
        raise InvalidEdit(f"{name} cannot be empty", field=name)
    if kind.startswith("int"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            raise InvalidEdit(f"{name} must be a whole number, got {value!r}", field=name)
        value = int(value)
    elif kind.startswith("float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidEdit(f"{name} must be a number, got {value!r}", field=name)
        value = float(value)
    elif not isinstance(value, str):
        raise InvalidEdit(f"{name} must be text, got {value!r}", field=name)
    if name in _RANGES:
        low, high = _RANGES[name]
        if not low <= value <= high or value != value:  # value != value: NaN
            raise InvalidEdit(f"{name} must be between {low:g} and {high:g}, got {value!r}", field=name)
    if name == "event_date":
        try:
            if len(value) != 10:
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise InvalidEdit(f"event_date must be a day as YYYY-MM-DD, got {value!r}", field=name) from None
    if name == "event_type" and value not in taxonomy.EVENT_TYPES:
        raise InvalidEdit(f"unknown event_type {value!r}", field=name, hint="one of: " + "; ".join(taxonomy.EVENT_TYPES))
    if name == "sub_event_type" and value not in taxonomy.SUB_EVENT_TYPES:
        raise InvalidEdit(f"unknown sub_event_type {value!r}", field=name, hint="see ACLED's codebook")
    return value


def _with_taxonomy(record: EventRecord, values: dict[str, Any]) -> dict[str, Any]:
    """Keep event_type, sub_event_type and disorder_type consistent with ACLED's taxonomy."""
    if "sub_event_type" not in values:
        if "event_type" in values and taxonomy.SUB_EVENT_TYPES.get(record.sub_event_type) != values["event_type"]:
            raise InvalidEdit(
                f"sub_event_type {record.sub_event_type!r} is not a kind of {values['event_type']!r}",
                field="event_type",
                hint="change sub_event_type too (or alone: event_type follows it)",
            )
        return values
    parent = taxonomy.SUB_EVENT_TYPES[values["sub_event_type"]]
    if values.setdefault("event_type", parent) != parent:
        raise InvalidEdit(
            f"sub_event_type {values['sub_event_type']!r} belongs to {parent!r}, not {values['event_type']!r}",
            field="sub_event_type",
        )
    values.setdefault("disorder_type", taxonomy.disorder_type(values["sub_event_type"]))
    return values

