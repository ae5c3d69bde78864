"""The suites' word lists (data/*.tsv, written by us) as typed rows, and the small arithmetic the templates share.

    >>> words = load_words()
    >>> words.place("Quetta").admin1
    'Balochistan'
    >>> number_words(23)
    'twenty-three'
    >>> last_weekday(date(2025, 5, 8), "Tuesday")   # "on Tuesday" in an article published on Thursday
    datetime.date(2025, 5, 6)

Each TSV file has `#` comment lines saying where its knowledge comes from, then a header row, then one row per
entry. A value with `|` in it is a list.
"""

from __future__ import annotations

import csv
import math
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

__all__ = [
    "Town",
    "District",
    "Region",
    "Country",
    "Village",
    "Group",
    "StateForce",
    "Weapon",
    "CommonNoun",
    "WordLists",
    "load_words",
    "read_rows",
    "number_words",
    "ordinal_words",
    "WEEKDAYS",
    "last_weekday",
    "week_middle",
    "distance_km",
    "fold",
]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Town:
    """A town or city, with the coordinates we know it by (good to a few km)."""

    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    capital: str  # "country", "admin1" or ""


@dataclass(frozen=True)
class District:
    """A second-level unit as reporters name it ("Kech district"), with the first-level unit holding it."""

    name: str
    unit: str
    admin1: str
    country: str
    seat: str  # the admin1 capital (a Town name), or "" when we do not list it

    @property
    def named(self) -> str:
        """The district as a reporter writes it: "Kech district", "Beni territory"."""
        return f"{self.name} {self.unit}"


@dataclass(frozen=True)
class Region:
    """A first-level unit (province, state, region) and the other spellings of its name."""

    name: str
    unit: str
    country: str
    seat: str
    spellings: tuple[str, ...]
    alone: bool = True  # False: kept only as a district's parent (named by itself, it is not resolved)

    @property
    def named(self) -> str:
        """The unit as a reporter writes it: "Balochistan province", "Borno state"."""
        return f"{self.name} {self.unit}"

    @property
    def all_spellings(self) -> tuple[str, ...]:
        return (self.name, *self.spellings)


@dataclass(frozen=True)
class Country:
    """A country the suites place events in: its adjective, its area and the foreign cities that report on it."""

    name: str
    demonym: str
    area: str
    hubs: tuple[str, ...]


@dataclass(frozen=True)
class Village:
    """A made-up village name that no gazetteer knows, and the area whose names it imitates."""

    name: str
    area: str


@dataclass(frozen=True)
class Group:
    """A non-state armed group: its name as written, its members, its ACLED names and where it fights."""

    name: str
    members: str
    acled: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True)
class StateForce:
    """A state's forces as reporters name them by adjective ("Russian", "Saudi-led coalition")."""

    adjective: str
    country: str
    acled: tuple[str, ...]
    theatres: tuple[str, ...]
    air_only: bool = False  # reported only by its air strikes (a coalition's jets, never its artillery)


@dataclass(frozen=True)
class Weapon:
    """How a report names a weapon, its verb ("a roadside bomb" "exploded") and the ACLED event type."""

    phrase: str
    verb: str
    event_type: str


@dataclass(frozen=True)
class CommonNoun:
    """A sentence that uses a place name (`word`) as something else; `{town}` is the incident's town."""

    word: str
    sentence: str


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of data/<name> as dicts keyed by its header (comment lines skipped)."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@dataclass(frozen=True)
class WordLists:
    """Every word list the suites draw from, in file order."""

    towns: tuple[Town, ...]
    districts: tuple[District, ...]
    regions: tuple[Region, ...]
    countries: tuple[Country, ...]
    villages: tuple[Village, ...]
    groups: tuple[Group, ...]
    state_forces: tuple[StateForce, ...]
    weapons: tuple[Weapon, ...]
    commons: tuple[CommonNoun, ...]

    def place(self, name: str) -> Town:
        """The town called `name`.

        Raises:
            KeyError: no such town in places.tsv.
        """
        for town in self.towns:
            if town.name == name:
                return town
        raise KeyError(name)

    @property
    def named_regions(self) -> tuple[Region, ...]:
        """The first-level units the suites may name by themselves."""
        return tuple(r for r in self.regions if r.alone)

    def region(self, name: str, country: str) -> Region | None:
        """The first-level unit `name` of `country`, or None when regions.tsv does not list it."""
        for region in self.regions:
            if region.name == name and region.country == country:
                return region
        return None

    def country(self, name: str) -> Country:
        """The row of countries.tsv for `name`.

        Raises:
            KeyError: no such country in countries.tsv.
        """
        for country in self.countries:
            if country.name == name:
                return country
        raise KeyError(name)

    def towns_in(self, country: str, *, capitals: bool = True) -> tuple[Town, ...]:
        """The towns of `country` (without its national capital when `capitals` is False)."""
        return tuple(t for t in self.towns if t.country == country and (capitals or t.capital != "country"))

    def capital_of(self, country: str) -> Town | None:
        """The national capital of `country`, when places.tsv lists it."""
        return next((t for t in self.towns if t.country == country and t.capital == "country"), None)

    def villages_for(self, country: str) -> tuple[Village, ...]:
        """Made-up villages whose names fit `country`'s area (all of them when none does)."""
        area = self.country(country).area
        fitting = tuple(v for v in self.villages if v.area == area)
        return fitting or self.villages


