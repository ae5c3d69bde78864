"""The words and parse shapes that tie people to death, shared by the numbers stage (`sitrep.pipeline.numbers`)
and its reading of victims told without a number (`sitrep.pipeline.named_dead`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "ACCIDENTS", "DEATH_NOUNS", "DYING", "EVENT_NOUNS", "INJURY_WORDS", "KILLING", "KILLING_WITH_DEAD", "NEGATIONS",
    "NOT_PEOPLE", "STATE_DEAD",
    "TOLL_NOUNS", "accidental", "after_breakdown_word", "death_phrase_after", "names_the_dead",
    "passive",
]  # fmt: skip

# "the death toll", "the number of people killed", "the government put the figure at 19".
TOLL_NOUNS = {"toll", "tally", "total", "count", "number", "figure"}
INJURY_WORDS = {"injure", "wound", "hurt", "maim", "injury", "injured", "wounded"}
# Verbs whose object (or passive subject) is killed.
KILLING = {"kill", "slay", "murder", "behead", "execute", "massacre", "assassinate", "lynch", "slaughter"}

# Verbs that kill only with "dead", "to death" or "down" ("shot dead", "hacked to death", "gunned down").
KILLING_WITH_DEAD = {"shoot", "gun", "beat", "hack", "stab", "burn", "stone", "club", "bludgeon", "strangle"}

DYING = {"die", "perish", "succumb"}

# What a number counts when it counts the dead ("20 bodies", "13 fatalities", "the 17 dead").
DEATH_NOUNS = {"dead", "body", "corpse", "fatality", "death", "killing", "massacre", "murder", "execution"}

STATE_DEAD = {"dead", "killed"}

NEGATIONS = {"no", "none", "nobody", "zero"}

# Things that are counted near death words but are not people ("shot down 11 drones", "nine camps").
NOT_PEOPLE = {
    "drone", "missile", "rocket", "shell", "bomb", "vehicle", "car", "truck", "house", "home", "building",
    "camp", "village", "town", "school", "tank", "aircraft", "plane", "jet", "helicopter", "weapon", "gun",
    "round", "mortar", "year", "day", "hour", "minute", "week", "month", "km", "kilometre", "kilometer", "mile",
    "percent", "site", "target", "position", "post", "checkpoint", "shop", "boat", "ship", "attack", "strike",
    "decade", "century", "time", "shot", "bullet", "incident", "event", "shooting", "bombing", "explosion",
    "blast", "raid", "clash", "operation", "area", "district", "province", "city", "region", "country",
}  # fmt: skip

# Deaths that are not violence: "five others died in the crash", "died of cancer".
ACCIDENTS = {
    "crash", "accident", "collision", "illness", "disease", "cancer", "earthquake", "quake", "flood", "flooding",
    "landslide", "avalanche", "storm", "cyclone", "hurricane", "typhoon", "stampede", "drowning", "heatwave",
    "covid", "cholera", "malaria", "ebola", "pneumonia", "heart",
}  # fmt: skip

EVENT_NOUNS = {
    "attack", "bombing", "strike", "airstrike", "raid", "shooting", "blast", "explosion", "incident", "assault",
    "ambush", "killing", "massacre", "clash", "shelling",
}  # fmt: skip


def death_phrase_after(verb: Token) -> bool:
    """'shot dead', 'shot him dead', 'hacked to death', 'gunned down': the words after a KILLING_WITH_DEAD verb."""
    if any(c.lower_ == "dead" or (c.lower_ == "down" and verb.lemma_.lower() == "gun") for c in verb.children):
        return True
    doc = verb.doc
    window = [t.lower_ for t in doc[verb.i + 1 : min(len(doc), verb.i + 5)]]
    for i, word in enumerate(window):
        if word in (",", ".", ";", "and", "but"):
            return False
        if word == "dead" or (word == "death" and i > 0 and window[i - 1] == "to"):
            return True
        if word == "down" and verb.lemma_.lower() == "gun":
            return True
    return False


def passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.tag_ == "VBN"


def accidental(verb: Token) -> bool:
    """'died in the crash', 'died of cancer': a death that is not violence."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from", "after"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in ACCIDENTS:
                    return True
    return False


def names_the_dead(tok: Token) -> bool:
    """'the dead', 'the 17 dead', 'those killed', 'the victims', 'the fatalities'."""
    lem = tok.lemma_.lower()
    if tok.lower_ in STATE_DEAD or lem in ("victim", "fatality"):
        return True
    return lem == "those" and any(c.lower_ in STATE_DEAD for c in tok.subtree)


def after_breakdown_word(noun: Token) -> bool:
    """A person named inside a breakdown: after 'including', 'among them', 'one of them', 'of whom'."""
    doc = noun.doc
    start = noun.i
    while start > 0 and doc[start - 1].dep_ in (
        "det",
        "amod",
        "compound",
        "poss",
        "case",
        "nmod",
        "nummod",
        "quantmod",
    ):
        start -= 1
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    if "including" in before[-2:] or "incl" in before[-2:]:
        return True
    return any(w in ("them", "whom") and i > 0 and before[i - 1] in ("among", "of") for i, w in enumerate(before))
