"""Check that a change to the geoparser keeps its output, and time it: dump every toponym of a fixed corpus.

    .venv/bin/python bench/geoparse_check.py --out /tmp/gp/after.jsonl [--compare /tmp/gp/before.jsonl]

Corpus (read from ../shared at run time, never copied): samples/, tests/articles/, ../shared/seeds/, the
GeoWebNews tune split, every 10th ACLED note of the three ACLED samples (up to 150 each) and every 10th GTD
2011 summary (up to 300). The spaCy Docs are annotated once and cached (`--docs`, a DocBin, keyed by the texts
and the model), so reruns time only the geoparser. Each line of the dump is one text: the recognised mentions
(`recognise`: span, source, query, pattern, country filter) and the toponyms that `geoparse` returns (span,
source, pattern, relation, container, resolved id, match, resolved_via, place id, precision, score).
`--compare` reports the texts whose mentions or toponyms differ from an earlier dump.

`--gazetteer` opens that file as it is (no rebuild), so that a rebuilt cache does not move the baseline.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_CSV_TEXTS = (
    ("acled-2020-05-sample/acled_2020_05_sample.csv", "notes", 150),
    ("acled-asia-2015-sample/acled_asia_2015_sample.csv", "NOTES", 150),
    ("acled-africa-2016-07/acled_africa_2016_07.csv", "notes", 150),
    ("gtd-2011-sample/gtd_2011_sample.csv", "summary", 300),
)


def load_corpus() -> list[tuple[str, str]]:
    """(id, text) pairs of the fixed corpus, in a fixed order."""
    from sitrep.evaluate.geowebnews import split_of
    from sitrep.read import read_paths

    out: list[tuple[str, str]] = []
    for folder in (ROOT / "samples", ROOT / "tests" / "articles", SHARED / "seeds"):
        for article in read_paths([folder]):
            out.append((f"{folder.name}:{article.id}", article.text))
    gwn = SHARED / "eval" / "geowebnews" / "geowebnews.jsonl"
    if gwn.exists():
        for line in gwn.open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                if split_of(str(row["file"])) == "tune":
                    out.append((f"gwn:{row['file']}", row["text"]))
    csv.field_size_limit(sys.maxsize)
    for rel, column, limit in _CSV_TEXTS:
        path = SHARED / "eval" / rel
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f) if (r.get(column) or "").strip()]
        for k, row in enumerate(rows[::10][:limit]):
            out.append((f"{rel.split('/')[0]}:{k}", row[column]))
    return out


def annotated_corpus(cache: Path) -> list[tuple[str, Any]]:
    """The corpus annotated, from the DocBin cache when it holds these very texts."""
    from spacy.tokens import DocBin

    from sitrep.model import Article
    from sitrep.text.annotate import AnnotatedArticle, annotate_many, load_nlp, paragraph_starts

    corpus = load_corpus()
    nlp = load_nlp()
    model = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"
    digest = hashlib.sha1("\x00".join([model, *(t for _, t in corpus)]).encode()).hexdigest()[:12]
    path = cache.with_name(f"{cache.stem}-{digest}.spacy")
    articles = [Article.from_text(t) for _, t in corpus]
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        annotated = [AnnotatedArticle(a, d, paragraph_starts(a.text)) for a, d in zip(articles, docs, strict=True)]
    else:
        annotated = annotate_many(articles, nlp)
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=[a.doc for a in annotated], store_user_data=False).to_disk(path)
    return [(cid, ann) for (cid, _), ann in zip(corpus, annotated, strict=True)]


def _mention_row(m: Any) -> list[Any]:
    return [m.start, m.end, m.text, m.source, m.query, m.pattern, m.country_filter]


def _toponym_row(t: Any) -> list[Any]:
    c, p = t.candidate, t.place
    return [
        t.span.start,
        t.span.end,
        t.text,
        t.source,
        t.pattern,
        t.relation,
        [t.container.start, t.container.end] if t.container else None,
        c.gazetteer_id if c else None,
        c.match if c else None,
        t.resolved_via,
        p.gazetteer_id if p else None,
        p.geo_precision if p else None,
        p.score if p else None,
    ]


def dump(out: Path, docs: Path, gazetteer: Path | None, repeat: int) -> dict[str, float]:
    """Geoparse the corpus, write the dump, and return the timings (the best of `repeat` runs per text)."""
    from sitrep.gazetteer.index import Gazetteer, SqliteGazetteer
    from sitrep.geoparse import DEFAULT_SETTINGS, run_phases
    from sitrep.geoparse.recognise import recognise

    corpus = annotated_corpus(docs)
    gaz = SqliteGazetteer(gazetteer) if gazetteer else Gazetteer.open()
    # warm the lookup caches as a long run would have them
    for _, ann in corpus:
        run_phases(ann, recognise(ann.doc, gaz, DEFAULT_SETTINGS), gaz, DEFAULT_SETTINGS)
    recognise_s = total_s = 0.0
    lines = []
    for cid, ann in corpus:
        best_rec = best_all = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            mentions = recognise(ann.doc, gaz, DEFAULT_SETTINGS)
            t1 = time.perf_counter()
            rec = [_mention_row(m) for m in mentions]
            t2 = time.perf_counter()
            toponyms = run_phases(ann, mentions, gaz, DEFAULT_SETTINGS)
            t3 = time.perf_counter()
            best_rec, best_all = min(best_rec, t1 - t0), min(best_all, (t1 - t0) + (t3 - t2))
        recognise_s += best_rec
        total_s += best_all
        lines.append(json.dumps({"id": cid, "mentions": rec, "toponyms": [_toponym_row(t) for t in toponyms]}))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n = len(corpus)
    return {"texts": n, "recognise_ms": 1000 * recognise_s / n, "geoparse_ms": 1000 * total_s / n}


def compare(new: Path, old: Path, show: int = 10) -> bool:
    """Print the texts whose mentions or toponyms differ; True when none do."""
    a = [json.loads(x) for x in old.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in new.read_text(encoding="utf-8").splitlines()]
    if [x["id"] for x in a] != [x["id"] for x in b]:
        print("the two dumps hold different corpora")
        return False
    diffs = {"mentions": 0, "toponyms": 0}
    shown = 0
    for x, y in zip(a, b, strict=True):
        for key in diffs:
            if x[key] != y[key]:
                diffs[key] += 1
                if shown < show:
                    shown += 1
                    print(f"{x['id']} {key}:\n  - {sorted(map(str, x[key]))}\n  + {sorted(map(str, y[key]))}")
    n_m = sum(len(x["mentions"]) for x in a)
    n_t = sum(len(x["toponyms"]) for x in a)
    print(
        f"{len(a)} texts, {n_m} mentions, {n_t} toponyms; texts that differ: mentions {diffs['mentions']}, "
        f"toponyms {diffs['toponyms']}"
    )
    return not any(diffs.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--docs", type=Path, default=Path("/tmp/sitrep-geoparse-check/docs.spacy"))
    parser.add_argument("--gazetteer", type=Path, help="an SQLite gazetteer file, opened as it is")
    parser.add_argument("--repeat", type=int, default=1, help="time each text this many times, keep the best")
    args = parser.parse_args()
    timing = dump(args.out, args.docs, args.gazetteer, args.repeat)
    print(json.dumps(timing))
    if args.compare and not compare(args.out, args.compare):
        sys.exit(1)


if __name__ == "__main__":
    main()
