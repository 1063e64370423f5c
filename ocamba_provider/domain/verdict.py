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

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Final

from ocamba_provider.domain.calendar import as_of, desire_at
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freeze_layer import frozen
from ocamba_provider.domain.freezes import NO_FREEZES, Freezes
from ocamba_provider.domain.outcomes import (
    Act,
    Forgotten,
    Held,
    Observation,
    Pending,
    Previous,
    Refusal,
    RunPlan,
    Unchanged,
    Verdict,
    needed,
)
from ocamba_provider.domain.policies import forget_missing, held_note, unattended_hold_note
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import NOT_FOUND, Action, decide
from ocamba_provider.domain.times import parse_api_time
from ocamba_provider.domain.unknown import is_unknown

SETTLE_SECONDS: Final = 30.0
"""The default of `ocamba:settleSeconds` (settings.py reads the setting)."""

__all__ = [
    "SETTLE_SECONDS",
    "Act",
    "Forgotten",
    "Held",
    "Observation",
    "Pending",
    "Previous",
    "Refusal",
    "RunPlan",
    "Unchanged",
    "Verdict",
    "counted",
    "guarded",
    "needed",
    "verdict",
]


def verdict(
    declared: RunStateInputs,
    observed: Observation | None,
    previous: Previous,
    now: datetime,
    settle_s: float = SETTLE_SECONDS,
    *,
    unattended: bool = False,
    freezes: Freezes = NO_FREEZES,
) -> Verdict:
    """What to do about one campaign at `now`; `observed` None means not observed (yet).

    `settle_s` is `ocamba:settleSeconds`: a Hood start nearer than that is not rescheduled.
    `unattended`: a run nobody reviews at that minute (a scheduled tick) acts on the calendar
    only, and never resumes a campaign found paused, unless the calendar paused it (a window
    that closed). `freezes`: `ocamba:freezes`, with the names this run may pass.
    """
    if previous.held:
        return Held(previous.held)
    if observed is None:
        return Pending()
    status = observed.status
    if previous.managed and forget_missing(declared, status):
        return Forgotten()
    desire = desire_at(declared, now, freezes)
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
    freeze = frozen(
        decision,
        desire=desire,
        declared=declared,
        declaration=declaration,
        observed=observed,
        now=now,
        freezes=freezes,
    )
    if isinstance(freeze, Refusal):
        return replace(freeze, problem=freeze.problem.about(declared.campaign_id, observed.name))
    if freeze is not None and not isinstance(freeze, str):
        return freeze
    calendar_resume = desire.by_calendar and previous.calendar_paused
    if unattended and decision is Action.RESUME and not calendar_resume:
        return Held(unattended_hold_note(now))
    timing = _timing(decision, declaration, observed, now, settle_s)
    if timing is not None:
        return Refusal(timing.about(declared.campaign_id, observed.name), decision)
    if decision is Action.NONE:
        kept = observed.scheduled_time if status == "scheduled" and start_at is None else None
        return Unchanged(kept if declaration.state == "active" else None)
    from_time = observed.scheduled_time if decision is Action.RESCHEDULE else None
    return Act(
        decision,
        declaration,
        from_time=from_time,
        freeze_override=freeze,
        by_calendar=desire.by_calendar,
    )


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
