"""Accuracy evaluation: gold datasets in, per-field scores out.

    loaders (datasets/*.py)  row -> EvalItem(article, gold: list[GoldEvent], split)
                             news article + seed-format gold -> EvalItem(article, news_gold: NewsGold, split)
    metrics.py               match predictions to gold, score fields -> Report
    news_gold.py             seed-format gold of whole articles (wikinews-dev, tests/articles, the seed)
    news_score.py            score records against it as ../shared/tools/score_events.py does
    news_report.py           the table of a news dataset and its per-article error rows
    runner.py                run_eval / eval_command: extract, score, print tables, write misses
    cli.py                   `sitrep eval` (click command `eval_cmd`)
    behaviour/               behavioural suites: generated cases per capability (`sitrep eval --suites`)

Gold data is read from ../shared/eval at run time and never copied into the repository.
"""

from __future__ import annotations

from sitrep.evaluate.datasets import DATASETS, DatasetSpec, resolve_datasets
from sitrep.evaluate.gold import EvalItem, GoldEvent, split_of
from sitrep.evaluate.metrics import Detection, ItemResult, Report, Score, classify_item, score_item, summarise
from sitrep.evaluate.runner import eval_command, evaluate_items, find_shared_dir, run_eval

__all__ = [
    "DATASETS",
    "DatasetSpec",
    "resolve_datasets",
    "EvalItem",
    "GoldEvent",
    "split_of",
    "Detection",
    "ItemResult",
    "Report",
    "Score",
    "classify_item",
    "score_item",
    "summarise",
    "eval_command",
    "evaluate_items",
    "find_shared_dir",
    "run_eval",
]
