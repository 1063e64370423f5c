"""`ocamba:declaredCampaigns`: the native provider's whole-run list, parsed onto the run
list's entries, and each way a declaration disagrees with it.

A YAML program cannot hint its campaigns to the first check as a Python program does, so the
list repeats them in config (`{id: state}`, or `{state, drift, activeFrom, activeUntil,
timeZone}`). A list that repeats the program can rot: each check compares its declaration with
the list and fails, naming the campaign and the fix.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, get_args

from ocamba_provider.domain.declaration import Drift, State, is_campaign_id
from ocamba_provider.domain.group_list import group_list_problems
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.run_list import DECLARED_CAMPAIGNS, RunList, listed_of
from ocamba_provider.domain.times import normalise_scheduled_time
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.errors import ConfigurationError

_STATES: Final = get_args(State)
_DRIFTS: Final = get_args(Drift)
_EXAMPLE: Final = '{"1000248": "active", "1000260": "paused"}'


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
        if not _is_group(entry)  # a group, by its name (domain/group_list.py)
    }
    problems = [p for i, entry in entries.items() for p in _entry_problems(i, entry, default_zone)]
    problems += group_list_problems(raw, default_zone)
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


def _is_group(entry: Any) -> bool:
    return isinstance(entry, Mapping) and "select" in entry


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
