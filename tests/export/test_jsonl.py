"""JSONL export: one to_dict() object per line, UTF-8 text unescaped."""

from __future__ import annotations

import io
import json

from sitrep.export.jsonl import write_jsonl
from sitrep.model import EventRecord

from .samples import samples


def test_jsonl_one_object_per_event() -> None:
    out = io.StringIO()
    events = samples()
    assert write_jsonl(events, out) == 3
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in events]


def test_jsonl_reads_back_into_equal_records() -> None:
    out = io.StringIO()
    events = samples()
    write_jsonl(events, out)
    assert [EventRecord.from_dict(json.loads(line)) for line in out.getvalue().splitlines()] == events


def test_jsonl_unicode_written_as_is() -> None:
    out = io.StringIO()
    write_jsonl(samples(), out)
    text = out.getvalue()
    assert "Ménaka" in text and "حمص" in text
    assert "\\u" not in text
    text.encode("utf-8")  # and it is encodable as UTF-8


def test_jsonl_newline_in_notes_stays_on_one_line() -> None:
    out = io.StringIO()
    write_jsonl(samples()[2:], out)
    assert out.getvalue().count("\n") == 1


def test_jsonl_zero_events_writes_nothing() -> None:
    out = io.StringIO()
    assert write_jsonl([], out) == 0
    assert out.getvalue() == ""


def test_jsonl_accepts_a_generator() -> None:
    out = io.StringIO()
    assert write_jsonl((e for e in samples()), out) == 3
