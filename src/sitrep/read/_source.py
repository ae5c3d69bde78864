"""Loading one input file: bytes from disk, the checks every format shares, and the Article factory.

Every reader starts from a `Source` (the path as the user named it plus the file's bytes) and ends with
`make_article`, so text normalisation and the content-hash id happen in exactly one place.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitrep.errors import EmptyInput, InputError, UndecodableFile, UnreadableFile
from sitrep.model import Article

__all__ = [
    "ReadContext",
    "Source",
    "decode",
    "head_text",
    "load_source",
    "looks_binary",
    "make_article",
    "normalize_newlines",
    "source_of",
    "normalize_text",
    "title_from_text",
]

# How much of a file the binary sniff looks at (the same window git uses for its NUL check).
SNIFF_BYTES = 8192
# Above this share of control characters or invalid UTF-8 in the sniff window a file is data, not text.
# Real text in a legacy encoding (latin-1 accents) stays far below it and is reported as undecodable instead.
BINARY_RATIO = 0.30
TITLE_MAX = 120

# BOMs that declare an encoding explicitly; only these may override UTF-8 (UTF-32 first: its LE BOM
# begins with the UTF-16 LE BOM).
_DECLARED = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that ordinary text files contain.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\b\x1b")


@dataclass(frozen=True)
class ReadContext:
    """What every reader needs besides the file: the fallback date and where bad records go."""

    default_date: date | None
    report: Callable[[InputError], None]


@dataclass(frozen=True)
class Source:
    """One input file as loaded from disk.

    `where` is the path as the user (or the directory walk) named it; every error message starts with it.
    """

    path: Path
    data: bytes

    @property
    def where(self) -> str:
        return str(self.path)

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def text(self) -> str:
        """The whole file decoded and with `\\r\\n` line endings made `\\n`.

        Raises:
            UndecodableFile: the bytes are not valid UTF-8 (or the encoding their BOM declares).
            EmptyInput: the file holds only whitespace.
        """
        text = normalize_newlines(decode(self.data, self.where))
        if not text.strip():
            raise EmptyInput(self.where, "the file is empty or holds only whitespace")
        return text


def load_source(path: Path) -> Source:
    """Read a file's bytes, refusing what no reader can use.

    Args:
        path: the file, as named by the user or found by the directory walk.

    Returns:
        The loaded Source.

    Raises:
        UnreadableFile: missing, a directory, or no permission.
        EmptyInput: zero bytes, or only whitespace (a BOM alone counts as empty).
    """
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFile(str(path), "is a directory, not a file") from None
    except FileNotFoundError:
        raise UnreadableFile(str(path), "no such file") from None
    except OSError as exc:
        raise UnreadableFile(str(path), f"cannot read: {exc.strerror or exc}") from None
    return source_of(path, data)


def source_of(path: Path, data: bytes) -> Source:
    """A Source from bytes already read (by `load_source`, or by an engine that ships file contents).

    Raises:
        EmptyInput: zero bytes, or only whitespace (a BOM alone counts as empty).
    """
    # Lenient decode so that Unicode spaces count as whitespace too; strict decoding is the reader's job.
    if not _strip_bom(data).strip() or not head_text(data, len(data)).strip():
        raise EmptyInput(str(path), "the file is empty or holds only whitespace")
    return Source(path=path, data=data)


def looks_binary(data: bytes) -> bool:
    """Whether bytes are data rather than text: a NUL early on, or mostly control/invalid bytes.

    Args:
        data: the file's bytes.

    Returns:
        True for binary data. UTF-16/32 text with a BOM is text even though it is full of NULs.
    """
    if any(data.startswith(bom) for bom, _ in _DECLARED):
        return False
    head = data[:SNIFF_BYTES]
    if b"\0" in head:
        return True
    chars = head.decode("utf-8", errors="replace")
    bad = sum(1 for c in chars if c == "\ufffd" or (c < " " and c not in _TEXT_CONTROLS) or c == "\x7f")
    return bad > BINARY_RATIO * max(len(chars), 1)


def decode(data: bytes, where: str, *, first_line: int = 1) -> str:
    """Decode as UTF-8 (a UTF-8 BOM is dropped), or as the UTF-16/32 a BOM declares. Never guesses.

    Args:
        data: bytes of a file or of one line of it.
        where: the file name for the error message.
        first_line: the line number `data` starts at, so errors point at the right line.

    Returns:
        The decoded text.

    Raises:
        UndecodableFile: naming the line and byte that are not valid UTF-8.
    """
    encoding = _encoding_of(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        raise UndecodableFile(
            f"{where}:{line}", f"not valid {encoding.removesuffix('-sig').upper()}: byte 0x{bad} at offset {exc.start}"
        ) from None


def head_text(data: bytes, size: int = 4096) -> str:
    """The start of a file decoded leniently, for format sniffing only (readers decode strictly).

    Args:
        data: the file's bytes.
        size: how many bytes to look at.

    Returns:
        The decoded head, bad bytes replaced, any BOM dropped.
    """
    return data[:size].decode(_encoding_of(data), errors="replace")


def normalize_newlines(text: str) -> str:
    """Make Windows line endings Unix ones so the same article hashes to the same id on every platform."""
    return text.replace("\r\n", "\n")


def normalize_text(text: str) -> str:
    """The canonical form of an article body, which its id hashes.

    Args:
        text: a body as a reader extracted it.

    Returns:
        The text with `\\r\\n` made `\\n` and the final newline(s) dropped. Nothing else changes, so an
        offset into the file's body is an offset into the text; and the same article saved as .txt (which
        ends with a newline) or as a JSON string (which does not) gets the same id.
    """
    return normalize_newlines(text).rstrip("\n")


def make_article(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
) -> Article:
    """Build an Article from text that a reader has extracted; the only place ids are made.

    Args:
        text: the article body (normalised here by `normalize_text`).
        title, published, source, url, path: metadata; empty strings become None.

    Returns:
        The Article, its id the hash of the normalised text.
    """
    return Article.from_text(
        normalize_text(text),
        title=_blank_to_none(title),
        published=published,
        source=_blank_to_none(source),
        url=_blank_to_none(url),
        path=path,
    )


def title_from_text(text: str) -> str | None:
    """The first non-empty line, cut at a word boundary to about TITLE_MAX characters.

    Args:
        text: an article body.

    Returns:
        The title, or None when the text has no non-blank line.
    """
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    if line is None or len(line) <= TITLE_MAX:
        return line
    cut = line[:TITLE_MAX]
    # Back off to a word boundary unless that would throw most of the line away.
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_MAX // 2 else cut).rstrip() + "…"


def _encoding_of(data: bytes) -> str:
    return next((enc for bom, enc in _DECLARED if data.startswith(bom)), "utf-8-sig")


def _strip_bom(data: bytes) -> bytes:
    for bom in (codecs.BOM_UTF8, *(b for b, _ in _DECLARED)):
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None
