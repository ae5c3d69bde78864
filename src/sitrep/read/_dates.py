"""Publication dates as input files write them: ISO dates, ISO datetimes and RFC 2822 (feeds, email).

Only these unambiguous forms are accepted. Anything else is an error for the caller to report, never a
guess: "03/04/2025" is March in one country and April in the next, and a wrong publication date moves
every relative date ("on Tuesday") in the article.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["parse_date"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\S")


def parse_date(value: str) -> date:
    """The calendar date of a date/datetime string, as written (no time-zone conversion).

    Args:
        value: "2025-05-08", "2025-05-08T09:30:00+05:00", "2025-05-08 09:30" or
            "Thu, 08 May 2025 09:30:00 +0500".

    Returns:
        The date part. A datetime keeps the day it was written with: an article published just after
        midnight in Karachi stays on that day rather than moving to the UTC day before.

    Raises:
        ValueError: the string is none of the accepted forms, or names an impossible day.
    """
    text = value.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        if _ISO_DATETIME.match(text):
            return datetime.fromisoformat(text).date()
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError) as exc:
        # Say why an ISO-shaped value failed ("month must be in 1..12"); other shapes just do not parse.
        why = f" ({exc})" if _ISO_DATE.match(text) else ""
        raise ValueError(f"{value!r} is not a YYYY-MM-DD, ISO datetime or RFC 2822 date{why}") from None
