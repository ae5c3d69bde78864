"""Every threshold and weight of cross-source matching, as data in one frozen dataclass.

The defaults follow ACLED's unit of analysis (one actor pair, one place, one day) widened by what real
reports disagree on: a day either side (publication vs event day), a few kilometres (a town vs its
district), a neighbouring sub-event type ("IED" vs "suicide bomb"), and different tolls.
"""

from __future__ import annotations

__all__ = ["DedupConfig", "DEFAULT_CONFIG"]

from dataclasses import dataclass


@dataclass(frozen=True)
class DedupConfig:
    """Settings for blocking, scoring and clustering.

    Args:
        window_days: reports whose event dates differ by more than this never match (blocking window).
        cell_deg: side of the blocking grid cell in degrees (0.25 is about 28 km at the equator); a
            record is compared with records in its own cell and the 8 around it.
        radius_km: per the coarser geo_precision of a pair (1, 2, 3): two located records farther apart
            than this never match.
        threshold: merge a pair when its score (a probability in 0..1) is at least this. 0.7 gave the
            best pairwise F1 in bench/dedup.py's sweep under single linkage; with the cohesion rule 0.5
            scores a little higher there (0.874 against 0.862 at 100k reports), but that corpus is
            synthetic, so the default stays until real reports say otherwise.
        max_span_days: chain guard: a cluster never spans more days than this.
        max_extent_km: chain guard: a cluster's located records (precision 1-2) never spread wider.
        min_cohesion: chain guard: two groups join only if at least this share of the pairs across them
            match on their own (0.5 gave the best pairwise F1 on bench/dedup.py's corpus: 0.6 trades
            recall for precision; 0 is single linkage, which chained several events into one).
        bias: the score's prior log-odds (how rare a true match is among blocked candidates).
        text_weight: log-odds per unit of token Jaccard above `text_neutral`.
        text_neutral: the Jaccard similarity that says nothing either way (paraphrases share few words).
    """

    window_days: int = 2
    cell_deg: float = 0.25
    radius_km: tuple[float, float, float] = (10.0, 25.0, 75.0)
    threshold: float = 0.7
    max_span_days: int = 2
    max_extent_km: float = 25.0
    min_cohesion: float = 0.5
    bias: float = -2.5
    text_weight: float = 5.0
    text_neutral: float = 0.15


DEFAULT_CONFIG = DedupConfig()
