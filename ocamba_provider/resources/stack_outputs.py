"""The stack output later CI steps read: per campaign id, its status and our last action."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pulumi

from ocamba_provider.resources.campaign_run_state import CampaignRunState


def run_states(resources: Iterable[CampaignRunState]) -> pulumi.Output[dict[str, dict[str, Any]]]:
    """`{campaign id: {status, last_action, last_action_at}}`, for `pulumi.export`.

    `pulumi stack output campaigns --json` then tells a later step what the up did, without
    parsing the engine's log or exporting the state.
    """
    rows = [
        pulumi.Output.all(r.campaign_id, r.status, r.last_action, r.last_action_at)
        for r in resources
    ]

    def by_id(values: list[list[Any]]) -> dict[str, dict[str, Any]]:
        return {
            str(campaign_id): {"status": status, "last_action": action, "last_action_at": at}
            for campaign_id, status, action, at in values
        }

    return pulumi.Output.all(*rows).apply(by_id)
