"""What the verdict works from and what it answers: the observation, the past, and the six
outcomes (send, refuse, hold, forget, leave, decide later).

Shared by the verdict (verdict.py) and its layers (freeze_layer.py), and read by every hook,
the summary and `due`. Pure data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.guard import Ruling
from ocamba_provider.domain.policies import CALENDAR_PAUSE, HELD
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.reconcile import Action


@dataclass(frozen=True)
class Observation:
    """The campaign as read in this run: its API status (or NOT_FOUND), its name, and when Hood
    holds it to start (GMT; a scheduled campaign's `scheduled_time`, else `next_run_time`)."""

    status: str
    name: str = ""
    scheduled_time: str | None = None


@dataclass(frozen=True)
class Previous:
    """What the stack already knows about the campaign."""

    managed: bool = False
    """The stack managed it before this run: a vanished campaign may then be forgotten."""
    held: str | None = None
    """The held note a check recorded in the checked inputs (read back after check)."""
    olds: Mapping[str, Any] = field(default_factory=dict)
    """check's old inputs: whether a manual pause is new drift to hold."""
    calendar_paused: bool = False
    """The campaign was last paused by the calendar (a window or flight that closed), not by a
    person: an unattended run may hand its next start to Hood."""

    @classmethod
    def checked(cls, olds: Mapping[str, Any] | None) -> Previous:
        """What check knows: the last inputs, if the stack manages the campaign already."""
        last = olds or {}
        return cls(managed=bool(olds), olds=last, calendar_paused=bool(last.get(CALENDAR_PAUSE)))

    @classmethod
    def recorded(cls, checked_inputs: Mapping[str, Any]) -> Previous:
        """What the hooks after check know: its inputs, which passed it.

        Inputs that passed check with a vanished campaign were forgiven by it (it refuses a
        campaign the stack did not manage yet), so they count as managed.
        """
        held = checked_inputs.get(HELD)
        calendar = bool(checked_inputs.get(CALENDAR_PAUSE))
        return cls(managed=True, held=str(held) if held else None, calendar_paused=calendar)


class RunPlan(Protocol):
    """The run's plan of transitions, as the blast-radius guard counts it."""

    def ruling(self, transitions: Mapping[str, Action]) -> Ruling:
        """Record `transitions` (an empty mapping just looks) and rule on the run."""
        ...


@dataclass(frozen=True)
class Act:
    """Send one write: `action` with the declaration's resume mode or pause reason."""

    action: Action
    declaration: RunStateInputs
    guard_override: dict[str, Any] | None = None
    """The one-run override this transition needs to pass the configured limit."""
    from_time: str | None = None
    """A reschedule's time as Hood holds it now (GMT); the declaration holds the new one."""
    freeze_override: str | None = None
    """The freeze this transition passes by the one-run override (OCAMBA_ALLOW_FREEZE)."""
    by_calendar: bool = False
    """The calendar asked it (a flight or a window), not a fixed state."""


@dataclass(frozen=True)
class Refusal:
    """Nothing may be sent: `problem` says why, attached to its input property."""

    problem: Problem
    action: Action = Action.NONE
    """The transition this keeps from being sent (NONE: no write could satisfy the cell)."""
    guard_override: dict[str, Any] | None = None
    freeze_override: str | None = None

    @property
    def prop(self) -> str:
        """The input property the refusal is attached to: the one to change."""
        return self.problem.prop


@dataclass(frozen=True)
class Held:
    """Left as it is though the declaration asks otherwise: a manual pause under `drift: hold`
    or in an unattended run, or a start a freeze holds back; `note` says why and since when."""

    note: str


@dataclass(frozen=True)
class Forgotten:
    """The campaign vanished while managed and `on_missing: forget` lets it go."""


@dataclass(frozen=True)
class Unchanged:
    """The campaign already is what the declaration asks."""

    kept: str | None = None
    """Declared active now but scheduled by Hood for this time (GMT): it stays as Hood
    scheduled it, since starting it early would send early."""


@dataclass(frozen=True)
class Pending:
    """Not observed yet (an id or state still unknown in preview): decided at apply."""


Verdict = Act | Refusal | Held | Forgotten | Unchanged | Pending


def needed(found: Verdict) -> Action:
    """The transition the campaign needs, whether or not it may be sent (diff's question)."""
    return found.action if isinstance(found, Act | Refusal) else Action.NONE


def calendar_pause(found: Verdict, previous: Previous | None, status: str | None) -> str | None:
    """The reason of the calendar's pause `found` sends, or of the one an earlier run sent
    while the campaign (`status` as read now) stays paused: what check records so that a later
    unattended run may resume it for the next window or hand that start to Hood."""
    if isinstance(found, Act) and found.action is Action.PAUSE and found.by_calendar:
        return found.declaration.pause_reason or "calendar"
    resumed = isinstance(found, Act) and found.action is not Action.PAUSE
    if previous is not None and previous.calendar_paused and not resumed:
        return str(previous.olds.get(CALENDAR_PAUSE) or "calendar") if status == "paused" else None
    return None
