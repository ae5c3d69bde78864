"""Stage 7, classify: settle each mention's ACLED event type and sub-event type.

The cues say what means were used, the actors say who hit whom; ACLED's rules combine them:
explosions inside a battle belong to the battle; an attack on soldiers is a battle, on civilians violence
against civilians; a state regaining a place is "Government regains territory", a non-state group taking
one "Non-state actor overtakes territory"; a protest met with tear gas is "Protest with intervention",
with lethal force "Excessive force against protesters"; a ceasefire is an Agreement.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep import taxonomy
from sitrep.model import ActorRef, Count, Mention, Span
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.lexicon import cue_heads

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["classify", "sub_event_type_for"]

_ARMED_INTERS = {1, 2, 3, 4, 8}
_STRIKE = re.compile(r"\bstr(?:ike|ikes|uck|iking)\b")
_MISSILE = re.compile(r"\b(?:missile|rocket|artillery)s?\b")


def _cue_list(mention: Mention) -> list[tuple[str, str, int]]:
    """(kind, value, priority) for each cue of the mention."""
    out = []
    for cue in mention.cues:
        kind, _, value = cue.label.partition(":")
        out.append((kind, value, cue.priority))
    return out


# Below this priority a cue word ("attack", "fight", "strike", "beat") is as common in sport and politics as
# in war: it reports an event only with support from deaths, a weapon, or an armed actor the text names.
STRONG_PRIORITY = 40
_GENERIC_BOMB = 56  # "bomb", "bombing", "blast", "explosion": the means is unsaid
_DISRUPTING = {"destroy", "intercept", "down", "shoot", "bring", "neutralise", "neutralize", "repel", "defuse", "jam"}


def _inferred(actor: ActorRef | None) -> bool:
    """An actor read off a bare country name ("Morocco beat Portugal") rather than named as a force."""
    return actor is None or actor.basis in ("country", "converted")


# Deaths of animals ("150 beached whales died", "40 cattle were killed") are no casualties of political violence.
_ANIMALS = {
    "whale", "dolphin", "animal", "cattle", "cow", "goat", "sheep", "camel", "livestock", "bird", "fish", "dog",
    "horse", "donkey", "elephant", "lion", "tiger", "rhino", "pig", "chicken", "poultry", "seal", "turtle",
}  # fmt: skip


def _people(count: Count) -> bool:
    who = (count.who or "").lower()
    return who not in _ANIMALS and who.rstrip("s") not in _ANIMALS and who.removesuffix("es") not in _ANIMALS


def has_support(mention: Mention) -> bool:
    """Whether a mention whose cues are all weak still reports violence."""
    if any(c.value > 0 and not c.running and _people(c) for c in (*mention.killed, *mention.injured)):
        return True
    for actor in (mention.actor1, mention.actor2, *mention.victims, *mention.assoc_actor_1):
        if actor is not None and not _inferred(actor) and actor.inter in (1, 2, 3, 4, 8):
            return True
    return False


# Who detonates a bomb to make it safe: "bomb disposal experts safely detonated an old shell".
_MAKERS_SAFE = {"disposal", "sapper", "squad", "deminer", "demining", "expert", "technician", "engineer"}


def _made_safe(verb: Token) -> bool:
    """A controlled detonation: its doer is a bomb squad, or it was done "safely" / under control."""
    if verb.lemma_.lower() not in ("detonate", "explode", "destroy", "blow"):
        return False
    doers = [t for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]
    return any(t.lemma_.lower() in _MAKERS_SAFE for t in doers) or any(
        c.lower_ in ("safely", "harmlessly") for c in verb.children
    )


def _disrupted(annotated: AnnotatedArticle, mention: Mention) -> bool:
    """Missiles or drones that were shot down, intercepted or destroyed: the weapon is the object; or a bomb
    that a bomb squad detonated to make it safe."""
    for _, tok in cue_heads(annotated.doc, mention.cues, {"weapon"}):
        if tok.dep_ in ("dobj", "nsubjpass", "pobj") and tok.head.lemma_.lower() in _DISRUPTING:
            return True
        if tok.dep_ in ("dobj", "nsubjpass") and _made_safe(tok.head):
            return True
        if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in _DISRUPTING:
            return True
    return False


_PLACE_NOUNS = {
    "town",
    "city",
    "village",
    "camp",
    "base",
    "compound",
    "area",
    "district",
    "region",
    "territory",
    "province",
    "hill",
    "airport",
    "palace",
    "headquarters",
    "control",
    "position",
    "outpost",
    "post",
    "checkpoint",
    "garrison",
    "neighbourhood",
    "neighborhood",
    "settlement",
    "locality",
    "county",
}


def _takes_place(annotated: AnnotatedArticle, mention: Mention) -> bool:
    """Territory changes hands only when what is seized is a place, not people or weapons."""
    for _, tok in cue_heads(annotated.doc, mention.cues, {"territory"}):
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
        objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if tok.dep_ in ("pobj", "dobj") or tok.pos_ == "NOUN":
            objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        for o in objs:
            if o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in _PLACE_NOUNS:
                return True
    return False


# Disasters and accidents kill too; they are not political violence.
_HAZARDS = {
    "earthquake", "quake", "tremor", "tsunami", "flood", "flooding", "landslide", "mudslide", "cyclone",
    "hurricane", "typhoon", "rainstorm", "tornado", "avalanche", "eruption", "volcano", "lightning", "heatwave",
    "drought", "epidemic", "outbreak", "virus", "disease", "cholera", "accident", "crash", "collision",
    "derailment", "leak", "leakage", "stampede", "blaze", "wildfire", "collapse", "drowning",
}  # fmt: skip
_WEAPON_OBJECTS = {
    "weapon", "rifle", "gun", "pistol", "ammunition", "arm", "explosive", "grenade", "launcher", "bomb",
    "missile", "rocket", "drone", "mortar", "ied", "detonator", "cache", "kalashnikov", "munition", "round",
}  # fmt: skip


# What crashes, sinks or gives way by accident ("died when a crowded bus plunged into a ravine") and what blows
# up by accident ("a gas cylinder exploded in a house"): never the weapon of an attack. (A car or bus that
# explodes is a car bomb: vehicles are only accident things with the verbs of crashing.)
_CRASHING = {"plunge", "crash", "overturn", "collide", "capsize", "derail", "sink", "skid", "topple", "veer"}
_VEHICLES_AND_BUILDINGS = {
    "bus", "minibus", "lorry", "truck", "car", "van", "vehicle", "train", "boat", "ferry", "ship", "vessel",
    "plane", "aircraft", "jet", "helicopter", "motorcycle", "building", "roof", "bridge", "wall", "tower",
}  # fmt: skip
_BLOWING_UP = {"explode", "burst", "blow", "catch", "ignite"}
_BLAST_THINGS = {
    "cylinder", "boiler", "tanker", "transformer", "pipeline", "generator", "stove", "firework", "fireworks",
    "reactor", "furnace", "kiln", "canister", "cooker", "compressor",
}  # fmt: skip


# Words that put violence beside a crash or a blast: then it is no accident.
_WEAPONRY = {
    "explosive", "bomb", "bomber", "suicide", "ied", "militant", "attacker", "gunman", "gunmen", "missile",
    "rocket", "grenade", "shoot", "attack", "booby", "rig",
}  # fmt: skip


def _accident(annotated: AnnotatedArticle, mention: Mention) -> bool:
    """Deaths in an accident: a vehicle or building that crashed, sank or gave way, or a gas cylinder, boiler
    or tanker that blew up ("Ten people died when a bus plunged into a ravine", "a boiler exploded at a
    factory, killing five"), told by the cue's own clause or a clause hanging from it ("when ..."), with no
    doer named ("gunmen opened fire on a bus, killing ten, before the bus overturned" is an attack)."""
    if mention.actor1 is not None:
        return False
    for _, tok in cue_heads(annotated.doc, mention.cues):
        if any(t.lemma_.lower() in _WEAPONRY for t in tok.sent):
            return False  # "a tanker packed with explosives exploded", "the helicopter crashed after a missile hit it"
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        clauses = [verb, *(c for c in verb.children if c.dep_ == "advcl")]
        if verb.dep_ == "advcl":
            clauses.append(verb.head)  # "a boiler exploded ..., killing five": the cue hangs from the blast
            clauses.extend(c for c in verb.head.children if c.dep_ == "conj" and c.pos_ == "VERB")
            if verb.head.dep_ == "conj":
                clauses.append(verb.head.head)
        for clause in clauses:
            lemma = clause.lemma_.lower()
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects and clause.dep_ == "conj":
                # "a fuel tanker overturned and caught fire": the second verb shares the first one's subject
                subjects = [c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if lemma in _CRASHING and any(c.lemma_.lower() in _VEHICLES_AND_BUILDINGS for c in subjects):
                return True
            if lemma in _BLOWING_UP and any(c.lemma_.lower() in _BLAST_THINGS for c in subjects):
                return True
    return False


def _hazard(annotated: AnnotatedArticle, mention: Mention) -> bool:
    """'An earthquake struck ..., killing two', 'a chlorine gas leakage': deaths with no human doer."""
    for _, tok in cue_heads(annotated.doc, mention.cues):
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "agent", "nsubjpass") and (
                c.lemma_.lower() in _HAZARDS
                or any(t.lemma_.lower() in _HAZARDS for t in c.subtree if t.dep_ in ("compound", "pobj"))
            ):
                return True
        if tok.lemma_.lower() in _HAZARDS or any(
            c.lemma_.lower() in _HAZARDS for c in tok.children if c.dep_ in ("compound", "amod")
        ):
            return True
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in _HAZARDS:
            return True
    return False


_FINDING = {"seize", "find", "discover", "recover", "uncover", "confiscate", "capture", "unearth", "impound"}


def _seized_weapons(annotated: AnnotatedArticle, mention: Mention) -> bool:
    """'Police seized 50 rifles', 'a stash of firearms was found': weapons taken, not territory or a blast."""
    doc = annotated.doc
    for i in mention.scope:
        verb = doc[i]
        if verb.lemma_.lower() not in _FINDING or verb.pos_ != "VERB":
            continue
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        objs += [cj for o in objs for cj in o.conjuncts]
        objs += [g for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        if any(o.lemma_.lower() in _WEAPON_OBJECTS or o.lemma_.lower() in ("firearm", "stash", "cache") for o in objs):
            return not any(c.value for c in mention.killed)
    return False


def _labour_strike(annotated: AnnotatedArticle, mention: Mention) -> bool:
    """All the 'attack' cues of a protest mention are the word 'strike'."""
    attack = [t for _, t in cue_heads(annotated.doc, mention.cues, {"attack"})]
    return bool(attack) and all(t.lemma_.lower() == "strike" for t in attack)


def _embedded(tok: Token) -> bool:
    """Inside a relative, noun-modifying or reported clause."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl", "ccomp", "csubj"):
            return True
        cur = cur.head
    return False


