"""Fit sitrep's confidence model on the tune parts of wikinews-dev and tests/articles; choose its threshold.

    .venv/bin/python bench/calibrate.py [--write src/sitrep/data/confidence.json] [--cache FILE]

Labels every record the pipeline makes from the tune articles with the news scorer; picks the L2 penalty whose
5-fold cross-validated confidences (folds by article) have the best Brier score, and the threshold with the
best mean per-article score on those confidences; fits the model on all tune records with that penalty (sitrep.evaluate.
calibrate). Prints the weights, the cross-validated table, the Brier score and a reliability table for the tune
parts (cross-validated) and, as totals only, for the held parts (never read while tuning: nothing about their
articles is printed). With --write, the model goes to the file the pipeline ships.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

from sitrep.evaluate.calibrate import (
    MIN_GAIN,
    article_scores,
    brier_score,
    choose_threshold,
    cross_validated,
    fit_model,
    label_records,
    probabilities,
    reliability,
)
from sitrep.evaluate.datasets import DATASETS
from sitrep.evaluate.runner import find_shared_dir
from sitrep.pipeline.confidence import ConfidenceModel

PARTS = ("wikinews", "articles")
PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0)


def describe(label: str, rows, items, confidences, threshold: float) -> None:
    found = sum(r.label for r in rows)
    print(f"\n{label}: {len(items)} articles, {len(rows)} records, {found} count for a gold event")
    print(f"  Brier score {brier_score(rows, confidences):.3f}")
    for low, high, n, rate in reliability(rows, confidences):
        print(f"  confidence {low:.1f}-{high:.1f}: {n:4d} records" + (f", {rate:.2f} are events" if n else ""))
    for t in (0.0, threshold):
        for part in PARTS:
            part_items = {k: v for k, v in items.items() if k.startswith(part + "/")}
            if part_items:
                scores = article_scores(rows, part_items, confidences, t)
                kept = sum(1 for r, p in zip(rows, confidences, strict=True) if r.article in part_items and p >= t)
                mean = sum(scores.values()) / len(scores)
                print(f"  {part:9s} threshold {t:.2f}: mean article score {mean:.3f}, {kept} records kept")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the fitted model here (src/sitrep/data/confidence.json)")
    parser.add_argument("--cache", type=Path, help="keep the labelled records here and reuse them (same code only)")
    args = parser.parse_args()
    shared = find_shared_dir()
    if shared is None:
        raise SystemExit("bench/calibrate.py: no ../shared with eval/ (set SITREP_SHARED)")
    if args.cache and args.cache.exists():
        rows, items, held_rows, held_items = pickle.loads(args.cache.read_bytes())
    else:
        tune = [it for part in PARTS for it in DATASETS[part].load(shared, split="tune")]
        held = [it for part in PARTS for it in DATASETS[part].load(shared, split="held")]
        rows, items = label_records(tune)
        held_rows, held_items = label_records(held)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((rows, items, held_rows, held_items)))
    # The penalty that makes the best-calibrated confidences on articles a model has not seen (Brier score of
    # 5-fold cross-validation); then the threshold, on those same confidences.
    folds = {l2: cross_validated(rows, l2) for l2 in PENALTIES}
    briers = {l2: brier_score(rows, p) for l2, p in folds.items()}
    print("cross-validated Brier score (tune) by L2 penalty:", ", ".join(f"{k} {v:.4f}" for k, v in briers.items()))
    l2 = min(briers, key=lambda k: briers[k])
    threshold, means = choose_threshold(rows, items, folds[l2])
    print(f"cross-validated mean article score (tune) by threshold, L2 {l2}:")
    print("  " + ", ".join(f"{t:.2f} {m:.3f}" for t, m in means.items() if t <= 0.6))
    weights, bias = fit_model(rows, l2=l2)
    fitted_on = (
        f"{len(items)} tune articles of wikinews-dev and tests/articles, {len(rows)} records; L2 {l2} (best Brier "
        f"score) and threshold {threshold} (best mean article score, gains under {MIN_GAIN} ignored) by 5-fold "
        "cross-validation over articles; bench/calibrate.py"
    )
    model = ConfidenceModel(weights, bias, threshold, fitted_on)
    print(f"chosen: L2 {l2}, threshold {threshold:.2f}")
    print("weights:", ", ".join(f"{k} {v:+.2f}" for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))))
    print(f"bias {bias:+.2f}")
    describe("tune (cross-validated confidences)", rows, items, folds[l2], threshold)
    describe("held (totals only)", held_rows, held_items, probabilities(held_rows, model), threshold)
    if args.write:
        args.write.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.write}")


if __name__ == "__main__":
    main()
