"""Pair scores: how likely two records report the same event, as a probability.

The score adds log-odds from six kinds of evidence (Fellegi-Sunter style), then maps the sum through a
logistic function. Some disagreements are vetoes, never outweighed by the rest: dates farther apart than
the window, places farther apart than the radius for their precision, different admin1 for records
without coordinates, another event-type family, and two different named perpetrators.

    date      same day +1.0, one day -0.3, two days -1.5 (0 when either date is only a week or month)
    place     same town (or within 2 km) +1.5; within half the radius +0.5; within it -0.5; two
              different towns, each named precisely (geo_precision 1), -1.0;
              a record not located: same admin2 +0.3, same admin1 -0.5, another admin1 veto, only
              the country known -1.0
    type      same sub-event type +1.5; same event type -0.6; same family -2.0
    actor1    same named actor +1.5; same unspecified actor +0.6; battle sides swapped +0.5; otherwise
              (one unspecified or missing) -0.5; two different named actors veto (state forces are named)
    actor2    same named +1.0; same unspecified +0.3; two different named -1.0; otherwise -0.5
    toll      ratio >= 0.6 +1.0 (+0.6 when both are under 5: small tolls agree by chance); >= 0.3 0;
              less -1.5 unless the higher figure is later or revised and the ratio >= 0.2 (0); a toll
              missing 0
    text      text_weight * (Jaccard of content words - text_neutral)

The weights were first set from ACLED's coding rules, then moved part of the way toward the
log-likelihood ratios measured on the candidate pairs of `bench/dedup.py`'s synthetic corpus (shrunk toward
the first values rather than fitted, so that they do not just learn that generator). The bias (-2.5) is
about the prior log-odds of a match among blocked pairs there (-2.1).

Text is the only feature that is not a column of the frame: it is computed only for the pairs that can
still reach the threshold (the others are rejected by their structured features alone), so most of a
million records never have their text read.
"""

from __future__ import annotations

__all__ = ["PairScore", "score_pairs", "pair_features", "explain", "haversine_km", "VETO"]

import math
from dataclasses import dataclass, field

import numpy as np

from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig
from sitrep.dedup.frame import EventFrame, frame_from_records, tokens
from sitrep.model import EventRecord

VETO = -1e9  # a component value that no sum of others can outweigh
_CHUNK = 2_000_000  # pairs scored at once

_EARTH_KM = 6371.0088


def haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance in kilometres (NaN where a coordinate is missing)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def pair_features(
    frame: EventFrame, i: np.ndarray, j: np.ndarray, config: DedupConfig = DEFAULT_CONFIG
) -> dict[str, np.ndarray]:
    """The log-odds of every structured feature for pairs (i[k], j[k]); VETO marks a disqualifying one.

    Args:
        frame: the records.
        i, j: row numbers of the pairs.
        config: the window, radii and bias.

    Returns:
        {"date", "place", "type", "actor1", "actor2", "toll"} -> float arrays, and "distance_km".
    """
    f = frame
    # Date.
    di, dj = f.day[i].astype(np.int64), f.day[j].astype(np.int64)
    gap = np.abs(di - dj)
    imprecise = (f.time_precision[i] > 1) | (f.time_precision[j] > 1)
    date_lo = np.select([gap == 0, gap == 1, gap == 2], [1.0, -0.3, -1.5], -1.5)
    date_lo = np.where(imprecise, 0.0, date_lo)
    date_lo = np.where((gap > config.window_days) | (di < 0) | (dj < 0), VETO, date_lo)

    # Place.
    loc_i, loc_j = f.located[i], f.located[j]
    both_located = loc_i & loc_j
    dist = haversine_km(f.lat[i], f.lon[i], f.lat[j], f.lon[j])
    radius = np.asarray(config.radius_km, dtype=np.float64)[np.maximum(f.precision[i], f.precision[j]).clip(1, 3) - 1]
    located_lo = np.select([dist <= 2.0, dist <= radius / 2, dist <= radius], [1.5, 0.5, -0.5], VETO)
    # Two towns named precisely by both reports: different places, however close.
    both_precise = (f.precision[i] == 1) & (f.precision[j] == 1) & (f.town[i] > 0) & (f.town[j] > 0)
    located_lo = np.where(both_precise & (f.town[i] != f.town[j]) & (dist > 2.0) & (dist <= radius), -1.0, located_lo)
    a1i, a1j = f.admin1[i], f.admin1[j]
    ci, cj = f.country[i], f.country[j]
    unlocated_lo = np.select(
        [
            (f.admin2[i] == f.admin2[j]) & (f.admin2[i] > 0),
            (a1i == a1j) & (a1i > 0),
            (a1i > 0) & (a1j > 0),
            (ci == cj) & (ci > 0),
            (ci > 0) & (cj > 0),
        ],
        [0.3, -0.5, VETO, -1.0, VETO],
        -1.0,
    )
    place_lo = np.where(both_located, located_lo, unlocated_lo)
    # The same place name (within a country) is strong evidence unless the admin1s say it is a namesake.
    same_place = (f.town[i] == f.town[j]) & (f.town[i] > 0) & ~((a1i > 0) & (a1j > 0) & (a1i != a1j))
    far = both_located & (dist > radius)
    place_lo = np.where(same_place & ~far, np.maximum(place_lo, 1.5), place_lo)

    # Event type.
    type_lo = np.select(
        [f.sub_type[i] == f.sub_type[j], f.event_type[i] == f.event_type[j], f.family[i] == f.family[j]],
        [1.5, -0.6, -2.0],
        VETO,
    )

    # Actors. Generic or empty actors agree with anyone; for battles the two sides may come in either order.
    x1, y1, x2, y2 = f.actor1[i], f.actor1[j], f.actor2[i], f.actor2[j]
    named_x1, named_y1 = ~f.actor1_generic[i], ~f.actor1_generic[j]
    named_x2, named_y2 = ~f.actor2_generic[i], ~f.actor2_generic[j]
    same1 = (x1 == y1) & (x1 > 0)

    def fits(a: np.ndarray, b: np.ndarray, generic_a: np.ndarray, generic_b: np.ndarray) -> np.ndarray:
        return (a == b) | generic_a | generic_b

    # Sides swapped: one side of each report is the other's, and the remaining sides do not conflict.
    swapped = ((x1 == y2) & named_x1 & fits(x2, y1, ~named_x2, ~named_y1)) | (
        (x2 == y1) & named_y1 & fits(x1, y2, ~named_x1, ~named_y2)
    )
    clash = named_x1 & named_y1 & ~same1
    actor1_lo = np.select(
        [same1 & named_x1, same1, clash & swapped, clash],
        [1.5, 0.6, 0.5, VETO],
        -0.5,
    )
    same2 = (x2 == y2) & (x2 > 0)
    actor2_lo = np.select(
        [same2 & named_x2, same2, swapped, named_x2 & named_y2],
        [1.0, 0.3, 0.0, -1.0],
        -0.5,
    )

    # Fatalities: tolls rise as bodies are counted, so a higher later (or revised) figure is no conflict.
    fi, fj = f.fatalities[i].astype(np.float64), f.fatalities[j].astype(np.float64)
    both = (fi > 0) & (fj > 0)
    ratio = np.where(both, np.minimum(fi, fj) / np.maximum(np.maximum(fi, fj), 1.0), 0.0)
    pi, pj = f.published[i], f.published[j]
    rising = np.where(fi > fj, (pi > pj) | f.revised[i], (pj > pi) | f.revised[j])
    small = np.maximum(fi, fj) < 5
    toll_lo = np.select([(ratio >= 0.6) & ~small, ratio >= 0.6, ratio >= 0.3], [1.0, 0.6, 0.0], -1.5)
    # A toll that rose as bodies were counted: no conflict, within reason (1 and 63 are two events).
    toll_lo = np.where(rising & (toll_lo < 0) & (ratio >= 0.2), 0.0, toll_lo)
    toll_lo = np.where(both, toll_lo, 0.0)

    return {
        "date": date_lo,
        "place": place_lo,
        "type": type_lo,
        "actor1": actor1_lo,
        "actor2": actor2_lo,
        "toll": toll_lo,
        "distance_km": dist,
    }


