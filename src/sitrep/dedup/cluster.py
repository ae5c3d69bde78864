"""Clustering: matched pairs -> groups of records that report one event.

Union-find over the pairs that pass the threshold, strongest first, with a guard against chaining: two
groups join only if the result still looks like one event. Single-link clustering alone would let A~B
and B~C pull A and C together even when A and C are days or tens of kilometres apart, or were told by
one article as two events; the guard checks the whole group, not just the pair:

  * its event dates span at most `max_span_days`,
  * its located records fit in a box of at most `max_extent_km` across,
  * no article appears in both groups (an article's own events were already told apart by the pipeline),
  * it has at most one named perpetrator (two for battles, whose sides come in either order),
  * it names at most one town precisely (geo_precision 1): ACLED's event has one location, and reports
    that each name a different town (two quarters of one city) were joined only through vaguer ones,
  * at least `min_cohesion` of the pairs across the two groups match on their own (score >= threshold):
    a group joins another because most of its reports match most of the other's, not because one pair
    does. Without these two rules, single links chained reports of several events in one city into
    clusters of up to 27 reports on bench/dedup.py's corpus (whose true events have at most 6).

An analyst's decisions come in as `Constraints` and outrank the scores: rows an analyst put in one event
start out joined (guard or not), and two groups an analyst split apart never join again, while any other
row may still join either of them.
"""

from __future__ import annotations

