"""run_eval / eval_command / `sitrep eval` over the invented datasets with fake extractors."""

from __future__ import annotations

import io
import json
import sys
import types

import pytest
from click.testing import CliRunner
from rich.console import Console

from sitrep.errors import ConfigError, UnreadableFile
from sitrep.evaluate.cli import eval_cmd
from sitrep.evaluate.runner import eval_command, find_shared_dir, predict, run_eval
from sitrep.model import Article

from .builders import TURBAT, record_from_gold


def _console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=120), buffer


def _nothing(article: Article) -> list:
    return []


@pytest.fixture
def pipeline(monkeypatch):
    """A stand-in for sitrep.pipeline (the real one imports spaCy), installed in sys.modules for the test."""
    module = types.ModuleType("sitrep.pipeline")
    monkeypatch.setitem(sys.modules, "sitrep.pipeline", module)
    return module


def test_runner_oracle_scores_one_on_every_dataset(fake_shared, oracle):
    console, out = _console()
    reports = run_eval(None, split="all", extractor=oracle, shared_dir=fake_shared, console=console)
    assert list(reports) == [
        "wikinews", "articles", "seed", "acled2020", "acled2015", "acled2016", "gtd2011", "ucdp", "case2021",
    ]  # fmt: skip
    # tests/articles is the repository's own: its places lie close enough for one event's record to count for
    # another, so the first acceptable values are not a perfect answer there; it is checked in test_eval_news_*.
    del reports["articles"]
    for name, report in reports.items():
        for label, n, value in report.rows():
            if label in ("spurious events per text", "extractor errors", "false positives"):
                assert value == 0, (name, label)
            elif n and label not in ("records", "records per incident", "false positives per article"):
                assert value == 1.0, (name, label)
    assert reports["wikinews"].value("records per incident") == 1.0
    assert reports["acled2020"].detection.tp == 3  # two texts, three gold events
    assert reports["case2021"].value("unseen_rejected") == 1.0
    text = out.getvalue()
    assert "acled2020" in text and "events: recall" in text
    assert "skip geowebnews" in text  # no geowebnews file in the fake shared dir


def test_runner_misses_file_puts_gold_beside_prediction(fake_shared, tmp_path):
    errors = tmp_path / "out" / "misses.jsonl"
    reports = run_eval(
        "acled2020", split="all", errors_path=errors, extractor=_nothing, shared_dir=fake_shared, console=_console()[0]
    )
    assert reports["acled2020"].value("events: recall") == 0.0
    lines = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {line["id"] for line in lines} == {"XPK1001", "XPK1002"}
    turbat = next(line for line in lines if line["id"] == "XPK1001")
    assert turbat["text"].startswith("On 4 March 2021")
    assert [g["source_id"] for g in turbat["missed"]] == ["XPK1001", "XPK1003"]
    assert turbat["matched"] == [] and turbat["spurious"] == []


def test_runner_wrong_field_shows_in_misses(fake_shared, oracle, tmp_path):
    def off_by_two(article: Article) -> list:
        return [record_from_gold(TURBAT, event_date="2021-03-06")] if "Turbat" in article.text else oracle(article)

    errors = tmp_path / "misses.jsonl"
    run_eval("acled2020", errors_path=errors, extractor=off_by_two, shared_dir=fake_shared, console=_console()[0])
    (line,) = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert line["matched"][0]["wrong"] == ["event_date"]
    assert line["matched"][0]["pred"]["event_date"] == "2021-03-06"
    assert len(line["missed"]) == 1  # the second Turbat event


def test_runner_limit_takes_stable_sample(fake_shared, oracle):
    first = run_eval("case2021", limit=2, extractor=oracle, shared_dir=fake_shared, console=_console()[0])
    again = run_eval("case2021", limit=2, extractor=oracle, shared_dir=fake_shared, console=_console()[0])
    assert first["case2021"].items == again["case2021"].items == 2


def test_runner_split_partitions_items(fake_shared, oracle):
    sizes = {
        split: run_eval("acled2015", split=split, extractor=oracle, shared_dir=fake_shared, console=_console()[0])[
            "acled2015"
        ].items
        for split in ("tune", "held", "all")
    }
    assert sizes["tune"] + sizes["held"] == sizes["all"] == 4


