"""HoodClient writes against the emulator: bodies sent, exactly-once under faults, refusals."""

from __future__ import annotations

import re

import pytest

from ocamba_provider.client import (
    HoodAmbiguousWrite,
    HoodBadRequest,
    HoodClient,
    HoodNotFound,
)
from ocamba_provider.emulator import Emulator
from tests.support.hood_clients import RESUME, TRACE, client_of, requests_to

CID = "1000248"


@pytest.fixture
def paused(fast_emulator: Emulator) -> Emulator:
    """The emulator holding one paused campaign, id CID."""
    fast_emulator.control.seed([{"id": CID, "name": "Spring sale", "status": "paused"}])
    return fast_emulator


def resumes(hood: Emulator) -> list[dict[str, object]]:
    return [entry for entry in hood.control.ledger() if entry["action"] == "resume"]


def test_resume_now_is_applied_once_with_run_immediately(
    client: HoodClient, paused: Emulator
) -> None:
    client.resume(CID, run_immediately=True)
    assert [entry["body"] for entry in resumes(paused)] == [{"run_immediately": 1}]
    assert client.get_campaign(CID).status == "running"


def test_resume_at_a_time_schedules_the_campaign(client: HoodClient, paused: Emulator) -> None:
    client.resume(CID, scheduled_time="2030-01-02 03:04:05")
    campaign = client.get_campaign(CID)
    assert (campaign.status, campaign.scheduled_time) == ("scheduled", "2030-01-02 03:04:05")
    assert [entry["body"] for entry in resumes(paused)] == [
        {"scheduled_time": "2030-01-02 03:04:05"}
    ]


def test_pause_sends_the_reason(client: HoodClient, paused: Emulator) -> None:
    paused.control.set_status(CID, "running")
    client.pause(CID, reason="budget review")
    assert client.get_campaign(CID).status == "paused"
    assert [(e["action"], e["body"]) for e in paused.control.ledger()] == [
        ("pause", {"reason": "budget review"})
    ]


def test_resume_of_a_running_campaign_is_refused_as_not_paused(
    client: HoodClient, paused: Emulator
) -> None:
    paused.control.set_status(CID, "running")
    with pytest.raises(HoodBadRequest) as raised:
        client.resume(CID, run_immediately=True)
    assert re.fullmatch(
        rf"resume campaign {CID}: 400 Bad Request\. Campaign {CID} is not paused "
        rf"\(status: running\)\. {TRACE}",
        str(raised.value),
    )
    assert resumes(paused) == []


def test_pause_of_a_paused_campaign_is_a_bad_request(client: HoodClient, paused: Emulator) -> None:
    with pytest.raises(HoodBadRequest) as raised:
        client.pause(CID)
    assert re.fullmatch(
        rf"pause campaign {CID}: 400 Bad Request\. Campaign {CID} is not running or scheduled "
        rf"\(status: paused\)\. {TRACE}",
        str(raised.value),
    )


def test_resume_of_an_unknown_campaign_is_not_found(client: HoodClient, paused: Emulator) -> None:
    with pytest.raises(HoodNotFound, match=r"resume campaign 7: 400 Bad Request\. Campaign 7 "):
        client.resume("7", run_immediately=True)


def test_resume_dropped_after_apply_is_ambiguous_and_applied_exactly_once(
    client: HoodClient, paused: Emulator
) -> None:
    paused.control.set_faults([{"route": "resume", "fault": "drop_after_apply", "count": 1}])
    with pytest.raises(HoodAmbiguousWrite) as raised:
        client.resume(CID, run_immediately=True)
    assert str(raised.value) == (
        f"resume campaign {CID}: outcome unknown: connection to {paused.url.removeprefix('http://')}"
        " closed without an answer after the request was sent. It may have been applied: read "
        "the campaign status before retrying."
    )
    assert raised.value.__cause__ is not None
    assert len(resumes(paused)) == 1
    assert requests_to(paused, RESUME) == 1
    assert client.get_campaign(CID).status == "running"


def test_resume_answered_500_is_ambiguous_and_not_resent(
    client: HoodClient, paused: Emulator
) -> None:
    paused.control.set_faults([{"route": "resume", "fault": "500", "count": 1}])
    with pytest.raises(HoodAmbiguousWrite) as raised:
        client.resume(CID, run_immediately=True)
    assert re.fullmatch(
        rf"resume campaign {CID}: outcome unknown: 500 Internal Server Error\. It may have been "
        rf"applied: read the campaign status before retrying\. {TRACE}",
        str(raised.value),
    )
    assert requests_to(paused, RESUME) == 1


def test_resume_answered_by_a_proxy_502_is_ambiguous(client: HoodClient, paused: Emulator) -> None:
    paused.control.set_faults([{"route": "resume", "fault": "html_502", "count": 1}])
    with pytest.raises(HoodAmbiguousWrite, match="outcome unknown: 502 with a text/html body"):
        client.resume(CID, run_immediately=True)
    assert requests_to(paused, RESUME) == 1


def test_resume_is_retried_through_429s_and_applied_once(paused: Emulator) -> None:
    paused.control.set_faults([{"route": "resume", "fault": "429", "count": 3, "retry_after": 1}])
    sleeps: list[float] = []
    client = client_of(paused, limits=None, sleep=sleeps.append)
    client.resume(CID, run_immediately=True)
    assert sleeps == [1.0, 1.0, 1.0]
    assert requests_to(paused, RESUME) == 4
    assert len(resumes(paused)) == 1
