"""`sitrep eval`: the click shell over `eval_command`. The lead wires it in with `main.add_command(eval_cmd)`."""

from __future__ import annotations

import os

import click

from sitrep.engines.local import default_workers
from sitrep.evaluate.behaviour.run import suites_command
from sitrep.evaluate.behaviour.suites import CAPABILITIES
from sitrep.evaluate.datasets import ALIASES, DATASETS
from sitrep.evaluate.gold import SPLITS
from sitrep.evaluate.runner import eval_command

__all__ = ["eval_cmd"]

_ALIASES = sorted(k for k in ALIASES if k not in DATASETS and k not in {s.folder for s in DATASETS.values()})
_DATASET_HELP = "Dataset to score: " + ", ".join([*DATASETS, *_ALIASES]) + " (folder names work too); default all."


@click.command("eval")
@click.option("--dataset", "dataset", default=None, metavar="NAME", help=_DATASET_HELP)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="At most N texts per dataset, or cases per suite (the same stable sample every run).",
)
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="tune",
    show_default=True,
    help="tune (~70%, for development), held (~30%, for reporting) or all.",
)
@click.option(
    "--errors",
    "errors",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    metavar="FILE",
    help="Write imperfect texts as JSONL (gold beside predicted, with the text); for the news datasets one row per "
    "article, the held part of wikinews left out; with --suites, the failing cases. Keep it out of git.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    metavar="FILE",
    help="Also write the scores as JSON.",
)
@click.option(
    "--suites",
    "suites",
    is_flag=True,
    help="Run the behavioural suites (generated cases per capability; no ../shared needed) instead of the datasets.",
)
@click.option(
    "--suite",
    "suite_names",
    multiple=True,
    type=click.Choice(CAPABILITIES),
    help="Run only this behavioural suite (repeatable); implies --suites.",
)
@click.option(
    "--shared-dir",
    type=click.Path(file_okay=False),
    envvar="SITREP_SHARED",
    default=None,
    help="Folder holding eval/ (default: $SITREP_SHARED, else ../shared next to the repository).",
)
@click.option(
    "--db",
    "db",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[URL]",
    help="Score the events stored in this database (a SQLite file or postgresql://user@host/name) instead of "
    "running the extractor; texts are matched by content, those the store lacks are reported, not scored. "
    "--db alone takes $SITREP_DB, else sitrep.db.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_workers,
    envvar="SITREP_WORKERS",
    show_default="the machine's cores",
    help="Worker processes for the extraction; the scores are the same for any number.",
)
def eval_cmd(
    dataset: str | None,
    limit: int | None,
    split: str,
    errors: str | None,
    json_path: str | None,
    suites: bool,
    suite_names: tuple[str, ...],
    shared_dir: str | None,
    workers: int,
    db: str | None,
) -> None:
    """Score the extractor against the gold datasets in ../shared/eval and print a table per dataset.

    With --suites, run the behavioural suites instead: cases generated from our templates and word lists, pass
    rates per capability (place, nonevents, fatalities, actors, dates, records) and per kind (MFT, INV, DIR);
    --limit N takes a stable sample of N cases per capability, --errors writes the failing cases.

    With --db, score the records a store holds (after an ingest and the desk's corrections) instead of running
    the extractor: each text of the dataset is looked up by its content, rejected events are left out, and the
    texts the store lacks are counted and named, not scored.

    Examples: sitrep eval --dataset acled2020 --limit 200 --split tune --errors out/misses.jsonl;
    sitrep eval --suites --errors out/suite_failures.jsonl;
    sitrep eval --dataset wikinews --split tune --db postgresql://desk@db/sitrep
    """
    if db == "":  # --db without a value: the store every other command uses
        db = os.environ.get("SITREP_DB") or "sitrep.db"
    if suites or suite_names:
        if db is not None:
            raise click.UsageError("--db scores a dataset's stored events; the suites generate their own cases")
        code = suites_command(list(suite_names), limit, errors, json_path)
    else:
        code = eval_command(
            dataset, limit, split, errors, shared_dir=shared_dir, json_path=json_path, workers=workers, db=db
        )
    if code:
        raise SystemExit(code)
