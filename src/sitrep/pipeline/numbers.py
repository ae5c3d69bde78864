"""Stage 6, numbers: how many were killed and injured, as each mention states it, and what each figure is.

A number counts as deaths only when the text ties it to a death word: by the word right after it ("leaving
two dead and 18 injured"), by what it counts ("20 bodies", "13 fatalities", "the 17 dead", "the bodies of four
farmers"), by a toll ("the death toll rose to 30", "police put the toll at seven", "the toll is 33") or by the
parse ("killing all 12 soldiers", "26 people were killed", "shot dead 17 villagers"). Each figure then gets
the role that `tolls` needs to count an event once (see `sitrep.model.Count`):

- running: a toll across incidents or the war's cumulative toll ("has killed more than 35,000 people since
  2009", "so far this year", "one of three attacks that left 26 dead", "a campaign that has killed hundreds");
- is_total / revised: the incident's toll as such; "rose to", "revised the toll to", "later" supersede;
- part: a breakdown of a toll ("including 12 children", "among them six policemen", "four of them children",
  "the dead included ...", "19 people: 14 soldiers and five civilians");
- additive: more victims on top ("two more", "five other civilians", "also killed", "two of the wounded died");
- source: the reporting verb it hangs on ("police said 12, while witnesses said 35": two statements).

Casualties are not deaths (ACLED); "no one was killed" gives no count; deaths in a crash or of an illness are
not violence; "events where four or more people are killed" defines, it does not report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING

from sitrep.model import Count, Mention, Span
from sitrep.pipeline.death_words import (
    ACCIDENTS,
    DEATH_NOUNS,
    DYING,
    INJURY_WORDS,
    KILLING,
    KILLING_WITH_DEAD,
    NEGATIONS,
    NOT_PEOPLE,
    STATE_DEAD,
    TOLL_NOUNS,
    accidental,
    after_breakdown_word,
    death_phrase_after,
    names_the_dead,
    passive,
)
from sitrep.pipeline.named_dead import implicit_counts
from sitrep.pipeline.reach import reach, subject_phrase
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.lexicon import NUMBER_WORDS, word_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["numbers", "counts_in", "KILL_WORDS"]

KILL_WORDS = {
    "kill", "die", "dead", "slay", "murder", "behead", "execute", "massacre", "lose", "perish", "death",
    "fatality", "body", "claim", "shoot", "gun", "life",
}  # fmt: skip
_INJURING = {"injure", "wound", "hurt", "maim"}
_STATE_HURT = {"injured", "wounded", "hurt"}
_TOLL_VERBS = {
    "rise", "climb", "reach", "bring", "stand", "jump", "increase", "mount", "hit", "soar", "take", "put",
    "place", "revise", "raise", "lower", "update", "set", "estimate", "give", "push", "grow", "drop", "fall",
    "reduce", "cut", "top", "exceed", "pass",
}  # fmt: skip
# A toll that moved: the latest figure supersedes the ones told before it.
_REVISING = {
    "rise", "climb", "reach", "bring", "jump", "increase", "mount", "soar", "revise", "raise", "lower", "update",
    "push", "grow", "drop", "fall", "reduce", "cut", "top", "exceed", "pass", "hit",
}  # fmt: skip
# Clauses hung on a verb that say something else ("..., and said dozens more were wounded").
# "wounded, two of them critically": how badly someone was hurt.
_SEVERITY = {"critically", "seriously", "severely", "badly", "gravely", "slightly", "lightly"}
_OTHER_CLAUSES = {"conj", "ccomp", "advcl", "parataxis", "relcl"}
_LATER = {"later", "now", "subsequently", "since", "eventually", "finally"}
_VAGUE = {"several": 3, "some": 3, "few": 3, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "many": 3}
_TIME_ENTS = {"DATE", "TIME"}
_SKIP_ENTS = {"MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_TIME_WORDS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "year", "years", "day",
    "days", "month", "months", "week", "weeks", "hour", "hours", "minute", "minutes", "decade", "decades",
    "century", "old", "ago", "morning", "evening", "night", "afternoon", "am", "pm", "a.m.", "p.m.", "o'clock",
    "weekend", "season", "today", "yesterday", "tonight", "midnight", "noon", "hrs", "gmt", "utc",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip
# Reporting verbs: a figure under one of them is that source's statement.
_REPORTING = {
    "say", "tell", "report", "state", "add", "confirm", "announce", "estimate", "count", "put", "give", "quote",
    "cite", "note", "write", "tweet", "post", "record", "document", "tally", "place",
}  # fmt: skip
_CLAIMING = {"claim", "boast", "allege"}


@dataclass(frozen=True)
class _Reading:
    """What the parse says a number counts: deaths or injuries, the verb it hangs on, and whether the number
    is the incident's toll as such (and a revised one)."""

    kind: str
    verb: Token | None
    is_total: bool = False
    revised: bool = False


