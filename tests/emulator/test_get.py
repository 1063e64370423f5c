"""`GET /v1/hood/campaigns/{id}` and the unknown-id / malformed-id answers."""

from __future__ import annotations

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.emulator_http import CAMPAIGNS, Hood, assert_error, assert_list


def test_get_uses_the_list_envelope_with_total_one(hood: Hood) -> None:
    body = assert_list(hood.get(f"{CAMPAIGNS}/1000248"))
    assert body["total"] == 1
    [campaign] = body["items"]
    assert (campaign["id"], campaign["name"], campaign["status"]) == (
        "1000248",
        "Spring sale",
        "paused",
    )


def test_get_honours_fields(hood: Hood) -> None:
    body = hood.get(f"{CAMPAIGNS}/1000249", params={"fields": "id,status"}).json()
    assert body == {"total": 1, "items": [{"id": "1000249", "status": "running"}]}


def test_get_rejects_list_parameters(hood: Hood) -> None:
    assert_error(hood.get(f"{CAMPAIGNS}/1000249", params={"page": "1"}), 400, "page")


def test_unknown_id_is_400_does_not_exist_by_default(hood: Hood) -> None:
    response = hood.get(f"{CAMPAIGNS}/999")
    assert_error(response, 400, "Campaign 999 does not exist.")
    assert response.json()["title"] == "Bad Request."


def test_unknown_id_can_be_404(fast_emulator: Emulator) -> None:
    hood = Hood(fast_emulator)
    fast_emulator.control.settings(not_found_status=404)
    response = hood.get(f"{CAMPAIGNS}/999")
    assert_error(response, 404, "does not exist")
    assert response.json()["title"] == "Not Found."
    assert_error(hood.post(f"{CAMPAIGNS}/999/pause"), 404, "does not exist")


def test_not_found_status_from_the_constructor() -> None:
    with Emulator(rate_limit=None, not_found_status=404) as emulator:
        assert_error(Hood(emulator).get(f"{CAMPAIGNS}/1"), 404, "does not exist")


@pytest.mark.parametrize("raw_id", ["abc", "12a", "-1", "1.5", "%20", "1" * 21, "١٢٣"])
def test_non_digit_id_is_400(hood: Hood, raw_id: str) -> None:
    assert_error(hood.get(f"{CAMPAIGNS}/{raw_id}"), 400, "Invalid campaign id")
    assert_error(hood.post(f"{CAMPAIGNS}/{raw_id}/resume", json={"run_immediately": 1}), 400)


def test_unknown_route_is_404_in_the_error_shape(hood: Hood) -> None:
    assert_error(hood.get("/v1/hood/nothing"), 404, "No route")
    assert_error(hood.get(f"{CAMPAIGNS}/1000248/messages"), 404)


def test_wrong_method_is_405_in_the_error_shape(hood: Hood) -> None:
    assert_error(hood.request("DELETE", f"{CAMPAIGNS}/1000248"), 405, "DELETE")
    assert_error(hood.get(f"{CAMPAIGNS}/1000248/resume"), 405)
    assert hood.status("1000248") == "paused"
