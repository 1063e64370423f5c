"""The stack config `ocamba-campaigns:campaigns`: validation into declarations.

Every problem is reported at once, each naming the list index and the key, so one preview of a
pull request shows everything that is wrong with the file.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import yaml

from ocamba_provider.domain.declaration import (
    DESIRED_KEYS,
    POLICY_KEYS,
    STACK_CONFIG_KEY,
    State,
)
from ocamba_provider.domain.problems import Problem
from ocamba_provider.domain.stack_groups import (
    GROUP_ENTRY_KEYS,
    GroupEntry,
    group_entry,
    is_group_entry,
)
from ocamba_provider.domain.validation import check_declared
from ocamba_provider.domain.wording import render
from ocamba_provider.domain.zones import DEFAULT_ZONE
from ocamba_provider.errors import OcambaError
from ocamba_provider.schemas import load, missing_properties, validator

CAMPAIGNS: Final = "campaigns"
"""The program's one config key, in its project's namespace."""
CONFIG_KEY = "ocamba-campaigns:campaigns"
DEFAULT_NAME_PREFIX: Final = "campaign-"
"""An entry without a `name` is the resource `campaign-<id>`."""
RESOURCE_NAME: Final = "name"
"""The entry key that names the resource (not an input: the campaign's Hood name is read)."""
ENTRY_KEYS: Final = (
    *(STACK_CONFIG_KEY[key] for key in DESIRED_KEYS),
    RESOURCE_NAME,
    *(STACK_CONFIG_KEY[key] for key in POLICY_KEYS),
    *GROUP_ENTRY_KEYS,
)
"""Every key an entry may carry: what the campaign should be, its resource name, policies, and
a group's selector and allow_empty (domain/stack_groups.py)."""

_INPUT_KEY: Final = {entry_key: key for key, entry_key in STACK_CONFIG_KEY.items()}
_ENTRY_SCHEMA: Final = load("stack_campaigns")["items"]
_NAME_RULE: Final = _ENTRY_SCHEMA["properties"][RESOURCE_NAME]["x-message"]
_WORDING: Final[dict[str, str]] = _ENTRY_SCHEMA["x-messages"]
_UNKNOWN_KEY: Final = _ENTRY_SCHEMA["x-additional-message"].format(allowed=", ".join(ENTRY_KEYS))


class StackConfigError(OcambaError):
    """The campaigns list in stack config is not valid; the message lists every problem."""


@dataclass(frozen=True)
class CampaignEntry:
    """One valid declaration from stack config.

    Its fields are the desired inputs under their entry keys (STACK_CONFIG_KEY), the resource
    name, and the policies as declared.
    """

    id: str
    state: State
    resource_name: str
    run_immediately: bool | None = None
    scheduled_time: str | None = None
    active_from: str | None = None
    active_until: str | None = None
    windows: list[dict[str, str]] | None = None
    time_zone: str | None = None
    pause_reason: str | None = None
    policies: tuple[tuple[str, str], ...] = ()

    def resource_args(self) -> dict[str, Any]:
        """Keyword arguments for CampaignRunState."""
        desired = {key: getattr(self, STACK_CONFIG_KEY[key]) for key in DESIRED_KEYS}
        args = {key: value for key, value in desired.items() if value is not None}
        args.update(dict(self.policies))
        return args


def _where(index: int | None, key: str | None) -> str:
    place = "campaigns" if index is None else f"campaigns[{index}]"
    return f"{place}.{key}" if key else place


Found = list[tuple[int, str]]
"""Problems with the index of the entry they are about (-1: the list itself), to sort by."""


def shown(value: Any) -> str:
    """A value as the user wrote it in YAML (`{a: 1}`, `[x, y]`, `1000260`), not Python's repr."""
    # A lone string keeps its quotes, as in the file ('stopped'); a mapping or list reads as
    # YAML's flow style ({a: 1}).
    style = "'" if isinstance(value, str) else None
    text = str(
        yaml.safe_dump(value, default_flow_style=True, default_style=style, width=1_000_000)
    ).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def _as_text_hint(index: int | None, key: str | None, value: Any, config_key: str) -> str:
    """How to store digits as text: `pulumi config set --path` writes them as a number."""
    if key != "id" or isinstance(value, bool) or not isinstance(value, int) or index is None:
        return ""
    path = f"{config_key}[{index}].id"
    return (
        f"; `pulumi config set --path` stores digits as a number: run "
        f"`pulumi config set --path '{path}' --type string {value}`, or quote it in the YAML"
    )


def _schema_problems(raw: Any, config_key: str) -> tuple[Found, set[int]]:
    problems: Found = []
    broken: set[int] = set()
    required_read: set[tuple[Any, ...]] = set()
    for error in sorted(validator("stack_campaigns").iter_errors(raw), key=lambda e: list(e.path)):
        path = list(error.path)
        index = path[0] if path and isinstance(path[0], int) else None
        key = str(path[1]) if len(path) > 1 else None
        at = -1 if index is None else index
        if error.validator == "required":
            # One error per missing key, each listing all of them: the first says it all.
            if tuple(path) not in required_read:
                required_read.add(tuple(path))
                for missing in missing_properties(error):
                    problems.append((at, f"{_where(index, missing)}: {missing} is required"))
        elif error.validator == "unevaluatedProperties":
            for extra in sorted(set(error.instance) - set(ENTRY_KEYS)):
                problems.append((at, f"{_where(index, extra)}: {_nearest(extra)}"))
        else:
            schema = error.schema if isinstance(error.schema, dict) else {}
            message = (_WORDING.get(key) if key else None) or schema.get("x-message")
            problems.append(
                (
                    at,
                    f"{_where(index, key)}: {message or error.message} "
                    f"(got {shown(error.instance)})"
                    + _as_text_hint(index, key, error.instance, config_key),
                )
            )
        if index is not None:
            broken.add(index)
    return problems, broken


def _nearest(extra: str) -> str:
    near = difflib.get_close_matches(extra, ENTRY_KEYS, n=1, cutoff=0.6)
    return str(_UNKNOWN_KEY) + (f" (did you mean {near[0]}?)" if near else "")


@dataclass(frozen=True)
class Entries:
    """The valid declarations of a stack config: campaigns by id and groups."""

    campaigns: list[CampaignEntry]
    groups: list[GroupEntry]


def parse_campaigns(
    raw: Any, default_zone: str = DEFAULT_ZONE, config_key: str = CONFIG_KEY
) -> list[CampaignEntry]:
    """The campaigns declared by id in `raw` (every entry judged: see `parse_entries`).

    Raises:
        StackConfigError: one message listing every problem, in the order of the entries.
    """
    return parse_entries(raw, default_zone, config_key).campaigns


def parse_entries(
    raw: Any, default_zone: str = DEFAULT_ZONE, config_key: str = CONFIG_KEY
) -> Entries:
    """The declarations in `raw` (the parsed config value; None means none declared).

    Times without an offset are checked in each entry's `time_zone`, else `default_zone`
    (`ocamba:timeZone`); the entries keep them as written, for the provider's check to read in
    the same zone (one place turns them into GMT).

    `config_key` is the key as the program names it (`<project>:campaigns`), for messages.

    Raises:
        StackConfigError: one message listing every problem, in the order of the entries.
    """
    if raw is None:
        return Entries([], [])
    problems, broken = _schema_problems(raw, config_key)
    if not isinstance(raw, list):
        said = [text for _, text in problems]
        raise StackConfigError(f"{config_key} is not valid:\n  - " + "\n  - ".join(said))
    entries: list[tuple[int, CampaignEntry]] = []
    groups: list[tuple[int, GroupEntry]] = []
    for index, item in enumerate(raw):
        if index in broken:
            continue
        name = item.get(RESOURCE_NAME)
        if isinstance(name, str) and name.endswith("\n"):
            # The schema's `pattern` runs with Python's re, whose `$` matches before a final
            # newline; a resource name must not end in one.
            problems.append((index, f"{_where(index, RESOURCE_NAME)}: {_NAME_RULE} (got {name!r})"))
        if is_group_entry(item):
            group, said_of_group = group_entry(item, default_zone)
            problems += [(index, _said(index, problem)) for problem in said_of_group]
            groups.append((index, group))
            continue
        if "allow_empty" in item:
            where = _where(index, "allow_empty")
            problems.append((index, f"{where}: allow_empty is for a group (an entry with select)"))
        inputs = {_INPUT_KEY[k]: v for k, v in item.items() if k in _INPUT_KEY}
        _, semantic = check_declared(inputs, default_zone)
        problems += [(index, _said(index, problem)) for problem in semantic]
        # Exactly as declared: the provider's check reads the times in the entry's zone.
        desired: dict[str, Any] = {STACK_CONFIG_KEY[key]: inputs.get(key) for key in DESIRED_KEYS}
        entry = CampaignEntry(
            resource_name=name or f"{DEFAULT_NAME_PREFIX}{item['id']}",
            policies=tuple((k, inputs[k]) for k in POLICY_KEYS if inputs.get(k) is not None),
            **desired,
        )
        entries.append((index, entry))
    problems += _duplicates(entries, groups)
    if problems:
        # In the order of the file, whichever check found each one.
        said = [text for _, text in sorted(problems, key=lambda found: found[0])]
        raise StackConfigError(
            f"{config_key} is not valid ({len(said)} problem"
            f"{'s' if len(said) > 1 else ''}):\n  - " + "\n  - ".join(said)
        )
    return Entries([entry for _, entry in entries], [group for _, group in groups])


def _said(index: int, problem: Problem) -> str:
    return f"{_where(index, STACK_CONFIG_KEY.get(problem.prop, problem.prop))}: {render(problem)}"


def _duplicates(
    entries: list[tuple[int, CampaignEntry]], groups: list[tuple[int, GroupEntry]]
) -> Found:
    ids = Counter(entry.id for _, entry in entries)
    names = Counter(
        [entry.resource_name for _, entry in entries] + [group.resource_name for _, group in groups]
    )
    found: Found = []
    # The index in messages is the entry's place in the file, not among the valid entries.
    for index, entry in entries:
        if ids[entry.id] > 1:
            found.append(
                (
                    index,
                    f"{_where(index, 'id')}: campaign {entry.id} is declared "
                    f"{ids[entry.id]} times; declare each campaign once",
                )
            )
        elif names[entry.resource_name] > 1:
            found.append((index, _name_used(index, entry.resource_name)))
    found += [
        (index, _name_used(index, group.resource_name))
        for index, group in groups
        if names[group.resource_name] > 1
    ]
    return found


def _name_used(index: int, name: str) -> str:
    return f"{_where(index, 'name')}: name {name!r} is used more than once; names must be unique"


def unknown_program_keys(keys: Iterable[str], project: str) -> list[str]:
    """A sentence for each key of the program's namespace (`<project>:`) that is not
    `campaigns`: the config-driven program reads no other, so any other is a typo."""
    found = []
    for key in sorted(set(keys)):
        namespace, _, name = key.partition(":")
        if namespace != project or name == CAMPAIGNS:
            continue
        near = difflib.get_close_matches(name, [CAMPAIGNS], n=1, cutoff=0.5)
        hint = f"; did you mean {project}:{CAMPAIGNS}?" if near else ""
        found.append(
            f"{key} is not read by this program{hint} (it reads {project}:{CAMPAIGNS} only)"
        )
    return found
