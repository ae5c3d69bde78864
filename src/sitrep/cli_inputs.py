"""What the commands that read articles share: their options (paths, --date, --country, --quiet), the reading
itself with its error lines and counts, and the progress counter on stderr.

Kept apart from sitrep.cli, which lists the commands, so that that module stays a table of commands.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from sitrep.errors import InputError
from sitrep.model import Article

if TYPE_CHECKING:
    from sitrep.engines.local import Failure

__all__ = ["COUNTRY_HELP", "InputReading", "input_options", "parse_country", "parse_date", "progress_counter"]


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Click callback: a YYYY-MM-DD option as a date (None when not given)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


class InputReading:
    """Reads inputs, reporting each bad one on stderr and counting what was read."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.errors = 0
        self.failed = 0
        self.articles = 0

    def on_error(self, error: InputError) -> None:
        self.errors += 1
        click.echo(f"sitrep: skipped {error}", err=True)

    def on_failure(self, failure: Failure) -> None:
        """An article read but not extracted (the pipeline raised, or a worker process died on it)."""
        self.failed += 1
        click.echo(f"sitrep: failed {failure}", err=True)

    def articles_from(
        self, paths: Iterable[str], default_date: date | None, country_hint: str | None = None
    ) -> Iterator[Article]:
        from dataclasses import replace

        from sitrep.read import read_paths

        for article in read_paths(paths, default_date=default_date, on_error=self.on_error):
            self.articles += 1
            yield replace(article, country_hint=country_hint) if country_hint else article

    def exit_code(self) -> int:
        """Non-zero only when nothing at all could be read."""
        return 1 if self.articles == 0 else 0


@contextmanager
def progress_counter(quiet: bool, label: str) -> Iterator[Callable[[], None]]:
    """A progress counter on stderr (rich) for long runs; silent with --quiet or when stderr is not a tty."""
    if quiet or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)
        yield lambda: progress.advance(task)


def parse_country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback: a country name or ISO code as its ISO alpha-2 code (None when not given)."""
    if value is None:
        return None
    from sitrep import countries

    code = countries.code_of(value)
    if code is None:
        raise click.BadParameter(f"{value!r} is no country; give an ISO code (NG, PAK) or a name (Nigeria)")
    return code


COUNTRY_HELP = (
    "The country the articles' sources cover (a name or an ISO code): a place name the text leaves ambiguous "
    "resolves there (Hyderabad with PK: the one in Pakistan); a country or place the text names always wins."
)


def input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """PATH..., --date, --country and --quiet: the options of every command that reads articles."""
    f = click.option(
        "--country",
        "country_hint",
        callback=parse_country,
        help=COUNTRY_HELP,
    )(f)
    f = click.option(
        "--date", "default_date", callback=parse_date, help="Publication date for inputs that have none (YYYY-MM-DD)."
    )(f)
    f = click.option("--quiet", "-q", is_flag=True, help="No progress bar.")(f)
    f = click.argument("paths", nargs=-1, required=True, type=click.Path())(f)
    return f
