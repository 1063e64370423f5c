"""What one declaration of a campaign's run state says, and what a run records: each key
declared once.

`RunStateInputs` is the one place an input is declared. Its fields, in order, are the keys a
declaration may carry; their metadata says which are policies and what the stack config calls
them. `RunStateRecord` is the one place an output beyond the declaration is declared. The key
lists below, the stack-config entry, the resource's pre-seeded outputs, the native property
names and the stack export are derived from them, and tests/unit/test_single_source.py proves
the JSON Schemas, the Args, the output annotations and the native schema name exactly these
fields.

Domain layer: no Pulumi here, so the policies, the verdict and the PR summary can use it
without loading the SDK (and without importing the resource package that imports them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, Final, Literal, TypeGuard

from ocamba_provider.domain.windows import Window

State = Literal["active", "paused"]
Drift = Literal["enforce", "hold"]
OnDelete = Literal["forget", "pause", "restore"]
OnMissing = Literal["error", "forget"]
LastAction = Literal["resumed", "rescheduled", "paused", "none"]

_POLICY: Final = "policy"
"""Metadata flag: the input says how to behave later, not what the campaign should be now."""
_STACK_CONFIG_KEY: Final = "stack_config_key"
"""Metadata: the key of this input in a stack-config entry, when it is not the field's name."""
_BOOKKEEPING: Final = "bookkeeping"
"""Metadata flag: an output kept for a later hook (restore on delete), not shown to users."""


@dataclass(frozen=True)
class RunStateInputs:
    """A valid declaration, typed; the field order is the order of every derived key list."""

    # The stack config says `id`: its entries are campaigns, the id needs no prefix there.
    campaign_id: str = field(metadata={_STACK_CONFIG_KEY: "id"})
    state: State
    run_immediately: bool = False
    scheduled_time: str | None = None
    # A flight: active from, until (either may be left out); the calendar decides when to
    # resume and when to pause (domain/calendar.py), so no resume mode is declared beside it.
    active_from: str | None = None
    active_until: str | None = None
    # Recurring windows inside the flight (domain/windows.py): RRULE from `active_from`, each
    # open for its duration, in the entry's zone.
    windows: tuple[Window, ...] | None = None
    # The zone of every time this declaration writes without an offset (scheduled_time, the
    # flight, hold_until); None: the provider's ocamba:timeZone, else UTC (domain/zones.py).
    time_zone: str | None = None
    pause_reason: str | None = None
    drift: Drift = field(default="enforce", metadata={_POLICY: True})
    hold_until: str | None = field(default=None, metadata={_POLICY: True})
    on_delete: OnDelete = field(default="forget", metadata={_POLICY: True})
    on_missing: OnMissing = field(default="error", metadata={_POLICY: True})

    @classmethod
    def from_props(cls, props: Mapping[str, Any]) -> RunStateInputs:
        """The typed view of checked inputs (or of outputs, which carry the same keys)."""
        present = {key: props[key] for key in DECLARED if props.get(key) is not None}
        present["campaign_id"] = str(present["campaign_id"])
        if "windows" in present:
            listed = present["windows"]
            present["windows"] = (
                tuple(
                    item if isinstance(item, Window) else Window.from_input(item) for item in listed
                )
                or None
            )
        return cls(**present)

    def resume_body(self) -> dict[str, Any]:
        """Keyword arguments for HoodClient.resume: exactly one resume mode."""
        if self.scheduled_time is not None:
            return {"scheduled_time": self.scheduled_time}
        return {"run_immediately": True}

    def starts_at(self) -> str | None:
        """The GMT time an active declaration asks Hood to start at; None: now (or paused)."""
        return self.scheduled_time if self.state == "active" else None

    @property
    def has_flight(self) -> bool:
        """Whether the calendar (a flight) decides when the campaign runs."""
        return self.active_from is not None or self.active_until is not None


INPUT_FIELDS: Final[tuple[Field[Any], ...]] = fields(RunStateInputs)

DECLARED: Final = tuple(item.name for item in INPUT_FIELDS)
"""Every key a declaration may carry, in declaration order."""
REQUIRED: Final = tuple(item.name for item in INPUT_FIELDS if item.default is MISSING)
"""The keys every declaration must carry."""
POLICY_KEYS: Final = tuple(item.name for item in INPUT_FIELDS if item.metadata.get(_POLICY))
"""Declared keys that say how to behave later, not what the campaign should be now."""
DESIRED_KEYS: Final = tuple(key for key in DECLARED if key not in POLICY_KEYS)
"""Declared keys that say what the campaign should be now (and how to get it there)."""

