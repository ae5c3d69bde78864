"""The schema, as one ordered list of migrations that both backends run.

Migration N (1-based) takes a database from schema version N-1 to N, on SQLite and on PostgreSQL alike:
each `Migration` holds the script for each dialect, and `migrate` applies the missing ones when a store
opens, in order, in one transaction, recorded in the table `schema_version`. Never edit a migration that
has shipped: databases in the field already ran it. Append a new one instead, with a script per dialect
(the same text when it is portable: `CREATE TABLE`, `ALTER TABLE ADD COLUMN`, `CREATE INDEX` mostly are;
give PostgreSQL `DOUBLE PRECISION` for SQLite's `REAL`, `BIGINT` for times, and `COLLATE "C"` on text, so
that both sort alike), and a test that opens a store at the version before and checks the data after.

PostgreSQL support arrived at version 4: its version 4 script creates the whole schema of that version,
and versions 1-3 have nothing to do there.

On PostgreSQL, `migrate` runs under the store's advisory write lock (see `database.Database.transaction`),
so two processes opening a new database at once cannot both create it; on SQLite, BEGIN IMMEDIATE does the
same. A store whose schema is current opens without taking the lock.

Example: migration 6, the feed monitor's tables, is one portable script for SQLite (`_V6`) and the same
tables for PostgreSQL with `COLLATE "C"` text (`_PG_V6`):
    Migration(6, "the feed monitor: watched sources and fetched pages", _V6, _PG_V6)
"""

from __future__ import annotations

__all__ = ["Migration", "MIGRATIONS", "SCHEMA_VERSION", "migrate", "schema_version", "split_statements"]

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sitrep.errors import StoreError
from sitrep.store.dialect import PG_SEARCH_VECTOR
from sitrep.store.postgres_schema import PG_SCHEMA_V4

if TYPE_CHECKING:
    from sitrep.store.database import Database

_V1 = """
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,   -- content hash (model.article_id_for), so re-ingest is a no-op
    title       TEXT,
    text        TEXT NOT NULL,
    published   TEXT,               -- YYYY-MM-DD
    source      TEXT,
    url         TEXT,
    path        TEXT,
    ingested_at TEXT NOT NULL       -- UTC ISO 8601, set once on first ingest
);

-- One column per EventRecord scalar so filters are plain SQL; `record` holds the full to_dict()
-- and is what gets read back, so the columns never have to round-trip on their own.
CREATE TABLE events (
    event_id           TEXT PRIMARY KEY,
    event_date         TEXT NOT NULL,
    year               INTEGER NOT NULL,
    time_precision     INTEGER NOT NULL,
    disorder_type      TEXT NOT NULL DEFAULT '',
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT NOT NULL,
    assoc_actor_1      TEXT NOT NULL DEFAULT '',
    inter1             INTEGER NOT NULL,
    actor2             TEXT NOT NULL DEFAULT '',
    assoc_actor_2      TEXT NOT NULL DEFAULT '',
    inter2             INTEGER NOT NULL DEFAULT 0,
    interaction        INTEGER NOT NULL DEFAULT 0,
    civilian_targeting TEXT NOT NULL DEFAULT '',
    iso                INTEGER,
    region             TEXT NOT NULL DEFAULT '',
    country            TEXT NOT NULL DEFAULT '',
    admin1             TEXT NOT NULL DEFAULT '',
    admin2             TEXT NOT NULL DEFAULT '',
    admin3             TEXT NOT NULL DEFAULT '',
    location           TEXT NOT NULL DEFAULT '',
    latitude           REAL,
    longitude          REAL,
    geo_precision      INTEGER NOT NULL DEFAULT 3,
    source             TEXT NOT NULL DEFAULT '',
    source_scale       TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    fatalities         INTEGER NOT NULL DEFAULT 0,
    tags               TEXT NOT NULL DEFAULT '',
    timestamp          INTEGER NOT NULL DEFAULT 0,
    confidence         REAL NOT NULL DEFAULT 0.5,
    weapon             TEXT NOT NULL DEFAULT '',
    claimed_by         TEXT NOT NULL DEFAULT '',
    injuries           INTEGER NOT NULL DEFAULT 0,
    record             TEXT NOT NULL    -- json.dumps(EventRecord.to_dict())
);

-- Filters compare case-insensitively, so the indexes use the same collation or SQLite ignores them.
CREATE INDEX events_event_date ON events (event_date, event_id);
CREATE INDEX events_country ON events (country COLLATE NOCASE);
CREATE INDEX events_event_type ON events (event_type COLLATE NOCASE);
CREATE INDEX events_sub_event_type ON events (sub_event_type COLLATE NOCASE);
CREATE INDEX events_actor1 ON events (actor1 COLLATE NOCASE);
CREATE INDEX events_admin1 ON events (admin1 COLLATE NOCASE);

-- Which stored articles report an event (several, once dedup merges sources).
CREATE TABLE event_articles (
    event_id   TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, article_id)
) WITHOUT ROWID;
CREATE INDEX event_articles_article ON event_articles (article_id);

-- EventRecord.evidence flattened; article_id has no foreign key because a merged record may cite
-- an article that was never ingested into this database.
CREATE TABLE evidence (
    event_id   TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX evidence_event ON evidence (event_id);

-- Sentence-level detections, kept for auditing and for re-merging without re-parsing.
CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id       TEXT REFERENCES events (event_id) ON DELETE SET NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_event ON mentions (event_id);
"""

