"""The declarations of a Pulumi YAML program, read as `due` needs them, without the engine.

A YAML team's campaigns are the program's `ocamba:CampaignRunState` resources in `Pulumi.yaml`
(the native provider), not a stack-config list; its groups, the `ocamba:CampaignGroup` ones (the
group's name is the resource's). Their properties are read as written; a value
the engine would compute (`${...}`, `fn::`) cannot be known before a run, so it is refused by
name rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from ocamba_provider.domain.declaration import DECLARED, RunStateInputs
from ocamba_provider.domain.group import GROUP, GROUP_DECLARED, GroupInputs
from ocamba_provider.domain.group_list import GroupList
from ocamba_provider.domain.group_validation import check_group_declared
from ocamba_provider.domain.naming import CAMEL, snake
from ocamba_provider.domain.selector import SELECT
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.wording import render
from ocamba_provider.errors import ConfigurationError

RESOURCE_TYPES: Final = frozenset({"ocamba:CampaignRunState", "ocamba:index:CampaignRunState"})
GROUP_TYPES: Final = frozenset({"ocamba:CampaignGroup", "ocamba:index:CampaignGroup"})


def program_declarations(
    project_file: Path, program: Mapping[str, Any], default_zone: str
) -> tuple[RunStateInputs, ...]:
    """Every campaign run-state resource of the YAML `program`, its times in GMT.

    Raises:
        ConfigurationError: a computed property, or an invalid declaration (every problem).
    """
    found: list[RunStateInputs] = []
    problems: list[str] = []
    for name, declared in _literal_resources(program, RESOURCE_TYPES, problems):
        checked, said = check_declared(
            {key: value for key, value in declared.items() if key in DECLARED}, default_zone
        )
        problems += [f"resources.{name}: {render(problem, CAMEL)}" for problem in said]
        if not said:
            found.append(RunStateInputs.from_props(checked))
    _raise_if_any(project_file, problems)
    return tuple(found)


def program_groups(project_file: Path, program: Mapping[str, Any], default_zone: str) -> GroupList:
    """Every campaign group resource of the YAML `program`, by name, its times in GMT.

    Raises:
        ConfigurationError: a computed property, or an invalid declaration (every problem).
    """
    found: GroupList = {}
    problems: list[str] = []
    for name, declared in _literal_resources(program, GROUP_TYPES, problems):
        if isinstance(declared.get(SELECT), Mapping):
            declared[SELECT] = {snake(str(k)): v for k, v in declared[SELECT].items()}
        inputs = {key: value for key, value in declared.items() if key in GROUP_DECLARED}
        checked, said = check_group_declared({**inputs, GROUP: name}, default_zone)
        problems += [f"resources.{name}: {render(problem, CAMEL)}" for problem in said]
        if not said:
            found[name] = GroupInputs.from_props(checked)
    _raise_if_any(project_file, problems)
    return found


def _literal_resources(
    program: Mapping[str, Any], types: frozenset[str], problems: list[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each resource of one of `types`, by name, its properties keyed in snake_case; one with a
    property the engine computes is left out and named in `problems` instead."""
    resources = program.get("resources") or {}
    for name, resource in resources.items() if isinstance(resources, Mapping) else ():
        if not isinstance(resource, Mapping) or resource.get("type") not in types:
            continue
        props = resource.get("properties") or {}
        computed = [key for key, value in props.items() if _computed(value)]
        if computed:
            problems.append(
                f"resources.{name}: {', '.join(computed)} computed by the engine "
                "(`${...}` or `fn::`): `due` reads literal values only"
            )
            continue
        yield str(name), {snake(str(key)): value for key, value in props.items()}


def _raise_if_any(project_file: Path, problems: list[str]) -> None:
    if problems:
        raise ConfigurationError(
            f"{project_file} cannot be read for `due`:\n  - " + "\n  - ".join(problems)
        )


def _computed(value: Any) -> bool:
    if isinstance(value, str):
        return "${" in value
    if isinstance(value, Mapping):
        return any(str(key).startswith("fn::") for key in value) or any(
            _computed(item) for item in value.values()
        )
    if isinstance(value, list):
        return any(_computed(item) for item in value)
    return False
