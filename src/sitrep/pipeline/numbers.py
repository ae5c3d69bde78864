"""Stage 6, numbers: how many were killed and injured, as each mention states it.

A number counts as deaths only when the parse ties it to a death word ("killing all 12 soldiers",
"26 people were killed", "left 14 personnel dead", "the death toll rose to 30"). Running totals across
events ("bringing the total fatalities to 14") are marked `running` so they never add an event or deaths;
"two more" and "were also killed" are marked `additive`. Casualties are not deaths (ACLED).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from sitrep.model import Count, Mention, Span
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.lexicon import NUMBER_WORDS, word_number

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["numbers", "counts_in"]

KILL_WORDS = {
    "kill",
    "die",
    "dead",
    "slay",
    "murder",
    "behead",
    "execute",
    "massacre",
    "lose",
    "perish",
    "death",
    "fatality",
    "body",
    "claim",
    "shoot",
    "gun",
    "life",
}
INJURY_WORDS = {"injure", "wound", "hurt", "maim", "injury", "injured", "wounded"}
_TOTAL_WORDS = {"toll", "total", "tally", "overall", "cumulative"}
_RISE_WORDS = {"rise", "climb", "reach", "bring", "stand", "jump", "increase", "mount", "hit", "soar", "take"}
_VAGUE = {"several": 3, "some": 3, "few": 3, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "many": 3}
# Things that are counted near death words but are not people ("shot down 11 drones", "nine camps").
_NOT_PEOPLE = {
    "drone", "missile", "rocket", "shell", "bomb", "vehicle", "car", "truck", "house", "home", "building",
    "camp", "village", "town", "school", "tank", "aircraft", "plane", "jet", "helicopter", "weapon", "gun",
    "round", "mortar", "year", "day", "hour", "minute", "week", "month", "km", "kilometre", "kilometer", "mile",
    "percent", "site", "target", "position", "post", "checkpoint", "shop", "boat", "ship", "attack", "strike",
}  # fmt: skip
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_NEG_CONTEXT = {"no", "none", "nobody", "zero"}


def _number_value(tok: Token) -> tuple[int, list[Token]] | None:
    """Value of the number starting a run of number tokens (handles 'twenty - five', '1,200', 'a dozen')."""
    if tok.ent_type_ in _SKIP_ENTS:
        return None
    run = [tok]
    nxt = tok.i + 1
    doc = tok.doc
    while (
        nxt < len(doc)
        and (doc[nxt].like_num or doc[nxt].lower_ in NUMBER_WORDS or doc[nxt].text == "-")
        and doc[nxt].lower_ not in ("both", "twin")
    ):
        run.append(doc[nxt])
        nxt += 1
    while run and run[-1].text == "-":
        run.pop()
    value = word_number([t.text for t in run])
    if value is None and tok.lower_ in _VAGUE and tok.tag_ in ("NNS", "JJ", "DT"):
        value = _VAGUE[tok.lower_]
    if value is None or value > 100000:
        return None
    return value, run


def _kind_for(noun: Token, num: Token) -> tuple[str, bool, bool] | None:
    """('killed'|'injured', is_total, running) when the parse ties the counted noun to deaths or injuries."""
    sent = noun.sent
    lemmas_near = {t.lemma_.lower() for t in sent}
    # "the death toll rose to 30", "bringing the total fatalities to 14"
    if num.dep_ == "pobj" and num.head.lower_ in ("to", "at") and num.head.head.lemma_.lower() in _RISE_WORDS:
        verb = num.head.head
        words = {t.lemma_.lower() for t in verb.subtree}
        if words & _TOTAL_WORDS:
            running = verb.lemma_.lower() == "bring" or ("total" in words and "toll" not in words)
            kind = "injured" if words & INJURY_WORDS and not words & {"death", "dead", "fatality", "kill"} else "killed"
            return kind, True, running
    # "168 people it says were killed": the death word sits in a relative clause under the noun.
    for child in noun.children:
        if child.dep_ in ("relcl", "acl"):
            for d in child.subtree:
                if d.lemma_.lower() in ("kill", "die", "slay") and d.i - child.i < 6:
                    return "killed", False, False
                if d.lemma_.lower() in ("injure", "wound") and d.i - child.i < 6:
                    return "injured", False, False
    # Walk up from the counted noun to the nearest verb or adjective that says what happened to it.
    cur = noun
    for _ in range(3):
        for child in cur.children:
            lem = child.lemma_.lower()
            if child.dep_ in ("acl", "relcl", "amod", "acomp") and lem in INJURY_WORDS:
                return "injured", False, False
            if child.dep_ in ("acl", "relcl", "amod", "acomp") and lem in ("kill", "dead", "die", "slay"):
                return "killed", False, False
        head = cur.head
        lem = head.lemma_.lower()
        if cur.dep_ in ("dobj", "nsubjpass", "obj", "nsubj", "attr", "appos", "conj", "pobj") and head.i != cur.i:
            if lem in INJURY_WORDS or head.lower_ in ("injured", "wounded"):
                return "injured", False, False
            if lem in KILL_WORDS and lem not in ("claim", "life", "body", "shoot", "gun", "death", "fatality"):
                if lem == "lose" and "life" not in lemmas_near:
                    return None
                return "killed", False, False
            if lem in ("shoot", "gun") and any(c.lower_ in ("dead", "down") for c in head.children):
                return "killed", False, False
            if lem == "claim" and any(c.lemma_.lower() == "life" for c in head.subtree):
                return "killed", False, False
            if lem == "leave":
                for c in head.children:
                    if c.lemma_.lower() in ("dead", "kill"):
                        return "killed", False, False
                    if c.lower_ in ("injured", "wounded"):
                        return "injured", False, False
            if lem == "be" or lem == "among":
                for c in head.children:
                    if c.lower_ in ("dead", "killed"):
                        return "killed", False, False
        if cur.dep_ == "conj" or cur.dep_ == "appos" or (cur.dep_ == "pobj" and head.lower_ in ("including", "of")):
            cur = head
            continue
        break
    return None


def _breakdown(tok: Token) -> bool:
    """A count that itemises a toll: 'Among the dead were 16 students', 'those killed included 2 civilians'."""
    verb = tok.head if tok.dep_ in ("nsubj", "attr", "nsubjpass") else None
    parts = [*tok.children, *(verb.children if verb is not None else ())]
    for prep in parts:
        if prep.dep_ == "prep" and prep.lower_ == "among":
            return True  # "Among the dead were 16 students", "168 people ..., among them 40 children"
    if tok.dep_ == "appos" or any(c.lower_ == "among" for c in tok.children):
        return True
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        if cur.head.lemma_.lower() in ("include", "including") or cur.head.lower_ == "including":
            return True
        cur = cur.head
    return False


def _claimed(tok: Token) -> bool:
    """True when the number sits under a claim or boast ('claiming to have killed 65')."""
    return any(head.lemma_.lower() in ("claim", "boast", "allege") for head in islice(tok.ancestors, 6))


def counts_in(annotated: AnnotatedArticle, scope: tuple[int, ...]) -> tuple[tuple[Count, ...], tuple[Count, ...]]:
    """(killed, injured) counts stated in the tokens of `scope`."""
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
            continue
        parsed = _number_value(tok)
        if parsed is None:
            continue
        value, run = parsed
        seen.update(t.i for t in run)
        if any(c.lower_ in _NEG_CONTEXT for c in tok.children):
            continue  # "no one was killed"
        # The counted noun: "12 soldiers" -> soldiers; a bare number ("killing three") counts itself.
        tok = run[-1]
        noun = tok.head if tok.dep_ in ("nummod", "quantmod", "amod", "compound") else tok
        if noun.lemma_.lower() in ("casualty", "casualties") or noun.lemma_.lower() in _NOT_PEOPLE:
            continue
        if noun.i not in scope_set:
            noun = tok
        kind = _kind_for(noun, run[-1])
        if kind is None:
            continue
        label, is_total, running = kind
        additive = any(
            c.lower_ in ("more", "other", "additional", "further") for c in [*noun.children, *tok.children]
        ) or any(c.lower_ == "also" for c in noun.head.children)
        if _claimed(noun):
            continue  # "claiming to have killed 65 soldiers": a boast, not a toll
        if _breakdown(noun):
            continue  # "among the dead were 16 students", "including two children": part of a toll told already
        first, last = run[0], run[-1]
        count_end = max(last.idx + len(last.text), noun.idx + len(noun.text))
        span = Span(first.idx, count_end, annotated.article.text[first.idx : count_end])
        who = noun.lemma_.lower() if noun.i != tok.i else None
        count = Count(value, label, span, is_total, who, additive, running)
        (killed if label == "killed" else injured).append(count)
    return tuple(killed), tuple(injured)


_PERSON_WORDS = {
    "man", "woman", "boy", "girl", "child", "baby", "infant", "son", "daughter", "mother", "father", "wife",
    "husband", "brother", "sister", "soldier", "officer", "policeman", "policewoman", "constable", "guard",
    "civilian", "villager", "resident", "student", "teacher", "journalist", "worker", "driver", "farmer",
    "commander", "leader", "militant", "fighter", "attacker", "bomber", "gunman", "trader", "doctor", "nurse",
    "pilgrim", "tourist", "passenger", "worshipper", "imam", "priest", "chief", "official", "politician",
    "lawmaker", "judge", "lawyer", "activist", "protester", "demonstrator", "elder", "person", "engineer",
}  # fmt: skip
_KILL_VERBS = {"kill", "slay", "murder", "behead", "execute", "assassinate", "shoot", "lynch", "stab"}
_DIE_VERBS = {"die", "perish", "succumb"}


def _is_one_person(noun: Token) -> bool:
    """A single named or described person: 'Laxman Markam', 'the driver', 'a police officer', 'him'."""
    if any(c.dep_ == "nummod" for c in noun.children) or any(c.lower_ in _NEG_CONTEXT for c in noun.children):
        return False
    if noun.lower_ in ("him", "her"):
        return True
    if noun.ent_type_ == "PERSON" and noun.tag_ in ("NNP",):
        return True
    return noun.tag_ == "NN" and noun.lemma_.lower() in _PERSON_WORDS


def implicit_counts(annotated: AnnotatedArticle, scope: tuple[int, ...]) -> tuple[Count, ...]:
    """People killed without a number: "killing a woman and her daughter" is two, "a constable was killed",
    "killed Laxman Markam", "killing him" one each."""
    doc = annotated.doc
    scope_set = set(scope)
    out: list[Count] = []
    for i in scope:
        verb = doc[i]
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in _KILL_VERBS | _DIE_VERBS:
            continue
        if (
            lemma in ("shoot", "stab")
            and not any(c.lower_ == "dead" for c in verb.children)
            and not any(c.lemma_.lower() == "kill" for c in verb.conjuncts)
        ):
            continue
        deps = ("nsubj",) if lemma in _DIE_VERBS else ("dobj", "nsubjpass")
        objects = [c for c in verb.children if c.dep_ in deps]
        if not objects and verb.dep_ == "conj" and lemma == "kill":
            # "shot and killed Imran Afridi": the object hangs on the first verb.
            objects = [c for c in verb.head.children if c.dep_ in deps]
        people = []
        for obj in objects:
            for noun in (obj, *obj.conjuncts):
                if noun.i in scope_set and _is_one_person(noun):
                    people.append(noun)
        if people:
            start = min(min(t.left_edge.idx for t in people), verb.idx)
            end = max(p.idx + len(p.text) for p in people + [verb])
            span = Span(start, end, annotated.article.text[start:end])
            out.append(Count(len(people), "killed", span, False, people[0].lemma_.lower()))
    return tuple(out)


def numbers(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Attach killed and injured counts to every mention."""
    out = []
    for m in mentions:
        killed, injured = counts_in(annotated, m.scope)
        # Named and described victims add to the numbers ("the driver and at least 3 other people").
        killed = killed + implicit_counts(annotated, m.scope)
        out.append(replace(m, killed=killed, injured=injured))
    return tuple(out)
