"""`POST .../{id}/pause` and `POST .../{id}/cancel`."""

from __future__ import annotations

import pytest

from tests.support.emulator_http import CAMPAIGNS, Hood, assert_error


@pytest.mark.parametrize("campaign_id", ["1000249", "1000250"])  # running, scheduled
def test_pause_from_running_or_scheduled(hood: Hood, campaign_id: str) -> None:
    response = hood.post(f"{CAMPAIGNS}/{campaign_id}/pause", json={"reason": "budget review"})
    assert (response.status_code, response.content) == (204, b"")
    assert hood.status(campaign_id) == "paused"
    assert hood.control.ledger()[-1] == {
        **hood.control.ledger()[-1],
        "campaign_id": campaign_id,
        "action": "pause",
        "body": {"reason": "budget review"},
    }


def test_pause_without_body_or_reason(hood: Hood) -> None:
    assert hood.post(f"{CAMPAIGNS}/1000249/pause").status_code == 204
    assert hood.post(f"{CAMPAIGNS}/1000250/pause", json={}).status_code == 204


@pytest.mark.parametrize("campaign_id", ["1000246", "1000247", "1000248", "1000252", "1000253"])
def test_pause_from_other_statuses_is_400(hood: Hood, campaign_id: str) -> None:
    status = hood.status(campaign_id)
    response = hood.post(f"{CAMPAIGNS}/{campaign_id}/pause", json={})
    assert_error(response, 400, f"is not running or scheduled (status: {status})")
    assert hood.status(campaign_id) == status


@pytest.mark.parametrize("body", [{"reason": 5}, {"why": "x"}, {"reason": "x" * 1001}, [1]])
def test_pause_with_invalid_body_is_400(hood: Hood, body: object) -> None:
    assert_error(hood.post(f"{CAMPAIGNS}/1000249/pause", json=body), 400, "Invalid request body")
    assert hood.status("1000249") == "running"


def test_pause_then_resume_round_trip(hood: Hood) -> None:
    hood.post(f"{CAMPAIGNS}/1000249/pause")
    assert hood.resume("1000249", {"run_immediately": True}).status_code == 204
    assert [e["action"] for e in hood.control.ledger()] == ["pause", "resume"]


@pytest.mark.parametrize("campaign_id", ["1000248", "1000249", "1000250"])
def test_cancel_from_paused_running_or_scheduled(hood: Hood, campaign_id: str) -> None:
    response = hood.post(f"{CAMPAIGNS}/{campaign_id}/cancel", json={"reason": "stop"})
    assert response.status_code == 204
    assert hood.status(campaign_id) == "canceled"
    assert hood.control.ledger()[-1]["action"] == "cancel"


@pytest.mark.parametrize("campaign_id", ["1000246", "1000247", "1000252", "1000253"])
def test_cancel_from_other_statuses_is_400(hood: Hood, campaign_id: str) -> None:
    status = hood.status(campaign_id)
    assert_error(hood.post(f"{CAMPAIGNS}/{campaign_id}/cancel"), 400, "cannot be canceled")
    assert hood.status(campaign_id) == status


def test_canceled_campaign_cannot_be_resumed(hood: Hood) -> None:
    hood.post(f"{CAMPAIGNS}/1000248/cancel")
    assert_error(hood.resume("1000248", {"run_immediately": 1}), 400, "status: canceled")
