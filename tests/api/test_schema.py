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

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from sample_desk import fill_store
from sitrep.api import Settings, create_app
from sitrep.store import SQLiteStore
from sitrep.store.tokens import create_token

from .conftest import fake_extractor


def _app() -> tuple[Any, str]:
    # One store for the module: schemathesis builds its tests at import time, before fixtures exist.
    db = Path(tempfile.mkdtemp(prefix="sitrep-schema-")) / "schema.db"
    with SQLiteStore(db) as store:
        fill_store(store)
        token = create_token(store, "schemathesis")
    # Bodies as large as the schema allows (maxLength of multi-byte text) stay under the size limit here;
    # test_errors.py covers the 413.
    settings = Settings(db=str(db), open_reads=True, extractor=fake_extractor, max_body_bytes=64 * 1024 * 1024)
    return create_app(settings), token


APP, TOKEN = _app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_schema_every_operation_conforms(case: Any) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[checks.positive_data_acceptance, checks.missing_required_header],
    )
