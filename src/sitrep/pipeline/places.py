"""Stage 4, places: where each mention happened.

Toponyms are found and resolved once per article by the geoparser (the `geoparse` stage: sitrep.geoparse,
shared with `sitrep geoparse`), each with its role in the story (sitrep.geoparse.roles); this stage hands each
mention the scenes inside its own scope, and works out the article's focus (the admin1 region or country most of
its places lie in) for mentions that name no place of their own. A place in another role stands for the scene
only when the mention names none: where local officials are, a route's end (geo_precision 2: the event was
somewhere on the way), the dateline's city when the story says "in the city" or "here". The dateline, where
officials spoke from, a capital standing for its government, home towns and whose things are named never do.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from sitrep.gazetteer.names import fold
from sitrep.geoparse.roles import NOT_SCENES, ROUTE, SCENE, story_puts_event_at_dateline
from sitrep.model import Mention, Place, Span
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.lexicon import cue_heads

if TYPE_CHECKING:
    from spacy.tokens import Token


__all__ = ["places", "article_focus", "country_only", "ToponymLike"]


class ToponymLike(Protocol):
    """What this stage needs of a geoparser result (sitrep.geoparse.Toponym)."""

    span: Span
    place: Place | None
    candidate: Any
    container: Span | None
    resolved_via: str | None
    role: str
    held: Place | None


def _scope_chars(annotated: AnnotatedArticle, mention: Mention) -> list[tuple[int, int]]:
    doc = annotated.doc
    return [(doc[i].idx, doc[i].idx + len(doc[i].text)) for i in mention.scope]


def event_place(toponym: ToponymLike) -> Place | None:
    """The place as merge needs it: `feature_class` says what kind of unit the name itself is.

    A name the gazetteer does not know ("Kulag Tigran") is coded to its container or the article's focus,
    but stays a place of its own ("named"), so two unknown villages are never taken for one.
    """
    p = toponym.place
    if p is None:
        return None
    if toponym.resolved_via == "name" and toponym.candidate is not None:
        return replace(p, feature_class=toponym.candidate.feature, admin3=None, span=toponym.span)
    # Coded to its container: no gazetteer id of its own; admin3 keeps the name as written.
    return replace(p, feature_class="named", gazetteer_id=None, span=toponym.span, admin3=toponym.span.text)


def places(
    annotated: AnnotatedArticle, mentions: tuple[Mention, ...], toponyms: Sequence[ToponymLike]
) -> tuple[Mention, ...]:
    """Give each mention the resolved places whose text lies inside its scope.

    A name given only as the container of another ("Kech" in "Kech's Kulag Tigran area", "Bolan" in "the
    Shorkand region of Bolan") is not a second place: the contained, more specific one stands for both.
    """
    containers = {(t.container.start, t.container.end) for t in toponyms if t.container is not None}
    placed = [
        (t, place)
        for t in toponyms
        if (place := event_place(t)) is not None and (t.span.start, t.span.end) not in containers
    ]
    # Scenes only: "Pakistan's army", "US dollar", a dateline, an official's capital, a home town are never
    # where the event happened (sitrep.geoparse.roles).
    usable = [(t, p) for t, p in placed if t.role == SCENE]
    stand_ins = [(t, p) for t, p in placed if t.role not in NOT_SCENES and t.role != SCENE]
    dateline = next(((t, p) for t, p in placed if t.role == "dateline" and p.feature_class in _SPECIFIC), None)
    filed_at = dateline[1] if dateline else None
    filed_in_capital = dateline is not None and bool(getattr(dateline[0].candidate, "capital", False))
    towns = [p for _, p in usable if p.feature_class in _SPECIFIC and p.span is not None]
    out = []
    for m in mentions:
        ranges = _scope_chars(annotated, m)
        # A country named as a side ("India's strikes", "Pakistani soldiers") says who, not where.
        actor_spans = [a.span for a in (m.actor1, m.actor2, m.claimed_by, *m.victims, *m.assoc_actor_1) if a and a.span]
        inside = [
            place
            for t, place in usable
            if any(s <= t.span.start < e for s, e in ranges)
            and not (place.feature_class == "country" and any(a.start <= t.span.start < a.end for a in actor_spans))
        ]
        own_cues = {t.i for _, t in cue_heads(annotated.doc, m.cues, _PLACE_CUE_KINDS)}
        kept = _event_places(annotated, inside, own_cues)
        at_dateline = (
            filed_at is not None
            and all(p.feature_class == "country" and p.country == filed_at.country for p in kept)
            and story_puts_event_at_dateline(m.sentence.text, capital=filed_in_capital)
        )
        if at_dateline:
            kept = [filed_at]  # "... in the capital" under a capital's dateline: that city
        kept = _country_level(kept, towns, m.trigger.start)
        if not kept:
            kept = _stand_in(annotated, m, ranges, stand_ins, filed_at, filed_in_capital)
        near = None
        if not kept and not m.separate:
            near = _told_just_before(annotated, m, usable, actor_spans) or _told_just_after(
                annotated, m, mentions, usable
            )
        out.append(replace(m, places=tuple(kept), place_before=near))
    return tuple(out)


def _country_level(kept: list[Place], towns: list[Place], at: int) -> list[Place]:
    """A mention whose scene is named only as a country ("killed in a raid in Afghanistan", "strikes in Syria and
    Iraq") is one event somewhere in the first country named. Where the story names a town of that country as a
    scene before the mention, the event is taken to be the story's event there: the town named last before it,
    at geo_precision 2 at best since the text does not say so outright, so that merge joins the two.
    Otherwise it is coded at country level (geo_precision 3) with no town and no pin: the capital's coordinates
    would tell the map a place the text never gave."""
    if not kept or any(p.feature_class != "country" for p in kept):
        return kept
    country = kept[0].country
    inside = [p for p in towns if p.country == country]
    before = [p for p in inside if p.span is not None and p.span.start < at]
    if before:  # (not a town told after it: a headline's country stays the country, which every event there fits)
        town = before[-1]
        return [replace(town, geo_precision=max(town.geo_precision, 2))]
    return [country_only(kept[0])]


def country_only(p: Place) -> Place:
    """A country as the place of an event: its name and codes, no town, no admin units, no coordinates."""
    return replace(p, name="", admin1=None, admin2=None, admin3=None, latitude=None, longitude=None, geo_precision=3)


def _stand_in(
    annotated: AnnotatedArticle,
    m: Mention,
    ranges: list[tuple[int, int]],
    stand_ins: list[tuple[ToponymLike, Place]],
    filed_at: Place | None,
    filed_in_capital: bool = False,
) -> list[Place]:
    """For a mention whose scope names no scene: where the local officials it quotes are ("officials in Khost
    said"), else the first end of a route named with it ("a bus from Quetta to Karachi was ambushed": somewhere
    on the way, geo_precision 2), else the dateline's city when its sentence says "in the city" or "here"."""
    inside = [(t, p) for t, p in stand_ins if any(s <= t.span.start < e for s, e in ranges)]
    for t, p in inside:
        if t.role == "source" and p.feature_class in _SPECIFIC:
            return [p]
    for t, p in inside:
        if t.role in ROUTE and p.feature_class in _SPECIFIC:
            return [replace(p, geo_precision=max(p.geo_precision, 2))]
    if filed_at is not None and story_puts_event_at_dateline(m.sentence.text, capital=filed_in_capital):
        return [filed_at]
    return []


def _told_just_after(
    annotated: AnnotatedArticle, m: Mention, mentions: tuple[Mention, ...], usable: list[tuple[ToponymLike, Place]]
) -> Place | None:
    """For a report that names no place and none before it: the first town of the next sentence (also when
    that opens the next paragraph, as a lede's details do), when that sentence tells no event of its own
    ("Border guards detained Vardanyan as he tried to leave. // He was stopped at a checkpoint on the Lachin
    corridor ..."), at geo_precision 2 at best."""
    doc = annotated.doc
    span = doc.char_span(m.sentence.start, m.sentence.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    nxt = doc[span.end].sent
    if annotated.paragraph_of(nxt.start_char) > m.paragraph + 1:
        return None
    if any(nxt.start_char <= o.trigger.start < nxt.end_char for o in mentions):
        return None  # the next sentence has its own event; its places are that event's
    told = [p for t, p in usable if nxt.start_char <= t.span.start < nxt.end_char and p.feature_class in _SPECIFIC]
    if not told:
        return None
    return replace(told[0], geo_precision=max(told[0].geo_precision, 2))


def _told_just_before(
    annotated: AnnotatedArticle, m: Mention, usable: list[tuple[ToponymLike, Place]], actor_spans: list[Span]
) -> Place | None:
    """For a report that names no place ("Three people were arrested."): the town named last before it in its
    own sentence or the one before, in the same paragraph ("In Coxilha, Rio Grande do Sul, police seized a
    ton of marijuana."), coded at geo_precision 2 at best since the text does not say so outright."""
    doc = annotated.doc
    first = doc.char_span(m.sentence.start, m.sentence.end, alignment_mode="expand")
    if first is None:
        return None
    lo = first.start
    if lo > 0 and annotated.paragraph_of(doc[lo - 1].idx) == m.paragraph:
        lo = doc[lo - 1].sent.start
    told = [
        (t, p)
        for t, p in usable
        if doc[lo].idx <= t.span.start < m.trigger.start
        and p.feature_class in _SPECIFIC
        and not any(a.start <= t.span.start < a.end for a in actor_spans)
    ]
    if not told:
        return None
    p = told[-1][1]
    return replace(p, geo_precision=max(p.geo_precision, 2))


_SPECIFIC = ("city", "named", "admin2")
# Cue kinds whose words say that something happened at a place ("a march in Kisumu", "an attack on Uman").
_PLACE_CUE_KINDS = {"weapon", "attack", "battle", "territory", "vac", "protest", "riot", "mob", "intervention"}


def _place_token(annotated: AnnotatedArticle, place: Place) -> Token | None:
    assert place.span is not None
    span = annotated.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def _chain(tok: Token) -> list[Token]:
    """The token and the nouns it hangs from ('Muridke' -> 'headquarters'), up to three steps."""
    out = [tok]
    for _ in range(3):
        if tok.dep_ not in ("compound", "poss", "pobj", "prep", "amod", "nmod", "appos") or tok.head.i == tok.i:
            break
        tok = tok.head
        out.append(tok)
    return out


def _coordinated(a: Token, b: Token) -> bool:
    """'Rajouri and Poonch', "Lashkar's Muridke headquarters and Jaish's Bahawalpur base": a list of places."""
    chain_b = {t.i for t in _chain(b)}
    return any(c.i in chain_b for t in _chain(a) for c in t.conjuncts)


def _event_places(annotated: AnnotatedArticle, places: list[Place], cue_tokens: set[int] = frozenset()) -> list[Place]:
    """The places a mention's event happened at: the first specific place named, and those listed with it.

    Other place names in the sentence describe something else ("a Kolkata-based company", "a package from
    Italy", "40 km from Yala", "the Quba-Baku highway") or only the region of the place ("Limeira, Sao Paulo";
    an unknown name coded to its province) and would otherwise split the event into spurious ones. Regions
    are kept: merge drops those that contain a kept place.
    """
    specific = [p for p in places if p.feature_class in _SPECIFIC]
    if len(specific) <= 1:
        return places
    tokens = {id(p): _place_token(annotated, p) for p in specific}
    candidates = specific
    primary = candidates[0]
    primary_tok = tokens[id(primary)]
    # "thousands marched in Mombasa, and a large march in Kisumu passed off peacefully": a place in another
    # province that hangs from an event word of its own (not the primary's) is another scene of the event
    # (in the same province it is more likely the first place's container: "shelled Qoqfin in Idleb").
    primary_cues = {t.i for t in _chain(primary_tok)} & cue_tokens if primary_tok is not None else set()

    def own_scene(p: Place, t: Token) -> bool:
        return p.admin1 != primary.admin1 and bool(({c.i for c in _chain(t)} & cue_tokens) - primary_cues)

    # A name known only as far as its province or country ("Buluan, Maguindanao, Philippines" with Maguindanao
    # unknown), or a district we know only by name ("Misserete (Akpro-Misserete, Oueme)", a GADM unit, at its
    # parent's point or its sub-units' centre), says no more than a region: not another scene next to a town.
    vague = {
        id(p) for p in candidates
        if p.feature_class in ("named", "admin2")
        and ((p.geo_precision or 3) >= 3 or (p.gazetteer_id or "").startswith("gadm:"))
    }  # fmt: skip
    # "in Limeira, Sao Paulo", "Ceiba, Fajardo": a town named like its own province or district, right after a
    # place of that province, names the province (the gazetteer resolves it to its namesake town).
    vague |= {
        id(p)
        for q, p in itertools.pairwise(candidates)
        if _names_its_unit(p) and p.admin1 == q.admin1 and _right_after(annotated, q, p)
    }
    listed = [
        p
        for p in candidates[1:]
        if primary_tok is not None
        and (t := tokens[id(p)]) is not None
        and id(p) not in vague
        and (_coordinated(primary_tok, t) or own_scene(p, t) or _listed_after_bracket(annotated, primary, p))
    ]
    keep = {id(primary), *(id(p) for p in listed)}
    return [p for p in places if p.feature_class not in _SPECIFIC or id(p) in keep]


def _names_its_unit(p: Place) -> bool:
    name = fold(p.name)
    return bool(name) and name in (fold(p.admin1 or ""), fold(p.admin2 or ""))


def _between(annotated: AnnotatedArticle, first: Place, other: Place) -> str | None:
    """The article's text from the end of `first` to the start of `other`; None unless `other` comes after."""
    if first.span is None or other.span is None or other.span.start <= first.span.end:
        return None
    return annotated.article.text[first.span.end : other.span.start]


def _right_after(annotated: AnnotatedArticle, first: Place, other: Place) -> bool:
    """`other` follows `first` after only a comma or an opening bracket, and no other name is listed after it."""
    between = _between(annotated, first, other)
    if between is None or other.span is None:
        return False
    after = annotated.article.text[other.span.end : other.span.end + 8]
    return between.strip() in (",", "(") and not re.match(r"\s*(?:,\s*|and\s+|&\s*)[A-Z]", after)


_AND_AFTER_BRACKET = re.compile(r"\s*\([^()]*\)\s*(?:,\s*)?(?:and\s+)?$")


def _listed_after_bracket(annotated: AnnotatedArticle, first: Place, other: Place) -> bool:
    """'Al Amir (As Sawmaah, Al Bayda) and Dhirwah (Mukayras, Al Bayda)': two places listed, each with its
    district and province in brackets, which the parse does not see as a list."""
    between = _between(annotated, first, other)
    return between is not None and bool(between.strip()) and _AND_AFTER_BRACKET.fullmatch(between) is not None


def _holding(t: ToponymLike, p: Place) -> Place:
    """A region's place as the unit that holds an unnamed place: the geoparser's coding of it at its main town
    (`held`) where it stands at a point of its own, else the place as it is."""
    if t.held is None:
        return p
    return replace(t.held, feature_class=p.feature_class, admin3=None, span=p.span)


def _place_key(p: Place) -> str:
    return p.gazetteer_id or fold(p.name)


def article_focus(toponyms: Sequence[ToponymLike]) -> Place | None:
    """The region an article is mostly about: its most named admin1 in its most named country.

    Returned with geo_precision 3, coded to the region's main town as ACLED codes an event known only to a
    region: the region holds a place the text does not name, which lies nearer its main town than its centre
    (docs/gazetteer.md, "Units as places"), so a region named at its own point stands here for its main town.
    """
    # "US military forces", "Pak airstrikes": a name that qualifies a noun says whose, not where (the event
    # may still get that country, without a pin: see merge._country_only); nor do the dateline, officials'
    # capitals and home towns say what the article is about (a dateline abroad over an unknown village)
    named = [(t, p) for t in toponyms if (p := event_place(t)) is not None and p.country]
    placed = [(t, p) for t, p in named if t.role not in NOT_SCENES]
    if not placed:
        return None
    country = Counter(p.country for _, p in placed).most_common(1)[0][0]
    in_country = [(t, p) for t, p in placed if p.country == country]
    # a country's own admin1 is its capital's: no evidence of a region
    regions = Counter(p.admin1 for _, p in in_country if p.admin1 and p.feature_class != "country")
    if regions:
        admin1 = regions.most_common(1)[0][0]
        unit = next(((t, p) for t, p in in_country if p.feature_class == "admin1" and p.admin1 == admin1), None)
        if unit is not None:
            return replace(_holding(*unit), geo_precision=3)
        # the region named only through its towns: coded to the town of it named most (ACLED codes an event
        # known only to a region to a main town of that region), never to the country's capital
        towns = Counter(_place_key(p) for _, p in in_country if p.admin1 == admin1 and p.feature_class == "city")
        if towns:
            key = towns.most_common(1)[0][0]
            town = next(p for _, p in in_country if _place_key(p) == key)
            return replace(town, geo_precision=3)
    # a story filed from a city of the country it names and no region of it: the city it was filed from, at the
    # precision of a region (wire stories from a capital about "the capital", "the country")
    filed = next(
        (p for t, p in named if t.role == "dateline" and p.country == country and p.feature_class == "city"), None
    )
    if filed is not None:
        return replace(filed, geo_precision=3)
    whole = next((p for _, p in in_country if p.feature_class == "country"), None)
    return country_only(whole) if whole else None
