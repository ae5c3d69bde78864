"""ACLED extracts, current schema (2020) and the older schema (2015 Asia, 2016 Africa), as `EvalItem`s.

Row -> Article: text = `notes` (ACLED's coder summary, or for 2015 Asia often the news passage itself) with
trailing coder tags such as "[size=no report]" removed; published = event_date + 1 day (see `gold.py`);
source = `source`; id = "<dataset>:<event_id_cnty>". Rows with the same notes become one article with
several gold events.

Row -> GoldEvent: event_date, time_precision, actor1, actor2 ("" when ACLED leaves it empty, which is scored),
country, admin1, location, latitude/longitude, geo_precision, fatalities, and the event type:

* current schema: event_type and sub_event_type as given;
* older schema (no sub_event_type), mapped onto today's six types only where that is unambiguous:

  | old EVENT_TYPE                              | event_type                 | sub_event_type                      |
  |---------------------------------------------|----------------------------|-------------------------------------|
  | Battle-No change of territory               | Battles                    | Armed clash                         |
  | Battle-Government regains territory         | Battles                    | Government regains territory        |
  | Battle-Non-state actor(s) overtake(s) terr. | Battles                    | Non-state actor overtakes territory |
  | Remote violence                             | Explosions/Remote violence | (not scored)                        |
  | Violence against civilians                  | Violence against civilians | (not scored)                        |
  | Strategic development                       | Strategic developments     | (not scored)                        |
  | Non-violent transfer of territory           | Strategic developments     | Non-violent transfer of territory   |
  | Headquarters or base established            | Strategic developments     | Headquarters or base established    |
  | Riots/Protests                              | (not scored; Protests or Riots both match)                       |

The older layouts differ only in spelling: upper-case names (2015) and ally_actor_1/2 for assoc_actor_1/2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sitrep.evaluate.datasets._common import (
    ParsedRow,
    build_items,
    cell,
    parsed_rows,
    to_date,
    to_float,
    to_int,
)
from sitrep.evaluate.gold import EvalItem, GoldEvent, day_after
from sitrep.taxonomy import BATTLES, EVENT_TYPES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, SUB_EVENT_TYPES, VAC

__all__ = ["OLD_EVENT_TYPES", "map_event_type", "clean_notes", "parse_row", "iter_rows", "load"]

_OVERTAKES = "Non-state actor overtakes territory"
# Older ACLED event types (lower-cased) -> (event_type or None, sub_event_type or None, allowed event types).
OLD_EVENT_TYPES: dict[str, tuple[str | None, str | None, frozenset[str]]] = {
    "battle-no change of territory": (BATTLES, "Armed clash", frozenset({BATTLES})),
    "battle-government regains territory": (BATTLES, "Government regains territory", frozenset({BATTLES})),
    "battle-non-state actor overtakes territory": (BATTLES, _OVERTAKES, frozenset({BATTLES})),
    "battle-non-state actors overtake territory": (BATTLES, _OVERTAKES, frozenset({BATTLES})),
    "remote violence": (EXPLOSIONS, None, frozenset({EXPLOSIONS})),
    "violence against civilians": (VAC, None, frozenset({VAC})),
    "strategic development": (STRATEGIC, None, frozenset({STRATEGIC})),
    "non-violent transfer of territory": (STRATEGIC, "Non-violent transfer of territory", frozenset({STRATEGIC})),
    "headquarters or base established": (STRATEGIC, "Headquarters or base established", frozenset({STRATEGIC})),
    "riots/protests": (None, None, frozenset({PROTESTS, RIOTS})),
}
_CURRENT_TYPES = {t.lower(): t for t in EVENT_TYPES}
_CURRENT_SUBTYPES = {s.lower(): s for s in SUB_EVENT_TYPES}
# ACLED coder tags at the end of notes: "[size=no report]", "[women targeted: candidates]".
_TRAILING_TAG = re.compile(r"\s*\[[^\]\[]*[=:][^\]\[]*\]\s*$")
_LAYOUT = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}


def map_event_type(event_type: str, sub_event_type: str | None) -> tuple[str | None, str | None, frozenset[str]]:
    """(event_type, sub_event_type, allowed types) in today's taxonomy for an ACLED label of either schema.

    Unknown labels give (None, None, empty set): nothing about the type is scored.
    """
    key = " ".join(event_type.lower().split())
    if key in _CURRENT_TYPES:
        current = _CURRENT_TYPES[key]
        sub = _CURRENT_SUBTYPES.get((sub_event_type or "").strip().lower())
        if sub is not None and SUB_EVENT_TYPES[sub] != current:
            sub = None  # a sub-type from another family would be scored against an impossible target
        return current, sub, frozenset({current})
    return OLD_EVENT_TYPES.get(key, (None, None, frozenset()))


def _normalise_row(row: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in row.items():
        name = (key or "").strip().lower()
        out[_LAYOUT.get(name, name)] = value
    return out


def clean_notes(notes: str) -> str:
    """Notes without ACLED's trailing coder tags ("[size=no report]")."""
    text = notes.strip()
    while True:
        stripped = _TRAILING_TAG.sub("", text)
        if stripped == text:
            return text
        text = stripped


def parse_row(raw: dict[str, str]) -> ParsedRow | None:
    """One ACLED row (any of the three layouts) -> ParsedRow; None when it has no notes or no id."""
    row = _normalise_row(raw)
    row_id = cell(row, "event_id_cnty", "data_id")
    notes = cell(row, "notes")
    if not row_id or not notes:
        return None
    event_date = to_date(cell(row, "event_date"))
    event_type, sub_event_type, allowed = map_event_type(cell(row, "event_type") or "", cell(row, "sub_event_type"))
    geo_precision = to_int(cell(row, "geo_precision")) or 3
    gold = GoldEvent(
        source_id=row_id,
        event_date=event_date,
        time_precision=to_int(cell(row, "time_precision")) or 1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_types=allowed,
        actor1=cell(row, "actor1") or "",
        actor2=cell(row, "actor2") or "",
        country=cell(row, "country"),
        admin1=cell(row, "admin1"),
        location=cell(row, "location"),
        latitude=to_float(cell(row, "latitude")),
        longitude=to_float(cell(row, "longitude")),
        geo_precision=geo_precision,
        fatalities=to_int(cell(row, "fatalities")),
        raw_type=" / ".join(v for v in (cell(row, "event_type"), cell(row, "sub_event_type")) if v),
    )
    return ParsedRow(
        row_id=row_id,
        text=clean_notes(notes),
        published=day_after(event_date),
        gold=gold,
        source=cell(row, "source"),
    )


def iter_rows(path: Path) -> Iterator[ParsedRow]:
    """Parsed rows of an ACLED CSV in file order (rows without notes are skipped)."""
    return parsed_rows(
        path, ("event_date", "event_type", "actor1", "notes"), parse_row, header=lambda raw: _normalise_row(raw).keys()
    )


def load(path: Path, *, dataset: str = "acled", limit: int | None = None, split: str = "all") -> list[EvalItem]:
    """Load an ACLED extract of any layout as EvalItems.

    Args:
        path: the CSV file.
        dataset: the name used in article ids and the split hash ("acled2020", ...).
        limit: keep the first `limit` items of the split, in file order.
        split: tune, held or all.
    Raises:
        UnreadableFile: the file cannot be opened. InputError: a needed column is missing.
    """
    return build_items(dataset, iter_rows(path), limit=limit, split=split)
