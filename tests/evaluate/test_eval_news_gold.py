"""news_gold: reading seed-format gold files, with errors that name the event and the key."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.evaluate.news_gold import merge_news_gold, parse_news_gold

from .fixtures import NEWS_GOLD, SEED_GOLD


def test_news_gold_reads_every_field():
    gold = parse_news_gold(NEWS_GOLD, "gold.json")
    turbat, sibi = gold.events
    assert turbat.dates == (date(2021, 3, 4),) and turbat.articles == ("x01_turbat_ied",)
    assert turbat.countries == ("Pakistan",) and turbat.radius_km == 30.0 and turbat.fatalities == (3,)
    assert sibi.group and sibi.fatalities_sum_range == (4, 4) and sibi.fatalities == ()
    (kohlu,) = gold.optional
    assert kohlu.event_types == () and kohlu.latitude == 29.9
    assert gold.no_event_articles == ("x03_quetta_trial.txt",)
    assert turbat.summary()["fatalities"] == [3] and sibi.summary()["fatalities_sum_range"] == [4, 4]


def test_news_gold_for_article_and_merge():
    gold = parse_news_gold(NEWS_GOLD, "gold.json")
    assert [e.id for e in gold.for_article("x05_sibi_strike").events] == ["sibi_strikes"]
    assert gold.for_article("x03_quetta_trial").events == ()
    merged = merge_news_gold([gold.for_article("x01_turbat_ied"), parse_news_gold(SEED_GOLD, "seed")])
    assert [e.id for e in merged.events] == ["turbat_ied", "quetta_police"]
    assert merged.violent_types == gold.violent_types


def test_news_gold_null_lists_are_empty():
    event = {**SEED_GOLD["events"][0], "admin1": None, "lat": None, "lon": None}
    (parsed,) = parse_news_gold({"events": [event]}, "g").events
    assert parsed.admin1 == () and parsed.latitude is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": ["4 March"]}, "quetta_police.*date '4 March' is not YYYY-MM-DD"),
        ({"lat": 30.0, "lon": None}, "lat and lon must both be numbers or both be null"),
        ({"fatalities": [2.5]}, "fatalities must be whole numbers"),
        ({"actor1": "gunmen"}, "actor1 must be a list"),
        ({"fatalities_sum_range": [1]}, r"fatalities_sum_range must be \[low, high\]"),
        ({"lat": "30"}, "lat must be a number or null"),
    ],
)
def test_news_gold_bad_values_are_named(change, message):
    with pytest.raises(InputError, match=message):
        parse_news_gold({"events": [{**SEED_GOLD["events"][0], **change}]}, "g.json")


def test_news_gold_missing_keys_are_listed():
    event = {k: v for k, v in SEED_GOLD["events"][0].items() if k not in ("admin1", "fatalities")}
    with pytest.raises(InputError, match=r"g.json \(event quetta_police\): missing admin1, fatalities"):
        parse_news_gold({"events": [event]}, "g.json")
    with pytest.raises(InputError, match="not a gold file"):
        parse_news_gold([], "g.json")
