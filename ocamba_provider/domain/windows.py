"""Recurring windows: RFC 5545 occurrences of an RRULE from a flight's start, each open for a
DURATION, in the entry's time zone.

`{rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", duration: "PT9H"}`: DTSTART is
the flight's `active_from` (as a wall time in the entry's zone), the recurrence is
python-dateutil's rrule over wall times, and an occurrence whose wall time the zone skips (the
spring-forward hour) is skipped, as RFC 5545 says; a repeated one is its first. DURATION is RFC
5545's: weeks and days are nominal (the same wall time days later), hours, minutes and seconds
exact (added to the instant). Friendly forms (`9h`, `30m`, `1d`, `1d12h`) are accepted too.

Pure: every moment is an argument.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any, Final

from dateutil.rrule import rrule, rrulestr

from ocamba_provider.domain.zones import NonexistentLocalTime, to_gmt, to_local

_ISO: Final = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)
_FRIENDLY: Final = re.compile(
    r"^(?:(?P<w>\d+)w)?\s*(?:(?P<d>\d+)d)?\s*(?:(?P<h>\d+)h)?\s*(?:(?P<m>\d+)m(?:in)?)?\s*"
    r"(?:(?P<s>\d+)s)?$"
)
GAP_SAMPLE: Final = 400
"""Occurrences compared to find the shortest gap a duration must fit in (over a year of
weekdays)."""


@dataclass(frozen=True)
class Duration:
    """A window's length: nominal days (weeks included) and exact seconds."""

    days: int
    seconds: int

    def end(self, local_start: datetime, zone_name: str) -> datetime:
        """The instant (UTC) a window opened at the wall time `local_start` closes."""
        nominal = local_start + timedelta(days=self.days)
        try:
            closes = to_gmt(nominal, zone_name)
        except NonexistentLocalTime:
            # A nominal end the clocks skip: the first wall time after the gap.
            closes = to_gmt(nominal + timedelta(hours=1), zone_name)
        return closes + timedelta(seconds=self.seconds)

    @property
    def longest(self) -> timedelta:
        """At most this long (a nominal day is at most 25 hours)."""
        return timedelta(hours=25 * self.days, seconds=self.seconds)


def parse_duration(text: str) -> Duration:
    """An RFC 5545 DURATION (`PT9H`, `P1D`, `P1W`) or a friendly one (`9h`, `1d12h`).

    Raises:
        ValueError: neither form, or a length of zero.
    """
    value = text.strip()
    found = _ISO.match(value) if value.startswith("P") else _FRIENDLY.match(value.lower())
    if found is None or not any(found.groupdict().values()):
        raise ValueError(
            f"{text!r} is not a duration: use RFC 5545 (PT9H, P1D, P1W, PT1H30M) or 9h, 30m, 1d"
        )
    part = {key: int(number or 0) for key, number in found.groupdict().items()}
    duration = Duration(
        days=7 * part["w"] + part["d"], seconds=3600 * part["h"] + 60 * part["m"] + part["s"]
    )
    if duration.days == 0 and duration.seconds == 0:
        raise ValueError(f"{text!r} is no time at all: a window must last")
    return duration


@dataclass(frozen=True)
class Window:
    """One recurring window of a flight: its rule and how long each occurrence lasts."""

    rrule: str
    duration: str

    @classmethod
    def from_input(cls, value: Mapping[str, Any]) -> Window:
        """A window as declared (`{rrule, duration}`)."""
        return cls(str(value.get("rrule", "")), str(value.get("duration", "")))

    def record(self) -> dict[str, str]:
        """As inputs and outputs carry it."""
        return {"rrule": self.rrule, "duration": self.duration}


@dataclass(frozen=True, order=True)
class Occurrence:
    """One opening of a window (or a freeze): [start, end), UTC."""

    start: datetime
    end: datetime

    def holds(self, moment: datetime) -> bool:
        """Whether `moment` is inside."""
        return self.start <= moment < self.end


def rule_of(text: str, dtstart: datetime) -> rrule:
    """The recurrence `text` (an RRULE, with or without its `RRULE:` prefix) from the wall
    time `dtstart`.

    Raises:
        ValueError: not an RRULE dateutil reads, or one that names its own DTSTART.
    """
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    if "DTSTART" in body.upper() or not body:
        raise ValueError(f"{text!r}: give the rule alone (FREQ=...); its start is active_from")
    try:
        found = rrulestr(body, dtstart=dtstart)
    except (ValueError, TypeError) as error:
        raise ValueError(f"{text!r} is not an RRULE: {error}") from None
    if not isinstance(found, rrule):
        raise ValueError(f"{text!r}: give one RRULE")
    return found


def occurrences(
    window: Window, dtstart: datetime, zone_name: str, after: datetime
) -> Iterator[Occurrence]:
    """The occurrences of `window` (DTSTART: the UTC instant `dtstart`, read in `zone_name`)
    that are still open at or after `after` (UTC), in order; skipped wall times left out.

    Raises:
        ValueError: the rule or the duration cannot be read (validation says so first).
    """
    duration = parse_duration(window.duration)
    wall_start = to_local(dtstart, zone_name).replace(tzinfo=None)
    rule = rule_of(window.rrule, wall_start)
    # Start early enough to catch a window that opened before `after` and is still open.
    wall_after = to_local(after - duration.longest, zone_name).replace(tzinfo=None)
    for wall in rule.xafter(max(wall_after, wall_start), inc=True):
        try:
            start = to_gmt(wall, zone_name)
        except NonexistentLocalTime:
            continue  # RFC 5545: an occurrence the clocks skip does not happen
        found = Occurrence(start, duration.end(wall, zone_name))
        if found.end > after:
            yield found


def shortest_gap(window: Window, dtstart: datetime, zone_name: str) -> timedelta | None:
    """The shortest time between two consecutive starts of the first GAP_SAMPLE occurrences
    (None with fewer than two)."""
    starts = []
    for found in occurrences(window, dtstart, zone_name, dtstart):
        starts.append(found.start)
        if len(starts) >= GAP_SAMPLE:
            break
    gaps = [later - earlier for earlier, later in pairwise(starts)]
    return min(gaps) if gaps else None


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime."""
    return moment.astimezone(UTC)
