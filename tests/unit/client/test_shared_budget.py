"""Two processes, one token: the server's X-RateLimit word keeps them under the account's limit.

The pure pacing (AccountPacing) is driven by a fake clock against a fake server counting like
the emulator: two fixed windows per account, the binding one's Remaining/Reset (whole seconds)
in every answer, 429 with Retry-After beyond them.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

import pytest

from ocamba_provider.client import Limits
from ocamba_provider.client.rate_limit import AccountPacing
from ocamba_provider.client.server_quota import Quota, read_quota

HOOD = Limits()


class FixedWindowServer:
    """The account's two fixed windows, as the emulator counts them (429s not counted)."""

    def __init__(self, windows: tuple[tuple[int, float], ...] = ((10, 1.0), (150, 60.0))) -> None:
        self.windows = [[limit, length, None, 0] for limit, length in windows]
        self.answers: dict[int, int] = {}

    def admit(self, now: float) -> tuple[int, dict[str, str]]:
        for window in self.windows:
            if window[2] is not None and now >= window[2] + window[1]:
                window[2], window[3] = None, 0
        full = [w for w in self.windows if w[3] >= w[0]]
        if full:
            wait = max(w[2] + w[1] - now for w in full)
            self.answers[429] = self.answers.get(429, 0) + 1
            return 429, {"Retry-After": str(max(1, math.ceil(wait)))}
        for window in self.windows:
            if window[2] is None:
                window[2] = now
            window[3] += 1
        limit, length, opened, used = min(self.windows, key=lambda w: w[0] - w[3])
        self.answers[200] = self.answers.get(200, 0) + 1
        return 200, {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(limit - used),
            "X-RateLimit-Reset": str(max(1, math.ceil(opened + length - now))),
        }


@dataclass
class Client:
    """One process: its pacing, its work left, and its threads waiting for a finish."""

    pacing: AccountPacing
    work: int
    done_at: float = 0.0
    waiting: list[int] = field(default_factory=list)


def simulate(
    server: FixedWindowServer,
    works: list[int],
    *,
    starts: list[float],
    workers: int = 4,
    latency: float = 0.05,
) -> list[Client]:
    """Discrete-event run of processes with `workers` threads each, sharing `server`."""
    clients = [Client(AccountPacing(HOOD), work) for work in works]
    events: list[tuple[float, int, str, int, int]] = []  # time, seq, kind, client, worker
    seq = 0

    def push(at: float, kind: str, client: int, worker: int) -> None:
        nonlocal seq
        heapq.heappush(events, (at, seq, kind, client, worker))
        seq += 1

    for index, start in enumerate(starts):
        for worker in range(workers):
            push(start, "try", index, worker)
    pending: dict[tuple[int, int], tuple[int, dict[str, str]]] = {}
    while events:
        now, _, kind, index, worker = heapq.heappop(events)
        client = clients[index]
        if kind == "arrive":
            pending[(index, worker)] = server.admit(now)
            push(now + latency / 2, "finish", index, worker)
        elif kind == "finish":
            status, headers = pending.pop((index, worker))
            client.pacing.finish(now, status, headers)
            retry = 0.0
            if status == 429:
                # What HoodClient._wait does: hold the whole account, this thread sleeps.
                retry = float(headers["Retry-After"])
                client.pacing.log.hold_until(now + retry)
            else:
                client.work -= 1
                client.done_at = now
            for waiter in client.waiting:
                push(now, "try", index, waiter)
            client.waiting.clear()
            push(now + retry, "try", index, worker)
        elif client.work - client.pacing.log.in_flight > 0:
            delay = client.pacing.delay(now)
            if delay is None:
                client.waiting.append(worker)
            elif delay > 0:
                push(now + delay, "try", index, worker)
            else:
                client.pacing.start(now)
                push(now + latency / 2, "arrive", index, worker)
    return clients


def test_two_processes_on_one_token_meet_almost_no_429_and_use_the_whole_budget() -> None:
    server = FixedWindowServer()
    clients = simulate(server, [110, 110], starts=[0.0, 0.3])
    answers = sum(server.answers.values())
    assert server.answers.get(429, 0) <= 0.02 * answers
    # Floor of 220 requests at 10/s and 150/min: the 220th may start at 66 s.
    assert max(c.done_at for c in clients) <= 1.1 * 66.0


