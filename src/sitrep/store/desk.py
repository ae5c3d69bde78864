"""The analyst's desk: review states, corrections, merges and splits of stored events.

An analyst's correction is final: each field an analyst set joins the event's `locked_fields`, which every
later rewrite keeps (`store.locks`). Every desk action is one write transaction that first checks the
event's `version` (the API's ETag), so two analysts editing one event, or an analyst and an ingest that
touches the event, never silently overwrite each other; it logs rows in `event_history` (who, when,
before, after) next to sitrep's own rows (see `store.history`).

A merge or a split is also pinned (`store.pins`): re-clustering (`sitrep dedup`) keeps the merged reports in
one event and the split parts apart. Both carry the undo detail of sitrep's own merges, so
`Store.undo(history_id)` reverses them and removes their pin; an edit or a review is reversed by another
edit or review.

Usage:
    with open_store("sitrep.db") as store:
        desk = Desk(store)
        current = desk.get("3f2a9c-1")
        desk.edit("3f2a9c-1", {"fatalities": 4}, who="amina", version=current.version)
"""

from __future__ import annotations

__all__ = [
    "REVIEW_STATES",
    "EDITABLE_FIELDS",
    "StoredEvent",
    "SplitPart",
    "Desk",
]

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sitrep import taxonomy
from sitrep.dedup.reconcile import credible_toll, fatality_reports_of, reconcile
from sitrep.errors import EventNotFound, InvalidEdit, StaleVersion
from sitrep.model import UNKNOWN_TIME_PRECISION, EventRecord, Evidence, FatalityReport, event_fields
from sitrep.store import pins
from sitrep.store.history import HistoryEntry, read_history
from sitrep.store.locks import EDITABLE_FIELDS
from sitrep.store.records import (
    REVIEW_STATES,
    StoredEvent,
    link_only_cited,
    read_stored_event,
    write_event,
)
from sitrep.store.reports import add_desk_report, report_ids, reports_of, reports_or_adopt
from sitrep.text.lexicon import NUMBER_WORDS, word_number

if TYPE_CHECKING:
    from sitrep.store.contract import EventStore

# EventRecord's fields an analyst may correct (`locks.EDITABLE_FIELDS`), with their types and limits: declared once,
# on the record (`sitrep.model.event_fields`).
_EDITABLE = {f.name: f for f in event_fields() if f.name in EDITABLE_FIELDS}


@dataclass(frozen=True)
class SplitPart:
    """One event a split produces: which of the original's evidence it keeps, and fields to set."""

    evidence: tuple[int, ...] = ()
    set: Mapping[str, Any] = field(default_factory=dict)