def test_runner_uses_extract_many_in_batches(fake_shared, oracle):
    calls: list[int] = []

    def many(articles: list[Article]) -> list[list]:
        calls.append(len(articles))
        return [oracle(a) for a in articles]

    reports = run_eval("case2021", extract_many=many, batch_size=2, shared_dir=fake_shared, console=_console()[0])
    assert calls == [2, 1]
    assert reports["case2021"].value("sub_event_type") == 1.0


def test_runner_extractor_errors_are_counted_not_raised(fake_shared, oracle):
    def flaky(article: Article) -> list:
        if "Lahore" in article.text:
            raise RuntimeError("boom")
        return oracle(article)

    console, out = _console()
    report = run_eval("acled2020", extractor=flaky, shared_dir=fake_shared, console=console)["acled2020"]
    assert report.errors == 1
    assert "1 extractor errors; most common (1x): RuntimeError: boom" in out.getvalue()
    assert report.detection.fn == 1 and report.detection.tp == 2
    with pytest.raises(RuntimeError):
        run_eval("acled2020", extractor=flaky, shared_dir=fake_shared, console=_console()[0], fail_fast=True)


def test_runner_failed_batch_falls_back_to_single_articles(fake_shared, oracle):
    def broken_many(articles: list[Article]) -> list[list]:
        raise MemoryError("batch too big")

    predictions = predict([Article(id="x", text="t")], extractor=_nothing, extract_many=broken_many)
    assert predictions == [([], None)]


def test_runner_default_extractor_is_the_pipeline(fake_shared, oracle, monkeypatch, pipeline):
    monkeypatch.setattr(pipeline, "extract_article", oracle, raising=False)
    monkeypatch.delattr(pipeline, "extract_many", raising=False)
    report = run_eval("gtd2011", shared_dir=fake_shared, console=_console()[0])["gtd2011"]
    assert report.value("events: recall") == 1.0


def test_runner_without_pipeline_entry_point_says_so(fake_shared, monkeypatch, pipeline):
    monkeypatch.delattr(pipeline, "extract_article", raising=False)
    with pytest.raises(ConfigError, match="extract_article"):
        run_eval("gtd2011", shared_dir=fake_shared, console=_console()[0])


def test_runner_geowebnews_hook(fake_shared, monkeypatch):
    (fake_shared / "eval" / "geowebnews").mkdir()
    (fake_shared / "eval" / "geowebnews" / "geowebnews.jsonl").write_text("{}\n")
    seen = {}

    def evaluate_geowebnews(path, limit):
        seen["args"] = (path.name, limit)
        return {"toponym recall": 0.5, "accuracy@161km": {"n": 10, "value": 0.7}}

    module = types.ModuleType("sitrep.evaluate.geowebnews")
    module.evaluate_geowebnews = evaluate_geowebnews  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.evaluate.geowebnews", module)
    report = run_eval("geowebnews", limit=7, shared_dir=fake_shared, console=_console()[0])["geowebnews"]
    assert seen["args"] == ("geowebnews.jsonl", 7)
    assert ("accuracy@161km: value", 10, 0.7) in report.rows()
    assert report.value("toponym recall") == 0.5


def test_runner_geowebnews_hook_passes_split_and_flattens_sections(fake_shared, monkeypatch, tmp_path):
    (fake_shared / "eval" / "geowebnews").mkdir()
    (fake_shared / "eval" / "geowebnews" / "geowebnews.jsonl").write_text("{}\n")

    def evaluate_geowebnews(path, limit=None, *, split="tune", errors=None):
        errors.append({"file": "3", "text": "Springfield", "gold": [1, 2], "pred": None})
        return {
            "articles": 4,
            "split": split,
            "recognition": {"precision": 0.8, "recall": 0.6, "gold": 20},
            "resolution": {"n": 12, "acc161": 0.75, "mean_km": 40.5},
            "seconds": 1.5,
        }

    module = types.ModuleType("sitrep.evaluate.geowebnews")
    module.evaluate_geowebnews = evaluate_geowebnews  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.evaluate.geowebnews", module)
    errors = tmp_path / "misses.jsonl"
    console, out = _console()
    report = run_eval("geowebnews", split="held", errors_path=errors, shared_dir=fake_shared, console=console)[
        "geowebnews"
    ]
    assert (report.items, report.split, report.seconds) == (4, "held", 1.5)
    assert ("recognition: recall", 20, 0.6) in report.rows()
    assert ("resolution: acc161", 12, 0.75) in report.rows()
    assert "40.5" in out.getvalue()
    assert json.loads(errors.read_text())["text"] == "Springfield"


