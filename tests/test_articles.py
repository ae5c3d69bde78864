"""Gold tests on whole articles: the seed (from ../shared) and our own articles in tests/articles.

Scored with ../shared/tools/score_events.py, the project's event scorer; skipped where ../shared is absent
(a user's clone). The floors sit a little below the current scores: they guard against regressions, and
BENCHMARKS.md carries the actual numbers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.pipeline import extract_article
from sitrep.read import read_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_events.py"
SEED = SHARED / "seeds" / "000_7271363c37294f42.txt"
ARTICLES = ROOT / "tests" / "articles"

needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score_events.py is not present")

# article stem -> lowest acceptable score (see BENCHMARKS.md for the current figures)
FLOORS = {
    "001_mogadishu_truck_bomb": 0.7,
    "002_uman_missile_strike": 0.8,
    "004_kenya_finance_bill_protests": 0.9,
    "005_chibok_abduction": 0.9,
    "006_karabakh_ceasefire_arrest": 0.9,
    "007_burkina_djibo_convoys": 0.8,
    "009_myanmar_pazigyi_airstrike": 0.8,
    "010_pakistan_bannu_lakki": 0.95,
    # issue 15, fatalities (i15f): tolls these articles now get right
    "021_tripoli_armed_group_clashes": 0.8,
    "039_sudan_kordofan_darfur_roundup": 0.9,
    "056_belgorod_shelling": 0.6,
    "067_juliaca_airport_clashes": 0.95,
}


def score(gold: Path, article_path: Path, tmp_path: Path) -> dict[str, float]:
    events = [e.to_dict() for a in read_paths([article_path]) for e in extract_article(a)]
    pred = tmp_path / f"{article_path.stem}.jsonl"
    pred.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred)], capture_output=True, text=True, check=True
    )
    last = out.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)", last)}


@needs_scorer
@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not in ../shared")
def test_articles_seed_scores_and_has_no_false_positive(tmp_path):
    result = score(SEED.with_suffix("").with_suffix(".gold.json"), SEED, tmp_path)
    assert result["score"] >= 0.85
    assert result["fp"] == 0


@needs_scorer
@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_articles_written_by_us_stay_above_their_floor(stem, tmp_path):
    result = score(ARTICLES / f"{stem}.gold.json", ARTICLES / f"{stem}.txt", tmp_path)
    assert result["score"] >= FLOORS[stem], result


def test_articles_non_violent_story_yields_no_violent_event():
    article = next(read_paths([ARTICLES / "008_morocco_world_cup.txt"]))
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
    assert [e.event_type for e in extract_article(article) if e.event_type in violent] == []
