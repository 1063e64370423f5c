"""The groups of the whole run, from the same three sources as its campaigns (run_list.py).

A group's check must know every declaration of the run that may select its members, and a
campaign's check every group that may select its campaign: a pause wins, an entry by id wins
over a group (domain/precedence.py). So the run's first check learns every group:

- the stack config's group entries (`name` + `select`, domain/stack_groups.py);
- the program's hint, under `groups` (resources/declarations.py);
- `ocamba:declaredCampaigns`, where a group is listed under its resource name with its
  `select` and the rest of its declaration in camelCase, as the YAML program writes it.

A group whose declaration is not known before apply (an Output) is left out of the list: its
own check judges it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from ocamba_provider.domain.group import GROUP, GROUP_DECLARED, GroupInputs
from ocamba_provider.domain.group_validation import check_group_declared
from ocamba_provider.domain.naming import snake
from ocamba_provider.domain.problems import Code, Problem
from ocamba_provider.domain.selector import SELECT
from ocamba_provider.domain.unknown import is_unknown
from ocamba_provider.domain.wording import render
from ocamba_provider.domain.zones import DEFAULT_ZONE

GroupList = dict[str, GroupInputs]
"""Group name -> its declaration (times in GMT)."""

HINT_GROUPS: Final = "groups"
"""The key of the program's hint under which its groups travel (never a campaign id)."""
_LIST_KEY: Final = "ocamba:declaredCampaigns"


def group_hint_of(props: Mapping[str, Any]) -> dict[str, Any]:
    """One group as the program's hint carries it: its declared values known in the program
    (a value still an Output is left out; its own check judges the group)."""
    return {key: props[key] for key in GROUP_DECLARED if key in props and _plain(props[key])}


def _plain(value: Any) -> bool:
    if isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    if isinstance(value, Mapping):
        return all(isinstance(key, str) and _plain(item) for key, item in value.items())
    return False


def listed_group(props: Mapping[str, Any], default_zone: str = DEFAULT_ZONE) -> GroupInputs | None:
    """A group's declaration as the run's plan needs it; None when not valid or not known."""
    if any(is_unknown(value) for value in props.values()):
        return None
    declared, problems = check_group_declared(props, default_zone)
    if problems:
        return None
    try:
        return GroupInputs.from_props(declared)
    except ValueError:
        return None


def groups_of_entries(
    entries: Mapping[str, Mapping[str, Any]], default_zone: str = DEFAULT_ZONE
) -> GroupList:
    """The valid, known groups among `entries` (name -> declared inputs, snake_case)."""
    found: GroupList = {}
    for name, props in entries.items():
        group = listed_group(props, default_zone)
        if group is not None:
            found[str(name)] = group
    return found


def groups_from_stack_config(raw: Any, default_zone: str = DEFAULT_ZONE) -> GroupList:
    """The groups of the config-driven program's list (`<project>:campaigns`): its entries with
    a `select`, by resource name. `raw` is JSON text (as the engine hands it to a provider) or
    the parsed list; an invalid list is the program's to report."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    if not isinstance(raw, list):
        return {}
    entries = {
        str(item.get("name")): {key: value for key, value in item.items() if key != "name"}
        for item in raw
        if isinstance(item, Mapping) and SELECT in item and isinstance(item.get("name"), str)
    }
    return groups_of_entries(entries, default_zone)


def groups_from_hint(raw: Any, default_zone: str = DEFAULT_ZONE) -> GroupList:
    """The groups a Python program's first resource hinted (`{"groups": {name: inputs}}`)."""
    groups = raw.get(HINT_GROUPS) if isinstance(raw, Mapping) else None
    return groups_of_entries(groups, default_zone) if isinstance(groups, Mapping) else {}


def _snake_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    found = {snake(str(key)): value for key, value in entry.items()}
    select = found.get(SELECT)
    if isinstance(select, Mapping):
        found[SELECT] = {snake(str(key)): value for key, value in select.items()}
    return found


def _listed_groups(raw: Any) -> dict[str, dict[str, Any]]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(name): _snake_entry(entry)
        for name, entry in raw.items()
        if isinstance(entry, Mapping) and SELECT in entry
    }


def groups_from_declared_campaigns(raw: Any, default_zone: str = DEFAULT_ZONE) -> GroupList:
    """The groups listed in `ocamba:declaredCampaigns` (entries with a `select`)."""
    return groups_of_entries(_listed_groups(raw), default_zone)


def group_list_problems(raw: Any, default_zone: str = DEFAULT_ZONE) -> list[str]:
    """A sentence for each problem of a group listed in `ocamba:declaredCampaigns`."""
    found = []
    for name, entry in _listed_groups(raw).items():
        _, problems = check_group_declared({**entry, GROUP: name}, default_zone)
        found += [f"{_LIST_KEY}[{json.dumps(name)}]: {render(p)}" for p in problems]
    return found


def listed_disagreements(
    listed: GroupList | None, name: str, declared: GroupInputs
) -> list[Problem]:
    """How a group's declaration differs from its entry in `ocamba:declaredCampaigns` (the
    native provider's list): missing, another selector, another state. `listed` None: no list."""
    if listed is None:
        return []
    where: dict[str, Any] = {"group": name, "list_key": _LIST_KEY}
    entry = listed.get(name)
    if entry is None:
        shown = json.dumps({"select": declared.select.record(), "state": declared.state})
        line = f'"{name}": {shown}'
        return [Problem(Code.GROUP_NOT_LISTED, SELECT, params=where | {"entry": line})]
    found = []
    if entry.select != declared.select:
        params = where | {"key": SELECT, "declared": declared.select.describe()}
        found.append(
            Problem(
                Code.GROUP_LISTED_OTHERWISE,
                SELECT,
                params=params | {"listed": entry.select.describe()},
            )
        )
    if entry.settings() != declared.settings():
        said = {"declared": _shown(declared), "listed": _shown(entry)}
        found.append(
            Problem(Code.GROUP_LISTED_OTHERWISE, "state", params=where | {"key": "state"} | said)
        )
    return found


def _shown(group: GroupInputs) -> str:
    keys = (
        *("state", "run_immediately", "scheduled_time", "active_from", "active_until"),
        *("windows", "drift"),
    )
    return ", ".join(
        f"{key} {group.shared[key]}" for key in keys if group.shared.get(key) is not None
    )