# Version 2: stable ids across sources (sitrep.dedup). An event is rebuilt from its reports (one
# per article that told it); merges, splits and every other change are kept in event_history, and a
# merged-away event stays, marked deleted, so that clients syncing with --changed-since see it go.
_V2 = """
ALTER TABLE events ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN merged_into TEXT NOT NULL DEFAULT '';   -- the survivor, for a merged-away event
CREATE INDEX events_timestamp ON events (timestamp);

-- One row per change of an event. `before`/`after` are JSON: the record (EventRecord.to_dict()), or for
-- a merged-away event {"merged_into": id}. Rows of one operation share `group_id` (the id of its first
-- row), and `detail` holds what `undo` needs: the event's reports and deleted flag before and after.
CREATE TABLE event_history (
    id         INTEGER PRIMARY KEY,
    event_id   TEXT NOT NULL,
    changed_at INTEGER NOT NULL,            -- unix seconds
    actor      TEXT NOT NULL DEFAULT 'sitrep',
    article_id TEXT,                        -- the article that caused the change, if one did
    action     TEXT NOT NULL,               -- create, update, merge, merged_into, split, split_from, undo, ...
    before     TEXT,
    after      TEXT,
    group_id   INTEGER,
    detail     TEXT
);
CREATE INDEX event_history_changed_at ON event_history (changed_at);
CREATE INDEX event_history_event ON event_history (event_id);
CREATE INDEX event_history_group ON event_history (group_id);

-- What each article said about an event, as extracted (before reconciliation). The columns are what
-- matching compares, so blocking is plain indexed SQL; `record` is the full EventRecord.to_dict().
CREATE TABLE event_reports (
    report_id      TEXT PRIMARY KEY,        -- the record's own id as extracted
    event_id       TEXT NOT NULL REFERENCES events (event_id) DEFERRABLE INITIALLY DEFERRED,
    article_id     TEXT,
    added_at       INTEGER NOT NULL,
    event_date     TEXT NOT NULL,
    time_precision INTEGER NOT NULL DEFAULT 1,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1         TEXT NOT NULL DEFAULT '',
    actor2         TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    admin1         TEXT NOT NULL DEFAULT '',
    admin2         TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    latitude       REAL,
    longitude      REAL,
    geo_precision  INTEGER NOT NULL DEFAULT 3,
    fatalities     INTEGER NOT NULL DEFAULT 0,
    revised        INTEGER NOT NULL DEFAULT 0,   -- the toll is an updated official figure
    published      TEXT,                         -- the article's day, YYYY-MM-DD
    text           TEXT NOT NULL DEFAULT '',     -- dedup.frame.match_text
    record         TEXT NOT NULL
);
CREATE INDEX event_reports_event ON event_reports (event_id);
CREATE INDEX event_reports_block ON event_reports (country COLLATE NOCASE, event_date);
CREATE INDEX event_reports_date ON event_reports (event_date);
CREATE INDEX event_reports_actor1 ON event_reports (actor1, event_date);

-- Events stored before version 2 become their own single report.
INSERT INTO event_reports (report_id, event_id, article_id, added_at, event_date, time_precision, event_type,
    sub_event_type, actor1, actor2, country, admin1, admin2, location, latitude, longitude, geo_precision,
    fatalities, published, text, record)
SELECT e.event_id, e.event_id, (SELECT MIN(article_id) FROM event_articles a WHERE a.event_id = e.event_id),
    e.timestamp, e.event_date, e.time_precision, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.country,
    e.admin1, e.admin2, e.location, e.latitude, e.longitude, e.geo_precision, e.fatalities,
    (SELECT MIN(r.published) FROM event_articles a JOIN articles r ON r.id = a.article_id
     WHERE a.event_id = e.event_id), e.notes, e.record
FROM events e;
"""