__all__ = ["Constraints", "DisjointSets", "Group", "cluster", "cohesive"]

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from sitrep.dedup.config import DEFAULT_CONFIG, DedupConfig
from sitrep.dedup.frame import EventFrame


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance for two scalar points (as `score.haversine_km`, without numpy's overhead)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, max(0.0, a))))


class DisjointSets:
    """Union-find over the integers 0..n-1 (path halving): which items are connected so far.

    The one union-find of sitrep: clustering joins rows, analysts' decisions join pinned rows, and the
    store's re-clustering joins new clusters with the events they share reports with.

    Args:
        n: how many items.
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        """The root of x's set."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def link(self, root: int, other: int) -> None:
        """Put the set whose root is `other` under the root `root` (both must be roots)."""
        self.parent[other] = root

    def union(self, a: int, b: int) -> int:
        """Join the sets of a and b; the root of a's set stays the root. Returns it."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
        return ra


@dataclass(frozen=True)
class Constraints:
    """What analysts decided about rows of a frame, which clustering obeys whatever the scores say.

    Build it with `from_decisions`, which settles decisions that disagree (the newest wins).

    Args:
        together: groups of rows that must end up in one cluster (must-link).
        apart: pairs of indexes into `together`: those two groups never share a cluster (cannot-link).
    """

    together: tuple[tuple[int, ...], ...] = ()
    apart: tuple[tuple[int, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.together)

    @classmethod
    def from_decisions(cls, decisions: Iterable[Sequence[Sequence[int]]]) -> Constraints:
        """Constraints from analysts' decisions, newest first.

        Each decision is a partition of some rows into parts (a merge: one part; a split: one part per
        resulting event): rows of one part belong together, rows of different parts apart. Where decisions
        disagree, the newest wins: an older decision's link is skipped when a newer one already forbids it
        (a merge the analyst later split again stays split).

        Args:
            decisions: for each decision, newest first, its parts as lists of rows.

        Returns:
            The constraints, with `together` holding every group of two or more rows or with a cannot-link.
        """
        decisions = [[list(part) for part in parts] for parts in decisions]
        touched = sorted({row for parts in decisions for part in parts for row in part})
        sets = DisjointSets(touched[-1] + 1 if touched else 0)
        apart: dict[int, set[int]] = {}

        def union(a: int, b: int) -> None:
            ra, rb = sets.find(a), sets.find(b)
            if ra == rb or rb in apart.get(ra, ()):
                return  # a newer decision keeps them apart
            sets.link(ra, rb)
            for other in apart.pop(rb, set()):
                apart[other].discard(rb)
                apart[other].add(ra)
                apart.setdefault(ra, set()).add(other)

        for parts in decisions:
            anchors = [part[0] for part in parts if len(part)]
            for part in parts:
                for row in part[1:]:
                    union(part[0], row)
            for k, a in enumerate(anchors):
                for b in anchors[k + 1 :]:
                    ra, rb = sets.find(a), sets.find(b)
                    if ra != rb:  # a newer decision that put them together wins
                        apart.setdefault(ra, set()).add(rb)
                        apart.setdefault(rb, set()).add(ra)
        members: dict[int, list[int]] = {}
        for row in touched:
            members.setdefault(sets.find(row), []).append(row)
        roots = sorted(root for root, rows in members.items() if len(rows) > 1 or apart.get(root))
        index = {root: k for k, root in enumerate(roots)}
        together = tuple(tuple(sorted(members[root])) for root in roots)
        pairs = {(index[a], index[b]) for a, others in apart.items() for b in others if index[a] < index[b]}
        return cls(together, tuple(sorted(pairs)))


@dataclass
class Group:
    """The summary of a group of rows that the guard needs (dates, extent, articles, named actors)."""

    first_day: int
    last_day: int
    south: float = math.nan
    north: float = math.nan
    west: float = math.nan
    east: float = math.nan
    articles: set[int] = field(default_factory=set)
    named: set[int] = field(default_factory=set)
    towns: set[int] = field(default_factory=set)  # towns named precisely (geo_precision 1)
    battles: bool = True
    # Analysts' groups (indexes into Constraints.together) this group holds, and those it must never meet.
    pinned: frozenset[int] = frozenset()
    kept_from: frozenset[int] = frozenset()

    @classmethod
    def of_rows(cls, frame: EventFrame, rows: Iterable[int]) -> Group:
        """The summary of some rows of a frame (one row for a singleton)."""
        group: Group | None = None
        for r in rows:
            one = cls._of_row(frame, int(r))
            if group is None:
                group = one
            else:
                group.absorb(one)
        if group is None:
            raise ValueError("a group needs at least one row")
        return group

    @classmethod
    def _of_row(cls, frame: EventFrame, r: int) -> Group:
        g = cls(first_day=int(frame.day[r]), last_day=int(frame.day[r]))
        if frame.located[r]:
            g.south = g.north = float(frame.lat[r])
            g.west = g.east = float(frame.lon[r])
        g.articles = {int(frame.article[r])}
        if not frame.actor1_generic[r]:
            g.named = {int(frame.actor1[r])}
        if frame.precision[r] == 1 and frame.town[r] > 0:
            g.towns = {int(frame.town[r])}
        g.battles = bool(frame.battles[r])
        return g

    def can_join(self, other: Group, config: DedupConfig = DEFAULT_CONFIG) -> bool:
        """Whether the union of both groups still passes the guard (and no analyst split them apart)."""
        if (self.kept_from and not self.kept_from.isdisjoint(other.pinned)) or (
            other.kept_from and not other.kept_from.isdisjoint(self.pinned)
        ):
            return False
        if max(self.last_day, other.last_day) - min(self.first_day, other.first_day) > config.max_span_days:
            return False
        if not self.articles.isdisjoint(other.articles):
            return False
        named = len(self.named | other.named)
        if named > (2 if self.battles and other.battles else 1):
            return False
        if self.towns and other.towns and self.towns != other.towns:
            return False
        if not math.isnan(self.south) and not math.isnan(other.south):
            south, north = min(self.south, other.south), max(self.north, other.north)
            west, east = min(self.west, other.west), max(self.east, other.east)
            if _km(south, west, north, east) > config.max_extent_km:
                return False
        return True

    def absorb(self, other: Group) -> None:
        """Become the summary of both groups."""
        self.first_day = min(self.first_day, other.first_day)
        self.last_day = max(self.last_day, other.last_day)
        if math.isnan(self.south):
            self.south, self.north, self.west, self.east = other.south, other.north, other.west, other.east
        elif not math.isnan(other.south):
            self.south, self.north = min(self.south, other.south), max(self.north, other.north)
            self.west, self.east = min(self.west, other.west), max(self.east, other.east)
        self.articles |= other.articles
        self.named |= other.named
        self.towns |= other.towns
        self.battles = self.battles and other.battles
        if other.pinned or other.kept_from:
            self.pinned |= other.pinned
            self.kept_from |= other.kept_from


def cohesive(matched: int, size_a: int, size_b: int, config: DedupConfig = DEFAULT_CONFIG) -> bool:
    """Whether two groups are linked strongly enough to join: `matched` of their size_a x size_b cross
    pairs match on their own, and that is at least `config.min_cohesion` of them."""
    return matched >= config.min_cohesion * size_a * size_b


def cluster(
    frame: EventFrame,
    i: np.ndarray,
    j: np.ndarray,
    scores: np.ndarray,
    config: DedupConfig = DEFAULT_CONFIG,
    constraints: Constraints | None = None,
) -> np.ndarray:
    """Group rows: a label per row, equal labels for rows that report one event.

    Pairs are joined strongest first (ties by row numbers, so the result never depends on input order of
    the pairs), and only while the guard allows it.

    Args:
        frame: the records.
        i, j: candidate pairs (from `blocking.candidate_pairs`).
        scores: their match probabilities (from `score.score_pairs`).
        config: threshold and guard limits.
        constraints: analysts' decisions: their groups start joined and their splits are never undone.

    Returns:
        An int64 array of labels 0..k-1, numbered by each group's first row.
    """
    n = len(frame)
    keep = np.asarray(scores) >= config.threshold
    pi, pj, ps = np.asarray(i)[keep], np.asarray(j)[keep], np.asarray(scores)[keep]
    order = np.lexsort((pj, pi, -ps))
    sets = DisjointSets(n)
    find = sets.find
    size = [1] * n
    groups: dict[int, Group] = {}
    # Rows of each group of two or more, and every matched pair, for the cohesion rule.
    members: dict[int, list[int]] = {}
    matched = set(zip(pi.tolist(), pj.tolist(), strict=True))

    def rows_of(root: int) -> list[int]:
        return members.get(root) or [root]

    def links(ra: int, rb: int) -> int:
        return sum(1 for x in rows_of(ra) for y in rows_of(rb) if (min(x, y), max(x, y)) in matched)

    def group(root: int) -> Group:
        g = groups.get(root)
        if g is None:
            g = groups[root] = Group._of_row(frame, root)
        return g

    def join(ra: int, rb: int, ga: Group, gb: Group) -> None:
        if size[ra] < size[rb]:
            ra, rb, ga, gb = rb, ra, gb, ga
        sets.link(ra, rb)
        size[ra] += size[rb]
        ga.absorb(gb)
        groups[ra] = ga
        groups.pop(rb, None)
        members[ra] = rows_of(ra) + members.pop(rb, [rb])

    if constraints:
        # The analyst's groups first, whatever the guard says: a person looked at them.
        for k, rows in enumerate(constraints.together):
            for row in rows[1:]:
                ra, rb = find(rows[0]), find(row)
                if ra != rb:
                    join(ra, rb, group(ra), group(rb))
            root = find(rows[0])
            group(root).pinned = frozenset({k})
        for a, b in constraints.apart:
            ga, gb = group(find(constraints.together[a][0])), group(find(constraints.together[b][0]))
            ga.kept_from |= {b}
            gb.kept_from |= {a}

    for a, b in zip(pi[order].tolist(), pj[order].tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ga, gb = group(ra), group(rb)
        if not ga.can_join(gb, config):
            continue
        if (size[ra] > 1 or size[rb] > 1) and not cohesive(links(ra, rb), size[ra], size[rb], config):
            continue
        join(ra, rb, ga, gb)

    roots = np.fromiter((find(x) for x in range(n)), dtype=np.int64, count=n)
    _, first, labels = np.unique(roots, return_index=True, return_inverse=True)
    # Renumber so that label order follows each group's first row.
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[labels]