def _embedded_only(annotated: AnnotatedArticle, mention: Mention, kind: str) -> bool:
    """All cues of `kind` are embedded while some other violent cue is not."""
    heads = cue_heads(annotated.doc, mention.cues)
    of_kind = [t for label, t in heads if label.startswith(kind)]
    others = [
        t for label, t in heads if label.split(":")[0] in ("attack", "battle", "weapon") and not label.startswith(kind)
    ]
    return bool(of_kind) and all(_embedded(t) for t in of_kind) and any(not _embedded(t) for t in others)


def _depth(tok: Token) -> int:
    return sum(1 for _ in tok.ancestors)


def _main_kind(annotated: AnnotatedArticle, mention: Mention) -> str | None:
    """The kind of the cue nearest the root of its sentence: the event the sentence is about.

    "Peace talks started despite air strikes" is about an agreement; "warplanes bombed towns where a
    ceasefire had been declared" is about the bombing.
    """
    ranked = []
    for cue in mention.cues:
        kind = cue.label.split(":")[0]
        if kind in ("kill", "claim"):
            continue
        ranked.append((_depth(annotated.doc[cue.start : cue.end].root), -cue.priority, kind))
    return min(ranked)[2] if ranked else None


def sub_event_type_for(mention: Mention, annotated: AnnotatedArticle | None = None) -> str | None:
    """The ACLED sub-event type this mention reports, or None if it reports no codable event."""
    cues = _cue_list(mention)
    kinds = {k for k, _, _ in cues}
    if annotated is not None:
        if _hazard(annotated, mention) or _accident(annotated, mention):
            return None
        if _seized_weapons(annotated, mention):
            return "Disrupted weapons use"
        if kinds & {"protest"} and _labour_strike(annotated, mention):
            # "staged a protest and went on an indefinite strike": a strike is a protest, not an attack.
            cues = [c for c in cues if c[0] != "attack"]
            kinds = {k for k, _, _ in cues}
        if _embedded_only(annotated, mention, "vac"):
            # "stormed a compound ..., ending a standoff with prisoners who had taken staff hostage": the
            # hostage-taking is told inside a description; the sentence reports the storming.
            cues = [c for c in cues if c[0] != "vac"]
            kinds = {k for k, _, _ in cues}
        main = _main_kind(annotated, mention)
        if main == "sd" and kinds & {"weapon", "attack", "battle"}:
            # The violence is told in passing; the sentence reports the development.
            cues = [c for c in cues if c[0] not in ("weapon", "attack", "battle", "kill")]
            kinds = {k for k, _, _ in cues}
        elif main in ("weapon", "attack", "battle", "territory", "vac") and "sd" in kinds:
            cues = [c for c in cues if not (c[0] == "sd" and c[1] in ("Agreement", "Arrests"))]
            kinds = {k for k, _, _ in cues}
    strong = [
        c
        for c in cues
        if c[0] not in ("attack", "kill", "claim", "battle") or (c[0] == "battle" and c[2] >= STRONG_PRIORITY)
    ]
    if not strong and not has_support(mention):
        return None
    if annotated is not None and _disrupted(annotated, mention) and not any(c.value for c in mention.killed):
        return "Disrupted weapons use"
    killed = sum(c.value for c in mention.killed if not c.running)
    a1 = mention.actor1.inter if mention.actor1 else 0
    targets = [a for a in (mention.actor2, *mention.victims) if a is not None]
    target_inters = {t.inter for t in targets}
    text = mention.sentence.text.lower()

    violent = kinds & {"weapon", "attack", "battle", "territory", "vac"}
    if "sd" in kinds:
        sd = max((c for c in cues if c[0] == "sd"), key=lambda c: c[2])[1]
        if sd == "Agreement" and not (violent and killed):
            return "Agreement"
        if sd == "Disrupted weapons use" and not killed:
            return "Disrupted weapons use"
    if kinds & {"protest", "intervention"} or a1 in (5, 6) or 6 in target_inters:
        protesters_hit = any(t.inter == 6 for t in targets) or "protester" in text or "demonstrator" in text
        lethal = "open fire" in text or "opened fire" in text or "live ammunition" in text
        state_present = a1 in (1, 8, 0) or bool(target_inters & {1, 8})
        if state_present and protesters_hit and (killed or lethal):
            return "Excessive force against protesters"
        if a1 in (5, 6, 7) and kinds & {"battle", "attack", "weapon"}:
            return "Violent demonstration"  # demonstrators who fight are rioters
        if any(c[1] == "Looting/property destruction" for c in cues) and a1 not in (1, 8):
            return "Violent demonstration"  # a crowd that loots or burns is rioting
        if 6 in target_inters and a1 not in (1, 8) and kinds & {"attack", "battle"}:
            return "Mob violence"  # a crowd or group attacking a demonstration
    if kinds & {"protest", "intervention"}:
        protesters_hit = any(t.inter == 6 for t in targets) or "protester" in text or "demonstrator" in text
        if (killed and protesters_hit) or ("open fire" in text or "opened fire" in text or "live ammunition" in text):
            return "Excessive force against protesters"
        if kinds & {"riot", "mob"} or any(c[0] == "battle" and c[2] >= STRONG_PRIORITY - 2 for c in cues):
            # Demonstrators who riot, or who clash with the police, are rioters (ACLED).
            return "Mob violence" if "mob" in kinds else "Violent demonstration"
        if "intervention" in kinds:
            return "Protest with intervention"
        if not violent:
            return "Peaceful protest"
    if "mob" in kinds and not kinds & {"weapon", "battle"}:
        return "Mob violence"
    if "riot" in kinds and not violent:
        if "riot" in text or "rioter" in text or "violent protest" in text or "stone" in text or "pelt" in text:
            return "Violent demonstration"
        return "Looting/property destruction"
    if "territory" in kinds and (annotated is None or _takes_place(annotated, mention)):
        value = max((c for c in cues if c[0] == "territory"), key=lambda c: c[2])[1]
        if a1 == 1:
            return "Government regains territory"
        if a1 in (2, 3, 4) or value == "take":
            return "Non-state actor overtakes territory" if a1 != 1 else "Government regains territory"
    # Burning vehicles or a house with nobody hurt is destruction of property (ACLED), whoever did it.
    destruction = "riot" in kinds or any(c[1] == "Looting/property destruction" for c in cues)
    hurt = killed or any(c.value for c in mention.injured)
    violence = any(c[0] in ("weapon", "vac", "battle") and c[2] >= STRONG_PRIORITY for c in cues)
    if destruction and not hurt and not violence and a1 not in (5, 6):
        return "Looting/property destruction"
    # A weak weapon word ("mine") does not outrank a clear report of something else ("abducted miners").
    weapons = [c for c in cues if c[0] == "weapon" and (c[2] >= STRONG_PRIORITY or not kinds & {"vac", "battle"})]
    if "battle" in kinds:
        # Explosions inside a battle belong to the battle; one-sided weapon use with a "battle" word
        # only in passing (e.g. "ambush" by a roadside bomb) stays an explosion.
        battle_priority = max(c[2] for c in cues if c[0] == "battle")
        if not weapons or battle_priority >= 45 or max(c[2] for c in weapons) < 60:
            return "Armed clash"
    if weapons:
        best = max(weapons, key=lambda c: c[2])
        if best[2] <= _GENERIC_BOMB and a1 in (1, 8):
            return "Air/drone strike"  # state forces drop bombs from aircraft; they do not plant them
        return best[1]
    vac = [c for c in cues if c[0] == "vac"]
    if vac:
        return max(vac, key=lambda c: c[2])[1]
    if "attack" in kinds or "kill" in kinds:
        if _STRIKE.search(text) and a1 in (1, 8) and not target_inters & {7}:
            # A state's "strikes" are delivered from the air or by missiles, not by troops on the ground.
            return "Shelling/artillery/missile attack" if _MISSILE.search(text) else "Air/drone strike"
        if target_inters & {7}:
            return "Attack"
        if target_inters & _ARMED_INTERS:
            return "Armed clash"
        if a1 in _ARMED_INTERS and "attack" in kinds:
            # Without an armed side hit, one-sided violence: by state forces too ("a drug suspect was killed
            # during a police raid"), unless nobody was hurt and no one is named as hit.
            return "Attack" if a1 != 1 or killed else "Armed clash"
        if "kill" in kinds and killed:
            return "Attack"
        if "attack" in kinds:
            return "Attack"
        return None
    if "sd" in kinds:
        return max((c for c in cues if c[0] == "sd"), key=lambda c: c[2])[1]
    if "riot" in kinds:
        return "Violent demonstration"
    return None


