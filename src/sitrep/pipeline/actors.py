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
from sitrep.text.dateline import find_dateline
from sitrep.text.lexicon import ActorEntry, actor_dictionary, cue_heads, match_cues

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
    "forces", "force", "officer", "officers", "guard", "guards", "jet", "jets", "warplane", "aircraft", "warship",
    "gunship",
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
# One attacker nobody names ("the shooter opened fire", "a knifeman"): an armed doer, though the tolls stage
# does not count such a word among armed victims (ARMED), so they stay apart.
_LONE_ATTACKERS = {"suspect", "shooter", "perpetrator", "killer", "sniper", "knifeman", "stabber", "gunwoman"}
# "officers" alone are police in most reports ("officers shot him dead"); "army officers" are soldiers (read
# before MILITARY, which keeps the word for the tolls stage's count of state victims).
_OFFICERS = {"officer", "officers"}
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
# Arms a state's forces are named by in reports: "a Turkish drone", "Russian artillery", "Israeli tank fire".
_WEAPON_NOUNS = {
    "drone", "drones", "missile", "missiles", "rocket", "rockets", "mortar", "mortars", "artillery", "shell",
    "shells", "fire", "gunfire", "barrage", "helicopter", "helicopters", "tank", "tanks", "bomber", "bombers",
    "airstrike", "airstrikes", "bombing", "bombings", "strike", "shelling", "bombardment", "raid", "raids",
}  # fmt: skip
_ARMY_WORDS = {"army", "military", "naval", "navy", "air", "defence", "defense", "armed", "marine", "corps"}
# Nouns for a body of people that a name follows: "a group called X", "the militant outfit X".
_BODY_NOUNS = {"group", "organisation", "organization", "movement", "outfit", "faction", "militia", "front"}


# Country names read with "the" in a sentence. ACLED writes state forces so ("Military Forces of the United
# States", "Police Forces of the Democratic Republic of Congo") but keeps the bare name in brackets
# ("Civilians (Democratic Republic of Congo)"). A name made of a common noun ("Republic", "Kingdom", "States",
# "Islands", "Emirates") or a plural takes the article.
_DEFINITE_WORDS = {"united", "republic", "kingdom", "states", "islands", "emirates"}
_DEFINITE_NAMES = {"Philippines", "Netherlands", "Bahamas", "Maldives", "Comoros", "Seychelles", "Ivory Coast"}


def _state_country(country: str) -> str:
    """'the United States', 'the Democratic Republic of Congo', 'India': a country as a state force's name reads."""
    words = {w.lower().strip(",") for w in country.split()}
    if country in _DEFINITE_NAMES or words & _DEFINITE_WORDS:
        return f"the {country}"
    return country


def generic_name(kind: str, iso2: str | None) -> str:
    """ACLED's name for a generic actor kind in a country ('Civilians (India)', 'Military Forces of the
    Philippines')."""
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
    return base.format(_state_country(country) if kind in ("military", "police") else country)


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


def _made_by(tok: Token) -> bool:
    """'Iranian-made drones', 'Russian-held bank', 'Iranian-backed militia': the country made, holds or backs
    the thing, it is not the actor ('Saudi-led coalition' is led by Saudi Arabia, and so is its war)."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ != "led"


def _country_from_tokens(tokens: list[Token]) -> str | None:
    """ISO2 of the first demonym or country name among the tokens ('Pakistani', "Pakistan's", 'Sri Lankan')."""
    tokens = [t for t in tokens if not _made_by(t)]
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
    # "QUETTA, Pakistan - Pakistani troops": the parse hangs the dateline on the first noun phrase, but the
    # city a story was filed from is no part of who acted.
    opening = _dateline_end(head.doc)
    if head.idx >= opening:
        keep = [t for t in keep if t.idx >= opening]
    return sorted(set(keep), key=lambda t: t.i)


def _dateline_end(doc: Doc) -> int:
    """Where the story's dateline ends (0 without one): nothing inside it is an actor."""
    found = find_dateline(doc.text[:250])
    return found.span.end if found is not None else 0


