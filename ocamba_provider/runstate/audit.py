"""Who acted and when: the audit trail a write carries and the outputs keep.

The pause reason names the CI run or user that paused; the outputs remember the campaign's
status when this stack adopted it (for `on_delete: restore`) and this stack's last write (so a
read that predates that write does not lead to a second one).
"""

from __future__ import annotations

import os
from typing import Any

from ocamba_provider.client import Campaign
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.times import parse_api_time


def ci_actor(environ: dict[str, str] | None = None) -> str:
    """Who or what triggered this run, from the usual CI variables (empty outside CI)."""
    env = os.environ if environ is None else environ
    if env.get("GITHUB_ACTIONS") == "true":
        run = (
            f"{env.get('GITHUB_SERVER_URL', '')}/{env.get('GITHUB_REPOSITORY', '')}"
            f"/actions/runs/{env.get('GITHUB_RUN_ID', '')}"
        )
        return f"github-actions {env.get('GITHUB_SHA', '')[:12]} {run}".strip()
    if env.get("GITLAB_CI"):
        return f"gitlab-ci {env.get('CI_COMMIT_SHA', '')[:12]} {env.get('CI_JOB_URL', '')}".strip()
    if env.get("CI"):
        return f"ci {env.get('CI_COMMIT_SHA', env.get('GIT_COMMIT', ''))[:12]}".strip()
    return env.get("USER", "")


def audit_reason(inputs: RunStateInputs, actor: str) -> str | None:
    """The pause reason sent to the API: the declared reason plus who or what paused."""
    if not actor:
        return inputs.pause_reason
    return f"{inputs.pause_reason or 'paused by pulumi'} [{actor}]"


def reschedule_reason(inputs: RunStateInputs, actor: str) -> str:
    """The pause reason of a reschedule's pause: what it is for, and who or what paused."""
    why = f"rescheduling to {inputs.scheduled_time} GMT"
    if inputs.pause_reason:
        why = f"{inputs.pause_reason}; {why}"
    return f"{why} [{actor}]" if actor else why


def adopted(previous: dict[str, Any] | None, campaign: Campaign | None) -> dict[str, Any]:
    """The status when this resource first took the campaign over, for on_delete: restore."""
    if previous and previous.get("adopted_status"):
        return {
            key: previous[key]
            for key in ("adopted_status", "adopted_scheduled_time")
            if previous.get(key)
        }
    if campaign is None:
        return {}
    found: dict[str, Any] = {"adopted_status": campaign.status}
    if campaign.scheduled_time:
        found["adopted_scheduled_time"] = campaign.scheduled_time
    return found


def adoption_of(props: dict[str, Any]) -> tuple[str | None, str | None]:
    """The adopted status and scheduled time recorded in the outputs, for on_delete: restore."""
    when = props.get("adopted_scheduled_time")
    return props.get("adopted_status"), when if isinstance(when, str) else None


def earlier_action(
    previous: dict[str, Any] | None, settle_s: float, wall_now: float
) -> tuple[Action, float] | None:
    """A previous run's write, if it is recent enough at `wall_now` (epoch seconds) that reads
    may not show it yet.

    A "paused" read seconds after our own resume must not lead to a second resume.
    """
    if not previous or not isinstance(previous.get("last_action_at"), str):
        return None
    # A reschedule's last write was its resume: a read that still shows its pause must not
    # lead to a second resume either.
    action = {
        "resumed": Action.RESUME,
        "rescheduled": Action.RESUME,
        "paused": Action.PAUSE,
    }.get(str(previous.get("last_action")))
    try:
        # last_action_at has whole seconds: the write may have been up to 1 s later.
        at = parse_api_time(previous["last_action_at"]).timestamp() + 1.0
    except ValueError:
        return None
    if action is None or wall_now - at >= settle_s:
        return None
    return action, at
