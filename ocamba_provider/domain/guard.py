"""The blast-radius guard: a run may resume or pause at most N campaigns unless told otherwise.

Counted across the whole run (one provider process), not per resource. When the stack config
lists the declarations (`<project>:campaigns`, handed to the provider by `configure`), the
whole plan is known at the first check, so the guard refuses before a single campaign is
touched. Stack code without that list is counted as its checks arrive: a preview still
refuses before anything runs, an `up --skip-preview` stops at the first campaign past the limit.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.reconcile import Action

ALLOW_TRANSITIONS_VARIABLE: Final = "OCAMBA_ALLOW_TRANSITIONS"
"""The environment variable that lifts the limit for one run (read by settings)."""


@dataclass(frozen=True)
class Ruling:
    """The guard's answer on the run as planned so far."""

    refusal: Problem | None
    """Why the run must stop before anything is sent (Code.GUARD); None within the limit."""
    override: dict[str, Any] | None
    """The one-run override that lets the run past the configured limit; None if not needed."""


class TransitionGuard:
    """Remembers the transitions a run plans and refuses past the limit."""

    def __init__(self, limit: int, allow_mass: bool, override: int | None = None) -> None:
        self._limit = limit
        self._allow_mass = allow_mass
        self._override = override
        self._planned: dict[str, Action] = {}
        self._lock = threading.Lock()

    def plan(self, transitions: Mapping[str, Action]) -> Problem | None:
        """Record planned transitions; the refusal when the run now exceeds the limit."""
        return self.ruling(transitions).refusal

    def override_in_use(self) -> dict[str, Any] | None:
        """What lets this run past the configured limit, for the checked inputs; None if nothing."""
        return self.ruling({}).override

    def ruling(self, transitions: Mapping[str, Action]) -> Ruling:
        """Record planned transitions (none: just look) and rule on the run as it now stands.

        One call for both answers, so a check asks the guard once and the two agree on the
        count even while other resources' checks run in other threads.
        """
        with self._lock:
            for campaign_id, action in transitions.items():
                if action is Action.NONE:
                    self._planned.pop(campaign_id, None)
                else:
                    self._planned[campaign_id] = action
            planned = sorted(self._planned.items())
        return Ruling(self._refusal(planned), self._override_of(len(planned)))

    def _refusal(self, planned: list[tuple[str, Action]]) -> Problem | None:
        count = len(planned)
        if self._allow_mass or count <= self._allowed():
            return None
        return Problem(
            Code.GUARD,
            "state",
            params={
                "count": count,
                "limit": self._limit,
                "override": self._override,
                "variable": ALLOW_TRANSITIONS_VARIABLE,
                # The first ten name the run; the rest are counted.
                "planned": [[action.value, campaign_id] for campaign_id, action in planned[:10]],
            },
        )

    def _override_of(self, count: int) -> dict[str, Any] | None:
        if self._allow_mass or count <= self._limit or self._override is None:
            return None
        # No count here: it grows as checks arrive, and checked inputs must be the same in a
        # preview and its `up --plan`.
        return {
            "variable": ALLOW_TRANSITIONS_VARIABLE,
            "allowed": self._override,
            "limit": self._limit,
        }

    def _allowed(self) -> int:
        return self._limit if self._override is None else max(self._limit, self._override)
