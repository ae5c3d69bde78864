"""Name keys: how a place name is folded so that "Pūnch", "PUNCH" and "Punch" meet in one index entry.

A key is lower-case ASCII words separated by single spaces. Accents are stripped, letters outside ASCII are
transliterated (ø -> o, ß -> ss), apostrophes vanish ("N'Djamena" -> "ndjamena") and other punctuation
becomes a space ("Al-Qamishli" -> "al qamishli"). Names written in a non-Latin script get the empty key:
sitrep reads English news, and a transliteration guessed from Arabic or Devanagari would match the wrong
places more often than the right ones.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

__all__ = ["fold", "is_latin", "strip_unit", "stems", "article_variant", "UNIT_WORDS", "UNIT_FEATURES"]

# Words that name an administrative unit rather than the place ("Kech District", "Balochistan province").
# The feature they point at decides which candidates a "X district" query prefers.
UNIT_FEATURES: dict[str, tuple[str, ...]] = {
    "district": ("admin2", "admin1"),
    "districts": ("admin2", "admin1"),
    "tehsil": ("admin2",),
    "subdistrict": ("admin2",),
    "division": ("admin2", "admin1"),
    "county": ("admin2", "admin1"),
    "municipality": ("admin2", "city"),
    "regency": ("admin2",),
    "department": ("admin2", "admin1"),
    "prefecture": ("admin1", "admin2"),
    "province": ("admin1", "admin2"),
    "provinces": ("admin1", "admin2"),
    "state": ("admin1",),
    "region": ("admin1", "admin2"),
    "governorate": ("admin1",),
    "oblast": ("admin1",),
    "raion": ("admin2",),
    "rayon": ("admin2",),
    "emirate": ("admin1",),
    "territory": ("admin1",),
    "parish": ("admin1", "admin2"),
    "agency": ("admin2",),
    "city": ("city",),
    "town": ("city",),
    "village": ("city",),
}
UNIT_WORDS = frozenset(UNIT_FEATURES)
# Prefixes some sources put before the proper name ("District of Columbia" stays: only stripped for stems).
_UNIT_PREFIXES = (
    "city of ",
    "district of ",
    "province of ",
    "state of ",
    "distrito de ",
    "kabupaten ",
    "kota ",
    "qada ",
    "qadaa ",
    "municipality of ",
)
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Initialisms written with dots or spaces fold like the plain form: "U.S." / "U. S." -> "us", "D.C." -> "dc".
_LETTER_RUN = re.compile(r"(?<![a-z0-9])[a-z](?: [a-z])+(?![a-z0-9])")


def is_latin(text: str) -> bool:
    """True when every letter of `text` is a Latin letter (accents allowed) and there is at least one."""
    seen = False
    for ch in text:
        if ch.isalpha():
            seen = True
            if ch.isascii():
                continue
            try:
                if not unicodedata.name(ch).startswith("LATIN"):
                    return False
            except ValueError:
                return False
    return seen


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Fold a name to its index key.

    Args:
        text: a place name in any case, with or without accents.
    Returns:
        The key ("Muzaffarābād" -> "muzaffarabad", "The Hague" -> "hague"), or "" for a name with no
        letters or with letters outside the Latin script.
    """
    if not text or not is_latin(text):
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = unidecode(_APOSTROPHES.sub("", stripped)).lower()
    key = _NON_WORD.sub(" ", ascii_text).strip()
    if key.startswith("the "):
        key = key[4:]
    if " " in key:
        key = _LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), key)
    return key


def strip_unit(key: str) -> tuple[str, str | None]:
    """Split a trailing unit word off a folded key: "kech district" -> ("kech", "district").

    Returns the key unchanged and None when it has no unit word or is only the unit word.
    """
    head, _, last = key.rpartition(" ")
    if head and last in UNIT_WORDS:
        return head, last
    for prefix in _UNIT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :], prefix.split()[0]
    return key, None


def stems(key: str) -> list[str]:
    """Shorter keys an admin unit is also known by: "kech district" -> ["kech"], "city of calamba" -> ["calamba"]."""
    out: list[str] = []
    current = key
    while True:
        stem, unit = strip_unit(current)
        if unit is None or stem == current:
            break
        out.append(stem)
        current = stem
    return out


_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "ath ", "adh ")


def article_variant(key: str) -> str | None:
    """The key without a leading Arabic article: "al qamishli" -> "qamishli", "el fasher" -> "fasher"."""
    for art in _ARTICLES:
        if key.startswith(art) and len(key) - len(art) >= 4:
            return key[len(art) :]
    return None
