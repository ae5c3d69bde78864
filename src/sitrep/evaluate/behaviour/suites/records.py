"""One record per incident: a headline, a lede and later paragraphs about the same incident give one record.

News repeats itself: the headline tells the incident, the lede tells it again, a quote and a later paragraph
tell it a third time (as "Monday's attack", "the bombing"), a claim names a group the lede did not, a later
toll raises the count, and a closing line sets it in its province. A careful coder makes one record of all that.
Two incidents in two towns, or on two days in one town, are two records, even when a sentence sums them up.
"""

from __future__ import annotations

from sitrep.evaluate.behaviour.cases import Expectation
from sitrep.evaluate.behaviour.compose import (
    SOURCES,
    Draft,
    Draw,
    Incident,
    Template,
    avoid_town,
    capitalise,
    dateline,
    far_towns,
    incident_town,
    make_incident,
    town_target,
)
from sitrep.evaluate.behaviour.words import WEEKDAYS, Town, WordLists

__all__ = ["TEMPLATES"]


def _headline(draw: Draw, incident: Incident) -> str:
    k, town = incident.killed, incident.town.name
    return draw.pick(
        (
            f"Attack kills {k} in {town}",
            f"{k} killed in {town} attack",
            f"At least {k} dead after attack in {town}",
            f"{incident.town.country}: {k} killed in {town}",
            f"{capitalise(incident.victims)} among {k} dead in {town} attack",
        )
    )


_QUOTES = (
    '"We heard a huge bang and then people were screaming," said a shopkeeper who was wounded in the attack.',
    '"It was like the end of the world," a survivor told reporters from his hospital bed.',
    '"This was a deliberate attack on innocent people," the local administrator said.',
    '"I lost two of my cousins," said a resident who helped carry the wounded.',
)
_RESTATED = (
    "{Weekday}'s attack was the deadliest in {town} this year.",
    "The attack in {town} killed {k} people, according to a hospital official.",
    "The victims of the attack included a teacher and his son, police said.",
    "Police said the attackers fled after the assault and that a search was under way around {town}.",
    "The {k} people killed in the attack were buried on {later}.",
)


def headline_lede(draw: Draw, words: WordLists) -> list[Draft]:
    """Headline, lede, quote and a detail paragraph about one incident."""
    town = incident_town(draw, words)
    incident = make_incident(draw, town, low=3, high=40)
    text = "\n\n".join(
        (
            _headline(draw, incident),
            incident.sentence,
            draw.pick(_QUOTES),
            "Security forces sealed off the area and ambulances took the wounded to hospital.",
        )
    )
    expect = Expectation(violent=1, places=(town_target(town),))
    return [Draft("MFT", text, incident.published, expect, "headline, lede, quote, detail")]


def restated_later(draw: Draw, words: WordLists) -> list[Draft]:
    """The lede, then the same incident told again further down."""
    town = incident_town(draw, words)
    incident = make_incident(draw, town, low=3, high=40)
    later = WEEKDAYS[(incident.day.weekday() + 1) % 7]
    again = draw.pick(_RESTATED).format(Weekday=incident.weekday, town=town.name, k=incident.killed, later=later)
    expect = Expectation(violent=1, places=(town_target(town),))
    return [
        Draft("MFT", incident.sentence, incident.published, expect, "the lede alone"),
        Draft("INV", incident.sentence + "\n\n" + again, incident.published, expect, "the incident told again"),
    ]


def claim_later(draw: Draw, words: WordLists) -> list[Draft]:
    """Unnamed attackers in the lede, a claiming group later: one incident, one record."""
    group = draw.pick(words.groups)
    towns = [t for t in words.towns if t.country in group.countries and t.capital != "country"]
    town = draw.pick(towns or [incident_town(draw, words)])
    incident = make_incident(draw, town, low=3, high=30)
    claim = draw.pick(
        (
            f"{capitalise(group.name)} claimed responsibility for the attack.",
            f"In a statement, {group.name} said its fighters had carried out the assault in {town.name}.",
        )
    )
    text = f"{incident.sentence}\n\n{claim}"
    return [Draft("INV", text, incident.published, Expectation(violent=1, places=(town_target(town),)), "claim")]


def province_later(draw: Draw, words: WordLists) -> list[Draft]:
    """The incident's province named in a closing line: no second record there."""
    candidates = [
        t
        for t in words.towns
        if t.capital != "country" and t.admin1 in {r.name for r in words.named_regions if r.country == t.country}
    ]
    town = draw.pick(candidates)
    region = words.region(town.admin1, town.country)
    assert region is not None
    incident = make_incident(draw, town, low=3, high=30)
    closing = draw.pick(
        (
            f"It was the deadliest attack in {region.named} this year.",
            f"Violence has surged across {region.named} in recent months.",
            f"The army has stepped up operations in {region.named}, where several armed groups are active.",
        )
    )
    text = f"{incident.sentence}\n\n{closing}"
    expect = Expectation(violent=1, places=(town_target(town),))
    return [Draft("INV", text, incident.published, expect, "province named in a closing line")]