_CORE_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "predet", "npadvmod"}
# Nouns that stand for the body they belong to: "members of the police", "personnel of the army".
_MEMBERSHIP = {"member", "members", "personnel", "unit", "units", "officer", "officers", "cadre", "cadres", "staff"}


def _core_words(head: Token) -> set[str]:
    """The words that say what the phrase's head is: its own modifiers ("Punjab police officers"), and what it
    is a member of ("members of the police"), never a clause or phrase about something else ("the target of
    a bombing that killed police")."""
    toks = [head]
    for child in head.children:
        if child.dep_ in _CORE_DEPS or (child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in _MEMBERSHIP):
            toks.extend(child.subtree)
    return {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}


def _phrase_span(toks: list[Token]) -> Span:
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return Span(start, end, toks[0].doc.text[start:end])


def resolve_phrase(head: Token) -> ActorRef | None:
    """Turn the noun phrase headed by `head` into an actor, or None if it names no actor."""
    if head.idx < _dateline_end(head.doc):
        # "QUETTA, Pakistan - Pakistani troops killed": the parse may make the filing city the subject and the
        # troops its apposition; the doer is the apposition, the city is none.
        told = next(
            (c for c in head.children if c.dep_ in ("appos", "conj") and c.idx >= _dateline_end(head.doc)), None
        )
        return resolve_phrase(told) if told is not None else None
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
    named = _named_by(head)
    if named is not None:
        return replace(named, span=span, surface=text)
    iso = _country_from_tokens(
        [t for t in toks if t.i != head.i]
        + ([head] if head.pos_ == "PROPN" or head.ent_type_ in ("NORP", "GPE") or head.is_title else [])
    )
    words = _core_words(head)
    if lemma in _OFFICERS or low in _OFFICERS:
        kind = "military" if words & _ARMY_WORDS else "police"
        return ActorRef(generic_name(kind, iso), 1, iso, span, text)
    if lemma in POLICE or low in POLICE or "police" in words:
        return ActorRef(generic_name("police", iso), 1, iso, span, text)
    if lemma in ("force", "forces") and not (words & _STATE_FORCE_MODIFIERS) and not iso:
        return None
    if lemma in MILITARY or low in MILITARY or ("air" in words and "force" in words) or "army" in words:
        return ActorRef(generic_name("military", iso), 1, iso, span, text)
    if {lemma, low} & (ARMED | _LONE_ATTACKERS) or (
        words & {"armed", "unidentified", "unknown"} and lemma in ("man", "men", "group")
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
        owner = next((ref for t in owners if (ref := resolve_phrase(t)) is not None), None)
        if owner is not None:
            return replace(owner, span=span, surface=text)
        if words & ARMED:
            return ActorRef(generic_name("armed", None), 2, None, span, text)
        # "the mayor's office": a building of no armed side is no actor
    if iso and head.pos_ in ("NOUN", "VERB") and ({lemma, low} & (_EVENT_NOUNS | _WEAPON_NOUNS)):
        # "the Indian offensive", "India's strikes", "Russian shelling", "a Turkish drone", "Burkinabe mortar
        # fire": the attack or the arms of that country's forces.
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
    if head.pos_ == "PROPN" and (
        head.ent_type_ == "ORG" or (head.dep_ == "conj" and head.ent_type_ == "" and head.head.ent_type_ == "ORG")
    ):
        # An organisation we do not know: keep it as written rather than drop or rename it. A name joined to
        # one by "and" is another of its kind ("between the Islamic Courts Union and the Alliance for Peace").
        return ActorRef(_kept_name(toks, head), 3, None, span, text, "kept")
    return None


def _named_by(head: Token) -> ActorRef | None:
    """'a group called the Movement for X', 'an armed group known as Y', 'the militant outfit, Z,': the name the
    phrase gives the body it speaks of."""
    if head.lemma_.lower() not in _BODY_NOUNS:
        return None
    for child in head.children:
        names: list[Token] = []
        if child.dep_ == "acl" and child.lemma_.lower() in ("call", "name", "know", "dub"):
            names = [g for g in child.children if g.dep_ in ("oprd", "attr", "dobj", "xcomp", "ccomp")]
            names += [g for p in child.children if p.dep_ == "prep" and p.lower_ == "as" for g in p.children]
        elif child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ == "ORG"):
            names = [child]
        for name in names:
            if name.pos_ == "PROPN" or name.ent_type_ in ("ORG", "NORP"):
                ref = resolve_phrase(name)
                if ref is not None:
                    return ref
    return None


