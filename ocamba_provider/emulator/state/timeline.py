"""When each campaign is due to change by itself: a scheduled start, or the end of a one-shot run.

The store tells the timeline about every status change (`expect_start`, `running`, `forget`)
and asks it, before every read and write, which transitions are due by the emulator's clock
(`next_due`), oldest first. No background thread: time is evaluated lazily, so a campaign
whose start passed while nobody asked starts (at its scheduled time) on the next request.

Two heaps with lazy deletion keep a request O(log n) in the workspace size: an entry is acted
on only if it still matches the campaign's current pending start or run.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime, timedelta

from .events import EventKind


@dataclass(frozen=True)
class Due:
    """A transition that is due: the campaign, which one, and when (emulator clock) it happened."""

    campaign_id: str
    event: EventKind
    at: datetime


class Timeline:
    """Pending starts and running campaigns of one workspace (the store's lock guards it)."""

    def __init__(self) -> None:
        self._starts: dict[str, datetime] = {}
        self._since: dict[str, datetime] = {}
        self._start_heap: list[tuple[datetime, str]] = []
        self._since_heap: list[tuple[datetime, str]] = []

    def clear(self) -> None:
        """Nothing pending (a new workspace)."""
        self._starts.clear()
        self._since.clear()
        self._start_heap.clear()
        self._since_heap.clear()

    def expect_start(self, campaign_id: str, at: datetime) -> None:
        """The campaign is `scheduled` and starts at `at`."""
        self._since.pop(campaign_id, None)
        self._starts[campaign_id] = at
        heapq.heappush(self._start_heap, (at, campaign_id))

    def running(self, campaign_id: str, since: datetime) -> None:
        """The campaign is `running` from `since` (a one-shot run is counted from here)."""
        self._starts.pop(campaign_id, None)
        self._since[campaign_id] = since
        heapq.heappush(self._since_heap, (since, campaign_id))

    def forget(self, campaign_id: str) -> None:
        """The campaign will not change by itself (paused, canceled, sent, any other status)."""
        self._starts.pop(campaign_id, None)
        self._since.pop(campaign_id, None)

    def next_due(self, now: datetime, run_seconds: float | None) -> Due | None:
        """The oldest transition due at or before `now`, removed from the timeline; None if
        none is. A run finishes `run_seconds` after it started (never when None)."""
        start = self._top(self._start_heap, self._starts)
        finish = None if run_seconds is None else self._top(self._since_heap, self._since)
        finish_at = None
        if finish is not None and run_seconds is not None:
            finish_at = finish[0] + timedelta(seconds=run_seconds)
        if start is not None and start[0] <= now and (finish_at is None or start[0] <= finish_at):
            heapq.heappop(self._start_heap)
            del self._starts[start[1]]
            return Due(start[1], "started", start[0])
        if finish is not None and finish_at is not None and finish_at <= now:
            heapq.heappop(self._since_heap)
            del self._since[finish[1]]
            return Due(finish[1], "finished", finish_at)
        return None

    @staticmethod
    def _top(
        heap: list[tuple[datetime, str]], current: dict[str, datetime]
    ) -> tuple[datetime, str] | None:
        # Drop entries a later change made stale (a pause, a new schedule, a restart).
        while heap and current.get(heap[0][1]) != heap[0][0]:
            heapq.heappop(heap)
        return heap[0] if heap else None
