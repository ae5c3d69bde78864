"""/api/events: list, map points, stats, one event with its evidence and history, and the analyst's
corrections (PATCH with If-Match), review, merge and split."""

from __future__ import annotations

__all__ = ["router"]

import io
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi.responses import StreamingResponse

from sitrep.api.dependencies import (
    Database,
    event_filter,
    expected_version,
    get_db,
    get_settings,
    if_match,
    reader,
    writer,
)
from sitrep.api.errors import ApiError
from sitrep.api.schemas import (
    EventDetailOut,
    EventOut,
    EventPageOut,
    EventPatch,
    MergeIn,
    PointsOut,
    ReviewIn,
    SplitIn,
    SplitOut,
    StatsOut,
    error_responses,
)
from sitrep.api.settings import Settings
from sitrep.export.csv import write_csv
from sitrep.export.geojson import event_feature
from sitrep.store import Desk, EventStore, SplitPart, StoredEvent
from sitrep.store.query import SORT_FIELDS, EventFilter, event_points, event_stats, query_events

router = APIRouter(
    prefix="/api/events", tags=["events"], dependencies=[Depends(reader)], responses=error_responses(400, 401, 413)
)

Sort = Literal[tuple(SORT_FIELDS) + tuple(f"-{f}" for f in SORT_FIELDS)]  # type: ignore[valid-type]
EventId = Annotated[str, Path(min_length=1, max_length=200, description="The event's id.")]
Db = Annotated[Database, Depends(get_db)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Who = Annotated[str, Depends(writer)]
IfMatch = Annotated[str, Depends(if_match)]

# Events read per query while an export streams (a test sets it small to see several chunks joined).
EXPORT_CHUNK = 2000
_MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}


@router.get(
    "",
    response_model=EventPageOut,
    summary="List events",
    responses={
        **error_responses(422),
        200: {
            "content": {"text/csv": {}, "application/geo+json": {}},
            "description": "JSON page; or every match as CSV (ACLED's column order) or GeoJSON.",
        },
    },
)
async def list_events(
    db: Db,
    flt: Filter,
    sort: Annotated[Sort, Query(description="A field, '-' first for descending.")] = "-event_date",
    limit: Annotated[
        int | None, Query(ge=1, le=1_000_000, description="Page size (JSON: at most 1000, default 100; exports: all).")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    format: Literal["json", "geojson", "csv"] = "json",
) -> Any:
    """Events matching every filter given, sorted and paged; `format` also exports them."""
    if format != "json":
        return StreamingResponse(
            _export(db, flt, sort, limit, offset, format),
            media_type=_MEDIA[format],
            headers={"Content-Disposition": f'attachment; filename="sitrep-events.{format}"'},
        )
    if limit is not None and limit > 1000:
        raise ApiError(
            422, "limit: at most 1000 events per JSON page; use offset, or format=csv/geojson", field="limit"
        )
    page = await db.read(query_events, flt, sort=sort, limit=limit or 100, offset=offset)
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "items": [e.to_dict() for e in page.items]}


async def _export(
    db: Database, flt: EventFilter, sort: str, limit: int | None, offset: int, fmt: str
) -> AsyncIterator[bytes]:
    """The export in chunks, each read on the store's thread, so a large export never blocks the app."""
    left = limit
    wrote = False  # CSV: the header is out; GeoJSON: a feature is out (the next needs a comma)
    if fmt == "geojson":
        yield b'{"type": "FeatureCollection", "features": ['
    while left is None or left > 0:
        size = EXPORT_CHUNK if left is None else min(EXPORT_CHUNK, left)
        page = await db.read(query_events, flt, sort=sort, limit=size, offset=offset, with_total=False)
        records = [e.record for e in page.items]
        if fmt == "csv":
            buffer = io.StringIO()
            write_csv(records, buffer)
            text = buffer.getvalue()
            yield (text.split("\n", 1)[1] if wrote else text).encode("utf-8")
            wrote = True
        elif records:
            features = ",\n".join(json.dumps(event_feature(r), ensure_ascii=False) for r in records)
            yield ((",\n" if wrote else "\n") + features).encode("utf-8")
            wrote = True
        offset += len(records)
        if left is not None:
            left -= len(records)
        if len(records) < size:
            break
    if fmt == "geojson":
        yield b"\n]}\n"


@router.get("/points", response_model=PointsOut, summary="Map points", responses=error_responses(422))
async def points(
    db: Db,
    flt: Filter,
    settings: Annotated[Settings, Depends(get_settings)],
    limit: Annotated[
        int | None, Query(ge=1, le=200_000, description="At most this many (default: the server's).")
    ] = None,
) -> Any:
    """Matching events with coordinates as parallel arrays; the deadliest first when there are more."""
    text = await db.read(event_points, flt, limit=limit or settings.points_limit)
    return Response(text, media_type="application/json")  # already JSON (written by the database)


