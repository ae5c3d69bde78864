"""Schemathesis against /openapi.json: generated requests (valid and invalid) for every operation; the
server must never fail (5xx), and every answer must match the documented status codes, content types,
headers and schemas, errors included. Bounded to a few dozen examples per operation (well under a minute).

Two checks are left out. `positive_data_acceptance` expects every request the schema allows to succeed, but
some rules cannot be written in OpenAPI (until >= since, a sub-event type of its event type, an If-Match
that is the current version, ids that exist), so schema-valid requests rightly get 404, 412 or 422.
`missing_required_header` wants 400/422 for a request without its required If-Match header, where RFC 6585
defines 428 Precondition Required for exactly that (tests/api/test_errors.py pins the 428).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from sample_desk import fill_store
from sitrep.api import Settings, create_app
from sitrep.store import open_store
from sitrep.store.tokens import create_token

from .conftest import fake_extractor


def _app(db: str) -> Any:
    # Bodies as large as the schema allows (maxLength of multi-byte text) stay under the size limit here;
    # test_errors.py covers the 413.
    settings = Settings(db=db, open_reads=True, extractor=fake_extractor, max_body_bytes=64 * 1024 * 1024)
    return create_app(settings)


def _fill(db: str) -> str:
    """The samples and a token in the store; returns the token."""
    with open_store(db) as store:
        fill_store(store)
        return create_token(store, "schemathesis")


# One store per backend for the module: schemathesis builds its tests at import time, before fixtures exist.
# The SQLite store is filled now; the PostgreSQL one (a schema named now) by the fixture below, which skips
# when no server is given (tests/conftest.py).
SQLITE_DB = str(Path(tempfile.mkdtemp(prefix="sitrep-schema-")) / "schema.db")
TOKEN = _fill(SQLITE_DB)
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(SQLITE_DB))
POSTGRES_SCHEMA = f"sitrep_schema_{uuid.uuid4().hex[:12]}"
POSTGRES_DB = os.environ.get("SITREP_TEST_POSTGRES", "postgresql://")
POSTGRES_DB += ("&" if "?" in POSTGRES_DB else "?") + f"options=-csearch_path%3D{POSTGRES_SCHEMA}"
postgres_schema = schemathesis.openapi.from_asgi("/openapi.json", _app(POSTGRES_DB))


@pytest.fixture(scope="module")
def postgres_token(postgres_url: str) -> Iterator[str]:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {POSTGRES_SCHEMA}")
    try:
        yield _fill(POSTGRES_DB)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {POSTGRES_SCHEMA} CASCADE")


def _check(case: Any, token: str) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[checks.positive_data_acceptance, checks.missing_required_header],
    )


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_schema_every_operation_conforms(case: Any) -> None:
    _check(case, TOKEN)


@postgres_schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_schema_every_operation_conforms_on_postgresql(case: Any, postgres_token: str) -> None:
    _check(case, postgres_token)
