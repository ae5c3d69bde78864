"""Run an extractor over the gold datasets, print one table per dataset, and write the misses for reading.

    >>> from pathlib import Path
    >>> from sitrep.evaluate import run_eval
    >>> reports = run_eval("acled2020", limit=50, split="tune", errors_path=Path("out/misses.jsonl"))
    >>> reports["acled2020"].value("events: recall")

The data is read from <shared>/eval at run time. <shared> is the `shared_dir` argument if given, else
$SITREP_SHARED if set, else the `shared` folder next to the repository (or `shared/` inside it).
The misses file holds dataset text (ACLED/GTD: internal evaluation only): keep it out of git (`/out/` is ignored).
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from sitrep.errors import ConfigError, SitrepError, StoreError, UnreadableFile
from sitrep.evaluate.datasets import DATASETS, resolve_datasets
from sitrep.evaluate.gold import EvalItem, check_split, stable_rank
from sitrep.evaluate.metrics import ItemResult, Report, classify_item, score_item, summarise
from sitrep.evaluate.news_report import (
    COUNT_ROWS,
    MEAN_ROWS,
    NewsArticleResult,
    summarise_news,
    write_news_rows,
)
from sitrep.evaluate.stored import MISSING_ROW, StoredPredictions, match_stored
from sitrep.model import Article, EventRecord

if TYPE_CHECKING:
    from sitrep.store import EventStore

__all__ = [
    "Extractor",
    "BatchExtractor",
    "find_shared_dir",
    "default_extractor",
    "predict",
    "evaluate_items",
    "evaluate_news_items",
    "run_eval",
    "eval_command",
    "render_report",
    "write_misses",
]

Extractor = Callable[[Article], list[EventRecord]]
BatchExtractor = Callable[[list[Article]], list[list[EventRecord]]]

_REPO_ROOT = Path(__file__).resolve().parents[3]
_COUNT_ROWS = frozenset({"extractor errors", MISSING_ROW}) | COUNT_ROWS
_MEAN_ROWS = frozenset({"spurious events per text"}) | MEAN_ROWS


def find_shared_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The shared data directory (the one holding `eval/`), or None when there is none.

    Uses `explicit` if given, else $SITREP_SHARED if set (neither falls back: a wrong setting should fail,
    not quietly read other data), else the first of <repo>/../shared and <repo>/shared that has eval/.
    """
    if explicit:
        candidates = [Path(explicit)]
    elif os.environ.get("SITREP_SHARED"):
        candidates = [Path(os.environ["SITREP_SHARED"])]
    else:
        candidates = [_REPO_ROOT.parent / "shared", _REPO_ROOT / "shared"]
    for candidate in candidates:
        if (candidate / "eval").is_dir():
            return candidate.resolve()
    return None


def default_extractor() -> tuple[Extractor, BatchExtractor | None]:
    """`sitrep.pipeline.extract_article` (and `extract_many` when the pipeline has it), imported lazily.

    Raises:
        ConfigError: the pipeline has no extract_article yet.
    """
    try:
        pipeline = importlib.import_module("sitrep.pipeline")
    except ImportError as exc:  # pragma: no cover - the package is always importable in a checkout
        raise ConfigError(f"cannot import sitrep.pipeline: {exc}", hint="pass extractor=...") from exc
    extract = getattr(pipeline, "extract_article", None)
    if extract is None:
        raise ConfigError(
            "sitrep.pipeline.extract_article is not available",
            hint="finish the pipeline, or call run_eval(..., extractor=your_function)",
        )
    many = getattr(pipeline, "extract_many", None)
    if many is None:
        return extract, None

    def extract_batch(articles: list[Article]) -> list[list[EventRecord]]:
        # The pipeline's extract_many yields Extraction objects (events + mentions); keep the events.
        return [_events_of(result) for result in many(articles)]

    return extract, extract_batch


def _events_of(result: Any) -> list[EventRecord]:
    """The events of an extractor result: a list of EventRecords, or an object with `.events` (Extraction)."""
    events = getattr(result, "events", result)
    return list(events)


def _prediction(result: Any) -> tuple[list[EventRecord], str | None]:
    """(events, error) of one batch result; an engine's Failure (it has `.reason`) extracted nothing."""
    reason = getattr(result, "reason", None)
    if isinstance(reason, str):
        return [], reason
    return _events_of(result), None


