"""How many died in one event, from everything its reports say (used by merge and record).

The figures come from `sitrep.pipeline.numbers`, each with its role. ACLED's rules, in order:

1. A figure across incidents or over a war (`running`) never counts.
2. A revised toll ("rose to 13", "revised the toll to 21") supersedes what was told before it; the latest
   one counts, plus victims added after it ("two more died on Tuesday").
3. Otherwise each statement (a sentence, or one source in it: "police said 12, witnesses said 35") gives a
   figure per group of victims (state forces, armed groups, everyone else); each group counts once, at its
   most conservative figure, and the groups add up. A toll as such ("police put the toll at seven") stands
   for all groups: the lower of it and the statements' sum counts, unless the statements name only some
   of the victims ("six soldiers", "four Mexican nationals", not "12 people") and the toll is higher (it
   counts everyone).
4. Parts ("including 12 children", "the dead included seven soldiers and four civilians") count only when
   nothing else gives a figure, and a toll shared with other incidents ("one of three attacks that left 26
   dead") only when neither does; "two more" and "also killed" add on top.
5. A figure in the story's headline counts only when the body gives none.
6. Figures the article marks as superseded ("had earlier told parliament", "a provisional toll") give way,
   and so do figures without a number ("several", "dozens") where the event has an exact one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.model import Count, Mention
from sitrep.pipeline.actors import ARMED, MILITARY, POLICE

__all__ = ["fatalities"]

_STATE_WORDS = MILITARY | POLICE
# What a figure counts when it counts every victim of the incident.
_WHOLE = {"people", "person", "dead", "body", "corpse", "life", "victim", "fatality", "other", "civilian", "individual"}
_ARMED_WORDS = ARMED | {"bomber", "assailant", "attacker", "militant", "gunman", "insurgent"}


@dataclass(frozen=True)
class _Figure:
    """A count with where it was told: its mention's index and the end of its sentence."""

    count: Count
    mention: int
    sentence_end: int

    @property
    def superseded(self) -> bool:
        return self.count.superseded

    @property
    def statement(self) -> tuple[int, int | None]:
        return self.mention, self.count.source

    @property
    def start(self) -> int:
        return self.count.span.start if self.count.span else self.sentence_end


def _victim_class(count: Count) -> str:
    who = (count.who or "").lower()
    if who in _STATE_WORDS or who.rstrip("s") in _STATE_WORDS:
        return "state"
    if who in _ARMED_WORDS or who.rstrip("s") in _ARMED_WORDS:
        return "armed"
    return "people"


def _everyone(count: Count) -> bool:
    """A figure that counts the victims as a whole ("12 people", "the 14 dead", "killing nine"), not one
    group of them ("six soldiers", "four Mexican nationals", "three children")."""
    who = (count.who or "").lower()
    return not who or who in _WHOLE or who.rstrip("s") in _WHOLE


def _figures(mentions: list[Mention], kind: str) -> list[_Figure]:
    out = []
    for n, m in enumerate(mentions):
        for c in m.killed if kind == "killed" else m.injured:
            if not c.running:
                out.append(_Figure(c, n, m.sentence.end))
    return out


def _conservative(figures: Iterable[_Figure]) -> list[Count]:
    """Per group of victims, the lowest statement's figures (ACLED); the groups together."""
    statements: dict[tuple[int, int | None], list[Count]] = {}
    for f in figures:
        statements.setdefault(f.statement, []).append(f.count)
    used: list[Count] = []
    for cls in ("state", "armed", "people"):
        options = [[c for c in st if _victim_class(c) == cls] for st in statements.values()]
        options = [o for o in options if o]
        if options:
            used.extend(min(options, key=lambda o: sum(c.value for c in o)))
    return used


def fatalities(mentions: list[Mention], kind: str) -> tuple[int, list[Count]]:
    """Deaths (or injuries) of one event, counted once (see the module's rules).

    Args:
        mentions: the event's mentions, in text order.
        kind: "killed" or "injured".
    Returns:
        (the figure, the counts it comes from: the evidence for the field).
    """
    figures = _figures(mentions, kind)
    # A headline's figure sums up what the body tells ("Attack kills 16" over "Sixteen policemen were
    # killed"): it counts only when the body gives none.
    body = [f for f in figures if not mentions[f.mention].headline]
    if any(not f.count.additive for f in body):
        figures = body
    # "Dozens were killed" gives way to "43 people died" about the same event.
    if any(not f.count.vague for f in figures if not f.count.additive):
        figures = [f for f in figures if not f.count.vague]
    # A figure given before ("an earlier count of 18") gives way to any current one.
    if any(not f.superseded for f in figures if not f.count.additive):
        figures = [f for f in figures if not f.superseded]
    own = [f for f in figures if not f.count.shared]
    extra = [f for f in own if f.count.additive and not f.count.is_total]
    revisions = [f for f in own if f.count.is_total and f.count.revised]
    if revisions and not all(f.superseded for f in revisions):
        latest = max(revisions, key=lambda f: f.start)
        after = [f.count for f in extra if f.start > latest.sentence_end]
        return latest.count.value + sum(c.value for c in after), [latest.count, *after]
    plain = [f for f in own if not f.count.is_total and not f.count.additive and not f.count.part]
    totals = [f for f in own if f.count.is_total]
    used = _conservative(plain)
    if not used and not totals:
        used = _conservative([f for f in own if f.count.part and not f.count.additive])
    if not used and not totals and not extra:
        used = _conservative([f for f in figures if f.count.shared and not f.count.additive])
    if totals:
        toll = min(totals, key=lambda f: f.count.value).count
        stated = sum(c.value for c in used)
        only_groups = bool(used) and not any(_everyone(c) for c in used)
        if not used or toll.value < stated or (only_groups and toll.value > stated):
            used = [toll]
    used += [f.count for f in extra]
    return sum(c.value for c in used), used
