"""A killed `pulumi up` leaves no writer behind: its plugins stop sending and exit.

The engine starts each plugin in a process group of its own, so killing the CLI (or its group)
does not reach the language host or the dynamic provider. If they lived on, a user following
the recovery steps (docs/guarantees.md) would put a second writer on the same campaigns.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psutil
import pytest

from ocamba_provider.emulator import Emulator
from tests.support.recording_proxy import RecordingProxy
from tests.support.scaled import paused_campaigns, resume_now, scaled_stack

pytestmark = pytest.mark.e2e

QUIET_AFTER_KILL_S = 5.0
"""The issue's bound: from this long after the kill on, nothing of the run talks to the API."""


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(process: psutil.Process) -> bool:
    # An orphan that exited stays a zombie until its new parent reaps it: that is gone too.
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _describe(process: psutil.Process) -> str:
    try:
        return f"{process.pid}: {' '.join(process.cmdline())}"
    except psutil.Error:
        return str(process.pid)


def test_killed_up_leaves_no_plugin_process_and_no_request_after_five_seconds(
    engine: Path, hood: Emulator, wire: RecordingProxy, tmp_path: Path
) -> None:
    campaigns = paused_campaigns(hood, 200)
    # At the documented limits the first 150 requests fill the minute: the kill lands while
    # the provider's hooks wait for the next window, which is when a survivor would send.
    hood.control.settings(rate_limit={"burst": 10, "steady": 150})
    stack = scaled_stack(tmp_path, wire.url, **{"ocamba:rateLimitScale": "1"})
    stack.declare(resume_now(campaigns))
    run = stack.up_in_background()
    # Every process the run started, recorded while it was still their ancestor: after the
    # kill they are reparented and no longer found under the CLI.
    plugins: dict[int, psutil.Process] = {}
    # Described while alive: a plugin that exits promptly after the kill (the point of the
    # fix) has no command line left to read.
    described: dict[int, str] = {}

    def discover() -> None:
        for process in _descendants(run.pid):
            plugins[process.pid] = process
            described.setdefault(process.pid, _describe(process))

    try:
        deadline = time.monotonic() + 120
        while len(hood.control.ledger()) < 145 and time.monotonic() < deadline:
            discover()
            time.sleep(0.05)
        discover()
        os.kill(run.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        run.wait(timeout=30)
        resumed_at_kill = len(hood.control.ledger())
        assert 145 <= resumed_at_kill < 200, "the kill did not land midway"
        assert any("pulumi.dynamic" in text for text in described.values()), described

        while time.monotonic() < killed_at + QUIET_AFTER_KILL_S and any(
            _alive(p) for p in plugins.values()
        ):
            time.sleep(0.1)
        left = [_describe(p) for p in plugins.values() if _alive(p)]
        # A request still in flight at the bound is recorded when it ends: give it a moment.
        time.sleep(1.0)
        late = [
            f"{e.method} {e.path} {e.started - killed_at:.1f} s after the kill"
            for e in wire.exchanges()
            if e.started > killed_at + QUIET_AFTER_KILL_S
        ]
    finally:
        for process in plugins.values():
            if _alive(process):
                process.kill()

    assert left == [], (
        f"plugin processes outlived the engine by {QUIET_AFTER_KILL_S} s "
        f"({len(late)} requests reached the API after that)"
    )
    assert late == [], f"{len(late)} requests reached the API after the bound: {late[:5]}"
