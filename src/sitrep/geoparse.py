"""Geoparsing: find the place names in an article and resolve each to a gazetteer entry and an ACLED place.

    recognise   spaCy GPE/LOC/FAC entities (cut at brackets and lower-case words, grown to the longest gazetteer
                name around them: "Boa" + "Vista"), names tagged as people, groups or products that the context
                shows are places ("Jaish-e-Mohammed's Bahawalpur base", "struck El Fasher", "Ludhiana (Punjab)",
                "Qadis district, Badghis"), capitalised words the model missed that the gazetteer knows
                ("Muridke headquarters", "the city of Uman"), province codes in brackets ("(UP)"), and unknown
                names a pattern marks as places ("Kech's Kulag Tigran area", "shelled Qoqfin in Idleb")
    link        patterns between names: "X's Y area" and "the Y region of X" (Y lies in X), "Y (X)", "Y in X",
                "Y district, X" and "Y, X" (Y in X when X holds a candidate of Y), "near X", "outskirts of X",
                "X district", "Pakistan-occupied Kashmir", and lists ("Rajouri and Poonch": siblings that should
                lie together)
    resolve     score every candidate by name match, population, feature type, the article's country focus
                (countries and demonyms, weighted by frequency and position), its container, and coherence with
                the other places; three rounds so resolved places feed the focus. A container rules out the
                candidates outside it; loose matches (respellings, places inside longer names) must fit the
                article's country. A place the gazetteer does not know falls back to its container, else to the
                unit the article is about.

Demonyms ("Pakistani", "Indian") steer the country focus but are never toponyms themselves (except before a
region word: "Somali region"); organisations with an organisation word ("Baloch Liberation Army") are never
searched for places.

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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.gazetteer._names import UNIT_FEATURES, fold, strip_unit
from sitrep.gazetteer.index import Candidate, Gazetteer, load_demonyms
from sitrep.model import Article, Place, Span
from sitrep.pipeline.lexicon import CURRENCY_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
# How a name may match a place only loosely: a GeoNames alternate name, part of a unit's name, a respelling.
_WEAK_MATCHES = ("alt", "partial", "skeleton")
# Unit words that name a region, never a town.
_REGION_WORDS = {"province", "provinces", "state", "governorate", "oblast", "region", "prefecture", "emirate"}
# Entity labels whose words are never searched for places. ORG is reconsidered name by name; PERSON, NORP (other
# than demonyms), PRODUCT, EVENT and WORK_OF_ART are places only with a locative cue (the small model tags
# "Abuja" PERSON and "Agadir" PRODUCT).
_BLOCK_LABELS = {"ORG", "NORP", "LAW", "LANGUAGE", "DATE", "TIME", "MONEY",
                 "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}  # fmt: skip
_WEAK_LABELS = ("PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART")
_LOCATIVE = {
    "in", "at", "near", "from", "into", "across", "around", "outside", "towards", "toward", "through",
    "throughout", "within", "along", "between", "via", "to", "inside", "nearby", "outskirts", "of",
}  # fmt: skip
# "attack on X", "offensive against X": nouns that make the name after on/against/over a place.
_ASSAULT_NOUNS = {
    "attack", "attacks", "strike", "strikes", "assault", "offensive", "raid", "raids", "advance", "march",
    "push", "shelling", "bombardment", "bombing", "missiles", "rockets", "drones", "fire", "airstrikes",
    "airstrike", "control", "flag", "sky", "skies",
}  # fmt: skip
# "the city of X", "X, a town in ...": nouns that make the name next to them a place.
_SETTLEMENT_NOUNS = {
    "city", "town", "village", "district", "province", "region", "capital", "outskirts", "suburb", "suburbs",
    "port", "hamlet", "settlement", "county", "state", "governorate", "oblast", "municipality", "township",
}  # fmt: skip
# Nouns after a name that make it a place ("Muridke headquarters", "Kulag Tigran area", "Bahawalpur base").
_PLACE_HEADS = {
    "area", "areas", "region", "district", "province", "village", "villages", "town", "city", "headquarters",
    "base", "camp", "camps", "border", "outskirts", "sector", "sectors", "valley", "tehsil", "division",
    "county", "municipality", "neighbourhood", "neighborhood", "suburb", "suburbs", "governorate", "oblast",
    "state", "subdistrict", "locality", "settlement", "airport", "market", "bazaar", "outpost", "checkpoint",
    "countryside", "township", "lga", "subdivision", "commune", "front", "mountains", "neighbourhoods",
    "neighborhoods", "refugee", "tambon", "mouza", "upazila", "taluk", "corridor", "highway", "pass", "crossing",
    "frontline", "plain", "plains", "desert", "airbase", "airfield",
}  # fmt: skip
# Words between a locative preposition and a name: "in rural Tal Tamer", "in northern Idlib".
_REGION_ADJECTIVES = {
    "rural", "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "downtown", "greater", "restive", "besieged", "neighbouring", "neighboring",
}  # fmt: skip
# Nouns before "of" that make the name after it a place ("west of Mizdah", "the outskirts of Malir").
_OF_NOUNS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts", "vicinity",
    "area", "areas", "countryside", "suburbs", "centre", "center", "heart", "part", "parts", "edge", "residents",
    "people", "villages", "towns", "districts", "provinces", "cities", "governor", "neighborhoods",
    "neighbourhoods", "neighborhood", "neighbourhood",
}  # fmt: skip
# Lower-case words inside place names ("Qala i Naw", "Rio Grande do Sul", "Dand wa Patan").
_CONNECTORS = {
    "de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "el", "al", "i", "e", "y", "wa",
    "ul", "ad", "ar", "as", "az", "an", "ash", "at", "bin", "ibn", "ben", "ou", "op", "aan", "den", "van", "von",
    "der", "sur", "en", "of", "and", "the", "es", "ez", "ed", "et", "ba", "los", "las",
}  # fmt: skip
_CUT_PUNCT = {"(", ")", ",", ";", "[", "]", ":", "/", '"', "|"}
_GLUE = {"-", "'", "\u2019", "\u2010", "\u2011"}
_AREA_NOUNS = (
    r"(?:area|areas|region|district|village|town|city|valley|sector|locality|vicinity|outskirts|suburbs?"
    r"|neighbou?rhood|tehsil|subdistrict|countryside|border area|belt)"
)
# Verbs whose object is often a place ("struck Uman", "captured Bakhmut").
_PLACE_VERBS = {
    "strike", "hit", "attack", "shell", "bomb", "raid", "capture", "seize", "enter", "storm", "target",
    "besiege", "surround", "liberate", "recapture", "retake", "overrun", "evacuate", "visit", "reach", "flee",
    "leave", "bombard", "pound", "encircle", "invade", "occupy", "control",
}  # fmt: skip
# Words that make an ORG entity an organisation, whatever place it is named after.
_ORG_WORDS = {
    "army", "police", "force", "forces", "party", "front", "movement", "liberation", "ministry", "council",
    "committee", "group", "brigade", "battalion", "corps", "guard", "guards", "company", "corporation", "inc",
    "ltd", "bank", "university", "college", "school", "hospital", "club", "fc", "united", "association",
    "union", "league", "federation", "commission", "agency", "office", "department", "court", "post", "times",
    "news", "tv", "radio", "airlines", "airways", "government", "administration", "authority", "board",
    "operation", "squad", "network", "institute", "foundation", "organisation", "organization", "alliance",
    "coalition", "taliban", "jaish", "lashkar", "tehreek", "daesh", "isis", "isil", "shabaab", "haram",
}  # fmt: skip
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
    "municipal", "press", "central", "international", "national", "general", "stand", "gate",
}  # fmt: skip
_TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "capt", "lt", "sgt", "maj", "president", "minister", "commander",
    "subedar", "spokesperson", "spokesman", "chief", "governor", "mayor", "senator",
}  # fmt: skip
_OCCUPIED = re.compile(
    r"\b(?P<by>[A-Z][A-Za-z]+)-(?:occupied|administered|controlled|held|annexed|ruled)\s+"
    r"(?P<place>[A-Z][A-Za-z]+(?:(?:\s+and\s+|\s+)[A-Z][A-Za-z]+){0,3})"
)


@dataclass
class Settings:
    """Weights of the resolver (tuned on the GeoWebNews tuning split; see gazetteer/evaluate.py)."""

    match: dict[str, float] = field(
        default_factory=lambda: {
            "name": 1.0,
            "alias": 0.85,
            "stem": 0.7,
            "alt": 0.5,
            "partial": 0.6,
            "skeleton": 0.45,
        }
    )
    feature: dict[str, float] = field(
        default_factory=lambda: {"country": 1.0, "continent": 0.8, "admin1": 0.3, "admin2": 0.05, "city": 0.0}
    )
    # A town in a country the article never points at, when the article clearly points elsewhere.
    foreign: float = 1.0
    foreign_population: int = 60_000
    # A country's capital is often named for the country or its government ("Washington", "Kabul").
    capital: float = 0.5
    # Context (focus, same-country coherence) counts less for a candidate far smaller than the biggest one of
    # that name: it vanishes at `focus_gap` decades of population, down to `focus_floor`.
    focus_gap: float = 4.0
    focus_floor: float = 0.2
    # Share of a country's focus that its neighbours get.
    neighbour: float = 0.3
    # A town whose own district or province has the same name gets part of that unit's feature weight.
    collapsed: float = 1.0
    population: float = 0.9
    country_focus: float = 0.9
    admin1_focus: float = 0.4
    container: float = 1.2
    coherence: float = 0.6
    sibling: float = 1.2
    unit_hint: float = 0.4
    accept: float = 0.9
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


def _text(doc: Doc) -> str:
    """The Doc's text, built once per Doc (spaCy joins every token for each `doc.text`)."""
    cached = doc.user_data.get("sitrep.text")
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if not isinstance(cached, str) or len(cached) != size:
        cached = doc.user_data["sitrep.text"] = doc.text
    return cached


