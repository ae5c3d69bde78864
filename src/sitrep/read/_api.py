"""Reading paths (files and directory trees) into Articles, with the caller's failure policy."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from sitrep.errors import EmptyInput, InputError, UnreadableFile
from sitrep.model import Article
from sitrep.read._source import ReadContext, Source, load_source, make_article, source_of, title_from_text
from sitrep.read.registry import READERS, detect_format

__all__ = ["read_bytes", "read_file", "read_html_page", "read_paths", "read_text", "walk"]

ErrorHandler = Callable[[InputError], None]


def read_paths(
    paths: Iterable[str | Path],
    *,
    default_date: date | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Read files and directory trees, in order, into Articles.

    Directories are walked recursively in sorted order, skipping hidden files and folders and gold
    annotation files (`*.gold.json`).

    Example:
        >>> errors = []
        >>> articles = list(read_paths(["news/"], default_date=date(2025, 5, 8), on_error=errors.append))

    Args:
        paths: files and directories.
        default_date: the publication date of articles whose input gives none (plain .txt files).
        on_error: called with each InputError (a bad file, line or record), after which reading goes on
            with the rest. None: the first error is raised.

    Returns:
        A lazy iterator over the Articles (errors surface while iterating).

    Raises:
        InputError: only when `on_error` is None; see `read_file` for the subclasses.
    """
    report = _reporter(on_error)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in walk(path, report):
                yield from read_file(file, default_date=default_date, on_error=report)
        else:
            yield from read_file(path, default_date=default_date, on_error=report)


def read_file(
    path: str | Path,
    *,
    default_date: date | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Read one file into Articles, choosing the reader by extension and content.

    Args:
        path: the file.
        default_date: the publication date of articles whose input gives none.
        on_error: called with each InputError, after which reading goes on. None: raise it.

    Returns:
        A lazy iterator over the file's Articles (one for text, HTML and seed files; one per record or
        entry for JSON, JSON Lines, CSV and feeds).

    Raises:
        (Only when `on_error` is None; otherwise each error goes to it.)
        UnreadableFile: missing, a directory, or no permission.
        BinaryFile: binary data under a text extension.
        EmptyInput: no text.
        UndecodableFile: not valid UTF-8.
        BadDateLine: a seed file's date line is missing or impossible.
        BadRecord: a JSON line, JSON element, CSV row or feed entry that does not parse, has no text or
            has a bad date.
        UnsupportedFormat: an unknown extension on binary data.
    """
    yield from _read_source(lambda: load_source(Path(path)), default_date, on_error)


def read_bytes(
    where: str,
    data: bytes,
    *,
    default_date: date | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Read one file whose bytes are already in memory, as `read_file` reads it from disk.

    For engines that ship file contents to where the pipeline runs (Spark's binaryFile source): the same
    readers, the same errors, the same Articles (their path is `where`).

    Args:
        where: the path as the user named it (or as a directory walk found it).
        data: the file's bytes.
        default_date: the publication date of articles whose input gives none.
        on_error: called with each InputError, after which reading goes on. None: raise it.

    Returns:
        A lazy iterator over the file's Articles.
    """
    yield from _read_source(lambda: source_of(Path(where), data), default_date, on_error)


def _read_source(
    load: Callable[[], Source], default_date: date | None, on_error: ErrorHandler | None
) -> Iterator[Article]:
    report = _reporter(on_error)
    last_reported: list[InputError] = []

    def report_record(exc: InputError) -> None:
        last_reported[:] = [exc]
        report(exc)

    ctx = ReadContext(default_date=default_date, report=report_record)
    try:
        source = load()
        yield from READERS[detect_format(source)](source, ctx)
    except InputError as exc:
        # A record error that the handler re-raised was reported already: reporting it again would count
        # it twice. (A re-raise propagates at once, so only the latest report can be the one.)
        if last_reported and exc is last_reported[0]:
            raise
        report(exc)


def read_text(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """Make an Article from text already in memory (API and tests).

    Example:
        >>> read_text("Two soldiers were killed ...", published=date(2025, 5, 8), source="Dawn").published
        datetime.date(2025, 5, 8)

    Args:
        text: the article body; line endings are normalised, nothing else is changed.
        title: defaults to the first non-empty line.
        published: the publication date (a datetime is cut to its date).
        source: the publisher.
        url: where the article was published.

    Returns:
        The Article (path None).

    Raises:
        EmptyInput: the text is empty or only whitespace.
    """
    if not text.strip():
        raise EmptyInput("<text>", "the text is empty or holds only whitespace")
    if isinstance(published, datetime):
        published = published.date()
    return make_article(text, title=title or title_from_text(text), published=published, source=source, url=url)


def walk(root: Path, report: ErrorHandler) -> Iterator[Path]:
    """Files under a directory, depth first, each folder's entries in name order.

    Args:
        root: the directory.
        report: receives an UnreadableFile for each folder that cannot be listed (the walk goes on).

    Returns:
        An iterator over the files, skipping hidden entries and `*.gold.json`. Symlinked folders are not
        followed (they can loop); symlinked files are read.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        report(UnreadableFile(str(root), f"cannot list directory: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith(".gold.json"):
            continue
        path = root / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path, report)
        elif not entry.is_dir():
            yield path


def _raise(exc: InputError) -> None:
    raise exc


def _reporter(on_error: ErrorHandler | None) -> ErrorHandler:
    return on_error if on_error is not None else _raise


def read_html_page(html: str, *, default_date: date | None = None) -> Article:
    """The main text of an HTML page already fetched (the API's `html` body), as one Article.

    The Article's path is "page.html"; the caller sets its own metadata over what the page says.

    Raises:
        InputError: the page holds no article text (EmptyInput) or cannot be read.
    """
    from sitrep.read.html_file import read_html

    def _raise(error: InputError) -> None:
        raise error

    source = Source(path=Path("page.html"), data=html.encode("utf-8"))
    return next(read_html(source, ReadContext(default_date=default_date, report=_raise)))
