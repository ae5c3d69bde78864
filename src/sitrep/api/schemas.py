"""Request and response bodies of the API, as pydantic models (they make /openapi.json)."""

from __future__ import annotations

__all__ = [
    "WatchedSourceOut",
    "ErrorOut",
    "EvidenceOut",
    "ArticleRefOut",
    "EventOut",
    "EventPageOut",
    "PointsOut",
    "StatsOut",
    "SourceOut",
    "ChangeOut",
    "EventDetailOut",
    "EventPatch",
    "ReviewIn",
    "MergeIn",
    "SplitPartIn",
    "SplitIn",
    "SplitOut",
    "ArticleIn",
    "ArticleEventOut",
    "ArticleOut",
    "IngestOut",
    "WhoAmIOut",
    "MetaOut",
    "error_responses",
]

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from sitrep.model import ACLED_COLUMNS, EventField, event_fields

ReviewState = Literal["unreviewed", "confirmed", "rejected", "needs_check"]


class ErrorBody(BaseModel):
    code: str = Field(description="Stable, per HTTP status: validation_error, not_found, precondition_failed ...")
    message: str
    field: str | None = Field(None, description="The input to blame; absent when there is none.")


class ErrorOut(BaseModel):
    """Every error response has this shape."""

    error: ErrorBody


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, all with ErrorOut."""
    text = {
        400: "The request body is not readable (not UTF-8).",
        401: "No valid token (writes; reads from another machine).",
        404: "No such event or article.",
        409: "Conflict.",
        412: "If-Match does not match the event's current ETag: someone changed it.",
        413: "The request body is too large.",
        422: "A bad value; `field` names it.",
        428: "If-Match is missing.",
    }
    return {s: {"model": ErrorOut, "description": text[s]} for s in statuses}


class EvidenceOut(BaseModel):
    field: str
    article_id: str
    start: int
    end: int
    text: str


class ArticleRefOut(BaseModel):
    id: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None


class FatalityReportOut(BaseModel):
    """One source's toll (sitrep.dedup keeps every one; `fatalities` is the credible figure among them)."""

    value: int
    article_id: str
    source: str | None = None
    date: str | None = None
    revised: bool = False


# An event: ACLED's fields in ACLED's order (with the year), then sitrep's in the record's, then the desk's.
# The types and limits come from EventRecord (`event_fields`), where they are declared once.
_NESTED_OUT: dict[str, Any] = {
    "evidence": list[EvidenceOut],
    "articles": list[ArticleRefOut],
    "fatality_reports": list[FatalityReportOut],
    "related": list[dict[str, Any]],
}


def _value_type(f: EventField) -> Any:
    return _NESTED_OUT[f.name] if f.type is list else (f.type | None if f.nullable else f.type)


def _out_fields() -> dict[str, Any]:
    by_name = {f.name: f for f in event_fields()}
    order = [*ACLED_COLUMNS, *(name for name in by_name if name not in ACLED_COLUMNS)]
    year = (int | None, Field(description="The year of event_date; null when the day is unknown."))
    return {
        name: year if name == "year" else (_value_type(by_name[name]), _described(by_name[name].rule.doc))
        for name in order
    }


def _described(doc: str | None) -> Any:
    return Field(description=doc) if doc else ...


EventOut = create_model(
    "EventOut",
    __doc__="An event: ACLED's fields, sitrep's evidence and extras, and the desk's review fields.",
    **_out_fields(),
    review_state=(ReviewState, ...),
    locked_fields=(list[str], Field(description="Fields an analyst corrected; re-extraction keeps them.")),
    version=(int, Field(description="Bumped by every change; the ETag is this number in quotes.")),
)


class EventPageOut(BaseModel):
    total: int = Field(description="How many events match the filters.")
    limit: int
    offset: int
    items: list[EventOut]


class PointsOut(BaseModel):
    """Matching events with coordinates as parallel arrays (the deadliest first when truncated)."""

    total: int
    truncated: bool
    id: list[str]
    lat: list[float]
    lon: list[float]
    type: list[str]
    fatalities: list[int]
    date: list[str]


class TimelineBin(BaseModel):
    period: str
    event_type: str
    events: int
    fatalities: int


class Admin1Sum(BaseModel):
    country: str
    admin1: str
    events: int
    fatalities: int


class Admin1Bin(BaseModel):
    period: str
    admin1: str
    fatalities: int


class StatsOut(BaseModel):
    bin: Literal["day", "week", "month"]
    min_date: str | None
    max_date: str | None
    events: int
    undated_events: int = Field(description="Of `events`, those whose day is unknown: counted, not on the timeline.")
    fatalities: int
    timeline: list[TimelineBin]
    admin1: list[Admin1Sum]
    admin1_timeline: list[Admin1Bin]


