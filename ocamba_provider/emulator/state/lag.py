"""The status lag ("automatically synchronized" in the docs): reads trail client writes.

Every applied write becomes visible to reads exactly `lag_s` after it was applied, writes in
apply order. A second write during the lag neither extends nor shortens the first one's window:
reads show the state before both until the first is due, the first's result until the second
is due, then the second's. Measured on real (monotonic) time, not the emulator's clock: the lag
plays replication, which moving the clock does not speed up.

Only client writes lag. A system transition (a scheduled start, a finished run) changes the
true campaign at once: reads see it at once unless a client write to the same campaign is still
hidden, in which case they keep showing the state before that write until it is due, and then
the true state, system change included. An out-of-band change (`/_emulator/...`) ends the lag of
its campaign (`drop`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from .campaigns import Campaign


@dataclass
class PendingWrites:
    """Writes to one campaign that reads do not see yet: what they show now, and a queue of
    (monotonic time it becomes visible, the campaign after that write), oldest first."""

    shown: Campaign
    queue: deque[tuple[float, Campaign]] = field(default_factory=deque)

    def holds_back(self, now: float) -> bool:
        """Advance `shown` past every write that is due; whether any write is still hidden."""
        while self.queue and self.queue[0][0] <= now:
            self.shown = self.queue.popleft()[1]
        return bool(self.queue)


class StatusLag:
    """The writes still hidden from reads, per campaign id (the store's lock guards it)."""

    def __init__(self) -> None:
        self.lag_s = 0.0
        self._pending: dict[str, PendingWrites] = {}

    def clear(self) -> None:
        """Nothing hidden (a new workspace)."""
        self._pending.clear()

    def drop(self, campaign_id: str) -> None:
        """Show the campaign's true state from now on."""
        self._pending.pop(campaign_id, None)

    def before_write(self, campaign: Campaign, now: float) -> None:
        """Called just before a client write changes `campaign`: keep what reads show now."""
        if self.lag_s <= 0:  # no lag (now): this write and any still pending are visible at once
            self._pending.pop(campaign["id"], None)
            return
        pending = self._pending.get(campaign["id"])
        if pending is None or not pending.holds_back(now):
            self._pending[campaign["id"]] = PendingWrites(dict(campaign))

    def after_write(self, campaign: Campaign, now: float) -> None:
        """Called just after a client write changed `campaign`: hide it for `lag_s`."""
        pending = self._pending.get(campaign["id"])
        if self.lag_s > 0 and pending is not None:
            pending.queue.append((now + self.lag_s, dict(campaign)))

    def visible(self, campaign: Campaign, now: float) -> Campaign:
        """The campaign as a read sees it at monotonic time `now`."""
        if not self._pending:
            return campaign
        pending = self._pending.get(campaign["id"])
        if pending is None:
            return campaign
        if pending.holds_back(now):
            return pending.shown
        del self._pending[campaign["id"]]
        return campaign