class Desk:
    """Analyst actions on a store's events. Every method that writes runs one write transaction.

    Args:
        store: an open store (any backend).
    """

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.db = store.db

    # -- reading -----------------------------------------------------------------------------------

    def get(self, event_id: str) -> StoredEvent:
        """The live (not merged-away) event with this id.

        Raises:
            EventNotFound: there is none.
        """
        found = self._load(event_id)
        if found is None:
            raise EventNotFound(f"no event {event_id!r}", field="event_id")
        return found

    def find(self, event_ids: Iterable[str]) -> dict[str, StoredEvent]:
        """The live events among `event_ids`, by id (missing and merged-away ones are left out)."""
        out: dict[str, StoredEvent] = {}
        for event_id in event_ids:
            found = self._load(event_id)
            if found is not None:
                out[event_id] = found
        return out

    def history(self, event_id: str) -> list[HistoryEntry]:
        """The event's history (sitrep's rows and the desk's), oldest first."""
        return read_history(self.db, event_id)

    def linked_articles(self, event_id: str) -> list[str]:
        """Ids of the stored articles linked to the event, in id order."""
        rows = self.db.all("SELECT article_id FROM event_articles WHERE event_id = ? ORDER BY article_id", (event_id,))
        return [r[0] for r in rows]

    def events_of_article(self, article_id: str) -> list[StoredEvent]:
        """Live events that cite the article (linked to it, or with evidence in it), by date and id."""
        rows = self.db.all(
            "SELECT event_id FROM events WHERE deleted = 0 AND ("
            " event_id IN (SELECT event_id FROM event_articles WHERE article_id = ?)"
            " OR event_id IN (SELECT event_id FROM evidence WHERE article_id = ?)"
            ") ORDER BY event_date, event_id",
            (article_id, article_id),
        )
        return list(self.find(r[0] for r in rows).values())

    # -- writing -----------------------------------------------------------------------------------

    def edit(self, event_id: str, changes: Mapping[str, Any], *, who: str, version: int | None) -> StoredEvent:
        """Correct fields of an event; they become locked against every later rewrite.

        Changing sub_event_type alone also sets its event_type and disorder_type (ACLED's taxonomy).

        Args:
            event_id: the event.
            changes: field name -> new value (see EDITABLE_FIELDS); values are checked and coerced.
            who: the analyst (token name), recorded in the history.
            version: the version the analyst edited (from the ETag); None skips the check.

        Returns:
            The event after the change (unchanged, with no history row, if every value was the same).

        Raises:
            EventNotFound: no live event with this id.
            StaleVersion: the event's version is not `version`.
            InvalidEdit: an unknown field, a value of the wrong type or out of range; `field` names it.
        """
        if not changes:
            raise InvalidEdit("no fields to change", hint="send at least one field")
        clean = {name: _coerce(name, value) for name, value in changes.items()}
        with self.db.transaction():
            current = self._current(event_id, version)
            clean = _with_day(current.record, _with_taxonomy(current.record, clean))
            before = {k: getattr(current.record, k) for k in clean}
            diff = {k: v for k, v in clean.items() if before[k] != v}
            if not diff:
                return current
            record = replace(current.record, **diff, timestamp=self.db.now())
            locked = tuple(sorted(set(current.locked_fields) | set(diff)))
            self._put(record, locked)
            self._log([_Row(event_id, "edit", {k: before[k] for k in diff}, diff)], who)
            return self._require(event_id)

    def review(
        self, event_id: str, state: str, *, who: str, version: int | None, note: str | None = None
    ) -> StoredEvent:
        """Set the event's review state (confirmed, rejected, needs_check, or back to unreviewed).

        Raises:
            EventNotFound, StaleVersion: as for `edit`.
            InvalidEdit: `state` is not one of REVIEW_STATES.
        """
        if state not in REVIEW_STATES:
            raise InvalidEdit(f"unknown review state {state!r}; use one of {', '.join(REVIEW_STATES)}", field="state")
        with self.db.transaction():
            current = self._current(event_id, version)
            self.db.execute(
                "UPDATE events SET review_state = ?, version = version + 1 WHERE event_id = ?", (state, event_id)
            )
            after: dict[str, Any] = {"review_state": state}
            if note:
                after["note"] = note
            self._log([_Row(event_id, "review", {"review_state": current.review_state}, after)], who)
            return self._require(event_id)

    def merge(
        self,
        event_ids: Sequence[str],
        *,
        who: str,
        keep: str | None = None,
        versions: Mapping[str, int] | None = None,
    ) -> StoredEvent:
        """Merge events that report the same incident into one.

        The reports of every event (one per source article, see `store.history`) move to the kept event,
        which is rebuilt from all of them as sitrep's own dedup would (`dedup.reconcile`: the credible toll,
        every source, every evidence span), keeping the fields an analyst corrected on it. The others are
        marked deleted with `merged_into` naming the kept event.

        Args:
            event_ids: two or more distinct live events.
            who: the analyst.
            keep: the event that survives (default: the first of `event_ids`).
            versions: event_id -> expected version, checked for each id given.

        Returns:
            The merged event.

        Raises:
            EventNotFound: an id is not a live event.
            StaleVersion: a version does not match.
            InvalidEdit: fewer than two distinct ids, or `keep` is not among them.
        """
        ids = list(dict.fromkeys(event_ids))
        if len(ids) < 2:
            raise InvalidEdit("a merge needs at least two different events", field="event_ids")
        keep = keep or ids[0]
        if keep not in ids:
            raise InvalidEdit(f"keep {keep!r} is not among the merged events", field="keep")
        versions = versions or {}
        with self.db.transaction():
            events = {i: self._current(i, versions.get(i)) for i in ids}
            kept = events[keep]
            others = [i for i in ids if i != keep]
            now = self.db.now()
            reports_before = {i: reports_or_adopt(self.db, events[i].record, now) for i in ids}
            sources = [record for i in ids for record in reports_of(self.db, i)]
            merged = reconcile(sources, event_id=keep)
            locked = {f: getattr(kept.record, f) for f in kept.locked_fields if f in EDITABLE_FIELDS}
            merged = replace(merged, **locked, timestamp=now, deleted=False, merged_into="")
            marks = ",".join("?" for _ in others)
            mentions_before = {
                i: [r[0] for r in self.db.execute("SELECT id FROM mentions WHERE event_id = ? ORDER BY id", (i,))]
                for i in others
            }
            self.db.execute(f"UPDATE event_reports SET event_id = ? WHERE event_id IN ({marks})", (keep, *others))
            self.db.execute(f"UPDATE mentions SET event_id = ? WHERE event_id IN ({marks})", (keep, *others))
            self._put(merged, kept.locked_fields)
            reports_after = report_ids(self.db, keep)
            rows: list[_Row] = [
                _Row(keep, "merge", kept.record.to_dict(), {**merged.to_dict(), "merged_from": others},
                     _undo_detail(kept, reports_before[keep], reports_after)),
            ]  # fmt: skip
            for i in others:
                gone = replace(events[i].record, deleted=True, merged_into=keep, timestamp=now)
                self._put(gone, events[i].locked_fields)
                detail = _undo_detail(events[i], reports_before[i], [], merged_into=keep)
                rows.append(_Row(i, "merged_into", events[i].record.to_dict(), {"merged_into": keep},
                                 {**detail, "mentions_before": mentions_before[i]}))  # fmt: skip
            group = self._log(rows, who)
            # Pinned: a later re-clustering keeps these reports in one event (undo removes the pin).
            pins.add_pin(self.db, group, action="merge", actor=who, now=now, parts=[reports_after])
            return self._require(keep)

    def split(self, event_id: str, parts: Sequence[SplitPart], *, who: str, version: int | None) -> list[StoredEvent]:
        """Split an event that mixes several incidents into one event per part.

        The first part stays under the original id; each further part becomes a new event ("<id>-s1",
        "<id>-s2", ...). Each part keeps the original's evidence it names (evidence named by no part stays
        with the first), the articles that evidence cites, and the fields it sets, which become locked.
        A part's toll is recomputed from the death figures its own evidence states (see `_part_toll`) unless
        the part sets `fatalities`. Each of the event's reports (one per source article) goes with the part
        that holds most of its evidence; a part left without one (one article telling two incidents) gets its
        own record as its report. The parts are pinned apart: re-clustering never merges them again, though new
        reports may join either.

        Args:
            event_id: the event to split.
            parts: two or more parts.
            who: the analyst.
            version: the expected version of the event, or None.

        Returns:
            The events after the split, the original first.

        Raises:
            EventNotFound, StaleVersion: as for `edit`.
            InvalidEdit: fewer than two parts, an evidence index out of range or named twice, or a bad
                field value; `field` names it ("parts.1.evidence", "parts.0.set.fatalities").
        """
        if len(parts) < 2:
            raise InvalidEdit("a split needs at least two parts", field="parts")
        with self.db.transaction():
            current = self._current(event_id, version)
            original = current.record
            owner = _evidence_owners(len(original.evidence), parts)
            now = self.db.now()
            reports_before = reports_or_adopt(self.db, original, now)
            records: list[EventRecord] = []
            for p, part in enumerate(parts):
                try:
                    values = {k: _coerce(k, v) for k, v in part.set.items()}
                    values = _with_day(original, _with_taxonomy(original, values))
                except InvalidEdit as exc:
                    raise InvalidEdit(exc.message, field=f"parts.{p}.set.{exc.field}", hint=exc.hint) from None
                evidence = [e for i, e in enumerate(original.evidence) if owner.get(i, 0) == p]
                cited = {e.article_id for e in evidence}
                articles = [a for a in original.articles if a.id in cited] or list(original.articles)
                toll = _part_toll(original, evidence)
                new_id = event_id if p == 0 else self._free_id(event_id)
                record = replace(original, event_id=new_id, evidence=evidence, articles=articles, timestamp=now,
                                 **{**toll, **values})  # fmt: skip
                self._put(
                    record, tuple(sorted(set(current.locked_fields) | set(values))), review_state=current.review_state
                )
                link_only_cited(self.db, record.event_id, [a.id for a in record.articles])
                records.append(record)
            # The reports follow their evidence, so that rebuilding a part from its reports gives that part.
            part_of = _report_parts(reports_of(self.db, event_id), reports_before, [r.evidence for r in records])
            created: dict[int, str] = {}
            for p, record in enumerate(records):
                moved = [r for r in reports_before if part_of[r] == p]
                if p and moved:
                    marks = ",".join("?" for _ in moved)
                    self.db.execute(f"UPDATE event_reports SET event_id = ? WHERE report_id IN ({marks})",
                                       (record.event_id, *moved))  # fmt: skip
                if not moved:
                    created[p] = add_desk_report(self.db, record, now)
            out = [r.event_id for r in records]
            after_reports = [report_ids(self.db, i) for i in out]
            details = [_undo_detail(current, reports_before, after_reports[0])]
            details += [{"reports_before": [], "deleted_before": False, "merged_into_before": "",
                         "reports_after": reports, "deleted_after": False, "merged_into_after": ""}
                        for reports in after_reports[1:]]  # fmt: skip
            for p, report_id in created.items():
                details[p]["reports_created"] = [report_id]  # undo deletes it
            rows = [
                _Row(event_id, "split", original.to_dict(), {**records[0].to_dict(), "split_into": out[1:]}, details[0])
            ]
            rows += [_Row(record.event_id, "split_from", None, {**record.to_dict(), "split_from": event_id}, detail)
                     for record, detail in zip(records[1:], details[1:], strict=True)]  # fmt: skip
            group = self._log(rows, who)
            # Pinned: a later re-clustering keeps the parts apart (undo removes the pin).
            pins.add_pin(self.db, group, action="split", actor=who, now=now, parts=after_reports)
            return [self._require(i) for i in out]

    # -- internals ---------------------------------------------------------------------------------

    def _load(self, event_id: str) -> StoredEvent | None:
        return read_stored_event(self.db, event_id)

    def _require(self, event_id: str) -> StoredEvent:
        found = self._load(event_id)
        if found is None:  # pragma: no cover - only inside a transaction that just wrote it
            raise EventNotFound(f"no event {event_id!r}", field="event_id")
        return found

    def _current(self, event_id: str, version: int | None) -> StoredEvent:
        current = self._load(event_id)
        if current is None:
            raise EventNotFound(f"no event {event_id!r}", field="event_id")
        if version is not None and current.version != version:
            raise StaleVersion(
                f"event {event_id!r} is at version {current.version}, not {version}: someone changed it",
                field="If-Match",
            )
        return current

    def _put(self, record: EventRecord, locked: Sequence[str], *, review_state: str | None = None) -> None:
        """Write a record through the store's one write path, with `locked` as its new lock set.

        The desk is the one writer allowed to change locked fields, so the lock set is cleared for the
        write (the hook then keeps nothing back) and set after it.
        """
        self.db.execute("UPDATE events SET locked_fields = '[]' WHERE event_id = ?", (record.event_id,))
        write_event(self.db, None, record)
        self.db.execute(
            "UPDATE events SET locked_fields = ?, review_state = COALESCE(?, review_state) WHERE event_id = ?",
            (json.dumps(sorted(locked)), review_state, record.event_id),
        )

    def _free_id(self, base: str) -> str:
        k = 1
        while self.db.one("SELECT 1 FROM events WHERE event_id = ?", (f"{base}-s{k}",)):
            k += 1
        return f"{base}-s{k}"

    def _log(self, rows: Sequence[_Row], who: str) -> int:
        """Write the history rows of one action as one group; returns the group id (its first row's id)."""
        now = self.db.now()
        group: int | None = None
        for row in rows:
            row_id = self.db.insert_id(
                "INSERT INTO event_history (event_id, changed_at, actor, article_id, action, before, after, "
                "group_id, detail) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                (
                    row.event_id,
                    now,
                    who,
                    row.action,
                    None if row.before is None else json.dumps(row.before, ensure_ascii=False),
                    json.dumps(row.after, ensure_ascii=False),
                    group,
                    None if row.detail is None else json.dumps(row.detail, ensure_ascii=False),
                ),
            )
            if group is None:
                group = row_id
                self.db.execute("UPDATE event_history SET group_id = ? WHERE id = ?", (group, group))
        assert group is not None, "an action logs at least one row"
        return group


