"""`sitrep extract --engine spark`: read, extract in executors, dedup as a Spark job, then print or write.

Written to --out DIR (Parquet, overwritten as a whole on a re-run):

    events/     one row per event (ACLED's columns and sitrep's; nested lists as JSON), partitioned by
                event_month=YYYY-MM (event_month=unknown for an event without a date)
    evidence/   one row per cited span (event_id, field, article_id, start, end, text), partitioned alike
    rejects/    what could not be read or extracted (where, reason, stage), partitioned by the month the
                article was published (month=unknown when it was not read at all)
    articles/   one row per article read, in input order (seq): its fields, its reports (records before
                cross-source dedup) and mentions as JSON, for `sitrep import`
"""

from __future__ import annotations

__all__ = ["SparkRun", "event_columns"]

import json
from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig
from sitrep.engines.spark.dedup import dedup_reports
from sitrep.engines.spark.extract import ARTICLE_FIELDS, EVENT_BITS, EXTRACTED_SCHEMA, extract_batches, read_articles
from sitrep.model import EventRecord

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

_NESTED = ("evidence", "articles", "related", "fatality_reports")
_SPARK_TYPES = {"int": "long", "float": "double", "str": "string", "bool": "boolean"}


def event_columns() -> list[tuple[str, str]]:
    """(name, Spark type) of the events table: every EventRecord field, nested lists as JSON strings."""
    out = []
    for f in fields(EventRecord):
        if f.name == "evidence":
            continue
        kind = str(f.type).replace(" | None", "")
        out.append((f.name, "string" if f.name in _NESTED else _SPARK_TYPES.get(kind, "string")))
    out.insert(2, ("year", "long"))
    return out


def _event_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas: reconciled events (first_row, event_month, record JSON) -> table rows."""
    import pandas as pd

    columns = [name for name, _ in event_columns()]
    for batch in batches:
        rows = []
        for month, text in zip(batch["event_month"], batch["record"], strict=True):
            d = json.loads(text)
            row = {c: (json.dumps(d[c], ensure_ascii=False) if c in _NESTED else d.get(c)) for c in columns}
            row["year"] = int(d["event_date"][:4]) if d.get("event_date") else None
            row["event_month"] = month
            rows.append(row)
        yield pd.DataFrame(rows, columns=[*columns, "event_month"])


def _report_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas: (seq, reports JSON array) -> (row, record JSON), row = seq << EVENT_BITS | event index."""
    import pandas as pd

    for batch in batches:
        rows, records = [], []
        for seq, reports in zip(batch["seq"], batch["reports"], strict=True):
            for k, record in enumerate(json.loads(reports or "[]")):
                rows.append((int(seq) << EVENT_BITS) | k)
                records.append(json.dumps(record, ensure_ascii=False))
        yield pd.DataFrame({"row": pd.Series(rows, dtype="int64"), "record": pd.Series(records, dtype="object")})


