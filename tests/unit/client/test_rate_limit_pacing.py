"""The sliding-log pacing, driven by a fake clock: never over a window, never far under it."""

from __future__ import annotations

import heapq
import threading
import time
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocamba_provider.client import Limits
from ocamba_provider.client.rate_limit import AccountBudget, SlidingLog, account_key

HOOD = Limits()  # 10 per 1 s, 150 per 60 s, 2 % margin


@dataclass
class Span:
    start: float
    finish: float


def worst_window_count(spans: list[Span], window: float) -> int:
    """Most requests the server could stamp inside one window of `window` seconds, if each
    stamp may fall anywhere between the request's start and its finish (adversarial)."""
    worst = 0
    for t in sorted(s.finish for s in spans):
        # Window [t, t + window): holds every request not finished before t and started
        # before t + window; the extremes of such windows begin at finish times.
        worst = max(worst, sum(1 for s in spans if s.finish >= t and s.start < t + window))
    return worst


def simulate(limits: Limits, count: int, workers: int, latencies: list[float]) -> list[Span]:
    """Discrete-event run of `workers` threads sending `count` requests through one log."""
    log = SlidingLog(limits)
    events: list[tuple[float, int, str, int]] = []  # (time, seq, kind, worker)
    seq = 0
    for worker in range(workers):
        heapq.heappush(events, (0.0, seq, "try", worker))
        seq += 1
    spans: list[Span] = []
    waiting: list[int] = []  # workers waiting for any finish
    started = 0
    while events:
        now, _, kind, worker = heapq.heappop(events)
        if kind == "finish":
            log.finish(now)
            spans[worker].finish = now
            for waiter in waiting:
                heapq.heappush(events, (now, seq, "try", waiter))
                seq += 1
            waiting.clear()
            continue
        if started >= count:
            continue
        delay = log.delay(now)
        if delay is None:
            waiting.append(worker)
        elif delay > 0:
            heapq.heappush(events, (now + delay, seq, "try", worker))
            seq += 1
        else:
            log.start(now)
            spans.append(Span(now, now))
            latency = latencies[started % len(latencies)]
            heapq.heappush(events, (now + latency, seq, "finish", len(spans) - 1))
            seq += 1
            heapq.heappush(events, (now + latency, seq + 1, "try", worker))
            seq += 2
            started += 1
    return spans


def test_half_a_burst_goes_at_once_and_the_rest_half_a_window_after_its_answers() -> None:
    log = SlidingLog(HOOD)
    for _ in range(5):
        assert log.delay(0.0) == 0
        log.start(0.0)
        log.finish(0.1)
    assert log.delay(0.1) == pytest.approx(0.51)
    for _ in range(5):
        log.start(0.61)
        log.finish(0.7)
    # The half window binds again (0.7 + 0.51), after the whole one (0.1 + 1.02).
    assert log.delay(0.7) == pytest.approx(0.51)


def test_requests_still_in_flight_count_until_they_answer() -> None:
    log = SlidingLog(HOOD)
    for _ in range(5):
        log.start(0.0)
    assert log.delay(5.0) is None
    log.finish(5.0)
    assert log.delay(5.0) == pytest.approx(0.51)


def test_sharing_the_account_paces_to_half_of_every_window() -> None:
    log = SlidingLog(HOOD)
    for _ in range(3):
        assert log.delay(0.0, share=2) == 0
        log.start(0.0)
        log.finish(0.0)
    assert log.delay(0.0, share=2) == pytest.approx(0.51)
    assert log.delay(0.0) == 0


def test_the_steady_window_paces_after_150_requests() -> None:
    log = SlidingLog(Limits(burst=1000, steady=150))
    for _ in range(150):
        log.start(0.0)
        log.finish(0.0)
    assert log.delay(1.0) == pytest.approx(60 * 1.02 - 1.0)


def test_a_retry_after_holds_every_start() -> None:
    log = SlidingLog(HOOD)
    log.hold_until(3.0)
    assert log.delay(1.0) == 2.0
    assert log.delay(3.0) == 0