class _Tokens:
    """A Doc's token attributes as plain sequences, read once per Doc.

    Recognition looks at each token dozens of times (runs, windows around names, two passes), and each
    `doc[i]` builds a new spaCy Token; an index into a list costs a fraction of that. Attributes of the word
    itself (text, lower case, flags) are read once per vocabulary entry and shared between Docs.
    """

    __slots__ = (
        "doc", "chars", "n", "text", "lower", "cap", "punct", "space", "is_lower", "alpha", "stop", "idx", "end",
        "ws", "ent", "sent_start", "propn", "verb", "glued",
    )  # fmt: skip
    doc: Doc
    chars: str  # the Doc's text
    n: int
    text: Sequence[str]
    lower: Sequence[str]
    cap: Sequence[bool]  # capitalised, with a letter, no punctuation mark
    punct: Sequence[bool]
    space: Sequence[bool]
    is_lower: Sequence[bool]
    alpha: Sequence[bool]
    stop: Sequence[bool]
    idx: Sequence[int]
    end: Sequence[int]  # idx + len(text)
    ws: Sequence[bool]  # whitespace after the token
    ent: Sequence[str]  # entity label, "" outside entities
    sent_start: Sequence[bool]
    propn: Sequence[bool]
    verb: Sequence[bool]
    glued: Sequence[bool]  # part of a compound with the token before it ("Mirza-Ali", "Ra-ngae", "Dar'a")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import ENT_TYPE, IDX, ORTH, POS, SENT_START, SPACY
        from spacy.symbols import PROPN, VERB

        self.doc = doc
        self.chars = _text(doc)
        self.n = len(doc)
        cols = doc.to_array([ORTH, IDX, SPACY, ENT_TYPE, SENT_START, POS]).reshape(-1, 6)
        orths = cols[:, 0].tolist()
        lexemes = _lexeme_cache(doc.vocab)
        lex = [lexemes.get(o) for o in orths]
        for k, o in enumerate(orths):
            if lex[k] is None:
                lex[k] = lexemes[o] = _lexeme_attrs(doc.vocab[o])
        text, lower, cap, punct, space, is_lower, alpha, stop, glue = zip(*lex, strict=True) if lex else [()] * 9
        self.text, self.lower, self.cap, self.punct, self.space = text, lower, cap, punct, space
        self.is_lower, self.alpha, self.stop = is_lower, alpha, stop
        self.idx = cols[:, 1].tolist()
        self.end = [i + len(t) for i, t in zip(self.idx, text, strict=True)]
        self.ws = ws = (cols[:, 2] != 0).tolist()
        ent_ids = cols[:, 3].tolist()
        labels = {e: doc.vocab.strings[e] if e else "" for e in set(ent_ids)}
        self.ent = [labels[e] for e in ent_ids]
        self.sent_start = (cols[:, 4] == 1).tolist()  # Token.is_sent_start: 1 yes, -1 no, 0 unknown
        self.propn = (cols[:, 5] == PROPN).tolist()
        self.verb = (cols[:, 5] == VERB).tolist()
        self.glued = [False] * min(1, self.n) + [
            not w and (g0 or g1 or (a0 and a1))
            for w, g0, g1, a0, a1 in zip(ws, glue, glue[1:], alpha, alpha[1:], strict=False)
        ]

    def span_text(self, s: int, e: int) -> str:
        """The text of tokens s..e-1 (Span.text)."""
        return self.chars[self.idx[s] : self.end[e - 1]]


_Lexeme = tuple[str, str, bool, bool, bool, bool, bool, bool, bool]
_LEXEMES: list[tuple[Any, dict[int, _Lexeme]]] = []  # (vocab, orth -> attributes): the last vocabulary seen


def _lexeme_cache(vocab: Any) -> dict[int, _Lexeme]:
    """The lexical attributes read so far for this vocabulary (a process has one; another one starts afresh)."""
    if not _LEXEMES or _LEXEMES[0][0] is not vocab or len(_LEXEMES[0][1]) > 500_000:
        _LEXEMES[:] = [(vocab, {})]
    return _LEXEMES[0][1]


def _lexeme_attrs(lex: Any) -> _Lexeme:
    """text, lower, capitalised, punct, space, is_lower, alpha, stop, glue character."""
    t = lex.text
    cap = bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t) and not lex.is_punct
    return t, lex.lower_, cap, lex.is_punct, lex.is_space, lex.is_lower, lex.is_alpha, lex.is_stop, t in _GLUE


