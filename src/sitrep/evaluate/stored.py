"""Score the events a store holds instead of running the extractor: `sitrep eval --dataset NAME --db URL`.

After a desk has ingested a dataset's articles and corrected the records, this says how accurate the stored
records are, with the same tables and metrics as a run of the extractor:

    with open_store("postgresql://desk@db/sitrep") as store:
        reports = run_eval("wikinews", split="tune", store=store)

How a dataset's text finds its stored article: by article id. Ingest keys an article by the hash of its text
as `sitrep.read` reads it (`model.article_id_for`), and the loaders read the dataset's files the same way, so
the same text ingested from any folder, under any name and with any `--date`, has the same id. A stored article
whose text differs (the file was edited after the ingest) is another article: its records were drawn from
another text, and scoring them against this text's gold would say nothing true, so it is not matched by name.

A text the store lacks is *missing*: it is left out of the scores (its gold is not counted as missed, nor
its absence as a perfect answer), and the report says so in a row of its own and in a note that names the
missing texts (those of a sealed held part by count only, see `DatasetSpec.sealed_held`).

The stored article's events are its live events (not merged away) that cite it, as the desk shows them
(`Desk.events_of_article`): the analyst's corrections included, and a merged event that several articles
report counted for each of them (and once in a news collection's pooled score). Events the desk rejected are
left out (the analyst said they report no event) and counted in a note.
"""

from __future__ import annotations

__all__ = ["StoredPredictions", "MISSING_ROW", "match_stored"]

from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.evaluate.gold import EvalItem
from sitrep.evaluate.metrics import Report
from sitrep.model import Article, EventRecord
from sitrep.store.contract import EventStore
from sitrep.store.desk import Desk

# The row that counts a dataset's texts the store lacks (its n: the texts asked for).
MISSING_ROW = "texts not in the store"
_SHOWN_MISSING = 20  # ids named in the note; the errors file lists every one


@dataclass
class StoredPredictions:
    """A dataset's texts split into those the store holds and those it lacks, and a reader of the stored events.

    `extract` is an extractor (Article -> events) for the runner: it reads the article's stored events.
    """

    store: EventStore
    found: list[EvalItem]
    missing: list[EvalItem]
    rejected: int = 0
    events: int = 0
    seen: set[str] = field(default_factory=set, init=False, repr=False)
    desk: Desk = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.desk = Desk(self.store)

    def extract(self, article: Article) -> list[EventRecord]:
        """The stored article's live events, without those the desk rejected."""
        kept: list[EventRecord] = []
        for stored in self.desk.events_of_article(article.id):
            if stored.review_state == "rejected":
                self.rejected += 1
                continue
            kept.append(stored.record)
            if stored.record.event_id not in self.seen:
                self.seen.add(stored.record.event_id)
                self.events += 1
        return kept

    def annotate(self, report: Report, *, sealed_held: bool) -> None:
        """Add the missing-texts row and the notes that say where the records came from."""
        asked = len(self.found) + len(self.missing)
        report.extra_rows.append((MISSING_ROW, asked, float(len(self.missing))))
        report.notes.insert(
            0,
            f"records read from the store {self.store.db.name}, not extracted: {self.events} stored events "
            f"for {len(self.found)} of the {asked} texts asked for",
        )
        if self.rejected:
            report.notes.insert(1, f"{self.rejected} events the desk rejected left out (they report no event)")
        if self.missing:
            report.notes.insert(1, _missing_note(self.missing, len(self.found), sealed_held=sealed_held))

    def missing_rows(self, *, sealed_held: bool) -> list[dict[str, str]]:
        """One errors-file row per missing text (none for a sealed held part: not even its names are written)."""
        return [
            {"dataset": item.dataset, "id": item.id, "split": item.split, "missing": "not in the store"}
            for item in self.missing
            if not (sealed_held and item.split == "held")
        ]


def _missing_note(missing: Sequence[EvalItem], scored: int, *, sealed_held: bool) -> str:
    named = [item.id for item in missing if not (sealed_held and item.split == "held")]
    hidden = len(missing) - len(named)
    shown = ", ".join(named[:_SHOWN_MISSING]) + (", ..." if len(named) > _SHOWN_MISSING else "")
    parts = [shown] if shown else []
    if hidden:
        parts.append(f"{hidden} held (not named)")
    return (
        f"{len(missing)} texts are not in the store and are not scored (the scores are over the {scored} stored "
        f"ones; ingest the others to score them): " + "; ".join(parts)
    )


def match_stored(store: EventStore, items: Sequence[EvalItem]) -> StoredPredictions:
    """Split `items` into those whose text the store holds (by article id) and those it lacks, in order."""
    found: list[EvalItem] = []
    missing: list[EvalItem] = []
    for item in items:
        (found if store.has_article(item.article.id) else missing).append(item)
    return StoredPredictions(store=store, found=found, missing=missing)