# --- the number itself -------------------------------------------------------------------------------


def _entity(tok: Token) -> list[Token]:
    """The tokens of the named entity that holds `tok`."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def _is_time(tok: Token) -> bool:
    """A number that is a date or a time ('in 2009', 'May 14', 'three years ago'), not a count of people.

    en_core_web_sm tags many bare counts as DATE ("the toll stood at 48"): only a year, or an entity with a
    word of time in it, is a date.
    """
    if tok.text.isdigit() and len(tok.text) == 4 and 1800 <= int(tok.text) <= 2100:
        return True
    if tok.ent_type_ not in _TIME_ENTS:
        return False
    return any(t.lower_ in _TIME_WORDS or "-year" in t.lower_ for t in _entity(tok))


def _number_value(tok: Token) -> tuple[int, list[Token], list[Token]] | None:
    """Value of the number starting a run of number tokens, its tokens, and the tokens it covers with the
    upper end of a range.

    Handles 'twenty - five', '1,200', 'a dozen', vague words ('dozens'), and ranges, which give their lower
    end as ACLED's conservative figure ('50-60 children', '50 to 60 people', 'between 50 and 60').
    """
    if tok.ent_type_ in _SKIP_ENTS or _is_time(tok):
        return None
    doc = tok.doc
    if tok.lower_ in _VAGUE and tok.i + 1 < len(doc) and word_number([doc[tok.i + 1].text]) is not None:
        return None  # "some 40 people": the hedge of the number after it, which is read on its own
    run = [tok]
    nxt = tok.i + 1
    while (
        nxt < len(doc)
        and (doc[nxt].like_num or doc[nxt].lower_ in NUMBER_WORDS or doc[nxt].text == "-" or _and_in_number(doc, nxt))
        and doc[nxt].lower_ not in ("both", "twin")
    ):
        if doc[nxt].text == "-" and run[-1].text[:1].isdigit() and nxt + 1 < len(doc) and doc[nxt + 1].is_digit:
            break  # "50-60": a range
        run.append(doc[nxt])
        nxt += 1
    while run and run[-1].text == "-":
        run.pop()
    value = word_number([t.text for t in run])
    if value is None and tok.lower_ in _VAGUE and tok.tag_ in ("NNS", "JJ", "DT"):
        value = _VAGUE[tok.lower_]
    if value is None or value > 100000:
        return None
    # A range: the run goes on to its upper end (so it is read once), the value stays the lower one.
    end = run[-1].i + 1
    covered = run
    if end + 1 < len(doc) and doc[end].text in ("-", "to") and word_number([doc[end + 1].text]) is not None:
        covered = [*run, doc[end], doc[end + 1]]
    return value, run, covered


def _and_in_number(doc: Doc, i: int) -> bool:
    """'one hundred and four': an 'and' between a hundred or a thousand and the number words after it."""
    return (
        doc[i].lower_ == "and"
        and doc[i - 1].lower_ in ("hundred", "thousand")
        and i + 1 < len(doc)
        and doc[i + 1].lower_ in NUMBER_WORDS
    )


def _counted_noun(last: Token) -> Token:
    """The noun a number counts: '12 soldiers' -> soldiers; a bare number ('killing three') counts itself."""
    if last.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and last.head.i != last.i:
        return last.head
    return last


def _partitive(noun: Token) -> Token | None:
    """'two of the militants' -> militants; 'four of them' -> them."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


