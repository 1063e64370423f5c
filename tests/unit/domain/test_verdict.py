"""The one verdict: the decision table with the policies and the guard layered on it, in order."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.guard import Ruling, TransitionGuard
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import KNOWN_STATUSES, NOT_FOUND, Action
from ocamba_provider.domain.verdict import (
    Act,
    Forgotten,
    Held,
    Observation,
    Pending,
    Previous,
    Refusal,
    Unchanged,
    Verdict,
    guarded,
    needed,
    verdict,
)
from ocamba_provider.domain.wording import render

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PAST = "2026-11-01 09:00:00"
FUTURE = "2026-12-24 18:00:00"
UNKNOWN_STATUS = "archived"

ACTIVE = RunStateInputs("1", "active", run_immediately=True)
PAUSED = RunStateInputs("1", "paused", pause_reason="budget review")
MANAGED_ACTIVE = {"campaign_id": "1", "state": "active", "run_immediately": True}

# The decision table (docs/configuration.md, "What a declaration does"), written out:
# desired x observed -> action or the property the problem is attached to.
TABLE: dict[tuple[str, str], Action | str] = {
    ("active", "draft"): "campaign_id",
    ("active", "scheduled"): Action.NONE,
    ("active", "running"): Action.NONE,
    ("active", "paused"): Action.RESUME,
    ("active", "canceled"): "campaign_id",
    ("active", "sent"): Action.NONE,
    ("active", "needs_decision"): Action.NONE,
    ("active", NOT_FOUND): "campaign_id",
    ("active", UNKNOWN_STATUS): "campaign_id",
    ("paused", "draft"): "campaign_id",
    ("paused", "scheduled"): Action.PAUSE,
    ("paused", "running"): Action.PAUSE,
    ("paused", "paused"): Action.NONE,
    ("paused", "canceled"): "campaign_id",
    ("paused", "sent"): "state",
    ("paused", "needs_decision"): "state",
    ("paused", NOT_FOUND): "campaign_id",
    ("paused", UNKNOWN_STATUS): "campaign_id",
}


class CountingPlan:
    """A run plan that records every question the verdict asks it."""

    def __init__(self, guard: TransitionGuard) -> None:
        self.guard = guard
        self.asked: list[dict[str, Action]] = []

    def ruling(self, transitions: Mapping[str, Action]) -> Ruling:
        self.asked.append(dict(transitions))
        return self.guard.ruling(transitions)


def seen(status: str) -> Observation:
    return Observation(status, "" if status == NOT_FOUND else "Spring sale")


def judge(
    declaration: RunStateInputs,
    status: str,
    previous: Previous | None = None,
    plan: CountingPlan | None = None,
) -> Verdict:
    """The verdict at NOW, with the run's plan layered on when one is given (as check does)."""
    found = verdict(declaration, seen(status), previous or Previous(), NOW)
    return found if plan is None else guarded(found, declaration.campaign_id, plan)


def said(found: Verdict) -> tuple[str, str, Action, dict[str, Any] | None]:
    """A refusal as the user reads it: property, sentence, the transition it holds back, and
    the override mark."""
    assert isinstance(found, Refusal)
    return (found.prop, render(found.problem), found.action, found.guard_override)


def test_the_table_covers_every_known_status_not_found_and_an_unknown_one() -> None:
    statuses = {status for _, status in TABLE}

    assert statuses == KNOWN_STATUSES | {NOT_FOUND, UNKNOWN_STATUS}


@pytest.mark.parametrize(("desired", "status"), sorted(TABLE))
def test_every_cell_of_the_table_is_the_verdict(desired: str, status: str) -> None:
    declaration = ACTIVE if desired == "active" else PAUSED
    expected = TABLE[(desired, status)]

    found = judge(declaration, status)

    if expected is Action.NONE:
        assert found == Unchanged()
    elif isinstance(expected, Action):
        assert found == Act(expected, declaration)
    else:
        assert isinstance(found, Refusal)
        assert (found.prop, found.action) == (expected, Action.NONE)