# Version 3: the analyst's desk (sitrep.store.review, sitrep.api). A review state per event, the fields an
# analyst corrected (a JSON list: every rewrite of the event keeps their values), a version bumped by every
# change (the API's ETag), API tokens (only a SHA-256 of each is kept), and what the desk's reads need to
# stay fast at 100k events (bench/api.py): one covering index and a full-text index.
_V3 = """
ALTER TABLE events ADD COLUMN review_state TEXT NOT NULL DEFAULT 'unreviewed';
ALTER TABLE events ADD COLUMN locked_fields TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX events_review_state ON events (review_state);
CREATE INDEX events_fatalities ON events (fatalities);

-- Covering indexes, so that the desk's reads scan an index (about 150 bytes an event) and never the rows
-- (whose JSON record is ten times larger): every column it filters, sorts and counts on, in day order
-- for the timeline; the map's points, deadliest first; the chart of admin1 units.
CREATE INDEX events_desk ON events (deleted, event_date, event_type, fatalities, event_id, country, admin1,
    location, sub_event_type, review_state, latitude, longitude, actor1, actor2, assoc_actor_1, assoc_actor_2);
CREATE INDEX events_points ON events (deleted, fatalities, event_date, event_id, latitude, longitude, event_type);
CREATE INDEX events_admin1_sums ON events (deleted, admin1, country, fatalities);
-- The desk's common filters, on live events, in the table's default order (newest first).
CREATE INDEX events_live_country ON events (deleted, country COLLATE NOCASE, event_date, event_id);
CREATE INDEX events_live_admin1 ON events (deleted, admin1 COLLATE NOCASE, event_date, event_id);
CREATE INDEX events_live_type ON events (deleted, event_type COLLATE NOCASE, event_date, event_id);
CREATE INDEX events_live_subtype ON events (deleted, sub_event_type COLLATE NOCASE, event_date, event_id);

-- Words of the notes, places and actors, for the desk's text search; kept in step by the triggers below
-- (rowids of events: after a VACUUM, run INSERT INTO events_fts (events_fts) VALUES ('rebuild')).
CREATE VIRTUAL TABLE events_fts USING fts5 (
    notes, location, admin1, admin2, actor1, actor2, assoc_actor_1, assoc_actor_2,
    content = 'events', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1, assoc_actor_2)
    VALUES (new.rowid, new.notes, new.location, new.admin1, new.admin2, new.actor1, new.actor2, new.assoc_actor_1,
            new.assoc_actor_2);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1,
                            assoc_actor_2)
    VALUES ('delete', old.rowid, old.notes, old.location, old.admin1, old.admin2, old.actor1, old.actor2,
            old.assoc_actor_1, old.assoc_actor_2);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF notes, location, admin1, admin2, actor1, actor2, assoc_actor_1,
    assoc_actor_2 ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1,
                            assoc_actor_2)
    VALUES ('delete', old.rowid, old.notes, old.location, old.admin1, old.admin2, old.actor1, old.actor2,
            old.assoc_actor_1, old.assoc_actor_2);
    INSERT INTO events_fts (rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1, assoc_actor_2)
    VALUES (new.rowid, new.notes, new.location, new.admin1, new.admin2, new.actor1, new.actor2, new.assoc_actor_1,
            new.assoc_actor_2);
END;

CREATE TABLE api_tokens (
    name         TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,   -- sha256 hex of the secret
    created_at   INTEGER NOT NULL,       -- unix seconds
    last_used_at INTEGER
);
"""

