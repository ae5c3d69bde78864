"""Rows of articles, events, evidence and mentions: the store's one write path for an event, and its reads.

Events are stored twice on purpose: one column per EventRecord scalar (so filters are indexed SQL) and the
full `to_dict()` as JSON in the side table `event_records` (so what comes back is exactly what went in).
`RECORD_COLUMNS` reads a record back, with `deleted`, `merged_into` and `timestamp` taken from their
columns, which flagging a merged-away event changes alone.

`write_event` is the path every event write takes (adding an article, ingest matching, re-clustering,
undo, the desk); it keeps an analyst's locked fields (`locks.respect_locks`) and bumps the event's version.
"""

from __future__ import annotations

__all__ = [
    "EVENT_COLUMNS",
    "RECORD_COLUMNS",
    "REVIEW_STATES",
    "StoredEvent",
    "record_dict",
    "insert_article",
    "read_article",
    "write_event",
    "insert_event_row",
    "write_mention",
    "link_only_cited",
    "read_event",
    "read_stored_event",
    "select_events",
    "event_exists",
    "escape_like",
    "unix_seconds",
    "iso_day",
]

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sitrep.errors import ConfigError
from sitrep.model import ACLED_COLUMNS, Article, EventRecord, Span
from sitrep.store.database import Database
from sitrep.store.locks import respect_locks

# EventRecord scalars that get their own column in `events` (everything but the list fields).
EVENT_COLUMNS: tuple[str, ...] = (
    *ACLED_COLUMNS,
    "confidence",
    "weapon",
    "claimed_by",
    "injuries",
    "deleted",
    "merged_into",
)

# "unreviewed" is what extraction writes; the other three are the analyst's verdicts.
REVIEW_STATES: tuple[str, ...] = ("unreviewed", "confirmed", "rejected", "needs_check")

_UPSERT_EVENT = (
    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in EVENT_COLUMNS)}) "
    "ON CONFLICT (event_id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in EVENT_COLUMNS[1:])
)
_UPSERT_RECORD = (
    "INSERT INTO event_records (event_id, record) VALUES (?, ?) "
    "ON CONFLICT (event_id) DO UPDATE SET record = excluded.record"
)

# What reads a stored record back, FROM events: its JSON (in a side table since schema version 4) and the
# three fields whose truth is their column (flagging a merged-away event leaves its JSON as it was).
# `record_dict` turns such a row into the record's to_dict().
RECORD_COLUMNS = (
    "(SELECT record FROM event_records WHERE event_records.event_id = events.event_id), deleted, merged_into, timestamp"
)


def record_dict(row: Sequence[Any]) -> dict[str, Any]:
    """A stored record's to_dict() from a row that starts with RECORD_COLUMNS."""
    record: dict[str, Any] = json.loads(row[0])
    record["deleted"] = bool(row[1])
    record["merged_into"] = row[2] or ""
    record["timestamp"] = int(row[3])
    return record


@dataclass(frozen=True)
class StoredEvent:
    """An event as the desk sees it: the record plus its review state, locked fields and version."""

    record: EventRecord
    review_state: str = "unreviewed"
    locked_fields: tuple[str, ...] = ()
    version: int = 1

    @property
    def etag(self) -> str:
        """The HTTP entity tag of this version (a strong validator)."""
        return f'"{self.version}"'

    def to_dict(self) -> dict[str, Any]:
        """The record's to_dict() with review_state, locked_fields and version added."""
        d = self.record.to_dict()
        d["review_state"] = self.review_state
        d["locked_fields"] = list(self.locked_fields)
        d["version"] = self.version
        return d


# -- articles --------------------------------------------------------------------------------------------


