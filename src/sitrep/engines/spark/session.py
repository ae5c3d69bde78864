"""Starting and stopping a SparkSession for sitrep's jobs, with the settings they rely on."""

from __future__ import annotations

__all__ = ["spark_session"]

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sitrep.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@contextmanager
def spark_session(master: str = "local[*]", *, arrow_batch_size: int = 64) -> Iterator[SparkSession]:
    """A SparkSession for sitrep, stopped on exit (unless one was already running, which is reused).

    On a local master the Python workers run this interpreter (the venv with sitrep and the model); on a
    cluster they run what `spark-submit` configured (see docs/SCALING.md).

    Args:
        master: local[N], spark://host:port, yarn, k8s://...
        arrow_batch_size: rows per Arrow batch handed to a Python worker (each batch is one call of the
            pipeline on that many articles; smaller batches spread a small input over more tasks).

    Raises:
        ConfigError: Spark cannot start (no Java, or a bad master URL).
    """
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:  # a test session or a spark-submit driver: use it as it is configured
        active.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(arrow_batch_size))
        yield active
        return
    builder = (
        SparkSession.builder.appName("sitrep")
        .master(master)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(arrow_batch_size))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master.startswith("local"):
        # Executors are threads of this JVM; their Python workers must import this sitrep.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # SparkContext reads the variable
        builder = builder.config("spark.pyspark.python", sys.executable).config("spark.ui.enabled", "false")
        builder = builder.config("spark.sql.shuffle.partitions", str(max(2, 2 * (os.cpu_count() or 1))))
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # py4j/pyspark raise their own kinds when the JVM cannot start
        raise ConfigError(
            f"Spark could not start on master {master!r}: "
            f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
            hint="Spark needs Java 17+ (Debian: apt-get install default-jre-headless) and a reachable master",
        ) from None
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()
