"""Pages and feeds for the monitor's tests, written for these tests (no text from real news)."""

from __future__ import annotations

from html import escape

__all__ = [
    "article_html",
    "rss",
    "sitemap",
    "MARKET_ATTACK",
    "MARKET_ATTACK_UPDATED",
    "PROTEST",
    "FRENCH",
    "BRIDGE_CLASH",
    "CLINIC_SHELLING",
    "HYDERABAD_RAID",
    "HYDERABAD_PROTEST",
    "MARKET_ATTACK_OTHER_OUTLET",
]

MARKET_ATTACK = (
    "Gunmen attacked a cattle market in Maiduguri, Borno State, on Tuesday, killing four traders, police said.",
    (
        "The attackers arrived on motorcycles shortly after the market opened and fired at stalls near the main "
        "gate before fleeing towards the outskirts of the city, according to a police spokesman."
    ),
    (
        "Residents said the market had reopened only last month after repairs. Traders closed their shops for the "
        "rest of the day and soldiers were deployed to the area in the afternoon."
    ),
)
MARKET_ATTACK_UPDATED = (
    "Gunmen attacked a cattle market in Maiduguri, Borno State, on Tuesday, killing seven traders, police said.",
    (
        "The attackers arrived on motorcycles shortly after the market opened and fired at stalls near the main "
        "gate before fleeing towards the outskirts of the city, according to a police spokesman, who gave the new "
        "figure on Wednesday morning."
    ),
    (
        "Residents said the market had reopened only last month after repairs. Traders closed their shops for the "
        "rest of the day and soldiers were deployed to the area in the afternoon."
    ),
)
PROTEST = (
    (
        "Police fired tear gas at hundreds of students protesting against higher tuition fees in Nairobi, Kenya, "
        "on Monday, witnesses said."
    ),
    (
        "The students marched from the university towards parliament carrying banners and chanting slogans. "
        "Several were detained, and shops along the route closed their doors for several hours."
    ),
    (
        "University officials said lectures would resume on Thursday and that talks with student leaders were "
        "planned for later in the week."
    ),
)
BRIDGE_CLASH = (
    (
        "Soldiers clashed with militants near a bridge outside Gao, Mali, on Saturday, and two soldiers were killed, "
        "the army said in a statement."
    ),
    (
        "The fighting lasted about two hours before the militants withdrew across the river, the statement said. "
        "Traffic on the main road to the city was stopped until the evening."
    ),
    "Local officials asked residents to stay indoors overnight while patrols searched the surrounding villages.",
)
CLINIC_SHELLING = (
    (
        "Artillery shells struck a clinic in Kharkiv, Ukraine, on Thursday, wounding three nurses, the regional "
        "governor said."
    ),
    (
        "The shelling damaged the roof and windows of the building, and patients were moved to a hospital in "
        "another district. Emergency crews worked through the night to clear debris from the street."
    ),
    "The governor said repairs would take several weeks and that the clinic's staff would work elsewhere.",
)
FRENCH = (
    "Des hommes armés ont attaqué un marché dans la région de Mopti, au Mali, mardi, selon des habitants.",
    (
        "Les assaillants sont arrivés à moto peu après l'ouverture du marché et ont tiré sur les étals avant de "
        "s'enfuir vers la brousse, a indiqué un responsable local."
    ),
    (
        "Les commerçants ont fermé leurs boutiques pour le reste de la journée et des soldats ont été déployés "
        "dans le secteur dans l'après-midi."
    ),
)


def article_html(
    title: str,
    paragraphs: tuple[str, ...],
    *,
    published: str = "2026-12-01T08:00:00Z",
    canonical: str | None = None,
    lang: str = "en",
    charset: str = "utf-8",
) -> str:
    """A news page: navigation and footer around one <article> with the paragraphs."""
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{escape(title)}</title>{link}'
        f'<meta property="article:published_time" content="{published}"></head><body>'
        '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>'
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer><p>Copyright the example desk. All rights reserved.</p></footer></body></html>"
    )


def rss(items: list[tuple[str, str]], *, title: str = "Example desk") -> str:
    """An RSS 2.0 feed of (title, link) items, each published on 1 December 2026."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        "<pubDate>Tue, 01 Dec 2026 07:30:00 GMT</pubDate></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>{entries}</channel></rss>"
    )


def sitemap(urls: list[str]) -> str:
    """A sitemap <urlset> of the URLs."""
    locs = "".join(f"<url><loc>{escape(u)}</loc><lastmod>2026-12-01</lastmod></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'


# Written for the place-hint tests: the town has namesakes in two countries and the text names neither.
HYDERABAD_RAID = (
    "Gunmen attacked a police station in Hyderabad on Monday night, killing three officers, a spokesman said.",
    (
        "The attackers threw grenades at the gate before opening fire on the guards, and escaped in a car that was "
        "later found burnt out on a road leading out of the city."
    ),
    "Officials said the station had been attacked once before, two years ago, and that its guard would be doubled.",
)
HYDERABAD_PROTEST = (
    "Police fired tear gas at traders protesting against a new market tax in Hyderabad on Tuesday, witnesses said.",
    (
        "Hundreds of shopkeepers blocked the main road near the old market for several hours, and a dozen were "
        "detained before the crowd dispersed in the evening."
    ),
    "Trader associations said they would keep their shops closed until the tax was withdrawn.",
)
# Another outlet's report of the market attack (MARKET_ATTACK), for the tests that match reports of one event.
MARKET_ATTACK_OTHER_OUTLET = (
    (
        "Four traders were killed on Tuesday when gunmen on motorcycles stormed a cattle market in Maiduguri, the "
        "capital of Borno State, police said."
    ),
    (
        "Witnesses said the gunmen fired at traders near the main gate of the market and fled before soldiers "
        "arrived. The market had reopened last month."
    ),
    "A police spokesman said a search for the attackers was under way in the outskirts of the city.",
)
