"""Benchmark of the analyst's desk: filtered /api/events latency and the page's first render, at 100k events.

    .venv/bin/python bench/api.py [--events 100000] [--runs 40] [--db /tmp/sitrep-bench/api.db] [--no-browser]
        [--postgres postgresql://user@host/db]

With --postgres, the same store is copied (`sitrep db copy`) into that PostgreSQL database (which must be
empty, or hold this benchmark's store already) and both backends are served side by side and timed in one
run, request by request in turn, so that both see the same load on the machine.

Builds (once, then reuses) a store of synthetic but realistically spread events: places jittered around
real conflict hot spots, ACLED's event-type mix, heavy-tailed fatalities, eight years of dates with a
rising trend, a few thousand reviewed or corrected events. It then serves the app with uvicorn on
localhost and times, over HTTP with one keep-alive client, each kind of query the desk sends (p50 and
p95 of `--runs` requests, each with varied parameters), and the page's first render in headless Chromium
(navigation start to the page's `sitrep:ready` mark: basemap, map points clustered, timeline, charts and
table drawn).
Numbers go to the `## Web desk` section of BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sitrep.model import Article, ArticleRef, EventRecord, Evidence
from sitrep.store import SQLiteStore, open_store

# (country, iso, admin1, lat, lon, spread in degrees, weight, actors)
HOTSPOTS = [
    (
        "Ukraine",
        804,
        "Donetsk",
        48.0,
        37.8,
        0.8,
        14,
        ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"],
    ),
    (
        "Ukraine",
        804,
        "Kharkiv",
        49.99,
        36.23,
        0.7,
        7,
        ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"],
    ),
    (
        "Ukraine",
        804,
        "Zaporizhia",
        47.6,
        35.6,
        0.6,
        5,
        ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"],
    ),
    ("Sudan", 729, "Khartoum", 15.6, 32.5, 0.5, 6, ["RSF: Rapid Support Forces", "Military Forces of Sudan (2019-)"]),
    (
        "Sudan",
        729,
        "North Darfur",
        13.6,
        25.3,
        1.2,
        5,
        ["RSF: Rapid Support Forces", "Military Forces of Sudan (2019-)"],
    ),
    (
        "Democratic Republic of Congo",
        180,
        "Nord-Kivu",
        -0.9,
        29.2,
        0.8,
        6,
        ["M23: March 23 Movement", "ADF: Allied Democratic Forces"],
    ),
    (
        "Democratic Republic of Congo",
        180,
        "Ituri",
        1.6,
        30.2,
        0.7,
        4,
        ["CODECO: Cooperative for Development of Congo", "ADF: Allied Democratic Forces"],
    ),
    ("Nigeria", 566, "Borno", 11.8, 13.2, 1.0, 5, ["ISWAP: Islamic State West Africa Province", "Boko Haram - JAS"]),
    (
        "Nigeria",
        566,
        "Zamfara",
        12.1,
        6.2,
        0.8,
        4,
        ["Unidentified Armed Group (Nigeria)", "Military Forces of Nigeria (2023-)"],
    ),
    (
        "Mali",
        466,
        "Mopti",
        14.5,
        -4.2,
        1.0,
        4,
        ["JNIM: Jamaah Nusrat al Islam wal Muslimin", "Military Forces of Mali (2021-)"],
    ),
    (
        "Burkina Faso",
        854,
        "Sahel",
        14.0,
        -0.5,
        1.0,
        4,
        ["JNIM: Jamaah Nusrat al Islam wal Muslimin", "Islamic State (Sahel)"],
    ),
    ("Somalia", 706, "Banadir", 2.05, 45.33, 0.2, 3, ["Al Shabaab", "Military Forces of Somalia (2022-)"]),
    ("Somalia", 706, "Lower Shabelle", 1.7, 44.6, 0.6, 3, ["Al Shabaab", "Military Forces of Somalia (2022-)"]),
    (
        "Myanmar",
        104,
        "Sagaing",
        22.0,
        95.5,
        1.2,
        6,
        ["PDF: People's Defense Force", "Military Forces of Myanmar (2021-)"],
    ),
    ("Myanmar", 104, "Rakhine", 20.1, 93.2, 0.8, 3, ["AA: Arakan Army", "Military Forces of Myanmar (2021-)"]),
    ("Syria", 760, "Idleb", 35.9, 36.6, 0.4, 4, ["HTS: Hayat Tahrir al Sham", "Military Forces of Syria (2000-2024)"]),
    ("Yemen", 887, "Taizz", 13.6, 44.0, 0.4, 3, ["Houthi Movement", "Military Forces of Yemen (2016-)"]),
    (
        "Pakistan",
        586,
        "Balochistan",
        28.5,
        65.5,
        2.0,
        3,
        ["BLA: Baloch Liberation Army", "Military Forces of Pakistan (2018-)"],
    ),
    (
        "Pakistan",
        586,
        "Khyber Pakhtunkhwa",
        33.5,
        71.0,
        1.0,
        4,
        ["TTP: Tehreek-i-Taliban Pakistan", "Military Forces of Pakistan (2018-)"],
    ),
    (
        "Mexico",
        484,
        "Guanajuato",
        20.9,
        -101.2,
        0.8,
        4,
        ["CJNG: Jalisco New Generation Cartel", "Police Forces of Mexico (2018-)"],
    ),
    ("Colombia", 170, "Cauca", 2.5, -76.6, 0.7, 2, ["ELN: National Liberation Army", "FARC Dissidents"]),
    ("Haiti", 332, "Ouest", 18.55, -72.3, 0.2, 3, ["Viv Ansanm", "Police Forces of Haiti (2021-)"]),
    ("Ethiopia", 231, "Amhara", 11.6, 38.0, 1.2, 4, ["Fano Militia", "Military Forces of Ethiopia (2018-)"]),
    (
        "Cameroon",
        120,
        "Nord-Ouest",
        6.2,
        10.4,
        0.5,
        2,
        ["Ambazonian Separatists", "Military Forces of Cameroon (1982-)"],
    ),
    ("Kenya", 404, "Nairobi", -1.29, 36.82, 0.1, 2, ["Protesters (Kenya)", "Police Forces of Kenya (2022-)"]),
    ("India", 356, "Manipur", 24.7, 93.9, 0.4, 2, ["Meitei Ethnic Militia (India)", "Kuki Ethnic Militia (India)"]),
    ("Brazil", 76, "Rio de Janeiro", -22.9, -43.2, 0.3, 2, ["Comando Vermelho", "Military Police of Brazil"]),
    ("Palestine", 275, "Gaza Strip", 31.45, 34.4, 0.1, 5, ["Military Forces of Israel (2022-)", "Hamas Movement"]),
    (
        "Bangladesh",
        50,
        "Dhaka",
        23.8,
        90.4,
        0.2,
        3,
        ["Protesters (Bangladesh)", "Police Forces of Bangladesh (2009-2024)"],
    ),
]
# ACLED's event-type mix, roughly: type -> (weight, sub-event types, fatalities per event (mean of the tail)).
TYPES = {
    "Protests": (32, ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"], 0.05),
    "Battles": (20, ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"], 4.0),
    "Explosions/Remote violence": (
        21,
        ["Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED", "Suicide bomb"],
        2.5,
    ),
    "Violence against civilians": (14, ["Attack", "Abduction/forced disappearance"], 1.8),
    "Riots": (6, ["Violent demonstration", "Mob violence"], 0.3),
    "Strategic developments": (
        7,
        ["Looting/property destruction", "Arrests", "Agreement", "Change to group/activity"],
        0.0,
    ),
}
START = date(2018, 1, 1)
DAYS = (date(2025, 10, 31) - START).days


def synthetic_events(n: int, seed: int = 6) -> list[tuple[Article, list[EventRecord]]]:
    """n events, ten per article, spread as the module docstring says."""
    rng = random.Random(seed)
    spots = [h for h in HOTSPOTS for _ in range(h[6])]
    types = [t for t, (w, _, _) in TYPES.items() for _ in range(w)]
    out: list[tuple[Article, list[EventRecord]]] = []
    for a in range(0, n, 10):
        text = f"Synthetic report {a}: clashes and protests were reported in several districts, officials said."
        article = Article.from_text(text, title=f"Report {a}", source="Benchmark Wire", published=START)
        ref = ArticleRef(article.id, None, None, article.title, None, article.source)
        events = []
        for k in range(min(10, n - a)):
            country, iso, admin1, lat, lon, spread, _, actors = rng.choice(spots)
            event_type = rng.choice(types)
            _, subs, mean_dead = TYPES[event_type]
            day = START + timedelta(days=int(DAYS * rng.random() ** 0.6))  # more events in recent years
            dead = 0 if rng.random() > min(0.9, mean_dead) else int(rng.paretovariate(1.6) * max(1.0, mean_dead)) - 1
            events.append(
                EventRecord(
                    event_id=f"{article.id}-{k + 1}",
                    event_date=day.isoformat(),
                    time_precision=1,
                    event_type=event_type,
                    sub_event_type=rng.choice(subs),
                    actor1=rng.choice(actors),
                    inter1=rng.randint(1, 8),
                    actor2=rng.choice(actors),
                    inter2=rng.randint(0, 8),
                    country=country,
                    iso=iso,
                    admin1=admin1,
                    admin2=f"{admin1} district {rng.randint(1, 12)}",
                    location=f"{admin1} site {rng.randint(1, 400)}",
                    latitude=round(lat + rng.gauss(0, spread), 4),
                    longitude=round(lon + rng.gauss(0, spread), 4),
                    geo_precision=rng.choice((1, 1, 2, 3)),
                    fatalities=max(0, min(dead, 2000)),
                    notes=f"On {day.isoformat()}, {event_type.lower()} in {admin1} ({country}).",
                    evidence=[Evidence("notes", article.id, 0, 16, text[:16])],
                    articles=[ref],
                    confidence=round(rng.random(), 2),
                )
            )
        out.append((article, events))
    return out


def build(db: Path, n: int) -> None:
    """Create the benchmark store (skipped when one with n events is there already)."""
    if db.exists():
        with SQLiteStore(db) as store:
            if store.counts()["events"] == n:
                return
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with SQLiteStore(db) as store:
        batches = synthetic_events(n)
        for i, (article, events) in enumerate(batches):
            store.add_article(article, events)
            if i % 1000 == 0:
                print(f"  stored {i * 10:,} events", file=sys.stderr, flush=True)
        # Some desk work: reviews and corrections, as on a store in use.
        database = store.db
        ids = [r[0] for r in database.execute("SELECT event_id FROM events ORDER BY random() LIMIT 3000")]
        with database.transaction():
            for k, event_id in enumerate(ids):
                state = ("confirmed", "needs_check", "rejected")[k % 3]
                database.execute(
                    "UPDATE events SET review_state = ?, version = version + 1 WHERE event_id = ?", (state, event_id)
                )
        database.execute("ANALYZE")
    print(f"built {n:,} events in {time.perf_counter() - t0:.0f} s -> {db}", file=sys.stderr)


@dataclass
class Timing:
    name: str
    samples: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def queries(rng: random.Random) -> dict[str, Callable[[], str]]:
    """Each kind of request the desk sends, with varied parameters per call."""

    def spot() -> tuple:
        return rng.choice(HOTSPOTS)

    def year_range() -> str:
        y = rng.randint(2018, 2025)
        return f"since={y}-01-01&until={y}-12-31"

    return {
        "list, no filter (newest first)": lambda: "/api/events?limit=50",
        "country": lambda: f"/api/events?country={spot()[0]}&limit=50",
        "country + one year": lambda: f"/api/events?country={spot()[0]}&{year_range()}&limit=50",
        "admin1": lambda: f"/api/events?admin1={spot()[2]}&limit=50",
        "event type": lambda: f"/api/events?event_type={rng.choice(list(TYPES))}&limit=50",
        "actor (substring)": lambda: f"/api/events?actor={spot()[7][0].split(':')[0][:8]}&limit=50",
        "text search q": lambda: f"/api/events?q={spot()[2].split()[0]}&limit=50",
        "bbox (map view)": lambda: "/api/events?bbox={},{},{},{}&limit=50".format(
            *(lambda s: (s[4] - 2, s[3] - 2, s[4] + 2, s[3] + 2))(spot())
        ),
        "min fatalities": lambda: f"/api/events?min_fatalities={rng.choice((5, 10, 50))}&limit=50",
        "review state": lambda: f"/api/events?review_state={rng.choice(('confirmed', 'needs_check'))}&limit=50",
        "sorted by fatalities": lambda: f"/api/events?sort=-fatalities&{year_range()}&limit=50",
        "page 20 of a country": lambda: f"/api/events?country={spot()[0]}&limit=50&offset=1000",
        "all filters combined": lambda: (
            f"/api/events?country={spot()[0]}&{year_range()}&event_type=Battles"
            f"&min_fatalities=1&sort=-fatalities&limit=50"
        ),
        "map points (one year)": lambda: f"/api/events/points?{year_range()}",
        "map points (all, 10k cap)": lambda: "/api/events/points",
        "stats (timeline, charts)": lambda: f"/api/events/stats?{rng.choice(['', year_range(), 'country=Sudan'])}",
    }


def copy_to_postgres(source: Path, url: str, n: int) -> None:
    """The benchmark store, copied into PostgreSQL (skipped when it holds the n events already)."""
    from sitrep.store.copy import copy_store

    with open_store(url) as target:
        if target.counts()["events"] == n:
            return
        t0 = time.perf_counter()
        with SQLiteStore(source) as store:
            copy_store(store, target)  # ends with VACUUM (ANALYZE), as autovacuum would on a server at rest
    print(f"copied {n:,} events to PostgreSQL in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def serve(db: Path | str) -> tuple[str, object, threading.Thread]:
    import uvicorn

    from sitrep.api import Settings, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(db=str(db))), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}", server, thread


def time_api(urls: dict[str, str], runs: int) -> dict[str, list[Timing]]:
    """Each kind of request `runs` times against every server in turn (the same path each time)."""
    import httpx

    rng = random.Random(11)
    out: dict[str, list[Timing]] = {name: [] for name in urls}
    clients = {name: httpx.Client(base_url=url, timeout=60) for name, url in urls.items()}
    try:
        for client in clients.values():
            client.get("/api/events?limit=1").raise_for_status()  # open the store
        for kind, make in queries(rng).items():
            samples: dict[str, list[float]] = {name: [] for name in urls}
            for _ in range(runs):
                path = make()
                for name, client in clients.items():
                    t0 = time.perf_counter()
                    response = client.get(path)
                    samples[name].append((time.perf_counter() - t0) * 1000)
                    response.raise_for_status()
            for name in urls:
                out[name].append(Timing(kind, samples[name]))
    finally:
        for client in clients.values():
            client.close()
    return out


def time_first_render(url: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
    samples = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for _ in range(runs + 1):  # the first load warms the disk cache and is dropped
            context = browser.new_context(viewport={"width": 1500, "height": 950})
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("html[data-ready='1']", timeout=60_000)
            ms = page.evaluate("performance.getEntriesByName('sitrep:ready')[0].startTime")
            status = page.evaluate("document.querySelector('#status').textContent")
            assert not status, status
            samples.append(float(ms))
            context.close()
        browser.close()
    return samples[1:]


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", type=Path, default=Path("/tmp/sitrep-bench/api.db"))
    parser.add_argument("--postgres", help="also time the same store on this PostgreSQL database")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    opts = parser.parse_args()
    build(opts.db, opts.events)
    stores: dict[str, Path | str] = {"SQLite": opts.db}
    if opts.postgres:
        copy_to_postgres(opts.db, opts.postgres, opts.events)
        stores["PostgreSQL"] = opts.postgres
    servers = {name: serve(db) for name, db in stores.items()}
    load = [os.getloadavg()[0]]
    try:
        timings = time_api({name: s[0] for name, s in servers.items()}, opts.runs)
        load.append(os.getloadavg()[0])
        # The table first: a browser that fails must not lose it.
        print(
            json.dumps({name: [(t.name, round(t.p50, 1), round(t.p95, 1)) for t in ts] for name, ts in timings.items()})
        )
        render = {} if opts.no_browser else {name: time_first_render(s[0], 5) for name, s in servers.items()}
    finally:
        for _, server, thread in servers.values():
            server.should_exit = True  # type: ignore[attr-defined]
            thread.join(timeout=10)
    names = list(stores)
    print(
        f"\n{opts.events:,} events, {opts.runs} requests per kind and backend, one keep-alive client per backend "
        f"on localhost, in turn; load average {load[0]:.1f} before, {load[-1]:.1f} after\n"
    )
    print("| request | " + " | ".join(f"{n} p50 ms | {n} p95 ms" for n in names) + " |")
    print("|---|" + "---:|---:|" * len(names))
    for k, t in enumerate(timings[names[0]]):
        print(f"| {t.name} | " + " | ".join(f"{timings[n][k].p50:.1f} | {timings[n][k].p95:.1f}" for n in names) + " |")
    prefixes = ("list", "country", "admin1", "event", "actor", "text", "bbox", "min", "review", "sorted", "page", "all")
    summary: dict[str, dict[str, float]] = {}
    for name in names:
        filtered = [s for t in timings[name] if t.name.startswith(prefixes) for s in t.samples]
        overall = Timing("all filtered /api/events", filtered)
        summary[name] = {"p50": overall.p50, "p95": overall.p95}
        print(
            f"\n{name}: all filtered /api/events requests: p50 {overall.p50:.1f} ms, p95 {overall.p95:.1f} ms "
            "(target < 200)"
        )
        if render.get(name):
            print(
                f"{name}: first render: median {statistics.median(render[name]) / 1000:.2f} s, "
                f"max {max(render[name]) / 1000:.2f} s over {len(render[name])} loads (target < 2 s)"
            )
    if opts.json:
        opts.json.parent.mkdir(parents=True, exist_ok=True)
        opts.json.write_text(
            json.dumps(
                {
                    "events": opts.events,
                    "runs": opts.runs,
                    "load_avg": load,
                    "filtered": summary,
                    "timings": {n: [{"name": t.name, "p50": t.p50, "p95": t.p95} for t in timings[n]] for n in names},
                    "first_render_ms": render,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
