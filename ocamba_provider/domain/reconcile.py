"""The decision table: desired run-state x observed campaign status -> what to do.

One pure function, `decide`, the innermost layer of the verdict (domain/verdict.py), which
check, diff, create/update and the PR summary all ask. The table as users read it is in the
README ("Declaring campaigns"); docs/architecture.md says where the layers around it live.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from ocamba_provider.domain.problems import Code, Problem


class Desired(StrEnum):
    """The run-state a declaration asks for."""

    ACTIVE = "active"
    PAUSED = "paused"


class Action(StrEnum):
    """What reconciling one campaign takes."""

    RESUME = "resume"
    PAUSE = "pause"
    NONE = "none"


NOT_FOUND: Final = "not_found"
"""Stands in for a status when the workspace has no campaign with the id."""

KNOWN_STATUSES: Final = frozenset(
    {"draft", "scheduled", "running", "paused", "canceled", "sent", "needs_decision"}
)

_PAUSABLE: Final = frozenset({"running", "scheduled"})


def decide(desired: str, observed: str) -> Action | Problem:
    """The action that takes a campaign in status `observed` to the `desired` run-state.

    `observed` is the API's raw status, or NOT_FOUND. `desired` outside Desired is a
    Problem too (check normally rejects it earlier), so no input escapes the table.
    """
    if desired not in (Desired.ACTIVE, Desired.PAUSED):
        return Problem(
            Code.UNKNOWN_DESIRED, "state", observed=observed, params={"desired": desired}
        )
    if observed == NOT_FOUND:
        return Problem(Code.NOT_FOUND, "campaign_id", observed=observed)
    if observed == "draft":
        verb = "resumed" if desired == Desired.ACTIVE else "paused"
        return Problem(Code.DRAFT, "campaign_id", observed=observed, params={"verb": verb})
    if observed == "canceled":
        return Problem(Code.CANCELED, "campaign_id", observed=observed)
    if observed not in KNOWN_STATUSES:
        return Problem(
            Code.UNKNOWN_STATUS, "campaign_id", observed=observed, params={"status": observed}
        )
    if desired == Desired.ACTIVE:
        return Action.RESUME if observed == "paused" else Action.NONE
    if observed == "paused":
        return Action.NONE
    if observed in _PAUSABLE:
        return Action.PAUSE
    if observed == "sent":
        return Problem(Code.ALREADY_SENT, "state", observed=observed)
    return Problem(Code.NEEDS_DECISION, "state", observed=observed)
