"""Re-clustering a whole store (`sitrep dedup`): every live report matched again, in one transaction.

    scan     event_reports (narrow rows) -> EventFrame, the event of each report
    match    dedup.find_clusters, with analysts' pins as Constraints -> a label per report
    compare  labels vs current events -> the components that changed (everything else is left alone)
    plan     per component: which id each cluster keeps (its oldest event's), which events merge away
    rebuild  per component: reconcile the cluster's reports, keep analysts' locks, diff with the stored row
    write    per batch of components, one table at a time in row order; the reports' moves at the end

Ids stay stable (see `store.history`): a cluster keeps the id of the oldest event it holds reports of, the
other events are flagged deleted with `merged_into` naming it, and a part split off gets a new id. Each
merge or split is one history group that `Store.undo` reverses.

Why it is written this way: the worst case (a store filled without matching: at a million reports, half
the events merge away and a quarter are rewritten) changes most of the file in one transaction. SQLite
spills the changed pages that its cache cannot hold to the WAL, and every page it reads afterwards that is
not in its cache is first looked up in the WAL's index, which costs more the longer the WAL is. So the
writes touch as few pages as they can: each table's rows of a batch are written together, in row order;
only the columns that changed are written; a merged-away event changes three narrow columns and keeps its
record as it was (schema version 4 moved the JSON records out of the indexed rows); and when most events
change, the indexes that every write would update are dropped and built again at the end
(`_indexes_set_aside`). BENCHMARKS.md ("Deduplication") has the measurements.
"""

from __future__ import annotations

__all__ = ["recluster"]

import gc
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sitrep.dedup import find_clusters
from sitrep.dedup.cluster import DisjointSets
from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig
from sitrep.dedup.frame import EventFrame, FrameBuilder
from sitrep.dedup.reconcile import reconcile
from sitrep.model import EventRecord
from sitrep.store import pins
from sitrep.store.database import Database
from sitrep.store.history import NO_STATE, EventState, HistoryBatch, diff
from sitrep.store.locks import apply_locks
from sitrep.store.records import EVENT_COLUMNS, RECORD_COLUMNS, link_only_cited, read_article, record_dict
from sitrep.store.reports import (
    REPORT_COLUMNS,
    chunks,
    free_event_id,
    free_report_id,
    insert_report,
    marks,
    save_event,
    texts_by_id,
)

_WRITE_CHUNK = 5_000  # components rebuilt and written per batch
_HISTORY_BATCH = 5_000  # history rows per INSERT batch
# From this share of live events changed on, a re-clustering builds the indexes it churns again instead of
# updating them (see `_indexes_set_aside`): at a million events, updating cost about 60 us per changed event
# (plus 100 us of text index per rewritten one) and building again about 20 us per event.
_BULK_SHARE = 0.25
# Compact JSON, as readers need no spaces: hundreds of thousands of records are written.
_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode


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


def recluster(db: Database, *, config: DedupConfig = DEFAULT_CONFIG, actor: str = "sitrep") -> DedupReport:
    """Re-cluster every report of every live event and apply the merges and splits (see `Store.dedup`).

    Args:
        db: the store's database.
        config: matching settings.
        actor: who is recorded in the history.

    Returns:
        What changed.

    Raises:
        StoreError: the database refused the write; nothing is changed.
    """
    # Millions of long-lived objects (rows, ids, codes) would make every cyclic collection rescan them
    # all: re-clustering allocates no reference cycles worth collecting, so the collector waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with db.bulk_writing(), db.transaction():
            return _recluster(db, db.now(), config, actor)
    finally:
        if collecting:
            gc.enable()


