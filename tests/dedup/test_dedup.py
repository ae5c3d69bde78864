"""dedup_records: the whole chain on records in memory (what `sitrep extract` applies to its output)."""

from __future__ import annotations

import random
from dataclasses import replace

from factories import event
from sample_reports import garowe_event, kabul_mosque_event, kabul_police_event, reuters_event, sonna_event
from sitrep.dedup import dedup_records


def test_dedup_one_record_per_event() -> None:
    garowe, reuters, sonna = garowe_event(), reuters_event(), sonna_event()
    mosque, police = kabul_mosque_event(), kabul_police_event()
    events = dedup_records([reuters, mosque, garowe, police, sonna])
    assert len(events) == 3
    mogadishu = next(e for e in events if e.country == "Somalia")
    # The earliest report's id, whatever the input order: ids agree with incremental ingest.
    assert mogadishu.event_id == garowe.event_id
    assert mogadishu.fatalities == 30 and len(mogadishu.articles) == 3
    kabul = sorted(e.fatalities for e in events if e.country == "Afghanistan")
    assert kabul == [2, 12]


def test_dedup_keeps_first_appearance_order() -> None:
    events = dedup_records([kabul_police_event(), garowe_event(), reuters_event()])
    assert [e.country for e in events] == ["Afghanistan", "Somalia"]


def test_dedup_empty_and_single() -> None:
    assert dedup_records([]) == []
    (only,) = dedup_records([garowe_event()])
    assert only.event_id == garowe_event().event_id


def test_dedup_chibok_many_reports_collapse() -> None:
    """GDELT's Chibok failure: hundreds of reports of one abduction over two days -> one event."""
    rng = random.Random(5)
    wordings = [
        "Gunmen abducted more than 200 schoolgirls from the Government Girls Secondary School in Chibok.",
        (
            "Boko Haram fighters kidnapped schoolgirls from their dormitory at the girls' secondary school "
            "in Chibok overnight."
        ),
        "Over 230 students were seized by militants who stormed a girls' school in Chibok, Borno state.",
        "Parents say 276 girls are missing after gunmen raided the secondary school in Chibok and abducted them.",
    ]
    reports = [
        event(
            f"r{k}",
            event_date=rng.choice(["2014-04-14", "2014-04-15"]),
            event_type="Violence against civilians",
            sub_event_type="Abduction/forced disappearance",
            actor1=rng.choice(
                ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Unidentified Armed Group (Nigeria)"]
            ),
            location="Chibok",
            admin2="Chibok",
            latitude=10.8698,
            longitude=12.8469,
            published=f"2014-04-{rng.randint(15, 16)}",
            notes=rng.choice(wordings),
        )
        for k in range(120)
    ]
    events = dedup_records(reports)
    assert len(events) == 1
    assert len(events[0].articles) == 120
    assert events[0].actor1.startswith("Boko Haram")


def test_dedup_does_not_touch_records_of_one_article() -> None:
    a = event("a", article="same")
    b = replace(event("b", article="same"), fatalities=3)
    assert len(dedup_records([a, b])) == 2
