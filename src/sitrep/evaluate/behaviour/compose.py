"""What the suites' templates share: seeded choices, an incident sentence, sources, datelines and targets.

A template draws everything through one `Draw`, seeded by the case's capability, template and number, so the
same case comes out the same on every run and machine (`random.Random` seeded by a string is stable).

    >>> draw = Draw("place:plain_town:0")
    >>> incident = make_incident(draw, load_words().place("Gusau"))
    >>> incident.sentence  # doctest: +SKIP
    'Gunmen attacked a village in Gusau on Monday, killing 14 villagers, police said.'
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from sitrep.evaluate.behaviour.cases import Avoid, Case, Expectation, PlaceTarget
from sitrep.evaluate.behaviour.words import (
    WEEKDAYS,
    Group,
    Town,
    WordLists,
    distance_km,
    load_words,
    number_words,
)

__all__ = [
    "Draw",
    "Incident",
    "Draft",
    "Template",
    "expand",
    "make_incident",
    "incident_town",
    "town_target",
    "avoid_town",
    "far_towns",
    "dateline",
    "capitalise",
    "AGENCIES",
    "SOURCES",
    "POLICE_SOURCES",
    "ASSAULTS",
    "SITES",
    "ATTACKERS",
]

T = TypeVar("T")

AGENCIES = ("AP", "Reuters", "AFP", "Xinhua", "dpa", "Anadolu")
# Who a report quotes for the facts: never the perpetrator.
SOURCES = (
    "police said",
    "officials said",
    "a local official said",
    "security officials said",
    "hospital officials said",
    "residents said",
    "a police spokesman told reporters",
    "the district administration said in a statement",
)
POLICE_SOURCES = (
    "police said",
    "a police spokesman said",
    "the provincial police chief told reporters",
    "a senior police officer said",
    "police officials said",
)
# (attack verb phrase, target, victims): "stormed a police station", killing N "policemen".
ASSAULTS = (
    ("attacked", "a police station", "policemen"),
    ("stormed", "an army post", "soldiers"),
    ("raided", "a village", "villagers"),
    ("ambushed", "a military convoy", "soldiers"),
    ("opened fire on", "a passenger bus", "passengers"),
    ("attacked", "a camp for displaced people", "people"),
    ("ambushed", "a police patrol", "policemen"),
    ("attacked", "a checkpoint", "soldiers"),
    ("opened fire on", "worshippers at a mosque", "worshippers"),
    ("attacked", "a cattle market", "traders"),
)
# (where a bomb goes off, who dies there).
SITES = (
    ("near a police van", "policemen"),
    ("at a busy market", "people"),
    ("outside a mosque", "worshippers"),
    ("at an army checkpoint", "soldiers"),
    ("at a bus station", "people"),
    ("on a road used by army convoys", "soldiers"),
    ("near a school", "people"),
    ("at a crowded tea shop", "people"),
)
ATTACKERS = ("Gunmen", "Suspected militants", "Armed men on motorcycles", "Unidentified gunmen", "Militants")


def capitalise(text: str) -> str:
    """The text with its first letter in upper case (the rest left alone)."""
    return text[:1].upper() + text[1:]


class Draw:
    """Every random choice one case makes, from a seed that names the case."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: Sequence[T]) -> T:
        """One item of `items`."""
        return items[self.rng.randrange(len(items))]

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """`k` different items of `items`."""
        return self.rng.sample(list(items), k)

    def count(self, low: int, high: int) -> int:
        """A whole number from `low` to `high`, both included."""
        return self.rng.randint(low, high)

    def chance(self, p: float) -> bool:
        """True with probability `p`."""
        return self.rng.random() < p

    def published(self) -> date:
        """A publication day in 2023-2025."""
        return date(2023, 1, 1) + timedelta(days=self.rng.randrange(3 * 365))

    def number(self, n: int, *, start: bool = False, words: float = 0.35) -> str:
        """`n` as news writes it: digits, or words (part of the time below 100; always at a sentence's start)."""
        if n >= 100:  # news spells out small numbers, never "one hundred and forty"
            return str(n)
        if start or (n <= 12 and self.chance(0.7)) or self.chance(words):
            text = number_words(n)
            return capitalise(text) if start else text
        return str(n)

    def weekday_before(self, published: date, *, max_back: int = 3) -> tuple[str, date]:
        """A weekday 1..max_back days before `published` and its date (what "on Tuesday" names)."""
        back = self.count(1, max_back)
        day = published - timedelta(days=back)
        return WEEKDAYS[day.weekday()], day


@dataclass(frozen=True)
class Incident:
    """One violent incident sentence and what a careful coder codes from it."""

    sentence: str
    town: Town
    killed: int
    weekday: str
    day: date
    published: date
    actor1: tuple[str, ...] = ()  # accepted ACLED names of the perpetrator, when the sentence names one
    victims: str = "people"

    def target(self, radius_km: float = 30.0) -> PlaceTarget:
        return town_target(self.town, radius_km)


