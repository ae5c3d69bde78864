"""The seed text format: `date YYYY-MM-DD TITLE`, a blank line, then the body (offsets preserved)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import BadDateLine, EmptyInput, InputError
from sitrep.model import Article, article_id_for
from sitrep.read import read_file, read_paths

TITLE = "Suicide bomber kills dozens at police mosque in Peshawar"
BODY = (
    "A suicide bomber blew himself up inside a mosque in the police lines of Peshawar during afternoon "
    "prayers on Monday, killing at least 59 people, most of them policemen.\n\n"
    "The roof of the prayer hall collapsed after the blast, trapping worshippers under the rubble, "
    "rescue officials said.  Hospitals in the city declared an emergency."
)


def _collect(paths: list[Path], **kw: object) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(read_paths(paths, on_error=errors.append, **kw))  # type: ignore[arg-type]
    return articles, errors


def _seed(tmp_path: Path, name: str, first_line: str, body: str = BODY, tail: str = "\n") -> Path:
    path = tmp_path / name
    path.write_text(f"{first_line}\n\n{body}{tail}", encoding="utf-8")
    return path


def test_seed_reads_date_title_and_body(tmp_path: Path) -> None:
    path = _seed(tmp_path, "peshawar.txt", f"date 2023-01-30 {TITLE}")
    [article] = read_file(path)
    assert article.published == date(2023, 1, 30)
    assert article.title == TITLE
    assert article.text == BODY
    assert article.id == article_id_for(BODY)
    assert article.path == str(path)
    assert article.url is None and article.source is None


def test_seed_offsets_are_offsets_into_the_body_as_written(tmp_path: Path) -> None:
    # Double spaces and paragraph breaks are kept, so an offset found in the file maps back exactly.
    path = _seed(tmp_path, "peshawar.txt", f"date 2023-01-30 {TITLE}")
    content = path.read_text(encoding="utf-8")
    body_start = content.index("\n\n") + 2
    [article] = read_file(path)
    for phrase in ("59 people", "said.  Hospitals", "The roof"):
        assert article.text.index(phrase) == content.index(phrase) - body_start


def test_seed_keeps_leading_characters_of_the_body(tmp_path: Path) -> None:
    body = "  Indented first line of the report.\nSecond line."
    path = _seed(tmp_path, "indent.txt", "date 2023-01-30 Indented", body=body)
    [article] = read_file(path)
    assert article.text == body


def test_seed_strips_only_trailing_newlines(tmp_path: Path) -> None:
    path = _seed(tmp_path, "tail.txt", f"date 2023-01-30 {TITLE}", tail="\n\n\n")
    [article] = read_file(path)
    assert article.text == BODY


def test_seed_tolerates_space_before_date_word(tmp_path: Path) -> None:
    path = _seed(tmp_path, "space.txt", f" date 2023-01-30 {TITLE}")
    [article] = read_file(path)
    assert article.published == date(2023, 1, 30)
    assert article.title == TITLE


def test_seed_after_utf8_bom_is_still_seed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + f"date 2023-01-30 {TITLE}\n\n{BODY}\n".encode())
    [article] = read_file(path)
    assert article.published == date(2023, 1, 30)
    assert article.text == BODY


def test_seed_without_title_takes_first_body_line(tmp_path: Path) -> None:
    path = _seed(tmp_path, "untitled.txt", "date 2023-01-30")
    [article] = read_file(path)
    assert article.title is not None and article.title.startswith("A suicide bomber blew himself up")


def test_seed_date_line_wins_over_default_date(tmp_path: Path) -> None:
    path = _seed(tmp_path, "peshawar.txt", f"date 2023-01-30 {TITLE}")
    [article] = read_file(path, default_date=date(2024, 1, 1))
    assert article.published == date(2023, 1, 30)


def test_seed_crlf_file_has_same_id_as_lf_file(tmp_path: Path) -> None:
    lf = _seed(tmp_path, "lf.txt", f"date 2023-01-30 {TITLE}")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(lf.read_bytes().replace(b"\n", b"\r\n"))
    [a], [b] = read_file(lf), read_file(crlf)
    assert a.id == b.id
    assert b.text == BODY


@pytest.mark.parametrize(
    "first_line",
    [
        "date 2025-13-45 Clashes reported near Kharkiv",
        "date 2023-02-30 Clashes reported near Kharkiv",
        "date yesterday Clashes reported near Kharkiv",
        "date",
        "date Clashes reported near Kharkiv",
    ],
)
def test_seed_bad_date_line_names_file_and_line_1(tmp_path: Path, first_line: str) -> None:
    bad = _seed(tmp_path, "a_bad.txt", first_line)
    good = _seed(tmp_path, "b_good.txt", f"date 2023-01-30 {TITLE}")
    articles, errors = _collect([bad, good])
    assert [a.path for a in articles] == [str(good)]
    [error] = errors
    assert isinstance(error, BadDateLine)
    assert f"{bad}:1" in str(error)
    assert error.code == "E105"


def test_seed_bad_date_line_raises_without_handler(tmp_path: Path) -> None:
    bad = _seed(tmp_path, "bad.txt", "date 2025-13-45 Clashes reported near Kharkiv")
    with pytest.raises(BadDateLine, match=re.escape("bad.txt:1")):
        list(read_file(bad))


def test_seed_without_body_is_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "nobody.txt"
    path.write_text(f"date 2023-01-30 {TITLE}\n\n   \n", encoding="utf-8")
    with pytest.raises(EmptyInput, match=re.escape("nobody.txt:3")):
        list(read_file(path))
