"""A real HTTP server on 127.0.0.1 for the monitor's tests: each path answers as a test sets it.

site = LocalSite()                 # started on a free port; site.url("/feed.xml")
site.page("/a.html", html)         # 200 text/html, with an ETag; If-None-Match -> 304
site.route("/x", Route(...))       # any status, body, headers
site.hang("/slow")                 # sends nothing until the test ends
site.endless("/big", first_html)   # a page that goes on for 50 MB, written chunk by chunk
site.requests                      # every (method, path, headers) served, in order
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["LocalSite", "Route"]

_CHUNK = 64 * 1024


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up (the fetcher cutting a 50 MB page, a closed keep-alive connection) is what the
    tests provoke: not worth a traceback on the test run's stderr. Any other error is still printed."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Route:
    """How a path answers: status, body, headers; `etag` turns on conditional answers (304)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = False
    stream: Callable[[Callable[[bytes], None]], None] | None = None  # writes the body itself


class LocalSite:
    """A threaded http.server serving `routes`; 404 for anything else."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.release = threading.Event()  # set to let hanging handlers finish
        self.gates: list[threading.Event] = []
        self.sent: dict[str, int] = {}  # bytes written per streamed path
        self.first_served: dict[str, float] = {}  # path -> unix time of its first request (for bench/watch.py)
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                site.requests.append(("GET", self.path, dict(self.headers)))
                site.first_served.setdefault(path, time.time())
                route = site.routes.get(path)
                if route is None:
                    self._answer(404, b"not found", {"Content-Type": "text/plain"})
                    return
                if route.stream is not None:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        route.stream(self._write(path))
                    self.close_connection = True
                    return
                headers = dict(route.headers)
                if route.etag:
                    tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                    headers["ETag"] = tag
                    if self.headers.get("If-None-Match") == tag:
                        self._answer(304, b"", {"ETag": tag})
                        return
                self._answer(route.status, route.body, headers)

            def _write(self, path: str) -> Callable[[bytes], None]:
                def write(chunk: bytes) -> None:
                    self.wfile.write(chunk)
                    site.sent[path] = site.sent.get(path, 0) + len(chunk)

                return write

            def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def page(self, path: str, html: str | bytes, *, charset: str = "utf-8", content_type: str = "text/html") -> None:
        body = html.encode(charset) if isinstance(html, str) else html
        self.routes[path] = Route(200, body, {"Content-Type": f"{content_type}; charset={charset}"}, etag=True)

    def hang(self, path: str) -> None:
        def wait(write: Callable[[bytes], None]) -> None:
            self.release.wait(30)

        self.routes[path] = Route(200, headers={"Content-Type": "text/html"}, stream=wait)

    def gate(self, path: str, html: str) -> threading.Event:
        """A page that is answered only once the returned event is set (or the test ends)."""
        opened = threading.Event()
        self.gates.append(opened)
        body = html.encode()

        def wait_then_send(write: Callable[[bytes], None]) -> None:
            opened.wait(60)
            write(body)

        self.routes[path] = Route(200, headers={"Content-Type": "text/html; charset=utf-8"}, stream=wait_then_send)
        return opened

    def endless(self, path: str, first: str, total: int = 50 * 1024 * 1024) -> None:
        """A page of `total` bytes: `first` (an article), then HTML comments of filler, written lazily."""

        def write_all(write: Callable[[bytes], None]) -> None:
            head = first.encode()
            write(head)
            filler = b"<!--" + b"x" * (_CHUNK - 7) + b"-->"
            left = total - len(head)
            while left > 0:
                write(filler[: min(left, len(filler))])
                left -= len(filler)

        self.routes[path] = Route(200, headers={"Content-Type": "text/html; charset=utf-8"}, stream=write_all)

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.requests]

    def close(self) -> None:
        self.release.set()
        for opened in self.gates:  # let gated handlers finish too
            opened.set()
        self.server.shutdown()
        self.server.server_close()
