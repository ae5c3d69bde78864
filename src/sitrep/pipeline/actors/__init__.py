"""Stage 3, actors: who did it (actor1), who was hit (actor2), who claimed it, and who died.

Roles come from the dependency parse around each cue (subject of "detonated", "by" agents, possessives
such as "the BLA's squad", "Indian offensive"), names from the actor dictionary (data/actors.tsv), and
generic groups from word classes: soldiers -> Military Forces of X, gunmen -> Unidentified Armed Group (X),
villagers -> Civilians (X). A group we do not know is kept as written, never dropped. Whoever tells of an
event (the subject of "said", "according to X"), blames or suspects someone, or is hit by it is not its doer;
a claim of responsibility names the doer of the events it speaks of.
Countries of generic actors are left open here when the text does not say; `merge` fills them from the
event's place.

    names.py    a noun phrase -> an actor (dictionary, ACLED's generic names, word classes)
    roles.py    agents and patients around a cue; sources and targets, who are no doers
    claims.py   claims of responsibility and statements of who did it, lent to their events
    assign.py   the stage: actor1, actor2, associated actors, claimant and victims of each mention
"""

from sitrep.pipeline.actors.assign import actors
from sitrep.pipeline.actors.names import (
    ARMED,
    CIVILIAN,
    GENERIC_PREFIXES,
    MILITARY,
    POLICE,
    generic_kind,
    generic_name,
    resolve_phrase,
)

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
