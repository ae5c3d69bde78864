"""Typed gold records: what a dataset row says happened, normalised to ACLED's field names.

Every loader turns its rows into `EvalItem`s: one `Article` (the text the extractor reads) and the
`GoldEvent`s that text reports. A field is None when the dataset does not say (then it is not scored);
an empty string means the dataset says "nobody" (ACLED's empty actor2 of a protest), which is scored.

The article's `published` date is the gold event date plus `PUBLISHED_LAG` (one day), unless the dataset
gives the real publication date (UCDP's `source_date`). News is usually published the day after the event,
and a weekday in the text ("on Friday night") then resolves to the event day; a same-day date would make
"on Friday" ambiguous between today and a week ago. A pipeline that falls back to the publication date is
then one day off, which is inside the one-day date tolerance.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from sitrep.evaluate.news_gold import NewsGold
from sitrep.model import Article

__all__ = [
    "GoldEvent",
    "EvalItem",
    "PUBLISHED_LAG",
    "TUNE_SHARE",
    "SPLITS",
    "check_split",
    "split_of",
    "stable_rank",
    "day_after",
]

PUBLISHED_LAG = timedelta(days=1)
# Share of rows in the `tune` split; the rest is `held` (never look at it while tuning).
TUNE_SHARE = 0.70
SPLITS = ("tune", "held", "all")


def check_split(split: str) -> None:
    """Raise ValueError unless `split` is tune, held or all."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")


def _digest(dataset: str, row_id: str) -> int:
    # sha1, not hash(): Python's str hash is salted per process, and the split must never move.
    return int(hashlib.sha1(f"{dataset}\x1f{row_id}".encode()).hexdigest()[:12], 16)


def split_of(dataset: str, row_id: str) -> str:
    """`tune` (about 70%) or `held` (about 30%), fixed forever by a hash of the dataset name and row id."""
    return "tune" if (_digest(dataset, row_id) % 1000) < TUNE_SHARE * 1000 else "held"


def stable_rank(dataset: str, row_id: str) -> int:
    """A stable pseudo-random order key, so `--limit N` takes the same mixed sample every run."""
    return _digest(f"rank:{dataset}", row_id)


@dataclass(frozen=True)
class GoldEvent:
    """One gold event, its fields normalised to ACLED's current schema where the mapping is unambiguous.

    `event_types` is the set of current ACLED event types the gold label allows: one type when the
    label maps exactly (then `event_type` is set too), several when it does not (old ACLED
    "Riots/Protests" -> Protests or Riots; UCDP "one-sided" -> Violence against civilians or
    Explosions/Remote violence), empty when the label says nothing. Matching uses the set; the
    `event_type` accuracy is scored only where `event_type` is set.

    `time_precision` follows ACLED (1 day, 2 week, 3 month); `event_date_end` closes a date range (UCDP).
    `geo_precision` follows ACLED (1 town, 2 near a town/district, 3 region): location is scored only at 1-2.
    `actors_ordered` is False where the dataset's sides are not initiator/target (UCDP side_a/side_b).
    """

    source_id: str
    event_date: date | None = None
    event_date_end: date | None = None
    time_precision: int = 1
    event_type: str | None = None
    sub_event_type: str | None = None
    event_types: frozenset[str] = frozenset()
    actor1: str | None = None
    actor2: str | None = None
    actors_ordered: bool = True
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    fatalities: int | None = None
    # The dataset's own label ("Remote violence", "Bombing/Explosion", "AIR_STRIKE"), for error reports.
    raw_type: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["event_types"] = sorted(self.event_types)
        for key in ("event_date", "event_date_end"):
            if d[key] is not None:
                d[key] = d[key].isoformat()
        return d


@dataclass(frozen=True)
class EvalItem:
    """One text to run the extractor on, with its gold events.

    `gold` may be empty: the text reports no ACLED event (CASE 2021's unseen types), so any predicted event
    is spurious. `meta` keeps dataset-specific labels (CASE's raw code, whether it is an unseen type).
    `news_gold` is the seed-format gold of a whole news article (wikinews-dev, tests/articles, the seed), scored
    by `sitrep.evaluate.news_score` instead of `gold`.
    """

    article: Article
    gold: list[GoldEvent]
    split: str
    dataset: str = ""
    id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    news_gold: NewsGold | None = None


def day_after(day: date | None) -> date | None:
    """`day` + PUBLISHED_LAG, or None."""
    return day + PUBLISHED_LAG if day is not None else None
