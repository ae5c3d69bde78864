"""Fit the confidence model (sitrep.pipeline.confidence) on gold news articles and choose its threshold.

Every record the pipeline makes from a tune article is labelled by the news scorer: 1 when it counts for a gold
event (required or optional), 0 otherwise (a false positive, or an unscored record that no incident accounts
for). A logistic regression with an L2 penalty is fitted on the records' SIGNALS by Newton's method (a few
hundred rows and twenty signals: numpy is enough). The penalty and the threshold are chosen by cross-validation over
articles (each fold's records scored by a model fitted without them): the pair that maximises the mean
per-article news score (as ../shared/tools/score_events.py scores one article) when the records below the
threshold are dropped; the probabilities themselves are reported against the labels (Brier score, and the share
of events found in bins of confidence) so that a user can read a record's confidence as a rate.

Only data we may redistribute is used: wikinews-dev (CC BY 2.5 text, our own gold) and tests/articles (ours).
`bench/calibrate.py` runs this and writes src/sitrep/data/confidence.json.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from sitrep.evaluate.gold import EvalItem
from sitrep.evaluate.news_score import score_news
from sitrep.pipeline import ConfidencePolicy, run_stages
from sitrep.pipeline.confidence import SIGNALS, ConfidenceModel, record_signals
from sitrep.text import annotate_many, load_nlp

__all__ = [
    "LabelledRecord",
    "KEEP_EVERY_RECORD",
    "label_records",
    "fit_model",
    "choose_threshold",
    "article_scores",
    "probabilities",
    "cross_validated",
    "THRESHOLDS",
    "MIN_GAIN",
    "brier_score",
    "reliability",
]

# Fitting needs every record the stages make, whatever today's model thinks of it.
KEEP_EVERY_RECORD = ConfidencePolicy(min_confidence=0.0, keep_low=True)


@dataclass(frozen=True)
class LabelledRecord:
    """One record of one article: its signals, whether the scorer counts it for a gold event, and the record
    as the scorer reads it (to re-score the article under a threshold)."""

    article: str
    signals: dict[str, float]
    label: int
    record: dict[str, object]


def label_records(items: Sequence[EvalItem], batch_size: int = 16) -> tuple[list[LabelledRecord], dict[str, EvalItem]]:
    """Run the stages on every item (news gold required) and label each record with the news scorer.

    Returns:
        The labelled records in article order, and the items by id (for re-scoring).
    """
    nlp = load_nlp()
    rows: list[LabelledRecord] = []
    by_id: dict[str, EvalItem] = {}
    for start in range(0, len(items), batch_size):
        batch = list(items[start : start + batch_size])
        for item, annotated in zip(batch, annotate_many([it.article for it in batch], nlp), strict=True):
            if item.news_gold is None:
                raise ValueError(f"{item.dataset}/{item.id} has no news gold to label its records with")
            key = f"{item.dataset}/{item.id}"
            by_id[key] = item
            found = run_stages(annotated, policy=KEEP_EVERY_RECORD)
            events = list(found.events)
            records = [e.to_dict() for e in events]
            scored = score_news(item.news_gold, records)
            counted = {i for o in scored.outcomes for i in o.records} | set(scored.absorbed)
            signals = record_signals(annotated, found.mentions, events)
            rows.extend(
                LabelledRecord(key, s, int(i in counted), r)
                for i, (s, r) in enumerate(zip(signals, records, strict=True))
            )
    return rows, by_id


def _matrix(rows: Sequence[LabelledRecord]) -> np.ndarray:
    return np.array([[row.signals[name] for name in SIGNALS] for row in rows], dtype=float)


def fit_model(rows: Sequence[LabelledRecord], l2: float = 1.0, iterations: int = 50) -> tuple[dict[str, float], float]:
    """L2-penalised logistic regression (the bias unpenalised) by Newton's method.

    Returns:
        The weight of each signal and the bias.
    Raises:
        ValueError: no rows, or only one label among them.
    """
    labels = np.array([row.label for row in rows], dtype=float)
    if len(rows) == 0 or labels.min() == labels.max():
        raise ValueError("fitting needs records of both labels")
    x = np.hstack([_matrix(rows), np.ones((len(rows), 1))])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - labels) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {name: float(w[i]) for i, name in enumerate(SIGNALS)}, float(w[-1])


def probabilities(rows: Sequence[LabelledRecord], model: ConfidenceModel) -> list[float]:
    """The model's confidence for each row."""
    return [model.probability(row.signals) for row in rows]


def cross_validated(rows: Sequence[LabelledRecord], l2: float, folds: int = 5) -> list[float]:
    """Each row's confidence from a model fitted without its article's fold (articles dealt to folds in turn),
    so that a threshold chosen on them is chosen as it will work on articles the model has not seen."""
    articles = sorted({row.article for row in rows})
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    out = [0.0] * len(rows)
    for k in range(folds):
        train = [row for row in rows if fold_of[row.article] != k]
        weights, bias = fit_model(train, l2=l2)
        model = ConfidenceModel(weights, bias, 0.0)
        for i, row in enumerate(rows):
            if fold_of[row.article] == k:
                out[i] = model.probability(row.signals)
    return out


def article_scores(
    rows: Sequence[LabelledRecord], items: dict[str, EvalItem], confidences: Sequence[float], threshold: float
) -> dict[str, float]:
    """Each article's news score when its records whose confidence is below `threshold` are dropped."""
    by_article: dict[str, list[dict[str, object]]] = {key: [] for key in items}
    for row, p in zip(rows, confidences, strict=True):
        if row.article in by_article and p >= threshold:
            by_article[row.article].append(row.record)
    scores: dict[str, float] = {}
    for key, item in items.items():
        assert item.news_gold is not None  # label_records checked it
        scores[key] = score_news(item.news_gold, by_article[key]).score
    return scores


THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(17))
# A threshold must gain at least this much mean article score over dropping nothing: one false positive fewer
# in ten articles. Below it the gain is within what the choice of folds moves, and a record left out is lost
# to the user for good.
MIN_GAIN = 0.005


def choose_threshold(
    rows: Sequence[LabelledRecord],
    items: dict[str, EvalItem],
    confidences: Sequence[float],
    candidates: Iterable[float] = THRESHOLDS,
) -> tuple[float, dict[float, float]]:
    """The candidate threshold with the best mean per-article score (the lower one on a tie, and 0.0 unless it
    gains at least MIN_GAIN: a record is dropped only for a gain), and the mean score at each candidate."""
    means = {}
    for t in candidates:
        scores = article_scores(rows, items, confidences, t)
        means[t] = sum(scores.values()) / len(scores) if scores else 0.0
    best = max(means, key=lambda t: (round(means[t], 6), -t))
    if means[best] - means.get(0.0, means[best]) < MIN_GAIN:
        best = 0.0  # no threshold gains more than noise: drop nothing
    return best, means


def brier_score(rows: Sequence[LabelledRecord], confidences: Sequence[float]) -> float:
    """Mean squared difference between each record's confidence and its label (0 is perfect)."""
    if not rows:
        return 0.0
    return sum((p - r.label) ** 2 for r, p in zip(rows, confidences, strict=True)) / len(rows)


def reliability(
    rows: Sequence[LabelledRecord], confidences: Sequence[float], bins: int = 5
) -> list[tuple[float, float, int, float]]:
    """Per bin of confidence (lower edge, upper edge): how many records and the share of them that are events."""
    out = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        labels = [r.label for r, p in zip(rows, confidences, strict=True) if low <= p < high or (p == high == 1.0)]
        out.append((low, high, len(labels), sum(labels) / len(labels) if labels else float("nan")))
    return out
