"""Gold for whole news articles in the seed's format: acceptable values per field, groups and optional events.

The seed article, tests/articles and ../shared/eval/wikinews-dev code their gold this way (documented in
tests/articles/README.md and ../shared/eval/wikinews-dev/README.md). Unlike `GoldEvent` (one value per field,
from a dataset row), a `NewsGoldEvent` lists every value a careful coder could choose: several dates, types,
spellings of the place, lowercase name fragments of the actor, and the acceptable death tolls. A `group` event
may be coded as several records whose deaths must sum within `fatalities_sum_range`; an optional event absorbs
matching predictions so that they count neither way. `sitrep.evaluate.news_score` scores records against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitrep.errors import InputError

__all__ = ["NewsGoldEvent", "NewsGold", "parse_news_gold", "merge_news_gold"]


@dataclass(frozen=True)
class NewsGoldEvent:
    """One incident a coder would record, with every acceptable value of each field.

    `latitude` None: the article gives no usable place; the event then matches on date and type and its place
    is checked by country only. `radius_km` None: the scorer's defaults (60 km to match, 25 km for the place).
    `articles`: the file stems of the articles that report it (empty in a one-article gold file).
    """

    id: str
    dates: tuple[date, ...]
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor1: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    fatalities: tuple[int, ...] = ()
    fatalities_sum_range: tuple[int, int] | None = None
    group: bool = False
    must_be_single: bool = False
    articles: tuple[str, ...] = ()

    def summary(self) -> dict[str, Any]:
        """What the coder expects, as plain JSON values (for error reports)."""
        out: dict[str, Any] = {
            "date": [d.isoformat() for d in self.dates],
            "event_type": list(self.event_types),
            "sub_event_type": list(self.sub_event_types),
            "actor1": list(self.actor1),
            "country": list(self.countries),
            "admin1": list(self.admin1),
            "location": list(self.locations),
            "lat": self.latitude,
            "lon": self.longitude,
            "radius_km": self.radius_km,
        }
        if self.fatalities_sum_range is not None:
            out["fatalities_sum_range"] = list(self.fatalities_sum_range)
        else:
            out["fatalities"] = list(self.fatalities)
        if self.group:
            out["group"] = True
        if self.must_be_single:
            out["must_be_single"] = True
        return out


@dataclass(frozen=True)
class NewsGold:
    """The gold of one article or a collection: required events, optional events, and the violent types.

    `violent_types`: predictions of these types that match no gold or optional event are false positives.
    `no_event_articles`: what the file lists under `no_violent_events_in` (countries or file names; not scored).
    """

    events: tuple[NewsGoldEvent, ...]
    optional: tuple[NewsGoldEvent, ...] = ()
    violent_types: tuple[str, ...] = ()
    no_event_articles: tuple[str, ...] = ()

    def for_article(self, stem: str) -> NewsGold:
        """The events (required and optional) that name the article `stem` in their `articles`."""
        return replace(
            self,
            events=tuple(e for e in self.events if stem in e.articles),
            optional=tuple(e for e in self.optional if stem in e.articles),
        )


def merge_news_gold(golds: Iterable[NewsGold]) -> NewsGold:
    """One gold holding the events of several (a collection scored as a whole); violent types are united."""
    golds = list(golds)
    violent: list[str] = []
    for gold in golds:
        violent += [t for t in gold.violent_types if t not in violent]
    return NewsGold(
        events=tuple(e for g in golds for e in g.events),
        optional=tuple(e for g in golds for e in g.optional),
        violent_types=tuple(violent),
        no_event_articles=tuple(a for g in golds for a in g.no_event_articles),
    )


def parse_news_gold(data: Any, where: str) -> NewsGold:
    """A gold file's JSON object as a NewsGold.

    Args:
        data: the parsed JSON (an object with `events`, optionally `optional`, `violent_types`,
            `no_violent_events_in`).
        where: the file, for error messages.
    Raises:
        InputError: the object or one of its events lacks a key or has a value of the wrong kind; the message
            names the event id and the key.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("events"), list):
        raise InputError(where, "not a gold file: expected a JSON object with an 'events' list")
    events = tuple(_event(raw, where, required=True) for raw in data["events"])
    optional = tuple(_event(raw, where, required=False) for raw in data.get("optional") or [])
    return NewsGold(
        events=events,
        optional=optional,
        violent_types=_strings(data.get("violent_types") or [], where, "violent_types"),
        no_event_articles=_strings(data.get("no_violent_events_in") or [], where, "no_violent_events_in"),
    )


def _event(raw: Any, where: str, *, required: bool) -> NewsGoldEvent:
    if not isinstance(raw, Mapping) or not raw.get("id"):
        raise InputError(where, f"gold event without an id: {str(raw)[:80]}")
    here = f"{where} (event {raw['id']})"
    needed = ["date", "event_type", "sub_event_type", "actor1", "country", "admin1", "location", "lat"]
    if required:
        missing = [key for key in needed if key not in raw]
        if "fatalities" not in raw and "fatalities_sum_range" not in raw:
            missing.append("fatalities")
        if missing:
            raise InputError(here, f"missing {', '.join(missing)}")
    elif "date" not in raw:
        raise InputError(here, "missing date")
    latitude, longitude = raw.get("lat"), raw.get("lon")
    if (latitude is None) != (longitude is None):
        raise InputError(here, "lat and lon must both be numbers or both be null")
    sum_range = raw.get("fatalities_sum_range")
    if sum_range is not None and not (
        isinstance(sum_range, list) and len(sum_range) == 2 and all(isinstance(x, int) for x in sum_range)
    ):
        raise InputError(here, "fatalities_sum_range must be [low, high]")
    country = raw.get("country", [])
    return NewsGoldEvent(
        id=str(raw["id"]),
        dates=tuple(_day(value, here) for value in _list(raw["date"], here, "date")),
        event_types=_strings(raw.get("event_type", []), here, "event_type"),
        sub_event_types=_strings(raw.get("sub_event_type", []), here, "sub_event_type"),
        actor1=_strings(raw.get("actor1", []), here, "actor1"),
        countries=_strings([country] if isinstance(country, str) else country, here, "country"),
        admin1=_strings(raw.get("admin1", []), here, "admin1"),
        locations=_strings(raw.get("location") or [], here, "location"),
        latitude=_number(latitude, here, "lat"),
        longitude=_number(longitude, here, "lon"),
        radius_km=_number(raw.get("radius_km"), here, "radius_km"),
        fatalities=tuple(_count(v, here) for v in _list(raw.get("fatalities") or [], here, "fatalities")),
        fatalities_sum_range=(sum_range[0], sum_range[1]) if sum_range is not None else None,
        group=bool(raw.get("group", False)),
        must_be_single=bool(raw.get("must_be_single", False)),
        articles=tuple(a.removesuffix(".txt") for a in _strings(raw.get("articles", []), here, "articles")),
    )


def _list(value: Any, where: str, key: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise InputError(where, f"{key} must be a list, not {type(value).__name__}")
    return value


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    # null stands for an empty list (an event without a place has no admin1 to check)
    items = _list([] if value is None else value, where, key)
    if not all(isinstance(v, str) for v in items):
        raise InputError(where, f"{key} must be a list of strings")
    return tuple(items)


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(where, f"date {value!r} is not YYYY-MM-DD") from None


def _number(value: Any, where: str, key: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(where, f"{key} must be a number or null, not {value!r}")
    return float(value)


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(where, f"fatalities must be whole numbers >= 0, not {value!r}")
    return value
