"""Place: where the incident happened, against every other place a news story names.

Wire stories name many places that are not where anything happened: the dateline ("NAIROBI, Kenya (AP) -" on a
story about Somalia), the capital where an official spoke, the victims' home towns, where a bus came from and
was going, the city a rights group is based in, and words that are place names elsewhere ("Police", "the
Valley"). A careful coder codes one record, at the incident's place; for a village no gazetteer knows, at the
smallest known unit that holds it (the district, geo_precision 2), never at the province's capital; for a
region given only by direction ("in the northern hills of X province"), at the province (geo_precision 3).
"""

from __future__ import annotations

from sitrep.evaluate.behaviour.cases import Avoid, Expectation, PlaceTarget
from sitrep.evaluate.behaviour.compose import (
    AGENCIES,
    Draft,
    Draw,
    Template,
    avoid_town,
    capitalise,
    dateline,
    far_towns,
    incident_town,
    make_incident,
    town_target,
)
from sitrep.evaluate.behaviour.words import Town, WordLists, distance_km

__all__ = ["TEMPLATES"]


def _one_at(town: Town, *avoid: Avoid, country: str | None = None) -> Expectation:
    return Expectation(violent=1, places=(town_target(town),), avoid=tuple(avoid), country=country)


def plain_town(draw: Draw, words: WordLists) -> list[Draft]:
    town = incident_town(draw, words)
    incident = make_incident(draw, town)
    return [Draft("MFT", incident.sentence, incident.published, _one_at(town))]


def dateline_foreign(draw: Draw, words: WordLists) -> list[Draft]:
    """A story about country C filed from a hub abroad: the hub names no event."""
    countries = [c for c in words.countries if c.hubs and words.towns_in(c.name, capitals=False)]
    country = draw.pick(countries)
    hub = words.place(draw.pick(country.hubs))
    towns = [t for t in far_towns(words, hub, country=country.name, km=80) if t.capital != "country"]
    if not towns:
        return plain_town(draw, words)
    town = draw.pick(towns)
    incident = make_incident(draw, town)
    body = dateline(draw, hub) + incident.sentence
    if draw.chance(0.5):
        body += (
            f"\n\nThe attack was the latest in a wave of violence in {country.name}. "
            f"{country.demonym} officials could not be reached for comment, and correspondents in {hub.name} "
            f"said communications with {town.name} were cut."
        )
    return [Draft("INV", body, incident.published, _one_at(town, avoid_town(hub)), "dateline abroad")]


def dateline_domestic(draw: Draw, words: WordLists) -> list[Draft]:
    """A story filed from the capital about a town far from it."""
    country = draw.pick([c for c in words.countries if words.capital_of(c.name)])
    capital = words.capital_of(country.name)
    assert capital is not None
    towns = far_towns(words, capital, country=country.name, km=80)
    if not towns:
        return dateline_foreign(draw, words)
    town = draw.pick(towns)
    incident = make_incident(draw, town)
    body = dateline(draw, capital) + incident.sentence
    return [Draft("INV", body, incident.published, _one_at(town, avoid_town(capital)), "dateline in the capital")]


def dateline_is_place(draw: Draw, words: WordLists) -> list[Draft]:
    """The dateline city is the place when the story says "in the city" (direction: the dateline counts)."""
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    killed = draw.count(2, 25)
    weapon = draw.pick(words.weapons)
    where = draw.pick(("in the city", "in the centre of the city", "in the city's main market", "here"))
    sentence = (
        f"{capitalise(weapon.phrase)} {weapon.verb} {where} on {weekday}, killing {draw.number(killed)} people, "
        f"{draw.pick(('police said', 'officials said', 'witnesses said'))}."
    )
    return [Draft("DIR", dateline(draw, town) + sentence, published, _one_at(town), "the dateline city is the place")]


_OFFICIAL_LINES = (
    'Speaking to reporters in {capital}, the interior minister said the attackers "will be hunted down".',
    "In {capital}, the prime minister condemned the attack and ordered an inquiry.",
    '"This cowardly act will not go unpunished," the defence minister told a news conference in {capital}.',
    "The president, who was in {capital} for talks with foreign envoys, sent condolences to the families.",
    "Officials in {capital} said reinforcements had been sent to the area.",
    "The governor, speaking from {capital}, said the security forces had been put on alert.",
)


