"""What check hands the engine: the facts its verdict records in the inputs, and its failures.

The checked inputs are what diff, create/update and the PR summary read back, and what a saved
plan pins: a fact goes in only when a later hook or the summary needs it.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import CheckFailure

from ocamba_provider.domain.declaration import GUARD_OVERRIDE
from ocamba_provider.domain.policies import HELD
from ocamba_provider.domain.verdict import Act, Held, Refusal, Verdict


def recorded_facts(found: Verdict) -> dict[str, Any]:
    """The checked-input keys a verdict adds: why a pause is held, or the guard's override."""
    if isinstance(found, Held):
        return {HELD: found.note}
    if isinstance(found, Act | Refusal) and found.guard_override:
        # The preview and the PR summary show that a one-run override let this through.
        return {GUARD_OVERRIDE: found.guard_override}
    return {}


def check_failures(run_refusal: str | None, found: Verdict) -> list[CheckFailure]:
    """The whole run's refusal (it stands on the first check), then this campaign's own."""
    reasons = [("state", run_refusal)] if run_refusal else []
    # The guard's refusal of this campaign may repeat the whole run's word for word.
    if isinstance(found, Refusal) and (found.prop, found.message) not in reasons:
        reasons.append((found.prop, found.message))
    return [CheckFailure(prop, reason) for prop, reason in reasons]
