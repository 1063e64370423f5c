"""The whole run's list: every campaign a run declares, with its state and drift policy.

The engine checks resources one after another, so no check knows how many follow. Given the
list before the first check, that check reads every listed campaign in one bulk read and counts
the whole run against the blast-radius guard, before anything is sent. Three sources give it,
each parsed here onto the same `Listed` entries:

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
from typing import Any, Final, get_args

from ocamba_provider.domain.declaration import Drift, RunStateInputs, State, is_campaign_id
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.stack_config import StackConfigError, parse_campaigns
from ocamba_provider.domain.times import normalise_scheduled_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.errors import ConfigurationError

DECLARED_CAMPAIGNS: Final = "ocamba:declaredCampaigns"
"""The native provider's config key for the list (provider argument `declaredCampaigns`)."""

_STATES: Final = get_args(State)
_DRIFTS: Final = get_args(Drift)
_EXAMPLE: Final = '{"1000248": "active", "1000260": "paused"}'
_FLIGHT: Final = ("active_from", "active_until")
_ENTRY_KEYS: Final = frozenset({"state", "drift", *_FLIGHT, "time_zone"})


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


def hint_of(props: Mapping[str, Any]) -> dict[str, str]:
    """One declaration as the program's hint carries it (the known text values)."""
    return {key: props[key] for key in HINTED if isinstance(props.get(key), str)}


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
    return Listed(
        "active",
        drift,
        gmt.get("scheduled_time"),
        active_from=gmt.get("active_from"),
        active_until=gmt.get("active_until"),
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


_CAMEL_FLIGHT: Final = {
    "activeFrom": "active_from",
    "activeUntil": "active_until",
    "timeZone": "time_zone",
}
"""A `ocamba:declaredCampaigns` entry's flight keys, spelt as the YAML program's properties."""


def _entry_problems(campaign_id: Any, entry: Any, default_zone: str) -> list[str]:
    where = f"{DECLARED_CAMPAIGNS}[{json.dumps(campaign_id)}]"
    problems = []
    if not is_campaign_id(campaign_id):
        problems.append(f'{where}: not a campaign id (digits only, e.g. "1000248")')
    if not isinstance(entry, Mapping):
        return [*problems, f'{where}: must be a state, "active" or "paused" (got {entry!r})']
    extra = sorted(set(entry) - {"state", "drift", *_CAMEL_FLIGHT})
    if extra:
        problems.append(
            f"{where}: unknown keys {extra}; an entry has state, drift, and a flight's "
            "activeFrom, activeUntil and timeZone"
        )
    if entry.get("state") not in _STATES:
        problems.append(f'{where}.state: must be "active" or "paused" (got {entry.get("state")!r})')
    if entry.get("drift", "enforce") not in _DRIFTS:
        problems.append(f'{where}.drift: must be "enforce" or "hold" (got {entry["drift"]!r})')
    zone_name = entry.get("timeZone") or default_zone
    for key in ("activeFrom", "activeUntil"):
        value = entry.get(key)
        if value is None:
            continue
        try:
            normalise_scheduled_time(str(value), str(zone_name))
        except ValueError as error:
            problems.append(f"{where}.{key}: {error}")
    return problems


def from_declared_campaigns(raw: Any, default_zone: str = DEFAULT_ZONE) -> RunList | None:
    """`ocamba:declaredCampaigns`; None when it is not set.

    `raw` is the provider argument: a map, or the JSON text the engine sends for a config
    value it does not type. An entry is a state, or {state, drift, activeFrom, activeUntil,
    timeZone}: a campaign under `drift: hold` (whose transition only its own check can tell),
    or one with a flight (whose desire the calendar decides at the plan's `now`).

    Raises:
        ConfigurationError: one message listing every problem.
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = None
    if not isinstance(raw, Mapping):
        raise ConfigurationError(
            f"{DECLARED_CAMPAIGNS} must map each declared campaign id to its state, e.g. {_EXAMPLE}"
        )
    entries = {
        campaign_id: {"state": entry} if isinstance(entry, str) else entry
        for campaign_id, entry in raw.items()
    }
    problems = [p for i, entry in entries.items() for p in _entry_problems(i, entry, default_zone)]
    if problems:
        raise ConfigurationError(
            f"{DECLARED_CAMPAIGNS} is not valid:\n  - " + "\n  - ".join(problems)
        )
    return {
        str(campaign_id): listed_of(
            {_CAMEL_FLIGHT.get(key, key): value for key, value in entry.items()}, default_zone
        )
        for campaign_id, entry in entries.items()
    }


def _known(value: Any) -> bool:
    return isinstance(value, str) and not is_unknown(value)


def disagreements(
    listed: RunList, news: Mapping[str, Any], lives_in: str | None = None
) -> list[Problem]:
    """Each way this declaration and `ocamba:declaredCampaigns` disagree.

    `news` are the declared inputs. An unknown value is not judged (its Output resolves only
    in the up), and neither is a malformed id (its own check names it). `lives_in` names the
    project file that holds the list (`Pulumi.yaml`), where `pulumi config set` cannot fix it:
    a stack-file value would replace the project's whole list.
    """
    campaign_id = news.get("campaign_id")
    if not is_campaign_id(campaign_id):
        return []
    entry = listed.get(campaign_id)
    state = news.get("state")
    where: dict[str, Any] = {"list_key": DECLARED_CAMPAIGNS, "lives_in": lives_in}
    if entry is None:
        shown = json.dumps(state if _known(state) else "<state>")
        return [
            Problem(Code.NOT_LISTED, "campaign_id", campaign_id, params=where | {"entry": shown})
        ]
    problems = []
    if _known(state) and state != entry.state:
        params = where | {"state": state, "listed": entry.state}
        problems.append(Problem(Code.LISTED_OTHERWISE, "state", campaign_id, params=params))
    drift = news.get("drift", "enforce")
    if _known(drift) and (drift == "hold") != (entry.drift == "hold"):
        params = where | {"drift": drift}
        problems.append(Problem(Code.LISTED_HOLD_OTHERWISE, "drift", campaign_id, params=params))
    for key, listed_at in entry.flight().items():
        declared_at = news.get(key)
        if (declared_at is None or _known(declared_at)) and declared_at != listed_at:
            params = where | {"key": key, "declared": declared_at, "listed": listed_at}
            problems.append(Problem(Code.LISTED_FLIGHT_OTHERWISE, key, campaign_id, params=params))
    return problems