_STRUCTURED = ("date", "place", "type", "actor1", "actor2", "toll")


def _text_bounds(config: DedupConfig) -> tuple[float, float]:
    return -config.text_weight * config.text_neutral, config.text_weight * (1 - config.text_neutral)


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def score_pairs(
    frame: EventFrame,
    i: np.ndarray,
    j: np.ndarray,
    config: DedupConfig = DEFAULT_CONFIG,
    *,
    all_text: bool = False,
) -> np.ndarray:
    """Match probabilities for pairs (i[k], j[k]); 0.0 for a vetoed pair.

    Args:
        frame: the records.
        i, j: row numbers of the pairs (equal lengths).
        config: weights and thresholds.
        all_text: compute the text feature for every pair that is not vetoed, not only for those that
            can still reach the threshold (slower; for explaining scores).

    Returns:
        A float64 array of probabilities in [0, 1].
    """
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    if i.size > _CHUNK:  # bound the memory of the feature arrays (a dozen floats per pair)
        parts = [
            score_pairs(frame, i[k : k + _CHUNK], j[k : k + _CHUNK], config, all_text=all_text)
            for k in range(0, i.size, _CHUNK)
        ]
        return np.concatenate(parts)
    if i.size == 0:
        return np.zeros(0, dtype=np.float64)
    feats = pair_features(frame, i, j, config)
    base = config.bias + sum(feats[k] for k in _STRUCTURED)
    vetoed = base < VETO / 2
    _, high = _text_bounds(config)
    cut = _logit(config.threshold)
    # Every pair that can pass gets its text scored, so that the order in which clustering joins pairs
    # (strongest first) compares like with like.
    need = ~vetoed if all_text else ~vetoed & (base + high >= cut)
    text_lo = np.zeros_like(base)
    if need.any():
        text_lo[need] = config.text_weight * (_jaccard(frame, i[need], j[need]) - config.text_neutral)
    logit = np.where(vetoed, -50.0, base + text_lo)
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -50.0, 50.0)))


def _jaccard(frame: EventFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Token-set Jaccard similarity of the rows' texts, fetching each needed text once."""
    rows = np.unique(np.concatenate([i, j]))
    texts = frame.texts([int(r) for r in rows])
    bags = dict(zip(rows.tolist(), (tokens(t) for t in texts), strict=True))
    out = np.empty(len(i), dtype=np.float64)
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        x, y = bags[a], bags[b]
        union = len(x | y)
        out[k] = len(x & y) / union if union else 0.0
    return out


@dataclass(frozen=True)
class PairScore:
    """Why two records do or do not match: each feature's log-odds, the text similarity and the score."""

    score: float
    matched: bool
    features: dict[str, float] = field(default_factory=dict)
    text_similarity: float = 0.0
    distance_km: float | None = None
    vetoed_by: tuple[str, ...] = ()


def explain(a: EventRecord, b: EventRecord, config: DedupConfig = DEFAULT_CONFIG) -> PairScore:
    """Score two records and show the parts of the score.

    Example:
        >>> explain(first_report, follow_up).matched
        True

    Args:
        a, b: the records.
        config: weights and thresholds.

    Returns:
        A PairScore.
    """
    frame = frame_from_records([a, b])
    i, j = np.array([0]), np.array([1])
    feats = pair_features(frame, i, j, config)
    jac = float(_jaccard(frame, i, j)[0])
    score = float(score_pairs(frame, i, j, config, all_text=True)[0])
    values = {k: float(feats[k][0]) for k in _STRUCTURED}
    vetoed = tuple(k for k, v in values.items() if v < VETO / 2)
    dist = float(feats["distance_km"][0])
    return PairScore(
        score=score,
        matched=not vetoed and score >= config.threshold,
        features={k: v for k, v in values.items() if k not in vetoed},
        text_similarity=jac,
        distance_km=None if math.isnan(dist) else dist,
        vetoed_by=vetoed,
    )
