"""Stage 8, merge: mentions of one event become one ACLED record; separate places or days stay apart.

Within a paragraph, consecutive mentions that do not contradict each other (place, day, named actor)
tell one event. Across paragraphs, a mention that names no place joins an event of the same kind and actor
told elsewhere. A story's headline joins the event its body tells, and the parts of an incident (arrests at
a protest, a bomb defused beside a blast) join the incident. Summaries of several events ("two coordinated
attacks") never become events themselves: they lend their claim of responsibility, actor and place to the
events they summarise. Finally an event told at several places is split into one record per place, as ACLED
codes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

from sitrep import countries, taxonomy
from sitrep.model import (
    PREVIOUS_EVENT,
    ActorRef,
    Article,
    EventDate,
    EventRecord,
    Mention,
    Place,
    Span,
)
from sitrep.pipeline.background import recalled_by_time
from sitrep.pipeline.classify import STRONG_PRIORITY
from sitrep.pipeline.cluster import INCIDENTAL, Cluster, is_generic, strength
from sitrep.pipeline.dates import default_date
from sitrep.pipeline.record import build_record
from sitrep.pipeline.tolls import fatalities
from sitrep.text.lexicon import CURRENCY_WORDS

__all__ = ["merge"]

# An explosion or fire the article itself puts down to an accident is not political violence.
_ACCIDENT = re.compile(
    r"\b(?:caused by|due to|result of|blamed on|because of|started by|sparked by)\s+(?:an?\s+)?(?:electrical\s+)?"
    r"(?:negligence|accident|gas leak|leak|short[- ]circuit|fault|faulty wiring|lightning|"
    r"technical (?:fault|failure)|faulty)\b|\baccidental(?:ly)?\b|\bnot (?:an? )?(?:attack|sabotage)\b",
    re.I,
)
# Cues up to this priority name violence without saying how ("attack", "bombing", "explosion"): a report
# told with them can be the same event as one told with a specific word ("suicide bomber", "IED").
_GENERIC_CUE = 56
_VIOLENT = {taxonomy.BATTLES, taxonomy.EXPLOSIONS, taxonomy.VAC}
_CROWD = {taxonomy.PROTESTS, taxonomy.RIOTS}


def _family(event_type: str) -> str:
    if event_type in _VIOLENT:
        return "violent"
    if event_type in _CROWD:
        return "crowd"
    return event_type


def _families_fit(cluster_type: str, cluster_sub: str, mention: Mention) -> bool:
    """Whether a mention's kind can belong to a cluster's event.

    Burning and looting during an attack or a riot is part of that event, not a strategic development
    of its own.
    """
    if not mention.sub_event_type or not cluster_type:
        return True
    if _family(mention.event_type) == _family(cluster_type):
        return True
    if _family(cluster_type) == "crowd" and mention.actor1 is not None and mention.actor1.inter == 1:
        return True  # "Police then opened fire": the state's answer to the crowd is part of that event
    incidental = INCIDENTAL
    return (mention.sub_event_type == incidental and _family(cluster_type) in ("violent", "crowd")) or (
        cluster_sub == incidental and _family(mention.event_type) in ("violent", "crowd")
    )


def _place_key(p: Place) -> str:
    if p.feature_class == "named" or not p.gazetteer_id:
        return f"named:{(p.admin3 or p.name).lower()}"
    return p.gazetteer_id


def _contains(outer: Place, inner: Place) -> bool:
    """True when `outer` is the same place as `inner` or a unit (country, admin1, admin2) that holds it."""
    if _place_key(outer) == _place_key(inner):
        return True
    if outer.country and inner.country and outer.country != inner.country:
        return False
    kind = outer.feature_class
    if kind == "country":
        return outer.country == inner.country
    if kind == "admin1":
        return bool(inner.admin1) and inner.admin1 == outer.admin1 and inner.feature_class != "country"
    if kind == "admin2":
        return bool(inner.admin2) and inner.admin2 == outer.admin2 and inner.feature_class not in ("country", "admin1")
    return False


def _places_compatible(a: list[Place], b: list[Place]) -> bool:
    if not a or not b:
        return True
    return any(_contains(x, y) or _contains(y, x) for x in a for y in b)


# How far from its coded day an event told with each time_precision may lie: a day (time zones, "overnight"),
# the rest of a week ("last week" is coded to its middle), the rest of a month ("late last month").
_PRECISION_SLACK_DAYS = {1: 1, 2: 4, 3: 16}


def _days_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return True
    slack = max(_PRECISION_SLACK_DAYS.get(a.time_precision, 1), _PRECISION_SLACK_DAYS.get(b.time_precision, 1))
    return abs((a.day - b.day).days) <= slack


def _actors_compatible(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None or is_generic(a) or is_generic(b):
        return True
    return a.name == b.name


def _fits(cluster: Cluster, m: Mention) -> bool:
    if not _families_fit(cluster.event_type, cluster.sub_event_type, m):
        return False
    return (
        _places_compatible(cluster.places, list(m.places))
        and _days_compatible(cluster.explicit_day(), m.date)
        and _actors_compatible(cluster.actor1(), m.actor1)
    )


def _build_clusters(mentions: tuple[Mention, ...]) -> tuple[list[Cluster], list[Mention]]:
    clusters: list[Cluster] = []
    aggregates: list[Mention] = []
    current: Cluster | None = None
    for m in mentions:
        if m.aggregate:
            aggregates.append(m)
            continue
        if current is not None and current.section != m.section:
            current = None  # a new story of the page: nothing told before belongs to it
        if (m.anaphoric or m.quoted) and m.sub_event_type:
            # "The kidnapping came hours after ...", "It said the ambush had shaken the army": the last event
            # of that kind told so far in this story. Places named beside the reference belong to something
            # else. Words in quotation marks are someone's account: they may add to an event the story tells,
            # never start one.
            target = _referent(clusters, m)
            if target is None and current is not None and _fits(current, m):
                target = current
            if target is not None:
                # "... militants operating in Bacho and Rueso districts" after the attack in Rueso: only
                # the places that fit the event already told are its own
                own = tuple(p for p in m.places if _places_compatible(target.places, [p]))
                target.mentions.append(m if own == m.places else replace(m, places=own))
            continue
        deaths_only = bool(m.sub_event_type) and all(c.label == "kill" for c in m.cues) and not m.places
        if not m.sub_event_type or m.anaphoric or m.quoted or deaths_only:
            # Deaths with no event word and no place of their own ("the government had given a toll of 11
            # soldiers killed") belong to the event just told.
            if (
                current is not None
                and (m.anaphoric or deaths_only or m.paragraph == current.paragraph)
                and _fits(current, m)
            ):
                current.mentions.append(m)
                continue
            if not deaths_only or m.quoted:
                continue
        if m.reference:
            # A referenced event is by definition not the one the sentence tells; the story goes on after it.
            clusters.append(Cluster([m]))
            continue
        if current is not None and m.paragraph == current.paragraph and not m.separate and _fits(current, m):
            current.mentions.append(m)
            continue
        current = Cluster([m])
        clusters.append(current)
    return clusters, aggregates


def _referent(clusters: list[Cluster], m: Mention) -> Cluster | None:
    """The event an anaphoric or quoted report refers back to: the last one of its kind told in the story.

    The body's events before the headline's (a headline sums up the body: "the attack" in the fourth
    paragraph is the one the lede tells), and a generic word ("the attack", "the blast") may also refer to
    an event of the same family told with a more specific word ("gunmen ambushed a convoy").
    """
    told = [c for c in reversed(clusters) if c.section == m.section and c.event_type]
    body = [c for c in told if not _headline_only(c)]
    headline = [c for c in told if _headline_only(c)]
    generic = strength(m) <= _GENERIC_CUE
    for group in (body, headline):
        exact = next((c for c in group if c.event_type == m.event_type), None)
        if exact is not None:
            return exact
        if generic:
            near = next((c for c in group if _family(c.event_type) == _family(m.event_type)), None)
            if near is not None:
                return near
    return None


def _headline_only(c: Cluster) -> bool:
    return all(m.headline for m in c.mentions)


def _same_region(a: list[Place], b: list[Place]) -> bool:
    """Places that may name one scene at two levels of detail: one holds the other, or both lie in one
    province (a headline's "in Cabo Delgado province" for the lede's town in it)."""
    if not a or not b or _places_compatible(a, b):
        return True
    return any(x.admin1 and x.admin1 == y.admin1 and x.country == y.country for x in a for y in b)


def _fold_headlines(clusters: list[Cluster]) -> list[Cluster]:
    """A story's headline sums up an event its body tells in full: a headline event joins the first event of
    the same family that the body of its story tells in the same region and on a compatible day, whatever
    the words each uses ("Attack kills 16" over "a bomb exploded near a police van"), and whatever toll each
    gives (headlines carry the latest). The headline's place says no more than the body's: it is kept only
    when the body's event names none (and then only a town counts before the body's neighbours: see
    `_told_places`). A headline with nothing to join in its body stays an event."""
    out: list[Cluster] = []
    for c in clusters:
        if not _headline_only(c) or not c.event_type:
            out.append(c)
            continue
        target = next(
            (
                body
                for body in clusters
                if body.section == c.section
                and not _headline_only(body)
                and _family(body.event_type) == _family(c.event_type)
                and _same_region(c.places, body.places)
                and _days_compatible(c.explicit_day(), body.explicit_day())
            ),
            None,
        )
        if target is None:
            out.append(c)
            continue
        told = target.places
        target.mentions[:0] = [replace(m, places=()) if told else m for m in c.mentions]
    return out


def _specific(p: Place) -> bool:
    """A town, a name we place by its container, or a district: a place an event can be coded at, not a region."""
    return p.feature_class in ("city", "named", "admin2")


# Parts of an incident that ACLED codes with it, not apart: arrests at a protest or an attack, a bomb defused
# beside the one that went off.
_PARTS_OF = {"Arrests": ("crowd", "violent"), "Disrupted weapons use": ("violent",)}


def _towns(c: Cluster) -> set[str]:
    return {_place_key(p) for p in c.places if p.feature_class in ("city", "named")}


def _part_of(part: Cluster, whole: Cluster) -> bool:
    """Whether `part` is told as part of `whole`: arrests at the protest or attack, a defused bomb at the
    blast, or two reports of one crowd (a march, then the clashes at it) in the same town on the same day."""
    if part is whole or part.section != whole.section or not whole.event_type:
        return False
    if part.sub_event_type in _PARTS_OF:
        fits = _family(whole.event_type) in _PARTS_OF[part.sub_event_type]
    else:
        fits = _family(part.event_type) == "crowd" and _family(whole.event_type) == "crowd"
    if not fits or any(m.reference or m.separate for m in part.mentions):
        return False
    day_a, day_b = part.explicit_day(), whole.explicit_day()
    same_day = day_a is None or day_b is None or day_a.day == day_b.day
    return same_day and bool(_towns(part) & _towns(whole))


def _fold_parts(clusters: list[Cluster]) -> list[Cluster]:
    """Join each part of an incident to the incident (see `_part_of`); the incident's own reports decide its
    kind, so a joined arrest or defusal lends its words and places, not its cue."""
    out = list(clusters)
    for c in clusters:
        whole = next((w for w in out if w is not c and _part_of(c, w)), None)
        if whole is None:
            continue
        if c.sub_event_type in _PARTS_OF:
            whole.mentions.extend(replace(m, cues=()) for m in c.mentions)
        else:
            whole.mentions.extend(c.mentions)
        out = [w for w in out if w is not c]  # by identity: two clusters may hold equal mentions
    return out


def _thin(c: Cluster) -> bool:
    """A report that names no exact place and no date of its own: it can only add to an event told elsewhere."""
    return c.explicit_day() is None and not any(_specific(p) for p in c.places)


def _same_event(prev: Cluster, c: Cluster) -> bool:
    """Whether two clusters told in different paragraphs are one event.

    The same kind of event, by compatible doers, at a compatible place and day. A different kind only when
    one of them is a weak, thin mention ("India launched an operation targeting terror infrastructure in
    Pakistan" beside the strikes on Muridke). With one doer unknown, only the same sub-type or a generic
    word ("the bombing" beside "a suicide bomber") joins.
    """
    if prev.head is None or c.head is None:
        return False
    weakest = min((prev, c), key=lambda x: strength(x.head))  # type: ignore[arg-type]
    if prev.event_type != c.event_type:
        if not (
            strength(weakest.head) < STRONG_PRIORITY
            and _thin(weakest)
            and _family(prev.event_type) == _family(c.event_type)
        ):
            return False
    a, b = prev.actor1(), c.actor1()
    if a is not None and b is not None and a.name != b.name:
        return False
    if (a is None or b is None) and prev.sub_event_type != c.sub_event_type and strength(weakest.head) > _GENERIC_CUE:
        return False
    if not _days_compatible(prev.explicit_day(), c.explicit_day()):
        return False
    # Two reports that each give a different toll are two events (Uman's 23 dead, Dnipro's 2).
    tolls = [fatalities(x.mentions, "killed")[0] for x in (prev, c)]
    if all(tolls) and tolls[0] != tolls[1]:
        return False
    return not c.places or not prev.places or _places_compatible(prev.places, c.places)


def _across_stories(prev: Cluster, c: Cluster) -> bool:
    """Whether two clusters in different stories of a page may be one event: each names its town and day, or
    both tell the same kind of event and a named doer, the same where both name one ("an air-raid by Sri
    Lanka's military" recalled in the next story)."""
    if not (_thin(prev) or _thin(c)):
        return True
    a, b = prev.actor1(), c.actor1()
    named = [x for x in (a, b) if x is not None and not is_generic(x)]
    return bool(named) and len({x.name for x in named}) == 1 and prev.sub_event_type == c.sub_event_type


def _absorb_across_paragraphs(clusters: list[Cluster]) -> list[Cluster]:
    """Join clusters told in different paragraphs that are one event (see `_same_event`); across the stories
    of a page only as `_across_stories` allows."""
    out: list[Cluster] = []
    for c in clusters:
        target = next(
            (prev for prev in out if (prev.section == c.section or _across_stories(prev, c)) and _same_event(prev, c)),
            None,
        )
        if target is None:
            out.append(c)
        else:
            target.mentions.extend(c.mentions)
    return out


def _claim_compatible(c: Cluster, agg: Mention) -> bool:
    """Whether a summary ("the BLA claimed two attacks") can speak for this event."""
    if agg.sub_event_type and _family(c.event_type) != _family(agg.event_type):
        return False
    if not _places_compatible(c.places, list(agg.places)):
        return False
    mine, theirs = c.actor1(), agg.actor1
    if mine is None or theirs is None:
        return True
    return mine.name == theirs.name or mine.name.startswith("Unidentified Armed Group")


def _lend_from_aggregates(clusters: list[Cluster], aggregates: list[Mention]) -> list[Cluster]:
    summarised: list[Cluster] = []  # events coded from a summary, for want of a report of their own
    for agg in aggregates:
        takers = [c for c in clusters if _claim_compatible(c, agg)]
        told = [c for c in takers if any(c is s for s in summarised) and c.section == agg.section]
        if told:
            # "Twin blasts hit the market in Kohat. The two explosions killed 30 people.": with no report of
            # their own, the summaries tell the same events; the second adds its toll and words.
            told[-1].mentions.append(replace(agg, confidence=min(agg.confidence, 0.4)))
            continue
        for c in takers:
            c.donors.append(agg)
        placed = [p for p in agg.places if _specific(p)]
        unplaced = [
            c
            for c in takers
            if c.section == agg.section
            and any(m.paragraph == agg.paragraph for m in c.mentions)
            and not any(_specific(p) for p in c.places)
        ]
        if placed and len(unplaced) == 1:
            # "Two suicide bombings killed 30 people in northwestern Pakistan. The two explosions hit a camp
            # near Kohat.": the summary places the events its paragraph has just told without a town. It
            # lends its places only (no cue of its own: the report decides the kind).
            unplaced[0].mentions.append(replace(agg, places=tuple(placed), cues=(), killed=(), injured=()))
        if not takers and agg.sub_event_type and (agg.places or agg.killed):
            # The summary is the only report we have: code it, with the doubt it deserves.
            summarised.append(Cluster([replace(agg, confidence=min(agg.confidence, 0.4))]))
            clusters.append(summarised[-1])
    return clusters


def _nearby_place(clusters: list[Cluster], n: int) -> list[Place]:
    """For an event told without a place: the town of the event told just before it (same or previous
    paragraph) or just after it in the same paragraph, when their doers do not contradict each other.

    ("... the girls abducted by Boko Haram fighters" then "The gunmen drove into Chibok".) Without one,
    the article's focus region is used instead, at geo_precision 3.
    """
    me = clusters[n]
    before = [
        c for c in reversed(clusters[:n]) if me.paragraph - 1 <= c.paragraph <= me.paragraph and c.section == me.section
    ]
    after = [c for c in clusters[n + 1 :] if c.paragraph == me.paragraph]
    for other in before + after:
        if not _actors_compatible(me.actor1(), other.actor1()):
            continue
        specific = [p for p in _distinct_places(other) if _specific(p)]
        if specific:
            return specific[:1]
    return []


def _place_told_before(cluster: Cluster) -> list[Place]:
    """The town told just before the event's first report, when none of its reports names a place."""
    return next(([m.place_before] for m in cluster.mentions if m.place_before is not None), [])


_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][\w.\u2019'-]*")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _country_only(cluster: Cluster) -> Place | None:
    """For an event in an article that names no place at all: the country its actors belong to ("Boko Haram
    raided a village", "Nigerian soldiers repelled ..."), else a country or demonym its reports use ("in the
    Afghan south", "U.S. coalition troops"), and nothing finer. No coordinates: a country is not a point, and
    a pin on its capital would be a guess the map cannot tell from a fact."""
    sides = [a for m in cluster.mentions for a in (m.actor1, m.actor2, *m.assoc_actor_1, *m.victims, m.claimed_by)]
    # the doer's country first: "Ethiopian troops in Somalia" is rare in a story naming no place at all
    found = next(((a.country, a.span) for a in sides if a is not None and a.country and a.span is not None), None)
    if found is None:
        for m in cluster.mentions:
            for word in _CAPITALISED.finditer(m.sentence.text):
                text = word.group(0).removesuffix("\u2019s").removesuffix("'s")
                after = _NEXT_WORD.match(m.sentence.text, word.end())
                if after is not None and after.group(1).lower() in CURRENCY_WORDS:
                    continue  # "against the high US dollar exchange rate": money, not a place
                iso2 = countries.find(text)
                if iso2:
                    start = m.sentence.start + word.start()
                    found = (iso2, Span(start, start + len(text), text))
                    break
            if found:
                break
    if found is None or countries.info(found[0]) is None:
        return None
    iso2, span = found
    return Place(
        name="",
        country=countries.canonical(iso2),
        iso=countries.numeric_iso(iso2),
        iso2=iso2,
        geo_precision=3,
        feature_class="country",
        span=span,
    )


def _borrow_actors(clusters: list[Cluster]) -> dict[int, ActorRef]:
    """actor1 for clusters whose own words name no doer: the doer of the nearest event of the same kind.

    ("A missile destroyed a house in Dnipro" in an article about a Russian missile barrage.)
    """
    borrowed: dict[int, ActorRef] = {}
    for i, c in enumerate(clusters):
        if c.actor1() is not None or not c.sub_event_type:
            continue
        order = sorted(range(len(clusters)), key=lambda j: (abs(j - i), j > i))
        for j in order:
            other = clusters[j]
            if (
                j != i
                and other.section == c.section
                and other.sub_event_type == c.sub_event_type
                and other.actor1() is not None
            ):
                borrowed[i] = other.actor1()  # type: ignore[assignment]
                break
    return borrowed


def _date_clusters(clusters: list[Cluster], default: EventDate | None) -> None:
    for c in clusters:
        c.day = c.explicit_day()
    by_actor: dict[str, list[Cluster]] = {}
    for c in clusters:
        a = c.actor1()
        if a:
            by_actor.setdefault(a.name, []).append(c)
    pending: list[tuple[Cluster, tuple[int, str], Span]] = []
    for c in clusters:
        relation = next(((m.relative_to, m.sentence) for m in [*c.mentions, *c.donors] if m.relative_to), None)
        if c.day is None and relation is not None:
            pending.append((c, relation[0], relation[1]))
        elif c.day is None:
            tense = next((m.date for m in c.mentions if m.date is not None and m.date.basis == "tense"), None)
            c.day = _day_of_same_town(c, clusters) or tense or default
    for c, (offset, anchor_name), span in pending:
        if anchor_name == PREVIOUS_EVENT:
            told_before = clusters[: clusters.index(c)]
            anchors = [a for a in reversed(told_before) if a.day is not None and a.day.basis != "publication"][:1]
        else:
            anchors = [a for a in by_actor.get(anchor_name, []) if a.day is not None and a is not c]
        if anchors:
            base = anchors[0].day
            assert base is not None
            c.day = EventDate(base.day + timedelta(days=offset), base.time_precision, span, "relative")
        else:
            c.day = default


def _day_of_same_town(cluster: Cluster, clusters: list[Cluster]) -> EventDate | None:
    """For an event told without a day: the day of another event the article dates at the same town ("the
    girls abducted from Chibok" ... "The gunmen drove into Chibok late on Monday"), when their doers agree."""
    towns = {_place_key(p) for p in cluster.places if p.feature_class in ("city", "named")}
    if not towns:
        return None
    for other in clusters:
        day = other.explicit_day() if other is not cluster else None
        if day is None or not _actors_compatible(cluster.actor1(), other.actor1()):
            continue
        if towns & {_place_key(p) for p in other.places}:
            return EventDate(day.day, day.time_precision, day.span, "relative")
    return None


def _told_places(cluster: Cluster) -> list[Place]:
    """The places the event's reports name; a country or province named only in the headline ("100 dead in
    Somalia") gives way to the body, which may place the event by the town it names beside its report."""
    if all(m.headline for m in cluster.mentions):
        return cluster.places
    return [p for m in cluster.mentions for p in m.places if not m.headline or _specific(p)]


def _distinct_places(cluster: Cluster) -> list[Place]:
    """The places to code: most specific first, regions dropped when a town inside them is named."""
    found: dict[str, Place] = {}
    coded: set[tuple[float | None, float | None, int | None]] = set()
    for p in _told_places(cluster):
        if p.feature_class == "named" and (p.latitude, p.longitude, p.geo_precision) in coded:
            continue  # "Mong Wi and Loi Hsam villages in Muse township": two unknown names, one coded place
        found.setdefault(_place_key(p), p)
        coded.add((p.latitude, p.longitude, p.geo_precision))
    places = list(found.values())
    keep = [p for p in places if not any(q is not p and _contains(p, q) for q in places)]
    # A region named beside a town (ACLED codes the town), or a country beside anything more exact.
    if any(_specific(p) for p in keep):
        keep = [p for p in keep if _specific(p)]
    return keep


def merge(
    article: Article,
    mentions: tuple[Mention, ...],
    focus: Place | None = None,
    section_focus: Mapping[int, Place | None] | None = None,
) -> list[EventRecord]:
    """Turn an article's typed, located, dated mentions into ACLED event records.

    Args:
        article: the source article (for ids, dates and provenance).
        mentions: output of the earlier stages, in text order.
        focus: where the article is mostly about; used for events that name no place (precision 3).
        section_focus: on a page of several stories, where each story is about (by section), used instead.
    Returns:
        One EventRecord per event and place.
    """
    clusters, aggregates = _build_clusters(mentions)
    clusters = _absorb_across_paragraphs(clusters)
    clusters = _fold_headlines(clusters)
    clusters = _fold_parts(clusters)
    clusters = _lend_from_aggregates(clusters, aggregates)
    _date_clusters(clusters, default_date(article))
    # An event the story dates only to a month or a year, well before it was published, is one it recalls
    # (a report of the same event dated to the day would have joined it and given it its day).
    clusters = [c for c in clusters if c.day is None or not recalled_by_time(c.day, article.published)]
    clusters = [c for c in clusters if not any(_ACCIDENT.search(m.sentence.text) for m in c.mentions)]
    # In a story about violence or protest, a strategic development is coded only when the article gives it a
    # day or a place of its own ("He was arrested in connection with ..." beside the protest against it is
    # background).
    if any(c.event_type not in ("", taxonomy.STRATEGIC) for c in clusters):
        clusters = [
            c
            for c in clusters
            if c.event_type != taxonomy.STRATEGIC or c.explicit_day() is not None or any(_specific(p) for p in c.places)
        ]
    borrowed = _borrow_actors(clusters)
    records: list[EventRecord] = []
    ids: dict[int, list[str]] = {}
    for n, cluster in enumerate(clusters):
        if not cluster.sub_event_type:
            continue
        # An event told only as a reference from another ("hours after the army's air raid") is by definition
        # not the one told next to it: it takes no town from its neighbours.
        recalled = all(m.reference for m in cluster.mentions)
        places = (
            _distinct_places(cluster)
            or (None if recalled else _nearby_place(clusters, n))
            or (None if recalled else _place_told_before(cluster))
            or _focus_of(cluster, focus, section_focus)
            or [_country_only(cluster)]
        )
        for i, place in enumerate(places):
            rec = build_record(article, cluster, place, counts_here=(i == 0), borrowed_actor=borrowed.get(n))
            records.append(rec)
            ids.setdefault(n, []).append(rec.event_id)
    _link_related(clusters, records, ids)
    return records


def _focus_of(cluster: Cluster, focus: Place | None, section_focus: Mapping[int, Place | None] | None) -> list[Place]:
    if section_focus is not None:
        own = section_focus.get(cluster.section)
        return [own] if own else []
    return [focus] if focus else []


def _link_related(clusters: list[Cluster], records: list[EventRecord], ids: dict[int, list[str]]) -> None:
    """'The operation was launched in response to the April 22 attack': link the operation's records to the
    attack's. The responding event is the one its sentence's subject refers to: the nearest event told
    before the reference, in the same paragraph."""
    by_id = {r.event_id: r for r in records}
    for n, cluster in enumerate(clusters):
        for m in cluster.mentions:
            for phrase, span in m.related:
                before = [j for j in range(n - 1, -1, -1) if j in ids and clusters[j].paragraph >= m.paragraph - 1]
                if not before or n not in ids:
                    continue
                for event_id in ids[before[0]]:
                    for target in ids[n]:
                        link = {
                            "relation": phrase,
                            "event_id": target,
                            "article_id": m.article_id,
                            "start": span.start,
                            "end": span.end,
                            "text": span.text,
                        }
                        if link not in by_id[event_id].related:
                            by_id[event_id].related.append(link)
