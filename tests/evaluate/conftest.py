"""Fixtures for the evaluation tests: an oracle extractor and the real shared data (when present)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.evaluate.datasets import DATASETS
from sitrep.evaluate.runner import find_shared_dir
from sitrep.model import Article, EventRecord

from .builders import record_from_gold, record_from_news_gold
from .fixtures import write_shared


@pytest.fixture
def fake_shared(tmp_path: Path) -> Path:
    """A shared directory holding the invented datasets."""
    return write_shared(tmp_path / "shared")


@pytest.fixture
def oracle(fake_shared: Path) -> Callable[[Article], list[EventRecord]]:
    """An extractor that returns exactly the gold events of every invented item (by article id), and the first
    acceptable values of every news gold event (the invented wikinews-dev and seed, and tests/articles)."""
    answers: dict[str, list[EventRecord]] = {}
    for spec in DATASETS.values():
        if spec.loader is None or not spec.path(fake_shared).exists():
            continue
        for item in spec.load(fake_shared):
            answers[item.article.id] = [record_from_gold(g) for g in item.gold]
            if item.news_gold is not None:
                answers[item.article.id] += [record_from_news_gold(g) for g in item.news_gold.events]

    def extract(article: Article) -> list[EventRecord]:
        return answers[article.id]

    return extract


@pytest.fixture
def real_shared() -> Path:
    """The real ../shared directory; the test is skipped when it is absent."""
    shared = find_shared_dir()
    if shared is None:
        pytest.skip("../shared/eval is absent (set $SITREP_SHARED to run the real-data loader checks)")
    return shared
