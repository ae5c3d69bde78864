"""Geoparsing: find the place names in an article and resolve each to a gazetteer entry and an ACLED place.

    recognise   spaCy GPE/LOC/FAC entities, person-tagged names that the context shows are places
                ("Jaish-e-Mohammed's Bahawalpur base"), capitalised words the model missed that the gazetteer
                knows ("Muridke headquarters"), and unknown names a pattern marks as places
                ("Kech's Kulag Tigran area", "the Shorkand region of Bolan")
    link        patterns between names: "X's Y area" and "the Y region of X" (Y lies in X), "Y, X" (Y in X when
                X holds a candidate of Y), "near X", "outskirts of X", "X district", "Pakistan-occupied Kashmir",
                and lists ("Rajouri and Poonch": siblings that should lie together)
    resolve     score every candidate by name match, population, feature type, the article's country focus
                (countries and demonyms, weighted by frequency and position), its container, and coherence with
                the other places; two rounds so resolved places feed the focus. A place the gazetteer does not
                know falls back to its container, else to the unit the article is about.

Demonyms ("Pakistani", "Indian") steer the country focus but are never toponyms themselves; organisations
("Baloch Liberation Army") are never searched for places.

Usage:
    >>> from sitrep.gazetteer import Gazetteer
    >>> from sitrep.pipeline.annotate import annotate
    >>> toponyms = geoparse(annotate(article), Gazetteer.open())  # doctest: +SKIP
    >>> [(t.text, t.place.admin1) for t in toponyms if t.place]  # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep.gazetteer._names import UNIT_FEATURES, fold
from sitrep.gazetteer.index import Candidate, Gazetteer, load_demonyms
from sitrep.model import Article, Place, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.pipeline.annotate import AnnotatedArticle

__all__ = ["Toponym", "geoparse", "resolve_spans", "toponym_rows", "ROW_KEYS", "Settings"]

ROW_KEYS = (
    "article_id",
    "path",
    "start",
    "end",
    "text",
    "resolved_name",
    "gazetteer_id",
    "feature_class",
    "country",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geo_precision",
    "score",
)

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entity labels whose words are never searched for places (a PERSON may be reconsidered, see below).
_BLOCK_LABELS = {"ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE", "DATE", "TIME", "MONEY",
                 "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}  # fmt: skip
_LOCATIVE = {
    "in", "at", "near", "from", "into", "across", "around", "outside", "towards", "toward", "through",
    "throughout", "within", "along", "between", "via", "to", "inside", "nearby", "outskirts", "of",
}  # fmt: skip
# Nouns after a name that make it a place ("Muridke headquarters", "Kulag Tigran area", "Bahawalpur base").
_PLACE_HEADS = {
    "area", "areas", "region", "district", "province", "village", "villages", "town", "city", "headquarters",
    "base", "camp", "camps", "border", "outskirts", "sector", "sectors", "valley", "tehsil", "division",
    "county", "municipality", "neighbourhood", "neighborhood", "suburb", "suburbs", "governorate", "oblast",
    "state", "subdistrict", "locality", "settlement", "airport", "market", "bazaar", "outpost", "checkpoint",
}  # fmt: skip
_AREA_NOUNS = r"(?:area|areas|region|district|village|town|city|valley|sector|locality|vicinity|outskirts|suburbs?|neighbou?rhood|tehsil|subdistrict|countryside|border area|belt)"  # noqa: E501
_STOPWORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "president", "minister", "prime", "army", "police", "government", "general", "colonel", "captain",
    "commander", "officials", "official", "the", "a", "an", "this", "that", "these", "those", "he", "she",
    "they", "we", "it", "his", "her", "their", "our", "its", "mr", "mrs", "ms", "dr", "sir", "lord", "saint",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new", "old",
    "god", "allah", "islam", "islamic", "state", "republic", "union", "national", "federal", "international",
    "reuters", "afp", "ap", "bbc", "cnn", "said", "says", "according", "news", "media", "report", "reports",
    "english", "twitter", "facebook", "update", "breaking", "read", "more", "photo", "video", "image",
    "while", "when", "after", "before", "during", "since", "following", "among", "despite", "however",
    "operation", "special", "squad", "force", "forces", "unit", "command", "ministry", "department",
    "security", "military", "court", "parliament", "congress", "senate", "council", "party", "front",
    "liberation", "movement", "brigade", "battalion", "division", "corps", "navy", "air", "university",
}  # fmt: skip
# Words that name a kind of facility or body, not a place ("Cathedral", "University").
_GENERIC = {
    "university", "college", "school", "high", "elementary", "middle", "hospital", "church", "cathedral", "chapel",
    "mosque", "temple", "court", "hall", "house", "centre", "center", "stadium", "airport", "station", "street",
    "road", "avenue", "square", "park", "market", "bridge", "tower", "hotel", "office", "embassy", "bank", "club",
    "institute", "academy", "council", "city", "town", "county", "district", "province", "cup", "world", "trust",
    "estate", "village", "prison", "jail", "camp", "base", "museum", "theatre", "theater", "palace", "castle",
}  # fmt: skip
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "gen", "col", "capt", "lt", "sgt", "maj", "president", "minister",
                "commander", "subedar", "spokesperson", "spokesman", "chief", "governor", "mayor", "senator"}  # fmt: skip
_OCCUPIED = re.compile(
    r"\b(?P<by>[A-Z][A-Za-z]+)-(?:occupied|administered|controlled|held|annexed|ruled)\s+"
    r"(?P<place>[A-Z][A-Za-z]+(?:(?:\s+and\s+|\s+)[A-Z][A-Za-z]+){0,3})"
)


@dataclass
class Settings:
    """Weights of the resolver (tuned on the GeoWebNews tuning split; see gazetteer/evaluate.py)."""

    match: dict[str, float] = field(
        default_factory=lambda: {"name": 1.0, "alias": 0.85, "stem": 0.7, "alt": 0.5, "partial": 0.6}
    )
    feature: dict[str, float] = field(
        default_factory=lambda: {"country": 1.0, "continent": 0.8, "admin1": 0.3, "admin2": 0.05, "city": 0.0}
    )
    # A town in a country the article never points at, when the article clearly points elsewhere.
    foreign: float = 0.4
    foreign_population: int = 50_000
    # A country's capital is often named for the country or its government ("Washington", "Kabul").
    capital: float = 0.5
    # Context (focus, same-country coherence) counts less for a candidate far smaller than the biggest one of
    # that name: it vanishes at `focus_gap` decades of population, down to `focus_floor`.
    focus_gap: float = 4.0
    focus_floor: float = 0.2
    population: float = 0.6
    country_focus: float = 1.2
    admin1_focus: float = 0.4
    container: float = 1.2
    coherence: float = 0.6
    sibling: float = 1.2
    unit_hint: float = 0.4
    accept: float = 1.0
    # A non-entity capitalised word is a place without any locative cue only if it is this big.
    bare_population: int = 100_000


DEFAULT_SETTINGS = Settings()


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
        source: how it was found: "ner:GPE", "ner:LOC", "ner:FAC", "ner:PERSON" (reconsidered), "gazetteer"
            (a capitalised word the model missed), "pattern" (an unknown name a pattern marks as a place).
        pattern: the pattern around it: possessive_area, region_of, comma, near, outskirts, unit_word, occupied,
            list, or None.
        relation: "self" (the name is the place), "in" (it lies in `container`), "near".
        container: the span of the name given as its container ("Kech" for "Kech's Kulag Tigran area").
        resolved_via: "name" (the gazetteer knows it), "container" (fell back to its container), "focus" (fell
            back to the unit the article is about), or None (unresolved).
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


# ============================================================================================ recognition


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    source: str
    query: str
    pattern: str | None = None
    relation: str = "self"
    container: int | None = None  # index of the container mention
    comma_container: int | None = None
    unit_hint: str | None = None
    country_filter: str | None = None
    siblings: set[int] = field(default_factory=set)
    paragraph: int = 0
    sentence: int = 0
    is_container: bool = False
    output: bool = True
    cands: list[Candidate] = field(default_factory=list)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a token range."""
    while start < end and doc[start].lower_ in ("the", "'s", "'"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "'", "s'") or (end > start and doc[end - 1].is_punct):
        end -= 1
    return start, end


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t) and not tok.is_punct


