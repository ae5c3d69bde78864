"""Actors: who did it, against who said so.

A report quotes police, officials, the army or residents for the facts; none of them is the perpetrator unless
the text says they acted. State forces are named by an adjective and a weapon or unit ("Russian shelling",
"a Saudi-led coalition air strike", "Israeli jets"), and a careful coder names them "Military Forces of X" (the
government period is not checked). A group that claims an attack is coded as its actor; gunmen nobody names are
an Unidentified Armed Group. A state's troops that a group ambushes, or that "came under fire from" it, are the
target, never actor1; nor is a force whose men were killed and whose spokesman, or an official who "told
Reuters", gives the facts.
"""

from __future__ import annotations

from sitrep.evaluate.behaviour.cases import Expectation
from sitrep.evaluate.behaviour.compose import (
    ASSAULTS,
    POLICE_SOURCES,
    Draft,
    Draw,
    Template,
    capitalise,
    incident_town,
)
from sitrep.evaluate.behaviour.words import WEEKDAYS, Group, StateForce, Town, WordLists

__all__ = ["TEMPLATES", "UNIDENTIFIED"]

UNIDENTIFIED = ("Unidentified Armed Group",)
POLICE = ("Police Forces of",)


def _group_town(draw: Draw, words: WordLists) -> tuple[Group, Town]:
    group = draw.pick(words.groups)
    country = draw.pick([c for c in group.countries if words.towns_in(c)])
    return group, incident_town(draw, words, country)


def _state_town(draw: Draw, words: WordLists) -> tuple[StateForce, Town]:
    force = draw.pick(words.state_forces)
    country = draw.pick([c for c in force.theatres if words.towns_in(c)])
    return force, incident_town(draw, words, country)


def _assault(draw: Draw, members: str, town: Town, weekday: str) -> tuple[str, int]:
    verb, target, victims = draw.pick(ASSAULTS)
    n = draw.count(2, 25)
    return f"{members} {verb} {target} in {town.name} on {weekday}, killing {draw.number(n)} {victims}", n


def source_after(draw: Draw, words: WordLists) -> list[Draft]:
    """ "..., police said": the group is the actor, the police only the source."""
    group, town = _group_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    clause, _ = _assault(draw, capitalise(group.members), town, weekday)
    text = f"{clause}, {draw.pick(POLICE_SOURCES)}."
    return [Draft("MFT", text, published, Expectation(violent=1, actor1=group.acled, not_actor1=POLICE))]


_SOURCE_FIRST = (
    "Police said {members} had {clause}.",
    "According to police, {members} {clause}.",
    "A police official, who asked not to be named, told reporters that {members} had {clause}.",
    "{Demonym} police said on {published_weekday} that {members} {clause}.",
    "Police in {town} said {members} {clause}, and that officers were searching the area.",
)


def source_first(draw: Draw, words: WordLists) -> list[Draft]:
    """The police named first, as the ones who speak."""
    group, town = _group_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    verb, target, victims = draw.pick(ASSAULTS)
    n = draw.count(2, 25)
    form = draw.pick(_SOURCE_FIRST)
    where = "" if "{town}" in form else f" in {town.name}"
    clause = f"{verb} {target}{where} on {weekday}, killing {draw.number(n)} {victims}"
    text = form.format(
        members=group.members,
        clause=clause,
        town=town.name,
        Demonym=words.country(town.country).demonym,
        published_weekday=WEEKDAYS[published.weekday()],
    )
    return [Draft("INV", capitalise(text), published, Expectation(violent=1, actor1=group.acled, not_actor1=POLICE))]


def army_source(draw: Draw, words: WordLists) -> list[Draft]:
    """The army tells of its own losses: the army is the target (actor2), the group the actor."""
    group, town = _group_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(2, 20)
    text = draw.pick(
        (
            (
                f"The army said {draw.number(n)} soldiers were killed when {group.members} attacked a base in "
                f"{town.name} on {weekday}."
            ),
            (
                f"{draw.number(n, start=True)} soldiers were killed when {group.members} stormed their post in "
                f"{town.name} on {weekday}, the military said in a statement."
            ),
            (
                f"An army spokesman said {group.members} ambushed a patrol near {town.name} on {weekday}, killing "
                f"{draw.number(n)} soldiers."
            ),
        )
    )
    expect = Expectation(violent=1, actor1=group.acled, not_actor1=POLICE)
    return [Draft("INV", text, published, expect, "the army as source and target")]


