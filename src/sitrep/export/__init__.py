"""Writing events out: one module per format, chosen by name through `EXPORTERS`.

Usage:
    write_events(store.events(country="Pakistan"), "csv", sys.stdout)
"""

from __future__ import annotations

__all__ = ["EXPORTERS", "Exporter", "write_events"]

from collections.abc import Callable, Iterable
from typing import TextIO

from sitrep.errors import ConfigError
from sitrep.export.csv import write_csv
from sitrep.export.geojson import write_geojson
from sitrep.export.jsonl import write_jsonl
from sitrep.export.table import write_table
from sitrep.model import EventRecord

# An exporter writes events to a text stream and returns how many it wrote.
Exporter = Callable[[Iterable[EventRecord], TextIO], int]

EXPORTERS: dict[str, Exporter] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "table": write_table,
}


def write_events(events: Iterable[EventRecord], fmt: str, out: TextIO) -> int:
    """Write events in the named format.

    Args:
        events: the events, in the order to write them.
        fmt: one of EXPORTERS' names ("jsonl", "csv", "geojson", "table"), any case.
        out: the text stream to write to (open files as UTF-8; CSV files also with newline="").

    Returns:
        The number of events written.

    Raises:
        ConfigError: `fmt` is not a known format; the message lists the valid ones.
    """
    exporter = EXPORTERS.get(fmt.strip().lower())
    if exporter is None:
        valid = ", ".join(sorted(EXPORTERS))
        raise ConfigError(f"unknown export format {fmt!r}; choose one of: {valid}")
    return exporter(events, out)
