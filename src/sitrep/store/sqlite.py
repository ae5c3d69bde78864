"""SQLiteStore: the default, embedded event store (one file, no server).

Each article is written in one transaction together with its events, evidence and mentions, so a crash
or a bad record never leaves half an article behind, and re-ingesting an article already stored is a
no-op. Events are stored twice on purpose: one column per EventRecord scalar (so `events()` filters are
indexed SQL) and the full `to_dict()` as JSON in the side table `event_records` (so what comes back is
exactly what went in; `RECORD_COLUMNS` reads it back, with `deleted`, `merged_into` and `timestamp` taken
from their columns, which flagging a merged-away event changes alone).

Usage:
    with SQLiteStore("sitrep.db") as store:
        store.add_article(article, events)
        recent = store.events(country="Pakistan", since="2025-05-01")
"""

from __future__ import annotations

__all__ = ["SQLiteStore", "BUSY_TIMEOUT_MS", "RECORD_COLUMNS", "record_dict"]

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError, StoreError
from sitrep.model import ACLED_COLUMNS, Article, EventRecord, Span
from sitrep.store import migrations, review

if TYPE_CHECKING:
    from sitrep.dedup.config import DedupConfig
    from sitrep.store.history import DedupReport, HistoryEntry, IngestResult

# Writers wait this long for another process's write lock before failing with "database is locked";
# long enough for a batch ingest running beside the web API.
BUSY_TIMEOUT_MS = 10_000

# EventRecord scalars that get their own column (everything but the list fields), plus `year`.
_EVENT_COLUMNS: tuple[str, ...] = (
    *ACLED_COLUMNS,
    "confidence",
    "weapon",
    "claimed_by",
    "injuries",
    "deleted",
    "merged_into",
)

_UPSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _EVENT_COLUMNS)}) "
    "ON CONFLICT (event_id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _EVENT_COLUMNS[1:])
)
_UPSERT_RECORD = "INSERT INTO event_records (event_id, record) VALUES (?, ?) ON CONFLICT (event_id) DO UPDATE SET record = excluded.record"

# What reads a stored record back, FROM events: its JSON (in a side table since schema version 4) and the three
# fields whose truth is their column (flagging a merged-away event leaves its JSON as it was). `record_dict`
# turns such a row into the record's to_dict().
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