def pooled_extractor(engine: Any) -> BatchExtractor:
    """A batch extractor running on a `sitrep.engines.LocalEngine` (kept open across batches).

    Each article gives its events, or the engine's Failure, which `predict` records as that article's error.
    """

    def extract_batch(articles: list[Article]) -> list[Any]:
        return [getattr(outcome, "events", outcome) for outcome in engine.outcomes(articles)]

    return extract_batch


def predict(
    articles: Sequence[Article],
    *,
    extractor: Extractor | None,
    extract_many: BatchExtractor | None = None,
    batch_size: int = 32,
    fail_fast: bool = False,
) -> list[tuple[list[EventRecord], str | None]]:
    """Run the extractor over `articles`: (events, error message or None) for each, in order.

    One failing article does not sink the run: its error is recorded and it counts as extracting nothing.
    A failing batch is retried article by article when `extractor` is given.

    Raises:
        Exception: whatever the extractor raised, when `fail_fast` is set.
    """
    out: list[tuple[list[EventRecord], str | None]] = []

    def one(article: Article) -> tuple[list[EventRecord], str | None]:
        if extractor is None:
            return [], "no per-article extractor to retry with"
        try:
            return _events_of(extractor(article)), None
        except Exception as exc:
            if fail_fast:
                raise
            return [], f"{type(exc).__name__}: {exc}"

    if extract_many is None:
        return [one(a) for a in articles]
    for start in range(0, len(articles), max(1, batch_size)):
        batch = list(articles[start : start + batch_size])
        try:
            results = list(extract_many(batch))
            if len(results) != len(batch):
                raise ValueError(f"extract_many returned {len(results)} results for {len(batch)} articles")
            out += [_prediction(result) for result in results]
        except Exception:
            if fail_fast:
                raise
            out += [one(a) for a in batch]
    return out


def evaluate_items(
    dataset: str,
    items: Sequence[EvalItem],
    *,
    task: str = "events",
    split: str = "all",
    extractor: Extractor | None = None,
    extract_many: BatchExtractor | None = None,
    batch_size: int = 32,
    fail_fast: bool = False,
) -> tuple[Report, list[ItemResult]]:
    """Extract, match and score a list of items; the core of run_eval, usable without ../shared.

    Returns:
        (the Report, one ItemResult per item in order).
    """
    started = time.perf_counter()
    predictions = predict(
        [item.article for item in items],
        extractor=extractor,
        extract_many=extract_many,
        batch_size=batch_size,
        fail_fast=fail_fast,
    )
    results: list[ItemResult] = []
    for item, (events, error) in zip(items, predictions, strict=True):
        result = classify_item(item, events) if task == "classify" else score_item(item.gold, events, item_id=item.id)
        result.error = error
        results.append(result)
    report = summarise(dataset, results, task=task, split=split, items=items)
    report.seconds = time.perf_counter() - started
    _note_failures(report, [r.error for r in results])
    return report, results


def evaluate_news_items(
    dataset: str,
    items: Sequence[EvalItem],
    *,
    split: str = "all",
    extractor: Extractor | None = None,
    extract_many: BatchExtractor | None = None,
    batch_size: int = 32,
    fail_fast: bool = False,
    distinct_records: bool = False,
) -> tuple[Report, list[NewsArticleResult]]:
    """Extract and score whole news articles (items with `news_gold`) as ../shared/tools/score_events.py does.

    `distinct_records`: the collection holds a record once however many articles gave it (stored events).

    Returns:
        (the Report of the articles pooled, one NewsArticleResult per article in file-name order).
    """
    started = time.perf_counter()
    predictions = predict(
        [item.article for item in items],
        extractor=extractor,
        extract_many=extract_many,
        batch_size=batch_size,
        fail_fast=fail_fast,
    )
    report, results = summarise_news(dataset, items, predictions, split=split, distinct_records=distinct_records)
    report.seconds = time.perf_counter() - started
    _note_failures(report, [error for _, error in predictions])
    return report, results


def _note_failures(report: Report, errors: Sequence[str | None]) -> None:
    failures = Counter(error for error in errors if error)
    if failures:
        message, count = failures.most_common(1)[0]
        report.notes.append(f"{report.errors} extractor errors; most common ({count}x): {message[:200]}")


def _event_dict(event: EventRecord) -> dict[str, Any]:
    keys = (
        "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
        "latitude", "longitude", "fatalities", "confidence",
    )  # fmt: skip
    return {k: getattr(event, k) for k in keys}


