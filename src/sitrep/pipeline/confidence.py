"""Stage, confidence: how likely each record is to be an event of the story, and the threshold below which it is
not emitted (or emitted flagged, as the user chooses).

The number comes from a small logistic model over signals that each record carries in its evidence and in the
article's layout: how many sentences tell it and where (the lede or the tenth paragraph), whether it is told
only inside a quotation, whether its place was read in its own sentences or borrowed, whether that place is the
story's dateline, whether its day was written or assumed and how far before publication it lies, whether it
has a named actor and a toll, and how many other records the article gave. No one of these decides; together
they order records by how likely each is to be an incident of the story (how well, on the tune and held
parts: BENCHMARKS.md, "Confidence").

The weights are data (src/sitrep/data/confidence.json), fitted by `sitrep.evaluate.calibrate` on the tune
parts of wikinews-dev (CC BY 2.5 text with our own gold) and of our own articles (tests/articles); the file
records what it was fitted on and the threshold chosen there. A record below the threshold is dropped, or with
`ConfidencePolicy(keep_low=True)` kept and tagged `LOW_CONFIDENCE_TAG`.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from sitrep import taxonomy
from sitrep.model import EventRecord, Mention
from sitrep.text import AnnotatedArticle
from sitrep.text.dateline import find_dateline
from sitrep.text.layout import in_spans

__all__ = [
    "SIGNALS",
    "ConfidenceModel",
    "ConfidencePolicy",
    "DEFAULT_POLICY",
    "LOW_CONFIDENCE_TAG",
    "confidence",
    "load_model",
    "record_signals",
]

# The signals, in the order the model's weights are listed. Each is a number near [0, 1] (counts are logged).
SIGNALS: tuple[str, ...] = (
    "sentences",  # log(1 + sentences that tell the event)
    "lede",  # the first of them opens its story (first two sentences after the title)
    "position",  # where the first of them starts, as a share of the text
    "quoted",  # share of its sentences whose event word lies inside a quotation
    "place_point",  # the place is a town or point (geo_precision 1)
    "place_region",  # a district or region (geo_precision 2)
    "place_none",  # no town: a country only, or nothing
    "place_own",  # the place's words stand in one of the event's own sentences
    "place_dateline",  # the place is the story's dateline city, which the event's sentences do not point back to
    "date_own",  # the day's words stand in one of the event's own sentences
    "date_written",  # the day rests on words of the text (not the publication day)
    "days_back",  # log(1 + days between the event and publication)
    "coarse_date",  # dated to a week or a month only
    "killed",  # a toll of the dead
    "actor_named",  # actor1 is known: a named group, a state's forces, protesters (not an unidentified group)
    "actor2",  # a second actor
    "records",  # log(records the article gave)
    "rank",  # log(1 + records told before this one)
    "violent",  # battles, explosions, violence against civilians, riots
    "strategic",  # a strategic development
    "section_lede",  # a page of several stories, and this one opens its section
    "echo",  # its sentences give it no day and no town, beside a record of its kind in its story that has them
)

LOW_CONFIDENCE_TAG = "sitrep: low confidence"

# "in the city", "the capital's main market": the event's own words place it in the city the story is filed
# from, which the dateline names.
_POINTS_TO_DATELINE = re.compile(r"\b(?:the|this) (?:city|town|capital|port|village)\b", re.IGNORECASE)

# A story's title line and its first two sentences.
_OPENING_SENTENCES = 3

# An actor1 that says only that someone did it.
_UNNAMED = ("Unidentified",)


@dataclass(frozen=True)
class ConfidenceModel:
    """A fitted logistic model: a weight per signal, a bias, and the threshold chosen on the tune parts."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    fitted_on: str = ""

    def probability(self, signals: Mapping[str, float]) -> float:
        """The model's probability that a record with these signals is an event of its story."""
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in signals.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "signals": list(SIGNALS),
            "weights": {name: round(self.weights.get(name, 0.0), 6) for name in SIGNALS},
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            "fitted_on": self.fitted_on,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConfidenceModel:
        unknown = set(data.get("weights", {})) - set(SIGNALS)
        if unknown:
            raise ValueError(f"confidence model names signals this version does not compute: {sorted(unknown)}")
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            fitted_on=str(data.get("fitted_on", "")),
        )


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel:
    """The shipped model (src/sitrep/data/confidence.json)."""
    text = resources.files("sitrep.data").joinpath("confidence.json").read_text(encoding="utf-8")
    return ConfidenceModel.from_dict(json.loads(text))


@dataclass(frozen=True)
class ConfidencePolicy:
    """What to do with a record below the threshold.

    min_confidence: the threshold; None takes the one the shipped model was tuned with.
    keep_low: keep such records, tagged LOW_CONFIDENCE_TAG, instead of dropping them.
    model: the model to apply; None takes the shipped one.
    """

    min_confidence: float | None = None
    keep_low: bool = False
    model: ConfidenceModel | None = None

    def resolved(self) -> tuple[ConfidenceModel, float]:
        model = self.model or load_model()
        return model, model.threshold if self.min_confidence is None else self.min_confidence


