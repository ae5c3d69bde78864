"""The `sitrep` command: a thin shell over the library.

    sitrep extract PATH... [--format jsonl|csv|geojson|table] [--date YYYY-MM-DD] [--workers N]
    sitrep extract PATH... --engine spark [--master local[2]] [--out DIR]
    sitrep ingest PATH... [--db sitrep.db] [--workers N]
    sitrep import DIR [--db sitrep.db]                              (a Spark run's Parquet)
    sitrep watch SOURCES.toml [--db] [--once] [--interval 10m]
    sitrep fetch URL... [--db]
    sitrep sources [--db]
    sitrep events [--db] [--country --since --until --type --actor] [--changed-since T] [--format ...]
    sitrep dedup [--db sitrep.db]
    sitrep export [--db] --output FILE [--format ...] [filters]
    sitrep db copy SRC DST
    sitrep geoparse PATH... [--format jsonl|table]
    sitrep eval [--dataset NAME] [--limit N] [--split tune|held|all] [--errors FILE] [--workers N | --db [URL]]
    sitrep serve [--db sitrep.db] [--host 127.0.0.1] [--port 8000]     (sitrep.api.cli)
    sitrep token create|list|revoke --name NAME [--db]

--db takes a SQLite file or a postgresql:// URL, and defaults to $SITREP_DB, else sitrep.db.

Library errors become one line on stderr here, at the edge, and nowhere else.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sitrep.cli_inputs import (
    COUNTRY_HELP,
    InputReading,
    input_options,
    parse_country,
    parse_date,
    progress_counter,
)
from sitrep.errors import SitrepError

if TYPE_CHECKING:
    from sitrep.pipeline import ConfidencePolicy

__all__ = ["main"]

EVENT_FORMATS = ["jsonl", "csv", "geojson", "table"]


def _undated(events: Iterable[Any]) -> int:
    """How many of these events have no day (empty event_date)."""
    return sum(1 for e in events if not e.event_date)


def _tell_undated(undated: int) -> None:
    """One line on stderr when some events have no day: their articles had no date, nor did their text."""
    if undated:
        click.echo(
            f"sitrep: {undated} event(s) have no date (empty event_date, time_precision 4): their article has no "
            "publication date and their text no absolute date; give one with --date YYYY-MM-DD.",
            err=True,
        )


def _confidence_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--keep-low",
        is_flag=True,
        help="Keep records below the confidence threshold, tagged 'sitrep: low confidence', instead of dropping them.",
    )(f)
    f = click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        help="Confidence threshold for a record to be emitted (default: the one tuned with the shipped model).",
    )(f)
    return f


def _policy(min_confidence: float | None, keep_low: bool) -> ConfidencePolicy:
    from sitrep.pipeline import ConfidencePolicy

    return ConfidencePolicy(min_confidence=min_confidence, keep_low=keep_low)


def _tell_withheld(withheld: int, min_confidence: float | None) -> None:
    if withheld:
        from sitrep.pipeline.confidence import load_model

        threshold = load_model().threshold if min_confidence is None else min_confidence
        click.echo(
            f"{withheld} record(s) below confidence {threshold:.2f} left out; --keep-low keeps them, tagged.",
            err=True,
        )


def _workers_option(f: Callable[..., Any]) -> Callable[..., Any]:
    from sitrep.engines.local import default_workers

    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=default_workers,
        envvar="SITREP_WORKERS",
        show_default="the machine's cores",
        help="Worker processes, each loading the model once; the output is the same for any number.",
    )(f)


@contextmanager
def _interruptible(what: str, done: Callable[[], str]) -> Iterator[None]:
    """Ctrl-C ends the run with one line saying how far it got (the engine has stopped its workers)."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"sitrep: {what} interrupted; {done()}", err=True)
        sys.exit(130)


