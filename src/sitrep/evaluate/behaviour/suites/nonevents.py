"""Non-events: texts full of violent words that report no new violent event.

Anniversaries, trials about old attacks, threats, condemnations, plans, accidents, sports reports, interceptions
and cumulative tolls carry the words of an attack ("bombing", "killed", "strike", "stormed") but a careful ACLED
coder codes no violent record from them (a planned protest is not a protest either; a defused bomb or a downed
drone is at most a Strategic development). Invariance cases put such a sentence beside a real incident, which
must still give exactly one record with its own toll; direction cases turn a report into a threat or a plan
(one record -> none), and an accident into a landmine blast, which ACLED does code (none -> one).
"""

from __future__ import annotations

from sitrep.evaluate.behaviour.cases import Expectation
from sitrep.evaluate.behaviour.compose import (
    Draft,
    Draw,
    Template,
    capitalise,
    incident_town,
    make_incident,
    town_target,
)
from sitrep.evaluate.behaviour.words import Group, Town, WordLists, number_words, ordinal_words

__all__ = ["TEMPLATES"]

NONE = Expectation(violent=0)
NO_PROTEST = Expectation(violent=0, absent_types=("Protests", "Riots"))


def _capital(words: WordLists, country: str) -> str:
    capital = words.capital_of(country)
    return capital.name if capital else country


_ANNIVERSARY = (
    (
        "Hundreds of people gathered in {town} on {weekday} to mark the {nth} anniversary of a bombing that killed "
        "{n} people at the city's main market."
    ),
    "Families of the {n} soldiers killed in an ambush near {town} in {year} laid wreaths at a memorial on {weekday}.",
    (
        "{Weekday} marked {k} years since gunmen stormed a school in {town} and killed {n} pupils. Survivors read "
        "out the names of the dead at a ceremony in the school yard."
    ),
    (
        "Schools and shops in {town} stayed closed on {weekday} as residents remembered the {n} people killed in "
        "twin suicide bombings there on this day in {year}."
    ),
    (
        "On the {nth} anniversary of the massacre in {town}, in which {n} villagers were shot dead, relatives "
        "said they were still waiting for justice."
    ),
)


def anniversary(draw: Draw, words: WordLists) -> list[Draft]:
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=1)
    k = draw.count(1, 15)
    text = draw.pick(_ANNIVERSARY).format(
        town=incident_town(draw, words).name,
        weekday=weekday,
        Weekday=weekday,
        nth=ordinal_words(k),
        k=number_words(k),
        n=draw.number(draw.count(5, 140)),
        year=published.year - k,
    )
    return [Draft("MFT", text, published, NONE, "anniversary")]


_TRIAL = (
    (
        "A court in {capital} on {weekday} sentenced {k} men to death for a {year} bombing in {town} that killed "
        "{n} people."
    ),
    (
        "The trial of {k} men accused of a {year} attack on a police station in {town}, in which {n} officers "
        "died, opened in {capital} on {weekday}."
    ),
    (
        "Prosecutors told the court on {weekday} that the defendant had planned the {year} ambush near {town} in "
        "which {n} soldiers were killed."
    ),
    (
        "An appeals court in {capital} on {weekday} upheld the life sentence of a man convicted of the {year} "
        "shooting at a church in {town} that killed {n} worshippers."
    ),
    (
        "A militant commander who ordered the killing of {n} villagers in {town} in {year} was extradited to "
        "{capital} on {weekday} to stand trial."
    ),
)


def trial(draw: Draw, words: WordLists) -> list[Draft]:
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=1)
    text = draw.pick(_TRIAL).format(
        capital=_capital(words, town.country),
        town=town.name,
        weekday=weekday,
        k=number_words(draw.count(2, 6)),
        n=draw.number(draw.count(3, 60)),
        year=published.year - draw.count(2, 9),
    )
    return [Draft("MFT", text, published, NONE, "trial about an old attack")]


_THREAT = (
    "{Group} threatened on {weekday} to attack polling stations across {region} if the election goes ahead.",
    "In a video released on {weekday}, a commander of {group} vowed to kill any soldier who enters {town}.",
    (
        "Residents of {town} began leaving their homes on {weekday} after {group} warned that it would attack the "
        "town within days."
    ),
    "{Group} said on {weekday} it would bomb army convoys on the road to {town} unless its prisoners were freed.",
    (
        "Security forces in {town} were put on high alert on {weekday} after intelligence warnings that {group} "
        "was planning a suicide attack on the city."
    ),
)