class SQLiteStore:
    """Events and the articles they came from, in one SQLite file.

    Opening applies any schema migrations the file is missing. The connection runs in autocommit mode
    and every write opens its own `BEGIN IMMEDIATE` transaction, so readers (WAL) never block and two
    writers queue on `busy_timeout` instead of failing half-way.

    Args:
        path: the database file (created if missing; its folder must exist), or ":memory:".
        clock: unix time now (seconds); event timestamps and history rows use it. Tests pass a fake.

    Raises:
        StoreError: the file cannot be opened, is not a SQLite database, or has a schema newer than
            this version of sitrep.
    """

    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = str(path)
        self._clock = clock
        try:
            self._conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                # We issue BEGIN/COMMIT ourselves; Python's implicit transactions would commit DDL
                # early and hide where a transaction starts.
                isolation_level=None,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        try:
            self._configure()
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it twice is harmless."""
        self._conn.close()

    def _now(self) -> int:
        """Unix seconds, from the store's clock."""
        return int(self._clock())

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the database (after opening: the code's version)."""
        return _current_version(self._conn)

    @property
    def journal_mode(self) -> str:
        """SQLite's journal mode for this connection: "wal" for files, "memory" for ":memory:"."""
        return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    # -- writing -----------------------------------------------------------------------------------

    def add_article(
        self,
        article: Article,
        events: Sequence[EventRecord],
        mentions: Iterable[Any] = (),
    ) -> bool:
        """Store an article with its events, evidence and mentions, all or nothing.

        An event_id that is already stored (the same event reported by another source, as merged by
        dedup) is updated to the new record, its evidence replaced, and linked to this article too.

        This is the low-level write: records are stored exactly as given (no matching, timestamps as the
        caller set them); each is also kept as a report of its event and logged in the event history.
        `ingest` is the path that matches against stored events.

        Args:
            article: the article; its id (the content hash) decides whether it is new.
            events: the events extracted from it.
            mentions: sentence-level detections. Each is an object with attributes, or a mapping with
                keys, `sentence` and `trigger` (a `model.Span` or a mapping with start, end, text),
                `event_type`, `sub_event_type`, and optionally `event_id` (the stored event it was
                merged into; it must be among `events` or already stored). `model.Mention` fits.

        Returns:
            True if the article was new and is now stored; False if it was already there, in which
            case nothing at all is changed (not even timestamps).

        Raises:
            StoreError: SQLite refused the write (locked past busy_timeout, constraint, disk full).
            Any error from serialising an event (e.g. TypeError for a value JSON cannot hold) or from
            reading a malformed mention propagates unchanged. In every case the transaction is rolled
            back first, so nothing of this article remains.
        """
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot start a write transaction: {exc}") from exc
        from sitrep.store import history

        try:
            if not self._insert_article(article):
                # Already ingested: leave every row (and ingested_at) exactly as it was.
                conn.execute("ROLLBACK")
                return False
            now = self._now()
            for event in events:
                before = history.snapshot(conn, event.event_id)
                self._write_event(article.id, event)
                history.record_write(self, article, event, before, now, "sitrep")
            for mention in mentions:
                self._write_mention(article.id, mention)
            conn.execute("COMMIT")
            return True
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot store article {article.id}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise

    def _insert_article(self, article: Article) -> bool:
        """Insert the article row; False (and nothing written) when it is already stored."""
        cursor = self._conn.execute(
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
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
            ),
        )
        return cursor.rowcount > 0

    def _write_event(
        self, article_id: str | None, event: EventRecord, *, stored: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Upsert one event row, replace its evidence, and link it to its articles.

        The one path every event write takes (add_article, ingest, dedup, undo). `article_id`, when
        given, must be a stored article: the one that caused the write.

        Args:
            article_id: the stored article that caused the write, if one did.
            event: the record to write.
            stored: the record the row holds now (its to_dict()), when the caller has it: then only the
                columns that changed are updated, which spares the events table's indexes (a re-cluster
                rewrites hundreds of thousands of events).

        Returns:
            The record as written (its to_dict(), after any analyst locks were applied).
        """
        # An analyst's corrections win over any rewrite (store.review); this also bumps the ETag version.
        event = review.respect_locks(self._conn, event)
        record = event.to_dict()
        # Serialise first: if the record cannot be written as JSON, fail before touching the row.
        record_json = json.dumps(record, ensure_ascii=False)
        changed = None if stored is None else [c for c in _EVENT_COLUMNS[1:] if record[c] != stored.get(c)]
        if changed is None:
            self._conn.execute(_UPSERT_EVENT, tuple(record[c] for c in _EVENT_COLUMNS))
        else:
            sets = changed or ["timestamp"]  # nothing changed: a no-op update still says whether the row exists
            cursor = self._conn.execute(
                f"UPDATE events SET {', '.join(f'{c} = ?' for c in sets)} WHERE event_id = ?",
                (*(record[c] for c in sets), event.event_id),
            )
            if cursor.rowcount == 0:  # not stored after all
                self._conn.execute(_UPSERT_EVENT, tuple(record[c] for c in _EVENT_COLUMNS))
        self._conn.execute(_UPSERT_RECORD, (event.event_id, record_json))
        self._conn.execute("DELETE FROM evidence WHERE event_id = ?", (event.event_id,))
        self._conn.executemany(
            'INSERT INTO evidence (event_id, field, article_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
            [(event.event_id, e.field, e.article_id, e.start, e.end, e.text) for e in event.evidence],
        )
        if article_id is not None:
            self._conn.execute(
                "INSERT INTO event_articles (event_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (event.event_id, article_id),
            )
        # Other sources the (merged) record cites are linked only if they are stored here.
        self._conn.executemany(
            "INSERT INTO event_articles (event_id, article_id) "
            "SELECT ?, id FROM articles WHERE id = ? ON CONFLICT DO NOTHING",
            [(event.event_id, ref.id) for ref in event.articles if ref.id != article_id],
        )
        return record

    def _write_mention(self, article_id: str, mention: Any) -> None:
        """Insert one mention row (see `add_article` for the shapes a mention may take)."""
        sentence = _span(_get(mention, "sentence"))
        trigger = _span(_get(mention, "trigger"))
        self._conn.execute(
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

    def _rollback(self) -> None:
        """Roll back the open transaction, if SQLite has not already done so."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    # -- reading -----------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (content hash) is stored.

        Args:
            article_id: the article's id.

        Returns:
            True if it is stored.
        """
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id.

        Args:
            article_id: the article's id.

        Returns:
            The Article as it was added, or None if there is none.
        """
        row = self._conn.execute(
            "SELECT id, text, title, published, source, url, path FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
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

    def event(self, event_id: str) -> EventRecord | None:
        """The stored event with this id.

        Args:
            event_id: the event's id.

        Returns:
            The EventRecord (equal to what was stored), or None if there is none. An event merged into
            another one is still returned, with `deleted` set and `merged_into` naming the survivor.
        """
        row = self._conn.execute(f"SELECT {RECORD_COLUMNS} FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return None if row is None else EventRecord.from_dict(record_dict(row))

    def events(
        self,
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
        """Stored events matching every filter given, by event_date then event_id.

        Events merged into another one are left out, unless `changed_since` is given (a syncing client
        must learn that they went: they come back with `deleted` set and `merged_into` naming the
        survivor) or `include_deleted` is set. Text comparisons ignore case for ASCII letters only (SQLite's NOCASE), which covers ACLED's
        country, type and actor names.

        Args:
            country: exact country name, any case.
            since: first event_date to include (a date or "YYYY-MM-DD").
            until: last event_date to include (a date or "YYYY-MM-DD"). Events whose day is unknown
                (empty event_date) match neither `since` nor `until`.
            event_type: an event_type or a sub_event_type, any case ("Battles", "Armed clash").
            actor: a substring of actor1, actor2 or either associated-actor field, any case.
            limit: at most this many events (the earliest ones).
            changed_since: only events created, changed or deleted at or after this time: unix
                seconds, a datetime (naive means UTC) or an ISO 8601 text ("2025-05-07T12:00:00Z").
            include_deleted: also list events merged into others.

        Returns:
            The matching EventRecords.

        Raises:
            ConfigError: a date is not YYYY-MM-DD, a time is not ISO 8601 or unix seconds, or limit is
                negative.
        """
        where: list[str] = []
        params: list[Any] = []
        if changed_since is not None:
            since_ts = unix_seconds(changed_since, "changed_since")
            where.append("(timestamp >= ? OR event_id IN (SELECT event_id FROM event_history WHERE changed_at >= ?))")
            params += [since_ts, since_ts]
        elif not include_deleted:
            where.append("deleted = 0")
        if country is not None:
            where.append("country = ? COLLATE NOCASE")
            params.append(country)
        if since is not None:
            where.append("event_date >= ?")
            params.append(_iso_day(since, "since"))
        if until is not None:
            # An event of unknown day (event_date '') sorts before every day but is not known to be before any.
            where.append("event_date > '' AND event_date <= ?")
            params.append(_iso_day(until, "until"))
        if event_type is not None:
            where.append("(event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE)")
            params += [event_type, event_type]
        if actor is not None:
            pattern = "%" + _escape_like(actor) + "%"
            fields = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            where.append("(" + " OR ".join(f"{f} LIKE ? ESCAPE '\\'" for f in fields) + ")")
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
        rows = self._conn.execute(sql, params).fetchall()
        return [EventRecord.from_dict(record_dict(r)) for r in rows]

    # -- matching, history, undo (sitrep.store.history) ---------------------------------------------

    def ingest(
        self,
        article: Article,
        events: Sequence[EventRecord],
        mentions: Iterable[Any] = (),
        *,
        config: DedupConfig | None = None,
        actor: str = "sitrep",
    ) -> IngestResult | None:
        """Store an article, merging each of its events into the stored event it reports, if any.

        Each record is matched against live stored events (indexed SQL on event date, country and type
        family, then `sitrep.dedup`'s scores and chain guard). A match adds the record to that event's
        reports and rebuilds the event under its own id; otherwise a new event is created under the
        record's id. Every change bumps the event's timestamp and writes a history row naming the
        article. Ingesting articles one run at a time gives the same events as ingesting them together.

        Example:
            >>> with SQLiteStore("sitrep.db") as store:
            ...     result = store.ingest(extraction.article, extraction.events, extraction.mentions)

        Args:
            article: the article (skipped when already stored).
            events: its extracted records.
            mentions: as for `add_article`.
            config: matching settings (default `dedup.DEFAULT_CONFIG`).
            actor: who is recorded in the history.

        Returns:
            An IngestResult (ids created and ids updated), or None if the article was already stored.

        Raises:
            StoreError: SQLite refused the write; nothing of the article is kept.
        """
        from sitrep.dedup.config import DEFAULT_CONFIG
        from sitrep.store import history

        return history.ingest(self, article, events, mentions, config=config or DEFAULT_CONFIG, actor=actor)

    def dedup(self, *, config: DedupConfig | None = None, actor: str = "sitrep") -> DedupReport:
        """Re-cluster every report of every live event and apply the merges and splits, in one transaction.

        Ids stay stable: a group of reports keeps the id of the oldest event they came from; other events
        are marked deleted (`merged_into` the survivor); a part split off gets a new id. Each merge or
        split is one history group that `undo` can reverse.

        Args:
            config: matching settings (default `dedup.DEFAULT_CONFIG`).
            actor: who is recorded in the history.

        Returns:
            A DedupReport: reports clustered, live events before and after, merged, split, rewritten.

        Raises:
            StoreError: SQLite refused the write; nothing is changed.
        """
        from sitrep.dedup.config import DEFAULT_CONFIG
        from sitrep.store.recluster import recluster

        return recluster(self, config=config or DEFAULT_CONFIG, actor=actor)

    def undo(self, history_id: int, *, actor: str = "sitrep") -> list[str]:
        """Reverse the merge, split or source addition that wrote history row `history_id`.

        Every row of that operation is reversed: reports go back to the events they were in, records
        and deleted flags are restored, events the operation created are marked deleted, and a record a
        new article brought in becomes an event of its own. The undo is itself logged (action "undo").

        Args:
            history_id: the id of any history row of the operation.
            actor: who is recorded in the history.

        Returns:
            The ids of the events the undo changed.

        Raises:
            InvalidEdit: no such row, a row sitrep's matcher did not write, an operation that only
                created events, or one of its events changed since (undo the later change first).
            StoreError: SQLite refused the write.
        """
        from sitrep.store import history

        return history.undo(self, history_id, actor=actor)

    def history(
        self, event_id: str | None = None, *, since: int | float | datetime | str | None = None
    ) -> list[HistoryEntry]:
        """Rows of the event history, oldest first.

        Args:
            event_id: only this event's rows.
            since: only rows at or after this time (as for `events(changed_since=...)`).

        Returns:
            HistoryEntry rows (id, event_id, changed_at, actor, action, article_id, before, after).
        """
        from sitrep.store import history

        ts = None if since is None else unix_seconds(since, "since")
        return history.history(self._conn, event_id, since=ts)

    def reports(self, event_id: str) -> list[EventRecord]:
        """The per-article records an event was built from, in the order they were stored."""
        from sitrep.store import history

        return history.reports_of(self._conn, event_id)

    def counts(self) -> dict[str, int]:
        """How many rows the store holds.

        Returns:
            {"articles": n, "events": n, "evidence": n, "mentions": n}.
        """
        return {
            table: int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "events", "evidence", "mentions")
        }

    # -- opening -----------------------------------------------------------------------------------

    def _configure(self) -> None:
        """Set the connection pragmas; the first statement also proves the file is a database."""
        try:
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        # ":memory:" databases cannot use WAL and report "memory"; any other refusal is a real problem.
        if str(mode).lower() not in ("wal", "memory"):
            raise StoreError(f"{self.path}: cannot switch the database to WAL mode (got {mode!r})")

    def _migrate(self) -> None:
        """Bring the schema up to date, in one transaction.

        BEGIN IMMEDIATE takes the write lock before the version is read, so two processes opening a
        new file at once do not both run migration 1. Migrations run with foreign keys off, as SQLite's
        procedure for changing a table asks (dropping a table would otherwise cascade to its children), and
        with a bigger page cache; the foreign keys are checked before the commit.

        Raises:
            StoreError: the database is newer than this code, a migration fails, or the migrated data
                breaks a foreign key.
        """
        scripts = migrations.MIGRATIONS
        conn = self._conn
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before BEGIN
        conn.execute("PRAGMA cache_size = -262144")  # 256 MiB: copying a table of a million events
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            current = _current_version(conn)
            if current > len(scripts):
                conn.execute("ROLLBACK")
                raise StoreError(
                    f"{self.path}: database schema version {current} is newer than this sitrep "
                    f"supports (up to {len(scripts)})",
                    hint="upgrade sitrep, or use another --db file",
                )
            for version in range(current + 1, len(scripts) + 1):
                for statement in migrations.split_statements(scripts[version - 1]):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version, datetime.now(timezone.utc).isoformat(timespec="seconds")),
                )
            if current < len(scripts):
                broken = conn.execute("PRAGMA foreign_key_check").fetchmany(3)
                if broken:
                    conn.execute("ROLLBACK")
                    raise StoreError(
                        f"{self.path}: the schema upgrade left rows whose foreign keys point nowhere "
                        f"(table, rowid, parent): {[tuple(row[:3]) for row in broken]}",
                        hint="nothing was changed; report this with a copy of the database",
                    )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot migrate database schema: {exc}") from exc
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _current_version(conn: sqlite3.Connection) -> int:
    """Highest applied migration, 0 for a database that has none."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if exists is None:
        return 0
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])


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
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def _iso_day(value: date | str, name: str) -> str:
    """Normalise a date filter to the YYYY-MM-DD text stored in event_date."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from exc


def _escape_like(text: str) -> str:
    """Escape LIKE's wildcards so an actor name with % or _ matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
