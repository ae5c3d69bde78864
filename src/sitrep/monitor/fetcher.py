"""Polite, bounded HTTP: one `Fetcher` per watch run, every request of the monitor goes through it.

Each request names sitrep in its User-Agent, asks robots.txt first (per host, cached for an hour), waits for the
host's rate limit, follows at most `max_redirects` redirects itself (so that every hop is checked against its
own host's robots.txt and a loop is named as one), and streams the body: reading stops at `max_bytes` (what
came is kept, marked `truncated`) or at the `deadline`, so neither a huge page nor a dripping server can hold a
round. Conditional requests send the validators a caller kept (ETag, Last-Modified); a 304 comes back as such.
"""

from __future__ import annotations

__all__ = ["Fetcher", "Fetched", "FetchError"]

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep.errors import SitrepError
from sitrep.monitor.config import WatchSettings

_ROBOTS_TTL = 3600.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(SitrepError):
    """A URL could not be fetched: the message names the URL and what went wrong (status, timeout, robots)."""

    code = "E601"


@dataclass(frozen=True)
class Fetched:
    """One response: a 200's body (perhaps cut at the size limit) or a 304 (empty body)."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    data: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    truncated: bool = False
    location: str | None = None  # a redirect's target, as the server wrote it

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """HTTP GETs with the limits of `WatchSettings` (see the module docstring).

    Args:
        settings: timeouts, size and redirect limits, per-host delay, User-Agent.
        clock, sleep: monotonic time and sleeping, for the per-host rate limit.
        transport: an httpx transport (tests may pass one; by default the network).
    """

    def __init__(
        self,
        settings: WatchSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
        )

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET a URL within the limits, conditionally when validators are given.

        Raises:
            FetchError: robots.txt forbids it, an HTTP error status, too many redirects or a redirect loop, a
                timeout, a connection error. The message starts with the URL.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        while True:
            if not self.allowed(current):
                raise FetchError(f"{current}: robots.txt forbids fetching it", hint="sitrep honours robots.txt")
            response = self._request(current, headers)
            if response.status not in _REDIRECTS:
                break
            target = response.location
            if target is None:
                raise FetchError(f"{current}: HTTP {response.status} redirect without a Location header")
            target = urljoin(current, target)
            if target in seen:
                raise FetchError(f"{url}: redirect loop ({' -> '.join([*seen, target])})")
            if len(seen) > self.settings.max_redirects:
                raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects")
            seen.append(target)
            current = target
        if response.status != 304 and not 200 <= response.status < 300:
            raise FetchError(f"{current}: HTTP {response.status}")
        return replace(response, url=url, final_url=current, location=None)

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets sitrep fetch `url` (fetched once an hour per host).

        A missing robots.txt (4xx) allows everything; one that cannot be fetched (5xx, timeout) forbids
        everything on the host for now, as RFC 9309 asks.
        """
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(host)
        now = self._clock()
        if cached is None or now - cached[0] > _ROBOTS_TTL:
            parser = urllib.robotparser.RobotFileParser()
            try:
                response = self._request(host + "/robots.txt", {})
            except FetchError:
                parser.disallow_all = True
            else:
                if 400 <= response.status < 500 or response.status in _REDIRECTS:
                    parser.allow_all = True
                elif response.status >= 500:
                    parser.disallow_all = True
                else:
                    parser.parse(response.data.decode("utf-8", errors="replace").splitlines())
            cached = (now, parser)
            self._robots[host] = cached
        return cached[1].can_fetch(self.settings.user_agent, url)

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        """One GET, no redirect followed, body streamed up to the size limit and the deadline."""
        self._wait_for_host(urlsplit(url).netloc)
        deadline = self._clock() + self.settings.deadline
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                chunks: list[bytes] = []
                size = 0
                truncated = False
                if response.status_code == 200:
                    for chunk in response.iter_bytes():
                        chunks.append(chunk)
                        size += len(chunk)
                        if size >= self.settings.max_bytes:
                            truncated = True
                            break
                        if self._clock() > deadline:
                            raise FetchError(f"{url}: no complete response within {self.settings.deadline:g} s")
                data = b"".join(chunks)[: self.settings.max_bytes]
                content_type = response.headers.get("content-type", "")
                return Fetched(
                    url=url,
                    final_url=url,
                    status=response.status_code,
                    data=data,
                    content_type=content_type.split(";", 1)[0].strip().lower(),
                    charset=response.charset_encoding,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    location=response.headers.get("location"),
                    truncated=truncated,
                )
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out after {self.settings.timeout:g} s without data") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
        finally:
            self._last_request[urlsplit(url).netloc] = self._clock()

    def _wait_for_host(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.host_delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