@router.get("/stats", response_model=StatsOut, summary="Timeline and chart sums", responses=error_responses(422))
async def stats(db: Db, flt: Filter, bin: Literal["day", "week", "month"] | None = None) -> Any:
    """Events and fatalities per period and event type, and per first-level admin unit."""
    return await db.read(event_stats, flt, bin=bin)


@router.post("/merge", response_model=EventOut, summary="Merge events", responses=error_responses(404, 412, 422))
async def merge(body: MergeIn, response: Response, who: Who, db: Db) -> Any:
    """Merge events that report one incident; the others are kept in the history only."""
    event = await db.run(lambda s: Desk(s).merge(body.event_ids, who=who, keep=body.keep, versions=body.versions))
    response.headers["ETag"] = event.etag
    return event.to_dict()


@router.post(
    "/split",
    response_model=SplitOut,
    status_code=201,
    summary="Split an event",
    responses=error_responses(404, 412, 422),
)
async def split(body: SplitIn, who: Who, db: Db) -> Any:
    """Split an event that mixes incidents into one event per part (the first keeps the id)."""
    parts = [SplitPart(evidence=tuple(p.evidence), set=p.set) for p in body.parts]
    events = await db.run(lambda s: Desk(s).split(body.event_id, parts, who=who, version=body.version))
    return {"events": [e.to_dict() for e in events]}


@router.get("/{event_id}", response_model=EventDetailOut, summary="One event", responses=error_responses(404, 422))
async def get_event(event_id: EventId, response: Response, db: Db) -> Any:
    """The event with its evidence spans, source articles, fatality reports and change history."""
    detail = await db.read(_detail, event_id)
    response.headers["ETag"] = detail["event"].etag
    return {**detail, "event": detail["event"].to_dict()}


def _detail(store: EventStore, event_id: str) -> dict[str, Any]:
    desk = Desk(store)
    event: StoredEvent = desk.get(event_id)
    record = event.record
    sources: dict[str, dict[str, Any]] = {}
    for ref in record.articles:
        sources[ref.id] = {
            "id": ref.id,
            "title": ref.title,
            "url": ref.url,
            "source": ref.source,
            "date": ref.date,
            "stored": store.has_article(ref.id),
        }
    for article_id in [e.article_id for e in record.evidence] + desk.linked_articles(event_id):
        if article_id not in sources:
            article = store.article(article_id)
            sources[article_id] = {
                "id": article_id,
                "title": article.title if article else None,
                "url": article.url if article else None,
                "source": article.source if article else None,
                "date": article.published.isoformat() if article and article.published else None,
                "stored": article is not None,
            }
    from sitrep.dedup.reconcile import fatality_reports_of

    words = [e for e in record.evidence if e.field in ("fatalities", "injuries")]
    # What each source said: the reconciled event's tolls, else those of its reports as extracted (not the
    # event's own figure, which an analyst may have corrected).
    tolls = record.fatality_reports or [t for r in store.reports(event_id) for t in fatality_reports_of(r)]
    reports = [
        {**r.to_dict(), "spans": [e.to_dict() for e in words if e.article_id == r.article_id]}
        for r in (tolls or fatality_reports_of(record))
    ]
    history = [h.to_dict() for h in desk.history(event_id)]
    return {"event": event, "sources": list(sources.values()), "fatality_reports": reports, "history": history}


@router.patch(
    "/{event_id}", response_model=EventOut, summary="Correct an event", responses=error_responses(404, 412, 422, 428)
)
async def patch_event(event_id: EventId, patch: EventPatch, response: Response, who: Who, etag: IfMatch, db: Db) -> Any:
    """Correct any fields; they are locked so re-extraction never overwrites them. Needs If-Match."""
    changes = patch.model_dump(exclude_unset=True)
    if not changes:
        raise ApiError(422, "send at least one field to change", field=None)
    version = expected_version(etag)
    event = await db.run(lambda s: Desk(s).edit(event_id, changes, who=who, version=version))
    response.headers["ETag"] = event.etag
    return event.to_dict()


@router.post(
    "/{event_id}/review",
    response_model=EventOut,
    summary="Review an event",
    responses=error_responses(404, 412, 422, 428),
)
async def review(event_id: EventId, body: ReviewIn, response: Response, who: Who, etag: IfMatch, db: Db) -> Any:
    """Confirm, reject or flag an event for checking (or set it back to unreviewed). Needs If-Match."""
    version = expected_version(etag)
    event = await db.run(lambda s: Desk(s).review(event_id, body.state, who=who, version=version, note=body.note))
    response.headers["ETag"] = event.etag
    return event.to_dict()