def _prev_word(doc: Doc, i: int) -> Token | None:
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in ('"', "(")):
        j -= 1
    return doc[j] if j >= 0 else None


def _next_word(doc: Doc, i: int) -> Token | None:
    j = i
    while j < len(doc) and (doc[j].is_space or doc[j].text in ('"', ")")):
        j += 1
    return doc[j] if j < len(doc) else None


def _locative_context(doc: Doc, start: int, end: int) -> bool:
    """A locative preposition before the name, or a place noun after it."""
    prev = _prev_word(doc, start)
    if prev is not None and prev.lower_ in _LOCATIVE and prev.lower_ not in ("of", "to"):
        return True
    nxt = _next_word(doc, end)
    if nxt is not None and nxt.lower_ == "'s":
        nxt = _next_word(doc, nxt.i + 1)
    return nxt is not None and nxt.lower_ in _PLACE_HEADS


def _good_hit(cands: Sequence[Candidate], *, strong: bool, settings: Settings) -> bool:
    """Whether a lookup result makes an un-tagged capitalised word a place."""
    for c in cands:
        if c.match not in ("name", "alias", "stem"):
            continue
        if strong:
            return True
        if c.feature in ("country", "admin1", "continent"):
            return True
        if c.feature == "city" and c.population >= settings.bare_population:
            return True
    return False


