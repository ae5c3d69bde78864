"""The extraction pipeline: the one place that lists the stages, in order.

    annotate  Article -> AnnotatedArticle            spaCy sentences, tokens, entities, parse
    detect    AnnotatedArticle -> Mention*           event cues, scopes, non-event filters
    actors    Mention* -> Mention*                   actor1 / actor2 / claimant / victims
    places    Mention* + Toponym* -> Mention*        resolved places in each mention's scope
    dates     Mention* -> Mention*                   day and time_precision, relations between events
    numbers   Mention* -> Mention*                   killed / injured, totals told apart
    classify  Mention* -> Mention*                   ACLED event type and sub-event type
    merge     Mention* -> EventRecord*               one record per event and place
              (with tolls.py: one toll per event; record.py: ACLED fields, notes, evidence)

Every stage is a pure function of its inputs plus loaded resources (the spaCy model, the gazetteer), so an
engine can run `extract_article` in any process without a second code path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.model import Article, EventRecord, Mention
from sitrep.pipeline.actors import actors
from sitrep.pipeline.classify import classify
from sitrep.pipeline.dates import dates
from sitrep.pipeline.detect import detect
from sitrep.pipeline.merge import merge
from sitrep.pipeline.numbers import numbers
from sitrep.pipeline.places import article_focus, places
from sitrep.text.annotate import AnnotatedArticle, annotate, annotate_many, load_nlp

if TYPE_CHECKING:
    from sitrep.gazetteer.index import Gazetteer

__all__ = ["STAGES", "Extraction", "extract_article", "extract_annotated", "extract_many", "default_gazetteer"]

MentionStage = Callable[[AnnotatedArticle, tuple[Mention, ...]], tuple[Mention, ...]]

# The mention stages in order; `places` runs between actors and dates with the article's toponyms.
STAGES: tuple[tuple[str, MentionStage], ...] = (
    ("actors", actors),
    ("dates", dates),
    ("numbers", numbers),
    ("classify", classify),
)


@dataclass(frozen=True)
class Extraction:
    """Everything one article yields: its events, and the mentions behind them (kept by the store)."""

    article: Article
    events: list[EventRecord]
    mentions: tuple[Mention, ...]


_GAZETTEER: list[Gazetteer] = []


def default_gazetteer() -> Gazetteer:
    """The process-wide offline gazetteer (opened once; built on first use)."""
    if not _GAZETTEER:
        from sitrep.gazetteer.index import Gazetteer

        _GAZETTEER.append(Gazetteer.open())
    return _GAZETTEER[0]


def extract_annotated(annotated: AnnotatedArticle, gazetteer: Gazetteer | None = None) -> Extraction:
    """Run every stage after annotate on one annotated article."""
    from sitrep.geoparse import geoparse

    gazetteer = gazetteer or default_gazetteer()
    mentions = detect(annotated)
    toponyms = geoparse(annotated, gazetteer) if mentions else []
    for name, stage in STAGES:
        mentions = stage(annotated, mentions)
        if name == "actors":
            mentions = places(annotated, mentions, toponyms)
    focus = article_focus(toponyms) if mentions else None
    events = merge(annotated.article, mentions, focus)
    return Extraction(annotated.article, events, mentions)


def extract_article(article: Article, gazetteer: Gazetteer | None = None) -> list[EventRecord]:
    """Extract ACLED-style events from one article.

    Example:
        >>> from sitrep.read import read_text
        >>> events = extract_article(read_text("Gunmen killed five villagers in Zamfara on Sunday."))
    """
    return extract_annotated(annotate(article), gazetteer).events


def extract_many(
    articles: Iterable[Article], gazetteer: Gazetteer | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """Extract events from many articles, annotating them in batches with nlp.pipe."""
    nlp = load_nlp()
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            for annotated in annotate_many(batch, nlp):
                yield extract_annotated(annotated, gazetteer)
            batch = []
    if batch:
        for annotated in annotate_many(batch, nlp):
            yield extract_annotated(annotated, gazetteer)
