"""The export registry: names are stable, unknown names fail helpfully, write_events dispatches."""

from __future__ import annotations

import io
import json

import pytest

from sitrep.errors import ConfigError
from sitrep.export import EXPORTERS, write_events

from .samples import samples


def test_registry_names_snapshot() -> None:
    # Renaming a format breaks users' scripts (--format); change this list on purpose only.
    assert sorted(EXPORTERS) == ["csv", "geojson", "jsonl", "table"]


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_registry_write_events_returns_count(fmt: str) -> None:
    assert write_events(samples(), fmt, io.StringIO()) == 3


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_registry_write_events_zero_events(fmt: str) -> None:
    assert write_events([], fmt, io.StringIO()) == 0


def test_registry_format_name_ignores_case() -> None:
    out = io.StringIO()
    write_events(samples(), "GeoJSON", out)
    assert json.loads(out.getvalue())["type"] == "FeatureCollection"


def test_registry_unknown_format_lists_valid_ones() -> None:
    with pytest.raises(ConfigError) as info:
        write_events(samples(), "parquet", io.StringIO())
    message = str(info.value)
    assert "'parquet'" in message
    for name in EXPORTERS:
        assert name in message
    assert info.value.code == "E401"
