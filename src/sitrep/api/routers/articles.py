"""/api/articles: an article's text with the spans that fed each event, and ingesting new articles."""

from __future__ import annotations

__all__ = ["router"]

import threading
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Response
from starlette.concurrency import run_in_threadpool

from sitrep.api.dependencies import Database, get_db, get_settings, reader, writer
from sitrep.api.errors import ApiError
from sitrep.api.schemas import ArticleIn, ArticleOut, IngestOut, error_responses
from sitrep.api.settings import Settings
from sitrep.errors import EventNotFound, InputError
from sitrep.model import Article
from sitrep.store import Desk, EventStore

router = APIRouter(prefix="/api/articles", tags=["articles"], responses=error_responses(400, 401, 413))

Db = Annotated[Database, Depends(get_db)]
# spaCy pipelines are not safe to run from two threads at once.
_EXTRACTING = threading.Lock()


@router.get(
    "/{article_id}",
    response_model=ArticleOut,
    summary="One article",
    dependencies=[Depends(reader)],
    responses=error_responses(404, 422),
)
async def get_article(article_id: Annotated[str, Path(min_length=1, max_length=200)], db: Db) -> Any:
    """The article's text, and for each event it reports, the spans of this text that support it."""
    return await db.read(_article, article_id)


def _article(store: EventStore, article_id: str) -> dict[str, Any]:
    article = store.article(article_id)
    if article is None:
        raise EventNotFound(
            f"no article {article_id!r}", field="article_id", hint="GET /api/events/{id} lists an event's sources"
        )
    events = []
    for event in Desk(store).events_of_article(article_id):
        r = event.record
        events.append(
            {
                "event_id": r.event_id,
                "event_date": r.event_date,
                "event_type": r.event_type,
                "sub_event_type": r.sub_event_type,
                "location": r.location,
                "fatalities": r.fatalities,
                "review_state": event.review_state,
                "spans": [e.to_dict() for e in r.evidence if e.article_id == article_id],
            }
        )
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "url": article.url,
        "events": events,
    }


@router.post(
    "",
    response_model=IngestOut,
    status_code=201,
    summary="Ingest an article",
    responses={**error_responses(422), 200: {"model": IngestOut, "description": "Already stored."}},
)
async def ingest(
    body: ArticleIn,
    response: Response,
    who: Annotated[str, Depends(writer)],
    db: Db,
    settings: Annotated[Settings, Depends(get_settings)],
) -> Any:
    """Extract events from an article's text (or a page's already-fetched HTML) and store them.

    Sending the same text again changes nothing and answers 200 with the stored events.
    """
    article = _to_article(body)
    stored = await db.read(_events_of, article.id)
    if stored is not None:
        response.status_code = 200
        return {"article_id": article.id, "created": False, "events": stored}
    extraction = await run_in_threadpool(_extract, settings, article)
    result = await db.run(
        lambda store: store.ingest(extraction.article, extraction.events, extraction.mentions, actor=who)
    )
    if result is None:  # stored meanwhile by another request
        response.status_code = 200
        return {"article_id": article.id, "created": False, "events": await db.read(_events_of, article.id) or []}
    ids = list(dict.fromkeys([*result.created, *result.updated]))
    events = await db.read(lambda store: [e.to_dict() for e in Desk(store).find(ids).values()])
    return {"article_id": article.id, "created": True, "events": events}


def _to_article(body: ArticleIn) -> Article:
    if (body.text is None) == (body.html is None):
        raise ApiError(422, "send either text or html (the page's HTML, already fetched), not both", field="text")
    try:
        from sitrep.read import read_html_page, read_text

        if body.text is not None:
            return read_text(body.text, title=body.title, published=body.published, source=body.source, url=body.url)
        article = read_html_page(body.html or "", default_date=body.published)
    except InputError as error:
        raise ApiError(422, error.problem, field="html" if body.html is not None else "text") from None
    return replace(
        article,
        path=None,
        title=body.title or article.title,
        source=body.source or article.source,
        url=body.url or article.url,
        published=body.published or article.published,
    )


def _extract(settings: Settings, article: Article) -> Any:
    with _EXTRACTING:
        if settings.extractor is not None:
            return settings.extractor(article)
        from sitrep.pipeline import extract_many

        return next(iter(extract_many([article])))


def _events_of(store: EventStore, article_id: str) -> list[dict[str, Any]] | None:
    if not store.has_article(article_id):
        return None
    return [e.to_dict() for e in Desk(store).events_of_article(article_id)]
