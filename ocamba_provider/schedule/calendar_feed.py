"""The calendar as an iCalendar feed (RFC 5545) a marketing calendar can subscribe to.

One event per planned start, pause and skipped window (a moment: DTSTART only, which RFC 5545
reads as ending when it starts; a group's once, by its name), and one per freeze (a span).
Each UID is derived from what the event is (campaign or group, change, time), so a calendar
that polls the feed again updates its events instead of adding copies. Times are written in
UTC (`...Z`), which every client reads the same way; the description says the time in the
entry's own zone.

Pure: the outlook and `now` (DTSTAMP) are arguments; the `icalendar` package writes the text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from icalendar import Calendar, Event

from ocamba_provider.domain.upcoming import Outlook, Span, Upcoming
from ocamba_provider.domain.zones import is_gmt, to_local

PRODUCT: Final = "-//ocamba-campaigns//run-state calendar//EN"
_UID_DOMAIN: Final = "ocamba-campaigns"
_TITLES: Final = {
    "resume": "{who} starts",
    "pause": "{who} pauses",
    "skipped": "{who}: window skipped (freeze {freeze})",
}


def feed(outlook: Outlook, now: datetime, name: str) -> bytes:
    """The feed of `outlook`, stamped `now`, titled `name` (the stack)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Campaign run-state: {name}")
    for change in outlook.changes:
        calendar.add_component(_change(change, now))
    for span in outlook.spans:
        if span.kind == "freeze":
            calendar.add_component(_freeze(span, now))
    text: bytes = calendar.to_ical()
    return text


def _change(change: Upcoming, now: datetime) -> Event:
    event = Event()
    who = f"Group {change.group}" if change.group else f"Campaign {change.campaign_id}"
    summary = _TITLES[change.happening].format(who=who, freeze=change.freeze)
    uid_of = f"group-{change.group}" if change.group else change.campaign_id
    event.add("uid", _uid(uid_of, change.happening, change.at))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", change.at.astimezone(UTC))
    event.add("summary", summary)
    details = [f"{change.name} ({change.campaign_id})" if change.name else change.campaign_id]
    if change.group:
        details = [f"group {change.group}: every member"]
    if change.zone and not is_gmt(change.zone):
        local = to_local(change.at, change.zone).strftime("%Y-%m-%d %H:%M")
        details.append(f"{local} {change.zone}")
    event.add("description", "\n".join(details))
    event.add("categories", [change.happening])
    return event


def _freeze(span: Span, now: datetime) -> Event:
    event = Event()
    event.add("uid", _uid(span.label, "freeze", span.occurrence.start))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", span.occurrence.start.astimezone(UTC))
    event.add("dtend", span.occurrence.end.astimezone(UTC))
    event.add("summary", f"Freeze: {span.label}")
    event.add("description", "No campaign is resumed or rescheduled; pauses still go through.")
    event.add("categories", ["freeze"])
    return event


def _uid(who: str, what: str, at: datetime) -> str:
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    safe = "".join(char if char.isalnum() else "-" for char in who)
    return f"{safe}-{what}-{stamp}@{_UID_DOMAIN}"
