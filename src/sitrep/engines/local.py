"""The local engine: the pipeline on a pool of worker processes, results in input order.

Articles are cut into chunks of `chunk_size` (16, nlp.pipe's batch) in input order, whatever the number of
workers, and every chunk goes through `extract_chunk`; so `--workers 1` (in this process) and `--workers N`
(N processes) run the very same calls on the very same batches and give identical records, ids included.

Each worker is a spawned process that loads the spaCy model and opens the gazetteer once, then takes
chunks from its own pipe. The parent keeps at most a few chunks per worker in flight (a stream of millions
of articles never sits in memory) and yields outcomes strictly in input order.

Failures never stop the run:
  * an article whose extraction raises becomes a `Failure` with the exception (its chunk is redone one
    article at a time, so the other articles of the chunk still give their events);
  * a worker that dies (killed, out of memory, a crash in native code) is replaced; the articles of its
    chunk are redone one per task in fresh workers, so the article that kills a worker again is named in
    its `Failure` and the others come back.

Ctrl-C: workers ignore SIGINT; the parent stops them and re-raises KeyboardInterrupt, so the caller
reports how far it got (ingest has committed every article before the one in progress).

Example:
    >>> with LocalEngine(workers=2) as engine:
    ...     for outcome in engine.outcomes(articles):
    ...         print(outcome)
"""

from __future__ import annotations

import contextlib

__all__ = ["Failure", "LocalEngine", "Outcome", "ChunkExtractor", "default_workers", "extract_chunk", "warm_up"]

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Union

from sitrep.model import Article

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from sitrep.pipeline import ConfidencePolicy, Extraction

CHUNK_SIZE = 16  # the pipeline's nlp.pipe batch: chunks of this size keep batches identical across modes
# Chunks read ahead per worker: enough to keep every worker busy while the parent writes results.
_AHEAD_PER_WORKER = 3


@dataclass(frozen=True)
class Failure:
    """An article that gave no result: the exception its extraction raised, or the worker that died on it."""

    article: Article
    reason: str

    def __str__(self) -> str:
        return f"{describe_article(self.article)}: {self.reason}"


Outcome = Union["Extraction", Failure]
ChunkExtractor = Callable[[Sequence[Article]], list[Outcome]]
"""Articles -> one outcome per article, in order. Must be a module-level function (workers import it)."""


def describe_article(article: Article) -> str:
    """How an article is named in messages: its file (and line), else its URL, title or id."""
    return article.path or article.url or (f"'{article.title}'" if article.title else f"article {article.id}")


def default_workers() -> int:
    """The cores this process may use (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_chunk(articles: Sequence[Article], policy: ConfidencePolicy | None = None) -> list[Outcome]:
    """Run the pipeline (`sitrep.pipeline.extract_many`) over one chunk, one outcome per article.

    If the chunk raises, each article is redone alone so that only the culprit becomes a Failure.
    `policy`: what to do with records below the confidence threshold (default: the pipeline's).
    """
    from sitrep.pipeline import DEFAULT_POLICY, extract_many

    try:
        return list(extract_many(list(articles), batch_size=max(1, len(articles)), policy=policy or DEFAULT_POLICY))
    except Exception as exc:
        if len(articles) == 1:
            return [Failure(articles[0], f"{type(exc).__name__}: {exc}")]
    return [outcome for article in articles for outcome in extract_chunk([article], policy)]


def warm_up() -> None:
    """Load what every extraction needs (spaCy model, gazetteer) once, before the first chunk.

    Through the pipeline's public entry point on a one-line text, so the engine does not depend on where
    the pipeline keeps its resources.
    """
    from sitrep.pipeline import extract_many

    list(extract_many([Article.from_text("Gunmen attacked a village on Sunday.")]))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


class LocalEngine:
    """Extraction on `workers` processes (1: in this process), outcomes in input order.

    Args:
        workers: worker processes; 1 runs everything in the calling process.
        extract: the function each chunk goes through (default `extract_chunk`; tests pass fakes).
        policy: the confidence policy of the default `extract_chunk` (records below the threshold).
        warm: run once in each worker before its first chunk (default `warm_up`).
        chunk_size: articles per task (keep the default for output identical to `--workers 1`).
    """

    def __init__(
        self,
        workers: int = 1,
        *,
        extract: ChunkExtractor = extract_chunk,
        warm: Callable[[], None] | None = warm_up,
        chunk_size: int = CHUNK_SIZE,
        policy: ConfidencePolicy | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.chunk_size = chunk_size
        # A partial of a module-level function pickles, so worker processes get the policy with each chunk.
        self._extract = partial(extract_chunk, policy=policy) if extract is extract_chunk and policy else extract
        self._warm = warm
        self._pool: _Pool | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes (they are started on demand by `outcomes`)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def outcomes(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """One Extraction or Failure per article, in input order; articles are read lazily."""
        chunks = _chunks(articles, self.chunk_size)
        if self.workers == 1:
            for chunk in chunks:
                yield from self._extract(chunk)
            return
        first = next(chunks, None)
        if first is None:
            return
        second = next(chunks, None)
        if second is None and self._pool is None:  # one chunk: starting processes would only cost time
            yield from self._extract(first)
            return
        if self._pool is None:
            self._pool = _Pool(self.workers, self._extract, self._warm)
        rest = chunks if second is None else _prepend(second, chunks)
        yield from self._pool.run(_prepend(first, rest))

    def extract(
        self, articles: Iterable[Article], on_failure: Callable[[Failure], None] | None = None
    ) -> Iterator[Extraction]:
        """The extractions of `articles` in input order; each Failure goes to `on_failure` (or is raised).

        Raises:
            RuntimeError: an article failed and no `on_failure` was given.
        """
        for outcome in self.outcomes(articles):
            if isinstance(outcome, Failure):
                if on_failure is None:
                    raise RuntimeError(str(outcome))
                on_failure(outcome)
            else:
                yield outcome


def _prepend(item: list[Article], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield item
    yield from rest


# -- the pool ---------------------------------------------------------------------------------------


def _worker_main(conn: Connection, extract: ChunkExtractor, warm: Callable[[], None] | None) -> None:
    """A worker: load once, then answer (task, articles) with (task, outcomes) until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    if warm is not None:
        warm()
    while True:
        try:
            message = conn.recv()
        except EOFError:  # the parent is gone
            return
        if message is None:
            return
        task, articles = message
        conn.send((task, extract(articles)))


@dataclass
class _Task:
    id: int
    first_seq: int
    articles: list[Article]


class _Slot:
    """One worker process, its pipe, and the task it is working on."""

    def __init__(
        self, ctx: multiprocessing.context.SpawnContext, extract: ChunkExtractor, warm: Callable[[], None] | None
    ) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(target=_worker_main, args=(child, extract, warm), daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None

    def stop(self) -> None:
        if self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):  # the pipe may already be closed
                self.conn.send(None)
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=2)
        self.conn.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker process died on this article (killed by {name})"
    return f"the worker process died on this article (exit code {exitcode})"


