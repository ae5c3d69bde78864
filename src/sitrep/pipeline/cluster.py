"""A cluster: the mentions believed to report one event, as merge groups them and record codes them.

Shared by merge.py (which builds and joins clusters) and record.py (which turns one into an EventRecord),
so that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep import taxonomy
from sitrep.model import ActorRef, EventDate, Mention, Place
from sitrep.pipeline.actors import generic_kind

__all__ = ["Cluster", "strength", "is_generic", "INCIDENTAL", "SPECIFICITY"]

INCIDENTAL = "Looting/property destruction"

# Sub-event types from most to least specific: a cluster takes the most specific one its mentions report.
SPECIFICITY = [
    "Suicide bomb", "Chemical weapon", "Remote explosive/landmine/IED", "Air/drone strike",
    "Shelling/artillery/missile attack", "Grenade", "Government regains territory",
    "Non-state actor overtakes territory", "Excessive force against protesters", "Abduction/forced disappearance",
    "Sexual violence", "Armed clash", "Mob violence", "Violent demonstration", "Protest with intervention",
    "Attack", "Peaceful protest", "Agreement", "Arrests", "Disrupted weapons use", "Looting/property destruction",
    "Non-violent transfer of territory", "Headquarters or base established", "Change to group/activity", "Other",
]  # fmt: skip


@dataclass
class Cluster:
    """Mentions believed to report one event (possibly at several places, split at the end)."""

    mentions: list[Mention] = field(default_factory=list)
    donors: list[Mention] = field(default_factory=list)  # aggregate mentions that lend claim/actor
    day: EventDate | None = None

    @property
    def typed(self) -> list[Mention]:
        return [m for m in self.mentions if m.sub_event_type]

    @property
    def head(self) -> Mention | None:
        """The mention with the strongest cue: it decides the type ('fighter jet' beats 'the bombing'). The
        body's reports before the headline's, which sum the event up in fewer words."""
        typed = self.typed
        if not typed:
            return None
        return max(
            typed,
            key=lambda m: (
                m.sub_event_type != INCIDENTAL,
                bool(m.cues),  # a report joined only for its words and places (merge) has no say
                not m.headline,
                strength(m),
                -SPECIFICITY.index(m.sub_event_type),
            ),
        )

    @property
    def sub_event_type(self) -> str:
        head = self.head
        return head.sub_event_type if head else ""

    @property
    def event_type(self) -> str:
        sub = self.sub_event_type
        return taxonomy.event_type_of(sub) if sub else ""

    @property
    def places(self) -> list[Place]:
        return [p for m in self.mentions for p in m.places]

    @property
    def paragraph(self) -> int:
        return self.mentions[-1].paragraph

    @property
    def section(self) -> int:
        """The story of the page the event is told in (sitrep.text.layout); 0 on a one-story page."""
        return self.mentions[0].section

    def actor1(self) -> ActorRef | None:
        """A named group from a typed mention, else the strongest typed mention's actor, else anyone's."""
        head = self.head
        if head is not None and head.actor1 is not None and generic_kind(head.actor1) != "armed":
            return head.actor1  # the report that fixes the event's kind also says who did it
        typed = sorted(self.typed, key=strength, reverse=True)
        # Reports of the same kind as the head first ("the military bombed" for an air strike), then others.
        same = [m for m in typed if head is not None and m.sub_event_type == head.sub_event_type]
        known = lambda a: a is not None and generic_kind(a) != "armed"  # noqa: E731
        for candidates in (
            [m.actor1 for m in same if known(m.actor1)],
            [m.actor1 for m in typed if m.actor1 and not is_generic(m.actor1)],
            [m.actor1 for m in typed if m.actor1],
            [m.actor1 for m in self.mentions if m.actor1],
        ):
            if candidates:
                return candidates[0]
        return None

    def explicit_day(self) -> EventDate | None:
        # A day guessed from tense alone ("has killed": the story's day) never splits or joins events.
        days = [m.date for m in self.mentions if m.date is not None and m.date.basis != "tense"]
        return min(days, key=lambda d: d.time_precision) if days else None


def strength(mention: Mention) -> int:
    """The priority of a mention's strongest event cue (see data/triggers.tsv)."""
    return max((c.priority for c in mention.cues), default=0)


def is_generic(actor: ActorRef) -> bool:
    return generic_kind(actor) is not None