# Version 4, for re-clustering a million events in minutes (bench/dedup.py, BENCHMARKS.md "Deduplication"):
#
# * The JSON records leave the indexed tables for side tables (`event_records`, `report_records`). A row of
#   `events` or `event_reports` used to fill a 4 KiB page on its own, so re-clustering, which flags, moves
#   or rewrites most rows, dirtied nearly every page of the file; narrow rows pack several to a page.
#   `events.deleted`, `merged_into` and `timestamp` are now the truth for those three fields: flagging a
#   merged-away event no longer rewrites its record, and readers put the columns' values over the record's
#   (`sqlite.RECORD_COLUMNS`).
# * An analyst's merges and splits are pinned (sitrep.store.pins), so that re-clustering keeps them: a pin
#   partitions reports into parts, one per event the analyst made; reports of one part stay together and
#   reports of different parts stay apart. Its id is the history group of the desk action, whose undo
#   deletes it.
#
# Both tables are copied into narrow ones (SQLite's way to change a table, https://sqlite.org/lang_altertable.html
# section 7: ALTER TABLE DROP COLUMN would leave each row alone on its page), keeping their rowids, which the
# text index (events_fts) and the stored order of reports rely on; their indexes and triggers are made again.
# A report's rowid becomes an INTEGER PRIMARY KEY (`id`, which VACUUM keeps), the key of its record.
# `SQLiteStore` runs migrations with foreign keys off (else dropping `events` would cascade to its evidence and
# links) and checks them before committing. The space the old tables leave is reused by later writes; VACUUM
# gives it back to the file system (then rebuild events_fts, see version 3).
_V4 = """
CREATE TABLE event_records (
    event_id TEXT PRIMARY KEY REFERENCES events (event_id) ON DELETE CASCADE,
    record   TEXT NOT NULL                  -- json.dumps(EventRecord.to_dict()); events' columns override 3 fields
);
INSERT INTO event_records (event_id, record) SELECT event_id, record FROM events ORDER BY rowid;
CREATE TABLE events_narrow (
    event_id           TEXT PRIMARY KEY,
    event_date         TEXT NOT NULL,
    year               INTEGER NOT NULL,
    time_precision     INTEGER NOT NULL,
    disorder_type      TEXT NOT NULL DEFAULT '',
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT NOT NULL,
    assoc_actor_1      TEXT NOT NULL DEFAULT '',
    inter1             INTEGER NOT NULL,
    actor2             TEXT NOT NULL DEFAULT '',
    assoc_actor_2      TEXT NOT NULL DEFAULT '',
    inter2             INTEGER NOT NULL DEFAULT 0,
    interaction        INTEGER NOT NULL DEFAULT 0,
    civilian_targeting TEXT NOT NULL DEFAULT '',
    iso                INTEGER,
    region             TEXT NOT NULL DEFAULT '',
    country            TEXT NOT NULL DEFAULT '',
    admin1             TEXT NOT NULL DEFAULT '',
    admin2             TEXT NOT NULL DEFAULT '',
    admin3             TEXT NOT NULL DEFAULT '',
    location           TEXT NOT NULL DEFAULT '',
    latitude           REAL,
    longitude          REAL,
    geo_precision      INTEGER NOT NULL DEFAULT 3,
    source             TEXT NOT NULL DEFAULT '',
    source_scale       TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    fatalities         INTEGER NOT NULL DEFAULT 0,
    tags               TEXT NOT NULL DEFAULT '',
    timestamp          INTEGER NOT NULL DEFAULT 0,
    confidence         REAL NOT NULL DEFAULT 0.5,
    weapon             TEXT NOT NULL DEFAULT '',
    claimed_by         TEXT NOT NULL DEFAULT '',
    injuries           INTEGER NOT NULL DEFAULT 0,
    deleted            INTEGER NOT NULL DEFAULT 0,
    merged_into        TEXT NOT NULL DEFAULT '',
    review_state       TEXT NOT NULL DEFAULT 'unreviewed',
    locked_fields      TEXT NOT NULL DEFAULT '[]',
    version            INTEGER NOT NULL DEFAULT 1
);
INSERT INTO events_narrow (rowid, event_id, event_date, year, time_precision, disorder_type, event_type,
    sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting,
    iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision, source, source_scale,
    notes, fatalities, tags, timestamp, confidence, weapon, claimed_by, injuries, deleted, merged_into, review_state,
    locked_fields, version)
SELECT rowid, event_id, event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1,
    assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country, admin1,
    admin2, admin3, location, latitude, longitude, geo_precision, source, source_scale, notes, fatalities, tags,
    timestamp, confidence, weapon, claimed_by, injuries, deleted, merged_into, review_state, locked_fields, version
FROM events ORDER BY rowid;
DROP TABLE events;
ALTER TABLE events_narrow RENAME TO events;
-- The indexes and text-search triggers of versions 1-3, as they were.
CREATE INDEX events_event_date ON events (event_date, event_id);
CREATE INDEX events_country ON events (country COLLATE NOCASE);
CREATE INDEX events_event_type ON events (event_type COLLATE NOCASE);
CREATE INDEX events_sub_event_type ON events (sub_event_type COLLATE NOCASE);
CREATE INDEX events_actor1 ON events (actor1 COLLATE NOCASE);
CREATE INDEX events_admin1 ON events (admin1 COLLATE NOCASE);
CREATE INDEX events_timestamp ON events (timestamp);
CREATE INDEX events_review_state ON events (review_state);
CREATE INDEX events_fatalities ON events (fatalities);
CREATE INDEX events_desk ON events (deleted, event_date, event_type, fatalities, event_id, country, admin1,
    location, sub_event_type, review_state, latitude, longitude, actor1, actor2, assoc_actor_1, assoc_actor_2);
CREATE INDEX events_points ON events (deleted, fatalities, event_date, event_id, latitude, longitude, event_type);
CREATE INDEX events_admin1_sums ON events (deleted, admin1, country, fatalities);
CREATE INDEX events_live_country ON events (deleted, country COLLATE NOCASE, event_date, event_id);
CREATE INDEX events_live_admin1 ON events (deleted, admin1 COLLATE NOCASE, event_date, event_id);
CREATE INDEX events_live_type ON events (deleted, event_type COLLATE NOCASE, event_date, event_id);
CREATE INDEX events_live_subtype ON events (deleted, sub_event_type COLLATE NOCASE, event_date, event_id);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1, assoc_actor_2)
    VALUES (new.rowid, new.notes, new.location, new.admin1, new.admin2, new.actor1, new.actor2, new.assoc_actor_1,
            new.assoc_actor_2);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1,
                            assoc_actor_2)
    VALUES ('delete', old.rowid, old.notes, old.location, old.admin1, old.admin2, old.actor1, old.actor2,
            old.assoc_actor_1, old.assoc_actor_2);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF notes, location, admin1, admin2, actor1, actor2, assoc_actor_1,
    assoc_actor_2 ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1,
                            assoc_actor_2)
    VALUES ('delete', old.rowid, old.notes, old.location, old.admin1, old.admin2, old.actor1, old.actor2,
            old.assoc_actor_1, old.assoc_actor_2);
    INSERT INTO events_fts (rowid, notes, location, admin1, admin2, actor1, actor2, assoc_actor_1, assoc_actor_2)
    VALUES (new.rowid, new.notes, new.location, new.admin1, new.admin2, new.actor1, new.actor2, new.assoc_actor_1,
            new.assoc_actor_2);
END;

CREATE TABLE event_reports_narrow (
    id             INTEGER PRIMARY KEY,     -- the order reports were stored in (kept by VACUUM, unlike a rowid)
    report_id      TEXT NOT NULL UNIQUE,    -- the record's own id as extracted
    event_id       TEXT NOT NULL REFERENCES events (event_id) DEFERRABLE INITIALLY DEFERRED,
    article_id     TEXT,
    added_at       INTEGER NOT NULL,
    event_date     TEXT NOT NULL,
    time_precision INTEGER NOT NULL DEFAULT 1,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1         TEXT NOT NULL DEFAULT '',
    actor2         TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    admin1         TEXT NOT NULL DEFAULT '',
    admin2         TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    latitude       REAL,
    longitude      REAL,
    geo_precision  INTEGER NOT NULL DEFAULT 3,
    fatalities     INTEGER NOT NULL DEFAULT 0,
    revised        INTEGER NOT NULL DEFAULT 0,
    published      TEXT
);
INSERT INTO event_reports_narrow (id, report_id, event_id, article_id, added_at, event_date, time_precision,
    event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location, latitude, longitude,
    geo_precision, fatalities, revised, published)
SELECT rowid, report_id, event_id, article_id, added_at, event_date, time_precision, event_type, sub_event_type,
    actor1, actor2, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, revised,
    published
FROM event_reports ORDER BY rowid;
-- What each report said (never changes once stored): the matching text and the full record, under the
-- report's id, so that reading them for a run of reports walks one B-tree in order.
CREATE TABLE report_records (
    id     INTEGER PRIMARY KEY REFERENCES event_reports (id) ON DELETE CASCADE,
    text   TEXT NOT NULL DEFAULT '',        -- dedup.frame.match_text
    record TEXT NOT NULL                    -- json.dumps(EventRecord.to_dict())
);
INSERT INTO report_records (id, text, record) SELECT rowid, text, record FROM event_reports ORDER BY rowid;
DROP TABLE event_reports;
ALTER TABLE event_reports_narrow RENAME TO event_reports;
CREATE INDEX event_reports_event ON event_reports (event_id);
CREATE INDEX event_reports_block ON event_reports (country COLLATE NOCASE, event_date);
CREATE INDEX event_reports_date ON event_reports (event_date);
CREATE INDEX event_reports_actor1 ON event_reports (actor1, event_date);

CREATE TABLE event_pins (
    id         INTEGER PRIMARY KEY,     -- event_history.group_id of the desk merge or split
    action     TEXT NOT NULL,           -- merge or split
    actor      TEXT NOT NULL,
    created_at INTEGER NOT NULL         -- unix seconds
);
CREATE TABLE event_pin_reports (
    pin_id    INTEGER NOT NULL REFERENCES event_pins (id) ON DELETE CASCADE,
    report_id TEXT NOT NULL REFERENCES event_reports (report_id),
    part      INTEGER NOT NULL,         -- which of the pin's events the report belongs to
    PRIMARY KEY (pin_id, report_id)
) WITHOUT ROWID;
CREATE INDEX event_pin_reports_report ON event_pin_reports (report_id);
"""


