"""A behavioural case (a text we wrote, its publication date and what a careful ACLED coder would code from it)
and the check of an extractor's records against it.

The kinds follow CheckList (Ribeiro et al., 2020):
    MFT  minimum functionality: a plain case of one capability ("Gunmen killed five villagers in Gusau").
    INV  invariance: a base case plus something that must not change the answer (a dateline, an official
         speaking in the capital, a background toll); `base` names the case it perturbs.
    DIR  direction: a base case changed so that the answer moves in a known way (a report turned into a
         threat: one record -> none; "two more died, bringing the toll to 9": 7 -> 9).
Every case carries its own absolute expectation, so a DIR or INV case passes only when the answer is right, not
merely when it differs from (or equals) the base case's answer.

    >>> expect = Expectation(violent=1, fatalities=30)
    >>> failures(expect, records)          # doctest: +SKIP
    ['fatalities: 42, want 30']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sitrep.evaluate.behaviour.words import distance_km, fold
from sitrep.model import Article, EventRecord
from sitrep.taxonomy import VIOLENT_TYPES

__all__ = [
    "KINDS",
    "CHECKS",
    "PlaceTarget",
    "Avoid",
    "Expectation",
    "Case",
    "failures",
    "failed_checks",
]

KINDS = ("MFT", "INV", "DIR")
# The names failures start with, in the order they are checked (a report counts failures per check).
CHECKS = (
    "violent records",
    "event type",
    "place",
    "avoided place",
    "country",
    "fatalities",
    "actor1",
    "not actor1",
    "event_date",
    "time_precision",
    "extractor error",
)


@dataclass(frozen=True)
class PlaceTarget:
    """Where a violent record must be: near a point, and/or in named units, at a geo_precision.

    A record matches when every given part holds: within `radius_km` of (latitude, longitude); in `country`;
    `admin1` one of the spellings given; `admin2` containing `admin2` (folded: "Nad 'Ali" holds "Nad Ali");
    `geo_precision` equal.
    """

    name: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float = 30.0
    admin1: tuple[str, ...] = ()
    admin2: str | None = None
    geo_precision: int | None = None

    def mismatch(self, record: EventRecord) -> str | None:
        """Why `record` is not at this place (None when it is)."""
        if fold(record.country) != fold(self.country):
            return f"country {record.country or '-'!r}, want {self.country!r}"
        if self.latitude is not None and self.longitude is not None:
            if record.latitude is None or record.longitude is None:
                return f"no coordinates ({record.location or 'no location'}), want {self.name}"
            km = distance_km(record.latitude, record.longitude, self.latitude, self.longitude)
            if km > self.radius_km:
                return f"{record.location or '?'} is {km:.0f} km from {self.name} (allowed {self.radius_km:.0f})"
        if self.admin1 and fold(record.admin1) not in {fold(a) for a in self.admin1}:
            return f"admin1 {record.admin1 or '-'!r}, want {self.admin1[0]!r}"
        if self.admin2 is not None and fold(self.admin2) not in fold(record.admin2):
            return f"admin2 {record.admin2 or '-'!r}, want {self.admin2!r}"
        if self.geo_precision is not None and record.geo_precision != self.geo_precision:
            return f"geo_precision {record.geo_precision}, want {self.geo_precision}"
        return None


@dataclass(frozen=True)
class Avoid:
    """A place the text names that is not where anything happened: no record (of any type) may be coded there.

    A record is there when it lies within `radius_km` of the point, or (for a province named as a home region)
    when its admin1 is one of `admin1`.
    """

    name: str
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float = 25.0
    admin1: tuple[str, ...] = ()

    def hit(self, record: EventRecord) -> bool:
        """Whether `record` was coded at this place."""
        if self.admin1 and record.admin1 and fold(record.admin1) in {fold(a) for a in self.admin1}:
            return True
        if self.latitude is None or self.longitude is None or record.latitude is None or record.longitude is None:
            return False
        return distance_km(record.latitude, record.longitude, self.latitude, self.longitude) <= self.radius_km


@dataclass(frozen=True)
class Expectation:
    """What the records of one case must show; a field left at its default is not checked.

    `violent` counts records of a violent type (`sitrep.taxonomy.VIOLENT_TYPES`: Battles, Explosions/Remote
    violence, Violence against civilians, Riots). `places` are matched one to one against the violent records. `fatalities`, `actor1`,
    `event_date` and `time_precision` are checked on the violent record when there is one, and pass when any
    violent record satisfies them when there are several (the count failure already says so).
    """

    violent: int | None = None
    places: tuple[PlaceTarget, ...] = ()
    avoid: tuple[Avoid, ...] = ()
    country: str | None = None  # every record with a country is in this one
    absent_types: tuple[str, ...] = ()  # no record of these event types
    fatalities: int | None = None
    actor1: tuple[str, ...] = ()  # the violent record's actor1 starts with one of these
    not_actor1: tuple[str, ...] = ()  # no record's actor1 starts with one of these
    event_date: tuple[str, ...] = ()  # ISO days accepted
    time_precision: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Only the fields that are checked."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value not in (None, (), []):
                out[key] = value
        return out


@dataclass(frozen=True)
class Case:
    """One generated text and what must be extracted from it."""

    id: str  # capability.template.NNN, stable across runs
    capability: str
    kind: str  # MFT | INV | DIR
    template: str
    text: str
    published: date | None  # None: the article has no date line (a dateline in the text may give one)
    expect: Expectation
    base: str | None = None  # for INV and DIR: the id of the case this one changes
    note: str = ""  # what the case tests, in a few words

    def article(self) -> Article:
        """The case as the extractor reads it (no title: a headline, where there is one, is in the text)."""
        return Article.from_text(self.text, published=self.published, source="sitrep behavioural suite")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "capability": self.capability,
            "kind": self.kind,
            "template": self.template,
            "note": self.note,
            "base": self.base,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
            "expect": self.expect.to_dict(),
        }


def _starts(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p) for p in prefixes)


def _match_places(targets: tuple[PlaceTarget, ...], records: list[EventRecord]) -> list[str]:
    """Each target needs its own violent record; report the nearest miss for those left unmatched."""
    unused = list(records)
    out = []
    for target in targets:
        found = next((r for r in unused if target.mismatch(r) is None), None)
        if found is not None:
            unused.remove(found)
            continue
        reasons = [target.mismatch(r) for r in records]
        out.append(f"place: {target.name}: " + ("; ".join(sorted({r for r in reasons if r})) or "no violent record"))
    return out


def failures(expect: Expectation, records: list[EventRecord]) -> list[str]:
    """Every way `records` fall short of `expect`, each starting with the name of its check (CHECKS)."""
    violent = [r for r in records if r.event_type in VIOLENT_TYPES]
    out: list[str] = []
    if expect.violent is not None and len(violent) != expect.violent:
        types = ", ".join(f"{r.event_type} at {r.location or r.country or '?'}" for r in violent)
        out.append(f"violent records: {len(violent)}, want {expect.violent}" + (f" ({types})" if types else ""))
    for record in records:
        if record.event_type in expect.absent_types:
            out.append(f"event type: {record.event_type} ({record.sub_event_type}) at {record.location or '?'}")
    if expect.places:
        out += _match_places(expect.places, violent)
    for avoid in expect.avoid:
        for record in records:
            if avoid.hit(record):
                out.append(f"avoided place: a {record.event_type} record at {record.location or record.admin1}"
                           f" ({avoid.name} is named, but nothing happened there)")  # fmt: skip
    if expect.country is not None:
        abroad = sorted({r.country for r in records if r.country and fold(r.country) != fold(expect.country)})
        if abroad:
            out.append(f"country: records in {', '.join(abroad)}, want only {expect.country}")
    wants_record = (
        expect.fatalities is not None or expect.actor1 or expect.event_date or expect.time_precision is not None
    )
    if wants_record and not violent:
        if not any(line.startswith("violent records") for line in out):
            out.append("violent records: none, want one to check its fields")
        return out
    if expect.fatalities is not None and all(r.fatalities != expect.fatalities for r in violent):
        out.append(f"fatalities: {', '.join(str(r.fatalities) for r in violent)}, want {expect.fatalities}")
    if expect.actor1 and not any(_starts(r.actor1, expect.actor1) for r in violent):
        out.append(f"actor1: {', '.join(repr(r.actor1) for r in violent)}, want {expect.actor1[0]!r}")
    for record in records:
        if expect.not_actor1 and _starts(record.actor1, expect.not_actor1):
            out.append(f"not actor1: {record.actor1!r} (the text only quotes it)")
    if expect.event_date and all(r.event_date not in expect.event_date for r in violent):
        out.append(f"event_date: {', '.join(r.event_date for r in violent)}, want {' or '.join(expect.event_date)}")
    if expect.time_precision is not None and all(r.time_precision != expect.time_precision for r in violent):
        got = ", ".join(str(r.time_precision) for r in violent)
        out.append(f"time_precision: {got}, want {expect.time_precision}")
    return out


def failed_checks(lines: list[str]) -> list[str]:
    """The check names of failure lines, each once, in CHECKS order."""
    names = {line.split(":", 1)[0] for line in lines}
    return [c for c in CHECKS if c in names]
