"""Phase 4, resolve: pick one reading (or none) per name (`resolve`).

Every candidate is scored by name match, population, feature type, the article's country focus (countries
and demonyms, weighted by frequency and position), its container, and coherence with the other places; three
rounds so resolved places feed the focus. A container rules out the candidates outside it; loose matches
(respellings, places inside longer names) must fit the article's country. The country the article's source
covers (`Article.country_hint`) is a weak prior, counted only while the text points at no country itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.gazetteer import Candidate, Gazetteer
from sitrep.gazetteer.names import fold
from sitrep.geoparse.candidates import expand_abbreviations, log_population, static_score
from sitrep.geoparse.containers import alternate_namesake, container_rules_out, held_map, holds
from sitrep.geoparse.focus import demonym_counts, focus_shares
from sitrep.geoparse.mention import Link, Mention
from sitrep.geoparse.settings import Settings
from sitrep.geoparse.words import WEAK_MATCHES

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["resolve", "score_candidate"]

# (country focus with neighbours, admin1 focus, country focus without neighbours): see focus_shares
Focus = tuple[dict[str, float], dict[str, float], dict[str, float]]


def _proximity(a: Mention, b: Mention) -> float:
    if a.link.sentence == b.link.sentence:
        return 1.0
    if a.link.paragraph == b.link.paragraph:
        return 0.5
    return 0.15


def resolve(
    doc: Doc, mentions: list[Mention], gaz: Gazetteer, s: Settings, *, country_hint: str | None = None
) -> list[tuple[Candidate | None, float]]:
    """Pick one candidate (or none) per mention, with a confidence; mentions of the same name are decided together.

    Round 0 scores names alone (with the focus the country names and demonyms give); rounds 1-2 add what the
    previous round resolved: its countries and provinces to the focus, containers, coherence. `country_hint`
    (ISO alpha-2): the country the article's source covers, a prior for names the text leaves open.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[fold(m.name.query) + "|" + (m.name.country_filter or "") + "|" + (m.link.unit_hint or "")].append(i)
    fixed = _Fixed(
        doc=doc,
        gaz=gaz,
        settings=s,
        demonyms=demonym_counts(doc),
        loose=frozenset(
            i
            for i, m in enumerate(mentions)
            if m.readings.embedded_loose or any(c.match == "skeleton" for c in m.readings.cands)
        ),
        paired=_paired(mentions),
        country_hint=country_hint,
    )
    chosen: list[Candidate | None] = [None] * len(mentions)
    scores: list[float] = [0.0] * len(mentions)
    for number in range(3):
        focus = focus_shares(
            mentions, chosen if number else [None] * len(mentions), doc, gaz, s.neighbour, demonyms=fixed.demonyms
        )
        if number < 2 and any(m.readings.abbreviation for m in mentions):
            mentions = expand_abbreviations(mentions, gaz, focus[0])
        this = _Round(number, mentions, chosen, held_map(mentions, chosen), focus)
        new_chosen: list[Candidate | None] = list(chosen)
        for members in groups.values():
            pick, score = _decide(members, this, fixed)
            for i in members:
                new_chosen[i], scores[i] = pick, score
        chosen = new_chosen
    return list(zip(chosen, scores, strict=True))


@dataclass(frozen=True)
class _Fixed:
    """What stays the same over the rounds: the article, the weights, the demonym counts, the mentions matched
    only loosely (a respelling, a place inside a longer name), the readings two names confirm (`_paired`) and
    the country the source covers."""

    doc: Doc
    gaz: Gazetteer
    settings: Settings
    demonyms: dict[str, float]
    loose: frozenset[int]
    paired: frozenset[tuple[int, str]]
    country_hint: str | None = None


@dataclass(frozen=True)
class _Round:
    """One round: its number, the mentions (abbreviations expanded so far), what the previous round chose,
    which chosen containers hold a reading of the names they contain (`held_map`), and the article's focus."""

    number: int
    mentions: list[Mention]
    chosen: list[Candidate | None]
    held: dict[tuple[int, int], bool]
    focus: Focus


