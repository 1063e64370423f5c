"""Local times in an IANA time zone <-> the GMT the Hood API takes.

Marketing teams think in their own zone ("Monday 09:00 Belgrade time"); the API's times are
GMT. A declaration's `time_zone` (else `ocamba:timeZone`, else UTC) interprets each time it
writes without an offset. The rules at the edges of daylight saving time:

- a local time that does not exist (the hour skipped in spring) is refused: no guess is safe;
- a local time that happens twice (the hour repeated in autumn) is its first occurrence
  (`fold=0`, as RFC 5545 and Python do);
- zones come from the IANA database (`zoneinfo`, with the `tzdata` package where the system
  has none), never from hand-written offsets.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE: Final = "UTC"
_GMT_NAMES: Final = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/UCT", "UCT", "Zulu"})


class UnknownZone(ValueError):
    """Not an IANA time zone name."""


class NonexistentLocalTime(ValueError):
    """A local wall time the zone skips (spring forward)."""


@cache
def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`.

    Raises:
        UnknownZone: no such zone in the database.
    """
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        raise UnknownZone(f"{name!r} is not an IANA time zone name, e.g. 'Europe/Belgrade'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownZone(
            f"{name!r} is not an IANA time zone name, e.g. 'Europe/Belgrade'"
        ) from None


def is_gmt(name: str) -> bool:
    """True for the names of UTC itself (times need no second rendering)."""
    return name in _GMT_NAMES


def to_gmt(wall: datetime, zone_name: str) -> datetime:
    """The GMT instant of naive local time `wall` in `zone_name`; the first of two occurrences.

    Raises:
        UnknownZone: `zone_name` is not a zone.
        NonexistentLocalTime: the zone skips `wall` (the hour lost in spring).
    """
    place = zone(zone_name)
    local = wall.replace(tzinfo=place, fold=0)
    instant = local.astimezone(UTC)
    # A skipped wall time does not survive the round trip: Python maps it by the offset before
    # the change, and back to another wall time.
    if instant.astimezone(place).replace(tzinfo=None) != wall:
        raise NonexistentLocalTime(
            f"{wall.isoformat(sep=' ')} does not exist in {zone_name}: the clocks skip it "
            "(daylight saving time begins); choose a time outside the skipped hour"
        )
    return instant


def to_local(instant: datetime, zone_name: str) -> datetime:
    """The naive wall time of an aware instant in `zone_name`."""
    return instant.astimezone(zone(zone_name)).replace(tzinfo=None)