def _miss_record(item: EvalItem, result: ItemResult) -> dict[str, Any]:
    return {
        "dataset": item.dataset,
        "id": item.id,
        "split": item.split,
        "published": item.article.published.isoformat() if item.article.published else None,
        "meta": item.meta,
        "error": result.error,
        "text": item.article.text,
        "matched": [
            {"wrong": pair.wrong, "gold": pair.gold.to_dict(), "pred": _event_dict(pair.pred)}
            for pair in result.matches
        ],
        "missed": [g.to_dict() for g in result.missed],
        "spurious": [_event_dict(p) for p in result.spurious],
        "checks": result.extra,
    }


def write_misses(handle: IO[str], items: Sequence[EvalItem], results: Sequence[ItemResult]) -> int:
    """Write one JSON line per imperfect item (gold beside prediction, with the text); returns lines written."""
    written = 0
    for item, result in zip(items, results, strict=True):
        if result.perfect:
            continue
        handle.write(json.dumps(_miss_record(item, result), ensure_ascii=False) + "\n")
        written += 1
    return written


def _format(label: str, n: int | None, value: float | None) -> str:
    if value is None or n == 0:
        return "-"
    if label in _COUNT_ROWS:
        return str(int(value))
    if label in _MEAN_ROWS:
        return f"{value:.2f}"
    if abs(value) > 1:  # a count or a distance from another evaluator, not a rate
        return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
    return f"{value:.3f}"


def render_report(report: Report) -> Table:
    """A rich table of a report: field, n, value."""
    unit = "articles" if report.task in ("geoparse", "news") else "texts"
    title = f"{report.dataset}  ({report.split}, {report.items} {unit}, {report.seconds:.1f}s)"
    table = Table(title=title, title_justify="left")
    table.add_column("field")
    table.add_column("n", justify="right")
    table.add_column("value", justify="right")
    for label, n, value in report.rows():
        table.add_row(label, "" if n is None else str(n), _format(label, n, value))
    return table


def _geowebnews_report(path: Path, limit: int | None, split: str, misses: IO[str] | None = None) -> Report | None:
    """Hook: GeoWebNews is scored by `sitrep.evaluate.geowebnews.evaluate_geowebnews(path, limit)` when present.

    `split` (and an `errors` list, written to the misses file) are passed only if that function takes them.
    Its result may be a Report, or a dict of numbers and of sections ({"n": .., "acc161": ..}) flattened to rows.
    """
    try:
        from sitrep.evaluate.geowebnews import evaluate_geowebnews  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        params = inspect.signature(evaluate_geowebnews).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        params = {}  # type: ignore[assignment]
    kwargs: dict[str, Any] = {}
    if "split" in params:
        kwargs["split"] = split
    found: list[dict[str, Any]] = []
    if misses is not None and "errors" in params:
        kwargs["errors"] = found
    started = time.perf_counter()
    result = evaluate_geowebnews(path, limit, **kwargs)
    if misses is not None:
        for miss in found:
            misses.write(json.dumps({"dataset": "geowebnews", **miss}, ensure_ascii=False, default=str) + "\n")
    if isinstance(result, Report):
        report = result
    else:
        report = Report(dataset="geowebnews", task="geoparse", split=split)
        mapping = result.to_dict() if hasattr(result, "to_dict") else result
        if isinstance(mapping, dict):
            _flatten_rows(report, mapping)
        else:
            report.notes.append(str(result))
    report.seconds = report.seconds or time.perf_counter() - started
    return report


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _flatten_rows(report: Report, mapping: dict[str, Any]) -> None:
    """Rows from a nested score dict: numbers become rows; a section's "n" (or "gold") is its rows' n."""
    for key, value in mapping.items():
        if key == "articles" and _number(value):
            report.items = int(value)
        elif key == "seconds" and _number(value):
            report.seconds = float(value)
        elif _number(value):
            report.extra_rows.append((str(key), None, float(value)))
        elif isinstance(value, (tuple, list)) and len(value) == 2 and all(_number(v) for v in value):
            report.extra_rows.append((str(key), int(value[0]), float(value[1])))
        elif isinstance(value, dict):
            n = value.get("n", value.get("gold"))
            for sub, number in value.items():
                if sub in ("n", "gold") or not _number(number):
                    continue
                report.extra_rows.append((f"{key}: {sub}", int(n) if _number(n) else None, float(number)))