@dataclass
class _Row:
    """One history row of a desk action; `detail` (merges and splits) is what `Store.undo` needs."""

    event_id: str
    action: str
    before: Any
    after: Any
    detail: dict[str, Any] | None = None


def _undo_detail(
    event: StoredEvent, reports_before: list[str], reports_after: list[str], *, merged_into: str = ""
) -> dict[str, Any]:
    """What undoing a desk merge or split needs of a live event it changed (see `store.undo`)."""
    return {
        "reports_before": reports_before,
        "deleted_before": False,
        "merged_into_before": "",
        "locked_before": list(event.locked_fields),
        "reports_after": reports_after,
        "deleted_after": bool(merged_into),
        "merged_into_after": merged_into,
    }


def _part_toll(original: EventRecord, evidence: Sequence[Evidence]) -> dict[str, Any]:
    """The toll of one part of a split, from the death figures its own evidence states.

    Extraction's fatalities evidence is exactly the counts it added up ("killing 19 people", "killing two
    residents"), one span per count, so a part's toll per article is the sum of the figures in the spans it
    holds; `credible_toll` then reconciles the articles as a merge would. A part holding no fatalities
    evidence reported no deaths. An event stored without fatalities evidence (imported, or written before
    evidence was kept) and a span whose figure cannot be read keep that article's reported tolls: the part
    then shows the original's figure, which the analyst corrects.
    """
    if not any(e.field == "fatalities" for e in original.evidence):
        cited = {e.article_id for e in evidence}
        reports = [r for r in original.fatality_reports if r.article_id in cited] or list(original.fatality_reports)
    else:
        stated: dict[str, list[int | None]] = {}
        for e in evidence:
            if e.field == "fatalities":
                stated.setdefault(e.article_id, []).append(stated_figure(e.text))
        known = fatality_reports_of(original)
        reports = []
        for article_id, figures in stated.items():
            of_article = [r for r in known if r.article_id == article_id]
            if None in figures and of_article:
                reports += of_article
                continue
            template = of_article[0] if of_article else FatalityReport(0, article_id)
            reports.append(replace(template, value=sum(f or 0 for f in figures)))
    if not reports:
        return {"fatalities": 0, "fatalities_low": None, "fatalities_high": None, "fatality_reports": []}
    fatalities, low, high = credible_toll(reports)
    return {"fatalities": fatalities, "fatalities_low": low, "fatalities_high": high, "fatality_reports": reports}


