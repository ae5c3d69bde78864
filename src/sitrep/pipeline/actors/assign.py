"""The actors stage: actor1, actor2, associated actors, claimant and victims of every mention."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep import countries
from sitrep.model import ActorRef, Mention
from sitrep.pipeline.actors.claims import lend_claims
from sitrep.pipeline.actors.names import dictionary_hit, generic_kind, generic_name, resolve_phrase
from sitrep.pipeline.actors.roles import (
    NOT_DOER_VERBS,
    STATIVE_VERBS,
    attacker_first,
    cue_tokens,
    not_doers,
    refers_back,
    roles_of,
    source_tokens,
    through_antecedent,
    victims_of,
)
from sitrep.text.annotate import AnnotatedArticle

if TYPE_CHECKING:
    pass

__all__ = [
    "actors",
]


def _assign(annotated: AnnotatedArticle, mention: Mention) -> Mention:
    doc = annotated.doc
    agents: list[ActorRef] = []
    patients: list[ActorRef] = []
    event_cues = cue_tokens(
        doc,
        mention,
        {"weapon", "attack", "battle", "territory", "vac", "kill", "riot", "mob", "protest", "intervention", "sd"},
    )
    scope = set(mention.scope)
    sources = source_tokens(doc, scope)
    for cue in event_cues:
        a_heads, p_heads = roles_of(cue)
        for h in a_heads:
            if h.i not in scope:
                continue
            if refers_back(h):
                if (ref := through_antecedent(h, resolve_phrase(h))) is not None:
                    agents.append(ref)
            elif h.i not in sources and (ref := resolve_phrase(h)):
                agents.append(ref)
        for h in p_heads:
            if h.i in scope and (ref := resolve_phrase(h)):
                patients.append(ref)
    agents, patients = attacker_first(doc, mention, agents, patients)
    if any(c.kind == "battle" for c in mention.cues):
        # "Fighting between X and Y killed 20 people": the other side is actor2, the dead are victims
        patients.sort(key=lambda p: generic_kind(p) == "civilians")
    victims = victims_of(doc, mention)
    # Names read off the sentence when its parse gave no doer: never the teller, the blamed, or a name in a
    # target's or a place's position.
    blocked = sources | not_doers(doc, scope)
    if not agents:
        # A named armed group in a doer's position is the likeliest doer, unless it is the one being hit.
        text = " ".join(doc[i].text for i in mention.scope if i not in blocked)
        hit = dictionary_hit(text)
        if hit and not any(p.name == hit[0] for p in patients + victims):
            agents.append(
                ActorRef(hit[0], hit[1], countries.find(hit[2]) if hit[2] else None, None, hit[0], "dictionary")
            )
    if not agents and event_cues:
        # The parse lost the subject ("..., on the outskirts of Mrauk-U Town, Myanmar troops detained"): an
        # armed or state force named before the first event word is the doer.
        first = min(t.i for t in event_cues)
        hit_names = {p.name for p in patients + victims}
        for tok in (doc[i] for i in mention.scope if i < first and i not in blocked):
            if (
                tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ not in ("compound", "amod", "poss", "pobj")
                and not (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in NOT_DOER_VERBS | STATIVE_VERBS)
                and (ref := resolve_phrase(tok))
            ):
                if (
                    ref.inter in (1, 2, 3, 4, 8)
                    and ref.name not in hit_names
                    and ref.basis in ("generic", "dictionary")
                ):
                    agents.append(ref)
                    break
    violent = any(c.kind in ("attack", "weapon", "vac", "battle", "kill", "territory") for c in mention.cues)
    protest = any(c.label in ("protest", "riot", "mob", "intervention") for c in mention.cues)
    if violent and not protest:
        # "two men on a motorcycle executed two young men": people who do violence are an armed group.
        agents = [
            replace(a, name=generic_name("armed", a.country), inter=2, basis="converted")
            if generic_kind(a) == "civilians"
            else a
            for a in agents
        ]
    # Prefer a named group, then a generic actor whose country the text gives ("the Indian offensive" over
    # "the Army"); sorted() keeps text order among equals.
    agents = sorted(agents, key=lambda a: 0 if generic_kind(a) is None else 1 if a.country else 2)
    # The grammatical doer stays actor1 here ("police beat protesters": the police), so that classify can
    # tell a protest met with force from a riot; merge applies ACLED's convention of naming demonstrators
    # first. A crowd named only by the protest word itself is the doer when no one else is.
    crowd_words = [
        ref
        for tok in cue_tokens(doc, mention, {"protest", "riot", "mob"})
        if tok.pos_ == "NOUN" and (ref := resolve_phrase(tok))
    ]
    crowd = next((a for a in patients + victims + crowd_words if a.inter in (5, 6)), None)
    actor1 = agents[0] if agents else crowd
    if crowd is not None and actor1 is not crowd and all(p.name != crowd.name for p in patients):
        patients.append(crowd)
    actor2 = next((p for p in patients + victims if actor1 is None or p.name != actor1.name), None)
    assoc1 = tuple(a for a in agents[1:] if actor1 is None or a.name != actor1.name)
    return replace(
        mention,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=tuple({a.name: a for a in assoc1}.values()),
        victims=tuple(victims),
    )


def actors(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Fill actor1, actor2, associated actors, claimant and victims of every mention."""
    return tuple(lend_claims(annotated, [_assign(annotated, m) for m in mentions]))
