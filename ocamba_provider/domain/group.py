"""What a group declares, and what a run records of it: one resource for many campaigns.

A group is a selector (domain/selector.py) plus every key a campaign's declaration takes but its
id (state, the resume mode, the flight and its windows, the zone, the pause reason, the
policies), which apply to each member, and `allow_empty`. Each member is judged as if it were
declared alone: `GroupInputs.member(campaign_id)` is the `RunStateInputs` it stands for.

The checked inputs carry, beside the declaration, the group's name (`group`, the resource's
name) and what check saw of each member (`observed_members`): their keys are the membership a
run acts on, pinned in state by the up. The outputs add `members`, each member's status and
this stack's last action on it.

Domain layer: no Pulumi.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from ocamba_provider.domain.declaration import DECLARED, RunStateInputs
from ocamba_provider.domain.selector import SELECT, Selector, selector_of

GROUP: Final = "group"
"""Checked-input and output key: the group's name (its resource name); also what tells a group's
properties from a campaign's in the dynamic provider, which serves both types."""
ALLOW_EMPTY: Final = "allow_empty"
OBSERVED_MEMBERS: Final = "observed_members"
"""Checked-input key: `{campaign id: what check saw and decided}` (the membership acted on)."""
MEMBERS: Final = "members"
"""Output key: `{campaign id: {name, status, last_action, last_action_at, ...}}`."""

SHARED: Final = tuple(key for key in DECLARED if key != "campaign_id")
"""The keys of a campaign's declaration a group declares for every member."""
GROUP_DECLARED: Final = (SELECT, *SHARED, ALLOW_EMPTY)
"""Every key a group declaration may carry, in order."""
GROUP_REQUIRED: Final = (SELECT, "state")

# What check records of a member (observed_members), and the output record of one (members).
MEMBER_STATUS: Final = "status"
MEMBER_NAME: Final = "name"
MEMBER_TIME: Final = "scheduled_time"
MEMBER_HELD: Final = "held"
MEMBER_GOVERNED: Final = "governed_by"
"""Another declaration decides this member (a pause wins; an entry by id over a group)."""
ADOPTED_STATUS: Final = "adopted_status"
ADOPTED_TIME: Final = "adopted_scheduled_time"
"""A member's status and scheduled time when the group took it over (`on_delete: restore`)."""
MEMBER_SKIPPED: Final = "skipped"
"""A status no write can change (a draft, a canceled or sent campaign): the group leaves it be."""


@dataclass(frozen=True)
class GroupInputs:
    """A valid group declaration, typed; times in GMT once check has read them."""

    select: Selector
    shared: Mapping[str, Any] = field(default_factory=dict)
    """The declared keys of SHARED (None left out)."""
    allow_empty: bool = False

    @classmethod
    def from_props(cls, props: Mapping[str, Any]) -> GroupInputs:
        """The typed view of checked inputs or outputs (a valid, known selector assumed).

        Raises:
            ValueError: the selector is not valid or not known.
        """
        select = selector_of(props.get(SELECT))
        if select is None:
            raise ValueError(f"not a valid, known selector: {props.get(SELECT)!r}")
        shared = {key: props[key] for key in SHARED if props.get(key) is not None}
        return cls(select, shared, bool(props.get(ALLOW_EMPTY)))

    @property
    def state(self) -> str:
        """`active` or `paused`."""
        return str(self.shared.get("state", ""))

    def member(self, campaign_id: str) -> RunStateInputs:
        """The declaration each member stands for."""
        return RunStateInputs.from_props({**self.shared, "campaign_id": campaign_id})

    def settings(self) -> tuple[Any, ...]:
        """What two groups that both resume a campaign must agree on (times in GMT): how and
        when it runs, and what a manual pause means. Reasons and zones may differ."""
        keys = (
            *("state", "run_immediately", "scheduled_time", "active_from", "active_until"),
            *("windows", "drift", "hold_until"),
        )
        return tuple(self.shared.get(key) for key in keys)

    def with_shared(self, **changes: Any) -> GroupInputs:
        """The same group with some shared keys changed (times normalised, say)."""
        return replace(self, shared={**self.shared, **changes})


def declared_of_group(props: Mapping[str, Any]) -> dict[str, Any]:
    """The declared inputs of a group carried in outputs or checked inputs, as declared."""
    return {key: props[key] for key in GROUP_DECLARED if props.get(key) is not None}


def member_facts(props: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """`observed_members` of checked inputs (or outputs), each a mapping; {} when absent."""
    raw = props.get(OBSERVED_MEMBERS)
    if not isinstance(raw, Mapping):
        return {}
    return {str(key): dict(value) for key, value in raw.items() if isinstance(value, Mapping)}


def pinned_members(outputs: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """`members` of a group's last outputs: the membership the last up pinned."""
    raw = (outputs or {}).get(MEMBERS)
    if not isinstance(raw, Mapping):
        return {}
    return {str(key): dict(value) for key, value in raw.items() if isinstance(value, Mapping)}
