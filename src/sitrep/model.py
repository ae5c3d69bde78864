"""Typed records that flow between sitrep's stages.

Article -> (annotate) AnnotatedArticle -> (detect) Mention* -> (actors, places, dates, numbers) Mention*
-> (merge) EventRecord*. Every value that ends up in an EventRecord carries the Span of article text that
supports it, so the output can cite its evidence field by field.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from functools import lru_cache
from typing import Any, get_args, get_origin, get_type_hints

__all__ = [
    "Article",
    "Span",
    "Evidence",
    "ActorRef",
    "Place",
    "EventDate",
    "Count",
    "Cue",
    "Mention",
    "ArticleRef",
    "FatalityReport",
    "EventRecord",
    "FieldRule",
    "EventField",
    "rule",
    "event_fields",
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

    `text` is the body the pipeline reads; character offsets in every Span refer to it. `country_hint` is the
    ISO alpha-2 code of the country its source covers (a watched source's `country`, `--country`): weak prior
    evidence for place names the text leaves ambiguous (sitrep.geoparse.resolve), never a value of a record.
    """

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    country_hint: str | None = None

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
    # "explicit" (the event's own words date it, or a following sentence about the same incident), "relative"
    # (to another event), "tense" (undated, told in the present perfect: the story's own day), "publication"
    # (undated: the day before the story's own day).
    basis: str = "explicit"
    # How many days before the story's own day the event happened, and which day that is: "publication",
    # "dateline" (a dated dateline's filing day), "publication line" (a date line at the article's head) or
    # "statement" (the day a quoted source spoke: "killed overnight, officials said on Friday"). The
    # distance lets later stages tell background (weeks or years back) from the story's news.
    days_before: int | None = None
    counted_from: str | None = None


@dataclass(frozen=True)
class Count:
    """A number of people killed or injured, as the article states it, and what the figure is
    (`sitrep.pipeline.numbers` reads it; `sitrep.pipeline.tolls` counts an event's toll from them).
    """

    value: int
    kind: str  # "killed" | "injured"
    span: Span | None = None
    # The incident's toll as such ("the death toll stood at 30", "police put the toll at seven").
    is_total: bool = False
    who: str | None = None  # "soldiers", "civilians", "attackers" ...
    # "two more soldiers", "three attackers were also killed": adds to other counts of the same event.
    additive: bool = False
    # "bringing the total to 14 this year", "the war has killed 35,000 since 2009": a figure across several
    # events, never an event's own toll.
    running: bool = False
    # A toll raised or lowered later ("rose to 13", "revised the toll to 21"): supersedes the figures before it.
    revised: bool = False
    # Part of a toll ("including 12 children", "the dead included seven soldiers"): counts only without one.
    part: bool = False
    # The reporting verb the figure hangs on (a token index), so that "police said 12, witnesses said 35" in
    # one sentence are two statements; None when the figure is the sentence's own.
    source: int | None = None
    # A toll over several incidents told as such ("one of three attacks that left 26 dead"): counts only
    # when the event has no figure of its own.
    shared: bool = False
    # A figure the article says was given before ("an earlier count of 18", "had earlier put the toll at 21").
    superseded: bool = False
    # A figure told in words without a number ("several", "dozens", "hundreds"): gives way to an exact one.
    vague: bool = False


@dataclass(frozen=True)
class Cue:
    """A cue word a mention was found by: its label from data/triggers.tsv ("weapon:Grenade", "kill"), the
    tokens it covers ([start, end), indices into the annotated Doc), and its priority (stronger words higher)."""

    label: str
    start: int
    end: int
    priority: int

    @property
    def kind(self) -> str:
        """The part of the label before ":" ("weapon" for "weapon:Grenade")."""
        return self.label.split(":", 1)[0]

    @property
    def value(self) -> str:
        """The part of the label after ":" ("Grenade"), or "" when there is none."""
        return self.label.split(":", 1)[1] if ":" in self.label else ""


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
    # Its cue is inside quotation marks: someone's words, which may add to an event the story tells but never
    # start one ("they must not send fighter jets", "the fighting will go on").
    quoted: bool = False
    # The story of the page it belongs to, on a page that tells several (sitrep.text.layout); 0 otherwise.
    section: int = 0
    # Told in its story's headline: a summary of what the body tells in full, which names the event's
    # place loosely ("in Cabo Delgado province") and its toll as the latest figure.
    headline: bool = False
    # Token indices (into the annotated Doc) that this mention covers, and the cue words found in them.
    scope: tuple[int, ...] = ()
    cues: tuple[Cue, ...] = ()
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


