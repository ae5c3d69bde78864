"""How good is a GADM district's point when it is the centre of the towns among its sub-units?

    .venv/bin/python bench/gadm_member_points.py [--gazetteer FILE]

A district only GADM knows has no coordinates; the build places it at the centre of its sub-units that are
towns we know (`sitrep.gazetteer.points.members_centre`), else at its parent's point. This checks the rule on
the districts that GADM and GeoNames both know (same name, same province), where GeoNames gives the district's
seat: it applies the same rule to GADM's sub-units of each such district and prints how far the centre lies
from the seat, beside how far the fallbacks (the province's point, the province's main town) lie from it.
The seat is not the district's centre, and sub-units named after the seat pull the centre towards it, so the
distances are an upper bound for the spread and a lower bound for nothing: read them as a sanity check.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
from collections import Counter, defaultdict

from sitrep.gazetteer import Gazetteer
from sitrep.gazetteer.names import fold
from sitrep.gazetteer.points import distance_km, members_centre
from sitrep.gazetteer.sources import load_gadm


def describe(values: list[float]) -> str:
    values = sorted(values)
    share = lambda km: sum(v <= km for v in values) / len(values)  # noqa: E731
    return (
        f"n {len(values)}, median {statistics.median(values):.0f} km, 75th percentile "
        f"{values[int(0.75 * len(values))]:.0f} km, within 25 km {share(25):.2f}, within 50 km {share(50):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gazetteer", help="the built gazetteer file (default: Gazetteer.open()'s)")
    args = parser.parse_args()
    path = args.gazetteer or str(Gazetteer.open().path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    iso2_of = dict(con.execute("SELECT iso3, iso2 FROM country"))
    province: dict[tuple[str, str], int] = {}
    for pid, iso2, key in con.execute(
        "SELECT p.id, p.iso2, n.key FROM name n JOIN place p ON p.id = n.place_id WHERE p.feature = 'admin1' "
        "AND n.kind <= 1"
    ):
        province.setdefault((iso2, key), pid)
    province_points = {
        pid: ((lat, lon), (tlat, tlon))
        for pid, lat, lon, tlat, tlon in con.execute(
            "SELECT p.id, p.lat, p.lon, t.lat, t.lon FROM place p JOIN place t ON t.id = p.town_id "
            "WHERE p.feature = 'admin1'"
        )
    }
    seats = {
        (admin1, fold(name)): (lat, lon)
        for admin1, name, lat, lon in con.execute(
            "SELECT admin1_id, name, lat, lon FROM place WHERE feature = 'admin2' AND point = 'town' AND ref IS NULL"
        )
    }
    towns = {  # the biggest town of each name in each province, as the build takes it
        (admin1, key): (lat, lon)
        for key, admin1, lat, lon in con.execute(
            "SELECT n.key, p.admin1_id, p.lat, p.lon FROM name n JOIN place p ON p.id = n.place_id "
            "WHERE p.feature = 'city' AND n.kind = 0 ORDER BY p.population"
        )
    }
    units = load_gadm((2, 3))
    sub_units: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for unit in units:
        if unit.level == 3:
            sub_units[(unit.iso3, unit.path)].append(unit.name)
    centre_km: list[float] = []
    province_km: list[float] = []
    town_km: list[float] = []
    counts: Counter[str] = Counter()
    for unit in units:
        admin1 = province.get((iso2_of.get(unit.iso3, ""), fold(unit.path[0]))) if unit.level == 2 else None
        seat = seats.get((admin1, fold(unit.name))) if admin1 is not None else None
        if seat is None or admin1 not in province_points:
            continue
        counts["districts both know"] += 1
        members = [
            towns[(admin1, fold(s))]
            for s in sub_units[(unit.iso3, (*unit.path, unit.name))]
            if (admin1, fold(s)) in towns
        ]
        centre = members_centre(members)
        if centre is None:
            continue
        counts["with a centre"] += 1
        centre_km.append(distance_km(centre, seat))
        point, town = province_points[admin1]
        province_km.append(distance_km(point, seat))
        town_km.append(distance_km(town, seat))
    print(dict(counts))
    print("centre of the sub-units' towns -> the district's seat:", describe(centre_km))
    print("the province's point           -> the district's seat:", describe(province_km))
    print("the province's main town       -> the district's seat:", describe(town_km))


if __name__ == "__main__":
    main()