def run_eval(
    dataset: str | None = None,
    *,
    limit: int | None = None,
    split: str = "all",
    errors_path: Path | None = None,
    extractor: Extractor | None = None,
    shared_dir: str | os.PathLike[str] | None = None,
    extract_many: BatchExtractor | None = None,
    batch_size: int = 32,
    console: Console | None = None,
    fail_fast: bool = False,
    store: EventStore | None = None,
) -> dict[str, Report]:
    """Evaluate the extractor on one dataset (or all), print a table per dataset, return the reports.

    Args:
        dataset: a name from `DATASETS` or an alias ("acled" = the three ACLED sets); None for all.
        limit: at most this many texts per dataset, a stable pseudo-random sample (the same every run).
        split: "tune" (~70%, for development), "held" (~30%, for reporting) or "all".
        errors_path: write a JSONL of imperfect texts there (gold beside predicted, with the text).
        extractor: Article -> events; default `sitrep.pipeline.extract_article`, imported lazily.
        shared_dir: the folder holding `eval/` (default: see `find_shared_dir`).
        extract_many: optional batch form, list[Article] -> list[list[EventRecord]], used when given.
        batch_size: articles per extract_many call.
        console: where tables go (default: stdout).
        fail_fast: re-raise the first extractor exception instead of counting it.
        store: score the events this store holds for each text instead of extracting them
            (`sitrep.evaluate.stored`: texts matched by article id; those it lacks are reported, not scored).
    Returns:
        {dataset name: Report}, in run order.
    Raises:
        ValueError: unknown dataset, bad split or limit. UnreadableFile: no shared data, or a named dataset's
        file is missing. ConfigError: no extractor given and the pipeline has none. StoreError: `store` holds
        none of the texts asked for.
    """
    names = resolve_datasets(dataset)
    check_split(split)
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be a positive number, not {limit}")
    shared = find_shared_dir(shared_dir)
    if shared is None:
        raise UnreadableFile(
            str(shared_dir or os.environ.get("SITREP_SHARED") or _REPO_ROOT.parent / "shared"),
            "no evaluation data (a folder with eval/ in it)",
            hint="set $SITREP_SHARED or pass --shared-dir",
        )
    console = console or Console()
    needs_extractor = store is None and any(DATASETS[n].task != "geoparse" for n in names)
    if extractor is None and extract_many is None and needs_extractor:
        extractor, extract_many = default_extractor()
    explicit = dataset is not None and dataset.strip().lower() not in ("", "all")
    reports: dict[str, Report] = {}
    if errors_path is not None:
        errors_path = Path(errors_path)
        errors_path.parent.mkdir(parents=True, exist_ok=True)
    errors_handle = open(errors_path, "w", encoding="utf-8") if errors_path else None  # noqa: SIM115
    try:
        for name in names:
            spec = DATASETS[name]
            path = spec.path(shared)
            if not path.exists():
                if explicit:
                    raise UnreadableFile(str(path), "dataset file missing", hint=f"see {shared}/eval/README.md")
                console.print(f"[yellow]skip {name}: {path} is missing[/yellow]")
                continue
            if spec.task == "geoparse" and store is not None:
                # GeoWebNews scores toponyms in its own texts; a store holds events, not toponym annotations.
                if explicit:
                    raise ConfigError(f"{name} scores the geoparser on its own texts, not stored events: drop --db")
                console.print(f"[yellow]skip {name}: it scores the geoparser, not stored events[/yellow]")
                continue
            if spec.task == "geoparse":
                try:
                    report = _geowebnews_report(path, limit, split, errors_handle)
                except Exception as exc:  # another package's evaluator: report it, keep the other datasets
                    if fail_fast:
                        raise
                    console.print(f"[red]{name} failed: {type(exc).__name__}: {exc}[/red]")
                    continue
                if report is None:
                    if explicit:
                        raise ConfigError(
                            "geowebnews is scored by sitrep.evaluate.geowebnews.evaluate_geowebnews, not importable yet"
                        )
                    console.print(f"[yellow]skip {name}: sitrep.evaluate.geowebnews is not available[/yellow]")
                    continue
            else:
                items = spec.load(shared, split=split)
                items.sort(key=lambda it: stable_rank(name, it.id))
                if limit is not None:
                    items = items[:limit]
                stored: StoredPredictions | None = None
                use_extractor, use_many = extractor, extract_many
                if store is not None:
                    stored = match_stored(store, items)
                    if not stored.found:
                        console.print(
                            f"[yellow]skip {name}: the store holds none of its {len(items)} {split} texts[/yellow]"
                        )
                        continue
                    items, use_extractor, use_many = stored.found, stored.extract, None
                if spec.task == "news":
                    report, news_results = evaluate_news_items(
                        name,
                        items,
                        split=split,
                        extractor=use_extractor,
                        extract_many=use_many,
                        batch_size=batch_size,
                        fail_fast=fail_fast,
                        distinct_records=stored is not None,
                    )
                    if errors_handle is not None:
                        written, withheld = write_news_rows(errors_handle, news_results, sealed_held=spec.sealed_held)
                        report.notes.append(f"{written} article rows written to {errors_path}")
                        if withheld:
                            report.notes.append(f"{withheld} held articles left out of {errors_path}: never read them")
                else:
                    report, results = evaluate_items(
                        name,
                        items,
                        task=spec.task,
                        split=split,
                        extractor=use_extractor,
                        extract_many=use_many,
                        batch_size=batch_size,
                        fail_fast=fail_fast,
                    )
                    if errors_handle is not None:
                        written = write_misses(errors_handle, items, results)
                        report.notes.append(f"{written} imperfect texts written to {errors_path}")
                if stored is not None:
                    stored.annotate(report, sealed_held=spec.sealed_held)
                    if errors_handle is not None:
                        for row in stored.missing_rows(sealed_held=spec.sealed_held):
                            errors_handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            reports[name] = report
            console.print(render_report(report))
            for note in report.notes:
                console.print(f"  {note}")
    finally:
        if errors_handle is not None:
            errors_handle.close()
    if store is not None and not reports:
        raise StoreError(
            f"{store.db.name} holds none of the texts asked for ({dataset or 'every dataset'}, {split})",
            hint="ingest the dataset's articles first (sitrep ingest PATH --db ...), or check --split and --limit",
        )
    return reports


