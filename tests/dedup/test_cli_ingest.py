"""End to end through the CLI (loads spaCy): two outlets report the Quetta railway station bombing of
9 November 2024 in their own words (tests/dedup/articles/, written for this test)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main

ARTICLES = Path(__file__).parent / "articles"
DAWN = str(ARTICLES / "quetta_station_dawn.txt")  # published 9 Nov: "at least 24" killed
WIRE = str(ARTICLES / "quetta_station_wire.txt")  # published 10 Nov: 26 killed


def _events(runner: CliRunner, db: str) -> list[dict]:
    result = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_ingest_two_runs_equal_one_run_and_merge_the_bombing(db_url: str, other_db_url: str) -> None:
    runner = CliRunner()
    separate, together = db_url, other_db_url
    for path in (DAWN, WIRE):
        assert runner.invoke(main, ["ingest", path, "--db", separate, "-q"]).exit_code == 0
    assert runner.invoke(main, ["ingest", DAWN, WIRE, "--db", together, "-q"]).exit_code == 0

    def without_time(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in row.items() if k != "timestamp"} for row in rows]

    run_by_run = _events(runner, separate)
    assert without_time(run_by_run) == without_time(_events(runner, together))
    (bombing,) = [e for e in run_by_run if len(e["articles"]) == 2]
    assert bombing["sub_event_type"] == "Suicide bomb"
    assert bombing["event_date"] == "2024-11-09"
    assert bombing["location"] == "Quetta"
    assert bombing["fatalities"] == 24  # the most conservative of 24 and 26
    assert sorted(r["value"] for r in bombing["fatality_reports"]) == [24, 26]

    # `extract` applies the same matching to its output, and `dedup` finds nothing left to merge.
    extracted = runner.invoke(main, ["extract", DAWN, WIRE, "-q"])
    assert sum(len(json.loads(line)["articles"]) == 2 for line in extracted.stdout.splitlines()) == 1
    result = runner.invoke(main, ["dedup", "--db", separate])
    assert result.exit_code == 0 and "0 merged, 0 split" in result.output


def test_cli_events_changed_since_lists_deletions(db_url: str) -> None:
    """No spaCy: the store is filled by hand, then merged, then listed from the command line."""
    from sample_reports import garowe_article, garowe_event, reuters_article, reuters_event
    from sitrep.store import open_store

    db = db_url
    with open_store(db, clock=lambda: 1_710_500_000) as store:
        for article, event in ((garowe_article(), garowe_event()), (reuters_article(), reuters_event())):
            store.add_article(article, [event])  # no matching: two events
    runner = CliRunner()
    result = runner.invoke(main, ["dedup", "--db", db])  # the merge happens now, by the real clock
    assert result.exit_code == 0 and "1 merged, 0 split" in result.output
    changed = runner.invoke(
        main, ["events", "--db", db, "--changed-since", "2024-03-15T11:53:20Z", "--format", "jsonl"]
    )
    rows = {r["event_id"]: r for r in map(json.loads, changed.stdout.splitlines())}
    assert rows[reuters_event().event_id]["deleted"] is True
    assert rows[reuters_event().event_id]["merged_into"] == garowe_event().event_id
    assert rows[garowe_event().event_id]["fatalities"] == 9
    later = runner.invoke(main, ["events", "--db", db, "--changed-since", "4102444800", "--format", "jsonl"])  # 2100
    assert later.stdout == ""
    bad = runner.invoke(main, ["events", "--db", db, "--changed-since", "yesterday"])
    assert bad.exit_code == 2 and "not a time" in bad.output
