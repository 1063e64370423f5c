"""Client-side pacing to Hood's two documented rate-limit windows, shared per account.

Hood counts requests per account in two fixed windows (10 per 1 s, 150 per 1 min) and
answers 429 beyond them. Every HoodClient in the process that uses the same account (base URL
and token) draws from one AccountBudget, so a lone process never sees a 429; other processes
with the same token are only handled by obeying `Retry-After`.

Why a hand-written sliding log and not pyrate-limiter: we need (1) both windows checked
atomically before each send, (2) a blocking acquire that sleeps exactly until the earliest
free moment instead of polling, (3) requests counted until their *answer* arrives (see
SlidingLog), which no token bucket expresses, (4) a server-imposed pause (`Retry-After`) that
holds every thread of the account, and (5) a pure core that unit tests drive with a fake
clock. pyrate-limiter 4 runs a background leak thread per bucket and blocks by polling; the
whole algorithm below is ~40 lines.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Requests allowed per account: `burst` per `burst_window_s`, `steady` per `steady_window_s`.

    `margin` widens each window by that fraction to absorb the server's timer granularity.
    The defaults are Hood's documented tier-C limits.
    """

    burst: int = 10
    burst_window_s: float = 1.0
    steady: int = 150
    steady_window_s: float = 60.0
    margin: float = 0.02

    def __post_init__(self) -> None:
        if min(self.burst, self.steady) < 1:
            raise ValueError("rate limits must allow at least one request per window")
        if min(self.burst_window_s, self.steady_window_s) <= 0 or self.margin < 0:
            raise ValueError("rate-limit windows must be positive and the margin not negative")

    def windows(self) -> tuple[tuple[int, float], ...]:
        """(requests allowed, window length in seconds including the margin) per window."""
        factor = 1.0 + self.margin
        return (
            (self.burst, self.burst_window_s * factor),
            (self.steady, self.steady_window_s * factor),
        )


class SlidingLog:
    """The pacing decision, with time passed in; not thread-safe (AccountBudget locks it).

    A request counts against a window from the moment it is sent until one window length
    after its answer arrived. The server stamps it somewhere in between, so if any window of
    length W held N+1 server stamps, the last of those requests would have found the other N
    still counted when it started. This holds for fixed or sliding server windows, any clock
    offset and any latency, at the price of one round trip per window; nothing is guessed.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._finished: deque[float] = deque(maxlen=max(limits.burst, limits.steady))
        self._in_flight = 0
        self._not_before = -math.inf
        self._max_in_flight: int | None = None

    @property
    def in_flight(self) -> int:
        """Requests started and not yet finished."""
        return self._in_flight

    def delay(self, now: float) -> float | None:
        """Seconds until one more request may start (0: now); None: wait for one to finish."""
        if self._max_in_flight is not None and self._in_flight >= self._max_in_flight:
            return None
        wait = max(0.0, self._not_before - now)
        for allowed, window in self.limits.windows():
            free = allowed - self._in_flight
            if free <= 0:
                return None
            # Finish stamps are in time order: the free-th newest must leave the window.
            if len(self._finished) >= free:
                wait = max(wait, self._finished[-free] + window - now)
        return wait

    def start(self, now: float) -> None:
        """Record that a request is being sent at `now`."""
        self._in_flight += 1

    def finish(self, now: float) -> None:
        """Record that a request's answer (or failure) arrived at `now`."""
        self._in_flight = max(0, self._in_flight - 1)
        self._finished.append(max(now, self._finished[-1]) if self._finished else now)

    def hold_until(self, moment: float) -> None:
        """Start nothing before `moment` (the server said `Retry-After`)."""
        self._not_before = max(self._not_before, moment)

    def cap_in_flight(self) -> None:
        """Never again run more requests at once than are running now (at least one).

        Hood's concurrent-request limit is undocumented; a `Retry-After: -1` reveals it.
        """
        cap = max(1, self._in_flight)
        self._max_in_flight = min(cap, self._max_in_flight or cap)

    def replace_limits(self, limits: Limits) -> None:
        """Adopt new limits, keeping the history."""
        self.limits = limits
        self._finished = deque(self._finished, maxlen=max(limits.burst, limits.steady))


class AccountBudget:
    """The thread-safe pacing of one account: `with budget.slot(): send()`."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self._log = SlidingLog(limits)
        self._clock = clock
        self._changed = threading.Condition()

    @property
    def limits(self) -> Limits:
        """The limits this budget paces to."""
        return self._log.limits

    @property
    def in_flight(self) -> int:
        """Requests of this account currently waiting for an answer."""
        with self._changed:
            return self._log.in_flight

    def replace_limits(self, limits: Limits) -> None:
        """Pace to `limits` from now on."""
        with self._changed:
            self._log.replace_limits(limits)
            self._changed.notify_all()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Block until a request may be sent, and count it until the block exits."""
        self._acquire()
        try:
            yield
        finally:
            with self._changed:
                self._log.finish(self._clock())
                self._changed.notify_all()

    def _acquire(self) -> None:
        with self._changed:
            while True:
                now = self._clock()
                wait = self._log.delay(now)
                if wait is not None and wait <= 0:
                    self._log.start(now)
                    return
                self._changed.wait(timeout=wait)

    def hold_for(self, seconds: float) -> None:
        """Start no request of this account for `seconds` (a 429's `Retry-After`)."""
        with self._changed:
            self._log.hold_until(self._clock() + seconds)

    def wait_for_a_finish(self, timeout: float) -> bool:
        """After a `Retry-After: -1`: run no more requests at once than now, and wait up to
        `timeout` s for one of them to finish; False at once if none is in flight."""
        with self._changed:
            self._log.cap_in_flight()
            if self._log.in_flight == 0:
                return False
            self._changed.wait(timeout=timeout)
            return True


_BUDGETS: dict[tuple[str, str], AccountBudget] = {}
_BUDGETS_LOCK = threading.Lock()


def account_key(base_url: str, token: str) -> tuple[str, str]:
    """The key of an account: its base URL and a hash of its token (never the token)."""
    return (base_url.rstrip("/"), hashlib.sha256(token.encode("utf-8")).hexdigest())


def budget_for(base_url: str, token: str, limits: Limits) -> AccountBudget:
    """The process-wide budget of this account, paced to `limits` (the latest caller wins)."""
    key = account_key(base_url, token)
    with _BUDGETS_LOCK:
        budget = _BUDGETS.get(key)
        if budget is None:
            budget = _BUDGETS[key] = AccountBudget(limits)
        elif budget.limits != limits:
            budget.replace_limits(limits)
        return budget
