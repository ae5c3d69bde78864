"""Fixtures for the API tests: a store filled with the hand-made samples, a token, and a TestClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sample_desk import Loaded, fill_store
from sitrep.api import Settings, create_app
from sitrep.model import Article
from sitrep.pipeline import Extraction
from sitrep.store import open_store
from sitrep.store.tokens import create_token

LOCAL = ("127.0.0.1", 50000)


def fake_extractor(article: Article) -> Extraction:
    """A stand-in for the spaCy pipeline: one Battles event in Kismayo per article, evidence on 'killed'."""
    from sitrep.model import ArticleRef, EventRecord, Evidence

    start = max(article.text.find("killed"), 0)
    end = start + (6 if "killed" in article.text else min(len(article.text), 6))
    event = EventRecord(
        event_id=f"{article.id}-1",
        event_date="2025-02-10",
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Al Shabaab",
        inter1=2,
        country="Somalia",
        admin1="Lower Juba",
        location="Kismayo",
        latitude=-0.3582,
        longitude=42.5454,
        fatalities=3,
        evidence=[Evidence("fatalities", article.id, start, end, article.text[start:end])],
        articles=[ArticleRef(article.id, None, article.url, article.title, None, article.source)],
    )
    return Extraction(article=article, events=[event], mentions=())


@pytest.fixture
def loaded(db_url: str) -> Loaded:
    with open_store(db_url) as store:
        return fill_store(store)


@pytest.fixture
def token(db_url: str, loaded: Loaded) -> str:
    with open_store(db_url) as store:
        return create_token(store, "amina")


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def settings(db_url: str, loaded: Loaded) -> Settings:
    return Settings(db=db_url, extractor=fake_extractor)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), client=LOCAL) as c:
        yield c


def etag_of(client: TestClient, event_id: str) -> str:
    response = client.get(f"/api/events/{event_id}")
    assert response.status_code == 200, response.text
    return response.headers["etag"]
