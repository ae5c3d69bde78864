"""Stage 2, detect: find the sentences (and parts of sentences) that report an event.

A mention is a scope of tokens holding at least one event cue from the lexicon. Scopes are whole sentences,
except that a prepositional reference to another event ("in response to the April 22 attack", "a day after
the twin offensives", "within hours of the strikes") becomes a scope of its own: it reports a different event
from the main clause.

Cues under a reporting frame that makes them not-an-event (threats, vows, denials, condemnations,
hypotheticals, anniversaries, negations) are dropped here, so no later stage can turn them into events.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from sitrep.model import Cue, Mention, Span
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.lexicon import match_cues, word_number

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["detect", "EVENT_CUE_KINDS"]

# Cue kinds that can make a mention on their own; "kill" needs a victim, "claim" never does.
EVENT_CUE_KINDS = {"weapon", "attack", "battle", "territory", "vac", "protest", "riot", "mob", "sd", "intervention"}

# A cue governed by one of these is talked about, not reported as having happened.
_NOT_EVENT_GOVERNORS = {
    "threaten", "vow", "warn", "plan", "plot", "pledge", "promise", "deny", "reject", "condemn", "denounce",
    "justify", "commemorate", "mark", "mourn", "remember", "fear", "urge", "demand", "prepare", "intend",
    "aim", "want", "prevent", "avoid", "deter", "call", "rule", "dismiss", "refute", "celebrate", "hail",
    "discuss", "consider", "propose", "anticipate", "expect", "risk", "escalate", "oppose", "order",
    "instruct", "authorize", "authorise", "encourage", "direct", "train",
}  # fmt: skip
_RELEASES = {"free", "release", "rescue", "liberate", "recover", "return"}
_AGREEMENT_ENDERS = {"end", "break", "violate", "abandon", "collapse", "scrap", "breach", "suspend", "terminate"}
# Nouns that name an event: "this attack", "the incident" refer back to one already told.
_EVENT_NOUNS = {
    "attack",
    "bombing",
    "blast",
    "explosion",
    "incident",
    "assault",
    "raid",
    "ambush",
    "strike",
    "clash",
    "violence",
    "shooting",
    "operation",
    "offensive",
    "killing",
    "massacre",
    "kidnapping",
    "abduction",
}
_READY = {"ready", "prepared", "willing", "poised", "determined", "eager", "likely", "set"}
_HABITUAL = {"repeatedly", "regularly", "often", "frequently", "routinely", "usually", "sometimes", "increasingly"}
_MODALS = {"will", "would", "could", "may", "might", "shall", "should", "must", "can"}
_HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
_REFERENCE_PREPS = {"after", "following", "before", "since"}
_RESPONSE_HEADS = {"response", "retaliation", "revenge", "reprisal", "reaction"}
_TIME_UNITS = {"hour", "day", "minute", "week"}
_ANAPHORIC_DETS = {"this", "that", "these", "those", "such"}
_AGGREGATE_MODIFIERS = {"twin", "coordinated", "multiple", "several", "simultaneous", "serial", "series", "wave"}
_SEPARATE_MARKERS = re.compile(r"\b(separate|another|elsewhere|second|meanwhile|in a further|also in|in other)\b", re.I)
_BACKGROUND = re.compile(r"\b(anniversary|years? ago|decades? ago)\b", re.I)
# The words of a game ("a strike in the 78th minute", "bombed out of the cup after a penalty shoot-out"): a
# sentence told with them, with nobody killed or hurt, reports a match, however martial its verbs.
_SPORTS = re.compile(
    r"\b(?:penalty\s+(?:kick|shoot-?out|spot|area|box)|penalties|shoot-?out|\d+(?:st|nd|rd|th)\s+minute"
    r"|\d+\s*-\s*\d+\s+(?:win|victory|draw|defeat|loss)|goalkeeper|(?<!hunger\s)striker|midfielder|scored"
    r"|hat-?trick|kick-?off|semi-?final|quarter-?final|tournament|championship|the\s+cup|cup\s+(?:final|tie|match)"
    r"|grand\s+slam|innings|wickets?|(?:two|three|four|\d)-goal|half-?time)\b",
    re.I,
)
# Words that a match report never needs: with any of them the sentence may tell violence ("a bomb exploded
# at the stadium before kick-off"), so it is read as usual.
_HARM = re.compile(
    r"\b(?:kill\w*|dead|died|death|wounded|injur\w*|hurt|casualt\w*|riot\w*|clash\w*|tear\s*gas|arrest\w*|"
    r"hooligan\w*|stabb\w*|shot\s+dead|bomb(?!ed\s+out)\w*|blast\w*|explo\w*|gun\w*|grenade\w*|militant\w*|troops|soldiers?|"
    r"police\w*|protest\w*|march\w*|rall(?:y|ies)|demonstrat\w*)\b",
    re.I,
)


def _has_time_gap(tok: Token) -> bool:
    """'hours after', 'a day before', 'two weeks after': the two events are told apart by a gap."""
    near = [*tok.children, *(c for c in tok.head.children if c.dep_ == "npadvmod")]
    return any(c.lemma_.lower() in _TIME_UNITS for c in near if c.i < tok.i) or tok.head.lemma_.lower() in _TIME_UNITS


def _reference_roots(sent: SpacySpan) -> list[Token]:
    """Preposition tokens whose subtree names another event the main clause refers to."""
    roots = []
    for tok in sent:
        if tok.dep_ == "mark" and tok.lower_ in ("after", "before") and tok.head.dep_ == "advcl" and _has_time_gap(tok):
            # "The kidnapping came hours after a bomb tore through the bus station": a clause of its own.
            roots.append(tok.head)
            continue
        if tok.dep_ not in ("prep", "agent") or not any(c.dep_ == "pobj" for c in tok.children):
            continue
        low = tok.lower_
        if (
            low in _REFERENCE_PREPS
            or (low == "of" and tok.head.lemma_.lower() in _TIME_UNITS)
            or (low in ("to", "for", "against") and tok.head.lemma_.lower() in _RESPONSE_HEADS)
        ):
            roots.append(tok)
    return roots


def _relation_of(prep: Token | None, text: str) -> tuple[tuple[str, Span], ...]:
    """For a reference scope: how the sentence's own event relates to it ("in response to")."""
    if prep is None or prep.lower_ not in ("to", "for", "against") or prep.head.lemma_.lower() not in _RESPONSE_HEADS:
        return ()
    head = prep.head
    start = head.head.idx if head.dep_ == "pobj" else head.idx  # from the "in" of "in response to"
    phrase = f"in {head.lemma_.lower()} {prep.lower_}"
    end = prep.idx + len(prep.text)
    return ((phrase, Span(start, end, text[start:end])),)


