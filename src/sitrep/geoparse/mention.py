"""The values that flow between the geoparser's phases, and its output.

Toponym        the public result: a place name, where it is, and the ACLED place it resolves to
PlaceMention   one name on its way through the phases: recognise fills where it is and how it was found,
               link the patterns around it, candidates its gazetteer readings
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.gazetteer import Candidate
from sitrep.model import Place, Span

__all__ = ["Toponym", "PlaceMention"]


@dataclass(frozen=True)
class Toponym:
    """A place name in an article and what it resolves to.

    Attributes:
        span: where the name is (offsets into article.text).
        text: the name as written.
        place: the ACLED coding: location (the town whose coordinates are used), admin units, coordinates,
            geo_precision (1 town, 2 part of/near a town or a district, 3 region/country). None when the name
            could not be resolved at all.
        candidate: the gazetteer entry the name was resolved to; when the name itself is unknown, the unit it
            fell back to (see `resolved_via`).
        source: how it was found: "ner:GPE", "ner:LOC", "ner:FAC", "ner:PERSON"/"ner:ORG" (a mis-tagged name
            that context shows to be a place), "gazetteer" (a capitalised word the model missed), "pattern" (an
            unknown name a pattern marks as a place), "given" (a span passed to `resolve_spans`).
        pattern: the pattern around it: possessive (X's Y), possessive_area (X's Y area), region_of, near,
            outskirts, unit_word, occupied, embedded (resolved through a place named inside it, "Manila
            Cathedral"), modifier (the name qualifies the noun after it: "US dollar", "Gaza ceasefire"; often no
            scene of events), or None.
        relation: "self" (the name is the place), "in" (it lies in `container`), "near".
        container: the span of the name given as its container ("Kech" for "Kech's Kulag Tigran area").
        resolved_via: "name" (the gazetteer knows it), "container" (fell back to its container: "X's Y area",
            "the Y region of X", "Y in X", "Y, <province>"), "focus" (fell back to the unit the article is about),
            or None (unresolved).
    """

    span: Span
    text: str
    place: Place | None
    candidate: Candidate | None = None
    source: str = "ner:GPE"
    pattern: str | None = None
    relation: str = "self"
    container: Span | None = None
    resolved_via: str | None = None


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    source: str
    query: str
    pattern: str | None = None
    relation: str = "self"
    container: int | None = None  # index of the container mention
    soft_container: int | None = None  # "Y, X" or "Y in X": X holds Y if it holds one of Y's candidates
    soft_kind: str = ""  # "comma" | "in"
    unit_hint: str | None = None
    country_filter: str | None = None
    siblings: set[int] = field(default_factory=set)
    paragraph: int = 0
    sentence: int = 0
    is_container: bool = False
    abbreviation: bool = False
    initialism: bool = False  # written in capitals ("HP", "J&K"): a code that needs the country focus
    expanded: bool = False
    embedded: bool = False  # candidates come from a place named inside the name ("Manila Cathedral")
    embedded_loose: bool = False  # ... and the rest of the name is no generic word ("Lake Manassas")
    collapsed: dict[str, str] = field(default_factory=dict)  # town id -> feature of the same-named unit
    contains: list[int] = field(default_factory=list)  # mentions this one is (softly) the container of
    direction: str | None = None  # "North" for "northern Sinai": the name may be short for "North Sinai"
    money: bool = False  # names a currency ("US dollar"): no evidence of where the story is
    village_in: bool = False  # "X village in Y": X lies in Y, even when Y is a town
    unit_country: str | None = None  # "Kholapara upazila", "Barangay Taruk": a unit only that country has
    output: bool = True
    cands: list[Candidate] = field(default_factory=list)
