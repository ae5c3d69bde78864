"""The words around a name: the cues that make a capitalised run a place ("in X", "the city of X",
"X district", "X (Y)", "X, a town ...") and the token-level helpers recognition reads them with.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.gazetteer.names import UNIT_FEATURES
from sitrep.geoparse.words import (
    ARTICLE_START,
    ASSAULT_NOUNS,
    CONNECTORS,
    CUT_PUNCT,
    LOCATIVE,
    OF_NOUNS,
    PLACE_HEADS,
    PLACE_VERBS,
    REGION_ADJECTIVES,
    SETTLEMENT_NOUNS,
)
from sitrep.text.tokens import Tokens

__all__ = [
    "trim",
    "prev_word",
    "after_place_paren",
    "locative_context",
    "settlement_apposition",
    "settlement_after",
    "unit_after",
    "followed_by_container",
    "is_proper",
    "is_proper_at",
    "segments",
    "compound_edge_ok",
]


def trim(tk: Tokens, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a token range."""
    lower, punct = tk.lower, tk.punct
    while start < end and lower[start] in ("the", "'s", "'"):
        start += 1
    while (end > start and lower[end - 1] in ("'s", "'", "s'")) or (end > start and punct[end - 1]):
        end -= 1
    return start, end


def prev_word(tk: Tokens, i: int) -> int:
    """The token before i, skipping spaces, quotes and an opening bracket; -1 when none."""
    j = i - 1
    while j >= 0 and (tk.space[j] or tk.text[j] in ('"', "(")):
        j -= 1
    return j


def _next_word(tk: Tokens, i: int) -> int:
    """Token i or the first after it that is no space, quote or closing bracket; -1 when none."""
    j = i
    while j < tk.n and (tk.space[j] or tk.text[j] in ('"', ")")):
        j += 1
    return j if j < tk.n else -1


def after_place_paren(tk: Tokens, s: int, taken: Sequence[bool] | None) -> bool:
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
            if bool(taken is not None and taken[before]) or b in PLACE_HEADS or b in UNIT_FEATURES:
                return True
            if cap[before]:  # "the village of Ersam (Ansongo, Gao)": a name in a place context
                first = before
                while first > 0 and before - first < 4 and cap[first - 1] and not sent_start[first]:
                    first -= 1
                return locative_context(tk, first, before + 1, taken) or _place_chain_paren(tk, k)
            return False
        k -= 1
    return False


def _place_chain_paren(tk: Tokens, k: int) -> bool:
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
        elif tk.cap[j] or tk.glued[j] or (in_name and tk.lower[j] in CONNECTORS):
            in_name = True
        elif not tk.space[j]:
            return False
        j += 1
    return False


def locative_context(tk: Tokens, start: int, end: int, taken: Sequence[bool] | None = None) -> bool:
    """A locative preposition or a verb of attack/movement before the name, a place noun after it, a place it
    is listed with ("Uman and Dnipro"), or a place it qualifies ("Qadis district, Badghis", "Hays (Al
    Hudaydah)")."""
    if after_place_paren(tk, start, taken):
        return True
    lower, n = tk.lower, tk.n
    prev = prev_word(tk, start)
    word = lower[prev] if prev >= 0 else None
    if word in REGION_ADJECTIVES and prev > 0 and lower[prev - 1] in LOCATIVE and lower[prev - 1] not in ("of", "to"):
        return True  # "in rural Tal Tamer", "in northern Idlib"
    if word in REGION_ADJECTIVES and prev > 0 and lower[prev - 1] == "of":
        return locative_context(tk, prev, end, taken)  # "in a remote part of southern Ouaka": as "part of Ouaka"
    if word in LOCATIVE and word not in ("of", "to"):
        return True
    if word in ("'s", "\u2019s") and prev > 0 and tk.ent[prev - 1] == "GPE":
        # "in Syria's Aleppo", "hit Yemen's Taiz": the place a country owns shares the country's cue
        owner = prev - 1
        while owner > 0 and tk.ent[owner - 1] == "GPE" and not tk.space[owner - 1]:
            owner -= 1
        return locative_context(tk, owner, prev, taken)
    if word == "of":
        noun = prev_word(tk, prev)
        if noun >= 0 and (lower[noun] in SETTLEMENT_NOUNS or lower[noun] in OF_NOUNS):
            return True  # "the city of Uman", "west of Mizdah"
    if word in ("on", "against", "over"):
        noun = prev_word(tk, prev)
        if noun >= 0 and lower[noun] in ASSAULT_NOUNS:
            return True  # "the attack on Kyiv"
    if prev >= 0 and tk.text[prev] == ",":
        before = prev_word(tk, prev)
        if before >= 0 and (lower[before] in PLACE_HEADS or lower[before] in SETTLEMENT_NOUNS):
            return True  # "in Qadis district, Badghis"; "the capital, Kyiv"
        if before >= 0 and tk.cap[before] and (end >= n or tk.text[end] in (",", ".", "(", ")", ";")):
            # "in Barangay Taruk, Tandubas, Tawi-Tawi.": the chain of places after a locative cue
            first = before
            while first > 0 and before - first < 4 and (tk.cap[first - 1] or tk.glued[first]):
                first -= 1
            if first < start and locative_context(tk, first, before + 1, taken):
                return True
    if settlement_apposition(tk, end):
        return True
    if prev >= 0 and tk.verb[prev] and tk.doc[prev].lemma_.lower() in PLACE_VERBS:
        return True
    nxt = _next_word(tk, end)
    if nxt >= 0 and lower[nxt] == "'s":
        nxt = _next_word(tk, nxt + 1)
    if nxt >= 0 and lower[nxt] in PLACE_HEADS:
        return True
    if end < n and tk.text[end] == "(" and taken is not None and _place_in_paren(tk, end + 1, taken):
        return True  # "Ludhiana (Punjab)": qualified by a place
    if taken is not None:
        # listed with a place already found: "X and Y", "X, Y"
        if word in ("and", "or", ",", "&"):
            before = prev_word(tk, prev)
            if before >= 0 and (taken[before] or tk.ent[before] in ("GPE", "LOC")):
                return True
        if nxt >= 0 and lower[nxt] in ("and", "or", ",", "&"):
            after = _next_word(tk, nxt + 1)
            if after >= 0 and (taken[after] or tk.ent[after] in ("GPE", "LOC")):
                return True
    return False


