"""UCDP GED sample as `EvalItem`s: headlines only, so this scores short-text extraction, not full articles.

Row -> Article: text = the source headlines (`source_headline`, split on ";", duplicates dropped, one per line);
where that column is empty, the quoted title inside `source_article` (`Reuters 1989-05-17 "TITLE`), or what
follows its date (`BBC 8/16/1999 Title`). Rows with no headline at all (`Tolo TV, Kabul, ... 14 Aug 11`) are
skipped: there is nothing to read. published = the latest `source_date` (the real publication date), or a
date inside `source_article`, or date_end + 1 day; id = "ucdp:<id>". Rows with the same headlines
(several events from one source, such as a timeline page) become one article with several gold events.

Row -> GoldEvent: event_date = date_start, event_date_end = date_end (time_precision 1 when they are the same
day, 2 within a week, else 3); actor1/actor2 = side_a/side_b, unordered (UCDP's side_a is the government,
not the initiator); country, admin1 = adm_1 ("Idlib governorate": the admin word is ignored when scoring),
location = where_coordinates, latitude/longitude, geo_precision from where_prec (1, 2, else 3: location
is scored only at 1-2); fatalities = best. UCDP has no ACLED type, so only the family is used for matching:

  | type_of_violence   | event types that match                                         |
  |--------------------|----------------------------------------------------------------|
  | 1 state-based      | Battles, Explosions/Remote violence                            |
  | 2 non-state        | Battles, Explosions/Remote violence, Violence against civ., Riots |
  | 3 one-sided        | Violence against civilians, Explosions/Remote violence         |
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
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
from sitrep.taxonomy import BATTLES, EXPLOSIONS, RIOTS, VAC

__all__ = ["VIOLENCE_TYPES", "headline_text", "parse_row", "iter_rows", "load"]

VIOLENCE_TYPES: dict[str, frozenset[str]] = {
    "1": frozenset({BATTLES, EXPLOSIONS}),
    "2": frozenset({BATTLES, EXPLOSIONS, VAC, RIOTS}),
    "3": frozenset({VAC, EXPLOSIONS}),
}
_NEEDED = ("id", "source_article", "source_headline", "date_start", "side_a", "best")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2})\b")
_AFTER_DATE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]\d{2,4}\)?:?\s+(?P<title>[^\d].{8,})$")


def _sentence(text: str) -> str:
    text = " ".join(text.strip().strip('"').split())
    return text if not text or text[-1] in ".!?" else text + "."


def headline_text(headlines: str | None, source_article: str | None) -> str:
    """The readable text of a GED row: its headlines, one per line ("" when there is none)."""
    parts: list[str] = []
    if headlines:
        parts = [h for h in headlines.split(";") if h.strip()]
    elif source_article:
        for entry in source_article.split('";"'):
            if '"' in entry.strip().lstrip('"'):
                title = entry.strip().lstrip('"').split('"', 1)[1]
                title = title.split('"', 1)[0]
            else:
                m = _AFTER_DATE.search(entry.strip().strip('"'))
                title = m.group("title") if m else ""
            if title.strip():
                parts.append(title)
    seen: list[str] = []
    for part in parts:
        sentence = _sentence(part)
        if sentence and sentence not in seen:
            seen.append(sentence)
    return "\n".join(seen)


def _published(row: dict[str, str], date_end: date | None) -> date | None:
    candidates = [to_date(d) for d in (cell(row, "source_date") or "").split(";")]
    candidates += [to_date(d) for d in _ISO_DATE.findall(cell(row, "source_article") or "")]
    found = [d for d in candidates if d is not None and (date_end is None or d >= date_end)]
    return max(found) if found else day_after(date_end)


def parse_row(row: dict[str, str]) -> ParsedRow | None:
    """One GED row -> ParsedRow; None when it has no id or no headline text."""
    row_id = cell(row, "id")
    text = headline_text(cell(row, "source_headline"), cell(row, "source_article"))
    if not row_id or not text:
        return None
    start = to_date(cell(row, "date_start"))
    end = to_date(cell(row, "date_end")) or start
    span = (end - start).days if start and end else None
    precision = 1 if span == 0 else (2 if span is not None and span <= 7 else 3)
    where_prec = to_int(cell(row, "where_prec"))
    violence = cell(row, "type_of_violence") or ""
    gold = GoldEvent(
        source_id=row_id,
        event_date=start,
        event_date_end=end if end != start else None,
        time_precision=precision,
        event_types=VIOLENCE_TYPES.get(violence, frozenset()),
        actor1=cell(row, "side_a"),
        actor2=cell(row, "side_b"),
        actors_ordered=False,
        country=cell(row, "country"),
        admin1=cell(row, "adm_1"),
        location=cell(row, "where_coordinates"),
        latitude=to_float(cell(row, "latitude")),
        longitude=to_float(cell(row, "longitude")),
        geo_precision=where_prec if where_prec in (1, 2) else 3,
        fatalities=to_int(cell(row, "best")),
        raw_type=f"type_of_violence={violence}",
    )
    return ParsedRow(
        row_id=row_id, text=text, published=_published(row, end), gold=gold, source=cell(row, "source_office")
    )


def iter_rows(path: Path) -> Iterator[ParsedRow]:
    """Parsed rows of a GED CSV in file order (rows without headline text are skipped)."""
    return parsed_rows(path, _NEEDED, parse_row)


def load(path: Path, *, dataset: str = "ucdp", limit: int | None = None, split: str = "all") -> list[EvalItem]:
    """Load a UCDP GED CSV (original column names) as EvalItems.

    Args:
        path: the CSV file.
        dataset: the name used in article ids and the split hash.
        limit: keep the first `limit` items of the split, in file order.
        split: tune, held or all.
    Raises:
        UnreadableFile: the file cannot be opened. InputError: a needed column is missing.
    """
    return build_items(dataset, iter_rows(path), limit=limit, split=split)
