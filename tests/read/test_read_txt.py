"""Plain text files: the content unchanged, the date from the caller, the title from line 1."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitrep.model import article_id_for
from sitrep.read import read_file

TEXT = (
    "\n"
    "Gunmen storm concert hall outside Moscow\n"
    "\n"
    "Armed men opened fire on people gathered for a rock concert at Crocus City Hall in Krasnogorsk on "
    "Friday evening and then set the building alight, Russian officials said. Islamic State later claimed "
    "the attack.\n"
)


def test_txt_text_is_file_content_without_final_newline(tmp_path: Path) -> None:
    # Everything up to the final newline is kept as is (the leading blank line too), so offsets match.
    path = tmp_path / "crocus.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = read_file(path)
    assert article.text == TEXT.rstrip("\n")
    assert article.id == article_id_for(TEXT.rstrip("\n"))
    assert article.text.index("Crocus City Hall") == TEXT.index("Crocus City Hall")
    assert article.path == str(path)


def test_txt_title_is_first_non_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "crocus.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = read_file(path)
    assert article.title == "Gunmen storm concert hall outside Moscow"


def test_txt_long_first_line_title_is_truncated(tmp_path: Path) -> None:
    line = "Armed men opened fire on people gathered for a rock concert " * 5
    path = tmp_path / "long.txt"
    path.write_text(line + "\n", encoding="utf-8")
    [article] = read_file(path)
    assert article.title is not None
    assert len(article.title) <= 121
    assert article.title.endswith("…")
    assert line.startswith(article.title[:-1])


def test_txt_date_comes_from_default_date(tmp_path: Path) -> None:
    path = tmp_path / "crocus.txt"
    path.write_text(TEXT, encoding="utf-8")
    [dated] = read_file(path, default_date=date(2024, 3, 22))
    [undated] = read_file(path)
    assert dated.published == date(2024, 3, 22)
    assert undated.published is None


def test_txt_capitalised_date_word_is_plain_text(tmp_path: Path) -> None:
    # Only the lower-case marker `date ` makes a seed file; an article may well start with "Date".
    path = tmp_path / "dates.txt"
    text = "Date palm groves burned after shelling near Basra, farmers said.\n"
    path.write_text(text, encoding="utf-8")
    [article] = read_file(path)
    assert article.text == text.rstrip("\n")
    assert article.published is None


def test_txt_unknown_text_extension_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "crocus.md"
    path.write_text(TEXT, encoding="utf-8")
    [article] = read_file(path)
    assert article.text == TEXT.rstrip("\n")
