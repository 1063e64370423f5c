"""The verdict on a flight, reviewed and unattended (design.md, "Time").

Reviewed: before the flight a paused campaign is resumed at the flight's start (Hood starts it),
a running one is paused and scheduled; inside it a paused one is resumed now; after it a running
or scheduled one is paused with the flight's end as the reason, and a paused or sent one is in
sync (a late run never resumes for a flight that is over). Unattended (a tick): never a resume
of a campaign found paused, and a pause the guard does not count.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ocamba_provider.domain.calendar import flight_end_reason
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.guard import TransitionGuard
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.verdict import (
    Act,
    Held,
    Observation,
    Previous,
    Refusal,
    Verdict,
    guarded,
    verdict,
)

FROM, UNTIL = "2026-12-20 08:00:00", "2026-12-27 22:59:00"
BEFORE = datetime(2026, 12, 19, tzinfo=UTC)
INSIDE = datetime(2026, 12, 24, tzinfo=UTC)
AFTER = datetime(2026, 12, 28, tzinfo=UTC)
FLIGHT = RunStateInputs("1000262", "active", active_from=FROM, active_until=UNTIL)
MANAGED = Previous(managed=True)


def judge(
    status: str, now: datetime, *, hood: str | None = None, unattended: bool = False
) -> Verdict:
    seen = Observation(status, "Holiday push", hood if status == "scheduled" else None)
    return verdict(FLIGHT, seen, MANAGED, now, unattended=unattended)


def shape(found: Verdict) -> tuple[str, ...]:
    """The verdict as the design's table says it: kind, action, the time or reason sent."""
    if isinstance(found, Act):
        said = found.declaration.scheduled_time or found.declaration.pause_reason or "now"
        return ("act", found.action.value, said)
    return (type(found).__name__.lower(),)


@pytest.mark.parametrize(
    ("status", "now", "hood", "expected"),
    [
        ("paused", BEFORE, None, ("act", "resume", FROM)),
        ("scheduled", BEFORE, FROM, ("unchanged",)),
        ("scheduled", BEFORE, "2026-12-21 08:00:00", ("act", "reschedule", FROM)),
        ("running", BEFORE, None, ("act", "reschedule", FROM)),
        ("paused", INSIDE, None, ("act", "resume", "now")),
        ("running", INSIDE, None, ("unchanged",)),
        ("scheduled", INSIDE, "2026-12-25 08:00:00", ("unchanged",)),
        ("sent", INSIDE, None, ("unchanged",)),
        ("running", AFTER, None, ("act", "pause", flight_end_reason(UNTIL))),
        ("scheduled", AFTER, "2027-01-05 08:00:00", ("act", "pause", flight_end_reason(UNTIL))),
        ("paused", AFTER, None, ("unchanged",)),
        ("sent", AFTER, None, ("unchanged",)),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_reviewed_run_takes_the_campaign_where_the_calendar_says(
    status: str, now: datetime, hood: str | None, expected: tuple[str, ...]
) -> None:
    assert shape(judge(status, now, hood=hood)) == expected


def test_a_campaign_running_before_its_flight_is_paused_then_handed_to_hood() -> None:
    found = judge("running", BEFORE)

    assert isinstance(found, Act) and found.from_time is None  # words: pause, then resume at T


def test_a_needs_decision_campaign_after_its_flight_is_an_error_naming_it() -> None:
    found = judge("needs_decision", AFTER)

    assert isinstance(found, Refusal) and found.problem.code is Code.NEEDS_DECISION
    assert found.problem.campaign_id == "1000262"


@pytest.mark.parametrize("now", [BEFORE, INSIDE], ids=["before", "inside"])
def test_an_unattended_run_never_resumes_a_campaign_found_paused(now: datetime) -> None:
    found = judge("paused", now, unattended=True)

    assert isinstance(found, Held)
    assert "an unattended run never resumes" in found.note


def test_an_unattended_run_holds_whatever_drift_says() -> None:
    enforced = RunStateInputs("1", "active", run_immediately=True, drift="enforce")

    found = verdict(enforced, Observation("paused"), MANAGED, INSIDE, unattended=True)

    assert isinstance(found, Held)


@pytest.mark.parametrize(
    ("status", "expected"),
    [("running", ("act", "pause", flight_end_reason(UNTIL))), ("paused", ("unchanged",))],
)
def test_an_unattended_run_after_the_flight_pauses_or_leaves_alone(
    status: str, expected: tuple[str, ...]
) -> None:
    assert shape(judge(status, AFTER, unattended=True)) == expected


def test_forty_calendar_pauses_pass_a_guard_of_25_only_when_unattended() -> None:
    guard, reviewed = TransitionGuard(25, False), TransitionGuard(25, False)
    tick, merge = [], []
    for index in range(40):
        campaign_id = str(1_000_000 + index)
        found = judge("running", AFTER, unattended=True)
        tick.append(guarded(found, campaign_id, guard, unattended=True))
        merge.append(guarded(judge("running", AFTER), campaign_id, reviewed))

    assert all(isinstance(found, Act) and found.action is Action.PAUSE for found in tick)
    assert guard.override_in_use() is None and guard.plan({}) is None
    assert sum(isinstance(found, Refusal) for found in merge) == 15  # the reviewed run: refused


def test_an_unattended_resume_or_reschedule_still_counts() -> None:
    guard = TransitionGuard(1, False)
    guard.plan({"1": Action.RESUME})

    found = guarded(judge("running", BEFORE, unattended=True), "2", guard, unattended=True)

    assert isinstance(found, Refusal) and found.problem.code is Code.GUARD
