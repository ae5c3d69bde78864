"""JSON documents: an object, a list of objects, or {"articles": [...]}."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import BadRecord, EmptyInput, InputError
from sitrep.model import Article
from sitrep.read import read_file

MOGADISHU = (
    "Two car bombs exploded minutes apart at a busy junction near Somalia's education ministry in "
    "Mogadishu, killing more than 100 people. Al-Shabaab said it was behind the attack."
)
BARSALOGHO = (
    "Jihadist fighters attacked villagers who were digging defensive trenches around Barsalogho in "
    "central Burkina Faso, killing scores of civilians and soldiers."
)


def _collect(path: Path) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    return list(read_file(path, on_error=errors.append)), errors


def test_json_single_object_path_is_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mogadishu.json"
    record = {
        "text": MOGADISHU,
        "title": "Twin car bombs in Mogadishu",
        "published": "2022-10-29T18:00:00Z",
        "url": "https://news.example.org/mogadishu",
        "publisher": "Example Daily",
    }
    path.write_text(json.dumps(record), encoding="utf-8")
    [article] = read_file(path)
    assert article.path == str(path)
    assert article.text == MOGADISHU
    assert article.title == "Twin car bombs in Mogadishu"
    assert article.published == date(2022, 10, 29)
    assert article.url == "https://news.example.org/mogadishu"
    assert article.source == "Example Daily"


def test_json_nested_source_name_is_used(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"text": MOGADISHU, "source": {"id": "ex", "name": "Example Wire"}}), encoding="utf-8")
    [article] = read_file(path)
    assert article.source == "Example Wire"


@pytest.mark.parametrize("wrap", [lambda items: items, lambda items: {"articles": items}])
def test_json_list_paths_are_file_and_index(tmp_path: Path, wrap: object) -> None:
    path = tmp_path / "list.json"
    items = [{"text": MOGADISHU, "date": "2022-10-29"}, {"body": BARSALOGHO, "date": "2024-08-24"}]
    path.write_text(json.dumps(wrap(items), indent=2), encoding="utf-8")  # type: ignore[operator]
    articles, errors = _collect(path)
    assert errors == []
    assert [a.path for a in articles] == [f"{path}#0", f"{path}#1"]
    assert [a.published for a in articles] == [date(2022, 10, 29), date(2024, 8, 24)]


def test_json_bad_element_is_reported_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    items = [{"text": MOGADISHU}, {"title": "headline only"}, "not an object", {"text": BARSALOGHO, "date": "soon"}]
    items.append({"text": BARSALOGHO})
    path.write_text(json.dumps(items), encoding="utf-8")
    articles, errors = _collect(path)
    assert [a.path for a in articles] == [f"{path}#0", f"{path}#4"]
    assert [type(e) for e in errors] == [BadRecord, BadRecord, BadRecord]
    assert [e.where for e in errors] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert "bad date" in str(errors[2])


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "text": "Shelling in Kherson",\n  "title": oops\n}\n', encoding="utf-8")
    articles, [error] = _collect(path)
    assert articles == []
    assert isinstance(error, BadRecord)
    assert "broken.json:3" in str(error)
    assert "not valid JSON" in str(error)


def test_json_lines_saved_as_json_get_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text(json.dumps({"text": MOGADISHU}) + "\n" + json.dumps({"text": BARSALOGHO}) + "\n", encoding="utf-8")
    _, [error] = _collect(path)
    assert "lines.json:2" in str(error)
    assert ".jsonl" in str(error)


def test_json_scalar_document_is_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "scalar.json"
    path.write_text('"just a string"', encoding="utf-8")
    with pytest.raises(BadRecord, match=re.escape("scalar.json")):
        list(read_file(path))


@pytest.mark.parametrize("doc", ["[]", '{"articles": []}'])
def test_json_empty_list_is_empty_input(tmp_path: Path, doc: str) -> None:
    path = tmp_path / "empty.json"
    path.write_text(doc, encoding="utf-8")
    with pytest.raises(EmptyInput, match=re.escape("empty.json: the JSON list holds no records")):
        list(read_file(path))
