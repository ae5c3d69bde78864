"""GeoJSON export: a FeatureCollection with one Point feature per event (RFC 7946).

Events the geocoder could not place are kept with `"geometry": null`, which RFC 7946 allows, so the
feature count always equals the event count and no event silently disappears from a map export.
"""

from __future__ import annotations

__all__ = ["write_geojson", "event_feature"]

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.model import EventRecord


def event_feature(event: EventRecord) -> dict[str, Any]:
    """The GeoJSON Feature for one event.

    Args:
        event: the event.

    Returns:
        A Feature whose id is the event_id, whose geometry is a Point at [longitude, latitude]
        (GeoJSON's order) or null when either coordinate is missing, and whose properties are the
        event's full to_dict().
    """
    geometry: dict[str, Any] | None = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": event.to_dict()}


def write_geojson(events: Iterable[EventRecord], out: TextIO) -> int:
    """Write the events as one FeatureCollection.

    Features are streamed one per line, so a large export never builds the whole document in memory.

    Args:
        events: the events, in the order to write them.
        out: a text stream opened as UTF-8 (place names are written unescaped).

    Returns:
        The number of features written.
    """
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for event in events:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(event_feature(event), ensure_ascii=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count
