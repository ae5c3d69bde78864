"""Match predicted events to gold events and score them field by field.

Per text (`score_item`):

1. Every (gold, predicted) pair gets a score from what agrees: event type inside the gold's allowed types (3),
   same sub-event type (1), date within the gold's tolerance (2: one day for day-precise gold, a week or a month
   for coarser gold), place within 25 km or by name (1.5), actor1 (1), admin1 (0.5); a date further off costs 1.
2. A pair may match when the type agrees; when the gold type is unknown, when anything else agrees; when the
   type disagrees, when two of date/place/actor agree (so a wrong type is scored as a wrong type, not as a
   missed event plus a spurious one).
3. Pairs are taken greedily, best score first, each gold and each prediction at most once. Unmatched gold
   events are misses (recall); unmatched predictions are spurious (precision).

Fields are scored on matched pairs only, and only where the gold says something (see `GoldEvent`):
event_type, event_family (type within the gold's allowed set), sub_event_type, actor1, actor2, country, admin1
(by name, or two names of one gazetteer unit: `same_admin1`), location_km (<= 25 km, where both have
coordinates), location_coords (predicted coordinates where the gold has them, so skipping geocoding is
visible), location_name, event_date (within one day of the gold day or range), fatalities_exact and
fatalities_10pct (where the gold has a number).

CASE 2021 is a classification task (`classify_item`): the most confident predicted event is the answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.evaluate.gold import EvalItem, GoldEvent
from sitrep.evaluate.normalise import haversine_km, same_actor, same_place
from sitrep.model import EventRecord

if TYPE_CHECKING:
    from sitrep.gazetteer import Gazetteer

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "LOCATION_KM",
    "Score",
    "Detection",
    "PairResult",
    "ItemResult",
    "Report",
    "score_pair",
    "same_admin1",
    "match_events",
    "score_item",
    "classify_item",
    "summarise",
    "date_distance",
]

LOCATION_KM = 25.0
FATALITY_TOLERANCE = 0.10

FIELDS = (
    "event_type",
    "event_family",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location_km",
    "location_coords",
    "location_name",
    "event_date",
    "fatalities_exact",
    "fatalities_10pct",
)
FIELD_LABELS = {
    "event_type": "event_type",
    "event_family": "event_type in gold's allowed types",
    "sub_event_type": "sub_event_type",
    "actor1": "actor1",
    "actor2": "actor2",
    "country": "country",
    "admin1": "admin1",
    "location_km": f"location <= {LOCATION_KM:g} km",
    "location_coords": "location geocoded",
    "location_name": "location name",
    "event_date": "event_date +/- 1 day",
    "fatalities_exact": "fatalities exact",
    "fatalities_10pct": "fatalities +/- 10%",
    # classification (CASE 2021)
    "detected": "event detected",
    "sub_event_type_any": "sub_event_type (any predicted event)",
    "unseen_rejected": "unseen type: nothing extracted",
}
_MATCH_TOLERANCE_DAYS = {1: 1, 2: 7, 3: 31}


@dataclass
class Score:
    """`correct` out of `n` scored cases; `value` is None when nothing was scored."""

    n: int = 0
    correct: int = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.correct += int(ok)

    @property
    def value(self) -> float | None:
        return self.correct / self.n if self.n else None


@dataclass
class Detection:
    """Event detection counts: matched (tp), spurious predictions (fp), missed gold events (fn)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


@dataclass
class PairResult:
    """A matched (gold, predicted) pair and the fields scored on it (field -> correct)."""

    gold: GoldEvent
    pred: EventRecord
    fields: dict[str, bool]
    score: float = 0.0

    @property
    def wrong(self) -> list[str]:
        return [name for name, ok in self.fields.items() if not ok]


@dataclass
class ItemResult:
    """What happened on one text: matches, missed gold events, spurious predictions, extractor error."""

    item_id: str
    matches: list[PairResult] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[EventRecord] = field(default_factory=list)
    error: str | None = None
    extra: dict[str, bool] = field(default_factory=dict)

    @property
    def perfect(self) -> bool:
        return (
            self.error is None
            and not self.missed
            and not self.spurious
            and all(not m.wrong for m in self.matches)
            and all(self.extra.values())
        )


