"""Phase 5, output: the Toponyms of an article (`toponyms_of`) and the rows of `sitrep geoparse`
(`toponym_rows`). A place the gazetteer does not know falls back to its container, else to the unit the article
is about; a district is coded to its main town, as ACLED codes it, and a province or country named as the
place to a point inside its own outline (docs/gazetteer.md, "Units as places").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitrep.gazetteer import Candidate, Gazetteer
from sitrep.gazetteer.names import UNIT_FEATURES, fold
from sitrep.geoparse.containers import province_seat
from sitrep.geoparse.focus import focus_unit
from sitrep.geoparse.mention import Mention, Toponym
from sitrep.model import Article, Place, Span

__all__ = ["ROW_KEYS", "toponyms_of", "toponym_rows"]


ROW_KEYS = (
    "article_id",
    "path",
    "start",
    "end",
    "text",
    "resolved_name",
    "gazetteer_id",
    "feature_class",
    "country",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geo_precision",
    "score",
    "role",
)


def _precision(c: Candidate, relation: str, pattern: str | None, via: str) -> int:
    if via == "focus" or (c.known_by_name_only and c.point not in ("members", "town")):
        return 3  # a district known only by name (GADM) at its parent's point: region precision
    if via == "container":
        return 2 if c.feature in ("city", "admin2") else 3
    if c.feature == "city":
        if relation == "near" or pattern in ("possessive_area", "region_of"):
            return 2
        return 1
    if c.feature == "admin2":
        return 2
    return 3


def _place(c: Candidate, gaz: Gazetteer, precision: int, score: float, span: Span, *, named: bool = True) -> Place:
    """The ACLED coding of a candidate: a district is coded to its main town (location, coordinates, admin2); a
    province or country named as the place to a point inside its own outline, named by itself (else to its main
    town or capital). A unit that only holds an unknown place (`named` False: "Ayn Zara, Tripoli", an article's
    region) is coded to its main town, as ACLED codes it: unknown places lie nearer to it than to the unit's
    centre (bench/gadm_member_points.py)."""
    location, admin2, lat, lon = c.name, c.admin2, c.lat, c.lon
    to_town = c.coded_to_town or (not named and c.is_unit and bool(c.town_id))
    town = gaz.get(c.town_id or "") if to_town and (c.feature != "admin2" or not c.coded_to_town) else None
    if to_town:
        location = c.town or c.name
        if town is not None and not c.coded_to_town:
            lat, lon = town.lat, town.lon
        if c.feature != "admin2":
            admin2 = town.admin2 if town else None
    admin1 = c.admin1 if c.feature != "country" else None
    if c.feature == "country" and to_town and town is not None:
        admin1, admin2 = town.admin1, town.admin2
    return Place(
        name=location,
        country=c.country,
        iso=c.iso,
        iso2=c.iso2,
        admin1=admin1,
        admin2=admin2,
        latitude=lat,
        longitude=lon,
        geo_precision=precision,
        gazetteer_id=c.town_id if to_town else c.gazetteer_id,
        feature_class="P" if to_town else c.feature_class,
        score=score,
        span=span,
    )


def _smaller_unit_named(m: Mention, c: Candidate) -> bool:
    """The text calls the name a smaller unit than the one it resolved to ("Tumbes district" resolved to the
    province of Tumbes, which the gazetteer knows and its district not): the district lies around the
    province's namesake seat, its main town, not at the province's centre."""
    hint = m.link.unit_hint
    return bool(hint) and c.feature in ("admin1", "country") and UNIT_FEATURES.get(hint, ("",))[0] in ("admin2", "city")


def _soft_ref(m: Mention, resolved: list[tuple[Candidate | None, float]], mentions: list[Mention]) -> int | None:
    """The "Y in X" / "Y, X" container an unknown Y may fall back to: any X after "in", a province or country
    after a comma (a comma may also just separate list items), or a town that stands for its province at
    the end of the phrase ("Kamyanka, Donetsk")."""
    if m.link.soft_container is None:
        return None
    ref, hops = m.link.soft_container, 0
    while resolved[ref][0] is None and hops < 2:
        # "Qalat village in Zarqoon, Panjab": Zarqoon is unknown, Panjab still holds Qalat
        around = mentions[ref].link
        up = around.container if around.container is not None else around.soft_container
        if up is None:
            return None
        ref, hops = up, hops + 1
    unit = resolved[ref][0]
    if unit is None:
        return None
    if (
        m.link.soft_kind in ("in", "paren", "near")
        or unit.feature in ("admin1", "country")
        or province_seat(ref, unit, mentions, [r[0] for r in resolved])
    ):
        return ref
    return None


def _unit_country(m: Mention, mentions: list[Mention]) -> str | None:
    """The country an unknown place's own unit word, or its unknown container's, says ("upazila": BD)."""
    if m.link.unit_country:
        return m.link.unit_country
    ref = m.link.container if m.link.container is not None else m.link.soft_container
    return mentions[ref].link.unit_country if ref is not None else None


def toponyms_of(
    mentions: list[Mention], resolved: list[tuple[Candidate | None, float]], gaz: Gazetteer
) -> list[Toponym]:
    """One Toponym per mention, in the same order: the reading resolve chose, else (for a name a pattern shows to
    be a place, or whose unit word names a country) what holds it."""
    out: list[Toponym] = []
    focus: list[Candidate | None] = []  # the article's unit, worked out once when first needed

    def region_of_unknown(m: Mention, placed: bool) -> Candidate | None:
        """Where an unknown name is coded: the country its unit word says ("Rampur in Kholapara upazila": in
        Bangladesh, whatever India has) unless the article's unit lies there; else, for a name a pattern shows
        to be a place (`placed`), the article's unit."""
        if not focus:
            focus.append(focus_unit(resolved, mentions, gaz))
        said = _unit_country(m, mentions)
        if said and (focus[0] is None or focus[0].iso2 != said):
            return gaz.country(said)
        return focus[0] if placed else None

    # A name used once as a container or in a place pattern is a place everywhere in the article.
    patterned = {
        fold(m.name.query)
        for m in mentions
        if m.link.container is not None
        or m.link.is_container
        or m.pattern in ("region_of", "possessive_area", "possessive")
        or _soft_ref(m, resolved, mentions) is not None
    }
    for m, (c, score) in zip(mentions, resolved, strict=True):
        span = Span(m.name.start, m.name.end, m.name.text)
        container_span = None
        if m.link.container is not None:
            cm = mentions[m.link.container].name
            container_span = Span(cm.start, cm.end, cm.text)
        via: str | None = "name" if c is not None else None
        relation = m.link.relation
        if c is None and fold(m.name.query) in patterned:
            # Unknown name: fall back to the smallest known container, else to the unit the article is about.
            ref = m.link.container if m.link.container is not None else _soft_ref(m, resolved, mentions)
            while ref is not None and resolved[ref][0] is None:
                ref = mentions[ref].link.container
            if ref is not None:
                c, score, via, relation = resolved[ref][0], round(resolved[ref][1] * 0.6, 3), "container", "in"
                if container_span is None and c is not None and c.feature != "country":
                    # "in Janae, Narathiwat, Thailand": the province it is coded to is no place of its own
                    held_by = mentions[ref].name
                    container_span = Span(held_by.start, held_by.end, held_by.text)
                if c is not None and c.admin1_id and province_seat(ref, c, mentions, [r[0] for r in resolved]):
                    c = gaz.get(c.admin1_id) or c  # somewhere in the province, not at its seat
            elif (region := region_of_unknown(m, placed=True)) is not None:
                c, score, via, relation = region, 0.2, "focus", "in"
        elif c is None and _unit_country(m, mentions) and (region := region_of_unknown(m, placed=False)) is not None:
            c, score, via, relation = region, 0.2, "focus", "in"
        place = held = None
        if c is not None and via is not None:
            precision = _precision(c, relation, m.pattern, via)
            place = _place(c, gaz, precision, score, span, named=via == "name" and not _smaller_unit_named(m, c))
            if via == "name" and c.is_unit and c.town_id and not c.coded_to_town:
                held = _place(c, gaz, precision, score, span, named=False)
        out.append(
            Toponym(
                span=span,
                text=m.name.text,
                place=place,
                candidate=c,
                source=m.name.source,
                pattern=m.pattern,
                relation=relation,
                container=container_span,
                resolved_via=via if c is not None else None,
                held=held,
            )
        )
    return out


def toponym_rows(article: Article, toponyms: Iterable[Toponym]) -> list[dict[str, Any]]:
    """Rows for `sitrep geoparse`: one dict per toponym with the keys in ROW_KEYS.

    start/end are offsets into article.text; resolved_name/gazetteer_id/feature_class describe the gazetteer
    entry the name resolved to (or fell back to); latitude/longitude/admin units are the ACLED coding.
    """
    rows = []
    for t in toponyms:
        c, p = t.candidate, t.place
        rows.append(
            {
                "article_id": article.id,
                "path": article.path,
                "start": t.span.start,
                "end": t.span.end,
                "text": t.text,
                "resolved_name": c.name if c else None,
                "gazetteer_id": c.gazetteer_id if c else None,
                "feature_class": c.feature_class if c else None,
                "country": p.country if p else None,
                "admin1": p.admin1 if p else None,
                "admin2": p.admin2 if p else None,
                "latitude": p.latitude if p else None,
                "longitude": p.longitude if p else None,
                "geo_precision": p.geo_precision if p else None,
                "score": p.score if p else 0.0,
                "role": t.role,
            }
        )
    return rows
