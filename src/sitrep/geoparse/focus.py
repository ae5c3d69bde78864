"""The article's focus: which countries and provinces it is about (`focus_shares`), from country names,
demonyms, armed groups of one country, resolved places; and the unit it is mostly about (`focus_unit`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.gazetteer import Candidate, Gazetteer, load_demonyms
from sitrep.gazetteer.names import fold
from sitrep.text.tokens import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc


from sitrep.geoparse.mention import Mention
from sitrep.geoparse.words import NATIONAL_UNIT_WORDS

__all__ = ["demonym_counts", "group_acronyms", "focus_shares", "focus_unit"]


def demonym_counts(doc: Doc) -> dict[str, float]:
    """iso2 -> how often the article uses the country's demonym ("Pakistani"), names an armed group or party
    that belongs to one country ("Boko Haram", "CPI (Maoist)": see data/actors.tsv), or a kind of admin unit
    only that country has ("upazila", "barangay")."""
    demonyms = load_demonyms()
    out: dict[str, float] = defaultdict(float)
    for tok in doc:
        if tok.text[:1].isupper():
            iso2 = demonyms.get(fold(tok.text))
            if iso2:
                out[iso2] += 1.0
        unit_country = NATIONAL_UNIT_WORDS.get(tok.lower_)
        if unit_country:
            out[unit_country] += 1.0
    short, long, home = _actor_patterns()
    text = doc_text(doc)
    for pattern in (short, long):
        if pattern is not None:
            for m in pattern.finditer(text):
                iso2 = home.get(m.group(0)) or home.get(m.group(0).lower())
                if iso2:
                    out[iso2] += 1.0
    return out


@lru_cache(maxsize=1)
def group_acronyms() -> frozenset[str]:
    """Acronyms of armed groups and parties ("BRA", the Baloch Republican Army, not Brazil's ISO code)."""
    from sitrep.text.lexicon import actor_dictionary

    return frozenset(actor_dictionary()[0])


@lru_cache(maxsize=1)
def _actor_patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
    """Regexes over the actor dictionary's names (acronyms case-sensitive, long names not) and name -> iso2."""
    from sitrep import countries
    from sitrep.text.lexicon import actor_dictionary

    short, long = actor_dictionary()
    home: dict[str, str] = {}
    for table in (short, long):
        for name, entry in table.items():
            iso2 = countries.find(entry.country) if entry.country else None
            if iso2:
                home[name] = iso2

    def union(names: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
        alts = sorted((n for n in names if n in home), key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alts)) + r")(?!\w)", flags) if alts else None

    return union(short), union(long, re.IGNORECASE), home


def focus_shares(
    mentions: list[Mention],
    chosen: list[Candidate | None],
    doc: Doc,
    gaz: Gazetteer | None = None,
    neighbour: float = 0.0,
    *,
    exclude: Iterable[int] = (),
    demonyms: dict[str, float] | None = None,
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Country and admin1 focus of the article: shares of the evidence, by ISO2 code and admin1 id.

    Country names count 1 (1.5 in the title and first paragraph), resolved places 0.5, demonyms 0.5;
    neighbours of a focus country get `neighbour` times its share. The places of the mentions in `exclude`
    (the name being decided) do not count, so a wrong first guess cannot vouch for itself.
    Returns (focus with neighbours, admin1 focus, focus without neighbours).
    """
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[str, float] = defaultdict(float)
    skip = set(exclude)
    for k, (m, c) in enumerate(zip(mentions, chosen, strict=True)):
        if k in skip and c is not None and c.feature != "country":
            continue
        if (c is not None and (c.match in ("skeleton", "partial") or m.readings.embedded_loose)) or m.link.money:
            continue  # a loose guess ("Darwaz Gard" ~ Gard) or a currency must not steer the others
        weight = 1.5 if m.link.paragraph <= 1 else 1.0
        if c is None:
            cands = m.readings.cands
            top = next((x for x in cands if x.feature == "country" and x.match in ("name", "alias")), None)
            if top is not None and len(cands) and cands[0] is top:
                countries[top.iso2 or ""] += weight
            continue
        if c.feature == "country":
            countries[c.iso2 or ""] += weight
        elif c.iso2:
            countries[c.iso2] += 0.5 * weight
        if c.admin1_id:
            admin1[c.admin1_id] += weight if c.feature == "admin1" else 0.5 * weight
    for iso2, n in (demonyms if demonyms is not None else demonym_counts(doc)).items():
        countries[iso2] += 0.5 * n
    focus = _normalise(countries)
    direct = dict(focus)
    # Neighbours share a little of the focus: conflict news crosses borders ("Israeli strikes in Khan Younis").
    if gaz is not None and focus:
        spread: dict[str, float] = defaultdict(float)
        for iso2, w in focus.items():
            for n in gaz.neighbours(iso2):
                spread[n] += neighbour * w
        for n, w in spread.items():
            focus[n] = max(focus.get(n, 0.0), w)
    return focus, _normalise(admin1), direct


def _normalise(d: dict[str, float]) -> dict[str, float]:
    total = sum(d.values())
    return {k: v / total for k, v in d.items()} if total > 0 else {}


def focus_unit(
    resolved: list[tuple[Candidate | None, float]], mentions: list[Mention], gaz: Gazetteer
) -> Candidate | None:
    """The unit the article is about: its most-named admin1 inside its most-named country."""
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[str, float] = defaultdict(float)
    for c, _ in resolved:
        if c is None:
            continue
        countries[c.iso2 or ""] += 1.0
        if c.admin1_id and c.feature != "country":
            admin1[c.admin1_id] += 1.5 if c.feature == "admin1" else 0.5
    if not countries:
        return None
    iso2 = max(countries.items(), key=lambda kv: kv[1])[0]
    best = None
    for gid, _w in sorted(admin1.items(), key=lambda kv: -kv[1]):
        unit = gaz.get(gid)
        if unit is not None and unit.iso2 == iso2:
            best = unit
            break
    if best is not None:
        return best
    return gaz.country(iso2) if iso2 else None
