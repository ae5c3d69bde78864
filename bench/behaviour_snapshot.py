"""A snapshot of everything sitrep outputs, to show that a refactor changed no behaviour.

    .venv/bin/python bench/behaviour_snapshot.py write OUT_DIR [--limit N]
    .venv/bin/python bench/behaviour_snapshot.py compare BEFORE_DIR AFTER_DIR

`write` runs, on the checkout it is started from:
  - `sitrep extract --format jsonl` and `sitrep geoparse --format jsonl` (the command line, in a subprocess) on
    samples/, the seed article of ../shared/seeds, tests/articles/*.txt and every article of
    ../shared/eval/wikinews-dev/articles (one folder per call, so the cross-article merge is in it too);
  - the extractor on the first N texts (`sitrep eval`'s stable sample, both splits) of every event dataset of
    ../shared/eval: one JSON line per text with every predicted event in full (`EventRecord.to_dict`), its
    extractor error, and the scores of that sample (the eval's report, without its run time), plus the misses
    file that `sitrep eval --errors` writes;
  - the geoparser on the first N GeoWebNews articles: every recognised toponym (`toponym_rows` plus how it was
    found and resolved) and every gold span resolved with `resolve_spans`, plus the GeoWebNews scores.
`compare` checks every file of BEFORE_DIR byte for byte against AFTER_DIR and prints, per file, the number of
lines compared and which line numbers differ (never their text: the outputs hold evaluation data and the held
wikinews articles). It exits 1 when anything differs.

The snapshots hold evaluation text (ACLED, GTD, the held wikinews part): write them outside the repository.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _inputs() -> dict[str, list[str]]:
    """Name -> the paths one `sitrep extract` / `sitrep geoparse` call reads: relative to the checkout (the
    outputs name them), so that two checkouts in different folders can be compared."""
    shared = Path("..") / "shared"
    return {
        "samples": ["samples"],
        "seed": [str(shared / "seeds" / "000_7271363c37294f42.txt")],
        "articles": sorted(str(p.relative_to(REPO)) for p in (REPO / "tests" / "articles").glob("*.txt")),
        "wikinews": [str(shared / "eval" / "wikinews-dev" / "articles")],
    }


def _command(out: Path, name: str, args: list[str]) -> None:
    sitrep = Path(sys.executable).parent / "sitrep"
    done = subprocess.run([str(sitrep), *args, "--quiet"], capture_output=True, check=False, cwd=REPO)
    (out / f"{name}.jsonl").write_bytes(done.stdout)
    (out / f"{name}.stderr").write_bytes(done.stderr + f"exit {done.returncode}\n".encode())


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _event(event: Any) -> dict[str, Any]:
    """The event as the output contract writes it; its fields as they are when `to_dict` fails (the failure too)."""
    try:
        return event.to_dict()
    except Exception as exc:  # an undated event has no year: keep what there is, and the error
        return {**dataclasses.asdict(event), "to_dict_error": f"{type(exc).__name__}: {exc}"}


class _Recorder:
    """The eval's extractor, keeping what it returned for each article (by object identity)."""

    def __init__(self, extractor: Any, many: Any) -> None:
        self.extractor, self.many = extractor, many
        self.events: dict[int, list[Any]] = {}

    def one(self, article: Any) -> list[Any]:
        self.events[id(article)] = events = list(self.extractor(article))
        return events

    def batch(self, articles: list[Any]) -> list[list[Any]]:
        results = self.many(articles)
        for article, events in zip(articles, results, strict=True):
            self.events[id(article)] = events
        return results


def _eval(out: Path, limit: int) -> None:
    from rich.console import Console

    from sitrep.evaluate.datasets import DATASETS
    from sitrep.evaluate.gold import stable_rank
    from sitrep.evaluate.runner import default_extractor, evaluate_items, render_report, write_misses

    extractor, many = default_extractor()
    for name, spec in DATASETS.items():
        if spec.task in ("geoparse", "news"):  # news: the same articles go through `sitrep extract` above
            continue
        items = spec.load(SHARED, split="all")
        items.sort(key=lambda it: stable_rank(name, it.id))
        items = items[:limit]
        started = time.perf_counter()
        seen = _Recorder(extractor, many)
        report, results = evaluate_items(name, items, task=spec.task, extractor=seen.one, extract_many=seen.batch)
        with open(out / f"eval_{name}.jsonl", "w", encoding="utf-8") as f:
            for item, result in zip(items, results, strict=True):
                events = [_event(e) for e in seen.events.get(id(item.article), [])]
                f.write(_json({"id": item.id, "split": item.split, "error": result.error, "events": events}) + "\n")
        with open(out / f"eval_{name}.misses.jsonl", "w", encoding="utf-8") as f:
            write_misses(f, items, results)
        report.seconds = 0.0
        table = io.StringIO()
        Console(file=table, width=200).print(render_report(report))
        scores = {"report": report.to_dict(), "table": table.getvalue()}
        (out / f"eval_{name}.report.json").write_text(_json(scores) + "\n", encoding="utf-8")
        print(f"  eval {name}: {len(items)} texts, {time.perf_counter() - started:.0f} s", flush=True)