def _scopes(sent: SpacySpan) -> list[tuple[list[Token], Token | None]]:
    """Split a sentence into (tokens, reference preposition or None for the main clause)."""
    refs = _reference_roots(sent)
    claimed: set[int] = set()
    scopes: list[tuple[list[Token], Token | None]] = []
    for prep in refs:
        toks = [t for t in prep.subtree if t.i not in claimed]
        claimed.update(t.i for t in toks)
        scopes.append((toks, prep))
    main = [t for t in sent if t.i not in claimed]
    scopes.insert(0, (main, None))
    return scopes


# A weapon or attack named as the kind of another thing: "a bomb threat", "air-raid sirens", "a bomb scare",
# "a bomb disposal squad", "a missile drill": no weapon was used.
_NOT_USED_WITH = {
    "threat", "scare", "hoax", "alert", "warning", "siren", "drill", "exercise", "shelter", "squad", "disposal",
    "detector", "sniffer", "dog", "expert", "unit", "defence", "defense", "test", "launcher", "factory", "plot",
}  # fmt: skip


# What politicians, firefighters and doctors fight without violence: "beat back a primary challenge", "fought
# the blaze", "battling the virus", "fight against corruption".
_PEACEFUL_FOES = {
    "challenge", "challenger", "bid", "motion", "vote", "election", "primary", "candidate", "nomination",
    "proposal", "bill", "lawsuit", "charge", "allegation", "criticism", "competition", "rival", "inflation",
    "poverty", "corruption", "unemployment", "crisis", "virus", "pandemic", "epidemic", "disease", "cancer",
    "blaze", "flame", "wildfire", "bushfire", "flood", "drought", "locust", "tax", "cut", "deadline",
}  # fmt: skip


def _fights_a_peaceful_foe(tok: Token) -> bool:
    """A verb of fighting whose object is a contest, a hardship or a fire, not an enemy."""
    verb = tok if tok.pos_ == "VERB" else tok.head if tok.head.pos_ == "VERB" and tok.dep_ == "prt" else None
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in _PEACEFUL_FOES:
            return True
        if child.dep_ == "prep" and child.lower_ == "against":
            if any(g.dep_ == "pobj" and g.lemma_.lower() in _PEACEFUL_FOES for g in child.children):
                return True
    return False


# "four mock cruise missile launches", "a simulated air strike", "practice bombing runs": acts of pretence, not
# violence. (A fake suicide vest worn in a real attack is another matter: only acts are pretended here.)
_PRETEND = {"mock", "simulated", "dummy", "practice", "pretend"}
_ACTS = {
    "launch", "bombing", "strike", "airstrike", "attack", "raid", "assault", "bombardment", "shelling", "sortie",
    "firing", "explosion", "blast", "run", "drop", "ambush", "battle", "combat",
}  # fmt: skip


