"""Recurring windows (RFC 5545): the rule from `active_from`, DURATION as RFC 5545 defines it
(days are nominal, hours exact), evaluated on the wall clock of the entry's zone, and an
occurrence the clocks skip (a DST gap) does not happen.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import islice

import pytest

from ocamba_provider.domain.windows import Window, occurrences, parse_duration, rule_of

BELGRADE = "Europe/Belgrade"
WEEKDAYS_9_TO_6 = Window("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", "PT9H")
MONDAY = datetime(2026, 12, 7, tzinfo=UTC)  # a Monday


def first(window: Window, dtstart: datetime, zone: str, count: int = 6) -> list[tuple[str, str]]:
    found = islice(occurrences(window, dtstart, zone, dtstart), count)
    return [(o.start.strftime("%a %m-%d %H:%M"), o.end.strftime("%H:%M")) for o in found]


def test_weekdays_nine_to_six_belgrade_time_are_eight_to_five_gmt_in_winter() -> None:
    assert first(WEEKDAYS_9_TO_6, MONDAY, BELGRADE) == [
        ("Mon 12-07 08:00", "17:00"),
        ("Tue 12-08 08:00", "17:00"),
        ("Wed 12-09 08:00", "17:00"),
        ("Thu 12-10 08:00", "17:00"),
        ("Fri 12-11 08:00", "17:00"),
        ("Mon 12-14 08:00", "17:00"),
    ]


def test_the_wall_clock_holds_across_a_dst_change() -> None:
    # Clocks go forward in Belgrade on Sunday 2027-03-28: 09:00 is 08:00 GMT before, 07:00 after.
    friday = datetime(2027, 3, 26, tzinfo=UTC)

    assert first(WEEKDAYS_9_TO_6, friday, BELGRADE, 2) == [
        ("Fri 03-26 08:00", "17:00"),
        ("Mon 03-29 07:00", "16:00"),
    ]


def test_an_occurrence_in_a_dst_gap_is_skipped() -> None:
    # 02:30 does not exist in New York on 2027-03-14.
    nightly = Window("FREQ=DAILY;BYHOUR=2;BYMINUTE=30", "PT1H")
    start = datetime(2027, 3, 13, 0, 0, tzinfo=UTC)

    days = [
        o.start.date().isoformat()
        for o in islice(occurrences(nightly, start, "America/New_York", start), 3)
    ]

    assert days == ["2027-03-13", "2027-03-15", "2027-03-16"]


def test_a_one_day_duration_is_nominal_a_24_hour_one_exact() -> None:
    # Over the spring change a day is 23 hours long; PT24H stays 24 hours.
    saturday = datetime(2027, 3, 27, 11, 0, tzinfo=UTC)  # 12:00 Belgrade
    day = Window("FREQ=WEEKLY;BYDAY=SA;BYHOUR=12;BYMINUTE=0", "P1D")
    hours = Window("FREQ=WEEKLY;BYDAY=SA;BYHOUR=12;BYMINUTE=0", "PT24H")

    (nominal,) = islice(occurrences(day, saturday, BELGRADE, saturday), 1)
    (exact,) = islice(occurrences(hours, saturday, BELGRADE, saturday), 1)

    assert nominal.end - nominal.start == timedelta(hours=23)
    assert exact.end - exact.start == timedelta(hours=24)


@pytest.mark.parametrize(
    ("text", "days", "seconds"),
    [
        ("PT9H", 0, 9 * 3600),
        ("PT1H30M", 0, 5400),
        ("9h", 0, 9 * 3600),
        ("90m", 0, 5400),
        ("1h30m", 0, 5400),
        ("P1D", 1, 0),
        ("1d", 1, 0),
        ("P1W", 7, 0),
        ("P1DT12H", 1, 12 * 3600),
    ],
)
def test_durations_in_rfc_5545_and_friendly_forms(text: str, days: int, seconds: int) -> None:
    found = parse_duration(text)

    assert (found.days, found.seconds) == (days, seconds)


@pytest.mark.parametrize("text", ["", "9", "PT", "-PT1H", "P1Y", "soon", "PT0S"])
def test_what_is_no_duration_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a duration|no time at all"):
        parse_duration(text)


def test_a_rule_that_names_its_own_start_is_refused() -> None:
    with pytest.raises(ValueError, match="active_from"):
        rule_of("DTSTART:20261207T090000\nRRULE:FREQ=DAILY", datetime(2026, 12, 7))


def test_a_rule_dateutil_cannot_read_is_refused_with_its_text() -> None:
    with pytest.raises(ValueError, match="'FREQ=SOMETIMES' is not an RRULE"):
        rule_of("FREQ=SOMETIMES", datetime(2026, 12, 7))
