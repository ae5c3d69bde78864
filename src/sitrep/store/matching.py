"""Ingest with matching: a new article's records join the stored events they report, one article at a time.

Each record is matched against live stored events: blocking is indexed SQL (event date window, country or
a coordinate box, type family, or the same named perpetrator), then the candidates are scored and guarded
exactly as in batch clustering (`sitrep.dedup`), against every report of each event. A match adds the
record to that event's reports and rebuilds the event under its own id; otherwise a new event is created
under the record's id. Every change bumps the event's timestamp and writes a history row naming the
article. The whole article is one write transaction under the store's write lock, so several processes
ingesting at once never create one event twice: each sees every report stored before it.
"""

from __future__ import annotations

__all__ = ["IngestResult", "ingest", "match"]

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from sitrep import taxonomy
from sitrep.dedup.cluster import Group, cohesive
from sitrep.dedup.config import DedupConfig
from sitrep.dedup.frame import FrameBuilder, is_generic_actor, match_text
from sitrep.dedup.reconcile import is_revised, reconcile
from sitrep.dedup.score import score_pairs
from sitrep.model import Article, EventRecord
from sitrep.store.database import Database
from sitrep.store.history import NO_STATE, EventState, diff, log_change, snapshot
from sitrep.store.records import insert_article, write_mention
from sitrep.store.reports import (
    REPORT_COLUMNS,
    chunks,
    free_event_id,
    free_report_id,
    insert_report,
    marks,
    rebuild_event,
    report_ids,
    save_event,
    texts_by_id,
)

_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({taxonomy.BATTLES, taxonomy.EXPLOSIONS, taxonomy.VAC}),
    frozenset({taxonomy.PROTESTS, taxonomy.RIOTS}),
)


@dataclass(frozen=True)
class IngestResult:
    """What storing one article did: the events it created and the stored events it added a source to."""

    article_id: str
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()


def _family_types(event_type: str) -> list[str]:
    for family in _FAMILIES:
        if event_type in family:
            return sorted(family)
    return [event_type]


def match(db: Database, record: EventRecord, config: DedupConfig) -> str | None:
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
    common = ["e.deleted = 0", "r.event_date BETWEEN ? AND ?", f"r.event_type IN ({marks(len(types))})"]
    common_params: list[Any] = [(day - window).isoformat(), (day + window).isoformat(), *types]
    # The same blocks as batch clustering: the country (or a box around the coordinates), and for a record
    # with no place at all (or reports with none), the same named perpetrator. One query per block, so
    # that each uses its index with the date range (an OR of blocks would not).
    blocks: list[tuple[str, list[Any]]] = []
    if record.country:
        blocks.append((db.dialect.equals_nocase("r.country"), [record.country]))
    elif record.latitude is not None and record.longitude is not None:
        box = [record.latitude - 1, record.latitude + 1, record.longitude - 1, record.longitude + 1]
        blocks.append(("r.latitude BETWEEN ? AND ? AND r.longitude BETWEEN ? AND ?", box))
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
        event_ids += [r[0] for r in db.execute(sql, [*common_params, *params])]
    event_ids = sorted(set(event_ids))
    if not event_ids:
        return None
    # Every report of each candidate event, so the chain guard sees the whole event.
    rows: list[Sequence[Any]] = []
    for chunk in chunks(event_ids):
        rows += db.all(
            f"SELECT {REPORT_COLUMNS} FROM event_reports r JOIN events e ON e.event_id = r.event_id "
            f"WHERE r.event_id IN ({marks(len(chunk))}) ORDER BY r.id",
            chunk,
        )
    builder = FrameBuilder()
    builder.add_record(record, revised=is_revised(record))
    builder.extend(row[3:] for row in rows)
    own_text = match_text(record)
    keys = [int(r[0]) for r in rows]

    def texts(frame_rows: Sequence[int]) -> list[str]:
        wanted = texts_by_id(db, [keys[k - 1] for k in frame_rows if k > 0])
        return [own_text if k == 0 else wanted.get(keys[k - 1], "") for k in frame_rows]

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


def ingest(
    db: Database,
    article: Article,
    events: Sequence[EventRecord],
    mentions: Iterable[Any],
    *,
    config: DedupConfig,
    actor: str,
) -> IngestResult | None:
    """Store an article, matching each of its events against the stored ones (see `Store.ingest`).

    Returns:
        What it created and updated, or None (and nothing changed) when the article is already stored.
    """
    created: list[str] = []
    updated: list[str] = []
    with db.transaction(f"cannot store article {article.id}"):
        if not insert_article(db, article):
            return None  # already stored (perhaps a moment ago by another process): nothing was written
        now = db.now()
        for record in events:
            record = replace(record, deleted=False, merged_into="")
            report_id = free_report_id(db, record.event_id, article.id)
            target = match(db, record, config)
            if target is None:
                event_id = free_event_id(db, record.event_id)
                insert_report(db, report_id, event_id, article, record, now)
                rebuilt = replace(reconcile([record], event_id=event_id), timestamp=now)
                save_event(db, rebuilt, article.id)
                log_change(db, event_id, now=now, actor=actor, action="create", article_id=article.id, before=None,
                           after=rebuilt.to_dict(), group=None,
                           detail={**NO_STATE, "reports_after": [report_id], "deleted_after": False,
                                   "merged_into_after": ""})  # fmt: skip
                created.append(event_id)
            else:
                before = snapshot(db, target)
                assert before is not None
                insert_report(db, report_id, target, article, record, now)
                rebuilt = rebuild_event(db, target, now)
                written = save_event(db, rebuilt, article.id, stored=before.record)
                after = EventState(written, report_ids(db, target), False, "")
                old, new = diff(before.record, written)
                detail = {**before.detail("before"), **after.detail("after")}
                log_change(db, target, now=now, actor=actor, action="update", article_id=article.id, before=old,
                           after=new, detail=detail, group=None)  # fmt: skip
                updated.append(target)
        for mention in mentions:
            write_mention(db, article.id, mention)
    return IngestResult(article.id, tuple(created), tuple(dict.fromkeys(updated)))