def _recluster(db: Database, now: int, config: DedupConfig, actor: str) -> DedupReport:
    _adopt_events_without_reports(db, now)
    scan = _Scan.read(db)
    if not scan.report_ids:
        return DedupReport(0, 0, 0, 0, 0, 0)
    constraints, n_pins = pins.constraints_for(db, scan.keys)
    labels = find_clusters(scan.frame, config, constraints)
    del scan.frame  # its columns are not needed any more, only the codes below
    components = _dirty_components(labels, scan.events_of_row, len(scan.event_ids))
    # Oldest events first, so that each batch writes rows that lie near each other.
    components.sort(key=lambda rows: min(scan.event_rowids[int(scan.events_of_row[r])] for r in rows))
    history = HistoryBatch(db, batch=_HISTORY_BATCH)
    moves: list[tuple[int, str]] = []  # (report key, new event id), applied last in one sweep
    taken: set[str] = set()
    totals = Counter[str]()
    groups: list[int] = []
    affected = len({int(scan.events_of_row[r]) for rows in components for r in rows})
    with _indexes_set_aside(db, bulk=affected >= _BULK_SHARE * len(scan.event_ids)):
        for start in range(0, len(components), _WRITE_CHUNK):
            batch = _Batch()
            chunk = components[start : start + _WRITE_CHUNK]
            plans = [_plan(db, rows, labels, scan, taken) for rows in chunk]
            records = _records(db, [int(scan.keys[r]) for rows in chunk for r in rows])
            survivors = sorted(
                {scan.event_index[t] for plan in plans for t in plan.target.values() if t in scan.event_index}
            )
            stored = _stored(db, [scan.event_rowids[code] for code in survivors])
            for plan in plans:
                group = _rebuild(db, plan, scan, records, stored, now, actor, batch, history, moves, totals)
                if group is not None:
                    groups.append(group)
            batch.write(db, now)
        history.flush()
        _move_reports(db, moves)
    n_events = len(scan.event_ids)
    return DedupReport(
        reports=len(scan.report_ids),
        events_before=n_events,
        events_after=n_events - totals["merged"] + totals["split"],
        merged=totals["merged"],
        split=totals["split"],
        changed=totals["changed"],
        pins=n_pins,
        history_groups=tuple(groups),
    )


# The indexes a re-clustering updates for (nearly) every event, report or link it writes, by table: those
# that hold one of these columns. `_indexes_set_aside` drops and builds them again around a bulk re-cluster.
_CHURNED: dict[str, frozenset[str]] = {
    "events": frozenset({"deleted", "timestamp", "fatalities"}),  # flags, change times, tolls
    "event_reports": frozenset({"event_id"}),  # the reports' moves
    "event_articles": frozenset({"article_id"}),  # a survivor's new sources
    "event_history": frozenset({"event_id"}),  # a row per event changed
}


@contextmanager
def _indexes_set_aside(db: Database, *, bulk: bool) -> Iterator[None]:
    """With `bulk`, drop the indexes that the writes would churn (`_CHURNED`, as the backend judges them:
    `Database.churned_indexes`) for the body; then build them again, and the text index from scratch.

    When most events change, sorted index builds beat updating each entry in place: at a million events
    on SQLite, flagging half of them took 28 s with the indexes and 2.5 s without, and updating the other
    quarter 31 s with the text-search trigger and 1.6 s without, while building the 9 indexes of `events`
    on `deleted`, `timestamp` or `fatalities` takes 14 s and the text index 7 s. The indexes the writes
    look rows up with (primary keys, `evidence_event`) stay. Inside the transaction, so readers keep seeing
    the old indexes until the commit.
    """
    if not bulk:
        yield
        return
    schema = [pair for table, churned in _CHURNED.items() for pair in db.churned_indexes(table, churned)]
    for drop, _ in schema:
        db.execute(drop)
    yield
    db.before_index_builds()
    for _, create in schema:
        db.execute(create)
    db.after_bulk_rewrite()


def _move_reports(db: Database, moves: list[tuple[int, str]]) -> None:
    """Give reports their new events: (report key, event id) pairs, applied in key order (one sweep)."""
    moves.sort()
    db.bulk_update("event_reports", "id", ("event_id",), [(e, r) for r, e in moves])


def _adopt_events_without_reports(db: Database, now: int) -> None:
    """Live events with no report (stored by other means, e.g. a desk split before schema 4) become their own."""
    # Two steps: the ids come from a covering index (a million events in seconds), the records only for those.
    orphans = [row[0] for row in db.execute(
        "SELECT event_id FROM events WHERE deleted = 0 "
        "AND NOT EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = events.event_id)"
    )]  # fmt: skip
    rows = [
        db.one(
            f"SELECT {RECORD_COLUMNS}, "
            "(SELECT MIN(article_id) FROM event_articles a WHERE a.event_id = events.event_id) "
            "FROM events WHERE event_id = ?",
            (event_id,),
        )
        for event_id in orphans
    ]
    for row in rows:
        record = EventRecord.from_dict(record_dict(row))
        article_id = row[4]
        report_id = free_report_id(db, record.event_id, article_id or record.event_id)
        insert_report(db, report_id, record.event_id, read_article(db, article_id) if article_id else None, record, now)


# -- scan and compare ------------------------------------------------------------------------------------


