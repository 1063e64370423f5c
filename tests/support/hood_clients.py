"""Shared pieces of the HoodClient tests against the emulator."""

from __future__ import annotations

import time
from typing import Any

from ocamba_provider.client import HoodClient, Limits, RetryPolicy
from ocamba_provider.emulator import Emulator

# Tests that are not about pacing must not wait for the documented 10 per second.
UNPACED = Limits(burst=100_000, steady=1_000_000)
TRACE = r"\(trace [0-9a-f-]{36}\)"


class QuickRetry(RetryPolicy):
    """The real decisions with backoff in milliseconds, so fault tests stay fast."""

    def jitter(self, delay_s: float) -> float:
        return delay_s / 100


def hurried_sleep(seconds: float) -> None:
    """Sleep a hundredth of what the client asks: `Retry-After` is at least 1 s here."""
    time.sleep(seconds / 100)


def client_of(hood: Emulator, *, limits: Limits | None = UNPACED, **kwargs: Any) -> HoodClient:
    """A client of `hood` with quick retries."""
    kwargs.setdefault("retry", QuickRetry())
    return HoodClient(hood.url, hood.token, limits=limits, **kwargs)


def requests_to(hood: Emulator, route: str) -> int:
    """How many requests the emulator received on `route`, e.g. `GET /v1/hood/campaigns`."""
    return int(hood.control.stats()["requests"].get(route, 0))


LIST = "GET /v1/hood/campaigns"
GET = "GET /v1/hood/campaigns/{id}"
RESUME = "POST /v1/hood/campaigns/{id}/resume"
PAUSE = "POST /v1/hood/campaigns/{id}/pause"