# --- what the number counts ---------------------------------------------------------------------------


def _state_after(noun: Token, last: Token) -> str | None:
    """'leaving two dead and 18 injured', 'seven killed and seventeen injured': the word right after."""
    end = max(noun.i, last.i) + 1
    doc = noun.doc
    if end >= len(doc):
        return None
    word = doc[end].lower_
    if word in STATE_DEAD:
        return "killed"
    if word in _STATE_HURT:
        return "injured"
    return None


def _verb_reading(noun: Token, head: Token) -> _Reading | None:
    """What `head` does to `noun` (its argument): kills, injures or nothing."""
    lem = head.lemma_.lower()
    dep = noun.dep_
    as_object = dep in ("dobj", "obj", "nsubjpass", "oprd") or (dep == "nsubj" and passive(head))
    if lem in _INJURING or head.lower_ in ("injured", "wounded"):
        return _Reading("injured", head) if as_object or dep in ("appos", "conj") else None
    if lem in KILLING:
        return _Reading("killed", head) if as_object or dep in ("appos", "conj", "attr") else None
    if lem in KILLING_WITH_DEAD and death_phrase_after(head):
        return _Reading("killed", head) if as_object else None
    if lem in DYING and dep == "nsubj":
        return None if accidental(head) else _Reading("killed", head)
    if lem == "lose" and any(c.lemma_.lower() == "life" for c in head.children):
        return _Reading("killed", head)
    if lem == "leave" or lem in ("be", "remain", "confirm", "find", "report", "declare", "pronounce", "feared"):
        # "left 14 personnel dead", "six people are confirmed dead", "were found dead", "were among the dead"
        for c in head.children:
            if c.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp", "dobj", "attr") and c.lower_ in STATE_DEAD:
                return _Reading("killed", head)
            if c.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp") and c.lower_ in _STATE_HURT:
                return _Reading("injured", head)
            if lem == "be" and c.dep_ == "prep" and c.lower_ == "among":
                if any(o.lower_ in STATE_DEAD or o.lemma_.lower() in ("victim", "fatality") for o in c.children):
                    return _Reading("killed", head)
    if as_object or dep == "nsubj":
        # "were ambushed and killed": the victims hang on the first verb.
        for conj in head.conjuncts:
            if conj.i > head.i and not any(c.dep_.startswith("nsubj") for c in conj.children):
                reading = _verb_reading(noun, conj) if conj.lemma_.lower() not in DYING else None
                if reading is not None:
                    return _Reading(reading.kind, conj)
    return None


