"""Phase 4, resolve: pick one reading (or none) per name (`resolve`).

Every candidate is scored by name match, population, feature type, the article's country focus (countries
and demonyms, weighted by frequency and position), its container, and coherence with the other places; three
rounds so resolved places feed the focus. A container rules out the candidates outside it; loose matches
(respellings, places inside longer names) must fit the article's country.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sitrep.gazetteer import Candidate, Gazetteer
from sitrep.gazetteer.names import fold
from sitrep.text.tokens import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc


from sitrep.geoparse.candidates import (
    DIRECTION_BEFORE,
    candidates_of,
    expand_abbreviations,
    log_population,
    static_score,
)
from sitrep.geoparse.containers import alternate_namesake, container_rules_out, containers_of, held_map, holds
from sitrep.geoparse.focus import demonym_counts, focus_shares
from sitrep.geoparse.mention import PlaceMention
from sitrep.geoparse.settings import Settings
from sitrep.geoparse.words import WEAK_MATCHES

__all__ = ["resolve", "score_candidate"]


def _proximity(a: PlaceMention, b: PlaceMention) -> float:
    if a.sentence == b.sentence:
        return 1.0
    if a.paragraph == b.paragraph:
        return 0.5
    return 0.15


def resolve(
    doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer, s: Settings
) -> list[tuple[Candidate | None, float]]:
    """Pick one candidate (or none) per mention; mentions of the same name are decided together."""
    text = doc_text(doc)
    for m in mentions:
        before = DIRECTION_BEFORE.search(text, max(0, m.start - 12), m.start)
        m.direction = before.group(1).capitalize() if before else None
        m.cands = candidates_of(m, gaz)
    chosen: list[Candidate | None] = [None] * len(mentions)
    scores: list[float] = [0.0] * len(mentions)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[fold(m.query) + "|" + (m.country_filter or "") + "|" + (m.unit_hint or "")].append(i)
    # Round 0 scores names alone (with the focus the country names and demonyms give); rounds 1-2 add what the
    # previous round resolved: its countries and provinces to the focus, containers, coherence.
    demonyms = demonym_counts(doc)
    loose = {i for i, m in enumerate(mentions) if m.embedded_loose or any(c.match == "skeleton" for c in m.cands)}
    paired = _paired(mentions)
    for round_ in range(3):
        focus = focus_shares(
            mentions, chosen if round_ else [None] * len(mentions), doc, gaz, s.neighbour, demonyms=demonyms
        )
        if round_ < 2 and any(m.abbreviation for m in mentions):
            expand_abbreviations(mentions, gaz, focus[0])
        new_chosen: list[Candidate | None] = list(chosen)
        held = held_map(mentions, chosen)
        for members in groups.values():
            # The places a name contains do not vote on its country or province: "Poonch district, J&K" is
            # decided by J&K, so Poonch's guess must not decide J&K in turn (it would swing between the two
            # Kashmirs), and in "Tuban district (Lahij)" the Tuban of Indonesia must not make Lahij Indonesian.
            # They still count as direct evidence of a country for a code ("Sitapur (UP)": India's UP).
            contained = [
                j
                for j, mj in enumerate(mentions)
                if chosen[j] is not None and any(ref in members for ref, _ in containers_of(mj))
            ]
            if round_ and (contained or any(chosen[i] is not None for i in members)):
                group_focus = focus_shares(
                    mentions, chosen, doc, gaz, s.neighbour, exclude=[*members, *contained], demonyms=demonyms
                )
                if contained:
                    with_contained = focus_shares(
                        mentions, chosen, doc, gaz, s.neighbour, exclude=members, demonyms=demonyms
                    )
                    group_focus = (group_focus[0], group_focus[1], with_contained[2])
            else:
                group_focus = focus
            sure_focus: dict[str, float] = {}
            if loose.intersection(members):
                firm = [c if c is not None and c.match in ("name", "alias", "stem") else None for c in chosen]
                sure_focus = focus_shares(mentions, firm, doc, None, 0.0, exclude=members, demonyms=demonyms)[2]
            totals: dict[str, float] = defaultdict(float)
            by_id: dict[str, Candidate] = {}
            # One name, one place: a reading that the container of one mention rules out ("near Kamyanka,
            # Donetsk") is ruled out for the same name repeated without it ("explosions near Kamyanka"), unless
            # the container of another mention holds it ("in Aden, Yemen" against "Aden in the al-Mualla
            # district", a building's address).
            ruled_out: set[str] = set()
            # Not where the name contains itself ("Nawabshah city (Nawabshah, Punjab)": a town and its district,
            # whose province the text may get wrong).
            if (
                len(members) > 1
                and any(containers_of(mentions[i]) for i in members)
                and not any(ref in members for i in members for ref, _ in containers_of(mentions[i]))
            ):
                for i in members:
                    for c in mentions[i].cands:
                        if containers_of(mentions[i]) and container_rules_out(i, c, mentions, chosen, held):
                            ruled_out.add(c.gazetteer_id)
                for i in members:
                    for ref, kind in containers_of(mentions[i]):
                        unit = chosen[ref]
                        if unit is not None:
                            town_kind = "paren" if kind == "comma" else kind
                            ruled_out -= {c.gazetteer_id for c in mentions[i].cands if holds(unit, c, town_kind)}
            for i in members:
                for c in mentions[i].cands:
                    if c.gazetteer_id in ruled_out:
                        continue
                    sc = score_candidate(
                        i,
                        c,
                        mentions,
                        chosen,
                        group_focus,
                        s,
                        with_context=round_ > 0,
                        held=held,
                        sure_focus=sure_focus,
                        paired=(i, c.gazetteer_id) in paired,
                    )
                    if sc is not None:
                        totals[c.gazetteer_id] += sc / len(members)
                        by_id[c.gazetteer_id] = c
            if not totals:
                for i in members:
                    new_chosen[i], scores[i] = None, 0.0  # every candidate is ruled out now
                continue
            ranked = sorted(totals.items(), key=lambda kv: -kv[1])
            best_id, best = ranked[0]
            second = ranked[1][1] if len(ranked) > 1 else 0.0
            pick = by_id[best_id] if best >= s.accept else None
            for i in members:
                new_chosen[i] = pick
                scores[i] = _confidence(best, second) if pick else 0.0
        chosen = new_chosen
    return list(zip(chosen, scores, strict=True))


def _paired(mentions: list[PlaceMention]) -> set[tuple[int, str]]:
    """(mention, candidate id) for readings that a name written with it as its container confirms: in
    "Tarinkot district, Urozgan" one Tarinkot lies in one Oruzgan. Two names agreeing like that are evidence
    stronger than any focus, so neither the foreign-town penalty nor the respelling rule applies to them."""
    out: set[tuple[int, str]] = set()
    for i, m in enumerate(mentions):
        for ref, kind in containers_of(m):
            for unit in mentions[ref].cands:
                if alternate_namesake(unit, mentions[ref].cands):
                    # "Panama City (Bella Vista)" is no Panamá of Goiás because Bela Vista de Goiás has "Bella
                    # Vista" among its alternate names
                    continue
                for c in m.cands:
                    if c.feature not in ("country", "continent") and holds(
                        unit, c, "paren" if kind == "comma" else kind
                    ):
                        out.add((i, c.gazetteer_id))
                        out.add((ref, unit.gazetteer_id))
    return out


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
    mentions: list[PlaceMention],
    chosen: list[Candidate | None],
    focus: tuple[dict[str, float], dict[str, float], dict[str, float]],
    s: Settings,
    *,
    with_context: bool,
    held: dict[tuple[int, int], bool] | None = None,
    sure_focus: dict[str, float] | None = None,
    paired: bool = False,
) -> float | None:
    """How well candidate `c` fits mention `i`; None when it cannot be meant at all. `paired`: a name
    written with this one as its container (or inside it) confirms this reading (see _paired)."""
    m = mentions[i]
    country_focus, admin1_focus, direct_focus = focus
    sure_focus = sure_focus if sure_focus is not None else {}
    if m.embedded and not _embedded_fits(c, m, chosen, country_focus):
        return None  # a place named inside an unknown name must fit the article and its container
    if held is not None and container_rules_out(i, c, mentions, chosen, held):
        return None
    if m.unit_country and c.iso2 != m.unit_country and c.feature not in ("country", "continent"):
        return None  # "Rampur upazila" is in Bangladesh, whatever India has of that name
    if c.known_by_name_only and any(
        (unit := chosen[ref]) is not None
        and unit.gazetteer_id != c.gazetteer_id
        and ((unit.feature == "city" and kind == "hard") or (unit.feature == "admin2" and not unit.known_by_name_only))
        for ref, kind in containers_of(m)
    ):
        # "the Malir area of Karachi": a district known only by name is coded to the town it is said to be part
        # of (not after a comma or in brackets, where a town stands for its province: "Daman district, Kandahar");
        # "Ponnagyun Township, Sittwe District": to the district we know with its coordinates
        return None
    if (c.match == "skeleton" or m.embedded_loose) and not paired and not _loose_fits(c, sure_focus):
        # a respelling ("Puntland" ~ Ponteland) or a place inside a longer name ("Abu Salim" ~ Abu) only inside
        # a country the article points at, or a big one when it points at none
        return None
    if m.initialism and c.is_unit and c.feature != "country" and c.iso2 not in direct_focus:
        return None  # "(HP)", "J&K": a code of provinces in several countries needs the article's country
    # Context counts less for a town far smaller than the biggest place of that name. Admin units' populations
    # are sums over their towns, so only towns and countries set the scale.
    top = max((log_population(x) for x in m.cands if x.feature in ("city", "country")), default=0.0)
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
    if c.admin1_id:
        score += s.admin1_focus * admin1_focus.get(c.admin1_id, 0.0)
    if with_context:
        score += _context_score(i, c, mentions, chosen, s, damp)
    return score


def _embedded_fits(c: Candidate, m: PlaceMention, chosen: list[Candidate | None], focus: dict[str, float]) -> bool:
    if focus and c.iso2 not in focus:
        return False
    for ref in (m.container, m.soft_container if m.soft_kind in ("in", "paren") else None):
        unit = chosen[ref] if ref is not None else None
        if unit is not None and unit.is_unit and not unit.contains(c):
            return False
    return True


def _context_score(
    i: int, c: Candidate, mentions: list[PlaceMention], chosen: list[Candidate | None], s: Settings, damp: float = 1.0
) -> float:
    m = mentions[i]
    score = 0.0
    for ref, kind in containers_of(m):
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
                and fold(mentions[ref].query) != fold(m.query)
            ):
                # "Mora village (Surat, Gujarat)": in the town's own district, not just its province (not for
                # "Tenkasi district (Tenkasi, TN)", the town itself, which a town does not "hold")
                score += s.container / 2
        elif ref == m.container and unit.feature in ("country", "admin1", "admin2"):
            score -= s.container / 2
    # Named as the container of another place: the reading that holds it ("Ludhiana (Punjab)": India's Punjab).
    # Any reading of that place counts, not its current guess: the place is decided by its container, so its
    # guess must not decide the container in turn ("Poonch district, J&K" would swing between the two Kashmirs).
    # A reading that holds the place only by a GeoNames alternate name counts half: in "Rupnagar city (Punjab)"
    # India's Punjab holds Rupnagar by its own name, Pakistan's only a village once called so.
    # (A town that has the name only as an alternate one stands for no province: see _paired.)
    for j in m.contains if not alternate_namesake(c, m.cands) else ():
        inner = mentions[j].cands
        kind = mentions[j].soft_kind if mentions[j].container != i else "hard"
        held = [x for x in inner if x is not None and holds(c, x, kind)] if c.feature != "country" else []
        if held:
            score += s.container if any(x.match not in WEAK_MATCHES for x in held) else s.container / 2
            break
    coherence = sibling = 0.0
    key = fold(m.query)
    for j, o in enumerate(chosen):
        if j == i or o is None or o.gazetteer_id == c.gazetteer_id or o.feature in ("country", "continent"):
            continue
        if fold(mentions[j].query) == key or j in m.contains:
            continue  # a place this one contains is decided by it, not the other way round
        same = 1.0 if (c.admin1_id and o.admin1_id == c.admin1_id) else 0.3 * damp if o.iso2 == c.iso2 else 0.0
        if j in m.siblings:
            if o.is_unit and o.contains(c):
                continue  # "England and Wales": a list names peers, not a province and a village inside it
            sibling = max(sibling, s.sibling * same)
        else:
            coherence += s.coherence * _proximity(m, mentions[j]) * same
    return score + sibling + min(coherence, 1.5 * s.coherence)


def _confidence(best: float, second: float) -> float:
    margin = 1.0 - (second / best) if best > 0 else 0.0
    return round(max(0.0, min(1.0, 0.5 * min(1.0, best / 3.0) + 0.5 * margin)), 3)
