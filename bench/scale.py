"""Scaling of extraction over cores: articles/s for the local engine (--workers 1, 2), Spark local[1] and
local[2], with spaCy's own nlp.pipe on 1 and 2 processes as the floor, on the same texts.

    .venv/bin/python bench/scale.py [--articles 2000] [--modes spacy1,spacy2,workers1,workers2,spark1,spark2]
                                    [--dedup 10000] [--out out/scale.json]

Texts: our samples and test articles plus the 200 GeoWebNews articles read from ../shared at run time,
cycled up to --articles, each copy made distinct by a numbered first line (so every article has its own
id, as in a real stream). Each mode runs in a fresh child process; what is timed starts after everything is
loaded (the model in every worker, Spark's session and its Python workers) and ends when the last article's
result is back, so the figures compare the fan-out, not the start-up. Load average (1 min) is recorded
before and after every mode: on a shared machine a figure taken under load is not a speed-up.

--dedup N also times cross-source dedup of N synthetic reports (bench/dedup.py's corpus): local
`find_clusters` against the Spark job (`sitrep.engines.spark.cluster_labels`, local[2]), and checks that
both give the same clusters.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MODES = ("spacy1", "spacy2", "workers1", "workers2", "spark1", "spark2")


def load_texts(n: int) -> list[str]:
    from sitrep.read import read_paths

    texts = [a.text for a in read_paths([ROOT / "samples", ROOT / "tests" / "articles"], on_error=lambda e: None)]
    gwn = SHARED / "eval" / "geowebnews" / "geowebnews.jsonl"
    if gwn.exists():
        texts += [json.loads(line)["text"] for line in gwn.open(encoding="utf-8")]
    return [f"Report {k + 1}.\n\n{texts[k % len(texts)]}" for k in range(n)]


def _load() -> float:
    return os.getloadavg()[0]


def child(mode: str, n: int) -> dict:
    """Run one mode in this process; seconds exclude loading."""
    from datetime import date

    from sitrep.model import Article

    texts = load_texts(n)
    words = sum(len(t.split()) for t in texts)
    articles = [Article.from_text(t, published=date(2025, 5, 8)) for t in texts]
    events = 0
    if mode.startswith("spacy"):
        from sitrep.text.annotate import load_nlp, normalize_text

        nlp = load_nlp()
        procs = int(mode[-1])
        list(nlp.pipe([normalize_text(t) for t in texts[: 16 * procs]], batch_size=16, n_process=procs))  # warm
        load_before = _load()
        start = time.perf_counter()
        for _ in nlp.pipe((normalize_text(t) for t in texts), batch_size=16, n_process=procs):
            pass
        elapsed = time.perf_counter() - start
    elif mode.startswith("workers"):
        from sitrep.engines import LocalEngine

        workers = int(mode[-1])
        with LocalEngine(workers) as engine:
            list(engine.outcomes(articles[: 32 * workers]))  # starts the workers and loads the model in each
            load_before = _load()
            start = time.perf_counter()
            events = sum(len(getattr(o, "events", ())) for o in engine.outcomes(articles))
            elapsed = time.perf_counter() - start
    else:
        from sitrep.engines.spark import SparkRun, spark_session

        cores = int(mode[-1])
        with tempfile.TemporaryDirectory() as tmp, spark_session(f"local[{cores}]", arrow_batch_size=16) as spark:
            warm, data = Path(tmp) / "warm.jsonl", Path(tmp) / "in.jsonl"
            for path, chunk in ((warm, texts[: 16 * cores]), (data, texts)):
                path.write_text("".join(json.dumps({"text": t, "date": "2025-05-08"}) + "\n" for t in chunk))
            SparkRun(spark, [str(warm)], arrow_batch_size=16).extracted.count()  # Python workers load the model
            load_before = _load()
            start = time.perf_counter()
            run = SparkRun(spark, [str(data)], arrow_batch_size=16)
            extracted = run.extracted
            events = int(extracted.selectExpr("sum(size(from_json(reports, 'array<string>')))").first()[0] or 0)
            elapsed = time.perf_counter() - start
    return {"mode": mode, "articles": n, "words": words, "seconds": round(elapsed, 2),
            "articles_per_s": round(n / elapsed, 2), "events": events,
            "load_before": round(load_before, 2), "load_after": round(_load(), 2)}  # fmt: skip


def child_dedup(n: int) -> dict:
    """Local dedup against the Spark job on n synthetic reports: seconds and whether the clusters agree."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_dedup", ROOT / "bench" / "dedup.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_dedup"] = bench
    spec.loader.exec_module(bench)
    from sitrep.dedup import find_clusters, frame_from_records
    from sitrep.engines.spark import cluster_labels, spark_session

    records = [r for r, _ in bench.corpus(n, 1)]
    load_before = _load()
    start = time.perf_counter()
    local = find_clusters(frame_from_records(records)).tolist()
    local_s = time.perf_counter() - start
    with spark_session("local[2]") as spark:
        df = spark.createDataFrame(
            [(k, json.dumps(r.to_dict())) for k, r in enumerate(records)], "row long, record string"
        )
        df = df.cache()
        df.count()
        start = time.perf_counter()
        labels = cluster_labels(df).toPandas().sort_values("row")["cluster"].tolist()
        spark_s = time.perf_counter() - start

    def canon(xs: list[int]) -> list[int]:
        first: dict[int, int] = {}
        return [first.setdefault(x, k) for k, x in enumerate(xs)]

    return {"mode": "dedup", "reports": n, "local_s": round(local_s, 2), "spark_local2_s": round(spark_s, 2),
            "same_clusters": canon(local) == canon(labels), "clusters": len(set(local)),
            "load_before": round(load_before, 2), "load_after": round(_load(), 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--dedup", type=int, default=0, help="also time dedup of this many synthetic reports")
    parser.add_argument("--out", default=None)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "dedup":
        print(json.dumps(child_dedup(args.dedup)))
        return
    if args.child:
        print(json.dumps(child(args.child, args.articles)))
        return
    results = []
    for mode in [m for m in args.modes.split(",") if m]:
        out = subprocess.run([sys.executable, __file__, "--child", mode, "--articles", str(args.articles)],
                             check=True, capture_output=True, text=True)  # fmt: skip
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    if args.dedup:
        out = subprocess.run([sys.executable, __file__, "--child", "dedup", "--dedup", str(args.dedup)],
                             check=True, capture_output=True, text=True)  # fmt: skip
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    base = {r["mode"]: r for r in results}
    if "workers1" in base and "workers2" in base:
        print(
            f"speed-up 1 -> 2 workers: {base['workers2']['articles_per_s'] / base['workers1']['articles_per_s']:.2f}x"
        )
    if "workers2" in base and "spark2" in base:
        print(
            f"Spark local[2] / --workers 2: {base['spark2']['articles_per_s'] / base['workers2']['articles_per_s']:.2f}"
        )
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