def official_location(draw: Draw, words: WordLists) -> list[Draft]:
    """An official speaks from the capital (or the province seat): no event there."""
    country = draw.pick([c for c in words.countries if words.capital_of(c.name)])
    capital = words.capital_of(country.name)
    assert capital is not None
    seats = [t for t in words.towns_in(country.name) if t.capital == "admin1"]
    speaker = draw.pick([capital, *seats]) if seats and draw.chance(0.3) else capital
    towns = far_towns(words, speaker, country=country.name, km=80)
    if not towns:
        return plain_town(draw, words)
    town = draw.pick(towns)
    incident = make_incident(draw, town)
    line = draw.pick(_OFFICIAL_LINES).format(capital=speaker.name)
    text = incident.sentence + "\n\n" + line
    return [Draft("INV", text, incident.published, _one_at(town, avoid_town(speaker)), "official speaks elsewhere")]


_HOME_TOWN_FORMS = (
    "{Attackers} killed {n} labourers from {home} in {town} on {weekday}, {source}.",
    "{Attackers} shot dead {n} construction workers from {home} at a building site in {town} on {weekday}, {source}.",
    "{N} bus passengers from {home} were killed when {attackers} stopped their vehicle in {town} on {weekday}, {source}.",
)
_HOME_TOWN_AFTER = (
    " The victims, all from {home}, had moved to the area in search of work.",
    " Their bodies were taken to {home} for burial on {next_day}.",
    " Relatives in {home} said the men had called home hours before the attack.",
    "",
)


def home_town(draw: Draw, words: WordLists) -> list[Draft]:
    """The victims' home town or home province is named: no event there."""
    town = incident_town(draw, words)
    published = draw.published()
    weekday, _day = draw.weekday_before(published, max_back=2)
    homes = far_towns(words, town, country=town.country, km=80)
    region = None
    if homes and not draw.chance(0.3):
        home = draw.pick(homes)
        home_name, avoid = home.name, avoid_town(home)
    else:
        regions = [r for r in words.named_regions if r.country == town.country and r.name != town.admin1]
        if not regions:
            return plain_town(draw, words)
        region = draw.pick(regions)
        home_name = f"{region.name} {region.unit}" if draw.chance(0.5) else region.name
        avoid = Avoid(region.named, admin1=region.all_spellings)
    killed = draw.count(3, 20)
    attackers = draw.pick(("gunmen", "unidentified gunmen", "militants", "armed men"))
    form = draw.pick(_HOME_TOWN_FORMS)
    text = form.format(
        Attackers=capitalise(attackers),
        attackers=attackers,
        n=draw.number(killed),
        N=draw.number(killed, start=True),
        home=home_name,
        town=town.name,
        weekday=weekday,
        source=draw.pick(("police said", "officials said", "a local official said")),
    )
    after = draw.pick(_HOME_TOWN_AFTER)
    if region is not None and "bodies" in after:
        after = ""
    text += after.format(home=home_name, next_day="the following day")
    expect = Expectation(violent=1, places=(town_target(town),), avoid=(avoid,))
    return [Draft("INV", text, published, expect, "victims' home town or province")]


_ROUTE_FORMS = (
    (
        "A bus travelling from {origin} to {destination} was ambushed near {town} on {weekday}, "
        "and gunmen killed {n} passengers, {source}."
    ),
    "{Attackers} opened fire on a minibus heading to {destination} in {town} on {weekday}, killing {n} people, {source}.",
    (
        "{N} people were killed on {weekday} when a roadside bomb hit a van in {town}. The van had left {origin} "
        "that morning and was heading to {destination}, {source}."
    ),
    (
        "A convoy carrying fuel from {origin} to {destination} was attacked in {town} on {weekday}; {n} drivers "
        "were killed, {source}."
    ),
)


def origin_destination(draw: Draw, words: WordLists) -> list[Draft]:
    """A vehicle's origin and destination are named: the event is where it was attacked."""
    town = incident_town(draw, words)
    others = far_towns(words, town, country=town.country, km=80)
    if len(others) < 2:
        return plain_town(draw, words)
    origin, destination = draw.sample(others, 2)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    killed = draw.count(2, 18)
    text = draw.pick(_ROUTE_FORMS).format(
        origin=origin.name,
        destination=destination.name,
        town=town.name,
        weekday=weekday,
        n=draw.number(killed),
        N=draw.number(killed, start=True),
        Attackers=draw.pick(("Gunmen", "Militants", "Armed men")),
        source=draw.pick(("police said", "officials said", "the transport company said")),
    )
    avoid = [avoid_town(t) for t in (origin, destination) if t.name in text]
    return [Draft("INV", text, published, _one_at(town, *avoid), "origin and destination of a vehicle")]


