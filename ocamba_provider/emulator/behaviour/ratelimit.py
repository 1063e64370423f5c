"""The documented rate limits: two fixed windows per token, plus an optional concurrency cap.

Choices where the docs are silent (INFER):
- A window is fixed (not sliding) and opens at the first request after the previous one
  closed, so "11 requests within 1 s" always meets a 429, wherever the second boundaries fall.
- A rejected request (429) consumes no budget. A client that keeps hammering through its 429s
  is refused until the window rolls over, and no longer: it can never push its own (or a
  well-behaved neighbour's) recovery further out. The real API may count rejected requests;
  clients must obey `Retry-After` either way.
- `X-RateLimit-*` describe whichever window has fewer requests left (the one that binds).
- Limits are per token; the docs say per account, and the emulator has one account per token.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..api.errors import TooManyRequests
from .settings import RateLimit


@dataclass(frozen=True)
class Quota:
    """What is left of the binding window after an admitted request."""

    limit: int
    remaining: int
    reset_s: float

    def headers(self) -> dict[str, str]:
        """The documented headers of a normal answer (Reset: whole seconds to the window end)."""
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(max(1, math.ceil(self.reset_s))),
        }


class _FixedWindow:
    def __init__(self, limit: int, length_s: float) -> None:
        self.limit, self.length_s = limit, length_s
        self.opened: float | None = None
        self.used = 0

    def roll(self, now: float) -> None:
        if self.opened is not None and now >= self.opened + self.length_s:
            self.opened, self.used = None, 0

    def count(self, now: float) -> None:
        if self.opened is None:
            self.opened = now
        self.used += 1

    def reset_in(self, now: float) -> float:
        return self.length_s if self.opened is None else self.opened + self.length_s - now


class RateLimiter:
    """Counts admitted requests per token in the burst and steady windows."""

    def __init__(self, limits: RateLimit) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[_FixedWindow, _FixedWindow]] = {}

    def admit(self, token: str) -> Quota:
        """Count one request, or refuse it without counting it.

        Raises:
            TooManyRequests: a window is full; `Retry-After` = whole seconds until every full
                window has rolled over (at least 1).
        """
        now = time.monotonic()
        with self._lock:
            windows = self._windows.get(token)
            if windows is None:
                windows = (
                    _FixedWindow(self.limits.burst, self.limits.burst_window_s),
                    _FixedWindow(self.limits.steady, self.limits.steady_window_s),
                )
                self._windows[token] = windows
            for window in windows:
                window.roll(now)
            full = [window for window in windows if window.used >= window.limit]
            if full:
                wait = max(window.reset_in(now) for window in full)
                raise TooManyRequests(max(1, math.ceil(wait)))
            for window in windows:
                window.count(now)
            binding = min(windows, key=lambda window: window.limit - window.used)
            return Quota(binding.limit, binding.limit - binding.used, binding.reset_in(now))


class ConcurrencyGate:
    """At most `cap` in-flight requests per token; the next one gets 429 `Retry-After: -1`."""

    def __init__(self, cap: int | None) -> None:
        self.cap = cap
        self._lock = threading.Lock()
        self._in_flight: dict[str, int] = {}

    @contextmanager
    def slot(self, token: str) -> Iterator[None]:
        """Hold one of the token's slots for the duration of a request.

        Raises:
            TooManyRequests: (Retry-After -1) every slot is taken.
        """
        with self._lock:
            in_flight = self._in_flight.get(token, 0)
            if self.cap is not None and in_flight >= self.cap:
                raise TooManyRequests(-1, "Too many concurrent requests.")
            self._in_flight[token] = in_flight + 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight[token] -= 1