def _group_region(draw: Draw, words: WordLists, country: str | None = None) -> tuple[Group, Town, str]:
    """A group, a town and a region (or the country) where it fights; in `country` when given."""
    groups = [g for g in words.groups if country is None or country in g.countries] or list(words.groups)
    group = draw.pick(groups)
    country = country or draw.pick(group.countries)
    town = incident_town(draw, words, country)
    regions = [r for r in words.named_regions if r.country == country]
    return group, town, (draw.pick(regions).named if regions else country)


def threat(draw: Draw, words: WordLists) -> list[Draft]:
    group, town, region = _group_region(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=1)
    text = draw.pick(_THREAT).format(
        Group=capitalise(group.name), group=group.name, weekday=weekday, town=town.name, region=region
    )
    return [Draft("MFT", text, published, NONE, "threat")]


_CONDEMN = (
    (
        "The African Union on {weekday} condemned the rise in attacks on civilians in {region} and called on all "
        "sides to stop the fighting."
    ),
    (
        "The UN human rights office said on {weekday} it was alarmed by reports of indiscriminate shelling of "
        "residential areas in {region} in recent months."
    ),
    (
        "Rights groups on {weekday} condemned what they called a campaign of killings and abductions by armed "
        "groups in {region}, and urged the government to protect villagers."
    ),
    (
        "Church leaders in {town} denounced the violence in a joint statement on {weekday}, saying no cause could "
        "justify the bombing of places of worship."
    ),
    (
        "The European Union condemned the attacks on aid workers in {region} and demanded that those responsible "
        "be brought to justice."
    ),
)


def condemnation(draw: Draw, words: WordLists) -> list[Draft]:
    _, town, region = _group_region(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=1)
    text = draw.pick(_CONDEMN).format(weekday=weekday, town=town.name, region=region)
    return [Draft("MFT", text, published, NONE, "condemnation of violence in general")]


_PLAN = (
    (
        "Opposition parties said on {weekday} they would hold protests in {town} next week against the rise in "
        "fuel prices."
    ),
    (
        "Teachers' unions plan to march to parliament in {capital} on Friday to demand their unpaid salaries, a "
        "union leader said on {weekday}."
    ),
    "The army said on {weekday} it was preparing an offensive to retake {town} from the militants.",
    "Traders in {town} have called a strike and a rally for next Monday over a new market tax.",
    "The government said on {weekday} it plans to deploy more troops to {region} before the elections.",
    (
        "Student groups announced on {weekday} that they would stage a sit-in outside the governor's office in "
        "{town} later this month."
    ),
)


def plan(draw: Draw, words: WordLists) -> list[Draft]:
    _, town, region = _group_region(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=1)
    text = draw.pick(_PLAN).format(
        weekday=weekday, town=town.name, region=region, capital=_capital(words, town.country)
    )
    return [Draft("MFT", text, published, NO_PROTEST, "announced plan")]


_ACCIDENT = (
    (
        "A gas cylinder exploded at a restaurant in {town} on {weekday}, killing {n} people, officials said. The "
        "fire service said the blast was caused by a leak."
    ),
    (
        "A fuel tanker overturned and caught fire on a highway outside {town} on {weekday}, killing {n} people "
        "who had rushed to collect the spilling petrol."
    ),
    (
        "{N} workers were killed when a boiler exploded at a textile factory in {town} on {weekday}, police said, "
        "adding that there was no sign of sabotage."
    ),
    (
        "An accidental explosion at a fireworks warehouse in {town} killed {n} people on {weekday}, the local "
        "fire chief said."
    ),
    "{N} people died when a crowded bus plunged into a ravine near {town} on {weekday}, police said.",
    "A blaze caused by an electrical fault tore through a market in {town} on {weekday}, killing {n} traders.",
    (
        "An old ammunition depot at an army base near {town} blew up in the summer heat on {weekday}, killing {n} "
        "soldiers; the army said the explosion was an accident."
    ),
)


