"""Word lists the stages share, loaded from the package's data files once per process.

The lists are data (src/sitrep/data/*.tsv) so that analysts can read and extend them without touching code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from sitrep.model import Cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "CURRENCY_WORDS",
    "CueEntry",
    "cue_lexicon",
    "match_cues",
    "cue_heads",
    "ActorEntry",
    "actor_dictionary",
    "state_period",
    "NUMBER_WORDS",
    "word_number",
]


def _rows(name: str) -> Iterator[list[str]]:
    text = resources.files("sitrep.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines[1:], delimiter="\t")  # first non-comment line is the header
    yield from reader


@dataclass(frozen=True)
class CueEntry:
    """A row of data/triggers.tsv: the words of a cue, its label ("weapon:Grenade") and priority."""

    words: tuple[str, ...]
    label: str
    priority: int


def _split_words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in phrase.replace("-", " - ").split() if w != "-")


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, list[CueEntry]]:
    """First word -> cues starting with it, longest first (so 'suicide car bomb' beats 'suicide')."""
    table: dict[str, list[CueEntry]] = {}
    for row in _rows("triggers.tsv"):
        words = _split_words(row[0].lower())
        table.setdefault(words[0], []).append(CueEntry(words, row[1], int(row[2])))
    for cues in table.values():
        cues.sort(key=lambda c: -len(c.words))
    return table


# Single words whose cue reading needs a part of speech, because their other senses are common.
_POS_REQUIRED = {
    "down": {"VERB"},
    "shell": {"VERB", "NOUN"},
    "march": {"VERB", "NOUN"},
    "beat": {"VERB"},
    "hack": {"VERB"},
    "storm": {"VERB"},
    "target": {"VERB"},
    "execute": {"VERB"},
    "engage": {"VERB"},
    "capture": {"VERB"},
    "seize": {"VERB"},
    "torch": {"VERB"},
    "fire": {"VERB"},
    "rally": {"NOUN", "VERB"},
    "claim": {"VERB", "NOUN"},
    "mine": {"NOUN"},
    "free": {"VERB"},
    "regain": {"VERB"},
}


def match_cues(tokens: SpacySpan | list[Token]) -> list[Cue]:
    """Find lexicon cues in a run of tokens, matching lemmas or lower-cased forms, skipping hyphens.

    Overlapping matches keep the longest. Tokens inside names (ORG, PERSON, WORK_OF_ART, FAC) are skipped:
    'Bomb Disposal Squad' names a unit, it does not report a bomb.
    """
    lexicon = cue_lexicon()
    toks = [t for t in tokens if t.text != "-"]
    out: list[Cue] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "FAC", "LAW") or (
            tok.pos_ == "PROPN" and tok.ent_type_ not in ("", "NORP")
        ):
            i += 1
            continue
        found = None
        for form in {tok.lemma_.lower(), tok.lower_}:
            for cue in lexicon.get(form, ()):
                n = len(cue.words)
                if i + n > len(toks):
                    continue
                window = toks[i : i + n]
                if all(w in (t.lemma_.lower(), t.lower_) for w, t in zip(cue.words, window, strict=False)):
                    if n == 1 and form in _POS_REQUIRED and tok.pos_ not in _POS_REQUIRED[form]:
                        continue
                    if (
                        found is None
                        or n > len(found.words)
                        or (n == len(found.words) and cue.priority > found.priority)
                    ):
                        found = cue
        if found is not None:
            last = toks[i + len(found.words) - 1]
            out.append(Cue(found.label, tok.i, last.i + 1, found.priority))
            i += len(found.words)
        else:
            i += 1
    return out


def cue_heads(doc: Doc, cues: tuple[Cue, ...], kinds: set[str] | None = None) -> list[tuple[str, Token]]:
    """(cue label, syntactic head token) for each of a mention's cues, optionally only those of some kinds.

    The head of "Russian cruise missile"'s cue "cruise missile" is "missile", whose children hold "Russian".
    """
    return [(cue.label, doc[cue.start : cue.end].root) for cue in cues if kinds is None or cue.kind in kinds]


@dataclass(frozen=True)
class ActorEntry:
    canonical: str
    inter: int
    country: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def actor_dictionary() -> tuple[dict[str, ActorEntry], dict[str, ActorEntry]]:
    """(case-sensitive short aliases such as 'BLA', lower-cased long aliases) -> ActorEntry."""
    short: dict[str, ActorEntry] = {}
    long: dict[str, ActorEntry] = {}
    for row in _rows("actors.tsv"):
        canonical, inter, country, aliases = row[0], int(row[1]), row[2], row[3]
        entry = ActorEntry(canonical, inter, country, tuple(a for a in aliases.split("|") if a))
        for alias in entry.aliases + (canonical,):
            # Acronyms are matched exactly ("IS", "AA" are ordinary words in lower case).
            if len(alias) <= 5 and alias.upper() == alias.replace("'", "").upper() and " " not in alias:
                short[alias] = entry
            else:
                long[alias.lower()] = entry
    return short, long


@lru_cache(maxsize=1)
def _periods() -> dict[str, list[tuple[date, date | None, str]]]:
    table: dict[str, list[tuple[date, date | None, str]]] = {}
    for row in _rows("state_periods.tsv"):
        country, start, end, label = (row + ["", "", "", ""])[:4]
        table.setdefault(country, []).append(
            (date.fromisoformat(start), date.fromisoformat(end) if end else None, label)
        )
    return table


def state_period(country: str, day: date | None) -> str | None:
    """The government-period label ACLED appends to state forces ('2018-'), or None when unknown."""
    if day is None:
        return None
    for start, end, label in _periods().get(country, []):
        if start <= day and (end is None or day < end):
            return label
    return None


NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a dozen": 12, "hundred": 100, "thousand": 1000, "twin": 2, "both": 2,
}  # fmt: skip


# Currencies: "the US dollar exchange rate" names a country without saying where anything happened.
CURRENCY_WORDS = {
    "dollar", "dollars", "currency", "lira", "pound", "pounds", "rupee", "rupees", "ruble", "rubles", "rouble",
    "roubles", "euro", "euros", "yuan", "riyal", "riyals", "dinar", "dinars", "shekel", "shekels", "naira",
    "shilling", "shillings", "franc", "francs", "peso", "pesos", "hryvnia", "afghani", "kyat", "birr", "rial",
}  # fmt: skip


def word_number(words: list[str]) -> int | None:
    """Value of a number written in words or digits ('twenty five', '1,200', 'two hundred'), else None."""
    total, current, seen = 0, 0, False
    for raw in words:
        w = raw.lower().replace(",", "")
        if w in ("-", "and", "a"):
            continue
        if w.isdigit():
            current += int(w)
            seen = True
            continue
        try:
            current += int(float(w))
            seen = True
            continue
        except ValueError:
            pass
        if w not in NUMBER_WORDS:
            return None
        v = NUMBER_WORDS[w]
        seen = True
        if v == 100:
            current = max(current, 1) * 100
        elif v == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += v
    return total + current if seen else None
