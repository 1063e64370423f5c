"""One-shot runs finish: with `run_seconds` set, a running campaign becomes `sent` that long
after its latest start by the emulator's clock (a system event, never in the ledger)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ocamba_provider.emulator import Emulator
from tests.support.clocked_emulator import T0, api, clocked_emulator, read, resume_at


@pytest.fixture
def hood() -> Iterator[Emulator]:
    yield from clocked_emulator()


def test_runs_never_finish_by_default(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "running"}])
    hood.control.set_clock(advance_s=365 * 86400)
    assert read(hood, "1")["status"] == "running"
    assert hood.control.events() == []


def test_a_run_becomes_sent_after_run_seconds() -> None:
    with Emulator(rate_limit=None, run_seconds=60) as emulator:
        emulator.control.set_clock(now=T0)
        emulator.control.seed([{"id": "1", "status": "paused"}])
        api(emulator, "POST", "/1/resume", {"run_immediately": 1})
        emulator.control.set_clock(advance_s=59)
        still = read(emulator, "1")["status"]
        emulator.control.set_clock(advance_s=1)
        sent = read(emulator, "1")
        events = emulator.control.events()
        ledger = emulator.control.ledger()
    assert (still, sent["status"], sent["update_time"]) == (
        "running",
        "sent",
        "2027-03-01 12:01:00",
    )
    assert events == [{"campaign_id": "1", "event": "finished", "at": "2027-03-01 12:01:00"}]
    assert [entry["action"] for entry in ledger] == ["resume"]


def test_a_start_and_its_finish_both_happen_when_time_jumps_past_them(hood: Emulator) -> None:
    hood.control.settings(run_seconds=30)
    hood.control.seed([{"id": "1", "status": "paused"}])
    resume_at(hood, "1", "2027-03-01 12:10:00")
    hood.control.set_clock(advance_s=3600)
    assert read(hood, "1")["status"] == "sent"
    assert [(e["event"], e["at"]) for e in hood.control.events()] == [
        ("started", "2027-03-01 12:10:00"),
        ("finished", "2027-03-01 12:10:30"),
    ]


def test_a_pause_stops_the_run_and_a_resume_counts_from_zero(hood: Emulator) -> None:
    hood.control.settings(run_seconds=60)
    hood.control.seed([{"id": "1", "status": "paused"}])
    api(hood, "POST", "/1/resume", {"run_immediately": 1})
    hood.control.set_clock(advance_s=45)
    api(hood, "POST", "/1/pause", {})
    api(hood, "POST", "/1/resume", {"run_immediately": 1})
    hood.control.set_clock(advance_s=45)
    assert read(hood, "1")["status"] == "running"
    hood.control.set_clock(advance_s=15)
    assert read(hood, "1")["status"] == "sent"


def test_seeded_running_campaigns_count_their_run_from_the_seed(hood: Emulator) -> None:
    hood.control.seed([{"id": "1", "status": "running"}])
    hood.control.set_clock(advance_s=100)
    hood.control.settings(run_seconds=100)
    assert read(hood, "1")["status"] == "sent"
    assert hood.control.events()[0]["at"] == "2027-03-01 12:01:40"


@pytest.mark.parametrize("value", [-1, "60", True, float("inf")])
def test_run_seconds_must_be_a_number_of_seconds(hood: Emulator, value: Any) -> None:
    body = '{"run_seconds": 1e999}' if value == float("inf") else None
    answer = requests.put(
        hood.url + "/_emulator/settings",
        json=None if body else {"run_seconds": value},
        data=body,
        timeout=10,
    )
    assert answer.status_code == 400
    with pytest.raises(ValueError):
        Emulator(run_seconds=value)


def test_run_seconds_is_off_again_with_null(hood: Emulator) -> None:
    hood.control.settings(run_seconds=5)
    assert hood.control.settings(run_seconds=None)["run_seconds"] is None
