"""Tiny invented datasets in the real files' column layouts (headers only are shared; every row is made up).

`write_shared(root)` lays them out as <root>/eval/<folder>/<file>, the way ../shared is laid out, so the
runner can be tested without the licensed data.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

ACLED_2020_COLUMNS = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3"
).split(",")
ACLED_2015_COLUMNS = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,"
    "ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,"
    "NOTES,FATALITIES"
).split(",")
ACLED_2016_COLUMNS = (
    ",actor1,actor2,admin1,admin2,admin3,ally_actor_1,ally_actor_2,country,data_id,event_date,event_id_cnty,"
    "event_id_no_cnty,event_type,fatalities,geo_precision,gwno,inter1,inter2,interaction,latitude,location,longitude,"
    "notes,source,time_precision,year"
).split(",")
GTD_COLUMNS = (
    "eventid,iyear,imonth,iday,approxdate,extended,resolution,country,country_txt,region,region_txt,provstate,city,"
    "latitude,longitude,specificity,vicinity,location,summary,crit1,crit2,crit3,doubtterr,alternative,alternative_txt,"
    "multiple,success,suicide,attacktype1,attacktype1_txt,attacktype2,attacktype2_txt,attacktype3,attacktype3_txt,"
    "targtype1,targtype1_txt,corp1,target1,natlty1,natlty1_txt,targtype2,targtype2_txt,corp2,target2,natlty2,"
    "natlty2_txt,targtype3,targtype3_txt,corp3,target3,natlty3,natlty3_txt,gname,gsubname,gname2,gsubname2,gname3,"
    "gsubname3,motive,guncertain1,guncertain2,guncertain3,nperps,nperpcap,claimed,claimmode,claimmode_txt,claim2,"
    "claimmode2,claimmode2_txt,claim3,claimmode3,claimmode3_txt,compclaim,weaptype1,weaptype1_txt,weapsubtype1,"
    "weapsubtype1_txt,weaptype2,weaptype2_txt,weapsubtype2,weapsubtype2_txt,weaptype3,weaptype3_txt,weapsubtype3,"
    "weapsubtype3_txt,weaptype4,weaptype4_txt,weapsubtype4,weapsubtype4_txt,weapdetail,nkill,nkillus,nkillter,nwound,"
    "nwoundus,nwoundte,property,propextent,propextent_txt,propvalue,propcomment,ishostkid,nhostkid,nhostkidus,nhours,"
    "ndays,divert,kidhijcountry,ransom,ransomamt,ransomamtus,ransompaid,ransompaidus,ransomnote,hostkidoutcome,"
    "hostkidoutcome_txt,nreleased,addnotes,scite1,scite2,scite3,dbsource"
).split(",")
UCDP_COLUMNS = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
    "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,"
    "low,gwnoa,gwnob"
).split(",")
CASE_COLUMNS = ["id", "EventSnippet", "SubType"]

TURBAT_NOTES = (
    "On 4 March 2021, three soldiers were killed when a roadside bomb planted by BLA militants hit their vehicle "
    "near Turbat (Kech, Balochistan). [size=no report]"
)

ACLED_2020_ROWS: list[dict[str, Any]] = [
    {
        "event_id_cnty": "XPK1001", "event_date": "4-Mar-21", "year": 2021, "time_precision": 1,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
        "actor1": "BLA: Baloch Liberation Army", "actor2": "Military Forces of Pakistan (2018-)",
        "country": "Pakistan", "admin1": "Balochistan", "admin2": "Kech", "location": "Turbat",
        "latitude": "26.0031", "longitude": "63.0544", "geo_precision": 1, "source": "Invented Daily",
        "notes": TURBAT_NOTES, "fatalities": 3,
    },
    {
        "event_id_cnty": "XPK1002", "event_date": "6-Mar-21", "year": 2021, "time_precision": 1,
        "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Pakistan)",
        "country": "Pakistan", "admin1": "Punjab", "admin2": "Lahore", "location": "Lahore",
        "latitude": "31.5497", "longitude": "74.3436", "geo_precision": 1,
        "notes": "On 6 March 2021, traders held a peaceful protest in Lahore (Punjab) against new taxes. "
        "[size=around 200]",
        "fatalities": 0,
    },
    {   # same notes as XPK1001: the same text reports a second event
        "event_id_cnty": "XPK1003", "event_date": "4-Mar-21", "year": 2021, "time_precision": 1,
        "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Pakistan (2018-)", "actor2": "BLA: Baloch Liberation Army",
        "country": "Pakistan", "admin1": "Balochistan", "location": "Turbat",
        "latitude": "26.0031", "longitude": "63.0544", "geo_precision": 2, "notes": TURBAT_NOTES, "fatalities": 0,
    },
    {"event_id_cnty": "XPK1004", "event_date": "7-Mar-21", "event_type": "Riots", "sub_event_type": "Mob violence",
     "actor1": "Rioters (Pakistan)", "notes": ""},  # no notes: skipped
]  # fmt: skip

ACLED_2015_ROWS: list[dict[str, Any]] = [
    {
        "EVENT_ID_CNTY": "9XBN", "EVENT_DATE": "03-February-2015", "YEAR": 2015, "TIME_PRECISION": 1,
        "EVENT_TYPE": "Battle-No change of territory", "ACTOR1": "Unidentified Armed Group (Bangladesh)",
        "ACTOR2": "Police Forces of Bangladesh", "COUNTRY": "Bangladesh", "ADMIN1": "Khulna", "LOCATION": "Jessore",
        "LATITUDE": "23.17", "LONGITUDE": "89.21", "GEO_PRECISION": 1, "SOURCE": "Invented News",
        "NOTES": "Jessore, Feb 4 - Two policemen were hurt when\nunknown gunmen fired on a checkpost on Tuesday night.",
        "FATALITIES": 0,
    },
    {
        "EVENT_ID_CNTY": "10XBN", "EVENT_DATE": "05-February-2015", "YEAR": 2015, "TIME_PRECISION": 1,
        "EVENT_TYPE": "Riots/Protests", "ACTOR1": "Protesters (Bangladesh)", "COUNTRY": "Bangladesh",
        "ADMIN1": "Dhaka", "LOCATION": "Dhaka", "LATITUDE": "23.71", "LONGITUDE": "90.41", "GEO_PRECISION": 1,
        "NOTES": "Students formed a human chain in Dhaka on Thursday demanding safer roads.", "FATALITIES": 0,
    },
    {
        "EVENT_ID_CNTY": "11XBN", "EVENT_DATE": "06-February-2015", "YEAR": 2015, "TIME_PRECISION": 2,
        "EVENT_TYPE": "Violence Against Civilians", "ACTOR1": "Unidentified Armed Group (Bangladesh)",
        "ACTOR2": "Civilians (Bangladesh)", "COUNTRY": "Bangladesh", "ADMIN1": "Rajshahi", "LOCATION": "Natore",
        "LATITUDE": "24.41", "LONGITUDE": "88.98", "GEO_PRECISION": 2,
        "NOTES": "A farmer was hacked to death in Natore last week.", "FATALITIES": 1,
    },
    {
        "EVENT_ID_CNTY": "12XBN", "EVENT_DATE": "07-February-2015", "EVENT_TYPE": "Remote violence",
        "ACTOR1": "Unidentified Armed Group (Bangladesh)", "COUNTRY": "Bangladesh", "ADMIN1": "Chittagong",
        "LOCATION": "Feni", "GEO_PRECISION": 3, "NOTES": "Crude bombs went off near a bus stand in Feni.",
        "FATALITIES": "",
    },
]  # fmt: skip

ACLED_2016_ROWS: list[dict[str, Any]] = [
    {
        "": 0, "actor1": "Military Forces of Mali (2013-)", "actor2": "Unidentified Armed Group (Mali)",
        "admin1": "Mopti", "country": "Mali", "event_date": "2016-06-20", "event_id_cnty": "9901XMA",
        "event_type": "Battle-Government regains territory", "fatalities": 2, "geo_precision": 1,
        "latitude": "14.4843", "location": "Mopti", "longitude": "-4.1827",
        "notes": "Soldiers retook a checkpoint outside Mopti on 20 June; two attackers died.", "time_precision": 1,
    },
    {
        "": 1, "actor1": "Unidentified Armed Group (Mali)", "admin1": "Mopti", "country": "Mali",
        "event_date": "2016-06-21", "event_id_cnty": "9902XMA", "event_type": "Non-violent transfer of territory",
        "fatalities": 0, "geo_precision": 2, "latitude": "14.9", "location": "Konna", "longitude": "-3.9",
        "notes": "Armed men moved into Konna without resistance after troops withdrew.", "time_precision": 1,
    },
]  # fmt: skip

GTD_ROWS: list[dict[str, Any]] = [
    {
        "eventid": "209903040001", "iyear": 2099, "imonth": 3, "iday": 4, "country_txt": "Pakistan",
        "region_txt": "South Asia", "provstate": "Khyber Pakhtunkhwa (formerly NWFP)", "city": "Bannu",
        "summary": "03/04/2099: On Wednesday, a remote-controlled bomb struck a police van in Bannu, Khyber "
        "Pakhtunkhwa, Pakistan, killing two officers. No group claimed responsibility.",
        "suicide": 0, "attacktype1_txt": "Bombing/Explosion", "targtype1_txt": "Police", "natlty1_txt": "Pakistan",
        "gname": "Unknown", "weaptype1_txt": "Explosives/Bombs/Dynamite", "weapsubtype1_txt": "Remote Trigger",
        "nkill": 2, "nwound": 1,
    },
    {
        "eventid": "209903050002", "iyear": 2099, "imonth": 3, "iday": 5, "country_txt": "India",
        "provstate": "Chhattisgarh", "city": "Unknown",
        "summary": "03/05/2099: Suspected Maoists abducted a village headman in Chhattisgarh, India.",
        "suicide": 0, "attacktype1_txt": "Hostage Taking (Kidnapping)", "targtype1_txt": "Government (General)",
        "natlty1_txt": "India", "gname": "Communist Party of India - Maoist (CPI-M)", "weaptype1_txt": "Firearms",
        "nkill": "-99",
    },
    {
        "eventid": "209903000003", "iyear": 2099, "imonth": 3, "iday": 0, "approxdate": "March 2099",
        "country_txt": "Afghanistan", "provstate": "Kandahar", "city": "Kandahar",
        "summary": "03/09/2099 (Default Date): Gunmen attacked an army post in Kandahar, Afghanistan.",
        "suicide": 0, "attacktype1_txt": "Armed Assault", "targtype1_txt": "Military", "natlty1_txt": "Afghanistan",
        "gname": "Taliban", "weaptype1_txt": "Firearms", "weapsubtype1_txt": "Automatic Weapon", "nkill": "1.5",
        "latitude": "31.61", "longitude": "65.71", "specificity": 1,
    },
]  # fmt: skip

UCDP_ROWS: list[dict[str, Any]] = [
    {
        "id": "9900001", "type_of_violence": 1, "side_a": "Government of Pakistan", "side_b": "TTP",
        "source_article": '"Invented Wire,2099-03-05,Four militants killed in Bajaur raid"',
        "source_office": "Invented Wire", "source_date": "2099-03-05",
        "source_headline": "Four militants killed in Bajaur raid", "where_prec": 1,
        "where_coordinates": "Khar town", "adm_1": "Khyber Pakhtunkwa province", "latitude": "34.73",
        "longitude": "71.52", "country": "Pakistan", "date_start": "2099-03-04 00:00:00",
        "date_end": "2099-03-04 00:00:00", "best": 4,
    },
    {
        "id": "9900002", "type_of_violence": 3, "side_a": "IS", "side_b": "Civilians",
        "source_article": 'Invented Agency 2099-03-08 "GUNMEN KILL SIX VILLAGERS IN NORTH',
        "where_prec": 4, "where_coordinates": "Raqqa governorate", "adm_1": "Ar Raqqah governorate",
        "latitude": "35.9", "longitude": "38.9", "country": "Syria", "date_start": "2099-03-02 00:00:00",
        "date_end": "2099-03-06 00:00:00", "best": 6,
    },
    {
        "id": "9900003", "type_of_violence": 2, "side_a": "Cartel A", "side_b": "Cartel B",
        "source_article": "Invented Radio, in Spanish 0600 gmt 9 Mar 99", "country": "Mexico",
        "date_start": "2099-03-08 00:00:00", "date_end": "2099-03-08 00:00:00", "best": 2,
    },  # no headline: skipped
]  # fmt: skip

CASE_ROWS: list[dict[str, Any]] = [
    {"id": 1, "EventSnippet": "Jets bombed a rebel depot outside the town, killing four.", "SubType": "AIR_STRIKE"},
    {"id": 2, "EventSnippet": "Floods displaced thousands of families along the river.", "SubType": "NATURAL_DISASTER"},
    {"id": 3, "EventSnippet": "Students marched peacefully to the ministry.", "SubType": "PEACE_PROTEST"},
    {"id": 4, "EventSnippet": "Something happened.", "SubType": "NOT_A_CODE"},  # unknown code: skipped
]  # fmt: skip

LAYOUT = {
    "acled2020": ("acled-2020-05-sample", "acled_2020_05_sample.csv", ACLED_2020_COLUMNS, ACLED_2020_ROWS, ","),
    "acled2015": ("acled-asia-2015-sample", "acled_asia_2015_sample.csv", ACLED_2015_COLUMNS, ACLED_2015_ROWS, ","),
    "acled2016": ("acled-africa-2016-07", "acled_africa_2016_07.csv", ACLED_2016_COLUMNS, ACLED_2016_ROWS, ","),
    "gtd2011": ("gtd-2011-sample", "gtd_2011_sample.csv", GTD_COLUMNS, GTD_ROWS, ","),
    "ucdp": ("ucdp-ged-2023-sample", "ucdp_ged_sample_1000.csv", UCDP_COLUMNS, UCDP_ROWS, ","),
    "case2021": ("case2021-task2", "test_set_final_release_with_labels.tsv", CASE_COLUMNS, CASE_ROWS, "\t"),
}


def write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]], delimiter: str = ",") -> Path:
    """Write rows (missing cells empty) under the given header, the way the real files are written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=delimiter, restval="")
        writer.writeheader()
        for row in rows:
            unknown = set(row) - set(columns)
            assert not unknown, f"fixture row has columns the layout lacks: {unknown}"
            writer.writerow(row)
    return path


