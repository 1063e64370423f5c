"""The calendar: what a declaration wants at `now`, and when that changes next.

"Desired" has three values: **active now**, **start at T** (a resume Hood must start at T), and
**paused**. A declaration without a flight wants what it says (`state`, with `run_immediately`
or a `scheduled_time`). A flight (`active_from`, `active_until`, GMT once check has read them
in the entry's zone) narrows it by time: before the flight it wants to start at `active_from`
(Hood's own schedule, so no run is needed at that minute), inside it wants active now, after it
paused, with a reason naming the end. Hood can schedule a resume but not a pause, so an end
needs a run after it; a late run converges to the calendar now and never resumes for a flight
that is over.

Pure: `now` is an argument; the domain never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.unknown import is_unknown

DesireKind = Literal["active", "start", "paused"]


@dataclass(frozen=True)
class Desire:
    """What a declaration wants of its campaign at one moment."""

    kind: DesireKind
    at: str | None = None
    """For `start`: the GMT time Hood must start it at."""
    by_calendar: bool = False
    """The flight decided it (a start before the flight, a pause after it), not a fixed state."""
    reason: str | None = None
    """For `paused`: the reason sent with the pause."""


@dataclass(frozen=True)
class Transition:
    """The calendar's next change of a declaration's desire."""

    at: str
    """GMT, the API's form."""
    action: Literal["resume", "pause"]

    def record(self) -> dict[str, str]:
        """As the outputs carry it (`next_transition`)."""
        return {"at": self.at, "action": self.action}


def flight_end_reason(until: str) -> str:
    """The pause reason after a flight: the end it names (GMT)."""
    return f"flight ended at {until} GMT"


def desire_at(declaration: RunStateInputs, now: datetime) -> Desire:
    """What `declaration` wants at `now`."""
    if not declaration.has_flight:
        if declaration.state == "paused":
            return Desire("paused", reason=declaration.pause_reason)
        start = declaration.starts_at()
        return Desire("start", at=start) if start is not None else Desire("active")
    start, until = declaration.active_from, declaration.active_until
    if until is not None and _known(until) and parse_api_time(until) <= now:
        return Desire("paused", by_calendar=True, reason=flight_end_reason(until))
    if start is not None and (not _known(start) or parse_api_time(start) > now):
        return Desire("start", at=start, by_calendar=True)
    return Desire("active", by_calendar=True)


def next_transition(declaration: RunStateInputs, now: datetime) -> Transition | None:
    """The calendar's next change after `now`, or None when nothing is ahead."""
    if declaration.state != "active":
        return None
    if not declaration.has_flight:
        start = declaration.starts_at()
        if start is not None and _known(start) and parse_api_time(start) > now:
            return Transition(start, "resume")
        return None
    start, until = declaration.active_from, declaration.active_until
    if start is not None and _known(start) and parse_api_time(start) > now:
        return Transition(start, "resume")
    if until is not None and _known(until) and parse_api_time(until) > now:
        return Transition(until, "pause")
    return None


def _known(value: str) -> bool:
    return not is_unknown(value)


def as_of(declaration: RunStateInputs, desire: Desire) -> RunStateInputs:
    """The declaration a flight stands for at one moment: what a write would carry (a resume
    now or at the flight's start, or a pause naming its end). Without a flight, itself."""
    if not declaration.has_flight:
        return declaration
    base = replace(declaration, active_from=None, active_until=None, scheduled_time=None)
    if desire.kind == "paused":
        return replace(base, state="paused", run_immediately=False, pause_reason=desire.reason)
    if desire.kind == "start":
        return replace(base, state="active", run_immediately=False, scheduled_time=desire.at)
    return replace(base, state="active", run_immediately=True)
