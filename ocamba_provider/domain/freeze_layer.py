"""The freeze layer of the verdict: what a freeze does to the decision table's answer.

- A one-off start inside a freeze (a `scheduled_time`, a flight's `active_from`) is an error
  naming both, whatever the campaign's status: the declaration and the freeze disagree.
- Inside a freeze nothing is resumed and nothing rescheduled; a pause is never blocked. What
  the calendar asks (a flight or a window) waits for the freeze's end: a campaign running when
  its window closes is paused (its next start handed to Hood after the freeze), one found
  paused is held. What a fixed declaration asks (`run_immediately`, a `scheduled_time`) is an
  error naming the freeze and the override.
- A freeze named in OCAMBA_ALLOW_FREEZE does not block this one command; the transition says
  which freeze it passed, for the PR comment.

Pure: `now` is an argument.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ocamba_provider.domain.calendar import Desire, window_closed_reason
from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import ALLOW_FREEZE_VARIABLE, Freezes, Frozen
from ocamba_provider.domain.outcomes import Act, Held, Observation, Refusal, Verdict
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action
from ocamba_provider.domain.times import format_api_time, parse_api_time
from ocamba_provider.domain.unknown import is_unknown

_STARTS = (Action.RESUME, Action.RESCHEDULE)


def frozen(
    decision: Action,
    *,
    desire: Desire,
    declared: RunStateInputs,
    declaration: RunStateInputs,
    observed: Observation,
    now: datetime,
    freezes: Freezes,
) -> Verdict | str | None:
    """What the freezes make of `decision`: a verdict that replaces it, the name of a freeze
    the transition passes by override (it goes ahead), or None (no freeze concerns it).

    `declared` is the declaration as written (its keys name the problem), `declaration` what
    a write would carry at `now` (calendar.as_of).
    """
    if not freezes.rules:
        return None
    start = _one_off_start(desire, declared)
    if start is not None:
        inside = freezes.at(parse_api_time(start))
        if inside is not None and not inside.allowed:
            key = "scheduled_time" if declared.scheduled_time else "active_from"
            return Refusal(_problem(Code.FREEZE_START, key, inside, observed, start=start))
        if inside is not None:
            return inside.name
    if decision not in _STARTS:
        return None  # a pause is never blocked, and nothing else is sent
    now_in = freezes.at(now)
    if now_in is None:
        return None
    if now_in.allowed:
        return now_in.name
    if not desire.by_calendar:
        return Refusal(_problem(Code.FROZEN, "state", now_in, observed), decision)
    if decision is Action.RESCHEDULE and observed.status == "running":
        closed = desire.closed or format_api_time(now)
        reason = f"{window_closed_reason(closed)}; frozen ({now_in.name}) until {_end(now_in)} GMT"
        paused = replace(declaration, state="paused", run_immediately=False, scheduled_time=None)
        return Act(Action.PAUSE, replace(paused, pause_reason=reason), by_calendar=True)
    return Held(
        f"held: frozen ({now_in.name}) until {_end(now_in)} GMT; the next start is handed to "
        "Hood after it"
    )


def _one_off_start(desire: Desire, declared: RunStateInputs) -> str | None:
    """A start the declaration fixes (not a window's): what a freeze may not contain."""
    if desire.kind != "start" or desire.at is None or is_unknown(desire.at):
        return None
    if declared.windows:
        return None  # a window's openings inside a freeze are skipped, not refused
    return desire.at


def _end(inside: Frozen) -> str:
    return format_api_time(inside.span.end)


def _problem(
    code: Code, prop: str, inside: Frozen, observed: Observation, start: str | None = None
) -> Problem:
    params = {
        "freeze": inside.name,
        "from": format_api_time(inside.span.start),
        "until": _end(inside),
        "variable": ALLOW_FREEZE_VARIABLE,
    }
    if start is not None:
        params["time"] = start
    return Problem(code, prop, observed=observed.status, name=observed.name, params=params)