# "warnings of an attack", "fears of a bombing", "a plot of an assault": what might happen, not what did.
_MIGHT_BE = {
    "warning",
    "threat",
    "fear",
    "risk",
    "rumour",
    "rumor",
    "plan",
    "plot",
    "possibility",
    "prospect",
    "danger",
}


def _names_a_kind(tok: Token) -> bool:
    """The cue word modifies another noun that is not an act of violence ("bomb threat", "air-raid sirens"),
    names what might happen ("warnings of an attack"), or its phrase says it was pretence ("mock cruise missile
    launches")."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _MIGHT_BE:
        return True
    head = tok
    while True:
        if head.lemma_.lower() in _ACTS and any(
            c.dep_ in ("amod", "compound") and c.lower_ in _PRETEND for c in head.children
        ):
            return True
        if head.dep_ not in ("compound", "amod", "nmod") or head.head is head:
            return False
        head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in _NOT_USED_WITH:
            return True


def _not_an_event(match: Cue, doc_tokens: list[Token]) -> bool:
    """True when the cue is threatened, denied, condemned, hypothetical, negated or modal, or only names the
    kind of a thing ("a bomb threat", "air-raid sirens")."""
    tok = doc_tokens[match.start]
    if _names_a_kind(doc_tokens[match.end - 1]):  # the cue's last word carries the phrase's head
        return True
    if match.kind in ("battle", "attack") and _fights_a_peaceful_foe(tok):
        return True
    chain = [tok, *tok.ancestors]
    for i, node in enumerate(chain):
        lemma = node.lemma_.lower()
        if i > 0 and lemma in _NOT_EVENT_GOVERNORS:
            return True
        if i == 1 and tok.pos_ == "NOUN" and match.value.startswith("Abduction") and lemma in _RELEASES:
            return True  # "all the hostages were freed": the end of an abduction, not a new one
        if i > 0 and match.value == "Agreement" and lemma in _AGREEMENT_ENDERS:
            return True  # "ended its ceasefire" is the opposite of an agreement
        if i > 0 and lemma in ("claim", "allege", "insist", "suggest") and chain[i - 1].dep_ == "ccomp":
            return True  # "claimed that the deaths were caused by explosives": an allegation
        # Only the cue's own clause decides modality and negation, not a reporting verb above it.
        if i <= 2 or (node.pos_ in ("VERB", "AUX") and i == len(chain) - 1 and node == tok.head):
            for child in node.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ == "aux" and child.lower_ in _MODALS:
                    return True
                if child.dep_ == "mark" and child.lower_ in _HYPOTHETICAL_MARKS:
                    return True
        if node.pos_ == "VERB" and i > 0:
            break
    # "his fighters were ready to storm the base", "prepared to attack": a readiness, not an act.
    if any(n.pos_ == "ADJ" and n.lemma_.lower() in _READY for n in chain[1:4]):
        return True
    # "has repeatedly targeted schools", "regularly attacks the capital": a habit, not an event.
    for node in chain[:3]:
        if any(c.lower_ in _HABITUAL for c in node.children if c.dep_ == "advmod"):
            return True
    # "protested against the arrest of the editor", "demanding his release": what a protest is about.
    if match.kind == "sd" and any(n.lower_ in ("against", "over") and n.dep_ == "prep" for n in chain[1:4]):
        return True
    # "no one was killed", "no casualties"
    return any(child.lower_ == "no" and child.dep_ == "det" for child in tok.children)


def _is_anaphoric(tok: Token) -> bool:
    """'this attack', 'the bombing': an event already told (news introduces events with 'a' first)."""
    if tok.pos_ != "NOUN":
        return False
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    if any(d in _ANAPHORIC_DETS for d in dets):
        return True
    # A definite singular event noun with nothing of its own (no place, count or date) refers back.
    return (
        dets == ["the"]
        and tok.tag_ == "NN"
        and not any(
            c.dep_ in ("compound", "amod", "nummod", "prep", "poss")
            and c.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "CARDINAL")
            for c in tok.subtree
            if c is not tok
        )
    )


def _carried(tok: Token) -> bool:
    """A weapon named as equipment: 'armed with grenades', 'carrying explosives'."""
    for head in islice(tok.ancestors, 4):
        lemma = head.lemma_.lower()
        if lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children):
            return False  # "carried out three air strikes"
        if lemma in ("arm", "armed", "carry", "equip", "wield", "possess", "brandish"):
            return True
        if head.pos_ == "VERB":
            return False
    return False


def _is_generic_plural(tok: Token) -> bool:
    """'strikes on villages have become routine': a bare plural names a kind of event, not one event."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
        return False
    for c in tok.children:
        if c.dep_ in ("det", "poss", "nummod", "compound", "relcl", "acl") or (
            c.dep_ == "amod" and c.ent_type_ == "NORP"
        ):
            return False
        # "attacks by Taliban militants", "strikes in Kunduz": a doer or a named place makes them specific.
        if c.dep_ in ("prep", "agent") and (
            c.lower_ == "by" or any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE") for t in c.subtree)
        ):
            return False
    return True


