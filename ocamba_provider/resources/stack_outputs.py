"""The stack outputs later CI steps read: per campaign id, its status and our last action;
and the calendar's earliest next transition across the stack."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pulumi

from ocamba_provider.resources.campaign_run_state import CampaignRunState


def run_states(resources: Iterable[CampaignRunState]) -> pulumi.Output[dict[str, dict[str, Any]]]:
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

    def by_id(values: list[list[Any]]) -> dict[str, dict[str, Any]]:
        return {
            str(campaign_id): {
                "status": status,
                "last_action": action,
                "last_action_at": at,
                "next_transition": ahead,
            }
            for campaign_id, status, action, at, ahead in values
        }

    return pulumi.Output.all(*rows).apply(by_id)


def earliest_transition(
    resources: Iterable[CampaignRunState],
) -> pulumi.Output[dict[str, str] | None]:
    """The stack's next calendar change, `{at, action, campaign_id}` (GMT), or None.

    As of the last up or refresh, like every output: `ocamba-campaigns due` answers for now.
    The API's time form sorts as text, so the earliest is the smallest.
    """
    rows = [pulumi.Output.all(r.campaign_id, r.next_transition) for r in resources]

    def earliest(values: list[list[Any]]) -> dict[str, str] | None:
        ahead = [
            {**transition, "campaign_id": str(campaign_id)}
            for campaign_id, transition in values
            if isinstance(transition, dict) and transition.get("at")
        ]
        return min(ahead, key=lambda item: (item["at"], item["campaign_id"]), default=None)

    return pulumi.Output.all(*rows).apply(earliest)
