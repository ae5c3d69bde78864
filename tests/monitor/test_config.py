"""The sources file and durations."""

from __future__ import annotations

import re

import pytest

from sitrep.errors import ConfigError
from sitrep.monitor import SourceConfig, load_sources, parse_interval
from sitrep.monitor.config import USER_AGENT


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400), ("0s", 0), (30, 30)]
)
def test_durations(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["soon", "-5m", "15 minutes", ""])
def test_a_bad_duration_names_the_option(text):
    with pytest.raises(ConfigError, match="--interval"):
        parse_interval(text, where="--interval")


def test_a_sources_file_gives_each_source_with_its_options(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(
        '[[source]]\nname = "Desk A"\nurl = "https://a.example/feed.xml"\ncountry = "Pakistan"\ninterval = "15m"\n'
        '[[source]]\nurl = "https://b.example/sitemap.xml"\n'
    )
    assert load_sources(path) == [
        SourceConfig("Desk A", "https://a.example/feed.xml", "Pakistan", 900.0),
        SourceConfig("b.example", "https://b.example/sitemap.xml", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]\n", "not valid TOML"),
        ("title = 'x'\n", "no [[source]] tables"),
        ('[[source]]\nname = "A"\nurl = "ftp://a.example/x"\n', "source 1: url must be an http(s) address"),
        ('[[source]]\nname = "A"\nurl = "https://a.example/"\ninterval = "often"\n', "source 1 (A): interval"),
        ('[[source]]\nname = "A"\nurl = "https://a.example/"\n[[source]]\nname = "A"\nurl = "https://b.example/"\n',
         "source 2 (A): another source has the name"),
        ('[[source]]\nname = "A"\nurl = "https://a.example/"\nurl_list = 1\n', "unknown key(s) url_list"),
        ('[[source]]\nname = "A"\nurl = "https://a.example/"\ncountry = "Atlantis"\n',
         "source 1 (A): country 'Atlantis' is no country"),
    ],
)  # fmt: skip
def test_a_bad_sources_file_names_the_file_the_source_and_the_problem(tmp_path, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        load_sources(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(("country", "hint"), [("Pakistan", "PK"), ("NG", "NG"), ("lbn", "LB"), (None, None)])
def test_a_sources_country_is_its_place_hint(country, hint):
    assert SourceConfig("A", "https://a.example/", country).country_hint == hint


def test_a_missing_sources_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="no such sources file"):
        load_sources(tmp_path / "absent.toml")


def test_the_user_agent_names_sitrep():
    assert USER_AGENT.startswith("sitrep/") and "robots.txt" in USER_AGENT
