"""Whole-article accuracy: wikinews-dev, our own articles (tests/articles, by number range) and the seed.

    .venv/bin/python bench/news_accuracy.py [--range 001-010 --range 011-040 ...] [--out FILE]

Extracts every article once and scores each part (tune, held) as ../shared/tools/score_events.py scores a
collection (sitrep.evaluate.news_report.summarise_news): score, recall, fields, false positives (and per
article), records, records per incident. Prints one markdown table, ready for BENCHMARKS.md. The held part of
wikinews-dev is shown only as totals; nothing about its articles is printed.
"""

from __future__ import annotations

import argparse
import time

from sitrep.evaluate.datasets import DATASETS
from sitrep.evaluate.gold import EvalItem
from sitrep.evaluate.news_report import summarise_news
from sitrep.evaluate.runner import default_extractor, find_shared_dir, predict

DEFAULT_RANGES = ("001-010", "011-040", "041-075")
COLUMNS = (
    ("score", "score", "{:.2f}"),
    ("recall", "recall", "{:.2f}"),
    ("fields", "fields", "{:.2f}"),
    ("fp", "false positives", "{:.0f}"),
    ("fp / article", "false positives per article", "{:.2f}"),
    ("records", "records", "{:.0f}"),
    ("records / incident", "records per incident", "{:.2f}"),
)


def in_range(item: EvalItem, span: str) -> bool:
    low, high = span.split("-")
    return low <= item.id[: len(low)] <= high


def row(label: str, items: list[EvalItem], predictions: dict[str, tuple[list, str | None]]) -> str:
    if not items:
        return ""
    report, _ = summarise_news(label, items, [predictions[item.id] for item in items])
    values = {name: value for name, _, value in report.rows()}
    incidents = sum(len(item.news_gold.events) for item in items if item.news_gold is not None)
    cells = ["-" if values.get(key) is None else fmt.format(values[key]) for _, key, fmt in COLUMNS]
    return f"| {label} | {len(items)} | {incidents} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--range", action="append", dest="ranges", help="article numbers of tests/articles, e.g. 011-040"
    )
    parser.add_argument("--out", help="also write the table to this file")
    args = parser.parse_args()
    shared = find_shared_dir()
    extract, many = default_extractor()
    header = "| part | articles | incidents | " + " | ".join(c[0] for c in COLUMNS) + " |"
    lines = [header, "|---|---:|---:|" + "---:|" * len(COLUMNS)]
    started = time.perf_counter()
    for name in ("wikinews", "articles", "seed"):
        spec = DATASETS[name]
        if shared is None or not spec.path(shared).exists():
            continue
        items = spec.load(shared)
        predictions = dict(
            zip(
                [item.id for item in items],
                predict([i.article for i in items], extractor=extract, extract_many=many),
                strict=True,
            )
        )
        groups = [(name, items)]
        if name == "articles":
            groups = [
                (f"articles {span}", [i for i in items if in_range(i, span)]) for span in args.ranges or DEFAULT_RANGES
            ]
            groups.append(("articles, all", items))
        for label, group in groups:
            for split in ("tune", "held"):
                lines.append(row(f"{label} {split}", [i for i in group if i.split == split], predictions))
    lines = [line for line in lines if line]
    lines.append(f"\n({time.perf_counter() - started:.0f} s)")
    print("\n".join(lines))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
