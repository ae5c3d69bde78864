"""The text layer: an article as the stages above it read it, below both the geoparser and the pipeline.

    annotate.py   AnnotatedArticle (the article, its spaCy Doc, its paragraphs); annotate / annotate_many;
                  the spaCy model, loaded once per process
    tokens.py     Tokens: a Doc's token attributes as plain sequences, read once per Doc; doc_text
    dateline.py   Dateline: a wire story's opening "CITY, Country (Agency) -" (filing place and day)
    lexicon.py    the word tables (data/*.tsv): event cues, armed groups, number words, currency words,
                  government periods

Nothing here knows about places or events: it only reads text.
"""

from __future__ import annotations

from sitrep.text.annotate import (
    MODEL_NAME,
    AnnotatedArticle,
    annotate,
    annotate_many,
    load_nlp,
    normalize_text,
    paragraph_starts,
)
from sitrep.text.dateline import Dateline, find_dateline
from sitrep.text.tokens import Tokens, doc_text

__all__ = [
    "AnnotatedArticle",
    "annotate",
    "annotate_many",
    "load_nlp",
    "normalize_text",
    "paragraph_starts",
    "MODEL_NAME",
    "Tokens",
    "doc_text",
    "Dateline",
    "find_dateline",
]
