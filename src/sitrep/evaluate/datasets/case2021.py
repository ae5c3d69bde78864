"""CASE 2021 Task 2 test set (snippet -> ACLED sub-event code) as `EvalItem`s.

Row -> Article: text = `EventSnippet`; published = None (the snippets carry no date); id = "case2021:<id>".

Row -> gold: for the 25 ACLED codes, one GoldEvent with only event_type/sub_event_type set (nothing else is
known, so nothing else is scored); for the 5 unseen non-ACLED types (ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO, ATTRIB) no gold event at all, and `meta["unseen"] = True`: the right answer there
is to extract nothing. `meta["label"]` keeps the raw code. The runner scores this dataset as classification
(see `metrics.score_classification`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sitrep.evaluate.datasets._common import ParsedRow, build_items, cell, parsed_rows
from sitrep.evaluate.gold import EvalItem, GoldEvent
from sitrep.taxonomy import SUB_EVENT_TYPES

__all__ = ["CODES", "UNSEEN_CODES", "parse_row", "iter_rows", "load"]

# CASE 2021 code -> ACLED sub-event type (the event type follows from sitrep.taxonomy.SUB_EVENT_TYPES).
CODES: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
# Types the task added that are not ACLED events: a correct extractor reports no event for them.
UNSEEN_CODES = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})


def parse_row(row: dict[str, str]) -> ParsedRow | None:
    """One TSV row -> ParsedRow; None for a row without id, snippet, or with a code we do not know."""
    row_id, text, code = cell(row, "id"), cell(row, "EventSnippet"), cell(row, "SubType")
    if not row_id or not text or not code:
        return None
    code = code.upper()
    if code in UNSEEN_CODES:
        return ParsedRow(row_id=row_id, text=text, published=None, gold=None, meta={"label": code, "unseen": True})
    sub = CODES.get(code)
    if sub is None:
        return None
    event_type = SUB_EVENT_TYPES[sub]
    gold = GoldEvent(
        source_id=row_id,
        event_type=event_type,
        sub_event_type=sub,
        event_types=frozenset({event_type}),
        time_precision=3,
        raw_type=code,
    )
    return ParsedRow(row_id=row_id, text=text, published=None, gold=gold, meta={"label": code, "unseen": False})


def iter_rows(path: Path) -> Iterator[ParsedRow]:
    """Parsed rows of the task-2 TSV in file order."""
    return parsed_rows(path, ("id", "EventSnippet", "SubType"), parse_row, delimiter="\t")


def load(path: Path, *, dataset: str = "case2021", limit: int | None = None, split: str = "all") -> list[EvalItem]:
    """Load the CASE 2021 task-2 TSV as EvalItems.

    Args:
        path: the TSV file (header `id  EventSnippet  SubType`).
        dataset: the name used in article ids and the split hash.
        limit: keep the first `limit` items of the split, in file order.
        split: tune, held or all.
    Raises:
        UnreadableFile: the file cannot be opened. InputError: a needed column is missing.
    """
    return build_items(dataset, iter_rows(path), limit=limit, split=split)
