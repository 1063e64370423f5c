"""What the calendar will do in the next days: each start and pause, the windows a freeze
skips, and the freezes themselves, for a reviewer (the PR comment's "Upcoming") and for a
marketing calendar (`ocamba-campaigns calendar`).

A reviewer cannot see from one row that a flight overlaps a freeze or starts on a Sunday; this
lays the declarations out on the time line the runs will follow. It asks the calendar the
same questions the verdict does (calendar.py), so what it shows is what the runs will do.

Pure: `now` and the horizon are arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from ocamba_provider.domain.calendar import openings, skipped_openings
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import Freezes
from ocamba_provider.domain.times import format_api_time, parse_api_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.windows import Occurrence

HORIZON: Final = timedelta(days=14)
"""How far ahead the PR comment looks (the issue's "next 14 days")."""

Happening = Literal["resume", "pause", "skipped"]


@dataclass(frozen=True)
class Planned:
    """One declared campaign (or group) as the calendar sees it: what to call it and in which
    zone. A group's calendar does not depend on its members: it is planned once, by its name,
    from the declaration every member stands for (`GroupInputs.member("")`)."""

    declaration: RunStateInputs
    name: str
    zone: str
    group: str = ""
    """The group's name (then the declaration's campaign id is empty)."""


@dataclass(frozen=True, order=True)
class Upcoming:
    """One change the calendar makes (or skips) at `at`."""

    at: datetime
    campaign_id: str
    happening: Happening
    name: str = ""
    zone: str = ""
    freeze: str = ""
    """For `skipped`: the freeze the window would have opened in."""
    group: str = ""
    """A group's change (then `campaign_id` is empty): every member follows it."""


@dataclass(frozen=True)
class Span:
    """A bar on the time line: a flight, a window or a freeze."""

    label: str
    """The campaign's id (`group <name>` for a group, or the freeze's name)."""
    name: str
    occurrence: Occurrence
    kind: Literal["flight", "window", "freeze"]


@dataclass(frozen=True)
class Outlook:
    """The calendar from `start` to `end`."""

    start: datetime
    end: datetime
    changes: tuple[Upcoming, ...]
    spans: tuple[Span, ...]


def outlook(
    planned: Iterable[Planned], freezes: Freezes, now: datetime, horizon: timedelta = HORIZON
) -> Outlook:
    """The changes and spans of [now, now + horizon), by time."""
    end = now + horizon
    changes: list[Upcoming] = []
    spans: list[Span] = []
    for item in planned:
        found, bars = _of(item, freezes, now, end)
        changes += found
        spans += bars
    spans += [
        Span(name, name, occurrence, "freeze") for name, occurrence in freezes.between(now, end)
    ]
    spans.sort(key=lambda span: (span.kind != "freeze", span.occurrence.start, span.label))
    return Outlook(now, end, tuple(sorted(changes)), tuple(spans))


def _of(
    item: Planned, freezes: Freezes, now: datetime, end: datetime
) -> tuple[list[Upcoming], list[Span]]:
    declaration = item.declaration
    if declaration.state != "active":
        return [], []

    def change(at: datetime, happening: Happening, freeze: str = "") -> Upcoming:
        return Upcoming(
            at, declaration.campaign_id, happening, item.name, item.zone, freeze, item.group
        )

    if not declaration.has_flight:
        start = _time(declaration.starts_at())
        return ([change(start, "resume")] if start and now <= start < end else []), []
    kind: Literal["flight", "window"] = "window" if declaration.windows else "flight"
    opened = openings(declaration, now, end, freezes)
    changes = [change(one.start, "resume") for one in opened if one.start >= now]
    changes += [change(one.end, "pause") for one in opened if now <= one.end < end]
    changes += [
        change(one.start, "skipped", freeze)
        for one, freeze in skipped_openings(declaration, now, end, freezes)
    ]
    label = f"group {item.group}" if item.group else declaration.campaign_id
    bars = [Span(label, item.name, one, kind) for one in opened]
    return changes, bars


def _time(value: str | None) -> datetime | None:
    return parse_api_time(value) if value is not None and not is_unknown(value) else None


def skipped_soon(
    declaration: RunStateInputs, freezes: Freezes, now: datetime, horizon: timedelta = HORIZON
) -> list[tuple[str, str]]:
    """The windows of the next days a freeze skips: (opening, GMT; freeze name), by time."""
    if not declaration.windows or not freezes.rules or declaration.state != "active":
        return []
    found = skipped_openings(declaration, now, now + horizon, freezes)
    return [(format_api_time(opening.start), freeze) for opening, freeze in found]
