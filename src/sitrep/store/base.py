"""`Store`: the one implementation of `EventStore`, over any `Database` (SQLite or PostgreSQL).

Each article is written in one transaction together with its events, evidence, reports, history and
mentions, so a crash or a bad record never leaves half an article behind, and re-ingesting an article
already stored is a no-op. The work is done by the store's modules, each taking the `Database`:

    records    articles, events, evidence, mentions: the one write path of an event, and the reads
    reports    what each article said (the reports an event is rebuilt from)
    history    one row per change of an event
    matching   ingest: a new article's records join the stored events they report
    recluster  `sitrep dedup`: every report matched again
    undo       reverse one operation of the history
    desk       the analyst's corrections, reviews, merges and splits (`Desk(store)`)
    query      the desk's filtered, sorted, paged reads
    tokens     API tokens
"""

from __future__ import annotations

__all__ = ["Store"]

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any

from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig
from sitrep.model import Article, EventRecord
from sitrep.store import matching, recluster
from sitrep.store.database import Database
from sitrep.store.history import NO_STATE, HistoryEntry, diff, log_change, read_history, snapshot
from sitrep.store.migrations import migrate, schema_version
from sitrep.store.records import (
    insert_article,
    read_article,
    read_event,
    select_events,
    unix_seconds,
    write_event,
    write_mention,
)
from sitrep.store.reports import free_report_id, insert_report, reports_of
from sitrep.store.undo import undo as undo_operation


class Store:
    """Events and the articles they came from, in one database (see `EventStore` for the contract).

    Opening applies any schema migrations the database is missing (`migrations.migrate`).

    Args:
        db: the open database; the store owns it from now on (closing the store closes it).

    Raises:
        StoreError: the database's schema is newer than this version of sitrep, or a migration failed.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it twice is harmless."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.db.name!r})"

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the database (after opening: the code's version)."""
        return schema_version(self.db)

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
            StoreError: the database refused the write (locked past the busy timeout, constraint, disk full).
            Any error from serialising an event (e.g. TypeError for a value JSON cannot hold) or from
            reading a malformed mention propagates unchanged. In every case the transaction is rolled
            back first, so nothing of this article remains.
        """
        db = self.db
        with db.transaction(f"cannot store article {article.id}"):
            if not insert_article(db, article):
                return False  # already ingested: every row (and ingested_at) stays exactly as it was
            now = db.now()
            for event in events:
                before = snapshot(db, event.event_id)
                write_event(db, article.id, event)
                # Keep the record as a report of itself, and log the change.
                report_id = free_report_id(db, event.event_id, article.id)
                insert_report(db, report_id, event.event_id, article, event, now)
                after = snapshot(db, event.event_id)
                assert after is not None
                detail = {**(before.detail("before") if before else NO_STATE), **after.detail("after")}
                old, new = diff(before.record, after.record) if before else (None, after.record)
                log_change(db, event.event_id, now=now, actor="sitrep", action="update" if before else "create",
                           article_id=article.id, before=old, after=new, detail=detail, group=None)  # fmt: skip
            for mention in mentions:
                write_mention(db, article.id, mention)
        return True

    def ingest(
        self,
        article: Article,
        events: Sequence[EventRecord],
        mentions: Iterable[Any] = (),
        *,
        config: DedupConfig | None = None,
        actor: str = "sitrep",
    ) -> matching.IngestResult | None:
        """Store an article, merging each of its events into the stored event it reports, if any.

        Each record is matched against live stored events (indexed SQL on event date, country and type
        family, then `sitrep.dedup`'s scores and chain guard). A match adds the record to that event's
        reports and rebuilds the event under its own id; otherwise a new event is created under the
        record's id. Every change bumps the event's timestamp and writes a history row naming the
        article. Ingesting articles one run at a time gives the same events as ingesting them together,
        and several processes may ingest into one store at once (see `store.matching`).

        Example:
            >>> with open_store("sitrep.db") as store:
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
            StoreError: the database refused the write; nothing of the article is kept.
        """
        return matching.ingest(self.db, article, events, mentions, config=config or DEFAULT_CONFIG, actor=actor)

    def dedup(self, *, config: DedupConfig | None = None, actor: str = "sitrep") -> recluster.DedupReport:
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
            StoreError: the database refused the write; nothing is changed.
        """
        return recluster.recluster(self.db, config=config or DEFAULT_CONFIG, actor=actor)

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
            StoreError: the database refused the write.
        """
        return undo_operation(self.db, history_id, actor=actor)

    # -- reading -----------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (content hash) is stored."""
        return self.db.one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id (as it was added), or None."""
        return read_article(self.db, article_id)

    def event(self, event_id: str) -> EventRecord | None:
        """The stored event with this id (equal to what was stored), or None.

        An event merged into another one is still returned, with `deleted` set and `merged_into` naming
        the survivor.
        """
        return read_event(self.db, event_id)

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
        survivor) or `include_deleted` is set. Text comparisons ignore case for ASCII letters only, which
        covers ACLED's country, type and actor names.

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
        return select_events(
            self.db,
            country=country,
            since=since,
            until=until,
            event_type=event_type,
            actor=actor,
            limit=limit,
            changed_since=changed_since,
            include_deleted=include_deleted,
        )

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
        return read_history(self.db, event_id, since=None if since is None else unix_seconds(since, "since"))

    def reports(self, event_id: str) -> list[EventRecord]:
        """The per-article records an event was built from, in the order they were stored."""
        return reports_of(self.db, event_id)

    def counts(self) -> dict[str, int]:
        """How many rows the store holds.

        Returns:
            {"articles": n, "events": n, "evidence": n, "mentions": n}.
        """
        return {
            table: int(self.db.scalar(f"SELECT COUNT(*) FROM {table}"))
            for table in ("articles", "events", "evidence", "mentions")
        }
