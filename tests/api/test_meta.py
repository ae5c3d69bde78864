"""/api/meta: the vocabularies the page's filters and edit form offer."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sitrep import taxonomy
from sitrep.store import EDITABLE_FIELDS, REVIEW_STATES


def test_meta_lists_taxonomy_review_states_and_editable_fields(client: TestClient) -> None:
    body = client.get("/api/meta").json()
    assert body["event_types"] == list(taxonomy.EVENT_TYPES)
    assert body["sub_event_types"]["Suicide bomb"] == "Explosions/Remote violence"
    assert body["review_states"] == list(REVIEW_STATES)
    assert set(body["editable_fields"]) == EDITABLE_FIELDS and "fatalities" in body["editable_fields"]
    assert body["vendor"] is (client.app.state.settings.vendor_dir is not None)
