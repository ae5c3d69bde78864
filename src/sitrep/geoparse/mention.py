"""The values that flow between the geoparser's phases, and its output. Each phase returns frozen values, one
per name and in the same order as the names; a later phase refers to another name by its index in that order.

PlaceName   recognise: a name, where it is, how it was found
Link        link: what the words around a name say (its containers, "near", its unit word, list siblings)
Readings    candidates: the gazetteer readings of a name and what the name alone says about them
Mention     the view resolve and output read: one name with its link and its readings
Toponym     the public result: a place name, where it is, and the ACLED place it resolves to
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.gazetteer import Candidate
from sitrep.model import Place, Span

__all__ = ["Toponym", "PlaceName", "Link", "Readings", "Mention"]


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
        role: what the name does in the story (sitrep.geoparse.roles): "scene" (where something happened, or
            may have), "dateline", "speaker", "source", "actor", "origin", "destination", "home", "whose" or
            "landmark".
        held: for a province or country named at a point of its own, its coding as a unit that only holds a
            place the text does not name (its main town or capital, as ACLED codes such a place): what it stands
            for as the article's region, where an event names no place (docs/gazetteer.md, "Units as places").
            None for any other name.
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
    role: str = "scene"
    held: Place | None = None


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place name as recognise found it.

    Attributes:
        start, end: character offsets into the article's text.
        text: the name as written.
        source: how it was found (see `Toponym.source`).
        query: what to look up in the gazetteer ("Jammu and Kashmir" for "Pakistan-occupied Jammu and Kashmir").
        pattern: "occupied" for "<Country>-occupied X", else None.
        country_filter: the only country to look the name up in (the occupier's), or None.
    """

    start: int
    end: int
    text: str
    source: str
    query: str
    pattern: str | None = None
    country_filter: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """What the words around one name say about it (link). Other names are referred to by index.

    Attributes:
        paragraph, sentence: where the name stands (numbered from 0).
        pattern: the pattern around the name (see `Toponym.pattern`; "embedded" is added by candidates).
        relation: "self" or "near".
        container: the name this one lies in by a plain pattern ("X's Y area", "the Y region of X"), or None.
        soft_container: the name that may hold this one ("Y, X", "Y (X)", "Y in X"): it does when it holds one
            of this name's readings; `soft_kind` says how it was written: "comma", "paren", "in" or "near".
        containers: (index, kind) of every name that may hold this one, the plain container first with kind
            "hard".
        unit_hint: the unit word after the name ("district" in "Kech district"), or None.
        unit_country: the country a kind of unit next to the name belongs to ("upazila": BD), or None.
        village_in: "X village in Y": X lies in Y even when Y is a town.
        money: the name qualifies a currency ("US dollar"): no evidence of where the story is.
        is_container: another name has this one as its plain container.
        contains: the names this one is (softly) the container of, in the order they were linked.
        siblings: the names listed next to this one ("Rajouri and Poonch").
    """

    paragraph: int
    sentence: int
    pattern: str | None
    relation: str
    container: int | None
    soft_container: int | None
    soft_kind: str
    containers: tuple[tuple[int, str], ...]
    unit_hint: str | None
    unit_country: str | None
    village_in: bool
    money: bool
    is_container: bool
    contains: tuple[int, ...]
    siblings: frozenset[int]


@dataclass(frozen=True, slots=True)
class Readings:
    """The gazetteer readings of one name (candidates), and what the name alone says about them.

    Attributes:
        cands: the candidates, best match first as the gazetteer gives them.
        initialism: written in capitals ("HP", "J&K") and a code of provinces in several countries: needs the
            article's country.
        abbreviation: an abbreviation ("Calif.") to expand against the focus countries' provinces.
        expanded: the abbreviation has been expanded (cands is then its one province).
        embedded: the readings are places named inside the name ("Manila Cathedral" -> Manila).
        embedded_loose: ... and the rest of the name is no generic word ("Lake Manassas").
        collapsed: town id -> feature of the same-named unit folded into it ("Bahawalpur" district and city).
    """

    cands: tuple[Candidate, ...]
    initialism: bool = False
    abbreviation: bool = False
    expanded: bool = False
    embedded: bool = False
    embedded_loose: bool = False
    collapsed: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Mention:
    """One name as resolve and output read it: what recognise, link and candidates said of it."""

    name: PlaceName
    link: Link
    readings: Readings

    @property
    def pattern(self) -> str | None:
        """The pattern around the name; "embedded" when only a place named inside it is known."""
        return self.link.pattern or ("embedded" if self.readings.embedded else None)
