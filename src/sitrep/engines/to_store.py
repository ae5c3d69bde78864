"""The one place engines write into a store: ingest of extractions, and import of a Spark run's Parquet.

Everything here goes through the store's public interface (`sitrep.store.EventStore`: `has_article`,
`ingest`), so the writer is the same single process whichever engine produced the extractions, and a
Spark run imported into a store gives what `sitrep ingest` of the same articles would have given: the
store matches each article's reports against the events it holds, in input order.

A Spark run's `articles/` dataset (see `sitrep.engines.spark.output`) has one row per article read, in
input order (`seq`), with the article's fields and its reports (the records before cross-source dedup)
and mentions as JSON; it is read here with pyarrow, file by file and batch by batch, so neither Spark nor
Java is needed and memory stays flat.
"""

from __future__ import annotations

__all__ = ["IngestTally", "fresh_articles", "import_run", "store_extraction", "spark_articles"]

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import InputError
from sitrep.model import Article, EventRecord

if TYPE_CHECKING:
    from sitrep.pipeline import Extraction
    from sitrep.store import EventStore

ARTICLE_COLUMNS = ("seq", "id", "text", "title", "published", "source", "url", "path", "reports", "mentions")


@dataclass
class IngestTally:
    """What a run of ingest or import did to the store."""

    new: int = 0  # articles stored
    events: int = 0  # events created
    merged: int = 0  # stored events that gained a report
    already: int = 0  # articles skipped because the store had them

    def add(self, store: EventStore, article: Article, events: list[EventRecord], mentions: Iterable[Any]) -> None:
        """Ingest one article's events and count what happened."""
        result = store.ingest(article, events, mentions)
        if result is None:
            self.already += 1
            return
        self.new += 1
        self.events += len(result.created)
        self.merged += len(result.updated)


def fresh_articles(store: EventStore, articles: Iterable[Article], tally: IngestTally) -> Iterator[Article]:
    """The articles the store does not hold yet (the others are counted in `tally.already`)."""
    for article in articles:
        if store.has_article(article.id):
            tally.already += 1
        else:
            yield article


def store_extraction(store: EventStore, extraction: Extraction, tally: IngestTally) -> None:
    """Ingest one extraction (article, events, mentions), matching its events against the stored ones."""
    tally.add(store, extraction.article, extraction.events, extraction.mentions)


def spark_articles(directory: str | Path) -> Iterator[tuple[Article, list[EventRecord], list[dict[str, Any]]]]:
    """(article, reports, mentions) of a Spark run's `articles/` dataset, in input order.

    Raises:
        InputError: DIR has no `articles/` dataset of a sitrep Spark run, or a file of it is unreadable.
    """
    import pyarrow.parquet as pq

    root = Path(directory) / "articles"
    files = sorted(root.rglob("*.parquet")) if root.is_dir() else []
    if not files:
        raise InputError(
            str(directory),
            "no articles/ dataset here",
            hint="pass the --out folder of `sitrep extract --engine spark`",
        )
    opened: list[tuple[int, str, Any]] = []
    for file in files:
        try:
            parquet = pq.ParquetFile(file)
        except Exception as exc:
            raise InputError(str(file), f"not a readable Parquet file: {exc}") from None
        missing = [c for c in ARTICLE_COLUMNS if c not in parquet.schema_arrow.names]
        if missing:
            raise InputError(str(file), f"not a sitrep articles file: no column {', '.join(missing)}")
        if parquet.metadata.num_rows:
            first = parquet.read_row_group(0, columns=["seq"]).column("seq")[0].as_py()
            opened.append((int(first), str(file), parquet))
    # Spark wrote the rows sorted by seq across files (a range partitioning): order the files by their first.
    for _, _, parquet in sorted(opened, key=lambda t: (t[0], t[1])):
        for batch in parquet.iter_batches(columns=list(ARTICLE_COLUMNS), batch_size=1024):
            for row in batch.to_pylist():
                yield _row_article(row), _reports(row), json.loads(row["mentions"] or "[]")


def _row_article(row: dict[str, Any]) -> Article:
    published = row["published"]
    if isinstance(published, str):
        published = date.fromisoformat(published) if published else None
    return Article(id=row["id"], text=row["text"], title=row["title"], published=published, source=row["source"],
                   url=row["url"], path=row["path"])  # fmt: skip


def _reports(row: dict[str, Any]) -> list[EventRecord]:
    return [EventRecord.from_dict(d) for d in json.loads(row["reports"] or "[]")]


def import_run(store: EventStore, directory: str | Path) -> IngestTally:
    """Load a Spark run (`sitrep extract --engine spark --out DIR`) into a store, as `sitrep ingest` would.

    Articles the store already holds are skipped, so importing twice changes nothing.

    Raises:
        InputError: DIR is not the output of a Spark run.
        StoreError: the store refused a write (the articles before it stay stored).
    """
    tally = IngestTally()
    for article, reports, mentions in spark_articles(directory):
        tally.add(store, article, reports, mentions)
    return tally
