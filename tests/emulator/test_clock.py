"""The emulator's clock, and scheduled campaigns starting as it moves (a system event, never in
the ledger); runs finishing are in test_runs_finish.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from ocamba_provider.emulator import Emulator
from tests.support.clocked_emulator import T0, api, clocked_emulator, read, resume_at


@pytest.fixture
def hood() -> Iterator[Emulator]:
    yield from clocked_emulator()


def test_the_clock_runs_on_real_time_by_default() -> None:
    with Emulator(rate_limit=None) as emulator:
        clock = emulator.control.clock()
    shown = datetime.strptime(clock["now"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - shown).total_seconds()) < 5
    assert clock["frozen"] is False
    assert abs(clock["offset_s"]) < 1


def test_a_frozen_clock_stands_still_until_advanced(hood: Emulator) -> None:
    first = hood.control.clock()
    time.sleep(0.05)
    assert hood.control.clock()["now"] == first["now"] == T0
    assert first["frozen"] is True
    assert hood.control.set_clock(advance_s=90)["now"] == "2027-03-01 12:01:30"


def test_an_offset_runs_ahead_of_real_time() -> None:
    with Emulator(rate_limit=None) as emulator:
        clock = emulator.control.set_clock(offset_s=86400)
        moved = emulator.control.set_clock(advance_s=3600)
    assert clock["frozen"] is False
    assert 86399 < clock["offset_s"] < 86401
    assert 89999 < moved["offset_s"] < 90001


def test_real_puts_the_clock_back_on_real_time(hood: Emulator) -> None:
    clock = hood.control.set_clock(real=True)
    assert clock["frozen"] is False
    assert abs(clock["offset_s"]) < 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"now": T0, "advance_s": 1},
        {"now": "2027-03-01T12:00:00Z"},
        {"advance_s": "60"},
        {"offset_s": True},
        {"real": False},
        {"tick": 1},
    ],
)
def test_a_clock_change_takes_exactly_one_well_formed_key(hood: Emulator, body: Any) -> None:
    answer = requests.put(hood.url + "/_emulator/clock", json=body, timeout=10)
    assert answer.status_code == 400
    assert hood.control.clock()["now"] == T0


def test_the_control_client_wants_exactly_one_clock_change(hood: Emulator) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        hood.control.set_clock(now=T0, advance_s=1)
    with pytest.raises(ValueError, match="exactly one"):
        hood.control.set_clock()


def test_writes_are_stamped_with_the_emulator_clock(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused"}])
    api(hood, "POST", "/1/resume", {"run_immediately": 1})
    assert read(hood, "1")["update_time"] == T0


def test_reset_puts_the_clock_on_real_time_and_forgets_events(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused"}])
    resume_at(hood, "1", "2027-03-01 12:00:30")
    hood.control.set_clock(advance_s=60)
    assert len(hood.control.events()) == 1
    hood.control.reset()
    assert hood.control.events() == []
    assert hood.control.clock()["frozen"] is False


def test_a_scheduled_campaign_starts_when_the_clock_reaches_its_time(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused", "run_counter": 2}])
    assert resume_at(hood, "1", "2027-03-01 13:00:00").status_code == 204
    hood.control.set_clock(advance_s=3599)
    assert read(hood, "1")["status"] == "scheduled"
    hood.control.set_clock(advance_s=1)
    started = read(hood, "1")
    assert (started["status"], started["run_counter"], started["next_run_time"]) == (
        "running",
        3,
        None,
    )
    assert started["update_time"] == started["scheduled_time"] == "2027-03-01 13:00:00"
    assert hood.control.events() == [
        {"campaign_id": "1", "event": "started", "at": "2027-03-01 13:00:00"}
    ]
    assert [entry["action"] for entry in hood.control.ledger()] == ["resume"]


def test_starts_nobody_watched_happen_at_their_own_times_in_order(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused"}, {"id": "2", "status": "paused"}])
    resume_at(hood, "2", "2027-03-01 15:00:00")
    resume_at(hood, "1", "2027-03-01 14:00:00")
    hood.control.set_clock(advance_s=86400)
    assert hood.control.events() == [
        {"campaign_id": "1", "event": "started", "at": "2027-03-01 14:00:00"},
        {"campaign_id": "2", "event": "started", "at": "2027-03-01 15:00:00"},
    ]


def test_a_schedule_paused_before_its_time_never_starts(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused"}])
    resume_at(hood, "1", "2027-03-01 13:00:00")
    api(hood, "POST", "/1/pause", {})
    hood.control.set_clock(advance_s=7200)
    assert read(hood, "1")["status"] == "paused"
    assert hood.control.events() == []


def test_a_reschedule_starts_at_the_new_time_only(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused"}])
    resume_at(hood, "1", "2027-03-01 13:00:00")
    api(hood, "POST", "/1/pause", {})
    resume_at(hood, "1", "2027-03-01 14:00:00")
    hood.control.set_clock(advance_s=3600)
    assert read(hood, "1")["status"] == "scheduled"
    hood.control.set_clock(advance_s=3600)
    assert hood.control.events() == [
        {"campaign_id": "1", "event": "started", "at": "2027-03-01 14:00:00"}
    ]


def test_a_seeded_schedule_ahead_of_the_clock_starts(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "scheduled", "next_run_time": "2027-03-01 12:10:00"}])
    hood.control.set_clock(advance_s=600)
    assert read(hood, "1")["status"] == "running"


def test_a_seeded_schedule_already_past_stays_as_seeded(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "scheduled", "scheduled_time": "2026-12-01 09:00:00"}])
    hood.control.set_clock(advance_s=600)
    campaign = read(hood, "1")
    assert (campaign["status"], campaign["update_time"]) == ("scheduled", "2025-01-01 00:00:00")


def test_a_scheduled_campaign_without_a_time_never_starts(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "scheduled"}])
    hood.control.set_clock(advance_s=10 * 365 * 86400)
    assert read(hood, "1")["status"] == "scheduled"


def test_a_resume_at_a_time_already_reached_starts_at_once_by_default(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused"}])
    assert resume_at(hood, "1", "2027-03-01 11:00:00").status_code == 204
    assert read(hood, "1")["status"] == "running"
    assert hood.control.events() == [{"campaign_id": "1", "event": "started", "at": T0}]
    assert hood.control.ledger()[0]["body"] == {"scheduled_time": "2027-03-01 11:00:00"}


def test_past_schedule_refuse_answers_400_and_changes_nothing(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "paused"}])
    hood.control.settings(past_schedule="refuse")
    refused = resume_at(hood, "1", "2027-03-01 11:59:59")
    accepted_now = resume_at(hood, "1", T0)
    assert refused.status_code == 400
    assert "in the past" in refused.json()["message"]
    assert accepted_now.status_code == 204
    assert [entry["body"] for entry in hood.control.ledger()] == [{"scheduled_time": T0}]


def test_a_system_start_is_visible_at_once_even_with_a_status_lag(hood: Emulator) -> None:
    hood.control.settings(status_lag_ms=60_000)
    hood.control.seed([{"id": "1", "status": "scheduled", "scheduled_time": "2027-03-01 12:05:00"}])
    hood.control.set_clock(advance_s=300)
    assert read(hood, "1")["status"] == "running"


def test_a_start_behind_a_lagged_write_shows_once_the_write_does(hood: Emulator) -> None:
    hood.control.settings(status_lag_ms=300)
    hood.control.seed([{"id": "1", "status": "paused"}])
    resume_at(hood, "1", "2027-03-01 11:00:00")  # already reached: starts at once
    during = read(hood, "1")["status"]
    time.sleep(0.35)
    after = read(hood, "1")["status"]
    assert (during, after) == ("paused", "running")
    assert hood.control.campaign("1")["status"] == "running"