# Version 5: events whose day cannot be known. An article with no publication date and no absolute date in its
# text gives an event with an empty event_date, time_precision 4 (model.UNKNOWN_TIME_PRECISION) and no year, so
# `events.year` may now be NULL. SQLite cannot drop a NOT NULL constraint in place; `year` is in no index, trigger
# or view, so it can be dropped (which rewrites the table once) and added back without one, then refilled from
# event_date, which every stored event had until now.
_V5 = """
ALTER TABLE events DROP COLUMN year;
ALTER TABLE events ADD COLUMN year INTEGER;           -- NULL when event_date is empty (the day is unknown)
UPDATE events SET year = CAST(substr(event_date, 1, 4) AS INTEGER) WHERE event_date != '';
"""

# PostgreSQL drops a NOT NULL constraint in place; its `year` values are already right.
_PG_V5 = """
ALTER TABLE events ALTER COLUMN year DROP NOT NULL;
"""


# Version 6: the feed monitor's own state (`sitrep watch`, module `store.monitor`): the sources it follows with
# their conditional-request validators and backoff, and every page it fetched: the canonical URL, the article
# (content hash) its current text was stored as, its language and whether the English pipeline coded it. Times
# are unix seconds (BIGINT, which SQLite reads as INTEGER). `sitrep db copy` moves both tables (`copy.TABLES`).
_V6 = """
CREATE TABLE watch_sources (
    name            TEXT PRIMARY KEY,               -- the sources file's `name`, shown in status
    url             TEXT NOT NULL,
    country         TEXT,
    etag            TEXT,                           -- validators of the last 200, sent back as If-None-Match
    last_modified   TEXT,                           --   and If-Modified-Since
    last_fetch_at   BIGINT,                         -- unix seconds of the last attempt
    last_success_at BIGINT,
    last_error      TEXT,
    last_error_at   BIGINT,
    failures        INTEGER NOT NULL DEFAULT 0,     -- consecutive failures, for the backoff
    next_fetch_at   BIGINT NOT NULL DEFAULT 0       -- not fetched before this (interval or backoff)
);
CREATE TABLE watch_pages (
    url             TEXT PRIMARY KEY,               -- the link as the feed (or the user) gave it
    source          TEXT NOT NULL,                  -- watch_sources.name, or "fetch" for `sitrep fetch`
    canonical_url   TEXT,                           -- <link rel=canonical> or the URL after redirects
    article_id      TEXT,                           -- the stored article of the current text (its content hash)
    language        TEXT,                           -- ISO 639-1 code from the offline detector
    status          TEXT NOT NULL,                  -- coded, not_english, no_text, error
    events          INTEGER NOT NULL DEFAULT 0,     -- events the current text created or updated
    versions        INTEGER NOT NULL DEFAULT 0,     -- texts stored for this URL (more than 1: updated in place)
    etag            TEXT,
    last_modified   TEXT,
    published_at    BIGINT,                         -- the feed item's or page's publication time, if known
    first_seen_at   BIGINT NOT NULL,                -- when the link first appeared to the monitor
    stored_at       BIGINT,                         -- when its text was first stored
    checked_at      BIGINT NOT NULL,                -- the last fetch attempt
    last_error      TEXT
);
CREATE INDEX watch_pages_canonical ON watch_pages (canonical_url);
CREATE INDEX watch_pages_source ON watch_pages (source);
"""

