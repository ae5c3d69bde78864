"""Spark dedup gives the clusters local dedup gives (bench/dedup.py's synthetic corpus), and its pieces."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from sitrep.dedup import find_clusters, frame_from_records
from sitrep.engines.spark.dedup import connected_components

BENCH = Path(__file__).resolve().parents[2] / "bench" / "dedup.py"


def _corpus(n: int) -> list:
    spec = importlib.util.spec_from_file_location("bench_dedup", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_dedup"] = bench  # dataclasses look their module up there
    try:
        spec.loader.exec_module(bench)
        return [record for record, _ in bench.corpus(n, seed=3)]
    finally:
        sys.modules.pop("bench_dedup", None)


def _partition(labels: list[int]) -> list[int]:
    """Each row's label renamed to the first row that has it: equal lists mean equal clusterings."""
    first: dict[int, int] = {}
    return [first.setdefault(label, k) for k, label in enumerate(labels)]


def _same_clusters(spark: object, n: int) -> None:
    from sitrep.engines.spark import cluster_labels

    records = _corpus(n)
    local = find_clusters(frame_from_records(records))
    # Rows numbered with gaps, as Spark runs number reports (seq << 10 | event index): only order counts.
    rows = [(k * 1024 + 3, json.dumps(r.to_dict())) for k, r in enumerate(records)]
    df = spark.createDataFrame(rows, "row long, record string")  # type: ignore[attr-defined]
    got = cluster_labels(df).toPandas().sort_values("row")
    assert got["row"].tolist() == [r for r, _ in rows]
    assert len(set(local.tolist())) < n * 0.8  # the corpus really has duplicates to find
    assert _partition(got["cluster"].tolist()) == _partition(local.tolist())


def test_spark_dedup_finds_the_clusters_of_local_dedup(spark: object) -> None:
    _same_clusters(spark, 600)


@pytest.mark.slow
def test_spark_dedup_finds_the_clusters_of_local_dedup_at_10k(spark: object) -> None:
    _same_clusters(spark, 10_000)


def test_components_are_labelled_by_their_smallest_row() -> None:
    i = np.array([10, 11, 30, 12], dtype=np.int64)
    j = np.array([11, 12, 31, 40], dtype=np.int64)
    rows, comp = connected_components(i, j)
    assert dict(zip(rows.tolist(), comp.tolist(), strict=True)) == {10: 10, 11: 10, 12: 10, 40: 10, 30: 30, 31: 30}