_AGES = re.compile(r"\b[\w-]+[- ]years?[- ]old\b", re.IGNORECASE)


def stated_figure(text: str) -> int | None:
    """The first number a fatalities span states, in digits or words ("killing all 12", "twenty-five dead")."""
    run: list[str] = []
    text = _AGES.sub(" ", text)  # "killing a 12-year-old boy": an age, not a count
    for word in re.findall(r"[A-Za-z]+|\d[\d,]*", text):
        if (
            word.lower() in NUMBER_WORDS
            or word[0].isdigit()
            or (run and word.lower() == "and" and run[-1].lower() in ("hundred", "thousand"))
        ):
            run.append(word)
        elif run:
            break
    return word_number(run) if run else None


def _report_parts(
    records: Sequence[EventRecord], report_ids: Sequence[str], parts: Sequence[Sequence[Evidence]]
) -> dict[str, int]:
    """The part each report goes with: the one holding most of its evidence (ties and none: the earliest part)."""
    owner: dict[tuple[Any, ...], int] = {}
    for p, evidence in enumerate(parts):
        for e in evidence:
            owner.setdefault((e.field, e.article_id, e.start, e.end, e.text), p)
    out: dict[str, int] = {}
    for report_id, record in zip(report_ids, records, strict=True):
        votes = [0] * len(parts)
        for e in record.evidence:
            p = owner.get((e.field, e.article_id, e.start, e.end, e.text))
            if p is not None:
                votes[p] += 1
        out[report_id] = max(range(len(parts)), key=lambda p: (votes[p], -p))
    return out