class _Pool:
    def __init__(self, workers: int, extract: ChunkExtractor, warm: Callable[[], None] | None) -> None:
        self._ctx = multiprocessing.get_context("spawn")  # no fork of a parent holding threads or a model
        self._extract = extract
        self._warm = warm
        self._size = workers
        self._slots: list[_Slot] = []
        self._next_task = 0

    def close(self) -> None:
        for slot in self._slots:
            slot.stop()
        self._slots = []

    def _task(self, first_seq: int, articles: list[Article]) -> _Task:
        self._next_task += 1
        return _Task(self._next_task, first_seq, articles)

    def run(self, chunks: Iterator[list[Article]]) -> Iterator[Outcome]:
        pending: deque[_Task] = deque()
        done: dict[int, Outcome] = {}
        read = 0  # articles taken from the input
        given = 0  # articles yielded
        exhausted = False
        limit = self._size * _AHEAD_PER_WORKER * CHUNK_SIZE
        try:
            while True:
                while not exhausted and read - given < limit:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    pending.append(self._task(read, chunk))
                    read += len(chunk)
                self._assign(pending)
                while given in done:
                    yield done.pop(given)
                    given += 1
                busy = [s for s in self._slots if s.task is not None]
                if not busy:
                    if exhausted and not pending:
                        return
                    continue
                wait([s.conn for s in busy] + [s.process.sentinel for s in busy])
                for slot in busy:
                    self._collect(slot, pending, done)
        except BaseException:
            self.close()  # Ctrl-C, or the caller stopped iterating with an error: no worker outlives it
            raise

    def _assign(self, pending: deque[_Task]) -> None:
        while pending:
            slot = next((s for s in self._slots if s.task is None), None)
            if slot is None:
                if len(self._slots) >= self._size:
                    return
                slot = _Slot(self._ctx, self._extract, self._warm)
                self._slots.append(slot)
            task = pending.popleft()
            try:
                slot.conn.send((task.id, task.articles))
            except (BrokenPipeError, OSError):  # it died while idle: replace it, keep the task
                pending.appendleft(task)
                self._slots.remove(slot)
                slot.stop()
                continue
            slot.task = task

    def _collect(self, slot: _Slot, pending: deque[_Task], done: dict[int, Outcome]) -> None:
        task = slot.task
        assert task is not None
        try:
            if slot.conn.poll():
                answered, outcomes = slot.conn.recv()
                if answered == task.id and len(outcomes) == len(task.articles):
                    for k, outcome in enumerate(outcomes):
                        done[task.first_seq + k] = outcome
                    slot.task = None
                    return
        except (EOFError, OSError):
            pass  # the worker died while answering
        if slot.process.is_alive():
            return  # still working
        slot.process.join()
        exitcode = slot.process.exitcode
        slot.conn.close()
        self._slots.remove(slot)
        if len(task.articles) == 1:
            done[task.first_seq] = Failure(task.articles[0], _death(exitcode))
            return
        # Which article killed it? Redo each alone, first in line, so the culprit is named.
        for k in reversed(range(len(task.articles))):
            pending.appendleft(self._task(task.first_seq + k, [task.articles[k]]))