def _is_aggregate(tok: Token) -> bool:
    """A plural cue noun with a count or 'twin/coordinated': a summary of several events."""
    if tok.pos_ != "NOUN" or tok.tag_ not in ("NNS", "NNPS"):
        return False
    for child in tok.children:
        if child.dep_ == "nummod":
            value = word_number([child.text])
            if value is not None and value >= 2:
                return True
        if child.lower_ in _AGGREGATE_MODIFIERS:
            return True
        if child.dep_ == "det" and child.lower_ in ("these", "those", "both", "all"):
            return True
    return False


def detect(annotated: AnnotatedArticle) -> tuple[Mention, ...]:
    """Find event mentions in an annotated article.

    Args:
        annotated: the article with its spaCy Doc.
    Returns:
        Mentions in text order, with provisional cues, flags and scopes; types are settled by `classify`.
    """
    doc = annotated.doc
    article = annotated.article
    tokens = list(doc)
    mentions: list[Mention] = []
    for sent in doc.sents:
        if _BACKGROUND.search(sent.text):
            continue
        if _SPORTS.search(sent.text) and not _HARM.search(sent.text):
            continue
        for scope_tokens, ref_prep in _scopes(sent):
            if not scope_tokens:
                continue
            matches = [m for m in match_cues(scope_tokens) if m.start in {t.i for t in scope_tokens}]
            live = [m for m in matches if not _not_an_event(m, tokens)]
            if not any(m.kind in EVENT_CUE_KINDS or m.kind == "kill" for m in live):
                continue
            live = [
                m
                for m in live
                if not (m.kind in ("attack", "weapon") and m.end - m.start == 1 and _is_generic_plural(tokens[m.start]))
            ]
            # "militants armed with rocket launchers and grenades attacked": what they carried, not the means.
            # A cue may run across both phrases ("grenades attacked"): its other words are cues of their own.
            carried = [
                m
                for m in live
                if m.kind == "weapon" and any(_carried(t) for t in doc[m.start : m.end] if t.pos_ == "NOUN")
            ]
            for m in carried:
                live.remove(m)
                rest = [t for t in doc[m.start : m.end] if not (t.pos_ == "NOUN" and _carried(t))]
                live += [x for x in match_cues(rest) if not _not_an_event(x, tokens)] if rest else []
            live.sort(key=lambda m: m.start)
            if not any(m.kind in EVENT_CUE_KINDS or m.kind == "kill" for m in live):
                continue
            event_cues = [m for m in live if m.kind in EVENT_CUE_KINDS]
            head_match = max(event_cues or live, key=lambda m: m.priority)
            head_tok = tokens[head_match.start]
            cue_heads = [tokens[m.start] for m in event_cues]
            aggregate = bool(cue_heads) and all(_is_aggregate(t) for t in cue_heads)
            anaphoric = bool(cue_heads) and all(_is_anaphoric(t) for t in cue_heads)
            if not cue_heads:
                # Deaths with no cue of their own ("Two more soldiers were killed in this attack").
                anaphoric = any(
                    _is_anaphoric(t) for t in scope_tokens if t.pos_ == "NOUN" and t.lemma_.lower() in _EVENT_NOUNS
                )
            start = min(t.idx for t in scope_tokens)
            last = max(scope_tokens, key=lambda t: t.idx)
            end = last.idx + len(last.text)
            scope_text = article.text[start:end]
            trigger = Span(
                head_tok.idx,
                tokens[head_match.end - 1].idx + len(tokens[head_match.end - 1].text),
                article.text[head_tok.idx : tokens[head_match.end - 1].idx + len(tokens[head_match.end - 1].text)],
            )
            mentions.append(
                Mention(
                    article_id=article.id,
                    sentence=Span(start, end, scope_text),
                    trigger=trigger,
                    event_type="",
                    sub_event_type="",
                    paragraph=annotated.paragraph_of(start),
                    section=annotated.section_of(start),
                    headline=annotated.in_headline(start),
                    quoted=annotated.quoted(head_tok.idx),
                    aggregate=aggregate,
                    separate=ref_prep is None and bool(_SEPARATE_MARKERS.search(scope_text)),
                    anaphoric=anaphoric,
                    reference=ref_prep is not None,
                    related=_relation_of(ref_prep, article.text),
                    scope=tuple(t.i for t in scope_tokens),
                    cues=tuple(live),
                    confidence=min(0.9, 0.4 + head_match.priority / 200),
                )
            )
    return tuple(mentions)
