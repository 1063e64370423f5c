"""The decision table: desired run-state x observed campaign status -> what to do.

One pure function, `decide`, the innermost layer of the verdict (domain/verdict.py), which
check, diff, apply and the PR summary all ask. Desired has three values: active now, start at
T (a resume Hood must start at T), and paused. The table as users read it is in
docs/configuration.md ("What a declaration does, by live status"), by time in docs/flights.md;
docs/architecture.md says where the layers around it live.

Which time Hood holds for a scheduled campaign: its `scheduled_time`, else its
`next_run_time` (the observation carries the first one present). Hood documents neither after a
resume; the field the resume set is the one to compare, and a campaign that only reports a next
run (a recurring one) is compared by that. A reschedule whose read-back still differs stops with
an error (runstate/reschedule.py), so a misread can never loop.
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
    RESCHEDULE = "reschedule"
    """Pause, wait until the pause is visible, resume at the declared time: one transition."""
    NONE = "none"


NOT_FOUND: Final = "not_found"
"""Stands in for a status when the workspace has no campaign with the id."""

KNOWN_STATUSES: Final = frozenset(
    {"draft", "scheduled", "running", "paused", "canceled", "sent", "needs_decision"}
)

_PAUSABLE: Final = frozenset({"running", "scheduled"})


def decide(
    desired: str,
    observed: str,
    *,
    start_at: str | None = None,
    hood_time: str | None = None,
    by_calendar: bool = False,
) -> Action | Problem:
    """The action that takes a campaign in status `observed` to the `desired` run-state.

    `observed` is the API's raw status, or NOT_FOUND. `desired` outside Desired is a
    Problem too (check normally rejects it earlier), so no input escapes the table.
    `start_at` (GMT) makes an active declaration "start at T" instead of "active now";
    `hood_time` (GMT) is when Hood holds a scheduled campaign to start. `by_calendar`: a flight
    decided it, so a campaign running before its flight is paused and scheduled, and a sent
    one after its flight is in sync (it ran and finished).
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
        if observed == "paused":
            return Action.RESUME
        if observed == "scheduled" and start_at is not None:
            return _scheduled_at(start_at, hood_time, observed)
        if observed == "running" and start_at is not None and by_calendar:
            # Running before its flight: pause it now, and let Hood start it at T.
            return Action.RESCHEDULE
        # Running or sent: it ran (at its time, or now). Scheduled without a declared time:
        # it stays as Hood scheduled it, never started early.
        return Action.NONE
    if observed == "paused":
        return Action.NONE
    if observed in _PAUSABLE:
        return Action.PAUSE
    if observed == "sent":
        if by_calendar:
            return Action.NONE  # the flight is over and so is the campaign
        return Problem(Code.ALREADY_SENT, "state", observed=observed)
    return Problem(Code.NEEDS_DECISION, "state", observed=observed)


def _scheduled_at(start_at: str, hood_time: str | None, observed: str) -> Action | Problem:
    if hood_time is None:
        # Scheduled for when, Hood does not say: a reschedule might move it, none might leave
        # it at the wrong time. Never guess.
        return Problem(Code.UNKNOWN_HOOD_TIME, "scheduled_time", observed=observed)
    return Action.NONE if hood_time == start_at else Action.RESCHEDULE