def test_two_processes_that_start_together_still_meet_almost_no_429() -> None:
    server = FixedWindowServer()
    clients = simulate(server, [110, 110], starts=[0.0, 0.0], workers=8, latency=0.2)
    assert server.answers.get(429, 0) <= 0.02 * sum(server.answers.values())
    assert max(c.done_at for c in clients) <= 1.1 * 66.0


def test_a_lone_process_is_not_slowed_by_the_server_word() -> None:
    server = FixedWindowServer()
    (client,) = simulate(server, [310], starts=[0.0], workers=8)
    assert server.answers == {200: 310}
    assert not client.pacing.server.shared(client.done_at)
    # Floor: the 310th request may start at 120 s; the sliding log adds its 2 % margin.
    assert client.done_at <= 120 * 1.05


def answer(limit: int, remaining: int, reset: int) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": str(reset),
    }


def test_an_answer_leaving_less_than_our_own_count_means_another_client() -> None:
    pacing = AccountPacing(HOOD)
    pacing.start(0.0)
    pacing.finish(0.01, 200, answer(10, 9, 1))
    assert not pacing.server.shared(0.01)
    pacing.start(0.2)
    pacing.finish(0.21, 200, answer(10, 4, 1))  # we sent 2 of this second, 6 are gone
    assert pacing.server.shared(0.21)
    assert not pacing.server.shared(0.21 + 61)


def test_no_more_starts_than_the_server_said_remain_until_its_reset() -> None:
    pacing = AccountPacing(HOOD)
    pacing.start(0.0)
    pacing.finish(0.01, 200, answer(150, 1, 30))  # someone spent the minute
    pacing.start(0.02)
    assert pacing.delay(0.03) is None  # ours on the wire may bring fresher word
    pacing.finish(0.04, 200, {})
    assert pacing.delay(0.05) == pytest.approx(30.01 - 0.05)


def test_a_word_that_agrees_with_our_own_count_leaves_the_pacing_to_it() -> None:
    pacing = AccountPacing(HOOD)
    for _ in range(10):
        pacing.start(0.0)
        pacing.finish(0.0, 200, {})
    pacing.start(1.1)
    pacing.finish(1.1, 200, answer(150, 139, 59))
    assert not pacing.server.shared(1.1)
    # Our own log, not the word's rounded-up Reset, decides the next start.
    assert pacing.delay(1.1) == 0


def test_a_429_makes_us_share_and_wait_out_its_retry_after() -> None:
    pacing = AccountPacing(HOOD)
    pacing.start(0.0)
    pacing.finish(0.01, 429, {"Retry-After": "1"})
    assert pacing.server.shared(0.01)
    pacing.log.hold_until(1.01)
    assert pacing.delay(0.5) == pytest.approx(0.51)


def test_a_concurrency_429_is_not_a_sign_of_another_client() -> None:
    pacing = AccountPacing(HOOD)
    pacing.start(0.0)
    pacing.finish(0.01, 429, {"Retry-After": "-1"})
    assert not pacing.server.shared(0.01)


def test_the_first_request_of_a_process_goes_alone() -> None:
    pacing = AccountPacing(HOOD)
    pacing.start(0.0)
    assert pacing.delay(0.0) is None
    pacing.finish(0.01, 200, answer(10, 9, 1))
    assert pacing.delay(0.01) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        answer(10, 11, 1),
        answer(10, -1, 1),
        answer(10, 5, 1_700_000_000),  # an epoch time, not seconds to reset
        {**answer(10, 5, 1), "X-RateLimit-Remaining": "many"},
    ],
    ids=["absent", "more-than-limit", "negative", "epoch-reset", "not-a-number"],
)
def test_headers_that_cannot_be_believed_are_ignored(headers: dict[str, str]) -> None:
    assert read_quota(headers, longest_window_s=60.0) is None


def test_believable_headers_are_read() -> None:
    assert read_quota(answer(150, 12, 40), longest_window_s=60.0) == Quota(150, 12, 40.0)
