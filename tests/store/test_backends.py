"""The backend fixture (tests/conftest.py): without a PostgreSQL server the PostgreSQL half is skipped with the
reason; with SITREP_REQUIRE_POSTGRES=1 (CI) a missing or unreachable server fails the run instead.

Each case runs one parametrised store test in a fresh pytest process with the environment it describes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
ONE_TEST = "store/test_migrations.py::test_migrations_reopen_does_not_rerun"


def _pytest(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITREP_TEST_POSTGRES", "SITREP_REQUIRE_POSTGRES")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", ONE_TEST],
        cwd=TESTS,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backends_without_postgres_the_postgres_half_skips_with_the_reason() -> None:
    run = _pytest()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed, 1 skipped" in run.stdout
    assert "PostgreSQL half skipped: no server given" in run.stdout and "SITREP_TEST_POSTGRES" in run.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SITREP_REQUIRE_POSTGRES=1 but PostgreSQL half skipped: no server given"),
        # Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        ({"SITREP_TEST_POSTGRES": "postgresql://sitrep@127.0.0.1:1/none"}, "cannot be reached"),
    ],
)
def test_backends_required_postgres_fails_instead_of_skipping(env: dict[str, str], message: str) -> None:
    run = _pytest(SITREP_REQUIRE_POSTGRES="1", **env)
    assert run.returncode != 0
    assert "1 passed, 1 error" in run.stdout and "skipped" not in run.stdout.splitlines()[-1]
    assert message in run.stdout
