"""Regression guard: each behavioural suite's pass rate stays at or above its floor.

One table for every capability: the floor on the fixed 40-case sample that the default test run uses (about 20 s)
and the floor on the whole suite (slow marker). Floors sit a little below the rates measured when they were set
(BENCHMARKS.md, "Behavioural suites"); the accuracy work raises them as it fixes what the suites show, towards
the target of 0.95 for each suite.
"""

from __future__ import annotations

import pytest

from sitrep.evaluate.behaviour import CAPABILITIES, run_suites

SAMPLE = 40  # cases per capability in the default run: a stable sample (generate_cases(limit=SAMPLE))

# capability: (floor on the 40-case sample, floor on the full suite). Measured 2026-12 (sample / full):
# place 0.725 / 0.829, nonevents 0.675 / 0.676, fatalities 1.000 / 0.987 (issue 15, i15f), actors 0.875 / 0.902,
# dates 0.825 / 0.826, records 0.900 / 0.816.
FLOORS: dict[str, tuple[float, float]] = {
    "place": (0.90, 0.95),  # i15p (place roles): 0.950 / 0.989
    "nonevents": (0.95, 0.97),  # accidents, sports, threats, pretence, readiness, anniversaries: 0.975 / 0.997
    "fatalities": (0.95, 0.95),
    "actors": (0.95, 0.97),  # issue 15 actors work: 1.000 / 1.000 on 365 cases (two templates added)
    "dates": (0.95, 0.97),  # issue 15 dates work: 1.000 / 0.995 (397 cases with toll_day)
    "records": (0.95, 0.97),  # headline folded into the body's event, toll updates: 1.000 / 0.988
}


def test_floors_table_covers_every_capability():
    assert set(FLOORS) == set(CAPABILITIES)


@pytest.fixture(scope="module")
def sample_report():
    return run_suites(limit=SAMPLE)


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_floors_sample_stays_above_floor(sample_report, capability):
    rate = sample_report.rate(capability)
    assert rate is not None and rate >= FLOORS[capability][0], (
        capability,
        rate,
        sample_report.failed_checks(capability),
    )


@pytest.mark.slow
def test_floors_full_suites_stay_above_floor():
    report = run_suites()
    low = {c: report.rate(c) for c in CAPABILITIES if (report.rate(c) or 0) < FLOORS[c][1]}
    assert low == {}, {c: (rate, FLOORS[c][1]) for c, rate in low.items()}
