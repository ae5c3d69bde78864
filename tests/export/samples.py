"""Hand-built events for the export tests: one placed, one with accents and no coordinates, one awkward."""

from __future__ import annotations

from sitrep.model import ArticleRef, EventRecord, Evidence

ARTICLE_ID = "9fa184144938a1df"


def kech() -> EventRecord:
    """A placed IED event; latitude and longitude differ so a swapped pair is caught."""
    return EventRecord(
        event_id=f"{ARTICLE_ID}-1",
        event_date="2025-05-06",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="BLA: Baloch Liberation Army",
        inter1=2,
        actor2="Military Forces of Pakistan (2018-)",
        inter2=1,
        interaction=12,
        country="Pakistan",
        iso=586,
        region="Southern Asia",
        admin1="Balochistan",
        admin2="Kech",
        location="Kulag Tigran",
        latitude=26.0,
        longitude=63.05,
        geo_precision=2,
        source="Dawn",
        notes="On 6 May 2025, a BLA IED struck a military vehicle in Kulag Tigran (Kech), killing 2 soldiers.",
        fatalities=2,
        evidence=[
            Evidence("fatalities", ARTICLE_ID, 0, 24, "Two soldiers were killed"),
            Evidence("location", ARTICLE_ID, 114, 148, "Kulag Tigran area of Kech district"),
        ],
        articles=[
            ArticleRef(
                ARTICLE_ID, "seeds/kech.txt", "https://www.dawn.com/news/kech-ied", "Kech blast", "2025-05-07", "Dawn"
            )
        ],
        confidence=0.82,
        weapon="IED",
        claimed_by="BLA: Baloch Liberation Army",
        related=[{"relation": "same campaign", "text": "coordinated attacks"}],
    )


def menaka() -> EventRecord:
    """Accented place names, an associated actor, and no coordinates."""
    return EventRecord(
        event_id="5ae7807927774096-1",
        event_date="2025-03-03",
        time_precision=2,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Mali (2021-)",
        assoc_actor_1="Wagner Group",
        inter1=1,
        actor2="Islamic State (Sahel)",
        inter2=2,
        country="Mali",
        admin1="Ménaka",
        location="Ménaka",
        geo_precision=3,
        notes="Combats près de Ménaka; « neuf assaillants » tués.",
        fatalities=9,
        evidence=[Evidence("location", "5ae7807927774096", 120, 134, "près de Ménaka")],
    )


def awkward() -> EventRecord:
    """Values that break naive writers: commas, quotes, a newline, rich markup, a non-Latin script."""
    return EventRecord(
        event_id="0c1d-3",
        event_date="2025-06-01",
        time_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1="[Unknown] gunmen",
        inter1=3,
        actor2="Civilians (Syria)",
        inter2=7,
        country="Syria",
        admin1="Homs",
        location="حمص",
        latitude=34.73,
        longitude=36.71,
        geo_precision=1,
        notes='Gunmen, "masked", attacked a bus.\nSecond line.',
        fatalities=0,
    )


def samples() -> list[EventRecord]:
    return [kech(), menaka(), awkward()]
