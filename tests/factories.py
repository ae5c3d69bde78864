"""Builders for the records the tests need: the fields a test is about, the rest plausible.

    article(text, **meta)            an Article whose id is the hash of its text
    article_ref(article)             how an event cites that article
    evidence(article, field, words)  the span of `words` in the article (found with str.index, so a test can
                                     never cite words its article does not hold)
    event(event_id, **overrides)     a located IED attack in Maiduguri (Borno, Nigeria), changed by `overrides`

Every test package builds its events with these instead of writing an EventRecord field by field.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sitrep.model import Article, ArticleRef, EventRecord, Evidence

__all__ = ["article", "article_ref", "evidence", "event"]


def article(text: str, **meta: Any) -> Article:
    """An Article of `text` (its id the hash of the text) with metadata such as title, published, source."""
    return Article.from_text(text, **meta)


def article_ref(article: Article) -> ArticleRef:
    """The reference an event keeps to the article that reports it."""
    published = article.published.isoformat() if article.published else None
    return ArticleRef(
        id=article.id, path=article.path, url=article.url, title=article.title, date=published, source=article.source
    )


def evidence(article: Article, field: str, words: str) -> Evidence:
    """The evidence that `words`, as written in the article, support `field`."""
    start = article.text.index(words)
    return Evidence(field=field, article_id=article.id, start=start, end=start + len(words), text=words)


def event(event_id: str = "e1", **overrides: Any) -> EventRecord:
    """A located IED attack in Maiduguri (Borno, Nigeria) reported by one article, changed by `overrides`.

    `article` (an id) and `published` (a day) set the one article it cites.
    """
    cited = overrides.pop("article", f"art-{event_id}")
    published = overrides.pop("published", "2024-06-30")
    base = EventRecord(
        event_id=event_id,
        event_date="2024-06-29",
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Unidentified Armed Group (Nigeria)",
        inter1=2,
        actor2="Civilians (Nigeria)",
        inter2=7,
        country="Nigeria",
        admin1="Borno",
        admin2="Maiduguri",
        location="Maiduguri",
        latitude=11.8464,
        longitude=13.1603,
        geo_precision=1,
        articles=[ArticleRef(cited, None, None, None, published, "Daily Trust")],
    )
    return replace(base, **overrides)
