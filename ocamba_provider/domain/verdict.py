"""One verdict per campaign: what the declaration, the observation, the past and the clock
mean together.

`check` (the preview's errors and marks), `diff` (what changes), `apply` (what is sent), the
removal planning and the PR summary all ask this one function, so they can never disagree. It
layers, in this order: a hold already recorded, an observation still unknown, a vanished
campaign to forget, a manual pause to hold, the decision table (`decide`), and a scheduled time
already past. `guarded` then layers the run's plan (the blast-radius guard) on a verdict: only
check asks it, because only check counts the run.

Pure: no Pulumi, no HTTP, no clock (`now` is an argument). The guard is the only state
`guarded` touches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Final, Protocol

from ocamba_provider.domain.calendar import as_of, desire_at
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.guard import Ruling
from ocamba_provider.domain.policies import HELD, forget_missing, held_note, unattended_hold_note
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import NOT_FOUND, Action, decide
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.unknown import is_unknown

SETTLE_SECONDS: Final = 30.0
"""The default of `ocamba:settleSeconds` (settings.py reads the setting)."""


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

    @classmethod
    def checked(cls, olds: Mapping[str, Any] | None) -> Previous:
        """What check knows: the last inputs, if the stack manages the campaign already."""
        return cls(managed=bool(olds), olds=olds or {})

    @classmethod
    def recorded(cls, checked_inputs: Mapping[str, Any]) -> Previous:
        """What the hooks after check know: its inputs, which passed it.

        Inputs that passed check with a vanished campaign were forgiven by it (it refuses a
        campaign the stack did not manage yet), so they count as managed.
        """
        held = checked_inputs.get(HELD)
        return cls(managed=True, held=str(held) if held else None)


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


@dataclass(frozen=True)
class Refusal:
    """Nothing may be sent: `problem` says why, attached to its input property."""

    problem: Problem
    action: Action = Action.NONE
    """The transition this keeps from being sent (NONE: no write could satisfy the cell)."""
    guard_override: dict[str, Any] | None = None

    @property
    def prop(self) -> str:
        """The input property the refusal is attached to: the one to change."""
        return self.problem.prop


@dataclass(frozen=True)
class Held:
    """A manual pause is respected under `drift: hold`; `note` says since when."""

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


def verdict(
    declared: RunStateInputs,
    observed: Observation | None,
    previous: Previous,
    now: datetime,
    settle_s: float = SETTLE_SECONDS,
    *,
    unattended: bool = False,
) -> Verdict:
    """What to do about one campaign at `now`; `observed` None means not observed (yet).

    `settle_s` is `ocamba:settleSeconds`: a Hood start nearer than that is not rescheduled.
    `unattended`: a run nobody reviews at that minute (a scheduled tick) acts on the calendar
    only, and never resumes a campaign found paused.
    """
    if previous.held:
        return Held(previous.held)
    if observed is None:
        return Pending()
    status = observed.status
    if previous.managed and forget_missing(declared, status):
        return Forgotten()
    desire = desire_at(declared, now)
    declaration = as_of(declared, desire)  # what a write would carry at `now`
    note = held_note(declaration, status, previous.olds, now)
    if note is not None:
        return Held(note)
    start_at = declaration.starts_at()
    if status == "scheduled" and is_unknown(start_at):
        return Pending()  # whether Hood's time is the declared one is known at apply
    decision = decide(
        declaration.state,
        status,
        start_at=start_at,
        hood_time=observed.scheduled_time,
        by_calendar=desire.by_calendar,
    )
    if isinstance(decision, Problem):
        return Refusal(_about(decision, declared, observed))
    if unattended and decision is Action.RESUME:
        return Held(unattended_hold_note(now))
    timing = _timing(decision, declaration, observed, now, settle_s)
    if timing is not None:
        return Refusal(timing.about(declared.campaign_id, observed.name), decision)
    if decision is Action.NONE:
        kept = observed.scheduled_time if status == "scheduled" and start_at is None else None
        return Unchanged(kept if declaration.state == "active" else None)
    from_time = observed.scheduled_time if decision is Action.RESCHEDULE else None
    return Act(decision, declaration, from_time=from_time)


def counted(
    found: Verdict, campaign_id: str, *, unattended: bool = False
) -> dict[str, Action] | None:
    """What the guard records of this verdict; {} only looks; None does not ask at all.

    A transition counts; a campaign in sync, held or forgotten leaves the plan; a resume that
    cannot be sent (a time past) is not counted but looks for the override; a problem of the
    table or an unobserved campaign does not concern the run. An unattended run's pause is not
    counted: the calendar asks it, the flight was reviewed when it merged, and a pause never
    sends anything.
    """
    if unattended and isinstance(found, Act) and found.action is Action.PAUSE:
        return None
    if isinstance(found, Act):
        return {campaign_id: found.action}
    if isinstance(found, Unchanged | Held | Forgotten):
        return {campaign_id: Action.NONE}
    if isinstance(found, Refusal) and found.action is not Action.NONE:
        return {}
    return None


def guarded(
    found: Verdict, campaign_id: str, plan: RunPlan, *, unattended: bool = False
) -> Verdict:
    """The verdict with the run's plan layered on: counted once, refused past the limit.

    An unattended run pauses when the calendar says so even past the limit (`counted`).
    """
    question = counted(found, campaign_id, unattended=unattended)
    if question is None:
        return found
    ruling = plan.ruling(question)
    if isinstance(found, Refusal):
        # Not counted: it cannot be sent. The override still shows if the run needs it.
        return replace(found, guard_override=ruling.override)
    if isinstance(found, Act):
        if ruling.refusal is not None:
            return Refusal(ruling.refusal, found.action, ruling.override)
        return replace(found, guard_override=ruling.override)
    if isinstance(found, Unchanged) and ruling.refusal is not None:
        return Refusal(ruling.refusal)
    return found


def _about(problem: Problem, declaration: RunStateInputs, observed: Observation) -> Problem:
    found = problem.about(declaration.campaign_id, observed.name)
    if observed.status == NOT_FOUND and declaration.on_missing == "forget":
        found = replace(found, params={**found.params, "not_managed": True})
    return found


def _timing(
    decision: Action,
    declaration: RunStateInputs,
    observed: Observation,
    now: datetime,
    settle_s: float,
) -> Problem | None:
    """Why a write that carries a time cannot be sent now: the time has passed, or Hood's own
    start is too near to move (pausing it would race Hood's start)."""
    start_at = declaration.starts_at()
    if decision not in (Action.RESUME, Action.RESCHEDULE) or start_at is None:
        return None
    if _in_the_past(start_at, now):
        return Problem(
            Code.PAST_SCHEDULED_TIME,
            "scheduled_time",
            observed=observed.status,
            params={"time": start_at, "from": observed.scheduled_time}
            if decision is Action.RESCHEDULE
            else {"time": start_at},
        )
    hood = observed.scheduled_time
    too_near = hood is not None and parse_api_time(hood) < now + timedelta(seconds=settle_s)
    if decision is Action.RESCHEDULE and too_near:
        params = {"from": hood, "time": start_at, "settle": settle_s}
        return Problem(
            Code.RESCHEDULE_TOO_LATE, "scheduled_time", observed=observed.status, params=params
        )
    return None


def _in_the_past(scheduled_time: str | None, now: datetime) -> bool:
    # An unknown time (an Output in preview) is judged at apply, where `now` is given again.
    if scheduled_time is None or is_unknown(scheduled_time):
        return False
    return parse_api_time(scheduled_time) <= now
