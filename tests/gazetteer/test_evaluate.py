"""GeoWebNews evaluation: the split rule, and runs on the shared data (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.geowebnews import evaluate_geowebnews, split_of

GWN = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "geowebnews" / "geowebnews.jsonl"
needs_gwn = pytest.mark.skipif(not GWN.exists(), reason="GeoWebNews lives in ../shared/eval/geowebnews, absent here")


def test_split_is_stable_and_about_three_quarters() -> None:
    assert split_of("0") == split_of("0")
    splits = [split_of(str(i)) for i in range(2000)]
    assert set(splits) == {"tune", "held"}
    assert 0.70 < splits.count("tune") / len(splits) < 0.80


def test_evaluate_rejects_unknown_split_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="split"):
        evaluate_geowebnews(tmp_path / "x.jsonl", split="dev")
    with pytest.raises(FileNotFoundError):
        evaluate_geowebnews(tmp_path / "missing.jsonl")


@pytest.mark.needs_shared
@needs_gwn
def test_evaluate_geowebnews_small_sample() -> None:
    result = evaluate_geowebnews(GWN, limit=4, split="tune")
    assert result["articles"] == 4 and result["split"] == "tune"
    for part in ("recognition", "resolution", "resolution_in_gazetteer", "end_to_end"):
        assert part in result
    assert 0.0 <= result["recognition"]["precision"] <= 1.0
    assert result["resolution"]["n"] > 0


@pytest.mark.slow
@pytest.mark.needs_shared
@needs_gwn
def test_evaluate_geowebnews_tune_split_meets_targets() -> None:
    result = evaluate_geowebnews(GWN, split="tune")
    covered = result["resolution_in_gazetteer"]
    assert covered["acc161"] >= 0.92
    assert covered["country"] >= 0.97
