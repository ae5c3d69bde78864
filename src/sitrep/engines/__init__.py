"""Engines: the same pipeline stages (`sitrep.pipeline.extract_many`), fanned out in different ways.

    local     a pool of worker processes on one machine (`--workers N`): each loads the spaCy model and
              opens the gazetteer once, results come back in input order, a worker that dies is
              reported with its article and replaced
    spark     Apache Spark (`--engine spark`): the stages inside executors through `mapInPandas`, and
              cross-source dedup as a Spark job (sitrep.engines.spark; needs pyspark and Java)
    to_store  the one place engines write into a store (`sitrep ingest --workers`, `sitrep import`)

Both engines run the pipeline's public entry points on chunks of articles; neither has a code path of its
own for the NLP, so `--workers 1`, `--workers N` and `--engine spark` give the same records.
"""

from __future__ import annotations

from sitrep.engines.local import Failure, LocalEngine, Outcome, default_workers, extract_chunk

__all__ = ["Failure", "LocalEngine", "Outcome", "default_workers", "extract_chunk"]
