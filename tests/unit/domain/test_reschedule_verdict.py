"""The verdict on a declared time against the time Hood holds: three desired values.

Active now, start at T, paused, against a scheduled campaign (and the statuses around it). A
write that would carry a time that has passed is refused; a Hood start too near to move is not
touched; a time Hood does not report is never guessed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.problems import Code
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.unknown import UNKNOWN
from ocamba_provider.domain.verdict import (
    Act,
    Observation,
    Pending,
    Previous,
    Refusal,
    Unchanged,
    Verdict,
    counted,
    needed,
    verdict,
)
from ocamba_provider.domain.wording import render

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
HOOD = "2030-06-01 09:00:00"
NEW = "2031-01-01 09:00:00"
PAST = "2026-11-01 09:00:00"


def at(time: str | None) -> RunStateInputs:
    return RunStateInputs("1", "active", scheduled_time=time, run_immediately=time is None)


def judge(declaration: RunStateInputs, status: str, hood: str | None = HOOD) -> Verdict:
    seen = Observation(status, "Newsletter", hood if status == "scheduled" else None)
    return verdict(declaration, seen, Previous(), NOW, settle_s=30.0)


def test_a_scheduled_campaign_at_another_time_is_rescheduled_from_hoods_time() -> None:
    found = judge(at(NEW), "scheduled")

    assert found == Act(Action.RESCHEDULE, at(NEW), from_time=HOOD)
    assert needed(found) is Action.RESCHEDULE
    assert counted(found, "1") == {"1": Action.RESCHEDULE}  # one transition for the guard


def test_a_scheduled_campaign_at_the_declared_time_is_in_sync() -> None:
    assert judge(at(HOOD), "scheduled") == Unchanged()


def test_run_immediately_leaves_a_scheduled_campaign_as_hood_scheduled_it() -> None:
    # Starting it early would send early: it stays, and the verdict says until when.
    assert judge(at(None), "scheduled") == Unchanged(kept=HOOD)


@pytest.mark.parametrize("status", ["running", "sent", "needs_decision"])
def test_a_campaign_that_already_ran_at_its_time_is_in_sync(status: str) -> None:
    assert judge(at(NEW), status) == Unchanged()
    assert judge(at(PAST), status) == Unchanged()


def test_a_paused_campaign_resumes_at_the_declared_time() -> None:
    assert judge(at(NEW), "paused") == Act(Action.RESUME, at(NEW))


@pytest.mark.parametrize("status", ["paused", "scheduled"])
def test_a_past_time_is_refused_wherever_a_write_would_carry_it(status: str) -> None:
    found = judge(at(PAST), status)

    assert isinstance(found, Refusal)
    assert found.problem.code is Code.PAST_SCHEDULED_TIME
    assert found.prop == "scheduled_time"
    assert found.action is (Action.RESUME if status == "paused" else Action.RESCHEDULE)
    assert f"scheduled_time {PAST} GMT is in the past (observed status: {status})" in render(
        found.problem
    )


def test_a_hood_start_nearer_than_the_settle_period_is_not_rescheduled() -> None:
    soon = "2026-11-26 12:00:20"  # 20 s ahead; settleSeconds is 30

    found = judge(at(NEW), "scheduled", hood=soon)

    assert isinstance(found, Refusal)
    assert found.problem.code is Code.RESCHEDULE_TOO_LATE
    assert render(found.problem) == (
        "campaign 1 (Newsletter): Hood starts it at 2026-11-26 12:00:20 GMT, in less than "
        "ocamba:settleSeconds (30 s): a reschedule to 2031-01-01 09:00 GMT would race that "
        "start (observed status: scheduled). It runs at its time; to stop it declare state: "
        "paused, or declare the time Hood holds."
    )


def test_a_scheduled_campaign_without_a_time_is_never_guessed() -> None:
    found = judge(at(NEW), "scheduled", hood=None)

    assert isinstance(found, Refusal)
    assert found.problem.code is Code.UNKNOWN_HOOD_TIME
    assert "gives no time (neither scheduled_time nor next_run_time)" in render(found.problem)


def test_a_time_unknown_in_preview_leaves_a_scheduled_campaign_to_apply() -> None:
    assert judge(at(UNKNOWN), "scheduled") == Pending()


def test_a_paused_declaration_pauses_a_scheduled_campaign_whatever_its_time() -> None:
    paused = RunStateInputs("1", "paused", pause_reason="budget")

    assert judge(paused, "scheduled") == Act(Action.PAUSE, paused)
