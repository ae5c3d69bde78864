"""What every router shares: the store, the shared event filter, the token checks, If-Match, and the
middleware that guards every request (Host check, request body size limit, security headers).

A store's connection (SQLite's or PostgreSQL's) is used by one thread at a time, so the app keeps one store
per worker thread (`Database`) and routers hand it functions to run there: the event loop never blocks on
the database, and the app's own writes are serialised without locks (other processes' writes wait for the
store's write lock, see `sitrep.store.database`).
"""

from __future__ import annotations

__all__ = [
    "Database",
    "get_db",
    "get_settings",
    "event_filter",
    "reader",
    "writer",
    "if_match",
    "expected_version",
    "GuardMiddleware",
    "bearer",
]

import asyncio
import itertools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.api.errors import ApiError, error_response
from sitrep.api.settings import LOOPBACK_HOSTS, Settings
from sitrep.store import REVIEW_STATES, EventStore
from sitrep.store.query import EventFilter
from sitrep.store.tokens import verify_token

T = TypeVar("T")


class Database:
    """The app's stores, each used only from its own thread (a connection belongs to one thread at a time).

    Writes go to one writer thread, so they are serialised without locks; reads are spread over a few
    reader threads with connections of their own (SQLite's WAL and PostgreSQL's MVCC let them read while
    the writer writes).

    Args:
        opener: makes a store (called once per thread, at its first job).
        readers: how many reader threads.
    """

    def __init__(self, opener: Callable[[], EventStore], readers: int = 3) -> None:
        self._opener = opener
        self._n_readers = readers
        self._lock = threading.Lock()
        self._local = threading.local()
        self._writer: ThreadPoolExecutor | None = None
        self._readers: list[ThreadPoolExecutor] = []
        self._next = itertools.count()

    def _executors(self) -> tuple[ThreadPoolExecutor, list[ThreadPoolExecutor]]:
        with self._lock:
            if self._writer is None:
                self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitrep-db-write")
                self._readers = [
                    ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"sitrep-db-read{k}")
                    for k in range(self._n_readers)
                ]
            return self._writer, self._readers

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(store, *args, **kwargs) on the writer thread (anything that writes) and return its result."""
        writer, _ = self._executors()
        return await asyncio.get_running_loop().run_in_executor(writer, partial(self._call, fn, args, kwargs))

    async def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(store, *args, **kwargs), which only reads, on a reader thread and return its result."""
        _, readers = self._executors()
        executor = readers[next(self._next) % len(readers)]
        return await asyncio.get_running_loop().run_in_executor(executor, partial(self._call, fn, args, kwargs))

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._opener()
        return fn(store, *args, **kwargs)

    def _close_here(self) -> None:
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None

    def close(self) -> None:
        """Close every store (each on its own thread) and stop the threads; the next call opens them again."""
        with self._lock:
            writer, readers = self._writer, self._readers
            self._writer, self._readers = None, []
        for executor in [e for e in [writer, *readers] if e is not None]:
            executor.submit(self._close_here).result()
            executor.shutdown(wait=True)


def get_db(request: Request) -> Database:
    """The app's Database."""
    return request.app.state.db  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    """The app's Settings."""
    return request.app.state.settings  # type: ignore[no-any-return]


bearer = HTTPBearer(auto_error=False, description="A token from `sitrep token create --name NAME`.")

_UNAUTHORIZED = {"WWW-Authenticate": 'Bearer realm="sitrep"'}


async def _token_owner(db: Database, credentials: HTTPAuthorizationCredentials | None) -> str | None:
    if credentials is None or not credentials.credentials:
        return None
    token = credentials.credentials
    if len(token) > 200:
        return None
    return await db.run(verify_token, token)


