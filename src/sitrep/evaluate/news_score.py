"""Score records against news-article gold (`NewsGold`) by the rules of the seed's scorer.

The project has always judged whole articles with ../shared/tools/score_events.py; this module applies the same
rules inside `sitrep eval`, so that its numbers are that tool's numbers (tests/evaluate/test_news_score.py runs
both on the same records and compares them):

1. A record **matches** a gold event when its date is within one day of one of the gold dates and, where the
   gold has a place, a gold place name is part of the record's location, admin2 or admin1, or the record lies
   within the gold radius (60 km when none is given). Where the gold has no place, the event type decides.
   Every matching record counts for the event: one record may match two events, and a `group` event may be
   matched by several records.
2. A matched event is checked field by field: event_type and sub_event_type on its best record (right type
   first, then the highest toll), actor1 (a gold fragment in actor1 or assoc_actor_1 of any matching record),
   date (any record on a listed day), place (a record within max(25, radius/2) km and a record with a gold admin1
   fragment; by country where the gold has no place), fatalities (a listed toll on any record; the sum of the
   records for a group; the best record's for a must-be-single event) and, for must-be-single events, that one
   record matched. A missed event fails six checks.
3. Records that no required event matched and that match an optional event are absorbed. The remaining records
   of a violent type are **false positives**.
4. recall = events found / events; fields = checks passed / checks; score = fields x (1 - min(0.5, 0.05 x fp)).

One deliberate difference: an article with no gold event scores recall 1.0 and fields 1.0 (nothing to find,
nothing to get wrong), so its score is the false-positive penalty alone; the tool divides by zero there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitrep.evaluate.news_gold import NewsGold, NewsGoldEvent
from sitrep.evaluate.normalise import haversine_km

__all__ = [
    "NEWS_FIELDS",
    "GoldOutcome",
    "FalsePositive",
    "NewsScore",
    "score_news",
    "record_matches",
    "why_unmatched",
    "why_missed",
]

# The checks, in the order the scorer reports them.
NEWS_FIELDS = ("event_type", "sub_event_type", "actor1", "date", "place", "fatalities", "single")
# What a missed event costs: the six checks every found event gets.
_CHECKS_PER_MISS = 6
_MATCH_RADIUS_KM = 60.0
_PLACE_RADIUS_KM = 25.0
_DATE_SLACK_DAYS = 1
# The scorer measures with an Earth of diameter 12742 km; the same radius makes a distance on a threshold fall
# the same way in both.
_EARTH_RADIUS_KM = 6371.0

Prediction = Mapping[str, Any]


@dataclass(frozen=True)
class GoldOutcome:
    """What became of one required gold event: the records that matched it and its checks (empty if missed)."""

    gold: NewsGoldEvent
    records: tuple[int, ...]
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return bool(self.records)

    @property
    def wrong(self) -> list[str]:
        """The failed checks, in report order."""
        return [name for name, ok in self.checks.items() if not ok]

    @property
    def status(self) -> str:
        """MISS, PART (found, some check failed) or OK."""
        if not self.found:
            return "MISS"
        return "PART" if self.wrong else "OK"

    @property
    def checks_made(self) -> int:
        return len(self.checks) if self.found else _CHECKS_PER_MISS

    @property
    def checks_passed(self) -> int:
        return sum(self.checks.values())


@dataclass(frozen=True)
class FalsePositive:
    """A violent record that no gold or optional event accounts for, and why the nearest one did not match."""

    record: int
    reason: str


@dataclass
class NewsScore:
    """The result of scoring records against a NewsGold: one outcome per required event, absorbed and false
    records, and the scorer's four numbers."""

    outcomes: list[GoldOutcome]
    absorbed: dict[int, str]
    false_positives: list[FalsePositive]
    records: int

    @property
    def incidents(self) -> int:
        return len(self.outcomes)

    @property
    def found(self) -> int:
        return sum(o.found for o in self.outcomes)

    @property
    def fp(self) -> int:
        return len(self.false_positives)

    @property
    def recall(self) -> float:
        return self.found / self.incidents if self.incidents else 1.0

    @property
    def fields(self) -> float:
        made = sum(o.checks_made for o in self.outcomes)
        return sum(o.checks_passed for o in self.outcomes) / made if made else 1.0

    @property
    def score(self) -> float:
        return self.fields * (1 - min(0.5, 0.05 * self.fp))

    @property
    def records_per_incident(self) -> float | None:
        return self.records / self.incidents if self.incidents else None

    def field_accuracy(self) -> dict[str, tuple[int, float]]:
        """Per check, over the found events that have it: (events, share passed)."""
        out: dict[str, tuple[int, float]] = {}
        for name in NEWS_FIELDS:
            values = [o.checks[name] for o in self.outcomes if name in o.checks]
            if values:
                out[name] = (len(values), sum(values) / len(values))
        return out

    def line(self) -> str:
        """The scorer's last line: `score S recall R fields F fp N events E`."""
        return (
            f"score {self.score:.2f} recall {self.recall:.2f} fields {self.fields:.2f} "
            f"fp {self.fp} events {self.records}"
        )


