"""Freezes and windows in the verdict (design.md, "Time"; issue 25).

During a freeze no resume and no reschedule is sent; a pause is never blocked. A one-off start
inside a freeze is an error naming both. A window that would open inside a freeze is skipped,
and the next one is handed to Hood. OCAMBA_ALLOW_FREEZE lets one command through and the
transition says which freeze it passed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from ocamba_provider.domain.calendar import desire_at, next_transition
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import Freezes, parse_freezes
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.upcoming import skipped_soon
from ocamba_provider.domain.verdict import (
    Act,
    Held,
    Observation,
    Previous,
    Refusal,
    Verdict,
    verdict,
)
from ocamba_provider.domain.windows import Window
from ocamba_provider.domain.wording import render, skipped_line

RULES, PROBLEMS = parse_freezes(
    [{"name": "black-friday", "from": "2026-11-27 00:00:00", "until": "2026-11-30 23:59:00"}]
)
FREEZES = Freezes(RULES)
INSIDE = datetime(2026, 11, 28, 12, tzinfo=UTC)
OUTSIDE = datetime(2026, 11, 20, 12, tzinfo=UTC)
MANAGED = Previous(managed=True)
NOW_ONCE = RunStateInputs("1000248", "active", run_immediately=True)
DAILY = (Window("FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "PT9H"),)
WINDOWED = RunStateInputs(
    "1000250", "active", active_from="2026-11-20 00:00:00", time_zone="UTC", windows=DAILY
)


def judge(
    declared: RunStateInputs,
    status: str,
    now: datetime,
    freezes: Freezes = FREEZES,
    hood: str | None = None,
) -> Verdict:
    seen = Observation(status, "Winter sale", hood)
    return verdict(declared, seen, MANAGED, now, freezes=freezes)


def test_the_freezes_parse() -> None:
    assert PROBLEMS == []


def test_a_resume_during_a_freeze_is_an_error_naming_the_freeze_and_the_override() -> None:
    found = judge(NOW_ONCE, "paused", INSIDE)

    assert isinstance(found, Refusal)
    assert found.problem.code is Code.FROZEN
    said = render(found.problem)
    assert "1000248" in said
    assert "black-friday" in said
    assert 'OCAMBA_ALLOW_FREEZE="black-friday"' in said


def test_the_same_resume_outside_the_freeze_goes_ahead() -> None:
    found = judge(NOW_ONCE, "paused", OUTSIDE)

    assert isinstance(found, Act)
    assert found.action is Action.RESUME


def test_a_pause_during_a_freeze_is_never_blocked() -> None:
    pause = RunStateInputs("1000248", "paused", pause_reason="incident")

    found = judge(pause, "running", INSIDE)

    assert isinstance(found, Act)
    assert found.action is Action.PAUSE


def test_the_override_lets_the_resume_through_and_names_the_freeze() -> None:
    allowed = replace(FREEZES, allowed=frozenset({"black-friday"}))

    found = judge(NOW_ONCE, "paused", INSIDE, allowed)

    assert isinstance(found, Act)
    assert found.action is Action.RESUME
    assert found.freeze_override == "black-friday"


def test_an_override_naming_another_freeze_lets_nothing_through() -> None:
    other = replace(FREEZES, allowed=frozenset({"christmas"}))

    assert isinstance(judge(NOW_ONCE, "paused", INSIDE, other), Refusal)


def test_a_scheduled_start_inside_a_freeze_is_an_error_at_any_status() -> None:
    inside = RunStateInputs("1000251", "active", scheduled_time="2026-11-28 09:00:00")

    for status, hood in (("paused", None), ("running", None), ("scheduled", "2026-11-28 09:00:00")):
        found = judge(inside, status, OUTSIDE, hood=hood)
        assert isinstance(found, Refusal), status
        assert found.problem.code is Code.FREEZE_START
        said = render(found.problem)
        assert "scheduled_time 2026-11-28 09:00 GMT is inside freeze black-friday" in said


def test_a_flight_starting_inside_a_freeze_is_an_error_naming_both() -> None:
    flight = RunStateInputs("1000252", "active", active_from="2026-11-29 08:00:00")

    found = judge(flight, "paused", OUTSIDE)

    assert isinstance(found, Refusal)
    assert found.problem.code is Code.FREEZE_START
    assert "active_from" in render(found.problem)


def test_a_window_that_would_open_inside_a_freeze_is_skipped() -> None:
    # The 27th-30th are frozen: the next window after the 26th's is on 1 December.
    evening = datetime(2026, 11, 26, 20, tzinfo=UTC)

    assert desire_at(WINDOWED, evening, FREEZES).at == "2026-12-01 09:00:00"
    assert desire_at(WINDOWED, evening).at == "2026-11-27 09:00:00"
    assert next_transition(WINDOWED, evening, FREEZES) is not None
    assert next_transition(WINDOWED, evening, FREEZES).at == "2026-12-01 09:00:00"  # type: ignore[union-attr]


def test_a_window_closing_pauses_and_hands_the_next_start_to_hood() -> None:
    evening = datetime(2026, 11, 24, 19, tzinfo=UTC)

    found = judge(WINDOWED, "running", evening, Freezes())

    assert isinstance(found, Act)
    assert found.action is Action.RESCHEDULE
    assert found.declaration.scheduled_time == "2026-11-25 09:00:00"


def test_a_campaign_running_when_its_window_closes_in_a_freeze_is_paused_not_rescheduled() -> None:
    # Still running from the 26th's window at 19:00 on the 27th (a tick missed the close).
    late = datetime(2026, 11, 27, 19, tzinfo=UTC)

    found = judge(WINDOWED, "running", late)

    assert isinstance(found, Act)
    assert found.action is Action.PAUSE
    assert "frozen (black-friday)" in (found.declaration.pause_reason or "")


def test_a_windowed_campaign_found_paused_in_a_freeze_is_held() -> None:
    found = judge(WINDOWED, "paused", INSIDE)

    assert isinstance(found, Held)
    assert "frozen (black-friday)" in found.note


def test_inside_an_open_window_a_running_campaign_is_in_sync() -> None:
    morning = datetime(2026, 11, 24, 10, tzinfo=UTC)

    found = judge(WINDOWED, "running", morning, Freezes())

    assert not isinstance(found, Act | Refusal)


def test_the_preview_says_which_windows_a_freeze_skips() -> None:
    evening = datetime(2026, 11, 26, 20, tzinfo=UTC)

    line = skipped_line(
        "1000250", "Winter sale", skipped_soon(WINDOWED, FREEZES, evening), "Europe/Belgrade"
    )

    assert line == (
        "ocamba: campaign 1000250 (Winter sale): skips the windows at "
        "2026-11-27 10:00 Europe/Belgrade (09:00 GMT) (freeze black-friday), "
        "2026-11-28 10:00 Europe/Belgrade (09:00 GMT) (freeze black-friday), "
        "2026-11-29 10:00 Europe/Belgrade (09:00 GMT) (freeze black-friday) and 1 more"
    )
