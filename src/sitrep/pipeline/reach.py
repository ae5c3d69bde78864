"""How far a death figure reaches beyond the incident it is told with, for the numbers stage: the incident's
own toll, a toll shared by several incidents told as such ("one of three attacks that left 26 dead", "a day of
violence that left 12 dead"), or a running or cumulative toll ("has killed more than 35,000 people since 2009",
"so far this year", "the insurgency has killed ...").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.pipeline.death_words import EVENT_NOUNS, TOLL_NOUNS
from sitrep.text.lexicon import word_number

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["reach", "subject_phrase"]

# What a cumulative toll counts over ("the insurgency has killed more than 35,000 people").
_CONFLICT_NOUNS = {
    "war", "conflict", "insurgency", "rebellion", "uprising", "campaign", "crisis", "unrest", "occupation",
    "revolt", "bloodshed", "violence", "siege", "jihad", "intifada",
}  # fmt: skip
# "a string of attacks", "a day of violence": several incidents under one toll.
_COLLECTIVES = {"string", "series", "wave", "spate", "spree", "day", "days", "week", "weeks", "month", "months",
                "weekend", "night", "round", "cycle", "surge", "year", "years", "decade", "decades"}  # fmt: skip
_SEVERAL = {"such", "similar", "these", "those", "several", "multiple", "separate", "various", "other", "all"}
_CHAIN_PREPS = {"of", "across", "throughout", "in"}
_SITE_PREPS = {"at", "on", "near", "outside", "inside", "against", "targeting"}
# "since 2009", "since late April", "since the invasion", "since then": a cumulative count; "since Monday" is not.
_SINCE_OBJECTS = {
    "then", "start", "beginning", "outbreak", "invasion", "war", "conflict", "independence", "coup", "revolution",
    "uprising", "insurgency", "takeover", "fall", "election", "ceasefire", "truce", "offensive", "onset", "launch",
    "records",
}  # fmt: skip
_CUMULATIVE = re.compile(
    r"\b(?:so far|to date|this year|last year|this month|in recent (?:years|months|weeks)|"
    r"(?:past|last|previous) (?:\w+ )?(?:years|months|decades)|(?:past|last|previous) (?:year|decade)|"
    r"(?:years|decades|months|weeks) of|each year|every year|annually)\b",
    re.I,
)
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip


def subject_phrase(verb: Token) -> list[Token]:
    """The doer of a death verb, through relative clauses and reporting ('attacks that left 23 dead', 'a
    campaign that the UN says has killed hundreds'), with the nouns it is part of ('a string of attacks')."""
    cur = verb
    for _ in range(4):
        subjects = [
            c for c in cur.children if c.dep_ in ("nsubj", "csubj") and c.lower_ not in ("that", "which", "who")
        ]
        if subjects and cur.dep_ != "relcl":
            return _noun_chain(subjects[0])
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _noun_chain(cur.head)
        if cur.dep_ in ("ccomp", "conj", "xcomp", "advcl", "relcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return []


def _noun_chain(noun: Token) -> list[Token]:
    """A noun with its modifiers and the nouns it hangs on through 'of', 'across' or 'in' ('one of a string of
    attacks')."""
    out = [noun, *(c for c in noun.children if c.dep_ in ("det", "amod", "nummod", "compound", "prep", "predet"))]
    out += [t for c in noun.children if c.dep_ == "prep" for t in c.subtree]
    cur = noun
    for _ in range(3):
        # "one of a string of attacks", "three attacks across the country that left ...": the relative
        # clause may hang on the place the attacks were in.
        if cur.dep_ == "pobj" and cur.head.lower_ in _CHAIN_PREPS and cur.head.head.i != cur.head.i:
            cur = cur.head.head
            out += [cur, *(c for c in cur.children if c.dep_ in ("det", "amod", "nummod", "compound"))]
        else:
            break
    return out


def _several_incidents(phrase: list[Token]) -> bool:
    """'a string of attacks', 'three attacks', 'these attacks', 'a day of violence', 'attacks across Iraq'; not
    'two blasts at a mosque' (one incident at one site) nor 'twin bombings'."""
    for tok in phrase:
        if tok.lower_ in _COLLECTIVES and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return True
        if tok.lemma_.lower() not in EVENT_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
            continue
        at_one_site = any(c.dep_ == "prep" and c.lower_ in _SITE_PREPS for c in tok.children)
        for c in tok.children:
            value = word_number([c.text]) if c.dep_ == "nummod" else None
            if value is not None and value >= 2 and not at_one_site:
                return True
            if c.lower_ in _SEVERAL or (c.dep_ == "prep" and c.lower_ in ("across", "throughout")):
                return True
    return False


def _since_cumulative(since: Token) -> bool:
    """'since 2009', 'since late April', 'since the 2003 invasion', 'since then'; not 'since Monday'."""
    words = list(since.subtree)[1:] or list(since.doc[since.i + 1 : since.i + 4])
    for t in words[:6]:
        low = t.lower_
        if (t.is_digit and len(t.text) == 4) or low in _SINCE_OBJECTS or low in _MONTHS:
            return True
    return False


def _clause_children(verb: Token) -> list[Token]:
    """The verb's own modifiers (time, place, manner), not the clauses nested under it."""
    return [c for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod", "advcl", "mark", "tmod", "obl")]


def _modifiers(verb: Token, noun: Token) -> list[Token]:
    """What says when and where a figure's deaths happened: the verb's own modifiers, the prepositions on
    their objects ('killed in attacks since 2009'), and those on the counted noun and the nouns between it
    and the verb ('verified the deaths of 9,500 civilians since the invasion')."""
    mods = _clause_children(verb)
    for mod in list(mods):
        if mod.dep_ == "prep":
            mods += [p for obj in mod.children if obj.dep_ == "pobj" for p in obj.children if p.dep_ == "prep"]
    cur = noun
    for _ in range(4):
        if cur.i == verb.i:
            break
        mods += [p for p in cur.children if p.dep_ == "prep" and p.lower_ != "of"]
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return mods


def reach(verb: Token | None, noun: Token) -> str | None:
    """How far a figure reaches beyond one incident: "running" for a war's or a year's cumulative toll ('has
    killed more than 35,000 people since 2009', 'so far this year', 'in three decades of conflict', 'the
    insurgency has killed ...'), "shared" for a toll that sums several incidents told as such ('one of three
    attacks that left 26 dead', 'a day of violence that left 12 dead', 'two separate attacks killed 24'),
    None for the incident's own."""
    if verb is None:
        return None
    subject = subject_phrase(verb)
    if any(t.lemma_.lower() in _CONFLICT_NOUNS for t in subject[:1]):
        return "running"
    # "the number of people killed in such attacks in the region this year", "a toll of 900 this year"
    for toll in verb.subtree:
        if toll.lemma_.lower() in TOLL_NOUNS and toll.i != noun.i:
            phrase = list(toll.subtree)
            if _CUMULATIVE.search(" ".join(t.text for t in phrase)) or any(
                t.lower_ in ("such", "similar") for t in phrase
            ):
                return "running"
    for mod in _modifiers(verb, noun):
        if any(t.tag_ == "JJS" for t in mod.subtree):
            continue  # "the deadliest attack since 2009": a comparison, not a span of time
        if mod.lower_ == "since" and _since_cumulative(mod):
            return "running"
        if _CUMULATIVE.search(" ".join(t.text for t in mod.subtree)):
            return "running"
        if mod.dep_ == "prep" and any(t.lower_ in ("such", "similar") for t in mod.subtree):
            return "running"  # "killed in such attacks"
    if _several_incidents(subject):
        return "shared"
    return None