def _geowebnews(out: Path, limit: int) -> None:
    from sitrep.evaluate.geowebnews import evaluate_geowebnews
    from sitrep.geoparse import geoparse, resolve_spans, toponym_rows
    from sitrep.model import Article
    from sitrep.pipeline import default_gazetteer
    from sitrep.text.annotate import annotate_many

    path = SHARED / "eval" / "geowebnews" / "geowebnews.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    articles = [Article(id=str(r["file"]), text=r["text"], title=r.get("title")) for r in rows]
    gazetteer = default_gazetteer()
    with open(out / "geowebnews_toponyms.jsonl", "w", encoding="utf-8") as f:
        for row, annotated in zip(rows, annotate_many(articles), strict=True):
            toponyms = geoparse(annotated, gazetteer)
            for t, line in zip(toponyms, toponym_rows(annotated.article, toponyms), strict=True):
                how = {"source": t.source, "pattern": t.pattern, "relation": t.relation, "via": t.resolved_via}
                container = (t.container.start, t.container.end) if t.container else None
                f.write(_json({**line, **how, "container": container}) + "\n")
            spans = [(int(g["start"]), int(g["end"])) for g in row["toponyms"]]
            for t in resolve_spans(annotated, spans, gazetteer):
                c = t.candidate
                given = {"file": row["file"], "given": [t.span.start, t.span.end], "via": t.resolved_via}
                f.write(_json({**given, "id": c.gazetteer_id if c else None, "place": t.place}) + "\n")
    errors: list[dict[str, Any]] = []
    scores = evaluate_geowebnews(path, limit, split="all", gazetteer=gazetteer, errors=errors)
    scores.pop("seconds", None)
    (out / "geowebnews.report.json").write_text(_json({"scores": scores, "misses": errors}) + "\n", encoding="utf-8")


PARTS = ("commands", "eval", "geowebnews")


def write(out: Path, limit: int, parts: tuple[str, ...] = PARTS) -> None:
    """Write the snapshot of the current checkout into `out` (only the named parts of it)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, paths in _inputs().items() if "commands" in parts else ():
        started = time.perf_counter()
        _command(out, f"extract_{name}", ["extract", *paths, "--format", "jsonl"])
        _command(out, f"geoparse_{name}", ["geoparse", *paths, "--format", "jsonl"])
        print(f"  extract + geoparse {name}: {time.perf_counter() - started:.0f} s", flush=True)
    if "eval" in parts:
        _eval(out, limit)
    if "geowebnews" in parts:
        started = time.perf_counter()
        _geowebnews(out, limit)
        print(f"  geowebnews: {time.perf_counter() - started:.0f} s", flush=True)


def compare(before: Path, after: Path) -> int:
    """Compare every file of `before` with the same file in `after`; print a summary; 0 when all are equal."""
    different = files = lines = 0
    for old in sorted(before.iterdir()):
        new = after / old.name
        files += 1
        a = old.read_bytes().splitlines()
        b = new.read_bytes().splitlines() if new.exists() else []
        lines += len(a)
        if new.exists() and old.read_bytes() == new.read_bytes():
            print(f"same  {old.name}: {len(a)} lines")
            continue
        different += 1
        wrong = [k + 1 for k in range(max(len(a), len(b))) if k >= len(a) or k >= len(b) or a[k] != b[k]]
        shown = ", ".join(map(str, wrong[:10])) + (" ..." if len(wrong) > 10 else "")
        state = "missing" if not new.exists() else f"{len(wrong)} of {len(a)} lines differ (now {len(b)}): {shown}"
        print(f"DIFF  {old.name}: {state}")
    print(f"{files} files, {lines} lines compared; {different} files differ")
    return 1 if different else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write a snapshot of this checkout")
    w.add_argument("out", type=Path)
    w.add_argument("--limit", type=int, default=400, help="texts per eval dataset and GeoWebNews articles")
    w.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated parts to write (of {', '.join(PARTS)})")
    c = sub.add_parser("compare", help="compare two snapshots byte for byte")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        started = time.perf_counter()
        write(args.out, args.limit, tuple(args.parts.split(",")))
        print(f"snapshot written to {args.out} in {time.perf_counter() - started:.0f} s")
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
