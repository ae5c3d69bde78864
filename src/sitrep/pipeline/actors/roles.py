"""Who did it and who was hit around one cue, and who only tells of it.

Agents and patients from the dependency parse ("X attacked Y", "the Indian offensive", "killed by X"); the
subject of a reporting verb, "according to X", and whoever blames or suspects someone are sources, never doers;
a phrase in a target's place is no doer either.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep import countries
from sitrep.model import ActorRef, Mention
from sitrep.pipeline.actors.names import (
    AGENT_DEPS,
    ARMED,
    BODY_NOUNS,
    KIND_INTER,
    PATIENT_DEPS,
    PRONOUNS,
    REPORTING_VERBS,
    dictionary_hit,
    generic_kind,
    generic_name,
    made_by,
    resolve_phrase,
)
from sitrep.text.lexicon import cue_heads, match_cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "BLAME_VERBS",
    "NOT_DOER_VERBS",
    "STATIVE_VERBS",
    "SUSPECT_VERBS",
    "attacker_first",
    "cue_tokens",
    "is_event_word",
    "not_doers",
    "refers_back",
    "roles_of",
    "source_tokens",
    "speaker_side",
    "speaking_subject",
    "subject_of",
    "through_antecedent",
    "victims_of",
]

# Words for dying: their subject is who died, never who killed ("More than 2,000 troops have died").
_DIE = {"die", "perish", "succumb", "dead"}
# Verbs whose subject tells of, blames, sees, suffers or causes an event named as their object: it did not do
# it ("The agency attributed the attack to the Taleban", "The town suffered an air strike").
# An accusation by a party is no finding of who did it ("Washington blamed Iran"); a suspicion the story
# reports is ("Taliban militants are suspected"), and is read by the claims module.
BLAME_VERBS = {"blame", "accuse", "allege", "link", "tie", "connect"}
SUSPECT_VERBS = {"suspect", "believe", "think", "attribute"}
NOT_DOER_VERBS = (
    REPORTING_VERBS
    | BLAME_VERBS
    | SUSPECT_VERBS
    | {
        "see", "witness", "hear", "watch", "film", "record", "describe", "call", "term", "label", "investigate",
        "probe", "survive", "escape", "suffer", "face", "experience", "recall", "remember", "follow", "mark",
        "cause", "provoke", "trigger", "prompt", "spark", "condemn", "denounce", "criticise", "criticize",
        "protest", "cover", "document", "verify", "find", "discover", "recover", "deny", "reject", "mourn",
    }
) - {"claim", "admit"}  # fmt: skip
# Verbs of being and staying: their subject is where the story stands, not who acted ("Fuad was inside the
# mosque when the bombs exploded").
STATIVE_VERBS = {"be", "remain", "stay", "live", "have", "seem", "appear", "become", "sit", "lie", "work"}
# Verbs that put an event in motion: "India launched an operation targeting X" makes India its doer.
_LAUNCH = {
    "launch", "conduct", "carry", "mount", "stage", "begin", "start", "continue", "intensify", "step", "unleash",
    "wage", "lead", "order", "use", "open", "escalate", "resume", "execute", "perpetrate",
}  # fmt: skip
# Nouns of an event that kills or takes someone: their possessor is who suffered it ("Nabil's killing").
_VICTIM_NOUNS = {"killing", "murder", "death", "assassination", "abduction", "kidnapping", "execution", "arrest"}
_FIGHT_NOUNS = {"clash", "clashes", "fighting", "fight", "battle", "gunfight", "firefight", "skirmish", "exchange"}
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "appos", "conj", "attr", "compound"}
_SIDE_WORDS = {"terror", "military", "army", "police", "government", "regime", "security", "coalition", "navy"}


def _nominal(cue: Token) -> bool:
    """A cue used as a noun: 'Russian shelling killed four' (tagged VERB, yet the subject of 'killed')."""
    if cue.pos_ in ("NOUN", "PROPN"):
        return True
    if cue.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in cue.children):
        return False
    # a verb takes no adjective or article: "Nigerian shelling killed nine" is a noun, however it is tagged
    return cue.dep_ in _NOMINAL_DEPS or any(c.dep_ in ("amod", "det", "poss") for c in cue.children)


def _side_modifier(tok: Token) -> bool:
    """A modifier that names who acts: 'the Indian offensive', 'a police raid', 'the TTP attack'."""
    if tok.dep_ not in ("compound", "amod") or made_by(tok):
        return False
    return (
        tok.ent_type_ in ("NORP", "ORG", "GPE")
        or tok.lower_ in _SIDE_WORDS
        or tok.lemma_.lower() in ARMED
        or (tok.pos_ in ("PROPN", "ADJ") and countries.find(tok.text) is not None)
    )


def roles_of(cue: Token) -> tuple[list[Token], list[Token]]:
    """Agent and patient heads around one cue token."""
    agents: list[Token] = []
    patients: list[Token] = []
    if cue.dep_ == "compound" and cue.head.pos_ in ("NOUN", "PROPN"):
        cue = cue.head  # "grenade launchers", "mortar shells": the roles hang on the whole noun
    if cue.lemma_.lower() in ("come", "be", "remain"):
        # "came under fire", "were under attack": the roles hang on what they came under
        cue = next((g for p in cue.children if p.lower_ == "under" for g in p.children if g.dep_ == "pobj"), cue)
    lemma = cue.lemma_.lower()
    if not _nominal(cue) and cue.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
        for c in cue.children:
            if c.dep_ in AGENT_DEPS and not passive:
                (patients if lemma in _DIE else agents).append(c)
            elif c.dep_ in PATIENT_DEPS:
                patients.append(c)
            elif c.dep_ == "agent":
                agents.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
                patients.extend(g for g in c.children if g.dep_ == "pobj")
        head = cue.head
        if (
            not agents
            and lemma not in _DIE
            and cue.dep_ in ("conj", "xcomp", "advcl")
            and head.pos_ == "VERB"
            and head.lemma_.lower() not in NOT_DOER_VERBS
        ):
            if any(p.lower_ == "under" for p in head.children):
                # "troops came under fire from X, killing three": the one the fire came from
                agents.extend(roles_of(head)[0])
            elif not any(c.dep_ == "nsubjpass" for c in head.children):
                agents.extend(c for c in head.children if c.dep_ in AGENT_DEPS)
        if not agents and not passive and lemma not in _DIE and cue.dep_ in ("acl", "relcl"):
            # "a campaign targeting X" / "India launched an operation targeting X": the doer is the one who
            # launched what the participle describes.
            agents.extend(_inherited_agents(cue))
        return agents, patients
    for c in cue.children:
        if c.dep_ == "poss":
            # "the BLA's attack": the doer; "Nabil's killing": who was killed
            ref = resolve_phrase(c)
            if lemma in _VICTIM_NOUNS and (ref is None or (ref.basis != "dictionary" and generic_kind(ref) is None)):
                patients.append(c)  # "Nabil's murder": a name we do not know, whose killing it was
            elif ref is not None and generic_kind(ref) != "civilians":
                agents.append(c)
            elif lemma in _VICTIM_NOUNS:
                patients.append(c)
        elif _side_modifier(c):
            agents.append(c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            # "an attack by X", "fire from X": where the fire came from is who fired
            agents.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("on", "against"):
            patients.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("between", "among") and lemma in _FIGHT_NOUNS:
            # "fighting between the Islamic Courts and the warlords' alliance": the first side, then the other
            for g in (g for g in c.children if g.dep_ == "pobj"):
                agents.append(g)
                patients.extend(x for x in g.conjuncts if x.i > g.i)
        elif c.dep_ == "prep" and c.lower_ == "with" and lemma in _FIGHT_NOUNS:
            sides = [g for g in c.children if g.dep_ == "pobj"]
            killed = cue.head.head if cue.dep_ == "pobj" and cue.head.lower_ in ("in", "during") else None
            if killed is not None and (
                killed.lemma_.lower() in _DIE or any(k.dep_ == "nsubjpass" for k in killed.children)
            ):
                # "17 insurgents were killed in clashes with security troops", "rebels died during fighting with
                # troops": the other side did the killing
                agents.extend(sides)
            else:
                patients.extend(sides)
    verb = cue.head
    verb_lemma = verb.lemma_.lower()
    if cue.dep_ in ("dobj", "obj") and verb.pos_ == "VERB":
        if verb_lemma == "attribute":
            # "attributed the attack to the Taleban": who the story says did it
            agents.extend(g for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children)
        elif verb_lemma not in NOT_DOER_VERBS:
            agents.extend(c for c in verb.children if c.dep_ in AGENT_DEPS)
        patients.extend(
            c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for c in c.children if c.dep_ == "pobj"
        )
    elif cue.dep_ in ("nsubj",) and verb.pos_ == "VERB":
        patients.extend(c for c in verb.children if c.dep_ in ("dobj", "obj"))
    elif cue.dep_ == "nsubjpass" and verb.pos_ == "VERB":
        for c in verb.children:
            if c.dep_ == "agent":
                agents.extend(g for g in c.children if g.dep_ == "pobj")
    elif cue.dep_ == "pobj" and verb.lower_ == "under" and verb.head.pos_ in ("VERB", "AUX"):
        # "troops came under fire from X", "the convoy was under attack by X": the subject is the one hit, and the
        # one the fire came from may hang on the verb
        holder = verb.head
        patients.extend(c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass"))
        agents.extend(
            g
            for p in holder.children
            if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
            for g in p.children
            if g.dep_ == "pobj"
        )
    elif cue.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lemma_.lower() in ("target", "victim"):
        # "Bhutto was the target of a bombing": the one the bombing was aimed at
        holder = verb.head
        if holder.dep_ in ("attr", "dobj") and holder.head.pos_ in ("VERB", "AUX"):
            patients.extend(c for c in holder.head.children if c.dep_ == "nsubj")
    return agents, patients


def _inherited_agents(tok: Token) -> list[Token]:
    """Subject of the nearest active verb above `tok` through noun attachments (at most four steps), when that
    verb puts an event in motion ("launched an operation targeting X") or is itself an event word."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in ("acl", "relcl", "appos", "dobj", "pobj", "prep", "obj"):
            return []
        cur = cur.head
        if cur.pos_ == "VERB":
            if any(c.dep_ == "nsubjpass" for c in cur.children):
                return []
            if cur.lemma_.lower() not in _LAUNCH and not is_event_word(cur):
                return []  # "Police found the bodies of men who had been shot": the finders shot no one
            return [c for c in cur.children if c.dep_ in AGENT_DEPS]
    return []