async def writer(
    db: Annotated[Database, Depends(get_db)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The name of the analyst making a write request.

    Raises:
        ApiError: 401 when the request has no valid `Authorization: Bearer <token>`.
    """
    owner = await _token_owner(db, credentials)
    if owner is None:
        message = (
            "this change needs a token: send 'Authorization: Bearer <token>' "
            "(create one with `sitrep token create --name NAME`)"
        )
        if credentials is not None:
            message = "the token is not valid (revoked, or mistyped)"
        raise ApiError(401, message, field="Authorization", headers=_UNAUTHORIZED)
    return owner


async def reader(
    request: Request,
    db: Annotated[Database, Depends(get_db)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> None:
    """Allow a read: open to loopback clients (or to all with open_reads), else a token is needed.

    The token is read from the header directly, not through `bearer`, so that the OpenAPI spec shows
    reads as open (as they are to the clients the server binds to by default).

    Raises:
        ApiError: 401 for a remote client without a valid token.
    """
    client = request.client.host if request.client else ""
    if settings.open_reads or client in LOOPBACK_HOSTS:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    credentials = (
        HTTPAuthorizationCredentials(scheme=scheme, credentials=token.strip()) if scheme.lower() == "bearer" else None
    )
    if await _token_owner(db, credentials) is None:
        raise ApiError(
            401,
            "reads from another machine need a token: send 'Authorization: Bearer <token>'",
            field="Authorization",
            headers=_UNAUTHORIZED,
        )


def if_match(
    value: Annotated[
        str,
        Header(alias="If-Match", description='The ETag from GET /api/events/{id}, e.g. "3" (or *).', max_length=200),
    ],
) -> str:
    """The If-Match header, required (errors.py answers 428 when it is missing); `expected_version` reads
    it once the body is known to be valid, so that a bad body is a 422 whatever the header says."""
    return value


def expected_version(value: str) -> int | None:
    """The event version a write expects, from If-Match (None for `*`).

    Raises:
        ApiError: 428 when the header is empty; 412 when it holds no version (it can never match).
    """
    if not value.strip():
        raise ApiError(
            428,
            "send the event's ETag in If-Match (GET /api/events/{id} returns it), so that "
            "a change made meanwhile is not lost",
            field="If-Match",
        )
    text = value.strip()
    if text == "*":
        return None
    text = text.removeprefix("W/").strip('"')
    if not text.isdigit() or len(text) > 18:
        raise ApiError(412, f"If-Match {value!r} does not match the event's ETag", field="If-Match")
    return int(text)


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, f"{name}: {value!r} is not a day; use YYYY-MM-DD", field=name) from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise ApiError(422, "bbox must be four numbers: west,south,east,north (degrees)", field="bbox") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(
            422,
            "bbox must be west,south,east,north with longitudes in -180..180, latitudes in -90..90 and south <= north",
            field="bbox",
        )
    return west, south, east, north


_DATE = r"^\d{4}-\d{2}-\d{2}$"
_NUMBER = r"\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*"
_BBOX = f"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"

ReviewState = Literal["unreviewed", "confirmed", "rejected", "needs_check"]
assert set(ReviewState.__args__) == set(REVIEW_STATES)  # type: ignore[attr-defined]


def event_filter(
    since: Annotated[
        str | None,
        Query(
            pattern=_DATE, description="First event_date (YYYY-MM-DD), inclusive.", json_schema_extra={"format": "date"}
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(
            pattern=_DATE, description="Last event_date (YYYY-MM-DD), inclusive.", json_schema_extra={"format": "date"}
        ),
    ] = None,
    country: Annotated[str | None, Query(max_length=200, description="Country name, any case.")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level admin unit, any case.")] = None,
    event_type: Annotated[str | None, Query(max_length=200, description="Event type or sub-event type.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Text in an actor's name.")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in notes, location, admin units or actors.")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=200, pattern=_BBOX, description="west,south,east,north in degrees.")
    ] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    review_state: ReviewState | None = None,
) -> EventFilter:
    """The filter query parameters shared by the list, the map points and the stats.

    Raises:
        ApiError: 422 naming the field for a bbox that is not four numbers in range, until < since, or text with
        a NUL character.
    """
    for name, text in (
        ("country", country),
        ("admin1", admin1),
        ("event_type", event_type),
        ("actor", actor),
        ("q", q),
    ):
        if text and "\x00" in text:
            # No stored text holds one (PostgreSQL cannot store it): refused alike on both backends.
            raise ApiError(422, f"{name}: a NUL character (%00) is not allowed", field=name)
    first, last = _day(since, "since"), _day(until, "until")
    if first and last and last < first:
        raise ApiError(422, f"until ({last}) is before since ({first})", field="until")
    return EventFilter(
        since=first,
        until=last,
        country=country or None,
        admin1=admin1 or None,
        event_type=event_type or None,
        actor=actor or None,
        q=q or None,
        bbox=_bbox(bbox),
        min_fatalities=min_fatalities,
        review_state=review_state,
    )


# Scripts only from this server; styles also inline (Leaflet positions map panes with style attributes);
# images also from the online tile server the user may switch on.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
# FastAPI's interactive docs load their scripts from a CDN; they keep working online without the CSP.
_NO_CSP_PATHS = ("/docs", "/redoc")


class GuardMiddleware:
    """Refuse unknown Host headers (DNS rebinding) and bodies over the size limit (413, before reading
    them when Content-Length says so), and add security headers to every response.

    Args:
        app: the ASGI app.
        max_body_bytes: the largest request body accepted.
        allowed_hosts: Host values (without port) to accept; None accepts any.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, allowed_hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts is not None:
            host = _host_of(scope)
            if host not in self.allowed_hosts:
                response = error_response(
                    400,
                    f"unexpected Host header {host!r}; this server answers to " + ", ".join(sorted(self.allowed_hosts)),
                    "Host",
                )
                await send_headers_response(response, scope, receive, send, True)
                return
        csp = not str(scope.get("path", "")).startswith(_NO_CSP_PATHS)
        limit = self.max_body_bytes
        too_large = f"the request body is larger than {limit:,} bytes"
        length = _content_length(scope)
        if length is not None and length > limit:
            response = error_response(413, too_large)
            await send_headers_response(response, scope, receive, send, csp)
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException: FastAPI re-raises it while reading the body, so it gets the error shape.
                    raise ApiError(413, too_large)
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += _SECURITY_HEADERS
                if csp:
                    headers.append((b"content-security-policy", _CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive_limited, send_with_headers)


async def send_headers_response(response: Any, scope: Scope, receive: Receive, send: Send, csp: bool) -> None:
    """Send a response the middleware makes itself, with the security headers."""
    for key, value in _SECURITY_HEADERS:
        response.headers[key.decode()] = value.decode()
    if csp:
        response.headers["content-security-policy"] = _CSP
    await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _host_of(scope: Scope) -> str:
    for key, value in scope.get("headers", []):
        if key == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):  # [::1]:8000
                return host.split("]", 1)[0] + "]"
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""
