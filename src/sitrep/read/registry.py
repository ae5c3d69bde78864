"""The one list of input formats: reader functions by name, and how a file is matched to one.

Add a format by writing a module with a `read_<format>(source, ctx)` generator, then registering it in
READERS and, if it has file extensions, in EXTENSIONS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sitrep.errors import BinaryFile, UnsupportedFormat
from sitrep.model import Article
from sitrep.read._source import ReadContext, Source, head_text, looks_binary
from sitrep.read.csv_file import read_csv
from sitrep.read.feed import is_feed, read_feed
from sitrep.read.html_file import read_html
from sitrep.read.json_file import read_json
from sitrep.read.jsonl import read_jsonl
from sitrep.read.seed import is_seed, read_seed
from sitrep.read.txt import read_txt

__all__ = ["EXTENSIONS", "READERS", "Reader", "detect_format"]

Reader = Callable[[Source, ReadContext], Iterator[Article]]

READERS: dict[str, Reader] = {
    "seed": read_seed,
    "txt": read_txt,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "html": read_html,
    "feed": read_feed,
}

# "text" is not a reader: a text file is "seed" or "txt" (or a feed) depending on what line 1 says.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

# Enough of the file to see line 1 of a seed file or a feed's root element behind a long prolog.
_HEAD_BYTES = 4096


def detect_format(source: Source) -> str:
    """Pick the reader for a file: by extension, then by looking at its first bytes.

    Args:
        source: the loaded file.

    Returns:
        A key of READERS.

    Raises:
        UnsupportedFormat: an unknown extension on binary data, or a .xml file that is not a feed.
        BinaryFile: a known text extension (.txt, .json ...) on binary data.
    """
    kind = EXTENSIONS.get(source.suffix)
    binary = looks_binary(source.data)
    if kind is None and binary:
        shown = source.suffix or "(no extension)"
        raise UnsupportedFormat(source.where, f"no reader for {shown} files holding binary data")
    if binary:
        raise BinaryFile(source.where, f"looks like binary data, not a {source.suffix} text file")
    head = head_text(source.data, _HEAD_BYTES)
    if kind == "feed":
        # .rss/.atom are taken at their word (feedparser reports what is wrong); .xml may be anything.
        if source.suffix == ".xml" and not is_feed(head):
            raise UnsupportedFormat(source.where, "XML file whose root is not <rss>, <feed> or <rdf:RDF>")
        return "feed"
    if kind is not None and kind != "text":
        return kind
    if is_feed(head):
        return "feed"
    if kind is None and head.lstrip().lower().startswith(("<!doctype html", "<html")):
        return "html"
    return "seed" if is_seed(head.partition("\n")[0]) else "txt"
