"""PostgresStore's own behaviour: URLs without passwords in messages, one writer at a time per schema, and
`sitrep dedup` giving exactly SQLite's result on the same reports."""

from __future__ import annotations

import json
import random
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.model import Article, ArticleRef, EventRecord, Evidence
from sitrep.store import open_store
from sitrep.store.postgres import display_url

from .samples import pahalgam_article, pahalgam_event


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://sitrep:s3cret@db.example.org:5433/desk", "postgresql://sitrep@db.example.org:5433/desk"),
        ("postgres://sitrep:s3cret@db.example.org/desk", "postgresql://sitrep@db.example.org/desk"),
        ("postgresql+psycopg://amina@localhost/sitrep?sslmode=require", "postgresql://amina@localhost/sitrep"),
        ("postgresql://", "postgresql://"),
    ],
)
def test_postgres_display_url_leaves_the_password_out(url: str, shown: str) -> None:
    assert display_url(url) == shown


def test_postgres_a_writer_waits_for_another_writers_lock(postgres_schema_url: str) -> None:
    import psycopg

    with open_store(postgres_schema_url) as store:
        key = store.db.lock_key
        other = psycopg.connect(postgres_schema_url, autocommit=True)
        other.execute("BEGIN")
        other.execute("SELECT pg_advisory_xact_lock(%s, %s)", (0x53495452, key))
        released = threading.Timer(0.5, lambda: other.execute("COMMIT"))
        released.start()
        began = time.monotonic()
        try:
            assert store.add_article(pahalgam_article(), [pahalgam_event()])
        finally:
            released.join()
            other.close()
        assert time.monotonic() - began >= 0.4  # it waited for the other writer, then wrote


def test_postgres_stores_in_two_schemas_do_not_wait_for_each_other(
    postgres_schema_url: str, postgres_schema_url_2: str
) -> None:
    with open_store(postgres_schema_url) as one, open_store(postgres_schema_url_2) as two:
        assert one.db.lock_key != two.db.lock_key
        with one.db.transaction():
            assert two.add_article(pahalgam_article(), [pahalgam_event()])  # not blocked by `one`


# -- the same `sitrep dedup` on both backends ---------------------------------------------------------------

TOWNS = [
    ("Nigeria", "Borno", "Maiduguri", 11.85, 13.16, "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("Mali", "Mopti", "Sevare", 14.53, -4.10, "JNIM: Group for Support of Islam and Muslims"),
    ("Somalia", "Banadir", "Mogadishu", 2.04, 45.34, "Al Shabaab"),
    ("Burkina Faso", "Sahel", "Djibo", 14.10, -1.63, "Islamic State (Sahel)"),
]
TYPES = [
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
]


def _reports(seed: int = 7, incidents: int = 120) -> list[tuple[Article, EventRecord]]:
    """Reports of made-up incidents, 1-4 outlets each, told differently (dates shifted, tolls that differ,
    unnamed perpetrators, a place without coordinates), with near misses: other incidents the same day in the
    same town. Enough for matching to merge, keep apart and chain-guard."""
    rng = random.Random(seed)
    out: list[tuple[Article, EventRecord]] = []
    for k in range(incidents):
        country, admin1, town, lat, lon, group = TOWNS[k % len(TOWNS)]
        day = date(2025, 1, 1) + timedelta(days=(k // 3) % 40)
        event_type, sub_type = TYPES[rng.randrange(len(TYPES))]
        toll = rng.randrange(1, 40)
        for o in range(rng.randrange(1, 5)):
            told = day + timedelta(days=rng.choice([0, 0, 0, 1, -1]))
            named = rng.random() < 0.7
            actor = group if named else f"Unidentified Armed Group ({country})"
            n = max(0, toll + rng.choice([0, 0, -2, 3]))
            text = f"Outlet {o} on incident {k}: {n} killed near {town} in {admin1} by {actor} ({sub_type})."
            article = Article.from_text(text, title=f"{town} {k}/{o}", published=told + timedelta(days=1),
                                        source=f"Outlet {o}")  # fmt: skip
            at = text.index(f"{n} killed")
            located = rng.random() < 0.8
            record = EventRecord(
                event_id=f"{article.id}-1", event_date=told.isoformat(), time_precision=1, event_type=event_type,
                sub_event_type=sub_type, actor1=actor, inter1=2, actor2=f"Civilians ({country})", inter2=7,
                country=country, admin1=admin1, location=town if located else admin1,
                latitude=lat + rng.uniform(-0.02, 0.02) if located else None,
                longitude=lon + rng.uniform(-0.02, 0.02) if located else None, geo_precision=1 if located else 3,
                fatalities=n, notes=text,
                evidence=[Evidence("fatalities", article.id, at, at + len(str(n)), str(n))],
                articles=[ArticleRef(article.id, None, None, article.title, (told + timedelta(days=1)).isoformat(),
                                     f"Outlet {o}")],
            )  # fmt: skip
            out.append((article, record))
    return out


def _dedup_by_cli(db: str) -> tuple[str, list[dict], list[tuple]]:
    runner = CliRunner()
    result = runner.invoke(main, ["dedup", "--db", db])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["events", "--db", db, "--changed-since", "0", "--format", "jsonl"])
    events = [{k: v for k, v in json.loads(line).items() if k != "timestamp"} for line in listed.stdout.splitlines()]
    with open_store(db) as store:
        history = [(h.id, h.event_id, h.action, h.group_id, h.before, h.after) for h in store.history()]
    return result.output, events, history


def test_postgres_dedup_gives_sqlites_result_on_the_same_reports(tmp_path: Path, postgres_schema_url: str) -> None:
    sqlite_db = str(tmp_path / "same.db")
    reports = _reports()
    for db in (sqlite_db, postgres_schema_url):
        with open_store(db, clock=lambda: 1_735_689_600) as store:
            for article, record in reports:
                store.add_article(article, [record])  # no matching: every report its own event
    on_sqlite, on_postgres = _dedup_by_cli(sqlite_db), _dedup_by_cli(postgres_schema_url)
    assert "merged" in on_sqlite[0] and " 0 merged" not in on_sqlite[0]  # the corpus gives dedup work to do
    assert on_postgres[0] == on_sqlite[0]  # the same summary line
    assert on_postgres[1] == on_sqlite[1]  # every event, merged-away ones too, field for field

    # The same history, with the change times (the real clock) left out.
    def untimed(history: list[tuple]) -> list[tuple]:
        return [(*row[:5], {k: v for k, v in (row[5] or {}).items() if k != "timestamp"}) for row in history]

    assert untimed(on_postgres[2]) == untimed(on_sqlite[2])


def test_postgres_text_with_a_nul_character_is_the_callers_input(postgres_schema_url: str) -> None:
    from sitrep.errors import InputError

    article = Article.from_text("Gunmen killed two guards\x00 at a depot on Monday.", published=date(2024, 5, 6))
    with open_store(postgres_schema_url) as store, pytest.raises(InputError, match="NUL character"):
        store.ingest(article, [], ())
