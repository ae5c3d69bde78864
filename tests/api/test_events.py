"""/api/events: filters, sorting, paging, exports, map points, stats, detail, corrections, review, merge, split."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sample_desk import SPECS, Loaded
from sitrep.model import ACLED_COLUMNS

from .conftest import etag_of


def ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {e["event_id"] for e in response.json()["items"]}


def keys(loaded: Loaded, *names: str) -> set[str]:
    return {loaded.events[n] for n in names}


# -- listing -----------------------------------------------------------------------------------------


def test_events_list_returns_every_live_event_newest_first(client: TestClient, loaded: Loaded) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == len(SPECS) == len(body["items"])
    dates = [e["event_date"] for e in body["items"]]
    assert dates == sorted(dates, reverse=True)
    first = body["items"][0]
    assert first["review_state"] == "unreviewed" and first["version"] == 1 and first["locked_fields"] == []
    assert first["evidence"] and first["articles"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2025-01-01", {"goma", "el_fasher", "zamzam"}),
        ("since=2024-09-01&until=2024-09-30", {"mafa", "bamako"}),
        ("country=sudan", {"el_fasher", "zamzam"}),
        ("admin1=Banadir", {"lido_reuters", "lido_local"}),
        ("event_type=Battles", {"goma", "bamako", "zamzam", "hostile"}),
        ("event_type=Suicide%20bomb", {"lido_reuters", "lido_local"}),
        ("actor=rapid%20support", {"el_fasher", "zamzam"}),
        ("q=Lido", {"lido_reuters"}),
        ("q=zamzam", {"zamzam"}),
        ("bbox=20,5,30,20", {"el_fasher", "zamzam"}),
        ("bbox=40,-5,50,5", {"lido_reuters", "lido_local", "hostile"}),
        ("bbox=170,-90,-170,90", set()),
        ("min_fatalities=70", {"mafa", "bamako", "zamzam"}),
        ("review_state=confirmed", set()),
        ("country=Somalia&min_fatalities=30", {"lido_reuters", "lido_local"}),
    ],
)
def test_events_list_filters(client: TestClient, loaded: Loaded, query: str, expected: set[str]) -> None:
    assert ids(client.get(f"/api/events?{query}")) == keys(loaded, *expected)


def test_events_list_bbox_across_the_antimeridian(client: TestClient, loaded: Loaded) -> None:
    # West 30 > east -10: everything east of 30°E or west of 10°W.
    got = ids(client.get("/api/events?bbox=30,-90,-10,90"))
    assert got == keys(loaded, "lido_reuters", "lido_local", "hostile", "kharkiv", "nairobi")


@pytest.mark.parametrize("sort", ["fatalities", "-fatalities", "event_date", "country", "-admin1", "location"])
def test_events_list_sorts(client: TestClient, sort: str) -> None:
    items = client.get(f"/api/events?sort={sort}").json()["items"]
    key = sort.lstrip("-")
    values = [(e[key], e["event_id"]) for e in items]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_events_list_pages(client: TestClient) -> None:
    everything = [e["event_id"] for e in client.get("/api/events?sort=event_date").json()["items"]]
    pages = []
    for offset in range(0, len(everything), 3):
        body = client.get(f"/api/events?sort=event_date&limit=3&offset={offset}").json()
        assert body["total"] == len(everything) and body["limit"] == 3 and body["offset"] == offset
        pages += [e["event_id"] for e in body["items"]]
    assert pages == everything
    assert client.get("/api/events?offset=100").json()["items"] == []


def test_events_list_as_csv_in_acled_order(client: TestClient, loaded: Loaded) -> None:
    response = client.get("/api/events?format=csv&country=Sudan&sort=event_date")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert [r[0] for r in rows[1:]] == [loaded.events["el_fasher"], loaded.events["zamzam"]]


def test_events_list_as_geojson(client: TestClient, loaded: Loaded) -> None:
    response = client.get("/api/events?format=geojson&min_fatalities=70")
    assert response.headers["content-type"].startswith("application/geo+json")
    doc = json.loads(response.text)
    assert doc["type"] == "FeatureCollection"
    assert {f["id"] for f in doc["features"]} == keys(loaded, "mafa", "bamako", "zamzam")
    zamzam = next(f for f in doc["features"] if f["id"] == loaded.events["zamzam"])
    assert zamzam["geometry"] == {"type": "Point", "coordinates": [25.3, 13.4833]}


def test_events_list_exports_page_through_everything(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.api.routers import events

    monkeypatch.setattr(events, "EXPORT_CHUNK", 3)  # several chunks: one header, commas between features
    rows = list(csv.reader(io.StringIO(client.get("/api/events?format=csv").text)))
    assert len(rows) == 1 + len(SPECS) and rows.count(rows[0]) == 1
    doc = json.loads(client.get("/api/events?format=geojson").text)
    assert len(doc["features"]) == len(SPECS)
    assert len(json.loads(client.get("/api/events?format=geojson&limit=4").text)["features"]) == 4
    assert json.loads(client.get("/api/events?format=geojson&country=Atlantis").text)["features"] == []


def test_events_points_are_compact_columns(client: TestClient, loaded: Loaded) -> None:
    body = client.get("/api/events/points?country=Somalia").json()
    assert body["total"] == 3 and not body["truncated"]
    assert set(body["id"]) == keys(loaded, "lido_reuters", "lido_local", "hostile")
    assert body["fatalities"] == sorted(body["fatalities"], reverse=True)  # deadliest first
    assert len(body["lat"]) == len(body["lon"]) == len(body["type"]) == len(body["date"]) == 3
    top = client.get("/api/events/points?limit=2").json()
    assert top["truncated"] and top["total"] == len(SPECS) and top["fatalities"] == [400, 81]


def test_events_stats_timeline_and_admin1(client: TestClient) -> None:
    body = client.get("/api/events/stats").json()
    assert body["bin"] == "week" and body["min_date"] == "2024-05-25" and body["max_date"] == "2025-04-13"
    assert body["events"] == len(SPECS)
    assert body["fatalities"] == sum(e["fatalities"] for s in SPECS for e in s.events)
    assert sum(b["events"] for b in body["timeline"]) == len(SPECS)
    assert all(b["period"] <= "2025-04-13" for b in body["timeline"])
    assert body["admin1"][0] == {"country": "Sudan", "admin1": "North Darfur", "events": 2, "fatalities": 414}
    assert {r["admin1"] for r in body["admin1_timeline"]} <= {a["admin1"] for a in body["admin1"]}
    monthly = client.get("/api/events/stats?bin=month&country=Sudan").json()
    assert monthly["timeline"] == [
        {"period": "2025-04-01", "event_type": "Battles", "events": 1, "fatalities": 400},
        {"period": "2025-04-01", "event_type": "Explosions/Remote violence", "events": 1, "fatalities": 14},
    ]
    assert client.get("/api/events/stats?bin=day&country=Sudan").json()["timeline"][0]["period"] == "2025-04-11"
    empty = client.get("/api/events/stats?country=Atlantis").json()
    assert empty["events"] == 0 and empty["timeline"] == [] and empty["min_date"] is None


# -- one event ---------------------------------------------------------------------------------------


def test_events_detail_has_evidence_sources_tolls_and_history(client: TestClient, loaded: Loaded) -> None:
    event_id = loaded.events["lido_reuters"]
    response = client.get(f"/api/events/{event_id}")
    assert response.status_code == 200 and response.headers["etag"] == '"1"'
    body = response.json()
    assert body["event"]["event_id"] == event_id
    assert {e["field"] for e in body["event"]["evidence"]} >= {"fatalities", "injuries", "location"}
    assert body["sources"] == [
        {
            "id": loaded.articles["lido_reuters"],
            "title": "Suicide bombing and gun attack kill 32 at Mogadishu beach",
            "url": "https://www.reuters.com/world/africa/lido-beach-attack",
            "source": "Reuters",
            "date": "2024-08-03",
            "stored": True,
        }
    ]
    (toll,) = body["fatality_reports"]
    assert toll["value"] == 32 and toll["article_id"] == loaded.articles["lido_reuters"]
    assert [s["text"] for s in toll["spans"]] == ["At least 32 people were killed", "63 wounded"]
    assert [h["action"] for h in body["history"]] == ["create"]


def test_events_detail_tolls_are_what_sources_said_not_the_correction(
    client: TestClient, loaded: Loaded, auth: dict[str, str]
) -> None:
    event_id = loaded.events["lido_reuters"]
    client.patch(
        f"/api/events/{event_id}", json={"fatalities": 35}, headers={**auth, "If-Match": etag_of(client, event_id)}
    )
    body = client.get(f"/api/events/{event_id}").json()
    assert body["event"]["fatalities"] == 35 and [t["value"] for t in body["fatality_reports"]] == [32]


# -- corrections -------------------------------------------------------------------------------------


def test_events_patch_corrects_locks_and_records_history(
    client: TestClient, loaded: Loaded, auth: dict[str, str]
) -> None:
    event_id = loaded.events["kharkiv"]
    etag = etag_of(client, event_id)
    response = client.patch(
        f"/api/events/{event_id}",
        json={"fatalities": 19, "location": "Kharkiv - Epitsentr"},
        headers={**auth, "If-Match": etag},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["fatalities"] == 19 and body["location"] == "Kharkiv - Epitsentr"
    assert body["locked_fields"] == ["fatalities", "location"]
    assert response.headers["etag"] != etag and response.headers["etag"] == f'"{body["version"]}"'
    detail = client.get(f"/api/events/{event_id}").json()
    change = detail["history"][-1]
    assert change["action"] == "edit" and change["actor"] == "amina" and change["changed_at"] > 0
    assert change["before"] == {"fatalities": 21, "location": "Kharkiv"}
    assert change["after"] == {"fatalities": 19, "location": "Kharkiv - Epitsentr"}
    assert client.get("/api/events?min_fatalities=20&country=Ukraine").json()["total"] == 0  # columns follow


def test_events_patch_sub_event_type_brings_its_event_type(
    client: TestClient, loaded: Loaded, auth: dict[str, str]
) -> None:
    event_id = loaded.events["nairobi"]
    response = client.patch(
        f"/api/events/{event_id}",
        json={"sub_event_type": "Mob violence"},
        headers={**auth, "If-Match": etag_of(client, event_id)},
    )
    body = response.json()
    assert body["event_type"] == "Riots" and body["disorder_type"] == "Political violence"
    assert set(body["locked_fields"]) == {"sub_event_type", "event_type", "disorder_type"}


def test_events_patch_same_value_changes_nothing(client: TestClient, loaded: Loaded, auth: dict[str, str]) -> None:
    event_id = loaded.events["goma"]
    etag = etag_of(client, event_id)
    response = client.patch(f"/api/events/{event_id}", json={"fatalities": 17}, headers={**auth, "If-Match": etag})
    assert response.status_code == 200 and response.headers["etag"] == etag
    assert [h["action"] for h in client.get(f"/api/events/{event_id}").json()["history"]] == ["create"]


def test_events_patch_concurrent_edit_is_detected(client: TestClient, loaded: Loaded, auth: dict[str, str]) -> None:
    event_id = loaded.events["mafa"]
    etag = etag_of(client, event_id)  # two analysts open the same version
    first = client.patch(f"/api/events/{event_id}", json={"fatalities": 87}, headers={**auth, "If-Match": etag})
    assert first.status_code == 200
    second = client.patch(
        f"/api/events/{event_id}", json={"location": "Mafa village"}, headers={**auth, "If-Match": etag}
    )
    assert second.status_code == 412
    assert client.get(f"/api/events/{event_id}").json()["event"]["location"] == "Mafa"  # not silently applied
    star = client.patch(f"/api/events/{event_id}", json={"location": "Mafa village"}, headers={**auth, "If-Match": "*"})
    assert star.status_code == 200 and star.json()["fatalities"] == 87


def test_events_review_sets_state(client: TestClient, loaded: Loaded, auth: dict[str, str]) -> None:
    event_id = loaded.events["bamako"]
    for state in ("needs_check", "confirmed"):
        response = client.post(
            f"/api/events/{event_id}/review",
            json={"state": state, "note": "checked RFI"},
            headers={**auth, "If-Match": etag_of(client, event_id)},
        )
        assert response.status_code == 200 and response.json()["review_state"] == state
    assert ids(client.get("/api/events?review_state=confirmed")) == {event_id}
    reviews = [h for h in client.get(f"/api/events/{event_id}").json()["history"] if h["action"] == "review"]
    assert [(h["before"], h["after"]) for h in reviews] == [
        ({"review_state": "unreviewed"}, {"review_state": "needs_check", "note": "checked RFI"}),
        ({"review_state": "needs_check"}, {"review_state": "confirmed", "note": "checked RFI"}),
    ]
    assert client.post(f"/api/events/{event_id}/review", json={"state": "rejected"}, headers=auth).status_code == 428


def test_events_merge_two_reports_of_one_bombing(client: TestClient, loaded: Loaded, auth: dict[str, str]) -> None:
    keep, other = loaded.events["lido_reuters"], loaded.events["lido_local"]
    response = client.post("/api/events/merge", json={"event_ids": [keep, other]}, headers=auth)
    assert response.status_code == 200, response.text
    merged = response.json()
    assert merged["event_id"] == keep
    assert {a["id"] for a in merged["articles"]} == {loaded.articles["lido_reuters"], loaded.articles["lido_local"]}
    assert sorted(r["value"] for r in merged["fatality_reports"]) == [32, 37]
    assert client.get(f"/api/events/{other}").status_code == 404
    assert other not in ids(client.get("/api/events?country=Somalia"))
    detail = client.get(f"/api/events/{keep}").json()
    assert detail["history"][-1]["action"] == "merge" and detail["history"][-1]["after"]["merged_from"] == [other]
    assert len(detail["sources"]) == 2 and len(detail["fatality_reports"]) == 2


def test_events_merge_checks_versions_and_keep(client: TestClient, loaded: Loaded, auth: dict[str, str]) -> None:
    a, b = loaded.events["lido_reuters"], loaded.events["lido_local"]
    stale = client.post("/api/events/merge", json={"event_ids": [a, b], "versions": {b: 7}}, headers=auth)
    assert stale.status_code == 412
    wrong = client.post("/api/events/merge", json={"event_ids": [a, b], "keep": "x"}, headers=auth)
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "keep"
    kept = client.post(
        "/api/events/merge", json={"event_ids": [a, b], "keep": b, "versions": {a: 1, b: 1}}, headers=auth
    )
    assert kept.status_code == 200 and kept.json()["event_id"] == b


def test_events_split_one_report_of_two_strikes(client: TestClient, loaded: Loaded, auth: dict[str, str]) -> None:
    event_id = loaded.events["kharkiv"]
    # Evidence: 0 hypermarket, 1 "killing 19", 2 Zolochiv village, 3 "killing two", 4 guided bombs.
    body = {
        "event_id": event_id,
        "version": 1,
        "parts": [
            {"evidence": [0, 1, 4], "set": {"fatalities": 19}},
            {
                "evidence": [2, 3],
                "set": {
                    "fatalities": 2,
                    "location": "Zolochiv",
                    "admin2": "Bohodukhivskyi",
                    "latitude": 50.2797,
                    "longitude": 35.9787,
                    "sub_event_type": "Shelling/artillery/missile attack",
                },
            },
        ],
    }
    response = client.post("/api/events/split", json=body, headers=auth)
    assert response.status_code == 201, response.text
    first, second = response.json()["events"]
    assert first["event_id"] == event_id and second["event_id"] == f"{event_id}-s1"
    assert first["fatalities"] == 19 and [e["text"] for e in first["evidence"]] == [
        "hypermarket in Kharkiv",
        "killing 19 people",
        "guided bombs",
    ]
    assert (
        second["fatalities"] == 2
        and second["location"] == "Zolochiv"
        and second["event_type"] == "Explosions/Remote violence"
    )
    assert "fatalities" in second["locked_fields"] and "location" in second["locked_fields"]
    assert client.get(f"/api/events/{second['event_id']}").json()["history"][0]["action"] == "split_from"
    assert client.get(f"/api/events/{event_id}").json()["history"][-1]["after"]["split_into"] == [second["event_id"]]
    assert client.get("/api/events?country=Ukraine").json()["total"] == 2


@pytest.mark.parametrize(
    ("parts", "field"),
    [
        ([{"evidence": [0]}], "parts"),
        ([{"evidence": [0]}, {"evidence": [9]}], "parts.1.evidence"),
        ([{"evidence": [0]}, {"evidence": [0]}], "parts.1.evidence"),
        ([{}, {"set": {"fatalities": "many"}}], "parts.1.set.fatalities"),
        ([{}, {"set": {"colour": "red"}}], "parts.1.set.colour"),
    ],
)
def test_events_split_rejects_bad_parts(
    client: TestClient, loaded: Loaded, auth: dict[str, str], parts: list[Any], field: str
) -> None:
    response = client.post(
        "/api/events/split", json={"event_id": loaded.events["kharkiv"], "parts": parts}, headers=auth
    )
    assert response.status_code == 422 and response.json()["error"]["field"] == field


@pytest.mark.parametrize("name", ["country", "admin1", "event_type", "actor", "q"])
@pytest.mark.parametrize("path", ["/api/events", "/api/events/stats"])
def test_events_filter_text_with_a_nul_character_is_refused_alike_on_both_backends(
    client: TestClient, path: str, name: str
) -> None:
    # PostgreSQL cannot hold a NUL in text (schemathesis found the 500 it gave); SQLite could: both say 422.
    response = client.get(f"{path}?{name}=Su%00dan")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == name
