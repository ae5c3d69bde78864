"""The API's settings as data: one frozen dataclass that `create_app` and `sitrep serve` share."""

from __future__ import annotations

__all__ = ["Settings", "LOOPBACK_HOSTS", "find_vendor_dir"]

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.model import Article
    from sitrep.pipeline import Extraction

# Host names (without port) that mean "this machine"; the Host check allows only these when bound to one.
LOOPBACK_HOSTS: frozenset[str] = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True)
class Settings:
    """How the app behaves.

    Attributes:
        db: the store to open (a path or sqlite:/// URL, as for --db).
        open_reads: let any client read without a token; by default only loopback clients may.
        allowed_hosts: Host header values (without port) to accept, against DNS rebinding; None accepts any.
        max_body_bytes: the largest request body; larger ones get 413.
        points_limit: the most events the map gets at once (the deadliest first).
        vendor_dir: the node_modules folder with the web page's libraries; None looks for one.
        extractor: Article -> Extraction for POST /api/articles; None runs sitrep's pipeline.
    """

    db: str = "sitrep.db"
    open_reads: bool = False
    allowed_hosts: frozenset[str] | None = None
    max_body_bytes: int = 2 * 1024 * 1024
    points_limit: int = 10_000
    vendor_dir: Path | None = None
    extractor: Callable[[Article], Extraction] | None = None


def find_vendor_dir() -> Path | None:
    """Where `npm ci` put the page's libraries: $SITREP_VENDOR_DIR, else a node_modules above this package."""
    env = os.environ.get("SITREP_VENDOR_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "node_modules"
        if (candidate / "leaflet").is_dir():
            return candidate
    return None
