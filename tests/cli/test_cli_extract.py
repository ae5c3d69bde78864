"""End to end through the `sitrep` command: every input format, every bad-input case, the store.

The article texts are ours, short reports of real events written for these tests.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main

REPORT = (
    "Gunmen killed five villagers in Zamfara state on Sunday, police said.\n\n"
    "The attackers stormed the village of Kaura Namoda on motorcycles and set fire to homes."
)
REPORT_2 = "A roadside bomb killed three soldiers near the town of Garissa in Kenya on Tuesday, the army said."


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def events_of(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "seed": tmp_path / "a.txt",
        "txt": tmp_path / "plain.txt",
        "jsonl": tmp_path / "feed.jsonl",
        "json": tmp_path / "one.json",
        "csv": tmp_path / "rows.csv",
        "html": tmp_path / "page.html",
        "rss": tmp_path / "feed.rss",
    }
    files["seed"].write_text(f"date 2024-03-12 Gunmen kill five in Zamfara\n\n{REPORT}\n", encoding="utf-8")
    files["txt"].write_text(REPORT_2 + "\n", encoding="utf-8")
    files["jsonl"].write_text(
        json.dumps({"text": REPORT_2, "title": "Bomb", "date": "2024-05-08", "source": "Daily Nation"}) + "\n",
        encoding="utf-8",
    )
    files["json"].write_text(
        json.dumps({"body": REPORT, "published": "2024-03-12", "url": "https://example.org/a"}), encoding="utf-8"
    )
    buf = io.StringIO()
    writer = csv.DictWriter(buf, ["text", "title", "date", "source"])
    writer.writeheader()
    writer.writerow({"text": REPORT_2, "title": "Bomb", "date": "2024-05-08", "source": "The Star"})
    files["csv"].write_text(buf.getvalue(), encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in REPORT.split("\n\n"))
    files["html"].write_text(
        f"<html><head><title>Gunmen kill five</title><meta name='date' content='2024-03-12'></head>"
        f"<body><article><h1>Gunmen kill five</h1>{paragraphs}"
        f"<p>{'Residents said the attack lasted hours. ' * 3}</p></article></body></html>",
        encoding="utf-8",
    )
    files["rss"].write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        "<item><title>Bomb</title><pubDate>Wed, 08 May 2024 10:00:00 GMT</pubDate>"
        f"<description>{REPORT_2}</description>"
        "<link>https://example.org/b</link></item></channel></rss>",
        encoding="utf-8",
    )
    return files


@pytest.mark.parametrize("fmt", ["seed", "txt", "jsonl", "json", "csv", "html", "rss"])
def test_cli_extract_each_input_format(inputs, fmt):
    args = ["extract", str(inputs[fmt]), "--format", "jsonl", "--quiet"]
    if fmt == "txt":
        args += ["--date", "2024-05-08"]
    code, out, err = run(*args)
    assert code == 0, err
    events = events_of(out)
    assert events, f"no event from {fmt}: {err}"
    e = events[0]
    assert e["event_type"] in ("Violence against civilians", "Explosions/Remote violence", "Battles")
    assert e["fatalities"] in (3, 5)
    assert e["evidence"] and all(ev["text"] for ev in e["evidence"])
    assert e["articles"][0]["id"]


def test_cli_extract_evidence_quotes_the_article(inputs):
    _code, out, _ = run("extract", str(inputs["seed"]), "--quiet")
    event = events_of(out)[0]
    body = REPORT
    for ev in event["evidence"]:
        assert body[ev["start"] : ev["end"]] == ev["text"]


def test_cli_extract_csv_and_geojson(inputs):
    code, out, _ = run("extract", str(inputs["seed"]), "--format", "csv", "--quiet")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and list(rows[0])[:3] == ["event_id", "event_date", "year"]
    code, out, _ = run("extract", str(inputs["seed"]), "--format", "geojson", "--quiet")
    fc = json.loads(out)
    assert fc["type"] == "FeatureCollection" and fc["features"]


def test_cli_extract_directory_walk(inputs):
    code, out, err = run("extract", str(inputs["seed"].parent), "--quiet", "--date", "2024-05-08")
    assert code == 0, err
    assert len({e["articles"][0]["id"] for e in events_of(out)}) >= 2


@pytest.mark.parametrize(
    "name,content,expect",
    [
        ("empty.txt", b"", "E103"),
        ("blank.txt", b"   \n\n ", "E103"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "E102"),
        ("latin.txt", "Militants attacked Bannu, killing caf\xe9 owners.".encode("latin-1"), "E104"),
        ("baddate.txt", b"date 2025-13-45 Title\n\nGunmen attacked a village.", "E105"),
    ],
)
def test_cli_bad_input_is_named_and_the_rest_goes_on(tmp_path, inputs, name, content, expect):
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run("extract", str(bad), str(inputs["seed"]), "--quiet")
    assert code == 0  # something could be read
    assert name in err and expect in err
    assert events_of(out)


def test_cli_bad_json_line_names_the_line(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps({"text": REPORT_2, "date": "2024-05-08"}) + "\n{not json\n", encoding="utf-8")
    code, out, err = run("extract", str(f), "--quiet")
    assert code == 0
    assert "mixed.jsonl:2" in err
    assert events_of(out)


def test_cli_nothing_readable_exits_nonzero(tmp_path):
    missing = tmp_path / "nope.txt"
    code, _out, err = run("extract", str(missing), "--quiet")
    assert code != 0
    assert "nope.txt" in err


def test_cli_bad_date_option_is_rejected(inputs):
    code, _, err = run("extract", str(inputs["txt"]), "--date", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err


def test_cli_ingest_is_idempotent_and_events_filter(tmp_path, inputs, db_url):
    db = db_url
    code, _, err = run("ingest", str(inputs["seed"]), str(inputs["jsonl"]), "--db", db, "--quiet")
    assert code == 0, err
    code, first, _ = run("events", "--db", db, "--format", "jsonl")
    code, _, err = run("ingest", str(inputs["seed"]), str(inputs["jsonl"]), "--db", db, "--quiet")
    assert "0 new article(s)" in err
    code, second, _ = run("events", "--db", db, "--format", "jsonl")
    assert first == second and events_of(first)
    code, kenya, _ = run("events", "--db", db, "--country", "Kenya", "--format", "jsonl")
    assert events_of(kenya) and all(e["country"] == "Kenya" for e in events_of(kenya))
    out_file = tmp_path / "export.csv"
    code, _, err = run("export", "--db", db, "--output", str(out_file))
    assert code == 0 and out_file.read_text().startswith("event_id,")


def test_cli_events_missing_db_is_a_clear_error(tmp_path):
    code, _, err = run("events", "--db", str(tmp_path / "none.db"))
    assert code != 0 and "sitrep ingest" in err


def test_cli_confidence_threshold_leaves_out_or_tags_and_says_so(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(REPORT_2 + "\n", encoding="utf-8")
    code, out, err = run("extract", str(story), "--date", "2024-05-08")
    assert code == 0, err
    kept = events_of(out)
    assert kept and all(0 < e["confidence"] <= 1 for e in kept)
    # A threshold above every record's confidence: nothing on stdout, the count on stderr.
    code, out, err = run("extract", str(story), "--date", "2024-05-08", "--min-confidence", "1")
    assert code == 0 and events_of(out) == []
    assert f"{len(kept)} record(s) below confidence 1.00 left out" in err
    # --keep-low keeps them, tagged, with the same confidence.
    code, out, err = run("extract", str(story), "--date", "2024-05-08", "--min-confidence", "1", "--keep-low")
    tagged = events_of(out)
    assert [e["confidence"] for e in tagged] == [e["confidence"] for e in kept]
    assert all("sitrep: low confidence" in e["tags"] for e in tagged)
    assert "left out" not in err
    code, _, err = run("extract", str(story), "--min-confidence", "1.5")
    assert code == 2 and "min-confidence" in err


HYDERABAD = "Gunmen attacked a police station in Hyderabad on Monday, killing three officers, police said."


def test_country_is_the_place_hint_of_every_input(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(HYDERABAD)
    countries = {}
    for given in (None, "PK", "Pakistan", "pak"):
        code, out, _ = run("extract", str(report), "--date", "2024-03-11", *(["--country", given] if given else []))
        assert code == 0
        countries[given] = {e["country"] for e in events_of(out)}
    assert countries[None] == {"India"}  # the bigger Hyderabad when nothing says which
    assert countries["PK"] == countries["Pakistan"] == countries["pak"] == {"Pakistan"}


def test_an_unknown_country_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(HYDERABAD)
    code, out, err = run("extract", str(report), "--country", "Atlantis")
    assert code == 2 and out == ""
    assert "--country" in err and "'Atlantis' is no country" in err
