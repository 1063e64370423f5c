"""The calendar: what a declaration wants at `now`, and when that changes next.

"Desired" has three values: **active now**, **start at T** (a resume Hood must start at T), and
**paused**. A declaration without a flight wants what it says (`state`, with `run_immediately`
or a `scheduled_time`). A flight (`active_from`, `active_until`, GMT once check has read them
in the entry's zone) narrows it by time: before the flight it wants to start at `active_from`
(Hood's own schedule, so no run is needed at that minute), inside it wants active now, after it
paused, with a reason naming the end. Recurring `windows` (windows.py) narrow the flight again:
inside an occurrence active now, between two a start at the next one, after the last paused.
An occurrence that opens inside a freeze this run may not pass is skipped (freezes.py). Hood
can schedule a resume but not a pause, so an end needs a run after it; a late run converges to
the calendar now and never resumes for a window that is over.

Pure: `now` is an argument; the domain never reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from heapq import merge
from typing import Final, Literal

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.times import format_api_time, parse_api_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.windows import Occurrence, occurrences
from ocamba_provider.domain.zones import DEFAULT_ZONE

DesireKind = Literal["active", "start", "paused"]
MAX_SCAN: Final = 5000
"""Openings looked at for the next one a freeze does not skip (13 years of daily windows)."""


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
    closed: str | None = None
    """After a flight or a window: when it closed (GMT), for a pause's reason and lateness."""


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


def window_closed_reason(closed: str) -> str:
    """The pause reason after a window: when it closed (GMT)."""
    return f"window closed at {closed} GMT"


def desire_at(declaration: RunStateInputs, now: datetime, freezes: Freezes = NO_FREEZES) -> Desire:
    """What `declaration` wants at `now` (`freezes`: what may not open a window)."""
    if not declaration.has_flight:
        if declaration.state == "paused":
            return Desire("paused", reason=declaration.pause_reason)
        start = declaration.starts_at()
        return Desire("start", at=start) if start is not None else Desire("active")
    start, until = declaration.active_from, declaration.active_until
    if until is not None and _known(until) and parse_api_time(until) <= now:
        return Desire("paused", by_calendar=True, reason=flight_end_reason(until), closed=until)
    if start is not None and not _known(start):
        return Desire("start", at=start, by_calendar=True)  # an Output: judged at apply
    if not declaration.windows:
        if start is not None and parse_api_time(start) > now:
            return Desire("start", at=start, by_calendar=True)
        return Desire("active", by_calendar=True)
    return _in_windows(declaration, now, freezes)


def _in_windows(declaration: RunStateInputs, now: datetime, freezes: Freezes) -> Desire:
    current, ahead = window_around(declaration, now, freezes)
    if current is not None:
        return Desire("active", by_calendar=True)
    last = _last_closed(declaration, now)
    if ahead is None:
        closed = _gmt(last or now)
        return Desire(
            "paused", by_calendar=True, reason=window_closed_reason(closed), closed=closed
        )
    return Desire(
        "start", at=_gmt(ahead.start), by_calendar=True, closed=_gmt(last) if last else None
    )


def window_around(
    declaration: RunStateInputs, now: datetime, freezes: Freezes = NO_FREEZES
) -> tuple[Occurrence | None, Occurrence | None]:
    """The window open at `now` (None: none), and the next one to open inside the flight
    (None: none), skipping those that would open inside a freeze this run may not pass."""
    current = None
    for found in _openings(declaration, now, freezes):
        if found.holds(now):
            current = current or found
        elif found.start > now:
            return current, found
    return current, None


def skipped_openings(
    declaration: RunStateInputs, start: datetime, end: datetime, freezes: Freezes
) -> list[tuple[Occurrence, str]]:
    """The windows of [start, end) skipped for opening inside a freeze, with its name."""
    skipped = []
    for found in _all_openings(declaration, start):
        if found.start >= end:
            break
        frozen = freezes.blocking(found.start)
        if frozen is not None:
            skipped.append((found, frozen.name))
    return skipped


