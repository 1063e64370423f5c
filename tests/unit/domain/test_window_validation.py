"""Bad windows and freezes are refused at preview, each problem naming its entry (issue 25):
an invalid RRULE, a window without `active_from`, a duration that is none, windows that
overlap, a freeze without its end, two freezes of one name, an unknown key.
"""

from __future__ import annotations

from typing import Any

from ocamba_provider.domain.freezes import parse_freezes
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.wording import render

FLIGHT: dict[str, Any] = {
    "campaign_id": "1000248",
    "state": "active",
    "active_from": "2026-12-07 09:00:00",
    "time_zone": "Europe/Belgrade",
}


def problems(**change: Any) -> list[str]:
    _, found = check_declared({**FLIGHT, **change})
    return [render(problem) for problem in found]


def test_a_valid_window_has_no_problem() -> None:
    assert problems(windows=[{"rrule": "FREQ=DAILY;BYHOUR=9", "duration": "9h"}]) == []


def test_an_invalid_rrule_names_the_window_and_the_rule() -> None:
    (said,) = problems(
        windows=[
            {"rrule": "FREQ=DAILY", "duration": "PT1H"},
            {"rrule": "EVERY DAY", "duration": "PT1H"},
        ]
    )

    assert said.startswith("campaign 1000248: windows[1].rrule: 'EVERY DAY' is not an RRULE")


def test_windows_without_active_from_say_what_it_is_for() -> None:
    _, found = check_declared(
        {
            "campaign_id": "1000248",
            "state": "active",
            "windows": [{"rrule": "FREQ=DAILY", "duration": "PT1H"}],
        }
    )

    said = " ".join(render(problem) for problem in found)
    needed = "windows need active_from: it is the rule's first occurrence (RFC 5545 DTSTART)"
    assert f"campaign 1000248: {needed}" in said


def test_a_duration_that_is_none_names_the_window() -> None:
    (said,) = problems(windows=[{"rrule": "FREQ=DAILY", "duration": "all day"}])

    assert "windows[0].duration: 'all day' is not a duration" in said


def test_windows_that_would_overlap_are_refused_with_the_gap() -> None:
    (said,) = problems(windows=[{"rrule": "FREQ=HOURLY", "duration": "PT2H"}])

    assert (
        "windows[0].duration PT2H is longer than the shortest gap between two openings (1 h)"
        in said
    )


def test_every_freeze_problem_names_its_entry() -> None:
    _, said = parse_freezes(
        [
            {"name": "xmas", "from": "2026-12-24 00:00:00"},
            {"name": "q1", "from": "2027-01-01 00:00:00", "until": "2027-01-02 00:00:00"},
            {"name": "q1", "from": "2027-02-01 00:00:00", "until": "2027-02-02 00:00:00"},
            {"name": "weekly", "rrule": "FREQ=WEEKLY;BYDAY=SU", "duration": "P1D", "zone": "UTC"},
            {"from": "2027-01-01 00:00:00", "until": "2026-01-01 00:00:00"},
        ]
    )

    assert said == [
        "ocamba:freezes[0]: a freeze needs from and until (or rrule and duration)",
        "ocamba:freezes[2].name: 'q1' is also the name of ocamba:freezes[1]; each freeze needs "
        "its own name (overrides name it)",
        "ocamba:freezes[3].zone: unknown key; a freeze has duration, from, name, rrule, "
        "time_zone, until",
        "ocamba:freezes[4].name: every freeze needs a name (text without commas): the preview "
        "and OCAMBA_ALLOW_FREEZE name it",
        "ocamba:freezes[4].until: 2026-01-01 00:00:00 GMT is not after from (2027-01-01 "
        "00:00:00 GMT)",
    ]