def _of_death_noun(noun: Token) -> _Reading | None:
    """'the bodies of four farmers', 'the deaths of 12 soldiers', 'claimed the lives of 34 people'."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.i == noun.head.i:
        return None
    owner = noun.head.head
    lem = owner.lemma_.lower()
    if lem in DEATH_NOUNS:
        return _Reading("killed", owner.head if owner.head.pos_ in ("VERB", "AUX") else None)
    if lem == "life" and owner.head.lemma_.lower() in ("claim", "take", "cost", "lose"):
        return _Reading("killed", owner.head)
    return None


def _toll_reading(num: Token, noun: Token) -> _Reading | None:
    """The incident's toll as such: 'the death toll rose to 30', 'police put the toll at seven', 'the toll
    is 33', 'a death toll of 30', 'the number of people killed has risen to 24', 'the toll reached 40'."""
    x = noun if noun.i != num.i and noun.dep_ == "pobj" else num
    sent = num.sent
    deathly = any(t.lemma_.lower() in ("death", "dead", "kill", "fatality", "die", "body") for t in sent)
    hurt_words = INJURY_WORDS | {"injury", "casualty"}

    def kind_in(tokens: list[Token]) -> str | None:
        lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
        if not lemmas & TOLL_NOUNS:
            return None
        death = lemmas & {"death", "dead", "kill", "fatality", "die", "body", "toll"}
        if lemmas & hurt_words and not death - {"toll"}:
            return "injured"
        if death or (deathly and not lemmas & hurt_words):
            return "killed"
        return None

    verb: Token | None = None
    if x.dep_ == "pobj" and x.head.lower_ in ("to", "at") and x.head.head.lemma_.lower() in _TOLL_VERBS:
        verb = x.head.head
    elif x.dep_ == "pobj" and x.head.lower_ == "to" and x.head.head.lower_ in ("down", "up"):
        # "revised the death toll down to 17": the parser hangs "to" on the particle
        verb = x.head.head.head if x.head.head.head.lemma_.lower() in _TOLL_VERBS else None
    elif x.dep_ in ("dobj", "attr") and x.head.lemma_.lower() in _TOLL_VERBS | {"be"}:
        verb = x.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or not any(s.lemma_.lower() in TOLL_NOUNS for s in subjects):
            return None
    elif x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.lemma_.lower() in TOLL_NOUNS:
        owner = x.head.head
        kind = kind_in(list(owner.subtree))
        return _Reading(kind, owner.head if owner.head.pos_ in ("VERB", "AUX") else None, True) if kind else None
    if verb is None:
        return None
    # The toll's own clause: not a clause beside it ("put the toll at 132 and said dozens more were wounded").
    beside = {t.i for c in verb.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree}
    kind = kind_in([t for t in verb.subtree if t.i not in {s.i for s in x.subtree} and t.i not in beside])
    if kind is None:
        return None
    revised = (
        verb.lemma_.lower() in _REVISING
        or any(c.lower_ in _LATER for c in verb.children if c.dep_ in ("advmod", "npadvmod"))
        or any(c.dep_ == "prep" and c.lower_ == "by" and c.i < verb.i for c in verb.children)
    )
    return _Reading(kind, verb, True, revised)


def _walk_reading(noun: Token) -> _Reading | None:
    """Walk up from the counted noun to the verb or adjective that says what happened to it."""
    # "168 people it says were killed": the death word sits in a relative clause under the noun.
    for child in noun.children:
        if child.dep_ in ("relcl", "acl"):
            for d in child.subtree:
                lem = d.lemma_.lower()
                if lem in ("kill", "die", "slay") and d.i - child.i < 6:
                    return _Reading("killed", d)
                if lem in ("injure", "wound") and d.i - child.i < 6:
                    return _Reading("injured", d)
    cur = noun
    for _ in range(4):
        for child in cur.children:
            lem = child.lemma_.lower()
            if child.dep_ in ("acl", "relcl", "amod", "acomp") and (lem in INJURY_WORDS or child.lower_ in _STATE_HURT):
                return _Reading("injured", child)
            if child.dep_ in ("acl", "relcl", "amod", "acomp") and lem in ("kill", "dead", "die", "slay"):
                return _Reading("killed", child)
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ in ("dobj", "nsubjpass", "obj", "nsubj", "attr", "appos", "conj", "oprd"):
            reading = _verb_reading(cur, head)
            if reading is not None:
                return reading
            if head.lemma_.lower() == "claim" and any(c.lemma_.lower() == "life" for c in head.subtree):
                return _Reading("killed", head)
        if cur.dep_ in ("conj", "appos") or (cur.dep_ == "pobj" and head.lower_ in ("including", "among")):
            cur = head if cur.dep_ != "pobj" else head.head
            continue
        break
    return None


def _reading(num: Token, noun: Token, last: Token) -> _Reading | None:
    """How the text ties a number to deaths or injuries, most local evidence first."""
    toll = _toll_reading(num, noun)
    if toll is not None:
        return toll
    # "leaving two dead"; not a bare "several dead" (a headline's word for a toll the story gives exactly)
    exact = word_number([num.text]) is not None
    state = _state_after(noun, last) if exact else None
    if state is not None:
        return _Reading(state, _governing_verb(noun))
    lem = noun.lemma_.lower()
    if not exact and noun.lower_ in STATE_DEAD:
        return None
    if noun.i != last.i and lem in DEATH_NOUNS:
        return _Reading("killed", _governing_verb(noun))
    if noun.i != last.i and lem == "injury":
        return _Reading("injured", _governing_verb(noun))
    if lem == "life" and noun.head.lemma_.lower() in ("claim", "take", "cost", "lose"):
        return _Reading("killed", noun.head)
    of_death = _of_death_noun(noun)
    if of_death is not None:
        return of_death
    listed = _listed_among_dead(noun)
    if listed is not None:
        return listed
    return _walk_reading(noun)


