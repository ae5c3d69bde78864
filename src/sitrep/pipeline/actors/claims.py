"""Claims of responsibility, and statements of who did it or is suspected of it, lent to the events they speak of."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.model import ActorRef, Mention
from sitrep.pipeline.actors.names import (
    PRONOUNS,
    REPORTING_VERBS,
    generic_kind,
    kept_name,
    phrase_span,
    phrase_tokens,
    resolve_phrase,
)
from sitrep.pipeline.actors.roles import (
    BLAME_VERBS,
    SUSPECT_VERBS,
    is_event_word,
    refers_back,
    speaker_side,
    speaking_subject,
    subject_of,
)
from sitrep.text.annotate import AnnotatedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "lend_claims",
]

_CLAIM_NOUNS = {"responsibility", "credit"}
_CLAIMED_EVENTS = {
    "attack", "bombing", "blast", "explosion", "killing", "ambush", "assault", "raid", "strike", "kidnapping",
    "abduction", "shooting", "massacre", "murder", "assassination", "operation", "incident", "hijacking",
    "beheading", "bomb", "it",
}  # fmt: skip
# "has claimed previous attacks", "claimed similar bombings": the group's record, not this event's claim.
_RECORD_WORDS = {
    "previous", "past", "earlier", "similar", "other", "many", "several", "numerous", "dozens", "most", "some",
    "recent", "countless", "prior", "such", "more",
}  # fmt: skip
_ACTS = {"carry", "conduct", "stage", "launch", "execute", "perpetrate", "mount", "commit", "orchestrate"}
_MODALS = {"will", "would", "could", "may", "might", "should", "must", "can"}


def _negated(verb: Token) -> bool:
    """'did not claim', 'No group has claimed', 'may have carried out', 'denied that it was behind'."""
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in c.children if d.dep_ == "det"):
            return True
    return verb.head.lemma_.lower() in ("deny", "reject", "refute", "dismiss") and verb.dep_ == "ccomp"


def _claimed_object(obj: Token) -> bool:
    """'responsibility', 'the attack', 'the killings' (not 'previous attacks', 'attacks on the army')."""
    lemma = obj.lemma_.lower()
    if lemma not in _CLAIM_NOUNS and lemma not in _CLAIMED_EVENTS:
        return False
    mods = {c.lower_ for c in obj.children if c.dep_ in ("amod", "det", "quantmod", "nummod", "predet")}
    if mods & _RECORD_WORDS:
        return False
    return lemma in _CLAIM_NOUNS or obj.tag_ != "NNS" or bool(mods & {"the", "these", "those", "both", "all"})


def _claims_own_act(clause: Token) -> bool:
    """A reported clause in which the speaker says it did the deed: 'it was behind the killings', 'its
    fighters had carried out the attack', 'they were responsible for the attack', 'it attacked the convoy'."""
    if _negated(clause):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not refers_back(subject):
        return False
    if clause.lemma_.lower() == "be":
        return any(
            (c.dep_ == "acomp" and c.lower_ == "responsible") or (c.dep_ == "prep" and c.lower_ == "behind")
            for c in clause.children
        )
    # only a violent deed is claimed: "the sheriff said they arrested one man" claims nothing
    return clause.lemma_.lower() in _ACTS or is_event_word(clause, _VIOLENT_KINDS)


def _claim_subject(tok: Token) -> Token | None:
    """The subject of a claim of responsibility made by `tok`, if `tok` is the verb of one."""
    if tok.pos_ not in ("VERB", "AUX") or _negated(tok):
        return None
    lemma = tok.lemma_.lower()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if lemma == "claim":
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        objects += [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children]
        if not any(_claimed_object(o) for o in objects):
            return None
        if passive:  # "The attack was claimed by the TTP"
            return next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    elif lemma in ("take", "accept", "assume", "admit", "bear"):
        if not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _CLAIM_NOUNS for c in tok.children):
            return None
    elif lemma in REPORTING_VERBS:
        if not any(c.dep_ == "ccomp" and _claims_own_act(c) for c in tok.children):
            return None
    else:
        return None
    return speaking_subject(tok)


def _responsible(verb: Token) -> bool:
    """'was responsible (for the attack)', 'were behind the bombing'."""
    for c in verb.children:
        objects = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children]
        if c.dep_ == "acomp" and c.lower_ == "responsible":
            return not objects or any(o.lemma_.lower() in _CLAIMED_EVENTS for o in objects)
        if c.dep_ == "prep" and c.lower_ == "behind":
            return any(g.lemma_.lower() in _CLAIMED_EVENTS | {"this", "that"} for g in c.children)
    return False


# Who speaks for a side: an accusation by one of them is a claim against the enemy, no finding of who did it.
_PARTY_WORDS = {
    "official", "officials", "government", "authorities", "authority", "ministry", "minister", "president",
    "spokesman", "spokesperson", "spokeswoman", "army", "military", "police", "leader", "leaders", "commander",
    "regime", "administration", "governor", "state", "statement", "rebels", "militants", "insurgents",
}  # fmt: skip


def _bystander(teller: Token | None) -> bool:
    """A teller with no side in the fight ('residents', 'witnesses', 'a medical charity', 'rights groups'), whose
    blame a coder takes as the report of who did it; not a state, an official, a force or an armed group
    ('Washington blamed Iran', 'officials blamed the BLA')."""
    if teller is None or teller.lower_ in PRONOUNS or teller.ent_type_ in ("GPE", "NORP"):
        return False
    words = {t.lemma_.lower() for t in teller.subtree} | {t.lower_ for t in teller.subtree}
    if words & _PARTY_WORDS:
        return False
    ref = resolve_phrase(teller)
    return ref is None or (generic_kind(ref) in (None, "civilians") and ref.basis != "dictionary")


