"""The local engine: input order, identical outcomes for any number of workers, failures per article."""

from __future__ import annotations

import os

import pytest
from tests.engines.fakes import Seen, echo

from sitrep.engines import LocalEngine
from sitrep.engines.local import Failure, extract_chunk
from sitrep.model import Article


def _articles(n: int, special: dict[int, str] | None = None) -> list[Article]:
    special = special or {}
    return [Article.from_text(f"article {k} {special.get(k, '')}", path=f"in/{k:03d}.txt") for k in range(n)]


def test_local_engine_one_worker_runs_in_this_process() -> None:
    with LocalEngine(1, extract=echo) as engine:
        outcomes = list(engine.outcomes(_articles(40)))
    assert [o.article_id for o in outcomes] == [a.id for a in _articles(40)]
    assert {o.pid for o in outcomes} == {os.getpid()}


def test_local_engine_two_workers_keep_input_order() -> None:
    articles = _articles(100)
    with LocalEngine(2, extract=echo, warm=None, chunk_size=4) as engine:
        outcomes = list(engine.outcomes(articles))
        again = list(engine.outcomes(articles[:30]))  # the pool is kept between calls
    assert [o.article_id for o in outcomes] == [a.id for a in articles]
    assert [o.article_id for o in again] == [a.id for a in articles[:30]]
    assert os.getpid() not in {o.pid for o in outcomes}


def test_local_engine_one_chunk_needs_no_process() -> None:
    with LocalEngine(2, extract=echo, warm=None) as engine:
        outcomes = list(engine.outcomes(_articles(5)))
    assert {o.pid for o in outcomes} == {os.getpid()}


def test_local_engine_names_the_article_that_killed_a_worker_and_goes_on() -> None:
    articles = _articles(30, {13: "KILL"})
    with LocalEngine(2, extract=echo, warm=None, chunk_size=4) as engine:
        outcomes = list(engine.outcomes(articles))
    assert len(outcomes) == 30
    failed = [o for o in outcomes if isinstance(o, Failure)]
    assert [f.article.path for f in failed] == ["in/013.txt"]
    assert "killed by SIGKILL" in str(failed[0]) and str(failed[0]).startswith("in/013.txt: ")
    assert [o.article_id for o in outcomes if isinstance(o, Seen)] == [a.id for k, a in enumerate(articles) if k != 13]


def test_local_engine_extract_reports_failures_and_yields_the_rest() -> None:
    failures: list[Failure] = []
    with LocalEngine(2, extract=echo, warm=None, chunk_size=4) as engine:
        seen = list(engine.extract(_articles(20, {3: "RAISE"}), on_failure=failures.append))
    assert [f.article.path for f in failures] == ["in/003.txt"]
    assert len(seen) == 19


def test_local_engine_stops_its_workers_when_the_caller_is_interrupted() -> None:
    engine = LocalEngine(2, extract=echo, warm=None, chunk_size=2)
    outcomes = engine.outcomes(_articles(50))
    next(outcomes)
    assert engine._pool is not None
    processes = [slot.process for slot in engine._pool._slots]
    with pytest.raises(KeyboardInterrupt):
        outcomes.throw(KeyboardInterrupt)
    assert processes and not any(p.is_alive() for p in processes)
    engine.close()


def test_extract_chunk_fails_only_the_article_that_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.pipeline

    def extract_many(articles, batch_size=16, policy=None):
        if any("bad" in a.text for a in articles):
            raise ValueError("a stage broke")
        return [a.id for a in articles]

    monkeypatch.setattr(sitrep.pipeline, "extract_many", extract_many)
    articles = [Article.from_text("good one"), Article.from_text("bad one"), Article.from_text("good two")]
    outcomes = extract_chunk(articles)
    assert outcomes[0] == articles[0].id and outcomes[2] == articles[2].id
    assert isinstance(outcomes[1], Failure) and outcomes[1].reason == "ValueError: a stage broke"


def test_extract_chunk_hands_the_confidence_policy_to_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.pipeline
    from sitrep.pipeline import DEFAULT_POLICY, ConfidencePolicy

    seen = []

    def extract_many(articles, batch_size=16, policy=None):
        seen.append(policy)
        return [a.id for a in articles]

    monkeypatch.setattr(sitrep.pipeline, "extract_many", extract_many)
    strict = ConfidencePolicy(min_confidence=0.9, keep_low=True)
    extract_chunk([Article.from_text("one")], strict)
    extract_chunk([Article.from_text("two")])
    assert seen == [strict, DEFAULT_POLICY]


def test_local_engine_refuses_zero_workers() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LocalEngine(0)