def route_direction(draw: Draw, words: WordLists) -> list[Draft]:
    """Base: a bus from A is attacked in T. Direction: attacked in A itself just after leaving for T."""
    town = incident_town(draw, words)
    others = far_towns(words, town, country=town.country, km=80)
    if not others:
        return plain_town(draw, words)
    origin = draw.pick(others)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    killed = draw.count(2, 15)
    n = draw.number(killed)
    base = f"Gunmen attacked a bus from {origin.name} in {town.name} on {weekday}, killing {n} passengers, police said."
    moved = (
        f"Gunmen attacked a bus in {origin.name} on {weekday} minutes after it set off for {town.name}, "
        f"killing {n} passengers, police said."
    )
    return [
        Draft("MFT", base, published, _one_at(town, avoid_town(origin)), "bus from A attacked in T"),
        Draft("DIR", moved, published, _one_at(origin, avoid_town(town)), "bus attacked in A on its way to T"),
    ]


_BASED_LINES = (
    "A {x}-based security analyst said the group had been regrouping in the area for months.",
    "The {x}-based rights group said it had documented the killings.",
    "A spokesman for the {x}-based aid agency said its clinic in {town} was treating the wounded.",
    "{x}-based journalists were not allowed to travel to {town}.",
)


def based(draw: Draw, words: WordLists) -> list[Draft]:
    """ "X-based" describes an organisation, not where anything happened."""
    town = incident_town(draw, words)
    # Organisations are based in the capital or in a hub that covers the country ("a Nairobi-based analyst").
    hubs = [words.place(h) for h in words.country(town.country).hubs]
    capital = words.capital_of(town.country)
    bases = [t for t in [*hubs, *([capital] if capital else [])] if t.name in {f.name for f in far_towns(words, town)}]
    if not bases:
        return plain_town(draw, words)
    x = draw.pick(bases)
    incident = make_incident(draw, town)
    line = draw.pick(_BASED_LINES).format(x=x.name, town=town.name)
    text = incident.sentence + " " + capitalise(line)
    return [Draft("INV", text, incident.published, _one_at(town, avoid_town(x)), '"X-based"')]


_VILLAGE_FORMS = (
    "in the village of {village} in {district}",
    "in {village}, a village in {district} of {region}",
    "in {village} village in the {district} of {region}",
    "in a remote village, {village}, in {district}",
)


def unknown_village(draw: Draw, words: WordLists) -> list[Draft]:
    """A village no gazetteer knows, in a named district: coded to the district, never the province capital."""
    district = draw.pick(words.districts)
    region = words.region(district.admin1, district.country)
    village = draw.pick(words.villages_for(district.country)).name
    region_named = region.named if region else district.admin1
    form = draw.pick(_VILLAGE_FORMS)
    where = form.format(village=village, district=district.named, region=region_named)
    if "{region}" not in form and draw.chance(0.5):
        where += f", {region_named},"
    spellings = region.all_spellings if region else (district.admin1,)
    target = PlaceTarget(
        f"{district.named}, {district.admin1}",
        district.country,
        admin1=spellings,
        admin2=district.name,
        geo_precision=2,
    )
    avoid: tuple[Avoid, ...] = ()
    if district.seat:
        avoid = (avoid_town(words.place(district.seat)),)
    towns = words.towns_in(district.country)
    incident = make_incident(draw, draw.pick(towns), where=where)
    expect = Expectation(violent=1, places=(target,), avoid=avoid, country=district.country)
    return [Draft("MFT", incident.sentence, incident.published, expect, "unknown village in a named district")]


def village_near_town(draw: Draw, words: WordLists) -> list[Draft]:
    """A village no gazetteer knows, "about 20 km from" a town: coded near that town (geo_precision 2)."""
    town = incident_town(draw, words)
    village = draw.pick(words.villages_for(town.country)).name
    km = draw.count(8, 25)
    where = draw.pick(
        (
            f"in {village}, a village about {km} km from {town.name}",
            f"in the village of {village}, some {km} kilometres (miles) outside {town.name}",
            f"in {village}, near {town.name}",
        )
    ).replace("(miles)", f"({round(km * 0.62)} miles)")
    incident = make_incident(draw, town, where=where)
    target = town_target(town, radius_km=40)
    target = PlaceTarget(target.name, target.country, target.latitude, target.longitude, 40, geo_precision=2)
    expect = Expectation(violent=1, places=(target,))
    return [Draft("MFT", incident.sentence, incident.published, expect, "unknown village near a known town")]


