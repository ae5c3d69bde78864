"""/api/articles: the text with each event's spans; ingesting text or already-fetched HTML."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from sample_desk import SPECS, Loaded
from sitrep.api import Settings, create_app

from .conftest import LOCAL

HTML = """<!doctype html><html><head><title>Clashes in Kismayo</title>
<meta property="og:site_name" content="Garowe Online"><meta name="date" content="2025-02-11"></head>
<body><nav>Home | World</nav><article><h1>Clashes in Kismayo</h1>
<p>Three soldiers were killed on Monday when Al-Shabaab fighters attacked a base on the outskirts of Kismayo,
the Jubaland regional administration said in a statement.</p>
<p>Residents said the fighting lasted for about two hours before the attackers withdrew into the bush.</p>
</article><footer>Copyright</footer></body></html>"""


def test_articles_get_returns_text_and_spans_per_event(client: TestClient, loaded: Loaded) -> None:
    spec = next(s for s in SPECS if s.key == "kharkiv")
    body = client.get(f"/api/articles/{loaded.articles['kharkiv']}").json()
    assert body["text"] == spec.text and body["title"] == spec.title and body["published"] == "2024-05-26"
    (event,) = body["events"]
    assert event["event_id"] == loaded.events["kharkiv"] and event["review_state"] == "unreviewed"
    for span in event["spans"]:
        assert body["text"][span["start"] : span["end"]] == span["text"]
    assert [s["field"] for s in event["spans"]] == [
        "location",
        "fatalities",
        "location",
        "fatalities",
        "sub_event_type",
    ]


def test_articles_get_after_merge_shows_the_merged_event_in_both(
    client: TestClient, loaded: Loaded, auth: dict[str, str]
) -> None:
    keep = loaded.events["lido_reuters"]
    client.post("/api/events/merge", json={"event_ids": [keep, loaded.events["lido_local"]]}, headers=auth)
    for key in ("lido_reuters", "lido_local"):
        events = client.get(f"/api/articles/{loaded.articles[key]}").json()["events"]
        assert [e["event_id"] for e in events] == [keep]
        assert events[0]["spans"] and all(s["article_id"] == loaded.articles[key] for s in events[0]["spans"])


def test_articles_post_text_stores_and_returns_events(client: TestClient, auth: dict[str, str]) -> None:
    text = "Three soldiers were killed when Al-Shabaab fighters attacked a base near Kismayo on Monday."
    response = client.post(
        "/api/articles", json={"text": text, "source": "Garowe Online", "published": "2025-02-11"}, headers=auth
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] is True and len(body["events"]) == 1
    event = body["events"][0]
    assert event["location"] == "Kismayo" and event["evidence"][0]["text"] == "killed"
    history = client.get(f"/api/events/{event['event_id']}").json()["history"]
    assert history[0]["action"] == "create" and history[0]["actor"] == "amina"
    assert history[0]["article_id"] == body["article_id"]
    stored = client.get(f"/api/articles/{body['article_id']}").json()
    assert stored["source"] == "Garowe Online" and stored["published"] == "2025-02-11"
    again = client.post("/api/articles", json={"text": text}, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False
    assert [e["event_id"] for e in again.json()["events"]] == [event["event_id"]]


def test_articles_post_html_reads_the_main_text(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/api/articles", json={"html": HTML, "url": "https://www.garoweonline.com/en/news/kismayo"}, headers=auth
    )
    assert response.status_code == 201, response.text
    article = client.get(f"/api/articles/{response.json()['article_id']}").json()
    assert "Three soldiers were killed on Monday" in article["text"] and "Home | World" not in article["text"]
    assert article["title"] == "Clashes in Kismayo" and article["url"] == "https://www.garoweonline.com/en/news/kismayo"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": "a", "html": "<p>a</p>"}, "text"),
        ({"text": "   "}, "text"),
        ({"html": "<html><body></body></html>"}, "html"),
        ({"text": "x", "published": "soon"}, "published"),
        ({"text": "x", "colour": 1}, "colour"),
    ],
)
def test_articles_post_rejects_bad_bodies(client: TestClient, auth: dict[str, str], body: dict, field: str) -> None:
    response = client.post("/api/articles", json=body, headers=auth)
    assert response.status_code == 422 and response.json()["error"]["field"] == field


def test_articles_post_needs_a_token(client: TestClient) -> None:
    assert client.post("/api/articles", json={"text": "Two killed."}).status_code == 401


def test_articles_post_runs_the_real_pipeline(db_url, loaded: Loaded, auth: dict[str, str]) -> None:
    """The one test that runs spaCy: the default extractor is sitrep's pipeline."""
    text = "Gunmen killed five villagers in Zamfara state on Sunday, police said."
    with TestClient(create_app(Settings(db=db_url)), client=LOCAL) as client:
        response = client.post("/api/articles", json={"text": text, "published": str(date(2025, 5, 5))}, headers=auth)
        assert response.status_code == 201, response.text
        (event,) = response.json()["events"]
        assert event["event_type"] == "Violence against civilians" and event["fatalities"] == 5
        assert event["admin1"] == "Zamfara" and event["event_date"] == "2025-05-04"
        spans = client.get(f"/api/articles/{response.json()['article_id']}").json()["events"][0]["spans"]
        assert any(s["field"] == "fatalities" for s in spans)
