"""Whole-file problems every format shares: unreadable, binary, empty, undecodable, unsupported."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sitrep.errors import BinaryFile, EmptyInput, InputError, UndecodableFile, UnreadableFile, UnsupportedFormat
from sitrep.model import Article
from sitrep.read import read_file, read_paths

STORY = (
    "Russian missiles struck an apartment block in Dnipro on Saturday, killing dozens of residents. "
    "Rescuers searched the rubble through the night."
)


def _collect(paths: list[Path]) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    return list(read_paths(paths, on_error=errors.append)), errors


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "z_good.txt"
    path.write_text(STORY + "\n", encoding="utf-8")
    return path


def test_source_missing_path_is_unreadable(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    articles, [error] = _collect([missing, _good(tmp_path)])
    assert isinstance(error, UnreadableFile)
    assert "missing.txt" in str(error) and "no such file" in str(error)
    assert [a.text for a in articles] == [STORY]


def test_source_permission_denied_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    # chmod cannot lock out root (tests may run as root), so the refusal is simulated.
    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, os.strerror(13), str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, [error] = _collect([locked, _good(tmp_path)])
    assert isinstance(error, UnreadableFile)
    assert "locked.txt" in str(error) and "Permission denied" in str(error)
    assert len(articles) == 1


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00 some zipped article",
        bytes(range(1, 32)) * 40,
    ],
    ids=["nul-bytes", "control-bytes"],
)
@pytest.mark.parametrize("name", ["blob.txt", "blob.json", "blob.csv", "blob.jsonl"])
def test_source_binary_data_under_text_extension_is_binary_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    articles, [error] = _collect([path, _good(tmp_path)])
    assert isinstance(error, BinaryFile)
    assert name in str(error)
    assert len(articles) == 1


@pytest.mark.parametrize("name", ["report.pdf", "photo.jpg", "noextension"])
def test_source_binary_with_unknown_extension_is_unsupported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary payload")
    articles, [error] = _collect([path, _good(tmp_path)])
    assert isinstance(error, UnsupportedFormat)
    assert name in str(error)
    assert len(articles) == 1


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf", "\u00a0\u3000\n".encode()])
@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.json", "empty.csv", "empty.html", "empty.rss"])
def test_source_empty_or_whitespace_is_empty_input(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    articles, [error] = _collect([path, _good(tmp_path)])
    assert isinstance(error, EmptyInput), error
    assert name in str(error)
    assert len(articles) == 1


def test_source_latin1_is_undecodable_with_line_number(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Protest in Bogotá\nMarchers filled the Plaza de Bolívar.\n".encode("latin-1"))
    articles, [error] = _collect([path, _good(tmp_path)])
    assert isinstance(error, UndecodableFile)
    assert "latin1.txt:1" in str(error)
    assert "0xe1" in str(error)
    assert len(articles) == 1


def test_source_undecodable_later_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"Clashes in Bogota\n\nMarchers filled the Plaza de Bol\xedvar.\n")
    with pytest.raises(UndecodableFile, match=re.escape("late.txt:3")):
        list(read_file(path))


def test_source_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    [article] = read_file(path)
    assert article.text == STORY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_source_utf16_with_bom_is_text_not_binary(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(STORY.encode(encoding))
    [article] = read_file(path)
    assert article.text == STORY


def test_source_crlf_is_normalised_before_hashing(tmp_path: Path) -> None:
    unix, windows = tmp_path / "unix.txt", tmp_path / "windows.txt"
    unix.write_bytes(STORY.encode())
    windows.write_bytes(STORY.replace("\n", "\r\n").encode())
    [a], [b] = read_file(unix), read_file(windows)
    assert a.id == b.id
    assert b.text == STORY
