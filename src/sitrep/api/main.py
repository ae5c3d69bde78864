"""The FastAPI application: wiring only (settings, store, error shape, middleware, routers).

Usage:
    app = create_app(Settings(db="sitrep.db"))      # or: sitrep serve --db sitrep.db
"""

from __future__ import annotations

__all__ = ["create_app"]

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from fastapi import FastAPI

from sitrep.api.dependencies import Database, GuardMiddleware
from sitrep.api.errors import install_error_handlers
from sitrep.api.routers import articles, auth, events, meta, sources, web
from sitrep.api.settings import Settings, find_vendor_dir
from sitrep.store import EventStore, open_store

DESCRIPTION = """Stored conflict events with the evidence behind each field, for analysts to explore,
check and correct. Reads are open to this machine; writes need `Authorization: Bearer <token>` from
`sitrep token create --name NAME`. Every error is `{"error": {"code", "message", "field"?}}`."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for one store.

    Args:
        settings: where the store is and how the app behaves (default: Settings()).

    Returns:
        The FastAPI app; the store opens at the first request and closes at shutdown.
    """
    settings = settings or Settings()
    if settings.vendor_dir is None:
        settings = replace(settings, vendor_dir=find_vendor_dir())

    def opener() -> EventStore:
        return open_store(settings.db)

    db = Database(opener)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="sitrep",
        summary="The analyst's desk: conflict events with evidence",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    install_error_handlers(app)
    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_body_bytes, allowed_hosts=settings.allowed_hosts)
    for module in (events, articles, auth, meta, sources, web):
        app.include_router(module.router)
    web.mount_static(app, settings.vendor_dir)
    return app
