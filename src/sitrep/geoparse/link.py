"""Phase 2, link: the patterns between names (`link(doc, names, paragraph_of)` -> one `Link` per name).

"X's Y area" and "the Y region of X" (Y lies in X), "Y (X)", "Y in X", "Y district, X" and "Y, X" (Y in X when X
holds a candidate of Y), "near X", "outskirts of X", "X district", and lists ("Rajouri and Poonch": siblings
that should lie together).

Each pattern around one name is one function over the words around it (`_Around`) that writes what it finds
into the name's draft; they run in the order of `_PATTERNS`, so a pattern can leave a name alone when an
earlier one has given it a container. Then the patterns between names (containers, lists) complete the drafts,
and each draft is frozen into a `Link`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.gazetteer.names import UNIT_FEATURES
from sitrep.geoparse.extent import means_near, means_region
from sitrep.geoparse.mention import Link, PlaceName
from sitrep.geoparse.words import AREA_AFTER, AREA_NOUNS, NATIONAL_UNIT_WORDS, OF_NOUNS, PLACE_HEADS
from sitrep.text.lexicon import CURRENCY_WORDS
from sitrep.text.tokens import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["link"]


_HEAD_WORD = (
    r"(?:\s+(?:area|areas|town|towns|city|village|villages|district|districts|province|region|state|county"
    r"|governorate|oblast|division|municipality|township|subdivision|commune|sector|camp|neighbou?rhood|tehsil"
    r"|LGA|countryside|front"
    r"|base|airbase|airport|airfield|valley|forest|forests|mountains|hill|hills|desert)){0,2}"
)


_LIST_OF_PLACES_IN = re.compile(
    r"\s+(?:villages?|hamlets?|towns?|settlements?|districts?|townships?|sub-?districts?|localities|areas?)\s+in\b"
)


def link(doc: Doc, names: list[PlaceName], paragraph_of: Callable[[int], int]) -> list[Link]:
    """What the words around each name say: containers, relations, unit words and list siblings.

    Args:
        doc: the article's spaCy Doc.
        names: the recognised names in text order.
        paragraph_of: character offset -> paragraph number (`AnnotatedArticle.paragraph_of`).
    Returns:
        One Link per name, in the same order.
    """
    text = doc_text(doc)
    by_end = {n.end: i for i, n in enumerate(names)}
    by_start = {n.start: i for i, n in enumerate(names)}
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    drafts: list[_Draft] = []
    for i, name in enumerate(names):
        draft = _Draft(
            pattern=name.pattern, paragraph=paragraph_of(name.start), sentence=_bisect(sent_starts, name.start)
        )
        around = _Around(doc, i, name, text, by_end, by_start)
        for pattern in _PATTERNS:
            pattern(around, draft)
        drafts.append(draft)
    _mark_containers(drafts)
    _lists(text, names, drafts)
    _villages_in(text, names, drafts)
    return [d.freeze() for d in drafts]


@dataclass
class _Draft:
    """A Link while the patterns fill it in (see `Link` for the fields)."""

    pattern: str | None
    paragraph: int
    sentence: int
    relation: str = "self"
    container: int | None = None
    soft_container: int | None = None
    soft_kind: str = ""
    unit_hint: str | None = None
    unit_country: str | None = None
    village_in: bool = False
    money: bool = False
    is_container: bool = False
    contains: list[int] = field(default_factory=list)
    siblings: set[int] = field(default_factory=set)

    def unlinked(self) -> bool:
        """No container yet, plain or soft."""
        return self.container is None and self.soft_container is None

    def containers(self) -> tuple[tuple[int, str], ...]:
        """The names that may hold this one, with how (see `Link.containers`)."""
        out: tuple[tuple[int, str], ...] = ()
        if self.container is not None:
            out += ((self.container, "hard"),)
        if self.soft_container is not None:
            out += ((self.soft_container, self.soft_kind),)
        return out

    def freeze(self) -> Link:
        return Link(
            paragraph=self.paragraph,
            sentence=self.sentence,
            pattern=self.pattern,
            relation=self.relation,
            container=self.container,
            soft_container=self.soft_container,
            soft_kind=self.soft_kind,
            containers=self.containers(),
            unit_hint=self.unit_hint,
            unit_country=self.unit_country,
            village_in=self.village_in,
            money=self.money,
            is_container=self.is_container,
            contains=tuple(self.contains),
            siblings=frozenset(self.siblings),
        )


class _Around:
    """The words around one name, as every pattern reads them: up to 60 characters before and after it, the
    lower-case word right after it, and the names by where they start and end."""

    __slots__ = ("doc", "i", "name", "before", "after", "next_word", "by_end", "by_start")

    def __init__(
        self, doc: Doc, i: int, name: PlaceName, text: str, by_end: dict[int, int], by_start: dict[int, int]
    ) -> None:
        self.doc, self.i, self.name, self.by_end, self.by_start = doc, i, name, by_end, by_start
        self.before, self.after = text[max(0, name.start - 60) : name.start], text[name.end : name.end + 60]
        self.next_word = re.match(r"\s+([a-z]+)\b", self.after)

    def name_at(self, offset: int) -> int | None:
        """The index of the name starting at `offset` (another than this one), or None."""
        found = self.by_start.get(offset)
        return found if found != self.i else None


def _unit_country(at: _Around, d: _Draft) -> None:
    """ "Kholapara upazila", "Barangay Taruk": a kind of unit only one country has, after or before the name."""
    word_after, word_before = re.match(r"\s*([A-Za-z]*)", at.after), re.search(r"([A-Za-z]*)\s*$", at.before)
    d.unit_country = NATIONAL_UNIT_WORDS.get(word_after.group(1).lower()) if word_after else None
    if d.unit_country is None and word_before:
        d.unit_country = NATIONAL_UNIT_WORDS.get(word_before.group(1).lower())


def _unit_word(at: _Around, d: _Draft) -> None:
    """ "Kech district": a unit word after the name; else "US dollar", "Pakistan army": a name that qualifies the
    noun after it (marked, still resolved: GeoNews-style gold counts it; the events stage may skip it as no
    scene)."""
    unit = at.next_word
    if unit and unit.group(1) in UNIT_FEATURES and unit.group(1) not in ("city", "town", "village"):
        d.unit_hint = unit.group(1)
        d.pattern = d.pattern or "unit_word"
    elif unit and d.pattern is None:
        start = at.name.end + len(unit.group(0)) - len(unit.group(1))
        span = at.doc.char_span(start, start + len(unit.group(1)))
        nxt = span[0] if span is not None and len(span) == 1 else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ not in PLACE_HEADS and nxt.lower_ not in OF_NOUNS:
            d.pattern = "modifier"
            d.money = nxt.lower_ in CURRENCY_WORDS  # "the US dollar exchange rate" says nothing of where


_POSSESSIVE = re.compile(r"'s?\s+(?:(?!(?:in|on|at|of|to|for|from|with|by|and|or|the|a|an)\s)[a-z-]+\s+){0,2}$")


def _possessive(at: _Around, d: _Draft) -> None:
    """ "X's [adj] Y area/province": Y lies in X (not "Beijing's cooperation in Seoul")."""
    poss = _POSSESSIVE.search(at.before)
    if poss:
        owner = at.by_end.get(at.name.start - len(poss.group(0)))
        if owner is not None and owner != at.i:
            # "Kech's Kulag Tigran area", "Borduria's Baluria province": an area or unit of that name;
            # "Syria's Aleppo" is the town itself
            unit = at.next_word
            area = AREA_AFTER.match(at.after) or (unit is not None and unit.group(1) in UNIT_FEATURES)
            d.container, d.pattern = owner, "possessive_area" if area else "possessive"


_REGION_OF = re.compile(rf"\s+{AREA_NOUNS}\s+of\s+(?:the\s+)?")


def _region_of(at: _Around, d: _Draft) -> None:
    """ "the Y region of X": Y lies in X."""
    reg = _REGION_OF.match(at.after)
    if reg:
        owner = at.name_at(at.name.end + len(reg.group(0)))
        if owner is not None:
            d.container, d.pattern = owner, "region_of"


_PAREN = re.compile(rf"{_HEAD_WORD}\s*\(\s*")


def _paren(at: _Around, d: _Draft) -> None:
    """ "Y (X)", also after a unit word ("Hays city (Al Hudaydah)"): X may hold Y (checked at resolution
    against the candidates)."""
    par = _PAREN.match(at.after)
    if par and d.container is None:
        owner = at.by_start.get(at.name.end + len(par.group(0)))
        if owner is not None:
            d.soft_container, d.soft_kind = owner, "paren"


_COMMA = re.compile(rf"({_HEAD_WORD}),\s+")


def _comma(at: _Around, d: _Draft) -> None:
    """ "Y, X", "Qadis district, Badghis": X may hold Y."""
    com = _COMMA.match(at.after)
    if com and d.unlinked():
        owner = at.by_start.get(at.name.end + len(com.group(0)))
        if owner is not None:
            # "Qadis district, Badghis" (also "Ponnagyun Township, Sittwe District", the unit word in the
            # name) says "in" as plainly as a parenthesis; a bare comma may be a list
            text = at.name.text
            tail = text.split()[-1].lower() if " " in text.strip() else ""
            named_unit = tail in UNIT_FEATURES and tail not in ("city", "town", "village")  # "Gaza City, Rafah"
            d.soft_container, d.soft_kind = owner, "in" if com.group(1).strip() or named_unit else "comma"


_OVER_UNKNOWN = re.compile(rf"{_HEAD_WORD},\s+((?:[A-Z][\w'-]*\s+){{0,2}}[A-Z][\w'-]*),\s+")


def _comma_over_unknown(at: _Around, d: _Draft) -> None:
    """ "Buenos Aires, Nuevo Chimbote, Ancash": a name the gazetteer does not know between the place and X (a
    district or town, one to three capitalised words) still leaves X holding the place."""
    over = _OVER_UNKNOWN.match(at.after)
    if over and d.unlinked():
        owner_at = at.name.end + len(over.group(0))
        owner = at.by_start.get(owner_at)
        if owner is not None and not any(at.name.end < start < owner_at for start in at.by_start):
            d.soft_container, d.soft_kind = owner, "comma"


_IN = re.compile(
    rf"{_HEAD_WORD}(?:\s*\))?,?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|rural)(?:ern)?"
    r"(?:-(?:east|west)(?:ern)?)?\s+)?(?:(?:countryside|outskirts|suburbs|vicinity|environs)\s+of\s+(?:the\s+)?)?"
)


def _in(at: _Around, d: _Draft) -> None:
    """ "Y in X", also "Y in the (north-western) countryside of X", "Y in eastern X countryside", and the last
    name of a bracket before "in X" ("Zarbagh village (Kalan area of Dara) in Sufi Bala")."""
    inside = _IN.match(at.after)
    if inside and d.unlinked():
        owner = at.by_start.get(at.name.end + len(inside.group(0)))
        if owner is not None:
            d.soft_container, d.soft_kind = owner, "in"
            # "Ramban village in Sheohar": a settlement in (the province of) a town
            d.village_in = re.match(r"\s+(?:village|hamlet|town|settlement)\b", at.after) is not None


_APPOSED = re.compile(
    r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}(?:camp|village|town|settlement|hamlet)\s+"
    r"(?:(?:just|some|about)\s+)?(in|near|outside|close\s+to)\s+(?:the\s+)?"
)


def _apposed(at: _Around, d: _Draft) -> None:
    """ "Zamzam, the vast displacement camp outside El Fasher": an unknown camp or village falls back to X."""
    apposed = _APPOSED.match(at.after)
    if apposed and d.unlinked():
        owner = at.by_start.get(at.name.end + len(apposed.group(0)))
        if owner is not None:
            d.soft_container, d.soft_kind = owner, "in" if apposed.group(1) == "in" else "near"


_OUTSKIRTS_BEFORE = re.compile(r"\b(?:outskirts\s+of|edge\s+of)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$")
_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|close\s+to|outside|next\s+to|near\s+to|not\s+far\s+from|vicinity\s+of|neighbou?ring)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$"
)


def _near(at: _Around, d: _Draft) -> None:
    """ "outskirts of X" (X itself), "near X"."""
    if _OUTSKIRTS_BEFORE.search(at.before) or re.match(r"'s?\s+outskirts\b", at.after):
        d.relation, d.pattern = "self", "outskirts"
    elif _NEAR_BEFORE.search(at.before) or means_near(at.before):
        d.relation, d.pattern = "near", "near"  # "near X", "8 km from X", "some 20 kilometres outside X"


def _region(at: _Around, d: _Draft) -> None:
    """ "in rural Donetsk", "the hills of Swat", "X countryside": the unit of that name, not its main town."""
    if d.unit_hint is None and means_region(at.before, at.after):
        d.unit_hint = "region"


# The patterns around one name, in the order they run: the plain containers (possessive, region_of) before the
# soft ones, which each apply only while the name has no container yet.
_PATTERNS: tuple[Callable[[_Around, _Draft], None], ...] = (
    _unit_country,
    _unit_word,
    _region,
    _possessive,
    _region_of,
    _paren,
    _comma,
    _comma_over_unknown,
    _in,
    _apposed,
    _near,
)


def _mark_containers(drafts: list[_Draft]) -> None:
    """Each name given as a container knows it is one and which names it (softly) holds."""
    for i, d in enumerate(drafts):
        if d.container is not None:
            drafts[d.container].is_container = True
        for ref, _ in d.containers():
            drafts[ref].contains.append(i)


_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*")


def _lists(text: str, names: list[PlaceName], drafts: list[_Draft]) -> None:
    """ "Rajouri and Poonch", "Quetta, Turbat and Gwadar": names listed in one sentence are siblings; a name
    after "and" is a list item, not the container of the name before it."""
    for i in range(len(names) - 1):
        a, b = drafts[i], drafts[i + 1]
        gap = text[names[i].end : names[i + 1].start]
        if _LIST_GAP.fullmatch(gap) and a.sentence == b.sentence:
            a.siblings.add(i + 1)
            b.siblings.add(i)
            if a.soft_container == i + 1 and gap.strip() != ",":
                a.soft_container = None


def _villages_in(text: str, names: list[PlaceName], drafts: list[_Draft]) -> None:
    """ "near Mong Wi and Loi Hsam villages in Muse township", "Kalma and Kass villages in South Darfur": the
    place named after a list of villages or districts holds every name of the list, not only the last."""
    for i, d in enumerate(drafts):
        if d.soft_container is None or d.soft_kind != "in" or not _LIST_OF_PLACES_IN.match(text, names[i].end):
            continue
        j = i
        while j - 1 in drafts[j].siblings:
            j -= 1
            earlier = drafts[j]
            if earlier.unlinked() and j != d.soft_container:
                earlier.soft_container, earlier.soft_kind, earlier.village_in = d.soft_container, "in", d.village_in
                drafts[d.soft_container].contains.append(j)


def _bisect(starts: list[int], x: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)
