"""The settle rule's clock, and the lines a run prints while it waits.

Hood's writes are "automatically synchronized": a read (and the server's own "is it paused?"
check) may show the old status for a while after a write. `Settle` says how long, and owns the
clock and the sleep a transition uses, so tests replace both and settling takes no real time.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ocamba_provider.domain.times import format_api_time
from ocamba_provider.domain.wording import waiting_line
from ocamba_provider.runstate import clock as run_clock
from ocamba_provider.settings import DEFAULT_SETTLE_SECONDS

log = logging.getLogger("ocamba_provider")

SILENT_WAIT_S = 2.0
"""Waits up to this long pass without a line; every longer one says why and how long."""


@dataclass(frozen=True)
class Settle:
    """How long after an ambiguous write a read must start before it may allow a resend.

    `clock` is wall time in seconds (a previous run's `last_action_at` is wall time too).
    """

    seconds: float = DEFAULT_SETTLE_SECONDS
    clock: Callable[[], float] = run_clock.wall
    sleep: Callable[[float], None] = run_clock.sleep
    first_poll_s: float = 1.0
    max_poll_s: float = 8.0

    def safe_from(self, since: float) -> str:
        """When the settle period of a write at `since` ends, in GMT, for messages."""
        return format_api_time(datetime.fromtimestamp(since + self.seconds, UTC))

    def now(self) -> datetime:
        """This clock's time as an aware datetime."""
        return datetime.fromtimestamp(self.clock(), UTC)

    def wait(self, seconds: float, why: str) -> None:
        """Sleep `seconds`, saying why first when it is long enough to look like a stall."""
        if seconds > SILENT_WAIT_S:
            say(waiting_line(seconds, why))
        if seconds > 0:
            self.sleep(seconds)


def say(line: str) -> None:
    """A line for the user: the engine shows a dynamic provider's stderr; the native
    provider forwards the log to the engine (native/engine_log.py)."""
    print(line, file=sys.stderr, flush=True)
    log.info(line)