class SourceOut(BaseModel):
    """A source article of an event; `stored` says whether GET /api/articles/{id} has its text."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = None
    stored: bool


class ChangeOut(BaseModel):
    id: int
    event_id: str
    changed_at: int = Field(description="Unix seconds.")
    actor: str
    action: str
    article_id: str | None = None
    before: Any = None
    after: Any = None
    group_id: int | None = Field(None, description="Rows of one operation (a merge, a split) share it.")


class TollOut(FatalityReportOut):
    spans: list[EvidenceOut] = Field(description="That source's words about the dead and injured.")


class EventDetailOut(BaseModel):
    event: EventOut
    sources: list[SourceOut]
    fatality_reports: list[TollOut] = Field(description="The toll each source reported, with its words.")
    history: list[ChangeOut]


def _patch_field(f: EventField) -> tuple[Any, Any]:
    r = f.rule
    return f.type | None, Field(None, ge=r.ge, le=r.le, max_length=r.max_length, pattern=r.pattern)


EventPatch = create_model(
    "EventPatch",
    __doc__="Fields to correct; each one sent becomes locked against re-extraction.",
    # Strict: 2.0 is not a count of fatalities, nor true a number.
    __config__=ConfigDict(extra="forbid", strict=True),
    **{f.name: _patch_field(f) for f in event_fields() if f.editable},
)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: ReviewState
    note: str | None = Field(None, max_length=2000)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event_ids: list[str] = Field(min_length=2, max_length=100, description="The events that report one incident.")
    keep: str | None = Field(None, max_length=200, description="The id that survives; default the first.")
    versions: dict[str, int] | None = Field(None, description="event_id -> expected version (its ETag).")


class SplitPartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evidence: list[int] = Field(default_factory=list, max_length=1000, description="Indexes into the event's evidence.")
    set: dict[str, Any] = Field(default_factory=dict, description="Fields to set on this part (locked).")


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event_id: str = Field(min_length=1, max_length=200)
    parts: list[SplitPartIn] = Field(min_length=2, max_length=50)
    version: int | None = Field(None, description="The event's expected version (its ETag).")


class SplitOut(BaseModel):
    events: list[EventOut]


class ArticleIn(BaseModel):
    """An article to extract events from: its text, or a page's already-fetched HTML (never a fetch)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, max_length=1_000_000)
    html: str | None = Field(None, max_length=1_000_000)
    title: str | None = Field(None, max_length=1000)
    published: date | None = None
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)


class ArticleEventOut(BaseModel):
    event_id: str
    event_date: str
    event_type: str
    sub_event_type: str
    location: str
    fatalities: int
    review_state: ReviewState
    spans: list[EvidenceOut] = Field(description="The evidence of this event found in this article.")


class ArticleOut(BaseModel):
    id: str
    title: str | None
    text: str
    published: str | None
    source: str | None
    url: str | None
    events: list[ArticleEventOut]


class IngestOut(BaseModel):
    article_id: str
    created: bool = Field(description="False when the same text was stored before (nothing changed).")
    events: list[EventOut] = Field(description="The events the article created or added a source to.")


class WhoAmIOut(BaseModel):
    name: str


class WatchedSourceOut(BaseModel):
    """One source the feed monitor follows (`sitrep watch`), as `sitrep sources` shows it."""

    name: str
    url: str
    last_success_at: int | None = Field(description="Unix seconds of the last fetch that worked (200 or 304).")
    last_error: str | None = Field(description="The last failure, naming the URL and what went wrong.")
    last_error_at: int | None
    failures: int = Field(description="Failures in a row; the source backs off while this grows.")
    next_fetch_at: int = Field(description="Unix seconds before which the source is not fetched again.")
    articles: int = Field(description="Pages whose text is stored.")
    events: int = Field(description="Live events that cite those articles.")
    not_english: int = Field(description="Articles stored but not coded: the pipeline reads English only.")
    no_text: int = Field(description="Pages without article text (nothing stored).")
    updated: int = Field(description="Pages whose text changed after it was first stored.")
    median_delay_s: float | None = Field(
        description="Median seconds from an article's publication to its events in the store."
    )


class MetaOut(BaseModel):
    event_types: list[str]
    sub_event_types: dict[str, str] = Field(description="Sub-event type -> its event type.")
    review_states: list[str]
    editable_fields: list[str]
    vendor: bool = Field(description="Whether the web page's libraries (npm ci) are installed.")