def _kept_name(toks: list[Token], head: Token) -> str:
    """An unknown organisation's name as written, without what the phrase says about it: an apposition and
    what follows a comma ("Union of Supporters of X, the arrested former president,"), a leading "the", and
    punctuation at either end."""
    aside = {t.i for c in head.children if c.dep_ == "appos" for t in c.subtree}
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ == "ORG"), None)
    if entity is not None and entity.end - entity.start > len(toks):
        # "the Movement for the Freedom of the Creeks": a name that runs on through its own prepositions
        toks = list(entity)
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
        named = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        if named and prep.i == toks[-1].i + 1:
            toks = toks + list(prep.subtree)  # "the Alliance for Peace": a capitalised name goes on
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


# Words for dying: their subject is who died, never who killed ("More than 2,000 troops have died").
_DIE = {"die", "perish", "succumb", "dead"}
# Verbs whose subject tells of, blames, sees, suffers or causes an event named as their object: it did not do
# it ("The agency attributed the attack to the Taleban", "The town suffered an air strike").
# An accusation by a party is no finding of who did it ("Washington blamed Iran"); a suspicion the story
# reports is ("Taliban militants are suspected"), and is read by `_suspect_subject`.
_BLAME = {"blame", "accuse", "allege", "link", "tie", "connect"}
_SUSPECT = {"suspect", "believe", "think", "attribute"}
_NOT_DOER_VERBS = (
    _REPORTING
    | _BLAME
    | _SUSPECT
    | {
        "see", "witness", "hear", "watch", "film", "record", "describe", "call", "term", "label", "investigate",
        "probe", "survive", "escape", "suffer", "face", "experience", "recall", "remember", "follow", "mark",
        "cause", "provoke", "trigger", "prompt", "spark", "condemn", "denounce", "criticise", "criticize",
        "protest", "cover", "document", "verify", "find", "discover", "recover", "deny", "reject", "mourn",
    }
) - {"claim", "admit"}  # fmt: skip
# Verbs of being and staying: their subject is where the story stands, not who acted ("Fuad was inside the
# mosque when the bombs exploded").
_STATIVE = {"be", "remain", "stay", "live", "have", "seem", "appear", "become", "sit", "lie", "work"}
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
    if tok.dep_ not in ("compound", "amod") or _made_by(tok):
        return False
    return (
        tok.ent_type_ in ("NORP", "ORG", "GPE")
        or tok.lower_ in _SIDE_WORDS
        or tok.lemma_.lower() in ARMED
        or (tok.pos_ in ("PROPN", "ADJ") and countries.find(tok.text) is not None)
    )


