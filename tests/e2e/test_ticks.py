"""Unattended ticks on the real engine, through both adapters, with times already past.

A tick after a manual pause inside a flight sends nothing and says so, while a reviewed
preview shows the resume it would make; a campaign that finished (`sent`) is in sync after its
flight; a flight that ends for 40 campaigns pauses all 40 on one tick past a guard of 25, which
a reviewed run refuses. The ticks run as schedule.yml runs them (tests/support/ticks.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.adapters import Adapter, adapter_for
from tests.support.engine_stacks import TOKEN
from tests.support.ledger import applied_actions
from tests.support.request_counts import requests_seen
from tests.support.ticks import due, entry, tick

M, S = "1000402", "1000403"
FORTY = [str(1_000_500 + index) for index in range(40)]
LONG_AGO = "2026-01-01 09:00:00"
ENDED = "2026-12-01 09:00:00"
FAR = "2031-01-01 09:00:00"

SEED: list[dict[str, Any]] = [
    {"id": M, "name": "Manual pause", "status": "running"},
    {"id": S, "name": "One-shot", "status": "running"},
] + [{"id": cid, "name": f"Weekend {cid}", "status": "running"} for cid in FORTY]


@pytest.fixture(scope="module")
def emulator(adapter_emulator: Emulator) -> Emulator:
    adapter_emulator.control.seed(SEED)
    return adapter_emulator


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, adapter_kind: str, emulator: Emulator
) -> Adapter:
    return adapter_for(
        adapter_kind,
        tmp_path_factory.mktemp(f"ticks-{adapter_kind}"),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:maxTransitionsPerRun": 25, "ocamba:settleSeconds": 5},
    )


def test_1_a_tick_after_a_manual_pause_inside_a_flight_sends_nothing_and_says_so(
    stack: Adapter, emulator: Emulator
) -> None:
    stack.declare([entry(M, LONG_AGO, FAR)])
    stack.up()  # M runs inside its flight: in sync, nothing sent
    emulator.control.set_status(M, "paused")  # paused by hand in Hood
    before = len(emulator.control.ledger())

    answer = due(stack)
    done = tick(stack)
    reviewed = stack.preview()

    assert answer.returncode == 3 and "held (an unattended run never resumes" in answer.stdout
    assert done.returncode == 0, done.stdout + done.stderr
    assert "an unattended run never resumes (the next reviewed run decides)" in done.stdout
    assert len(emulator.control.ledger()) == before
    assert f"campaign {M} (Manual pause): will resume now" in reviewed.stdout


def test_2_a_campaign_that_finished_is_in_sync_after_its_flight(
    stack: Adapter, emulator: Emulator
) -> None:
    # Hood finishes a one-shot run on its own: the emulator's runs end at once from here.
    emulator.control.settings(run_seconds=0)
    stack.declare([entry(M, LONG_AGO, FAR), entry(S, None, ENDED)])
    before = len(emulator.control.ledger())

    answer = due(stack)
    done = tick(stack)
    emulator.control.settings(run_seconds=None)

    assert emulator.control.campaign(S)["status"] == "sent"
    assert answer.returncode == 3, answer.stdout + answer.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(emulator.control.ledger()) == before


def test_3_forty_flights_ending_pause_on_one_tick_past_a_guard_of_25(
    stack: Adapter, emulator: Emulator
) -> None:
    for cid in FORTY:  # running again (the one-shot step let every running campaign finish)
        emulator.control.set_status(cid, "running")
    stack.declare([entry(cid, LONG_AGO, FAR) for cid in FORTY])
    stack.up()  # adopted inside their flight: running, in sync
    stack.declare([entry(cid, LONG_AGO, ENDED) for cid in FORTY])
    before = len(emulator.control.ledger())

    reviewed = stack.cli("preview", "--non-interactive", check=False)
    emulator.control.reset_stats()
    answer = due(stack)
    due_requests = sum(requests_seen(emulator).values())
    emulator.control.reset_stats()
    done = tick(stack)
    tick_requests = requests_seen(emulator)

    assert reviewed.returncode != 0 and "maxTransitionsPerRun" in reviewed.stdout + reviewed.stderr
    assert answer.returncode == 0 and answer.stdout.count("pause: flight ended") == 40
    assert done.returncode == 0, done.stdout + done.stderr
    paused = applied_actions(emulator)[before:]
    assert sorted(paused) == sorted((cid, "pause") for cid in FORTY)
    # For the closing note: what a tick that pauses 40 costs, and its `due` before it.
    print(f"\n[{stack.kind}] due: {due_requests} request(s); tick: {dict(tick_requests)}")