def _recognise(doc: Doc, gaz: Gazetteer, settings: Settings) -> list[_Mention]:
    text = doc.text
    mentions: list[_Mention] = []
    taken = [False] * len(doc)
    blocked = [False] * len(doc)
    demonyms = load_demonyms()
    place_texts = {fold(e.text) for e in doc.ents if e.label_ in ("GPE", "LOC")}

    def add(start_tok: int, end_tok: int, source: str) -> None:
        s, e = _trim(doc, start_tok, end_tok)
        if s >= e:
            return
        if any(taken[s:e]):
            return
        span_text = text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
        key = fold(span_text)
        if not key or key in demonyms or len(key) < 2:
            return
        for i in range(s, e):
            taken[i] = True
        mentions.append(_Mention(doc[s].idx, doc[s].idx + len(span_text), span_text, source, span_text))

    for ent in doc.ents:
        if ent.label_ in _BLOCK_LABELS:
            for i in range(ent.start, ent.end):
                blocked[i] = True
    # "Pakistan-occupied Jammu and Kashmir": the whole phrase, looked up inside the occupying country.
    for m in _OCCUPIED.finditer(text):
        by = gaz.country(m.group("by"))
        if by is None:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        mentions.append(
            _Mention(
                m.start(), m.end(), m.group(0), "pattern", m.group("place"), pattern="occupied",
                country_filter=by.iso2,
            )
        )  # fmt: skip
    for ent in doc.ents:
        if ent.label_ in _PLACE_LABELS:
            add(ent.start, ent.end, f"ner:{ent.label_}")
    # PERSON-tagged names that are places by context, or tagged as places elsewhere in the article.
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(taken[ent.start : ent.end]):
            continue
        s, e = _trim(doc, ent.start, ent.end)
        if s >= e or doc[s].lower_ in _TITLE_WORDS:
            continue
        name = doc[s:e].text
        if fold(name) in place_texts or (
            _locative_context(doc, s, e) and _good_hit(gaz.lookup(name), strong=True, settings=settings)
        ):
            add(s, e, "ner:PERSON")
    # Capitalised runs the model left untagged.
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or blocked[i] or not _is_cap(tok) or tok.ent_type_ == "PERSON":
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < 5 and not taken[j] and not blocked[j] and _is_cap(doc[j]) and doc[j].ent_type_ != "PERSON":
            j += 1
        _untagged_run(doc, i, j, gaz, settings, add, mentions)
        i = max(j, i + 1)
    mentions.sort(key=lambda m: m.start)
    _merge_and(doc, mentions, gaz)
    return mentions


def _untagged_run(doc: Doc, i: int, j: int, gaz: Gazetteer, settings: Settings, add: Any, mentions: list[_Mention]) -> None:
    """Find the longest gazetteer names (or pattern-marked unknown names) inside one capitalised run."""
    text = doc.text
    s = i
    while s < j:
        found = False
        for e in range(j, s, -1):
            words = [t for t in doc[s:e]]
            key_words = [w.lower_ for w in words]
            if all(w in _STOPWORDS for w in key_words):
                continue
            if e - s == 1 and (words[0].is_stop or key_words[0] in _STOPWORDS):
                continue
            if e - s == 1 and words[0].text.isupper() and len(words[0].text) <= 5:
                # acronyms (BLA, IED) are places only when they name a country (UK, DRC)
                if gaz.country(words[0].text) is None:
                    continue
            name = text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
            locative = _locative_context(doc, s, e)
            pattern_place = _pattern_marks_place(doc, s, e, mentions)
            sentence_initial = doc[s].is_sent_start
            cands = gaz.lookup(name)
            strong = locative or pattern_place
            if cands and _good_hit(cands, strong=strong, settings=settings) and (strong or not sentence_initial):
                if all(t.pos_ == "PROPN" for t in words) or strong:
                    add(s, e, "gazetteer")
                    found = True
            elif pattern_place:
                add(s, e, "pattern")
                found = True
            if found:
                s = e
                break
        if not found:
            s += 1


