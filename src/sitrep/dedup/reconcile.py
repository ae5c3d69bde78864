"""Reconciliation: the records of one event (one per source) -> one EventRecord, following ACLED's rules.

* fatalities: the most conservative credible figure. Every toll reported is kept in `fatality_reports`
  with its source and day; a revised official toll ("the death toll rose to 30") supersedes every figure
  reported before it, and among the figures still current the lowest wins (ACLED codes the lowest
  estimate). `fatalities_low`/`fatalities_high` give the UCDP-style range of the current figures.
* place, precision and admin units come together from the most specific source (lowest geo_precision,
  then coordinates, then the most admin units named); actors likewise come together from the source that
  names them best (a named actor beats a generic one such as "Unidentified Armed Group").
* date: the most precise, then the earliest; sub-event type: the most specific one reported.
* evidence, articles, sources, tags and related events: the union of all sources.

Every choice depends only on the set of records, never on their order, so an event rebuilt from its
sources is the same whether they arrived in one run or in several.
"""

from __future__ import annotations

__all__ = ["reconcile", "fatality_reports_of", "credible_toll", "is_revised", "REVISION_CUES"]

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sitrep import taxonomy
from sitrep.dedup.frame import is_generic_actor
from sitrep.dedup.revision import REVISION_CUES, is_revised
from sitrep.model import ArticleRef, EventRecord, FatalityReport

# Sub-event types a more specific report should replace ("an attack" vs "a suicide bombing").
_VAGUE_SUBTYPES = frozenset({"Attack", "Armed clash", "Other", "Shelling/artillery/missile attack"})
_SUBTYPE_ORDER = {name: k for k, name in enumerate(taxonomy.SUB_EVENT_TYPES)}


def fatality_reports_of(record: EventRecord) -> list[FatalityReport]:
    """The tolls one record stands for: its own reports, or its one figure from its first article.

    A record without deaths reports no figure (ACLED: no number is not a zero).
    """
    if record.fatality_reports:
        return list(record.fatality_reports)
    if record.fatalities <= 0:
        return []
    first = record.articles[0] if record.articles else None
    return [
        FatalityReport(
            value=record.fatalities,
            article_id=first.id if first else record.event_id,
            source=(first.source if first and first.source else record.source) or None,
            date=(first.date if first and first.date else record.event_date) or None,
            revised=is_revised(record),
        )
    ]


def credible_toll(reports: Sequence[FatalityReport]) -> tuple[int, int | None, int | None]:
    """ACLED's conservative figure and the UCDP-style range from the reported tolls.

    The latest revised figure supersedes everything reported before its day; later unrevised reports
    only count when they do not go below it (a stale repeat of the first count is not credible).

    Args:
        reports: every toll reported for the event.

    Returns:
        (fatalities, low, high); (0, None, None) when no figure was reported.
    """
    figures = [r for r in reports if r.value > 0]
    if not figures:
        return 0, None, None
    revised = [r for r in figures if r.revised]
    if revised:
        latest = max(r.date or "" for r in revised)
        official = min(r.value for r in revised if (r.date or "") == latest)
        current = [r for r in revised if (r.date or "") == latest]
        current += [r for r in figures if (r.date or "") > latest and not r.revised and r.value >= official]
    else:
        current = figures
    values = [r.value for r in current]
    return min(values), min(values), max(values)