def is_event_word(tok: Token, kinds: frozenset[str] | set[str] | None = None) -> bool:
    """Whether the token is a cue of an event (of one of `kinds`, default any violent, crowd or arrest event)."""
    return any(c.kind in (kinds or _EVENT_KINDS) for c in match_cues([tok]))


_EVENT_KINDS = {"weapon", "attack", "battle", "territory", "vac", "kill", "riot", "mob", "protest", "sd"}


_DEFENSIVE = {"repel", "repulse", "foil", "thwart", "fend", "beat", "push", "resist", "counter"}


def attacker_first(
    doc: Doc, mention: Mention, agents: list[ActorRef], patients: list[ActorRef]
) -> tuple[list[ActorRef], list[ActorRef]]:
    """'Afghan forces repulsed a Taliban attack': the Taliban attacked (actor1), the forces were attacked.

    ACLED names the side that started the fighting first; a defensive verb puts it in the object.
    """
    for i in mention.scope:
        verb = doc[i]
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DEFENSIVE:
            continue
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            if obj.lemma_.lower() not in ("attack", "assault", "offensive", "raid", "advance", "incursion"):
                continue
            owners = [c for c in obj.children if c.dep_ in ("poss", "compound", "amod")]
            owners += [g for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "of") for g in c.children]
            for owner in owners:
                ref = resolve_phrase(owner)
                if ref is not None and ref.inter in (1, 2, 3, 4, 8):
                    defenders = [a for a in agents if a.name != ref.name]
                    return [ref], defenders + [p for p in patients if p.name != ref.name]
    return agents, patients