def _roles_of(cue: Token) -> tuple[list[Token], list[Token]]:
    """Agent and patient heads around one cue token."""
    agents: list[Token] = []
    patients: list[Token] = []
    if cue.dep_ == "compound" and cue.head.pos_ in ("NOUN", "PROPN"):
        cue = cue.head  # "grenade launchers", "mortar shells": the roles hang on the whole noun
    lemma = cue.lemma_.lower()
    if not _nominal(cue) and cue.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
        for c in cue.children:
            if c.dep_ in _ROLE_DEPS_AGENT and not passive:
                (patients if lemma in _DIE else agents).append(c)
            elif c.dep_ in _ROLE_DEPS_PATIENT:
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
            and head.lemma_.lower() not in _NOT_DOER_VERBS
        ):
            if not any(c.dep_ == "nsubjpass" for c in head.children):
                agents.extend(c for c in head.children if c.dep_ in _ROLE_DEPS_AGENT)
        if not agents and not passive and lemma not in _DIE and cue.dep_ in ("acl", "relcl"):
            # "a campaign targeting X" / "India launched an operation targeting X": the doer is the one who
            # launched what the participle describes.
            agents.extend(_inherited_agents(cue))
        return agents, patients
    for c in cue.children:
        if c.dep_ == "poss":
            # "the BLA's attack": the doer; "Nabil's killing": who was killed
            ref = resolve_phrase(c)
            if ref is not None and generic_kind(ref) != "civilians":
                agents.append(c)
            elif lemma in _VICTIM_NOUNS:
                patients.append(c)
        elif _side_modifier(c):
            agents.append(c)
        elif c.dep_ in ("prep", "agent") and c.lower_ == "by":
            agents.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("on", "against"):
            patients.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in ("between", "among") and lemma in _FIGHT_NOUNS:
            # "fighting between the Islamic Courts and the warlords' alliance": the first side, then the other
            for g in (g for g in c.children if g.dep_ == "pobj"):
                agents.append(g)
                patients.extend(x for x in g.conjuncts if x.i > g.i)
        elif c.dep_ == "prep" and c.lower_ == "with" and lemma in _FIGHT_NOUNS:
            patients.extend(g for g in c.children if g.dep_ == "pobj")
    verb = cue.head
    verb_lemma = verb.lemma_.lower()
    if cue.dep_ in ("dobj", "obj") and verb.pos_ == "VERB":
        if verb_lemma == "attribute":
            # "attributed the attack to the Taleban": who the story says did it
            agents.extend(g for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children)
        elif verb_lemma not in _NOT_DOER_VERBS:
            agents.extend(c for c in verb.children if c.dep_ in _ROLE_DEPS_AGENT)
        patients.extend(
            c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for c in c.children if c.dep_ == "pobj"
        )
    elif cue.dep_ in ("nsubj",) and verb.pos_ == "VERB":
        patients.extend(c for c in verb.children if c.dep_ in ("dobj", "obj"))
    elif cue.dep_ == "nsubjpass" and verb.pos_ == "VERB":
        for c in verb.children:
            if c.dep_ == "agent":
                agents.extend(g for g in c.children if g.dep_ == "pobj")
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
            if cur.lemma_.lower() not in _LAUNCH and not _is_event_word(cur):
                return []  # "Police found the bodies of men who had been shot": the finders shot no one
            return [c for c in cur.children if c.dep_ in _ROLE_DEPS_AGENT]
    return []


def _is_event_word(tok: Token) -> bool:
    return any(c.kind in _EVENT_KINDS for c in match_cues([tok]))


_EVENT_KINDS = {"weapon", "attack", "battle", "territory", "vac", "kill", "riot", "mob", "protest", "sd"}


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


# Who a spokesman or official speaks for: "Houthi military spokesman Yahya Sarea", "a spokesperson for the
# police", "the army's media wing".
_SPEAKERS = {
    "spokesman", "spokesperson", "spokeswoman", "official", "officials", "commander", "leader", "chief", "head",
    "representative", "statement", "wing", "office", "ministry", "source", "sources", "channel", "agency",
}  # fmt: skip