def accident(draw: Draw, words: WordLists) -> list[Draft]:
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(2, 30)
    text = draw.pick(_ACCIDENT).format(town=town.name, weekday=weekday, n=draw.number(n), N=draw.number(n, start=True))
    return [Draft("MFT", text, published, NONE, "accident")]


def accident_or_landmine(draw: Draw, words: WordLists) -> list[Draft]:
    """Base: an accidental blast (none). Direction: a landmine left from the war (one: ACLED codes UXO)."""
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(2, 9)
    num = draw.number(n)
    base = (
        f"A gas cylinder exploded in a house in a village near {town.name} on {weekday}, killing {num} "
        "children, officials said."
    )
    mine = (
        f"A landmine left over from the fighting exploded under a tractor in a village near {town.name} on "
        f"{weekday}, killing {num} farmers, officials said."
    )
    expect = Expectation(violent=1, places=(town_target(town, radius_km=40),), fatalities=n)
    return [
        Draft("MFT", base, published, NONE, "accidental blast"),
        Draft("DIR", mine, published, expect, "landmine left from the war: coded"),
    ]


_SPORTS = (
    "{Player}'s strike in the 78th minute gave {team} a 2-1 win over {team2} in {town} on {weekday}.",
    (
        "{Team} stormed into a two-goal lead before half-time and never looked back, crushing {team2} 4-0 at "
        "their ground in {town} on {weekday}."
    ),
    (
        "The visitors laid siege to the {team2} goal in the second half, but a late counter-attack killed off the "
        "game and {team} held on to win in {town}."
    ),
    (
        "{Player} fired home a penalty and the {team} captain shot down any talk of a crisis after the victory in "
        "{town} on {weekday}."
    ),
    "It was a bruising battle in {town}, where {team} bombed out of the cup after a penalty shoot-out.",
)
_PLAYERS = ("Okonkwo", "Haidari", "Mbemba", "Farouk", "Diallo", "Kiprotich", "Sandoval", "Petrenko", "Nkosi")
_TEAMS = ("Shooting Stars", "Mighty Jets", "Dynamo", "Al-Nasr", "Olympic", "Rangers", "City Stars", "Young Lions")


def sports(draw: Draw, words: WordLists) -> list[Draft]:
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    team, team2 = draw.sample(_TEAMS, 2)
    text = draw.pick(_SPORTS).format(
        Player=draw.pick(_PLAYERS),
        team=team,
        Team=capitalise(team),
        team2=team2,
        town=town.name,
        weekday=weekday,
    )
    return [Draft("MFT", text, published, NO_PROTEST, "sports words")]


_CUMULATIVE = (
    "The insurgency in {region} has killed more than {big} people since {year}, according to the United Nations.",
    "At least {big} civilians have been killed in {country} so far this year, a monitoring group said on {weekday}.",
    "The war has left more than {big} people dead and forced millions from their homes.",
    "More than {big} soldiers have died in attacks by armed groups in {region} since {year}, officials say.",
    (
        "Violence in {region} killed {big} people last year, the highest toll in a decade, a report released on "
        "{weekday} said."
    ),
)


def _cumulative_sentence(draw: Draw, words: WordLists, published_year: int, country: str | None = None) -> str:
    _, town, region = _group_region(draw, words, country)
    return draw.pick(_CUMULATIVE).format(
        region=region,
        country=town.country,
        big=f"{draw.count(1, 40) * 100 + draw.count(0, 9) * 10:,}",
        year=published_year - draw.count(2, 12),
        weekday=draw.pick(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")),
    )


def cumulative(draw: Draw, words: WordLists) -> list[Draft]:
    published = draw.published()
    return [Draft("MFT", _cumulative_sentence(draw, words, published.year), published, NONE, "cumulative toll")]


_DISRUPTED = (
    "Police defused a bomb planted near a mosque in {town} on {weekday}, officials said.",
    "Air defences shot down {n} drones over {town} overnight, the military said; no damage was reported.",
    "Air-raid sirens sounded across {town} on {weekday} evening, but no strikes were reported.",
    "Bomb disposal experts safely detonated an old shell found by farmers near {town} on {weekday}.",
    (
        "Security forces foiled a plot to bomb a bus station in {town} on {weekday} and seized {n} kilograms of "
        "explosives, police said."
    ),
)


def disrupted(draw: Draw, words: WordLists) -> list[Draft]:
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=1)
    text = draw.pick(_DISRUPTED).format(town=town.name, weekday=weekday, n=draw.number(draw.count(2, 20)))
    return [Draft("MFT", text, published, NONE, "defused, intercepted or foiled: no violence")]