def score_news(gold: NewsGold, predictions: Sequence[Prediction]) -> NewsScore:
    """Score records (dicts with ACLED field names, as `EventRecord.to_dict()` or `sitrep extract --format
    jsonl` writes them) against `gold`, by the rules in the module docstring.

    Args:
        gold: required and optional events (one article's, or a collection's merged by `merge_news_gold`).
        predictions: every record extracted from the same article(s), in output order (ties between equally
            good records go to the first, as in the scorer).
    Returns:
        The NewsScore.
    """
    outcomes: list[GoldOutcome] = []
    claimed: set[int] = set()
    for event in gold.events:
        hits = tuple(i for i, record in enumerate(predictions) if record_matches(event, record))
        claimed.update(hits)
        checks = _checks(event, [predictions[i] for i in hits]) if hits else {}
        outcomes.append(GoldOutcome(event, hits, checks))
    absorbed: dict[int, str] = {}
    for event in gold.optional:
        for i, record in enumerate(predictions):
            if i not in claimed and i not in absorbed and record_matches(event, record):
                absorbed[i] = event.id
    violent = {_low(t) for t in gold.violent_types}
    false_positives = [
        FalsePositive(i, why_unmatched(record, gold))
        for i, record in enumerate(predictions)
        if i not in claimed and i not in absorbed and _low(record.get("event_type")) in violent
    ]
    return NewsScore(outcomes, absorbed, false_positives, len(predictions))


def record_matches(event: NewsGoldEvent, record: Prediction) -> bool:
    """Whether a record counts for a gold event (rule 1 of the module docstring)."""
    gap = _day_gap(event, record)
    if gap is None or gap > _DATE_SLACK_DAYS:
        return False
    if event.latitude is None:
        return _type_ok(event, record)
    return _names_place(event, record) or _distance(event, record) <= _match_radius(event)


def why_unmatched(record: Prediction, gold: NewsGold) -> str:
    """Why a record matches none of `gold`'s events: what failed against the nearest (by date, then distance)."""
    candidates = [*gold.events, *gold.optional]
    if not candidates:
        return "the gold has no event here"
    event = min(candidates, key=lambda e: _nearness(e, record))
    kind = "optional" if event in gold.optional else "gold"
    return f"nearest {kind} {event.id}: {_mismatch(event, record)}"


def why_missed(event: NewsGoldEvent, predictions: Sequence[Prediction]) -> str:
    """Why no record matches a gold event: what failed for the nearest record (by date, then distance)."""
    if not predictions:
        return "no record extracted"
    index = min(range(len(predictions)), key=lambda i: _nearness(event, predictions[i]))
    record = predictions[index]
    return f"nearest record {index} ({record.get('event_type')} at {_place_text(record)!r}): {_mismatch(event, record)}"


def _nearness(event: NewsGoldEvent, record: Prediction) -> tuple[float, float]:
    gap = _day_gap(event, record)
    distance = _distance(event, record) if event.latitude is not None else 0.0
    return (math.inf if gap is None else max(0, gap - _DATE_SLACK_DAYS), distance)


