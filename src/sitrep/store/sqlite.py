"""SQLiteStore: the default, embedded event store (one file, no server).

Each article is written in one transaction together with its events, evidence and mentions, so a crash
or a bad record never leaves half an article behind, and re-ingesting an article already stored is a
no-op. Events are stored twice on purpose: one column per EventRecord scalar (so `events()` filters are
indexed SQL) and the full `to_dict()` as JSON (so what comes back is exactly what went in).

Usage:
    with SQLiteStore("sitrep.db") as store:
        store.add_article(article, events)
        recent = store.events(country="Pakistan", since="2025-05-01")
"""

from __future__ import annotations

__all__ = ["SQLiteStore", "BUSY_TIMEOUT_MS"]

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from sitrep.errors import ConfigError, StoreError
from sitrep.model import Article, EventRecord, Span
from sitrep.store import migrations

# Writers wait this long for another process's write lock before failing with "database is locked";
# long enough for a batch ingest running beside the web API.
BUSY_TIMEOUT_MS = 10_000

# EventRecord scalars that get their own column (everything but the list fields), plus `year`.
_EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "confidence",
    "weapon",
    "claimed_by",
    "injuries",
)

_UPSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}, record) "
    f"VALUES ({', '.join('?' for _ in _EVENT_COLUMNS)}, ?) "
    "ON CONFLICT (event_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*_EVENT_COLUMNS[1:], "record"))
)


class SQLiteStore:
    """Events and the articles they came from, in one SQLite file.

    Opening applies any schema migrations the file is missing. The connection runs in autocommit mode
    and every write opens its own `BEGIN IMMEDIATE` transaction, so readers (WAL) never block and two
    writers queue on `busy_timeout` instead of failing half-way.

    Args:
        path: the database file (created if missing; its folder must exist), or ":memory:".

    Raises:
        StoreError: the file cannot be opened, is not a SQLite database, or has a schema newer than
            this version of sitrep.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
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
        try:
            cursor = conn.execute(
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
            if cursor.rowcount == 0:
                # Already ingested: leave every row (and ingested_at) exactly as it was.
                conn.execute("ROLLBACK")
                return False
            for event in events:
                self._write_event(article.id, event)
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

    def _write_event(self, article_id: str, event: EventRecord) -> None:
        """Upsert one event row, replace its evidence, and link it to its articles."""
        record = event.to_dict()
        # Serialise first: if the record cannot be written as JSON, fail before touching the row.
        record_json = json.dumps(record, ensure_ascii=False)
        self._conn.execute(_UPSERT_EVENT, (*(record[c] for c in _EVENT_COLUMNS), record_json))
        self._conn.execute("DELETE FROM evidence WHERE event_id = ?", (event.event_id,))
        self._conn.executemany(
            'INSERT INTO evidence (event_id, field, article_id, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(event.event_id, e.field, e.article_id, e.start, e.end, e.text) for e in event.evidence],
        )
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
            The EventRecord (equal to what was stored), or None if there is none.
        """
        row = self._conn.execute("SELECT record FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return None if row is None else EventRecord.from_dict(json.loads(row[0]))

    def events(
        self,
        *,
        country: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
    ) -> list[EventRecord]:
        """Stored events matching every filter given, by event_date then event_id.

        Text comparisons ignore case for ASCII letters only (SQLite's NOCASE), which covers ACLED's
        country, type and actor names.

        Args:
            country: exact country name, any case.
            since: first event_date to include (a date or "YYYY-MM-DD").
            until: last event_date to include (a date or "YYYY-MM-DD").
            event_type: an event_type or a sub_event_type, any case ("Battles", "Armed clash").
            actor: a substring of actor1, actor2 or either associated-actor field, any case.
            limit: at most this many events (the earliest ones).

        Returns:
            The matching EventRecords.

        Raises:
            ConfigError: a date is not YYYY-MM-DD, or limit is negative.
        """
        where: list[str] = []
        params: list[Any] = []
        if country is not None:
            where.append("country = ? COLLATE NOCASE")
            params.append(country)
        if since is not None:
            where.append("event_date >= ?")
            params.append(_iso_day(since, "since"))
        if until is not None:
            where.append("event_date <= ?")
            params.append(_iso_day(until, "until"))
        if event_type is not None:
            where.append("(event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE)")
            params += [event_type, event_type]
        if actor is not None:
            pattern = "%" + _escape_like(actor) + "%"
            fields = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            where.append("(" + " OR ".join(f"{f} LIKE ? ESCAPE '\\'" for f in fields) + ")")
            params += [pattern] * len(fields)
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date, event_id"
        if limit is not None:
            if limit < 0:
                raise ConfigError(f"limit must be 0 or more, got {limit}")
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [EventRecord.from_dict(json.loads(r[0])) for r in rows]

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
        new file at once do not both run migration 1.

        Raises:
            StoreError: the database is newer than this code, or a migration fails.
        """
        scripts = migrations.MIGRATIONS
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
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
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot migrate database schema: {exc}") from exc


def _current_version(conn: sqlite3.Connection) -> int:
    """Highest applied migration, 0 for a database that has none."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
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
