"""Throughput of `sitrep extract` against spaCy's own nlp.pipe on the same articles (the floor).

    .venv/bin/python bench/throughput.py [--articles N] [--n-process 1]

Each side runs in a fresh child process so that its peak memory (ru_maxrss) is its own. Texts: the 200
GeoWebNews news articles read from ../shared at run time, plus our sample and test articles, cycled up to
--articles. Prints articles/s, words/s and peak memory for both, the ratio of times, and the time extract
spends in the geoparser (`sitrep.geoparse.geoparse`, and its recognition half): its share of extract time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_texts(n: int) -> list[str]:
    from sitrep.read import read_paths

    texts = [a.text for a in read_paths([ROOT / "samples", ROOT / "tests" / "articles"])]
    gwn = SHARED / "eval" / "geowebnews" / "geowebnews.jsonl"
    if gwn.exists():
        texts += [json.loads(line)["text"] for line in gwn.open(encoding="utf-8")]
    out = []
    while len(out) < n:
        out.extend(texts)
    return out[:n]


def child(mode: str, n: int, n_process: int) -> dict[str, float]:
    """Run one side in this process and report its numbers."""
    texts = load_texts(n)
    words = sum(len(t.split()) for t in texts)
    if mode == "spacy":
        from sitrep.text.annotate import load_nlp, normalize_text

        nlp = load_nlp()
        nlp("warm up")
        start = time.perf_counter()
        for _ in nlp.pipe((normalize_text(t) for t in texts), batch_size=16, n_process=n_process):
            pass
        elapsed = time.perf_counter() - start
        events = 0
        extra: dict[str, float] = {}
    else:
        from sitrep.model import Article
        from sitrep.pipeline import default_gazetteer, extract_many
        from sitrep.text.annotate import load_nlp

        load_nlp()("warm up")
        default_gazetteer()
        articles = [Article.from_text(t) for t in texts]
        timer = _time_geoparse()
        start = time.perf_counter()
        events = sum(len(x.events) for x in extract_many(articles))
        elapsed = time.perf_counter() - start
        extra = {f"geoparse_{k}": v for k, v in timer.items()}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "words": words, "seconds": elapsed, "events": events, "peak_mb": peak_mb, **extra}


def _time_geoparse() -> dict[str, float]:
    """Wrap the geoparser as the pipeline's geoparse stage calls it (`sitrep.pipeline.geoparse`) and its
    recognition half (`sitrep.geoparse.recognise`) so that their time inside extract is summed into the
    returned dict."""
    import sitrep.geoparse as gp
    import sitrep.pipeline as pipeline

    totals = {"seconds": 0.0, "recognise_seconds": 0.0, "calls": 0.0}

    def timed(fn: Any, key: str) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[key] += time.perf_counter() - t0
                if key == "seconds":
                    totals["calls"] += 1

        return wrapper

    pipeline.geoparse = timed(pipeline.geoparse, "seconds")
    gp.recognise = timed(gp.recognise, "recognise_seconds")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--child", choices=["spacy", "extract"])
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.articles, args.n_process)))
        return
    results = {}
    for mode in ("spacy", "extract"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                mode,
                "--articles",
                str(args.articles),
                "--n-process",
                str(args.n_process),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{'':24}{'articles/s':>12}{'words/s':>12}{'seconds':>10}{'peak MB':>10}")
    for mode, label in (("spacy", "spaCy nlp.pipe (floor)"), ("extract", "sitrep extract")):
        r = results[mode]
        print(
            f"{label:24}{r['articles'] / r['seconds']:>12.1f}{r['words'] / r['seconds']:>12.0f}"
            f"{r['seconds']:>10.2f}{r['peak_mb']:>10.0f}"
        )
    ratio = results["extract"]["seconds"] / results["spacy"]["seconds"]
    print(
        f"\n{results['spacy']['articles']} articles, {results['spacy']['words']} words; "
        f"extract/nlp.pipe time = {ratio:.2f}; "
        f"{results['extract']['events']} events"
    )
    r = results["extract"]
    geo, calls = r["geoparse_seconds"], r["geoparse_calls"]
    print(
        f"geoparse inside extract: {geo:.2f} s = {100 * geo / r['seconds']:.1f}% of extract time, "
        f"{1000 * geo / max(1, calls):.1f} ms per geoparsed article ({calls:.0f} of {r['articles']}; "
        f"recognition {r['geoparse_recognise_seconds']:.2f} s)"
    )


if __name__ == "__main__":
    main()
