"""How much of a named place the words around it mean: a region of it, or somewhere near it.

"in rural Donetsk", "in a remote part of southern Kandahar", "the hills of Swat", "the north of Mopti" speak of a
region, not of the town of the same name: the province (or district) is the place, coded at its own precision
(geo_precision 3 for a province, 2 for a district), never its main town at 1. "a village 8 km from Sirte",
"some 20 kilometres outside Taiz" place the scene near the town (geo_precision 2), not in it.

Read by the link phase (sitrep.geoparse.link) from the text just before and after each name.
"""

from __future__ import annotations

import re

__all__ = ["means_region", "means_near"]


_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)(?:ern)?"
# The words before a name that make it a region: "rural X", "a remote part of (southern) X", "the hills of X",
# "the north of X", "the countryside of X", "a border area of X" (a bare "the Malir area of Karachi" is a part of
# the city, not a region)
_REGION_BEFORE = re.compile(
    rf"(?:\brural|\b(?:remote|rural|mountainous|border|desert|forested|tribal|outlying|northern|southern|eastern"
    rf"|western|central)\s+(?:part|parts|area|areas|region|regions|district|districts|reaches)\s+of"
    rf"|\b(?:reaches|hills|mountains|forests?|deserts?|jungles?|countryside|villages|highlands"
    rf"|lowlands|plains|rest|interior|hinterland)\s+of"
    rf"|\bthe\s+{_DIRECTION}\s+(?:part\s+)?of)"
    rf"\s+(?:the\s+)?(?:{_DIRECTION}\s+)?$",
    re.IGNORECASE,
)
# "X countryside", "X's hinterland" after the name.
_REGION_AFTER = re.compile(r"^(?:['\u2019]s)?\s+(?:countryside|hinterland|interior)\b", re.IGNORECASE)
# "8 km from", "some 20 kilometres (12 miles) outside", "30 miles north of": a distance before the name.
_NEAR_BEFORE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:km|kms|kilomet(?:re|er)s?|miles?)\b(?:\s*\([^()]{0,20}\))?"
    rf"(?:\s+(?:to\s+the\s+)?{_DIRECTION})?\s+(?:from|of|outside|away\s+from)\s+(?:the\s+)?"
    r"(?:(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)


# "Samarra, 60 miles north of": the distance locates the name told just before it, for readers who do not
# know it; the place after "of" is a landmark, not where anything happened.
_LOCATES_NAME_BEFORE = re.compile(
    r"[A-Z][\w'\u2019.-]*,\s+(?:(?:about|some|around|roughly|nearly|just|approximately|only)\s+)?"
    + _NEAR_BEFORE.pattern.removeprefix(r"\b"),
    re.IGNORECASE,
)


def means_region(before: str, after: str) -> bool:
    """The words around a name say it stands for a region ("in rural X", "the hills of X", "X countryside")."""
    return _REGION_BEFORE.search(before) is not None or _REGION_AFTER.match(after) is not None


def means_near(before: str) -> bool:
    """A distance comes before the name ("8 km from X"): the place is near X, not X."""
    return _NEAR_BEFORE.search(before) is not None


def locates_another(before: str) -> bool:
    """The distance before the name places a name told just before it ("Samarra, 60 miles north of X"): X
    is only a landmark."""
    match = _LOCATES_NAME_BEFORE.search(before)
    return match is not None and match.group(0)[0].isupper()
