"""Stage 3, actors: who did it (actor1), who was hit (actor2), who claimed it, and who died.

Roles come from the dependency parse around each cue (subject of "detonated", "by" agents, possessives
such as "the BLA's squad", "Indian offensive"), names from the actor dictionary (data/actors.tsv), and
generic groups from word classes: soldiers -> Military Forces of X, gunmen -> Unidentified Armed Group (X),
villagers -> Civilians (X). A group we do not know is kept as written, never dropped.
Countries of generic actors are left open here when the text does not say; `merge` fills them from the
event's place.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep import countries
from sitrep.model import ActorRef, Mention, Span
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.lexicon import ActorEntry, actor_dictionary, cue_heads

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "actors",
    "resolve_phrase",
    "MILITARY",
    "POLICE",
    "CIVILIAN",
    "ARMED",
    "generic_name",
    "generic_kind",
    "GENERIC_PREFIXES",
]

MILITARY = {
    "army", "military", "troop", "troops", "soldier", "soldiers", "personnel", "jawan", "commando",
    "paramilitary", "paramilitaries", "ranger", "rangers", "convoy", "navy", "sailor", "marine", "airman",
    "serviceman", "servicemen", "battalion", "regiment", "brigade", "platoon", "garrison", "checkpoint",
    "forces", "force", "officer", "officers", "guard", "guards", "jet", "jets", "warplane", "aircraft",
    "gendarme", "gendarmes", "gendarmerie", "defence", "defense", "defences", "defenses", "unit", "units",
    "trooper", "troopers", "commander", "general", "colonel", "major", "captain", "lieutenant", "sergeant",
    "corporal", "private",
}  # fmt: skip
POLICE = {"police", "policeman", "policemen", "policewoman", "constable", "constables", "cop", "cops", "station"}
CIVILIAN = {
    "civilian", "people", "person", "villager", "resident", "worshipper", "worshiper", "passenger", "student",
    "child", "children", "woman", "women", "man", "men", "farmer", "tourist", "pilgrim", "journalist",
    "teacher", "worker", "shopper", "family", "commuter", "mourner", "doctor", "nurse", "patient", "local",
    "citizen", "voter", "driver", "trader", "herder", "fisherman", "boy", "girl", "infant", "baby", "elder",
    "refugee", "schoolchild", "schoolgirl", "schoolboy", "pupil", "parishioner", "guest", "customer",
    "labourer", "laborer", "miner", "villagers", "residents", "civilians", "individual", "member", "crowd",
}  # fmt: skip
ARMED = {
    "gunman", "gunmen", "militant", "insurgent", "terrorist", "attacker", "assailant", "rebel", "fighter",
    "bandit", "jihadist", "extremist", "separatist", "kidnapper", "abductor", "hijacker", "bomber",
    "militia", "militiaman", "militiamen", "assassin", "terror", "operative", "raider",
}  # fmt: skip
PROTESTERS = {"protester", "protestor", "demonstrator", "marcher", "protest", "demonstration"}
RIOTERS = {"rioter", "mob"}
_STATE_FORCE_MODIFIERS = {
    "security",
    "government",
    "state",
    "armed",
    "military",
    "federal",
    "regime",
    "pro-government",
    "air",
    "naval",
    "navy",
    "special",
    "border",
    "police",
    "defence",
    "defense",
}
_FACILITY = {"camp", "headquarters", "base", "hideout", "compound", "office", "post", "position", "infrastructure"}
_ROLE_DEPS_AGENT = {"nsubj", "csubj"}
_FORCE_WORDS = {
    "command",
    "army",
    "forces",
    "force",
    "navy",
    "corps",
    "marines",
    "guard",
    "military",
    "airforce",
    "defence",
    "defense",
}
_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"}
_REPORTING = {"say", "tell", "announce", "confirm", "state", "claim", "report", "admit", "add", "insist"}
_EVENT_NOUNS = {
    "offensive",
    "strike",
    "strikes",
    "attack",
    "operation",
    "raid",
    "assault",
    "bombardment",
    "airstrike",
    "shelling",
    "action",
    "campaign",
    "incursion",
}
_ROLE_DEPS_PATIENT = {"dobj", "nsubjpass", "obj", "attr"}


def generic_name(kind: str, iso2: str | None) -> str:
    """ACLED's name for a generic actor kind in a country ('Civilians (India)')."""
    country = countries.canonical(iso2) if iso2 else None
    base = {
        "military": "Military Forces of {}",
        "police": "Police Forces of {}",
        "civilians": "Civilians ({})",
        "armed": "Unidentified Armed Group ({})",
        "protesters": "Protesters ({})",
        "rioters": "Rioters ({})",
    }[kind]
    if country is None:
        return base.replace(" of {}", "").replace(" ({})", "")
    return base.format(country)