def reconcile(records: Sequence[EventRecord], event_id: str | None = None) -> EventRecord:
    """One event from the records that report it.

    Args:
        records: one or more records of the same event (any order).
        event_id: the id the event keeps (default: the first record's).

    Returns:
        The reconciled EventRecord. A single record comes back unchanged except for its fatality
        report and range.

    Raises:
        ValueError: no records.
    """
    if not records:
        raise ValueError("reconcile needs at least one record")
    reports = _union_reports(records)
    fatalities, low, high = credible_toll(reports)
    if len(records) == 1:
        only = records[0]
        return replace(
            only,
            event_id=event_id or only.event_id,
            fatality_reports=reports,
            fatalities=fatalities if reports else only.fatalities,
            fatalities_low=low,
            fatalities_high=high,
            deleted=False,
            merged_into="",
        )
    place = min(records, key=_place_rank)
    actors = min(records, key=_actor_rank)
    when = min(records, key=lambda r: (r.time_precision, r.event_date or "9999"))
    sub = min((r.sub_event_type for r in records), key=_subtype_rank)
    event_type = taxonomy.SUB_EVENT_TYPES.get(sub, actors.event_type)
    articles = _union_articles(records)
    order = {a.id: k for k, a in enumerate(articles)}
    evidence = sorted(
        {(e.field, e.article_id, e.start, e.end, e.text): e for r in records for e in r.evidence}.values(),
        key=lambda e: (order.get(e.article_id, len(order)), e.start, e.end, e.field),
    )
    injuries = [r.injuries for r in records if r.injuries > 0]
    merged = replace(
        place,
        event_id=event_id or records[0].event_id,
        event_date=when.event_date,
        time_precision=when.time_precision,
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=taxonomy.disorder_type(sub) if sub in taxonomy.SUB_EVENT_TYPES else actors.disorder_type,
        actor1=actors.actor1,
        assoc_actor_1=actors.assoc_actor_1,
        inter1=actors.inter1,
        actor2=actors.actor2,
        assoc_actor_2=actors.assoc_actor_2,
        inter2=actors.inter2,
        interaction=actors.interaction,
        civilian_targeting="Civilian targeting" if any(r.civilian_targeting for r in records) else "",
        source=_union_text(r.source for r in records) or _union_text(a.source for a in articles),
        source_scale=_union_text(r.source_scale for r in records),
        fatalities=fatalities,
        tags=_union_text(r.tags for r in records),
        timestamp=max(r.timestamp for r in records),
        evidence=evidence,
        articles=articles,
        confidence=max(r.confidence for r in records),
        weapon=max((r.weapon for r in records), key=lambda w: (len(w), w)),
        claimed_by=max((r.claimed_by for r in records), key=lambda c: (not is_generic_actor(c), len(c), c)),
        injuries=min(injuries) if injuries else 0,
        related=_union_related(records),
        fatality_reports=reports,
        fatalities_low=low,
        fatalities_high=high,
        deleted=False,
        merged_into="",
    )
    merged.notes = _notes(merged)
    return merged


def _place_rank(r: EventRecord) -> tuple:
    filled = sum(bool(x) for x in (r.admin1, r.admin2, r.admin3, r.location))
    return (r.geo_precision, r.latitude is None, -filled, r.location, r.admin1, r.admin2, r.event_id)


def _actor_rank(r: EventRecord) -> tuple:
    return (
        is_generic_actor(r.actor1),
        is_generic_actor(r.actor2),
        not r.actor1,
        not r.actor2,
        -len(r.assoc_actor_1) - len(r.assoc_actor_2),
        -len(r.actor1),  # "Civilians (Pakistan)" says more than "Civilians"
        -len(r.actor2),
        r.actor1,
        r.actor2,
        r.event_id,
    )


def _subtype_rank(sub: str) -> tuple:
    return (sub in _VAGUE_SUBTYPES, _SUBTYPE_ORDER.get(sub, len(_SUBTYPE_ORDER)), sub)


def _union_reports(records: Sequence[EventRecord]) -> list[FatalityReport]:
    seen: dict[tuple, FatalityReport] = {}
    for record in records:
        for report in fatality_reports_of(record):
            key = (report.article_id, report.value)
            if key not in seen or (report.revised and not seen[key].revised):
                seen[key] = report
    return sorted(seen.values(), key=lambda r: (r.date or "", r.article_id, r.value))


def _union_articles(records: Sequence[EventRecord]) -> list[ArticleRef]:
    refs: dict[str, ArticleRef] = {}
    for record in records:
        for ref in record.articles:
            refs.setdefault(ref.id, ref)
    return sorted(refs.values(), key=lambda a: (a.date or "", a.id))


def _union_text(values: object) -> str:
    parts = {p.strip() for v in values for p in str(v or "").split(";") if p.strip()}  # type: ignore[attr-defined]
    return "; ".join(sorted(parts))


def _union_related(records: Sequence[EventRecord]) -> list[dict]:
    keyed = {json.dumps(x, sort_keys=True, ensure_ascii=False): x for r in records for x in r.related}
    return [keyed[k] for k in sorted(keyed)]


def _notes(r: EventRecord) -> str:
    """ACLED-style notes for a merged event, saying which figure was kept from which sources."""
    try:
        when = date.fromisoformat(r.event_date).strftime("%-d %B %Y")
    except ValueError:
        when = "an unknown date"
    # "Homs, Homs, Syria": a town named as its province is said once.
    where = ", ".join(dict.fromkeys(x for x in (r.location, r.admin1, r.country) if x)) or "an unknown place"
    who = r.actor1 or "an unidentified actor"
    text = f"On {when}, {who} {taxonomy.event_phrase(r.sub_event_type, r.actor2)} in {where}"
    if r.fatality_reports:
        figures = ", ".join(
            f"{f.value} ({f.source or 'unnamed source'}{', ' + f.date if f.date else ''}"
            f"{', revised' if f.revised else ''})"
            for f in r.fatality_reports
        )
        text += f"; {r.fatalities} killed (most conservative credible figure of: {figures})"
    return text + f". Reported by {len(r.articles)} sources."
