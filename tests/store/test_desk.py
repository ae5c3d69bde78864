"""store.desk: analyst corrections survive every rewrite; versions, merges and splits in the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from sample_desk import SPECS, article_of, events_of, fill_store
from sitrep.errors import EventNotFound, InvalidEdit, StaleVersion
from sitrep.model import Article
from sitrep.store import EDITABLE_FIELDS, Desk, EventStore, SplitPart
from sitrep.store.desk import stated_figure

LIDO = next(s for s in SPECS if s.key == "lido_reuters")
LIDO_LOCAL = next(s for s in SPECS if s.key == "lido_local")


@pytest.fixture
def store(open_db: Callable[..., EventStore]):
    with open_db() as s:
        yield s


def _store_lido(store: EventStore) -> str:
    article = article_of(LIDO)
    (event,) = events_of(LIDO, article)
    store.add_article(article, [event])
    return event.event_id


def test_review_editable_fields_leave_out_ids_and_store_flags() -> None:
    assert {"fatalities", "location", "event_type", "notes", "latitude"} <= EDITABLE_FIELDS
    assert not {"event_id", "deleted", "merged_into", "timestamp", "evidence", "articles"} & EDITABLE_FIELDS


def test_review_correction_survives_a_rewrite_of_the_event(store: EventStore) -> None:
    event_id = _store_lido(store)
    desk = Desk(store)
    desk.edit(event_id, {"fatalities": 33, "admin2": "Hodan"}, who="amina", version=1)
    # Re-extraction of another copy of the article writes the same event id with the machine's values.
    copy = Article.from_text(LIDO.text + "\n\nUpdated.", title=LIDO.title)
    (machine,) = events_of(LIDO, article_of(LIDO))
    store.add_article(copy, [replace(machine, fatalities=40, admin2="Mogadishu", location="Lido")])
    now = desk.get(event_id)
    assert now.record.fatalities == 33 and now.record.admin2 == "Hodan"  # the analyst's values
    assert now.record.location == "Lido"  # unlocked fields follow the machine
    assert [e.text for e in now.record.evidence if e.field == "fatalities"] == ["At least 32 people were killed"]
    assert now.version == 3  # the edit and the rewrite each bumped it


def test_review_correction_survives_dedup_matching_a_new_source(store: EventStore) -> None:
    event_id = _store_lido(store)
    Desk(store).edit(event_id, {"fatalities": 30}, who="amina", version=None)
    local = article_of(LIDO_LOCAL)
    result = store.ingest(local, events_of(LIDO_LOCAL, local))
    assert result is not None and result.updated == (event_id,)  # matched: the event was rebuilt
    record = Desk(store).get(event_id).record
    assert record.fatalities == 30
    assert {a.id for a in record.articles} == {article_of(LIDO).id, local.id}  # the new source was added
    store.dedup()
    assert Desk(store).get(event_id).record.fatalities == 30


def test_review_edit_checks_version_and_values(store: EventStore) -> None:
    event_id = _store_lido(store)
    desk = Desk(store)
    with pytest.raises(StaleVersion):
        desk.edit(event_id, {"fatalities": 1}, who="a", version=5)
    with pytest.raises(EventNotFound):
        desk.edit("nope", {"fatalities": 1}, who="a", version=None)
    for bad, field in [
        ({"fatalities": -1}, "fatalities"),
        ({"fatalities": 1.5}, "fatalities"),
        ({"fatalities": True}, "fatalities"),
        ({"latitude": 91}, "latitude"),
        ({"event_date": "2024-02-30"}, "event_date"),
        ({"actor1": 7}, "actor1"),
        ({"deleted": True}, "deleted"),
        ({"event_type": "Battles"}, "event_type"),
        ({"country": None}, "country"),
    ]:
        with pytest.raises(InvalidEdit) as info:
            desk.edit(event_id, bad, who="a", version=None)
        assert info.value.field == field, bad
    assert desk.get(event_id).version == 1  # nothing was written
    assert desk.edit(event_id, {"latitude": None}, who="a", version=1).record.latitude is None


def test_review_history_rows_share_a_group_per_action(store: EventStore) -> None:
    loaded = fill_store(store)
    desk = Desk(store)
    desk.merge([loaded.events["lido_reuters"], loaded.events["lido_local"]], who="amina")
    rows = [h for h in store.history() if h.actor == "amina"]
    assert [h.action for h in rows] == ["merge", "merged_into"]
    assert rows[0].group_id == rows[1].group_id == rows[0].id
    edit = Desk(store).edit(loaded.events["kharkiv"], {"fatalities": 1}, who="amina", version=None)
    with pytest.raises(InvalidEdit, match="edit or review"):  # an edit is corrected by another edit, not undone
        store.undo(store.history(edit.record.event_id)[-1].id)


def test_review_merge_moves_reports_so_a_rebuild_keeps_every_source(store: EventStore) -> None:
    loaded = fill_store(store)
    keep, other = loaded.events["lido_reuters"], loaded.events["lido_local"]
    Desk(store).merge([keep, other], who="amina")
    assert len(store.reports(keep)) == 2 and store.reports(other) == []
    gone = store.event(other)
    assert gone is not None and gone.deleted and gone.merged_into == keep
    assert store.counts()["events"] == len(SPECS)  # merged-away events stay, marked deleted


def test_review_split_parts_get_new_ids_and_locks(store: EventStore) -> None:
    loaded = fill_store(store)
    event_id = loaded.events["kharkiv"]
    parts = [SplitPart(evidence=(0, 1, 4), set={"fatalities": 19}), SplitPart(evidence=(2, 3), set={"fatalities": 2})]
    first, second = Desk(store).split(event_id, parts, who="amina", version=None)
    assert (first.record.event_id, second.record.event_id) == (event_id, f"{event_id}-s1")
    assert first.locked_fields == ("fatalities",) and second.record.fatalities == 2
    again = Desk(store).split(
        event_id, [SplitPart(), SplitPart(set={"location": "Kharkiv city"})], who="a", version=None
    )
    assert again[1].record.event_id == f"{event_id}-s2"  # ids are never reused
    store.dedup()  # re-clustering adopts the new parts as reports of their own and keeps the locks
    assert Desk(store).get(f"{event_id}-s1").record.fatalities == 2
    assert Desk(store).get(event_id).record.fatalities == 19


def test_review_split_recomputes_each_parts_toll_from_its_evidence(store: EventStore) -> None:
    # The Kharkiv report tells two strikes: 19 dead at the hypermarket, two in a village near Zolochiv.
    loaded = fill_store(store)
    event_id = loaded.events["kharkiv"]
    assert Desk(store).get(event_id).record.fatalities == 21
    evidence = Desk(store).get(event_id).record.evidence
    village = tuple(i for i, e in enumerate(evidence) if "Zolochiv" in e.text or "two residents" in e.text)
    rest = tuple(i for i in range(len(evidence)) if i not in village)
    first, second = Desk(store).split(
        event_id, [SplitPart(evidence=rest), SplitPart(evidence=village)], who="a", version=None
    )
    assert (first.record.fatalities, second.record.fatalities) == (19, 2)
    assert [r.value for r in second.record.fatality_reports] == [2]
    assert first.locked_fields == () and second.locked_fields == ()  # computed, not set by the analyst
    # A part without any death figure reported none.
    place_only = tuple(i for i, e in enumerate(first.record.evidence) if e.field == "location")
    others = tuple(i for i in range(len(first.record.evidence)) if i not in place_only)
    kept, moved = Desk(store).split(
        event_id, [SplitPart(evidence=others), SplitPart(evidence=place_only)], who="a", version=None
    )
    assert (kept.record.fatalities, moved.record.fatalities) == (19, 0)
    assert moved.record.fatalities_low is None and moved.record.fatality_reports == []


def test_review_split_reads_figures_in_words_and_digits() -> None:
    assert stated_figure("killing all 12 soldiers on board") == 12
    assert stated_figure("twenty-five people were killed") == 25
    assert stated_figure("one hundred and five bodies") == 105
    assert stated_figure("killing 1,200 and wounding 30") == 1200
    assert stated_figure("the death toll rose") is None
    assert stated_figure("killing a 12-year-old boy") is None  # an age: the article's own toll is kept