def _trim(tk: _Tokens, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a token range."""
    lower, punct = tk.lower, tk.punct
    while start < end and lower[start] in ("the", "'s", "'"):
        start += 1
    while (end > start and lower[end - 1] in ("'s", "'", "s'")) or (end > start and punct[end - 1]):
        end -= 1
    return start, end


def _prev_word(tk: _Tokens, i: int) -> int:
    """The token before i, skipping spaces, quotes and an opening bracket; -1 when none."""
    j = i - 1
    while j >= 0 and (tk.space[j] or tk.text[j] in ('"', "(")):
        j -= 1
    return j


def _next_word(tk: _Tokens, i: int) -> int:
    """Token i or the first after it that is no space, quote or closing bracket; -1 when none."""
    j = i
    while j < tk.n and (tk.space[j] or tk.text[j] in ('"', ")")):
        j += 1
    return j if j < tk.n else -1


def _after_place_paren(tk: _Tokens, s: int, taken: Sequence[bool] | None) -> bool:
    """Token s stands in a parenthesis (or after a comma in it) right after a place: "Ludhiana (Punjab)",
    "Nasarullahpur town (Budgam district, J&K)", "Idak area (NW, KPK)"."""
    text, cap, sent_start = tk.text, tk.cap, tk.sent_start
    k = s - 1
    while k >= 0 and s - k <= 8:
        t = text[k]
        if t == ")" or (sent_start[k] and t != "("):
            return False
        if t == "(":
            before = k - 1
            while before >= 0 and tk.space[before]:
                before -= 1
            if before < 0:
                return False
            b = tk.lower[before]
            if bool(taken is not None and taken[before]) or b in _PLACE_HEADS or b in UNIT_FEATURES:
                return True
            if cap[before]:  # "the village of Ersam (Ansongo, Gao)": a name in a place context
                first = before
                while first > 0 and before - first < 4 and cap[first - 1] and not sent_start[first]:
                    first -= 1
                return _locative_context(tk, first, before + 1, taken) or _place_chain_paren(tk, k)
            return False
        k -= 1
    return False


def _place_chain_paren(tk: _Tokens, k: int) -> bool:
    """Token k opens a bracket of two or three capitalised names and nothing else, ACLED's and GTD's way of
    giving a place's district and province after it ("Tinawasse (Tin-Akoff, Oudalan)")."""
    names, j, in_name = 0, k + 1, False
    while j < tk.n and j - k <= 12:
        t = tk.text[j]
        if t == ")":
            return 2 <= names + in_name <= 3
        if t == ",":
            if not in_name:
                return False
            names, in_name = names + 1, False
        elif tk.cap[j] or tk.glued[j] or (in_name and tk.lower[j] in _CONNECTORS):
            in_name = True
        elif not tk.space[j]:
            return False
        j += 1
    return False


def _locative_context(tk: _Tokens, start: int, end: int, taken: Sequence[bool] | None = None) -> bool:
    """A locative preposition or a verb of attack/movement before the name, a place noun after it, a place it
    is listed with ("Uman and Dnipro"), or a place it qualifies ("Qadis district, Badghis", "Hays (Al
    Hudaydah)")."""
    if _after_place_paren(tk, start, taken):
        return True
    lower, n = tk.lower, tk.n
    prev = _prev_word(tk, start)
    word = lower[prev] if prev >= 0 else None
    if word in _REGION_ADJECTIVES and prev > 0 and lower[prev - 1] in _LOCATIVE and lower[prev - 1] not in ("of", "to"):
        return True  # "in rural Tal Tamer", "in northern Idlib"
    if word in _LOCATIVE and word not in ("of", "to"):
        return True
    if word in ("'s", "\u2019s") and prev > 0 and tk.ent[prev - 1] == "GPE":
        # "in Syria's Aleppo", "hit Yemen's Taiz": the place a country owns shares the country's cue
        owner = prev - 1
        while owner > 0 and tk.ent[owner - 1] == "GPE" and not tk.space[owner - 1]:
            owner -= 1
        return _locative_context(tk, owner, prev, taken)
    if word == "of":
        noun = _prev_word(tk, prev)
        if noun >= 0 and (lower[noun] in _SETTLEMENT_NOUNS or lower[noun] in _OF_NOUNS):
            return True  # "the city of Uman", "west of Mizdah"
    if word in ("on", "against", "over"):
        noun = _prev_word(tk, prev)
        if noun >= 0 and lower[noun] in _ASSAULT_NOUNS:
            return True  # "the attack on Kyiv"
    if prev >= 0 and tk.text[prev] == ",":
        before = _prev_word(tk, prev)
        if before >= 0 and (lower[before] in _PLACE_HEADS or lower[before] in _SETTLEMENT_NOUNS):
            return True  # "in Qadis district, Badghis"; "the capital, Kyiv"
        if before >= 0 and tk.cap[before] and (end >= n or tk.text[end] in (",", ".", "(", ")", ";")):
            # "in Barangay Taruk, Tandubas, Tawi-Tawi.": the chain of places after a locative cue
            first = before
            while first > 0 and before - first < 4 and (tk.cap[first - 1] or tk.glued[first]):
                first -= 1
            if first < start and _locative_context(tk, first, before + 1, taken):
                return True
    if _settlement_apposition(tk, end):
        return True
    if prev >= 0 and tk.verb[prev] and tk.doc[prev].lemma_.lower() in _PLACE_VERBS:
        return True
    nxt = _next_word(tk, end)
    if nxt >= 0 and lower[nxt] == "'s":
        nxt = _next_word(tk, nxt + 1)
    if nxt >= 0 and lower[nxt] in _PLACE_HEADS:
        return True
    if end < n and tk.text[end] == "(" and taken is not None and _place_in_paren(tk, end + 1, taken):
        return True  # "Ludhiana (Punjab)": qualified by a place
    if taken is not None:
        # listed with a place already found: "X and Y", "X, Y"
        if word in ("and", "or", ",", "&"):
            before = _prev_word(tk, prev)
            if before >= 0 and (taken[before] or tk.ent[before] in ("GPE", "LOC")):
                return True
        if nxt >= 0 and lower[nxt] in ("and", "or", ",", "&"):
            after = _next_word(tk, nxt + 1)
            if after >= 0 and (taken[after] or tk.ent[after] in ("GPE", "LOC")):
                return True
    return False


def _settlement_apposition(tk: _Tokens, end: int) -> bool:
    """An apposition that says the name is a settlement: "Uman, a city of about 80,000 people", "Zamzam, the
    vast displacement camp"."""
    n, lower = tk.n, tk.lower
    if end + 1 >= n or tk.text[end] != "," or lower[end + 1] not in ("a", "an", "the"):
        return False
    j = end + 2
    while j < n and j < end + 6 and tk.is_lower[j] and lower[j] not in _SETTLEMENT_NOUNS and lower[j] != "camp":
        j += 1
    return j < n and (lower[j] in _SETTLEMENT_NOUNS or lower[j] == "camp")


def _place_in_paren(tk: _Tokens, k: int, taken: Sequence[bool]) -> bool:
    """Token k opens a parenthesis that is a place and nothing else, or a list of places: "(Punjab)",
    "(Budgam district, J&K)", not "(Morocco's lower house)"."""
    n = tk.n
    if k >= n or not taken[k]:
        return False
    while k < n and taken[k]:
        k += 1
    while k < n and tk.lower[k] in UNIT_FEATURES:
        k += 1
    return k < n and tk.text[k] in (")", ",")


def _settlement_after(tk: _Tokens, end: int) -> bool:
    """ "Wumbi village", "Otash camp": a settlement noun right after the name."""
    return end < tk.n and tk.lower[end] in ("village", "town", "camp", "district", "area", "township")


def _unit_after(tk: _Tokens, end: int) -> bool:
    """A unit word right after the name ("Dand Wa Patan district")."""
    return end < tk.n and tk.lower[end] in UNIT_FEATURES and tk.lower[end] not in ("city", "town", "village")


def _followed_by_container(tk: _Tokens, end: int, taken: Sequence[bool]) -> bool:
    """ "Qoqfin in Idleb", "Garabulli (Almargeb)", "Tal Tamer in the countryside of Al-Hasakeh", "Basira in
    eastern Deir-ez-Zor": a known place right after the name."""
    n, lower = tk.n, tk.lower
    k = end
    while k < n and k - end < 2 and lower[k] in _PLACE_HEADS:
        k += 1  # "Tell Abiad front in Ar-Raqqa"
    if k < n and tk.text[k] == "(":
        return _place_in_paren(tk, k + 1, taken)
    if k < n and lower[k] == "in":
        k += 1
        if k < n and lower[k] == "the":
            k += 1
        while k < n and (lower[k] in _REGION_ADJECTIVES or lower[k] in ("north", "south", "east", "west", "-")):
            k += 1  # "in the north-western countryside of Hama"
        if k + 1 < n and lower[k] in _OF_NOUNS and lower[k + 1] == "of":
            k += 2  # "in the countryside of Al-Hasakeh"
            if k < n and lower[k] == "the":
                k += 1
        return k < n and taken[k]
    return False


_ARTICLE_START = re.compile(r"(?:al|el|ad|ar|as|at|az|an|ash|ath|adh|ez|es|ed)[\s'\u2019-]+[A-Z]")


def _proper(name: str) -> bool:
    """A proper name: capitalised, or an Arabic article before a capitalised word ("al-Hasakeh")."""
    return name[:1].isupper() or bool(_ARTICLE_START.match(name))


def _proper_at(text: str, pos: int) -> bool:
    """`_proper` of the text from `pos` on, without copying the rest of the article."""
    return text[pos : pos + 1].isupper() or bool(_ARTICLE_START.match(text, pos))


def _segments(tk: _Tokens, start: int, end: int) -> list[tuple[int, int]]:
    """An entity cut where the model ran it over punctuation or lower-case words: "Qoqfin in Idleb" ->
    "Qoqfin", "Idleb"; "Ludhiana (Punjab" -> "Ludhiana", "Punjab". Name connectors stay ("Qala i Naw")."""
    out: list[tuple[int, int]] = []
    s = start
    for k in range(start, end):
        cut = tk.text[k] in _CUT_PUNCT or (tk.is_lower[k] and tk.lower[k] not in _CONNECTORS and not tk.glued[k])
        if cut:
            if s < k:
                out.append((s, k))
            s = k + 1
    if s < end:
        out.append((s, end))
    return out


def _compound_edge_ok(tk: _Tokens, s: int, e: int) -> bool:
    """A name may not start or end inside a compound: "Ali" is no name of its own in "Mirza-Ali"."""
    if s > 0 and tk.glued[s] and tk.text[s - 1] not in ("(", '"'):
        return False
    return not (e < tk.n and tk.glued[e] and tk.text[e] not in (")", '"', ",", ".", "'s", "’s", ":", ";"))


def _good_hit(cands: Sequence[Candidate], *, strong: bool, settings: Settings, name: str = "") -> bool:
    """Whether a lookup result makes an un-tagged (or person/organisation-tagged) name a place. A GeoNames
    alternate name of three letters or fewer ("Geo" for Georgetown) never does."""
    short = bool(name) and len(fold(name).replace(" ", "")) < 4 and not name.replace("&", "").isupper()
    for c in cands:
        if c.match in ("alt", "skeleton"):
            if short or (name.replace("&", "").isupper() and not c.is_unit):
                continue  # "Geo" for Georgetown; a code in capitals ("UP") only for a province
            # a GeoNames alternate name only counts with context, and only for a town of some size
            if strong and (c.is_unit or c.population >= 10_000):
                return True
            continue
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
    tk = _Tokens(doc)
    text = tk.chars
    mentions: list[_Mention] = []
    taken = [False] * tk.n
    blocked = [False] * tk.n
    weak = [False] * tk.n  # tagged PERSON, NORP, ...: a place only with a locative cue
    demonyms = load_demonyms()
    ents = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    place_texts = {
        fold(tk.span_text(s, e))
        for start, end, label in ents
        if label in ("GPE", "LOC")
        for s, e in _segments(tk, start, end)
    }

    def add(start_tok: int, end_tok: int, source: str) -> bool:
        s, e = _trim(tk, start_tok, end_tok)
        if s >= e:
            return False
        if any(taken[s:e]):
            return False
        span_text = tk.span_text(s, e)
        key = fold(span_text)
        if not key or key in demonyms or len(key) < 2 or not _proper(span_text):
            return False  # "the metro" tagged FAC is not a proper name
        for i in range(s, e):
            taken[i] = True
        mentions.append(_Mention(tk.idx[s], tk.idx[s] + len(span_text), span_text, source, span_text))
        return True

    for start, end, label in ents:
        if label in ("PERSON", "NORP"):
            s, e = _trim(tk, start, end)
            if label == "NORP" and all(fold(tk.text[k]) in demonyms or not tk.cap[k] for k in range(start, end)):
                label = "DEMONYM"
            elif label == "PERSON" and s < e and tk.lower[s] in _TITLE_WORDS:
                label = "TITLED"
        if label in _WEAK_LABELS:
            for i in range(start, end):
                weak[i] = True
        elif label in _BLOCK_LABELS or label in ("DEMONYM", "TITLED"):
            for i in range(start, end):
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
                m.start(),
                m.end(),
                m.group(0),
                "pattern",
                m.group("place"),
                pattern="occupied",
                country_filter=by.iso2,
            )
        )
    for start, end, label in ents:
        if label in _PLACE_LABELS:
            for s, e in _segments(tk, start, end):
                s2, e2 = _longer_name(tk, s, e, gaz, taken, blocked)
                add(s2, e2, f"ner:{label}")
    # "Somali region", "Afar Region": a demonym before a unit word names a province.
    for k in range(tk.n - 1):
        if not taken[k] and tk.cap[k] and fold(tk.text[k]) in demonyms and tk.lower[k + 1] in _REGION_WORDS:
            name = tk.span_text(k, k + 2)
            if any(c.is_unit and c.feature != "country" and c.match != "alt" for c in gaz.lookup(name)):
                blocked[k] = False
                add(k, k + 2, "pattern")
    # Two passes: a place found in the first ("Qadis district") is the locative cue of the next name
    # (", Badghis"; "(Al Hudaydah)"). A first pass that finds nothing leaves the second nothing new to see.
    for _ in range(2):
        found = len(mentions)
        _capitalised_runs(tk, gaz, settings, add, mentions, taken, blocked, weak)
        _tagged_names(tk, ents, gaz, settings, add, taken, place_texts, mentions)
        if len(mentions) == found:
            break
    # A name found as a place once is a place wherever else it stands on its own.
    _repeat_names(tk, mentions, add, taken, blocked)
    mentions.sort(key=lambda m: m.start)
    _merge_and(doc, mentions, gaz)
    return mentions


def _longer_name(
    tk: _Tokens, s: int, e: int, gaz: Gazetteer, taken: list[bool], blocked: list[bool]
) -> tuple[int, int]:
    """The longest gazetteer name that covers a place entity and the capitalised words next to it: the model
    often cuts a name in pieces ("Boa" + "Vista", "Toba" + "Tek Singh", "Buni" + "Yadi")."""
    cap, glued = tk.cap, tk.glued

    def joinable(k: int) -> bool:
        if taken[k] or blocked[k] or tk.ent[k] == "ORG":
            return False
        return cap[k] or tk.lower[k] in _CONNECTORS or glued[k] or tk.text[k] in _GLUE

    left = s
    while left > 0 and s - left < 3 and joinable(left - 1) and not tk.sent_start[left - 1]:
        left -= 1
    right = e
    while right < tk.n and right - e < 4 and joinable(right):
        right += 1
    if (left, right) == (s, e):
        return s, e
    for size in range(right - left, e - s, -1):
        for a in range(left, s + 1):
            b = a + size
            if b > right or b < e:
                continue
            if not cap[a] or not (cap[b - 1] or (tk.alpha[b - 1] and glued[b - 1])):
                continue
            if not _compound_edge_ok(tk, a, b):
                continue
            if any(c.match in ("name", "alias") for c in gaz.lookup(tk.span_text(a, b))):
                return a, b
    return s, e


def _capitalised_runs(
    tk: _Tokens,
    gaz: Gazetteer,
    settings: Settings,
    add: Any,
    mentions: list[_Mention],
    taken: list[bool],
    blocked: list[bool],
    weak: list[bool],
) -> None:
    """Capitalised runs the model left untagged or tagged as people ("Coxilha", "Multan"): gazetteer names
    found in them, and unknown names a pattern marks as places."""
    i = 0
    n = tk.n
    text, lower, cap, ent, glued = tk.text, tk.lower, tk.cap, tk.ent, tk.glued

    def in_run(k: int, first: bool) -> bool:
        if taken[k] or blocked[k] or ent[k] == "ORG" or (ent[k] in _PLACE_LABELS and not first):
            return False
        return cap[k] or (not first and (glued[k] and (tk.alpha[k] or text[k] in _GLUE)))

    while i < n:
        if not in_run(i, True) or ent[i] in _PLACE_LABELS:
            i += 1
            continue
        j = i + 1
        start = i
        if i >= 2 and text[i - 1] == "-" and glued[i] and glued[i - 1] and not taken[i - 2]:
            if _ARTICLE_START.match(tk.span_text(i - 2, i + 1)):
                start = i - 2  # "el-Arish": the article belongs to the name
        while j < n and j - i < 8:
            if in_run(j, False):
                j += 1
            elif lower[j] in _CONNECTORS and lower[j] not in ("and", "of", "the"):
                # "Qala i Naw", "Suleiman al-Halabi", "Buena Vista de la Salud": lower-case connectors inside
                k = j + 1
                while k < n and k - j < 2 and lower[k] in _CONNECTORS and lower[k] not in ("and", "of", "the"):
                    k += 1
                if k + 1 < n and text[k] in _GLUE and glued[k] and glued[k + 1]:
                    k += 1
                if k < n and cap[k] and not taken[k] and not blocked[k] and ent[k] != "ORG":
                    j = k + 1
                else:
                    break
            else:
                break
        while j > i + 1 and (text[j - 1] in _GLUE or (tk.is_lower[j - 1] and lower[j - 1] in _CONNECTORS)):
            j -= 1
        _untagged_run(tk, start, j, gaz, settings, add, mentions, taken, weak)
        i = max(j, i + 1)