@dataclass
class _Scan:
    """Every report of a live event, in the order they were stored, and the events they belong to."""

    frame: EventFrame
    keys: np.ndarray  # event_reports.id of each row, ascending
    report_ids: list[str]
    events_of_row: np.ndarray  # code of each row's event
    event_ids: list[str]  # by code
    event_index: dict[str, int]  # event id -> code
    event_rowids: list[int]  # events.rowid by code: the order events were stored in, oldest first
    merged_into: list[str]  # by code (a live event's is normally empty)
    first_row: np.ndarray = field(init=False, repr=False)  # rows of event c: by_event[first_row[c]:first_row[c + 1]]
    by_event: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_event = np.argsort(self.events_of_row, kind="stable")
        self.first_row = np.searchsorted(self.events_of_row[self.by_event], np.arange(len(self.event_ids) + 1))

    def reports_of(self, code: int) -> list[str]:
        """The report ids of a current event, in the order they were stored."""
        rows = self.by_event[self.first_row[code] : self.first_row[code + 1]]
        return [self.report_ids[r] for r in rows.tolist()]

    @classmethod
    def read(cls, db: Database) -> _Scan:
        builder = FrameBuilder()
        keys: list[int] = []
        report_ids: list[str] = []
        codes: list[int] = []
        index: dict[str, int] = {}
        event_rowids: list[int] = []
        merged_into: list[str] = []
        for batch in db.batches(
            f"SELECT r.report_id, e.merged_into, {REPORT_COLUMNS} FROM event_reports r "
            "JOIN events e ON e.event_id = r.event_id WHERE e.deleted = 0 ORDER BY r.id"
        ):
            builder.extend(row[5:] for row in batch)
            for row in batch:
                report_ids.append(row[0])
                keys.append(row[2])
                code = index.get(row[3])
                if code is None:
                    code = index[row[3]] = len(index)
                    event_rowids.append(row[4])
                    merged_into.append(row[1] or "")
                codes.append(code)
        sorted_keys = np.asarray(keys, dtype=np.int64)
        del keys

        def texts(frame_rows: Sequence[int]) -> list[str]:
            wanted = [int(sorted_keys[k]) for k in frame_rows]
            found = texts_by_id(db, wanted)
            return [found.get(key, "") for key in wanted]

        frame = builder.build(texts)
        return cls(frame, sorted_keys, report_ids, np.asarray(codes, dtype=np.int64), list(index), index,
                   event_rowids, merged_into)  # fmt: skip


def _dirty_components(labels: np.ndarray, events: np.ndarray, n_events: int) -> list[list[int]]:
    """Rows (grouped by connected component) whose clusters and current events disagree.

    A component links the new clusters and the current events that share reports; it is clean (and left
    alone) when it is one cluster holding exactly the reports of one event.
    """
    n_labels = int(labels.max()) + 1
    combo = np.unique(labels.astype(np.int64) * n_events + events)
    lab, ev = combo // n_events, combo % n_events
    events_per_label = np.bincount(lab, minlength=n_labels)
    labels_per_event = np.bincount(ev, minlength=n_events)
    dirty = (events_per_label[lab] > 1) | (labels_per_event[ev] > 1)
    lab, ev = lab[dirty], ev[dirty]
    if lab.size == 0:
        return []
    # Union-find over labels (0..L-1) and events (L..L+E-1).
    sets = DisjointSets(n_labels + n_events)
    for a, b in zip(lab.tolist(), (ev + n_labels).tolist(), strict=True):
        sets.union(a, b)
    dirty_labels = np.zeros(n_labels, dtype=bool)
    dirty_labels[lab] = True
    rows = np.nonzero(dirty_labels[labels])[0]
    by_component: dict[int, list[int]] = {}
    for r, label in zip(rows.tolist(), labels[rows].tolist(), strict=True):
        by_component.setdefault(sets.find(label), []).append(r)
    return list(by_component.values())


# -- plan ------------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """How one component is applied: each new cluster's id, what it absorbs or was split from."""

    clusters: dict[int, list[int]]  # label -> frame rows, in stored order
    order: list[int]  # labels, by their first report
    target: dict[int, str]  # label -> the event id it is written as
    absorbed: dict[int, list[int]]  # label -> codes of the events merged into it (flagged deleted)
    parent_of: dict[int, str]  # label -> the event a new (split-off) cluster came from


