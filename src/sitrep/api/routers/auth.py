"""/api/auth: check a token (the page asks before it shows the edit controls)."""

from __future__ import annotations

__all__ = ["router"]

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sitrep.api.dependencies import writer
from sitrep.api.schemas import WhoAmIOut, error_responses

router = APIRouter(prefix="/api/auth", tags=["auth"], responses=error_responses(401))


@router.get("/whoami", response_model=WhoAmIOut, summary="Who owns this token")
async def whoami(who: Annotated[str, Depends(writer)]) -> Any:
    """The name the token was created for (`sitrep token create --name NAME`); 401 if it is not valid."""
    return {"name": who}
