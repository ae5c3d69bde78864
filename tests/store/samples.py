"""Hand-built articles and events for the store tests (no spaCy): realistic reports, real places.

Evidence spans are computed from the article text, so a wrong offset fails loudly in `factories.evidence`.
"""

from __future__ import annotations

from datetime import date

from factories import article_ref, evidence
from sitrep.model import Article, EventRecord

KECH_TEXT = (
    "Two soldiers were killed on Tuesday when a remote-controlled improvised explosive device struck "
    "a military vehicle in the Kulag Tigran area of Kech district, Balochistan, officials said. "
    "The Baloch Liberation Army (BLA) claimed responsibility for the attack."
)
BOLAN_TEXT = (
    "Twelve soldiers were killed when an IED hit a convoy in the Shorkand area of Bolan on 6 May, "
    "the Baloch Liberation Army said in a statement."
)
PAHALGAM_TEXT = (
    "Gunmen opened fire on tourists in the Baisaran meadow near Pahalgam in Jammu and Kashmir on "
    "22 April, killing 26 people, police said."
)
MENAKA_TEXT = (
    "L'armée malienne et ses partenaires russes du groupe Wagner ont affronté des combattants de "
    "l'État islamique au Sahel près de Ménaka le 3 mars; neuf assaillants ont été tués."
)


def kech_article() -> Article:
    return Article.from_text(
        KECH_TEXT,
        title="Two soldiers killed in Kech IED blast",
        published=date(2025, 5, 7),
        source="Dawn",
        url="https://www.dawn.com/news/kech-ied",
        path="seeds/kech.txt",
    )


def kech_event(article: Article | None = None) -> EventRecord:
    article = article or kech_article()
    return EventRecord(
        event_id=f"{article.id}-1",
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
        source_scale="National",
        notes="On 6 May 2025, a BLA IED struck a military vehicle in Kulag Tigran (Kech), killing 2 soldiers.",
        fatalities=2,
        timestamp=1746600000,
        evidence=[
            evidence(article, "event_type", "remote-controlled improvised explosive device"),
            evidence(article, "location", "Kulag Tigran area of Kech district"),
            evidence(article, "fatalities", "Two soldiers were killed"),
            evidence(article, "actor1", "The Baloch Liberation Army (BLA) claimed responsibility"),
        ],
        articles=[article_ref(article)],
        confidence=0.82,
        weapon="IED",
        claimed_by="BLA: Baloch Liberation Army",
        related=[{"relation": "same campaign", "text": "coordinated attacks"}],
    )


def bolan_article() -> Article:
    return Article.from_text(BOLAN_TEXT, title="BLA says 12 soldiers killed in Bolan", published=date(2025, 5, 7))


def bolan_event(article: Article | None = None) -> EventRecord:
    article = article or bolan_article()
    return EventRecord(
        event_id=f"{article.id}-1",
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
        admin1="Balochistan",
        admin2="Kachhi",
        location="Shorkand",
        latitude=29.6,
        longitude=67.6,
        geo_precision=2,
        fatalities=12,
        evidence=[evidence(article, "fatalities", "Twelve soldiers were killed")],
        articles=[article_ref(article)],
        weapon="IED",
    )


def pahalgam_article() -> Article:
    return Article.from_text(PAHALGAM_TEXT, title="26 killed near Pahalgam", published=date(2025, 4, 23))


def pahalgam_event(article: Article | None = None) -> EventRecord:
    article = article or pahalgam_article()
    return EventRecord(
        event_id=f"{article.id}-1",
        event_date="2025-04-22",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1="Unidentified Armed Group (India)",
        inter1=3,
        actor2="Civilians (India)",
        inter2=7,
        interaction=37,
        civilian_targeting="Civilian targeting",
        country="India",
        iso=356,
        admin1="Jammu and Kashmir",
        admin2="Anantnag",
        location="Pahalgam",
        latitude=34.01,
        longitude=75.32,
        geo_precision=2,
        fatalities=26,
        evidence=[evidence(article, "fatalities", "killing 26 people")],
        articles=[article_ref(article)],
    )


def menaka_article() -> Article:
    return Article.from_text(MENAKA_TEXT, title="Combats près de Ménaka", published=date(2025, 3, 4))


def menaka_event(article: Article | None = None) -> EventRecord:
    """An event with accented names, an associated actor and no coordinates."""
    article = article or menaka_article()
    return EventRecord(
        event_id=f"{article.id}-1",
        event_date="2025-03-03",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Mali (2021-)",
        assoc_actor_1="Wagner Group",
        inter1=1,
        actor2="Islamic State (Sahel)",
        inter2=2,
        interaction=12,
        country="Mali",
        iso=466,
        admin1="Ménaka",
        location="Ménaka",
        geo_precision=3,
        fatalities=9,
        evidence=[evidence(article, "location", "près de Ménaka")],
        articles=[article_ref(article)],
    )


def all_samples() -> list[tuple[Article, list[EventRecord]]]:
    """Every sample article with its one event, in no particular date order."""
    pairs = []
    for make_article, make_event in (
        (kech_article, kech_event),
        (pahalgam_article, pahalgam_event),
        (menaka_article, menaka_event),
        (bolan_article, bolan_event),
    ):
        article = make_article()
        pairs.append((article, [make_event(article)]))
    return pairs
