"""A wire story's dateline: "NAIROBI, Kenya (AP) -", "KABUL, May 5 -", "DHAKA, Bangladesh (July 17) -".

News agencies open a story with the city it was filed from, in capitals, sometimes with the country or
state, the agency and the day, then a dash. The city is where the reporter was, not necessarily where
anything happened (a Nairobi dateline on a story about Somalia), and the day is the filing day. Readers of
the body need both kept apart from the story: places use the city only when the story says the event was
there, dates use the day as the story's reference.

Only the opening of the text (its first line) is searched, and only a city written in capitals: a
sentence that happens to start with a name and a dash ("Kabul - the city ...") is not a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.model import Span

__all__ = ["Dateline", "find_dateline"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
# A city in capitals: words of capitals joined by spaces, hyphens, apostrophes or dots ("PORT-AU-PRINCE",
# "DERA ISMAIL KHAN", "ST. PETERSBURG", "N'DJAMENA"); at least two letters.
_CITY = r"[A-Z][A-Z'\u2019.]*(?:[ -][A-Z][A-Z'\u2019.]*){0,4}"
# The country or state after the city, in ordinary case ("Kenya", "Northern Ireland", "D.R. Congo").
_REGION = r"[A-Z][A-Za-z.'\u2019]*(?:[ -][A-Za-z][A-Za-z.'\u2019]*){0,3}"
_DATELINE = re.compile(
    rf"^(?P<lead>\s*)(?P<city>{_CITY})"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<day>{_DAY}))?"
    r"(?:\s*\((?P<bracket>[^()\n]{1,40})\))?"
    r"\s*(?:-{1,2}|\u2013|\u2014)\s+"
)
_DAY_ONLY = re.compile(rf"^{_DAY}$")


@dataclass(frozen=True)
class Dateline:
    """The dateline's parts as spans of the article text; `span` runs from the city to the dash."""

    span: Span
    city: Span
    region: Span | None = None
    day: Span | None = None
    agency: Span | None = None

    @property
    def place(self) -> Span:
        """The city with its country or state, as written ("NAIROBI, Kenya")."""
        end = self.region.end if self.region is not None else self.city.end
        return Span(self.city.start, end, self.span.text[: end - self.city.start])


def _span(text: str, match: re.Match[str], group: str) -> Span | None:
    if match.group(group) is None:
        return None
    start, end = match.span(group)
    return Span(start, end, text[start:end])


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, or None.

    Example:
        >>> find_dateline("KANO, Nigeria - Gunmen killed ...").place.text
        'KANO, Nigeria'
    """
    match = _DATELINE.match(text[:200])
    if match is None:
        return None
    city = match.group("city")
    if sum(c.isalpha() for c in city) < 2 or not any(c.isupper() for c in city):
        return None
    region = _span(text, match, "region")
    day = _span(text, match, "day")
    agency = None
    bracket = _span(text, match, "bracket")
    if bracket is not None:
        if day is None and _DAY_ONLY.match(bracket.text.strip()):
            day = bracket  # "DHAKA, Bangladesh (July 17) -"
        else:
            agency = bracket  # "(AP)", "(Reuters)"
    if region is not None and _DAY_ONLY.match(region.text):
        region, day = None, region  # "KABUL, May 5 -": the day, not a country
    start = match.start("city")
    end = match.end()
    city_span = Span(start, match.end("city"), city)
    whole = Span(start, end, text[start:end])
    return Dateline(span=whole, city=city_span, region=region, day=day, agency=agency)
