"""Whole-article datasets in `sitrep eval`: the table of a run, and one diffable row per article.

A run over news articles (wikinews-dev, tests/articles, the seed) is scored twice:

- **as a collection**, for the table: every article's gold and records pooled, in file-name order, and scored at
  once, which is what ../shared/tools/score_events.py does with one gold file and one JSON-lines file (a record
  can then match a gold event of another article reported on the same days at the same place; the table notes
  how often that changed a number);
- **article by article**, for the errors file: each article's records against its own gold, so that two runs can
  be compared article by article (`diff <(jq -S . run1.jsonl) <(jq -S . run2.jsonl)`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from sitrep.evaluate.gold import EvalItem
from sitrep.evaluate.metrics import Report
from sitrep.evaluate.news_gold import NewsGold, merge_news_gold
from sitrep.evaluate.news_score import NewsScore, score_news, why_missed
from sitrep.model import EventRecord

__all__ = ["NewsArticleResult", "summarise_news", "article_row", "write_news_rows", "COUNT_ROWS", "MEAN_ROWS"]

# Rows of the table that are counts (shown as whole numbers) and means (two decimals), for the renderers.
COUNT_ROWS = frozenset({"false positives", "records", "incidents"})
MEAN_ROWS = frozenset({"false positives per article", "records per incident"})
# The record fields an error row shows (ACLED names), in this order.
_SHOWN = (
    "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "location", "admin2", "admin1",
    "country", "latitude", "longitude", "geo_precision", "fatalities",
)  # fmt: skip


@dataclass
class NewsArticleResult:
    """One article: its item, the records extracted (as dicts), their score against its own gold, any error."""

    item: EvalItem
    records: list[dict[str, Any]]
    score: NewsScore
    error: str | None = None


def summarise_news(
    dataset: str,
    items: Sequence[EvalItem],
    predictions: Sequence[tuple[list[EventRecord], str | None]],
    *,
    split: str = "all",
    distinct_records: bool = False,
) -> tuple[Report, list[NewsArticleResult]]:
    """Score news articles as a collection (the Report) and one by one (the results, in file-name order).

    Args:
        dataset: the dataset name shown in the report.
        items: the articles, each with `news_gold`.
        predictions: (records, error or None) per item, in the same order (see `runner.predict`).
        split: shown in the report.
        distinct_records: records with the same event_id are one record of the collection (a stored event
            that several articles report is among the records of each, but the collection holds it once).
    """
    pairs = sorted(zip(items, predictions, strict=True), key=lambda pair: pair[0].id)
    results: list[NewsArticleResult] = []
    for item, (events, error) in pairs:
        gold = item.news_gold or NewsGold(events=())
        records = [event.to_dict() for event in events]
        results.append(NewsArticleResult(item, records, score_news(gold, records), error))
    pooled_records = [record for r in results for record in r.records]
    if distinct_records:
        pooled_records = list({record["event_id"]: record for record in pooled_records}.values())
    pooled = score_news(
        merge_news_gold(r.item.news_gold for r in results if r.item.news_gold is not None), pooled_records
    )
    report = Report(dataset=dataset, task="news", split=split, items=len(results))
    report.extra_rows = _rows(pooled, len(results))
    report.spurious = pooled.fp
    report.errors = sum(r.error is not None for r in results)
    moved = _pooling_difference(pooled, results)
    if moved:
        report.notes.append(
            f"scored as one collection (as score_events.py does): {moved}; the errors file scores each article alone"
        )
    return report, results


def _rows(score: NewsScore, articles: int) -> list[tuple[str, int | None, float | None]]:
    checks = sum(o.checks_made for o in score.outcomes)
    rows: list[tuple[str, int | None, float | None]] = [
        ("score", articles, score.score),
        ("recall", score.incidents, score.recall),
        ("fields", checks, score.fields),
        ("false positives", articles, float(score.fp)),
        ("false positives per article", articles, score.fp / articles if articles else None),
        ("records", articles, float(score.records)),
        ("records per incident", score.incidents, score.records_per_incident),
    ]
    rows += [(f"  {name}", n, value) for name, (n, value) in score.field_accuracy().items()]
    return rows


def _pooling_difference(pooled: NewsScore, results: Sequence[NewsArticleResult]) -> str:
    """What pooling changed against adding up the articles scored alone ('' when nothing)."""
    alone_found = sum(r.score.found for r in results)
    alone_fp = sum(r.score.fp for r in results)
    alone_passed = sum(o.checks_passed for r in results for o in r.score.outcomes)
    pooled_passed = sum(o.checks_passed for o in pooled.outcomes)
    parts = []
    if pooled.found != alone_found:
        parts.append(f"{pooled.found - alone_found:+d} events found")
    if pooled.fp != alone_fp:
        parts.append(f"{pooled.fp - alone_fp:+d} false positives")
    if pooled_passed != alone_passed:
        parts.append(f"{pooled_passed - alone_passed:+d} checks passed")
    return ", ".join(parts) + (" through records of other articles" if parts else "")


def article_row(result: NewsArticleResult) -> dict[str, Any]:
    """One article's error row: its numbers, each gold event beside the records that matched it, the records
    absorbed by optional events, the false positives with the reason they matched nothing, and the rest."""
    item, score, records = result.item, result.score, result.records
    shown = [_shown(i, record) for i, record in enumerate(records)]
    claimed = {i for o in score.outcomes for i in o.records}
    false = {fp.record for fp in score.false_positives}
    return {
        "dataset": item.dataset,
        "id": item.id,
        "split": item.split,
        "published": item.article.published.isoformat() if item.article.published else None,
        "title": item.article.title,
        "error": result.error,
        "score": round(score.score, 3),
        "recall": round(score.recall, 3),
        "fields": round(score.fields, 3),
        "fp": score.fp,
        "records": score.records,
        "incidents": score.incidents,
        "gold": [
            {
                "id": o.gold.id,
                "status": o.status,
                "wrong": o.wrong,
                "expected": o.gold.summary(),
                "predicted": [shown[i] for i in o.records],
                **({} if o.found else {"reason": why_missed(o.gold, records)}),
            }
            for o in score.outcomes
        ],
        "absorbed_by_optional": [{"optional": event_id, **shown[i]} for i, event_id in sorted(score.absorbed.items())],
        "false_positives": [{**shown[fp.record], "reason": fp.reason} for fp in score.false_positives],
        "not_scored": [
            shown[i] for i in range(len(records)) if i not in claimed and i not in score.absorbed and i not in false
        ],
    }


def _shown(index: int, record: dict[str, Any]) -> dict[str, Any]:
    return {"record": index, **{key: record.get(key) for key in _SHOWN}}


def write_news_rows(
    handle: IO[str], results: Sequence[NewsArticleResult], *, sealed_held: bool = False
) -> tuple[int, int]:
    """Write one JSON line per article (every article, perfect ones too, so that two runs line up).

    Args:
        handle: the open errors file.
        results: from `summarise_news`.
        sealed_held: write nothing about held articles (their names, texts and gold stay unread).
    Returns:
        (rows written, held articles withheld).
    """
    written = withheld = 0
    for result in results:
        if sealed_held and result.item.split == "held":
            withheld += 1
            continue
        handle.write(json.dumps(article_row(result), ensure_ascii=False) + "\n")
        written += 1
    return written, withheld
