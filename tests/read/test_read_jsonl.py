"""JSON Lines: one article per line; a bad line is reported with its number and costs only itself."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import BadRecord, InputError, UndecodableFile
from sitrep.model import Article, article_id_for
from sitrep.read import read_file

NAIROBI = (
    "Protesters broke into Kenya's parliament in Nairobi on Tuesday as lawmakers passed a contested "
    "finance bill. Police opened fire on the crowd and several people were killed."
)
JAFFAR = (
    "Separatist militants attacked the Jaffar Express in Balochistan's Bolan Pass and took hundreds of "
    "passengers hostage. The Baloch Liberation Army said it carried out the assault."
)


def _collect(path: Path, **kw: object) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(read_file(path, on_error=errors.append, **kw))  # type: ignore[arg-type]
    return articles, errors


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_reads_every_field(tmp_path: Path) -> None:
    record = {
        "text": NAIROBI,
        "title": "Protesters storm Kenyan parliament",
        "date": "2024-06-25",
        "url": "https://news.example.org/kenya-parliament",
        "source": "Example Daily",
    }
    path = _write(tmp_path / "kenya.jsonl", [json.dumps(record)])
    [article] = read_file(path)
    assert article.text == NAIROBI
    assert article.id == article_id_for(NAIROBI)
    assert article.title == "Protesters storm Kenyan parliament"
    assert article.published == date(2024, 6, 25)
    assert article.url == "https://news.example.org/kenya-parliament"
    assert article.source == "Example Daily"
    assert article.path == f"{path}:1"


def test_jsonl_accepts_body_published_publisher_aliases(tmp_path: Path) -> None:
    record = {"body": JAFFAR, "published": "Tue, 11 Mar 2025 13:05:00 +0500", "publisher": "Example Wire"}
    path = _write(tmp_path / "jaffar.jsonl", [json.dumps(record)])
    [article] = read_file(path)
    assert article.text == JAFFAR
    assert article.published == date(2025, 3, 11)
    assert article.source == "Example Wire"
    assert article.title is None


def test_jsonl_datetime_keeps_the_day_as_written(tmp_path: Path) -> None:
    # 00:30 in Nairobi is still the 25th in Nairobi, though the 24th in UTC.
    path = _write(tmp_path / "k.jsonl", [json.dumps({"text": NAIROBI, "date": "2024-06-25T00:30:00+03:00"})])
    [article] = read_file(path)
    assert article.published == date(2024, 6, 25)


def test_jsonl_missing_date_uses_default_date(tmp_path: Path) -> None:
    path = _write(tmp_path / "k.jsonl", [json.dumps({"text": NAIROBI})])
    [article] = read_file(path, default_date=date(2024, 6, 26))
    assert article.published == date(2024, 6, 26)


def test_jsonl_path_is_file_and_line_skipping_blank_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "two.jsonl", [json.dumps({"text": NAIROBI}), "", json.dumps({"text": JAFFAR})])
    articles, errors = _collect(path)
    assert errors == []
    assert [a.path for a in articles] == [f"{path}:1", f"{path}:3"]


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ('{"text": "Shelling hit Kharkiv overnight", ', "not valid JSON"),
        (json.dumps({"title": "No body here", "date": "2024-06-25"}), "no 'text' or 'body'"),
        (json.dumps({"text": "   ", "title": "Blank body"}), "no 'text' or 'body'"),
        (json.dumps({"text": NAIROBI, "date": "25/06/2024"}), "bad date"),
        (json.dumps({"text": NAIROBI, "date": "2024-06-31"}), "bad date"),
        (json.dumps({"text": NAIROBI, "date": 20240625}), "must be a string"),
        (json.dumps({"text": NAIROBI, "title": ["a", "list"]}), "must be a string"),
        (json.dumps([NAIROBI]), "expected a JSON object"),
    ],
)
def test_jsonl_bad_line_is_reported_and_others_read(tmp_path: Path, bad_line: str, problem: str) -> None:
    path = _write(tmp_path / "mixed.jsonl", [json.dumps({"text": NAIROBI}), bad_line, json.dumps({"text": JAFFAR})])
    articles, errors = _collect(path)
    assert [a.text for a in articles] == [NAIROBI, JAFFAR]
    [error] = errors
    assert isinstance(error, BadRecord)
    assert error.where == f"{path}:2"
    assert "mixed.jsonl:2" in str(error)
    assert problem in str(error)


def test_jsonl_invalid_utf8_line_is_reported_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    good = json.dumps({"text": NAIROBI}).encode("utf-8")
    bad = '{"text": "Protest in Bogotá"}'.encode("latin-1")
    path.write_bytes(good + b"\n" + bad + b"\n" + json.dumps({"text": JAFFAR}).encode("utf-8") + b"\n")
    articles, errors = _collect(path)
    assert [a.text for a in articles] == [NAIROBI, JAFFAR]
    [error] = errors
    assert isinstance(error, UndecodableFile)
    assert "latin.jsonl:2" in str(error)


def test_jsonl_raises_first_bad_line_without_handler(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", [json.dumps({"text": NAIROBI}), "{oops"])
    articles = read_file(path)
    assert next(articles).text == NAIROBI
    with pytest.raises(BadRecord, match=re.escape("bad.jsonl:2")):
        next(articles)