def make_incident(
    draw: Draw,
    town: Town,
    *,
    group: Group | None = None,
    source: str | None = None,
    low: int = 2,
    high: int = 30,
    published: date | None = None,
    where: str | None = None,
) -> Incident:
    """A one-sentence report of a lethal attack in `town`, a day or two before publication.

    `where` replaces "in <town>" (e.g. "in the village of X in Kech district"); `group` names the attackers
    (its members) instead of anonymous gunmen; `source` is the attribution ("police said"), drawn when None.
    """
    published = published or draw.published()
    weekday, day = draw.weekday_before(published, max_back=2)
    killed = draw.count(low, high)
    place = where or f"in {town.name}"
    source = source if source is not None else draw.pick(SOURCES)
    tail = f", {source}." if source else "."
    words = load_words()
    frame = draw.count(0, 2)
    if group is not None or frame == 0:
        verb, target, victims = draw.pick(ASSAULTS)
        attackers = group.members if group is not None else draw.pick(ATTACKERS)
        text = f"{capitalise(attackers)} {verb} {target} {place} on {weekday}, killing {draw.number(killed)} {victims}"
    elif frame == 1:
        weapon = draw.pick(words.weapons)
        site, victims = draw.pick(SITES)
        text = f"{capitalise(weapon.phrase)} {weapon.verb} {site} {place} on {weekday}, killing {draw.number(killed)} {victims}"
    else:
        weapon = draw.pick(words.weapons)
        site, victims = draw.pick(SITES)
        text = f"{draw.number(killed, start=True)} {victims} were killed when {weapon.phrase} {weapon.verb} {site} {place} on {weekday}"
    actor = group.acled if group is not None else ()
    return Incident(text + tail, town, killed, weekday, day, published, actor, victims)


def incident_town(draw: Draw, words: WordLists, country: str | None = None) -> Town:
    """A town for an incident, in `country` when given: not a national capital (so that the capital can be a
    distractor), unless the country has no other town."""
    towns = [t for t in words.towns if country is None or t.country == country]
    return draw.pick([t for t in towns if t.capital != "country"] or towns)


def town_target(town: Town, radius_km: float = 30.0) -> PlaceTarget:
    """The expectation "a violent record within `radius_km` of this town, in its country"."""
    return PlaceTarget(town.name, town.country, town.latitude, town.longitude, radius_km)


def avoid_town(town: Town) -> Avoid:
    """The expectation "no record at this town"."""
    return Avoid(town.name, town.latitude, town.longitude)


def far_towns(words: WordLists, town: Town, *, country: str | None = None, km: float = 80.0) -> list[Town]:
    """Towns at least `km` from `town` (in `country` when given): distractors that cannot be confused with it."""
    return [
        t
        for t in words.towns
        if (country is None or t.country == country)
        and t.name != town.name
        and distance_km(t.latitude, t.longitude, town.latitude, town.longitude) >= km
    ]


def dateline(draw: Draw, town: Town, *, day: date | None = None, year: bool = False) -> str:
    """A wire dateline: "NAIROBI, Kenya (AP) — ", or with a date: "KABUL, May 14 (Reuters) - " (with its year,
    "KABUL, May 14, 2024 (Reuters) - ", when `year`)."""
    dash = draw.pick(("—", "-", "–"))
    agency = draw.pick(AGENCIES)
    if day is not None:
        written = f"{day.strftime('%B')} {day.day}" + (f", {day.year}" if year else "")
        return f"{town.name.upper()}, {written} ({agency}) {dash} "
    return f"{town.name.upper()}, {town.country} ({agency}) {dash} "


@dataclass(frozen=True)
class Draft:
    """A case before it gets its id: the template's output."""

    kind: str
    text: str
    published: date | None
    expect: Expectation
    note: str = ""


@dataclass(frozen=True)
class Template:
    """`count` groups of drafts made by `make`; a group's first draft is its base, the rest perturb it."""

    name: str
    count: int
    make: Callable[[Draw, WordLists], list[Draft]]
    doc: str = ""


def expand(capability: str, templates: Sequence[Template], words: WordLists) -> list[Case]:
    """All the cases of one capability, in template order, with stable ids ("place.dateline.007b")."""
    cases: list[Case] = []
    for template in templates:
        for number in range(template.count):
            draw = Draw(f"{capability}:{template.name}:{number}")
            drafts = template.make(draw, words)
            base_id: str | None = None
            for index, draft in enumerate(drafts):
                suffix = "abcdefghij"[index] if len(drafts) > 1 else ""
                case_id = f"{capability}.{template.name}.{number:03d}{suffix}"
                cases.append(
                    Case(
                        id=case_id,
                        capability=capability,
                        kind=draft.kind,
                        template=template.name,
                        text=draft.text,
                        published=draft.published,
                        expect=draft.expect,
                        base=base_id if index else None,
                        note=draft.note or template.doc,
                    )
                )
                if index == 0:
                    base_id = case_id
    return cases
