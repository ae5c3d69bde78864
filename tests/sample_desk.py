"""Hand-made articles and events for the API and web tests (no spaCy): real places, realistic reports.

Evidence spans are found in the article text by `str.index`, so a typo fails loudly here. The set has:
two sources reporting one bombing (for merge), one event that mixes two strikes (for split), events over
a year and several countries (for filters, timeline and charts), and a hostile article (for XSS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factories import evidence
from sitrep.model import Article, ArticleRef, EventRecord
from sitrep.store import EventStore

XSS_MARKERS = ("<script>", "javascript:", "onerror=")


@dataclass
class Spec:
    """One article and the events extracted from it (fields, and evidence as (field, words) pairs)."""

    key: str
    text: str
    title: str
    published: date
    source: str
    url: str
    events: list[dict[str, Any]] = field(default_factory=list)


SPECS: list[Spec] = [
    Spec(
        key="lido_reuters",
        text=(
            "MOGADISHU, Aug 3 - At least 32 people were killed and 63 wounded when a suicide bomber blew himself "
            "up and gunmen stormed a restaurant at Lido beach in Mogadishu on Friday evening, police said.\n\n"
            "Al-Shabaab claimed responsibility for the attack in a statement on its radio station."
        ),
        title="Suicide bombing and gun attack kill 32 at Mogadishu beach",
        published=date(2024, 8, 3),
        source="Reuters",
        url="https://www.reuters.com/world/africa/lido-beach-attack",
        events=[
            {
                "event_date": "2024-08-02",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Suicide bomb",
                "actor1": "Al Shabaab",
                "inter1": 2,
                "actor2": "Civilians (Somalia)",
                "inter2": 7,
                "interaction": 27,
                "country": "Somalia",
                "iso": 706,
                "region": "Eastern Africa",
                "admin1": "Banadir",
                "admin2": "Mogadishu",
                "location": "Mogadishu - Lido Beach",
                "latitude": 2.0469,
                "longitude": 45.3418,
                "geo_precision": 1,
                "fatalities": 32,
                "injuries": 63,
                "civilian_targeting": "Civilian targeting",
                "claimed_by": "Al Shabaab",
                "notes": (
                    "On 2 August 2024, an Al Shabaab suicide bomber and gunmen attacked a restaurant at Lido beach."
                ),
                "evidence": [
                    ("fatalities", "At least 32 people were killed"),
                    ("injuries", "63 wounded"),
                    ("sub_event_type", "suicide bomber"),
                    ("location", "Lido beach in Mogadishu"),
                    ("actor1", "Al-Shabaab claimed responsibility"),
                ],
            }
        ],
    ),
    Spec(
        key="lido_local",
        text=(
            "Security forces ended a siege at a beachside restaurant on Lido beach late on Friday after "
            "Al-Shabaab fighters detonated explosives at the entrance. Hospital officials said 37 people had "
            "died, most of them young people spending the evening at the beach."
        ),
        title="Death toll in Lido beach attack rises to 37",
        published=date(2024, 8, 4),
        source="Hiiraan Online",
        url="https://www.hiiraan.com/news4/2024/Aug/lido.aspx",
        events=[
            {
                "event_date": "2024-08-02",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Suicide bomb",
                "actor1": "Al Shabaab",
                "inter1": 2,
                "actor2": "",
                "inter2": 0,
                "interaction": 20,
                "country": "Somalia",
                "iso": 706,
                "region": "Eastern Africa",
                "admin1": "Banadir",
                "admin2": "Mogadishu",
                "location": "Mogadishu",
                "latitude": 2.0371,
                "longitude": 45.3438,
                "geo_precision": 2,
                "fatalities": 37,
                "evidence": [
                    ("fatalities", "37 people had died"),
                    ("location", "Lido beach"),
                    ("actor1", "Al-Shabaab fighters detonated explosives"),
                ],
            }
        ],
    ),
    Spec(
        key="kharkiv",
        text=(
            "Russian guided bombs struck a DIY hypermarket in Kharkiv on Saturday afternoon, killing 19 people, "
            "regional governor Oleh Syniehubov said. Hours earlier a missile hit a village near Zolochiv, "
            "killing two residents."
        ),
        title="Strike on Kharkiv hypermarket kills 19",
        published=date(2024, 5, 26),
        source="Kyiv Independent",
        url="https://kyivindependent.com/kharkiv-hypermarket-strike",
        events=[
            {
                "event_date": "2024-05-25",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "actor1": "Military Forces of Russia (2000-)",
                "inter1": 8,
                "actor2": "Civilians (Ukraine)",
                "inter2": 7,
                "interaction": 78,
                "country": "Ukraine",
                "iso": 804,
                "region": "Europe",
                "admin1": "Kharkiv",
                "admin2": "Kharkivskyi",
                "location": "Kharkiv",
                "latitude": 49.9935,
                "longitude": 36.2304,
                "geo_precision": 1,
                "fatalities": 21,
                "civilian_targeting": "Civilian targeting",
                "evidence": [
                    ("location", "hypermarket in Kharkiv"),
                    ("fatalities", "killing 19 people"),
                    ("location", "a village near Zolochiv"),
                    ("fatalities", "killing two residents"),
                    ("sub_event_type", "guided bombs"),
                ],
            }
        ],
    ),
    Spec(
        key="goma",
        text=(
            "Fighting between M23 rebels and the Congolese army reached the outskirts of Goma on Sunday. "
            "Seventeen soldiers and peacekeepers were killed in clashes around Sake, the UN said."
        ),
        title="M23 rebels reach Goma outskirts",
        published=date(2025, 1, 27),
        source="Al Jazeera",
        url="https://www.aljazeera.com/news/2025/1/27/m23-goma",
        events=[
            {
                "event_date": "2025-01-26",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": "M23: March 23 Movement",
                "inter1": 2,
                "actor2": "Military Forces of the Democratic Republic of Congo (2019-)",
                "inter2": 1,
                "interaction": 12,
                "country": "Democratic Republic of Congo",
                "iso": 180,
                "region": "Middle Africa",
                "admin1": "Nord-Kivu",
                "admin2": "Masisi",
                "location": "Sake",
                "latitude": -1.5736,
                "longitude": 29.0436,
                "geo_precision": 2,
                "fatalities": 17,
                "evidence": [
                    ("actor1", "M23 rebels"),
                    ("fatalities", "Seventeen soldiers and peacekeepers were killed"),
                    ("location", "around Sake"),
                ],
            }
        ],
    ),
    Spec(
        key="mafa",
        text=(
            "Boko Haram gunmen on motorcycles attacked Mafa village in Yobe state on Tuesday evening, killing "
            "at least 81 people, a police spokesman said on Wednesday."
        ),
        title="Boko Haram kills 81 in Yobe village",
        published=date(2024, 9, 4),
        source="Premium Times",
        url="https://www.premiumtimesng.com/news/mafa-attack",
        events=[
            {
                "event_date": "2024-09-03",
                "event_type": "Violence against civilians",
                "sub_event_type": "Attack",
                "actor1": "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
                "inter1": 2,
                "actor2": "Civilians (Nigeria)",
                "inter2": 7,
                "interaction": 27,
                "country": "Nigeria",
                "iso": 566,
                "region": "Western Africa",
                "admin1": "Yobe",
                "admin2": "Tarmuwa",
                "location": "Mafa",
                "latitude": 12.2686,
                "longitude": 11.7369,
                "geo_precision": 1,
                "fatalities": 81,
                "civilian_targeting": "Civilian targeting",
                "evidence": [
                    ("actor1", "Boko Haram gunmen"),
                    ("location", "Mafa village in Yobe state"),
                    ("fatalities", "killing at least 81 people"),
                ],
            }
        ],
    ),
    Spec(
        key="bamako",
        text=(
            "JNIM militants attacked a gendarmerie training school and the military airport in Bamako at dawn "
            "on Tuesday. More than 70 people were killed, according to security sources."
        ),
        title="Jihadists attack Bamako gendarmerie school",
        published=date(2024, 9, 18),
        source="RFI",
        url="https://www.rfi.fr/en/africa/bamako-attack",
        events=[
            {
                "event_date": "2024-09-17",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": "JNIM: Jamaah Nusrat al Islam wal Muslimin",
                "inter1": 2,
                "actor2": "Military Forces of Mali (2021-)",
                "inter2": 1,
                "interaction": 12,
                "country": "Mali",
                "iso": 466,
                "region": "Western Africa",
                "admin1": "Bamako",
                "admin2": "Bamako",
                "location": "Bamako",
                "latitude": 12.6392,
                "longitude": -8.0029,
                "geo_precision": 1,
                "fatalities": 70,
                "evidence": [
                    ("actor1", "JNIM militants"),
                    ("location", "military airport in Bamako"),
                    ("fatalities", "More than 70 people were killed"),
                ],
            }
        ],
    ),
    Spec(
        key="nairobi",
        text=(
            "Police opened fire on protesters who stormed parliament in Nairobi on Tuesday as lawmakers passed "
            "the finance bill. At least five people were shot dead, rights groups said."
        ),
        title="Kenyan police fire on protesters storming parliament",
        published=date(2024, 6, 26),
        source="The Standard",
        url="https://www.standardmedia.co.ke/national/finance-bill-protests",
        events=[
            {
                "event_date": "2024-06-25",
                "event_type": "Protests",
                "sub_event_type": "Excessive force against protesters",
                "actor1": "Police Forces of Kenya (2022-)",
                "inter1": 1,
                "actor2": "Protesters (Kenya)",
                "inter2": 6,
                "interaction": 16,
                "country": "Kenya",
                "iso": 404,
                "region": "Eastern Africa",
                "admin1": "Nairobi",
                "admin2": "Starehe",
                "location": "Nairobi",
                "latitude": -1.2864,
                "longitude": 36.8172,
                "geo_precision": 1,
                "fatalities": 5,
                "civilian_targeting": "Civilian targeting",
                "evidence": [
                    ("actor1", "Police opened fire"),
                    ("location", "parliament in Nairobi"),
                    ("fatalities", "At least five people were shot dead"),
                ],
            }
        ],
    ),
    Spec(
        key="el_fasher",
        text=(
            "The Rapid Support Forces shelled the Abu Shouk displacement camp outside El Fasher on Friday, "
            "killing 14 civilians, the Sudan Doctors Network said. Shells also fell on the city's main market."
        ),
        title="RSF shelling of Abu Shouk camp kills 14",
        published=date(2025, 4, 12),
        source="Sudan Tribune",
        url="https://sudantribune.com/article/abu-shouk-shelling",
        events=[
            {
                "event_date": "2025-04-11",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
                "actor1": "RSF: Rapid Support Forces",
                "inter1": 2,
                "actor2": "Civilians (Sudan)",
                "inter2": 7,
                "interaction": 27,
                "country": "Sudan",
                "iso": 729,
                "region": "Northern Africa",
                "admin1": "North Darfur",
                "admin2": "Al Fasher",
                "location": "Abu Shouk Camp",
                "latitude": 13.6667,
                "longitude": 25.3333,
                "geo_precision": 1,
                "fatalities": 14,
                "civilian_targeting": "Civilian targeting",
                "evidence": [
                    ("actor1", "The Rapid Support Forces"),
                    ("sub_event_type", "shelled"),
                    ("location", "Abu Shouk displacement camp outside El Fasher"),
                    ("fatalities", "killing 14 civilians"),
                ],
            }
        ],
    ),
    Spec(
        key="zamzam",
        text=(
            "RSF fighters overran Zamzam camp south of El Fasher after two days of assaults, and aid groups said "
            "more than 400 people were killed, among them nine relief workers."
        ),
        title="RSF takes Zamzam camp",
        published=date(2025, 4, 14),
        source="Dabanga",
        url="https://www.dabangasudan.org/en/all-news/article/zamzam",
        events=[
            {
                "event_date": "2025-04-13",
                "event_type": "Battles",
                "sub_event_type": "Non-state actor overtakes territory",
                "actor1": "RSF: Rapid Support Forces",
                "inter1": 2,
                "actor2": "Military Forces of Sudan (2019-)",
                "inter2": 1,
                "interaction": 12,
                "country": "Sudan",
                "iso": 729,
                "region": "Northern Africa",
                "admin1": "North Darfur",
                "admin2": "Al Fasher",
                "location": "Zamzam Camp",
                "latitude": 13.4833,
                "longitude": 25.3,
                "geo_precision": 1,
                "fatalities": 400,
                "evidence": [
                    ("actor1", "RSF fighters"),
                    ("location", "Zamzam camp south of El Fasher"),
                    ("fatalities", "more than 400 people were killed"),
                ],
            }
        ],
    ),
    Spec(
        key="hostile",
        text=(
            "Unverified report <script>window.__xss = 1;</script> of clashes near Kismayo. "
            '<a href="javascript:window.__xss = 2">Click for the video</a> '
            '<img src="x" onerror="window.__xss = 3"> Two fighters were killed, locals said.'
        ),
        title='<img src=x onerror="window.__xss = 4">Clashes near Kismayo',
        published=date(2024, 11, 2),
        source="<b>Unknown blog</b>",
        url="javascript:window.__xss = 5",
        events=[
            {
                "event_date": "2024-11-01",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": "<script>window.__xss = 6</script>Al Shabaab",
                "inter1": 2,
                "actor2": "Military Forces of Somalia (2022-)",
                "inter2": 1,
                "interaction": 12,
                "country": "Somalia",
                "iso": 706,
                "region": "Eastern Africa",
                "admin1": "Lower Juba",
                "admin2": "Kismayo",
                "location": '<img src=x onerror="window.__xss = 7">Kismayo',
                "latitude": -0.3582,
                "longitude": 42.5454,
                "geo_precision": 2,
                "fatalities": 2,
                "notes": '<a href="javascript:window.__xss = 8">notes</a>',
                "evidence": [
                    ("event_type", "<script>window.__xss = 1;</script>"),
                    ("location", '<a href="javascript:window.__xss = 2">Click for the video</a>'),
                    ("fatalities", "Two fighters were killed"),
                ],
            }
        ],
    ),
]


def article_of(spec: Spec) -> Article:
    return Article.from_text(spec.text, title=spec.title, published=spec.published, source=spec.source, url=spec.url)


def events_of(spec: Spec, article: Article | None = None) -> list[EventRecord]:
    article = article or article_of(spec)
    ref = ArticleRef(
        id=article.id,
        path=None,
        url=article.url,
        title=article.title,
        date=article.published.isoformat() if article.published else None,
        source=article.source,
    )
    out = []
    for n, values in enumerate(spec.events, start=1):
        values = dict(values)
        spans = [evidence(article, f, w) for f, w in values.pop("evidence")]
        values.setdefault(
            "disorder_type",
            "Political violence" if values["event_type"] != "Protests" else "Political violence; Demonstrations",
        )
        out.append(
            EventRecord(
                event_id=f"{article.id}-{n}",
                time_precision=1,
                source=spec.source,
                evidence=spans,
                articles=[ref],
                confidence=0.8,
                **values,
            )
        )
    return out


@dataclass(frozen=True)
class Loaded:
    """Ids of what `fill_store` stored, by spec key."""

    articles: dict[str, str]
    events: dict[str, str]  # key -> id of the spec's first event


def fill_store(store: EventStore) -> Loaded:
    """Store every sample article with its events; return their ids by spec key."""
    articles: dict[str, str] = {}
    events: dict[str, str] = {}
    for spec in SPECS:
        article = article_of(spec)
        records = events_of(spec, article)
        store.add_article(article, records)
        articles[spec.key] = article.id
        events[spec.key] = records[0].event_id
    return Loaded(articles, events)