def follow_up_death(draw: Draw, words: WordLists) -> list[Draft]:
    """More victims die the next day: the same incident, not a second one."""
    town = incident_town(draw, words)
    incident = make_incident(draw, town, low=3, high=25)
    j = draw.count(1, 4)
    later = WEEKDAYS[(incident.day.weekday() + 1) % 7]
    tail = (
        f"{draw.number(j, start=True)} of the wounded died in hospital on {later}, bringing the toll to "
        f"{draw.number(incident.killed + j)}, a doctor said."
    )
    expect = Expectation(violent=1, places=(town_target(town),))
    return [Draft("INV", incident.sentence + "\n\n" + tail, incident.published, expect, "deaths a day later")]


_SEPARATE = (
    "In a separate attack, {sentence}",
    "Elsewhere, {sentence}",
    "Meanwhile, {sentence}",
    "{sentence}",
)


def two_places(draw: Draw, words: WordLists) -> list[Draft]:
    """Two incidents in two towns of one country: two records."""
    first = incident_town(draw, words)
    others = [t for t in far_towns(words, first, country=first.country, km=100) if t.capital != "country"]
    if not others:
        others = far_towns(words, first, km=300)
    second = draw.pick(others)
    one = make_incident(draw, first, low=2, high=20)
    two = make_incident(draw, second, low=2, high=20, published=one.published)
    lead = draw.pick(_SEPARATE)
    second_sentence = two.sentence[0].lower() + two.sentence[1:] if lead != "{sentence}" else two.sentence
    text = f"{one.sentence}\n\n{lead.format(sentence=second_sentence)}"
    expect = Expectation(violent=2, places=(town_target(first), town_target(second)))
    return [Draft("MFT", text, one.published, expect, "two towns")]


def two_days(draw: Draw, words: WordLists) -> list[Draft]:
    """Two attacks in one town on two different days: two records (ACLED codes one event per day)."""
    town = incident_town(draw, words)
    published = draw.published()
    day_two = published.weekday() - 1
    day_one = day_two - draw.count(2, 3)
    first, second = WEEKDAYS[day_one % 7], WEEKDAYS[day_two % 7]
    k1, k2 = draw.count(2, 15), draw.count(2, 15)
    text = (
        f"Gunmen attacked a market in {town.name} on {first}, killing {draw.number(k1)} traders, police said.\n\n"
        f"On {second}, a bomb exploded at a checkpoint on the edge of {town.name}, killing {draw.number(k2)} "
        "soldiers. It was the second deadly attack in the town in three days."
    )
    expect = Expectation(violent=2, places=(town_target(town), town_target(town)))
    return [Draft("MFT", text, published, expect, "two days in one town")]


def summed_up(draw: Draw, words: WordLists) -> list[Draft]:
    """Two incidents and a sentence that sums them up: still two records, no third."""
    first = incident_town(draw, words)
    others = [t for t in far_towns(words, first, country=first.country, km=100) if t.capital != "country"]
    if not others:
        return two_places(draw, words)
    second = draw.pick(others)
    one = make_incident(draw, first, low=2, high=20)
    two = make_incident(draw, second, low=2, high=20, published=one.published)
    total = one.killed + two.killed
    text = (
        f"Two attacks in {first.country} killed {draw.number(total)} people on {one.weekday} and "
        f"{two.weekday}, officials said.\n\n{one.sentence}\n\n{two.sentence}"
    )
    if one.weekday == two.weekday:
        text = text.replace(f"on {one.weekday} and {two.weekday}", f"on {one.weekday}")
    expect = Expectation(violent=2, places=(town_target(first), town_target(second)))
    return [Draft("INV", text, one.published, expect, "a summary line over two incidents")]


def _story_setting(draw: Draw, words: WordLists) -> tuple[Town, Town, Town | None] | None:
    """An incident town, the capital the story is filed from, and a far town the wounded went to (or None)."""
    settings = []
    for country in words.countries:
        capital = words.capital_of(country.name)
        if capital is not None:
            settings += [(t, capital) for t in far_towns(words, capital, country=country.name, km=80)]
    if not settings:
        return None
    town, capital = draw.pick(settings)
    # The wounded are flown to a bigger town of the same country (not the capital, which the story names too).
    hospital = [t for t in far_towns(words, town, country=town.country, km=60) if t.name != capital.name]
    return town, capital, (draw.pick(hospital) if hospital and draw.chance(0.6) else None)