DEFAULT_POLICY = ConfidencePolicy()


def confidence(
    annotated: AnnotatedArticle,
    mentions: Sequence[Mention],
    events: Sequence[EventRecord],
    policy: ConfidencePolicy = DEFAULT_POLICY,
) -> list[EventRecord]:
    """Each record with its model confidence; those below the policy's threshold dropped or tagged."""
    model, threshold = policy.resolved()
    kept: list[EventRecord] = []
    for signals, event in zip(record_signals(annotated, mentions, events), events, strict=True):
        p = round(model.probability(signals), 3)
        if p >= threshold:
            kept.append(replace(event, confidence=p))
        elif policy.keep_low:
            tags = "; ".join(t for t in (event.tags, LOW_CONFIDENCE_TAG) if t)
            kept.append(replace(event, confidence=p, tags=tags))
    return kept


def record_signals(
    annotated: AnnotatedArticle, mentions: Sequence[Mention], events: Sequence[EventRecord]
) -> list[dict[str, float]]:
    """The SIGNALS of each record of one article, in order (read off its evidence and the article's layout)."""
    text = annotated.article.text
    length = max(1, len(text))
    published = annotated.article.published
    sentence_starts = [s.start_char for s in annotated.doc.sents]
    dateline = find_dateline(text)
    filed_from = [(dateline.span.start, dateline.span.end)] if dateline else []
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.start, []).append(m)
    firsts = [min((e.start for e in ev.evidence if e.field == "notes"), default=length) for ev in events]
    order = sorted(range(len(events)), key=lambda i: firsts[i])
    rank_of = {i: r for r, i in enumerate(order)}
    several_stories = len(annotated.section_starts) > 1
    sections = [annotated.section_of(first) for first in firsts]
    told = [_told_in_full(event) for event in events]
    out: list[dict[str, float]] = []
    for i, event in enumerate(events):
        notes = sorted({(e.start, e.end) for e in event.evidence if e.field == "notes"})
        members = [m for start, _ in notes for m in by_sentence.get(start, ())]
        place = next((e for e in event.evidence if e.field == "location"), None)
        day = next((e for e in event.evidence if e.field == "event_date"), None)
        first = notes[0][0] if notes else length
        section = annotated.section_of(first)
        # The story opens with its first two sentences after the section's title line.
        opens = bisect_right(sentence_starts, first) - bisect_left(sentence_starts, annotated.section_starts[section])
        opening = opens <= _OPENING_SENTENCES
        days_back = _days_back(event.event_date, published)
        out.append(
            {
                "sentences": math.log1p(len(notes)),
                "lede": float(opening),
                "position": first / length,
                "quoted": sum(m.quoted for m in members) / len(members) if members else 0.0,
                "place_point": float(bool(event.location) and event.geo_precision == 1),
                "place_region": float(bool(event.location) and event.geo_precision == 2),
                "place_none": float(not event.location),
                "place_own": float(place is not None and in_spans(place.start, notes)),
                "place_dateline": float(
                    place is not None
                    and in_spans(place.start, filed_from)
                    and not any(_POINTS_TO_DATELINE.search(text, a, b) for a, b in notes)
                ),
                "date_own": float(day is not None and in_spans(day.start, notes)),
                "date_written": float(day is not None),
                "days_back": math.log1p(days_back) if days_back is not None else 0.0,
                "coarse_date": float(event.time_precision in (2, 3)),
                "killed": float(event.fatalities > 0),
                "actor_named": float(bool(event.actor1) and not event.actor1.startswith(_UNNAMED)),
                "actor2": float(bool(event.actor2)),
                "records": math.log(len(events)),
                "rank": math.log1p(rank_of[i]),
                "violent": float(event.event_type in taxonomy.VIOLENT_TYPES),
                "strategic": float(event.event_type == taxonomy.STRATEGIC),
                "section_lede": float(several_stories and opening),
                "echo": float(
                    not told[i]
                    and any(
                        told[j] and sections[j] == section and _kind(events[j]) == _kind(event)
                        for j in range(len(events))
                        if j != i
                    )
                ),
            }
        )
    return out


def _told_in_full(event: EventRecord) -> bool:
    """A record whose own sentences give it a day or a town."""
    notes = sorted({(e.start, e.end) for e in event.evidence if e.field == "notes"})
    own = {e.field for e in event.evidence if e.field in ("event_date", "location") and in_spans(e.start, notes)}
    return "event_date" in own or ("location" in own and event.geo_precision == 1)


def _kind(event: EventRecord) -> str:
    # Battles, explosions and attacks on civilians are often one incident told with different words.
    return "violence" if event.event_type in taxonomy.VIOLENT_TYPES - {taxonomy.RIOTS} else event.event_type


def _days_back(event_date: str, published: date | None) -> int | None:
    if not event_date or published is None:
        return None
    try:
        day = date.fromisoformat(event_date)
    except ValueError:
        return None
    return max(0, (published - day).days)