@lru_cache(maxsize=1)
def load_words() -> WordLists:
    """Read every word list once per process."""
    return WordLists(
        towns=tuple(
            Town(r["name"], r["country"], r["admin1"], float(r["latitude"]), float(r["longitude"]), r["capital"])
            for r in read_rows("places.tsv")
        ),
        districts=tuple(
            District(r["name"], r["unit"], r["admin1"], r["country"], r["seat"]) for r in read_rows("districts.tsv")
        ),
        regions=tuple(
            Region(r["name"], r["unit"], r["country"], r["seat"], _split(r["spellings"]), r["alone"] != "no")
            for r in read_rows("regions.tsv")
        ),
        countries=tuple(
            Country(r["country"], r["demonym"], r["area"], _split(r["hubs"])) for r in read_rows("countries.tsv")
        ),
        villages=tuple(Village(r["name"], r["area"]) for r in read_rows("villages.tsv")),
        groups=tuple(
            Group(r["name"], r["members"], _split(r["acled"]), _split(r["countries"])) for r in read_rows("groups.tsv")
        ),
        state_forces=tuple(
            StateForce(r["adjective"], r["country"], _split(r["acled"]), _split(r["theatres"]), r["arms"] == "air")
            for r in read_rows("state_forces.tsv")
        ),
        weapons=tuple(Weapon(r["phrase"], r["verb"], r["event_type"]) for r in read_rows("weapons.tsv")),
        commons=tuple(CommonNoun(r["word"], r["sentence"]) for r in read_rows("commons.tsv")),
    )


_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
             "twelve": "twelfth"}  # fmt: skip


def number_words(n: int) -> str:
    """0-999 in words as news writes them: 7 "seven", 23 "twenty-three", 140 "one hundred and forty".

    Raises:
        ValueError: n outside 0-999.
    """
    if not 0 <= n <= 999:
        raise ValueError(f"number_words takes 0-999, not {n}")
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")


def ordinal_words(n: int) -> str:
    """1-99 as an ordinal word: 1 "first", 10 "tenth", 21 "twenty-first"."""
    words = number_words(n)
    head, sep, last = words.rpartition("-")
    if last in _ORDINALS:
        last = _ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def last_weekday(published: date, weekday: str) -> date:
    """The latest day on or before `published` that falls on `weekday` (how "on Tuesday" reads in news)."""
    back = (published.weekday() - WEEKDAYS.index(weekday)) % 7
    return published - timedelta(days=back)


def week_middle(day: date, weeks_back: int = 1) -> tuple[date, date]:
    """The middle days (Wednesday, Thursday) of the Monday-Sunday week `weeks_back` weeks before `day`'s week.

    ACLED codes an event known only by its week to the middle of that week (time_precision 2); a Monday-Sunday
    week has no single middle day, so both are accepted.
    """
    monday = day - timedelta(days=day.weekday()) - timedelta(weeks=weeks_back)
    return monday + timedelta(days=2), monday + timedelta(days=3)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, "the" dropped: how the checks compare names.

    "Democratic Republic of the Congo" and "Democratic Republic of Congo" fold alike; so do "Nad 'Ali" and
    "Nad Ali".
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = ["".join(ch for ch in word if ch.isalnum()) for word in plain.split()]
    return "".join(w for w in words if w and w != "the")
