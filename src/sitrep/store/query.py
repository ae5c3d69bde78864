"""Filtered, sorted, paged reads of stored events for the analyst's desk (API and web map).

One `EventFilter` drives three reads that share its WHERE clause: `query_events` (a page of records and
the total), `event_points` (compact columns for the map) and `event_stats` (timeline and chart sums),
so the map, the table and the charts always show the same events.

Usage:
    flt = EventFilter(country="Sudan", since=date(2024, 1, 1), min_fatalities=1)
    page = query_events(store, flt, sort="-fatalities", limit=50)
"""

from __future__ import annotations

__all__ = [
    "EventFilter",
    "EventPage",
    "SORT_FIELDS",
    "BINS",
    "query_events",
    "event_points",
    "event_stats",
]

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError
from sitrep.model import EventRecord
from sitrep.store.review import REVIEW_STATES, StoredEvent

if TYPE_CHECKING:
    from sitrep.store.sqlite import SQLiteStore

# Sort keys the API accepts (prefix "-" for descending); each is a column, ties broken by event_id.
SORT_FIELDS: tuple[str, ...] = (
    "event_date",
    "fatalities",
    "country",
    "admin1",
    "location",
    "event_type",
    "sub_event_type",
    "actor1",
    "review_state",
    "confidence",
    "event_id",
)
BINS: tuple[str, ...] = ("day", "week", "month")

# SQL for the first day of an event_date's bin; weeks start on Monday.
_BIN_SQL = {
    "day": "event_date",
    "week": "date(event_date, '-6 days', 'weekday 1')",
    "month": "substr(event_date, 1, 7) || '-01'",
}
_TEXT_FIELDS = ("notes", "location", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "admin1", "admin2")
_ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


@dataclass(frozen=True)
class EventFilter:
    """Which events to read; every field left None matches everything.

    Attributes:
        since, until: first and last event_date, inclusive.
        country, admin1: exact names, any (ASCII) case.
        event_type: an event_type or a sub_event_type, any case.
        actor: text found in actor1, actor2 or an associated actor, any case.
        q: text found in the notes, location, admin1/admin2 or an actor, any case.
        bbox: (west, south, east, north) in degrees; west > east crosses the antimeridian.
        min_fatalities: at least this many fatalities.
        review_state: one of review.REVIEW_STATES.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    review_state: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL WHERE clause (merged-away events never match) and its parameters."""
        where = ["deleted = 0"]
        params: list[Any] = []
        if self.since is not None:
            where.append("event_date >= ?")
            params.append(self.since.isoformat())
        if self.until is not None:
            where.append("event_date <= ?")
            params.append(self.until.isoformat())
        if self.country:
            where.append("country = ? COLLATE NOCASE")
            params.append(self.country)
        if self.admin1:
            where.append("admin1 = ? COLLATE NOCASE")
            params.append(self.admin1)
        if self.event_type:
            where.append("(event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE)")
            params += [self.event_type, self.event_type]
        if self.actor:
            where.append("(" + " OR ".join(f"{f} LIKE ? ESCAPE '\\'" for f in _ACTOR_FIELDS) + ")")
            params += [_contains(self.actor)] * len(_ACTOR_FIELDS)
        if self.q:
            where.append("(" + " OR ".join(f"{f} LIKE ? ESCAPE '\\'" for f in _TEXT_FIELDS) + ")")
            params += [_contains(self.q)] * len(_TEXT_FIELDS)
        if self.bbox is not None:
            west, south, east, north = self.bbox
            where.append("latitude BETWEEN ? AND ?")
            params += [south, north]
            if west <= east:
                where.append("longitude BETWEEN ? AND ?")
            else:
                where.append("(longitude >= ? OR longitude <= ?)")
            params += [west, east]
        if self.min_fatalities:
            where.append("fatalities >= ?")
            params.append(self.min_fatalities)
        if self.review_state:
            if self.review_state not in REVIEW_STATES:
                raise ConfigError(f"review_state {self.review_state!r} is not one of {', '.join(REVIEW_STATES)}")
            where.append("review_state = ?")
            params.append(self.review_state)
        return " AND ".join(where), params


@dataclass(frozen=True)
class EventPage:
    """One page of matching events and how many match in all."""

    total: int
    limit: int | None
    offset: int
    items: list[StoredEvent]


def _contains(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _order(sort: str) -> str:
    key = sort.removeprefix("-")
    if key not in SORT_FIELDS:
        raise ConfigError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_FIELDS)}, with '-' for descending")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{key} {direction}, event_id {direction}"


