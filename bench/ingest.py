"""Benchmark of the store under concurrent writers: `store.ingest` throughput with 1, 2 and 4 writer processes
on SQLite and PostgreSQL, side by side in one run.

Each writer is a process with its own connection that ingests its share of the articles (every k-th one, so
that the shares interleave in time and reports of one event arrive from different writers), one article
per transaction, matching each record against the stored events as `sitrep ingest` does. The records are
extracted beforehand (bench/dedup.py's synthetic corpus: ACLED-like events told by 1-6 outlets), so what is
timed is the store: blocking, scoring, writes, history and the write lock; extraction (spaCy) is not, and on
a real ingest it is the larger cost, which more writers would spread over more cores.

After every run the store is checked against the one-writer run: the same number of articles and reports
(every one kept, none twice). The number of live events may differ by a few: incremental matching in another
order may decide a near miss the other way, as it would for one writer given the articles in that order.

Usage:
    .venv/bin/python bench/ingest.py [--articles 2000] [--writers 1,2,4] [--postgres postgresql://user@host/db]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dedup import corpus  # bench/dedup.py: the synthetic reports


def _articles(n: int, seed: int) -> list[tuple[object, list[object]]]:
    from sitrep.model import Article

    out = []
    for record, _ in corpus(n, seed):
        ref = record.articles[0]
        article = Article(id=ref.id, text=record.notes, published=date.fromisoformat(ref.date), source=ref.source)
        out.append((article, [record]))
    return out


def _writer(db: str, items: list[tuple[object, list[object]]], start: float) -> None:
    from sitrep.store import open_store

    with open_store(db) as store:
        time.sleep(max(0.0, start - time.time()))
        for article, events in items:
            store.ingest(article, events)  # type: ignore[arg-type]


def _fresh(backend: str, workdir: str, postgres: str | None, tag: str) -> str:
    """A new, empty store for one run."""
    from sitrep.store import open_store

    if backend == "sqlite":
        path = os.path.join(workdir, f"ingest-{tag}.db")
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
        url = path
    else:
        import psycopg

        assert postgres
        schema = f"sitrep_bench_ingest_{tag}"
        with psycopg.connect(postgres, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
        url = postgres + ("&" if "?" in postgres else "?") + f"options=-csearch_path%3D{schema}"
    open_store(url).close()  # the schema now, not inside the timed run
    return url


def run(db: str, items: list[tuple[object, list[object]]], writers: int) -> dict:
    from sitrep.store import open_store

    context = multiprocessing.get_context("fork")
    start = time.time() + 1.0
    procs = [context.Process(target=_writer, args=(db, items[k::writers], start)) for k in range(writers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    wall = time.time() - start
    if any(p.exitcode != 0 for p in procs):
        raise RuntimeError(f"a writer failed on {db}")
    with open_store(db) as store:
        counts = store.counts()
        reports = int(store.db.scalar("SELECT COUNT(*) FROM event_reports"))
        live = len(store.events())
    return {"writers": writers, "wall_s": round(wall, 1), "articles_per_s": round(len(items) / wall, 1),
            "articles": counts["articles"], "reports": reports, "live_events": live}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--writers", default="1,2,4")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--postgres", default=None, help="also on this PostgreSQL database (schemas are created)")
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    workdir = args.workdir or tempfile.mkdtemp(prefix="sitrep-ingest-")
    items = _articles(args.articles, args.seed)
    backends = ["sqlite"] + (["postgresql"] if args.postgres else [])
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "load_avg_start": os.getloadavg()[0]}
    print(json.dumps({"machine": machine, "articles": len(items)}), flush=True)
    results = []
    for writers in [int(w) for w in args.writers.split(",")]:
        for backend in backends:  # in turn, so that both see the same load
            db = _fresh(backend, workdir, args.postgres, str(writers))
            result = {"backend": backend, **run(db, items, writers), "load_avg": os.getloadavg()[0]}
            results.append(result)
            print(json.dumps(result), flush=True)
    print("\n| writers | " + " | ".join(f"{b} articles/s (live events)" for b in backends) + " |")
    print("|---:|" + "---:|" * len(backends))
    for writers in sorted({r["writers"] for r in results}):
        row = [next(r for r in results if r["writers"] == writers and r["backend"] == b) for b in backends]
        print(f"| {writers} | " + " | ".join(f"{r['articles_per_s']} ({r['live_events']})" for r in row) + " |")
    single = {r["backend"]: r for r in results if r["writers"] == 1}
    for r in results:
        base = single.get(r["backend"])
        # Every article and every report stored once, whatever the writers; the number of live events may
        # differ by a few, as incremental matching in another order may (near misses decided the other way).
        if base and any(r[k] != base[k] for k in ("articles", "reports")):
            print(f"MISMATCH against one writer: {r}", file=sys.stderr)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": machine, "results": results}, indent=2))


if __name__ == "__main__":
    main()
