"""Bearer-token authentication."""

from __future__ import annotations

import uuid

import requests

from tests.support.emulator_http import CAMPAIGNS, Hood, assert_error


def test_missing_token_is_401_with_the_documented_body(hood: Hood) -> None:
    response = hood.get(CAMPAIGNS, token=None)
    assert_error(response, 401, "Unauthorized.")
    body = response.json()
    assert (body["code"], body["title"], body["message"]) == (401, "Unauthorized.", "Unauthorized.")
    uuid.UUID(body["trace_id"])


def test_wrong_token_is_401(hood: Hood) -> None:
    assert_error(hood.get(CAMPAIGNS, token="not-the-token"), 401, "Unauthorized.")


def test_other_scheme_is_401(hood: Hood) -> None:
    response = requests.get(
        hood.url + CAMPAIGNS, headers={"Authorization": f"Token {hood.token}"}, timeout=5
    )
    assert_error(response, 401)


def test_bearer_scheme_is_case_insensitive(hood: Hood) -> None:
    response = requests.get(
        hood.url + CAMPAIGNS, headers={"Authorization": f"bearer {hood.token}"}, timeout=5
    )
    assert response.status_code == 200


def test_unauthorized_write_changes_nothing(hood: Hood) -> None:
    response = hood.post(f"{CAMPAIGNS}/1000248/resume", json={"run_immediately": 1}, token="x")
    assert_error(response, 401)
    assert hood.status("1000248") == "paused"
    assert hood.control.ledger() == []


def test_each_error_has_a_fresh_trace_id(hood: Hood) -> None:
    traces = {hood.get(CAMPAIGNS, token=None).json()["trace_id"] for _ in range(3)}
    assert len(traces) == 3


def test_control_surface_needs_no_token(hood: Hood) -> None:
    response = requests.get(hood.url + "/_emulator/ledger", timeout=5)
    assert response.status_code == 200
    assert response.json() == {"actions": []}
