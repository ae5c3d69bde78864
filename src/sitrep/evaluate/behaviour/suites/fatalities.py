"""Fatalities: the number of people killed in the incident, however the report phrases it.

Fifty phrasings, each with numbers in digits and in words: subsets that are part of the total ("30 killed,
including 12 children" is 30, not 42), appositives ("At least 19 people, among them several policemen, were
killed"), "leaving N dead", "the dead included" (a sum when no total is given), negation ("no one was killed":
0), the injured who are not dead, hedges ("at least"), two figures from two sources (ACLED takes the lowest),
both sides' dead (added), totals for this incident ("bringing the toll to 9": 9) against running totals across
incidents and the war's cumulative toll (never this incident's).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sitrep.evaluate.behaviour.cases import Expectation
from sitrep.evaluate.behaviour.compose import (
    ATTACKERS,
    SITES,
    SOURCES,
    Draft,
    Draw,
    Template,
    capitalise,
    incident_town,
)
from sitrep.evaluate.behaviour.words import WEEKDAYS, Town, WordLists

__all__ = ["TEMPLATES", "PHRASINGS"]

# (draw, words, town, weekday) -> (text, fatalities)
Phrasing = Callable[[Draw, WordLists, Town, str], tuple[str, int]]


def _bomb(draw: Draw, words: WordLists, *, suicide: bool = True) -> tuple[str, str]:
    weapons = [w for w in words.weapons if suicide or "suicide" not in w.phrase]
    weapon = draw.pick(weapons)
    return weapon.phrase, weapon.verb


def _blast(draw: Draw, words: WordLists, town: Town, weekday: str, *, suicide: bool = True) -> str:
    """ "a roadside bomb exploded at a busy market in Gao on Monday" (no toll)."""
    phrase, verb = _bomb(draw, words, suicide=suicide)
    site, _ = draw.pick(SITES)
    return f"{phrase} {verb} {site} in {town.name} on {weekday}"


def _src(draw: Draw) -> str:
    return draw.pick(SOURCES)


def kill_direct(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 40)
    victims = d.pick(("villagers", "civilians", "soldiers", "farmers", "policemen"))
    return f"{d.pick(ATTACKERS)} killed {d.number(k)} {victims} in {t.name} on {wd}, {_src(d)}.", k


def passive_when(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 40)
    return f"{d.number(k, start=True)} people were killed when {_blast(d, w, t, wd)}, {_src(d)}.", k


def at_least(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 60)
    return f"At least {d.number(k)} people were killed when {_blast(d, w, t, wd)}, {_src(d)}.", k


def killing_wounding(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k, m = d.count(2, 30), d.count(5, 80)
    text = f"{capitalise(_blast(d, w, t, wd))}, killing {d.number(k)} people and wounding {d.number(m)} others."
    return text, k


def left_dead(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 40)
    return f"{capitalise(_blast(d, w, t, wd))}, leaving {d.number(k)} people dead, {_src(d)}.", k


def leaving_dead_injured(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k, m = d.count(2, 40), d.count(3, 70)
    return f"{capitalise(_blast(d, w, t, wd))}, leaving {d.number(k)} dead and {d.number(m)} injured.", k


def subset_including(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(8, 50)
    m = d.count(2, k // 2)
    who = d.pick(("children", "women", "policemen", "soldiers"))
    return (
        f"{d.number(k, start=True)} people were killed, including {d.number(m)} {who}, when {_blast(d, w, t, wd)}.",
        k,
    )


def subset_after_killing(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(10, 60)
    a, b = d.count(2, k // 3), d.count(2, k // 3)
    text = (
        f"{capitalise(_blast(d, w, t, wd))}, killing {d.number(k)} people, including {d.number(a)} women and "
        f"{d.number(b)} children, {_src(d)}."
    )
    return text, k


def appositive_among(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(5, 45)
    who = d.pick(("several policemen", "three children", "a local judge", "two soldiers", "many students"))
    return f"At least {d.number(k)} people, among them {who}, were killed when {_blast(d, w, t, wd)}.", k


def appositive_number(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(6, 40)
    m = d.count(2, k - 2)
    return (
        f"{d.number(k, start=True)} people, among them {d.number(m)} policemen, were killed when {_blast(d, w, t, wd)}."
    ), k


def dead_included_total(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(6, 40)
    m = d.count(2, k - 2)
    text = (
        f"{capitalise(_blast(d, w, t, wd))}, killing {d.number(k)} people. The dead included {d.number(m)} "
        f"soldiers, {_src(d)}."
    )
    return text, k


def dead_included_sum(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    a, b = d.count(2, 12), d.count(2, 12)
    text = (
        f"{capitalise(_blast(d, w, t, wd, suicide=False))}. The dead included {d.number(a)} soldiers and "
        f"{d.number(b)} civilians, {_src(d)}."
    )
    return text, a + b


def no_one_killed(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    tail = d.pick(("No one was killed, police said.", "Nobody was killed in the blast, officials said."))
    return f"{capitalise(_blast(d, w, t, wd, suicide=False))}. {tail}", 0


def no_casualties(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    text = (
        f"{d.pick(ATTACKERS)} fired rockets at an army base in {t.name} on {wd}. There were no casualties, "
        f"the army said."
    )
    return text, 0


def nobody_hurt(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    return f"{capitalise(_blast(d, w, t, wd, suicide=False))}, but nobody was hurt, {_src(d)}.", 0


def wounded_only(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    m = d.count(2, 40)
    return f"{capitalise(_blast(d, w, t, wd, suicide=False))}, wounding {d.number(m)} people, {_src(d)}.", 0


def injured_critical(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    m = d.count(6, 40)
    c = d.count(2, m // 2)
    text = (
        f"{d.number(m, start=True)} people were injured, {d.number(c)} of them critically, when "
        f"{_blast(d, w, t, wd, suicide=False)}."
    )
    return text, 0


def no_deaths(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    m = d.count(3, 30)
    text = (
        f"Militants attacked a police post in {t.name} on {wd}. The attack left {d.number(m)} people wounded but "
        "caused no deaths, police said."
    )
    return text, 0


def died(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 15)
    return f"{d.number(k, start=True)} soldiers died when their vehicle hit a roadside bomb near {t.name} on {wd}.", k


def bodies_recovered(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(3, 40)
    return (
        f"Rescuers pulled {d.number(k)} bodies from the rubble after an air strike hit a residential building in "
        f"{t.name} on {wd}, {_src(d)}."
    ), k


def lost_lives(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 40)
    return f"{d.number(k, start=True)} people lost their lives when {_blast(d, w, t, wd)}.", k


def claimed_lives(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 40)
    return f"An attack on a village in {t.name} on {wd} claimed the lives of {d.number(k)} people, {_src(d)}.", k


def toll_stood(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(3, 50)
    return (f"{capitalise(_blast(d, w, t, wd))}. By the evening the death toll stood at {d.number(k)}, {_src(d)}."), k


def toll_rose(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(6, 50)
    j = d.count(1, 4)
    later = WEEKDAYS[(WEEKDAYS.index(wd) + 1) % 7]
    return (
        f"The death toll from {wd}'s bombing at a market in {t.name} rose to {d.number(k)} on {later}, after "
        f"{d.number(j)} of the wounded died in hospital, officials said."
    ), k


def shot_dead(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 20)
    victims = d.pick(("villagers", "traders", "policemen", "miners", "worshippers"))
    return f"{d.pick(ATTACKERS)} shot dead {d.number(k)} {victims} in {t.name} on {wd}, {_src(d)}.", k


def killed_and_wounded(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k, m = d.count(2, 30), d.count(3, 60)
    return (f"{d.number(k, start=True)} people were killed and {d.number(m)} wounded when {_blast(d, w, t, wd)}."), k


def killing_a(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    who = d.pick(("a policeman", "a soldier", "a teenage boy", "a local councillor", "one person"))
    return f"{capitalise(_blast(d, w, t, wd, suicide=False))}, killing {who}, {_src(d)}.", 1


def one_and_wounding(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    m = d.count(3, 30)
    text = f"{capitalise(_blast(d, w, t, wd, suicide=False))}, killing one person and wounding {d.number(m)}."
    return text, 1


def two_sides(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    a, b = d.count(2, 25), d.count(2, 12)
    return (
        f"{d.number(a, start=True)} militants and {d.number(b)} soldiers were killed in a gunbattle in {t.name} "
        f"on {wd}, the army said."
    ), a + b


def attackers_also(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    a, b = d.count(2, 12), d.count(2, 6)
    return (
        f"Gunmen killed {d.number(a)} policemen in an attack on a police station in {t.name} on {wd}. "
        f"{d.number(b, start=True)} of the attackers were also killed in the exchange of fire, police said."
    ), a + b


def two_figures(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(4, 30)
    h = k + d.count(3, 30)
    return (
        f"{capitalise(_blast(d, w, t, wd))}. Police put the death toll at {d.number(k)}, while residents said as "
        f"many as {d.number(h)} people had been killed."
    ), k


def two_figures_reverse(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(4, 30)
    h = k + d.count(3, 30)
    return (
        f"{capitalise(_blast(d, w, t, wd))}. Hospital sources said {d.number(h)} people had died; the "
        f"government put the figure at {d.number(k)}."
    ), k


def most_of_them(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(5, 60)
    return (
        f"{d.number(k, start=True)} people, most of them women and children, were killed when {_blast(d, w, t, wd)}."
    ), k


def of_them(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(5, 40)
    m = d.count(2, k - 1)
    return (
        f"{d.number(k, start=True)} people were killed, {d.number(m)} of them police officers, when "
        f"{_blast(d, w, t, wd)}."
    ), k


def colon_breakdown(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    a, b = d.count(2, 15), d.count(2, 15)
    return (
        f"{capitalise(_blast(d, w, t, wd, suicide=False))}. The attack killed {d.number(a + b)} people: "
        f"{d.number(a)} soldiers and {d.number(b)} civilians."
    ), a + b


def officer_and_civilians(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    b = d.count(2, 9)
    return (
        f"A police officer and {d.number(b)} civilians were killed when {_blast(d, w, t, wd, suicide=False)}."
    ), 1 + b


def words_large(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(21, 99)
    return f"{d.number(k, start=True)} people were killed when {_blast(d, w, t, wd)}, {_src(d)}.", k


def headline_dead(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(3, 40)
    return (
        f"Blast at {t.name} market leaves {k} dead\n\n"
        f"{capitalise(_blast(d, w, t, wd))}, killing {d.number(k)} people, {_src(d)}."
    ), k


def bodies_found(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 15)
    return (
        f"The bodies of {d.number(k)} farmers who had been abducted by gunmen were found near {t.name} on {wd}, "
        f"{_src(d)}."
    ), k


def one_of_them_child(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(3, 25)
    return f"{capitalise(_blast(d, w, t, wd))}, killing {d.number(k)} people, one of them a child.", k


def including_himself(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(3, 30)
    site, _ = d.pick(SITES)
    return (
        f"A suicide bomber blew himself up {site} in {t.name} on {wd}, killing {d.number(k)} people including "
        f"himself, {_src(d)}."
    ), k


def a_dozen(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    return f"A dozen soldiers were killed when militants ambushed their convoy near {t.name} on {wd}.", 12


def scores_injured(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(4, 40)
    return f"{capitalise(_blast(d, w, t, wd))}, leaving at least {d.number(k)} dead and scores injured.", k


def killed_injured_verbs(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k, m = d.count(2, 25), d.count(2, 40)
    return (
        f"{d.pick(ATTACKERS)} killed {d.number(k)} people and injured {d.number(m)} in an attack on a market in "
        f"{t.name} on {wd}."
    ), k


def dead_included_children(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(6, 40)
    m = d.count(2, k - 2)
    return (f"{capitalise(_blast(d, w, t, wd))}. The {d.number(k)} dead included {d.number(m)} children, {_src(d)}."), k


def all_on_board(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(3, 14)
    return (
        f"Militants shot down a military helicopter near {t.name} on {wd}, killing all {d.number(k)} soldiers on "
        "board, the army said."
    ), k


def victims_were(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 20)
    return (
        f"{d.pick(ATTACKERS)} attacked a wedding party in {t.name} on {wd}. {d.number(k, start=True)} guests were "
        f"killed, among them the groom's father, {_src(d)}."
    ), k


def death_toll_is(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(3, 60)
    return (
        f"The death toll from an air strike on a market in {t.name} on {wd} is {d.number(k)}, local health "
        "officials said."
    ), k


def were_among_total(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(6, 40)
    m = d.count(2, k - 2)
    return (
        f"{capitalise(_blast(d, w, t, wd))}, killing {d.number(k)} people. {d.number(m, start=True)} children "
        f"were among the dead, {_src(d)}."
    ), k


def fatalities_word(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    k = d.count(2, 30)
    return (
        f"Fighting between the army and rebels in {t.name} on {wd} caused {d.number(k)} fatalities, according to "
        "a local hospital."
    ), k


def single_death(d: Draw, w: WordLists, t: Town, wd: str) -> tuple[str, int]:
    return f"A soldier was killed when {_blast(d, w, t, wd, suicide=False)}, the army said.", 1


PHRASINGS: tuple[tuple[str, Phrasing], ...] = tuple(
    (f.__name__, f)
    for f in (
        kill_direct, passive_when, at_least, killing_wounding, left_dead, leaving_dead_injured, subset_including,
        subset_after_killing, appositive_among, appositive_number, dead_included_total, dead_included_sum,
        no_one_killed, no_casualties, nobody_hurt, wounded_only, injured_critical, no_deaths, died,
        bodies_recovered, lost_lives, claimed_lives, toll_stood, toll_rose, shot_dead, killed_and_wounded,
        killing_a, one_and_wounding, two_sides, attackers_also, two_figures, two_figures_reverse, most_of_them,
        of_them, colon_breakdown, officer_and_civilians, words_large, headline_dead, bodies_found,
        one_of_them_child, including_himself, a_dozen, scores_injured, killed_injured_verbs,
        dead_included_children, all_on_board, victims_were, death_toll_is, were_among_total, fatalities_word,
        single_death,
    )
)  # fmt: skip


def _setting(draw: Draw, words: WordLists) -> tuple[Town, str, date]:
    published = draw.published()
    weekday, _ = draw.weekday_before(published, max_back=2)
    town = incident_town(draw, words)
    return town, weekday, published


def _phrasing_template(name: str, phrasing: Phrasing) -> Template:
    def make(draw: Draw, words: WordLists) -> list[Draft]:
        town, weekday, published = _setting(draw, words)
        text, killed = phrasing(draw, words, town, weekday)
        return [Draft("MFT", text, published, Expectation(violent=1, fatalities=killed), name)]

    return Template(name, 5, make, name.replace("_", " "))


_RUNNING = (
    " The attack brings to {big} the number of people killed in such attacks in the region this year.",
    " The conflict has killed more than {big} people since {year}.",
    " It was the deadliest attack in the area since {year}, when {old} people were killed in a bombing.",
    " Last month, {old} people were killed in a similar attack in the same district.",
)


def background_totals(draw: Draw, words: WordLists) -> list[Draft]:
    """A toll, then a running or cumulative total: the incident keeps its own toll."""
    town, weekday, published = _setting(draw, words)
    name, phrasing = draw.pick([p for p in PHRASINGS if p[0] in _TOTAL_FREE])
    text, killed = phrasing(draw, words, town, weekday)
    tail = draw.pick(_RUNNING).format(
        big=f"{draw.count(60, 900):,}",
        year=published.year - draw.count(2, 10),
        old=draw.number(draw.count(20, 80)),
    )
    expect = Expectation(violent=1, fatalities=killed)
    return [
        Draft("MFT", text, published, expect, name),
        Draft("INV", text + tail, published, expect, "a running or cumulative total after the toll"),
    ]


_TOTAL_FREE = {"kill_direct", "passive_when", "at_least", "killing_wounding", "left_dead", "shot_dead", "lost_lives"}


def injured_added(draw: Draw, words: WordLists) -> list[Draft]:
    """A toll, then the wounded: the wounded are not dead."""
    town, weekday, published = _setting(draw, words)
    name, phrasing = draw.pick([p for p in PHRASINGS if p[0] in _TOTAL_FREE])
    text, killed = phrasing(draw, words, town, weekday)
    m = draw.count(5, 90)
    tail = draw.pick(
        (
            f" {draw.number(m, start=True)} others were wounded and taken to hospital.",
            f" Doctors at the main hospital said they were treating {draw.number(m)} injured people.",
            f" At least {draw.number(m)} people were hurt, several of them seriously.",
        )
    )
    expect = Expectation(violent=1, fatalities=killed)
    return [
        Draft("MFT", text, published, expect, name),
        Draft("INV", text + tail, published, expect, "the wounded told after the toll"),
    ]


def toll_increment(draw: Draw, words: WordLists) -> list[Draft]:
    """A toll, then more victims die: "bringing the toll from the attack to N" is this incident's new total."""
    town, weekday, published = _setting(draw, words)
    k = draw.count(3, 30)
    j = draw.count(1, 5)
    first = f"{capitalise(_blast(draw, words, town, weekday))}, killing {draw.number(k)} people, {_src(draw)}."
    later = draw.pick(
        (
            (
                f" {draw.number(j, start=True)} more victims died in hospital overnight, bringing the toll from the "
                f"attack to {draw.number(k + j)}."
            ),
            f" The death toll later rose to {draw.number(k + j)} after {draw.number(j)} of the wounded died.",
            f" Officials later revised the toll to {draw.number(k + j)}.",
        )
    )
    return [
        Draft("MFT", first, published, Expectation(violent=1, fatalities=k), "the first toll"),
        Draft("DIR", first + later, published, Expectation(violent=1, fatalities=k + j), "the toll raised"),
    ]


def negation_direction(draw: Draw, words: WordLists) -> list[Draft]:
    """ "No one was killed" (0) against "two people were killed" (2), with the same blast."""
    town, weekday, published = _setting(draw, words)
    blast = capitalise(_blast(draw, words, town, weekday, suicide=False))
    k = draw.count(2, 12)
    return [
        Draft("MFT", f"{blast}. No one was killed, police said.", published, Expectation(violent=1, fatalities=0)),
        Draft(
            "DIR",
            f"{blast}. {draw.number(k, start=True)} people were killed, police said.",
            published,
            Expectation(violent=1, fatalities=k),
            "the negation removed",
        ),
    ]


TEMPLATES = (
    *(_phrasing_template(name, phrasing) for name, phrasing in PHRASINGS),
    Template("background_totals", 20, background_totals, "running and cumulative totals after the toll"),
    Template("injured_added", 12, injured_added, "the wounded after the toll"),
    Template("toll_increment", 15, toll_increment, "a raised toll for the same incident"),
    Template("negation_direction", 8, negation_direction, "negation against a toll"),
)
