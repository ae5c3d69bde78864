"""Terminal table export: a rich Table with the fields a reader scans first.

Only the columns that fit a terminal are shown; the full record is in the jsonl/csv exports.
"""

from __future__ import annotations

__all__ = ["events_table", "write_table"]

from collections.abc import Iterable
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.model import EventRecord


def events_table(events: Iterable[EventRecord]) -> Table:
    """Build the table: date, type / sub-type, actors, location, fatalities, precision codes.

    Cells are `Text` objects, not markup strings, so an actor such as "[Unknown] militia" prints as
    written instead of being read as rich markup.

    Args:
        events: the events, one row each, in order.

    Returns:
        A rich Table with a caption giving the event count.
    """
    # Light borders, the sub-type on its own line, and text columns that wrap (folding only words too
    # long for the column) keep all seven columns on an 80-column terminal. Much narrower, rich drops
    # the rightmost columns rather than overflow the width.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Type / sub-type", min_width=8, overflow="fold")
    table.add_column("Actor 1", min_width=6, overflow="fold")
    table.add_column("Actor 2", min_width=6, overflow="fold")
    table.add_column("Location", min_width=6, overflow="fold")
    table.add_column("Fatal.", justify="right", no_wrap=True)
    # t = time_precision (1 day, 2 week, 3 month, 4 unknown); g = geo_precision (1 town, 2 near/district, 3 region).
    table.add_column("Prec.", no_wrap=True)
    count = 0
    for event in events:
        kind = Text(event.event_type)
        if event.sub_event_type:
            kind.append("\n")
            kind.append(event.sub_event_type, style="dim")
        day = Text(event.event_date) if event.event_date else Text("unknown", style="dim")
        if event.deleted:  # listed by `sitrep events --changed-since` so a syncing reader drops it
            day.append("\n(deleted)", style="red")
        table.add_row(
            day,
            kind,
            Text(event.actor1),
            Text(event.actor2),
            Text(_place(event)),
            Text(str(event.fatalities)),
            Text(f"t{event.time_precision} g{event.geo_precision}"),
        )
        count += 1
    table.caption = f"{count} event" + ("" if count == 1 else "s")
    return table


def write_table(events: Iterable[EventRecord], out: TextIO, *, width: int | None = None) -> int:
    """Render the table to a text stream.

    Colour is used only when `out` is a terminal; a file or pipe gets plain text.

    Args:
        events: the events.
        out: the stream, usually sys.stdout.
        width: columns to lay out for; None uses the terminal's width (140 for a file or pipe).

    Returns:
        The number of events shown.
    """
    rows = list(events)
    if width is None and not out.isatty():
        width = 140  # a file or pipe has no width of its own; 80 columns folds every name
    console = Console(file=out, width=width, soft_wrap=False)
    console.print(events_table(rows))
    return len(rows)


def _place(event: EventRecord) -> str:
    """Location, admin1 and country joined, skipping empty and repeated parts: "Turbat, Balochistan, Pakistan"."""
    parts: list[str] = []
    for part in (event.location, event.admin1, event.country):
        if part and part not in parts:
            parts.append(part)
    return ", ".join(parts)
