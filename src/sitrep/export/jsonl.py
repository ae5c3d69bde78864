"""JSON Lines export: one `EventRecord.to_dict()` object per line, the output contract of `sitrep extract`."""

from __future__ import annotations

__all__ = ["write_jsonl"]

import json
from collections.abc import Iterable
from typing import TextIO

from sitrep.model import EventRecord


def write_jsonl(events: Iterable[EventRecord], out: TextIO) -> int:
    """Write each event as one JSON object on its own line.

    Non-ASCII text is written as is (ensure_ascii=False), so `out` should be opened as UTF-8.
    Events are streamed: nothing is held in memory beyond the current line.

    Args:
        events: the events, in the order to write them.
        out: a text stream, e.g. sys.stdout or open(path, "w", encoding="utf-8").

    Returns:
        The number of events written.

    Raises:
        TypeError: an event holds a value JSON cannot represent.
    """
    count = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
