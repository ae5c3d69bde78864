"""The page at `/`, its own files under /static/, and the npm libraries it uses under /vendor/."""

from __future__ import annotations

__all__ = ["router", "mount_static"]

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from sitrep.web import VENDOR_PACKAGES, WEB_DIR

router = APIRouter(tags=["web"], include_in_schema=False)


@router.get("/")
async def index() -> FileResponse:
    """The analyst's desk."""
    return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})


def mount_static(app: FastAPI, vendor_dir: Path | None) -> None:
    """Serve the page's files, and each npm package's files that `npm ci` installed under vendor_dir."""
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    if vendor_dir is None:
        return
    for name, folder in VENDOR_PACKAGES.items():
        path = vendor_dir / folder
        if path.is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=path), name=f"vendor-{name}")
