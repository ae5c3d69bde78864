"""The behavioural suites, one module per capability, each a tuple of `Template`s named TEMPLATES.

place       where the incident happened, against datelines, officials, home towns, routes, "X-based", ...
nonevents   anniversaries, trials, threats, condemnations, plans, accidents, sports, cumulative tolls
fatalities  fifty phrasings of a toll
actors      the quoted source against the perpetrator; state forces by adjective; claims
dates       weekdays against the publication day, parts of days, "last week", datelines with dates
records     one record per incident; two incidents give two
"""

from __future__ import annotations

from sitrep.evaluate.behaviour.compose import Template
from sitrep.evaluate.behaviour.suites import actors, dates, fatalities, nonevents, place, records

__all__ = ["SUITES", "CAPABILITIES"]

SUITES: dict[str, tuple[Template, ...]] = {
    "place": place.TEMPLATES,
    "nonevents": nonevents.TEMPLATES,
    "fatalities": fatalities.TEMPLATES,
    "actors": actors.TEMPLATES,
    "dates": dates.TEMPLATES,
    "records": records.TEMPLATES,
}
CAPABILITIES = tuple(SUITES)
