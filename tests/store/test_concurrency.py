"""Several processes writing one store at once, on both backends: nothing stored twice, nothing lost.

Four writer processes ingest overlapping articles together, and the result is checked against one writer
ingesting them alone: the same counts, and the same ids where the order is the same. An analyst's edit
racing an ingest that rewrites the same event is neither lost nor silently overwritten: either the edit
lands first and the ingest keeps it (a locked field), or the ingest lands first and the edit is refused as
stale (the ETag), and the analyst's retry lands.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from sitrep.errors import StaleVersion
from sitrep.model import Article, ArticleRef, EventRecord, Evidence
from sitrep.store import Desk, EventStore, open_store

WRITERS = 4
# Towns far apart (country, admin1, town, latitude, longitude), one incident each, weeks apart.
TOWNS = [
    ("Nigeria", "Borno", "Maiduguri", 11.85, 13.16),
    ("Mali", "Mopti", "Sevare", 14.53, -4.10),
    ("Somalia", "Banadir", "Mogadishu", 2.04, 45.34),
    ("Sudan", "North Darfur", "El Fasher", 13.63, 25.35),
    ("Burkina Faso", "Sahel", "Djibo", 14.10, -1.63),
    ("Cameroon", "Far North", "Mora", 11.05, 14.14),
    ("Niger", "Tillaberi", "Ayorou", 14.73, 0.92),
    ("Chad", "Lac", "Bol", 13.46, 14.71),
    ("Kenya", "Mandera", "Mandera", 3.94, 41.86),
]
OUTLETS = ("Daily Courier", "Wire Service", "Regional Radio")
# How each outlet tells an attack in its own words (made up for this test), and the toll it gives.
WORDING = (
    "Gunmen attacked {town} on {day}, killing {n} villagers, local officials said.",
    "At least {n} civilians died when armed men raided {town} in {admin1} on {day}, a resident told reporters.",
    "The raid on {town} on {day} left {n} people dead, according to the regional health office.",
)


def _incidents() -> list[tuple[Article, list[EventRecord]]]:
    """Three outlets' reports of one attack per town: 27 articles, 9 true events, interleaved by outlet."""
    pairs: list[tuple[int, Article, EventRecord]] = []
    start = date(2025, 1, 6)
    for k, (country, admin1, town, lat, lon) in enumerate(TOWNS):
        day = start + timedelta(days=21 * k)
        for o, (outlet, wording) in enumerate(zip(OUTLETS, WORDING, strict=True)):
            n = 8 + k + o  # the outlets disagree a little on the toll
            text = wording.format(town=town, admin1=admin1, day=day.strftime("%A %d %B"), n=n)
            article = Article.from_text(text, title=f"Attack on {town}", published=day + timedelta(days=o),
                                        source=outlet)  # fmt: skip
            toll = str(n)
            at = text.index(toll)
            record = EventRecord(
                event_id=f"{article.id}-1", event_date=day.isoformat(), time_precision=1,
                event_type="Violence against civilians", sub_event_type="Attack",
                actor1=f"Unidentified Armed Group ({country})", inter1=3, actor2=f"Civilians ({country})", inter2=7,
                country=country, admin1=admin1, location=town, latitude=lat, longitude=lon, geo_precision=1,
                fatalities=n, notes=text,
                evidence=[Evidence("fatalities", article.id, at, at + len(toll), toll)],
                articles=[ArticleRef(article.id, None, None, article.title, (day + timedelta(days=o)).isoformat(),
                                     outlet)],
            )  # fmt: skip
            pairs.append((o, article, record))
    # The first outlet of every incident first, then the second ones, then the third.
    pairs.sort(key=lambda p: p[0])
    return [(article, [record]) for _, article, record in pairs]


def _write(db_url: str, order: Sequence[int], start: float, seed: int) -> None:
    """One writer process: ingest the incidents' articles in this order, with small random pauses."""
    items = _incidents()
    rng = random.Random(seed)
    with open_store(db_url) as store:
        time.sleep(max(0.0, start - time.time()))  # every writer starts at the same moment
        for k in order:
            article, events = items[k]
            if not store.has_article(article.id):  # as `sitrep ingest` does, racing the other writers
                store.ingest(article, events)
            time.sleep(rng.random() * 0.003)


