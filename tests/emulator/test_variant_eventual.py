"""The `eventual` variant: reads and the server's own write check trail writes.

Each applied write becomes visible `status_lag_ms` after it was applied, in order; with
`write_check_lags` the check for resume/pause/cancel reads that lagged view, so a resend during
the lag is applied again and recorded again: exactly the double send a client must never make.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from ocamba_provider.emulator import Emulator
from tests.support.emulator_http import CAMPAIGNS, SEED, Hood

LAG_S = 0.4


@pytest.fixture
def lagging() -> Iterator[Hood]:
    settings = {"status_lag_ms": int(LAG_S * 1000), "write_check_lags": True}
    with Emulator(rate_limit=None, settings=settings) as emulator:
        emulator.control.seed(SEED)
        yield Hood(emulator)


def _resumes(hood: Hood, campaign_id: str) -> int:
    return sum(
        1
        for entry in hood.control.ledger()
        if (entry["campaign_id"], entry["action"]) == (campaign_id, "resume")
    )


def test_resume_resent_during_the_lag_is_applied_twice(lagging: Hood) -> None:
    assert lagging.resume("1000248", {"run_immediately": 1}).status_code == 204
    assert lagging.resume("1000248", {"run_immediately": 1}).status_code == 204
    assert _resumes(lagging, "1000248") == 2
    time.sleep(LAG_S + 0.1)
    campaign = lagging.campaign("1000248")
    assert (campaign["status"], campaign["run_counter"]) == ("running", 2)


def test_resume_resent_after_the_lag_is_refused(lagging: Hood) -> None:
    lagging.resume("1000248", {"run_immediately": 1})
    time.sleep(LAG_S + 0.1)
    assert lagging.resume("1000248", {"run_immediately": 1}).status_code == 400
    assert _resumes(lagging, "1000248") == 1


def test_pause_during_the_lag_is_checked_against_the_old_status(lagging: Hood) -> None:
    # The check still sees `paused`: the pause of a campaign that really is running is refused.
    lagging.resume("1000248", {"run_immediately": 1})
    assert lagging.post(f"{CAMPAIGNS}/1000248/pause").status_code == 400


def test_a_second_write_does_not_extend_the_first_ones_lag() -> None:
    lag_s = 1.0  # generous: the checks below must land inside windows on a busy machine
    settings = {"status_lag_ms": int(lag_s * 1000), "write_check_lags": True}
    with Emulator(rate_limit=None, settings=settings) as emulator:
        emulator.control.seed(SEED)
        hood = Hood(emulator)
        started = time.monotonic()
        hood.resume("1000248", {"run_immediately": 1})
        _sleep_until(started + lag_s / 2)
        hood.resume("1000248", {"run_immediately": 1})  # due at about 1.5 lag
        before = hood.campaign("1000248")
        _sleep_until(started + lag_s * 1.2)
        first = hood.campaign("1000248")  # the first is due, the second is not
        _sleep_until(started + lag_s * 1.7)
        second = hood.campaign("1000248")
    assert (before["status"], before["run_counter"]) == ("paused", 0)
    assert (first["status"], first["run_counter"]) == ("running", 1)
    assert (second["status"], second["run_counter"]) == ("running", 2)


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def test_writes_become_visible_in_order(lagging: Hood) -> None:
    lagging.resume("1000248", {"run_immediately": 1})
    time.sleep(LAG_S + 0.1)  # now visibly running
    assert lagging.post(f"{CAMPAIGNS}/1000248/pause").status_code == 204
    assert lagging.status("1000248") == "running"
    time.sleep(LAG_S + 0.1)
    assert lagging.status("1000248") == "paused"


def test_without_write_check_lags_the_true_status_governs_writes(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed(SEED)
    fast_emulator.control.settings(status_lag_ms=int(LAG_S * 1000))
    hood = Hood(fast_emulator)
    assert hood.resume("1000248", {"run_immediately": 1}).status_code == 204
    assert hood.resume("1000248", {"run_immediately": 1}).status_code == 400
    assert _resumes(hood, "1000248") == 1


def test_write_check_lags_without_a_lag_changes_nothing(fast_emulator: Emulator) -> None:
    fast_emulator.control.seed(SEED)
    fast_emulator.control.settings(write_check_lags=True)
    hood = Hood(fast_emulator)
    hood.resume("1000248", {"run_immediately": 1})
    assert hood.resume("1000248", {"run_immediately": 1}).status_code == 400
    assert hood.status("1000248") == "running"


def test_eventual_variant_applies_an_immediate_resend() -> None:
    with Emulator(rate_limit=None, variant="eventual") as emulator:
        emulator.control.seed(SEED)
        hood = Hood(emulator)
        hood.resume("1000248", {"run_immediately": 1})
        hood.resume("1000248", {"run_immediately": 1})
        assert hood.status("1000248") == "paused"  # 3 s before anyone sees it
        assert _resumes(hood, "1000248") == 2
