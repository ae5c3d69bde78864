"""Fixtures for gazetteer tests: the fictional in-memory world, a tiny built file, and the real index.

The real index (`real_gazetteer`) is the one `Gazetteer.open()` uses ($SITREP_CACHE or ~/.cache/sitrep); it is
built once (about 20 s) when missing and reused after that.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fictional import fictional_gazetteer
from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.build import build_from
from sitrep.gazetteer.index import MemoryGazetteer, SqliteGazetteer
from sitrep.gazetteer.points import Boundaries, BoundaryUnit
from sitrep.gazetteer.rows import FILE_NAME, CityRow, ContinentRow, CountryRow, GadmUnitRow, SourceData, SubdivisionRow


@pytest.fixture(scope="session")
def fake_gaz() -> MemoryGazetteer:
    return fictional_gazetteer()


@pytest.fixture(scope="session")
def real_gazetteer() -> SqliteGazetteer:
    return Gazetteer.open()


def _square(lon0: float, lat0: float, size: float) -> str:
    ring = [[lon0, lat0], [lon0 + size, lat0], [lon0 + size, lat0 + size], [lon0, lat0 + size], [lon0, lat0]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def tiny_sources() -> SourceData:
    """Hand-made source rows (invented places and coordinates), including bad records the build must skip."""
    return SourceData(
        cities=[
            CityRow(1001, "Avagrad", 10.0, 10.0, "XA", 3_000_000, "01", ("Avagrad City", "Авагpад")),
            CityRow(1002, "Rajorgarh", 11.0, 11.0, "XA", 40_000, "01", ("Rajauri Town",)),
            CityRow(1003, "Punia", 11.5, 11.5, "XA", 28_000, "01", ("Poonia",)),
            CityRow(1004, "Nowhere", 123.0, 10.0, "XA", 5_000, "01", ()),  # latitude out of range
            CityRow(1005, "Farside", 10.0, 999.0, "XA", 5_000, "01", ()),  # longitude out of range
            CityRow(1006, "Nanville", float("nan"), 1.0, "XA", 5_000, "01", ()),  # not a number
            CityRow(1007, "Szohod", 20.0, 20.0, "XB", 1_000_000, "05", ()),
            CityRow(1008, "Turbin", 22.0, 22.0, "XB", 75_000, "02", ()),
            CityRow(1009, "Kalat", 22.5, 22.5, "XB", 20_000, "02", ()),
            CityRow(1010, "Harbourg", 25.0, 25.0, "XB", 60_000, "08", ()),
            # a district named after its seat, which is not its biggest town
            CityRow(1011, "Mirpur", 23.0, 23.0, "XB", 30_000, "02", ()),
            CityRow(1012, "Dadar", 23.5, 23.5, "XB", 50_000, "02", ()),
            # a village whose name is in another script only, in a province with a name in that script
            CityRow(1013, "Малое", 10.5, 10.5, "XA", 800, "01", ()),
            # a district whose seat GeoNames spells another way ("Thenkas", alternate name "Tenkas"), beside a
            # bigger town and a town that merely has the district's name among its alternate names
            CityRow(1014, "Thenkas", 24.0, 24.0, "XB", 10_000, "02", ("Tenkas",)),
            CityRow(1015, "Bigtown", 24.5, 24.5, "XB", 45_000, "02", ()),
            CityRow(1016, "Tenkas-les-Bains", 24.2, 24.2, "XB", 20_000, "02", ("Tenkas",)),
        ],
        subdivisions=[
            SubdivisionRow(1, "Northmark", "XA", 1, gid=2001, code="XA.01", aliases=("Northmark Province", "Нортмарк")),
            SubdivisionRow(2, "Rajor District", "XA", 2, gid=2002, parent=1, aliases=("Rajori",)),
            SubdivisionRow(3, "Punia", "XA", 2, gid=2003, parent=1, aliases=("Poonia",)),
            SubdivisionRow(4, "Baluria", "XB", 1, gid=2004, code="XB.02"),
            SubdivisionRow(5, "Kesh District", "XB", 2, gid=None, parent=4, aliases=("Kesh",)),
            SubdivisionRow(6, "Empty District", "XB", 2, gid=2006, parent=4),  # no city: left out
            SubdivisionRow(7, "Capital Territory", "XB", 1, gid=2007, code="XB.05"),
            # shown by its English name; its own name and initials stay keys
            SubdivisionRow(
                8, "Muḩāfaẓat Bandar", "XB", 1, gid=2008, code="XB.08", aliases=("Harbour Governorate", "Harbour")
            ),
            SubdivisionRow(9, "Mirpur District", "XB", 2, gid=2009, parent=4),
            SubdivisionRow(10, "Tenkas District", "XB", 2, gid=2010, parent=4),
        ],
        city_links={
            1001: (1,),
            1002: (1, 2),
            1003: (1, 3),
            1008: (4, 5),
            1009: (4, 5),
            1010: (8,),
            1011: (4, 9),
            1012: (4, 9),
            1014: (4, 10),
            1015: (4, 10),
            1016: (4, 10),
        },
        countries=[
            CountryRow("XA", "Avaria", 3001, "XAA", 901, "Avagrad", 50_000_000, ("Republic of Avaria",)),
            CountryRow("XB", "Borduria", 3002, "XBB", 902, "Szohod", 200_000_000, ("Bordurian Republic",)),
        ],
        continents=[ContinentRow(4001, "Mesogaea", 15.0, 15.0, 1_000_000_000, ("Mesogaea", "Middle Land"))],
        gadm_units=[
            GadmUnitRow("XBB.2.1_1", "XBB", 2, "Mirpur", ("Baluria",)),  # a town of Baluria already: left out
            GadmUnitRow("XBB.2.2_1", "XBB", 2, "Sibran", ("Baluria",)),  # unknown elsewhere: added
            GadmUnitRow("XBB.2.1.1_1", "XBB", 3, "Tolan", ("Baluria", "Mirpur")),  # at its parent district
            GadmUnitRow("XBB.2.3.1_1", "XBB", 3, "Zerkan", ("Baluria", "Kalat")),  # at its parent's seat
            GadmUnitRow("XBB.2.2.1_1", "XBB", 3, "Ward 4", ("Baluria", "Sibran")),  # a number, not a name
            GadmUnitRow("XBB.9.1_1", "XBB", 2, "Lostvale", ("Atlantis",)),  # province unknown: left out
            GadmUnitRow("XAA.1.1_1", "XAA", 2, "Rajori", ("Northmark",)),  # an alias of Rajor District
            # GADM's own spellings of a town and a district of Baluria, and a sub-district of the respelt town
            GadmUnitRow("XBB.2.4_1", "XBB", 2, "Kallat", ("Baluria",)),
            GadmUnitRow("XBB.2.5_1", "XBB", 2, "Tenkass", ("Baluria",)),
            GadmUnitRow("XBB.2.4.1_1", "XBB", 3, "Dorvan", ("Baluria", "Kallat")),
            # names of two places, one of them a town of ours; a place with its old name; GADM's "no name"
            GadmUnitRow("XBB.2.6_1", "XBB", 2, "Dadar & Velmor", ("Baluria",)),
            GadmUnitRow("XBB.2.7_1", "XBB", 2, "Ostrava (Old Ostrava)", ("Baluria",)),
            GadmUnitRow("XBB.2.8_1", "XBB", 2, "n.a. (386)", ("Baluria",)),
            # a province since merged into Baluria: its known districts all lie there, so it lends it Newvale
            GadmUnitRow("XBB.7.1_1", "XBB", 2, "Kesh", ("Old Tribal Areas",)),
            GadmUnitRow("XBB.7.2_1", "XBB", 2, "Kalat", ("Old Tribal Areas",)),
            GadmUnitRow("XBB.7.3_1", "XBB", 2, "Newvale", ("Old Tribal Areas",)),
            # a region now split between two provinces lends nothing
            GadmUnitRow("XBB.8.1_1", "XBB", 2, "Kesh", ("Old Eastern Region",)),
            GadmUnitRow("XBB.8.2_1", "XBB", 2, "Harbourg", ("Old Eastern Region",)),
            GadmUnitRow("XBB.8.3_1", "XBB", 2, "Splitvale", ("Old Eastern Region",)),
            # a district whose sub-districts are named after towns of Baluria: it lies among them
            GadmUnitRow("XBB.2.9_1", "XBB", 2, "Velkar", ("Baluria",)),
            GadmUnitRow("XBB.2.9.1_1", "XBB", 3, "Turbin", ("Baluria", "Velkar")),
            GadmUnitRow("XBB.2.9.2_1", "XBB", 3, "Kalat", ("Baluria", "Velkar")),
            GadmUnitRow("XBB.2.9.3_1", "XBB", 3, "Orvan", ("Baluria", "Velkar")),  # at Velkar's point
            # a sub-district of Sibran whose wards (level 4) are named after a town of Baluria
            GadmUnitRow("XBB.2.2.2_1", "XBB", 3, "Dunmore", ("Baluria", "Sibran")),
            GadmUnitRow("XBB.2.2.2.1_1", "XBB", 4, "Bigtown", ("Baluria", "Sibran", "Dunmore")),
        ],
        # Natural Earth: Northmark's outline (with a label point inside it) and Borduria's; Baluria has none
        boundaries=Boundaries(
            provinces=[BoundaryUnit("XA", ("Northmark",), gn_id=2001, label=(10.3, 10.4), geometry=_square(9, 9, 2))],
            countries={"XB": _square(18, 18, 8)},
            version="test",
        ),
        versions={"test": "0"},
    )


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / FILE_NAME
    return build_from(tiny_sources(), path)


@pytest.fixture(scope="session")
def tiny_gaz(tiny_db: Path) -> SqliteGazetteer:
    return SqliteGazetteer(tiny_db)
