"""Typed records that flow between sitrep's stages.

Article -> (annotate) AnnotatedArticle -> (detect) Mention* -> (actors, places, dates, numbers) Mention*
-> (merge) EventRecord*. Every value that ends up in an EventRecord carries the Span of article text that
supports it, so the output can cite its evidence field by field.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

__all__ = [
    "Article",
    "Span",
    "Evidence",
    "ActorRef",
    "Place",
    "EventDate",
    "Count",
    "Mention",
    "ArticleRef",
    "FatalityReport",
    "EventRecord",
    "ACLED_COLUMNS",
    "UNKNOWN_TIME_PRECISION",
    "article_id_for",
]


def article_id_for(text: str) -> str:
    """Content hash used as the article id: the same text always gets the same id (idempotent ingest)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One input document, whatever format it came in.

    `text` is the body the pipeline reads; character offsets in every Span refer to it.
    """

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Article:
        """Build an Article whose id is the hash of its text."""
        return cls(id=article_id_for(text), text=text, **meta)


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of an article's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Why a field has its value: the article and the characters that say so."""

    field: str
    article_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        # Spelled out rather than dataclasses.asdict, which deep-copies: this runs for every span written.
        return {
            "field": self.field,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class ActorRef:
    """An actor normalised to an ACLED-style name, with its inter code (1-8) and country."""

    name: str
    inter: int
    country: str | None = None
    span: Span | None = None
    # The words as written ("BLA operatives"), kept so unknown groups are never silently renamed.
    surface: str | None = None
    # How the name was found: "dictionary", "generic" (soldiers, gunmen), "country" (read off a bare
    # country name: "India struck", "Morocco beat Portugal"), "kept" (an unknown group as written).
    basis: str = "generic"


@dataclass(frozen=True)
class Place:
    """A resolved location with ACLED's admin units and precision code.

    geo_precision: 1 a town named, 2 near a town or part of a district, 3 only a region.
    """

    name: str
    country: str | None = None
    iso: int | None = None
    iso2: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    gazetteer_id: str | None = None
    feature_class: str | None = None
    score: float = 0.0
    span: Span | None = None


# ACLED's time_precision is 1 (the day is known), 2 (the week) or 3 (the month). An event whose day cannot be
# known at all (no publication date and no absolute date in the text) gets 4 and an empty event_date: coarser
# than any ACLED code, so everything that prefers the more precise of two dates (the lower code) still does.
UNKNOWN_TIME_PRECISION = 4


@dataclass(frozen=True)
class EventDate:
    """The event's day, how it was found, and ACLED's time_precision (1 day, 2 week, 3 month)."""

    day: date
    time_precision: int = 1
    span: Span | None = None
    # "explicit" (a date in the text), "relative" (to another event), "weekday", "publication" (default).
    basis: str = "explicit"


@dataclass(frozen=True)
class Count:
    """A number of people killed or injured, as the article states it.

    `is_total` marks running totals ("bringing the total to 14") so they are never added twice.
    """

    value: int
    kind: str  # "killed" | "injured"
    span: Span | None = None
    is_total: bool = False
    who: str | None = None  # "soldiers", "civilians", "attackers" ...
    # "two more soldiers", "three attackers were also killed": adds to other counts of the same event.
    additive: bool = False
    # "bringing the total to 14": a figure across several events, never an event's own toll.
    running: bool = False


PREVIOUS_EVENT = "<the event told before>"


@dataclass(frozen=True)
class Mention:
    """One sentence-level report of an event, before mentions of the same event are merged."""

    article_id: str
    sentence: Span
    trigger: Span
    event_type: str
    sub_event_type: str
    paragraph: int = 0
    # Aggregate mentions ("two coordinated attacks") summarise events told elsewhere in the article.
    aggregate: bool = False
    # Separate/new markers ("In a separate assault") start a new event even in the same paragraph.
    separate: bool = False
    # "this attack", "the incident": refers back to an event already told; never starts an event alone.
    anaphoric: bool = False
    # Told inside a reference from another event ("in response to the April 22 attack"): a different event
    # from the one its sentence is about.
    reference: bool = False
    # Token indices (into the annotated Doc) that this mention covers, and the cue words found in them.
    scope: tuple[int, ...] = ()
    cues: tuple[str, ...] = ()
    victims: tuple[ActorRef, ...] = ()
    # (offset in days, actor name): "a day after the BLA's offensives, India struck" puts this mention one
    # day before the event of Military Forces of India. The name PREVIOUS_EVENT stands for the event told
    # just before ("A few hours earlier, militants attacked ...").
    relative_to: tuple[int, str] | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor_1: tuple[ActorRef, ...] = ()
    assoc_actor_2: tuple[ActorRef, ...] = ()
    claimed_by: ActorRef | None = None
    places: tuple[Place, ...] = ()
    # For a report that names no place: the town told just before it (merge uses it only when no report of
    # the event names a place; it never splits or joins events).
    place_before: Place | None = None
    date: EventDate | None = None
    killed: tuple[Count, ...] = ()
    injured: tuple[Count, ...] = ()
    weapon: str | None = None
    weapon_span: Span | None = None
    confidence: float = 0.5
    related: tuple[tuple[str, Span], ...] = ()  # ("in response to", span of the referenced event)


@dataclass(frozen=True)
class ArticleRef:
    """A source article as cited by an event."""

    id: str
    path: str | None
    url: str | None
    title: str | None
    date: str | None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "source": self.source,
        }


