"""Turn a cluster of mentions into an ACLED record: actors by ACLED's conventions, the place, the day,
the toll, a generated note, and the evidence for every field.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sitrep import countries, taxonomy
from sitrep.model import (
    UNKNOWN_TIME_PRECISION,
    ActorRef,
    Article,
    ArticleRef,
    EventRecord,
    Evidence,
    Mention,
    Place,
    Span,
)
from sitrep.pipeline.actors import generic_kind, generic_name
from sitrep.pipeline.tolls import fatalities
from sitrep.text.lexicon import state_period

if TYPE_CHECKING:
    from sitrep.pipeline.cluster import Cluster

__all__ = ["build_record"]


def _finish_actor(actor: ActorRef | None, iso2: str | None, day: date | None) -> ActorRef | None:
    """Give a generic actor its country, and state forces their government period, as ACLED names them."""
    if actor is None:
        return None
    kind = generic_kind(actor)
    if kind is None:
        return actor
    country_iso = actor.country or iso2
    name = generic_name(kind, country_iso)
    inter = actor.inter
    if kind in ("military", "police") and country_iso:
        period = state_period(countries.canonical(country_iso), day)
        if period:
            name = f"{name} ({period})"
        if iso2 and country_iso != iso2:
            inter = 8  # state forces acting outside their own country
    return replace(actor, name=name, country=country_iso, inter=inter)


def _event_id(article_id: str, first: Mention, place: Place | None, iso3: str) -> str:
    key = f"{article_id}:{first.trigger.start}:{place.gazetteer_id or place.name if place else ''}"
    return f"{iso3 or 'XXX'}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def _acled_name(name: str | None) -> str:
    """Place names as ACLED writes them: ASCII, without a trailing 'District'/'Division'."""
    if not name:
        return ""
    from unidecode import unidecode

    plain = unidecode(name)
    for suffix in (" District", " Division", " Province", " Governorate", " Region", " State"):
        if plain.endswith(suffix) and len(plain) > len(suffix) + 2:
            plain = plain[: -len(suffix)]
    return plain


def _notes(rec: EventRecord) -> str:
    when = date.fromisoformat(rec.event_date).strftime("%-d %B %Y") if rec.event_date else "an unknown date"
    # "Homs, Homs, Syria": a town named as its province is said once.
    where = ", ".join(dict.fromkeys(x for x in (rec.location, rec.admin1, rec.country) if x)) or "an unknown place"
    who = rec.actor1 or "an unidentified actor"
    deaths = f"; {rec.fatalities} reported killed" if rec.fatalities else ""
    return f"On {when}, {who} {taxonomy.event_phrase(rec.sub_event_type, rec.actor2)} in {where}{deaths}."


def _associates(assoc: list[ActorRef], actor1: ActorRef | None, iso2: str | None, day: date | None) -> list[ActorRef]:
    """The associated actors of actor1, named as ACLED names actors.

    A generic one gets its country and government period as actor1 does ("the police" -> "Police Forces of
    Indonesia"), never a bare "Police Forces". One of actor1's own kind with no country of its own is a part of
    actor1 ("the Indian offensive, executed jointly by the Army, Navy and Air Force"), not another actor; nor is
    one whose name comes out as actor1's.
    """
    own_kind = generic_kind(actor1) if actor1 else None
    out: list[ActorRef] = []
    for actor in assoc:
        kind = generic_kind(actor)
        if kind is not None and kind == own_kind and actor.country is None:
            continue
        finished = _finish_actor(actor, iso2, day)
        if finished is not None and (actor1 is None or finished.name != actor1.name):
            out.append(finished)
    return out


def _weapon(members: list[Mention], sub: str) -> tuple[str, Span | None]:
    """The device an explosion was caused by, as its report names it (lower case but for acronyms: "IED")."""
    found = next((m for m in members if m.weapon_span and m.sub_event_type == sub), None) or next(
        (m for m in members if m.weapon_span), None
    )
    if found is None or found.weapon_span is None:
        return "", None
    words = found.weapon_span.text.split()
    return " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in words), found.weapon_span


def _evidence(article_id: str, field_name: str, span: Span | None) -> list[Evidence]:
    if span is None:
        return []
    return [Evidence(field_name, article_id, span.start, span.end, span.text)]


def _event_actors(
    cluster: Cluster, event_type: str, claimed: ActorRef | None, borrowed: ActorRef | None
) -> tuple[ActorRef, list[ActorRef], ActorRef | None]:
    """(actor1, associated actors of actor1, actor2) by ACLED's conventions.

    Demonstrators are always "Protesters (Country)" or "Rioters (Country)" with the group they represent as
    an associated actor, and the police who met them as actor2. Otherwise actor1 is who did it (or who
    claimed it), actor2 who was hit; one-sided violence against civilians always names the civilians.
    """
    members = cluster.mentions
    named = [a for m in members for a in (m.actor1, *m.assoc_actor_1) if a is not None]
    hit = [a for m in members for a in (m.actor2, *m.victims) if a is not None]
    if event_type in (taxonomy.PROTESTS, taxonomy.RIOTS):
        kind = "protesters" if event_type == taxonomy.PROTESTS else "rioters"
        crowd = next((a for a in named + hit if generic_kind(a) == kind), None)
        actor1 = crowd or ActorRef(generic_name(kind, None), 6 if kind == "protesters" else 5)
        assoc = [a for a in named if generic_kind(a) is None]
        state = next((a for a in named + hit if generic_kind(a) in ("police", "military")), None)
        return actor1, assoc, state
    actor1 = cluster.actor1() or next((d.actor1 for d in cluster.donors if d.actor1), None) or claimed or borrowed
    if actor1 is None:
        actor1 = ActorRef(generic_name("armed", None), 2)
    actor2 = next((a for a in hit if a.name != actor1.name), None)
    if actor2 is None and event_type == taxonomy.VAC:
        actor2 = ActorRef(generic_name("civilians", None), 7)
    assoc = [a for m in members for a in m.assoc_actor_1]
    return actor1, assoc, actor2


def build_record(
    article: Article, cluster: Cluster, place: Place | None, counts_here: bool, borrowed_actor: ActorRef | None = None
) -> EventRecord:
    members = cluster.mentions
    head = cluster.typed[0] if cluster.typed else members[0]
    day = cluster.day
    iso2 = place.iso2 if place else None
    iso3 = (countries.info(iso2).iso3 if iso2 and countries.info(iso2) else "") if iso2 else ""
    claimed = next((m.claimed_by for m in [*members, *cluster.donors] if m.claimed_by), None)
    event_type, sub = cluster.event_type, cluster.sub_event_type
    actor1, assoc1, actor2 = _event_actors(cluster, event_type, claimed, borrowed_actor)
    the_day = day.day if day else None
    actor1 = _finish_actor(actor1, iso2, the_day)
    actor2 = _finish_actor(actor2, iso2, the_day)
    assoc1 = _associates(assoc1, actor1, iso2, the_day)
    killed, killed_counts = fatalities(members, "killed") if counts_here else (0, [])
    injured, injured_counts = fatalities(members, "injured") if counts_here else (0, [])
    inter1 = actor1.inter if actor1 else 0
    inter2 = actor2.inter if actor2 else 0
    weapon_mention = next((m for m in members if m.sub_event_type == sub), head)
    weapon, weapon_span = _weapon(members, sub) if event_type == taxonomy.EXPLOSIONS else ("", None)
    civilian = "Civilian targeting" if (event_type == taxonomy.VAC or inter2 == 7) else ""
    pid = article.id
    evidence = _evidence(pid, "event_type", weapon_mention.trigger) + _evidence(
        pid, "sub_event_type", weapon_mention.trigger
    )
    if actor1 and actor1.span:
        evidence += _evidence(pid, "actor1", actor1.span)
    if actor2 and actor2.span:
        evidence += _evidence(pid, "actor2", actor2.span)
    evidence += _evidence(pid, "weapon", weapon_span)
    if claimed and claimed.span:
        evidence += _evidence(pid, "claimed_by", claimed.span)
    if place and place.span:
        located = {
            "location": place.name,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "admin1": place.admin1,
            "country": place.country,
        }
        for f, value in located.items():
            if value not in (None, ""):  # a country-only place says nothing of the town or its coordinates
                evidence += _evidence(pid, f, place.span)
    if day and day.span:
        evidence += _evidence(pid, "event_date", day.span)
    for c in killed_counts:
        evidence += _evidence(pid, "fatalities", c.span)
    for c in injured_counts:
        evidence += _evidence(pid, "injuries", c.span)
    for m in members:
        evidence += _evidence(pid, "notes", m.sentence)
    confidence = round(
        min(
            0.95,
            0.3
            + 0.15 * len(members) ** 0.5
            + (0.15 if place and place.geo_precision == 1 else 0)
            + (0.1 if day and day.basis == "explicit" else 0)
            + (0.1 if actor1 and generic_kind(actor1) is None else 0),
        ),
        2,
    )
    rec = EventRecord(
        event_id=_event_id(article.id, head, place, iso3),
        event_date=day.day.isoformat() if day else "",
        time_precision=day.time_precision if day else UNKNOWN_TIME_PRECISION,
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=taxonomy.disorder_type(sub),
        actor1=actor1.name if actor1 else "",
        assoc_actor_1="; ".join(dict.fromkeys(a.name for a in assoc1)),
        inter1=inter1,
        actor2=actor2.name if actor2 else "",
        inter2=inter2,
        interaction=taxonomy.interaction_code(inter1, inter2),
        civilian_targeting=civilian,
        country=place.country or "" if place else "",
        iso=place.iso if place else None,
        admin1=_acled_name(place.admin1) if place else "",
        admin2=_acled_name(place.admin2) if place else "",
        location=_acled_name(place.name) if place else "",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else 3,
        source=article.source or "",
        fatalities=killed,
        evidence=evidence,
        articles=[
            ArticleRef(
                article.id,
                article.path,
                article.url,
                article.title,
                article.published.isoformat() if article.published else None,
                article.source,
            )
        ],
        confidence=confidence,
        weapon=weapon,
        claimed_by=claimed.name if claimed else "",
        injuries=injured,
    )
    rec.notes = _notes(rec)
    return rec
