"""Reports: what each article said about an event, as extracted, and the events rebuilt from them.

An event is rebuilt (`dedup.reconcile`) from its reports, kept in `event_reports` (the columns matching
compares, so blocking is indexed SQL) and `report_records` (the full record and its matching text). Report
ids never change once stored, so pins and history name reports; which event holds a report changes as
events merge and split.
"""

from __future__ import annotations

__all__ = [
    "REPORT_COLUMNS",
    "chunks",
    "marks",
    "report_ids",
    "reports_of",
    "load_reports",
    "texts_by_id",
    "insert_report",
    "free_event_id",
    "free_report_id",
    "reports_or_adopt",
    "add_desk_report",
    "save_event",
    "rebuild_event",
]

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from sitrep.dedup.frame import match_text
from sitrep.dedup.reconcile import is_revised, reconcile
from sitrep.model import Article, EventRecord
from sitrep.store.database import Database
from sitrep.store.records import event_exists, link_only_cited, read_article, write_event

# Columns of a report that matching reads: its id, event and event's rowid, then dedup.frame's RAW_COLUMNS.
REPORT_COLUMNS = (
    "r.id, r.event_id, e.rowid, r.event_date, r.time_precision, r.event_type, r.sub_event_type, r.actor1, "
    "r.actor2, r.country, r.admin1, r.admin2, r.location, r.latitude, r.longitude, r.geo_precision, "
    "r.fatalities, r.revised, r.published, r.article_id"
)
_SQL_CHUNK = 900  # bound parameters per IN (...) list, under SQLite's default limit


def chunks(items: Sequence[Any], size: int = _SQL_CHUNK) -> Iterator[Sequence[Any]]:
    """`items` in slices small enough for one IN (...) list."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(n: int) -> str:
    """n placeholders for an IN (...) list."""
    return ",".join("?" * n)


def report_ids(db: Database, event_id: str) -> list[str]:
    """Ids of the event's reports, in the order they were stored."""
    return [r[0] for r in db.execute("SELECT report_id FROM event_reports WHERE event_id = ? ORDER BY id", (event_id,))]


def load_reports(db: Database, ids: Sequence[str]) -> list[EventRecord]:
    """The records of these reports, in the order given."""
    found: dict[str, EventRecord] = {}
    for chunk in chunks(list(ids)):
        rows = db.execute(
            "SELECT r.report_id, x.record FROM event_reports r JOIN report_records x ON x.id = r.id "
            f"WHERE r.report_id IN ({marks(len(chunk))})",
            chunk,
        )
        for rid, text in rows:
            found[rid] = EventRecord.from_dict(json.loads(text))
    return [found[r] for r in ids if r in found]


def reports_of(db: Database, event_id: str) -> list[EventRecord]:
    """The per-article records an event is built from, in the order they were stored."""
    return load_reports(db, report_ids(db, event_id))


def texts_by_id(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """The matching texts (`dedup.frame.match_text`) of reports, by their `event_reports.id`."""
    out: dict[int, str] = {}
    for chunk in chunks(list(ids)):
        for key, text in db.execute(f"SELECT id, text FROM report_records WHERE id IN ({marks(len(chunk))})", chunk):
            out[key] = text
    return out


def insert_report(
    db: Database, report_id: str, event_id: str, article: Article | None, record: EventRecord, now: int
) -> None:
    """Store `record` as report `report_id` of event `event_id` (the event need not be written yet)."""
    record = replace(record, deleted=False, merged_into="")
    first = record.articles[0] if record.articles else None
    published = (
        article.published.isoformat() if article is not None and article.published else (first.date if first else None)
    )
    key = db.insert_id(
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
    db.execute(
        "INSERT INTO report_records (id, text, record) VALUES (?, ?, ?)",
        (key, match_text(record), json.dumps(record.to_dict(), ensure_ascii=False)),
    )


def free_event_id(db: Database, wanted: str, taken: set[str] | None = None) -> str:
    """`wanted` if no event ever had it, else "<wanted>-s1", "-s2", ... (ids are never reused)."""

    def used(x: str) -> bool:
        return (taken is not None and x in taken) or event_exists(db, x)

    if not used(wanted):
        return wanted
    k = 1
    while used(f"{wanted}-s{k}"):
        k += 1
    return f"{wanted}-s{k}"


def free_report_id(db: Database, wanted: str, article_id: str) -> str:
    """`wanted` if no report has it, else "<wanted>@<article id>", then "...-1", "-2", ..."""

    def used(x: str) -> bool:
        return db.one("SELECT 1 FROM event_reports WHERE report_id = ?", (x,)) is not None

    if not used(wanted):
        return wanted
    candidate = f"{wanted}@{article_id[:12]}"
    k = 1
    while used(candidate):
        candidate = f"{wanted}@{article_id[:12]}-{k}"
        k += 1
    return candidate


def reports_or_adopt(db: Database, record: EventRecord, now: int) -> list[str]:
    """Ids of the stored event's reports; an event with none (stored by other means) first becomes its own.

    For the desk (inside its transaction): a merge or split moves reports, so every event it touches needs
    at least one.
    """
    found = report_ids(db, record.event_id)
    if found:
        return found
    article_id = db.scalar("SELECT MIN(article_id) FROM event_articles WHERE event_id = ?", (record.event_id,))
    report_id = free_report_id(db, record.event_id, article_id or record.event_id)
    article = read_article(db, article_id) if article_id else None
    insert_report(db, report_id, record.event_id, article, record, now)
    return [report_id]


def add_desk_report(db: Database, record: EventRecord, now: int) -> str:
    """Store `record` (an event an analyst made) as a report of itself; returns the new report's id.

    A desk split's part that none of the event's reports went with (one article telling two incidents)
    gets one, so that re-clustering has something to keep apart.
    """
    first = record.articles[0].id if record.articles else record.event_id
    report_id = free_report_id(db, record.event_id, first)
    insert_report(db, report_id, record.event_id, None, record, now)
    return report_id


def save_event(
    db: Database,
    record: EventRecord,
    link_article: str | None,
    *,
    prune: bool = True,
    stored: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write an event rebuilt from its reports through the one write path (`records.write_event`).

    With `prune`, a live event is linked to exactly the articles it cites (a split part takes its
    articles along); a merged-away one keeps its links, for the record. `stored` (the record the row
    holds now) lets the write update only the columns that changed.

    Returns:
        The record as written (after analyst locks).
    """
    written = write_event(db, link_article, record, stored=stored)
    if prune and not record.deleted:
        link_only_cited(db, record.event_id, [a.id for a in record.articles])
    return written


def rebuild_event(db: Database, event_id: str, now: int) -> EventRecord:
    """Reconcile an event from its reports, under its own id, with a fresh timestamp."""
    records = load_reports(db, report_ids(db, event_id))
    return replace(reconcile(records, event_id=event_id), timestamp=now)