def test_a_problem_carries_the_full_message_with_the_name() -> None:
    assert said(judge(ACTIVE, "draft")) == (
        "campaign_id",
        "campaign 1 (Spring sale): a draft cannot be resumed (observed status: draft). "
        "Publish it in Hood first, or remove the declaration.",
        Action.NONE,
        None,
    )


def test_a_problem_is_data_naming_the_campaign_its_status_and_a_code() -> None:
    found = judge(ACTIVE, "draft")

    assert isinstance(found, Refusal)
    assert found.problem == Problem(
        Code.DRAFT, "campaign_id", "1", "Spring sale", "draft", {"verb": "resumed"}
    )


def test_an_unobserved_campaign_is_pending() -> None:
    assert verdict(ACTIVE, None, Previous(), NOW) == Pending()


def test_a_hold_check_recorded_stands_for_the_later_hooks() -> None:
    previous = Previous(managed=True, held="held: paused out of band, seen at X GMT")

    assert verdict(ACTIVE, seen("paused"), previous, NOW) == Held(previous.held or "")


def test_a_vanished_managed_campaign_under_forget_is_forgotten() -> None:
    on_missing = RunStateInputs("1", "active", run_immediately=True, on_missing="forget")

    assert judge(on_missing, NOT_FOUND, Previous(managed=True)) == Forgotten()


def test_forget_does_not_cover_a_campaign_the_stack_does_not_manage_yet() -> None:
    on_missing = RunStateInputs("1", "active", run_immediately=True, on_missing="forget")

    assert said(judge(on_missing, NOT_FOUND)) == (
        "campaign_id",
        "campaign 1: no campaign with this id in the workspace (observed status: not_found). "
        "Check the id (python -m ocamba_provider.campaigns list), or remove the declaration. "
        "(on_missing: forget covers a campaign this stack already manages; this one is not, "
        "or was forgotten when it vanished: remove the declaration)",
        Action.NONE,
        None,
    )


def test_a_manual_pause_of_a_managed_campaign_under_hold_is_held_since_now() -> None:
    hold = RunStateInputs("1", "active", run_immediately=True, drift="hold", hold_until=FUTURE)

    found = judge(hold, "paused", Previous.checked(MANAGED_ACTIVE))

    assert found == Held(
        "held: paused out of band, seen at 2026-11-26 12:00:00 GMT "
        "(held until 2026-12-24 18:00:00 GMT)"
    )


def test_a_hold_whose_time_has_passed_is_enforced() -> None:
    hold = RunStateInputs("1", "active", run_immediately=True, drift="hold", hold_until=PAST)

    assert judge(hold, "paused", Previous.checked(MANAGED_ACTIVE)) == Act(Action.RESUME, hold)


def test_hold_does_not_cover_a_new_declaration() -> None:
    hold = RunStateInputs("1", "active", run_immediately=True, drift="hold")

    assert judge(hold, "paused", Previous.checked({})) == Act(Action.RESUME, hold)


def test_a_hold_is_decided_by_check_alone_the_later_hooks_read_its_record() -> None:
    hold = RunStateInputs("1", "active", run_immediately=True, drift="hold")
    # What diff, apply and the summary know: check's inputs, here without a recorded hold.
    recorded = Previous.recorded({"campaign_id": "1", "state": "active"})

    assert verdict(hold, seen("paused"), recorded, NOW) == Act(Action.RESUME, hold)


def test_a_resume_at_a_time_that_has_passed_is_refused_and_not_counted() -> None:
    late = RunStateInputs("1", "active", scheduled_time=PAST)
    plan = CountingPlan(TransitionGuard(limit=5, allow_mass=False))

    found = judge(late, "paused", plan=plan)

    assert said(found) == (
        "scheduled_time",
        "campaign 1 (Spring sale): scheduled_time 2026-11-01 09:00:00 GMT is in the past "
        "(observed status: paused). Set a future time, or run_immediately: true.",
        Action.RESUME,
        None,
    )
    assert plan.asked == [{}]  # looked at the override, counted nothing