def unknown_gunmen(draw: Draw, words: WordLists) -> list[Draft]:
    """Nobody named: an Unidentified Armed Group, never the police who gave the facts."""
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    attackers = draw.pick(("Gunmen", "Unidentified gunmen", "Armed men on motorcycles", "Masked gunmen"))
    clause, _ = _assault(draw, attackers, town, weekday)
    text = f"{clause}, {draw.pick(POLICE_SOURCES)}."
    return [Draft("MFT", text, published, Expectation(violent=1, actor1=UNIDENTIFIED, not_actor1=POLICE))]


_AIR_FORMS = (
    "{Adj} jets bombed a market in {town} on {weekday}, killing {n} people, {source}.",
    "A {adj} drone strike on a car in {town} on {weekday} killed {n} people, {source}.",
    "{N} people were killed when {adj} warplanes struck a residential area of {town} on {weekday}, {source}.",
    "A {adj} air strike hit a house in {town} on {weekday}, killing {n} members of one family, {source}.",
)
_GROUND_FORMS = (
    "{Adj} shelling killed {n} civilians in {town} on {weekday}, {source}.",
    "{Adj} artillery pounded the outskirts of {town} on {weekday}, killing {n} people, {source}.",
    "{N} people were killed by {adj} mortar fire in {town} on {weekday}, {source}.",
)


def _victim_source(draw: Draw, words: WordLists, town: Town) -> str:
    demonym = words.country(town.country).demonym
    return draw.pick(
        (
            f"{demonym} officials said",
            "local officials said",
            "the regional governor said",
            f"the {demonym} health ministry said",
            "residents and medics said",
        )
    )


def state_named(draw: Draw, words: WordLists) -> list[Draft]:
    """A state force named by adjective and weapon: Military Forces of that state."""
    force, town = _state_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(2, 30)
    adjective = force.adjective
    form = draw.pick(_AIR_FORMS if force.air_only else _AIR_FORMS + _GROUND_FORMS)
    text = form.format(
        Adj=capitalise(adjective),
        adj=adjective,
        n=draw.number(n),
        N=draw.number(n, start=True),
        town=town.name,
        weekday=weekday,
        source=_victim_source(draw, words, town),
    )
    if text.startswith("A ") and adjective[0] in "AEIO":  # "an Israeli", but "a Ukrainian", "a US"
        text = "An " + text[2:]
    return [Draft("MFT", text, published, Expectation(violent=1, actor1=force.acled), "state force by adjective")]


def own_forces(draw: Draw, words: WordLists) -> list[Draft]:
    """A state's military tells of its own strike on a named group: the state is the actor."""
    force, town = _state_town(draw, words)
    groups = [g for g in words.groups if town.country in g.countries]
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(3, 30)
    enemy = draw.pick(groups).members if groups else "militants"
    text = draw.pick(
        (
            (
                f"The {force.adjective} military said its jets struck positions of {enemy} near {town.name} on "
                f"{weekday}, killing {draw.number(n)} of them."
            ),
            (
                f"{capitalise(force.adjective)} forces killed {draw.number(n)} {enemy} in an air strike near "
                f"{town.name} on {weekday}, the military said."
            ),
        )
    )
    return [Draft("INV", text, published, Expectation(violent=1, actor1=force.acled), "a state's own report")]


_CLAIMS = (
    " {Group} claimed responsibility for the attack in a statement.",
    " In a statement posted online, {group} said its fighters had carried out the attack.",
    " {Group} later claimed the attack, saying it had targeted government collaborators.",
    " Hours later, {group} said it was behind the killings.",
)


def _claim(draw: Draw, group: Group) -> str:
    return draw.pick(_CLAIMS).format(Group=capitalise(group.name), group=group.name)


def claim(draw: Draw, words: WordLists) -> list[Draft]:
    """Anonymous attackers in the lede, a claim after: the claimant is the actor."""
    group, town = _group_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    clause, _ = _assault(draw, draw.pick(("Gunmen", "Militants", "Armed men")), town, weekday)
    base = f"{clause}, {draw.pick(POLICE_SOURCES)}."
    return [
        Draft("MFT", base, published, Expectation(violent=1, actor1=UNIDENTIFIED, not_actor1=POLICE), "no claim"),
        Draft(
            "DIR",
            base + _claim(draw, group),
            published,
            Expectation(violent=1, actor1=group.acled, not_actor1=POLICE),
            "claimed by a group",
        ),
    ]


