"""Regression guard: the pipeline on a small fixed sample of each gold dataset stays above set floors.

The floors sit a little below the figures measured when they were set (BENCHMARKS.md has the full runs);
a drop below one means a change made extraction worse. Needs ../shared (skipped in a user's clone).
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from sitrep.evaluate.runner import find_shared_dir, run_eval

SHARED = find_shared_dir()
pytestmark = pytest.mark.skipif(SHARED is None, reason="../shared/eval is not present (gold data is not shipped)")

# dataset -> {row label: floor}; sample: 80 texts of the tuning split.
FLOORS = {
    "acled2020": {"events: F1": 0.68, "event_type": 0.78, "fatalities exact": 0.82, "event_date +/- 1 day": 0.95},
    "gtd2011": {"events: F1": 0.74, "event_type": 0.80, "actor1": 0.65, "country": 0.85},
    "case2021": {"event detected": 0.75, "event_type": 0.52},
}


@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_eval_guard_sample_stays_above_floor(dataset):
    reports = run_eval(dataset, limit=80, split="tune", console=Console(file=io.StringIO()))
    rows = {label: value for label, _, value in reports[dataset].rows()}
    for label, floor in FLOORS[dataset].items():
        assert rows[label] is not None and rows[label] >= floor, (label, rows[label], floor)
