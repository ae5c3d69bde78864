"""CSV export: ACLED column order, then sitrep's extras; lists as compact JSON; always a header."""

from __future__ import annotations

import csv
import io
import json

from sitrep.export.csv import CSV_COLUMNS, EXTRA_COLUMNS, write_csv
from sitrep.model import ACLED_COLUMNS

from .samples import kech, samples

EXPECTED_HEADER = [
    *ACLED_COLUMNS,
    "confidence",
    "weapon",
    "claimed_by",
    "injuries",
    "evidence",
    "articles",
    "related",
    "fatality_reports",
    "fatalities_low",
    "fatalities_high",
    "deleted",
    "merged_into",
]


def _read(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_csv_header_is_acled_order_then_extras() -> None:
    out = io.StringIO()
    write_csv(samples(), out)
    header, _ = _read(out.getvalue())
    assert header == EXPECTED_HEADER == CSV_COLUMNS
    assert header[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert header[len(ACLED_COLUMNS) :] == EXTRA_COLUMNS


def test_csv_every_to_dict_field_has_a_column() -> None:
    assert set(kech().to_dict()) == set(CSV_COLUMNS)


def test_csv_values_round_trip() -> None:
    out = io.StringIO()
    events = samples()
    assert write_csv(events, out) == 3
    _, rows = _read(out.getvalue())
    assert len(rows) == 3
    first = rows[0]
    assert first["event_id"] == events[0].event_id
    assert first["year"] == "2025"
    assert first["latitude"] == "26.0" and first["longitude"] == "63.05"
    assert first["fatalities"] == "2"
    assert first["confidence"] == "0.82"
    assert json.loads(first["evidence"]) == [e.to_dict() for e in events[0].evidence]
    assert json.loads(first["articles"]) == [a.to_dict() for a in events[0].articles]
    assert json.loads(first["related"]) == events[0].related
    assert ", " not in first["evidence"]  # compact separators


def test_csv_missing_values_are_empty_cells() -> None:
    out = io.StringIO()
    write_csv(samples(), out)
    _, rows = _read(out.getvalue())
    menaka = rows[1]
    assert menaka["latitude"] == "" and menaka["longitude"] == "" and menaka["iso"] == ""
    assert menaka["related"] == "[]"


def test_csv_unicode_and_quoting_survive() -> None:
    out = io.StringIO()
    events = samples()
    write_csv(events, out)
    _, rows = _read(out.getvalue())
    assert rows[1]["admin1"] == "Ménaka"
    assert rows[1]["notes"] == events[1].notes
    assert rows[2]["location"] == "حمص"
    assert rows[2]["notes"] == 'Gunmen, "masked", attacked a bus.\nSecond line.'
    assert "près de Ménaka" in rows[1]["evidence"]  # not \u-escaped inside the JSON cell


def test_csv_zero_events_writes_header_only() -> None:
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue() == ",".join(EXPECTED_HEADER) + "\n"
    header, rows = _read(out.getvalue())
    assert header == EXPECTED_HEADER and rows == []
