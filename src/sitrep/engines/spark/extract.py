"""Inputs as DataFrames, and the pipeline inside executors.

Reading: every PATH is listed with Spark's `binaryFile` source (local folders, HDFS, S3 alike). Article
files (text, JSON, JSONL, CSV, HTML, feeds) are parsed in executors by sitrep's own readers
(`sitrep.read.read_bytes`), so a bad file or line is reported exactly as the local engine reports it;
`.parquet` files are read as a table with columns text, title, date, url, source, each row checked by the
same record rules as a JSON object. What cannot be read becomes a reject row with the reason.

Order: the driver sorts the file listing the way the local directory walk does (argument by argument,
folder by folder, names in order) and numbers the files; an article's `seq` is (file number << 32) |
(its index in the file), so sorting by `seq` is the local engine's input order, whatever Spark's
partitioning.

Extraction: `extract_batches` runs in `mapInPandas`. Each Arrow batch of articles goes through
`sitrep.engines.local.extract_chunk` (the pipeline's `extract_many`) in chunks of 16, as the local engine
does; the spaCy model and the gazetteer are loaded once per Python worker and kept in module scope by the
pipeline itself (`load_nlp`, `default_gazetteer`), and Spark reuses its Python workers across tasks.
"""

from __future__ import annotations

__all__ = [
    "ARTICLE_SCHEMA",
    "EXTRACTED_SCHEMA",
    "InputListing",
    "extract_batches",
    "list_inputs",
    "read_files",
    "read_parquet_rows",
]

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from sitrep.errors import InputError, UnreadableFile
from sitrep.model import Article

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

FILE_SHIFT = 32  # seq = file number << 32 | index of the article in its file
EVENT_BITS = 10  # report row = seq << 10 | index of the event in its article
MAX_EVENTS = 1 << EVENT_BITS

ARTICLE_FIELDS = ("seq", "id", "text", "title", "published", "source", "url", "path")
ARTICLE_SCHEMA = (
    "seq long, id string, text string, title string, published string, source string, url string, path string"
)
# One row per file's outcome: an article (kind 'article') or a reject (kind 'reject': where, reason).
READ_SCHEMA = ARTICLE_SCHEMA + ", kind string, reason string"
EXTRACTED_SCHEMA = ARTICLE_SCHEMA + ", reports string, mentions string, failure string"


@dataclass
class InputListing:
    """The files to read, numbered in the local engine's order, and the PATHs that do not exist."""

    files: list[tuple[int, str, str]] = field(default_factory=list)  # (number, Spark's path, path as named)
    parquet: list[tuple[int, str, str]] = field(default_factory=list)
    missing: list[InputError] = field(default_factory=list)


def _uri(given: str) -> str:
    """A PATH as Spark should load it: local paths made absolute file: URIs, URIs as given."""
    if "://" in given:
        return given
    return Path(given).resolve().as_uri()