def _teller(verb: Token) -> Token | None:
    """Who blames: the verb's subject, or the teller of the report it is part of ('The network said the drone hit
    the market and blamed X', which the parser may hang on 'hit')."""
    subject = subject_of(verb)
    if subject is not None:
        return subject
    return next((subject_of(a) for a in verb.ancestors if a.lemma_.lower() in REPORTING_VERBS), None)


def _blamed(verb: Token) -> Token | None:
    """'blamed X for the attack', 'accused X of carrying it out', 'blamed the attack on X': X."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if obj is not None and obj.lemma_.lower() in _CLAIMED_EVENTS:
        on = [p for p in (*verb.children, *obj.children) if p.dep_ == "prep" and p.lower_ == "on"]
        return next((g for p in on for g in p.children if g.dep_ == "pobj"), None)
    return obj


def _suspect_subject(tok: Token) -> Token | None:
    """Who the story says did it or is suspected of it: 'Maoists were responsible', 'Boko Haram was thought to
    be responsible', 'Taliban militants are suspected', 'police suspect the TTP', 'residents blamed X'. Not an
    accusation by a party ('Washington blamed Iran'), a denial, or a pronoun (a speaker's own claim is read by
    `_claim_subject`)."""
    if tok.pos_ not in ("VERB", "AUX") or _negated(tok):
        return None
    if any(a.lemma_.lower() in BLAME_VERBS | {"deny", "reject", "refute"} for a in tok.ancestors):
        return None
    lemma = tok.lemma_.lower()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    subject: Token | None = None
    if lemma == "be" and _responsible(tok):
        subject = subject_of(tok)
    elif lemma in SUSPECT_VERBS and passive:
        subject = subject_of(tok, ("nsubjpass",))
    elif lemma == "suspect":
        subject = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    elif lemma in BLAME_VERBS and not passive and _bystander(_teller(tok)):
        subject = _blamed(tok)
    if subject is None or subject.lower_ in PRONOUNS or subject.lower_ in ("which", "who", "that"):
        return None
    return subject


def _claims(doc: Doc) -> list[tuple[int, int, ActorRef, bool]]:
    """(start, end of the sentence, actor, whether it claimed) for every claim of responsibility in the article,
    and every statement of who did it or is suspected of it.

    Only a named group claims ("the TTP claimed responsibility", "CODECO said it was behind the killings");
    a state telling of its own strike is its doer, not a claimant, and a blame or a denial claims nothing.
    """
    found: list[tuple[int, int, ActorRef, bool]] = []
    for sent in doc.sents:
        for tok in sent:
            subject = _claim_subject(tok)
            claimed = subject is not None
            if subject is None:
                subject = _suspect_subject(tok)
            if subject is None:
                continue
            side = speaker_side(subject)
            ref = resolve_phrase(side) if side is not None else None
            if ref is None and claimed and subject.ent_type_ == "PERSON" and subject.pos_ == "PROPN":
                # Groups claim attacks, people seldom do: a name the parser took for a person ("Jaish al-Adl
                # claimed responsibility") is a group we do not know, kept as written.
                toks = phrase_tokens(subject)
                ref = ActorRef(kept_name(toks, subject), 3, None, phrase_span(toks), phrase_span(toks).text, "kept")
            if ref is None or generic_kind(ref) is not None or ref.inter == 7 or _office_holder(ref):
                continue
            found.append((sent.start_char, sent.end_char, ref, claimed))
            break
    return found


# Titles of people who hold an office: "Prime Minister Keir Starmer said ...", "Sheriff Lee said ..." speak for
# a state or a town, and claim no attack.
_OFFICES = {
    "president", "minister", "prime", "premier", "chancellor", "sheriff", "governor", "mayor", "senator", "mp",
    "secretary", "king", "queen", "prince", "judge", "ambassador", "spokesman", "spokeswoman", "spokesperson",
}  # fmt: skip


def _office_holder(ref: ActorRef) -> bool:
    return ref.basis == "kept" and bool({w.lower().strip(".,") for w in (ref.surface or ref.name).split()} & _OFFICES)


_VIOLENT_KINDS = {"weapon", "attack", "vac", "battle", "kill", "territory"}


def lend_claims(annotated: AnnotatedArticle, mentions: list[Mention]) -> list[Mention]:
    """Give each claim to the events it speaks of: those told in its own sentence, and the last violent event
    told before it within two paragraphs ("Gunmen stormed a post ... . The BLA said it was behind the attack").
    ACLED names the claimant as the doer when the report itself names none or only "gunmen"; a group the
    story says did it, or suspects, is named so too, but it is no claimant."""
    out = list(mentions)
    for start, end, ref, claimed in _claims(annotated.doc):
        targets = {k for k, m in enumerate(out) if m.sentence.start < end and m.sentence.end > start}
        paragraph = annotated.paragraph_of(start)
        before = [
            k
            for k, m in enumerate(out)
            if m.sentence.end <= start
            and not (m.anaphoric or m.reference or m.aggregate)
            and any(c.kind in _VIOLENT_KINDS for c in m.cues)
            and paragraph - m.paragraph <= 2
        ]
        if before:
            last = out[before[-1]]
            targets |= {k for k in before if out[k].sentence.start == last.sentence.start}
        for k in sorted(targets):
            m = out[k]
            actor1 = m.actor1
            if actor1 is None or generic_kind(actor1) in ("armed", "civilians"):
                actor1 = ref
            claimant = m.claimed_by or (ref if claimed else None)
            out[k] = replace(m, claimed_by=claimant, actor1=actor1)
    return out
