"""How many died in one event, from everything its reports say (used by merge and record).

Each group of victims (state forces, armed groups, everyone else) counts once, at its most conservative
figure; groups add up; "two more" adds; superseded and running totals do not count.
"""

from __future__ import annotations

import re

from sitrep.model import Count, Mention
from sitrep.pipeline.actors import ARMED, MILITARY, POLICE

__all__ = ["fatalities"]

_SUPERSEDED = re.compile(
    r"\b(?:provisional|initial(?:ly)?|preliminary|earlier|first (?:announced|reported|given)|at first)\b", re.I
)
_STATE_WORDS = MILITARY | POLICE
_ARMED_WORDS = ARMED | {"bomber", "assailant", "attacker", "militant", "gunman", "insurgent"}


def _victim_class(count: Count) -> str:
    who = (count.who or "").lower()
    if who in _STATE_WORDS or who.rstrip("s") in _STATE_WORDS:
        return "state"
    if who in _ARMED_WORDS or who.rstrip("s") in _ARMED_WORDS:
        return "armed"
    return "people"


def fatalities(mentions: list[Mention], kind: str) -> tuple[int, list[Count]]:
    """Deaths (or injuries) of one event, counted once.

    Each group of victims counts once, at its most conservative figure ("police shot dead five people" and
    "a volunteer said ten had been killed" give five); groups add up ("25 militants" + "three soldiers");
    "two more" and "also killed" add on top. Figures the article marks as superseded ("had earlier told
    parliament", "a provisional toll") give way to later ones; running totals never count.
    """
    statements: list[list[Count]] = []
    superseded: list[list[Count]] = []
    extra: list[Count] = []
    totals: list[Count] = []
    for m in mentions:
        counts = [c for c in (m.killed if kind == "killed" else m.injured) if not c.running]
        plain = [c for c in counts if not c.is_total and not c.additive]
        extra.extend(c for c in counts if c.additive and not c.is_total)
        totals.extend(c for c in counts if c.is_total)
        if plain:
            (superseded if _SUPERSEDED.search(m.sentence.text) else statements).append(plain)
    statements = statements or superseded
    if not statements and not extra:
        if totals:
            best_total = max(totals, key=lambda c: c.value)
            return best_total.value, [best_total]
        return 0, []
    # Per group of victims (state forces, armed groups, everyone else), the most conservative figure among
    # the statements that give one (ACLED); groups add up.
    used: list[Count] = []
    for cls in ("state", "armed", "people"):
        figures = []
        for st in statements:
            of_cls = [c for c in st if _victim_class(c) == cls]
            if of_cls:
                figures.append(of_cls)
        if figures:
            used.extend(min(figures, key=lambda f: sum(c.value for c in f)))
    used += extra
    return sum(c.value for c in used), used