@dataclass(frozen=True)
class FieldRule:
    """What an EventRecord field accepts beyond its type: a range for a number, a length or a form for text,
    and whether an analyst may correct it on the desk. Declared once, on the record."""

    ge: float | None = None
    le: float | None = None
    max_length: int | None = None
    pattern: str | None = None
    editable: bool = True
    # Shown with the field in the API's schema where its meaning is not plain from its name.
    doc: str | None = None


def rule(default: Any = MISSING, *, default_factory: Any = MISSING, **limits: Any) -> Any:
    """A field of EventRecord with its FieldRule (`limits` are FieldRule's fields)."""
    return field(default=default, default_factory=default_factory, metadata={"rule": FieldRule(**limits)})


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

    This is the output contract: `to_dict()` is what `sitrep extract --format jsonl` prints. Each field's
    limits (ranges, lengths, forms) and whether an analyst may correct it are declared here, once, with
    `rule(...)`; the API's models and the desk's checks are derived from them (`event_fields`).
    """

    event_id: str = rule(editable=False)
    event_date: str = rule(
        pattern=r"^\d{4}-\d{2}-\d{2}$", doc="YYYY-MM-DD; empty when the day cannot be known (time_precision 4)."
    )
    time_precision: int = rule(ge=1, le=3, doc="ACLED's 1 day, 2 week, 3 month; sitrep's 4: the day is unknown.")
    event_type: str = rule(max_length=200)
    sub_event_type: str = rule(max_length=200)
    actor1: str = rule(max_length=500)
    inter1: int = rule(ge=0, le=8)
    disorder_type: str = rule("", max_length=200)
    assoc_actor_1: str = rule("", max_length=500)
    actor2: str = rule("", max_length=500)
    assoc_actor_2: str = rule("", max_length=500)
    inter2: int = rule(0, ge=0, le=8)
    interaction: int = rule(0, ge=0, le=88)
    civilian_targeting: str = rule("", max_length=200)
    country: str = rule("", max_length=200)
    iso: int | None = rule(None, ge=0, le=999)
    region: str = rule("", max_length=200)
    admin1: str = rule("", max_length=200)
    admin2: str = rule("", max_length=200)
    admin3: str = rule("", max_length=200)
    location: str = rule("", max_length=200)
    latitude: float | None = rule(None, ge=-90, le=90)
    longitude: float | None = rule(None, ge=-180, le=180)
    geo_precision: int = rule(3, ge=1, le=3)
    source: str = rule("", max_length=1000)
    source_scale: str = rule("", max_length=200)
    notes: str = rule("", max_length=20_000)
    fatalities: int = rule(0, ge=0, le=1_000_000)
    tags: str = rule("", max_length=1000)
    timestamp: int = rule(0, editable=False)
    # Beyond ACLED.
    evidence: list[Evidence] = field(default_factory=list)
    articles: list[ArticleRef] = field(default_factory=list)
    confidence: float = rule(0.5, ge=0, le=1)
    weapon: str = rule("", max_length=200)
    claimed_by: str = rule("", max_length=500)
    injuries: int = rule(0, ge=0, le=1_000_000)
    related: list[dict[str, Any]] = field(default_factory=list)
    # Cross-source reconciliation (sitrep.dedup): every toll reported, and a UCDP-style range around
    # `fatalities` (the most conservative credible figure). None until the event has been reconciled.
    fatality_reports: list[FatalityReport] = field(default_factory=list)
    fatalities_low: int | None = rule(None, ge=0, le=1_000_000)
    fatalities_high: int | None = rule(None, ge=0, le=1_000_000)
    # Set by the store on an event merged into another one (kept so that syncing clients can drop it).
    deleted: bool = rule(False, editable=False)
    merged_into: str = rule("", editable=False)

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


@dataclass(frozen=True)
class EventField:
    """One field of EventRecord as the schema derivations see it: its value type (int, float, str, bool or
    list), whether it may be None, and its rule."""

    name: str
    type: type
    nullable: bool
    rule: FieldRule

    @property
    def editable(self) -> bool:
        """An analyst may correct it: a scalar field its rule does not reserve (lists change by merge and split)."""
        return self.rule.editable and self.type is not list


@lru_cache(maxsize=1)
def event_fields() -> tuple[EventField, ...]:
    """EventRecord's fields in order, with their types and rules: the one schema of the record."""
    hints = get_type_hints(EventRecord)
    out = []
    for f in fields(EventRecord):
        hint = hints[f.name]
        args = get_args(hint)
        nullable = type(None) in args
        base = next(a for a in args if a is not type(None)) if nullable else hint
        out.append(EventField(f.name, get_origin(base) or base, nullable, f.metadata.get("rule", FieldRule())))
    return tuple(out)
