"""store.pins: an analyst's merge or split survives `sitrep dedup`, and undoing it removes its pin."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner

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
from sitrep.dedup.config import DedupConfig
from sitrep.model import Article, EventRecord
from sitrep.store import Desk, EventStore, SplitPart, open_store, pins

T0 = 1_710_500_000


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        self.now += 1  # every write gets its own second
        return self.now


@pytest.fixture
def store(open_db: Callable[..., EventStore]):
    with open_db(clock=Clock()) as s:
        yield s


def _ingest(store: EventStore, *pairs: tuple[Article, EventRecord], config: DedupConfig | None = None) -> None:
    for article, event in pairs:
        store.ingest(article, [event], config=config)


def _kabul_two_events(store: EventStore) -> tuple[str, str]:
    """The two Kabul attacks, which the matcher keeps apart (two events)."""
    mosque, police = kabul_mosque_article(), kabul_police_article()
    _ingest(store, (mosque, kabul_mosque_event(mosque)), (police, kabul_police_event(police)))
    assert len(store.events()) == 2
    return kabul_mosque_event(mosque).event_id, kabul_police_event(police).event_id


def _mogadishu_one_event(store: EventStore) -> str:
    """The local outlet's and the wire's reports of the Bakara bombing, which the matcher merges."""
    garowe, reuters = garowe_article(), reuters_article()
    _ingest(store, (garowe, garowe_event(garowe)), (reuters, reuters_event(reuters)))
    (event,) = store.events()
    return event.event_id


def _split_by_article(store: EventStore, event_id: str) -> list[str]:
    """Split the event into one part per source article, the way an analyst picks evidence on the desk."""
    record = Desk(store).get(event_id).record
    articles = [a.id for a in record.articles]
    parts = [SplitPart(evidence=tuple(i for i, e in enumerate(record.evidence) if e.article_id == a)) for a in articles]
    return [part.record.event_id for part in Desk(store).split(event_id, parts, who="amina", version=None)]


def test_pins_desk_merge_survives_dedup(store: EventStore) -> None:
    mosque_id, police_id = _kabul_two_events(store)
    Desk(store).merge([mosque_id, police_id], who="amina")
    report = store.dedup()
    # The matcher would split them (see test_history's split test); the analyst's merge stands.
    assert (report.merged, report.split, report.changed, report.pins) == (0, 0, 0, 1)
    assert (report.events_before, report.events_after) == (1, 1)
    (event,) = store.events()
    assert event.event_id == mosque_id and len(store.reports(mosque_id)) == 2


def test_pins_desk_split_survives_dedup_though_the_matcher_would_merge(store: EventStore) -> None:
    event_id = _mogadishu_one_event(store)
    first, second = _split_by_article(store, event_id)
    assert [len(store.reports(i)) for i in (first, second)] == [1, 1]  # each part took its article's report
    report = store.dedup()
    assert (report.merged, report.split, report.changed, report.pins) == (0, 0, 0, 1)
    assert (report.events_before, report.events_after) == (2, 2)
    assert {e.event_id for e in store.events()} == {first, second}
    # Without the pin the same reports are one event: what the analyst's split overrides.
    pins.remove_pin(store.db, store.history(first)[-1].group_id or 0)
    assert store.dedup().merged == 1


def test_pins_new_reports_still_join_a_split_part(store: EventStore) -> None:
    event_id = _mogadishu_one_event(store)
    first, second = _split_by_article(store, event_id)
    sonna = sonna_article()
    result = store.ingest(sonna, [sonna_event(sonna)])
    assert result is not None and result.created == () and result.updated  # the follow-up joined a part
    joined = result.updated[0]
    assert joined in (first, second)
    report = store.dedup()
    assert (report.merged, report.events_after) == (0, 2)
    assert len(store.reports(joined)) == 2


def test_pins_undo_a_desk_merge_removes_its_pin(store: EventStore) -> None:
    mosque_id, police_id = _kabul_two_events(store)
    before = {e.event_id: e.to_dict() for e in store.events()}
    merged = Desk(store).merge([mosque_id, police_id], who="amina")
    merge_row = store.history(merged.record.event_id)[-1]
    ((pinned,),) = [p.parts for p in pins.pins(store.db)]
    assert set(pinned) == {mosque_id, police_id}  # the reports (each stored under its record's own id)
    touched = store.undo(merge_row.id)
    assert set(touched) == {mosque_id, police_id}
    assert pins.pins(store.db) == []
    after = {e.event_id: e.to_dict() for e in store.events()}
    assert {k: {**v, "timestamp": 0} for k, v in after.items()} == {k: {**v, "timestamp": 0} for k, v in before.items()}
    assert store.history(mosque_id)[-1].after["unpins"] == merge_row.group_id
    report = store.dedup()
    assert (report.merged, report.split, report.changed, report.pins, report.events_after) == (0, 0, 0, 0, 2)


def test_pins_undo_a_desk_split_removes_its_pin_and_the_made_up_report(store: EventStore) -> None:
    event_id = _mogadishu_one_event(store)
    before = store.event(event_id)
    assert before is not None
    # One part per evidence span of the first article, so the second part gets no report of its own.
    evidence = before.evidence
    parts = [SplitPart(evidence=tuple(range(1, len(evidence)))), SplitPart(evidence=(0,), set={"fatalities": 3})]
    _, second = Desk(store).split(event_id, parts, who="amina", version=None)
    made_up = store.reports(second.record.event_id)
    assert len(made_up) == 1 and len(store.reports(event_id)) == 2
    split_row = store.history(event_id)[-1]
    store.undo(split_row.id)
    assert pins.pins(store.db) == []
    (event,) = store.events()
    assert event.event_id == event_id
    assert {**event.to_dict(), "timestamp": 0} == {**before.to_dict(), "timestamp": 0}
    assert Desk(store).get(event_id).locked_fields == ()  # the split's locks went with it
    gone = store.event(second.record.event_id)
    assert gone is not None and gone.deleted and gone.merged_into == event_id
    assert store.reports(second.record.event_id) == []
    assert store.db.scalar("SELECT COUNT(*) FROM event_reports") == 2
    assert store.dedup().changed == 0


def test_pins_undo_refused_after_a_later_change(store: EventStore) -> None:
    event_id = _mogadishu_one_event(store)
    _split_by_article(store, event_id)
    split_row = store.history(event_id)[-1]
    sonna = sonna_article()
    store.ingest(sonna, [sonna_event(sonna)])
    from sitrep.errors import InvalidEdit

    with pytest.raises(InvalidEdit, match="changed after"):
        store.undo(split_row.id)
    assert len(pins.pins(store.db)) == 1


def test_pins_merge_then_split_again_the_newest_wins(store: EventStore) -> None:
    mosque_id, police_id = _kabul_two_events(store)
    merged = Desk(store).merge([mosque_id, police_id], who="amina").record
    _split_by_article(store, merged.event_id)
    report = store.dedup()
    assert (report.merged, report.pins, report.events_after) == (0, 2, 2)


def test_pins_cli_dedup_keeps_a_desk_merge(db_url: str) -> None:
    with open_store(db_url, clock=Clock()) as store:
        mosque_id, police_id = _kabul_two_events(store)
        Desk(store).merge([mosque_id, police_id], who="amina")
    result = CliRunner().invoke(main, ["dedup", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "0 merged, 0 split, 0 rewritten; 1 event(s) now" in result.output