def _speaker_side(subject: Token) -> Token | None:
    """The body a speaker speaks for, as a token of the subject's phrase ('Houthi' in 'Houthi military spokesman
    Yahya Sarea'), or the subject itself when it names a body of its own ('The Turkish military', and 'The
    Houthis' that the parser took for a person)."""
    if subject.ent_type_ != "PERSON" and subject.lemma_.lower() not in _SPEAKERS:
        return subject
    for tok in subject.subtree:
        if tok.i == subject.i or tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.dep_ == "appos":
            continue
        ref = resolve_phrase(tok)
        if ref is not None and generic_kind(ref) != "civilians" and (ref.basis != "kept" or tok.ent_type_ == "ORG"):
            return tok
    own = resolve_phrase(subject)
    return subject if own is not None and generic_kind(own) != "civilians" else None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a name before a stray word the parser also took for one ('The' in 'The
    Tehrik-e-Taliban Pakistan claimed')."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return next((c for c in subjects if c.pos_ in ("PROPN", "NOUN")), subjects[0] if subjects else None)


def _speaking_subject(verb: Token) -> Token | None:
    """The subject of a reporting verb, or of the verb it hangs on ('The Taleban contacted Reuters, confirming
    that they were responsible')."""
    subject = _subject(verb)
    if subject is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        subject = _subject(verb.head)
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
        if cur.lemma_.lower() in _REPORTING and cur.pos_ == "VERB":
            subject = _speaking_subject(cur)
            if subject is None or subject.lower_ in _PRONOUNS:
                return None
            return _speaker_side(subject)
    return None


def _refers_back(head: Token) -> bool:
    """'it', 'they', 'its fighters', 'their forces', 'the group': a doer named only by reference to another."""
    if head.lower_ in _PRONOUNS:
        return True
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in head.children):
        return True
    dets = [c.lower_ for c in head.children if c.dep_ == "det"]
    return (
        dets == ["the"]
        and head.lemma_.lower() in _BODY_NOUNS
        and not any(c.dep_ in ("compound", "amod", "appos", "acl") for c in head.children)
    )


def _through_antecedent(head: Token, own: ActorRef | None) -> ActorRef | None:
    """The doer a referring phrase stands for: the named group or state it refers back to ('its fighters' of
    the BLA), or its own reading with the antecedent's country ('its jets' of the Turkish military)."""
    found = _antecedent(head)
    ref = resolve_phrase(found) if found is not None else None
    if ref is None or generic_kind(ref) == "civilians":
        return own
    if own is None or generic_kind(ref) is None or head.lower_ in _PRONOUNS:
        return ref
    if generic_kind(own) in ("military", "police", "armed") and own.country is None and ref.country:
        kind = generic_kind(ref) if generic_kind(ref) in ("military", "police") else generic_kind(own)
        assert kind is not None
        return replace(own, name=generic_name(kind, ref.country), country=ref.country, inter=_KIND_INTER[kind])
    return own


def _source_tokens(doc: Doc, scope: set[int]) -> set[int]:
    """Who tells the story, never its doer: the subject of a reporting verb ('police said'), 'according to X',
    'citing X', 'quoting X', and whoever blames or suspects someone; with the ones they blame or suspect
    ('Washington blamed Iran', 'police suspect the TTP was behind it': an accusation is not a deed)."""
    out: set[int] = set()
    for i in scope:
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in _REPORTING | _BLAME | _SUSPECT:
            for c in tok.children:
                if c.dep_ == "nsubj" or (lemma in _BLAME and c.dep_ in ("dobj", "ccomp")):
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


def _not_doers(doc: Doc, scope: set[int]) -> set[int]:
    """Tokens in a target's or recipient's position ("a compound giving help to NATO troops"), or in the
    subject of a verb of being or telling ("Fuad, a member of al-Shabaab, was inside the mosque")."""
    out: set[int] = set()
    for i in scope:
        cur = doc[i]
        while cur.head.i != cur.i:
            if (
                cur.dep_ in _NOT_DOER_ARCS
                or (cur.dep_ == "pobj" and cur.head.lower_ in _TARGET_PREPS)
                or (cur.dep_ == "nsubj" and cur.head.lemma_.lower() in _STATIVE | _NOT_DOER_VERBS)
            ):
                out.add(i)
                break
            cur = cur.head
    return out


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
    if subject is None or not _refers_back(subject):
        return False
    if clause.lemma_.lower() == "be":
        return any(
            (c.dep_ == "acomp" and c.lower_ == "responsible") or (c.dep_ == "prep" and c.lower_ == "behind")
            for c in clause.children
        )
    return clause.lemma_.lower() in _ACTS or _is_event_word(clause)


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
    elif lemma in _REPORTING:
        if not any(c.dep_ == "ccomp" and _claims_own_act(c) for c in tok.children):
            return None
    else:
        return None
    return _speaking_subject(tok)


