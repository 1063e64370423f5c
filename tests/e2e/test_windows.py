"""Recurring windows on the real engine, through both adapters (issue 25).

A window of a few minutes that closed a moment ago, while Hood still runs the campaign: one
unattended tick pauses it and hands the next window's start to Hood (a reschedule: one pause,
one resume carrying the time); the window that would open inside a freeze is skipped, so the
start handed over is the one after it. A second tick sends nothing. The windows are real and
the clock is the machine's; they are placed around `now` so that nothing waits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ocamba_provider.domain.times import format_api_time
from ocamba_provider.domain.wording.words import gmt
from ocamba_provider.emulator import Emulator
from tests.support.adapters import Adapter, adapter_for
from tests.support.engine_stacks import TOKEN
from tests.support.ledger import applied_actions
from tests.support.ticks import due, tick

W = "1000701"


@dataclass(frozen=True)
class Placed:
    """The windows placed around the moment an adapter's steps begin (not the module's import:
    a parallel run may import it many minutes before it runs)."""

    first: datetime
    """The flight's start: the first window opened then and closed five minutes later."""

    @property
    def skipped(self) -> datetime:
        return self.first + timedelta(minutes=20)

    @property
    def next(self) -> datetime:
        return self.first + timedelta(minutes=40)

    def freezes(self) -> list[dict[str, str]]:
        return [
            {
                "name": "release-freeze",
                "from": format_api_time(self.skipped - timedelta(minutes=5)),
                "until": format_api_time(self.skipped + timedelta(minutes=5)),
            }
        ]

    def entry(self) -> dict[str, Any]:
        return {
            "id": W,
            "name": "every-twenty",
            "state": "active",
            "active_from": format_api_time(self.first),
            "active_until": format_api_time(self.first + timedelta(hours=2)),
            "windows": [{"rrule": "FREQ=MINUTELY;INTERVAL=20", "duration": "PT5M"}],
        }


@pytest.fixture(scope="module")
def placed(adapter_kind: str) -> Placed:
    return Placed(datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10))


@pytest.fixture(scope="module")
def emulator(adapter_emulator: Emulator) -> Emulator:
    adapter_emulator.control.seed([{"id": W, "name": "Every twenty", "status": "running"}])
    return adapter_emulator


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
    adapter_kind: str,
    emulator: Emulator,
    placed: Placed,
) -> Adapter:
    found = adapter_for(
        adapter_kind,
        tmp_path_factory.mktemp(f"windows-{adapter_kind}"),
        emulator.url,
        TOKEN,
        extra_config={"ocamba:freezes": json.dumps(placed.freezes()), "ocamba:settleSeconds": 5},
    )
    found.declare([placed.entry()])
    return found


def test_1_due_says_the_window_closed(stack: Adapter, placed: Placed) -> None:
    answer = due(stack)

    assert answer.returncode == 0, answer.stdout + answer.stderr
    closed = format_api_time(placed.first + timedelta(minutes=5))
    assert f"pause (window closed at {closed} GMT), then resume at" in answer.stdout


def test_2_the_reviewed_preview_says_which_window_the_freeze_skips(
    stack: Adapter, placed: Placed
) -> None:
    done = stack.cli("preview", "--non-interactive", check=False)

    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    at = gmt(format_api_time(placed.skipped))  # seconds shown when not zero
    assert f"skips the window at {at} (freeze release-freeze)" in said


def test_3_one_tick_pauses_it_and_hands_hood_the_window_after_the_freeze(
    stack: Adapter, emulator: Emulator, placed: Placed
) -> None:
    done = tick(stack)

    assert done.returncode == 0, done.stdout + done.stderr
    assert applied_actions(emulator) == [(W, "pause"), (W, "resume")]
    resume = emulator.control.ledger()[-1]
    assert resume["body"] == {"scheduled_time": format_api_time(placed.next)}
    assert emulator.control.campaign(W)["status"] == "scheduled"
    outputs = stack.resources()[W]
    assert outputs[stack.key("next_transition")] == {
        "at": format_api_time(placed.next),
        "action": "resume",
    }


def test_4_a_second_tick_sends_nothing(stack: Adapter, emulator: Emulator) -> None:
    done = tick(stack)

    assert done.returncode == 0, done.stdout + done.stderr
    assert due(stack).returncode == 3
    assert len(applied_actions(emulator)) == 2
