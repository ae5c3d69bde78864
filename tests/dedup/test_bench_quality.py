"""Quality floor on bench/dedup.py's synthetic corpus (10,000 reports): run with `pytest -m slow`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "dedup.py"


@pytest.mark.slow
def test_bench_quality_10k_reports() -> None:
    spec = importlib.util.spec_from_file_location("bench_dedup", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_dedup"] = bench  # dataclasses look their module up there
    try:
        spec.loader.exec_module(bench)
    finally:
        sys.modules.pop("bench_dedup", None)
    result = bench.worker_core(10_000, seed=1)
    # Measured 0.770 / 0.899 (BENCHMARKS.md, "Deduplication"); a drop below these floors is a regression.
    assert result["precision"] >= 0.74
    assert result["recall"] >= 0.87
    assert result["pairs_per_report"] < 20  # blocking stays near-linear