def _region_phrase(words: WordLists, town: Town) -> str:
    region = words.region(town.admin1, town.country)
    return region.named if region and region.alone else town.country


def wire_story(draw: Draw, words: WordLists) -> list[Draft]:
    """A wire story of five or six paragraphs about one incident, told four times over: one record.

    Dateline in the capital, headline, lede, details with the weekday again, a toll raised the next day with the
    wounded taken to another town, an official in the capital, and a past attack elsewhere as background.
    """
    setting = _story_setting(draw, words)
    if setting is None:
        return headline_lede(draw, words)
    town, capital, hospital = setting
    incident = make_incident(draw, town, low=4, high=30)
    region = _region_phrase(words, town)
    later = WEEKDAYS[(incident.day.weekday() + 1) % 7]
    j = draw.count(1, 5)
    headline = draw.pick(
        (
            f"Militants kill {incident.killed} in attack in {region}",
            f"Death toll from {town.name} attack rises to {incident.killed + j}",
            f"{incident.killed} {incident.victims} killed in {incident.town.country}",
        )
    )
    taken = f"taken to hospital in {hospital.name}" if hospital else "taken to hospital"
    paragraphs = [
        headline,
        dateline(draw, capital) + incident.sentence,
        (
            f"The attack happened on {incident.weekday} {draw.pick(('morning', 'afternoon', 'evening'))}, "
            f"{draw.pick(SOURCES)}, and security forces sealed off the area. The attack in {town.name} was the "
            f"deadliest in {region} this year."
        ),
        (
            f"On {later}, officials raised the toll from the attack to {draw.number(incident.killed + j)}, saying "
            f"{draw.number(j)} of the wounded had died after being {taken}."
        ),
        f'"Those behind this crime will be brought to justice," the interior minister told reporters in {capital.name}.',
    ]
    avoid = [avoid_town(capital)] + ([avoid_town(hospital)] if hospital else [])
    named = {capital.name, hospital.name if hospital else ""}
    others = [t for t in far_towns(words, town, country=town.country, km=80) if t.name not in named]
    if others and draw.chance(0.7):
        past = draw.pick(others)
        paragraphs.append(
            f"In {incident.published.year - draw.count(1, 4)}, {draw.number(draw.count(10, 60))} people were "
            f"killed in a similar attack in {past.name}."
        )
        avoid.append(avoid_town(past))
    expect = Expectation(violent=1, places=(town_target(town),), avoid=tuple(avoid))
    return [Draft("INV", "\n\n".join(paragraphs), incident.published, expect, "one incident told four times")]


def wire_story_two(draw: Draw, words: WordLists) -> list[Draft]:
    """A wire story about two incidents in two towns, with an official in the capital: two records."""
    setting = _story_setting(draw, words)
    if setting is None:
        return two_places(draw, words)
    town, capital, _ = setting
    others = [t for t in far_towns(words, town, country=town.country, km=100) if t.capital != "country"]
    others = [t for t in others if t.name != capital.name]
    if not others:
        return two_places(draw, words)
    second = draw.pick(others)
    one = make_incident(draw, town, low=3, high=25)
    two = make_incident(draw, second, low=2, high=15, published=one.published)
    paragraphs = [
        f"{one.killed + two.killed} killed in two attacks in {town.country}",
        dateline(draw, capital) + one.sentence,
        f"It was the second deadly attack in the country this week. {two.sentence}",
        (
            f"Officials in {capital.name} said security had been stepped up across {_region_phrase(words, town)} after the "
            f"attack in {town.name}. No group claimed either attack."
        ),
    ]
    expect = Expectation(violent=2, places=(town_target(town), town_target(second)), avoid=(avoid_town(capital),))
    return [Draft("MFT", "\n\n".join(paragraphs), one.published, expect, "two incidents in one wire story")]


TEMPLATES = (
    Template("headline_lede", 50, headline_lede, "headline, lede and later paragraphs"),
    Template("restated_later", 25, restated_later, "the incident told again later"),
    Template("claim_later", 25, claim_later, "a claim after the lede"),
    Template("province_later", 20, province_later, "the province named in a closing line"),
    Template("follow_up_death", 20, follow_up_death, "deaths the next day"),
    Template("two_places", 40, two_places, "two incidents in two towns"),
    Template("wire_story", 50, wire_story, "a wire story about one incident"),
    Template("wire_story_two", 25, wire_story_two, "a wire story about two incidents"),
    Template("two_days", 20, two_days, "two incidents on two days in one town"),
    Template("summed_up", 20, summed_up, "two incidents and a summary line"),
)
