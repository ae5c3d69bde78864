"""Country names as ACLED writes them, from ISO 3166 (pycountry) plus the short names ACLED prefers.

`canonical(iso2)` gives the name used in every record; `find(word)` maps a country name, alias or demonym
("Pakistani", "Burma", "DRC") to its ISO alpha-2 code; `code_of(value)` also takes an ISO code, for a country
someone declares (a watched source's `country`, `--country`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CountryInfo", "canonical", "code_of", "find", "info", "numeric_iso"]

# ACLED's short names where they differ from ISO 3166's (ACLED codebook country list conventions).
_ACLED_NAMES = {
    "RU": "Russia",
    "PS": "Palestine",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "TR": "Turkey",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "SZ": "eSwatini",
    "CV": "Cape Verde",
    "TL": "East Timor",
    "BN": "Brunei",
    "MK": "North Macedonia",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "KR": "South Korea",
    "KP": "North Korea",
    "SY": "Syria",
    "IR": "Iran",
    "LA": "Laos",
    "VN": "Vietnam",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "TW": "Taiwan",
    "GB": "United Kingdom",
    "US": "United States",
}

# Names in common news use that ISO 3166 does not list.
_EXTRA_ALIASES = {
    "burma": "MM", "drc": "CD", "dr congo": "CD", "congo-kinshasa": "CD", "congo-brazzaville": "CG",
    "uae": "AE", "us": "US", "u.s.": "US", "usa": "US", "america": "US", "uk": "GB", "u.k.": "GB",
    "britain": "GB", "great britain": "GB", "england": "GB", "ivory coast": "CI", "holland": "NL",
    "gaza": "PS", "gaza strip": "PS", "west bank": "PS", "the gambia": "GM", "south sudan": "SS",
    "kosovo": "XK", "swaziland": "SZ", "east timor": "TL", "turkiye": "TR", "türkiye": "TR",
    "the philippines": "PH", "the netherlands": "NL", "the united states": "US", "the united kingdom": "GB",
    "north korea": "KP", "south korea": "KR", "russia": "RU",
}  # fmt: skip


@dataclass(frozen=True)
class CountryInfo:
    iso2: str
    iso3: str
    numeric: int
    name: str


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, CountryInfo], dict[str, str]]:
    import pycountry

    by_iso2: dict[str, CountryInfo] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        name = _ACLED_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        by_iso2[c.alpha_2] = CountryInfo(c.alpha_2, c.alpha_3, int(c.numeric), name)
        for n in (c.name, name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                names.setdefault(n.lower(), c.alpha_2)
    by_iso2["XK"] = CountryInfo("XK", "XKX", 0, "Kosovo")
    names.update(_EXTRA_ALIASES)
    for demonym, iso2 in _demonyms().items():
        names.setdefault(demonym, iso2)
    return by_iso2, names


def _demonyms() -> dict[str, str]:
    """Demonyms from data/demonyms.tsv (iso2, country, demonyms separated by '|'), lower-cased."""
    text = resources.files("sitrep.data").joinpath("demonyms.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for row in csv.reader((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), delimiter="\t"):
        if len(row) >= 3 and len(row[0]) == 2 and row[0].isupper():
            for word in row[2].split("|"):
                if word.strip():
                    out.setdefault(word.strip().lower(), row[0])
    return out


def find(word: str) -> str | None:
    """ISO alpha-2 code for a country name, alias or demonym, or None."""
    key = word.strip().lower()
    if key.endswith("'s"):
        key = key[:-2]
    names = _tables()[1]
    if key in names:
        return names[key]
    if key.startswith("the ") and key[4:] in names:
        return names[key[4:]]
    return None


def code_of(value: str) -> str | None:
    """ISO alpha-2 code for a country given by its alpha-2 or alpha-3 code ("NG", "nga") or by name ("Nigeria",
    "Burma"); None when it names no country."""
    key = value.strip()
    by_iso2 = _tables()[0]
    if len(key) == 2 and key.upper() in by_iso2:
        return key.upper()
    if len(key) == 3 and key.isalpha():
        iso2 = next((c.iso2 for c in by_iso2.values() if c.iso3 == key.upper()), None)
        if iso2:
            return iso2
    return find(key) if key else None


def info(iso2: str) -> CountryInfo | None:
    return _tables()[0].get(iso2.upper())


def canonical(iso2: str) -> str:
    """The ACLED-style country name for an ISO alpha-2 code (the code itself if unknown)."""
    c = info(iso2)
    return c.name if c else iso2


def numeric_iso(iso2: str) -> int | None:
    c = info(iso2)
    return c.numeric if c else None
