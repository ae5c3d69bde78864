"""The REST API and web desk: `create_app(Settings(db=...))`, served by `sitrep serve`.

main.py          wires the routers (only)
routers/         events, articles, auth, meta, web (one APIRouter each)
dependencies.py  the store's thread, token checks, If-Match, filters, Host/headers middleware
errors.py        the one JSON error shape
schemas.py       request and response bodies (they make /openapi.json)
cli.py           `sitrep serve` and `sitrep token`
"""

from __future__ import annotations

from sitrep.api.main import create_app
from sitrep.api.settings import Settings

__all__ = ["create_app", "Settings"]
