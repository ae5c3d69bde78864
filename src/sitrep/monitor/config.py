"""The sources file of `sitrep watch` (TOML) and the monitor's settings.

[[source]]
name = "Dawn - Pakistan"             # shown in status and in each article's `source`
url = "https://example.org/feed.xml" # an RSS/Atom feed, a sitemap, or a single page
country = "Pakistan"                 # optional: a name or ISO code; place names the text leaves ambiguous
                                     # resolve there ("Hyderabad": Pakistan's), what the text names wins
interval = "15m"                     # optional, per source (default: --interval)
"""

from __future__ import annotations

__all__ = ["SourceConfig", "WatchSettings", "load_sources", "parse_interval", "clock_time", "delay_text", "USER_AGENT"]

import re
import tomllib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

from sitrep import countries
from sitrep.errors import ConfigError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def _version() -> str:
    try:
        return version("sitrep")
    except PackageNotFoundError:  # running from a source tree without an install
        return "0"


# Names sitrep to every server, so that a site's operator can tell what is reading it and write robots.txt
# rules for it (the product token `sitrep` is what robots.txt groups match).
USER_AGENT = f"sitrep/{_version()} (conflict-news monitor; honours robots.txt)"


def parse_interval(text: str | int | float, *, where: str = "interval") -> float:
    """Seconds from "90s", "15m", "2h", "1d" or a bare number of seconds.

    Raises:
        ConfigError: naming `where` and the value, when it is not such a duration.
    """
    if isinstance(text, int | float) and not isinstance(text, bool):
        seconds = float(text)
    else:
        match = _INTERVAL.match(str(text))
        if match is None:
            raise ConfigError(f"{where}: {text!r} is not a duration", hint='write it as "30s", "15m", "2h" or "1d"')
        seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds < 0:
        raise ConfigError(f"{where}: {text!r} is negative")
    return seconds


@dataclass(frozen=True)
class SourceConfig:
    """One `[[source]]` of the sources file."""

    name: str
    url: str
    country: str | None = None  # as written in the file (a name or an ISO code)
    interval: float | None = None  # seconds; None: the watcher's default

    @property
    def country_hint(self) -> str | None:
        """The ISO alpha-2 code of `country`: the place hint of every article of this source."""
        return countries.code_of(self.country) if self.country else None


@dataclass(frozen=True)
class WatchSettings:
    """How politely and how safely the monitor fetches. The defaults suit real news sites."""

    interval: float = 600.0  # seconds between fetches of one source (at least; a 304 changes nothing)
    host_delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds for connecting, and between two chunks of a response
    deadline: float = 60.0  # seconds for a whole response, so a server that drips bytes cannot hold a round
    max_bytes: int = 5_000_000  # a page is cut here (read stops; what came is used)
    max_redirects: int = 5
    recheck: float = 3600.0  # a stored page is fetched again (conditionally) after this long
    recheck_window: float = 7 * 86400.0  # ... while it is younger than this (most updates come within a day)
    max_backoff: float = 6 * 3600.0  # a failing source waits at most this long before its next try
    # New pages of a source are extracted this many at a time (spaCy's nlp.pipe, as `sitrep ingest` does):
    # faster, at the cost of the first page of a batch waiting for the others to be fetched.
    batch: int = 16
    user_agent: str = USER_AGENT


def load_sources(path: str | Path) -> list[SourceConfig]:
    """Read a sources file.

    Raises:
        ConfigError: naming the file (and the source, by number and name) and what is wrong: not TOML, no
            `[[source]]`, a missing or non-http(s) `url`, a bad `interval`, two sources with one name.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such sources file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[source]] tables", hint='add [[source]] with name = "..." and url = "..."')
    sources: list[SourceConfig] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: source {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: not a table")
        url = entry.get("url")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise ConfigError(f"{where}: url must be an http(s) address, got {url!r}")
        name = entry.get("name") or urlsplit(url).netloc
        if not isinstance(name, str):
            raise ConfigError(f"{where}: name must be text, got {name!r}")
        where = f"{path}: source {number} ({name})"
        if name in seen:
            raise ConfigError(f"{where}: another source has the name {name!r}", hint="names must be unique")
        seen.add(name)
        country = entry.get("country")
        if country is not None and not isinstance(country, str):
            raise ConfigError(f"{where}: country must be text, got {country!r}")
        if country is not None and countries.code_of(country) is None:
            raise ConfigError(
                f"{where}: country {country!r} is no country", hint='write a name or an ISO code: "Nigeria" or "NG"'
            )
        unknown = sorted(set(entry) - {"name", "url", "country", "interval"})
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
        interval = entry.get("interval")
        sources.append(
            SourceConfig(
                name=name,
                url=url,
                country=country,
                interval=None if interval is None else parse_interval(interval, where=f"{where}: interval"),
            )
        )
    return sources


def clock_time(seconds: int | None) -> str:
    """A stored unix time as `sitrep sources` shows it ("never" when there is none)."""
    from datetime import UTC, datetime

    return "never" if seconds is None else datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


def delay_text(seconds: float | None) -> str:
    """A publication-to-store delay in minutes or hours ("-" when none was measured)."""
    if seconds is None:
        return "-"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