def _decide(members: list[int], this: _Round, fixed: _Fixed) -> tuple[Candidate | None, float]:
    """The reading of the name the mentions `members` share, and its confidence: the reading with the best
    mean score over them, if it reaches `Settings.accept`."""
    s = fixed.settings
    group_focus = _group_focus(members, this, fixed)
    sure_focus = _sure_focus(members, this, fixed) if fixed.loose.intersection(members) else {}
    ruled_out = _ruled_out(members, this)
    totals: dict[str, float] = defaultdict(float)
    by_id: dict[str, Candidate] = {}
    for i in members:
        for c in this.mentions[i].readings.cands:
            if c.gazetteer_id in ruled_out:
                continue
            sc = score_candidate(
                i,
                c,
                this.mentions,
                this.chosen,
                group_focus,
                s,
                with_context=this.number > 0,
                held=this.held,
                sure_focus=sure_focus,
                paired=(i, c.gazetteer_id) in fixed.paired,
                country_hint=fixed.country_hint,
            )
            if sc is not None:
                totals[c.gazetteer_id] += sc / len(members)
                by_id[c.gazetteer_id] = c
    if not totals:
        return None, 0.0  # every candidate is ruled out now
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    best_id, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < s.accept:
        return None, 0.0
    return by_id[best_id], _confidence(best, second)


def _group_focus(members: list[int], this: _Round, fixed: _Fixed) -> Focus:
    """The article's focus for deciding one name: after round 0, without the name's own guess (a wrong first
    guess must not vouch for itself). The places a name contains do not vote on its country or province either:
    "Poonch district, J&K" is decided by J&K, so Poonch's guess must not decide J&K in turn (it would swing
    between the two Kashmirs), and in "Tuban district (Lahij)" the Tuban of Indonesia must not make Lahij
    Indonesian. They still count as direct evidence of a country for a code ("Sitapur (UP)": India's UP)."""
    if not this.number:
        return this.focus
    mentions, chosen = this.mentions, this.chosen
    contained = [
        j
        for j, mj in enumerate(mentions)
        if chosen[j] is not None and any(ref in members for ref, _ in mj.link.containers)
    ]
    if not contained and all(chosen[i] is None for i in members):
        return this.focus
    doc, gaz, neighbour, demonyms = fixed.doc, fixed.gaz, fixed.settings.neighbour, fixed.demonyms
    focus = focus_shares(mentions, chosen, doc, gaz, neighbour, exclude=[*members, *contained], demonyms=demonyms)
    if contained:
        with_contained = focus_shares(mentions, chosen, doc, gaz, neighbour, exclude=members, demonyms=demonyms)
        focus = (focus[0], focus[1], with_contained[2])
    return focus


def _sure_focus(members: list[int], this: _Round, fixed: _Fixed) -> dict[str, float]:
    """The countries the article points at by firm evidence (country names, demonyms, places matched by name),
    for a name matched only loosely (see _loose_fits)."""
    firm = [c if c is not None and c.match in ("name", "alias", "stem") else None for c in this.chosen]
    return focus_shares(this.mentions, firm, fixed.doc, None, 0.0, exclude=members, demonyms=fixed.demonyms)[2]


def _ruled_out(members: list[int], this: _Round) -> set[str]:
    """One name, one place: a reading that the container of one mention rules out ("near Kamyanka, Donetsk")
    is ruled out for the same name repeated without it ("explosions near Kamyanka"), unless the container of
    another mention holds it ("in Aden, Yemen" against "Aden in the al-Mualla district", a building's address).
    Not where the name contains itself ("Nawabshah city (Nawabshah, Punjab)": a town and its district, whose
    province the text may get wrong)."""
    mentions, chosen = this.mentions, this.chosen
    if (
        len(members) < 2
        or not any(mentions[i].link.containers for i in members)
        or any(ref in members for i in members for ref, _ in mentions[i].link.containers)
    ):
        return set()
    ruled_out: set[str] = set()
    for i in members:
        for c in mentions[i].readings.cands:
            if mentions[i].link.containers and container_rules_out(i, c, mentions, chosen, this.held):
                ruled_out.add(c.gazetteer_id)
    for i in members:
        for ref, kind in mentions[i].link.containers:
            unit = chosen[ref]
            if unit is not None:
                town_kind = "paren" if kind == "comma" else kind
                ruled_out -= {c.gazetteer_id for c in mentions[i].readings.cands if holds(unit, c, town_kind)}
    return ruled_out


def _paired(mentions: list[Mention]) -> frozenset[tuple[int, str]]:
    """(mention, candidate id) for readings that a name written with it as its container confirms: in
    "Tarinkot district, Urozgan" one Tarinkot lies in one Oruzgan. Two names agreeing like that are evidence
    stronger than any focus, so neither the foreign-town penalty nor the respelling rule applies to them."""
    out: set[tuple[int, str]] = set()
    for i, m in enumerate(mentions):
        for ref, kind in m.link.containers:
            units = mentions[ref].readings.cands
            for unit in units:
                if alternate_namesake(unit, units):
                    # "Panama City (Bella Vista)" is no Panamá of Goiás because Bela Vista de Goiás has "Bella
                    # Vista" among its alternate names
                    continue
                for c in m.readings.cands:
                    if c.feature not in ("country", "continent") and holds(
                        unit, c, "paren" if kind == "comma" else kind
                    ):
                        out.add((i, c.gazetteer_id))
                        out.add((ref, unit.gazetteer_id))
    return frozenset(out)


