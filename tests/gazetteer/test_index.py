"""Querying the gazetteer: the lookup rules on the fictional fake, then gold lookups on the real index."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitrep.gazetteer.index import Candidate, Gazetteer, MemoryGazetteer, SqliteGazetteer, load_demonyms

# ----------------------------------------------------------------------------------------- fake world


def names(cands: list[Candidate]) -> list[str]:
    return [c.name for c in cands]


def test_lookup_is_case_and_accent_insensitive(fake_gaz: MemoryGazetteer) -> None:
    assert names(fake_gaz.lookup("BAHRAMPUR"))[0] == "Bahrampur"
    assert names(fake_gaz.lookup("Bahrāmpur"))[0] == "Bahrampur"


def test_lookup_memo_hands_out_a_new_list_each_time(fake_gaz: MemoryGazetteer) -> None:
    first = fake_gaz.lookup("Bahrampur")
    first.clear()  # a caller changing its answer changes no later answer
    assert fake_gaz.lookup("Bahrampur") == fake_gaz.lookup("bahrampur") != []
    assert fake_gaz.lookup("Northmerk", respell=False) == [] != fake_gaz.lookup("Northmerk")


def test_lookup_puts_exact_names_before_alternate_names(fake_gaz: MemoryGazetteer) -> None:
    cands = fake_gaz.lookup("Bahrampur")
    assert (cands[0].name, cands[0].match) == ("Bahrampur", "name")
    assert (cands[-1].name, cands[-1].match) == ("Bahranagar", "alt")


def test_lookup_handles_unit_words(fake_gaz: MemoryGazetteer) -> None:
    assert names(fake_gaz.lookup("Kesh District")) == ["Kesh District"]
    kesh = fake_gaz.lookup("Kesh")
    assert kesh[0].name == "Kesh District" and kesh[0].match == "alias"
    assert "Ketsch" in names(kesh)
    assert fake_gaz.lookup("Baluria province")[0].name == "Baluria"
    assert fake_gaz.lookup("Rajori District")[0].name == "Rajor"


def test_lookup_filters_by_country(fake_gaz: MemoryGazetteer) -> None:
    assert names(fake_gaz.lookup("Kesh", country="XC")) == ["Ketsch"]
    assert names(fake_gaz.lookup("Kesh", country="Cisalpia")) == ["Ketsch"]
    assert fake_gaz.lookup("Kesh", country="Atlantis") == []


@pytest.mark.parametrize("bad", ["", " ", "x" * 500, "Київ", "لاہور", "!!!", "12345"])
def test_lookup_returns_nothing_for_bad_names(fake_gaz: MemoryGazetteer, bad: str) -> None:
    assert fake_gaz.lookup(bad) == []


def test_country_by_name_code_alias_and_demonym(fake_gaz: MemoryGazetteer) -> None:
    assert fake_gaz.country("Borduria").iso2 == "XB"  # type: ignore[union-attr]
    assert fake_gaz.country("XB").iso2 == "XB"  # type: ignore[union-attr]
    assert fake_gaz.country("Bordurian Republic").iso2 == "XB"  # type: ignore[union-attr]
    assert fake_gaz.country("Atlantis") is None
    assert fake_gaz.country("") is None


def test_admin_units_of_goes_up_the_chain(fake_gaz: MemoryGazetteer) -> None:
    turbin = fake_gaz.lookup("Turbin")[0]
    assert names(fake_gaz.admin_units_of(turbin)) == ["Kesh District", "Baluria", "Borduria"]
    assert names(fake_gaz.admin_units_of(fake_gaz.country("XB"))) == []  # type: ignore[arg-type]


def test_contains(fake_gaz: MemoryGazetteer) -> None:
    kesh, baluria, borduria = (fake_gaz.lookup(n)[0] for n in ("Kesh District", "Baluria", "Borduria"))
    turbin = fake_gaz.lookup("Turbin")[0]
    assert kesh.contains(turbin) and baluria.contains(turbin) and borduria.contains(turbin)
    assert not kesh.contains(fake_gaz.lookup("Qettar")[0])


def test_nearest(fake_gaz: MemoryGazetteer) -> None:
    assert fake_gaz.nearest(22.1, 22.1).name == "Turbin"  # type: ignore[union-attr]
    assert fake_gaz.nearest(-60.0, -60.0) is None


def test_demonym_table_covers_the_un_members() -> None:
    table = load_demonyms()
    for word, iso2 in [
        ("pakistani", "PK"),
        ("indian", "IN"),
        ("nigerian", "NG"),
        ("sudanese", "SD"),
        ("ukrainian", "UA"),
        ("russian", "RU"),
        ("israeli", "IL"),
        ("palestinian", "PS"),
        ("afghan", "AF"),
        ("somali", "SO"),
        ("somalis", "SO"),
        ("burmese", "MM"),
        ("congolese", "CD"),
        ("ivorian", "CI"),
    ]:
        assert table[word] == iso2
    assert len(set(table.values())) >= 193


# ----------------------------------------------------------------------------------------- real index


def test_real_open_reads_no_data() -> None:
    """Opening the gazetteer and a first lookup read no data into memory: a few MB besides the interpreter and
    the package, where the index file is over 100 MB (measured in a fresh process). Its speed is measured by
    bench/gazetteer_open.py, not here."""
    Gazetteer.open()  # build first if missing, outside the measured process
    # Peak RSS from /proc (VmHWM): ru_maxrss would include the pytest parent's memory inherited over fork+exec.
    code = (
        "import resource;from sitrep.gazetteer import Gazetteer;g=Gazetteer.open();g.lookup('Quetta')\n"
        "try:\n rss=int([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])\n"
        "except OSError:\n rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(rss)"
    )
    rss_kb = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert rss_kb < 300 * 1024, f"max RSS {rss_kb / 1024:.0f} MB"


@pytest.mark.parametrize(
    ("query", "country", "expect"),
    [
        # Admin units are shown by their English names, without unit words ("Poonch", not "Poonch District").
        ("Poonch", None, {("Pūnch", "city", "IN"), ("Poonch", "admin2", "IN"), ("Poonch", "admin2", "PK")}),
        ("Rajouri", None, {("Rajauri", "admin2", "IN")}),
        ("Kech", "PK", {("Kech", "admin2", "PK")}),
        ("Jammu and Kashmir", "PK", {("Azad Jammu and Kashmir", "admin1", "PK")}),
    ],
)
def test_real_lookup_gold(
    real_gazetteer: SqliteGazetteer, query: str, country: str | None, expect: set[tuple[str, str, str]]
) -> None:
    got = {(c.name, c.feature, c.iso2) for c in real_gazetteer.lookup(query, country=country)}
    assert expect <= got


@pytest.mark.parametrize(
    ("former", "province"),
    [("North-West Frontier Province", "Khyber Pakhtunkhwa"), ("NWFP", "Khyber Pakhtunkhwa"), ("Orissa", "Odisha")],
)
def test_real_former_province_names(real_gazetteer: SqliteGazetteer, former: str, province: str) -> None:
    top = real_gazetteer.lookup(former)[0]  # data/unit_aliases.tsv
    assert (top.name, top.feature, top.match) == (province, "admin1", "alias")


def test_real_lookup_exact_before_alternate(real_gazetteer: SqliteGazetteer) -> None:
    cands = real_gazetteer.lookup("Bahawalpur")
    assert (cands[0].name, cands[0].gazetteer_id, cands[0].match) == ("Bahawalpur", "1183880", "name")
    assert any(c.name == "Bahawalnagar" and c.match == "alt" for c in cands)


def test_real_district_codes_to_main_town(real_gazetteer: SqliteGazetteer) -> None:
    kech = real_gazetteer.lookup("Kech District")[0]
    assert (kech.gazetteer_id, kech.admin1, kech.town) == ("1163052", "Balochistan", "Turbat")
    turbat = real_gazetteer.get(kech.town_id)  # type: ignore[arg-type]
    assert turbat is not None and (turbat.lat, turbat.lon) == (kech.lat, kech.lon)


def test_real_city_admin_chain(real_gazetteer: SqliteGazetteer) -> None:
    pahalgam = real_gazetteer.lookup("Pahalgam")[0]
    assert (pahalgam.gazetteer_id, pahalgam.admin1, pahalgam.admin2, pahalgam.iso2) == (
        "1260880",
        "Jammu and Kashmir",
        "Anantnag",
        "IN",
    )
    units = real_gazetteer.admin_units_of(real_gazetteer.lookup("Muridke")[0])
    assert [(u.name, u.feature) for u in units] == [
        ("Shekhupura", "admin2"),
        ("Punjab", "admin1"),
        ("Pakistan", "country"),
    ]


@pytest.mark.parametrize(
    ("word", "iso2"),
    [
        ("Pakistani", "PK"),
        ("Indian", "IN"),
        ("Nigerian", "NG"),
        ("Sudanese", "SD"),
        ("Ukrainian", "UA"),
        ("Russian", "RU"),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("Afghan", "AF"),
        ("Somali", "SO"),
        ("Burma", "MM"),
        ("Ivory Coast", "CI"),
        ("DRC", "CD"),
        ("UK", "GB"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("Korea", "KR"),
        ("Türkiye", "TR"),
        ("PK", "PK"),
    ],
)
def test_real_country(real_gazetteer: SqliteGazetteer, word: str, iso2: str) -> None:
    c = real_gazetteer.country(word)
    assert c is not None and c.iso2 == iso2 and c.feature == "country"


def test_real_country_numeric_and_capital(real_gazetteer: SqliteGazetteer) -> None:
    pk = real_gazetteer.country("Pakistan")
    assert pk is not None and (pk.iso, pk.gazetteer_id, pk.town) == (586, "1168579", "Islamabad")


# ----------------------------------------------------------------------------------------- fallbacks


def test_lookup_unit_word_falls_back_to_the_town(fake_gaz: MemoryGazetteer) -> None:
    # No district is called Qalat; "Qalat district" is then named after its town.
    assert {c.gazetteer_id for c in fake_gaz.lookup("Qalat district")} == {"141", "251"}


def test_lookup_respells_transliterations(fake_gaz: MemoryGazetteer) -> None:
    got = fake_gaz.lookup("Northmerk")
    assert [(c.name, c.match) for c in got] == [("Northmark", "skeleton")]
    assert fake_gaz.lookup("Northmerk", respell=False) == []
    assert fake_gaz.lookup("Northmarkistan") == []  # another name, not a spelling


def test_lookup_drops_an_article_the_index_lacks(fake_gaz: MemoryGazetteer) -> None:
    assert [c.name for c in fake_gaz.lookup("al-Bahranagar")] == ["Bahranagar"]
