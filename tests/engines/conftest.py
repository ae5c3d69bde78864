"""One local[2] SparkSession for every Spark test (Spark takes seconds to start); skipped without Java."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    pytest.importorskip("pyspark", reason="pyspark is not installed (make install pins it)")
    if shutil.which("java") is None:
        pytest.skip("no Java: Spark needs a JRE (.ci/run installs Debian's default-jre-headless)")
    from sitrep.engines.spark import spark_session

    with spark_session("local[2]", arrow_batch_size=8) as session:
        session.conf.set("spark.sql.shuffle.partitions", "2")
        yield session
