"""The API's one error shape, and the handlers that turn every failure into it.

    {"error": {"code": "validation_error", "message": "since: Input should be a valid date", "field": "since"}}

`code` is a stable snake_case word per HTTP status (see CODES); `field` names the bad input (a query
parameter, a body field such as "parts.1.evidence", or a header such as "If-Match") and is left out when
no single input is to blame. Library errors (sitrep.errors) become HTTP errors here, at the edge only.
"""

from __future__ import annotations

__all__ = ["ApiError", "CODES", "error_body", "error_response", "install_error_handlers"]

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.errors import (
    ConfigError,
    DeskError,
    EventNotFound,
    InputError,
    InvalidEdit,
    SitrepError,
    StaleVersion,
    TokenError,
)

log = logging.getLogger("sitrep.api")

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(StarletteHTTPException):
    """An HTTP error in the API's shape; raise it from routers and dependencies.

    Args:
        status: the HTTP status.
        message: what went wrong and, where it helps, how to fix it.
        field: the input to blame, if one is.
        headers: extra response headers (WWW-Authenticate, ETag).
    """

    def __init__(self, status: int, message: str, *, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.field = field


def error_body(status: int, message: str, field: str | None = None) -> dict[str, Any]:
    """The JSON document of an error response."""
    error: dict[str, Any] = {"code": CODES.get(status, "error"), "message": message}
    if field is not None:
        error["field"] = field
    return {"error": error}


def error_response(
    status: int, message: str, field: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A JSONResponse carrying `error_body`."""
    return JSONResponse(error_body(status, message, field), status_code=status, headers=headers)


def _status_of(exc: SitrepError) -> int:
    if isinstance(exc, EventNotFound):
        return 404
    if isinstance(exc, StaleVersion):
        return 412
    if isinstance(exc, TokenError):
        return 409
    if isinstance(exc, (InvalidEdit, InputError, ConfigError, DeskError)):
        return 422
    return 500


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    # ("query", "since") -> "since"; ("body", "parts", 0, "evidence") -> "parts.0.evidence"; ("body",) -> None
    parts = (
        [str(p) for p in loc[1:]]
        if loc and loc[0] in ("query", "path", "header", "body", "cookie")
        else [str(p) for p in loc]
    )
    return ".".join(parts) or None


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error").replace("_", " ")
    if exc.status_code == 404 and not isinstance(exc, ApiError):
        message = f"no such resource: {request.url.path}"
    elif exc.status_code == 405 and not isinstance(exc, ApiError):
        message = f"{request.method} is not allowed on {request.url.path}"
        allowed = _allowed_methods(request)
        return error_response(405, message, None, {"Allow": ", ".join(allowed)} if allowed else None)
    elif exc.status_code == 413 and not isinstance(exc, ApiError):
        message = "the request body is too large"
    return error_response(exc.status_code, message, getattr(exc, "field", None), getattr(exc, "headers", None))


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    from starlette.routing import Match

    scope = {**request.scope, "method": "GET"}
    routes: list[Any] = []

    def walk(nodes: Any) -> None:
        for node in nodes:
            if hasattr(node, "original_router"):  # FastAPI keeps an included router as a node of its own
                walk(node.original_router.routes)
            elif getattr(node, "methods", None):
                routes.append(node)

    walk(request.app.routes)
    # The first path template that matches is the one Starlette routes to; its routes give the methods.
    first = next((r for r in routes if r.matches(scope)[0] != Match.NONE), None)
    if first is None:
        return []
    return sorted({m for r in routes if r.path == first.path for m in r.methods})


async def _on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = _field_of(first.get("loc", ()))
    message = str(first.get("msg", "invalid value"))
    if first.get("type") == "missing" and tuple(first.get("loc", ())) == ("header", "If-Match"):
        return error_response(
            428,
            "send the event's ETag in If-Match (GET /api/events/{id} returns it), so that "
            "a change made meanwhile is not lost",
            "If-Match",
        )
    if first.get("type") == "json_invalid":
        field, message = None, "the request body is not valid JSON"
    elif first.get("type") == "missing" and field is None:
        message = "a JSON request body is required"
    if field:
        message = f"{field}: {message}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return error_response(422, message, field)


async def _on_sitrep_error(request: Request, exc: SitrepError) -> JSONResponse:
    status = _status_of(exc)
    message = exc.message + (f" ({exc.hint})" if exc.hint else "")
    if status == 500:
        log.error("%s %s failed: %s", request.method, request.url.path, exc)
        message = exc.message
    return error_response(status, message, getattr(exc, "field", None))


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path)
    return error_response(500, "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to the one JSON error shape."""
    app.add_exception_handler(StarletteHTTPException, _on_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(SitrepError, _on_sitrep_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)
