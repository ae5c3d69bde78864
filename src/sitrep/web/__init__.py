"""The analyst's desk page: static files (index.html, app.js, app.css) served by sitrep.api at `/`.

The libraries it uses come from npm (`make install` runs `npm ci` with the committed lockfile) and are
served from node_modules under /vendor/<package>/; none is copied into the repository.
"""

from __future__ import annotations

__all__ = ["WEB_DIR", "VENDOR_PACKAGES"]

from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent

# URL name under /vendor/ -> folder inside node_modules that holds the files the page loads.
VENDOR_PACKAGES: dict[str, str] = {
    "leaflet": "leaflet/dist",
    "leaflet.markercluster": "leaflet.markercluster/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
}
