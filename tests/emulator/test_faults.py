"""Seeded fault injection through `PUT /_emulator/faults`."""

from __future__ import annotations

import json
import time

import pytest
import requests

from ocamba_provider.emulator import EmulatorControlError
from tests.support.emulator_http import CAMPAIGNS, Hood, assert_error, assert_list


def test_drop_after_apply_applies_the_resume_then_closes_without_answer(hood: Hood) -> None:
    hood.control.set_faults([{"route": "resume", "fault": "drop_after_apply"}])
    with pytest.raises(requests.ConnectionError):
        hood.resume("1000248", {"run_immediately": 1})
    hood.control.set_faults([])
    assert hood.status("1000248") == "running"
    assert [(e["campaign_id"], e["action"]) for e in hood.control.ledger()] == [
        ("1000248", "resume")
    ]
    assert hood.control.stats()["responses"]["dropped"] == 1


def test_drop_after_apply_on_a_read_just_drops(hood: Hood) -> None:
    hood.control.set_faults([{"route": "list", "fault": "drop_after_apply"}])
    with pytest.raises(requests.ConnectionError):
        hood.get(CAMPAIGNS)
    assert hood.get(f"{CAMPAIGNS}/1000248").status_code == 200


def test_500_has_the_documented_body_without_message_and_applies_nothing(hood: Hood) -> None:
    hood.control.set_faults([{"route": "resume", "fault": "500"}])
    response = hood.resume("1000248", {"run_immediately": 1})
    assert response.status_code == 500
    body = response.json()
    assert set(body) == {"code", "title", "trace_id"}
    assert (body["code"], body["title"]) == (500, "Internal Server Error.")
    assert hood.status("1000248") == "paused"
    assert hood.control.ledger() == []


def test_429_fault_carries_retry_after(hood: Hood) -> None:
    hood.control.set_faults([{"route": "*", "fault": 429, "retry_after": 3}])
    response = hood.get(CAMPAIGNS)
    assert_error(response, 429)
    assert response.headers["Retry-After"] == "3"


def test_latency_delays_the_answer(hood: Hood) -> None:
    hood.control.set_faults([{"route": "get", "fault": "latency", "ms": 200}])
    started = time.monotonic()
    assert hood.get(f"{CAMPAIGNS}/1000248").status_code == 200
    assert time.monotonic() - started >= 0.2


def test_html_502_is_a_proxy_page(hood: Hood) -> None:
    hood.control.set_faults([{"route": "pause", "fault": "html_502"}])
    response = hood.post(f"{CAMPAIGNS}/1000249/pause")
    assert response.status_code == 502
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in response.text
    assert hood.status("1000249") == "running"


def test_truncated_json_is_a_200_that_does_not_parse(hood: Hood) -> None:
    hood.control.set_faults([{"route": "list", "fault": "truncated_json"}])
    response = hood.get(CAMPAIGNS)
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)


def test_wrong_types_breaks_the_schema(hood: Hood) -> None:
    hood.control.set_faults([{"route": "get", "fault": "wrong_types"}])
    body = hood.get(f"{CAMPAIGNS}/1000248").json()
    assert body["total"] == "1"
    assert isinstance(body["items"][0]["status"], int)


def test_unknown_status_reports_an_undocumented_status(hood: Hood) -> None:
    hood.control.set_faults([{"route": "list", "fault": "unknown_status", "count": 1}])
    body = assert_list(hood.get(CAMPAIGNS))
    assert {item["status"] for item in body["items"]} == {"archived"}
    assert "archived" not in {item["status"] for item in hood.get(CAMPAIGNS).json()["items"]}


def test_count_limits_how_often_a_rule_fires(hood: Hood) -> None:
    hood.control.set_faults([{"route": "get", "fault": "500", "count": 2}])
    statuses = [hood.get(f"{CAMPAIGNS}/1000248").status_code for _ in range(4)]
    assert statuses == [500, 500, 200, 200]
    assert hood.control.fault_counts() == [2]


def test_same_seed_same_faults(hood: Hood) -> None:
    def run() -> list[int]:
        hood.control.set_faults([{"route": "get", "fault": "500", "rate": 0.5}], seed=7)
        return [hood.get(f"{CAMPAIGNS}/1000248").status_code for _ in range(12)]

    first = run()
    assert first == run()
    assert {500, 200} == set(first)


def test_rule_route_restricts_the_fault(hood: Hood) -> None:
    hood.control.set_faults([{"route": "pause", "fault": "500"}])
    assert hood.get(CAMPAIGNS).status_code == 200
    assert hood.post(f"{CAMPAIGNS}/1000249/pause").status_code == 500


def test_read_only_faults_skip_writes_under_the_wildcard(hood: Hood) -> None:
    hood.control.set_faults([{"route": "*", "fault": "truncated_json"}])
    assert hood.resume("1000248", {"run_immediately": 1}).status_code == 204
    assert hood.control.fault_counts() == [0]


def test_first_firing_rule_wins_and_latency_adds_up(hood: Hood) -> None:
    hood.control.set_faults(
        [
            {"route": "*", "fault": "latency", "ms": 100},
            {"route": "get", "fault": "html_502"},
            {"route": "get", "fault": "500"},
        ]
    )
    started = time.monotonic()
    assert hood.get(f"{CAMPAIGNS}/1000248").status_code == 502
    assert time.monotonic() - started >= 0.1
    assert hood.control.fault_counts() == [1, 1, 0]


def test_empty_rules_clear_the_faults(hood: Hood) -> None:
    hood.control.set_faults([{"route": "*", "fault": "500"}])
    hood.control.set_faults([])
    assert hood.get(CAMPAIGNS).status_code == 200
    assert hood.control.fault_counts() == []


@pytest.mark.parametrize(
    "rule",
    [
        {"route": "delete", "fault": "500"},
        {"route": "get", "fault": "teapot"},
        {"route": "resume", "fault": "truncated_json"},
        {"route": "get", "fault": "500", "rate": 1.5},
        {"route": "get", "fault": "500", "count": -1},
        {"route": "get", "fault": "latency", "ms": "slow"},
        {"route": "get", "fault": "429", "retry_after": 0},
        {"route": "get", "fault": "500", "colour": "red"},
    ],
)
def test_malformed_rules_are_refused(hood: Hood, rule: dict[str, object]) -> None:
    with pytest.raises(EmulatorControlError):
        hood.control.set_faults([rule])