_VISIT = (
    (
        "The president visited {town} on {weekday}, where a suicide bomber killed {n} people in {year}, and opened "
        "a new hospital."
    ),
    (
        "The new governor travelled to {town} on {weekday}. The town was overrun by militants in {year} and "
        "{n} soldiers were killed defending it."
    ),
    "Aid agencies reopened their offices in {town} on {weekday}, two years after gunmen killed {n} aid workers there.",
)


def visit(draw: Draw, words: WordLists) -> list[Draft]:
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=1)
    text = draw.pick(_VISIT).format(
        town=town.name, weekday=weekday, n=draw.number(draw.count(3, 60)), year=published.year - draw.count(2, 8)
    )
    return [Draft("MFT", text, published, NONE, "a past attack told as background")]


def _background(draw: Draw, words: WordLists, town: Town, year: int) -> str:
    kind = draw.count(0, 3)
    town_name = town.name
    if kind == 0:
        return _cumulative_sentence(draw, words, year, town.country)
    if kind == 1:
        return (
            f"The attack came a week before the {ordinal_words(draw.count(2, 9))} anniversary of a bombing "
            f"in {town_name} that killed {draw.number(draw.count(20, 90))} people."
        )
    if kind == 2:
        return (
            f"In {year - draw.count(2, 6)}, gunmen killed {draw.number(draw.count(10, 50))} people in a similar "
            "attack in the same area."
        )
    return "Local leaders condemned the killing and warned that more attacks would follow if nothing was done."


def event_with_background(draw: Draw, words: WordLists) -> list[Draft]:
    """A real incident, then background: still one record, with today's toll."""
    town = incident_town(draw, words)
    incident = make_incident(draw, town)
    base = Expectation(violent=1, places=(incident.target(),), fatalities=incident.killed)
    with_background = incident.sentence + "\n\n" + _background(draw, words, town, incident.published.year)
    return [
        Draft("MFT", incident.sentence, incident.published, base, "the incident alone"),
        Draft("INV", with_background, incident.published, base, "the incident and a background paragraph"),
    ]


def report_to_nonevent(draw: Draw, words: WordLists) -> list[Draft]:
    """A report (one record) turned into a threat, a plan or a denial of something that has not happened (none)."""
    group, town, _ = _group_region(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    n = draw.count(3, 20)
    num = draw.number(n)
    report = f"{capitalise(group.members)} attacked an army base near {town.name} on {weekday}, killing {num} soldiers."
    turned = draw.pick(
        (
            (
                f"{capitalise(group.name)} threatened on {weekday} to attack army bases near {town.name}, saying it "
                f"would kill soldiers there."
            ),
            f"The army said on {weekday} that {group.members} were planning to attack a base near {town.name}.",
            (
                f"A commander of {group.name} said on {weekday} that his fighters were ready to storm the army base "
                f"near {town.name} if the soldiers did not leave."
            ),
        )
    )
    expect = Expectation(violent=1, places=(town_target(town, radius_km=40),), fatalities=n)
    return [
        Draft("MFT", report, published, expect, "the attack reported"),
        Draft("DIR", turned, published, NONE, "the attack only threatened or planned"),
    ]


TEMPLATES = (
    Template("anniversary", 25, anniversary, "anniversary of an old attack"),
    Template("trial", 25, trial, "trial about an old attack"),
    Template("threat", 25, threat, "threat"),
    Template("condemnation", 20, condemnation, "condemnation"),
    Template("plan", 25, plan, "announced plan"),
    Template("accident", 25, accident, "accident"),
    Template("accident_or_landmine", 12, accident_or_landmine, "accident against landmine"),
    Template("sports", 20, sports, "sports words"),
    Template("cumulative", 25, cumulative, "cumulative toll"),
    Template("disrupted", 15, disrupted, "defused, intercepted, foiled"),
    Template("visit", 12, visit, "past attack as background"),
    Template("event_with_background", 25, event_with_background, "incident plus background"),
    Template("report_to_nonevent", 15, report_to_nonevent, "report against threat"),
)