def _local_part(uri: str) -> str:
    """The path of a URI, as Spark lists files ('file:/a/b' and 'file:///a/b' alike)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme in ("file", "") else uri


def list_inputs(spark: SparkSession, paths: Sequence[str]) -> InputListing:
    """Every file under PATHs, numbered in the order `sitrep.read.read_paths` reads them.

    Hidden files and folders and gold files (`*.gold.json`) inside folders are skipped, as locally.
    """
    listing = InputListing()
    keyed: list[tuple[tuple, str, str, bool]] = []
    for arg, given in enumerate(paths):
        uri = _uri(given)
        if "://" not in given and not Path(given).exists():
            listing.missing.append(UnreadableFile(given, "no such file"))
            continue
        try:
            found = (
                spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(uri).select("path").collect()
            )
        except Exception as exc:
            listing.missing.append(UnreadableFile(given, f"cannot list: {str(exc).splitlines()[0]}"))
            continue
        root = PurePosixPath(_local_part(uri))
        for row in found:
            spark_path = row["path"]
            local = PurePosixPath(_local_part(spark_path))
            try:
                rel = local.relative_to(root)
            except ValueError:
                rel = PurePosixPath(local.name)
            parts = rel.parts
            if parts and (any(p.startswith(".") for p in parts) or parts[-1].endswith(".gold.json")):
                continue
            where = str(Path(given) / rel) if parts and "://" not in given else (given if not parts else spark_path)
            keyed.append(((arg, *parts), spark_path, where, local.suffix.lower() == ".parquet"))
    keyed.sort(key=lambda k: k[0])
    for number, (_, spark_path, where, is_parquet) in enumerate(keyed):
        (listing.parquet if is_parquet else listing.files).append((number, spark_path, where))
    return listing


def read_files(batches: Iterator[pd.DataFrame], default_date: date | None) -> Iterator[pd.DataFrame]:
    """mapInPandas: (number, where, content) of files -> their articles and rejects (READ_SCHEMA)."""
    import pandas as pd

    from sitrep.read import read_bytes

    for batch in batches:
        rows: list[dict[str, Any]] = []
        for number, where, content in zip(batch["number"], batch["where"], batch["content"], strict=True):
            errors: list[InputError] = []
            for k, article in enumerate(
                read_bytes(where, bytes(content), default_date=default_date, on_error=errors.append)
            ):
                rows.append(_article_row((int(number) << FILE_SHIFT) | k, article))
            rows += [_reject_row(error.where, str(error)) for error in errors]
        yield pd.DataFrame(rows, columns=[*ARTICLE_FIELDS, "kind", "reason"])


def read_parquet_rows(batches: Iterator[pd.DataFrame], default_date: date | None) -> Iterator[pd.DataFrame]:
    """mapInPandas: rows of Parquet inputs (number, where, row index, text, title, date, url, source) -> READ_SCHEMA."""
    import pandas as pd

    from sitrep.read import record_to_article

    for batch in batches:
        rows: list[dict[str, Any]] = []
        for record in batch.to_dict("records"):
            where = f"{record.pop('where')}#{int(record['row_index']) + 1}"
            seq = (int(record.pop("number")) << FILE_SHIFT) | int(record.pop("row_index"))
            values = {k: (None if _is_missing(v) else v) for k, v in record.items()}
            if isinstance(values.get("date"), (date,)):
                values["date"] = values["date"].isoformat()[:10]
            try:
                rows.append(_article_row(seq, record_to_article(values, where, default_date=default_date)))
            except InputError as error:
                rows.append(_reject_row(error.where, str(error)))
        yield pd.DataFrame(rows, columns=[*ARTICLE_FIELDS, "kind", "reason"])


def _is_missing(value: Any) -> bool:
    try:
        return value is None or value != value  # NaN and NaT from pandas
    except (TypeError, ValueError):
        return False


def _article_row(seq: int, article: Article) -> dict[str, Any]:
    return {"seq": seq, "id": article.id, "text": article.text, "title": article.title,
            "published": article.published.isoformat() if article.published else None, "source": article.source,
            "url": article.url, "path": article.path, "kind": "article", "reason": None}  # fmt: skip


def _reject_row(where: str, reason: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(ARTICLE_FIELDS)
    row.update(path=where, kind="reject", reason=reason)
    return row


def article_of(row: dict[str, Any]) -> Article:
    """The Article of a row of ARTICLE_SCHEMA."""
    published = row.get("published")
    return Article(id=row["id"], text=row["text"], title=row.get("title"),
                   published=date.fromisoformat(published) if published else None, source=row.get("source"),
                   url=row.get("url"), path=row.get("path"))  # fmt: skip


def extract_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas: articles (ARTICLE_SCHEMA) -> the same rows with their reports, mentions and failure.

    Runs the pipeline through `sitrep.engines.local.extract_chunk`, 16 articles at a time (nlp.pipe's
    batch, as in the local engine); the model is loaded on the first call in this Python worker.
    """
    import pandas as pd

    from sitrep.engines.local import CHUNK_SIZE, Failure, extract_chunk

    for batch in batches:
        records = batch.to_dict("records")
        articles = [article_of(r) for r in records]
        outcomes = [o for k in range(0, len(articles), CHUNK_SIZE) for o in extract_chunk(articles[k : k + CHUNK_SIZE])]
        for record, outcome in zip(records, outcomes, strict=True):
            if isinstance(outcome, Failure):
                record.update(reports="[]", mentions="[]", failure=outcome.reason)
                continue
            if len(outcome.events) > MAX_EVENTS:
                record.update(reports="[]", mentions="[]", failure=f"more than {MAX_EVENTS} events in one article")
                continue
            record.update(
                reports=json.dumps([e.to_dict() for e in outcome.events], ensure_ascii=False),
                mentions=json.dumps([_mention_dict(m) for m in outcome.mentions], ensure_ascii=False),
                failure=None,
            )
        yield pd.DataFrame(records, columns=[*ARTICLE_FIELDS, "reports", "mentions", "failure"])


