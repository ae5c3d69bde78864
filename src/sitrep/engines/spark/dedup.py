"""Cross-source dedup as a Spark job: sitrep's own blocking rules, column-wise scoring and guarded
clustering, with the same clusters as `sitrep.dedup.find_clusters` on the same rows.

Input: a DataFrame of reports, `row` (a long whose order is the input order) and `record` (the
EventRecord as JSON). Steps:

  keys       mapInPandas: each record's raw frame row (`dedup.frame.raw_row`), its match text, and the
             keys blocking compares (day, type family, grid cell, admin1, country, perpetrator)
  pairs      three equi-joins, one per pass of `dedup.blocking.candidate_pairs`, shuffled by the blocking
             key: (family, grid cell, day bucket) against the 9 cells around and the day buckets of the
             window; (family, admin1 or country, day bucket) for records that are not located;
             (family, perpetrator, day bucket) for records with no place at all. The exact day window and
             the pass's own rules are then filters on the joined pairs.
  score      mapInPandas over batches of pairs: an EventFrame of the batch's rows and
             `dedup.score.score_pairs` on it (codes differ from frame to frame but compare alike, so each
             pair gets the score it gets in one big frame); pairs under the threshold are dropped here
  components the matched pairs' connected components, on the driver (numpy; 16 bytes per matched pair)
  cluster    groupBy(component).applyInPandas: `dedup.cluster.cluster` on each component's rows (the
             greedy join order only depends on the pairs inside a component, so per component it gives
             the labels it gives over everything)
  reconcile  groupBy(cluster).applyInPandas: `dedup.reconcile_group` on each cluster's records in input
             order (the survivor's id, as local dedup chooses it)
"""

from __future__ import annotations

__all__ = [
    "KEY_SCHEMA",
    "candidate_pairs",
    "cluster_labels",
    "connected_components",
    "dedup_reports",
    "report_keys",
    "scored_pairs",
]

import json
import math
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

KEY_SCHEMA = (
    "row long, raw string, text string, day long, fam string, located boolean, cx long, cy long, "
    "admin1 string, country string, actor string, named boolean, placeless boolean"
)
PAIR_SCHEMA = "i long, j long, score double, raw_i string, raw_j string"
EVENT_SCHEMA = "first_row long, event_month string, record string"


def report_keys(batches: Iterator[pd.DataFrame], config: DedupConfig) -> Iterator[pd.DataFrame]:
    """mapInPandas: (row, record JSON) -> KEY_SCHEMA, the values `FrameBuilder` and blocking derive."""
    import pandas as pd

    from sitrep.dedup.frame import (
        day_number,
        family_of,
        is_generic_actor,
        match_text,
        normalise_name,
        raw_row,
        strip_period,
    )
    from sitrep.dedup.reconcile import is_revised
    from sitrep.model import EventRecord

    for batch in batches:
        out = []
        for row, text in zip(batch["row"], batch["record"], strict=True):
            record = EventRecord.from_dict(json.loads(text))
            raw = raw_row(record, revised=is_revised(record))
            lat = math.nan if record.latitude is None else float(record.latitude)
            lon = math.nan if record.longitude is None else float(record.longitude)
            located = not math.isnan(lat) and not math.isnan(lon) and (record.geo_precision or 3) <= 2
            family = family_of(record.event_type)
            country = normalise_name(record.country)
            admin1 = normalise_name(record.admin1)
            actor = strip_period(record.actor1)
            out.append({
                "row": int(row), "raw": json.dumps(raw), "text": match_text(record),
                "day": day_number(record.event_date),
                "fam": str(family) if family is not None else f"type:{record.event_type}",
                "located": located,
                "cx": math.floor(lon / config.cell_deg) if located else None,
                "cy": math.floor(lat / config.cell_deg) if located else None,
                "admin1": f"{country}\x1f{admin1}" if admin1 else "",
                "country": country, "actor": actor,
                "named": not is_generic_actor(str(record.actor1 or "")),
                "placeless": not located and not country and math.isnan(lat),
            })  # fmt: skip
        yield pd.DataFrame(out, columns=[c.split()[0] for c in KEY_SCHEMA.split(", ")])


