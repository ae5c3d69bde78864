"""RSS/Atom files: one Article per entry with text, markup removed, read offline from the file's bytes."""

from __future__ import annotations

import re
import socket
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import BadRecord, EmptyInput, InputError, UnsupportedFormat
from sitrep.model import Article
from sitrep.read import read_file

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Frontline Wire</title><link>https://wire.example.org</link><description>Conflict news</description>
<item>
  <title>Protesters storm Kenyan parliament</title>
  <link>https://wire.example.org/kenya-parliament</link>
  <pubDate>Wed, 26 Jun 2024 01:10:00 +0300</pubDate>
  <description><![CDATA[<p>Protesters broke into the parliament building in Nairobi as
  lawmakers passed a finance bill.</p><p>Police fired live rounds<br/>and tear gas.</p>
  <script>track()</script>]]></description>
</item>
<item>
  <title>Link without text</title>
  <link>https://wire.example.org/link-only</link>
</item>
<item>
  <title>Curfew in Bangladesh</title>
  <link>https://wire.example.org/dhaka-curfew</link>
  <pubDate>Sat, 20 Jul 2024 09:00:00 +0600</pubDate>
  <description>Authorities imposed a nationwide curfew after clashes over job quotas left dozens dead.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Sahel Monitor</title><id>urn:sahel</id><updated>2024-08-25T00:00:00Z</updated>
<entry>
  <title>Attack on trench diggers near Barsalogho</title><id>urn:sahel:1</id>
  <link href="https://sahel.example.org/barsalogho"/>
  <published>2024-08-24T18:00:00Z</published><updated>2024-08-25T10:00:00Z</updated>
  <summary>Short teaser only.</summary>
  <content type="html">&lt;p&gt;Gunmen attacked residents digging trenches around Barsalogho.&lt;/p&gt;
  &lt;p&gt;Scores were killed.&lt;/p&gt;</content>
</entry>
</feed>
"""


def _collect(path: Path) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    return list(read_file(path, on_error=errors.append)), errors


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
def test_feed_rss_entries_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, errors = _collect(path)
    kenya, dhaka = articles
    assert kenya.title == "Protesters storm Kenyan parliament"
    assert kenya.url == "https://wire.example.org/kenya-parliament"
    assert kenya.source == "Frontline Wire"
    assert kenya.path == f"{path}#0"
    assert dhaka.path == f"{path}#2"
    assert dhaka.text == "Authorities imposed a nationwide curfew after clashes over job quotas left dozens dead."
    [error] = errors
    assert isinstance(error, BadRecord)
    assert f"{path}#1" in str(error)


def test_feed_html_is_stripped_to_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    kenya, _ = _collect(path)[0]
    assert kenya.text == (
        "Protesters broke into the parliament building in Nairobi as lawmakers passed a finance bill.\n\n"
        "Police fired live rounds\nand tear gas."
    )


def test_feed_date_is_the_day_as_written_not_utc(tmp_path: Path) -> None:
    # 01:10 on the 26th in Nairobi is the 25th in UTC; the article's own day is kept.
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    kenya, dhaka = _collect(path)[0]
    assert kenya.published == date(2024, 6, 26)
    assert dhaka.published == date(2024, 7, 20)


def test_feed_atom_prefers_content_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "sahel.atom"
    path.write_text(ATOM, encoding="utf-8")
    [article] = read_file(path)
    assert article.text == "Gunmen attacked residents digging trenches around Barsalogho.\n\nScores were killed."
    assert article.published == date(2024, 8, 24)
    assert article.url == "https://sahel.example.org/barsalogho"
    assert article.source == "Sahel Monitor"


@pytest.mark.parametrize("name", ["feed.txt", "feed", "feed.dat"])
def test_feed_is_sniffed_from_xml_prolog_and_root(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ATOM, encoding="utf-8")
    [article] = read_file(path)
    assert article.source == "Sahel Monitor"


def test_feed_xml_that_is_not_a_feed_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?>\n<urlset><url><loc>https://x.example</loc></url></urlset>\n')
    with pytest.raises(UnsupportedFormat, match=re.escape("sitemap.xml")):
        list(read_file(path))


def test_feed_malformed_is_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("this is not <xml at all", encoding="utf-8")
    with pytest.raises(BadRecord, match=re.escape("broken.rss")):
        list(read_file(path))


def test_feed_without_entries_is_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "quiet.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    with pytest.raises(EmptyInput, match=re.escape("quiet.rss")):
        list(read_file(path))