def _responsible(verb: Token) -> bool:
    """'was responsible (for the attack)', 'were behind the bombing'."""
    for c in verb.children:
        objects = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children]
        if c.dep_ == "acomp" and c.lower_ == "responsible":
            return not objects or any(o.lemma_.lower() in _CLAIMED_EVENTS for o in objects)
        if c.dep_ == "prep" and c.lower_ == "behind":
            return any(g.lemma_.lower() in _CLAIMED_EVENTS | {"this", "that"} for g in c.children)
    return False


def _suspect_subject(tok: Token) -> Token | None:
    """Who the story says did it or is suspected of it: 'Maoists were responsible', 'Boko Haram was thought to
    be responsible', 'Taliban militants are suspected', 'police suspect the TTP'. Not an accusation by a party
    ('Washington blamed Iran'), a denial, or a pronoun (a speaker's own claim is read by `_claim_subject`)."""
    if tok.pos_ not in ("VERB", "AUX") or _negated(tok):
        return None
    if any(a.lemma_.lower() in _BLAME | {"deny", "reject", "refute"} for a in tok.ancestors):
        return None
    lemma = tok.lemma_.lower()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    subject: Token | None = None
    if lemma == "be" and _responsible(tok):
        subject = _subject(tok)
    elif lemma in _SUSPECT and passive:
        subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    elif lemma == "suspect":
        subject = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    if subject is None or subject.lower_ in _PRONOUNS or subject.lower_ in ("which", "who", "that"):
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
            side = _speaker_side(subject)
            ref = resolve_phrase(side) if side is not None else None
            if ref is None and claimed and subject.ent_type_ == "PERSON" and subject.pos_ == "PROPN":
                # Groups claim attacks, people seldom do: a name the parser took for a person ("Jaish al-Adl
                # claimed responsibility") is a group we do not know, kept as written.
                toks = _np_tokens(subject)
                ref = ActorRef(_kept_name(toks, subject), 3, None, _phrase_span(toks), _phrase_span(toks).text, "kept")
            if ref is not None and generic_kind(ref) is None and ref.inter != 7:
                found.append((sent.start_char, sent.end_char, ref, claimed))
                break
    return found


_VIOLENT_KINDS = {"weapon", "attack", "vac", "battle", "kill", "territory"}


def _lend_claims(annotated: AnnotatedArticle, mentions: list[Mention]) -> list[Mention]:
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
    sources = _source_tokens(doc, scope)
    for cue in event_cues:
        a_heads, p_heads = _roles_of(cue)
        for h in a_heads:
            if h.i not in scope:
                continue
            if _refers_back(h):
                if (ref := _through_antecedent(h, resolve_phrase(h))) is not None:
                    agents.append(ref)
            elif h.i not in sources and (ref := resolve_phrase(h)):
                agents.append(ref)
        for h in p_heads:
            if h.i in scope and (ref := resolve_phrase(h)):
                patients.append(ref)
    agents, patients = _attacker_first(doc, mention, agents, patients)
    if any(c.kind == "battle" for c in mention.cues):
        # "Fighting between X and Y killed 20 people": the other side is actor2, the dead are victims
        patients.sort(key=lambda p: generic_kind(p) == "civilians")
    victims = _victims(doc, mention)
    # Names read off the sentence when its parse gave no doer: never the teller, the blamed, or a name in a
    # target's or a place's position.
    blocked = sources | _not_doers(doc, scope)
    if not agents:
        # A named armed group in a doer's position is the likeliest doer, unless it is the one being hit.
        text = " ".join(doc[i].text for i in mention.scope if i not in blocked)
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
        for tok in (doc[i] for i in mention.scope if i < first and i not in blocked):
            if (
                tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ not in ("compound", "amod", "poss", "pobj")
                and not (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _NOT_DOER_VERBS | _STATIVE)
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
        victims=tuple(victims),
    )


def actors(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Fill actor1, actor2, associated actors, claimant and victims of every mention."""
    return tuple(_lend_claims(annotated, [_assign(annotated, m) for m in mentions]))
