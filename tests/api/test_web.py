"""The page at `/`: its files, the npm libraries under /vendor/, the security headers, and the rule that
app.js never turns data into HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.gazetteer.points import BOUNDARY_PACKAGE
from sitrep.web import VENDOR_PACKAGES, WEB_DIR

ROOT = Path(__file__).resolve().parents[2]


def test_web_index_is_served_with_a_strict_csp(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<title>sitrep" in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    for path in ("/static/app.js", "/static/app.css"):
        assert client.get(path).status_code == 200


def test_web_every_script_and_style_the_page_loads_is_served(client: TestClient) -> None:
    if client.app.state.settings.vendor_dir is None:
        pytest.skip("node_modules is missing: run `make install` (npm ci)")
    html = client.get("/").text
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert any(a.startswith("/vendor/leaflet/") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"
    assert client.get("/vendor/leaflet/../../package.json").status_code == 404  # no way out of the package folder


@pytest.mark.parametrize("script", sorted(p.name for p in WEB_DIR.glob("*.js")))
def test_web_app_js_never_writes_html(script: str) -> None:
    source = (WEB_DIR / script).read_text()
    for call in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert call not in source.split("*/", 1)[1], call  # the header comment may name them
    assert "bindPopup(" not in source  # strings given to Leaflet popups/tooltips are parsed as HTML


def test_web_npm_packages_are_pinned_exactly_and_locked() -> None:
    manifest = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    # the desk's libraries, and the Natural Earth outlines the gazetteer build reads (sitrep.gazetteer.points)
    wanted = {folder.split("/")[0] for folder in VENDOR_PACKAGES.values()} | {BOUNDARY_PACKAGE}
    assert set(manifest["dependencies"]) == wanted
    for name, version in manifest["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version} is not an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert "npm ci --no-audit --no-fund" in (ROOT / "Makefile").read_text()