def _db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--db: the store (a SQLite file or a postgresql:// URL), from $SITREP_DB when not given."""
    return click.option(
        "--db",
        default="sitrep.db",
        envvar="SITREP_DB",
        show_default=True,
        help="The store: a SQLite file, or postgresql://user@host/name (default: $SITREP_DB, else sitrep.db).",
    )(f)


def _existing_store(db: str, create: str = "sitrep ingest PATH") -> None:
    """Refuse a SQLite file that does not exist (a query would create an empty one); a server is asked.
    `create` is the command that would have made it, for the message."""
    from sitrep.store import is_postgres_url

    if not is_postgres_url(db) and not db.startswith("sqlite://") and not Path(db).exists():
        raise click.ClickException(f"{db}: no such database; create it with `{create} --db {db}`")


def _filters(f: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed(
        [
            _db_option,
            click.option("--country", help="Only events in this country."),
            click.option("--since", callback=parse_date, help="Only events on or after this day (YYYY-MM-DD)."),
            click.option("--until", callback=parse_date, help="Only events on or before this day (YYYY-MM-DD)."),
            click.option("--type", "event_type", help="Only this event type or sub-event type."),
            click.option("--actor", help="Only events with an actor whose name contains this text."),
        ]
    ):
        f = opt(f)
    return f


@click.group()
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: news articles about armed conflict in, ACLED-compatible events with evidence out."""


@main.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS), default="jsonl", show_default=True)
@_confidence_options
@_workers_option
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: worker processes on this machine; spark: Apache Spark (needs Java).")  # fmt: skip
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master: local[2], spark://host:7077, yarn (--engine spark).")  # fmt: skip
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write Parquet (events, evidence, rejects, articles) to this folder (--engine spark).")  # fmt: skip
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Articles per Arrow batch handed to a Spark Python worker (--engine spark).")  # fmt: skip
def extract(
    paths: tuple[str, ...],
    default_date: date | None,
    country_hint: str | None,
    quiet: bool,
    fmt: str,
    min_confidence: float | None,
    keep_low: bool,
    workers: int,
    engine: str,
    master: str,
    out_dir: str | None,
    batch_size: int,
) -> None:
    """Extract events from articles (files or folders) and print them on stdout, one record per event.

    Reports of the same event in several articles are merged (as `ingest` would merge them).
    With --engine spark the same stages run in Spark executors and --out writes Parquet partitioned by
    event month; without --out the records are printed as the local engine prints them.
    """
    if engine == "spark":
        if min_confidence is not None or keep_low:
            # The executors run the pipeline's default policy: the shipped model's threshold.
            raise click.UsageError("--min-confidence and --keep-low go with --engine local")
        if country_hint:
            raise click.UsageError("--country goes with --engine local (the Spark rows do not carry it yet)")
        _extract_spark(paths, default_date, fmt, master, out_dir, batch_size)
        return
    if out_dir:
        raise click.UsageError("--out writes Parquet and goes with --engine spark")
    from sitrep.dedup import dedup_records
    from sitrep.engines import LocalEngine
    from sitrep.export import write_events

    reading = InputReading(quiet)
    events = []
    withheld = 0
    policy = _policy(min_confidence, keep_low)
    with (
        _interruptible("extract", lambda: f"{reading.articles} article(s) read, nothing printed"),
        progress_counter(quiet, "extracting") as tick,
        LocalEngine(workers, policy=policy) as pool,
    ):
        articles = reading.articles_from(paths, default_date, country_hint)
        for extraction in pool.extract(articles, on_failure=reading.on_failure):
            events.extend(extraction.events)
            withheld += extraction.withheld
            tick()
    records = dedup_records(events)
    write_events(records, fmt, sys.stdout)
    _tell_undated(_undated(records))
    _tell_withheld(withheld, min_confidence)
    sys.exit(reading.exit_code())


def _extract_spark(
    paths: tuple[str, ...], default_date: date | None, fmt: str, master: str, out_dir: str | None, batch_size: int
) -> None:
    try:
        from sitrep.engines.spark import SparkRun, spark_session
    except ImportError as exc:
        raise click.ClickException(f"--engine spark needs pyspark ({exc}); install it with `make install`") from None
    from sitrep.export import write_events

    try:
        with spark_session(master) as spark:
            run = SparkRun(spark, list(paths), default_date=default_date, arrow_batch_size=batch_size)
            if out_dir:
                summary = run.write(out_dir)
                click.echo(f"sitrep: {summary}", err=True)
                return
            for message in run.read_errors():
                click.echo(f"sitrep: skipped {message}", err=True)
            for message in run.failures():
                click.echo(f"sitrep: failed {message}", err=True)
            events = run.events()
            write_events(events, fmt, sys.stdout)
            _tell_undated(_undated(events))
            read = run.extracted.count()
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    except Exception as error:  # a failed Spark job: its first line says what, the executors' logs say more
        if type(error).__module__.startswith(("pyspark", "py4j")):
            lines = str(error).strip().splitlines()
            raise click.ClickException(f"the Spark job failed: {lines[0] if lines else type(error).__name__}") from None
        raise
    sys.exit(0 if read else 1)  # as the local engine: non-zero only when nothing at all could be read


@main.command()
@input_options
@_db_option
@_confidence_options
@_workers_option
def ingest(
    paths: tuple[str, ...],
    default_date: date | None,
    country_hint: str | None,
    quiet: bool,
    db: str,
    min_confidence: float | None,
    keep_low: bool,
    workers: int,
) -> None:
    """Extract events from articles and keep them, with their evidence, in the database.

    An article already in the database (same text) is skipped, so re-running changes nothing. An event
    that is already stored (another outlet's or an earlier report of it) gains the new source instead of
    being stored twice; its id stays the same. With --workers N the workers extract and this process alone
    writes, in input order, so the database is the same for any N.
    """
    from sitrep.engines import LocalEngine
    from sitrep.engines.to_store import IngestTally, fresh_articles, store_extraction
    from sitrep.store import open_store

    reading = InputReading(quiet)
    tally = IngestTally()
    where = db
    undated = withheld = 0
    policy = _policy(min_confidence, keep_low)
    try:
        with (
            _interruptible(
                "ingest", lambda: f"{tally.new} new article(s) stored; re-run to go on (stored articles are skipped)"
            ),
            open_store(db) as store,
            progress_counter(quiet, "ingesting") as tick,
            LocalEngine(workers, policy=policy) as pool,
        ):  # fmt: skip
            where = store.db.name  # a URL's password is not repeated on the screen
            fresh = fresh_articles(store, reading.articles_from(paths, default_date, country_hint), tally)
            for extraction in pool.extract(fresh, on_failure=reading.on_failure):
                withheld += extraction.withheld
                stored_before = tally.new
                store_extraction(store, extraction, tally)
                if tally.new > stored_before:
                    undated += _undated(extraction.events)
                tick()
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    failed = f"; {reading.failed} article(s) failed" if reading.failed else ""
    click.echo(
        f"{tally.new} new article(s), {tally.events} new event(s) stored in {where}, {tally.merged} added to stored "
        f"events; {tally.already} already there; {reading.errors} input error(s){failed}.",
        err=True,
    )
    _tell_undated(undated)
    _tell_withheld(withheld, min_confidence)
    sys.exit(reading.exit_code())


@main.command("import")
@click.argument("directory", type=click.Path(file_okay=False))
@_db_option
def import_cmd(directory: str, db: str) -> None:
    """Load a Spark run (the --out folder of `sitrep extract --engine spark`) into the database.

    Each article's reports are matched against the stored events in input order, exactly as `sitrep
    ingest` of the same articles would; articles already stored are skipped, so importing twice changes
    nothing. Needs neither Spark nor Java.
    """
    from sitrep.engines.to_store import import_run
    from sitrep.store import open_store

    try:
        with open_store(db) as store:
            tally = import_run(store, directory)
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"{tally.new} article(s) imported, {tally.events} new event(s) stored in {db}, {tally.merged} added to "
        f"stored events; {tally.already} already there.",
        err=True,
    )


def _query(
    db: str,
    country: str | None,
    since: date | None,
    until: date | None,
    event_type: str | None,
    actor: str | None,
    changed_since: int | None = None,
) -> list[Any]:
    from sitrep.store import open_store

    _existing_store(db)
    try:
        with open_store(db) as store:
            return store.events(
                country=country,
                since=since,
                until=until,
                event_type=event_type,
                actor=actor,
                changed_since=changed_since,
            )
    except SitrepError as error:
        raise click.ClickException(str(error)) from None


def _parse_time(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    from sitrep.store import unix_seconds

    try:
        return unix_seconds(value, "--changed-since")
    except SitrepError:
        raise click.BadParameter(
            f"{value!r} is not a time; use ISO 8601 (2025-05-07T12:00:00Z) or unix seconds"
        ) from None


@main.command()
@_filters
@click.option(
    "--changed-since",
    callback=_parse_time,
    help=(
        "Only events created, changed or deleted since this time (ISO 8601 or unix seconds); "
        "deleted ones are included, flagged."
    ),
)
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS), default="table", show_default=True)
def events(
    db: str,
    country: str | None,
    since: date | None,
    until: date | None,
    event_type: str | None,
    actor: str | None,
    changed_since: int | None,
    fmt: str,
) -> None:
    """List stored events."""
    from sitrep.export import write_events

    write_events(_query(db, country, since, until, event_type, actor, changed_since), fmt, sys.stdout)


@main.command()
@_db_option
def dedup(db: str) -> None:
    """Re-cluster every stored event (e.g. after a rule change) and report how many were merged or split.

    Ids stay stable: merged events keep the oldest id, the others are marked deleted.
    """
    from sitrep.store import open_store

    _existing_store(db)
    try:
        with open_store(db) as store:
            report = store.dedup()
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"{report.reports} report(s) of {report.events_before} event(s) re-clustered: {report.merged} merged, "
        f"{report.split} split, {report.changed} rewritten; {report.events_after} event(s) now.",
        err=True,
    )


@main.command()
@_filters
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="csv", show_default=True)
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="File to write.")
def export(
    db: str,
    country: str | None,
    since: date | None,
    until: date | None,
    event_type: str | None,
    actor: str | None,
    fmt: str,
    output: str,
) -> None:
    """Write stored events to a file (CSV in ACLED's column order, JSONL or GeoJSON)."""
    from sitrep.export import write_events

    rows = _query(db, country, since, until, event_type, actor)
    tmp = Path(output + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        n = write_events(rows, fmt, out)
    tmp.replace(output)  # never leave a half-written export behind
    click.echo(f"{n} event(s) written to {output}", err=True)


@main.group()
def db() -> None:
    """Manage stores: copy a whole store between SQLite and PostgreSQL."""


@db.command("copy")
@click.argument("source")
@click.argument("target")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
def db_copy(source: str, target: str, quiet: bool) -> None:
    """Copy the store SOURCE into TARGET, which must be empty: every article, event, report, history row,
    pin and token, with its id (e.g. from a laptop's sitrep.db to postgresql://user@server/sitrep).

    SOURCE and TARGET are SQLite files or postgresql:// URLs. TARGET is created (a SQLite file) or migrated
    (a PostgreSQL database) first. The copy is one transaction: it is whole or absent.
    """
    from sitrep.store import open_store
    from sitrep.store.copy import copy_store

    _existing_store(source)

    def progress(table: str, rows: int) -> None:
        if not quiet:
            click.echo(f"sitrep: {table}: {rows} row(s)", err=True)

    try:
        with open_store(source) as src, open_store(target) as dst:
            copied = copy_store(src, dst, progress=progress)
            names = (src.db.name, dst.db.name)
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"sitrep: copied {copied['articles']} article(s) and {copied['events']} event(s) "
               f"from {names[0]} to {names[1]}", err=True)  # fmt: skip


@main.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def geoparse(
    paths: tuple[str, ...], default_date: date | None, country_hint: str | None, quiet: bool, fmt: str
) -> None:
    """Find and resolve place names: one line per toponym with its coordinates, admin units and role in the story
    (scene, dateline, speaker, source, actor, origin, destination, home, whose)."""
    from sitrep.geoparse import geoparse as run_geoparse
    from sitrep.geoparse import toponym_rows
    from sitrep.pipeline import default_gazetteer
    from sitrep.text.annotate import annotate

    reading = InputReading(quiet)
    gazetteer = default_gazetteer()
    rows: list[dict[str, Any]] = []
    for article in reading.articles_from(paths, default_date, country_hint):
        rows.extend(toponym_rows(article, run_geoparse(annotate(article), gazetteer)))
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        columns = (
            "text",
            "resolved_name",
            "admin2",
            "admin1",
            "country",
            "latitude",
            "longitude",
            "geo_precision",
            "score",
            "role",
        )
        table = Table(*columns)
        for r in rows:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
        Console(width=max(120, Console().width)).print(table)
    sys.exit(reading.exit_code())


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    from sitrep.monitor import parse_interval

    try:
        return parse_interval(value, where=f"--{param.name}".replace("_", "-"))
    except SitrepError as error:
        raise click.BadParameter(error.message) from None


def _monitor_logging(quiet: bool) -> None:
    """The monitor's one line per source and page, on stderr (warnings only with --quiet)."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    logger = logging.getLogger("sitrep.monitor")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def _print_event(kind: str, event: Any, url: str) -> None:
    """One line per new or changed event, on stdout, as it is stored."""
    day = event.event_date or "unknown day"
    place = event.location or event.country or "unknown place"
    click.echo(f"{kind:7} {event.event_id}  {day}  {event.event_type}  {place}  fatalities {event.fatalities}  {url}")


def _watch_settings(**given: float | int | None) -> Any:
    from sitrep.monitor import WatchSettings

    return WatchSettings(**{k: v for k, v in given.items() if v is not None})


@main.command()
@click.argument("sources_file", type=click.Path())
@_db_option
@click.option("--once", is_flag=True, help="One round, then exit.")
@click.option("--interval", callback=_duration, help="Default time between fetches of a source  [default: 10m].")
@click.option("--host-delay", callback=_duration, help="Time between two requests to one host  [default: 1s].")
@click.option("--recheck", callback=_duration, help="Fetch stored pages again after this long  [default: 1h].")
@click.option("--timeout", callback=_duration, help="Give up on a server silent this long  [default: 20s].")
@click.option("--batch", type=click.IntRange(min=1),
              help="New articles extracted together (1: each stored once read)  [default: 16].")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="Log only failures.")
def watch(
    sources_file: str,
    db: str,
    once: bool,
    interval: float | None,
    host_delay: float | None,
    recheck: float | None,
    timeout: float | None,
    batch: int | None,
    quiet: bool,
) -> None:
    """Follow the feeds, sitemaps and pages of SOURCES_FILE (TOML) and store their events as they appear.

    Every round fetches each source that is due (conditionally, no sooner than its interval), the new pages
    it lists and the stored pages due for a recheck, and prints each new or changed event. A failing source
    is retried with backoff and never stops the others. New articles are extracted in batches (--batch). Ctrl-C
    stops after the current article(s): those fetched so far are stored, nothing more is fetched.
    """
    import signal

    from sitrep.monitor import Watcher, load_sources
    from sitrep.store import open_store

    _monitor_logging(quiet)
    try:
        sources = load_sources(sources_file)
        settings = _watch_settings(
            interval=interval, host_delay=host_delay, recheck=recheck, timeout=timeout, batch=batch
        )
        with open_store(db) as store:
            watcher = Watcher(store, settings, on_event=_print_event)

            def stop_soon(signum: int, frame: Any) -> None:
                click.echo(
                    "sitrep: stopping after the current article(s), those fetched so far (Ctrl-C again to stop now)",
                    err=True,
                )
                watcher.stop.set()
                signal.signal(signal.SIGINT, signal.default_int_handler)

            before = signal.signal(signal.SIGINT, stop_soon), signal.signal(signal.SIGTERM, stop_soon)
            try:
                watcher.run(sources, once=once)
            finally:
                watcher.fetcher.close()
                signal.signal(signal.SIGINT, before[0])
                signal.signal(signal.SIGTERM, before[1])
    except KeyboardInterrupt:
        click.echo("sitrep: stopped; the article being stored was rolled back and will be fetched again", err=True)
        sys.exit(130)
    except SitrepError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.argument("urls", nargs=-1, required=True)
@_db_option
@click.option("--timeout", callback=_duration, help="Give up on a server silent this long  [default: 20s].")
@click.option("--country", "country_hint", callback=parse_country, help=COUNTRY_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Log only failures.")
def fetch(urls: tuple[str, ...], db: str, timeout: float | None, country_hint: str | None, quiet: bool) -> None:
    """Fetch pages once and store their events (robots.txt, limits and skipping as in `watch`).

    Exits 1 when a page could not be fetched or held no article text.
    """
    from sitrep.monitor import Watcher
    from sitrep.store import open_store

    _monitor_logging(quiet)
    failed = 0
    try:
        # recheck=0: a page named on the command line is always fetched again (conditionally).
        settings = _watch_settings(timeout=timeout, recheck=0.0)
        with open_store(db) as store:
            watcher = Watcher(store, settings, on_event=_print_event)
            try:
                for url in urls:
                    outcome = watcher.fetch_page(url, country_hint=country_hint)
                    failed += outcome.status in ("error", "no_text")
            finally:
                watcher.fetcher.close()
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    sys.exit(1 if failed else 0)


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def sources(db: str, fmt: str) -> None:
    """Per watched source: last success and error, articles, events, not-English articles, and the median
    delay from an article's publication to its events in the store."""
    from sitrep.monitor.config import clock_time, delay_text
    from sitrep.store import open_store
    from sitrep.store.monitor import source_status

    _existing_store(db, create="sitrep watch SOURCES.toml")
    try:
        with open_store(db) as store:
            rows = source_status(store)
    except SitrepError as error:
        raise click.ClickException(str(error)) from None
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "source",
        "last success",
        "last error",
        "articles",
        "events",
        "not English",
        "no text",
        "updated",
        "median delay",
    )
    for r in rows:
        error = f"{clock_time(r.last_error_at)} {r.last_error}" if r.last_error else ""
        if r.last_error and r.failures:
            error += f" ({r.failures} failure(s) in a row)"
        table.add_row(
            r.name,
            clock_time(r.last_success_at),
            error,
            str(r.articles),
            str(r.events),
            str(r.not_english),
            str(r.no_text),
            str(r.updated),
            delay_text(r.median_delay_s),
        )
    Console(width=max(120, Console().width)).print(table)


def _add_optional_commands() -> None:
    try:
        from sitrep.evaluate.cli import eval_cmd
    except ImportError:  # the evaluation package is optional at install time
        return
    main.add_command(eval_cmd)


_add_optional_commands()

# The web desk's commands live with the API (sitrep.api.cli).
from sitrep.api.cli import serve, token  # noqa: E402

main.add_command(serve)
main.add_command(token)

if __name__ == "__main__":
    main()
