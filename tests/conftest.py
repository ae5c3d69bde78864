"""Fixtures shared by every test package: articles written here, annotated once with the real spaCy model;
the store backends.

The store, dedup, CLI and API suites run against both backends through one parametrised fixture,
`db_url`: a fresh SQLite file, or a fresh schema in the PostgreSQL database that `SITREP_TEST_POSTGRES`
names (a libpq URL; `postgresql://` alone takes the PG* variables that `pg_virtualenv` sets). Without it the
PostgreSQL half is skipped, with the reason; with `SITREP_REQUIRE_POSTGRES=1` (CI, `.ci/run`) a missing or
unreachable server fails the run instead.

    pg_virtualenv env SITREP_TEST_POSTGRES=postgresql:// .venv/bin/python -m pytest tests/store
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Article
from sitrep.store import EventStore, open_store
from sitrep.text.annotate import AnnotatedArticle, annotate, load_nlp

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def annotated(nlp):
    """annotated(text, published=date) -> AnnotatedArticle."""

    def make(text: str, published: date | None = date(2024, 3, 14)) -> AnnotatedArticle:
        return annotate(Article.from_text(text, published=published), nlp)

    return make


def _with_search_path(url: str, schema: str) -> str:
    """The URL with the schema as the connection's search_path (libpq's `options`)."""
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL database the tests may create schemas in; skips (or, on CI, fails) without one."""
    url = os.environ.get("SITREP_TEST_POSTGRES", "")
    required = os.environ.get("SITREP_REQUIRE_POSTGRES") == "1"
    if not url:
        reason = (
            "PostgreSQL half skipped: no server given. Set SITREP_TEST_POSTGRES=postgresql://user@host/db, or run "
            "`pg_virtualenv env SITREP_TEST_POSTGRES=postgresql:// make test` (Debian's postgresql-common)"
        )
        if required:
            pytest.fail("SITREP_REQUIRE_POSTGRES=1 but " + reason)
        pytest.skip(reason)
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        message = f"PostgreSQL at SITREP_TEST_POSTGRES cannot be reached: {exc}"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    return url


@contextmanager
def _new_schema(postgres_url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema, dropped at the end."""
    import psycopg

    schema = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _with_search_path(postgres_url, schema)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def postgres_schema_url(postgres_url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema (dropped after the test)."""
    with _new_schema(postgres_url) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which backend the test runs on: "sqlite" or "postgresql"."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A --db value naming a new, empty store on the test's backend."""
    if backend == "sqlite":
        return str(tmp_path / "sitrep.db")
    return str(request.getfixturevalue("postgres_schema_url"))


@pytest.fixture
def other_db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A second new, empty store on the test's backend (for comparing two runs)."""
    if backend == "sqlite":
        return str(tmp_path / "other.db")
    return str(request.getfixturevalue("postgres_schema_url_2"))


@pytest.fixture
def postgres_schema_url_2(postgres_url: str) -> Iterator[str]:
    """A second schema, for tests that need two PostgreSQL stores."""
    with _new_schema(postgres_url) as url:
        yield url


@pytest.fixture
def open_db(db_url: str) -> Callable[..., EventStore]:
    """Opens the test's store (again): `open_db(clock=...)`; a fresh connection sees only what was committed."""

    def opener(**kwargs: object) -> EventStore:
        return open_store(db_url, **kwargs)  # type: ignore[arg-type]

    return opener