def insert_article(db: Database, article: Article) -> bool:
    """Insert the article row (inside a write transaction); False, and nothing written, when it is stored."""
    cursor = db.execute(
        "INSERT INTO articles (id, title, text, published, source, url, path, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (
            article.id,
            article.title,
            article.text,
            article.published.isoformat() if article.published else None,
            article.source,
            article.url,
            article.path,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    return cursor.rowcount > 0


def read_article(db: Database, article_id: str) -> Article | None:
    """The stored article with this id, or None."""
    row = db.one("SELECT id, text, title, published, source, url, path FROM articles WHERE id = ?", (article_id,))
    if row is None:
        return None
    id_, text, title, published, source, url, path = row
    return Article(
        id=id_,
        text=text,
        title=title,
        published=date.fromisoformat(published) if published else None,
        source=source,
        url=url,
        path=path,
    )


# -- events: the one write path ----------------------------------------------------------------------------


def write_event(
    db: Database, article_id: str | None, event: EventRecord, *, stored: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Upsert one event row, replace its evidence, and link it to its articles (inside a write transaction).

    Args:
        db: the store's database.
        article_id: the stored article that caused the write, if one did.
        event: the record to write.
        stored: the record the row holds now (its to_dict()), when the caller has it: then only the
            columns that changed are updated, which spares the events table's indexes (a re-cluster
            rewrites hundreds of thousands of events).

    Returns:
        The record as written (its to_dict(), after any analyst locks were applied).

    Raises:
        TypeError: the record holds a value JSON cannot hold (before anything of it is written).
    """
    # An analyst's corrections win over any rewrite (store.locks); this also bumps the ETag version.
    event = respect_locks(db, event)
    record = event.to_dict()
    # Serialise first: if the record cannot be written as JSON, fail before touching the row.
    record_json = json.dumps(record, ensure_ascii=False)
    changed = None if stored is None else [c for c in EVENT_COLUMNS[1:] if record[c] != stored.get(c)]
    if changed is None:
        db.execute(_UPSERT_EVENT, tuple(record[c] for c in EVENT_COLUMNS))
    else:
        sets = changed or ["timestamp"]  # nothing changed: a no-op update still says whether the row exists
        cursor = db.execute(
            f"UPDATE events SET {', '.join(f'{c} = ?' for c in sets)} WHERE event_id = ?",
            (*(record[c] for c in sets), event.event_id),
        )
        if cursor.rowcount == 0:  # not stored after all
            db.execute(_UPSERT_EVENT, tuple(record[c] for c in EVENT_COLUMNS))
    db.execute(_UPSERT_RECORD, (event.event_id, record_json))
    db.execute("DELETE FROM evidence WHERE event_id = ?", (event.event_id,))
    db.executemany(
        'INSERT INTO evidence (event_id, field, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
        [(event.event_id, e.field, e.article_id, e.start, e.end, e.text) for e in event.evidence],
    )
    if article_id is not None:
        db.execute(
            "INSERT INTO event_articles (event_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (event.event_id, article_id),
        )
    # Other sources the (merged) record cites are linked only if they are stored here.
    db.executemany(
        "INSERT INTO event_articles (event_id, article_id) "
        "SELECT CAST(? AS TEXT), id FROM articles WHERE id = ? ON CONFLICT DO NOTHING",
        [(event.event_id, ref.id) for ref in event.articles if ref.id != article_id],
    )
    return record


def insert_event_row(db: Database, record: Mapping[str, Any]) -> None:
    """Insert (or replace) an event's columns and JSON exactly as given: no locks, evidence or links.

    For writers that bring whole tables over (`sitrep db copy`, benchmark stores); everything else writes
    through `write_event`.
    """
    db.execute(_UPSERT_EVENT, tuple(record[c] for c in EVENT_COLUMNS))
    db.execute(_UPSERT_RECORD, (record["event_id"], json.dumps(record, ensure_ascii=False)))


def link_only_cited(db: Database, event_id: str, cited: Sequence[str]) -> None:
    """Unlink the event from every article it no longer cites (a split part takes its articles along)."""
    if not cited:  # "NOT IN ()" is SQLite's, not PostgreSQL's
        db.execute("DELETE FROM event_articles WHERE event_id = ?", (event_id,))
        return
    marks = ",".join("?" for _ in cited)
    db.execute(f"DELETE FROM event_articles WHERE event_id = ? AND article_id NOT IN ({marks})", (event_id, *cited))


def write_mention(db: Database, article_id: str, mention: Any) -> None:
    """Insert one mention row (see `Store.add_article` for the shapes a mention may take)."""
    sentence = _span(_get(mention, "sentence"))
    trigger = _span(_get(mention, "trigger"))
    db.execute(
        "INSERT INTO mentions (article_id, event_id, sentence_start, sentence_end, trigger_start, "
        "trigger_end, trigger_text, event_type, sub_event_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            _get(mention, "event_id", None),
            sentence.start,
            sentence.end,
            trigger.start,
            trigger.end,
            trigger.text,
            _get(mention, "event_type"),
            _get(mention, "sub_event_type"),
        ),
    )


def _get(obj: Any, name: str, *default: Any) -> Any:
    """Read `name` from a mapping key or an attribute, so mentions can be dicts or dataclasses."""
    if isinstance(obj, Mapping):
        return obj[name] if not default else obj.get(name, default[0])
    return getattr(obj, name, *default)


def _span(value: Any) -> Span:
    """A Span from a Span or a {start, end, text} mapping."""
    if isinstance(value, Span):
        return value
    return Span(start=int(_get(value, "start")), end=int(_get(value, "end")), text=str(_get(value, "text")))


# -- events: reads -----------------------------------------------------------------------------------------


def event_exists(db: Database, event_id: str) -> bool:
    """Whether any event (live or merged away) ever had this id."""
    return db.one("SELECT 1 FROM events WHERE event_id = ?", (event_id,)) is not None


def read_event(db: Database, event_id: str) -> EventRecord | None:
    """The stored event with this id (a merged-away one too, flagged), or None."""
    row = db.one(f"SELECT {RECORD_COLUMNS} FROM events WHERE event_id = ?", (event_id,))
    return None if row is None else EventRecord.from_dict(record_dict(row))


def read_stored_event(db: Database, event_id: str) -> StoredEvent | None:
    """The live (not merged-away) event with its review state, locks and version, or None."""
    row = db.one(
        f"SELECT {RECORD_COLUMNS}, review_state, locked_fields, version FROM events WHERE event_id = ? AND deleted = 0",
        (event_id,),
    )
    if row is None:
        return None
    return StoredEvent(
        record=EventRecord.from_dict(record_dict(row)),
        review_state=row[4],
        locked_fields=tuple(json.loads(row[5] or "[]")),
        version=int(row[6]),
    )


def select_events(
    db: Database,
    *,
    country: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    changed_since: int | float | datetime | str | None = None,
    include_deleted: bool = False,
) -> list[EventRecord]:
    """Stored events matching every filter given, by event_date then event_id (see `Store.events`).

    Raises:
        ConfigError: a date is not YYYY-MM-DD, a time is not ISO 8601 or unix seconds, or limit is negative.
    """
    dialect = db.dialect
    where: list[str] = []
    params: list[Any] = []
    if changed_since is not None:
        since_ts = unix_seconds(changed_since, "changed_since")
        where.append("(timestamp >= ? OR event_id IN (SELECT event_id FROM event_history WHERE changed_at >= ?))")
        params += [since_ts, since_ts]
    elif not include_deleted:
        where.append("deleted = 0")
    if country is not None:
        where.append(dialect.equals_nocase("country"))
        params.append(country)
    if since is not None:
        where.append("event_date >= ?")
        params.append(iso_day(since, "since"))
    if until is not None:
        # An event of unknown day (event_date '') sorts before every day but is not known to be before any.
        where.append("event_date > '' AND event_date <= ?")
        params.append(iso_day(until, "until"))
    if event_type is not None:
        where.append(f"({dialect.equals_nocase('event_type')} OR {dialect.equals_nocase('sub_event_type')})")
        params += [event_type, event_type]
    if actor is not None:
        pattern = "%" + escape_like(actor) + "%"
        fields = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
        where.append("(" + " OR ".join(dialect.contains_nocase(f) for f in fields) + ")")
        params += [pattern] * len(fields)
    sql = f"SELECT {RECORD_COLUMNS} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY event_date, event_id"
    if limit is not None:
        if limit < 0:
            raise ConfigError(f"limit must be 0 or more, got {limit}")
        sql += " LIMIT ?"
        params.append(limit)
    return [EventRecord.from_dict(record_dict(r)) for r in db.execute(sql, params)]


def escape_like(text: str) -> str:
    """Escape LIKE's wildcards (with `\\`) so an actor name with % or _ matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def unix_seconds(value: int | float | datetime | str, name: str = "time") -> int:
    """Unix seconds from seconds, a datetime (naive means UTC) or ISO 8601 text ("2025-05-07T12:00Z").

    Raises:
        ConfigError: text that is neither digits nor an ISO 8601 date or datetime.
    """
    if isinstance(value, bool):
        raise ConfigError(f"{name}: {value!r} is not a time")
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        if text.lstrip("-").isdigit():
            return int(text)
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError as exc:
            raise ConfigError(
                f"{name}: {value!r} is not a time", hint="use unix seconds or ISO 8601, e.g. 2025-05-07T12:00:00Z"
            ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def iso_day(value: date | str, name: str) -> str:
    """Normalise a date filter to the YYYY-MM-DD text stored in event_date.

    Raises:
        ConfigError: not a date.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from exc
