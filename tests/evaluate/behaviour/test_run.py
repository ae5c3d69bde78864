"""run_suites, the report, the failures file and `sitrep eval --suites`, with stand-in extractors (fast), and the
real extractor on one suite's stable sample."""

from __future__ import annotations

import io
import json
import sys
import types

import pytest
from click.testing import CliRunner
from rich.console import Console

from sitrep.evaluate.behaviour import generate_cases, render_suites, run_suites, suites_command, write_failures
from sitrep.evaluate.cli import eval_cmd
from sitrep.model import Article, EventRecord


def _silent(articles: list[Article]) -> list[list[EventRecord]]:
    return [[] for _ in articles]


def _console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=160), buffer


def test_run_an_extractor_that_finds_nothing_passes_only_the_nonevents():
    report = run_suites(["nonevents", "fatalities"], limit=40, extract_many=_silent)
    nonevents = report.select("nonevents")
    assert len(nonevents) == 40 and len(report.select("fatalities")) == 40
    assert report.rate("fatalities") == 0.0
    expected = sum(r.case.expect.violent == 0 for r in nonevents) / 40
    assert report.rate("nonevents") == pytest.approx(expected) and 0 < expected < 1
    assert report.failed_checks("fatalities")["violent records"] == 40


def test_run_report_rates_by_kind_and_template_and_as_json():
    report = run_suites(["records"], limit=30, extract_many=_silent)
    data = report.to_dict()
    suite = data["suites"]["records"]
    assert suite["cases"] == 30 and suite["pass"] == 0.0
    assert set(suite["kinds"]) <= {"MFT", "INV", "DIR"}
    assert sum(t["cases"] for t in suite["templates"].values()) == 30
    assert data["overall"] == 0.0


def test_run_an_extractor_error_is_recorded_and_the_run_goes_on():
    def broken(article: Article) -> list[EventRecord]:
        raise RuntimeError("boom")

    def broken_many(articles: list[Article]) -> list[list[EventRecord]]:
        raise RuntimeError("boom")

    report = run_suites(["dates"], limit=5, extractor=broken, extract_many=broken_many)
    assert all(r.error == "RuntimeError: boom" and not r.passed for r in report.results)
    assert report.failed_checks("dates")["extractor error"] == 5


def test_run_failures_file_holds_each_failing_case_with_its_records(tmp_path):
    report = run_suites(["fatalities"], limit=10, extract_many=_silent)
    path = tmp_path / "out" / "failures.jsonl"
    assert write_failures(report, path) == 10
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    first = lines[0]
    assert {"id", "capability", "kind", "template", "text", "published", "expect", "failures", "records"} <= set(first)
    assert first["records"] == [] and first["failures"][0].startswith("violent records")


def test_run_table_names_every_capability_and_kind():
    report = run_suites(["place", "actors"], limit=5, extract_many=_silent)
    console, out = _console()
    console.print(render_suites(report))
    text = out.getvalue()
    assert all(word in text for word in ("place", "actors", "MFT", "INV", "DIR", "most failed checks"))


@pytest.fixture
def silent_pipeline(monkeypatch):
    """sitrep.pipeline replaced by one that extracts nothing (the real one loads spaCy)."""
    module = types.ModuleType("sitrep.pipeline")
    module.extract_article = lambda article: []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.pipeline", module)
    return module


def test_run_cli_suites_prints_rates_and_writes_files(silent_pipeline, tmp_path):
    errors, scores = tmp_path / "failures.jsonl", tmp_path / "scores.json"
    result = CliRunner().invoke(
        eval_cmd,
        ["--suite", "fatalities", "--suite", "dates", "--limit", "4", "--errors", str(errors), "--json", str(scores)],
    )
    assert result.exit_code == 0, result.output
    assert "behavioural suites" in result.output and "fatalities by template" in result.output
    assert len(errors.read_text().splitlines()) == 8
    assert set(json.loads(scores.read_text())["suites"]) == {"fatalities", "dates"}


def test_run_cli_unknown_suite_is_refused():
    result = CliRunner().invoke(eval_cmd, ["--suite", "weather"])
    assert result.exit_code == 2 and "weather" in result.output


def test_run_command_reports_a_missing_extractor(monkeypatch):
    monkeypatch.setitem(sys.modules, "sitrep.pipeline", types.ModuleType("sitrep.pipeline"))
    console, _out = _console()
    err, err_out = _console()
    assert suites_command(["dates"], 3, None, console=console, err_console=err) == 1
    assert "extract_article" in err_out.getvalue()


def test_run_real_extractor_on_a_small_sample():
    """The real pipeline reads generated cases end to end (rates are guarded in test_floors.py)."""
    cases = generate_cases(["fatalities"], limit=8)
    report = run_suites(["fatalities"], limit=8)
    assert [r.case.id for r in report.results] == [c.id for c in cases]
    assert all(r.error is None for r in report.results)
    assert any(r.records for r in report.results)
