"""One `sitrep watch` round over local feeds, against `sitrep ingest` of the same pages saved as files (the floor).

    .venv/bin/python bench/watch.py [--feeds 50] [--per-feed 40]

A threaded HTTP server on 127.0.0.1 serves --feeds RSS feeds of --per-feed article pages each (2,000 by default),
written from templates here (places, actors, tolls and days varied, so every text is different). Each side runs
in a fresh child process, so its peak memory (ru_maxrss) is its own:

* watch:  `Watcher.run(once=True)` with no per-host delay (every feed is on one host here; a real run waits
          `--host-delay`, 1 s by default, between two requests to one site). Reported: articles per minute for
          the round, peak memory, and the latency from a feed item's appearance (the moment its feed was
          served) to its events in the store (the moment the watcher reported them), median, p95 and max.
* ingest: the same pages as .html files, read, extracted and stored as `sitrep ingest` does, in the watcher's
          order (feed by feed, item by item): the store matches each article's events against those stored before
          it, so the order of arrival can change which reports end up merged (see BENCHMARKS.md).

Both sides report a fingerprint of their events (what each says and which articles it was built from): the same
pages in the same order must give the same events whichever way they enter.

The server runs in the watch child's process (a thread): its memory and CPU are counted with the watcher's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLACES = [
    ("Maiduguri", "Borno State", "Nigeria"), ("Gao", "Gao Region", "Mali"), ("Kismayo", "Lower Juba", "Somalia"),
    ("Goma", "North Kivu", "Democratic Republic of Congo"), ("Kharkiv", "Kharkiv Oblast", "Ukraine"),
    ("Quetta", "Balochistan", "Pakistan"), ("Mosul", "Nineveh", "Iraq"), ("Ouagadougou", "Centre", "Burkina Faso"),
    ("Juba", "Central Equatoria", "South Sudan"), ("Sittwe", "Rakhine State", "Myanmar"),
]  # fmt: skip
EVENTS = [
    "Gunmen attacked a village near {town}, {region}, {country}, on {day}, killing {n} civilians, officials said.",
    "Soldiers clashed with militants outside {town} in {country} on {day}; {n} fighters were killed, the army said.",
    "A roadside bomb struck a bus near {town}, {region}, on {day}, killing {n} passengers, police in {country} said.",
    "Police fired tear gas at protesters in {town}, {country}, on {day}; {n} people were injured, witnesses said.",
    "Artillery shells hit a market in {town}, {country}, on {day}, killing {n} people, the regional governor said.",
]
FILLER = [
    "Residents said the area had been calm for several weeks before the incident.",
    "Officials promised an investigation and asked witnesses to come forward.",
    "Shops in the town centre stayed closed for the rest of the day.",
    "Aid groups said they were sending medical supplies to the local hospital.",
    "Security forces set up checkpoints on the main roads leading to the town.",
    "Community leaders called for calm and urged people to stay at home overnight.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_pages(feeds: int, per_feed: int) -> dict[int, list[tuple[str, str]]]:
    """Per feed: (title, html) of its articles. Deterministic (seeded)."""
    from tests.monitor.pages import article_html

    rng = random.Random(18)
    out: dict[int, list[tuple[str, str]]] = {}
    for f in range(feeds):
        pages = []
        for k in range(per_feed):
            town, region, country = rng.choice(PLACES)
            lead = rng.choice(EVENTS).format(town=town, region=region, country=country, day=rng.choice(DAYS),
                                             n=rng.randint(2, 40))  # fmt: skip
            body = rng.sample(FILLER, 4)
            paragraphs = (lead, " ".join(body[:2]), " ".join(body[2:]) + f" (Report {f}-{k}.)")
            title = f"{town}: report {f}-{k}"
            pages.append((title, article_html(title, paragraphs, published="2026-12-01T08:00:00Z")))
        out[f] = pages
    return out


def events_fingerprint(store: Any) -> str:
    """A hash of the live events: what each says and the articles (by text hash) it was built from."""
    rows = sorted(
        (e.event_date, e.event_type, e.sub_event_type, e.country, e.location, e.fatalities,
         sorted({a.id for a in e.articles}))
        for e in store.events()
    )  # fmt: skip
    return hashlib.sha1(json.dumps(rows).encode()).hexdigest()[:12]


def run_watch(feeds: int, per_feed: int) -> dict[str, Any]:
    from tests.monitor.pages import rss
    from tests.monitor.server import LocalSite

    from sitrep.monitor import SourceConfig, Watcher, WatchSettings
    from sitrep.store import SQLiteStore
    from sitrep.text.annotate import load_nlp

    load_nlp()  # both sides start with the model loaded
    site = LocalSite()

    sources = []
    for f, pages in make_pages(feeds, per_feed).items():
        links = []
        for k, (title, html) in enumerate(pages):
            path = f"/f{f}/a{k}.html"
            site.page(path, html)
            links.append((title, site.url(path)))
        site.page(f"/f{f}/feed.xml", rss(links), content_type="application/rss+xml")
        sources.append(SourceConfig(name=f"feed {f}", url=site.url(f"/f{f}/feed.xml"), interval=0))
    item_feed = {site.url(f"/f{f}/a{k}.html"): f"/f{f}/feed.xml" for f in range(feeds) for k in range(per_feed)}

    seen: dict[str, float] = {}

    def on_event(kind: str, event: Any, url: str) -> None:
        seen.setdefault(url, time.time())

    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "watch.db") as store:
        settings = WatchSettings(interval=0, host_delay=0, timeout=30, deadline=120)
        with Watcher(store, settings, on_event=on_event) as watcher:
            start = time.perf_counter()
            report = watcher.run(sources, once=True)
            seconds = time.perf_counter() - start
        counts = store.counts()
        fingerprint = events_fingerprint(store)
    site.close()
    latencies = sorted(seen[url] - site.first_served[item_feed[url]] for url in seen)
    stored = report.pages["new"] + report.pages["not_english"]
    return {
        "articles": stored,
        "pages": dict(report.pages),
        "events_created": report.events_created,
        "events_in_store": counts["events"],
        "fingerprint": fingerprint,
        "seconds": seconds,
        "articles_per_min": stored / seconds * 60,
        "latency_median_s": statistics.median(latencies) if latencies else None,
        "latency_p95_s": latencies[int(0.95 * (len(latencies) - 1))] if latencies else None,
        "latency_max_s": latencies[-1] if latencies else None,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_ingest(feeds: int, per_feed: int) -> dict[str, Any]:
    from sitrep.pipeline import extract_many
    from sitrep.read import read_paths
    from sitrep.store import SQLiteStore
    from sitrep.text.annotate import load_nlp

    load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for f, pages in make_pages(feeds, per_feed).items():
            for k, (_, html) in enumerate(pages):
                # named so that the reader's order (sorted paths) is the watcher's: feed by feed, item by item
                (folder / f"f{f:04d}-a{k:04d}.html").write_text(html, encoding="utf-8")
        with SQLiteStore(Path(tmp) / "ingest.db") as store:
            start = time.perf_counter()
            stored = created = 0
            for extraction in extract_many(read_paths([folder])):
                result = store.ingest(extraction.article, extraction.events, extraction.mentions)
                if result is not None:
                    stored += 1
                    created += len(result.created)
            seconds = time.perf_counter() - start
            fingerprint = events_fingerprint(store)
    return {
        "articles": stored,
        "events_created": created,
        "fingerprint": fingerprint,
        "seconds": seconds,
        "articles_per_min": stored / seconds * 60,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--per-feed", type=int, default=40)
    parser.add_argument("--side", choices=["watch", "ingest"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        fn = run_watch if args.side == "watch" else run_ingest
        print(json.dumps(fn(args.feeds, args.per_feed)))
        return
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    print(f"{args.feeds} feeds x {args.per_feed} articles; load average before: {' '.join(load)}")
    results = {}
    for side in ("watch", "ingest"):
        command = [
            sys.executable,
            __file__,
            "--side",
            side,
            "--feeds",
            str(args.feeds),
            "--per-feed",
            str(args.per_feed),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        results[side] = json.loads(done.stdout.strip().splitlines()[-1])
    w, i = results["watch"], results["ingest"]
    print(f"{'':8} {'articles':>8} {'events':>7} {'seconds':>8} {'art/min':>8} {'peak MB':>8}")
    for name, r in (("watch", w), ("ingest", i)):
        print(f"{name:8} {r['articles']:8d} {r['events_created']:7d} {r['seconds']:8.1f} {r['articles_per_min']:8.0f} "
              f"{r['peak_mb']:8.0f}")  # fmt: skip
    print(f"watch / ingest time: {w['seconds'] / i['seconds']:.2f}; pages: {w['pages']}")
    same = "yes" if w["fingerprint"] == i["fingerprint"] else "NO"
    print(f"same events both ways: {same} (watch {w['fingerprint']}, ingest {i['fingerprint']})")
    if w["latency_median_s"] is not None:
        print(
            f"feed item -> event in store: median {w['latency_median_s']:.1f} s, p95 {w['latency_p95_s']:.1f} s, "
            f"max {w['latency_max_s']:.1f} s"
        )
    with open("/proc/loadavg") as f:
        print(f"load average after: {' '.join(f.read().split()[:3])}")


if __name__ == "__main__":
    main()