# Who a spokesman or official speaks for: "Houthi military spokesman Yahya Sarea", "a spokesperson for the
# police", "the army's media wing".
_SPEAKERS = {
    "spokesman", "spokesperson", "spokeswoman", "official", "officials", "commander", "leader", "chief", "head",
    "representative", "statement", "wing", "office", "ministry", "source", "sources", "channel", "agency",
    # "a man identifying himself as a spokesman for X", "a caller who said he belonged to X"
    "man", "woman", "caller", "person", "individual", "someone", "member", "members",
}  # fmt: skip


def speaker_side(subject: Token) -> Token | None:
    """The body a speaker speaks for, as a token of the subject's phrase ('Houthi' in 'Houthi military spokesman
    Yahya Sarea'), or the subject itself when it names a body of its own ('The Turkish military', and 'The
    Houthis' that the parser took for a person)."""
    if subject.ent_type_ != "PERSON" and subject.lemma_.lower() not in _SPEAKERS:
        return subject
    doc = subject.doc
    start = subject.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == subject.i:
        start -= 1
    if dictionary_hit(doc[start : subject.i + 1].text):
        return subject  # "the jihadist movement Boko Haram": a group's own name that the parser took for a person's
    for tok in subject.subtree:
        if tok.i == subject.i or tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.dep_ == "appos":
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i != subject.i:
            continue  # "Baloch" in "the Baloch Liberation Army": the whole name is read at its head
        ref = resolve_phrase(tok)
        if ref is not None and generic_kind(ref) != "civilians" and (ref.basis != "kept" or tok.ent_type_ == "ORG"):
            return tok
    if subject.lemma_.lower() in _SPEAKERS:
        # "A man identifying himself as Karim, a spokesman for the BLA, claimed ...": whom the sentence says he
        # speaks for, wherever the parse hung it
        for tok in subject.sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of") and tok.head.head.lemma_.lower() in _SPEAKERS:
                ref = resolve_phrase(tok)
                if ref is not None and generic_kind(ref) is None and ref.inter != 7:
                    return tok
    own = resolve_phrase(subject)
    return subject if own is not None and generic_kind(own) != "civilians" else None