def test_310_sequential_requests_stay_within_both_windows_and_near_the_floor() -> None:
    spans = simulate(HOOD, 310, workers=1, latencies=[0.05])
    assert worst_window_count(spans, 1.0) <= 10
    assert worst_window_count(spans, 60.0) <= 150
    # Floor: request 301 cannot arrive before 120 s; the log adds a latency and a 2 % margin.
    elapsed = spans[-1].finish
    assert 120 <= elapsed <= 120 * 1.25


def test_20_threads_with_varying_latency_never_overfill_a_window() -> None:
    spans = simulate(HOOD, 200, workers=20, latencies=[0.01, 0.3, 0.07, 1.5, 0.02])
    assert len(spans) == 200
    assert worst_window_count(spans, 1.0) <= 10
    assert worst_window_count(spans, 60.0) <= 150


@settings(max_examples=40, deadline=None)
@given(
    latencies=st.lists(st.floats(min_value=0.0, max_value=0.5), min_size=1, max_size=8),
    workers=st.integers(min_value=1, max_value=12),
    burst=st.integers(min_value=1, max_value=5),
)
def test_no_window_ever_holds_more_than_allowed(
    latencies: list[float], workers: int, burst: int
) -> None:
    limits = Limits(burst=burst, burst_window_s=0.2, steady=burst * 3, steady_window_s=1.0)
    spans = simulate(limits, 40, workers, latencies)
    assert worst_window_count(spans, 0.2) <= burst
    assert worst_window_count(spans, 1.0) <= burst * 3


def test_budget_paces_real_threads_within_scaled_windows() -> None:
    budget = AccountBudget(Limits(burst=3, burst_window_s=0.05, steady=6, steady_window_s=0.3))
    spans: list[Span] = []
    lock = threading.Lock()

    def one_request() -> None:
        with budget.slot():
            start = time.monotonic()
            time.sleep(0.002)
            finish = time.monotonic()
        with lock:
            spans.append(Span(start, finish))

    threads = [threading.Thread(target=one_request) for _ in range(12)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert worst_window_count(spans, 0.05) <= 3
    assert worst_window_count(spans, 0.3) <= 6
    # 12 requests at 6 per 0.3 s: the second six wait one steady window.
    assert 0.3 <= time.monotonic() - began < 1.5


def test_a_finish_wakes_a_concurrency_waiter_early() -> None:
    budget = AccountBudget(HOOD)
    entered = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with budget.slot():
            entered.set()
            release.wait()

    thread = threading.Thread(target=holder)
    thread.start()
    entered.wait()
    threading.Timer(0.05, release.set).start()
    began = time.monotonic()
    assert budget.wait_for_a_finish(5.0) is True
    thread.join()
    assert time.monotonic() - began < 2.0
    assert budget.wait_for_a_finish(5.0) is False  # nothing of ours in flight: no wait


def test_the_account_key_holds_a_hash_not_the_token() -> None:
    key = account_key("https://api.example.test", "token-a")
    assert "token-a" not in repr(key)
    assert len(key[1]) == 64


@pytest.mark.parametrize("bad", [{"burst": 0}, {"steady_window_s": 0.0}, {"margin": -1.0}])
def test_limits_reject_windows_that_allow_nothing(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=r"rate-limit|rate limits"):
        Limits(**bad)  # type: ignore[arg-type]


def test_a_concurrency_refusal_caps_requests_in_flight_at_the_current_count() -> None:
    log = SlidingLog(HOOD)
    log.start(0.0)
    log.start(0.0)
    log.cap_in_flight()
    assert log.delay(0.0) is None
    log.finish(0.1)
    assert log.delay(0.1) == 0
    log.start(0.1)
    log.cap_in_flight()  # never grows back, never drops below one
    log.finish(0.2)
    log.finish(0.2)
    log.cap_in_flight()
    assert log.delay(0.2) == 0
    log.start(0.2)
    assert log.delay(0.2) is None
