"""A flight on the real engine, through both adapters, in real seconds: the calendar decides.

A flight of a few seconds in Asia/Kathmandu (GMT+05:45, not a whole hour): the reviewed up
hands its start to Hood (one resume carrying the start, GMT), Hood starts it then with no run,
a tick inside the flight has nothing due, the first tick after the end pauses it once naming
the end, and a late run after the flight sends nothing. The ticks run as schedule.yml runs
them (tests/support/ticks.py). The cases that need no waiting are in test_ticks.py.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ocamba_provider.domain.times import format_api_time
from ocamba_provider.emulator import Emulator
from tests.support.adapters import Adapter, adapter_for
from tests.support.engine_stacks import TOKEN
from tests.support.ticks import due, entry, local, said, tick

F = "1000401"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LEAD_S, LENGTH_S = 90, 12
"""The flight starts this long after the reviewed up begins: a start handed to Hood must be a
minute ahead when it is sent (nearer, the run waits and resumes now: hood-api.md), plus time
for the up on a loaded machine (the test says so if it was not enough). It lasts LENGTH_S."""


@pytest.fixture(scope="module")
def emulator(adapter_emulator: Emulator) -> Emulator:
    adapter_emulator.control.seed([{"id": F, "name": "Flash sale", "status": "paused"}])
    return adapter_emulator


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, adapter_kind: str, emulator: Emulator
) -> Adapter:
    return adapter_for(
        adapter_kind,
        tmp_path_factory.mktemp(f"flights-{adapter_kind}"),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:settleSeconds": 5},
    )


@dataclass
class Flight:
    """F's flight: declared to start LEAD_S after `declare_from_now` is called."""

    start: datetime = EPOCH
    until: datetime = EPOCH

    def declare_from_now(self, stack: Adapter) -> None:
        self.start = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=LEAD_S)
        self.until = self.start + timedelta(seconds=LENGTH_S)
        stack.declare([self.entry()])

    def entry(self) -> dict[str, Any]:
        return entry(F, local(self.start), local(self.until))


@pytest.fixture(scope="module")
def flight(stack: Adapter) -> Flight:
    declared = Flight()
    declared.declare_from_now(stack)
    return declared


def wait_until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()))


def writes(emulator: Emulator, campaign_id: str) -> list[dict[str, Any]]:
    return [e for e in emulator.control.ledger() if e["campaign_id"] == campaign_id]


def test_1_the_reviewed_up_hands_the_start_to_hood_in_gmt(
    stack: Adapter, emulator: Emulator, flight: Flight
) -> None:
    preview = stack.preview()
    assert f"will resume at {local(flight.start)[:16]}" in preview.stdout

    flight.declare_from_now(stack)  # the preview took its time: the up gets the whole lead
    stack.up()

    start = flight.start
    sent = writes(emulator, F)
    assert [(e["action"], e["body"]) for e in sent] == [
        ("resume", {"scheduled_time": format_api_time(start)})
    ]
    assert emulator.control.campaign(F)["status"] == "scheduled"
    ahead = stack.resources()[F][stack.key("next_transition")]
    assert ahead == {"at": format_api_time(start), "action": "resume"}
    assert datetime.now(UTC) < start, "the reviewed up took longer than the lead: raise LEAD_S"


def test_2_hood_starts_it_at_the_start_and_a_tick_inside_has_nothing_due(
    stack: Adapter, emulator: Emulator, flight: Flight
) -> None:
    wait_until(flight.start + timedelta(seconds=1))

    answer = due(stack)

    assert answer.returncode == 3, answer.stdout + answer.stderr
    assert emulator.control.campaign(F)["status"] == "running"
    assert f"next run needed: {said(flight.until)}" in answer.stdout
    assert len(writes(emulator, F)) == 1


def test_3_the_first_tick_after_the_end_pauses_it_once_naming_the_end(
    stack: Adapter, emulator: Emulator, flight: Flight
) -> None:
    until = flight.until
    wait_until(until + timedelta(seconds=1))

    answer = due(stack)
    done = tick(stack)

    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert f"pause: flight ended at {format_api_time(until)} GMT" in answer.stdout
    assert done.returncode == 0, done.stdout + done.stderr
    assert [e["action"] for e in writes(emulator, F)] == ["resume", "pause"]
    assert emulator.control.campaign(F)["status"] == "paused"
    outputs = stack.resources()[F]
    assert outputs[stack.key("last_action")] == "paused"
    assert outputs.get(stack.key("next_transition")) is None  # null: nothing ahead


def test_4_a_late_run_after_the_flight_sends_nothing(stack: Adapter, emulator: Emulator) -> None:
    before = len(emulator.control.ledger())

    late_tick = tick(stack)
    reviewed = stack.preview()

    assert late_tick.returncode == 0, late_tick.stdout + late_tick.stderr
    assert due(stack).returncode == 3
    assert reviewed.change_summary.get("update", 0) == 0, reviewed.stdout
    assert len(emulator.control.ledger()) == before
