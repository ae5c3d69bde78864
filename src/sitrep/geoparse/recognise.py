"""Phase 1, recognise: find the place names of an article (`recognise(doc, gazetteer, settings)`).

spaCy GPE/LOC/FAC entities (cut at brackets and lower-case words, grown to the longest gazetteer name around
them: "Boa" + "Vista"), names tagged as people, groups or products that the context shows are places
("Jaish-e-Mohammed's Bahawalpur base", "struck El Fasher", "Ludhiana (Punjab)", "Qadis district, Badghis"),
capitalised words the model missed that the gazetteer knows ("Muridke headquarters", "the city of Uman"),
province codes in brackets ("(UP)"), and unknown names a pattern marks as places ("Kech's Kulag Tigran area",
"shelled Qoqfin in Idleb").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sitrep.gazetteer import Candidate, Gazetteer, load_demonyms
from sitrep.gazetteer.names import UNIT_FEATURES, fold
from sitrep.text.tokens import GLUE, Tokens, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc


from sitrep.geoparse.context import (
    after_place_paren,
    compound_edge_ok,
    followed_by_container,
    is_proper,
    is_proper_at,
    locative_context,
    prev_word,
    segments,
    settlement_after,
    settlement_apposition,
    trim,
    unit_after,
)
from sitrep.geoparse.focus import group_acronyms
from sitrep.geoparse.mention import PlaceName
from sitrep.geoparse.settings import Settings
from sitrep.geoparse.words import (
    AREA_AFTER,
    AREA_NOUNS,
    ARTICLE_START,
    BLOCK_LABELS,
    CONNECTORS,
    ORG_WORDS,
    PLACE_LABELS,
    REGION_WORDS,
    STOPWORDS,
    THE_COMMON_NOUNS,
    TITLE_WORDS,
    WEAK_LABELS,
)

__all__ = ["recognise"]


_OCCUPIED = re.compile(
    r"\b(?P<by>[A-Z][A-Za-z]+)-(?:occupied|administered|controlled|held|annexed|ruled)\s+"
    r"(?P<place>[A-Z][A-Za-z]+(?:(?:\s+and\s+|\s+)[A-Z][A-Za-z]+){0,3})"
)


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


def recognise(doc: Doc, gaz: Gazetteer, settings: Settings) -> list[PlaceName]:
    """The place names of an article, in text order (see the module's docstring for how they are found)."""
    tk = Tokens(doc)
    text = tk.chars
    mentions: list[PlaceName] = []
    taken = [False] * tk.n
    blocked = [False] * tk.n
    weak = [False] * tk.n  # tagged PERSON, NORP, ...: a place only with a locative cue
    demonyms = load_demonyms()
    ents = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    place_texts = {
        fold(tk.span_text(s, e))
        for start, end, label in ents
        if label in ("GPE", "LOC")
        for s, e in segments(tk, start, end)
    }

    def add(start_tok: int, end_tok: int, source: str) -> bool:
        s, e = trim(tk, start_tok, end_tok)
        if s >= e:
            return False
        if any(taken[s:e]):
            return False
        span_text = tk.span_text(s, e)
        key = fold(span_text)
        if not key or key in demonyms or len(key) < 2 or not is_proper(span_text):
            return False  # "the metro" tagged FAC is not a proper name
        if e - s == 1 and key in STOPWORDS:
            return False  # "stormed Congress", "the Senate": an institution the model tagged, never a town abroad
        if e - s == 1 and key in THE_COMMON_NOUNS and s > 0 and tk.lower[s - 1] == "the":
            return False  # "tensions in the Gulf", "the Valley": a region in mind, not a gazetteer namesake
        for i in range(s, e):
            taken[i] = True
        mentions.append(PlaceName(tk.idx[s], tk.idx[s] + len(span_text), span_text, source, span_text))
        return True

    for start, end, label in ents:
        if label in ("PERSON", "NORP"):
            s, e = trim(tk, start, end)
            if label == "NORP" and all(fold(tk.text[k]) in demonyms or not tk.cap[k] for k in range(start, end)):
                label = "DEMONYM"
            elif label == "PERSON" and s < e and tk.lower[s] in TITLE_WORDS:
                label = "TITLED"
        if label in WEAK_LABELS:
            for i in range(start, end):
                weak[i] = True
        elif label in BLOCK_LABELS or label in ("DEMONYM", "TITLED"):
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
            PlaceName(
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
        if label in PLACE_LABELS:
            for s, e in segments(tk, start, end):
                s2, e2 = _longer_name(tk, s, e, gaz, taken, blocked)
                add(s2, e2, f"ner:{label}")
    # "Somali region", "Afar Region": a demonym before a unit word names a province.
    for k in range(tk.n - 1):
        if not taken[k] and tk.cap[k] and fold(tk.text[k]) in demonyms and tk.lower[k + 1] in REGION_WORDS:
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


def _longer_name(tk: Tokens, s: int, e: int, gaz: Gazetteer, taken: list[bool], blocked: list[bool]) -> tuple[int, int]:
    """The longest gazetteer name that covers a place entity and the capitalised words next to it: the model
    often cuts a name in pieces ("Boa" + "Vista", "Toba" + "Tek Singh", "Buni" + "Yadi")."""
    cap, glued = tk.cap, tk.glued

    def joinable(k: int) -> bool:
        if taken[k] or blocked[k] or tk.ent[k] == "ORG":
            return False
        return cap[k] or tk.lower[k] in CONNECTORS or glued[k] or tk.text[k] in GLUE

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
            if not compound_edge_ok(tk, a, b):
                continue
            if any(c.match in ("name", "alias") for c in gaz.lookup(tk.span_text(a, b))):
                return a, b
    return s, e


def _capitalised_runs(
    tk: Tokens,
    gaz: Gazetteer,
    settings: Settings,
    add: Any,
    mentions: list[PlaceName],
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
        if taken[k] or blocked[k] or ent[k] == "ORG" or (ent[k] in PLACE_LABELS and not first):
            return False
        return cap[k] or (not first and (glued[k] and (tk.alpha[k] or text[k] in GLUE)))

    while i < n:
        if not in_run(i, True) or ent[i] in PLACE_LABELS:
            i += 1
            continue
        j = i + 1
        start = i
        if i >= 2 and text[i - 1] == "-" and glued[i] and glued[i - 1] and not taken[i - 2]:
            if ARTICLE_START.match(tk.span_text(i - 2, i + 1)):
                start = i - 2  # "el-Arish": the article belongs to the name
        while j < n and j - i < 8:
            if in_run(j, False):
                j += 1
            elif lower[j] in CONNECTORS and lower[j] not in ("and", "of", "the"):
                # "Qala i Naw", "Suleiman al-Halabi", "Buena Vista de la Salud": lower-case connectors inside
                k = j + 1
                while k < n and k - j < 2 and lower[k] in CONNECTORS and lower[k] not in ("and", "of", "the"):
                    k += 1
                if k + 1 < n and text[k] in GLUE and glued[k] and glued[k + 1]:
                    k += 1
                if k < n and cap[k] and not taken[k] and not blocked[k] and ent[k] != "ORG":
                    j = k + 1
                else:
                    break
            else:
                break
        while j > i + 1 and (text[j - 1] in GLUE or (tk.is_lower[j - 1] and lower[j - 1] in CONNECTORS)):
            j -= 1
        _untagged_run(tk, start, j, gaz, settings, add, mentions, taken, weak)
        i = max(j, i + 1)


def _untagged_run(
    tk: Tokens,
    i: int,
    j: int,
    gaz: Gazetteer,
    settings: Settings,
    add: Any,
    mentions: list[PlaceName],
    taken: list[bool],
    weak: list[bool] | None = None,
) -> None:
    """Find the longest gazetteer names (or pattern-marked unknown names) inside one capitalised run."""
    text, lower, cap, glued = tk.text, tk.lower, tk.cap, tk.glued
    s = i
    while s < j:
        found = False
        # the name must start with a capital (the run's first token may also be an article: "al-Hasakeh")
        starts = cap[s] or (s == i and is_proper_at(tk.chars, tk.idx[s]))
        for e in range(j, s, -1):
            if not starts or not compound_edge_ok(tk, s, e):
                continue
            if not (cap[e - 1] or glued[e - 1]) or text[e - 1] in GLUE:
                continue
            key_words = [lower[k] for k in range(s, e) if not tk.punct[k]]
            if all(w in STOPWORDS or w in CONNECTORS for w in key_words):
                continue
            if len(key_words) == 1 and (tk.stop[s] or key_words[0] in STOPWORDS):
                continue
            if e - s == 1 and text[s].isupper() and len(text[s]) <= 5:
                # acronyms (BLA, IED) are places only when they name a country (UK, DRC) and no armed group
                # (BRA), or a province in ACLED's parenthesis after a place ("Keylong (HP)")
                if (gaz.country(text[s]) is None or text[s] in group_acronyms()) and not (
                    after_place_paren(tk, s, taken) and _code_fits(tk, s, e, gaz, mentions)
                ):
                    continue
            name = tk.span_text(s, e)
            is_weak = weak is not None and any(weak[s:e])
            whole = (s, e) == (i, j)
            # A preposition before "Buni Yadi" speaks for the whole name, not for "Buni" alone.
            locative = whole and locative_context(tk, s, e, taken)
            pattern_place = _pattern_marks_place(tk, s, e, mentions)
            strong = locative or pattern_place
            plain = not is_weak and all(tk.propn[k] for k in range(s, e) if not tk.punct[k])
            if not strong and (tk.sent_start[s] or not plain):
                continue  # without a cue only a plain proper name inside a sentence can be a place: no lookup
            cands = gaz.lookup(name, respell=strong)  # a respelling only counts with a locative cue
            if cands and _good_hit(cands, strong=strong, settings=settings, name=name):
                found = add(s, e, "ner:PERSON" if is_weak and tk.ent[s] == "PERSON" else "gazetteer")
            elif pattern_place or (strong and whole and followed_by_container(tk, e, taken)):
                found = add(s, e, "pattern")
            elif (
                not cands
                and whole
                and strong
                and ((e - s > 1 and unit_after(tk, e)) or settlement_after(tk, e) or settlement_apposition(tk, e))
            ):
                found = add(s, e, "pattern")  # "Dand Wa Patan district": one unknown name, not "Patan"
            elif cands and whole and strong and (unit_after(tk, e) or settlement_after(tk, e)):
                found = add(s, e, "pattern")  # "in Ghoryan district": known only by a respelling or a small namesake
            if found:
                s = e
                break
        if not found:
            s += 1
            while s < j and glued[s]:
                s += 1  # no name starts inside a compound


def _code_fits(tk: Tokens, s: int, e: int, gaz: Gazetteer, mentions: list[PlaceName]) -> bool:
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
    tk: Tokens,
    ents: list[tuple[int, int, str]],
    gaz: Gazetteer,
    settings: Settings,
    add: Any,
    taken: list[bool],
    place_texts: set[str],
    mentions: list[PlaceName],
) -> None:
    """Names tagged PERSON, ORG or NORP that are places: tagged as places elsewhere in the article, or a
    gazetteer name in a place context ("Jaish-e-Mohammed's Bahawalpur base", "in Khan Younis", "Uman and
    Dnipro", "Qoqfin in Idleb"). An ORG only if it has no organisation word ("Baloch Liberation Army" never is),
    unless its last word is a unit word ("Lower Kurram Agency")."""
    demonyms = load_demonyms()
    lower = tk.lower
    for start, end, label in ents:
        if label != "ORG" and label not in WEAK_LABELS:
            continue
        for s, e in segments(tk, start, end):
            if any(taken[s:e]):
                continue
            s, e = trim(tk, s, e)
            if s >= e or lower[s] in TITLE_WORDS:
                continue
            words = set(lower[s:e])
            name = tk.span_text(s, e)
            if label == "NORP" and fold(name) in demonyms:
                continue
            if label == "ORG" and _facility_town(tk, s, e, gaz, taken, add):
                continue  # "at Benghazi Medical Centre": the town the facility is in
            unit_named = lower[e - 1] in UNIT_FEATURES and e - s > 1
            if label == "ORG" and (
                (words - {lower[e - 1]} if unit_named else words) & ORG_WORDS
                or (
                    name.isupper()
                    and (gaz.country(name) is None or name in group_acronyms())
                    and not (after_place_paren(tk, s, taken) and _code_fits(tk, s, e, gaz, mentions))
                )
            ):
                continue
            strong = locative_context(tk, s, e, taken) or unit_named
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
                    followed_by_container(tk, e, taken)
                    or (
                        not cands
                        and (settlement_after(tk, e) or settlement_apposition(tk, e))
                        and not words & ORG_WORDS
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


def _facility_town(tk: Tokens, s: int, e: int, gaz: Gazetteer, taken: list[bool], add: Any) -> bool:
    """An organisation named "<town> <facility words>" after a locative cue ("at Benghazi Medical Centre"):
    adds the town, a place known by its own name (a town of 10,000 or more, or a unit). False otherwise."""
    lower = tk.lower
    k = e
    while k > s and lower[k - 1] in _FACILITY_WORDS:
        k -= 1
    if k in (s, e) or not all(tk.cap[j] for j in range(s, k)):
        return False
    first = prev_word(tk, s)
    cue_from = first if first >= 0 and lower[first] == "the" else s  # "at the Phnom Penh Municipal Court"
    if not locative_context(tk, cue_from, e, taken):
        return False
    town = [
        c
        for c in gaz.lookup(tk.span_text(s, k))
        if c.match in ("name", "alias") and (c.is_unit or (c.feature == "city" and c.population >= 10_000))
    ]
    return bool(town) and add(s, k, "pattern")


def _repeat_names(tk: Tokens, mentions: list[PlaceName], add: Any, taken: list[bool], blocked: list[bool]) -> None:
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
            if ent[k] == "ORG" and any(w in ORG_WORDS for w in tk.lower[k:e]):
                continue
            if fold(tk.span_text(k, e)) in found and add(k, e, "gazetteer"):
                break


_AREA_OF = re.compile(rf"\s+{AREA_NOUNS}\s+of\s+(?:the\s+)?[A-Z]")


_OWNER_BEFORE = re.compile(r"'s?\s+(?:[a-z-]+\s+){0,2}$")


def _pattern_marks_place(tk: Tokens, s: int, e: int, mentions: list[PlaceName]) -> bool:
    """An unknown name is a place when a pattern says so: "<place>'s Y area", "the Y region of <place>"."""
    text = tk.chars
    after_start = tk.end[e - 1]
    after = text[after_start : after_start + 40]
    if not AREA_AFTER.match(after):  # both patterns need an area noun after the name
        return False
    if _AREA_OF.match(after):
        return True
    start = tk.idx[s]
    m = _OWNER_BEFORE.search(text[max(0, start - 40) : start])
    if m:
        owner_end = start - len(m.group(0))
        return any(x.end == owner_end for x in mentions)
    return False


def _merge_and(doc: Doc, mentions: list[PlaceName], gaz: Gazetteer) -> None:
    """Join "Jammu" + "and" + "Kashmir" when the whole phrase is one gazetteer name."""
    text = doc_text(doc)
    k = 0
    while k + 1 < len(mentions):
        a, b = mentions[k], mentions[k + 1]
        gap = text[a.end : b.start]
        if gap in (" and ", " & ") and a.pattern is None and b.pattern is None:
            whole = text[a.start : b.end]
            if any(c.match in ("name", "alias", "stem") for c in gaz.lookup(whole)):
                mentions[k] = PlaceName(a.start, b.end, whole, a.source, whole)
                del mentions[k + 1]
                continue
        k += 1
