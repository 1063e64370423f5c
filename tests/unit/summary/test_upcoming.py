"""The PR comment's "Upcoming" section and its freeze override warning (issue 25).

The next 14 days of starts, pauses and skipped windows, in each entry's zone and in GMT; a
Mermaid gantt of flights, windows and freezes; both bounded, saying what they left out. An
override of a freeze shows like the guard's, from the provider's checked inputs only.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ocamba_provider.summary import COMMENT_LIMIT
from ocamba_provider.summary import summarize as summarize_at
from ocamba_provider.summary.upcoming import MAX_BARS, MAX_CHANGES
from tests.support.comment_rows import UPCOMING_HEADING
from tests.support.preview_documents import document, inputs, step

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # a Monday
FREEZES = [{"name": "black-friday", "from": "2026-11-27 00:00:00", "until": "2026-11-30 23:59:00"}]
WEEKDAYS = [{"rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0", "duration": "PT9H"}]
WINDOWED = step(
    "create",
    "weekday-push",
    inputs(
        "1000248",
        "active",
        "paused",
        name="Weekday push",
        active_from="2026-11-22 23:00:00",
        time_zone="Europe/Belgrade",
        windows=WEEKDAYS,
    ),
)


def config(freezes: object = FREEZES) -> dict[str, str]:
    # `pulumi preview --json` carries object config values as JSON text.
    return {"ocamba:freezes": json.dumps(freezes)}


def upcoming(text: str) -> str:
    assert UPCOMING_HEADING in text, text
    return text.split(UPCOMING_HEADING, maxsplit=1)[1]


def test_each_window_shows_its_start_and_pause_in_the_entrys_zone_and_in_gmt() -> None:
    section = upcoming(summarize_at(document(WINDOWED, config=config()), now=NOW))

    assert (
        "| Mon 2026-11-23 09:00 Europe/Belgrade | Mon 2026-11-23 08:00 GMT "
        "| 1000248 Weekday push | **resume** |"
    ) in section
    assert "| Mon 2026-11-23 18:00 Europe/Belgrade | Mon 2026-11-23 17:00 GMT" in section


def test_a_window_that_opens_inside_a_freeze_is_shown_skipped_naming_it() -> None:
    section = upcoming(summarize_at(document(WINDOWED, config=config()), now=NOW))

    friday = "| Fri 2026-11-27 09:00 Europe/Belgrade | Fri 2026-11-27 08:00 GMT"
    skipped = "**skipped: the window opens inside freeze `black-friday`**"
    assert f"{friday} | 1000248 Weekday push | {skipped} |" in section
    assert f"{friday} | 1000248 Weekday push | **resume** |" not in section


def test_the_gantt_shows_the_freeze_and_the_windows_in_gmt() -> None:
    section = upcoming(summarize_at(document(WINDOWED, config=config()), now=NOW))
    gantt = section.split("```mermaid\n", 1)[1].split("```", 1)[0]

    assert (
        "    section Freezes\n    black-friday :crit, 2026-11-27 00:00, 2026-11-30 23:59" in gantt
    )
    assert (
        "    section 1000248 Weekday push\n    window :2026-11-23 08:00, 2026-11-23 17:00" in gantt
    )


def test_a_campaign_name_cannot_break_the_gantt_or_the_table() -> None:
    hostile = step(
        "create",
        "x",
        inputs(
            "1000249",
            "active",
            "paused",
            name="Sale: 50%; #1 @team\n```",
            active_from="2026-11-24 00:00:00",
            active_until="2026-11-25 00:00:00",
        ),
    )

    section = upcoming(summarize_at(document(hostile), now=NOW))

    assert "section 1000249 Sale 50 1 team" in section
    assert "@\u200bteam" in section  # the table's cell is inert like every other
    assert section.count("```") == 2


def test_no_calendar_no_section() -> None:
    plain = step("create", "p", inputs("1000250", "active", "paused", run_immediately=True))

    assert UPCOMING_HEADING not in summarize_at(document(plain), now=NOW)


def test_a_scheduled_start_within_the_horizon_is_listed_in_gmt() -> None:
    at = step(
        "create", "n", inputs("1000251", "active", "paused", scheduled_time="2026-12-01 09:00:00")
    )

    section = upcoming(summarize_at(document(at), now=NOW))

    assert "| (GMT) | Tue 2026-12-01 09:00 GMT | 1000251 | **resume** |" in section


def test_a_long_calendar_says_what_it_left_out_and_the_comment_stays_in_bounds() -> None:
    many = [
        step(
            "create",
            f"c{index}",
            inputs(
                str(2000000 + index),
                "active",
                "paused",
                active_from="2026-11-22 23:00:00",
                time_zone="Europe/Belgrade",
                windows=WEEKDAYS,
            ),
        )
        for index in range(60)
    ]

    text = summarize_at(document(*many, config=config()), now=NOW)
    section = upcoming(text)

    assert len(text) < COMMENT_LIMIT
    assert (
        section.count("| **resume** |")
        + section.count("| **pause** |")
        + section.count("| **skipped")
        == MAX_CHANGES
    )
    assert section.count(" :20") + section.count(" :crit, 20") == MAX_BARS
    assert "changes and " in section
    assert "bars left out: `ocamba-campaigns calendar` writes every one" in section


def test_a_freeze_override_recorded_by_check_shows_as_a_warning() -> None:
    passed = step(
        "create",
        "n",
        inputs("1000252", "active", "paused", run_immediately=True, freeze_override="black-friday"),
    )

    text = summarize_at(document(passed, config=config()), now=datetime(2026, 11, 28, tzinfo=UTC))

    assert "> A freeze was overridden for this run: OCAMBA_ALLOW_FREEZE lets `black-friday`" in text
    assert "**resume now**" in text


def test_without_the_recorded_override_the_comment_warns_of_nothing() -> None:
    plain = step("create", "n", inputs("1000252", "active", "paused", run_immediately=True))

    assert "A freeze was overridden" not in summarize_at(document(plain, config=config()), now=NOW)


def test_a_groups_flight_shows_once_by_the_groups_name() -> None:
    group_type = "pulumi-python:dynamic/ocamba:CampaignGroup"
    group_urn = f"urn:pulumi:dev::ocamba-campaigns::{group_type}::black-friday"
    declared = {
        "select": {"labels": ["bf"]},
        "state": "active",
        "group": "black-friday",
        "active_from": "2026-11-27 00:00:00",
        "active_until": "2026-11-30 23:00:00",
        "observed_members": {"1": {"status": "paused", "name": "BF push"}},
    }
    group = {
        "op": "create",
        "urn": group_urn,
        "newState": {"urn": group_urn, "type": group_type, "inputs": declared},
    }

    section = upcoming(summarize_at(document(group), now=NOW))

    assert "| (GMT) | Fri 2026-11-27 00:00 GMT | group black-friday | **resume** |" in section
    assert "| (GMT) | Mon 2026-11-30 23:00 GMT | group black-friday | **pause** |" in section
    assert "section group black-friday" in section
