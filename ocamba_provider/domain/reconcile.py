"""The decision table: desired run-state x observed campaign status -> what to do.

One pure function, `decide`, the innermost layer of the verdict (domain/verdict.py), which
check, diff, create/update and the PR summary all ask. The table as users read it is in the
README ("Declaring campaigns"); docs/architecture.md says where the layers around it live.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Desired(StrEnum):
    """The run-state a declaration asks for."""

    ACTIVE = "active"
    PAUSED = "paused"


class Action(StrEnum):
    """What reconciling one campaign takes."""

    RESUME = "resume"
    PAUSE = "pause"
    NONE = "none"


@dataclass(frozen=True)
class Problem:
    """A cell of the table that no API call can satisfy: the user must change something.

    `prop` is the input property the CheckFailure is attached to: the one to change.
    """

    prop: str
    observed: str
    what: str
    remedy: str

    def describe(self, campaign_id: str, name: str | None) -> str:
        """The full message: campaign, what was observed, what the user can do."""
        title = f"campaign {campaign_id}" + (f" ({name})" if name else "")
        return f"{title}: {self.what} (observed status: {self.observed}). {self.remedy}"


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
            "state",
            observed,
            f"unknown desired state {desired!r}",
            "Declare state: active or state: paused.",
        )
    if observed == NOT_FOUND:
        return Problem(
            "campaign_id",
            observed,
            "no campaign with this id in the workspace",
            "Check the id (python -m ocamba_provider.campaigns list), or remove the declaration.",
        )
    if observed == "draft":
        return Problem(
            "campaign_id",
            observed,
            f"a draft cannot be {'resumed' if desired == Desired.ACTIVE else 'paused'}",
            "Publish it in Hood first, or remove the declaration.",
        )
    if observed == "canceled":
        return Problem(
            "campaign_id",
            observed,
            "canceled campaigns cannot be resumed or paused (cancel is permanent)",
            "Remove the declaration.",
        )
    if observed not in KNOWN_STATUSES:
        return Problem(
            "campaign_id",
            observed,
            f"unknown campaign status {observed!r}; refusing to guess",
            "Check the campaign in Hood, and report the status to the maintainers.",
        )
    if desired == Desired.ACTIVE:
        return Action.RESUME if observed == "paused" else Action.NONE
    if observed == "paused":
        return Action.NONE
    if observed in _PAUSABLE:
        return Action.PAUSE
    if observed == "sent":
        return Problem(
            "state",
            observed,
            "already sent, cannot pause",
            "Declare state: active (it ran and finished), or remove the declaration.",
        )
    return Problem(
        "state",
        observed,
        "cannot pause while the A/B test waits for a winner",
        "Pick the winning message in Hood, or declare state: active.",
    )
