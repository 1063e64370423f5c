"""1,000 campaigns through the real engine under every fault at once, then a second `up`.

Rate limits are the documented ones times SCALE (10) on both sides, emulator and
`ocamba:rateLimitScale`, so the run fits in minutes; faults: 10% 500s on reads, 429 storms
(2 s in which 90% of requests get 429, every 12 s), 2% of resumes and pauses applied and then
dropped, and reads that lag 500 ms behind every write. The ledger must show one applied resume
per campaign that needed one and none for the others; the second `up` must change nothing.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ocamba_provider.emulator import Emulator, RateLimit
from ocamba_provider.emulator.behaviour.variants import VARIANTS
from tests.support.ledger import duplicates, ledger_problems
from tests.support.many_resources import declare_many
from tests.support.recording_proxy import RecordingProxy, blind_resends
from tests.support.scaled import (
    SCALE,
    TOKEN,
    ids,
    keep_paused,
    live_statuses,
    resume_now,
    scaled_stack,
)

pytestmark = [pytest.mark.soak, pytest.mark.e2e]

RESUME, PAUSE, IN_SYNC = 800, 100, 100
STEADY_FAULTS: list[dict[str, Any]] = [
    {"route": "list", "fault": "500", "rate": 0.1},
    {"route": "get", "fault": "500", "rate": 0.1},
    {"route": "resume", "fault": "drop_after_apply", "rate": 0.02},
    {"route": "pause", "fault": "drop_after_apply", "rate": 0.02},
]
STORM = {"route": "*", "fault": "429", "rate": 0.9, "retry_after": 1}


class FaultConductor:
    """Keeps the steady faults on and brings a 429 storm every `every_s` for `storm_s`.

    Replacing the rules resets their fired counts, so the counts are banked at every switch.
    """

    def __init__(self, hood: Emulator, every_s: float = 12.0, storm_s: float = 2.0) -> None:
        self.hood, self.every_s, self.storm_s = hood, every_s, storm_s
        self.fired: Counter[str] = Counter()
        self._rules: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _switch(self, rules: list[dict[str, Any]]) -> None:
        for rule, fired in zip(self._rules, self.hood.control.fault_counts(), strict=True):
            self.fired[f"{rule['fault']} on {rule['route']}"] += fired
        self._rules = rules
        self.hood.control.set_faults(rules, seed=len(self.fired) + int(time.time()))

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self._switch([*STEADY_FAULTS, STORM])
            if self._stop.wait(self.storm_s):
                break
            self._switch(STEADY_FAULTS)

    def __enter__(self) -> FaultConductor:
        self._switch(STEADY_FAULTS)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._switch([])


# While campaign_run_state.py lacks the fix for the SDK's pickle re-wrapping (see
# tests/reliability/test_scale.py), the soak's copy of the program carries it, so the soak
# measures exactly-once at 1,000 campaigns instead of stopping at ~950. A no-op once fixed.
SDK_PICKLE_WORKAROUND = """\
import pickle as _pickle

import pulumi.dynamic as _dynamic

_BATCH_SETITEMS = _pickle._Pickler._batch_setitems
_RESOURCE_INIT = _dynamic.Resource.__init__


def _init_with_one_wrapper(self, *args, **kwargs):
    _pickle._Pickler._batch_setitems = _BATCH_SETITEMS
    _RESOURCE_INIT(self, *args, **kwargs)


_dynamic.Resource.__init__ = _init_with_one_wrapper
"""


def with_workaround_if_needed(program: Path) -> bool:
    """Prepend the workaround to the stack's program copy if the bug is present."""
    if declare_many(RESUME + PAUSE + IN_SYNC).returncode == 0:
        return False
    program.write_text(SDK_PICKLE_WORKAROUND + program.read_text())
    return True