def _untagged_run(
    tk: _Tokens,
    i: int,
    j: int,
    gaz: Gazetteer,
    settings: Settings,
    add: Any,
    mentions: list[_Mention],
    taken: list[bool],
    weak: list[bool] | None = None,
) -> None:
    """Find the longest gazetteer names (or pattern-marked unknown names) inside one capitalised run."""
    text, lower, cap, glued = tk.text, tk.lower, tk.cap, tk.glued
    s = i
    while s < j:
        found = False
        # the name must start with a capital (the run's first token may also be an article: "al-Hasakeh")
        starts = cap[s] or (s == i and _proper_at(tk.chars, tk.idx[s]))
        for e in range(j, s, -1):
            if not starts or not _compound_edge_ok(tk, s, e):
                continue
            if not (cap[e - 1] or glued[e - 1]) or text[e - 1] in _GLUE:
                continue
            key_words = [lower[k] for k in range(s, e) if not tk.punct[k]]
            if all(w in _STOPWORDS or w in _CONNECTORS for w in key_words):
                continue
            if len(key_words) == 1 and (tk.stop[s] or key_words[0] in _STOPWORDS):
                continue
            if e - s == 1 and text[s].isupper() and len(text[s]) <= 5:
                # acronyms (BLA, IED) are places only when they name a country (UK, DRC) and no armed group
                # (BRA), or a province in ACLED's parenthesis after a place ("Keylong (HP)")
                if (gaz.country(text[s]) is None or text[s] in _group_acronyms()) and not (
                    _after_place_paren(tk, s, taken) and _code_fits(tk, s, e, gaz, mentions)
                ):
                    continue
            name = tk.span_text(s, e)
            is_weak = weak is not None and any(weak[s:e])
            whole = (s, e) == (i, j)
            # A preposition before "Buni Yadi" speaks for the whole name, not for "Buni" alone.
            locative = whole and _locative_context(tk, s, e, taken)
            pattern_place = _pattern_marks_place(tk, s, e, mentions)
            strong = locative or pattern_place
            plain = not is_weak and all(tk.propn[k] for k in range(s, e) if not tk.punct[k])
            if not strong and (tk.sent_start[s] or not plain):
                continue  # without a cue only a plain proper name inside a sentence can be a place: no lookup
            cands = gaz.lookup(name, respell=strong)  # a respelling only counts with a locative cue
            if cands and _good_hit(cands, strong=strong, settings=settings, name=name):
                found = add(s, e, "ner:PERSON" if is_weak and tk.ent[s] == "PERSON" else "gazetteer")
            elif pattern_place or (strong and whole and _followed_by_container(tk, e, taken)):
                found = add(s, e, "pattern")
            elif (
                not cands
                and whole
                and strong
                and ((e - s > 1 and _unit_after(tk, e)) or _settlement_after(tk, e) or _settlement_apposition(tk, e))
            ):
                found = add(s, e, "pattern")  # "Dand Wa Patan district": one unknown name, not "Patan"
            elif cands and whole and strong and (_unit_after(tk, e) or _settlement_after(tk, e)):
                found = add(s, e, "pattern")  # "in Ghoryan district": known only by a respelling or a small namesake
            if found:
                s = e
                break
        if not found:
            s += 1
            while s < j and glued[s]:
                s += 1  # no name starts inside a compound


def _code_fits(tk: _Tokens, s: int, e: int, gaz: Gazetteer, mentions: list[_Mention]) -> bool:
    """A capitalised code after a place ("(UP)", "(Budgam district, J&K)") names a province only when a
    province with that code lies in a country the sentence already points at (a place, country or demonym);
    "COLUMBUS, Ohio (AP)" is a news agency."""
    code = tk.span_text(s, e)
    countries = {c.iso2 for c in gaz.lookup(code) if c.feature in ("admin1", "admin2")}
    if not countries:
        return False
    sent = tk.doc[s].sent
    demonyms = load_demonyms()
    if any(demonyms.get(fold(t.text)) in countries for t in sent if t.text[:1].isupper()):
        return True
    for m in mentions:
        if sent.start_char <= m.start < sent.end_char and m.end <= tk.idx[s]:
            if any(c.iso2 in countries for c in gaz.lookup(m.query) if c.match in ("name", "alias", "stem")):
                return True
    return False


def _tagged_names(
    tk: _Tokens,
    ents: list[tuple[int, int, str]],
    gaz: Gazetteer,
    settings: Settings,
    add: Any,
    taken: list[bool],
    place_texts: set[str],
    mentions: list[_Mention],
) -> None:
    """Names tagged PERSON, ORG or NORP that are places: tagged as places elsewhere in the article, or a
    gazetteer name in a place context ("Jaish-e-Mohammed's Bahawalpur base", "in Khan Younis", "Uman and
    Dnipro", "Qoqfin in Idleb"). An ORG only if it has no organisation word ("Baloch Liberation Army" never is),
    unless its last word is a unit word ("Lower Kurram Agency")."""
    demonyms = load_demonyms()
    lower = tk.lower
    for start, end, label in ents:
        if label != "ORG" and label not in _WEAK_LABELS:
            continue
        for s, e in _segments(tk, start, end):
            if any(taken[s:e]):
                continue
            s, e = _trim(tk, s, e)
            if s >= e or lower[s] in _TITLE_WORDS:
                continue
            words = set(lower[s:e])
            name = tk.span_text(s, e)
            if label == "NORP" and fold(name) in demonyms:
                continue
            if label == "ORG" and _facility_town(tk, s, e, gaz, taken, add):
                continue  # "at Benghazi Medical Centre": the town the facility is in
            unit_named = lower[e - 1] in UNIT_FEATURES and e - s > 1
            if label == "ORG" and (
                (words - {lower[e - 1]} if unit_named else words) & _ORG_WORDS
                or (
                    name.isupper()
                    and (gaz.country(name) is None or name in _group_acronyms())
                    and not (_after_place_paren(tk, s, taken) and _code_fits(tk, s, e, gaz, mentions))
                )
            ):
                continue
            strong = _locative_context(tk, s, e, taken) or unit_named
            if fold(name) in place_texts:
                add(s, e, f"ner:{label}")
                continue
            if not strong and label != "ORG":
                continue  # a person's or group's name is a place only with a cue: no lookup
            cands = gaz.lookup(name)
            if _good_hit(cands, strong=strong, settings=settings, name=name):
                add(s, e, f"ner:{label}")
            elif (
                strong
                and tk.cap[s]
                and (
                    _followed_by_container(tk, e, taken)
                    or (
                        not cands
                        and (_settlement_after(tk, e) or _settlement_apposition(tk, e))
                        and not words & _ORG_WORDS
                    )
                )
            ):
                # "shelled Qoqfin in Idleb", "in Otash camp": an unknown place, or one known only by a respelling
                # or a small namesake ("the town of Busra Esh-Sham in the countryside of Dar'a"), which its
                # container then settles
                add(s, e, "pattern")


# Words that name a facility in a town ("Benghazi Medical Centre", "Magura Sadar Hospital", "Phnom Penh
# Municipal Court"): after the town's name, the words of an organisation that is a building there.
_FACILITY_WORDS = {
    "medical", "centre", "center", "hospital", "clinic", "university", "college", "school", "prison", "jail",
    "stadium", "market", "bazaar", "mosque", "church", "cathedral", "temple", "airport", "hotel", "barracks",
    "court", "teaching", "general", "central", "provincial", "district", "sadar", "civil", "municipal",
}  # fmt: skip


def _facility_town(tk: _Tokens, s: int, e: int, gaz: Gazetteer, taken: list[bool], add: Any) -> bool:
    """An organisation named "<town> <facility words>" after a locative cue ("at Benghazi Medical Centre"):
    adds the town, a place known by its own name (a town of 10,000 or more, or a unit). False otherwise."""
    lower = tk.lower
    k = e
    while k > s and lower[k - 1] in _FACILITY_WORDS:
        k -= 1
    if k in (s, e) or not all(tk.cap[j] for j in range(s, k)):
        return False
    first = _prev_word(tk, s)
    cue_from = first if first >= 0 and lower[first] == "the" else s  # "at the Phnom Penh Municipal Court"
    if not _locative_context(tk, cue_from, e, taken):
        return False
    town = [
        c
        for c in gaz.lookup(tk.span_text(s, k))
        if c.match in ("name", "alias") and (c.is_unit or (c.feature == "city" and c.population >= 10_000))
    ]
    return bool(town) and add(s, k, "pattern")


def _repeat_names(tk: _Tokens, mentions: list[_Mention], add: Any, taken: list[bool], blocked: list[bool]) -> None:
    """Every other untagged, stand-alone occurrence of a name that context showed to be a place once ("in
    Coxilha ... Coxilha police said"), unless it is part of a longer capitalised name."""
    found: dict[str, int] = {}
    for m in mentions:
        if m.source in ("gazetteer", "pattern", "ner:PERSON", "ner:ORG", "ner:NORP"):
            key = fold(m.text)
            if key:
                found[key] = max(found.get(key, 0), len(m.text.split()))
    if not found:
        return
    longest = max(found.values())
    n = tk.n
    cap, ent = tk.cap, tk.ent

    def other_entity(j: int) -> bool:
        return ent[j] != ""

    for k in range(n):
        if taken[k] or blocked[k] or not cap[k] or other_entity(k):
            continue
        if k and cap[k - 1] and not tk.sent_start[k - 1] and not taken[k - 1]:
            continue
        for size in range(min(longest, n - k), 0, -1):
            e = k + size
            if any(taken[k:e]) or any(blocked[k:e]) or any(other_entity(j) for j in range(k, e)):
                continue
            if e < n and ((cap[e] and not taken[e]) or (tk.glued[e] and tk.text[e] not in (",", "."))):
                continue
            if ent[k] == "ORG" and any(w in _ORG_WORDS for w in tk.lower[k:e]):
                continue
            if fold(tk.span_text(k, e)) in found and add(k, e, "gazetteer"):
                break