def _plan(db: Database, rows: list[int], labels: np.ndarray, scan: _Scan, taken: set[str]) -> _Plan:
    """Ids for the clusters of one component: stable for the oldest event, new ones only for split parts."""
    events_of_row = scan.events_of_row
    clusters: dict[int, list[int]] = {}
    for r in rows:
        clusters.setdefault(int(labels[r]), []).append(r)
    for members in clusters.values():
        members.sort()  # frame rows follow the stored order
    order = sorted(clusters, key=lambda label: clusters[label][0])
    rank = {label: k for k, label in enumerate(order)}
    # Each current event is claimed by the cluster that holds most of its reports (ties: its earliest one).
    counts: dict[int, dict[int, int]] = {}
    for label in order:
        for r in clusters[label]:
            by_label = counts.setdefault(int(events_of_row[r]), {})
            by_label[label] = by_label.get(label, 0) + 1
    claimant = {ev: min(by_label, key=lambda label: (-by_label[label], rank[label])) for ev, by_label in counts.items()}
    target: dict[int, str] = {}
    parent_of: dict[int, str] = {}
    absorbed: dict[int, list[int]] = {}
    for label in order:
        owned = sorted((ev for ev, c in claimant.items() if c == label), key=lambda ev: scan.event_rowids[ev])
        if owned:
            target[label] = scan.event_ids[owned[0]]
            absorbed[label] = owned[1:]
        else:
            first = clusters[label][0]
            parent_of[label] = scan.event_ids[int(events_of_row[first])]
            target[label] = free_event_id(db, scan.report_ids[first], taken)
            taken.add(target[label])
    return _Plan(clusters, order, target, absorbed, parent_of)


# -- rebuild ---------------------------------------------------------------------------------------------


@dataclass
class _Stored:
    """What a surviving event's row holds now."""

    rowid: int
    record: dict[str, Any]
    locked: list[str]


def _records(db: Database, keys: Sequence[int]) -> dict[int, EventRecord]:
    """The reports' records, by their `event_reports` id."""
    out: dict[int, EventRecord] = {}
    for chunk in chunks(sorted(keys)):
        for key, text in db.execute(f"SELECT id, record FROM report_records WHERE id IN ({marks(len(chunk))})", chunk):
            out[key] = EventRecord.from_dict(json.loads(text))
    return out


def _stored(db: Database, rowids: Sequence[int]) -> dict[str, _Stored]:
    """The current rows of the events that clusters keep, by event id."""
    out: dict[str, _Stored] = {}
    for chunk in chunks(sorted(rowids)):
        for row in db.execute(
            f"SELECT rowid, locked_fields, {RECORD_COLUMNS}, event_id FROM events WHERE rowid IN ({marks(len(chunk))})",
            chunk,
        ):
            out[row[6]] = _Stored(row[0], record_dict(row[2:6]), json.loads(row[1] or "[]"))
    return out


@dataclass
class _Batch:
    """The writes of one batch of components, applied table by table, each in row order."""

    columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = field(default_factory=dict)  # changed -> (values.., rowid)
    records: list[tuple[int, str, str]] = field(default_factory=list)  # (events rowid, record JSON, event id)
    evidence_gone: list[tuple[Any, ...]] = field(default_factory=list)  # (event id, field, article, start, end, text)
    evidence_new: list[tuple[Any, ...]] = field(default_factory=list)
    links_new: list[tuple[str, str]] = field(default_factory=list)  # (event id, article id)
    links_kept: list[tuple[str, list[str]]] = field(default_factory=list)  # (event id, the only articles it keeps)
    flagged: list[tuple[int, str]] = field(default_factory=list)  # (events rowid, merged into)

    def update(self, stored: _Stored, written: dict[str, Any], *, prune: bool) -> None:
        """Queue the writes that turn a stored event into `written` (what `records.write_event` does)."""
        old = stored.record
        changed = tuple(c for c in EVENT_COLUMNS[1:] if written[c] != old.get(c))
        self.columns.setdefault(changed, []).append((*(written[c] for c in changed), stored.rowid))
        event_id = written["event_id"]
        self.records.append((stored.rowid, _dumps(written), event_id))
        # Evidence rows mirror the record's evidence (with repeats, if any): only the difference is written.
        before = Counter(
            [(event_id, e["field"], e["article_id"], e["start"], e["end"], e["text"]) for e in old.get("evidence", [])]
        )
        after = Counter(
            [(event_id, e["field"], e["article_id"], e["start"], e["end"], e["text"]) for e in written["evidence"]]
        )
        self.evidence_gone += (before - after).elements()
        self.evidence_new += (after - before).elements()
        linked = {a["id"] for a in old.get("articles", [])}
        self.links_new += [(event_id, a["id"]) for a in written["articles"] if a["id"] not in linked]
        if prune:
            self.links_kept.append((event_id, [a["id"] for a in written["articles"]]))

    def write(self, db: Database, now: int) -> None:
        """Apply the batch (inside the re-clustering transaction)."""
        for changed, rows in self.columns.items():
            rows.sort(key=lambda row: row[-1])
            # Every rewrite bumps the version, the desk's ETag (as `locks.respect_locks` does).
            db.bulk_update("events", "rowid", changed, rows, also="version = version + 1")
        self.records.sort()
        db.bulk_update("event_records", "event_id", ("record",), [(r, e) for _, r, e in self.records])
        db.executemany(
            "DELETE FROM evidence WHERE rowid = (SELECT rowid FROM evidence WHERE event_id = ? AND field = ? AND "
            'article_id = ? AND start = ? AND "end" = ? AND text = ? LIMIT 1)',
            self.evidence_gone,
        )
        db.bulk_insert("evidence", ("event_id", "field", "article_id", "start", "end", "text"), self.evidence_new)
        # Other sources the record cites are linked only if they are stored here.
        db.executemany(
            "INSERT INTO event_articles (event_id, article_id) "
            "SELECT CAST(? AS TEXT), id FROM articles WHERE id = ? ON CONFLICT DO NOTHING",
            self.links_new,
        )
        for event_id, cited in self.links_kept:  # a survivor that lost reports is linked to what it cites
            link_only_cited(db, event_id, cited)
        self.flagged.sort()
        # A merged-away event keeps its record, evidence and links as they were, for the record: only the
        # three columns that say it went change (readers take them over the record's).
        db.bulk_update(
            "events",
            "rowid",
            ("merged_into", "timestamp"),
            [(into, now, rowid) for rowid, into in self.flagged],
            also="deleted = 1",
        )


