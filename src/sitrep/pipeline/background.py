"""Stage, background: what the story reports against what it recalls.

A wire story about today's attack also tells of older ones ("In 2019 he survived a drone attack", "last
month's bombing in the capital"), of tolls that add up months of war ("the insurgency has killed more than
35,000 people since 2009", "at least 20 civilians have been killed in attacks in the province since April
12") and of killings whose trial, sentence or investigation is the news ("was sentenced for her murder",
"confessed to killing his sister"). None of those is an event of this story: ACLED codes each event once,
from the reports of its own days, and a record made from a recollection is a duplicate at best and, dated to
the publication day, a false event at worst.

This stage drops such mentions for two reasons, each read off the text (a third, time, is judged per event
by merge with `recalled_by_time`, once all reports of an event have lent it their best day):

- **time** (merge): the story dates the event only to a month or a year ("last month", "in 2016"), more
  than BACKGROUND_DAYS before publication;
- **accumulation**: the clause counts over a stretch of time ("since ...", "so far this year", "in the past
  six months", "to date") or makes a war or insurgency the killer;
- **proceedings**: the event word is the object of a trial, charge, sentence, confession or investigation
  and has no subject of its own ("sentenced for the murder", "investigating the shooting").
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from sitrep.model import EventDate, Mention
from sitrep.text import AnnotatedArticle
from sitrep.text.lexicon import cue_heads

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["background", "BACKGROUND_DAYS", "is_background", "recalled_by_time"]

# A report told as of more than this many days before publication is history for this story. Wire stories
# date their events to the day or the day before; a week covers "last week", stories filed late and
# weekend editions.
BACKGROUND_DAYS = 10

# Phrases that make a clause count over a stretch of time rather than tell one event.
_SPAN_OF_TIME = re.compile(
    r"\b(?:so far(?: this (?:year|month))?|to date|this year|since (?:then|the (?:start|beginning)|last)"
    r"|(?:in|over|during|throughout) the (?:past|last|previous) (?:\w+ )?(?:days|weeks|months|years|decades?)"
    r"|in recent (?:days|weeks|months|years)|over the years|a year-long|years of)\b",
    re.IGNORECASE,
)
# Nouns of a conflict as a whole: "the war has killed", "the insurgency has claimed".
_CONFLICT_NOUNS = {
    "conflict",
    "war",
    "insurgency",
    "violence",
    "fighting",
    "unrest",
    "crisis",
    "uprising",
    "rebellion",
    "campaign",
    "bloodshed",
    "offensive",
}
# Words of a trial, charge, sentence or inquiry: an event named as their object is the subject of
# proceedings, told because of them.
_PROCEEDINGS = {
    "sentence",
    "convict",
    "charge",
    "acquit",
    "indict",
    "prosecute",
    "plead",
    "confess",
    "testify",
    "investigate",
    "probe",
    "trial",
    "verdict",
    "conviction",
    "indictment",
    "hearing",
    "inquest",
    "inquiry",
    "investigation",
    "prosecution",
    "lawsuit",
    "acquittal",
    "retrial",
    "appeal",
    "jail",
    "imprison",
}


def recalled_by_time(day: EventDate, published: date | None) -> bool:
    """An event dated only to a month or a year ("last month", "in 2016"), more than BACKGROUND_DAYS before
    publication: told as history, not as this story's news. An older event the story dates to the day ("the
    April 22 attack") is not: it can be coded, and dedup joins it to its own reports. Judged per event by
    merge, once every report of the event has lent it its best day ("late last month" beside "on September
    26" is the story's own ambush)."""
    if published is None or day.basis == "publication":
        return False
    return day.time_precision >= 3 and (published - day.day).days > BACKGROUND_DAYS


def _clause_of(tok: Token) -> Token:
    """The verb whose clause holds the token (the token itself if it is a verb), else the sentence root."""
    for node in (tok, *tok.ancestors):
        if node.pos_ in ("VERB", "AUX"):
            return node
    return tok.sent.root


def _accumulates(annotated: AnnotatedArticle, tok: Token) -> bool:
    """The event word's clause counts over a stretch of time, or has a war as its killer."""
    verb = _clause_of(tok)
    words = sorted(verb.subtree, key=lambda t: t.i)
    clause = annotated.doc[words[0].i : words[-1].i + 1].text if words else ""
    if _SPAN_OF_TIME.search(clause):
        return True
    # "since 2009", "since April 12", "since the war began": a count running from a point in time
    if any(t.lower_ == "since" for t in verb.children):
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lemma_.lower() in _CONFLICT_NOUNS for s in subjects) and verb.lemma_.lower() in ("kill", "claim")


def _in_proceedings(tok: Token) -> bool:
    """The event word is what a trial, charge, sentence or inquiry is about, with no subject of its own."""
    if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False  # "gunmen killed two people": the clause asserts the event itself
    for node in list(tok.ancestors)[:4]:
        if node.lemma_.lower() in _PROCEEDINGS:
            return True
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in ("be", "have"):
            break
    return False


def is_background(annotated: AnnotatedArticle, mention: Mention) -> str | None:
    """Why the mention recalls rather than reports ("accumulation", "proceedings"), or None. (Time is judged
    per event, by merge: `recalled_by_time`.)"""
    # Every event word of the mention must be recalled so: "gunfire at a protest against the judge
    # investigating last year's explosion" reports the gunfire.
    heads = [t for _, t in cue_heads(annotated.doc, mention.cues)]
    if heads and all(_accumulates(annotated, t) for t in heads):
        return "accumulation"
    if heads and all(_in_proceedings(t) for t in heads):
        return "proceedings"
    return None


def background(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Drop the mentions that recall older events, accumulated tolls or events under proceedings.

    Args:
        annotated: the article with its Doc.
        mentions: dated mentions (after the dates stage).
    Returns:
        The mentions that report this story's events, in text order.
    """
    return tuple(m for m in mentions if is_background(annotated, m) is None)
