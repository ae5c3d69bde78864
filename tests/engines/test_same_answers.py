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
    """The samples, our test articles (their README too: an undated text) and the seed."""
    paths = [str(ROOT / "samples"), str(ROOT / "tests" / "articles")]
    return paths + ([str(SEED)] if SEED.exists() else [])


def _small_inputs() -> list[str]:
    """The samples and the seed: what the always-run Spark tests extract (Spark runs cost minutes here)."""
    return [str(ROOT / "samples"), *([str(SEED)] if SEED.exists() else [])]


def _extract(inputs: list[str], *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["extract", *inputs, "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def one_worker() -> list[dict]:
    return _extract(_inputs(), "--workers", "1")


def test_two_workers_print_what_one_worker_prints(one_worker: list[dict]) -> None:
    assert len(one_worker) > 20  # more than 16 articles: several chunks, so the pool really runs
    assert _extract(_inputs(), "--workers", "2") == one_worker


def test_spark_engine_prints_what_the_local_engine_prints(spark: object) -> None:
    local = _extract(_small_inputs(), "--workers", "1")
    assert len(local) > 20
    assert _extract(_small_inputs(), "--engine", "spark", "--master", "local[2]", "--batch-size", "4") == local


@pytest.mark.slow
def test_spark_engine_prints_what_the_local_engine_prints_on_every_test_article(
    spark: object, one_worker: list[dict]
) -> None:
    assert _extract(_inputs(), "--engine", "spark", "--master", "local[2]", "--batch-size", "4") == one_worker


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
        args = ["ingest", *_inputs(), "--db", str(tmp_path / f"w{workers}.db"), "--workers", workers]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    one = _stored(tmp_path / "w1.db")
    assert len(one) > 20
    assert _stored(tmp_path / "w2.db") == one
    # A Spark run of the samples and the seed, imported, against ingest of the same with workers.
    small = _small_inputs()
    result = runner.invoke(main, ["ingest", *small, "--db", str(tmp_path / "small.db"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "run"
    result = runner.invoke(main, ["extract", *small, "--engine", "spark", "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["import", str(out), "--db", str(tmp_path / "spark.db")])
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["import", str(out), "--db", str(tmp_path / "spark.db")])
    assert " 0 article(s) imported" in " " + again.output  # importing twice changes nothing
    assert _stored(tmp_path / "spark.db") == _stored(tmp_path / "small.db")


def test_spark_run_writes_undated_events_and_rejects_by_month(spark: object, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    news = tmp_path / "news"
    news.mkdir()
    (news / "undated.txt").write_text("Gunmen killed four farmers near Gusau in Zamfara state.\n", encoding="utf-8")
    (news / "feed.jsonl").write_text(
        '{"text": "Soldiers clashed with militants in Maiduguri.", "date": "2024-03-02"}\n{"title": "no text"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["extract", str(news), "--engine", "spark", "--out", str(out)])
    assert result.exit_code == 0, result.output
    months = sorted(p.name for p in (out / "events").iterdir() if p.is_dir())
    assert "event_month=unknown" in months and "event_month=2024-03" in months
    events = pq.read_table(out / "events").to_pylist()
    evidence = pq.read_table(out / "evidence").to_pylist()
    assert {e["event_id"] for e in evidence} == {e["event_id"] for e in events}
    rejects = pq.read_table(out / "rejects").to_pylist()
    assert [(r["where"], r["stage"]) for r in rejects] == [(f"{news}/feed.jsonl:2", "read")]
    assert "no 'text' or 'body'" in rejects[0]["reason"]