def _listed_among_dead(noun: Token) -> _Reading | None:
    """'The dead included seven soldiers and four civilians', 'the dead were ...', 'The dead: 8 soldiers'."""
    cur = noun
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    head = cur.head
    if cur.dep_ == "appos" and names_the_dead(head):
        return _Reading("killed", _governing_verb(head))
    if (cur.dep_ == "dobj" and head.lemma_.lower() == "include") or (
        cur.dep_ == "attr" and head.lemma_.lower() == "be"
    ):
        if any(c.dep_ == "nsubj" and names_the_dead(c) for c in head.children):
            return _Reading("killed", head)
    return None


def _governing_verb(tok: Token) -> Token | None:
    for anc in islice(tok.ancestors, 5):
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


# --- what the figure is -------------------------------------------------------------------------------


def _is_part(num: Token, noun: Token) -> bool:
    """A count that itemises a toll: 'including two children', 'among them six policemen', 'four of them
    children', 'Among the dead were 16 students', 'the dead included seven soldiers', '19 people: 14 soldiers'."""
    part_of = _partitive(noun)
    if part_of is not None and part_of.lower_ in ("them", "whom", "those") and noun.dep_ not in (
        "nsubj", "nsubjpass", "dobj", "attr",
    ):  # fmt: skip
        return True  # "killing ten people, one of them a child" (not "killing seven of them")
    cur = noun
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    head = cur.head
    if cur.dep_ == "appos" and (
        head.pos_ == "NUM" or any(c.dep_ == "nummod" for c in head.children) or names_the_dead(head)
    ):
        return True  # "killed 19 people: 14 soldiers and five civilians", "The dead: 8 soldiers and ..."
    if after_breakdown_word(cur):
        return True  # the parser often hangs "among them two children" on the verb
    for prep in cur.children:
        if prep.dep_ == "prep" and prep.lower_ == "among":
            return True
    # "Among the dead were 16 students": the among-phrase names the dead, the count is part of them.
    verb = cur.head if cur.dep_ in ("nsubj", "attr", "nsubjpass") else None
    if verb is not None:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "among":
                if any(
                    o.lower_ in STATE_DEAD or o.lemma_.lower() in ("victim", "fatality", "casualty")
                    for o in prep.subtree
                ):
                    return True
    # Inside "among them ..." or "including ..." (not the subject of "the 17 dead included three children").
    child = cur
    for anc in islice(cur.ancestors, 3):
        if (anc.lower_ in ("including", "among") or anc.lemma_.lower() == "include") and child.dep_ not in (
            "nsubj", "nsubjpass",
        ):  # fmt: skip
            return True
        child = anc
    # "the dead were seven soldiers and four civilians"
    if cur.dep_ == "attr" and cur.head.lemma_.lower() == "be":
        if any(c.dep_ == "nsubj" and names_the_dead(c) for c in cur.head.children):
            return True
    return False


def _additive(num: Token, noun: Token) -> bool:
    """'two more soldiers', 'five other civilians', 'another three', 'were also killed', 'two of the wounded
    died' (not the hedge 'more than 20')."""
    words = [*noun.children, *num.children]
    for w in words:
        low = w.lower_
        if low in ("more", "other", "others") and w.i > num.i:
            return True
        if low in ("another", "additional", "further") or (
            low in ("more", "other") and w.dep_ == "amod" and w.i > num.i
        ):
            return True
    if noun.lower_ in ("more", "others") and noun.i > num.i:
        return True
    head = noun.head
    if any(c.lower_ == "also" for c in head.children):
        return True
    part_of = _partitive(noun)
    return part_of is not None and part_of.lower_ in _STATE_HURT


