"""What removing a declaration asks of its campaign (`on_delete`), as a declaration of its own.

`delete` turns `on_delete: pause` or `restore` into the declaration the removal stands for,
then asks the verdict about it like any other: the guard counts it, and it is sent exactly once.
"""

from __future__ import annotations

from datetime import datetime

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.policies import on_delete_action
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.verdict import Observation
from ocamba_provider.domain.wording import as_error


def removal_goal(
    campaign_id: str,
    on_delete: str,
    adopted: tuple[str | None, str | None],
    observed: Observation,
) -> RunStateInputs | None:
    """The declaration that removing this one stands for; None when nothing is to be sent.

    `adopted` is the status and scheduled time the campaign had when this stack took it over.

    Raises:
        OcambaError: `restore` cannot put the campaign back (Code.RESTORE_IMPOSSIBLE).
    """
    adopted_status, adopted_time = adopted
    action = on_delete_action(on_delete, adopted_status, observed.status)
    if action is None:
        raise as_error(
            Problem(
                Code.RESTORE_IMPOSSIBLE,
                "on_delete",
                campaign_id,
                observed.name,
                observed.status,
                {"adopted": adopted_status},
            )
        )
    if action is Action.NONE:
        return None
    if action is Action.PAUSE:
        why = "pause" if on_delete == "pause" else "restore"
        return RunStateInputs(
            campaign_id, "paused", pause_reason=f"declaration removed (on_delete: {why})"
        )
    if adopted_status == "scheduled" and adopted_time is not None:
        return RunStateInputs(campaign_id, "active", scheduled_time=adopted_time)
    return RunStateInputs(campaign_id, "active", run_immediately=True)


def stale_restore(goal: RunStateInputs, now: datetime) -> Problem | None:
    """Why restoring the adopted scheduled time is impossible (it has passed); None if it is not."""
    when = goal.scheduled_time
    if when is None or parse_api_time(when) > now:
        return None
    return Problem(Code.RESTORE_PASSED, "on_delete", goal.campaign_id, "", "paused", {"time": when})