@dataclass
class Report:
    """One dataset's scores: detection, per-field accuracy (with n), spurious events, extractor errors.

    `extra_rows` carries rows this package did not compute (GeoWebNews from the gazetteer's evaluator,
    per-type breakdowns) or that only one task has (the news scorer's rows), as (label, n, value).
    """

    dataset: str
    task: str = "events"
    split: str = "all"
    items: int = 0
    detection: Detection | None = None
    fields: dict[str, Score] = field(default_factory=dict)
    spurious: int = 0
    errors: int = 0
    seconds: float = 0.0
    extra_rows: list[tuple[str, int | None, float | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def spurious_per_item(self) -> float | None:
        return self.spurious / self.items if self.items else None

    def rows(self) -> list[tuple[str, int | None, float | None]]:
        """(label, n, value) rows in display order; value None where n is 0."""
        out: list[tuple[str, int | None, float | None]] = []
        if self.detection is not None:
            d = self.detection
            out += [
                ("events: precision", d.tp + d.fp, d.precision),
                ("events: recall", d.tp + d.fn, d.recall),
                ("events: F1", d.tp + d.fp + d.fn, d.f1),
            ]
        for name, score in self.fields.items():
            out.append((FIELD_LABELS.get(name, name), score.n, score.value))
        out += self.extra_rows
        if self.task in ("events", "classify"):  # news reports count false positives among their own rows
            out.append(("spurious events per text", self.items, self.spurious_per_item))
        if self.task != "geoparse":
            out.append(("extractor errors", self.items, float(self.errors) if self.items else None))
        return out

    def value(self, name: str) -> float | None:
        """A field's accuracy by field name ("actor1") or a row's value by label ("events: recall")."""
        if name in self.fields:
            return self.fields[name].value
        for label, _, value in self.rows():
            if label == name:
                return value
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for BENCHMARKS.md tooling and `--json` output)."""
        return {
            "dataset": self.dataset,
            "task": self.task,
            "split": self.split,
            "items": self.items,
            "seconds": round(self.seconds, 3),
            "rows": [{"field": label, "n": n, "value": value} for label, n, value in self.rows()],
            "notes": list(self.notes),
        }


# --- pair scoring ---------------------------------------------------------------------------------------


def _pred_date(pred: EventRecord) -> date | None:
    try:
        return date.fromisoformat(pred.event_date[:10])
    except (TypeError, ValueError):
        return None


def date_distance(gold: GoldEvent, pred: EventRecord) -> int | None:
    """Days between the predicted date and the gold day (or range); None when either is unknown."""
    day = _pred_date(pred)
    if gold.event_date is None or day is None:
        return None
    end = gold.event_date_end or gold.event_date
    if gold.event_date <= day <= end:
        return 0
    return min(abs((day - gold.event_date).days), abs((day - end).days))


def _date_scored(gold: GoldEvent) -> bool:
    if gold.event_date is None:
        return False
    if gold.event_date_end is not None:
        return (gold.event_date_end - gold.event_date).days <= 7
    return gold.time_precision == 1


def _km(gold: GoldEvent, pred: EventRecord) -> float | None:
    if None in (gold.latitude, gold.longitude, pred.latitude, pred.longitude):
        return None
    return haversine_km(gold.latitude, gold.longitude, pred.latitude, pred.longitude)  # type: ignore[arg-type]


def _actor_ok(gold_name: str | None, pred_name: str, gold: GoldEvent) -> bool:
    if gold.actors_ordered:
        return same_actor(gold_name, pred_name)
    # UCDP sides are unordered, and a side may list allied groups ("GATIA, MSA"): any of them will do.
    sides = [part.strip() for s in (gold.actor1, gold.actor2) if s for part in s.split(", ") if part.strip()]
    if not pred_name:
        return not sides
    return any(same_actor(s, pred_name, government_is_state=True) for s in sides)


def same_admin1(gold: GoldEvent, pred: EventRecord) -> bool:
    """Whether the predicted admin1 is the gold's: the same name by `same_place`, or two names of one unit.

    Coders and gazetteers name provinces differently: ACLED's "Extreme-Nord", "Ar-Raqqa" and "Lower Shabelle"
    are GeoNames' "Far North", "Raqqa" and "Shabeellaha Hoose". Both names are looked up among the admin1
    units of the gold country in the gazetteer (names, aliases and GeoNames' alternate names, not partial
    matches); they agree when they share a unit. Without a gazetteer, names alone decide.
    """
    if same_place(gold.admin1, pred.admin1):
        return True
    if not gold.admin1 or not pred.admin1 or not gold.country:
        return False
    country = _country_code(gold.country)
    return country is not None and bool(_admin1_units(gold.admin1, country) & _admin1_units(pred.admin1, country))


def _gazetteer() -> Gazetteer | None:
    """The pipeline's own gazetteer (the one extraction used), or None where it cannot be opened."""
    from sitrep.errors import GazetteerError
    from sitrep.pipeline import default_gazetteer

    try:
        return default_gazetteer()
    except GazetteerError:
        return None


@lru_cache(maxsize=4096)
def _country_code(name: str) -> str | None:
    gazetteer = _gazetteer()
    country = gazetteer.country(name) if gazetteer is not None else None
    return country.iso2 if country is not None else None


@lru_cache(maxsize=65536)
def _admin1_units(name: str, iso2: str) -> frozenset[str]:
    gazetteer = _gazetteer()
    if gazetteer is None:
        return frozenset()
    return frozenset(
        c.gazetteer_id
        for variant in {name, *(v for v in name.replace(")", "(").split("(") if v.strip())}
        for c in gazetteer.lookup(variant.strip())
        if c.feature == "admin1" and c.iso2 == iso2 and c.match != "partial"
    )


def score_pair(gold: GoldEvent, pred: EventRecord) -> dict[str, bool]:
    """The fields scored on one matched pair (field -> correct); fields the gold does not give are absent."""
    out: dict[str, bool] = {}
    if gold.event_type:
        out["event_type"] = pred.event_type == gold.event_type
    if gold.event_types:
        out["event_family"] = pred.event_type in gold.event_types
    if gold.sub_event_type:
        out["sub_event_type"] = pred.sub_event_type == gold.sub_event_type
    if gold.actor1 is not None:
        out["actor1"] = _actor_ok(gold.actor1, pred.actor1, gold)
    if gold.actor2 is not None:
        out["actor2"] = _actor_ok(gold.actor2, pred.actor2, gold)
    if gold.country:
        out["country"] = same_place(gold.country, pred.country)
    if gold.admin1:
        out["admin1"] = same_admin1(gold, pred)
    if gold.geo_precision <= 2 and gold.latitude is not None and gold.longitude is not None:
        out["location_coords"] = pred.latitude is not None and pred.longitude is not None
        km = _km(gold, pred)
        if km is not None:
            out["location_km"] = km <= LOCATION_KM
    if gold.location and gold.geo_precision <= 2:
        out["location_name"] = same_place(gold.location, pred.location)
    if _date_scored(gold):
        distance = date_distance(gold, pred)
        out["event_date"] = distance is not None and distance <= 1
    if gold.fatalities is not None:
        out["fatalities_exact"] = pred.fatalities == gold.fatalities
        out["fatalities_10pct"] = abs(pred.fatalities - gold.fatalities) <= FATALITY_TOLERANCE * gold.fatalities
    return out


def _match_score(gold: GoldEvent, pred: EventRecord) -> float | None:
    """How well a pair agrees, or None when it may not be matched at all (rules in the module docstring)."""
    type_ok: bool | None = (pred.event_type in gold.event_types) if gold.event_types else None
    distance = date_distance(gold, pred)
    tolerance = _MATCH_TOLERANCE_DAYS.get(gold.time_precision, 31)
    date_ok = distance is not None and distance <= tolerance
    km = _km(gold, pred)
    place_ok = (km is not None and km <= LOCATION_KM) or (
        km is None and bool(gold.location) and same_place(gold.location, pred.location)
    )
    actor_ok = bool(gold.actor1) and bool(pred.actor1) and _actor_ok(gold.actor1, pred.actor1, gold)
    evidence = int(date_ok) + int(place_ok) + int(actor_ok)
    if type_ok is False and evidence < 2:
        return None
    if type_ok is None and evidence == 0 and (gold.event_date is not None or gold.location or gold.actor1):
        return None
    score = 3.0 * bool(type_ok) + 2.0 * date_ok + 1.5 * place_ok + 1.0 * actor_ok
    score += 1.0 * (bool(gold.sub_event_type) and pred.sub_event_type == gold.sub_event_type)
    score += 0.5 * (bool(gold.admin1) and same_admin1(gold, pred))
    if distance is not None and distance > tolerance:
        score -= 1.0
    return score


def match_events(
    gold: Sequence[GoldEvent], preds: Sequence[EventRecord]
) -> tuple[list[tuple[int, int, float]], list[int], list[int]]:
    """Greedy one-to-one matching, best score first.

    Returns:
        (matches as (gold index, pred index, score), unmatched gold indexes, unmatched pred indexes).
    """
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            score = _match_score(g, p)
            if score is not None:
                candidates.append((score, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    matches: list[tuple[int, int, float]] = []
    for score, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((gi, pi, score))
    matches.sort()
    return (
        matches,
        [i for i in range(len(gold)) if i not in used_g],
        [i for i in range(len(preds)) if i not in used_p],
    )


def score_item(gold: Sequence[GoldEvent], preds: Sequence[EventRecord], *, item_id: str = "") -> ItemResult:
    """Match one text's predictions to its gold events and score the matched fields.

    Args:
        gold: the text's gold events (may be empty).
        preds: what the extractor returned for the text.
        item_id: carried into the result for error reports.
    Returns:
        The ItemResult: matched pairs with per-field correctness, missed gold, spurious predictions.
    """
    matches, missed, spurious = match_events(gold, preds)
    return ItemResult(
        item_id=item_id,
        matches=[PairResult(gold[gi], preds[pi], score_pair(gold[gi], preds[pi]), score) for gi, pi, score in matches],
        missed=[gold[i] for i in missed],
        spurious=[preds[i] for i in spurious],
    )


def _top(preds: Sequence[EventRecord]) -> EventRecord | None:
    best: EventRecord | None = None
    for pred in preds:  # first of the most confident, so ties keep the extractor's order
        if best is None or pred.confidence > best.confidence:
            best = pred
    return best


def classify_item(item: EvalItem, preds: Sequence[EventRecord]) -> ItemResult:
    """Score one CASE 2021 snippet: the most confident predicted event is the answer.

    ACLED-typed snippets score detected, event_type, sub_event_type (top event) and sub_event_type_any (any
    event); unseen-type snippets score unseen_rejected (nothing extracted), and every prediction there is spurious.
    """
    result = ItemResult(item_id=item.id)
    if not item.gold:
        result.extra["unseen_rejected"] = not preds
        result.spurious = list(preds)
        return result
    gold = item.gold[0]
    top = _top(preds)
    result.extra["detected"] = top is not None
    result.extra["sub_event_type_any"] = any(p.sub_event_type == gold.sub_event_type for p in preds)
    if top is None:
        result.missed = [gold]
        result.extra["event_type"] = False
        result.extra["sub_event_type"] = False
        return result
    fields = {
        "event_type": top.event_type == gold.event_type,
        "sub_event_type": top.sub_event_type == gold.sub_event_type,
    }
    result.matches = [PairResult(gold, top, fields)]
    result.extra.update(fields)
    return result


def summarise(
    dataset: str,
    results: Iterable[ItemResult],
    *,
    task: str = "events",
    split: str = "all",
    items: Sequence[EvalItem] | None = None,
) -> Report:
    """Add up item results into a Report.

    Args:
        dataset: name shown in the report.
        results: one ItemResult per text.
        task: "events" or "classify" (CASE 2021: adds a per-event-type breakdown when `items` is given).
        split: shown in the report.
        items: the EvalItems behind `results`, same order (used only for the classification breakdown).
    """
    results = list(results)
    report = Report(dataset=dataset, task=task, split=split, items=len(results))
    scores: dict[str, Score] = {}
    if task == "events":
        detection = Detection()
        for result in results:
            detection.tp += len(result.matches)
            detection.fp += len(result.spurious)
            detection.fn += len(result.missed)
            for pair in result.matches:
                for name, ok in pair.fields.items():
                    scores.setdefault(name, Score()).add(ok)
        report.detection = detection
        report.fields = {name: scores[name] for name in FIELDS if name in scores}
    else:
        order = ("detected", "event_type", "sub_event_type", "sub_event_type_any", "unseen_rejected")
        for result in results:
            for name, ok in result.extra.items():
                scores.setdefault(name, Score()).add(ok)
        report.fields = {name: scores[name] for name in order if name in scores}
        if items is not None:
            by_type: dict[str, Score] = {}
            for item, result in zip(items, results, strict=True):
                if item.gold and "sub_event_type" in result.extra:
                    by_type.setdefault(item.gold[0].event_type or "?", Score()).add(result.extra["sub_event_type"])
            for event_type, score in sorted(by_type.items()):
                report.extra_rows.append((f"  sub_event_type | {event_type}", score.n, score.value))
    report.spurious = sum(len(r.spurious) for r in results)
    report.errors = sum(r.error is not None for r in results)
    return report