def _evidence_owners(n: int, parts: Sequence[SplitPart]) -> dict[int, int]:
    """Evidence index -> the part that names it; every index in range and named once."""
    owner: dict[int, int] = {}
    for p, part in enumerate(parts):
        for i in part.evidence:
            if not 0 <= i < n:
                raise InvalidEdit(
                    f"evidence index {i} is out of range (the event has {n})", field=f"parts.{p}.evidence"
                )
            if i in owner:
                raise InvalidEdit(f"evidence {i} is named by parts {owner[i]} and {p}", field=f"parts.{p}.evidence")
            owner[i] = p
    return owner


def _coerce(name: str, value: Any) -> Any:
    """Check one corrected value against EventRecord's field type and limits (`sitrep.model.event_fields`)."""
    spec = _EDITABLE.get(name)
    if spec is None:
        raise InvalidEdit(f"{name!r} is not a field an analyst can change", field=name,
                          hint="editable: " + ", ".join(sorted(EDITABLE_FIELDS)))  # fmt: skip
    if value is None:
        if spec.nullable:
            return None
        raise InvalidEdit(f"{name} cannot be empty", field=name)
    if spec.type is int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            raise InvalidEdit(f"{name} must be a whole number, got {value!r}", field=name)
        value = int(value)
    elif spec.type is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise InvalidEdit(f"{name} must be a number, got {value!r}", field=name)
        value = float(value)
    elif not isinstance(value, str):
        raise InvalidEdit(f"{name} must be text, got {value!r}", field=name)
    low, high = spec.rule.ge, spec.rule.le
    if low is not None and high is not None and not low <= value <= high:
        raise InvalidEdit(f"{name} must be between {low:g} and {high:g}, got {value!r}", field=name)
    if name == "event_date":
        try:
            if len(value) != 10:
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise InvalidEdit(f"event_date must be a day as YYYY-MM-DD, got {value!r}", field=name) from None
    if name == "event_type" and value not in taxonomy.EVENT_TYPES:
        raise InvalidEdit(
            f"unknown event_type {value!r}", field=name, hint="one of: " + "; ".join(taxonomy.EVENT_TYPES)
        )
    if name == "sub_event_type" and value not in taxonomy.SUB_EVENT_TYPES:
        raise InvalidEdit(
            f"unknown sub_event_type {value!r}", field=name, hint="see ACLED's codebook (sitrep.taxonomy)"
        )
    return value


