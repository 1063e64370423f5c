"""Per-campaign policies layered on the decision table: drift, vanished campaigns, deletion.

`decide` answers "what does the declaration need?"; these answer "should we, given what the
team chose?". Each is a pure function of declarations, observations and the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from ocamba_provider.domain.declaration import CALENDAR_PAUSE, HELD, RunStateInputs
from ocamba_provider.domain.reconcile import NOT_FOUND, Action, Desired
from ocamba_provider.domain.times import format_api_time, parse_api_time
from ocamba_provider.domain.unknown import is_unknown

__all__ = [
    "CALENDAR_PAUSE",
    "HELD",
    "forget_missing",
    "held_note",
    "on_delete_action",
    "unattended_hold_note",
]


def _same_declaration(olds: Mapping[str, Any], inputs: RunStateInputs) -> bool:
    # What is asked of the campaign: its id and state. A policy change is not a new ask, and
    # neither is a new resume mode for a campaign already active (design: not a change).
    return olds.get("campaign_id") == inputs.campaign_id and olds.get("state") == inputs.state


def held_note(
    inputs: RunStateInputs,
    observed: str,
    olds: Mapping[str, Any],
    now: datetime,
) -> str | None:
    """Why a manual pause is respected under `drift: hold`, or None when it is enforced.

    Held when: the campaign is already managed (olds exist), the declaration did not change
    since, it is declared active, it is now paused (which the last run did not leave it), and
    `hold_until` (GMT) has not passed.
    """
    if inputs.drift != "hold" or inputs.state != Desired.ACTIVE.value or observed != "paused":
        return None
    if not olds or not _same_declaration(olds, inputs):
        return None
    if inputs.hold_until is not None and (
        # Unknown (an Output in preview): plan the enforcement, the larger change, so the
        # preview and the guard do not understate it; the apply's check knows the time.
        is_unknown(inputs.hold_until) or parse_api_time(inputs.hold_until) <= now
    ):
        return None
    previous = olds.get(HELD)
    if (
        isinstance(previous, str)
        and previous.startswith(_MANUAL)
        and _UNATTENDED_ONLY not in previous
    ):
        return previous  # since when: the first run that held it said so
    until = f" (held until {inputs.hold_until} GMT)" if inputs.hold_until else ""
    return f"{_MANUAL}, seen at {format_api_time(now)} GMT{until}"


def forget_missing(inputs: RunStateInputs, observed: str) -> bool:
    """True when a vanished campaign should be quietly forgotten instead of an error."""
    return observed == NOT_FOUND and inputs.on_missing == "forget"


def on_delete_action(on_delete: str, adopted_status: str | None, observed: str) -> Action | None:
    """What removing a declaration does to the campaign; None when `restore` cannot put the
    campaign back in its adopted status (the API only pauses running or scheduled campaigns
    and resumes paused ones)."""
    if on_delete == "forget" or observed == NOT_FOUND:
        return Action.NONE
    if on_delete == "pause":
        return Action.PAUSE if observed in ("running", "scheduled") else Action.NONE
    if adopted_status is None or adopted_status == observed:
        return Action.NONE
    if adopted_status == "paused" and observed in ("running", "scheduled"):
        return Action.PAUSE
    if adopted_status in ("running", "scheduled") and observed == "paused":
        return Action.RESUME
    if adopted_status in ("running", "scheduled") and observed in ("running", "scheduled"):
        return Action.NONE
    return None


_MANUAL: Final = "held: paused out of band"
_UNATTENDED_ONLY: Final = "an unattended run never resumes (the next reviewed run decides)"


def unattended_hold_note(now: datetime) -> str:
    """Why an unattended run leaves a paused campaign paused (the reviewed run decides, by the
    campaign's `drift`: a hold it reads as its own would wrongly claim the reviewed run's)."""
    return f"held: found paused at {format_api_time(now)} GMT; {_UNATTENDED_ONLY}"
