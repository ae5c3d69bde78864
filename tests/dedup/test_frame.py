"""frame: records as columns; names compared case- and accent-insensitively."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from factories import event
from sample_reports import garowe_event
from sitrep.dedup.frame import frame_from_records, is_generic_actor, match_text, tokens


def test_frame_codes_ignore_case_and_accents() -> None:
    frame = frame_from_records(
        [
            event("a", country="Mali", admin1="Ménaka", location="Ménaka", latitude=None, longitude=None),
            event("b", country="MALI", admin1="Menaka", location="MENAKA", latitude=None, longitude=None),
        ]
    )
    assert frame.country[0] == frame.country[1] != 0
    assert frame.admin1[0] == frame.admin1[1] != 0
    assert frame.location[0] == frame.location[1] != 0
    assert np.isnan(frame.lat).all() and not frame.located.any()


def test_frame_admin1_is_qualified_by_country() -> None:
    # "Punjab" is an admin1 of both India and Pakistan: never the same block.
    frame = frame_from_records(
        [event("a", country="India", admin1="Punjab"), event("b", country="Pakistan", admin1="Punjab")]
    )
    assert frame.admin1[0] != frame.admin1[1]


def test_frame_unknown_date_and_publication_default() -> None:
    frame = frame_from_records([event("a", event_date="", published=None), event("b", published=None)])
    assert frame.day[0] == -1
    assert frame.published[1] == frame.day[1]  # no publication day: the event day stands in


def test_frame_generic_actors() -> None:
    assert is_generic_actor("Unidentified Armed Group (Nigeria)")
    assert not is_generic_actor("Military Forces of Pakistan (2018-)")  # state forces are named
    assert is_generic_actor("")
    assert not is_generic_actor("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad")


def test_frame_match_text_uses_notes_and_evidence() -> None:
    text = match_text(garowe_event())
    assert "Bakara market" in text and "12 people were killed" in text
    words = tokens(text)
    assert {"bakara", "market", "car", "bomb", "12"} <= words
    # Names compared by other features (place, actors) and grammar are left out.
    assert not words & {"mogadishu", "hodan", "shabaab", "the"}


def test_frame_the_outlet_does_not_change_what_a_record_is_compared_on() -> None:
    # The same article reaches the store under a watched source's name, a page's site name or none (a file):
    # the words of that name must not take the text's out (a source "feed 12" dropped the toll "12").
    event = garowe_event()
    named = "Channel 12 Market News"
    renamed = replace(event, source=named, articles=[replace(a, source=named) for a in event.articles])
    assert tokens(match_text(renamed)) == tokens(match_text(event))
    assert {"12", "market"} <= tokens(match_text(renamed))