def query_events(
    store: SQLiteStore,
    flt: EventFilter,
    *,
    sort: str = "-event_date",
    limit: int | None = 100,
    offset: int = 0,
    with_total: bool = True,
) -> EventPage:
    """A page of the events matching `flt`.

    Args:
        store: the open store.
        flt: the filter.
        sort: one of SORT_FIELDS, "-" first for descending.
        limit: page size; None for every match (exports).
        offset: how many matches to skip.
        with_total: count every match (else `total` is -1: the exports, which page through anyway).

    Returns:
        The page, with the total number of matches.

    Raises:
        ConfigError: an unknown sort key or review state, or a negative limit or offset.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise ConfigError("limit and offset must be 0 or more")
    where, params = flt.where()
    conn = store._conn
    total = int(conn.execute(f"SELECT COUNT(*) FROM events WHERE {where}", params).fetchone()[0]) if with_total else -1
    sql = (
        f"SELECT record, review_state, locked_fields, version FROM events WHERE {where} "
        f"ORDER BY {_order(sort)} LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*params, -1 if limit is None else limit, offset]).fetchall()
    items = [
        StoredEvent(EventRecord.from_dict(json.loads(r[0])), r[1], tuple(json.loads(r[2] or "[]")), int(r[3]))
        for r in rows
    ]
    return EventPage(total=total, limit=limit, offset=offset, items=items)


def event_points(store: SQLiteStore, flt: EventFilter, *, limit: int = 20_000) -> dict[str, Any]:
    """The matching events that have coordinates, as parallel arrays for the map.

    When more than `limit` match, the deadliest are kept (then the latest) and `truncated` is true.

    Returns:
        {"total": n with coordinates, "truncated": bool, "id": [...], "lat": [...], "lon": [...],
        "type": [...], "fatalities": [...], "date": [...]}.
    """
    where, params = flt.where()
    where += " AND latitude IS NOT NULL AND longitude IS NOT NULL"
    conn = store._conn
    total = int(conn.execute(f"SELECT COUNT(*) FROM events WHERE {where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT event_id, latitude, longitude, event_type, fatalities, event_date FROM events WHERE {where} "
        "ORDER BY fatalities DESC, event_date DESC, event_id LIMIT ?",
        [*params, limit],
    ).fetchall()
    columns = list(zip(*rows)) if rows else [(), (), (), (), (), ()]
    return {
        "total": total,
        "truncated": total > len(rows),
        "id": list(columns[0]),
        "lat": list(columns[1]),
        "lon": list(columns[2]),
        "type": list(columns[3]),
        "fatalities": list(columns[4]),
        "date": list(columns[5]),
    }


def event_stats(store: SQLiteStore, flt: EventFilter, *, bin: str | None = None, top_admin1: int = 8) -> dict[str, Any]:
    """Sums for the timeline and the charts.

    Args:
        store: the open store.
        flt: the filter.
        bin: "day", "week" or "month"; None picks by the span of the matching dates (up to 92 days: day,
            up to two years: week, else month).
        top_admin1: how many admin1 units (by fatalities) get their own series.

    Returns:
        {"bin", "min_date", "max_date", "events", "fatalities",
        "timeline": [{"period", "event_type", "events", "fatalities"}],
        "admin1": [{"country", "admin1", "events", "fatalities"}],
        "admin1_timeline": [{"period", "admin1", "fatalities"}]}.

    Raises:
        ConfigError: an unknown bin.
    """
    where, params = flt.where()
    conn = store._conn
    lo, hi, n, dead = conn.execute(
        f"SELECT MIN(event_date), MAX(event_date), COUNT(*), COALESCE(SUM(fatalities), 0) FROM events WHERE {where}",
        params,
    ).fetchone()
    if bin is None:
        span = (date.fromisoformat(hi) - date.fromisoformat(lo)).days if lo and hi else 0
        bin = "day" if span <= 92 else "week" if span <= 731 else "month"
    if bin not in _BIN_SQL:
        raise ConfigError(f"unknown bin {bin!r}; use one of {', '.join(BINS)}")
    period = _BIN_SQL[bin]
    timeline = [
        {"period": r[0], "event_type": r[1], "events": r[2], "fatalities": r[3]}
        for r in conn.execute(
            f"SELECT {period} AS p, event_type, COUNT(*), SUM(fatalities) FROM events WHERE {where} "
            "GROUP BY p, event_type ORDER BY p, event_type",
            params,
        )
    ]
    admin1 = [
        {"country": r[0], "admin1": r[1], "events": r[2], "fatalities": r[3]}
        for r in conn.execute(
            f"SELECT country, admin1, COUNT(*), SUM(fatalities) AS f FROM events WHERE {where} AND admin1 != '' "
            "GROUP BY country, admin1 ORDER BY f DESC, COUNT(*) DESC, admin1 LIMIT ?",
            [*params, top_admin1],
        )
    ]
    admin1_timeline: list[dict[str, Any]] = []
    if admin1:
        names = [a["admin1"] for a in admin1]
        marks = ", ".join("?" for _ in names)
        admin1_timeline = [
            {"period": r[0], "admin1": r[1], "fatalities": r[2]}
            for r in conn.execute(
                f"SELECT {period} AS p, admin1, SUM(fatalities) FROM events WHERE {where} AND admin1 IN ({marks}) "
                "GROUP BY p, admin1 ORDER BY p, admin1",
                [*params, *names],
            )
        ]
    return {
        "bin": bin,
        "min_date": lo,
        "max_date": hi,
        "events": int(n),
        "fatalities": int(dead),
        "timeline": timeline,
        "admin1": admin1,
        "admin1_timeline": admin1_timeline,
    }
