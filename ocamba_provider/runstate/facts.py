"""What check records in the inputs, and which problems it reports, from one verdict.

The checked inputs are what diff, create/update and the PR summary read back, and what a saved
plan pins: a fact goes in only when a later hook or the summary needs it.
"""

from __future__ import annotations

from typing import Any

from ocamba_provider.domain.declaration import GUARD_OVERRIDE, HELD
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.verdict import Act, Held, Refusal, Verdict


def recorded_facts(found: Verdict) -> dict[str, Any]:
    """The checked-input keys a verdict adds: why a pause is held, or the guard's override."""
    if isinstance(found, Held):
        return {HELD: found.note}
    if isinstance(found, Act | Refusal) and found.guard_override:
        # The preview and the PR summary show that a one-run override let this through.
        return {GUARD_OVERRIDE: found.guard_override}
    return {}


def check_problems(run_refusal: Problem | None, found: Verdict) -> list[Problem]:
    """The whole run's refusal (it stands on the first check), then this campaign's own."""
    problems = [run_refusal] if run_refusal is not None else []
    # The guard's refusal of this campaign may repeat the whole run's word for word.
    if isinstance(found, Refusal) and found.problem not in problems:
        problems.append(found.problem)
    return problems