@dataclass(frozen=True)
class FatalityReport:
    """One death toll as one source reported it, kept on the event next to the figure ACLED-style rules chose.

    `revised` marks an updated official toll ("the death toll rose to 30"): it supersedes every figure
    reported before it, even a lower one (see `sitrep.dedup.reconcile.credible_toll`).
    """

    value: int
    article_id: str
    source: str | None = None
    date: str | None = None  # the report's publication day, YYYY-MM-DD
    revised: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "article_id": self.article_id,
            "source": self.source,
            "date": self.date,
            "revised": self.revised,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FatalityReport:
        """Inverse of to_dict; keys it does not know are ignored."""
        return cls(
            value=int(d["value"]),
            article_id=str(d["article_id"]),
            source=d.get("source"),
            date=d.get("date"),
            revised=bool(d.get("revised", False)),
        )


# ACLED's column order for CSV export (current schema, with our extra columns after `fatalities`).
ACLED_COLUMNS = [
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
]


@dataclass
class EventRecord:
    """One event in ACLED's shape plus sitrep's evidence, sources and confidence.

    This is the output contract: `to_dict()` is what `sitrep extract --format jsonl` prints.
    """

    event_id: str
    event_date: str
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int
    disorder_type: str = ""
    assoc_actor_1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""
    country: str = ""
    iso: int | None = None
    region: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int = 0
    # Beyond ACLED.
    evidence: list[Evidence] = field(default_factory=list)
    articles: list[ArticleRef] = field(default_factory=list)
    confidence: float = 0.5
    weapon: str = ""
    claimed_by: str = ""
    injuries: int = 0
    related: list[dict[str, Any]] = field(default_factory=list)
    # Cross-source reconciliation (sitrep.dedup): every toll reported, and a UCDP-style range around
    # `fatalities` (the most conservative credible figure). None until the event has been reconciled.
    fatality_reports: list[FatalityReport] = field(default_factory=list)
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    # Set by the store on an event merged into another one (kept so that syncing clients can drop it).
    deleted: bool = False
    merged_into: str = ""

    @property
    def year(self) -> int | None:
        """The year of event_date; None when the day is unknown (event_date empty)."""
        return int(self.event_date[:4]) if self.event_date[:4].isdigit() else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the output contract (ACLED field names, then sitrep's extras)."""
        # Field by field (what dataclasses.asdict gives, without its deep copy of every nested value).
        d = {name: getattr(self, name) for name in _EVENT_FIELDS}
        d["related"] = copy.deepcopy(self.related) if self.related else []
        d["year"] = self.year
        d["evidence"] = [e.to_dict() for e in self.evidence]
        d["articles"] = [a.to_dict() for a in self.articles]
        d["fatality_reports"] = [r.to_dict() for r in self.fatality_reports]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventRecord:
        """Inverse of to_dict (used by the store and by tools that read our JSONL back)."""
        kw = {k: v for k, v in d.items() if k in _EVENT_FIELD_SET}
        kw["evidence"] = [Evidence(**e) for e in d.get("evidence", [])]
        kw["articles"] = [ArticleRef(**a) for a in d.get("articles", [])]
        kw["fatality_reports"] = [FatalityReport.from_dict(r) for r in d.get("fatality_reports", [])]
        return cls(**kw)


_EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EventRecord))
_EVENT_FIELD_SET = frozenset(_EVENT_FIELDS)
