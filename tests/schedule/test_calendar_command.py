"""`ocamba-campaigns calendar <stack file> [-o FILE]`: the planned starts, pauses, skipped
windows and freezes as an iCalendar feed, read back here by another library (vobject) than
the one that wrote it (icalendar). No token, no API, no engine.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.support.schedule_commands import calendar, events
from tests.support.stack_files import stack_file

WEEKDAYS = [{"rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", "duration": "9h"}]
CAMPAIGNS = [
    {
        "id": "1000248",
        "state": "active",
        "active_from": "2026-11-23 00:00:00",
        "active_until": "2026-12-04 23:59:00",
        "time_zone": "Europe/Belgrade",
        "windows": WEEKDAYS,
    },
    {"id": "1000251", "state": "active", "scheduled_time": "2026-12-01 09:00:00"},
    {"id": "1000260", "state": "paused"},
]
FREEZES = [{"name": "black-friday", "from": "2026-11-27 00:00:00", "until": "2026-11-30 23:59:00"}]


def test_the_feed_has_every_start_pause_skipped_window_and_freeze(tmp_path: Path) -> None:
    path = stack_file(tmp_path, CAMPAIGNS, **{"ocamba:freezes": FREEZES})

    done = calendar(path, "--days", "14")

    assert done.returncode == 0, done.stderr
    found = sorted((e.dtstart.value, e.summary.value) for e in events(done.stdout))
    starts = [at for at, what in found if what == "Campaign 1000248 starts"]
    assert [at.strftime("%a %d %H:%M") for at in starts] == [
        "Mon 23 08:00", "Tue 24 08:00", "Wed 25 08:00", "Thu 26 08:00",
        "Tue 01 08:00", "Wed 02 08:00", "Thu 03 08:00", "Fri 04 08:00",
    ]  # fmt: skip
    assert len([what for _, what in found if what == "Campaign 1000248 pauses"]) == 8
    assert (
        datetime(2026, 11, 27, 8, tzinfo=UTC),
        "Campaign 1000248: window skipped (freeze black-friday)",
    ) in found
    assert (datetime(2026, 12, 1, 9, tzinfo=UTC), "Campaign 1000251 starts") in found
    assert not any("1000260" in what for _, what in found)
    (freeze,) = [e for e in events(done.stdout) if e.summary.value == "Freeze: black-friday"]
    assert (freeze.dtstart.value, freeze.dtend.value) == (
        datetime(2026, 11, 27, tzinfo=UTC),
        datetime(2026, 11, 30, 23, 59, tzinfo=UTC),
    )


def test_uids_are_unique_and_stable_so_a_subscribed_calendar_updates_in_place(
    tmp_path: Path,
) -> None:
    path = stack_file(tmp_path, CAMPAIGNS, **{"ocamba:freezes": FREEZES})

    first, again = calendar(path, "--days", "14"), calendar(path, "--days", "14")

    uids = [e.uid.value for e in events(first.stdout)]
    assert len(uids) == len(set(uids))
    assert uids == [e.uid.value for e in events(again.stdout)]


def test_the_entry_zone_is_in_each_description(tmp_path: Path) -> None:
    done = calendar(stack_file(tmp_path, CAMPAIGNS), "--days", "2")

    (first, *_) = sorted(events(done.stdout), key=lambda e: e.dtstart.value)
    assert first.description.value == "1000248\n2026-11-23 09:00 Europe/Belgrade"


def test_output_file_is_written_and_the_count_said(tmp_path: Path) -> None:
    target = tmp_path / "campaigns.ics"

    done = calendar(stack_file(tmp_path, CAMPAIGNS), "-o", str(target), "--days", "14")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {target}: 21 planned changes in the next 14 days")
    assert len(events(target.read_text(encoding="utf-8"))) == 21


def test_a_bad_freeze_is_one_error_line_naming_the_entry(tmp_path: Path) -> None:
    bad = [{"name": "xmas", "from": "2026-12-24 00:00:00"}]

    done = calendar(stack_file(tmp_path, CAMPAIGNS, **{"ocamba:freezes": bad}))

    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert "ocamba:freezes[0]: a freeze needs from and until" in done.stderr
    assert "Traceback" not in done.stderr
