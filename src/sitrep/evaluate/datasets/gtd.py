"""GTD (Global Terrorism Database) 2011 sample as `EvalItem`s.

Row -> Article: text = `summary` without its leading "MM/DD/YYYY:" (or "MM/DD/YYYY (Default Date):") stamp, so
the extractor has to find the date the way it would in news ("On Monday, ..."); published = event date + 1 day
(see `gold.py`; when GTD does not know the day, the stamp's date + 1 day); id = "gtd2011:<eventid>".

Row -> GoldEvent:

* event_date from iyear/imonth/iday (iday 0 = day unknown: date not scored, time_precision 3);
* actor1 = gname, with GTD's placeholders "Unknown", "Gunmen", "Militants" -> "Unidentified Armed Group (<country>)";
* actor2 only where the target type names an ACLED actor: Military -> "Military Forces of <natlty1>",
  Police -> "Police Forces of <natlty1>", Private Citizens & Property -> "Civilians (<natlty1>)"; else not scored;
* country = country_txt, admin1 = provstate, location = city ("Unknown" -> not scored), latitude/longitude
  where present, geo_precision from specificity (1, 2, else 3; a named city without a specificity counts as 2);
* fatalities = nkill (missing, -99 or fractional -> not scored);
* event type from attacktype1 / targtype1 / weaptype1 / weapsubtype1 / suicide, first rule that applies:

| GTD                                                 | event_type                 | sub_event_type                   |
|-----------------------------------------------------|----------------------------|----------------------------------|
| Hostage Taking (Kidnapping / Barricade), Hijacking, | Violence against civilians | Abduction/forced disappearance   |
|   target not Military/Police/Terrorists             |                            |                                  |
|   ... target Military/Police/Terrorists             | (not scored; VAC or Battles match)                            |
| Bombing/Explosion, or any attack with Explosives    | Explosions/Remote violence | Suicide bomb (suicide=1 or       |
|                                                     |                            | carried bodily), Grenade,        |
|                                                     |                            | Shelling/artillery/missile attack|
|                                                     |                            | (Projectile), Remote explosive/  |
|                                                     |                            | landmine/IED (land mine, remote/ |
|                                                     |                            | pressure trigger, time fuse,     |
|                                                     |                            | sticky, vehicle, letter bomb),   |
|                                                     |                            | else not scored                  |
| Armed Assault, Assassination, Unarmed Assault       |                            |                                  |
| (and Facility Attack with Firearms):                |                            |                                  |
|   target Military, Police, Terrorists, Violent Party| Battles                    | Armed clash                      |
|   any other named target (citizens, officials, ...) | Violence against civilians | Attack                           |
|   target Other/Unknown                              | (not scored; Battles or VAC match)                            |
| Facility/Infrastructure Attack, no one killed       | Strategic developments     | Looting/property destruction     |
| anything else (Unknown ...)                         | (not scored)                                                  |
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
from sitrep.taxonomy import BATTLES, EXPLOSIONS, STRATEGIC, VAC

__all__ = ["map_attack", "map_group", "strip_date_stamp", "parse_row", "iter_rows", "load"]

_STAMP = re.compile(r"^\s*(\d{1,2}/\d{1,2}/\d{4})(?:\s*\([^)]*\))?\s*:\s*")
_ABDUCTION = frozenset({"Hostage Taking (Kidnapping)", "Hostage Taking (Barricade Incident)", "Hijacking"})
_ASSAULT = frozenset({"Armed Assault", "Assassination", "Unarmed Assault"})
_ARMED_TARGETS = frozenset(
    {"Military", "Police", "Terrorists", "Terrorists/Non-State Militia", "Violent Political Party"}
)
_UNKNOWN_TARGETS = frozenset({"Other", "Unknown", ""})
_REMOTE = frozenset(
    {"Land Mine", "Remote Trigger", "Pressure Trigger", "Time Fuse", "Sticky Bomb", "Vehicle", "Letter Bomb"}
)
_NEEDED = ("eventid", "iyear", "imonth", "iday", "summary", "attacktype1_txt", "gname")
_PLACEHOLDER_GROUPS = frozenset({"unknown", "gunmen", "militants"})


def map_attack(
    attacktype: str,
    targtype: str,
    weaptype: str = "",
    weapsubtype: str = "",
    suicide: bool = False,
    nkill: int | None = None,
) -> tuple[str | None, str | None, frozenset[str]]:
    """(event_type, sub_event_type, allowed event types) for a GTD attack, by the table in the module docstring."""
    explosive = weaptype.startswith("Explosives")
    if attacktype in _ABDUCTION:
        if targtype in _ARMED_TARGETS:
            return None, None, frozenset({VAC, BATTLES})
        return VAC, "Abduction/forced disappearance", frozenset({VAC})
    if attacktype == "Bombing/Explosion" or explosive:
        if suicide or weapsubtype.startswith("Suicide"):
            sub: str | None = "Suicide bomb"
        elif weapsubtype == "Grenade":
            sub = "Grenade"
        elif weapsubtype.startswith("Projectile"):
            sub = "Shelling/artillery/missile attack"
        elif weapsubtype in _REMOTE:
            sub = "Remote explosive/landmine/IED"
        else:
            sub = None
        return EXPLOSIONS, sub, frozenset({EXPLOSIONS})
    if attacktype in _ASSAULT or (attacktype == "Facility/Infrastructure Attack" and weaptype == "Firearms"):
        if targtype in _ARMED_TARGETS:
            return BATTLES, "Armed clash", frozenset({BATTLES})
        if targtype in _UNKNOWN_TARGETS:
            return None, None, frozenset({BATTLES, VAC})
        return VAC, "Attack", frozenset({VAC})
    if attacktype == "Facility/Infrastructure Attack":
        if not nkill:
            return STRATEGIC, "Looting/property destruction", frozenset({STRATEGIC})
        return None, None, frozenset({STRATEGIC, VAC, BATTLES})
    return None, None, frozenset()


def map_group(gname: str | None, country: str | None) -> str | None:
    """ACLED-style actor1 for a GTD group name: placeholders become "Unidentified Armed Group (<country>)"."""
    if not gname:
        return None
    if gname.strip().lower() in _PLACEHOLDER_GROUPS:
        return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    return gname.strip()


_NOT_A_COUNTRY = frozenset({"international", "multinational", "unknown"})


def _target_actor(targtype: str, nationality: str | None) -> str | None:
    if not nationality or nationality.strip().lower() in _NOT_A_COUNTRY:
        return None
    if targtype == "Military":
        return f"Military Forces of {nationality}"
    if targtype == "Police":
        return f"Police Forces of {nationality}"
    if targtype == "Private Citizens & Property":
        return f"Civilians ({nationality})"
    return None


def strip_date_stamp(summary: str) -> tuple[str, date | None]:
    """(summary without its leading "MM/DD/YYYY:" stamp, the stamp's date or None)."""
    m = _STAMP.match(summary)
    if not m:
        return summary.strip(), None
    return summary[m.end() :].strip(), to_date(m.group(1))


def _event_date(row: dict[str, str]) -> date | None:
    year, month, day = to_int(cell(row, "iyear")), to_int(cell(row, "imonth")), to_int(cell(row, "iday"))
    if not year or not month or not day:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_row(row: dict[str, str]) -> ParsedRow | None:
    """One GTD row -> ParsedRow; None when it has no summary or no eventid."""
    row_id, summary = cell(row, "eventid"), cell(row, "summary")
    if not row_id or not summary:
        return None
    text, stamp = strip_date_stamp(summary)
    event_date = _event_date(row)
    country = cell(row, "country_txt")
    attack, target = cell(row, "attacktype1_txt") or "", cell(row, "targtype1_txt") or ""
    nkill = to_int(cell(row, "nkill"))
    event_type, sub_event_type, allowed = map_attack(
        attack,
        target,
        cell(row, "weaptype1_txt") or "",
        cell(row, "weapsubtype1_txt") or "",
        cell(row, "suicide") == "1",
        nkill,
    )
    city = cell(row, "city")
    if city and city.lower() == "unknown":
        city = None
    provstate = cell(row, "provstate")
    if provstate and provstate.lower() == "unknown":
        provstate = None
    specificity = to_int(cell(row, "specificity"))
    geo_precision = specificity if specificity in (1, 2) else (3 if specificity else (2 if city else 3))
    gold = GoldEvent(
        source_id=row_id,
        event_date=event_date,
        time_precision=1 if event_date else 3,
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_types=allowed,
        actor1=map_group(cell(row, "gname"), country),
        actor2=_target_actor(target, cell(row, "natlty1_txt") or country),
        country=country,
        admin1=provstate,
        location=city,
        latitude=to_float(cell(row, "latitude")),
        longitude=to_float(cell(row, "longitude")),
        geo_precision=geo_precision,
        fatalities=nkill,
        raw_type=f"{attack} / {target}",
    )
    return ParsedRow(row_id=row_id, text=text, published=day_after(event_date or stamp), gold=gold)


def iter_rows(path: Path) -> Iterator[ParsedRow]:
    """Parsed rows of a GTD CSV in file order (rows without a summary are skipped)."""
    return parsed_rows(path, _NEEDED, parse_row)


def load(path: Path, *, dataset: str = "gtd2011", limit: int | None = None, split: str = "all") -> list[EvalItem]:
    """Load a GTD CSV (original column names) as EvalItems.

    Args:
        path: the CSV file.
        dataset: the name used in article ids and the split hash.
        limit: keep the first `limit` items of the split, in file order.
        split: tune, held or all.
    Raises:
        UnreadableFile: the file cannot be opened. InputError: a needed column is missing.
    """
    return build_items(dataset, iter_rows(path), limit=limit, split=split)
