"""Articles with no publication date, end to end through the `sitrep` command.

An event whose day cannot be known (no publication date, no absolute date in the text) is still extracted,
stored, listed and exported, with an empty event_date and time_precision 4; "on Monday" stays unresolved. The
article texts are ours.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.model import UNKNOWN_TIME_PRECISION

REPORT = "Gunmen killed three police officers at a checkpoint in Peshawar on Monday, officials said."
REPORT_2 = "A roadside bomb killed two soldiers near Garissa in Kenya on Tuesday, the army said."


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def events_of(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def undated(tmp_path: Path) -> dict[str, Path]:
    """The same kind of report as a plain .txt, an .html page and a JSON record, none with a date."""
    files = {
        "txt": tmp_path / "plain.txt",
        "html": tmp_path / "page.html",
        "json": tmp_path / "record.jsonl",
    }
    files["txt"].write_text(REPORT + "\n", encoding="utf-8")
    files["html"].write_text(
        f"<html><head><title>Checkpoint attack</title></head><body><article><p>{REPORT}</p>"
        "<p>The attackers fled on motorcycles after the exchange of fire at the checkpoint.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    files["json"].write_text(json.dumps({"text": REPORT_2, "title": "Garissa bomb"}) + "\n", encoding="utf-8")
    return files


@pytest.mark.parametrize("kind", ["txt", "html", "json"])
def test_cli_undated_extract_gives_an_event_of_unknown_day(undated, kind):
    code, out, err = run("extract", str(undated[kind]), "--format", "jsonl")
    assert code == 0, err
    events = events_of(out)
    assert events
    for event in events:
        assert event["event_date"] == "" and event["year"] is None
        assert event["time_precision"] == UNKNOWN_TIME_PRECISION
        assert event["articles"][0]["date"] is None
        # "on Monday" is not turned into a day: nothing is cited as the event's date.
        assert not [e for e in event["evidence"] if e["field"] == "event_date"]
        assert "On an unknown date" in event["notes"]
        assert event["fatalities"] > 0 and event["country"]  # the rest of the record is intact
    assert f"sitrep: {len(events)} event(s) have no date" in err and "--date YYYY-MM-DD" in err


@pytest.mark.parametrize("fmt", ["csv", "geojson", "table"])
def test_cli_undated_extract_every_format(undated, fmt):
    code, out, err = run("extract", *map(str, undated.values()), "--format", fmt)
    assert code == 0, err
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and all(r["event_date"] == "" and r["year"] == "" and r["time_precision"] == "4" for r in rows)
    elif fmt == "geojson":
        features = json.loads(out)["features"]
        assert features and all(f["properties"]["event_date"] == "" for f in features)
        assert all(f["geometry"]["type"] == "Point" for f in features)
    else:
        assert "unknown" in out and "t4" in out
    assert "have no date" in err


def test_cli_undated_date_option_gives_the_day(undated):
    code, out, err = run("extract", str(undated["txt"]), "--date", "2025-05-07", "--format", "jsonl")
    assert code == 0
    (event,) = events_of(out)
    assert event["event_date"] == "2025-05-05" and event["time_precision"] == 1  # the Monday before
    assert "have no date" not in err


def test_cli_undated_a_dated_article_beside_is_kept_and_never_merged(tmp_path, undated):
    dated = tmp_path / "dated.txt"
    dated.write_text(f"date 2025-05-07 Checkpoint attack\n\n{REPORT}\n", encoding="utf-8")
    code, out, err = run("extract", str(undated["txt"]), str(dated), "--format", "jsonl")
    assert code == 0
    events = events_of(out)
    # The same report twice: the undated one cannot be matched by day, so both stay, each with its own date.
    assert sorted(e["event_date"] for e in events) == ["", "2025-05-05"]
    assert "sitrep: 1 event(s) have no date" in err


def test_cli_undated_ingest_events_export_and_dedup(tmp_path, undated, db_url):
    db = db_url
    code, _, err = run("ingest", *map(str, undated.values()), "--db", db)
    assert code == 0, err
    assert "3 new article(s)" in err and "have no date" in err
    code, out, _ = run("ingest", *map(str, undated.values()), "--db", db)  # idempotent
    assert code == 0
    code, out, _ = run("events", "--db", db, "--format", "jsonl")
    stored = events_of(out)
    assert len(stored) >= 3 and all(e["event_date"] == "" and e["time_precision"] == 4 for e in stored)
    code, table, _ = run("events", "--db", db)
    assert code == 0 and table.count("unknown") == len(stored)
    # A day filter cannot say an event of unknown day is in range: it matches neither side.
    for option in ("--since", "--until"):
        code, out, _ = run("events", "--db", db, option, "2025-01-01", "--format", "jsonl")
        assert code == 0 and events_of(out) == []
    for fmt in ("csv", "jsonl", "geojson"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = run("export", "--db", db, "--format", fmt, "--output", str(target))
        assert code == 0, err
        text = target.read_text(encoding="utf-8")
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            assert len(rows) == len(stored) and {r["event_date"] for r in rows} == {""}
        elif fmt == "geojson":
            assert len(json.loads(text)["features"]) == len(stored)
        else:
            assert [e["event_id"] for e in events_of(text)] == [e["event_id"] for e in stored]
    code, out, err = run("dedup", "--db", db)
    assert code == 0 and out == "" and "re-clustered: 0 merged" in err
    code, out, _ = run("events", "--db", db, "--changed-since", "2000-01-01T00:00:00Z", "--format", "jsonl")
    assert len(events_of(out)) == len(stored)
