"""What one declaration of a campaign's run state says: the keys and their typed view.

Domain layer: no Pulumi here, so the policies, the verdict and the PR summary can use it
without loading the SDK (and without importing the resource package that imports them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

DECLARED: Final = (
    "campaign_id",
    "state",
    "run_immediately",
    "scheduled_time",
    "pause_reason",
    "drift",
    "hold_until",
    "on_delete",
    "on_missing",
)
POLICY_KEYS: Final = ("drift", "hold_until", "on_delete", "on_missing")
"""Declared keys that say how to behave later, not what the campaign should be now."""


@dataclass(frozen=True)
class RunStateInputs:
    """A valid declaration, typed."""

    campaign_id: str
    state: str
    run_immediately: bool = False
    scheduled_time: str | None = None
    pause_reason: str | None = None
    drift: str = "enforce"
    hold_until: str | None = None
    on_delete: str = "forget"
    on_missing: str = "error"

    @classmethod
    def from_props(cls, props: Mapping[str, Any]) -> RunStateInputs:
        """The typed view of checked inputs (or of outputs, which carry the same keys)."""
        present = {key: props[key] for key in DECLARED if props.get(key) is not None}
        present["campaign_id"] = str(present["campaign_id"])
        return cls(**present)

    def resume_body(self) -> dict[str, Any]:
        """Keyword arguments for HoodClient.resume: exactly one resume mode."""
        if self.scheduled_time is not None:
            return {"scheduled_time": self.scheduled_time}
        return {"run_immediately": True}