def subject_of(verb: Token, deps: tuple[str, ...] = ("nsubj",)) -> Token | None:
    """The verb's subject; a name before a stray word the parser also took for one ('The' in 'The
    Tehrik-e-Taliban Pakistan claimed', 'group' in 'the militant group Boko Haram was thought')."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    return next((c for pos in ("PROPN", "NOUN") for c in subjects if c.pos_ == pos), subjects[0] if subjects else None)


def speaking_subject(verb: Token) -> Token | None:
    """The subject of a reporting verb, or of the verb it hangs on ('The Taleban contacted Reuters, confirming
    that they were responsible')."""
    subject = subject_of(verb)
    cur = verb
    for _ in range(3):  # "a man ..., called reporters and claimed responsibility": up a chain of verbs
        if subject is not None or cur.dep_ not in ("advcl", "conj", "xcomp") or cur.head.pos_ not in ("VERB", "AUX"):
            break
        cur = cur.head
        subject = subject_of(cur)
    if subject is not None and subject.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
        subject = verb.head  # "the group, which claimed the attack": the group
    return subject


def _antecedent(pronoun: Token) -> Token | None:
    """'U.S. Africa Command said it had carried out three strikes': 'it' is the one who said so; in 'Houthi
    spokesman Yahya Sarea said the group fired missiles', the group is the Houthis he speaks for."""
    cur = pronoun
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.lemma_.lower() in REPORTING_VERBS and cur.pos_ == "VERB":
            subject = speaking_subject(cur)
            if subject is None or subject.lower_ in PRONOUNS:
                return None
            return speaker_side(subject)
    return None


def refers_back(head: Token) -> bool:
    """'it', 'they', 'its fighters', 'their forces', 'the group': a doer named only by reference to another."""
    if head.lower_ in PRONOUNS:
        return True
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in head.children):
        return True
    dets = [c.lower_ for c in head.children if c.dep_ == "det"]
    return (
        dets == ["the"]
        and head.lemma_.lower() in BODY_NOUNS
        and not any(c.dep_ in ("compound", "amod", "appos", "acl") for c in head.children)
    )


