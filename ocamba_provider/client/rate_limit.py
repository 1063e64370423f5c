"""Client-side pacing to Hood's two documented rate-limit windows, shared per account.

Hood counts requests per account in two fixed windows (10 per 1 s, 150 per 1 min) and
answers 429 beyond them. Clients that share an AccountBudget pace together: the provider's
sessions of one account (base URL and token, `account_key`) share one (resources/session.py),
so a lone provider process never sees a 429; other processes with the same token are only
handled by obeying `Retry-After` and the server's X-RateLimit word.

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
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from ocamba_provider.client.server_quota import ServerQuota, read_quota


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

    def pacing_windows(self, share: int = 1) -> tuple[tuple[int, float], ...]:
        """The windows paced to, for our `share`-th part of the account (1: all of it): the
        documented ones plus half the burst per half its window.

        The same 10 a second, but every server window keeps room for another client's first
        request until its second half: that request lowers the Remaining we are told, which
        is how we learn that someone shares our token, instead of its meeting a 429 at every
        window start while we take each whole burst at once (server_quota.py).
        """
        factor = 1.0 + self.margin
        burst, steady = max(1, self.burst // share), max(1, self.steady // share)
        windows = ((burst, self.burst_window_s * factor), (steady, self.steady_window_s * factor))
        if burst < 2:
            return windows
        return ((math.ceil(burst / 2), self.burst_window_s / 2 * factor), *windows)


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

    def delay(self, now: float, share: int = 1) -> float | None:
        """Seconds until one more request may start (0: now); None: wait for one to finish.

        `share`: how many clients spend the account's budget; we pace to our part of it.
        """
        if self._max_in_flight is not None and self._in_flight >= self._max_in_flight:
            return None
        wait = max(0.0, self._not_before - now)
        for allowed, window in self.limits.pacing_windows(share):
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

    def own_remaining(self, now: float, limit: int) -> tuple[int, float] | None:
        """What our own count leaves of the window allowing `limit` requests, and its length,
        if we pace to such a window. The count never falls short of what the server can have
        counted of ours in that window, so the server leaving less means another client."""
        for allowed, window in self.limits.windows():
            if allowed == limit:
                recent = sum(1 for stamp in self._finished if stamp > now - window)
                return allowed - self._in_flight - recent, window
        return None

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


class Slot:
    """One request's place in the budget; `answered()` hands the server's answer back."""

    def __init__(self) -> None:
        self.status: int | None = None
        self.headers: Mapping[str, str] = {}

    def answered(self, status: int, headers: Mapping[str, str]) -> None:
        """Record the answer's status and headers (its word on the account's budget)."""
        self.status, self.headers = status, headers


class AccountPacing:
    """Both pacings of one account, with time passed in; not thread-safe (AccountBudget
    locks it). Our own count (SlidingLog) and the server's word (ServerQuota), whichever is
    slower: the second is what keeps two processes with one token under the limit."""

    def __init__(self, limits: Limits) -> None:
        self.log = SlidingLog(limits)
        # A word is stale once another client may have spent a request: one burst interval.
        self.server = ServerQuota(fresh_s=limits.burst_window_s / limits.burst)

    def delay(self, now: float) -> float | None:
        """Seconds until one more request may start (0: now); None: wait for one to finish."""
        # Sharing the account with another client: pace to half of each window ourselves.
        share = 2 if self.server.shared(now) else 1
        return _slowest(self.log.delay(now, share), self.server.delay(now, self.log.in_flight))

    def start(self, now: float) -> None:
        """Record that a request is being sent at `now`."""
        self.log.start(now)
        self.server.start()

    def finish(self, now: float, status: int | None, headers: Mapping[str, str]) -> None:
        """Record that a request ended at `now`: its status and headers, None if no answer."""
        self.log.finish(now)
        if status == 429 and headers.get("Retry-After", "").strip() != "-1":
            self.server.rate_limited(now)
            return
        quota = read_quota(headers, self.log.limits.steady_window_s)
        own = None if quota is None else self.log.own_remaining(now, quota.limit)
        self.server.observe(
            now,
            quota,
            others_in_flight=self.log.in_flight,
            own_remaining=None if own is None else own[0],
            window_s=None if own is None else own[1],
        )


def _slowest(*delays: float | None) -> float | None:
    """The longest of several delays; None (wait for a finish) if any is None."""
    if any(delay is None for delay in delays):
        return None
    return max(delay for delay in delays if delay is not None)


class AccountBudget:
    """The thread-safe pacing of one account: `with budget.slot() as slot: send()`."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self._pacing = AccountPacing(limits)
        self._log = self._pacing.log
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

    @property
    def shared(self) -> bool:
        """Whether another client was seen spending this account's budget lately."""
        with self._changed:
            return self._pacing.server.shared(self._clock())

    def replace_limits(self, limits: Limits) -> None:
        """Pace to `limits` from now on."""
        with self._changed:
            self._log.replace_limits(limits)
            self._changed.notify_all()

    @contextmanager
    def slot(self, announce: Callable[[float], None] | None = None) -> Iterator[Slot]:
        """Block until a request may be sent, and count it until the block exits.

        `announce` is told how long the wait for the slot will be, once, before it starts.
        """
        self._acquire(announce)
        slot = Slot()
        try:
            yield slot
        finally:
            with self._changed:
                self._pacing.finish(self._clock(), slot.status, slot.headers)
                self._changed.notify_all()

    def _acquire(self, announce: Callable[[float], None] | None) -> None:
        with self._changed:
            while True:
                now = self._clock()
                wait = self._pacing.delay(now)
                if wait is not None and wait <= 0:
                    self._pacing.start(now)
                    return
                if announce is not None and wait is not None:
                    announce(wait)
                    announce = None  # the first estimate is the one worth saying
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


def account_key(base_url: str, token: str) -> tuple[str, str]:
    """The key of an account: its base URL and a hash of its token (never the token)."""
    return (base_url.rstrip("/"), hashlib.sha256(token.encode("utf-8")).hexdigest())
