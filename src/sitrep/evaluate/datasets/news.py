"""Whole news articles with seed-format gold: a collection with one gold file, or article/gold file pairs.

    <folder>/articles/<stem>.txt + <folder>/gold.json     `load_collection` (wikinews-dev: each gold event
                                                           names its articles under `articles`)
    <folder>/<stem>.txt + <folder>/<stem>.gold.json        `load_pairs` (tests/articles, ../shared/seeds)

Articles are read by `sitrep.read` exactly as `sitrep extract` reads them (line 1: `date YYYY-MM-DD TITLE`), so
`sitrep eval` scores the records a user would get. An item's split is `split_of(split_key, <file stem>)`; the
split key is the dataset's folder name for wikinews-dev ("wikinews-dev") and its own name for the others.
The texts are read at run time and never copied into the repository.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.errors import InputError, UnreadableFile
from sitrep.evaluate.datasets._common import check_split
from sitrep.evaluate.gold import EvalItem, split_of
from sitrep.evaluate.news_gold import NewsGold, parse_news_gold
from sitrep.read import read_file

__all__ = ["load_collection", "load_pairs", "read_gold_file"]


def load_collection(
    path: Path, *, dataset: str, split_key: str, limit: int | None = None, split: str = "all"
) -> list[EvalItem]:
    """Items of a collection: `path` is its gold.json, the articles are the .txt files in `articles/` beside it.

    Args:
        path: the collection's gold file.
        dataset: the dataset name (carried by every item).
        split_key: the name the split hash uses (the folder name: "wikinews-dev").
        limit: keep the first `limit` items of the split, in file-name order.
        split: tune, held or all.
    Raises:
        UnreadableFile: the gold file or the articles folder is missing.
        InputError: the gold file does not parse, or a gold event names an article that is not there.
    """
    check_split(split)
    gold = read_gold_file(path)
    folder = path.parent / "articles"
    if not folder.is_dir():
        raise UnreadableFile(str(folder), "the collection's articles folder is missing")
    texts = sorted(folder.glob("*.txt"))
    stems = {p.stem for p in texts}
    for event in (*gold.events, *gold.optional):
        unknown = [a for a in event.articles if a not in stems]
        if unknown or not event.articles:
            raise InputError(str(path), f"gold event {event.id} names no article in {folder}: {unknown or '[]'}")
    return _items(
        [(text, gold.for_article(text.stem)) for text in texts if _wanted(split_key, text.stem, split)],
        dataset=dataset,
        split_key=split_key,
        limit=limit,
    )


def load_pairs(
    path: Path, *, dataset: str, split_key: str, limit: int | None = None, split: str = "all"
) -> list[EvalItem]:
    """Items of a folder of articles each with its own gold file (`<stem>.txt` beside `<stem>.gold.json`).

    Raises:
        UnreadableFile: the folder, or an article's gold file, is missing.
        InputError: a gold file does not parse.
    """
    check_split(split)
    if not path.is_dir():
        raise UnreadableFile(str(path), "the articles folder is missing")
    pairs = []
    for text in sorted(path.glob("*.txt")):
        if not _wanted(split_key, text.stem, split):
            continue
        pairs.append((text, read_gold_file(text.with_name(f"{text.stem}.gold.json"))))
    return _items(pairs, dataset=dataset, split_key=split_key, limit=limit)


def read_gold_file(path: Path) -> NewsGold:
    """A seed-format gold file.

    Raises:
        UnreadableFile: missing or unreadable. InputError: not JSON, or not in the seed's gold format.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UnreadableFile(str(path), f"cannot read the gold file: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}", f"not valid JSON: {exc.msg}") from exc
    return parse_news_gold(data, str(path))


def _wanted(split_key: str, stem: str, split: str) -> bool:
    return split == "all" or split_of(split_key, stem) == split


def _items(pairs: list[tuple[Path, NewsGold]], *, dataset: str, split_key: str, limit: int | None) -> list[EvalItem]:
    items: list[EvalItem] = []
    for text, gold in pairs:
        (article,) = list(read_file(text))  # a seed-format file is one article; a bad one raises InputError
        items.append(
            EvalItem(
                article=article,
                gold=[],
                split=split_of(split_key, text.stem),
                dataset=dataset,
                id=text.stem,
                news_gold=gold,
            )
        )
        if limit is not None and len(items) >= limit:
            break
    return items
