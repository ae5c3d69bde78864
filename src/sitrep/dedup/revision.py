"""Whether a report's death toll is a revised figure ("the death toll rose to 30"), which supersedes every
figure reported before it (see `sitrep.dedup.reconcile.credible_toll`). Read by the frame (a column of it)
and by reconciliation.
"""

from __future__ import annotations

import re

from sitrep.model import EventRecord

__all__ = ["REVISION_CUES", "CUE_WORDS", "is_revised"]

# Phrases that announce an updated toll rather than a first count.
REVISION_CUES = re.compile(
    r"""
    \b(?:death\s+)?toll\b[^.;]{0,60}?\b(?:rose|rises|risen|rising|climbed|climbs|increased|jumped|reached|revised|
        updated|now\s+stands|stood\s+at|has\s+grown|grew)\b
    | \b(?:rose|risen|climbed|increased|jumped)\s+to\s+\w+
    | \b(?:revised|updated|final|official)\s+(?:death\s+)?toll\b
    | \b(?:has|have|had)\s+(?:since\s+)?died\s+(?:of|from)\s+(?:their|his|her)\s+(?:wounds|injuries)
    | \bsuccumbed\s+to\s+(?:their|his|her)\s+(?:wounds|injuries)
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Every match of REVISION_CUES holds one of these words: testing for them first spares most texts the
# regex (re-clustering a million reports asks for each report's cues).
CUE_WORDS = ("toll", "rose", "risen", "climbed", "increased", "jumped", "died", "succumbed")


def _has_revision_cue(text: str) -> bool:
    folded = text.casefold()  # as re.IGNORECASE compares
    return any(word in folded for word in CUE_WORDS) and REVISION_CUES.search(text) is not None


def is_revised(record: EventRecord) -> bool:
    """Whether the record's toll is an updated figure: its reports say so, or its text does."""
    if record.fatality_reports:
        current = [r for r in record.fatality_reports if r.value == record.fatalities]
        return any(r.revised for r in current)
    texts = [e.text for e in record.evidence if e.field in ("fatalities", "notes")]
    return any(_has_revision_cue(t) for t in [*texts, record.notes])
