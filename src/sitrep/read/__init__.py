"""Readers: every input (seed text, plain text, JSON, JSON Lines, CSV, HTML, RSS/Atom) -> one typed Article.

    read_paths(paths)   files and directory trees (walked in sorted order)
    read_file(path)     one file, its reader picked by extension and content
    read_bytes(where, data)  a file's bytes already in memory (engines that ship contents)
    read_text(text)     text already in memory
    record_to_article(record, where)  one JSON object or table row (Spark's Parquet inputs)
    READERS             the registry: format name -> reader function (see registry.py)

Bad input never stops a run when `on_error` is given: each bad file, line or record becomes one
InputError (sitrep.errors) naming the file and line, and the rest is read.
"""

from __future__ import annotations

from sitrep.read._api import read_bytes, read_file, read_html_page, read_paths, read_text
from sitrep.read._records import record_to_article
from sitrep.read.registry import EXTENSIONS, READERS, detect_format

__all__ = [
    "EXTENSIONS",
    "READERS",
    "detect_format",
    "read_bytes",
    "read_file",
    "read_html_page",
    "read_paths",
    "read_text",
    "record_to_article",
]