def _mismatch(event: NewsGoldEvent, record: Prediction) -> str:
    gap = _day_gap(event, record)
    if gap is None:
        return f"no usable event_date ({record.get('event_date')!r})"
    if gap > _DATE_SLACK_DAYS:
        days = ", ".join(d.isoformat() for d in event.dates)
        return f"date {record.get('event_date')} is {gap} days from {days}"
    if event.latitude is None:
        return f"the gold has no place and type {record.get('event_type')!r} is not one of {list(event.event_types)}"
    distance = _distance(event, record)
    far = "has no coordinates" if math.isinf(distance) else f"lies {distance:.0f} km away"
    return (
        f"date fits, but {_place_text(record) or 'no place'!r} names none of {list(event.locations)} and {far} "
        f"(radius {_match_radius(event):g} km)"
    )


# --- the checks on a found event -----------------------------------------------------------------------------


def _checks(event: NewsGoldEvent, records: list[Prediction]) -> dict[str, bool]:
    best = max(records, key=lambda r: (_type_ok(event, r), _deaths(r)))  # max keeps the first of equals
    out = {
        "event_type": _type_ok(event, best),
        "sub_event_type": _low(best.get("sub_event_type")) in _lows(event.sub_event_types),
        "actor1": any(
            _has_fragment(event.actor1, r.get("actor1")) or _has_fragment(event.actor1, r.get("assoc_actor_1"))
            for r in records
        ),
        "date": any(_day(r.get("event_date")) in event.dates for r in records),
    }
    if event.latitude is not None:
        near = max(_PLACE_RADIUS_KM, (event.radius_km or _PLACE_RADIUS_KM) / 2)
        out["place"] = any(_distance(event, r) <= near for r in records) and any(
            _has_fragment(event.admin1, r.get("admin1")) for r in records
        )
    else:
        out["place"] = any(_low(r.get("country")) in _lows(event.countries) for r in records)
    if event.fatalities_sum_range is not None:
        low, high = event.fatalities_sum_range
        out["fatalities"] = low <= sum(_deaths(r) for r in records) <= high
    elif event.must_be_single:
        out["fatalities"] = _deaths(best) in event.fatalities
    else:
        out["fatalities"] = any(_deaths(r) in event.fatalities for r in records)
    if event.must_be_single:
        out["single"] = len(records) == 1
    return out


# --- field readers, lenient as the scorer is with what a record holds --------------------------------------


def _low(value: Any) -> str:
    return str(value or "").strip().lower()


def _lows(values: Sequence[str]) -> list[str]:
    return [_low(v) for v in values]


def _has_fragment(fragments: Sequence[str], value: Any) -> bool:
    """Whether one of the gold's lowercase fragments occurs in the value (gold fragments are used as written)."""
    text = _low(value)
    return any(fragment in text for fragment in fragments)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _day_gap(event: NewsGoldEvent, record: Prediction) -> int | None:
    day = _day(record.get("event_date"))
    if day is None or not event.dates:
        return None
    return min(abs((day - d).days) for d in event.dates)


def _type_ok(event: NewsGoldEvent, record: Prediction) -> bool:
    return _low(record.get("event_type")) in _lows(event.event_types)


def _deaths(record: Prediction) -> int:
    try:
        return int(record.get("fatalities") or 0)
    except (TypeError, ValueError):
        return 0


def _place_text(record: Prediction) -> str:
    # A missing key reads as nothing; a key holding None reads "None" in the scorer, which no place name contains.
    return " ".join(str(record.get(key, "")) for key in ("location", "admin2", "admin1")).strip()


def _names_place(event: NewsGoldEvent, record: Prediction) -> bool:
    return bool(event.locations) and _has_fragment(event.locations, _place_text(record))


def _distance(event: NewsGoldEvent, record: Prediction) -> float:
    if event.latitude is None or event.longitude is None:
        return math.inf
    try:
        lat, lon = float(record["latitude"]), float(record["longitude"])
    except (KeyError, TypeError, ValueError):
        return math.inf
    return haversine_km(event.latitude, event.longitude, lat, lon, earth_radius_km=_EARTH_RADIUS_KM)


def _match_radius(event: NewsGoldEvent) -> float:
    return event.radius_km if event.radius_km is not None else _MATCH_RADIUS_KM