def test_a_time_that_has_passed_still_needs_its_resume_which_diff_reports() -> None:
    late = RunStateInputs("1", "active", scheduled_time=PAST)

    assert needed(verdict(late, seen("paused"), Previous(), NOW)) is Action.RESUME


def test_a_transition_is_counted_once_by_the_guard() -> None:
    plan = CountingPlan(TransitionGuard(limit=5, allow_mass=False))

    assert judge(PAUSED, "running", plan=plan) == Act(Action.PAUSE, PAUSED)
    assert plan.asked == [{"1": Action.PAUSE}]


def test_a_transition_past_the_limit_is_the_guards_refusal() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False)
    guard.plan({"2": Action.RESUME})

    found = judge(PAUSED, "running", plan=CountingPlan(guard))

    assert isinstance(found, Refusal)
    assert (found.prop, found.action, found.guard_override) == ("state", Action.PAUSE, None)
    assert render(found.problem).startswith(
        "this run would resume or pause 2 campaigns, more than ocamba:maxTransitionsPerRun (1): "
        "pause 1, resume 2."
    )


def test_a_campaign_in_sync_carries_the_runs_refusal_but_no_override_mark() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False, override=1)
    guard.plan({"2": Action.RESUME, "3": Action.RESUME})

    found = judge(PAUSED, "paused", plan=CountingPlan(guard))

    assert isinstance(found, Refusal)
    assert (found.prop, found.action, found.guard_override) == ("state", Action.NONE, None)


def test_a_transition_let_through_by_the_one_run_override_is_marked() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False, override=2)
    guard.plan({"2": Action.RESUME})

    found = judge(PAUSED, "running", plan=CountingPlan(guard))

    override = {"variable": "OCAMBA_ALLOW_TRANSITIONS", "allowed": 2, "limit": 1}
    assert found == Act(Action.PAUSE, PAUSED, override)


def test_a_held_or_forgotten_campaign_leaves_the_plan() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False)
    guard.plan({"1": Action.RESUME})
    hold = RunStateInputs("1", "active", run_immediately=True, drift="hold")
    plan = CountingPlan(guard)

    assert isinstance(judge(hold, "paused", Previous.checked(MANAGED_ACTIVE), plan), Held)
    assert plan.asked == [{"1": Action.NONE}]
    assert guard.plan({"2": Action.RESUME}) is None  # "1" no longer counts


def test_a_problem_of_the_table_does_not_ask_the_guard() -> None:
    plan = CountingPlan(TransitionGuard(limit=1, allow_mass=False))

    judge(ACTIVE, "canceled", plan=plan)

    assert plan.asked == []


@pytest.mark.parametrize(
    ("found", "action"),
    [
        (Act(Action.RESUME, ACTIVE), Action.RESUME),
        (
            Refusal(Problem(Code.PAST_SCHEDULED_TIME, "scheduled_time"), Action.RESUME),
            Action.RESUME,
        ),
        (Refusal(Problem(Code.DRAFT, "campaign_id")), Action.NONE),
        (Held("held"), Action.NONE),
        (Forgotten(), Action.NONE),
        (Unchanged(), Action.NONE),
        (Pending(), Action.NONE),
    ],
)
def test_needed_is_the_transition_whether_or_not_it_may_be_sent(
    found: Verdict, action: Action
) -> None:
    assert needed(found) is action


def test_checked_inputs_that_passed_check_count_as_managed() -> None:
    recorded: dict[str, Any] = {"campaign_id": "1", "state": "active", "held": "held: since"}

    assert Previous.recorded(recorded) == Previous(managed=True, held="held: since")
    assert Previous.recorded({"held": ""}) == Previous(managed=True, held=None)
