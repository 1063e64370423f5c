"""TransitionGuard: at most N resumes or pauses per run, counted across all resources."""

from __future__ import annotations

import threading

from ocamba_provider.domain.guard import TransitionGuard
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.wording import render


def plan(guard: TransitionGuard, transitions: dict[str, Action]) -> str | None:
    """The guard's refusal of the run as planned so far, as the user reads it."""
    refusal = guard.plan(transitions)
    return None if refusal is None else render(refusal)


def test_transitions_up_to_the_limit_are_allowed() -> None:
    guard = TransitionGuard(limit=2, allow_mass=False)

    assert plan(guard, {"1": Action.RESUME}) is None
    assert plan(guard, {"2": Action.PAUSE}) is None


def test_one_transition_past_the_limit_is_refused_with_the_whole_plan() -> None:
    guard = TransitionGuard(limit=2, allow_mass=False)

    refusal = plan(guard, {"1": Action.RESUME, "2": Action.PAUSE, "3": Action.RESUME})

    assert refusal == (
        "this run would resume or pause 3 campaigns, more than ocamba:maxTransitionsPerRun (2): "
        "resume 1, pause 2, resume 3. If that is intended, allow it for this run only with the "
        "environment variable OCAMBA_ALLOW_TRANSITIONS=3, or raise the limit "
        "(`pulumi config set ocamba:maxTransitionsPerRun 3`)."
    )


def test_the_count_is_across_calls_not_per_call() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False)
    plan(guard, {"1": Action.RESUME})

    refusal = plan(guard, {"2": Action.RESUME})

    assert refusal is not None
    assert refusal.startswith("this run would resume or pause 2 campaigns")


def test_planning_the_same_campaign_again_does_not_count_twice() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False)
    plan(guard, {"1": Action.RESUME})

    assert plan(guard, {"1": Action.RESUME}) is None


def test_a_campaign_found_in_sync_no_longer_counts() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False)
    plan(guard, {"1": Action.RESUME})
    plan(guard, {"1": Action.NONE})

    assert plan(guard, {"2": Action.PAUSE}) is None


def test_no_op_decisions_never_count() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False)

    assert plan(guard, {str(i): Action.NONE for i in range(50)}) is None


def test_allow_mass_lifts_the_limit() -> None:
    guard = TransitionGuard(limit=1, allow_mass=True)

    assert plan(guard, {str(i): Action.RESUME for i in range(50)}) is None


def test_a_long_plan_lists_ten_campaigns_and_counts_the_rest() -> None:
    guard = TransitionGuard(limit=5, allow_mass=False)

    refusal = plan(guard, {f"{i:02d}": Action.PAUSE for i in range(13)})

    assert refusal is not None
    assert ": pause 00, pause 01, " in refusal
    assert "pause 09 and 3 more. " in refusal
    assert "pause 10" not in refusal


def test_concurrent_plans_are_all_counted() -> None:
    guard = TransitionGuard(limit=1000, allow_mass=False)
    threads = [
        threading.Thread(target=guard.plan, args=({str(i): Action.RESUME},)) for i in range(40)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refusal = plan(guard, {str(i): Action.RESUME for i in range(40, 1001)})

    assert refusal is not None
    assert refusal.startswith("this run would resume or pause 1001 campaigns")


def test_a_one_run_override_allows_up_to_the_count_it_names() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False, override=3)

    assert plan(guard, {str(i): Action.RESUME for i in range(3)}) is None
    assert guard.override_in_use() == {
        "variable": "OCAMBA_ALLOW_TRANSITIONS",
        "allowed": 3,
        "limit": 1,
    }


def test_a_run_past_the_override_is_refused_naming_it() -> None:
    guard = TransitionGuard(limit=1, allow_mass=False, override=2)

    refusal = plan(guard, {str(i): Action.RESUME for i in range(3)})

    assert refusal is not None
    assert refusal.startswith(
        "this run would resume or pause 3 campaigns, more than OCAMBA_ALLOW_TRANSITIONS (2), "
        "which this run allows instead of ocamba:maxTransitionsPerRun (1): "
    )


def test_an_override_not_needed_is_not_reported() -> None:
    guard = TransitionGuard(limit=2, allow_mass=False, override=30)
    plan(guard, {"1": Action.RESUME})

    assert guard.override_in_use() is None


def test_an_override_below_the_limit_does_not_lower_it() -> None:
    guard = TransitionGuard(limit=3, allow_mass=False, override=1)

    assert plan(guard, {str(i): Action.RESUME for i in range(3)}) is None
