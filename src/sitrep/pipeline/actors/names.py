"""An actor's name from a noun phrase: the actor dictionary, ACLED's generic names and word classes.

`resolve_phrase` turns the phrase under one token into an `ActorRef` ("Pakistani troops" -> Military Forces of
Pakistan, "gunmen" -> Unidentified Armed Group, "the BLA" -> its dictionary name), or None when it names no actor.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep import countries
from sitrep.model import ActorRef, Span
from sitrep.text.dateline import find_dateline
from sitrep.text.lexicon import ActorEntry, actor_dictionary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "AGENT_DEPS",
    "ARMED",
    "BODY_NOUNS",
    "CIVILIAN",
    "GENERIC_PREFIXES",
    "KIND_INTER",
    "MILITARY",
    "PATIENT_DEPS",
    "POLICE",
    "PRONOUNS",
    "PROTESTERS",
    "REPORTING_VERBS",
    "RIOTERS",
    "dictionary_hit",
    "generic_kind",
    "generic_name",
    "kept_name",
    "made_by",
    "phrase_span",
    "phrase_tokens",
    "resolve_phrase",
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
    # "a drug suspect killed in a police raid": someone the police were after, not an armed group (one who
    # does violence is made one by the stage: "a suspect opened fire on officers")
    "suspect", "suspects",
}  # fmt: skip
ARMED = {
    "gunman", "gunmen", "militant", "insurgent", "terrorist", "attacker", "assailant", "rebel", "fighter",
    "bandit", "jihadist", "extremist", "separatist", "kidnapper", "abductor", "hijacker", "bomber",
    "militia", "militiaman", "militiamen", "assassin", "terror", "operative", "raider",
}  # fmt: skip
# One attacker nobody names ("the shooter opened fire", "a knifeman"): an armed doer, though the tolls stage
# does not count such a word among armed victims (ARMED), so they stay apart.
_LONE_ATTACKERS = {"shooter", "perpetrator", "killer", "sniper", "knifeman", "stabber", "gunwoman"}
# "officers" alone are police in most reports ("officers shot him dead"); "army officers" are soldiers (read
# before MILITARY, which keeps the word for the tolls stage's count of state victims).
_OFFICERS = {"officer", "officers"}
PROTESTERS = {"protester", "protestor", "demonstrator", "marcher", "protest", "demonstration"}
RIOTERS = {"rioter", "mob"}
_STATE_FORCE_MODIFIERS = {
    "security",
    "govt",
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
AGENT_DEPS = {"nsubj", "csubj"}
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
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"}
REPORTING_VERBS = {"say", "tell", "announce", "confirm", "state", "claim", "report", "admit", "add", "insist"}
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
PATIENT_DEPS = {"dobj", "nsubjpass", "obj", "attr"}
# Arms a state's forces are named by in reports: "a Turkish drone", "Russian artillery", "Israeli tank fire".
_WEAPON_NOUNS = {
    "drone", "drones", "missile", "missiles", "rocket", "rockets", "mortar", "mortars", "artillery", "shell",
    "shells", "fire", "gunfire", "barrage", "helicopter", "helicopters", "tank", "tanks", "bomber", "bombers",
    "airstrike", "airstrikes", "bombing", "bombings", "strike", "shelling", "bombardment", "raid", "raids",
}  # fmt: skip
_ARMY_WORDS = {"army", "military", "naval", "navy", "air", "defence", "defense", "armed", "marine", "corps"}
# Nouns for a body of people that a name follows: "a group called X", "the militant outfit X".
BODY_NOUNS = {"group", "organisation", "organization", "movement", "outfit", "faction", "militia", "front"}


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


KIND_INTER = {"military": 1, "police": 1, "civilians": 7, "armed": 2, "protesters": 6, "rioters": 5}


def made_by(tok: Token) -> bool:
    """'Iranian-made drones', 'Russian-held bank', 'Iranian-backed militia': the country made, holds or backs
    the thing, it is not the actor ('Saudi-led coalition' is led by Saudi Arabia, and so is its war)."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ != "led"


def _country_from_tokens(tokens: list[Token]) -> str | None:
    """ISO2 of the first demonym or country name among the tokens ('Pakistani', "Pakistan's", 'Sri Lankan')."""
    tokens = [t for t in tokens if not made_by(t)]
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


def dictionary_hit(text: str) -> tuple[str, int, str] | None:
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


def phrase_tokens(head: Token) -> list[Token]:
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


_CORE_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "predet", "npadvmod", "appos"}
# Nouns that stand for the body they belong to: "members of the police", "personnel of the army".
_MEMBERSHIP = {"member", "members", "personnel", "unit", "units", "officer", "officers", "cadre", "cadres", "staff"}


def _core_words(head: Token) -> set[str]:
    """The words that say what the phrase's head is: its own modifiers ("Punjab police officers"), what an
    apposition says it is ("the mayor's bodyguards, two police agents"), and what it is a member of ("members
    of the police"), never a clause or phrase about something else ("the target of
    a bombing that killed police")."""
    toks = [head]
    for child in head.children:
        if child.dep_ in _CORE_DEPS or (child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in _MEMBERSHIP):
            toks.extend(child.subtree)
    return {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}


def phrase_span(toks: list[Token]) -> Span:
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return Span(start, end, toks[0].doc.text[start:end])


def resolve_phrase(head: Token) -> ActorRef | None:
    """Turn the noun phrase headed by `head` into an actor, or None if it names no actor."""
    if head.idx < _dateline_end(head.doc):
        # "QUETTA, Pakistan - Pakistani troops killed": the parse may make the filing city the subject and the
        # troops its apposition (or the country's: "MANILA, Philippines - The Islamic State group claimed"); the
        # doer is the first phrase after the dateline, the city is none.
        end = _dateline_end(head.doc)
        told = next(
            (t for t in head.subtree if t.idx >= end and t.head.idx < end and t.dep_ in ("appos", "conj")), None
        )
        return resolve_phrase(told) if told is not None else None
    toks = phrase_tokens(head)
    doc = head.doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = doc.text[start:end]
    span = Span(start, end, text)
    hit = dictionary_hit(text)
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
        return ActorRef(kept_name(toks, head), 3, None, span, text, "kept")
    return None


def _named_by(head: Token) -> ActorRef | None:
    """'a group called the Movement for X', 'an armed group known as Y', 'the militant outfit, Z,': the name the
    phrase gives the body it speaks of."""
    if head.lemma_.lower() not in BODY_NOUNS:
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


def kept_name(toks: list[Token], head: Token) -> str:
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
    "govt",
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
