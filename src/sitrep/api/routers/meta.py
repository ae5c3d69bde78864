"""/api/meta: the vocabularies the page's filters and edit form offer (ACLED's taxonomy, review states)."""

from __future__ import annotations

__all__ = ["router"]

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sitrep import taxonomy
from sitrep.api.dependencies import get_settings, reader
from sitrep.api.schemas import MetaOut, error_responses
from sitrep.api.settings import Settings
from sitrep.store import EDITABLE_FIELDS, REVIEW_STATES

router = APIRouter(prefix="/api/meta", tags=["meta"], dependencies=[Depends(reader)], responses=error_responses(401))


@router.get("", response_model=MetaOut, summary="Vocabularies")
async def meta(settings: Annotated[Settings, Depends(get_settings)]) -> Any:
    """Event types, sub-event types, review states and the fields an analyst can correct."""
    return {
        "event_types": list(taxonomy.EVENT_TYPES),
        "sub_event_types": dict(taxonomy.SUB_EVENT_TYPES),
        "review_states": list(REVIEW_STATES),
        "editable_fields": sorted(EDITABLE_FIELDS),
        "vendor": settings.vendor_dir is not None,
    }