def _loose_fits(c: Candidate, sure_focus: dict[str, float]) -> bool:
    """A loose match (a respelling, a place inside a longer name) fits when it lies in a country the article
    points at by firm evidence (country names, demonyms, places matched by name), or, when there is none,
    when it is a big place."""
    if sure_focus:
        return c.iso2 in sure_focus
    return c.feature in ("country", "admin1") or log_population(c) >= 5.0


def score_candidate(
    i: int,
    c: Candidate,
    mentions: list[Mention],
    chosen: list[Candidate | None],
    focus: Focus,
    s: Settings,
    *,
    with_context: bool,
    held: dict[tuple[int, int], bool] | None = None,
    sure_focus: dict[str, float] | None = None,
    paired: bool = False,
    country_hint: str | None = None,
) -> float | None:
    """How well candidate `c` fits mention `i`; None when it cannot be meant at all. `paired`: a name
    written with this one as its container (or inside it) confirms this reading (see _paired).
    `country_hint`: the country the article's source covers (ISO alpha-2), or None."""
    m = mentions[i]
    link, readings = m.link, m.readings
    country_focus, admin1_focus, direct_focus = focus
    sure_focus = sure_focus if sure_focus is not None else {}
    if readings.embedded and not _embedded_fits(c, link, chosen, country_focus):
        return None  # a place named inside an unknown name must fit the article and its container
    if held is not None and container_rules_out(i, c, mentions, chosen, held):
        return None
    if link.unit_country and c.iso2 != link.unit_country and c.feature not in ("country", "continent"):
        return None  # "Rampur upazila" is in Bangladesh, whatever India has of that name
    if c.known_by_name_only and any(
        (unit := chosen[ref]) is not None
        and unit.gazetteer_id != c.gazetteer_id
        and ((unit.feature == "city" and kind == "hard") or (unit.feature == "admin2" and not unit.known_by_name_only))
        for ref, kind in link.containers
    ):
        # "the Malir area of Karachi": a district known only by name is coded to the town it is said to be part
        # of (not after a comma or in brackets, where a town stands for its province: "Daman district, Kandahar");
        # "Ponnagyun Township, Sittwe District": to the district we know with its coordinates
        return None
    if (c.match == "skeleton" or readings.embedded_loose) and not paired and not _loose_fits(c, sure_focus):
        # a respelling ("Puntland" ~ Ponteland) or a place inside a longer name ("Abu Salim" ~ Abu) only inside
        # a country the article points at, or a big one when it points at none
        return None
    if readings.initialism and c.is_unit and c.feature != "country" and c.iso2 not in direct_focus:
        return None  # "(HP)", "J&K": a code of provinces in several countries needs the article's country
    # Context counts less for a town far smaller than the biggest place of that name. Admin units' populations
    # are sums over their towns, so only towns and countries set the scale.
    top = max((log_population(x) for x in readings.cands if x.feature in ("city", "country")), default=0.0)
    damp = 1.0 if c.is_unit else max(s.focus_floor, 1.0 - (top - log_population(c)) / s.focus_gap)
    score = static_score(c, m, s)
    score += s.country_focus * country_focus.get(c.iso2 or "", 0.0) * damp
    foreign = country_focus and c.iso2 not in country_focus
    small = c.feature in ("city", "admin2") and c.population < s.foreign_population
    if paired:
        pass
    elif foreign and (small or (c.feature == "admin1" and c.match == "alt")):
        score -= s.foreign
    elif direct_focus and c.iso2 and c.iso2 not in direct_focus and c.match in WEAK_MATCHES and not c.is_unit:
        score -= s.foreign  # a variant spelling of a place abroad ("Idak" -> Itk, Iran, in a Pakistani story)
    if country_hint and not direct_focus and c.iso2 == country_hint and c.match in _HINTED_MATCHES:
        # A Pakistani outlet's "Hyderabad", a Nigerian one's "Bama": the source's country decides between
        # namesakes, but only while the text points at no country itself (no country name, demonym or resolved
        # place: a story from that outlet about abroad keeps its own evidence).
        score += s.country_hint * _hint_damp(m, country_hint, s)
    if c.admin1_id:
        score += s.admin1_focus * admin1_focus.get(c.admin1_id, 0.0)
    if with_context:
        score += _context_score(i, c, mentions, chosen, s, damp)
    return score


