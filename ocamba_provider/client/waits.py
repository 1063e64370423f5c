"""The waits of a client, told to whoever shows them: a run that sits still says why.

The client waits for three reasons: its account's budget (pacing to the documented 10/s and
150/min, shared by every client of the token), the server's own word (a 429's `Retry-After`),
and a retry after a failure. It reports each wait before it starts; the run-state core turns the
long ones into lines in the engine's output (runstate/session.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ocamba_provider.client.errors import HoodError, HoodRateLimited

WaitReason = Literal["pacing", "server", "retry"]


@dataclass(frozen=True)
class Wait:
    """One wait about to start."""

    seconds: float
    reason: WaitReason
    operation: str
    campaign_id: str | None = None
    detail: str = ""
    """What failed, for a retry or the server's word."""


WaitWatcher = Callable[[Wait], None]
"""Told of every wait before it starts; must not raise or block."""


def pacing_told(
    watcher: WaitWatcher | None, operation: str, campaign_id: str | None
) -> Callable[[float], None] | None:
    """What the account's budget calls with a slot's wait: the watcher, told of pacing."""
    if watcher is None:
        return None

    def told(seconds: float) -> None:
        watcher(Wait(seconds, "pacing", operation, campaign_id))

    return told


def retry_wait(seconds: float, error: HoodError) -> Wait:
    """The wait before an operation is tried again after `error`."""
    reason: WaitReason = "server" if isinstance(error, HoodRateLimited) else "retry"
    return Wait(seconds, reason, error.operation, error.campaign_id, error.detail)
