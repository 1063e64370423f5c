"""The rate-limit floor: the least time R requests need under Hood's two windows.

With `allowed` requests per `length` seconds in every window, request i (0-based) can start no
earlier than `allowed` requests before it plus one window length, for each window at once:
t_i = max over windows of t_(i - allowed) + length, and t_i = 0 while i < allowed. The floor is
t_(R-1): when the last request may start (its own round trip is not counted). At the
documented 10/s and 150/min, 12 requests need 1 s, 202 need 65 s and 310 need 120 s.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

DOCUMENTED_WINDOWS: tuple[tuple[int, float], ...] = ((10, 1.0), (150, 60.0))


def scaled_windows(scale: float) -> tuple[tuple[int, float], ...]:
    """The documented counts times `scale`, windows unchanged (as `ocamba:rateLimitScale`)."""
    return tuple((max(1, int(allowed * scale)), length) for allowed, length in DOCUMENTED_WINDOWS)


def floor_seconds(
    requests: int, windows: Sequence[tuple[int, float]] = DOCUMENTED_WINDOWS
) -> float:
    """Seconds from the first request's start to the last one's, at best, for `requests`."""
    starts: list[float] = []
    for i in range(max(0, requests)):
        starts.append(
            max(
                (starts[i - allowed] + length if i >= allowed else 0.0)
                for allowed, length in windows
            )
        )
    return starts[-1] if starts else 0.0


def preview_requests_bound(n: int, t: int) -> int:
    """The design's ceiling for a preview of N declared campaigns in a workspace of T."""
    return min(n, math.ceil(t / 100)) + 2


def up_minimum_requests(k: int, t: int) -> int:
    """The minimum work of an up resuming K campaigns: K POSTs and one full sparse listing."""
    return k + math.ceil(t / 100)
