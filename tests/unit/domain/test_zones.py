"""Local times in an IANA zone <-> GMT, over the days the clocks change (domain/zones.py).

Two zones with daylight saving time on different rules (Europe/Belgrade, America/New_York),
one with a quarter-hour offset (Asia/Kathmandu). Every local time the zone shows once or twice
round-trips; every local time it skips is refused; a repeated one is its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocamba_provider.domain.times import normalise_scheduled_time
from ocamba_provider.domain.zones import NonexistentLocalTime, UnknownZone, to_gmt, to_local

ZONES = ("Europe/Belgrade", "America/New_York")

# Wall times around the changes of 2027: the hour skipped in spring, the hour repeated in
# autumn (Belgrade: last Sunday of March / October at 02:00 and 03:00; New York: second
# Sunday of March / first Sunday of November at 02:00 and 02:00).
SKIPPED = {
    "Europe/Belgrade": datetime(2027, 3, 28, 2, 30),
    "America/New_York": datetime(2027, 3, 14, 2, 30),
}
REPEATED = {
    "Europe/Belgrade": datetime(2027, 10, 31, 2, 30),
    "America/New_York": datetime(2027, 11, 7, 1, 30),
}

local_times = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2031, 12, 31), timezones=st.none()
).map(lambda moment: moment.replace(microsecond=0))


def _exists(wall: datetime, zone_name: str) -> bool:
    """Whether the zone shows this wall time: some instant within a day maps to it."""
    place = ZoneInfo(zone_name)
    for fold in (0, 1):
        instant = wall.replace(tzinfo=place, fold=fold).astimezone(UTC)
        if instant.astimezone(place).replace(tzinfo=None) == wall:
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(wall=local_times, zone_name=st.sampled_from(ZONES))
def test_every_shown_local_time_round_trips_and_every_skipped_one_is_refused(
    wall: datetime, zone_name: str
) -> None:
    if _exists(wall, zone_name):
        assert to_local(to_gmt(wall, zone_name), zone_name) == wall
    else:
        with pytest.raises(NonexistentLocalTime):
            to_gmt(wall, zone_name)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2031, 12, 31), timezones=st.none()
    ),
    zone_name=st.sampled_from(ZONES),
)
def test_the_days_the_clocks_change_are_covered_hour_by_hour(
    start: datetime, zone_name: str
) -> None:
    # Walk GMT hour by hour across a day: each instant's wall time maps back to an instant no
    # later than it (the first occurrence), and to itself unless the hour repeats.
    instant = start.replace(minute=0, second=0, microsecond=0, tzinfo=UTC)
    for hour in range(24):
        moment = instant + timedelta(hours=hour)
        wall = to_local(moment, zone_name)
        back = to_gmt(wall, zone_name)
        assert back <= moment
        assert to_local(back, zone_name) == wall


@pytest.mark.parametrize("zone_name", ZONES)
def test_a_time_the_clocks_skip_is_refused_naming_the_zone(zone_name: str) -> None:
    with pytest.raises(NonexistentLocalTime, match=zone_name):
        to_gmt(SKIPPED[zone_name], zone_name)


@pytest.mark.parametrize("zone_name", ZONES)
def test_a_time_the_clocks_repeat_is_its_first_occurrence(zone_name: str) -> None:
    wall = REPEATED[zone_name]
    first = wall.replace(tzinfo=ZoneInfo(zone_name), fold=0).astimezone(UTC)
    second = wall.replace(tzinfo=ZoneInfo(zone_name), fold=1).astimezone(UTC)

    assert second - first == timedelta(hours=1)
    assert to_gmt(wall, zone_name) == first


def test_a_time_in_kathmandu_reaches_hood_as_the_right_gmt_instant() -> None:
    # Nepal is GMT+05:45 all year: 09:00 there is 03:15 GMT.
    assert normalise_scheduled_time("2026-12-01 09:00:00", "Asia/Kathmandu") == (
        "2026-12-01 03:15:00"
    )
    assert normalise_scheduled_time("2026-12-01 02:00:00", "Asia/Kathmandu") == (
        "2026-11-30 20:15:00"
    )


def test_a_time_with_its_own_offset_ignores_the_zone() -> None:
    assert normalise_scheduled_time("2026-12-01T10:00:00+01:00", "Asia/Kathmandu") == (
        "2026-12-01 09:00:00"
    )


@pytest.mark.parametrize("name", ["Mars/Olympus", "", " Europe/Belgrade", "../etc/passwd"])
def test_a_name_that_is_not_a_zone_is_refused(name: str) -> None:
    with pytest.raises(UnknownZone, match="is not an IANA time zone name"):
        to_gmt(datetime(2026, 12, 1, 9), name)