def _mention_dict(mention: Any) -> dict[str, Any]:
    """A mention as the store's `add_article` accepts it (sentence, trigger, types)."""

    def span(s: Any) -> dict[str, Any]:
        return {"start": s.start, "end": s.end, "text": s.text}

    return {"sentence": span(mention.sentence), "trigger": span(mention.trigger), "event_type": mention.event_type,
            "sub_event_type": mention.sub_event_type}  # fmt: skip


def read_articles(
    spark: SparkSession, paths: Sequence[str], default_date: date | None
) -> tuple[DataFrame, DataFrame, list[InputError]]:
    """(articles, rejects, missing PATHs): articles as ARTICLE_SCHEMA rows, rejects as (where, reason)."""
    from functools import partial

    from pyspark.sql import functions as F

    listing = list_inputs(spark, paths)
    parts: list[DataFrame] = []
    if listing.files:
        numbers = spark.createDataFrame(listing.files, "number long, path string, where string")
        content = spark.read.format("binaryFile").load([p for _, p, _ in listing.files]).select("path", "content")
        files = content.join(F.broadcast(numbers), "path").select("number", "where", "content")
        parts.append(files.mapInPandas(partial(read_files, default_date=default_date), READ_SCHEMA))
    if listing.parquet:
        parts.append(_parquet_inputs(spark, listing.parquet, default_date))
    if not parts:
        empty = spark.createDataFrame([], READ_SCHEMA)
        parts.append(empty)
    read = parts[0]
    for part in parts[1:]:
        read = read.unionByName(part)
    read = read.cache()
    articles = read.where(F.col("kind") == "article").select(*ARTICLE_FIELDS)
    rejects = read.where(F.col("kind") == "reject").select(F.col("path").alias("where"), "reason")
    return articles, rejects, listing.missing


def _parquet_inputs(spark: SparkSession, files: list[tuple[int, str, str]], default_date: date | None) -> DataFrame:
    from functools import partial

    from pyspark.sql import functions as F

    numbers = spark.createDataFrame(files, "number long, file_path string, where string")
    table = spark.read.parquet(*[p for _, p, _ in files])
    wanted = ["text", "body", "title", "date", "published", "url", "source", "publisher"]
    present = [c for c in wanted if c in table.columns]
    rows = table.select(
        *present,
        F.col("_metadata.file_path").alias("file_path"),
        F.col("_metadata.row_index").alias("row_index"),
    ).join(F.broadcast(numbers), "file_path")
    for c in present:
        if c in ("date", "published"):
            rows = rows.withColumn(c, F.col(c).cast("string"))
    rows = rows.select("number", "where", "row_index", *present)
    return rows.mapInPandas(partial(read_parquet_rows, default_date=default_date), READ_SCHEMA)