STACK_CONFIG_KEY: Final = {
    item.name: str(item.metadata.get(_STACK_CONFIG_KEY, item.name)) for item in INPUT_FIELDS
}
"""Input key -> its key in a stack-config entry (`campaign_id` -> `id`, the rest unchanged)."""


@dataclass(frozen=True)
class RunStateRecord:
    """What a run records of a campaign beside its declaration: each output key, in order.

    Fields without a default are in every output (`REQUIRED_RECORD`); the others appear when
    known. Every hook returns the declaration plus all of these, so state never has holes.
    """

    status: str
    """The API's raw status, as last observed (`running`, `paused`, ..., or `not_found`)."""
    observed_status: str
    """The status this run observed before acting: its change is the reason a preview shows."""
    name: str
    """The campaign's name in Hood."""
    last_action: LastAction
    """What a run of this stack last did: `resumed`, `paused` or `none`."""
    last_action_at: str
    """When, GMT (`YYYY-MM-DD HH:MM:SS`); empty when nothing was done yet."""
    last_action_by: str
    """Who or what: the CI run or the user."""
    next_run_time: str | None = None
    """The next run time the API reports, GMT."""
    observed_scheduled_time: str | None = None
    """When Hood will start a scheduled campaign, GMT, as observed: its `scheduled_time`, else
    its `next_run_time` (Hood returns one or the other; domain/reconcile.py compares it)."""
    next_transition: dict[str, str] | None = None
    """The calendar's next change, `{at, action}` (GMT, `resume` or `pause`), or None."""
    adopted_status: str | None = field(default=None, metadata={_BOOKKEEPING: True})
    """The status when this stack took the campaign over, for `on_delete: restore`."""
    adopted_scheduled_time: str | None = field(default=None, metadata={_BOOKKEEPING: True})
    """Its scheduled time then, likewise."""


RECORD_FIELDS: Final[tuple[Field[Any], ...]] = fields(RunStateRecord)

RECORDED: Final = tuple(item.name for item in RECORD_FIELDS)
"""Every output key beyond the declaration, in declaration order."""
REQUIRED_RECORD: Final = tuple(item.name for item in RECORD_FIELDS if item.default is MISSING)
"""The recorded keys every output carries."""
SHOWN_RECORD: Final = tuple(
    item.name for item in RECORD_FIELDS if not item.metadata.get(_BOOKKEEPING)
)
"""The recorded keys a user reads as properties of the resource (not the bookkeeping)."""
OUTPUT_KEYS: Final = (*DECLARED, *RECORDED)
"""Every key of a resource's outputs."""

CAMPAIGN_ID: Final = re.compile(r"[0-9]{1,20}")
"""A Hood campaign id as text: digits only (the input schema's `pattern` says the same)."""


def is_campaign_id(value: object) -> TypeGuard[str]:
    """True for a string that is a whole campaign id (no sign, no space, no final newline)."""
    return isinstance(value, str) and CAMPAIGN_ID.fullmatch(value) is not None


# Keys the provider's checked inputs and outputs carry beside the declaration.
OBSERVED_STATUS: Final = "observed_status"
OBSERVED_TIME: Final = "observed_scheduled_time"
NAME: Final = "name"
SNAPSHOT_HINT: Final = "snapshot_hint"
"""Every id the program declares, carried by its first resource so check can read them in bulk.

check removes it from the inputs it returns, so it never reaches state, diffs or previews.
"""
RESOURCE_HINT: Final = "resource_name"
"""The program's name of the resource, carried like the snapshot hint so that check can file
its problems under it (runstate/problems_file.py); check drops it like the hint."""
HELD: Final = "held"
"""Checked-input key: why a manual pause is being respected (absent when not held)."""
CALENDAR_PAUSE: Final = "calendar_pause"
"""Checked-input key: the reason of the calendar's last pause while the campaign stays paused
(a window or flight that closed), so an unattended run may hand the next start to Hood: the
campaign was paused by the calendar, not by a person. Absent otherwise."""
FREEZE_OVERRIDE: Final = "freeze_override"
"""Checked-input key: the freeze (OCAMBA_ALLOW_FREEZE) this transition passes; absent when
none was needed."""
GUARD_OVERRIDE: Final = "guard_override"
"""Checked-input key: the one-run override (OCAMBA_ALLOW_TRANSITIONS) that let this transition
past ocamba:maxTransitionsPerRun, as {variable, allowed, limit}; absent when none was needed."""
CHECKED_FACTS: Final = (
    OBSERVED_STATUS,
    OBSERVED_TIME,
    NAME,
    HELD,
    GUARD_OVERRIDE,
    FREEZE_OVERRIDE,
    CALENDAR_PAUSE,
)
"""What check records in the checked inputs beside the declaration, for the later hooks and the
PR summary (a saved plan pins them too)."""