def openings(
    declaration: RunStateInputs, start: datetime, end: datetime, freezes: Freezes = NO_FREEZES
) -> list[Occurrence]:
    """The windows (or the flight itself, without windows) open within [start, end), clipped
    to the flight, skipping those opening inside a freeze this run may not pass."""
    if not declaration.has_flight or not _known_flight(declaration):
        return []
    if not declaration.windows:
        opens = _time(declaration.active_from) or start
        closes = _time(declaration.active_until) or end
        return [Occurrence(opens, closes)] if opens < end and closes > start else []
    found = []
    for opening in _openings(declaration, start, freezes):
        if opening.start >= end:
            break
        found.append(opening)
    return found


def _openings(
    declaration: RunStateInputs, after: datetime, freezes: Freezes
) -> Iterator[Occurrence]:
    """The flight's windows still open at or after `after`, clipped to `active_until`, in
    order, without those that open inside a freeze this run may not pass."""
    for found in _all_openings(declaration, after):
        if freezes.blocking(found.start) is None:
            yield found


def _all_openings(declaration: RunStateInputs, after: datetime) -> Iterator[Occurrence]:
    """Every window's openings still open at or after `after`, merged in order, clipped to
    the flight's end."""
    start, until = _time(declaration.active_from), _time(declaration.active_until)
    if start is None or not declaration.windows:
        return
    zone_name = declaration.time_zone or DEFAULT_ZONE
    streams = [occurrences(window, start, zone_name, after) for window in declaration.windows]
    for found in merge(*streams):
        if until is not None and found.start >= until:
            return
        yield Occurrence(found.start, min(found.end, until)) if until else found


def _last_closed(declaration: RunStateInputs, now: datetime) -> datetime | None:
    """When the latest window that closed by `now` closed (None: none yet)."""
    start = _time(declaration.active_from)
    if start is None or not declaration.windows or start > now:
        return None
    zone_name = declaration.time_zone or DEFAULT_ZONE
    latest = None
    for window in declaration.windows:
        # Occurrences open in the last 40 days: the one that closed last is among them (for a
        # rarer window the reason names `now`).
        for found in occurrences(window, start, zone_name, _day_before(now, start)):
            if found.start > now:
                break
            if found.end <= now and (latest is None or found.end > latest):
                latest = found.end
    return latest


def _day_before(now: datetime, floor: datetime) -> datetime:
    return max(floor, now - timedelta(days=40))


def next_transition(
    declaration: RunStateInputs, now: datetime, freezes: Freezes = NO_FREEZES
) -> Transition | None:
    """The calendar's next change after `now`, or None when nothing is ahead."""
    if declaration.state != "active":
        return None
    if not declaration.has_flight:
        start = declaration.starts_at()
        if start is not None and _known(start) and parse_api_time(start) > now:
            return Transition(start, "resume")
        return None
    if not _known_flight(declaration):
        return None
    if declaration.windows:
        current, ahead = window_around(declaration, now, freezes)
        if current is not None:
            return Transition(_gmt(current.end), "pause")
        return Transition(_gmt(ahead.start), "resume") if ahead is not None else None
    start, until = declaration.active_from, declaration.active_until
    if start is not None and parse_api_time(start) > now:
        return Transition(start, "resume")
    if until is not None and parse_api_time(until) > now:
        return Transition(until, "pause")
    return None


def _known(value: str) -> bool:
    return not is_unknown(value)


def _known_flight(declaration: RunStateInputs) -> bool:
    return all(
        value is None or _known(value)
        for value in (declaration.active_from, declaration.active_until)
    )


def _time(value: str | None) -> datetime | None:
    return parse_api_time(value) if value is not None and _known(value) else None


def _gmt(moment: datetime) -> str:
    return format_api_time(moment)


def as_of(declaration: RunStateInputs, desire: Desire) -> RunStateInputs:
    """The declaration a flight stands for at one moment: what a write would carry (a resume
    now or at the next start, or a pause naming its end). Without a flight, itself."""
    if not declaration.has_flight:
        return declaration
    base = replace(
        declaration, active_from=None, active_until=None, scheduled_time=None, windows=None
    )
    if desire.kind == "paused":
        return replace(base, state="paused", run_immediately=False, pause_reason=desire.reason)
    if desire.kind == "start":
        # Between two windows, the pause before the next start says which window closed.
        reason = window_closed_reason(desire.closed) if desire.closed else base.pause_reason
        return replace(
            base,
            state="active",
            run_immediately=False,
            scheduled_time=desire.at,
            pause_reason=reason,
        )
    return replace(base, state="active", run_immediately=True)