# The readings the source's country counts for: the name itself, not a respelling or an alternate name, which it
# would lift over `Settings.accept` ("Southold" ~ South Bend).
_HINTED_MATCHES = ("name", "alias", "stem")


def _hint_damp(m: Mention, country_hint: str, s: Settings) -> float:
    """How much of the hint a name gets: less when the hinted country's biggest reading of it is far smaller
    than the biggest place of that name (a hamlet does not beat a capital), and the same for every reading in
    that country, so the hint weighs countries and never reorders the readings inside one (a US outlet's
    "Suffolk County": which of the US counties is for the context to say)."""
    readings = m.readings.cands
    top = max((log_population(x) for x in readings if x.feature in ("city", "country")), default=0.0)
    hinted = [x for x in readings if x.iso2 == country_hint and x.match in _HINTED_MATCHES]
    if any(x.is_unit for x in hinted):
        return 1.0
    own = max((log_population(x) for x in hinted), default=0.0)
    return max(s.focus_floor, 1.0 - (top - own) / s.focus_gap)


def _embedded_fits(c: Candidate, link: Link, chosen: list[Candidate | None], focus: dict[str, float]) -> bool:
    if focus and c.iso2 not in focus:
        return False
    for ref in (link.container, link.soft_container if link.soft_kind in ("in", "paren") else None):
        unit = chosen[ref] if ref is not None else None
        if unit is not None and unit.is_unit and not unit.contains(c):
            return False
    return True


def _context_score(
    i: int, c: Candidate, mentions: list[Mention], chosen: list[Candidate | None], s: Settings, damp: float = 1.0
) -> float:
    m = mentions[i]
    link = m.link
    score = 0.0
    for ref, kind in link.containers:
        unit = chosen[ref]
        if unit is None:
            continue
        if holds(unit, c, kind):
            score += s.container
            if (
                unit.feature == "city"
                and c.feature == "city"
                and unit.admin2_id
                and c.admin2_id == unit.admin2_id
                and fold(mentions[ref].name.query) != fold(m.name.query)
            ):
                # "Mora village (Surat, Gujarat)": in the town's own district, not just its province (not for
                # "Tenkasi district (Tenkasi, TN)", the town itself, which a town does not "hold")
                score += s.container / 2
        elif ref == link.container and unit.feature in ("country", "admin1", "admin2"):
            score -= s.container / 2
    # Named as the container of another place: the reading that holds it ("Ludhiana (Punjab)": India's Punjab).
    # Any reading of that place counts, not its current guess: the place is decided by its container, so its
    # guess must not decide the container in turn ("Poonch district, J&K" would swing between the two Kashmirs).
    # A reading that holds the place only by a GeoNames alternate name counts half: in "Rupnagar city (Punjab)"
    # India's Punjab holds Rupnagar by its own name, Pakistan's only a village once called so.
    # (A town that has the name only as an alternate one stands for no province: see _paired.)
    for j in link.contains if not alternate_namesake(c, m.readings.cands) else ():
        inner = mentions[j].readings.cands
        kind = mentions[j].link.soft_kind if mentions[j].link.container != i else "hard"
        held = [x for x in inner if x is not None and holds(c, x, kind)] if c.feature != "country" else []
        if held:
            score += s.container if any(x.match not in WEAK_MATCHES for x in held) else s.container / 2
            break
    coherence = sibling = 0.0
    key = fold(m.name.query)
    for j, o in enumerate(chosen):
        if j == i or o is None or o.gazetteer_id == c.gazetteer_id or o.feature in ("country", "continent"):
            continue
        if fold(mentions[j].name.query) == key or j in link.contains:
            continue  # a place this one contains is decided by it, not the other way round
        same = 1.0 if (c.admin1_id and o.admin1_id == c.admin1_id) else 0.3 * damp if o.iso2 == c.iso2 else 0.0
        if j in link.siblings:
            if o.is_unit and o.contains(c):
                continue  # "England and Wales": a list names peers, not a province and a village inside it
            sibling = max(sibling, s.sibling * same)
        else:
            coherence += s.coherence * _proximity(m, mentions[j]) * same
    return score + sibling + min(coherence, 1.5 * s.coherence)


def _confidence(best: float, second: float) -> float:
    margin = 1.0 - (second / best) if best > 0 else 0.0
    return round(max(0.0, min(1.0, 0.5 * min(1.0, best / 3.0) + 0.5 * margin)), 3)
