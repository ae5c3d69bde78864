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

from sitrep import taxonomy
from sitrep.model import Mention
from sitrep.pipeline.annotate import AnnotatedArticle
from sitrep.pipeline.lexicon import cue_lexicon

__all__ = ["classify", "sub_event_type_for"]

_ARMED_INTERS = {1, 2, 3, 4, 8}
_STRIKE = re.compile(r"\bstr(?:ike|ikes|uck|iking)\b")
_MISSILE = re.compile(r"\b(?:missile|rocket|artillery)s?\b")


def _cue_list(mention: Mention) -> list[tuple[str, str, int]]:
    """(kind, value, priority) for each cue of the mention."""
    priorities = {c.cue: c.priority for cues in cue_lexicon().values() for c in cues}
    out = []
    for raw in mention.cues:
        label = raw.split("@")[0]
        kind, _, value = label.partition(":")
        out.append((kind, value, priorities.get(label, 0)))
    return out


def sub_event_type_for(mention: Mention) -> str | None:
    """The ACLED sub-event type this mention reports, or None if it reports no codable event."""
    cues = _cue_list(mention)
    kinds = {k for k, _, _ in cues}
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
    if kinds & {"protest", "intervention"}:
        protesters_hit = any(t.inter == 6 for t in targets) or "protester" in text or "demonstrator" in text
        if (killed and protesters_hit) or ("open fire" in text or "opened fire" in text or "live ammunition" in text):
            return "Excessive force against protesters"
        if kinds & {"riot", "mob"}:
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
    if "territory" in kinds:
        value = max((c for c in cues if c[0] == "territory"), key=lambda c: c[2])[1]
        if a1 == 1:
            return "Government regains territory"
        if a1 in (2, 3, 4) or value == "take":
            return "Non-state actor overtakes territory" if a1 != 1 else "Government regains territory"
    weapons = [c for c in cues if c[0] == "weapon"]
    if "battle" in kinds:
        # Explosions inside a battle belong to the battle; one-sided weapon use with a "battle" word
        # only in passing (e.g. "ambush" by a roadside bomb) stays an explosion.
        battle_priority = max(c[2] for c in cues if c[0] == "battle")
        if not weapons or battle_priority >= 45 or max(c[2] for c in weapons) < 60:
            return "Armed clash"
    if weapons:
        return max(weapons, key=lambda c: c[2])[1]
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
            return "Attack" if a1 != 1 else "Armed clash"
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


def classify(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Give every mention its event type and sub-event type; drop mentions that code to no event."""
    out = []
    for m in mentions:
        sub = sub_event_type_for(m)
        if sub is None:
            if m.anaphoric or m.killed:
                out.append(m)  # deaths that belong to an event told nearby; merge decides
            continue
        out.append(replace(m, event_type=taxonomy.event_type_of(sub), sub_event_type=sub))
    return tuple(out)