_AREA_AFTER = re.compile(rf"\s+{_AREA_NOUNS}\b")
_AREA_OF = re.compile(rf"\s+{_AREA_NOUNS}\s+of\s+(?:the\s+)?[A-Z]")
_OWNER_BEFORE = re.compile(r"'s?\s+(?:[a-z-]+\s+){0,2}$")


def _pattern_marks_place(tk: _Tokens, s: int, e: int, mentions: list[_Mention]) -> bool:
    """An unknown name is a place when a pattern says so: "<place>'s Y area", "the Y region of <place>"."""
    text = tk.chars
    after_start = tk.end[e - 1]
    after = text[after_start : after_start + 40]
    if not _AREA_AFTER.match(after):  # both patterns need an area noun after the name
        return False
    if _AREA_OF.match(after):
        return True
    start = tk.idx[s]
    m = _OWNER_BEFORE.search(text[max(0, start - 40) : start])
    if m:
        owner_end = start - len(m.group(0))
        return any(x.end == owner_end for x in mentions)
    return False


def _merge_and(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """Join "Jammu" + "and" + "Kashmir" when the whole phrase is one gazetteer name."""
    text = _text(doc)
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


_HEAD_WORD = (
    r"(?:\s+(?:area|areas|town|towns|city|village|villages|district|districts|province|region|state|county"
    r"|governorate|oblast|division|municipality|township|subdivision|commune|sector|camp|neighbou?rhood|tehsil"
    r"|LGA|countryside|front"
    r"|base|airbase|airport|airfield|valley|forest|forests|mountains|hill|hills|desert)){0,2}"
)


_LIST_OF_PLACES_IN = re.compile(
    r"\s+(?:villages?|hamlets?|towns?|settlements?|districts?|townships?|sub-?districts?|localities|areas?)\s+in\b"
)


def _link(doc: Doc, mentions: list[_Mention], paragraph_of: Any) -> None:
    """Set containers, relations, unit words and list siblings from the words around each mention."""
    text = _text(doc)
    by_end = {m.end: i for i, m in enumerate(mentions)}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    for i, m in enumerate(mentions):
        m.paragraph = paragraph_of(m.start)
        m.sentence = _bisect(sent_starts, m.start)
        before = text[max(0, m.start - 60) : m.start]
        after = text[m.end : m.end + 60]
        word_after, word_before = re.match(r"\s*([A-Za-z]*)", after), re.search(r"([A-Za-z]*)\s*$", before)
        m.unit_country = _NATIONAL_UNIT_WORDS.get(word_after.group(1).lower()) if word_after else None
        if m.unit_country is None and word_before:
            m.unit_country = _NATIONAL_UNIT_WORDS.get(word_before.group(1).lower())
        unit = re.match(r"\s+([a-z]+)\b", after)
        if unit and unit.group(1) in UNIT_FEATURES and unit.group(1) not in ("city", "town", "village"):
            m.unit_hint = unit.group(1)
            m.pattern = m.pattern or "unit_word"
        elif unit and m.pattern is None:
            # "US dollar", "Pakistani army"-like "Pakistan army": a name that qualifies a noun (marked, still
            # resolved: GeoNews-style gold counts it; the events stage may skip it as no scene)
            at = m.end + len(unit.group(0)) - len(unit.group(1))
            span = doc.char_span(at, at + len(unit.group(1)))
            nxt = span[0] if span is not None and len(span) == 1 else None
            if (
                nxt is not None
                and nxt.pos_ == "NOUN"
                and nxt.lower_ not in _PLACE_HEADS
                and nxt.lower_ not in _OF_NOUNS
            ):
                m.pattern = "modifier"
                m.money = nxt.lower_ in CURRENCY_WORDS  # "the US dollar exchange rate" says nothing of where
        # "X's [adj] Y area/province": Y lies in X (not "Beijing's cooperation in Seoul").
        poss = re.search(r"'s?\s+(?:(?!(?:in|on|at|of|to|for|from|with|by|and|or|the|a|an)\s)[a-z-]+\s+){0,2}$", before)
        if poss:
            owner = by_end.get(m.start - len(poss.group(0)))
            if owner is not None and owner != i:
                # "Kech's Kulag Tigran area", "Borduria's Baluria province": an area or unit of that name;
                # "Syria's Aleppo" is the town itself
                area = _AREA_AFTER.match(after) or (unit is not None and unit.group(1) in UNIT_FEATURES)
                m.container, m.pattern = owner, "possessive_area" if area else "possessive"
        # "the Y region of X": Y lies in X.
        reg = re.match(rf"\s+{_AREA_NOUNS}\s+of\s+(?:the\s+)?", after)
        if reg:
            owner = by_start.get(m.end + len(reg.group(0)))
            if owner is not None and owner != i:
                m.container, m.pattern = owner, "region_of"
        # "Y (X)", "Y, X" and "Y in X", also after a unit word ("Hays city (Al Hudaydah)", "Qadis district,
        # Badghis"): X may hold Y (checked at resolution against the candidates).
        par = re.match(rf"{_HEAD_WORD}\s*\(\s*", after)
        if par and m.container is None:
            owner = by_start.get(m.end + len(par.group(0)))
            if owner is not None:
                m.soft_container, m.soft_kind = owner, "paren"
        com = re.match(rf"({_HEAD_WORD}),\s+", after)
        if com and m.container is None and m.soft_container is None:
            owner = by_start.get(m.end + len(com.group(0)))
            if owner is not None:
                # "Qadis district, Badghis" (also "Ponnagyun Township, Sittwe District", the unit word in the
                # name) says "in" as plainly as a parenthesis; a bare comma may be a list
                tail = m.text.split()[-1].lower() if " " in m.text.strip() else ""
                named_unit = tail in UNIT_FEATURES and tail not in ("city", "town", "village")  # "Gaza City, Rafah"
                m.soft_container, m.soft_kind = owner, "in" if com.group(1).strip() or named_unit else "comma"
        # "Buenos Aires, Nuevo Chimbote, Ancash": a name the gazetteer does not know between the place and X
        # (a district or town, one to three capitalised words) still leaves X holding the place.
        over = re.match(rf"{_HEAD_WORD},\s+((?:[A-Z][\w'-]*\s+){{0,2}}[A-Z][\w'-]*),\s+", after)
        if over and m.container is None and m.soft_container is None:
            owner_at = m.end + len(over.group(0))
            owner = by_start.get(owner_at)
            if owner is not None and not any(m.end < start < owner_at for start in by_start):
                m.soft_container, m.soft_kind = owner, "comma"
        # "Y in X", also "Y in the (north-western) countryside of X", "Y in eastern X countryside", and the
        # last name of a bracket before "in X" ("Zarbagh village (Kalan area of Dara) in Sufi Bala")
        inside = re.match(
            rf"{_HEAD_WORD}(?:\s*\))?,?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|rural)(?:ern)?"
            r"(?:-(?:east|west)(?:ern)?)?\s+)?(?:(?:countryside|outskirts|suburbs|vicinity|environs)\s+of\s+(?:the\s+)?)?",
            after,
        )
        if inside and m.container is None and m.soft_container is None:
            owner = by_start.get(m.end + len(inside.group(0)))
            if owner is not None:
                m.soft_container, m.soft_kind = owner, "in"
                # "Ramban village in Sheohar": a settlement in (the province of) a town
                m.village_in = re.match(r"\s+(?:village|hamlet|town|settlement)\b", after) is not None
        # "Zamzam, the vast displacement camp outside El Fasher": an unknown camp or village falls back to X.
        apposed = re.match(
            r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}(?:camp|village|town|settlement|hamlet)\s+"
            r"(?:(?:just|some|about)\s+)?(in|near|outside|close\s+to)\s+(?:the\s+)?",
            after,
        )
        if apposed and m.container is None and m.soft_container is None:
            owner = by_start.get(m.end + len(apposed.group(0)))
            if owner is not None:
                m.soft_container, m.soft_kind = owner, "in" if apposed.group(1) == "in" else "near"
        # "near X", "outskirts of X".
        outskirts = r"\b(?:outskirts\s+of|edge\s+of)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$"
        if re.search(outskirts, before) or re.match(r"'s?\s+outskirts\b", after):
            m.relation, m.pattern = "self", "outskirts"
        elif re.search(
            r"\b(?:near|nearby|close\s+to|outside|next\s+to|near\s+to|not\s+far\s+from|vicinity\s+of|neighbou?ring)\s+"
            r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
            before,
        ):
            m.relation, m.pattern = "near", "near"
    for i, m in enumerate(mentions):
        if m.container is not None:
            mentions[m.container].is_container = True
        for ref, _ in _containers(m):
            mentions[ref].contains.append(i)
    # Lists: "Rajouri and Poonch", "Quetta, Turbat and Gwadar" are siblings.
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.end : b.start]
        if re.fullmatch(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", gap) and a.sentence == b.sentence:
            a.siblings.add(i + 1)
            b.siblings.add(i)
            if a.soft_container == i + 1 and gap.strip() != ",":
                a.soft_container = None
    # "near Mong Wi and Loi Hsam villages in Muse township", "Kalma and Kass villages in South Darfur": the
    # place named after a list of villages or districts holds every name of the list, not only the last.
    for i, m in enumerate(mentions):
        if m.soft_container is None or m.soft_kind != "in" or not _LIST_OF_PLACES_IN.match(text, m.end):
            continue
        j = i
        while j - 1 in mentions[j].siblings:
            j -= 1
            earlier = mentions[j]
            if earlier.container is None and earlier.soft_container is None and j != m.soft_container:
                earlier.soft_container, earlier.soft_kind, earlier.village_in = m.soft_container, "in", m.village_in
                mentions[m.soft_container].contains.append(j)


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


_DIRECTION_BEFORE = re.compile(r"\b(north|south|east|west)(?:ern)?\s+$", re.IGNORECASE)


def _candidates(m: _Mention, gaz: Gazetteer) -> list[Candidate]:
    query = m.query
    if m.source == "given" and gaz.is_demonym(query):
        country = gaz.country(query)
        return [country] if country is not None else []
    cands = gaz.lookup(query, country=m.country_filter)
    if m.direction and not any(c.feature in ("country", "continent") for c in cands):
        # "in northern Sinai", "southern Kordofan": also the province named with the direction (North Sinai),
        # never for a country ("southern Lebanon" is not the province South Lebanon)
        seen = {c.gazetteer_id for c in cands}
        cands = cands + [
            c
            for c in gaz.lookup(f"{m.direction} {query}", country=m.country_filter)
            if c.is_unit and c.match in ("name", "alias") and c.gazetteer_id not in seen
        ]
    if m.unit_hint and m.pattern != "occupied":
        # "Kech district", "US state": the unit word steers the scoring (Settings.unit_hint); also look up the
        # name with it, since some units are only known with their unit word.
        seen = {c.gazetteer_id for c in cands}
        with_unit = gaz.lookup(f"{query} {m.unit_hint}", country=m.country_filter)
        hinted = [c for c in with_unit if c.gazetteer_id not in seen]
        if hinted or any(c.feature in UNIT_FEATURES.get(m.unit_hint, ()) for c in cands):
            return _collapse(m, cands + hinted, keep_units=True)
    raw = query.strip().rstrip(".")
    if raw.isupper() and len(raw.replace(".", "")) <= 4:
        # An initialism ("EU", "US", "BC") is an alias or code of a unit, never the name of a small town ("Eu").
        cands = [c for c in cands if (c.feature != "city" and c.match != "name") or c.name.isupper()]
        units = {c.iso2 for c in cands if c.feature in ("admin1", "admin2")}
        m.initialism = len(units) > 1 and not any(
            c.feature == "country" and c.match in ("name", "alias") for c in cands
        )
    if _ABBREVIATION.fullmatch(query.strip()):
        m.abbreviation = True  # "Calif.", "Mont.": checked against the focus countries' provinces later
    if not cands:
        inside, loose = _embedded(query, gaz)
        cands = [c for c in inside if c.is_unit or c.population >= 10_000]
        if cands:
            m.pattern, m.embedded, m.embedded_loose = m.pattern or "embedded", True, loose
    return _collapse(m, cands, keep_units=False)


_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,5}\.")


