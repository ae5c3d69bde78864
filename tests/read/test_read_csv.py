"""CSV with a header row; each row's path is the line it starts on."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import BadRecord, EmptyInput, InputError
from sitrep.model import Article
from sitrep.read import read_file

LAHORE = (
    "Supporters of Imran Khan stormed a senior army commander's residence in Lahore after his arrest "
    "in Islamabad.\nPolice used tear gas to disperse crowds in several cities."
)
QUETTA = "Protesters blocked roads in Quetta after the arrest, and mobile internet was suspended."


def _collect(path: Path) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    return list(read_file(path, on_error=errors.append)), errors


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_csv_reads_columns_and_row_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "pakistan.csv",
        [
            ["Title", "Date", "Text", "URL", "Source"],
            ["Army residence stormed", "2023-05-09", LAHORE, "https://news.example.org/lahore", "Example Daily"],
            ["Roads blocked in Quetta", "Wed, 10 May 2023 08:00:00 +0500", QUETTA, "", ""],
        ],
    )
    articles, errors = _collect(path)
    assert errors == []
    first, second = articles
    # The first row's text holds a newline, so the second row starts on line 4.
    assert [first.path, second.path] == [f"{path}:2", f"{path}:4"]
    assert first.text == LAHORE
    assert first.title == "Army residence stormed"
    assert first.published == date(2023, 5, 9)
    assert first.url == "https://news.example.org/lahore"
    assert first.source == "Example Daily"
    assert second.published == date(2023, 5, 10)
    assert second.url is None and second.source is None


def test_csv_body_and_published_columns_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path / "excel.csv", [["body", "published"], [QUETTA, "2023-05-10"]], encoding="utf-8-sig")
    [article] = read_file(path)
    assert article.text == QUETTA
    assert article.published == date(2023, 5, 10)


def test_csv_bad_rows_are_reported_and_others_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "rows.csv",
        [
            ["text", "date"],
            [QUETTA, "2023-05-10"],
            ["", "2023-05-10"],
            [QUETTA, "10/05/2023"],
            [QUETTA, "2023-05-10", "extra"],
            [LAHORE, "2023-05-09"],
        ],
    )
    articles, errors = _collect(path)
    assert [a.path for a in articles] == [f"{path}:2", f"{path}:6"]
    assert [type(e) for e in errors] == [BadRecord] * 3
    assert [e.where for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "rows.csv:4" in str(errors[1]) and "bad date" in str(errors[1])


def test_csv_without_text_column_is_bad_record(tmp_path: Path) -> None:
    path = _write(tmp_path / "notext.csv", [["title", "date"], ["Quetta protest", "2023-05-10"]])
    with pytest.raises(BadRecord, match=re.escape("notext.csv:1")):
        list(read_file(path))


@pytest.mark.parametrize("rows", [[["text", "date"]], [["text", "date"], ["", ""], [" ", ""]]])
def test_csv_header_without_data_rows_is_empty_input(tmp_path: Path, rows: list[list[str]]) -> None:
    path = _write(tmp_path / "header.csv", rows)
    with pytest.raises(EmptyInput, match=re.escape("header.csv: the CSV file has no data rows")):
        list(read_file(path))
