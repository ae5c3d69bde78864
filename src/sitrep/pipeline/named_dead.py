"""People killed without a number, for the numbers stage: "killing a woman and her daughter" is two, "a
constable was killed", "killed Laxman Markam", "al-Muhandis, who was also killed" one each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.model import Count, Span
from sitrep.pipeline.death_words import (
    DEATH_NOUNS,
    DYING,
    EVENT_NOUNS,
    INJURY_WORDS,
    KILLING,
    KILLING_WITH_DEAD,
    NEGATIONS,
    NOT_PEOPLE,
    accidental,
    after_breakdown_word,
    death_phrase_after,
    names_the_dead,
    passive,
)
from sitrep.text.annotate import AnnotatedArticle

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["implicit_counts"]

_PERSON_WORDS = {
    "man", "woman", "boy", "girl", "child", "baby", "infant", "son", "daughter", "mother", "father", "wife",
    "husband", "brother", "sister", "soldier", "officer", "policeman", "policewoman", "constable", "guard",
    "civilian", "villager", "resident", "student", "teacher", "journalist", "worker", "driver", "farmer",
    "commander", "leader", "militant", "fighter", "attacker", "bomber", "gunman", "trader", "doctor", "nurse",
    "pilgrim", "tourist", "passenger", "worshipper", "imam", "priest", "chief", "official", "politician",
    "lawmaker", "judge", "lawyer", "activist", "protester", "demonstrator", "elder", "person", "engineer",
    "teenager", "youth", "neighbour", "neighbor", "friend", "relative", "cousin", "uncle", "aunt", "nephew",
    "niece", "grandfather", "grandmother", "sergeant", "lieutenant", "captain", "colonel", "general", "major",
    "corporal", "private", "headman", "councillor", "councilor", "mayor", "governor", "president", "minister",
    "agent", "patient", "parent", "adolescent", "guest", "groom", "bride", "monk", "nun", "pastor",
    "cleric", "sheikh", "chieftain", "ranger", "paramilitary", "conscript", "recruit", "volunteer", "medic",
    "paramedic", "photographer", "cameraman", "reporter", "editor", "shopkeeper", "vendor", "herder", "miner",
    "fisherman", "labourer", "laborer", "suspect", "prisoner", "detainee", "hostage", "captive", "migrant",
    "refugee", "worshiper", "bystander", "pedestrian", "motorist", "rider", "deputy", "spokesman", "aide",
}  # fmt: skip

_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "ant", "eer", "ee", "ier", "yer", "guard")

_NOT_A_PERSON = {
    "power", "order", "number", "matter", "water", "border", "center", "centre", "paper", "letter", "corner",
    "tower", "cluster", "chamber", "barrier", "shelter", "container", "computer", "danger", "anger", "fever",
    "hunger", "cancer", "river", "laser", "other", "rumour", "rumor", "motor", "sector", "factor", "error",
    "terror", "horror", "honour", "honor", "plant", "plan", "bid", "deal", "idea", "hope", "chance", "bill",
    "proposal", "project", "engine", "process", "momentum", "talk", "agreement", "motion", "vote", "story",
    "door", "floor", "mirror", "radar", "ledger", "poster", "banner", "trailer", "tanker", "carrier", "fighter jet",
}  # fmt: skip


def _is_one_person(noun: Token) -> bool:
    """A single named or described person: 'Laxman Markam', 'the driver', 'a local councillor', 'him'."""
    if any(c.dep_ == "nummod" for c in noun.children) or any(c.lower_ in NEGATIONS for c in noun.children):
        return False
    if noun.lower_ in ("him", "her", "himself", "herself"):
        return True
    if noun.ent_type_ == "PERSON" and noun.tag_ in ("NNP",):
        return True
    if noun.tag_ != "NN":
        return False
    lemma = noun.lemma_.lower()
    if lemma in _PERSON_WORDS:
        return True
    if lemma in _NOT_A_PERSON or lemma in NOT_PEOPLE or lemma in DEATH_NOUNS:
        return False
    return lemma.endswith(_PERSON_SUFFIXES)


def _np_start(noun: Token) -> int:
    """Character offset where a noun phrase starts, from its own modifiers only and never before a punctuation
    mark (a dateline the parser hung on the subject, "BELFAST, Northern Ireland - A journalist", stays out)."""
    first = noun.i
    for c in noun.children:
        if c.i < noun.i and c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "predet"):
            first = min(first, c.left_edge.i)
    doc = noun.doc
    for j in range(noun.i - 1, first - 1, -1):
        if (doc[j].is_punct and doc[j].text not in ("'", "-")) or (doc[j].text == "-" and doc[j].whitespace_):
            return doc[j + 1].idx
    return doc[first].idx


def _victims_of(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in deps]
    if not objects and verb.dep_ == "conj":
        # "shot and killed Imran Afridi": the object hangs on the first verb.
        objects = [c for c in verb.head.children if c.dep_ in deps]
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
        # "al-Muhandis, who was also killed": the relative pronoun stands for the noun the clause hangs on.
        objects = [verb.head if o.lower_ in ("who", "whom", "that") else o for o in objects]
    return [n for obj in objects for n in (obj, *obj.conjuncts)]


def implicit_counts(annotated: AnnotatedArticle, scope: tuple[int, ...], violent: bool = True) -> tuple[Count, ...]:
    """People killed without a number: "killing a woman and her daughter" is two, "a constable was killed",
    "killed Laxman Markam", "killing him" one each; "the dead included a judge and his driver" two (a part).

    Args:
        annotated: the article.
        scope: token indices of one mention.
        violent: whether the mention reports violence of its own; without it a death needs a violent cause
            ("has died" alone is news of a death, not of an attack).
    """
    doc = annotated.doc
    scope_set = set(scope)
    out: list[Count] = []
    text = annotated.article.text
    for i in scope:
        verb = doc[i]
        lemma = verb.lemma_.lower()
        part = False
        if (
            verb.pos_ == "VERB"
            and lemma == "include"
            and any(c.dep_ == "nsubj" and names_the_dead(c) for c in verb.children)
        ):
            deps: tuple[str, ...] = ("dobj",)
            part = True
        elif (
            verb.pos_ != "VERB"
            or lemma not in KILLING | KILLING_WITH_DEAD | DYING
            or (
                lemma in KILLING_WITH_DEAD
                and not death_phrase_after(verb)
                and not any(c.lemma_.lower() in KILLING for c in verb.conjuncts)
            )
        ):
            continue
        elif lemma in DYING:
            if accidental(verb) or not (violent or _violent_cause(verb)):
                continue
            deps = ("nsubj",)
        else:
            deps = ("dobj", "nsubjpass") if lemma not in KILLING_WITH_DEAD else ("dobj", "nsubjpass", "nsubj")
            if lemma in KILLING_WITH_DEAD and not passive(verb):
                deps = ("dobj",)
        people = [n for n in _victims_of(verb, deps) if n.i in scope_set and _is_one_person(n)]
        if part:
            # "Other victims included a judge and his driver": more victims, not a breakdown
            subject = next(c for c in verb.children if c.dep_ == "nsubj")
            additive = any(c.lower_ in ("other", "more") for c in subject.children)
            part = not additive
        else:
            additive = any(c.lower_ == "also" for c in verb.children)
        # "killing ten people, one of them a child", "among them the groom's father": named within a toll
        listed = [p for p in people if after_breakdown_word(p)]
        for group, is_part in ((listed, True), ([p for p in people if p not in listed], part)):
            if group:
                start = min(min(_np_start(p) for p in group), verb.idx)
                end = max(p.idx + len(p.text) for p in [*group, verb])
                span = Span(start, end, text[start:end])
                out.append(Count(len(group), "killed", span, False, group[0].lemma_.lower(), additive, part=is_part))
    return tuple(out)


def _violent_cause(verb: Token) -> bool:
    """'died of his wounds', 'died in the attack', 'died when the bomb went off'."""
    for c in verb.children:
        if c.dep_ == "prep" and any(
            t.lemma_.lower() in EVENT_NOUNS | INJURY_WORDS | {"bomb", "gunfire"} for t in c.subtree
        ):
            return True
        if c.dep_ == "advcl":
            return True
    return False
