"""The documented limits: 10 per 1 s and 150 per 1 min per token, and the concurrency cap.

Windows are scaled through `RateLimit(burst_window_s=..., steady_window_s=...)` where real
windows would make a test wait a minute.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import requests

from ocamba_provider.emulator import Emulator, RateLimit
from tests.support.emulator_http import CAMPAIGNS, Hood, assert_error

RATE_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")


@pytest.fixture
def scaled() -> Iterator[Hood]:
    """Burst 10 per 0.25 s, steady 150 per 3 s."""
    limits = RateLimit(burst=10, steady=150, burst_window_s=0.25, steady_window_s=3.0)
    with Emulator(rate_limit=limits) as emulator:
        emulator.control.generate(3)
        yield Hood(emulator)


def assert_throttled(response: requests.Response) -> int:
    """A 429 in the error shape with an integer Retry-After >= 1 and no X-RateLimit headers."""
    assert_error(response, 429)
    assert not set(RATE_HEADERS) & set(response.headers)
    retry_after = int(response.headers["Retry-After"])
    assert retry_after >= 1
    return retry_after


def test_normal_answers_carry_the_rate_limit_headers(emulator: Emulator) -> None:
    response = Hood(emulator).get(CAMPAIGNS)
    assert response.status_code == 200
    assert response.headers["X-RateLimit-Limit"] == "10"
    assert response.headers["X-RateLimit-Remaining"] == "9"
    assert 1 <= int(response.headers["X-RateLimit-Reset"]) <= 1


def test_error_answers_carry_the_rate_limit_headers_too(emulator: Emulator) -> None:
    response = Hood(emulator).get(f"{CAMPAIGNS}/999")
    assert response.status_code == 400
    assert set(RATE_HEADERS) <= set(response.headers)


def test_eleventh_request_within_one_second_is_429(emulator: Emulator) -> None:
    hood = Hood(emulator)
    started = time.monotonic()
    answers = [hood.get(CAMPAIGNS) for _ in range(11)]
    assert time.monotonic() - started < 1.0
    assert [a.status_code for a in answers[:10]] == [200] * 10
    assert [a.headers["X-RateLimit-Remaining"] for a in answers[:10]] == [
        str(n) for n in range(9, -1, -1)
    ]
    assert assert_throttled(answers[10]) == 1


def test_429_does_not_apply_a_write(emulator: Emulator) -> None:
    hood = Hood(emulator)
    emulator.control.seed([{"id": "1000248", "status": "paused"}])
    for _ in range(10):
        hood.get(CAMPAIGNS)
    assert_throttled(hood.resume("1000248", {"run_immediately": 1}))
    assert emulator.control.ledger() == []


def test_requests_after_retry_after_are_admitted(scaled: Hood) -> None:
    for _ in range(10):
        scaled.get(CAMPAIGNS)
    assert_throttled(scaled.get(CAMPAIGNS))
    time.sleep(0.26)
    assert scaled.get(CAMPAIGNS).status_code == 200


def test_hammering_through_429s_does_not_extend_the_wait() -> None:
    # Rejected requests consume no budget: the window still ends on time. A 2 s burst window,
    # so that a loaded machine still sends its ten requests and many rejected ones inside it.
    window = 2.0
    limits = RateLimit(burst=10, steady=1000, burst_window_s=window, steady_window_s=60.0)
    with Emulator(rate_limit=limits) as emulator:
        scaled = Hood(emulator)
        opened = time.monotonic()
        for _ in range(10):
            scaled.get(CAMPAIGNS)
        rejected = 0
        while scaled.get(CAMPAIGNS).status_code == 429:
            rejected += 1
            assert time.monotonic() - opened < window + 1.5, "the window never reopened"
        assert rejected > 5
        assert time.monotonic() - opened >= window


def test_151st_request_within_the_steady_window_is_429() -> None:
    # A minute scaled to 12 s, a second to 0.25 s: 150 requests spread over ~8 s. Groups of 5
    # per burst window (half the limit) leave room for a loaded machine's jitter, where a
    # late group can share a window with the next one.
    limits = RateLimit(burst=10, steady=150, burst_window_s=0.25, steady_window_s=12.0)
    with Emulator(rate_limit=limits) as emulator:
        hood = Hood(emulator)
        started = time.monotonic()
        statuses = []
        for n in range(150):
            statuses.append(hood.get(CAMPAIGNS).status_code)
            if n % 5 == 4:  # each group after the last burst window closed
                time.sleep(max(0.0, started + 0.26 * (n // 5 + 1) - time.monotonic()))
        assert time.monotonic() - started < 12.0, "too slow to test the steady window"
        assert statuses == [200] * 150
        retry_after = assert_throttled(hood.get(CAMPAIGNS))
        assert retry_after <= 12


def test_pacing_under_both_limits_is_never_throttled(scaled: Hood) -> None:
    # 8 per 0.25 s burst window; 30 in all, far under 150 per 3 s.
    statuses = []
    for _ in range(30):
        statuses.append(scaled.get(CAMPAIGNS).status_code)
        time.sleep(0.032)
    assert 429 not in statuses


def test_limits_are_per_token_and_401_does_not_count(emulator: Emulator) -> None:
    hood = Hood(emulator)
    for _ in range(15):
        assert_error(hood.get(CAMPAIGNS, token="wrong"), 401)
    assert hood.get(CAMPAIGNS).headers["X-RateLimit-Remaining"] == "9"


def test_control_surface_is_not_rate_limited(emulator: Emulator) -> None:
    for _ in range(20):
        emulator.control.stats()
    assert Hood(emulator).get(CAMPAIGNS).status_code == 200


def test_rate_limit_can_be_switched_off_and_on(emulator: Emulator) -> None:
    hood = Hood(emulator)
    emulator.control.settings(rate_limit=None)
    assert all(hood.get(CAMPAIGNS).status_code == 200 for _ in range(15))
    assert "X-RateLimit-Limit" not in hood.get(CAMPAIGNS).headers
    emulator.control.settings(rate_limit={"burst": 2, "steady": 150})
    assert [hood.get(CAMPAIGNS).status_code for _ in range(3)] == [200, 200, 429]


def test_concurrency_cap_answers_429_with_retry_after_minus_1(fast_emulator: Emulator) -> None:
    hood = Hood(fast_emulator)
    fast_emulator.control.seed([{"id": "1"}])
    fast_emulator.control.settings(concurrency_cap=1)
    fast_emulator.control.set_faults([{"route": "list", "fault": "latency", "ms": 400}])
    slow: list[requests.Response] = []
    worker = threading.Thread(target=lambda: slow.append(hood.get(CAMPAIGNS)))
    worker.start()
    time.sleep(0.15)
    response = hood.get(f"{CAMPAIGNS}/1")
    worker.join()
    assert_error(response, 429, "concurrent")
    assert response.headers["Retry-After"] == "-1"
    assert not set(RATE_HEADERS) & set(response.headers)
    assert slow[0].status_code == 200
    assert hood.get(f"{CAMPAIGNS}/1").status_code == 200
