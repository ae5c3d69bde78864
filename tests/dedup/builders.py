"""Small record builders for the dedup unit tests: only the fields a test is about, the rest plausible."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sitrep.model import ArticleRef, EventRecord


def record(event_id: str, **fields: Any) -> EventRecord:
    """A located IED attack in Maiduguri (Borno, Nigeria) reported by one article, changed by `fields`."""
    article = fields.pop("article", f"art-{event_id}")
    published = fields.pop("published", "2024-06-30")
    base = EventRecord(
        event_id=event_id,
        event_date="2024-06-29",
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Unidentified Armed Group (Nigeria)",
        inter1=2,
        actor2="Civilians (Nigeria)",
        inter2=7,
        country="Nigeria",
        admin1="Borno",
        admin2="Maiduguri",
        location="Maiduguri",
        latitude=11.8464,
        longitude=13.1603,
        geo_precision=1,
        articles=[ArticleRef(article, None, None, None, published, "Daily Trust")],
    )
    return replace(base, **fields)