def write_dataset(root: Path, name: str) -> Path:
    """Write one invented dataset where the runner expects it under `root`; returns the file path."""
    folder, filename, columns, rows, delimiter = LAYOUT[name]
    return write_csv(root / "eval" / folder / filename, columns, rows, delimiter)


# An invented wikinews-dev: two tune articles (x01 with one event, x03 with none) and one held (x05).
NEWS_ARTICLES = {
    "x01_turbat_ied": (
        "date 2021-03-05 Roadside bomb kills three soldiers in Balochistan\n\n"
        "QUETTA, Pakistan - A roadside bomb killed three soldiers near Turbat in Kech district on Thursday, "
        "officials said. The Baloch Liberation Army said it planted the bomb.\n"
    ),
    "x03_quetta_trial": (
        "date 2021-03-06 Court hears case over 2019 market bombing\n\n"
        "QUETTA, Pakistan - A court in Quetta on Saturday heard the case of two men accused of a market bombing "
        "that killed 20 people in 2019.\n"
    ),
    "x05_sibi_strike": (
        "date 2021-03-08 Air strikes hit hideouts near Sibi\n\n"
        "SIBI, Pakistan - Military jets struck hideouts near Sibi on Sunday, killing four militants, the army "
        "said. A separate raid was reported in Kohlu.\n"
    ),
}
NEWS_GOLD = {
    "_doc": "invented gold for the invented articles above",
    "events": [
        {"id": "turbat_ied", "articles": ["x01_turbat_ied.txt"], "date": ["2021-03-04"],
         "event_type": ["Explosions/Remote violence"], "sub_event_type": ["Remote explosive/landmine/IED"],
         "actor1": ["baloch liberation army", "bla"], "country": "Pakistan", "admin1": ["balochistan"],
         "location": ["turbat", "kech"], "lat": 26.0031, "lon": 63.0544, "radius_km": 30, "fatalities": [3]},
        {"id": "sibi_strikes", "articles": ["x05_sibi_strike.txt"], "group": True, "date": ["2021-03-07"],
         "event_type": ["Explosions/Remote violence"], "sub_event_type": ["Air/drone strike"],
         "actor1": ["military forces of pakistan"], "country": "Pakistan", "admin1": ["balochistan"],
         "location": ["sibi"], "lat": 29.54, "lon": 67.88, "radius_km": 40, "fatalities_sum_range": [4, 4]},
    ],
    "optional": [
        {"id": "kohlu_raid", "articles": ["x05_sibi_strike.txt"], "date": ["2021-03-07"], "location": ["kohlu"],
         "lat": 29.90, "lon": 69.25, "radius_km": 40},
    ],
    "no_violent_events_in": ["x03_quetta_trial.txt"],
    "violent_types": ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"],
}  # fmt: skip
# An invented seed article (its stem falls in the tune split of "seed").
SEED_TEXT = (
    "date 2021-03-09 Gunmen kill two police officers in Quetta\n\n"
    "Gunmen on motorcycles shot dead two police officers in Quetta on Monday, police said.\n"
)
SEED_GOLD = {
    "events": [
        {"id": "quetta_police", "date": ["2021-03-08"], "event_type": ["Violence against civilians", "Battles"],
         "sub_event_type": ["Attack", "Armed clash"], "actor1": ["unidentified", "gunmen"], "country": "Pakistan",
         "admin1": ["balochistan"], "location": ["quetta"], "lat": 30.19, "lon": 67.01, "fatalities": [2]},
    ],
    "violent_types": ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"],
}  # fmt: skip


def write_news(root: Path) -> Path:
    """Write the invented wikinews-dev collection and seed under `root`; returns the collection's gold file."""
    folder = root / "eval" / "wikinews-dev"
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    for stem, text in NEWS_ARTICLES.items():
        (folder / "articles" / f"{stem}.txt").write_text(text, encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(NEWS_GOLD), encoding="utf-8")
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "000_seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (seeds / "000_seed.gold.json").write_text(json.dumps(SEED_GOLD), encoding="utf-8")
    return folder / "gold.json"


def write_shared(root: Path) -> Path:
    """A fake shared directory with every invented dataset (not geowebnews); returns `root`."""
    for name in LAYOUT:
        write_dataset(root, name)
    write_news(root)
    return root
