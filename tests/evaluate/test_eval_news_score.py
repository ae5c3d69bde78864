"""news_score: the seed scorer's rules, on invented gold, and the same numbers as ../shared/tools/score_events.py.

The equality tests run the shared tool in-process on the same records (made from the gold by random changes of
date, type, place, actor and toll, plus stray records), for the whole of wikinews-dev and each of its parts, and
article by article for its tune part, the seed and tests/articles. They never print a held article or its gold.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import random
import re
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate.datasets import DATASETS
from sitrep.evaluate.news_gold import NewsGold, NewsGoldEvent, merge_news_gold
from sitrep.evaluate.news_score import record_matches, score_news, why_missed, why_unmatched
from sitrep.evaluate.runner import find_shared_dir

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
IED = NewsGoldEvent(
    id="turbat_ied",
    dates=(date(2021, 3, 4),),
    event_types=("Explosions/Remote violence",),
    sub_event_types=("Remote explosive/landmine/IED",),
    actor1=("baloch liberation army", "bla"),
    countries=("Pakistan",),
    admin1=("balochistan",),
    locations=("turbat", "kech"),
    latitude=26.0031,
    longitude=63.0544,
    radius_km=30,
    fatalities=(3,),
)


def record(**changes: Any) -> dict[str, Any]:
    """A record that gets every check of IED right, with some fields changed."""
    base = {
        "event_date": "2021-03-04",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "actor1": "BLA: Baloch Liberation Army",
        "assoc_actor_1": "",
        "country": "Pakistan",
        "admin1": "Balochistan",
        "admin2": "Kech",
        "location": "Turbat",
        "latitude": 26.0031,
        "longitude": 63.0544,
        "fatalities": 3,
    }
    return {**base, **changes}


def gold(*events: NewsGoldEvent, optional: tuple[NewsGoldEvent, ...] = ()) -> NewsGold:
    return NewsGold(events=events, optional=optional, violent_types=VIOLENT)


def test_news_score_perfect_record():
    score = score_news(gold(IED), [record()])
    assert (score.score, score.recall, score.fields, score.fp, score.records) == (1.0, 1.0, 1.0, 0, 1)
    assert score.outcomes[0].status == "OK" and score.line() == "score 1.00 recall 1.00 fields 1.00 fp 0 events 1"


@pytest.mark.parametrize(
    ("changes", "matches"),
    [
        ({"event_date": "2021-03-05"}, True),  # one day off still matches (the date check then fails)
        ({"event_date": "2021-03-06"}, False),
        ({"location": "Hoshab", "admin2": "", "latitude": 26.02, "longitude": 63.9}, False),  # 85 km, no name
        ({"location": "Hoshab", "admin2": "", "latitude": 26.0, "longitude": 63.3}, True),  # 25 km: inside 30
        ({"location": "Somewhere in Kech", "admin2": "", "latitude": None, "longitude": None}, True),  # by name
        ({"event_type": "Protests"}, True),  # a place and a day are enough where the gold has a place
    ],
)
def test_news_score_what_matches(changes, matches):
    assert record_matches(IED, record(**changes)) is matches


def test_news_score_checks_fail_one_by_one():
    score = score_news(gold(IED), [record(event_date="2021-03-05", fatalities=5, actor1="Unidentified Armed Group")])
    assert score.outcomes[0].wrong == ["actor1", "date", "fatalities"]
    assert score.fields == pytest.approx(3 / 6)


def test_news_score_place_needs_distance_and_admin1():
    far_in_radius = record(latitude=26.0, longitude=63.32)  # 26.6 km: matches (radius 30) but not within 25 km
    assert score_news(gold(IED), [far_in_radius]).outcomes[0].wrong == ["place"]
    assert score_news(gold(IED), [record(admin1="Sindh")]).outcomes[0].wrong == ["place"]


def test_news_score_a_miss_costs_six_checks_and_recall():
    other = replace(IED, id="other", dates=(date(2021, 3, 20),))
    score = score_news(gold(IED, other), [record()])
    assert score.recall == 0.5 and score.fields == 0.5 and [o.status for o in score.outcomes] == ["OK", "MISS"]


def test_news_score_group_sums_its_records():
    group = replace(IED, group=True, fatalities=(), fatalities_sum_range=(3, 4))
    two = [record(fatalities=1), record(fatalities=2, location="Kech")]
    assert score_news(gold(group), two).fields == 1.0
    assert score_news(gold(group), [*two, record(fatalities=2)]).outcomes[0].wrong == ["fatalities"]


def test_news_score_must_be_single():
    single = replace(IED, must_be_single=True)
    score = score_news(gold(single), [record(fatalities=0), record()])
    # the best record is the right type with the higher toll; two records fail "single"
    assert score.outcomes[0].wrong == ["single"] and score.outcomes[0].checks_made == 7


def test_news_score_best_record_is_the_first_of_equals():
    score = score_news(gold(IED), [record(sub_event_type="Grenade"), record()])
    assert score.outcomes[0].wrong == ["sub_event_type"]


def test_news_score_event_without_place_matches_by_type_and_checks_country():
    agreement = replace(
        IED, id="deal", event_types=("Strategic developments",), sub_event_types=("Agreement",), latitude=None,
        longitude=None, locations=(), admin1=(), fatalities=(0,),
    )  # fmt: skip
    deal = record(event_type="Strategic developments", sub_event_type="Agreement", fatalities=0, location="Lahore")
    assert score_news(gold(agreement), [deal]).fields == 1.0
    assert not record_matches(agreement, record())


def test_news_score_false_positives_only_for_violent_types_and_after_optional():
    kohlu = NewsGoldEvent(id="kohlu", dates=(date(2021, 3, 4),), locations=("kohlu",), latitude=29.9, longitude=69.25)
    stray = record(location="Kohlu", admin2="", latitude=29.9, longitude=69.25)
    protest = record(event_type="Protests", location="Lahore", admin2="", latitude=31.55, longitude=74.34)
    battle = record(event_type="Battles", location="Lahore", admin2="", latitude=31.55, longitude=74.34)
    score = score_news(gold(IED, optional=(kohlu,)), [record(), stray, protest, battle])
    assert score.absorbed == {1: "kohlu"}
    assert [fp.record for fp in score.false_positives] == [3]
    assert score.score == pytest.approx(0.95)
    assert "nearest optional kohlu" in score.false_positives[0].reason and "km away" in score.false_positives[0].reason


def test_news_score_no_event_to_code():
    """The shared tool divides by zero here; we score recall 1.0 and fields 1.0, and still count false positives."""
    assert score_news(gold(), []).score == 1.0
    score = score_news(gold(), [record(), record(event_type="Protests")])
    assert (score.recall, score.fields, score.fp, score.score) == (1.0, 1.0, 1, 0.95)
    assert score.false_positives[0].reason == "the gold has no event here"
    assert score.records_per_incident is None


def test_news_score_fp_penalty_stops_at_half():
    score = score_news(gold(IED), [record(), *[record(event_date="2021-04-01")] * 12])
    assert score.fp == 12 and score.score == 0.5


def test_news_score_reasons_name_the_failure():
    assert "3 days from 2021-03-04" in why_unmatched(record(event_date="2021-03-07"), gold(IED))
    assert why_missed(IED, []) == "no record extracted"
    assert "nearest record 0 (Explosions/Remote violence at 'Hoshab" in why_missed(
        IED, [record(location="Hoshab", admin2="", latitude=26.02, longitude=63.9)]
    )


# --- the same numbers as ../shared/tools/score_events.py ---------------------------------------------------------

SHARED = find_shared_dir()
SCORER = SHARED / "tools" / "score_events.py" if SHARED else None
needs_scorer = pytest.mark.skipif(
    SCORER is None or not SCORER.exists(), reason="../shared/tools/score_events.py is not present"
)


@pytest.fixture(scope="module")
def shared_scorer():
    """The shared tool, loaded as a module: main() reads sys.argv and prints its findings."""
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tool_result(scorer, gold_data: dict[str, Any], records: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    """What the tool prints for these records: the numbers of its last line (or only the false positives, where
    it divides by zero on an empty gold list) and each gold event's verdict."""
    gold_file, pred_file = tmp_path / "gold.json", tmp_path / "pred.jsonl"
    gold_file.write_text(json.dumps(gold_data), encoding="utf-8")
    pred_file.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = io.StringIO()
    argv = sys.argv
    sys.argv = ["score_events.py", str(gold_file), str(pred_file)]
    try:
        with contextlib.redirect_stdout(out):
            scorer.main()
        last = out.getvalue().strip().splitlines()[-1]
    except ZeroDivisionError:
        last = None
    finally:
        sys.argv = argv
    lines = out.getvalue().splitlines()
    verdicts = {}
    for line in lines:
        found = re.match(r"(OK|PART)\s+(\S+): \d+ event\(s\); wrong: (.*)$", line) or re.match(r"(MISS)\s+(\S+)$", line)
        if found:
            wrong = found.group(3) if found.lastindex == 3 else "-"
            verdicts[found.group(2)] = (found.group(1), [] if wrong == "-" else wrong.split(", "))
    return {"last": last, "fp": sum(line.startswith("FP ") for line in lines), "verdicts": verdicts}