def _with_day(record: EventRecord, values: dict[str, Any]) -> dict[str, Any]:
    """Keep event_date and time_precision consistent: a day given to an event of unknown day is a day (precision 1,
    unless the analyst says 2 or 3); a precision of 1-3 needs a day."""
    if "event_date" in values and record.time_precision == UNKNOWN_TIME_PRECISION:
        values.setdefault("time_precision", 1)
    if "time_precision" in values and not values.get("event_date", record.event_date):
        raise InvalidEdit(
            "this event's day is unknown: a time_precision needs an event_date", field="time_precision",
            hint="set event_date (YYYY-MM-DD) too",
        )  # fmt: skip
    return values


def _with_taxonomy(record: EventRecord, values: dict[str, Any]) -> dict[str, Any]:
    """Keep event_type, sub_event_type and disorder_type consistent with ACLED's taxonomy."""
    if "sub_event_type" not in values:
        if "event_type" in values and taxonomy.SUB_EVENT_TYPES.get(record.sub_event_type) != values["event_type"]:
            raise InvalidEdit(
                f"sub_event_type {record.sub_event_type!r} is not a kind of {values['event_type']!r}",
                field="event_type",
                hint="change sub_event_type too (or alone: event_type follows it)",
            )
        return values
    parent = taxonomy.SUB_EVENT_TYPES[values["sub_event_type"]]
    if values.setdefault("event_type", parent) != parent:
        raise InvalidEdit(
            f"sub_event_type {values['sub_event_type']!r} belongs to {parent!r}, not {values['event_type']!r}",
            field="sub_event_type",
        )
    values.setdefault("disorder_type", taxonomy.disorder_type(values["sub_event_type"]))
    return values
