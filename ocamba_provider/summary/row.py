"""One campaign's line in the comment: what it means (its kind) and its cells."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Final

from ocamba_provider.domain.declaration import POLICY_KEYS
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.wording import gmt


class Kind(IntEnum):
    """What a row means, in the order the comment lists them."""

    ERROR = 0
    RESUME = 1
    RESCHEDULE = 2
    PAUSE = 3
    FORGET = 4
    PENDING = 5
    NONE = 6


TOTAL_LABELS: Final = {
    Kind.RESUME: "to resume",
    Kind.RESCHEDULE: "to reschedule",
    Kind.PAUSE: "to pause",
    Kind.FORGET: "to stop managing",
    Kind.PENDING: "decided at apply",
    Kind.NONE: "unchanged",
}


@dataclass(frozen=True)
class Row:
    """One campaign's line in the comment."""

    kind: Kind
    campaign_id: str
    name: str
    observed: str
    desired: str
    action: str
    notes: str = ""

    def sort_key(self) -> tuple[int, int, str]:
        digits = self.campaign_id.isdigit()
        return (self.kind, int(self.campaign_id) if digits else 0, self.campaign_id)


def policy_notes(inputs: Mapping[str, Any]) -> str:
    """The policy fields a declaration sets, as a short phrase (empty when none)."""
    notes: list[str] = []
    for key in POLICY_KEYS:
        value = inputs.get(key)
        if value is None:
            continue
        shown = at_apply(value) or (gmt(str(value)) if key == "hold_until" else str(value))
        notes.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(notes)


def at_apply(value: Any) -> str:
    """`(known at apply)` for a value unknown in preview, else empty."""
    # An Output not resolved in preview arrives as the engine's sentinel string: say so.
    return "(known at apply)" if is_unknown(value) else ""
