"""Stage 4, places: where each mention happened.

Toponyms are found and resolved once per article by the geoparser (sitrep.geoparse, shared with
`sitrep geoparse`); this stage hands each mention the resolved places inside its own scope, and works out
the article's focus (the admin1 region or country most of its places lie in) for mentions that name no
place of their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, Sequence

from sitrep.model import Mention, Place
from sitrep.pipeline.annotate import AnnotatedArticle

if TYPE_CHECKING:
    from sitrep.gazetteer import Gazetteer

__all__ = ["places", "locate", "article_focus", "ToponymLike"]


class ToponymLike(Protocol):
    """What this stage needs of a geoparser result."""

    @property
    def place(self) -> Place | None: ...


def locate(annotated: AnnotatedArticle, gazetteer: Gazetteer) -> tuple:
    """Recognise and resolve the article's toponyms (see sitrep.geoparse)."""
    from sitrep.geoparse import geoparse

    return tuple(geoparse(annotated, gazetteer))


def _scope_chars(annotated: AnnotatedArticle, mention: Mention) -> list[tuple[int, int]]:
    doc = annotated.doc
    return [(doc[i].idx, doc[i].idx + len(doc[i].text)) for i in mention.scope]


def places(annotated: AnnotatedArticle, mentions: tuple[Mention, ...], toponyms: Sequence[ToponymLike]) -> tuple[Mention, ...]:
    """Give each mention the resolved places whose text lies inside its scope."""
    resolved = [t.place for t in toponyms if t.place is not None and t.place.span is not None]
    out = []
    for m in mentions:
        ranges = _scope_chars(annotated, m)
        inside = []
        for p in resolved:
            assert p.span is not None
            if any(s <= p.span.start < e for s, e in ranges):
                inside.append(p)
        out.append(replace(m, places=tuple(inside)))
    return tuple(out)


def article_focus(toponyms: Sequence[ToponymLike]) -> Place | None:
    """The region an article is mostly about: its most named admin1 in its most named country.

    Returned with geo_precision 3, as ACLED codes an event known only to a region.
    """
    resolved = [t.place for t in toponyms if t.place is not None and t.place.country]
    if not resolved:
        return None
    country = Counter(p.country for p in resolved).most_common(1)[0][0]
    in_country = [p for p in resolved if p.country == country]
    regions = Counter(p.admin1 for p in in_country if p.admin1)
    if regions:
        admin1 = regions.most_common(1)[0][0]
        unit = next((p for p in in_country if p.feature_class in ("admin1", "A") and p.admin1 == admin1), None)
        anchor = unit or next(p for p in in_country if p.admin1 == admin1)
        return replace(anchor, name=unit.name if unit else admin1, admin2=None if unit is None else unit.admin2,
                       geo_precision=3, span=anchor.span) if unit else replace(
            anchor, name=admin1, admin2=None, geo_precision=3)
    country_place = next((p for p in in_country if p.feature_class in ("country", "PCLI")), in_country[0])
    return replace(country_place, geo_precision=3)
