"""GeoJSON export: a FeatureCollection of Points in [longitude, latitude]; unplaced events kept."""

from __future__ import annotations

import io
import json

from sitrep.export.geojson import event_feature, write_geojson

from .samples import kech, samples


def _write(events) -> tuple[int, dict]:
    out = io.StringIO()
    n = write_geojson(events, out)
    return n, json.loads(out.getvalue())


def test_geojson_feature_collection_structure() -> None:
    n, doc = _write(samples())
    assert n == 3
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == 3
    for feature, event in zip(doc["features"], samples(), strict=True):
        assert feature["type"] == "Feature"
        assert feature["id"] == event.event_id
        assert feature["properties"] == event.to_dict()


def test_geojson_point_is_longitude_then_latitude() -> None:
    _, doc = _write([kech()])
    geometry = doc["features"][0]["geometry"]
    assert geometry == {"type": "Point", "coordinates": [63.05, 26.0]}
    lon, lat = geometry["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert lon == kech().longitude and lat == kech().latitude


def test_geojson_unplaced_event_kept_with_null_geometry() -> None:
    _, doc = _write(samples())
    menaka = doc["features"][1]
    assert "geometry" in menaka and menaka["geometry"] is None
    assert menaka["properties"]["admin1"] == "Ménaka"


def test_geojson_half_coordinates_count_as_unplaced() -> None:
    from dataclasses import replace

    assert event_feature(replace(kech(), latitude=None))["geometry"] is None
    assert event_feature(replace(kech(), longitude=None))["geometry"] is None


def test_geojson_unicode_written_as_is() -> None:
    out = io.StringIO()
    write_geojson(samples(), out)
    assert "Ménaka" in out.getvalue() and "حمص" in out.getvalue()


def test_geojson_zero_events_is_valid_empty_collection() -> None:
    n, doc = _write([])
    assert n == 0
    assert doc == {"type": "FeatureCollection", "features": []}
