"""Fixtures shared by every test package: articles written here, annotated once with the real spaCy model."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.model import Article
from sitrep.text.annotate import AnnotatedArticle, annotate, load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def annotated(nlp):
    """annotated(text, published=date) -> AnnotatedArticle."""

    def make(text: str, published: date | None = date(2024, 3, 14)) -> AnnotatedArticle:
        return annotate(Article.from_text(text, published=published), nlp)

    return make
