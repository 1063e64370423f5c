"""A stack's settings as its files hold them, read without the engine.

`ocamba-campaigns due` runs before `pulumi up` to decide whether the engine is needed at all,
so it reads the stack file (`stacks/Pulumi.<stack>.yaml`) and the project file above it
itself. The campaigns are the config-driven program's `<project>:campaigns` list (its entries
by id, and its group entries: `name` + `select`), or, for a Pulumi YAML project, its
`ocamba:CampaignRunState` and `ocamba:CampaignGroup` resources (yaml_program.py). Settings:
`ocamba:timeZone` (the stack's, else the project's default), `ocamba:apiUrl`,
`ocamba:rateLimitScale`, `ocamba:freezes` (with OCAMBA_ALLOW_FREEZE).
A secret (`ocamba:apiToken: {secure: ...}`) cannot be read without
the engine, so the token comes from OCAMBA_API_TOKEN, as the workflows set it. Settings from
Pulumi ESC `environment:` imports are not seen: docs/flights.md says to keep the campaigns
and the zone in the files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from ocamba_provider.domain.declaration import RunStateInputs
from ocamba_provider.domain.freezes import (
    ALLOW_FREEZE_VARIABLE,
    FREEZES_KEY,
    NO_FREEZES,
    Freezes,
    allowed_names,
    freezes_in_config,
)
from ocamba_provider.domain.group_list import GroupList, listed_group
from ocamba_provider.domain.stack_config import CAMPAIGNS, StackConfigError, parse_entries
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.zones import DEFAULT_ZONE, UnknownZone, zone
from ocamba_provider.errors import ConfigurationError
from ocamba_provider.schedule.yaml_program import program_declarations, program_groups
from ocamba_provider.settings import DEFAULT_API_URL

_PROJECT_FILES: Final = ("Pulumi.yaml", "Pulumi.yml")


@dataclass(frozen=True)
class StackFile:
    """What `due` needs of one stack."""

    path: Path
    declarations: tuple[RunStateInputs, ...]
    """Every declared campaign, its times in GMT."""
    time_zone: str
    api_url: str
    token: str
    rate_limit_scale: float
    freezes: Freezes = NO_FREEZES
    groups: GroupList = field(default_factory=dict)
    """Every declared group by name, its times in GMT."""


@dataclass(frozen=True)
class _Project:
    path: Path | None
    document: Mapping[str, Any]

    @property
    def name(self) -> str | None:
        name = self.document.get("name")
        return name if isinstance(name, str) else None

    @property
    def is_yaml_program(self) -> bool:
        runtime = self.document.get("runtime")
        name = runtime.get("name") if isinstance(runtime, Mapping) else runtime
        return name == "yaml"

    def default(self, key: str) -> str | None:
        """A project-level config default (`key: value`, or `key: {value: ...}` / `default`)."""
        config = self.document.get("config")
        value = config.get(key) if isinstance(config, Mapping) else None
        if isinstance(value, Mapping):
            value = value.get("value", value.get("default"))
        return None if value is None or isinstance(value, Mapping | list) else str(value)


def read_stack_file(
    path: Path,
    environ: Mapping[str, str] = os.environ,
    api_url: str | None = None,
    *,
    needs_token: bool = True,
) -> StackFile:
    """The stack at `path`, its campaigns validated as a preview would validate them.
    `needs_token`: False for a command that reads no campaign (`calendar`).

    Raises:
        ConfigurationError: no such file, not a stack file, invalid campaigns or freezes
            (every problem), an unknown zone, or no token.
    """
    config = _config(path)
    project = _project(path)
    time_zone = str(
        _plain(config, "ocamba:timeZone") or project.default("ocamba:timeZone") or DEFAULT_ZONE
    )
    try:
        zone(time_zone)
    except UnknownZone as error:
        raise ConfigurationError(f"{path}: ocamba:timeZone: {error}") from None
    if project.is_yaml_program and project.path is not None:
        declarations = program_declarations(project.path, project.document, time_zone)
        groups = program_groups(project.path, project.document, time_zone)
    else:
        namespace = _namespace(path, project, config)
        declarations, groups = _listed(path, config, namespace, time_zone)
    rules, problems = freezes_in_config(config.get(FREEZES_KEY), time_zone)
    if problems:
        raise ConfigurationError(f"{path}: " + "; ".join(problems))
    freezes = Freezes(rules, allowed_names(environ.get(ALLOW_FREEZE_VARIABLE)))
    token = str(environ.get("OCAMBA_API_TOKEN") or _plain(config, "ocamba:apiToken") or "")
    if needs_token and not token.strip():
        raise ConfigurationError(
            f"no Ocamba API token for {path}: set the environment variable OCAMBA_API_TOKEN "
            "(a token kept as a stack secret can only be read by the engine)"
        )
    url = api_url or _plain(config, "ocamba:apiUrl") or environ.get("OCAMBA_API_URL")
    scale = _plain(config, "ocamba:rateLimitScale")
    try:
        rate_limit_scale = float(scale) if scale is not None else 1.0
    except ValueError:
        raise ConfigurationError(f"{path}: ocamba:rateLimitScale must be a number") from None
    return StackFile(
        path,
        declarations,
        time_zone,
        str(url or DEFAULT_API_URL).rstrip("/"),
        token.strip(),
        rate_limit_scale,
        freezes,
        groups,
    )


def _listed(
    path: Path, config: Mapping[str, Any], namespace: str, time_zone: str
) -> tuple[tuple[RunStateInputs, ...], GroupList]:
    config_key = f"{namespace}:{CAMPAIGNS}"
    try:
        entries = parse_entries(config.get(config_key), time_zone, config_key)
    except StackConfigError as error:
        raise ConfigurationError(f"{path}: {error}") from None
    declarations = []
    for entry in entries.campaigns:
        declared, _ = check_declared({"campaign_id": entry.id, **entry.resource_args()}, time_zone)
        declarations.append(RunStateInputs.from_props(declared))
    groups: GroupList = {}
    for group in entries.groups:
        # Valid (parse_entries judged it); its times read in its zone, as the provider reads them.
        found = listed_group(group.resource_args(), time_zone)
        if found is not None:
            groups[group.resource_name] = found
    return tuple(declarations), groups


def _load(path: Path, what: str) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigurationError(f"cannot read the {what} {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ConfigurationError(f"{path} is not YAML: {error}") from None


def _config(path: Path) -> Mapping[str, Any]:
    document = _load(path, "stack file") or {}
    config = document.get("config", {}) if isinstance(document, dict) else None
    if not isinstance(config, dict):
        raise ConfigurationError(
            f"{path} is not a Pulumi stack file: expected a mapping with a `config:` mapping"
        )
    return config


def _plain(config: Mapping[str, Any], key: str) -> str | None:
    """A setting stored in clear; None when absent or kept as a secret."""
    value = config.get(key)
    if value is None or isinstance(value, dict):
        return None
    return str(value)


def _project(path: Path) -> _Project:
    """The nearest project file at or above the stack file's folder (`stackConfigDir` puts
    stack files below it); an empty project when there is none."""
    folder = path.resolve().parent
    for candidate in [folder, *folder.parents][:4]:
        for name in _PROJECT_FILES:
            if (candidate / name).is_file():
                document = _load(candidate / name, "project file")
                return _Project(candidate / name, document if isinstance(document, dict) else {})
    return _Project(None, {})


def _namespace(path: Path, project: _Project, config: Mapping[str, Any]) -> str:
    """The program's namespace: the project's name, else the one `<x>:campaigns` key."""
    if project.name is not None:
        return project.name
    namespaces = sorted(
        key.partition(":")[0]
        for key in config
        if key.endswith(f":{CAMPAIGNS}") and not key.startswith("ocamba:")
    )
    if len(namespaces) == 1:
        return namespaces[0]
    raise ConfigurationError(
        f"{path}: no Pulumi.yaml found above it to name the project, and "
        f"{'no' if not namespaces else 'more than one'} `<project>:{CAMPAIGNS}` key in it"
    )
