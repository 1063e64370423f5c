"""The outputs of a run-state resource: the declaration plus what the API and this run saw.

Their keys are declared once (`RunStateRecord` in domain/declaration.py); every hook returns all
of them, so state never has holes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ocamba_provider.client import Campaign
from ocamba_provider.domain.calendar import next_transition
from ocamba_provider.domain.declaration import (
    DECLARED,
    LastAction,
    RunStateInputs,
    RunStateRecord,
)
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.reconcile import NOT_FOUND, Action
from ocamba_provider.domain.times import format_api_time
from ocamba_provider.runstate.observing import hood_time

_DONE: dict[Action, LastAction] = {
    Action.RESUME: "resumed",
    Action.RESCHEDULE: "rescheduled",
    Action.PAUSE: "paused",
}


def outputs(
    declared: Mapping[str, Any],
    campaign: Campaign | None,
    action: Action,
    now: datetime,
    *,
    previous: Mapping[str, Any] | None = None,
    actor: str | None = None,
    freezes: Freezes = NO_FREEZES,
) -> dict[str, Any]:
    """Full outputs, as of `now`; `last_action*` carry over from `previous` when this run did
    nothing. The bookkeeping of adoption is the caller's (runstate/audit.py)."""
    status = campaign.status if campaign is not None else NOT_FOUND
    before = previous or {}
    if action is Action.NONE:
        last = (
            before.get("last_action", "none"),
            before.get("last_action_at", ""),
            before.get("last_action_by", ""),
        )
    else:
        last = (_DONE[action], format_api_time(now), actor or "")
    record = RunStateRecord(
        status=status,
        observed_status=status,
        name=campaign.name if campaign is not None else before.get("name", ""),
        last_action=last[0],
        last_action_at=last[1],
        last_action_by=last[2],
        next_run_time=campaign.next_run_time if campaign is not None else None,
        observed_scheduled_time=hood_time(campaign),
        next_transition=_next(declared, now, freezes),
    )
    recorded = {key: value for key, value in vars(record).items() if value is not None}
    return dict(declared) | recorded


def _next(declared: Mapping[str, Any], now: datetime, freezes: Freezes) -> dict[str, str] | None:
    # The calendar's next change, for `ocamba-campaigns due` and the stack's earliest export.
    if "state" not in declared:
        return None  # `pulumi import`: nothing declared yet
    ahead = next_transition(RunStateInputs.from_props(declared), now, freezes)
    return ahead.record() if ahead is not None else None


def declared_of(props: Mapping[str, Any]) -> dict[str, Any]:
    """The declared inputs carried in outputs or checked inputs, exactly as declared."""
    return {key: props[key] for key in DECLARED if props.get(key) is not None}