def eval_command(
    dataset: str | None,
    limit: int | None,
    split: str,
    errors: str | os.PathLike[str] | None,
    *,
    shared_dir: str | os.PathLike[str] | None = None,
    extractor: Extractor | None = None,
    extract_many: BatchExtractor | None = None,
    console: Console | None = None,
    err_console: Console | None = None,
    json_path: str | os.PathLike[str] | None = None,
    workers: int = 1,
    db: str | None = None,
) -> int:
    """`sitrep eval` without click: run, print, and return the exit code.

    `db` (a SQLite file or a postgresql:// URL): score the events stored there instead of extracting them.

    Returns:
        0 when it ran; 2 for a bad option value (unknown dataset, split, limit); 1 when the data or the
        extractor is missing, or the store cannot be opened or holds none of the texts.
    """
    err_console = err_console or Console(stderr=True)
    store = None
    if db is not None:
        try:
            store = _open_existing_store(db)
        except SitrepError as exc:
            err_console.print(f"error: {exc}")
            return 1
    engine = None
    batch_size = 32
    if workers > 1 and extractor is None and extract_many is None and store is None:
        from sitrep.engines import LocalEngine

        engine = LocalEngine(workers)
        extract_many = pooled_extractor(engine)
        batch_size = 64 * workers  # big enough that every worker stays busy between batches
    try:
        reports = run_eval(
            dataset,
            limit=limit,
            split=split,
            errors_path=Path(errors) if errors else None,
            extractor=extractor,
            extract_many=extract_many,
            shared_dir=shared_dir,
            console=console,
            batch_size=batch_size,
            store=store,
        )
    except ValueError as exc:
        err_console.print(f"error: {exc}")
        return 2
    except SitrepError as exc:
        err_console.print(f"error: {exc}")
        return 1
    finally:
        if engine is not None:
            engine.close()
        if store is not None:
            store.close()
    if json_path:
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(
            json.dumps({name: r.to_dict() for name, r in reports.items()}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


def _open_existing_store(db: str) -> EventStore:
    """Open the store a --db value names; a SQLite file that does not exist is refused, not created empty.

    Raises:
        StoreError: no such file, or the store cannot be opened.
    """
    from sitrep.store import is_postgres_url, open_store

    if not is_postgres_url(db) and "://" not in db and db != ":memory:" and not Path(db).exists():
        raise StoreError(
            f"{db}: no such database", hint=f"ingest the dataset's articles first: sitrep ingest PATH --db {db}"
        )
    return open_store(db)
