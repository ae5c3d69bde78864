"""Where SQLite and PostgreSQL differ, in one place: the SQL fragments that cannot be written once for both.

Everything else in the store is written once, in the subset both dialects share: `?` placeholders (the
PostgreSQL `Database` turns them into psycopg's `%s`), `INSERT ... ON CONFLICT`, `RETURNING`, and a
`rowid` column on `events` and `evidence` (SQLite's implicit one; on PostgreSQL an identity column with the
same name and the same meaning: the order rows were stored in). Text columns compare byte by byte on both
(SQLite's BINARY collation, PostgreSQL's "C"), so every ORDER BY gives the same order.

What differs, and how each dialect writes it:

| need                         | SQLite                               | PostgreSQL                                 |
|------------------------------|--------------------------------------|--------------------------------------------|
| text equal, any ASCII case   | `col = ? COLLATE NOCASE`             | `lower(col) = lower(? COLLATE "C")`        |
| substring, any case          | `col LIKE ? ESCAPE '\\'`             | `col ILIKE ? ESCAPE '\\'`                  |
| words of notes and names     | FTS5 table `events_fts`              | GIN index on the tsvector column `search`  |
| inside a bounding box        | two BETWEENs (covering index)        | `point(lon, lat) <@ box` (GiST index)      |
| JSON arrays of a column      | `json_group_array`                   | `json_agg`                                 |
| no LIMIT                     | `LIMIT -1`                           | `LIMIT NULL`                               |

The catalog (indexes, tables, columns), transactions and locks differ too: those are methods of the two
`Database` classes (`sqlite.SQLiteDatabase`, `postgres.PostgresDatabase`), which hold the connection.

Usage:
    where, params = db.dialect.equals_nocase("country"), ["Sudan"]
"""

from __future__ import annotations

__all__ = ["Dialect", "SQLITE", "POSTGRESQL", "PG_SEARCH_VECTOR", "SEARCH_COLUMNS", "fts_query", "tsquery"]

import re
from dataclasses import dataclass

# The event columns the desk's text search reads (notes, places, actors), in both dialects.
SEARCH_COLUMNS: tuple[str, ...] = (
    "notes",
    "location",
    "admin1",
    "admin2",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
)

# PostgreSQL: the words the text search reads, as one immutable expression: the generated column
# `events.search` holds it (migration 7), and its GIN index `events_search` indexes that column.
# `sitrep_fold` (migration 4) takes the accents off (NFD, then the combining marks dropped), as SQLite's
# `remove_diacritics 2` tokenizer does; the 'simple' dictionary lowers the words. (A translate() table did the
# same at 0.6 ms a row, which made the index cost minutes to build.)
PG_SEARCH_VECTOR = "to_tsvector('simple'::regconfig, sitrep_fold(" + " || ' ' || ".join(SEARCH_COLUMNS) + "))"


def fts_query(text: str) -> str:
    """An FTS5 query matching every word of `text` as a word or the start of one; never FTS syntax.

    Each word is quoted (quotes doubled), so `AND`, `NEAR`, `*` or `"` typed by a user stay plain text.
    Text with no word at all matches nothing.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return '""'
    return " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)


def tsquery(text: str) -> str:
    """A PostgreSQL tsquery (for to_tsquery) with the same meaning as `fts_query`: every word, as a prefix.

    Words are split as the 'simple' parser splits them (letters and digits; an underscore separates), each
    quoted, so no user text is read as tsquery syntax. Text with no word at all matches nothing.
    """
    words = re.findall(r"[^\W_]+", text)
    if not words:
        return "''"  # an empty query: matches no row
    return " & ".join("'" + w.replace("'", "''").replace("\\", "\\\\") + "':*" for w in words)


@dataclass(frozen=True)
class Dialect:
    """The SQL that differs between the two backends (see the module docstring for the table)."""

    name: str  # "sqlite" or "postgresql"

    @property
    def is_postgres(self) -> bool:
        return self.name == "postgresql"

    def equals_nocase(self, column: str) -> str:
        """`column` equals the next parameter, ignoring ASCII case (indexed in both dialects)."""
        if self.is_postgres:
            # lower() of "C" text lowers ASCII letters only, as SQLite's NOCASE compares; the parameter is
            # made "C" text too, or it would be lowered by the database's locale.
            return f'lower({column}) = lower(CAST(? AS TEXT) COLLATE "C")'
        return f"{column} = ? COLLATE NOCASE"

    def contains_nocase(self, column: str) -> str:
        """`column` matches the next parameter, a LIKE pattern with `\\` as its escape, ignoring case."""
        op = "ILIKE" if self.is_postgres else "LIKE"
        return f"{column} {op} ? ESCAPE '\\'"

    def text_search(self, text: str) -> tuple[str, str]:
        """A condition on `events` (and its parameter) matching every word of `text` in the searched columns."""
        if self.is_postgres:
            return "search @@ to_tsquery('simple'::regconfig, sitrep_fold(?))", tsquery(text)
        return "rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", fts_query(text)

    def in_box(self, west: float, south: float, east: float, north: float) -> tuple[str, list[float]]:
        """A condition on `events` (and its parameters): the point lies in the box; west > east crosses 180°."""
        if self.is_postgres:
            # Indexed (events_box, GiST); a box that crosses the antimeridian is two boxes.
            inside = "point(longitude, latitude) <@ box(point(?, ?), point(?, ?))"
            if west > east:
                return f"({inside} OR {inside})", [west, south, 180.0, north, -180.0, south, east, north]
            return inside, [west, south, east, north]
        if west > east:
            return "latitude BETWEEN ? AND ? AND (longitude >= ? OR longitude <= ?)", [south, north, west, east]
        return "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?", [south, north, west, east]

    def json_arrays(self, columns: tuple[str, ...]) -> str:
        """A SELECT list of one JSON array per column, over a subquery that is already sorted and limited.

        Both aggregates take the rows in the order the subquery gives them: a plain aggregate over one sorted
        subquery, with no join or grouping around it. Neither database promises this in general (PostgreSQL's
        manual, "Aggregate Expressions", gives this form and says it usually works), so
        tests/store/test_query.py checks the order on both backends. PostgreSQL's `json_agg(c ORDER BY ...)`
        would promise it, but sorts the rows again for each column (version 15 shares no sorts between
        aggregates): six sorts of 10,000 points took longer than the query itself.
        """
        if self.is_postgres:
            return ", ".join(f"COALESCE(json_agg({c}), '[]')::text" for c in columns)
        return ", ".join(f"json_group_array({c})" for c in columns)

    @property
    def no_limit(self) -> int | None:
        """The LIMIT parameter that means "every row"."""
        return None if self.is_postgres else -1


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")
