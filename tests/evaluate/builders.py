"""Hand-built gold events and predictions for the evaluation tests (invented events, no dataset rows)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sitrep.evaluate.gold import GoldEvent
from sitrep.evaluate.news_gold import NewsGoldEvent
from sitrep.model import EventRecord

# An invented event: an IED attack on a patrol near Turbat, Kech district, Balochistan.
TURBAT = GoldEvent(
    source_id="T1",
    event_date=date(2021, 3, 4),
    time_precision=1,
    event_type="Explosions/Remote violence",
    sub_event_type="Remote explosive/landmine/IED",
    event_types=frozenset({"Explosions/Remote violence"}),
    actor1="BLA: Baloch Liberation Army",
    actor2="Military Forces of Pakistan (2018-)",
    country="Pakistan",
    admin1="Balochistan",
    location="Turbat",
    latitude=26.0031,
    longitude=63.0544,
    geo_precision=1,
    fatalities=3,
)

# An invented protest in Lahore, same week, to test matching among several gold events.
LAHORE = GoldEvent(
    source_id="L1",
    event_date=date(2021, 3, 6),
    time_precision=1,
    event_type="Protests",
    sub_event_type="Peaceful protest",
    event_types=frozenset({"Protests"}),
    actor1="Protesters (Pakistan)",
    actor2="",
    country="Pakistan",
    admin1="Punjab",
    location="Lahore",
    latitude=31.5497,
    longitude=74.3436,
    geo_precision=1,
    fatalities=0,
)


def gold_event(base: GoldEvent = TURBAT, **changes: Any) -> GoldEvent:
    """A gold event like `base` with some fields changed."""
    return replace(base, **changes)


def record_from_gold(gold: GoldEvent, **changes: Any) -> EventRecord:
    """The EventRecord a perfect extractor would return for `gold`, with some fields changed."""
    fields: dict[str, Any] = {
        "event_id": f"pred-{gold.source_id}",
        "event_date": gold.event_date.isoformat() if gold.event_date else "2000-01-01",
        "time_precision": 1,
        "event_type": gold.event_type or (sorted(gold.event_types)[0] if gold.event_types else "Battles"),
        "sub_event_type": gold.sub_event_type or "",
        "actor1": gold.actor1 or "",
        "inter1": 2,
        "actor2": gold.actor2 or "",
        "country": gold.country or "",
        "admin1": gold.admin1 or "",
        "location": gold.location or "",
        "latitude": gold.latitude,
        "longitude": gold.longitude,
        "fatalities": gold.fatalities or 0,
    }
    fields.update(changes)
    return EventRecord(**fields)


def record_from_news_gold(gold: NewsGoldEvent, **changes: Any) -> EventRecord:
    """The EventRecord a perfect extractor would return for a news gold event (its first acceptable values)."""
    toll = gold.fatalities[0] if gold.fatalities else (gold.fatalities_sum_range or (0, 0))[0]
    fields: dict[str, Any] = {
        "event_id": f"pred-{gold.id}",
        "event_date": gold.dates[0].isoformat(),
        "time_precision": 1,
        "event_type": gold.event_types[0] if gold.event_types else "Battles",
        "sub_event_type": gold.sub_event_types[0] if gold.sub_event_types else "",
        "actor1": gold.actor1[0] if gold.actor1 else "",
        "inter1": 2,
        "country": gold.countries[0] if gold.countries else "",
        "admin1": gold.admin1[0] if gold.admin1 else "",
        "location": gold.locations[0] if gold.locations else "",
        "latitude": gold.latitude,
        "longitude": gold.longitude,
        "fatalities": toll,
    }
    fields.update(changes)
    return EventRecord(**fields)
