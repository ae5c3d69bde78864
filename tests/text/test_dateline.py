"""The dateline reader: the filing city, its country, the agency and the day, kept apart from the story."""

from __future__ import annotations

import pytest

from sitrep.text.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "day", "agency"),
    [
        ("HARGEISA, Somaliland (AP) - Two soldiers died when", "HARGEISA, Somaliland", None, "AP"),
        ("KANDAHAR, March 3 - Gunmen on motorbikes", "KANDAHAR", "March 3", None),
        ("KHULNA, Bangladesh (Aug. 9) - Students marched", "KHULNA, Bangladesh", "Aug. 9", None),
        ("CAP-HAITIEN, Haiti - Armed men blocked the road", "CAP-HAITIEN, Haiti", None, None),
        ("DERA ISMAIL KHAN, Pakistan \u2014 A roadside bomb", "DERA ISMAIL KHAN, Pakistan", None, None),
        ("LONDONDERRY, Northern Ireland - Petrol bombs", "LONDONDERRY, Northern Ireland", None, None),
        ("N'DJAMENA, Chad -- Rebels entered", "N'DJAMENA, Chad", None, None),
        ("ST. LOUIS - Protesters gathered", "ST. LOUIS", None, None),
        ("BAIDOA, 14 May 2021 - A mortar round", "BAIDOA", "14 May 2021", None),
    ],
)
def test_find_dateline_reads_each_part(text: str, place: str, day: str | None, agency: str | None) -> None:
    found = find_dateline(text)
    assert found is not None
    assert found.place.text == place
    assert (found.day.text if found.day else None) == day
    assert (found.agency.text if found.agency else None) == agency
    # every span points at the article's own characters
    for span in (found.span, found.city, found.region, found.day, found.agency):
        if span is not None:
            assert text[span.start : span.end] == span.text
    assert text[found.span.end :].lstrip()[0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed four people in Kandahar on Monday.",
        "Kandahar - the city where the movement was born - saw no fighting.",
        "Monday, September 23, 2019\n\nYesterday, the president said",
        "A - the first of three options",
        "Police said the blast in GARISSA - a town near the border - killed two.",
    ],
)
def test_find_dateline_ignores_text_without_one(text: str) -> None:
    assert find_dateline(text) is None