def through_antecedent(head: Token, own: ActorRef | None) -> ActorRef | None:
    """The doer a referring phrase stands for: the named group or state it refers back to ('its fighters' of
    the BLA), or its own reading with the antecedent's country ('its jets' of the Turkish military)."""
    found = _antecedent(head)
    ref = resolve_phrase(found) if found is not None else None
    if ref is None or generic_kind(ref) == "civilians":
        return own
    if own is None or generic_kind(ref) is None or head.lower_ in PRONOUNS:
        return ref
    if generic_kind(own) in ("military", "police", "armed") and own.country is None and ref.country:
        kind = generic_kind(ref) if generic_kind(ref) in ("military", "police") else generic_kind(own)
        assert kind is not None
        return replace(own, name=generic_name(kind, ref.country), country=ref.country, inter=KIND_INTER[kind])
    return own


def source_tokens(doc: Doc, scope: set[int]) -> set[int]:
    """Who tells the story, never its doer: the subject of a reporting verb ('police said'), 'according to X',
    'citing X', 'quoting X', and whoever blames or suspects someone; with the ones they blame or suspect
    ('Washington blamed Iran', 'police suspect the TTP was behind it': an accusation is not a deed)."""
    out: set[int] = set()
    for i in scope:
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in REPORTING_VERBS | BLAME_VERBS | SUSPECT_VERBS:
            for c in tok.children:
                if c.dep_ == "nsubj" or (lemma in BLAME_VERBS and c.dep_ in ("dobj", "ccomp")):
                    out.update(t.i for t in c.subtree)
        elif lemma in ("cite", "quote") and tok.pos_ == "VERB":
            out.update(t.i for c in tok.children if c.dep_ in ("dobj", "obj") for t in c.subtree)
        elif tok.lower_ == "according":
            out.update(t.i for c in tok.children if c.dep_ == "prep" for t in c.subtree)
    return out


# Arcs below which a phrase is hit, placed or talked of, not the doer (for the fallbacks that read names off a
# sentence whose parse gave no doer).
_NOT_DOER_ARCS = {"dobj", "obj", "nsubjpass", "attr", "dative", "oprd", "iobj"}
# Prepositions of a target or a recipient ("fired on Hezbollah positions", "help to NATO troops"); places
# ("in", "near") are left alone, as summaries often bury the doer in a long opening about the place.
_TARGET_PREPS = {"to", "on", "onto", "upon", "against", "at", "into", "toward", "towards", "for", "inside"}


def not_doers(doc: Doc, scope: set[int]) -> set[int]:
    """Tokens in a target's or recipient's position ("a compound giving help to NATO troops"), or in the
    subject of a verb of being or telling ("Fuad, a member of al-Shabaab, was inside the mosque")."""
    out: set[int] = set()
    for i in scope:
        cur = doc[i]
        while cur.head.i != cur.i:
            if (
                cur.dep_ in _NOT_DOER_ARCS
                or (cur.dep_ == "pobj" and cur.head.lower_ in _TARGET_PREPS)
                or (cur.dep_ == "nsubj" and cur.head.lemma_.lower() in STATIVE_VERBS | NOT_DOER_VERBS)
            ):
                out.add(i)
                break
            cur = cur.head
    return out


def cue_tokens(doc: Doc, mention: Mention, kinds: set[str] | None = None) -> list[Token]:
    return [tok for _, tok in cue_heads(doc, mention.cues, kinds)]


def victims_of(doc: Doc, mention: Mention) -> list[ActorRef]:
    """Who was killed or hurt: patients of kill/injure words in the mention's scope."""
    out = []
    scope = set(mention.scope)
    for tok in (doc[i] for i in mention.scope):
        if tok.lemma_.lower() not in (
            "kill",
            "injure",
            "wound",
            "die",
            "dead",
            "slay",
            "murder",
            "abduct",
            "kidnap",
            "hurt",
        ):
            continue
        heads: list[Token] = []
        if tok.lemma_.lower() in ("die", "dead"):
            heads = [c for c in tok.children if c.dep_ in ("nsubj",)]
            if tok.dep_ in ("acomp", "oprd", "amod", "ccomp", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
                heads += [c for c in tok.head.children if c.dep_ in ("dobj", "nsubj")]
        else:
            heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
            if tok.dep_ in ("acl", "relcl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
                heads.append(tok.head)
        for h in heads:
            if h.i in scope:
                ref = resolve_phrase(h)
                if ref:
                    out.append(ref)
    return out
