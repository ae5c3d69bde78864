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
    "fts_query",
]

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError
from sitrep.model import EventRecord
from sitrep.store.dialect import Dialect, fts_query
from sitrep.store.records import RECORD_COLUMNS, REVIEW_STATES, StoredEvent, escape_like, record_dict

if TYPE_CHECKING:
    from sitrep.store.contract import EventStore

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

_ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


@dataclass(frozen=True)
class EventFilter:
    """Which events to read; every field left None matches everything.

    Attributes:
        since, until: first and last event_date, inclusive; an event whose day is unknown (empty event_date)
            matches neither.
        country, admin1: exact names, any (ASCII) case.
        event_type: an event_type or a sub_event_type, any case.
        actor: text found in actor1, actor2 or an associated actor, any case.
        q: words found in the notes, location, admin1/admin2 or an actor (each word, or the start of one; any
            case and accents: "shabaab mogad" finds "Al-Shabaab ... in Mogadishu").
        bbox: (west, south, east, north) in degrees; west > east crosses the antimeridian.
        min_fatalities: at least this many fatalities.
        review_state: one of records.REVIEW_STATES.
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

    def where(self, dialect: Dialect) -> tuple[str, list[Any]]:
        """The SQL WHERE clause (merged-away events never match) and its parameters, in `dialect`."""
        where = ["deleted = 0"]
        params: list[Any] = []
        if self.since is not None:
            where.append("event_date >= ?")
            params.append(self.since.isoformat())
        if self.until is not None:
            # An event of unknown day (event_date '') sorts before every day but is not known to be before any.
            where.append("event_date > '' AND event_date <= ?")
            params.append(self.until.isoformat())
        if self.country:
            where.append(dialect.equals_nocase("country"))
            params.append(self.country)
        if self.admin1:
            where.append(dialect.equals_nocase("admin1"))
            params.append(self.admin1)
        if self.event_type:
            where.append(f"({dialect.equals_nocase('event_type')} OR {dialect.equals_nocase('sub_event_type')})")
            params += [self.event_type, self.event_type]
        if self.actor:
            where.append("(" + " OR ".join(dialect.contains_nocase(f) for f in _ACTOR_FIELDS) + ")")
            params += ["%" + escape_like(self.actor) + "%"] * len(_ACTOR_FIELDS)
        if self.q:
            condition, words = dialect.text_search(self.q)
            where.append(condition)
            params.append(words)
        if self.bbox is not None:
            condition, corners = dialect.in_box(*self.bbox)
            where.append(condition)
            params += corners
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


def _binner(bin: str) -> Any:
    """day (YYYY-MM-DD) -> the first day of its bin; weeks start on Monday."""
    cache: dict[str, str] = {}

    def first_day(day: str) -> str:
        found = cache.get(day)
        if found is None:
            if bin == "month":
                found = day[:8] + "01"
            elif bin == "week":
                d = date.fromisoformat(day)
                found = (d - timedelta(days=d.weekday())).isoformat()
            else:
                found = day
            cache[day] = found
        return found

    return first_day


def _order(sort: str) -> str:
    key = sort.removeprefix("-")
    if key not in SORT_FIELDS:
        raise ConfigError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_FIELDS)}, with '-' for descending")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{key} {direction}, event_id {direction}"


def query_events(
    store: EventStore,
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
    db = store.db
    where, params = flt.where(db.dialect)
    total = int(db.scalar(f"SELECT COUNT(*) FROM events WHERE {where}", params)) if with_total else -1
    # Two steps: the page's ids from the narrow index (events_desk), then only those rows' records.
    ids = [r[0] for r in db.execute(
        f"SELECT event_id FROM events WHERE {where} ORDER BY {_order(sort)} LIMIT ? OFFSET ?",
        [*params, db.dialect.no_limit if limit is None else limit, offset],
    )]  # fmt: skip
    found: dict[str, StoredEvent] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for *stored, event_id, state, locked, version in db.execute(
            f"SELECT {RECORD_COLUMNS}, event_id, review_state, locked_fields, version FROM events "
            f"WHERE event_id IN ({marks})",
            chunk,
        ):
            found[event_id] = StoredEvent(
                EventRecord.from_dict(record_dict(stored)), state, tuple(json.loads(locked or "[]")), int(version)
            )
    items = [found[i] for i in ids if i in found]
    return EventPage(total=total, limit=limit, offset=offset, items=items)


def event_points(store: EventStore, flt: EventFilter, *, limit: int = 10_000) -> str:
    """The matching events that have coordinates, as parallel arrays for the map, as JSON text.

    When more than `limit` match, the deadliest are kept (then the latest) and `truncated` is true. The
    database writes the arrays itself (`Dialect.json_arrays`): tens of thousands of points never become
    Python objects.

    Returns:
        A JSON object: {"total": n with coordinates, "truncated": bool, "id": [...], "lat": [...],
        "lon": [...], "type": [...], "fatalities": [...], "date": [...]}.
    """
    db = store.db
    where, params = flt.where(db.dialect)
    where += " AND latitude IS NOT NULL AND longitude IS NOT NULL"
    order = "fatalities DESC, event_date DESC, event_id"
    arrays = db.dialect.json_arrays(("event_id", "latitude", "longitude", "event_type", "fatalities", "event_date"))
    ids, lat, lon, types, dead, days, n = db.one(
        f"SELECT {arrays}, COUNT(*) FROM ("
        f"SELECT event_id, latitude, longitude, event_type, fatalities, event_date FROM events WHERE {where} "
        f"ORDER BY {order} LIMIT ?) AS points",
        [*params, limit],
    )
    # Fewer than `limit` points are all of them; only a full page needs every match counted (a scan of them all).
    total = int(n) if n < limit else int(db.scalar(f"SELECT COUNT(*) FROM events WHERE {where}", params))
    truncated = "true" if total > n else "false"
    return (
        f'{{"total": {total}, "truncated": {truncated}, "id": {ids}, "lat": {lat}, "lon": {lon}, '
        f'"type": {types}, "fatalities": {dead}, "date": {days}}}'
    )


def event_stats(store: EventStore, flt: EventFilter, *, bin: str | None = None, top_admin1: int = 8) -> dict[str, Any]:
    """Sums for the timeline and the charts.

    Args:
        store: the open store.
        flt: the filter.
        bin: "day", "week" or "month"; None picks by the span of the matching dates (up to 92 days: day,
            up to two years: week, else month).
        top_admin1: how many admin1 units (by fatalities) get their own series.

    Returns:
        {"bin", "min_date", "max_date", "events", "undated_events" (of them, those whose day is unknown: in
        the totals, not on the timeline), "fatalities",
        "timeline": [{"period", "event_type", "events", "fatalities"}],
        "admin1": [{"country", "admin1", "events", "fatalities"}],
        "admin1_timeline": [{"period", "admin1", "fatalities"}]}.

    Raises:
        ConfigError: an unknown bin.
    """
    if bin is not None and bin not in BINS:
        raise ConfigError(f"unknown bin {bin!r}; use one of {', '.join(BINS)}")
    db = store.db
    where, params = flt.where(db.dialect)
    # Grouped by day in SQL (the index is in day order), binned here: cheaper than a date() per row.
    rows = db.all(
        f"SELECT event_date, event_type, COUNT(*), SUM(fatalities) FROM events WHERE {where} "
        "GROUP BY event_date, event_type",
        params,
    )
    # Events whose day is unknown (empty event_date) count in the totals but have no place on the timeline.
    days = [d for d in rows if d[0]]
    undated = sum(d[2] for d in rows if not d[0])
    lo = min((d[0] for d in days), default=None)
    hi = max((d[0] for d in days), default=None)
    n = sum(d[2] for d in rows)
    dead = sum(d[3] for d in rows)
    if bin is None:
        span = (date.fromisoformat(hi) - date.fromisoformat(lo)).days if lo and hi else 0
        bin = "day" if span <= 92 else "week" if span <= 731 else "month"
    period = _binner(bin)
    sums: dict[tuple[str, str], list[int]] = {}
    for day, event_type, count, fatalities in days:
        entry = sums.setdefault((period(day), event_type), [0, 0])
        entry[0] += count
        entry[1] += fatalities
    timeline = [{"period": p, "event_type": t, "events": e, "fatalities": f} for (p, t), (e, f) in sorted(sums.items())]
    admin1 = [
        {"country": r[0], "admin1": r[1], "events": r[2], "fatalities": r[3]}
        for r in db.execute(
            f"SELECT country, admin1, COUNT(*), SUM(fatalities) AS f FROM events WHERE {where} AND admin1 != '' "
            "GROUP BY country, admin1 ORDER BY f DESC, COUNT(*) DESC, admin1 LIMIT ?",
            [*params, top_admin1],
        )
    ]
    admin1_timeline: list[dict[str, Any]] = []
    if admin1:
        names = [a["admin1"] for a in admin1]
        marks = ", ".join("?" for _ in names)
        by_period: dict[tuple[str, str], int] = {}
        for day, name, fatalities in db.execute(
            f"SELECT event_date, admin1, SUM(fatalities) FROM events WHERE {where} AND admin1 IN ({marks}) "
            "AND event_date > '' GROUP BY event_date, admin1",
            [*params, *names],
        ):
            key = (period(day), name)
            by_period[key] = by_period.get(key, 0) + fatalities
        admin1_timeline = [{"period": p, "admin1": a, "fatalities": f} for (p, a), f in sorted(by_period.items())]
    return {
        "bin": bin,
        "min_date": lo,
        "max_date": hi,
        "events": int(n),
        "undated_events": int(undated),
        "fatalities": int(dead),
        "timeline": timeline,
        "admin1": admin1,
        "admin1_timeline": admin1_timeline,
    }
