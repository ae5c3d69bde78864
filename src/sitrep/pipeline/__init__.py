"""The extraction pipeline: the one place that lists the stages, in order (`STAGES`).

    annotate  Article -> AnnotatedArticle            spaCy sentences, tokens, entities, parse (sitrep.text;
                                                     run before the stages, in batches, by extract_many)
    detect    -> mentions                            event cues, scopes, non-event filters
    geoparse  -> toponyms                            the article's place names, resolved (sitrep.geoparse)
    actors    mentions -> mentions                   actor1 / actor2 / claimant / victims
    places    mentions + toponyms -> mentions        resolved places in each mention's scope
    dates     mentions -> mentions                   day and time_precision, relations between events
    background mentions -> mentions                  drops what the story recalls: older events, tolls
                                                     summed over time, events under trial or inquiry
    numbers   mentions -> mentions                   killed / injured, totals told apart
    classify  mentions -> mentions                   ACLED event type and sub-event type
    merge     mentions + toponyms -> events          one record per event and place
              (with cluster.py: the mentions of one event; tolls.py: one toll per event; record.py: ACLED
              fields, notes, evidence)
    confidence events -> events                      each record's calibrated confidence; those below the
                                                     policy's threshold dropped or tagged

Every stage has one signature, `Findings -> Findings`: it reads what the stages before it found in the
article and returns it with its own part added (`Findings` is frozen). `extract_annotated` runs them in one
loop. Each stage is a pure function of its inputs plus loaded resources (the spaCy model, the gazetteer), so
an engine can run `extract_article` in any process without a second code path. A new stage is a function in
a module of its own and one line in STAGES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitrep.geoparse import Toponym, geoparse
from sitrep.model import Article, EventRecord, Mention
from sitrep.pipeline.actors import actors
from sitrep.pipeline.background import background
from sitrep.pipeline.classify import classify
from sitrep.pipeline.confidence import DEFAULT_POLICY, ConfidencePolicy, confidence
from sitrep.pipeline.dates import dates
from sitrep.pipeline.detect import detect
from sitrep.pipeline.merge import merge
from sitrep.pipeline.numbers import numbers
from sitrep.pipeline.places import article_focus, places
from sitrep.text import AnnotatedArticle, annotate, annotate_many, load_nlp

if TYPE_CHECKING:
    from sitrep.gazetteer import Gazetteer

__all__ = [
    "STAGES",
    "Stage",
    "Findings",
    "Extraction",
    "ConfidencePolicy",
    "DEFAULT_POLICY",
    "run_stages",
    "extract_article",
    "extract_annotated",
    "extract_many",
    "default_gazetteer",
]


@dataclass(frozen=True)
class Findings:
    """What the stages have found in one article so far; each stage returns a copy with its part added."""

    annotated: AnnotatedArticle
    gazetteer: Gazetteer
    mentions: tuple[Mention, ...] = ()
    toponyms: tuple[Toponym, ...] = ()
    events: tuple[EventRecord, ...] = ()
    policy: ConfidencePolicy = DEFAULT_POLICY
    withheld: int = 0  # records the confidence stage left out (below the policy's threshold)


Stage = Callable[[Findings], Findings]


def _detect(found: Findings) -> Findings:
    return replace(found, mentions=detect(found.annotated))


def _geoparse(found: Findings) -> Findings:
    # An article that reports no event needs no places: the geoparser is the costliest stage.
    if not found.mentions:
        return found
    return replace(found, toponyms=tuple(geoparse(found.annotated, found.gazetteer)))


def _actors(found: Findings) -> Findings:
    return replace(found, mentions=actors(found.annotated, found.mentions))


def _places(found: Findings) -> Findings:
    return replace(found, mentions=places(found.annotated, found.mentions, found.toponyms))


def _dates(found: Findings) -> Findings:
    return replace(found, mentions=dates(found.annotated, found.mentions))


def _background(found: Findings) -> Findings:
    return replace(found, mentions=background(found.annotated, found.mentions))


def _numbers(found: Findings) -> Findings:
    return replace(found, mentions=numbers(found.annotated, found.mentions))


def _classify(found: Findings) -> Findings:
    return replace(found, mentions=classify(found.annotated, found.mentions))


def _merge(found: Findings) -> Findings:
    focus = article_focus(found.toponyms) if found.mentions else None
    annotated = found.annotated
    section_focus = None
    if len(annotated.section_starts) > 1:
        # A page of several stories: each is about its own places.
        by_section: dict[int, list[Toponym]] = {}
        for t in found.toponyms:
            by_section.setdefault(annotated.section_of(t.span.start), []).append(t)
        section_focus = {s: article_focus(ts) for s, ts in by_section.items()}
    return replace(found, events=tuple(merge(annotated.article, found.mentions, focus, section_focus)))


def _confidence(found: Findings) -> Findings:
    kept = tuple(confidence(found.annotated, found.mentions, found.events, found.policy))
    return replace(found, events=kept, withheld=len(found.events) - len(kept))


# The stages in the order they run (names as in the module docstring).
STAGES: tuple[tuple[str, Stage], ...] = (
    ("detect", _detect),
    ("geoparse", _geoparse),
    ("actors", _actors),
    ("places", _places),
    ("dates", _dates),
    ("background", _background),
    ("numbers", _numbers),
    ("classify", _classify),
    ("merge", _merge),
    ("confidence", _confidence),
)


@dataclass(frozen=True)
class Extraction:
    """Everything one article yields: its events, the mentions behind them (kept by the store), and how many
    records fell below the confidence threshold and were left out."""

    article: Article
    events: list[EventRecord]
    mentions: tuple[Mention, ...]
    withheld: int = 0


_GAZETTEER: list[Gazetteer] = []


def default_gazetteer() -> Gazetteer:
    """The process-wide offline gazetteer (opened once; built on first use)."""
    if not _GAZETTEER:
        from sitrep.gazetteer import Gazetteer

        _GAZETTEER.append(Gazetteer.open())
    return _GAZETTEER[0]


def run_stages(
    annotated: AnnotatedArticle, gazetteer: Gazetteer | None = None, policy: ConfidencePolicy = DEFAULT_POLICY
) -> Findings:
    """Run every stage after annotate on one annotated article; everything they found."""
    found = Findings(annotated, gazetteer or default_gazetteer(), policy=policy)
    for _, stage in STAGES:
        found = stage(found)
    return found


def extract_annotated(
    annotated: AnnotatedArticle, gazetteer: Gazetteer | None = None, policy: ConfidencePolicy = DEFAULT_POLICY
) -> Extraction:
    """Run every stage after annotate on one annotated article."""
    found = run_stages(annotated, gazetteer, policy)
    return Extraction(annotated.article, list(found.events), found.mentions, found.withheld)


def extract_article(
    article: Article, gazetteer: Gazetteer | None = None, policy: ConfidencePolicy = DEFAULT_POLICY
) -> list[EventRecord]:
    """Extract ACLED-style events from one article.

    Example:
        >>> from sitrep.read import read_text
        >>> events = extract_article(read_text("Gunmen killed five villagers in Zamfara on Sunday."))
    """
    return extract_annotated(annotate(article), gazetteer, policy).events


def extract_many(
    articles: Iterable[Article],
    gazetteer: Gazetteer | None = None,
    batch_size: int = 16,
    policy: ConfidencePolicy = DEFAULT_POLICY,
) -> Iterator[Extraction]:
    """Extract events from many articles, annotating them in batches with nlp.pipe."""
    nlp = load_nlp()
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            for annotated in annotate_many(batch, nlp):
                yield extract_annotated(annotated, gazetteer, policy)
            batch = []
    if batch:
        for annotated in annotate_many(batch, nlp):
            yield extract_annotated(annotated, gazetteer, policy)
