"""Generate the cases, run the real extractor over them, and report pass rates per capability and kind.

    >>> from sitrep.evaluate.behaviour import run_suites
    >>> report = run_suites(["fatalities"], limit=50)       # doctest: +SKIP
    >>> report.rate("fatalities")                            # doctest: +SKIP
    0.62

The extractor is `sitrep.pipeline.extract_many` (the public entry point) in batches, through the same
`predict` as `sitrep eval`, so one failing case is recorded as an error and the run goes on.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.errors import ConfigError
from sitrep.evaluate.behaviour.cases import KINDS, Case, failed_checks, failures
from sitrep.evaluate.behaviour.compose import expand
from sitrep.evaluate.behaviour.suites import CAPABILITIES, SUITES
from sitrep.evaluate.behaviour.words import WordLists, load_words
from sitrep.evaluate.gold import stable_rank
from sitrep.evaluate.runner import BatchExtractor, Extractor, default_extractor, predict
from sitrep.model import EventRecord

__all__ = [
    "CaseResult",
    "SuiteReport",
    "generate_cases",
    "check_cases",
    "run_suites",
    "render_suites",
    "write_failures",
    "suites_command",
]


def _capabilities(names: Sequence[str] | None) -> list[str]:
    if not names:
        return list(CAPABILITIES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise ConfigError(
            f"no behavioural suite called {', '.join(repr(n) for n in unknown)}",
            hint=f"choose from {', '.join(CAPABILITIES)}",
        )
    return [n for n in CAPABILITIES if n in names]


def generate_cases(
    capabilities: Sequence[str] | None = None, *, limit: int | None = None, words: WordLists | None = None
) -> list[Case]:
    """The cases of the named capabilities (all by default), grouped by capability in a fixed order.

    Args:
        capabilities: suite names (`CAPABILITIES`); None or empty for all.
        limit: at most this many cases per capability: the same stable sample on every run (ordered by a hash
            of the case id, so it mixes templates and kinds).
        words: the word lists (default: the packaged ones).
    Raises:
        ConfigError: an unknown capability name.
    """
    words = words or load_words()
    out: list[Case] = []
    for capability in _capabilities(capabilities):
        cases = expand(capability, SUITES[capability], words)
        if limit is not None and limit < len(cases):
            keep = {c.id for c in sorted(cases, key=lambda c: stable_rank("behaviour", c.id))[:limit]}
            cases = [c for c in cases if c.id in keep]
        out += cases
    return out


@dataclass
class CaseResult:
    """One case, the records extracted from it, and why it failed (empty when it passed)."""

    case: Case
    records: list[EventRecord]
    failures: list[str]
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None

    def to_dict(self) -> dict[str, Any]:
        """The failing-case line of `--errors`: the case, what went wrong, and the records in brief."""
        keys = ("event_type", "event_date", "time_precision", "actor1", "actor2", "location", "admin2", "admin1",
                "country", "latitude", "longitude", "geo_precision", "fatalities")  # fmt: skip
        return {
            **self.case.to_dict(),
            "failures": self.failures + ([f"extractor error: {self.error}"] if self.error else []),
            "records": [{k: getattr(r, k) for k in keys} for r in self.records],
        }


@dataclass
class SuiteReport:
    """Every case's result, and the pass rates read off them."""

    results: list[CaseResult]
    seconds: float = 0.0
    capabilities: list[str] = field(default_factory=list)

    def select(self, capability: str | None = None, kind: str | None = None) -> list[CaseResult]:
        return [
            r
            for r in self.results
            if (capability is None or r.case.capability == capability) and (kind is None or r.case.kind == kind)
        ]

    def rate(self, capability: str | None = None, kind: str | None = None) -> float | None:
        """Share of cases passed (None when there are no such cases)."""
        chosen = self.select(capability, kind)
        return sum(r.passed for r in chosen) / len(chosen) if chosen else None

    def failed_checks(self, capability: str | None = None) -> Counter[str]:
        """How many failing cases failed each check (a case may fail several)."""
        counts: Counter[str] = Counter()
        for result in self.select(capability):
            if result.error:
                counts["extractor error"] += 1
            counts.update(failed_checks(result.failures))
        return counts

    def template_rates(self, capability: str) -> dict[str, tuple[int, float]]:
        """Per template: (cases, pass rate)."""
        by: dict[str, list[bool]] = {}
        for result in self.select(capability):
            by.setdefault(result.case.template, []).append(result.passed)
        return {name: (len(v), sum(v) / len(v)) for name, v in by.items()}

    def to_dict(self) -> dict[str, Any]:
        """Rates per capability, kind and template, and failure counts per check (for --json)."""
        out: dict[str, Any] = {"seconds": round(self.seconds, 1), "cases": len(self.results), "suites": {}}
        for capability in self.capabilities:
            out["suites"][capability] = {
                "cases": len(self.select(capability)),
                "pass": self.rate(capability),
                "kinds": {k: self.rate(capability, k) for k in KINDS if self.select(capability, k)},
                "templates": {k: {"cases": n, "pass": v} for k, (n, v) in self.template_rates(capability).items()},
                "failed_checks": dict(self.failed_checks(capability)),
            }
        out["overall"] = self.rate()
        return out


