"""The outputs of a group: its declaration, check's record of each member, and `members`, the
membership the up pinned with each member's status and this stack's last action on it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ocamba_provider.client import Campaign
from ocamba_provider.domain.calendar import next_transition
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.group import (
    ADOPTED_STATUS,
    ADOPTED_TIME,
    GROUP,
    MEMBER_GOVERNED,
    MEMBER_SKIPPED,
    MEMBERS,
    OBSERVED_MEMBERS,
    GroupInputs,
    declared_of_group,
)
from ocamba_provider.domain.reconcile import NOT_FOUND, Action
from ocamba_provider.domain.times import format_api_time

_DONE = {Action.RESUME: "resumed", Action.RESCHEDULE: "rescheduled", Action.PAUSE: "paused"}


def member_record(
    fact: Mapping[str, Any],
    campaign: Campaign | None,
    action: Action,
    *,
    now: datetime,
    previous: Mapping[str, Any] | None,
    actor: str,
) -> dict[str, Any]:
    """One member's output: its status, its name, this stack's last action (carried over when
    this run did nothing), its adoption, and why the group leaves it alone, if it does."""
    before = previous or {}
    if action is Action.NONE:
        last = {key: before.get(key, "") for key in ("last_action_at", "last_action_by")}
        last["last_action"] = before.get("last_action", "none")
    else:
        last = {
            "last_action": _DONE[action],
            "last_action_at": format_api_time(now),
            "last_action_by": actor,
        }
    record: dict[str, Any] = {
        "name": campaign.name if campaign is not None else str(fact.get("name") or ""),
        "status": campaign.status if campaign is not None else NOT_FOUND,
        **last,
    }
    for key in (ADOPTED_STATUS, ADOPTED_TIME, MEMBER_GOVERNED, MEMBER_SKIPPED):
        if fact.get(key) is not None:
            record[key] = fact[key]
    return record


def group_outputs(
    props: Mapping[str, Any],
    records: Mapping[str, Mapping[str, Any]],
    now: datetime,
    freezes: Freezes = NO_FREEZES,
) -> dict[str, Any]:
    """Full outputs: the declaration, the group's name, check's record, every member's; the
    next transition as a campaign declared alone would have it (freezes skip windows)."""
    outs = declared_of_group(props) | {
        GROUP: props.get(GROUP),
        OBSERVED_MEMBERS: dict(props.get(OBSERVED_MEMBERS) or {}),
        MEMBERS: {key: dict(value) for key, value in records.items()},
    }
    try:
        ahead = next_transition(GroupInputs.from_props(props).member("0"), now, freezes)
    except ValueError:
        ahead = None
    if ahead is not None:
        outs["next_transition"] = ahead.record()
    return outs