@pytest.fixture
def hood() -> Iterator[Emulator]:
    limits = RateLimit(burst=10 * SCALE, steady=150 * SCALE)
    with Emulator(token=TOKEN, rate_limit=limits) as emulator:
        yield emulator


PROFILES: dict[str, dict[str, Any]] = {
    # Our own guesses about the API, with reads trailing writes by 500 ms.
    "documented": {"status_lag_ms": 500},
    # Every way hood-api.md's INFERs could turn out otherwise, at once; the write check
    # lags like the reads, for 3 s.
    "hostile": VARIANTS["hostile"],
}


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_soak_1000_campaigns_under_faults_exactly_once_and_converged(
    hood: Emulator, tmp_path: Path, soak_report: list[str], profile: str
) -> None:
    to_resume = ids(RESUME)
    to_pause = ids(PAUSE, 2000000 + RESUME)
    in_sync = ids(IN_SYNC, 2000000 + RESUME + PAUSE)
    hood.control.seed(
        [{"id": c, "status": "paused"} for c in to_resume]
        + [{"id": c, "status": "running"} for c in to_pause + in_sync]
    )
    hood.control.settings(**PROFILES[profile])
    lag_s = PROFILES[profile]["status_lag_ms"] / 1000
    started = time.monotonic()
    with RecordingProxy(hood.url) as wire:
        # Settling must outlast the lag, or a lost answer could be resent into it.
        settle = {"ocamba:settleSeconds": str(lag_s * 2 + 1)}
        stack = scaled_stack(tmp_path, wire.url, name="soak", **settle)
        stack.declare(resume_now(to_resume + in_sync) + keep_paused(to_pause))
        patched = with_workaround_if_needed(stack.project / "stacks" / "__main__.py")
        with FaultConductor(hood) as faults:
            first = time.monotonic()
            stack.up()
            first_s = time.monotonic() - first
            after_first = hood.control.ledger()
            second = time.monotonic()
            result = stack.up()
            second_s = time.monotonic() - second
        exchanges = wire.exchanges()
    wall_s = time.monotonic() - started
    responses = hood.control.stats()["responses"]
    resumes = sum(1 for e in hood.control.ledger() if e["action"] == "resume")
    pauses = sum(1 for e in hood.control.ledger() if e["action"] == "pause")

    summary = (
        f"soak[{profile}]: campaigns {RESUME + PAUSE + IN_SYNC} ({RESUME} to resume, "
        f"{PAUSE} to pause, {IN_SYNC} in sync); rate limits x{SCALE}; "
        f"API profile {PROFILES[profile]}; "
        f"SDK pickle workaround {'applied' if patched else 'not needed'}\n"
        f"soak: faults injected by kind: {dict(sorted(faults.fired.items()))}\n"
        f"soak: resumes applied {resumes}, pauses applied {pauses}, "
        f"duplicates {duplicates(hood.control)}, "
        f"blind resends {len(blind_resends(exchanges))}\n"
        f"soak: 429s received {responses.get('429', 0)}, requests {len(exchanges)}, "
        f"responses {dict(sorted(responses.items()))}\n"
        f"soak: wall time {wall_s:.0f} s (first up {first_s:.0f} s, second up {second_s:.0f} s)"
    )
    soak_report.extend(summary.splitlines())
    assert duplicates(hood.control) == 0
    assert ledger_problems(hood.control, to_resume, untouched=in_sync, paused=to_pause) == []
    assert blind_resends(exchanges) == []
    assert hood.control.ledger() == after_first  # the second up wrote nothing
    assert result.summary.resource_changes == {"same": RESUME + PAUSE + IN_SYNC + 1}
    time.sleep(lag_s + 0.2)  # past the status lag
    statuses = live_statuses(hood)
    assert {statuses[c] for c in to_resume + in_sync} == {"running"}
    assert {statuses[c] for c in to_pause} == {"paused"}
    assert faults.fired["429 on *"] > 0 and faults.fired["drop_after_apply on resume"] > 0
