"""Stable event ids over time: incremental matching, re-clustering, history and undo for `SQLiteStore`.

An event is rebuilt (`dedup.reconcile`) from its reports: the records that each article's extraction
gave for it, kept in `event_reports`. Ids never change once stored:

* a new article's record that matches a stored event is added to that event's reports, and the event is
  rebuilt under its own id (`ingest`);
* re-clustering the whole store (`store.recluster`) keeps, for each group of reports, the id of the
  oldest event they belonged to; the other events are marked deleted with `merged_into` pointing at it,
  and a group split off an event gets a new id (the report's own id when free, else "<id>-s1", "-s2", ...);
  an analyst's merges and splits are kept (`store.pins`);
* every change bumps the event's `timestamp` and writes an `event_history` row (who, when, from which
  article, and what changed: the old and new values of the fields that differ, the full record for a
  new event), with what `undo` needs to put the reports back (`detail`: reports and flags before and
  after). Evidence is not repeated in the history: it is the union of the reports' evidence. `undo`
  also reverses an analyst's desk merge or split (whose rows carry the same detail) and removes its pin.

The functions here run inside the store's connection and are reached through `SQLiteStore` methods
(`ingest`, `dedup`, `undo`, `history`, `reports`) and the desk (`store.review`); they are not a separate
client of the database.
"""

from __future__ import annotations

__all__ = [
    "HistoryEntry",
    "IngestResult",
    "DedupReport",
    "ingest",
    "undo",
    "history",
    "reports_of",
    "report_ids",
    "reports_or_adopt",
    "add_desk_report",
    "snapshot",
    "record_write",
]

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from sitrep import taxonomy
from sitrep.dedup.cluster import Group, cohesive
from sitrep.dedup.config import DedupConfig
from sitrep.dedup.frame import FrameBuilder, is_generic_actor, match_text
from sitrep.dedup.reconcile import is_revised, reconcile
from sitrep.dedup.score import score_pairs
from sitrep.errors import InvalidEdit, StoreError
from sitrep.model import Article, EventRecord
from sitrep.store.sqlite import RECORD_COLUMNS, record_dict

if TYPE_CHECKING:
    from sitrep.store.sqlite import SQLiteStore

_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({taxonomy.BATTLES, taxonomy.EXPLOSIONS, taxonomy.VAC}),
    frozenset({taxonomy.PROTESTS, taxonomy.RIOTS}),
)
# Columns of a report that matching reads: its rowid, event and event's rowid, then RAW_COLUMNS.
_REPORT_COLUMNS = (
    "r.rowid, r.event_id, e.rowid, r.event_date, r.time_precision, r.event_type, r.sub_event_type, r.actor1, "
    "r.actor2, r.country, r.admin1, r.admin2, r.location, r.latitude, r.longitude, r.geo_precision, "
    "r.fatalities, r.revised, r.published, r.article_id"
)
_SQL_CHUNK = 900  # bound parameters per IN (...) list, under SQLite's default limit
# Left out of the history's before/after: evidence follows the reports, which `detail` records.
_NOT_LOGGED = frozenset({"evidence"})


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


@dataclass(frozen=True)
class IngestResult:
    """What storing one article did: the events it created and the stored events it added a source to."""

    article_id: str
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()


@dataclass(frozen=True)
class DedupReport:
    """What re-clustering a store did."""

    reports: int  # reports (per-article records) clustered
    events_before: int  # live events before
    events_after: int  # live events after
    merged: int  # events merged into another one (now marked deleted)
    split: int  # events created by splitting an event
    changed: int  # events rewritten (survivors of merges and both sides of splits)
    pins: int = 0  # analysts' merges and splits that were kept (see `store.pins`)
    history_groups: tuple[int, ...] = field(default=(), repr=False)  # one per merge or split, for `undo`


@dataclass
class _State:
    """An event as `undo` needs it: its record, reports and deleted flag."""

    record: dict[str, Any]
    reports: list[str]
    deleted: bool
    merged_into: str

    def detail(self, prefix: str) -> dict[str, Any]:
        return {
            f"reports_{prefix}": self.reports,
            f"deleted_{prefix}": self.deleted,
            f"merged_into_{prefix}": self.merged_into,
        }


_NO_STATE = {"reports_before": [], "deleted_before": False, "merged_into_before": ""}


