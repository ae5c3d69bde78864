"""Events whose day is unknown (empty event_date, time_precision 4) through every route of the API."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from sample_desk import SPECS, Loaded
from sitrep.api import Settings, create_app
from sitrep.model import UNKNOWN_TIME_PRECISION, Article, ArticleRef, EventRecord, Evidence
from sitrep.store import open_store

from .conftest import LOCAL, etag_of

TEXT = "Gunmen killed four guards at a police post in Garowe on Monday, residents said."


@pytest.fixture
def undated_id(db_url: str, loaded: Loaded) -> str:
    """An article with no publication date and its event of unknown day, stored beside the samples."""
    article = Article.from_text(TEXT, title="Garowe post attacked")
    start = TEXT.index("killed")
    record = EventRecord(
        event_id="SOM-undated-1", event_date="", time_precision=UNKNOWN_TIME_PRECISION, event_type="Battles",
        sub_event_type="Armed clash", actor1="Unidentified Armed Group (Somalia)", inter1=3, country="Somalia",
        admin1="Nugaal", location="Garowe", latitude=8.4054, longitude=48.4845, geo_precision=1, fatalities=4,
        notes="On an unknown date, gunmen attacked a police post in Garowe.",
        evidence=[Evidence("fatalities", article.id, start, start + 6, "killed")],
        articles=[ArticleRef(article.id, None, None, article.title, None, None)],
    )  # fmt: skip
    with open_store(db_url) as store:
        store.add_article(article, [record])
    return record.event_id


def test_undated_listed_counted_and_exported(client: TestClient, undated_id: str) -> None:
    body = client.get("/api/events", params={"limit": 100}).json()
    assert body["total"] == len(SPECS) + 1
    found = next(e for e in body["items"] if e["event_id"] == undated_id)
    assert found["event_date"] == "" and found["year"] is None and found["time_precision"] == 4
    assert body["items"][-1]["event_id"] == undated_id  # newest first: an unknown day comes last
    assert client.get("/api/events", params={"sort": "event_date"}).json()["items"][0]["event_id"] == undated_id
    stats = client.get("/api/events/stats").json()
    assert stats["events"] == len(SPECS) + 1 and stats["undated_events"] == 1
    assert all(b["period"] for b in stats["timeline"]) and stats["min_date"] and stats["max_date"]
    assert all(b["period"] for b in stats["admin1_timeline"])
    points = client.get("/api/events/points").json()
    assert points["date"][points["id"].index(undated_id)] == ""
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text)))
    row = next(r for r in rows if r["event_id"] == undated_id)
    assert row["event_date"] == "" and row["year"] == "" and row["time_precision"] == "4"
    features = json.loads(client.get("/api/events", params={"format": "geojson"}).text)["features"]
    assert next(f for f in features if f["id"] == undated_id)["properties"]["event_date"] == ""


@pytest.mark.parametrize("params", [{"since": "2024-01-01"}, {"until": "2030-01-01"}])
def test_undated_matches_no_day_filter(client: TestClient, undated_id: str, params: dict[str, str]) -> None:
    items = client.get("/api/events", params=params).json()["items"]
    assert items and undated_id not in {e["event_id"] for e in items}
    assert client.get("/api/events/stats", params=params).json()["undated_events"] == 0


def test_undated_only_undated_events_stats(client: TestClient, undated_id: str) -> None:
    stats = client.get("/api/events/stats", params={"country": "Somalia", "q": "police post Garowe"}).json()
    assert (stats["events"], stats["undated_events"], stats["min_date"], stats["timeline"]) == (1, 1, None, [])


def test_undated_detail_and_analyst_gives_the_day(client: TestClient, undated_id: str, auth: dict[str, str]) -> None:
    detail = client.get(f"/api/events/{undated_id}")
    assert detail.status_code == 200 and detail.json()["event"]["event_date"] == ""
    # A precision alone would claim a day nobody gave.
    response = client.patch(f"/api/events/{undated_id}", json={"time_precision": 1},
                            headers={**auth, "If-Match": etag_of(client, undated_id)})  # fmt: skip
    assert response.status_code == 422 and response.json()["error"]["field"] == "time_precision"
    response = client.patch(f"/api/events/{undated_id}", json={"event_date": "2025-03-03"},
                            headers={**auth, "If-Match": etag_of(client, undated_id)})  # fmt: skip
    assert response.status_code == 200, response.text
    event = client.get(f"/api/events/{undated_id}").json()["event"]
    assert (event["event_date"], event["year"], event["time_precision"]) == ("2025-03-03", 2025, 1)
    assert set(event["locked_fields"]) == {"event_date", "time_precision"}


def test_undated_article_posted_without_a_date_runs_the_real_pipeline(
    db_url: str, loaded: Loaded, auth: dict[str, str]
) -> None:
    html = f"<html><head><title>Post attacked</title></head><body><article><p>{TEXT}</p></article></body></html>"
    with TestClient(create_app(Settings(db=db_url)), client=LOCAL) as client:
        for body in ({"text": TEXT}, {"html": html.replace("four", "five")}):
            response = client.post("/api/articles", json=body, headers=auth)
            assert response.status_code == 201, response.text
            (event,) = response.json()["events"]
            assert event["event_date"] == "" and event["time_precision"] == 4 and event["country"] == "Somalia"
            assert client.get(f"/api/events/{event['event_id']}").status_code == 200
        assert client.get("/api/events/stats").json()["undated_events"] == 2
