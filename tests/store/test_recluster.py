"""store.recluster: the batched writes leave every table as the store's one write path would."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from sitrep.dedup.config import DedupConfig
from sitrep.model import Article, EventRecord
from sitrep.store import SQLiteStore, recluster
from sitrep.store.sqlite import _EVENT_COLUMNS

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

T0 = 1_710_500_000


def _pairs() -> list[tuple[Article, EventRecord]]:
    makers = ((garowe_article, garowe_event), (reuters_article, reuters_event), (sonna_article, sonna_event),
              (kabul_mosque_article, kabul_mosque_event), (kabul_police_article, kabul_police_event))  # fmt: skip
    return [(article, make_event(article)) for article, make_event in ((make(), event) for make, event in makers)]


def _filled(path: Path) -> SQLiteStore:
    """Every report stored as its own event (no matching), then the Kabul attacks wrongly joined."""
    store = SQLiteStore(path, clock=lambda: T0)
    pairs = _pairs()
    for article, event in pairs[:3]:
        store.add_article(article, [event])
    loose = DedupConfig(threshold=0.01)
    for article, event in pairs[3:]:
        store.ingest(article, [event], config=loose)
    return store


def _tables(store: SQLiteStore) -> dict[str, object]:
    conn = store._conn
    return {
        "events": conn.execute(f"SELECT {', '.join(_EVENT_COLUMNS)}, version FROM events ORDER BY event_id").fetchall(),
        "records": conn.execute("SELECT event_id, record FROM event_records ORDER BY event_id").fetchall(),
        "evidence": sorted(
            conn.execute('SELECT event_id, field, article_id, start, "end", text FROM evidence').fetchall()
        ),
        "links": conn.execute("SELECT event_id, article_id FROM event_articles ORDER BY 1, 2").fetchall(),
        "reports": conn.execute("SELECT report_id, event_id FROM event_reports ORDER BY report_id").fetchall(),
        "history": [(h.event_id, h.action, h.before, h.after) for h in store.history()],
    }


def test_recluster_rows_match_the_records_they_hold(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.db") as store:
        report = store.dedup()
        assert (report.merged, report.split) == (2, 1)  # the Bakara reports joined; the Kabul attacks parted
        for event in store.events(include_deleted=True):
            row = store._conn.execute(
                f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events WHERE event_id = ?", (event.event_id,)
            ).fetchone()
            assert dict(zip(_EVENT_COLUMNS, row)) == {c: event.to_dict()[c] for c in _EVENT_COLUMNS}
            if event.deleted:
                continue  # a merged-away event keeps the evidence and links it had, for the record
            evidence = store._conn.execute('SELECT field, article_id, start, "end", text FROM evidence WHERE event_id = ?',
                                           (event.event_id,)).fetchall()  # fmt: skip
            assert Counter(evidence) == Counter((e.field, e.article_id, e.start, e.end, e.text) for e in event.evidence)
            links = {
                r[0]
                for r in store._conn.execute(
                    "SELECT article_id FROM event_articles WHERE event_id = ?", (event.event_id,)
                )
            }
            assert links == {a.id for a in event.articles}


def test_recluster_merged_away_record_is_not_rewritten(tmp_path: Path) -> None:
    with _filled(tmp_path / "a.db") as store:
        newer = reuters_event(reuters_article()).event_id
        (before,) = store._conn.execute("SELECT record FROM event_records WHERE event_id = ?", (newer,)).fetchone()
        store._clock = lambda: T0 + 60
        store.dedup()
        (after,) = store._conn.execute("SELECT record FROM event_records WHERE event_id = ?", (newer,)).fetchone()
        assert after == before and json.loads(after)["deleted"] is False  # the columns say it went
        gone = store.event(newer)
        assert gone is not None and gone.deleted and gone.timestamp == T0 + 60


def test_recluster_batches_do_not_change_the_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _filled(tmp_path / "one.db") as store:
        store.dedup()
        together = _tables(store)
    monkeypatch.setattr(recluster, "_WRITE_CHUNK", 1)
    monkeypatch.setattr(recluster, "_HISTORY_BATCH", 1)
    with _filled(tmp_path / "many.db") as store:
        store.dedup()
        assert _tables(store) == together


@pytest.mark.parametrize("bulk_share", [0.0, 2.0], ids=["indexes-rebuilt", "indexes-updated"])
def test_recluster_with_indexes_rebuilt_or_updated_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk_share: float
) -> None:
    with _filled(tmp_path / "default.db") as store:
        store.dedup()
        expected = _tables(store)
    monkeypatch.setattr(recluster, "_BULK_SHARE", bulk_share)
    with _filled(tmp_path / "forced.db") as store:
        schema = store._conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        store.dedup()
        assert _tables(store) == expected
        assert store._conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
        assert store._conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The text index follows the rewritten notes ("Reported by 3 sources").
        found = store._conn.execute("SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH 'Reported'").fetchone()[0]
        assert found == sum("Reported" in e.notes for e in store.events(include_deleted=True))
        assert (
            store._conn.execute("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)").rowcount == 1
        )