def _pattern_marks_place(doc: Doc, s: int, e: int, mentions: list[_Mention]) -> bool:
    """An unknown name is a place when a pattern says so: "<place>'s Y area", "the Y region of <place>"."""
    text = doc.text
    before = text[max(0, doc[s].idx - 40) : doc[s].idx]
    after = text[doc[e - 1].idx + len(doc[e - 1].text) : doc[e - 1].idx + len(doc[e - 1].text) + 40]
    if re.match(rf"\s+{_AREA_NOUNS}\s+of\s+(?:the\s+)?[A-Z]", after):
        return True
    m = re.search(r"'s?\s+(?:[a-z-]+\s+){0,2}$", before)
    if m and re.match(rf"\s+{_AREA_NOUNS}\b", after):
        owner_end = doc[s].idx - len(m.group(0))
        return any(x.end == owner_end for x in mentions)
    return False


def _merge_and(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """Join "Jammu" + "and" + "Kashmir" when the whole phrase is one gazetteer name."""
    text = doc.text
    k = 0
    while k + 1 < len(mentions):
        a, b = mentions[k], mentions[k + 1]
        gap = text[a.end : b.start]
        if gap in (" and ", " & ") and a.pattern is None and b.pattern is None:
            whole = text[a.start : b.end]
            if any(c.match in ("name", "alias", "stem") for c in gaz.lookup(whole)):
                mentions[k] = _Mention(a.start, b.end, whole, a.source, whole)
                del mentions[k + 1]
                continue
        k += 1


# ============================================================================================ patterns


def _link(doc: Doc, mentions: list[_Mention], paragraph_of: Any) -> None:
    """Set containers, relations, unit words and list siblings from the words around each mention."""
    text = doc.text
    by_end = {m.end: i for i, m in enumerate(mentions)}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    for i, m in enumerate(mentions):
        m.paragraph = paragraph_of(m.start)
        m.sentence = _bisect(sent_starts, m.start)
        before = text[max(0, m.start - 60) : m.start]
        after = text[m.end : m.end + 60]
        unit = re.match(r"\s+([a-z]+)\b", after)
        if unit and unit.group(1) in UNIT_FEATURES and unit.group(1) not in ("city", "town", "village"):
            m.unit_hint = unit.group(1)
            m.pattern = m.pattern or "unit_word"
        # "X's [adj] Y area/province": Y lies in X.
        poss = re.search(r"'s?\s+(?:[a-z-]+\s+){0,2}$", before)
        if poss:
            owner = by_end.get(m.start - len(poss.group(0)))
            if owner is not None and owner != i:
                m.container, m.pattern = owner, "possessive_area"
        # "the Y region of X": Y lies in X.
        reg = re.match(rf"\s+{_AREA_NOUNS}\s+of\s+(?:the\s+)?", after)
        if reg:
            owner = by_start.get(m.end + len(reg.group(0)))
            if owner is not None and owner != i:
                m.container, m.pattern = owner, "region_of"
        # "Y, X": X may hold Y (checked at resolution against the candidates).
        com = re.match(r",\s+", after)
        if com and m.container is None:
            owner = by_start.get(m.end + len(com.group(0)))
            if owner is not None:
                m.comma_container = owner
        # "near X", "outskirts of X".
        if re.search(r"\b(?:outskirts\s+of|edge\s+of)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", before) or re.match(
            r"'s?\s+outskirts\b", after
        ):
            m.relation, m.pattern = "self", m.pattern or "outskirts"
            m.pattern = "outskirts"
        elif re.search(
            r"\b(?:near|nearby|close\s+to|outside|next\s+to|near\s+to|not\s+far\s+from|vicinity\s+of|neighbou?ring)\s+"
            r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
            before,
        ):
            m.relation, m.pattern = "near", "near"
    for m in mentions:
        if m.container is not None:
            mentions[m.container].is_container = True
    # Lists: "Rajouri and Poonch", "Quetta, Turbat and Gwadar" are siblings.
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.end : b.start]
        if re.fullmatch(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", gap) and a.sentence == b.sentence:
            a.siblings.add(i + 1)
            b.siblings.add(i)
            if a.comma_container == i + 1 and gap.strip() != ",":
                a.comma_container = None


def _bisect(starts: list[int], x: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


# ============================================================================================ resolution


def _candidates(m: _Mention, gaz: Gazetteer) -> list[Candidate]:
    query = m.query
    if m.source == "given" and gaz.is_demonym(query):
        country = gaz.country(query)
        return [country] if country is not None else []
    if m.unit_hint and m.pattern != "occupied":
        hinted = gaz.lookup(f"{query} {m.unit_hint}", country=m.country_filter)
        if hinted:
            return _collapse(hinted, keep_units=True)
    cands = gaz.lookup(query, country=m.country_filter)
    raw = query.strip().rstrip(".")
    if raw.isupper() and len(raw.replace(".", "")) <= 4:
        # An initialism ("EU", "US", "BC") is an alias or code of a unit, never the name of a small town ("Eu").
        cands = [c for c in cands if c.is_unit and c.match != "name" or c.name.isupper()]
    if not cands:
        cands = [c for c in _embedded(query, gaz) if c.is_unit or c.population >= 10_000]
        if cands:
            m.pattern = m.pattern or "embedded"
    return _collapse(cands, keep_units=False)


_WORD = re.compile(r"[A-Z][\w.'-]*")


def _embedded(query: str, gaz: Gazetteer) -> list[Candidate]:
    """Places named inside a longer unknown name: "Manila Cathedral" -> Manila, "Delhi High Court" -> Delhi."""
    words = [w.group(0).rstrip(".'") for w in _WORD.finditer(query)]
    if len(words) < 2 and len(query.split()) < 2:
        return []
    for size in range(len(words) - 1 if len(words) == len(query.split()) else len(words), 0, -1):
        found: list[Candidate] = []
        for k in range(len(words) - size + 1):
            part = words[k : k + size]
            if all(w.lower() in _STOPWORDS or w.lower() in _GENERIC for w in part):
                continue
            found += [c for c in gaz.lookup(" ".join(part)) if c.match in ("name", "alias")]
        if found:
            return found
    return []


def _collapse(cands: list[Candidate], *, keep_units: bool) -> list[Candidate]:
    """A unit named after its own main town ("Bahawalpur" district / city): keep the town, with the better match."""
    if keep_units:
        return cands
    by_id = {c.gazetteer_id: c for c in cands}
    rank = {"name": 0, "alias": 1, "stem": 1, "alt": 2, "partial": 3}
    out: list[Candidate] = []
    upgraded: dict[str, str] = {}
    for c in cands:
        if c.feature in ("admin1", "admin2") and c.town_id in by_id:
            town = by_id[c.town_id]
            if rank[c.match] < rank[town.match]:
                upgraded[town.gazetteer_id] = c.match
            continue
        out.append(c)
    if upgraded:
        from dataclasses import replace

        out = [replace(c, match=upgraded[c.gazetteer_id]) if c.gazetteer_id in upgraded else c for c in out]
    return out


def _static_score(c: Candidate, m: _Mention, s: Settings) -> float:
    score = s.match.get(c.match, 0.4) + s.feature.get(c.feature, 0.0)
    score += s.population * min(1.0, math.log10(max(c.population, 0) + 1) / 7.0)
    if m.unit_hint and c.feature in UNIT_FEATURES.get(m.unit_hint, ()):
        score += s.unit_hint
    if c.capital:
        score += s.capital
    return score


def _focus(
    mentions: list[_Mention], chosen: list[Candidate | None], doc: Doc, n_paragraphs: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Country and admin1 focus of the article, each a distribution summing to 1 (or empty)."""
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[str, float] = defaultdict(float)
    for m, c in zip(mentions, chosen):
        weight = 1.5 if m.paragraph <= 1 else 1.0
        if c is None:
            top = next((x for x in m.cands if x.feature == "country" and x.match in ("name", "alias")), None)
            if top is not None and len(m.cands) and m.cands[0] is top:
                countries[top.iso2 or ""] += weight
            continue
        if c.feature == "country":
            countries[c.iso2 or ""] += weight
        elif c.iso2:
            countries[c.iso2] += 0.5 * weight
        if c.admin1_id:
            admin1[c.admin1_id] += weight if c.feature == "admin1" else 0.5 * weight
    demonyms = load_demonyms()
    for tok in doc:
        if tok.text[:1].isupper():
            iso2 = demonyms.get(fold(tok.text))
            if iso2 and tok.ent_type_ not in ("GPE", "LOC"):
                countries[iso2] += 0.5
    return _normalise(countries), _normalise(admin1)


def _normalise(d: dict[str, float]) -> dict[str, float]:
    total = sum(d.values())
    return {k: v / total for k, v in d.items()} if total > 0 else {}


def _proximity(a: _Mention, b: _Mention) -> float:
    if a.sentence == b.sentence:
        return 1.0
    if a.paragraph == b.paragraph:
        return 0.5
    return 0.15


def _resolve(doc: Doc, mentions: list[_Mention], gaz: Gazetteer, s: Settings, n_paragraphs: int) -> list[tuple[Candidate | None, float]]:
    for m in mentions:
        m.cands = _candidates(m, gaz)
    chosen: list[Candidate | None] = [None] * len(mentions)
    scores: list[float] = [0.0] * len(mentions)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[fold(m.query) + "|" + (m.country_filter or "") + "|" + (m.unit_hint or "")].append(i)
    for round_ in range(3):
        country_focus, admin1_focus = _focus(mentions, chosen if round_ else [None] * len(mentions), doc, n_paragraphs)
        new_chosen: list[Candidate | None] = list(chosen)
        for members in groups.values():
            totals: dict[str, float] = defaultdict(float)
            best_second: dict[str, float] = {}
            by_id: dict[str, Candidate] = {}
            for i in members:
                m = mentions[i]
                # Units' populations are sums over their towns, so only towns set the scale.
                top = max((_logpop(c) for c in m.cands if not c.is_unit), default=0.0)
                for c in m.cands:
                    damp = 1.0 if c.is_unit else max(s.focus_floor, 1.0 - (top - _logpop(c)) / s.focus_gap)
                    sc = _static_score(c, m, s)
                    sc += s.country_focus * country_focus.get(c.iso2 or "", 0.0) * damp
                    if (
                        country_focus
                        and c.iso2 not in country_focus
                        and c.feature in ("city", "admin2")
                        and c.population < s.foreign_population
                    ):
                        sc -= s.foreign
                    if c.admin1_id:
                        sc += s.admin1_focus * admin1_focus.get(c.admin1_id, 0.0)
                    if round_:
                        sc += _context_score(i, c, mentions, chosen, s, damp)
                    totals[c.gazetteer_id] += sc / len(members)
                    by_id[c.gazetteer_id] = c
            if not totals:
                continue
            ranked = sorted(totals.items(), key=lambda kv: -kv[1])
            best_id, best = ranked[0]
            second = ranked[1][1] if len(ranked) > 1 else 0.0
            pick = by_id[best_id] if best >= s.accept else None
            for i in members:
                new_chosen[i] = pick
                scores[i] = _confidence(best, second) if pick else 0.0
            del best_second
        chosen = new_chosen
    return list(zip(chosen, scores))


def _logpop(c: Candidate) -> float:
    return math.log10(max(c.population, 0) + 1)


def _context_score(
    i: int, c: Candidate, mentions: list[_Mention], chosen: list[Candidate | None], s: Settings, damp: float = 1.0
) -> float:
    m = mentions[i]
    score = 0.0
    for ref in (m.container, m.comma_container):
        if ref is None:
            continue
        unit = chosen[ref]
        if unit is None:
            continue
        if unit.contains(c) and unit.gazetteer_id != c.gazetteer_id:
            score += s.container
        elif ref == m.container and unit.feature in ("country", "admin1", "admin2"):
            score -= s.container / 2
    coherence = sibling = 0.0
    key = fold(m.query)
    for j, o in enumerate(chosen):
        if j == i or o is None or o.gazetteer_id == c.gazetteer_id or o.feature in ("country", "continent"):
            continue
        if fold(mentions[j].query) == key:
            continue
        same = 1.0 if (c.admin1_id and o.admin1_id == c.admin1_id) else 0.3 * damp if o.iso2 == c.iso2 else 0.0
        if j in m.siblings:
            sibling = max(sibling, s.sibling * same)
        else:
            coherence += s.coherence * _proximity(m, mentions[j]) * same
    return score + sibling + min(coherence, 1.5 * s.coherence)


def _confidence(best: float, second: float) -> float:
    margin = 1.0 - (second / best) if best > 0 else 0.0
    return round(max(0.0, min(1.0, 0.5 * min(1.0, best / 3.0) + 0.5 * margin)), 3)


# ============================================================================================ output


def _precision(c: Candidate, relation: str, pattern: str | None, via: str) -> int:
    if via == "focus":
        return 3
    if via == "container":
        return 2 if c.feature in ("city", "admin2") else 3
    if c.feature == "city":
        if relation == "near" or pattern in ("possessive_area", "region_of"):
            return 2
        return 1
    if c.feature == "admin2":
        return 2
    return 3


def _place(c: Candidate, gaz: Gazetteer, precision: int, score: float, span: Span) -> Place:
    """The ACLED coding of a candidate: a unit is coded to its main town (location, coordinates, admin2)."""
    location, admin2 = c.name, c.admin2
    if c.is_unit and c.town_id:
        location = c.town or c.name
        if c.feature != "admin2":
            town = gaz.get(c.town_id)
            admin2 = town.admin2 if town else None
    admin1 = c.admin1 if c.feature != "country" else None
    if c.feature == "country" and c.town_id:
        town = gaz.get(c.town_id)
        if town is not None:
            admin1, admin2 = town.admin1, town.admin2
    return Place(
        name=location,
        country=c.country,
        iso=c.iso,
        iso2=c.iso2,
        admin1=admin1,
        admin2=admin2,
        latitude=c.lat,
        longitude=c.lon,
        geo_precision=precision,
        gazetteer_id=c.town_id if c.is_unit and c.town_id else c.gazetteer_id,
        feature_class="P" if c.is_unit and c.town_id else c.feature_class,
        score=score,
        span=span,
    )


def _focus_unit(resolved: list[tuple[Candidate | None, float]], mentions: list[_Mention], gaz: Gazetteer) -> Candidate | None:
    """The unit the article is about: its most-named admin1 inside its most-named country."""
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[str, float] = defaultdict(float)
    for (c, _), m in zip(resolved, mentions):
        if c is None:
            continue
        countries[c.iso2 or ""] += 1.0
        if c.admin1_id and c.feature != "country":
            admin1[c.admin1_id] += 1.5 if c.feature == "admin1" else 0.5
    if not countries:
        return None
    iso2 = max(countries.items(), key=lambda kv: kv[1])[0]
    best = None
    for gid, w in sorted(admin1.items(), key=lambda kv: -kv[1]):
        unit = gaz.get(gid)
        if unit is not None and unit.iso2 == iso2:
            best = unit
            break
    if best is not None:
        return best
    return gaz.country(iso2) if iso2 else None


def _toponyms(
    mentions: list[_Mention], resolved: list[tuple[Candidate | None, float]], gaz: Gazetteer
) -> list[Toponym]:
    out: list[Toponym] = []
    focus_unit: Candidate | None = None
    focus_done = False
    # A name used once as a container or in a place pattern is a place everywhere in the article.
    patterned = {
        fold(m.query) for m in mentions if m.container is not None or m.is_container or m.pattern in ("region_of", "possessive_area")
    }
    for i, (m, (c, score)) in enumerate(zip(mentions, resolved)):
        if not m.output:
            continue
        span = Span(m.start, m.end, m.text)
        container_span = None
        if m.container is not None:
            cm = mentions[m.container]
            container_span = Span(cm.start, cm.end, cm.text)
        via: str | None = "name" if c is not None else None
        relation = m.relation
        if c is None and fold(m.query) in patterned:
            # Unknown name: fall back to the smallest known container, else to the unit the article is about.
            ref = m.container
            while ref is not None and resolved[ref][0] is None:
                ref = mentions[ref].container
            if ref is not None:
                c, score, via, relation = resolved[ref][0], round(resolved[ref][1] * 0.6, 3), "container", "in"
            else:
                if not focus_done:
                    focus_unit, focus_done = _focus_unit(resolved, mentions, gaz), True
                if focus_unit is not None:
                    c, score, via, relation = focus_unit, 0.2, "focus", "in"
        place = None
        if c is not None and via is not None:
            place = _place(c, gaz, _precision(c, relation, m.pattern, via), score, span)
        out.append(
            Toponym(
                span=span,
                text=m.text,
                place=place,
                candidate=c,
                source=m.source,
                pattern=m.pattern,
                relation=relation,
                container=container_span,
                resolved_via=via if c is not None else None,
            )
        )
    return out


# ============================================================================================ public API


def geoparse(annotated: AnnotatedArticle, gazetteer: Gazetteer, *, settings: Settings | None = None) -> list[Toponym]:
    """Find and resolve the place names of one article.

    Args:
        annotated: the article with its spaCy Doc (`sitrep.pipeline.annotate.annotate`).
        gazetteer: a Gazetteer (`Gazetteer.open()`, or a `MemoryGazetteer` in tests).
        settings: resolver weights; defaults to the tuned ones.
    Returns:
        Toponyms in text order; each has a Place unless nothing in the gazetteer or the context fits it.
    """
    settings = settings or DEFAULT_SETTINGS
    doc = annotated.doc
    mentions = _recognise(doc, gazetteer, settings)
    return _run(annotated, mentions, gazetteer, settings)


def resolve_spans(
    annotated: AnnotatedArticle,
    spans: Iterable[tuple[int, int]],
    gazetteer: Gazetteer,
    *,
    settings: Settings | None = None,
) -> list[Toponym]:
    """Resolve given place-name spans (e.g. gold annotations), using the recognised toponyms as context.

    Args:
        annotated: the article with its Doc.
        spans: (start, end) character offsets of the names to resolve.
        gazetteer: the gazetteer.
    Returns:
        One Toponym per given span, in the given order.
    """
    settings = settings or DEFAULT_SETTINGS
    doc = annotated.doc
    text = doc.text
    wanted = [(int(a), int(b)) for a, b in spans]
    recognised = _recognise(doc, gazetteer, settings)
    mentions: list[_Mention] = []
    for a, b in wanted:
        mentions.append(_Mention(a, b, text[a:b], "given", text[a:b]))
    for r in recognised:
        if not any(r.start < b and a < r.end for a, b in wanted):
            r.output = False
            mentions.append(r)
    order = sorted(range(len(mentions)), key=lambda k: (mentions[k].start, mentions[k].end))
    ordered = [mentions[k] for k in order]
    toponyms = _run(annotated, ordered, gazetteer, settings, keep_all=True)
    by_pos = {(t.span.start, t.span.end): t for t in toponyms}
    return [by_pos[(a, b)] for a, b in wanted if (a, b) in by_pos]


def _run(
    annotated: AnnotatedArticle, mentions: list[_Mention], gaz: Gazetteer, settings: Settings, *, keep_all: bool = False
) -> list[Toponym]:
    doc = annotated.doc
    _link(doc, mentions, annotated.paragraph_of)
    resolved = _resolve(doc, mentions, gaz, settings, len(annotated.paragraph_starts))
    return _toponyms(mentions, resolved, gaz)


def toponym_rows(article: Article, toponyms: Iterable[Toponym]) -> list[dict[str, Any]]:
    """Rows for `sitrep geoparse`: one dict per toponym with the keys in ROW_KEYS.

    start/end are offsets into article.text; resolved_name/gazetteer_id/feature_class describe the gazetteer
    entry the name resolved to (or fell back to); latitude/longitude/admin units are the ACLED coding.
    """
    rows = []
    for t in toponyms:
        c, p = t.candidate, t.place
        rows.append(
            {
                "article_id": article.id,
                "path": article.path,
                "start": t.span.start,
                "end": t.span.end,
                "text": t.text,
                "resolved_name": c.name if c else None,
                "gazetteer_id": c.gazetteer_id if c else None,
                "feature_class": c.feature_class if c else None,
                "country": p.country if p else None,
                "admin1": p.admin1 if p else None,
                "admin2": p.admin2 if p else None,
                "latitude": p.latitude if p else None,
                "longitude": p.longitude if p else None,
                "geo_precision": p.geo_precision if p else None,
                "score": p.score if p else 0.0,
            }
        )
    return rows
