"""`POST /v1/hood/campaigns/{id}/resume`: exactly one mode, only from `paused`."""

from __future__ import annotations

import pytest

from tests.support.emulator_http import CAMPAIGNS, Hood, assert_error


@pytest.mark.parametrize("flag", [1, True])
def test_run_immediately_resumes_to_running(hood: Hood, flag: object) -> None:
    response = hood.resume("1000248", {"run_immediately": flag})
    assert (response.status_code, response.content) == (204, b"")
    campaign = hood.campaign("1000248")
    assert campaign["status"] == "running"
    assert campaign["run_counter"] == 1


def test_scheduled_time_resumes_to_scheduled(hood: Hood) -> None:
    before = hood.campaign("1000248")["update_time"]
    assert hood.resume("1000248", {"scheduled_time": "2030-12-01 09:00:00"}).status_code == 204
    campaign = hood.campaign("1000248")
    assert campaign["status"] == "scheduled"
    assert campaign["scheduled_time"] == "2030-12-01 09:00:00"
    assert campaign["next_run_time"] == "2030-12-01 09:00:00"
    assert campaign["update_time"] > before


def test_applied_resume_is_in_the_ledger(hood: Hood) -> None:
    hood.resume("1000248", {"run_immediately": 1})
    [entry] = hood.control.ledger()
    assert entry["campaign_id"] == "1000248"
    assert entry["action"] == "resume"
    assert entry["body"] == {"run_immediately": 1}
    assert isinstance(entry["at"], float)


def test_docs_example_with_both_keys_is_400(hood: Hood) -> None:
    # The body from Ocamba's own docs example, which contradicts the documented rule.
    body = {"run_immediately": 1, "scheduled_time": "2025-01-01 00:00:00"}
    assert_error(hood.resume("1000248", body), 400, "exactly one")
    assert hood.status("1000248") == "paused"
    assert hood.control.ledger() == []


@pytest.mark.parametrize("body", [{}, None])
def test_neither_key_is_400(hood: Hood, body: object) -> None:
    assert_error(hood.resume("1000248", body), 400, "required")
    assert hood.status("1000248") == "paused"


@pytest.mark.parametrize(
    "scheduled_time",
    [
        "2030-12-01T09:00:00",
        "2030-12-01 09:00:00+00:00",
        "2030-12-01 09:00",
        "2030-13-01 09:00:00",
        "2030-02-30 09:00:00",
        "tomorrow",
        "",
        20301201,
        None,
    ],
)
def test_malformed_scheduled_time_is_400(hood: Hood, scheduled_time: object) -> None:
    assert_error(hood.resume("1000248", {"scheduled_time": scheduled_time}), 400)
    assert hood.status("1000248") == "paused"


@pytest.mark.parametrize("flag", [0, False, None, "1", "true", 2])
def test_run_immediately_other_than_1_or_true_is_400(hood: Hood, flag: object) -> None:
    assert_error(hood.resume("1000248", {"run_immediately": flag}), 400)


def test_unknown_body_key_is_400(hood: Hood) -> None:
    assert_error(hood.resume("1000248", {"run_immediately": 1, "force": True}), 400, "force")


@pytest.mark.parametrize("body", ["[1]", '"run"', "42"])
def test_non_object_body_is_400(hood: Hood, body: str) -> None:
    response = hood.post(f"{CAMPAIGNS}/1000248/resume", data=body)
    assert_error(response, 400)


@pytest.mark.parametrize(
    "raw", [b"{", b"{'run_immediately': 1}", b"\xff\xfe", b'{"run_immediately": NaN}', b"nul"]
)
def test_malformed_json_is_400_not_500(hood: Hood, raw: bytes) -> None:
    response = hood.post(
        f"{CAMPAIGNS}/1000248/resume", data=raw, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "not valid JSON")


@pytest.mark.parametrize(
    "status", ["running", "scheduled", "draft", "canceled", "sent", "needs_decision"]
)
def test_resume_of_a_campaign_that_is_not_paused_is_400(hood: Hood, status: str) -> None:
    hood.control.set_status("1000248", status)
    response = hood.resume("1000248", {"run_immediately": 1})
    assert_error(response, 400, f"Campaign 1000248 is not paused (status: {status}).")
    assert hood.status("1000248") == status
    assert hood.control.ledger() == []


def test_second_resume_is_refused_and_not_applied_twice(hood: Hood) -> None:
    assert hood.resume("1000248", {"run_immediately": 1}).status_code == 204
    assert_error(hood.resume("1000248", {"run_immediately": 1}), 400, "not paused")
    assert [e["action"] for e in hood.control.ledger()] == ["resume"]


def test_resume_of_unknown_campaign_is_400_does_not_exist(hood: Hood) -> None:
    assert_error(hood.resume("999", {"run_immediately": 1}), 400, "does not exist")


def test_oversized_body_is_413_in_the_error_shape(hood: Hood) -> None:
    response = hood.post(f"{CAMPAIGNS}/1000248/resume", data=b"{" + b" " * (1 << 20) + b"}")
    assert_error(response, 413, "larger than")
    assert hood.status("1000248") == "paused"
