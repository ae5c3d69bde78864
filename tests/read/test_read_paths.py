"""read_paths / read_file / read_text: directory walking, ids, error policy and the reader registry."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from sitrep.errors import BadDateLine, BadRecord, EmptyInput, InputError, UnreadableFile
from sitrep.model import Article, article_id_for
from sitrep.read import READERS, read_file, read_paths, read_text

KHARKIV = (
    "A Russian guided bomb hit a hypermarket in Kharkiv on Saturday afternoon while it was full of "
    "shoppers, killing at least 12 people, regional officials said."
)
GAZA = (
    "An Israeli strike on a school sheltering displaced families in Gaza City killed several people, "
    "the territory's civil defence agency said."
)


def _collect(paths: list[Path], **kw: object) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(read_paths(paths, on_error=errors.append, **kw))  # type: ignore[arg-type]
    return articles, errors


def _tree(root: Path) -> None:
    """A small corpus in several formats, with hidden and gold files that must be skipped."""
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "a_kharkiv.txt").write_text(f"date 2024-05-25 Guided bomb hits Kharkiv store\n\n{KHARKIV}\n")
    (root / "a_kharkiv.gold.json").write_text(json.dumps({"events": []}))
    (root / "b_sub" / "gaza.jsonl").write_text(json.dumps({"text": GAZA, "date": "2024-08-10"}) + "\n")
    (root / "b_sub" / "deeper" / "note.txt").write_text(KHARKIV + "\n")
    (root / "c_last.txt").write_text(GAZA + "\n")
    (root / ".hidden.txt").write_text(GAZA)
    (root / ".hidden_dir" / "secret.txt").write_text(KHARKIV)


def test_paths_walks_directories_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, errors = _collect([tmp_path])
    assert errors == []
    assert [a.path for a in articles] == [
        str(tmp_path / "a_kharkiv.txt"),
        f"{tmp_path / 'b_sub' / 'deeper' / 'note.txt'}",
        f"{tmp_path / 'b_sub' / 'gaza.jsonl'}:1",
        str(tmp_path / "c_last.txt"),
    ]


def test_paths_same_text_gets_same_id(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, _ = _collect([tmp_path])
    by_path = {Path(a.path or "").name: a for a in articles}
    # The seed body, the plain copy (ending in a newline), the JSON string and in-memory text are one article.
    assert by_path["a_kharkiv.txt"].id == by_path["note.txt"].id == read_text(KHARKIV).id == article_id_for(KHARKIV)
    assert by_path["c_last.txt"].id == by_path["gaza.jsonl:1"].id


def test_paths_files_and_directories_mix_in_given_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, _ = _collect([tmp_path / "c_last.txt", tmp_path / "b_sub"])
    assert [Path(a.path or "").name for a in articles] == ["c_last.txt", "note.txt", "gaza.jsonl:1"]


def test_paths_default_date_applies_only_where_input_has_none(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, _ = _collect([tmp_path], default_date=date(2024, 8, 11))
    assert [a.published for a in articles] == [
        date(2024, 5, 25),
        date(2024, 8, 11),
        date(2024, 8, 10),
        date(2024, 8, 11),
    ]


def test_paths_bad_files_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "b_sub" / "bad_date.txt").write_text(f"date 2024-02-30 Impossible\n\n{GAZA}")
    (tmp_path / "b_sub" / "empty.txt").write_text("")
    (tmp_path / "b_sub" / "mixed.jsonl").write_text(f'{json.dumps({"text": GAZA})}\n{{"title": "no text"}}\n')
    articles, errors = _collect([tmp_path])
    assert len(articles) == 5
    assert [(type(e), e.where) for e in errors] == [
        (BadDateLine, f"{tmp_path / 'b_sub' / 'bad_date.txt'}:1"),
        (EmptyInput, str(tmp_path / "b_sub" / "empty.txt")),
        (BadRecord, f"{tmp_path / 'b_sub' / 'mixed.jsonl'}:2"),
    ]


def test_paths_without_handler_raise_the_first_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(KHARKIV)
    (tmp_path / "b.txt").write_text("")
    articles = read_paths([tmp_path])
    assert next(articles).text == KHARKIV
    with pytest.raises(EmptyInput, match=re.escape("b.txt")):
        next(articles)


def test_paths_handler_that_reraises_is_called_once(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text('{"text": "Shelling in Kherson"}\n{oops\n')
    seen: list[InputError] = []

    def strict(error: InputError) -> None:
        seen.append(error)
        raise error

    with pytest.raises(BadRecord):
        list(read_paths([path], on_error=strict))
    assert len(seen) == 1


def test_paths_accept_strings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(KHARKIV)
    [article] = read_paths([str(tmp_path / "a.txt")])
    assert article.text == KHARKIV


def test_paths_read_file_on_a_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="directory"):
        list(read_file(tmp_path))


def test_paths_gold_file_named_explicitly_is_still_read(tmp_path: Path) -> None:
    # Skipping gold files is a walking rule; a file the user names is always tried.
    gold = tmp_path / "x.gold.json"
    gold.write_text(json.dumps({"events": []}))
    with pytest.raises(BadRecord, match=re.escape("x.gold.json")):
        list(read_paths([gold]))


def test_read_text_builds_an_article() -> None:
    article = read_text(
        GAZA.replace("\n", "\r\n"),
        published=datetime(2024, 8, 10, 9, 30),
        source="Example Daily",
        url="https://news.example.org/gaza-school",
    )
    assert article.text == GAZA
    assert article.id == article_id_for(GAZA)
    assert article.published == date(2024, 8, 10)
    assert type(article.published) is date
    assert article.title is not None and GAZA.startswith(article.title.rstrip("…"))
    assert article.source == "Example Daily"
    assert article.url == "https://news.example.org/gaza-school"
    assert article.path is None


def test_read_text_explicit_title_wins() -> None:
    assert read_text(GAZA, title="School strike in Gaza City").title == "School strike in Gaza City"


def test_read_text_empty_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        read_text(" \n ")


def test_registry_lists_every_format() -> None:
    # A snapshot: renaming or dropping a format must be deliberate (the CLI and docs name them).
    assert sorted(READERS) == ["csv", "feed", "html", "json", "jsonl", "seed", "txt"]


def test_paths_unlistable_directory_is_reported_and_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    real_scandir = os.scandir

    # chmod cannot lock out root (tests may run as root), so the refusal is simulated.
    def scandir(path: str | Path) -> Iterator[os.DirEntry[str]]:
        if Path(path).name == "b_sub":
            raise PermissionError(13, os.strerror(13), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, [error] = _collect([tmp_path])
    assert isinstance(error, UnreadableFile)
    assert "b_sub" in str(error) and "cannot list directory" in str(error)
    assert [Path(a.path or "").name for a in articles] == ["a_kharkiv.txt", "c_last.txt"]