def _run_writers(db_url: str, orders: Sequence[Sequence[int]]) -> None:
    open_store(db_url).close()  # the schema first (its own race is tested in test_migrations)
    context = multiprocessing.get_context("fork")
    start = time.time() + 1.0
    writers = [context.Process(target=_write, args=(db_url, order, start, n)) for n, order in enumerate(orders)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=300)
    assert [w.exitcode for w in writers] == [0] * len(writers)


def _outcome(store: EventStore) -> dict[str, object]:
    """What a run stored: counts, the live events (id -> their reports' ids) and every report kept."""
    live = {e.event_id: sorted(r.event_id for r in store.reports(e.event_id)) for e in store.events()}
    return {
        "counts": store.counts(),
        "reports": store.db.scalar("SELECT COUNT(*) FROM event_reports"),
        "live": live,
    }


def test_concurrency_four_writers_in_one_order_store_what_one_writer_stores(db_url: str, other_db_url: str) -> None:
    n = len(_incidents())
    order = list(range(n))
    _run_writers(db_url, [order] * WRITERS)
    _run_writers(other_db_url, [order])
    with open_store(db_url) as together, open_store(other_db_url) as alone:
        assert _outcome(together) == _outcome(alone)  # ids included
        assert _outcome(alone)["counts"] == {"articles": n, "events": len(TOWNS), "evidence": n, "mentions": 0}
        assert [e.to_dict() | {"timestamp": 0} for e in together.events()] == [
            e.to_dict() | {"timestamp": 0} for e in alone.events()
        ]


def test_concurrency_four_writers_in_different_orders_never_store_twice(db_url: str, other_db_url: str) -> None:
    n = len(_incidents())
    # Each writer starts at another quarter of the list and goes round: every article is raced by all four,
    # and reports of one incident arrive at the same moment from different writers.
    orders = [[(k + w * n // WRITERS) % n for k in range(n)] for w in range(WRITERS)]
    _run_writers(db_url, orders)
    _run_writers(other_db_url, [list(range(n))])
    with open_store(db_url) as together, open_store(other_db_url) as alone:
        raced, single = _outcome(together), _outcome(alone)
        assert raced["counts"] == single["counts"]
        assert raced["reports"] == single["reports"] == n  # every report kept, none twice
        # The same events (reports grouped alike); an event keeps the id of whichever report came first.
        assert sorted(raced["live"].values()) == sorted(single["live"].values())
        assert all(event_id in reports for event_id, reports in raced["live"].items())
        assert len(together.events(include_deleted=True)) == len(TOWNS)  # no event was made twice


def _ingest_one(db_url: str, k: int, start: float) -> None:
    article, events = _incidents()[k]
    with open_store(db_url) as store:
        time.sleep(max(0.0, start - time.time()))
        store.ingest(article, events)


@pytest.mark.parametrize("delay", [0.0, 0.002, 0.005, 0.01])
def test_concurrency_an_edit_racing_an_ingest_is_neither_lost_nor_overwritten(db_url: str, delay: float) -> None:
    items = _incidents()
    first, second = 0, len(TOWNS)  # Maiduguri as told by the first outlet, then by the second
    with open_store(db_url) as store:
        store.ingest(*items[first])
        (event,) = store.events()
        desk = Desk(store)
        seen = desk.get(event.event_id)
        start = time.time() + 0.5
        writer = multiprocessing.get_context("fork").Process(target=_ingest_one, args=(db_url, second, start))
        writer.start()
        time.sleep(max(0.0, start + delay - time.time()))
        try:
            desk.edit(event.event_id, {"fatalities": 99}, who="amina", version=seen.version)
            edited_first = True
        except StaleVersion:
            edited_first = False
        writer.join(timeout=60)
        assert writer.exitcode == 0
        after = desk.get(event.event_id)
        assert len(store.reports(event.event_id)) == 2  # the ingest landed either way
        if edited_first:
            # The ingest rewrote the event afterwards and kept the analyst's value.
            assert after.record.fatalities == 99 and "fatalities" in after.locked_fields
            assert after.version > seen.version + 1
        else:
            # The ingest came first: the edit was refused, not applied over it; the retry lands.
            assert after.record.fatalities != 99 and after.version > seen.version
            retried = desk.edit(event.event_id, {"fatalities": 99}, who="amina", version=after.version)
            assert retried.record.fatalities == 99
        actions = [h.action for h in store.history(event.event_id)]
        assert sorted(actions) == ["create", "edit", "update"]