def _expand_abbreviations(mentions: list[_Mention], gaz: Gazetteer, focus: dict[str, float]) -> None:
    """ "Calif." -> the one first-level unit of a focus country whose name starts with "calif"."""
    countries = [iso2 for iso2, w in sorted(focus.items(), key=lambda kv: -kv[1])[:2] if w >= 0.2]
    for m in mentions:
        if not m.abbreviation or m.expanded:
            continue
        prefix = fold(m.query)
        for iso2 in countries:
            units = gaz.units_starting_with(prefix, iso2)
            if len(units) == 1:
                m.cands, m.expanded = [replace(units[0], match="alias")], True
                break


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
            if all(w.lower() in _STOPWORDS or w.lower() in _GENERIC for w in part):
                continue
            rest = words[:k] + words[k + size :]
            # When the other words name no kind of building or body ("Manila Cathedral", "Delhi High Court"),
            # the place must lie in the article's country (see _score): "Abu Salim" in Tripoli is no Abu in India.
            generic = all(w.lower() in _STOPWORDS or w.lower() in _GENERIC or w.lower() in UNIT_FEATURES for w in rest)
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


def _collapse(m: _Mention, cands: list[Candidate], *, keep_units: bool) -> list[Candidate]:
    """A unit named after its own main town ("Bahawalpur" district / city): keep the town, with the better
    match, and remember the unit's feature (the name is then doubly a place: see Settings.collapsed)."""
    if keep_units:
        return cands
    by_id = {c.gazetteer_id: c for c in cands}
    rank = {"name": 0, "alias": 1, "stem": 2, "alt": 3, "partial": 4, "skeleton": 5}
    out: list[Candidate] = []
    upgraded: dict[str, str] = {}
    for c in cands:
        if c.feature in ("admin1", "admin2") and c.town_id in by_id:
            town = by_id[c.town_id]
            if rank[c.match] < rank[town.match]:
                upgraded[town.gazetteer_id] = c.match
            prev = m.collapsed.get(town.gazetteer_id)
            if prev is None or c.feature == "admin1":
                m.collapsed[town.gazetteer_id] = c.feature
            continue
        out.append(c)
    if upgraded:
        out = [replace(c, match=upgraded[c.gazetteer_id]) if c.gazetteer_id in upgraded else c for c in out]
    return out


def _initials(name: str) -> str:
    """ "Jammu and Kashmir" -> "jk", "Himachal Pradesh" -> "hp"."""
    return "".join(w[0] for w in fold(name).split() if w not in ("and", "of", "the"))


def _static_score(c: Candidate, m: _Mention, s: Settings) -> float:
    strong_name = c.match in ("name", "alias")
    # A country known by that word only in some other language ("Uman" for Oman) gets no country weight.
    weight = 1.0 if strong_name else 0.0 if c.feature == "country" else 0.5
    score = s.match.get(c.match, 0.4) + s.feature.get(c.feature, 0.0) * weight
    score += s.population * min(1.0, _logpop(c) / 7.0)
    hint = m.unit_hint or strip_unit(fold(m.query))[1]
    if hint and c.feature in UNIT_FEATURES.get(hint, ()):
        score += s.unit_hint
    elif hint in _REGION_WORDS and c.feature == "city" and c.gazetteer_id not in m.collapsed:
        score -= s.unit_hint  # "Sinai Province" is no town called Sinai
    if m.initialism and _initials(c.name) == fold(m.query).replace(" ", ""):
        score += s.unit_hint  # "J&K" is Jammu and Kashmir, not Azad Jammu and Kashmir (AJK)
    if c.capital:
        score += s.capital
    unit = m.collapsed.get(c.gazetteer_id)
    if unit is not None:
        score += s.collapsed * s.feature.get(unit, 0.0)
    return score


# Words for an administrative unit that only one country uses: "Kholapara upazila" is in Bangladesh,
# "Barangay Taruk" in the Philippines, whatever other country has a town of that name. Not "LGA" (Australia
# has them too) nor "mandal" (also a surname).
_NATIONAL_UNIT_WORDS = {
    "upazila": "BD", "upazilla": "BD", "barangay": "PH", "tambon": "TH", "amphoe": "TH", "woreda": "ET",
    "kebele": "ET", "taluk": "IN", "taluka": "IN", "dzongkhag": "BT", "gewog": "BT",
}  # fmt: skip


def _demonym_counts(doc: Doc) -> dict[str, float]:
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
        unit_country = _NATIONAL_UNIT_WORDS.get(tok.lower_)
        if unit_country:
            out[unit_country] += 1.0
    short, long, home = _actor_patterns()
    text = _text(doc)
    for pattern in (short, long):
        if pattern is not None:
            for m in pattern.finditer(text):
                iso2 = home.get(m.group(0)) or home.get(m.group(0).lower())
                if iso2:
                    out[iso2] += 1.0
    return out


@lru_cache(maxsize=1)
def _group_acronyms() -> frozenset[str]:
    """Acronyms of armed groups and parties ("BRA", the Baloch Republican Army, not Brazil's ISO code)."""
    from sitrep.pipeline.lexicon import actor_dictionary

    return frozenset(actor_dictionary()[0])


@lru_cache(maxsize=1)
def _actor_patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
    """Regexes over the actor dictionary's names (acronyms case-sensitive, long names not) and name -> iso2."""
    from sitrep import countries
    from sitrep.pipeline.lexicon import actor_dictionary

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


