"""Chunk extractors for the engine tests: module-level (spawned workers import them), no spaCy."""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.engines.local import Failure, Outcome
from sitrep.model import Article


@dataclass(frozen=True)
class Seen:
    """What the fake extraction returns: the article's id and the process that handled it."""

    article_id: str
    pid: int


def echo(articles: Sequence[Article]) -> list[Outcome]:
    """One Seen per article; 'RAISE' in a text fails that article, 'KILL' kills the worker process."""
    out: list[Outcome] = []
    for article in articles:
        if "KILL" in article.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "RAISE" in article.text:
            out.append(Failure(article, "ValueError: asked to"))
        else:
            out.append(Seen(article.id, os.getpid()))
    return out
