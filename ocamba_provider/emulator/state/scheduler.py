"""What the emulated service does by itself as its clock moves: start scheduled campaigns and
finish one-shot runs.

A `scheduled` campaign starts at its time (event `started`: status `running`, `next_run_time`
cleared, `run_counter` + 1, `was_launched`). With `run_seconds` set, a `running` campaign becomes
`sent` that long after its latest start (event `finished`); a pause stops the count and a
resume starts it again. Both are system events (`GET /_emulator/events`), never ledger entries,
and `update_time` is the time they happened by the emulator's clock.

No background thread: the store calls `catch_up` before every read and write, so a start that
passed while nobody asked is applied (at its own time) on the next request.

Seeded and out-of-band schedules: a `scheduled` campaign set from outside the API starts only if
its time (`scheduled_time`, else `next_run_time`) is still ahead when it is set. A seed states
what the workspace looks like now, so an old seed's fixed date does not start it years later.
A resume through the API with a time already reached starts at once (`past_schedule: "run"`;
the handler refuses it under `"refuse"`). Seeded or out-of-band `running` campaigns count their
run from the moment they were set.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .campaigns import Campaign, format_time, parse_time
from .clock import EmulatorClock
from .events import SystemEvents
from .timeline import Timeline


class Scheduler:
    """The system transitions of one workspace (the store's lock guards it)."""

    def __init__(self, clock: EmulatorClock, events: SystemEvents) -> None:
        self.clock = clock
        self.events = events
        self.timeline = Timeline()
        # A one-shot run finishes (`sent`) this long after it started; None = never.
        self.run_seconds: float | None = None

    def catch_up(self, campaigns: dict[str, Campaign]) -> None:
        """Apply every transition due by the clock to `campaigns`, oldest first."""
        now = self.clock.now()
        while (due := self.timeline.next_due(now, self.run_seconds)) is not None:
            campaign = campaigns[due.campaign_id]
            changes: dict[str, Any] = {"next_run_time": None, "update_time": format_time(due.at)}
            if due.event == "started":
                run_counter = _int(campaign.get("run_counter")) + 1
                changes.update(status="running", run_counter=run_counter, was_launched=True)
                self.timeline.running(due.campaign_id, due.at)
            else:
                changes.update(status="sent")
            campaign.update(changes)
            self.events.record(due.campaign_id, due.event, due.at)

    def follow(self, campaign: Campaign) -> None:
        """A status set from outside the API (seed, control): what the campaign does next."""
        campaign_id, status, now = campaign["id"], campaign["status"], self.clock.now()
        self.timeline.forget(campaign_id)
        if status == "running":
            self.timeline.running(campaign_id, now)
        elif status == "scheduled":
            at = _schedule_of(campaign)
            if at is not None and at > now:
                self.timeline.expect_start(campaign_id, at)

    def resumed(self, campaign_id: str, scheduled_time: str | None) -> None:
        """A resume was applied: running from now, or starting at `scheduled_time` (at once if
        that time is already reached)."""
        now = self.clock.now()
        at = None if scheduled_time is None else parse_time(scheduled_time)
        if at is None:
            self.timeline.running(campaign_id, now)
        else:
            self.timeline.expect_start(campaign_id, max(at, now))

    def stopped(self, campaign_id: str) -> None:
        """A pause or cancel was applied: nothing happens by itself any more."""
        self.timeline.forget(campaign_id)

    def clear(self) -> None:
        """Nothing pending (a new workspace)."""
        self.timeline.clear()


def _schedule_of(campaign: Campaign) -> datetime | None:
    for name in ("scheduled_time", "next_run_time"):
        value = campaign.get(name)
        at = parse_time(value) if isinstance(value, str) else None
        if at is not None:
            return at
    return None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
