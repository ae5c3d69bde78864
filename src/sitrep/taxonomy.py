"""ACLED's event types, sub-event types, disorder types and actor codes: data, not logic (but for small lookups).

Source: ACLED codebook as summarised in ../shared/notes/anchors.md section 1 (acledR vignettes).
"""

from __future__ import annotations

__all__ = [
    "BATTLES",
    "EXPLOSIONS",
    "VAC",
    "PROTESTS",
    "RIOTS",
    "STRATEGIC",
    "EVENT_TYPES",
    "SUB_EVENT_TYPES",
    "VIOLENT_TYPES",
    "INTER_CODES",
    "disorder_type",
    "interaction_code",
    "event_type_of",
    "SUB_EVENT_PHRASES",
    "event_phrase",
]

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# Sub-event type -> event type, in the codebook's order.
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": BATTLES,
    "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Chemical weapon": EXPLOSIONS,
    "Air/drone strike": EXPLOSIONS,
    "Suicide bomb": EXPLOSIONS,
    "Shelling/artillery/missile attack": EXPLOSIONS,
    "Remote explosive/landmine/IED": EXPLOSIONS,
    "Grenade": EXPLOSIONS,
    "Sexual violence": VAC,
    "Attack": VAC,
    "Abduction/forced disappearance": VAC,
    "Peaceful protest": PROTESTS,
    "Protest with intervention": PROTESTS,
    "Excessive force against protesters": PROTESTS,
    "Violent demonstration": RIOTS,
    "Mob violence": RIOTS,
    "Agreement": STRATEGIC,
    "Arrests": STRATEGIC,
    "Change to group/activity": STRATEGIC,
    "Disrupted weapons use": STRATEGIC,
    "Headquarters or base established": STRATEGIC,
    "Looting/property destruction": STRATEGIC,
    "Non-violent transfer of territory": STRATEGIC,
    "Other": STRATEGIC,
}

# How a generated note names each sub-event type after "carried out" (or "held", for protests): with its
# article, in lower case but for acronyms ("a remote explosive/landmine/IED attack", "an air/drone strike").
SUB_EVENT_PHRASES: dict[str, str] = {
    "Armed clash": "an armed clash",
    "Government regains territory": "a recapture of territory",
    "Non-state actor overtakes territory": "a takeover of territory",
    "Chemical weapon": "a chemical weapon attack",
    "Air/drone strike": "an air/drone strike",
    "Suicide bomb": "a suicide bombing",
    "Shelling/artillery/missile attack": "a shelling/artillery/missile attack",
    "Remote explosive/landmine/IED": "a remote explosive/landmine/IED attack",
    "Grenade": "a grenade attack",
    "Sexual violence": "sexual violence",
    "Attack": "an attack",
    "Abduction/forced disappearance": "an abduction/forced disappearance",
    "Peaceful protest": "a peaceful protest",
    "Protest with intervention": "a protest, met with intervention",
    "Excessive force against protesters": "a protest, met with excessive force",
    "Violent demonstration": "a violent demonstration",
    "Mob violence": "mob violence",
    "Agreement": "an agreement",
    "Arrests": "arrests",
    "Change to group/activity": "a change to group/activity",
    "Disrupted weapons use": "a disruption of weapons use",
    "Headquarters or base established": "the establishment of a headquarters or base",
    "Looting/property destruction": "looting/property destruction",
    "Non-violent transfer of territory": "a non-violent transfer of territory",
    "Other": "an event",
}

EVENT_TYPES = (BATTLES, EXPLOSIONS, VAC, PROTESTS, RIOTS, STRATEGIC)
VIOLENT_TYPES = frozenset({BATTLES, EXPLOSIONS, VAC, RIOTS})

INTER_CODES: dict[int, str] = {
    1: "State Forces",
    2: "Rebel Groups",
    3: "Political Militias",
    4: "Identity Militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other Forces",
}


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to (KeyError for an unknown sub-type)."""
    return SUB_EVENT_TYPES[sub_event_type]


def event_phrase(sub_event_type: str, target: str = "") -> str:
    """What a note says was done: "carried out an air/drone strike against X", "held a peaceful protest".

    Args:
        sub_event_type: the event's sub-event type (an unknown one is named as written, lower case).
        target: actor2, if any: whom the violence was against, or who met the protesters ("held a protest, met
            with intervention by Police Forces of X").
    """
    what = SUB_EVENT_PHRASES.get(sub_event_type)
    if what is None:
        what = sub_event_type.lower() or "an event"
    if SUB_EVENT_TYPES.get(sub_event_type) == PROTESTS:  # actor2 of a protest is who met it, mostly police
        if not target:
            return f"held {what}"
        return f"held {what}" + (" by " if what.endswith(("intervention", "force")) else ", facing ") + target
    return f"carried out {what}" + (f" against {target}" if target else "")


def disorder_type(sub_event_type: str) -> str:
    """ACLED's 2023 disorder_type column for a sub-event type."""
    event_type = SUB_EVENT_TYPES[sub_event_type]
    if event_type == STRATEGIC:
        return "Strategic developments"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in (PROTESTS, RIOTS):
        return "Demonstrations" if sub_event_type != "Mob violence" else "Political violence"
    return "Political violence"


def interaction_code(inter1: int, inter2: int) -> int:
    """Two-digit interaction code, smallest code first; one-sided events use 0 for the missing side."""
    if not inter1 and not inter2:
        return 0
    if not inter2 or not inter1:
        return (inter1 or inter2) * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
