"""Same answers from every engine: --workers 1, --workers 2 and --engine spark print identical records
(ids, fields, evidence) for the bundled samples, our test articles and the seed; ingest with workers and
`sitrep import` of a Spark run fill identical stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "000_7271363c37294f42.txt"


def _inputs() -> list[str]:
    paths = [str(ROOT / "samples"), str(ROOT / "tests" / "articles")]
    return paths + ([str(SEED)] if SEED.exists() else [])


def _extract(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["extract", *_inputs(), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def one_worker() -> list[dict]:
    return _extract("--workers", "1")


def test_two_workers_print_what_one_worker_prints(one_worker: list[dict]) -> None:
    assert len(one_worker) > 20  # 17 articles (16 without the seed): two chunks, so the pool really runs
    assert _extract("--workers", "2") == one_worker


def test_spark_engine_prints_what_the_local_engine_prints(spark: object, one_worker: list[dict]) -> None:
    assert _extract("--engine", "spark", "--master", "local[2]", "--batch-size", "4") == one_worker


def _stored(db: Path) -> list[dict]:
    from sitrep.store import open_store

    with open_store(str(db)) as store:
        events = [e.to_dict() for e in store.events()]
        counts = store.counts()
    for e in events:
        e.pop("timestamp")  # when it was written, not what
    return [{"counts": counts}, *events]


def test_ingest_with_workers_and_import_of_a_spark_run_fill_the_same_store(spark: object, tmp_path: Path) -> None:
    runner = CliRunner()
    for workers in ("1", "2"):
        result = runner.invoke(main, ["ingest", *_inputs(), "--db", str(tmp_path / f"w{workers}.db"), "--workers", workers])
        assert result.exit_code == 0, result.output
    out = tmp_path / "run"
    result = runner.invoke(main, ["extract", *_inputs(), "--engine", "spark", "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["import", str(out), "--db", str(tmp_path / "spark.db")])
    assert result.exit_code == 0, result.output
    assert "0 already there" in result.output
    again = runner.invoke(main, ["import", str(out), "--db", str(tmp_path / "spark.db")])
    assert " 0 article(s) imported" in " " + again.output  # importing twice changes nothing
    one = _stored(tmp_path / "w1.db")
    assert len(one) > 20
    assert _stored(tmp_path / "w2.db") == one
    assert _stored(tmp_path / "spark.db") == one
