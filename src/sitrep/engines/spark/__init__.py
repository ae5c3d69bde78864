"""The Spark engine: sitrep's pipeline inside Spark executors, and cross-source dedup as a Spark job.

    session   spark_session(master): a SparkSession with the settings the jobs rely on
    extract   inputs as DataFrames (sitrep's own readers in executors), the pipeline in mapInPandas
    dedup     blocking as shuffles, sitrep's column-wise scoring and guarded clustering per component
    run       SparkRun: extract then dedup, printed like the local engine or written as Parquet

Needs pyspark (PyPI, pinned in requirements.lock) and Java 17+ (Debian's default-jre-headless).
"""

from __future__ import annotations

from sitrep.engines.spark.dedup import cluster_labels, dedup_reports
from sitrep.engines.spark.run import SparkRun
from sitrep.engines.spark.session import spark_session

__all__ = ["SparkRun", "cluster_labels", "dedup_reports", "spark_session"]
