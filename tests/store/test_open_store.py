"""open_store: paths and sqlite URLs give a SQLiteStore, postgresql URLs a PostgresStore; other schemes fail
with a helpful StoreError."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.store import EventStore, SQLiteStore, open_store


def test_open_store_plain_path(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "a.db")) as store:
        assert isinstance(store, SQLiteStore)
        assert isinstance(store, EventStore)
    assert (tmp_path / "a.db").exists()


def test_open_store_path_object(tmp_path: Path) -> None:
    with open_store(tmp_path / "b.db") as store:
        assert isinstance(store, SQLiteStore)


def test_open_store_sqlite_url_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db"):
        pass
    assert (tmp_path / "rel.db").exists()


def test_open_store_sqlite_url_absolute(tmp_path: Path) -> None:
    path = tmp_path / "abs.db"
    with open_store(f"sqlite:///{path}") as store:  # path is absolute, so this is sqlite:////...
        assert store.path == str(path)
    assert path.exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", ":memory:"])
def test_open_store_in_memory(url: str) -> None:
    with open_store(url) as store:
        assert store.counts()["articles"] == 0


def test_open_store_sqlite_url_needs_three_slashes() -> None:
    with pytest.raises(StoreError, match="three slashes"):
        open_store("sqlite://host/file.db")


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_open_store_postgres_unreachable_says_so_and_hides_password(scheme: str) -> None:
    # Port 1 on this machine: nothing listens there, so the connection is refused at once.
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store(f"{scheme}://sitrep:s3cret@127.0.0.1:1/sitrep")
    assert "s3cret" not in str(info.value)
    assert "postgresql://sitrep@127.0.0.1:1/sitrep" in str(info.value)


def test_open_store_postgres_url(postgres_schema_url: str) -> None:
    from sitrep.store import PostgresStore

    with open_store(postgres_schema_url) as store:
        assert isinstance(store, PostgresStore) and isinstance(store, EventStore)
        assert store.counts()["articles"] == 0


def test_open_store_unknown_scheme() -> None:
    with pytest.raises(StoreError, match="unknown database scheme 'mysql'") as info:
        open_store("mysql://root@localhost/sitrep")
    assert "sqlite:///" in str(info.value)
