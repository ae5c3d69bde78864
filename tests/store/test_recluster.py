"""store.recluster: the batched writes leave every table as the store's one write path would."""

from __future__ import annotations

import json
from collections import Counter

import pytest

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
from sitrep.dedup.config import DedupConfig
from sitrep.model import Article, EventRecord
from sitrep.store import EventStore, open_store, recluster
from sitrep.store.query import EventFilter, query_events
from sitrep.store.records import EVENT_COLUMNS

T0 = 1_710_500_000


def _pairs() -> list[tuple[Article, EventRecord]]:
    makers = ((garowe_article, garowe_event), (reuters_article, reuters_event), (sonna_article, sonna_event),
              (kabul_mosque_article, kabul_mosque_event), (kabul_police_article, kabul_police_event))  # fmt: skip
    return [(article, make_event(article)) for article, make_event in ((make(), event) for make, event in makers)]


def _filled(db_url: str) -> EventStore:
    """Every report stored as its own event (no matching), then the Kabul attacks wrongly joined."""
    store = open_store(db_url, clock=lambda: T0)
    pairs = _pairs()
    for article, event in pairs[:3]:
        store.add_article(article, [event])
    loose = DedupConfig(threshold=0.01)
    for article, event in pairs[3:]:
        store.ingest(article, [event], config=loose)
    return store


def _tables(store: EventStore) -> dict[str, object]:
    db = store.db

    def rows(sql: str) -> list[tuple]:
        return [tuple(r) for r in db.all(sql)]

    return {
        "events": rows(f"SELECT {', '.join(EVENT_COLUMNS)}, version FROM events ORDER BY event_id"),
        "records": rows("SELECT event_id, record FROM event_records ORDER BY event_id"),
        "evidence": sorted(rows('SELECT event_id, field, article_id, start, "end", text FROM evidence')),
        "links": rows("SELECT event_id, article_id FROM event_articles ORDER BY 1, 2"),
        "reports": rows("SELECT report_id, event_id FROM event_reports ORDER BY report_id"),
        "history": [(h.event_id, h.action, h.before, h.after) for h in store.history()],
    }


def _schema(store: EventStore) -> list[tuple]:
    """Every table, index and trigger, as the database would create it again."""
    if store.db.dialect.is_postgres:
        sql = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
    else:
        sql = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    return [tuple(r) for r in store.db.all(sql)]


def test_recluster_rows_match_the_records_they_hold(db_url: str) -> None:
    with _filled(db_url) as store:
        report = store.dedup()
        assert (report.merged, report.split) == (2, 1)  # the Bakara reports joined; the Kabul attacks parted
        for event in store.events(include_deleted=True):
            row = store.db.one(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE event_id = ?", (event.event_id,))
            assert dict(zip(EVENT_COLUMNS, row, strict=True)) == {c: event.to_dict()[c] for c in EVENT_COLUMNS}
            if event.deleted:
                continue  # a merged-away event keeps the evidence and links it had, for the record
            evidence = [tuple(r) for r in store.db.all('SELECT field, article_id, start, "end", text FROM evidence '
                                                       "WHERE event_id = ?", (event.event_id,))]  # fmt: skip
            assert Counter(evidence) == Counter((e.field, e.article_id, e.start, e.end, e.text) for e in event.evidence)
            links = {
                r[0]
                for r in store.db.execute("SELECT article_id FROM event_articles WHERE event_id = ?", (event.event_id,))
            }
            assert links == {a.id for a in event.articles}


def test_recluster_merged_away_record_is_not_rewritten(db_url: str) -> None:
    with _filled(db_url) as store:
        newer = reuters_event(reuters_article()).event_id
        before = store.db.scalar("SELECT record FROM event_records WHERE event_id = ?", (newer,))
        store.db.clock = lambda: T0 + 60
        store.dedup()
        after = store.db.scalar("SELECT record FROM event_records WHERE event_id = ?", (newer,))
        assert after == before and json.loads(after)["deleted"] is False  # the columns say it went
        gone = store.event(newer)
        assert gone is not None and gone.deleted and gone.timestamp == T0 + 60


def test_recluster_batches_do_not_change_the_result(
    db_url: str, other_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _filled(db_url) as store:
        store.dedup()
        together = _tables(store)
    monkeypatch.setattr(recluster, "_WRITE_CHUNK", 1)
    monkeypatch.setattr(recluster, "_HISTORY_BATCH", 1)
    with _filled(other_db_url) as store:
        store.dedup()
        assert _tables(store) == together


@pytest.mark.parametrize("bulk_share", [0.0, 2.0], ids=["indexes-rebuilt", "indexes-updated"])
def test_recluster_with_indexes_rebuilt_or_updated_alike(
    db_url: str, other_db_url: str, monkeypatch: pytest.MonkeyPatch, bulk_share: float
) -> None:
    with _filled(db_url) as store:
        store.dedup()
        expected = _tables(store)
    monkeypatch.setattr(recluster, "_BULK_SHARE", bulk_share)
    with _filled(other_db_url) as store:
        schema = _schema(store)
        store.dedup()
        assert _tables(store) == expected
        assert _schema(store) == schema
        # The text index follows the rewritten notes ("Reported by 3 sources").
        found = query_events(store, EventFilter(q="Reported"), limit=None).total
        assert found == sum("Reported" in e.notes for e in store.events())
        if not store.db.dialect.is_postgres:
            assert store.db.one("PRAGMA integrity_check") == ("ok",)
            assert (
                store.db.execute("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)").rowcount
                == 1
            )
