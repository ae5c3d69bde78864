"""Cross-source deduplication: many reports of one event -> one event record, carrying every source.

    frame      EventRecord* -> EventFrame          columns of codes and numbers (numpy)
    blocking   EventFrame -> candidate pairs        date window x (grid cell + neighbours | admin1), family
    score      pairs -> match probabilities         date, place, type, actors, tolls, text similarity
    cluster    pairs + scores -> labels             union-find with a guard against chaining, and
                                                    analysts' merges and splits (`Constraints`) on top
    reconcile  EventRecord* -> EventRecord          ACLED's rules for tolls, place, actors, sources

`dedup_records` runs them all on records in memory (what `sitrep extract` does with its output); the
store uses the same steps to match new articles against stored events and to re-cluster a whole database
(`Store.ingest`, `Store.dedup`).

Example:
    >>> from sitrep.dedup import dedup_records
    >>> events = dedup_records(first_outlet_events + second_outlet_events)
"""

from __future__ import annotations

__all__ = [
    "Constraints",
    "DedupConfig",
    "DEFAULT_CONFIG",
    "EventFrame",
    "PairScore",
    "candidate_pairs",
    "cluster",
    "credible_toll",
    "dedup_records",
    "explain",
    "find_clusters",
    "frame_from_records",
    "reconcile",
    "reconcile_group",
    "score_pairs",
]

from collections.abc import Sequence

import numpy as np

from sitrep.dedup.blocking import candidate_pairs
from sitrep.dedup.cluster import Constraints, cluster
from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig
from sitrep.dedup.frame import EventFrame, frame_from_records
from sitrep.dedup.reconcile import credible_toll, reconcile
from sitrep.dedup.score import PairScore, explain, score_pairs
from sitrep.model import EventRecord


def find_clusters(
    frame: EventFrame, config: DedupConfig = DEFAULT_CONFIG, constraints: Constraints | None = None
) -> np.ndarray:
    """Block, score and cluster: a label per row, equal for rows that report one event.

    Args:
        frame: the records as columns.
        config: thresholds and weights.
        constraints: analysts' merges and splits, which the labels keep.

    Returns:
        int64 labels 0..k-1, numbered by each group's first row.
    """
    i, j = candidate_pairs(frame, config)
    scores = score_pairs(frame, i, j, config)
    return cluster(frame, i, j, scores, config, constraints)


def dedup_records(records: Sequence[EventRecord], config: DedupConfig = DEFAULT_CONFIG) -> list[EventRecord]:
    """One record per event: records that report the same event are reconciled into one.

    Each event keeps the id of its earliest report (by publication day, then input order), so the ids
    match what incremental ingest into a store would give.

    Args:
        records: events from one or more articles.
        config: thresholds and weights.

    Returns:
        The events, in the order of their first report in `records`.
    """
    if not records:
        return []
    labels = find_clusters(frame_from_records(records), config)
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(row)
    return [reconcile_group([records[r] for r in rows]) for rows in groups.values()]


def reconcile_group(members: Sequence[EventRecord]) -> EventRecord:
    """One event from the records of one cluster, given in input order.

    It keeps the id of its earliest report (by publication day, then input order), so the ids match what
    incremental ingest into a store would give; engines that cluster elsewhere (Spark) call this too.
    """
    survivor = min(range(len(members)), key=lambda k: (_published(members[k]), k))
    return reconcile(list(members), event_id=members[survivor].event_id)


def _published(record: EventRecord) -> str:
    days = [a.date for a in record.articles if a.date]
    return min(days) if days else "9999-12-31"
