"""Blocking: which pairs of records are worth scoring at all.

Two records are candidates when they are in the same event-type family, their event dates are at most
`window_days` apart, and either
  * both are located (geo_precision 1-2 with coordinates) in the same or a neighbouring grid cell, or
  * one of them is not located (no coordinates, or only a region) and they share admin1 (or, when it
    names no admin1, the country), or
  * one of them has no place at all (the geoparser found none) and they name the same perpetrator.

Every step is a sort plus binary searches over numpy arrays, so the cost grows with the number of records
times the (small) number of neighbours each has, never with the square of the input.
"""

from __future__ import annotations

__all__ = ["candidate_pairs"]

import numpy as np

from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig
from sitrep.dedup.frame import EventFrame

_DAY_BITS = 21  # day ordinals stay below 2**20 until the year 2870
_CELL_OFFSET = 1 << 19
_CHUNK = 200_000  # probes per batch: bounds the memory of one expansion


def candidate_pairs(frame: EventFrame, config: DedupConfig = DEFAULT_CONFIG) -> tuple[np.ndarray, np.ndarray]:
    """All candidate pairs of rows, each once, with i < j.

    Args:
        frame: the records.
        config: window_days and cell_deg are used.

    Returns:
        Two int64 arrays (i, j) of equal length, sorted by i then j.
    """
    w = int(config.window_days)
    rows = np.arange(len(frame), dtype=np.int64)
    dated = frame.day >= 0
    fam = frame.family.astype(np.int64)
    day = frame.day.astype(np.int64)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []

    # 1. Located records: grid cell and its 8 neighbours.
    located = dated & frame.located
    if located.any():
        r = rows[located]
        cx = np.floor(frame.lon[r] / config.cell_deg).astype(np.int64) + _CELL_OFFSET
        cy = np.floor(frame.lat[r] / config.cell_deg).astype(np.int64) + _CELL_OFFSET
        f = fam[r]
        block = _grid_key(f, cx, cy)
        index = _Index(block, day[r], r)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                a, b = index.join(_grid_key(f, cx + dx, cy + dy), day[r], r, w)
                keep = a < b  # each unordered pair is found from both of its sides
                out_i.append(a[keep])
                out_j.append(b[keep])

    # 2. Records that are not located: against every record of their admin1 (or country).
    unlocated = dated & ~frame.located
    if unlocated.any():
        admin1 = frame.admin1.astype(np.int64)
        country = frame.country.astype(np.int64)
        for key, probes in (
            (admin1, unlocated & (admin1 > 0)),
            (country, unlocated & (admin1 == 0) & (country > 0)),
        ):
            members = dated & (key > 0)
            if not probes.any():
                continue
            m = rows[members]
            index = _Index((fam[m] << 32) | key[m], day[m], m)
            p = rows[probes]
            a, b = index.join((fam[p] << 32) | key[p], day[p], p, w)
            # A pair of two probes is found twice; a probe and a located record once.
            keep = (a != b) & (~probes[b] | (a < b))
            a, b = a[keep], b[keep]
            out_i.append(np.minimum(a, b))
            out_j.append(np.maximum(a, b))

    # 3. Records with no place at all: against every record naming the same perpetrator.
    placeless = unlocated & (frame.country == 0) & np.isnan(frame.lat)
    named = dated & ~frame.actor1_generic
    if (placeless & named).any():
        actor = frame.actor1.astype(np.int64)
        m = rows[named]
        index = _Index((fam[m] << 32) | actor[m], day[m], m)
        probes = placeless & named
        p = rows[probes]
        a, b = index.join((fam[p] << 32) | actor[p], day[p], p, w)
        # Pairs already found by pass 2 (a country-level probe is never placeless) cannot recur here.
        keep = (a != b) & (~probes[b] | (a < b))
        a, b = a[keep], b[keep]
        out_i.append(np.minimum(a, b))
        out_j.append(np.maximum(a, b))

    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    order = np.lexsort((j, i))
    return i[order], j[order]


def _grid_key(family: np.ndarray, cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    return (family << 42) | (cx << 21) | cy


class _Index:
    """Rows sorted by (block, day): finds, for a probe, the rows of a block within a day window."""

    def __init__(self, block: np.ndarray, day: np.ndarray, rows: np.ndarray) -> None:
        self.blocks, inverse = np.unique(block, return_inverse=True)
        key = (inverse.astype(np.int64) << _DAY_BITS) + day
        order = np.argsort(key, kind="stable")
        self.keys = key[order]
        self.rows = rows[order]

    def join(
        self, probe_block: np.ndarray, probe_day: np.ndarray, probe_rows: np.ndarray, window: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(probe row, indexed row) for every indexed row in the probe's block within `window` days."""
        lefts: list[np.ndarray] = []
        rights: list[np.ndarray] = []
        for start in range(0, len(probe_rows), _CHUNK):
            pb = probe_block[start : start + _CHUNK]
            pd = probe_day[start : start + _CHUNK]
            pr = probe_rows[start : start + _CHUNK]
            pos = np.searchsorted(self.blocks, pb)
            pos = np.minimum(pos, len(self.blocks) - 1)
            found = self.blocks[pos] == pb
            if not found.any():
                continue
            base = pos[found].astype(np.int64) << _DAY_BITS
            lo = np.searchsorted(self.keys, base + pd[found] - window, side="left")
            hi = np.searchsorted(self.keys, base + pd[found] + window, side="right")
            counts = hi - lo
            total = int(counts.sum())
            if total == 0:
                continue
            starts = np.repeat(lo - (np.cumsum(counts) - counts), counts)
            lefts.append(np.repeat(pr[found], counts))
            rights.append(self.rows[np.arange(total, dtype=np.int64) + starts])
        if not lefts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty.copy()
        return np.concatenate(lefts), np.concatenate(rights)
