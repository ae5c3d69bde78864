"""The API's one error shape, pinned: every failure is {"error": {"code", "message", "field"?}}."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sample_desk import Loaded
from sitrep.api import Settings, create_app
from sitrep.api.errors import CODES

from .conftest import LOCAL, etag_of


def assert_error_shape(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert set(error) <= {"code", "message", "field"}
    assert error["code"] == CODES[status]
    assert isinstance(error["message"], str) and error["message"]
    if field is not None:
        assert error["field"] == field
    return error


@pytest.mark.parametrize(
    ("method", "path", "status", "field"),
    [
        ("GET", "/api/nowhere", 404, None),
        ("GET", "/api/events/no-such-event", 404, "event_id"),
        ("GET", "/api/articles/no-such-article", 404, "article_id"),
        ("GET", "/api/events?since=2024-13-01", 422, "since"),
        ("GET", "/api/events?until=yesterday", 422, "until"),
        ("GET", "/api/events?since=2025-01-02&until=2025-01-01", 422, "until"),
        ("GET", "/api/events?bbox=1,2,3", 422, "bbox"),
        ("GET", "/api/events?bbox=10,50,20,40", 422, "bbox"),
        ("GET", "/api/events?min_fatalities=-1", 422, "min_fatalities"),
        ("GET", "/api/events?min_fatalities=many", 422, "min_fatalities"),
        ("GET", "/api/events?review_state=maybe", 422, "review_state"),
        ("GET", "/api/events?sort=colour", 422, "sort"),
        ("GET", "/api/events?format=xlsx", 422, "format"),
        ("GET", "/api/events?limit=0", 422, "limit"),
        ("GET", "/api/events?limit=5000", 422, "limit"),
        ("GET", "/api/events?offset=-3", 422, "offset"),
        ("GET", "/api/events/stats?bin=year", 422, "bin"),
        ("GET", "/api/events/points?limit=0", 422, "limit"),
        ("DELETE", "/api/events", 405, None),
    ],
)
def test_errors_shape_for_reads(client: TestClient, method: str, path: str, status: int, field: str | None) -> None:
    assert_error_shape(client.request(method, path), status, field)


def test_errors_shape_for_writes(client: TestClient, loaded: Loaded, auth: dict[str, str]) -> None:
    event = loaded.events["goma"]
    url = f"/api/events/{event}"
    assert_error_shape(client.patch(url, json={"fatalities": 3}), 401, "Authorization")
    bad = {"Authorization": "Bearer sitrep_not-a-real-token"}
    assert_error_shape(client.patch(url, json={"fatalities": 3}, headers=bad), 401, "Authorization")
    assert_error_shape(client.patch(url, json={"fatalities": 3}, headers=auth), 428, "If-Match")
    assert_error_shape(client.patch(url, json={"fatalities": 3}, headers={**auth, "If-Match": '"99"'}), 412, "If-Match")
    assert_error_shape(
        client.patch(url, json={"fatalities": 3}, headers={**auth, "If-Match": "nonsense"}), 412, "If-Match"
    )
    etag = etag_of(client, event)
    ok = {**auth, "If-Match": etag}
    assert_error_shape(client.patch(url, json={"fatalities": -3}, headers=ok), 422, "fatalities")
    assert_error_shape(client.patch(url, json={"colour": "red"}, headers=ok), 422, "colour")
    assert_error_shape(client.patch(url, json={"event_type": "Picnic"}, headers=ok), 422, "event_type")
    assert_error_shape(client.patch(url, json={}, headers=ok), 422)
    assert_error_shape(client.patch(url, content=b"{not json", headers={**ok, "content-type": "application/json"}), 422)
    assert_error_shape(client.post(f"{url}/review", json={"state": "maybe"}, headers=ok), 422, "state")
    assert_error_shape(client.post("/api/events/merge", json={"event_ids": [event]}, headers=auth), 422, "event_ids")
    assert_error_shape(
        client.post("/api/events/merge", json={"event_ids": [event, "nope"]}, headers=auth), 404, "event_id"
    )
    assert_error_shape(client.post("/api/articles", json={}, headers=auth), 422, "text")


def test_errors_shape_for_a_body_too_large(db_url, loaded: Loaded, auth: dict[str, str]) -> None:
    app = create_app(Settings(db=db_url, max_body_bytes=1000))
    with TestClient(app, client=LOCAL) as client:
        big = {"text": "x" * 5000}
        assert_error_shape(client.post("/api/articles", json=big, headers=auth), 413)

        def chunks():  # no Content-Length: the limit is counted while the body is read
            for _ in range(10):
                yield b" " * 500

        response = client.post("/api/articles", content=chunks(), headers={**auth, "content-type": "application/json"})
        assert_error_shape(response, 413)


def test_errors_shape_for_a_foreign_host(db_url, loaded: Loaded) -> None:
    app = create_app(Settings(db=db_url, allowed_hosts=frozenset({"127.0.0.1", "localhost"})))
    with TestClient(app, base_url="http://evil.example", client=LOCAL) as client:
        assert_error_shape(client.get("/api/events"), 400, "Host")
    with TestClient(app, base_url="http://127.0.0.1:8000", client=LOCAL) as client:
        assert client.get("/api/events").status_code == 200


def test_errors_shape_for_an_unexpected_failure(db_url, loaded: Loaded, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.api.routers import events

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(events, "event_stats", broken)
    with TestClient(create_app(Settings(db=db_url)), client=LOCAL, raise_server_exceptions=False) as client:
        error = assert_error_shape(client.get("/api/events/stats"), 500)
    assert "disk on fire" not in error["message"]  # internals stay in the server log
