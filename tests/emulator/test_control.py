"""The `/_emulator/` control surface: reset, seeding, out-of-band status, ledger, stats,
settings and the optional status lag."""

from __future__ import annotations

import time

import pytest
import requests

from ocamba_provider.emulator import Emulator, EmulatorControlError
from tests.support.emulator_http import CAMPAIGNS, Hood, assert_list, ids


def test_seed_fills_sensible_defaults(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed([{"id": "7", "status": "running"}, {"id": "8"}])
    hood = Hood(fast_emulator)
    first, second = hood.campaign("7"), hood.campaign("8")
    assert (first["name"], first["status"], first["labels"]) == ("Campaign 7", "running", [])
    assert second["status"] == "paused"
    assert first["create_time"] < second["create_time"]
    assert first["update_time"] == first["create_time"]
    assert ids(assert_list(hood.get(CAMPAIGNS))) == ["8", "7"]


def test_seed_keeps_extra_fields(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed([{"id": "7", "labels": "a,b", "deal_id": "d-1"}])
    campaign = Hood(fast_emulator).campaign("7")
    assert (campaign["labels"], campaign["deal_id"]) == ("a,b", "d-1")


def test_seed_replaces_all_campaigns(hood: Hood) -> None:
    hood.control.seed([{"id": "1"}])
    assert ids(assert_list(hood.get(CAMPAIGNS))) == ["1"]


@pytest.mark.parametrize(
    "campaigns",
    [
        [{"id": 5}],
        [{"id": "x"}],
        [{"id": "1"}, {"id": "1"}],
        [{"id": "1", "status": "archived"}],
        ["1"],
    ],
)
def test_malformed_seed_is_refused_and_changes_nothing(
    hood: Hood, campaigns: list[dict[str, object]]
) -> None:
    with pytest.raises(EmulatorControlError):
        hood.control.seed(campaigns)
    assert hood.status("1000248") == "paused"


def test_generate_20000_campaigns(fast_emulator: Emulator) -> None:
    assert fast_emulator.control.generate(20000, "paused", first_id=1000000) == 20000
    hood = Hood(fast_emulator)
    body = assert_list(hood.get(CAMPAIGNS, params={"page": "1,2"}))
    assert (body["total"], ids(body)) == (20000, ["1019999", "1019998"])
    assert hood.status("1000000") == "paused"


def test_generate_and_campaigns_combine(fast_emulator: Emulator) -> None:
    body = {
        "generate": {"count": 3, "status": "running", "first_id": 10},
        "campaigns": [{"id": "99"}],
    }
    response = requests.put(fast_emulator.url + "/_emulator/campaigns", json=body, timeout=5)
    assert response.json() == {"count": 4}
    listed = assert_list(Hood(fast_emulator).get(CAMPAIGNS))
    assert ids(listed) == ["99", "12", "11", "10"]


def test_set_status_is_out_of_band(hood: Hood) -> None:
    hood.control.set_status("1000248", "sent")
    assert hood.status("1000248") == "sent"
    assert hood.control.ledger() == []


def test_set_status_refuses_unknown_campaigns_and_statuses(hood: Hood) -> None:
    with pytest.raises(EmulatorControlError, match="does not exist"):
        hood.control.set_status("999", "paused")
    with pytest.raises(EmulatorControlError, match="status must be one of"):
        hood.control.set_status("1000248", "archived")


def test_ledger_keeps_only_applied_changes_in_order(hood: Hood) -> None:
    hood.resume("1000248", {"run_immediately": 1})
    hood.resume("1000248", {"run_immediately": 1})  # refused: already running
    hood.post(f"{CAMPAIGNS}/1000249/pause", json={"reason": "r"})
    hood.post(f"{CAMPAIGNS}/1000250/cancel")
    ledger = hood.control.ledger()
    assert [(e["campaign_id"], e["action"], e["body"]) for e in ledger] == [
        ("1000248", "resume", {"run_immediately": 1}),
        ("1000249", "pause", {"reason": "r"}),
        ("1000250", "cancel", {}),
    ]
    assert [e["at"] for e in ledger] == sorted(e["at"] for e in ledger)


def test_stats_count_routes_by_template_and_responses_by_status(hood: Hood) -> None:
    hood.control.reset_stats()
    hood.get(CAMPAIGNS)
    hood.get(f"{CAMPAIGNS}/1000248")
    hood.get(f"{CAMPAIGNS}/1000249")
    hood.resume("1000248", {"run_immediately": 1})
    hood.resume("1000248", {"run_immediately": 1})
    hood.post(f"{CAMPAIGNS}/1000249/pause")
    hood.get(CAMPAIGNS, token=None)
    hood.control.ledger()  # control routes are not counted
    stats = hood.control.stats()
    assert stats["requests"] == {
        "GET /v1/hood/campaigns": 2,
        "GET /v1/hood/campaigns/{id}": 2,
        "POST /v1/hood/campaigns/{id}/resume": 2,
        "POST /v1/hood/campaigns/{id}/pause": 1,
    }
    assert stats["responses"] == {"200": 3, "204": 2, "400": 1, "401": 1}
    assert stats["max_per_second"] >= 1
    assert stats["max_per_minute"] == 7


def test_stats_peaks_use_sliding_windows(hood: Hood) -> None:
    hood.control.reset_stats()
    for _ in range(3):
        hood.get(CAMPAIGNS)
    time.sleep(1.05)
    for _ in range(2):
        hood.get(CAMPAIGNS)
    stats = hood.control.stats()
    assert (stats["max_per_second"], stats["max_per_minute"]) == (3, 5)


def test_stats_reset_starts_from_zero(hood: Hood) -> None:
    hood.get(CAMPAIGNS)
    hood.control.reset_stats()
    assert hood.control.stats() == {
        "requests": {},
        "responses": {},
        "max_per_second": 0,
        "max_per_minute": 0,
    }


def test_reset_forgets_everything(emulator: Emulator) -> None:
    control, hood = emulator.control, Hood(emulator)
    control.seed([{"id": "1"}])
    hood.resume("1", {"run_immediately": 1})
    control.set_faults([{"route": "*", "fault": "500"}])
    control.settings(not_found_status=404, rate_limit=None)
    control.reset()
    assert (control.ledger(), control.fault_counts()) == ([], [])
    assert control.stats()["requests"] == {}
    settings = control.settings()
    assert settings["not_found_status"] == 400
    assert settings["rate_limit"] == {
        "burst": 10,
        "steady": 150,
        "burst_window_s": 1.0,
        "steady_window_s": 60.0,
    }
    assert assert_list(hood.get(CAMPAIGNS)) == {"total": 0, "items": []}


def test_settings_change_only_the_given_keys(hood: Hood) -> None:
    settings = hood.control.settings(status_lag_ms=100, concurrency_cap=3)
    assert settings == {
        "rate_limit": None,
        "not_found_status": 400,
        "status_lag_ms": 100,
        "concurrency_cap": 3,
        "page_size_cap": None,
        "error_wording": "emulator",
        "error_trace_id": True,
        "default_view_has_status": True,
        "id_type": "string",
        "time_format": "api",
        "write_check_lags": False,
        "run_seconds": None,
        "past_schedule": "run",
        "schedule_field": "scheduled_time",
        "answer_time_zone": None,
        "labels_as_string": False,
        "label_filter": "ignore",
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"not_found_status": 410},
        {"status_lag_ms": -1},
        {"concurrency_cap": 0},
        {"rate_limit": {"burst": 0}},
        {"rate_limit": {"burst_window_s": "1s"}},
        {"rate_limit": 5},
        {"colour": "red"},
    ],
)
def test_malformed_settings_are_refused(hood: Hood, changes: dict[str, object]) -> None:
    with pytest.raises(EmulatorControlError):
        hood.control.settings(**changes)


def test_status_lag_shows_the_old_status_for_a_while(hood: Hood) -> None:
    hood.control.settings(status_lag_ms=300)
    assert hood.resume("1000248", {"run_immediately": 1}).status_code == 204
    assert hood.status("1000248") == "paused"
    assert ids(assert_list(hood.get(CAMPAIGNS, params={"status": "paused"}))) == [
        "1000251",
        "1000248",
    ]
    # The real status still governs writes: a second resume is refused.
    assert hood.resume("1000248", {"run_immediately": 1}).status_code == 400
    time.sleep(0.35)
    assert hood.status("1000248") == "running"


def test_status_lag_is_off_by_default(hood: Hood) -> None:
    hood.resume("1000248", {"run_immediately": 1})
    assert hood.status("1000248") == "running"


def test_malformed_control_json_is_400(hood: Hood) -> None:
    for path in ("/_emulator/campaigns", "/_emulator/faults", "/_emulator/settings"):
        response = requests.put(hood.url + path, data=b"{nope", timeout=5)
        assert response.status_code == 400
        assert response.json()["code"] == 400
