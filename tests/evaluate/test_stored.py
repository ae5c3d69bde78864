"""`sitrep eval --db`: the stored records scored against the invented gold, on both backends (`db_url`)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from sitrep.errors import StoreError
from sitrep.evaluate.cli import eval_cmd
from sitrep.evaluate.datasets import DATASETS
from sitrep.evaluate.runner import run_eval
from sitrep.evaluate.stored import MISSING_ROW
from sitrep.store import Desk, EventStore, open_store

from .builders import record_from_gold, record_from_news_gold


def _console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=160), buffer


def _items(fake_shared: Path, dataset: str) -> dict[str, object]:
    return {item.id: item for item in DATASETS[dataset].load(fake_shared)}


def _store_perfect(store: EventStore, fake_shared: Path, dataset: str, only: set[str] | None = None) -> None:
    """Add the dataset's articles with the records a perfect extractor gives them (as `oracle` does)."""
    for item in DATASETS[dataset].load(fake_shared):
        if only is not None and item.id not in only:
            continue
        records = [record_from_gold(g, event_id=f"{item.id}-{g.source_id}") for g in item.gold]
        if item.news_gold is not None:
            records += [record_from_news_gold(g) for g in item.news_gold.events]
        store.add_article(item.article, records)


def _without_missing_row(rows):
    return [row for row in rows if row[0] != MISSING_ROW]


@pytest.mark.parametrize("dataset", ["wikinews", "gtd2011", "case2021"])
def test_stored_records_score_as_the_extractor_that_made_them(db_url, fake_shared, oracle, dataset):
    with open_store(db_url) as store:
        _store_perfect(store, fake_shared, dataset)
        stored = run_eval(dataset, split="all", store=store, shared_dir=fake_shared, console=_console()[0])[dataset]
    extracted = run_eval(dataset, split="all", extractor=oracle, shared_dir=fake_shared, console=_console()[0])[dataset]
    assert stored.items == extracted.items > 0
    assert _without_missing_row(stored.rows()) == extracted.rows()
    assert (MISSING_ROW, stored.items, 0.0) in stored.rows()
    assert "records read from the store" in stored.notes[0]


def test_missing_texts_are_named_not_scored(db_url, fake_shared, tmp_path):
    errors = tmp_path / "rows.jsonl"
    console, out = _console()
    with open_store(db_url) as store:
        _store_perfect(store, fake_shared, "wikinews", only={"x01_turbat_ied"})
        report = run_eval(
            "wikinews", split="all", store=store, shared_dir=fake_shared, console=console, errors_path=errors
        )["wikinews"]
    # Only the stored article is scored: its gold is all found, the two missing articles do not dilute it.
    assert report.items == 1
    assert report.value("recall") == 1.0 and report.value("false positives") == 0
    assert (MISSING_ROW, 3, 2.0) in report.rows()
    note = next(n for n in report.notes if "not in the store" in n)
    assert "x03_quetta_trial" in note and "1 held (not named)" in note
    assert "x05" not in note  # the held part is sealed: not even its names are shown
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {"dataset": "wikinews", "id": "x03_quetta_trial", "split": "tune", "missing": "not in the store"} in rows
    assert not any(row["id"].startswith("x05") for row in rows)
    assert "texts not in the store" in out.getvalue()


def test_desk_corrections_and_rejections_are_what_is_scored(db_url, fake_shared):
    items = _items(fake_shared, "wikinews")
    turbat = items["x01_turbat_ied"].news_gold.events[0]
    with open_store(db_url) as store:
        store.add_article(items["x01_turbat_ied"].article, [record_from_news_gold(turbat, fatalities=5)])
        spurious = record_from_news_gold(
            turbat, event_id="court-record", event_date="2021-03-06", location="Quetta", latitude=30.19, longitude=67.01
        )
        store.add_article(items["x03_quetta_trial"].article, [spurious])

        def score():
            return run_eval("wikinews", split="tune", store=store, shared_dir=fake_shared, console=_console()[0])[
                "wikinews"
            ]

        before = score()
        assert before.value("  fatalities") == 0.0 and before.value("false positives") == 1
        desk = Desk(store)
        desk.edit(f"pred-{turbat.id}", {"fatalities": 3}, who="analyst", version=None)
        desk.review("court-record", "rejected", who="analyst", version=None)
        after = score()
    assert after.value("  fatalities") == 1.0 and after.value("false positives") == 0
    assert after.value("score") > before.value("score")
    assert any("1 events the desk rejected left out" in note for note in after.notes)


def test_an_event_two_articles_report_is_one_record_of_the_collection(db_url, fake_shared):
    items = _items(fake_shared, "wikinews")
    turbat = record_from_news_gold(items["x01_turbat_ied"].news_gold.events[0])
    with open_store(db_url) as store:
        store.add_article(items["x01_turbat_ied"].article, [turbat])
        store.add_article(items["x03_quetta_trial"].article, [turbat])  # the same event, now cited by both
        report = run_eval("wikinews", split="tune", store=store, shared_dir=fake_shared, console=_console()[0])[
            "wikinews"
        ]
    assert report.value("records") == 1 and report.value("records per incident") == 1.0
    assert report.value("false positives") == 0 and report.value("recall") == 1.0


def test_a_store_without_the_texts_is_an_error_not_a_zero(db_url, fake_shared):
    with open_store(db_url) as store, pytest.raises(StoreError, match="holds none of the texts"):
        run_eval("wikinews", split="all", store=store, shared_dir=fake_shared, console=_console()[0])


def test_eval_db_command(db_url, fake_shared, tmp_path, monkeypatch):
    with open_store(db_url) as store:
        _store_perfect(store, fake_shared, "gtd2011")
    runner = CliRunner()
    scores = tmp_path / "scores.json"
    args = ["--dataset", "gtd2011", "--split", "all", "--shared-dir", str(fake_shared), "--json", str(scores)]
    result = runner.invoke(eval_cmd, [*args, "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "gtd2011" in result.output and "records read from the store" in result.output
    rows = {row["field"]: row["value"] for row in json.loads(scores.read_text())["gtd2011"]["rows"]}
    assert rows["events: recall"] == 1.0 and rows[MISSING_ROW] == 0.0
    # --db alone is the store every other command uses: $SITREP_DB
    monkeypatch.setenv("SITREP_DB", db_url)
    alone = runner.invoke(eval_cmd, ["--db", *args])
    assert alone.exit_code == 0, alone.output
    assert "records read from the store" in alone.output
    # a store holding none of the texts asked for is an error that says so
    empty = runner.invoke(eval_cmd, ["--dataset", "ucdp", "--shared-dir", str(fake_shared), "--db", db_url])
    assert empty.exit_code == 1 and "the store holds none of its 2 tune texts" in empty.output
    assert "ingest the dataset's articles first" in " ".join(empty.output.split())


def test_eval_db_refuses_what_it_cannot_score(fake_shared, tmp_path):
    runner = CliRunner()
    absent = tmp_path / "absent.db"
    result = runner.invoke(eval_cmd, ["--dataset", "gtd2011", "--shared-dir", str(fake_shared), "--db", str(absent)])
    assert result.exit_code == 1 and "absent.db: no such database" in " ".join(result.output.split())
    assert not absent.exists()  # not created empty
    suites = runner.invoke(eval_cmd, ["--suites", "--db", str(absent)])
    assert suites.exit_code == 2 and "--db scores a dataset's stored events" in suites.output
