"""`sitrep db copy`: a whole store (ids, history, pins, tokens, deletions) from SQLite into either backend
and back, row for row."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor_state import watch_two_sources
from sample_desk import fill_store
from sample_reports import (
    garowe_article,
    garowe_event,
    kabul_mosque_article,
    kabul_mosque_event,
    kabul_police_article,
    kabul_police_event,
    reuters_article,
    reuters_event,
    sonna_article,
    sonna_event,
)
from sitrep.cli import main
from sitrep.errors import StoreError
from sitrep.store import Desk, EventStore, SplitPart, open_store
from sitrep.store.copy import TABLES, copy_store
from sitrep.store.monitor import source_status
from sitrep.store.tokens import create_token, verify_token

from .samples import kech_article, kech_event

T0 = 1_710_500_000


def _busy_store(path: Path) -> str:
    """A store that used every table: events merged by dedup and deleted, desk edits, a merge and a split
    (pins), an undo, mentions-free ingests, a token, and the feed monitor's sources and pages."""
    with open_store(path, clock=lambda: T0) as store:
        fill_store(store)
        for article, event in ((garowe_article(), garowe_event()), (reuters_article(), reuters_event())):
            store.add_article(article, [event])  # no matching: two events, merged by dedup below
        store.ingest(sonna_article(), [sonna_event(sonna_article())])
        mosque, police = kabul_mosque_article(), kabul_police_article()
        store.ingest(mosque, [kabul_mosque_event(mosque)])
        store.ingest(police, [kabul_police_event(police)])
        store.dedup()
        desk = Desk(store)
        kabul = [e.event_id for e in store.events(country="Afghanistan")]
        merged = desk.merge(kabul, who="amina")
        desk.edit(merged.record.event_id, {"fatalities": 14}, who="amina", version=merged.version)
        current = desk.get(merged.record.event_id)
        desk.split(current.record.event_id, [SplitPart(evidence=(0,)), SplitPart(evidence=(1,))], who="amina",
                   version=current.version)  # fmt: skip
        last = store.history()[-1]
        store.undo(last.id)
        watch_two_sources(store, sonna_article().id)
        return create_token(store, "amina")


def _dump(store: EventStore) -> dict[str, list[tuple]]:
    """Every row of every table, in key order, its columns by name (a column added by a migration comes last on
    SQLite, where migration 5 re-adds `events.year`, and stays in place on PostgreSQL)."""
    out = {}
    for table, order in TABLES:
        columns = sorted(c for c in store.db.columns(table) if c != "rowid")
        if table in ("events", "evidence"):
            columns.insert(0, "rowid")
        names = ", ".join(f'"{c}"' for c in columns)
        out[table] = [tuple(r) for r in store.db.all(f"SELECT {names} FROM {table} ORDER BY {order}")]
    return out


def test_copy_lists_every_table(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        tables = {r[0] for r in store.db.all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    internal = {"schema_version"} | {t for t in tables if t.startswith("events_fts")}
    assert {t for t, _ in TABLES} == tables - internal


def test_copy_sqlite_to_either_backend_and_back_keeps_every_row(tmp_path: Path, db_url: str) -> None:
    source = tmp_path / "laptop.db"
    secret = _busy_store(source)
    back = tmp_path / "back.db"
    with open_store(source) as src, open_store(db_url) as middle:
        copied = copy_store(src, middle)
        original = _dump(src)
        assert copied == {table: len(rows) for table, rows in original.items()}
        assert _dump(middle) == original
        assert (copied["watch_sources"], copied["watch_pages"]) == (2, 1)
        assert source_status(middle) == source_status(src)  # the monitor's view, events counted by the target
        assert verify_token(middle, secret) == "amina"
        assert [e.to_dict() for e in middle.events(include_deleted=True)] == [
            e.to_dict() for e in src.events(include_deleted=True)
        ]
        # The copy goes on as the original would: the same re-clustering, and new rows take the next ids.
        assert middle.dedup() == src.dedup()
        assert middle.ingest(garowe_article(), [garowe_event()]) is None  # already there
        last_history = max(h.id for h in middle.history())
        last_rowid = middle.db.scalar("SELECT MAX(rowid) FROM events")
        new = kech_article()
        result = middle.ingest(new, [kech_event(new)])
        assert result is not None and result.created
        assert [h.id for h in middle.history(result.created[0])] == [last_history + 1]
        assert middle.db.scalar("SELECT rowid FROM events WHERE event_id = ?", result.created) > last_rowid
        with open_store(back) as again:
            copy_store(middle, again)
            assert _dump(again) == _dump(middle)


def test_copy_refuses_a_target_that_holds_data(tmp_path: Path, db_url: str) -> None:
    source = tmp_path / "laptop.db"
    _busy_store(source)
    with open_store(db_url) as target:
        fill_store(target)
        before = _dump(target)
        with open_store(source) as src, pytest.raises(StoreError, match="not empty"):
            copy_store(src, target)
        assert _dump(target) == before


def test_copy_cli(tmp_path: Path, db_url: str) -> None:
    source = tmp_path / "laptop.db"
    _busy_store(source)
    result = CliRunner().invoke(main, ["db", "copy", str(source), db_url])
    assert result.exit_code == 0, result.output
    with open_store(source) as src, open_store(db_url) as dst:
        assert _dump(dst) == _dump(src)
        counts = src.counts()
    assert f"copied {counts['articles']} article(s) and {counts['events']} event(s)" in result.output
    again = CliRunner().invoke(main, ["db", "copy", str(source), db_url])
    assert again.exit_code == 1 and "not empty" in again.output
    missing = CliRunner().invoke(main, ["db", "copy", str(tmp_path / "none.db"), db_url])
    assert missing.exit_code == 1 and "no such database" in missing.output