def _diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """What changed between two records: (the old values, the new values) of the fields that differ.

    Evidence is left out: it is the union of the event's reports' evidence, and `detail` records which
    reports the event had before and after (`undo` rebuilds it from them).
    """
    keys = [k for k in after if k not in _NOT_LOGGED and before.get(k) != after[k]]
    keys += [k for k in before if k not in after and k not in _NOT_LOGGED]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


# -- transactions and small helpers ----------------------------------------------------------------


@contextmanager
def _transaction(store: SQLiteStore) -> Iterator[None]:
    conn = store._conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StoreError(f"{store.path}: cannot start a write transaction: {exc}") from exc
    try:
        yield
        if conn.in_transaction:  # a body that found nothing to do may have rolled back already
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"{store.path}: the change was not saved: {exc}") from exc
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _chunks(items: Sequence[Any], size: int = _SQL_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _log(
    conn: sqlite3.Connection,
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
    """Write one history row; the first row of an operation (group None) becomes its group."""
    cur = conn.execute(
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
    row_id = int(cur.lastrowid or 0)
    if group is None:
        conn.execute("UPDATE event_history SET group_id = ? WHERE id = ?", (row_id, row_id))
        group = row_id
    return group


def report_ids(conn: sqlite3.Connection, event_id: str) -> list[str]:
    """Ids of the event's reports, in the order they were stored."""
    rows = conn.execute("SELECT report_id FROM event_reports WHERE event_id = ? ORDER BY rowid", (event_id,))
    return [r[0] for r in rows]


def reports_or_adopt(store: SQLiteStore, record: EventRecord, now: int) -> list[str]:
    """Ids of the stored event's reports; an event with none (stored by other means) first becomes its own.

    For the desk (inside its transaction): a merge or split moves reports, so every event it touches needs
    at least one.
    """
    found = report_ids(store._conn, record.event_id)
    if found:
        return found
    row = store._conn.execute(
        "SELECT MIN(article_id) FROM event_articles WHERE event_id = ?", (record.event_id,)
    ).fetchone()
    article_id = row[0] if row else None
    report_id = _free_report_id(store._conn, record.event_id, article_id or record.event_id)
    article = store.article(article_id) if article_id else None
    _insert_report(store._conn, report_id, record.event_id, article, record, now)
    return [report_id]


def add_desk_report(store: SQLiteStore, record: EventRecord, now: int) -> str:
    """Store `record` (an event an analyst made) as a report of itself; returns the new report's id.

    A desk split's part that none of the event's reports went with (one article telling two incidents)
    gets one, so that re-clustering has something to keep apart.
    """
    first = record.articles[0].id if record.articles else record.event_id
    report_id = _free_report_id(store._conn, record.event_id, first)
    _insert_report(store._conn, report_id, record.event_id, None, record, now)
    return report_id


def snapshot(conn: sqlite3.Connection, event_id: str) -> _State | None:
    """The event's current state (record, reports, deleted), or None if it is not stored."""
    row = conn.execute(f"SELECT {RECORD_COLUMNS} FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    return _State(record_dict(row), report_ids(conn, event_id), bool(row[1]), row[2] or "")


def _free_event_id(conn: sqlite3.Connection, wanted: str, taken: set[str] | None = None) -> str:
    """`wanted` if no event ever had it, else "<wanted>-s1", "-s2", ... (ids are never reused)."""

    def used(x: str) -> bool:
        return (taken is not None and x in taken) or conn.execute(
            "SELECT 1 FROM events WHERE event_id = ?", (x,)
        ).fetchone() is not None

    if not used(wanted):
        return wanted
    k = 1
    while used(f"{wanted}-s{k}"):
        k += 1
    return f"{wanted}-s{k}"


def _free_report_id(conn: sqlite3.Connection, wanted: str, article_id: str) -> str:
    def used(x: str) -> bool:
        return conn.execute("SELECT 1 FROM event_reports WHERE report_id = ?", (x,)).fetchone() is not None

    if not used(wanted):
        return wanted
    candidate = f"{wanted}@{article_id[:12]}"
    k = 1
    while used(candidate):
        candidate = f"{wanted}@{article_id[:12]}-{k}"
        k += 1
    return candidate


def _insert_report(
    conn: sqlite3.Connection, report_id: str, event_id: str, article: Article | None, record: EventRecord, now: int
) -> None:
    record = replace(record, deleted=False, merged_into="")
    first = record.articles[0] if record.articles else None
    published = (
        article.published.isoformat() if article is not None and article.published else (first.date if first else None)
    )
    cursor = conn.execute(
        "INSERT INTO event_reports (report_id, event_id, article_id, added_at, event_date, time_precision, "
        "event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location, latitude, longitude, "
        "geo_precision, fatalities, revised, published) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            report_id,
            event_id,
            article.id if article is not None else (first.id if first else None),
            now,
            record.event_date,
            record.time_precision,
            record.event_type,
            record.sub_event_type,
            record.actor1,
            record.actor2,
            record.country,
            record.admin1,
            record.admin2,
            record.location,
            record.latitude,
            record.longitude,
            record.geo_precision,
            record.fatalities,
            int(is_revised(record)),
            published,
        ),
    )
    conn.execute(
        "INSERT INTO report_records (id, text, record) VALUES (?, ?, ?)",
        (cursor.lastrowid, match_text(record), json.dumps(record.to_dict(), ensure_ascii=False)),
    )


def _load_reports(conn: sqlite3.Connection, report_ids: Sequence[str]) -> list[EventRecord]:
    """The records of these reports, in the order given."""
    found: dict[str, EventRecord] = {}
    for chunk in _chunks(list(report_ids)):
        rows = conn.execute(
            "SELECT r.report_id, x.record FROM event_reports r JOIN report_records x ON x.id = r.id "
            f"WHERE r.report_id IN ({_marks(len(chunk))})",
            chunk,
        )
        for rid, text in rows:
            found[rid] = EventRecord.from_dict(json.loads(text))
    return [found[r] for r in report_ids if r in found]


def _save(
    store: SQLiteStore,
    record: EventRecord,
    link_article: str | None,
    *,
    prune: bool = True,
    stored: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write an event through the store's one write path (evidence rows, article links, columns).

    With `prune`, a live event is linked to exactly the articles it cites (a split part takes its
    articles along); a merged-away one keeps its links, for the record. `stored` (the record the row
    holds now) lets the store update only the columns that changed.

    Returns:
        The record as written (after analyst locks).
    """
    written = store._write_event(link_article, record, stored=stored)
    if prune and not record.deleted:
        cited = [a.id for a in record.articles]
        store._conn.execute(
            f"DELETE FROM event_articles WHERE event_id = ? AND article_id NOT IN ({_marks(len(cited))})",
            (record.event_id, *cited),
        )
    return written


def _rebuild(store: SQLiteStore, event_id: str, now: int) -> EventRecord:
    """Reconcile an event from its reports, under its own id, with a fresh timestamp."""
    records = _load_reports(store._conn, report_ids(store._conn, event_id))
    return replace(reconcile(records, event_id=event_id), timestamp=now)


# -- matching against the store ----------------------------------------------------------------------


def _family_types(event_type: str) -> list[str]:
    for family in _FAMILIES:
        if event_type in family:
            return sorted(family)
    return [event_type]


def _texts_by_rowid(conn: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in _chunks(list(rowids)):
        for rowid, text in conn.execute(
            f"SELECT id, text FROM report_records WHERE id IN ({_marks(len(chunk))})", chunk
        ):
            out[rowid] = text
    return out


def _match(conn: sqlite3.Connection, record: EventRecord, config: DedupConfig) -> str | None:
    """The live stored event this record reports, or None.

    Blocking is indexed SQL (event date window, country or a coordinate box, type family); the candidates
    are then scored and guarded exactly as in batch clustering, against every report of each event.
    """
    try:
        day = date.fromisoformat(record.event_date)
    except ValueError:
        return None
    window = timedelta(days=config.window_days)
    types = _family_types(record.event_type)
    common = ["e.deleted = 0", "r.event_date BETWEEN ? AND ?", f"r.event_type IN ({_marks(len(types))})"]
    common_params: list[Any] = [(day - window).isoformat(), (day + window).isoformat(), *types]
    # The same blocks as batch clustering: the country (or a box around the coordinates), and for a record
    # with no place at all (or reports with none), the same named perpetrator. One query per block, so
    # that each uses its index with the date range (an OR of blocks would not).
    blocks: list[tuple[str, list[Any]]] = []
    if record.country:
        blocks.append(("r.country = ? COLLATE NOCASE", [record.country]))
    elif record.latitude is not None and record.longitude is not None:
        blocks.append(("r.latitude BETWEEN ? AND ? AND r.longitude BETWEEN ? AND ?",
                       [record.latitude - 1, record.latitude + 1, record.longitude - 1, record.longitude + 1]))  # fmt: skip
    if record.actor1 and not is_generic_actor(record.actor1):
        placeless = (
            "" if not record.country and record.latitude is None else " AND r.country = '' AND r.latitude IS NULL"
        )
        blocks.append((f"r.actor1 = ?{placeless}", [record.actor1]))
    event_ids: list[str] = []
    for condition, params in blocks:
        sql = (
            "SELECT DISTINCT r.event_id FROM event_reports r JOIN events e ON e.event_id = r.event_id "
            f"WHERE {' AND '.join(common)} AND {condition}"
        )
        event_ids += [r[0] for r in conn.execute(sql, [*common_params, *params])]
    event_ids = sorted(set(event_ids))
    if not event_ids:
        return None
    # Every report of each candidate event, so the chain guard sees the whole event.
    rows: list[Sequence[Any]] = []
    for chunk in _chunks(event_ids):
        rows += conn.execute(
            f"SELECT {_REPORT_COLUMNS} FROM event_reports r JOIN events e ON e.event_id = r.event_id "
            f"WHERE r.event_id IN ({_marks(len(chunk))}) ORDER BY r.rowid",
            chunk,
        ).fetchall()
    builder = FrameBuilder()
    builder.add_record(record, revised=is_revised(record))
    builder.extend(row[3:] for row in rows)
    own_text = match_text(record)
    rowids = [int(r[0]) for r in rows]

    def texts(frame_rows: Sequence[int]) -> list[str]:
        wanted = _texts_by_rowid(conn, [rowids[k - 1] for k in frame_rows if k > 0])
        return [own_text if k == 0 else wanted.get(rowids[k - 1], "") for k in frame_rows]

    frame = builder.build(texts)
    n = len(rows)
    scores = score_pairs(frame, np.zeros(n, dtype=np.int64), np.arange(1, n + 1, dtype=np.int64), config)
    best: dict[str, tuple[float, int]] = {}
    members: dict[str, list[int]] = {}
    for k, row in enumerate(rows):
        event_id, age = row[1], int(row[2])
        members.setdefault(event_id, []).append(k + 1)
        if scores[k] >= config.threshold and scores[k] > best.get(event_id, (-1.0, 0))[0]:
            best[event_id] = (float(scores[k]), age)
    me = Group.of_rows(frame, [0])
    for event_id in sorted(best, key=lambda e: (-best[e][0], best[e][1])):
        rows_of_event = members[event_id]
        links = sum(1 for k in rows_of_event if scores[k - 1] >= config.threshold)
        if Group.of_rows(frame, rows_of_event).can_join(me, config) and cohesive(links, len(rows_of_event), 1, config):
            return event_id
    return None


# -- writing: one article, incrementally ---------------------------------------------------------------


def record_write(
    store: SQLiteStore, article: Article, event: EventRecord, before: _State | None, now: int, actor: str
) -> None:
    """After `add_article` wrote `event` as given: keep it as a report of itself and log the change."""
    conn = store._conn
    report_id = _free_report_id(conn, event.event_id, article.id)
    _insert_report(conn, report_id, event.event_id, article, event, now)
    after = snapshot(conn, event.event_id)
    assert after is not None
    detail = {**(before.detail("before") if before else _NO_STATE), **after.detail("after")}
    old, new = _diff(before.record, after.record) if before else (None, after.record)
    _log(conn, event.event_id, now=now, actor=actor, action="update" if before else "create", article_id=article.id,
         before=old, after=new, detail=detail, group=None)  # fmt: skip


def ingest(
    store: SQLiteStore,
    article: Article,
    events: Sequence[EventRecord],
    mentions: Iterable[Any],
    *,
    config: DedupConfig,
    actor: str,
) -> IngestResult | None:
    """Store an article, matching each of its events against the stored ones (see `SQLiteStore.ingest`)."""
    conn = store._conn
    now = store._now()
    created: list[str] = []
    updated: list[str] = []
    with _transaction(store):
        if not store._insert_article(article):
            conn.execute("ROLLBACK")
            return None
        for record in events:
            record = replace(record, deleted=False, merged_into="")
            report_id = _free_report_id(conn, record.event_id, article.id)
            target = _match(conn, record, config)
            if target is None:
                event_id = _free_event_id(conn, record.event_id)
                _insert_report(conn, report_id, event_id, article, record, now)
                rebuilt = replace(reconcile([record], event_id=event_id), timestamp=now)
                _save(store, rebuilt, article.id)
                _log(conn, event_id, now=now, actor=actor, action="create", article_id=article.id, before=None,
                     after=rebuilt.to_dict(), group=None,
                     detail={**_NO_STATE, "reports_after": [report_id], "deleted_after": False, "merged_into_after": ""})  # fmt: skip
                created.append(event_id)
            else:
                before = snapshot(conn, target)
                assert before is not None
                _insert_report(conn, report_id, target, article, record, now)
                rebuilt = _rebuild(store, target, now)
                written = _save(store, rebuilt, article.id, stored=before.record)
                after = _State(written, report_ids(conn, target), False, "")
                old, new = _diff(before.record, written)
                _log(conn, target, now=now, actor=actor, action="update", article_id=article.id, before=old,
                     after=new, detail={**before.detail("before"), **after.detail("after")}, group=None)  # fmt: skip
                updated.append(target)
        for mention in mentions:
            store._write_mention(article.id, mention)
    return IngestResult(article.id, tuple(created), tuple(dict.fromkeys(updated)))


def _set_flags(conn: sqlite3.Connection, event_id: str, *, deleted: bool, merged_into: str, now: int) -> None:
    """Change only an event's deleted flag, survivor pointer and timestamp.

    A merged-away event keeps its record, evidence and links as they were, for the record; these three
    columns are the truth for those fields (readers put them over the record's, see `sqlite.RECORD_COLUMNS`).
    """
    conn.execute(
        "UPDATE events SET deleted = ?, merged_into = ?, timestamp = ? WHERE event_id = ?",
        (int(deleted), merged_into, now, event_id),
    )


# -- undo -------------------------------------------------------------------------------------------


def undo(store: SQLiteStore, history_id: int, *, actor: str = "sitrep") -> list[str]:
    """Reverse the merge, split or update that wrote history row `history_id` (see `SQLiteStore.undo`).

    Works for sitrep's own operations (ingest, re-clustering) and for an analyst's desk merge or split,
    whose pin it removes; an analyst's edit or review carries no undo detail and is refused.
    """
    from sitrep.store import pins

    conn = store._conn
    row = conn.execute("SELECT group_id FROM event_history WHERE id = ?", (history_id,)).fetchone()
    if row is None:
        raise InvalidEdit(f"no history entry {history_id}", field="history_id", hint="list them with store.history()")
    group_id = row[0]
    rows = conn.execute(
        "SELECT id, event_id, action, before, detail, after FROM event_history WHERE group_id = ? ORDER BY id",
        (group_id,),
    ).fetchall()
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
    now = store._now()
    touched: list[str] = []
    with _transaction(store):
        steps = [
            (r[1], json.loads(r[3]) if r[3] else None, json.loads(r[4]), json.loads(r[5]) if r[5] else {}) for r in rows
        ]
        # Refuse when anything changed since: undo would throw that change away.
        final: dict[str, dict[str, Any]] = {}
        for event_id, _, detail, _ in steps:
            final[event_id] = detail
        for event_id, detail in final.items():
            current = snapshot(conn, event_id)
            if (
                current is None
                or current.reports != detail["reports_after"]
                or current.deleted != detail["deleted_after"]
            ):
                raise InvalidEdit(
                    f"event {event_id} changed after history entry {history_id}; undo the later change first",
                    field="history_id",
                )
        first_state: dict[str, tuple[Any, dict[str, Any], dict[str, Any]]] = {}
        for event_id, before, detail, after in steps:
            first_state.setdefault(event_id, (before, detail, after))
        restored_reports = {r for _, detail, _ in first_state.values() for r in detail["reports_before"]}
        # A desk merge or split is pinned under its group id: the pin goes with it.
        unpinned = pins.remove_pin(conn, group_id)
        # Reports the operation made up (a desk split's part that no article's report went with) go too.
        made_up = [r for _, _, detail, _ in steps for r in detail.get("reports_created", [])]
        for chunk in _chunks(made_up):
            conn.execute(f"DELETE FROM event_reports WHERE report_id IN ({_marks(len(chunk))})", chunk)
        group: int | None = None
        # Put every report (and mention) back where it was, then the events' records and flags.
        for event_id, (before, detail, _) in first_state.items():
            for chunk in _chunks(detail["reports_before"]):
                conn.execute(
                    f"UPDATE event_reports SET event_id = ? WHERE report_id IN ({_marks(len(chunk))})",
                    (event_id, *chunk),
                )
            for chunk in _chunks(detail.get("mentions_before", [])):
                conn.execute(f"UPDATE mentions SET event_id = ? WHERE id IN ({_marks(len(chunk))})", (event_id, *chunk))
        orphans = [
            r
            for detail in final.values()
            for r in detail["reports_after"]
            if r not in restored_reports and r not in made_up
        ]
        for event_id, (before, detail, after) in first_state.items():
            old = snapshot(conn, event_id)
            assert old is not None
            if "locked_before" in detail:
                # A desk split locked the fields it set: the event gets back the locks it had.
                conn.execute("UPDATE events SET locked_fields = ? WHERE event_id = ?",
                             (json.dumps(sorted(detail["locked_before"])), event_id))  # fmt: skip
            if before is None:
                # Created by the operation: it goes, its reports having gone back where they came from.
                home = _home_of(conn, [r for r in detail["reports_after"] if r not in made_up]) or after.get(
                    "split_from", ""
                )
                _set_flags(conn, event_id, deleted=True, merged_into=home, now=now)
            elif set(before) <= {"deleted", "merged_into"}:
                # Only its flags changed (a merged-away event): put them back.
                _set_flags(
                    conn, event_id, deleted=detail["deleted_before"], merged_into=detail["merged_into_before"], now=now
                )
            else:
                # `before` holds the old values of what the operation changed (a desk action's: the whole
                # record): put them back; sitrep's rows leave evidence out, which is that of the reports.
                restored = {**old.record, **before}
                if detail["reports_before"] and "evidence" not in before:
                    restored["evidence"] = [
                        e.to_dict() for e in reconcile(_load_reports(conn, detail["reports_before"])).evidence
                    ]
                record = EventRecord.from_dict(restored)
                record = replace(record, deleted=detail["deleted_before"], merged_into=detail["merged_into_before"],
                                 timestamp=now)  # fmt: skip
                _save(store, record, None, stored=old.record)
            new = snapshot(conn, event_id)
            assert new is not None
            was, now_is = _diff(old.record, new.record)
            extra = {"undoes": group_id, **({"unpins": group_id} if unpinned else {})}
            group = _log(conn, event_id, now=now, actor=actor, action="undo", article_id=None, before=was,
                         after={**now_is, **extra}, group=group,
                         detail={**old.detail("before"), **new.detail("after")})  # fmt: skip
            touched.append(event_id)
        # Reports the operation brought in (a new article's record added to an event) become events of their own.
        for report_id in dict.fromkeys(orphans):
            (record,) = _load_reports(conn, [report_id])
            event_id = _free_event_id(conn, report_id)
            conn.execute("UPDATE event_reports SET event_id = ? WHERE report_id = ?", (event_id, report_id))
            rebuilt = replace(reconcile([record], event_id=event_id), timestamp=now)
            _save(store, rebuilt, None)
            new = snapshot(conn, event_id)
            assert new is not None
            group = _log(conn, event_id, now=now, actor=actor, action="undo", article_id=None, before=None,
                         after={**new.record, "undoes": group_id}, group=group,
                         detail={**_NO_STATE, **new.detail("after")})  # fmt: skip
            touched.append(event_id)
    return touched


def _home_of(conn: sqlite3.Connection, report_ids: Sequence[str]) -> str | None:
    """The event that now holds most of these reports."""
    if not report_ids:
        return None
    row = conn.execute(
        f"SELECT event_id FROM event_reports WHERE report_id IN ({_marks(len(report_ids))}) "
        "GROUP BY event_id ORDER BY COUNT(*) DESC, MIN(rowid) LIMIT 1",
        list(report_ids),
    ).fetchone()
    return row[0] if row else None


# -- reading ----------------------------------------------------------------------------------------


def history(
    conn: sqlite3.Connection, event_id: str | None = None, *, since: int | None = None, group_id: int | None = None
) -> list[HistoryEntry]:
    """History rows, oldest first, for one event and/or from a time on (see `SQLiteStore.history`)."""
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
        for r in conn.execute(sql, params)
    ]


def reports_of(conn: sqlite3.Connection, event_id: str) -> list[EventRecord]:
    """The per-article records an event is built from, in the order they were stored."""
    return _load_reports(conn, report_ids(conn, event_id))
