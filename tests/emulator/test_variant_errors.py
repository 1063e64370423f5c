"""Variants of the error answers: the docs' generic 400 wording, no trace_id, 404 for unknown
ids. A client that decides on a message's wording fails here."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ocamba_provider.emulator import Emulator
from tests.support.emulator_http import CAMPAIGNS, SEED, Hood, assert_error

REQUEST_NOT_VALID = "The request is not valid."
BODY_NOT_VALID = "The request body is not valid."


@pytest.fixture
def generic() -> Iterator[Hood]:
    with Emulator(rate_limit=None, variant="generic-400") as emulator:
        emulator.control.seed(SEED)
        yield Hood(emulator)


def _message(response: requests.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == status
    return str(body["message"])


def test_generic_400_refused_resume_says_only_the_request_is_not_valid(generic: Hood) -> None:
    assert _message(generic.resume("1000249", {"run_immediately": 1}), 400) == REQUEST_NOT_VALID


def test_generic_400_refused_pause_and_cancel_say_only_the_request_is_not_valid(
    generic: Hood,
) -> None:
    assert _message(generic.post(f"{CAMPAIGNS}/1000248/pause"), 400) == REQUEST_NOT_VALID
    assert _message(generic.post(f"{CAMPAIGNS}/1000247/cancel"), 400) == REQUEST_NOT_VALID


@pytest.mark.parametrize(
    "body",
    [
        {"run_immediately": 1, "scheduled_time": "2030-01-01 00:00:00"},
        {},
        {"scheduled_time": "2030-02-30 00:00:00"},
        {"run_immediately": "yes"},
    ],
)
def test_generic_400_bad_resume_bodies_say_the_body_is_not_valid(
    generic: Hood, body: dict[str, Any]
) -> None:
    assert _message(generic.resume("1000248", body), 400) == BODY_NOT_VALID


def test_generic_400_malformed_json_says_the_body_is_not_valid(generic: Hood) -> None:
    response = generic.post(f"{CAMPAIGNS}/1000248/resume", data=b"{nope")
    assert _message(response, 400) == BODY_NOT_VALID


@pytest.mark.parametrize(
    "params", [{"page": "0"}, {"sort": "labels"}, {"bogus": "1"}, {"status": "r:x"}]
)
def test_generic_400_bad_queries_say_the_request_is_not_valid(
    generic: Hood, params: dict[str, str]
) -> None:
    assert _message(generic.get(CAMPAIGNS, params=params), 400) == REQUEST_NOT_VALID


def test_generic_400_bad_path_id_says_the_request_is_not_valid(generic: Hood) -> None:
    assert _message(generic.get(f"{CAMPAIGNS}/abc"), 400) == REQUEST_NOT_VALID


def test_generic_400_keeps_does_not_exist_for_unknown_ids(generic: Hood) -> None:
    assert_error(generic.get(f"{CAMPAIGNS}/999"), 400, "Campaign 999 does not exist.")
    assert _message(generic.post(f"{CAMPAIGNS}/999/pause"), 400) == "Campaign 999 does not exist."


def test_generic_400_leaves_the_control_surface_specific(generic: Hood) -> None:
    response = requests.put(generic.url + "/_emulator/settings", json={"colour": 1}, timeout=5)
    assert "Unknown settings: colour." in response.json()["message"]


def test_specific_messages_by_default(hood: Hood) -> None:
    assert_error(hood.resume("1000249", {"run_immediately": 1}), 400, "is not paused")


@pytest.fixture
def not_found_404() -> Iterator[Hood]:
    with Emulator(rate_limit=None, variant="not-found-404") as emulator:
        emulator.control.seed(SEED)
        yield Hood(emulator)


def test_not_found_404_answers_unknown_ids_with_404_and_no_trace_id(not_found_404: Hood) -> None:
    response = not_found_404.get(f"{CAMPAIGNS}/99999999999999999999")
    assert response.status_code == 404
    assert response.json() == {
        "code": 404,
        "title": "Not Found.",
        "message": "Campaign 99999999999999999999 does not exist.",
    }


def test_no_trace_id_in_any_api_error(not_found_404: Hood) -> None:
    answers = [
        not_found_404.resume("1000249", {"run_immediately": 1}),
        not_found_404.get(CAMPAIGNS, params={"page": "0"}),
        not_found_404.get(CAMPAIGNS, token="wrong"),
        not_found_404.get("/v1/hood/nothing"),
        not_found_404.request("DELETE", f"{CAMPAIGNS}/1000248"),
    ]
    assert [answer.status_code for answer in answers] == [400, 400, 401, 404, 405]
    assert all("trace_id" not in answer.json() for answer in answers)


def test_no_trace_id_in_injected_500s() -> None:
    with Emulator(rate_limit=None, settings={"error_trace_id": False}) as emulator:
        emulator.control.set_faults([{"route": "list", "fault": "500"}])
        response = Hood(emulator).get(CAMPAIGNS)
    assert response.json() == {"code": 500, "title": "Internal Server Error."}


def test_trace_id_is_a_uuid_by_default(hood: Hood) -> None:
    uuid.UUID(hood.get(f"{CAMPAIGNS}/999").json()["trace_id"])