def _definitional(num: Token, noun: Token) -> bool:
    """'events where four or more people are killed': a threshold, not a toll."""
    doc = num.doc
    after = [t.lower_ for t in doc[num.i + 1 : num.i + 3]]
    if after[:2] not in (["or", "more"], ["or", "fewer"], ["or", "less"]):
        return False
    verb = _governing_verb(noun)
    return verb is None or verb.tag_ in ("VBP", "VBZ") or any(c.tag_ in ("VBP", "VBZ") for c in verb.children)


def _killed_or_wounded(noun: Token, reading: _Reading) -> bool:
    """'killed or wounded', 'dead or injured', 'wounded or killed': one figure for both, a count of casualties."""
    doc = noun.doc
    end = max(noun.i, reading.verb.i if reading.verb is not None else noun.i) + 4
    words = [t.lower_ for t in doc[noun.i + 1 : min(len(doc), end)]]
    for a, b, c in zip(words, words[1:], words[2:], strict=False):
        if b == "or" and {a, c} & STATE_DEAD and {a, c} & (_STATE_HURT | {"wounded", "injured", "hurt"}):
            return True
    return False


def _claimed(tok: Token) -> bool:
    """True when the number sits under a claim or boast ('claiming to have killed 65'), not under a claim of
    responsibility ('claimed responsibility for a bomb that killed four')."""
    for head in islice(tok.ancestors, 6):
        if head.lemma_.lower() in _CLAIMING:
            # "claimed the lives of 34 people": a death, not a claim
            return not any(c.lemma_.lower() in ("responsibility", "credit", "life") for c in head.children)
    return False


_EARLIER = {"earlier", "initial", "initially", "provisional", "preliminary", "previously", "original", "originally",
            "previous", "first"}  # fmt: skip


def _superseded(noun: Token, reading: _Reading, source: int | None) -> bool:
    """A figure the article says was given before ('an earlier count of 18', 'had earlier told parliament
    that 33 ...', 'a provisional toll of 21', 'police initially said 12', 'had put the toll at 101')."""
    doc = noun.doc
    holders = [noun, *noun.children]
    if reading.verb is not None:
        holders += [reading.verb, *(c for c in reading.verb.subtree if c.lemma_.lower() in TOLL_NOUNS)]
    if source is not None:
        holders.append(doc[source])
    for tok in holders:
        if any(c.lower_ in _EARLIER and c.dep_ in ("advmod", "amod", "npadvmod") for c in tok.children):
            return True
    # "the health department had put the toll at 101": a toll given before the story's time (a toll that
    # "had risen to 27" by then is the latest one, not an earlier one).
    verb = reading.verb
    return (
        reading.is_total
        and verb is not None
        and verb.lemma_.lower() not in _REVISING
        and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)
    )


def _source(tok: Token) -> int | None:
    """The reporting verb a figure hangs on ('residents said as many as 16 ...'), as a token index."""
    for anc in islice(tok.ancestors, 8):
        if anc.lemma_.lower() in _REPORTING and anc.pos_ in ("VERB", "AUX"):
            return anc.i
    return None


