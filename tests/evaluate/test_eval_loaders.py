"""Loaders on tiny invented files in each dataset's column layout."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError, UnreadableFile
from sitrep.evaluate.datasets import DATASETS, resolve_datasets
from sitrep.evaluate.datasets.acled import clean_notes, map_event_type
from sitrep.evaluate.datasets.gtd import map_attack, map_group, strip_date_stamp
from sitrep.evaluate.datasets.ucdp import headline_text
from sitrep.evaluate.gold import split_of

from .fixtures import NEWS_GOLD, TURBAT_NOTES, write_csv, write_dataset, write_news


def _load(tmp_path, name, **kw):
    write_dataset(tmp_path, name)
    return DATASETS[name].load(tmp_path, **kw)


def test_loaders_acled2020_rows_become_articles_and_gold(tmp_path):
    items = _load(tmp_path, "acled2020")
    assert [it.id for it in items] == ["XPK1001", "XPK1002"]  # XPK1003 shares XPK1001's notes; XPK1004 has none
    turbat = items[0]
    assert turbat.article.id == "acled2020:XPK1001"
    assert turbat.article.text == TURBAT_NOTES.replace(" [size=no report]", "")
    assert turbat.article.published == date(2021, 3, 5)  # the day after the event
    assert turbat.article.source == "Invented Daily"
    assert turbat.meta["row_ids"] == ["XPK1001", "XPK1003"]
    ied, clash = turbat.gold
    assert ied.event_date == date(2021, 3, 4)
    assert (ied.event_type, ied.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert ied.actor1 == "BLA: Baloch Liberation Army" and ied.actor2 == "Military Forces of Pakistan (2018-)"
    assert (ied.country, ied.admin1, ied.location) == ("Pakistan", "Balochistan", "Turbat")
    assert (ied.latitude, ied.longitude, ied.geo_precision, ied.fatalities) == (26.0031, 63.0544, 1, 3)
    assert clash.event_type == "Battles" and clash.geo_precision == 2
    assert items[1].gold[0].actor2 == ""  # ACLED says "no actor2": scored as empty


def test_loaders_acled2015_old_schema_maps_types(tmp_path):
    items = _load(tmp_path, "acled2015")
    gold = {it.id: it.gold[0] for it in items}
    assert gold["9XBN"].event_type == "Battles" and gold["9XBN"].sub_event_type == "Armed clash"
    assert gold["9XBN"].event_date == date(2015, 2, 3)
    assert gold["10XBN"].event_type is None and gold["10XBN"].event_types == {"Protests", "Riots"}
    assert gold["11XBN"].event_type == "Violence against civilians"  # "Violence Against Civilians" spelling
    assert gold["11XBN"].sub_event_type is None and gold["11XBN"].time_precision == 2
    assert gold["12XBN"].event_type == "Explosions/Remote violence" and gold["12XBN"].fatalities is None
    assert "\n" in items[0].article.text  # multi-line passages kept as written


def test_loaders_acled2016_lowercase_layout(tmp_path):
    items = _load(tmp_path, "acled2016")
    first, second = (it.gold[0] for it in items)
    assert (first.event_type, first.sub_event_type) == ("Battles", "Government regains territory")
    assert first.event_date == date(2016, 6, 20) and first.longitude == -4.1827
    assert (second.event_type, second.sub_event_type) == ("Strategic developments", "Non-violent transfer of territory")


@pytest.mark.parametrize(
    ("label", "sub", "expected"),
    [
        ("Battle-No change of territory", None, ("Battles", "Armed clash")),
        ("Battle-Non-state actors overtake territory", None, ("Battles", "Non-state actor overtakes territory")),
        ("Remote violence", None, ("Explosions/Remote violence", None)),
        ("Strategic development", None, ("Strategic developments", None)),
        ("Riots/Protests", None, (None, None)),
        ("Battles", "Air/drone strike", ("Battles", None)),  # sub-type from another family: not scored
        ("Protests", "Peaceful protest", ("Protests", "Peaceful protest")),
        ("Something else", None, (None, None)),
    ],
)
def test_loaders_acled_event_type_mapping(label, sub, expected):
    assert map_event_type(label, sub)[:2] == expected


def test_loaders_acled_clean_notes_strips_coder_tags():
    assert clean_notes("Two shops burnt. [size=no report] [women targeted: vendors]") == "Two shops burnt."
    assert clean_notes("Clashes in [district] continue.") == "Clashes in [district] continue."


def test_loaders_gtd_rows(tmp_path):
    items = _load(tmp_path, "gtd2011")
    bomb, kidnap, assault = (it.gold[0] for it in items)
    assert items[0].article.text.startswith("On Wednesday, a remote-controlled bomb")  # date stamp removed
    assert items[0].article.published == date(2099, 3, 5)
    assert (bomb.event_type, bomb.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert bomb.actor1 == "Unidentified Armed Group (Pakistan)"
    assert bomb.actor2 == "Police Forces of Pakistan"
    assert (bomb.admin1, bomb.location, bomb.fatalities, bomb.geo_precision) == (
        "Khyber Pakhtunkhwa (formerly NWFP)",
        "Bannu",
        2,
        2,
    )
    assert kidnap.event_type == "Violence against civilians"
    assert kidnap.sub_event_type == "Abduction/forced disappearance"
    assert kidnap.location is None and kidnap.fatalities is None and kidnap.actor2 is None
    assert assault.event_date is None and assault.time_precision == 3  # iday 0: day unknown
    assert items[2].article.published == date(2099, 3, 10)  # stamp date + 1
    assert (assault.event_type, assault.actor2) == ("Battles", "Military Forces of Afghanistan")
    assert assault.fatalities is None  # fractional nkill
    assert (assault.latitude, assault.geo_precision) == (31.61, 1)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            (
                "Bombing/Explosion",
                "Private Citizens & Property",
                "Explosives",
                "Suicide (carried bodily by human being)",
            ),
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        (("Bombing/Explosion", "Business", "Explosives", "Grenade"), ("Explosions/Remote violence", "Grenade")),
        (
            ("Bombing/Explosion", "Military", "Explosives", "Projectile (rockets, mortars, RPGs, etc.)"),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (("Bombing/Explosion", "Police", "Explosives", "Unknown Explosive Type"), ("Explosions/Remote violence", None)),
        (
            ("Assassination", "Government (General)", "Explosives", "Sticky Bomb"),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (("Armed Assault", "Police", "Firearms", ""), ("Battles", "Armed clash")),
        (("Armed Assault", "Private Citizens & Property", "Firearms", ""), ("Violence against civilians", "Attack")),
        (("Armed Assault", "Unknown", "Firearms", ""), (None, None)),
        (
            ("Hijacking", "Transportation", "Firearms", ""),
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        (("Hostage Taking (Kidnapping)", "Military", "Firearms", ""), (None, None)),
        (
            ("Facility/Infrastructure Attack", "Educational Institution", "Incendiary", "Arson/Fire"),
            ("Strategic developments", "Looting/property destruction"),
        ),
        (("Unknown", "Unknown", "Unknown", ""), (None, None)),
    ],
)
def test_loaders_gtd_attack_mapping(args, expected):
    assert map_attack(*args)[:2] == expected


def test_loaders_gtd_kills_in_facility_attack_are_not_property_destruction():
    assert map_attack("Facility/Infrastructure Attack", "Business", "Incendiary", "", False, 3)[0] is None


def test_loaders_gtd_group_and_stamp():
    assert map_group("Gunmen", "Iraq") == "Unidentified Armed Group (Iraq)"
    assert map_group("Boko Haram", "Nigeria") == "Boko Haram"
    assert strip_date_stamp("12/31/2099 (Default date): On Friday, x.") == ("On Friday, x.", date(2099, 12, 31))
    assert strip_date_stamp("No stamp here.") == ("No stamp here.", None)


def test_loaders_ucdp_rows(tmp_path):
    items = _load(tmp_path, "ucdp")
    assert [it.id for it in items] == ["9900001", "9900002"]  # the row without a headline is skipped
    raid, massacre = items
    assert raid.article.text == "Four militants killed in Bajaur raid."
    assert raid.article.published == date(2099, 3, 5)  # source_date
    g = raid.gold[0]
    assert (g.actor1, g.actor2, g.actors_ordered) == ("Government of Pakistan", "TTP", False)
    assert (g.event_date, g.event_date_end, g.time_precision) == (date(2099, 3, 4), None, 1)
    assert g.event_types == {"Battles", "Explosions/Remote violence"}
    assert (g.admin1, g.location, g.geo_precision, g.fatalities) == ("Khyber Pakhtunkwa province", "Khar town", 1, 4)
    m = massacre.gold[0]
    assert massacre.article.text == "GUNMEN KILL SIX VILLAGERS IN NORTH."
    assert massacre.article.published == date(2099, 3, 8)
    assert (m.event_date_end, m.time_precision, m.geo_precision) == (date(2099, 3, 6), 2, 3)
    assert m.event_types == {"Violence against civilians", "Explosions/Remote violence"}


def test_loaders_ucdp_headline_text_variants():
    assert headline_text("A; B;A", None) == "A.\nB."
    assert headline_text(None, "Wire 1/2/2099 Five soldiers killed in ambush") == "Five soldiers killed in ambush."
    assert headline_text(None, "Radio, in Dari 0630 gmt 14 Aug 99") == ""


def test_loaders_case2021_rows(tmp_path):
    items = _load(tmp_path, "case2021")
    assert [it.id for it in items] == ["1", "2", "3"]  # unknown code skipped
    strike, flood, protest = items
    assert strike.gold[0].sub_event_type == "Air/drone strike"
    assert strike.gold[0].event_type == "Explosions/Remote violence"
    assert strike.article.published is None
    assert flood.gold == [] and flood.meta == {"label": "NATURAL_DISASTER", "unseen": True}
    assert protest.gold[0].event_type == "Protests" and protest.meta["unseen"] is False


def test_loaders_split_is_stable_and_roughly_seventy_thirty():
    splits = [split_of("acled2020", f"ROW{i}") for i in range(2000)]
    assert splits == [split_of("acled2020", f"ROW{i}") for i in range(2000)]
    assert 0.66 < splits.count("tune") / len(splits) < 0.74


def test_loaders_split_filter_and_limit(tmp_path):
    write_dataset(tmp_path, "case2021")
    spec = DATASETS["case2021"]
    tune, held = spec.load(tmp_path, split="tune"), spec.load(tmp_path, split="held")
    assert sorted(it.id for it in tune + held) == ["1", "2", "3"]
    assert all(it.split == "tune" for it in tune) and all(it.split == "held" for it in held)
    assert len(spec.load(tmp_path, limit=2)) == 2
    with pytest.raises(ValueError, match="split"):
        spec.load(tmp_path, split="dev")


def test_loaders_missing_file_and_wrong_layout(tmp_path):
    with pytest.raises(UnreadableFile):
        DATASETS["gtd2011"].load(tmp_path)
    write_csv(tmp_path / "eval" / "gtd-2011-sample" / "gtd_2011_sample.csv", ["a", "b"], [{"a": 1, "b": 2}])
    with pytest.raises(InputError, match="missing columns"):
        DATASETS["gtd2011"].load(tmp_path)


def test_loaders_dataset_names_and_aliases():
    assert resolve_datasets("acled") == ["acled2020", "acled2015", "acled2016"]
    assert resolve_datasets("gtd-2011-sample") == ["gtd2011"]
    assert resolve_datasets("wikinews-dev") == ["wikinews"]
    assert resolve_datasets("news") == ["wikinews", "articles", "seed"]
    assert resolve_datasets(None) == list(DATASETS)
    with pytest.raises(ValueError, match="unknown dataset"):
        resolve_datasets("acled1999")


def test_loaders_news_collection_gives_each_article_its_gold(tmp_path):
    write_news(tmp_path)
    items = DATASETS["wikinews"].load(tmp_path)
    assert [it.id for it in items] == ["x01_turbat_ied", "x03_quetta_trial", "x05_sibi_strike"]
    assert [it.split for it in items] == ["tune", "tune", "held"]  # split_of("wikinews-dev", stem)
    turbat, trial, sibi = items
    assert turbat.article.published == date(2021, 3, 5)
    assert turbat.article.title == "Roadside bomb kills three soldiers in Balochistan"
    assert turbat.article.text.startswith("QUETTA, Pakistan - A roadside bomb")
    assert [e.id for e in turbat.news_gold.events] == ["turbat_ied"] and turbat.gold == []
    assert trial.news_gold.events == () and trial.news_gold.violent_types[0] == "Battles"
    assert [e.id for e in sibi.news_gold.optional] == ["kohlu_raid"]
    assert [it.id for it in DATASETS["wikinews"].load(tmp_path, split="held")] == ["x05_sibi_strike"]


def test_loaders_news_pairs_read_each_gold_file(tmp_path):
    write_news(tmp_path)
    (item,) = DATASETS["seed"].load(tmp_path)
    assert item.id == "000_seed" and item.split == "tune"
    (event,) = item.news_gold.events
    assert event.fatalities == (2,) and event.countries == ("Pakistan",) and event.articles == ()


def test_loaders_news_bad_files_are_named(tmp_path):
    gold_file = write_news(tmp_path)
    (tmp_path / "seeds" / "000_seed.gold.json").unlink()
    with pytest.raises(UnreadableFile, match=r"000_seed\.gold\.json"):
        DATASETS["seed"].load(tmp_path)
    (tmp_path / "seeds" / "000_seed.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"000_seed\.gold\.json:1: not valid JSON"):
        DATASETS["seed"].load(tmp_path)
    broken = {**NEWS_GOLD, "events": [{**NEWS_GOLD["events"][0], "articles": ["x99_missing.txt"]}]}
    gold_file.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError, match="turbat_ied names no article"):
        DATASETS["wikinews"].load(tmp_path)


def test_loaders_articles_dataset_is_the_repository_folder():
    spec = DATASETS["articles"]
    assert spec.path(Path("/nowhere")) == Path(__file__).resolve().parents[1] / "articles"
    items = spec.load(Path("/nowhere"))
    assert items and all(item.news_gold is not None for item in items)
    assert {item.split for item in items} == {"tune", "held"}
    assert all(item.split == split_of("articles", item.id) for item in items)
