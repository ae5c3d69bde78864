"""Writing into a store: `sitrep import` of a folder that is not a Spark run fails clearly and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.engines.to_store import ARTICLE_COLUMNS, IngestTally, import_run, spark_articles
from sitrep.errors import InputError
from sitrep.model import ArticleRef, EventRecord
from sitrep.store import open_store


def test_import_of_a_folder_without_articles_names_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert f"{tmp_path}: no articles/ dataset here" in result.output
    assert "Traceback" not in result.output


def test_import_refuses_a_parquet_file_of_another_shape(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    pq.write_table(pa.table({"text": ["x"]}), tmp_path / "articles" / "part-0.parquet")
    with pytest.raises(InputError, match="not a sitrep articles file: no column seq"):
        list(spark_articles(tmp_path))


def _write_run(root: Path, rows: list[dict]) -> None:
    (root / "articles").mkdir(parents=True)
    # Two files whose names sort against their order: the importer orders them by their first seq.
    for name, part in (("part-0.parquet", rows[1:]), ("part-1.parquet", rows[:1])):
        pq.write_table(pa.Table.from_pylist(part), root / "articles" / name)


def test_import_ingests_articles_in_seq_order_and_twice_changes_nothing(tmp_path: Path) -> None:
    import json

    def row(seq: int, text: str, day: str) -> dict:
        from sitrep.model import article_id_for

        aid = article_id_for(text)
        record = EventRecord(event_id=f"NGA-{aid[:10]}", event_date=day, time_precision=1, event_type="Battles",
                             sub_event_type="Armed clash", actor1="Unidentified Armed Group (Nigeria)", inter1=2,
                             country="Nigeria", admin1="Borno", location="Maiduguri", latitude=11.85,
                             longitude=13.16, geo_precision=1,
                             articles=[ArticleRef(aid, f"in/{seq}.txt", None, None, day, "Wire")])  # fmt: skip
        return {
            "seq": seq,
            "id": aid,
            "text": text,
            "title": None,
            "published": day,
            "source": "Wire",
            "url": None,
            "path": f"in/{seq}.txt",
            "reports": json.dumps([record.to_dict()]),
            "mentions": "[]",
        }

    rows = [row(5, "First report of a clash.", "2024-03-02"), row(9, "Second report of it.", "2024-03-02")]
    assert set(rows[0]) == set(ARTICLE_COLUMNS)
    _write_run(tmp_path / "run", rows)
    with open_store(str(tmp_path / "s.db")) as store:
        tally = import_run(store, tmp_path / "run")
        again = import_run(store, tmp_path / "run")
        events = store.events()
    assert (tally.new, tally.events, tally.merged) == (2, 1, 1)  # the second report joins the first's event
    assert again == IngestTally(already=2)
    assert [e.event_id for e in events] == [f"NGA-{rows[0]['id'][:10]}"]