def _evidence_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas: reconciled events -> one row per evidence span."""
    import pandas as pd

    for batch in batches:
        rows = []
        for month, text in zip(batch["event_month"], batch["record"], strict=True):
            d = json.loads(text)
            rows += [{"event_id": d["event_id"], **e, "event_month": month} for e in d.get("evidence", [])]
        yield pd.DataFrame(rows, columns=["event_id", "field", "article_id", "start", "end", "text", "event_month"])


class SparkRun:
    """One extraction run on Spark: lazily built DataFrames, then `events()` or `write(out)`.

    Args:
        spark: the session (see `spark_session`).
        paths: files and folders (local paths or URIs Spark can read).
        default_date: publication date for inputs that have none.
        arrow_batch_size: articles per Arrow batch (set on the session too).
        config: dedup settings.
    """

    def __init__(
        self,
        spark: SparkSession,
        paths: Sequence[str],
        *,
        default_date: date | None = None,
        arrow_batch_size: int = 64,
        config: DedupConfig = DEFAULT_CONFIG,
    ) -> None:
        self.spark = spark
        self.paths = list(paths)
        self.default_date = default_date
        self.config = config
        spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(arrow_batch_size))

    @cached_property
    def _read(self) -> tuple[DataFrame, DataFrame, list[Any]]:
        return read_articles(self.spark, self.paths, self.default_date)

    @cached_property
    def extracted(self) -> DataFrame:
        """Every article read, with its reports, mentions and failure (EXTRACTED_SCHEMA), cached."""
        articles, _, _ = self._read
        parallelism = self.spark.sparkContext.defaultParallelism
        spread = articles.repartition(max(parallelism, 1) * 2)
        return spread.mapInPandas(extract_batches, EXTRACTED_SCHEMA).cache()

    @cached_property
    def reports(self) -> DataFrame:
        """(row, record JSON): every extracted record, `row` ordering them as the local engine does."""
        return self.extracted.select("seq", "reports").mapInPandas(_report_rows, "row long, record string")

    @cached_property
    def deduped(self) -> DataFrame:
        """One reconciled event per cluster (first_row, event_month, record), cached."""
        return dedup_reports(self.reports, self.config).cache()

    def read_errors(self) -> list[str]:
        """What could not be read (missing paths, bad files, lines and records), as the local engine says it."""
        _, rejects, missing = self._read
        return [str(m) for m in missing] + [r["reason"] for r in rejects.collect()]

    def failures(self) -> list[str]:
        """Articles read but not extracted ('FILE: reason'), in input order."""
        from pyspark.sql import functions as F

        failed = self.extracted.where(F.col("failure").isNotNull()).orderBy("seq").select("path", "id", "failure")
        return [f"{r['path'] or 'article ' + r['id']}: {r['failure']}" for r in failed.collect()]

    def events(self) -> list[EventRecord]:
        """The events, in the order the local engine prints them."""
        rows = self.deduped.orderBy("first_row").select("record").collect()
        return [EventRecord.from_dict(json.loads(r["record"])) for r in rows]

    def write(self, out: str) -> str:
        """Write events, evidence, rejects and articles as Parquet under `out`; a one-line summary."""
        from pyspark.sql import functions as F

        target = out if "://" in out else Path(out).resolve().as_uri()
        schema = ", ".join(f"`{n}` {t}" for n, t in event_columns()) + ", event_month string"
        events = self.deduped.mapInPandas(_event_rows, schema)
        events.write.mode("overwrite").partitionBy("event_month").parquet(f"{target}/events")
        evidence_schema = (
            "event_id string, field string, article_id string, start long, `end` long, text string, event_month string"
        )
        self.deduped.mapInPandas(_evidence_rows, evidence_schema).write.mode("overwrite").partitionBy(
            "event_month"
        ).parquet(f"{target}/evidence")
        _, rejects, missing = self._read
        month = F.coalesce(F.substring("published", 1, 7), F.lit("unknown"))
        failed = self.extracted.where(F.col("failure").isNotNull()).select(
            F.coalesce("path", F.concat(F.lit("article "), "id")).alias("where"),
            F.col("failure").alias("reason"), F.lit("extract").alias("stage"), month.alias("month"),
        )  # fmt: skip
        not_read = rejects.select("where", "reason", F.lit("read").alias("stage"), F.lit("unknown").alias("month"))
        missing_rows = self.spark.createDataFrame(
            [(m.where, str(m), "read", "unknown") for m in missing],
            "where string, reason string, stage string, month string",
        )
        all_rejects = failed.unionByName(not_read).unionByName(missing_rows).cache()
        all_rejects.write.mode("overwrite").partitionBy("month").parquet(f"{target}/rejects")
        articles = self.extracted.select(*ARTICLE_FIELDS, "reports", "mentions").orderBy("seq")
        articles.write.mode("overwrite").parquet(f"{target}/articles")
        n_events = self.deduped.count()
        n_articles = self.extracted.count()
        n_rejects = all_rejects.count()
        return (
            f"{n_articles} article(s) read, {n_events} event(s) written to {out} (events/, evidence/ by event month; "
            f"articles/ for `sitrep import`), {n_rejects} reject(s) in {out}/rejects"
        )