def our_result(gold_data: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    from sitrep.evaluate.news_gold import parse_news_gold

    score = score_news(parse_news_gold(gold_data, "gold"), records)
    return {
        "last": score.line() if score.incidents else None,
        "fp": score.fp,
        "verdicts": {o.gold.id: (o.status, o.wrong) for o in score.outcomes},
    }


def perturbed_records(events: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """Records made from gold events by random changes (some right, some off by a day, a place, a type, a toll),
    and a few stray ones: enough variety to exercise every rule of the scorer."""
    types = [*VIOLENT, "Protests", "Strategic developments"]
    out: list[dict[str, Any]] = []
    for event in events:
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
            day = date.fromisoformat(rng.choice(event["date"])) + timedelta(days=rng.choice([0, 0, 0, 1, -1, 2, 5]))
            lat, lon = event.get("lat"), event.get("lon")
            if lat is not None and rng.random() < 0.5:
                lat, lon = lat + rng.uniform(-1.5, 1.5), lon + rng.uniform(-1.5, 1.5)
            names = event.get("location") or ["nowhere"]
            toll = (event.get("fatalities") or [rng.randint(0, 5)])[0]
            out.append(
                {
                    "event_date": day.isoformat(),
                    "event_type": rng.choice([*(event.get("event_type") or ["Battles"]), rng.choice(types)]),
                    "sub_event_type": rng.choice([*(event.get("sub_event_type") or ["Attack"]), "Armed clash"]),
                    "actor1": rng.choice([*(event.get("actor1") or ["x"]), "Unidentified Armed Group"]).title(),
                    "assoc_actor_1": "",
                    "country": rng.choice([event.get("country") or "", "Nowhere"])
                    if isinstance(event.get("country"), str)
                    else "Nowhere",
                    "admin1": rng.choice([*(event.get("admin1") or ["x"]), "Elsewhere"]).title(),
                    "admin2": "",
                    "location": rng.choice([*names, "Elsewhere"]).title() if rng.random() < 0.6 else "",
                    "latitude": lat if rng.random() < 0.9 else None,
                    "longitude": lon,
                    "fatalities": rng.choice([toll, toll, toll + rng.randint(1, 9), 0]),
                }
            )
    for _ in range(rng.randint(0, 3)):
        out.append(
            {
                "event_date": (date(2019, 1, 1) + timedelta(days=rng.randint(0, 3000))).isoformat(),
                "event_type": rng.choice(types),
                "sub_event_type": "Attack",
                "actor1": "Unidentified Armed Group",
                "country": "Nowhere",
                "admin1": "Elsewhere",
                "location": "Elsewhere",
                "latitude": rng.uniform(-40, 60),
                "longitude": rng.uniform(-100, 140),
                "fatalities": rng.randint(0, 9),
            }
        )
    rng.shuffle(out)
    return out


def wikinews_gold() -> dict[str, Any]:
    path = DATASETS["wikinews"].path(SHARED) if SHARED else None
    if path is None or not path.exists():
        pytest.skip("../shared/eval/wikinews-dev is not present")
    return json.loads(path.read_text(encoding="utf-8"))


def collection_part(data: dict[str, Any], stems: set[str]) -> dict[str, Any]:
    """The gold of some articles of a collection, in the collection's format."""

    def mine(event: dict[str, Any]) -> bool:
        return any(a.removesuffix(".txt") in stems for a in event["articles"])

    return {
        **data,
        "events": [e for e in data["events"] if mine(e)],
        "optional": [e for e in data["optional"] if mine(e)],
    }


def article_records(data: dict[str, Any], stems: list[str], seed: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    return {
        stem: perturbed_records(
            [e for e in data["events"] + data["optional"] if stem in {a.removesuffix(".txt") for a in e["articles"]}],
            rng,
        )
        for stem in stems
    }


@needs_scorer
@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("part", ["all", "tune", "held"])
def test_news_score_equals_the_shared_tool_on_wikinews(shared_scorer, tmp_path, part, seed):
    data = wikinews_gold()
    stems = sorted(p.stem for p in (DATASETS["wikinews"].path(SHARED).parent / "articles").glob("*.txt"))
    items = DATASETS["wikinews"].load(SHARED, split=part)
    chosen = {item.id for item in items}
    assert chosen <= set(stems)
    records = article_records(data, sorted(chosen), seed)
    pooled = [r for stem in sorted(chosen) for r in records[stem]]
    part_data = collection_part(data, chosen)
    ours, tools = our_result(part_data, pooled), tool_result(shared_scorer, part_data, pooled, tmp_path)
    # compared as lines and counts, so that a failure on the held part shows no gold row or article name
    assert ours["last"] == tools["last"]
    same_verdicts = ours["verdicts"] == tools["verdicts"]
    assert same_verdicts
    # and the gold merged from the articles' own parts is the collection's
    merged = merge_news_gold(item.news_gold for item in items)
    assert score_news(merged, pooled).line() == ours["last"]


@needs_scorer
@pytest.mark.parametrize("seed", [4, 5])
def test_news_score_equals_the_shared_tool_article_by_article(shared_scorer, tmp_path, seed):
    data = wikinews_gold()
    tune = sorted(item.id for item in DATASETS["wikinews"].load(SHARED, split="tune"))
    records = article_records(data, tune, seed)
    compared = 0
    for stem in tune:
        part = collection_part(data, {stem})
        ours, tools = our_result(part, records[stem]), tool_result(shared_scorer, part, records[stem], tmp_path)
        assert ours == tools, stem
        compared += 1
    assert compared == len(tune) == 78


@needs_scorer
@pytest.mark.parametrize("dataset", ["articles", "seed"])
def test_news_score_equals_the_shared_tool_on_our_articles_and_the_seed(shared_scorer, tmp_path, dataset):
    spec = DATASETS[dataset]
    if not spec.path(SHARED).exists():
        pytest.skip(f"{spec.path(SHARED)} is not present")
    rng = random.Random(7)
    items = spec.load(SHARED)
    assert items
    for item in items:
        data = json.loads((spec.path(SHARED) / f"{item.id}.gold.json").read_text(encoding="utf-8"))
        for _ in range(3):
            records = perturbed_records(data["events"] + data.get("optional", []), rng)
            ours, tools = our_result(data, records), tool_result(shared_scorer, data, records, tmp_path)
            assert ours == tools, item.id


@pytest.mark.slow
@needs_scorer
def test_news_score_equals_the_shared_tool_on_sitreps_records(shared_scorer, tmp_path):
    """The pipeline's own records for all of wikinews-dev (one extraction, about 25 s): the table's numbers are the
    tool's last line, and each tune article's row is the tool's verdict on that article alone."""
    from sitrep.evaluate.runner import default_extractor, evaluate_news_items

    data = wikinews_gold()
    extract, many = default_extractor()
    report, results = evaluate_news_items(
        "wikinews", DATASETS["wikinews"].load(SHARED), extractor=extract, extract_many=many
    )
    pooled = [record for result in results for record in result.records]
    row = {label: value for label, _, value in report.rows()}
    line = (
        f"score {row['score']:.2f} recall {row['recall']:.2f} fields {row['fields']:.2f} "
        f"fp {int(row['false positives'])} events {int(row['records'])}"
    )
    assert line == tool_result(shared_scorer, data, pooled, tmp_path)["last"]
    for result in results:
        if result.item.split != "tune":
            continue
        part = collection_part(data, {result.item.id})
        tools = tool_result(shared_scorer, part, result.records, tmp_path)
        assert our_result(part, result.records) == tools, result.item.id
