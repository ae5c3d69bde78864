"""Readers: every input (seed text, plain text, JSON, JSON Lines, CSV, HTML, RSS/Atom) -> one typed Article.

    read_paths(paths)   files and directory trees (walked in sorted order)
    read_file(path)     one file, its reader picked by extension and content
    read_text(text)     text already in memory
    READERS             the registry: format name -> reader function (see registry.py)

Bad input never stops a run when `on_error` is given: each bad file, line or record becomes one
InputError (sitrep.errors) naming the file and line, and the rest is read.
"""

from __future__ import annotations

from sitrep.read._api import read_file, read_html_page, read_paths, read_text
from sitrep.read.registry import EXTENSIONS, READERS, detect_format

__all__ = ["EXTENSIONS", "READERS", "detect_format", "read_file", "read_html_page", "read_paths", "read_text"]
