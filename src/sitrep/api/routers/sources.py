"""/api/sources: what the feed monitor (`sitrep watch`) follows and how each source is doing."""

from __future__ import annotations

__all__ = ["router"]

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sitrep.api.dependencies import Database, get_db, reader
from sitrep.api.schemas import WatchedSourceOut, error_responses
from sitrep.store import EventStore
from sitrep.store.monitor import source_status

router = APIRouter(
    prefix="/api/sources", tags=["sources"], dependencies=[Depends(reader)], responses=error_responses(401)
)


@router.get("", response_model=list[WatchedSourceOut], summary="Watched sources")
async def sources(db: Annotated[Database, Depends(get_db)]) -> Any:
    """Per source: last success and error, articles and events collected, articles not coded (not English),
    and the median delay from publication to event (the same as `sitrep sources`)."""
    return await db.read(_status)


def _status(store: EventStore) -> list[dict[str, Any]]:
    return [s.to_dict() for s in source_status(store)]
