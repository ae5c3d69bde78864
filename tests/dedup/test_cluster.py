"""cluster: union-find over strong pairs, with a guard so that groups never chain into one."""

from __future__ import annotations

import numpy as np

from factories import event
from sitrep.dedup.cluster import Constraints, Group, cluster
from sitrep.dedup.config import DedupConfig
from sitrep.dedup.frame import frame_from_records


def _labels(records, pairs: dict[tuple[int, int], float], config: DedupConfig = DedupConfig()) -> list[int]:
    i = np.array([a for a, _ in pairs], dtype=np.int64)
    j = np.array([b for _, b in pairs], dtype=np.int64)
    scores = np.array(list(pairs.values()))
    return cluster(frame_from_records(records), i, j, scores, config).tolist()


def test_cluster_joins_pairs_above_threshold() -> None:
    records = [event(str(k)) for k in range(4)]
    assert _labels(records, {(0, 1): 0.9, (2, 3): 0.4}) == [0, 0, 1, 2]


def test_cluster_guard_no_chaining_across_days() -> None:
    # A~B and B~C, but A and C are four days apart: only one of the links is made.
    records = [
        event("a", event_date="2024-06-27"),
        event("b", event_date="2024-06-29"),
        event("c", event_date="2024-07-01"),
    ]
    labels = _labels(records, {(0, 1): 0.95, (1, 2): 0.9})
    assert labels == [0, 0, 1]


def test_cluster_guard_no_chaining_across_space() -> None:
    # Three reports 22 km apart in a row (precision 2): the whole chain would be 44 km across.
    records = [event(str(k), geo_precision=2, longitude=13.0 + 0.2 * k) for k in range(3)]
    labels = _labels(records, {(1, 2): 0.95, (0, 1): 0.9})
    assert labels == [0, 1, 1]


def test_cluster_guard_one_article_never_merges_with_itself() -> None:
    records = [event("a", article="same"), event("b", article="same"), event("c")]
    labels = _labels(records, {(0, 1): 0.99, (0, 2): 0.9, (1, 2): 0.8})
    assert labels[0] != labels[1]
    assert labels[2] in (labels[0], labels[1])


def test_cluster_guard_two_named_perpetrators() -> None:
    records = [
        event("a", actor1="Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
        event("b"),  # generic: agrees with both
        event("c", actor1="Islamic State West Africa Province"),
    ]
    labels = _labels(records, {(0, 1): 0.9, (1, 2): 0.85})
    assert labels == [0, 0, 1]


def test_cluster_result_does_not_depend_on_pair_order() -> None:
    records = [event(str(k), event_date=f"2024-06-{27 + k % 3}") for k in range(6)]
    pairs = {(0, 1): 0.7, (1, 2): 0.9, (2, 3): 0.8, (3, 4): 0.9, (4, 5): 0.6, (0, 5): 0.7}
    reversed_pairs = dict(reversed(list(pairs.items())))
    assert _labels(records, pairs) == _labels(records, reversed_pairs)


def test_cluster_group_summary() -> None:
    frame = frame_from_records([event("a"), event("b", event_date="2024-06-30", latitude=None, longitude=None)])
    group = Group.of_rows(frame, [0, 1])
    assert (group.first_day, group.last_day) == (frame.day[0], frame.day[1])
    assert group.south == group.north == 11.8464  # the unlocated report adds no extent
    assert len(group.articles) == 2


# -- analysts' decisions -----------------------------------------------------------------------------


def test_cluster_constraints_keep_an_analyst_merge_together() -> None:
    # Four days apart: the guard alone would never join them, but an analyst did.
    records = [event("a", event_date="2024-06-25"), event("b", event_date="2024-06-29"), event("c")]
    constraints = Constraints.from_decisions([[[0, 1]]])
    frame = frame_from_records(records)
    no_pairs = np.zeros(0, dtype=np.int64)
    assert cluster(frame, no_pairs, no_pairs, np.zeros(0), DedupConfig(), constraints).tolist() == [0, 0, 1]


def test_cluster_constraints_keep_an_analyst_split_apart_but_let_others_join() -> None:
    records = [event("a"), event("b"), event("c")]
    constraints = Constraints.from_decisions([[[0], [1]]])
    frame = frame_from_records(records)
    i, j = np.array([0, 0, 1]), np.array([1, 2, 2])
    labels = cluster(frame, i, j, np.array([0.99, 0.9, 0.8]), DedupConfig(), constraints).tolist()
    assert labels == [0, 1, 0]  # a and b stay apart; c joins the one it matches best


def test_cluster_constraints_newest_decision_wins() -> None:
    # Merged {0, 1, 2} long ago, then split into {0} | {1, 2}: the split wins where they disagree.
    merged_then_split = Constraints.from_decisions([[[0], [1, 2]], [[0, 1, 2]]])
    assert merged_then_split.together == ((0,), (1, 2))
    assert merged_then_split.apart == ((0, 1),)
    # Split first, merged again later: together.
    split_then_merged = Constraints.from_decisions([[[0, 1, 2]], [[0], [1, 2]]])
    assert split_then_merged.together == ((0, 1, 2),) and split_then_merged.apart == ()


def test_cluster_constraints_from_no_decisions_are_empty() -> None:
    assert not Constraints.from_decisions([])
