"""The declaration `pulumi import` generates for a campaign, from its live status.

An imported campaign must be in sync the moment it is adopted: the declaration says what the
campaign already is, so the import writes nothing and the next preview shows no change.
"""

from __future__ import annotations

from typing import Any

from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action, Desired, decide
from ocamba_provider.domain.wording import as_error


def declaration_for(
    campaign_id: str, name: str, status: str, scheduled_time: str | None
) -> dict[str, Any]:
    """Snake-case declared inputs that leave a campaign in `status` exactly as it is.

    Raises:
        OcambaError: no declaration can manage a campaign in this status (a draft, a
            canceled campaign, an unknown status).
    """
    desired = Desired.PAUSED if status == "paused" else Desired.ACTIVE
    decision = decide(desired, status)
    if isinstance(decision, Problem):
        because = decision.about(campaign_id, name)
        raise as_error(
            Problem(
                Code.NOT_IMPORTABLE, "campaign_id", campaign_id, name, status, {"because": because}
            )
        )
    assert decision is Action.NONE  # each status maps to the state it already is in
    declared: dict[str, Any] = {"campaign_id": campaign_id, "state": str(desired)}
    if desired is Desired.ACTIVE:
        # The mode only matters for a later resume; a scheduled campaign keeps its time.
        if status == "scheduled" and scheduled_time:
            declared["scheduled_time"] = scheduled_time
        else:
            declared["run_immediately"] = True
    return declared
