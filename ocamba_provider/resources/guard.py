"""The blast-radius guard: a run may resume or pause at most N campaigns unless told otherwise.

Counted across the whole run (one provider process), not per resource. When the program's
snapshot hint arrives (every declared id and state), the whole plan is known at the first check,
so the guard can refuse before a single campaign is touched.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from ocamba_provider.reconcile import Action


class TransitionGuard:
    """Remembers the transitions a run plans and refuses past the limit."""

    def __init__(self, limit: int, allow_mass: bool) -> None:
        self._limit = limit
        self._allow_mass = allow_mass
        self._planned: dict[str, Action] = {}
        self._lock = threading.Lock()

    def plan(self, transitions: Mapping[str, Action]) -> str | None:
        """Record planned transitions; a message when the run now exceeds the limit."""
        with self._lock:
            for campaign_id, action in transitions.items():
                if action is Action.NONE:
                    self._planned.pop(campaign_id, None)
                else:
                    self._planned[campaign_id] = action
            count = len(self._planned)
            if self._allow_mass or count <= self._limit:
                return None
            first = ", ".join(
                f"{action.value} {campaign_id}"
                for campaign_id, action in sorted(self._planned.items())[:10]
            )
        more = f" and {count - 10} more" if count > 10 else ""
        return (
            f"this run would resume or pause {count} campaigns, more than "
            f"ocamba:maxTransitionsPerRun ({self._limit}): {first}{more}. If that is intended, "
            "raise the limit (`pulumi config set ocamba:maxTransitionsPerRun "
            f"{count}`) or set `ocamba:allowMassTransition true` for this run."
        )
