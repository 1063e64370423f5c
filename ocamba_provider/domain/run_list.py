"""The whole run's list: every campaign a run declares, with its state and drift policy.

The engine checks resources one after another, so no check knows how many follow. Given the
list before the first check, that check reads every listed campaign in one bulk read and counts
the whole run against the blast-radius guard, before anything is sent. Three sources give it,
each parsed onto the same `Listed` entries (the third in declared_campaigns.py):

- the stack config `ocamba-campaigns:campaigns`, which the engine hands a dynamic provider's
  `configure` (the config-driven program, `stacks/`);
- the hint a Python program's first resource carries (`snapshot_hint`, resources/declarations.py);
- the provider config `ocamba:declaredCampaigns` of the native provider (a YAML program cannot
  hint). That list repeats what the program declares, so it could rot: each check compares its
  declaration with the list (`disagreements`) and fails, naming the campaign and the fix.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ocamba_provider.domain.declaration import Drift, RunStateInputs, State, is_campaign_id
from ocamba_provider.domain.stack_config import StackConfigError, parse_campaigns
from ocamba_provider.domain.times import normalise_scheduled_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.windows import Window
from ocamba_provider.domain.zones import DEFAULT_ZONE

DECLARED_CAMPAIGNS: Final = "ocamba:declaredCampaigns"
"""The native provider's config key for the list (provider argument `declaredCampaigns`)."""

_FLIGHT: Final = ("active_from", "active_until")


@dataclass(frozen=True)
class Listed:
    """One campaign of the whole run, as far as the run's plan needs it.

    `state` None: not known before apply (an Output); the campaign is read with the others but
    counted by its own check, like one under `drift: hold`.
    """

    state: State | None
    drift: Drift = "enforce"
    starts_at: str | None = None
    """The GMT time an active declaration asks Hood to start at (None: now)."""
    active_from: str | None = None
    active_until: str | None = None
    """A flight's bounds, GMT: the calendar decides what the entry wants at the plan's `now`."""
    windows: tuple[Window, ...] | None = None
    zone: str | None = None
    """The zone the windows recur in."""

    @property
    def counted_by_the_plan(self) -> bool:
        """Whether the whole run's plan can count it (else its own check does)."""
        return self.state is not None and self.drift != "hold"

    def declaration(self, campaign_id: str) -> RunStateInputs:
        """The declaration the plan judges (the resume mode does not change the count)."""
        state: State = self.state or "active"
        if self.active_from is not None or self.active_until is not None:
            return RunStateInputs(
                campaign_id,
                state,
                active_from=self.active_from,
                active_until=self.active_until,
                windows=self.windows,
                time_zone=self.zone if self.windows else None,
                drift=self.drift,
            )
        at = self.starts_at if state == "active" else None
        now = state == "active" and at is None
        return RunStateInputs(
            campaign_id, state, run_immediately=now, scheduled_time=at, drift=self.drift
        )

    def hint(self) -> dict[str, str]:
        """The entry as `ocamba:declaredCampaigns` writes it: its state, a hold, a flight."""
        state = {"state": self.state} if self.state else {}
        flight = {key: value for key, value in self.flight().items() if value is not None}
        return state | ({"drift": "hold"} if self.drift == "hold" else {}) | flight

    def flight(self) -> dict[str, str | None]:
        """The flight's bounds by input key (GMT), None where left out."""
        return {"active_from": self.active_from, "active_until": self.active_until}


RunList = dict[str, Listed]
"""Campaign id -> its entry."""


HINTED: Final = ("state", "drift", "scheduled_time", "active_from", "active_until", "time_zone")
"""What the program's first resource carries of each declaration: what its plan needs."""


def hint_of(props: Mapping[str, Any]) -> dict[str, Any]:
    """One declaration as the program's hint carries it (the known text values, and windows
    written out in full)."""
    found: dict[str, Any] = {key: props[key] for key in HINTED if isinstance(props.get(key), str)}
    windows = props.get("windows")
    if isinstance(windows, list) and all(_plain_window(item) for item in windows):
        found["windows"] = [dict(item) for item in windows]
    return found


def _plain_window(item: Any) -> bool:
    return isinstance(item, Mapping) and all(_known(value) for value in item.values())


def listed_of(props: Mapping[str, Any], default_zone: str = DEFAULT_ZONE) -> Listed:
    """A declaration's entry; a state, drift or time not known as a valid value leaves it to
    the campaign's own check, which names the problem."""
    state, drift = props.get("state"), _drift(props.get("drift", "enforce"))
    if state == "paused":
        return Listed("paused", drift)
    if state != "active":
        return Listed(None, drift)
    zone_name = props.get("time_zone") or default_zone
    times = {key: props.get(key) for key in ("scheduled_time", *_FLIGHT)}
    given = {key: value for key, value in times.items() if value is not None}
    if not isinstance(zone_name, str) or not all(_known(value) for value in given.values()):
        return Listed(None, drift)
    try:
        gmt = {key: normalise_scheduled_time(value, zone_name) for key, value in given.items()}
    except ValueError:  # not a time, not a zone, a skipped hour: its own check says which
        return Listed(None, drift)
    windows = props.get("windows")
    if windows is not None and not (
        isinstance(windows, list) and all(_plain_window(item) for item in windows)
    ):
        return Listed(None, drift)  # its own check names what is wrong, or knows it later
    return Listed(
        "active",
        drift,
        gmt.get("scheduled_time"),
        active_from=gmt.get("active_from"),
        active_until=gmt.get("active_until"),
        windows=tuple(Window.from_input(item) for item in windows) if windows else None,
        zone=zone_name if windows else None,
    )


def _drift(value: Any) -> Drift:
    return "hold" if value == "hold" else "enforce"


def from_stack_config(raw: Any, default_zone: str = DEFAULT_ZONE) -> RunList | None:
    """The list of the config-driven program; None when there is no valid one.

    `raw` is the config value as the engine hands it to a provider (JSON text) or as a program
    reads it (a list). An invalid list is the program's to report, with every problem.
    """
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return None
    try:
        entries = parse_campaigns(raw, default_zone)
    except (StackConfigError, ValueError):
        return None
    found = {entry.id: listed_of(entry.resource_args(), default_zone) for entry in entries}
    return found or None


def from_hint(raw: Any, default_zone: str = DEFAULT_ZONE) -> RunList:
    """The hinted declarations whose ids are ids and whose states are states.

    The hint holds every id the program declared, typos included; the bad ones get their own
    check failure from their own check, so the bulk read just leaves them out.
    """
    if not isinstance(raw, Mapping):
        return {}
    found: RunList = {}
    for campaign_id, entry in raw.items():
        # Older programs sent the desired state alone.
        if is_campaign_id(campaign_id):
            props = entry if isinstance(entry, Mapping) else {"state": entry}
            found[campaign_id] = listed_of(props, default_zone)
    return found


def _known(value: Any) -> bool:
    return isinstance(value, str) and not is_unknown(value)
