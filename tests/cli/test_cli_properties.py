"""Properties of `sitrep extract` on any input: random text, random dates (or none) and random bytes, in
every input format and every output format.

Whatever it is given, extract exits as documented (0 when some article was read, 1 when none could be),
never shows a traceback, names each input it skipped with an error code on stderr, and writes on stdout
only the requested output, which parses. Most examples run in-process (click's CliRunner); one real process
checks what a user sees, and one starts from an empty gazetteer cache (its build must not touch stdout).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.cli import main
from sitrep.export.csv import CSV_COLUMNS
from sitrep.gazetteer.rows import FILE_NAME

OUTPUT_FORMATS = ["jsonl", "csv", "geojson", "table"]
INPUT_FORMATS = ["seed", "txt", "jsonl", "json", "csv", "html", "rss"]
_SKIPPED = re.compile(r"^sitrep: skipped .*\bE1\d\d\b", re.MULTILINE)

# Words that make events likely, so that many examples reach the pipeline's later stages, mixed with
# anything hypothesis likes (control characters, other scripts, markup).
_WORDS = st.sampled_from(
    ["Gunmen", "killed", "three", "soldiers", "in", "Peshawar", "on", "Monday", "a", "bomb", "exploded", "near",
     "Kismayo", "yesterday", "protesters", "police", "fired", "at", "May", "5", "2024", "last", "week", ",", ".",
     "\n\n", "Al-Shabaab", "claimed", "the", "attack", "<b>", "&amp;", '"', "é", "\u200b", "\x00"]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map(" ".join))
# Dates as a user may write them, or none: valid days (some far off), impossible ones, and junk.
_DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["2024-02-30", "2024-13-01", "yesterday", "", "0000-00-00", "2025-05-07T10:00:00Z"]),
    st.text(max_size=12),
)


def _input_file(folder: Path, kind: str, text: str, day: str | None) -> Path:
    """One input of the given format holding `text`, dated `day` where the format has a date."""
    if kind == "seed":
        path = folder / "a.txt"
        path.write_text(f"date {day or ''} Report\n\n{text}", encoding="utf-8")
    elif kind == "txt":
        path = folder / "a.txt"
        path.write_text(text, encoding="utf-8")
    elif kind in ("jsonl", "json"):
        record = {"text": text, "title": "Report"} if day is None else {"text": text, "date": day}
        path = folder / f"a.{kind}"
        path.write_text(json.dumps(record, ensure_ascii=False) + ("\n" if kind == "jsonl" else ""), encoding="utf-8")
    elif kind == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["text", "date"])
        writer.writeheader()
        writer.writerow({"text": text, "date": day or ""})
        path = folder / "a.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
    elif kind == "html":
        meta = f'<meta property="article:published_time" content="{day}">' if day is not None else ""
        path = folder / "a.html"
        path.write_text(f"<html><head>{meta}<title>Report</title></head><body><p>{text}</p></body></html>",
                        encoding="utf-8")  # fmt: skip
    else:
        pub = f"<pubDate>{day}</pubDate>" if day is not None else ""
        path = folder / "a.rss"
        path.write_text(f"<rss version='2.0'><channel><title>Feed</title><item><title>Report</title>"
                        f"<description>{text}</description>{pub}</item></channel></rss>", encoding="utf-8")  # fmt: skip
    return path


def check_output(fmt: str, stdout: str) -> None:
    """stdout holds the requested format and nothing else."""
    if fmt == "jsonl":
        for line in stdout.splitlines():
            event = json.loads(line)
            assert isinstance(event, dict) and "event_date" in event
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(stdout)))
        assert rows[0] == CSV_COLUMNS and all(len(r) == len(CSV_COLUMNS) for r in rows)
    elif fmt == "geojson":
        assert json.loads(stdout)["type"] == "FeatureCollection"
    else:
        assert "event" in stdout.splitlines()[-1]  # the table's caption: "N events"


def check_run(code: int, stdout: str, stderr: str, fmt: str) -> None:
    assert "Traceback" not in stdout + stderr
    assert code in (0, 1), (code, stderr)
    if code == 1:  # nothing could be read: each input was named, and there is nothing on stdout but an empty result
        assert _SKIPPED.search(stderr), stderr
    check_output(fmt, stdout)


def _extract(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(kind=st.sampled_from(INPUT_FORMATS), text=_TEXTS, day=_DATES, option=st.one_of(st.none(), st.dates()),
       fmt=st.sampled_from(OUTPUT_FORMATS))  # fmt: skip
def test_cli_properties_extract_any_text_and_date(tmp_path_factory, kind, text, day, option, fmt):
    path = _input_file(tmp_path_factory.mktemp("in"), kind, text, day)
    args = [str(path), "--format", fmt] + (["--date", option.isoformat()] if option else [])
    code, stdout, stderr = _extract(args)
    check_run(code, stdout, stderr, fmt)
    if code == 0 and fmt == "jsonl":
        for event in map(json.loads, stdout.splitlines()):
            # A day is a day or unknown, with the precision that says which.
            assert (event["event_date"] == "") == (event["time_precision"] == 4) == (event["year"] is None)


@_SETTINGS
@given(suffix=st.sampled_from([".txt", ".jsonl", ".json", ".csv", ".html", ".rss", ".xml", ".bin", ""]),
       data=st.binary(max_size=400), fmt=st.sampled_from(OUTPUT_FORMATS))  # fmt: skip
def test_cli_properties_extract_any_bytes(tmp_path_factory, suffix, data, fmt):
    path = tmp_path_factory.mktemp("in") / f"a{suffix}"
    path.write_bytes(data)
    code, stdout, stderr = _extract([str(path), "--format", fmt])
    check_run(code, stdout, stderr, fmt)


def _sitrep(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from sitrep.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=900, check=False)


def test_cli_properties_real_process_on_mixed_inputs(tmp_path: Path) -> None:
    """A real process, as a user runs it: good, undated and broken inputs together, every output format."""
    folder = tmp_path / "in"
    folder.mkdir()
    report = "Gunmen killed three soldiers in Peshawar on Monday."
    for i, kind in enumerate(INPUT_FORMATS):
        sub = folder / str(i)
        sub.mkdir()
        _input_file(sub, kind, report, None if i % 2 else "2025-05-07")
    (folder / "noise.bin").write_bytes(bytes(range(256)))
    (folder / "bad.jsonl").write_text('{"text": "x"\n', encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Soldats tués à Gao".encode("latin-1"))
    for fmt in ("jsonl", "geojson"):  # each run loads spaCy: the other formats are checked in-process above
        done = _sitrep(["extract", str(folder), "--format", fmt], dict(os.environ))
        check_run(done.returncode, done.stdout, done.stderr, fmt)
        assert done.returncode == 0 and len(_SKIPPED.findall(done.stderr)) == 3
        assert "have no date" in done.stderr


def test_cli_properties_empty_cache_keeps_stdout_clean(tmp_path: Path) -> None:
    """With no gazetteer yet, extract builds one first; what that says goes to stderr, never to stdout."""
    article = tmp_path / "a.txt"
    article.write_text("date 2025-05-07 Two attacks\n\nGunmen killed three soldiers in Peshawar on Monday.\n\n"
                       "A roadside bomb killed two policemen in Bannu on Tuesday.\n", encoding="utf-8")  # fmt: skip
    env = {**os.environ, "SITREP_CACHE": str(tmp_path / "cache")}
    env["SITREP_NO_GADM"] = "1"  # the build without GADM's districts: the same progress, a fifth faster
    done = _sitrep(["extract", str(article), "--format", "jsonl"], env)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["location"] for line in lines)
    assert "building the gazetteer" in done.stderr
    assert (tmp_path / "cache" / FILE_NAME).exists()
