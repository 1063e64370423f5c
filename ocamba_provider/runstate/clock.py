"""The clock of a run: the one place the run-state core reads the time.

The domain never reads it: every hook reads `now` here once and hands it to the verdict, so
tests replace this module's functions to freeze a run's time.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now_utc() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def wall() -> float:
    """Wall time in seconds since the epoch (a previous run's `last_action_at` is wall time)."""
    return time.time()


def sleep(seconds: float) -> None:
    """Wait; the settle rule's polls go through here."""
    time.sleep(seconds)
