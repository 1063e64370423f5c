"""What check records in the inputs, and which problems it reports, from one verdict.

The checked inputs are what diff, create/update and the PR summary read back, and what a saved
plan pins: a fact goes in only when a later hook or the summary needs it.
"""

from __future__ import annotations

from typing import Any

from ocamba_provider.domain.declaration import (
    CALENDAR_PAUSE,
    FREEZE_OVERRIDE,
    GUARD_OVERRIDE,
    HELD,
)
from ocamba_provider.domain.outcomes import calendar_pause
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.verdict import Act, Held, Observation, Previous, Refusal, Verdict


def recorded_facts(
    found: Verdict, previous: Previous | None = None, observed: Observation | None = None
) -> dict[str, Any]:
    """The checked-input keys a verdict adds: why a campaign is held, the one-run overrides
    that let a transition through, and whether the calendar paused it."""
    facts: dict[str, Any] = {}
    if isinstance(found, Held):
        facts[HELD] = found.note
    if isinstance(found, Act | Refusal) and found.guard_override:
        # The preview and the PR summary show that a one-run override let this through.
        facts[GUARD_OVERRIDE] = found.guard_override
    if isinstance(found, Act | Refusal) and found.freeze_override:
        facts[FREEZE_OVERRIDE] = found.freeze_override
    pause = calendar_pause(found, previous, observed.status if observed is not None else None)
    if pause is not None:
        facts[CALENDAR_PAUSE] = pause
    return facts


def check_problems(run_refusal: Problem | None, found: Verdict) -> list[Problem]:
    """The whole run's refusal (it stands on the first check), then this campaign's own."""
    problems = [run_refusal] if run_refusal is not None else []
    # The guard's refusal of this campaign may repeat the whole run's word for word.
    if isinstance(found, Refusal) and found.problem not in problems:
        problems.append(found.problem)
    return problems