def _weapon(annotated: AnnotatedArticle, mention: Mention) -> Span | None:
    """The device the mention names ("a roadside bomb", "IEDs", "mortar shells"): the words of its strongest
    weapon cue whose head is a noun. A verb ("detonated", "shelled") names the act, not the device: None."""
    doc = annotated.doc
    found = []
    for cue in mention.cues:
        words = doc[cue.start : cue.end]
        if cue.kind == "weapon" and words.root.pos_ in ("NOUN", "PROPN"):
            found.append((cue.priority, -cue.start, words))
    if not found:
        return None
    words = max(found, key=lambda f: (f[0], f[1]))[2]
    return Span(words.start_char, words.end_char, words.text)


def classify(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Give every mention its event type and sub-event type, and an explosion its weapon; drop mentions that
    code to no event."""
    out = []
    for m in mentions:
        sub = sub_event_type_for(m, annotated)
        if sub is None:
            if m.anaphoric or m.killed:
                out.append(m)  # deaths that belong to an event told nearby; merge decides
            continue
        event_type = taxonomy.event_type_of(sub)
        weapon = _weapon(annotated, m) if event_type == taxonomy.EXPLOSIONS else None
        out.append(replace(m, event_type=event_type, sub_event_type=sub, weapon=weapon and weapon.text,
                           weapon_span=weapon))  # fmt: skip
    return tuple(out)
