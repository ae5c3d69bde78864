"""Hand-built reports for the dedup tests (no spaCy): several outlets telling the same events their own way.

* A car bombing near Bakara market in Mogadishu on Thursday 14 March 2024, told by a local outlet the
  next day (12 killed, named perpetrator, district-level place), by a wire service two days later
  (9 killed, no perpetrator, city-level place), and by a follow-up three days after the attack ("the death
  toll has risen to 30", an official figure).
* Two different attacks in Kabul on Friday 15 March 2024: a suicide bombing at a mosque in Dasht-e-Barchi
  (12 killed, claimed by the Islamic State) and a magnetic bomb on a police vehicle (2 police killed,
  nobody claimed it). Both are coded to the city itself, so only their details tell them apart.

Evidence offsets are computed from the article text, so a wrong span fails loudly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from factories import article_ref, evidence
from sitrep.model import Article, EventRecord

GAROWE_TEXT = (
    "MOGADISHU - At least 12 people were killed on Thursday evening when a car bomb exploded outside a "
    "restaurant near Bakara market in Mogadishu's Hodan district, police said. Al-Shabaab claimed "
    "responsibility for the blast in a statement on its Andalus radio."
)
REUTERS_TEXT = (
    "Nine people died and more than 20 were wounded when a vehicle packed with explosives blew up near a "
    "busy market in the Somali capital Mogadishu late on Thursday, a police officer told Reuters. There "
    "was no immediate claim of responsibility."
)
SONNA_TEXT = (
    "The death toll from Thursday's car bombing near Bakara market in Mogadishu has risen to 30, the "
    "Ministry of Health said on Sunday, as more of the wounded died in hospital."
)
KABUL_MOSQUE_TEXT = (
    "A suicide bomber blew himself up inside a Shia mosque in the Dasht-e-Barchi area of western Kabul "
    "during Friday prayers, killing 12 worshippers. The Islamic State claimed the attack."
)
KABUL_POLICE_TEXT = (
    "Two policemen were killed in Kabul on Friday when a magnetic bomb attached to their vehicle "
    "exploded in the Shar-e-Naw neighbourhood, a police spokesman said. No group claimed the blast."
)


def garowe_article() -> Article:
    return Article.from_text(
        GAROWE_TEXT,
        title="12 killed in Mogadishu car bombing",
        published=date(2024, 3, 15),
        source="Garowe Online",
        url="https://www.garoweonline.com/en/news/somalia/bakara-blast",
    )


def reuters_article() -> Article:
    return Article.from_text(
        REUTERS_TEXT,
        title="Car bomb kills nine in Somali capital",
        published=date(2024, 3, 16),
        source="Reuters",
        url="https://www.reuters.com/world/africa/somalia-car-bomb",
    )


def sonna_article() -> Article:
    return Article.from_text(
        SONNA_TEXT,
        title="Mogadishu blast toll rises to 30",
        published=date(2024, 3, 17),
        source="SONNA",
        url="https://sonna.so/en/bakara-toll",
    )


def kabul_mosque_article() -> Article:
    return Article.from_text(
        KABUL_MOSQUE_TEXT, title="Suicide bombing at Kabul mosque", published=date(2024, 3, 15), source="TOLOnews"
    )


def kabul_police_article() -> Article:
    return Article.from_text(
        KABUL_POLICE_TEXT,
        title="Two police killed by magnetic bomb",
        published=date(2024, 3, 15),
        source="Pajhwok Afghan News",
    )


def _mogadishu(article: Article, **fields: object) -> EventRecord:
    base = EventRecord(
        event_id=f"SOM-{article.id[:10]}",
        event_date="2024-03-14",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Unidentified Armed Group (Somalia)",
        inter1=2,
        actor2="Civilians (Somalia)",
        inter2=7,
        interaction=27,
        civilian_targeting="Civilian targeting",
        country="Somalia",
        iso=706,
        region="Eastern Africa",
        admin1="Banadir",
        admin2="Banadir",
        location="Mogadishu",
        latitude=2.0371,
        longitude=45.3438,
        geo_precision=1,
        source=article.source or "",
        weapon="car bomb",
        articles=[article_ref(article)],
        confidence=0.7,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def garowe_event(article: Article | None = None) -> EventRecord:
    """The local report: 12 killed, Al-Shabaab claimed it, the Hodan district named."""
    a = article or garowe_article()
    return _mogadishu(
        a,
        actor1="Al Shabaab",
        claimed_by="Al Shabaab",
        admin3="Hodan",
        location="Mogadishu - Hodan",
        latitude=2.0333,
        longitude=45.3000,
        source_scale="National",
        fatalities=12,
        notes=(
            "On 14 March 2024, a car bomb claimed by Al Shabaab exploded near Bakara market in Hodan, Mogadishu; "
            "12 killed."
        ),
        evidence=[
            evidence(a, "fatalities", "At least 12 people were killed"),
            evidence(a, "event_type", "a car bomb exploded"),
            evidence(a, "location", "near Bakara market in Mogadishu's Hodan district"),
            evidence(a, "actor1", "Al-Shabaab claimed responsibility"),
        ],
        confidence=0.82,
    )


def reuters_event(article: Article | None = None) -> EventRecord:
    """The wire report a day later: 9 killed, nobody named, the city only."""
    a = article or reuters_article()
    return _mogadishu(
        a,
        source_scale="International",
        fatalities=9,
        injuries=20,
        notes="On 14 March 2024, a vehicle bomb blew up near a busy market in Mogadishu; 9 killed and over 20 wounded.",
        evidence=[
            evidence(a, "fatalities", "Nine people died"),
            evidence(a, "event_type", "a vehicle packed with explosives blew up"),
            evidence(a, "location", "near a busy market in the Somali capital Mogadishu"),
        ],
    )


def sonna_event(article: Article | None = None) -> EventRecord:
    """The follow-up three days after the attack: the official toll has risen to 30."""
    a = article or sonna_article()
    return _mogadishu(
        a,
        source_scale="National",
        fatalities=30,
        notes="The death toll of the 14 March 2024 car bombing near Bakara market in Mogadishu rose to 30.",
        evidence=[
            evidence(
                a,
                "fatalities",
                "The death toll from Thursday's car bombing near Bakara market in Mogadishu has risen to 30",
            ),
            evidence(a, "location", "near Bakara market in Mogadishu"),
        ],
    )


def _kabul(article: Article, **fields: object) -> EventRecord:
    base = EventRecord(
        event_id=f"AFG-{article.id[:10]}",
        event_date="2024-03-15",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Unidentified Armed Group (Afghanistan)",
        inter1=2,
        country="Afghanistan",
        iso=4,
        region="Southern Asia",
        admin1="Kabul",
        admin2="Kabul",
        location="Kabul",
        latitude=34.5167,
        longitude=69.1833,
        geo_precision=1,
        source=article.source or "",
        source_scale="National",
        articles=[article_ref(article)],
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def kabul_mosque_event(article: Article | None = None) -> EventRecord:
    a = article or kabul_mosque_article()
    return _kabul(
        a,
        sub_event_type="Suicide bomb",
        actor1="Islamic State (Afghanistan)",
        inter1=2,
        actor2="Civilians (Afghanistan)",
        inter2=7,
        interaction=27,
        civilian_targeting="Civilian targeting",
        claimed_by="Islamic State (Afghanistan)",
        fatalities=12,
        weapon="suicide bomber",
        notes=(
            "On 15 March 2024, an Islamic State suicide bomber attacked a Shia mosque in Dasht-e-Barchi, Kabul, "
            "killing 12 worshippers."
        ),
        evidence=[
            evidence(a, "event_type", "A suicide bomber blew himself up inside a Shia mosque"),
            evidence(a, "fatalities", "killing 12 worshippers"),
            evidence(a, "actor1", "The Islamic State claimed the attack"),
        ],
    )


def kabul_police_event(article: Article | None = None) -> EventRecord:
    a = article or kabul_police_article()
    return _kabul(
        a,
        actor2="Police Forces of Afghanistan (2021-)",
        inter2=1,
        interaction=12,
        fatalities=2,
        weapon="magnetic bomb",
        notes=(
            "On 15 March 2024, a magnetic bomb attached to a police vehicle exploded in Shar-e-Naw, Kabul, "
            "killing 2 policemen."
        ),
        evidence=[
            evidence(a, "fatalities", "Two policemen were killed"),
            evidence(a, "event_type", "a magnetic bomb attached to their vehicle exploded"),
        ],
    )