GENERIC_PREFIXES = {
    "Military Forces": "military",
    "Police Forces": "police",
    "Civilians": "civilians",
    "Unidentified Armed Group": "armed",
    "Protesters": "protesters",
    "Rioters": "rioters",
}


def generic_kind(actor: ActorRef) -> str | None:
    """'military', 'civilians', ... for a generic actor ('Civilians (India)'), None for a named group."""
    return next((kind for prefix, kind in GENERIC_PREFIXES.items() if actor.name.startswith(prefix)), None)


_KIND_INTER = {"military": 1, "police": 1, "civilians": 7, "armed": 2, "protesters": 6, "rioters": 5}


def _country_from_tokens(tokens: list[Token]) -> str | None:
    """ISO2 of the first demonym or country name among the tokens ('Pakistani', "Pakistan's", 'Sri Lankan')."""
    for a, b in itertools.pairwise(tokens):
        if b.i == a.i + 1 and a.pos_ in ("PROPN", "ADJ") and (iso := countries.find(f"{a.text} {b.text}")):
            return iso
    for tok in tokens:
        if tok.ent_type_ in ("NORP", "GPE") or tok.pos_ == "PROPN" or tok.is_title:
            iso = countries.find(tok.text)
            if iso:
                return iso
    return None


def _plain(text: str) -> str:
    """Lower case with punctuation as spaces: 'India-Maoist (CPI-M)' and 'India (Maoist)' compare equal."""
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


@lru_cache(maxsize=1)
def _plain_aliases() -> list[tuple[str, ActorEntry]]:
    _short, long = actor_dictionary()
    return sorted(
        ((_plain(alias), entry) for alias, entry in long.items() if len(alias) > 3), key=lambda ae: -len(ae[0])
    )


