"""Accuracy of the pipeline on every gold dataset in ../shared/eval, tuning part and held-aside part.

    .venv/bin/python bench/accuracy.py [--limit N] [--out FILE]

Runs `sitrep eval` (sitrep.evaluate.run_eval) for each dataset and split and prints one markdown table per
dataset with the two parts side by side, ready for BENCHMARKS.md. The held-aside part is never read while
tuning; this script only reports its scores.
"""

from __future__ import annotations

import argparse
import io
import time

from rich.console import Console

from sitrep.evaluate.datasets import DATASETS
from sitrep.evaluate.news_report import COUNT_ROWS
from sitrep.evaluate.runner import run_eval

# Rows that are counts, not rates: shown as whole numbers.
WHOLE = COUNT_ROWS | {"extractor errors"}


def table(
    name: str, tune: list[tuple[str, int | None, float | None]], held: list[tuple[str, int | None, float | None]]
) -> str:
    held_by_label = {label: (n, v) for label, n, v in held}
    lines = [f"### {name}", "", "| field | tune n | tune | held n | held |", "|---|---:|---:|---:|---:|"]
    for label, n, value in tune:
        hn, hv = held_by_label.get(label, (None, None))
        whole = label in WHOLE
        fmt = lambda v, whole=whole: "-" if v is None else str(int(v)) if whole else f"{v:.3f}"  # noqa: E731
        lines.append(
            f"| {label} | {n if n is not None else ''} | {fmt(value)} | {hn if hn is not None else ''} | {fmt(hv)} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="texts per dataset and split (default: all)")
    parser.add_argument("--out", help="also write the tables to this file")
    args = parser.parse_args()
    quiet = Console(file=io.StringIO())
    parts = []
    for name in DATASETS:
        start = time.perf_counter()
        tune = run_eval(name, limit=args.limit, split="tune", console=quiet)[name]
        held = run_eval(name, limit=args.limit, split="held", console=quiet)[name]
        parts.append(
            table(
                f"{name} ({tune.items} + {held.items} texts, {time.perf_counter() - start:.0f} s)",
                tune.rows(),
                held.rows(),
            )
        )
        print(parts[-1], flush=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("\n".join(parts))


if __name__ == "__main__":
    main()