def test_runner_geowebnews_failure_does_not_sink_the_run(fake_shared, oracle, monkeypatch):
    (fake_shared / "eval" / "geowebnews").mkdir()
    (fake_shared / "eval" / "geowebnews" / "geowebnews.jsonl").write_text("{}\n")

    def evaluate_geowebnews(path, limit):
        raise RuntimeError("gazetteer cache is stale")

    module = types.ModuleType("sitrep.evaluate.geowebnews")
    module.evaluate_geowebnews = evaluate_geowebnews  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.evaluate.geowebnews", module)
    console, out = _console()
    reports = run_eval(None, extractor=oracle, shared_dir=fake_shared, console=console)
    assert "geowebnews" not in reports and "case2021" in reports
    assert "geowebnews failed: RuntimeError: gazetteer cache is stale" in out.getvalue()
    with pytest.raises(RuntimeError):
        run_eval("geowebnews", shared_dir=fake_shared, console=console, fail_fast=True)


def test_runner_missing_shared_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_SHARED", str(tmp_path / "nowhere"))
    assert find_shared_dir() is None
    with pytest.raises(UnreadableFile, match="no evaluation data"):
        run_eval("gtd2011", extractor=_nothing, console=_console()[0])


def test_runner_shared_dir_from_environment(fake_shared, monkeypatch):
    monkeypatch.setenv("SITREP_SHARED", str(fake_shared))
    assert find_shared_dir() == fake_shared.resolve()


def test_eval_command_exit_codes(fake_shared, oracle, tmp_path):
    console, _ = _console()
    err, err_out = _console()
    assert eval_command("case2021", None, "all", None, shared_dir=fake_shared, extractor=oracle, console=console) == 0
    assert eval_command("nope", None, "all", None, shared_dir=fake_shared, extractor=oracle, err_console=err) == 2
    assert "unknown dataset" in err_out.getvalue()
    assert eval_command("gtd2011", 0, "all", None, shared_dir=fake_shared, extractor=oracle, err_console=err) == 2
    assert eval_command("gtd2011", None, "dev", None, shared_dir=fake_shared, extractor=oracle, err_console=err) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert eval_command("gtd2011", None, "all", None, shared_dir=empty, extractor=oracle, err_console=err) == 1
    scores = tmp_path / "scores.json"
    code = eval_command(
        "case2021", None, "all", None, shared_dir=fake_shared, extractor=oracle, console=console, json_path=scores
    )
    assert code == 0
    assert json.loads(scores.read_text())["case2021"]["items"] == 3


def test_runner_adapts_pipeline_extract_many_yielding_extractions(fake_shared, oracle, monkeypatch, pipeline):
    batches: list[int] = []

    def extract_many(articles):  # like sitrep.pipeline.extract_many: a generator of objects with .events
        batches.append(len(articles))
        for article in articles:
            yield types.SimpleNamespace(article=article, events=oracle(article), mentions=())

    monkeypatch.setattr(pipeline, "extract_article", _nothing, raising=False)
    monkeypatch.setattr(pipeline, "extract_many", extract_many, raising=False)
    report = run_eval("case2021", shared_dir=fake_shared, console=_console()[0])["case2021"]
    assert batches == [3]
    assert report.value("sub_event_type") == 1.0


def test_eval_cli_command(fake_shared, oracle, monkeypatch, tmp_path, pipeline):
    monkeypatch.setattr(pipeline, "extract_article", oracle, raising=False)
    monkeypatch.delattr(pipeline, "extract_many", raising=False)
    runner = CliRunner()
    errors = tmp_path / "misses.jsonl"
    result = runner.invoke(
        eval_cmd,
        ["--dataset", "ucdp", "--split", "all", "--limit", "5", "--errors", str(errors)]
        + ["--shared-dir", str(fake_shared), "--workers", "1"],  # worker processes would not see the oracle
    )
    assert result.exit_code == 0, result.output
    assert "ucdp" in result.output and "actor1" in result.output
    assert errors.read_text() == ""  # the oracle misses nothing
    bad = runner.invoke(eval_cmd, ["--dataset", "nope", "--shared-dir", str(fake_shared)])
    assert bad.exit_code == 2
    assert eval_cmd.name == "eval" and "--split" in runner.invoke(eval_cmd, ["--help"]).output


