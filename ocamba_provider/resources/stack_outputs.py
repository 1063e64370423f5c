"""The stack outputs later CI steps read: per campaign id, its status and our last action;
and the calendar's earliest next transition across the stack. A group's members are listed
like campaigns declared alone (with the group's name); an entry by id wins over a group."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pulumi

from ocamba_provider.resources.campaign_group import CampaignGroup
from ocamba_provider.resources.campaign_run_state import CampaignRunState


def run_states(
    resources: Iterable[CampaignRunState], groups: Iterable[CampaignGroup] = ()
) -> pulumi.Output[dict[str, dict[str, Any]]]:
    """`{campaign id: {status, last_action, last_action_at, next_transition}}`, to export.

    `pulumi stack output campaigns --json` then tells a later step what the up did, without
    parsing the engine's log or exporting the state.
    """
    rows = [
        pulumi.Output.all(
            r.campaign_id, r.status, r.last_action, r.last_action_at, r.next_transition
        )
        for r in resources
    ]
    of_groups = [pulumi.Output.all(g.group, g.members, g.next_transition) for g in groups]

    def by_id(values: list[list[Any]]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for group, members, ahead in values[len(rows) :]:
            for campaign_id, member in (members or {}).items():
                found[str(campaign_id)] = {
                    "status": member.get("status"),
                    "last_action": member.get("last_action"),
                    "last_action_at": member.get("last_action_at"),
                    "next_transition": ahead,
                    "group": group,
                }
        for campaign_id, status, action, at, ahead in values[: len(rows)]:
            found[str(campaign_id)] = {
                "status": status,
                "last_action": action,
                "last_action_at": at,
                "next_transition": ahead,
            }
        return found

    return pulumi.Output.all(*rows, *of_groups).apply(by_id)


def earliest_transition(
    resources: Iterable[CampaignRunState], groups: Iterable[CampaignGroup] = ()
) -> pulumi.Output[dict[str, str] | None]:
    """The stack's next calendar change, `{at, action, campaign_id}` (GMT), or None; a group's
    names the group (`group`) and its first member.

    As of the last up or refresh, like every output: `ocamba-campaigns due` answers for now.
    The API's time form sorts as text, so the earliest is the smallest.
    """
    rows = [pulumi.Output.all(r.campaign_id, r.next_transition) for r in resources]
    of_groups = [pulumi.Output.all(g.group, g.members, g.next_transition) for g in groups]

    def earliest(values: list[list[Any]]) -> dict[str, str] | None:
        ahead = [
            {**transition, "campaign_id": str(campaign_id)}
            for campaign_id, transition in values[: len(rows)]
            if isinstance(transition, dict) and transition.get("at")
        ]
        for group, members, transition in values[len(rows) :]:
            if isinstance(transition, dict) and transition.get("at") and members:
                first = min(members, key=lambda cid: (len(cid), cid))
                ahead.append({**transition, "campaign_id": str(first), "group": str(group)})
        return min(ahead, key=lambda item: (item["at"], item["campaign_id"]), default=None)

    return pulumi.Output.all(*rows, *of_groups).apply(earliest)