# The same tables on PostgreSQL, text in COLLATE "C" so that both backends sort names and URLs alike.
_PG_V6 = """
CREATE TABLE watch_sources (
    name            TEXT COLLATE "C" PRIMARY KEY,
    url             TEXT COLLATE "C" NOT NULL,
    country         TEXT COLLATE "C",
    etag            TEXT COLLATE "C",
    last_modified   TEXT COLLATE "C",
    last_fetch_at   BIGINT,
    last_success_at BIGINT,
    last_error      TEXT COLLATE "C",
    last_error_at   BIGINT,
    failures        INTEGER NOT NULL DEFAULT 0,
    next_fetch_at   BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE watch_pages (
    url             TEXT COLLATE "C" PRIMARY KEY,
    source          TEXT COLLATE "C" NOT NULL,
    canonical_url   TEXT COLLATE "C",
    article_id      TEXT COLLATE "C",
    language        TEXT COLLATE "C",
    status          TEXT COLLATE "C" NOT NULL,
    events          INTEGER NOT NULL DEFAULT 0,
    versions        INTEGER NOT NULL DEFAULT 0,
    etag            TEXT COLLATE "C",
    last_modified   TEXT COLLATE "C",
    published_at    BIGINT,
    first_seen_at   BIGINT NOT NULL,
    stored_at       BIGINT,
    checked_at      BIGINT NOT NULL,
    last_error      TEXT COLLATE "C"
);
CREATE INDEX watch_pages_canonical ON watch_pages (canonical_url);
CREATE INDEX watch_pages_source ON watch_pages (source);
"""

