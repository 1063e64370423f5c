"""The outputs of CampaignRunState: the declaration plus what the API and this run saw."""

from __future__ import annotations

from typing import Any

from ocamba_provider.client import Campaign
from ocamba_provider.domain.declaration import DECLARED, NAME, OBSERVED_STATUS
from ocamba_provider.domain.reconcile import NOT_FOUND, Action
from ocamba_provider.domain.times import format_api_time, now_utc


def outputs(
    declared: dict[str, Any],
    campaign: Campaign | None,
    action: Action,
    previous: dict[str, Any] | None = None,
    actor: str | None = None,
) -> dict[str, Any]:
    """Full outputs: every hook returns all of them, so state never has holes.

    `last_action*` carry over from `previous` when this run did nothing.
    """
    status = campaign.status if campaign is not None else NOT_FOUND
    outs: dict[str, Any] = dict(declared)
    outs[OBSERVED_STATUS] = status
    outs["status"] = status
    outs[NAME] = campaign.name if campaign is not None else (previous or {}).get(NAME, "")
    if action is Action.NONE:
        before = previous or {}
        outs["last_action"] = before.get("last_action", "none")
        outs["last_action_at"] = before.get("last_action_at", "")
        outs["last_action_by"] = before.get("last_action_by", "")
    else:
        outs["last_action"] = "resumed" if action is Action.RESUME else "paused"
        outs["last_action_at"] = format_api_time(now_utc())
        outs["last_action_by"] = actor or ""
    if campaign is not None and campaign.next_run_time:
        outs["next_run_time"] = campaign.next_run_time
    return outs


def declared_of(props: dict[str, Any]) -> dict[str, Any]:
    """The declared inputs carried in outputs or checked inputs, exactly as declared."""
    return {key: props[key] for key in DECLARED if props.get(key) is not None}
