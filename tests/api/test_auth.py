"""Tokens: writes need one, reads are open on this machine only; `sitrep token` and `sitrep serve`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sample_desk import Loaded
from sitrep.api import Settings, create_app
from sitrep.cli import main
from sitrep.errors import TokenError
from sitrep.store import open_store
from sitrep.store.tokens import create_token, list_tokens, revoke_token, verify_token

from .conftest import LOCAL

REMOTE = ("192.0.2.7", 40000)


def test_auth_whoami_names_the_token_owner(client: TestClient, auth: dict[str, str]) -> None:
    assert client.get("/api/auth/whoami", headers=auth).json() == {"name": "amina"}
    response = client.get("/api/auth/whoami")
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")


def test_auth_reads_from_another_machine_need_a_token(db_url: str, loaded: Loaded, auth: dict[str, str]) -> None:
    with TestClient(create_app(Settings(db=db_url)), client=REMOTE) as remote:
        assert remote.get("/api/events").status_code == 401
        assert remote.get("/api/meta").status_code == 401
        assert remote.get("/api/events", headers=auth).status_code == 200
    with TestClient(create_app(Settings(db=db_url, open_reads=True)), client=REMOTE) as remote:
        assert remote.get("/api/events").status_code == 200
        assert remote.patch("/api/events/x", json={"fatalities": 1}).status_code == 401  # writes still need one


def test_auth_revoked_token_stops_working(db_url: str, client: TestClient, auth: dict[str, str]) -> None:
    with open_store(db_url) as store:
        revoke_token(store, "amina")
    assert client.get("/api/auth/whoami", headers=auth).status_code == 401


def test_auth_tokens_are_stored_as_hashes_only(db_url: str) -> None:
    with open_store(db_url) as store:
        secret = create_token(store, "amina")
        assert secret.startswith("sitrep_") and len(secret) > 40
        assert verify_token(store, secret) == "amina"
        assert verify_token(store, secret + "x") is None and verify_token(store, "") is None
        assert [t.name for t in list_tokens(store)] == ["amina"]
        assert list_tokens(store)[0].last_used_at is not None
        with pytest.raises(TokenError):
            create_token(store, "amina")
        with pytest.raises(TokenError):
            create_token(store, "bad name!")
        with pytest.raises(TokenError):
            revoke_token(store, "nobody")
        rows = repr(store.db.all("SELECT * FROM api_tokens"))
    dump = rows if store.db.dialect.is_postgres else "\n".join(sqlite3.connect(db_url).iterdump())
    assert "amina" in dump and secret not in dump and secret[7:] not in dump


def test_auth_cli_token_create_list_revoke(db_url: str) -> None:
    db = db_url
    runner = CliRunner()
    created = runner.invoke(main, ["token", "create", "--name", "amina", "--db", db])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()
    assert secret.startswith("sitrep_") and "\n" not in secret
    with open_store(db) as store:
        assert verify_token(store, secret) == "amina"
    listed = runner.invoke(main, ["token", "list", "--db", db])
    assert listed.exit_code == 0 and listed.stdout.startswith("amina\tcreated ") and secret not in listed.stdout
    assert runner.invoke(main, ["token", "create", "--name", "amina", "--db", db]).exit_code == 1
    assert runner.invoke(main, ["token", "revoke", "--name", "amina", "--db", db]).exit_code == 0
    assert runner.invoke(main, ["token", "revoke", "--name", "amina", "--db", db]).exit_code == 1


def test_auth_cli_serve_binds_to_localhost_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    db = str(tmp_path / "serve.db")
    result = CliRunner().invoke(main, ["serve", "--db", db])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    settings = calls[0]["app"].state.settings
    assert settings.db == db and not settings.open_reads and "localhost" in settings.allowed_hosts
    assert Path(db).exists()  # created (and migrated) before serving
    CliRunner().invoke(main, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "9000", "--open-reads"])
    assert calls[1]["host"] == "0.0.0.0" and calls[1]["port"] == 9000
    assert calls[1]["app"].state.settings.allowed_hosts is None and calls[1]["app"].state.settings.open_reads


def test_auth_cli_serve_refuses_a_bad_database(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = CliRunner().invoke(main, ["serve", "--db", str(bad)])
    assert result.exit_code == 1 and "E301" in result.output


def test_auth_local_client_reads_without_token(db_url: str, loaded: Loaded) -> None:
    with TestClient(create_app(Settings(db=db_url)), client=LOCAL) as local:
        assert local.get("/api/events").status_code == 200