def located_from(draw: Draw, words: WordLists) -> list[Draft]:
    """A known town located for the reader from a bigger one ("Samarra, 60 miles north of Baghdad"): the
    bigger town is a landmark, not the scene."""
    town = incident_town(draw, words)
    landmarks = far_towns(words, town, country=town.country, km=50)
    if not landmarks:
        return plain_town(draw, words)
    landmark = draw.pick(landmarks)
    km = round(distance_km(town.latitude, town.longitude, landmark.latitude, landmark.longitude))
    where = draw.pick(
        (
            f"in {town.name}, {km} km from {landmark.name},",
            f"in {town.name}, about {round(km * 0.62)} miles from {landmark.name},",
            f"in the town of {town.name}, some {km} kilometres ({round(km * 0.62)} miles) from {landmark.name},",
        )
    )
    incident = make_incident(draw, town, where=where)
    expect = _one_at(town, avoid_town(landmark))
    return [Draft("MFT", incident.sentence, incident.published, expect, "a town located from a landmark")]


_DIRECTION_FORMS = (
    "in the northern hills of {region}",
    "in a remote part of southern {name}",
    "in the mountains of eastern {region}",
    "in a forest in western {region}",
    "in a border area of {region}",
    "in rural {name}",
    "in the north of {region}",
)


def region_direction(draw: Draw, words: WordLists) -> list[Draft]:
    """Only a province and a direction: coded to the province (geo_precision 3)."""
    region = draw.pick(words.named_regions)
    where = draw.pick(_DIRECTION_FORMS).format(region=region.named, name=region.name)
    towns = words.towns_in(region.country)
    incident = make_incident(draw, draw.pick(towns), where=where)
    target = PlaceTarget(region.named, region.country, admin1=region.all_spellings, geo_precision=3)
    expect = Expectation(violent=1, places=(target,), country=region.country)
    return [Draft("MFT", incident.sentence, incident.published, expect, "a region given by direction")]


def common_noun(draw: Draw, words: WordLists) -> list[Draft]:
    """A word that names a place elsewhere, used as a common noun, a name or an institution."""
    town = incident_town(draw, words)
    trap = draw.pick(words.commons)
    incident = make_incident(draw, town, source="")
    text = incident.sentence + " " + trap.sentence.format(town=town.name)
    expect = Expectation(violent=1, places=(town_target(town),), country=town.country)
    return [Draft("INV", text, incident.published, expect, f"common noun {trap.word!r}")]


def many_distractors(draw: Draw, words: WordLists) -> list[Draft]:
    """A short wire story with a foreign dateline, an official in the capital and a home town at once."""
    countries = [c for c in words.countries if c.hubs and words.capital_of(c.name)]
    country = draw.pick(countries)
    capital = words.capital_of(country.name)
    assert capital is not None
    hub = words.place(draw.pick(country.hubs))
    towns = [t for t in far_towns(words, capital, country=country.name, km=80) if t.capital != "country"]
    if len(towns) < 2:
        return plain_town(draw, words)
    town, home = draw.sample(towns, 2)
    if distance_km(town.latitude, town.longitude, home.latitude, home.longitude) < 80:
        return plain_town(draw, words)
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    killed = draw.count(4, 30)
    text = (
        f"{dateline(draw, hub)}{capitalise(draw.pick(('gunmen', 'militants')))} killed {draw.number(killed)} "
        f"people, most of them traders from {home.name}, in an attack on a market in {town.name} on {weekday}, "
        f"{draw.pick(('police said', 'officials said'))}.\n\n"
        f"The government in {capital.name} said it had sent troops to the area. Survivors were taken to "
        f"hospital in {town.name}, and the bodies of the traders were being returned to {home.name}.\n\n"
        f"No group said it carried out the attack, {draw.pick(AGENCIES)} reported from {hub.name}."
    )
    expect = _one_at(town, avoid_town(hub), avoid_town(capital), avoid_town(home))
    return [Draft("INV", text, published, expect, "dateline, capital and home town together")]


TEMPLATES = (
    Template("plain_town", 25, plain_town, "a town named plainly"),
    Template("dateline_foreign", 30, dateline_foreign, "dateline abroad"),
    Template("dateline_domestic", 25, dateline_domestic, "dateline in the capital"),
    Template("dateline_is_place", 12, dateline_is_place, "the dateline city is the place"),
    Template("official_location", 30, official_location, "an official speaks elsewhere"),
    Template("home_town", 30, home_town, "victims' home town"),
    Template("origin_destination", 30, origin_destination, "origin and destination"),
    Template("route_direction", 10, route_direction, "where a bus was attacked"),
    Template("based", 20, based, '"X-based"'),
    Template("unknown_village", 35, unknown_village, "unknown village in a district"),
    Template("village_near_town", 15, village_near_town, "unknown village near a town"),
    Template("located_from", 25, located_from, "a known town located from a landmark"),
    Template("region_direction", 30, region_direction, "region given by direction"),
    Template("common_noun", 30, common_noun, "common nouns that are place names"),
    Template("many_distractors", 30, many_distractors, "several distractors together"),
)