def _wikinews_rows(path) -> dict[str, dict]:
    return {row["id"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_runner_news_table_scores_as_the_seed_scorer(fake_shared, oracle):
    def with_false_positive(article: Article) -> list:
        extra = [record_from_gold(TURBAT, event_date="2021-03-05")] if "court" in article.text else []
        return oracle(article) + extra

    console, out = _console()
    report = run_eval(
        "wikinews-dev", split="all", extractor=with_false_positive, shared_dir=fake_shared, console=console
    )["wikinews"]
    assert report.items == 3
    # the Turbat bomb reported again by the trial story matches the x01 gold when pooled, as the scorer pools
    assert report.value("false positives") == 0 and report.value("recall") == 1.0
    assert report.value("records") == 3 and report.value("records per incident") == 1.5
    assert "through records of other articles" in " ".join(report.notes)
    text = out.getvalue()
    assert "wikinews  (all, 3 articles" in text and "records per incident" in text


def test_runner_news_errors_rows_line_up_and_seal_the_held_part(fake_shared, oracle, tmp_path):
    def also_in_court(article: Article) -> list:
        extra = [record_from_gold(TURBAT, event_date="2021-03-06", location="Quetta", latitude=30.19, longitude=67.01)]
        return oracle(article) + (extra if "court" in article.text else [])

    errors = tmp_path / "rows.jsonl"
    run_eval("wikinews", split="all", errors_path=errors, extractor=also_in_court, shared_dir=fake_shared,
             console=_console()[0])  # fmt: skip
    rows = _wikinews_rows(errors)
    assert sorted(rows) == ["x01_turbat_ied", "x03_quetta_trial"]  # x05 is held: not even its name is written
    trial = rows["x03_quetta_trial"]
    assert trial["gold"] == [] and trial["recall"] == 1.0 and trial["fp"] == 1 and trial["score"] == 0.95
    (false_positive,) = trial["false_positives"]
    assert false_positive["location"] == "Quetta" and "no event" in false_positive["reason"]
    turbat = rows["x01_turbat_ied"]
    assert turbat["gold"][0]["status"] == "OK" and turbat["gold"][0]["predicted"][0]["location"] == "turbat"


def test_runner_news_miss_says_why(fake_shared, oracle, tmp_path):
    def elsewhere(article: Article) -> list:
        return [record_from_gold(TURBAT, location="Gwadar", admin1="Balochistan", latitude=25.12, longitude=62.33)]

    errors = tmp_path / "rows.jsonl"
    report = run_eval(
        "wikinews", split="tune", errors_path=errors, extractor=elsewhere, shared_dir=fake_shared, console=_console()[0]
    )["wikinews"]
    assert report.items == 2 and report.value("recall") == 0.0
    gold = _wikinews_rows(errors)["x01_turbat_ied"]["gold"][0]
    assert gold["status"] == "MISS" and "'Gwadar" in gold["reason"] and "km away" in gold["reason"]


def test_runner_pooled_extractor_records_a_failed_article_as_its_error():
    from sitrep.engines.local import Failure
    from sitrep.evaluate.runner import pooled_extractor

    class Engine:  # stands in for sitrep.engines.LocalEngine: outcomes in input order
        def outcomes(self, articles):
            for article in articles:
                yield (
                    Failure(article, "the worker process died on this article (killed by SIGKILL)")
                    if "bad" in article.text
                    else types.SimpleNamespace(events=[])
                )

    articles = [Article(id="a", text="fine"), Article(id="b", text="bad"), Article(id="c", text="fine")]
    predictions = predict(articles, extractor=None, extract_many=pooled_extractor(Engine()))
    assert predictions == [([], None), ([], "the worker process died on this article (killed by SIGKILL)"), ([], None)]