def counts_in(annotated: AnnotatedArticle, scope: tuple[int, ...]) -> tuple[tuple[Count, ...], tuple[Count, ...]]:
    """(killed, injured) counts stated in the tokens of `scope`, each with its role (see `Count`)."""
    doc = annotated.doc
    scope_set = set(scope)
    killed: list[Count] = []
    injured: list[Count] = []
    seen: set[int] = set()
    for i in scope:
        tok = doc[i]
        if i in seen or not (tok.like_num or tok.lower_ in NUMBER_WORDS or tok.lower_ in _VAGUE):
            continue
        if tok.lower_ in ("twin", "both", "one") and tok.dep_ != "nummod" and tok.head.lemma_.lower() not in KILL_WORDS:
            # "one of the guards", "left one dead and two wounded": a count; "one day", "the one" are not
            after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            if not (tok.lower_ == "one" and (_partitive(tok) is not None or after in STATE_DEAD | _STATE_HURT)):
                continue
        parsed = _number_value(tok)
        if parsed is None:
            continue
        value, run, covered = parsed
        seen.update(t.i for t in covered)
        if any(c.lower_ in NEGATIONS for c in tok.children):
            continue  # "no one was killed"
        last = covered[-1]
        noun = _counted_noun(last)
        if noun.i == last.i:
            # "one hundred and four people", "50-60 children": the noun may hang on another token of the number
            inside = {t.i for t in covered}
            noun = next((n for n in map(_counted_noun, reversed(covered)) if n.i not in inside), noun)
        if noun.i not in scope_set:
            noun = last
        of = _partitive(noun)
        who_tok = of if of is not None and of.pos_ in ("NOUN", "PROPN") else noun
        if noun.lemma_.lower() in ("casualty", "casualties") or who_tok.lemma_.lower() in NOT_PEOPLE:
            continue
        if noun.lemma_.lower() in NOT_PEOPLE:
            continue
        reading = _reading(run[-1], noun, last)
        if reading is None or _claimed(noun) or _definitional(last, noun):
            continue  # "claiming to have killed 65 soldiers": a boast, not a toll
        if _killed_or_wounded(noun, reading):
            continue  # "40 people were killed or wounded": casualties, not deaths (ACLED)
        if any(c.lower_ in _SEVERITY for c in noun.children):
            continue  # "wounded, two of them critically": the wounded, whatever verb the parser hangs them on
        if reading.verb is not None and reading.kind == "killed" and reading.verb.lemma_.lower() in DYING:
            if accidental(reading.verb):
                continue
        if reading.verb is not None and any(t.lemma_.lower() in ACCIDENTS for t in subject_phrase(reading.verb)[:1]):
            continue  # "the stampede resulted in 56 deaths", "the crash killed 12": not violence
        extent = reach(reading.verb, noun)
        # "bringing the total fatalities to 14": a total across the story's events ("the toll from the attack"
        # is the incident's own)
        running = extent == "running" or (
            reading.is_total
            and reading.verb is not None
            and reading.verb.lemma_.lower() == "bring"
            and not any(t.lemma_.lower() in ("toll", "tally") for t in reading.verb.subtree)
        )
        part = not reading.is_total and _is_part(tok, noun)
        additive = not reading.is_total and not part and _additive(last, noun)
        first = run[0]
        count_end = max(last.idx + len(last.text), noun.idx + len(noun.text))
        span = Span(first.idx, count_end, annotated.article.text[first.idx : count_end])
        who = who_tok.lemma_.lower() if who_tok.i != last.i and who_tok.lower_ not in ("them", "whom") else None
        source = _source(noun)
        count = Count(
            value,
            reading.kind,
            span,
            reading.is_total,
            who,
            additive,
            running,
            reading.revised,
            part,
            source,
            shared=extent == "shared",
            superseded=_superseded(noun, reading, source),
            vague=word_number([t.text for t in run]) is None,
        )
        (killed if reading.kind == "killed" else injured).append(count)
    return _others_in_same_statement(killed), _others_in_same_statement(injured)


def _others_in_same_statement(counts: list[Count]) -> tuple[Count, ...]:
    """'killed eight people, and mortars ... killed six others': 'others' beside a figure of the same sentence
    and source add to it within the statement already; only 'three others died' told alone adds on top."""
    plain_sources = {c.source for c in counts if not c.additive and not c.part and not c.is_total}
    return tuple(
        replace(c, additive=False) if c.additive and c.who in ("other", "others") and c.source in plain_sources else c
        for c in counts
    )


def numbers(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Attach killed and injured counts to every mention."""
    out = []
    for m in mentions:
        killed, injured = counts_in(annotated, m.scope)
        # Named and described victims add to the numbers ("the driver and at least 3 other people").
        violent = any(c.kind != "kill" for c in m.cues)
        killed = killed + implicit_counts(annotated, m.scope, violent)
        out.append(replace(m, killed=killed, injured=injured))
    return tuple(out)