def _focus(
    mentions: list[_Mention],
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
        if (c is not None and (c.match in ("skeleton", "partial") or m.embedded_loose)) or m.money:
            continue  # a loose guess ("Darwaz Gard" ~ Gard) or a currency must not steer the others
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
    for iso2, n in (demonyms if demonyms is not None else _demonym_counts(doc)).items():
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


def _proximity(a: _Mention, b: _Mention) -> float:
    if a.sentence == b.sentence:
        return 1.0
    if a.paragraph == b.paragraph:
        return 0.5
    return 0.15


def _resolve(doc: Doc, mentions: list[_Mention], gaz: Gazetteer, s: Settings) -> list[tuple[Candidate | None, float]]:
    """Pick one candidate (or none) per mention; mentions of the same name are decided together."""
    text = _text(doc)
    for m in mentions:
        before = _DIRECTION_BEFORE.search(text, max(0, m.start - 12), m.start)
        m.direction = before.group(1).capitalize() if before else None
        m.cands = _candidates(m, gaz)
    chosen: list[Candidate | None] = [None] * len(mentions)
    scores: list[float] = [0.0] * len(mentions)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[fold(m.query) + "|" + (m.country_filter or "") + "|" + (m.unit_hint or "")].append(i)
    # Round 0 scores names alone (with the focus the country names and demonyms give); rounds 1-2 add what the
    # previous round resolved: its countries and provinces to the focus, containers, coherence.
    demonyms = _demonym_counts(doc)
    loose = {i for i, m in enumerate(mentions) if m.embedded_loose or any(c.match == "skeleton" for c in m.cands)}
    paired = _paired(mentions)
    for round_ in range(3):
        focus = _focus(mentions, chosen if round_ else [None] * len(mentions), doc, gaz, s.neighbour, demonyms=demonyms)
        if round_ < 2 and any(m.abbreviation for m in mentions):
            _expand_abbreviations(mentions, gaz, focus[0])
        new_chosen: list[Candidate | None] = list(chosen)
        held = _held(mentions, chosen)
        for members in groups.values():
            # The places a name contains do not vote on its country or province: "Poonch district, J&K" is
            # decided by J&K, so Poonch's guess must not decide J&K in turn (it would swing between the two
            # Kashmirs), and in "Tuban district (Lahij)" the Tuban of Indonesia must not make Lahij Indonesian.
            # They still count as direct evidence of a country for a code ("Sitapur (UP)": India's UP).
            contained = [
                j
                for j, mj in enumerate(mentions)
                if chosen[j] is not None and any(ref in members for ref, _ in _containers(mj))
            ]
            if round_ and (contained or any(chosen[i] is not None for i in members)):
                group_focus = _focus(
                    mentions, chosen, doc, gaz, s.neighbour, exclude=[*members, *contained], demonyms=demonyms
                )
                if contained:
                    with_contained = _focus(mentions, chosen, doc, gaz, s.neighbour, exclude=members, demonyms=demonyms)
                    group_focus = (group_focus[0], group_focus[1], with_contained[2])
            else:
                group_focus = focus
            sure_focus: dict[str, float] = {}
            if loose.intersection(members):
                firm = [c if c is not None and c.match in ("name", "alias", "stem") else None for c in chosen]
                sure_focus = _focus(mentions, firm, doc, None, 0.0, exclude=members, demonyms=demonyms)[2]
            totals: dict[str, float] = defaultdict(float)
            by_id: dict[str, Candidate] = {}
            # One name, one place: a reading that the container of one mention rules out ("near Kamyanka,
            # Donetsk") is ruled out for the same name repeated without it ("explosions near Kamyanka"), unless
            # the container of another mention holds it ("in Aden, Yemen" against "Aden in the al-Mualla
            # district", a building's address).
            ruled_out: set[str] = set()
            # Not where the name contains itself ("Nawabshah city (Nawabshah, Punjab)": a town and its district,
            # whose province the text may get wrong).
            if (
                len(members) > 1
                and any(_containers(mentions[i]) for i in members)
                and not any(ref in members for i in members for ref, _ in _containers(mentions[i]))
            ):
                for i in members:
                    for c in mentions[i].cands:
                        if _containers(mentions[i]) and _container_rules_out(i, c, mentions, chosen, held):
                            ruled_out.add(c.gazetteer_id)
                for i in members:
                    for ref, kind in _containers(mentions[i]):
                        unit = chosen[ref]
                        if unit is not None:
                            town_kind = "paren" if kind == "comma" else kind
                            ruled_out -= {c.gazetteer_id for c in mentions[i].cands if _holds(unit, c, town_kind)}
            for i in members:
                for c in mentions[i].cands:
                    if c.gazetteer_id in ruled_out:
                        continue
                    sc = _score(
                        i,
                        c,
                        mentions,
                        chosen,
                        group_focus,
                        s,
                        with_context=round_ > 0,
                        held=held,
                        sure_focus=sure_focus,
                        paired=(i, c.gazetteer_id) in paired,
                    )
                    if sc is not None:
                        totals[c.gazetteer_id] += sc / len(members)
                        by_id[c.gazetteer_id] = c
            if not totals:
                for i in members:
                    new_chosen[i], scores[i] = None, 0.0  # every candidate is ruled out now
                continue
            ranked = sorted(totals.items(), key=lambda kv: -kv[1])
            best_id, best = ranked[0]
            second = ranked[1][1] if len(ranked) > 1 else 0.0
            pick = by_id[best_id] if best >= s.accept else None
            for i in members:
                new_chosen[i] = pick
                scores[i] = _confidence(best, second) if pick else 0.0
        chosen = new_chosen
    return list(zip(chosen, scores, strict=True))


def _paired(mentions: list[_Mention]) -> set[tuple[int, str]]:
    """(mention, candidate id) for readings that a name written with it as its container confirms: in
    "Tarinkot district, Urozgan" one Tarinkot lies in one Oruzgan. Two names agreeing like that are evidence
    stronger than any focus, so neither the foreign-town penalty nor the respelling rule applies to them."""
    out: set[tuple[int, str]] = set()
    for i, m in enumerate(mentions):
        for ref, kind in _containers(m):
            for unit in mentions[ref].cands:
                if _alternate_namesake(unit, mentions[ref].cands):
                    # "Panama City (Bella Vista)" is no Panamá of Goiás because Bela Vista de Goiás has "Bella
                    # Vista" among its alternate names
                    continue
                for c in m.cands:
                    if c.feature not in ("country", "continent") and _holds(
                        unit, c, "paren" if kind == "comma" else kind
                    ):
                        out.add((i, c.gazetteer_id))
                        out.add((ref, unit.gazetteer_id))
    return out


def _alternate_namesake(c: Candidate, cands: Sequence[Candidate]) -> bool:
    """A town that has the name only as an alternate one while other places bear it as their own ("Bella
    Vista" for Bela Vista de Goiás): as a container it stands for no province."""
    return c.feature == "city" and c.match in _WEAK_MATCHES and any(x.match == "name" for x in cands)


def _loose_fits(c: Candidate, sure_focus: dict[str, float]) -> bool:
    """A loose match (a respelling, a place inside a longer name) fits when it lies in a country the article
    points at by firm evidence (country names, demonyms, places matched by name), or, when there is none,
    when it is a big place."""
    if sure_focus:
        return c.iso2 in sure_focus
    return c.feature in ("country", "admin1") or _logpop(c) >= 5.0


def _containers(m: _Mention) -> list[tuple[int, str]]:
    """The mentions that may hold `m`, with how: "hard" (a pattern), "in", "paren", "comma", "near" (", the camp
    outside X")."""
    out = []
    if m.container is not None:
        out.append((m.container, "hard"))
    if m.soft_container is not None:
        out.append((m.soft_container, m.soft_kind))
    return out


def _holds(unit: Candidate, c: Candidate, kind: str) -> bool:
    """Whether `unit`, given as the container of a name, holds candidate `c`. A town given as a container
    ("Hays city (Al Hudaydah)", "Abu Salim (Tripoli)") stands for its province."""
    if unit.gazetteer_id == c.gazetteer_id:
        return False
    if unit.is_unit:
        return unit.contains(c)
    if unit.feature == "city" and kind in ("hard", "in", "paren") and unit.admin1_id:
        return c.admin1_id == unit.admin1_id
    return False


def _held(mentions: list[_Mention], chosen: list[Candidate | None]) -> dict[tuple[int, int], bool]:
    """(mention, container) -> whether the chosen container holds any candidate of the mention."""
    out: dict[tuple[int, int], bool] = {}
    for i, m in enumerate(mentions):
        for ref, kind in _containers(m):
            unit = chosen[ref]
            if unit is not None:
                out[(i, ref)] = any(_holds(unit, c, "paren" if kind == "comma" else kind) for c in m.cands)
    return out


def _container_rules_out(
    i: int, c: Candidate, mentions: list[_Mention], chosen: list[Candidate | None], held: dict[tuple[int, int], bool]
) -> bool:
    """A container named with the place rules out candidates outside it: "Qala i Naw district, Badghis",
    "Karak area in Dar'a", "Hays city (Al Hudaydah)". When it holds some candidate, only those remain; when it
    holds none, candidates in other countries go (after a comma, only weak matches: "Germany, France" is a list)."""
    m = mentions[i]
    for ref, kind in _containers(m):
        unit = chosen[ref]
        hops = 0
        while unit is None and hops < 2:
            if mentions[ref].unit_country and c.iso2 != mentions[ref].unit_country and c.feature != "country":
                return True  # "Rampur in Kholapara upazila": an unknown upazila still says Bangladesh
            # "Ar Rubat area of Tuban district (Lahij)": Tuban is unknown, Lahij still holds Ar Rubat
            up = mentions[ref].container if mentions[ref].container is not None else mentions[ref].soft_container
            if up is None:
                break
            ref, hops = up, hops + 1
            unit = chosen[ref]
        if unit is None or c.feature in ("country", "continent") or unit.gazetteer_id == c.gazetteer_id:
            continue
        town_kind = "paren" if kind == "comma" else kind
        if hops or (i, ref) not in held:
            held = {**held, (i, ref): any(_holds(unit, x, town_kind) for x in m.cands)}
        if kind == "comma" and not unit.is_unit:
            # "El Alto, La Paz": a town's province may settle it; "Quetta, Turbat" is only a list of towns
            if held.get((i, ref)) and not _holds(unit, c, town_kind):
                return True
            if _province_seat(ref, unit, mentions, chosen) and c.admin1_id != unit.admin1_id:
                return True  # "Kamyanka, Donetsk" (the end of the phrase, not a list): the province, not the town
            if c.match in _WEAK_MATCHES and unit.iso2 and c.iso2 != unit.iso2:
                return True  # "Kabuli, Peshawar": no respelling of a town abroad
            continue
        # "Shaqra, Abyan" at the end of the phrase (not "Quetta, Balochistan and Peshawar", a list): a province
        # after a comma holds the name before it, as "in" does
        # ("Shaqra, Abyan, Yemen": a country after it still closes the phrase)
        closing_unit = (
            kind == "comma"
            and unit.feature in ("admin1", "admin2")
            and not any(
                k > ref and (chosen[k] is None or chosen[k].feature != "country") for k in mentions[ref].siblings
            )
        )
        if held.get((i, ref)):
            if not _holds(unit, c, town_kind):
                return True
        elif unit.iso2 and c.iso2 != unit.iso2:
            if kind != "comma" or c.match in _WEAK_MATCHES or unit.feature == "country" or closing_unit:
                return True  # "Kosi, Nepal": a country after a comma holds the name before it
        elif (
            kind in ("hard", "paren")
            or closing_unit
            or (kind == "in" and (unit.is_unit or (m.village_in and unit.feature == "city")))
        ) and unit.feature != "country":
            # "the Leninsky district of Grozny", "Ramban village in Sheohar, Bihar": an unknown part of the
            # unit (or of the province of a town a village is said to be in), not a namesake elsewhere
            return True
    return False


def _score(
    i: int,
    c: Candidate,
    mentions: list[_Mention],
    chosen: list[Candidate | None],
    focus: tuple[dict[str, float], dict[str, float], dict[str, float]],
    s: Settings,
    *,
    with_context: bool,
    held: dict[tuple[int, int], bool] | None = None,
    sure_focus: dict[str, float] | None = None,
    paired: bool = False,
) -> float | None:
    """How well candidate `c` fits mention `i`; None when it cannot be meant at all. `paired`: a name
    written with this one as its container (or inside it) confirms this reading (see _paired)."""
    m = mentions[i]
    country_focus, admin1_focus, direct_focus = focus
    sure_focus = sure_focus if sure_focus is not None else {}
    if m.embedded and not _embedded_fits(c, m, chosen, country_focus):
        return None  # a place named inside an unknown name must fit the article and its container
    if held is not None and _container_rules_out(i, c, mentions, chosen, held):
        return None
    if m.unit_country and c.iso2 != m.unit_country and c.feature not in ("country", "continent"):
        return None  # "Rampur upazila" is in Bangladesh, whatever India has of that name
    if c.known_by_name_only and any(
        (unit := chosen[ref]) is not None
        and unit.gazetteer_id != c.gazetteer_id
        and ((unit.feature == "city" and kind == "hard") or (unit.feature == "admin2" and not unit.known_by_name_only))
        for ref, kind in _containers(m)
    ):
        # "the Malir area of Karachi": a district known only by name is coded to the town it is said to be part
        # of (not after a comma or in brackets, where a town stands for its province: "Daman district, Kandahar");
        # "Ponnagyun Township, Sittwe District": to the district we know with its coordinates
        return None
    if (c.match == "skeleton" or m.embedded_loose) and not paired and not _loose_fits(c, sure_focus):
        # a respelling ("Puntland" ~ Ponteland) or a place inside a longer name ("Abu Salim" ~ Abu) only inside
        # a country the article points at, or a big one when it points at none
        return None
    if m.initialism and c.is_unit and c.feature != "country" and c.iso2 not in direct_focus:
        return None  # "(HP)", "J&K": a code of provinces in several countries needs the article's country
    # Context counts less for a town far smaller than the biggest place of that name. Admin units' populations
    # are sums over their towns, so only towns and countries set the scale.
    top = max((_logpop(x) for x in m.cands if x.feature in ("city", "country")), default=0.0)
    damp = 1.0 if c.is_unit else max(s.focus_floor, 1.0 - (top - _logpop(c)) / s.focus_gap)
    score = _static_score(c, m, s)
    score += s.country_focus * country_focus.get(c.iso2 or "", 0.0) * damp
    foreign = country_focus and c.iso2 not in country_focus
    small = c.feature in ("city", "admin2") and c.population < s.foreign_population
    if paired:
        pass
    elif foreign and (small or (c.feature == "admin1" and c.match == "alt")):
        score -= s.foreign
    elif direct_focus and c.iso2 and c.iso2 not in direct_focus and c.match in _WEAK_MATCHES and not c.is_unit:
        score -= s.foreign  # a variant spelling of a place abroad ("Idak" -> Itk, Iran, in a Pakistani story)
    if c.admin1_id:
        score += s.admin1_focus * admin1_focus.get(c.admin1_id, 0.0)
    if with_context:
        score += _context_score(i, c, mentions, chosen, s, damp)
    return score


def _embedded_fits(c: Candidate, m: _Mention, chosen: list[Candidate | None], focus: dict[str, float]) -> bool:
    if focus and c.iso2 not in focus:
        return False
    for ref in (m.container, m.soft_container if m.soft_kind in ("in", "paren") else None):
        unit = chosen[ref] if ref is not None else None
        if unit is not None and unit.is_unit and not unit.contains(c):
            return False
    return True


def _logpop(c: Candidate) -> float:
    """Log10 of how big a place is; an admin unit counts as big as its main town (its summed population would
    make every province outrank its own cities)."""
    pop = c.town_population if c.feature in ("admin1", "admin2") and c.town_population else c.population
    return math.log10(max(pop, 0) + 1)


def _context_score(
    i: int, c: Candidate, mentions: list[_Mention], chosen: list[Candidate | None], s: Settings, damp: float = 1.0
) -> float:
    m = mentions[i]
    score = 0.0
    for ref, kind in _containers(m):
        unit = chosen[ref]
        if unit is None:
            continue
        if _holds(unit, c, kind):
            score += s.container
            if (
                unit.feature == "city"
                and c.feature == "city"
                and unit.admin2_id
                and c.admin2_id == unit.admin2_id
                and fold(mentions[ref].query) != fold(m.query)
            ):
                # "Mora village (Surat, Gujarat)": in the town's own district, not just its province (not for
                # "Tenkasi district (Tenkasi, TN)", the town itself, which a town does not "hold")
                score += s.container / 2
        elif ref == m.container and unit.feature in ("country", "admin1", "admin2"):
            score -= s.container / 2
    # Named as the container of another place: the reading that holds it ("Ludhiana (Punjab)": India's Punjab).
    # Any reading of that place counts, not its current guess: the place is decided by its container, so its
    # guess must not decide the container in turn ("Poonch district, J&K" would swing between the two Kashmirs).
    # A reading that holds the place only by a GeoNames alternate name counts half: in "Rupnagar city (Punjab)"
    # India's Punjab holds Rupnagar by its own name, Pakistan's only a village once called so.
    # (A town that has the name only as an alternate one stands for no province: see _paired.)
    for j in m.contains if not _alternate_namesake(c, m.cands) else ():
        inner = mentions[j].cands
        kind = mentions[j].soft_kind if mentions[j].container != i else "hard"
        held = [x for x in inner if x is not None and _holds(c, x, kind)] if c.feature != "country" else []
        if held:
            score += s.container if any(x.match not in _WEAK_MATCHES for x in held) else s.container / 2
            break
    coherence = sibling = 0.0
    key = fold(m.query)
    for j, o in enumerate(chosen):
        if j == i or o is None or o.gazetteer_id == c.gazetteer_id or o.feature in ("country", "continent"):
            continue
        if fold(mentions[j].query) == key or j in m.contains:
            continue  # a place this one contains is decided by it, not the other way round
        same = 1.0 if (c.admin1_id and o.admin1_id == c.admin1_id) else 0.3 * damp if o.iso2 == c.iso2 else 0.0
        if j in m.siblings:
            if o.is_unit and o.contains(c):
                continue  # "England and Wales": a list names peers, not a province and a village inside it
            sibling = max(sibling, s.sibling * same)
        else:
            coherence += s.coherence * _proximity(m, mentions[j]) * same
    return score + sibling + min(coherence, 1.5 * s.coherence)


def _confidence(best: float, second: float) -> float:
    margin = 1.0 - (second / best) if best > 0 else 0.0
    return round(max(0.0, min(1.0, 0.5 * min(1.0, best / 3.0) + 0.5 * margin)), 3)


# ============================================================================================ output


def _precision(c: Candidate, relation: str, pattern: str | None, via: str) -> int:
    if via == "focus" or c.known_by_name_only:
        return 3  # a district known only by name (GADM) stands at its parent's point: region precision
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


def _soft_ref(m: _Mention, resolved: list[tuple[Candidate | None, float]], mentions: list[_Mention]) -> int | None:
    """The "Y in X" / "Y, X" container an unknown Y may fall back to: any X after "in", a province or country
    after a comma (a comma may also just separate list items), or a town that stands for its province at
    the end of the phrase ("Kamyanka, Donetsk")."""
    if m.soft_container is None:
        return None
    ref, hops = m.soft_container, 0
    while resolved[ref][0] is None and hops < 2:
        # "Qalat village in Zarqoon, Panjab": Zarqoon is unknown, Panjab still holds Qalat
        up = mentions[ref].container if mentions[ref].container is not None else mentions[ref].soft_container
        if up is None:
            return None
        ref, hops = up, hops + 1
    unit = resolved[ref][0]
    if unit is None:
        return None
    if (
        m.soft_kind in ("in", "paren", "near")
        or unit.feature in ("admin1", "country")
        or _province_seat(ref, unit, mentions, [r[0] for r in resolved])
    ):
        return ref
    return None


def _province_seat(
    ref: int, unit: Candidate, mentions: list[_Mention], chosen: list[Candidate | None] | None = None
) -> bool:
    """Whether the town `unit` chosen for mention `ref` stands for the province named after it: "Donetsk"
    closing "Kamyanka, Donetsk" (not "Kamyanka, Donetsk and Luhansk", a list). With `chosen`, a country after
    it still closes the phrase ("Muang, Yala, Thailand")."""
    container = mentions[ref]
    return container.collapsed.get(unit.gazetteer_id) == "admin1" and not any(
        k > ref and (chosen is None or chosen[k] is None or chosen[k].feature != "country") for k in container.siblings
    )


def _focus_unit(
    resolved: list[tuple[Candidate | None, float]], mentions: list[_Mention], gaz: Gazetteer
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


def _unit_country(m: _Mention, mentions: list[_Mention]) -> str | None:
    """The country an unknown place's own unit word, or its unknown container's, says ("upazila": BD)."""
    if m.unit_country:
        return m.unit_country
    ref = m.container if m.container is not None else m.soft_container
    return mentions[ref].unit_country if ref is not None else None


def _toponyms(
    mentions: list[_Mention], resolved: list[tuple[Candidate | None, float]], gaz: Gazetteer
) -> list[Toponym]:
    out: list[Toponym] = []
    focus: list[Candidate | None] = []  # the article's unit, worked out once when first needed

    def region_of_unknown(m: _Mention, placed: bool) -> Candidate | None:
        """Where an unknown name is coded: the country its unit word says ("Rampur in Kholapara upazila": in
        Bangladesh, whatever India has) unless the article's unit lies there; else, for a name a pattern shows
        to be a place (`placed`), the article's unit."""
        if not focus:
            focus.append(_focus_unit(resolved, mentions, gaz))
        said = _unit_country(m, mentions)
        if said and (focus[0] is None or focus[0].iso2 != said):
            return gaz.country(said)
        return focus[0] if placed else None

    # A name used once as a container or in a place pattern is a place everywhere in the article.
    patterned = {
        fold(m.query)
        for m in mentions
        if m.container is not None
        or m.is_container
        or m.pattern in ("region_of", "possessive_area", "possessive")
        or _soft_ref(m, resolved, mentions) is not None
    }
    for m, (c, score) in zip(mentions, resolved, strict=True):
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
            ref = m.container if m.container is not None else _soft_ref(m, resolved, mentions)
            while ref is not None and resolved[ref][0] is None:
                ref = mentions[ref].container
            if ref is not None:
                c, score, via, relation = resolved[ref][0], round(resolved[ref][1] * 0.6, 3), "container", "in"
                if container_span is None and c is not None and c.feature != "country":
                    # "in Janae, Narathiwat, Thailand": the province it is coded to is no place of its own
                    container_span = Span(mentions[ref].start, mentions[ref].end, mentions[ref].text)
                if c is not None and c.admin1_id and _province_seat(ref, c, mentions, [r[0] for r in resolved]):
                    c = gaz.get(c.admin1_id) or c  # somewhere in the province, not at its seat
            elif (region := region_of_unknown(m, placed=True)) is not None:
                c, score, via, relation = region, 0.2, "focus", "in"
        elif c is None and _unit_country(m, mentions) and (region := region_of_unknown(m, placed=False)) is not None:
            c, score, via, relation = region, 0.2, "focus", "in"
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
    text = _text(doc)
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
    toponyms = _run(annotated, ordered, gazetteer, settings)
    by_pos = {(t.span.start, t.span.end): t for t in toponyms}
    return [by_pos[(a, b)] for a, b in wanted if (a, b) in by_pos]


def _run(annotated: AnnotatedArticle, mentions: list[_Mention], gaz: Gazetteer, settings: Settings) -> list[Toponym]:
    doc = annotated.doc
    _link(doc, mentions, annotated.paragraph_of)
    resolved = _resolve(doc, mentions, gaz, settings)
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