# Version 7, PostgreSQL only: the desk's text search reads a stored tsvector column instead of an index on the
# expression. With the expression, a search that the planner answers by walking the date index for the newest
# matches (most of them) had to compute `sitrep_fold` and `to_tsvector` for every row it passed, about 25 us a
# row (a word in 1.6% of 100,000 events: 150 ms); the stored column is computed once, when the row is written.
# SQLite's FTS5 table already stores its words.
# And the map's points (`query.event_points`): an index in their order (the deadliest first) that holds every
# column they read, so that the points and their count read the index alone, not the table (all 100,000: 8,550
# table pages against 1,213 index pages).
_PG_V7 = f"""
ALTER TABLE events ADD COLUMN search tsvector GENERATED ALWAYS AS ({PG_SEARCH_VECTOR}) STORED;
DROP INDEX events_search;
CREATE INDEX events_search ON events USING gin (search);
CREATE INDEX events_live_points ON events (fatalities DESC, event_date DESC, event_id)
    INCLUDE (latitude, longitude, event_type) WHERE deleted = 0 AND latitude IS NOT NULL AND longitude IS NOT NULL;
"""


@dataclass(frozen=True)
class Migration:
    """One step of the schema: what takes a database from `version - 1` to `version`, per dialect.

    Attributes:
        version: the schema version it makes (1-based, consecutive).
        summary: what it changes, in a line.
        sqlite: the SQLite script (`;`-separated statements; triggers may hold `;` inside BEGIN...END).
        postgresql: the PostgreSQL script ("" when there is nothing to do on PostgreSQL).
    """

    version: int
    summary: str
    sqlite: str
    postgresql: str

    def script(self, dialect: str) -> str:
        """The script for a dialect name ("sqlite" or "postgresql")."""
        return self.postgresql if dialect == "postgresql" else self.sqlite


