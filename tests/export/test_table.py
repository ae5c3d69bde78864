"""Terminal table export: the scan-first columns, literal text, a count caption, width-friendly."""

from __future__ import annotations

import io

import pytest

from sitrep.export.table import events_table, write_table

from .samples import kech, samples


def _render(events, width: int = 200) -> str:
    out = io.StringIO()
    write_table(events, out, width=width)
    return out.getvalue()


def test_table_shows_key_fields() -> None:
    text = _render([kech()], width=200)
    for expected in (
        "2025-05-06",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "BLA: Baloch Liberation Army",
        "Kulag Tigran, Balochistan, Pakistan",
        "t1 g2",
    ):
        assert expected in text


def test_table_caption_counts_events() -> None:
    assert "3 events" in _render(samples())
    assert "1 event" in _render([kech()])


def test_table_returns_count() -> None:
    assert write_table(samples(), io.StringIO(), width=120) == 3


def test_table_markup_in_values_is_literal() -> None:
    assert "[Unknown] gunmen" in _render(samples())


def test_table_unicode_place_names() -> None:
    text = _render(samples())
    assert "Ménaka, Mali" in text  # location and admin1 are both "Ménaka": shown once
    assert "حمص" in text


@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_fits_width(width: int) -> None:
    text = _render(samples(), width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert "2025-05-06" in text  # the date column never wraps


@pytest.mark.parametrize("width", [80, 120])
def test_table_keeps_every_column_on_common_widths(width: int) -> None:
    header = "\n".join(_render(samples(), width=width).splitlines()[:4])
    for title in ("Date", "Actor 1", "Actor 2", "Location", "Fatal.", "Prec."):
        assert title in header


def test_table_plain_text_when_not_a_terminal() -> None:
    assert "\x1b[" not in _render(samples())


def test_table_zero_events() -> None:
    text = _render([])
    assert "0 events" in text
    assert events_table([]).row_count == 0
