"""The loaders on the real gold files in ../shared (skipped when absent). Nothing from them is stored here."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from sitrep.evaluate.datasets import DATASETS
from sitrep.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

pytestmark = pytest.mark.needs_shared

_EVENT_DATASETS = ("acled2020", "acled2015", "acled2016", "gtd2011", "ucdp")


def _first(real_shared: Path, name: str, n: int = 5):
    path = DATASETS[name].path(real_shared)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    items = DATASETS[name].load(real_shared, limit=n)
    assert len(items) == n
    return items


def _check_gold(gold, *, needs_place: bool = True) -> None:
    assert gold.source_id
    assert isinstance(gold.event_date, date) or gold.time_precision == 3
    assert gold.event_types <= set(EVENT_TYPES)
    assert gold.event_type is None or gold.event_type in gold.event_types
    assert gold.sub_event_type is None or SUB_EVENT_TYPES[gold.sub_event_type] == gold.event_type
    assert gold.fatalities is None or gold.fatalities >= 0
    if needs_place:
        assert gold.country
    if gold.latitude is not None:
        assert -90 <= gold.latitude <= 90 and -180 <= gold.longitude <= 180


@pytest.mark.parametrize("name", _EVENT_DATASETS)
def test_shared_first_rows_parse(real_shared, name):
    for item in _first(real_shared, name):
        assert item.article.text.strip() and item.article.id.startswith(f"{name}:")
        assert item.split in ("tune", "held")
        assert isinstance(item.article.published, date)
        assert item.gold
        for gold in item.gold:
            _check_gold(gold)
            assert gold.actor1


def test_shared_case2021_first_rows_parse(real_shared):
    for item in _first(real_shared, "case2021"):
        assert item.article.text.strip()
        assert item.meta["unseen"] is (not item.gold)
        for gold in item.gold:
            _check_gold(gold, needs_place=False)
            assert gold.sub_event_type in SUB_EVENT_TYPES


@pytest.mark.parametrize("name", ["acled2020", "acled2015", "acled2016"])
def test_shared_acled_every_type_label_maps(real_shared, name):
    items = DATASETS[name].load(real_shared) if DATASETS[name].path(real_shared).exists() else pytest.skip("absent")
    unmapped = Counter(g.raw_type for it in items for g in it.gold if not g.event_types)
    assert not unmapped


def test_shared_gtd_types_mostly_map(real_shared):
    if not DATASETS["gtd2011"].path(real_shared).exists():
        pytest.skip("absent")
    golds = [g for it in DATASETS["gtd2011"].load(real_shared) for g in it.gold]
    exact = sum(g.event_type is not None for g in golds)
    assert exact / len(golds) > 0.85


def test_shared_wikinews_parts_and_gold(real_shared):
    spec = DATASETS["wikinews"]
    if not spec.path(real_shared).exists():
        pytest.skip("wikinews-dev is absent")
    items = spec.load(real_shared)
    assert len(items) == 104 and Counter(item.split for item in items) == {"tune": 78, "held": 26}
    assert sum(len(item.news_gold.events) for item in items) == 97
    assert sum(len(item.news_gold.optional) for item in items) == 21
    assert sum(not item.news_gold.events for item in items) == 28
    assert all(isinstance(item.article.published, date) and item.article.title for item in items)


def test_shared_case2021_every_label_known(real_shared):
    path = DATASETS["case2021"].path(real_shared)
    if not path.exists():
        pytest.skip("absent")
    with open(path, newline="", encoding="utf-8") as f:  # the loader raises the csv field limit when imported
        rows = sum(1 for _ in csv.DictReader(f, delimiter="\t"))
    items = DATASETS["case2021"].load(real_shared)
    assert sum(len(it.meta.get("row_ids", [it.id])) for it in items) == rows


_WINDOW = 60
_TEXT_SUFFIXES = {".py", ".md", ".txt", ".json", ".jsonl", ".csv", ".tsv", ".cfg"}


def _window(text: str) -> str | None:
    """60 characters starting at the 4th word of a normalised text (None for short texts)."""
    words = text.split()
    if len(words) < 10:
        return None
    tail = " ".join(words[3:])
    return tail[:_WINDOW] if len(tail) >= _WINDOW else None


def test_shared_no_gold_text_in_repository(real_shared):
    """ACLED/GTD terms: no row text may be committed, nor the seed's or wikinews-dev's articles. Look for a passage
    of each inside the repo's files."""
    repo = Path(__file__).resolve().parents[2]
    windows: set[str] = set()
    for name in ("acled2020", "acled2015", "acled2016", "gtd2011", "wikinews", "seed"):
        if DATASETS[name].path(real_shared).exists():
            for item in DATASETS[name].load(real_shared):
                window = _window(item.article.text)
                if window:
                    windows.add(window)
    if not windows:
        pytest.skip("no ACLED/GTD files present")
    offenders = []
    for folder in ("src", "tests", "docs", "samples", "bench"):
        for path in (repo / folder).rglob("*"):
            if not path.is_file() or path.suffix not in _TEXT_SUFFIXES:
                continue
            try:
                words = path.read_text(encoding="utf-8").split()
            except (UnicodeDecodeError, OSError):
                continue
            # Every 60-character run that starts at a word, looked up in the set: linear in the file's size.
            content = " ".join(words)
            starts = [0]
            for word in words[:-1]:
                starts.append(starts[-1] + len(word) + 1)
            if any(content[i : i + _WINDOW] in windows for i in starts):
                offenders.append(str(path.relative_to(repo)))
    assert not offenders, f"dataset text found in {offenders}: read it from ../shared at run time instead"