# MIGRATIONS[i] takes version i to version i + 1.
MIGRATIONS: list[Migration] = [
    Migration(1, "articles, events, evidence, mentions", _V1, ""),
    Migration(2, "stable ids across sources: reports, history, deleted events", _V2, ""),
    Migration(3, "the analyst's desk: review states, locks, versions, tokens, desk indexes, text search", _V3, ""),
    Migration(
        4, "records in side tables (narrow rows); analysts' pins (PostgreSQL: the whole schema)", _V4, PG_SCHEMA_V4
    ),
    Migration(5, "events whose day is unknown: events.year may be NULL", _V5, _PG_V5),
    Migration(6, "the feed monitor: watched sources and fetched pages", _V6, _PG_V6),
    Migration(7, "PostgreSQL: the text search reads a stored tsvector column; an index for the map", "", _PG_V7),
]

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    """Highest applied migration, 0 for a database that has none."""
    if not db.table_exists("schema_version"):
        return 0
    return int(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version"))


def migrate(db: Database) -> None:
    """Bring the schema up to date, in one transaction under the store's write lock.

    The version is read first without the lock (a current store opens without waiting for a writer),
    then again under it, so two processes opening a new database at once do not both run migration 1.

    Args:
        db: the store's database.

    Raises:
        StoreError: the database is newer than this code, a migration fails (nothing of it is kept), or
            the migrated data breaks a foreign key.
    """
    target = len(MIGRATIONS)
    current = schema_version(db)
    if current == target:
        return
    if current > target:
        raise _newer(db, current, target)
    with db.migrating(), db.transaction("cannot migrate database schema"):
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        current = schema_version(db)
        if current > target:
            raise _newer(db, current, target)
        for migration in MIGRATIONS[current:]:
            script = migration.script(db.dialect.name)
            if script.strip():
                db.execute_script(script)
            db.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (migration.version, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        if current < target:
            broken = db.check_foreign_keys()
            if broken:
                raise StoreError(
                    f"{db.name}: the schema upgrade left rows whose foreign keys point nowhere "
                    f"(table, rowid, parent): {broken}",
                    hint="nothing was changed; report this with a copy of the database",
                )


def _newer(db: Database, current: int, target: int) -> StoreError:
    return StoreError(
        f"{db.name}: database schema version {current} is newer than this sitrep supports (up to {target})",
        hint="upgrade sitrep, or use another --db database",
    )


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements.

    `executescript` would commit the caller's transaction first, so migrations are run statement by
    statement inside one transaction instead; `sqlite3.complete_statement` keeps semicolons inside
    strings, comments and trigger bodies from splitting a statement.

    Args:
        script: SQL text holding zero or more `;`-terminated statements.

    Returns:
        The statements, each stripped, without empty ones.

    Raises:
        ValueError: the script ends with an unterminated statement.
    """
    statements: list[str] = []
    pending = ""
    pieces = script.split(";")
    # Every piece but the last was followed by a `;` in the script; the last one never was.
    for piece in pieces[:-1]:
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if not _only_comments(pending):
                statements.append(pending.strip())
            pending = ""
    rest = pending + pieces[-1]
    if not _only_comments(rest):
        raise ValueError(f"unterminated SQL statement in migration: {rest.strip()[:60]!r}")
    return statements


def _only_comments(sql: str) -> bool:
    """True when `sql` holds nothing but `--` comments, whitespace and semicolons."""
    lines = (line.split("--", 1)[0] for line in sql.splitlines())
    return not "".join(lines).strip().strip(";").strip()
