"""Throughput of `sitrep extract` against spaCy's own nlp.pipe on the same articles (the floor).

    .venv/bin/python bench/throughput.py [--articles N] [--n-process 1]

Each side runs in a fresh child process so that its peak memory (ru_maxrss) is its own. Texts: the 200
GeoWebNews news articles read from ../shared at run time, plus our sample and test articles, cycled up to
--articles. Prints articles/s, words/s and peak memory for both, and the ratio of times.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

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
        from sitrep.pipeline.annotate import load_nlp, normalize_text

        nlp = load_nlp()
        nlp("warm up")
        start = time.perf_counter()
        for _ in nlp.pipe((normalize_text(t) for t in texts), batch_size=16, n_process=n_process):
            pass
        elapsed = time.perf_counter() - start
        events = 0
    else:
        from sitrep.model import Article
        from sitrep.pipeline import default_gazetteer, extract_many
        from sitrep.pipeline.annotate import load_nlp

        load_nlp()("warm up")
        default_gazetteer()
        articles = [Article.from_text(t) for t in texts]
        start = time.perf_counter()
        events = sum(len(x.events) for x in extract_many(articles))
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "words": words, "seconds": elapsed, "events": events, "peak_mb": peak_mb}


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
            [sys.executable, __file__, "--child", mode, "--articles", str(args.articles), "--n-process", str(args.n_process)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{'':24}{'articles/s':>12}{'words/s':>12}{'seconds':>10}{'peak MB':>10}")
    for mode, label in (("spacy", "spaCy nlp.pipe (floor)"), ("extract", "sitrep extract")):
        r = results[mode]
        print(f"{label:24}{r['articles'] / r['seconds']:>12.1f}{r['words'] / r['seconds']:>12.0f}{r['seconds']:>10.2f}{r['peak_mb']:>10.0f}")
    ratio = results["extract"]["seconds"] / results["spacy"]["seconds"]
    print(f"\n{results['spacy']['articles']} articles, {results['spacy']['words']} words; extract/nlp.pipe time = {ratio:.2f}; "
          f"{results['extract']['events']} events")  # fmt: skip


if __name__ == "__main__":
    main()