def settlement_apposition(tk: Tokens, end: int) -> bool:
    """An apposition that says the name is a settlement: "Uman, a city of about 80,000 people", "Zamzam, the
    vast displacement camp"."""
    n, lower = tk.n, tk.lower
    if end + 1 >= n or tk.text[end] != "," or lower[end + 1] not in ("a", "an", "the"):
        return False
    j = end + 2
    while j < n and j < end + 6 and tk.is_lower[j] and lower[j] not in SETTLEMENT_NOUNS and lower[j] != "camp":
        j += 1
    return j < n and (lower[j] in SETTLEMENT_NOUNS or lower[j] == "camp")


def _place_in_paren(tk: Tokens, k: int, taken: Sequence[bool]) -> bool:
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


def settlement_after(tk: Tokens, end: int) -> bool:
    """ "Wumbi village", "Otash camp": a settlement noun right after the name."""
    return end < tk.n and tk.lower[end] in ("village", "town", "camp", "district", "area", "township")


def unit_after(tk: Tokens, end: int) -> bool:
    """A unit word right after the name ("Dand Wa Patan district")."""
    return end < tk.n and tk.lower[end] in UNIT_FEATURES and tk.lower[end] not in ("city", "town", "village")


def followed_by_container(tk: Tokens, end: int, taken: Sequence[bool]) -> bool:
    """ "Qoqfin in Idleb", "Garabulli (Almargeb)", "Tal Tamer in the countryside of Al-Hasakeh", "Basira in
    eastern Deir-ez-Zor": a known place right after the name."""
    n, lower = tk.n, tk.lower
    k = end
    while k < n and k - end < 2 and lower[k] in PLACE_HEADS:
        k += 1  # "Tell Abiad front in Ar-Raqqa"
    if k < n and tk.text[k] == "(":
        return _place_in_paren(tk, k + 1, taken)
    if k < n and lower[k] == "in":
        k += 1
        if k < n and lower[k] == "the":
            k += 1
        while k < n and (lower[k] in REGION_ADJECTIVES or lower[k] in ("north", "south", "east", "west", "-")):
            k += 1  # "in the north-western countryside of Hama"
        if k + 1 < n and lower[k] in OF_NOUNS and lower[k + 1] == "of":
            k += 2  # "in the countryside of Al-Hasakeh"
            if k < n and lower[k] == "the":
                k += 1
        return k < n and taken[k]
    return False


def is_proper(name: str) -> bool:
    """A proper name: capitalised, or an Arabic article before a capitalised word ("al-Hasakeh")."""
    return name[:1].isupper() or bool(ARTICLE_START.match(name))


def is_proper_at(text: str, pos: int) -> bool:
    """`is_proper` of the text from `pos` on, without copying the rest of the article."""
    return text[pos : pos + 1].isupper() or bool(ARTICLE_START.match(text, pos))


def segments(tk: Tokens, start: int, end: int) -> list[tuple[int, int]]:
    """An entity cut where the model ran it over punctuation or lower-case words: "Qoqfin in Idleb" ->
    "Qoqfin", "Idleb"; "Ludhiana (Punjab" -> "Ludhiana", "Punjab". Name connectors stay ("Qala i Naw")."""
    out: list[tuple[int, int]] = []
    s = start
    for k in range(start, end):
        cut = tk.text[k] in CUT_PUNCT or (tk.is_lower[k] and tk.lower[k] not in CONNECTORS and not tk.glued[k])
        if cut:
            if s < k:
                out.append((s, k))
            s = k + 1
    if s < end:
        out.append((s, end))
    return out


def compound_edge_ok(tk: Tokens, s: int, e: int) -> bool:
    """A name may not start or end inside a compound: "Ali" is no name of its own in "Mirza-Ali"."""
    if s > 0 and tk.glued[s] and tk.text[s - 1] not in ("(", '"'):
        return False
    return not (e < tk.n and tk.glued[e] and tk.text[e] not in (")", '"', ",", ".", "'s", "’s", ":", ";"))
