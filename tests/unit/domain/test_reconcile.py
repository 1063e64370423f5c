"""The decision table (docs/configuration.md, "What a declaration does"), cell by cell, and
that no input escapes it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.reconcile import KNOWN_STATUSES, NOT_FOUND, Action, decide
from ocamba_provider.domain.wording import render


def describe(problem: Problem, campaign_id: str, name: str | None) -> str:
    """The sentence a user reads of a table cell's problem about this campaign."""
    return render(problem.about(campaign_id, name or ""))


ACTIONS = [
    pytest.param("active", "paused", Action.RESUME, id="active-when-paused-resumes"),
    pytest.param("active", "running", Action.NONE, id="active-when-running-in-sync"),
    pytest.param("active", "scheduled", Action.NONE, id="active-when-scheduled-in-sync"),
    pytest.param("active", "sent", Action.NONE, id="active-when-sent-in-sync"),
    pytest.param("active", "needs_decision", Action.NONE, id="active-when-needs-decision-in-sync"),
    pytest.param("paused", "paused", Action.NONE, id="paused-when-paused-in-sync"),
    pytest.param("paused", "running", Action.PAUSE, id="paused-when-running-pauses"),
    pytest.param("paused", "scheduled", Action.PAUSE, id="paused-when-scheduled-pauses"),
]

PROBLEMS = [
    pytest.param(
        "paused", "sent", "state", "already sent, cannot pause", id="paused-when-sent-errors"
    ),
    pytest.param(
        "paused",
        "needs_decision",
        "state",
        "cannot pause while the A/B test waits for a winner",
        id="paused-when-needs-decision-errors",
    ),
    pytest.param(
        "active",
        "draft",
        "campaign_id",
        "a draft cannot be resumed",
        id="active-when-draft-errors",
    ),
    pytest.param(
        "paused", "draft", "campaign_id", "a draft cannot be paused", id="paused-when-draft-errors"
    ),
    pytest.param(
        "active",
        "canceled",
        "campaign_id",
        "canceled campaigns cannot be resumed or paused (cancel is permanent)",
        id="active-when-canceled-errors",
    ),
    pytest.param(
        "paused",
        "canceled",
        "campaign_id",
        "canceled campaigns cannot be resumed or paused (cancel is permanent)",
        id="paused-when-canceled-errors",
    ),
    pytest.param(
        "active",
        NOT_FOUND,
        "campaign_id",
        "no campaign with this id in the workspace",
        id="active-when-not-found-errors",
    ),
    pytest.param(
        "paused",
        NOT_FOUND,
        "campaign_id",
        "no campaign with this id in the workspace",
        id="paused-when-not-found-errors",
    ),
    pytest.param(
        "active",
        "archived",
        "campaign_id",
        "unknown campaign status 'archived'; refusing to guess",
        id="active-when-unknown-status-errors",
    ),
    pytest.param(
        "paused",
        "archived",
        "campaign_id",
        "unknown campaign status 'archived'; refusing to guess",
        id="paused-when-unknown-status-errors",
    ),
    pytest.param(
        "running",
        "paused",
        "state",
        "unknown desired state 'running'",
        id="unknown-desired-state-errors",
    ),
]


@pytest.mark.parametrize(("desired", "observed", "expected"), ACTIONS)
def test_decision_table_action_cell(desired: str, observed: str, expected: Action) -> None:
    assert decide(desired, observed) is expected


@pytest.mark.parametrize(("desired", "observed", "prop", "what"), PROBLEMS)
def test_decision_table_problem_cell(desired: str, observed: str, prop: str, what: str) -> None:
    problem = decide(desired, observed)

    assert isinstance(problem, Problem)
    assert (problem.prop, problem.observed) == (prop, observed)
    # What is wrong, then what to do about it.
    said = describe(problem, "1", None)
    assert said.startswith(f"campaign 1: {what} (observed status: {observed}). ")
    assert len(said) > len(f"campaign 1: {what} (observed status: {observed}). ")


def test_every_known_status_has_a_cell_for_both_desired_states() -> None:
    covered = {(p.values[0], p.values[1]) for p in ACTIONS + PROBLEMS}

    for status in KNOWN_STATUSES | {NOT_FOUND}:
        assert ("active", status) in covered
        assert ("paused", status) in covered


def test_problem_message_names_campaign_name_status_and_remedy() -> None:
    problem = decide("active", "draft")
    assert isinstance(problem, Problem)

    assert describe(problem, "1000248", "Spring sale") == (
        "campaign 1000248 (Spring sale): a draft cannot be resumed (observed status: draft). "
        "Publish it in Hood first, or remove the declaration."
    )


def test_problem_message_without_a_name_leaves_out_the_parentheses() -> None:
    problem = decide("paused", NOT_FOUND)
    assert isinstance(problem, Problem)

    assert describe(problem, "42", None).startswith(
        "campaign 42: no campaign with this id in the workspace (observed status: not_found)."
    )


@given(
    desired=st.text(), observed=st.text(), campaign_id=st.from_regex(r"[0-9]{1,20}", fullmatch=True)
)
def test_any_pair_is_an_action_or_a_problem_naming_campaign_and_status(
    desired: str, observed: str, campaign_id: str
) -> None:
    decision = decide(desired, observed)

    if isinstance(decision, Problem):
        message = describe(decision, campaign_id, None)
        assert f"campaign {campaign_id}" in message
        assert f"(observed status: {observed})" in message
        assert decision.prop in ("state", "campaign_id")
    else:
        assert isinstance(decision, Action)
        assert desired in ("active", "paused")
        assert observed in KNOWN_STATUSES