def _dictionary_hit(text: str) -> tuple[str, int, str] | None:
    """(canonical, inter, country) for the longest known group named in `text`."""
    plain = _plain(text)
    for alias, entry in _plain_aliases():
        at = plain.find(alias)
        # "anti-Houthi forces" are their opponents, not the Houthis ("pro-Houthi forces" are theirs).
        if at >= 0 and not plain[:at].endswith(" anti"):
            return entry.canonical, entry.inter, entry.country
    short, _ = actor_dictionary()
    for m in re.finditer(r"[A-Za-z][A-Za-z0-9-]*", text):
        word = m.group(0)
        if word in short and not text[: m.start()].lower().rstrip("- ").endswith("anti"):
            return short[word].canonical, short[word].inter, short[word].country
    return None


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head` without relative clauses and trailing prepositional phrases."""
    keep = [head]
    for child in head.children:
        if child.dep_ in (
            "compound",
            "amod",
            "poss",
            "nmod",
            "det",
            "nummod",
            "quantmod",
            "predet",
            "case",
            "appos",
            "npadvmod",
        ) or (child.dep_ == "prep" and child.lower_ == "of"):
            keep.extend(child.subtree)
    return sorted(set(keep), key=lambda t: t.i)


def resolve_phrase(head: Token) -> ActorRef | None:
    """Turn the noun phrase headed by `head` into an actor, or None if it names no actor."""
    toks = _np_tokens(head)
    doc = head.doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = doc.text[start:end]
    span = Span(start, end, text)
    hit = _dictionary_hit(text)
    if hit:
        name, inter, home = hit
        return ActorRef(name, inter, countries.find(home) if home else None, span, text, "dictionary")
    lemma = head.lemma_.lower()
    low = head.lower_
    iso = _country_from_tokens(
        [t for t in toks if t.i != head.i]
        + ([head] if head.pos_ == "PROPN" or head.ent_type_ in ("NORP", "GPE") or head.is_title else [])
    )
    words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    if lemma in POLICE or low in POLICE or "police" in words:
        return ActorRef(generic_name("police", iso), 1, iso, span, text)
    if lemma in ("force", "forces") and not (words & _STATE_FORCE_MODIFIERS) and not iso:
        return None
    if lemma in MILITARY or low in MILITARY or "air force" in text.lower() or "army" in words:
        return ActorRef(generic_name("military", iso), 1, iso, span, text)
    if (
        lemma in ARMED
        or low in ARMED
        or (words & {"armed", "unidentified", "unknown"} and lemma in ("man", "men", "group"))
    ):
        return ActorRef(generic_name("armed", iso), 2, iso, span, text)
    if lemma in PROTESTERS or low in PROTESTERS:
        return ActorRef(generic_name("protesters", iso), 6, iso, span, text)
    if lemma in RIOTERS or low in RIOTERS:
        return ActorRef(generic_name("rioters", iso), 5, iso, span, text)
    if lemma in CIVILIAN or low in CIVILIAN:
        return ActorRef(generic_name("civilians", iso), 7, iso, span, text)
    owners = [t for t in toks if t.dep_ == "poss" and t.i != head.i]  # "the Camp's headquarters": not itself
    if lemma in _FACILITY and (words & ARMED or owners):
        # "terror training camps", "militant hideouts", "Lashkar-e-Taiba's headquarters": hitting them hits
        # the armed group that uses them.
        owner = next((resolve_phrase(t) for t in owners), None)
        if owner is not None:
            return replace(owner, span=span, surface=text)
        return ActorRef(generic_name("armed", None), 2, None, span, text)
    if iso and head.pos_ == "NOUN" and (lemma in _EVENT_NOUNS or low in _EVENT_NOUNS):
        # "the Indian offensive", "India's strikes": the attack of that country's forces.
        return ActorRef(generic_name("military", iso), 1, iso, span, text)
    if head.ent_type_ == "PERSON" and head.pos_ == "PROPN":
        # A named person: their title says which side they are on, otherwise they are a civilian.
        titles = {t.lower_ for t in toks} | {t.lower_ for c in head.children if c.dep_ == "appos" for t in c.subtree}
        if titles & {"police", "policeman", "constable", "inspector", "superintendent"}:
            return ActorRef(generic_name("police", iso), 1, iso, span, text)
        if titles & {
            "colonel",
            "general",
            "major",
            "captain",
            "lieutenant",
            "sergeant",
            "soldier",
            "brigadier",
            "subedar",
        }:
            return ActorRef(generic_name("military", iso), 1, iso, span, text)
        if titles & {"militant", "commander", "rebel", "insurgent", "fighter"}:
            return ActorRef(generic_name("armed", iso), 2, iso, span, text)
        return ActorRef(generic_name("civilians", iso), 7, iso, span, text)
    if head.ent_type_ == "GPE" and iso:
        # A country as the doer of violence means its armed forces ("India struck", "Russia fired").
        return ActorRef(generic_name("military", iso), 1, iso, span, text, "country")
    if head.ent_type_ == "NORP" and iso and head.dep_ in ("amod", "compound", "poss"):
        return ActorRef(generic_name("military", iso), 1, iso, span, text, "country")
    if lemma in ARMED or low in ARMED or low in ("members", "member", "cadres", "cadre", "activists"):
        # "militants of the Indian Mujahideen", "members of the Irish Republican Army": the group is named.
        group = next(
            (
                g
                for p in head.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj" and (g.ent_type_ in ("ORG", "NORP") or g.pos_ == "PROPN")
            ),
            None,
        )
        if group is not None and (named := resolve_phrase(group)) is not None and generic_kind(named) is None:
            return replace(named, span=span, surface=text)
    if head.ent_type_ == "ORG" and iso and _state_force_name(toks):
        # "U.S. Africa Command", "Pakistan Army", "Indian Navy": a state's armed forces under another name.
        return ActorRef(generic_name("military", iso), 1, iso, span, text, "generic")
    if head.ent_type_ == "ORG" and head.pos_ == "PROPN":
        # An organisation we do not know: keep it as written rather than drop or rename it.
        return ActorRef(_kept_name(toks, head), 3, None, span, text, "kept")
    return None


def _kept_name(toks: list[Token], head: Token) -> str:
    """An unknown organisation's name as written, without what the phrase says about it: an apposition and
    what follows a comma ("Union of Supporters of X, the arrested former president,"), a leading "the", and
    punctuation at either end."""
    aside = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
    words: list[Token] = []
    for tok in toks:
        if tok.i in aside or (tok.text == "," and words):
            break
        words.append(tok)
    name = head.doc.text[words[0].idx : words[-1].idx + len(words[-1].text)] if words else head.text
    name = name.strip(" ,;:.\"'\u201c\u201d")
    return name.removeprefix("the ").removeprefix("The ") or head.text


_FORCE_QUALIFIERS = {
    "national",
    "armed",
    "air",
    "naval",
    "special",
    "border",
    "security",
    "federal",
    "central",
    "africa",
    "european",
    "pacific",
    "royal",
    "the",
    "'s",
    "of",
    "and",
    "joint",
    "operations",
    "ministry",
    "department",
    "media",
    "wing",
    "spokesman",
    "spokesperson",
}


def _state_force_name(toks: list[Token]) -> bool:
    """'Pakistan Army', 'U.S. Africa Command', 'Indian Navy' (not 'Irish Republican Army')."""
    words = [t for t in toks if not t.is_punct]
    has_force = any(t.lower_ in _FORCE_WORDS for t in words)
    rest = [
        t
        for t in words
        if t.lower_ not in _FORCE_WORDS and t.lower_ not in _FORCE_QUALIFIERS and countries.find(t.text) is None
    ]
    return has_force and not rest


def _roles_of(cue: Token) -> tuple[list[Token], list[Token]]:
    """Agent and patient heads around one cue token."""
    agents: list[Token] = []
    patients: list[Token] = []
    if cue.dep_ == "compound" and cue.head.pos_ in ("NOUN", "PROPN"):
        cue = cue.head  # "grenade launchers", "mortar shells": the roles hang on the whole noun
    if cue.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
        for c in cue.children:
            if c.dep_ in _ROLE_DEPS_AGENT and not passive:
                agents.append(c)
            elif c.dep_ in _ROLE_DEPS_PATIENT:
                patients.append(c)
            elif c.dep_ == "agent":
                agents.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
                patients.extend(g for g in c.children if g.dep_ == "pobj")
        if not agents and cue.dep_ in ("conj", "xcomp", "advcl") and cue.head.pos_ == "VERB":
            head_passive = any(c.dep_ == "nsubjpass" for c in cue.head.children)
            if not head_passive:
                agents.extend(c for c in cue.head.children if c.dep_ in _ROLE_DEPS_AGENT)
        if not agents and cue.dep_ in ("acl", "relcl"):
            # "a campaign targeting X" / "India launched an operation targeting X": the doer is the one who
            # launched what the participle describes.
            agents.extend(_inherited_agents(cue))
    else:
        for c in cue.children:
            if c.dep_ == "poss" or (
                c.dep_ in ("compound", "amod") and (c.ent_type_ in ("NORP", "ORG", "GPE") or c.lower_ == "terror")
            ):
                agents.append(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                agents.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in ("on", "against"):
                patients.extend(g for g in c.children if g.dep_ == "pobj")
        verb = cue.head
        if cue.dep_ in ("dobj", "obj") and verb.pos_ == "VERB":
            agents.extend(c for c in verb.children if c.dep_ in _ROLE_DEPS_AGENT)
            patients.extend(
                c
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "on"
                for c in c.children
                if c.dep_ == "pobj"
            )
        elif cue.dep_ in ("nsubj",) and verb.pos_ == "VERB":
            patients.extend(c for c in verb.children if c.dep_ in ("dobj", "obj"))
        elif cue.dep_ == "nsubjpass" and verb.pos_ == "VERB":
            for c in verb.children:
                if c.dep_ == "agent":
                    agents.extend(g for g in c.children if g.dep_ == "pobj")
    return agents, patients


def _inherited_agents(tok: Token) -> list[Token]:
    """Subject of the nearest active verb above `tok` through noun attachments (at most four steps)."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in ("acl", "relcl", "appos", "dobj", "pobj", "prep", "obj"):
            return []
        cur = cur.head
        if cur.pos_ == "VERB":
            if any(c.dep_ == "nsubjpass" for c in cur.children):
                return []
            return [c for c in cur.children if c.dep_ in _ROLE_DEPS_AGENT]
    return []


_DEFENSIVE = {"repel", "repulse", "foil", "thwart", "fend", "beat", "push", "resist", "counter"}


def _attacker_first(
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


def _antecedent(pronoun: Token) -> Token | None:
    """'U.S. Africa Command said it had carried out three strikes': 'it' is the one who said so."""
    cur = pronoun
    for _ in range(4):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.lemma_.lower() in _REPORTING and cur.pos_ == "VERB":
            return next((c for c in cur.children if c.dep_ == "nsubj" and c.lower_ not in _PRONOUNS), None)
    return None


def _cue_tokens(doc: Doc, mention: Mention, kinds: set[str] | None = None) -> list[Token]:
    return [tok for _, tok in cue_heads(doc, mention.cues, kinds)]


def _victims(doc: Doc, mention: Mention) -> list[ActorRef]:
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


def _claimant(doc: Doc, mention: Mention) -> ActorRef | None:
    for tok in _cue_tokens(doc, mention, {"claim"}):
        verb = tok if tok.pos_ == "VERB" else tok.head
        sentence_text = tok.sent.text.lower()
        if "responsib" not in sentence_text:
            continue
        for c in verb.children:
            if c.dep_ in ("nsubj",):
                ref = resolve_phrase(c)
                if ref:
                    return ref
    return None


def _assign(annotated: AnnotatedArticle, mention: Mention) -> Mention:
    doc = annotated.doc
    agents: list[ActorRef] = []
    patients: list[ActorRef] = []
    event_cues = _cue_tokens(
        doc,
        mention,
        {"weapon", "attack", "battle", "territory", "vac", "kill", "riot", "mob", "protest", "intervention", "sd"},
    )
    scope = set(mention.scope)
    for cue in event_cues:
        a_heads, p_heads = _roles_of(cue)
        for h in a_heads:
            if h.lower_ in _PRONOUNS:
                h = _antecedent(h) or h
            if h.i in scope and (ref := resolve_phrase(h)):
                agents.append(ref)
        for h in p_heads:
            if h.i in scope and (ref := resolve_phrase(h)):
                patients.append(ref)
    agents, patients = _attacker_first(doc, mention, agents, patients)
    claimant = _claimant(doc, mention)
    victims = _victims(doc, mention)
    if not agents:
        # A named armed group anywhere in the scope is the likeliest doer, unless it is the one being hit or
        # the one telling ("an offensive that the United Nations said had killed 100 people").
        tellers = {
            t.i
            for i in mention.scope
            for t in doc[i].subtree
            if doc[i].dep_ == "nsubj" and doc[i].head.lemma_.lower() in _REPORTING
        }
        text = " ".join(doc[i].text for i in mention.scope if i not in tellers)
        hit = _dictionary_hit(text)
        if hit and not any(p.name == hit[0] for p in patients + victims):
            agents.append(
                ActorRef(hit[0], hit[1], countries.find(hit[2]) if hit[2] else None, None, hit[0], "dictionary")
            )
    if not agents and event_cues:
        # The parse lost the subject ("..., on the outskirts of Mrauk-U Town, Myanmar troops detained"): an
        # armed or state force named before the first event word is the doer.
        first = min(t.i for t in event_cues)
        hit_names = {p.name for p in patients + victims}
        for tok in (doc[i] for i in mention.scope if i < first):
            if (
                tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ not in ("compound", "amod", "poss", "pobj")
                and (ref := resolve_phrase(tok))
            ):
                if (
                    ref.inter in (1, 2, 3, 4, 8)
                    and ref.name not in hit_names
                    and ref.basis in ("generic", "dictionary")
                ):
                    agents.append(ref)
                    break
    if not agents and claimant:
        agents.append(claimant)
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
        for tok in _cue_tokens(doc, mention, {"protest", "riot", "mob"})
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
        claimed_by=claimant,
        victims=tuple(victims),
    )


def actors(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Fill actor1, actor2, associated actors, claimant and victims of every mention."""
    return tuple(_assign(annotated, m) for m in mentions)
