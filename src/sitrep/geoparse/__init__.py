"""Geoparsing: find the place names in an article and resolve each to a gazetteer entry and an ACLED place.

The phases, one module each, in the order they run; each returns frozen values, one per name (mention.py):

    recognise   the place names of the article -> PlaceName (recognise.py; the cues around a name: context.py,
                words.py)
    link        patterns between names: containers, "near", lists -> Link (link.py, one function per pattern)
    candidates  the gazetteer readings of each name and their score from the name alone -> Readings
                (candidates.py)
    resolve     one reading per name, reading each name through a Mention (its PlaceName, Link and Readings):
                focus of the article, containers, coherence; three rounds (resolve.py; focus.py, containers.py)
    output      Toponyms with their ACLED places; a name the gazetteer does not know falls back to its
                container, else to the unit the article is about (output.py)
    roles       what each name does in the story: scene, dateline, speaker, source, actor, origin,
                destination, home, whose (roles.py; extent.py reads "in rural X", "8 km from X" for link)

Demonyms ("Pakistani", "Indian") steer the country focus but are never toponyms themselves (except before a
region word: "Somali region"); organisations with an organisation word ("Baloch Liberation Army") are never
searched for places. The geoparser sits below the extraction pipeline (sitrep.pipeline.places reads its
Toponyms) and above the gazetteer and the text layer (sitrep.text).

Usage:
    >>> from sitrep.gazetteer import Gazetteer
    >>> from sitrep.text import annotate
    >>> toponyms = geoparse(annotate(article), Gazetteer.open())  # doctest: +SKIP
    >>> [(t.text, t.place.admin1) for t in toponyms if t.place]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sitrep.geoparse.candidates import candidates
from sitrep.geoparse.link import link
from sitrep.geoparse.mention import Mention, PlaceName, Toponym
from sitrep.geoparse.output import ROW_KEYS, toponym_rows, toponyms_of
from sitrep.geoparse.recognise import recognise
from sitrep.geoparse.resolve import resolve
from sitrep.geoparse.roles import assign_roles
from sitrep.geoparse.settings import DEFAULT_SETTINGS, Settings
from sitrep.text.tokens import doc_text

if TYPE_CHECKING:
    from sitrep.gazetteer import Gazetteer
    from sitrep.text import AnnotatedArticle

__all__ = [
    "Toponym",
    "geoparse",
    "resolve_spans",
    "run_phases",
    "toponym_rows",
    "ROW_KEYS",
    "Settings",
    "DEFAULT_SETTINGS",
]


def geoparse(annotated: AnnotatedArticle, gazetteer: Gazetteer, *, settings: Settings | None = None) -> list[Toponym]:
    """Find and resolve the place names of one article.

    Args:
        annotated: the article with its spaCy Doc (`sitrep.text.annotate`).
        gazetteer: a Gazetteer (`Gazetteer.open()`, or a `MemoryGazetteer` in tests).
        settings: resolver weights; defaults to the tuned ones.
    Returns:
        Toponyms in text order; each has a Place unless nothing in the gazetteer or the context fits it.
    """
    settings = settings or DEFAULT_SETTINGS
    return run_phases(annotated, recognise(annotated.doc, gazetteer, settings), gazetteer, settings)


def resolve_spans(
    annotated: AnnotatedArticle,
    spans: Iterable[tuple[int, int]],
    gazetteer: Gazetteer,
    *,
    settings: Settings | None = None,
) -> list[Toponym]:
    """Resolve given place-name spans (e.g. gold annotations), using the recognised toponyms as context.

    Args:
        annotated: the article with its Doc.
        spans: (start, end) character offsets of the names to resolve.
        gazetteer: the gazetteer.
    Returns:
        One Toponym per given span, in the given order.
    """
    settings = settings or DEFAULT_SETTINGS
    doc = annotated.doc
    text = doc_text(doc)
    wanted = [(int(a), int(b)) for a, b in spans]
    # the names recognised elsewhere are the context of the given ones (their focus, containers, lists)
    names = [PlaceName(a, b, text[a:b], "given", text[a:b]) for a, b in wanted]
    names += [r for r in recognise(doc, gazetteer, settings) if not any(r.start < b and a < r.end for a, b in wanted)]
    order = sorted(range(len(names)), key=lambda k: (names[k].start, names[k].end))
    toponyms = run_phases(annotated, [names[k] for k in order], gazetteer, settings)
    by_pos = {(t.span.start, t.span.end): t for t in toponyms if t.source == "given"}
    return [by_pos[(a, b)] for a, b in wanted if (a, b) in by_pos]


def run_phases(
    annotated: AnnotatedArticle, names: list[PlaceName], gaz: Gazetteer, settings: Settings
) -> list[Toponym]:
    """The phases after recognition (link, candidates, resolve, output, roles) over names in text order.

    Returns:
        One Toponym per name, in the same order (and the dateline's city when recognition missed it).
    """
    doc = annotated.doc
    links = link(doc, names, annotated.paragraph_of)
    readings = candidates(doc_text(doc), names, links, gaz)
    mentions = [Mention(n, lk, r) for n, lk, r in zip(names, links, readings, strict=True)]
    resolved = resolve(doc, mentions, gaz, settings, country_hint=annotated.article.country_hint)
    return assign_roles(annotated, toponyms_of(mentions, resolved, gaz), gaz)