def candidate_pairs(keys: DataFrame, config: DedupConfig = DEFAULT_CONFIG) -> DataFrame:
    """(i, j) with i < j: every pair `sitrep.dedup.blocking.candidate_pairs` finds, each once."""
    from pyspark.sql import functions as F

    w = int(config.window_days)
    width = w + 1  # day buckets this wide: a window of +-w days touches at most 3 of them
    dated = keys.where(F.col("day") >= 0)
    bucket = F.floor(F.col("day") / width)
    buckets = F.sequence(F.floor((F.col("day") - w) / width), F.floor((F.col("day") + w) / width))

    def join(probes: DataFrame, members: DataFrame, key: list[str], member_probe: F.Column | None) -> DataFrame:
        home = members.select(
            *key,
            F.col("row").alias("b"),
            F.col("day").alias("db"),
            bucket.alias("bucket"),
            (member_probe if member_probe is not None else F.lit(False)).alias("b_probe"),
        )
        seek = probes.select(
            *key, F.col("row").alias("a"), F.col("day").alias("da"), F.explode(buckets).alias("bucket")
        )
        return seek.join(home, [*key, "bucket"]).where(F.abs(F.col("da") - F.col("db")) <= w)

    # 1. Located records: grid cell and its 8 neighbours (each unordered pair is found from both sides).
    located = dated.where(F.col("located"))
    offsets = F.array(
        *[F.struct(F.lit(dx).alias("dx"), F.lit(dy).alias("dy")) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    )
    probes = located.withColumn("o", F.explode(offsets)).select(
        "row", "day", "fam", (F.col("cx") + F.col("o.dx")).alias("cx"), (F.col("cy") + F.col("o.dy")).alias("cy")
    )
    pass1 = join(probes, located, ["fam", "cx", "cy"], None).where(F.col("a") < F.col("b"))
    pairs = [pass1.select(F.col("a").alias("i"), F.col("b").alias("j"))]

    # 2. Records that are not located: against every record of their admin1 (or, naming none, country).
    unlocated = ~F.col("located")
    by_admin1 = unlocated & (F.col("admin1") != "")
    by_country = unlocated & (F.col("admin1") == "") & (F.col("country") != "")
    # 3. Records with no place at all: against every record naming the same perpetrator.
    by_actor = F.col("placeless") & F.col("named")
    for key, probe, member in (
        ("admin1", by_admin1, F.col("admin1") != ""),
        ("country", by_country, F.col("country") != ""),
        ("actor", by_actor, F.col("named")),
    ):
        found = join(dated.where(probe), dated.where(member), ["fam", key], probe)
        # A pair of two probes is found twice (keep it once); a probe and another member once.
        found = found.where((F.col("a") != F.col("b")) & (~F.col("b_probe") | (F.col("a") < F.col("b"))))
        pairs.append(found.select(F.least("a", "b").alias("i"), F.greatest("a", "b").alias("j")))
    out = pairs[0]
    for more in pairs[1:]:
        out = out.unionByName(more)
    return out


def score_batches(batches: Iterator[pd.DataFrame], config: DedupConfig) -> Iterator[pd.DataFrame]:
    """mapInPandas: pairs with both rows' raw values and texts -> matched pairs (score >= threshold)."""
    import pandas as pd

    from sitrep.dedup.frame import FrameBuilder
    from sitrep.dedup.score import score_pairs

    for batch in batches:
        i = batch["i"].to_numpy(dtype=np.int64)
        j = batch["j"].to_numpy(dtype=np.int64)
        raws = dict(zip(batch["i"].tolist(), batch["raw_i"], strict=True)) | dict(
            zip(batch["j"].tolist(), batch["raw_j"], strict=True)
        )
        texts = dict(zip(batch["i"].tolist(), batch["text_i"], strict=True)) | dict(
            zip(batch["j"].tolist(), batch["text_j"], strict=True)
        )
        rows = np.array(sorted(raws), dtype=np.int64)
        builder = FrameBuilder()
        builder.extend(json.loads(raws[int(r)]) for r in rows)
        frame = builder.build(lambda local, texts=texts, rows=rows: [texts[int(rows[k])] for k in local])
        scores = score_pairs(frame, np.searchsorted(rows, i), np.searchsorted(rows, j), config)
        keep = scores >= config.threshold
        yield pd.DataFrame(
            {
                "i": i[keep],
                "j": j[keep],
                "score": scores[keep],
                "raw_i": batch["raw_i"].to_numpy()[keep],
                "raw_j": batch["raw_j"].to_numpy()[keep],
            }
        )


def scored_pairs(keys: DataFrame, config: DedupConfig = DEFAULT_CONFIG) -> DataFrame:
    """The candidate pairs whose score reaches the threshold (PAIR_SCHEMA)."""
    from pyspark.sql import functions as F

    side = keys.select("row", "raw", "text")
    pairs = candidate_pairs(keys, config)
    joined = pairs.join(
        side.select(F.col("row").alias("i"), F.col("raw").alias("raw_i"), F.col("text").alias("text_i")), "i"
    )
    joined = joined.join(
        side.select(F.col("row").alias("j"), F.col("raw").alias("raw_j"), F.col("text").alias("text_j")), "j"
    )
    return joined.mapInPandas(partial(score_batches, config=config), PAIR_SCHEMA)


def connected_components(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, component of each row): connected components of the pairs, labelled by their smallest row."""
    rows, inverse = np.unique(np.concatenate([i, j]), return_inverse=True)
    a, b = inverse[: len(i)], inverse[len(i) :]
    label = np.arange(len(rows))
    while True:  # min-label propagation with pointer jumping; converges in O(log diameter) rounds
        low = np.minimum(label[a], label[b])
        before = label.copy()
        np.minimum.at(label, a, low)
        np.minimum.at(label, b, low)
        label = label[label]
        if np.array_equal(label, before):
            return rows, rows[label]


def cluster_component(group: pd.DataFrame, config: DedupConfig) -> pd.DataFrame:
    """applyInPandas per component: `dedup.cluster.cluster` on its rows -> (row, first row of its cluster)."""
    import pandas as pd

    from sitrep.dedup.cluster import cluster
    from sitrep.dedup.frame import FrameBuilder

    raws = dict(zip(group["i"].tolist(), group["raw_i"], strict=True)) | dict(
        zip(group["j"].tolist(), group["raw_j"], strict=True)
    )
    rows = np.array(sorted(raws), dtype=np.int64)
    builder = FrameBuilder()
    builder.extend(json.loads(raws[int(r)]) for r in rows)
    frame = builder.build(lambda local: ["" for _ in local])  # clustering reads no text
    i = np.searchsorted(rows, group["i"].to_numpy(dtype=np.int64))
    j = np.searchsorted(rows, group["j"].to_numpy(dtype=np.int64))
    labels = cluster(frame, i, j, group["score"].to_numpy(dtype=np.float64), config)
    first = np.full(int(labels.max()) + 1, -1, dtype=np.int64)
    for k in range(len(rows) - 1, -1, -1):  # labels follow first rows: the smallest row of each label
        first[labels[k]] = rows[k]
    return pd.DataFrame({"row": rows, "cluster": first[labels]})


def cluster_labels(reports: DataFrame, config: DedupConfig = DEFAULT_CONFIG) -> DataFrame:
    """(row, cluster): for each report, the first row of the event it reports (its own row when alone)."""
    import pandas as pd
    from pyspark.sql import functions as F

    keys = reports.mapInPandas(partial(report_keys, config=config), KEY_SCHEMA).cache()
    matched = scored_pairs(keys, config).cache()
    edges = matched.select("i", "j").toPandas()
    spark = reports.sparkSession
    if len(edges):
        rows, comp = connected_components(edges["i"].to_numpy(dtype=np.int64), edges["j"].to_numpy(dtype=np.int64))
        components = spark.createDataFrame(pd.DataFrame({"i": rows, "component": comp}))
        grouped = matched.join(F.broadcast(components) if len(rows) < 1_000_000 else components, "i")

        def cluster_one(group: pd.DataFrame) -> pd.DataFrame:  # a function, not a partial: Spark inspects it
            return cluster_component(group, config)

        clustered = grouped.groupBy("component").applyInPandas(cluster_one, "row long, cluster long")
    else:
        clustered = spark.createDataFrame([], "row long, cluster long")
    labels = keys.select("row").join(clustered, "row", "left")
    result = labels.select("row", F.coalesce("cluster", "row").alias("cluster"))
    keys.unpersist()
    return result


def reconcile_clusters(group: pd.DataFrame) -> pd.DataFrame:
    """applyInPandas per cluster: its records in input order -> the one reconciled event (EVENT_SCHEMA)."""
    import pandas as pd

    from sitrep.dedup import reconcile_group
    from sitrep.model import EventRecord

    group = group.sort_values("row")
    members = [EventRecord.from_dict(json.loads(r)) for r in group["record"]]
    event = reconcile_group(members)
    month = event.event_date[:7] if event.event_date else "unknown"
    record = json.dumps(event.to_dict(), ensure_ascii=False)
    return pd.DataFrame({"first_row": [int(group["row"].iloc[0])], "event_month": [month], "record": [record]})


def dedup_reports(reports: DataFrame, config: DedupConfig = DEFAULT_CONFIG) -> DataFrame:
    """One reconciled event per cluster of reports (EVENT_SCHEMA); sort by first_row for local order.

    Args:
        reports: rows `row` (long, input order) and `record` (EventRecord JSON).
        config: thresholds and weights, as for local dedup.
    """
    labels = cluster_labels(reports, config)
    with_labels = reports.join(labels, "row")
    return with_labels.groupBy("cluster").applyInPandas(reconcile_clusters, EVENT_SCHEMA)