def check_cases(cases: Sequence[Case], predictions: Sequence[tuple[list[EventRecord], str | None]]) -> list[CaseResult]:
    """Each case checked against its extracted records (predictions in the same order as cases)."""
    return [
        CaseResult(case, records, [] if error else failures(case.expect, records), error)
        for case, (records, error) in zip(cases, predictions, strict=True)
    ]


def run_suites(
    capabilities: Sequence[str] | None = None,
    *,
    limit: int | None = None,
    extractor: Extractor | None = None,
    extract_many: BatchExtractor | None = None,
    batch_size: int = 32,
) -> SuiteReport:
    """Generate the suites' cases, extract from each, and check them.

    Args:
        capabilities: suite names; None for all.
        limit: at most this many cases per capability (a stable sample).
        extractor, extract_many: the extractor to test (default: `sitrep.pipeline`'s, in batches).
    Raises:
        ConfigError: an unknown capability name, or no extractor.
    """
    started = time.perf_counter()
    chosen = _capabilities(capabilities)
    cases = generate_cases(chosen, limit=limit)
    if extractor is None and extract_many is None:
        extractor, extract_many = default_extractor()
    predictions = predict(
        [c.article() for c in cases], extractor=extractor, extract_many=extract_many, batch_size=batch_size
    )
    return SuiteReport(check_cases(cases, predictions), time.perf_counter() - started, chosen)


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def render_suites(report: SuiteReport) -> Table:
    """One row per capability: cases, pass rate, the rate per kind, and the checks failed most often."""
    table = Table(
        title=f"behavioural suites  ({len(report.results)} cases, {report.seconds:.1f}s)", title_justify="left"
    )
    for column in ("capability", "cases", "pass", *KINDS, "most failed checks"):
        table.add_column(column, justify="left" if column in ("capability", "most failed checks") else "right")
    for capability in report.capabilities:
        kinds = [_pct(report.rate(capability, k)) for k in KINDS]
        worst = ", ".join(f"{name} {n}" for name, n in report.failed_checks(capability).most_common(3))
        table.add_row(capability, str(len(report.select(capability))), _pct(report.rate(capability)), *kinds, worst)
    return table


def write_failures(report: SuiteReport, path: str | Path) -> int:
    """Write every failing case as one JSON line (case, expectation, failures, records); returns how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    failing = [r for r in report.results if not r.passed]
    with path.open("w", encoding="utf-8") as out:
        for result in failing:
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    return len(failing)


def suites_command(
    capabilities: Sequence[str] | None,
    limit: int | None,
    errors_path: str | None,
    json_path: str | None = None,
    *,
    console: Console | None = None,
    err_console: Console | None = None,
) -> int:
    """`sitrep eval --suites` without click: run, print the table and each capability's templates, write files.

    Returns:
        0 when it ran; 2 for an unknown capability; 1 when there is no extractor.
    """
    console = console or Console()
    err_console = err_console or Console(stderr=True)
    try:
        report = run_suites(capabilities, limit=limit)
    except ConfigError as exc:
        err_console.print(f"error: {exc}")
        return 2 if "suite" in exc.message else 1
    console.print(render_suites(report))
    for capability in report.capabilities:
        rates = report.template_rates(capability)
        line = ", ".join(f"{name} {value:.2f} ({n})" for name, (n, value) in rates.items())
        console.print(f"[bold]{capability}[/bold] by template: {line}", highlight=False)
    if errors_path:
        n = write_failures(report, errors_path)
        console.print(f"{n} failing cases written to {errors_path}")
    if json_path:
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    return 0
