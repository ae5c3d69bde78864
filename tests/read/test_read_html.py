"""Saved HTML pages: main text and metadata through trafilatura, offline."""

from __future__ import annotations

import re
import socket
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import EmptyInput, UndecodableFile
from sitrep.read import read_file

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Car bombs kill scores in Mogadishu | Example Daily</title>
<meta property="og:title" content="Twin car bombs kill scores in Mogadishu">
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2022-10-30T07:15:00+03:00">
<link rel="canonical" href="https://news.example.org/africa/mogadishu-bombs">
</head><body>
<nav><a href="/">Home</a> | <a href="/africa">Africa</a></nav>
<article>
<h1>Twin car bombs kill scores in Mogadishu</h1>
<p>Two car bombs exploded minutes apart at the busy Zobe junction in Mogadishu on Saturday, next to the
education ministry, killing more than 100 people, the president said.</p>
<p>Al-Shabaab said it carried out the attack, its deadliest in the Somali capital in five years.</p>
<p>Many of the dead were street vendors and passengers on minibuses caught in the second blast.</p>
</article>
<div class="comments"><p>Reader comment: praying for the victims of this tragedy in Somalia.</p></div>
<footer>Copyright 2022 Example Daily. All rights reserved.</footer>
</body></html>
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
def test_html_reads_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "mogadishu.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_file(path)
    assert article.title == "Twin car bombs kill scores in Mogadishu"
    assert article.published == date(2022, 10, 30)
    assert article.source == "Example Daily"
    assert article.url == "https://news.example.org/africa/mogadishu-bombs"
    assert article.path == str(path)
    assert "Zobe junction in Mogadishu on Saturday" in article.text
    assert "Al-Shabaab said it carried out the attack" in article.text


@pytest.mark.usefixtures("no_network")
def test_html_drops_navigation_comments_and_footer(tmp_path: Path) -> None:
    path = tmp_path / "mogadishu.htm"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_file(path)
    for boilerplate in ("Home", "Reader comment", "Copyright"):
        assert boilerplate not in article.text


def test_html_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "mogadishu.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_file(path)
    paragraphs = article.text.split("\n\n")
    assert (
        paragraphs[-1] == "Many of the dead were street vendors and passengers on minibuses caught in the second blast."
    )
    assert all(p == p.strip() and p for p in paragraphs)


def test_html_without_date_markup_uses_default_date(tmp_path: Path) -> None:
    # The body mentions a date, but that is the event's date, not the page's: it must not be picked up.
    page = PAGE.replace('<meta property="article:published_time" content="2022-10-30T07:15:00+03:00">', "")
    page = page.replace("on Saturday", "on 29 October 2022")
    path = tmp_path / "undated.html"
    path.write_text(page, encoding="utf-8")
    [undated] = read_file(path)
    [dated] = read_file(path, default_date=date(2022, 10, 31))
    assert undated.published is None
    assert dated.published == date(2022, 10, 31)


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
        "Somali capital", "Somali capital \u2013 a city of 2.6 million"
    )
    path = tmp_path / "cp1252.html"
    path.write_bytes(page.encode("windows-1252"))
    [article] = read_file(path)
    assert "Somali capital \u2013 a city" in article.text


def test_html_invalid_bytes_without_declaration_are_undecodable(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace("Somali", "Somalí")
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    with pytest.raises(UndecodableFile, match=re.escape("latin.html")):
        list(read_file(path))


def test_html_without_main_text_is_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav></nav></body></html>", encoding="utf-8")
    with pytest.raises(EmptyInput, match=re.escape("blank.html")):
        list(read_file(path))


@pytest.mark.parametrize("name", ["saved_page", "saved_page.webarchive-text"])
def test_html_is_sniffed_when_extension_is_unknown(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_file(path)
    assert article.title == "Twin car bombs kill scores in Mogadishu"
    assert "<p>" not in article.text