def claim_bombing(draw: Draw, words: WordLists) -> list[Draft]:
    """A bombing with no actor in the lede, claimed in the next paragraph."""
    group, town = _group_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    weapon = draw.pick(words.weapons)
    n = draw.count(2, 30)
    text = (
        f"{capitalise(weapon.phrase)} {weapon.verb} at a busy market in {town.name} on {weekday}, killing "
        f"{draw.number(n)} people, {draw.pick(POLICE_SOURCES)}.\n\n{_claim(draw, group).strip()}"
    )
    return [Draft("INV", text, published, Expectation(violent=1, actor1=group.acled, not_actor1=POLICE), "claim")]


# The state's own forces as the ones hit: the attackers are actor1, the troops actor2 (never actor1).
_FORCES_HIT = (
    "{Members} ambushed a convoy of {adj} troops near {town} on {weekday}, killing {n} soldiers, {source}.",
    "{N} {adj} soldiers were killed when {members} attacked their patrol near {town} on {weekday}, {source}.",
    "{Adj} troops came under fire from {members} near {town} on {weekday}, and {n} soldiers were killed, {source}.",
    (
        "A base used by {adj} forces near {town} was stormed by {members} on {weekday}, leaving {n} soldiers dead, "
        "{source}."
    ),
    (
        "{Members} overran an outpost of the {adj} army outside {town} on {weekday}, killing {n} of its soldiers, "
        "{source}."
    ),
)
_ARMY_SOURCES = (
    "the army said",
    "a military spokesman told reporters",
    "officials told Reuters",
    "security sources told AFP",
    "the defence ministry said in a statement",
)


def forces_hit(draw: Draw, words: WordLists) -> list[Draft]:
    """A group attacks a state's troops: the group did it, the troops were hit, the speaker only tells."""
    group, town = _group_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(2, 25)
    adjective = words.country(town.country).demonym
    text = draw.pick(_FORCES_HIT).format(
        Members=capitalise(group.members),
        members=group.members,
        adj=adjective,
        Adj=capitalise(adjective),
        n=draw.number(n),
        N=draw.number(n, start=True),
        town=town.name,
        weekday=weekday,
        source=draw.pick(_ARMY_SOURCES),
    )
    expect = Expectation(violent=1, actor1=group.acled, not_actor1=("Military Forces",) + POLICE)
    return [Draft("MFT", text, published, expect, "the troops hit are not the doer")]


# A source named with the outlet it spoke to, or a spokesman of the force that lost men.
_TOLD_SOURCES = (
    "officials told Reuters",
    "a government official told AFP on condition of anonymity",
    "{demonym} security officials told The Associated Press",
    "a police source told local television",
    "an army officer told the BBC",
    "the interior ministry's spokesman told reporters",
)
_UNKNOWN_HIT = (
    "{Attackers} shot dead {n} policemen at a checkpoint in {town} on {weekday}, {source}.",
    "{N} soldiers were killed when {attackers} opened fire on their vehicle near {town} on {weekday}, {source}.",
    "{Attackers} killed {n} villagers in a raid on a market in {town} on {weekday}, {source}.",
    "{N} police officers died after {attackers} attacked their station in {town} on {weekday}, {source}.",
)


def told_source(draw: Draw, words: WordLists) -> list[Draft]:
    """Unknown attackers, facts from officials who told a news agency or from the force that was hit: an
    Unidentified Armed Group, never the police, the army or the government that spoke."""
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(2, 20)
    attackers = draw.pick(("gunmen", "unidentified gunmen", "armed men", "suspected militants"))
    demonym = words.country(town.country).demonym
    text = draw.pick(_UNKNOWN_HIT).format(
        Attackers=capitalise(attackers),
        attackers=attackers,
        n=draw.number(n),
        N=draw.number(n, start=True),
        town=town.name,
        weekday=weekday,
        source=draw.pick(_TOLD_SOURCES).format(demonym=demonym),
    )
    expect = Expectation(violent=1, actor1=UNIDENTIFIED, not_actor1=("Military Forces", "Government") + POLICE)
    return [Draft("MFT", text, published, expect, "a source told an outlet")]


TEMPLATES = (
    Template("source_after", 45, source_after, "the police as source after the report"),
    Template("source_first", 35, source_first, "the police as source before the report"),
    Template("army_source", 25, army_source, "the army as source and target"),
    Template("unknown_gunmen", 25, unknown_gunmen, "no perpetrator named"),
    Template("state_named", 70, state_named, "state force named by adjective and weapon"),
    Template("own_forces", 20, own_forces, "a state's own report of its strike"),
    Template("claim", 20, claim, "claim of responsibility"),
    Template("claim_bombing", 25, claim_bombing, "claimed bombing"),
    Template("forces_hit", 40, forces_hit, "a state's troops as the target"),
    Template("told_source", 40, told_source, "officials who told an outlet, and the force that was hit"),
)