def _rebuild(
    db: Database,
    plan: _Plan,
    scan: _Scan,
    records: dict[int, EventRecord],
    stored: dict[str, _Stored],
    now: int,
    actor: str,
    batch: _Batch,
    history: HistoryBatch,
    moves: list[tuple[int, str]],
    totals: Counter[str],
) -> int | None:
    """Rebuild the events of one component, queue their writes in `batch`, log one history group.

    Returns:
        The history group id.
    """
    split_into: dict[str, list[str]] = {}
    for label, parent in plan.parent_of.items():
        split_into.setdefault(parent, []).append(plan.target[label])
    group: int | None = None
    for label in plan.order:
        event_id = plan.target[label]
        members = plan.clusters[label]
        moves += [
            (int(scan.keys[r]), event_id) for r in members if scan.event_ids[int(scan.events_of_row[r])] != event_id
        ]
        member_reports = [scan.report_ids[r] for r in members]
        rebuilt = reconcile([records[int(scan.keys[r])] for r in members], event_id=event_id)
        rebuilt.timestamp = now  # a fresh record of reconcile's own, so no copy is needed
        code = scan.event_index.get(event_id)
        old = (
            EventState(stored[event_id].record, scan.reports_of(code), False, scan.merged_into[code])
            if code is not None
            else None
        )
        if old is None:  # a part split off: a new event, written at once through the store's one write path
            written = save_event(db, rebuilt, None, prune=False)
        else:
            row = stored[event_id]
            if row.locked:  # an analyst's corrections win over the rebuilt values
                rebuilt = apply_locks(rebuilt, row.record, row.locked)
            written = rebuilt.to_dict()
            batch.update(row, written, prune=not set(old.reports) <= set(member_reports))
        after = EventState(written, member_reports, False, "")
        merged_from = [scan.event_ids[ev] for ev in plan.absorbed.get(label, [])]
        extra: dict[str, Any] = {}
        if merged_from:
            action, extra["merged_from"] = "merge", merged_from
        elif old is not None:
            action = "split"
        else:
            action, extra["split_from"] = "split_from", plan.parent_of[label]
        if event_id in split_into:
            extra["split_into"] = split_into[event_id]
        detail = {**(old.detail("before") if old else NO_STATE), **after.detail("after")}
        was, now_is = diff(old.record, written) if old else (None, written)
        group = history.log(event_id, now=now, actor=actor, action=action, before=was, after={**now_is, **extra},
                            detail=detail, group=group)  # fmt: skip
        totals["changed"] += 1
        totals["split"] += old is None
        for ev in plan.absorbed.get(label, []):
            loser = scan.event_ids[ev]
            batch.flagged.append((scan.event_rowids[ev], event_id))
            # Only the flags changed (the record stays as it was): log just those.
            before = {"deleted": False, "merged_into": scan.merged_into[ev]}
            group = history.log(loser, now=now, actor=actor, action="merged_into", before=before,
                                after={"deleted": True, "merged_into": event_id},
                                detail={"reports_before": scan.reports_of(ev), "deleted_before": False,
                                        "merged_into_before": scan.merged_into[ev], "reports_after": [],
                                        "deleted_after": True, "merged_into_after": event_id},
                                group=group)  # fmt: skip
            totals["merged"] += 1
    return group
