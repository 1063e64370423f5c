"""Request statistics for benchmarks: per route template, per status, and peak request rates.

Counts every request to the emulated API, whatever its answer (401, 429 and dropped ones
included); the `/_emulator/` control surface is never counted. The peaks are the highest
number of requests inside any sliding 1 s and 1 min window, measured on real time even when
the rate limiter's windows are scaled.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from typing import Any


class _SlidingPeak:
    def __init__(self, length_s: float) -> None:
        self.length_s = length_s
        self.times: deque[float] = deque()
        self.peak = 0

    def add(self, now: float) -> None:
        # The busiest window always ends at some request, so checking at each arrival suffices.
        self.times.append(now)
        while self.times[0] <= now - self.length_s:
            self.times.popleft()
        self.peak = max(self.peak, len(self.times))


class Stats:
    """Thread-safe counters behind `GET /_emulator/stats`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Start counting from zero (`POST /_emulator/stats/reset`)."""
        with self._lock:
            self._requests: Counter[str] = Counter()
            self._responses: Counter[str] = Counter()
            self._second = _SlidingPeak(1.0)
            self._minute = _SlidingPeak(60.0)

    def request(self, route_key: str) -> None:
        """Count an arriving request, e.g. `POST /v1/hood/campaigns/{id}/resume`."""
        now = time.monotonic()
        with self._lock:
            self._requests[route_key] += 1
            self._second.add(now)
            self._minute.add(now)

    def response(self, outcome: str) -> None:
        """Count an answer by status code (`"204"`), or `"dropped"` if none was sent."""
        with self._lock:
            self._responses[outcome] += 1

    def snapshot(self) -> dict[str, Any]:
        """The counters as `GET /_emulator/stats` shows them."""
        with self._lock:
            return {
                "requests": dict(self._requests),
                "responses": dict(self._responses),
                "max_per_second": self._second.peak,
                "max_per_minute": self._minute.peak,
            }
