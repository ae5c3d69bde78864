"""Phase 3, candidates: the gazetteer readings of each name (`candidates` -> one `Readings` per name) and their
score from the name alone (`static_score`: match, population, feature type, unit word).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from sitrep.gazetteer import Candidate, Gazetteer
from sitrep.gazetteer.names import UNIT_FEATURES, fold, strip_unit
from sitrep.geoparse.mention import Link, Mention, PlaceName, Readings
from sitrep.geoparse.settings import Settings
from sitrep.geoparse.words import GENERIC, REGION_WORDS, STOPWORDS

__all__ = ["candidates", "readings_of", "expand_abbreviations", "static_score", "log_population"]


_DIRECTION_BEFORE = re.compile(r"\b(north|south|east|west)(?:ern)?\s+$", re.IGNORECASE)


def candidates(text: str, names: list[PlaceName], links: list[Link], gaz: Gazetteer) -> list[Readings]:
    """The gazetteer readings of every name (one Readings per name, in the same order)."""
    out = []
    for name, link in zip(names, links, strict=True):
        before = _DIRECTION_BEFORE.search(text, max(0, name.start - 12), name.start)
        out.append(readings_of(name, link, gaz, direction=before.group(1).capitalize() if before else None))
    return out


def readings_of(name: PlaceName, link: Link, gaz: Gazetteer, *, direction: str | None = None) -> Readings:
    """The readings of one name: what the gazetteer has under it (inside its country filter), also under
    "<direction> <name>" ("northern Sinai": North Sinai) and "<name> <unit word>" ("Kech district"); for an
    initialism only units; for an unknown longer name the places named inside it ("Manila Cathedral")."""
    query = name.query
    if name.source == "given" and gaz.is_demonym(query):
        country = gaz.country(query)
        return Readings(cands=(country,) if country is not None else ())
    cands = gaz.lookup(query, country=name.country_filter)
    if direction and not any(c.feature in ("country", "continent") for c in cands):
        # "in northern Sinai", "southern Kordofan": also the province named with the direction (North Sinai),
        # never for a country ("southern Lebanon" is not the province South Lebanon)
        seen = {c.gazetteer_id for c in cands}
        cands = cands + [
            c
            for c in gaz.lookup(f"{direction} {query}", country=name.country_filter)
            if c.is_unit and c.match in ("name", "alias") and c.gazetteer_id not in seen
        ]
    if link.unit_hint and link.pattern != "occupied":
        # "Kech district", "US state": the unit word steers the scoring (Settings.unit_hint); also look up the
        # name with it, since some units are only known with their unit word.
        seen = {c.gazetteer_id for c in cands}
        with_unit = gaz.lookup(f"{query} {link.unit_hint}", country=name.country_filter)
        hinted = [c for c in with_unit if c.gazetteer_id not in seen]
        if hinted or any(c.feature in UNIT_FEATURES.get(link.unit_hint, ()) for c in cands):
            return Readings(cands=tuple(cands + hinted))  # the units kept apart from their towns
    initialism = False
    raw = query.strip().rstrip(".")
    if raw.isupper() and len(raw.replace(".", "")) <= 4:
        # An initialism ("EU", "US", "BC") is an alias or code of a unit, never the name of a small town ("Eu").
        cands = [c for c in cands if (c.feature != "city" and c.match != "name") or c.name.isupper()]
        units = {c.iso2 for c in cands if c.feature in ("admin1", "admin2")}
        initialism = len(units) > 1 and not any(c.feature == "country" and c.match in ("name", "alias") for c in cands)
    # "Calif.", "Mont.": checked against the focus countries' provinces later
    abbreviation = _ABBREVIATION.fullmatch(query.strip()) is not None
    embedded = loose = False
    if not cands:
        inside, loose = _embedded(query, gaz)
        cands = [c for c in inside if c.is_unit or c.population >= 10_000]
        embedded = bool(cands)
        loose = loose and embedded
    collapsed, towns = _collapse(cands)
    return Readings(
        cands=towns,
        initialism=initialism,
        abbreviation=abbreviation,
        embedded=embedded,
        embedded_loose=loose,
        collapsed=collapsed,
    )


_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,5}\.")


def expand_abbreviations(mentions: list[Mention], gaz: Gazetteer, focus: dict[str, float]) -> list[Mention]:
    """ "Calif." -> the one first-level unit of a focus country whose name starts with "calif": the mentions with
    each abbreviation that now has one reading."""
    countries = [iso2 for iso2, w in sorted(focus.items(), key=lambda kv: -kv[1])[:2] if w >= 0.2]
    out = list(mentions)
    for k, m in enumerate(mentions):
        if not m.readings.abbreviation or m.readings.expanded:
            continue
        prefix = fold(m.name.query)
        for iso2 in countries:
            units = gaz.units_starting_with(prefix, iso2)
            if len(units) == 1:
                expanded = replace(m.readings, cands=(replace(units[0], match="alias"),), expanded=True)
                out[k] = replace(m, readings=expanded)
                break
    return out


_WORD = re.compile(r"[A-Z][\w.'-]*")


_DIRECTION = re.compile(r"(?:north|south)?(?:east|west)?(?:ern)?|north(?:ern)?|south(?:ern)?")


def _embedded(query: str, gaz: Gazetteer) -> tuple[list[Candidate], bool]:
    """Places named inside a longer unknown name: "Manila Cathedral" -> Manila, "Delhi High Court" -> Delhi.
    Also says whether the rest of the name is more than generic words ("Lake Manassas", "Abu Salim")."""
    words = [w.group(0).rstrip(".'") for w in _WORD.finditer(query)]
    if len(words) < 2 and len(query.split()) < 2:
        return [], False
    for size in range(len(words) - 1 if len(words) == len(query.split()) else len(words), 0, -1):
        found: list[Candidate] = []
        loose = False
        for k in range(len(words) - size + 1):
            part = words[k : k + size]
            if all(w.lower() in STOPWORDS or w.lower() in GENERIC for w in part):
                continue
            rest = words[:k] + words[k + size :]
            # When the other words name no kind of building or body ("Manila Cathedral", "Delhi High Court"), the
            # place must lie in the article's country (see score_candidate): "Abu Salim" in Tripoli is no Abu in India.
            generic = all(w.lower() in STOPWORDS or w.lower() in GENERIC or w.lower() in UNIT_FEATURES for w in rest)
            # a country's other name closing a longer one names a region ("Latin America" is no America), unless
            # only a direction comes before it ("the Western US"); "US Federal Reserve" is the US
            tail = k > 0 and k + size == len(words) and not all(_DIRECTION.fullmatch(w.lower()) for w in rest)
            found += [
                c
                for c in gaz.lookup(" ".join(part))
                if c.match == "name" or (c.match == "alias" and not (tail and c.feature == "country"))
            ]
            loose = loose or not generic
        if found:
            return found, loose
    return [], False


def _collapse(cands: list[Candidate]) -> tuple[dict[str, str], tuple[Candidate, ...]]:
    """A unit named after its own main town ("Bahawalpur" district / city): keep the town, with the better
    match, and remember the unit's feature (the name is then doubly a place: see Settings.collapsed).
    Returns (town id -> the feature of the unit folded into it, the candidates left)."""
    by_id = {c.gazetteer_id: c for c in cands}
    rank = {"name": 0, "alias": 1, "stem": 2, "alt": 3, "partial": 4, "skeleton": 5}
    out: list[Candidate] = []
    upgraded: dict[str, str] = {}
    collapsed: dict[str, str] = {}
    for c in cands:
        if c.feature in ("admin1", "admin2") and c.town_id in by_id:
            town = by_id[c.town_id]
            if rank[c.match] < rank[town.match]:
                upgraded[town.gazetteer_id] = c.match
            prev = collapsed.get(town.gazetteer_id)
            if prev is None or c.feature == "admin1":
                collapsed[town.gazetteer_id] = c.feature
            continue
        out.append(c)
    if upgraded:
        out = [replace(c, match=upgraded[c.gazetteer_id]) if c.gazetteer_id in upgraded else c for c in out]
    return collapsed, tuple(out)


def _initials(name: str) -> str:
    """ "Jammu and Kashmir" -> "jk", "Himachal Pradesh" -> "hp"."""
    return "".join(w[0] for w in fold(name).split() if w not in ("and", "of", "the"))


def static_score(c: Candidate, m: Mention, s: Settings) -> float:
    """How well candidate `c` fits the name of `m` before any context: match, feature, population, unit word,
    capital."""
    strong_name = c.match in ("name", "alias")
    # A country known by that word only in some other language ("Uman" for Oman) gets no country weight.
    weight = 1.0 if strong_name else 0.0 if c.feature == "country" else 0.5
    score = s.match.get(c.match, 0.4) + s.feature.get(c.feature, 0.0) * weight
    score += s.population * min(1.0, log_population(c) / 7.0)
    readings = m.readings
    hint = m.link.unit_hint or strip_unit(fold(m.name.query))[1]
    if hint and c.feature in UNIT_FEATURES.get(hint, ()):
        score += s.unit_hint
    elif hint in REGION_WORDS and c.feature == "city" and c.gazetteer_id not in readings.collapsed:
        score -= s.unit_hint  # "Sinai Province" is no town called Sinai
    if readings.initialism and _initials(c.name) == fold(m.name.query).replace(" ", ""):
        score += s.unit_hint  # "J&K" is Jammu and Kashmir, not Azad Jammu and Kashmir (AJK)
    if c.capital:
        score += s.capital
    unit = readings.collapsed.get(c.gazetteer_id)
    if unit is not None:
        score += s.collapsed * s.feature.get(unit, 0.0)
    return score


def log_population(c: Candidate) -> float:
    """Log10 of how big a place is; an admin unit counts as big as its main town (its summed population would
    make every province outrank its own cities)."""
    pop = c.town_population if c.feature in ("admin1", "admin2") and c.town_population else c.population
    return math.log10(max(pop, 0) + 1)
